/**
 * The report phase of a run: the `resources` output read back from the engines (the containers as
 * they are after the run), and the template's outputs evaluated against them.
 */
import type { DockerApi } from './docker-api.js';
import { formatPorts, loadSources, runtimeFor, type AttributeSource } from './attributes.js';
import type { StepOutcome } from './execute.js';
import { actionOf } from '../deploy/plan.js';
import { runtimeRefs } from '../deploy/desired.js';
import { evaluateRuntime } from '../template/resolve.js';
import type { ResolvedStack } from '../template/types.js';
import type { ObservedContainer, PlanNode, ResourceReport } from '../deploy/types.js';

/** Which node speaks for a resource in the report: its own operation, else its removal, else a repair. */
const RANK: Partial<Record<PlanNode['type'], number>> = { create: 3, move: 3, replace: 3, start: 3, unchanged: 3, remove: 2, retain: 2, 'restore-aside': 1 };

/** Deploy-time reference sources: a container this run made wins over the one observed before it. */
export function sourcesFor(
  refs: { resource: string; attr?: string }[],
  engines: ReadonlyMap<string, DockerApi>,
  known: ReadonlyMap<string, ObservedContainer>,
  outcomes: ReadonlyMap<string, StepOutcome>,
): Promise<Map<string, AttributeSource>> {
  return loadSources(refs, (name) => {
    const out = outcomes.get(name);
    const id = out ? out.containerId : known.get(name)?.id;
    const docker = engines.get(out?.endpoint ?? known.get(name)?.endpoint ?? '');
    return id && docker ? { docker, id } : undefined;
  });
}

/** The `resources` output: one entry per resource, from the node that speaks for it. */
export async function reportResources(
  engines: ReadonlyMap<string, DockerApi>,
  nodes: readonly PlanNode[],
  outcomes: ReadonlyMap<string, StepOutcome> | undefined,
  planOnly: boolean,
): Promise<Record<string, ResourceReport>> {
  const speaker = new Map<string, PlanNode>();
  for (const n of nodes) {
    const rank = RANK[n.type];
    if (rank === undefined) continue;
    const prev = speaker.get(n.resource);
    if (!prev || (RANK[prev.type] ?? 0) < rank) speaker.set(n.resource, n);
  }
  const out: Record<string, ResourceReport> = {};
  for (const [resource, n] of speaker) out[resource] = await resourceReport(engines, n, outcomes?.get(resource), planOnly);
  return out;
}

/** The `resources` output entry of one node, from the container as it is now. */
async function resourceReport(engines: ReadonlyMap<string, DockerApi>, n: PlanNode, outcome: StepOutcome | undefined, planOnly: boolean): Promise<ResourceReport> {
  const endpoint = outcome?.endpoint ?? n.endpoint;
  const id = outcome ? outcome.containerId : n.observed?.id;
  const base: ResourceReport = {
    endpoint,
    container_id: id ?? '',
    container_name: n.desired?.name ?? n.observed?.asideOf ?? n.observed?.name ?? '',
    image: n.desired?.image ?? n.observed?.image ?? '',
    image_id: n.desired?.imageId ?? n.observed?.imageId ?? '',
    action: outcome?.action ?? actionOf(n.type) ?? 'unchanged',
    state: planOnly ? (n.observed?.state ?? 'absent') : outcome ? 'removed' : (n.observed?.state ?? 'absent'),
    ports: [],
    ...(outcome ? { seconds: outcome.seconds } : {}),
  };
  if (!id) return base;
  try {
    const info = await engines.get(endpoint)!.inspectContainer(id);
    return {
      ...base,
      container_name: info.Name.replace(/^\//, ''),
      image: info.Config.Image,
      image_id: info.Image,
      state: info.State.Status,
      ports: formatPorts(info.NetworkSettings?.Ports as Record<string, { HostIp?: string; HostPort?: string }[] | null>),
      ...(info.State.Health?.Status ? { health: info.State.Health.Status } : {}),
    };
  } catch {
    return { ...base, state: 'removed' };
  }
}

/** The template's outputs against the real containers (plan mode: the ones that exist now). */
export async function reportOutputs(
  stack: ResolvedStack,
  resources: Record<string, ResourceReport>,
  observed: ReadonlyMap<string, ObservedContainer>,
  engines: ReadonlyMap<string, DockerApi>,
): Promise<{ values: Record<string, unknown>; warnings: string[] }> {
  const final = new Map<string, ObservedContainer>();
  for (const [name, r] of Object.entries(resources)) {
    if (r.container_id && r.state !== 'removed') final.set(name, { ...observed.get(name)!, id: r.container_id, endpoint: r.endpoint });
  }
  const refs = Object.values(stack.outputs).flatMap((o) => runtimeRefs(o.value));
  const runtime = runtimeFor(await sourcesFor(refs, engines, final, new Map()), () => null);
  const values: Record<string, unknown> = {};
  const warnings: string[] = [];
  for (const [name, out] of Object.entries(stack.outputs)) {
    try {
      values[name] = evaluateRuntime(out.value, runtime);
    } catch (err) {
      values[name] = null;
      warnings.push(`output '${name}': ${(err as Error).message}`);
    }
  }
  return { values, warnings };
}
