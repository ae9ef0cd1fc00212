/**
 * A net.Socket stand-in over an ssh channel, for Node's http client (see ssh-agent.ts).
 */
import { Duplex } from 'node:stream';
import type { ClientChannel } from 'ssh2';

/**
 * A socket for Node's http client whose bytes travel over an ssh channel opened later. It exists at
 * once, so the Agent counts it against maxSockets immediately: requests beyond the limit queue in
 * the Agent and take over freed channels, instead of each opening its own channel and running
 * into sshd's MaxSessions. Has the net.Socket methods the http client calls.
 */
export class ChannelSocket extends Duplex {
  private ch: ClientChannel | undefined;
  private idleMs = 0;
  private idleTimer: NodeJS.Timeout | undefined;
  private readonly opened: Promise<ClientChannel>;

  constructor(open: Promise<ClientChannel>) {
    super();
    this.opened = open.then((ch) => {
      if (this.destroyed) {
        ch.close();
        return ch;
      }
      this.ch = ch;
      ch.on('data', (d: Buffer) => {
        this.touch();
        if (!this.push(d)) ch.pause();
      });
      ch.on('end', () => this.push(null));
      ch.on('error', (err: Error) => this.destroy(err));
      ch.on('close', () => this.destroy());
      this.emit('connect');
      return ch;
    });
    this.opened.catch((err: Error) => this.destroy(err));
  }

  private touch(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = this.idleMs > 0 ? setTimeout(() => this.emit('timeout'), this.idleMs) : undefined;
    this.idleTimer?.unref();
  }

  override _write(chunk: Buffer, encoding: BufferEncoding, cb: (err?: Error | null) => void): void {
    this.touch();
    this.opened.then((ch) => ch.write(chunk, encoding, cb), cb);
  }

  override _final(cb: (err?: Error | null) => void): void {
    this.opened.then((ch) => ch.end(() => cb()), cb);
  }

  override _read(): void {
    this.ch?.resume();
  }

  override _destroy(err: Error | null, cb: (err?: Error | null) => void): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.ch?.close();
    cb(err);
  }

  /** net.Socket semantics: an idle timer; setTimeout(0, cb) removes cb (the http client relies on it). */
  setTimeout(ms: number, cb?: () => void): this {
    this.idleMs = ms;
    if (cb) {
      if (ms === 0) this.removeListener('timeout', cb);
      else this.once('timeout', cb);
    }
    this.touch();
    return this;
  }

  setNoDelay(): this {
    return this;
  }

  setKeepAlive(): this {
    return this;
  }

  ref(): this {
    return this;
  }

  unref(): this {
    return this;
  }
}
