/** Small text helpers shared by the summary (markdown) and the CLI (plain text). */
import type { Diagnostic } from '../diagnostics.js';
import type { PlanLine, PlanOutputEntry } from '../deploy/types.js';
import { formatPlan } from '../deploy/plan-text.js';
import { escapeInline } from './escape.js';

/**
 * `file:line:column: error: message`, the form compilers use (and editors jump to). One line:
 * a message quoting template text with line breaks shows them escaped.
 */
export function formatDiagnostic(d: Diagnostic): string {
  return escapeInline(`${d.file}:${d.line}:${d.column}: ${d.severity}: ${d.message}`);
}

/**
 * The plan as text: the deploy stage's format (one aligned line per step, then the counts), so
 * the log, the summary and the CLI show the same lines. Golden tests pin that format. Names and
 * reasons come from the template: one step stays one line whatever they hold.
 */
export function renderPlanText(plan: readonly PlanOutputEntry[], graph?: readonly PlanLine[]): string {
  if (graph) {
    return formatPlan(
      graph.map((n) => ({
        ...n,
        resource: escapeInline(n.resource),
        endpoint: escapeInline(n.endpoint),
        reasons: n.reasons.map(escapeInline),
        ...(n.changes ? { changes: n.changes.map((c) => ({ field: escapeInline(c.field), ...(c.old !== undefined ? { old: escapeInline(c.old) } : {}), ...(c.new !== undefined ? { new: escapeInline(c.new) } : {}) })) } : {}),
      })),
    );
  }
  return formatPlan(
    plan.map((e) => ({
      ...e,
      resource: escapeInline(e.resource),
      endpoint: escapeInline(e.endpoint),
      reasons: e.reasons.map(escapeInline),
      dependsOn: [],
    })),
  );
}

/** `0.4 s`, `12 s`: precise where it matters, short where it does not. */
export function formatSeconds(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds)) return '';
  return seconds < 10 ? `${seconds.toFixed(1)} s` : `${Math.round(seconds)} s`;
}

/** `N error(s), M warning(s)` with proper plurals. */
export function countDiagnostics(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
}
