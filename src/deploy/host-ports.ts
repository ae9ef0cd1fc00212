/** Host ports: which a container holds (observed) and which a desired one binds, and whether they clash. */
import type { DesiredContainer, ObservedContainer } from './types.js';

/** `hostIp:port/proto` of every host port the desired body binds (hostIp `0.0.0.0` when unset). */
export function desiredHostPorts(d: DesiredContainer): string[] {
  const bindings = ((d.body.HostConfig ?? {}) as { PortBindings?: Record<string, { HostIp?: string; HostPort?: string | number }[] | null> }).PortBindings ?? {};
  const out: string[] = [];
  for (const [key, list] of Object.entries(bindings)) {
    const proto = key.split('/')[1] ?? 'tcp';
    for (const b of list ?? []) if (b?.HostPort !== undefined && String(b.HostPort) !== '') out.push(`${b.HostIp || '0.0.0.0'}:${b.HostPort}/${proto}`);
  }
  return out;
}

function split(p: string): { ip: string; port: string; proto: string } {
  const slash = p.lastIndexOf('/');
  const colon = p.lastIndexOf(':', slash);
  return { ip: p.slice(0, colon), port: p.slice(colon + 1, slash), proto: p.slice(slash + 1) };
}

const ANY = new Set(['0.0.0.0', '::', '']);

/** True when two `hostIp:port/proto` lists share a port the engine would refuse to bind twice. */
export function portsClash(a: readonly string[], b: readonly string[]): boolean {
  return a.some((x) => b.some((y) => {
    const p = split(x);
    const q = split(y);
    return p.port === q.port && p.proto === q.proto && (p.ip === q.ip || ANY.has(p.ip) || ANY.has(q.ip));
  }));
}

/** True when the observed container holds a host port (it is running and publishes one). */
export function holdsHostPorts(o: ObservedContainer): boolean {
  return (o.hostPorts?.length ?? 0) > 0 && (o.state === 'running' || o.state === 'restarting' || o.state === 'paused');
}
