import {
  EndpointError, EngineCallError, LockLostError, describeCause, endpointError, endpointLabel, engineCallError, engineTimeout, seconds,
} from '../../src/engine/errors.js';
import { parseEndpointUrl } from '../../src/spec/endpoint-url.js';
import type { EndpointTarget } from '../../src/spec/types.js';

function target(url: string, extra: Partial<EndpointTarget> = {}): EndpointTarget {
  const p = parseEndpointUrl(url);
  if (!p.ok) throw new Error(p.message);
  return { name: url, url, parsed: p.endpoint, ...extra };
}
const err = (props: Record<string, unknown>, message = 'x'): Error => Object.assign(new Error(message), props);

const tcp = target('tcp://10.0.0.2:2376');
const tlsCa = target('tcp://10.0.0.2:2376', { tls: { ca: 'C', cert: 'X', key: 'K' } });
const tlsNoCa = target('https://10.0.0.2:2376');
const unix = target('unix:///var/run/docker.sock');
const ssh = target('ssh://deploy@10.0.0.2:2222');

describe('describeCause', () => {
  test.each([
    [tcp, err({ code: 'ECONNREFUSED' }), 'connection refused'],
    [tcp, err({ code: 'ETIMEDOUT' }), 'timed out after 10 s'],
    [tcp, err({ code: 'EHOSTUNREACH' }), 'host unreachable'],
    [tcp, err({ code: 'ENETUNREACH' }), 'network unreachable'],
    [tcp, err({ code: 'ENOTFOUND' }), "host name '10.0.0.2' not found"],
    [unix, err({ code: 'ENOENT' }), 'no socket at /var/run/docker.sock (is the Docker daemon running?)'],
    [unix, err({ code: 'EACCES' }), 'permission denied on /var/run/docker.sock (the user needs to be in the docker group)'],
    [tlsCa, err({ code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' }), 'TLS: the server certificate is not signed by the given CA (tls-ca-cert)'],
    [tlsNoCa, err({ code: 'SELF_SIGNED_CERT_IN_CHAIN' }), 'TLS: the server certificate is not signed by a CA this machine trusts; give tls-ca-cert'],
    [tlsCa, err({ code: 'ERR_TLS_CERT_ALTNAME_INVALID' }), 'TLS: the server certificate is not valid for 10.0.0.2 (its subjectAltName does not list it)'],
    [tlsCa, err({ code: 'CERT_HAS_EXPIRED' }), 'TLS: the server certificate has expired'],
    [tlsCa, err({ code: 'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED' }), 'TLS: the server refused the client certificate (tls-client-cert is not signed by a CA the server trusts)'],
    [tlsNoCa, err({ code: 'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED' }), 'TLS: the server requires a client certificate: set tls-client-cert and tls-client-key'],
    [tlsCa, err({ code: 'ERR_SSL_WRONG_VERSION_NUMBER' }), 'TLS: the endpoint does not speak TLS (use http://, or tcp:// without TLS material)'],
    [tlsCa, err({ code: 'ERR_OSSL_PEM_NO_START_LINE' }), 'TLS: the TLS material is not valid PEM (tls-ca-cert, tls-client-cert, tls-client-key)'],
    [ssh, err({ level: 'client-authentication' }), "ssh: 10.0.0.2:2222 refused the key for user 'deploy' (is its public key in that user's ~/.ssh/authorized_keys?)"],
    [ssh, err({ level: 'client-timeout' }), 'timed out after 10 s'],
    [ssh, err({}, 'Cannot parse privateKey: Unsupported key format'), 'ssh: ssh-private-key cannot be read (an OpenSSH or PEM private key without a passphrase is expected)'],
    [tcp, err({ statusCode: 400 }, 'Client sent an HTTP request to an HTTPS server.'), 'the endpoint speaks TLS but no TLS material was given: set tls-ca-cert, tls-client-cert and tls-client-key'],
    [tcp, err({ statusCode: 500, json: { message: 'boom' } }), 'the endpoint answered HTTP 500: boom'],
    [tcp, err({ code: 'ECONNRESET' }), 'the endpoint closed the connection (is it a TLS port? then give tls-ca-cert, tls-client-cert and tls-client-key)'],
    [tlsCa, err({}, 'socket hang up'), 'the endpoint closed the connection during the TLS handshake (does it expect a client certificate, or plain HTTP?)'],
    [tcp, err({ code: 'HOTDOCK_SSH_DIAL' }, 'ssh: our own words'), 'ssh: our own words'],
  ])('%#: %s', (t, e, expected) => {
    expect(describeCause(e, t, 10_000)).toBe(expected);
  });

  test('PEM never reaches a message', () => {
    const e = new Error('bad: -----BEGIN PRIVATE KEY-----\nMIIsecret\n-----END PRIVATE KEY----- rest');
    const cause = describeCause(e, unix, 1000);
    expect(cause).not.toContain('MIIsecret');
    expect(cause).toBe('bad: [PEM redacted] rest');
  });
});

describe('EndpointError', () => {
  test('names the endpoint (and its URL when it has a name)', () => {
    expect(endpointError(tcp, err({ code: 'ECONNREFUSED' }), 1000).message).toBe("cannot reach Docker endpoint 'tcp://10.0.0.2:2376': connection refused");
    expect(endpointLabel({ ...tcp, name: 'prod' })).toBe("'prod' (tcp://10.0.0.2:2376)");
    const e = new EndpointError(tcp, 'why');
    expect(endpointError(tcp, e, 1)).toBe(e);
    expect(e.reason).toBe('why');
  });
  test('seconds', () => {
    expect(seconds(10_000)).toBe('10 s');
    expect(seconds(2500)).toBe('2.5 s');
  });
});

describe('engineCallError: every failed Engine API call names endpoint and operation', () => {
  const ep = 'tcp://10.0.0.2:2375';
  const id = 'a'.repeat(64);
  const http = (statusCode: number, message: string): Error =>
    err({ statusCode, json: { message } }, `(HTTP code ${statusCode}) unexpected - ${message} `);

  test.each([
    [http(404, 'No such container: x'), { kind: 'container' as const, ref: id }, `inspecting container 'aaaaaaaaaaaa'`,
      `endpoint '${ep}': container 'aaaaaaaaaaaa' not found (inspecting container 'aaaaaaaaaaaa')`],
    [http(409, 'Conflict. The container name "/web" is already in use'), undefined, `creating container 'web'`,
      `endpoint '${ep}': creating container 'web' failed: Conflict. The container name "/web" is already in use (HTTP 409)`],
    [http(500, 'driver failed programming external connectivity'), { kind: 'container' as const, ref: 'web' }, `starting container 'web'`,
      `endpoint '${ep}': starting container 'web' failed: driver failed programming external connectivity (HTTP 500)`],
    [err({ statusCode: 304, json: null }, '(HTTP code 304) container already started - '), { kind: 'container' as const, ref: 'web' }, `starting container 'web'`,
      `endpoint '${ep}': starting container 'web': already done (HTTP 304)`],
    [err({ code: 'ETIMEDOUT', errno: -110, syscall: 'read' }, 'read ETIMEDOUT'), undefined, 'listing containers',
      `endpoint '${ep}': listing containers failed: the connection timed out`],
    [err({ code: 'ECONNREFUSED' }, 'connect ECONNREFUSED 10.0.0.2:2375'), undefined, 'reading the engine info',
      `endpoint '${ep}': reading the engine info failed: connection refused`],
  ])('%#', (e, subject, op, expected) => {
    const named = engineCallError(ep, op, e, subject);
    expect(named).toBeInstanceOf(EngineCallError);
    expect(named.message).toBe(expected);
    expect(named.statusCode).toBe((e as { statusCode?: number }).statusCode);
    expect(named.message).not.toMatch(/HTTP code|^read ETIMEDOUT/);
  });

  test('a named error passes through unchanged; a timeout says which deadline', () => {
    const t = engineTimeout(ep, "stopping container 'web'", 25_000);
    expect(t.message).toBe(`endpoint '${ep}': stopping container 'web' timed out after 25 s`);
    expect(t.timedOut).toBe(true);
    expect(engineCallError(ep, 'other', t)).toBe(t);
  });

  test('LockLostError names stack, endpoint and why', () => {
    const e = new LockLostError('shop', ep, 'run 42 took it over');
    expect(e.message).toBe(`stack 'shop' on endpoint '${ep}': this run lost the deploy lock (run 42 took it over); it changes nothing more there`);
    expect(e.reason).toBe('run 42 took it over');
  });
});
