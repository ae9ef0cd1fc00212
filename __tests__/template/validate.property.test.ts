/**
 * Property-based: whatever the input, the whole validator returns diagnostics (never throws)
 * and answers quickly. Inputs: random documents, and mutations of a valid template.
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { dump } from 'js-yaml';
import { validateTemplateText } from '../../src/template/validate.js';

const root = resolve(import.meta.dirname ?? '.', '../..');
const io = { readFile: (p: string) => readFileSync(p, 'utf8') };
const settings = {
  template: 'testdata/templates/valid/property.yaml',
  workspace: root,
  stackName: 'prop',
  parameters: {},
  environmentFiles: [],
  dockerEndpoint: 'unix:///var/run/docker.sock',
  endpoints: {},
};

const base = `heat_template_version: 2016-10-14
parameters:
  image: {type: string, default: hotdock-test/busybox:1}
  port: {type: number, default: 8080, constraints: [{range: {min: 1024, max: 65535}}]}
conditions:
  prod: {equals: [{get_param: port}, 8080]}
resources:
  web:
    type: DockerInc::Docker::Container
    properties:
      image: {get_param: image}
      port_bindings: {80: {get_param: port}}
      env: [{str_replace: {template: "A=$x", params: {$x: {get_param: port}}}}]
  db:
    type: DockerInc::Docker::Container
    depends_on: web
    condition: prod
    properties:
      image: hotdock-test/busybox:1
      links: {web: web}
outputs:
  ip: {value: {get_attr: [web, network_ip]}}
`;

/** Runs the validator, checking the contract on its answer, and returns the elapsed ms. */
function check(text: string): number {
  const started = performance.now();
  const result = validateTemplateText(text, settings, io);
  const elapsed = performance.now() - started;
  for (const d of result.diagnostics) {
    expect(d.line).toBeGreaterThanOrEqual(1);
    expect(d.column).toBeGreaterThanOrEqual(1);
    expect(typeof d.message).toBe('string');
    expect(['error', 'warning']).toContain(d.severity);
  }
  return elapsed;
}

test('the base template is valid', () => {
  const result = validateTemplateText(base, settings, io);
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  expect(result.stack?.resources.map((r) => r.name)).toEqual(['web', 'db']);
});

test('random YAML-shaped documents never crash the validator', () => {
  const key = fc.constantFrom(
    'heat_template_version', 'resources', 'parameters', 'outputs', 'conditions', 'type', 'properties',
    'image', 'get_param', 'get_attr', 'get_resource', 'str_replace', 'depends_on', 'port_bindings', 'x',
  );
  const leaf = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.constantFrom('2016-10-14', 'web', 'DockerInc::Docker::Container'));
  const value = fc.letrec((tie) => ({
    node: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('node'), { maxLength: 4 }), fc.dictionary(key, tie('node'), { maxKeys: 4 })),
  })).node;
  fc.assert(
    fc.property(fc.dictionary(key, value, { maxKeys: 6 }), (doc) => {
      expect(check(dump(doc))).toBeLessThan(1000);
    }),
    { numRuns: 300 },
  );
});

test('mutations of a valid template never crash the validator', () => {
  const mutation = fc.record({
    at: fc.nat({ max: base.length }),
    cut: fc.nat({ max: 12 }),
    insert: fc.constantFrom('', ':', '- ', '&a ', '*a', '\t', '"', "'", '{', '}', '[', ']', '\n  ', 'get_param', '!!binary ', '<<: *a'),
  });
  fc.assert(
    fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => {
      let text = base;
      for (const m of mutations) {
        const at = Math.min(m.at, text.length);
        text = text.slice(0, at) + m.insert + text.slice(at + m.cut);
      }
      expect(check(text)).toBeLessThan(1000);
    }),
    { numRuns: 400 },
  );
});

test('random text never crashes the validator', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 400 }), (text) => {
      expect(check(text)).toBeLessThan(1000);
    }),
    { numRuns: 300 },
  );
});
