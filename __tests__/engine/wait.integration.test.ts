/**
 * The stability proof on the real engine: a container is proven only after `stable-seconds` of
 * running with no restart; one that serves 4 s and then exits fails a 5 s window (the late crash);
 * a restart counts as a failure even when the container is running again; a cancelled run stops
 * waiting at once.
 */
import { waitUntilRunning, WaitCancelledError } from '../../src/engine/wait.js';
import { dockerApiOf } from '../../src/engine/docker-api.js';
import { LABEL_RESOURCE, LABEL_STACK } from '../../src/spec/labels.js';
import { runStack } from '../../src/engine/run.js';
import { cleanupStack, container, fetchLocal, freePort, localDocker, recordingLog, stackOf, TEST_IMAGE, testSettings, uniqueStack } from '../helpers/stack.js';

const docker = localDocker();
const api = dockerApiOf(docker);
const stack = uniqueStack();
const deployed = uniqueStack();
afterAll(async () => {
  await cleanupStack(docker, stack);
  await cleanupStack(docker, deployed);
}, 30000);

/** Starts a container of the stack running `script`, publishing port 80 on `port` when given. */
async function run(resource: string, script: string, extra: { port?: number; restart?: string } = {}): Promise<string> {
  const c = await docker.createContainer({
    Image: TEST_IMAGE,
    name: `${stack}-${resource}`,
    Cmd: ['sh', '-c', script],
    Labels: { [LABEL_STACK]: stack, [LABEL_RESOURCE]: resource },
    ExposedPorts: { '80/tcp': {} },
    HostConfig: {
      ...(extra.port ? { PortBindings: { '80/tcp': [{ HostIp: '127.0.0.1', HostPort: String(extra.port) }] } } : {}),
      ...(extra.restart ? { RestartPolicy: { Name: extra.restart } } : {}),
    },
  });
  await c.start();
  return c.id;
}

test('a container that serves for 4 s and then exits fails a 5 s window, with exit code and logs', async () => {
  const port = await freePort();
  // busybox httpd without -f goes to the background: the shell (PID 1) then decides when it ends.
  const id = await run('late', 'httpd -p 80 -h /www; echo serving; sleep 4; echo crashing >&2; exit 7', { port });
  expect(await fetchLocal(port)).toBe('hello');
  const err = await waitUntilRunning(api, id, { resource: 'late', endpoint: 'local', timeoutSeconds: 30, stableSeconds: 5 }).catch((e: Error) => e);
  expect(err).toBeInstanceOf(Error);
  // How far into the window the exit is seen depends on the machine's load (a poll can come late);
  // that it is an exit inside the window, with its code and logs, does not.
  expect((err as Error).message).toMatch(
    new RegExp(`^resource 'late' on endpoint 'local': container '${stack}-late' exited with code 7 after \\d+\\.\\d s of the 5 s stability window; last log lines:`),
  );
  expect((err as Error).message).toMatch(/\| serving\n {2}\| crashing$/);
}, 30000);

test('the same container passes a 2 s window: the proof returns once the window is full', async () => {
  const id = await run('steady', 'httpd -p 80 -h /www; sleep 4; exit 7');
  const info = await waitUntilRunning(api, id, { resource: 'steady', endpoint: 'local', timeoutSeconds: 30, stableSeconds: 2 });
  expect(info.State.Running).toBe(true);
  expect(info.RestartCount).toBe(0);
}, 30000);

test('a restart fails the proof, even when the engine has it running again', async () => {
  // Polling may first see it after its first restart, and during a restart the exit code may read 0.
  const id = await run('flaky', 'echo up; sleep 1; exit 2', { restart: 'always' });
  await expect(waitUntilRunning(api, id, { resource: 'flaky', endpoint: 'local', timeoutSeconds: 30, stableSeconds: 5 })).rejects.toThrow(
    new RegExp(`^resource 'flaky' on endpoint 'local': container '${stack}-flaky' restarted( after \\d+\\.\\d s of the 5 s stability window)? \\(restart count 0 → [1-9]\\d*, last exit code \\d+\\); last log lines:\n {2}\\| up`),
  );
}, 30000);

test('a cancelled run stops waiting at once', async () => {
  const id = await run('long', 'sleep 120');
  const ac = new AbortController();
  const started = Date.now();
  setTimeout(() => ac.abort(new Error('SIGTERM')), 500);
  const err = await waitUntilRunning(api, id, { resource: 'long', endpoint: 'local', timeoutSeconds: 60, stableSeconds: 30, signal: ac.signal }).catch((e: Error) => e);
  expect(err).toBeInstanceOf(WaitCancelledError);
  expect((err as Error).message).toBe(`resource 'long' on endpoint 'local': stopped waiting for container '${stack}-long': the run was cancelled`);
  // The cancellation deadline is 7 s for the whole run; the wait must not use it up.
  expect(Date.now() - started).toBeLessThan(3000);
  // Aborted before it began: rejects without asking the engine.
  await expect(waitUntilRunning(api, id, { resource: 'long', endpoint: 'local', timeoutSeconds: 60, stableSeconds: 1, signal: ac.signal })).rejects.toBeInstanceOf(
    WaitCancelledError,
  );
}, 30000);

test('a container removed while it proves itself is reported as gone', async () => {
  const id = await run('gone', 'sleep 120');
  setTimeout(() => void docker.getContainer(id).remove({ force: true }), 500);
  // A forced remove kills first: a poll between the kill and the removal sees the exit (137), one
  // after it the 404. Either way the proof fails at once, naming the container (the 404 branch
  // alone: wait.test.ts, on the in-memory engine).
  await expect(waitUntilRunning(api, id, { resource: 'gone', endpoint: 'local', timeoutSeconds: 30, stableSeconds: 10 })).rejects.toThrow(
    /^resource 'gone' on endpoint 'local': container '.*-gone' (disappeared|exited with code 137)/,
  );
}, 30000);

test('the windows of containers deployed side by side overlap: stable-seconds is paid once, not per container', async () => {
  const resources = ['a', 'b', 'c', 'd'].map((r) => container(r, { cmd: ['sleep', '300'] }));
  const log = recordingLog();
  const t0 = Date.now();
  const report = await runStack(testSettings(deployed, { stableSeconds: 4 }), stackOf(deployed, resources), log, { stopTimeoutSeconds: 0 });
  const seconds = (Date.now() - t0) / 1000;
  expect(report.error).toBeUndefined();
  expect(log.lines.filter((l) => /waiting until it proves stable \(4 s\)/.test(l))).toHaveLength(4);
  // One after the other would take 16 s and more; overlapping, one window plus the Docker calls.
  expect(seconds).toBeGreaterThanOrEqual(4);
  expect(seconds).toBeLessThan(12);
}, 30000);
