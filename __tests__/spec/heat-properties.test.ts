/**
 * Property-level Heat fidelity, table-driven: every file under testdata/heat/properties holds
 * cases (a properties snippet, optional parameters, and the create-body fields or the diagnostic
 * expected), each file citing the Heat source its behaviour comes from. The whole validator runs
 * on each case, then the create body is built from what it resolved.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { load } from 'js-yaml';
import { toCreateBody } from '../../src/spec/create-options.js';
import { validateTemplateText } from '../../src/template/validate.js';

const root = resolve(import.meta.dirname ?? '.', '../..');
const dir = join(root, 'testdata', 'heat', 'properties');

interface Case {
  name: string;
  parameters?: string;
  properties: string;
  expect: { body: Record<string, unknown> } | { error: { code: string; at: string } };
}

const indent = (text: string, by: number): string[] => text.trimEnd().split('\n').map((l) => ' '.repeat(by) + l);

/** The case as a whole template, and the line before its first properties line. */
function template(c: Case): { text: string; offset: number } {
  const head = [
    'heat_template_version: 2021-04-16',
    ...(c.parameters ? ['parameters:', ...indent(c.parameters, 2)] : []),
    'resources:',
    '  c:',
    '    type: DockerInc::Docker::Container',
    '    properties:',
    '      image: busybox:1',
  ];
  return { text: [...head, ...indent(c.properties, 6), ''].join('\n'), offset: head.length };
}

/** A create-body field by its table path: `Tty` or `HostConfig.Privileged`. */
function field(body: Record<string, unknown>, path: string): unknown {
  const [first, rest] = path.startsWith('HostConfig.') ? ['HostConfig', path.slice('HostConfig.'.length)] : [path, undefined];
  const node = body[first];
  return rest === undefined ? node : (node as Record<string, unknown>)[rest];
}

const files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();
const cases = files.flatMap((f) => {
  const text = readFileSync(join(dir, f), 'utf8');
  const { cases: list } = load(text) as { cases: Case[] };
  return list.map((c) => ({ ...c, file: f }));
});

test('the table holds cases for booleans, volumes_from and port_bindings, each file citing Heat', () => {
  expect(files).toEqual(expect.arrayContaining(['booleans.yaml', 'port-bindings.yaml', 'volumes-from.yaml']));
  for (const f of files) expect(readFileSync(join(dir, f), 'utf8')).toMatch(/^# Heat: heat\/|^# Heat: contrib\//m);
  expect(cases.length).toBeGreaterThanOrEqual(20);
});

describe.each(cases)('$file: $name', (c) => {
  test('gives what Heat gave', () => {
    const { text, offset } = template(c);
    const result = validateTemplateText(text, {
      template: 'case.yaml', workspace: root, stackName: 'heat', parameters: {}, environmentFiles: [],
      dockerEndpoint: 'unix:///var/run/docker.sock', endpoints: {},
    }, { readFile: () => '' });
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    if ('error' in c.expect) {
      const [line, column] = c.expect.error.at.split(':').map(Number);
      expect(errors.map((d) => `${d.code} ${d.line}:${d.column}`)).toEqual([`${c.expect.error.code} ${line + offset}:${column + 6}`]);
      return;
    }
    expect(errors).toEqual([]);
    const res = result.stack?.resources[0];
    if (!res) throw new Error('no resolved resource');
    const body = toCreateBody(res, { stackName: 'heat', containerName: 'heat-c', labels: {} });
    for (const [path, value] of Object.entries(c.expect.body)) expect([path, field(body, path)]).toEqual([path, value]);
  });
});
