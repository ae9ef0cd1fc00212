/**
 * The docker CLI's environment variables, read in ONE place for the action (inputs.ts) and the CLI
 * (cli.ts) alike: DOCKER_HOST, DOCKER_TLS_VERIFY and DOCKER_CERT_PATH. They are read only when the
 * user gave no endpoint, and nothing else in hotdock looks at them: the Docker client library is
 * built from hotdock's endpoint alone (engine/client.ts), so the environment cannot redirect a deploy.
 *
 * Unlike the docker CLI, TLS here always verifies the server certificate, and TLS material that
 * cannot apply (a unix socket, ssh, plain http://) is refused instead of silently dropped.
 * Free of @actions/core on purpose: the CLI loads this.
 */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { TlsMaterial } from './settings.js';
import { InputError } from './setting-values.js';
import { parseEndpointUrl, redactEndpointUrl } from './spec/endpoint-url.js';

/** The endpoint the environment names, and the TLS material that goes with it. */
export interface DockerEnvironment {
  /** DOCKER_HOST as given (syntax checked). */
  endpoint: string;
  /** From DOCKER_CERT_PATH (else ~/.docker) when DOCKER_TLS_VERIFY or DOCKER_CERT_PATH is set. */
  tls?: TlsMaterial;
}

/** The certificate files, named as the docker CLI names them. */
const CERT_FILES = { ca: 'ca.pem', cert: 'cert.pem', key: 'key.pem' } as const;

/**
 * Reads DOCKER_HOST, DOCKER_TLS_VERIFY and DOCKER_CERT_PATH from `env`. Call it only when the user
 * gave no endpoint. Undefined when none of the three is set (the caller then uses the local socket).
 *
 * TLS is wanted when DOCKER_TLS_VERIFY is set (any non-empty value, as the docker CLI reads it) or
 * DOCKER_CERT_PATH is: the certificates come from DOCKER_CERT_PATH, else ~/.docker, and every one
 * of ca.pem, cert.pem and key.pem must exist. TLS then needs a tcp:// (or https://, or host:port)
 * DOCKER_HOST; anything else is refused, never answered with plain HTTP.
 * Throws InputError with a message naming the variable and what to change.
 */
export function readDockerEnvironment(env: NodeJS.ProcessEnv, home: string = env.HOME || homedir()): DockerEnvironment | undefined {
  const host = (env.DOCKER_HOST ?? '').trim();
  const verify = (env.DOCKER_TLS_VERIFY ?? '').trim() !== '';
  const certPath = (env.DOCKER_CERT_PATH ?? '').trim();
  const wantsTls = verify || certPath !== '';
  if (host === '' && !wantsTls) return undefined;

  const set = [verify ? 'DOCKER_TLS_VERIFY' : '', certPath ? 'DOCKER_CERT_PATH' : ''].filter(Boolean).join(' and ');
  if (host === '') {
    throw new InputError(
      `${set} ${certPath && verify ? 'are' : 'is'} set but DOCKER_HOST is not: TLS needs a tcp://host:port endpoint. ` +
        'Set DOCKER_HOST (or docker-endpoint / --endpoint), or unset ' + set,
    );
  }
  const parsed = parseEndpointUrl(host);
  if (!parsed.ok) throw new InputError(`${parsed.message} (in DOCKER_HOST)`);
  if (!wantsTls) return { endpoint: host };

  const kind = parsed.endpoint.kind;
  if (kind !== 'tcp' && kind !== 'https') {
    const why = kind === 'http' ? 'http:// is plain HTTP' : `a ${kind}:// endpoint does not use TLS`;
    throw new InputError(
      `${set} ${certPath && verify ? 'ask' : 'asks'} for TLS, but DOCKER_HOST '${redactEndpointUrl(host)}' cannot use it (${why}). ` +
        `Write DOCKER_HOST as tcp://host:port for TLS, or unset ${set}`,
    );
  }
  const dir = certPath || join(home, '.docker');
  const read = (file: string): string => {
    const path = join(dir, file);
    if (!existsSync(path)) {
      throw new InputError(`${set}: ${path} not found (TLS needs ca.pem, cert.pem and key.pem in ${dir})`);
    }
    return readFileSync(path, 'utf8');
  };
  return { endpoint: host, tls: { ca: read(CERT_FILES.ca), cert: read(CERT_FILES.cert), key: read(CERT_FILES.key) } };
}
