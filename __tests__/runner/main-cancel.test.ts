/**
 * The action's run() under a cancel, with the deploy stage replaced by a fake that honours the
 * signal (the real engine's part is in cancel.runner.test.ts): the signal reaches runStack, the
 * journal and held locks become step state as they change and `settled` at the end, the error
 * names the cancel; a cleanup that hangs still ends in outputs, a summary and exit 1 at the deadline.
 */
import { expect, test } from '@jest/globals';
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { run } from '../../src/main.js';
import { listenForCancel, type SignalSource } from '../../src/cancel.js';
import { StepStateWriter } from '../../src/step-state.js';
import { realStages, type Stages } from '../../src/pipeline.js';
import type { DeployReport, JournalEntry } from '../../src/deploy/types.js';
import { parseOutputFile } from './harness.js';
import { actionStep } from './action-step.js';

const TEMPLATE = `heat_template_version: 2021-04-16
resources:
  web:
    type: DockerInc::Docker::Container
    properties:
      image: hotdock-test/busybox:1
`;

const created: JournalEntry = { kind: 'created', resource: 'web', endpoint: 'local', id: 'c'.repeat(64) };

const step = actionStep(TEMPLATE);

const env = () => ({ ...process.env, INPUT_TEMPLATE: 'stack.yaml', INPUT_MODE: 'deploy', GITHUB_REPOSITORY: 'acme/shop', GITHUB_RUN_ID: '77' });

function control(deadlineMs = 5500) {
  const source = new EventEmitter() as EventEmitter & SignalSource;
  const exits: number[] = [];
  const cancel = listenForCancel({ source, log: () => undefined, exit: (c) => exits.push(c), deadlineMs, lastWordsMs: 2000 });
  const state: [string, string][] = [];
  const writer = new StepStateWriter((n, v) => state.push([n, v]));
  return { source, exits, cancel, state, writer };
}

/** A deploy stage that takes a lock, journals a create, then waits for the signal and rolls back. */
function honouring(hang = false): Stages & { sawSignal: () => boolean } {
  let saw = false;
  return {
    sawSignal: () => saw,
    validate: realStages.validate,
    runStack: async (_settings, _stack, _log, options = {}) => {
      options.onLocks?.([{ endpoint: 'local', id: 'lock1' }]);
      options.onJournal?.([created]);
      await new Promise((resolve) => options.signal?.addEventListener('abort', resolve));
      saw = true;
      if (hang) await new Promise(() => undefined);
      options.onJournal?.([]);
      options.onLocks?.([]);
      const report: DeployReport = { result: 'failure', changed: false, resources: {}, outputs: {}, plan: [], warnings: [], rolledBack: ['web'], error: 'rolled back web' };
      return report;
    },
  };
}

test('SIGINT reaches runStack; the state follows journal and locks and ends settled; the error names the cancel', async () => {
  const c = control();
  const stages = honouring();
  const running = run(env(), stages, { cancel: c.cancel, state: c.writer });
  await new Promise((r) => setTimeout(r, 50));
  c.source.emit('SIGINT', 'SIGINT');
  await running;
  c.cancel.finish(1);

  expect(stages.sawSignal()).toBe(true);
  expect(c.state).toEqual([
    ['stack', 'shop-stack'],
    ['run', '77'],
    ['locks', '[{"endpoint":"local","id":"lock1"}]'],
    ['journal', JSON.stringify([created])],
    ['journal', '[]'],
    ['locks', '[]'],
    ['settled', 'true'],
  ]);
  expect(step.stdout.join('')).toContain('::error::cancelled by SIGINT: rolled back web');
  expect(parseOutputFile(readFileSync(step.files.output, 'utf8')).result).toBe('failure');
  expect(readFileSync(step.files.summary, 'utf8')).toContain('cancelled by SIGINT');
  expect(c.exits).toEqual([1]);
});

test('a cleanup that hangs: at the deadline, outputs (result=failure) and summary are written, then exit 1; not settled', async () => {
  const c = control(200);
  void run(env(), honouring(true), { cancel: c.cancel, state: c.writer });
  await new Promise((r) => setTimeout(r, 50));
  c.source.emit('SIGTERM', 'SIGTERM');
  for (let i = 0; i < 100 && c.exits.length === 0; i++) await new Promise((r) => setTimeout(r, 20));

  expect(c.exits).toEqual([1]);
  expect(parseOutputFile(readFileSync(step.files.output, 'utf8'))).toMatchObject({ result: 'failure', changed: 'false' });
  expect(step.stdout.join('')).toMatch(/::error::cancelled by SIGTERM: the cleanup did not finish in time/);
  expect(readFileSync(step.files.summary, 'utf8')).toContain('cancelled by SIGTERM');
  expect(c.state.map(([n]) => n)).not.toContain('settled');
  expect(c.state).toContainEqual(['journal', JSON.stringify([created])]);
});
