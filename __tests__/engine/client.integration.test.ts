/**
 * connect() against the lab's real engines (bash scripts/lab.sh up): the local socket, the second
 * host over TLS and over ssh, and endpoints that cannot work. No mock of Docker anywhere.
 */
import { readFileSync } from 'node:fs';
import ssh2 from 'ssh2';
import { connect, type DockerConnection } from '../../src/engine/client.js';
import { EndpointError } from '../../src/engine/errors.js';
import { parseEndpointUrl } from '../../src/spec/endpoint-url.js';
import type { EndpointTarget } from '../../src/spec/types.js';
import type { TlsMaterial } from '../../src/settings.js';
import { lab } from '../helpers/lab.js';

const L = lab();

function target(url: string, extra: Partial<EndpointTarget> = {}): EndpointTarget {
  const p = parseEndpointUrl(url);
  if (!p.ok) throw new Error(p.message);
  return { name: url, url, parsed: p.endpoint, ...extra };
}

const goodTls: TlsMaterial = { ca: L.ca, cert: L.cert, key: L.key };
const sshTarget = (extra: Partial<EndpointTarget> = {}): EndpointTarget =>
  target(L.h2Ssh, { sshPrivateKey: L.sshKey, sshKnownHosts: L.knownHosts, ...extra });

/** The error connect() throws, and how long it took. */
async function failure(t: EndpointTarget, timeoutMs?: number): Promise<{ err: EndpointError; ms: number }> {
  const t0 = Date.now();
  try {
    const c = await connect(t, timeoutMs ? { timeoutMs } : undefined);
    await c.close();
  } catch (err) {
    expect(err).toBeInstanceOf(EndpointError);
    return { err: err as EndpointError, ms: Date.now() - t0 };
  }
  throw new Error(`connect(${t.url}) succeeded but should have failed`);
}

/**
 * sshd's "Accepted publickey ... <fingerprint>" lines for the probe key: one per ssh connection
 * this file made with it (other tests use the lab's other key at the same time).
 */
function sshLogins(): number {
  return readFileSync(L.sshdLog, 'utf8').split('\n').filter((l) => l.includes('Accepted publickey') && l.includes(L.sshProbeFingerprint)).length;
}

const open: DockerConnection[] = [];
afterAll(async () => {
  await Promise.all(open.map((c) => c.close()));
});

describe('reachable engines', () => {
  test('the local socket: ping and API version', async () => {
    const c = await connect(target(L.h1));
    open.push(c);
    expect(c.apiVersion).toMatch(/^1\.\d+$/);
    await expect(c.docker.ping()).resolves.toBeUndefined();
  });

  test('TLS with the right CA and client certificate', async () => {
    const c = await connect(target(L.h2Tls, { tls: goodTls }));
    open.push(c);
    expect(c.apiVersion).toMatch(/^1\.\d+$/);
    // It is the second engine (its own images), not the local one.
    const info = await c.docker.info();
    expect(info.DockerRootDir).toContain('.lab/h2');
  });

  test('https:// is TLS too', async () => {
    const c = await connect(target(L.h2Tls.replace('tcp://', 'https://'), { tls: goodTls }));
    open.push(c);
    expect(c.engineVersion).not.toBe('');
  });
});

describe('TLS refusals: clear, and never a fall back to plain HTTP', () => {
  test('a server certificate from another CA', async () => {
    const { err } = await failure(target(L.h2Tls, { tls: { ...goodTls, ca: L.badCa } }));
    expect(err.message).toBe(
      "cannot reach Docker endpoint 'tcp://10.201.0.2:2376': TLS: the server certificate is not signed by the given CA (tls-ca-cert)",
    );
  });

  test('no client certificate', async () => {
    const { err } = await failure(target(L.h2Tls, { tls: { ca: L.ca } }));
    expect(err.message).toBe(
      "cannot reach Docker endpoint 'tcp://10.201.0.2:2376': TLS: the server requires a client certificate: set tls-client-cert and tls-client-key",
    );
  });

  test('no TLS material at all, on the TLS port', async () => {
    const { err } = await failure(target(L.h2Tls));
    expect(err.reason).toBe(
      'the endpoint speaks TLS but no TLS material was given: set tls-ca-cert, tls-client-cert and tls-client-key',
    );
  });

  test('a key that is not the certificate’s, and no secret in the message', async () => {
    const { err } = await failure(target(L.h2Tls, { tls: { ...goodTls, key: readFileSync(`${L.tlsDir}/server-key.pem`, 'utf8') } }));
    expect(err.reason).toBe('TLS: tls-client-key does not belong to tls-client-cert');
    expect(err.message).not.toMatch(/BEGIN|PRIVATE/);
  });

  test('a named endpoint is named with its URL', async () => {
    const { err } = await failure({ ...target(L.h2Tls, { tls: { ...goodTls, ca: L.badCa } }), name: 'h2' });
    expect(err.message).toMatch(/^cannot reach Docker endpoint 'h2' \(tcp:\/\/10\.201\.0\.2:2376\): TLS:/);
    expect(err.endpoint).toBe('h2');
  });
});

describe('ssh', () => {
  test('pinned host key: works, and every call rides one ssh connection', async () => {
    const before = sshLogins();
    const c = await connect(sshTarget({ sshPrivateKey: L.sshProbeKey }));
    open.push(c);
    expect(c.apiVersion).toMatch(/^1\.\d+$/);
    for (let i = 0; i < 20; i++) await c.docker.ping();
    // A burst wider than the channel limit queues instead of exceeding sshd's MaxSessions.
    const lists = await Promise.all(Array.from({ length: 20 }, () => c.docker.listContainers({ all: true })));
    expect(lists).toHaveLength(20);
    expect(c.sshStats?.connections).toBe(1);
    expect(c.sshStats?.channels).toBeLessThanOrEqual(8);
    // The server's side of the story: one login for 42 calls.
    expect(sshLogins() - before).toBe(1);
  });

  test('more parallel requests than sshd allows sessions: capped, all answered', async () => {
    const c = await connect(sshTarget(), { maxConnections: 30, reuseSshChannels: false });
    open.push(c);
    // Every ping resolves (a refused channel would reject): the agent queues beyond sshd's limit.
    const answers = await Promise.allSettled(Array.from({ length: 30 }, () => c.docker.ping()));
    expect(answers.map((a) => a.status)).toEqual(Array(30).fill('fulfilled'));
    expect(c.sshStats?.connections).toBe(1);
    expect(c.sshStats?.channels).toBeGreaterThan(1);
  });

  test('a dropped ssh connection is made again by the next call', async () => {
    const c = await connect(sshTarget());
    open.push(c);
    const agent = c.sshAgent!;
    (await agent.connection()).end();
    await new Promise((r) => setTimeout(r, 200));
    await expect(c.docker.ping()).resolves.toBeUndefined();
    expect(c.sshStats?.connections).toBe(2);
  });

  test('it is the second engine behind ssh', async () => {
    const c = await connect(sshTarget());
    open.push(c);
    expect((await c.docker.info()).DockerRootDir).toContain('.lab/h2');
  });

  test('a host key not in ssh-known-hosts is refused before logging in', async () => {
    const before = sshLogins();
    const { err } = await failure(sshTarget({ sshPrivateKey: L.sshProbeKey, sshKnownHosts: L.otherKnownHosts }));
    expect(err.message).toMatch(
      /^cannot reach Docker endpoint 'ssh:\/\/hotdock-ssh@10\.201\.0\.2:2222': ssh: host key of 10\.201\.0\.2:2222 is not in ssh-known-hosts/,
    );
    expect(sshLogins()).toBe(before);
  });

  test('a host that is not listed at all', async () => {
    const { err } = await failure(sshTarget({ sshKnownHosts: L.knownHosts.replace('[10.201.0.2]:2222', 'elsewhere') }));
    expect(err.reason).toBe('ssh: host key of 10.201.0.2:2222 is not in ssh-known-hosts (get it with: ssh-keyscan -p 2222 10.201.0.2)');
  });

  test('no ssh-known-hosts: refused, never trust on first use', async () => {
    const { err } = await failure(sshTarget({ sshKnownHosts: undefined }));
    expect(err.reason).toMatch(/^ssh: no ssh-known-hosts given; a host key not listed is refused/);
  });

  test('a key the server does not know', async () => {
    const other = ssh2.utils.generateKeyPairSync('ed25519');
    const { err } = await failure(sshTarget({ sshPrivateKey: other.private }));
    expect(err.reason).toBe(
      "ssh: 10.201.0.2:2222 refused the key for user 'hotdock-ssh' (is its public key in that user's ~/.ssh/authorized_keys?)",
    );
    expect(err.message).not.toContain('PRIVATE');
  });
});

describe('dead endpoints fail fast, naming the endpoint', () => {
  test('connection refused on 127.0.0.1', async () => {
    const { err, ms } = await failure(target('tcp://127.0.0.1:1'));
    expect(err.message).toBe("cannot reach Docker endpoint 'tcp://127.0.0.1:1': connection refused");
    expect(ms).toBeLessThan(5000);
  });

  test('nobody at an address of the lab network (TLS)', async () => {
    const { err, ms } = await failure(target('tcp://10.201.0.99:2376', { tls: goodTls }), 3000);
    expect(err.message).toMatch(/^cannot reach Docker endpoint 'tcp:\/\/10\.201\.0\.99:2376': (timed out after 3 s|host unreachable)$/);
    expect(ms).toBeLessThan(5000);
  });

  test('nobody at an address of the lab network (ssh)', async () => {
    const { err, ms } = await failure(target('ssh://u@10.201.0.99:22', { sshPrivateKey: L.sshKey, sshKnownHosts: L.knownHosts }), 3000);
    expect(err.message).toMatch(/^cannot reach Docker endpoint 'ssh:\/\/u@10\.201\.0\.99:22': (timed out after 3 s|host unreachable)$/);
    expect(ms).toBeLessThan(5000);
  });

  test('a unix socket that does not exist', async () => {
    const { err } = await failure(target('unix:///run/hotdock-nothing.sock'));
    expect(err.reason).toBe('no socket at /run/hotdock-nothing.sock (is the Docker daemon running?)');
  });
});
