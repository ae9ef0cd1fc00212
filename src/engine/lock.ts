/**
 * A lock per stack ON each endpoint, so two runs (even from two machines) never interleave their
 * changes. The lock is a never-started container named `hotdock-lock.<stack>`: the engine makes
 * container names unique atomically, so a create that answers 409 means "held".
 *
 * Labels cannot change after create, so the holder proves it is alive with renewal containers
 * (`hotdock-lock.<stack>.renew-...`, one at a time). Expiry is judged on the DAEMON's clock
 * (container creation times against the daemon's SystemTime): two machines with skewed clocks still
 * agree on who holds the lock.
 */
import { randomBytes } from 'node:crypto';
import type { DockerApi } from './docker-api.js';
import type { DeployLog } from '../deploy/types.js';

import {
  LABEL_LOCK, LABEL_LOCK_EXPIRES as LABEL_EXPIRES, LABEL_LOCK_RENEW, LABEL_LOCK_RUN as LABEL_RUN, LABEL_LOCK_SINCE as LABEL_SINCE,
  LABEL_LOCK_TOKEN as LABEL_TOKEN, LABEL_LOCK_TTL as LABEL_TTL,
} from '../spec/labels.js';

/** What acquireLock needs. */
export interface LockOptions {
  stackName: string;
  /** Endpoint display name, for messages. */
  endpoint: string;
  runId: string;
  /** Seconds to wait for another holder (the `lock-timeout` input). */
  timeoutSeconds: number;
  /** Seconds without renewal after which a lock counts as abandoned (default 120). */
  ttlSeconds?: number;
  /** Seconds between renewals (default ttl / 4). */
  refreshSeconds?: number;
  /** Milliseconds between two attempts while waiting (default 1000). */
  pollMs?: number;
  /** Images to build the lock container from, in order of preference (no pull ever happens). */
  images?: string[];
  log?: DeployLog;
}

/** A held lock. */
export interface LockHandle {
  /** Id of the lock container. */
  id: string;
  /** Removes the lock (and its renewals); safe to call twice. */
  release(): Promise<void>;
  /** Stops renewing without releasing, as a killed run would (tests use it). */
  abandon(): void;
}

/** The lock container's name for a stack. */
export function lockName(stackName: string): string {
  return `hotdock-lock.${stackName}`;
}

function statusOf(err: unknown): number | undefined {
  return (err as { statusCode?: number })?.statusCode;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Picks an image present on the endpoint: a preferred one if there, else any local image. */
async function lockImage(docker: DockerApi, preferred: string[], endpoint: string): Promise<string> {
  for (const image of preferred) {
    try {
      return (await docker.inspectImage(image)).Id;
    } catch {
      // not on this endpoint: try the next
    }
  }
  const all = await docker.listImages();
  if (all.length > 0) return all[0].Id;
  throw new Error(`endpoint '${endpoint}' has no image to hold the deploy lock with`);
}

/** The daemon's current time in ms (its clock judges expiry, not ours). */
async function daemonNow(docker: DockerApi): Promise<number> {
  const info = (await docker.info()) as { SystemTime?: string };
  const t = info.SystemTime ? Date.parse(info.SystemTime) : NaN;
  return Number.isNaN(t) ? Date.now() : t;
}

interface Holder {
  id: string;
  run: string;
  token: string;
  since: string;
  ttlSeconds: number;
  /** Daemon time (ms) of the last sign of life: lock creation or latest renewal. */
  lastBeatMs: number;
}

async function currentHolder(docker: DockerApi, stackName: string): Promise<Holder | undefined> {
  const locks = await docker.listContainers({ all: true, labels: [`${LABEL_LOCK}=${stackName}`] });
  const lock = locks.find((c) => c.Names.some((n) => n.replace(/^\//, '') === lockName(stackName)));
  if (!lock) return undefined;
  const token = lock.Labels[LABEL_TOKEN] ?? '';
  const renewals = await docker.listContainers({
    all: true,
    labels: [`${LABEL_LOCK_RENEW}=${stackName}`, `${LABEL_TOKEN}=${token}`],
  });
  const lastBeat = Math.max(lock.Created, ...renewals.map((r) => r.Created));
  return {
    id: lock.Id,
    run: lock.Labels[LABEL_RUN] ?? 'unknown',
    token,
    since: lock.Labels[LABEL_SINCE] ?? new Date(lock.Created * 1000).toISOString(),
    ttlSeconds: Number(lock.Labels[LABEL_TTL] ?? 120) || 120,
    // Created has one-second resolution: count the whole second, never expire early.
    lastBeatMs: (lastBeat + 1) * 1000,
  };
}

async function removeQuietly(docker: DockerApi, id: string): Promise<void> {
  try {
    await docker.removeContainer(id, { force: true });
  } catch (err) {
    if (statusOf(err) !== 404 && statusOf(err) !== 409) throw err;
  }
}

async function removeRenewals(docker: DockerApi, stackName: string, token: string, keep?: string): Promise<void> {
  const list = await docker.listContainers({
    all: true,
    labels: [`${LABEL_LOCK_RENEW}=${stackName}`, `${LABEL_TOKEN}=${token}`],
  });
  for (const c of list) if (c.Id !== keep) await removeQuietly(docker, c.Id);
}

/**
 * Takes the stack's lock on one endpoint, waiting up to `timeoutSeconds` for another holder, and
 * taking over a lock whose holder stopped renewing it for `ttlSeconds`. Fails naming the holder.
 */
export async function acquireLock(docker: DockerApi, opts: LockOptions): Promise<LockHandle> {
  const ttl = opts.ttlSeconds ?? 120;
  const refreshMs = (opts.refreshSeconds ?? Math.max(1, ttl / 4)) * 1000;
  const pollMs = opts.pollMs ?? 1000;
  const token = randomBytes(8).toString('hex');
  const image = await lockImage(docker, opts.images ?? [], opts.endpoint);
  const started = Date.now();
  const deadline = started + opts.timeoutSeconds * 1000;
  const labelsFor = (): Record<string, string> => {
    const now = new Date();
    return {
      [LABEL_LOCK]: opts.stackName,
      [LABEL_RUN]: opts.runId,
      [LABEL_TOKEN]: token,
      [LABEL_SINCE]: now.toISOString(),
      [LABEL_TTL]: String(ttl),
      [LABEL_EXPIRES]: new Date(now.getTime() + ttl * 1000).toISOString(),
    };
  };
  let announced = false;
  for (;;) {
    try {
      const created = await docker.createContainer({
        name: lockName(opts.stackName),
        Image: image,
        Cmd: ['hotdock-lock'],
        Labels: labelsFor(),
        NetworkDisabled: true,
      });
      return holdLock(docker, opts, created.id, token, image, refreshMs);
    } catch (err) {
      if (statusOf(err) !== 409) throw new Error(`taking the lock of stack '${opts.stackName}' on endpoint '${opts.endpoint}' failed: ${(err as Error).message}`, { cause: err });
    }
    const holder = await currentHolder(docker, opts.stackName);
    if (!holder) continue; // released between our create and our look: try again at once
    if ((await daemonNow(docker)) > holder.lastBeatMs + holder.ttlSeconds * 1000) {
      opts.log?.warning(
        `stack '${opts.stackName}' on endpoint '${opts.endpoint}': taking over the lock of run ${holder.run} (no renewal for ${holder.ttlSeconds} s)`,
      );
      // Removal by id: if another waiter took it over first, this removes nothing of theirs.
      await removeQuietly(docker, holder.id);
      await removeRenewals(docker, opts.stackName, holder.token);
      continue;
    }
    if (Date.now() >= deadline) {
      const waited = Math.round((Date.now() - started) / 1000);
      throw new Error(
        `stack '${opts.stackName}' on endpoint '${opts.endpoint}' is locked by run ${holder.run} since ${holder.since}; waited ${waited} s`,
      );
    }
    if (!announced) {
      announced = true;
      opts.log?.info(`stack '${opts.stackName}' on endpoint '${opts.endpoint}' is locked by run ${holder.run} since ${holder.since}; waiting`);
    }
    await sleep(Math.min(pollMs, Math.max(0, deadline - Date.now()) + 10));
  }
}

function holdLock(
  docker: DockerApi,
  opts: LockOptions,
  id: string,
  token: string,
  image: string,
  refreshMs: number,
): LockHandle {
  let seq = 0;
  let lastRenewal: string | undefined;
  let stopped = false;
  let renewing: Promise<void> = Promise.resolve();
  const renew = async (): Promise<void> => {
    try {
      const c = await docker.createContainer({
        name: `${lockName(opts.stackName)}.renew-${token}-${++seq}`,
        Image: image,
        Cmd: ['hotdock-lock'],
        Labels: { [LABEL_LOCK_RENEW]: opts.stackName, [LABEL_TOKEN]: token, [LABEL_RUN]: opts.runId },
        NetworkDisabled: true,
      });
      if (lastRenewal) await removeQuietly(docker, lastRenewal);
      lastRenewal = c.id;
    } catch (err) {
      opts.log?.warning(`renewing the lock of stack '${opts.stackName}' on endpoint '${opts.endpoint}' failed: ${(err as Error).message}`);
    }
  };
  const timer = setInterval(() => {
    if (!stopped) renewing = renewing.then(renew);
  }, refreshMs);
  timer.unref();
  return {
    id,
    abandon() {
      stopped = true;
      clearInterval(timer);
    },
    async release() {
      stopped = true;
      clearInterval(timer);
      await renewing;
      await removeQuietly(docker, id);
      await removeRenewals(docker, opts.stackName, token);
    },
  };
}
