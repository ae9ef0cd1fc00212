/**
 * The action: inputs → validate → (plan | deploy | destroy) → report. The one place that catches:
 * every stage below throws or returns failures, and this file turns them into a failed step with
 * outputs and a summary still written.
 */
import * as core from '@actions/core';
import { readSettings } from './inputs.js';
import type { Settings } from './settings.js';
import type { DeployLog } from './deploy/types.js';
import { realStages, runPipeline, type PipelineResult, type Stages } from './pipeline.js';
import { emitAnnotations } from './report/annotations.js';
import { renderInputFailure, renderSummary, summaryDataOf, writeSummary } from './report/summary.js';
import { runUrlOf } from './report/summary-parts.js';
import { outputValues } from './report/outputs.js';
import { redact, redactValue, registerSecret } from './report/mask.js';
import { annotationText, safeLogLine, safeLogText } from './report/escape.js';
import { SIZE_LIMIT } from './report/limit.js';
import { cancelledError, type Cancellation } from './cancel.js';
import type { StepStateWriter } from './step-state.js';
import { GithubRun, type GithubOutcome } from './github/github-run.js';

/** What the runner's main step adds to a run (src/action.ts): cancel signals and step state. */
export interface MainControl {
  /** Aborts the run on SIGINT/SIGTERM; its forced exit writes outputs and summary first. */
  cancel?: Cancellation;
  /** Saves the journal and the held locks for the post step. */
  state?: StepStateWriter;
}

/**
 * Progress for the workflow log: `web: creating` lines, warnings as annotations. Secrets are
 * masked first (escaping would hide a multi-line secret from the redactor), then every line is
 * made inert: names and messages carry template text, and core.info writes it as is.
 */
export function actionLog(secrets: () => readonly string[]): DeployLog {
  let grouped = false;
  return {
    // One collapsible group per phase: the log reads as connect, lock, plan, deploy, report.
    phase: (title) => {
      if (grouped) core.endGroup();
      grouped = title !== undefined;
      if (title !== undefined) core.startGroup(safeLogLine(title));
    },
    info: (m) => core.info(safeLogText(redact(m, secrets()))),
    warning: (m) => core.warning(annotationText(redact(m, secrets()))),
    progress: (resource, m) => core.info(safeLogLine(redact(`${resource}: ${m}`, secrets()))),
  };
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** The action's entry: never throws; a failure ends as setFailed with outputs and summary written. */
export async function run(env: NodeJS.ProcessEnv = process.env, stages: Stages = realStages, control: MainControl = {}): Promise<void> {
  const secrets: string[] = [];
  // Every secret is redacted by hotdock; the runner's masker gets those long enough to mask (mask.ts).
  const mask = (s: string) => {
    registerSecret(s, core.setSecret);
    secrets.push(s);
  };
  const log = actionLog(() => secrets);
  let settings: Settings | undefined;
  let github: GithubRun | undefined;
  let result: PipelineResult = { diagnostics: [], secrets: [] };
  const { cancel, state } = control;
  let reported = false;
  // A cancel whose cleanup outlasts its deadline still ends with outputs and a summary (cancel.ts).
  cancel?.beforeExit(async () => {
    if (reported) return;
    const error = `cancelled by ${cancel.received}: the cleanup did not finish in time; the post step repairs what is left`;
    for (const [name, value] of Object.entries(outputValues(undefined, true, { secrets, limit: SIZE_LIMIT, failureReason: 'cancelled' }))) core.setOutput(name, value);
    core.setFailed(error);
    if (settings) {
      const { template, mode, stackName } = settings;
      await writeSummary(renderSummary({ template, mode, stackName, diagnostics: result.diagnostics, error, secrets, failureReason: 'cancelled', footer: { runUrl: runUrlOf(env) } }));
    }
  });
  try {
    settings = readSettings(env, mask);
    state?.begin(settings.stackName, settings.runId);
    github = new GithubRun(settings, env, log, () => secrets);
    core.info(safeLogLine(`hotdock ${settings.mode} of stack ${settings.stackName} from ${settings.template}`));
    // Validation is the first group of the log; the deploy phases follow as their own.
    log.phase?.('Validate');
    result = await runPipeline(settings, log, {
      stages: github.wrapStages(stages),
      onValidated: (diagnostics, hidden) => {
        hidden.forEach(mask);
        emitAnnotations(redactValue(diagnostics, secrets));
      },
      run: {
        ...(cancel ? { signal: cancel.signal } : {}),
        ...(state ? { onJournal: (entries) => state.journal(entries), onLocks: (locks) => state.locks(locks) } : {}),
      },
    });
  } catch (err) {
    // Before the settings: an input is invalid (the user's to fix); after: a failure hotdock did not classify.
    result = { ...result, error: messageOf(err), failureReason: settings ? 'internal' : 'template-invalid' };
  }
  log.phase?.(undefined);
  state?.end();
  reported = true;
  if (cancel?.received) result = { ...result, error: cancelledError(cancel.received, result.error), failureReason: 'cancelled' };
  // PR comment, deployment status, plan hash: GitHub API trouble is a warning (github-run.ts).
  let gh: GithubOutcome | undefined;
  try {
    gh = await github?.finish(result);
  } catch (err) {
    core.warning(annotationText(`GitHub API: ${redact(messageOf(err), secrets)}`));
  }

  // The reviewed-plan check's refusal names the cause better than the run's own classifier.
  if (gh?.failureReason) result = { ...result, failureReason: gh.failureReason };
  try {
    const outputs = outputValues(result.report, Boolean(result.error), {
      secrets,
      limit: SIZE_LIMIT,
      logOutputs: result.logOutputs,
      failureReason: result.failureReason,
      onTruncated: (name) =>
        core.warning(`The '${name}' output was larger than GitHub keeps (1 MiB): its largest values, container logs first, were cut to their tail behind '… N bytes truncated'.`),
    });
    for (const [name, value] of Object.entries(outputs)) {
      core.setOutput(name, value);
    }
    core.setOutput('plan-hash', gh?.planHash ?? '');
    if (settings) {
      await writeSummary(
        renderSummary({
          ...summaryDataOf(settings, result, secrets),
          failureReason: result.failureReason,
          footer: {
            runUrl: runUrlOf(env),
            ...(gh?.planHash ? { planHash: gh.planHash } : {}),
            ...(gh?.commentUrl ? { commentUrl: gh.commentUrl } : {}),
            ...(gh?.deploymentUrl ? { deploymentUrl: gh.deploymentUrl } : {}),
          },
        }),
      );
    } else if (result.error) {
      await writeSummary(renderInputFailure(result.error, secrets));
    }
    if (gh?.summary) await writeSummary(redact(gh.summary, secrets));
  } catch (err) {
    // The run's own result matters more than its report: say so, and keep the real outcome.
    core.warning(annotationText(`Could not write the step's outputs or summary: ${redact(messageOf(err), secrets)}`));
  }
  if (result.error) core.setFailed(annotationText(redact(result.error, secrets)));
}
