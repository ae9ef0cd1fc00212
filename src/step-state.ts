/**
 * The state the action's main step hands to its post step (core.saveState → the runner's
 * GITHUB_STATE file → `STATE_<name>` variables of the post step). Main saves the rollback journal
 * and the locks it holds as they change, and `settled` once nothing is left to repair; a main step
 * killed before that leaves the post step what it needs to undo its changes.
 *
 * State is written to disk by the runner: it holds container ids, names and endpoint names, never
 * a credential (the post step reads those from its inputs, as main did).
 */
import type { JournalEntry } from './deploy/types.js';

/** The names under which the state is saved. */
export const STATE = {
  /** Set by every main step: the post step knows it is the post step (as actions/checkout does). */
  isPost: 'isPost',
  stack: 'stack',
  run: 'run',
  /** JSON: JournalEntry[], what the run changed and has not settled yet. */
  journal: 'journal',
  /** JSON: HeldLock[], the lock containers the run holds. */
  locks: 'locks',
  /** `true` once the run settled (committed or rolled back) and released its locks. */
  settled: 'settled',
} as const;

/** A lock container held by the run. */
export interface HeldLock {
  /** Endpoint display name (an `endpoints` name or a URL). */
  endpoint: string;
  /** Id of the lock container. */
  id: string;
}

/** What the post step finds. */
export interface StepState {
  isPost: boolean;
  stack?: string;
  run?: string;
  journal: JournalEntry[];
  locks: HeldLock[];
  settled: boolean;
}

/** Saves one state value (core.saveState in the action). */
export type SaveState = (name: string, value: string) => void;

/** Reads one state value, '' when unset (core.getState in the action). */
export type GetState = (name: string) => string;

/**
 * Writes the state as the run goes. Each call appends to the runner's state file synchronously,
 * so what was saved before a SIGKILL is there for the post step.
 */
export class StepStateWriter {
  private lastJournal = '[]';
  private lastLocks = '[]';

  constructor(private readonly save: SaveState) {}

  /** The very first thing the main step does, before anything can fail. */
  markMain(): void {
    this.save(STATE.isPost, 'true');
  }

  /** The run's identity: the post step removes only what carries it. */
  begin(stack: string, run: string): void {
    this.save(STATE.stack, stack);
    this.save(STATE.run, run);
  }

  /** The rollback journal as it is now (RunOptions.onJournal). */
  journal(entries: readonly JournalEntry[]): void {
    const text = JSON.stringify(entries);
    if (text === this.lastJournal) return;
    this.lastJournal = text;
    this.save(STATE.journal, text);
  }

  /** The locks held now (RunOptions.onLocks). */
  locks(held: readonly HeldLock[]): void {
    const text = JSON.stringify(held.map(({ endpoint, id }) => ({ endpoint, id })));
    if (text === this.lastLocks) return;
    this.lastLocks = text;
    this.save(STATE.locks, text);
  }

  /** True when the journal is settled and no lock is held: nothing for the post step to do. */
  get clean(): boolean {
    return this.lastJournal === '[]' && this.lastLocks === '[]';
  }

  /** The run ended by itself: settled when nothing is left to repair. */
  end(): void {
    if (this.clean) this.save(STATE.settled, 'true');
  }
}

function parseList<T>(text: string, name: string, valid: (v: unknown) => v is T): { items: T[]; problem?: string } {
  if (text.trim() === '') return { items: [] };
  try {
    const value: unknown = JSON.parse(text);
    if (!Array.isArray(value)) return { items: [], problem: `state '${name}' is not a list` };
    const items = value.filter(valid);
    return items.length === value.length ? { items } : { items, problem: `state '${name}' has ${value.length - items.length} unreadable entries` };
  } catch (err) {
    return { items: [], problem: `state '${name}' is not JSON: ${(err as Error).message}` };
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const str = (v: unknown): v is string => typeof v === 'string' && v !== '';

function isEntry(v: unknown): v is JournalEntry {
  if (!isObject(v) || !str(v.resource) || !str(v.endpoint)) return false;
  if (v.kind === 'created' || v.kind === 'started') return str(v.id);
  if (v.kind !== 'aside' || !isObject(v.aside)) return false;
  const a = v.aside;
  return str(a.id) && str(a.originalName) && str(a.asideName) && typeof a.wasRunning === 'boolean';
}

function isLock(v: unknown): v is HeldLock {
  return isObject(v) && str(v.endpoint) && str(v.id);
}

/** Reads the state the main step left; `problems` lists what could not be read. Pure. */
export function readStepState(get: GetState): StepState & { problems: string[] } {
  const journal = parseList(get(STATE.journal), STATE.journal, isEntry);
  const locks = parseList(get(STATE.locks), STATE.locks, isLock);
  return {
    isPost: get(STATE.isPost) !== '',
    ...(get(STATE.stack) ? { stack: get(STATE.stack) } : {}),
    ...(get(STATE.run) ? { run: get(STATE.run) } : {}),
    journal: journal.items,
    locks: locks.items,
    settled: get(STATE.settled) === 'true',
    problems: [journal.problem, locks.problem].filter((p): p is string => p !== undefined),
  };
}
