/**
 * Reads the action's inputs into the one typed Settings object. Every input is checked here, so
 * a typo fails the step before anything touches a template or an endpoint, with a message that
 * names the input, the value and what was expected. Secrets are masked as they are read.
 */
import * as core from '@actions/core';
import { basename } from 'node:path';
import * as yaml from 'js-yaml';
import type { EndpointEntry, RegistryCredentials, Settings, TlsMaterial } from './settings.js';
import { maskPem, registryCredentialSecrets } from './report/mask.js';
import {
  checkEndpointUrl, checkStackName, defaultStackName, DEFAULT_DOCKER_ENDPOINT, DEFAULTS, InputError, oneOf,
  parseBoolean, parseCommentOnPr, parseMode, parseNonNegativeInt, parsePlacement, parsePositiveInt, parsePull,
  parseTarget,
} from './setting-values.js';
import { readDockerEnvironment } from './docker-env.js';
import { tlsMisfit } from './spec/endpoints.js';
import { parseEndpointUrl } from './spec/endpoint-url.js';

export { defaultStackName, InputError } from './setting-values.js';

/** Every action input, keyed by its action.yml name, with the default action.yml declares. */
export const INPUTS = {
  template: { required: true },
  mode: { default: DEFAULTS.mode },
  'stack-name': {},
  parameters: {},
  'environment-files': {},
  'docker-endpoint': {},
  endpoints: {},
  'tls-ca-cert': {},
  'tls-client-cert': {},
  'tls-client-key': {},
  'ssh-private-key': {},
  'ssh-known-hosts': {},
  'registry-auth': {},
  pull: { default: DEFAULTS.pull },
  prune: { default: String(DEFAULTS.prune) },
  rollback: { default: String(DEFAULTS.rollback) },
  'wait-timeout': { default: String(DEFAULTS.waitTimeout) },
  'stable-seconds': { default: String(DEFAULTS.stableSeconds) },
  'max-parallel': { default: String(DEFAULTS.maxParallel) },
  'lock-timeout': { default: String(DEFAULTS.lockTimeout) },
  placement: { default: DEFAULTS.placement },
  target: { default: DEFAULTS.target },
  'require-reviewed-plan': { default: String(DEFAULTS.requireReviewedPlan) },
  'github-token': {},
  'comment-on-pr': { default: DEFAULTS.commentOnPr },
  'deployment-environment': {},
  'environment-url': {},
  'deployment-transient': {},
  'deployment-production': {},
} satisfies Record<string, { required?: boolean; default?: string }>;

export type InputName = keyof typeof INPUTS;

const ENDPOINT_KEYS = ['url', 'tls-ca-cert', 'tls-client-cert', 'tls-client-key', 'ssh-private-key', 'ssh-known-hosts', 'pool'];

/** Reads an input the way @actions/core does (INPUT_<NAME>, spaces → '_', trimmed), falling back to its default. */
function rawInput(env: NodeJS.ProcessEnv, name: InputName): string {
  const value = (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
  if (value !== '') return value;
  const spec: { required?: boolean; default?: string } = INPUTS[name];
  if (spec.required) throw new InputError(`Input required and not supplied: ${name}`);
  return spec.default ?? '';
}

/** Parses a YAML (or JSON, a subset of YAML) input that must be a mapping. */
function parseMapping(name: string, text: string, expected: string): Record<string, unknown> {
  if (text === '') return {};
  let doc: unknown;
  try {
    doc = yaml.load(text);
  } catch (err) {
    // The reason and position only: the snippet js-yaml quotes could hold a secret.
    const e = err as { reason?: string; mark?: { line: number; column: number } };
    const where = e.mark ? ` at line ${e.mark.line + 1}, column ${e.mark.column + 1}` : '';
    throw new InputError(`Invalid input '${name}': not valid YAML or JSON (${e.reason ?? 'parse error'}${where}). Expected ${expected}`);
  }
  if (doc === null || doc === undefined) return {};
  if (typeof doc !== 'object' || Array.isArray(doc)) {
    throw new InputError(`Invalid input '${name}': expected ${expected}, got ${Array.isArray(doc) ? 'a list' : 'a scalar'}`);
  }
  return doc as Record<string, unknown>;
}

function optionalString(name: string, entry: string, key: string, value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new InputError(`Invalid input '${name}': '${entry}'.${key} must be a string`);
  return value;
}

function tlsOf(ca?: string, cert?: string, key?: string, where = 'inputs'): TlsMaterial | undefined {
  if (!ca && !cert && !key) return undefined;
  if (!cert !== !key) {
    throw new InputError(`Invalid ${where}: tls-client-cert and tls-client-key go together; give both or neither`);
  }
  return { ...(ca ? { ca } : {}), ...(cert ? { cert } : {}), ...(key ? { key } : {}) };
}

/** The `endpoints` input: name → URL, or name → {url, tls-*, ssh-*}. */
export function parseEndpoints(text: string, mask: (secret: string) => void): Record<string, EndpointEntry> {
  const doc = parseMapping('endpoints', text, 'a mapping of name → URL or {url, tls-ca-cert, ...}');
  const out: Record<string, EndpointEntry> = {};
  for (const [name, value] of Object.entries(doc)) {
    const where = `input 'endpoints' (entry '${name}')`;
    if (typeof value === 'string') {
      out[name] = { url: checkEndpointUrl(value, where) };
      continue;
    }
    if (!value || typeof value !== 'object' || Array.isArray(value)) {
      throw new InputError(`Invalid input 'endpoints': entry '${name}' must be a URL or a mapping with 'url'`);
    }
    const map = value as Record<string, unknown>;
    const unknown = Object.keys(map).filter((k) => !ENDPOINT_KEYS.includes(k));
    if (unknown.length) {
      throw new InputError(`Invalid input 'endpoints': entry '${name}' has unknown key '${unknown[0]}'. Expected ${oneOf(ENDPOINT_KEYS)}`);
    }
    const url = optionalString('endpoints', name, 'url', map.url);
    if (!url) throw new InputError(`Invalid input 'endpoints': entry '${name}' has no 'url'`);
    const key = optionalString('endpoints', name, 'tls-client-key', map['tls-client-key']);
    const sshKey = optionalString('endpoints', name, 'ssh-private-key', map['ssh-private-key']);
    if (key) maskPem(key, mask);
    if (sshKey) maskPem(sshKey, mask);
    const tls = tlsOf(
      optionalString('endpoints', name, 'tls-ca-cert', map['tls-ca-cert']),
      optionalString('endpoints', name, 'tls-client-cert', map['tls-client-cert']),
      key,
      where,
    );
    const knownHosts = optionalString('endpoints', name, 'ssh-known-hosts', map['ssh-known-hosts']);
    // `pool: false` takes the entry out of the pool (placement-pool.ts); YAML gives a boolean.
    if (map.pool !== undefined && typeof map.pool !== 'boolean') throw new InputError(`Invalid input 'endpoints': '${name}'.pool must be true or false`);
    const checked = checkEndpointUrl(url, where);
    const parsed = parseEndpointUrl(checked);
    const misfit = tls && parsed.ok ? tlsMisfit(parsed.endpoint, checked, `Invalid input 'endpoints': entry '${name}'`) : undefined;
    if (misfit) throw new InputError(misfit);
    out[name] = {
      url: checked,
      ...(tls ? { tls } : {}),
      ...(sshKey ? { sshPrivateKey: sshKey } : {}),
      ...(knownHosts ? { sshKnownHosts: knownHosts } : {}),
      ...(map.pool === false ? { pool: false } : {}),
    };
  }
  return out;
}

/** The `registry-auth` input: host → {username, password}; every password form is masked. */
export function parseRegistryAuth(text: string, mask: (secret: string) => void): Record<string, RegistryCredentials> {
  const doc = parseMapping('registry-auth', text, 'a mapping of registry host → {username, password}');
  const out: Record<string, RegistryCredentials> = {};
  for (const [host, value] of Object.entries(doc)) {
    const map = (value && typeof value === 'object' && !Array.isArray(value) ? value : {}) as Record<string, unknown>;
    // Mask first: an error below must not be the first place a password is printed.
    if (typeof map.password === 'string' || typeof map.password === 'number') mask(String(map.password));
    const username = map.username;
    const password = map.password;
    if ((typeof username !== 'string' && typeof username !== 'number') || username === '') {
      throw new InputError(`Invalid input 'registry-auth': registry '${host}' needs {username, password}`);
    }
    if ((typeof password !== 'string' && typeof password !== 'number') || password === '') {
      throw new InputError(`Invalid input 'registry-auth': registry '${host}' has no password`);
    }
    out[host] = { username: String(username), password: String(password) };
    for (const s of registryCredentialSecrets(out[host], host)) mask(s);
  }
  return out;
}

/** Parses the `parameters` input (YAML or JSON mapping). */
export function parseParameters(text: string): Record<string, unknown> {
  return parseMapping('parameters', text, 'a YAML or JSON mapping of parameter name → value');
}

/**
 * The default endpoint: the docker-endpoint input (a URL or an `endpoints` name); else, unless the
 * `endpoints` input holds a pool of two or more, DOCKER_HOST with DOCKER_TLS_VERIFY and
 * DOCKER_CERT_PATH (readDockerEnvironment, shared with the CLI); else the local socket.
 */
function defaultEndpoint(
  given: string,
  endpoints: Record<string, EndpointEntry>,
  tls: TlsMaterial | undefined,
  env: NodeJS.ProcessEnv,
  mask: (secret: string) => void,
): Pick<Settings, 'dockerEndpoint' | 'dockerEndpointExplicit' | 'dockerEndpointTls'> {
  if (given !== '') {
    // docker-endpoint may name an `endpoints` entry, as a template's docker_endpoint may.
    if (Object.prototype.hasOwnProperty.call(endpoints, given)) return { dockerEndpoint: given, dockerEndpointExplicit: true };
    const url = checkEndpointUrl(given, "input 'docker-endpoint'");
    const parsed = parseEndpointUrl(url);
    const misfit = tls && parsed.ok && parsed.endpoint.kind === 'http' ? tlsMisfit(parsed.endpoint, url, "input 'docker-endpoint'") : undefined;
    if (misfit) throw new InputError(misfit);
    return { dockerEndpoint: url, dockerEndpointExplicit: true };
  }
  // A pool was given: the user named the endpoints, and the environment does not override them.
  if (Object.keys(endpoints).length >= 2) return { dockerEndpoint: DEFAULT_DOCKER_ENDPOINT, dockerEndpointExplicit: false };
  const fromEnv = readDockerEnvironment(env);
  if (!fromEnv) return { dockerEndpoint: DEFAULT_DOCKER_ENDPOINT, dockerEndpointExplicit: false };
  if (fromEnv.tls?.key) maskPem(fromEnv.tls.key, mask);
  return { dockerEndpoint: fromEnv.endpoint, dockerEndpointExplicit: true, ...(fromEnv.tls ? { dockerEndpointTls: fromEnv.tls } : {}) };
}

/**
 * Builds Settings from the runner's environment: INPUT_* variables, GITHUB_WORKSPACE,
 * GITHUB_REPOSITORY, GITHUB_RUN_ID, GITHUB_SHA, and where no endpoint is given, DOCKER_HOST,
 * DOCKER_TLS_VERIFY and DOCKER_CERT_PATH. Throws InputError on a bad input.
 */
export function readSettings(env: NodeJS.ProcessEnv = process.env, mask: (secret: string) => void = core.setSecret): Settings {
  const input = (name: InputName): string => rawInput(env, name);
  const template = input('template');
  const workspace = env.GITHUB_WORKSPACE || process.cwd();
  const repository = (env.GITHUB_REPOSITORY ?? '').split('/').pop() || basename(workspace);

  const tlsKey = input('tls-client-key');
  const sshKey = input('ssh-private-key');
  const githubToken = input('github-token');
  if (githubToken) mask(githubToken);
  if (tlsKey) maskPem(tlsKey, mask);
  if (sshKey) maskPem(sshKey, mask);

  // Registry passwords and endpoint keys are masked here, before anything below can fail.
  const endpoints = parseEndpoints(input('endpoints'), mask);
  const registryAuth = parseRegistryAuth(input('registry-auth'), mask);
  const tls = tlsOf(input('tls-ca-cert'), input('tls-client-cert'), tlsKey);
  const knownHosts = input('ssh-known-hosts');
  const revision = env.GITHUB_SHA;
  const endpoint = defaultEndpoint(input('docker-endpoint'), endpoints, tls, env, mask);
  return {
    template,
    workspace,
    mode: parseMode(input('mode')),
    stackName: input('stack-name') ? checkStackName(input('stack-name')) : defaultStackName(repository, template),
    parameters: parseParameters(input('parameters')),
    environmentFiles: input('environment-files')
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l !== ''),
    ...endpoint,
    endpoints,
    ...(tls ? { tls } : {}),
    ...(sshKey ? { sshPrivateKey: sshKey } : {}),
    ...(knownHosts ? { sshKnownHosts: knownHosts } : {}),
    registryAuth,
    pull: parsePull(input('pull')),
    prune: parseBoolean('prune', input('prune')),
    rollback: parseBoolean('rollback', input('rollback')),
    waitTimeout: parsePositiveInt('wait-timeout', input('wait-timeout')),
    stableSeconds: parseNonNegativeInt('stable-seconds', input('stable-seconds')),
    maxParallel: parsePositiveInt('max-parallel', input('max-parallel')),
    lockTimeout: parsePositiveInt('lock-timeout', input('lock-timeout')),
    placement: parsePlacement(input('placement')),
    target: parseTarget(input('target')),
    requireReviewedPlan: parseBoolean('require-reviewed-plan', input('require-reviewed-plan')),
    githubToken,
    commentOnPr: parseCommentOnPr(input('comment-on-pr')),
    ...(input('deployment-environment') ? { deploymentEnvironment: input('deployment-environment') } : {}),
    ...(input('environment-url') ? { environmentUrl: input('environment-url') } : {}),
    ...(input('deployment-transient') ? { deploymentTransient: parseBoolean('deployment-transient', input('deployment-transient')) } : {}),
    ...(input('deployment-production') ? { deploymentProduction: parseBoolean('deployment-production', input('deployment-production')) } : {}),
    runId: env.GITHUB_RUN_ID || `local-${process.pid}`,
    ...(revision ? { revision } : {}),
  };
}
