/**
 * The executor on the in-memory engine: plans made by the real planner from what the real observe
 * finds, carried out through the safe-replace primitives, with failures, cancellation and a lost
 * lock. What the engine holds afterwards is read back from the fake.
 */
import { jest } from '@jest/globals';
import { planStack } from '../../src/deploy/plan.js';
import type { DesiredContainer, JournalEntry, ObservedContainer, PlanNode } from '../../src/deploy/types.js';
import { executePlan, type ExecuteContext } from '../../src/engine/execute.js';
import { observeEndpoint } from '../../src/engine/observe.js';
import { desired, STACK } from '../deploy/plan-fixtures.js';
import { FakeDocker } from '../helpers/fake-docker.js';
import { recordingLog } from '../helpers/stack.js';

const IMAGE = 'busybox:1';
let fake: FakeDocker;
beforeEach(() => {
  fake = new FakeDocker({ images: [IMAGE] });
});
afterEach(() => fake.dispose());

const spec = (resource: string, props: Record<string, unknown> = {}, dependsOn: string[] = []): DesiredContainer =>
  desired({ resource, properties: { image: IMAGE, cmd: ['sleep', '300'], ...props }, dependsOn });

/** What observe finds; until observe names aside containers itself, the test does (by their name). */
async function observe(): Promise<ObservedContainer[]> {
  const found = await observeEndpoint(fake.api, 'local', STACK);
  return found.map((o) => {
    const m = /^(.*)-hotdock-(?:aside-([^-]+)|old)-[0-9a-f]{12}$/.exec(o.name);
    return m ? { ...o, role: 'aside' as const, asideOf: m[1], run: m[2] } : { ...o, role: 'live' as const };
  });
}

async function plan(wanted: DesiredContainer[]): Promise<PlanNode[]> {
  return planStack(wanted, await observe(), { prune: true });
}

function ctx(over: Partial<ExecuteContext> = {}): ExecuteContext {
  return {
    stackName: STACK, engines: new Map([['local', fake.api]]), waitTimeout: 5, maxParallel: 4, rollback: true,
    log: recordingLog(), runId: 'run-1', stableSeconds: 0.1, stopTimeoutSeconds: 0, ...over,
  };
}

/** Deploys `wanted` as a previous run would have, and returns resource → container id. */
async function deployed(wanted: DesiredContainer[]): Promise<Record<string, string>> {
  const res = await executePlan(await plan(wanted), ctx());
  expect(res.error).toBeUndefined();
  return ids();
}

function ids(): Record<string, string> {
  return Object.fromEntries([...fake.containers.values()].map((c) => [c.name, c.id]));
}

function states(): Record<string, string> {
  return Object.fromEntries([...fake.containers.values()].map((c) => [c.name, c.status]));
}

test('a fresh deploy creates in dependency order; the journal fills, then settles to []', async () => {
  const journals: (readonly JournalEntry[])[] = [];
  const wanted = [spec('db'), spec('api', {}, ['db']), spec('web', { port_bindings: { 80: 8080 } }, ['api'])];
  const res = await executePlan(await plan(wanted), ctx({ onJournal: (e) => journals.push(e) }));
  expect(res).toMatchObject({ error: undefined, changed: true, cancelled: false, rolledBack: [] });
  expect(states()).toEqual({ 'shop-db': 'running', 'shop-api': 'running', 'shop-web': 'running' });
  const creates = fake.calls.filter((c) => c.op === 'createContainer').map((c) => (c.args[0] as { name: string }).name);
  expect(creates).toEqual(['shop-db', 'shop-api', 'shop-web']);
  expect(journals.map((j) => j.length)).toEqual([1, 2, 3, 0]);
  expect(journals[2].map((e) => `${e.kind} ${e.resource}`)).toEqual(['created db', 'created api', 'created web']);
  expect(fake.calls.some((c) => c.op === 'pullImage')).toBe(false);
  // The next plan has nothing to do.
  expect((await plan(wanted)).map((n) => n.type)).toEqual(['unchanged', 'unchanged', 'unchanged']);
});

test('a failing create rolls back everything the run did, in reverse journal order', async () => {
  const before = await deployed([spec('a', { env: ['V=1'] })]);
  fake.script('shop-b', { exitAfterMs: 20, exitCode: 3, logs: ['boom'] });
  const wanted = [spec('a', { env: ['V=2'] }), spec('c', {}, ['a']), spec('b', {}, ['a', 'c'])];
  const journals: (readonly JournalEntry[])[] = [];
  const res = await executePlan(await plan(wanted), ctx({ onJournal: (e) => journals.push(e) }));
  expect(res.error).toMatch(/resource 'b' on endpoint 'local': container 'shop-b' exited with code 3/);
  expect(res.error).toMatch(/\| boom/);
  expect(res.changed).toBe(false);
  // b too: safe-replace reports its container at its create (onCreated), so it is journaled and undone.
  expect(res.rolledBack.sort()).toEqual(['a', 'b', 'c']);
  // Only the old a is left, under its name, running.
  expect(ids()).toEqual(before);
  expect(states()).toEqual({ 'shop-a': 'running' });
  // Undo went backwards: c (created last) removed before a (put aside first) was restored.
  const full = journals.reduce((a, b) => (b.length > a.length ? b : a));
  expect(full.map((e) => `${e.kind} ${e.resource}`)).toEqual(['aside a', 'created c', 'created b']);
  const cId = (full[1] as { id: string }).id;
  const removedC = fake.calls.findIndex((c) => c.op === 'removeContainer' && c.args[0] === cId);
  const renamedA = fake.calls.findIndex((c) => c.op === 'renameContainer' && c.args[1] === 'shop-a');
  expect(removedC).toBeGreaterThan(-1);
  expect(renamedA).toBeGreaterThan(removedC);
  expect(journals.at(-1)).toEqual([]);
});

test('a cancelled run starts nothing new, restores what it put aside and removes what it created', async () => {
  const before = await deployed([spec('a', { env: ['V=1'] })]);
  const abort = new AbortController();
  const wanted = [spec('a', { env: ['V=2'] }), spec('b', {}, ['a']), spec('c', {}, ['b'])];
  const res = await executePlan(await plan(wanted), ctx({
    signal: abort.signal,
    // Cancelled the moment a's new container exists: a is replaced, b and c never start.
    onJournal: (e) => {
      if (e.some((x) => x.kind === 'aside' && x.replacementId)) abort.abort();
    },
  }));
  expect(res.cancelled).toBe(true);
  expect(res.error).toMatch(/^the run was cancelled/);
  expect(ids()).toEqual(before);
  expect(states()).toEqual({ 'shop-a': 'running' });
  const created = fake.calls.filter((c) => c.op === 'createContainer').map((c) => (c.args[0] as { name: string }).name);
  expect(created).toEqual(['shop-a', 'shop-a']);
});

test('a cancel during a wait ends the wait at once', async () => {
  await deployed([spec('a')]);
  await fake.api.stopContainer(ids()['shop-a']);
  const abort = new AbortController();
  const started = Date.now();
  const run = executePlan(await plan([spec('a')]), ctx({ signal: abort.signal, stableSeconds: 30, waitTimeout: 60 }));
  setTimeout(() => abort.abort(), 200);
  const res = await run;
  expect(res.cancelled).toBe(true);
  // Generous: the 30 s stability window was not waited out.
  expect(Date.now() - started).toBeLessThan(10_000);
  // The container it started is stopped again.
  expect(states()).toEqual({ 'shop-a': 'exited' });
});

test('a fence that throws stops every change; rollback only touches what this run made or put aside', async () => {
  await deployed([spec('a', { env: ['V=1'] }), spec('s')]);
  await fake.api.stopContainer(ids()['shop-s']);
  // Another stack's container and a container of this stack the run has no business with.
  const foreign = (await fake.api.createContainer({ name: 'other', Image: IMAGE, Labels: { 'io.hotdock.stack': 'other' } })).id;
  await fake.api.startContainer(foreign);
  const before = ids();
  let lost = false;
  const fence = jest.fn(() => {
    if (lost) throw new Error("lock of stack 'shop' on endpoint 'local' lost");
  });
  const wanted = [spec('s'), spec('a', { env: ['V=2'] }, ['s']), spec('n', {}, ['a'])];
  let flippedAt = -1;
  const res = await executePlan(await plan(wanted), ctx({
    fence,
    onJournal: (e) => {
      if (!lost && e.some((x) => x.kind === 'aside')) {
        lost = true;
        flippedAt = fake.calls.length;
      }
    },
  }));
  expect(res.error).toMatch(/lock of stack 'shop' on endpoint 'local' lost/);
  expect(fence).toHaveBeenCalled();
  // n was never created; a's old container is back; s, started by this run, is left running (fenced).
  const after = fake.calls.slice(flippedAt).filter((c) => ['createContainer', 'startContainer', 'stopContainer', 'removeContainer', 'renameContainer', 'updateContainer'].includes(c.op));
  const aId = before['shop-a'];
  expect(after.every((c) => c.args[0] === aId)).toBe(true);
  expect(after.map((c) => c.op)).toEqual(['renameContainer', 'startContainer']);
  expect(ids()).toEqual(before);
  expect(states()).toMatchObject({ 'shop-a': 'running', 'shop-s': 'running', other: 'running' });
});

test('a repair plan converges: the unproven new container goes, the old one is restored, then replaced', async () => {
  const old = await deployed([spec('web', { env: ['V=1'], port_bindings: { 80: 8080 } })]);
  // An interrupted run: the old one stopped and renamed aside, a new one (V=2) created and started.
  const oldId = old['shop-web'];
  await fake.api.stopContainer(oldId);
  await fake.api.renameContainer(oldId, `shop-web-hotdock-aside-r9-${oldId.slice(0, 12)}`);
  const v2 = spec('web', { env: ['V=2'], port_bindings: { 80: 8080 } });
  const unproven = (await fake.api.createContainer({ ...v2.body, name: 'shop-web' })).id;
  await fake.api.startContainer(unproven);

  // This run wants V=3: restore V=1 (no proven new one), then replace it by V=3.
  const v3 = spec('web', { env: ['V=3'], port_bindings: { 80: 8080 } });
  const nodes = await plan([v3]);
  expect(nodes.map((n) => `${n.type} [${n.dependsOn}]`)).toEqual(['remove []', 'restore-aside [1]', 'replace [1,2]']);
  const res = await executePlan(nodes, ctx());
  expect(res.error).toBeUndefined();
  expect(states()).toEqual({ 'shop-web': 'running' });
  expect(fake.containers.has(unproven)).toBe(false);
  expect(fake.containers.has(oldId)).toBe(false);
  expect((await plan([v3])).map((n) => n.type)).toEqual(['unchanged']);
});

test('a repair plan converges: a running new container that matches is proven, the aside one discarded', async () => {
  const old = await deployed([spec('web', { env: ['V=1'] })]);
  const oldId = old['shop-web'];
  await fake.api.stopContainer(oldId);
  await fake.api.renameContainer(oldId, `shop-web-hotdock-aside-r9-${oldId.slice(0, 12)}`);
  const v2 = spec('web', { env: ['V=2'] });
  const fresh = (await fake.api.createContainer({ ...v2.body, name: 'shop-web' })).id;
  await fake.api.startContainer(fresh);

  const nodes = await plan([v2]);
  expect(nodes.map((n) => n.type)).toEqual(['prove', 'discard-aside', 'unchanged']);
  const res = await executePlan(nodes, ctx());
  expect(res.error).toBeUndefined();
  expect(ids()).toEqual({ 'shop-web': fresh });
  expect((await plan([v2])).map((n) => n.type)).toEqual(['unchanged']);
});

test('a duplicate holding the host port is removed before the resource starts', async () => {
  const web = spec('web', { port_bindings: { 80: 8080 } });
  await deployed([web]);
  await fake.api.stopContainer(ids()['shop-web']);
  // An interrupted run left a second container of web that took the port.
  const dup = (await fake.api.createContainer({ ...web.body, name: 'shop-web-2' })).id;
  await fake.api.startContainer(dup);

  const nodes = await plan([web]);
  expect(nodes.map((n) => `${n.type} [${n.dependsOn}]`)).toEqual(['remove []', 'start [1]']);
  const res = await executePlan(nodes, ctx());
  expect(res.error).toBeUndefined();
  expect(states()).toEqual({ 'shop-web': 'running' });
  expect((await plan([web])).map((n) => n.type)).toEqual(['unchanged']);
});

test('the port rule of the fake is the engine\'s: a second holder cannot start', async () => {
  const web = spec('web', { port_bindings: { 80: 8080 } });
  await deployed([web]);
  const dup = (await fake.api.createContainer({ ...web.body, name: 'shop-web-2' })).id;
  await expect(fake.api.startContainer(dup)).rejects.toMatchObject({ statusCode: 500, message: expect.stringMatching(/port is already allocated/) });
});

test('a replace whose new container fails brings the old one back at once', async () => {
  const before = await deployed([spec('a', { env: ['V=1'] })]);
  fake.script('shop-a', { exitAfterMs: 20 });
  const res = await executePlan(await plan([spec('a', { env: ['V=2'] })]), ctx());
  expect(res.error).toMatch(/resource 'a'.*exited with code 1/);
  expect(res.rolledBack).toEqual(['a']);
  expect(ids()).toEqual(before);
  expect(states()).toEqual({ 'shop-a': 'running' });
});

test('an engine error on a create (500) rolls back what the run already did', async () => {
  const before = await deployed([spec('a', { env: ['V=1'] })]);
  // Next creates: a's replacement (1st) then b (2nd), which the engine refuses.
  fake.failOn('createContainer', 2);
  const res = await executePlan(await plan([spec('a', { env: ['V=2'] }), spec('b', {}, ['a'])]), ctx());
  expect(res.error).toMatch(/resource 'b' on endpoint 'local': creating container 'shop-b' failed: .*injected failure of createContainer/);
  expect(res.rolledBack).toEqual(['a']);
  expect(ids()).toEqual(before);
  expect(states()).toEqual({ 'shop-a': 'running' });
});

test('max-parallel bounds the Docker operations in flight per endpoint', async () => {
  const release = fake.hangOn('createContainer', 1);
  const run = executePlan(await plan([spec('a'), spec('b')]), ctx({ maxParallel: 1 }));
  await new Promise((r) => setTimeout(r, 100));
  // a's create hangs in the engine: b's waits for the slot.
  expect(fake.calls.filter((c) => c.op === 'createContainer')).toHaveLength(1);
  release();
  const res = await run;
  expect(res.error).toBeUndefined();
  expect(states()).toEqual({ 'shop-a': 'running', 'shop-b': 'running' });
});

test('a lock lost between the create and the start of a replacement: the new one goes, the old one is back', async () => {
  const before = await deployed([spec('a', { env: ['V=1'] })]);
  let lost = false;
  const res = await executePlan(await plan([spec('a', { env: ['V=2'] })]), ctx({
    fence: () => {
      if (lost) throw new Error('lock lost');
    },
    // The replacement exists (created, not started) when the lock is lost.
    onJournal: (e) => {
      if (e.some((x) => x.kind === 'aside' && x.replacementId)) lost = true;
    },
  }));
  expect(res.error).toMatch(/lock lost/);
  expect(ids()).toEqual(before);
  expect(states()).toEqual({ 'shop-a': 'running' });
  // After the loss, the only start is the old container's.
  const starts = fake.calls.filter((c) => c.op === 'startContainer').map((c) => c.args[0]);
  expect(starts.at(-1)).toBe(before['shop-a']);
});
