import { walkDag, type DagNode } from '../../src/engine/parallel.js';

const node = (id: string, dependsOn: string[] = [], lane = 'a'): DagNode => ({ id, key: id, dependsOn, lane });
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

test('bounded parallelism per lane', async () => {
  const nodes = [...Array(10).keys()].map((i) => node(`n${i}`, [], i % 2 ? 'odd' : 'even'));
  const live = new Map<string, number>();
  const peak = new Map<string, number>();
  const res = await walkDag(
    nodes,
    async (n) => {
      live.set(n.lane, (live.get(n.lane) ?? 0) + 1);
      peak.set(n.lane, Math.max(peak.get(n.lane) ?? 0, live.get(n.lane)!));
      await sleep(20);
      live.set(n.lane, live.get(n.lane)! - 1);
    },
    { limitPerLane: 2 },
  );
  expect(res.done).toHaveLength(10);
  expect(peak.get('odd')).toBe(2);
  expect(peak.get('even')).toBe(2);
});

test('dependencies finish first', async () => {
  const order: string[] = [];
  const res = await walkDag(
    [node('web', ['db', 'cache']), node('db'), node('cache', ['db']), node('other')],
    async (n) => {
      await sleep(n.id === 'db' ? 30 : 5);
      order.push(n.id);
    },
    { limitPerLane: 8 },
  );
  expect(res.failed).toEqual([]);
  expect(order.indexOf('db')).toBeLessThan(order.indexOf('cache'));
  expect(order.indexOf('cache')).toBeLessThan(order.indexOf('web'));
});

test('a failure stops new work; in-flight work finishes', async () => {
  const started: string[] = [];
  const res = await walkDag(
    [node('a'), node('b'), node('c', ['a']), node('d', ['b'])],
    async (n) => {
      started.push(n.id);
      if (n.id === 'a') throw new Error('boom');
      await sleep(20);
    },
    { limitPerLane: 2 },
  );
  expect(res.failed.map((f) => f.id)).toEqual(['a']);
  expect(res.done).toEqual(['b']);
  expect(res.skipped.sort()).toEqual(['c', 'd']);
  expect(started).not.toContain('d');
});

test('without stopOnError only dependents of a failure are skipped', async () => {
  const res = await walkDag(
    [node('a'), node('b'), node('c', ['a']), node('d', ['b']), node('e', ['c'])],
    async (n) => {
      if (n.id === 'a') throw new Error('boom');
    },
    { limitPerLane: 1, stopOnError: false },
  );
  expect(res.done.sort()).toEqual(['b', 'd']);
  expect(res.skipped.sort()).toEqual(['c', 'e']);
});

test('shared keys: every node of a key must finish; unknown keys and cycles do not hang', async () => {
  const res = await walkDag(
    [
      { id: 'rm-db', key: 'db', dependsOn: [], lane: 'x' },
      { id: 'mk-db', key: 'db', dependsOn: [], lane: 'y' },
      { id: 'web', key: 'web', dependsOn: ['db', 'gone'], lane: 'y' },
      { id: 'p', key: 'p', dependsOn: ['q'], lane: 'y' },
      { id: 'q', key: 'q', dependsOn: ['p'], lane: 'y' },
    ],
    async () => undefined,
    { limitPerLane: 1 },
  );
  expect(res.done.at(-1)).toBe('web');
  expect(res.skipped.sort()).toEqual(['p', 'q']);
  expect(await walkDag([], async () => undefined, { limitPerLane: 1 })).toEqual({ done: [], failed: [], skipped: [] });
});

test('an abort starts nothing more, awaits what runs and reports the rest as skipped', async () => {
  const abort = new AbortController();
  const started: string[] = [];
  const res = await walkDag(
    [node('a'), node('b', ['a']), node('c', ['b'])],
    async (n) => {
      started.push(n.id);
      if (n.id === 'a') abort.abort();
      await sleep(10);
    },
    { limitPerLane: 2, signal: abort.signal },
  );
  expect(started).toEqual(['a']);
  expect(res).toEqual({ done: ['a'], failed: [], skipped: ['b', 'c'] });
});
