/**
 * Pure parsing of the CLI's arguments:
 * `hotdock <validate|plan|deploy|destroy> TEMPLATE [--stack NAME] [--param KEY=VALUE]...
 * [--env-file F]... [--endpoint URL] [--pull POLICY] [--json]`.
 */
import type { Mode, PullPolicy } from './settings.js';
import { parseMode, parsePull } from './setting-values.js';

/** What the command line asked for. */
export interface CliArgs {
  command: Mode;
  template: string;
  stack?: string;
  /** --param KEY=VALUE, strings as typed (the template's parameter types convert them). */
  params: Record<string, string>;
  envFiles: string[];
  endpoint?: string;
  pull?: PullPolicy;
  json: boolean;
}

export type ParsedCli = { kind: 'help' } | { kind: 'run'; args: CliArgs } | { kind: 'error'; message: string };

/** Printed by --help and after a usage error. */
export const USAGE = `Usage: hotdock <validate|plan|deploy|destroy> TEMPLATE [options]

Validate, plan, deploy or destroy an OpenStack Heat (HOT) template of
DockerInc::Docker::Container resources.

Options:
  --stack NAME         stack name (default: <current directory name>-<template name>)
  --param KEY=VALUE    parameter value; repeatable; wins over environment files
  --env-file FILE      Heat environment file (parameters, parameter_defaults); repeatable
  --endpoint URL       endpoint for resources that name none
                       (default: DOCKER_HOST, else unix:///var/run/docker.sock)
  --pull POLICY        missing (default), always or never
  --json               print {diagnostics, result, changed, plan, resources, outputs} as JSON
  -h, --help           show this help

Environment (read only without --endpoint): DOCKER_HOST, DOCKER_TLS_VERIFY and
DOCKER_CERT_PATH (ca.pem, cert.pem, key.pem) as the docker CLI reads them; TLS always
verifies the server certificate and is never dropped for plain HTTP.
Exit status: 0 success, 1 template errors or a failed run, 2 usage errors.`;

const VALUE_FLAGS = ['--stack', '--param', '--env-file', '--endpoint', '--pull'] as const;

/** Parses argv (without `node` and the script). Never throws: usage problems come back as messages. */
export function parseCliArgs(argv: readonly string[]): ParsedCli {
  const positional: string[] = [];
  const args: Omit<CliArgs, 'command' | 'template'> = { params: {}, envFiles: [], json: false };
  try {
    for (let i = 0; i < argv.length; i++) {
      const arg = argv[i];
      if (arg === '-h' || arg === '--help') return { kind: 'help' };
      if (arg === '--json') {
        args.json = true;
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
      if (!(VALUE_FLAGS as readonly string[]).includes(flag)) return { kind: 'error', message: `unknown option '${flag}'` };
      let value: string;
      if (eq > 0) value = arg.slice(eq + 1);
      else if (i + 1 < argv.length) value = argv[++i];
      else return { kind: 'error', message: `option '${flag}' needs a value` };
      switch (flag) {
        case '--stack':
          args.stack = value;
          break;
        case '--param': {
          const at = value.indexOf('=');
          if (at < 1) return { kind: 'error', message: `--param expects KEY=VALUE, got '${value}'` };
          args.params[value.slice(0, at)] = value.slice(at + 1);
          break;
        }
        case '--env-file':
          args.envFiles.push(value);
          break;
        case '--endpoint':
          args.endpoint = value;
          break;
        case '--pull':
          args.pull = parsePull(value, 'option --pull');
          break;
      }
    }
    if (positional.length === 0) return { kind: 'error', message: 'missing command: validate, plan, deploy or destroy' };
    const command = parseMode(positional[0], 'command');
    if (positional.length < 2) return { kind: 'error', message: `missing TEMPLATE: hotdock ${command} TEMPLATE` };
    if (positional.length > 2) return { kind: 'error', message: `unexpected argument '${positional[2]}'` };
    return { kind: 'run', args: { command, template: positional[1], ...args } };
  } catch (err) {
    return { kind: 'error', message: err instanceof Error ? err.message : String(err) };
  }
}
