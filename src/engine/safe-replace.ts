/**
 * Create and replace without ever losing a working container. The old one gets its restart policy
 * disabled (an engine restart must not revive it while aside), is stopped and renamed aside
 * (`<name>-hotdock-aside-<run>-<id>`, see spec/aside-name.ts); the new one must prove itself
 * (wait.ts); only then is the old one removed. On failure the new one goes and the old one comes
 * back under its name, with its restart policy, running as before.
 */
import type { ContainerDetails, DockerApi } from './docker-api.js';
import { statusOf } from './docker-api.js';
import type { AsideRecord, DesiredContainer, DeployLog, ObservedContainer } from '../deploy/types.js';
import { waitUntilRunning } from './wait.js';
import { asideName } from '../spec/aside-name.js';
import { LABEL_CONFIG_HASH, LABEL_RESOURCE, LABEL_RUN, LABEL_STACK } from '../spec/labels.js';

export { asideName } from '../spec/aside-name.js';

/** Options shared by create and replace. */
export interface StartOptions {
  stackName: string;
  /** This run: labels what it creates (LABEL_RUN) and names what it puts aside. */
  runId: string;
  /** The `wait-timeout` input, seconds. */
  waitTimeout: number;
  /** The `stable-seconds` input: how long a new container must stay up unrestarted (wait.ts). */
  stableSeconds: number;
  /** Seconds `docker stop` grants before it kills (default 10, docker's own). */
  stopTimeoutSeconds?: number;
  /** Aborts waits for new containers (the run was cancelled). */
  signal?: AbortSignal;
  /**
   * Called with a new container's id right after its create (not on adoption), before it proved
   * itself: a journal then knows it even if the run is killed while it waits.
   */
  onCreated?: (id: string) => void;
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

/** An old container kept aside during a replace (the journal's record of it). */
export type AsideContainer = AsideRecord;

/** A container that was created (or found already there) and proved running. */
export interface StartedContainer {
  id: string;
  info: ContainerDetails;
  /** True when a container with the same name, stack, resource and hash was already there (409). */
  adopted: boolean;
}

/**
 * A replace or removal failed while an old container was in play. `restored` says whether the old
 * container is back as it was (its name, restart policy, and running when it ran), so a report can
 * say so truthfully. When it is not, `aside` is what restoreAside needs to finish the job later
 * (e.g. a rollback on an unfenced connection, when the fence refused the undo here).
 */
export class OldContainerError extends Error {
  readonly aside?: AsideRecord;
  constructor(
    message: string,
    readonly restored: boolean,
    options?: { cause?: unknown; aside?: AsideRecord },
  ) {
    super(message, options);
    this.name = 'OldContainerError';
    if (options?.aside) this.aside = options.aside;
  }
}

const errText = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** The update body that sets `policy` (MaximumRetryCount only where the engine accepts one). */
function policyBody(policy: { Name: string; MaximumRetryCount?: number }): Record<string, unknown> {
  return { RestartPolicy: policy.Name === 'on-failure' ? { Name: policy.Name, MaximumRetryCount: policy.MaximumRetryCount ?? 0 } : { Name: policy.Name } };
}

/**
 * Creates the desired container (labelled with this run) and starts it, then waits for its proof.
 * A 409 (name in use) is "already there" when the holder of the name carries this stack's labels and
 * the same config hash; a name held by anything else is an error, since hotdock never touches
 * containers that are not its own. A container that does not prove itself is removed before the
 * error is thrown.
 */
export async function createAndStart(docker: DockerApi, desired: DesiredContainer, opts: StartOptions): Promise<StartedContainer> {
  const ep = desired.endpoint.name;
  const gate = opts.gate ?? ungated;
  const { id, adopted } = await gate(async () => {
    opts.log.progress(desired.resource, `creating '${desired.name}' on '${ep}'`);
    const made = await createOrAdopt(docker, desired, opts);
    if (!made.adopted) opts.onCreated?.(made.id);
    try {
      await docker.startContainer(made.id);
    } catch (err) {
      if (statusOf(err) !== 304) {
        // 304: already running
        await removeQuietly(docker, made.id).catch(() => undefined);
        throw new Error(`resource '${desired.resource}' on endpoint '${ep}': starting '${desired.name}' failed: ${errText(err)}`, { cause: err });
      }
    }
    opts.log.progress(desired.resource, `started '${desired.name}', waiting until it proves stable (${opts.stableSeconds} s)`);
    return made;
  });
  try {
    const info = await waitUntilRunning(docker, id, {
      resource: desired.resource,
      endpoint: ep,
      timeoutSeconds: opts.waitTimeout,
      stableSeconds: opts.stableSeconds,
      signal: opts.signal,
    });
    return { id, info, adopted };
  } catch (err) {
    await gate(() => removeQuietly(docker, id)).catch(() => undefined);
    if (err instanceof Error && err.message.startsWith(`resource '${desired.resource}'`)) throw err;
    throw new Error(`resource '${desired.resource}' on endpoint '${ep}': waiting for '${desired.name}' failed: ${errText(err)}`, { cause: err });
  }
}

/** Creates the container; a 409 from a container with the same stack, resource and hash is adopted. */
async function createOrAdopt(docker: DockerApi, desired: DesiredContainer, opts: StartOptions): Promise<{ id: string; adopted: boolean }> {
  const ep = desired.endpoint.name;
  const labels = { ...((desired.body.Labels as Record<string, string> | undefined) ?? {}), [LABEL_RUN]: opts.runId };
  try {
    return { id: (await docker.createContainer({ ...desired.body, Labels: labels, name: desired.name })).id, adopted: false };
  } catch (err) {
    if (statusOf(err) !== 409) {
      throw new Error(`resource '${desired.resource}' on endpoint '${ep}': creating container '${desired.name}' failed: ${errText(err)}`, { cause: err });
    }
    const existing = await docker.inspectContainer(desired.name);
    const theirs = existing.Config.Labels ?? {};
    const ours = theirs[LABEL_STACK] === opts.stackName && theirs[LABEL_RESOURCE] === desired.resource;
    if (!ours || theirs[LABEL_CONFIG_HASH] !== desired.configHash) {
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

/** Starts a container, tolerating one already running (304). */
async function startQuietly(docker: DockerApi, id: string): Promise<void> {
  try {
    await docker.startContainer(id);
  } catch (err) {
    if (statusOf(err) !== 304) throw err;
  }
}

/**
 * Puts the old container aside, freeing its name and host ports: stops it, disables its restart
 * policy (so an engine restart cannot revive it and take the ports back), renames it to its aside
 * name. The record says how to undo all three. When a step fails, whatever was done is undone — the
 * container gets its policy back and, if it was running, is started again — and an OldContainerError
 * says what failed and whether the old container is running again.
 *
 * Stop comes before the policy change: a run that dies between the two leaves a stopped container
 * under its own name with its own policy (an engine restart reviving it there is harmless, it is
 * the one serving), never a running container whose policy was silently turned off. A run that
 * dies after the policy change leaves it stopped, which the next plan starts (`start` restores the
 * desired policy first: restorePolicy).
 */
export async function putAside(docker: DockerApi, observed: ObservedContainer, opts: StartOptions): Promise<AsideRecord> {
  const where = `resource '${observed.resource}' on endpoint '${observed.endpoint}'`;
  const what = `putting the old container '${observed.name}' aside failed`;
  let info: ContainerDetails;
  try {
    info = await docker.inspectContainer(observed.id);
  } catch (err) {
    throw new OldContainerError(`${where}: ${what}: inspecting it failed: ${errText(err)}; nothing was changed`, true, { cause: err });
  }
  const st = info.State;
  const policy = info.HostConfig?.RestartPolicy;
  const record: AsideRecord = {
    id: observed.id,
    endpoint: observed.endpoint,
    resource: observed.resource,
    originalName: observed.name,
    asideName: asideName(observed.name, opts.runId, observed.id),
    wasRunning: st.Running || st.Restarting || st.Paused,
    ...(policy?.Name && policy.Name !== 'no' ? { restartPolicy: { Name: policy.Name, MaximumRetryCount: policy.MaximumRetryCount ?? 0 } } : {}),
  };
  opts.log.progress(observed.resource, `stopping old '${observed.name}'`);
  let doing = 'stopping it';
  try {
    await stopQuietly(docker, observed.id, opts.stopTimeoutSeconds);
    if (record.restartPolicy) {
      doing = 'disabling its restart policy';
      await docker.updateContainer(observed.id, { RestartPolicy: { Name: 'no' } });
    }
    doing = `renaming it to '${record.asideName}'`;
    await docker.renameContainer(observed.id, record.asideName);
  } catch (err) {
    const failed = `${where}: ${what}: ${doing} failed: ${errText(err)}`;
    const back = await bringBack(docker, record);
    throw new OldContainerError(`${failed}; ${back.said}`, back.ok, { cause: err, ...(back.ok ? {} : { aside: record }) });
  }
  return record;
}

/**
 * Gives a stopped container the restart policy its desired spec has, before it is started again:
 * a run interrupted while putting it aside may have left it stopped with its policy turned off.
 * Reads first, so an engine whose policy already matches (or one without container update) gets no
 * update call.
 */
export async function restorePolicy(docker: DockerApi, id: string, desired: { Name?: string; MaximumRetryCount?: number } | undefined): Promise<boolean> {
  const want = desired?.Name || 'no';
  const info = await docker.inspectContainer(id);
  const have = info.HostConfig?.RestartPolicy;
  if ((have?.Name || 'no') === want && (want !== 'on-failure' || (have?.MaximumRetryCount ?? 0) === (desired?.MaximumRetryCount ?? 0))) return false;
  await docker.updateContainer(id, policyBody({ Name: want, MaximumRetryCount: desired?.MaximumRetryCount ?? 0 }));
  return true;
}

/**
 * Undoes a put-aside that failed at its stop or rename: name back (a rename whose answer was lost may
 * have happened), policy back, started again when it was running. Says in words what the old
 * container's state is now.
 */
async function bringBack(docker: DockerApi, record: AsideRecord): Promise<{ ok: boolean; said: string }> {
  const policy = record.restartPolicy ? ` (restart policy '${record.restartPolicy.Name}' restored)` : '';
  try {
    const before = await docker.inspectContainer(record.id);
    if (before.Name.replace(/^\//, '') !== record.originalName) await docker.renameContainer(record.id, record.originalName);
    if (record.restartPolicy) await docker.updateContainer(record.id, policyBody(record.restartPolicy));
    if (!record.wasRunning) return { ok: true, said: `the old container was left stopped, as it was${policy}` };
    await startQuietly(docker, record.id);
    const now = await docker.inspectContainer(record.id);
    if (!now.State.Running) return { ok: false, said: `starting the old container again left it ${now.State.Status}${policy}` };
    return { ok: true, said: `the old container was started again${policy} and runs under its own name` };
  } catch (err) {
    return { ok: false, said: `bringing the old container back also failed: ${errText(err)}; it may be stopped` };
  }
}

/**
 * Brings an aside container back: removes the container that replaced it (when given), renames it
 * to its name, restores its restart policy and starts it if it was running. Safe to repeat (a post
 * step may replay it): a container already under its name is not renamed again.
 */
export async function restoreAside(docker: DockerApi, aside: AsideRecord, replacementId?: string): Promise<void> {
  const where = `resource '${aside.resource}' on endpoint '${aside.endpoint}'`;
  const what = `restoring the old container '${aside.originalName}' (aside as '${aside.asideName}')`;
  let doing = 'removing its replacement';
  try {
    if (replacementId && replacementId !== aside.id) await removeQuietly(docker, replacementId);
    doing = 'inspecting it';
    const info = await docker.inspectContainer(aside.id);
    if (info.Name.replace(/^\//, '') !== aside.originalName) {
      doing = 'renaming it back';
      await docker.renameContainer(aside.id, aside.originalName);
    }
    if (aside.restartPolicy) {
      doing = `restoring its restart policy '${aside.restartPolicy.Name}'`;
      await docker.updateContainer(aside.id, policyBody(aside.restartPolicy));
    }
    if (aside.wasRunning) {
      doing = 'starting it';
      await startQuietly(docker, aside.id);
    }
  } catch (err) {
    const gone = statusOf(err) === 404 && doing === 'inspecting it' ? ' (it is gone)' : '';
    throw new Error(`${where}: ${what} failed: ${doing} failed${gone}: ${errText(err)}`, { cause: err });
  }
}

/**
 * Replaces `observed` by `desired`: put the old one aside, create + start + prove the new one. When
 * the new one fails, the old one is restored and the error rethrown. On success the old one is
 * removed, unless `keepAside` (rollback: the whole run must succeed first) — then it is returned.
 */
export async function safeReplace(
  docker: DockerApi,
  observed: ObservedContainer,
  desired: DesiredContainer,
  opts: StartOptions & { keepAside: boolean },
): Promise<StartedContainer & { aside?: AsideRecord }> {
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
      throw new OldContainerError(`${errText(err)}\n${errText(restoreErr)}`, false, { cause: restoreErr, aside });
    }
    throw err;
  }
  if (opts.keepAside) return { ...started, aside };
  await gate(() => removeQuietly(docker, aside.id));
  return started;
}
