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
 * Fencing (lock-lease.ts): the holder keeps a lease it can prove; `assertHeld` throws once it
 * cannot, and every container change of the run is refused from then on.
 */
import { randomBytes } from 'node:crypto';
import { statusOf, type DockerApi } from './docker-api.js';
import {
  DEFAULT_LOCK_TTL_SECONDS, holdLock, lockName, removeQuietly, removeRenewals, type LockHandle, type LockOptions,
} from './lock-lease.js';
import {
  LABEL_LOCK, LABEL_LOCK_EXPIRES as LABEL_EXPIRES, LABEL_LOCK_RENEW, LABEL_LOCK_RUN as LABEL_RUN, LABEL_LOCK_SINCE as LABEL_SINCE,
  LABEL_LOCK_TOKEN as LABEL_TOKEN, LABEL_LOCK_TTL as LABEL_TTL,
} from '../spec/labels.js';

export { LockLostError } from './errors.js';
export { DEFAULT_LOCK_TTL_SECONDS, lockName, type LockHandle, type LockOptions } from './lock-lease.js';

/** Waits `ms`, or less when `signal` aborts (the loop then sees the abort and stops). */
function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

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

/**
 * Takes the stack's lock on one endpoint, waiting up to `timeoutSeconds` for another holder, and
 * taking over a lock whose holder stopped renewing it for its TTL. Fails naming the holder, or
 * saying which stack's lock could not be taken and why.
 */
export async function acquireLock(docker: DockerApi, opts: LockOptions): Promise<LockHandle> {
  try {
    return await takeLock(docker, opts);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (message.startsWith(`stack '${opts.stackName}'`)) throw err;
    throw new Error(`taking the lock of stack '${opts.stackName}' on endpoint '${opts.endpoint}' failed: ${message}`, { cause: err });
  }
}

async function takeLock(docker: DockerApi, opts: LockOptions): Promise<LockHandle> {
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
    if (opts.signal?.aborted) {
      // The cancel's own words first ("cancelled by SIGINT"), as every other cancelled phase says it.
      const why = opts.signal.reason instanceof Error ? opts.signal.reason.message : 'the run was cancelled';
      throw new Error(`${why} while waiting for the lock of stack '${opts.stackName}' on endpoint '${opts.endpoint}'`);
    }
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
      if (statusOf(err) !== 409) throw err;
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
    await sleep(Math.min(pollMs, Math.max(0, deadline - Date.now()) + 10), opts.signal);
  }
}

