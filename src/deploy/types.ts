/** Shapes shared by observe → plan → execute → report. */
import type { EndpointTarget } from '../spec/types.js';

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
}

export type PlanAction = 'create' | 'replace' | 'start' | 'unchanged' | 'remove';

/** One operation of the plan, with its causes. */
export interface PlanStep {
  resource: string;
  endpoint: string;
  action: PlanAction;
  /** Human causes, e.g. `env changed`, `image changed`, `container exited`, `left the template`. */
  reasons: string[];
  desired?: DesiredContainer;
  observed?: ObservedContainer;
  /** Resources whose steps must finish first. */
  dependsOn: string[];
}

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
}

/** What a plan/deploy/destroy run hands to the report stage. */
export interface DeployReport {
  result: 'success' | 'failure';
  changed: boolean;
  resources: Record<string, ResourceReport>;
  outputs: Record<string, unknown>;
  plan: PlanOutputEntry[];
  /** The failure, already free of secrets, when result is failure. */
  error?: string;
  /** Warnings for the log and the summary (e.g. plain TCP to a non-loopback host). */
  warnings: string[];
  /** Resources restored by rollback, when a deploy failed. */
  rolledBack: string[];
}

/** Progress sink: the action maps it to core.info/warning, the CLI to stderr lines. */
export interface DeployLog {
  info(message: string): void;
  warning(message: string): void;
  /** Per-resource progress: `web: creating`, `web: pulling 40%`. */
  progress(resource: string, message: string): void;
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
