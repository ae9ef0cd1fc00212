/**
 * Opens a Docker connection to an endpoint target and proves it works (`/_ping` + `/version`)
 * before anything else runs, so that an unreachable or misconfigured endpoint fails in seconds
 * with its name and the cause in plain words.
 *
 * Transport rules: TLS always verifies the server certificate and never falls back to plain HTTP;
 * ssh pins the host key against ssh-known-hosts and carries every call over ONE ssh connection.
 */
import http from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import Docker from 'dockerode';
import { dockerApiOf, type Deadlines, type DockerApi } from './docker-api.js';
import { EndpointError, TIMEOUT_CODE, codedError, endpointError, seconds } from './errors.js';
import { SshChannelAgent, type SshAgentStats } from './ssh-agent.js';
import type { EndpointTarget } from '../spec/types.js';

/** A checked connection to one endpoint. */
export interface DockerConnection {
  target: EndpointTarget;
  /** The engine, through the narrow interface the deploy engine speaks. */
  docker: DockerApi;
  /** The engine's API version, e.g. `1.41`. */
  apiVersion: string;
  /** The engine's version, e.g. `20.10.24`. */
  engineVersion: string;
  /** ssh endpoints only: connections and channels opened so far. */
  sshStats?: SshAgentStats;
  /** ssh endpoints only: the agent carrying every request (tests drop its connection). */
  sshAgent?: SshChannelAgent;
  /** Ends the connection's sockets (and the ssh connection). Idempotent. */
  close(): Promise<void>;
}

/** Options of connect. */
export interface ConnectOptions {
  /** Limit for reaching the endpoint: TCP/TLS/ssh connect, and the first ping + version. Default 10000. */
  timeoutMs?: number;
  /** Deadlines of every later request (docker-api.ts): a partitioned endpoint fails instead of hanging. */
  deadlines?: Partial<Deadlines>;
  /** Requests in flight at once (ssh channels; TCP sockets). Default 8. */
  maxConnections?: number;
  /** ssh only: reuse idle channels (default true). False opens one channel per request. */
  reuseSshChannels?: boolean;
}

const DEFAULT_TIMEOUT_MS = 10_000;

/** Destroys a socket that is not connected (and, for TLS, through the handshake) in time. */
function armConnectTimeout(socket: Duplex, ms: number, secure: boolean): void {
  const s = socket as Socket;
  if (!secure && !s.connecting) return;
  const timer = setTimeout(() => {
    s.destroy(codedError(TIMEOUT_CODE, `timed out after ${seconds(ms)}`));
  }, ms);
  s.once(secure ? 'secureConnect' : 'connect', () => clearTimeout(timer));
  s.once('close', () => clearTimeout(timer));
}

/** Keep-alive HTTP agent with a connect timeout: a dead host fails in seconds, not minutes. */
class TimedHttpAgent extends http.Agent {
  constructor(private readonly connectMs: number, maxSockets: number) {
    super({ keepAlive: true, maxSockets });
  }
  override createConnection(options: http.ClientRequestArgs, cb?: (err: Error | null, s: Duplex) => void): Duplex | null | undefined {
    const s = super.createConnection(options, cb);
    if (s) armConnectTimeout(s, this.connectMs, false);
    return s;
  }
}

/** Keep-alive HTTPS agent (one TLS handshake for many calls) with a connect+handshake timeout. */
class TimedHttpsAgent extends https.Agent {
  constructor(private readonly connectMs: number, maxSockets: number) {
    super({ keepAlive: true, maxSockets, rejectUnauthorized: true });
  }
  override createConnection(options: https.RequestOptions, cb?: (err: Error | null, s: Duplex) => void): Duplex | null | undefined {
    // The server certificate is always verified, whatever a caller put in the request options.
    const s = super.createConnection({ ...options, rejectUnauthorized: true }, cb);
    if (s) armConnectTimeout(s, this.connectMs, true);
    return s;
  }
}

/** The dockerode instance (and its agent) for a target; no I/O yet. */
function build(target: EndpointTarget, o: Required<ConnectOptions>): { docker: Docker; agent?: http.Agent } {
  const p = target.parsed;
  // No socket timeout: every request carries its own deadline (dockerApiOf).
  const common = {};
  switch (p.kind) {
    case 'unix':
      return { docker: new Docker({ socketPath: p.socketPath, ...common }) };
    case 'ssh': {
      const agent = new SshChannelAgent({
        host: p.host, port: p.port, username: p.user,
        privateKey: target.sshPrivateKey, knownHosts: target.sshKnownHosts,
        timeoutMs: o.timeoutMs, maxChannels: o.maxConnections, reuseChannels: o.reuseSshChannels,
      });
      // protocol 'http' on purpose: with 'ssh', docker-modem replaces any agent by its own, which
      // opens a new ssh connection per request. The host/port only fill the Host header here.
      const opts = { protocol: 'http', host: p.host, port: p.port, agent, ...common };
      return { docker: new Docker(opts as Docker.DockerOptions), agent };
    }
    case 'https':
    case 'tcp': {
      if (p.kind === 'https' || target.tls) {
        const agent = new TimedHttpsAgent(o.timeoutMs, o.maxConnections);
        const t = target.tls ?? {};
        const opts = { protocol: 'https', host: p.host, port: p.port, ca: t.ca, cert: t.cert, key: t.key, agent, ...common };
        return { docker: new Docker(opts as Docker.DockerOptions), agent };
      }
      const agent = new TimedHttpAgent(o.timeoutMs, o.maxConnections);
      return { docker: new Docker({ protocol: 'http', host: p.host, port: p.port, agent, ...common } as Docker.DockerOptions), agent };
    }
    case 'http': {
      const agent = new TimedHttpAgent(o.timeoutMs, o.maxConnections);
      return { docker: new Docker({ protocol: 'http', host: p.host, port: p.port, agent, ...common } as Docker.DockerOptions), agent };
    }
  }
}

/** Rejects with a timeout error after `ms`, unless `work` settles first. */
async function within<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(codedError(TIMEOUT_CODE, `timed out after ${seconds(ms)}`)), ms);
  });
  try {
    return await Promise.race([work, limit]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Connects to `target` and checks it answers (`/_ping`, then `/version` for the API version).
 * Throws an EndpointError: "cannot reach Docker endpoint 'tcp://10.201.0.2:2376': connection refused".
 */
export async function connect(target: EndpointTarget, options: ConnectOptions = {}): Promise<DockerConnection> {
  const o: Required<ConnectOptions> = {
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    deadlines: options.deadlines ?? {},
    maxConnections: options.maxConnections ?? 8,
    reuseSshChannels: options.reuseSshChannels ?? true,
  };
  let built: { docker: Docker; agent?: http.Agent };
  try {
    built = build(target, o);
  } catch (err) {
    throw endpointError(target, err, o.timeoutMs);
  }
  const { docker, agent } = built;
  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    if (agent instanceof SshChannelAgent) agent.close();
    else agent?.destroy();
  };
  try {
    const version = await within(
      (async () => {
        await docker.ping();
        return docker.version();
      })(),
      o.timeoutMs,
    );
    if (!version.ApiVersion) throw new EndpointError(target, 'the endpoint did not report an API version: is it a Docker engine?');
    return {
      target,
      docker: dockerApiOf(docker, { endpoint: target.name, deadlines: o.deadlines }),
      apiVersion: version.ApiVersion,
      engineVersion: version.Version,
      sshStats: agent instanceof SshChannelAgent ? agent.stats : undefined,
      sshAgent: agent instanceof SshChannelAgent ? agent : undefined,
      close,
    };
  } catch (err) {
    await close();
    throw endpointError(target, err, o.timeoutMs);
  }
}
