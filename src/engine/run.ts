/**
 * The deploy orchestration of one resolved stack: connect → lock → observe → plan → execute →
 * report, each phase a short function. Plan mode changes nothing anywhere (no lock, no pull);
 * every failure ends in a report, never in a throw.
 */
import { fencedApi } from './docker-api.js';
import type { Settings } from '../settings.js';
import type { ResolvedStack } from '../template/types.js';
import type { EndpointTarget } from '../spec/types.js';
import { connectEndpoints, type ConnectEndpointsOptions } from './connect.js';
import { plainTcpWarning, watchedEndpoints } from '../spec/endpoints.js';
import { placeResources } from '../spec/placement-pool.js';
import { placementInput } from './place-stack.js';
import { ensureImage } from './images.js';
import { registryAuthSecrets, scrubSecrets } from '../spec/registry-auth.js';
import { executePlan, type ExecuteResult } from './execute.js';
import { acquireLock, type LockHandle } from './lock.js';
import { planChanges, planLines, planToOutput } from '../deploy/plan.js';
import { formatPlan } from '../deploy/plan-text.js';
import { normalisePlan, type PlanHashEntry } from '../deploy/plan-hash.js';
import { reportOutputs, reportResources } from './run-report.js';
import { classifyFailure, type RunPhase } from './failure-reason.js';
import { runFailures } from './run-failures.js';
import { runSwarm, type SwarmManager } from './swarm/run-swarm.js';
import { isSwarmRollback } from './swarm/errors.js';
import type { DeployLog, DeployReport, JournalEntry, PlanNode } from '../deploy/types.js';
import { deployPlan, destroyPlan, observePhase, type Endpoints, type Held, type Planned } from './run-plan.js';

/** Knobs tests turn; the action and the CLI use the defaults. */
export interface RunOptions {
  /** Seconds `docker stop` grants (default: the container's own, else docker's 10). */
  stopTimeoutSeconds?: number;
  /** Connection timeout per endpoint, ms. */
  connectTimeoutMs?: number;
  /** Lock renewal TTL, seconds. */
  lockTtlSeconds?: number;
  /** Cancels the run: nothing new starts, what was changed is rolled back, the report says cancelled. */
  signal?: AbortSignal;
  /** The rollback journal after every change, and [] once the run settled. */
  onJournal?: (entries: readonly JournalEntry[]) => void;
  /** The lock containers this run holds, after every change (so a post step can release them). */
  onLocks?: (locks: { endpoint: string; id: string }[]) => void;
  /** Connects one endpoint (default client.ts connect): unit tests run the whole orchestration on the in-memory fake. */
  connect?: ConnectEndpointsOptions['connect'];
  /**
   * Called once the plan is known, before anything changes (deploy, destroy): a throw refuses the
   * plan and the run fails with nothing changed (the reviewed-plan check; a deployment's start).
   */
  beforeExecute?: (plan: readonly PlanHashEntry[]) => Promise<void>;
  /**
   * Asked once the plan is known and logged, before a deploy or destroy changes anything (only
   * when the plan changes something): false ends the run with nothing changed.
   */
  confirm?: (nodes: readonly PlanNode[]) => Promise<boolean>;
}

/** Runs settings.mode (`plan`, `deploy` or `destroy`) for a resolved stack. Never throws. */
export async function runStack(settings: Settings, stack: ResolvedStack, log: DeployLog, options: RunOptions = {}): Promise<DeployReport> {
  const report: DeployReport = { result: 'success', changed: false, resources: {}, outputs: {}, plan: [], warnings: [], rolledBack: [] };
  const held: Held = { connections: [], locks: [], refused: new Set() };
  const started = Date.now();
  // Where the run is, and what failed there: failure-reason.ts classifies from both.
  const at: { phase: RunPhase; errors: unknown[] } = { phase: 'connect', errors: [] };
  try {
    const mode = settings.mode;
    if (mode !== 'plan' && mode !== 'deploy' && mode !== 'destroy') throw new Error(`mode '${mode}' does not talk to Docker`);
    const live = (): void => {
      if (options.signal?.aborted) throw new Error('the run was cancelled');
    };
    log.phase?.('Connect');
    const endpoints = await connectPhase(settings, stack, log, report, options, held);
    live();
    at.phase = 'lock';
    if (mode !== 'plan') {
      log.phase?.('Lock');
      await lockPhase(endpoints, settings, stack, log, options, held);
    }
    if (held.locks.length) report.lockHolder = `run ${settings.runId}`;
    live();
    if (settings.target === 'swarm') {
      at.phase = 'execute';
      await runSwarm(swarmManager(endpoints), settings, stack, log, report, options.signal);
    } else {
      at.phase = 'observe';
      log.phase?.(mode === 'destroy' ? 'Observe and plan' : 'Observe, images and plan');
      const observed = await observePhase(endpoints, settings.stackName);
      const planned = mode === 'destroy' ? destroyPlan(stack, observed) : await deployPlan(endpoints, settings, stack, log, observed, at);
      report.plan = planToOutput(planned.nodes);
      if (planned.placement) report.placement = planned.placement;
      report.planGraph = planLines(planned.nodes);
      report.planEntries = normalisePlan(planned.nodes);
      log.info(formatPlan(planned.nodes));
      live();
      if (mode !== 'plan' && options.confirm && planChanges(planned.nodes) && !(await options.confirm(planned.nodes))) {
        throw new Error(`${mode} not confirmed: nothing was changed`);
      }
      if (mode !== 'plan') await options.beforeExecute?.(report.planEntries);
      at.phase = 'execute';
      if (mode !== 'plan') log.phase?.(mode === 'destroy' ? 'Destroy' : 'Deploy');
      const exec = mode === 'plan' ? undefined : await executePhase(endpoints, planned, settings, log, options, held);
      at.errors.push(...(exec?.failures ?? []).map((f) => f.error));
      report.failures = runFailures(exec?.failures ?? []);
      at.phase = 'report';
      log.phase?.('Report');
      await reportPhase(report, endpoints, planned, exec, stack, log);
      // Any rollback fails the run: what was asked for is not what runs.
      if (report.rolledBack.length && !report.error) report.error = `rolled back: ${report.rolledBack.join(', ')}`;
    }
    const refused = [...held.refused].filter((m) => !report.error?.includes(m));
    if (refused.length) report.error = [report.error, ...refused].filter(Boolean).join('\n');
  } catch (err) {
    report.error = err instanceof Error ? err.message : String(err);
    at.errors.push(err);
    if (options.signal?.aborted) report.cancelled = true;
    const holder = /is locked by run (\S+)/.exec(report.error)?.[1];
    if (holder) report.lockHolder = `run ${holder}`;
  } finally {
    log.phase?.('Release');
    const hadLocks = held.locks.length > 0;
    const kept = await release(held, log, (m) => scrubSecrets(m, secretsOf(settings, stack)));
    // A lock whose release failed is still held: a post step may yet release it.
    if (hadLocks) options.onLocks?.(kept);
  }
  if (report.error) {
    report.result = 'failure';
    report.error = scrubSecrets(report.error, secretsOf(settings, stack));
    const scrub = (t: string) => scrubSecrets(t, secretsOf(settings, stack));
    report.failures = report.failures?.map((f) => ({ ...f, message: scrub(f.message), ...(f.logTail ? { logTail: scrub(f.logTail) } : {}) }));
    report.failureReason = classifyFailure({ ...at, cancelled: Boolean(report.cancelled || options.signal?.aborted), rolledBack: report.rolledBack });
    // Swarm rolls a failed update back itself: its error text is the only trace of it.
    if (report.failureReason !== 'cancelled' && isSwarmRollback(report.error)) report.failureReason = 'rolled-back';
  }
  log.phase?.(undefined);
  report.seconds = Math.round((Date.now() - started) / 100) / 10;
  return report;
}

function secretsOf(settings: Settings, stack: ResolvedStack): string[] {
  const hidden = stack.hiddenParameters.map((p) => stack.parameters[p]).filter((v): v is string => typeof v === 'string');
  return [...registryAuthSecrets(settings.registryAuth), ...hidden];
}

/** Connect: every endpoint in play (every placed one, plus the default pool where prune finds leftovers). */
async function connectPhase(settings: Settings, stack: ResolvedStack, log: DeployLog, report: DeployReport, options: RunOptions, held: Held): Promise<Endpoints> {
  const strategy = settings.placement;
  // Only which endpoints are in play: the rules are judged once the engines are seen (destroy needs none).
  const first = placeResources(placementInput(stack).map(({ name, endpointRef }) => ({ name, endpointRef })), settings, { strategy });
  if ('error' in first) throw new Error(first.error);
  const targets = new Map<string, EndpointTarget>();
  // The pool's members and the entries taken out of it: the stack's containers there must be seen.
  for (const t of [...first.values(), ...watchedEndpoints(settings)]) targets.set(t.name, t);
  for (const t of targets.values()) {
    const w = plainTcpWarning(t);
    if (w) {
      report.warnings.push(w);
      log.warning(w);
    }
  }
  // One endpoint per engine (by its /info identity): two names of one engine share one lock.
  // Room beyond max-parallel for lock renewals and report reads.
  const joined = await connectEndpoints([...targets.values()], {
    timeoutMs: options.connectTimeoutMs,
    maxConnections: settings.maxParallel + 2,
    ...(options.connect ? { connect: options.connect } : {}),
  });
  held.connections.push(...joined.connections.values());
  for (const note of joined.notes) log.info(note);
  const names = [...joined.connections.keys()].sort();
  return { names, engines: new Map([...joined.connections].map(([n, c]) => [n, c.docker])), aliases: joined.aliases };
}

/** Lock: one lock per endpoint, in name order (two runs locking several endpoints cannot deadlock). */
async function lockPhase(endpoints: Endpoints, settings: Settings, stack: ResolvedStack, log: DeployLog, options: RunOptions, held: Held): Promise<void> {
  const images = stack.resources.map((r) => r.properties.image).filter((i): i is string => typeof i === 'string');
  for (const endpoint of endpoints.names) {
    const docker = endpoints.engines.get(endpoint)!;
    const opts = { stackName: settings.stackName, endpoint, runId: settings.runId, timeoutSeconds: settings.lockTimeout, ttlSeconds: options.lockTtlSeconds, images, log, signal: options.signal };
    let lock: LockHandle;
    try {
      lock = await acquireLock(docker, opts);
    } catch (err) {
      // A brand-new engine has no image to make the lock container from: bring the first one.
      if (!/has no image to hold/.test((err as Error).message) || images.length === 0 || settings.mode !== 'deploy') throw err;
      await ensureImage(docker, images[0], settings.pull, settings.registryAuth, log, { endpoint });
      lock = await acquireLock(docker, opts);
    }
    held.locks.push({ endpoint, lock });
    // Fencing: no container change on an endpoint whose lock this run cannot prove it holds.
    endpoints.engines.set(endpoint, fencedApi(docker, () => fenceOf(lock, held.refused)));
    options.onLocks?.(held.locks.map((l) => ({ endpoint: l.endpoint, id: l.lock.id })));
  }
}


/** Execute: the plan's operations, fenced by every lock this run holds. */
function executePhase(endpoints: Endpoints, planned: Planned, settings: Settings, log: DeployLog, options: RunOptions, held: Held): Promise<ExecuteResult> {
  return executePlan(planned.nodes, {
    stackName: settings.stackName,
    engines: endpoints.engines,
    waitTimeout: settings.waitTimeout,
    maxParallel: settings.maxParallel,
    // Destroy removes for good: there is nothing to bring back.
    rollback: settings.mode === 'deploy' && settings.rollback,
    log,
    runId: settings.runId,
    stableSeconds: settings.stableSeconds,
    stopTimeoutSeconds: options.stopTimeoutSeconds,
    signal: options.signal,
    onJournal: options.onJournal,
    fence: () => {
      for (const { lock } of held.locks) lock.assertHeld();
    },
    bind: planned.bind,
  });
}

/** Report: the plan's verdict (plan mode) or the run's, the resources as they are now, the outputs. */
async function reportPhase(report: DeployReport, endpoints: Endpoints, planned: Planned, exec: ExecuteResult | undefined, stack: ResolvedStack, log: DeployLog): Promise<void> {
  if (exec) {
    report.changed = exec.changed;
    report.rolledBack = exec.rolledBack;
    report.error = exec.error;
    if (exec.cancelled) report.cancelled = true;
  } else {
    report.changed = planChanges(planned.nodes);
  }
  report.resources = await reportResources(endpoints.engines, planned.nodes, exec?.outcomes, !exec);
  if (report.error || stack.outputs === undefined) return;
  const outputs = await reportOutputs(stack, report.resources, planned.observed, endpoints.engines);
  report.outputs = outputs.values;
  for (const w of outputs.warnings) {
    report.warnings.push(w);
    log.warning(w);
  }
}

/** A lock's fence that also notes why it refused. */
function fenceOf(lock: LockHandle, refused: Set<string>): void {
  try {
    lock.assertHeld();
  } catch (err) {
    refused.add((err as Error).message);
    throw err;
  }
}

/** Target swarm: the one endpoint of the run is the manager (resources naming others are refused). */
function swarmManager(endpoints: Endpoints): SwarmManager {
  if (endpoints.names.length !== 1) {
    throw new Error(`target 'swarm' deploys to one swarm manager, but the run names ${endpoints.names.length} endpoints (${endpoints.names.join(', ')}): give the manager as docker-endpoint`);
  }
  return { endpoint: endpoints.names[0], docker: endpoints.engines.get(endpoints.names[0])! };
}

/** Gives back the locks (reverse order) and closes the connections; returns the locks it could not release. */
async function release(held: Held, log: DeployLog, scrub: (message: string) => string): Promise<{ endpoint: string; id: string }[]> {
  const kept: { endpoint: string; id: string }[] = [];
  for (const { endpoint, lock } of [...held.locks].reverse()) {
    await lock.release().catch((e: Error) => {
      kept.push({ endpoint, id: lock.id });
      log.warning(`releasing a lock failed: ${scrub(e.message)}`);
    });
  }
  held.locks = [];
  for (const c of held.connections) await c.close().catch(() => undefined);
  return kept;
}
