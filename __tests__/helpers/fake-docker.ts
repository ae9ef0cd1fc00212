/**
 * An in-memory Docker engine behind the DockerApi interface, for unit tests of the executor, safe
 * replace and lock. It keeps the engine's rules that hotdock's safety depends on: unique names
 * (409), 404 for what is gone, 304 for what already is so, a running container cannot be removed
 * without force, and a host port held by a running container cannot be bound again (500 "port is
 * already allocated"). Per-container scripts make a container exit, restart or never turn healthy;
 * fault injection fails or hangs the Nth call of an operation. Integration tests use real engines.
 */
import { FakeSwarm } from './fake-swarm.js';
import type { ContainerDetails, ContainerSummary, DockerApi, EngineInfo, ImageDetails, ListOptions, PullEvent } from '../../src/engine/docker-api.js';

/** What a container does once started (matched at create time by name). */
export interface ContainerScript {
  /** Exits with `exitCode` (default 1) this many ms after each start. */
  exitAfterMs?: number;
  exitCode?: number;
  /** With a health check: turns healthy after this many ms (default 0); `never` stays starting. */
  healthyAfterMs?: number | 'never';
  /** With a health check: turns unhealthy instead. */
  unhealthy?: boolean;
  /** Lines its logs hold. */
  logs?: string[];
}

/** The operations of DockerApi, as fault injection names them. */
export type FakeOp = keyof DockerApi;

/** One call the fake answered (or refused), in order. */
export interface FakeCall {
  op: FakeOp;
  args: unknown[];
}

/** An engine error as dockerode makes it: message plus statusCode. */
export class FakeEngineError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(`(HTTP code ${statusCode}) ${message}`);
    this.name = 'FakeEngineError';
  }
}

interface PortBinding {
  HostIp?: string;
  HostPort?: string;
}

/** A container as the fake keeps it. */
export interface FakeContainer {
  id: string;
  name: string;
  image: string;
  imageId: string;
  labels: Record<string, string>;
  body: Record<string, unknown>;
  restartPolicy: { Name: string; MaximumRetryCount?: number };
  portBindings: Record<string, PortBinding[]>;
  healthcheck: boolean;
  status: 'created' | 'running' | 'exited' | 'paused' | 'restarting' | 'dead';
  exitCode: number;
  restartCount: number;
  startedAt: string;
  health?: 'starting' | 'healthy' | 'unhealthy';
  ip: string;
  /** Set by `stop` (docker stop): restart policies other than `always` leave it stopped. */
  stoppedByUser: boolean;
  script: ContainerScript;
  timers: NodeJS.Timeout[];
}

const MUTATING: ReadonlySet<FakeOp> = new Set<FakeOp>([
  'createContainer', 'startContainer', 'stopContainer', 'removeContainer', 'renameContainer', 'updateContainer', 'pullImage',
  'createService', 'updateService', 'rollbackService', 'removeService',
]);

/** True for the operations that change the engine. */
export function isMutating(op: FakeOp): boolean {
  return MUTATING.has(op);
}

let idCounter = 0;
const newId = (): string => {
  idCounter++;
  const n = idCounter.toString(16).padStart(8, '0');
  return `${n}${'f'.repeat(56)}`.slice(0, 64);
};

/** The fake engine. Use `.api` where a DockerApi is wanted. */
export class FakeDocker {
  readonly containers = new Map<string, FakeContainer>();
  /** Image reference → image id. */
  readonly images = new Map<string, string>();
  /** References a pull can fetch (reference → image id it gets). */
  readonly registry = new Map<string, string>();
  readonly calls: FakeCall[] = [];
  readonly engineId: string;
  private readonly scripts = new Map<string, ContainerScript>();
  private readonly failures: { op: FakeOp; countdown: number; error: () => Error }[] = [];
  private readonly hangs: { op: FakeOp; countdown: number; gate: Promise<void> }[] = [];
  private ipCounter = 2;
  readonly api: DockerApi;
  /** Services and tasks: the engine as a swarm manager (see fake-swarm.ts). */
  readonly swarm = new FakeSwarm();

  constructor(options: { images?: string[]; engineId?: string } = {}) {
    this.engineId = options.engineId ?? 'FAKE:ENGINE:0001';
    for (const ref of options.images ?? []) this.images.set(ref, `sha256:${Buffer.from(ref).toString('hex').padEnd(64, '0').slice(0, 64)}`);
    this.api = this.makeApi();
  }

  /** Containers named `name` get this script from their next create on. */
  script(name: string, script: ContainerScript): void {
    this.scripts.set(name, script);
  }

  /** The `nth` call of `op` from now (1 = the next one) fails with `error` (default 500). */
  failOn(op: FakeOp, nth = 1, error: () => Error = () => new FakeEngineError(500, `injected failure of ${op}`)): void {
    this.failures.push({ op, countdown: nth, error });
  }

  /** The `nth` call of `op` from now waits until the returned function is called. */
  hangOn(op: FakeOp, nth = 1): () => void {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    this.hangs.push({ op, countdown: nth, gate });
    return release;
  }

  /** The container named `name` (without '/'), if any. */
  byName(name: string): FakeContainer | undefined {
    for (const c of this.containers.values()) if (c.name === name) return c;
    return undefined;
  }

  /** Calls that change the engine, in order. */
  mutations(): FakeCall[] {
    return this.calls.filter((c) => isMutating(c.op));
  }

  /**
   * The engine restarts: every container stops; those whose restart policy says so come back
   * (`always`; `unless-stopped` unless stopped by a user), as dockerd does on boot.
   */
  restartEngine(): void {
    for (const c of this.containers.values()) {
      const wasRunning = c.status === 'running' || c.status === 'restarting';
      if (wasRunning) this.halt(c, 0);
      const p = c.restartPolicy.Name;
      if (p === 'always' || (p === 'unless-stopped' && !c.stoppedByUser)) {
        if (this.portsFree(c)) this.boot(c);
      }
    }
  }

  /** Stops every script timer (call in afterEach). */
  dispose(): void {
    for (const c of this.containers.values()) this.clearTimers(c);
  }

  private lookup(idOrName: string): FakeContainer {
    const c = this.containers.get(idOrName) ?? this.byName(idOrName.replace(/^\//, ''));
    if (c) return c;
    for (const x of this.containers.values()) if (idOrName.length >= 12 && x.id.startsWith(idOrName)) return x;
    throw new FakeEngineError(404, `No such container: ${idOrName}`);
  }

  private async enter(op: FakeOp, args: unknown[]): Promise<void> {
    this.calls.push({ op, args });
    // Settle like a socket round trip would: callers can interleave.
    await Promise.resolve();
    for (const h of this.hangs) {
      if (h.op === op && h.countdown > 0 && --h.countdown === 0) await h.gate;
    }
    for (const f of this.failures) {
      if (f.op === op && f.countdown > 0 && --f.countdown === 0) throw f.error();
    }
  }

  private clearTimers(c: FakeContainer): void {
    for (const t of c.timers) clearTimeout(t);
    c.timers = [];
  }

  private timer(c: FakeContainer, ms: number, fn: () => void): void {
    const t = setTimeout(fn, ms);
    t.unref();
    c.timers.push(t);
  }

  /** Bindings with a host port, as `ip:port/proto` keys. */
  private hostKeys(c: FakeContainer): { ip: string; port: string; proto: string }[] {
    const out: { ip: string; port: string; proto: string }[] = [];
    for (const [key, list] of Object.entries(c.portBindings)) {
      const proto = key.split('/')[1] ?? 'tcp';
      for (const b of list ?? []) if (b?.HostPort) out.push({ ip: b.HostIp || '0.0.0.0', port: String(b.HostPort), proto });
    }
    return out;
  }

  /** The first of c's host ports another running container holds, as the engine names it. */
  private portTaken(c: FakeContainer): string | undefined {
    const mine = this.hostKeys(c);
    for (const other of this.containers.values()) {
      if (other === c || (other.status !== 'running' && other.status !== 'restarting' && other.status !== 'paused')) continue;
      for (const o of this.hostKeys(other)) {
        for (const m of mine) {
          const ipOverlap = m.ip === o.ip || m.ip === '0.0.0.0' || o.ip === '0.0.0.0';
          if (ipOverlap && m.port === o.port && m.proto === o.proto) return `${m.ip}:${m.port}`;
        }
      }
    }
    return undefined;
  }

  private portsFree(c: FakeContainer): boolean {
    return this.portTaken(c) === undefined;
  }

  /** Marks c running and arms its script. */
  private boot(c: FakeContainer): void {
    c.status = 'running';
    c.exitCode = 0;
    c.startedAt = new Date(Date.now() + c.restartCount).toISOString();
    c.stoppedByUser = false;
    if (c.healthcheck) {
      c.health = 'starting';
      const after = c.script.healthyAfterMs ?? 0;
      if (c.script.unhealthy) this.timer(c, 0, () => (c.health = 'unhealthy'));
      else if (after !== 'never') this.timer(c, after, () => (c.health = 'healthy'));
    }
    if (c.script.exitAfterMs !== undefined) {
      this.timer(c, c.script.exitAfterMs, () => this.exit(c, c.script.exitCode ?? 1));
    }
  }

  private halt(c: FakeContainer, exitCode: number): void {
    this.clearTimers(c);
    c.status = 'exited';
    c.exitCode = exitCode;
    c.health = c.healthcheck ? 'unhealthy' : undefined;
  }

  /** The container's process ended on its own: the restart policy decides what follows. */
  private exit(c: FakeContainer, code: number): void {
    this.halt(c, code);
    const p = c.restartPolicy.Name;
    const again = p === 'always' || p === 'unless-stopped' || (p === 'on-failure' && code !== 0);
    if (again && this.portsFree(c)) {
      c.restartCount++;
      this.boot(c);
    }
  }

  private details(c: FakeContainer): ContainerDetails {
    const running = c.status === 'running';
    const ports: Record<string, PortBinding[] | null> = {};
    if (running) for (const [k, v] of Object.entries(c.portBindings)) ports[k] = v.map((b) => ({ HostIp: b.HostIp || '0.0.0.0', HostPort: String(b.HostPort ?? '') }));
    const config = { ...(c.body as Record<string, unknown>) };
    delete config.HostConfig;
    return {
      Id: c.id,
      Name: `/${c.name}`,
      Image: c.imageId,
      Created: new Date().toISOString(),
      RestartCount: c.restartCount,
      State: {
        Status: c.status,
        Running: running,
        Paused: c.status === 'paused',
        Restarting: c.status === 'restarting',
        OOMKilled: false,
        Dead: c.status === 'dead',
        Pid: running ? 1000 : 0,
        ExitCode: c.exitCode,
        Error: '',
        StartedAt: c.startedAt,
        FinishedAt: '0001-01-01T00:00:00Z',
        ...(c.health ? { Health: { Status: c.health, FailingStreak: 0, Log: [] } } : {}),
      },
      Config: { ...config, Image: c.image, Labels: { ...c.labels } },
      HostConfig: {
        ...((c.body.HostConfig as Record<string, unknown>) ?? {}),
        RestartPolicy: { ...c.restartPolicy },
        PortBindings: structuredClone(c.portBindings),
      },
      NetworkSettings: {
        IPAddress: running ? c.ip : '',
        Gateway: running ? '172.30.0.1' : '',
        Ports: ports,
        Networks: { bridge: { IPAddress: running ? c.ip : '', Gateway: running ? '172.30.0.1' : '' } },
      },
    } as unknown as ContainerDetails;
  }

  private summary(c: FakeContainer): ContainerSummary {
    const ports = c.status === 'running'
      ? this.hostKeys(c).map((k) => ({ IP: k.ip, PublicPort: Number(k.port), PrivatePort: 0, Type: k.proto }))
      : [];
    return {
      Id: c.id,
      Names: [`/${c.name}`],
      Image: c.image,
      ImageID: c.imageId,
      Labels: { ...c.labels },
      State: c.status,
      Status: c.status,
      Ports: ports,
    } as unknown as ContainerSummary;
  }

  private makeApi(): DockerApi {
    return {
      ping: async () => {
        await this.enter('ping', []);
      },
      version: async () => {
        await this.enter('version', []);
        return { ApiVersion: '1.43', Version: '24.0.0-fake' };
      },
      info: async (): Promise<EngineInfo> => {
        await this.enter('info', []);
        const swarm = this.swarm.active ? { Swarm: { LocalNodeState: 'active', ControlAvailable: true } } : {};
        return { ID: this.engineId, Name: 'fake', SystemTime: new Date().toISOString(), ...swarm };
      },
      listContainers: async (o: ListOptions) => {
        await this.enter('listContainers', [o]);
        const out: ContainerSummary[] = [];
        for (const c of this.containers.values()) {
          if (!o.all && c.status !== 'running') continue;
          const labelsOk = (o.labels ?? []).every((f) => {
            const eq = f.indexOf('=');
            return eq < 0 ? f in c.labels : c.labels[f.slice(0, eq)] === f.slice(eq + 1);
          });
          const namesOk = (o.names ?? []).every((n) => c.name.includes(n.replace(/^\//, '')));
          if (labelsOk && namesOk) out.push(this.summary(c));
        }
        return out;
      },
      inspectContainer: async (id) => {
        await this.enter('inspectContainer', [id]);
        return this.details(this.lookup(id));
      },
      createContainer: async (body) => {
        await this.enter('createContainer', [body]);
        const name = String(body.name ?? '').replace(/^\//, '') || `fake_${this.containers.size}`;
        const holder = this.byName(name);
        if (holder) throw new FakeEngineError(409, `Conflict. The container name "/${name}" is already in use by container "${holder.id}". You have to remove (or rename) that container to be able to reuse that name.`);
        const image = String(body.Image ?? '');
        // By reference or by id, as the engine takes either (the lock creates from an image id).
        const imageId = this.images.get(image) ?? [...this.images.values()].find((i) => i === image);
        if (!imageId) throw new FakeEngineError(404, `No such image: ${image}`);
        const host = (body.HostConfig ?? {}) as { RestartPolicy?: { Name?: string; MaximumRetryCount?: number }; PortBindings?: Record<string, PortBinding[]> };
        const { name: _drop, ...rest } = body;
        void _drop;
        const c: FakeContainer = {
          id: newId(),
          name,
          image,
          imageId,
          labels: { ...((body.Labels as Record<string, string>) ?? {}) },
          body: structuredClone(rest),
          restartPolicy: { Name: host.RestartPolicy?.Name || 'no', ...(host.RestartPolicy?.MaximumRetryCount ? { MaximumRetryCount: host.RestartPolicy.MaximumRetryCount } : {}) },
          portBindings: structuredClone(host.PortBindings ?? {}),
          healthcheck: body.Healthcheck !== undefined && body.Healthcheck !== null,
          status: 'created',
          exitCode: 0,
          restartCount: 0,
          startedAt: '0001-01-01T00:00:00Z',
          ip: `172.30.0.${this.ipCounter++}`,
          stoppedByUser: false,
          script: this.scripts.get(name) ?? {},
          timers: [],
        };
        this.containers.set(c.id, c);
        return { id: c.id };
      },
      startContainer: async (id) => {
        await this.enter('startContainer', [id]);
        const c = this.lookup(id);
        if (c.status === 'running') throw new FakeEngineError(304, 'container already started');
        const taken = this.portTaken(c);
        if (taken) {
          throw new FakeEngineError(500, `driver failed programming external connectivity on endpoint ${c.name} (${c.id.slice(0, 12)}): Bind for ${taken} failed: port is already allocated`);
        }
        this.boot(c);
      },
      stopContainer: async (id, t) => {
        await this.enter('stopContainer', [id, t]);
        const c = this.lookup(id);
        if (c.status !== 'running' && c.status !== 'restarting' && c.status !== 'paused') throw new FakeEngineError(304, 'container already stopped');
        this.halt(c, 137);
        c.stoppedByUser = true;
      },
      removeContainer: async (id, o) => {
        await this.enter('removeContainer', [id, o]);
        const c = this.lookup(id);
        if (c.status === 'running' && !o?.force) {
          throw new FakeEngineError(409, `You cannot remove a running container ${c.id}. Stop the container before attempting removal or force remove`);
        }
        this.clearTimers(c);
        this.containers.delete(c.id);
      },
      renameContainer: async (id, name) => {
        await this.enter('renameContainer', [id, name]);
        const c = this.lookup(id);
        const holder = this.byName(name);
        if (holder && holder !== c) throw new FakeEngineError(409, `Conflict. The container name "/${name}" is already in use by container "${holder.id}"`);
        c.name = name;
      },
      updateContainer: async (id, body) => {
        await this.enter('updateContainer', [id, body]);
        const c = this.lookup(id);
        const rp = body.RestartPolicy as { Name?: string; MaximumRetryCount?: number } | undefined;
        if (rp) c.restartPolicy = { Name: rp.Name || 'no', ...(rp.MaximumRetryCount ? { MaximumRetryCount: rp.MaximumRetryCount } : {}) };
      },
      containerLogs: async (id, o) => {
        await this.enter('containerLogs', [id, o]);
        const lines = this.lookup(id).script.logs ?? [];
        const kept = o.tail !== undefined ? lines.slice(-o.tail) : lines;
        return kept.map((l) => `${l}\n`).join('');
      },
      inspectImage: async (ref) => {
        await this.enter('inspectImage', [ref]);
        const id = this.images.get(ref) ?? [...this.images.values()].find((i) => i === ref);
        if (!id) throw new FakeEngineError(404, `No such image: ${ref}`);
        return { Id: id, RepoTags: [ref] } as unknown as ImageDetails;
      },
      listImages: async () => {
        await this.enter('listImages', []);
        return [...new Set(this.images.values())].map((Id) => ({ Id }));
      },
      pullImage: async (ref, _auth, onEvent) => {
        await this.enter('pullImage', [ref]);
        const full = `${ref.fromImage}:${ref.tag}`;
        const id = this.registry.get(full);
        if (!id) throw new FakeEngineError(404, `pull access denied for ${ref.fromImage}, repository does not exist or may require 'docker login'`);
        const events: PullEvent[] = [{ status: `Pulling from ${ref.fromImage}` }, { status: `Status: Downloaded newer image for ${full}` }];
        for (const e of events) onEvent(e);
        this.images.set(full, id);
        return events;
      },
      ...this.swarm.methods((op, args) => this.enter(op, args)),
    };
  }
}
