/**
 * The runner's side of one action step, in process: each test gets fresh GITHUB_OUTPUT and
 * workspace files with `template` as stack.yaml, and stdout captured; the environment and the
 * exit code are put back after each test. Registers its own beforeEach/afterEach.
 */
import { afterEach, beforeEach, jest } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What a test reads back: refilled before each test. */
export interface ActionStep {
  stdout: string[];
  files: { output: string; summary: string };
}

export function actionStep(template: string): ActionStep {
  const step: ActionStep = { stdout: [], files: { output: '', summary: '' } };
  const saved = { ...process.env };
  // core.summary remembers the first file it wrote (one step, one file): one for every test.
  const summary = join(mkdtempSync(join(tmpdir(), 'hotdock-summary-')), 'summary');
  beforeEach(() => {
    step.stdout = [];
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      step.stdout.push(String(chunk));
      return true;
    });
    const dir = mkdtempSync(join(tmpdir(), 'hotdock-step-'));
    step.files = { output: join(dir, 'output'), summary };
    writeFileSync(step.files.output, '');
    writeFileSync(step.files.summary, '');
    writeFileSync(join(dir, 'stack.yaml'), template);
    Object.assign(process.env, { GITHUB_OUTPUT: step.files.output, GITHUB_STEP_SUMMARY: summary, GITHUB_WORKSPACE: dir });
    process.exitCode = undefined;
  });
  afterEach(() => {
    jest.restoreAllMocks();
    process.env = { ...saved };
    process.exitCode = undefined;
  });
  return step;
}
