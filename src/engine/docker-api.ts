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
 * start, stop, remove, rename, update): when the run cannot prove it still holds its lock, the
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
  };
}

/** The engine's HTTP status on an error from DockerApi, when it has one. */
export function statusOf(err: unknown): number | undefined {
  return (err as { statusCode?: number } | undefined)?.statusCode;
}
