import { fileURLToPath as __hotdockFileURLToPath } from 'node:url';
import { dirname as __hotdockDirname } from 'node:path';
const __filename = __hotdockFileURLToPath(import.meta.url);
const __dirname = __hotdockDirname(__filename);
export const id = 663;
export const ids = [663,422];
export const modules = {

/***/ 3663:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runMainStep: () => (/* binding */ runMainStep)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 14 modules
var core = __webpack_require__(6421);
// EXTERNAL MODULE: ./src/cancel.ts
var src_cancel = __webpack_require__(833);
// EXTERNAL MODULE: ./src/inputs.ts
var inputs = __webpack_require__(8422);
// EXTERNAL MODULE: ./src/pipeline.ts + 19 modules
var pipeline = __webpack_require__(238);
// EXTERNAL MODULE: ./src/diagnostics.ts
var src_diagnostics = __webpack_require__(4851);
// EXTERNAL MODULE: ./src/report/format.ts
var format = __webpack_require__(2011);
// EXTERNAL MODULE: ./src/report/escape.ts
var report_escape = __webpack_require__(4031);
;// CONCATENATED MODULE: ./src/report/annotations.ts
/**
 * Diagnostics as workflow annotations. GitHub shows at most 10 errors and 10 warnings per step,
 * so we pick the first ten of each (in source order) and point at the job summary for the rest.
 */




/** GitHub's per-step display limit for each annotation kind. */
const ANNOTATION_LIMIT = 10;
/** Pure: the annotations to emit, how many of each kind did not fit, and those diagnostics. */
function annotationsFor(diagnostics) {
    const sorted = (0,src_diagnostics/* sortDiagnostics */.D)(diagnostics);
    const annotations = [];
    const omitted = { error: 0, warning: 0 };
    const shown = { error: 0, warning: 0 };
    const rest = [];
    for (const d of sorted) {
        if (shown[d.severity] >= ANNOTATION_LIMIT) {
            omitted[d.severity]++;
            rest.push(d);
            continue;
        }
        shown[d.severity]++;
        annotations.push({
            kind: d.severity,
            // @actions/core escapes line breaks in data and properties; controls are ours to escape.
            message: (0,report_escape/* annotationText */.xr)(d.message),
            properties: { title: d.code, file: d.file, startLine: d.line, startColumn: d.column },
        });
    }
    return { annotations, omitted, rest };
}
/**
 * Emits the annotations through @actions/core; the rest go to the log as plain lines, made inert
 * (core.info writes text as is, and a line that starts with `::` would be a command).
 */
function emitAnnotations(diagnostics) {
    const { annotations, omitted, rest } = annotationsFor(diagnostics);
    for (const a of annotations) {
        if (a.kind === 'error')
            core/* error */.z3(a.message, a.properties);
        else
            core/* warning */.$e(a.message, a.properties);
    }
    if (rest.length) {
        core/* info */.pq(`${omitted.error} more error(s) and ${omitted.warning} more warning(s), also in the job summary:`);
        for (const d of rest)
            core/* info */.pq((0,report_escape/* safeLogLine */.AL)((0,format/* formatDiagnostic */.xy)(d)));
    }
}

// EXTERNAL MODULE: ./src/report/limit.ts
var report_limit = __webpack_require__(5333);
// EXTERNAL MODULE: ./src/report/mask.ts
var report_mask = __webpack_require__(9488);
// EXTERNAL MODULE: ./src/report/outputs.ts
var report_outputs = __webpack_require__(5468);
// EXTERNAL MODULE: ./src/deploy/field-diff.ts
var field_diff = __webpack_require__(8079);
;// CONCATENATED MODULE: ./src/report/plan-markdown.ts
/**
 * The plan as markdown, the part of the job summary a PR comment shows too: the changes of each
 * create and replace, field by field, in a `<details>` block per resource (open when the whole is
 * short, or on a failure), then the plan's text as the log and the CLI print it. Pure; every value
 * is escaped here and hidden values are masked before anything is shown.
 */




/** At most this many change lines in all, and the `<details>` blocks start open. */
const OPEN_CHANGES = 20;
/** At most this many plan lines (and no Changes section), and the plan's text block starts open. */
const OPEN_PLAN = 30;
/** The nodes that change something field by field: creates and replaces with their changes. */
function changing(graph) {
    return graph.filter((n) => (n.type === 'create' || n.type === 'replace') && (n.changes?.length ?? 0) > 0);
}
/** `<details>` with a summary line; its body stays markdown (the blank lines are required). */
function details(summary, body, open) {
    return `<details${open ? ' open' : ''}><summary>${summary}</summary>\n\n${body}\n\n</details>`;
}
/** The changes of each create and replace, one `<details>` block per resource. '' when there are none. */
function renderChanges(graph, open = false) {
    const nodes = changing(graph);
    if (nodes.length === 0)
        return '';
    const lines = nodes.reduce((n, x) => n + x.changes.length, 0);
    const isOpen = open || lines <= OPEN_CHANGES;
    return nodes
        .map((n) => {
        const why = n.reasons.length ? ` — ${(0,report_escape/* tableCell */.xR)(n.reasons.join(', '))}` : '';
        const head = `${n.type} ${(0,report_escape/* inlineCode */.ti)(n.resource)} @ ${(0,report_escape/* inlineCode */.ti)(n.endpoint)}${why}`;
        const text = n.changes.map((c) => (0,report_escape/* escapeInline */.VV)((0,field_diff/* formatFieldChange */.Y2)(c))).join('\n');
        return details(head, (0,report_escape/* codeBlock */.DV)(text), isOpen);
    })
        .join('\n\n');
}
/**
 * The plan part of a summary or a PR comment: `### Changes` (field by field, per resource) and
 * `### Plan` (the plan's text, the same lines as the log and the CLI). The same call renders both,
 * so the summary and the comment never disagree.
 */
function renderPlanMarkdown(report, options = {}) {
    const secrets = [...(options.secrets ?? [])];
    const safe = (0,report_mask/* redactValue */.FI)(report, secrets);
    const h = '#'.repeat(options.level ?? 3);
    const out = [];
    const changes = renderChanges(safe.planGraph ?? [], options.open);
    if (changes)
        out.push(`${h} Changes`, changes);
    const text = (0,format/* renderPlanText */.$D)(safe.plan, safe.planGraph);
    const lines = text.split('\n');
    const counts = lines[lines.length - 1];
    // With the changes shown above, the plan's text (the same lines, in order) starts closed unless asked.
    const open = Boolean(options.open) || (!changes && lines.length <= OPEN_PLAN);
    out.push(`${h} Plan`, details((0,report_escape/* escapeInline */.VV)(counts), (0,report_escape/* codeBlock */.DV)(text), open));
    return (0,report_mask/* redact */.E$)(out.join('\n\n'), secrets);
}

;// CONCATENATED MODULE: ./src/report/summary-parts.ts
/**
 * The parts of the job summary, each pure and escaped: the verdict line a reviewer reads first,
 * a table per endpoint, what failed and what was rolled back, and the footer with the plan hash,
 * the lock holder and the links. summary.ts puts them together and keeps the whole under 1 MiB.
 */



/** A markdown table; every value is escaped here. */
function summary_parts_table(headers, rows) {
    const line = (cells) => `| ${cells.map(report_escape/* tableCell */.xR).join(' | ')} |`;
    return [line(headers), `|${headers.map(() => '---').join('|')}|`, ...rows.map(line)].join('\n');
}
const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;
/** Past tense for a run, future for a plan, in the order a reader scans. */
const ORDER = ['create', 'replace', 'start', 'remove', 'unchanged'];
const DONE = { create: 'created', replace: 'replaced', start: 'started', remove: 'removed', unchanged: 'unchanged' };
const TO_DO = { create: 'to create', replace: 'to replace', start: 'to start', remove: 'to remove', unchanged: 'unchanged' };
/** `2 replaced, 5 unchanged` (or `2 to replace, …` for a plan); repairs are counted apart. */
function actionCounts(plan, future) {
    const repair = (e) => e.reasons.some((r) => r.startsWith('repair: '));
    const words = future ? TO_DO : DONE;
    const parts = ORDER.flatMap((a) => {
        const n = plan.filter((e) => e.action === a && !repair(e)).length;
        return n > 0 ? [`${n} ${words[a]}`] : [];
    });
    const repairs = plan.filter(repair).length;
    if (repairs > 0)
        parts.push(`${repairs} ${future ? 'to repair' : 'repaired'}`);
    return parts.length ? parts.join(', ') : 'nothing';
}
/** The endpoints a report touches, sorted. */
function endpointsOf(report) {
    return [...new Set([...report.plan.map((e) => e.endpoint), ...Object.values(report.resources).map((r) => r.endpoint)])].filter(Boolean).sort();
}
/**
 * The first line: `✅ shop-web: 2 replaced, 5 unchanged on 2 endpoints in 14 s`, `✅ shop-web plan:
 * 1 to create, …`, `❌ shop-web: deploy failed (health-failed) in 40 s, rolled back web`.
 */
function verdictLine(f) {
    const stack = (0,report_escape/* inlineCode */.ti)(f.stackName);
    const r = f.report;
    const where = r ? ` on ${plural(endpointsOf(r).length, 'endpoint')}` : '';
    const time = r?.seconds !== undefined ? ` in ${(0,format/* formatSeconds */.Xo)(r.seconds)}` : '';
    if (f.failed) {
        const why = f.reason ? ` (${f.reason})` : '';
        const found = f.errorCount > 0 ? `: ${plural(f.errorCount, 'template error')}` : '';
        const back = r?.rolledBack.length ? `, rolled back ${r.rolledBack.map((x) => (0,report_escape/* inlineCode */.ti)(x)).join(', ')}` : '';
        const verb = f.mode === 'validate' ? 'validation' : f.mode;
        return `## ❌ ${stack}: ${verb} failed${why}${found}${where}${time}${back}`;
    }
    if (f.mode === 'validate' || !r)
        return `## ✅ ${stack}: template valid, ${plural(f.errorCount, 'error')}, ${plural(f.warningCount, 'warning')}`;
    const what = f.mode === 'plan' ? ' plan' : f.mode === 'destroy' ? ' destroyed' : '';
    return `## ✅ ${stack}${what}: ${actionCounts(r.plan, f.mode === 'plan')}${where}${time}`;
}
/** `replace: env changed, image changed`. */
function actionWhy(action, step) {
    return step && step.reasons.length ? `${action}: ${step.reasons.join(', ')}` : action;
}
/** `running`, or the health check's status when the container has one. */
function health(r) {
    return r.health ? `${r.state}, ${r.health}` : r.state;
}
/**
 * One table per endpoint: resource, image with short digest, action and reasons, container,
 * ports, health, time. Planned steps without a container (plan mode, removals) get a row too.
 */
function endpointTables(report, level = 3) {
    const h = '#'.repeat(level);
    const out = [];
    for (const endpoint of endpointsOf(report)) {
        const rows = [];
        const steps = report.plan.filter((e) => e.endpoint === endpoint);
        const shown = new Set();
        for (const [name, r] of Object.entries(report.resources)) {
            if (r.endpoint !== endpoint)
                continue;
            shown.add(name);
            rows.push([
                name,
                r.image ? (0,field_diff/* imageWithDigest */.WZ)(r.image, r.image_id) : '',
                (report.rolledBack.includes(name) ? 'rolled back, was ' : '') + actionWhy(r.action, steps.find((e) => e.resource === name)),
                r.container_name ? `${r.container_name}${r.container_id ? ` (${r.container_id.slice(0, 12)})` : ''}` : '',
                r.ports.join('\n'),
                r.container_id ? health(r) : r.state,
                (0,format/* formatSeconds */.Xo)(r.seconds),
            ]);
        }
        for (const step of steps)
            if (!shown.has(step.resource))
                rows.push([step.resource, '', actionWhy(step.action, step), '', '', '', '']);
        out.push(`${h} Endpoint ${(0,report_escape/* inlineCode */.ti)(endpoint)}`, summary_parts_table(['resource', 'image', 'action', 'container', 'ports', 'health', 'time'], rows));
    }
    return out.join('\n\n');
}
/**
 * What failed: each failed operation with its cause and its container's last log lines, and what
 * the rollback brought back. '' when the report names no failed operation and nothing was rolled back.
 */
function failureSection(report, mode, tails, level = 3) {
    const h = '#'.repeat(level);
    const failures = report.failures ?? [];
    if (failures.length === 0 && report.rolledBack.length === 0 && mode !== 'deploy')
        return '';
    const out = [`${h} What failed`];
    failures.forEach((f, i) => {
        out.push(`- ${(0,report_escape/* inlineCode */.ti)(f.resource)} on ${(0,report_escape/* inlineCode */.ti)(f.endpoint)}: ${(0,report_escape/* tableCell */.xR)(f.message)}`);
        const tail = tails[i] ?? '';
        if (tail)
            out.push(`Last log lines of ${(0,report_escape/* inlineCode */.ti)(f.resource)}:\n\n${(0,report_escape/* codeBlock */.DV)(tail)}`);
    });
    if (mode === 'deploy') {
        out.push(report.rolledBack.length
            ? `**Rolled back:** ${report.rolledBack.map((r) => (0,report_escape/* inlineCode */.ti)(r)).join(', ')}: the containers that were running before run again.`
            : '**Rolled back:** nothing needed it: no container that was running before was removed.');
    }
    return out.join('\n\n');
}
/** Only web links go in a footer: anything else would be a markdown (or script) injection. */
function summary_parts_link(text, url) {
    return url && /^https?:\/\/[^\s()<>[\]"'`]+$/.test(url) ? [`[${text}](${url})`] : [];
}
/** `plan hash … · lock held by run 42 · workflow run · PR comment · deployment`; '' when nothing to say. */
function footer(f) {
    const parts = [
        ...(f.planHash ? [`plan hash ${(0,report_escape/* inlineCode */.ti)(f.planHash)}`] : []),
        ...(f.lockHolder ? [`lock held by ${(0,report_escape/* tableCell */.xR)(f.lockHolder)}`] : []),
        ...summary_parts_link('workflow run', f.runUrl),
        ...summary_parts_link('PR comment', f.commentUrl),
        ...summary_parts_link('deployment', f.deploymentUrl),
    ];
    return parts.length ? `---\n<sub>${parts.join(' · ')}</sub>` : '';
}
/** The workflow run's page, from the runner's environment; undefined outside a runner. */
function runUrlOf(env) {
    const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: id } = env;
    return server && repo && id ? `${server}/${repo}/actions/runs/${id}` : undefined;
}

;// CONCATENATED MODULE: ./src/report/summary.ts
/**
 * The job summary: what a reviewer reads in ten seconds. The verdict first (counts, endpoints,
 * time), then what failed, a table per endpoint, the changes field by field, the plan, the
 * outputs and a footer (summary-parts.ts, plan-markdown.ts). renderSummary is pure (data →
 * markdown) and unit-tested; writeSummary is the only part that talks to the runner. Every
 * template-derived string goes through escape.ts; hidden values through mask.ts; the whole stays
 * under limit.ts's SIZE_LIMIT (GitHub drops a larger summary entirely): logs give way first.
 */










/**
 * The summary's data for a run: what the settings name and what the pipeline found. The job
 * summary (main.ts) and the PR comment (github-run.ts) both start from it.
 */
function summaryDataOf(settings, result, secrets) {
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
const cell = (/* unused pure expression or super */ null && (tableCell));
/** Every diagnostic, in source order: severity, file:line:col, code, message. */
function renderDiagnosticsTable(diagnostics) {
    return summary_parts_table(['severity', 'location', 'code', 'message'], (0,src_diagnostics/* sortDiagnostics */.D)(diagnostics).map((d) => [d.severity, `${d.file}:${d.line}:${d.column}`, d.code, d.message]));
}
/** Pool placement: where each resource went and why (a move first, then the rule, then the figures). */
function renderPlacementTable(placement) {
    return summary_parts_table(['resource', 'endpoint', 'why'], Object.entries(placement).map(([name, d]) => [
        name, d.endpoint, [d.moved && `moved from ${d.moved.from}: ${d.moved.why}`, d.reason, d.detail].filter(Boolean).join('; '),
    ]));
}
/** An output's value as shown: strings as they are, anything else as JSON. */
function shown(value) {
    return typeof value === 'string' ? value : JSON.stringify(value) ?? '';
}
/** The template's outputs: strings as they are, anything else as JSON. */
function renderOutputsTable(outputs) {
    return table(['output', 'value'], Object.entries(outputs).map(([k, v]) => [k, shown(v)]));
}
function compose({ data, diagnostics, report, outputs, tails }) {
    const errorCount = diagnostics.filter((d) => d.severity === 'error').length;
    const failed = Boolean(data.error) || errorCount > 0 || report?.result === 'failure';
    const reason = (0,report_outputs/* failureReasonOf */.M)(report, failed, data.failureReason ?? (errorCount > 0 ? 'template-invalid' : undefined));
    const out = [];
    out.push(verdictLine({ mode: data.mode, stackName: data.stackName, failed, report, reason, errorCount, warningCount: diagnostics.length - errorCount }));
    const facts = [`${data.mode} of ${(0,report_escape/* tableCell */.xR)(data.template)}`, `result <b>${failed ? 'failure' : 'success'}</b>`];
    if (reason)
        facts.push(`reason <b>${reason}</b>`);
    // A plan changes nothing: say what a deploy would do instead.
    if (report)
        facts.push(`${data.mode === 'plan' ? 'would change' : 'changed'} <b>${report.changed ? 'yes' : 'no'}</b>`);
    facts.push((0,format/* countDiagnostics */.ii)(diagnostics));
    out.push(facts.join(' · '));
    const error = data.error ?? report?.error;
    // A failed container's log lines (wait.ts quotes them as `  | line`) show once, under What failed.
    const brief = report?.failures?.some((f) => f.logTail) ? error?.replace(/; last log lines:\n( {2}\| .*(\n|$))+/g, '\n').trim() : error;
    if (brief)
        out.push(`> [!CAUTION]\n> ${(0,report_escape/* tableCell */.xR)(brief)}`);
    if (errorCount > 0)
        out.push(`Nothing was ${data.mode === 'destroy' ? 'removed' : 'deployed'}: the template has ${errorCount} error${errorCount === 1 ? '' : 's'}.`);
    if (report && failed) {
        const section = failureSection(report, data.mode, tails);
        if (section)
            out.push(section);
    }
    if (diagnostics.length)
        out.push('### Diagnostics', renderDiagnosticsTable(diagnostics));
    if (report) {
        if (Object.keys(report.resources).length || report.plan.length)
            out.push(endpointTables(report));
        if (report.placement && Object.keys(report.placement).length)
            out.push('### Placement', renderPlacementTable(report.placement));
        // Secrets were masked before (Parts): the plan part masks again only what it is given.
        out.push(renderPlanMarkdown(report, { open: failed }));
        if (outputs.length)
            out.push('### Outputs', summary_parts_table(['output', 'value'], outputs));
        if (report.warnings.length)
            out.push('### Warnings', report.warnings.map((w) => `- ${(0,report_escape/* tableCell */.xR)(w)}`).join('\n'));
    }
    const foot = footer({ ...data.footer, lockHolder: data.footer?.lockHolder ?? report?.lockHolder });
    if (foot)
        out.push(foot);
    // Last line of defence: a secret that reached a message some other way.
    return (0,report_mask/* redact */.E$)(out.join('\n\n') + '\n', [...data.secrets]);
}
/**
 * The whole summary as markdown, at most `limit` bytes. Too big, logs give way first (the
 * failures' log tails, then outputs read from container logs), then the other outputs, largest
 * first, each keeping its tail behind a `… N bytes truncated` line; if that is not enough, the
 * summary is cut at the end with a note.
 */
function renderSummary(data, limit = report_limit/* SIZE_LIMIT */.uE) {
    const secrets = [...data.secrets];
    const report = data.report ? { ...(0,report_mask/* redactValue */.FI)(data.report, secrets), outputs: (0,report_mask/* redactOutputs */.US)(data.report.outputs, secrets) } : undefined;
    // Secrets are masked before anything is cut: a cut through a secret would show the rest of it.
    const full = Object.entries(report?.outputs ?? {}).map(([k, v]) => [k, shown(v)]);
    // No single value can take more than the whole: cut those at once (the note counts from the full text).
    const outputs = full.map(([k, v]) => [k, (0,report_limit/* keepTail */.G9)(v, limit, report_limit/* cellCost */.kD).text]);
    const fullTails = (report?.failures ?? []).map((f) => f.logTail ?? '');
    const tails = fullTails.map((t) => (0,report_limit/* keepTail */.G9)(t, limit).text);
    const parts = { data, diagnostics: (0,report_mask/* redactValue */.FI)([...data.diagnostics], secrets), report, outputs, tails };
    const logs = new Set(data.logOutputs ?? []);
    const items = [
        ...fullTails.map((t, i) => ({ full: t, set: (x) => (tails[i] = x), current: () => tails[i], cost: report_limit/* utf8Cost */.z, log: true })),
        ...outputs.map((o, i) => ({ full: full[i][1], set: (x) => (o[1] = x), current: () => o[1], cost: report_limit/* cellCost */.kD, log: logs.has(o[0]) })),
    ].sort((a, b) => Number(b.log) - Number(a.log) || b.current().length - a.current().length);
    let md = compose(parts);
    for (const item of items) {
        const excess = (0,report_limit/* byteSize */.mz)(md) - limit;
        if (excess <= 0)
            break;
        const size = item.cost === report_limit/* cellCost */.kD ? (0,report_limit/* byteSize */.mz)((0,report_escape/* tableCell */.xR)(item.current())) : (0,report_limit/* byteSize */.mz)(item.current());
        item.set((0,report_limit/* keepTail */.G9)(item.full, Math.max(0, size - excess), item.cost).text);
        md = compose(parts);
    }
    return (0,report_limit/* cutMarkdown */.G$)(md, limit);
}
/** The summary of a run that stopped at its inputs: no template was read. */
function renderInputFailure(message, secrets) {
    return (0,report_mask/* redact */.E$)(`## ❌ hotdock: the step's inputs are invalid\n\n> [!CAUTION]\n> ${(0,report_escape/* tableCell */.xR)(message)}\n\nNothing was read or deployed.\n`, [...secrets]);
}
/** Appends the rendered summary to the job summary file (no-op outside a runner). */
async function writeSummary(markdown) {
    if (!process.env.GITHUB_STEP_SUMMARY)
        return;
    await core/* summary */.z.addRaw(markdown).write();
}

// EXTERNAL MODULE: ./src/deploy/plan-hash.ts
var plan_hash = __webpack_require__(5717);
;// CONCATENATED MODULE: ./src/github/api-error.ts
/** GitHub API failures as one line of text, for warnings and errors (no octokit needed to read one). */
/** An API failure as one line: status and GitHub's message (octokit's errors never hold the token). */
function apiErrorText(err) {
    const e = err;
    const status = typeof e.status === 'number' ? `HTTP ${e.status}: ` : '';
    const text = `${status}${(typeof e.message === 'string' ? e.message : String(err)).split('\n')[0]}`;
    // What a 403 means here, most of the time.
    return e.status === 403 ? `${text} (the token may not write here: a pull request from a fork gets a read-only one)` : text;
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
;// CONCATENATED MODULE: ./src/github/context.ts
/**
 * What hotdock needs to know about the workflow run, read from the runner's environment and the
 * event payload (GITHUB_EVENT_PATH) at call time — not at module load, as @actions/github's
 * `context` does, so a test (or a second run in one process) sees its own environment.
 */

function payloadOf(path) {
    if (!path)
        return {};
    try {
        const value = JSON.parse((0,external_node_fs_.readFileSync)(path, 'utf8'));
        return value && typeof value === 'object' ? value : {};
    }
    catch {
        return {};
    }
}
/** True for the events whose runs comment on their pull request. */
function isPullRequestEvent(eventName) {
    return eventName === 'pull_request' || eventName === 'pull_request_target';
}
/** Reads the context from the environment; undefined outside a repository run (no GITHUB_REPOSITORY). */
function readGithubContext(env) {
    const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
    if (!owner || !repo)
        return undefined;
    const eventName = env.GITHUB_EVENT_NAME ?? '';
    const serverUrl = (env.GITHUB_SERVER_URL ?? 'https://github.com').replace(/\/+$/, '');
    const runId = env.GITHUB_RUN_ID ?? '';
    const ctx = {
        eventName,
        owner,
        repo,
        sha: env.GITHUB_SHA ?? '',
        runId,
        apiUrl: (env.GITHUB_API_URL ?? 'https://api.github.com').replace(/\/+$/, ''),
        runUrl: `${serverUrl}/${owner}/${repo}/actions/runs/${runId}`,
        repoUrl: `${serverUrl}/${owner}/${repo}`,
    };
    if (isPullRequestEvent(eventName)) {
        const pr = payloadOf(env.GITHUB_EVENT_PATH).pull_request;
        if (pr && typeof pr.number === 'number' && typeof pr.html_url === 'string')
            ctx.pullRequest = { number: pr.number, url: pr.html_url };
    }
    return ctx;
}

;// CONCATENATED MODULE: ./src/github/comment-body.ts
/**
 * The PR comment's text, pure: a hidden marker (stack, template, plan hash) that finds the comment
 * again, a status line (current, applied, outdated, failed), and the plan as the report renders it.
 */

/** The marker's first characters: how hotdock recognises its own comments. */
const MARKER_PREFIX = '<!-- hotdock:plan ';
/** The marker line: values URI-encoded, so no template path can end the HTML comment. */
function formatMarker(m) {
    const enc = encodeURIComponent;
    return `${MARKER_PREFIX}stack=${enc(m.stack)} template=${enc(m.template)} plan-hash=${enc(m.planHash)} -->`;
}
/** The marker of a comment body (its first line), or undefined when it is not a hotdock comment. */
function parseMarker(body) {
    const first = body.split('\n', 1)[0];
    const m = /^<!-- hotdock:plan stack=(\S*) template=(\S*) plan-hash=(\S*) -->$/.exec(first);
    if (!m)
        return undefined;
    try {
        return { stack: decodeURIComponent(m[1]), template: decodeURIComponent(m[2]), planHash: decodeURIComponent(m[3]) };
    }
    catch {
        return undefined;
    }
}
/** The status line's first characters: the line withStatus replaces. */
const STATUS_PREFIX = '**Status:** ';
/** The status line. */
function statusLine(s) {
    const run = `[run ${s.run}](${s.runUrl})`;
    switch (s.kind) {
        case 'current':
            return s.mode === 'plan'
                ? `${STATUS_PREFIX}🟢 current: planned for ${(0,report_escape/* inlineCode */.ti)(s.sha.slice(0, 7))} in ${run}; a merge applies exactly this plan.`
                : `${STATUS_PREFIX}🟢 current: validated for ${(0,report_escape/* inlineCode */.ti)(s.sha.slice(0, 7))} in ${run}.`;
        case 'failed':
            return `${STATUS_PREFIX}❌ failed: the ${s.mode === 'plan' ? 'plan' : 'validation'} of ${(0,report_escape/* inlineCode */.ti)(s.sha.slice(0, 7))} failed in ${run}.`;
        case 'applied':
            return `${STATUS_PREFIX}✅ applied in ${run}.`;
        case 'outdated':
            return `${STATUS_PREFIX}⚠️ outdated: ${run} found a different plan than the one reviewed here, and applied nothing.`;
    }
}
/** The whole comment: marker, status line, then the report's markdown. */
function commentBody(marker, status, content) {
    return `${formatMarker(marker)}\n${statusLine(status)}\n\n${content.trimEnd()}\n`;
}
/** The same comment with another status line (marker and plan kept). Undefined when it is not a hotdock comment. */
function withStatus(body, status) {
    const lines = body.split('\n');
    if (!parseMarker(body) || !lines[1]?.startsWith(STATUS_PREFIX))
        return undefined;
    lines[1] = statusLine(status);
    return lines.join('\n');
}
/** The comment's content without marker and status line: the reviewed plan, shown beside a changed one. */
function commentContent(body) {
    return body.split('\n').slice(2).join('\n').trim();
}

;// CONCATENATED MODULE: ./src/github/plan-markdown.ts
/**
 * The PR comment's content: the report's markdown for a run. The one place that picks the
 * renderer, so a dedicated plan view can replace the job summary here alone.
 */

/** GitHub refuses a comment over 65536 characters: stay well under. */
const COMMENT_LIMIT = 60_000;
/** The comment's markdown for a run (secrets masked by the renderer). */
function renderCommentMarkdown(data) {
    return renderSummary(data, COMMENT_LIMIT);
}

;// CONCATENATED MODULE: ./src/github/pr-comment.ts

/** The pull request's hotdock comment for `stack`, if any (every page of comments is read). */
async function findPlanComment(client, repo, pr, stack) {
    const comments = await client.paginate(client.rest.issues.listComments, { ...repo, issue_number: pr, per_page: 100 });
    for (const c of comments) {
        const marker = parseMarker(c.body ?? '');
        if (marker?.stack === stack)
            return { id: c.id, body: c.body ?? '', marker };
    }
    return undefined;
}
/** Writes the comment: edits `existing` in place, else creates it. Says which, and where it is (for the summary's footer). */
async function writePlanComment(client, repo, pr, body, existing) {
    const res = existing
        ? await client.rest.issues.updateComment({ ...repo, comment_id: existing.id, body })
        : await client.rest.issues.createComment({ ...repo, issue_number: pr, body });
    const url = typeof res.data?.html_url === 'string' ? res.data.html_url : undefined;
    return { done: existing ? 'updated' : 'created', ...(url ? { url } : {}) };
}

;// CONCATENATED MODULE: ./src/github/reviewed-plan.ts

/** The failure-reason values of this check (the `failure-reason` output). */
const PLAN_CHANGED = 'plan-changed';
const PLAN_NOT_REVIEWED = 'plan-not-reviewed';
/**
 * The reviewed plan for `stack` behind commit `sha`, or why there is none. Of the pull requests
 * GitHub associates with the commit, the one merged as this commit wins, then any merged one.
 */
async function findReviewedPlan(client, repo, sha, stack) {
    const { data: pulls } = await client.rest.repos.listPullRequestsAssociatedWithCommit({ ...repo, commit_sha: sha });
    const pull = pulls.find((p) => p.merged_at && p.merge_commit_sha === sha) ?? pulls.find((p) => p.merged_at) ?? pulls[0];
    if (!pull)
        return { missing: `no pull request produced commit ${sha.slice(0, 7)}` };
    const pr = { number: pull.number, url: pull.html_url };
    const comment = await findPlanComment(client, repo, pull.number, stack);
    if (!comment)
        return { missing: `pull request #${pull.number} has no hotdock plan comment for stack '${stack}'` };
    if (!comment.marker.planHash)
        return { missing: `the hotdock comment on pull request #${pull.number} holds no plan for stack '${stack}' (its last run did not plan)` };
    return { pr, comment, hash: comment.marker.planHash };
}
/** The error of a deploy refused because no plan was reviewed. */
function notReviewedError(why) {
    return `require-reviewed-plan: ${why}: nothing was changed (failure-reason ${PLAN_NOT_REVIEWED})`;
}
/** The error of a deploy refused because its plan is not the reviewed one. */
function planChangedError(pr, reviewed, now) {
    return `require-reviewed-plan: the plan is not the one reviewed on pull request #${pr.number} `
        + `(reviewed ${reviewed}, now ${now}): nothing was changed (failure-reason ${PLAN_CHANGED}); both plans are in the summary`;
}

;// CONCATENATED MODULE: ./src/github/deployments.ts
/** Creates the deployment; returns its id. */
async function createDeployment(client, repo, d) {
    const res = await client.rest.repos.createDeployment({
        ...repo,
        ref: d.sha,
        environment: d.environment,
        // The commit is deployed as it is: no merge of the default branch, no wait on status checks.
        auto_merge: false,
        required_contexts: [],
        payload: { 'plan-hash': d.planHash, stack: d.stack },
        ...(d.transient !== undefined ? { transient_environment: d.transient } : {}),
        ...(d.production !== undefined ? { production_environment: d.production } : {}),
        description: `hotdock deploy of stack ${d.stack}`.slice(0, 140),
    });
    if (res.status !== 201 || !('id' in res.data))
        throw new Error(`GitHub created no deployment: ${JSON.stringify(res.data).slice(0, 200)}`);
    return res.data.id;
}
/** Adds a status to the deployment. */
async function setDeploymentStatus(client, repo, id, state, links) {
    await client.rest.repos.createDeploymentStatus({
        ...repo,
        deployment_id: id,
        state,
        log_url: links.logUrl,
        ...(links.environmentUrl ? { environment_url: links.environmentUrl } : {}),
        ...(links.description ? { description: links.description.slice(0, 140) } : {}),
    });
}
/**
 * The deployment's environment URL: the `environment-url` input as a URL, or the value of the
 * template output it names (a string URL). Undefined otherwise.
 */
function environmentUrlOf(setting, outputs) {
    if (!setting)
        return undefined;
    const value = Object.hasOwn(outputs, setting) ? outputs[setting] : setting;
    return typeof value === 'string' && /^https?:\/\/\S+$/.test(value) ? value : undefined;
}

;// CONCATENATED MODULE: ./src/github/github-run.ts









/** A report for a deploy refused before anything was looked at. */
function refused(error) {
    return { result: 'failure', changed: false, resources: {}, outputs: {}, plan: [], warnings: [], rolledBack: [], error };
}
/** One run's GitHub side. */
class GithubRun {
    settings;
    log;
    secrets;
    ctx;
    client;
    review;
    failureReason;
    deploymentId;
    /** The deployment was asked for once already (created or not): never twice in a run. */
    deploymentTried = false;
    commentUrl;
    warnings = [];
    constructor(settings, env, log, secrets) {
        this.settings = settings;
        this.log = log;
        this.secrets = secrets;
        this.ctx = readGithubContext(env);
    }
    /** The plan hash's salt: the pull request's URL (of the event, or the one reviewed). */
    get salt() {
        return this.ctx?.pullRequest?.url ?? this.review?.pr.url ?? '';
    }
    get repo() {
        return { owner: this.ctx.owner, repo: this.ctx.repo };
    }
    /** The API client, loaded on first use (validate runs without comments never load octokit). */
    async api() {
        if (!this.ctx || !this.settings.githubToken)
            return undefined;
        this.client ??= (await Promise.all(/* import() */[__webpack_require__.e(413), __webpack_require__.e(584)]).then(__webpack_require__.bind(__webpack_require__, 6584))).githubClient(this.settings.githubToken, this.ctx.apiUrl);
        return this.client;
    }
    /** Why there is no API client: no repository run, or no token. */
    get noApi() {
        return this.ctx ? 'the github-token input is empty' : 'not a GitHub repository run (GITHUB_REPOSITORY is not set)';
    }
    warn(what, why) {
        const text = `${what}: ${why}`;
        this.warnings.push(text);
        this.log.warning(text);
    }
    get deploying() {
        return this.settings.mode === 'deploy';
    }
    /** The stages with the reviewed-plan check and the deployment's start around the deploy stage. */
    wrapStages(stages) {
        return {
            validate: stages.validate,
            runStack: async (settings, stack, log, options = {}) => {
                let checked;
                if (this.deploying && settings.requireReviewedPlan) {
                    const check = await this.checkReviewedPlan(stages, settings, stack, log, options.signal);
                    if ('report' in check)
                        return check.report;
                    checked = check.plan;
                }
                return stages.runStack(settings, stack, log, {
                    ...options,
                    beforeExecute: async (plan) => {
                        await options.beforeExecute?.(plan);
                        // The deploy's own plan, after its pulls: a tag that moved since the check is a change too.
                        if (checked && !(0,plan_hash/* sameAsChecked */.kP)(checked, plan)) {
                            this.failureReason = PLAN_CHANGED;
                            throw new Error(planChangedError(this.review.pr, this.review.hash, (0,plan_hash/* planHash */.SH)(plan, this.salt)));
                        }
                        await this.startDeployment(plan);
                    },
                });
            },
        };
    }
    /** Finds the reviewed plan and plans afresh (plan mode: nothing changes); a report when they differ. */
    async checkReviewedPlan(stages, settings, stack, log, signal) {
        const notReviewed = (why) => {
            this.failureReason = PLAN_NOT_REVIEWED;
            return { report: refused(notReviewedError(why)) };
        };
        const client = await this.api();
        if (!client)
            return notReviewed('it needs the github-token input and a repository run (GITHUB_REPOSITORY) to read the pull request');
        let found;
        try {
            found = await findReviewedPlan(client, this.repo, this.ctx.sha, settings.stackName);
        }
        catch (err) {
            return notReviewed(`the reviewed plan could not be read (${apiErrorText(err)})`);
        }
        if ('missing' in found)
            return notReviewed(found.missing);
        this.review = found;
        log.info(`require-reviewed-plan: pull request #${found.pr.number} reviewed plan ${found.hash}`);
        const check = await stages.runStack({ ...settings, mode: 'plan' }, stack, log, signal ? { signal } : {});
        if (check.result === 'failure' || !check.planEntries)
            return { report: check };
        const now = (0,plan_hash/* planHash */.SH)(check.planEntries, found.pr.url);
        if (now !== found.hash) {
            this.failureReason = PLAN_CHANGED;
            return { report: { ...check, result: 'failure', changed: false, error: planChangedError(found.pr, found.hash, now) } };
        }
        log.info(`require-reviewed-plan: the plan is the reviewed one (${now})`);
        return { plan: check.planEntries };
    }
    /** Creates the deployment (plan hash in its payload) and marks it in progress (unless it failed before it began). */
    async startDeployment(plan, inProgress = true) {
        const environment = this.settings.deploymentEnvironment;
        if (!environment || !this.deploying || this.deploymentTried)
            return;
        this.deploymentTried = true;
        const client = await this.api();
        if (!client) {
            this.warn('No deployment recorded', this.noApi);
            return;
        }
        try {
            const hash = plan ? (0,plan_hash/* planHash */.SH)(plan, this.salt) : '';
            this.deploymentId = await createDeployment(client, this.repo, {
                environment,
                sha: this.ctx.sha,
                stack: this.settings.stackName,
                planHash: hash,
                ...(this.settings.deploymentTransient !== undefined ? { transient: this.settings.deploymentTransient } : {}),
                ...(this.settings.deploymentProduction !== undefined ? { production: this.settings.deploymentProduction } : {}),
            });
            const environmentUrl = environmentUrlOf(this.settings.environmentUrl, {});
            if (inProgress)
                await setDeploymentStatus(client, this.repo, this.deploymentId, 'in_progress', { logUrl: this.ctx.runUrl, environmentUrl });
        }
        catch (err) {
            this.warn(`The deployment to '${environment}' could not be recorded`, apiErrorText(err));
        }
    }
    /** After the run: the deployment's end, the PR comment, the plan hash; warnings go into the report. */
    async finish(result) {
        const report = result.report;
        const hash = report?.planEntries ? (0,plan_hash/* planHash */.SH)(report.planEntries, this.salt) : '';
        const failed = Boolean(result.error) || report?.result === 'failure';
        if (this.deploying && this.settings.deploymentEnvironment)
            await this.endDeployment(failed, report);
        if (this.ctx?.pullRequest && (this.settings.mode === 'plan' || this.settings.mode === 'validate'))
            await this.comment(result, hash, failed);
        if (this.review)
            await this.markReviewed(failed);
        report?.warnings.push(...this.warnings);
        const summary = this.failureReason === PLAN_CHANGED && this.review
            ? `### Reviewed plan (pull request #${this.review.pr.number})\n\nThe plan above is the plan now; this is the one reviewed:\n\n<details open><summary>reviewed ${this.review.hash}</summary>\n\n${commentContent(this.review.comment.body)}\n\n</details>\n`
            : undefined;
        const deploymentUrl = this.deploymentId !== undefined && this.ctx ? `${this.ctx.repoUrl}/deployments/${encodeURIComponent(this.settings.deploymentEnvironment ?? '')}` : undefined;
        return {
            planHash: hash,
            ...(this.failureReason ? { failureReason: this.failureReason } : {}),
            ...(summary ? { summary } : {}),
            ...(this.commentUrl ? { commentUrl: this.commentUrl } : {}),
            ...(deploymentUrl ? { deploymentUrl } : {}),
        };
    }
    /** success only for a deploy that succeeded; a deploy that failed before its plan still records its failure. */
    async endDeployment(failed, report) {
        if (this.deploymentId === undefined)
            await this.startDeployment(report?.planEntries, !failed);
        const client = await this.api();
        if (this.deploymentId === undefined || !client)
            return;
        const environmentUrl = failed ? undefined : environmentUrlOf(this.settings.environmentUrl, report?.outputs ?? {});
        const description = failed ? `deploy failed${this.failureReason ? `: ${this.failureReason}` : ''}` : `deployed stack ${this.settings.stackName}`;
        try {
            await setDeploymentStatus(client, this.repo, this.deploymentId, failed ? 'failure' : 'success', { logUrl: this.ctx.runUrl, environmentUrl, description });
        }
        catch (err) {
            this.warn(`The deployment status (${failed ? 'failure' : 'success'}) could not be recorded`, apiErrorText(err));
        }
    }
    /** The pull request's comment for this stack: created once, edited by every later run. */
    async comment(result, hash, failed) {
        const { settings, ctx } = this;
        if (settings.commentOnPr === 'false' || !ctx?.pullRequest)
            return;
        const client = await this.api();
        if (!client) {
            this.warn('No pull request comment', this.noApi);
            return;
        }
        const mode = settings.mode === 'plan' ? 'plan' : 'validate';
        const status = { kind: failed ? 'failed' : 'current', mode, sha: ctx.sha, run: ctx.runId, runUrl: ctx.runUrl };
        const content = renderCommentMarkdown(summaryDataOf(settings, result, this.secrets()));
        const body = commentBody({ stack: settings.stackName, template: settings.template, planHash: failed ? '' : hash }, status, content);
        try {
            const existing = await findPlanComment(client, this.repo, ctx.pullRequest.number, settings.stackName);
            // changes-only: no new comment for a plan that changes nothing; one already there stays current.
            if (!existing && settings.commentOnPr === 'changes-only' && !failed && !result.report?.changed)
                return;
            const { done, url } = await writePlanComment(client, this.repo, ctx.pullRequest.number, body, existing);
            this.commentUrl = url;
            this.log.info(`pull request #${ctx.pullRequest.number}: hotdock comment ${done}`);
        }
        catch (err) {
            this.warn(`The pull request comment could not be written`, apiErrorText(err));
        }
    }
    /** The reviewed comment's status line: applied, or outdated when the plan changed. */
    async markReviewed(failed) {
        const client = await this.api();
        const review = this.review;
        const kind = !failed ? 'applied' : this.failureReason === PLAN_CHANGED ? 'outdated' : undefined;
        if (!client || !kind)
            return;
        const body = withStatus(review.comment.body, { kind, run: this.ctx.runId, runUrl: this.ctx.runUrl });
        if (!body)
            return;
        try {
            this.commentUrl = (await writePlanComment(client, this.repo, review.pr.number, body, review.comment)).url;
        }
        catch (err) {
            this.warn(`The status of the comment on pull request #${review.pr.number} could not be updated`, apiErrorText(err));
        }
    }
}

;// CONCATENATED MODULE: ./src/main.ts
/**
 * The action: inputs → validate → (plan | deploy | destroy) → report. The one place that catches:
 * every stage below throws or returns failures, and this file turns them into a failed step with
 * outputs and a summary still written.
 */












/**
 * Progress for the workflow log: `web: creating` lines, warnings as annotations. Secrets are
 * masked first (escaping would hide a multi-line secret from the redactor), then every line is
 * made inert: names and messages carry template text, and core.info writes it as is.
 */
function actionLog(secrets) {
    let grouped = false;
    return {
        // One collapsible group per phase: the log reads as connect, lock, plan, deploy, report.
        phase: (title) => {
            if (grouped)
                core/* endGroup */.N4();
            grouped = title !== undefined;
            if (title !== undefined)
                core/* startGroup */.Oh((0,report_escape/* safeLogLine */.AL)(title));
        },
        info: (m) => core/* info */.pq((0,report_escape/* safeLogText */.Ht)((0,report_mask/* redact */.E$)(m, secrets()))),
        warning: (m) => core/* warning */.$e((0,report_escape/* annotationText */.xr)((0,report_mask/* redact */.E$)(m, secrets()))),
        progress: (resource, m) => core/* info */.pq((0,report_escape/* safeLogLine */.AL)((0,report_mask/* redact */.E$)(`${resource}: ${m}`, secrets()))),
    };
}
function messageOf(err) {
    return err instanceof Error ? err.message : String(err);
}
/** The action's entry: never throws; a failure ends as setFailed with outputs and summary written. */
async function run(env = process.env, stages = pipeline/* realStages */.Em, control = {}) {
    const secrets = [];
    // Every secret is redacted by hotdock; the runner's masker gets those long enough to mask (mask.ts).
    const mask = (s) => {
        (0,report_mask/* registerSecret */.cl)(s, core/* setSecret */.Pq);
        secrets.push(s);
    };
    const log = actionLog(() => secrets);
    let settings;
    let github;
    let result = { diagnostics: [], secrets: [] };
    const { cancel, state } = control;
    let reported = false;
    // A cancel whose cleanup outlasts its deadline still ends with outputs and a summary (cancel.ts).
    cancel?.beforeExit(async () => {
        if (reported)
            return;
        const error = `cancelled by ${cancel.received}: the cleanup did not finish in time; the post step repairs what is left`;
        for (const [name, value] of Object.entries((0,report_outputs/* outputValues */.u)(undefined, true, { secrets, limit: report_limit/* SIZE_LIMIT */.uE, failureReason: 'cancelled' })))
            core/* setOutput */.uH(name, value);
        core/* setFailed */.C1(error);
        if (settings) {
            const { template, mode, stackName } = settings;
            await writeSummary(renderSummary({ template, mode, stackName, diagnostics: result.diagnostics, error, secrets, failureReason: 'cancelled', footer: { runUrl: runUrlOf(env) } }));
        }
    });
    try {
        settings = (0,inputs/* readSettings */.sb)(env, mask);
        state?.begin(settings.stackName, settings.runId);
        github = new GithubRun(settings, env, log, () => secrets);
        core/* info */.pq((0,report_escape/* safeLogLine */.AL)(`hotdock ${settings.mode} of stack ${settings.stackName} from ${settings.template}`));
        // Validation is the first group of the log; the deploy phases follow as their own.
        log.phase?.('Validate');
        result = await (0,pipeline/* runPipeline */.aI)(settings, log, {
            stages: github.wrapStages(stages),
            onValidated: (diagnostics, hidden) => {
                hidden.forEach(mask);
                emitAnnotations((0,report_mask/* redactValue */.FI)(diagnostics, secrets));
            },
            run: {
                ...(cancel ? { signal: cancel.signal } : {}),
                ...(state ? { onJournal: (entries) => state.journal(entries), onLocks: (locks) => state.locks(locks) } : {}),
            },
        });
    }
    catch (err) {
        // Before the settings: an input is invalid (the user's to fix); after: a failure hotdock did not classify.
        result = { ...result, error: messageOf(err), failureReason: settings ? 'internal' : 'template-invalid' };
    }
    log.phase?.(undefined);
    state?.end();
    reported = true;
    if (cancel?.received)
        result = { ...result, error: (0,src_cancel/* cancelledError */.YQ)(cancel.received, result.error), failureReason: 'cancelled' };
    // PR comment, deployment status, plan hash: GitHub API trouble is a warning (github-run.ts).
    let gh;
    try {
        gh = await github?.finish(result);
    }
    catch (err) {
        core/* warning */.$e((0,report_escape/* annotationText */.xr)(`GitHub API: ${(0,report_mask/* redact */.E$)(messageOf(err), secrets)}`));
    }
    // The reviewed-plan check's refusal names the cause better than the run's own classifier.
    if (gh?.failureReason)
        result = { ...result, failureReason: gh.failureReason };
    try {
        const outputs = (0,report_outputs/* outputValues */.u)(result.report, Boolean(result.error), {
            secrets,
            limit: report_limit/* SIZE_LIMIT */.uE,
            logOutputs: result.logOutputs,
            failureReason: result.failureReason,
            onTruncated: (name) => core/* warning */.$e(`The '${name}' output was larger than GitHub keeps (1 MiB): its largest values, container logs first, were cut to their tail behind '… N bytes truncated'.`),
        });
        for (const [name, value] of Object.entries(outputs)) {
            core/* setOutput */.uH(name, value);
        }
        core/* setOutput */.uH('plan-hash', gh?.planHash ?? '');
        if (settings) {
            await writeSummary(renderSummary({
                ...summaryDataOf(settings, result, secrets),
                failureReason: result.failureReason,
                footer: {
                    runUrl: runUrlOf(env),
                    ...(gh?.planHash ? { planHash: gh.planHash } : {}),
                    ...(gh?.commentUrl ? { commentUrl: gh.commentUrl } : {}),
                    ...(gh?.deploymentUrl ? { deploymentUrl: gh.deploymentUrl } : {}),
                },
            }));
        }
        else if (result.error) {
            await writeSummary(renderInputFailure(result.error, secrets));
        }
        if (gh?.summary)
            await writeSummary((0,report_mask/* redact */.E$)(gh.summary, secrets));
    }
    catch (err) {
        // The run's own result matters more than its report: say so, and keep the real outcome.
        core/* warning */.$e((0,report_escape/* annotationText */.xr)(`Could not write the step's outputs or summary: ${(0,report_mask/* redact */.E$)(messageOf(err), secrets)}`));
    }
    if (result.error)
        core/* setFailed */.C1((0,report_escape/* annotationText */.xr)((0,report_mask/* redact */.E$)(result.error, secrets)));
}

// EXTERNAL MODULE: ./src/step-state.ts
var step_state = __webpack_require__(2649);
;// CONCATENATED MODULE: ./src/action.ts
/**
 * The action's main step as the runner runs it: marks the step state (so that the same bundle,
 * run again as the post step, knows it is the post step), listens for the runner's cancel signals,
 * runs main.ts with both, and exits non-zero at once after a cancel.
 */




/** Runs the main step. */
async function runMainStep() {
    const state = new step_state/* StepStateWriter */.lF((name, value) => core/* saveState */.LZ(name, value));
    state.markMain();
    const cancel = (0,src_cancel/* listenForCancel */.Fh)({ log: (line) => core/* info */.pq(line) });
    await run(process.env, undefined, { cancel, state });
    cancel.finish(typeof process.exitCode === 'number' ? process.exitCode : 1);
}


/***/ }),

/***/ 5717:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   SH: () => (/* binding */ planHash),
/* harmony export */   kP: () => (/* binding */ sameAsChecked),
/* harmony export */   mP: () => (/* binding */ normalisePlan)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _hash_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3687);
/**
 * The plan hash: what a reviewed-plan check compares. A plan is normalised to one entry per
 * operation (resource, endpoint, action, the desired config hash — which covers every field — and
 * the image with its local id), sorted, and hashed with a salt: the pull request's URL, so a hash
 * reviewed on one pull request never vouches for another's. Pure.
 */


/** Version prefix: bump when the normalisation changes, so old hashes never falsely match. */
const VERSION = 'p1';
/** The normalised plan of a run: one entry per node, in a fixed order (independent of node ids). */
function normalisePlan(nodes) {
    const entries = nodes.map((n) => ({
        resource: n.resource,
        endpoint: n.endpoint,
        action: n.type,
        config: n.desired?.configHash ?? n.observed?.configHash ?? '',
        image: n.desired?.image ?? n.observed?.image ?? '',
        imageId: (n.desired ? n.desired.imageId : n.observed?.imageId) ?? '',
    }));
    return inOrder(entries);
}
/** Entries in one fixed order (by their canonical text), whatever order they came in. */
function inOrder(entries) {
    const keyed = entries.map((e) => [(0,_hash_js__WEBPACK_IMPORTED_MODULE_1__/* .canonicalJson */ .dj)(e), e]);
    return keyed.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, e]) => e);
}
/** `p1:<sha256 hex>` of the normalised plan, salted (the pull request's URL; '' when none). */
function planHash(entries, salt) {
    const text = (0,_hash_js__WEBPACK_IMPORTED_MODULE_1__/* .canonicalJson */ .dj)({ salt, plan: inOrder(entries) });
    return `${VERSION}:${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(text).digest('hex')}`;
}
/**
 * True when a deploy's plan is the plan checked just before it, image ids aside where the check
 * knew none: a plan run only looks, so an image the engine did not have yet has no id there, and
 * the deploy pulls it. Any other difference — an operation, a field, a tag that moved — is a
 * different plan.
 */
function sameAsChecked(checked, now) {
    if (checked.length !== now.length)
        return false;
    const forget = (e, keepId) => (0,_hash_js__WEBPACK_IMPORTED_MODULE_1__/* .canonicalJson */ .dj)({ ...e, imageId: keepId ? e.imageId : '' });
    const want = checked.map((e) => forget(e, e.imageId !== '')).sort();
    const have = now.map((e) => {
        const twin = checked.find((c) => c.resource === e.resource && c.endpoint === e.endpoint && c.action === e.action);
        return forget(e, twin?.imageId !== '' && twin !== undefined);
    }).sort();
    return want.every((w, i) => w === have[i]);
}


/***/ }),

/***/ 8422:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   parseEndpoints: () => (/* binding */ parseEndpoints),
/* harmony export */   parseRegistryAuth: () => (/* binding */ parseRegistryAuth),
/* harmony export */   sb: () => (/* binding */ readSettings)
/* harmony export */ });
/* unused harmony exports INPUTS, parseParameters */
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6421);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var js_yaml__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3243);
/* harmony import */ var _report_mask_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9488);
/* harmony import */ var _setting_values_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4902);
/* harmony import */ var _docker_env_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(1793);
/* harmony import */ var _spec_endpoints_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(7969);
/* harmony import */ var _spec_endpoint_url_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(1434);
/**
 * Reads the action's inputs into the one typed Settings object. Every input is checked here, so
 * a typo fails the step before anything touches a template or an endpoint, with a message that
 * names the input, the value and what was expected. Secrets are masked as they are read.
 */









/** Every action input, keyed by its action.yml name, with the default action.yml declares. */
const INPUTS = {
    template: { required: true },
    mode: { default: _setting_values_js__WEBPACK_IMPORTED_MODULE_4__/* .DEFAULTS */ .zY.mode },
    'stack-name': {},
    parameters: {},
    'environment-files': {},
    'docker-endpoint': {},
    endpoints: {},
    'tls-ca-cert': {},
    'tls-client-cert': {},
    'tls-client-key': {},
    'ssh-private-key': {},
    'ssh-known-hosts': {},
    'registry-auth': {},
    pull: { default: _setting_values_js__WEBPACK_IMPORTED_MODULE_4__/* .DEFAULTS */ .zY.pull },
    prune: { default: String(_setting_values_js__WEBPACK_IMPORTED_MODULE_4__/* .DEFAULTS */ .zY.prune) },
    rollback: { default: String(_setting_values_js__WEBPACK_IMPORTED_MODULE_4__/* .DEFAULTS */ .zY.rollback) },
    'wait-timeout': { default: String(_setting_values_js__WEBPACK_IMPORTED_MODULE_4__/* .DEFAULTS */ .zY.waitTimeout) },
    'stable-seconds': { default: String(_setting_values_js__WEBPACK_IMPORTED_MODULE_4__/* .DEFAULTS */ .zY.stableSeconds) },
    'max-parallel': { default: String(_setting_values_js__WEBPACK_IMPORTED_MODULE_4__/* .DEFAULTS */ .zY.maxParallel) },
    'lock-timeout': { default: String(_setting_values_js__WEBPACK_IMPORTED_MODULE_4__/* .DEFAULTS */ .zY.lockTimeout) },
    placement: { default: _setting_values_js__WEBPACK_IMPORTED_MODULE_4__/* .DEFAULTS */ .zY.placement },
    target: { default: _setting_values_js__WEBPACK_IMPORTED_MODULE_4__/* .DEFAULTS */ .zY.target },
    'require-reviewed-plan': { default: String(_setting_values_js__WEBPACK_IMPORTED_MODULE_4__/* .DEFAULTS */ .zY.requireReviewedPlan) },
    'github-token': {},
    'comment-on-pr': { default: _setting_values_js__WEBPACK_IMPORTED_MODULE_4__/* .DEFAULTS */ .zY.commentOnPr },
    'deployment-environment': {},
    'environment-url': {},
    'deployment-transient': {},
    'deployment-production': {},
};
const ENDPOINT_KEYS = ['url', 'tls-ca-cert', 'tls-client-cert', 'tls-client-key', 'ssh-private-key', 'ssh-known-hosts', 'pool'];
/** Reads an input the way @actions/core does (INPUT_<NAME>, spaces → '_', trimmed), falling back to its default. */
function rawInput(env, name) {
    const value = (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
    if (value !== '')
        return value;
    const spec = INPUTS[name];
    if (spec.required)
        throw new _setting_values_js__WEBPACK_IMPORTED_MODULE_4__/* .InputError */ .dz(`Input required and not supplied: ${name}`);
    return spec.default ?? '';
}
/** Parses a YAML (or JSON, a subset of YAML) input that must be a mapping. */
function parseMapping(name, text, expected) {
    if (text === '')
        return {};
    let doc;
    try {
        doc = js_yaml__WEBPACK_IMPORTED_MODULE_2__.load(text);
    }
    catch (err) {
        // The reason and position only: the snippet js-yaml quotes could hold a secret.
        const e = err;
        const where = e.mark ? ` at line ${e.mark.line + 1}, column ${e.mark.column + 1}` : '';
        throw new _setting_values_js__WEBPACK_IMPORTED_MODULE_4__/* .InputError */ .dz(`Invalid input '${name}': not valid YAML or JSON (${e.reason ?? 'parse error'}${where}). Expected ${expected}`);
    }
    if (doc === null || doc === undefined)
        return {};
    if (typeof doc !== 'object' || Array.isArray(doc)) {
        throw new _setting_values_js__WEBPACK_IMPORTED_MODULE_4__/* .InputError */ .dz(`Invalid input '${name}': expected ${expected}, got ${Array.isArray(doc) ? 'a list' : 'a scalar'}`);
    }
    return doc;
}
function optionalString(name, entry, key, value) {
    if (value === undefined || value === null || value === '')
        return undefined;
    if (typeof value !== 'string')
        throw new _setting_values_js__WEBPACK_IMPORTED_MODULE_4__/* .InputError */ .dz(`Invalid input '${name}': '${entry}'.${key} must be a string`);
    return value;
}
function tlsOf(ca, cert, key, where = 'inputs') {
    if (!ca && !cert && !key)
        return undefined;
    if (!cert !== !key) {
        throw new _setting_values_js__WEBPACK_IMPORTED_MODULE_4__/* .InputError */ .dz(`Invalid ${where}: tls-client-cert and tls-client-key go together; give both or neither`);
    }
    return { ...(ca ? { ca } : {}), ...(cert ? { cert } : {}), ...(key ? { key } : {}) };
}
/** The `endpoints` input: name → URL, or name → {url, tls-*, ssh-*}. */
function parseEndpoints(text, mask) {
    const doc = parseMapping('endpoints', text, 'a mapping of name → URL or {url, tls-ca-cert, ...}');
    const out = {};
    for (const [name, value] of Object.entries(doc)) {
        const where = `input 'endpoints' (entry '${name}')`;
        if (typeof value === 'string') {
            out[name] = { url: (0,_setting_values_js__WEBPACK_IMPORTED_MODULE_4__/* .checkEndpointUrl */ .LE)(value, where) };
            continue;
        }
        if (!value || typeof value !== 'object' || Array.isArray(value)) {
            throw new _setting_values_js__WEBPACK_IMPORTED_MODULE_4__/* .InputError */ .dz(`Invalid input 'endpoints': entry '${name}' must be a URL or a mapping with 'url'`);
        }
        const map = value;
        const unknown = Object.keys(map).filter((k) => !ENDPOINT_KEYS.includes(k));
        if (unknown.length) {
            throw new _setting_values_js__WEBPACK_IMPORTED_MODULE_4__/* .InputError */ .dz(`Invalid input 'endpoints': entry '${name}' has unknown key '${unknown[0]}'. Expected ${(0,_setting_values_js__WEBPACK_IMPORTED_MODULE_4__/* .oneOf */ .yL)(ENDPOINT_KEYS)}`);
        }
        const url = optionalString('endpoints', name, 'url', map.url);
        if (!url)
            throw new _setting_values_js__WEBPACK_IMPORTED_MODULE_4__/* .InputError */ .dz(`Invalid input 'endpoints': entry '${name}' has no 'url'`);
        const key = optionalString('endpoints', name, 'tls-client-key', map['tls-client-key']);
        const sshKey = optionalString('endpoints', name, 'ssh-private-key', map['ssh-private-key']);
        if (key)
            (0,_report_mask_js__WEBPACK_IMPORTED_MODULE_3__/* .maskPem */ .rL)(key, mask);
        if (sshKey)
            (0,_report_mask_js__WEBPACK_IMPORTED_MODULE_3__/* .maskPem */ .rL)(sshKey, mask);
        const tls = tlsOf(optionalString('endpoints', name, 'tls-ca-cert', map['tls-ca-cert']), optionalString('endpoints', name, 'tls-client-cert', map['tls-client-cert']), key, where);
        const knownHosts = optionalString('endpoints', name, 'ssh-known-hosts', map['ssh-known-hosts']);
        // `pool: false` takes the entry out of the pool (placement-pool.ts); YAML gives a boolean.
        if (map.pool !== undefined && typeof map.pool !== 'boolean')
            throw new _setting_values_js__WEBPACK_IMPORTED_MODULE_4__/* .InputError */ .dz(`Invalid input 'endpoints': '${name}'.pool must be true or false`);
        const checked = (0,_setting_values_js__WEBPACK_IMPORTED_MODULE_4__/* .checkEndpointUrl */ .LE)(url, where);
        const parsed = (0,_spec_endpoint_url_js__WEBPACK_IMPORTED_MODULE_7__/* .parseEndpointUrl */ .yN)(checked);
        const misfit = tls && parsed.ok ? (0,_spec_endpoints_js__WEBPACK_IMPORTED_MODULE_6__/* .tlsMisfit */ .iA)(parsed.endpoint, checked, `Invalid input 'endpoints': entry '${name}'`) : undefined;
        if (misfit)
            throw new _setting_values_js__WEBPACK_IMPORTED_MODULE_4__/* .InputError */ .dz(misfit);
        out[name] = {
            url: checked,
            ...(tls ? { tls } : {}),
            ...(sshKey ? { sshPrivateKey: sshKey } : {}),
            ...(knownHosts ? { sshKnownHosts: knownHosts } : {}),
            ...(map.pool === false ? { pool: false } : {}),
        };
    }
    return out;
}
/** The `registry-auth` input: host → {username, password}; every password form is masked. */
function parseRegistryAuth(text, mask) {
    const doc = parseMapping('registry-auth', text, 'a mapping of registry host → {username, password}');
    const out = {};
    for (const [host, value] of Object.entries(doc)) {
        const map = (value && typeof value === 'object' && !Array.isArray(value) ? value : {});
        // Mask first: an error below must not be the first place a password is printed.
        if (typeof map.password === 'string' || typeof map.password === 'number')
            mask(String(map.password));
        const username = map.username;
        const password = map.password;
        if ((typeof username !== 'string' && typeof username !== 'number') || username === '') {
            throw new _setting_values_js__WEBPACK_IMPORTED_MODULE_4__/* .InputError */ .dz(`Invalid input 'registry-auth': registry '${host}' needs {username, password}`);
        }
        if ((typeof password !== 'string' && typeof password !== 'number') || password === '') {
            throw new _setting_values_js__WEBPACK_IMPORTED_MODULE_4__/* .InputError */ .dz(`Invalid input 'registry-auth': registry '${host}' has no password`);
        }
        out[host] = { username: String(username), password: String(password) };
        for (const s of (0,_report_mask_js__WEBPACK_IMPORTED_MODULE_3__/* .registryCredentialSecrets */ .YH)(out[host], host))
            mask(s);
    }
    return out;
}
/** Parses the `parameters` input (YAML or JSON mapping). */
function parseParameters(text) {
    return parseMapping('parameters', text, 'a YAML or JSON mapping of parameter name → value');
}
/**
 * The default endpoint: the docker-endpoint input (a URL or an `endpoints` name); else, unless the
 * `endpoints` input holds a pool of two or more, DOCKER_HOST with DOCKER_TLS_VERIFY and
 * DOCKER_CERT_PATH (readDockerEnvironment, shared with the CLI); else the local socket.
 */
function defaultEndpoint(given, endpoints, tls, env, mask) {
    if (given !== '') {
        // docker-endpoint may name an `endpoints` entry, as a template's docker_endpoint may.
        if (Object.prototype.hasOwnProperty.call(endpoints, given))
            return { dockerEndpoint: given, dockerEndpointExplicit: true };
        const url = (0,_setting_values_js__WEBPACK_IMPORTED_MODULE_4__/* .checkEndpointUrl */ .LE)(given, "input 'docker-endpoint'");
        const parsed = (0,_spec_endpoint_url_js__WEBPACK_IMPORTED_MODULE_7__/* .parseEndpointUrl */ .yN)(url);
        const misfit = tls && parsed.ok && parsed.endpoint.kind === 'http' ? (0,_spec_endpoints_js__WEBPACK_IMPORTED_MODULE_6__/* .tlsMisfit */ .iA)(parsed.endpoint, url, "input 'docker-endpoint'") : undefined;
        if (misfit)
            throw new _setting_values_js__WEBPACK_IMPORTED_MODULE_4__/* .InputError */ .dz(misfit);
        return { dockerEndpoint: url, dockerEndpointExplicit: true };
    }
    // A pool was given: the user named the endpoints, and the environment does not override them.
    if (Object.keys(endpoints).length >= 2)
        return { dockerEndpoint: _setting_values_js__WEBPACK_IMPORTED_MODULE_4__/* .DEFAULT_DOCKER_ENDPOINT */ .TJ, dockerEndpointExplicit: false };
    const fromEnv = (0,_docker_env_js__WEBPACK_IMPORTED_MODULE_5__/* .readDockerEnvironment */ .U)(env);
    if (!fromEnv)
        return { dockerEndpoint: _setting_values_js__WEBPACK_IMPORTED_MODULE_4__/* .DEFAULT_DOCKER_ENDPOINT */ .TJ, dockerEndpointExplicit: false };
    if (fromEnv.tls?.key)
        (0,_report_mask_js__WEBPACK_IMPORTED_MODULE_3__/* .maskPem */ .rL)(fromEnv.tls.key, mask);
    return { dockerEndpoint: fromEnv.endpoint, dockerEndpointExplicit: true, ...(fromEnv.tls ? { dockerEndpointTls: fromEnv.tls } : {}) };
}
/**
 * Builds Settings from the runner's environment: INPUT_* variables, GITHUB_WORKSPACE,
 * GITHUB_REPOSITORY, GITHUB_RUN_ID, GITHUB_SHA, and where no endpoint is given, DOCKER_HOST,
 * DOCKER_TLS_VERIFY and DOCKER_CERT_PATH. Throws InputError on a bad input.
 */
function readSettings(env = process.env, mask = _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setSecret */ .Pq) {
    const input = (name) => rawInput(env, name);
    const template = input('template');
    const workspace = env.GITHUB_WORKSPACE || process.cwd();
    const repository = (env.GITHUB_REPOSITORY ?? '').split('/').pop() || (0,node_path__WEBPACK_IMPORTED_MODULE_1__.basename)(workspace);
    const tlsKey = input('tls-client-key');
    const sshKey = input('ssh-private-key');
    const githubToken = input('github-token');
    if (githubToken)
        mask(githubToken);
    if (tlsKey)
        (0,_report_mask_js__WEBPACK_IMPORTED_MODULE_3__/* .maskPem */ .rL)(tlsKey, mask);
    if (sshKey)
        (0,_report_mask_js__WEBPACK_IMPORTED_MODULE_3__/* .maskPem */ .rL)(sshKey, mask);
    // Registry passwords and endpoint keys are masked here, before anything below can fail.
    const endpoints = parseEndpoints(input('endpoints'), mask);
    const registryAuth = parseRegistryAuth(input('registry-auth'), mask);
    const tls = tlsOf(input('tls-ca-cert'), input('tls-client-cert'), tlsKey);
    const knownHosts = input('ssh-known-hosts');
    const revision = env.GITHUB_SHA;
    const endpoint = defaultEndpoint(input('docker-endpoint'), endpoints, tls, env, mask);
    return {
        template,
        workspace,
        mode: (0,_setting_values_js__WEBPACK_IMPORTED_MODULE_4__/* .parseMode */ .Zx)(input('mode')),
        stackName: input('stack-name') ? (0,_setting_values_js__WEBPACK_IMPORTED_MODULE_4__/* .checkStackName */ .Qk)(input('stack-name')) : (0,_setting_values_js__WEBPACK_IMPORTED_MODULE_4__/* .defaultStackName */ .Zo)(repository, template),
        parameters: parseParameters(input('parameters')),
        environmentFiles: input('environment-files')
            .split(/\r?\n/)
            .map((l) => l.trim())
            .filter((l) => l !== ''),
        ...endpoint,
        endpoints,
        ...(tls ? { tls } : {}),
        ...(sshKey ? { sshPrivateKey: sshKey } : {}),
        ...(knownHosts ? { sshKnownHosts: knownHosts } : {}),
        registryAuth,
        pull: (0,_setting_values_js__WEBPACK_IMPORTED_MODULE_4__/* .parsePull */ .BT)(input('pull')),
        prune: (0,_setting_values_js__WEBPACK_IMPORTED_MODULE_4__/* .parseBoolean */ .yG)('prune', input('prune')),
        rollback: (0,_setting_values_js__WEBPACK_IMPORTED_MODULE_4__/* .parseBoolean */ .yG)('rollback', input('rollback')),
        waitTimeout: (0,_setting_values_js__WEBPACK_IMPORTED_MODULE_4__/* .parsePositiveInt */ .EJ)('wait-timeout', input('wait-timeout')),
        stableSeconds: (0,_setting_values_js__WEBPACK_IMPORTED_MODULE_4__/* .parseNonNegativeInt */ .Lz)('stable-seconds', input('stable-seconds')),
        maxParallel: (0,_setting_values_js__WEBPACK_IMPORTED_MODULE_4__/* .parsePositiveInt */ .EJ)('max-parallel', input('max-parallel')),
        lockTimeout: (0,_setting_values_js__WEBPACK_IMPORTED_MODULE_4__/* .parsePositiveInt */ .EJ)('lock-timeout', input('lock-timeout')),
        placement: (0,_setting_values_js__WEBPACK_IMPORTED_MODULE_4__/* .parsePlacement */ .vc)(input('placement')),
        target: (0,_setting_values_js__WEBPACK_IMPORTED_MODULE_4__/* .parseTarget */ .hu)(input('target')),
        requireReviewedPlan: (0,_setting_values_js__WEBPACK_IMPORTED_MODULE_4__/* .parseBoolean */ .yG)('require-reviewed-plan', input('require-reviewed-plan')),
        githubToken,
        commentOnPr: (0,_setting_values_js__WEBPACK_IMPORTED_MODULE_4__/* .parseCommentOnPr */ .Gn)(input('comment-on-pr')),
        ...(input('deployment-environment') ? { deploymentEnvironment: input('deployment-environment') } : {}),
        ...(input('environment-url') ? { environmentUrl: input('environment-url') } : {}),
        ...(input('deployment-transient') ? { deploymentTransient: (0,_setting_values_js__WEBPACK_IMPORTED_MODULE_4__/* .parseBoolean */ .yG)('deployment-transient', input('deployment-transient')) } : {}),
        ...(input('deployment-production') ? { deploymentProduction: (0,_setting_values_js__WEBPACK_IMPORTED_MODULE_4__/* .parseBoolean */ .yG)('deployment-production', input('deployment-production')) } : {}),
        runId: env.GITHUB_RUN_ID || `local-${process.pid}`,
        ...(revision ? { revision } : {}),
    };
}


/***/ }),

/***/ 2649:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   C_: () => (/* binding */ readStepState),
/* harmony export */   lF: () => (/* binding */ StepStateWriter)
/* harmony export */ });
/* unused harmony export STATE */
/** The names under which the state is saved. */
const STATE = {
    /** Set by every main step: the post step knows it is the post step (as actions/checkout does). */
    isPost: 'isPost',
    stack: 'stack',
    run: 'run',
    /** JSON: JournalEntry[], what the run changed and has not settled yet. */
    journal: 'journal',
    /** JSON: HeldLock[], the lock containers the run holds. */
    locks: 'locks',
    /** `true` once the run settled (committed or rolled back) and released its locks. */
    settled: 'settled',
};
/**
 * Writes the state as the run goes. Each call appends to the runner's state file synchronously,
 * so what was saved before a SIGKILL is there for the post step.
 */
class StepStateWriter {
    save;
    lastJournal = '[]';
    lastLocks = '[]';
    constructor(save) {
        this.save = save;
    }
    /** The very first thing the main step does, before anything can fail. */
    markMain() {
        this.save(STATE.isPost, 'true');
    }
    /** The run's identity: the post step removes only what carries it. */
    begin(stack, run) {
        this.save(STATE.stack, stack);
        this.save(STATE.run, run);
    }
    /** The rollback journal as it is now (RunOptions.onJournal). */
    journal(entries) {
        const text = JSON.stringify(entries);
        if (text === this.lastJournal)
            return;
        this.lastJournal = text;
        this.save(STATE.journal, text);
    }
    /** The locks held now (RunOptions.onLocks). */
    locks(held) {
        const text = JSON.stringify(held.map(({ endpoint, id }) => ({ endpoint, id })));
        if (text === this.lastLocks)
            return;
        this.lastLocks = text;
        this.save(STATE.locks, text);
    }
    /** True when the journal is settled and no lock is held: nothing for the post step to do. */
    get clean() {
        return this.lastJournal === '[]' && this.lastLocks === '[]';
    }
    /** The run ended by itself: settled when nothing is left to repair. */
    end() {
        if (this.clean)
            this.save(STATE.settled, 'true');
    }
}
function parseList(text, name, valid) {
    if (text.trim() === '')
        return { items: [] };
    try {
        const value = JSON.parse(text);
        if (!Array.isArray(value))
            return { items: [], problem: `state '${name}' is not a list` };
        const items = value.filter(valid);
        return items.length === value.length ? { items } : { items, problem: `state '${name}' has ${value.length - items.length} unreadable entries` };
    }
    catch (err) {
        return { items: [], problem: `state '${name}' is not JSON: ${err.message}` };
    }
}
const isObject = (v) => typeof v === 'object' && v !== null;
const str = (v) => typeof v === 'string' && v !== '';
function isEntry(v) {
    if (!isObject(v) || !str(v.resource) || !str(v.endpoint))
        return false;
    if (v.kind === 'created' || v.kind === 'started')
        return str(v.id);
    if (v.kind !== 'aside' || !isObject(v.aside))
        return false;
    const a = v.aside;
    return str(a.id) && str(a.originalName) && str(a.asideName) && typeof a.wasRunning === 'boolean';
}
function isLock(v) {
    return isObject(v) && str(v.endpoint) && str(v.id);
}
/** Reads the state the main step left; `problems` lists what could not be read. Pure. */
function readStepState(get) {
    const journal = parseList(get(STATE.journal), STATE.journal, isEntry);
    const locks = parseList(get(STATE.locks), STATE.locks, isLock);
    return {
        isPost: get(STATE.isPost) !== '',
        ...(get(STATE.stack) ? { stack: get(STATE.stack) } : {}),
        ...(get(STATE.run) ? { run: get(STATE.run) } : {}),
        journal: journal.items,
        locks: locks.items,
        settled: get(STATE.settled) === 'true',
        problems: [journal.problem, locks.problem].filter((p) => p !== undefined),
    };
}


/***/ })

};
