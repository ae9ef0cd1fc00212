/**
 * The plan as text for logs, the job summary and PR comments: one node a line with the nodes it
 * waits for, compose-style, then a count line. Golden tests pin it (testdata/plans/):
 *
 *     [] -> #1 create db @local: new
 *     [1] -> #2 replace api @local: env changed
 *         env: MODE=dev → MODE=prod
 *     [1,2] -> #3 start web @local: container exited
 *     Plan: 1 to create, 1 to replace, 1 to start, 0 to remove, 0 unchanged.
 *
 * Under a create or a replace, one indented line per changed field (field-diff.ts).
 */
import { formatFieldChange } from './field-diff.js';
import { actionOf } from './plan.js';
import type { PlanAction, PlanLine, PlanNodeType, PlanOutputEntry } from './types.js';

/** An entry of the `plan` output, as the report stage holds it (no ids, no edges). */
type EntryLike = PlanOutputEntry & { dependsOn?: unknown[] };

function isNode(x: PlanLine | EntryLike): x is PlanLine {
  return typeof (x as PlanLine).type === 'string' && typeof (x as PlanLine).id === 'number';
}

/** One line: `[deps] -> #id type resource @endpoint: reasons`. */
function line(id: number, deps: readonly number[], type: PlanNodeType | PlanAction, resource: string, endpoint: string, reasons: readonly string[]): string {
  const head = `[${deps.join(',')}] -> #${id} ${type} ${resource} @${endpoint}`;
  return reasons.length > 0 ? `${head}: ${reasons.join(', ')}` : head;
}

/**
 * The plan's text. Takes the planner's nodes, or the `plan` output's entries (numbered in order,
 * without edges) as the report stage keeps them.
 */
export function formatPlan(plan: readonly PlanLine[] | readonly EntryLike[]): string {
  const lines: string[] = [];
  const actions: PlanAction[] = [];
  let repairs = 0;
  plan.forEach((n: PlanLine | EntryLike, i: number) => {
    if (isNode(n)) {
      lines.push(line(n.id, n.dependsOn, n.type, n.resource, n.endpoint, n.reasons));
      for (const c of n.changes ?? []) lines.push(`    ${formatFieldChange(c)}`);
      const action = actionOf(n.type);
      if (n.reasons.some((r) => r.startsWith('repair: '))) repairs++;
      else if (action) actions.push(action);
    } else {
      lines.push(line(i + 1, [], n.action, n.resource, n.endpoint, n.reasons));
      if (n.reasons.some((r) => r.startsWith('repair: '))) repairs++;
      else actions.push(n.action);
    }
  });
  const count = (a: PlanAction): number => actions.filter((x) => x === a).length;
  lines.push(
    `Plan: ${count('create')} to create, ${count('replace')} to replace, ${count('start')} to start, ` +
      `${count('remove')} to remove, ${count('unchanged')} unchanged${repairs > 0 ? `, ${repairs} to repair` : ''}.`,
  );
  return lines.join('\n');
}
