/**
 * From a resource's `docker_endpoint` (a URL or an `endpoints` name) to an EndpointTarget with the
 * credentials that apply to it, and the placement of resources that name no endpoint. Pure.
 */
import type { Settings, TlsMaterial } from '../settings.js';
import { EXPECTED_FORMS, formatHostPort, isLoopbackHost, parseEndpointUrl, redactEndpointUrl } from './endpoint-url.js';
import type { EndpointTarget, ParsedEndpoint } from './types.js';

/** Result of endpointTargetFor. */
export type EndpointTargetResult = { ok: true; target: EndpointTarget } | { ok: false; message: string };

/** How resources without an endpoint are spread over a pool of two or more. */
export type PlacementStrategy = 'spread' | 'binpack';

/** Options of placeResources. */
export interface PlacementOptions {
  /** Default `spread`. */
  strategy?: PlacementStrategy;
  /**
   * Resource name → endpoint display name where the resource runs now (from observe). A resource
   * stays where it is while that endpoint is still in the pool: a redeploy must not move containers.
   */
  current?: Record<string, string>;
  /**
   * Endpoint display name → the target it is one engine with (from connectEndpoints): a resource
   * placed on an alias runs on the canonical endpoint, and the pool counts that engine once.
   */
  aliases?: ReadonlyMap<string, EndpointTarget>;
}

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
 * Where resources that name no endpoint go. With two or more `endpoints` entries and no explicit
 * docker-endpoint (input or DOCKER_HOST): every entry, in name order. Otherwise the one default
 * endpoint. Throws an Error with an actionable message when an endpoint is invalid.
 */
export function defaultPool(settings: Settings): EndpointTarget[] {
  const names = Object.keys(settings.endpoints).sort(byName);
  const refs = names.length >= 2 && !settings.dockerEndpointExplicit ? names : [settings.dockerEndpoint];
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

/** Two spellings of the same engine (a name and its URL) count as one for placement. */
function engineKey(p: ParsedEndpoint): string {
  if (p.kind === 'unix') return `unix:${p.socketPath}`;
  if (p.kind === 'ssh') return `ssh:${p.user}@${p.host.toLowerCase()}:${p.port}`;
  return `tcp:${p.host.toLowerCase()}:${p.port}`;
}

/**
 * Assigns every resource its endpoint: its own `endpointRef` when given, else one of defaultPool.
 * `spread` picks the pool endpoint with the fewest resources so far (counting those placed there
 * explicitly), ties by name order; `binpack` the one with the most. Resources without an endpoint are
 * placed in name order so that the result does not depend on the template's ordering. Members of
 * one group (`group`: an OS::Heat::ResourceGroup's name) keep apart: whatever the strategy, a member
 * goes where the fewest members of its group are, the strategy deciding among those. Returns every
 * invalid endpoint in one error message.
 */
export function placeResources(
  resources: { name: string; endpointRef?: string; group?: string }[],
  settings: Settings,
  options: PlacementOptions = {},
): Map<string, EndpointTarget> | { error: string } {
  const placed = new Map<string, EndpointTarget>();
  const errors: string[] = [];
  const counts = new Map<string, number>();
  const canonical = (t: EndpointTarget): EndpointTarget => options.aliases?.get(t.name) ?? t;
  const groupOf = new Map(resources.map((r) => [r.name, r.group]));
  // Members per group and engine: `<group>\0<engine>` → count.
  const inGroup = (name: string, t: EndpointTarget): string | undefined => {
    const g = groupOf.get(name);
    return g === undefined ? undefined : `${g}\u0000${engineKey(t.parsed)}`;
  };
  const bump = (t: EndpointTarget, name?: string): void => {
    const k = engineKey(t.parsed);
    counts.set(k, (counts.get(k) ?? 0) + 1);
    const gk = name === undefined ? undefined : inGroup(name, t);
    if (gk !== undefined) counts.set(gk, (counts.get(gk) ?? 0) + 1);
  };

  const unplaced: string[] = [];
  for (const r of resources) {
    if (r.endpointRef === undefined || r.endpointRef.trim() === '') {
      unplaced.push(r.name);
      continue;
    }
    const t = endpointTargetFor(r.endpointRef, settings);
    if (!t.ok) errors.push(`resource '${r.name}': ${t.message}`);
    else {
      const at = canonical(t.target);
      placed.set(r.name, at);
      bump(at, r.name);
    }
  }
  if (unplaced.length === 0) return errors.length > 0 ? { error: errors.join('\n') } : placed;

  let pool: EndpointTarget[];
  try {
    // One engine under two names is one member of the pool, under its canonical name.
    const seen = new Set<string>();
    pool = defaultPool(settings).map(canonical).filter((t) => !seen.has(t.name) && seen.add(t.name));
  } catch (err) {
    errors.push((err as Error).message);
    return { error: errors.join('\n') };
  }
  if (errors.length > 0) return { error: errors.join('\n') };

  const strategy = options.strategy ?? 'spread';
  const byDisplayName = new Map(pool.map((t) => [t.name, t]));
  const rest: string[] = [];
  for (const name of [...unplaced].sort(byName)) {
    const where = options.current?.[name];
    const keep = where === undefined ? undefined : byDisplayName.get(where);
    if (keep) {
      placed.set(name, keep);
      bump(keep, name);
    } else rest.push(name);
  }
  for (const name of rest) {
    let best = pool[0];
    for (const t of pool.slice(1)) {
      const gn = counts.get(inGroup(name, t) ?? '') ?? 0;
      const gb = counts.get(inGroup(name, best) ?? '') ?? 0;
      if (gn !== gb) {
        if (gn < gb) best = t;
        continue;
      }
      const n = counts.get(engineKey(t.parsed)) ?? 0;
      const b = counts.get(engineKey(best.parsed)) ?? 0;
      // Strict comparison keeps the earlier name on ties.
      if (strategy === 'spread' ? n < b : n > b) best = t;
    }
    placed.set(name, best);
    bump(best, name);
  }
  return placed;
}
