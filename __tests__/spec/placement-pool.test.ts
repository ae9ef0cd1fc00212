import type { Settings } from '../../src/settings.js';
import { defaultPool, poolMode, watchedEndpoints } from '../../src/spec/endpoints.js';
import { placeWithReasons } from '../../src/spec/placement-pool.js';

function settings(over: Partial<Settings> = {}): Settings {
  return {
    template: 't.yaml', workspace: '/w', mode: 'deploy', stackName: 's', parameters: {}, environmentFiles: [],
    dockerEndpoint: 'unix:///var/run/docker.sock', dockerEndpointExplicit: false, endpoints: {},
    registryAuth: {}, pull: 'missing', prune: true, rollback: true, waitTimeout: 60, stableSeconds: 5, maxParallel: 8,
    lockTimeout: 300, runId: 'r1',
    placement: 'spread', target: 'containers', requireReviewedPlan: false, githubToken: '', commentOnPr: 'true', ...over,
  };
}

const GiB = 2 ** 30;
const drained = settings({ endpoints: { h1: { url: 'tcp://h1:2376' }, h2: { url: 'tcp://h2:2376', pool: false } } });

test("an entry with 'pool: false' is watched but takes nothing: its resources move to the pool, saying why", () => {
  expect(poolMode(drained)).toBe(true);
  expect(defaultPool(drained).map((t) => t.name)).toEqual(['h1']);
  expect(watchedEndpoints(drained).map((t) => t.name)).toEqual(['h1', 'h2']);
  const r = placeWithReasons([{ name: 'a' }, { name: 'b' }, { name: 'pinned', endpointRef: 'h2' }], drained, { current: { a: 'h1', b: 'h2', pinned: 'h2' } });
  if ('error' in r) throw new Error(r.error);
  expect(Object.fromEntries([...r.targets].map(([k, t]) => [k, t.name]))).toEqual({ a: 'h1', b: 'h1', pinned: 'h2' });
  expect(r.decisions.get('b')?.moved).toEqual({ from: 'h2', why: 'endpoint h2 left the pool' });
  // Named explicitly, it still runs there.
  expect(r.decisions.get('pinned')).toEqual({ endpoint: 'h2', reason: 'docker_endpoint names it' });
});

test('every entry out of the pool: resources naming no endpoint are an error that names them', () => {
  const s = settings({ endpoints: { h1: { url: 'tcp://h1:2376', pool: false }, h2: { url: 'tcp://h2:2376', pool: false } } });
  expect(placeWithReasons([{ name: 'a' }, { name: 'b', endpointRef: 'h1' }], s)).toEqual({
    error: "every endpoints entry has 'pool: false': resources 'a' name no endpoint and have nowhere to go",
  });
  // Nothing to place on the pool: no error.
  expect('error' in placeWithReasons([{ name: 'b', endpointRef: 'h1' }], s)).toBe(false);
});

test("the engines' facts reach placement by endpoint name; a shortfall is the run's error", () => {
  const s = settings({ endpoints: { h1: { url: 'tcp://h1:2376' }, h2: { url: 'tcp://h2:2376' } } });
  const facts = new Map([['h1', { memTotal: 4 * GiB }], ['h2', { memTotal: 4 * GiB }]]);
  const r = placeWithReasons([{ name: 'a', memory: 3 * GiB }, { name: 'b', memory: 3 * GiB }, { name: 'c', memory: 1 * GiB }], s, { strategy: 'binpack', facts });
  if ('error' in r) throw new Error(r.error);
  expect(Object.fromEntries([...r.targets].map(([k, t]) => [k, t.name]))).toEqual({ a: 'h1', b: 'h2', c: 'h1' });
  expect(placeWithReasons([{ name: 'big', memory: 5 * GiB }], s, { strategy: 'binpack', facts })).toEqual({
    error: "resource 'big': memory 5 GiB fits on no endpoint of the pool: the most free is 4 GiB on h1, 1 GiB short (h1: 4 GiB free of 4 GiB; h2: 4 GiB free of 4 GiB)",
  });
});

test('constraints travel with the resource', () => {
  const s = settings({ endpoints: { h1: { url: 'tcp://h1:2376' }, h2: { url: 'tcp://h2:2376' } } });
  const r = placeWithReasons([{ name: 'a', constraints: { avoid: ['h1'] } }, { name: 'b', constraints: { togetherWith: ['a'] } }], s);
  if ('error' in r) throw new Error(r.error);
  expect([...r.targets.values()].map((t) => t.name)).toEqual(['h2', 'h2']);
});

test("the endpoints input takes 'pool: false' (and only a boolean there)", async () => {
  const { parseEndpoints } = await import('../../src/inputs.js');
  expect(parseEndpoints('h1: tcp://h1:2376\nh2: {url: "tcp://h2:2376", pool: false}\nh3: {url: "tcp://h3:2376", pool: true}', () => undefined)).toEqual({
    h1: { url: 'tcp://h1:2376' }, h2: { url: 'tcp://h2:2376', pool: false }, h3: { url: 'tcp://h3:2376' },
  });
  expect(() => parseEndpoints('h2: {url: "tcp://h2:2376", pool: "no"}', () => undefined)).toThrow("Invalid input 'endpoints': 'h2'.pool must be true or false");
});
