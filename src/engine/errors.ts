/**
 * The wording of endpoint failures: "cannot reach Docker endpoint 'tcp://10.201.0.2:2376': connection
 * refused". One place turns Node, OpenSSL, ssh2 and Engine API errors into a cause a user can act
 * on, naming the input to fix. Never quotes TLS or ssh key material (only error codes and our words).
 */
import { formatHostPort } from '../spec/endpoint-url.js';
import type { EndpointTarget } from '../spec/types.js';

/** Codes of the errors our own transports raise (their message is already the plain cause). */
export const TIMEOUT_CODE = 'HOTDOCK_TIMEOUT';
export const SSH_HOST_KEY_CODE = 'HOTDOCK_SSH_HOST_KEY';
export const SSH_DIAL_CODE = 'HOTDOCK_SSH_DIAL';
export const SSH_CONFIG_CODE = 'HOTDOCK_SSH_CONFIG';

/** A failure to reach or use an endpoint; `message` is the full sentence, `reason` the cause alone. */
export class EndpointError extends Error {
  /** Display name of the endpoint. */
  readonly endpoint: string;
  readonly reason: string;
  constructor(target: EndpointTarget, reason: string) {
    super(`cannot reach Docker endpoint ${endpointLabel(target)}: ${reason}`);
    this.name = 'EndpointError';
    this.endpoint = target.name;
    this.reason = reason;
  }
}

/** `'tcp://h:2376'`, or `'prod' (tcp://h:2376)` for a named endpoint. */
export function endpointLabel(target: EndpointTarget): string {
  return target.name === target.url ? `'${target.url}'` : `'${target.name}' (${target.url})`;
}

/** "10 s", "2.5 s". */
export function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`;
}

/** An error carrying one of our codes, whose message is the cause in plain words. */
export function codedError(code: string, message: string): Error & { code: string } {
  return Object.assign(new Error(message), { code });
}

const NOT_SIGNED = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'CERT_SIGNATURE_FAILURE', 'CERT_UNTRUSTED',
]);
const CLIENT_CERT_REFUSED = /ALERT_(CERTIFICATE_REQUIRED|BAD_CERTIFICATE|UNKNOWN_CA|CERTIFICATE_UNKNOWN|HANDSHAKE_FAILURE|ACCESS_DENIED)/;

interface ErrorLike {
  code?: string;
  message?: string;
  level?: string;
  statusCode?: number;
  json?: { message?: string } | string | null;
  reason?: string;
}

/** The cause of `err` in plain words, for `target`. */
export function describeCause(err: unknown, target: EndpointTarget, timeoutMs: number): string {
  const e = (err ?? {}) as ErrorLike;
  const code = e.code ?? '';
  const msg = typeof e.message === 'string' ? e.message : String(err);
  const p = target.parsed;
  const tls = p.kind === 'https' || (p.kind === 'tcp' && target.tls !== undefined);

  if (code.startsWith('HOTDOCK_')) return msg;
  if (code === 'ETIMEDOUT' || e.level === 'client-timeout' || /timed out/i.test(msg)) {
    return `timed out after ${seconds(timeoutMs)}`;
  }
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'EHOSTUNREACH') return 'host unreachable';
  if (code === 'ENETUNREACH') return 'network unreachable';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return `host name '${p.kind === 'unix' ? '' : p.host}' not found`;
  }
  if (p.kind === 'unix') {
    if (code === 'ENOENT') return `no socket at ${p.socketPath} (is the Docker daemon running?)`;
    if (code === 'EACCES') return `permission denied on ${p.socketPath} (the user needs to be in the docker group)`;
  }

  // TLS, as OpenSSL and Node report it.
  if (NOT_SIGNED.has(code)) {
    return target.tls?.ca
      ? 'TLS: the server certificate is not signed by the given CA (tls-ca-cert)'
      : 'TLS: the server certificate is not signed by a CA this machine trusts; give tls-ca-cert';
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID' && p.kind !== 'unix') {
    return `TLS: the server certificate is not valid for ${p.host} (its subjectAltName does not list it)`;
  }
  if (code === 'CERT_HAS_EXPIRED') return 'TLS: the server certificate has expired';
  if (code === 'CERT_NOT_YET_VALID') return 'TLS: the server certificate is not valid yet (check the clocks)';
  if (code === 'ERR_OSSL_X509_KEY_VALUES_MISMATCH' || /key values mismatch/i.test(msg)) {
    return 'TLS: tls-client-key does not belong to tls-client-cert';
  }
  if (CLIENT_CERT_REFUSED.test(code) || CLIENT_CERT_REFUSED.test(msg.toUpperCase().replace(/ /g, '_'))) {
    return target.tls?.cert
      ? 'TLS: the server refused the client certificate (tls-client-cert is not signed by a CA the server trusts)'
      : 'TLS: the server requires a client certificate: set tls-client-cert and tls-client-key';
  }
  if (/WRONG_VERSION_NUMBER|PACKET_LENGTH_TOO_LONG|HTTP_REQUEST/.test(code) || /wrong version number/i.test(msg)) {
    return 'TLS: the endpoint does not speak TLS (use http://, or tcp:// without TLS material)';
  }
  if (tls && (/^ERR_OSSL_(PEM|ASN1|X509)|^ERR_OSSL_UNSUPPORTED$/.test(code) || /PEM|asn1|DECODER routines/i.test(msg))) {
    return 'TLS: the TLS material is not valid PEM (tls-ca-cert, tls-client-cert, tls-client-key)';
  }

  // ssh, as ssh2 reports it.
  if (p.kind === 'ssh') {
    if (e.level === 'client-authentication') {
      return `ssh: ${formatHostPort(p.host, p.port)} refused the key for user '${p.user}' (is its public key in that user's ~/.ssh/authorized_keys?)`;
    }
    if (/Cannot parse privateKey|privateKey/i.test(msg)) {
      return 'ssh: ssh-private-key cannot be read (an OpenSSH or PEM private key without a passphrase is expected)';
    }
    if (e.level === 'client-socket' || e.level === 'protocol' || e.level === 'handshake') {
      return `ssh: ${msg}`;
    }
  }

  // Engine API answers.
  if (typeof e.statusCode === 'number') {
    const body = typeof e.json === 'object' && e.json?.message ? e.json.message : typeof e.json === 'string' ? e.json : e.reason ?? '';
    if (e.statusCode === 400 && /HTTP request to an HTTPS server/i.test(String(body) + msg)) {
      return 'the endpoint speaks TLS but no TLS material was given: set tls-ca-cert, tls-client-cert and tls-client-key';
    }
    return `the endpoint answered HTTP ${e.statusCode}${body ? `: ${String(body).trim()}` : ''}`;
  }
  if (code === 'ECONNRESET' || /socket hang up/i.test(msg)) {
    return tls
      ? 'the endpoint closed the connection during the TLS handshake (does it expect a client certificate, or plain HTTP?)'
      : 'the endpoint closed the connection (is it a TLS port? then give tls-ca-cert, tls-client-cert and tls-client-key)';
  }
  return redactPem(msg) || 'unknown error';
}

/** Belt and braces: nothing that looks like PEM ever reaches a message. */
function redactPem(text: string): string {
  return text.replace(/-----BEGIN [^-]+-----[\s\S]*?(-----END [^-]+-----|$)/g, '[PEM redacted]');
}

/** The EndpointError for a failure of `target`. */
export function endpointError(target: EndpointTarget, err: unknown, timeoutMs: number): EndpointError {
  if (err instanceof EndpointError) return err;
  return new EndpointError(target, describeCause(err, target, timeoutMs));
}
