/**
 * The stability proof on the in-memory engine (timers of a few hundred ms): what counts as proven,
 * and every way a proof fails, each message naming resource, endpoint and container.
 */
import { FakeDocker } from '../helpers/fake-docker.js';
import { ContainerStartError, WaitCancelledError, waitUntilRunning, type WaitOptions } from '../../src/engine/wait.js';

const IMAGE = 'hotdock-test/busybox:1';
let fake: FakeDocker;
beforeEach(() => {
  fake = new FakeDocker({ images: [IMAGE] });
});
afterEach(() => fake.dispose());

async function started(name: string, extra: Record<string, unknown> = {}): Promise<string> {
  const { id } = await fake.api.createContainer({ name, Image: IMAGE, ...extra });
  await fake.api.startContainer(id);
  return id;
}

const base: WaitOptions = { resource: 'web', endpoint: 'fake', timeoutSeconds: 5, stableSeconds: 0.3, pollMs: 20 };

test('proven after the whole window, running and unrestarted', async () => {
  const id = await started('ok');
  const t0 = performance.now();
  const info = await waitUntilRunning(fake.api, id, base);
  expect(performance.now() - t0).toBeGreaterThanOrEqual(300);
  expect(info.State.Running).toBe(true);
});

test('an exit inside the window fails with the exit code, the time it ran and the log tail', async () => {
  fake.script('late', { exitAfterMs: 150, exitCode: 7, logs: ['serving', 'giving up'] });
  const id = await started('late');
  const err = await waitUntilRunning(fake.api, id, base).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(ContainerStartError);
  expect(err).toMatchObject({ exitCode: 7 });
  expect((err as Error).message).toMatch(
    /^resource 'web' on endpoint 'fake': container 'late' exited with code 7 after 0\.\d s of the 0\.3 s stability window; last log lines:\n {2}\| serving\n {2}\| giving up$/,
  );
});

test('a restart fails the proof even though the container runs again', async () => {
  fake.script('flaky', { exitAfterMs: 100, exitCode: 2 });
  const id = await started('flaky', { HostConfig: { RestartPolicy: { Name: 'always' } } });
  await expect(waitUntilRunning(fake.api, id, { ...base, stableSeconds: 1 })).rejects.toThrow(
    /^resource 'web' on endpoint 'fake': container 'flaky' restarted after 0\.\d s of the 1 s stability window \(restart count 0 → 1, last exit code 0\); it wrote no logs$/,
  );
});

test('with a health check the window starts once healthy; never healthy times out saying so', async () => {
  fake.script('slowhc', { healthyAfterMs: 100 });
  const ok = await started('slowhc', { Healthcheck: { Test: ['CMD', 'true'] } });
  expect((await waitUntilRunning(fake.api, ok, base)).State.Health?.Status).toBe('healthy');
  fake.script('never', { healthyAfterMs: 'never' });
  const never = await started('never', { Healthcheck: { Test: ['CMD', 'true'] } });
  await expect(waitUntilRunning(fake.api, never, { ...base, timeoutSeconds: 0.3 })).rejects.toThrow(
    /^resource 'web' on endpoint 'fake': container 'never' was not proven within 0\.3 s: running and healthy with no restart for 0\.3 s \(state: running, health starting\)/,
  );
});

test('unhealthy fails at once', async () => {
  fake.script('sick', { unhealthy: true });
  const id = await started('sick', { Healthcheck: { Test: ['CMD', 'false'] } });
  await expect(waitUntilRunning(fake.api, id, base)).rejects.toThrow(/container 'sick' is unhealthy/);
});

test('an engine error names resource, endpoint and container', async () => {
  const id = await started('x');
  fake.failOn('inspectContainer', 2);
  await expect(waitUntilRunning(fake.api, id, base)).rejects.toThrow(
    /^resource 'web' on endpoint 'fake': inspecting container 'x' failed: \(HTTP code 500\) injected failure of inspectContainer$/,
  );
});

test('an abort ends the wait at once, even while an inspect hangs', async () => {
  const id = await started('hang');
  const ac = new AbortController();
  fake.hangOn('inspectContainer', 2);
  setTimeout(() => ac.abort(), 50);
  const err = await waitUntilRunning(fake.api, id, { ...base, stableSeconds: 10, signal: ac.signal }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(WaitCancelledError);
  expect((err as Error).message).toBe("resource 'web' on endpoint 'fake': stopped waiting for container 'hang': the run was cancelled");
});

test('a container removed while it proves itself is reported as gone', async () => {
  const id = await started('gone');
  setTimeout(() => void fake.api.removeContainer(id, { force: true }), 50);
  const err = await waitUntilRunning(fake.api, id, base).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(ContainerStartError);
  expect((err as Error).message).toMatch(/^resource 'web' on endpoint 'fake': container 'gone' disappeared \(removed by someone else/);
});
