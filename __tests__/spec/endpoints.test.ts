import type { Settings } from '../../src/settings.js';
import type { EndpointTarget } from '../../src/spec/types.js';
import { defaultPool, endpointTargetFor, placeResources, plainTcpWarning } from '../../src/spec/endpoints.js';

function settings(over: Partial<Settings> = {}): Settings {
  return {
    template: 't.yaml', workspace: '/w', mode: 'deploy', stackName: 's', parameters: {}, environmentFiles: [],
    dockerEndpoint: 'unix:///var/run/docker.sock', dockerEndpointExplicit: false, endpoints: {},
    registryAuth: {}, pull: 'missing', prune: true, rollback: true, waitTimeout: 60, stableSeconds: 5, maxParallel: 8,
    lockTimeout: 300, runId: 'r1',
    placement: 'spread', target: 'containers', requireReviewedPlan: false, githubToken: '', commentOnPr: 'true', ...over,
  };
}

const TLS = { ca: 'CA-PEM', cert: 'CERT-PEM', key: 'KEY-PEM' };
const OWN_TLS = { ca: 'OWN-CA', cert: 'OWN-CERT', key: 'OWN-KEY' };

function target(ref: string | undefined, s: Settings): EndpointTarget {
  const r = endpointTargetFor(ref, s);
  if (!r.ok) throw new Error(r.message);
  return r.target;
}

describe('endpointTargetFor', () => {
  test('no ref → the default endpoint, named by its URL', () => {
    const t = target(undefined, settings());
    expect(t).toEqual({ name: 'unix:///var/run/docker.sock', url: 'unix:///var/run/docker.sock', parsed: { kind: 'unix', socketPath: '/var/run/docker.sock' } });
    expect(target('  ', settings()).url).toBe('unix:///var/run/docker.sock');
  });

  test('a URL gets the default TLS for tcp:// and https://, never for unix://', () => {
    const s = settings({ tls: TLS });
    expect(target('tcp://10.201.0.2:2376', s).tls).toEqual(TLS);
    expect(target('10.201.0.2:2376', s).tls).toEqual(TLS);
    expect(target('https://h:2376/', s).tls).toEqual(TLS);
    expect(target('unix:///x.sock', s).tls).toBeUndefined();
    expect(target('tcp://h:2375', settings()).tls).toBeUndefined();
  });

  test('http:// with the shared TLS material is refused, saying what to write instead', () => {
    expect(endpointTargetFor('http://h:2375/', settings({ tls: TLS }))).toEqual({
      ok: false,
      message:
        "endpoint 'http://h:2375/': TLS material (tls-ca-cert, tls-client-cert, tls-client-key) is given, but 'http://h:2375/' " +
        'is plain HTTP (http:// never uses TLS): write tcp://h:2375 or https://h:2375 to use TLS',
    });
    expect(target('http://h:2375/', settings()).tls).toBeUndefined();
  });

  test.each([
    ['http://h:2375', 'is plain HTTP'],
    ['unix:///run/x.sock', 'is a unix:// endpoint, which does not use TLS'],
    ['ssh://u@h', 'is a ssh:// endpoint, which does not use TLS'],
  ])("an entry's own TLS material on %s is refused", (url, why) => {
    const r = endpointTargetFor('e', settings({ endpoints: { e: { url, tls: OWN_TLS } } }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(new RegExp(`^endpoints entry 'e': TLS material .* is given, but '${url.replace(/[/.]/g, '\\$&')}' ${why}`));
  });

  test('DOCKER_TLS_VERIFY material belongs to the DOCKER_HOST endpoint alone, and wins over the shared inputs there', () => {
    const ENV = { ca: 'ENV-CA', cert: 'ENV-CERT', key: 'ENV-KEY' };
    const s = settings({ dockerEndpoint: 'tcp://h2:2376', dockerEndpointExplicit: true, dockerEndpointTls: ENV, tls: TLS });
    expect(target(undefined, s).tls).toEqual(ENV);
    expect(target('tcp://h2:2376', s).tls).toEqual(ENV);
    expect(target('tcp://other:2376', s).tls).toEqual(TLS);
    expect(target('tcp://other:2376', { ...s, tls: undefined }).tls).toBeUndefined();
  });

  test('a named entry uses its own TLS, else the default; its name is the display name', () => {
    const s = settings({ tls: TLS, endpoints: { a: { url: 'tcp://a:2376', tls: OWN_TLS }, b: { url: 'tcp://b:2376' } } });
    const a = target('a', s);
    expect(a.name).toBe('a');
    expect(a.url).toBe('tcp://a:2376');
    expect(a.tls).toEqual(OWN_TLS);
    expect(target('b', s).tls).toEqual(TLS);
    // An empty tls object on the entry is "none of its own".
    expect(target('b', settings({ tls: TLS, endpoints: { b: { url: 'tcp://b:2376', tls: {} } } })).tls).toEqual(TLS);
  });

  test('ssh: the entry key and known hosts, else the settings ones', () => {
    const s = settings({ sshPrivateKey: 'K', sshKnownHosts: 'KH', endpoints: { own: { url: 'ssh://u@h', sshPrivateKey: 'K2', sshKnownHosts: 'KH2' }, dflt: { url: 'ssh://u@h:2222' } } });
    expect(target('own', s)).toMatchObject({ sshPrivateKey: 'K2', sshKnownHosts: 'KH2', parsed: { kind: 'ssh', user: 'u', host: 'h', port: 22 } });
    expect(target('dflt', s)).toMatchObject({ sshPrivateKey: 'K', sshKnownHosts: 'KH' });
    expect(target('ssh://v@x', s)).toMatchObject({ sshPrivateKey: 'K', sshKnownHosts: 'KH' });
    // ssh never carries TLS material, and tcp never carries ssh keys.
    expect(target('ssh://v@x', settings({ tls: TLS })).tls).toBeUndefined();
    expect(target('tcp://x:1', s).sshPrivateKey).toBeUndefined();
  });

  test('an invalid entry URL names the entry', () => {
    const r = endpointTargetFor('a', settings({ endpoints: { a: { url: 'tcp://a' } } }));
    expect(r).toEqual({ ok: false, message: "endpoints entry 'a': Invalid endpoint 'tcp://a': missing port (write it as in tcp://HOST:2376)" });
  });

  test('an unknown name lists the known ones', () => {
    const r = endpointTargetFor('prod', settings({ endpoints: { zeta: { url: 'tcp://z:1' }, alpha: { url: 'tcp://a:1' } } }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/^Unknown endpoint 'prod': not a name from the endpoints input \(known names: alpha, zeta\) and not a URL/);
    const r2 = endpointTargetFor('prod', settings());
    if (!r2.ok) expect(r2.message).toContain('the endpoints input is empty');
    expect(r2.ok).toBe(false);
  });

  test('a malformed URL keeps the parser message', () => {
    const r = endpointTargetFor('ftp://h:1', settings());
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain("unsupported scheme 'ftp://'");
  });

  test('half a client certificate is refused before any connection', () => {
    const r = endpointTargetFor('tcp://h:2376', settings({ tls: { ca: 'C', cert: 'X' } }));
    expect(r).toEqual({ ok: false, message: "endpoint 'tcp://h:2376': tls-client-cert is given without tls-client-key" });
    const r2 = endpointTargetFor('e', settings({ endpoints: { e: { url: 'tcp://h:2376', tls: { key: 'K' } } } }));
    expect(r2).toEqual({ ok: false, message: "endpoints entry 'e': tls-client-key is given without tls-client-cert" });
    // A CA alone (server verified, no client cert) is a valid setup.
    expect(endpointTargetFor('tcp://h:2376', settings({ tls: { ca: 'C' } })).ok).toBe(true);
  });
});

describe('plainTcpWarning', () => {
  const s = settings();
  test.each([
    ['tcp://10.201.0.2:2375', true], ['http://build:2375/', true], ['10.0.0.1:2375', true],
    ['tcp://127.0.0.1:2375', false], ['http://localhost:2375', false], ['tcp://[::1]:2375', false],
    ['unix:///var/run/docker.sock', false], ['ssh://u@remote', false], ['https://remote:2376', false],
  ])('%s → %s', (url, warns) => {
    const w = plainTcpWarning(target(url, s));
    expect(w !== undefined).toBe(warns);
    if (w) expect(w).toContain('root access without authentication');
  });
  test('not with TLS', () => {
    expect(plainTcpWarning(target('tcp://10.201.0.2:2376', settings({ tls: TLS })))).toBeUndefined();
  });
});

describe('defaultPool', () => {
  const two = { b: { url: 'tcp://b:2376' }, a: { url: 'tcp://a:2376' } };
  test('two or more entries and no explicit endpoint → all entries, by name', () => {
    expect(defaultPool(settings({ endpoints: two })).map((t) => t.name)).toEqual(['a', 'b']);
  });
  test('an explicit docker-endpoint wins over the pool', () => {
    expect(defaultPool(settings({ endpoints: two, dockerEndpoint: 'tcp://x:1', dockerEndpointExplicit: true })).map((t) => t.name)).toEqual(['tcp://x:1']);
  });
  test('one entry is not a pool', () => {
    expect(defaultPool(settings({ endpoints: { a: { url: 'tcp://a:1' } } })).map((t) => t.name)).toEqual(['unix:///var/run/docker.sock']);
  });
  test('an invalid pool entry throws its message', () => {
    expect(() => defaultPool(settings({ endpoints: { a: { url: 'tcp://a:1' }, b: { url: 'nope' } } }))).toThrow("endpoints entry 'b'");
  });
});

describe('placeResources', () => {
  const pool = { h1: { url: 'tcp://h1:2376' }, h2: { url: 'tcp://h2:2376' }, h3: { url: 'tcp://h3:2376' } };
  const names = (m: ReturnType<typeof placeResources>): Record<string, string> => {
    if (!(m instanceof Map)) throw new Error(m.error);
    return Object.fromEntries([...m].map(([k, v]) => [k, v.name]));
  };

  test('spread: fewest so far, ties by name, resources taken in name order', () => {
    const m = placeResources([{ name: 'e' }, { name: 'd' }, { name: 'c' }, { name: 'b' }, { name: 'a' }], settings({ endpoints: pool }));
    expect(names(m)).toEqual({ a: 'h1', b: 'h2', c: 'h3', d: 'h1', e: 'h2' });
  });

  test('explicit placements count, also when written as the URL of a pool entry', () => {
    const m = placeResources(
      [{ name: 'db', endpointRef: 'h1' }, { name: 'cache', endpointRef: 'tcp://h2:2376' }, { name: 'web' }, { name: 'api' }],
      settings({ endpoints: pool }),
    );
    expect(names(m)).toEqual({ db: 'h1', cache: 'tcp://h2:2376', api: 'h3', web: 'h1' });
  });

  test('binpack: the fullest, ties by name', () => {
    const m = placeResources([{ name: 'x', endpointRef: 'h2' }, { name: 'a' }, { name: 'b' }], settings({ endpoints: pool }), { strategy: 'binpack' });
    expect(names(m)).toEqual({ x: 'h2', a: 'h2', b: 'h2' });
  });

  test('resources stay where they run while that endpoint is in the pool', () => {
    const m = placeResources([{ name: 'a' }, { name: 'b' }, { name: 'c' }], settings({ endpoints: pool }), { current: { a: 'h3', b: 'gone' } });
    expect(names(m)).toEqual({ a: 'h3', b: 'h1', c: 'h2' });
  });

  test('without a pool everything unnamed goes to the default endpoint', () => {
    const m = placeResources([{ name: 'a' }, { name: 'b', endpointRef: 'tcp://x:1' }], settings());
    expect(names(m)).toEqual({ a: 'unix:///var/run/docker.sock', b: 'tcp://x:1' });
  });

  test('every bad endpoint is reported at once, with its resource', () => {
    const m = placeResources([{ name: 'a', endpointRef: 'nope' }, { name: 'b', endpointRef: 'tcp://h' }], settings());
    expect(m instanceof Map).toBe(false);
    if (!(m instanceof Map)) {
      expect(m.error.split('\n')).toHaveLength(2);
      expect(m.error).toContain("resource 'a': Unknown endpoint 'nope'");
      expect(m.error).toContain("resource 'b': Invalid endpoint 'tcp://h': missing port");
    }
  });

  test('a bad pool entry is an error, not a crash', () => {
    const m = placeResources([{ name: 'a' }], settings({ endpoints: { x: { url: 'tcp://x:1' }, y: { url: 'bad url' } } }));
    expect(m).toEqual({ error: expect.stringContaining("endpoints entry 'y'") });
  });

  test('aliases: a resource placed on another name of an engine runs on its canonical endpoint, and the pool counts that engine once', () => {
    const s = settings({ endpoints: pool });
    const h1 = target('h1', s);
    // h3 and the URL of h1 reach the same engine as h1 (connectEndpoints found it out).
    const aliases = new Map([['h3', h1], ['tcp://h1:2376', h1]]);
    const m = placeResources(
      [{ name: 'db', endpointRef: 'h3' }, { name: 'cache', endpointRef: 'tcp://h1:2376' }, { name: 'a' }, { name: 'b' }, { name: 'c' }],
      s,
      { aliases },
    );
    // The pool is h1 and h2 (h3 is h1). h1 already holds db and cache: spread fills h2 to two
    // first, then the tie goes to h1 by name. Nothing lands on the name h3.
    expect(names(m)).toEqual({ db: 'h1', cache: 'h1', a: 'h2', b: 'h2', c: 'h1' });
    if (m instanceof Map) expect(m.get('db')).toBe(h1);
  });
});
