/**
 * The holder's side of the deploy lock (lock.ts takes it): renewals and the lease that fences.
 *
 * The holder keeps a lease on its own monotonic clock. A renewal counts only when it was sent while
 * the lease still ran and came back (renewal created, lock container still ours) within the safety
 * margin; the lease then ends `ttl - margin` after the renewal was SENT. Any waiter judges expiry on
 * a renewal's creation time, which is never earlier than that send, so a lease the holder believes
 * in has not expired for anyone else. `assertHeld` throws once the lease ran out or the lock
 * container is gone or not ours, and from then on for good.
 */
import { statusOf, type DockerApi } from './docker-api.js';
import { LockLostError, seconds } from './errors.js';
import type { DeployLog } from '../deploy/types.js';
import { LABEL_LOCK_RENEW, LABEL_LOCK_RUN as LABEL_RUN, LABEL_LOCK_TOKEN as LABEL_TOKEN } from '../spec/labels.js';

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
  /** A cancelled run stops waiting for another holder at once. */
  signal?: AbortSignal;
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

/** Removes a lock or renewal container; gone already (404) or going (409) is fine. */
export async function removeQuietly(docker: DockerApi, id: string): Promise<void> {
  try {
    await docker.removeContainer(id, { force: true });
  } catch (err) {
    if (statusOf(err) !== 404 && statusOf(err) !== 409) throw err;
  }
}

/** Removes the stack's renewal containers whose token `whose` accepts. */
export async function removeRenewals(docker: DockerApi, stackName: string, whose: (token: string) => boolean): Promise<void> {
  const list = await docker.listContainers({ all: true, labels: [LABEL_LOCK_RENEW + '=' + stackName] });
  for (const c of list) if (whose(c.Labels?.[LABEL_TOKEN] ?? '')) await removeQuietly(docker, c.Id);
}

/** What holdLock starts from. */
export interface Held {
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

/** Starts renewing a lock just taken; the handle fences, renews and releases it. */
export function holdLock(docker: DockerApi, opts: LockOptions, held: Held): LockHandle {
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
