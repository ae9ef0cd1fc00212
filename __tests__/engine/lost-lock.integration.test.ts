/**
 * Lost lock, on the lab's second engine: run A reaches it through a TCP proxy this file owns, run
 * B through the engine's socket. A replaces `web` and, while its new container proves itself, its
 * proxy freezes: A's renewals stop, B takes the lock over and keeps that container. When A thaws,
 * it must change nothing more (LockLostError) and must not remove the container B kept.
 */
import Docker from 'dockerode';
import { runStack, type RunOptions } from '../../src/engine/run.js';
import { startFreezeProxy, type FreezeProxy } from '../helpers/freeze-proxy.js';
import { lab } from '../helpers/lab.js';
import { cleanupStack, container, recordingLog, stackOf, testSettings, uniqueStack } from '../helpers/stack.js';

const L = lab();
const H2 = L.h2Sock.replace(/^unix:\/\//, '');
const h2 = new Docker({ socketPath: H2 });
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
// sleep ignores SIGTERM as PID 1: stop kills at once instead of waiting out a grace period.
const sleeper = (name: string, v: string, extra = {}) => container(name, { cmd: ['sleep', '300'], env: [`V=${v}`] }, extra);

let proxy: FreezeProxy;
const stack = uniqueStack('lost');
beforeAll(async () => {
  proxy = await startFreezeProxy({ socketPath: H2 });
});
afterAll(async () => {
  proxy.thaw();
  await proxy.close();
  await cleanupStack(h2, stack);
});

const containersOf = async () => h2.listContainers({ all: true, filters: { label: [`io.hotdock.stack=${stack}`] } });

/** Waits until a running container of `resource` other than `except` exists; returns its id. */
async function newRunning(resource: string, except: string, limitMs: number): Promise<string | undefined> {
  const until = Date.now() + limitMs;
  while (Date.now() < until) {
    const c = (await containersOf()).find((x) => x.Id !== except && x.Labels['io.hotdock.resource'] === resource && x.State === 'running');
    if (c) return c.Id;
    await sleep(20);
  }
  return undefined;
}

test('a run frozen past its lock TTL: another run takes over, and the thawed run removes nothing', async () => {
  const direct = (runId: string) => testSettings(stack, { dockerEndpoint: L.h2Sock, dockerEndpointExplicit: true, runId, lockTimeout: 60 });
  const quick: RunOptions = { stopTimeoutSeconds: 0 };
  const seed = await runStack(direct('seed'), stackOf(stack, [sleeper('web', '1')]), recordingLog(), quick);
  expect(seed.error).toBeUndefined();
  const v1 = seed.resources.web.container_id;

  // A: replace web (v2), then `after`, which waits for web. web's stable window is long, so A is
  // still proving it when its proxy freezes, and still mid-run when it thaws.
  const logA = recordingLog();
  const settingsA = testSettings(stack, { dockerEndpoint: proxy.url, dockerEndpointExplicit: true, runId: 'run-a', waitTimeout: 60, stableSeconds: 20 });
  const runA = runStack(settingsA, stackOf(stack, [sleeper('web', '2'), sleeper('after', '1', { dependsOn: ['web'] })]), logA, {
    stopTimeoutSeconds: 0,
    lockTtlSeconds: 8,
  });
  const made = await newRunning('web', v1, 20_000);
  expect(made).toBeDefined();
  proxy.freeze();
  const frozenAt = Date.now();

  // B: the same engine, directly. A's lock is taken over within 30 s, and B keeps A's web (same
  // config, running).
  const logB = recordingLog();
  const b = await runStack(direct('run-b'), stackOf(stack, [sleeper('web', '2')]), logB, quick);
  const bDone = Date.now();
  if (process.env.HOTDOCK_TEST_VERBOSE) console.log(`B took over and deployed ${bDone - frozenAt} ms after the freeze`);
  expect(b.error).toBeUndefined();
  expect(logB.lines.join('\n')).toMatch(/taking over the lock of run run-a/);
  expect(bDone - frozenAt).toBeLessThan(30_000);
  const kept = b.resources.web.container_id;
  expect(kept).toBe(made);

  proxy.thaw();
  const a = await runA;
  if (process.env.HOTDOCK_TEST_VERBOSE) console.log(`A: ${a.error}`);
  // A says it lost the lock, naming stack and endpoint, and changed nothing after that.
  expect(a.result).toBe('failure');
  expect(a.error).toMatch(new RegExp(`stack '${stack}' on endpoint '${proxy.url}': this run lost the deploy lock`));
  const after = await containersOf();
  expect(after.filter((c) => c.Labels['io.hotdock.resource'] === 'after')).toEqual([]);
  // B's container still serves.
  const info = await h2.getContainer(kept).inspect();
  expect(info.State.Running).toBe(true);
  expect(info.Name).toBe(`/${b.resources.web.container_name}`);
  expect(after.map((c) => c.Id)).toEqual([kept]);
}, 90_000);
