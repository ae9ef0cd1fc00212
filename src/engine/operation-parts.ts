/**
 * Parts of the executor's operations: what it reads from a plan node (checked), starting a container
 * that may already run, and waits that end when the run is cancelled.
 */
import type { DockerApi } from './docker-api.js';
import type { AsideRecord, DesiredContainer, ObservedContainer, PlanNode } from '../deploy/types.js';
import { LABEL_STACK } from '../spec/labels.js';

/** The aside record a restore-aside node stands for: back under its name, running, with its policy. */
export function asideRecordOf(n: PlanNode, o: ObservedContainer): AsideRecord {
  if (!o.asideOf) throw new Error(`plan node #${n.id} restore-aside '${n.resource}': the aside container '${o.name}' has no original name`);
  const policy = (n.desired?.body.HostConfig as { RestartPolicy?: AsideRecord['restartPolicy'] } | undefined)?.RestartPolicy;
  return { id: o.id, endpoint: n.endpoint, resource: n.resource, originalName: o.asideOf, asideName: o.name, wasRunning: true, ...(policy ? { restartPolicy: policy } : {}) };
}

/** The desired container of a node. */
export function mustDesired(n: PlanNode): DesiredContainer {
  if (!n.desired) throw new Error(`plan node #${n.id} ${n.type} '${n.resource}' has no desired container`);
  return n.desired;
}

/** The observed container of a node, refusing one without this stack's label. */
export function mustObserved(n: PlanNode, stackName: string): ObservedContainer {
  const o = n.observed;
  if (!o) throw new Error(`plan node #${n.id} ${n.type} '${n.resource}' has no observed container`);
  if (o.labels[LABEL_STACK] !== stackName) {
    throw new Error(`container '${o.name}' on endpoint '${o.endpoint}' does not carry the label ${LABEL_STACK}=${stackName}; hotdock leaves it alone`);
  }
  return o;
}

/** The error of an operation that did not start, or a wait that ended, because the run was cancelled. */
export const CANCELLED = 'the run was cancelled';

/** Starts a container; one already running (304) is fine. */
export async function startOrAlready(docker: DockerApi, id: string): Promise<void> {
  try {
    await docker.startContainer(id);
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode !== 304) throw err;
  }
}

/** Rejects as soon as `signal` aborts (the wait itself may poll on until its own end: it only reads). */
export function abortable<T>(p: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return p;
  if (signal.aborted) return Promise.reject(new Error(CANCELLED));
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new Error(CANCELLED));
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/**
 * Start options with `onCreated`: safe-replace calls it with the new container's id right after its
 * create (not on adoption), so the journal knows the container before it proved itself.
 */
export function withCreated<T extends object>(opts: T, onCreated: (id: string) => void): T & { onCreated: (id: string) => void } {
  return { ...opts, onCreated };
}

/** `api` with `fence` called before every mutating call (a fence that throws refuses the call). */
export function fencedApi(api: DockerApi, fence: () => void): DockerApi {
  const guard =
    <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      fence();
      return fn(...args);
    };
  return {
    ...api,
    createContainer: guard(api.createContainer),
    startContainer: guard(api.startContainer),
    stopContainer: guard(api.stopContainer),
    removeContainer: guard(api.removeContainer),
    renameContainer: guard(api.renameContainer),
    updateContainer: guard(api.updateContainer),
  };
}
