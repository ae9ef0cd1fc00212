/**
 * failure-reason from real runs on the local engine: each way a run can fail ends with its own
 * reason in the report (and so in the output), and a successful run has none.
 */
import { jest } from '@jest/globals';
import { dockerApiOf } from '../../src/engine/docker-api.js';
import { acquireLock } from '../../src/engine/lock.js';
import { runStack } from '../../src/engine/run.js';
import { cleanupStack, container, freePort, localDocker, recordingLog, stackOf, testSettings, TEST_IMAGE, uniqueStack } from '../helpers/stack.js';

jest.setTimeout(120_000);

const docker = localDocker();
const stacks: string[] = [];
const stack = (): string => {
  const s = uniqueStack('fr');
  stacks.push(s);
  return s;
};
const options = { stopTimeoutSeconds: 0, connectTimeoutMs: 3000 };

afterAll(async () => {
  for (const s of stacks) await cleanupStack(docker, s);
});

test('success: no reason; a deploy of a container that exits: health-failed, rolled back, the log tail apart', async () => {
  const s = stack();
  const ok = await runStack(testSettings(s), stackOf(s, [container('web', { cmd: ['sleep', '300'] })]), recordingLog(), options);
  expect([ok.result, ok.failureReason, ok.lockHolder]).toEqual(['success', undefined, `run test-${process.pid}`]);
  expect(ok.seconds).toBeGreaterThan(0);
  const bad = container('web', { cmd: ['sh', '-c', 'echo booting; echo "fatal: no config"; exit 3'] });
  const failed = await runStack(testSettings(s), stackOf(s, [bad]), recordingLog(), options);
  expect([failed.result, failed.failureReason, failed.rolledBack]).toEqual(['failure', 'health-failed', ['web']]);
  expect(failed.failures).toEqual([expect.objectContaining({ resource: 'web', endpoint: expect.any(String), logTail: 'booting\nfatal: no config' })]);
  expect(failed.failures?.[0].message).toMatch(/exited with code 3/);
});

test('an endpoint that does not answer: endpoint-unreachable', async () => {
  const s = stack();
  const port = await freePort();
  const settings = testSettings(s, { dockerEndpoint: `tcp://127.0.0.1:${port}`, dockerEndpointExplicit: true });
  const r = await runStack(settings, stackOf(s, [container('web')]), recordingLog(), options);
  expect([r.result, r.failureReason]).toEqual(['failure', 'endpoint-unreachable']);
});

test('an image that is not there with pull never: image-unavailable, nothing created', async () => {
  const s = stack();
  const r = await runStack(testSettings(s, { pull: 'never' }), stackOf(s, [container('web', { image: 'hotdock-test/absent:404' })]), recordingLog(), options);
  expect([r.result, r.failureReason]).toEqual(['failure', 'image-unavailable']);
  expect(await docker.listContainers({ all: true, filters: { label: [`io.hotdock.stack=${s}`] } })).toEqual([]);
});

test('a stack another run keeps locked: lock-held, naming that run', async () => {
  const s = stack();
  const held = await acquireLock(dockerApiOf(docker), { stackName: s, endpoint: 'local', runId: 'other-77', timeoutSeconds: 5, images: [TEST_IMAGE] });
  try {
    const r = await runStack(testSettings(s, { lockTimeout: 1 }), stackOf(s, [container('web')]), recordingLog(), options);
    expect([r.result, r.failureReason, r.lockHolder]).toEqual(['failure', 'lock-held', 'run other-77']);
  } finally {
    await held.release();
  }
});

test('a cancelled run: cancelled', async () => {
  const s = stack();
  const controller = new AbortController();
  controller.abort(new Error('cancelled by SIGINT'));
  const r = await runStack(testSettings(s), stackOf(s, [container('web')]), recordingLog(), { ...options, signal: controller.signal });
  expect([r.result, r.failureReason]).toEqual(['failure', 'cancelled']);
});
