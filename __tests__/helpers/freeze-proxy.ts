/**
 * A TCP proxy a test owns, in front of a Docker engine: `tcp://127.0.0.1:<port>` forwards to the
 * engine's socket. `freeze()` stops forwarding bytes both ways while every socket stays open (what a
 * partition looks like from either end: silence, no reset); `thaw()` lets the held bytes through
 * again; `cut()` destroys every connection and refuses new ones.
 */
import net from 'node:net';

/** Where the proxy forwards to: a unix socket path, or host and port. */
export type ProxyTarget = { socketPath: string } | { host: string; port: number };

/** A running proxy. */
export interface FreezeProxy {
  port: number;
  /** `tcp://127.0.0.1:<port>`. */
  url: string;
  /** Connections accepted so far. */
  readonly accepted: number;
  freeze(): void;
  thaw(): void;
  cut(): void;
  /** Stops listening and destroys every connection. */
  close(): Promise<void>;
}

/** Starts a proxy on 127.0.0.1 (a free port) forwarding to `target`. */
export async function startFreezeProxy(target: ProxyTarget): Promise<FreezeProxy> {
  const sockets = new Set<net.Socket>();
  let frozen = false;
  let refusing = false;
  let accepted = 0;

  // Pause/resume is the freeze: unread bytes stay in the kernel buffers, nothing is lost or reset.
  const forward = (from: net.Socket, to: net.Socket): void => {
    from.on('data', (chunk) => {
      if (!to.write(chunk)) from.pause();
    });
    to.on('drain', () => {
      if (!frozen) from.resume();
    });
    from.on('end', () => to.end());
    from.on('close', () => to.destroy());
    from.on('error', () => to.destroy());
  };
  const track = (s: net.Socket): void => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  };

  const server = net.createServer({ pauseOnConnect: true }, (client) => {
    accepted++;
    if (refusing) {
      client.destroy();
      return;
    }
    const upstream = 'socketPath' in target ? net.connect(target.socketPath) : net.connect(target.port, target.host);
    upstream.pause();
    track(client);
    track(upstream);
    forward(client, upstream);
    forward(upstream, client);
    if (!frozen) {
      client.resume();
      upstream.resume();
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    port,
    url: `tcp://127.0.0.1:${port}`,
    get accepted() {
      return accepted;
    },
    freeze() {
      frozen = true;
      for (const s of sockets) s.pause();
    },
    thaw() {
      frozen = false;
      for (const s of sockets) s.resume();
    },
    cut() {
      refusing = true;
      server.close();
      for (const s of sockets) s.destroy();
    },
    async close() {
      refusing = true;
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
