/**
 * Docker contexts, as the docker CLI keeps them: the context in use is `--context`, else none when
 * DOCKER_HOST is set, else DOCKER_CONTEXT, else config.json's `currentContext`; "default" means
 * DOCKER_HOST or the local socket. A context NAME lives in the config folder under
 * `contexts/meta/<sha256 hex of NAME>/meta.json` (`Endpoints.docker.Host`) with its TLS material in
 * `contexts/tls/<same>/docker/{ca,cert,key}.pem`. The choice and the parsing are pure; the reader
 * at the end touches the files.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TlsMaterial } from './settings.js';
import { InputError } from './setting-values.js';
import { dockerConfigDir, type DockerConfig } from './docker-config.js';

/** The context every docker CLI has: DOCKER_HOST, else the local socket. */
export const DEFAULT_CONTEXT = 'default';

/** Where a context name came from, for messages. */
export interface ContextChoice {
  name: string;
  source: string;
}

/**
 * The context in use, or undefined for the default one. `flag` is --context. DOCKER_HOST wins
 * over DOCKER_CONTEXT and the current context, as in the docker CLI.
 */
export function chooseContext(flag: string | undefined, env: NodeJS.ProcessEnv, config: DockerConfig): ContextChoice | undefined {
  const pick = (name: string | undefined, source: string): ContextChoice | undefined =>
    name && name !== DEFAULT_CONTEXT ? { name, source } : undefined;
  if (flag !== undefined) return pick(flag, 'option --context');
  if ((env.DOCKER_HOST ?? '').trim() !== '') return undefined;
  const fromEnv = (env.DOCKER_CONTEXT ?? '').trim();
  if (fromEnv) return pick(fromEnv, 'DOCKER_CONTEXT');
  return pick(config.currentContext, 'the current context of config.json');
}

/** The folder name docker gives a context: the sha256 of its name, in hex. */
export function contextId(name: string): string {
  return createHash('sha256').update(name).digest('hex');
}

/** A context's docker endpoint and TLS material. */
export interface ContextEndpoint {
  endpoint: string;
  tls?: TlsMaterial;
}

/**
 * The docker endpoint of a context from its meta.json text and the PEM files found beside it.
 * `where` names the context in errors. SkipTLSVerify is not honoured: hotdock always verifies.
 */
export function contextEndpoint(where: string, metaText: string, tls: TlsMaterial): ContextEndpoint {
  let meta: { Endpoints?: { docker?: { Host?: unknown } } };
  try {
    meta = JSON.parse(metaText) as typeof meta;
  } catch (err) {
    throw new InputError(`${where}: meta.json is not valid JSON (${(err as Error).message})`);
  }
  const host = meta?.Endpoints?.docker?.Host;
  if (typeof host !== 'string' || host.trim() === '') throw new InputError(`${where} has no docker endpoint (Endpoints.docker.Host)`);
  if (tls.cert && !tls.key) throw new InputError(`${where}: cert.pem without key.pem`);
  const given = Object.keys(tls).length > 0;
  return { endpoint: host.trim(), ...(given ? { tls } : {}) };
}

/** Reads a context from the config folder. Throws InputError naming it when it does not exist. */
export function readDockerContext(choice: ContextChoice, env: NodeJS.ProcessEnv): ContextEndpoint {
  const dir = dockerConfigDir(env);
  const id = contextId(choice.name);
  const metaFile = join(dir, 'contexts', 'meta', id, 'meta.json');
  const where = `docker context '${choice.name}' (from ${choice.source})`;
  if (!existsSync(metaFile)) {
    throw new InputError(`${where} not found (no ${metaFile}); see docker context ls`);
  }
  const tlsDir = join(dir, 'contexts', 'tls', id, 'docker');
  const read = (file: string): string | undefined => (existsSync(join(tlsDir, file)) ? readFileSync(join(tlsDir, file), 'utf8') : undefined);
  const [ca, cert, key] = [read('ca.pem'), read('cert.pem'), read('key.pem')];
  const tls: TlsMaterial = { ...(ca ? { ca } : {}), ...(cert ? { cert } : {}), ...(key ? { key } : {}) };
  return contextEndpoint(where, readFileSync(metaFile, 'utf8'), tls);
}
