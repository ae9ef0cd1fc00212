/**
 * Registry hosts of image references and the X-Registry-Auth header built from `registry-auth`.
 * Every form a secret can take (the password and the encoded header) is listed by
 * registryAuthSecrets so the action can mask all of them.
 */
import type { RegistryCredentials } from '../settings.js';

/** Docker Hub's canonical host: references without a registry part live there. */
export const DOCKER_HUB = 'docker.io';

/** Spellings of Docker Hub that users (and `docker login`) put in auth files. */
const HUB_ALIASES = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com']);

/**
 * The registry host of an image reference, as the docker CLI decides it: the part before the first
 * '/' is a host only when it has a '.' or a ':' or is `localhost`; otherwise the image is on Docker Hub.
 * `127.0.0.1:5000/app:1` → `127.0.0.1:5000`, `nginx:1` and `library/nginx` → `docker.io`.
 */
export function registryHost(image: string): string {
  const slash = image.indexOf('/');
  if (slash < 0) return DOCKER_HUB;
  const first = image.slice(0, slash);
  if (first.includes('.') || first.includes(':') || first === 'localhost') return normalizeRegistry(first);
  return DOCKER_HUB;
}

/** Lower-cased host[:port] without scheme or path; Docker Hub aliases become `docker.io`. */
export function normalizeRegistry(key: string): string {
  let host = key.trim().toLowerCase().replace(/^[a-z]+:\/\//, '');
  const slash = host.indexOf('/');
  if (slash >= 0) host = host.slice(0, slash);
  return HUB_ALIASES.has(host) ? DOCKER_HUB : host;
}

/** The credentials configured for a registry host, matched after normalisation; undefined when none. */
export function credentialsFor(
  host: string,
  auth: Record<string, RegistryCredentials>,
): (RegistryCredentials & { key: string }) | undefined {
  const wanted = normalizeRegistry(host);
  for (const [key, creds] of Object.entries(auth)) {
    if (normalizeRegistry(key) === wanted) return { ...creds, key };
  }
  return undefined;
}

/** Docker Hub's auth server address as the engine expects it in the header. */
function serverAddress(host: string): string {
  return normalizeRegistry(host) === DOCKER_HUB ? 'https://index.docker.io/v1/' : normalizeRegistry(host);
}

/** The JSON the Engine API wants in X-Registry-Auth, before encoding. */
function authJson(creds: RegistryCredentials, host: string): string {
  return JSON.stringify({ username: creds.username, password: creds.password, serveraddress: serverAddress(host) });
}

/**
 * X-Registry-Auth value for a registry: URL-safe, padded base64 of `{username, password,
 * serveraddress}`, as the docker CLI sends it.
 */
export function registryAuthHeader(creds: RegistryCredentials, host: string): string {
  // Padded: the engine decodes with Go's base64.URLEncoding, which rejects unpadded input.
  return urlSafe(Buffer.from(authJson(creds, host)).toString('base64'));
}

function urlSafe(b64: string): string {
  return b64.replace(/\+/g, '-').replace(/\//g, '_');
}

/**
 * Every secret form derived from `registry-auth`: each password, the header in both base64
 * alphabets (padded and not), and the `user:password` base64 of docker's config.json. The action
 * passes each to core.setSecret; errors are scrubbed with the same list.
 */
export function registryAuthSecrets(auth: Record<string, RegistryCredentials>): string[] {
  const out = new Set<string>();
  for (const [key, creds] of Object.entries(auth)) {
    if (!creds || typeof creds.password !== 'string' || creds.password === '') continue;
    out.add(creds.password);
    const json = Buffer.from(authJson(creds, key));
    out.add(json.toString('base64'));
    out.add(json.toString('base64url'));
    out.add(urlSafe(json.toString('base64')));
    out.add(json.toString('base64').replace(/=+$/, ''));
    out.add(Buffer.from(`${creds.username}:${creds.password}`).toString('base64'));
  }
  return [...out];
}

/** Replaces every secret occurrence in a message with `***` (longest first, so no fragment survives). */
export function scrubSecrets(message: string, secrets: readonly string[]): string {
  let out = message;
  for (const s of [...secrets].sort((a, b) => b.length - a.length)) {
    if (s.length >= 3) out = out.split(s).join('***');
  }
  return out;
}
