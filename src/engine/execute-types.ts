/** The executor's contract: what executePlan needs and what it reports. */
import type { DockerApi } from './docker-api.js';
import type { AttributeSource } from './attributes.js';
import type { DeployLog, DesiredContainer, JournalEntry, PlanAction, PlanNode } from '../deploy/types.js';

/** What the operations of one resource left behind. */
export interface StepOutcome {
  resource: string;
  endpoint: string;
  action: PlanAction;
  /** The resource's container after the run (undefined once removed). */
  containerId?: string;
  /** True when a removal was a `retain` (deletion_policy Retain). */
  retained?: boolean;
  seconds: number;
}

/** What executePlan needs. */
export interface ExecuteContext {
  stackName: string;
  /** Endpoint display name → engine. */
  engines: ReadonlyMap<string, DockerApi>;
  waitTimeout: number;
  maxParallel: number;
  /** Undo the journal when the run fails (the `rollback` input). A cancelled run is always undone. */
  rollback: boolean;
  log: DeployLog;
  /** The run's id: labels what it creates and names what it puts aside. */
  runId: string;
  /** Seconds a new container must stay up with no restart before it counts as proven. */
  stableSeconds: number;
  /** Seconds `docker stop` grants (default: the container's own, else docker's 10). */
  stopTimeoutSeconds?: number;
  /** On abort: start no new operation, abort the waits, roll back; the error says cancelled. */
  signal?: AbortSignal;
  /**
   * Called before every mutating Engine call; when it throws (the lock is lost), nothing more is
   * mutated and rollback only removes what this run created and restores what it put aside.
   */
  fence?: () => void;
  /** The journal after every change, then [] once the run settled (committed or rolled back). */
  onJournal?: (entries: readonly JournalEntry[]) => void;
  /** bind nodes: the resource's desired container with its deploy-time values read from `sources`. */
  bind?: (node: PlanNode, sources: ReadonlyMap<string, AttributeSource>) => DesiredContainer;
}

/** How the run went. */
export interface ExecuteResult {
  /** Resource → outcome of its operations. */
  outcomes: Map<string, StepOutcome>;
  /** The first failures' messages, when any. */
  error?: string;
  /** Resources whose previous containers were brought back (or whose new ones were removed). */
  rolledBack: string[];
  /** True when anything changed on an endpoint and stayed changed. */
  changed: boolean;
  /** True when the run stopped because its signal aborted. */
  cancelled: boolean;
  /** Ids of the nodes carried out, in completion order. */
  done: number[];
  /** The operations that failed: their resource, endpoint and error (failure-reason, the summary). */
  failures?: { resource: string; endpoint: string; error: unknown }[];
}
