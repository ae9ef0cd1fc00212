/**
 * The lock on the shared in-memory engine (the same fake the executor and safe-replace tests use):
 * mutual exclusion, release, and the fence of a holder whose lock container was taken away.
 */
import { FakeDocker } from '../helpers/fake-docker.js';
import { fencedApi } from '../../src/engine/docker-api.js';
import { acquireLock, lockName } from '../../src/engine/lock.js';

const IMAGE = 'hotdock-test/busybox:1';
const base = { stackName: 'shop', endpoint: 'fake', images: [IMAGE], pollMs: 20 };

test('a second run waits while the first holds the lock, and times out naming the holder', async () => {
  const engine = new FakeDocker({ images: [IMAGE] });
  const first = await acquireLock(engine.api, { ...base, runId: 'run-1', timeoutSeconds: 5 });
  await expect(acquireLock(engine.api, { ...base, runId: 'run-2', timeoutSeconds: 1 })).rejects.toThrow(
    /stack 'shop' on endpoint 'fake' is locked by run run-1/,
  );
  await first.release();
  expect(engine.byName(lockName('shop'))).toBeUndefined();
  engine.dispose();
});

test('after a release the next run takes the lock at once', async () => {
  const engine = new FakeDocker({ images: [IMAGE] });
  const first = await acquireLock(engine.api, { ...base, runId: 'run-1', timeoutSeconds: 5 });
  const waiting = acquireLock(engine.api, { ...base, runId: 'run-2', timeoutSeconds: 5 });
  await new Promise((r) => setTimeout(r, 100));
  await first.release();
  const second = await waiting;
  expect(engine.byName(lockName('shop'))?.labels['io.hotdock.lock.run']).toBe('run-2');
  await second.release();
  engine.dispose();
});

test('a holder whose lock container is gone is fenced: no container change passes', async () => {
  const engine = new FakeDocker({ images: [IMAGE] });
  const lock = await acquireLock(engine.api, { ...base, runId: 'run-1', timeoutSeconds: 5, ttlSeconds: 2, refreshSeconds: 0.2 });
  const fenced = fencedApi(engine.api, () => lock.assertHeld());
  await expect(fenced.createContainer({ name: 'before', Image: IMAGE })).resolves.toHaveProperty('id');
  // Another party removes the lock container (as a takeover would).
  await engine.api.removeContainer(engine.byName(lockName('shop'))!.id, { force: true });
  await new Promise((r) => setTimeout(r, 600));
  const before = engine.mutations().length;
  await expect(fenced.createContainer({ name: 'after', Image: IMAGE })).rejects.toThrow(/lock/);
  expect(engine.byName('after')).toBeUndefined();
  // The refused call never reached the engine (renewal attempts aside).
  expect(engine.mutations().slice(before).filter((c) => c.op === 'createContainer' && JSON.stringify(c.args).includes('"after"'))).toEqual([]);
  lock.abandon();
  engine.dispose();
});

test('a cancelled run stops waiting for another holder at once, taking nothing', async () => {
  const engine = new FakeDocker({ images: [IMAGE] });
  const first = await acquireLock(engine.api, { ...base, runId: 'run-1', timeoutSeconds: 5 });
  const cancel = new AbortController();
  const waiting = acquireLock(engine.api, { ...base, runId: 'run-2', timeoutSeconds: 60, pollMs: 10_000, signal: cancel.signal });
  await new Promise((r) => setTimeout(r, 100));
  cancel.abort(new Error('cancelled by SIGINT'));
  // The 10 s poll does not hold it: jest's 30 s limit would, were the abort ignored, long after 60 s.
  await expect(waiting).rejects.toThrow(/cancelled by SIGINT while waiting for the lock of stack 'shop' on endpoint 'fake'/);
  expect(engine.byName(lockName('shop'))?.labels['io.hotdock.lock.run']).toBe('run-1');
  await first.release();
  engine.dispose();
});
