/**
 * Walks a DAG of operations with bounded parallelism per lane (one lane per endpoint): a node starts
 * once every node it depends on is done and its lane has a free slot. No decisions live here.
 */

/** One operation of the DAG. */
export interface DagNode {
  /** Unique id of this node. */
  id: string;
  /** What other nodes name in dependsOn (several nodes may share a key, e.g. remove + create of a moved resource). */
  key: string;
  /** Keys that must be done first; keys no node has are taken as done. */
  dependsOn: readonly string[];
  /** Parallelism is bounded per lane (the endpoint). */
  lane: string;
}

/** How the walk ended. */
export interface WalkResult {
  /** Ids done, in completion order. */
  done: string[];
  failed: { id: string; error: unknown }[];
  /** Ids never started (after a failure, or behind a failed dependency). */
  skipped: string[];
}

/** Walk options. */
export interface WalkOptions {
  /** Operations in flight per lane (the `max-parallel` input). */
  limitPerLane: number;
  /** After a failure start nothing more (default true); otherwise only dependents of a failure are skipped. */
  stopOnError?: boolean;
  /** Once aborted, start nothing more; what runs is awaited, what waits is reported as skipped. */
  signal?: AbortSignal;
}

/**
 * Runs `run` for every node in dependency order, at most `limitPerLane` at a time per lane, and
 * resolves when nothing is in flight. Never rejects: failures are in the result.
 */
export async function walkDag<N extends DagNode>(nodes: readonly N[], run: (node: N) => Promise<void>, opts: WalkOptions): Promise<WalkResult> {
  const limit = Math.max(1, Math.floor(opts.limitPerLane));
  const stopOnError = opts.stopOnError ?? true;
  const keys = new Map<string, N[]>();
  for (const n of nodes) keys.set(n.key, [...(keys.get(n.key) ?? []), n]);
  const state = new Map<string, 'waiting' | 'running' | 'done' | 'failed' | 'skipped'>(nodes.map((n) => [n.id, 'waiting']));
  const inFlight = new Map<string, number>();
  const result: WalkResult = { done: [], failed: [], skipped: [] };
  let stopped = false;

  const depState = (n: N): 'ready' | 'blocked' | 'doomed' => {
    let blocked = false;
    for (const key of n.dependsOn) {
      if (key === n.key) continue;
      for (const dep of keys.get(key) ?? []) {
        const s = state.get(dep.id);
        if (s === 'failed' || s === 'skipped') return 'doomed';
        if (s !== 'done') blocked = true;
      }
    }
    return blocked ? 'blocked' : 'ready';
  };

  return new Promise<WalkResult>((resolve) => {
    const pump = (): void => {
      let progressed = true;
      // Skipping can cascade (a skipped node dooms its dependents): repeat until stable.
      while (progressed) {
        progressed = false;
        for (const n of nodes) {
          if (state.get(n.id) !== 'waiting') continue;
          const deps = depState(n);
          if (deps === 'doomed') {
            state.set(n.id, 'skipped');
            result.skipped.push(n.id);
            progressed = true;
            continue;
          }
          if (stopped || opts.signal?.aborted) continue; // left waiting; reported as skipped once nothing runs
          if (deps !== 'ready') continue;
          const busy = inFlight.get(n.lane) ?? 0;
          if (busy >= limit) continue;
          inFlight.set(n.lane, busy + 1);
          state.set(n.id, 'running');
          void run(n).then(
            () => finish(n, 'done'),
            (error: unknown) => finish(n, 'failed', error),
          );
        }
      }
      const running = [...state.values()].some((s) => s === 'running');
      if (!running) {
        // Whatever still waits can never start (a cycle, or stopped): report it as skipped.
        for (const n of nodes) {
          if (state.get(n.id) === 'waiting') {
            state.set(n.id, 'skipped');
            result.skipped.push(n.id);
          }
        }
        resolve(result);
      }
    };
    const finish = (n: N, how: 'done' | 'failed', error?: unknown): void => {
      inFlight.set(n.lane, (inFlight.get(n.lane) ?? 1) - 1);
      state.set(n.id, how);
      if (how === 'done') result.done.push(n.id);
      else {
        result.failed.push({ id: n.id, error });
        if (stopOnError) stopped = true;
      }
      pump();
    };
    // An abort while nothing finishes (all waiting on a slot) must still end the walk.
    opts.signal?.addEventListener('abort', () => pump(), { once: true });
    pump();
  });
}

/**
 * A slot limiter: at most `n` calls of the returned function run at once; the others queue in
 * call order. The executor keeps one per endpoint for Docker operations (`max-parallel`).
 */
export function createLimiter(n: number): <T>(fn: () => Promise<T>) => Promise<T> {
  const limit = Math.max(1, Math.floor(n));
  let active = 0;
  const queue: (() => void)[] = [];
  const release = (): void => {
    active--;
    queue.shift()?.();
  };
  return async <T>(fn: () => Promise<T>): Promise<T> => {
    if (active >= limit) await new Promise<void>((resolve) => queue.push(resolve));
    active++;
    try {
      return await fn();
    } finally {
      release();
    }
  };
}
