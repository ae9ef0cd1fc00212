/**
 * One action step in process, as the runner runs it on a given event: the runner's files
 * (GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, GITHUB_EVENT_PATH with a payload from testdata/github),
 * INPUT_* variables and GITHUB_API_URL pointing at a local FakeGithub. The environment, stdout
 * and the exit code are put back after each step.
 */
import { jest } from '@jest/globals';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../src/main.js';
import { realStages, type Stages } from '../../src/pipeline.js';
import { parseOutputFile, ROOT } from '../runner/harness.js';

/** The commit of the pull request's plan runs (the payload's head) and the merge commit a push deploys. */
export const PR_SHA = '1111111111111111111111111111111111111111';
export const MERGE_SHA = '2222222222222222222222222222222222222222';

/** What one step wrote. */
export interface StepResult {
  outputs: Record<string, string>;
  summary: string;
  stdout: string;
  /** process.exitCode was set to failure. */
  failed: boolean;
}

/** The event a step runs on. */
export interface StepEvent {
  name: 'pull_request' | 'push';
  sha: string;
  runId: string;
  api: string;
}

// core.summary remembers the first file it wrote: one file for every step, emptied before each.
const summaryFile = join(mkdtempSync(join(tmpdir(), 'hotdock-gh-summary-')), 'summary');

/** A workspace holding `stack.yaml`. */
export function workspaceWith(template: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'hotdock-gh-ws-'));
  writeFileSync(join(dir, 'stack.yaml'), template);
  return dir;
}

/** Runs the action's main once (with the real stages unless given); resolves with what it wrote. */
export async function actionRun(ws: string, inputs: Record<string, string>, event: StepEvent, stages: Stages = realStages): Promise<StepResult> {
  const saved = { ...process.env };
  const files = mkdtempSync(join(tmpdir(), 'hotdock-gh-step-'));
  const output = join(files, 'output');
  writeFileSync(output, '');
  writeFileSync(summaryFile, '');
  const eventPath = join(files, 'event.json');
  copyFileSync(join(ROOT, 'testdata/github', `${event.name}.json`), eventPath);
  for (const key of Object.keys(process.env)) if (key.startsWith('INPUT_') || key.startsWith('GITHUB_')) delete process.env[key];
  Object.assign(process.env, {
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: ws,
    GITHUB_REPOSITORY: 'acme/shop',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: event.api,
    GITHUB_EVENT_NAME: event.name,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_SHA: event.sha,
    GITHUB_RUN_ID: event.runId,
    GITHUB_OUTPUT: output,
    GITHUB_STEP_SUMMARY: summaryFile,
    RUNNER_TEMP: files,
  });
  for (const [name, value] of Object.entries(inputs)) process.env[`INPUT_${name.toUpperCase()}`] = value;
  const stdout: string[] = [];
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout.push(String(chunk));
    return true;
  });
  process.exitCode = undefined;
  try {
    await run(process.env, stages);
    return {
      outputs: parseOutputFile(readFileSync(output, 'utf8')),
      summary: readFileSync(summaryFile, 'utf8'),
      stdout: stdout.join(''),
      failed: process.exitCode === 1,
    };
  } finally {
    spy.mockRestore();
    process.env = saved;
    process.exitCode = undefined;
  }
}
