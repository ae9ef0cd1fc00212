/**
 * The one secrets module for everything hotdock prints: which strings to register with the
 * runner's masker (`core.setSecret`), and the redactor for text and data that leave the process
 * some other way (the job summary file, the step's outputs, CLI output), plus the forms in which
 * registry passwords and keys travel.
 *
 * Short values. The runner masks a registered value wherever it occurs in any log line, and so
 * does `redact` here. A hidden number `7` or a boolean `true` registered that way would blank
 * every 7 (timestamps, ids, ports) and every `true` of the whole log, and the pattern of blanks
 * in otherwise known text would give the value away: masking cannot protect a value that short,
 * it only destroys the log. So a value shorter than MIN_SECRET_LENGTH characters, or a bare
 * boolean word, is never masked as a substring; hotdock masks it where it is a whole value
 * (an output equal to it, a table cell equal to it) instead. Everything longer is masked
 * everywhere, each line of a multi-line value on its own (the runner matches line by line).
 */
import type { RegistryCredentials } from '../settings.js';
import { registryAuthSecrets } from '../spec/registry-auth.js';

/** Shown in place of a secret, as Heat shows hidden parameters. */
export const MASK = '******';

/** Shorter values are masked only as whole values (see the module comment). */
export const MIN_SECRET_LENGTH = 4;

/** Words with one bit of information: masking them everywhere hides nothing and mangles much. */
const WORDS = new Set(['true', 'false', 'null']);

/** True when `text` is masked wherever it occurs (long enough, not a bare boolean word). */
export function maskableEverywhere(text: string): boolean {
  const t = text.trim();
  return t.length >= MIN_SECRET_LENGTH && !WORDS.has(t.toLowerCase());
}

/** PEM armour lines are public; masking them would blank every certificate in the log too. */
const PEM_ARMOUR = /^-----(BEGIN|END) [A-Z0-9 ]+-----$/;

/**
 * The lines of a multi-line secret, each also trimmed: what the runner can find in one log line.
 * PEM armour lines are left out.
 */
function linesOf(text: string): string[] {
  if (!/[\r\n]/.test(text)) return [];
  return text.split(/\r\n|\r|\n/).flatMap((l) => (PEM_ARMOUR.test(l.trim()) ? [] : [l, l.trim()]));
}

/**
 * Registers a secret with the runner: the value and each of its lines, when maskable everywhere.
 * Values too short to mask (see the module comment) are not registered; `register` is
 * core.setSecret in the action.
 */
export function registerSecret(value: string, register: (secret: string) => void): void {
  for (const s of new Set([value, ...linesOf(value)])) if (maskableEverywhere(s)) register(s);
}

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

/** The substrings to replace, longest first so a secret that contains another is hidden whole. */
function everywhereList(secrets: readonly string[]): string[] {
  const all = new Set<string>();
  for (const s of secrets) for (const part of [s, ...linesOf(s)]) if (maskableEverywhere(part)) all.add(part);
  return [...all].sort((a, b) => b.length - a.length);
}

/** Replaces every occurrence of each maskable secret (and each line of one) with MASK. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of everywhereList(secrets)) if (out.includes(s)) out = out.split(s).join(MASK);
  return out;
}

/**
 * Deep copy of a JSON-like value with secrets masked: a string equal to any secret (however
 * short) becomes MASK, longer secrets are masked inside strings and keys. Numbers and booleans
 * are hotdock's own data here (counts, flags) and stay; template outputs use redactOutputs.
 */
export function redactValue<T>(value: T, secrets: readonly string[]): T {
  if (secrets.length === 0) return value;
  return walk(value, new Set(secrets.filter((s) => s.trim() !== '')), everywhereList(secrets), false) as T;
}

/**
 * Template outputs: as redactValue, and a number or boolean whose text is a secret, or holds a
 * maskable one, becomes MASK too (a hidden number read back by get_param).
 */
export function redactOutputs(outputs: Record<string, unknown>, secrets: readonly string[]): Record<string, unknown> {
  if (secrets.length === 0) return outputs;
  return walk(outputs, new Set(secrets.filter((s) => s.trim() !== '')), everywhereList(secrets), true) as Record<string, unknown>;
}

function walk(value: unknown, whole: ReadonlySet<string>, everywhere: readonly string[], scalars: boolean): unknown {
  const inside = (s: string): string => {
    let out = s;
    for (const e of everywhere) if (out.includes(e)) out = out.split(e).join(MASK);
    return out;
  };
  const text = (s: string): string => (whole.has(s) ? MASK : inside(s));
  const go = (v: unknown): unknown => {
    if (typeof v === 'string') return text(v);
    if (scalars && (typeof v === 'number' || typeof v === 'boolean')) return text(String(v)) === String(v) ? v : MASK;
    if (Array.isArray(v)) return v.map(go);
    // Keys name things (outputs, resources): masked only where a maskable secret occurs in them.
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [inside(k), go(x)]));
    return v;
  };
  return go(value);
}

/**
 * Tells whether a text is a secret or holds one, by the rule `redact` applies: equal to any secret,
 * or holding one long enough to mask everywhere. The field-level plan asks it per value.
 */
export function hiddenTest(secrets: readonly string[]): (text: string) => boolean {
  const whole = new Set(secrets.filter((s) => s.trim() !== ''));
  const everywhere = everywhereList(secrets);
  return (text) => whole.has(text) || everywhere.some((s) => text.includes(s));
}
