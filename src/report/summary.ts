/**
 * The job summary: what a reviewer reads in ten seconds. renderSummary is pure (data → markdown)
 * and unit-tested; writeSummary is the only part that talks to the runner.
 */
import * as core from '@actions/core';
import { sortDiagnostics, type Diagnostic } from '../diagnostics.js';
import type { DeployReport, PlanOutputEntry, ResourceReport } from '../deploy/types.js';
import type { Mode } from '../settings.js';
import { countDiagnostics, formatSeconds, renderPlanText } from './format.js';
import { redact, redactValue } from './mask.js';

/** Everything the summary shows. */
export interface SummaryData {
  template: string;
  mode: Mode;
  stackName: string;
  diagnostics: readonly Diagnostic[];
  /** Present once plan/deploy/destroy ran. */
  report?: DeployReport;
  /** A failure outside the report: template errors, an input, an unexpected exception. */
  error?: string;
  /** Hidden parameter values and other secrets: never shown. */
  secrets: readonly string[];
}

/** Text for HTML/markdown: the summary is rendered as GitHub-flavoured markdown with HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** One table cell: escaped, pipes kept out of the table syntax, newlines as <br>. */
export function cell(text: string): string {
  return escapeHtml(text).replace(/\|/g, '&#124;').replace(/\r?\n/g, '<br>');
}

/** Inline code that survives any content (a backtick in a path would end a markdown code span). */
function code(text: string): string {
  return `<code>${escapeHtml(text)}</code>`;
}

/** A markdown table; every value is escaped here. */
export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.map(cell).join(' | ')} |`;
  return [line(headers), `|${headers.map(() => '---').join('|')}|`, ...rows.map(line)].join('\n');
}

/** Every diagnostic, in source order: severity, file:line:col, code, message. */
export function renderDiagnosticsTable(diagnostics: readonly Diagnostic[]): string {
  return table(
    ['severity', 'location', 'code', 'message'],
    sortDiagnostics(diagnostics).map((d) => [d.severity, `${d.file}:${d.line}:${d.column}`, d.code, d.message]),
  );
}

/** Resource rows: what the report knows, plus planned steps it has no container for (plan mode, removals). */
export function renderResourcesTable(resources: Record<string, ResourceReport>, plan: readonly PlanOutputEntry[]): string {
  const stepOf = (name: string, endpoint?: string) =>
    plan.find((e) => e.resource === name && (endpoint === undefined || e.endpoint === endpoint)) ??
    plan.find((e) => e.resource === name);
  const actionWhy = (action: string, step?: PlanOutputEntry) =>
    step && step.reasons.length ? `${action}: ${step.reasons.join(', ')}` : action;
  const rows: string[][] = Object.entries(resources).map(([name, r]) => [
    name,
    r.endpoint,
    r.image,
    actionWhy(r.action, stepOf(name, r.endpoint)),
    r.container_name ? `${r.container_name}${r.container_id ? ` (${r.container_id.slice(0, 12)})` : ''}` : '',
    r.ports.join('\n'),
    formatSeconds(r.seconds),
  ]);
  for (const step of plan) {
    if (resources[step.resource] && resources[step.resource].endpoint === step.endpoint) continue;
    rows.push([step.resource, step.endpoint, '', actionWhy(step.action, step), '', '', '']);
  }
  return table(['resource', 'endpoint', 'image', 'action', 'container', 'ports', 'time'], rows);
}

/** The template's outputs: strings as they are, anything else as JSON. */
export function renderOutputsTable(outputs: Record<string, unknown>): string {
  return table(
    ['output', 'value'],
    Object.entries(outputs).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v) ?? '']),
  );
}

const VERB: Record<Mode, string> = { validate: 'validation', plan: 'plan', deploy: 'deploy', destroy: 'destroy' };

/** The whole summary as markdown. */
export function renderSummary(data: SummaryData): string {
  const secrets = data.secrets;
  const diagnostics = redactValue([...data.diagnostics], [...secrets]);
  const report = data.report ? redactValue(data.report, [...secrets]) : undefined;
  const errorCount = diagnostics.filter((d) => d.severity === 'error').length;
  const failed = Boolean(data.error) || errorCount > 0 || report?.result === 'failure';
  const out: string[] = [];

  out.push(`## ${failed ? '❌' : '✅'} hotdock ${VERB[data.mode]} of stack ${code(data.stackName)}`);
  const facts = [`template ${code(data.template)}`, `result <b>${failed ? 'failure' : 'success'}</b>`];
  // A plan changes nothing: say what a deploy would do instead.
  if (report) facts.push(`${data.mode === 'plan' ? 'would change' : 'changed'} <b>${report.changed ? 'yes' : 'no'}</b>`);
  facts.push(countDiagnostics(diagnostics));
  out.push(facts.join(' · '));

  const error = data.error ?? report?.error;
  if (error) out.push(`> [!CAUTION]\n> ${cell(error)}`);
  if (errorCount > 0) out.push(`Nothing was ${data.mode === 'destroy' ? 'removed' : 'deployed'}: the template has ${errorCount} error${errorCount === 1 ? '' : 's'}.`);

  if (diagnostics.length) out.push('### Diagnostics', renderDiagnosticsTable(diagnostics));

  if (report) {
    if (Object.keys(report.resources).length || report.plan.length) {
      out.push('### Resources', renderResourcesTable(report.resources, report.plan));
    }
    out.push('### Plan', '```text\n' + renderPlanText(report.plan) + '\n```');
    if (Object.keys(report.outputs).length) out.push('### Outputs', renderOutputsTable(report.outputs));
    if (report.warnings.length) out.push('### Warnings', report.warnings.map((w) => `- ${cell(w)}`).join('\n'));
    if (report.result === 'failure' && data.mode === 'deploy') {
      out.push(
        '### Rollback',
        report.rolledBack.length
          ? `Restored the containers that were running before: ${report.rolledBack.map((r) => code(r)).join(', ')}.`
          : 'No container needed restoring: nothing that was running before was removed.',
      );
    }
  }
  // Last line of defence: a secret that reached a message some other way.
  return redact(out.join('\n\n') + '\n', [...secrets]);
}

/** The summary of a run that stopped at its inputs: no template was read. */
export function renderInputFailure(message: string, secrets: readonly string[]): string {
  return redact(`## ❌ hotdock: the step's inputs are invalid\n\n> [!CAUTION]\n> ${cell(message)}\n\nNothing was read or deployed.\n`, [...secrets]);
}

/** Appends the rendered summary to the job summary file (no-op outside a runner). */
export async function writeSummary(markdown: string): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  await core.summary.addRaw(markdown).write();
}
