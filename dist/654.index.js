import { fileURLToPath as __hotdockFileURLToPath } from 'node:url';
import { dirname as __hotdockDirname } from 'node:path';
const __filename = __hotdockFileURLToPath(import.meta.url);
const __dirname = __hotdockDirname(__filename);
export const id = 654;
export const ids = [654];
export const modules = {

/***/ 6654:
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
// EXTERNAL MODULE: ./src/pipeline.ts + 12 modules
var pipeline = __webpack_require__(54);
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
;// CONCATENATED MODULE: ./src/report/summary.ts
/**
 * The job summary: what a reviewer reads in ten seconds. renderSummary is pure (data → markdown)
 * and unit-tested; writeSummary is the only part that talks to the runner. Every template-derived
 * string goes through escape.ts; hidden values through mask.ts; the whole stays under limit.ts's
 * SIZE_LIMIT (GitHub drops a larger summary entirely).
 */






/** One table cell (escape.ts tableCell): kept under this name for callers and tests. */
const cell = (/* unused pure expression or super */ null && (tableCell));
/** A markdown table; every value is escaped here. */
function table(headers, rows) {
    const line = (cells) => `| ${cells.map(report_escape/* tableCell */.xR).join(' | ')} |`;
    return [line(headers), `|${headers.map(() => '---').join('|')}|`, ...rows.map(line)].join('\n');
}
/** Every diagnostic, in source order: severity, file:line:col, code, message. */
function renderDiagnosticsTable(diagnostics) {
    return table(['severity', 'location', 'code', 'message'], (0,src_diagnostics/* sortDiagnostics */.D)(diagnostics).map((d) => [d.severity, `${d.file}:${d.line}:${d.column}`, d.code, d.message]));
}
/** Resource rows: what the report knows, plus planned steps it has no container for (plan mode, removals). */
function renderResourcesTable(resources, plan) {
    const stepOf = (name, endpoint) => plan.find((e) => e.resource === name && (endpoint === undefined || e.endpoint === endpoint)) ??
        plan.find((e) => e.resource === name);
    const actionWhy = (action, step) => step && step.reasons.length ? `${action}: ${step.reasons.join(', ')}` : action;
    const rows = Object.entries(resources).map(([name, r]) => [
        name,
        r.endpoint,
        r.image,
        actionWhy(r.action, stepOf(name, r.endpoint)),
        r.container_name ? `${r.container_name}${r.container_id ? ` (${r.container_id.slice(0, 12)})` : ''}` : '',
        r.ports.join('\n'),
        (0,format/* formatSeconds */.Xo)(r.seconds),
    ]);
    for (const step of plan) {
        if (resources[step.resource] && resources[step.resource].endpoint === step.endpoint)
            continue;
        rows.push([step.resource, step.endpoint, '', actionWhy(step.action, step), '', '', '']);
    }
    return table(['resource', 'endpoint', 'image', 'action', 'container', 'ports', 'time'], rows);
}
/** An output's value as shown: strings as they are, anything else as JSON. */
function shown(value) {
    return typeof value === 'string' ? value : JSON.stringify(value) ?? '';
}
/** The template's outputs: strings as they are, anything else as JSON. */
function renderOutputsTable(outputs) {
    return table(['output', 'value'], Object.entries(outputs).map(([k, v]) => [k, shown(v)]));
}
const VERB = { validate: 'validation', plan: 'plan', deploy: 'deploy', destroy: 'destroy' };
function compose({ data, diagnostics, report, outputs }) {
    const errorCount = diagnostics.filter((d) => d.severity === 'error').length;
    const failed = Boolean(data.error) || errorCount > 0 || report?.result === 'failure';
    const out = [];
    out.push(`## ${failed ? '❌' : '✅'} hotdock ${VERB[data.mode]} of stack ${(0,report_escape/* inlineCode */.ti)(data.stackName)}`);
    const facts = [`template ${(0,report_escape/* inlineCode */.ti)(data.template)}`, `result <b>${failed ? 'failure' : 'success'}</b>`];
    // A plan changes nothing: say what a deploy would do instead.
    if (report)
        facts.push(`${data.mode === 'plan' ? 'would change' : 'changed'} <b>${report.changed ? 'yes' : 'no'}</b>`);
    facts.push((0,format/* countDiagnostics */.ii)(diagnostics));
    out.push(facts.join(' · '));
    const error = data.error ?? report?.error;
    if (error)
        out.push(`> [!CAUTION]\n> ${(0,report_escape/* tableCell */.xR)(error)}`);
    if (errorCount > 0)
        out.push(`Nothing was ${data.mode === 'destroy' ? 'removed' : 'deployed'}: the template has ${errorCount} error${errorCount === 1 ? '' : 's'}.`);
    if (diagnostics.length)
        out.push('### Diagnostics', renderDiagnosticsTable(diagnostics));
    if (report) {
        if (Object.keys(report.resources).length || report.plan.length) {
            out.push('### Resources', renderResourcesTable(report.resources, report.plan));
        }
        out.push('### Plan', (0,report_escape/* codeBlock */.DV)((0,format/* renderPlanText */.$D)(report.plan, report.planGraph)));
        if (outputs.length)
            out.push('### Outputs', table(['output', 'value'], outputs));
        if (report.warnings.length)
            out.push('### Warnings', report.warnings.map((w) => `- ${(0,report_escape/* tableCell */.xR)(w)}`).join('\n'));
        if (report.result === 'failure' && data.mode === 'deploy') {
            out.push('### Rollback', report.rolledBack.length
                ? `Restored the containers that were running before: ${report.rolledBack.map((r) => (0,report_escape/* inlineCode */.ti)(r)).join(', ')}.`
                : 'No container needed restoring: nothing that was running before was removed.');
        }
    }
    // Last line of defence: a secret that reached a message some other way.
    return (0,report_mask/* redact */.E$)(out.join('\n\n') + '\n', [...data.secrets]);
}
/**
 * The whole summary as markdown, at most `limit` bytes. Too big, output values give way first,
 * those read from container logs before the others, each keeping its tail behind a
 * `… N bytes truncated` line; if that is not enough, the summary is cut at the end with a note.
 */
function renderSummary(data, limit = report_limit/* SIZE_LIMIT */.uE) {
    const secrets = [...data.secrets];
    const report = data.report ? { ...(0,report_mask/* redactValue */.FI)(data.report, secrets), outputs: (0,report_mask/* redactOutputs */.US)(data.report.outputs, secrets) } : undefined;
    // Secrets are masked before anything is cut: a cut through a secret would show the rest of it.
    const full = Object.entries(report?.outputs ?? {}).map(([k, v]) => [k, shown(v)]);
    // No single value can take more than the whole: cut those at once (the note counts from the full text).
    const outputs = full.map(([k, v]) => [k, (0,report_limit/* keepTail */.G9)(v, limit, report_limit/* cellCost */.kD).text]);
    const parts = { data, diagnostics: (0,report_mask/* redactValue */.FI)([...data.diagnostics], secrets), report, outputs };
    let md = compose(parts);
    const logs = new Set(data.logOutputs ?? []);
    const order = outputs
        .map((o, i) => ({ i, log: logs.has(o[0]), size: o[1].length }))
        .sort((a, b) => Number(b.log) - Number(a.log) || b.size - a.size);
    for (const { i } of order) {
        const excess = (0,report_limit/* byteSize */.mz)(md) - limit;
        if (excess <= 0)
            break;
        const budget = Math.max(0, (0,report_limit/* byteSize */.mz)((0,report_escape/* tableCell */.xR)(outputs[i][1])) - excess);
        outputs[i][1] = (0,report_limit/* keepTail */.G9)(full[i][1], budget, report_limit/* cellCost */.kD).text;
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

// EXTERNAL MODULE: ./src/report/outputs.ts
var report_outputs = __webpack_require__(5468);
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
    return {
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
    let settings;
    let result = { diagnostics: [], secrets: [] };
    const { cancel, state } = control;
    let reported = false;
    // A cancel whose cleanup outlasts its deadline still ends with outputs and a summary (cancel.ts).
    cancel?.beforeExit(async () => {
        if (reported)
            return;
        const error = `cancelled by ${cancel.received}: the cleanup did not finish in time; the post step repairs what is left`;
        for (const [name, value] of Object.entries((0,report_outputs/* outputValues */.u)(undefined, true, { secrets, limit: report_limit/* SIZE_LIMIT */.uE })))
            core/* setOutput */.uH(name, value);
        core/* setFailed */.C1(error);
        if (settings) {
            const { template, mode, stackName } = settings;
            await writeSummary(renderSummary({ template, mode, stackName, diagnostics: result.diagnostics, error, secrets }));
        }
    });
    try {
        settings = (0,inputs/* readSettings */.sb)(env, mask);
        state?.begin(settings.stackName, settings.runId);
        core/* info */.pq((0,report_escape/* safeLogLine */.AL)(`hotdock ${settings.mode} of stack ${settings.stackName} from ${settings.template}`));
        result = await (0,pipeline/* runPipeline */.aI)(settings, actionLog(() => secrets), {
            stages,
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
        result = { ...result, error: messageOf(err) };
    }
    state?.end();
    reported = true;
    if (cancel?.received)
        result = { ...result, error: (0,src_cancel/* cancelledError */.YQ)(cancel.received, result.error) };
    try {
        const outputs = (0,report_outputs/* outputValues */.u)(result.report, Boolean(result.error), {
            secrets,
            limit: report_limit/* SIZE_LIMIT */.uE,
            logOutputs: result.logOutputs,
            onTruncated: (name) => core/* warning */.$e(`The '${name}' output was larger than GitHub keeps (1 MiB): its largest values, container logs first, were cut to their tail behind '… N bytes truncated'.`),
        });
        for (const [name, value] of Object.entries(outputs)) {
            core/* setOutput */.uH(name, value);
        }
        if (settings) {
            await writeSummary(renderSummary({
                template: settings.template,
                mode: settings.mode,
                stackName: settings.stackName,
                diagnostics: result.diagnostics,
                report: result.report,
                error: result.error,
                secrets,
                logOutputs: result.logOutputs,
            }));
        }
        else if (result.error) {
            await writeSummary(renderInputFailure(result.error, secrets));
        }
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


/***/ })

};
