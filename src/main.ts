/**
 * The action: inputs → validate → (plan | deploy | destroy) → report. The one place that catches:
 * every stage below throws or returns failures, and this file turns them into a failed step with
 * outputs and a summary still written.
 */
import * as core from '@actions/core';
import { readFileSync } from 'node:fs';
import { hasErrors, type Diagnostic } from './diagnostics.js';
import { readSettings } from './inputs.js';
import type { Settings } from './settings.js';
import { validateTemplateFile, type TemplateIO } from './template/validate.js';
import type { ResolvedStack } from './template/types.js';
import { runStack } from './deploy/run.js';
import type { DeployLog, DeployReport } from './deploy/types.js';
import { emitAnnotations } from './report/annotations.js';
import { renderSummary, writeSummary } from './report/summary.js';
import { outputValues, setOutputs } from './report/outputs.js';
import { redact } from './report/mask.js';

/** Template files come from the local disk, for the action and the CLI alike. */
export const nodeIO: TemplateIO = { readFile: (absPath) => readFileSync(absPath, 'utf8') };

/** What one pass through the pipeline produced; `error` is set when the run failed. */
export interface PipelineResult {
  diagnostics: Diagnostic[];
  /** Present for plan/deploy/destroy once the template was valid. */
  report?: DeployReport;
  /** Hidden parameter values: mask them everywhere. */
  secrets: string[];
  error?: string;
}

/** The stages the pipeline runs; tests replace them. */
export interface Stages {
  validate(settings: Settings, io: TemplateIO): ReturnType<typeof validateTemplateFile>;
  runStack(settings: Settings, stack: ResolvedStack, log: DeployLog): Promise<DeployReport>;
}

const realStages: Stages = { validate: validateTemplateFile, runStack };

/**
 * Validates, then (unless mode is validate) runs the stack. A template with any error deploys
 * nothing. `onValidated` runs between the two, so annotations appear before deploy progress.
 * Docker failures inside runStack come back in the report; anything thrown propagates.
 */
export async function runPipeline(
  settings: Settings,
  log: DeployLog,
  hooks: { onValidated?: (diagnostics: Diagnostic[], secrets: string[]) => void; stages?: Stages } = {},
): Promise<PipelineResult> {
  const stages = hooks.stages ?? realStages;
  const validation = stages.validate(settings, nodeIO);
  const { diagnostics, secrets } = validation;
  hooks.onValidated?.(diagnostics, secrets);
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  if (hasErrors(diagnostics) || !validation.stack) {
    const what = settings.mode === 'validate' ? '' : settings.mode === 'destroy' ? ': nothing was removed' : ': nothing was deployed';
    return { diagnostics, secrets, error: `The template ${settings.template} has ${errors} error${errors === 1 ? '' : 's'}${what}` };
  }
  if (settings.mode === 'validate') return { diagnostics, secrets };
  const report = await stages.runStack(settings, validation.stack, log);
  return {
    diagnostics,
    secrets,
    report,
    ...(report.result === 'failure' ? { error: report.error ?? `${settings.mode} failed` } : {}),
  };
}

/** Progress for the workflow log: `web: creating` lines, warnings as annotations. */
export function actionLog(secrets: () => readonly string[]): DeployLog {
  return {
    info: (m) => core.info(redact(m, secrets())),
    warning: (m) => core.warning(redact(m, secrets())),
    progress: (resource, m) => core.info(redact(`${resource}: ${m}`, secrets())),
  };
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** The action's entry: never throws; a failure ends as setFailed with outputs and summary written. */
export async function run(env: NodeJS.ProcessEnv = process.env, stages: Stages = realStages): Promise<void> {
  const secrets: string[] = [];
  const mask = (s: string) => {
    core.setSecret(s);
    secrets.push(s);
  };
  let settings: Settings | undefined;
  let result: PipelineResult = { diagnostics: [], secrets: [] };
  try {
    settings = readSettings(env, mask);
    core.info(`hotdock ${settings.mode} of stack ${settings.stackName} from ${settings.template}`);
    result = await runPipeline(settings, actionLog(() => secrets), {
      stages,
      onValidated: (diagnostics, hidden) => {
        hidden.forEach(mask);
        emitAnnotations(diagnostics);
      },
    });
  } catch (err) {
    result = { ...result, error: messageOf(err) };
  }

  try {
    setOutputs(outputValues(result.report, Boolean(result.error), secrets));
    if (settings) {
      await writeSummary(
        renderSummary({
          template: settings.template,
          mode: settings.mode,
          stackName: settings.stackName,
          diagnostics: result.diagnostics,
          report: result.report,
          error: result.error,
          secrets,
        }),
      );
    }
  } catch (err) {
    // The run's own result matters more than its report: say so, and keep the real outcome.
    core.warning(`Could not write the step's outputs or summary: ${redact(messageOf(err), secrets)}`);
  }
  if (result.error) core.setFailed(redact(result.error, secrets));
}
