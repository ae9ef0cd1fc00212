/**
 * runStack's hooks and plan on the local engine: the held locks and the journal as they change, a
 * run cancelled through its signal, and a resource renamed in the template that keeps its `name:`.
 */
import { runStack } from '../../src/engine/run.js';
import type { JournalEntry } from '../../src/deploy/types.js';
import { cleanupStack, container, localDocker, recordingLog, stackOf, testSettings, uniqueStack } from '../helpers/stack.js';

const docker = localDocker();
const stacks: string[] = [];
// sleep ignores SIGTERM as PID 1: stop kills at once instead of waiting out a timeout.
const options = { stopTimeoutSeconds: 0 };
afterAll(async () => {
  await Promise.all(stacks.map((s) => cleanupStack(docker, s)));
}, 60000);

const newStack = (): string => {
  const s = uniqueStack();
  stacks.push(s);
  return s;
};
const containersOf = (s: string) => docker.listContainers({ all: true, filters: { label: [`io.hotdock.stack=${s}`] } });

test('onLocks sees the held lock, then none; onJournal sees the changes, then []', async () => {
  const s = newStack();
  const locks: { endpoint: string; id: string }[][] = [];
  const journals: (readonly JournalEntry[])[] = [];
  const report = await runStack(testSettings(s), stackOf(s, [container('a', { cmd: ['sleep', '300'] })]), recordingLog(), {
    ...options,
    onLocks: (l) => locks.push(l),
    onJournal: (j) => journals.push(j),
  });
  expect(report.error).toBeUndefined();
  expect(locks).toHaveLength(2);
  expect(locks[0]).toEqual([{ endpoint: 'unix:///var/run/docker.sock', id: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
  expect(locks[1]).toEqual([]);
  expect(journals.map((j) => j.map((e) => `${e.kind} ${e.resource}`))).toEqual([['created a'], []]);
}, 60000);

test('a run cancelled mid-deploy rolls back, releases its lock and says cancelled', async () => {
  const s = newStack();
  const first = await runStack(testSettings(s), stackOf(s, [container('a', { cmd: ['sleep', '300'], env: ['V=1'] })]), recordingLog(), options);
  expect(first.error).toBeUndefined();
  const before = (await containersOf(s)).map((c) => c.Id);
  const abort = new AbortController();
  const resources = [container('a', { cmd: ['sleep', '300'], env: ['V=2'] }), container('b', { cmd: ['sleep', '300'] }, { dependsOn: ['a'] })];
  const report = await runStack(testSettings(s), stackOf(s, resources), recordingLog(), {
    ...options,
    signal: abort.signal,
    onJournal: (j) => {
      if (j.length > 0) abort.abort();
    },
  });
  expect(report).toMatchObject({ result: 'failure', cancelled: true, changed: false });
  expect(report.error).toMatch(/^the run was cancelled/);
  const after = await containersOf(s);
  expect(after.map((c) => c.Id)).toEqual(before);
  expect(after[0].State).toBe('running');
  expect(await docker.listContainers({ all: true, filters: { label: [`io.hotdock.lock=${s}`] } })).toHaveLength(0);
}, 60000);

test('a resource renamed in the template that keeps its fixed name is replaced, not created beside', async () => {
  const s = newStack();
  const fixed = `${s}-www`;
  const first = await runStack(testSettings(s), stackOf(s, [container('web', { cmd: ['sleep', '300'], name: fixed })]), recordingLog(), options);
  expect(first.error).toBeUndefined();
  const report = await runStack(testSettings(s), stackOf(s, [container('frontend', { cmd: ['sleep', '300'], name: fixed })]), recordingLog(), options);
  expect(report.error).toBeUndefined();
  expect(report.plan).toEqual([{ resource: 'frontend', endpoint: 'unix:///var/run/docker.sock', action: 'replace', reasons: ['renamed from web'] }]);
  const after = await containersOf(s);
  expect(after.map((c) => `${c.Names[0]} ${c.Labels['io.hotdock.resource']} ${c.State}`)).toEqual([`/${fixed} frontend running`]);
  const again = await runStack(testSettings(s), stackOf(s, [container('frontend', { cmd: ['sleep', '300'], name: fixed })]), recordingLog(), options);
  expect(again.plan.map((p) => p.action)).toEqual(['unchanged']);
}, 60000);
