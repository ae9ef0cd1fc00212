/**
 * The narrow Docker interface the deploy engine speaks: the dozen Engine API calls hotdock makes,
 * and nothing else. Everything above it (observe, images, lock, wait, safe replace, the executor)
 * is written against this interface, so unit tests run it on the in-memory fake
 * (__tests__/helpers/fake-docker.ts) and integration tests on real engines through
 * `dockerApiOf`. Only this folder imports dockerode.
 */
import type Dockerode from 'dockerode';

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

/** The DockerApi of a dockerode instance. */
export function dockerApiOf(docker: Dockerode): DockerApi {
  const c = (id: string) => docker.getContainer(id);
  return {
    ping: async () => {
      await docker.ping();
    },
    version: () => docker.version(),
    info: () => docker.info() as Promise<EngineInfo>,
    listContainers: (o) => {
      const filters: Record<string, string[]> = {};
      if (o.labels?.length) filters.label = o.labels;
      if (o.names?.length) filters.name = o.names;
      return docker.listContainers({ all: o.all ?? false, filters });
    },
    inspectContainer: (id) => c(id).inspect(),
    createContainer: async (body) => ({ id: (await docker.createContainer(body as Dockerode.ContainerCreateOptions)).id }),
    startContainer: async (id) => {
      await c(id).start();
    },
    stopContainer: async (id, t) => {
      await c(id).stop(t === undefined ? {} : { t });
    },
    removeContainer: async (id, o) => {
      await c(id).remove({ force: o?.force ?? false });
    },
    renameContainer: async (id, name) => {
      await c(id).rename({ name });
    },
    updateContainer: async (id, body) => {
      await c(id).update(body);
    },
    containerLogs: async (id, o) =>
      (await c(id).logs({ stdout: true, stderr: true, follow: false, ...(o.tail !== undefined ? { tail: o.tail } : {}) })) as unknown as Buffer | string,
    inspectImage: (ref) => docker.getImage(ref).inspect(),
    listImages: () => docker.listImages(),
    pullImage: async (ref, authHeader, onEvent) => {
      // The header goes pre-encoded (`key`) so the modem never builds its own from a password.
      const stream = (authHeader ? await docker.createImage({ key: authHeader }, ref) : await docker.createImage(ref)) as NodeJS.ReadableStream;
      return new Promise<PullEvent[]>((resolve, reject) => {
        docker.modem.followProgress(
          stream,
          (err: Error | null, output: PullEvent[]) => (err ? reject(err) : resolve(output ?? [])),
          onEvent,
        );
      });
    },
  };
}

/** The engine's HTTP status on an error from DockerApi, when it has one. */
export function statusOf(err: unknown): number | undefined {
  return (err as { statusCode?: number } | undefined)?.statusCode;
}
