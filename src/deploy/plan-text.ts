/**
 * The plan as text for logs, the job summary and PR comments: one aligned line per step, then a
 * count line. A reviewer reads it in seconds; golden tests pin it (testdata/plans/).
 */
import type { PlanAction, PlanStep } from './types.js';

const SYMBOLS: Record<PlanAction, string> = { create: '+', replace: '~', start: '>', unchanged: '=', remove: '-' };

/**
 * `+ create     web  on local  (new)`, `~ replace    api  on local  (env changed, image changed)`,
 * `= unchanged  db   on local`, `- remove     old  on local  (left the template)`, then
 * `Plan: 1 to create, 1 to replace, 0 to start, 1 to remove, 1 unchanged.`
 */
export function formatPlan(steps: PlanStep[]): string {
  const resourceWidth = Math.max(0, ...steps.map((s) => s.resource.length));
  const endpointWidth = Math.max(0, ...steps.map((s) => s.endpoint.length));
  const lines = steps.map((s) => {
    const head = `${SYMBOLS[s.action]} ${s.action.padEnd(9)}  ${s.resource.padEnd(resourceWidth)}  on ${s.endpoint.padEnd(endpointWidth)}`;
    return (s.reasons.length > 0 ? `${head}  (${s.reasons.join(', ')})` : head).trimEnd();
  });
  const count = (a: PlanAction): number => steps.filter((s) => s.action === a).length;
  lines.push(
    `Plan: ${count('create')} to create, ${count('replace')} to replace, ${count('start')} to start, ` +
      `${count('remove')} to remove, ${count('unchanged')} unchanged.`,
  );
  return lines.join('\n');
}
