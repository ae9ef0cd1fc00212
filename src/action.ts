/**
 * The action's main step as the runner runs it: marks the step state (so that the same bundle,
 * run again as the post step, knows it is the post step), listens for the runner's cancel signals,
 * runs main.ts with both, and exits non-zero at once after a cancel.
 */
import * as core from '@actions/core';
import { listenForCancel } from './cancel.js';
import { run } from './main.js';
import { StepStateWriter } from './step-state.js';

/** Runs the main step. */
export async function runMainStep(): Promise<void> {
  const state = new StepStateWriter((name, value) => core.saveState(name, value));
  state.markMain();
  const cancel = listenForCancel({ log: (line) => core.info(line) });
  await run(process.env, undefined, { cancel, state });
  cancel.finish(typeof process.exitCode === 'number' ? process.exitCode : 1);
}
