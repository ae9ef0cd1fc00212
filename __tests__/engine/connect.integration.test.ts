/**
 * One engine under two names on the real lab: the second engine reached through its local socket
 * and through its TLS port is one endpoint (one lock, one observe), and the run says so. The lab's
 * two daemons report the same /info ID (they share /etc/docker/key.json), so these tests also prove
 * that two different engines are never merged on the ID alone.
 */
import { jest } from '@jest/globals';
import Docker from 'dockerode';
import { connectEndpoints } from '../../src/engine/connect.js';
import { runStack } from '../../src/engine/run.js';
import { parseEndpointUrl } from '../../src/spec/endpoint-url.js';
import type { EndpointTarget } from '../../src/spec/types.js';
import type { Settings } from '../../src/settings.js';
import { twoEngines } from '../helpers/two-engines.js';
import { container, recordingLog, stackOf, testSettings } from '../helpers/stack.js';

jest.setTimeout(60_000);

const { L, h1, h2, newStack } = twoEngines('ident');
const TLS = { ca: L.ca, cert: L.cert, key: L.key };

function target(name: string, url: string, extra: Partial<EndpointTarget> = {}): EndpointTarget {
  const p = parseEndpointUrl(url);
  if (!p.ok) throw new Error(p.message);
  return { name, url, parsed: p.endpoint, ...extra };
}

const idsOn = async (docker: Docker, stack: string): Promise<Record<string, string>> => {
  const list = await docker.listContainers({ all: true, filters: { label: [`io.hotdock.stack=${stack}`] } });
  return Object.fromEntries(list.map((c) => [c.Labels['io.hotdock.resource'], c.Id]));
};

/**
 * A recording log that, on every progress line (the run holds its locks then), counts the stack's
 * lock containers on the second engine.
 */
function lockCountingLog(stack: string) {
  const log = recordingLog();
  const counts: Promise<number>[] = [];
  const progress = log.progress;
  log.progress = (resource, message) => {
    counts.push(h2.listContainers({ all: true, filters: { label: [`io.hotdock.lock=${stack}`] } }).then((l) => l.length));
    progress(resource, message);
  };
  return { log, counts: async () => Promise.all(counts) };
}

describe('connectEndpoints on the lab', () => {
  test('the second engine by socket and by TLS is one endpoint; the local engine (same /info ID) stays apart', async () => {
    const r = await connectEndpoints(
      [target(L.h2Sock, L.h2Sock), target(L.h2Tls, L.h2Tls, { tls: TLS }), target(L.h1, L.h1)],
      { timeoutMs: 10_000 },
    );
    try {
      // Name order: tcp://10.201.0.2:2376 < unix:///run/hotdock-h2.sock < unix:///var/run/docker.sock.
      expect([...r.connections.keys()]).toEqual([L.h2Tls, L.h1]);
      expect(Object.fromEntries([...r.aliases].map(([k, v]) => [k, v.name]))).toEqual({ [L.h2Sock]: L.h2Tls });
      expect(r.notes).toEqual([expect.stringMatching(new RegExp(`^endpoints '${L.h2Tls}' and '${L.h2Sock}' are one engine \\(ID [A-Z0-9:-]+\\): treated as one, as '${L.h2Tls}'$`))]);
      const [a, b] = [...r.connections.values()];
      expect((await a.docker.info()).DockerRootDir).not.toBe((await b.docker.info()).DockerRootDir);
    } finally {
      await Promise.all([...r.connections.values()].map((c) => c.close()));
    }
  });
});

describe('a deploy to one engine under two names', () => {
  function twoNames(stack: string, over: Partial<Settings> = {}): Settings {
    // A short lock timeout: a run waiting on its own lock would fail within it.
    return testSettings(stack, { endpoints: { h2: { url: L.h2Tls, tls: TLS }, h2local: { url: L.h2Sock } }, lockTimeout: 5, ...over });
  }

  test('resources named on each name: completes with one lock, both on the canonical endpoint, and the log says why', async () => {
    const stack = newStack();
    const resources = [container('a', { cmd: ['sleep', '300'], docker_endpoint: 'h2' }), container('b', { cmd: ['sleep', '300'], docker_endpoint: 'h2local' })];
    const { log, counts } = lockCountingLog(stack);
    const report = await runStack(twoNames(stack), stackOf(stack, resources), log, { stopTimeoutSeconds: 0 });
    expect(report.error).toBeUndefined();
    expect(log.lines).toContainEqual(expect.stringMatching(/^info: endpoints 'h2' and 'h2local' are one engine \(ID [A-Z0-9:-]+\): treated as one, as 'h2'$/));
    expect([report.resources.a.endpoint, report.resources.b.endpoint]).toEqual(['h2', 'h2']);
    expect(report.plan.map((p) => p.endpoint)).toEqual(['h2', 'h2']);
    const seen = await counts();
    expect(seen.length).toBeGreaterThan(0);
    expect(Math.max(...seen)).toBe(1);
    expect(Object.keys(await idsOn(h2, stack)).sort()).toEqual(['a', 'b']);
    expect(await idsOn(h1, stack)).toEqual({});

    // The redeploy observes each container once (not twice, under two names): a no-op.
    const again = await runStack(twoNames(stack), stackOf(stack, resources), recordingLog(), { stopTimeoutSeconds: 0 });
    expect(again.error).toBeUndefined();
    expect(again.plan.map((p) => [p.resource, p.action])).toEqual([['a', 'unchanged'], ['b', 'unchanged']]);
    expect(again.changed).toBe(false);
  });

  test('an endpoints name and its own URL: one endpoint, under the name', async () => {
    const stack = newStack();
    const settings = testSettings(stack, { endpoints: { second: { url: L.h2Sock } }, lockTimeout: 5 });
    const resources = [container('a', { cmd: ['sleep', '300'], docker_endpoint: 'second' }), container('b', { cmd: ['sleep', '300'], docker_endpoint: L.h2Sock })];
    const log = recordingLog();
    const report = await runStack(settings, stackOf(stack, resources), log, { stopTimeoutSeconds: 0 });
    expect(report.error).toBeUndefined();
    expect(log.lines).toContainEqual(expect.stringContaining(`info: endpoints 'second' and '${L.h2Sock}' are one engine`));
    expect([report.resources.a.endpoint, report.resources.b.endpoint]).toEqual(['second', 'second']);
    expect(Object.keys(await idsOn(h2, stack)).sort()).toEqual(['a', 'b']);
  });

  test('a pool of two names of one engine is a pool of one: everything lands on the canonical name', async () => {
    const stack = newStack();
    const resources = [container('x', { cmd: ['sleep', '300'] }), container('y', { cmd: ['sleep', '300'] })];
    const report = await runStack(twoNames(stack), stackOf(stack, resources), recordingLog(), { stopTimeoutSeconds: 0 });
    expect(report.error).toBeUndefined();
    expect([report.resources.x.endpoint, report.resources.y.endpoint]).toEqual(['h2', 'h2']);
    expect(Object.keys(await idsOn(h2, stack)).sort()).toEqual(['x', 'y']);
  });

  test('a pool of the two lab engines (same /info ID, different engines) spreads over both', async () => {
    const stack = newStack();
    const settings = testSettings(stack, { endpoints: { one: { url: L.h1 }, two: { url: L.h2Sock } } });
    const resources = [container('p', { cmd: ['sleep', '300'] }), container('q', { cmd: ['sleep', '300'] })];
    const log = recordingLog();
    const report = await runStack(settings, stackOf(stack, resources), log, { stopTimeoutSeconds: 0 });
    expect(report.error).toBeUndefined();
    expect(log.lines.filter((l) => l.includes('one engine'))).toEqual([]);
    // Spread puts one on each; which goes first depends on how many containers each engine holds.
    const at = { one: Object.keys(await idsOn(h1, stack)), two: Object.keys(await idsOn(h2, stack)) };
    expect([...at.one, ...at.two].sort()).toEqual(['p', 'q']);
    expect([at.one.length, at.two.length]).toEqual([1, 1]);
    expect(report.resources[at.one[0]].endpoint).toBe('one');
    expect(report.resources[at.two[0]].endpoint).toBe('two');
  });
});
