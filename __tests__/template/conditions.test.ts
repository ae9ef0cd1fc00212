import { loadTemplate } from '../../src/template/load.js';
import { checkTemplateSemantics, resolveStack } from '../../src/template/resolve.js';
import type { HotVersion, LoadedTemplate } from '../../src/template/types.js';
import type { Diagnostic } from '../../src/diagnostics.js';

const files = { workspace: process.cwd(), readFile: (): string => { throw new Error('no file'); } };

function load(text: string): LoadedTemplate {
  const res = loadTemplate(text, 'testdata/templates/t.yaml');
  if (!res.ok) throw new Error(JSON.stringify(res.diagnostics));
  return res.template;
}

const HEADER = `heat_template_version: 2017-09-01
parameters:
  env: {type: string}
  zones: {type: comma_delimited_list}
`;

function run(body: string, values: Record<string, unknown>, version: HotVersion = '2017-09-01') {
  const tpl = load(HEADER + body);
  const doc = tpl.doc as Record<string, Record<string, unknown>>;
  const checks = checkTemplateSemantics(tpl, version, { values, definitions: doc.parameters }, files);
  const resolved = resolveStack(tpl, version, { values, hidden: [] }, { ...files, stackName: 's' });
  return { checks, resolved };
}

const codes = (ds: Diagnostic[]): string[] => ds.map((d) => d.code);

const BODY = `conditions:
  prod: {equals: [{get_param: env}, prod]}
  dev: {not: prod}
  eu: {contains: [eu, {get_param: zones}]}
  prod_eu: {and: [prod, eu]}
  any: {or: [prod, eu, false]}
  always: true
  alias: prod
resources:
  web:
    type: DockerInc::Docker::Container
    properties:
      image: nginx
      name: {if: [prod, web-prod, web-dev]}
      hostname: {if: [{or: [dev, prod_eu]}, a, b]}
  debug:
    type: DockerInc::Docker::Container
    condition: dev
    properties: {image: busybox}
  euonly:
    type: DockerInc::Docker::Container
    condition: prod_eu
    properties: {image: busybox}
outputs:
  debug_id:
    condition: dev
    value: {get_resource: debug}
  always:
    condition: alias
    value: {get_attr: [web, network_ip]}
`;

describe('conditions', () => {
  test.each([
    ['prod in eu', { env: 'prod', zones: ['eu', 'us'] }, 'web-prod', 'a', ['web', 'euonly'], ['always']],
    ['prod outside eu', { env: 'prod', zones: ['us'] }, 'web-prod', 'b', ['web'], ['always']],
    ['dev', { env: 'dev', zones: ['eu'] }, 'web-dev', 'a', ['web', 'debug'], ['debug_id']],
  ])('%s', (_name, values, name, hostname, resources, outputs) => {
    const { checks, resolved } = run(BODY, values);
    expect(checks).toEqual([]);
    expect(resolved.diagnostics).toEqual([]);
    const stack = resolved.stack;
    const web = stack?.resources.find((r) => r.name === 'web');
    expect(web?.properties.name).toBe(name);
    expect(web?.properties.hostname).toBe(hostname);
    expect(stack?.resources.map((r) => r.name)).toEqual(resources);
    // As in Heat, an output whose condition is false is there with no value.
    expect(Object.keys(stack?.outputs ?? {}).filter((o) => stack?.outputs[o].value !== null)).toEqual(outputs);
    expect(Object.keys(stack?.outputs ?? {}).sort()).toEqual(['always', 'debug_id']);
  });

  test('an unknown condition name is reported where it is used', () => {
    const { checks: found } = run(`conditions:
  prod: {equals: [{get_param: env}, prod]}
resources:
  web:
    type: DockerInc::Docker::Container
    condition: prd
    properties:
      image: {if: [production, a, b]}
`, { env: 'x', zones: [] });
    const checks = [...found].sort((a, b) => a.line - b.line);
    expect(codes(checks)).toEqual(['unknown-condition', 'unknown-condition']);
    expect(checks[0].message).toContain("did you mean 'prod'?");
    expect([checks[0].line, checks[0].column]).toEqual([10, 16]);
    expect([checks[1].line, checks[1].column]).toEqual([12, 20]);
  });

  test('references to resources and attributes are refused in conditions', () => {
    const { checks } = run(`conditions:
  up: {equals: [{get_attr: [web, network_ip]}, '']}
  id: {equals: [{get_resource: web}, x]}
resources:
  web: {type: DockerInc::Docker::Container, properties: {image: nginx}}
`, { env: 'x', zones: [] });
    expect(codes(checks)).toEqual(['function-not-allowed-here', 'function-not-allowed-here']);
    expect(checks[0].message).toContain("'get_attr' cannot be used in a condition");
    expect([checks[0].line, checks[0].column]).toEqual([6, 18]);
  });

  test('malformed conditions', () => {
    const { checks } = run(`conditions:
  num: 42
  and1: {and: [true]}
  iff: {if: [true, true, false]}
resources: {}
`, { env: 'x', zones: [] });
    expect(codes(checks)).toEqual(['invalid-condition', 'invalid-function-args', 'function-not-allowed-here']);
  });

  test('conditions that refer to each other in a circle', () => {
    const { checks, resolved } = run(`conditions:
  a: b
  b: {not: c}
  c: {and: [a, true]}
resources: {}
`, { env: 'x', zones: [] });
    expect(codes(checks)).toEqual(['condition-cycle']);
    expect(checks[0].message).toContain('a -> b -> c -> a');
    expect(codes(resolved.diagnostics)).toContain('condition-cycle');
    expect(resolved.stack).toBeUndefined();
  });

  test('a condition that evaluates to a non-boolean', () => {
    const { checks, resolved } = run(`conditions:
  c: {get_param: env}
resources: {}
`, { env: 'x', zones: [] });
    expect(checks).toEqual([]);
    expect(codes(resolved.diagnostics)).toEqual(['invalid-condition']);
  });

  test('a value that needs a resource its condition drops', () => {
    const { resolved } = run(`conditions:
  never: false
resources:
  a: {type: DockerInc::Docker::Container, condition: never, properties: {image: x}}
  b:
    type: DockerInc::Docker::Container
    depends_on: a
    properties: {image: x, name: {get_attr: [a, network_ip]}}
`, { env: 'x', zones: [] });
    expect(codes(resolved.diagnostics)).toEqual(['resource-condition-false']);
  });

  test('depends_on a resource its condition drops is dropped', () => {
    const { resolved } = run(`conditions:
  never: false
resources:
  a: {type: DockerInc::Docker::Container, condition: never, properties: {image: x}}
  b: {type: DockerInc::Docker::Container, depends_on: [a], properties: {image: x}}
`, { env: 'x', zones: [] });
    expect(resolved.diagnostics).toEqual([]);
    expect(resolved.stack?.resources.map((r) => [r.name, r.dependsOn])).toEqual([['b', []]]);
  });

  test('yaql in conditions needs 2017-09-01 (in values 2016-10-14)', () => {
    const body = `conditions:
  y: {yaql: {expression: '$.data', data: true}}
resources: {}
`;
    const { checks } = run(body, { env: 'x', zones: [] }, '2017-02-24');
    expect(checks.map((d) => [d.code, d.message])).toEqual([
      ['function-not-in-version', "'yaql' in a condition needs heat_template_version 2017-09-01 or later; this template is 2017-02-24"],
    ]);
    expect(run(body, { env: 'x', zones: [] }, '2017-09-01').checks).toEqual([]);
  });

  test('contains in conditions needs 2017-09-01', () => {
    const { checks } = run(`conditions:
  eu: {contains: [eu, {get_param: zones}]}
resources: {}
`, { env: 'x', zones: [] }, '2017-02-24');
    expect(codes(checks)).toEqual(['function-not-in-version']);
  });
});
