/**
 * From the stack's resources and the settings to every resource's endpoint: `docker_endpoint`
 * resolved to its target, the rest placed on the pool by placement.ts, with the reason. Pure: the
 * engines' facts come in as data.
 */
import type { Settings } from '../settings.js';
import { defaultPool, endpointTargetFor } from './endpoints.js';
import { placePool } from './placement.js';
import type { EngineFacts, PlacementConstraints, PlacementDecision, PlacementRequest, PlacementStrategy } from './placement-types.js';
import type { EndpointTarget, ParsedEndpoint } from './types.js';

/** One resource as placeResources takes it. */
export interface PlacementResource {
  name: string;
  /** `docker_endpoint`: an `endpoints` name or a URL; absent or blank: placed on the pool. */
  endpointRef?: string;
  /** Memory limit in bytes (binpack). */
  memory?: number;
  constraints?: PlacementConstraints;
}

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
  /** What the run observed on each pool engine, by endpoint name (none: counts only). */
  facts?: ReadonlyMap<string, Omit<EngineFacts, 'name'>>;
}

/** Every resource's endpoint, and why it is there. */
export interface Placement {
  targets: Map<string, EndpointTarget>;
  decisions: Map<string, PlacementDecision>;
}

/** Two spellings of the same engine (a name and its URL) count as one for placement. */
function engineKey(p: ParsedEndpoint): string {
  if (p.kind === 'unix') return `unix:${p.socketPath}`;
  if (p.kind === 'ssh') return `ssh:${p.user}@${p.host.toLowerCase()}:${p.port}`;
  return `tcp:${p.host.toLowerCase()}:${p.port}`;
}

/**
 * Assigns every resource its endpoint and the reason: its own `endpointRef` when given, else one
 * of defaultPool chosen by placePool (spread or binpack, sticky, the resource's constraints).
 * Returns every invalid endpoint and every resource that cannot be placed in one error message.
 */
export function placeWithReasons(resources: readonly PlacementResource[], settings: Settings, options: PlacementOptions = {}): Placement | { error: string } {
  const targets = new Map<string, EndpointTarget>();
  const errors: string[] = [];
  const canonical = (t: EndpointTarget): EndpointTarget => options.aliases?.get(t.name) ?? t;
  const pooled = resources.filter((r) => r.endpointRef === undefined || r.endpointRef.trim() === '');
  let pool: EndpointTarget[] = [];
  if (pooled.length > 0) {
    try {
      // One engine under two names is one member of the pool, under its canonical name.
      const seen = new Set<string>();
      pool = defaultPool(settings).map(canonical).filter((t) => !seen.has(t.name) && seen.add(t.name));
      if (pool.length === 0) errors.push(`every endpoints entry has 'pool: false': resources ${pooled.map((r) => `'${r.name}'`).join(', ')} name no endpoint and have nowhere to go`);
    } catch (err) {
      errors.push((err as Error).message);
    }
  }
  const byKey = new Map(pool.map((t) => [engineKey(t.parsed), t.name]));
  const requests: PlacementRequest[] = [];
  for (const r of resources) {
    const request: PlacementRequest = { name: r.name, ...(r.memory ? { memory: r.memory } : {}), ...(r.constraints ? { constraints: r.constraints } : {}) };
    if (!pooled.includes(r)) {
      const t = endpointTargetFor(r.endpointRef, settings);
      if (!t.ok) {
        errors.push(`resource '${r.name}': ${t.message}`);
        continue;
      }
      const at = canonical(t.target);
      targets.set(r.name, at);
      // The URL of a pool member is that member: it counts there.
      request.fixed = byKey.get(engineKey(at.parsed)) ?? at.name;
    }
    requests.push(request);
  }
  if (errors.length > 0) return { error: errors.join('\n') };

  const facts = pool.map((t): EngineFacts => ({ ...options.facts?.get(t.name), name: t.name }));
  const placed = placePool({ strategy: options.strategy ?? 'spread', resources: requests, pool: facts, current: options.current });
  if (!placed.ok) return { error: placed.problems.map((p) => p.message).join('\n') };
  const byName = new Map(pool.map((t) => [t.name, t]));
  for (const r of pooled) {
    const d = placed.decisions.get(r.name)!;
    // Kept together with a resource whose docker_endpoint names an engine outside the pool: that one's target.
    const fixedPeer = [...targets.entries()].find(([name]) => placed.decisions.get(name)?.endpoint === d.endpoint)?.[1];
    targets.set(r.name, byName.get(d.endpoint) ?? fixedPeer!);
  }
  return { targets, decisions: placed.decisions };
}

/** placeWithReasons without the reasons: resource name → endpoint target, or the error. */
export function placeResources(resources: readonly PlacementResource[], settings: Settings, options: PlacementOptions = {}): Map<string, EndpointTarget> | { error: string } {
  const r = placeWithReasons(resources, settings, options);
  return 'error' in r ? r : r.targets;
}
