/**
 * The run's placement step: the resources as placement input, the engines' facts gathered
 * (placement-facts.ts), then the pure decision (spec/placement-pool.ts). Keeps run.ts to wiring.
 */
import type { DockerApi } from './docker-api.js';
import { poolFacts } from './placement-facts.js';
import type { Settings } from '../settings.js';
import type { ResolvedStack } from '../template/types.js';
import type { EndpointTarget } from '../spec/types.js';
import type { PlacementDecision } from '../spec/placement-types.js';
import { poolMode } from '../spec/endpoints.js';
import { placeWithReasons, type PlacementResource } from '../spec/placement-pool.js';
import { endpointRefOf } from '../deploy/desired.js';
import type { DeployLog, DesiredContainer, ObservedContainer } from '../deploy/types.js';

/** Placement input of the stack's resources: endpoint, memory limit (a literal one), constraints. */
export function placementInput(stack: ResolvedStack): PlacementResource[] {
  return stack.resources.map((r) => {
    const m = r.properties.memory;
    const memory = typeof m === 'number' ? m : typeof m === 'string' && /^\s*\+?\d+\s*$/.test(m) ? Number(m) : undefined;
    return { name: r.name, endpointRef: endpointRefOf(r), ...(memory ? { memory } : {}), ...(r.placement ? { constraints: r.placement } : {}) };
  });
}

/** Where every resource runs, and, for those a pool placed, why. */
export interface StackPlacement {
  targets: Map<string, EndpointTarget>;
  /** Only resources placed on a pool (none without one): what the plan, log and summary show. */
  pooled: Map<string, PlacementDecision>;
}

/** What placeStack needs from the run. */
export interface PlaceStackContext {
  engines: ReadonlyMap<string, DockerApi>;
  /** Connected endpoint names (canonical). */
  names: readonly string[];
  aliases: ReadonlyMap<string, EndpointTarget>;
  observed: readonly ObservedContainer[];
  log: DeployLog;
}

/** Places the stack on what the engines report now; throws the placement problems as one Error. */
export async function placeStack(settings: Settings, stack: ResolvedStack, ctx: PlaceStackContext): Promise<StackPlacement> {
  const strategy = settings.placement;
  const current: Record<string, string> = {};
  for (const o of ctx.observed) if (o.role !== 'aside' && o.resource !== '') current[o.resource] ??= o.endpoint;
  const facts = await poolFacts(ctx.engines, ctx.names, { stackName: settings.stackName, observed: ctx.observed, memory: strategy === 'binpack' });
  const placed = placeWithReasons(placementInput(stack), settings, { strategy, current, aliases: ctx.aliases, facts });
  if ('error' in placed) throw new Error(placed.error);
  const pooled = new Map<string, PlacementDecision>();
  if (poolMode(settings)) {
    for (const r of stack.resources) if (endpointRefOf(r) === undefined) pooled.set(r.name, placed.decisions.get(r.name)!);
  }
  for (const [name, d] of pooled) {
    ctx.log.info(`placement: ${name} → ${d.endpoint} (${[d.moved && `moved from ${d.moved.from}: ${d.moved.why}`, d.reason, d.detail].filter(Boolean).join('; ')})`);
  }
  return { targets: placed.targets, pooled };
}

/** The desired container with the reason its pool placement gave (the plan shows it). */
export function withPlacementReason(d: DesiredContainer, decision: PlacementDecision | undefined): DesiredContainer {
  if (!decision) return d;
  return { ...d, placement: { reason: decision.reason, ...(decision.moved ? { movedBecause: decision.moved.why } : {}) } };
}
