import { EndpointError, describeCause, endpointError, endpointLabel, seconds } from '../../src/engine/errors.js';
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
