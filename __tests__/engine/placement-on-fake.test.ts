/**
 * Pool placement through the whole orchestration on two in-memory engines (fast; the same runs on
 * the lab's real engines in placement.integration.test.ts): spread, stickiness, an engine leaving
 * the pool, and a memory shortfall that changes nothing.
 */
import type { DockerConnection } from '../../src/engine/client.js';
import type { DockerApi } from '../../src/engine/docker-api.js';
import { runStack, type RunOptions } from '../../src/engine/run.js';
import type { Settings } from '../../src/settings.js';
import { FakeDocker } from '../helpers/fake-docker.js';
import { container, recordingLog, stackOf, testSettings } from '../helpers/stack.js';

const IMAGE = 'hotdock-test/busybox:1';
const STACK = 'pool-stack';
const GiB = 2 ** 30;
let fakes: Record<string, FakeDocker>;
let apis: Record<string, DockerApi>;

beforeEach(() => {
  fakes = { h1: new FakeDocker({ images: [IMAGE], engineId: 'FAKE:1' }), h2: new FakeDocker({ images: [IMAGE], engineId: 'FAKE:2' }) };
  // /info as dockerd gives it: 4 GiB each, and the containers it holds.
  apis = Object.fromEntries(Object.entries(fakes).map(([n, f]) => [n, { ...f.api, info: async () => ({ ...(await f.api.info()), MemTotal: 4 * GiB, Containers: f.containers.size }) }]));
});
afterEach(() => Object.values(fakes).forEach((f) => f.dispose()));

const options: RunOptions = {
  stopTimeoutSeconds: 0,
  connect: async (target): Promise<DockerConnection> => ({ target, docker: apis[target.name], apiVersion: '1.43', engineVersion: '24.0.0-fake', close: async () => undefined }),
};
const settings = (over: Partial<Settings> = {}, h2Pool = true): Settings => testSettings(STACK, {
  stableSeconds: 0, waitTimeout: 2,
  endpoints: { h1: { url: 'tcp://127.0.0.1:1' }, h2: { url: 'tcp://127.0.0.1:2', ...(h2Pool ? {} : { pool: false }) } },
  ...over,
});
const stack = (memory?: number) => stackOf(STACK, ['a', 'b', 'c', 'd'].map((r) => container(r, { cmd: ['sleep', '300'], ...(memory ? { memory } : {}) })));
/** resource → engine of the stack's live containers. */
const where = (): Record<string, string> => Object.fromEntries(Object.entries(fakes).flatMap(([n, f]) =>
  [...f.containers.values()].filter((c) => c.labels['io.hotdock.resource'] && !c.name.includes('aside')).map((c) => [c.labels['io.hotdock.resource'], n])).sort());

test('spread two and two; a rerun is a no-op; h2 leaving the pool moves its two, as replaces with the reason', async () => {
  const first = await runStack(settings(), stack(), recordingLog(), options);
  expect(first.error).toBeUndefined();
  expect(where()).toEqual({ a: 'h1', b: 'h2', c: 'h1', d: 'h2' });
  expect(first.placement?.b).toEqual({ endpoint: 'h2', reason: "spread: fewest of this stack's containers", detail: 'h2: 0 of this stack, 1 in all; h1: 1 of this stack, 2 in all' });
  // "In all" is what /info counts: the run's own lock container is one of them.

  const again = await runStack(settings(), stack(), recordingLog(), options);
  expect(again.changed).toBe(false);

  const log = recordingLog();
  const moved = await runStack(settings({}, false), stack(), log, options);
  expect(moved.error).toBeUndefined();
  expect(where()).toEqual({ a: 'h1', b: 'h1', c: 'h1', d: 'h1' });
  expect(moved.plan.filter((p) => p.action !== 'unchanged').map((p) => `${p.action} ${p.resource} @${p.endpoint}: ${p.reasons.join(', ')}`)).toEqual([
    'replace b @h1: moved from h2: endpoint h2 left the pool',
    'remove b @h2: moved to h1',
    'replace d @h1: moved from h2: endpoint h2 left the pool',
    'remove d @h2: moved to h1',
  ]);
  expect(moved.resources.b).toMatchObject({ endpoint: 'h1', action: 'replace', state: 'running' });
  expect(log.lines).toContainEqual(expect.stringContaining('placement: b → h1 (moved from h2: endpoint h2 left the pool; the only endpoint of the pool'));
});

test("binpack: three of 1.2 GiB fill h1, the fourth goes to h2; then 5 GiB fits nowhere (the first stack's limits count) and nothing changes", async () => {
  const report = await runStack(settings({ placement: 'binpack' }), stack(Math.floor(1.2 * GiB)), recordingLog(), options);
  expect(report.error).toBeUndefined();
  expect(where()).toEqual({ a: 'h1', b: 'h1', c: 'h1', d: 'h2' });

  const big = stackOf('big-stack', [container('huge', { memory: 5 * GiB })]);
  const refused = await runStack(testSettings('big-stack', { ...settings({ placement: 'binpack' }), stackName: 'big-stack' }), big, recordingLog(), options);
  expect(refused.error).toBe("resource 'huge': memory 5 GiB fits on no endpoint of the pool: the most free is 2.8 GiB on h2, 2.2 GiB short (h1: 409.6 MiB free of 4 GiB; h2: 2.8 GiB free of 4 GiB)");
  expect(refused.changed).toBe(false);
  expect(Object.values(fakes).flatMap((f) => [...f.containers.values()]).filter((c) => c.labels['io.hotdock.stack'] === 'big-stack')).toEqual([]);
});
