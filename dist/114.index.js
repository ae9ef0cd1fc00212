import { fileURLToPath as __hotdockFileURLToPath } from 'node:url';
import { dirname as __hotdockDirname } from 'node:path';
const __filename = __hotdockFileURLToPath(import.meta.url);
const __dirname = __hotdockDirname(__filename);
export const id = 114;
export const ids = [114];
export const modules = {

/***/ 1114:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  actionLog: () => (/* binding */ actionLog),
  run: () => (/* binding */ run)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 14 modules
var core = __webpack_require__(6421);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./node_modules/js-yaml/dist/js-yaml.mjs
var js_yaml = __webpack_require__(3243);
// EXTERNAL MODULE: ./src/report/mask.ts
var report_mask = __webpack_require__(9488);
// EXTERNAL MODULE: ./src/setting-values.ts
var setting_values = __webpack_require__(4902);
;// CONCATENATED MODULE: ./src/inputs.ts
/**
 * Reads the action's inputs into the one typed Settings object. Every input is checked here, so
 * a typo fails the step before anything touches a template or an endpoint, with a message that
 * names the input, the value and what was expected. Secrets are masked as they are read.
 */






/** Every action input, keyed by its action.yml name, with the default action.yml declares. */
const INPUTS = {
    template: { required: true },
    mode: { default: setting_values/* DEFAULTS */.zY.mode },
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
    pull: { default: setting_values/* DEFAULTS */.zY.pull },
    prune: { default: String(setting_values/* DEFAULTS */.zY.prune) },
    rollback: { default: String(setting_values/* DEFAULTS */.zY.rollback) },
    'wait-timeout': { default: String(setting_values/* DEFAULTS */.zY.waitTimeout) },
    'max-parallel': { default: String(setting_values/* DEFAULTS */.zY.maxParallel) },
    'lock-timeout': { default: String(setting_values/* DEFAULTS */.zY.lockTimeout) },
};
const ENDPOINT_KEYS = ['url', 'tls-ca-cert', 'tls-client-cert', 'tls-client-key', 'ssh-private-key', 'ssh-known-hosts'];
/** Reads an input the way @actions/core does (INPUT_<NAME>, spaces → '_', trimmed), falling back to its default. */
function rawInput(env, name) {
    const value = (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
    if (value !== '')
        return value;
    const spec = INPUTS[name];
    if (spec.required)
        throw new setting_values/* InputError */.dz(`Input required and not supplied: ${name}`);
    return spec.default ?? '';
}
/** Parses a YAML (or JSON, a subset of YAML) input that must be a mapping. */
function parseMapping(name, text, expected) {
    if (text === '')
        return {};
    let doc;
    try {
        doc = js_yaml/* load */.Hh(text);
    }
    catch (err) {
        // The reason and position only: the snippet js-yaml quotes could hold a secret.
        const e = err;
        const where = e.mark ? ` at line ${e.mark.line + 1}, column ${e.mark.column + 1}` : '';
        throw new setting_values/* InputError */.dz(`Invalid input '${name}': not valid YAML or JSON (${e.reason ?? 'parse error'}${where}). Expected ${expected}`);
    }
    if (doc === null || doc === undefined)
        return {};
    if (typeof doc !== 'object' || Array.isArray(doc)) {
        throw new setting_values/* InputError */.dz(`Invalid input '${name}': expected ${expected}, got ${Array.isArray(doc) ? 'a list' : 'a scalar'}`);
    }
    return doc;
}
function optionalString(name, entry, key, value) {
    if (value === undefined || value === null || value === '')
        return undefined;
    if (typeof value !== 'string')
        throw new setting_values/* InputError */.dz(`Invalid input '${name}': '${entry}'.${key} must be a string`);
    return value;
}
function tlsOf(ca, cert, key, where = 'inputs') {
    if (!ca && !cert && !key)
        return undefined;
    if (!cert !== !key) {
        throw new setting_values/* InputError */.dz(`Invalid ${where}: tls-client-cert and tls-client-key go together; give both or neither`);
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
            out[name] = { url: (0,setting_values/* checkEndpointUrl */.LE)(value, where) };
            continue;
        }
        if (!value || typeof value !== 'object' || Array.isArray(value)) {
            throw new setting_values/* InputError */.dz(`Invalid input 'endpoints': entry '${name}' must be a URL or a mapping with 'url'`);
        }
        const map = value;
        const unknown = Object.keys(map).filter((k) => !ENDPOINT_KEYS.includes(k));
        if (unknown.length) {
            throw new setting_values/* InputError */.dz(`Invalid input 'endpoints': entry '${name}' has unknown key '${unknown[0]}'. Expected ${(0,setting_values/* oneOf */.yL)(ENDPOINT_KEYS)}`);
        }
        const url = optionalString('endpoints', name, 'url', map.url);
        if (!url)
            throw new setting_values/* InputError */.dz(`Invalid input 'endpoints': entry '${name}' has no 'url'`);
        const key = optionalString('endpoints', name, 'tls-client-key', map['tls-client-key']);
        const sshKey = optionalString('endpoints', name, 'ssh-private-key', map['ssh-private-key']);
        if (key)
            (0,report_mask/* maskPem */.rL)(key, mask);
        if (sshKey)
            (0,report_mask/* maskPem */.rL)(sshKey, mask);
        const tls = tlsOf(optionalString('endpoints', name, 'tls-ca-cert', map['tls-ca-cert']), optionalString('endpoints', name, 'tls-client-cert', map['tls-client-cert']), key, where);
        const knownHosts = optionalString('endpoints', name, 'ssh-known-hosts', map['ssh-known-hosts']);
        out[name] = {
            url: (0,setting_values/* checkEndpointUrl */.LE)(url, where),
            ...(tls ? { tls } : {}),
            ...(sshKey ? { sshPrivateKey: sshKey } : {}),
            ...(knownHosts ? { sshKnownHosts: knownHosts } : {}),
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
            throw new setting_values/* InputError */.dz(`Invalid input 'registry-auth': registry '${host}' needs {username, password}`);
        }
        if ((typeof password !== 'string' && typeof password !== 'number') || password === '') {
            throw new setting_values/* InputError */.dz(`Invalid input 'registry-auth': registry '${host}' has no password`);
        }
        out[host] = { username: String(username), password: String(password) };
        for (const s of (0,report_mask/* registryCredentialSecrets */.YH)(out[host], host))
            mask(s);
    }
    return out;
}
/** Parses the `parameters` input (YAML or JSON mapping). */
function parseParameters(text) {
    return parseMapping('parameters', text, 'a YAML or JSON mapping of parameter name → value');
}
/**
 * Builds Settings from the runner's environment: INPUT_* variables, GITHUB_WORKSPACE,
 * GITHUB_REPOSITORY, GITHUB_RUN_ID, GITHUB_SHA and DOCKER_HOST. Throws InputError on a bad input.
 */
function readSettings(env = process.env, mask = core/* setSecret */.Pq) {
    const input = (name) => rawInput(env, name);
    const template = input('template');
    const workspace = env.GITHUB_WORKSPACE || process.cwd();
    const repository = (env.GITHUB_REPOSITORY ?? '').split('/').pop() || (0,external_node_path_.basename)(workspace);
    const tlsKey = input('tls-client-key');
    const sshKey = input('ssh-private-key');
    if (tlsKey)
        (0,report_mask/* maskPem */.rL)(tlsKey, mask);
    if (sshKey)
        (0,report_mask/* maskPem */.rL)(sshKey, mask);
    const givenEndpoint = input('docker-endpoint') || (env.DOCKER_HOST ?? '').trim();
    // Registry passwords and endpoint keys are masked here, before anything below can fail.
    const endpoints = parseEndpoints(input('endpoints'), mask);
    const registryAuth = parseRegistryAuth(input('registry-auth'), mask);
    const tls = tlsOf(input('tls-ca-cert'), input('tls-client-cert'), tlsKey);
    const knownHosts = input('ssh-known-hosts');
    const revision = env.GITHUB_SHA;
    return {
        template,
        workspace,
        mode: (0,setting_values/* parseMode */.Zx)(input('mode')),
        stackName: input('stack-name') ? (0,setting_values/* checkStackName */.Qk)(input('stack-name')) : (0,setting_values/* defaultStackName */.Zo)(repository, template),
        parameters: parseParameters(input('parameters')),
        environmentFiles: input('environment-files')
            .split(/\r?\n/)
            .map((l) => l.trim())
            .filter((l) => l !== ''),
        // docker-endpoint may name an `endpoints` entry, as a template's docker_endpoint may.
        dockerEndpoint: givenEndpoint === ''
            ? setting_values/* DEFAULT_DOCKER_ENDPOINT */.TJ
            : Object.prototype.hasOwnProperty.call(endpoints, givenEndpoint)
                ? givenEndpoint
                : (0,setting_values/* checkEndpointUrl */.LE)(givenEndpoint, input('docker-endpoint') ? "input 'docker-endpoint'" : 'DOCKER_HOST'),
        dockerEndpointExplicit: givenEndpoint !== '',
        endpoints,
        ...(tls ? { tls } : {}),
        ...(sshKey ? { sshPrivateKey: sshKey } : {}),
        ...(knownHosts ? { sshKnownHosts: knownHosts } : {}),
        registryAuth,
        pull: (0,setting_values/* parsePull */.BT)(input('pull')),
        prune: (0,setting_values/* parseBoolean */.yG)('prune', input('prune')),
        rollback: (0,setting_values/* parseBoolean */.yG)('rollback', input('rollback')),
        waitTimeout: (0,setting_values/* parsePositiveInt */.EJ)('wait-timeout', input('wait-timeout')),
        maxParallel: (0,setting_values/* parsePositiveInt */.EJ)('max-parallel', input('max-parallel')),
        lockTimeout: (0,setting_values/* parsePositiveInt */.EJ)('lock-timeout', input('lock-timeout')),
        runId: env.GITHUB_RUN_ID || `local-${process.pid}`,
        ...(revision ? { revision } : {}),
    };
}

// EXTERNAL MODULE: ./src/pipeline.ts + 12 modules
var pipeline = __webpack_require__(54);
// EXTERNAL MODULE: ./src/diagnostics.ts
var src_diagnostics = __webpack_require__(4851);
// EXTERNAL MODULE: ./src/report/format.ts
var format = __webpack_require__(2011);
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
            message: d.message,
            properties: { title: d.code, file: d.file, startLine: d.line, startColumn: d.column },
        });
    }
    return { annotations, omitted, rest };
}
/** Emits the annotations through @actions/core; the rest go to the log as plain lines. */
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
            core/* info */.pq((0,format/* formatDiagnostic */.xy)(d));
    }
}

;// CONCATENATED MODULE: ./src/report/summary.ts
/**
 * The job summary: what a reviewer reads in ten seconds. renderSummary is pure (data → markdown)
 * and unit-tested; writeSummary is the only part that talks to the runner.
 */




/** Text for HTML/markdown: the summary is rendered as GitHub-flavoured markdown with HTML. */
function escapeHtml(text) {
    return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
/** One table cell: escaped, pipes kept out of the table syntax, newlines as <br>. */
function cell(text) {
    return escapeHtml(text).replace(/\|/g, '&#124;').replace(/\r?\n/g, '<br>');
}
/** Inline code that survives any content (a backtick in a path would end a markdown code span). */
function code(text) {
    return `<code>${escapeHtml(text)}</code>`;
}
/** A markdown table; every value is escaped here. */
function table(headers, rows) {
    const line = (cells) => `| ${cells.map(cell).join(' | ')} |`;
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
/** The template's outputs: strings as they are, anything else as JSON. */
function renderOutputsTable(outputs) {
    return table(['output', 'value'], Object.entries(outputs).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v) ?? '']));
}
const VERB = { validate: 'validation', plan: 'plan', deploy: 'deploy', destroy: 'destroy' };
/** The whole summary as markdown. */
function renderSummary(data) {
    const secrets = data.secrets;
    const diagnostics = (0,report_mask/* redactValue */.FI)([...data.diagnostics], [...secrets]);
    const report = data.report ? (0,report_mask/* redactValue */.FI)(data.report, [...secrets]) : undefined;
    const errorCount = diagnostics.filter((d) => d.severity === 'error').length;
    const failed = Boolean(data.error) || errorCount > 0 || report?.result === 'failure';
    const out = [];
    out.push(`## ${failed ? '❌' : '✅'} hotdock ${VERB[data.mode]} of stack ${code(data.stackName)}`);
    const facts = [`template ${code(data.template)}`, `result <b>${failed ? 'failure' : 'success'}</b>`];
    // A plan changes nothing: say what a deploy would do instead.
    if (report)
        facts.push(`${data.mode === 'plan' ? 'would change' : 'changed'} <b>${report.changed ? 'yes' : 'no'}</b>`);
    facts.push((0,format/* countDiagnostics */.ii)(diagnostics));
    out.push(facts.join(' · '));
    const error = data.error ?? report?.error;
    if (error)
        out.push(`> [!CAUTION]\n> ${cell(error)}`);
    if (errorCount > 0)
        out.push(`Nothing was ${data.mode === 'destroy' ? 'removed' : 'deployed'}: the template has ${errorCount} error${errorCount === 1 ? '' : 's'}.`);
    if (diagnostics.length)
        out.push('### Diagnostics', renderDiagnosticsTable(diagnostics));
    if (report) {
        if (Object.keys(report.resources).length || report.plan.length) {
            out.push('### Resources', renderResourcesTable(report.resources, report.plan));
        }
        out.push('### Plan', '```text\n' + (0,format/* renderPlanText */.$D)(report.plan) + '\n```');
        if (Object.keys(report.outputs).length)
            out.push('### Outputs', renderOutputsTable(report.outputs));
        if (report.warnings.length)
            out.push('### Warnings', report.warnings.map((w) => `- ${cell(w)}`).join('\n'));
        if (report.result === 'failure' && data.mode === 'deploy') {
            out.push('### Rollback', report.rolledBack.length
                ? `Restored the containers that were running before: ${report.rolledBack.map((r) => code(r)).join(', ')}.`
                : 'No container needed restoring: nothing that was running before was removed.');
        }
    }
    // Last line of defence: a secret that reached a message some other way.
    return (0,report_mask/* redact */.E$)(out.join('\n\n') + '\n', [...secrets]);
}
/** The summary of a run that stopped at its inputs: no template was read. */
function renderInputFailure(message, secrets) {
    return (0,report_mask/* redact */.E$)(`## ❌ hotdock: the step's inputs are invalid\n\n> [!CAUTION]\n> ${cell(message)}\n\nNothing was read or deployed.\n`, [...secrets]);
}
/** Appends the rendered summary to the job summary file (no-op outside a runner). */
async function writeSummary(markdown) {
    if (!process.env.GITHUB_STEP_SUMMARY)
        return;
    await core/* summary */.z.addRaw(markdown).write();
}

// EXTERNAL MODULE: ./src/report/outputs.ts
var outputs = __webpack_require__(5468);
;// CONCATENATED MODULE: ./src/main.ts
/**
 * The action: inputs → validate → (plan | deploy | destroy) → report. The one place that catches:
 * every stage below throws or returns failures, and this file turns them into a failed step with
 * outputs and a summary still written.
 */







/** Progress for the workflow log: `web: creating` lines, warnings as annotations. */
function actionLog(secrets) {
    return {
        info: (m) => core/* info */.pq((0,report_mask/* redact */.E$)(m, secrets())),
        warning: (m) => core/* warning */.$e((0,report_mask/* redact */.E$)(m, secrets())),
        progress: (resource, m) => core/* info */.pq((0,report_mask/* redact */.E$)(`${resource}: ${m}`, secrets())),
    };
}
function messageOf(err) {
    return err instanceof Error ? err.message : String(err);
}
/** The action's entry: never throws; a failure ends as setFailed with outputs and summary written. */
async function run(env = process.env, stages = pipeline/* realStages */.Em) {
    const secrets = [];
    const mask = (s) => {
        core/* setSecret */.Pq(s);
        secrets.push(s);
    };
    let settings;
    let result = { diagnostics: [], secrets: [] };
    try {
        settings = readSettings(env, mask);
        core/* info */.pq(`hotdock ${settings.mode} of stack ${settings.stackName} from ${settings.template}`);
        result = await (0,pipeline/* runPipeline */.aI)(settings, actionLog(() => secrets), {
            stages,
            onValidated: (diagnostics, hidden) => {
                hidden.forEach(mask);
                emitAnnotations(diagnostics);
            },
        });
    }
    catch (err) {
        result = { ...result, error: messageOf(err) };
    }
    try {
        for (const [name, value] of Object.entries((0,outputs/* outputValues */.u)(result.report, Boolean(result.error), secrets))) {
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
            }));
        }
        else if (result.error) {
            await writeSummary(renderInputFailure(result.error, secrets));
        }
    }
    catch (err) {
        // The run's own result matters more than its report: say so, and keep the real outcome.
        core/* warning */.$e(`Could not write the step's outputs or summary: ${(0,report_mask/* redact */.E$)(messageOf(err), secrets)}`);
    }
    if (result.error)
        core/* setFailed */.C1((0,report_mask/* redact */.E$)(result.error, secrets));
}


/***/ })

};
