/**
 * One pass through the engine, shared by the action (main.ts) and the CLI (cli.ts): validate,
 * then plan/deploy/destroy. Free of @actions/core (and its HTTP client), which the CLI never
 * needs, and of the Docker modules until a mode needs them: `hotdock validate` starts fast.
 */
import { readFileSync } from 'node:fs';
import { hasErrors, type Diagnostic } from './diagnostics.js';
import type { Settings } from './settings.js';
import { validateTemplateFile, type TemplateIO } from './template/validate.js';
import type { ResolvedStack } from './template/types.js';
import type { DeployLog, DeployReport, FailureReason } from './deploy/types.js';
import type { RunOptions } from './engine/run.js';
import { needsLogs } from './engine/attributes.js';

/** Template files come from the local disk, for the action and the CLI alike. */
export const nodeIO: TemplateIO = { readFile: (absPath) => readFileSync(absPath, 'utf8') };

/** What one pass through the pipeline produced; `error` is set when the run failed. */
export interface PipelineResult {
  diagnostics: Diagnostic[];
  /** Present for plan/deploy/destroy once the template was valid. */
  report?: DeployReport;
  /** Every text form of every hidden parameter value: mask them everywhere. */
  secrets: string[];
  /** Template outputs that read a container's logs (logOutputsOf): the first to be cut for size. */
  logOutputs?: string[];
  error?: string;
  /** Why it failed, when it did before or outside the report (the report carries its own). */
  failureReason?: FailureReason;
}

/**
 * Names of the outputs whose value reads a container's logs (`get_attr` of logs, logs_head or
 * logs_tail anywhere in it): such values can be any size, so the report caps them first.
 */
export function logOutputsOf(stack: ResolvedStack): string[] {
  const readsLogs = (v: unknown): boolean => {
    if (Array.isArray(v)) return v.some(readsLogs);
    if (!v || typeof v !== 'object') return false;
    const attr = (v as Record<string, unknown>).get_attr;
    if (Array.isArray(attr) && typeof attr[1] === 'string' && needsLogs(attr[1])) return true;
    return Object.values(v).some(readsLogs);
  };
  return Object.entries(stack.outputs).filter(([, o]) => readsLogs(o.value)).map(([name]) => name);
}

/** The stages the pipeline runs; tests replace them. */
export interface Stages {
  validate(settings: Settings, io: TemplateIO): ReturnType<typeof validateTemplateFile>;
  runStack(settings: Settings, stack: ResolvedStack, log: DeployLog, options?: RunOptions): Promise<DeployReport>;
}

/**
 * Loads the deploy stages on first use: dockerode and ssh2 are most of the bundle, and
 * `validate` needs neither. The bundler puts them in a chunk beside dist/index.js (each chunk
 * defines the `__dirname` ssh2 reads while loading: scripts/bundle.mjs).
 */
async function loadRunStack(): Promise<Stages['runStack']> {
  return (await import('./engine/run.js')).runStack;
}

/** The real stages. */
export const realStages: Stages = {
  validate: validateTemplateFile,
  runStack: async (settings, stack, log, options) => (await loadRunStack())(settings, stack, log, options),
};

/**
 * Validates, then (unless mode is validate) runs the stack. A template with any error deploys
 * nothing. `onValidated` runs between the two, so annotations appear before deploy progress.
 * Docker failures inside runStack come back in the report; anything thrown propagates.
 */
export async function runPipeline(
  settings: Settings,
  log: DeployLog,
  hooks: {
    onValidated?: (diagnostics: Diagnostic[], secrets: string[]) => void;
    stages?: Stages;
    /** Cancel signal and step-state callbacks, handed to runStack. */
    run?: Pick<RunOptions, 'signal' | 'onJournal' | 'onLocks' | 'confirm'>;
  } = {},
): Promise<PipelineResult> {
  const stages = hooks.stages ?? realStages;
  const validation = stages.validate(settings, nodeIO);
  const { diagnostics, secrets } = validation;
  hooks.onValidated?.(diagnostics, secrets);
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  if (hasErrors(diagnostics) || !validation.stack) {
    const what = settings.mode === 'validate' ? '' : settings.mode === 'destroy' ? ': nothing was removed' : ': nothing was deployed';
    return { diagnostics, secrets, failureReason: 'template-invalid', error: `The template ${settings.template} has ${errors} error${errors === 1 ? '' : 's'}${what}` };
  }
  if (settings.mode === 'validate') return { diagnostics, secrets };
  const signal = hooks.run?.signal;
  if (signal?.aborted) {
    return { diagnostics, secrets, failureReason: 'cancelled', error: `${(signal.reason as Error | undefined)?.message ?? 'cancelled'} before the ${settings.mode} started: nothing was changed` };
  }
  const report = await stages.runStack(settings, validation.stack, log, hooks.run ?? {});
  return {
    diagnostics,
    secrets,
    logOutputs: logOutputsOf(validation.stack),
    report,
    ...(report.result === 'failure' ? { error: report.error ?? `${settings.mode} failed` } : {}),
  };
}
