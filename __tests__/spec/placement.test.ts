import { formatBytes, placePool } from '../../src/spec/placement.js';
import type { EngineFacts, PlacementInput, PlacementRequest } from '../../src/spec/placement-types.js';

const GiB = 2 ** 30;

/** Resource names → endpoint, or the problems' messages. */
function where(input: PlacementInput): Record<string, string> {
  const out = placePool(input);
  if (!out.ok) throw new Error(out.problems.map((p) => p.message).join('\n'));
  return Object.fromEntries([...out.decisions].map(([k, d]) => [k, d.endpoint]).sort((a, b) => (a[0] < b[0] ? -1 : 1)));
}
function decision(input: PlacementInput, name: string) {
  const out = placePool(input);
  if (!out.ok) throw new Error(out.problems.map((p) => p.message).join('\n'));
  return out.decisions.get(name)!;
}
function problems(input: PlacementInput): string[] {
  const out = placePool(input);
  if (out.ok) throw new Error(`placed: ${JSON.stringify([...out.decisions])}`);
  return out.problems.map((p) => p.message);
}
const four = (extra: Partial<PlacementRequest> = {}): PlacementRequest[] => ['a', 'b', 'c', 'd'].map((name) => ({ name, ...extra }));
const pool = (...engines: EngineFacts[]): EngineFacts[] => engines;

describe('spread', () => {
  test.each<[string, PlacementInput, Record<string, string>]>([
    [
      'fresh: fewest of this stack first, ties broken by fewest containers in all (h2 holds fewer), two on each',
      { strategy: 'spread', resources: four(), pool: pool({ name: 'h1', containers: 10 }, { name: 'h2', containers: 3 }) },
      { a: 'h2', b: 'h1', c: 'h2', d: 'h1' },
    ],
    [
      'without any fact: name order breaks every tie',
      { strategy: 'spread', resources: four(), pool: pool({ name: 'h1' }, { name: 'h2' }, { name: 'h3' }) },
      { a: 'h1', b: 'h2', c: 'h3', d: 'h1' },
    ],
    [
      'the input order does not matter: resources are taken in name order',
      { strategy: 'spread', resources: four().reverse(), pool: pool({ name: 'h1' }, { name: 'h2' }) },
      { a: 'h1', b: 'h2', c: 'h1', d: 'h2' },
    ],
    [
      "a resource whose docker_endpoint names a pool member counts there",
      { strategy: 'spread', resources: [{ name: 'x', fixed: 'h1' }, { name: 'a' }, { name: 'b' }], pool: pool({ name: 'h1' }, { name: 'h2' }) },
      { x: 'h1', a: 'h2', b: 'h1' },
    ],
    [
      "this stack's containers already counted in the engine's total are not counted twice",
      // h1: 5 containers, 4 of them this stack's (x, y, z placed there by docker_endpoint and one leftover).
      { strategy: 'spread', resources: [{ name: 'x', fixed: 'h1' }, { name: 'y', fixed: 'h2' }, { name: 'a' }], pool: pool({ name: 'h1', containers: 5, stackContainers: 4 }, { name: 'h2', containers: 9, stackContainers: 1 }) },
      { x: 'h1', y: 'h2', a: 'h1' },
    ],
  ])('%s', (_about, input, expected) => {
    expect(where(input)).toEqual(expected);
  });

  test('each decision says which rule decided, with the figures', () => {
    const input: PlacementInput = { strategy: 'spread', resources: four(), pool: pool({ name: 'h1', containers: 10 }, { name: 'h2', containers: 3 }) };
    expect(decision(input, 'a')).toEqual({ endpoint: 'h2', reason: 'spread: fewest containers in all', detail: 'h2: 0 of this stack, 3 in all; h1: 0 of this stack, 10 in all' });
    expect(decision(input, 'b')).toMatchObject({ endpoint: 'h1', reason: "spread: fewest of this stack's containers" });
    expect(decision({ strategy: 'spread', resources: [{ name: 'a' }], pool: pool({ name: 'h1' }, { name: 'h2' }) }, 'a').reason).toBe('spread: first by name among equals');
    expect(decision({ strategy: 'spread', resources: [{ name: 'a' }], pool: pool({ name: 'h1' }) }, 'a').reason).toBe('the only endpoint of the pool');
  });
});

describe('sticky', () => {
  test('a second run changes nothing, even when the counts now favour another engine', () => {
    const input: PlacementInput = {
      strategy: 'spread', resources: four(), pool: pool({ name: 'h1', containers: 50 }, { name: 'h2', containers: 0 }),
      current: { a: 'h1', b: 'h1', c: 'h1', d: 'h2' },
    };
    expect(where(input)).toEqual({ a: 'h1', b: 'h1', c: 'h1', d: 'h2' });
    expect(decision(input, 'a')).toEqual({ endpoint: 'h1', reason: 'runs there' });
    // binpack too: a resource is not moved to pack tighter.
    expect(where({ ...input, strategy: 'binpack' })).toEqual({ a: 'h1', b: 'h1', c: 'h1', d: 'h2' });
  });

  test('an endpoint that left the pool: its resources move, saying why', () => {
    const input: PlacementInput = { strategy: 'spread', resources: four(), pool: pool({ name: 'h1' }), current: { a: 'h1', b: 'h2', c: 'h1', d: 'h2' } };
    expect(where(input)).toEqual({ a: 'h1', b: 'h1', c: 'h1', d: 'h1' });
    expect(decision(input, 'b')).toEqual({ endpoint: 'h1', reason: 'the only endpoint of the pool', detail: 'h1: 2 of this stack, 2 in all', moved: { from: 'h2', why: 'endpoint h2 left the pool' } });
    expect(decision(input, 'a').moved).toBeUndefined();
  });

  test('changed constraints move a resource, naming the rule', () => {
    const input: PlacementInput = {
      strategy: 'spread', resources: [{ name: 'a', constraints: { avoid: ['h1'] } }, { name: 'b' }], pool: pool({ name: 'h1' }, { name: 'h2' }),
      current: { a: 'h1', b: 'h1' },
    };
    expect(where(input)).toEqual({ a: 'h2', b: 'h1' });
    expect(decision(input, 'a').moved).toEqual({ from: 'h1', why: "constraints changed: 'a' avoids h1" });
  });

  test('kept together with a resource whose docker_endpoint names another engine: it follows, saying so', () => {
    const input: PlacementInput = {
      strategy: 'spread', resources: [{ name: 'a', constraints: { togetherWith: ['x'] } }, { name: 'x', fixed: 'h2' }], pool: pool({ name: 'h1' }, { name: 'h2' }),
      current: { a: 'h1', x: 'h1' },
    };
    expect(decision(input, 'a')).toEqual({ endpoint: 'h2', reason: "kept together with 'x'", moved: { from: 'h1', why: "kept together with 'x'" } });
    expect(decision(input, 'x')).toEqual({ endpoint: 'h2', reason: 'docker_endpoint names it', moved: { from: 'h1', why: 'docker_endpoint names h2' } });
  });

  test('a new apart_from between two resources on one engine moves the second by name', () => {
    const input: PlacementInput = {
      strategy: 'spread', resources: [{ name: 'a' }, { name: 'b', constraints: { apartFrom: ['a'] } }], pool: pool({ name: 'h1' }, { name: 'h2' }),
      current: { a: 'h1', b: 'h1' },
    };
    expect(where(input)).toEqual({ a: 'h1', b: 'h2' });
    expect(decision(input, 'b').moved).toEqual({ from: 'h1', why: "constraints changed: 'b' is kept apart from 'a', placed on h1" });
  });
});

describe('binpack', () => {
  const engines = pool({ name: 'h1', memTotal: 10 * GiB }, { name: 'h2', memTotal: 10 * GiB });

  test('fills one engine before the next, from the reported memory', () => {
    expect(where({ strategy: 'binpack', resources: four({ memory: 3 * GiB }), pool: engines })).toEqual({ a: 'h1', b: 'h1', c: 'h1', d: 'h2' });
  });

  test('the biggest first (first fit decreasing), so a big one is not left without room', () => {
    const resources = [{ name: 'a', memory: 4 * GiB }, { name: 'b', memory: 4 * GiB }, { name: 'z', memory: 6 * GiB }];
    expect(where({ strategy: 'binpack', resources, pool: engines })).toEqual({ z: 'h1', a: 'h1', b: 'h2' });
  });

  test("other containers' memory limits are taken off an engine's room", () => {
    // h1 has 4 GiB left: the fullest that fits takes one there, then h2 fills.
    const busy = pool({ name: 'h1', memTotal: 10 * GiB, reservedMemory: 6 * GiB }, { name: 'h2', memTotal: 10 * GiB });
    expect(where({ strategy: 'binpack', resources: four({ memory: 3 * GiB }), pool: busy })).toEqual({ a: 'h1', b: 'h2', c: 'h2', d: 'h2' });
    const full = pool({ name: 'h1', memTotal: 10 * GiB, reservedMemory: 8 * GiB }, { name: 'h2', memTotal: 10 * GiB });
    expect(problems({ strategy: 'binpack', resources: four({ memory: 3 * GiB }), pool: full })[0]).toContain("resource 'd': memory 3 GiB fits on no endpoint of the pool: the most free is 2 GiB on h1, 1 GiB short");
  });

  test('the reason and the figures', () => {
    const d = decision({ strategy: 'binpack', resources: [{ name: 'a', memory: 3 * GiB }], pool: engines }, 'a');
    expect(d).toEqual({ endpoint: 'h1', reason: 'binpack: the fullest endpoint it fits on', detail: 'h1: 10 GiB free of 10 GiB; h2: 10 GiB free of 10 GiB' });
  });

  test('a memory limit that fits nowhere is an error naming the shortfall', () => {
    expect(problems({ strategy: 'binpack', resources: [{ name: 'a', memory: 3 * GiB }, { name: 'big', memory: 12 * GiB }], pool: engines })).toEqual([
      "resource 'big': memory 12 GiB fits on no endpoint of the pool: the most free is 10 GiB on h1, 2 GiB short (h1: 10 GiB free of 10 GiB; h2: 10 GiB free of 10 GiB)",
    ]);
  });

  test('room taken by earlier resources counts: the last one is short', () => {
    const msg = problems({ strategy: 'binpack', resources: four({ memory: 6 * GiB }), pool: engines });
    expect(msg).toHaveLength(2);
    expect(msg[0]).toMatch(/^resource 'c': memory 6 GiB fits on no endpoint of the pool: the most free is 4 GiB on h1, 2 GiB short/);
  });

  test('without memory facts: the engine with most of this stack (the count-based binpack)', () => {
    expect(where({ strategy: 'binpack', resources: [{ name: 'x', fixed: 'h2' }, { name: 'a' }, { name: 'b' }], pool: pool({ name: 'h1' }, { name: 'h2' }, { name: 'h3' }) }))
      .toEqual({ x: 'h2', a: 'h2', b: 'h2' });
  });
});

describe('constraints', () => {
  const two = pool({ name: 'h1' }, { name: 'h2' });
  test.each<[string, PlacementRequest[], Record<string, string>]>([
    ['allow keeps a resource to the endpoints listed', [{ name: 'a', constraints: { allow: ['h2'] } }, { name: 'b', constraints: { allow: ['h2'] } }], { a: 'h2', b: 'h2' }],
    ['avoid keeps it off', [{ name: 'a', constraints: { avoid: ['h1'] } }], { a: 'h2' }],
    ['apart_from holds both ways (declared on one side only)', [{ name: 'a', constraints: { apartFrom: ['b'] } }, { name: 'b' }, { name: 'c', fixed: 'h2' }], { c: 'h2', a: 'h1', b: 'h2' }],
    ['together_with places a unit on one engine', [{ name: 'a', constraints: { togetherWith: ['c'] } }, { name: 'b' }, { name: 'c' }], { a: 'h1', c: 'h1', b: 'h2' }],
    ['together with a resource whose docker_endpoint names its engine', [{ name: 'a', constraints: { togetherWith: ['x'] } }, { name: 'x', fixed: 'h2' }], { a: 'h2', x: 'h2' }],
    ['apart from a resource whose docker_endpoint names its engine', [{ name: 'a', constraints: { apartFrom: ['x'] } }, { name: 'x', fixed: 'h1' }, { name: 'y', fixed: 'h2' }, { name: 'z', fixed: 'h2' }], { a: 'h2', x: 'h1', y: 'h2', z: 'h2' }],
  ])('%s', (_about, resources, expected) => {
    expect(where({ strategy: 'spread', resources, pool: two })).toEqual(expected);
  });

  test('a group of members kept apart spreads one to an engine; one too many is an error', () => {
    const members = (n: number): PlacementRequest[] => Array.from({ length: n }, (_, i) => ({
      name: `g-${i}`, constraints: { apartFrom: Array.from({ length: n }, (_, j) => `g-${j}`).filter((m) => m !== `g-${i}`) },
    }));
    expect(where({ strategy: 'binpack', resources: members(2), pool: two })).toEqual({ 'g-0': 'h1', 'g-1': 'h2' });
    expect(problems({ strategy: 'spread', resources: members(3), pool: two })).toEqual([
      "resource 'g-2': no endpoint of the pool satisfies its placement (h1: 'g-2' is kept apart from 'g-0', placed on h1; h2: 'g-2' is kept apart from 'g-1', placed on h2)",
    ]);
  });

  test('preferApartFrom (a group by default): as far apart as the engines allow, never an error', () => {
    const members = (n: number): PlacementRequest[] => Array.from({ length: n }, (_, i) => ({
      name: `g-${i}`, constraints: { preferApartFrom: Array.from({ length: n }, (_, j) => `g-${j}`).filter((m) => m !== `g-${i}`) },
    }));
    // binpack alone would put all on h1; three on two engines is fine.
    expect(where({ strategy: 'binpack', resources: members(3), pool: two })).toEqual({ 'g-0': 'h1', 'g-1': 'h2', 'g-2': 'h1' });
    expect(decision({ strategy: 'binpack', resources: members(2), pool: two }, 'g-1').reason).toBe("fewest of 'g-0', which it would rather be apart from");
    // No move when it does not hold: only new resources follow it.
    expect(where({ strategy: 'spread', resources: members(2), pool: two, current: { 'g-0': 'h1', 'g-1': 'h1' } })).toEqual({ 'g-0': 'h1', 'g-1': 'h1' });
    // No room on the engine it prefers: it gives way.
    const mem = members(2).map((m) => ({ ...m, memory: 6 * GiB }));
    expect(where({ strategy: 'binpack', resources: mem, pool: pool({ name: 'h1', memTotal: 20 * GiB }, { name: 'h2', memTotal: 20 * GiB, reservedMemory: 18 * GiB }) }))
      .toEqual({ 'g-0': 'h1', 'g-1': 'h1' });
  });

  test('the memory of a unit kept together is placed as one', () => {
    const resources = [{ name: 'a', memory: 6 * GiB, constraints: { togetherWith: ['b'] } }, { name: 'b', memory: 6 * GiB }];
    expect(problems({ strategy: 'binpack', resources, pool: pool({ name: 'h1', memTotal: 10 * GiB }, { name: 'h2', memTotal: 10 * GiB }) })[0])
      .toMatch(/^resources 'a', 'b' \(kept together\): memory 12 GiB fits on no endpoint of the pool/);
  });

  test('contradictions are errors, not a guess', () => {
    expect(problems({ strategy: 'spread', resources: [{ name: 'a', constraints: { togetherWith: ['b'] } }, { name: 'b', constraints: { togetherWith: ['c'] } }, { name: 'c', constraints: { apartFrom: ['a'] } }], pool: two }))
      .toEqual(["resource 'a' is kept apart from 'c' and together with it (through 'a', 'b', 'c'): no engine can satisfy both"]);
    expect(problems({ strategy: 'spread', resources: [{ name: 'a', constraints: { togetherWith: ['x'] } }, { name: 'x', fixed: 'h1' }, { name: 'y', fixed: 'h2', constraints: { togetherWith: ['a'] } }], pool: two }))
      .toEqual(["resources 'a', 'x', 'y' are kept together, but docker_endpoint puts 'x', 'y' on h1 and h2"]);
    expect(problems({ strategy: 'spread', resources: [{ name: 'x', fixed: 'h1', constraints: { avoid: ['h1'] } }], pool: two }))
      .toEqual(["resource 'x': docker_endpoint puts it on h1, but 'x' avoids h1"]);
  });
});

test('formatBytes', () => {
  expect([0, 512, 2048, 6 * 2 ** 20, 1.5 * GiB, 7.84 * GiB].map(formatBytes)).toEqual(['0 B', '512 B', '2 KiB', '6 MiB', '1.5 GiB', '7.8 GiB']);
});
