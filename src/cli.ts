/**
 * The command line: same engine and defaults as the action. Results on stdout, progress, questions
 * and failures on stderr; exit status 0 success, 1 template errors or a failed run, 2 usage errors.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCliArgs, USAGE, USAGE_HINT, type CliArgs } from './cli-args.js';
import { runPipeline, type PipelineResult, type Stages } from './pipeline.js';
import type { Settings } from './settings.js';
import type { DeployLog, PlanNode } from './deploy/types.js';
import { renderCliJson, renderCliText } from './report/cli-output.js';
import { redact } from './report/mask.js';
import { registryAuthSecrets } from './spec/registry-auth.js';
import { cancelledError, listenForCancel } from './cancel.js';
import { safeLogLine, safeLogText } from './report/escape.js';
import { cliSettings, readCliFiles } from './cli/cli-settings.js';
import { cliWording } from './cli/wording.js';
import { askYesNo, colourText, isTransient, LiveLine, paintFor, type Paint, type PromptIO } from './cli/terminal.js';

export { cliSettings, sshDefaults } from './cli/cli-settings.js';

/** Where the CLI writes and reads; tests capture it. */
export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
  /** Terminals: colour and the live line on stdout/stderr, the question on stdin. Default: none. */
  stdoutIsTTY?: boolean;
  stderrIsTTY?: boolean;
  stderrColumns?: number;
  /** Where a deploy or destroy asks before changing anything; asked only when it is a terminal. */
  prompt?: PromptIO;
}

// Getters: the action's bundle loads this module too, and must not open stdin by loading it.
const processIO: CliIO = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  cwd: process.cwd(),
  get stdoutIsTTY() {
    return process.stdout.isTTY;
  },
  get stderrIsTTY() {
    return process.stderr.isTTY;
  },
  get stderrColumns() {
    return process.stderr.columns;
  },
  get prompt() {
    return { input: process.stdin, output: process.stderr };
  },
};

/**
 * The version in hotdock's package.json: the first one named hotdock above this module (src/,
 * dist/ and an installed package alike). Looked up at run time on purpose: the bundler would
 * otherwise copy a statically named package.json into dist/ as an asset.
 */
export function cliVersion(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'hotdock' && pkg.version) return pkg.version;
    } catch {
      // No package.json here (or not ours): look further up.
    }
    if (dirname(dir) === dir) return 'unknown';
    dir = dirname(dir);
  }
}

/**
 * Progress on stderr, so stdout stays parseable: on a terminal, what is under way (a pull, a
 * wait) is one live line rewritten in place, and what happened scrolls above it. Lines carry
 * template text and may land in a workflow log: made inert like the action's (report/escape.ts).
 */
function stderrLog(live: LiveLine, paint: Paint, secrets: () => readonly string[], skipPlan: boolean): DeployLog {
  const text = (t: string, safe: (s: string) => string = safeLogText) => safe(redact(cliWording(t), secrets()));
  return {
    // In plan mode stdout prints the plan as the result, so not twice; deploy and destroy show it first.
    info: (m) => (skipPlan && /^Plan: \d+ to create/m.test(m) ? undefined : live.line(colourText(text(m), paint))),
    warning: (m) => live.line(paint('yellow', `warning: ${text(m)}`)),
    progress: (resource, m) => {
      const line = text(`${resource}: ${m}`, safeLogLine);
      if (live.live && isTransient(m)) live.status(line, resource);
      else live.line(line, resource);
    },
  };
}

/** The question before a deploy or destroy changes anything: what it does, to which stack. */
export function confirmQuestion(mode: 'deploy' | 'destroy', stack: string, nodes: readonly PlanNode[]): string {
  const removed = [...new Set(nodes.filter((n) => n.type === 'remove').map((n) => n.resource))];
  if (mode === 'destroy') {
    return `Remove ${removed.length} resource${removed.length === 1 ? '' : 's'} of stack ${stack} (${removed.join(', ')})?`;
  }
  const also = removed.length ? `, removing ${removed.join(', ')}` : '';
  return `Apply this plan to stack ${stack}${also}?`;
}

/** The settings, with the files the flags name: undefined after printing why they are unusable. */
async function settingsOf(args: CliArgs, env: NodeJS.ProcessEnv, io: CliIO): Promise<Settings | undefined> {
  try {
    const warn = (m: string) => io.stderr(`${paintFor(io.stderrIsTTY, env)('yellow', `warning: ${m}`)}\n`);
    return cliSettings(args, env, io.cwd, await readCliFiles(args, env, io.cwd), warn);
  } catch (err) {
    io.stderr(`hotdock: ${cliWording(err instanceof Error ? err.message : String(err))}\n`);
    return undefined;
  }
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
  if (parsed.kind === 'version') {
    io.stdout(`hotdock ${cliVersion()}\n`);
    return 0;
  }
  if (parsed.kind === 'error') {
    io.stderr(`hotdock: ${parsed.message}\n${USAGE_HINT}\n`);
    return 2;
  }
  const { args } = parsed;
  const settings = await settingsOf(args, env, io);
  if (!settings) return 2;
  const outPaint = paintFor(io.stdoutIsTTY, env);
  const errPaint = paintFor(io.stderrIsTTY, env);
  const live = new LiveLine({ write: (t) => io.stderr(t), isTTY: io.stderrIsTTY, columns: io.stderrColumns }, errPaint);
  // Registry passwords (from docker login too) are hidden wherever the CLI prints, as in the action.
  const secrets: string[] = registryAuthSecrets(settings.registryAuth);
  const mode = settings.mode;
  // Ask only on a terminal, and never with --yes: a pipe or a script is never left waiting.
  const ask = mode === 'deploy' || mode === 'destroy' ? io.prompt : undefined;
  let result: PipelineResult;
  // Ctrl-C (or a CI runner's cancel) rolls back and releases the locks before the process ends.
  const cancel = io === processIO ? listenForCancel({ log: (line) => io.stderr(line + '\n') }) : undefined;
  const confirm =
    ask && !args.yes && ask.input.isTTY
      ? async (nodes: readonly PlanNode[]): Promise<boolean> => {
          live.clear();
          const question = errPaint('bold', confirmQuestion(mode as 'deploy' | 'destroy', settings.stackName, nodes));
          return (await askYesNo(question, ask, cancel?.signal)) === true;
        }
      : undefined;
  const print = (r: PipelineResult): void => {
    live.clear();
    io.stdout(args.json ? renderCliJson(r, secrets) : colourText(renderCliText(r, mode, settings.stackName, secrets), outPaint));
  };
  cancel?.beforeExit(() => {
    const late: PipelineResult = { diagnostics: [], secrets, error: `cancelled by ${cancel.received}: the cleanup did not finish in time` };
    print(late);
    io.stderr(`hotdock: error: ${late.error}\n`);
  });
  try {
    result = await runPipeline(settings, stderrLog(live, errPaint, () => secrets, mode === 'plan' && !args.json), {
      ...(stages ? { stages } : {}),
      onValidated: (_diagnostics, hidden) => secrets.push(...hidden),
      run: { ...(cancel ? { signal: cancel.signal } : {}), ...(confirm ? { confirm } : {}) },
    });
  } catch (err) {
    result = { diagnostics: [], secrets, error: err instanceof Error ? err.message : String(err) };
  }
  if (cancel?.received) result = { ...result, error: cancelledError(cancel.received, result.error) };
  // Diagnostics too may name an action input (the 'parameters' input): the CLI says its flag.
  result = { ...result, diagnostics: result.diagnostics.map((d) => ({ ...d, message: cliWording(d.message) })) };
  print(result);
  // Template errors are already listed line by line; other failures are said once, on stderr.
  if (result.error && !result.diagnostics.some((d) => d.severity === 'error')) {
    io.stderr(`${errPaint('red', safeLogText(`hotdock: error: ${redact(cliWording(result.error), secrets)}`))}\n`);
  }
  cancel?.finish(result.error ? 1 : 0);
  return result.error ? 1 : 0;
}
