/**
 * The parts of the job summary, each pure and escaped: the verdict line a reviewer reads first,
 * a table per endpoint, what failed and what was rolled back, and the footer with the plan hash,
 * the lock holder and the links. summary.ts puts them together and keeps the whole under 1 MiB.
 */
import { imageWithDigest } from '../deploy/field-diff.js';
import type { DeployReport, PlanAction, PlanOutputEntry, ResourceReport, RunFailure } from '../deploy/types.js';
import type { Mode } from '../settings.js';
import { codeBlock, inlineCode, tableCell } from './escape.js';
import { formatSeconds } from './format.js';

/** A markdown table; every value is escaped here. */
export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.map(tableCell).join(' | ')} |`;
  return [line(headers), `|${headers.map(() => '---').join('|')}|`, ...rows.map(line)].join('\n');
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Past tense for a run, future for a plan, in the order a reader scans. */
const ORDER: readonly PlanAction[] = ['create', 'replace', 'start', 'remove', 'unchanged'];
const DONE: Record<PlanAction, string> = { create: 'created', replace: 'replaced', start: 'started', remove: 'removed', unchanged: 'unchanged' };
const TO_DO: Record<PlanAction, string> = { create: 'to create', replace: 'to replace', start: 'to start', remove: 'to remove', unchanged: 'unchanged' };

/** `2 replaced, 5 unchanged` (or `2 to replace, …` for a plan); repairs are counted apart. */
export function actionCounts(plan: readonly PlanOutputEntry[], future: boolean): string {
  const repair = (e: PlanOutputEntry) => e.reasons.some((r) => r.startsWith('repair: '));
  const words = future ? TO_DO : DONE;
  const parts = ORDER.flatMap((a) => {
    const n = plan.filter((e) => e.action === a && !repair(e)).length;
    return n > 0 ? [`${n} ${words[a]}`] : [];
  });
  const repairs = plan.filter(repair).length;
  if (repairs > 0) parts.push(`${repairs} ${future ? 'to repair' : 'repaired'}`);
  return parts.length ? parts.join(', ') : 'nothing';
}

/** The endpoints a report touches, sorted. */
export function endpointsOf(report: DeployReport): string[] {
  return [...new Set([...report.plan.map((e) => e.endpoint), ...Object.values(report.resources).map((r) => r.endpoint)])].filter(Boolean).sort();
}

/** Everything the verdict line looks at. */
export interface VerdictFacts {
  mode: Mode;
  stackName: string;
  failed: boolean;
  report?: DeployReport;
  /** The failure-reason output ('' on success). */
  reason: string;
  errorCount: number;
  warningCount: number;
}

/**
 * The first line: `✅ shop-web: 2 replaced, 5 unchanged on 2 endpoints in 14 s`, `✅ shop-web plan:
 * 1 to create, …`, `❌ shop-web: deploy failed (health-failed) in 40 s, rolled back web`.
 */
export function verdictLine(f: VerdictFacts): string {
  const stack = inlineCode(f.stackName);
  const r = f.report;
  const where = r ? ` on ${plural(endpointsOf(r).length, 'endpoint')}` : '';
  const time = r?.seconds !== undefined ? ` in ${formatSeconds(r.seconds)}` : '';
  if (f.failed) {
    const why = f.reason ? ` (${f.reason})` : '';
    const found = f.errorCount > 0 ? `: ${plural(f.errorCount, 'template error')}` : '';
    const back = r?.rolledBack.length ? `, rolled back ${r.rolledBack.map((x) => inlineCode(x)).join(', ')}` : '';
    const verb = f.mode === 'validate' ? 'validation' : f.mode;
    return `## ❌ ${stack}: ${verb} failed${why}${found}${where}${time}${back}`;
  }
  if (f.mode === 'validate' || !r) return `## ✅ ${stack}: template valid, ${plural(f.errorCount, 'error')}, ${plural(f.warningCount, 'warning')}`;
  const what = f.mode === 'plan' ? ' plan' : f.mode === 'destroy' ? ' destroyed' : '';
  return `## ✅ ${stack}${what}: ${actionCounts(r.plan, f.mode === 'plan')}${where}${time}`;
}

/** `replace: env changed, image changed`. */
function actionWhy(action: string, step?: PlanOutputEntry): string {
  return step && step.reasons.length ? `${action}: ${step.reasons.join(', ')}` : action;
}

/** `running`, or the health check's status when the container has one. */
function health(r: ResourceReport): string {
  return r.health ? `${r.state}, ${r.health}` : r.state;
}

/**
 * One table per endpoint: resource, image with short digest, action and reasons, container,
 * ports, health, time. Planned steps without a container (plan mode, removals) get a row too.
 */
export function endpointTables(report: DeployReport, level = 3): string {
  const h = '#'.repeat(level);
  const out: string[] = [];
  for (const endpoint of endpointsOf(report)) {
    const rows: string[][] = [];
    const steps = report.plan.filter((e) => e.endpoint === endpoint);
    const shown = new Set<string>();
    for (const [name, r] of Object.entries(report.resources)) {
      if (r.endpoint !== endpoint) continue;
      shown.add(name);
      rows.push([
        name,
        r.image ? imageWithDigest(r.image, r.image_id) : '',
        (report.rolledBack.includes(name) ? 'rolled back, was ' : '') + actionWhy(r.action, steps.find((e) => e.resource === name)),
        r.container_name ? `${r.container_name}${r.container_id ? ` (${r.container_id.slice(0, 12)})` : ''}` : '',
        r.ports.join('\n'),
        r.container_id ? health(r) : r.state,
        formatSeconds(r.seconds),
      ]);
    }
    for (const step of steps) if (!shown.has(step.resource)) rows.push([step.resource, '', actionWhy(step.action, step), '', '', '', '']);
    out.push(`${h} Endpoint ${inlineCode(endpoint)}`, table(['resource', 'image', 'action', 'container', 'ports', 'health', 'time'], rows));
  }
  return out.join('\n\n');
}

/**
 * What failed: each failed operation with its cause and its container's last log lines, and what
 * the rollback brought back. '' when the report names no failed operation and nothing was rolled back.
 */
export function failureSection(report: DeployReport, mode: Mode, tails: readonly string[], level = 3): string {
  const h = '#'.repeat(level);
  const failures: readonly RunFailure[] = report.failures ?? [];
  if (failures.length === 0 && report.rolledBack.length === 0 && mode !== 'deploy') return '';
  const out: string[] = [`${h} What failed`];
  failures.forEach((f, i) => {
    out.push(`- ${inlineCode(f.resource)} on ${inlineCode(f.endpoint)}: ${tableCell(f.message)}`);
    const tail = tails[i] ?? '';
    if (tail) out.push(`Last log lines of ${inlineCode(f.resource)}:\n\n${codeBlock(tail)}`);
  });
  if (mode === 'deploy') {
    out.push(
      report.rolledBack.length
        ? `**Rolled back:** ${report.rolledBack.map((r) => inlineCode(r)).join(', ')}: the containers that were running before run again.`
        : '**Rolled back:** nothing needed it: no container that was running before was removed.',
    );
  }
  return out.join('\n\n');
}

/** Links and identities for the footer; each is optional. */
export interface FooterData {
  planHash?: string;
  lockHolder?: string;
  runUrl?: string;
  commentUrl?: string;
  deploymentUrl?: string;
}

/** Only web links go in a footer: anything else would be a markdown (or script) injection. */
function link(text: string, url: string | undefined): string[] {
  return url && /^https?:\/\/[^\s()<>[\]"'`]+$/.test(url) ? [`[${text}](${url})`] : [];
}

/** `plan hash … · lock held by run 42 · workflow run · PR comment · deployment`; '' when nothing to say. */
export function footer(f: FooterData): string {
  const parts = [
    ...(f.planHash ? [`plan hash ${inlineCode(f.planHash)}`] : []),
    ...(f.lockHolder ? [`lock held by ${tableCell(f.lockHolder)}`] : []),
    ...link('workflow run', f.runUrl),
    ...link('PR comment', f.commentUrl),
    ...link('deployment', f.deploymentUrl),
  ];
  return parts.length ? `---\n<sub>${parts.join(' · ')}</sub>` : '';
}

/** The workflow run's page, from the runner's environment; undefined outside a runner. */
export function runUrlOf(env: NodeJS.ProcessEnv): string | undefined {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: id } = env;
  return server && repo && id ? `${server}/${repo}/actions/runs/${id}` : undefined;
}
