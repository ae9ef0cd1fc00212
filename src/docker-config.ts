/**
 * The docker CLI's configuration file (`config.json` in DOCKER_CONFIG, else ~/.docker): the current
 * context and the credentials `docker login` stored. Parsing is pure (text in, data out); the file
 * and the credential helpers are reached through the small reader functions at the end.
 */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { RegistryCredentials } from './settings.js';
import { InputError } from './setting-values.js';
import { normalizeRegistry } from './spec/registry-auth.js';
import { childProcess } from './cli/lazy.js';

/** The parts of config.json hotdock reads. */
export interface DockerConfig {
  /** `docker context use NAME` writes it; undefined or "default" means DOCKER_HOST / the socket. */
  currentContext?: string;
  /** Registry → stored credentials (`auth` is base64 of user:password). */
  auths: Record<string, { auth?: string; username?: string; password?: string; identitytoken?: string }>;
  /** A credential helper for every registry (`docker-credential-<credsStore>`). */
  credsStore?: string;
  /** Registry → credential helper, winning over credsStore. */
  credHelpers: Record<string, string>;
}

/** The folder docker keeps its configuration in: DOCKER_CONFIG, else ~/.docker. */
export function dockerConfigDir(env: NodeJS.ProcessEnv): string {
  return (env.DOCKER_CONFIG ?? '').trim() || join(env.HOME || homedir(), '.docker');
}

const isMap = (v: unknown): v is Record<string, unknown> => Boolean(v) && typeof v === 'object' && !Array.isArray(v);

/** Parses config.json text. `file` names it in the error a broken file gets. */
export function parseDockerConfig(text: string, file: string): DockerConfig {
  let doc: unknown;
  try {
    doc = text.trim() === '' ? {} : JSON.parse(text);
  } catch (err) {
    throw new InputError(`${file}: not valid JSON (${(err as Error).message})`);
  }
  if (!isMap(doc)) throw new InputError(`${file}: expected a JSON object`);
  const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
  const auths: DockerConfig['auths'] = {};
  if (isMap(doc.auths)) {
    for (const [host, entry] of Object.entries(doc.auths)) {
      if (!isMap(entry)) continue;
      auths[host] = {
        ...(str(entry.auth) ? { auth: str(entry.auth) } : {}),
        ...(str(entry.username) ? { username: str(entry.username) } : {}),
        ...(str(entry.password) ? { password: str(entry.password) } : {}),
        ...(str(entry.identitytoken) ? { identitytoken: str(entry.identitytoken) } : {}),
      };
    }
  }
  const credHelpers: Record<string, string> = {};
  if (isMap(doc.credHelpers)) for (const [host, helper] of Object.entries(doc.credHelpers)) if (str(helper)) credHelpers[host] = helper as string;
  const currentContext = str(doc.currentContext);
  const credsStore = str(doc.credsStore);
  return { auths, credHelpers, ...(currentContext ? { currentContext } : {}), ...(credsStore ? { credsStore } : {}) };
}

/** What a credential helper answers: `get` (one registry) and `list` (server → user). */
export interface CredentialHelpers {
  get(helper: string, server: string): RegistryCredentials | undefined;
  list(helper: string): string[];
}

/**
 * Every registry's credentials as the docker CLI would send them on a pull: a registry's own
 * credHelper first, then the credsStore (which holds what `docker login` stored when one is set),
 * then the file's `auths`. Registries with an identity token only (OAuth logins) are left out: the
 * Engine API pull takes a username and password. Keys are normalised hosts (docker.io for the Hub).
 */
export function registryCredentials(
  config: DockerConfig,
  helpers: CredentialHelpers,
  warn: (message: string) => void = () => undefined,
): Record<string, RegistryCredentials> {
  const out: Record<string, RegistryCredentials> = {};
  const put = (server: string, creds: RegistryCredentials | undefined): void => {
    const host = normalizeRegistry(server);
    if (creds && creds.username && creds.password && !out[host]) out[host] = creds;
  };
  // A broken helper costs only its registries their credentials (a pull there then says so),
  // not the whole deploy: most images may come from elsewhere.
  const asking = <T>(what: () => T, fallback: T): T => {
    try {
      return what();
    } catch (err) {
      warn(`${(err as Error).message}; its registries get no credentials`);
      return fallback;
    }
  };
  for (const [server, helper] of Object.entries(config.credHelpers)) put(server, asking(() => helpers.get(helper, server), undefined));
  const store = config.credsStore;
  if (store) for (const server of asking(() => helpers.list(store), [] as string[])) put(server, asking(() => helpers.get(store, server), undefined));
  for (const [server, entry] of Object.entries(config.auths)) put(server, fromAuthEntry(entry));
  return out;
}

/** An `auths` entry's username and password: from `auth` (base64 user:password) or the plain fields. */
function fromAuthEntry(entry: DockerConfig['auths'][string]): RegistryCredentials | undefined {
  if (entry.auth) {
    const text = Buffer.from(entry.auth, 'base64').toString('utf8');
    const colon = text.indexOf(':');
    if (colon > 0) return { username: text.slice(0, colon), password: text.slice(colon + 1) };
  }
  if (entry.username && entry.password) return { username: entry.username, password: entry.password };
  return undefined;
}

/** Reads config.json; an empty configuration when there is none. */
export function readDockerConfig(env: NodeJS.ProcessEnv): DockerConfig {
  const file = join(dockerConfigDir(env), 'config.json');
  if (!existsSync(file)) return { auths: {}, credHelpers: {} };
  return parseDockerConfig(readFileSync(file, 'utf8'), file);
}

/**
 * The docker credential-helper protocol: `docker-credential-<name> get` reads the server on stdin
 * and answers `{ServerURL, Username, Secret}`; `list` answers `{server: username}`. A helper that
 * is missing or fails is an error naming it (docker fails the same way); a helper that has no
 * entry for the server ("credentials not found") answers nothing.
 */
export function credentialHelpers(env: NodeJS.ProcessEnv): CredentialHelpers {
  const run = (helper: string, verb: 'get' | 'list', input: string): string | undefined => {
    const program = `docker-credential-${helper}`;
    const r = childProcess().spawnSync(program, [verb], { input, env, encoding: 'utf8', timeout: 30_000 });
    if (r.error) throw new InputError(`credential helper ${program} (from ${join(dockerConfigDir(env), 'config.json')}) cannot run: ${r.error.message}`);
    if (r.status !== 0) {
      if (/credentials not found/i.test(`${r.stdout}${r.stderr}`)) return undefined;
      throw new InputError(`credential helper ${program} ${verb} failed (exit ${r.status}): ${(r.stderr || r.stdout).trim().split('\n')[0]}`);
    }
    return r.stdout;
  };
  const json = <T>(helper: string, text: string): T => {
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new InputError(`credential helper docker-credential-${helper} answered something other than JSON`);
    }
  };
  return {
    get(helper, server) {
      const out = run(helper, 'get', server);
      if (!out) return undefined;
      const doc = json<{ Username?: string; Secret?: string }>(helper, out);
      // `<token>` as the user marks an identity token, which a pull through the Engine API cannot use.
      if (!doc.Username || !doc.Secret || doc.Username === '<token>') return undefined;
      return { username: doc.Username, password: doc.Secret };
    },
    list(helper) {
      const out = run(helper, 'list', '');
      return out ? Object.keys(json<Record<string, string>>(helper, out)) : [];
    },
  };
}
