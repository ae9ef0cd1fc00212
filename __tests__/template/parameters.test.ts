import { createHash } from 'node:crypto';
import { load } from 'js-yaml';
import fc from 'fast-check';
import { resolveParameters, MASK, type SuppliedParameters } from '../../src/template/parameters.js';
import { coerceValue, parseBoolean, type ParameterType } from '../../src/template/parameter-types.js';
import { loadTemplate } from '../../src/template/load.js';
import type { EnvironmentFile } from '../../src/template/environment.js';
import type { LoadedTemplate, PositionMap } from '../../src/template/types.js';

/** Positions that give every pointer its own line, so tests can tell which node was located. */
function fakePositions(): PositionMap & { lineOf(ptr: string): number } {
  const lines = new Map<string, number>();
  const at = (ptr: string) => {
    if (!lines.has(ptr)) lines.set(ptr, lines.size + 1);
    return { line: lines.get(ptr) as number, column: 1 };
  };
  return { value: at, key: (p) => ({ ...at(p), column: 7 }), locate: at, lineOf: (p) => at(p).line };
}

/** The real loader's template; documents it refuses (not a mapping) get fake positions. */
function tpl(text: string): LoadedTemplate {
  const loaded = loadTemplate(text, 'tpl.yaml');
  return loaded.ok ? loaded.template : { file: 'tpl.yaml', text, doc: load(text), positions: fakePositions() };
}

function env(file: string, parameters: Record<string, unknown>, parameterDefaults: Record<string, unknown> = {}): EnvironmentFile {
  return { file, parameters, parameterDefaults, positions: fakePositions() };
}

const input = (values: Record<string, unknown>): SuppliedParameters => ({ values, source: "the 'parameters' input" });

function resolve(text: string, values: Record<string, unknown> = {}, envs: EnvironmentFile[] = []) {
  return resolveParameters(tpl(text), '2021-04-16', input(values), envs, { stackName: 'st' });
}

const codes = (r: { diagnostics: { code: string }[] }) => r.diagnostics.map((d) => d.code).sort();

describe('coercion', () => {
  it.each<[ParameterType, unknown, unknown]>([
    ['number', 5, 5],
    ['number', '5', 5],
    ['number', ' -2.5 ', -2.5],
    ['number', '1e3', 1000],
    ['number', '+.5', 0.5],
    ['number', '007', 7],
    ['string', 'x', 'x'],
    ['string', 8080, '8080'],
    ['string', true, 'true'],
    ['string', '', ''],
    ['comma_delimited_list', ['a', 'b'], ['a', 'b']],
    ['comma_delimited_list', 'a, b ,c', ['a', ' b ', 'c']],
    ['comma_delimited_list', [1, true, null], ['1', 'True', 'None']],
    ['comma_delimited_list', 'a', ['a']],
    ['comma_delimited_list', '', []],
    ['json', { a: 1 }, { a: 1 }],
    ['json', [1], [1]],
    ['json', '{"a": [1]}', { a: [1] }],
    ['json', '[]', []],
  ])('%s accepts %j as %j', (type, raw, expected) => {
    expect(coerceValue(type, raw)).toEqual({ ok: true, value: expected });
  });

  it.each(['t', 'True', 'ON', 'y', 'Yes', '1', true, 1])('boolean reads %j as true', (raw) => {
    expect(coerceValue('boolean', raw)).toEqual({ ok: true, value: true });
  });
  it.each(['f', 'FALSE', 'off', 'N', 'no', '0', false, 0])('boolean reads %j as false', (raw) => {
    expect(coerceValue('boolean', raw)).toEqual({ ok: true, value: false });
  });

  it.each<[ParameterType, unknown]>([
    ['number', 'abc'],
    ['number', ''],
    ['number', true],
    ['number', [1]],
    ['number', 'Infinity'],
    ['number', '0x10'],
    ['number', '1_000'],
    ['number', '1.2.3'],
    ['string', { a: 1 }],
    ['string', ['a']],
    ['boolean', 'maybe'],
    ['boolean', 2],
    ['boolean', ''],
    ['comma_delimited_list', { a: 1 }],
    ['json', '{bad'],
    ['json', '"text"'],
    ['json', 5],
  ])('%s refuses %j', (type, raw) => {
    expect(coerceValue(type, raw).ok).toBe(false);
  });

  it('parseBoolean leaves other things undefined', () => {
    expect([parseBoolean(null), parseBoolean({}), parseBoolean('tru')]).toEqual([undefined, undefined, undefined]);
  });
});

const PORT = `
parameters:
  port:
    type: number
    default: 80
    constraints:
      - range: {min: 1, max: 65535}
        description: Port must be between 1 and 65535
`;

describe('values and precedence', () => {
  it('uses the default when nothing else is given', () => {
    const r = resolve(PORT);
    expect(r.diagnostics).toEqual([]);
    expect(r.values.port).toBe(80);
  });

  it('parameter_defaults < parameters < supplied; later environment files win', () => {
    const e1 = env('e1.yaml', { port: 1001 }, { port: 1000 });
    const e2 = env('e2.yaml', {}, { port: 2000 });
    const e3 = env('e3.yaml', { port: '3001' });
    expect(resolve(PORT, {}, [e2]).values.port).toBe(2000);
    expect(resolve(PORT, {}, [e1, e2]).values.port).toBe(1001);
    expect(resolve(PORT, {}, [e1, e2, e3]).values.port).toBe(3001);
    expect(resolve(PORT, { port: '4000' }, [e1, e2, e3]).values.port).toBe(4000);
    expect(resolve(PORT, {}, [env('a', {}, { port: 5 }), env('b', {}, { port: 6 })]).values.port).toBe(6);
  });

  it('treats a null value as not given', () => {
    expect(resolve(PORT, { port: null }).values.port).toBe(80);
  });

  it('adds the pseudo parameters', () => {
    const r = resolveParameters(tpl('parameters: {}'), '2013-05-23', input({}), [], { stackName: 'web', projectId: 'p1' });
    expect(r.values['OS::stack_name']).toBe('web');
    expect(r.values['OS::project_id']).toBe('p1');
    expect(r.values['OS::stack_id']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const other = resolveParameters(tpl('{}'), '2013-05-23', input({}), [], { stackName: 'db', stackId: 'id-1' });
    expect(other.values['OS::stack_id']).toBe('id-1');
    const again = resolveParameters(tpl('{}'), '2013-05-23', input({}), [], { stackName: 'web' });
    expect(again.values['OS::stack_id']).toBe(r.values['OS::stack_id']);
  });

  it('derives OS::stack_id as before (sha256 of the stack name), on first read, and reads through copies', () => {
    const r = resolveParameters(tpl('{}'), '2013-05-23', input({}), [], { stackName: 'web' });
    const h = createHash('sha256').update('hotdock-stack:web').digest('hex');
    const expected = `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
    // A copy made the way resolveStack makes it keeps the value computed on demand.
    const copy = Object.defineProperties({}, Object.getOwnPropertyDescriptors(r.values)) as Record<string, unknown>;
    expect(copy['OS::stack_id']).toBe(expected);
    expect(r.values['OS::stack_id']).toBe(expected);
    expect(Object.keys(r.values)).toContain('OS::stack_id');
    expect(JSON.parse(JSON.stringify(r.values))['OS::stack_id']).toBe(expected);
    r.values['OS::stack_id'] = 'set';
    expect(r.values['OS::stack_id']).toBe('set');
  });

  it('reports a missing value at the parameter definition', () => {
    const t = tpl('parameters:\n  image:\n    type: string\n');
    const r = resolveParameters(t, '2021-04-16', input({}), [], { stackName: 's' });
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ code: 'missing-parameter-value', path: '/parameters/image', line: 2, column: 3, severity: 'error' });
    expect(r.diagnostics[0].message).toBe(
      "parameter 'image' has no default and no value was given: pass it in the 'parameters' input or an environment file",
    );
    expect(r.values).not.toHaveProperty('image');
  });

  it('accepts an explicit empty default', () => {
    expect(resolve("parameters: {tag: {type: string, default: ''}}").values.tag).toBe('');
  });
});

describe('definition checks', () => {
  it.each([
    ['parameters: {p: {type: number, default: abc}}', ['invalid-default'], '/parameters/p/default'],
    ['parameters: {p: {type: boolean, default: maybe}}', ['invalid-default'], '/parameters/p/default'],
    ["parameters: {p: {type: json, default: '{x'}}", ['invalid-default'], '/parameters/p/default'],
    ['parameters: {p: {type: number, default: 0, constraints: [{range: {min: 1}}]}}', ['default-violates-constraint'], '/parameters/p/default'],
    ['parameters: {p: {type: string, default: abc, constraints: [{length: {max: 2}}]}}', ['default-violates-constraint'], '/parameters/p/default'],
    ['parameters: {p: {type: string, default: c, constraints: [{allowed_values: [a, b]}]}}', ['default-violates-constraint'], '/parameters/p/default'],
    ['parameters: {p: {type: string, default: a1, constraints: [{allowed_pattern: "[a-z]*"}]}}', ['default-violates-constraint'], '/parameters/p/default'],
    ['parameters: {p: {type: number, default: 3, constraints: [{modulo: {step: 2, offset: 0}}]}}', ['default-violates-constraint'], '/parameters/p/default'],
    ['parameters: {p: {type: number, default: 1}}\nparameter_groups: [{parameters: [p, q]}]', ['unknown-parameter'], '/parameter_groups/0/parameters/1'],
  ])('%s', (text, expected, path) => {
    const r = resolve(text);
    expect(codes(r)).toEqual(expected);
    expect(r.diagnostics[0].path).toBe(path);
  });

  it('does not report the missing value again after an invalid default', () => {
    const r = resolve('parameters: {p: {type: number, default: abc}}');
    expect(codes(r)).toEqual(['invalid-default']);
    expect(r.values).not.toHaveProperty('p');
  });
});

describe('given values', () => {
  it('reports a value breaking a constraint at the constraint, with its description', () => {
    const t = tpl(PORT);
    const r = resolveParameters(t, '2021-04-16', input({ port: 70000 }), [], { stackName: 's' });
    expect(r.diagnostics).toHaveLength(1);
    const d = r.diagnostics[0];
    expect(d).toMatchObject({ code: 'parameter-constraint-violated', path: '/parameters/port/constraints/0', file: 'tpl.yaml' });
    expect([d.line, d.column]).toEqual([7, 9]);
    expect(d.message).toContain("'port'");
    expect(d.message).toContain('70000');
    expect(d.message).toContain('Port must be between 1 and 65535');
  });

  it('reports an environment file value in that file', () => {
    const e = env('prod.env.yaml', {}, { port: 0 });
    const r = resolve(PORT, {}, [e]);
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ file: 'prod.env.yaml', path: '/parameter_defaults/port', code: 'parameter-constraint-violated' });
    expect(r.diagnostics[0].line).toBe((e.positions as ReturnType<typeof fakePositions>).lineOf('/parameter_defaults/port'));
    expect(r.diagnostics[0].message).toContain("environment file 'prod.env.yaml'");
  });

  it.each<[string, unknown]>([
    ['number', 'eighty'],
    ['boolean', 'perhaps'],
    ['json', '{"a":'],
    ['string', { a: 1 }],
    ['comma_delimited_list', { a: 1 }],
  ])('reports a %s value that does not fit: %j', (type, value) => {
    const r = resolve(`parameters: {p: {type: ${type}}}`, { p: value });
    expect(codes(r)).toEqual(['invalid-parameter-value']);
    expect(r.diagnostics[0].path).toBe('/parameters/p');
    expect(r.diagnostics[0].message).toContain("the 'parameters' input");
    expect(r.values).not.toHaveProperty('p');
  });

  it('warns about values for parameters the template does not define', () => {
    const r = resolve(PORT, { nope: 1, 'OS::stack_name': 'x' }, [env('e.yaml', { other: 2 }, { quiet: 3 })]);
    expect(r.diagnostics.map((d) => [d.code, d.severity, d.file])).toEqual([
      ['unknown-parameter-value', 'warning', 'tpl.yaml'],
      ['unknown-parameter-value', 'warning', 'tpl.yaml'],
      ['unknown-parameter-value', 'warning', 'e.yaml'],
    ]);
    expect(r.diagnostics[0].message).toContain("'nope'");
    expect(r.diagnostics[0].message).toContain('Heat');
    expect(r.values['OS::stack_name']).toBe('st');
  });
});

describe('hidden parameters', () => {
  const SECRET = `
parameters:
  password:
    type: string
    hidden: true
    default: hunter2hunter2
    constraints:
      - length: {max: 4}
      - allowed_pattern: "[0-9]+"
`;
  it('lists them and never shows their values', () => {
    const supplied = ['s3cr3t-value', { leak: 'me' }];
    for (const value of supplied) {
      const r = resolve(SECRET, { password: value });
      expect(r.hidden).toEqual(['password']);
      expect(r.diagnostics.length).toBeGreaterThan(0);
      for (const d of r.diagnostics) {
        expect(d.message).not.toMatch(/hunter2|s3cr3t|leak/);
        expect(d.message).toContain(MASK);
      }
    }
  });

  it('masks a bad hidden json value and its parse error', () => {
    const r = resolve('parameters: {token: {type: json, hidden: "yes"}}', { token: '{"secret-token' });
    expect(codes(r)).toEqual(['invalid-parameter-value']);
    expect(r.diagnostics[0].message).not.toContain('secret-token');
    expect(r.hidden).toEqual(['token']);
  });

  it('keeps the real value in values', () => {
    expect(resolve(SECRET.replace(/constraints:[\s\S]*/, ''), { password: 'pw' }).values.password).toBe('pw');
  });

  it.each<[string, string, unknown, string[]]>([
    ['a string', 'string', 's3cr3t-value', ['s3cr3t-value']],
    ['a number given as text', 'number', '08080', ['08080', '8080']],
    ['a list given as text', 'comma_delimited_list', 'alpha-one,beta-two', ['alpha-one,beta-two', '["alpha-one","beta-two"]', 'alpha-one', 'beta-two']],
    ['json given as text', 'json', '{"pass": "pw-s3cr3t", "n": 98765}', ['{"pass": "pw-s3cr3t", "n": 98765}', '{"pass":"pw-s3cr3t","n":98765}', 'pw-s3cr3t', '98765']],
    ['a boolean', 'boolean', 'yes', ['yes', 'true']],
    ['a value that does not coerce', 'number', 'not-a-number-secret', ['not-a-number-secret']],
  ])('secrets: every form of %s, as given and as used', (_what, type, value, expected) => {
    const r = resolve(`parameters: {p: {type: ${type}, hidden: true}, q: {type: string, default: public-value}}`, { p: value });
    expect(r.secrets).toEqual(expect.arrayContaining(expected));
    expect(r.secrets).not.toContain('public-value');
  });

  it('secrets: a hidden default counts, a visible parameter never does', () => {
    const r = resolve('parameters: {p: {type: string, hidden: true, default: default-secret}, q: {type: string, default: shown}}');
    expect(r.secrets).toEqual(['default-secret']);
  });
});

describe('robustness', () => {
  it.each([
    'parameters: 3',
    'parameters: [a]',
    'parameters: {p: 3, q: null, r: [1]}',
    'parameters: {p: {type: nope, default: 3}}',
    'parameters: {p: {type: string, constraints: x}}',
    'parameters: {p: {type: string, constraints: [null, 3, {range: 1}]}}',
    'parameter_groups: 3',
    'parameter_groups: [3, {parameters: x}, {parameters: [1, null]}]',
    '- a',
    'text',
  ])('does not throw on %s', (text) => {
    expect(() => resolve(text, { p: 1 })).not.toThrow();
  });

  it('keeps the raw value of a parameter whose type it cannot read', () => {
    expect(resolve('parameters: {p: {type: nope, default: 3}}').values.p).toBe(3);
  });

  it('accepts a supplied input that is not a mapping', () => {
    const r = resolveParameters(tpl(PORT), '2021-04-16', { values: 'x' as unknown as Record<string, unknown>, source: '--param' }, [], { stackName: 's' });
    expect(r.values.port).toBe(80);
  });
});

describe('never throws', () => {
  const types = fc.constantFrom('string', 'number', 'boolean', 'comma_delimited_list', 'json', 'nope', 3);
  const constraint = fc.oneof(
    fc.record({ length: fc.anything() }),
    fc.record({ range: fc.record({ min: fc.anything(), max: fc.anything() }, { requiredKeys: [] }) }),
    fc.record({ modulo: fc.record({ step: fc.anything(), offset: fc.anything() }, { requiredKeys: [] }) }),
    fc.record({ allowed_values: fc.anything() }),
    fc.record({ allowed_pattern: fc.oneof(fc.string(), fc.anything()) }),
    fc.anything(),
  );
  const definition = fc.oneof(
    fc.record(
      { type: types, default: fc.anything(), hidden: fc.anything(), constraints: fc.oneof(fc.array(constraint), fc.anything()) },
      { requiredKeys: ['type'] },
    ),
    fc.anything(),
  );

  it('on any definitions and supplied values', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), definition), fc.dictionary(fc.string(), fc.anything()), (parameters, values) => {
        const t: LoadedTemplate = { file: 't', text: '', doc: { parameters }, positions: fakePositions() };
        const r = resolveParameters(t, '2021-04-16', input(values), [env('e', values, values)], { stackName: 's' });
        expect(Array.isArray(r.diagnostics)).toBe(true);
        expect(r.values['OS::stack_name']).toBe('s');
      }),
      { numRuns: 300 },
    );
  });
});
