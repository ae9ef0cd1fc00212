/** Small text helpers shared by the summary (markdown) and the CLI (plain text). */
import type { Diagnostic } from '../diagnostics.js';
import type { PlanAction, PlanOutputEntry } from '../deploy/types.js';

/** One mark per plan action, as diff tools show them. */
const ACTION_MARK: Record<PlanAction, string> = { create: '+', replace: '~', start: '>', unchanged: '=', remove: '-' };

/** The order actions are counted in. */
const ACTIONS: readonly PlanAction[] = ['create', 'replace', 'start', 'remove', 'unchanged'];

/** `file:line:column: error: message`, the form compilers use (and editors jump to). */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column}: ${d.severity}: ${d.message}`;
}

/** `~ replace web on local: env changed, image changed`. */
export function formatPlanEntry(e: PlanOutputEntry): string {
  const why = e.reasons.length ? `: ${e.reasons.join(', ')}` : '';
  return `${ACTION_MARK[e.action]} ${e.action} ${e.resource} on ${e.endpoint}${why}`;
}

/** `2 to create, 1 to replace, 3 unchanged` (zero counts left out; "no resources" when empty). */
export function planCounts(plan: readonly PlanOutputEntry[]): string {
  const parts: string[] = [];
  for (const action of ACTIONS) {
    const n = plan.filter((e) => e.action === action).length;
    if (n === 0) continue;
    parts.push(action === 'unchanged' ? `${n} unchanged` : `${n} to ${action}`);
  }
  return parts.length ? parts.join(', ') : 'no resources';
}

/** The plan as text: one line per step, then the counts. Golden tests read this. */
export function renderPlanText(plan: readonly PlanOutputEntry[]): string {
  return [...plan.map(formatPlanEntry), `Plan: ${planCounts(plan)}`].join('\n');
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
