/**
 * Carries out a plan: walks the DAG of typed operations (parallel.ts) and, per node, makes the one
 * sequence of Engine calls its type stands for, through the safe-replace primitives. It decides
 * nothing: what to do, in which order, and whether an old container is kept aside, all come from the
 * plan. Every change is written to the rollback journal; when the run fails, is cancelled or loses
 * its lock, the journal is undone in reverse. With rollback, old containers stay aside until the
 * whole run succeeded.
 */
import type { DockerApi } from './docker-api.js';
import { loadSources } from './attributes.js';
import { fencedApi } from './docker-api.js';
import { commit, Journal, rollBack } from './journal.js';
import { abortable, asideRecordOf, CANCELLED, mustDesired, mustObserved, startOrAlready, withCreated } from './operation-parts.js';
import { createLimiter, walkDag, type DagNode } from './parallel.js';
import { createAndStart, putAside, removeQuietly, restoreAside, restorePolicy, stopQuietly, type Gate } from './safe-replace.js';
import { waitUntilRunning } from './wait.js';
import type { ExecuteContext, ExecuteResult, StepOutcome } from './execute-types.js';
import { actionOf } from '../deploy/plan.js';
import type { AsideRecord, DesiredContainer, JournalEntry, PlanNode } from '../deploy/types.js';

export type { ExecuteContext, ExecuteResult, StepOutcome } from './execute-types.js';

/** Outcome precedence: a resource's own node wins over a removal, a removal over a repair. */
const RANK: Partial<Record<PlanNode['type'], number>> = { create: 3, move: 3, replace: 3, start: 3, unchanged: 3, remove: 2, retain: 2 };

interface WalkNode extends DagNode {
  node: PlanNode;
}

/** Walks the plan. Never throws: the result carries the error. */
export async function executePlan(plan: readonly PlanNode[], ctx: ExecuteContext): Promise<ExecuteResult> {
  const journal = new Journal(ctx.onJournal);
  const outcomes = new Map<string, StepOutcome & { rank: number }>();
  const rolledBack = new Set<string>();
  /** Where each resource's container is now (bind reads it). */
  const located = new Map<string, { endpoint: string; id: string }>();
  const bound = new Map<string, DesiredContainer>();
  let changedForGood = false;
  let fenced = false;
  for (const n of plan) if (n.observed && RANK[n.type] === 3) located.set(n.resource, { endpoint: n.endpoint, id: n.observed.id });

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
  /** The lock's fence; once it threw, the run is fenced for good (rollback then narrows). */
  const fence = (): void => {
    try {
      ctx.fence?.();
    } catch (err) {
      fenced = true;
      throw err;
    }
  };
  // Forward operations go through the fence call by call (inside the primitives too); undo goes
  // straight to the engine: it only touches what this run made or put aside.
  const forward = new Map<string, DockerApi>();
  const fencedEngine = (name: string): DockerApi => {
    let f = forward.get(name);
    if (!f) forward.set(name, (f = fencedApi(engine(name), fence)));
    return f;
  };
  /** Before every operation's first mutating call: not cancelled, still holding the lock. */
  const guard = (): void => {
    if (ctx.signal?.aborted) throw new Error(CANCELLED);
    fence();
  };
  const startOpts = (endpoint: string) => ({
    stackName: ctx.stackName,
    waitTimeout: ctx.waitTimeout,
    stopTimeoutSeconds: ctx.stopTimeoutSeconds,
    stableSeconds: ctx.stableSeconds,
    runId: ctx.runId,
    signal: ctx.signal,
    log: ctx.log,
    gate: gateOf(endpoint),
  });
  const waitOpts = (n: PlanNode) => ({
    resource: n.resource,
    endpoint: n.endpoint,
    timeoutSeconds: ctx.waitTimeout,
    stableSeconds: ctx.stableSeconds,
    signal: ctx.signal,
  });

  const runNode = async (n: PlanNode): Promise<void> => {
    if (ctx.signal?.aborted) throw new Error(CANCELLED);
    const started = Date.now();
    const docker = fencedEngine(n.endpoint);
    const opts = startOpts(n.endpoint);
    const gate = opts.gate;
    const done = (containerId: string | undefined, extra: Partial<StepOutcome> = {}): void => {
      const rank = RANK[n.type] ?? 1;
      const prev = outcomes.get(n.resource);
      if (containerId && rank === 3) located.set(n.resource, { endpoint: n.endpoint, id: containerId });
      if (prev && prev.rank > rank) return;
      const seconds = Math.round((Date.now() - started) / 100) / 10;
      outcomes.set(n.resource, { resource: n.resource, endpoint: n.endpoint, action: actionOf(n.type) ?? 'unchanged', containerId, seconds, rank, ...extra });
    };
    const why = n.reasons.length ? ` (${n.reasons.join(', ')})` : '';
    // The operation's time, on its last log line: a slow one stands out in the log.
    const took = (): string => `in ${Math.round((Date.now() - started) / 100) / 10} s`;
    switch (n.type) {
      case 'unchanged':
        done(n.observed?.id);
        return;
      case 'retain': {
        const o = mustObserved(n, ctx.stackName);
        ctx.log.progress(n.resource, `kept '${o.name}' (deletion_policy Retain)`);
        done(o.id, { retained: true });
        return;
      }
      case 'bind': {
        const reads = n.reads ?? [];
        if (!ctx.bind) throw new Error(`resource '${n.resource}': the plan binds values late, but the executor was given no binder`);
        const sources = await loadSources(reads, (name) => {
          const at = located.get(name);
          const d = at && ctx.engines.get(at.endpoint);
          return at && d ? { docker: d, id: at.id } : undefined;
        });
        bound.set(n.resource, ctx.bind(n, sources));
        return;
      }
      // A move is a create here: its old container elsewhere has its own remove node after this one.
      case 'move':
      case 'create': {
        const desired = bound.get(n.resource) ?? mustDesired(n);
        guard();
        // Journaled as soon as it exists (onCreated), not only once proven: a killed run's post step must see it.
        let entry: JournalEntry | undefined;
        const onCreated = (id: string): void => {
          entry ??= journal.add({ kind: 'created', resource: n.resource, endpoint: n.endpoint, id });
        };
        const made = await createAndStart(docker, desired, withCreated(opts, onCreated));
        if (!made.adopted) onCreated(made.id);
        done(made.id);
        ctx.log.progress(n.resource, `created, running (${made.id.slice(0, 12)}) ${took()}`);
        return;
      }
      case 'replace': {
        const observed = mustObserved(n, ctx.stackName);
        const desired = bound.get(n.resource) ?? mustDesired(n);
        ctx.log.progress(n.resource, `replacing '${observed.name}'${why}`);
        guard();
        const aside: AsideRecord = await gate(() => putAside(docker, observed, opts));
        let entry = journal.add({ kind: 'aside', resource: n.resource, endpoint: n.endpoint, aside });
        const onCreated = (replacementId: string): void => {
          entry = journal.update(entry, { kind: 'aside', resource: n.resource, endpoint: n.endpoint, aside, replacementId });
        };
        let id: string;
        try {
          guard();
          id = (await createAndStart(docker, desired, withCreated(opts, onCreated))).id;
        } catch (err) {
          // The new one failed: the old one serves again at once, whatever the rest of the run does.
          ctx.log.progress(n.resource, `new container failed: restoring '${aside.originalName}'`);
          try {
            await gate(() => restoreAside(engine(n.endpoint), aside));
            journal.drop(entry);
            rolledBack.add(n.resource);
          } catch (restoreErr) {
            throw new Error(`${(err as Error).message}\nrestoring the old container '${aside.originalName}' (now '${aside.asideName}') also failed: ${(restoreErr as Error).message}`, { cause: restoreErr });
          }
          throw err;
        }
        onCreated(id);
        if (!ctx.rollback) {
          // No rollback: the old one is not kept for it.
          guard();
          await gate(() => removeQuietly(docker, aside.id));
          // Nothing left to bring back: the change is for good (a cancel must not remove the new one).
          journal.drop(entry);
          changedForGood = true;
        }
        done(id);
        ctx.log.progress(n.resource, `replaced, running (${id.slice(0, 12)}) ${took()}`);
        return;
      }
      case 'start': {
        const observed = mustObserved(n, ctx.stackName);
        ctx.log.progress(n.resource, `starting '${observed.name}'${why}`);
        guard();
        const policy = (n.desired?.body.HostConfig as { RestartPolicy?: { Name?: string; MaximumRetryCount?: number } } | undefined)?.RestartPolicy;
        if (await gate(() => restorePolicy(docker, observed.id, policy))) ctx.log.progress(n.resource, `restart policy '${policy?.Name || 'no'}' restored`);
        await gate(() => startOrAlready(docker, observed.id));
        journal.add({ kind: 'started', resource: n.resource, endpoint: n.endpoint, id: observed.id });
        await abortable(waitUntilRunning(docker, observed.id, waitOpts(n)), ctx.signal);
        done(observed.id);
        ctx.log.progress(n.resource, `started, running ${took()}`);
        return;
      }
      case 'remove': {
        const observed = mustObserved(n, ctx.stackName);
        ctx.log.progress(n.resource, `removing '${observed.name}'${why}`);
        guard();
        if (n.keepAside) {
          // Kept aside (stopped, renamed) until the run succeeds: a rollback can bring it back.
          const aside = await gate(() => putAside(docker, observed, opts));
          journal.add({ kind: 'aside', resource: n.resource, endpoint: n.endpoint, aside });
        } else {
          await gate(async () => {
            await stopQuietly(docker, observed.id, ctx.stopTimeoutSeconds);
            guard();
            await removeQuietly(docker, observed.id);
          });
          changedForGood = true;
        }
        done(undefined);
        ctx.log.progress(n.resource, `removed ${took()}`);
        return;
      }
      case 'prove': {
        const observed = mustObserved(n, ctx.stackName);
        ctx.log.progress(n.resource, `proving '${observed.name}'${why}`);
        await abortable(waitUntilRunning(docker, observed.id, waitOpts(n)), ctx.signal);
        done(observed.id);
        ctx.log.progress(n.resource, `proven ${took()}`);
        return;
      }
      case 'discard-aside': {
        const observed = mustObserved(n, ctx.stackName);
        ctx.log.progress(n.resource, `discarding '${observed.name}'${why}`);
        guard();
        await gate(() => removeQuietly(docker, observed.id));
        changedForGood = true;
        done(undefined);
        ctx.log.progress(n.resource, `discarded ${took()}`);
        return;
      }
      case 'restore-aside': {
        const observed = mustObserved(n, ctx.stackName);
        ctx.log.progress(n.resource, `restoring '${observed.name}'${why}`);
        guard();
        await gate(() => restoreAside(docker, asideRecordOf(n, observed)));
        changedForGood = true;
        done(observed.id);
        located.set(n.resource, { endpoint: n.endpoint, id: observed.id });
        ctx.log.progress(n.resource, `restored ${took()}`);
        return;
      }
    }
  };

  const nodes: WalkNode[] = plan.map((node) => ({
    id: String(node.id),
    key: String(node.id),
    dependsOn: node.dependsOn.map(String),
    lane: node.endpoint,
    node,
  }));
  // Operations in flight may exceed max-parallel (most of them waiting); bounded all the same, so the
  // polling of many waiting containers cannot swamp an endpoint.
  const walk = await walkDag(nodes, (w) => runNode(w.node), { limitPerLane: ctx.maxParallel * 4, stopOnError: true, signal: ctx.signal });
  const cancelled = ctx.signal?.aborted ?? false;
  const result = (error: string | undefined, changed: boolean, settled = true): ExecuteResult => {
    // Entries a rollback could not undo stay published: a post step may yet undo them.
    if (settled) journal.settle();
    const plain = new Map([...outcomes].map(([k, { rank: _rank, ...o }]) => (void _rank, [k, o])));
    const failures = walk.failed.map((f) => {
      const n = plan.find((p) => String(p.id) === f.id);
      return { resource: n?.resource ?? '', endpoint: n?.endpoint ?? '', error: f.error };
    });
    return { outcomes: plain, error, rolledBack: [...rolledBack], changed, cancelled, done: walk.done.map(Number), failures };
  };

  if (walk.failed.length === 0 && !cancelled) return result(await commit(journal, engine, guard), journal.entries.length > 0 || changedForGood);

  const errors = walk.failed.map((f) => (f.error instanceof Error ? f.error.message : String(f.error)));
  if (cancelled && !errors.includes(CANCELLED)) errors.unshift(CANCELLED);
  const error = [...new Set(errors)].join('\n');
  if (!ctx.rollback && !cancelled) return result(error, journal.entries.length > 0 || changedForGood);
  if (journal.entries.length > 0) ctx.log.warning(`${cancelled ? 'cancelled' : 'deploy failed'}: rolling back ${journal.entries.length} change(s)`);
  const undone = await rollBack(journal, engine, ctx.log, { stopTimeoutSeconds: ctx.stopTimeoutSeconds, fenced });
  for (const r of undone.resources) {
    rolledBack.add(r);
    outcomes.delete(r);
  }
  const failed = undone.problems.length > 0;
  return result(failed ? `${error}\n${undone.problems.join('\n')}` : error, changedForGood || failed, !failed);
}
