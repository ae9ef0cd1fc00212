/**
 * connectEndpoints on fake engines: which targets are one engine (by /info identity, confirmed by
 * a common container), which is canonical, what the note says, and that a failure closes what
 * opened. The real-engine side is in connect.integration.test.ts.
 */
import type { ConnectOptions, DockerConnection } from '../../src/engine/client.js';
import type { ContainerSummary, DockerApi, EngineInfo } from '../../src/engine/docker-api.js';
import { connectEndpoints } from '../../src/engine/connect.js';
import { parseEndpointUrl } from '../../src/spec/endpoint-url.js';
import type { EndpointTarget } from '../../src/spec/types.js';

function target(name: string, url: string): EndpointTarget {
  const p = parseEndpointUrl(url);
  if (!p.ok) throw new Error(p.message);
  return { name, url, parsed: p.endpoint };
}

/** A fake engine: its /info and the container IDs it lists. */
interface FakeEngine {
  info: EngineInfo | Error | 'hang';
  containers: string[];
}

const ENGINE_A: FakeEngine = { info: { ID: 'AAAA:1111', Name: 'vm', DockerRootDir: '/var/lib/docker' }, containers: ['c1', 'c2'] };
const ENGINE_B: FakeEngine = { info: { ID: 'BBBB:2222', Name: 'vm2', DockerRootDir: '/var/lib/docker' }, containers: ['c3'] };

/** A connect that reaches `engines[url]` (or fails), recording opened and closed connections. */
function fakeConnect(engines: Record<string, FakeEngine | Error>) {
  const closed: string[] = [];
  const options: ConnectOptions[] = [];
  const calls: string[] = [];
  const connect = async (t: EndpointTarget, o: ConnectOptions): Promise<DockerConnection> => {
    options.push(o);
    const e = engines[t.url];
    if (e instanceof Error) throw e;
    const docker = {
      info: async () => {
        calls.push(`info ${t.name}`);
        if (e.info === 'hang') return new Promise<never>(() => undefined);
        if (e.info instanceof Error) throw e.info;
        return e.info;
      },
      listContainers: async () => {
        calls.push(`list ${t.name}`);
        return e.containers.map((Id) => ({ Id }) as ContainerSummary);
      },
    } as unknown as DockerApi;
    return { target: t, docker, apiVersion: '1.41', engineVersion: '20.10', close: async () => void closed.push(t.name) };
  };
  return { connect, closed, options, calls };
}

describe('connectEndpoints', () => {
  test('distinct engines stay distinct, in name order, with no note', async () => {
    const f = fakeConnect({ 'tcp://b:2376': ENGINE_B, 'unix:///a.sock': ENGINE_A });
    const r = await connectEndpoints([target('zeta', 'tcp://b:2376'), target('alpha', 'unix:///a.sock')], { connect: f.connect, timeoutMs: 7 });
    expect([...r.connections.keys()]).toEqual(['alpha', 'zeta']);
    expect(r.aliases.size).toBe(0);
    expect(r.notes).toEqual([]);
    expect(f.closed).toEqual([]);
    expect(f.options).toEqual([{ timeoutMs: 7 }, { timeoutMs: 7 }]);
  });

  test('one engine under three names: the first by name is canonical, the others alias it, one note', async () => {
    // The same engine seen while another container came and went: one common container proves it.
    const f = fakeConnect({
      'unix:///var/run/docker.sock': ENGINE_A,
      'tcp://10.0.0.1:2376': { ...ENGINE_A, containers: ['c2', 'c9'] },
      'ssh://u@10.0.0.1': ENGINE_A,
      'tcp://b:2376': ENGINE_B,
    });
    const targets = [
      target('unix:///var/run/docker.sock', 'unix:///var/run/docker.sock'),
      target('prod', 'tcp://10.0.0.1:2376'),
      target('ssh://u@10.0.0.1', 'ssh://u@10.0.0.1'),
      target('other', 'tcp://b:2376'),
    ];
    const r = await connectEndpoints(targets, { connect: f.connect });
    expect([...r.connections.keys()]).toEqual(['other', 'prod']);
    expect(Object.fromEntries([...r.aliases].map(([k, v]) => [k, v.name]))).toEqual({
      'ssh://u@10.0.0.1': 'prod',
      'unix:///var/run/docker.sock': 'prod',
    });
    expect(r.notes).toEqual([
      "endpoints 'prod', 'ssh://u@10.0.0.1' and 'unix:///var/run/docker.sock' are one engine (ID AAAA:1111): treated as one, as 'prod'",
    ]);
    // The aliases' own connections are closed: only the canonical one is used.
    expect(f.closed.sort()).toEqual(['ssh://u@10.0.0.1', 'unix:///var/run/docker.sock']);
  });

  test('the same /info ID on two daemons of one host (shared key.json) is not one engine', async () => {
    const f = fakeConnect({ 'unix:///a.sock': ENGINE_A, 'unix:///b.sock': { ...ENGINE_A, info: { ...(ENGINE_A.info as EngineInfo), DockerRootDir: '/srv/b' } } });
    const r = await connectEndpoints([target('a', 'unix:///a.sock'), target('b', 'unix:///b.sock')], { connect: f.connect });
    expect([...r.connections.keys()]).toEqual(['a', 'b']);
    expect(r.notes).toEqual([]);
  });

  test('equal /info on cloned hosts: told apart by their containers', async () => {
    const f = fakeConnect({ 'tcp://a:2376': ENGINE_A, 'tcp://b:2376': { ...ENGINE_A, containers: ['x1'] } });
    const r = await connectEndpoints([target('a', 'tcp://a:2376'), target('b', 'tcp://b:2376')], { connect: f.connect });
    expect(r.aliases.size).toBe(0);
    // ... and one of them without any container is not proof either way: equal /info decides.
    const g = fakeConnect({ 'tcp://a:2376': ENGINE_A, 'tcp://b:2376': { ...ENGINE_A, containers: [] } });
    const s = await connectEndpoints([target('a', 'tcp://a:2376'), target('b', 'tcp://b:2376')], { connect: g.connect });
    expect(s.aliases.size).toBe(0);
    const h = fakeConnect({ 'tcp://a:2376': { ...ENGINE_A, containers: [] }, 'tcp://b:2376': { ...ENGINE_A, containers: [] } });
    const u = await connectEndpoints([target('a', 'tcp://a:2376'), target('b', 'tcp://b:2376')], { connect: h.connect });
    expect([...u.aliases.keys()]).toEqual(['b']);
  });

  test('an engine whose /info fails or has no ID is never merged', async () => {
    const f = fakeConnect({ 'tcp://a:2376': ENGINE_A, 'tcp://b:2376': { ...ENGINE_A, info: new Error('403') }, 'tcp://c:2376': { ...ENGINE_A, info: {} } });
    const r = await connectEndpoints([target('a', 'tcp://a:2376'), target('b', 'tcp://b:2376'), target('c', 'tcp://c:2376')], { connect: f.connect });
    expect([...r.connections.keys()]).toEqual(['a', 'b', 'c']);
  });

  test('one unreachable endpoint: every failure in one error, and what opened is closed', async () => {
    const f = fakeConnect({
      'tcp://a:2376': ENGINE_A,
      'tcp://b:2376': new Error("cannot reach Docker endpoint 'b': connection refused"),
      'tcp://c:2376': new Error("cannot reach Docker endpoint 'c': timed out after 1 s"),
    });
    await expect(
      connectEndpoints([target('a', 'tcp://a:2376'), target('b', 'tcp://b:2376'), target('c', 'tcp://c:2376')], { connect: f.connect }),
    ).rejects.toThrow("cannot reach Docker endpoint 'b': connection refused\ncannot reach Docker endpoint 'c': timed out after 1 s");
    expect(f.closed).toEqual(['a']);
  });

  test('a target given twice under one name is connected once', async () => {
    const f = fakeConnect({ 'tcp://a:2376': ENGINE_A });
    const r = await connectEndpoints([target('a', 'tcp://a:2376'), target('a', 'tcp://a:2376')], { connect: f.connect });
    expect([...r.connections.keys()]).toEqual(['a']);
    expect(f.options).toHaveLength(1);
  });

  test('one target asks nothing more; distinct /info identities need no container lists', async () => {
    const one = fakeConnect({ 'tcp://a:2376': ENGINE_A });
    await connectEndpoints([target('a', 'tcp://a:2376')], { connect: one.connect });
    expect(one.calls).toEqual([]);
    const two = fakeConnect({ 'tcp://a:2376': ENGINE_A, 'tcp://b:2376': ENGINE_B });
    await connectEndpoints([target('a', 'tcp://a:2376'), target('b', 'tcp://b:2376')], { connect: two.connect });
    expect(two.calls.sort()).toEqual(['info a', 'info b']);
  });

  test('an engine that does not answer /info in time is not merged, and the run goes on', async () => {
    const f = fakeConnect({ 'tcp://a:2376': ENGINE_A, 'tcp://b:2376': { ...ENGINE_A, info: 'hang' } });
    const r = await connectEndpoints([target('a', 'tcp://a:2376'), target('b', 'tcp://b:2376')], { connect: f.connect, timeoutMs: 50 });
    expect([...r.connections.keys()]).toEqual(['a', 'b']);
  });
});
