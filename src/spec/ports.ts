/**
 * Port formats of `port_specs` and `port_bindings`, parsed into the Engine API's shapes.
 * Pure: the validator, the create-body builder and the duplicate-host-port check share it,
 * so a port that validates is exactly the port that gets published.
 */
import { ipVersion } from './ip-address.js';

/** Protocols the Engine API accepts in a port key. */
export type PortProtocol = 'tcp' | 'udp' | 'sctp';

/** One Engine API port binding (both fields strings, as the API wants them). */
export interface PortBinding {
  HostIp: string;
  HostPort: string;
}

/** Result of parsing one container port. */
export type PortSpecResult =
  | { ok: true; port: number; protocol: PortProtocol; key: string }
  | { ok: false; message: string };

/** Result of parsing a whole `port_bindings` map. */
export type PortBindingsResult =
  | { ok: true; bindings: Record<string, PortBinding[]> }
  | { ok: false; message: string; key?: string };

const PROTOCOLS: readonly string[] = ['tcp', 'udp', 'sctp'];
const FORMS = 'Expected a port number 1-65535, optionally with /tcp, /udp or /sctp (e.g. 80, "80/tcp", "53/udp")';

/** Parses a port number given as an integer or a string of digits; undefined when it is not one. */
function portNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 1 && value <= 65535 ? value : undefined;
  if (typeof value !== 'string' || !/^\d{1,5}$/.test(value.trim())) return undefined;
  const n = Number(value.trim());
  return n >= 1 && n <= 65535 ? n : undefined;
}

/**
 * Parses a container port: `80`, `"80"`, `"80/tcp"`, `"53/udp"`, `"132/sctp"`.
 * A protocol already present is kept as is; only a bare number gets `/tcp`
 * (Heat appended `/tcp` blindly and produced `53/udp/tcp`).
 */
export function parsePortSpec(spec: unknown): PortSpecResult {
  if (typeof spec === 'number') {
    const port = portNumber(spec);
    if (port === undefined) return { ok: false, message: `Invalid port ${String(spec)}. ${FORMS}` };
    return { ok: true, port, protocol: 'tcp', key: `${port}/tcp` };
  }
  if (typeof spec !== 'string') {
    return { ok: false, message: `Invalid port ${JSON.stringify(spec) ?? String(spec)}: not a number or string. ${FORMS}` };
  }
  const parts = spec.trim().split('/');
  if (parts.length > 2) return { ok: false, message: `Invalid port "${spec}": more than one protocol. ${FORMS}` };
  const port = portNumber(parts[0]);
  if (port === undefined) return { ok: false, message: `Invalid port "${spec}". ${FORMS}` };
  const protocol = parts.length === 2 ? parts[1].toLowerCase() : 'tcp';
  if (!PROTOCOLS.includes(protocol)) {
    return { ok: false, message: `Invalid protocol "${parts[1]}" in port "${spec}". ${FORMS}` };
  }
  return { ok: true, port, protocol: protocol as PortProtocol, key: `${port}/${protocol}` };
}

/** Parses a host port: a number, a digit string, or null/'' for "any free port". */
function hostPort(value: unknown): { ok: true; port: string } | { ok: false; message: string } {
  if (value === null || value === undefined || value === '') return { ok: true, port: '' };
  const n = portNumber(value);
  if (n === undefined) {
    return { ok: false, message: `Invalid host port ${JSON.stringify(value) ?? String(value)}: expected a number 1-65535, or null for a random port` };
  }
  return { ok: true, port: String(n) };
}

function isPlainMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses one binding: a host port scalar, null, or a `{HostIp, HostPort}` map. */
function parseBinding(value: unknown): { ok: true; binding: PortBinding } | { ok: false; message: string } {
  if (!isPlainMap(value)) {
    const hp = hostPort(value);
    return hp.ok ? { ok: true, binding: { HostIp: '', HostPort: hp.port } } : hp;
  }
  const unknownKeys = Object.keys(value).filter((k) => k !== 'HostIp' && k !== 'HostPort');
  if (unknownKeys.length > 0) {
    return { ok: false, message: `Unknown key "${unknownKeys[0]}" in a port binding: expected HostIp and HostPort` };
  }
  const ip = value.HostIp ?? '';
  if (typeof ip !== 'string' || (ip !== '' && ipVersion(ip) === 0)) {
    return { ok: false, message: `Invalid HostIp ${JSON.stringify(ip)}: expected an IPv4 or IPv6 address, or "" for all` };
  }
  const hp = hostPort(value.HostPort);
  return hp.ok ? { ok: true, binding: { HostIp: ip, HostPort: hp.port } } : hp;
}

/**
 * Parses `port_bindings` into HostConfig.PortBindings. Keys are container ports (`80` → `80/tcp`);
 * values are a host port (`8080`), null (random), `{HostIp, HostPort}`, or a list of those.
 * Two keys naming the same container port (`80` and `"80/tcp"`) are refused, since one would
 * silently win. Output keys are sorted so the body (and its hash) is deterministic.
 */
export function parsePortBindings(value: unknown): PortBindingsResult {
  if (!isPlainMap(value)) return { ok: false, message: 'port_bindings must be a map of container port to host port' };
  const out: Record<string, PortBinding[]> = {};
  const origin: Record<string, string> = {};
  for (const rawKey of Object.keys(value)) {
    const spec = parsePortSpec(rawKey);
    if (!spec.ok) return { ok: false, message: spec.message, key: rawKey };
    if (spec.key in out) {
      return { ok: false, message: `Container port "${rawKey}" is the same as "${origin[spec.key]}" (${spec.key})`, key: rawKey };
    }
    const raw = value[rawKey];
    const items = Array.isArray(raw) ? raw : [raw];
    if (items.length === 0) return { ok: false, message: `No host port for container port "${rawKey}"`, key: rawKey };
    const bindings: PortBinding[] = [];
    for (const item of items) {
      const b = parseBinding(item);
      if (!b.ok) return { ok: false, message: `${b.message} (container port "${rawKey}")`, key: rawKey };
      bindings.push(b.binding);
    }
    out[spec.key] = bindings;
    origin[spec.key] = rawKey;
  }
  const sorted: Record<string, PortBinding[]> = {};
  for (const k of Object.keys(out).sort(comparePortKeys)) sorted[k] = out[k];
  return { ok: true, bindings: sorted };
}

/** Orders `80/tcp` keys by number, then protocol (stable, human order). */
export function comparePortKeys(a: string, b: string): number {
  const [pa, qa = ''] = a.split('/');
  const [pb, qb = ''] = b.split('/');
  return Number(pa) - Number(pb) || qa.localeCompare(qb);
}
