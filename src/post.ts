/**
 * The action's post step (`runs.post`, the same bundle): repairs whatever a cancelled or killed main
 * step left, as actions/checkout cleans up after itself. It reads the state main saved (journal,
 * held locks, settled), and when main did not settle, connects to the endpoints named there with
 * the same inputs main read, undoes the journal and releases the run's locks (engine/repair.ts).
 *
 * The post step never fails the job: a problem it cannot fix is a warning naming resource and
 * endpoint, and the next run's observe repairs the rest.
 */
import * as core from '@actions/core';
import { readSettings } from './inputs.js';
import { readStepState, type GetState, type StepState } from './step-state.js';
import { endpointTargetFor } from './spec/endpoints.js';
import type { DockerApi } from './engine/docker-api.js';
import { redact, registerSecret } from './report/mask.js';
import { annotationText, safeLogLine } from './report/escape.js';

/** Where the post step logs (core in the action; tests record). */
export interface PostLog {
  info(line: string): void;
  warning(line: string): void;
}

/**
 * Resource names and messages in the repair lines come from the template (through the saved state):
 * each line is made inert before it reaches the runner, so none can become a workflow command.
 */
const coreLog: PostLog = { info: (l) => core.info(safeLogLine(l)), warning: (l) => core.warning(annotationText(l)) };

/** Limit to reach each endpoint, ms. */
const CONNECT_MS = 10_000;

/** The post step's one-line verdict when there is nothing to do, else undefined. */
export function nothingToDo(state: StepState): string | undefined {
  if (state.settled) return 'hotdock post: the main step settled; nothing to repair';
  if (state.journal.length === 0 && state.locks.length === 0) return 'hotdock post: the main step left no changes or locks; nothing to repair';
  return undefined;
}

/** Runs the post step. Never throws, never fails the job. */
export async function post(env: NodeJS.ProcessEnv = process.env, getState: GetState = core.getState, log: PostLog = coreLog): Promise<void> {
  const secrets: string[] = [];
  const say = (line: string): string => redact(line, secrets);
  try {
    const state = readStepState(getState);
    for (const p of state.problems) log.warning(`hotdock post: ${p}`);
    const idle = nothingToDo(state);
    if (idle) {
      log.info(idle);
      return;
    }
    if (!state.stack || !state.run) {
      log.warning('hotdock post: the main step left changes but not its stack and run; nothing can be repaired safely');
      return;
    }
    const settings = readSettings(env, (s) => {
      registerSecret(s, core.setSecret);
      secrets.push(s);
    });
    log.info(
      `hotdock post: the main step of run ${state.run} did not settle: undoing ${state.journal.length} change(s) and releasing ${state.locks.length} lock(s) of stack '${state.stack}'`,
    );
    const names = [...new Set([...state.journal.map((e) => e.endpoint), ...state.locks.map((l) => l.endpoint)])];
    // Docker modules load only when there is something to repair: a settled post step stays quick.
    const { connect } = await import('./engine/client.js');
    const { repairRun } = await import('./engine/repair.js');
    const engines = new Map<string, DockerApi | Error>();
    const closers: (() => Promise<void>)[] = [];
    await Promise.all(
      names.map(async (name) => {
        const target = endpointTargetFor(name, settings);
        if (!target.ok) {
          engines.set(name, new Error(target.message));
          return;
        }
        try {
          const conn = await connect(target.target, { timeoutMs: CONNECT_MS } /* each Engine call then has the adapter's own deadline */);
          closers.push(conn.close);
          engines.set(name, conn.docker);
        } catch (err) {
          engines.set(name, err instanceof Error ? err : new Error(String(err)));
        }
      }),
    );
    try {
      const result = await repairRun(state.journal, state.locks, { stack: state.stack, run: state.run, engines });
      for (const line of result.done) log.info(say(`hotdock post: ${line}`));
      for (const line of result.problems) log.warning(say(`hotdock post: ${line}`));
      log.info(`hotdock post: done: ${result.done.length} repaired, ${result.problems.length} left to the next run`);
    } finally {
      await Promise.all(closers.map((close) => close().catch(() => undefined)));
    }
  } catch (err) {
    log.warning(say(`hotdock post: could not repair what the main step left: ${err instanceof Error ? err.message : String(err)}`));
  }
}
