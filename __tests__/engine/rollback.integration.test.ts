/**
 * Failures during a deploy: the failing container's predecessor keeps serving; with rollback, every
 * resource the run already replaced comes back and what it created goes; without, it stays.
 */
import { runStack } from '../../src/engine/run.js';
import type { ResolvedResource } from '../../src/template/types.js';
import { cleanupStack, container, fetchLocal, freePort, localDocker, recordingLog, stackOf, testSettings, uniqueStack } from '../helpers/stack.js';

const docker = localDocker();
const stacks: string[] = [];
// sleep and busybox httpd ignore SIGTERM as PID 1: stop kills at once instead of waiting out a timeout.
const options = { stopTimeoutSeconds: 0 };
afterAll(async () => {
  await Promise.all(stacks.map((s) => cleanupStack(docker, s)));
}, 60000);

const newStack = (): string => {
  const s = uniqueStack();
  stacks.push(s);
  return s;
};
const idsOf = async (stack: string): Promise<Record<string, string>> => {
  const list = await docker.listContainers({ all: true, filters: { label: [`io.hotdock.stack=${stack}`] } });
  return Object.fromEntries(list.map((c) => [c.Labels['io.hotdock.resource'], c.Id]));
};
const BAD = ['sh', '-c', 'echo starting up; echo boom >&2; exit 3'];

test('a failing update keeps the old container serving, with the logs in the error', async () => {
  const name = newStack();
  const port = await freePort();
  const web = (cmd?: string[]): ResolvedResource =>
    container('web', { port_bindings: { 80: { HostIp: '127.0.0.1', HostPort: port } }, ...(cmd ? { cmd } : {}) });
  const first = await runStack(testSettings(name), stackOf(name, [web()]), recordingLog(), options);
  expect(first.result).toBe('success');
  const before = await idsOf(name);

  const report = await runStack(testSettings(name), stackOf(name, [web(BAD)]), recordingLog(), options);
  expect(report.result).toBe('failure');
  expect(report.error).toMatch(/resource 'web' on endpoint '.*': container '.*-web' exited with code 3/);
  expect(report.error).toMatch(/\| boom/);
  expect(report.changed).toBe(false);
  expect(await idsOf(name)).toEqual(before);
  expect((await docker.getContainer(before.web).inspect()).State.Running).toBe(true);
  expect(await fetchLocal(port)).toBe('hello');
  expect(report.resources.web).toMatchObject({ container_id: before.web, state: 'running' });
}, 60000);

async function threeStep(rollback: boolean): Promise<{ name: string; before: Record<string, string>; report: Awaited<ReturnType<typeof runStack>> }> {
  const name = newStack();
  const a = (v: string): ResolvedResource => container('a', { cmd: ['sleep', '300'], env: [`V=${v}`] });
  const b = (cmd: string[]): ResolvedResource => container('b', { cmd }, { dependsOn: ['a', 'c'] });
  const c = container('c', { cmd: ['sleep', '301'] });
  const first = await runStack(testSettings(name), stackOf(name, [a('1'), b(['sleep', '300'])]), recordingLog(), options);
  expect(first.error).toBeUndefined();
  const before = await idsOf(name);
  // a is replaced and c created first (b depends on both); then b fails.
  const report = await runStack(testSettings(name, { rollback }), stackOf(name, [a('2'), b(BAD), c]), recordingLog(), options);
  return { name, before, report };
}

test('with rollback, an earlier replaced resource comes back and a created one goes', async () => {
  const { name, before, report } = await threeStep(true);
  expect(report.result).toBe('failure');
  expect(report.error).toMatch(/resource 'b'.*exited with code 3/);
  expect(report.rolledBack.sort()).toEqual(['a', 'b', 'c']);
  expect(report.changed).toBe(false);
  const after = await idsOf(name);
  expect(after).toEqual(before);
  for (const id of Object.values(after)) expect((await docker.getContainer(id).inspect()).State.Running).toBe(true);
  const a = await docker.getContainer(after.a).inspect();
  expect(a.Config.Env).toContain('V=1');
  expect(a.Name).toBe(`/${name}-a`);
}, 60000);

test('without rollback, the replaced resource stays new; the failed one keeps its old container', async () => {
  const { name, before, report } = await threeStep(false);
  expect(report.result).toBe('failure');
  expect(report.changed).toBe(true);
  const after = await idsOf(name);
  expect(after.a).not.toBe(before.a);
  expect(after.b).toBe(before.b);
  expect(after.c).toBeDefined();
  expect((await docker.getContainer(after.b).inspect()).State.Running).toBe(true);
  const all = await docker.listContainers({ all: true, filters: { label: [`io.hotdock.stack=${name}`] } });
  expect(all).toHaveLength(3); // nothing left aside
}, 60000);

test('an image that cannot be pulled fails before anything changes', async () => {
  const name = newStack();
  const report = await runStack(
    testSettings(name),
    stackOf(name, [container('ok', { cmd: ['sleep', '300'] }), container('bad', { image: '127.0.0.1:1/nope:1' })]),
    recordingLog(),
    options,
  );
  expect(report.result).toBe('failure');
  expect(report.error).toMatch(/resource 'bad'.*'127\.0\.0\.1:1\/nope:1'/);
  expect(report.changed).toBe(false);
  expect(await idsOf(name)).toEqual({});
}, 60000);
