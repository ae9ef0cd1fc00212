/**
 * Fault: the engine restarts in the middle of a replace (a daemon crash, a host reboot), with
 * `restart_policy: always`. On an engine of its own (netns-engine.ts): deploy v1 with a host port,
 * start a replace to v2 that takes long to prove, kill -9 the engine while v1 is aside, start the
 * engine again. The aside v1 must stay down (its restart policy was disabled before it was stopped),
 * so nothing holds the port twice; observe calls it what it is; further runs (two at most) converge
 * with the service answering; a container outside the stack is never touched.
 */
import type Docker from 'dockerode';
import { runStack } from '../../src/engine/run.js';
import { observeEndpoint } from '../../src/engine/observe.js';
import { dockerApiOf } from '../../src/engine/docker-api.js';
import { LABEL_RUN, LABEL_STACK } from '../../src/spec/labels.js';
import type { DeployReport } from '../../src/deploy/types.js';
import { startNetnsEngine, type NetnsEngine } from '../helpers/netns-engine.js';
import { container, freePort, recordingLog, stackOf, TEST_IMAGE, testSettings, uniqueStack } from '../helpers/stack.js';

const IMAGE_2 = 'hotdock-test/busybox:2';
// Serves, and ends at once on SIGTERM (busybox httpd as PID 1 ignores it, so an engine restart
// would wait 10 s to stop it).
const SERVE = ['sh', '-c', "trap 'exit 0' TERM; httpd -p 80 -h /www; while :; do sleep 1; done"];
const options = { stopTimeoutSeconds: 0, lockTtlSeconds: 5 };

let engine: NetnsEngine;
beforeAll(async () => {
  engine = await startNetnsEngine({ images: [TEST_IMAGE, IMAGE_2], tcpPort: 2375 });
}, 90_000);
afterAll(async () => {
  await engine?.stop();
}, 90_000);

/** hotdock reaches the engine over the namespace's link, as it reaches a remote host. */
const endpoint = (): string => engine.tcpUrl!;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Waits until `check` returns a value (not undefined), up to `ms`. */
async function eventually<T>(check: () => Promise<T | undefined>, ms: number, what: string): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await check().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

/** GET http://<namespace address>:port/ — the body, or '' when nothing answers. */
async function serve(port: number): Promise<string> {
  for (let i = 0; i < 20; i++) {
    try {
      return (await (await fetch(`http://${engine.address}:${port}/`, { signal: AbortSignal.timeout(2000) })).text()).trim();
    } catch {
      await sleep(250);
    }
  }
  return '';
}

async function stackContainers(docker: Docker, stack: string): Promise<Docker.ContainerInfo[]> {
  return docker.listContainers({ all: true, filters: { label: [`${LABEL_STACK}=${stack}`] } });
}

test('an engine restart mid-replace does not revive the aside container; the next runs converge', async () => {
  const docker = engine.docker;
  const stack = uniqueStack();
  const port = await freePort();
  const web = (image: string) =>
    container('web', { image, cmd: SERVE, restart_policy: { Name: 'always' }, port_bindings: { 80: port } });
  const settings = (runId: string, extra = {}) =>
    testSettings(stack, { dockerEndpoint: endpoint(), dockerEndpointExplicit: true, pull: 'never', runId, ...extra });

  // Not part of the stack: it must come through everything as it was.
  const foreign = await docker.createContainer({
    name: `${stack}-foreign`, Image: TEST_IMAGE, Cmd: ['sleep', '600'], StopTimeout: 1, HostConfig: { RestartPolicy: { Name: 'always' } },
  });
  await foreign.start();

  const first = await runStack(settings('run-1'), stackOf(stack, [web(TEST_IMAGE)]), recordingLog(), options);
  expect(first.error).toBeUndefined();
  const v1 = first.resources.web.container_id;
  expect(await serve(port)).toBe('hello');

  // The replace: v2 needs a minute to prove itself; the engine dies long before.
  const replacing = runStack(settings('run-2', { stableSeconds: 60, waitTimeout: 120 }), stackOf(stack, [web(IMAGE_2)]), recordingLog(), options);
  const v2 = await eventually(async () => {
    const list = await stackContainers(docker, stack);
    const aside = list.find((c) => c.Id === v1 && c.Names[0].includes('-hotdock-aside-run-2-'));
    const next = list.find((c) => c.Id !== v1 && c.State === 'running' && c.Labels[LABEL_RUN] === 'run-2');
    return aside && next ? next.Id : undefined;
  }, 30_000, 'v1 aside and v2 running');
  expect(await serve(port)).toBe('two');
  await engine.kill();
  const second: DeployReport = await replacing;
  expect(second.result).toBe('failure');
  expect(second.error).toMatch(new RegExp(`resource 'web' on endpoint '${endpoint()}'`));
  // The old container could not be brought back while the engine was down: no claim that it was.
  expect(second.error).toMatch(new RegExp(`restoring the old container '${stack}-web' \\(aside as '${stack}-web-hotdock-aside-run-2-${v1.slice(0, 12)}'\\) failed`));
  expect(second.rolledBack).not.toContain('web');

  await engine.start();
  // The engine brings back what ran with `always`: v2 (and the foreign container), never the aside v1.
  await eventually(async () => ((await foreign.inspect()).State.Running ? true : undefined), 30_000, 'the engine to restart its containers');
  const aside = await docker.getContainer(v1).inspect();
  expect(aside.HostConfig.RestartPolicy?.Name).toBe('no');
  expect(aside.State.Running).toBe(false);
  await eventually(async () => ((await docker.getContainer(v2).inspect()).State.Running ? true : undefined), 30_000, 'v2 restarted by the engine');
  const running = (await stackContainers(docker, stack)).filter((c) => c.State === 'running').map((c) => c.Id);
  expect(running).toEqual([v2]);
  expect(await serve(port)).toBe('two');
  const seen = await observeEndpoint(dockerApiOf(docker), endpoint(), stack);
  expect(seen.map((o) => ({ id: o.id, role: o.role, asideOf: o.asideOf, run: o.run })).sort((a, b) => a.id.localeCompare(b.id))).toEqual(
    [
      { id: v1, role: 'aside', asideOf: `${stack}-web`, run: 'run-2' },
      { id: v2, role: 'live', asideOf: undefined, run: 'run-2' },
    ].sort((a, b) => a.id.localeCompare(b.id)),
  );

  // Two further runs at most (each waits out the dead run's lock) bring the stack to the template.
  let report: DeployReport | undefined;
  const attempts: string[] = [];
  for (const runId of ['run-3', 'run-4']) {
    report = await runStack(settings(runId), stackOf(stack, [web(IMAGE_2)]), recordingLog(), options);
    attempts.push(`${runId}: ${report.result}${report.error ? ` (${report.error})` : ''}`);
    if (report.result === 'success') break;
  }
  expect(attempts.at(-1)).toMatch(/success$/);
  const final = await stackContainers(docker, stack);
  expect(final.map((c) => [c.Names[0], c.State])).toEqual([[`/${stack}-web`, 'running']]);
  expect(await serve(port)).toBe('two');
  // Converged: one more run changes nothing.
  const again = await runStack(settings('run-5'), stackOf(stack, [web(IMAGE_2)]), recordingLog(), options);
  expect(again.result).toBe('success');
  expect(again.changed).toBe(false);

  const after = await foreign.inspect();
  expect(after.Name).toBe(`/${stack}-foreign`);
  expect(after.State.Running).toBe(true);
  expect(after.HostConfig.RestartPolicy?.Name).toBe('always');
}, 120_000);
