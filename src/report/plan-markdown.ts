/**
 * The plan as markdown, the part of the job summary a PR comment shows too: the changes of each
 * create and replace, field by field, in a `<details>` block per resource (open when the whole is
 * short, or on a failure), then the plan's text as the log and the CLI print it. Pure; every value
 * is escaped here and hidden values are masked before anything is shown.
 */
import { formatFieldChange } from '../deploy/field-diff.js';
import type { DeployReport, FieldChange, PlanLine } from '../deploy/types.js';
import { codeBlock, escapeInline, inlineCode, tableCell } from './escape.js';
import { renderPlanText } from './format.js';
import { redact, redactValue } from './mask.js';

/** At most this many change lines in all, and the `<details>` blocks start open. */
export const OPEN_CHANGES = 20;
/** At most this many plan lines (and no Changes section), and the plan's text block starts open. */
export const OPEN_PLAN = 30;

/** How renderPlanMarkdown shows a plan. */
export interface PlanMarkdownOptions {
  /** Hidden values and other secrets: masked wherever they occur. */
  secrets?: readonly string[];
  /** Open every block (a failed run: the reader needs everything at once). */
  open?: boolean;
  /** Heading level of the two sections (3: `###`). */
  level?: number;
}

/** The nodes that change something field by field: creates and replaces with their changes. */
function changing(graph: readonly PlanLine[]): (PlanLine & { changes: FieldChange[] })[] {
  return graph.filter((n): n is PlanLine & { changes: FieldChange[] } => (n.type === 'create' || n.type === 'replace') && (n.changes?.length ?? 0) > 0);
}

/** `<details>` with a summary line; its body stays markdown (the blank lines are required). */
export function details(summary: string, body: string, open: boolean): string {
  return `<details${open ? ' open' : ''}><summary>${summary}</summary>\n\n${body}\n\n</details>`;
}

/** The changes of each create and replace, one `<details>` block per resource. '' when there are none. */
export function renderChanges(graph: readonly PlanLine[], open = false): string {
  const nodes = changing(graph);
  if (nodes.length === 0) return '';
  const lines = nodes.reduce((n, x) => n + x.changes.length, 0);
  const isOpen = open || lines <= OPEN_CHANGES;
  return nodes
    .map((n) => {
      const why = n.reasons.length ? ` — ${tableCell(n.reasons.join(', '))}` : '';
      const head = `${n.type} ${inlineCode(n.resource)} @ ${inlineCode(n.endpoint)}${why}`;
      const text = n.changes.map((c) => escapeInline(formatFieldChange(c))).join('\n');
      return details(head, codeBlock(text), isOpen);
    })
    .join('\n\n');
}

/**
 * The plan part of a summary or a PR comment: `### Changes` (field by field, per resource) and
 * `### Plan` (the plan's text, the same lines as the log and the CLI). The same call renders both,
 * so the summary and the comment never disagree.
 */
export function renderPlanMarkdown(report: DeployReport, options: PlanMarkdownOptions = {}): string {
  const secrets = [...(options.secrets ?? [])];
  const safe = redactValue(report, secrets);
  const h = '#'.repeat(options.level ?? 3);
  const out: string[] = [];
  const changes = renderChanges(safe.planGraph ?? [], options.open);
  if (changes) out.push(`${h} Changes`, changes);
  const text = renderPlanText(safe.plan, safe.planGraph);
  const lines = text.split('\n');
  const counts = lines[lines.length - 1];
  // With the changes shown above, the plan's text (the same lines, in order) starts closed unless asked.
  const open = Boolean(options.open) || (!changes && lines.length <= OPEN_PLAN);
  out.push(`${h} Plan`, details(escapeInline(counts), codeBlock(text), open));
  return redact(out.join('\n\n'), secrets);
}
