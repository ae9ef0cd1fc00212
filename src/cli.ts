/**
 * The command line: same engine and defaults as the action. Results on stdout, progress and
 * failures on stderr; exit status 0 success, 1 template errors or a failed run, 2 usage errors.
 */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { parseCliArgs, USAGE, type CliArgs } from './cli-args.js';
import { checkEndpointUrl, checkStackName, defaultStackName, DEFAULT_DOCKER_ENDPOINT, DEFAULTS } from './setting-values.js';
import { runPipeline, type PipelineResult, type Stages } from './pipeline.js';
import type { Settings } from './settings.js';
import { readDockerEnvironment } from './docker-env.js';
import type { DeployLog } from './deploy/types.js';
import { renderCliJson, renderCliText } from './report/cli-output.js';
import { redact } from './report/mask.js';
import { cancelledError, listenForCancel } from './cancel.js';
import { safeLogLine, safeLogText } from './report/escape.js';

/** Where the CLI writes; tests capture it. */
export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
}

const processIO: CliIO = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  cwd: process.cwd(),
};

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

/**
 * Settings for a CLI run. The workspace is the current directory; a template outside it brings
 * its own directory as the workspace (get_file and environment files stay confined to it).
 */
export function cliSettings(args: CliArgs, env: NodeJS.ProcessEnv, cwd: string): Settings {
  const absTemplate = resolve(cwd, args.template);
  const rel = relative(cwd, absTemplate);
  const inside = !rel.startsWith('..') && !isAbsolute(rel);
  const workspace = inside ? cwd : dirname(absTemplate);
  // The environment is read only when --endpoint is not given, by the same function as the action.
  const fromEnv = args.endpoint ? undefined : readDockerEnvironment(env);
  return {
    template: args.template,
    workspace,
    mode: args.command,
    stackName: args.stack ? checkStackName(args.stack, 'option --stack') : defaultStackName(basename(cwd), args.template),
    parameters: args.params,
    // Environment files are named relative to where the user stands, not to the workspace.
    environmentFiles: args.envFiles.map((f) => (inside ? f : resolve(cwd, f))),
    dockerEndpoint: args.endpoint ? checkEndpointUrl(args.endpoint, 'option --endpoint') : (fromEnv?.endpoint ?? DEFAULT_DOCKER_ENDPOINT),
    dockerEndpointExplicit: Boolean(args.endpoint || fromEnv),
    ...(fromEnv?.tls ? { dockerEndpointTls: fromEnv.tls } : {}),
    endpoints: {},
    ...sshDefaults(env),
    registryAuth: {},
    pull: args.pull ?? DEFAULTS.pull,
    prune: DEFAULTS.prune,
    rollback: DEFAULTS.rollback,
    waitTimeout: DEFAULTS.waitTimeout,
    stableSeconds: DEFAULTS.stableSeconds,
    maxParallel: DEFAULTS.maxParallel,
    lockTimeout: DEFAULTS.lockTimeout,
    placement: DEFAULTS.placement,
    target: DEFAULTS.target,
    requireReviewedPlan: DEFAULTS.requireReviewedPlan,
    githubToken: '',
    commentOnPr: 'false',
    runId: `cli-${process.pid}`,
  };
}

/**
 * Progress on stderr, one line per event, so stdout stays parseable. Lines carry template text
 * and may land in a workflow log: made inert like the action's (report/escape.ts).
 */
function stderrLog(io: CliIO, secrets: () => readonly string[], skipPlan: boolean): DeployLog {
  const line = (t: string, safe: (s: string) => string = safeLogText) => io.stderr(safe(redact(t, secrets())) + '\n');
  return {
    // The engine logs the plan; in text mode stdout prints it as the result, so not twice.
    info: (m) => (skipPlan && /^Plan: \d+ to create/m.test(m) ? undefined : line(m)),
    warning: (m) => line(`warning: ${m}`),
    progress: (resource, m) => line(`${resource}: ${m}`, safeLogLine),
  };
}

/** Runs the CLI; resolves to the exit status. Never throws. */
export async function cliMain(
  argv: readonly string[] = process.argv.slice(2),
  env: NodeJS.ProcessEnv = process.env,
  io: CliIO = processIO,
  stages?: Stages,
): Promise<number> {
  const parsed = parseCliArgs(argv);
  if (parsed.kind === 'help') {
    io.stdout(USAGE + '\n');
    return 0;
  }
  if (parsed.kind === 'error') {
    io.stderr(`hotdock: ${parsed.message}\n\n${USAGE}\n`);
    return 2;
  }
  const { args } = parsed;
  let settings: Settings;
  try {
    settings = cliSettings(args, env, io.cwd);
  } catch (err) {
    io.stderr(`hotdock: ${err instanceof Error ? err.message : String(err)}\n`);
    return 2;
  }
  const secrets: string[] = [];
  let result: PipelineResult;
  // Ctrl-C (or a CI runner's cancel) rolls back and releases the locks before the process ends.
  const cancel = io === processIO ? listenForCancel({ log: (line) => io.stderr(line + '\n') }) : undefined;
  cancel?.beforeExit(() => {
    const late: PipelineResult = { diagnostics: [], secrets, error: `cancelled by ${cancel.received}: the cleanup did not finish in time` };
    io.stdout(args.json ? renderCliJson(late, secrets) : renderCliText(late, settings.mode, settings.stackName, secrets));
    io.stderr(`hotdock: error: ${late.error}\n`);
  });
  try {
    result = await runPipeline(settings, stderrLog(io, () => secrets, !args.json), {
      ...(stages ? { stages } : {}),
      onValidated: (_diagnostics, hidden) => secrets.push(...hidden),
      ...(cancel ? { run: { signal: cancel.signal } } : {}),
    });
  } catch (err) {
    result = { diagnostics: [], secrets, error: err instanceof Error ? err.message : String(err) };
  }
  if (cancel?.received) result = { ...result, error: cancelledError(cancel.received, result.error) };
  if (args.json) io.stdout(renderCliJson(result, secrets));
  else io.stdout(renderCliText(result, settings.mode, settings.stackName, secrets));
  // Template errors are already listed line by line; other failures are said once, on stderr.
  if (result.error && !result.diagnostics.some((d) => d.severity === 'error')) {
    io.stderr(`${safeLogText(`hotdock: error: ${redact(result.error, secrets)}`)}\n`);
  }
  cancel?.finish(result.error ? 1 : 0);
  return result.error ? 1 : 0;
}
