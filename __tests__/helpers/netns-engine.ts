/**
 * A throwaway Docker engine for destructive tests: its own network namespace (default
 * `hotdock-crash`, 10.202.1.1 on the host side, 10.202.1.2 inside), its own dockerd with data-root,
 * exec-root, pidfile and socket under .lab/<name>-engine/, and the test image loaded from the main
 * engine. A test can kill -9 the daemon and start it again on the same data-root (an engine restart
 * as a crash or a host reboot makes it), and tears everything down at the end.
 *
 * Only what this helper started is ever stopped: the dockerd it spawned, the containerd that dockerd
 * spawned (by the pidfile under our exec-root), the veth and namespace it made. One daemon per
 * namespace: two in one namespace fight over docker0 (see the lab notes). Needs root, as the lab does.
 *
 * Reuse: `startNetnsEngine({ name: 'hotdock-fence', subnet: '10.202.2' })` gives another test file
 * its own engine; two files must not share a name (a guard file refuses a second live owner).
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import Docker from 'dockerode';
import { TEST_IMAGE } from './stack.js';

const run = promisify(execFile);

/** What startNetnsEngine takes; every field has the crash tests' default. */
export interface NetnsEngineOptions {
  /** Network namespace name (default `hotdock-crash`); also names the folder and the veth pair. */
  name?: string;
  /** First three octets of the /24 (default `10.202.1`): host side .1, namespace side .2. */
  subnet?: string;
  /** Images copied from the main engine when missing (default: the test image). */
  images?: string[];
  /**
   * Also listen on tcp://<namespace address>:<port>, plain HTTP: an endpoint reached over the
   * veth, which a test can cut (`ip link set <hostVeth> down`) as a partition; a unix socket cannot be.
   */
  tcpPort?: number;
}

/** A running throwaway engine. */
export interface NetnsEngine {
  /** `unix://<socketPath>`: an endpoint URL hotdock can be given. */
  url: string;
  socketPath: string;
  /** The namespace's address: ports published by its containers answer here. */
  address: string;
  /** The host side of the veth pair. */
  hostAddress: string;
  /** The host side's interface: down is a partition, up heals it. */
  hostVeth: string;
  /** `tcp://<address>:<tcpPort>` when tcpPort was given. */
  tcpUrl?: string;
  /** The namespace's name. */
  name: string;
  /** A dockerode client of the engine, for test setup and assertions. */
  docker: Docker;
  /** The daemon's pid while it runs. */
  pid(): number | undefined;
  /** kill -9 of the daemon (its containerd and containers stay, as after a daemon crash). */
  kill(): Promise<void>;
  /** Starts the daemon again on the same data-root and waits until it answers. */
  start(): Promise<void>;
  /** Removes its containers, stops the daemon and its containerd, deletes veth and namespace. */
  stop(): Promise<void>;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function repoRoot(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
}

/** True when `pid` is a live process (a zombie counts as gone) whose command line mentions `mark`. */
function aliveWith(pid: number | undefined, mark: string): boolean {
  if (!pid) return false;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    if (/^\d+ \(.*\) Z/.test(stat)) return false;
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').some((a) => a.includes(mark));
  } catch {
    return false;
  }
}

function readPid(file: string): number | undefined {
  try {
    const n = Number(readFileSync(file, 'utf8').trim());
    return Number.isInteger(n) && n > 0 ? n : undefined;
  } catch {
    return undefined;
  }
}

/** Waits until `check` holds, up to `ms`; false when it did not. */
async function until(check: () => boolean | Promise<boolean>, ms: number, stepMs = 100): Promise<boolean> {
  const end = Date.now() + ms;
  for (;;) {
    if (await check()) return true;
    if (Date.now() >= end) return false;
    await sleep(stepMs);
  }
}

/** SIGTERM, then SIGKILL after `graceMs`, of a process we started (checked by its command line). */
async function terminate(pid: number | undefined, mark: string, graceMs: number): Promise<void> {
  if (!aliveWith(pid, mark)) return;
  process.kill(pid!, 'SIGTERM');
  if (await until(() => !aliveWith(pid, mark), graceMs)) return;
  process.kill(pid!, 'SIGKILL');
  await until(() => !aliveWith(pid, mark), 10_000);
}

/** GET /_ping on a unix socket or host:port: true when the engine answers OK. */
function ping(where: { socketPath: string } | { host: string; port: number }): Promise<boolean> {
  return new Promise((res) => {
    const req = request({ ...where, path: '/_ping', timeout: 1000 }, (r) => {
      r.resume();
      res(r.statusCode === 200);
    });
    req.on('error', () => res(false));
    req.on('timeout', () => {
      req.destroy();
      res(false);
    });
    req.end();
  });
}

async function ip(...args: string[]): Promise<void> {
  await run('ip', args);
}

/** Starts the engine (see the module comment). Fails with the daemon's log tail when it does not answer. */
export async function startNetnsEngine(options: NetnsEngineOptions = {}): Promise<NetnsEngine> {
  if (process.getuid?.() !== 0) throw new Error('netns engine: needs root (network namespaces, dockerd)');
  const name = options.name ?? 'hotdock-crash';
  const subnet = options.subnet ?? '10.202.1';
  const short = name.replace(/^hotdock-/, '').slice(0, 7);
  // The real path: every worktree (.lab is a link to one lab) names the same daemon the same way,
  // so a leftover started from another checkout is still recognised by its command line.
  mkdirSync(join(repoRoot(), '.lab'), { recursive: true });
  const dir = join(realpathSync(join(repoRoot(), '.lab')), `${short}-engine`);
  const paths = {
    data: join(dir, 'data'),
    exec: join(dir, 'exec'),
    pidfile: join(dir, 'dockerd.pid'),
    socket: join(dir, 'docker.sock'),
    log: join(dir, 'dockerd.log'),
    owner: join(dir, 'owner.pid'),
    containerdPid: join(dir, 'exec', 'containerd', 'containerd.pid'),
  };
  const nsPath = `/var/run/netns/${name}`;
  const vethHost = `hd-${short}-host`;
  const vethNs = `hd-${short}-ns`;
  const hostAddress = `${subnet}.1`;
  const address = `${subnet}.2`;
  mkdirSync(paths.exec, { recursive: true });
  mkdirSync(paths.data, { recursive: true });

  // One owner at a time: a live other owner is refused; a dead one's leftovers are ours to clear.
  const owner = readPid(paths.owner);
  if (owner && owner !== process.pid && aliveWith(owner, '')) {
    throw new Error(`netns engine '${name}': in use by process ${owner} (${paths.owner})`);
  }
  writeFileSync(paths.owner, String(process.pid));
  writeFileSync(paths.log, '');
  await terminate(readPid(paths.pidfile), paths.data, 30_000);
  await terminate(readPid(paths.containerdPid), paths.exec, 10_000);

  // The namespace and its link (kept when a previous run of this helper left them).
  if (!existsSync(nsPath)) await ip('netns', 'add', name);
  const linked = await run('ip', ['link', 'show', vethHost]).then(() => true, () => false);
  if (!linked) {
    await ip('link', 'add', vethHost, 'type', 'veth', 'peer', 'name', vethNs);
    await ip('link', 'set', vethNs, 'netns', name);
  }
  await ip('addr', 'replace', `${hostAddress}/24`, 'dev', vethHost);
  await ip('link', 'set', vethHost, 'up');
  await ip('-n', name, 'addr', 'replace', `${address}/24`, 'dev', vethNs);
  await ip('-n', name, 'link', 'set', vethNs, 'up');
  await ip('-n', name, 'link', 'set', 'lo', 'up');

  let child: ChildProcess | undefined;
  let exited = true;
  const startDaemon = async (): Promise<void> => {
    if (child && !exited) throw new Error(`netns engine '${name}': already running (pid ${child.pid})`);
    const out = openSync(paths.log, 'a');
    // nsenter --net, not `ip netns exec` (that remounts /sys and dockerd dies); nsenter execs dockerd,
    // so the child's pid is the daemon's.
    child = spawn(
      'nsenter',
      [
        `--net=${nsPath}`, 'dockerd',
        '--data-root', paths.data, '--exec-root', paths.exec, '--pidfile', paths.pidfile,
        '-H', `unix://${paths.socket}`,
        // Plain HTTP said explicitly: otherwise dockerd waits 15 s to show a deprecation warning.
        ...(options.tcpPort ? ['-H', `tcp://${address}:${options.tcpPort}`, '--tls=false'] : []),
        '--containerd-namespace', name, '--containerd-plugins-namespace', `${name}-plugins`,
      ],
      { detached: true, stdio: ['ignore', out, out] },
    );
    closeSync(out);
    exited = false;
    child.once('exit', () => {
      exited = true;
    });
    child.unref();
    const answers = async (): Promise<boolean> =>
      (await ping({ socketPath: paths.socket })) && (!options.tcpPort || (await ping({ host: address, port: options.tcpPort })));
    if (!(await until(async () => exited || (await answers()), 60_000, 200)) || exited) {
      const tail = readFileSync(paths.log, 'utf8').trim().split('\n').slice(-15).join('\n');
      throw new Error(`netns engine '${name}': dockerd did not answer on ${paths.socket}:\n${tail}`);
    }
  };
  const killDaemon = async (): Promise<void> => {
    if (!child || exited) return;
    const c = child;
    c.kill('SIGKILL');
    // The exit event means node reaped it: the pid is free and the socket dead.
    await until(() => exited, 10_000, 20);
    if (!exited) throw new Error(`netns engine '${name}': dockerd (pid ${c.pid}) did not die on SIGKILL`);
    // dockerd gives its containerd a parent-death signal: it dies too, and may linger as a zombie
    // that the next dockerd would take for a live containerd (and wait for in vain). Its pidfile
    // goes once it is dead, so the next start makes a new one, as after a real daemon crash.
    const containerd = readPid(paths.containerdPid);
    await until(() => !aliveWith(containerd, paths.exec), 10_000, 20);
    if (!aliveWith(containerd, paths.exec)) rmSync(paths.containerdPid, { force: true });
  };

  const docker = new Docker({ socketPath: paths.socket });
  const engine: NetnsEngine = {
    url: `unix://${paths.socket}`,
    socketPath: paths.socket,
    address,
    hostAddress,
    hostVeth: vethHost,
    ...(options.tcpPort ? { tcpUrl: `tcp://${address}:${options.tcpPort}` } : {}),
    name,
    docker,
    pid: () => (child && !exited ? child.pid : undefined),
    kill: killDaemon,
    start: startDaemon,
    stop: async () => {
      // A killed daemon is started once more so that it stops its containers itself.
      if (exited) await startDaemon().catch(() => undefined);
      if (!exited) {
        const all = await docker.listContainers({ all: true }).catch(() => []);
        await Promise.all(all.map((c) => docker.getContainer(c.Id).remove({ force: true }).catch(() => undefined)));
        child!.kill('SIGTERM');
        if (!(await until(() => exited, 30_000))) await killDaemon();
      }
      await terminate(readPid(paths.containerdPid), paths.exec, 10_000);
      // dockerd bind-mounts its data-root onto itself; after a kill -9 and restart that mount can
      // outlive the daemon, and the folder then cannot be deleted.
      await run('umount', [paths.data]).catch(() => undefined);
      await ip('link', 'del', vethHost).catch(() => undefined);
      await ip('netns', 'del', name).catch(() => undefined);
      rmSync(paths.owner, { force: true });
    },
  };

  try {
    await startDaemon();
    // Whatever an earlier run of this helper left inside goes: the engine is the test's alone.
    const left = await docker.listContainers({ all: true });
    await Promise.all(left.map((c) => docker.getContainer(c.Id).remove({ force: true })));
    const main = new Docker({ socketPath: '/var/run/docker.sock' });
    for (const image of options.images ?? [TEST_IMAGE]) {
      const present = await docker.getImage(image).inspect().then(() => true, () => false);
      if (present) continue;
      const tar = (await main.getImage(image).get()) as NodeJS.ReadableStream;
      const loading = (await docker.loadImage(tar)) as NodeJS.ReadableStream;
      await new Promise<void>((res, rej) => docker.modem.followProgress(loading, (err: Error | null) => (err ? rej(err) : res())));
    }
  } catch (err) {
    await engine.stop().catch(() => undefined);
    throw err;
  }
  return engine;
}
