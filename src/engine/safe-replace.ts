/**
 * Create and replace without ever losing a working container: the old one is stopped and renamed
 * aside (`<name>-hotdock-old-<shortid>`), the new one must prove itself (wait.ts), and only then is
 * the old one removed. On failure the new one goes and the old one comes back under its name.
 */
import type { ContainerDetails, DockerApi } from './docker-api.js';
import type { DesiredContainer, DeployLog, ObservedContainer } from '../deploy/types.js';
import { waitUntilRunning } from './wait.js';
import { LABEL_CONFIG_HASH, LABEL_RESOURCE, LABEL_STACK } from '../spec/labels.js';

/** Options shared by create and replace. */
export interface StartOptions {
  stackName: string;
  /** The `wait-timeout` input, seconds. */
  waitTimeout: number;
  /** Seconds `docker stop` grants before it kills (default 10, docker's own). */
  stopTimeoutSeconds?: number;
  /** Stable period a new container must stay up, ms (wait.ts default when unset). */
  stableMs?: number;
  log: DeployLog;
  /**
   * Runs a burst of Docker operations in one of the endpoint's `max-parallel` slots. Waiting for a
   * container to prove itself happens outside the slot: it is polling, not an operation.
   */
  gate?: Gate;
}

/** A slot limiter: runs `fn` when a slot is free. */
export type Gate = <T>(fn: () => Promise<T>) => Promise<T>;

const ungated: Gate = (fn) => fn();

/** An old container kept aside during a replace, to restore or discard later. */
export interface AsideContainer {
  id: string;
  /** The name it had, to get back. */
  originalName: string;
  /** The name it has while aside. */
  asideName: string;
  /** Start it again on restore only if it was running. */
  wasRunning: boolean;
  endpoint: string;
  resource: string;
}

/** A container that was created (or found already there) and proved running. */
export interface StartedContainer {
  id: string;
  info: ContainerDetails;
  /** True when a container with the same name, stack, resource and hash was already there (409). */
  adopted: boolean;
}

function statusOf(err: unknown): number | undefined {
  return (err as { statusCode?: number })?.statusCode;
}

/** The aside name of an old container. */
export function asideName(name: string, id: string): string {
  return `${name}-hotdock-old-${id.slice(0, 12)}`;
}

/**
 * Creates the desired container and starts it, then waits for it. A 409 (name in use) is "already
 * there" when the holder of the name carries this stack's labels and the same config hash; a name
 * held by anything else is an error, since hotdock never touches containers that are not its own.
 * A container that fails to come up is removed before the error is thrown.
 */
export async function createAndStart(docker: DockerApi, desired: DesiredContainer, opts: StartOptions): Promise<StartedContainer> {
  const ep = desired.endpoint.name;
  const gate = opts.gate ?? ungated;
  const { id, adopted } = await gate(async () => {
    opts.log.progress(desired.resource, `creating '${desired.name}' on '${ep}'`);
    const made = await createOrAdopt(docker, desired, opts);
    try {
      await docker.startContainer(made.id);
    } catch (err) {
      if (statusOf(err) !== 304) {
        // 304: already running
        await removeQuietly(docker, made.id).catch(() => undefined);
        throw new Error(`resource '${desired.resource}' on endpoint '${ep}': starting '${desired.name}' failed: ${(err as Error).message}`, { cause: err });
      }
    }
    opts.log.progress(desired.resource, `started '${desired.name}', waiting until it runs`);
    return made;
  });
  try {
    const info = await waitUntilRunning(docker, id, {
      resource: desired.resource,
      endpoint: ep,
      timeoutSeconds: opts.waitTimeout,
      stableMs: opts.stableMs,
    });
    return { id, info, adopted };
  } catch (err) {
    await gate(() => removeQuietly(docker, id)).catch(() => undefined);
    if (err instanceof Error && err.message.startsWith(`resource '${desired.resource}'`)) throw err;
    throw new Error(`resource '${desired.resource}' on endpoint '${ep}': waiting for '${desired.name}' failed: ${(err as Error).message}`, { cause: err });
  }
}

/** Creates the container; a 409 from a container with the same stack, resource and hash is adopted. */
async function createOrAdopt(docker: DockerApi, desired: DesiredContainer, opts: StartOptions): Promise<{ id: string; adopted: boolean }> {
  const ep = desired.endpoint.name;
  try {
    return { id: (await docker.createContainer({ ...desired.body, name: desired.name })).id, adopted: false };
  } catch (err) {
    if (statusOf(err) !== 409) {
      throw new Error(`resource '${desired.resource}' on endpoint '${ep}': creating container '${desired.name}' failed: ${(err as Error).message}`, { cause: err });
    }
    const existing = await docker.inspectContainer(desired.name);
    const labels = existing.Config.Labels ?? {};
    const ours = labels[LABEL_STACK] === opts.stackName && labels[LABEL_RESOURCE] === desired.resource;
    if (!ours || labels[LABEL_CONFIG_HASH] !== desired.configHash) {
      throw new Error(
        ours
          ? `resource '${desired.resource}' on endpoint '${ep}': container name '${desired.name}' is taken by another version of this resource (${existing.Id.slice(0, 12)})`
          : `resource '${desired.resource}' on endpoint '${ep}': container name '${desired.name}' is taken by a container that is not part of stack '${opts.stackName}'; hotdock leaves it alone`,
        { cause: err },
      );
    }
    return { id: existing.Id, adopted: true };
  }
}

/** Stops a container, tolerating one that is already stopped (304) or gone (404). */
export async function stopQuietly(docker: DockerApi, id: string, timeoutSeconds?: number): Promise<void> {
  try {
    await docker.stopContainer(id, timeoutSeconds);
  } catch (err) {
    if (statusOf(err) !== 304 && statusOf(err) !== 404) throw err;
  }
}

/** Removes a container, tolerating one already gone. */
export async function removeQuietly(docker: DockerApi, id: string): Promise<void> {
  try {
    await docker.removeContainer(id, { force: true });
  } catch (err) {
    if (statusOf(err) !== 404) throw err;
  }
}

/** Stops the old container and renames it aside, freeing its name and host ports. */
export async function putAside(docker: DockerApi, observed: ObservedContainer, opts: StartOptions): Promise<AsideContainer> {
  const aside: AsideContainer = {
    id: observed.id,
    originalName: observed.name,
    asideName: asideName(observed.name, observed.id),
    wasRunning: observed.state === 'running' || observed.state === 'restarting',
    endpoint: observed.endpoint,
    resource: observed.resource,
  };
  opts.log.progress(observed.resource, `stopping old '${observed.name}'`);
  await stopQuietly(docker, observed.id, opts.stopTimeoutSeconds);
  await docker.renameContainer(observed.id, aside.asideName);
  return aside;
}

/**
 * Brings an aside container back: removes the container that replaced it (when given), renames it
 * to its name and starts it if it was running.
 */
export async function restoreAside(docker: DockerApi, aside: AsideContainer, replacementId?: string): Promise<void> {
  if (replacementId) await removeQuietly(docker, replacementId);
  await docker.renameContainer(aside.id, aside.originalName);
  if (aside.wasRunning) {
    await docker.startContainer(aside.id).catch((err: unknown) => {
      if (statusOf(err) !== 304) throw err;
    });
  }
}

/**
 * Replaces `observed` by `desired`: put the old one aside, create + start + wait the new one. When
 * the new one fails, the old one is restored and the error rethrown. On success the old one is
 * removed, unless `keepAside` (rollback: the whole run must succeed first) — then it is returned.
 */
export async function safeReplace(
  docker: DockerApi,
  observed: ObservedContainer,
  desired: DesiredContainer,
  opts: StartOptions & { keepAside: boolean },
): Promise<StartedContainer & { aside?: AsideContainer }> {
  const gate = opts.gate ?? ungated;
  const aside = await gate(() => putAside(docker, observed, opts));
  let started: StartedContainer;
  try {
    started = await createAndStart(docker, desired, opts);
  } catch (err) {
    opts.log.progress(desired.resource, `new container failed: restoring '${aside.originalName}'`);
    try {
      await gate(() => restoreAside(docker, aside));
    } catch (restoreErr) {
      throw new Error(
        `${(err as Error).message}\nrestoring the old container '${aside.originalName}' (now '${aside.asideName}') also failed: ${(restoreErr as Error).message}`,
        { cause: restoreErr },
      );
    }
    throw err;
  }
  if (opts.keepAside) return { ...started, aside };
  await gate(() => removeQuietly(docker, aside.id));
  return started;
}
