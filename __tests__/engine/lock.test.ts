/**
 * The lock's lease and fence on a tiny in-memory engine (only the calls the lock makes) with fake
 * timers: renewals, a frozen endpoint, a takeover, a vanished lock container, a dead holder.
 */
import { jest } from '@jest/globals';
import type { DockerApi } from '../../src/engine/docker-api.js';
import { fencedApi } from '../../src/engine/docker-api.js';
import { LockLostError } from '../../src/engine/errors.js';
import { acquireLock, lockName, type LockHandle } from '../../src/engine/lock.js';

interface FakeContainer {
  Id: string;
  Names: string[];
  Labels: Record<string, string>;
  Created: number;
}

/** The few Engine API calls the lock uses, in memory; `freeze()` makes every call hang until `thaw()`. */
class LockEngine {
  containers = new Map<string, FakeContainer>();
  creates = 0;
  /** Extra latency of every call, ms (fake timers). */
  delayMs = 0;
  private seq = 0;
  private gate: Promise<void> | undefined;
  private open: (() => void) | undefined;

  freeze(): void {
    this.gate = new Promise((r) => (this.open = r));
  }
  thaw(): void {
    this.open?.();
    this.gate = undefined;
  }
  private async io(): Promise<void> {
    if (this.gate) await this.gate;
    if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
  }
  private find(ref: string): FakeContainer | undefined {
    return this.containers.get(ref) ?? [...this.containers.values()].find((c) => c.Names[0] === `/${ref}`);
  }
  private notFound(what: string): Error {
    return Object.assign(new Error(`${what} not found`), { statusCode: 404 });
  }
  /** Puts a container in place as another run would. */
  add(name: string, labels: Record<string, string>): FakeContainer {
    const c = { Id: `id${++this.seq}`, Names: [`/${name}`], Labels: labels, Created: Math.floor(Date.now() / 1000) };
    this.containers.set(c.Id, c);
    return c;
  }
  api(): DockerApi {
    const api: Partial<DockerApi> = {
      info: async () => {
        await this.io();
        return { SystemTime: new Date().toISOString() };
      },
      inspectImage: async () => {
        await this.io();
        return { Id: 'sha256:img' } as never;
      },
      listImages: async () => [{ Id: 'sha256:img' }],
      createContainer: async (body) => {
        await this.io();
        this.creates++;
        if (body.name && this.find(body.name)) throw Object.assign(new Error('name in use'), { statusCode: 409 });
        return { id: this.add(body.name ?? `anon${this.seq}`, (body.Labels as Record<string, string>) ?? {}).Id };
      },
      inspectContainer: async (ref) => {
        await this.io();
        const c = this.find(ref);
        if (!c) throw this.notFound(`container ${ref}`);
        return { Id: c.Id, Name: c.Names[0], Config: { Labels: c.Labels } } as never;
      },
      removeContainer: async (id) => {
        await this.io();
        if (!this.containers.delete(id)) throw this.notFound(`container ${id}`);
      },
      listContainers: async (o) => {
        await this.io();
        const wanted = (o.labels ?? []).map((l) => l.split('='));
        return [...this.containers.values()].filter((c) => wanted.every(([k, v]) => (v === undefined ? k in c.Labels : c.Labels[k] === v))) as never;
      },
    };
    return api as DockerApi;
  }
}

const STACK = 'web';
const base = { stackName: STACK, endpoint: 'tcp://h:2375', images: ['img'], timeoutSeconds: 60, now: () => Date.now() };
let engine: LockEngine;
let held: LockHandle | undefined;

beforeEach(() => {
  jest.useFakeTimers();
  engine = new LockEngine();
});
afterEach(() => {
  held?.abandon();
  held = undefined;
  jest.useRealTimers();
});

const advance = (ms: number): Promise<void> => jest.advanceTimersByTimeAsync(ms);
const lost = (h: LockHandle): string | undefined => {
  try {
    h.assertHeld();
    return undefined;
  } catch (err) {
    expect(err).toBeInstanceOf(LockLostError);
    return (err as Error).message;
  }
};

test('default TTL 20 s: renewed every 5 s, the holder keeps proving it holds the lock', async () => {
  held = await acquireLock(engine.api(), { ...base, runId: 'a' });
  const lock = engine.containers.get(held.id)!;
  expect(lock.Labels['io.hotdock.lock.ttl']).toBe('20');
  await advance(60_000);
  expect(lost(held)).toBeUndefined();
  // 12 renewals in 60 s, one renewal container kept at a time.
  expect(engine.creates).toBe(1 + 12);
  expect([...engine.containers.values()].filter((c) => c.Labels['io.hotdock.lock-renew'] === STACK)).toHaveLength(1);
});

test('renewals that hang: the lease ends TTL minus the margin after the last confirmed one, for good', async () => {
  held = await acquireLock(engine.api(), { ...base, runId: 'a' });
  engine.freeze();
  await advance(12_900);
  expect(lost(held)).toBeUndefined();
  await advance(200);
  expect(lost(held)).toMatch(
    /^stack 'web' on endpoint 'tcp:\/\/h:2375': this run lost the deploy lock \(no renewal confirmed for 13\.\d s; another run may take it over 20 s after the last one\); it changes nothing more there$/,
  );
  // Thawed, the held-up renewals complete: they prove nothing any more.
  engine.thaw();
  await advance(30_000);
  expect(lost(held)).toMatch(/no renewal confirmed/);
});

test('renewals slower than their deadline do not count', async () => {
  held = await acquireLock(engine.api(), { ...base, runId: 'a' });
  engine.delayMs = 6_000; // over the 5 s renewal deadline
  await advance(13_100);
  expect(lost(held)).toMatch(/no renewal confirmed for 13\.\d s/);
});

test('a lock taken over by another run: the next renewal sees it, the fence refuses every change', async () => {
  const api = engine.api();
  held = await acquireLock(api, { ...base, runId: 'a' });
  const h = held;
  engine.containers.delete(held.id);
  engine.add(lockName(STACK), { 'io.hotdock.lock': STACK, 'io.hotdock.lock.run': 'b', 'io.hotdock.lock.token': 'other' });
  await advance(5_100);
  expect(lost(held)).toMatch(/this run lost the deploy lock \(run b took it over\)/);
  const fenced = fencedApi(api, () => h.assertHeld());
  const before = engine.creates;
  await expect(fenced.createContainer({ name: 'x', Image: 'img' })).rejects.toBeInstanceOf(LockLostError);
  await expect(fenced.removeContainer('id1')).rejects.toBeInstanceOf(LockLostError);
  expect(engine.creates).toBe(before);
  // Reads still pass.
  await expect(fenced.listContainers({ all: true })).resolves.toBeDefined();
});

test('a lock container that vanished: lost', async () => {
  held = await acquireLock(engine.api(), { ...base, runId: 'a' });
  engine.containers.delete(held.id);
  await advance(5_100);
  expect(lost(held)).toMatch(/\(its lock container is gone\)/);
});

test('a dead holder (no renewals) is taken over after its TTL, well within 30 s; its renewals are swept', async () => {
  const api = engine.api();
  const dead = await acquireLock(api, { ...base, runId: 'dead' });
  await advance(5_100); // one renewal container of the dead holder
  dead.abandon();
  const started = Date.now();
  let second: LockHandle | undefined;
  void acquireLock(api, { ...base, runId: 'next' }).then((h) => (second = h));
  while (!second && Date.now() - started < 40_000) await advance(500);
  expect(second).toBeDefined();
  held = second;
  const waited = Date.now() - started;
  expect(waited).toBeGreaterThan(14_000);
  expect(waited).toBeLessThan(30_000);
  expect(engine.containers.get(second!.id)!.Labels['io.hotdock.lock.run']).toBe('next');
  const renewals = [...engine.containers.values()].filter((c) => c.Labels['io.hotdock.lock-renew'] === STACK);
  expect(renewals.every((c) => c.Labels['io.hotdock.lock.run'] === 'next')).toBe(true);
});

test('a lock that cannot be taken says whose and why, naming stack and endpoint', async () => {
  const failing: DockerApi = { ...engine.api(), info: () => Promise.reject(new Error("endpoint 'tcp://h:2375': reading the engine info timed out after 15 s")) };
  engine.add(lockName(STACK), { 'io.hotdock.lock': STACK, 'io.hotdock.lock.run': 'other', 'io.hotdock.lock.token': 't' });
  await expect(acquireLock(failing, { ...base, runId: 'a' })).rejects.toThrow(
    "taking the lock of stack 'web' on endpoint 'tcp://h:2375' failed: endpoint 'tcp://h:2375': reading the engine info timed out after 15 s",
  );
});
