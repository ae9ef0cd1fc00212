/**
 * What pool placement needs to know about each engine, read from the engines themselves: total
 * memory and container count from /info, this stack's containers from observe, and (binpack only)
 * the memory limits of everything else running there. placement.ts decides from these, purely.
 */
import type { DockerApi } from './docker-api.js';
import type { ObservedContainer } from '../deploy/types.js';
import type { EngineFacts } from '../spec/placement-types.js';
import { LABEL_STACK } from '../spec/labels.js';

/** Inspections in flight per engine while summing memory limits. */
const INSPECT_PARALLEL = 8;

/** Options of poolFacts. */
export interface PoolFactsOptions {
  stackName: string;
  /** The stack's containers as observed on every endpoint. */
  observed: readonly ObservedContainer[];
  /** Sum the memory limits of other running containers (binpack needs them; spread does not). */
  memory: boolean;
}

/**
 * Sum of the memory limits (HostConfig.Memory) of the running containers that are not this stack's.
 * The list does not carry limits: each is inspected; one gone meanwhile counts nothing.
 */
async function reservedMemory(docker: DockerApi, stackName: string): Promise<number> {
  const others = (await docker.listContainers({ all: false })).filter((c) => c.Labels?.[LABEL_STACK] !== stackName);
  let total = 0;
  for (let i = 0; i < others.length; i += INSPECT_PARALLEL) {
    const limits = await Promise.all(
      others.slice(i, i + INSPECT_PARALLEL).map((c) => docker.inspectContainer(c.Id).then((d) => d.HostConfig?.Memory ?? 0, () => 0)),
    );
    total += limits.reduce((s, n) => s + n, 0);
  }
  return total;
}

/** The facts of every named engine, by endpoint name. An engine whose /info fails has none (counts only). */
export async function poolFacts(engines: ReadonlyMap<string, DockerApi>, names: readonly string[], options: PoolFactsOptions): Promise<Map<string, Omit<EngineFacts, 'name'>>> {
  const facts = new Map<string, Omit<EngineFacts, 'name'>>();
  await Promise.all(
    names.map(async (name) => {
      const docker = engines.get(name);
      if (!docker) return;
      const stackContainers = options.observed.filter((o) => o.endpoint === name).length;
      const info = await docker.info().catch(() => undefined);
      const reserved = options.memory && info?.MemTotal ? await reservedMemory(docker, options.stackName) : undefined;
      facts.set(name, {
        stackContainers,
        ...(info?.MemTotal ? { memTotal: info.MemTotal } : {}),
        ...(typeof info?.Containers === 'number' ? { containers: info.Containers } : {}),
        ...(reserved !== undefined ? { reservedMemory: reserved } : {}),
      });
    }),
  );
  return facts;
}
