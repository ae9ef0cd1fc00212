/**
 * A lock per stack ON each endpoint, so two runs (even from two machines) never interleave their
 * changes. The lock is a never-started container named `hotdock-lock.<stack>`: the engine makes
 * container names unique atomically, so a create that answers 409 means "held".
 *
 * Labels cannot change after create, so the holder proves it is alive with renewal containers
 * (`hotdock-lock.<stack>.renew-...`, one at a time). Expiry is judged on the DAEMON's clock
 * (container creation times against the daemon's SystemTime): two machines with skewed clocks still
 * agree on who holds the lock.
 *
 * Fencing: the holder keeps a lease on its own monotonic clock. A renewal counts only when it was
 * sent while the lease still ran and came back (renewal created, lock container still ours) within
 * the safety margin; the lease then ends `ttl - margin` after the renewal was SENT. Any waiter
 * judges expiry on a renewal's creation time, which is never earlier than that send, so a lease the
 * holder believes in has not expired for anyone else. `assertHeld` throws once the lease ran out or
 * the lock container is gone or not ours, and from then on for good.
 */
import { randomBytes } from 'node:crypto';
import { statusOf, type DockerApi } from './docker-api.js';
import { LockLostError, seconds } from './errors.js';

export { LockLostError } from './errors.js';
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
  /** Seconds without renewal after which a lock counts as abandoned (default 20). */
  ttlSeconds?: number;
  /** Seconds between renewals (default ttl / 4). */
  refreshSeconds?: number;
  /**
   * Seconds of the TTL the holder does not count on (default 0.35 × ttl): covers a mutation on its
   * way when the lease ends, and is the longest a renewal may take and still count.
   */
  safetySeconds?: number;
  /** Monotonic clock in ms (default performance.now); unit tests pass their own. */
  now?: () => number;
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
  /**
   * Throws LockLostError (naming stack, endpoint and why) when the holder cannot prove it still
   * holds the lock; once thrown, it throws on every later call.
   */
  assertHeld(): void;
}

/** The default TTL of a lock, seconds. */
export const DEFAULT_LOCK_TTL_SECONDS = 20;

/** The lock container's name for a stack. */
export function lockName(stackName: string): string {
  return `hotdock-lock.${stackName}`;
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

async function removeRenewals(docker: DockerApi, stackName: string, whose: (token: string) => boolean): Promise<void> {
  const list = await docker.listContainers({ all: true, labels: [LABEL_LOCK_RENEW + '=' + stackName] });
  for (const c of list) if (whose(c.Labels?.[LABEL_TOKEN] ?? '')) await removeQuietly(docker, c.Id);
}

/**
 * Takes the stack's lock on one endpoint, waiting up to `timeoutSeconds` for another holder, and
 * taking over a lock whose holder stopped renewing it for its TTL. Fails naming the holder.
 */
export async function acquireLock(docker: DockerApi, opts: LockOptions): Promise<LockHandle> {
  const ttl = opts.ttlSeconds ?? DEFAULT_LOCK_TTL_SECONDS;
  const pollMs = opts.pollMs ?? 1000;
  const now = opts.now ?? (() => performance.now());
  const token = randomBytes(8).toString('hex');
  const image = await lockImage(docker, opts.images ?? [], opts.endpoint);
  const started = Date.now();
  const deadline = started + opts.timeoutSeconds * 1000;
  const labelsFor = (): Record<string, string> => {
    const at = new Date();
    return {
      [LABEL_LOCK]: opts.stackName,
      [LABEL_RUN]: opts.runId,
      [LABEL_TOKEN]: token,
      [LABEL_SINCE]: at.toISOString(),
      [LABEL_TTL]: String(ttl),
      [LABEL_EXPIRES]: new Date(at.getTime() + ttl * 1000).toISOString(),
    };
  };
  let announced = false;
  for (;;) {
    const sent = now();
    try {
      const created = await docker.createContainer({
        name: lockName(opts.stackName),
        Image: image,
        Cmd: ['hotdock-lock'],
        Labels: labelsFor(),
        NetworkDisabled: true,
      });
      // Renewals of holders that are gone (taken over, killed mid-release) are litter now.
      await removeRenewals(docker, opts.stackName, (t) => t !== token).catch(() => undefined);
      return holdLock(docker, opts, { id: created.id, token, image, ttl, sent, now });
    } catch (err) {
      if (statusOf(err) !== 409) throw new Error(`taking the lock of stack '${opts.stackName}' on endpoint '${opts.endpoint}' failed: ${(err as Error).message}`, { cause: err });
    }
    // The daemon's time BEFORE the look: a renewal the look misses was made after it, so an
    // expiry judged on this time never takes a lock from a holder whose lease still runs.
    const daemonTime = await daemonNow(docker);
    const holder = await currentHolder(docker, opts.stackName);
    if (!holder) continue; // released between our create and our look: try again at once
    if (daemonTime > holder.lastBeatMs + holder.ttlSeconds * 1000) {
      opts.log?.warning(
        `stack '${opts.stackName}' on endpoint '${opts.endpoint}': taking over the lock of run ${holder.run} (no renewal for ${holder.ttlSeconds} s)`,
      );
      // Removal by id: if another waiter took it over first, this removes nothing of theirs.
      await removeQuietly(docker, holder.id);
      await removeRenewals(docker, opts.stackName, (t) => t === holder.token);
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

/** What holdLock starts from. */
interface Held {
  id: string;
  token: string;
  image: string;
  ttl: number;
  /** Our clock when the lock's create was sent: the lease runs from there. */
  sent: number;
  now: () => number;
}

/** Rejects after `ms` unless `work` settles first (the work itself goes on, bounded by the adapter). */
function within<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${seconds(ms)}`)), ms);
  });
  return Promise.race([work, limit]).finally(() => clearTimeout(timer));
}

function holdLock(docker: DockerApi, opts: LockOptions, held: Held): LockHandle {
  const { id, token, image, ttl, now } = held;
  const ttlMs = ttl * 1000;
  const marginMs = (opts.safetySeconds ?? ttl * 0.35) * 1000;
  const refreshMs = (opts.refreshSeconds ?? Math.max(0.25, ttl / 4)) * 1000;
  const renewalMs = Math.max(1, Math.min(refreshMs, marginMs));
  let lastConfirmed = held.sent;
  let leaseEnd = held.sent + ttlMs - marginMs;
  let lostReason: string | undefined;
  let seq = 0;
  let lastRenewal: string | undefined;
  let stopped = false;
  let renewing: Promise<void> = Promise.resolve();
  const where = `the lock of stack '${opts.stackName}' on endpoint '${opts.endpoint}'`;

  const stop = (): void => {
    stopped = true;
    clearInterval(timer);
  };
  const lose = (reason: string): void => {
    if (lostReason !== undefined) return;
    lostReason = reason;
    stop();
    opts.log?.warning(`${where} is lost: ${reason}`);
  };
  const expired = (): boolean => {
    if (lostReason === undefined && now() >= leaseEnd) {
      lose(`no renewal confirmed for ${seconds(now() - lastConfirmed)}; another run may take it over ${ttl} s after the last one`);
    }
    return lostReason !== undefined;
  };

  const renew = async (): Promise<void> => {
    if (stopped || expired()) return;
    const sent = now();
    let current: { Id: string; Config: { Labels?: Record<string, string> | null } };
    let looking = false;
    try {
      current = await within(
        (async () => {
          const c = await docker.createContainer({
            name: `${lockName(opts.stackName)}.renew-${token}-${++seq}`,
            Image: image,
            Cmd: ['hotdock-lock'],
            Labels: { [LABEL_LOCK_RENEW]: opts.stackName, [LABEL_TOKEN]: token, [LABEL_RUN]: opts.runId },
            NetworkDisabled: true,
          });
          if (lastRenewal) await removeQuietly(docker, lastRenewal);
          lastRenewal = c.id;
          looking = true;
          // Looked at AFTER the renewal exists: still ours here means nobody took it before it.
          return docker.inspectContainer(lockName(opts.stackName));
        })(),
        renewalMs,
        'renewing',
      );
    } catch (err) {
      if (looking && statusOf(err) === 404) lose('its lock container is gone');
      else opts.log?.warning(`renewing ${where} failed: ${(err as Error).message}`);
      return;
    }
    if (current.Id !== id || current.Config.Labels?.[LABEL_TOKEN] !== token) {
      lose(`run ${current.Config.Labels?.[LABEL_RUN] ?? 'unknown'} took it over`);
      return;
    }
    const took = now() - sent;
    if (took > marginMs) {
      // Too slow to prove anything: a waiter may have judged the lock expired meanwhile.
      opts.log?.warning(`renewing ${where} took ${seconds(took)}, longer than its ${seconds(marginMs)} safety margin: not counted`);
      return;
    }
    // A renewal sent after the lease ended proves nothing: the lock may have been taken meanwhile.
    if (sent < leaseEnd) {
      lastConfirmed = sent;
      leaseEnd = sent + ttlMs - marginMs;
    }
  };
  const timer = setInterval(() => {
    if (!stopped) renewing = renewing.then(renew);
  }, refreshMs);
  timer.unref();
  return {
    id,
    abandon: stop,
    assertHeld() {
      if (expired()) throw new LockLostError(opts.stackName, opts.endpoint, lostReason ?? 'lost');
    },
    async release() {
      stop();
      await renewing;
      await removeQuietly(docker, id);
      await removeRenewals(docker, opts.stackName, (t) => t === token);
    },
  };
}
