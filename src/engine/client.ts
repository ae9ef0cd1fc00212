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
import { dockerApiOf, type DockerApi } from './docker-api.js';
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
  /**
   * Idle limit of every later request (no byte in either direction for this long): a partitioned
   * endpoint fails instead of hanging. Long blocking calls (wait, stop) must stay under it.
   * Default 300000.
   */
  requestTimeoutMs?: number;
  /** Requests in flight at once (ssh channels; TCP sockets). Default 8. */
  maxConnections?: number;
  /** ssh only: reuse idle channels (default true). False opens one channel per request. */
  reuseSshChannels?: boolean;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_REQUEST_TIMEOUT_MS = 300_000;

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

/**
 * The connection fields of docker-modem, every one of them. docker-modem fills each field its
 * options leave out from the process environment (DOCKER_HOST → host, port, protocol, socketPath,
 * username, sshOptions; DOCKER_TLS_VERIFY → protocol https; DOCKER_CERT_PATH → ca, cert, key;
 * DOCKER_PATH_PREFIX → pathPrefix; DOCKER_CLIENT_TIMEOUT → timeout), and a `host` from DOCKER_HOST
 * overrides our socketPath. So we give every field a value, undefined where it does not apply.
 */
export interface ModemOptions {
  socketPath: string | undefined;
  host: string | undefined;
  port: number | undefined;
  protocol: 'http' | 'https';
  username: undefined;
  password: undefined;
  pathPrefix: string | undefined;
  ca: string | undefined;
  cert: string | undefined;
  key: string | undefined;
  timeout: number;
  connectionTimeout: undefined;
  checkServerIdentity: undefined;
  version: undefined;
  sshOptions: Record<string, never>;
  agent: http.Agent | undefined;
}

/**
 * The complete docker-modem options for a target, from the target alone. Pure. For ssh, the host
 * and port only fill the Host header: the agent carries the requests.
 */
export function modemOptions(target: EndpointTarget, agent: http.Agent | undefined, requestTimeoutMs: number): ModemOptions {
  const p = target.parsed;
  const none = {
    socketPath: undefined, host: undefined, port: undefined, username: undefined, password: undefined,
    pathPrefix: undefined, ca: undefined, cert: undefined, key: undefined, connectionTimeout: undefined,
    checkServerIdentity: undefined, version: undefined, sshOptions: {}, timeout: requestTimeoutMs, agent,
  } as const;
  if (p.kind === 'unix') return { ...none, protocol: 'http', socketPath: p.socketPath };
  // protocol 'http' for ssh on purpose: with 'ssh', docker-modem replaces any agent by its own,
  // which opens a new ssh connection per request (and reads SSH_AUTH_SOCK).
  const secure = p.kind === 'https' || (p.kind === 'tcp' && target.tls !== undefined);
  const tls = secure ? (target.tls ?? {}) : {};
  return { ...none, protocol: secure ? 'https' : 'http', host: p.host, port: p.port, pathPrefix: '/', ca: tls.ca, cert: tls.cert, key: tls.key };
}

/** What docker-modem reads from the environment when it is constructed. */
const MODEM_ENV = ['DOCKER_HOST', 'DOCKER_TLS_VERIFY', 'DOCKER_CERT_PATH', 'DOCKER_PATH_PREFIX', 'DOCKER_CLIENT_TIMEOUT'];

/**
 * A dockerode instance whose connection is exactly `opts`. docker-modem computes its environment
 * defaults in its constructor even when every field is given, and that computation can throw (a
 * DOCKER_HOST it cannot parse, a DOCKER_CERT_PATH without certificates) or pick an ssh transport:
 * so the constructor runs with those variables hidden (synchronously: nothing else runs meanwhile),
 * and the result is checked field by field.
 */
export function dockerodeFor(opts: ModemOptions): Docker {
  const saved = MODEM_ENV.map((k) => [k, process.env[k]] as const);
  for (const [k] of saved) delete process.env[k];
  let docker: Docker;
  try {
    docker = new Docker(opts as unknown as Docker.DockerOptions);
  } finally {
    for (const [k, v] of saved) if (v !== undefined) process.env[k] = v;
  }
  const modem = (docker as unknown as { modem: Record<string, unknown> }).modem;
  for (const field of ['socketPath', 'host', 'port', 'protocol', 'ca', 'cert', 'key', 'pathPrefix', 'agent'] as const) {
    if (modem[field] !== opts[field]) {
      throw new Error(`internal: the Docker client's ${field} is not the one hotdock set (a docker-modem change?)`);
    }
  }
  return docker;
}

/** The dockerode instance (and its agent) for a target; no I/O yet. */
function build(target: EndpointTarget, o: Required<ConnectOptions>): { docker: Docker; agent?: http.Agent } {
  const p = target.parsed;
  let agent: http.Agent | undefined;
  if (p.kind === 'ssh') {
    agent = new SshChannelAgent({
      host: p.host, port: p.port, username: p.user,
      privateKey: target.sshPrivateKey, knownHosts: target.sshKnownHosts,
      timeoutMs: o.timeoutMs, maxChannels: o.maxConnections, reuseChannels: o.reuseSshChannels,
    });
  } else if (p.kind !== 'unix') {
    const secure = p.kind === 'https' || (p.kind === 'tcp' && target.tls !== undefined);
    agent = secure ? new TimedHttpsAgent(o.timeoutMs, o.maxConnections) : new TimedHttpAgent(o.timeoutMs, o.maxConnections);
  }
  return { docker: dockerodeFor(modemOptions(target, agent, o.requestTimeoutMs)), agent };
}

/** Rejects with a timeout error after `ms`, unless `work` settles first. */
export async function within<T>(work: Promise<T>, ms: number): Promise<T> {
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
    requestTimeoutMs: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
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
      docker: dockerApiOf(docker),
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
