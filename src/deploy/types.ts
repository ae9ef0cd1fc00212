/** Shapes shared by observe → plan → execute → report. */
import type { EndpointTarget } from '../spec/types.js';
import type { PlacementDecision } from '../spec/placement-types.js';
import type { PlanHashEntry } from './plan-hash.js';

/**
 * What a container of the stack is, as observe recognises it: `live` (it holds, or is meant to hold,
 * its resource's name) or `aside` (an old container a replace or removal stopped and renamed aside;
 * only an interrupted run leaves one behind).
 */
export type ContainerRole = 'live' | 'aside';

/** A container of the stack as found on an endpoint (from list + inspect). */
export interface ObservedContainer {
  /** `live` unless observe recognised an aside container (absent: live). */
  role?: ContainerRole;
  /** For an aside container: the name it had, to get back. */
  asideOf?: string;
  /** The run that created the container, or that put it aside, when known (LABEL_RUN, aside name). */
  run?: string;
  endpoint: string;
  id: string;
  /** Without the leading '/'. */
  name: string;
  resource: string;
  configHash: string;
  /** Docker's State.Status: running, exited, created, paused, restarting, dead. */
  state: string;
  image: string;
  imageId: string;
  labels: Record<string, string>;
  /**
   * Host ports it holds while running, `hostIp:port/proto` (from the list's Ports): a leftover that
   * holds a port the plan needs must go before the container that binds it starts.
   */
  hostPorts?: string[];
  /** Its own spec, read when the plan may replace it: what the field-level plan compares against. */
  spec?: ObservedSpec;
}

/** A container's spec as inspect shows it, for the field-level plan (field-diff.ts). */
export interface ObservedSpec {
  /** Config's keys with HostConfig beside them: the create body's shape. */
  body: Record<string, unknown>;
  /** Its image's Config (Env, Labels, ExposedPorts, Cmd): defaults that are not the container's own. */
  image?: Record<string, unknown>;
}

/** One field a replace changes: `env` `GREETING=hello` → `GREETING=bonjour`; undefined: unset. */
export interface FieldChange {
  /** The template's name of the field (hash.ts): image, env, ports, cmd, memory, labels, … */
  field: string;
  old?: string;
  new?: string;
}

/** What a resource should be, ready for the Engine API. */
export interface DesiredContainer {
  resource: string;
  endpoint: EndpointTarget;
  /** Container name: the `name` property, else `<stack>-<resource>`. */
  name: string;
  /** Engine API create body (Config + HostConfig), labels included. */
  body: Record<string, unknown>;
  /** `v1:<sha256>` of the normalised desired spec. */
  configHash: string;
  /** Image reference as written (after resolution). */
  image: string;
  /** Local image id after the pull policy ran, when known: a moved tag shows here. */
  imageId?: string;
  dependsOn: string[];
  deletionPolicy: 'Delete' | 'Retain';
  /**
   * Why it goes to its endpoint, when placement chose it from a pool: `reason` (shown on a create),
   * `movedBecause` (shown on a move, e.g. `endpoint h2 left the pool`).
   */
  placement?: { reason: string; movedBecause?: string };
  /**
   * Other resources whose container its properties read at deploy time (get_resource, get_attr).
   * When the run creates or replaces one of them, the plan binds these values late (a `bind` node).
   */
  reads?: RuntimeRef[];
}

/** A reference a value makes to another resource's container at deploy time. */
export interface RuntimeRef {
  resource: string;
  /** The attribute for get_attr; undefined for get_resource. */
  attr?: string;
}

export type PlanAction = 'create' | 'replace' | 'start' | 'unchanged' | 'remove';

/**
 * The type of one plan operation. `create`, `move` (a create on the resource's new endpoint while
 * its old container elsewhere is removed after it; shown as a replace), `replace`, `start`,
 * `unchanged`, `remove` and `retain` (a removal that deletion_policy Retain turns into keeping)
 * converge a resource; the repair types
 * deal with what an interrupted run left: `prove` a live container it left unproven, `discard-aside`
 * an old container it put aside, `restore-aside` one back under its name. `bind` completes the
 * deploy-time properties of a resource against a container this run creates or replaces.
 */
export type PlanNodeType =
  | 'create'
  | 'move'
  | 'replace'
  | 'start'
  | 'unchanged'
  | 'remove'
  | 'retain'
  | 'restore-aside'
  | 'discard-aside'
  | 'prove'
  | 'bind';

/** One operation of the plan: a node of the DAG, with its causes and the data the executor needs. */
export interface PlanNode {
  /** 1-based, in the plan's printed order (dependencies first). */
  id: number;
  type: PlanNodeType;
  resource: string;
  /** Endpoint display name. */
  endpoint: string;
  /** Human causes, e.g. `env changed`, `container exited`, `left the template`, `repair: …`. */
  reasons: string[];
  /** create, replace, start, unchanged, bind: the container wanted (bind: its provisional form). */
  desired?: DesiredContainer;
  /** replace, start, unchanged, remove, retain, prove, discard-aside, restore-aside: the container found. */
  observed?: ObservedContainer;
  /** remove: keep the old container aside until the run succeeded (rollback), else remove it for good. */
  keepAside?: boolean;
  /** bind: the references to complete against the containers this run made. */
  reads?: RuntimeRef[];
  /** Ids of the nodes that must be done first. */
  dependsOn: number[];
  /** create, replace: what changes, field by field, hidden values masked (field-diff.ts). */
  changes?: FieldChange[];
}

/** A plan node as the report prints it: what, where, why and after which nodes (no container data). */
export type PlanLine = Pick<PlanNode, 'id' | 'type' | 'resource' | 'endpoint' | 'reasons' | 'dependsOn' | 'changes'>;

/** Why a run failed, for the `failure-reason` output (empty on success). */
export type FailureReason =
  | 'template-invalid'
  | 'endpoint-unreachable'
  | 'lock-held'
  | 'image-unavailable'
  | 'health-failed'
  | 'rolled-back'
  | 'plan-changed'
  | 'plan-not-reviewed'
  | 'cancelled'
  | 'internal';

/** The `plan` output's entries. */
export interface PlanOutputEntry {
  resource: string;
  endpoint: string;
  action: PlanAction;
  reasons: string[];
}

/** One entry of the `resources` output. */
export interface ResourceReport {
  endpoint: string;
  container_id: string;
  container_name: string;
  image: string;
  image_id: string;
  action: PlanAction;
  state: string;
  /** `hostIp:hostPort->containerPort/proto` strings. */
  ports: string[];
  /** Seconds the resource's operation took. */
  seconds?: number;
  /** The container's health check status (healthy, unhealthy, starting), when it has one. */
  health?: string;
}

/** What a plan/deploy/destroy run hands to the report stage. */
export interface DeployReport {
  result: 'success' | 'failure';
  changed: boolean;
  resources: Record<string, ResourceReport>;
  outputs: Record<string, unknown>;
  plan: PlanOutputEntry[];
  /** The plan's nodes with their edges, so the summary and the CLI print the same graph as the log. */
  planGraph?: PlanLine[];
  /** The normalised plan (plan-hash.ts), once planned: what the `plan-hash` output hashes. */
  planEntries?: PlanHashEntry[];
  /** The failure, already free of secrets, when result is failure. */
  error?: string;
  /** Warnings for the log and the summary (e.g. plain TCP to a non-loopback host). */
  warnings: string[];
  /** Resources restored by rollback, when a deploy failed. */
  rolledBack: string[];
  /** True when the run was cancelled (RunOptions.signal aborted). */
  cancelled?: boolean;
  /** Pool placement: where each resource went and why (only when resources were placed on a pool). */
  placement?: Record<string, PlacementDecision>;
  /** Why it failed (failure-reason.ts), when result is failure. */
  failureReason?: FailureReason;
  /** Seconds the run took, connect to report. */
  seconds?: number;
  /** The stack's lock holder on each endpoint this run locked: `run <id>`. */
  lockHolder?: string;
  /** The operations that failed, each with its cause and the failing container's last log lines. */
  failures?: RunFailure[];
}

/** One failed operation of a run, as the summary shows it. */
export interface RunFailure {
  resource: string;
  endpoint: string;
  /** The cause, without the log tail. */
  message: string;
  /** The failing container's last log lines, when it wrote any. */
  logTail?: string;
}

/** Progress sink: the action maps it to core.info/warning, the CLI to stderr lines. */
export interface DeployLog {
  info(message: string): void;
  warning(message: string): void;
  /** Per-resource progress: `web: creating`, `web: pulling 40%`. */
  progress(resource: string, message: string): void;
  /** A new phase of the run begins (a collapsible group in the workflow log); undefined ends the last. */
  phase?(title: string | undefined): void;
}

/** An old container kept aside by a replace or removal, to restore or discard later. */
export interface AsideRecord {
  id: string;
  endpoint: string;
  resource: string;
  /** The name it had, to get back. */
  originalName: string;
  /** The name it has while aside. */
  asideName: string;
  /** Start it again on restore only if it was running. */
  wasRunning: boolean;
  /** Its restart policy, disabled while aside (an engine restart must not revive it), restored with it. */
  restartPolicy?: { Name: string; MaximumRetryCount?: number };
}

/**
 * One entry of the rollback journal: what a done operation changed on an endpoint, and so how to
 * take it back. The executor keeps it in memory for rollback; the action also saves it as step state
 * so that the post step can repair what a killed main step left.
 */
export type JournalEntry =
  | { kind: 'created'; resource: string; endpoint: string; id: string }
  | { kind: 'aside'; resource: string; endpoint: string; aside: AsideRecord; replacementId?: string }
  | { kind: 'started'; resource: string; endpoint: string; id: string };
