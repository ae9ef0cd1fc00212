/**
 * What the CLI prints on stdout: compiler-style diagnostics and a plain-text result, or one JSON
 * document with --json. Pure; cli.ts does the writing. Progress goes to stderr elsewhere. The CLI
 * may run inside a workflow step, so its text is made inert for the runner like the action's.
 */
import { sortDiagnostics } from '../diagnostics.js';
import type { Mode } from '../settings.js';
import type { PipelineResult } from '../pipeline.js';
import { countDiagnostics, formatDiagnostic, renderPlanText } from './format.js';
import { failureReasonOf, outputValues } from './outputs.js';
import { redact, redactOutputs, redactValue } from './mask.js';
import { safeJsonText, safeLogText } from './escape.js';

/** The --json document: {diagnostics, result, changed, plan, resources, outputs}, and {error, failureReason} on failure. */
export function renderCliJson(result: PipelineResult, secrets: readonly string[]): string {
  const values = outputValues(result.report, Boolean(result.error), { secrets, failureReason: result.failureReason });
  const doc = {
    diagnostics: sortDiagnostics(result.diagnostics),
    result: values.result,
    changed: values.changed === 'true',
    plan: JSON.parse(values.plan) as unknown,
    resources: JSON.parse(values.resources) as unknown,
    outputs: JSON.parse(values.outputs) as unknown,
    ...(result.error ? { error: result.error, failureReason: values['failure-reason'] } : {}),
  };
  return safeJsonText(redact(JSON.stringify(redactValue(doc, [...secrets]), null, 2), [...secrets])) + '\n';
}

/** Human output: diagnostics first (file:line:col: severity: message), then plan, outputs, verdict. */
export function renderCliText(result: PipelineResult, mode: Mode, stackName: string, secrets: readonly string[]): string {
  const lines: string[] = sortDiagnostics(result.diagnostics).map(formatDiagnostic);
  const report = result.report
    ? { ...redactValue(result.report, [...secrets]), outputs: redactOutputs(result.report.outputs, [...secrets]) }
    : undefined;
  // No plan was made when an endpoint could not be reached: print none, not "Plan: 0 to create".
  const planned = Boolean(report && (report.planGraph || report.plan.length > 0));
  if (report) {
    if (planned) lines.push(renderPlanText(report.plan, report.planGraph));
    const outputs = Object.entries(report.outputs);
    if (outputs.length) {
      lines.push('Outputs:');
      for (const [k, v] of outputs) lines.push(`  ${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`);
    }
    for (const w of report.warnings) lines.push(`warning: ${w}`);
    if (report.rolledBack.length) lines.push(`Rolled back: ${report.rolledBack.join(', ')}`);
  }
  const errors = result.diagnostics.some((d) => d.severity === 'error');
  const reason = failureReasonOf(result.report, Boolean(result.error), result.failureReason ?? (errors ? 'template-invalid' : undefined));
  const verdict = result.error ? `failure, ${reason}` : 'success';
  const changed = report && (planned || report.changed) ? changedWords(mode, report.changed) : '';
  lines.push(`${mode} of stack ${stackName}: ${verdict}${changed} (${countDiagnostics(result.diagnostics)})`);
  return safeLogText(redact(lines.join('\n'), [...secrets])) + '\n';
}

/** The verdict's second half: a plan only says what a deploy would do. */
function changedWords(mode: Mode, changed: boolean): string {
  if (mode === 'plan') return changed ? ', would change' : ', would change nothing';
  return changed ? ', changed' : ', nothing changed';
}
