/**
 * Settings for a CLI run, from the flags and the docker CLI's own configuration: where no endpoint
 * is given, DOCKER_HOST (docker-env.ts), else the docker context in use (docker-context.ts); for
 * pulls, what `docker login` stored (docker-config.ts) under what --registry-auth gives; ssh://
 * endpoints through the user's ssh configuration (ssh-config.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, isAbsolute, relative, resolve, join } from 'node:path';
import type { CliArgs } from '../cli-args.js';
import type { EndpointEntry, RegistryCredentials, Settings, TlsMaterial } from '../settings.js';
import { checkEndpointUrl, checkStackName, defaultStackName, DEFAULT_DOCKER_ENDPOINT, DEFAULTS, InputError } from '../setting-values.js';
import { readDockerEnvironment } from '../docker-env.js';
import { chooseContext, readDockerContext } from '../docker-context.js';
import { credentialHelpers, readDockerConfig, registryCredentials, type DockerConfig } from '../docker-config.js';
import { resolveSshEndpoint, type ResolvedSsh } from './ssh-config.js';
import { cliWording } from './wording.js';

/**
 * ssh material where the ssh client keeps it (the docker CLI runs ssh, which reads these):
 * ~/.ssh/known_hosts, and when no agent runs (SSH_AUTH_SOCK), the first default identity file.
 */
export function sshDefaults(env: NodeJS.ProcessEnv): { sshKnownHosts?: string; sshPrivateKey?: string } {
  const dir = join(env.HOME || homedir(), '.ssh');
  const read = (name: string) => (existsSync(join(dir, name)) ? readFileSync(join(dir, name), 'utf8') : undefined);
  const knownHosts = read('known_hosts');
  const key = env.SSH_AUTH_SOCK ? undefined : ['id_ed25519', 'id_ecdsa', 'id_rsa'].map(read).find((k) => k !== undefined);
  return { ...(knownHosts ? { sshKnownHosts: knownHosts } : {}), ...(key ? { sshPrivateKey: key } : {}) };
}

/** What --endpoints FILE and --registry-auth FILE hold, parsed (cli.ts reads them: see readCliFiles). */
export interface CliFiles {
  endpoints?: Record<string, EndpointEntry>;
  registryAuth?: Record<string, RegistryCredentials>;
}

/** Where the default endpoint comes from: a URL (or an --endpoints name) and its own TLS. */
interface DefaultEndpoint {
  url: string;
  explicit: boolean;
  tls?: TlsMaterial;
  /** Set when the URL was resolved through the ssh configuration. */
  ssh?: ResolvedSsh;
}

/**
 * --endpoint; else --context; else (unless --endpoints holds a pool) DOCKER_HOST with its TLS
 * variables, else DOCKER_CONTEXT or the current context of config.json; else the local socket.
 */
function defaultEndpoint(args: CliArgs, env: NodeJS.ProcessEnv, endpoints: Record<string, EndpointEntry>, config: () => DockerConfig): DefaultEndpoint {
  if (args.endpoint !== undefined) {
    if (Object.prototype.hasOwnProperty.call(endpoints, args.endpoint)) return { url: args.endpoint, explicit: true };
    return withSsh({ url: args.endpoint, explicit: true }, env, 'option --endpoint');
  }
  if (args.context === undefined && Object.keys(endpoints).length >= 2) return { url: DEFAULT_DOCKER_ENDPOINT, explicit: false };
  const fromEnv = args.context === undefined ? readDockerEnvironment(env) : undefined;
  if (fromEnv) return withSsh({ url: fromEnv.endpoint, explicit: true, ...(fromEnv.tls ? { tls: fromEnv.tls } : {}) }, env, 'DOCKER_HOST');
  const choice = chooseContext(args.context, env, config());
  if (!choice) return { url: DEFAULT_DOCKER_ENDPOINT, explicit: false };
  const ctx = readDockerContext(choice, env);
  return withSsh({ url: ctx.endpoint, explicit: true, ...(ctx.tls ? { tls: ctx.tls } : {}) }, env, `docker context '${choice.name}'`);
}

/** An ssh:// endpoint as the ssh configuration has it; the syntax checked, naming `where`. */
function withSsh(ep: DefaultEndpoint, env: NodeJS.ProcessEnv, where: string): DefaultEndpoint {
  const ssh = resolveSshEndpoint(ep.url, env);
  const url = checkEndpointUrl(ssh?.url ?? ep.url, where);
  return { ...ep, url, ...(ssh ? { ssh } : {}) };
}

/**
 * The ssh:// entries of --endpoints after the ssh configuration: the URL, and the key and known
 * hosts the configuration names where the entry gives none. Takes the file's parsed document.
 */
export function resolveEndpointAliases(doc: Record<string, unknown>, env: NodeJS.ProcessEnv): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(doc)) {
    const entry = typeof value === 'string' ? { url: value } : value;
    const url = entry && typeof entry === 'object' && typeof (entry as { url?: unknown }).url === 'string' ? (entry as { url: string }).url : undefined;
    const ssh = url ? resolveSshEndpoint(url, env) : undefined;
    if (!ssh) {
      out[name] = value;
      continue;
    }
    out[name] = {
      ...(ssh.privateKey ? { 'ssh-private-key': ssh.privateKey } : {}),
      ...(ssh.knownHosts ? { 'ssh-known-hosts': ssh.knownHosts } : {}),
      ...(entry as Record<string, unknown>),
      url: ssh.url,
    };
  }
  return out;
}

/**
 * Registry credentials for a deploy: what `docker login` stored (config.json `auths`, its
 * credsStore and credHelpers), with --registry-auth entries winning. Other modes pull nothing,
 * so they neither read them nor run a credential helper.
 */
function registryAuthFor(
  args: CliArgs,
  env: NodeJS.ProcessEnv,
  files: CliFiles,
  config: () => DockerConfig,
  warn: (message: string) => void,
): Record<string, RegistryCredentials> {
  const given = files.registryAuth ?? {};
  if (args.command !== 'deploy') return given;
  return { ...registryCredentials(config(), credentialHelpers(env), warn), ...given };
}

/**
 * Settings for a CLI run. The workspace is the current directory; a template outside it brings
 * its own directory as the workspace (get_file and environment files stay confined to it).
 * Throws InputError with a message naming the flag, variable or file at fault.
 */
export function cliSettings(
  args: CliArgs,
  env: NodeJS.ProcessEnv,
  cwd: string,
  files: CliFiles = {},
  warn: (message: string) => void = () => undefined,
): Settings {
  try {
    return buildSettings(args, env, cwd, files, warn);
  } catch (err) {
    if (err instanceof InputError) throw new InputError(cliWording(err.message));
    throw err;
  }
}

function buildSettings(args: CliArgs, env: NodeJS.ProcessEnv, cwd: string, files: CliFiles, warn: (message: string) => void): Settings {
  const absTemplate = resolve(cwd, args.template);
  const rel = relative(cwd, absTemplate);
  const inside = !rel.startsWith('..') && !isAbsolute(rel);
  const workspace = inside ? cwd : dirname(absTemplate);
  const endpoints = files.endpoints ?? {};
  let config: DockerConfig | undefined;
  const dockerConfig = (): DockerConfig => (config ??= readDockerConfig(env));
  const ep = defaultEndpoint(args, env, endpoints, dockerConfig);
  const ssh = { ...sshDefaults(env), ...(ep.ssh?.privateKey ? { sshPrivateKey: ep.ssh.privateKey } : {}), ...(ep.ssh?.knownHosts ? { sshKnownHosts: ep.ssh.knownHosts } : {}) };
  return {
    template: args.template,
    workspace,
    mode: args.command,
    stackName: args.stack ? checkStackName(args.stack, 'option --stack') : defaultStackName(basename(cwd), args.template),
    parameters: args.params,
    // Environment files are named relative to where the user stands, not to the workspace.
    environmentFiles: args.envFiles.map((f) => (inside ? f : resolve(cwd, f))),
    dockerEndpoint: ep.url,
    dockerEndpointExplicit: ep.explicit,
    ...(ep.tls ? { dockerEndpointTls: ep.tls } : {}),
    endpoints,
    ...ssh,
    registryAuth: registryAuthFor(args, env, files, dockerConfig, warn),
    pull: args.pull ?? DEFAULTS.pull,
    prune: args.prune ?? DEFAULTS.prune,
    rollback: args.rollback ?? DEFAULTS.rollback,
    waitTimeout: args.waitTimeout ?? DEFAULTS.waitTimeout,
    stableSeconds: args.stableSeconds ?? DEFAULTS.stableSeconds,
    maxParallel: args.maxParallel ?? DEFAULTS.maxParallel,
    lockTimeout: args.lockTimeout ?? DEFAULTS.lockTimeout,
    placement: args.placement ?? DEFAULTS.placement,
    target: args.target ?? DEFAULTS.target,
    requireReviewedPlan: DEFAULTS.requireReviewedPlan,
    githubToken: '',
    commentOnPr: 'false',
    runId: `cli-${process.pid}`,
  };
}

/**
 * Reads --endpoints FILE and --registry-auth FILE with the action's own parsers (the same format
 * as its inputs), loaded only when a file is given: they bring @actions/core, which a plain CLI
 * run does not load. Errors name the flag and the file.
 */
export async function readCliFiles(args: CliArgs, env: NodeJS.ProcessEnv, cwd: string): Promise<CliFiles> {
  if (!args.endpointsFile && !args.registryAuthFile) return {};
  const { parseEndpoints, parseRegistryAuth } = await import('../inputs.js');
  const yaml = await import('js-yaml');
  const read = (flag: string, file: string): string => {
    const path = resolve(cwd, file);
    if (!existsSync(path)) throw new InputError(`option ${flag}: ${file} not found`);
    return readFileSync(path, 'utf8');
  };
  const named = (flag: string, file: string, run: () => unknown) => {
    try {
      return run();
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      throw new InputError(cliWording(err.message).replace(`option ${flag}`, `option ${flag} (${file})`));
    }
  };
  const out: CliFiles = {};
  if (args.endpointsFile) {
    const file = args.endpointsFile;
    const text = read('--endpoints', file);
    out.endpoints = named('--endpoints', file, () => {
      let doc: unknown;
      try {
        doc = yaml.load(text);
      } catch {
        doc = undefined; // parseEndpoints says what is wrong with it, and where.
      }
      const resolved = doc && typeof doc === 'object' && !Array.isArray(doc) ? JSON.stringify(resolveEndpointAliases(doc as Record<string, unknown>, env)) : text;
      return parseEndpoints(resolved, () => undefined);
    }) as Record<string, EndpointEntry>;
  }
  if (args.registryAuthFile) {
    const file = args.registryAuthFile;
    const text = read('--registry-auth', file);
    out.registryAuth = named('--registry-auth', file, () => parseRegistryAuth(text, () => undefined)) as Record<string, RegistryCredentials>;
  }
  return out;
}
