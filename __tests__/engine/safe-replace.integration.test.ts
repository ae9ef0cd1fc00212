import type { DesiredContainer, ObservedContainer } from '../../src/deploy/types.js';
import { asideName, createAndStart, OldContainerError, putAside, restoreAside, safeReplace } from '../../src/engine/safe-replace.js';
import { waitUntilRunning } from '../../src/engine/wait.js';
import { cleanupStack, fetchLocal, freePort, localDocker, recordingLog, TEST_IMAGE, uniqueStack } from '../helpers/stack.js';
import { dockerApiOf } from '../../src/engine/docker-api.js';
import { LABEL_CONFIG_HASH, LABEL_RESOURCE, LABEL_RUN, LABEL_STACK } from '../../src/spec/labels.js';

const docker = localDocker();
const dockerApi = dockerApiOf(docker);
const stack = uniqueStack();
afterAll(() => cleanupStack(docker, stack));

const endpoint = { name: 'local', url: 'unix:///var/run/docker.sock', parsed: { kind: 'unix' as const, socketPath: '/var/run/docker.sock' } };

function desired(resource: string, port: number, cmd: string[] | undefined, hash: string): DesiredContainer {
  return {
    resource,
    endpoint,
    name: `${stack}-${resource}`,
    image: TEST_IMAGE,
    configHash: hash,
    dependsOn: [],
    deletionPolicy: 'Delete',
    body: {
      Image: TEST_IMAGE,
      ...(cmd ? { Cmd: cmd } : {}),
      Labels: { [LABEL_STACK]: stack, [LABEL_RESOURCE]: resource, [LABEL_CONFIG_HASH]: hash },
      ExposedPorts: { '80/tcp': {} },
      HostConfig: { PortBindings: { '80/tcp': [{ HostIp: '127.0.0.1', HostPort: String(port) }] } },
    },
  };
}

async function observed(id: string, resource: string): Promise<ObservedContainer> {
  const info = await docker.getContainer(id).inspect();
  return {
    endpoint: 'local',
    id,
    name: info.Name.slice(1),
    resource,
    configHash: info.Config.Labels[LABEL_CONFIG_HASH],
    state: info.State.Status,
    image: info.Config.Image,
    imageId: info.Image,
    labels: info.Config.Labels,
  };
}

// sleep and busybox httpd ignore SIGTERM as PID 1: stop kills at once instead of waiting out a timeout.
const opts = { stackName: stack, runId: 'test-run/1', waitTimeout: 15, stableSeconds: 0.5, stopTimeoutSeconds: 0, log: recordingLog() };

test('a failing update keeps the old container serving, and says why', async () => {
  const port = await freePort();
  const first = await createAndStart(dockerApi, desired('web', port, undefined, 'v1:a'), opts);
  expect(await fetchLocal(port)).toBe('hello');
  const old = await observed(first.id, 'web');
  const bad = desired('web', port, ['sh', '-c', 'echo booting; echo boom >&2; exit 3'], 'v1:b');
  const err = await safeReplace(dockerApi, old, bad, { ...opts, keepAside: false }).catch((e: Error) => e);
  expect(err).toBeInstanceOf(Error);
  expect((err as Error).message).toMatch(/resource 'web' on endpoint 'local': container '.*-web' exited with code 3/);
  expect((err as Error).message).toMatch(/\| booting/);
  expect((err as Error).message).toMatch(/\| boom/);
  const after = await docker.getContainer(first.id).inspect();
  expect(after.Name).toBe(`/${stack}-web`);
  expect(after.State.Running).toBe(true);
  expect(await fetchLocal(port)).toBe('hello');
  // Only the old container is left.
  const all = await docker.listContainers({ all: true, filters: { label: [`${LABEL_STACK}=${stack}`, `${LABEL_RESOURCE}=web`] } });
  expect(all.map((c) => c.Id)).toEqual([first.id]);
}, 40000);

test('a good update replaces the container and removes the old one', async () => {
  const port = await freePort();
  const first = await createAndStart(dockerApi, desired('api', port, undefined, 'v1:a'), opts);
  const next = await safeReplace(dockerApi, await observed(first.id, 'api'), desired('api', port, ['httpd', '-f', '-p', '80', '-h', '/www'], 'v1:c'), {
    ...opts,
    keepAside: false,
  });
  expect(next.id).not.toBe(first.id);
  expect(await fetchLocal(port)).toBe('hello');
  await expect(docker.getContainer(first.id).inspect()).rejects.toMatchObject({ statusCode: 404 });
}, 40000);

test('create answers 409 as "already there" only for the same resource and hash', async () => {
  const port = await freePort();
  const d = desired('db', port, undefined, 'v1:x');
  const created: string[] = [];
  const first = await createAndStart(dockerApi, d, { ...opts, onCreated: (id) => created.push(id) });
  const again = await createAndStart(dockerApi, d, { ...opts, onCreated: (id) => created.push(id) });
  expect(again).toMatchObject({ id: first.id, adopted: true });
  // Reported once, at its create: an adopted container is not this run's to undo.
  expect(created).toEqual([first.id]);
  await expect(createAndStart(dockerApi, { ...d, configHash: 'v1:y' }, opts)).rejects.toThrow(/taken by another version/);
}, 40000);

test('wait reports a timeout with the state', async () => {
  const c = await docker.createContainer({
    Image: TEST_IMAGE,
    Cmd: ['sleep', '30'],
    Labels: { [LABEL_STACK]: stack, [LABEL_RESOURCE]: 'slow' },
    Healthcheck: { Test: ['CMD', 'false'], Interval: 10_000_000_000, Retries: 3 },
  });
  await c.start();
  await expect(waitUntilRunning(dockerApi, c.id, { resource: 'slow', endpoint: 'local', timeoutSeconds: 2, stableSeconds: 1 })).rejects.toThrow(
    /resource 'slow' on endpoint 'local': container '.*' was not proven within 2 s: running and healthy with no restart for 1 s \(state: running, health starting\)/,
  );
}, 20000);

test('wait resolves once a health-checked container is healthy, and fails fast when it turns unhealthy', async () => {
  const make = async (check: string[]): Promise<string> => {
    const c = await docker.createContainer({
      Image: TEST_IMAGE,
      Cmd: ['sleep', '30'],
      Labels: { [LABEL_STACK]: stack, [LABEL_RESOURCE]: 'hc' },
      Healthcheck: { Test: check, Interval: 300_000_000, Timeout: 1_000_000_000, Retries: 1 },
    });
    await c.start();
    return c.id;
  };
  const good = await make(['CMD', 'true']);
  const info = await waitUntilRunning(dockerApi, good, { resource: 'hc', endpoint: 'local', timeoutSeconds: 15, stableSeconds: 0.3 });
  expect(info.State.Health?.Status).toBe('healthy');
  const bad = await make(['CMD-SHELL', 'echo not ready; exit 1']);
  // "is unhealthy" (not "was not proven within 15 s"): it failed at the check, not at the timeout.
  await expect(waitUntilRunning(dockerApi, bad, { resource: 'hc', endpoint: 'local', timeoutSeconds: 15, stableSeconds: 1 })).rejects.toThrow(
    /container '.*' is unhealthy \(check said: not ready\)/,
  );
}, 40000);

describe('put aside and restore', () => {
  const withPolicy = (resource: string, port: number, hash: string): DesiredContainer => {
    const d = desired(resource, port, undefined, hash);
    return { ...d, body: { ...d.body, HostConfig: { ...(d.body.HostConfig as object), RestartPolicy: { Name: 'always' } } } };
  };

  test('the new container carries this run; the old one goes aside with its restart policy disabled, and comes back whole', async () => {
    const port = await freePort();
    const made = await createAndStart(dockerApi, withPolicy('cache', port, 'v1:a'), opts);
    const info = await docker.getContainer(made.id).inspect();
    expect(info.Config.Labels[LABEL_RUN]).toBe('test-run/1');

    const aside = await putAside(dockerApi, await observed(made.id, 'cache'), opts);
    expect(aside).toEqual({
      id: made.id, endpoint: 'local', resource: 'cache', originalName: `${stack}-cache`,
      asideName: `${stack}-cache-hotdock-aside-test-run-1-${made.id.slice(0, 12)}`, wasRunning: true,
      restartPolicy: { Name: 'always', MaximumRetryCount: 0 },
    });
    const away = await docker.getContainer(made.id).inspect();
    expect(away.Name).toBe(`/${aside.asideName}`);
    expect(away.State.Running).toBe(false);
    expect(away.HostConfig.RestartPolicy?.Name).toBe('no');
    expect(await fetchLocal(port, 2)).toBe('');

    await restoreAside(dockerApi, aside);
    const back = await docker.getContainer(made.id).inspect();
    expect(back.Name).toBe(`/${stack}-cache`);
    expect(back.State.Running).toBe(true);
    expect(back.HostConfig.RestartPolicy?.Name).toBe('always');
    expect(await fetchLocal(port)).toBe('hello');
    // A replay (the post step after main restored already) changes nothing and does not fail.
    await restoreAside(dockerApi, aside);
    expect((await docker.getContainer(made.id).inspect()).State.StartedAt).toBe(back.State.StartedAt);
  }, 40000);

  test('an on-failure policy keeps its retry count through aside and restore; a stopped container stays stopped', async () => {
    const port = await freePort();
    const d = desired('job', port, undefined, 'v1:a');
    const body = { ...d.body, HostConfig: { ...(d.body.HostConfig as object), RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 3 } } };
    const made = await createAndStart(dockerApi, { ...d, body }, opts);
    await docker.getContainer(made.id).stop({ t: 0 });
    const aside = await putAside(dockerApi, await observed(made.id, 'job'), opts);
    expect(aside).toMatchObject({ wasRunning: false, restartPolicy: { Name: 'on-failure', MaximumRetryCount: 3 } });
    expect((await docker.getContainer(made.id).inspect()).HostConfig.RestartPolicy).toMatchObject({ Name: 'no' });
    await restoreAside(dockerApi, aside);
    const back = await docker.getContainer(made.id).inspect();
    expect(back.Name).toBe(`/${stack}-job`);
    expect(back.State.Running).toBe(false);
    expect(back.HostConfig.RestartPolicy).toMatchObject({ Name: 'on-failure', MaximumRetryCount: 3 });
  }, 40000);

  test('a rename that fails after the stop starts the old container again, and the error says so', async () => {
    const port = await freePort();
    const made = await createAndStart(dockerApi, withPolicy('queue', port, 'v1:a'), opts);
    // A container outside the stack already holds the aside name: the rename answers 409.
    const squatter = await docker.createContainer({ Image: TEST_IMAGE, Cmd: ['sleep', '60'], name: asideName(`${stack}-queue`, opts.runId, made.id) });
    try {
      const err = await putAside(dockerApi, await observed(made.id, 'queue'), opts).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(OldContainerError);
      expect((err as OldContainerError).restored).toBe(true);
      expect((err as Error).message).toMatch(
        new RegExp(`^resource 'queue' on endpoint 'local': putting the old container '${stack}-queue' aside failed: renaming it to '${stack}-queue-hotdock-aside-test-run-1-[0-9a-f]{12}' failed: .*; the old container was started again \\(restart policy 'always' restored\\) and runs under its own name$`),
      );
      const after = await docker.getContainer(made.id).inspect();
      expect(after.Name).toBe(`/${stack}-queue`);
      expect(after.State.Running).toBe(true);
      expect(after.HostConfig.RestartPolicy?.Name).toBe('always');
      expect(await fetchLocal(port)).toBe('hello');
      // The squatter is not ours: untouched.
      expect((await squatter.inspect()).State.Status).toBe('created');
    } finally {
      await squatter.remove({ force: true });
    }
  }, 40000);
  test('an undo the fence refuses (lock lost after the stop): the error carries the record that restores it', async () => {
    const port = await freePort();
    const made = await createAndStart(dockerApi, withPolicy('mail', port, 'v1:a'), opts);
    let fenced = false;
    const refuse = (): never => {
      throw new Error('lock lost');
    };
    const fencedApi = {
      ...dockerApi,
      stopContainer: async (id: string, t?: number) => {
        await dockerApi.stopContainer(id, t);
        fenced = true;
      },
      renameContainer: async (id: string, n: string) => (fenced ? refuse() : dockerApi.renameContainer(id, n)),
      updateContainer: async (id: string, b: Record<string, unknown>) => (fenced ? refuse() : dockerApi.updateContainer(id, b)),
      startContainer: async (id: string) => (fenced ? refuse() : dockerApi.startContainer(id)),
    };
    const err = await putAside(fencedApi, await observed(made.id, 'mail'), opts).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OldContainerError);
    expect(err).toMatchObject({ restored: false, aside: { id: made.id, originalName: `${stack}-mail`, wasRunning: true } });
    expect((err as Error).message).toMatch(/disabling its restart policy failed: lock lost; bringing the old container back also failed: lock lost; it may be stopped$/);
    expect((await docker.getContainer(made.id).inspect()).State.Running).toBe(false);
    // What a rollback on the unfenced connection does with it:
    await restoreAside(dockerApi, (err as OldContainerError).aside!);
    const back = await docker.getContainer(made.id).inspect();
    expect([back.Name, back.State.Running, back.HostConfig.RestartPolicy?.Name]).toEqual([`/${stack}-mail`, true, 'always']);
    expect(await fetchLocal(port)).toBe('hello');
  }, 40000);
});
