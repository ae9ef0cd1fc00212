/**
 * Cancellation on an injected process-like emitter (no real signals): the first SIGINT/SIGTERM
 * aborts the run's signal and logs one line, later ones change nothing, the safety timer writes the
 * last words and exits non-zero even when they hang, and a finished run stops listening.
 */
import { afterEach, beforeEach, expect, jest, test } from '@jest/globals';
import { EventEmitter } from 'node:events';
import { CancelledError, cancelledError, listenForCancel, type CancelSignal, type SignalSource } from '../src/cancel.js';

function setup(deadlineMs = 6000, lastWordsMs = 700) {
  const source = new EventEmitter() as EventEmitter & SignalSource;
  const lines: string[] = [];
  const exits: number[] = [];
  const cancel = listenForCancel({ source, log: (l) => lines.push(l), exit: (c) => exits.push(c), deadlineMs, lastWordsMs });
  const send = (s: CancelSignal) => source.emit(s, s);
  return { source, lines, exits, cancel, send };
}

beforeEach(() => {
  jest.useFakeTimers();
});
afterEach(() => {
  jest.useRealTimers();
});

test('the first SIGINT aborts the signal with a reason naming it, and logs one line', () => {
  const { cancel, lines, exits, send } = setup();
  expect(cancel.signal.aborted).toBe(false);
  send('SIGINT');
  expect(cancel.signal.aborted).toBe(true);
  expect(cancel.signal.reason).toBeInstanceOf(CancelledError);
  expect((cancel.signal.reason as Error).message).toBe('cancelled by SIGINT');
  expect(cancel.received).toBe('SIGINT');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/SIGINT received: cancelling/);
  expect(exits).toEqual([]);
});

test('SIGTERM cancels as well', () => {
  const { cancel, send } = setup();
  send('SIGTERM');
  expect(cancel.received).toBe('SIGTERM');
  expect((cancel.signal.reason as Error).message).toBe('cancelled by SIGTERM');
});

test('a second signal neither exits nor changes the reason', () => {
  const { cancel, lines, exits, send, source } = setup();
  send('SIGINT');
  send('SIGTERM');
  send('SIGINT');
  expect(exits).toEqual([]);
  expect(cancel.received).toBe('SIGINT');
  expect((cancel.signal.reason as Error).message).toBe('cancelled by SIGINT');
  expect(lines.slice(1)).toEqual([expect.stringMatching(/SIGTERM received while cancelling/), expect.stringMatching(/SIGINT received while cancelling/)]);
  // The signal listeners stay: a default SIGINT would end the process before its cleanup.
  expect([source.listenerCount('SIGINT'), source.listenerCount('SIGTERM')]).toEqual([1, 1]);
});

test('the safety timer writes the last words, then exits 1 at the deadline', async () => {
  const { cancel, exits, lines, send } = setup(6000);
  const words: string[] = [];
  cancel.beforeExit(() => {
    words.push('outputs and summary');
  });
  send('SIGINT');
  await jest.advanceTimersByTimeAsync(5999);
  expect(exits).toEqual([]);
  expect(words).toEqual([]);
  await jest.advanceTimersByTimeAsync(1);
  expect(words).toEqual(['outputs and summary']);
  expect(exits).toEqual([1]);
  expect(lines.at(-1)).toMatch(/did not end within 6 s of SIGINT/);
});

test('last words that hang or fail do not keep the process: it exits once their time is up', async () => {
  const { cancel, exits, send } = setup(6000, 700);
  cancel.beforeExit(() => new Promise<void>(() => undefined));
  cancel.beforeExit(() => Promise.reject(new Error('disk full')));
  send('SIGTERM');
  await jest.advanceTimersByTimeAsync(6000 + 699);
  expect(exits).toEqual([]);
  await jest.advanceTimersByTimeAsync(1);
  expect(exits).toEqual([1]);
});

test('a run that ends after a cancel exits at once, non-zero even when asked for 0, and only once', async () => {
  const { cancel, exits, send } = setup();
  const words: string[] = [];
  cancel.beforeExit(() => {
    words.push('late');
  });
  send('SIGINT');
  cancel.finish(0);
  expect(exits).toEqual([1]);
  await jest.advanceTimersByTimeAsync(10_000);
  expect(exits).toEqual([1]);
  expect(words).toEqual([]);
});

test('a run that ends without a cancel stops listening and never exits', async () => {
  const { cancel, source, exits, send } = setup();
  expect(source.listenerCount('SIGINT')).toBe(1);
  cancel.finish(0);
  expect(source.listenerCount('SIGINT')).toBe(0);
  expect(source.listenerCount('SIGTERM')).toBe(0);
  send('SIGINT');
  await jest.advanceTimersByTimeAsync(10_000);
  expect(cancel.signal.aborted).toBe(false);
  expect(exits).toEqual([]);
});

test('cancelledError names the signal and keeps the run error', () => {
  expect(cancelledError('SIGINT', undefined)).toBe('cancelled by SIGINT');
  expect(cancelledError('SIGTERM', 'resource web: rolled back')).toBe('cancelled by SIGTERM: resource web: rolled back');
  expect(cancelledError('SIGINT', 'the run was cancelled; rolled back web')).toBe('the run was cancelled; rolled back web');
});
