/** Shapes of pool placement (placement.ts): what it is given and what it decides. Pure data. */

/** How resources without an endpoint are placed over a pool of two or more. */
export type PlacementStrategy = 'spread' | 'binpack';

/**
 * A resource's own placement rules, from `metadata.hotdock.placement` (or set by the template
 * stage, e.g. the members of a group kept apart). Endpoint names are `endpoints` entry names,
 * resource names are the stack's. Every relation between resources holds both ways.
 */
export interface PlacementConstraints {
  /** Only these endpoints (empty or absent: any endpoint of the pool). */
  allow?: string[];
  /** Never these endpoints. */
  avoid?: string[];
  /** Never on the endpoint of any of these resources. */
  apartFrom?: string[];
  /** Always on the endpoint of these resources. */
  togetherWith?: string[];
  /**
   * Rather not on the endpoint of these resources: among the endpoints allowed, those holding the
   * fewest of them are taken first, then the strategy decides. Never an error and never a move
   * (a group's members spread this way even when they outnumber the engines).
   */
  preferApartFrom?: string[];
}

/** One resource as placement sees it. */
export interface PlacementRequest {
  name: string;
  /**
   * The endpoint its `docker_endpoint` names (as a pool member's name when it is one of them):
   * placement does not choose it, but it counts where it runs.
   */
  fixed?: string;
  /** Its memory limit in bytes (the `memory` property), when it has one. */
  memory?: number;
  constraints?: PlacementConstraints;
}

/** What was observed on one engine of the pool before placing. */
export interface EngineFacts {
  /** The endpoint's display name (an `endpoints` entry name). */
  name: string;
  /** The engine's total memory in bytes (/info MemTotal); unknown: no memory bound. */
  memTotal?: number;
  /** Memory limits of the containers running there that are not this stack's, in bytes. */
  reservedMemory?: number;
  /** Every container on the engine, of any stack, in any state. */
  containers?: number;
  /** This stack's containers on the engine now. */
  stackContainers?: number;
}

/** Everything placement decides from. */
export interface PlacementInput {
  strategy: PlacementStrategy;
  resources: readonly PlacementRequest[];
  /** The pool's members, in name order. */
  pool: readonly EngineFacts[];
  /** Resource name → the endpoint its container runs on now (from observe), wherever that is. */
  current?: Readonly<Record<string, string>>;
}

/** Where one resource goes and why. */
export interface PlacementDecision {
  endpoint: string;
  /** Why there, in words that do not change from run to run (the plan shows them). */
  reason: string;
  /** The figures behind the choice, for the log and the summary. */
  detail?: string;
  /** Set when its container runs elsewhere now: where, and why it has to move. */
  moved?: { from: string; why: string };
}

/** A resource placement cannot place, and why (the shortfall, or the rule nothing satisfies). */
export interface PlacementProblem {
  resource: string;
  message: string;
}

/** placePool's answer: every resource's decision, or every problem. */
export type PlacementOutcome =
  | { ok: true; decisions: Map<string, PlacementDecision> }
  | { ok: false; problems: PlacementProblem[] };
