/**
 * `ssh://alias` as the docker CLI reads it: the docker CLI runs `ssh`, so the user's ssh
 * configuration decides the host name, user, port, identity file and known_hosts of an alias.
 * hotdock asks ssh itself (`ssh -G`, which prints the configuration that applies without
 * connecting) and connects with those values. Parsing the answer is pure; running ssh is not.
 */
import { existsSync, readFileSync } from 'node:fs';
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import { formatHostPort } from '../spec/endpoint-url.js';
import { childProcess } from './lazy.js';

/** What `ssh -G` says about a host. */
export interface SshHostConfig {
  hostname: string;
  user: string;
  port: number;
  identityFiles: string[];
  knownHostsFiles: string[];
}

/** Parses `ssh -G` output (`key value` lines, keys lower-case, identityfile repeated). */
export function parseSshG(text: string, home: string): SshHostConfig {
  const values = new Map<string, string[]>();
  for (const line of text.split('\n')) {
    const m = /^(\S+)\s+(.*)$/.exec(line.trim());
    if (m) values.set(m[1].toLowerCase(), [...(values.get(m[1].toLowerCase()) ?? []), m[2]]);
  }
  const one = (k: string): string => values.get(k)?.[0] ?? '';
  const tilde = (p: string): string => (p === '~' ? home : p.startsWith('~/') ? join(home, p.slice(2)) : p);
  return {
    hostname: one('hostname'),
    user: one('user'),
    port: Number(one('port')) || 22,
    identityFiles: (values.get('identityfile') ?? []).map(tilde),
    knownHostsFiles: (values.get('userknownhostsfile') ?? []).flatMap((v) => v.split(/\s+/)).filter(Boolean).map(tilde),
  };
}

/** The parts of an ssh:// URL: `ssh://[user@]host[:port]`; undefined for anything else. */
export function splitSshUrl(url: string): { user?: string; host: string; port?: number } | undefined {
  const m = /^ssh:\/\/(?:([^@/]+)@)?(\[[^\]]+\]|[^:/]+)(?::(\d+))?\/?$/i.exec(url.trim());
  if (!m) return undefined;
  return { ...(m[1] ? { user: m[1] } : {}), host: m[2].replace(/^\[|\]$/g, ''), ...(m[3] ? { port: Number(m[3]) } : {}) };
}

/** An ssh endpoint after the ssh configuration: the URL to connect to, and the key and known hosts. */
export interface ResolvedSsh {
  url: string;
  privateKey?: string;
  knownHosts?: string;
}

/**
 * The endpoint `url` names after the user's ssh configuration, or undefined when `url` is not
 * ssh:// or ssh is not installed. The user, the port and the host of the URL win over the
 * configuration, as on ssh's command line. The identity file is read only when no ssh-agent
 * runs (SSH_AUTH_SOCK) or the configuration names one for this host (IdentitiesOnly).
 *
 * ssh reads ~/.ssh/config from the account's home; when HOME points elsewhere (a sandbox, a CI
 * job, a test), that folder's ~/.ssh/config is the one read, since that is where a user of HOME
 * put it.
 */
export function resolveSshEndpoint(url: string, env: NodeJS.ProcessEnv): ResolvedSsh | undefined {
  const parts = splitSshUrl(url);
  if (!parts) return undefined;
  const home = env.HOME || homedir();
  const args = ['-G'];
  const ownConfig = join(home, '.ssh', 'config');
  if (home !== safeAccountHome() && existsSync(ownConfig)) args.push('-F', ownConfig);
  if (parts.user) args.push('-l', parts.user);
  if (parts.port) args.push('-p', String(parts.port));
  args.push('--', parts.host);
  const r = childProcess().spawnSync('ssh', args, { env, encoding: 'utf8', timeout: 10_000 });
  if (r.error || r.status !== 0) return undefined;
  const cfg = parseSshG(r.stdout, home);
  const read = (files: string[]): string[] => files.filter((f) => existsSync(f)).map((f) => readFileSync(f, 'utf8'));
  const known = read(cfg.knownHostsFiles).join('\n');
  const wantsFile = !env.SSH_AUTH_SOCK || /^identitiesonly\s+yes$/im.test(r.stdout);
  const key = wantsFile ? read(cfg.identityFiles)[0] : undefined;
  return {
    url: `ssh://${cfg.user}@${formatHostPort(cfg.hostname, cfg.port)}`,
    ...(key ? { privateKey: key } : {}),
    ...(known ? { knownHosts: known } : {}),
  };
}

function safeAccountHome(): string | undefined {
  try {
    return userInfo().homedir;
  } catch {
    return undefined;
  }
}
