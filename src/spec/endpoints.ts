/**
 * From a resource's `docker_endpoint` (a URL or an `endpoints` name) to an EndpointTarget with the
 * credentials that apply to it, and the pool that resources naming no endpoint are placed on
 * (placement.ts decides where in it). Pure.
 */
import type { Settings, TlsMaterial } from '../settings.js';
import { EXPECTED_FORMS, formatHostPort, isLoopbackHost, parseEndpointUrl, redactEndpointUrl } from './endpoint-url.js';
import type { EndpointTarget, ParsedEndpoint } from './types.js';

/** Result of endpointTargetFor. */
export type EndpointTargetResult = { ok: true; target: EndpointTarget } | { ok: false; message: string };

// Placement lives in placement-pool.ts and placement.ts; these names stay importable from here.
export { placeResources, type PlacementOptions } from './placement-pool.js';
export type { PlacementStrategy } from './placement-types.js';

function hasTls(tls: TlsMaterial | undefined): tls is TlsMaterial {
  return tls !== undefined && Boolean(tls.ca || tls.cert || tls.key);
}

/** A client cert without its key (or the reverse) cannot work: say so before any connection. */
function tlsProblem(tls: TlsMaterial, where: string): string | undefined {
  if (tls.cert && !tls.key) return `${where}: tls-client-cert is given without tls-client-key`;
  if (tls.key && !tls.cert) return `${where}: tls-client-key is given without tls-client-cert`;
  return undefined;
}

/**
 * The refusal for TLS material given to an endpoint that cannot use it: unix:// and ssh:// never
 * speak TLS, and http:// says plain HTTP in so many words. Dropping the material silently would
 * send in clear what the user meant to protect. Undefined when the material can apply.
 */
export function tlsMisfit(parsed: ParsedEndpoint, url: string, where: string): string | undefined {
  if (parsed.kind === 'tcp' || parsed.kind === 'https') return undefined;
  const shown = redactEndpointUrl(url);
  const why =
    parsed.kind === 'http'
      ? `'${shown}' is plain HTTP (http:// never uses TLS): write tcp://${formatHostPort(parsed.host, parsed.port)} or https://${formatHostPort(parsed.host, parsed.port)} to use TLS`
      : `'${shown}' is a ${parsed.kind}:// endpoint, which does not use TLS: remove the TLS material, or use a tcp:// endpoint`;
  return `${where}: TLS material (tls-ca-cert, tls-client-cert, tls-client-key) is given, but ${why}`;
}

/**
 * Resolves a resource's `docker_endpoint` into a target. `ref` is an `endpoints` name or a URL;
 * undefined (or blank) means `settings.dockerEndpoint`. TLS: a named entry's own material, else
 * (for the default endpoint from DOCKER_HOST) `settings.dockerEndpointTls`, else `settings.tls`,
 * for tcp:// (and bare host:port) and https:// endpoints. An entry's own material on a unix://,
 * ssh:// or http:// URL, and the shared tls-* material on an http:// URL, are refused (tlsMisfit).
 * ssh: the entry's key and known hosts, else the settings'.
 */
export function endpointTargetFor(ref: string | undefined, settings: Settings): EndpointTargetResult {
  const wanted = ref === undefined || ref.trim() === '' ? settings.dockerEndpoint : ref.trim();
  const entry = Object.prototype.hasOwnProperty.call(settings.endpoints, wanted)
    ? settings.endpoints[wanted]
    : undefined;
  const url = entry ? entry.url.trim() : wanted;
  const parsed = parseEndpointUrl(url);
  if (!parsed.ok) {
    if (entry) return { ok: false, message: `endpoints entry '${wanted}': ${parsed.message}` };
    return { ok: false, message: unknownMessage(wanted, parsed.message, settings) };
  }
  const endpoint = parsed.endpoint;
  const target: EndpointTarget = { name: entry ? wanted : url, url, parsed: endpoint };
  const where = entry ? `endpoints entry '${wanted}'` : `endpoint '${redactEndpointUrl(url)}'`;

  const fromEnv = !entry && url === settings.dockerEndpoint && hasTls(settings.dockerEndpointTls) ? settings.dockerEndpointTls : undefined;
  const own = hasTls(entry?.tls) ? entry?.tls : fromEnv;
  const shared = hasTls(settings.tls) ? settings.tls : undefined;
  // An entry's own material is meant for it; the shared inputs are meant for every TLS-capable
  // endpoint, and only http:// contradicts them outright.
  const misfit = own ? tlsMisfit(endpoint, url, where) : shared && endpoint.kind === 'http' ? tlsMisfit(endpoint, url, where) : undefined;
  if (misfit) return { ok: false, message: misfit };
  if (endpoint.kind === 'tcp' || endpoint.kind === 'https') {
    const tls = own ?? shared;
    if (tls) {
      const problem = tlsProblem(tls, where);
      if (problem) return { ok: false, message: problem };
      target.tls = { ...tls };
    }
  }
  if (endpoint.kind === 'ssh') {
    const key = entry?.sshPrivateKey || settings.sshPrivateKey;
    const known = entry?.sshKnownHosts || settings.sshKnownHosts;
    if (key) target.sshPrivateKey = key;
    if (known) target.sshKnownHosts = known;
  }
  return { ok: true, target };
}

/** A word that is neither a known name nor a URL is most likely a misspelt `endpoints` name. */
function unknownMessage(wanted: string, parseMessage: string, settings: Settings): string {
  const names = Object.keys(settings.endpoints).sort();
  if (!/^[A-Za-z0-9_.-]+$/.test(wanted)) return parseMessage;
  const known = names.length > 0 ? `known names: ${names.join(', ')}` : 'the endpoints input is empty';
  return `Unknown endpoint '${wanted}': not a name from the endpoints input (${known}) and not a URL. Expected a name or ${EXPECTED_FORMS}`;
}

/**
 * The warning for an endpoint reached over plain TCP (tcp:// without TLS, or http://) on a host
 * other than this machine: the Docker API gives root on that host to anyone who can reach the port.
 */
export function plainTcpWarning(target: EndpointTarget): string | undefined {
  const p = target.parsed;
  if (p.kind !== 'tcp' && p.kind !== 'http') return undefined;
  if (p.kind === 'tcp' && hasTls(target.tls)) return undefined;
  if (isLoopbackHost(p.host)) return undefined;
  return (
    `Docker endpoint '${target.name}' uses plain TCP without TLS to ${formatHostPort(p.host, p.port)}: ` +
    'anyone who can reach that port has root access without authentication. ' +
    'Give tls-ca-cert, tls-client-cert and tls-client-key (with tcp://), or use ssh://user@host.'
  );
}

/**
 * True when resources that name no endpoint are placed across the `endpoints` entries: two or
 * more entries and no explicit docker-endpoint (input or DOCKER_HOST).
 */
export function poolMode(settings: Settings): boolean {
  return Object.keys(settings.endpoints).length >= 2 && !settings.dockerEndpointExplicit;
}

/**
 * Where resources that name no endpoint go. In pool mode (poolMode): every entry but those marked
 * `pool: false`, in name order (possibly none). Otherwise the one default endpoint. Throws an
 * Error with an actionable message when an endpoint is invalid.
 */
export function defaultPool(settings: Settings): EndpointTarget[] {
  return targetsOf(poolMode(settings) ? entryNames(settings).filter((n) => settings.endpoints[n].pool !== false) : [settings.dockerEndpoint], settings);
}

/**
 * The endpoints a run must see besides the ones resources name: the pool, and in pool mode also the
 * entries taken out of it (`pool: false`), where the stack's containers may still run and must move
 * from. Throws like defaultPool.
 */
export function watchedEndpoints(settings: Settings): EndpointTarget[] {
  return targetsOf(poolMode(settings) ? entryNames(settings) : [settings.dockerEndpoint], settings);
}

function entryNames(settings: Settings): string[] {
  return Object.keys(settings.endpoints).sort(byName);
}

function targetsOf(refs: readonly string[], settings: Settings): EndpointTarget[] {
  return refs.map((ref) => {
    const r = endpointTargetFor(ref, settings);
    if (!r.ok) throw new Error(r.message);
    return r.target;
  });
}

/** Code-point order: the same in every locale, so placement never depends on the runner. */
function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
