/**
 * Connects every endpoint of a run and tells engines apart by what they are, not by how they are
 * named: two targets that reach one engine (an `endpoints` name and its URL, a unix socket and the
 * TLS port of the same daemon) become ONE endpoint, so placement, observe and the lock see it once.
 * Without this the run locks the engine under its first name and then waits on its own lock under
 * the second, and observe reports every container twice.
 */
import { connect, within, type ConnectOptions, type DockerConnection } from './client.js';
import type { ContainerSummary, DockerApi, EngineInfo } from './docker-api.js';
import type { EndpointTarget } from '../spec/types.js';

/** The endpoints of a run, one per engine. */
export interface ConnectedEndpoints {
  /** Canonical endpoint name → its connection (one per engine), in name order. */
  connections: Map<string, DockerConnection>;
  /** Every other name of an engine → the canonical target it is one engine with. */
  aliases: Map<string, EndpointTarget>;
  /** One sentence per merge, for the log: "endpoints 'x' and 'y' are one engine (ID …): treated as one". */
  notes: string[];
}

/** Options of connectEndpoints. */
export interface ConnectEndpointsOptions extends ConnectOptions {
  /** The connect of one target (tests give a fake); default client.ts connect. */
  connect?: (target: EndpointTarget, options: ConnectOptions) => Promise<DockerConnection>;
}

/** Code-point order: the same on every runner, so the canonical name never depends on the locale. */
function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Who an engine says it is (/info), and, when that collides with another, its containers. */
interface Identity {
  /** Candidate key: ID, host name and data root together. */
  key: string;
  id: string;
  /** Container IDs the engine lists (random 256-bit each): the proof two candidates are one. */
  containers?: Set<string>;
}

const DEFAULT_IDENTIFY_MS = 10_000;

/**
 * The engine's /info identity, or undefined when it cannot tell (no merge then: two names stay two
 * endpoints, as before). The ID alone is not enough: a daemon of Docker 20.10 takes it from
 * /etc/docker/key.json, which every daemon of one host (and every clone of a VM image) shares, so
 * the host name and the data root (which two running daemons can never share) join it.
 */
async function identify(docker: DockerApi, ms: number): Promise<Identity | undefined> {
  let info: EngineInfo;
  try {
    info = await within(docker.info(), ms);
  } catch {
    return undefined;
  }
  if (!info.ID) return undefined;
  return { key: JSON.stringify([info.ID, info.Name ?? '', info.DockerRootDir ?? '']), id: info.ID };
}

/** Reads the container IDs of an engine whose /info collides with another's; false when it cannot. */
async function listIds(docker: DockerApi, identity: Identity, ms: number): Promise<boolean> {
  try {
    const list: ContainerSummary[] = await within(docker.listContainers({ all: true }), ms);
    identity.containers = new Set(list.map((c) => c.Id));
    return true;
  } catch {
    return false;
  }
}

/**
 * Two candidates with equal /info identity are one engine when they list a common container (a
 * container ID is 256 random bits) or when neither lists any. Two different engines with equal
 * /info (cloned hosts) are told apart by the first container either of them holds.
 */
function sameEngine(a: Identity, b: Identity): boolean {
  if (a.key !== b.key || !a.containers || !b.containers) return false;
  if (a.containers.size === 0 && b.containers.size === 0) return true;
  for (const id of a.containers) if (b.containers.has(id)) return true;
  return false;
}

/**
 * Connects every target (all at once), reads each engine's identity, and merges the targets that
 * reach one engine into one endpoint: the first by name order is canonical, the others become its
 * aliases. Throws one Error listing every endpoint that could not be reached (after closing the
 * connections that did open). Connections of aliases are closed: only the canonical one is used.
 */
export async function connectEndpoints(targets: readonly EndpointTarget[], options: ConnectEndpointsOptions = {}): Promise<ConnectedEndpoints> {
  const { connect: connectOne = connect, ...connectOptions } = options;
  const sorted = [...new Map(targets.map((t) => [t.name, t])).values()].sort((a, b) => byName(a.name, b.name));
  const settled = await Promise.allSettled(sorted.map((t) => connectOne(t, connectOptions)));
  const opened = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failures = settled.flatMap((s) => (s.status === 'rejected' ? [(s.reason as Error).message] : []));
  if (failures.length > 0) {
    await Promise.all(opened.map((c) => c.close().catch(() => undefined)));
    throw new Error(failures.join('\n'));
  }

  // /info for every engine; the container lists only where two /info identities collide.
  const ms = connectOptions.timeoutMs ?? DEFAULT_IDENTIFY_MS;
  const identities = opened.length < 2 ? [] : await Promise.all(opened.map((c) => identify(c.docker, ms)));
  const keyCount = new Map<string, number>();
  for (const i of identities) if (i) keyCount.set(i.key, (keyCount.get(i.key) ?? 0) + 1);
  await Promise.all(identities.map((i, n) => (i && keyCount.get(i.key)! > 1 ? listIds(opened[n].docker, i, ms) : false)));
  const connections = new Map<string, DockerConnection>();
  const aliases = new Map<string, EndpointTarget>();
  const groups = new Map<DockerConnection, string[]>();
  const canonicals: { conn: DockerConnection; identity?: Identity }[] = [];
  for (const [i, conn] of opened.entries()) {
    const identity = identities[i];
    const same = identity && canonicals.find((c) => c.identity && sameEngine(c.identity, identity));
    if (same) {
      aliases.set(conn.target.name, same.conn.target);
      groups.get(same.conn)!.push(conn.target.name);
      await conn.close().catch(() => undefined);
      continue;
    }
    canonicals.push({ conn, identity });
    connections.set(conn.target.name, conn);
    groups.set(conn, [conn.target.name]);
  }

  const notes: string[] = [];
  for (const { conn, identity } of canonicals) {
    const names = groups.get(conn)!;
    if (names.length < 2) continue;
    const quoted = names.map((n) => `'${n}'`);
    const list = quoted.length === 2 ? quoted.join(' and ') : `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}`;
    notes.push(`endpoints ${list} are one engine (ID ${identity!.id}): treated as one, as '${names[0]}'`);
  }
  return { connections, aliases, notes };
}
