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

/** A 64-hex container or image id shortened to docker's 12; names and references unchanged. */
export function shortRef(ref: string): string {
  return /^(sha256:)?[0-9a-f]{64}$/.test(ref) ? ref.replace(/^sha256:/, '').slice(0, 12) : ref;
}

interface EngineFailure {
  code?: string;
  message?: string;
  statusCode?: number;
  json?: { message?: string } | string | Buffer | null;
}

/** What the engine said in an HTTP error answer, without dockerode's "(HTTP code N) reason -" prefix. */
export function engineMessage(err: unknown): string {
  const e = (err ?? {}) as EngineFailure;
  if (e.json && typeof e.json === 'object' && !Buffer.isBuffer(e.json) && typeof e.json.message === 'string') return e.json.message.trim();
  if (typeof e.json === 'string' && e.json.trim()) return e.json.trim();
  const msg = typeof e.message === 'string' ? e.message : String(err);
  return msg.replace(/^\(HTTP code \d+\)\s*[^-]*-\s*/, '').trim();
}

/** A transport failure (no HTTP answer) in plain words: "connection refused", "connection reset". */
export function transportCause(err: unknown): string {
  const e = (err ?? {}) as EngineFailure;
  const msg = typeof e.message === 'string' ? e.message : String(err);
  switch (e.code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ECONNRESET':
    case 'EPIPE':
      return 'the connection was reset';
    case 'ETIMEDOUT':
      return 'the connection timed out';
    case 'EHOSTUNREACH':
      return 'host unreachable';
    case 'ENETUNREACH':
      return 'network unreachable';
    case 'ENOENT':
      return 'no socket there (is the Docker daemon running?)';
    case 'EACCES':
      return 'permission denied on the socket';
  }
  if (/socket hang up/i.test(msg)) return 'the connection was closed before an answer';
  return redactPem(msg) || 'unknown error';
}

/**
 * A failed Engine API call, named: "endpoint 'tcp://h:2376': inspecting container 'web' timed out
 * after 15 s". Keeps the engine's `statusCode` (and `json`) so callers still test 404/409/304.
 */
export class EngineCallError extends Error {
  /** Endpoint display name. */
  readonly endpoint: string;
  /** "inspecting container 'web'". */
  readonly operation: string;
  /** The cause alone: "timed out after 15 s", "container 'web' not found". */
  readonly detail: string;
  /** The engine's HTTP status, when it answered. */
  readonly statusCode?: number;
  /** The engine's answer body, when it answered. */
  readonly json?: unknown;
  /** True when the call ran out of its deadline (the endpoint may be partitioned or frozen). */
  readonly timedOut: boolean;
  constructor(endpoint: string, operation: string, detail: string, extra: { statusCode?: number; json?: unknown; timedOut?: boolean; cause?: unknown } = {}) {
    super(`endpoint '${endpoint}': ${detail}`, { cause: extra.cause });
    this.name = 'EngineCallError';
    this.endpoint = endpoint;
    this.operation = operation;
    this.detail = detail;
    this.statusCode = extra.statusCode;
    this.json = extra.json;
    this.timedOut = extra.timedOut ?? false;
  }
}

/** What a call is about, for 404 wording: `{kind: 'container', ref: 'web'}`. */
export interface CallSubject {
  kind: 'container' | 'image';
  ref: string;
}

/** The EngineCallError for `err` raised by `operation` on `endpoint`. */
export function engineCallError(endpoint: string, operation: string, err: unknown, subject?: CallSubject): EngineCallError {
  if (err instanceof EngineCallError) return err;
  const e = (err ?? {}) as EngineFailure;
  const status = e.statusCode;
  if (typeof status !== 'number') {
    return new EngineCallError(endpoint, operation, `${operation} failed: ${transportCause(err)}`, { cause: err });
  }
  const said = engineMessage(err);
  let detail: string;
  if (status === 404 && subject && !/^pulling/.test(operation)) detail = `${subject.kind} '${shortRef(subject.ref)}' not found (${operation})`;
  else if (status === 304) detail = `${operation}: already done (HTTP 304)`;
  else detail = `${operation} failed: ${said || 'no message'} (HTTP ${status})`;
  return new EngineCallError(endpoint, operation, detail, { statusCode: status, json: e.json, cause: err });
}

/** The EngineCallError of a call that ran out of its deadline. */
export function engineTimeout(endpoint: string, operation: string, ms: number): EngineCallError {
  return new EngineCallError(endpoint, operation, `${operation} timed out after ${seconds(ms)}`, { timedOut: true });
}

/**
 * Thrown by a lock's `assertHeld` (and every fenced mutation) once the run cannot prove it still
 * holds the stack's lock on an endpoint: from then on it changes nothing there.
 */
export class LockLostError extends Error {
  readonly stackName: string;
  readonly endpoint: string;
  /** Why: "no renewal confirmed for 14 s (TTL 20 s)", "run 42 took it over". */
  readonly reason: string;
  constructor(stackName: string, endpoint: string, reason: string) {
    super(`stack '${stackName}' on endpoint '${endpoint}': this run lost the deploy lock (${reason}); it changes nothing more there`);
    this.name = 'LockLostError';
    this.stackName = stackName;
    this.endpoint = endpoint;
    this.reason = reason;
  }
}
