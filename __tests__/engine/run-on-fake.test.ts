/**
 * The whole orchestration — connect → lock → observe → plan → execute → report — on the in-memory
 * engine: runStack with a connect that hands out the fake. Fast unit tests of what the phases do
 * together (the lock is taken and released, a no-op changes nothing, a failed start rolls back and
 * the old container serves, destroy keeps Retain); the same lifecycle runs on real engines in
 * run.integration.test.ts.
 */
import { runStack, type RunOptions } from '../../src/engine/run.js';
import type { DockerConnection } from '../../src/engine/client.js';
import type { Settings } from '../../src/settings.js';
import { FakeDocker } from '../helpers/fake-docker.js';
import { container, recordingLog, stackOf, testSettings } from '../helpers/stack.js';

const IMAGE = 'hotdock-test/busybox:1';
const IMAGE2 = 'hotdock-test/busybox:2';
const STACK = 'fake-stack';
let fake: FakeDocker;
let opened = 0;
let closed = 0;

beforeEach(() => {
  fake = new FakeDocker({ images: [IMAGE, IMAGE2] });
  opened = 0;
  closed = 0;
});
afterEach(() => fake.dispose());

const options = (): RunOptions => ({
  stopTimeoutSeconds: 0,
  connect: async (target): Promise<DockerConnection> => {
    opened++;
    return { target, docker: fake.api, apiVersion: '1.43', engineVersion: '24.0.0-fake', close: async () => void closed++ };
  },
});
const settings = (over: Partial<Settings> = {}): Settings => testSettings(STACK, { stableSeconds: 0, waitTimeout: 2, ...over });
const stack = (image = IMAGE, withKeeper = true) =>
  stackOf(STACK, [
    container('web', { image, cmd: ['sleep', '300'] }),
    ...(withKeeper ? [container('keeper', { cmd: ['sleep', '300'] }, { deletionPolicy: 'Retain' })] : []),
  ]);
const live = () => [...fake.containers.values()].filter((c) => c.labels['io.hotdock.resource']).map((c) => `${c.labels['io.hotdock.resource']}:${c.image}:${c.status}`).sort();
const locks = () => [...fake.containers.values()].filter((c) => c.labels['io.hotdock.lock']);

test('deploy creates, takes and releases the lock, closes its connection', async () => {
  const report = await runStack(settings(), stack(), recordingLog(), options());
  expect(report.error).toBeUndefined();
  expect(report.plan.map((p) => `${p.action} ${p.resource}`).sort()).toEqual(['create keeper', 'create web']);
  expect(live()).toEqual([`keeper:${IMAGE}:running`, `web:${IMAGE}:running`]);
  expect(fake.calls.some((c) => c.op === 'createContainer' && JSON.stringify(c.args).includes('io.hotdock.lock'))).toBe(true);
  expect(locks()).toEqual([]);
  expect([opened, closed]).toEqual([1, 1]);
});

test('a second deploy plans unchanged and makes no change on the engine but its lock', async () => {
  await runStack(settings(), stack(), recordingLog(), options());
  const snapshot = () => [...fake.containers.values()].filter((c) => c.labels['io.hotdock.resource']).map((c) => [c.id, c.status, c.startedAt, c.name]);
  const before = snapshot();
  const from = fake.calls.length;
  const report = await runStack(settings(), stack(), recordingLog(), options());
  expect(report.changed).toBe(false);
  expect(report.plan.every((p) => p.action === 'unchanged')).toBe(true);
  expect(snapshot()).toEqual(before);
  const calls = fake.calls.slice(from);
  // Creates: only the lock; no start, stop or rename of any stack container.
  expect(calls.filter((c) => c.op === 'createContainer').every((c) => JSON.stringify(c.args).includes('io.hotdock.lock'))).toBe(true);
  const stackIds = new Set(before.map(([id]) => id));
  expect(calls.filter((c) => ['startContainer', 'stopContainer', 'removeContainer', 'renameContainer'].includes(c.op) && stackIds.has(String(c.args[0])))).toEqual([]);
  expect(locks()).toEqual([]);
});

test('plan mode takes no lock and changes nothing', async () => {
  const report = await runStack(settings({ mode: 'plan' }), stack(), recordingLog(), options());
  expect(report.changed).toBe(true);
  expect(fake.calls.filter((c) => c.op === 'createContainer')).toEqual([]);
});

test('a replacement that exits is rolled back: the old container serves, the step fails naming resource and endpoint', async () => {
  await runStack(settings(), stack(), recordingLog(), options());
  fake.script(`${STACK}-web`, { exitAfterMs: 10, exitCode: 3, logs: ['boom'] });
  const report = await runStack(settings({ stableSeconds: 1 }), stack(IMAGE2), recordingLog(), options());
  expect(report.result).toBe('failure');
  expect(report.error).toMatch(/resource 'web' on endpoint '[^']+'.*exited with code 3/s);
  expect(report.rolledBack).toContain('web');
  expect(live()).toEqual([`keeper:${IMAGE}:running`, `web:${IMAGE}:running`]);
  expect(locks()).toEqual([]);
});

test('destroy removes the stack and keeps the Retain resource', async () => {
  await runStack(settings(), stack(), recordingLog(), options());
  const report = await runStack(settings({ mode: 'destroy' }), stack(), recordingLog(), options());
  expect(report.error).toBeUndefined();
  expect(live()).toEqual([`keeper:${IMAGE}:running`]);
});

test('a cancelled run starts nothing and says cancelled', async () => {
  const abort = new AbortController();
  abort.abort(new Error('SIGINT'));
  const report = await runStack(settings(), stack(), recordingLog(), { ...options(), signal: abort.signal });
  expect(report.result).toBe('failure');
  expect(report.cancelled).toBe(true);
  expect(live()).toEqual([]);
  expect(closed).toBe(opened);
});

test('a container an interrupted run left stopped with its restart policy off is started with its policy back', async () => {
  const withPolicy = stackOf(STACK, [container('web', { cmd: ['sleep', '300'], restart_policy: { Name: 'always' } })]);
  await runStack(settings(), withPolicy, recordingLog(), options());
  const web = [...fake.containers.values()].find((c) => c.labels['io.hotdock.resource'] === 'web')!;
  // What a run killed between put-aside's stop and its rename leaves.
  await fake.api.stopContainer(web.id, 0);
  await fake.api.updateContainer(web.id, { RestartPolicy: { Name: 'no' } });
  const log = recordingLog();
  const report = await runStack(settings(), withPolicy, log, options());
  expect(report.error).toBeUndefined();
  expect(report.plan.map((p) => p.action)).toEqual(['start']);
  expect(fake.containers.get(web.id)).toMatchObject({ status: 'running', restartPolicy: { Name: 'always' } });
  expect(log.lines).toContain("web: restart policy 'always' restored");
});
