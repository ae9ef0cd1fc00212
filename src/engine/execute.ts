/**
 * Carries out a plan: walks the PlanStep DAG (parallel.ts) and performs each step's action. It
 * decides nothing: what to do comes from the plan, how to do it safely from safe-replace.ts.
 * With rollback, old containers stay aside until the whole run succeeded; a failure anywhere puts
 * every one of them back and removes what the run created.
 */
import type { DockerApi } from './docker-api.js';
import type { PullPolicy, RegistryCredentials } from '../settings.js';
import { ensureImage } from './images.js';
import { createLimiter, walkDag, type DagNode } from './parallel.js';
import {
  createAndStart, putAside, removeQuietly, restoreAside, safeReplace, stopQuietly, type AsideContainer, type Gate,
} from './safe-replace.js';
import { waitUntilRunning } from './wait.js';
import type { DeployLog, DesiredContainer, PlanAction, PlanStep } from '../deploy/types.js';
import { LABEL_DELETION_POLICY, LABEL_STACK } from '../spec/labels.js';

/** What one finished step left behind. */
export interface StepOutcome {
  resource: string;
  endpoint: string;
  action: PlanAction;
  /** The resource's container after the step (undefined after a remove). */
  containerId?: string;
  /** True when a remove was skipped because of deletion_policy Retain. */
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
  rollback: boolean;
  pull: PullPolicy;
  registryAuth: Record<string, RegistryCredentials>;
  log: DeployLog;
  /** Seconds `docker stop` grants (default: the container's own, else docker's 10). */
  stopTimeoutSeconds?: number;
  /** Stable period a new container must stay up, ms. */
  stableMs?: number;
  /**
   * Called for every create, replace, start and unchanged step once the steps it depends on are
   * done, to complete runtime references against the containers this run made (a new address, a
   * new id). Returns the step to carry out: the same one, or the planner's new verdict for it.
   */
  finalize?: (step: PlanStep, outcomes: ReadonlyMap<string, StepOutcome>) => Promise<PlanStep>;
}

/** How the run went. */
export interface ExecuteResult {
  /** Resource → outcome of its (last) step. */
  outcomes: Map<string, StepOutcome>;
  /** The first failure's message, when any. */
  error?: string;
  /** Resources whose previous containers were brought back (or whose new ones were removed). */
  rolledBack: string[];
  /** True when anything changed on an endpoint and stayed changed. */
  changed: boolean;
  /** The steps as carried out (finalize may have turned an `unchanged` into a `replace`), plan order. */
  steps: PlanStep[];
}

/** An undo record: what a done step changed, and how to take it back. */
type Undo =
  | { kind: 'created'; resource: string; endpoint: string; id: string }
  | { kind: 'aside'; resource: string; endpoint: string; aside: AsideContainer; replacementId?: string }
  | { kind: 'started'; resource: string; endpoint: string; id: string };

interface Node extends DagNode {
  step: PlanStep;
}

/** Walks the plan. Never throws for a failed step: the result carries the error. */
export async function executePlan(steps: readonly PlanStep[], ctx: ExecuteContext): Promise<ExecuteResult> {
  const outcomes = new Map<string, StepOutcome>();
  const undo: Undo[] = [];
  let changed = false;
  let failedReplaceRestored: string | undefined;
  const building = new Set(steps.filter((s) => s.action !== 'remove').map((s) => s.resource));
  const nodes: Node[] = steps.map((step, i) => {
    const isRemove = step.action === 'remove';
    return {
      id: `${i}:${step.endpoint}:${step.resource}:${step.action}`,
      // A removal of a resource that is also being built elsewhere (moved, duplicate) waits for it:
      // the old container goes only once the new one stands.
      key: isRemove ? `remove:${step.resource}` : step.resource,
      dependsOn: isRemove ? removeDeps(step, building) : step.dependsOn,
      lane: step.endpoint,
      step,
    };
  });

  const engine = (name: string): DockerApi => {
    const e = ctx.engines.get(name);
    if (!e) throw new Error(`no connection to endpoint '${name}'`);
    return e;
  };
  // max-parallel bounds Docker operations per endpoint; a container proving itself holds no slot.
  const gates = new Map<string, Gate>();
  const gateOf = (endpoint: string): Gate => {
    let g = gates.get(endpoint);
    if (!g) gates.set(endpoint, (g = createLimiter(ctx.maxParallel)));
    return g;
  };
  const optsFor = (endpoint: string) => ({
    stackName: ctx.stackName,
    waitTimeout: ctx.waitTimeout,
    stopTimeoutSeconds: ctx.stopTimeoutSeconds,
    stableMs: ctx.stableMs,
    log: ctx.log,
    gate: gateOf(endpoint),
  });

  const finalSteps = nodes.map((n) => n.step);
  const runStep = async (node: Node): Promise<void> => {
    let step = node.step;
    if (step.action !== 'remove' && ctx.finalize) {
      step = await ctx.finalize(step, outcomes);
      if (step.action !== node.step.action) ctx.log.progress(step.resource, `now ${step.action}: ${step.reasons.join(', ')}`);
      finalSteps[nodes.indexOf(node)] = step;
    }
    const started = Date.now();
    const docker = engine(step.endpoint);
    const opts = optsFor(step.endpoint);
    const gate = opts.gate;
    const done = (extra: Partial<StepOutcome>): void => {
      // The removal of a moved or duplicate container must not hide the resource's new container.
      if (step.action === 'remove' && building.has(step.resource)) return;
      outcomes.set(step.resource, {
        resource: step.resource,
        endpoint: step.endpoint,
        action: step.action,
        seconds: Math.round((Date.now() - started) / 100) / 10,
        ...extra,
      });
    };
    const why = step.reasons.length ? ` (${step.reasons.join(', ')})` : '';
    switch (step.action) {
      case 'unchanged':
        done({ containerId: step.observed?.id });
        return;
      case 'create': {
        const desired = desiredOf(step);
        await gate(() =>
          ensureImage(docker, desired.image, ctx.pull === 'never' ? 'never' : 'missing', ctx.registryAuth, ctx.log, {
            endpoint: step.endpoint,
            resource: step.resource,
          }),
        );
        const made = await createAndStart(docker, desired, opts);
        if (!made.adopted) {
          changed = true;
          undo.push({ kind: 'created', resource: step.resource, endpoint: step.endpoint, id: made.id });
        }
        done({ containerId: made.id });
        ctx.log.progress(step.resource, `created, running (${made.id.slice(0, 12)})`);
        return;
      }
      case 'replace': {
        const observed = mustObserved(step, ctx.stackName);
        const desired = desiredOf(step);
        ctx.log.progress(step.resource, `replacing '${observed.name}'${why}`);
        await gate(() =>
          ensureImage(docker, desired.image, ctx.pull === 'never' ? 'never' : 'missing', ctx.registryAuth, ctx.log, {
            endpoint: step.endpoint,
            resource: step.resource,
          }),
        );
        try {
          const made = await safeReplace(docker, observed, desired, { ...opts, keepAside: ctx.rollback });
          changed = true;
          if (made.aside) undo.push({ kind: 'aside', resource: step.resource, endpoint: step.endpoint, aside: made.aside, replacementId: made.id });
          done({ containerId: made.id });
          ctx.log.progress(step.resource, `replaced, running (${made.id.slice(0, 12)})`);
        } catch (err) {
          failedReplaceRestored = step.resource;
          throw err;
        }
        return;
      }
      case 'start': {
        const observed = mustObserved(step, ctx.stackName);
        ctx.log.progress(step.resource, `starting '${observed.name}'${why}`);
        await gate(async () => {
          try {
            await docker.startContainer(observed.id);
          } catch (err) {
            if ((err as { statusCode?: number }).statusCode !== 304) throw err;
          }
        });
        changed = true;
        undo.push({ kind: 'started', resource: step.resource, endpoint: step.endpoint, id: observed.id });
        await waitUntilRunning(docker, observed.id, {
          resource: step.resource,
          endpoint: step.endpoint,
          timeoutSeconds: ctx.waitTimeout,
          stableMs: ctx.stableMs,
        });
        done({ containerId: observed.id });
        ctx.log.progress(step.resource, 'started, running');
        return;
      }
      case 'remove': {
        const observed = mustObserved(step, ctx.stackName);
        const policy = step.desired?.deletionPolicy ?? observed.labels[LABEL_DELETION_POLICY];
        if (policy === 'Retain') {
          ctx.log.progress(step.resource, `kept '${observed.name}' (deletion_policy Retain)`);
          done({ containerId: observed.id, retained: true });
          return;
        }
        ctx.log.progress(step.resource, `removing '${observed.name}'${why}`);
        if (ctx.rollback) {
          // Kept aside (stopped, renamed) until the run succeeds: a rollback can bring it back.
          const aside = await gate(() => putAside(docker, observed, opts));
          undo.push({ kind: 'aside', resource: step.resource, endpoint: step.endpoint, aside });
        } else {
          await gate(async () => {
            await stopQuietly(docker, observed.id, ctx.stopTimeoutSeconds);
            await removeQuietly(docker, observed.id);
          });
        }
        changed = true;
        done({});
        ctx.log.progress(step.resource, 'removed');
        return;
      }
    }
  };

  // Steps in flight may exceed max-parallel (most of them waiting); bounded all the same, so the
  // polling of many waiting containers cannot swamp an endpoint.
  const walk = await walkDag(nodes, runStep, { limitPerLane: ctx.maxParallel * 4, stopOnError: true });
  const rolledBack: string[] = [];
  if (walk.failed.length === 0) {
    // Success: the containers kept aside are no longer needed.
    for (const u of undo) if (u.kind === 'aside') await removeQuietly(engine(u.endpoint), u.aside.id).catch(() => undefined);
    return { outcomes, rolledBack, changed, steps: finalSteps };
  }
  const errors = walk.failed.map((f) => (f.error instanceof Error ? f.error.message : String(f.error)));
  let error = errors.join('\n');
  if (failedReplaceRestored) rolledBack.push(failedReplaceRestored);
  if (ctx.rollback && undo.length > 0) {
    ctx.log.warning(`deploy failed: rolling back ${undo.length} change(s)`);
    const problems: string[] = [];
    for (const u of [...undo].reverse()) {
      try {
        await undoOne(engine(u.endpoint), u, ctx);
        if (!rolledBack.includes(u.resource)) rolledBack.push(u.resource);
        ctx.log.progress(u.resource, 'rolled back');
        outcomes.delete(u.resource);
      } catch (err) {
        problems.push(`rolling back '${u.resource}' failed: ${(err as Error).message}`);
      }
    }
    if (problems.length) error += '\n' + problems.join('\n');
    changed = problems.length > 0;
  }
  return { outcomes, error, rolledBack, changed, steps: finalSteps };
}

/** A removal's dependencies: resources being built wait as such, others as their own removals (destroy order). */
function removeDeps(step: PlanStep, building: ReadonlySet<string>): string[] {
  const deps = step.dependsOn.map((d) => (building.has(d) ? d : `remove:${d}`));
  return building.has(step.resource) ? [...deps, step.resource] : deps;
}

async function undoOne(docker: DockerApi, u: Undo, ctx: ExecuteContext): Promise<void> {
  if (u.kind === 'created') await removeQuietly(docker, u.id);
  else if (u.kind === 'started') await stopQuietly(docker, u.id, ctx.stopTimeoutSeconds);
  else await restoreAside(docker, u.aside, u.replacementId);
}

function desiredOf(step: PlanStep): DesiredContainer {
  if (!step.desired) throw new Error(`plan step ${step.action} '${step.resource}' has no desired container`);
  return step.desired;
}

/** The observed container of a step, refusing one without this stack's label. */
function mustObserved(step: PlanStep, stackName: string): NonNullable<PlanStep['observed']> {
  const o = step.observed;
  if (!o) throw new Error(`plan step ${step.action} '${step.resource}' has no observed container`);
  if (o.labels[LABEL_STACK] !== stackName) {
    throw new Error(`container '${o.name}' on endpoint '${o.endpoint}' does not carry the label ${LABEL_STACK}=${stackName}; hotdock leaves it alone`);
  }
  return o;
}
