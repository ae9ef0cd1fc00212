/**
 * The job summary: what a reviewer reads in ten seconds. renderSummary is pure (data → markdown)
 * and unit-tested; writeSummary is the only part that talks to the runner. Every template-derived
 * string goes through escape.ts; hidden values through mask.ts; the whole stays under limit.ts's
 * SIZE_LIMIT (GitHub drops a larger summary entirely).
 */
import * as core from '@actions/core';
import { sortDiagnostics, type Diagnostic } from '../diagnostics.js';
import type { DeployReport, PlanOutputEntry, ResourceReport } from '../deploy/types.js';
import type { Mode } from '../settings.js';
import { codeBlock, inlineCode, tableCell } from './escape.js';
import { countDiagnostics, formatSeconds, renderPlanText } from './format.js';
import { byteSize, cellCost, cutMarkdown, keepTail, SIZE_LIMIT } from './limit.js';
import { redact, redactOutputs, redactValue } from './mask.js';

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
  /** Outputs that read a container's logs: the first to be shortened when the summary is too big. */
  logOutputs?: readonly string[];
}

/** One table cell (escape.ts tableCell): kept under this name for callers and tests. */
export const cell = tableCell;

/** A markdown table; every value is escaped here. */
export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.map(tableCell).join(' | ')} |`;
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

/** Pool placement: where each resource went and why (a move first, then the rule, then the figures). */
export function renderPlacementTable(placement: NonNullable<DeployReport['placement']>): string {
  return table(['resource', 'endpoint', 'why'], Object.entries(placement).map(([name, d]) => [
    name, d.endpoint, [d.moved && `moved from ${d.moved.from}: ${d.moved.why}`, d.reason, d.detail].filter(Boolean).join('; '),
  ]));
}

/** An output's value as shown: strings as they are, anything else as JSON. */
function shown(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value) ?? '';
}

/** The template's outputs: strings as they are, anything else as JSON. */
export function renderOutputsTable(outputs: Record<string, unknown>): string {
  return table(['output', 'value'], Object.entries(outputs).map(([k, v]) => [k, shown(v)]));
}

const VERB: Record<Mode, string> = { validate: 'validation', plan: 'plan', deploy: 'deploy', destroy: 'destroy' };

/** The summary's parts once secrets are masked; `outputs` are display texts, shortened to fit. */
interface Parts {
  data: SummaryData;
  diagnostics: Diagnostic[];
  report?: DeployReport;
  outputs: [string, string][];
}

function compose({ data, diagnostics, report, outputs }: Parts): string {
  const errorCount = diagnostics.filter((d) => d.severity === 'error').length;
  const failed = Boolean(data.error) || errorCount > 0 || report?.result === 'failure';
  const out: string[] = [];

  out.push(`## ${failed ? '❌' : '✅'} hotdock ${VERB[data.mode]} of stack ${inlineCode(data.stackName)}`);
  const facts = [`template ${inlineCode(data.template)}`, `result <b>${failed ? 'failure' : 'success'}</b>`];
  // A plan changes nothing: say what a deploy would do instead.
  if (report) facts.push(`${data.mode === 'plan' ? 'would change' : 'changed'} <b>${report.changed ? 'yes' : 'no'}</b>`);
  facts.push(countDiagnostics(diagnostics));
  out.push(facts.join(' · '));

  const error = data.error ?? report?.error;
  if (error) out.push(`> [!CAUTION]\n> ${tableCell(error)}`);
  if (errorCount > 0) out.push(`Nothing was ${data.mode === 'destroy' ? 'removed' : 'deployed'}: the template has ${errorCount} error${errorCount === 1 ? '' : 's'}.`);

  if (diagnostics.length) out.push('### Diagnostics', renderDiagnosticsTable(diagnostics));

  if (report) {
    if (Object.keys(report.resources).length || report.plan.length) {
      out.push('### Resources', renderResourcesTable(report.resources, report.plan));
    }
    if (report.placement && Object.keys(report.placement).length) out.push('### Placement', renderPlacementTable(report.placement));
    out.push('### Plan', codeBlock(renderPlanText(report.plan, report.planGraph)));
    if (outputs.length) out.push('### Outputs', table(['output', 'value'], outputs));
    if (report.warnings.length) out.push('### Warnings', report.warnings.map((w) => `- ${tableCell(w)}`).join('\n'));
    if (report.result === 'failure' && data.mode === 'deploy') {
      out.push(
        '### Rollback',
        report.rolledBack.length
          ? `Restored the containers that were running before: ${report.rolledBack.map((r) => inlineCode(r)).join(', ')}.`
          : 'No container needed restoring: nothing that was running before was removed.',
      );
    }
  }
  // Last line of defence: a secret that reached a message some other way.
  return redact(out.join('\n\n') + '\n', [...data.secrets]);
}

/**
 * The whole summary as markdown, at most `limit` bytes. Too big, output values give way first,
 * those read from container logs before the others, each keeping its tail behind a
 * `… N bytes truncated` line; if that is not enough, the summary is cut at the end with a note.
 */
export function renderSummary(data: SummaryData, limit: number = SIZE_LIMIT): string {
  const secrets = [...data.secrets];
  const report = data.report ? { ...redactValue(data.report, secrets), outputs: redactOutputs(data.report.outputs, secrets) } : undefined;
  // Secrets are masked before anything is cut: a cut through a secret would show the rest of it.
  const full = Object.entries(report?.outputs ?? {}).map(([k, v]) => [k, shown(v)] as const);
  // No single value can take more than the whole: cut those at once (the note counts from the full text).
  const outputs = full.map(([k, v]): [string, string] => [k, keepTail(v, limit, cellCost).text]);
  const parts: Parts = { data, diagnostics: redactValue([...data.diagnostics], secrets), report, outputs };
  let md = compose(parts);
  const logs = new Set(data.logOutputs ?? []);
  const order = outputs
    .map((o, i) => ({ i, log: logs.has(o[0]), size: o[1].length }))
    .sort((a, b) => Number(b.log) - Number(a.log) || b.size - a.size);
  for (const { i } of order) {
    const excess = byteSize(md) - limit;
    if (excess <= 0) break;
    const budget = Math.max(0, byteSize(tableCell(outputs[i][1])) - excess);
    outputs[i][1] = keepTail(full[i][1], budget, cellCost).text;
    md = compose(parts);
  }
  return cutMarkdown(md, limit);
}

/** The summary of a run that stopped at its inputs: no template was read. */
export function renderInputFailure(message: string, secrets: readonly string[]): string {
  return redact(`## ❌ hotdock: the step's inputs are invalid\n\n> [!CAUTION]\n> ${tableCell(message)}\n\nNothing was read or deployed.\n`, [...secrets]);
}

/** Appends the rendered summary to the job summary file (no-op outside a runner). */
export async function writeSummary(markdown: string): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  await core.summary.addRaw(markdown).write();
}
