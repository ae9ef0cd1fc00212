/**
 * `get_attr` and `get_resource` values of DockerInc::Docker::Container, from the real container:
 * info, network_info, network_ip, network_gateway, network_tcp_ports, network_udp_ports, logs,
 * logs_head, logs_tail, show (see docs: attributes). Evaluation is synchronous (evaluateRuntime
 * calls back without awaiting), so everything is fetched first with loadAttributeSource.
 */
import type { ContainerDetails, DockerApi } from './docker-api.js';

/** Attribute names the resource type has. */
export const CONTAINER_ATTRIBUTES = [
  'info',
  'network_info',
  'network_ip',
  'network_gateway',
  'network_tcp_ports',
  'network_udp_ports',
  'logs',
  'logs_head',
  'logs_tail',
  'show',
] as const;

/** True for the attributes that read the container's logs. */
export function needsLogs(attr: string): boolean {
  return attr === 'logs' || attr === 'logs_head' || attr === 'logs_tail';
}

/** What attributes of one container are computed from. */
export interface AttributeSource {
  id: string;
  info: ContainerDetails;
  /** Present when a logs attribute was asked for. */
  logs?: string;
}

/**
 * Splits the engine's multiplexed log stream (8-byte frame headers) into text; a TTY container's
 * logs come raw, so a buffer that does not start with a valid header is returned as is.
 */
export function demuxLogs(buf: Buffer): string {
  const out: Buffer[] = [];
  let i = 0;
  while (i + 8 <= buf.length) {
    const kind = buf[i];
    if (kind > 2 || buf[i + 1] !== 0 || buf[i + 2] !== 0 || buf[i + 3] !== 0) return i === 0 ? buf.toString('utf8') : Buffer.concat(out).toString('utf8');
    const size = buf.readUInt32BE(i + 4);
    out.push(buf.subarray(i + 8, i + 8 + size));
    i += 8 + size;
  }
  return i === 0 && buf.length > 0 ? buf.toString('utf8') : Buffer.concat(out).toString('utf8');
}

/** A container's stdout+stderr as text (`tail` lines when given). */
export async function containerLogs(docker: DockerApi, id: string, opts: { tail?: number } = {}): Promise<string> {
  const raw = (await docker.containerLogs(id, opts)) as unknown;
  if (Buffer.isBuffer(raw)) return demuxLogs(raw);
  return typeof raw === 'string' ? raw : String(raw ?? '');
}

/** Inspects a container (and reads its logs when asked) so attributes can be evaluated synchronously. */
export async function loadAttributeSource(docker: DockerApi, id: string, withLogs: boolean): Promise<AttributeSource> {
  const info = await docker.inspectContainer(id);
  return { id: info.Id, info, logs: withLogs ? await containerLogs(docker, id) : undefined };
}

type PortMap = Record<string, { HostIp?: string; HostPort?: string }[] | null>;

/** Comma-joined bound host ports per protocol, in container-port order (Heat's TcpPorts/UdpPorts). */
export function boundPorts(ports: PortMap | undefined): { tcp: string; udp: string } {
  const tcp: string[] = [];
  const udp: string[] = [];
  const keys = Object.keys(ports ?? {}).sort((a, b) => parseInt(a, 10) - parseInt(b, 10) || a.localeCompare(b));
  for (const key of keys) {
    const bindings = ports?.[key];
    const [, proto] = key.split('/');
    const hostPort = bindings?.[0]?.HostPort;
    if (!hostPort) continue;
    if (proto === 'tcp') tcp.push(hostPort);
    else if (proto === 'udp') udp.push(hostPort);
  }
  return { tcp: tcp.join(','), udp: udp.join(',') };
}

/** The container's address: the default bridge's, else the first network's (user networks). */
function networkIp(info: ContainerDetails): string {
  const ns = info.NetworkSettings as unknown as { IPAddress?: string; Networks?: Record<string, { IPAddress?: string }> };
  if (ns.IPAddress) return ns.IPAddress;
  for (const net of Object.values(ns.Networks ?? {})) if (net?.IPAddress) return net.IPAddress;
  return '';
}

function networkGateway(info: ContainerDetails): string {
  const ns = info.NetworkSettings as unknown as { Gateway?: string; Networks?: Record<string, { Gateway?: string }> };
  if (ns.Gateway) return ns.Gateway;
  for (const net of Object.values(ns.Networks ?? {})) if (net?.Gateway) return net.Gateway;
  return '';
}

/** Indexes into a value along a get_attr path (keys for maps, indexes for lists); null when absent. */
export function indexPath(value: unknown, path: readonly unknown[]): unknown {
  let cur: unknown = value;
  for (const step of path) {
    if (cur === null || cur === undefined) return null;
    if (Array.isArray(cur)) {
      const i = typeof step === 'number' ? step : Number(step);
      cur = Number.isInteger(i) ? cur[i] : undefined;
    } else if (typeof cur === 'object') {
      cur = (cur as Record<string, unknown>)[String(step)];
    } else {
      return null;
    }
  }
  return cur === undefined ? null : cur;
}

/** One attribute of a container, before path indexing. Throws for an unknown attribute. */
export function attributeValue(src: AttributeSource, attr: string): unknown {
  const info = src.info;
  switch (attr) {
    case 'info':
    case 'show':
      return info;
    case 'network_info': {
      const ports = boundPorts(info.NetworkSettings?.Ports as PortMap);
      return { ...info.NetworkSettings, TcpPorts: ports.tcp, UdpPorts: ports.udp };
    }
    case 'network_ip':
      return networkIp(info);
    case 'network_gateway':
      return networkGateway(info);
    case 'network_tcp_ports':
      return boundPorts(info.NetworkSettings?.Ports as PortMap).tcp;
    case 'network_udp_ports':
      return boundPorts(info.NetworkSettings?.Ports as PortMap).udp;
    case 'logs':
      return src.logs ?? '';
    case 'logs_head':
      return (src.logs ?? '').split('\n')[0].replace(/\r$/, '');
    case 'logs_tail': {
      // Heat answered '' whenever the logs ended in a newline: the last NON-EMPTY line is what users want.
      const lines = (src.logs ?? '').split('\n').map((l) => l.replace(/\r$/, '')).filter((l) => l.trim() !== '');
      return lines.at(-1) ?? '';
    }
    default:
      throw new Error(`unknown attribute '${attr}' (known: ${CONTAINER_ATTRIBUTES.join(', ')})`);
  }
}

/**
 * The runtime evaluateRuntime calls back into: get_resource → container id; get_attr → the attribute
 * (with path indexing). Resources not in `sources` answer `placeholder(name)` so a plan can still be
 * computed for containers that do not exist yet.
 */
export function runtimeFor(
  sources: ReadonlyMap<string, AttributeSource>,
  placeholder?: (resource: string, attr?: string) => unknown,
): { resourceId(name: string): string; attribute(name: string, attr: string, path: unknown[]): unknown } {
  return {
    resourceId(name: string): string {
      const src = sources.get(name);
      if (src) return src.id;
      if (placeholder) return String(placeholder(name));
      throw new Error(`resource '${name}' has no container yet`);
    },
    attribute(name: string, attr: string, path: unknown[]): unknown {
      const src = sources.get(name);
      if (!src) {
        if (placeholder) return placeholder(name, attr);
        throw new Error(`resource '${name}' has no container yet (get_attr ${attr})`);
      }
      return indexPath(attributeValue(src, attr), path ?? []);
    },
  };
}

/** Published ports as `hostIp:hostPort->containerPort/proto` (docker ps style), in port order. */
export function formatPorts(ports: PortMap | undefined): string[] {
  const out: string[] = [];
  const keys = Object.keys(ports ?? {}).sort((a, b) => parseInt(a, 10) - parseInt(b, 10) || a.localeCompare(b));
  for (const key of keys) {
    for (const b of ports?.[key] ?? []) {
      if (!b?.HostPort) continue;
      const ip = b.HostIp || '0.0.0.0';
      out.push(`${ip.includes(':') ? `[${ip}]` : ip}:${b.HostPort}->${key}`);
    }
  }
  return out;
}

/**
 * Loads the attribute sources that runtime references need: one inspect per referenced resource,
 * plus its logs when a logs attribute is asked for. `locate` says where a resource's container is;
 * a resource without one (not created yet, or gone meanwhile) stays pending.
 */
export async function loadSources(
  refs: readonly { resource: string; attr?: string }[],
  locate: (resource: string) => { docker: DockerApi; id: string } | undefined,
): Promise<Map<string, AttributeSource>> {
  const sources = new Map<string, AttributeSource>();
  const wantLogs = new Set(refs.filter((r) => r.attr && needsLogs(r.attr)).map((r) => r.resource));
  for (const name of new Set(refs.map((r) => r.resource))) {
    const where = locate(name);
    if (!where) continue;
    try {
      sources.set(name, await loadAttributeSource(where.docker, where.id, wantLogs.has(name)));
    } catch {
      // gone meanwhile: the reference stays pending
    }
  }
  return sources;
}
