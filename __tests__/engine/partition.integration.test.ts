/**
 * Partition mid-deploy, on the lab's second engine behind a TCP proxy this file owns: the proxy
 * freezes (silence both ways, sockets open) right after the old container was put aside. The run
 * must end within wait-timeout + 30 s with an error naming resource and endpoint; after the thaw
 * the old container serves again or the next run converges.
 */
import Docker from 'dockerode';
import { runStack, type RunOptions } from '../../src/engine/run.js';
import { startFreezeProxy, type FreezeProxy } from '../helpers/freeze-proxy.js';
import { lab } from '../helpers/lab.js';
import { cleanupStack, container, recordingLog, stackOf, testSettings, uniqueStack } from '../helpers/stack.js';

const H2 = lab().h2Sock.replace(/^unix:\/\//, '');
const h2 = new Docker({ socketPath: H2 });
// The bound is wait-timeout + 30 s whatever wait-timeout is: a frozen request ends at its own deadline,
// not at wait-timeout. 10 s keeps the bound meaningful and leaves room on a loaded 2-core runner.
const WAIT_TIMEOUT = 10;
// sleep ignores SIGTERM as PID 1: stop kills at once instead of waiting out a grace period.
const options: RunOptions = { stopTimeoutSeconds: 0, lockTtlSeconds: 8 };
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const web = (v: string) => container('web', { cmd: ['sleep', '300'], env: [`V=${v}`] });

let proxy: FreezeProxy;
const stack = uniqueStack('part');
beforeAll(async () => {
  proxy = await startFreezeProxy({ socketPath: H2 });
});
afterAll(async () => {
  proxy.thaw();
  await proxy.close();
  await cleanupStack(h2, stack);
});

/**
 * Freezes the proxy once the old container `id` was put aside (renamed) and the replacement's
 * create reached the engine: the put-aside is complete on both ends. Resolves with the time.
 */
async function freezeAfterPutAside(id: string, name: string, limitMs: number): Promise<number | undefined> {
  const until = Date.now() + limitMs;
  while (Date.now() < until) {
    const list = await h2.listContainers({ all: true, filters: { label: [`io.hotdock.stack=${stack}`] } });
    const old = list.find((c) => c.Id === id);
    if (old && old.Names[0] !== `/${name}` && list.some((c) => c.Id !== id)) {
      proxy.freeze();
      return Date.now();
    }
    await sleep(10);
  }
  return undefined;
}

test('a partition right after the put-aside: bounded, named, and repaired after the thaw', async () => {
  const settings = (runId: string) =>
    testSettings(stack, { dockerEndpoint: proxy.url, dockerEndpointExplicit: true, waitTimeout: WAIT_TIMEOUT, runId });
  const first = await runStack(settings('part-1'), stackOf(stack, [web('1')]), recordingLog(), options);
  expect(first.error).toBeUndefined();
  const { container_id: oldId, container_name: oldName } = first.resources.web;

  const log = recordingLog();
  const running = runStack(settings('part-2'), stackOf(stack, [web('2')]), log, options);
  const frozenAt = await freezeAfterPutAside(oldId, oldName, 20_000);
  const report = await running;
  const endedAt = Date.now();
  proxy.thaw();

  if (process.env.HOTDOCK_TEST_VERBOSE) console.log(`ended ${endedAt - frozenAt!} ms after the freeze:\n${report.error}`);
  expect(frozenAt).toBeDefined();
  // Bounded: wait-timeout + 30 s after the partition began.
  expect(endedAt - frozenAt!).toBeLessThan((WAIT_TIMEOUT + 30) * 1000);
  expect(report.result).toBe('failure');
  // Named: the resource and the endpoint, never a bare socket error or HTTP code.
  expect(report.error).toMatch(new RegExp(`resource 'web' on endpoint '${proxy.url}'`));
  expect(report.error).toMatch(new RegExp(`endpoint '${proxy.url}': .* timed out after \\d+(\\.\\d)? s`));
  for (const line of report.error!.split('\n').filter((l) => l.trim() && !l.startsWith('  |'))) {
    expect(line).toContain(`endpoint '${proxy.url}'`);
  }
  expect(report.error).not.toMatch(/ETIMEDOUT|HTTP code|^\(HTTP/m);

  // After the thaw: the old container serves again, or the next run (the same deploy again) converges.
  const old = await h2.getContainer(oldId).inspect().catch(() => undefined);
  if (!(old?.State.Running && old.Name === `/${oldName}`)) {
    const next = await runStack(settings('part-3'), stackOf(stack, [web('2')]), recordingLog(), options);
    if (process.env.HOTDOCK_TEST_VERBOSE) console.log(`next run: ${next.error ?? 'ok'}`);
    expect(next.error).toBeUndefined();
    const list = await h2.listContainers({ all: true, filters: { label: [`io.hotdock.stack=${stack}`] } });
    expect(list.map((c) => [c.Names[0], c.State])).toEqual([[`/${oldName}`, 'running']]);
  }
}, 90_000);
