import { acquireLock, lockName } from '../../src/engine/lock.js';
import { LockLostError } from '../../src/engine/errors.js';
import { cleanupStack, container, localDocker, recordingLog, stackOf, TEST_IMAGE, testSettings, uniqueStack } from '../helpers/stack.js';
import { dockerApiOf } from '../../src/engine/docker-api.js';
import { startFreezeProxy } from '../helpers/freeze-proxy.js';
import Docker from 'dockerode';

const docker = localDocker();
const dockerApi = dockerApiOf(docker);
const stacks: string[] = [];
const stack = (): string => {
  const s = uniqueStack();
  stacks.push(s);
  return s;
};

afterAll(async () => {
  for (const s of stacks) await cleanupStack(docker, s);
  const renewals = await docker.listContainers({ all: true, filters: { label: ['io.hotdock.lock-renew'] } });
  for (const c of renewals) {
    if (stacks.includes(c.Labels['io.hotdock.lock-renew'])) await docker.getContainer(c.Id).remove({ force: true });
  }
});

const base = { endpoint: 'local', images: [TEST_IMAGE], pollMs: 200 };

test('two acquisitions race: exactly one holds the lock until it releases', async () => {
  const s = stack();
  const events: string[] = [];
  const run = async (runId: string): Promise<void> => {
    const h = await acquireLock(dockerApi, { ...base, stackName: s, runId, timeoutSeconds: 20 });
    events.push(`in ${runId}`);
    await new Promise((r) => setTimeout(r, 700));
    events.push(`out ${runId}`);
    await h.release();
  };
  await Promise.all([run('a'), run('b')]);
  expect(events).toHaveLength(4);
  // No interleaving: every "in" is followed by its own "out".
  expect(events[1]).toBe(events[0].replace('in', 'out'));
  expect(events[3]).toBe(events[2].replace('in', 'out'));
  const left = await docker.listContainers({ all: true, filters: { name: [lockName(s)] } });
  expect(left).toHaveLength(0);
});

test('a second run times out naming the holder', async () => {
  const s = stack();
  const h = await acquireLock(dockerApi, { ...base, stackName: s, runId: '123', timeoutSeconds: 5 });
  const started = Date.now();
  await expect(acquireLock(dockerApi, { ...base, stackName: s, runId: '456', timeoutSeconds: 2 })).rejects.toThrow(
    new RegExp(`^stack '${s}' on endpoint 'local' is locked by run 123 since \\d{4}-\\d\\d-\\d\\dT[^;]+; waited 2 s$`),
  );
  expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
  await h.release();
});

test('a renewed lock is not taken over; an abandoned one is', async () => {
  const s = stack();
  const log = recordingLog();
  const h = await acquireLock(dockerApi, { ...base, stackName: s, runId: 'alive', timeoutSeconds: 5, ttlSeconds: 2, refreshSeconds: 0.5 });
  // Alive: renewals keep it, so a 4 s wait (twice the ttl) still times out.
  await expect(acquireLock(dockerApi, { ...base, stackName: s, runId: 'second', timeoutSeconds: 4 })).rejects.toThrow(/locked by run alive/);
  h.abandon();
  const started = Date.now();
  const h2 = await acquireLock(dockerApi, { ...base, stackName: s, runId: 'third', timeoutSeconds: 15, log });
  expect(Date.now() - started).toBeLessThan(6000);
  expect(log.lines.join('\n')).toMatch(/taking over the lock of run alive/);
  const info = await docker.getContainer(h2.id).inspect();
  expect(info.Config.Labels['io.hotdock.lock.run']).toBe('third');
  await h2.release();
}, 40000);

test('two deploys of one stack at once: serialised by the lock, the second changes nothing', async () => {
  const { runStack } = await import('../../src/engine/run.js');
  const { container, stackOf, testSettings } = await import('../helpers/stack.js');
  const s = stack();
  const resources = [container('a', { cmd: ['sleep', '300'] }), container('b', { cmd: ['sleep', '300'] })];
  const opts = { stopTimeoutSeconds: 0 };
  const [r1, r2] = await Promise.all([
    runStack(testSettings(s, { runId: 'first' }), stackOf(s, resources), recordingLog(), opts),
    runStack(testSettings(s, { runId: 'second' }), stackOf(s, resources), recordingLog(), opts),
  ]);
  expect(r1.error).toBeUndefined();
  expect(r2.error).toBeUndefined();
  // Exactly one of them created the containers; the other found them in place.
  expect([r1.changed, r2.changed].sort()).toEqual([false, true]);
  const list = await docker.listContainers({ all: true, filters: { label: [`io.hotdock.stack=${s}`] } });
  expect(list).toHaveLength(2);
}, 60000);

test("a dead run's lock (default TTL 20 s, never renewed) is taken over within 30 s, not 120", async () => {
  const { runStack } = await import('../../src/engine/run.js');
  const s = stack();
  const dead = await acquireLock(dockerApi, { ...base, stackName: s, runId: 'dead', timeoutSeconds: 5 });
  dead.abandon(); // killed: its lock container stays, nobody renews it
  const log = recordingLog();
  const started = Date.now();
  const report = await runStack(
    testSettings(s, { runId: 'next', lockTimeout: 120 }),
    stackOf(s, [container('a', { cmd: ['sleep', '300'] })]),
    log,
    { stopTimeoutSeconds: 0 },
  );
  const waited = Date.now() - started;
  expect(report.error).toBeUndefined();
  expect(log.lines.join('\n')).toMatch(/taking over the lock of run dead \(no renewal for 20 s\)/);
  expect(waited).toBeLessThan(30_000);
}, 60000);

test('a holder whose endpoint freezes loses the lock: another takes it, and the holder stays fenced after the thaw', async () => {
  const s = stack();
  const proxy = await startFreezeProxy({ socketPath: '/var/run/docker.sock' });
  const viaProxy = dockerApiOf(new Docker({ host: '127.0.0.1', port: proxy.port, protocol: 'http' }), { endpoint: proxy.url });
  try {
    const h = await acquireLock(viaProxy, { ...base, endpoint: proxy.url, stackName: s, runId: 'frozen', timeoutSeconds: 5, ttlSeconds: 4 });
    h.assertHeld();
    proxy.freeze();
    const log = recordingLog();
    const other = await acquireLock(dockerApi, { ...base, stackName: s, runId: 'other', timeoutSeconds: 20, log });
    expect(log.lines.join('\n')).toMatch(/taking over the lock of run frozen/);
    expect(() => h.assertHeld()).toThrow(LockLostError);
    proxy.thaw();
    // Renewals get through again: they prove nothing, the lock is someone else's.
    await new Promise((r) => setTimeout(r, 2500));
    expect(() => h.assertHeld()).toThrow(new RegExp(`^stack '${s}' on endpoint '${proxy.url}': this run lost the deploy lock \\(`));
    await h.release();
    // The holder's release removed nothing of the other's.
    const info = await docker.getContainer(other.id).inspect();
    expect(info.Config.Labels['io.hotdock.lock.run']).toBe('other');
    await other.release();
  } finally {
    proxy.thaw();
    await proxy.close();
  }
}, 40000);
