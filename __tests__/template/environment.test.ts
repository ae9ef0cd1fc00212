import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseEnvironmentFile, type EnvironmentFile } from '../../src/template/environment.js';
import { resolveParameters } from '../../src/template/parameters.js';
import { loadTemplate } from '../../src/template/load.js';

const root = resolve(import.meta.dirname ?? '.', '../..');

function envFile(name: string) {
  const file = join('testdata', 'environments', name);
  return parseEnvironmentFile(readFileSync(join(root, file), 'utf8'), file);
}

function mustEnv(name: string): EnvironmentFile {
  const r = envFile(name);
  if (!r.env) throw new Error(`${name} did not parse: ${JSON.stringify(r.diagnostics)}`);
  return r.env;
}

const TEMPLATE = `heat_template_version: 2021-04-16
parameters:
  port:
    type: number
    constraints:
      - range: {min: 1, max: 65535}
  replicas:
    type: number
    default: 1
  image:
    type: string
resources: {}
`;

function template() {
  const loaded = loadTemplate(TEMPLATE, 'web.yaml');
  if (!loaded.ok) throw new Error('template did not load');
  return loaded.template;
}

function resolveWith(envs: EnvironmentFile[], values: Record<string, unknown> = {}) {
  return resolveParameters(template(), '2021-04-16', { values, source: '--param' }, envs, { stackName: 's' });
}

describe('parseEnvironmentFile', () => {
  it('reads parameters and parameter_defaults and accepts the other Heat sections', () => {
    const r = envFile('production.yaml');
    expect(r.diagnostics).toEqual([]);
    expect(r.env?.parameters).toEqual({ port: 443, replicas: '3' });
    expect(r.env?.parameterDefaults).toEqual({ image: 'nginx:1.27-alpine' });
    expect(r.env?.file).toBe('testdata/environments/production.yaml');
  });

  it('reports unknown sections at their key, a non-mapping parameters section, and ignores resource_registry', () => {
    const r = envFile('unknown-section.yaml');
    const got = r.diagnostics.map((d) => `${d.code} ${d.severity} ${d.line}:${d.column} ${d.file}`);
    expect(got).toEqual([
      'unknown-environment-section error 2:1 testdata/environments/unknown-section.yaml',
      'ignored-environment-section warning 4:1 testdata/environments/unknown-section.yaml',
      'invalid-environment-section error 6:13 testdata/environments/unknown-section.yaml',
    ]);
    expect(r.diagnostics[0].message).toContain("'params'");
    expect(r.env?.parameters).toEqual({});
  });

  it.each([
    ['', {}],
    ['# only a comment\n', {}],
    ['---\n# nothing yet\n', {}],
    ['parameters:\n', {}],
    ['parameters: {a: 1}\n', { a: 1 }],
  ])('accepts %j', (text, parameters) => {
    const r = parseEnvironmentFile(text, 'e.yaml');
    expect(r.diagnostics).toEqual([]);
    expect(r.env?.parameters).toEqual(parameters);
  });

  it.each(['- a\n- b\n', 'just text\n', '42\n'])('refuses a file that is not a mapping: %j', (text) => {
    const r = parseEnvironmentFile(text, 'e.yaml');
    expect(r.env).toBeUndefined();
    expect(r.diagnostics.map((d) => d.code)).toEqual(['invalid-environment']);
  });

  it('passes YAML syntax errors through, located in the environment file', () => {
    const r = parseEnvironmentFile('parameters:\n  a: [1, 2\n', 'e.yaml');
    expect(r.env).toBeUndefined();
    expect(r.diagnostics.length).toBeGreaterThan(0);
    expect(r.diagnostics.every((d) => d.file === 'e.yaml' && d.severity === 'error')).toBe(true);
  });
});

describe('environment files feeding parameters', () => {
  it('applies defaults, then parameters, later files winning, then supplied values', () => {
    const defaults = mustEnv('defaults.yaml');
    const production = mustEnv('production.yaml');
    const r = resolveWith([defaults, production]);
    expect(r.diagnostics).toEqual([]);
    expect(r.values).toMatchObject({ port: 443, replicas: 3, image: 'nginx:1.27-alpine' });
    expect(resolveWith([production, defaults]).values).toMatchObject({ port: 443, image: 'nginx:1.27' });
    expect(resolveWith([defaults, production], { port: '80' }).values.port).toBe(80);
  });

  it('reports bad values at their line in the environment file', () => {
    const r = resolveWith([mustEnv('defaults.yaml'), mustEnv('bad-port.yaml')]);
    const got = r.diagnostics.map((d) => `${d.code} ${d.severity} ${d.file} ${d.line}:${d.column} ${d.path}`);
    expect(got).toEqual([
      'parameter-constraint-violated error testdata/environments/bad-port.yaml 3:9 /parameters/port',
      'invalid-parameter-value error testdata/environments/bad-port.yaml 4:13 /parameters/replicas',
      'unknown-parameter-value warning testdata/environments/bad-port.yaml 5:3 /parameters/nope',
    ]);
    expect(r.diagnostics[0].message).toContain('70000');
    expect(r.diagnostics[1].message).toContain("environment file 'testdata/environments/bad-port.yaml'");
  });

  it('says a required value is missing when no file gives it', () => {
    const r = resolveWith([]);
    expect(r.diagnostics.map((d) => `${d.code} ${d.file} ${d.line}:${d.column}`)).toEqual([
      'missing-parameter-value web.yaml 3:3',
      'missing-parameter-value web.yaml 10:3',
    ]);
  });
});
