/**
 * Faults of a replace, through whole deploys (runStack) on the real engine. Each ends the same way:
 * the run failed saying truthfully what happened, naming resource and endpoint; the old container
 * serves again; nothing outside the stack was touched; the next run converges.
 *   - Put-aside fails after the stop (a container outside the stack holds the aside name): the old
 *     container is started again, its restart policy restored, and the error says so.
 *   - Late crash: the new container serves for 4 s and then exits; with stable-seconds 5 it never
 *     counts as proven, the deploy fails and the old container comes back.
 */
import type Docker from 'dockerode';
import { runStack } from '../../src/engine/run.js';
import { asideName } from '../../src/engine/safe-replace.js';
import { LABEL_STACK } from '../../src/spec/labels.js';
import { cleanupStack, container, fetchLocal, freePort, localDocker, recordingLog, stackOf, TEST_IMAGE, testSettings, uniqueStack } from '../helpers/stack.js';

const IMAGE_2 = 'hotdock-test/busybox:2';
const ENDPOINT = 'unix:///var/run/docker.sock';
const docker = localDocker();
const options = { stopTimeoutSeconds: 0 };
const stacks: string[] = [];
let foreign: Docker.Container;
let foreignStarted: string;

beforeAll(async () => {
  // Outside every stack: no run may touch it.
  foreign = await docker.createContainer({ name: `${uniqueStack('foreign')}`, Image: TEST_IMAGE, Cmd: ['sleep', '300'] });
  await foreign.start();
  foreignStarted = (await foreign.inspect()).State.StartedAt;
}, 30_000);

afterAll(async () => {
  await foreign.remove({ force: true });
  await Promise.all(stacks.map((s) => cleanupStack(docker, s)));
}, 30_000);

const newStack = (): string => {
  const s = uniqueStack();
  stacks.push(s);
  return s;
};

async function stackContainers(stack: string): Promise<{ id: string; name: string; state: string }[]> {
  const list = await docker.listContainers({ all: true, filters: { label: [`${LABEL_STACK}=${stack}`] } });
  return list.map((c) => ({ id: c.Id, name: c.Names[0].slice(1), state: c.State }));
}

test('put-aside fails after the stop: the old container runs again, and the error says so', async () => {
  const stack = newStack();
  const port = await freePort();
  const web = (image: string) =>
    container('web', { image, restart_policy: { Name: 'always' }, port_bindings: { 80: { HostIp: '127.0.0.1', HostPort: port } } });
  const first = await runStack(testSettings(stack, { runId: 'run-1' }), stackOf(stack, [web(TEST_IMAGE)]), recordingLog(), options);
  expect(first.error).toBeUndefined();
  const v1 = first.resources.web.container_id;

  // The rename of the next run answers 409: a container outside the stack holds the aside name.
  const squat = asideName(`${stack}-web`, 'run-2', v1);
  const squatter = await docker.createContainer({ name: squat, Image: TEST_IMAGE, Cmd: ['sleep', '300'] });
  try {
    const second = await runStack(testSettings(stack, { runId: 'run-2' }), stackOf(stack, [web(IMAGE_2)]), recordingLog(), options);
    expect(second.result).toBe('failure');
    expect(second.error).toMatch(
      new RegExp(
        `^resource 'web' on endpoint '${ENDPOINT}': putting the old container '${stack}-web' aside failed: renaming it to '${squat}' failed: .*; ` +
          `the old container was started again \\(restart policy 'always' restored\\) and runs under its own name`,
      ),
    );
    // The old container is back as it was: whatever the summary says about it is true.
    const old = await docker.getContainer(v1).inspect();
    expect(old.Name).toBe(`/${stack}-web`);
    expect(old.State.Running).toBe(true);
    expect(old.HostConfig.RestartPolicy?.Name).toBe('always');
    expect(await fetchLocal(port)).toBe('hello');
    expect(await stackContainers(stack)).toEqual([{ id: v1, name: `${stack}-web`, state: 'running' }]);
    expect((await squatter.inspect()).State.Status).toBe('created');

    // The next run (another run id, another aside name) converges.
    const third = await runStack(testSettings(stack, { runId: 'run-3' }), stackOf(stack, [web(IMAGE_2)]), recordingLog(), options);
    expect(third.error).toBeUndefined();
    expect(await fetchLocal(port)).toBe('two');
    expect(await stackContainers(stack)).toEqual([{ id: third.resources.web.container_id, name: `${stack}-web`, state: 'running' }]);
    expect((await squatter.inspect()).Name).toBe(`/${squat}`);
  } finally {
    await squatter.remove({ force: true });
  }
}, 60_000);

test('late crash: a new container that serves 4 s and then exits fails stable-seconds 5; the old one serves again', async () => {
  const stack = newStack();
  const port = await freePort();
  const web = (image: string, cmd?: string[]) =>
    container('web', { image, ...(cmd ? { cmd } : {}), port_bindings: { 80: { HostIp: '127.0.0.1', HostPort: port } } });
  const first = await runStack(testSettings(stack), stackOf(stack, [web(TEST_IMAGE)]), recordingLog(), options);
  expect(first.error).toBeUndefined();
  const v1 = first.resources.web.container_id;

  // busybox httpd without -f goes to the background: it serves until the shell (PID 1) exits.
  const late = ['sh', '-c', 'httpd -p 80 -h /www; echo serving; sleep 4; echo giving up >&2; exit 7'];
  const second = await runStack(testSettings(stack, { stableSeconds: 5 }), stackOf(stack, [web(IMAGE_2, late)]), recordingLog(), options);
  expect(second.result).toBe('failure');
  expect(second.error).toMatch(
    new RegExp(`^resource 'web' on endpoint '${ENDPOINT}': container '${stack}-web' exited with code 7 after [34]\\.\\d s of the 5 s stability window; last log lines:`),
  );
  expect(second.error).toMatch(/\| giving up/);
  expect(second.rolledBack).toEqual(['web']);
  expect(await fetchLocal(port)).toBe('hello');
  expect(await stackContainers(stack)).toEqual([{ id: v1, name: `${stack}-web`, state: 'running' }]);

  // The next run, with a container that stays up, converges.
  const third = await runStack(testSettings(stack, { stableSeconds: 2 }), stackOf(stack, [web(IMAGE_2)]), recordingLog(), options);
  expect(third.error).toBeUndefined();
  expect(await fetchLocal(port)).toBe('two');
  expect(await stackContainers(stack)).toEqual([{ id: third.resources.web.container_id, name: `${stack}-web`, state: 'running' }]);
}, 60_000);

test('nothing outside the stacks was touched', async () => {
  const f = await foreign.inspect();
  expect(f.State.Running).toBe(true);
  expect(f.State.StartedAt).toBe(foreignStarted);
});
