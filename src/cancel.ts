/**
 * Cancellation, as the GitHub runner does it: SIGINT, then SIGTERM 7.5 s later, then a kill of the
 * process tree 2.5 s after that (cancelled runs, `timeout-minutes`, `concurrency:
 * cancel-in-progress`). The first SIGINT or SIGTERM aborts the run's AbortSignal: the engine starts
 * nothing new, brings back what it stopped and releases its locks. Later signals must not end the
 * process early, since that cleanup is the whole point. A safety timer ends the process non-zero
 * within 7 s of the first signal even when the cleanup hangs, after writing outputs and summary,
 * so the step always ends before the runner's SIGTERM; the post step repairs whatever is left.
 */

/** The signals a cancel arrives as. */
export type CancelSignal = 'SIGINT' | 'SIGTERM';

const SIGNALS: readonly CancelSignal[] = ['SIGINT', 'SIGTERM'];

/** What listenForCancel needs of `process` (tests pass an EventEmitter). */
export interface SignalSource {
  on(event: CancelSignal, listener: (signal: CancelSignal) => void): unknown;
  removeListener(event: CancelSignal, listener: (signal: CancelSignal) => void): unknown;
}

/** Options of listenForCancel. */
export interface CancelOptions {
  /** One line per signal: the action's log, the CLI's stderr. */
  log: (line: string) => void;
  /** Default: `process`. */
  source?: SignalSource;
  /** Ends the process (default process.exit). */
  exit?: (code: number) => void;
  /**
   * Milliseconds from the first signal to the forced exit (default 5500): of the 7 s, what is left
   * goes to writing outputs and summary, with room for a slow machine.
   */
  deadlineMs?: number;
  /** Milliseconds the last words (beforeExit) may take before the exit happens anyway (default 800). */
  lastWordsMs?: number;
}

/** A run that can be cancelled by signal. */
export interface Cancellation {
  /** Aborted on the first SIGINT or SIGTERM; its reason is an Error naming the signal. */
  readonly signal: AbortSignal;
  /** The first signal received, when any. */
  readonly received: CancelSignal | undefined;
  /**
   * Registers what the forced exit does first (write outputs and summary). It gets at most
   * `lastWordsMs`; a rejection or a hang does not prevent the exit.
   */
  beforeExit(fn: () => void | Promise<void>): void;
  /**
   * The run ended by itself: stop listening and drop the timer. After a cancel, the process exits
   * at once with `code` (non-zero; default 1): nothing it still waits on matters any more.
   */
  finish(code?: number): void;
}

/** The error an aborted run carries: the message names the signal. */
export class CancelledError extends Error {
  constructor(readonly by: CancelSignal) {
    super(`cancelled by ${by}`);
    this.name = 'CancelledError';
  }
}

/**
 * The error of a run a signal cancelled: it names the signal, and keeps the run's own error (the
 * rollback's account) when there is one. A run whose last step finished still failed: the step was
 * cancelled.
 */
export function cancelledError(by: CancelSignal, error: string | undefined): string {
  if (error && /\bcancell?ed\b/i.test(error)) return error;
  return error ? `cancelled by ${by}: ${error}` : `cancelled by ${by}`;
}

/** Listens for the runner's cancel signals until finish(). */
export function listenForCancel(options: CancelOptions): Cancellation {
  const source = options.source ?? process;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const deadlineMs = options.deadlineMs ?? 5500;
  const lastWordsMs = options.lastWordsMs ?? 800;
  const controller = new AbortController();
  const lastWords: (() => void | Promise<void>)[] = [];
  let received: CancelSignal | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let exiting = false;

  const forceExit = async (): Promise<void> => {
    if (exiting) return;
    exiting = true;
    options.log(`hotdock: cleanup did not end within ${deadlineMs / 1000} s of ${received}: exiting now; the post step (or the next run) repairs what is left`);
    const words = Promise.allSettled(lastWords.map(async (fn) => fn()));
    let bound: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([words, new Promise((resolve) => (bound = setTimeout(resolve, lastWordsMs)))]);
    clearTimeout(bound);
    exit(1);
  };

  const onSignal = (signal: CancelSignal): void => {
    if (received) {
      // Ending now would leave stopped containers stopped: the safety timer bounds the wait instead.
      options.log(`hotdock: ${signal} received while cancelling; still cleaning up`);
      return;
    }
    received = signal;
    options.log(`hotdock: ${signal} received: cancelling (nothing new starts, what was stopped comes back, locks are released)`);
    // Kept ref'd: should the run's work hang on something that no longer keeps node alive, node
    // would end on its own without outputs; this way the exit comes from here, with them. A run
    // that ends sooner calls finish(), which exits at once.
    timer = setTimeout(() => void forceExit(), deadlineMs);
    controller.abort(new CancelledError(signal));
  };
  for (const s of SIGNALS) source.on(s, onSignal);

  return {
    signal: controller.signal,
    get received() {
      return received;
    },
    beforeExit(fn) {
      lastWords.push(fn);
    },
    finish(code = 1) {
      for (const s of SIGNALS) source.removeListener(s, onSignal);
      if (timer) clearTimeout(timer);
      if (received && !exiting) {
        exiting = true;
        exit(code === 0 ? 1 : code);
      }
    },
  };
}
