/**
 * Safe replace on the in-memory engine: the order of the Engine calls that keep an aside container
 * down through an engine restart, and every undo path of a put-aside (the real-engine tests in
 * safe-replace.integration.test.ts prove the same against dockerd).
 */
import { FakeDocker, FakeEngineError } from '../helpers/fake-docker.js';
import { createAndStart, OldContainerError, putAside, restoreAside, restorePolicy, safeReplace, type StartOptions } from '../../src/engine/safe-replace.js';
import type { DesiredContainer, ObservedContainer } from '../../src/deploy/types.js';
import { LABEL_CONFIG_HASH, LABEL_RESOURCE, LABEL_RUN, LABEL_STACK } from '../../src/spec/labels.js';
import { recordingLog } from '../helpers/stack.js';

const IMAGE = 'hotdock-test/busybox:1';
const endpoint = { name: 'fake', url: 'unix:///fake.sock', parsed: { kind: 'unix' as const, socketPath: '/fake.sock' } };
const opts: StartOptions = { stackName: 's', runId: 'gh-7/1', waitTimeout: 5, stableSeconds: 0.2, log: recordingLog() };

let fake: FakeDocker;
beforeEach(() => {
  fake = new FakeDocker({ images: [IMAGE] });
});
afterEach(() => fake.dispose());

function desired(hash: string, policy = 'always'): DesiredContainer {
  return {
    resource: 'web', endpoint, name: 's-web', image: IMAGE, configHash: hash, dependsOn: [], deletionPolicy: 'Delete',
    body: {
      Image: IMAGE,
      Labels: { [LABEL_STACK]: 's', [LABEL_RESOURCE]: 'web', [LABEL_CONFIG_HASH]: hash },
      HostConfig: { RestartPolicy: { Name: policy }, PortBindings: { '80/tcp': [{ HostPort: '8080' }] } },
    },
  };
}

async function deployed(policy = 'always'): Promise<ObservedContainer> {
  const made = await createAndStart(fake.api, desired('v1:a', policy), opts);
  const c = fake.containers.get(made.id)!;
  return { endpoint: 'fake', id: c.id, name: c.name, resource: 'web', configHash: 'v1:a', state: c.status, image: IMAGE, imageId: c.imageId, labels: c.labels };
}

test('a new container is labelled with the run that made it', async () => {
  const old = await deployed();
  expect(fake.containers.get(old.id)!.labels[LABEL_RUN]).toBe('gh-7/1');
});

test('put-aside stops, then disables the restart policy, then renames; an engine restart leaves it down', async () => {
  const old = await deployed();
  fake.calls.length = 0;
  const aside = await putAside(fake.api, old, opts);
  expect(fake.mutations().map((c) => c.op)).toEqual(['stopContainer', 'updateContainer', 'renameContainer']);
  expect(fake.mutations()[1].args[1]).toEqual({ RestartPolicy: { Name: 'no' } });
  expect(aside).toEqual({
    id: old.id, endpoint: 'fake', resource: 'web', originalName: 's-web', asideName: `s-web-hotdock-aside-gh-7-1-${old.id.slice(0, 12)}`,
    wasRunning: true, restartPolicy: { Name: 'always', MaximumRetryCount: 0 },
  });
  fake.restartEngine();
  expect(fake.containers.get(old.id)!.status).toBe('exited');
});

test('a container without a restart policy is not updated', async () => {
  const old = await deployed('no');
  fake.calls.length = 0;
  const aside = await putAside(fake.api, old, opts);
  expect(fake.mutations().map((c) => c.op)).toEqual(['stopContainer', 'renameContainer']);
  expect(aside.restartPolicy).toBeUndefined();
});

test('a failed policy update after the stop: started again under its name, with its policy', async () => {
  const old = await deployed();
  fake.failOn('updateContainer');
  const err = await putAside(fake.api, old, opts).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(OldContainerError);
  expect(err).toMatchObject({ restored: true });
  expect((err as Error).message).toMatch(/^resource 'web' on endpoint 'fake': putting the old container 's-web' aside failed: disabling its restart policy failed: .*injected failure of updateContainer; the old container was started again \(restart policy 'always' restored\) and runs under its own name$/);
  expect(fake.containers.get(old.id)).toMatchObject({ status: 'running', name: 's-web', restartPolicy: { Name: 'always' } });
});

test('restorePolicy gives a stopped container its desired policy back, and leaves a matching one alone', async () => {
  const old = await deployed();
  await fake.api.stopContainer(old.id, 0);
  await fake.api.updateContainer(old.id, { RestartPolicy: { Name: 'no' } });
  fake.calls.length = 0;
  expect(await restorePolicy(fake.api, old.id, { Name: 'always' })).toBe(true);
  expect(fake.containers.get(old.id)!.restartPolicy.Name).toBe('always');
  expect(await restorePolicy(fake.api, old.id, { Name: 'always' })).toBe(false);
  expect(fake.mutations().map((c) => c.op)).toEqual(['updateContainer']);
});

test('a failed rename after the stop: started again with its policy, and the error says so', async () => {
  const old = await deployed();
  fake.failOn('renameContainer', 1, () => new FakeEngineError(409, 'name in use'));
  const err = await putAside(fake.api, old, opts).catch((e: unknown) => e);
  expect(err).toMatchObject({ restored: true });
  expect((err as Error).message).toMatch(
    /renaming it to 's-web-hotdock-aside-gh-7-1-[0-9a-f]{12}' failed: \(HTTP code 409\) name in use; the old container was started again \(restart policy 'always' restored\) and runs under its own name$/,
  );
  expect(fake.containers.get(old.id)).toMatchObject({ status: 'running', name: 's-web', restartPolicy: { Name: 'always' } });
});

test('a failed rename and a failed start again: the error says the old container may be stopped', async () => {
  const old = await deployed();
  fake.failOn('renameContainer');
  fake.failOn('startContainer');
  const err = await putAside(fake.api, old, opts).catch((e: unknown) => e);
  expect(err).toMatchObject({ restored: false });
  expect((err as Error).message).toMatch(/; bringing the old container back also failed: .*injected failure of startContainer; it may be stopped$/);
});

test('a rename whose answer was lost is taken back before the old container starts again', async () => {
  const old = await deployed();
  const release = fake.hangOn('renameContainer');
  fake.failOn('renameContainer', 1, () => new Error('socket hang up'));
  // The engine did the rename but its answer was lost: renamed here while the call hangs, which then fails.
  const pending = putAside(fake.api, old, opts).catch((e: unknown) => e);
  await new Promise((r) => setTimeout(r, 10));
  fake.containers.get(old.id)!.name = `s-web-hotdock-aside-gh-7-1-${old.id.slice(0, 12)}`;
  release();
  const err = await pending;
  expect(err).toMatchObject({ restored: true });
  expect(fake.containers.get(old.id)).toMatchObject({ status: 'running', name: 's-web' });
});

test('restore: replacement removed, name, policy and running state back; a replay changes nothing', async () => {
  const old = await deployed();
  const aside = await putAside(fake.api, old, opts);
  const next = await createAndStart(fake.api, desired('v1:b'), opts);
  await restoreAside(fake.api, aside, next.id);
  expect(fake.containers.has(next.id)).toBe(false);
  expect(fake.containers.get(old.id)).toMatchObject({ status: 'running', name: 's-web', restartPolicy: { Name: 'always' } });
  fake.calls.length = 0;
  await restoreAside(fake.api, aside, next.id);
  expect(fake.mutations().map((c) => c.op)).toEqual(['removeContainer', 'updateContainer', 'startContainer']);
  expect(fake.containers.get(old.id)).toMatchObject({ status: 'running', name: 's-web' });
});

test('restore of a container that is gone says so, naming resource and endpoint', async () => {
  const old = await deployed();
  const aside = await putAside(fake.api, old, opts);
  await fake.api.removeContainer(old.id, { force: true });
  await expect(restoreAside(fake.api, aside)).rejects.toThrow(
    /^resource 'web' on endpoint 'fake': restoring the old container 's-web' \(aside as 's-web-hotdock-aside-gh-7-1-[0-9a-f]{12}'\) failed: inspecting it failed \(it is gone\)/,
  );
});

test('a replacement that crashes late is removed and the old container comes back with its policy', async () => {
  const old = await deployed();
  fake.script('s-web', { exitAfterMs: 100, exitCode: 3, logs: ['boom'] });
  const created: string[] = [];
  const err = await safeReplace(fake.api, old, desired('v1:b'), { ...opts, stableSeconds: 0.5, keepAside: true, onCreated: (id) => created.push(id) }).catch(
    (e: Error) => e,
  );
  expect((err as Error).message).toMatch(/^resource 'web' on endpoint 'fake': container 's-web' (exited with code 3|restarted) .*\| boom$/s);
  expect(created).toHaveLength(1);
  expect(fake.containers.has(created[0])).toBe(false);
  expect([...fake.containers.values()].map((c) => [c.id, c.name, c.status, c.restartPolicy.Name])).toEqual([[old.id, 's-web', 'running', 'always']]);
});

test('when the undo itself is refused (a lost lock fences every call), the error carries what restoreAside needs', async () => {
  const old = await deployed();
  let fenced = false;
  const guard = <A extends unknown[], R>(fn: (...a: A) => Promise<R>) => async (...a: A): Promise<R> => {
    if (fenced) throw new Error('lock lost');
    return fn(...a);
  };
  const api = { ...fake.api, renameContainer: guard(fake.api.renameContainer), updateContainer: guard(fake.api.updateContainer), startContainer: guard(fake.api.startContainer) };
  const realStop = fake.api.stopContainer;
  api.stopContainer = async (id, t) => {
    await realStop(id, t);
    fenced = true;
  };
  const err = await putAside(api, old, opts).catch((e: unknown) => e);
  expect(err).toMatchObject({ restored: false, aside: { id: old.id, originalName: 's-web', wasRunning: true, restartPolicy: { Name: 'always' } } });
  // Fenced right after the stop: the policy was never touched.
  expect(fake.containers.get(old.id)).toMatchObject({ status: 'exited', name: 's-web', restartPolicy: { Name: 'always' } });
  await restoreAside(fake.api, (err as OldContainerError).aside!);
  expect(fake.containers.get(old.id)).toMatchObject({ status: 'running', name: 's-web', restartPolicy: { Name: 'always' } });
});
