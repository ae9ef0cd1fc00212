/**
 * Secret handling for everything hotdock prints: which strings to register with the runner's
 * masker (`core.setSecret`), and a local redactor for text that leaves the process some other way
 * (the job summary file, CLI output).
 */
import type { RegistryCredentials } from '../settings.js';
import { registryAuthSecrets } from '../spec/registry-auth.js';

/** Shown in place of a secret, as Heat shows hidden parameters. */
export const MASK = '******';

/** PEM armour lines are public; masking them would blank every certificate in the log too. */
const PEM_ARMOUR = /^-----(BEGIN|END) [A-Z0-9 ]+-----$/;

/**
 * Registers a PEM (or OpenSSH) key: the whole text, and each body line, because the runner
 * matches line by line and a multi-line value is otherwise never found in a one-line log entry.
 */
export function maskPem(text: string, mask: (secret: string) => void): void {
  mask(text);
  for (const line of text.split(/\r?\n/)) {
    const l = line.trim();
    if (l.length >= 8 && !PEM_ARMOUR.test(l)) mask(l);
  }
}

/**
 * Every form a registry password travels in: itself, base64 of it, `user:password` in base64
 * (the `auth` field of a Docker config), and the base64url JSON of the X-Registry-Auth header.
 */
export function registryCredentialSecrets(cred: RegistryCredentials, host: string): string[] {
  const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
  const b64url = (s: string) => Buffer.from(s, 'utf8').toString('base64url');
  const header = JSON.stringify({ username: cred.username, password: cred.password, serveraddress: host });
  const own = [cred.password, b64(cred.password), b64(`${cred.username}:${cred.password}`), b64(header), b64url(header)];
  // Plus the exact forms the image module sends, whatever its JSON field order.
  return [...new Set([...own, ...registryAuthSecrets({ [host]: cred })])].filter((s) => s !== '');
}

/**
 * Replaces every occurrence of each secret with MASK, longest first so a secret that contains
 * another is hidden whole. Very short values are skipped: masking "1" would mangle all text.
 */
export function redact(text: string, secrets: readonly string[]): string {
  const list = [...new Set(secrets.filter((s) => s.length >= 3))].sort((a, b) => b.length - a.length);
  let out = text;
  for (const s of list) out = out.split(s).join(MASK);
  return out;
}

/** Deep copy of a JSON-like value with every string redacted (template outputs, report data). */
export function redactValue<T>(value: T, secrets: readonly string[]): T {
  if (secrets.length === 0) return value;
  if (typeof value === 'string') return redact(value, secrets) as T;
  if (Array.isArray(value)) return value.map((v) => redactValue(v, secrets)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactValue(v, secrets)])) as T;
  }
  return value;
}
