/**
 * Pure parsing of the CLI's arguments: `hotdock <validate|plan|deploy|destroy> TEMPLATE [options]`.
 * Values are checked by the same functions as the action's inputs (setting-values.ts), with
 * messages that name the flag.
 */
import type { Mode, Placement, PullPolicy, Target } from './settings.js';
import {
  InputError, parseBoolean, parseMode, parseNonNegativeInt, parsePlacement, parsePositiveInt, parsePull, parseTarget,
} from './setting-values.js';

/** What the command line asked for. */
export interface CliArgs {
  command: Mode;
  template: string;
  stack?: string;
  /** --param KEY=VALUE, strings as typed (the template's parameter types convert them). */
  params: Record<string, string>;
  envFiles: string[];
  endpoint?: string;
  /** --context NAME: a docker context, as `docker --context` takes it. */
  context?: string;
  /** --endpoints FILE: named endpoints, in the format of the action's `endpoints` input. */
  endpointsFile?: string;
  /** --registry-auth FILE: registry host → {username, password}, as the action's input. */
  registryAuthFile?: string;
  pull?: PullPolicy;
  prune?: boolean;
  rollback?: boolean;
  waitTimeout?: number;
  stableSeconds?: number;
  maxParallel?: number;
  lockTimeout?: number;
  placement?: Placement;
  target?: Target;
  /** --yes: deploy and destroy without asking. */
  yes?: true;
  json: boolean;
}

export type ParsedCli =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'run'; args: CliArgs }
  | { kind: 'error'; message: string };

/** Printed after a usage error, instead of the whole help. */
export const USAGE_HINT = "Run 'hotdock --help' for usage.";

/** Printed by --help. */
export const USAGE = `Usage: hotdock <validate|plan|deploy|destroy> TEMPLATE [options]

Validate, plan, deploy or destroy an OpenStack Heat (HOT) template of
DockerInc::Docker::Container resources.

Options:
  --stack NAME            stack name (default: <current directory name>-<template name>)
  --param KEY=VALUE       parameter value; repeatable; wins over environment files
  --env-file FILE         Heat environment file (parameters, parameter_defaults); repeatable
  --endpoint URL|NAME     endpoint for resources that name none (default: DOCKER_HOST,
                          else the docker context, else unix:///var/run/docker.sock)
  --context NAME          a docker context (as docker --context); default: DOCKER_CONTEXT,
                          else the current context of ~/.docker/config.json
  --endpoints FILE        named endpoints: YAML name -> URL or {url, tls-ca-cert, ...}
  --placement POLICY      spread (default) or binpack, across two or more --endpoints
  --target TARGET         containers (default) or swarm
  --registry-auth FILE    YAML registry host -> {username, password}; wins over docker login
  --pull POLICY           missing (default), always or never
  --prune BOOL            remove containers whose resource left the template (default true)
  --rollback BOOL         bring back the old containers when a deploy fails (default true)
  --wait-timeout SECS     seconds a new container has to be running/healthy (default 60)
  --stable-seconds SECS   seconds it must then stay up, 0 for none (default 5)
  --max-parallel N        Docker operations in flight per endpoint (default 8)
  --lock-timeout SECS     seconds to wait while another run holds the stack (default 300)
  -y, --yes               deploy/destroy without asking (never asked without a terminal)
  --json                  print {diagnostics, result, changed, plan, resources, outputs}
  -h, --help              show this help
  --version               print the version

Environment: DOCKER_HOST, DOCKER_TLS_VERIFY and DOCKER_CERT_PATH, DOCKER_CONTEXT and
DOCKER_CONFIG as the docker CLI reads them; ssh://alias endpoints resolve through the
ssh configuration; credentials of docker login (auths, credsStore, credHelpers) are
used for pulls. TLS always verifies the server certificate. NO_COLOR turns colour off.
Exit status: 0 success, 1 template errors or a failed run, 2 usage errors.`;

/** Flags that take a value, and what each does with it. */
const VALUE_FLAGS: Record<string, (args: Omit<CliArgs, 'command' | 'template'>, value: string, flag: string) => void> = {
  '--stack': (a, v) => (a.stack = v),
  '--param': (a, v) => {
    const at = v.indexOf('=');
    if (at < 1) throw new InputError(`--param expects KEY=VALUE, got '${v}'`);
    a.params[v.slice(0, at)] = v.slice(at + 1);
  },
  '--env-file': (a, v) => a.envFiles.push(v),
  '--endpoint': (a, v) => (a.endpoint = v),
  '--context': (a, v) => (a.context = v),
  '--endpoints': (a, v) => (a.endpointsFile = v),
  '--registry-auth': (a, v) => (a.registryAuthFile = v),
  '--pull': (a, v, f) => (a.pull = parsePull(v, `option ${f}`)),
  '--placement': (a, v, f) => (a.placement = parsePlacement(v, `option ${f}`)),
  '--target': (a, v, f) => (a.target = parseTarget(v, `option ${f}`)),
  '--prune': (a, v, f) => (a.prune = flagValue(parseBoolean, f, v)),
  '--rollback': (a, v, f) => (a.rollback = flagValue(parseBoolean, f, v)),
  '--wait-timeout': (a, v, f) => (a.waitTimeout = flagValue(parsePositiveInt, f, v)),
  '--stable-seconds': (a, v, f) => (a.stableSeconds = flagValue(parseNonNegativeInt, f, v)),
  '--max-parallel': (a, v, f) => (a.maxParallel = flagValue(parsePositiveInt, f, v)),
  '--lock-timeout': (a, v, f) => (a.lockTimeout = flagValue(parsePositiveInt, f, v)),
};

/**
 * Runs one of the shared checks that name an input (`Invalid input 'prune': ...`) and says
 * `option --prune` instead: the same rule, the user's own word for it.
 */
function flagValue<T>(parse: (name: string, value: string) => T, flag: string, value: string): T {
  try {
    return parse(flag.slice(2), value);
  } catch (err) {
    if (err instanceof InputError) throw new InputError(err.message.replace(`input '${flag.slice(2)}'`, `option ${flag}`));
    throw err;
  }
}

/** Boolean flags may stand alone (`--prune` = `--prune true`) when no true/false follows. */
const BOOLEAN_FLAGS = new Set(['--prune', '--rollback']);

/** Parses argv (without `node` and the script). Never throws: usage problems come back as messages. */
export function parseCliArgs(argv: readonly string[]): ParsedCli {
  const positional: string[] = [];
  const args: Omit<CliArgs, 'command' | 'template'> = { params: {}, envFiles: [], json: false };
  try {
    for (let i = 0; i < argv.length; i++) {
      const arg = argv[i];
      if (arg === '-h' || arg === '--help') return { kind: 'help' };
      if (arg === '--version' || arg === '-V') return { kind: 'version' };
      if (arg === '--json') {
        args.json = true;
        continue;
      }
      if (arg === '-y' || arg === '--yes') {
        args.yes = true;
        continue;
      }
      if (arg === '--') {
        positional.push(...argv.slice(i + 1));
        break;
      }
      if (!arg.startsWith('-') || arg === '-') {
        positional.push(arg);
        continue;
      }
      const eq = arg.indexOf('=');
      const flag = eq > 0 ? arg.slice(0, eq) : arg;
      const apply = Object.prototype.hasOwnProperty.call(VALUE_FLAGS, flag) ? VALUE_FLAGS[flag] : undefined;
      if (!apply) return { kind: 'error', message: `unknown option '${flag}'` };
      let value: string;
      if (eq > 0) value = arg.slice(eq + 1);
      else if (BOOLEAN_FLAGS.has(flag) && !/^(true|false)$/i.test(argv[i + 1] ?? '')) value = 'true';
      else if (i + 1 < argv.length) value = argv[++i];
      else return { kind: 'error', message: `option '${flag}' needs a value` };
      apply(args, value, flag);
    }
    if (positional.length === 0) return { kind: 'error', message: 'missing command: validate, plan, deploy or destroy' };
    const command = parseMode(positional[0], 'command');
    if (positional.length < 2) return { kind: 'error', message: `missing TEMPLATE: hotdock ${command} TEMPLATE` };
    if (positional.length > 2) return { kind: 'error', message: `unexpected argument '${positional[2]}'` };
    if (args.endpoint !== undefined && args.context !== undefined) {
      return { kind: 'error', message: 'give --endpoint or --context, not both' };
    }
    return { kind: 'run', args: { command, template: positional[1], ...args } };
  } catch (err) {
    return { kind: 'error', message: err instanceof Error ? err.message : String(err) };
  }
}
