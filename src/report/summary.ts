/**
 * The job summary: what a reviewer reads in ten seconds. The verdict first (counts, endpoints,
 * time), then what failed, a table per endpoint, the changes field by field, the plan, the
 * outputs and a footer (summary-parts.ts, plan-markdown.ts). renderSummary is pure (data →
 * markdown) and unit-tested; writeSummary is the only part that talks to the runner. Every
 * template-derived string goes through escape.ts; hidden values through mask.ts; the whole stays
 * under limit.ts's SIZE_LIMIT (GitHub drops a larger summary entirely): logs give way first.
 */
import * as core from '@actions/core';
import { sortDiagnostics, type Diagnostic } from '../diagnostics.js';
import type { DeployReport } from '../deploy/types.js';
import type { Mode } from '../settings.js';
import { tableCell } from './escape.js';
import { countDiagnostics } from './format.js';
import { byteSize, cellCost, cutMarkdown, keepTail, SIZE_LIMIT, utf8Cost } from './limit.js';
import { redact, redactOutputs, redactValue } from './mask.js';
import { failureReasonOf } from './outputs.js';
import { renderPlanMarkdown } from './plan-markdown.js';
import { endpointTables, failureSection, footer, table, verdictLine, type FooterData } from './summary-parts.js';

export { table } from './summary-parts.js';

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
  /** The failure-reason output, when it was decided outside the report. */
  failureReason?: DeployReport['failureReason'];
  /** Hidden parameter values and other secrets: never shown. */
  secrets: readonly string[];
  /** Outputs that read a container's logs: the first to be shortened when the summary is too big. */
  logOutputs?: readonly string[];
  /** The footer: plan hash, links to the run, the PR comment and the deployment. */
  footer?: FooterData;
}

/**
 * The summary's data for a run: what the settings name and what the pipeline found. The job
 * summary (main.ts) and the PR comment (github-run.ts) both start from it.
 */
export function summaryDataOf(
  settings: Pick<SummaryData, 'template' | 'mode' | 'stackName'>,
  result: { diagnostics: readonly Diagnostic[]; report?: DeployReport; error?: string; logOutputs?: readonly string[] },
  secrets: readonly string[],
): SummaryData {
  return {
    template: settings.template,
    mode: settings.mode,
    stackName: settings.stackName,
    diagnostics: result.diagnostics,
    report: result.report,
    error: result.error,
    secrets,
    logOutputs: result.logOutputs,
  };
}

/** One table cell (escape.ts tableCell): kept under this name for callers and tests. */
export const cell = tableCell;

/** Every diagnostic, in source order: severity, file:line:col, code, message. */
export function renderDiagnosticsTable(diagnostics: readonly Diagnostic[]): string {
  return table(
    ['severity', 'location', 'code', 'message'],
    sortDiagnostics(diagnostics).map((d) => [d.severity, `${d.file}:${d.line}:${d.column}`, d.code, d.message]),
  );
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

/** The summary's parts once secrets are masked; `outputs` and `tails` are display texts, shortened to fit. */
interface Parts {
  data: SummaryData;
  diagnostics: Diagnostic[];
  report?: DeployReport;
  outputs: [string, string][];
  /** The failures' log tails, in report.failures order. */
  tails: string[];
}

function compose({ data, diagnostics, report, outputs, tails }: Parts): string {
  const errorCount = diagnostics.filter((d) => d.severity === 'error').length;
  const failed = Boolean(data.error) || errorCount > 0 || report?.result === 'failure';
  const reason = failureReasonOf(report, failed, data.failureReason ?? (errorCount > 0 ? 'template-invalid' : undefined));
  const out: string[] = [];

  out.push(verdictLine({ mode: data.mode, stackName: data.stackName, failed, report, reason, errorCount, warningCount: diagnostics.length - errorCount }));
  const facts = [`${data.mode} of ${tableCell(data.template)}`, `result <b>${failed ? 'failure' : 'success'}</b>`];
  if (reason) facts.push(`reason <b>${reason}</b>`);
  // A plan changes nothing: say what a deploy would do instead.
  if (report) facts.push(`${data.mode === 'plan' ? 'would change' : 'changed'} <b>${report.changed ? 'yes' : 'no'}</b>`);
  facts.push(countDiagnostics(diagnostics));
  out.push(facts.join(' · '));

  const error = data.error ?? report?.error;
  // A failed container's log lines (wait.ts quotes them as `  | line`) show once, under What failed.
  const brief = report?.failures?.some((f) => f.logTail) ? error?.replace(/; last log lines:\n( {2}\| .*(\n|$))+/g, '\n').trim() : error;
  if (brief) out.push(`> [!CAUTION]\n> ${tableCell(brief)}`);
  if (errorCount > 0) out.push(`Nothing was ${data.mode === 'destroy' ? 'removed' : 'deployed'}: the template has ${errorCount} error${errorCount === 1 ? '' : 's'}.`);
  if (report && failed) {
    const section = failureSection(report, data.mode, tails);
    if (section) out.push(section);
  }

  if (diagnostics.length) out.push('### Diagnostics', renderDiagnosticsTable(diagnostics));

  if (report) {
    if (Object.keys(report.resources).length || report.plan.length) out.push(endpointTables(report));
    if (report.placement && Object.keys(report.placement).length) out.push('### Placement', renderPlacementTable(report.placement));
    // Secrets were masked before (Parts): the plan part masks again only what it is given.
    out.push(renderPlanMarkdown(report, { open: failed }));
    if (outputs.length) out.push('### Outputs', table(['output', 'value'], outputs));
    if (report.warnings.length) out.push('### Warnings', report.warnings.map((w) => `- ${tableCell(w)}`).join('\n'));
  }
  const foot = footer({ ...data.footer, lockHolder: data.footer?.lockHolder ?? report?.lockHolder });
  if (foot) out.push(foot);
  // Last line of defence: a secret that reached a message some other way.
  return redact(out.join('\n\n') + '\n', [...data.secrets]);
}

/** A text to shorten when the summary is too big, from its full form. */
interface Shrinkable {
  full: string;
  set(text: string): void;
  current(): string;
  cost: typeof utf8Cost;
  /** Logs go first. */
  log: boolean;
}

/**
 * The whole summary as markdown, at most `limit` bytes. Too big, logs give way first (the
 * failures' log tails, then outputs read from container logs), then the other outputs, largest
 * first, each keeping its tail behind a `… N bytes truncated` line; if that is not enough, the
 * summary is cut at the end with a note.
 */
export function renderSummary(data: SummaryData, limit: number = SIZE_LIMIT): string {
  const secrets = [...data.secrets];
  const report = data.report ? { ...redactValue(data.report, secrets), outputs: redactOutputs(data.report.outputs, secrets) } : undefined;
  // Secrets are masked before anything is cut: a cut through a secret would show the rest of it.
  const full = Object.entries(report?.outputs ?? {}).map(([k, v]) => [k, shown(v)] as const);
  // No single value can take more than the whole: cut those at once (the note counts from the full text).
  const outputs = full.map(([k, v]): [string, string] => [k, keepTail(v, limit, cellCost).text]);
  const fullTails = (report?.failures ?? []).map((f) => f.logTail ?? '');
  const tails = fullTails.map((t) => keepTail(t, limit).text);
  const parts: Parts = { data, diagnostics: redactValue([...data.diagnostics], secrets), report, outputs, tails };
  const logs = new Set(data.logOutputs ?? []);
  const items: Shrinkable[] = [
    ...fullTails.map((t, i): Shrinkable => ({ full: t, set: (x) => (tails[i] = x), current: () => tails[i], cost: utf8Cost, log: true })),
    ...outputs.map((o, i): Shrinkable => ({ full: full[i][1], set: (x) => (o[1] = x), current: () => o[1], cost: cellCost, log: logs.has(o[0]) })),
  ].sort((a, b) => Number(b.log) - Number(a.log) || b.current().length - a.current().length);
  let md = compose(parts);
  for (const item of items) {
    const excess = byteSize(md) - limit;
    if (excess <= 0) break;
    const size = item.cost === cellCost ? byteSize(tableCell(item.current())) : byteSize(item.current());
    item.set(keepTail(item.full, Math.max(0, size - excess), item.cost).text);
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
