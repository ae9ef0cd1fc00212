/**
 * Templates written for Heat, deployed end to end on the local engine: a 2013-05-23 template
 * using Ref and Fn::Join (Ref of a resource is its container id, and a dependency), and
 * OS::Heat::Value / OS::Heat::None, for which nothing is created; get_attr of a resource alone
 * reports every attribute.
 */
import { readFileSync } from 'node:fs';
import { runStack } from '../../src/engine/run.js';
import { validateTemplateText } from '../../src/template/validate.js';
import type { ResolvedStack } from '../../src/template/types.js';
import { cleanupStack, localDocker, recordingLog, stackOf, testSettings, TEST_IMAGE, uniqueStack } from '../helpers/stack.js';

const docker = localDocker();
const options = { stopTimeoutSeconds: 0 };
const stacks: string[] = [];

afterAll(async () => {
  for (const s of stacks) await cleanupStack(docker, s);
});

/** Validates and resolves a template the way the action does. */
function resolve(name: string, text: string): ResolvedStack {
  const result = validateTemplateText(text, {
    template: 'stack.yaml', workspace: process.cwd(), stackName: name, parameters: {}, environmentFiles: [],
    dockerEndpoint: 'unix:///var/run/docker.sock', endpoints: {},
  }, { readFile: (p: string) => readFileSync(p, 'utf8') });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  if (!result.stack) throw new Error('not resolved');
  return stackOf(name, result.stack.resources, result.stack.outputs);
}

async function containersOf(name: string) {
  const list = await docker.listContainers({ all: true, filters: { label: [`io.hotdock.stack=${name}`] } });
  return Promise.all(list.map((c) => docker.getContainer(c.Id).inspect()));
}

test('a 2013-05-23 template: Ref of a resource gives its container id, Fn::Join joins', async () => {
  const name = uniqueStack('heat2013');
  stacks.push(name);
  const stack = resolve(name, `heat_template_version: 2013-05-23
parameters:
  tag: {type: string, default: blue}
resources:
  app:
    type: DockerInc::Docker::Container
    properties:
      image: ${TEST_IMAGE}
      cmd: [sleep, '3600']
      env:
        - {Fn::Join: ['', ['DB_ID=', {Ref: db}]]}
        - {Fn::Join: ['=', [TAG, {Ref: tag}]]}
  db:
    type: DockerInc::Docker::Container
    properties:
      image: ${TEST_IMAGE}
      cmd: [sleep, '3600']
`);
  expect(stack.resources.find((r) => r.name === 'app')?.dependsOn).toEqual(['db']);
  const report = await runStack(testSettings(name), stack, recordingLog(), options);
  expect(report.error).toBeUndefined();
  const containers = await containersOf(name);
  const db = containers.find((c) => c.Config.Labels['io.hotdock.resource'] === 'db');
  const app = containers.find((c) => c.Config.Labels['io.hotdock.resource'] === 'app');
  expect(app?.Config.Env).toEqual(expect.arrayContaining([`DB_ID=${db?.Id}`, 'TAG=blue']));
}, 60000);

test('OS::Heat::Value and OS::Heat::None create nothing; get_attr of a resource alone gives every attribute', async () => {
  const name = uniqueStack('heatglue');
  stacks.push(name);
  const stack = resolve(name, `heat_template_version: 2016-10-14
resources:
  port:
    type: OS::Heat::Value
    properties: {type: number, value: '5432'}
  later:
    type: OS::Heat::None
  db:
    type: DockerInc::Docker::Container
    depends_on: later
    properties:
      image: ${TEST_IMAGE}
      cmd: [sleep, '3600']
      env: [{str_replace: {template: PORT=$p, params: {$p: {get_attr: [port, value]}}}}]
outputs:
  db_all:
    value: {get_attr: [db]}
  port:
    value: {get_attr: [port, value]}
`);
  expect(stack.resources.map((r) => r.name)).toEqual(['db']);
  const report = await runStack(testSettings(name), stack, recordingLog(), options);
  expect(report.error).toBeUndefined();
  const containers = await containersOf(name);
  expect(containers.map((c) => c.Config.Labels['io.hotdock.resource'])).toEqual(['db']);
  expect(containers[0].Config.Env).toContain('PORT=5432');
  expect(report.outputs.port).toBe(5432);
  const all = report.outputs.db_all as Record<string, unknown>;
  expect(all.network_ip).toBe(Object.values(containers[0].NetworkSettings.Networks)[0]?.IPAddress);
  expect((all.info as { Id: string }).Id).toBe(containers[0].Id);
}, 60000);
