/**
 * One ssh connection per endpoint, carrying every Engine API call. docker-modem's own ssh transport
 * opens a new ssh connection (TCP, key exchange, host-key check, auth) for EVERY request; here an
 * http.Agent hands each request a new channel (`docker system dial-stdio`) on one shared ssh2
 * client, and keeps idle channels for the next request.
 */
import http from 'node:http';
import type { Duplex } from 'node:stream';
import { Client, type ClientChannel, type ConnectConfig } from 'ssh2';
import { ChannelSocket } from './channel-socket.js';
import { formatHostPort } from '../spec/endpoint-url.js';
import { SSH_CONFIG_CODE, SSH_DIAL_CODE, SSH_HOST_KEY_CODE, TIMEOUT_CODE, codedError, seconds } from './errors.js';
import { hostKeyVerdict, pinnedKeyTypes } from '../spec/known-hosts.js';

/** Where and how to connect. Secrets stay in this object and ssh2; never in messages. */
export interface SshAgentOptions {
  host: string;
  port: number;
  username: string;
  /** OpenSSH/PEM private key; without it, the ssh-agent at SSH_AUTH_SOCK is used when there is one. */
  privateKey?: string;
  /** known_hosts text: the server's key must be listed for host:port. */
  knownHosts?: string;
  /** Handshake and channel-open limit. */
  timeoutMs: number;
  /**
   * Channels open at once (default 8, at most SSH_MAX_CHANNELS): requests beyond it wait for a free
   * channel instead of being refused by sshd.
   */
  maxChannels?: number;
  /** Keep idle channels for the next request (default true): saves a process start per call. */
  reuseChannels?: boolean;
}

/** OpenSSH's default MaxSessions: a channel more would be refused by a stock sshd. */
export const SSH_MAX_CHANNELS = 10;

/** Counters, for tests and measurements. */
export interface SshAgentStats {
  /** ssh connections made (each a TCP connect, key exchange, host-key check and auth). */
  connections: number;
  /** Channels opened (each a `docker system dial-stdio` on the host). */
  channels: number;
}

/** An http.Agent whose connections are channels of one ssh connection. */
export class SshChannelAgent extends http.Agent {
  /** Counters since creation. */
  readonly stats: SshAgentStats = { connections: 0, channels: 0 };
  private readonly opts: SshAgentOptions;
  private client: Client | undefined;
  /** A connection still in its handshake: close() must end it too, or it would keep the process alive. */
  private connecting: Client | undefined;
  private ready: Promise<Client> | undefined;
  private closed = false;

  constructor(opts: SshAgentOptions) {
    const reuse = opts.reuseChannels ?? true;
    const max = Math.min(opts.maxChannels ?? 8, SSH_MAX_CHANNELS);
    super({ keepAlive: reuse, maxSockets: max, maxFreeSockets: max });
    this.opts = opts;
  }

  /** Called by Node's http client for each new connection: open a channel instead of a socket. */
  override createConnection(
    _options: http.ClientRequestArgs,
    _callback?: (err: Error | null, stream: Duplex) => void,
  ): Duplex | null | undefined {
    return new ChannelSocket(this.channel());
  }

  /** The shared ssh connection, made (or re-made after a drop) on first use. */
  connection(): Promise<Client> {
    if (this.closed) return Promise.reject(codedError(SSH_CONFIG_CODE, 'ssh: the connection was closed'));
    if (this.ready) return this.ready;
    const o = this.opts;
    const where = formatHostPort(o.host, o.port);
    this.ready = new Promise<Client>((resolve, reject) => {
      if (!o.knownHosts || o.knownHosts.trim() === '') {
        reject(codedError(SSH_CONFIG_CODE, `ssh: no ssh-known-hosts given; a host key not listed is refused (get it with: ssh-keyscan -p ${o.port} ${o.host})`));
        return;
      }
      const agentSocket = process.env.SSH_AUTH_SOCK;
      if (!o.privateKey && !agentSocket) {
        reject(codedError(SSH_CONFIG_CODE, 'ssh: no ssh-private-key given (and no ssh-agent at SSH_AUTH_SOCK)'));
        return;
      }
      const knownHosts = o.knownHosts;
      let hostKeyProblem: string | undefined;
      const c = new Client();
      const config: ConnectConfig = {
        host: o.host,
        port: o.port,
        username: o.username,
        readyTimeout: o.timeoutMs,
        // Finds a dead peer in ~45 s instead of never, on a connection that may idle between runs.
        keepaliveInterval: 15000,
        keepaliveCountMax: 3,
        hostVerifier: (key: Buffer) => {
          const verdict = hostKeyVerdict(knownHosts, o.host, o.port, key);
          if (verdict === 'match') return true;
          hostKeyProblem =
            verdict === 'mismatch'
              ? `ssh: host key of ${where} is not in ssh-known-hosts (it lists another key for this host: the host was reinstalled, or the connection is intercepted)`
              : verdict === 'revoked'
                ? `ssh: host key of ${where} is revoked in ssh-known-hosts`
                : `ssh: host key of ${where} is not in ssh-known-hosts (get it with: ssh-keyscan -p ${o.port} ${o.host})`;
          return false;
        },
      };
      const types = pinnedKeyTypes(knownHosts, o.host, o.port);
      if (types.length > 0) config.algorithms = { serverHostKey: types as NonNullable<ConnectConfig['algorithms']>['serverHostKey'] };
      if (o.privateKey) config.privateKey = o.privateKey;
      else config.agent = agentSocket;

      this.connecting = c;
      c.once('ready', () => {
        this.connecting = undefined;
        if (this.closed) {
          c.end();
          reject(codedError(SSH_CONFIG_CODE, 'ssh: the connection was closed'));
          return;
        }
        this.stats.connections++;
        this.client = c;
        resolve(c);
      });
      c.on('error', (err: Error & { level?: string }) => {
        if (this.client !== c) {
          if (this.connecting === c) this.connecting = undefined;
          this.ready = undefined;
          c.end();
          reject(hostKeyProblem ? codedError(SSH_HOST_KEY_CODE, hostKeyProblem) : err);
        }
      });
      c.on('close', () => {
        // Closed before 'ready' without an 'error' (close() during the handshake): settle, never hang.
        // A no-op when the promise already settled.
        if (this.connecting === c) this.connecting = undefined;
        reject(hostKeyProblem ? codedError(SSH_HOST_KEY_CODE, hostKeyProblem) : codedError(SSH_DIAL_CODE, `ssh: ${where} closed the connection during the handshake`));
        // A dropped connection is made again by the next request.
        if (this.client === c) {
          this.client = undefined;
          this.ready = undefined;
        }
      });
      try {
        c.connect(config);
      } catch (err) {
        this.ready = undefined;
        reject(err);
      }
    });
    return this.ready;
  }

  /** A new `docker system dial-stdio` channel on the shared connection. */
  private async channel(): Promise<ClientChannel> {
    const c = await this.connection();
    const where = formatHostPort(this.opts.host, this.opts.port);
    return new Promise<ClientChannel>((resolve, reject) => {
      let late = false;
      const timer = setTimeout(() => {
        late = true;
        reject(codedError(TIMEOUT_CODE, `ssh: opening a channel on ${where} timed out after ${seconds(this.opts.timeoutMs)}`));
      }, this.opts.timeoutMs);
      const opened = (err: Error | undefined, ch: ClientChannel): void => {
        clearTimeout(timer);
        if (err) {
          if (!late) reject(codedError(SSH_DIAL_CODE, `ssh: ${where} refused a channel: ${err.message}`));
          return;
        }
        this.stats.channels++;
        if (late) {
          // Nobody waits for it any more.
          ch.close();
          return;
        }
        // dial-stdio prints why it cannot reach the engine on stderr, then exits: surface that.
        let stderr = '';
        ch.stderr.on('data', (d: Buffer) => {
          if (stderr.length < 2000) stderr += d.toString('utf8');
        });
        ch.on('exit', (code: number | null) => {
          if (code && code !== 0) {
            const why = stderr.trim().split('\n')[0] || `exit code ${code}`;
            (ch as unknown as Duplex).destroy(codedError(SSH_DIAL_CODE, `ssh: 'docker system dial-stdio' failed on ${where}: ${why}`));
          }
        });
        resolve(ch);
      };
      try {
        c.exec('docker system dial-stdio', opened);
      } catch (err) {
        // ssh2 throws when the connection dropped between connection() and here.
        clearTimeout(timer);
        reject(codedError(SSH_DIAL_CODE, `ssh: the connection to ${where} dropped: ${(err as Error).message}`));
      }
    });
  }

  /** Closes every channel and the ssh connection. */
  close(): void {
    this.closed = true;
    this.destroy();
    this.client?.end();
    this.connecting?.end();
    this.client = undefined;
    this.connecting = undefined;
    this.ready = undefined;
  }
}
