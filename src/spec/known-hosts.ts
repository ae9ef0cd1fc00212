/**
 * OpenSSH known_hosts matching for ssh:// endpoints (the `ssh-known-hosts` input). Pure: the ssh
 * connection asks hostKeyVerdict whether the key the server showed is pinned for host:port.
 * Understands plain, `[host]:port`, comma lists, wildcards (`*`, `?`), negation (`!`), hashed
 * (`|1|salt|hash`, from `ssh-keyscan -H`) and `@revoked` lines; `@cert-authority` lines are ignored
 * (host certificates are not supported, so they can never vouch for a key).
 */
import { createHmac } from 'node:crypto';

/** One usable known_hosts line. */
export interface KnownHostLine {
  marker?: 'revoked' | 'cert-authority';
  patterns: string[];
  keyType: string;
  key: Buffer;
}

/** What the known hosts say about a key shown by host:port. */
export type HostKeyVerdict = 'match' | 'mismatch' | 'unknown' | 'revoked';

/** Parses known_hosts text; malformed lines are skipped, as ssh does. */
export function parseKnownHosts(text: string): KnownHostLine[] {
  const lines: KnownHostLine[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const fields = line.split(/\s+/);
    let marker: KnownHostLine['marker'];
    if (fields[0] === '@revoked' || fields[0] === '@cert-authority') {
      marker = fields[0] === '@revoked' ? 'revoked' : 'cert-authority';
      fields.shift();
    }
    if (fields.length < 3) continue;
    const [hosts, keyType, b64] = fields;
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(b64)) continue;
    lines.push({ marker, patterns: hosts.split(','), keyType, key: Buffer.from(b64, 'base64') });
  }
  return lines;
}

/** The name ssh looks up: `host` on port 22, `[host]:port` otherwise. */
export function knownHostsName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

function globMatch(pattern: string, name: string): boolean {
  const re = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${re}$`, 'i').test(name);
}

function hashedMatch(pattern: string, name: string): boolean {
  const parts = pattern.split('|');
  if (parts.length !== 4 || parts[1] !== '1') return false;
  const mac = createHmac('sha1', Buffer.from(parts[2], 'base64')).update(name).digest('base64');
  return mac === parts[3];
}

/** True when the line's host patterns select host:port (a negated match excludes the line). */
function lineMatchesHost(patterns: string[], host: string, port: number): boolean {
  const names = [knownHostsName(host, port)];
  // Lenient: `host:port` without brackets is what people write by hand for other ports.
  if (port !== 22 && !host.includes(':')) names.push(`${host}:${port}`);
  let matched = false;
  for (const p of patterns) {
    const negated = p.startsWith('!');
    const pat = negated ? p.slice(1) : p;
    const hit = names.some((n) => (pat.startsWith('|') ? hashedMatch(pat, n) : globMatch(pat, n)));
    if (hit && negated) return false;
    if (hit) matched = true;
  }
  return matched;
}

/**
 * The verdict on `key` (the raw public key blob the server sent) for host:port: `match` only when a
 * non-revoked line for this host holds exactly this key; `mismatch` when lines for this host hold
 * other keys; `revoked` when the key is listed as @revoked; `unknown` when no line names the host.
 */
export function hostKeyVerdict(knownHosts: string, host: string, port: number, key: Buffer): HostKeyVerdict {
  const lines = parseKnownHosts(knownHosts);
  if (lines.some((l) => l.marker === 'revoked' && l.key.equals(key))) return 'revoked';
  const forHost = lines.filter((l) => l.marker === undefined && lineMatchesHost(l.patterns, host, port));
  if (forHost.length === 0) return 'unknown';
  return forHost.some((l) => l.key.equals(key)) ? 'match' : 'mismatch';
}

/**
 * Host key algorithms to offer for host:port: only the types pinned for it, so that a server with
 * several keys shows the one we can check (ssh2 would otherwise pick its own favourite type).
 */
export function pinnedKeyTypes(knownHosts: string, host: string, port: number): string[] {
  const types = new Set<string>();
  for (const l of parseKnownHosts(knownHosts)) {
    if (l.marker !== undefined || !lineMatchesHost(l.patterns, host, port)) continue;
    if (l.keyType === 'ssh-rsa') ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'].forEach((t) => types.add(t));
    else types.add(l.keyType);
  }
  return [...types];
}
