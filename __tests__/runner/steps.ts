/**
 * The runner's two steps of one action, as processes a test can signal: the main step
 * (`node dist/index.js` with INPUT_*, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY and GITHUB_STATE), and the
 * post step, run with the STATE_* variables the runner derives from the GITHUB_STATE file main
 * wrote (`name<<delimiter` blocks, the last value of a name wins).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseOutputFile, ROOT } from './harness.js';

/** The files the runner gives one step. */
export interface StepFiles {
  output: string;
  summary: string;
  state: string;
}

/** How a step ended. */
export interface StepExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Date.now() when the process ended. */
  at: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  /** The state the step saved (GITHUB_STATE), name → value. */
  state: Record<string, string>;
}

/** A running step. */
export interface Step {
  child: ChildProcess;
  /** What it wrote to stdout so far. */
  stdout(): string;
  exited: Promise<StepExit>;
}

function stepFiles(): StepFiles {
  const dir = mkdtempSync(join(tmpdir(), 'hotdock-step-'));
  const files = { output: join(dir, 'output'), summary: join(dir, 'summary'), state: join(dir, 'state') };
  for (const f of Object.values(files)) writeFileSync(f, '');
  return files;
}

/** The STATE_* variables the runner gives the post step. */
export function stateEnv(state: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(state).map(([k, v]) => [`STATE_${k}`, v]));
}

/** Starts the bundle as a step of the runner on a workspace, with inputs by their action.yml names. */
export function startStep(ws: string, inputs: Record<string, string>, extraEnv: Record<string, string> = {}): Step {
  const files = stepFiles();
  const env: NodeJS.ProcessEnv = {};
  for (const key of ['PATH', 'HOME', 'TMPDIR', 'LANG']) if (process.env[key]) env[key] = process.env[key];
  Object.assign(env, {
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: ws,
    GITHUB_REPOSITORY: 'acme/shop',
    GITHUB_RUN_ID: `run-${process.pid}-${Date.now()}`,
    GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_STATE: files.state,
    RUNNER_TEMP: tmpdir(),
    ...extraEnv,
  });
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  const child = spawn(process.execPath, [join(ROOT, 'dist/index.js')], { cwd: ws, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<StepExit>((resolve) => {
    child.on('close', (code, signal) =>
      resolve({
        code,
        signal,
        at: Date.now(),
        stdout,
        stderr,
        outputs: parseOutputFile(readFileSync(files.output, 'utf8')),
        summary: readFileSync(files.summary, 'utf8'),
        state: parseOutputFile(readFileSync(files.state, 'utf8')),
      }),
    );
  });
  // Never outlive the test: a step that hangs is killed (and the assertions on it fail).
  const guard = setTimeout(() => child.kill('SIGKILL'), 120_000);
  void exited.then(() => clearTimeout(guard));
  return { child, stdout: () => stdout, exited };
}

/** Runs the main step to its end. */
export function runStep(ws: string, inputs: Record<string, string>, extraEnv: Record<string, string> = {}): Promise<StepExit> {
  return startStep(ws, inputs, extraEnv).exited;
}

/** Runs the post step after a main step: same inputs and run, plus the state main saved. */
export function runPost(ws: string, inputs: Record<string, string>, main: StepExit, runId: string): Promise<StepExit> {
  return runStep(ws, inputs, { GITHUB_RUN_ID: runId, ...stateEnv(main.state) });
}

/** Resolves once `check` holds, polling every 100 ms; rejects after `timeoutMs` naming `what`. */
export async function until(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
