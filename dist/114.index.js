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
// EXTERNAL MODULE: ./src/docker-env.ts
var docker_env = __webpack_require__(1793);
// EXTERNAL MODULE: ./src/spec/endpoints.ts
var spec_endpoints = __webpack_require__(7969);
// EXTERNAL MODULE: ./src/spec/endpoint-url.ts
var endpoint_url = __webpack_require__(1434);
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
    'stable-seconds': { default: String(setting_values/* DEFAULTS */.zY.stableSeconds) },
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
        const checked = (0,setting_values/* checkEndpointUrl */.LE)(url, where);
        const parsed = (0,endpoint_url/* parseEndpointUrl */.yN)(checked);
        const misfit = tls && parsed.ok ? (0,spec_endpoints/* tlsMisfit */.iA)(parsed.endpoint, checked, `Invalid input 'endpoints': entry '${name}'`) : undefined;
        if (misfit)
            throw new setting_values/* InputError */.dz(misfit);
        out[name] = {
            url: checked,
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
 * The default endpoint: the docker-endpoint input (a URL or an `endpoints` name); else, unless the
 * `endpoints` input holds a pool of two or more, DOCKER_HOST with DOCKER_TLS_VERIFY and
 * DOCKER_CERT_PATH (readDockerEnvironment, shared with the CLI); else the local socket.
 */
function defaultEndpoint(given, endpoints, tls, env, mask) {
    if (given !== '') {
        // docker-endpoint may name an `endpoints` entry, as a template's docker_endpoint may.
        if (Object.prototype.hasOwnProperty.call(endpoints, given))
            return { dockerEndpoint: given, dockerEndpointExplicit: true };
        const url = (0,setting_values/* checkEndpointUrl */.LE)(given, "input 'docker-endpoint'");
        const parsed = (0,endpoint_url/* parseEndpointUrl */.yN)(url);
        const misfit = tls && parsed.ok && parsed.endpoint.kind === 'http' ? (0,spec_endpoints/* tlsMisfit */.iA)(parsed.endpoint, url, "input 'docker-endpoint'") : undefined;
        if (misfit)
            throw new setting_values/* InputError */.dz(misfit);
        return { dockerEndpoint: url, dockerEndpointExplicit: true };
    }
    // A pool was given: the user named the endpoints, and the environment does not override them.
    if (Object.keys(endpoints).length >= 2)
        return { dockerEndpoint: setting_values/* DEFAULT_DOCKER_ENDPOINT */.TJ, dockerEndpointExplicit: false };
    const fromEnv = (0,docker_env/* readDockerEnvironment */.U)(env);
    if (!fromEnv)
        return { dockerEndpoint: setting_values/* DEFAULT_DOCKER_ENDPOINT */.TJ, dockerEndpointExplicit: false };
    if (fromEnv.tls?.key)
        (0,report_mask/* maskPem */.rL)(fromEnv.tls.key, mask);
    return { dockerEndpoint: fromEnv.endpoint, dockerEndpointExplicit: true, ...(fromEnv.tls ? { dockerEndpointTls: fromEnv.tls } : {}) };
}
/**
 * Builds Settings from the runner's environment: INPUT_* variables, GITHUB_WORKSPACE,
 * GITHUB_REPOSITORY, GITHUB_RUN_ID, GITHUB_SHA, and where no endpoint is given, DOCKER_HOST,
 * DOCKER_TLS_VERIFY and DOCKER_CERT_PATH. Throws InputError on a bad input.
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
        mode: (0,setting_values/* parseMode */.Zx)(input('mode')),
        stackName: input('stack-name') ? (0,setting_values/* checkStackName */.Qk)(input('stack-name')) : (0,setting_values/* defaultStackName */.Zo)(repository, template),
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
        pull: (0,setting_values/* parsePull */.BT)(input('pull')),
        prune: (0,setting_values/* parseBoolean */.yG)('prune', input('prune')),
        rollback: (0,setting_values/* parseBoolean */.yG)('rollback', input('rollback')),
        waitTimeout: (0,setting_values/* parsePositiveInt */.EJ)('wait-timeout', input('wait-timeout')),
        stableSeconds: (0,setting_values/* parseNonNegativeInt */.Lz)('stable-seconds', input('stable-seconds')),
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
        out.push('### Plan', (0,report_escape/* codeBlock */.DV)((0,format/* renderPlanText */.$D)(report.plan)));
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
async function run(env = process.env, stages = pipeline/* realStages */.Em) {
    const secrets = [];
    // Every secret is redacted by hotdock; the runner's masker gets those long enough to mask (mask.ts).
    const mask = (s) => {
        (0,report_mask/* registerSecret */.cl)(s, core/* setSecret */.Pq);
        secrets.push(s);
    };
    let settings;
    let result = { diagnostics: [], secrets: [] };
    try {
        settings = readSettings(env, mask);
        core/* info */.pq((0,report_escape/* safeLogLine */.AL)(`hotdock ${settings.mode} of stack ${settings.stackName} from ${settings.template}`));
        result = await (0,pipeline/* runPipeline */.aI)(settings, actionLog(() => secrets), {
            stages,
            onValidated: (diagnostics, hidden) => {
                hidden.forEach(mask);
                emitAnnotations((0,report_mask/* redactValue */.FI)(diagnostics, secrets));
            },
        });
    }
    catch (err) {
        result = { ...result, error: messageOf(err) };
    }
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


/***/ }),

/***/ 7969:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   GR: () => (/* binding */ plainTcpWarning),
/* harmony export */   fb: () => (/* binding */ placeResources),
/* harmony export */   iA: () => (/* binding */ tlsMisfit),
/* harmony export */   qQ: () => (/* binding */ defaultPool)
/* harmony export */ });
/* unused harmony export endpointTargetFor */
/* harmony import */ var _endpoint_url_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1434);

function hasTls(tls) {
    return tls !== undefined && Boolean(tls.ca || tls.cert || tls.key);
}
/** A client cert without its key (or the reverse) cannot work: say so before any connection. */
function tlsProblem(tls, where) {
    if (tls.cert && !tls.key)
        return `${where}: tls-client-cert is given without tls-client-key`;
    if (tls.key && !tls.cert)
        return `${where}: tls-client-key is given without tls-client-cert`;
    return undefined;
}
/**
 * The refusal for TLS material given to an endpoint that cannot use it: unix:// and ssh:// never
 * speak TLS, and http:// says plain HTTP in so many words. Dropping the material silently would
 * send in clear what the user meant to protect. Undefined when the material can apply.
 */
function tlsMisfit(parsed, url, where) {
    if (parsed.kind === 'tcp' || parsed.kind === 'https')
        return undefined;
    const shown = (0,_endpoint_url_js__WEBPACK_IMPORTED_MODULE_0__/* .redactEndpointUrl */ .md)(url);
    const why = parsed.kind === 'http'
        ? `'${shown}' is plain HTTP (http:// never uses TLS): write tcp://${(0,_endpoint_url_js__WEBPACK_IMPORTED_MODULE_0__/* .formatHostPort */ .zc)(parsed.host, parsed.port)} or https://${(0,_endpoint_url_js__WEBPACK_IMPORTED_MODULE_0__/* .formatHostPort */ .zc)(parsed.host, parsed.port)} to use TLS`
        : `'${shown}' is a ${parsed.kind}:// endpoint, which does not use TLS: remove the TLS material, or use a tcp:// endpoint`;
    return `${where}: TLS material (tls-ca-cert, tls-client-cert, tls-client-key) is given, but ${why}`;
}
/**
 * Resolves a resource's `docker_endpoint` into a target. `ref` is an `endpoints` name or a URL;
 * undefined (or blank) means `settings.dockerEndpoint`. TLS: a named entry's own material, else
 * (for the default endpoint from DOCKER_HOST) `settings.dockerEndpointTls`, else `settings.tls`,
 * for tcp:// (and bare host:port) and https:// endpoints. An entry's own material on a unix://,
 * ssh:// or http:// URL, and the shared tls-* material on an http:// URL, are refused (tlsMisfit).
 * ssh: the entry's key and known hosts, else the settings'.
 */
function endpointTargetFor(ref, settings) {
    const wanted = ref === undefined || ref.trim() === '' ? settings.dockerEndpoint : ref.trim();
    const entry = Object.prototype.hasOwnProperty.call(settings.endpoints, wanted)
        ? settings.endpoints[wanted]
        : undefined;
    const url = entry ? entry.url.trim() : wanted;
    const parsed = (0,_endpoint_url_js__WEBPACK_IMPORTED_MODULE_0__/* .parseEndpointUrl */ .yN)(url);
    if (!parsed.ok) {
        if (entry)
            return { ok: false, message: `endpoints entry '${wanted}': ${parsed.message}` };
        return { ok: false, message: unknownMessage(wanted, parsed.message, settings) };
    }
    const endpoint = parsed.endpoint;
    const target = { name: entry ? wanted : url, url, parsed: endpoint };
    const where = entry ? `endpoints entry '${wanted}'` : `endpoint '${(0,_endpoint_url_js__WEBPACK_IMPORTED_MODULE_0__/* .redactEndpointUrl */ .md)(url)}'`;
    const fromEnv = !entry && url === settings.dockerEndpoint && hasTls(settings.dockerEndpointTls) ? settings.dockerEndpointTls : undefined;
    const own = hasTls(entry?.tls) ? entry?.tls : fromEnv;
    const shared = hasTls(settings.tls) ? settings.tls : undefined;
    // An entry's own material is meant for it; the shared inputs are meant for every TLS-capable
    // endpoint, and only http:// contradicts them outright.
    const misfit = own ? tlsMisfit(endpoint, url, where) : shared && endpoint.kind === 'http' ? tlsMisfit(endpoint, url, where) : undefined;
    if (misfit)
        return { ok: false, message: misfit };
    if (endpoint.kind === 'tcp' || endpoint.kind === 'https') {
        const tls = own ?? shared;
        if (tls) {
            const problem = tlsProblem(tls, where);
            if (problem)
                return { ok: false, message: problem };
            target.tls = { ...tls };
        }
    }
    if (endpoint.kind === 'ssh') {
        const key = entry?.sshPrivateKey || settings.sshPrivateKey;
        const known = entry?.sshKnownHosts || settings.sshKnownHosts;
        if (key)
            target.sshPrivateKey = key;
        if (known)
            target.sshKnownHosts = known;
    }
    return { ok: true, target };
}
/** A word that is neither a known name nor a URL is most likely a misspelt `endpoints` name. */
function unknownMessage(wanted, parseMessage, settings) {
    const names = Object.keys(settings.endpoints).sort();
    if (!/^[A-Za-z0-9_.-]+$/.test(wanted))
        return parseMessage;
    const known = names.length > 0 ? `known names: ${names.join(', ')}` : 'the endpoints input is empty';
    return `Unknown endpoint '${wanted}': not a name from the endpoints input (${known}) and not a URL. Expected a name or ${_endpoint_url_js__WEBPACK_IMPORTED_MODULE_0__/* .EXPECTED_FORMS */ .TB}`;
}
/**
 * The warning for an endpoint reached over plain TCP (tcp:// without TLS, or http://) on a host
 * other than this machine: the Docker API gives root on that host to anyone who can reach the port.
 */
function plainTcpWarning(target) {
    const p = target.parsed;
    if (p.kind !== 'tcp' && p.kind !== 'http')
        return undefined;
    if (p.kind === 'tcp' && hasTls(target.tls))
        return undefined;
    if ((0,_endpoint_url_js__WEBPACK_IMPORTED_MODULE_0__/* .isLoopbackHost */ .cW)(p.host))
        return undefined;
    return (`Docker endpoint '${target.name}' uses plain TCP without TLS to ${(0,_endpoint_url_js__WEBPACK_IMPORTED_MODULE_0__/* .formatHostPort */ .zc)(p.host, p.port)}: ` +
        'anyone who can reach that port has root access without authentication. ' +
        'Give tls-ca-cert, tls-client-cert and tls-client-key (with tcp://), or use ssh://user@host.');
}
/**
 * Where resources that name no endpoint go. With two or more `endpoints` entries and no explicit
 * docker-endpoint (input or DOCKER_HOST): every entry, in name order. Otherwise the one default
 * endpoint. Throws an Error with an actionable message when an endpoint is invalid.
 */
function defaultPool(settings) {
    const names = Object.keys(settings.endpoints).sort(byName);
    const refs = names.length >= 2 && !settings.dockerEndpointExplicit ? names : [settings.dockerEndpoint];
    return refs.map((ref) => {
        const r = endpointTargetFor(ref, settings);
        if (!r.ok)
            throw new Error(r.message);
        return r.target;
    });
}
/** Code-point order: the same in every locale, so placement never depends on the runner. */
function byName(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
}
/** Two spellings of the same engine (a name and its URL) count as one for placement. */
function engineKey(p) {
    if (p.kind === 'unix')
        return `unix:${p.socketPath}`;
    if (p.kind === 'ssh')
        return `ssh:${p.user}@${p.host.toLowerCase()}:${p.port}`;
    return `tcp:${p.host.toLowerCase()}:${p.port}`;
}
/**
 * Assigns every resource its endpoint: its own `endpointRef` when given, else one of defaultPool.
 * `spread` picks the pool endpoint with the fewest resources so far (counting those placed there
 * explicitly), ties by name order; `binpack` the one with the most. Resources without an endpoint are
 * placed in name order so that the result does not depend on the template's ordering. Returns every
 * invalid endpoint in one error message.
 */
function placeResources(resources, settings, options = {}) {
    const placed = new Map();
    const errors = [];
    const counts = new Map();
    const canonical = (t) => options.aliases?.get(t.name) ?? t;
    const bump = (t) => {
        const k = engineKey(t.parsed);
        counts.set(k, (counts.get(k) ?? 0) + 1);
    };
    const unplaced = [];
    for (const r of resources) {
        if (r.endpointRef === undefined || r.endpointRef.trim() === '') {
            unplaced.push(r.name);
            continue;
        }
        const t = endpointTargetFor(r.endpointRef, settings);
        if (!t.ok)
            errors.push(`resource '${r.name}': ${t.message}`);
        else {
            const at = canonical(t.target);
            placed.set(r.name, at);
            bump(at);
        }
    }
    if (unplaced.length === 0)
        return errors.length > 0 ? { error: errors.join('\n') } : placed;
    let pool;
    try {
        // One engine under two names is one member of the pool, under its canonical name.
        const seen = new Set();
        pool = defaultPool(settings).map(canonical).filter((t) => !seen.has(t.name) && seen.add(t.name));
    }
    catch (err) {
        errors.push(err.message);
        return { error: errors.join('\n') };
    }
    if (errors.length > 0)
        return { error: errors.join('\n') };
    const strategy = options.strategy ?? 'spread';
    const byDisplayName = new Map(pool.map((t) => [t.name, t]));
    const rest = [];
    for (const name of [...unplaced].sort(byName)) {
        const where = options.current?.[name];
        const keep = where === undefined ? undefined : byDisplayName.get(where);
        if (keep) {
            placed.set(name, keep);
            bump(keep);
        }
        else
            rest.push(name);
    }
    for (const name of rest) {
        let best = pool[0];
        for (const t of pool.slice(1)) {
            const n = counts.get(engineKey(t.parsed)) ?? 0;
            const b = counts.get(engineKey(best.parsed)) ?? 0;
            // Strict comparison keeps the earlier name on ties.
            if (strategy === 'spread' ? n < b : n > b)
                best = t;
        }
        placed.set(name, best);
        bump(best);
    }
    return placed;
}


/***/ })

};
