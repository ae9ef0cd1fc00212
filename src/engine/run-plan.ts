/**
 * The observe and plan phases of a run (run.ts): the stack's containers on every endpoint, the
 * images made present once, the desired containers with their deploy-time values, and the pure
 * planner over both. Nothing here changes a container.
 */
import type { Settings } from '../settings.js';
import type { ResolvedStack } from '../template/types.js';
import type { EndpointTarget } from '../spec/types.js';
import type { DockerApi } from './docker-api.js';
import type { DockerConnection } from './client.js';
import type { LockHandle } from './lock.js';
import { placeStack, withPlacementReason } from './place-stack.js';
import { ensureImage, localImageId } from './images.js';
import { runtimeFor } from './attributes.js';
import { addContainerReferences, buildDesired, buildPlannedDesired, imageKey, imageOf, runtimeRefs, type DesiredContext } from '../deploy/desired.js';
import type { ExecuteContext } from './execute.js';
import { observeEndpoint } from './observe.js';
import { planStack } from '../deploy/plan.js';
import { planDestroy } from '../deploy/destroy-plan.js';
import { sourcesFor } from './run-report.js';
import { readObservedSpecs } from './observe-spec.js';
import type { RunPhase } from './failure-reason.js';
import { hiddenTest } from '../report/mask.js';
import { hiddenValueTexts } from '../template/hidden-values.js';
import type { DeployLog, DeployReport, ObservedContainer, PlanNode } from '../deploy/types.js';

/** The connected endpoints of a run (one per engine). */
export interface Endpoints {
  /** Endpoint names, sorted (the lock order). */
  names: string[];
  engines: Map<string, DockerApi>;
  aliases: Map<string, EndpointTarget>;
}

/** What the run holds and must give back, whatever happens. */
export interface Held {
  connections: DockerConnection[];
  locks: { endpoint: string; lock: LockHandle }[];
  /** Why a lock's fence refused a change (a run whose fence refused one says so). */
  refused: Set<string>;
}

/** The plan and what executing and reporting it need. */
export interface Planned {
  nodes: PlanNode[];
  /** bind nodes: the resource's desired container with its deploy-time values known. */
  bind?: ExecuteContext['bind'];
  /** Live containers by resource, as observed. */
  observed: Map<string, ObservedContainer>;
  /** Where pool placement put each resource and why. */
  placement?: DeployReport['placement'];
}

/** Observe: the stack's containers on every endpoint. */
export async function observePhase(endpoints: Endpoints, stackName: string): Promise<ObservedContainer[]> {
  const found = await Promise.all(endpoints.names.map((n) => observeEndpoint(endpoints.engines.get(n)!, n, stackName)));
  return found.flat();
}

/** Live containers by resource: a running one first. */
export function liveByResource(observed: readonly ObservedContainer[]): Map<string, ObservedContainer> {
  const map = new Map<string, ObservedContainer>();
  for (const o of observed) {
    if (o.role === 'aside' || o.resource === '') continue;
    const prev = map.get(o.resource);
    if (!prev || (prev.state !== 'running' && o.state === 'running')) map.set(o.resource, o);
  }
  return map;
}

/** Plan (destroy): every container goes, dependents first, Retain kept. */
export function destroyPlan(stack: ResolvedStack, observed: ObservedContainer[]): Planned {
  return { nodes: planDestroy(observed, stack.resources), observed: liveByResource(observed) };
}

/**
 * Plan (plan, deploy): placement, the images made present once (plan mode only looks), desired
 * containers with deploy-time values read from the containers there now, then the planner.
 */
export async function deployPlan(endpoints: Endpoints, settings: Settings, stack: ResolvedStack, log: DeployLog, observed: ObservedContainer[], at: { phase: RunPhase }): Promise<Planned> {
  const { targets: placed, pooled } = await placeStack(settings, stack, { ...endpoints, observed, log });
  for (const t of placed.values()) if (!endpoints.engines.has(t.name)) throw new Error(`endpoint '${t.name}' was not connected`);

  // Deploy-time references against the containers that exist now; missing ones get a placeholder.
  const live = liveByResource(observed);
  const sources = await sourcesFor(stack.resources.flatMap((r) => runtimeRefs(r.properties)), endpoints.engines, live, new Map());
  const runtime = runtimeFor(sources, (name, attr) => (attr ? `<${name}.${attr}>` : `<${name}>`));
  at.phase = 'images';
  const imageIds = await imagesPhase(endpoints, settings, stack, log, placed, runtime);
  at.phase = 'plan';
  const ctx: DesiredContext = { stackName: settings.stackName, placement: placed, runtime, imageIds, revision: settings.revision, template: settings.template };
  const pending = new Set(stack.resources.filter((r) => !live.has(r.name)).map((r) => r.name));
  const desired = stack.resources.map((r) => withPlacementReason(buildPlannedDesired(r, ctx, pending), pooled.get(r.name)));
  addContainerReferences(desired);
  await readObservedSpecs(endpoints.engines, desired, observed);
  const hidden = hiddenTest(stack.hiddenParameters.flatMap((p) => hiddenValueTexts(stack.parameters[p])));
  const nodes = planStack(desired, observed, { prune: settings.prune, rollback: settings.rollback, hidden });
  const resources = new Map(stack.resources.map((r) => [r.name, r]));
  const bind: ExecuteContext['bind'] = (node, late) => ({
    ...buildDesired(resources.get(node.resource)!, { ...ctx, runtime: runtimeFor(late) }),
    dependsOn: node.desired?.dependsOn ?? [],
  });
  return { nodes, bind, observed: live, ...(pooled.size > 0 ? { placement: Object.fromEntries(pooled) } : {}) };
}

/** Each image once per endpoint, all endpoints at once (pulls are the slow part of a first deploy). */
export async function imagesPhase(
  endpoints: Endpoints,
  settings: Settings,
  stack: ResolvedStack,
  log: DeployLog,
  placed: ReadonlyMap<string, EndpointTarget>,
  runtime: DesiredContext['runtime'],
): Promise<Map<string, string>> {
  const wanted = new Map<string, { ep: string; image: string; resource: string }>();
  for (const r of stack.resources) {
    const ep = placed.get(r.name)!.name;
    const image = imageOf(r, runtime);
    if (!wanted.has(imageKey(ep, image))) wanted.set(imageKey(ep, image), { ep, image, resource: r.name });
  }
  const imageIds = new Map<string, string>();
  const pulled = await Promise.allSettled(
    [...wanted].map(async ([key, { ep, image, resource }]) => {
      const docker = endpoints.engines.get(ep)!;
      const id = settings.mode === 'plan'
        ? await localImageId(docker, image)
        : (await ensureImage(docker, image, settings.pull, settings.registryAuth, log, { endpoint: ep, resource })).imageId;
      if (id) imageIds.set(key, id);
    }),
  );
  const errors = pulled.flatMap((p) => (p.status === 'rejected' ? [(p.reason as Error).message] : []));
  if (errors.length) throw new Error(errors.join('\n'));
  return imageIds;
}
