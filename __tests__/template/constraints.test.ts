import { load } from 'js-yaml';
import { compilePattern, parseConstraints, pyMod } from '../../src/template/constraints.js';
import { coerceValue, type ParameterType } from '../../src/template/parameter-types.js';
import type { LoadedTemplate, PositionMap } from '../../src/template/types.js';

const positions: PositionMap = {
  value: () => ({ line: 1, column: 1 }),
  key: () => ({ line: 1, column: 1 }),
  locate: () => ({ line: 1, column: 1 }),
};

/** Parses one constraint item (YAML flow text) for a parameter of `type`. */
function constraintOf(type: ParameterType, item: string) {
  const def = { type, constraints: [load(item)] };
  const tpl: LoadedTemplate = { file: 't.yaml', text: '', doc: { parameters: { p: def } }, positions };
  return parseConstraints(tpl, 'p', def, type);
}

/** The constraint's verdict on a raw value, coerced to the type first like resolveParameters does. */
function verdict(type: ParameterType, item: string, raw: unknown): boolean {
  const { constraints, diagnostics } = constraintOf(type, item);
  expect(diagnostics).toEqual([]);
  expect(constraints).toHaveLength(1);
  const c = coerceValue(type, raw);
  if (!c.ok) throw new Error(`test value ${String(raw)} does not coerce to ${type}`);
  return constraints[0].test(c.value);
}

describe('constraint verdicts', () => {
  it.each<[ParameterType, string, unknown, boolean]>([
    // length: characters, list items, json entries; inclusive bounds
    ['string', '{length: {min: 2, max: 4}}', 'ab', true],
    ['string', '{length: {min: 2, max: 4}}', 'abcd', true],
    ['string', '{length: {min: 2, max: 4}}', 'a', false],
    ['string', '{length: {min: 2, max: 4}}', 'abcde', false],
    ['string', '{length: {min: 1}}', '', false],
    ['string', '{length: {max: 2}}', 'é€', true],
    ['string', '{length: {max: 1}}', '😀', true],
    ['comma_delimited_list', '{length: {min: 2}}', 'a,b', true],
    ['comma_delimited_list', '{length: {min: 2}}', 'ab', false],
    ['comma_delimited_list', '{length: {max: 2}}', ['a', 'b', 'c'], false],
    ['json', '{length: {max: 1}}', { a: 1 }, true],
    ['json', '{length: {max: 1}}', '{"a": 1, "b": 2}', false],
    ['json', '{length: {min: 3}}', [1, 2, 3], true],
    // range: inclusive, either bound alone
    ['number', '{range: {min: 1, max: 65535}}', 1, true],
    ['number', '{range: {min: 1, max: 65535}}', 65535, true],
    ['number', '{range: {min: 1, max: 65535}}', 0, false],
    ['number', '{range: {min: 1, max: 65535}}', '65536', false],
    ['number', '{range: {min: 0.5}}', 0.4, false],
    ['number', '{range: {max: -1}}', -1, true],
    // modulo: python semantics
    ['number', '{modulo: {step: 2, offset: 1}}', 7, true],
    ['number', '{modulo: {step: 2, offset: 1}}', 8, false],
    ['number', '{modulo: {step: 2, offset: 1}}', -3, true],
    ['number', '{modulo: {step: 5, offset: 0}}', 0, true],
    ['number', '{modulo: {step: -3, offset: -1}}', 2, true],
    ['number', '{modulo: {step: -3, offset: -1}}', 3, false],
    // allowed_values per type
    ['string', '{allowed_values: [a, b]}', 'a', true],
    ['string', '{allowed_values: [a, b]}', 'A', false],
    ['string', '{allowed_values: [80, 443]}', '443', true],
    ['number', '{allowed_values: [80, "443"]}', '443', true],
    ['number', '{allowed_values: [80, 443]}', 8080, false],
    ['boolean', '{allowed_values: [true]}', 'yes', true],
    ['boolean', '{allowed_values: ["on"]}', false, false],
    ['comma_delimited_list', '{allowed_values: [a, b]}', 'a,b,a', true],
    ['comma_delimited_list', '{allowed_values: [a, b]}', 'a, b', false],
    ['comma_delimited_list', '{allowed_values: [a, b]}', 'a,c', false],
    ['comma_delimited_list', '{allowed_values: [a]}', '', true],
    // allowed_pattern: the whole value
    ['string', '{allowed_pattern: "[a-z]+"}', 'abc', true],
    ['string', '{allowed_pattern: "[a-z]+"}', 'abc1', false],
    ['string', '{allowed_pattern: "[a-z]+"}', '1abc', false],
    ['string', '{allowed_pattern: "a|b"}', 'ab', false],
    ['string', '{allowed_pattern: "[a-z]+"}', 'abc\n', false],
    ['string', '{allowed_pattern: "(?P<x>a)(?P=x)"}', 'aa', true],
  ])('%s %s with %j → %s', (type, item, raw, expected) => {
    expect(verdict(type, item, raw)).toBe(expected);
  });
});

describe('constraint definitions', () => {
  it.each<[ParameterType, string, string, string]>([
    ['string', '{length: {}}', 'invalid-constraint', '/parameters/p/constraints/0/length'],
    ['string', '{length: {min: 5, max: 4}}', 'invalid-constraint', '/parameters/p/constraints/0/length'],
    ['number', '{modulo: {step: 2, offset: 2}}', 'invalid-constraint', '/parameters/p/constraints/0/modulo'],
    ['number', '{modulo: {step: 0, offset: 0}}', 'invalid-constraint', '/parameters/p/constraints/0/modulo/step'],
    ['number', '{modulo: {step: 3, offset: -1}}', 'invalid-constraint', '/parameters/p/constraints/0/modulo'],
    ['number', '{allowed_values: [1, x]}', 'invalid-constraint', '/parameters/p/constraints/0/allowed_values/1'],
    ['string', '{allowed_values: []}', 'invalid-constraint', '/parameters/p/constraints/0/allowed_values'],
    ['string', '{allowed_pattern: "[a-"}', 'invalid-constraint', '/parameters/p/constraints/0/allowed_pattern'],
    ['number', '{length: {min: 1}}', 'constraint-not-for-type', '/parameters/p/constraints/0/length'],
    ['boolean', '{length: {min: 1}}', 'constraint-not-for-type', '/parameters/p/constraints/0/length'],
    ['string', '{range: {min: 1}}', 'constraint-not-for-type', '/parameters/p/constraints/0/range'],
    ['comma_delimited_list', '{modulo: {step: 2, offset: 0}}', 'constraint-not-for-type', '/parameters/p/constraints/0/modulo'],
    ['json', '{allowed_values: [a]}', 'constraint-not-for-type', '/parameters/p/constraints/0/allowed_values'],
    ['number', '{allowed_pattern: "[0-9]+"}', 'constraint-not-for-type', '/parameters/p/constraints/0/allowed_pattern'],
    ['string', '{custom_constraint: nova.flavor}', 'unsupported-constraint', '/parameters/p/constraints/0/custom_constraint'],
  ])('%s %s → %s', (type, item, code, path) => {
    const { constraints, diagnostics } = constraintOf(type, item);
    expect(constraints).toEqual([]);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code, path });
    expect(diagnostics[0].severity).toBe(code === 'unsupported-constraint' ? 'warning' : 'error');
    expect(diagnostics[0].message).toContain("'p'");
  });

  it.each<[ParameterType, string]>([
    ['string', '{length: null}'],
    ['number', '{range: {min: a}}'],
    ['number', '{range: {max: [1]}}'],
    ['number', '{modulo: {step: 2}}'],
    ['number', '{modulo: null}'],
    ['string', '{allowed_values: a}'],
    ['string', '{allowed_pattern: 5}'],
  ])('leaves the wrong shape %s %s to the schema: no constraint, no second message', (type, item) => {
    expect(constraintOf(type, item)).toEqual({ constraints: [], diagnostics: [] });
  });

  it('keeps the description for messages', () => {
    const { constraints } = constraintOf('number', '{range: {min: 1}, description: Port must be positive}');
    expect(constraints[0]).toMatchObject({ kind: 'range', description: 'Port must be positive', pointer: '/parameters/p/constraints/0' });
  });

  it('skips constraints of the wrong shape without throwing', () => {
    for (const constraints of ['x', 3, null, { a: 1 }, [1, 'a', null, [], { description: 'd' }]]) {
      const def = { type: 'string', constraints };
      const tpl: LoadedTemplate = { file: 't', text: '', doc: {}, positions };
      expect(parseConstraints(tpl, 'p', def, 'string')).toEqual({ constraints: [], diagnostics: [] });
    }
  });
});

describe('helpers', () => {
  it('pyMod follows the sign of the divisor', () => {
    expect([pyMod(-3, 2), pyMod(3, -2), pyMod(7, 3), pyMod(-7, -3)]).toEqual([1, -1, 1, -1]);
  });
  it('compilePattern anchors and reports bad patterns as text', () => {
    expect((compilePattern('a') as RegExp).test('ba')).toBe(false);
    expect(typeof compilePattern('(')).toBe('string');
  });
});
