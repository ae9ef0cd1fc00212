/**
 * Waits until a service converged after hotdock created or updated it: every replica runs a task
 * of the new spec (the tasks carry its task hash) and no old task is still meant to run. A rolling
 * update is judged by Swarm's own verdict: `completed`, or `rollback_completed` (Swarm rolled the
 * update back: SwarmRolledBackError), `paused` (an error naming Swarm's message). Only an update
 * status that started after hotdock's call counts: the one before belongs to an earlier update.
 */
import type { DockerApi, ServiceDetails, TaskDetails } from '../docker-api.js';
import { LABEL_TASK_HASH } from '../../deploy/service-plan.js';
import { SwarmConvergeError, SwarmRolledBackError } from './errors.js';

/** The service waited for. */
export interface ConvergeTarget {
  id: string;
  name: string;
  resource: string;
  replicas: number;
  taskHash: string;
  /** UpdateStatus.StartedAt before hotdock's call (undefined for a new service). */
  updateStartedBefore?: string;
}

/** Knobs of waitConverged. */
export interface ConvergeOptions {
  timeoutMs: number;
  /** Without a rolling update to judge (create, scale): the tasks must keep running this long. */
  stableMs: number;
  pollMs?: number;
  signal?: AbortSignal;
  /** Tasks of the new spec that failed before the service is given up (default 3). */
  maxFailures?: number;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** The newest task error, for the message. */
function lastError(tasks: readonly TaskDetails[]): string {
  const failed = tasks
    .filter((t) => t.Status?.Err)
    .sort((a, b) => ((a.Status?.Timestamp ?? '') < (b.Status?.Timestamp ?? '') ? 1 : -1));
  return failed[0]?.Status?.Err ?? '';
}

/** How many tasks run the spec Swarm restored, and what the message says about it. */
async function restored(docker: DockerApi, target: ConvergeTarget, service: ServiceDetails, deadline: number, pollMs: number, signal?: AbortSignal): Promise<string> {
  const spec = service.Spec as { TaskTemplate?: { ContainerSpec?: { Labels?: Record<string, string> } }; Mode?: { Replicated?: { Replicas?: number } } } | undefined;
  const hash = spec?.TaskTemplate?.ContainerSpec?.Labels?.[LABEL_TASK_HASH];
  const replicas = spec?.Mode?.Replicated?.Replicas ?? target.replicas;
  let running: number;
  for (;;) {
    const tasks = await docker.listTasks({ service: target.id });
    running = tasks.filter((t) => t.DesiredState === 'running' && t.Status?.State === 'running' && t.Spec?.ContainerSpec?.Labels?.[LABEL_TASK_HASH] === hash).length;
    if (running >= replicas || Date.now() >= deadline || signal?.aborted) break;
    await sleep(pollMs);
  }
  return running >= replicas ? `the previous spec runs again (${running}/${replicas})` : `the previous spec is not running yet (${running}/${replicas})`;
}

/** Resolves once the service converged; throws SwarmRolledBackError, SwarmConvergeError or on cancel. */
export async function waitConverged(docker: DockerApi, target: ConvergeTarget, options: ConvergeOptions): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  const pollMs = options.pollMs ?? 500;
  let stable: { ids: string; since: number } | undefined;
  for (;;) {
    if (options.signal?.aborted) throw new Error('the run was cancelled');
    const service = await docker.inspectService(target.id);
    const status = service.UpdateStatus;
    const fresh = status?.StartedAt !== undefined && status.StartedAt !== target.updateStartedBefore;
    if (fresh && status.State === 'rollback_completed') {
      // The run fails either way; first the restored spec's tasks get their time to run again.
      const back = await restored(docker, target, service, deadline, pollMs, options.signal);
      throw new SwarmRolledBackError(target.resource, target.name, [status.Message, back].filter(Boolean).join('; '));
    }
    if (fresh && (status.State === 'paused' || status.State === 'rollback_paused')) {
      throw new SwarmConvergeError(target.resource, target.name, `Swarm paused the update: ${status.Message ?? status.State}`);
    }
    const tasks = await docker.listTasks({ service: target.id });
    const ours = tasks.filter((t) => t.Spec?.ContainerSpec?.Labels?.[LABEL_TASK_HASH] === target.taskHash);
    const running = ours.filter((t) => t.DesiredState === 'running' && t.Status?.State === 'running');
    const stale = tasks.filter((t) => t.DesiredState === 'running' && !running.includes(t));
    const failures = ours.filter((t) => t.Status?.State === 'failed' || t.Status?.State === 'rejected').length;
    // A rolling update of our spec still going (or rolling back): Swarm has not decided yet.
    const rolling = fresh && status.State !== 'completed';
    if (!fresh && failures >= (options.maxFailures ?? 3)) {
      throw new SwarmConvergeError(target.resource, target.name, `${failures} tasks failed: ${lastError(ours) || 'no error given'}`);
    }
    if (!rolling && running.length === target.replicas && stale.length === 0) {
      // Swarm's own monitor window proved an update; a new or scaled service proves itself here.
      if (fresh) return;
      const ids = running.map((t) => t.ID).sort().join(',');
      if (stable?.ids !== ids) stable = { ids, since: Date.now() };
      if (Date.now() - stable.since >= options.stableMs) return;
    } else {
      stable = undefined;
    }
    if (Date.now() >= deadline) {
      const why = lastError(ours);
      throw new SwarmConvergeError(
        target.resource,
        target.name,
        `${running.length}/${target.replicas} tasks running after ${Math.round(options.timeoutMs / 1000)}s${rolling ? ` (update ${status.State})` : ''}${why ? `; last task error: ${why}` : ''}`,
      );
    }
    await sleep(Math.min(pollMs, Math.max(0, deadline - Date.now())));
  }
}
