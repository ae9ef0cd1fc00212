/**
 * The one parser of endpoint URLs (a template's `docker_endpoint`, the `docker-endpoint` input,
 * `DOCKER_HOST`, `endpoints` entries). Pure: syntax only, no I/O, no credentials.
 */
import { ipVersion } from './ip-address.js';
import type { ParsedEndpoint } from './types.js';

/** Result of parseEndpointUrl: the parsed endpoint or a message a user can act on. */
export type ParseEndpointResult = { ok: true; endpoint: ParsedEndpoint } | { ok: false; message: string };

/** The forms we accept, quoted in every "what did you mean" message. */
export const EXPECTED_FORMS =
  'unix:///path, tcp://host:port, http(s)://host:port, host:port or ssh://user@host[:port]';

const DEFAULT_SSH_PORT = 22;
const HOSTNAME = /^[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?(\.[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?)*\.?$/;

/**
 * Hides a password written into the URL (`ssh://user:secret@host`) before the URL is quoted in a
 * message: error text ends up in logs and PR comments.
 */
export function redactEndpointUrl(raw: string): string {
  return raw.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/@:]*):[^/@]*@/i, '$1:***@');
}

/**
 * Parses an endpoint URL. Accepts `unix:///path`, `tcp://host:port`, `http://host:port[/]`,
 * `https://host:port[/]`, bare `host:port`, `ssh://user@host[:port]` (port 22 by default); IPv6
 * hosts in brackets (`tcp://[::1]:2376`), returned without them.
 */
export function parseEndpointUrl(raw: string): ParseEndpointResult {
  const shown = redactEndpointUrl(raw);
  const fail = (why?: string): ParseEndpointResult => ({
    ok: false,
    message: why
      ? `Invalid endpoint '${shown}': ${why}`
      : `Invalid endpoint '${shown}'. Expected ${EXPECTED_FORMS}`,
  });
  const text = raw.trim();
  if (text === '') return { ok: false, message: `Invalid endpoint: empty. Expected ${EXPECTED_FORMS}` };

  const schemeMatch = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/(.*)$/s.exec(text);
  if (!schemeMatch) {
    // Bare host:port, as Heat's docker_endpoint allowed (treated as plain tcp://).
    return hostPort(text, 'tcp', fail, undefined);
  }
  const scheme = schemeMatch[1].toLowerCase();
  const rest = schemeMatch[2];

  switch (scheme) {
    case 'unix': {
      if (!rest.startsWith('/')) return fail('a unix socket needs an absolute path, as in unix:///var/run/docker.sock');
      const socketPath = rest.length > 1 ? rest.replace(/\/+$/, '') : rest;
      if (socketPath === '/' || socketPath === '') return fail('a unix socket needs a path, as in unix:///var/run/docker.sock');
      return { ok: true, endpoint: { kind: 'unix', socketPath } };
    }
    case 'tcp':
    case 'http':
    case 'https':
      return hostPort(rest, scheme, fail, undefined);
    case 'ssh': {
      const at = rest.lastIndexOf('@');
      if (at < 0) return fail('ssh endpoints need a user, as in ssh://user@host[:port]');
      const userInfo = rest.slice(0, at);
      if (userInfo.includes(':')) {
        return fail('passwords in ssh endpoint URLs are not supported; give the key in ssh-private-key');
      }
      if (userInfo === '') return fail('ssh endpoints need a user, as in ssh://user@host[:port]');
      if (!/^[A-Za-z0-9._][A-Za-z0-9._-]*$/.test(userInfo)) return fail(`'${userInfo}' is not a valid user name`);
      return hostPort(rest.slice(at + 1), 'ssh', fail, userInfo);
    }
    default:
      return fail(`unsupported scheme '${scheme}://'. Expected ${EXPECTED_FORMS}`);
  }
}

/** Parses `host:port[/]` (or `[v6]:port`) after the scheme. `user` is set for ssh only. */
function hostPort(
  rest: string,
  kind: 'tcp' | 'http' | 'https' | 'ssh',
  fail: (why?: string) => ParseEndpointResult,
  user: string | undefined,
): ParseEndpointResult {
  // A trailing '/' is tolerated (Heat users wrote http://host:2375/); any other path is not.
  const authority = rest.replace(/\/+$/, '');
  if (authority.includes('/') || authority.includes('?') || authority.includes('#')) {
    return fail('an endpoint URL has no path; write only host:port');
  }
  if (authority === '') return fail();

  let host: string;
  let portText: string | undefined;
  if (authority.startsWith('[')) {
    const close = authority.indexOf(']');
    if (close < 0) return fail('unclosed \'[\' around an IPv6 address');
    host = authority.slice(1, close);
    if (ipVersion(host) !== 6) return fail(`'${host}' in brackets is not an IPv6 address`);
    const after = authority.slice(close + 1);
    if (after !== '' && !after.startsWith(':')) return fail();
    portText = after === '' ? undefined : after.slice(1);
  } else {
    const colons = authority.split(':').length - 1;
    if (colons > 1) return fail('write IPv6 addresses in brackets, as in tcp://[::1]:2376');
    const colon = authority.indexOf(':');
    host = colon < 0 ? authority : authority.slice(0, colon);
    portText = colon < 0 ? undefined : authority.slice(colon + 1);
    if (host === '') return fail('missing host');
    if (ipVersion(host) === 0 && !HOSTNAME.test(host)) return fail(`'${host}' is not a valid host name or address`);
  }

  let port: number;
  if (portText === undefined || portText === '') {
    if (kind !== 'ssh') {
      const example = kind === 'tcp' ? 'tcp://HOST:2376' : `${kind}://HOST:2375`;
      return fail(`missing port (write it as in ${example})`);
    }
    port = DEFAULT_SSH_PORT;
  } else {
    if (!/^\d+$/.test(portText)) return fail(`port '${portText}' is not a number`);
    port = Number(portText);
    if (port < 1 || port > 65535) return fail(`port ${portText} is out of range (1-65535)`);
  }

  if (kind === 'ssh') return { ok: true, endpoint: { kind: 'ssh', user: user ?? '', host, port } };
  return { ok: true, endpoint: { kind, host, port } };
}

/**
 * True for hosts that never leave this machine: `localhost` (and `*.localhost`), 127.0.0.0/8,
 * `::1` and IPv4-mapped loopback. Plain TCP to these is not a network exposure.
 */
export function isLoopbackHost(host: string): boolean {
  let h = host.trim().toLowerCase();
  if (h.startsWith('[') && h.endsWith(']')) h = h.slice(1, -1);
  if (h.endsWith('.')) h = h.slice(0, -1);
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (ipVersion(h) === 4) return h.startsWith('127.');
  if (ipVersion(h) === 6) {
    if (h === '::1' || /^0{0,4}(:0{0,4}){6}:0{0,3}1$/.test(h)) return true;
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(h);
    return mapped !== null && mapped[1].startsWith('127.');
  }
  return false;
}

/** `host:port`, with brackets around IPv6 hosts: for messages and URLs. */
export function formatHostPort(host: string, port: number): string {
  return ipVersion(host) === 6 ? `[${host}]:${port}` : `${host}:${port}`;
}
