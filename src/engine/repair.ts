/**
 * What the post step does on the endpoints when the main step was killed before it settled: undo
 * the journal, newest entry first (remove what the run created, bring back what it put aside, stop
 * what it started), then release the run's lock containers. Only containers that still carry this
 * stack's label (and, for what the run made, this run's label) are touched; an endpoint whose lock
 * another run has taken over is left to that run, whose observe repairs the leftovers.
 *
 * Every problem becomes a line naming resource and endpoint; nothing here throws.
 */
import type { DockerApi } from './docker-api.js';
import { statusOf } from './docker-api.js';
import type { AsideRecord, JournalEntry } from '../deploy/types.js';
import { restoreAside, stopQuietly } from './safe-replace.js';
import {
  LABEL_LOCK, LABEL_LOCK_RENEW, LABEL_LOCK_RUN, LABEL_LOCK_TOKEN, LABEL_RESOURCE, LABEL_RUN, LABEL_STACK,
} from '../spec/labels.js';
import type { HeldLock } from '../step-state.js';

/** What repairRun needs. */
export interface RepairContext {
  stack: string;
  run: string;
  /** Endpoint display name → its engine, or why it could not be reached. */
  engines: ReadonlyMap<string, DockerApi | Error>;
  /** Seconds `docker stop` grants when undoing a start (default: the container's own). */
  stopTimeoutSeconds?: number;
}

/** What repairRun did (`done`) and could not do (`problems`), one line each. */
export interface RepairResult {
  done: string[];
  problems: string[];
}

type Labels = Record<string, string>;

/** Inspects a container: its labels and name, or undefined when it is gone (404). */
async function look(docker: DockerApi, idOrName: string): Promise<{ id: string; name: string; labels: Labels; running: boolean } | undefined> {
  try {
    const c = await docker.inspectContainer(idOrName);
    return { id: c.Id, name: c.Name.replace(/^\//, ''), labels: c.Config.Labels ?? {}, running: c.State.Running };
  } catch (err) {
    if (statusOf(err) === 404) return undefined;
    throw err;
  }
}

const short = (id: string): string => id.slice(0, 12);
const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** Repairs what a killed main step left. Never throws. */
export async function repairRun(journal: readonly JournalEntry[], locks: readonly HeldLock[], ctx: RepairContext): Promise<RepairResult> {
  const result: RepairResult = { done: [], problems: [] };
  const fenced = await fencedEndpoints(locks, ctx, result);
  for (const entry of [...journal].reverse()) {
    const where = `resource '${entry.resource}' on endpoint '${entry.endpoint}'`;
    const docker = ctx.engines.get(entry.endpoint);
    if (docker === undefined || docker instanceof Error) {
      result.problems.push(`${where}: could not ${undoWord(entry)}: ${docker ? docker.message : 'endpoint not connected'}`);
      continue;
    }
    if (fenced.has(entry.endpoint)) {
      result.problems.push(`${where}: not repaired: ${fenced.get(entry.endpoint)}`);
      continue;
    }
    try {
      const line = await undo(docker, entry, ctx);
      result.done.push(`${where}: ${line}`);
    } catch (err) {
      result.problems.push(`${where}: could not ${undoWord(entry)}: ${messageOf(err)}`);
    }
  }
  for (const lock of locks) {
    const docker = ctx.engines.get(lock.endpoint);
    const where = `the lock of stack '${ctx.stack}' on endpoint '${lock.endpoint}'`;
    if (docker === undefined || docker instanceof Error || fenced.has(lock.endpoint)) continue;
    try {
      result.done.push(`${where}: ${await releaseLock(docker, lock, ctx)}`);
    } catch (err) {
      result.problems.push(`${where}: could not release it: ${messageOf(err)}`);
    }
  }
  return result;
}

function undoWord(entry: JournalEntry): string {
  return entry.kind === 'created' ? 'remove what this run created' : entry.kind === 'aside' ? 'bring back the old container' : 'stop what this run started';
}

/**
 * Endpoints whose lock is no longer this run's (taken over after its TTL ran out): another run owns
 * the stack there now, and undoing this run's journal under its feet could remove its containers.
 */
async function fencedEndpoints(locks: readonly HeldLock[], ctx: RepairContext, result: RepairResult): Promise<Map<string, string>> {
  const fenced = new Map<string, string>();
  for (const lock of locks) {
    const docker = ctx.engines.get(lock.endpoint);
    if (docker === undefined || docker instanceof Error) {
      result.problems.push(`the lock of stack '${ctx.stack}' on endpoint '${lock.endpoint}': could not release it: ${docker ? docker.message : 'endpoint not connected'}`);
      continue;
    }
    try {
      const c = await look(docker, lock.id);
      if (!c || c.labels[LABEL_LOCK] !== ctx.stack || c.labels[LABEL_LOCK_RUN] !== ctx.run) {
        fenced.set(lock.endpoint, `the lock of stack '${ctx.stack}' is no longer held by run ${ctx.run} (another run took it over); that run repairs what is left`);
      }
    } catch (err) {
      fenced.set(lock.endpoint, `could not check the lock: ${messageOf(err)}`);
    }
  }
  return fenced;
}

/** Undoes one journal entry; resolves to what it did, throws what it could not. */
async function undo(docker: DockerApi, entry: JournalEntry, ctx: RepairContext): Promise<string> {
  switch (entry.kind) {
    case 'created': {
      const c = await look(docker, entry.id);
      if (!c) return `container ${short(entry.id)} this run created is already gone`;
      if (!madeByThisRun(c.labels, ctx)) throw new Error(`container '${c.name}' (${short(c.id)}) does not carry run ${ctx.run}'s labels; left alone`);
      await removeIfThere(docker, c.id);
      return `removed '${c.name}' (${short(c.id)}), which this run created`;
    }
    case 'started': {
      const c = await look(docker, entry.id);
      if (!c) return `container ${short(entry.id)} this run started is gone`;
      if (c.labels[LABEL_STACK] !== ctx.stack) throw new Error(`container '${c.name}' (${short(c.id)}) is not part of stack '${ctx.stack}'; left alone`);
      if (!c.running) return `'${c.name}' (${short(c.id)}), which this run started, is already stopped`;
      await stopQuietly(docker, c.id, ctx.stopTimeoutSeconds);
      return `stopped '${c.name}' (${short(c.id)}) again, as it was before this run`;
    }
    case 'aside':
      return bringBack(docker, entry.aside, entry.resource, entry.replacementId, ctx);
  }
}

function madeByThisRun(labels: Labels, ctx: RepairContext): boolean {
  return labels[LABEL_STACK] === ctx.stack && labels[LABEL_RUN] === ctx.run;
}

async function removeIfThere(docker: DockerApi, id: string): Promise<void> {
  try {
    await docker.removeContainer(id, { force: true });
  } catch (err) {
    if (statusOf(err) !== 404) throw err;
  }
}

/**
 * Brings an aside container back under its name. The container holding that name meanwhile (the
 * recorded replacement, or one this run made but had no time to record) goes first, when it is
 * this run's; a name held by anything else stops the repair of this resource.
 */
async function bringBack(docker: DockerApi, aside: AsideRecord, resource: string, replacementId: string | undefined, ctx: RepairContext): Promise<string> {
  const old = await look(docker, aside.id);
  if (!old) throw new Error(`the old container ${short(aside.id)} ('${aside.originalName}') is gone`);
  if (old.labels[LABEL_STACK] !== ctx.stack) throw new Error(`container '${old.name}' (${short(old.id)}) is not part of stack '${ctx.stack}'; left alone`);
  const ours = (c: { labels: Labels }): boolean => madeByThisRun(c.labels, ctx) && c.labels[LABEL_RESOURCE] === resource;
  const doomed = new Map<string, string>();
  const recorded = replacementId ? await look(docker, replacementId) : undefined;
  if (recorded && recorded.id !== old.id && ours(recorded)) doomed.set(recorded.id, recorded.name);
  if (old.name !== aside.originalName) {
    const holder = await look(docker, aside.originalName);
    if (holder && holder.id !== old.id && !doomed.has(holder.id)) {
      if (!ours(holder)) {
        throw new Error(`the name '${aside.originalName}' is held by container ${short(holder.id)}, which run ${ctx.run} did not create; the old container stays '${old.name}'`);
      }
      doomed.set(holder.id, holder.name);
    }
  }
  for (const id of doomed.keys()) await removeIfThere(docker, id);
  if (old.name === aside.originalName) {
    // Renamed back already: what is left is the restart policy and the start.
    if (aside.restartPolicy) await docker.updateContainer(old.id, { RestartPolicy: aside.restartPolicy });
    if (aside.wasRunning && !old.running) await docker.startContainer(old.id);
  } else {
    await restoreAside(docker, aside);
  }
  const gone = [...doomed].map(([id, name]) => `, removed the unproven '${name}' (${short(id)})`).join('');
  return `brought back '${aside.originalName}' (${short(old.id)})${aside.wasRunning ? ', running' : ''}${gone}`;
}

/** Removes this run's lock container and its renewals; says what it did. */
async function releaseLock(docker: DockerApi, lock: HeldLock, ctx: RepairContext): Promise<string> {
  const c = await look(docker, lock.id);
  if (!c) return 'already released';
  const token = c.labels[LABEL_LOCK_TOKEN];
  await removeIfThere(docker, c.id);
  if (token) {
    const renewals = await docker.listContainers({
      all: true,
      labels: [`${LABEL_LOCK_RENEW}=${ctx.stack}`, `${LABEL_LOCK_TOKEN}=${token}`, `${LABEL_LOCK_RUN}=${ctx.run}`],
    });
    for (const r of renewals) await removeIfThere(docker, r.Id);
  }
  return `released (${short(c.id)})`;
}
