/**
 * The rollback journal: what the run changed on its endpoints, entry by entry, and how to take it
 * back. Kept in memory for the executor's rollback and published (onJournal) after every change so
 * that a post step can replay the undo when the process dies before it settles.
 */
import type { DockerApi } from './docker-api.js';
import { removeQuietly, restoreAside, stopQuietly } from './safe-replace.js';
import type { DeployLog, JournalEntry } from '../deploy/types.js';

/** An append-mostly list of entries that tells its listener every change. */
export class Journal {
  private list: JournalEntry[] = [];

  constructor(private readonly listener?: (entries: readonly JournalEntry[]) => void) {}

  /** The entries, oldest first. */
  get entries(): readonly JournalEntry[] {
    return this.list;
  }

  /** Appends an entry and returns it. */
  add(entry: JournalEntry): JournalEntry {
    this.list = [...this.list, entry];
    this.publish();
    return entry;
  }

  /** Replaces `old` by `next` (e.g. an aside entry learning its replacement's id). */
  update(old: JournalEntry, next: JournalEntry): JournalEntry {
    this.list = this.list.map((e) => (e === old ? next : e));
    this.publish();
    return next;
  }

  /** Drops an entry (its change was undone or made permanent on the spot). */
  drop(entry: JournalEntry): void {
    this.list = this.list.filter((e) => e !== entry);
    this.publish();
  }

  /** The run settled (committed or rolled back): nothing is left to undo. */
  settle(): void {
    this.list = [];
    this.publish();
  }

  private publish(): void {
    try {
      this.listener?.(this.list);
    } catch {
      // A listener (state saving) must never break a deploy.
    }
  }
}

/** How rollback may act. */
export interface UndoOptions {
  stopTimeoutSeconds?: number;
  /**
   * The run cannot prove it still holds its lock: only remove what it created and restore what it
   * put aside; stopping a container it merely started could hit one another run now relies on.
   */
  fenced: boolean;
}

/** Undoes one entry. A `started` entry is skipped (resolves false) when fenced. */
export async function undoEntry(docker: DockerApi, entry: JournalEntry, opts: UndoOptions): Promise<boolean> {
  switch (entry.kind) {
    case 'created':
      await removeQuietly(docker, entry.id);
      return true;
    case 'aside':
      await restoreAside(docker, entry.aside, entry.replacementId);
      return true;
    case 'started':
      if (opts.fenced) return false;
      await stopQuietly(docker, entry.id, opts.stopTimeoutSeconds);
      return true;
  }
}

/** What a rollback undid, and what it could not. */
export interface RollbackResult {
  /** Resources with at least one change undone. */
  resources: string[];
  problems: string[];
}

/** Undoes the journal newest first; an entry that cannot be undone stays in it and is reported. */
export async function rollBack(journal: Journal, engine: (endpoint: string) => DockerApi, log: DeployLog, opts: UndoOptions): Promise<RollbackResult> {
  const result: RollbackResult = { resources: [], problems: [] };
  for (const e of [...journal.entries].reverse()) {
    try {
      if (await undoEntry(engine(e.endpoint), e, opts)) {
        if (!result.resources.includes(e.resource)) result.resources.push(e.resource);
        log.progress(e.resource, 'rolled back');
      }
      journal.drop(e);
    } catch (err) {
      result.problems.push(`rolling back '${e.resource}' on endpoint '${e.endpoint}' failed: ${(err as Error).message}`);
    }
  }
  return result;
}

/**
 * The run succeeded: the old containers kept aside are no longer needed. `guard` runs before each
 * removal; when it throws (the lock is lost) the rest stay aside for the next run to discard once
 * it proved their replacements, and the error says so.
 */
export async function commit(journal: Journal, engine: (endpoint: string) => DockerApi, guard: () => void): Promise<string | undefined> {
  for (const e of journal.entries) {
    if (e.kind !== 'aside') continue;
    try {
      guard();
    } catch (err) {
      return `the deploy succeeded, but old containers were left aside: ${(err as Error).message}`;
    }
    await removeQuietly(engine(e.endpoint), e.aside.id).catch(() => undefined);
  }
  return undefined;
}
