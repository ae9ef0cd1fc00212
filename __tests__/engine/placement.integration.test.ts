/**
 * Pool placement on the lab's two real engines: the local socket and the second host over TLS.
 * Resources that name no endpoint are spread two and two, stay put on a second run, move (as
 * replaces, with the reason) when their engine leaves the pool, and binpack fills one engine from
 * its reported memory before the next.
 */
import { runStack } from '../../src/engine/run.js';
import { renderSummary } from '../../src/report/summary.js';
import { validateTemplateText } from '../../src/template/validate.js';
import type { Settings } from '../../src/settings.js';
import type { ResolvedResource } from '../../src/template/types.js';
import { twoEngines } from '../helpers/two-engines.js';
import { container, recordingLog, stackOf, testSettings } from '../helpers/stack.js';

const { L, h1, h2, newStack } = twoEngines('pl');
// sleep ignores SIGTERM as PID 1: stop kills at once instead of waiting out a timeout.
const options = { stopTimeoutSeconds: 0 };

/** resource → engine ('local' or 'remote') where the stack's containers run now. */
async function where(stack: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [name, docker] of [['local', h1], ['remote', h2]] as const) {
    const list = await docker.listContainers({ all: true, filters: { label: [`io.hotdock.stack=${stack}`] } });
    for (const c of list) out[c.Labels['io.hotdock.resource']] = out[c.Labels['io.hotdock.resource']] ? `${out[c.Labels['io.hotdock.resource']]}+${name}` : name;
  }
  return Object.fromEntries(Object.entries(out).sort());
}

/** The pool: both lab engines; `remotePool: false` takes the second one out of it. */
function pooled(stack: string, over: Partial<Settings> = {}, remotePool = true): Settings {
  return testSettings(stack, {
    endpoints: {
      local: { url: L.h1 },
      remote: { url: L.h2Tls, tls: { ca: L.ca, cert: L.cert, key: L.key }, ...(remotePool ? {} : { pool: false }) },
    },
    ...over,
  });
}

const sleeper = (name: string, extra: Record<string, unknown> = {}, more: Partial<ResolvedResource> = {}): ResolvedResource =>
  container(name, { cmd: ['sleep', '300'], ...extra }, more);
const countOn = (placed: Record<string, string>, engine: string): number => Object.values(placed).filter((e) => e === engine).length;

test('spread: two on each engine; a second run changes nothing; an engine leaving the pool moves its containers, as replaces with the reason', async () => {
  const name = newStack();
  const stack = stackOf(name, ['a', 'b', 'c', 'd'].map((r) => sleeper(r)));
  // Plan mode decides the same way from the same facts, and changes nothing.
  const planned = await runStack(pooled(name, { mode: 'plan' }), stack, recordingLog(), options);
  expect(planned.error).toBeUndefined();
  expect(await where(name)).toEqual({});
  const t0 = Date.now();
  const first = await runStack(pooled(name), stack, recordingLog(), options);
  const deployMs = Date.now() - t0;
  expect(first.error).toBeUndefined();
  const placed = await where(name);
  expect(Object.keys(placed)).toEqual(['a', 'b', 'c', 'd']);
  expect([countOn(placed, 'local'), countOn(placed, 'remote')]).toEqual([2, 2]);
  // The report says where each went and why; the plan shows it on every create.
  expect(Object.fromEntries(Object.entries(first.placement ?? {}).map(([r, d]) => [r, d.endpoint]))).toEqual(placed);
  expect([countOn(Object.fromEntries(Object.entries(planned.placement ?? {}).map(([r, d]) => [r, d.endpoint])), 'local')]).toEqual([2]);
  for (const p of first.plan) expect(p).toMatchObject({ action: 'create', reasons: ['new', expect.stringMatching(/^spread: /)] });

  const t1 = Date.now();
  const log = recordingLog();
  const again = await runStack(pooled(name), stack, log, options);
  const noopMs = Date.now() - t1;
  expect(again.error).toBeUndefined();
  expect(again.changed).toBe(false);
  expect(again.plan.map((p) => p.action)).toEqual(['unchanged', 'unchanged', 'unchanged', 'unchanged']);
  expect(await where(name)).toEqual(placed);
  expect(Object.values(again.placement ?? {}).map((d) => d.reason)).toEqual(['runs there', 'runs there', 'runs there', 'runs there']);

  // The second engine leaves the pool: what ran there moves to the first, created before removed.
  const leaving = Object.keys(placed).filter((r) => placed[r] === 'remote');
  const t2 = Date.now();
  const moved = await runStack(pooled(name, {}, false), stack, recordingLog(), options);
  const moveMs = Date.now() - t2;
  expect(moved.error).toBeUndefined();
  expect(await where(name)).toEqual({ a: 'local', b: 'local', c: 'local', d: 'local' });
  const steps = moved.plan.map((p) => `${p.action} ${p.resource} ${p.endpoint}: ${p.reasons.join(', ')}`).sort();
  expect(steps).toEqual([
    ...Object.keys(placed).filter((r) => placed[r] === 'local').map((r) => `unchanged ${r} local: `),
    ...leaving.flatMap((r) => [`remove ${r} remote: moved to local`, `replace ${r} local: moved from remote: endpoint remote left the pool`]),
  ].sort());
  for (const r of leaving) expect(moved.placement?.[r]).toMatchObject({ endpoint: 'local', moved: { from: 'remote', why: 'endpoint remote left the pool' } });
  const summary = renderSummary({ template: 'stack.yaml', mode: 'deploy', stackName: name, diagnostics: [], report: moved, secrets: [] });
  expect(summary).toContain('### Placement');
  expect(summary).toContain(`| ${leaving[0]} | local | moved from remote: endpoint remote left the pool; the only endpoint of the pool`);
  expect(summary).toContain(`move ${leaving[0]} @local: moved from remote: endpoint remote left the pool`);
  console.log(`pool placement: deploy of 4 over 2 engines ${deployMs} ms, no-op ${noopMs} ms, moving 2 off a drained engine ${moveMs} ms`);
}, 180000);

test("binpack fills one engine from its reported memory before the next; a limit that fits nowhere fails naming the shortfall, changing nothing", async () => {
  const [i1, i2] = await Promise.all([h1.info(), h2.info()]);
  const memTotal = Math.min(i1.MemTotal as number, i2.MemTotal as number);
  // Three fit on one engine (90%), the fourth does not: the other engine takes it.
  const memory = Math.floor(memTotal * 0.3);
  const name = newStack();
  const stack = stackOf(name, ['a', 'b', 'c', 'd'].map((r) => sleeper(r, { memory })));
  const report = await runStack(pooled(name, { placement: 'binpack' }), stack, recordingLog(), options);
  expect(report.error).toBeUndefined();
  const placed = await where(name);
  const counts = [countOn(placed, 'local'), countOn(placed, 'remote')].sort();
  expect(counts).toEqual([1, 3]);
  const full = countOn(placed, 'local') === 3 ? 'local' : 'remote';
  // The biggest-first order is by name among equals: a, b and c fill the first engine.
  expect([placed.a, placed.b, placed.c]).toEqual([full, full, full]);
  expect(report.placement?.a.reason).toBe('binpack: the fullest endpoint it fits on');
  expect(report.placement?.a.detail).toMatch(/^local: [\d.]+ [GM]iB free of [\d.]+ [GM]iB; remote: [\d.]+ [GM]iB free of [\d.]+ [GM]iB$/);
  // The limits really are on the containers.
  const onFull = await (full === 'local' ? h1 : h2).listContainers({ filters: { label: [`io.hotdock.stack=${name}`] } });
  const limits = await Promise.all(onFull.map(async (c) => (await (full === 'local' ? h1 : h2).getContainer(c.Id).inspect()).HostConfig.Memory));
  expect(limits).toEqual([memory, memory, memory]);

  const big = newStack();
  const tooBig = await runStack(pooled(big, { placement: 'binpack' }), stackOf(big, [sleeper('huge', { memory: memTotal * 2 })]), recordingLog(), options);
  expect(tooBig.result).toBe('failure');
  expect(tooBig.error).toMatch(/^resource 'huge': memory [\d.]+ GiB fits on no endpoint of the pool: the most free is [\d.]+ [GM]iB on (local|remote), [\d.]+ GiB short/);
  expect(tooBig.changed).toBe(false);
  expect(await where(big)).toEqual({});
}, 180000);

test('apart_from: binpack would stack two resources on one engine; kept apart, they land on both', async () => {
  const name = newStack();
  const stack = stackOf(name, [sleeper('p'), sleeper('q', {}, { placement: { apartFrom: ['p'] } })]);
  const report = await runStack(pooled(name, { placement: 'binpack' }), stack, recordingLog(), options);
  expect(report.error).toBeUndefined();
  const placed = await where(name);
  expect(new Set(Object.values(placed))).toEqual(new Set(['local', 'remote']));
  expect(report.placement?.q.reason).toBe('the only endpoint its placement allows');
}, 120000);

test('rules written in the template (metadata.hotdock.placement) reach the engines: together and apart, then avoid moves one', async () => {
  const name = newStack();
  const text = (zRules: string): string => [
    'heat_template_version: 2021-04-16',
    'resources:',
    '  x:',
    '    type: DockerInc::Docker::Container',
    `    properties: {image: hotdock-test/busybox:1, cmd: [sleep, "300"]}`,
    '    metadata: {hotdock: {placement: {together_with: y}}}',
    '  y:',
    '    type: DockerInc::Docker::Container',
    `    properties: {image: hotdock-test/busybox:1, cmd: [sleep, "300"]}`,
    '  z:',
    '    type: DockerInc::Docker::Container',
    `    properties: {image: hotdock-test/busybox:1, cmd: [sleep, "300"]}`,
    `    metadata: {hotdock: {placement: ${zRules}}}`,
    '',
  ].join('\n');
  const settings = pooled(name, { placement: 'binpack' });
  const validated = (zRules: string) => {
    const v = validateTemplateText(text(zRules), settings, { readFile: () => '' });
    expect(v.diagnostics).toEqual([]);
    return v.stack!;
  };
  const first = await runStack(settings, validated('{apart_from: [x]}'), recordingLog(), options);
  expect(first.error).toBeUndefined();
  const placed = await where(name);
  expect(placed.x).toBe(placed.y);
  expect(placed.z).not.toBe(placed.x);

  // z's rules change: it now avoids the engine it runs on (and no longer keeps apart from x), so it
  // moves, and the plan says which rule; x and y stay where they run.
  const second = await runStack(settings, validated(`{avoid: ${placed.z}}`), recordingLog(), options);
  expect(second.error).toBeUndefined();
  expect(second.plan.find((p) => p.resource === 'z' && p.action === 'replace')?.reasons).toEqual([`moved from ${placed.z}: constraints changed: 'z' avoids ${placed.z}`]);
  expect(second.plan.filter((p) => p.resource !== 'z').map((p) => p.action)).toEqual(['unchanged', 'unchanged']);
  expect(await where(name)).toEqual({ x: placed.x, y: placed.y, z: placed.x });
}, 120000);
