/**
 * The state main hands to the post step: what the writer saves as the run goes, how the post step
 * reads it back (bad state is reported, never thrown), and when the post step has nothing to do.
 */
import { expect, test } from '@jest/globals';
import { readStepState, STATE, StepStateWriter } from '../src/step-state.js';
import { nothingToDo } from '../src/post.js';
import type { JournalEntry } from '../src/deploy/types.js';

/** A runner's view of saved state: the last value of each name wins. */
function recorder() {
  const saved: [string, string][] = [];
  const last = new Map<string, string>();
  const save = (name: string, value: string) => {
    saved.push([name, value]);
    last.set(name, value);
  };
  return { saved, save, get: (name: string) => last.get(name) ?? '' };
}

const aside: JournalEntry = {
  kind: 'aside',
  resource: 'web',
  endpoint: 'unix:///var/run/docker.sock',
  aside: { id: 'a'.repeat(64), endpoint: 'unix:///var/run/docker.sock', resource: 'web', originalName: 's-web', asideName: 's-web-hotdock-aside-1-aaaaaaaaaaaa', wasRunning: true },
  replacementId: 'b'.repeat(64),
};
const created: JournalEntry = { kind: 'created', resource: 'db', endpoint: 'h2', id: 'c'.repeat(64) };

test('the writer saves isPost first, then identity, journal and locks as they change; settled only when clean', () => {
  const r = recorder();
  const w = new StepStateWriter(r.save);
  w.markMain();
  w.begin('shop', '4242');
  w.locks([{ endpoint: 'h2', id: 'l1' }]);
  w.journal([aside]);
  w.journal([aside]); // unchanged: not saved again
  w.journal([aside, created]);
  w.end(); // a lock is still held: not settled
  expect(r.saved.map(([n]) => n)).toEqual([STATE.isPost, STATE.stack, STATE.run, STATE.locks, STATE.journal, STATE.journal]);

  const state = readStepState(r.get);
  expect(state).toEqual({ isPost: true, stack: 'shop', run: '4242', journal: [aside, created], locks: [{ endpoint: 'h2', id: 'l1' }], settled: false, problems: [] });
  expect(nothingToDo(state)).toBeUndefined();

  w.journal([]);
  w.locks([]);
  w.end();
  const after = readStepState(r.get);
  expect(after.settled).toBe(true);
  expect(nothingToDo(after)).toMatch(/settled; nothing to repair/);
});

test('a main step that changed nothing leaves nothing to do', () => {
  const r = recorder();
  new StepStateWriter(r.save).markMain();
  const state = readStepState(r.get);
  expect(state.isPost).toBe(true);
  expect(nothingToDo(state)).toMatch(/left no changes or locks; nothing to repair/);
});

test('unreadable state is reported, and the readable entries are kept', () => {
  const values: Record<string, string> = {
    [STATE.isPost]: 'true',
    [STATE.journal]: JSON.stringify([created, { kind: 'created', resource: 'x' }, { kind: 'burnt' }]),
    [STATE.locks]: '{not json',
  };
  const state = readStepState((n) => values[n] ?? '');
  expect(state.journal).toEqual([created]);
  expect(state.locks).toEqual([]);
  expect(state.problems).toEqual([expect.stringMatching(/'journal' has 2 unreadable entries/), expect.stringMatching(/'locks' is not JSON/)]);
});
