/**
 * The post step's own decisions, without an engine to repair (the repair itself is in
 * engine/repair.integration.test.ts and the runner tests): settled or empty state means one line
 * and nothing else; a problem it cannot fix is a warning naming resource and endpoint, never a throw.
 */
import { expect, jest, test } from '@jest/globals';
import { post } from '../src/post.js';
import { STATE } from '../src/step-state.js';
import { freePort } from './helpers/stack.js';
import { lab } from './helpers/lab.js';

function recorder() {
  const info: string[] = [];
  const warning: string[] = [];
  return { info, warning, log: { info: (l: string) => info.push(l), warning: (l: string) => warning.push(l) } };
}

const journal = JSON.stringify([{ kind: 'created', resource: 'web', endpoint: 'tcp://127.0.0.1:1', id: 'c'.repeat(64) }]);

test('settled state: one line, no inputs read, no connection', async () => {
  const r = recorder();
  await post({}, (n) => ({ [STATE.isPost]: 'true', [STATE.settled]: 'true', [STATE.journal]: journal })[n] ?? '', r.log);
  expect(r.info).toEqual(['hotdock post: the main step settled; nothing to repair']);
  expect(r.warning).toEqual([]);
});

test('inputs that cannot be read: a warning, and the job is not failed', async () => {
  const r = recorder();
  jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  const state = { [STATE.isPost]: 'true', [STATE.stack]: 's', [STATE.run]: 'r', [STATE.journal]: journal };
  await post({}, (n) => (state as Record<string, string>)[n] ?? '', r.log);
  jest.restoreAllMocks();
  expect(r.warning).toEqual([expect.stringMatching(/^hotdock post: could not repair what the main step left: Input required and not supplied: template/)]);
  expect(process.exitCode).toBeUndefined();
});

test('an endpoint that refuses: one warning per entry and lock, naming resource and endpoint', async () => {
  const r = recorder();
  const port = await freePort();
  const ep = `tcp://127.0.0.1:${port}`;
  const state = {
    [STATE.isPost]: 'true',
    [STATE.stack]: 's',
    [STATE.run]: 'r',
    [STATE.journal]: JSON.stringify([{ kind: 'created', resource: 'web', endpoint: ep, id: 'c'.repeat(64) }]),
    [STATE.locks]: JSON.stringify([{ endpoint: ep, id: 'l'.repeat(64) }]),
  };
  await post({ INPUT_TEMPLATE: 'stack.yaml' }, (n) => (state as Record<string, string>)[n] ?? '', r.log);
  expect(r.warning).toEqual([
    expect.stringMatching(new RegExp(`^hotdock post: the lock of stack 's' on endpoint '${ep}': could not release it: .*${ep}`)),
    expect.stringMatching(new RegExp(`^hotdock post: resource 'web' on endpoint '${ep}': could not remove what this run created: .*${ep}`)),
  ]);
  expect(r.info.at(-1)).toBe('hotdock post: done: 0 repaired, 2 left to the next run');
});

test('a resource name from the template cannot become a workflow command in the post step log', async () => {
  lab();
  // A container already gone: the repair line is an info line, which @actions/core writes as is.
  const ep = 'unix:///var/run/docker.sock';
  const state = {
    [STATE.isPost]: 'true',
    [STATE.stack]: 's',
    [STATE.run]: 'r',
    [STATE.journal]: JSON.stringify([{ kind: 'created', resource: 'web\n::error::pwned', endpoint: ep, id: 'c'.repeat(64) }]),
  };
  const written: string[] = [];
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  });
  try {
    await post({ INPUT_TEMPLATE: 'stack.yaml' }, (n) => (state as Record<string, string>)[n] ?? '');
  } finally {
    jest.restoreAllMocks();
  }
  const lines = written.join('').split('\n');
  expect(lines).toContainEqual(expect.stringMatching(/^hotdock post: resource 'web\\n::error::pwned' on endpoint 'unix:.*': container c{12} this run created is already gone$/));
  expect(lines.filter((l) => l.startsWith('::'))).toEqual([]);
});
