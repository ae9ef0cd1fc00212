/**
 * The narrow Docker interface the deploy engine speaks: the dozen Engine API calls hotdock makes,
 * and nothing else. Everything above it (observe, images, lock, wait, safe replace, the executor)
 * is written against this interface, so unit tests run it on the in-memory fake
 * (__tests__/helpers/fake-docker.ts) and integration tests on real engines through
 * `dockerApiOf`. Only this folder imports dockerode.
 */
import type Dockerode from 'dockerode';
import { EngineCallError, engineCallError, engineTimeout, seconds, shortRef, type CallSubject } from './errors.js';

/** A container as `GET /containers/json` lists it. */
export type ContainerSummary = Dockerode.ContainerInfo;
/** A container as `GET /containers/{id}/json` shows it. */
export type ContainerDetails = Dockerode.ContainerInspectInfo;
/** An image as `GET /images/{name}/json` shows it. */
export type ImageDetails = Dockerode.ImageInspectInfo;

/** `GET /info`, the fields hotdock reads. */
export interface EngineInfo {
  /** The engine's own ID: two URLs that reach one engine report the same. */
  ID?: string;
  Name?: string;
  DockerRootDir?: string;
  /** The daemon's clock (RFC 3339): lock expiry is judged on it. */
  SystemTime?: string;
  MemTotal?: number;
  /** Containers on the engine, every state (pool placement counts them). */
  Containers?: number;
  NCPU?: number;
  Swarm?: { LocalNodeState?: string; ControlAvailable?: boolean };
}

/** One event of an image pull's progress stream. */
export interface PullEvent {
  id?: string;
  status?: string;
  error?: string;
  errorDetail?: { message?: string };
  progressDetail?: { current?: number; total?: number };
}

/** A Swarm service as `GET /services/{id}` shows it (the fields hotdock reads). */
export interface ServiceDetails {
  ID: string;
  Version?: { Index?: number };
  Spec?: Record<string, unknown> & { Name?: string; Labels?: Record<string, string> };
  /** The last rolling update (or rollback): `updating`, `completed`, `rollback_completed`, `paused`, ... */
  UpdateStatus?: { State?: string; StartedAt?: string; CompletedAt?: string; Message?: string };
  Endpoint?: { Ports?: { Protocol?: string; TargetPort?: number; PublishedPort?: number; PublishMode?: string }[] };
}

/** A Swarm task as `GET /tasks` lists it (the fields hotdock reads). */
export interface TaskDetails {
  ID: string;
  ServiceID?: string;
  NodeID?: string;
  Slot?: number;
  DesiredState?: string;
  Status?: { State?: string; Err?: string; Message?: string; Timestamp?: string; ContainerStatus?: { ContainerID?: string; ExitCode?: number } };
  Spec?: { ContainerSpec?: { Image?: string; Labels?: Record<string, string> } };
}

/** Options of listContainers. */
export interface ListOptions {
  all?: boolean;
  /** Label filters, `key=value` or `key`. */
  labels?: string[];
  /** Exact or partial name filters. */
  names?: string[];
}

/**
 * The Engine API as the deploy engine uses it. Errors carry the engine's HTTP status as
 * `statusCode` (404 gone, 409 conflict, 304 already so), as dockerode's do.
 */
export interface DockerApi {
  ping(): Promise<void>;
  version(): Promise<{ ApiVersion: string; Version: string }>;
  info(): Promise<EngineInfo>;
  listContainers(options: ListOptions): Promise<ContainerSummary[]>;
  inspectContainer(id: string): Promise<ContainerDetails>;
  /** `POST /containers/create`; `name` goes in the query. */
  createContainer(body: Record<string, unknown> & { name?: string }): Promise<{ id: string }>;
  startContainer(id: string): Promise<void>;
  /** `t`: seconds before the engine kills (the container's own default when undefined). */
  stopContainer(id: string, t?: number): Promise<void>;
  removeContainer(id: string, options?: { force?: boolean }): Promise<void>;
  renameContainer(id: string, name: string): Promise<void>;
  /** `POST /containers/{id}/update` (e.g. RestartPolicy). */
  updateContainer(id: string, body: Record<string, unknown>): Promise<void>;
  /** stdout+stderr, multiplexed as the engine sends it (Buffer) or plain text. */
  containerLogs(id: string, options: { tail?: number }): Promise<Buffer | string>;
  inspectImage(ref: string): Promise<ImageDetails>;
  listImages(): Promise<{ Id: string }[]>;
  /**
   * Pulls `fromImage:tag`, calling onEvent per progress event; resolves with every event once the
   * stream ends. `authHeader` is the pre-encoded X-Registry-Auth value.
   */
  pullImage(ref: { fromImage: string; tag: string }, authHeader: string | undefined, onEvent: (e: PullEvent) => void): Promise<PullEvent[]>;
  /** `GET /services`, filtered by labels (`key=value` or `key`). Swarm managers only. */
  listServices(options: { labels?: string[] }): Promise<ServiceDetails[]>;
  inspectService(id: string): Promise<ServiceDetails>;
  /** `POST /services/create`; `authHeader`: the pre-encoded X-Registry-Auth the nodes pull with. */
  createService(spec: Record<string, unknown>, authHeader?: string): Promise<{ id: string }>;
  /** `POST /services/{id}/update?version=`: `version` is the spec version the update replaces. */
  updateService(id: string, version: number, spec: Record<string, unknown>, authHeader?: string): Promise<void>;
  /** `POST /services/{id}/update?rollback=previous`: Swarm goes back to the spec before the last update. */
  rollbackService(id: string, version: number, spec: Record<string, unknown>): Promise<void>;
  removeService(id: string): Promise<void>;
  /** `GET /tasks?filters={service:[id]}`: every task of one service, old and new. */
  listTasks(options: { service: string }): Promise<TaskDetails[]>;
}

/** Per-request deadlines of an endpoint's adapter, in ms. */
export interface Deadlines {
  /** Every ordinary call (well under the lock TTL). Default 15000. */
  requestMs: number;
  /**
   * Every call once the endpoint missed a deadline, until one call succeeds again: a partitioned
   * endpoint costs one full deadline, not one per remaining call. Default 5000.
   */
  suspectMs: number;
  /** A pull whose progress stream stays silent this long fails. Default 30000. */
  pullIdleMs: number;
  /** A whole pull. Default 900000. */
  pullMs: number;
}

/** The deadlines dockerApiOf uses when given none. */
export const DEFAULT_DEADLINES: Readonly<Deadlines> = { requestMs: 15_000, suspectMs: 5_000, pullIdleMs: 30_000, pullMs: 900_000 };

/** Docker's own stop grace when a container sets none (hotdock never sets StopTimeout). */
const DEFAULT_STOP_GRACE_SECONDS = 10;

/** Options of dockerApiOf. */
export interface DockerApiOptions {
  /** Endpoint display name, in every error (default: the socket path or host:port of the client). */
  endpoint?: string;
  deadlines?: Partial<Deadlines>;
}

type Operation = <T>(op: string, subject: CallSubject | undefined, ms: number, fn: (signal: AbortSignal) => Promise<T>) => Promise<T>;

/** The endpoint name a dockerode client talks to, when the caller gave none. */
function endpointOfClient(docker: Dockerode): string {
  const m = docker.modem as { socketPath?: unknown; protocol?: string; host?: string; port?: string | number };
  if (typeof m.socketPath === 'string') return `unix://${m.socketPath}`;
  return `${m.protocol ?? 'http'}://${m.host ?? 'localhost'}${m.port ? `:${m.port}` : ''}`;
}

/**
 * Runs `fn` with a deadline: on expiry its request is aborted (the socket destroyed) and the call
 * rejects with an EngineCallError naming the endpoint and the operation. Every failure is named
 * the same way, keeping the engine's statusCode.
 */
function deadlineRunner(endpoint: string, d: Deadlines): { run: Operation; requestMs: () => number } {
  // Set by a missed deadline, cleared by any answer: see Deadlines.suspectMs.
  let suspect = false;
  const requestMs = (): number => (suspect ? d.suspectMs : d.requestMs);
  const run: Operation = async (op, subject, ms, fn) => {
    const ctl = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const err = engineTimeout(endpoint, op, ms);
        reject(err);
        ctl.abort(err);
      }, ms);
    });
    try {
      // The race settles even when a request ignores its abort signal.
      const result = await Promise.race([fn(ctl.signal), expired]);
      suspect = false;
      return result;
    } catch (err) {
      const named = engineCallError(endpoint, op, err, subject);
      if (named.timedOut) suspect = true;
      else if (named.statusCode !== undefined) suspect = false;
      throw named;
    } finally {
      clearTimeout(timer);
    }
  };
  return { run, requestMs };
}

const container = (ref: string): CallSubject => ({ kind: 'container', ref });

/** One Engine API request through the modem, with its own status table (the service calls). */
function dial<T>(docker: Dockerode, request: { path: string; method: string; options?: Record<string, unknown>; authHeader?: string; statusCodes: Record<number, boolean | string> }, abortSignal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    docker.modem.dial(
      {
        path: request.path,
        method: request.method,
        options: request.options ?? {},
        abortSignal,
        statusCodes: request.statusCodes,
        // Pre-encoded, as for pulls: the modem never builds a header from a password.
        ...(request.authHeader ? { authconfig: { key: request.authHeader } } : {}),
      },
      (err: unknown, data: unknown) => (err ? reject(err) : resolve(data as T)),
    );
  });
}

const SERVICE_CODES = { 200: true, 201: true, 404: 'no such service', 409: 'name conflicts with an existing object', 500: 'server error', 503: 'node is not part of a swarm' };
const quoted = (ref: string): string => `'${shortRef(ref)}'`;

/**
 * The DockerApi of a dockerode instance. Every request has a deadline (`deadlines`) enforced by
 * aborting it, and every error names the endpoint and the operation.
 */
export function dockerApiOf(docker: Dockerode, options: DockerApiOptions = {}): DockerApi {
  const endpoint = options.endpoint ?? endpointOfClient(docker);
  const d: Deadlines = { ...DEFAULT_DEADLINES, ...options.deadlines };
  const { run, requestMs } = deadlineRunner(endpoint, d);
  const c = (id: string) => docker.getContainer(id);
  const call = <T>(op: string, subject: CallSubject | undefined, fn: (signal: AbortSignal) => Promise<T>): Promise<T> => run(op, subject, requestMs(), fn);
  return {
    ping: async () => {
      await call('pinging the engine', undefined, (abortSignal) => (docker.ping as (o: object) => Promise<unknown>)({ abortSignal }));
    },
    version: () => call('reading the engine version', undefined, (abortSignal) => (docker.version as (o: object) => Promise<{ ApiVersion: string; Version: string }>)({ abortSignal })),
    info: () => call('reading the engine info', undefined, (abortSignal) => (docker.info as (o: object) => Promise<EngineInfo>)({ abortSignal })),
    listContainers: (o) => {
      const filters: Record<string, string[]> = {};
      if (o.labels?.length) filters.label = o.labels;
      if (o.names?.length) filters.name = o.names;
      return call('listing containers', undefined, (abortSignal) => docker.listContainers({ all: o.all ?? false, filters, abortSignal }));
    },
    inspectContainer: (id) => call(`inspecting container ${quoted(id)}`, container(id), (abortSignal) => c(id).inspect({ abortSignal })),
    createContainer: (body) =>
      call(`creating container ${body.name ? quoted(body.name) : '(unnamed)'}`, undefined, async (abortSignal) => ({
        // A copy: the modem deletes abortSignal from the object it is given.
        id: (await docker.createContainer({ ...(body as Dockerode.ContainerCreateOptions), abortSignal })).id,
      })),
    startContainer: async (id) => {
      await call(`starting container ${quoted(id)}`, container(id), (abortSignal) => c(id).start({ abortSignal }));
    },
    stopContainer: async (id, t) => {
      // The engine waits up to the grace period before it kills: that time is on top of the deadline.
      const ms = requestMs() + (t ?? DEFAULT_STOP_GRACE_SECONDS) * 1000;
      await run(`stopping container ${quoted(id)}`, container(id), ms, (abortSignal) => c(id).stop(t === undefined ? { abortSignal } : { t, abortSignal }));
    },
    removeContainer: async (id, o) => {
      await call(`removing container ${quoted(id)}`, container(id), (abortSignal) => c(id).remove({ force: o?.force ?? false, abortSignal }));
    },
    renameContainer: async (id, name) => {
      await call(`renaming container ${quoted(id)} to '${name}'`, container(id), (abortSignal) => c(id).rename({ name, abortSignal }));
    },
    updateContainer: async (id, body) => {
      await call(`updating container ${quoted(id)}`, container(id), (abortSignal) => c(id).update({ ...body, abortSignal }));
    },
    containerLogs: (id, o) =>
      call(`reading the logs of container ${quoted(id)}`, container(id), async (abortSignal) =>
        (await c(id).logs({ stdout: true, stderr: true, follow: false, abortSignal, ...(o.tail !== undefined ? { tail: o.tail } : {}) })) as unknown as Buffer | string,
      ),
    inspectImage: (ref) =>
      // dockerode's image inspect passes no abort signal: the modem's dial does.
      call(`inspecting image '${ref}'`, { kind: 'image', ref }, (abortSignal) =>
        new Promise<ImageDetails>((resolve, reject) => {
          docker.modem.dial(
            { path: `/images/${ref}/json`, method: 'GET', abortSignal, statusCodes: { 200: true, 404: 'no such image', 500: 'server error' } },
            (err: unknown, data: unknown) => (err ? reject(err) : resolve(data as ImageDetails)),
          );
        }),
      ),
    listImages: () => call('listing images', undefined, (abortSignal) => docker.listImages({ abortSignal })),
    listServices: (o) =>
      call('listing services', undefined, (signal) =>
        dial<ServiceDetails[]>(docker, { path: '/services?', method: 'GET', options: { filters: JSON.stringify(o.labels?.length ? { label: o.labels } : {}) }, statusCodes: SERVICE_CODES }, signal),
      ),
    inspectService: (id) => call(`inspecting service ${quoted(id)}`, undefined, (signal) => dial<ServiceDetails>(docker, { path: `/services/${id}`, method: 'GET', statusCodes: SERVICE_CODES }, signal)),
    createService: (spec, authHeader) =>
      call(`creating service '${String(spec.Name)}'`, undefined, async (signal) => {
        const made = await dial<{ ID: string }>(docker, { path: '/services/create', method: 'POST', options: { _body: spec }, authHeader, statusCodes: SERVICE_CODES }, signal);
        return { id: made.ID };
      }),
    updateService: async (id, version, spec, authHeader) => {
      await call(`updating service ${quoted(id)}`, undefined, (signal) =>
        dial(docker, { path: `/services/${id}/update?`, method: 'POST', options: { _query: { version }, _body: spec }, authHeader, statusCodes: SERVICE_CODES }, signal),
      );
    },
    rollbackService: async (id, version, spec) => {
      await call(`rolling back service ${quoted(id)}`, undefined, (signal) =>
        dial(docker, { path: `/services/${id}/update?`, method: 'POST', options: { _query: { version, rollback: 'previous' }, _body: spec }, statusCodes: SERVICE_CODES }, signal),
      );
    },
    removeService: async (id) => {
      await call(`removing service ${quoted(id)}`, undefined, (signal) => dial(docker, { path: `/services/${id}`, method: 'DELETE', statusCodes: SERVICE_CODES }, signal));
    },
    listTasks: (o) =>
      call(`listing the tasks of service ${quoted(o.service)}`, undefined, (signal) =>
        dial<TaskDetails[]>(docker, { path: '/tasks?', method: 'GET', options: { filters: JSON.stringify({ service: [o.service] }) }, statusCodes: SERVICE_CODES }, signal),
      ),
    pullImage: (ref, authHeader, onEvent) => {
      const shown = /^sha256:/.test(ref.tag) ? `${ref.fromImage}@${ref.tag}` : `${ref.fromImage}:${ref.tag}`;
      const op = `pulling image '${shown}'`;
      return run(op, { kind: 'image', ref: shown }, d.pullMs, async (abortSignal) => {
        const headers = Math.min(requestMs(), d.pullMs);
        // The header goes pre-encoded (`key`) so the modem never builds its own from a password.
        const stream = (await run(op, undefined, headers, (signal) =>
          authHeader ? docker.createImage({ key: authHeader }, { ...ref, abortSignal: signal }) : docker.createImage({ ...ref, abortSignal: signal }),
        )) as NodeJS.ReadableStream & { destroy?: (err?: Error) => void };
        abortSignal.addEventListener('abort', () => stream.destroy?.(), { once: true });
        return new Promise<PullEvent[]>((resolve, reject) => {
          let idle: NodeJS.Timeout | undefined;
          const arm = (): void => {
            clearTimeout(idle);
            idle = setTimeout(() => {
              // Reject first: destroying the stream makes followProgress report a normal end.
              reject(new EngineCallError(endpoint, op, `${op} stalled: no progress for ${seconds(d.pullIdleMs)}`, { timedOut: true }));
              stream.destroy?.();
            }, d.pullIdleMs);
          };
          arm();
          docker.modem.followProgress(
            stream,
            (err: Error | null, output: PullEvent[]) => {
              clearTimeout(idle);
              if (err) reject(err);
              else resolve(output ?? []);
            },
            (e: PullEvent) => {
              arm();
              onEvent(e);
            },
          );
        });
      });
    },
  };
}

/**
 * The same DockerApi with `fence` called before every call that changes a container (create,
 * start, stop, remove, rename, update) or a service (create, update, rollback, remove): when the run cannot prove it still holds its lock, the
 * fence throws and nothing is sent. Reads and pulls pass (they take nothing from another run).
 */
export function fencedApi(api: DockerApi, fence: () => void): DockerApi {
  // Every method delegated by name: `api` may be a class instance (the fake), so no spread.
  const fenced = async <T>(call: () => Promise<T>): Promise<T> => {
    fence();
    return call();
  };
  return {
    ping: () => api.ping(),
    version: () => api.version(),
    info: () => api.info(),
    listContainers: (o) => api.listContainers(o),
    inspectContainer: (id) => api.inspectContainer(id),
    createContainer: (body) => fenced(() => api.createContainer(body)),
    startContainer: (id) => fenced(() => api.startContainer(id)),
    stopContainer: (id, t) => fenced(() => api.stopContainer(id, t)),
    removeContainer: (id, o) => fenced(() => api.removeContainer(id, o)),
    renameContainer: (id, name) => fenced(() => api.renameContainer(id, name)),
    updateContainer: (id, body) => fenced(() => api.updateContainer(id, body)),
    containerLogs: (id, o) => api.containerLogs(id, o),
    inspectImage: (ref) => api.inspectImage(ref),
    listImages: () => api.listImages(),
    pullImage: (ref, auth, onEvent) => api.pullImage(ref, auth, onEvent),
    listServices: (o) => api.listServices(o),
    inspectService: (id) => api.inspectService(id),
    createService: (spec, auth) => fenced(() => api.createService(spec, auth)),
    updateService: (id, version, spec, auth) => fenced(() => api.updateService(id, version, spec, auth)),
    rollbackService: (id, version, spec) => fenced(() => api.rollbackService(id, version, spec)),
    removeService: (id) => fenced(() => api.removeService(id)),
    listTasks: (o) => api.listTasks(o),
  };
}

/** The engine's HTTP status on an error from DockerApi, when it has one. */
export function statusOf(err: unknown): number | undefined {
  return (err as { statusCode?: number } | undefined)?.statusCode;
}
