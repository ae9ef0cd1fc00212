/**
 * Swarm service knobs in `metadata.hotdock`, checked at validate time at their line: errors under
 * target swarm, warnings under target containers (where they are unused), nothing when they are right.
 */
import { validateTemplateText } from '../../src/template/validate.js';
import type { Diagnostic } from '../../src/diagnostics.js';
import type { Target } from '../../src/settings.js';

const io = { readFile: (): string => { throw new Error('no files here'); } };

const settings = (target?: Target) => ({
  template: 't.yaml', workspace: '/w', stackName: 'shop', parameters: {}, environmentFiles: [],
  dockerEndpoint: 'unix:///var/run/docker.sock', endpoints: {}, ...(target ? { target } : {}),
});

/** A web resource whose `metadata.hotdock` holds `lines` (YAML, indented under hotdock:). */
const template = (lines: string[]): string => [
  'heat_template_version: 2021-04-16',
  'resources:',
  '  web:',
  '    type: DockerInc::Docker::Container',
  '    metadata:',
  '      hotdock:',
  ...lines.map((l) => `        ${l}`),
  '    properties: {image: app:1}',
  '',
].join('\n');

const shown = (d: Diagnostic): string => `${d.severity} ${d.line}:${d.column} ${d.code} ${d.message}`;
const run = (lines: string[], target?: Target): string[] => validateTemplateText(template(lines), settings(target), io).diagnostics.map(shown);

test.each<[string, string[], string[]]>([
  ['good knobs', ['replicas: 3', 'publish: host', 'update: {order: stop-first, parallelism: 2, monitor: 4}'], []],
  ['knobs beside placement rules', ['replicas: 2', 'placement: {}'], []],
  ['a bad order, at its value', ['update:', '  order: sideways'], [
    "error 8:18 invalid-service-metadata resource 'web': metadata 'hotdock.update.order': expected one of start-first, stop-first, got \"sideways\"",
  ]],
  ['an unknown key, at the key', ['replicaz: 3'], [
    "error 7:9 invalid-service-metadata resource 'web': metadata 'hotdock.replicaz': unknown key (known: replicas, publish, update, placement)",
  ]],
  ['negative replicas', ['replicas: -1'], [
    "error 7:19 invalid-service-metadata resource 'web': metadata 'hotdock.replicas': expected a whole number ≥ 0, got -1",
  ]],
])('target swarm: %s', (_what, lines, expected) => {
  expect(run(lines, 'swarm')).toEqual(expected);
});

test('target containers: the same problem is a warning, and saying where it matters', () => {
  expect(run(['publish: everywhere'])).toEqual([
    "warning 7:18 invalid-service-metadata resource 'web': metadata 'hotdock.publish': expected one of ingress, host, got \"everywhere\" (used with target swarm)",
  ]);
});
