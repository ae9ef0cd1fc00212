/**
 * The stability proof: before anything old is thrown away, a started container must stay running
 * with zero restarts (the same RestartCount and State.StartedAt throughout), and healthy when it has a
 * health check, for `stable-seconds` in a row — all within `wait-timeout`. A container that exits,
 * restarts or turns unhealthy fails at once, with its exit code and the tail of its logs; one that
 * serves for 4 s and then exits never counts as proven with a 5 s window.
 */
import type { ContainerDetails, DockerApi } from './docker-api.js';
import { statusOf } from './docker-api.js';
import { containerLogs } from './attributes.js';

/** What waitUntilRunning needs. */
export interface WaitOptions {
  /** Resource name, for messages. */
  resource: string;
  /** Endpoint display name, for messages. */
  endpoint: string;
  /** The `wait-timeout` input, in seconds: the whole proof must be done by then. */
  timeoutSeconds: number;
  /** The `stable-seconds` input: how long the container must stay up, unrestarted (and healthy). */
  stableSeconds: number;
  /** Ends the wait at once (the run was cancelled): it rejects with a WaitCancelledError. */
  signal?: AbortSignal;
  /** Milliseconds between two inspections (default 250). */
  pollMs?: number;
  /** Log lines quoted in a failure (default 20). */
  tailLines?: number;
}

/** A container that did not prove itself: the message has the exit code and the log tail. */
export class ContainerStartError extends Error {
  constructor(
    message: string,
    readonly exitCode?: number,
  ) {
    super(message);
    this.name = 'ContainerStartError';
  }
}

/** The wait was ended by its AbortSignal: nothing is known about the container's fate. */
export class WaitCancelledError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'WaitCancelledError';
  }
}

/** Longest log line quoted: a container that logs megabytes in one line must not flood the report. */
const MAX_LINE = 400;

/** The last `lines` log lines of a container, indented for an error message ('' when none). */
export async function logTail(docker: DockerApi, id: string, lines = 20): Promise<string> {
  try {
    const text = await containerLogs(docker, id, { tail: lines });
    const kept = text.replace(/\s+$/, '').split('\n').slice(-lines);
    if (kept.length === 0 || kept[0] === '') return '';
    return kept.map((l) => `  | ${l.length > MAX_LINE ? `${l.slice(0, MAX_LINE)}… (${l.length} chars)` : l}`).join('\n');
  } catch {
    return '';
  }
}

/** "4.2 s". */
const secs = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** Docker's zero time: the container never started. */
const NEVER = /^0001-01-01/;

/**
 * Resolves after `ms`, or rejects with the signal's abort at once. The timer is cleared either way,
 * so a cancelled run leaves nothing that keeps node alive.
 */
function sleep(ms: number, signal: AbortSignal | undefined, cancelled: () => Error): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(cancelled());
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(cancelled());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** `work`, or the signal's abort if that comes first (the request itself cannot be taken back). */
function raceAbort<T>(work: Promise<T>, signal: AbortSignal | undefined, cancelled: () => Error): Promise<T> {
  if (!signal) return work;
  if (signal.aborted) return Promise.reject(cancelled());
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(cancelled());
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

/**
 * Waits until the container is proven (see the module comment) and returns its last inspection.
 * Rejects with ContainerStartError when it exits, restarts, turns unhealthy, disappears or is not
 * proven within the timeout, and with WaitCancelledError as soon as `signal` aborts.
 */
export async function waitUntilRunning(docker: DockerApi, id: string, opts: WaitOptions): Promise<ContainerDetails> {
  const t0 = performance.now();
  const deadline = t0 + opts.timeoutSeconds * 1000;
  const stableMs = opts.stableSeconds * 1000;
  const pollMs = opts.pollMs ?? 250;
  const where = `resource '${opts.resource}' on endpoint '${opts.endpoint}'`;
  let name = id.slice(0, 12);
  const cancelled = (): Error =>
    new WaitCancelledError(`${where}: stopped waiting for container '${name}': the run was cancelled`, { cause: opts.signal?.reason });
  const fail = async (what: string, exitCode?: number): Promise<never> => {
    const tail = await logTail(docker, id, opts.tailLines ?? 20);
    const logs = tail ? `; last log lines:\n${tail}` : '; it wrote no logs';
    throw new ContainerStartError(`${where}: container '${name}' ${what}${logs}`, exitCode);
  };

  // The first start seen: any later restart changes one of these two.
  let baseline: { restarts: number; startedAt: string } | undefined;
  // When the current unbroken window of "running (and healthy)" began.
  let upSince: number | undefined;
  for (;;) {
    let info: ContainerDetails;
    try {
      info = await raceAbort(docker.inspectContainer(id), opts.signal, cancelled);
    } catch (err) {
      if (err instanceof WaitCancelledError) throw err;
      if (statusOf(err) === 404) return fail('disappeared (removed by someone else, or auto-removed after it exited)');
      throw new ContainerStartError(`${where}: inspecting container '${name}' failed: ${(err as Error).message}`);
    }
    const now = performance.now();
    const st = info.State;
    name = info.Name.replace(/^\//, '');
    const running = st.Running && !st.Paused && !st.Restarting;
    const up = upSince === undefined ? '' : ` after ${secs(now - upSince)} of the ${opts.stableSeconds} s stability window`;
    if (!baseline && !NEVER.test(st.StartedAt ?? '')) baseline = { restarts: info.RestartCount, startedAt: st.StartedAt };
    if (baseline && (st.Restarting || info.RestartCount !== baseline.restarts || st.StartedAt !== baseline.startedAt)) {
      return fail(`restarted${up} (restart count ${baseline.restarts} → ${info.RestartCount}, last exit code ${st.ExitCode})`, st.ExitCode);
    }
    if (st.Status === 'exited' || st.Status === 'dead') {
      const why = [st.OOMKilled ? 'out of memory' : '', st.Error ?? ''].filter(Boolean).join(', ');
      return fail(`exited with code ${st.ExitCode}${why ? ` (${why})` : ''}${up}`, st.ExitCode);
    }
    // Podman reports a container without a health check as Health.Status '' (Docker: no Health).
    const health = st.Health?.Status || undefined;
    if (health === 'unhealthy') {
      const last = st.Health?.Log?.at(-1)?.Output?.trim();
      return fail(`is unhealthy${last ? ` (check said: ${last})` : ''}${up}`);
    }
    if (running && (health === undefined || health === 'none' || health === 'healthy')) {
      upSince ??= now;
      if (now - upSince >= stableMs) return info;
    } else {
      upSince = undefined;
    }
    if (now >= deadline) {
      const state = health && health !== 'healthy' && health !== 'none' ? `${st.Status}, health ${health}` : st.Status;
      const progress = upSince === undefined ? '' : `; it had been up for ${secs(now - upSince)} of ${opts.stableSeconds} s`;
      return fail(
        `was not proven within ${opts.timeoutSeconds} s: running${health ? ' and healthy' : ''} with no restart for ${opts.stableSeconds} s (state: ${state}${progress})`,
      );
    }
    // Never sleep past the moment the window completes or the deadline falls.
    const until = Math.min(upSince === undefined ? Infinity : upSince + stableMs, deadline);
    await sleep(Math.max(1, Math.min(pollMs, until - now)), opts.signal, cancelled);
  }
}
