/**
 * Proves a started container works before anything old is thrown away: it must stay running for a
 * short stable period (and report `healthy` when it has a health check) within `wait-timeout`.
 * A container that exits fails at once, with its exit code and the tail of its logs.
 */
import type { ContainerDetails, DockerApi } from './docker-api.js';
import { containerLogs } from './attributes.js';

/** What waitUntilRunning needs. */
export interface WaitOptions {
  /** Resource name, for messages. */
  resource: string;
  /** Endpoint display name, for messages. */
  endpoint: string;
  /** The `wait-timeout` input, in seconds. */
  timeoutSeconds: number;
  /** How long the container must stay up (default 2000 ms; capped by the timeout). */
  stableMs?: number;
  /** Milliseconds between two inspections (default 250). */
  pollMs?: number;
  /** Log lines quoted in a failure (default 20). */
  tailLines?: number;
}

/** A container that did not come up: the message has the exit code and the log tail. */
export class ContainerStartError extends Error {
  constructor(
    message: string,
    readonly exitCode?: number,
  ) {
    super(message);
    this.name = 'ContainerStartError';
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** The last `lines` log lines of a container, indented for an error message ('' when none). */
export async function logTail(docker: DockerApi, id: string, lines = 20): Promise<string> {
  try {
    const text = await containerLogs(docker, id, { tail: lines });
    const kept = text.replace(/\s+$/, '').split('\n').slice(-lines);
    return kept.length && kept[0] !== '' ? kept.map((l) => `  | ${l}`).join('\n') : '';
  } catch {
    return '';
  }
}

async function failure(docker: DockerApi, id: string, what: string, opts: WaitOptions, exitCode?: number): Promise<ContainerStartError> {
  const tail = await logTail(docker, id, opts.tailLines ?? 20);
  const logs = tail ? `; last log lines:\n${tail}` : '; it wrote no logs';
  return new ContainerStartError(`resource '${opts.resource}' on endpoint '${opts.endpoint}': ${what}${logs}`, exitCode);
}

/**
 * Waits until the container has been running for the stable period (and is healthy when it has a
 * health check). Throws ContainerStartError when it exits, restarts, turns unhealthy or times out.
 */
export async function waitUntilRunning(docker: DockerApi, id: string, opts: WaitOptions): Promise<ContainerDetails> {
  const started = Date.now();
  const deadline = started + opts.timeoutSeconds * 1000;
  const stableMs = Math.min(opts.stableMs ?? 2000, opts.timeoutSeconds * 1000 / 2);
  const pollMs = opts.pollMs ?? 250;
  let upSince: number | undefined;
  let firstRestartCount: number | undefined;
  for (;;) {
    const info = await docker.inspectContainer(id);
    const st = info.State;
    const name = info.Name.replace(/^\//, '');
    firstRestartCount ??= info.RestartCount;
    if (st.Status === 'exited' || st.Status === 'dead') {
      return Promise.reject(await failure(docker, id, `container '${name}' exited with code ${st.ExitCode}${st.Error ? ` (${st.Error})` : ''}`, opts, st.ExitCode));
    }
    if (st.Restarting || info.RestartCount > firstRestartCount) {
      return Promise.reject(await failure(docker, id, `container '${name}' keeps restarting (last exit code ${st.ExitCode})`, opts, st.ExitCode));
    }
    const health = st.Health?.Status;
    if (health === 'unhealthy') {
      const last = st.Health?.Log?.at(-1)?.Output?.trim();
      return Promise.reject(await failure(docker, id, `container '${name}' is unhealthy${last ? ` (check said: ${last})` : ''}`, opts));
    }
    if (st.Running && !st.Paused) {
      upSince ??= Date.now();
      const healthy = health === undefined || health === 'healthy' || health === 'none';
      if (healthy && Date.now() - upSince >= stableMs) return info;
    } else {
      upSince = undefined;
    }
    if (Date.now() >= deadline) {
      const state = health && health !== 'healthy' ? `${st.Status}, health ${health}` : st.Status;
      return Promise.reject(
        await failure(docker, id, `container '${name}' was not running${health ? ' and healthy' : ''} within ${opts.timeoutSeconds} s (state: ${state})`, opts),
      );
    }
    await sleep(pollMs);
  }
}
