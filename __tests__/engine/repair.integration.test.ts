/**
 * The post step's repair on the local engine, from the states a killed main step leaves: a replace
 * stopped half-way (old aside, new unproven), a replacement it had no time to record, what it
 * created and started, a lock it no longer holds, and names held by containers it did not make.
 * The states are built by hand with the Engine API, as an interrupted run leaves them.
 */
import { afterAll, expect, test } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { lab } from '../helpers/lab.js';
import { cleanupStack, localDocker, TEST_IMAGE, uniqueStack } from '../helpers/stack.js';
import { dockerApiOf } from '../../src/engine/docker-api.js';
import { repairRun } from '../../src/engine/repair.js';
import type { JournalEntry } from '../../src/deploy/types.js';
import {
  LABEL_LOCK, LABEL_LOCK_RENEW, LABEL_LOCK_RUN, LABEL_LOCK_TOKEN, LABEL_RESOURCE, LABEL_RUN, LABEL_STACK,
} from '../../src/spec/labels.js';

const EP = 'unix:///var/run/docker.sock';
const docker = localDocker();
const api = dockerApiOf(docker);
const stacks: string[] = [];
afterAll(async () => {
  for (const s of stacks) await cleanupStack(docker, s);
  const renewals = await docker.listContainers({ all: true, filters: { label: [LABEL_LOCK_RENEW] } });
  for (const r of renewals.filter((c) => stacks.includes(c.Labels[LABEL_LOCK_RENEW]))) await docker.getContainer(r.Id).remove({ force: true });
});

function newStack(): { stack: string; run: string } {
  const stack = uniqueStack('repair');
  stacks.push(stack);
  return { stack, run: `run-${randomBytes(3).toString('hex')}` };
}

async function container(name: string, labels: Record<string, string>, start = true): Promise<string> {
  const c = await docker.createContainer({ name, Image: TEST_IMAGE, Labels: labels });
  if (start) await c.start();
  return c.id;
}

/** The old container of a replace, stopped and renamed aside as the run left it. */
async function asideOf(stack: string, run: string, resource: string): Promise<{ id: string; entry: Extract<JournalEntry, { kind: 'aside' }> }> {
  const name = `${stack}-${resource}`;
  const id = await container(name, { [LABEL_STACK]: stack, [LABEL_RESOURCE]: resource, [LABEL_RUN]: 'an-earlier-run' });
  await docker.getContainer(id).stop({ t: 0 });
  const asideName = `${name}-hotdock-aside-${run}-${id.slice(0, 12)}`;
  await docker.getContainer(id).rename({ name: asideName });
  return { id, entry: { kind: 'aside', resource, endpoint: EP, aside: { id, endpoint: EP, resource, originalName: name, asideName, wasRunning: true } } };
}

/** A lock container of the run with one renewal, as a killed holder leaves them. */
async function lockOf(stack: string, run: string): Promise<string> {
  const token = randomBytes(8).toString('hex');
  const id = await container(`hotdock-lock.${stack}`, { [LABEL_LOCK]: stack, [LABEL_LOCK_RUN]: run, [LABEL_LOCK_TOKEN]: token }, false);
  await container(`hotdock-lock.${stack}.renew-${token}-1`, { [LABEL_LOCK_RENEW]: stack, [LABEL_LOCK_TOKEN]: token, [LABEL_LOCK_RUN]: run }, false);
  return id;
}

async function state(id: string): Promise<{ name: string; running: boolean } | undefined> {
  try {
    const c = await docker.getContainer(id).inspect();
    return { name: c.Name.replace(/^\//, ''), running: c.State.Running };
  } catch {
    return undefined;
  }
}

async function lockContainers(stack: string): Promise<number> {
  const held = await docker.listContainers({ all: true, filters: { label: [`${LABEL_LOCK}=${stack}`] } });
  const renewals = await docker.listContainers({ all: true, filters: { label: [`${LABEL_LOCK_RENEW}=${stack}`] } });
  return held.length + renewals.length;
}

test('a replace killed half-way: the unproven new container goes, the old one is back and running, the lock is released', async () => {
  lab();
  const { stack, run } = newStack();
  const lock = await lockOf(stack, run);
  const old = await asideOf(stack, run, 'web');
  const fresh = await container(`${stack}-web`, { [LABEL_STACK]: stack, [LABEL_RESOURCE]: 'web', [LABEL_RUN]: run });
  const made: JournalEntry = { kind: 'created', resource: 'web', endpoint: EP, id: fresh };
  const result = await repairRun([{ ...old.entry, replacementId: fresh }, made], [{ endpoint: EP, id: lock }], { stack, run, engines: new Map([[EP, api]]) });

  expect(result.problems).toEqual([]);
  expect(await state(old.id)).toEqual({ name: `${stack}-web`, running: true });
  expect(await state(fresh)).toBeUndefined();
  expect(await lockContainers(stack)).toBe(0);
  expect(result.done).toEqual([
    expect.stringMatching(/resource 'web' on endpoint 'unix:.*': removed '.*-web' \(\w{12}\), which this run created/),
    expect.stringMatching(/resource 'web' .*: brought back '.*-web' \(\w{12}\), running/),
    expect.stringMatching(/the lock of stack '.*' on endpoint 'unix:.*': released/),
  ]);
});

test('a replacement the run had no time to record is found by the name it holds, and goes', async () => {
  lab();
  const { stack, run } = newStack();
  const old = await asideOf(stack, run, 'web');
  const fresh = await container(`${stack}-web`, { [LABEL_STACK]: stack, [LABEL_RESOURCE]: 'web', [LABEL_RUN]: run });
  const result = await repairRun([old.entry], [], { stack, run, engines: new Map([[EP, api]]) });
  expect(result.problems).toEqual([]);
  expect(result.done[0]).toMatch(/brought back .*removed the unproven/);
  expect(await state(fresh)).toBeUndefined();
  expect(await state(old.id)).toEqual({ name: `${stack}-web`, running: true });
});

test('the name held by a container this run did not create stops the repair of that resource, and says so', async () => {
  lab();
  const { stack, run } = newStack();
  const old = await asideOf(stack, run, 'web');
  const other = await container(`${stack}-web`, { [LABEL_STACK]: stack, [LABEL_RESOURCE]: 'web', [LABEL_RUN]: 'another-run' });
  const result = await repairRun([old.entry], [], { stack, run, engines: new Map([[EP, api]]) });
  expect(result.done).toEqual([]);
  expect(result.problems).toEqual([expect.stringMatching(/^resource 'web' on endpoint 'unix:.*': could not bring back .*held by container \w{12}, which run .* did not create/)]);
  expect((await state(other))?.running).toBe(true);
  expect(await state(old.id)).toEqual({ name: old.entry.aside.asideName, running: false });
});

test('created: removed only with this run\'s label; started: stopped again', async () => {
  lab();
  const { stack, run } = newStack();
  const ours = await container(`${stack}-a`, { [LABEL_STACK]: stack, [LABEL_RESOURCE]: 'a', [LABEL_RUN]: run });
  const notOurs = await container(`${stack}-b`, { [LABEL_STACK]: stack, [LABEL_RESOURCE]: 'b' });
  const wasStopped = await container(`${stack}-c`, { [LABEL_STACK]: stack, [LABEL_RESOURCE]: 'c', [LABEL_RUN]: 'an-earlier-run' });
  const journal: JournalEntry[] = [
    { kind: 'created', resource: 'a', endpoint: EP, id: ours },
    { kind: 'created', resource: 'b', endpoint: EP, id: notOurs },
    { kind: 'started', resource: 'c', endpoint: EP, id: wasStopped },
  ];
  const result = await repairRun(journal, [], { stack, run, engines: new Map([[EP, api]]), stopTimeoutSeconds: 1 });
  expect(await state(ours)).toBeUndefined();
  expect((await state(notOurs))?.running).toBe(true);
  expect((await state(wasStopped))?.running).toBe(false);
  expect(result.problems).toEqual([expect.stringMatching(/^resource 'b' on endpoint 'unix:.*': could not remove .*does not carry run .*'s labels; left alone/)]);
  expect(result.done).toHaveLength(2);
});

test('a lock another run took over fences the endpoint: nothing of the journal is undone there, its lock stays', async () => {
  lab();
  const { stack, run } = newStack();
  const theirs = await lockOf(stack, 'the-run-that-took-over');
  const old = await asideOf(stack, run, 'web');
  const result = await repairRun([old.entry], [{ endpoint: EP, id: theirs }], { stack, run, engines: new Map([[EP, api]]) });
  expect(result.done).toEqual([]);
  expect(result.problems).toEqual([expect.stringMatching(/^resource 'web' on endpoint 'unix:.*': not repaired: .*no longer held by run/)]);
  expect(await lockContainers(stack)).toBe(2);
  expect((await state(old.id))?.name).toBe(old.entry.aside.asideName);
});

test('an endpoint that cannot be reached is a problem per entry and lock, naming both', async () => {
  const result = await repairRun(
    [{ kind: 'created', resource: 'web', endpoint: 'h2', id: 'f'.repeat(64) }],
    [{ endpoint: 'h2', id: 'e'.repeat(64) }],
    { stack: 's', run: 'r', engines: new Map([['h2', new Error("cannot reach Docker endpoint 'h2': connection refused")]]) },
  );
  expect(result.done).toEqual([]);
  expect(result.problems).toEqual([
    "the lock of stack 's' on endpoint 'h2': could not release it: cannot reach Docker endpoint 'h2': connection refused",
    "resource 'web' on endpoint 'h2': could not remove what this run created: cannot reach Docker endpoint 'h2': connection refused",
  ]);
});
