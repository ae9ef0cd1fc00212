// index.js as a classic script, for the CLI's code cache (scripts/bundle.mjs, bin/hotdock.js).
(async function (require, __hotdockImportMetaUrl, __hotdockImport) {
'use strict';
const __filename = require('node:url').fileURLToPath(__hotdockImportMetaUrl);
const __dirname = require('node:path').dirname(__filename);
const __WEBPACK_EXTERNAL_createRequire = require("module").createRequire;
/******/ var __webpack_modules__ = ({

/***/ 833:
/***/ (function(__unused_webpack_module, __webpack_exports__, __nccwpck_require__) {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Fh: () => (/* binding */ listenForCancel),
/* harmony export */   YQ: () => (/* binding */ cancelledError),
/* harmony export */   cc: () => (/* binding */ CancelledError)
/* harmony export */ });
/**
 * Cancellation, as the GitHub runner does it: SIGINT, then SIGTERM 7.5 s later, then a kill of the
 * process tree 2.5 s after that (cancelled runs, `timeout-minutes`, `concurrency:
 * cancel-in-progress`). The first SIGINT or SIGTERM aborts the run's AbortSignal: the engine starts
 * nothing new, brings back what it stopped and releases its locks. Later signals must not end the
 * process early, since that cleanup is the whole point. A safety timer ends the process non-zero
 * within 7 s of the first signal even when the cleanup hangs, after writing outputs and summary,
 * so the step always ends before the runner's SIGTERM; the post step repairs whatever is left.
 */
const SIGNALS = ['SIGINT', 'SIGTERM'];
/** The error an aborted run carries: the message names the signal. */
class CancelledError extends Error {
    by;
    constructor(by) {
        super(`cancelled by ${by}`);
        this.by = by;
        this.name = 'CancelledError';
    }
}
/**
 * The error of a run a signal cancelled: it names the signal, and keeps the run's own error (the
 * rollback's account) when there is one. A run whose last step finished still failed: the step was
 * cancelled.
 */
function cancelledError(by, error) {
    if (error && /\bcancell?ed\b/i.test(error))
        return error;
    return error ? `cancelled by ${by}: ${error}` : `cancelled by ${by}`;
}
/** Listens for the runner's cancel signals until finish(). */
function listenForCancel(options) {
    const source = options.source ?? process;
    const exit = options.exit ?? ((code) => process.exit(code));
    const deadlineMs = options.deadlineMs ?? 5500;
    const lastWordsMs = options.lastWordsMs ?? 800;
    const controller = new AbortController();
    const lastWords = [];
    let received;
    let timer;
    let exiting = false;
    const forceExit = async () => {
        if (exiting)
            return;
        exiting = true;
        options.log(`hotdock: cleanup did not end within ${deadlineMs / 1000} s of ${received}: exiting now; the post step (or the next run) repairs what is left`);
        const words = Promise.allSettled(lastWords.map(async (fn) => fn()));
        let bound;
        await Promise.race([words, new Promise((resolve) => (bound = setTimeout(resolve, lastWordsMs)))]);
        clearTimeout(bound);
        exit(1);
    };
    const onSignal = (signal) => {
        if (received) {
            // Ending now would leave stopped containers stopped: the safety timer bounds the wait instead.
            options.log(`hotdock: ${signal} received while cancelling; still cleaning up`);
            return;
        }
        received = signal;
        options.log(`hotdock: ${signal} received: cancelling (nothing new starts, what was stopped comes back, locks are released)`);
        // Kept ref'd: should the run's work hang on something that no longer keeps node alive, node
        // would end on its own without outputs; this way the exit comes from here, with them. A run
        // that ends sooner calls finish(), which exits at once.
        timer = setTimeout(() => void forceExit(), deadlineMs);
        controller.abort(new CancelledError(signal));
    };
    for (const s of SIGNALS)
        source.on(s, onSignal);
    return {
        signal: controller.signal,
        get received() {
            return received;
        },
        beforeExit(fn) {
            lastWords.push(fn);
        },
        finish(code = 1) {
            for (const s of SIGNALS)
                source.removeListener(s, onSignal);
            if (timer)
                clearTimeout(timer);
            if (received && !exiting) {
                exiting = true;
                exit(code === 0 ? 1 : code);
            }
        },
    };
}


/***/ }),

/***/ 640:
/***/ (function(__unused_webpack_module, __webpack_exports__, __nccwpck_require__) {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  m0: () => (/* binding */ cliMain)
});

// UNUSED EXPORTS: cliSettings, cliVersion, confirmQuestion, sshDefaults

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(6760);
// EXTERNAL MODULE: external "node:url"
var external_node_url_ = __nccwpck_require__(3136);
// EXTERNAL MODULE: ./src/setting-values.ts
var setting_values = __nccwpck_require__(4902);
;// CONCATENATED MODULE: ./src/cli-args.ts

/** Printed after a usage error, instead of the whole help. */
const USAGE_HINT = "Run 'hotdock --help' for usage.";
/** Printed by --help. */
const USAGE = `Usage: hotdock <validate|plan|deploy|destroy> TEMPLATE [options]

Validate, plan, deploy or destroy an OpenStack Heat (HOT) template of
DockerInc::Docker::Container resources.

Options:
  --stack NAME            stack name (default: <current directory name>-<template name>)
  --param KEY=VALUE       parameter value; repeatable; wins over environment files
  --env-file FILE         Heat environment file (parameters, parameter_defaults); repeatable
  --endpoint URL|NAME     endpoint for resources that name none (default: DOCKER_HOST,
                          else the docker context, else unix:///var/run/docker.sock)
  --context NAME          a docker context (as docker --context); default: DOCKER_CONTEXT,
                          else the current context of ~/.docker/config.json
  --endpoints FILE        named endpoints: YAML name -> URL or {url, tls-ca-cert, ...}
  --placement POLICY      spread (default) or binpack, across two or more --endpoints
  --target TARGET         containers (default) or swarm
  --registry-auth FILE    YAML registry host -> {username, password}; wins over docker login
  --pull POLICY           missing (default), always or never
  --prune BOOL            remove containers whose resource left the template (default true)
  --rollback BOOL         bring back the old containers when a deploy fails (default true)
  --wait-timeout SECS     seconds a new container has to be running/healthy (default 60)
  --stable-seconds SECS   seconds it must then stay up, 0 for none (default 5)
  --max-parallel N        Docker operations in flight per endpoint (default 8)
  --lock-timeout SECS     seconds to wait while another run holds the stack (default 300)
  -y, --yes               deploy/destroy without asking (never asked without a terminal)
  --json                  print {diagnostics, result, changed, plan, resources, outputs}
  -h, --help              show this help
  --version               print the version

Environment: DOCKER_HOST, DOCKER_TLS_VERIFY and DOCKER_CERT_PATH, DOCKER_CONTEXT and
DOCKER_CONFIG as the docker CLI reads them; ssh://alias endpoints resolve through the
ssh configuration; credentials of docker login (auths, credsStore, credHelpers) are
used for pulls. TLS always verifies the server certificate. NO_COLOR turns colour off.
Exit status: 0 success, 1 template errors or a failed run, 2 usage errors.`;
/** Flags that take a value, and what each does with it. */
const VALUE_FLAGS = {
    '--stack': (a, v) => (a.stack = v),
    '--param': (a, v) => {
        const at = v.indexOf('=');
        if (at < 1)
            throw new setting_values/* InputError */.dz(`--param expects KEY=VALUE, got '${v}'`);
        a.params[v.slice(0, at)] = v.slice(at + 1);
    },
    '--env-file': (a, v) => a.envFiles.push(v),
    '--endpoint': (a, v) => (a.endpoint = v),
    '--context': (a, v) => (a.context = v),
    '--endpoints': (a, v) => (a.endpointsFile = v),
    '--registry-auth': (a, v) => (a.registryAuthFile = v),
    '--pull': (a, v, f) => (a.pull = (0,setting_values/* parsePull */.BT)(v, `option ${f}`)),
    '--placement': (a, v, f) => (a.placement = (0,setting_values/* parsePlacement */.vc)(v, `option ${f}`)),
    '--target': (a, v, f) => (a.target = (0,setting_values/* parseTarget */.hu)(v, `option ${f}`)),
    '--prune': (a, v, f) => (a.prune = flagValue(setting_values/* parseBoolean */.yG, f, v)),
    '--rollback': (a, v, f) => (a.rollback = flagValue(setting_values/* parseBoolean */.yG, f, v)),
    '--wait-timeout': (a, v, f) => (a.waitTimeout = flagValue(setting_values/* parsePositiveInt */.EJ, f, v)),
    '--stable-seconds': (a, v, f) => (a.stableSeconds = flagValue(setting_values/* parseNonNegativeInt */.Lz, f, v)),
    '--max-parallel': (a, v, f) => (a.maxParallel = flagValue(setting_values/* parsePositiveInt */.EJ, f, v)),
    '--lock-timeout': (a, v, f) => (a.lockTimeout = flagValue(setting_values/* parsePositiveInt */.EJ, f, v)),
};
/**
 * Runs one of the shared checks that name an input (`Invalid input 'prune': ...`) and says
 * `option --prune` instead: the same rule, the user's own word for it.
 */
function flagValue(parse, flag, value) {
    try {
        return parse(flag.slice(2), value);
    }
    catch (err) {
        if (err instanceof setting_values/* InputError */.dz)
            throw new setting_values/* InputError */.dz(err.message.replace(`input '${flag.slice(2)}'`, `option ${flag}`));
        throw err;
    }
}
/** Boolean flags may stand alone (`--prune` = `--prune true`) when no true/false follows. */
const BOOLEAN_FLAGS = new Set(['--prune', '--rollback']);
/** Parses argv (without `node` and the script). Never throws: usage problems come back as messages. */
function parseCliArgs(argv) {
    const positional = [];
    const args = { params: {}, envFiles: [], json: false };
    try {
        for (let i = 0; i < argv.length; i++) {
            const arg = argv[i];
            if (arg === '-h' || arg === '--help')
                return { kind: 'help' };
            if (arg === '--version' || arg === '-V')
                return { kind: 'version' };
            if (arg === '--json') {
                args.json = true;
                continue;
            }
            if (arg === '-y' || arg === '--yes') {
                args.yes = true;
                continue;
            }
            if (arg === '--') {
                positional.push(...argv.slice(i + 1));
                break;
            }
            if (!arg.startsWith('-') || arg === '-') {
                positional.push(arg);
                continue;
            }
            const eq = arg.indexOf('=');
            const flag = eq > 0 ? arg.slice(0, eq) : arg;
            const apply = Object.prototype.hasOwnProperty.call(VALUE_FLAGS, flag) ? VALUE_FLAGS[flag] : undefined;
            if (!apply)
                return { kind: 'error', message: `unknown option '${flag}'` };
            let value;
            if (eq > 0)
                value = arg.slice(eq + 1);
            else if (BOOLEAN_FLAGS.has(flag) && !/^(true|false)$/i.test(argv[i + 1] ?? ''))
                value = 'true';
            else if (i + 1 < argv.length)
                value = argv[++i];
            else
                return { kind: 'error', message: `option '${flag}' needs a value` };
            apply(args, value, flag);
        }
        if (positional.length === 0)
            return { kind: 'error', message: 'missing command: validate, plan, deploy or destroy' };
        const command = (0,setting_values/* parseMode */.Zx)(positional[0], 'command');
        if (positional.length < 2)
            return { kind: 'error', message: `missing TEMPLATE: hotdock ${command} TEMPLATE` };
        if (positional.length > 2)
            return { kind: 'error', message: `unexpected argument '${positional[2]}'` };
        if (args.endpoint !== undefined && args.context !== undefined) {
            return { kind: 'error', message: 'give --endpoint or --context, not both' };
        }
        return { kind: 'run', args: { command, template: positional[1], ...args } };
    }
    catch (err) {
        return { kind: 'error', message: err instanceof Error ? err.message : String(err) };
    }
}

// EXTERNAL MODULE: ./src/pipeline.ts + 19 modules
var pipeline = __nccwpck_require__(238);
// EXTERNAL MODULE: ./src/diagnostics.ts
var diagnostics = __nccwpck_require__(4851);
// EXTERNAL MODULE: ./src/report/format.ts
var format = __nccwpck_require__(2011);
// EXTERNAL MODULE: ./src/report/outputs.ts
var outputs = __nccwpck_require__(5468);
// EXTERNAL MODULE: ./src/report/mask.ts
var mask = __nccwpck_require__(9488);
// EXTERNAL MODULE: ./src/report/escape.ts
var report_escape = __nccwpck_require__(4031);
;// CONCATENATED MODULE: ./src/report/cli-output.ts
/**
 * What the CLI prints on stdout: compiler-style diagnostics and a plain-text result, or one JSON
 * document with --json. Pure; cli.ts does the writing. Progress goes to stderr elsewhere. The CLI
 * may run inside a workflow step, so its text is made inert for the runner like the action's.
 */





/** The --json document: {diagnostics, result, changed, plan, resources, outputs}, and {error, failureReason} on failure. */
function renderCliJson(result, secrets) {
    const values = (0,outputs/* outputValues */.u)(result.report, Boolean(result.error), { secrets, failureReason: result.failureReason });
    const doc = {
        diagnostics: (0,diagnostics/* sortDiagnostics */.D)(result.diagnostics),
        result: values.result,
        changed: values.changed === 'true',
        plan: JSON.parse(values.plan),
        resources: JSON.parse(values.resources),
        outputs: JSON.parse(values.outputs),
        ...(result.error ? { error: result.error, failureReason: values['failure-reason'] } : {}),
    };
    return (0,report_escape/* safeJsonText */.Hl)((0,mask/* redact */.E$)(JSON.stringify((0,mask/* redactValue */.FI)(doc, [...secrets]), null, 2), [...secrets])) + '\n';
}
/** Human output: diagnostics first (file:line:col: severity: message), then plan, outputs, verdict. */
function renderCliText(result, mode, stackName, secrets) {
    const lines = (0,diagnostics/* sortDiagnostics */.D)(result.diagnostics).map(format/* formatDiagnostic */.xy);
    const report = result.report
        ? { ...(0,mask/* redactValue */.FI)(result.report, [...secrets]), outputs: (0,mask/* redactOutputs */.US)(result.report.outputs, [...secrets]) }
        : undefined;
    // No plan was made when an endpoint could not be reached: print none, not "Plan: 0 to create".
    const planned = Boolean(report && (report.planGraph || report.plan.length > 0));
    if (report) {
        if (planned)
            lines.push((0,format/* renderPlanText */.$D)(report.plan, report.planGraph));
        const outputs = Object.entries(report.outputs);
        if (outputs.length) {
            lines.push('Outputs:');
            for (const [k, v] of outputs)
                lines.push(`  ${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`);
        }
        for (const w of report.warnings)
            lines.push(`warning: ${w}`);
        if (report.rolledBack.length)
            lines.push(`Rolled back: ${report.rolledBack.join(', ')}`);
    }
    const errors = result.diagnostics.some((d) => d.severity === 'error');
    const reason = (0,outputs/* failureReasonOf */.M)(result.report, Boolean(result.error), result.failureReason ?? (errors ? 'template-invalid' : undefined));
    const verdict = result.error ? `failure, ${reason}` : 'success';
    const changed = report && (planned || report.changed) ? changedWords(mode, report.changed) : '';
    lines.push(`${mode} of stack ${stackName}: ${verdict}${changed} (${(0,format/* countDiagnostics */.ii)(result.diagnostics)})`);
    return (0,report_escape/* safeLogText */.Ht)((0,mask/* redact */.E$)(lines.join('\n'), [...secrets])) + '\n';
}
/** The verdict's second half: a plan only says what a deploy would do. */
function changedWords(mode, changed) {
    if (mode === 'plan')
        return changed ? ', would change' : ', would change nothing';
    return changed ? ', changed' : ', nothing changed';
}

// EXTERNAL MODULE: ./src/spec/registry-auth.ts
var registry_auth = __nccwpck_require__(8823);
// EXTERNAL MODULE: ./src/cancel.ts
var src_cancel = __nccwpck_require__(833);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __nccwpck_require__(8161);
// EXTERNAL MODULE: ./src/docker-env.ts
var docker_env = __nccwpck_require__(1793);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __nccwpck_require__(7598);
// EXTERNAL MODULE: external "node:module"
var external_node_module_ = __nccwpck_require__(8995);
;// CONCATENATED MODULE: ./src/cli/lazy.ts
/**
 * Node modules the CLI needs only now and then, loaded on first use: each costs a `hotdock
 * validate` some 15 ms of its start-up otherwise. node:child_process serves credential helpers
 * and ssh endpoints; node:readline the question at a terminal.
 */

let loaded;
/** The node:child_process module. */
function childProcess() {
    loaded ??= (0,external_node_module_.createRequire)(__hotdockImportMetaUrl)('node:child_process');
    return loaded;
}
let readlineModule;
/** The node:readline module (only a question at a terminal needs it). */
function readline() {
    readlineModule ??= (0,external_node_module_.createRequire)(__hotdockImportMetaUrl)('node:readline');
    return readlineModule;
}

;// CONCATENATED MODULE: ./src/docker-config.ts
/**
 * The docker CLI's configuration file (`config.json` in DOCKER_CONFIG, else ~/.docker): the current
 * context and the credentials `docker login` stored. Parsing is pure (text in, data out); the file
 * and the credential helpers are reached through the small reader functions at the end.
 */






/** The folder docker keeps its configuration in: DOCKER_CONFIG, else ~/.docker. */
function dockerConfigDir(env) {
    return (env.DOCKER_CONFIG ?? '').trim() || (0,external_node_path_.join)(env.HOME || (0,external_node_os_.homedir)(), '.docker');
}
const isMap = (v) => Boolean(v) && typeof v === 'object' && !Array.isArray(v);
/** Parses config.json text. `file` names it in the error a broken file gets. */
function parseDockerConfig(text, file) {
    let doc;
    try {
        doc = text.trim() === '' ? {} : JSON.parse(text);
    }
    catch (err) {
        throw new setting_values/* InputError */.dz(`${file}: not valid JSON (${err.message})`);
    }
    if (!isMap(doc))
        throw new setting_values/* InputError */.dz(`${file}: expected a JSON object`);
    const str = (v) => (typeof v === 'string' && v !== '' ? v : undefined);
    const auths = {};
    if (isMap(doc.auths)) {
        for (const [host, entry] of Object.entries(doc.auths)) {
            if (!isMap(entry))
                continue;
            auths[host] = {
                ...(str(entry.auth) ? { auth: str(entry.auth) } : {}),
                ...(str(entry.username) ? { username: str(entry.username) } : {}),
                ...(str(entry.password) ? { password: str(entry.password) } : {}),
                ...(str(entry.identitytoken) ? { identitytoken: str(entry.identitytoken) } : {}),
            };
        }
    }
    const credHelpers = {};
    if (isMap(doc.credHelpers))
        for (const [host, helper] of Object.entries(doc.credHelpers))
            if (str(helper))
                credHelpers[host] = helper;
    const currentContext = str(doc.currentContext);
    const credsStore = str(doc.credsStore);
    return { auths, credHelpers, ...(currentContext ? { currentContext } : {}), ...(credsStore ? { credsStore } : {}) };
}
/**
 * Every registry's credentials as the docker CLI would send them on a pull: a registry's own
 * credHelper first, then the credsStore (which holds what `docker login` stored when one is set),
 * then the file's `auths`. Registries with an identity token only (OAuth logins) are left out: the
 * Engine API pull takes a username and password. Keys are normalised hosts (docker.io for the Hub).
 */
function registryCredentials(config, helpers, warn = () => undefined) {
    const out = {};
    const put = (server, creds) => {
        const host = (0,registry_auth/* normalizeRegistry */.l5)(server);
        if (creds && creds.username && creds.password && !out[host])
            out[host] = creds;
    };
    // A broken helper costs only its registries their credentials (a pull there then says so),
    // not the whole deploy: most images may come from elsewhere.
    const asking = (what, fallback) => {
        try {
            return what();
        }
        catch (err) {
            warn(`${err.message}; its registries get no credentials`);
            return fallback;
        }
    };
    for (const [server, helper] of Object.entries(config.credHelpers))
        put(server, asking(() => helpers.get(helper, server), undefined));
    const store = config.credsStore;
    if (store)
        for (const server of asking(() => helpers.list(store), []))
            put(server, asking(() => helpers.get(store, server), undefined));
    for (const [server, entry] of Object.entries(config.auths))
        put(server, fromAuthEntry(entry));
    return out;
}
/** An `auths` entry's username and password: from `auth` (base64 user:password) or the plain fields. */
function fromAuthEntry(entry) {
    if (entry.auth) {
        const text = Buffer.from(entry.auth, 'base64').toString('utf8');
        const colon = text.indexOf(':');
        if (colon > 0)
            return { username: text.slice(0, colon), password: text.slice(colon + 1) };
    }
    if (entry.username && entry.password)
        return { username: entry.username, password: entry.password };
    return undefined;
}
/** Reads config.json; an empty configuration when there is none. */
function readDockerConfig(env) {
    const file = (0,external_node_path_.join)(dockerConfigDir(env), 'config.json');
    if (!(0,external_node_fs_.existsSync)(file))
        return { auths: {}, credHelpers: {} };
    return parseDockerConfig((0,external_node_fs_.readFileSync)(file, 'utf8'), file);
}
/**
 * The docker credential-helper protocol: `docker-credential-<name> get` reads the server on stdin
 * and answers `{ServerURL, Username, Secret}`; `list` answers `{server: username}`. A helper that
 * is missing or fails is an error naming it (docker fails the same way); a helper that has no
 * entry for the server ("credentials not found") answers nothing.
 */
function credentialHelpers(env) {
    const run = (helper, verb, input) => {
        const program = `docker-credential-${helper}`;
        const r = childProcess().spawnSync(program, [verb], { input, env, encoding: 'utf8', timeout: 30_000 });
        if (r.error)
            throw new setting_values/* InputError */.dz(`credential helper ${program} (from ${(0,external_node_path_.join)(dockerConfigDir(env), 'config.json')}) cannot run: ${r.error.message}`);
        if (r.status !== 0) {
            if (/credentials not found/i.test(`${r.stdout}${r.stderr}`))
                return undefined;
            throw new setting_values/* InputError */.dz(`credential helper ${program} ${verb} failed (exit ${r.status}): ${(r.stderr || r.stdout).trim().split('\n')[0]}`);
        }
        return r.stdout;
    };
    const json = (helper, text) => {
        try {
            return JSON.parse(text);
        }
        catch {
            throw new setting_values/* InputError */.dz(`credential helper docker-credential-${helper} answered something other than JSON`);
        }
    };
    return {
        get(helper, server) {
            const out = run(helper, 'get', server);
            if (!out)
                return undefined;
            const doc = json(helper, out);
            // `<token>` as the user marks an identity token, which a pull through the Engine API cannot use.
            if (!doc.Username || !doc.Secret || doc.Username === '<token>')
                return undefined;
            return { username: doc.Username, password: doc.Secret };
        },
        list(helper) {
            const out = run(helper, 'list', '');
            return out ? Object.keys(json(helper, out)) : [];
        },
    };
}

;// CONCATENATED MODULE: ./src/docker-context.ts
/**
 * Docker contexts, as the docker CLI keeps them: the context in use is `--context`, else none when
 * DOCKER_HOST is set, else DOCKER_CONTEXT, else config.json's `currentContext`; "default" means
 * DOCKER_HOST or the local socket. A context NAME lives in the config folder under
 * `contexts/meta/<sha256 hex of NAME>/meta.json` (`Endpoints.docker.Host`) with its TLS material in
 * `contexts/tls/<same>/docker/{ca,cert,key}.pem`. The choice and the parsing are pure; the reader
 * at the end touches the files.
 */





/** The context every docker CLI has: DOCKER_HOST, else the local socket. */
const DEFAULT_CONTEXT = 'default';
/**
 * The context in use, or undefined for the default one. `flag` is --context. DOCKER_HOST wins
 * over DOCKER_CONTEXT and the current context, as in the docker CLI.
 */
function chooseContext(flag, env, config) {
    const pick = (name, source) => name && name !== DEFAULT_CONTEXT ? { name, source } : undefined;
    if (flag !== undefined)
        return pick(flag, 'option --context');
    if ((env.DOCKER_HOST ?? '').trim() !== '')
        return undefined;
    const fromEnv = (env.DOCKER_CONTEXT ?? '').trim();
    if (fromEnv)
        return pick(fromEnv, 'DOCKER_CONTEXT');
    return pick(config.currentContext, 'the current context of config.json');
}
/** The folder name docker gives a context: the sha256 of its name, in hex. */
function contextId(name) {
    return (0,external_node_crypto_.createHash)('sha256').update(name).digest('hex');
}
/**
 * The docker endpoint of a context from its meta.json text and the PEM files found beside it.
 * `where` names the context in errors. SkipTLSVerify is not honoured: hotdock always verifies.
 */
function contextEndpoint(where, metaText, tls) {
    let meta;
    try {
        meta = JSON.parse(metaText);
    }
    catch (err) {
        throw new setting_values/* InputError */.dz(`${where}: meta.json is not valid JSON (${err.message})`);
    }
    const host = meta?.Endpoints?.docker?.Host;
    if (typeof host !== 'string' || host.trim() === '')
        throw new setting_values/* InputError */.dz(`${where} has no docker endpoint (Endpoints.docker.Host)`);
    if (tls.cert && !tls.key)
        throw new setting_values/* InputError */.dz(`${where}: cert.pem without key.pem`);
    const given = Object.keys(tls).length > 0;
    return { endpoint: host.trim(), ...(given ? { tls } : {}) };
}
/** Reads a context from the config folder. Throws InputError naming it when it does not exist. */
function readDockerContext(choice, env) {
    const dir = dockerConfigDir(env);
    const id = contextId(choice.name);
    const metaFile = (0,external_node_path_.join)(dir, 'contexts', 'meta', id, 'meta.json');
    const where = `docker context '${choice.name}' (from ${choice.source})`;
    if (!(0,external_node_fs_.existsSync)(metaFile)) {
        throw new setting_values/* InputError */.dz(`${where} not found (no ${metaFile}); see docker context ls`);
    }
    const tlsDir = (0,external_node_path_.join)(dir, 'contexts', 'tls', id, 'docker');
    const read = (file) => ((0,external_node_fs_.existsSync)((0,external_node_path_.join)(tlsDir, file)) ? (0,external_node_fs_.readFileSync)((0,external_node_path_.join)(tlsDir, file), 'utf8') : undefined);
    const [ca, cert, key] = [read('ca.pem'), read('cert.pem'), read('key.pem')];
    const tls = { ...(ca ? { ca } : {}), ...(cert ? { cert } : {}), ...(key ? { key } : {}) };
    return contextEndpoint(where, (0,external_node_fs_.readFileSync)(metaFile, 'utf8'), tls);
}

// EXTERNAL MODULE: ./src/spec/endpoint-url.ts
var endpoint_url = __nccwpck_require__(1434);
;// CONCATENATED MODULE: ./src/cli/ssh-config.ts
/**
 * `ssh://alias` as the docker CLI reads it: the docker CLI runs `ssh`, so the user's ssh
 * configuration decides the host name, user, port, identity file and known_hosts of an alias.
 * hotdock asks ssh itself (`ssh -G`, which prints the configuration that applies without
 * connecting) and connects with those values. Parsing the answer is pure; running ssh is not.
 */





/** Parses `ssh -G` output (`key value` lines, keys lower-case, identityfile repeated). */
function parseSshG(text, home) {
    const values = new Map();
    for (const line of text.split('\n')) {
        const m = /^(\S+)\s+(.*)$/.exec(line.trim());
        if (m)
            values.set(m[1].toLowerCase(), [...(values.get(m[1].toLowerCase()) ?? []), m[2]]);
    }
    const one = (k) => values.get(k)?.[0] ?? '';
    const tilde = (p) => (p === '~' ? home : p.startsWith('~/') ? (0,external_node_path_.join)(home, p.slice(2)) : p);
    return {
        hostname: one('hostname'),
        user: one('user'),
        port: Number(one('port')) || 22,
        identityFiles: (values.get('identityfile') ?? []).map(tilde),
        knownHostsFiles: (values.get('userknownhostsfile') ?? []).flatMap((v) => v.split(/\s+/)).filter(Boolean).map(tilde),
    };
}
/** The parts of an ssh:// URL: `ssh://[user@]host[:port]`; undefined for anything else. */
function splitSshUrl(url) {
    const m = /^ssh:\/\/(?:([^@/]+)@)?(\[[^\]]+\]|[^:/]+)(?::(\d+))?\/?$/i.exec(url.trim());
    if (!m)
        return undefined;
    return { ...(m[1] ? { user: m[1] } : {}), host: m[2].replace(/^\[|\]$/g, ''), ...(m[3] ? { port: Number(m[3]) } : {}) };
}
/**
 * The endpoint `url` names after the user's ssh configuration, or undefined when `url` is not
 * ssh:// or ssh is not installed. The user, the port and the host of the URL win over the
 * configuration, as on ssh's command line. The identity file is read only when no ssh-agent
 * runs (SSH_AUTH_SOCK) or the configuration names one for this host (IdentitiesOnly).
 *
 * ssh reads ~/.ssh/config from the account's home; when HOME points elsewhere (a sandbox, a CI
 * job, a test), that folder's ~/.ssh/config is the one read, since that is where a user of HOME
 * put it.
 */
function resolveSshEndpoint(url, env) {
    const parts = splitSshUrl(url);
    if (!parts)
        return undefined;
    const home = env.HOME || (0,external_node_os_.homedir)();
    const args = ['-G'];
    const ownConfig = (0,external_node_path_.join)(home, '.ssh', 'config');
    if (home !== safeAccountHome() && (0,external_node_fs_.existsSync)(ownConfig))
        args.push('-F', ownConfig);
    if (parts.user)
        args.push('-l', parts.user);
    if (parts.port)
        args.push('-p', String(parts.port));
    args.push('--', parts.host);
    const r = childProcess().spawnSync('ssh', args, { env, encoding: 'utf8', timeout: 10_000 });
    if (r.error || r.status !== 0)
        return undefined;
    const cfg = parseSshG(r.stdout, home);
    const read = (files) => files.filter((f) => (0,external_node_fs_.existsSync)(f)).map((f) => (0,external_node_fs_.readFileSync)(f, 'utf8'));
    const known = read(cfg.knownHostsFiles).join('\n');
    const wantsFile = !env.SSH_AUTH_SOCK || /^identitiesonly\s+yes$/im.test(r.stdout);
    const key = wantsFile ? read(cfg.identityFiles)[0] : undefined;
    return {
        url: `ssh://${cfg.user}@${(0,endpoint_url/* formatHostPort */.zc)(cfg.hostname, cfg.port)}`,
        ...(key ? { privateKey: key } : {}),
        ...(known ? { knownHosts: known } : {}),
    };
}
function safeAccountHome() {
    try {
        return (0,external_node_os_.userInfo)().homedir;
    }
    catch {
        return undefined;
    }
}

;// CONCATENATED MODULE: ./src/cli/wording.ts
/**
 * The engine's messages name the action's inputs (`set registry-auth`, `ssh-known-hosts`); on the
 * command line the user's words are flags and the docker CLI's files. One table turns the first
 * into the second, so every message the CLI prints says what to change there. Pure.
 */
/** Action input \u2192 what a CLI user sets instead. */
const INPUT_WORDS = {
    'docker-endpoint': '--endpoint',
    'stack-name': '--stack',
    parameters: '--param',
    'environment-files': '--env-file',
    endpoints: '--endpoints',
    'registry-auth': '--registry-auth',
    pull: '--pull',
    prune: '--prune',
    rollback: '--rollback',
    'wait-timeout': '--wait-timeout',
    'stable-seconds': '--stable-seconds',
    'max-parallel': '--max-parallel',
    'lock-timeout': '--lock-timeout',
    placement: '--placement',
    target: '--target',
};
/** Phrases of engine messages, longest first, and their CLI wording. */
const PHRASES = [
    [/the 'parameters' input/g, '--param'],
    [/the endpoints input is empty/g, 'no --endpoints FILE was given'],
    [/a name from the endpoints input/g, 'a name from --endpoints FILE'],
    [/\(set registry-auth\)/g, '(run docker login for it, or give --registry-auth FILE)'],
    [/set tls-ca-cert, tls-client-cert and tls-client-key/g, 'give ca.pem, cert.pem and key.pem (DOCKER_CERT_PATH, a docker context, or an --endpoints entry)'],
    [/then give tls-ca-cert, tls-client-cert and tls-client-key/g, 'then give its TLS material (DOCKER_CERT_PATH, a docker context, or an --endpoints entry)'],
    [/TLS material \(tls-ca-cert, tls-client-cert, tls-client-key\)/g, 'TLS material (ca.pem, cert.pem, key.pem)'],
    [/give tls-ca-cert\b/g, "give the engine's CA (ca.pem)"],
    [/\(tls-ca-cert\)/g, '(ca.pem)'],
    [/no ssh-known-hosts given/g, 'the host is not in ~/.ssh/known_hosts (nor an --endpoints entry\'s ssh-known-hosts)'],
    [/is not in ssh-known-hosts/g, 'is not in ~/.ssh/known_hosts'],
    [/is revoked in ssh-known-hosts/g, 'is revoked in ~/.ssh/known_hosts'],
    [/no ssh-private-key given/g, 'no ssh key found (IdentityFile in ~/.ssh/config, ~/.ssh/id_*)'],
    [/give the key in ssh-private-key/g, 'use a key (ssh-agent, or IdentityFile in ~/.ssh/config)'],
];
/** Rewrites a message for the command line: `input 'pull'` \u2192 `option --pull`, and the phrases above. */
function cliWording(message) {
    let out = message.replace(/\binput '([a-z-]+)'/g, (whole, name) => (INPUT_WORDS[name] ? `option ${INPUT_WORDS[name]}` : whole));
    out = out.replace(/\b(docker-endpoint|registry-auth) input\b/g, (_w, name) => `option ${INPUT_WORDS[name]}`);
    for (const [re, text] of PHRASES)
        out = out.replace(re, text);
    return out;
}

;// CONCATENATED MODULE: ./src/cli/cli-settings.ts
/**
 * Settings for a CLI run, from the flags and the docker CLI's own configuration: where no endpoint
 * is given, DOCKER_HOST (docker-env.ts), else the docker context in use (docker-context.ts); for
 * pulls, what `docker login` stored (docker-config.ts) under what --registry-auth gives; ssh://
 * endpoints through the user's ssh configuration (ssh-config.ts).
 */









/**
 * ssh material where the ssh client keeps it (the docker CLI runs ssh, which reads these):
 * ~/.ssh/known_hosts, and when no agent runs (SSH_AUTH_SOCK), the first default identity file.
 */
function sshDefaults(env) {
    const dir = (0,external_node_path_.join)(env.HOME || (0,external_node_os_.homedir)(), '.ssh');
    const read = (name) => ((0,external_node_fs_.existsSync)((0,external_node_path_.join)(dir, name)) ? (0,external_node_fs_.readFileSync)((0,external_node_path_.join)(dir, name), 'utf8') : undefined);
    const knownHosts = read('known_hosts');
    const key = env.SSH_AUTH_SOCK ? undefined : ['id_ed25519', 'id_ecdsa', 'id_rsa'].map(read).find((k) => k !== undefined);
    return { ...(knownHosts ? { sshKnownHosts: knownHosts } : {}), ...(key ? { sshPrivateKey: key } : {}) };
}
/**
 * --endpoint; else --context; else (unless --endpoints holds a pool) DOCKER_HOST with its TLS
 * variables, else DOCKER_CONTEXT or the current context of config.json; else the local socket.
 */
function defaultEndpoint(args, env, endpoints, config) {
    if (args.endpoint !== undefined) {
        if (Object.prototype.hasOwnProperty.call(endpoints, args.endpoint))
            return { url: args.endpoint, explicit: true };
        return withSsh({ url: args.endpoint, explicit: true }, env, 'option --endpoint');
    }
    if (args.context === undefined && Object.keys(endpoints).length >= 2)
        return { url: setting_values/* DEFAULT_DOCKER_ENDPOINT */.TJ, explicit: false };
    const fromEnv = args.context === undefined ? (0,docker_env/* readDockerEnvironment */.U)(env) : undefined;
    if (fromEnv)
        return withSsh({ url: fromEnv.endpoint, explicit: true, ...(fromEnv.tls ? { tls: fromEnv.tls } : {}) }, env, 'DOCKER_HOST');
    const choice = chooseContext(args.context, env, config());
    if (!choice)
        return { url: setting_values/* DEFAULT_DOCKER_ENDPOINT */.TJ, explicit: false };
    const ctx = readDockerContext(choice, env);
    return withSsh({ url: ctx.endpoint, explicit: true, ...(ctx.tls ? { tls: ctx.tls } : {}) }, env, `docker context '${choice.name}'`);
}
/** An ssh:// endpoint as the ssh configuration has it; the syntax checked, naming `where`. */
function withSsh(ep, env, where) {
    const ssh = resolveSshEndpoint(ep.url, env);
    const url = (0,setting_values/* checkEndpointUrl */.LE)(ssh?.url ?? ep.url, where);
    return { ...ep, url, ...(ssh ? { ssh } : {}) };
}
/**
 * The ssh:// entries of --endpoints after the ssh configuration: the URL, and the key and known
 * hosts the configuration names where the entry gives none. Takes the file's parsed document.
 */
function resolveEndpointAliases(doc, env) {
    const out = {};
    for (const [name, value] of Object.entries(doc)) {
        const entry = typeof value === 'string' ? { url: value } : value;
        const url = entry && typeof entry === 'object' && typeof entry.url === 'string' ? entry.url : undefined;
        const ssh = url ? resolveSshEndpoint(url, env) : undefined;
        if (!ssh) {
            out[name] = value;
            continue;
        }
        out[name] = {
            ...(ssh.privateKey ? { 'ssh-private-key': ssh.privateKey } : {}),
            ...(ssh.knownHosts ? { 'ssh-known-hosts': ssh.knownHosts } : {}),
            ...entry,
            url: ssh.url,
        };
    }
    return out;
}
/**
 * Registry credentials for a deploy: what `docker login` stored (config.json `auths`, its
 * credsStore and credHelpers), with --registry-auth entries winning. Other modes pull nothing,
 * so they neither read them nor run a credential helper.
 */
function registryAuthFor(args, env, files, config, warn) {
    const given = files.registryAuth ?? {};
    if (args.command !== 'deploy')
        return given;
    return { ...registryCredentials(config(), credentialHelpers(env), warn), ...given };
}
/**
 * Settings for a CLI run. The workspace is the current directory; a template outside it brings
 * its own directory as the workspace (get_file and environment files stay confined to it).
 * Throws InputError with a message naming the flag, variable or file at fault.
 */
function cliSettings(args, env, cwd, files = {}, warn = () => undefined) {
    try {
        return buildSettings(args, env, cwd, files, warn);
    }
    catch (err) {
        if (err instanceof setting_values/* InputError */.dz)
            throw new setting_values/* InputError */.dz(cliWording(err.message));
        throw err;
    }
}
function buildSettings(args, env, cwd, files, warn) {
    const absTemplate = (0,external_node_path_.resolve)(cwd, args.template);
    const rel = (0,external_node_path_.relative)(cwd, absTemplate);
    const inside = !rel.startsWith('..') && !(0,external_node_path_.isAbsolute)(rel);
    const workspace = inside ? cwd : (0,external_node_path_.dirname)(absTemplate);
    const endpoints = files.endpoints ?? {};
    let config;
    const dockerConfig = () => (config ??= readDockerConfig(env));
    const ep = defaultEndpoint(args, env, endpoints, dockerConfig);
    const ssh = { ...sshDefaults(env), ...(ep.ssh?.privateKey ? { sshPrivateKey: ep.ssh.privateKey } : {}), ...(ep.ssh?.knownHosts ? { sshKnownHosts: ep.ssh.knownHosts } : {}) };
    return {
        template: args.template,
        workspace,
        mode: args.command,
        stackName: args.stack ? (0,setting_values/* checkStackName */.Qk)(args.stack, 'option --stack') : (0,setting_values/* defaultStackName */.Zo)((0,external_node_path_.basename)(cwd), args.template),
        parameters: args.params,
        // Environment files are named relative to where the user stands, not to the workspace.
        environmentFiles: args.envFiles.map((f) => (inside ? f : (0,external_node_path_.resolve)(cwd, f))),
        dockerEndpoint: ep.url,
        dockerEndpointExplicit: ep.explicit,
        ...(ep.tls ? { dockerEndpointTls: ep.tls } : {}),
        endpoints,
        ...ssh,
        registryAuth: registryAuthFor(args, env, files, dockerConfig, warn),
        pull: args.pull ?? setting_values/* DEFAULTS */.zY.pull,
        prune: args.prune ?? setting_values/* DEFAULTS */.zY.prune,
        rollback: args.rollback ?? setting_values/* DEFAULTS */.zY.rollback,
        waitTimeout: args.waitTimeout ?? setting_values/* DEFAULTS */.zY.waitTimeout,
        stableSeconds: args.stableSeconds ?? setting_values/* DEFAULTS */.zY.stableSeconds,
        maxParallel: args.maxParallel ?? setting_values/* DEFAULTS */.zY.maxParallel,
        lockTimeout: args.lockTimeout ?? setting_values/* DEFAULTS */.zY.lockTimeout,
        placement: args.placement ?? setting_values/* DEFAULTS */.zY.placement,
        target: args.target ?? setting_values/* DEFAULTS */.zY.target,
        requireReviewedPlan: setting_values/* DEFAULTS */.zY.requireReviewedPlan,
        githubToken: '',
        commentOnPr: 'false',
        runId: `cli-${process.pid}`,
    };
}
/**
 * Reads --endpoints FILE and --registry-auth FILE with the action's own parsers (the same format
 * as its inputs), loaded only when a file is given: they bring @actions/core, which a plain CLI
 * run does not load. Errors name the flag and the file.
 */
async function readCliFiles(args, env, cwd) {
    if (!args.endpointsFile && !args.registryAuthFile)
        return {};
    const { parseEndpoints, parseRegistryAuth } = await Promise.all(/* import() */[__nccwpck_require__.e(421), __nccwpck_require__.e(823), __nccwpck_require__.e(422)]).then(__nccwpck_require__.bind(__nccwpck_require__, 8422));
    const yaml = await Promise.resolve(/* import() */).then(__nccwpck_require__.bind(__nccwpck_require__, 3243));
    const read = (flag, file) => {
        const path = (0,external_node_path_.resolve)(cwd, file);
        if (!(0,external_node_fs_.existsSync)(path))
            throw new setting_values/* InputError */.dz(`option ${flag}: ${file} not found`);
        return (0,external_node_fs_.readFileSync)(path, 'utf8');
    };
    const named = (flag, file, run) => {
        try {
            return run();
        }
        catch (err) {
            if (!(err instanceof setting_values/* InputError */.dz))
                throw err;
            throw new setting_values/* InputError */.dz(cliWording(err.message).replace(`option ${flag}`, `option ${flag} (${file})`));
        }
    };
    const out = {};
    if (args.endpointsFile) {
        const file = args.endpointsFile;
        const text = read('--endpoints', file);
        out.endpoints = named('--endpoints', file, () => {
            let doc;
            try {
                doc = yaml.load(text);
            }
            catch {
                doc = undefined; // parseEndpoints says what is wrong with it, and where.
            }
            const resolved = doc && typeof doc === 'object' && !Array.isArray(doc) ? JSON.stringify(resolveEndpointAliases(doc, env)) : text;
            return parseEndpoints(resolved, () => undefined);
        });
    }
    if (args.registryAuthFile) {
        const file = args.registryAuthFile;
        const text = read('--registry-auth', file);
        out.registryAuth = named('--registry-auth', file, () => parseRegistryAuth(text, () => undefined));
    }
    return out;
}

;// CONCATENATED MODULE: ./src/cli/terminal.ts
/**
 * What the CLI does differently on a terminal: colour (unless NO_COLOR is set), a live status line
 * that is rewritten in place while images pull and containers prove themselves, and a yes/no
 * question before changes. Off a terminal every one of them is off: plain lines, and no question
 * (a script or a pipe never hangs waiting for an answer).
 */

/** ANSI colours by role. */
const CODES = { red: 31, green: 32, yellow: 33, cyan: 36, bold: 1, dim: 2 };
/** No colour. */
const plain = (_c, text) => text;
/** Colour for a stream: only on a terminal, and only when NO_COLOR is unset or empty (no-color.org). */
function paintFor(isTTY, env) {
    if (!isTTY || (env.NO_COLOR ?? '') !== '' || env.TERM === 'dumb')
        return plain;
    return (c, text) => (text === '' ? text : `\x1b[${CODES[c]}m${text}\x1b[0m`);
}
/**
 * Colours the CLI's plain text line by line: diagnostics, plan steps by action, warnings, and the
 * verdict. The text itself is unchanged, so what a pipe sees is what a terminal shows, minus colour.
 */
function colourText(text, paint) {
    if (paint === plain)
        return text;
    return text
        .split('\n')
        .map((line) => {
        if (/: error: /.test(line))
            return paint('red', line);
        if (/^warning: |: warning: /.test(line))
            return paint('yellow', line);
        const step = /^(\[[\d,]*\] -> #\d+ )(\w+)(.*)$/.exec(line);
        if (step) {
            const colour = { create: 'green', replace: 'yellow', remove: 'red', start: 'cyan' }[step[2]];
            return colour ? `${paint('dim', step[1])}${paint(colour, step[2])}${step[3]}` : paint('dim', line);
        }
        if (/^Plan: /.test(line))
            return paint('bold', line);
        if (/^\w+ of stack .*: failure/.test(line))
            return paint('red', line);
        if (/^\w+ of stack .*: success/.test(line))
            return paint('green', line);
        return line;
    })
        .join('\n');
}
/**
 * One status line at the bottom of a terminal, rewritten in place ("web: pulling 3/5 layers",
 * with the seconds it has taken so far), while other lines scroll above it. Off a terminal it
 * is a plain line per update.
 */
class LiveLine {
    out;
    paint;
    current = '';
    /** Whose status it is (a resource): its next lasting line replaces it. */
    owner;
    since = 0;
    timer;
    constructor(out, paint) {
        this.out = out;
        this.paint = paint;
    }
    /** True when updates rewrite one line (a terminal). */
    get live() {
        return Boolean(this.out.isTTY);
    }
    /** Shows `text` as the status (of `owner`): replaces the previous status on a terminal. */
    status(text, owner) {
        if (!this.live) {
            this.out.write(text + '\n');
            return;
        }
        if (text !== this.current)
            this.since = Date.now();
        this.current = text;
        this.owner = owner;
        this.draw();
        if (!this.timer) {
            // The seconds tick on while nothing new arrives (a long pull, a health check).
            this.timer = setInterval(() => this.draw(), 1000);
            this.timer.unref();
        }
    }
    /**
     * Prints a line that stays, above the status line. A line of the status's owner says how what
     * was under way ended: the status goes.
     */
    line(text, owner) {
        if (!this.live) {
            this.out.write(text + '\n');
            return;
        }
        this.out.write('\r\x1b[2K' + text + '\n');
        // The line took the status's place: forget the status without drawing it again.
        if (owner !== undefined && owner === this.owner)
            this.forget();
        else if (this.current)
            this.draw();
    }
    /** Removes the status line (before the result, or a question). */
    clear() {
        if (this.live && this.current)
            this.out.write('\r\x1b[2K');
        this.forget();
    }
    forget() {
        if (this.timer)
            clearInterval(this.timer);
        this.timer = undefined;
        this.current = '';
        this.owner = undefined;
    }
    draw() {
        const secs = Math.floor((Date.now() - this.since) / 1000);
        const width = Math.max(20, (this.out.columns || 80) - 8);
        const text = this.current.length > width ? this.current.slice(0, width - 1) + '\u2026' : this.current;
        this.out.write('\r\x1b[2K' + this.paint('cyan', '\u2026 ') + text + (secs > 0 ? this.paint('dim', ` ${secs} s`) : ''));
    }
}
/** A progress message that says what is under way (and is followed by how it ended). */
function isTransient(message) {
    return /^(pulling|creating|stopping|starting|removing|replacing|proving|discarding|restoring)\b|waiting/.test(message);
}
/**
 * Asks `question [y/N]` and resolves true only for y or yes. Asks only when input is a terminal;
 * otherwise resolves undefined without reading anything (the caller decides what that means).
 */
async function askYesNo(question, io, signal) {
    if (!io.input.isTTY)
        return undefined;
    const rl = readline().createInterface({ input: io.input, output: io.output, terminal: true });
    try {
        const answer = await new Promise((resolve) => {
            rl.question(`${question} [y/N] `, resolve);
            // Ctrl-D (end of input) and Ctrl-C (readline closes on it when nobody listens for SIGINT) answer no.
            rl.once('close', () => resolve(''));
            // A cancel (SIGTERM from a runner) while the question waits answers no: the run then ends.
            signal?.addEventListener('abort', () => resolve(''), { once: true });
        });
        return /^y(es)?$/i.test(answer.trim());
    }
    finally {
        rl.close();
    }
}

;// CONCATENATED MODULE: ./src/cli.ts
/**
 * The command line: same engine and defaults as the action. Results on stdout, progress, questions
 * and failures on stderr; exit status 0 success, 1 template errors or a failed run, 2 usage errors.
 */














// Getters: the action's bundle loads this module too, and must not open stdin by loading it.
const processIO = {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    cwd: process.cwd(),
    get stdoutIsTTY() {
        return process.stdout.isTTY;
    },
    get stderrIsTTY() {
        return process.stderr.isTTY;
    },
    get stderrColumns() {
        return process.stderr.columns;
    },
    get prompt() {
        return { input: process.stdin, output: process.stderr };
    },
};
/**
 * The version in hotdock's package.json: the first one named hotdock above this module (src/,
 * dist/ and an installed package alike). Looked up at run time on purpose: the bundler would
 * otherwise copy a statically named package.json into dist/ as an asset.
 */
function cliVersion() {
    let dir = (0,external_node_path_.dirname)((0,external_node_url_.fileURLToPath)(__hotdockImportMetaUrl));
    for (;;) {
        try {
            const pkg = JSON.parse((0,external_node_fs_.readFileSync)((0,external_node_path_.join)(dir, 'package.json'), 'utf8'));
            if (pkg.name === 'hotdock' && pkg.version)
                return pkg.version;
        }
        catch {
            // No package.json here (or not ours): look further up.
        }
        if ((0,external_node_path_.dirname)(dir) === dir)
            return 'unknown';
        dir = (0,external_node_path_.dirname)(dir);
    }
}
/**
 * Progress on stderr, so stdout stays parseable: on a terminal, what is under way (a pull, a
 * wait) is one live line rewritten in place, and what happened scrolls above it. Lines carry
 * template text and may land in a workflow log: made inert like the action's (report/escape.ts).
 */
function stderrLog(live, paint, secrets, skipPlan) {
    const text = (t, safe = report_escape/* safeLogText */.Ht) => safe((0,mask/* redact */.E$)(cliWording(t), secrets()));
    return {
        // In plan mode stdout prints the plan as the result, so not twice; deploy and destroy show it first.
        info: (m) => (skipPlan && /^Plan: \d+ to create/m.test(m) ? undefined : live.line(colourText(text(m), paint))),
        warning: (m) => live.line(paint('yellow', `warning: ${text(m)}`)),
        progress: (resource, m) => {
            const line = text(`${resource}: ${m}`, report_escape/* safeLogLine */.AL);
            if (live.live && isTransient(m))
                live.status(line, resource);
            else
                live.line(line, resource);
        },
    };
}
/** The question before a deploy or destroy changes anything: what it does, to which stack. */
function confirmQuestion(mode, stack, nodes) {
    const removed = [...new Set(nodes.filter((n) => n.type === 'remove').map((n) => n.resource))];
    if (mode === 'destroy') {
        return `Remove ${removed.length} resource${removed.length === 1 ? '' : 's'} of stack ${stack} (${removed.join(', ')})?`;
    }
    const also = removed.length ? `, removing ${removed.join(', ')}` : '';
    return `Apply this plan to stack ${stack}${also}?`;
}
/** The settings, with the files the flags name: undefined after printing why they are unusable. */
async function settingsOf(args, env, io) {
    try {
        const warn = (m) => io.stderr(`${paintFor(io.stderrIsTTY, env)('yellow', `warning: ${m}`)}\n`);
        return cliSettings(args, env, io.cwd, await readCliFiles(args, env, io.cwd), warn);
    }
    catch (err) {
        io.stderr(`hotdock: ${cliWording(err instanceof Error ? err.message : String(err))}\n`);
        return undefined;
    }
}
/** Runs the CLI; resolves to the exit status. Never throws. */
async function cliMain(argv = process.argv.slice(2), env = process.env, io = processIO, stages) {
    const parsed = parseCliArgs(argv);
    if (parsed.kind === 'help') {
        io.stdout(USAGE + '\n');
        return 0;
    }
    if (parsed.kind === 'version') {
        io.stdout(`hotdock ${cliVersion()}\n`);
        return 0;
    }
    if (parsed.kind === 'error') {
        io.stderr(`hotdock: ${parsed.message}\n${USAGE_HINT}\n`);
        return 2;
    }
    const { args } = parsed;
    const settings = await settingsOf(args, env, io);
    if (!settings)
        return 2;
    const outPaint = paintFor(io.stdoutIsTTY, env);
    const errPaint = paintFor(io.stderrIsTTY, env);
    const live = new LiveLine({ write: (t) => io.stderr(t), isTTY: io.stderrIsTTY, columns: io.stderrColumns }, errPaint);
    // Registry passwords (from docker login too) are hidden wherever the CLI prints, as in the action.
    const secrets = (0,registry_auth/* registryAuthSecrets */.hQ)(settings.registryAuth);
    const mode = settings.mode;
    // Ask only on a terminal, and never with --yes: a pipe or a script is never left waiting.
    const ask = mode === 'deploy' || mode === 'destroy' ? io.prompt : undefined;
    let result;
    // Ctrl-C (or a CI runner's cancel) rolls back and releases the locks before the process ends.
    const cancel = io === processIO ? (0,src_cancel/* listenForCancel */.Fh)({ log: (line) => io.stderr(line + '\n') }) : undefined;
    const confirm = ask && !args.yes && ask.input.isTTY
        ? async (nodes) => {
            live.clear();
            const question = errPaint('bold', confirmQuestion(mode, settings.stackName, nodes));
            return (await askYesNo(question, ask, cancel?.signal)) === true;
        }
        : undefined;
    const print = (r) => {
        live.clear();
        io.stdout(args.json ? renderCliJson(r, secrets) : colourText(renderCliText(r, mode, settings.stackName, secrets), outPaint));
    };
    cancel?.beforeExit(() => {
        const late = { diagnostics: [], secrets, error: `cancelled by ${cancel.received}: the cleanup did not finish in time` };
        print(late);
        io.stderr(`hotdock: error: ${late.error}\n`);
    });
    try {
        result = await (0,pipeline/* runPipeline */.aI)(settings, stderrLog(live, errPaint, () => secrets, mode === 'plan' && !args.json), {
            ...(stages ? { stages } : {}),
            onValidated: (_diagnostics, hidden) => secrets.push(...hidden),
            run: { ...(cancel ? { signal: cancel.signal } : {}), ...(confirm ? { confirm } : {}) },
        });
    }
    catch (err) {
        result = { diagnostics: [], secrets, error: err instanceof Error ? err.message : String(err) };
    }
    if (cancel?.received)
        result = { ...result, error: (0,src_cancel/* cancelledError */.YQ)(cancel.received, result.error) };
    // Diagnostics too may name an action input (the 'parameters' input): the CLI says its flag.
    result = { ...result, diagnostics: result.diagnostics.map((d) => ({ ...d, message: cliWording(d.message) })) };
    print(result);
    // Template errors are already listed line by line; other failures are said once, on stderr.
    if (result.error && !result.diagnostics.some((d) => d.severity === 'error')) {
        io.stderr(`${errPaint('red', (0,report_escape/* safeLogText */.Ht)(`hotdock: error: ${(0,mask/* redact */.E$)(cliWording(result.error), secrets)}`))}\n`);
    }
    cancel?.finish(result.error ? 1 : 0);
    return result.error ? 1 : 0;
}


/***/ }),

/***/ 8079:
/***/ (function(__unused_webpack_module, __webpack_exports__, __nccwpck_require__) {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   WZ: () => (/* binding */ imageWithDigest),
/* harmony export */   Y2: () => (/* binding */ formatFieldChange),
/* harmony export */   wV: () => (/* binding */ fieldChanges),
/* harmony export */   wy: () => (/* binding */ createChanges)
/* harmony export */ });
/* unused harmony exports HIDDEN, shortDigest */
/* harmony import */ var _hash_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3687);
/* harmony import */ var _template_functions_spec_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(577);
/* harmony import */ var _spec_labels_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(6364);
/**
 * The field-level plan: what a replace changes, old \u2192 new, per field the template knows
 * (`env: GREETING=hello \u2192 GREETING=bonjour`, `image: api:2 (sha256:ab12\u2026) \u2192 api:3 (sha256:cd34\u2026)`,
 * `ports: 8080->80/tcp \u2192 8081->80/tcp`). Pure: it compares the create body the plan wants with the
 * container's own spec as observe read it (Config and HostConfig, and its image's defaults).
 *
 * Which fields changed comes from the container's per-field digests (LABEL_CONFIG_FIELDS) when it
 * carries them: only values the template set are compared, never ones the daemon filled in. The
 * field a body path belongs to comes from hash.ts itself (configFields of a body holding only that
 * path), so there is one table of fields. Hidden values never show: an entry holding one, or whose
 * key names a secret, reads `******` on both sides.
 */



/** Shown in place of a hidden value (the same as the report's MASK, as Heat shows hidden parameters). */
const HIDDEN = '******';
/** Environment variable and label names that hold secrets by convention: their values never show. */
const SECRET_KEY = /passw(or)?d|(^|_)pass(_|$)|secret|token|api[_-]?key|private[_-]?key|credential|(^|_)auth(_|$)/i;
/** `sha256:0123456789ab`: an image id as short as docker shows it, kept recognisable as a digest. */
function shortDigest(id) {
    if (!id)
        return undefined;
    const m = /^(sha256:)?([0-9a-f]{12})[0-9a-f]*$/.exec(id);
    return m ? `sha256:${m[2]}` : id;
}
/** `nginx:1.27 (sha256:0123456789ab)`, or the reference alone when the id is not known. */
function imageWithDigest(image, id) {
    const short = shortDigest(id);
    return short ? `${image} (${short})` : image;
}
/** The template field (hash.ts's names) a body path counts for; undefined when the hash ignores it. */
function fieldOf(path) {
    const [top, sub] = path.split('.');
    const probe = sub ? { [top]: { [sub]: 1 } } : { [top]: 1 };
    return Object.keys((0,_hash_js__WEBPACK_IMPORTED_MODULE_0__/* .configFields */ .e5)(probe))[0];
}
/** Every `Key` and `HostConfig.Key` path set in a body. */
function pathsOf(body) {
    const out = [];
    for (const [k, v] of Object.entries(body)) {
        if (k === 'HostConfig' && (0,_template_functions_spec_js__WEBPACK_IMPORTED_MODULE_1__/* .isMap */ .jh)(v))
            out.push(...Object.keys(v).map((s) => `HostConfig.${s}`));
        else
            out.push(k);
    }
    return out;
}
function valueAt(body, path) {
    const [top, sub] = path.split('.');
    const v = body[top];
    return sub ? ((0,_template_functions_spec_js__WEBPACK_IMPORTED_MODULE_1__/* .isMap */ .jh)(v) ? v[sub] : undefined) : v;
}
/** A `K=V` list (Env) as a map. */
function envMap(list) {
    const out = new Map();
    if (Array.isArray(list))
        for (const e of list)
            if (typeof e === 'string')
                out.set(e.split('=')[0], e.slice(e.split('=')[0].length + 1));
    return out;
}
/** Labels a user wrote: hotdock's own are bookkeeping, shown nowhere. */
function userLabels(v) {
    const out = new Map();
    if ((0,_template_functions_spec_js__WEBPACK_IMPORTED_MODULE_1__/* .isMap */ .jh)(v))
        for (const [k, x] of Object.entries(v))
            if (!k.startsWith('io.hotdock.'))
                out.set(k, String(x));
    return out;
}
/** The template's ports of a body: `hostIp:hostPort->port/proto` for a binding, `port/proto` when only exposed. */
function portSet(body) {
    const out = new Set();
    const host = (0,_template_functions_spec_js__WEBPACK_IMPORTED_MODULE_1__/* .isMap */ .jh)(body.HostConfig) ? body.HostConfig.PortBindings : undefined;
    const bound = (0,_template_functions_spec_js__WEBPACK_IMPORTED_MODULE_1__/* .isMap */ .jh)(host) ? host : {};
    const keys = new Set([...Object.keys((0,_template_functions_spec_js__WEBPACK_IMPORTED_MODULE_1__/* .isMap */ .jh)(body.ExposedPorts) ? body.ExposedPorts : {}), ...Object.keys(bound)]);
    for (const key of keys) {
        const bindings = Array.isArray(bound[key]) ? bound[key] : [];
        if (bindings.length === 0)
            out.add(key);
        for (const b of bindings)
            out.add(`${b.HostIp ? `${b.HostIp}:` : ''}${b.HostPort || '(any)'}->${key}`);
    }
    return out;
}
/** A value as one line: strings as they are, byte sizes in MiB when whole, anything else as canonical JSON. */
function shown(v, field) {
    if ((0,_hash_js__WEBPACK_IMPORTED_MODULE_0__/* .isDefault */ .uP)(v))
        return undefined;
    if (field === 'memory' && typeof v === 'number' && v % (1024 * 1024) === 0)
        return `${v / (1024 * 1024)} MiB`;
    return typeof v === 'string' ? v : (0,_hash_js__WEBPACK_IMPORTED_MODULE_0__/* .canonicalJson */ .dj)(v);
}
/** Per-key changes of two maps (env, labels), `K=V` on each side, hidden values masked. */
function mapChanges(field, before, after, hidden) {
    const out = [];
    for (const key of [...new Set([...before.keys(), ...after.keys()])].sort()) {
        const a = before.get(key);
        const b = after.get(key);
        if (a === b)
            continue;
        const secret = SECRET_KEY.test(key) || [a, b].some((v) => v !== undefined && hidden(v));
        const entry = (v) => (v === undefined ? undefined : `${key}=${secret ? HIDDEN : v}`);
        out.push({ field, old: entry(a), new: entry(b) });
    }
    return out;
}
/** The container's spec as observe reads it, with what its image put there left out. */
function ownSpec(o, wanted) {
    const spec = o.spec?.body ?? {};
    const image = o.spec?.image ?? {};
    const body = { ...spec };
    // An image default that the template does not also set is not the container's own setting.
    const env = envMap(spec.Env);
    const wantedEnv = envMap(wanted.Env);
    for (const [k, v] of envMap(image.Env))
        if (env.get(k) === v && wantedEnv.get(k) !== v)
            env.delete(k);
    body.Env = [...env].map(([k, v]) => `${k}=${v}`);
    const labels = (0,_template_functions_spec_js__WEBPACK_IMPORTED_MODULE_1__/* .isMap */ .jh)(spec.Labels) ? { ...spec.Labels } : {};
    const imageLabels = (0,_template_functions_spec_js__WEBPACK_IMPORTED_MODULE_1__/* .isMap */ .jh)(image.Labels) ? image.Labels : {};
    const wantedLabels = (0,_template_functions_spec_js__WEBPACK_IMPORTED_MODULE_1__/* .isMap */ .jh)(wanted.Labels) ? wanted.Labels : {};
    for (const [k, v] of Object.entries(imageLabels))
        if (labels[k] === v && wantedLabels[k] !== v)
            delete labels[k];
    body.Labels = labels;
    if ((0,_template_functions_spec_js__WEBPACK_IMPORTED_MODULE_1__/* .isMap */ .jh)(spec.ExposedPorts)) {
        const bound = (0,_template_functions_spec_js__WEBPACK_IMPORTED_MODULE_1__/* .isMap */ .jh)(spec.HostConfig) && (0,_template_functions_spec_js__WEBPACK_IMPORTED_MODULE_1__/* .isMap */ .jh)(spec.HostConfig.PortBindings) ? spec.HostConfig.PortBindings : {};
        const imagePorts = (0,_template_functions_spec_js__WEBPACK_IMPORTED_MODULE_1__/* .isMap */ .jh)(image.ExposedPorts) ? image.ExposedPorts : {};
        // A port only the image exposes, unbound, is the image's; a bound one is the container's own.
        body.ExposedPorts = Object.fromEntries(Object.entries(spec.ExposedPorts).filter(([k]) => !(k in imagePorts) || k in bound));
    }
    return body;
}
/**
 * What replacing `o` with `d` changes, field by field, in the order of the plan's reasons. Empty
 * when observe could not read the container's spec and the image did not move either.
 */
function fieldChanges(d, o, hidden = () => false) {
    const out = [];
    const imageMoved = Boolean(d.imageId && o.imageId && d.imageId !== o.imageId);
    const before = (0,_hash_js__WEBPACK_IMPORTED_MODULE_0__/* .parseConfigFields */ .tt)(o.labels[_spec_labels_js__WEBPACK_IMPORTED_MODULE_2__/* .LABEL_CONFIG_FIELDS */ .Si]);
    const now = (0,_hash_js__WEBPACK_IMPORTED_MODULE_0__/* .configFields */ .e5)(d.body);
    const imageChanged = before ? before.image !== now.image : o.image !== d.image;
    if (imageChanged || imageMoved)
        out.push({ field: 'image', old: imageWithDigest(o.image, o.imageId), new: imageWithDigest(d.image, d.imageId) });
    if (!o.spec)
        return out;
    const mine = ownSpec(o, d.body);
    // With digests, a field changed when its digest did; without (an older container), when its value did.
    const changed = (field) => (before ? before[field] !== now[field] : true);
    const byField = new Map();
    for (const path of new Set([...pathsOf(d.body), ...pathsOf(mine)])) {
        const field = fieldOf(path);
        if (field && field !== 'image')
            byField.set(field, [...(byField.get(field) ?? []), path]);
    }
    for (const field of _hash_js__WEBPACK_IMPORTED_MODULE_0__/* .CONFIG_FIELD_ORDER */ .nI.filter((f) => byField.has(f) && changed(f))) {
        if (field === 'env')
            out.push(...mapChanges('env', envMap(mine.Env), envMap(d.body.Env), hidden));
        else if (field === 'labels')
            out.push(...mapChanges('labels', userLabels(mine.Labels), userLabels(d.body.Labels), hidden));
        else if (field === 'ports') {
            const a = portSet(mine);
            const b = portSet(d.body);
            const gone = [...a].filter((p) => !b.has(p));
            const added = [...b].filter((p) => !a.has(p));
            const secret = [...gone, ...added].some((p) => hidden(p));
            const side = (list) => (list.length === 0 ? undefined : secret ? HIDDEN : list.join(', '));
            if (gone.length || added.length)
                out.push({ field, old: side(gone), new: side(added) });
        }
        else {
            // A field the template did not set before held the image's or the daemon's value: unset for the template.
            const unsetBefore = before !== undefined && before[field] === undefined;
            for (const path of byField.get(field)) {
                const a = unsetBefore ? undefined : shown(valueAt(mine, path), field);
                const b = shown(valueAt(d.body, path), field);
                if (a === b)
                    continue;
                const secret = [a, b].some((v) => v !== undefined && hidden(v));
                out.push({ field, old: a === undefined || !secret ? a : HIDDEN, new: b === undefined || !secret ? b : HIDDEN });
            }
        }
    }
    return out;
}
/** What a create brings: its image, with the digest the pull resolved (when it ran). */
function createChanges(d) {
    return [{ field: 'image', new: imageWithDigest(d.image, d.imageId) }];
}
/** One change as the plan prints it: `env: A=1 \u2192 A=2`, `image: nginx:1.27 (sha256:\u2026)` for a new value alone. */
function formatFieldChange(c) {
    if (c.old === undefined && c.new !== undefined && c.field === 'image')
        return `${c.field}: ${c.new}`;
    return `${c.field}: ${c.old ?? '(unset)'} \u2192 ${c.new ?? '(unset)'}`;
}


/***/ }),

/***/ 3687:
/***/ (function(__unused_webpack_module, __webpack_exports__, __nccwpck_require__) {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   E0: () => (/* binding */ changedFields),
/* harmony export */   W6: () => (/* binding */ configFieldsLabel),
/* harmony export */   dj: () => (/* binding */ canonicalJson),
/* harmony export */   e5: () => (/* binding */ configFields),
/* harmony export */   nI: () => (/* binding */ CONFIG_FIELD_ORDER),
/* harmony export */   r_: () => (/* binding */ configHash),
/* harmony export */   tt: () => (/* binding */ parseConfigFields),
/* harmony export */   uP: () => (/* binding */ isDefault)
/* harmony export */ });
/* unused harmony export normaliseSpec */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _spec_container_properties_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(7452);
/* harmony import */ var _spec_labels_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(6364);
/* harmony import */ var _template_functions_spec_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(577);
/**
 * The config hash: `v1:<sha256 hex>` of a canonical JSON of the normalised desired spec (the create
 * body). It decides "replace or keep", so it covers only what the template asks for: never values
 * the daemon fills in, never informational labels (revision, template path, and the hash itself).
 * A per-field digest beside it (LABEL_CONFIG_FIELDS) lets a plan say WHAT changed.
 */




/** Version prefix: bump when normalisation changes, so old hashes never falsely match. */
const VERSION = 'v1';
/** hotdock labels that identify a container; every other `io.hotdock.*` label is informational. */
const IDENTITY_LABELS = new Set([_spec_labels_js__WEBPACK_IMPORTED_MODULE_3__/* .LABEL_STACK */ .oM, _spec_labels_js__WEBPACK_IMPORTED_MODULE_3__/* .LABEL_RESOURCE */ .G$]);
/**
 * Body paths \u2192 the reason words users know from the template, from the property table: a
 * field's word is its property's (exposed ports and bindings both say `ports`, however the
 * template wrote them). Reasons are listed in the table's order.
 */
const FIELDS = _spec_container_properties_js__WEBPACK_IMPORTED_MODULE_1__/* .BODY_FIELD_REASONS */ .MB;
/** Field names in reason order, each once. */
const CONFIG_FIELD_ORDER = [...new Set(FIELDS.map(([, f]) => f))];
/** Unset, false, 0, '' and empty collections mean "Docker's default": equal to leaving them out (also field-diff.ts's rule). */
function isDefault(v) {
    return v === undefined || v === null || v === false || v === 0 || v === ''
        || (Array.isArray(v) && v.length === 0) || ((0,_template_functions_spec_js__WEBPACK_IMPORTED_MODULE_2__/* .isMap */ .jh)(v) && Object.keys(v).length === 0);
}
function withoutDefaults(map) {
    return Object.fromEntries(Object.entries(map).filter(([, v]) => !isDefault(v)));
}
/**
 * The spec the hash covers: informational labels dropped, and at the body and HostConfig levels
 * default values dropped, so adding an explicit default (or a newer hotdock emitting one) does
 * not replace containers. Deeper values are kept whole (ExposedPorts' `{}` values mean "exposed").
 */
function normaliseSpec(body) {
    const spec = { ...body };
    if ((0,_template_functions_spec_js__WEBPACK_IMPORTED_MODULE_2__/* .isMap */ .jh)(body.Labels)) {
        spec.Labels = Object.fromEntries(Object.entries(body.Labels).filter(([k]) => !k.startsWith('io.hotdock.') || IDENTITY_LABELS.has(k)));
    }
    if ((0,_template_functions_spec_js__WEBPACK_IMPORTED_MODULE_2__/* .isMap */ .jh)(body.HostConfig))
        spec.HostConfig = withoutDefaults(body.HostConfig);
    return withoutDefaults(spec);
}
/** JSON with keys sorted at every level: equal specs give equal text whatever their key order. */
function canonicalJson(value) {
    if (Array.isArray(value))
        return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
    if ((0,_template_functions_spec_js__WEBPACK_IMPORTED_MODULE_2__/* .isMap */ .jh)(value)) {
        const keys = Object.keys(value).filter((k) => value[k] !== undefined).sort();
        return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(',')}}`;
    }
    return JSON.stringify(value) ?? 'null';
}
const sha256 = (text) => (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(text).digest('hex');
/** `v1:<sha256 hex>` of the normalised desired spec (see normaliseSpec). */
function configHash(body) {
    return `${VERSION}:${sha256(canonicalJson(normaliseSpec(body)))}`;
}
function at(spec, path) {
    let node = spec;
    for (const part of path.split('.'))
        node = (0,_template_functions_spec_js__WEBPACK_IMPORTED_MODULE_2__/* .isMap */ .jh)(node) ? node[part] : undefined;
    return node;
}
/** Short digest per field of the normalised spec; fields at their default are left out. */
function configFields(body) {
    const spec = normaliseSpec(body);
    const grouped = new Map();
    for (const [path, field] of FIELDS) {
        const value = at(spec, path);
        if (isDefault(value))
            continue;
        grouped.set(field, { ...grouped.get(field), [path]: value });
    }
    const out = {};
    for (const field of [...grouped.keys()].sort())
        out[field] = sha256(canonicalJson(grouped.get(field))).slice(0, 8);
    return out;
}
/** The LABEL_CONFIG_FIELDS value for a body: `field=digest` pairs, comma-separated, sorted. */
function configFieldsLabel(body) {
    return Object.entries(configFields(body)).map(([f, d]) => `${f}=${d}`).join(',');
}
/** Parses a LABEL_CONFIG_FIELDS value; undefined when absent or not in that form. */
function parseConfigFields(label) {
    if (label === undefined)
        return undefined;
    if (label === '')
        return {};
    const out = {};
    for (const pair of label.split(',')) {
        const m = /^([a-z_]+)=([0-9a-f]+)$/.exec(pair);
        if (!m)
            return undefined;
        out[m[1]] = m[2];
    }
    return out;
}
/**
 * Fields whose digest differs between the desired body and a container's LABEL_CONFIG_FIELDS,
 * in reason order. Undefined when the container carries no readable label (made by an older
 * hotdock): the caller can only say that the configuration changed.
 */
function changedFields(body, observedLabel) {
    const before = parseConfigFields(observedLabel);
    if (!before)
        return undefined;
    const now = configFields(body);
    return CONFIG_FIELD_ORDER.filter((f) => before[f] !== now[f]);
}


/***/ }),

/***/ 4329:
/***/ (function(__unused_webpack_module, __webpack_exports__, __nccwpck_require__) {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   K: () => (/* binding */ PlanGraph)
/* harmony export */ });
/** Collects draft nodes and numbers them. */
class PlanGraph {
    drafts = new Map();
    /** Adds a node; the key must be new. */
    add(key, type, resource, endpoint, reasons, extra = {}) {
        if (this.drafts.has(key))
            throw new Error(`plan: duplicate node '${key}'`);
        const node = { key, type, resource, endpoint, reasons, after: [], ...extra };
        this.drafts.set(key, node);
        return node;
    }
    /** The node under `key`. */
    get(key) {
        return this.drafts.get(key);
    }
    /** Adds the edge `from` must wait for `to` (unknown keys are dropped at numbering). */
    edge(from, to) {
        const node = this.drafts.get(from);
        if (node && from !== to && !node.after.includes(to))
            node.after.push(to);
    }
    /** Every draft node, in the order added. */
    all() {
        return [...this.drafts.values()];
    }
    /**
     * The numbered plan: Kahn's algorithm, always taking the earliest-added ready node. Nodes on a
     * cycle (the planner never makes one) are appended in the order added.
     */
    finish() {
        const drafts = this.all();
        const order = [];
        const placed = new Set();
        const deps = new Map(drafts.map((d) => [d.key, d.after.filter((k) => this.drafts.has(k))]));
        while (order.length < drafts.length) {
            const next = drafts.find((d) => !placed.has(d.key) && deps.get(d.key).every((k) => placed.has(k)))
                ?? drafts.find((d) => !placed.has(d.key));
            order.push(next);
            placed.add(next.key);
        }
        const ids = new Map(order.map((d, i) => [d.key, i + 1]));
        return order.map((d) => {
            const { key: _key, after: _after, ...rest } = d;
            void _key;
            void _after;
            const dependsOn = [...new Set(deps.get(d.key).map((k) => ids.get(k)))].sort((a, b) => a - b);
            return { id: ids.get(d.key), ...rest, dependsOn };
        });
    }
}


/***/ }),

/***/ 1450:
/***/ (function(__unused_webpack_module, __webpack_exports__, __nccwpck_require__) {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   n: () => (/* binding */ formatPlan)
/* harmony export */ });
/* harmony import */ var _field_diff_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(8079);
/* harmony import */ var _plan_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(6822);
/**
 * The plan as text for logs, the job summary and PR comments: one node a line with the nodes it
 * waits for, compose-style, then a count line. Golden tests pin it (testdata/plans/):
 *
 *     [] -> #1 create db @local: new
 *     [1] -> #2 replace api @local: env changed
 *         env: MODE=dev \u2192 MODE=prod
 *     [1,2] -> #3 start web @local: container exited
 *     Plan: 1 to create, 1 to replace, 1 to start, 0 to remove, 0 unchanged.
 *
 * Under a create or a replace, one indented line per changed field (field-diff.ts).
 */


function isNode(x) {
    return typeof x.type === 'string' && typeof x.id === 'number';
}
/** One line: `[deps] -> #id type resource @endpoint: reasons`. */
function line(id, deps, type, resource, endpoint, reasons) {
    const head = `[${deps.join(',')}] -> #${id} ${type} ${resource} @${endpoint}`;
    return reasons.length > 0 ? `${head}: ${reasons.join(', ')}` : head;
}
/**
 * The plan's text. Takes the planner's nodes, or the `plan` output's entries (numbered in order,
 * without edges) as the report stage keeps them.
 */
function formatPlan(plan) {
    const lines = [];
    const actions = [];
    let repairs = 0;
    plan.forEach((n, i) => {
        if (isNode(n)) {
            lines.push(line(n.id, n.dependsOn, n.type, n.resource, n.endpoint, n.reasons));
            for (const c of n.changes ?? [])
                lines.push(`    ${(0,_field_diff_js__WEBPACK_IMPORTED_MODULE_0__/* .formatFieldChange */ .Y2)(c)}`);
            const action = (0,_plan_js__WEBPACK_IMPORTED_MODULE_1__/* .actionOf */ .qj)(n.type);
            if (n.reasons.some((r) => r.startsWith('repair: ')))
                repairs++;
            else if (action)
                actions.push(action);
        }
        else {
            lines.push(line(i + 1, [], n.action, n.resource, n.endpoint, n.reasons));
            if (n.reasons.some((r) => r.startsWith('repair: ')))
                repairs++;
            else
                actions.push(n.action);
        }
    });
    const count = (a) => actions.filter((x) => x === a).length;
    lines.push(`Plan: ${count('create')} to create, ${count('replace')} to replace, ${count('start')} to start, ` +
        `${count('remove')} to remove, ${count('unchanged')} unchanged${repairs > 0 ? `, ${repairs} to repair` : ''}.`);
    return lines.join('\n');
}


/***/ }),

/***/ 6822:
/***/ (function(__unused_webpack_module, __webpack_exports__, __nccwpck_require__) {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  qj: () => (/* binding */ actionOf),
  XA: () => (/* binding */ planChanges),
  HN: () => (/* binding */ planLines),
  qz: () => (/* binding */ planStack),
  uh: () => (/* binding */ planToOutput)
});

;// CONCATENATED MODULE: ./src/deploy/host-ports.ts
/** `hostIp:port/proto` of every host port the desired body binds (hostIp `0.0.0.0` when unset). */
function desiredHostPorts(d) {
    const bindings = (d.body.HostConfig ?? {}).PortBindings ?? {};
    const out = [];
    for (const [key, list] of Object.entries(bindings)) {
        const proto = key.split('/')[1] ?? 'tcp';
        for (const b of list ?? [])
            if (b?.HostPort !== undefined && String(b.HostPort) !== '')
                out.push(`${b.HostIp || '0.0.0.0'}:${b.HostPort}/${proto}`);
    }
    return out;
}
function split(p) {
    const slash = p.lastIndexOf('/');
    const colon = p.lastIndexOf(':', slash);
    return { ip: p.slice(0, colon), port: p.slice(colon + 1, slash), proto: p.slice(slash + 1) };
}
const ANY = new Set(['0.0.0.0', '::', '']);
/** True when two `hostIp:port/proto` lists share a port the engine would refuse to bind twice. */
function portsClash(a, b) {
    return a.some((x) => b.some((y) => {
        const p = split(x);
        const q = split(y);
        return p.port === q.port && p.proto === q.proto && (p.ip === q.ip || ANY.has(p.ip) || ANY.has(q.ip));
    }));
}
/** True when the observed container holds a host port (it is running and publishes one). */
function holdsHostPorts(o) {
    return (o.hostPorts?.length ?? 0) > 0 && (o.state === 'running' || o.state === 'restarting' || o.state === 'paused');
}

// EXTERNAL MODULE: ./src/deploy/plan-graph.ts
var plan_graph = __nccwpck_require__(4329);
// EXTERNAL MODULE: ./src/deploy/verdict.ts
var verdict = __nccwpck_require__(4010);
;// CONCATENATED MODULE: ./src/deploy/repair-plan.ts

/** Key of Repaired.waits. */
function waitKey(resource, endpoint) {
    return `${resource}\u0000${endpoint}`;
}
/** Adds the repair nodes of every aside leftover to `graph`. */
function planRepairs(graph, desired, observed) {
    const asides = observed.filter((o) => o.role === 'aside' && o.resource !== '');
    let live = observed.filter((o) => o.role !== 'aside');
    const waits = new Map();
    const groups = new Map();
    for (const a of asides)
        groups.set(waitKey(a.resource, a.endpoint), [...(groups.get(waitKey(a.resource, a.endpoint)) ?? []), a]);
    for (const [key, group] of groups) {
        const { resource, endpoint } = group[0];
        const d = desired.find((x) => x.resource === resource && x.endpoint.name === endpoint);
        const name = group.find((a) => a.asideOf)?.asideOf ?? d?.name;
        const holder = name === undefined ? undefined : live.find((o) => o.endpoint === endpoint && o.name === name);
        const keys = [];
        const proven = d && holder && holder.resource === resource && holder.state === 'running' && (0,verdict/* replaceReasons */.cJ)(d, holder).length === 0;
        if (proven) {
            const prove = `prove:${holder.id}`;
            graph.add(prove, 'prove', resource, endpoint, [`repair: prove '${holder.name}', left unproven by ${(0,verdict/* leftBy */.jf)(holder)}`], { observed: holder, desired: d });
            keys.push(prove);
            for (const a of group) {
                const k = `discard:${a.id}`;
                graph.add(k, 'discard-aside', resource, endpoint, [`repair: discard '${a.name}', put aside by ${(0,verdict/* leftBy */.jf)(a)}`], { observed: a });
                graph.edge(k, prove);
            }
            waits.set(key, keys);
            continue;
        }
        // Bring back the old container: the one that matches the desired spec if any, else the first.
        const restore = (d && group.find((a) => a.configHash === d.configHash)) ?? group.find((a) => a.asideOf) ?? (name ? group[0] : undefined);
        let removed;
        if (holder && restore) {
            removed = `repair-remove:${holder.id}`;
            graph.add(removed, 'remove', holder.resource, endpoint, [`repair: unproven '${holder.name}' left by ${(0,verdict/* leftBy */.jf)(holder)}`], { observed: holder, keepAside: false });
            keys.push(removed);
            live = live.filter((o) => o !== holder);
        }
        for (const a of group) {
            if (a === restore)
                continue;
            const k = `discard:${a.id}`;
            graph.add(k, 'discard-aside', resource, endpoint, [`repair: discard '${a.name}', put aside by ${(0,verdict/* leftBy */.jf)(a)}`], { observed: a });
            keys.push(k);
        }
        if (restore && name) {
            const k = `restore:${restore.id}`;
            const matches = d && restore.configHash === d.configHash;
            graph.add(k, 'restore-aside', resource, endpoint, [`repair: restore '${restore.name}' as '${name}', put aside by ${(0,verdict/* leftBy */.jf)(restore)}`], {
                observed: { ...restore, asideOf: name },
                ...(matches ? { desired: d } : {}),
            });
            if (removed)
                graph.edge(k, removed);
            keys.push(k);
            // Planned from here on as the live container it will be: back under its name, running.
            live = [...live, { ...restore, role: 'live', name, state: 'running' }];
        }
        waits.set(key, keys);
    }
    return { live, waits };
}

// EXTERNAL MODULE: ./src/deploy/field-diff.ts
var field_diff = __nccwpck_require__(8079);
// EXTERNAL MODULE: ./src/spec/labels.ts
var labels = __nccwpck_require__(6364);
;// CONCATENATED MODULE: ./src/deploy/plan.ts
/**
 * The plan: desired containers against observed ones, as a DAG of typed operations with causes.
 * Pure. Repairs of leftovers come first (repair-plan.ts); then each resource is judged on its own
 * spec: a dependency being created or replaced does not cascade, except through a value the
 * resource reads from that dependency's container at deploy time, which the plan binds late (a
 * `bind` node after the dependency's node, and a replace of the resource).
 */






const mainKey = (resource) => `main:${resource}`;
/**
 * The deploy plan. Per desired resource (template order) one node: create, move, replace, start
 * or unchanged. A resource found on another endpoint moves: created here and removed there once
 * the new one stands, with the reason placement gave. Extra containers of a resource on its endpoint are removed: before its node when they
 * hold host ports (the port must be free), after it otherwise. A container holding a resource's
 * fixed name whose own resource left the template is that resource renamed: a replace. Containers
 * of resources that left the template are removed only with `prune`, never when Retain.
 */
function planStack(desired, observed, options) {
    const graph = new plan_graph/* PlanGraph */.K();
    const keepAside = options.rollback ?? true;
    const { live, waits } = planRepairs(graph, desired, observed.filter((o) => o.resource !== ''));
    const waitFor = (key, o) => {
        for (const w of waits.get(waitKey(o.resource, o.endpoint)) ?? [])
            graph.edge(key, w);
    };
    const wanted = new Set(desired.map((d) => d.resource));
    const byResource = new Map();
    for (const o of live)
        byResource.set(o.resource, [...(byResource.get(o.resource) ?? []), o]);
    // A resource renamed in the template that kept its fixed `name:`: the holder of the name is its.
    const renamed = new Map();
    for (const d of desired) {
        if ((byResource.get(d.resource) ?? []).some((o) => o.endpoint === d.endpoint.name))
            continue;
        const holder = live.find((o) => o.endpoint === d.endpoint.name && o.name === d.name && !wanted.has(o.resource));
        if (holder && ![...renamed.values()].includes(holder))
            renamed.set(d.resource, holder);
    }
    const consumed = new Set(renamed.values());
    const removal = (o, reasons) => {
        const key = `remove:${o.id}`;
        graph.add(key, 'remove', o.resource, o.endpoint, reasons, { observed: o, keepAside });
        waitFor(key, o);
        return key;
    };
    for (const d of desired) {
        const endpoint = d.endpoint.name;
        const main = mainKey(d.resource);
        const mine = byResource.get(d.resource) ?? [];
        const here = mine.filter((o) => o.endpoint === endpoint);
        const elsewhere = mine.filter((o) => o.endpoint !== endpoint);
        const from = renamed.get(d.resource);
        if (from) {
            graph.add(main, 'replace', d.resource, endpoint, [`renamed from ${from.resource}`], { desired: d, observed: from, changes: (0,field_diff/* fieldChanges */.wV)(d, from, options.hidden) });
            waitFor(main, from);
        }
        else if (here.length === 0) {
            const moved = [...new Set(elsewhere.map((o) => o.endpoint))];
            // A move replaces the container elsewhere: made here first, the old one removed once it stands.
            const why = d.placement?.movedBecause ? `: ${d.placement.movedBecause}` : '';
            if (moved.length > 0)
                graph.add(main, 'move', d.resource, endpoint, [`moved from ${moved.join(', ')}${why}`], { desired: d, changes: (0,field_diff/* createChanges */.wy)(d) });
            else
                graph.add(main, 'create', d.resource, endpoint, d.placement ? ['new', d.placement.reason] : ['new'], { desired: d, changes: (0,field_diff/* createChanges */.wy)(d) });
        }
        else {
            const primary = here.find((o) => o.name === d.name) ?? here.find((o) => o.state === 'running' || o.state === 'restarting') ?? here[0];
            const reasons = (0,verdict/* replaceReasons */.cJ)(d, primary);
            const started = (0,verdict/* startReason */.L6)(primary);
            const type = reasons.length > 0 ? 'replace' : started ? 'start' : 'unchanged';
            const changes = type === 'replace' ? { changes: (0,field_diff/* fieldChanges */.wV)(d, primary, options.hidden) } : {};
            graph.add(main, type, d.resource, endpoint, reasons.length > 0 ? reasons : started ? [started] : [], { desired: d, observed: primary, ...changes });
            for (const o of here) {
                if (o === primary)
                    continue;
                const key = removal(o, [`duplicate container ${o.name}`]);
                // A duplicate holding a host port must go first, or the new container cannot bind it.
                if (holdsHostPorts(o))
                    graph.edge(main, key);
                else
                    graph.edge(key, main);
            }
        }
        waitFor(main, { resource: d.resource, endpoint });
        for (const o of elsewhere)
            graph.edge(removal(o, [`moved to ${endpoint}`]), main);
    }
    for (const d of desired)
        for (const dep of d.dependsOn)
            if (graph.get(mainKey(dep)))
                graph.edge(mainKey(d.resource), mainKey(dep));
    const gone = live
        .filter((o) => !wanted.has(o.resource) && !consumed.has(o))
        .sort((a, b) => a.resource.localeCompare(b.resource) || a.endpoint.localeCompare(b.endpoint) || a.name.localeCompare(b.name));
    if (options.prune) {
        for (const o of gone) {
            if (o.labels[labels/* LABEL_DELETION_POLICY */.Vz] === 'Retain')
                continue;
            const key = removal(o, ['left the template']);
            // It goes before any container here that needs one of its host ports.
            for (const d of desired) {
                if (d.endpoint.name === o.endpoint && holdsHostPorts(o) && portsClash(o.hostPorts ?? [], desiredHostPorts(d)))
                    graph.edge(mainKey(d.resource), key);
            }
        }
    }
    bindLate(graph, desired);
    return graph.finish();
}
/**
 * Late binding: a resource reading (get_attr, get_resource) the container of a resource this run
 * creates or replaces gets a `bind` node after that resource's node, and is itself replaced (or
 * created) after the bind. Repeated until stable: a replace made this way may in turn be read.
 */
function bindLate(graph, desired) {
    const changing = (resource) => {
        const t = graph.get(mainKey(resource))?.type;
        return t === 'create' ? 'created' : t === 'replace' || t === 'move' ? 'replaced' : t === 'start' ? 'started' : undefined;
    };
    for (let progressed = true; progressed;) {
        progressed = false;
        for (const d of desired) {
            const bind = `bind:${d.resource}`;
            const main = graph.get(mainKey(d.resource));
            if (!main || graph.get(bind))
                continue;
            const makes = main.type === 'create' || main.type === 'replace' || main.type === 'move';
            // A started container keeps its id but may get a new address: read again only by a resource
            // this run makes anyway; a new container (create, replace) is read again by every reader.
            const late = (d.reads ?? []).filter((r) => {
                const how = r.resource !== d.resource ? changing(r.resource) : undefined;
                return how === 'created' || how === 'replaced' || (how === 'started' && makes);
            });
            if (late.length === 0)
                continue;
            const what = [...new Set(late.map((r) => (r.attr ? `${r.resource}.${r.attr}` : r.resource)))];
            graph.add(bind, 'bind', d.resource, d.endpoint.name, [`reads ${what.join(', ')}`], { desired: d, reads: [...(d.reads ?? [])] });
            for (const r of late)
                graph.edge(bind, mainKey(r.resource));
            graph.edge(main.key, bind);
            if (!makes) {
                main.type = 'replace';
                main.reasons = [...new Set(late.map((r) => `${r.resource} ${changing(r.resource)} in this run`))];
            }
            progressed = true;
        }
    }
}
/** The contract's action of each node type (bind is part of its resource's own operation). */
const ACTIONS = {
    create: 'create',
    move: 'replace',
    replace: 'replace',
    start: 'start',
    unchanged: 'unchanged',
    remove: 'remove',
    retain: 'unchanged',
    'restore-aside': 'start',
    'discard-aside': 'remove',
    prove: 'unchanged',
    bind: undefined,
};
/** The contract action a node shows as (undefined: not shown on its own). */
function actionOf(type) {
    return ACTIONS[type];
}
/** The `plan` output: one entry per node (bind nodes are part of their resource's entry). */
function planToOutput(nodes) {
    return nodes.flatMap((n) => {
        const action = ACTIONS[n.type];
        return action ? [{ resource: n.resource, endpoint: n.endpoint, action, reasons: [...n.reasons] }] : [];
    });
}
/** The nodes as the report prints them (edges kept, container data left out). */
function planLines(nodes) {
    return nodes.map((n) => ({
        id: n.id, type: n.type, resource: n.resource, endpoint: n.endpoint, reasons: [...n.reasons], dependsOn: [...n.dependsOn],
        ...(n.changes?.length ? { changes: n.changes.map((c) => ({ ...c })) } : {}),
    }));
}
/** True when carrying out the plan would change anything on an endpoint. */
function planChanges(nodes) {
    return nodes.some((n) => n.type !== 'unchanged' && n.type !== 'retain' && n.type !== 'prove' && n.type !== 'bind');
}


/***/ }),

/***/ 4010:
/***/ (function(__unused_webpack_module, __webpack_exports__, __nccwpck_require__) {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   L6: () => (/* binding */ startReason),
/* harmony export */   cJ: () => (/* binding */ replaceReasons),
/* harmony export */   jf: () => (/* binding */ leftBy)
/* harmony export */ });
/* unused harmony export UP_STATES */
/* harmony import */ var _hash_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3687);
/* harmony import */ var _spec_labels_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(6364);
/** What a resource's observed container needs, judged against its desired one. Pure. */


/** States in which a container needs nothing to be "up". */
const UP_STATES = ['running', 'restarting'];
/** Why an existing container must be replaced; empty when it matches. */
function replaceReasons(d, o) {
    const reasons = [];
    if (o.configHash !== d.configHash) {
        const fields = (0,_hash_js__WEBPACK_IMPORTED_MODULE_0__/* .changedFields */ .E0)(d.body, o.labels[_spec_labels_js__WEBPACK_IMPORTED_MODULE_1__/* .LABEL_CONFIG_FIELDS */ .Si]);
        if (fields && fields.length > 0)
            reasons.push(...fields.map((f) => `${f} changed`));
        else
            reasons.push('configuration changed');
    }
    if (o.name !== d.name)
        reasons.push('name changed');
    // Same reference, different image: a moved tag (pull: always) or a rebuilt local image.
    if (d.imageId && o.imageId && d.imageId !== o.imageId && !reasons.includes('image changed'))
        reasons.push('image updated');
    if (o.state === 'dead')
        reasons.push('container dead');
    return reasons;
}
/** Start reason for a container whose spec matches but that is not up; undefined when it is. */
function startReason(o) {
    if (UP_STATES.includes(o.state))
        return undefined;
    if (o.state === 'exited')
        return 'container exited';
    if (o.state === 'paused')
        return 'container paused';
    return 'container not running';
}
/** `run <id>` of a leftover, for repair reasons. */
function leftBy(o) {
    return o.run ? `run ${o.run}` : 'an interrupted run';
}


/***/ }),

/***/ 4851:
/***/ (function(__unused_webpack_module, __webpack_exports__, __nccwpck_require__) {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   C: () => (/* binding */ hasErrors),
/* harmony export */   D: () => (/* binding */ sortDiagnostics)
/* harmony export */ });
/** True when any diagnostic is an error: such a run deploys nothing. */
function hasErrors(diagnostics) {
    return diagnostics.some((d) => d.severity === 'error');
}
/** Stable order for output: by file, line, column, then code. */
function sortDiagnostics(diagnostics) {
    return [...diagnostics].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.code.localeCompare(b.code));
}


/***/ }),

/***/ 1793:
/***/ (function(__unused_webpack_module, __webpack_exports__, __nccwpck_require__) {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   U: () => (/* binding */ readDockerEnvironment)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_os__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _setting_values_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(4902);
/* harmony import */ var _spec_endpoint_url_js__WEBPACK_IMPORTED_MODULE_4__ = __nccwpck_require__(1434);
/**
 * The docker CLI's environment variables, read in ONE place for the action (inputs.ts) and the CLI
 * (cli.ts) alike: DOCKER_HOST, DOCKER_TLS_VERIFY and DOCKER_CERT_PATH. They are read only when the
 * user gave no endpoint, and nothing else in hotdock looks at them: the Docker client library is
 * built from hotdock's endpoint alone (engine/client.ts), so the environment cannot redirect a deploy.
 *
 * Unlike the docker CLI, TLS here always verifies the server certificate, and TLS material that
 * cannot apply (a unix socket, ssh, plain http://) is refused instead of silently dropped.
 * Free of @actions/core on purpose: the CLI loads this.
 */





/** The certificate files, named as the docker CLI names them. */
const CERT_FILES = { ca: 'ca.pem', cert: 'cert.pem', key: 'key.pem' };
/**
 * Reads DOCKER_HOST, DOCKER_TLS_VERIFY and DOCKER_CERT_PATH from `env`. Call it only when the user
 * gave no endpoint. Undefined when none of the three is set (the caller then uses the local socket).
 *
 * TLS is wanted when DOCKER_TLS_VERIFY is set (any non-empty value, as the docker CLI reads it) or
 * DOCKER_CERT_PATH is: the certificates come from DOCKER_CERT_PATH, else ~/.docker, and every one
 * of ca.pem, cert.pem and key.pem must exist. TLS then needs a tcp:// (or https://, or host:port)
 * DOCKER_HOST; anything else is refused, never answered with plain HTTP.
 * Throws InputError with a message naming the variable and what to change.
 */
function readDockerEnvironment(env, home = env.HOME || (0,node_os__WEBPACK_IMPORTED_MODULE_1__.homedir)()) {
    const host = (env.DOCKER_HOST ?? '').trim();
    const verify = (env.DOCKER_TLS_VERIFY ?? '').trim() !== '';
    const certPath = (env.DOCKER_CERT_PATH ?? '').trim();
    const wantsTls = verify || certPath !== '';
    if (host === '' && !wantsTls)
        return undefined;
    const set = [verify ? 'DOCKER_TLS_VERIFY' : '', certPath ? 'DOCKER_CERT_PATH' : ''].filter(Boolean).join(' and ');
    if (host === '') {
        throw new _setting_values_js__WEBPACK_IMPORTED_MODULE_3__/* .InputError */ .dz(`${set} ${certPath && verify ? 'are' : 'is'} set but DOCKER_HOST is not: TLS needs a tcp://host:port endpoint. ` +
            'Set DOCKER_HOST (or docker-endpoint / --endpoint), or unset ' + set);
    }
    const parsed = (0,_spec_endpoint_url_js__WEBPACK_IMPORTED_MODULE_4__/* .parseEndpointUrl */ .yN)(host);
    if (!parsed.ok)
        throw new _setting_values_js__WEBPACK_IMPORTED_MODULE_3__/* .InputError */ .dz(`${parsed.message} (in DOCKER_HOST)`);
    if (!wantsTls)
        return { endpoint: host };
    const kind = parsed.endpoint.kind;
    if (kind !== 'tcp' && kind !== 'https') {
        const why = kind === 'http' ? 'http:// is plain HTTP' : `a ${kind}:// endpoint does not use TLS`;
        throw new _setting_values_js__WEBPACK_IMPORTED_MODULE_3__/* .InputError */ .dz(`${set} ${certPath && verify ? 'ask' : 'asks'} for TLS, but DOCKER_HOST '${(0,_spec_endpoint_url_js__WEBPACK_IMPORTED_MODULE_4__/* .redactEndpointUrl */ .md)(host)}' cannot use it (${why}). ` +
            `Write DOCKER_HOST as tcp://host:port for TLS, or unset ${set}`);
    }
    const dir = certPath || (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(home, '.docker');
    const read = (file) => {
        const path = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dir, file);
        if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(path)) {
            throw new _setting_values_js__WEBPACK_IMPORTED_MODULE_3__/* .InputError */ .dz(`${set}: ${path} not found (TLS needs ca.pem, cert.pem and key.pem in ${dir})`);
        }
        return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(path, 'utf8');
    };
    return { endpoint: host, tls: { ca: read(CERT_FILES.ca), cert: read(CERT_FILES.cert), key: read(CERT_FILES.key) } };
}


/***/ }),

/***/ 8837:
/***/ (function(__unused_webpack_module, __webpack_exports__, __nccwpck_require__) {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   BX: () => (/* binding */ containerLogs),
/* harmony export */   C9: () => (/* binding */ runtimeFor),
/* harmony export */   Dl: () => (/* binding */ loadSources),
/* harmony export */   TD: () => (/* binding */ needsLogs),
/* harmony export */   _3: () => (/* binding */ formatPorts)
/* harmony export */ });
/* unused harmony exports CONTAINER_ATTRIBUTES, demuxLogs, loadAttributeSource, boundPorts, indexPath, attributeValue */
/** Attribute names the resource type has. */
const CONTAINER_ATTRIBUTES = [
    'info',
    'network_info',
    'network_ip',
    'network_gateway',
    'network_tcp_ports',
    'network_udp_ports',
    'logs',
    'logs_head',
    'logs_tail',
    'show',
];
/** True for the attributes that read the container's logs. */
function needsLogs(attr) {
    return attr === 'logs' || attr === 'logs_head' || attr === 'logs_tail';
}
/**
 * Splits the engine's multiplexed log stream (8-byte frame headers) into text; a TTY container's
 * logs come raw, so a buffer that does not start with a valid header is returned as is.
 */
function demuxLogs(buf) {
    const out = [];
    let i = 0;
    while (i + 8 <= buf.length) {
        const kind = buf[i];
        if (kind > 2 || buf[i + 1] !== 0 || buf[i + 2] !== 0 || buf[i + 3] !== 0)
            return i === 0 ? buf.toString('utf8') : Buffer.concat(out).toString('utf8');
        const size = buf.readUInt32BE(i + 4);
        out.push(buf.subarray(i + 8, i + 8 + size));
        i += 8 + size;
    }
    return i === 0 && buf.length > 0 ? buf.toString('utf8') : Buffer.concat(out).toString('utf8');
}
/** A container's stdout+stderr as text (`tail` lines when given). */
async function containerLogs(docker, id, opts = {}) {
    const raw = (await docker.containerLogs(id, opts));
    if (Buffer.isBuffer(raw))
        return demuxLogs(raw);
    return typeof raw === 'string' ? raw : String(raw ?? '');
}
/** Inspects a container (and reads its logs when asked) so attributes can be evaluated synchronously. */
async function loadAttributeSource(docker, id, withLogs) {
    const info = await docker.inspectContainer(id);
    return { id: info.Id, info, logs: withLogs ? await containerLogs(docker, id) : undefined };
}
/** Comma-joined bound host ports per protocol, in container-port order (Heat's TcpPorts/UdpPorts). */
function boundPorts(ports) {
    const tcp = [];
    const udp = [];
    const keys = Object.keys(ports ?? {}).sort((a, b) => parseInt(a, 10) - parseInt(b, 10) || a.localeCompare(b));
    for (const key of keys) {
        const bindings = ports?.[key];
        const [, proto] = key.split('/');
        const hostPort = bindings?.[0]?.HostPort;
        if (!hostPort)
            continue;
        if (proto === 'tcp')
            tcp.push(hostPort);
        else if (proto === 'udp')
            udp.push(hostPort);
    }
    return { tcp: tcp.join(','), udp: udp.join(',') };
}
/** The container's address: the default bridge's, else the first network's (user networks). */
function networkIp(info) {
    const ns = info.NetworkSettings;
    if (ns.IPAddress)
        return ns.IPAddress;
    for (const net of Object.values(ns.Networks ?? {}))
        if (net?.IPAddress)
            return net.IPAddress;
    return '';
}
function networkGateway(info) {
    const ns = info.NetworkSettings;
    if (ns.Gateway)
        return ns.Gateway;
    for (const net of Object.values(ns.Networks ?? {}))
        if (net?.Gateway)
            return net.Gateway;
    return '';
}
/** Indexes into a value along a get_attr path (keys for maps, indexes for lists); null when absent. */
function indexPath(value, path) {
    let cur = value;
    for (const step of path) {
        if (cur === null || cur === undefined)
            return null;
        if (Array.isArray(cur)) {
            const i = typeof step === 'number' ? step : Number(step);
            cur = Number.isInteger(i) ? cur[i] : undefined;
        }
        else if (typeof cur === 'object') {
            cur = cur[String(step)];
        }
        else {
            return null;
        }
    }
    return cur === undefined ? null : cur;
}
/** One attribute of a container, before path indexing. Throws for an unknown attribute. */
function attributeValue(src, attr) {
    const info = src.info;
    switch (attr) {
        case 'info':
        case 'show':
            return info;
        case 'network_info': {
            const ports = boundPorts(info.NetworkSettings?.Ports);
            return { ...info.NetworkSettings, TcpPorts: ports.tcp, UdpPorts: ports.udp };
        }
        case 'network_ip':
            return networkIp(info);
        case 'network_gateway':
            return networkGateway(info);
        case 'network_tcp_ports':
            return boundPorts(info.NetworkSettings?.Ports).tcp;
        case 'network_udp_ports':
            return boundPorts(info.NetworkSettings?.Ports).udp;
        case 'logs':
            return src.logs ?? '';
        case 'logs_head':
            return (src.logs ?? '').split('\n')[0].replace(/\r$/, '');
        case 'logs_tail': {
            // Heat answered '' whenever the logs ended in a newline: the last NON-EMPTY line is what users want.
            const lines = (src.logs ?? '').split('\n').map((l) => l.replace(/\r$/, '')).filter((l) => l.trim() !== '');
            return lines.at(-1) ?? '';
        }
        default:
            throw new Error(`unknown attribute '${attr}' (known: ${CONTAINER_ATTRIBUTES.join(', ')})`);
    }
}
/**
 * The runtime evaluateRuntime calls back into: get_resource \u2192 container id; get_attr \u2192 the attribute
 * (with path indexing). Resources not in `sources` answer `placeholder(name)` so a plan can still be
 * computed for containers that do not exist yet.
 */
function runtimeFor(sources, placeholder) {
    return {
        resourceId(name) {
            const src = sources.get(name);
            if (src)
                return src.id;
            if (placeholder)
                return String(placeholder(name));
            throw new Error(`resource '${name}' has no container yet`);
        },
        attribute(name, attr, path) {
            const src = sources.get(name);
            if (!src) {
                if (placeholder)
                    return placeholder(name, attr);
                throw new Error(`resource '${name}' has no container yet (get_attr ${attr})`);
            }
            return indexPath(attributeValue(src, attr), path ?? []);
        },
    };
}
/** Published ports as `hostIp:hostPort->containerPort/proto` (docker ps style), in port order. */
function formatPorts(ports) {
    const out = [];
    const keys = Object.keys(ports ?? {}).sort((a, b) => parseInt(a, 10) - parseInt(b, 10) || a.localeCompare(b));
    for (const key of keys) {
        for (const b of ports?.[key] ?? []) {
            if (!b?.HostPort)
                continue;
            const ip = b.HostIp || '0.0.0.0';
            out.push(`${ip.includes(':') ? `[${ip}]` : ip}:${b.HostPort}->${key}`);
        }
    }
    return out;
}
/**
 * Loads the attribute sources that runtime references need: one inspect per referenced resource,
 * plus its logs when a logs attribute is asked for. `locate` says where a resource's container is;
 * a resource without one (not created yet, or gone meanwhile) stays pending.
 */
async function loadSources(refs, locate) {
    const sources = new Map();
    const wantLogs = new Set(refs.filter((r) => r.attr && needsLogs(r.attr)).map((r) => r.resource));
    for (const name of new Set(refs.map((r) => r.resource))) {
        const where = locate(name);
        if (!where)
            continue;
        try {
            sources.set(name, await loadAttributeSource(where.docker, where.id, wantLogs.has(name)));
        }
        catch {
            // gone meanwhile: the reference stays pending
        }
    }
    return sources;
}


/***/ }),

/***/ 9407:
/***/ (function(module, __webpack_exports__, __nccwpck_require__) {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   m: () => (/* reexport safe */ _cli_js__WEBPACK_IMPORTED_MODULE_2__.m0)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_url__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(3136);
/* harmony import */ var node_url__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_url__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _cli_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(640);
/**
 * The bundle's entry. The runner executes this file twice per job: as the main step, which runs
 * the action, and as the post step (`runs.post`), which repairs whatever a cancelled or killed main
 * step left. The main step saves the `isPost` state, so the runner hands the post step
 * `STATE_isPost` (as actions/checkout tells its two steps apart). bin/hotdock.js imports this file
 * for `cliMain` instead, so one bundle serves both and the action's run stays put.
 */



/** True when this module is the process's main script (not imported by the CLI or a test). */
function isMainModule() {
    const script = process.argv[1];
    if (!script)
        return false;
    try {
        return (0,node_url__WEBPACK_IMPORTED_MODULE_1__.pathToFileURL)((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.realpathSync)(script)).href === __hotdockImportMetaUrl;
    }
    catch {
        return false;
    }
}
/** True in the post step: core.getState('isPost'), read without loading @actions/core. */
function isPostStep() {
    return Boolean(process.env.STATE_isPost);
}
// The action's modules (and @actions/core with them) load only when the runner runs this file.
if (isMainModule()) {
    if (isPostStep())
        await (await Promise.all(/* import() */[__nccwpck_require__.e(421), __nccwpck_require__.e(823), __nccwpck_require__.e(661)]).then(__nccwpck_require__.bind(__nccwpck_require__, 6661))).post();
    else
        await (await Promise.all(/* import() */[__nccwpck_require__.e(421), __nccwpck_require__.e(823), __nccwpck_require__.e(663)]).then(__nccwpck_require__.bind(__nccwpck_require__, 3663))).runMainStep();
}

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 238:
/***/ (function(__unused_webpack_module, __webpack_exports__, __nccwpck_require__) {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  Em: () => (/* binding */ realStages),
  aI: () => (/* binding */ runPipeline)
});

// UNUSED EXPORTS: logOutputsOf, nodeIO

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(3024);
// EXTERNAL MODULE: ./src/diagnostics.ts
var src_diagnostics = __nccwpck_require__(4851);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(6760);
// EXTERNAL MODULE: ./node_modules/js-yaml/dist/js-yaml.mjs
var js_yaml = __nccwpck_require__(3243);
;// CONCATENATED MODULE: ./src/template/load-limits.ts
/**
 * Resource limits of the loader. They are checked on the source and on the parser's event
 * stream, before any code walks a value tree in which aliases are expanded: a small file with
 * nested aliases ("billion laughs") describes ~10^9 nodes and must be refused, not walked.
 */
/** Defaults: far above any real template of containers, far below what hurts the runner. */
const DEFAULT_LOAD_LIMITS = Object.freeze({
    maxBytes: 512 * 1024,
    maxDepth: 64,
    maxAliases: 100,
    maxNodes: 200_000,
});
/** Defaults overridden by the given fields (invalid numbers keep the default). */
function resolveLimits(partial) {
    const out = { ...DEFAULT_LOAD_LIMITS };
    for (const key of Object.keys(out)) {
        const v = partial?.[key];
        if (typeof v === 'number' && Number.isFinite(v) && v >= 0)
            out[key] = Math.floor(v);
    }
    return out;
}
/** "600.0 KiB (614400 bytes)": sizes in messages, exact and readable. */
function formatBytes(bytes) {
    return `${(bytes / 1024).toFixed(1)} KiB (${bytes} bytes)`;
}
/**
 * Counts nodes as the event stream goes by. Every node counts 1; an alias counts the expanded
 * size of the node it names. Sizes are known when an anchored node closes, so the total after
 * expansion is known without building anything, and the count stops at the first breach.
 */
class NodeBudget {
    limits;
    anchors = new Map();
    /** Open collections. */
    depth = 0;
    /**
     * The open collections that carry an anchor, innermost last, with the node count when each
     * opened: at its close, the count since is its expanded size (aliases inside included).
     */
    anchored = [];
    total = 0;
    aliases = 0;
    constructor(limits) {
        this.limits = limits;
    }
    /** A scalar (maybe anchored). */
    scalar(offset, anchor) {
        if (anchor !== undefined)
            this.anchors.set(anchor, { size: 1, complete: true });
        return this.add(1, offset, false);
    }
    /** A mapping or sequence opens (maybe anchored). */
    openCollection(offset, anchor) {
        if (this.depth + 1 > this.limits.maxDepth) {
            return {
                code: 'nesting-too-deep',
                offset,
                message: `Mappings and lists are nested more than ${this.limits.maxDepth} levels deep; flatten the template.`,
            };
        }
        this.depth++;
        if (anchor !== undefined) {
            this.anchors.set(anchor, { size: 0, complete: false });
            this.anchored.push({ anchor, depth: this.depth, start: this.total });
        }
        return this.add(1, offset, false);
    }
    /** The innermost collection closes: its size is now known for its anchor. */
    closeCollection() {
        if (this.depth === 0)
            return;
        const top = this.anchored[this.anchored.length - 1];
        if (top !== undefined && top.depth === this.depth) {
            this.anchored.pop();
            this.anchors.set(top.anchor, { size: this.total - top.start, complete: true });
        }
        this.depth--;
    }
    /**
     * An alias. Returns a breach, or 'unknown' / 'recursive' when it names no anchor yet or one
     * that is still open (a cycle, which no later stage could walk).
     */
    alias(name, offset) {
        this.aliases++;
        if (this.aliases > this.limits.maxAliases) {
            return {
                code: 'too-many-aliases',
                offset,
                message: `The template uses more than ${this.limits.maxAliases} aliases (*name); write the values out or use fewer aliases.`,
            };
        }
        const info = this.anchors.get(name);
        if (info === undefined)
            return 'unknown';
        if (!info.complete)
            return 'recursive';
        return this.add(info.size, offset, true);
    }
    add(size, offset, viaAlias) {
        this.total += size;
        if (this.total <= this.limits.maxNodes)
            return undefined;
        return viaAlias || this.aliases > 0
            ? {
                code: 'alias-expansion-too-large',
                offset,
                message: `With its aliases expanded the template has more than ${this.limits.maxNodes} nodes; aliases that repeat aliases multiply, so write the values out or use fewer of them.`,
            }
            : {
                code: 'too-many-nodes',
                offset,
                message: `The template has more than ${this.limits.maxNodes} nodes; split it into smaller templates.`,
            };
    }
}

// EXTERNAL MODULE: ./src/template/types.ts
var types = __nccwpck_require__(5415);
;// CONCATENATED MODULE: ./src/template/positions.ts
/**
 * Source positions for the loader: offsets \u2192 1-based line/column, and the PositionMap later
 * stages use. The offsets come from js-yaml's event stream (event-walk.ts records them).
 */


/**
 * Line starts of a text, so an offset maps to line/column by binary search instead of a scan
 * from the start (a 512 KiB template has tens of thousands of nodes to locate).
 * Line breaks are `\n`, `\r\n` and a lone `\r`, as YAML (and js-yaml's error marks) count them.
 */
class LineIndex {
    text;
    starts;
    constructor(text) {
        this.text = text;
    }
    /** Offset of the first character of each line; lineStarts[0] is 0. Computed on first use. */
    get lineStarts() {
        if (this.starts !== undefined)
            return this.starts;
        const text = this.text;
        const starts = [0];
        for (let i = 0; i < text.length; i++) {
            const ch = text.charCodeAt(i);
            if (ch === 10)
                starts.push(i + 1);
            else if (ch === 13 && text.charCodeAt(i + 1) !== 10)
                starts.push(i + 1);
        }
        this.starts = starts;
        return starts;
    }
    /** 0-based index of the line holding `offset` (offsets past the end land on the last line). */
    lineOf(offset) {
        const starts = this.lineStarts;
        let lo = 0;
        let hi = starts.length - 1;
        while (lo < hi) {
            const mid = (lo + hi + 1) >> 1;
            if (starts[mid] <= offset)
                lo = mid;
            else
                hi = mid - 1;
        }
        return lo;
    }
    /**
     * 1-based line and column of a 0-based offset (column in UTF-16 code units, like editors'
     * APIs). A byte order mark is not a column: editors do not show it.
     */
    position(offset) {
        const clamped = Math.max(0, Math.min(offset, this.text.length));
        const line = this.lineOf(clamped);
        const bom = line === 0 && this.text.charCodeAt(0) === 0xfeff && clamped > 0 ? 1 : 0;
        return { line: line + 1, column: clamped - this.lineStarts[line] + 1 - bom };
    }
    /** Text of a 0-based line without its line break. */
    lineText(line) {
        const start = this.lineStarts[line] ?? this.text.length;
        const end = this.lineStarts[line + 1] ?? this.text.length;
        return this.text.slice(start, end).replace(/\r?\n$|\r$/, '');
    }
}
/** The pointer one level up: '/a/b' \u2192 '/a', '/a' \u2192 '', '' \u2192 undefined. */
function parentPointer(ptr) {
    if (ptr === '')
        return undefined;
    const slash = ptr.lastIndexOf('/');
    return slash <= 0 ? '' : ptr.slice(0, slash);
}
/**
 * The recorded offsets of one node of the document, and its children's: a tree shaped like the
 * document, so no pointer string is built while loading (most nodes are never asked about).
 */
class PosNode {
    parent;
    segment;
    /** Offset of the value node, -1 when the source holds none (inside an alias, say). */
    value = -1;
    /** Offset of the mapping key naming this node, -1 when none. */
    key = -1;
    /** Mapping entries by key (as the document has it), or list items by index. */
    children;
    constructor(parent, 
    /** This node's pointer segment (escaped) below its parent. */
    segment) {
        this.parent = parent;
        this.segment = segment;
    }
    /** The child at an escaped pointer segment. */
    child(segment) {
        const children = this.children;
        if (children === undefined)
            return undefined;
        if (Array.isArray(children)) {
            const i = Number(segment);
            return String(i) === segment ? children[i] : undefined;
        }
        const child = children.get((0,types/* unescapePointer */._B)(segment));
        // Only the exact escaping names the entry (`a~2b` is not `a~02b`).
        return child !== undefined && child.segment === segment ? child : undefined;
    }
    /** JSON Pointer of this node below `root`; null when it does not hang below `root`. */
    pointer(root) {
        if (this === root)
            return '';
        const above = this.parent?.pointer(root) ?? null;
        return above === null ? null : `${above}/${this.segment}`;
    }
}
/**
 * PositionMap over recorded offsets. Offsets are kept as numbers and turned into line/column
 * only when asked: most nodes are never the subject of a diagnostic.
 */
class OffsetPositionMap {
    index;
    root;
    constructor(index, root) {
        this.index = index;
        this.root = root;
    }
    /** The node at `ptr`, if the source has one there. */
    find(ptr) {
        if (ptr === '')
            return this.root;
        if (ptr.charCodeAt(0) !== 47)
            return undefined;
        let node = this.root;
        let start = 1;
        while (node !== undefined) {
            const slash = ptr.indexOf('/', start);
            if (slash < 0)
                return node.child(ptr.slice(start));
            node = node.child(ptr.slice(start, slash));
            start = slash + 1;
        }
        return undefined;
    }
    /** Position of the value node at `ptr`, when the source holds it (not inside an alias). */
    value(ptr) {
        const offset = this.find(ptr)?.value ?? -1;
        return offset < 0 ? undefined : this.index.position(offset);
    }
    /** Position of the mapping key naming `ptr`. */
    key(ptr) {
        const offset = this.find(ptr)?.key ?? -1;
        return offset < 0 ? undefined : this.index.position(offset);
    }
    /** The value's position, else the closest positioned ancestor's, else 1:1. */
    locate(ptr) {
        let current = ptr;
        while (current !== undefined) {
            const node = this.find(current);
            if (node !== undefined) {
                const offset = node.value >= 0 ? node.value : node.key;
                if (offset >= 0)
                    return this.index.position(offset);
            }
            current = parentPointer(current);
        }
        return { line: 1, column: 1 };
    }
    /** Every pointer with a recorded value position, in document order (tests and tools enumerate them). */
    *pointers() {
        const stack = [[this.root, '']];
        while (stack.length > 0) {
            const [node, ptr] = stack.pop();
            if (node.value >= 0)
                yield ptr;
            const children = node.children === undefined ? [] : Array.isArray(node.children) ? node.children : [...node.children.values()];
            for (let i = children.length - 1; i >= 0; i--) {
                const c = children[i];
                if (c !== undefined)
                    stack.push([c, `${ptr}/${c.segment}`]);
            }
        }
    }
}
/**
 * A PositionMap built on first use. A template without problems is never asked where a node
 * is, so the loader skips recording offsets and records them only when a diagnostic needs one.
 */
class LazyPositionMap {
    build;
    map;
    constructor(build) {
        this.build = build;
    }
    get positions() {
        return (this.map ??= this.build());
    }
    value(ptr) {
        return this.positions.value(ptr);
    }
    key(ptr) {
        return this.positions.key(ptr);
    }
    locate(ptr) {
        return this.positions.locate(ptr);
    }
    /** Every pointer with a recorded value position, in document order. */
    pointers() {
        return this.positions.pointers();
    }
}
/**
 * Offset where a node starts in the source: its properties (`&anchor`, `!tag`) if any, the
 * opening quote of a quoted scalar, the `|`/`>` header of a block scalar; -1 for an empty node.
 */
function nodeOffset(ev, text, index) {
    let base;
    if (ev.type === js_yaml.EVENT_ID.ALIAS)
        return ev.anchorStart - 1;
    if (ev.type === js_yaml.EVENT_ID.SCALAR)
        base = scalarOffset(ev, text, index);
    else if (ev.type === js_yaml.EVENT_ID.MAPPING || ev.type === js_yaml.EVENT_ID.SEQUENCE)
        base = ev.start;
    else
        return -1;
    // anchorStart is just after '&'; tagStart is the '!' itself.
    if (ev.anchorStart > 0)
        base = base < 0 ? ev.anchorStart - 1 : Math.min(base, ev.anchorStart - 1);
    if (ev.tagStart >= 0)
        base = base < 0 ? ev.tagStart : Math.min(base, ev.tagStart);
    return base;
}
function scalarOffset(ev, text, index) {
    if (ev.valueStart < 0)
        return -1;
    if (ev.style === js_yaml.SCALAR_STYLE.SINGLE_QUOTED || ev.style === js_yaml.SCALAR_STYLE.DOUBLE_QUOTED)
        return ev.valueStart - 1;
    if (ev.style !== js_yaml.SCALAR_STYLE.LITERAL_BLOCK && ev.style !== js_yaml.SCALAR_STYLE.FOLDED_BLOCK)
        return ev.valueStart;
    // A block scalar's content starts on the line after its header (`key: |-  # comment`).
    let line = index.lineOf(ev.valueStart);
    if (line > 0 && index.lineStarts[line] === ev.valueStart)
        line--;
    const header = /[|>][0-9+-]*[ \t]*(?:#.*)?$/.exec(index.lineText(line));
    return header ? index.lineStarts[line] + header.index : ev.valueStart;
}

;// CONCATENATED MODULE: ./src/template/event-walk.ts
/**
 * The loader's pass over js-yaml's event stream: it checks limits, duplicate keys and aliases
 * (so nothing walks a value tree with aliases expanded), builds the document's value, and, when
 * asked, records the source offset of every value and key.
 *
 * Recording is what costs: a node object per value and a map per mapping. A template without
 * problems never needs it, so load.ts walks first without recording and walks again, recording,
 * when the first pass finds a problem or a node only js-yaml's constructor builds, or when a
 * later stage asks where a node is.
 */




/** Stands for every node in a pass that records nothing. */
const UNRECORDED = new PosNode(undefined, '');
const NO_ENTRIES = new Map();
const NO_ITEMS = [];
/**
 * The value of a single-document stream, from a pass that records no offsets; undefined when
 * that pass cannot give it (a problem to report at its position, a tag, a merge key): then
 * walkEvents, recording, reports or builds it.
 */
function valueOfEvents(events, text, index, limits, schema) {
    const walked = walk(events, text, index, limits, schema, false);
    return walked.errors.length === 0 ? walked.value : undefined;
}
/**
 * One pass over the events of a single-document stream, recording offsets. Aliases are not
 * followed: a pointer below an alias has no position of its own, and locate() answers with the
 * alias. Given the schema, the pass also builds the document's value (an alias shares its
 * anchor's value).
 */
function walkEvents(events, text, index, limits, schema) {
    return walk(events, text, index, limits, schema, true);
}
function walk(events, text, index, limits, schema, record) {
    const root = record ? new PosNode(undefined, '') : UNRECORDED;
    // Building the value: until a node needs what only js-yaml's constructor does (a tag, a merge key).
    let building = schema !== undefined;
    let rootValue;
    const anchorValues = new Map();
    const errors = [];
    const budget = new NodeBudget(limits);
    const stack = [];
    const anchoredScalars = new Map();
    const keyText = new KeyText(text);
    let directives = [];
    const pathOf = (node) => node?.pointer(root) ?? '';
    const stop = (e) => ({ root, errors: [e] });
    // Without recording, a problem ends the pass at once: the recording pass words it.
    const unrecorded = { root, errors: [{ code: 'unrecorded', message: '', offset: -1, path: '' }] };
    for (let i = 0; i < events.length; i++) {
        const ev = events[i];
        if (ev.type === js_yaml.EVENT_ID.DOCUMENT) {
            directives = ev.directives;
            continue;
        }
        if (ev.type === js_yaml.EVENT_ID.POP) {
            // The document's own POP arrives with an empty stack.
            if (stack.pop() !== undefined)
                budget.closeCollection();
            continue;
        }
        // Offsets matter only to a pass that records them or reports a problem, which only one that
        // records does.
        const offset = record ? nodeOffset(ev, text, index) : -1;
        const top = stack[stack.length - 1];
        // This event's node: undefined for a mapping key (keys are recorded on the entry's node).
        let node;
        let keyOf;
        let emptyAt = -1;
        if (top === undefined) {
            node = root;
        }
        else if (top.kind === 'seq') {
            if (record) {
                node = new PosNode(top.node, String(top.items.length));
                top.items.push(node);
            }
            else {
                node = UNRECORDED;
            }
        }
        else if (top.expectKey) {
            top.expectKey = false;
            keyOf = top;
            node = undefined;
        }
        else {
            top.expectKey = true;
            // A complex key's entry has no node of its own: a detached one stands in.
            node = top.child ?? (record ? new PosNode(undefined, '') : UNRECORDED);
            // An empty value (`image:`) has no text of its own: its key stands for it.
            emptyAt = top.keyOffset;
        }
        const anchor = ev.type !== js_yaml.EVENT_ID.ALIAS && ev.anchorStart >= 0 ? text.slice(ev.anchorStart, ev.anchorEnd) : undefined;
        if (building && ev.type !== js_yaml.EVENT_ID.ALIAS && ev.tagStart >= 0) {
            if (!record)
                return unrecorded;
            building = false;
        }
        if (ev.type === js_yaml.EVENT_ID.ALIAS) {
            const name = text.slice(ev.anchorStart, ev.anchorEnd);
            const r = budget.alias(name, offset);
            if (r !== undefined && !record)
                return unrecorded;
            if (r === 'unknown')
                return stop({ code: 'yaml-syntax', offset, path: pathOf(node), message: `Unidentified alias "${name}": no anchor &${name} comes before it.` });
            if (r === 'recursive') {
                return stop({ code: 'recursive-alias', offset, path: pathOf(node), message: `The alias *${name} refers to a node that contains it; recursive structures are not allowed.` });
            }
            if (r !== undefined)
                return stop({ code: r.code, offset: r.offset, path: pathOf(node), message: r.message });
            const value = building ? anchorValues.get(name) : undefined;
            if (building)
                place(top, keyOf, value);
            if (keyOf) {
                const target = anchoredScalars.get(name);
                if (!record && !target)
                    return unrecorded;
                if (target)
                    setKey(keyOf, building ? String(value) : keyText.of(target, directives), offset);
                else
                    complexKey(keyOf, offset);
            }
        }
        else if (ev.type === js_yaml.EVENT_ID.SCALAR) {
            const r = budget.scalar(offset, anchor);
            if (r)
                return record ? stop({ code: r.code, offset: r.offset, path: pathOf(node), message: r.message }) : unrecorded;
            if (anchor !== undefined)
                anchoredScalars.set(anchor, ev);
            if (building) {
                const value = scalarValue(ev, text, schema);
                if (anchor !== undefined)
                    anchorValues.set(anchor, value);
                place(top, keyOf, value);
                if (keyOf)
                    setKey(keyOf, String(value), offset);
            }
            else if (keyOf) {
                setKey(keyOf, keyText.of(ev, directives), offset);
            }
        }
        else {
            const r = budget.openCollection(offset, anchor);
            if (r)
                return record ? stop({ code: r.code, offset: r.offset, path: pathOf(node), message: r.message }) : unrecorded;
            if (anchor !== undefined)
                anchoredScalars.set(anchor, null);
            if (keyOf) {
                if (!record)
                    return unrecorded;
                complexKey(keyOf, offset);
            }
            // A collection used as a key: nothing inside it has a pointer.
            const own = node ?? new PosNode(undefined, '');
            if (ev.type === js_yaml.EVENT_ID.MAPPING) {
                const entries = record ? new Map() : NO_ENTRIES;
                if (record)
                    own.children = entries;
                const obj = building ? {} : undefined;
                if (building) {
                    if (anchor !== undefined)
                        anchorValues.set(anchor, obj);
                    place(top, keyOf, obj);
                }
                stack.push({ kind: 'map', node: own, entries, child: undefined, keyOffset: -1, expectKey: true, obj, key: '' });
            }
            else {
                const items = record ? [] : NO_ITEMS;
                if (record)
                    own.children = items;
                const arr = building ? [] : undefined;
                if (building) {
                    if (anchor !== undefined)
                        anchorValues.set(anchor, arr);
                    place(top, keyOf, arr);
                }
                stack.push({ kind: 'seq', node: own, items, arr });
            }
        }
        if (record && node !== undefined) {
            const at = offset >= 0 ? offset : emptyAt;
            if (at >= 0)
                node.value = at;
        }
        if (!record && (errors.length > 0 || !building))
            return unrecorded;
    }
    return building && rootValue !== undefined ? { root, errors, value: rootValue } : { root, errors };
    /** A node's value into its parent (a mapping's key when the mapping expects one). */
    function place(top, keyOf, value) {
        if (top === undefined) {
            rootValue = value;
        }
        else if (top.kind === 'seq') {
            top.arr?.push(value);
        }
        else if (keyOf !== undefined) {
            // Object maps key by String(value); a collection as key fails the load (complex-key), and
            // String() of one may even throw (a mapping whose `toString` is data).
            top.key = value !== null && typeof value === 'object' ? '' : String(value);
            if (top.key === '<<')
                building = false;
        }
        else if (top.obj !== undefined) {
            if (top.key === '__proto__')
                Object.defineProperty(top.obj, top.key, { value, enumerable: true, configurable: true, writable: true });
            else
                top.obj[top.key] = value;
        }
    }
    function setKey(frame, key, offset) {
        if (!record) {
            // The value under construction holds the keys seen so far (building is on here).
            if (frame.obj !== undefined && Object.prototype.hasOwnProperty.call(frame.obj, key))
                errors.push(unrecorded.errors[0]);
            return;
        }
        frame.keyOffset = offset;
        const first = frame.entries.get(key);
        if (first !== undefined) {
            frame.child = first;
            const where = first.key >= 0 ? ` (first at line ${index.position(first.key).line}, column ${index.position(first.key).column})` : '';
            errors.push({ code: 'duplicate-key', offset, path: pathOf(first), message: `The key "${key}" appears more than once in this mapping${where}.` });
            return;
        }
        const child = new PosNode(frame.node, (0,types/* escapePointer */.lZ)(key));
        child.key = offset;
        frame.entries.set(key, child);
        frame.child = child;
    }
    function complexKey(frame, offset) {
        frame.child = undefined;
        frame.keyOffset = offset;
        errors.push({ code: 'complex-key', offset, path: pathOf(frame.node), message: 'A mapping key must be a single value, not a list, a mapping or an alias to one.' });
    }
}
/**
 * An untagged scalar's value as js-yaml's constructor makes it: quoted and block scalars are
 * strings; plain ones resolve through the schema's implicit tags (null, bool, int, float, merge),
 * tried only when one of them can start with the scalar's first character.
 */
function scalarValue(ev, text, schema) {
    const source = ev.valueStart < 0 ? '' : (0,js_yaml.getScalarValue)(text, ev);
    if (ev.style !== js_yaml.SCALAR_STYLE.PLAIN)
        return source;
    const first = source.length === 0 ? -1 : source.charCodeAt(0);
    if (first >= 0 && first < 128 && !implicitFirst(schema)[first])
        return source;
    return schema.resolveImplicitScalarTag(source).value;
}
const implicitFirstCache = new WeakMap();
/** For each ASCII code: whether some implicit scalar tag of the schema may resolve a scalar starting with it. */
function implicitFirst(schema) {
    let table = implicitFirstCache.get(schema);
    if (table !== undefined)
        return table;
    const internals = schema;
    const any = internals.implicitScalarAnyFirstChar.length > 0;
    table = [];
    for (let c = 0; c < 128; c++)
        table.push(any || (internals.implicitScalarByFirstChar.get(String.fromCharCode(c))?.length ?? 0) > 0);
    implicitFirstCache.set(schema, table);
    return table;
}
/**
 * The string a scalar key becomes in the document: js-yaml's object maps use String(value), so
 * `1.0` and `1` are the same key and `null` is "null". Plain keys resolve through the schema;
 * results are cached because templates repeat the same few keys.
 */
const CORE_WORDS = /^(?:null|Null|NULL|true|True|TRUE|false|False|FALSE)$/;
class KeyText {
    text;
    cache = new Map();
    constructor(text) {
        this.text = text;
    }
    of(ev, directives) {
        if (ev.tagStart < 0 && ev.valueStart < 0)
            return 'null';
        const decoded = ev.valueStart < 0 ? '' : (0,js_yaml.getScalarValue)(this.text, ev);
        if (ev.tagStart < 0 && ev.style !== js_yaml.SCALAR_STYLE.PLAIN)
            return decoded;
        // The core schema's implicit null/bool/int/float never start with a letter other than these
        // words, so most plain keys are strings as written (and resolving each one costs a construct).
        if (ev.tagStart < 0 && /^[A-Za-z_]/.test(decoded) && !CORE_WORDS.test(decoded))
            return decoded;
        const cacheable = ev.tagStart < 0;
        const hit = cacheable ? this.cache.get(decoded) : undefined;
        if (hit !== undefined)
            return hit;
        let key = decoded;
        try {
            const [value] = (0,js_yaml.constructFromEvents)([{ type: js_yaml.EVENT_ID.DOCUMENT, explicitStart: false, explicitEnd: false, directives }, { ...ev, anchorStart: -1, anchorEnd: -1 }, { type: js_yaml.EVENT_ID.POP }], { source: this.text, schema: js_yaml.CORE_SCHEMA });
            key = String(value);
        }
        catch {
            // An unknown tag: the full construction reports it; the decoded text will do meanwhile.
        }
        if (cacheable)
            this.cache.set(decoded, key);
        return key;
    }
}

;// CONCATENATED MODULE: ./src/template/load.ts
/**
 * Pipeline stage "load": template text \u2192 document value + source positions, or diagnostics.
 *
 * The text is parsed once into js-yaml's event stream (every node with its source offsets).
 * One pass over the events checks limits, duplicate keys and aliases, and builds the value (core
 * schema: `2013-05-23` stays text). Positions are recorded by a second pass over the same events,
 * run only when something needs them: a problem found here or by a later stage. A template with
 * explicit tags or merge keys has its value built by js-yaml's constructor from the events.
 */





/**
 * YAML 1.2 core schema (no timestamps: `2013-05-23` stays text, as Heat's loader keeps it) plus
 * merge keys (`<<: *defaults`), which Heat's loader accepts too.
 */
const SCHEMA = js_yaml.CORE_SCHEMA.withTags(js_yaml.mergeTag);
const NOT_A_MAPPING = 'The template must be a YAML mapping with heat_template_version, resources, ...';
/**
 * Loads a HOT template. Never throws: every problem (size, YAML syntax, limits, duplicate keys,
 * a document that is not one mapping) comes back as diagnostics, and then nothing else runs.
 */
function loadTemplate(text, file, limits) {
    try {
        return load(text, file, resolveLimits(limits));
    }
    catch (err) {
        // Last resort: a loader bug or an exotic input must still end as a diagnostic.
        return failure([
            { file, line: 1, column: 1, path: '', code: 'yaml-syntax', severity: 'error', message: `The template could not be read: ${errorText(err)}` },
        ]);
    }
}
function load(text, file, limits) {
    const at = (offset, code, message, path = '') => {
        const pos = offset >= 0 ? index.position(offset) : { line: 1, column: 1 };
        return { file, line: pos.line, column: pos.column, path, code, message, severity: 'error' };
    };
    // Size first: nothing is parsed or indexed for a file over the limit.
    const bytes = Buffer.byteLength(text, 'utf8');
    if (bytes > limits.maxBytes) {
        return failure([
            { file, line: 1, column: 1, path: '', code: 'template-too-large', severity: 'error',
                message: `The template is ${formatBytes(bytes)}; the limit is ${formatBytes(limits.maxBytes)}.` },
        ]);
    }
    const index = new LineIndex(text);
    let events;
    try {
        // The parser's own depth guard sits a little above ours (it also counts scalars), so our
        // event pass reports depth in our terms; beyond it, the parser stops before recursing on.
        events = (0,js_yaml.parseEvents)(text, { filename: file, maxDepth: limits.maxDepth + 3 });
    }
    catch (err) {
        return failure([yamlError(err, file, index, limits)]);
    }
    const docStarts = [];
    for (let i = 0; i < events.length; i++)
        if (events[i].type === js_yaml.EVENT_ID.DOCUMENT)
            docStarts.push(i);
    if (docStarts.length === 0)
        return failure([at(-1, 'not-a-mapping', `${NOT_A_MAPPING}; this file is empty.`)]);
    if (docStarts.length > 1) {
        return failure([at(secondDocumentOffset(events, docStarts[1], text), 'multiple-documents', 'The file holds more than one YAML document (---); a template is exactly one document.')]);
    }
    const root = events[1];
    if (root === undefined || root.type !== js_yaml.EVENT_ID.MAPPING) {
        const what = describeRoot(root, text);
        return failure([at(root === undefined ? -1 : nodeOffset(root, text, index), 'not-a-mapping', `${NOT_A_MAPPING}; this document is ${what}.`)]);
    }
    // The quick pass: the value without positions. Anything it cannot judge alone goes to the
    // recording pass, which words the problem at its position or leaves the value to js-yaml.
    let doc = valueOfEvents(events, text, index, limits, SCHEMA);
    let walked;
    if (doc === undefined) {
        walked = walkEvents(events, text, index, limits, SCHEMA);
        if (walked.errors.length > 0) {
            return failure(walked.errors.map((e) => at(e.offset, e.code, e.message, e.path)));
        }
        doc = walked.value;
    }
    if (doc === undefined) {
        try {
            doc = (0,js_yaml.constructFromEvents)(events, { source: text, filename: file, schema: SCHEMA, maxAliases: limits.maxAliases })[0];
        }
        catch (err) {
            return failure([yamlError(err, file, index, limits)]);
        }
    }
    if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
        return failure([at(nodeOffset(root, text, index), 'not-a-mapping', `${NOT_A_MAPPING}.`)]);
    }
    const positions = walked
        ? new OffsetPositionMap(index, walked.root)
        : new LazyPositionMap(() => new OffsetPositionMap(index, walkEvents(events, text, index, limits, SCHEMA).root));
    const cfn = cfnFormatProblem(doc, file, positions);
    if (cfn)
        return failure([cfn]);
    return { ok: true, template: { file, text, doc, positions } };
}
/** The keys by which Heat (heat/engine/template.py get_version) knows a CloudFormation-format template. */
const CFN_VERSION_KEYS = ['AWSTemplateFormatVersion', 'HeatTemplateFormatVersion'];
/**
 * A CloudFormation-format template (Heat reads it with its cfn template class) gets one clear
 * diagnostic instead of a schema error for each of its sections: hotdock reads HOT only.
 */
function cfnFormatProblem(doc, file, positions) {
    if ('heat_template_version' in doc)
        return undefined;
    const key = CFN_VERSION_KEYS.find((k) => k in doc);
    if (key === undefined)
        return undefined;
    const ptr = `/${key}`;
    const pos = positions.key(ptr) ?? positions.locate(ptr);
    return {
        file, line: pos.line, column: pos.column, path: ptr, code: 'cfn-template-not-supported', severity: 'error',
        message: `this is a CloudFormation-format template (${key}); hotdock reads HOT templates only. Rewrite it as HOT: 'heat_template_version: 2013-05-23' (which still has Ref, Fn::Join, Fn::Select...), lowercase sections (parameters, resources, outputs) and keys (type, properties, depends_on)`,
    };
}
function failure(diagnostics) {
    return { ok: false, diagnostics };
}
/** A js-yaml exception as one diagnostic at its mark: the reason only, not the snippet. */
function yamlError(err, file, index, limits) {
    const e = err;
    const reason = typeof e?.reason === 'string' ? e.reason : errorText(err);
    let line = 1;
    let column = 1;
    // The mark's offset through our index, so errors and nodes agree on columns (a BOM is not
    // one); its line/column when it has no offset.
    if (typeof e?.mark?.position === 'number') {
        ({ line, column } = index.position(e.mark.position));
    }
    else if (typeof e?.mark?.line === 'number' && typeof e.mark.column === 'number') {
        line = e.mark.line + 1;
        column = e.mark.column + 1;
    }
    const base = { file, line, column, path: '', severity: 'error' };
    if (reason.startsWith('nesting exceeded')) {
        return { ...base, code: 'nesting-too-deep', message: `Mappings and lists are nested more than ${limits.maxDepth} levels deep; flatten the template.` };
    }
    if (reason.startsWith('aliases exceeded')) {
        return { ...base, code: 'too-many-aliases', message: `The template uses more than ${limits.maxAliases} aliases (*name).` };
    }
    const tag = /^unknown (?:scalar |sequence |mapping )?tag !<?([^>]*)>?/.exec(reason);
    if (tag) {
        return { ...base, code: 'unknown-tag',
            message: `Unknown YAML tag !${tag[1].replace(/^!/, '')}; HOT templates use intrinsic functions such as {get_param: name}, not tags.` };
    }
    let message = sentence(reason);
    if (/\btab/i.test(reason))
        message += ' Indent with spaces.';
    return { ...base, code: 'yaml-syntax', message };
}
/** "bad indentation of a mapping entry" \u2192 "Bad indentation of a mapping entry." */
function sentence(reason) {
    const trimmed = reason.trim() || 'invalid YAML';
    const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
    return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}
function errorText(err) {
    if (err instanceof Error)
        return err.message.split('\n')[0];
    return String(err);
}
/** What the root is, for the not-a-mapping message. */
function describeRoot(root, text) {
    if (root === undefined)
        return 'empty';
    if (root.type === js_yaml.EVENT_ID.SEQUENCE)
        return 'a list';
    if (root.type === js_yaml.EVENT_ID.SCALAR)
        return root.valueStart < 0 || text.slice(root.valueStart, root.valueEnd).trim() === '' ? 'empty' : 'a single value';
    return 'not a mapping';
}
/**
 * Where the second document starts: its `---` marker when there is one after the end of the
 * first document's last node, else its first node, else the end of the first document.
 */
function secondDocumentOffset(events, docIndex, text) {
    let lastEnd = 0;
    for (let i = 0; i < docIndex; i++)
        lastEnd = Math.max(lastEnd, eventEnd(events[i]));
    let next = -1;
    for (let i = docIndex + 1; i < events.length && next < 0; i++) {
        const e = events[i];
        if (e.type === js_yaml.EVENT_ID.DOCUMENT)
            break;
        next = eventStart(e);
    }
    const marker = /^---(?=[\s]|$)/gm;
    marker.lastIndex = lastEnd;
    const m = marker.exec(text);
    if (m && (next < 0 || m.index <= next))
        return m.index;
    return next >= 0 ? next : lastEnd;
}
function eventStart(e) {
    switch (e.type) {
        case js_yaml.EVENT_ID.SCALAR: return e.valueStart;
        case js_yaml.EVENT_ID.MAPPING:
        case js_yaml.EVENT_ID.SEQUENCE: return e.start;
        case js_yaml.EVENT_ID.ALIAS: return e.anchorStart - 1;
        default: return -1;
    }
}
function eventEnd(e) {
    switch (e.type) {
        case js_yaml.EVENT_ID.SCALAR: return Math.max(e.valueEnd, e.tagEnd, e.anchorEnd);
        case js_yaml.EVENT_ID.MAPPING:
        case js_yaml.EVENT_ID.SEQUENCE: return Math.max(e.start, e.tagEnd, e.anchorEnd);
        case js_yaml.EVENT_ID.ALIAS: return e.anchorEnd;
        default: return 0;
    }
}

// EXTERNAL MODULE: ./src/template/diagnostic-factory.ts
var diagnostic_factory = __nccwpck_require__(7884);
// EXTERNAL MODULE: ./src/template/resource-group-schema.ts
var resource_group_schema = __nccwpck_require__(6656);
// EXTERNAL MODULE: ./src/spec/coerce.ts
var coerce = __nccwpck_require__(634);
;// CONCATENATED MODULE: ./src/spec/container-property-formats.ts
/**
 * The value formats of the property table's rows (container-properties.ts), as data both the
 * JSON Schema and the Docker checks use: the schema judges literal values with them, the checks
 * the values a function produced, so the two can never disagree on what is valid.
 */
/** Capabilities Heat's plugin accepted in cap_add / cap_drop. */
const LINUX_CAPABILITIES = [
    'SETPCAP', 'SYS_MODULE', 'SYS_RAWIO', 'SYS_PACCT', 'SYS_ADMIN', 'SYS_NICE', 'SYS_RESOURCE', 'SYS_TIME',
    'SYS_TTY_CONFIG', 'MKNOD', 'AUDIT_WRITE', 'AUDIT_CONTROL', 'MAC_OVERRIDE', 'MAC_ADMIN', 'NET_ADMIN', 'SYSLOG',
    'CHOWN', 'NET_RAW', 'DAC_OVERRIDE', 'FOWNER', 'DAC_READ_SEARCH', 'FSETID', 'KILL', 'SETGID', 'SETUID',
    'LINUX_IMMUTABLE', 'NET_BIND_SERVICE', 'NET_BROADCAST', 'IPC_LOCK', 'IPC_OWNER', 'SYS_CHROOT', 'SYS_PTRACE',
    'SYS_BOOT', 'LEASE', 'SETFCAP', 'WAKE_ALARM', 'BLOCK_SUSPEND', 'ALL',
];
/** A device path as Heat's plugin constrained it (devices' path_on_host and path_in_container). */
const DEVICE_PATH_PATTERN = '^/dev/[/_\\-a-zA-Z0-9]+$';
/** The longest device path Heat's plugin accepted. */
const DEVICE_PATH_MAX_LENGTH = 255;
/** Cgroup permissions of a device: r, w, m, in that order. */
const DEVICE_PERMISSIONS = ['r', 'w', 'm', 'rw', 'rm', 'wm', 'rwm'];
/** restart_policy Name values. */
const RESTART_POLICIES = ['no', 'on-failure', 'always'];
/** A container name Docker accepts (a leading '/' is dropped). */
const CONTAINER_NAME_PATTERN = '^/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$';
/** cpu_set: CPUs and ranges, `0-8,16-24,28`. */
const CPU_SET_PATTERN = '^[0-9]+(?:-[0-9]+)?(?:,[0-9]+(?:-[0-9]+)?)*$';

// EXTERNAL MODULE: ./src/spec/container-properties.ts
var container_properties = __nccwpck_require__(7452);
;// CONCATENATED MODULE: ./src/template/hot-schema.ts
/**
 * The JSON Schema (draft-07) of a HOT template of DockerInc::Docker::Container resources.
 * schema-check.ts validates with it; schema/hot.schema.json is this object written out verbatim
 * for editors (a test keeps the two identical). `x-expected` is an annotation of ours: the
 * phrase messages use for "must be \u2026"; validators and editors ignore it.
 */




/** The only resource type hotdock deploys (OS::Heat::ResourceGroup expands into it: resource-group.ts). */
const CONTAINER_TYPE = 'DockerInc::Docker::Container';
/** Heat's glue resources: resolved with the template, nothing is deployed for them (static-resources.ts). */
const STATIC_RESOURCE_TYPES = ['OS::Heat::Value', 'OS::Heat::None'];
/** The top-level sections a HOT template may have. */
const HOT_SECTIONS = [
    'heat_template_version', 'description', 'parameter_groups', 'parameters', 'resources', 'outputs', 'conditions',
];
/** Every HOT intrinsic function, whatever version brought it (versions are checked elsewhere). */
const INTRINSIC_FUNCTIONS = [
    'get_param', 'get_resource', 'get_attr', 'get_file', 'str_replace', 'str_replace_strict', 'str_replace_vstrict',
    'list_join', 'str_split', 'digest', 'repeat', 'map_merge', 'map_replace', 'list_concat', 'list_concat_unique',
    'contains', 'if', 'equals', 'not', 'and', 'or', 'filter', 'make_url', 'yaql',
    // CloudFormation-style functions of the early HOT versions (cfn-functions.ts).
    'Ref', 'Fn::Join', 'Fn::Select', 'Fn::Split', 'Fn::Replace', 'Fn::Base64', 'Fn::MemberListToMap', 'Fn::GetAZs', 'Fn::ResourceFacade',
];
/** Capabilities Heat's plugin accepted in cap_add / cap_drop (re-exported: tests and checks name it here). */

/** The HOT versions as written (dates and release names); the version check lists them for users. */
const VERSION_SPELLINGS = [
    '2013-05-23', '2014-10-16', '2015-04-30', '2015-10-15', '2016-04-08', '2016-10-14', '2017-02-24', '2017-09-01',
    '2018-03-02', '2018-08-31', '2021-04-16', 'newton', 'ocata', 'pike', 'queens', 'rocky', 'wallaby',
];
// 1-65535 as a regular expression, so numeric strings get the same range check as numbers.
const PORT_RE = '(?:[1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])';
const BIND_MODE_RE = '(?:rw|ro|z|Z|shared|slave|private|rshared|rslave|rprivate|nocopy|consistent|cached|delegated)';
// Heat's coercion of strings: whole numbers, non-negative ones, and true/false in any case.
const INTEGER_RE = '^[-+]?[0-9]+$';
const COUNT_RE = '^\\+?[0-9]+$';
const BOOLEAN_RE = '^(?:[Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee])$';
// A boolean property also takes the words Heat's YAML 1.1 loader read as booleans (yes, on, ...).
const PROPERTY_BOOLEAN_RE = `^(?:[Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee]|${Object.keys(coerce/* YAML11_BOOLEAN_WORDS */.$p).join('|')})$`;
/** Patterns that only express that coercion: a string failing one is of the wrong type, not a wrong value. */
const COERCION_PATTERNS = [INTEGER_RE, COUNT_RE, BOOLEAN_RE, PROPERTY_BOOLEAN_RE];
const ref = (name) => ({ $ref: `#/definitions/${name}` });
/** Help text for editors. */
const doc = (title, description, schema) => ({ title, description, ...schema });
/** The literal form, or any intrinsic function call in its place (whose arguments are checked elsewhere). */
const orFn = (literal) => ({ anyOf: [literal, ref('function')] });
const listOf = (item, expected) => ({ type: 'array', items: orFn(item), 'x-expected': expected });
const mapOf = (value, expected) => ({ type: 'object', additionalProperties: orFn(value), 'x-expected': expected });
// One schema with several types rather than anyOf: each keyword applies to its own type only,
// so a failure is reported at the exact node instead of as a list of alternatives.
const bindingItem = {
    type: ['integer', 'string', 'null', 'object'], minimum: 1, maximum: 65535, pattern: `^${PORT_RE}$`,
    additionalProperties: false,
    properties: {
        HostIp: orFn(ref('string')),
        HostPort: orFn({
            type: ['integer', 'string', 'null'], minimum: 1, maximum: 65535, pattern: `^(?:${PORT_RE})?$`,
            'x-expected': 'a host port from 1 to 65535',
        }),
    },
    'x-expected': 'a host port from 1 to 65535, null (any free port) or a {HostIp, HostPort} mapping',
};
/** A call of an intrinsic function; schema-check.ts recognises its errors by this schema. */
const FUNCTION_SCHEMA = {
    description: 'An intrinsic function call: a mapping with exactly one key naming a HOT function.',
    type: 'object', minProperties: 1, maxProperties: 1, propertyNames: { enum: [...INTRINSIC_FUNCTIONS] },
};
const definitions = {
    function: FUNCTION_SCHEMA,
    // Heat's coercion: strings accept numbers and booleans; integers numeric strings; booleans "true"/"false".
    string: { type: ['string', 'number', 'boolean'], 'x-expected': 'a string' },
    integer: { type: ['integer', 'string'], pattern: INTEGER_RE, 'x-expected': 'a whole number' },
    count: { type: ['integer', 'string'], minimum: 0, pattern: COUNT_RE, 'x-expected': 'a whole number, 0 or more' },
    boolean: { type: ['boolean', 'string'], pattern: BOOLEAN_RE, 'x-expected': 'true or false' },
    propertyBoolean: {
        type: ['boolean', 'string'], pattern: PROPERTY_BOOLEAN_RE, 'x-expected': 'true or false (or yes/no, on/off unquoted)',
    },
    port: {
        type: ['integer', 'string'], minimum: 1, maximum: 65535, pattern: `^${PORT_RE}$`,
        'x-expected': 'a port number from 1 to 65535',
    },
    portSpec: {
        type: ['integer', 'string'], minimum: 1, maximum: 65535, pattern: `^${PORT_RE}(?:/(?:tcp|udp|sctp))?$`,
        'x-expected': "a port from 1 to 65535, optionally followed by /tcp, /udp or /sctp (e.g. 80, '80/tcp', '53/udp')",
    },
    portBindingItem: bindingItem,
    portBinding: {
        ...bindingItem,
        type: ['integer', 'string', 'null', 'object', 'array'],
        items: orFn(ref('portBindingItem')),
        'x-expected': 'a host port from 1 to 65535, null (any free port), a {HostIp, HostPort} mapping, or a list of those',
    },
    devicePath: { type: 'string', pattern: DEVICE_PATH_PATTERN, maxLength: DEVICE_PATH_MAX_LENGTH, 'x-expected': 'a device path like /dev/sda (at most 255 characters)' },
    condition: {
        anyOf: [{ type: ['string', 'boolean'] }, ref('function')],
        'x-expected': "the name of a condition, true or false, or a condition function such as {equals: [...]}",
    },
};
const str = (title, description) => doc(title, description, orFn(ref('string')));
const capabilityList = listOf({ enum: [...LINUX_CAPABILITIES], 'x-expected': 'a Linux capability' }, 'a list of Linux capabilities');
/**
 * The literal form of each property format of the property table (src/spec/container-properties.ts);
 * every property also takes a function call in its place.
 */
const FORMAT_SCHEMAS = {
    endpoint: ref('string'),
    'container-name': {
        type: ['string', 'number'], pattern: CONTAINER_NAME_PATTERN,
        'x-expected': "a container name of two or more letters, digits, '_', '.' or '-', starting with a letter or digit",
    },
    text: ref('string'),
    bytes: { ...definitions.count, 'x-expected': 'a whole number of bytes, 0 or more' },
    count: ref('count'),
    boolean: ref('propertyBoolean'),
    'text-list': listOf(ref('string'), 'a list of strings'),
    'env-list': listOf({ type: 'string', pattern: '^[^=]+=', 'x-expected': 'a KEY=VALUE string' }, 'a list of KEY=VALUE strings'),
    'dns-list': listOf(ref('string'), 'a list of DNS server addresses'),
    'capability-list': capabilityList,
    'port-specs': listOf(ref('portSpec'), 'a list of ports'),
    'port-bindings': {
        type: 'object', propertyNames: { pattern: `^${PORT_RE}(?:/(?:tcp|udp|sctp))?$`, 'x-expected': "a container port from 1 to 65535, optionally followed by /tcp, /udp or /sctp (e.g. 80, '80/tcp')" }, additionalProperties: orFn(ref('portBinding')),
        'x-expected': 'a mapping of container ports to host ports',
    },
    links: mapOf(ref('string'), 'a mapping of container names to aliases'),
    volumes: {
        type: 'object', propertyNames: { minLength: 1 },
        additionalProperties: orFn({
            type: ['string', 'object'], pattern: '^/[^:]*$', additionalProperties: false, required: ['bind'],
            properties: {
                bind: orFn({ type: 'string', pattern: '^/[^:]*$', 'x-expected': 'an absolute path in the container, e.g. /data' }),
                // Heat kept the volumes map as written: a plain yes/no here was a YAML 1.1 boolean too.
                ro: orFn(ref('propertyBoolean')),
                mode: orFn({
                    type: 'string', pattern: `^${BIND_MODE_RE}(?:,${BIND_MODE_RE})*$`, 'x-expected': "a bind mode such as 'rw', 'ro' or 'ro,Z'",
                }),
            },
            'x-expected': 'an absolute path in the container (e.g. /data) or a {bind, ro, mode} mapping',
        }),
        'x-expected': 'a mapping of host paths to container paths',
    },
    // Heat's first plugin took a comma-separated string (docker-py split it); later Heat a list.
    'volumes-from': {
        type: ['array', 'string'], items: orFn(ref('string')),
        'x-expected': 'a list of container names, or one comma-separated string of them',
    },
    'restart-policy': {
        type: 'object', additionalProperties: false, 'x-expected': 'a {Name, MaximumRetryCount} mapping',
        properties: {
            Name: doc('Policy', 'no, on-failure or always.', orFn({ enum: [...RESTART_POLICIES], 'x-expected': 'a restart policy' })),
            MaximumRetryCount: doc('Maximum retries', 'Retries before giving up (on-failure only); 0 means no limit.', orFn(ref('count'))),
        },
    },
    'cpu-set': {
        type: ['string', 'integer'], pattern: CPU_SET_PATTERN,
        'x-expected': "a list of CPUs and ranges like '0-8,16-24,28'",
    },
    devices: listOf({
        type: 'object', additionalProperties: false, required: ['path_on_host'], 'x-expected': 'a {path_on_host, path_in_container, permissions} mapping',
        properties: {
            path_on_host: doc('Path on host', 'Device path on the host, e.g. /dev/sda.', orFn(ref('devicePath'))),
            path_in_container: doc('Path in container', 'Device path in the container; defaults to path_on_host.', orFn(ref('devicePath'))),
            permissions: doc('Permissions', 'Cgroup permissions: r, w, m or a combination in that order; default rwm.', orFn({ enum: [...DEVICE_PERMISSIONS], 'x-expected': 'device permissions' })),
        },
    }, 'a list of devices'),
};
const containerProperties = Object.fromEntries(container_properties/* CONTAINER_PROPERTY_TABLE */.pn.map((p) => [p.name, doc(p.title, p.description, orFn(FORMAT_SCHEMAS[p.format]))]));
/** Every property of a container resource, in the property table's order. */
const CONTAINER_PROPERTIES = container_properties/* CONTAINER_PROPERTY_NAMES */.VL;
// A definition of its own, so the compiled validator checks each resource's properties in a
// function of their own: called once a resource, V8 optimises it within the first few dozen,
// where inline in the whole-document function it stayed in the interpreter (a 1,000-resource
// template validated in 28 ms, now 16 ms).
definitions.containerProperties = {
    type: 'object', required: container_properties/* CONTAINER_PROPERTY_TABLE */.pn.filter((p) => p.required).map((p) => p.name),
    additionalProperties: false, properties: containerProperties,
    'x-expected': 'a mapping of container properties',
};
const containerPropertiesSchema = orFn(ref('containerProperties'));
const resource = {
    type: 'object', required: ['type'], additionalProperties: false, 'x-expected': 'a mapping with a type and properties',
    properties: {
        type: doc('Resource type', `hotdock deploys ${CONTAINER_TYPE} resources, alone or as ${resource_group_schema/* GROUP_TYPE */.t} members; OS::Heat::Value and OS::Heat::None are resolved with the template.`, { enum: [CONTAINER_TYPE, resource_group_schema/* GROUP_TYPE */.t, ...STATIC_RESOURCE_TYPES] }),
        properties: doc('Properties', 'The container to run.', {}),
        metadata: doc('Metadata', 'Free-form data kept with the resource.', {}),
        depends_on: doc('Depends on', 'Resources created before this one: a name or a list of names.', {
            type: ['string', 'array'], items: { type: 'string', 'x-expected': 'a resource name' }, 'x-expected': 'a resource name or a list of resource names',
        }),
        deletion_policy: doc('Deletion policy', 'Delete (default) removes the container with the resource; Retain leaves it running.', 
        // The lowercase spellings are Heat's aliases since 2016-10-14 (versions.ts gates them).
        orFn({ enum: ['Delete', 'Retain', 'delete', 'retain'], 'x-expected': 'a deletion policy' })),
        update_policy: doc('Update policy', 'A container has no update policies (as in Heat, any key is an error); hotdock replaces a container whose desired state changed.', orFn({ type: 'object', 'x-expected': 'a mapping' })),
        description: str('Description', 'What this resource is for.'),
        condition: doc('Condition', 'Create the resource only when this condition holds.', ref('condition')),
        external_id: str('External id', 'Refused: Heat adopts the existing resource, hotdock does not adopt containers it did not create.'),
    },
    // Only container resources have a known property set; the type error covers the others.
    if: { properties: { type: { const: CONTAINER_TYPE } } },
    then: { required: ['properties'], properties: { properties: containerPropertiesSchema } },
    // A group's properties (resource-group-schema.ts); OS::Heat::Value's: a value and, optionally, the type to give it.
    allOf: [resource_group_schema/* GROUP_RESOURCE_SCHEMA */.j, {
            if: { required: ['type'], properties: { type: { const: 'OS::Heat::Value' } } },
            then: {
                required: ['properties'],
                properties: {
                    properties: orFn({
                        type: 'object', required: ['value'], additionalProperties: false, 'x-expected': 'a mapping with a value (and a type)',
                        properties: { value: {}, type: orFn({ enum: ['string', 'number', 'comma_delimited_list', 'json', 'boolean'], 'x-expected': 'a parameter type' }) },
                    }),
                },
            },
        }],
};
/** The kinds of parameter constraint; each constraint item has exactly one. */
const CONSTRAINT_KINDS = ['length', 'range', 'modulo', 'allowed_values', 'allowed_pattern', 'custom_constraint'];
const bounds = (what) => ({ type: 'object', additionalProperties: false, properties: { min: { type: 'number' }, max: { type: 'number' } }, description: what });
const constraint = {
    type: 'object', additionalProperties: false, 'x-expected': 'a constraint mapping such as {range: {min: 1, max: 10}}',
    properties: {
        length: bounds('Length of a string, list or json value: {min, max}.'),
        range: bounds('Inclusive range of a number: {min, max}.'),
        modulo: { type: 'object', additionalProperties: false, required: ['step', 'offset'], properties: { step: { type: 'number' }, offset: { type: 'number' } }, description: 'value % step == offset.' },
        allowed_values: { type: 'array', description: 'The values allowed.' },
        allowed_pattern: { type: 'string', description: 'A regular expression the whole value must match.' },
        custom_constraint: { type: 'string', description: 'An OpenStack service check; hotdock does not run it.' },
        description: { type: 'string', description: 'Shown instead of the default message when the constraint fails.' },
    },
    oneOf: CONSTRAINT_KINDS.map((k) => ({ required: [k] })),
};
const parameter = {
    type: 'object', required: ['type'], additionalProperties: false, 'x-expected': 'a mapping with at least a type',
    properties: {
        type: doc('Type', 'string, number, comma_delimited_list, json or boolean.', { enum: ['string', 'number', 'comma_delimited_list', 'json', 'boolean'], 'x-expected': 'a parameter type' }),
        label: doc('Label', 'Short name shown to users.', ref('string')),
        description: doc('Description', 'What the parameter is for.', ref('string')),
        default: doc('Default', 'Value used when none is given; without one the parameter is required.', {}),
        hidden: doc('Hidden', 'A secret: its value is masked in logs and summaries.', ref('boolean')),
        constraints: doc('Constraints', 'Checks on the value.', { type: 'array', items: constraint, 'x-expected': 'a list of constraints' }),
        immutable: doc('Immutable', 'The value may not change on update.', ref('boolean')),
        tags: doc('Tags', 'Free-form tags.', { type: 'array', items: ref('string'), 'x-expected': 'a list of strings' }),
    },
};
const section = (title, description, schema) => doc(title, description, { ...schema, type: ['object', 'null'] });
/** The schema of a whole HOT template: see the module comment. */
const hotSchema = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://github.com/hotdock/hotdock/raw/main/schema/hot.schema.json',
    title: 'HOT template for hotdock',
    description: `An OpenStack Heat (HOT) template of ${CONTAINER_TYPE} resources, as hotdock validates and deploys it.`,
    type: 'object',
    required: ['heat_template_version'],
    additionalProperties: false,
    'x-expected': 'a mapping of template sections',
    properties: {
        heat_template_version: doc('HOT version', 'Template format version, e.g. 2021-04-16 or wallaby.', { type: 'string', enum: VERSION_SPELLINGS }),
        description: doc('Description', 'What the template deploys.', ref('string')),
        parameter_groups: doc('Parameter groups', 'How user interfaces group parameters.', {
            type: ['array', 'null'], 'x-expected': 'a list of parameter groups',
            items: {
                type: 'object', additionalProperties: false, 'x-expected': 'a {label, description, parameters} mapping',
                properties: { label: ref('string'), description: ref('string'), parameters: { type: 'array', items: { type: 'string' }, 'x-expected': 'a list of parameter names' } },
            },
        }),
        parameters: section('Parameters', 'Inputs of the template, by name.', { additionalProperties: parameter, 'x-expected': 'a mapping of parameters' }),
        resources: section('Resources', 'The containers to run, by resource name.', { additionalProperties: resource, 'x-expected': 'a mapping of resources' }),
        outputs: section('Outputs', 'Values the run reports, by name.', {
            'x-expected': 'a mapping of outputs',
            additionalProperties: {
                type: 'object', required: ['value'], additionalProperties: false, 'x-expected': 'a mapping with a value',
                properties: {
                    value: doc('Value', 'The value, usually a function such as {get_attr: [web, network_ip]}.', {}),
                    description: doc('Description', 'What the output is.', ref('string')),
                    condition: doc('Condition', 'Report the output only when this condition holds.', ref('condition')),
                },
            },
        }),
        conditions: section('Conditions', 'Named conditions, e.g. prod: {equals: [{get_param: env}, prod]}.', { 'x-expected': 'a mapping of conditions' }),
    },
    definitions,
};

;// CONCATENATED MODULE: ./src/template/hot-schema-validator.generated.js
// Generated by scripts/generate-schema-validator.mjs from schema/hot.schema.json: do not edit.
// Types: hot-schema-validator.generated.d.ts.

function ucs2length(str) {
  const len = str.length;
  let length = 0;
  let pos = 0;
  let value;
  while (pos < len) {
    length++;
    value = str.charCodeAt(pos++);
    if (value >= 0xd800 && value <= 0xdbff && pos < len) {
      value = str.charCodeAt(pos);
      if ((value & 0xfc00) === 0xdc00) pos++;
    }
  }
  return length;
}

const schema6 = {"$schema":"http://json-schema.org/draft-07/schema#","$id":"https://github.com/hotdock/hotdock/raw/main/schema/hot.schema.json","title":"HOT template for hotdock","description":"An OpenStack Heat (HOT) template of DockerInc::Docker::Container resources, as hotdock validates and deploys it.","type":"object","required":["heat_template_version"],"additionalProperties":false,"x-expected":"a mapping of template sections","properties":{"heat_template_version":{"title":"HOT version","description":"Template format version, e.g. 2021-04-16 or wallaby.","type":"string","enum":["2013-05-23","2014-10-16","2015-04-30","2015-10-15","2016-04-08","2016-10-14","2017-02-24","2017-09-01","2018-03-02","2018-08-31","2021-04-16","newton","ocata","pike","queens","rocky","wallaby"]},"description":{"title":"Description","description":"What the template deploys.","$ref":"#/definitions/string"},"parameter_groups":{"title":"Parameter groups","description":"How user interfaces group parameters.","type":["array","null"],"x-expected":"a list of parameter groups","items":{"type":"object","additionalProperties":false,"x-expected":"a {label, description, parameters} mapping","properties":{"label":{"$ref":"#/definitions/string"},"description":{"$ref":"#/definitions/string"},"parameters":{"type":"array","items":{"type":"string"},"x-expected":"a list of parameter names"}}}},"parameters":{"title":"Parameters","description":"Inputs of the template, by name.","additionalProperties":{"type":"object","required":["type"],"additionalProperties":false,"x-expected":"a mapping with at least a type","properties":{"type":{"title":"Type","description":"string, number, comma_delimited_list, json or boolean.","enum":["string","number","comma_delimited_list","json","boolean"],"x-expected":"a parameter type"},"label":{"title":"Label","description":"Short name shown to users.","$ref":"#/definitions/string"},"description":{"title":"Description","description":"What the parameter is for.","$ref":"#/definitions/string"},"default":{"title":"Default","description":"Value used when none is given; without one the parameter is required."},"hidden":{"title":"Hidden","description":"A secret: its value is masked in logs and summaries.","$ref":"#/definitions/boolean"},"constraints":{"title":"Constraints","description":"Checks on the value.","type":"array","items":{"type":"object","additionalProperties":false,"x-expected":"a constraint mapping such as {range: {min: 1, max: 10}}","properties":{"length":{"type":"object","additionalProperties":false,"properties":{"min":{"type":"number"},"max":{"type":"number"}},"description":"Length of a string, list or json value: {min, max}."},"range":{"type":"object","additionalProperties":false,"properties":{"min":{"type":"number"},"max":{"type":"number"}},"description":"Inclusive range of a number: {min, max}."},"modulo":{"type":"object","additionalProperties":false,"required":["step","offset"],"properties":{"step":{"type":"number"},"offset":{"type":"number"}},"description":"value % step == offset."},"allowed_values":{"type":"array","description":"The values allowed."},"allowed_pattern":{"type":"string","description":"A regular expression the whole value must match."},"custom_constraint":{"type":"string","description":"An OpenStack service check; hotdock does not run it."},"description":{"type":"string","description":"Shown instead of the default message when the constraint fails."}},"oneOf":[{"required":["length"]},{"required":["range"]},{"required":["modulo"]},{"required":["allowed_values"]},{"required":["allowed_pattern"]},{"required":["custom_constraint"]}]},"x-expected":"a list of constraints"},"immutable":{"title":"Immutable","description":"The value may not change on update.","$ref":"#/definitions/boolean"},"tags":{"title":"Tags","description":"Free-form tags.","type":"array","items":{"$ref":"#/definitions/string"},"x-expected":"a list of strings"}}},"x-expected":"a mapping of parameters","type":["object","null"]},"resources":{"title":"Resources","description":"The containers to run, by resource name.","additionalProperties":{"type":"object","required":["type"],"additionalProperties":false,"x-expected":"a mapping with a type and properties","properties":{"type":{"title":"Resource type","description":"hotdock deploys DockerInc::Docker::Container resources, alone or as OS::Heat::ResourceGroup members; OS::Heat::Value and OS::Heat::None are resolved with the template.","enum":["DockerInc::Docker::Container","OS::Heat::ResourceGroup","OS::Heat::Value","OS::Heat::None"]},"properties":{"title":"Properties","description":"The container to run."},"metadata":{"title":"Metadata","description":"Free-form data kept with the resource."},"depends_on":{"title":"Depends on","description":"Resources created before this one: a name or a list of names.","type":["string","array"],"items":{"type":"string","x-expected":"a resource name"},"x-expected":"a resource name or a list of resource names"},"deletion_policy":{"title":"Deletion policy","description":"Delete (default) removes the container with the resource; Retain leaves it running.","anyOf":[{"enum":["Delete","Retain","delete","retain"],"x-expected":"a deletion policy"},{"$ref":"#/definitions/function"}]},"update_policy":{"title":"Update policy","description":"A container has no update policies (as in Heat, any key is an error); hotdock replaces a container whose desired state changed.","anyOf":[{"type":"object","x-expected":"a mapping"},{"$ref":"#/definitions/function"}]},"description":{"title":"Description","description":"What this resource is for.","anyOf":[{"$ref":"#/definitions/string"},{"$ref":"#/definitions/function"}]},"condition":{"title":"Condition","description":"Create the resource only when this condition holds.","$ref":"#/definitions/condition"},"external_id":{"title":"External id","description":"Refused: Heat adopts the existing resource, hotdock does not adopt containers it did not create.","anyOf":[{"$ref":"#/definitions/string"},{"$ref":"#/definitions/function"}]}},"if":{"properties":{"type":{"const":"DockerInc::Docker::Container"}}},"then":{"required":["properties"],"properties":{"properties":{"anyOf":[{"$ref":"#/definitions/containerProperties"},{"$ref":"#/definitions/function"}]}}},"allOf":[{"if":{"required":["type"],"properties":{"type":{"const":"OS::Heat::ResourceGroup"}}},"then":{"required":["properties"],"properties":{"properties":{"anyOf":[{"type":"object","required":["resource_def"],"additionalProperties":false,"x-expected":"a mapping of group properties","properties":{"count":{"title":"Count","description":"How many members the group has (default 1); changing it adds or removes the highest indexes only.","anyOf":[{"type":["integer","string"],"minimum":0,"pattern":"^\\+?[0-9]+$","x-expected":"a whole number, 0 or more"},{"$ref":"#/definitions/function"}]},"index_var":{"title":"Index variable","description":"Replaced by the member index in every string of resource_def (default %index%).","anyOf":[{"type":"string","minLength":1,"x-expected":"a non-empty string"},{"$ref":"#/definitions/function"}]},"resource_def":{"title":"Resource definition","description":"The container every member runs; members are named <group>-<index>.","anyOf":[{"type":"object","required":["type","properties"],"additionalProperties":false,"x-expected":"a mapping with type DockerInc::Docker::Container and properties","properties":{"type":{"const":"DockerInc::Docker::Container"},"properties":{"anyOf":[{"$ref":"#/definitions/containerProperties"},{"$ref":"#/definitions/function"}]},"metadata":{}}},{"$ref":"#/definitions/function"}]},"removal_policies":{"title":"Removal policies","description":"Members to remove first, never to be used again: [{resource_list: [index or <group>-<index>, ...]}].","anyOf":[{"type":"array","x-expected":"a list of {resource_list: [...]} mappings","items":{"anyOf":[{"type":"object","additionalProperties":false,"x-expected":"a {resource_list: [...]} mapping","properties":{"resource_list":{"anyOf":[{"type":"array","items":{"anyOf":[{"type":["string","integer"],"x-expected":"a member index or name"},{"$ref":"#/definitions/function"}]},"x-expected":"a list of member indexes or names"},{"$ref":"#/definitions/function"}]}}},{"$ref":"#/definitions/function"}]}},{"$ref":"#/definitions/function"}]},"removal_policies_mode":{"title":"Removal policies mode","description":"append (default) or update: hotdock keeps no state beside the template, so both mean the list as written.","anyOf":[{"enum":["append","update"],"x-expected":"append or update"},{"$ref":"#/definitions/function"}]}}},{"$ref":"#/definitions/function"}]}}}},{"if":{"required":["type"],"properties":{"type":{"const":"OS::Heat::Value"}}},"then":{"required":["properties"],"properties":{"properties":{"anyOf":[{"type":"object","required":["value"],"additionalProperties":false,"x-expected":"a mapping with a value (and a type)","properties":{"value":{},"type":{"anyOf":[{"enum":["string","number","comma_delimited_list","json","boolean"],"x-expected":"a parameter type"},{"$ref":"#/definitions/function"}]}}},{"$ref":"#/definitions/function"}]}}}}]},"x-expected":"a mapping of resources","type":["object","null"]},"outputs":{"title":"Outputs","description":"Values the run reports, by name.","x-expected":"a mapping of outputs","additionalProperties":{"type":"object","required":["value"],"additionalProperties":false,"x-expected":"a mapping with a value","properties":{"value":{"title":"Value","description":"The value, usually a function such as {get_attr: [web, network_ip]}."},"description":{"title":"Description","description":"What the output is.","$ref":"#/definitions/string"},"condition":{"title":"Condition","description":"Report the output only when this condition holds.","$ref":"#/definitions/condition"}}},"type":["object","null"]},"conditions":{"title":"Conditions","description":"Named conditions, e.g. prod: {equals: [{get_param: env}, prod]}.","x-expected":"a mapping of conditions","type":["object","null"]}},"definitions":{"function":{"description":"An intrinsic function call: a mapping with exactly one key naming a HOT function.","type":"object","minProperties":1,"maxProperties":1,"propertyNames":{"enum":["get_param","get_resource","get_attr","get_file","str_replace","str_replace_strict","str_replace_vstrict","list_join","str_split","digest","repeat","map_merge","map_replace","list_concat","list_concat_unique","contains","if","equals","not","and","or","filter","make_url","yaql","Ref","Fn::Join","Fn::Select","Fn::Split","Fn::Replace","Fn::Base64","Fn::MemberListToMap","Fn::GetAZs","Fn::ResourceFacade"]}},"string":{"type":["string","number","boolean"],"x-expected":"a string"},"integer":{"type":["integer","string"],"pattern":"^[-+]?[0-9]+$","x-expected":"a whole number"},"count":{"type":["integer","string"],"minimum":0,"pattern":"^\\+?[0-9]+$","x-expected":"a whole number, 0 or more"},"boolean":{"type":["boolean","string"],"pattern":"^(?:[Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee])$","x-expected":"true or false"},"propertyBoolean":{"type":["boolean","string"],"pattern":"^(?:[Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee]|yes|Yes|YES|on|On|ON|no|No|NO|off|Off|OFF)$","x-expected":"true or false (or yes/no, on/off unquoted)"},"port":{"type":["integer","string"],"minimum":1,"maximum":65535,"pattern":"^(?:[1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])$","x-expected":"a port number from 1 to 65535"},"portSpec":{"type":["integer","string"],"minimum":1,"maximum":65535,"pattern":"^(?:[1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])(?:/(?:tcp|udp|sctp))?$","x-expected":"a port from 1 to 65535, optionally followed by /tcp, /udp or /sctp (e.g. 80, '80/tcp', '53/udp')"},"portBindingItem":{"type":["integer","string","null","object"],"minimum":1,"maximum":65535,"pattern":"^(?:[1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])$","additionalProperties":false,"properties":{"HostIp":{"anyOf":[{"$ref":"#/definitions/string"},{"$ref":"#/definitions/function"}]},"HostPort":{"anyOf":[{"type":["integer","string","null"],"minimum":1,"maximum":65535,"pattern":"^(?:(?:[1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5]))?$","x-expected":"a host port from 1 to 65535"},{"$ref":"#/definitions/function"}]}},"x-expected":"a host port from 1 to 65535, null (any free port) or a {HostIp, HostPort} mapping"},"portBinding":{"type":["integer","string","null","object","array"],"minimum":1,"maximum":65535,"pattern":"^(?:[1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])$","additionalProperties":false,"properties":{"HostIp":{"anyOf":[{"$ref":"#/definitions/string"},{"$ref":"#/definitions/function"}]},"HostPort":{"anyOf":[{"type":["integer","string","null"],"minimum":1,"maximum":65535,"pattern":"^(?:(?:[1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5]))?$","x-expected":"a host port from 1 to 65535"},{"$ref":"#/definitions/function"}]}},"x-expected":"a host port from 1 to 65535, null (any free port), a {HostIp, HostPort} mapping, or a list of those","items":{"anyOf":[{"$ref":"#/definitions/portBindingItem"},{"$ref":"#/definitions/function"}]}},"devicePath":{"type":"string","pattern":"^/dev/[/_\\-a-zA-Z0-9]+$","maxLength":255,"x-expected":"a device path like /dev/sda (at most 255 characters)"},"condition":{"anyOf":[{"type":["string","boolean"]},{"$ref":"#/definitions/function"}],"x-expected":"the name of a condition, true or false, or a condition function such as {equals: [...]}"},"containerProperties":{"type":"object","required":["image"],"additionalProperties":false,"properties":{"docker_endpoint":{"title":"Docker endpoint","description":"Where the container runs: unix:///path, tcp://host:port, http(s)://host:port, host:port, or the name of an entry of the action's 'endpoints' input. Defaults to the action's docker-endpoint, DOCKER_HOST, then the local socket.","anyOf":[{"$ref":"#/definitions/string"},{"$ref":"#/definitions/function"}]},"image":{"title":"Image","description":"The image to run, e.g. nginx:1.27 or registry.example.com/team/app@sha256:... Required by hotdock.","anyOf":[{"$ref":"#/definitions/string"},{"$ref":"#/definitions/function"}]},"name":{"title":"Container name","description":"Docker container name; defaults to '<stack name>-<resource name>'.","anyOf":[{"type":["string","number"],"pattern":"^/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$","x-expected":"a container name of two or more letters, digits, '_', '.' or '-', starting with a letter or digit"},{"$ref":"#/definitions/function"}]},"hostname":{"title":"Hostname","description":"Hostname inside the container (Config.Hostname).","anyOf":[{"$ref":"#/definitions/string"},{"$ref":"#/definitions/function"}]},"user":{"title":"User","description":"User the command runs as: a name or uid, optionally with :group (Config.User).","anyOf":[{"$ref":"#/definitions/string"},{"$ref":"#/definitions/function"}]},"cmd":{"title":"Command","description":"Command and arguments as a list (Config.Cmd), e.g. [nginx, -g, \"daemon off;\"]. A plain string is an error.","anyOf":[{"type":"array","items":{"anyOf":[{"$ref":"#/definitions/string"},{"$ref":"#/definitions/function"}]},"x-expected":"a list of strings"},{"$ref":"#/definitions/function"}]},"env":{"title":"Environment","description":"Environment variables as a list of KEY=VALUE strings (Config.Env).","anyOf":[{"type":"array","items":{"anyOf":[{"type":"string","pattern":"^[^=]+=","x-expected":"a KEY=VALUE string"},{"$ref":"#/definitions/function"}]},"x-expected":"a list of KEY=VALUE strings"},{"$ref":"#/definitions/function"}]},"port_specs":{"title":"Exposed ports","description":"Ports the container exposes: 80, '80/tcp', '53/udp' (no protocol means tcp).","anyOf":[{"type":"array","items":{"anyOf":[{"$ref":"#/definitions/portSpec"},{"$ref":"#/definitions/function"}]},"x-expected":"a list of ports"},{"$ref":"#/definitions/function"}]},"tty":{"title":"TTY","description":"Allocate a pseudo-TTY (Config.Tty).","anyOf":[{"$ref":"#/definitions/propertyBoolean"},{"$ref":"#/definitions/function"}]},"open_stdin":{"title":"Open stdin","description":"Keep stdin open (Config.OpenStdin).","anyOf":[{"$ref":"#/definitions/propertyBoolean"},{"$ref":"#/definitions/function"}]},"stdin_once":{"title":"Stdin once","description":"Close stdin after the first client detaches (Config.StdinOnce).","anyOf":[{"$ref":"#/definitions/propertyBoolean"},{"$ref":"#/definitions/function"}]},"volumes":{"title":"Volumes","description":"Bind mounts: {'/host/path': '/container/path'} or {'/host/path': {bind: /container/path, ro: true}} (HostConfig.Binds).","anyOf":[{"type":"object","propertyNames":{"minLength":1},"additionalProperties":{"anyOf":[{"type":["string","object"],"pattern":"^/[^:]*$","additionalProperties":false,"required":["bind"],"properties":{"bind":{"anyOf":[{"type":"string","pattern":"^/[^:]*$","x-expected":"an absolute path in the container, e.g. /data"},{"$ref":"#/definitions/function"}]},"ro":{"anyOf":[{"$ref":"#/definitions/propertyBoolean"},{"$ref":"#/definitions/function"}]},"mode":{"anyOf":[{"type":"string","pattern":"^(?:rw|ro|z|Z|shared|slave|private|rshared|rslave|rprivate|nocopy|consistent|cached|delegated)(?:,(?:rw|ro|z|Z|shared|slave|private|rshared|rslave|rprivate|nocopy|consistent|cached|delegated))*$","x-expected":"a bind mode such as 'rw', 'ro' or 'ro,Z'"},{"$ref":"#/definitions/function"}]}},"x-expected":"an absolute path in the container (e.g. /data) or a {bind, ro, mode} mapping"},{"$ref":"#/definitions/function"}]},"x-expected":"a mapping of host paths to container paths"},{"$ref":"#/definitions/function"}]},"port_bindings":{"title":"Port bindings","description":"Container port (80 or '80/tcp') to host port: 8080, null (any free port), {HostIp: 127.0.0.1, HostPort: 8080}, or a list of those.","anyOf":[{"type":"object","propertyNames":{"pattern":"^(?:[1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])(?:/(?:tcp|udp|sctp))?$","x-expected":"a container port from 1 to 65535, optionally followed by /tcp, /udp or /sctp (e.g. 80, '80/tcp')"},"additionalProperties":{"anyOf":[{"$ref":"#/definitions/portBinding"},{"$ref":"#/definitions/function"}]},"x-expected":"a mapping of container ports to host ports"},{"$ref":"#/definitions/function"}]},"links":{"title":"Links","description":"Other containers this one links to: {container name: alias} (HostConfig.Links).","anyOf":[{"type":"object","additionalProperties":{"anyOf":[{"$ref":"#/definitions/string"},{"$ref":"#/definitions/function"}]},"x-expected":"a mapping of container names to aliases"},{"$ref":"#/definitions/function"}]},"volumes_from":{"title":"Volumes from","description":"Containers (names or ids) whose volumes this one mounts (HostConfig.VolumesFrom): a list, or a comma-separated string, as the first Heat plugin took it.","anyOf":[{"type":["array","string"],"items":{"anyOf":[{"$ref":"#/definitions/string"},{"$ref":"#/definitions/function"}]},"x-expected":"a list of container names, or one comma-separated string of them"},{"$ref":"#/definitions/function"}]},"privileged":{"title":"Privileged","description":"Give the container extended privileges (HostConfig.Privileged).","anyOf":[{"$ref":"#/definitions/propertyBoolean"},{"$ref":"#/definitions/function"}]},"dns":{"title":"DNS servers","description":"DNS server addresses (HostConfig.Dns).","anyOf":[{"type":"array","items":{"anyOf":[{"$ref":"#/definitions/string"},{"$ref":"#/definitions/function"}]},"x-expected":"a list of DNS server addresses"},{"$ref":"#/definitions/function"}]},"restart_policy":{"title":"Restart policy","description":"When Docker restarts the container: {Name: no|on-failure|always, MaximumRetryCount: 0}.","anyOf":[{"type":"object","additionalProperties":false,"x-expected":"a {Name, MaximumRetryCount} mapping","properties":{"Name":{"title":"Policy","description":"no, on-failure or always.","anyOf":[{"enum":["no","on-failure","always"],"x-expected":"a restart policy"},{"$ref":"#/definitions/function"}]},"MaximumRetryCount":{"title":"Maximum retries","description":"Retries before giving up (on-failure only); 0 means no limit.","anyOf":[{"$ref":"#/definitions/count"},{"$ref":"#/definitions/function"}]}}},{"$ref":"#/definitions/function"}]},"cap_add":{"title":"Capabilities to add","description":"Linux capabilities to add (HostConfig.CapAdd), e.g. [NET_ADMIN].","anyOf":[{"type":"array","items":{"anyOf":[{"enum":["SETPCAP","SYS_MODULE","SYS_RAWIO","SYS_PACCT","SYS_ADMIN","SYS_NICE","SYS_RESOURCE","SYS_TIME","SYS_TTY_CONFIG","MKNOD","AUDIT_WRITE","AUDIT_CONTROL","MAC_OVERRIDE","MAC_ADMIN","NET_ADMIN","SYSLOG","CHOWN","NET_RAW","DAC_OVERRIDE","FOWNER","DAC_READ_SEARCH","FSETID","KILL","SETGID","SETUID","LINUX_IMMUTABLE","NET_BIND_SERVICE","NET_BROADCAST","IPC_LOCK","IPC_OWNER","SYS_CHROOT","SYS_PTRACE","SYS_BOOT","LEASE","SETFCAP","WAKE_ALARM","BLOCK_SUSPEND","ALL"],"x-expected":"a Linux capability"},{"$ref":"#/definitions/function"}]},"x-expected":"a list of Linux capabilities"},{"$ref":"#/definitions/function"}]},"cap_drop":{"title":"Capabilities to drop","description":"Linux capabilities to drop (HostConfig.CapDrop), e.g. [ALL].","anyOf":[{"type":"array","items":{"anyOf":[{"enum":["SETPCAP","SYS_MODULE","SYS_RAWIO","SYS_PACCT","SYS_ADMIN","SYS_NICE","SYS_RESOURCE","SYS_TIME","SYS_TTY_CONFIG","MKNOD","AUDIT_WRITE","AUDIT_CONTROL","MAC_OVERRIDE","MAC_ADMIN","NET_ADMIN","SYSLOG","CHOWN","NET_RAW","DAC_OVERRIDE","FOWNER","DAC_READ_SEARCH","FSETID","KILL","SETGID","SETUID","LINUX_IMMUTABLE","NET_BIND_SERVICE","NET_BROADCAST","IPC_LOCK","IPC_OWNER","SYS_CHROOT","SYS_PTRACE","SYS_BOOT","LEASE","SETFCAP","WAKE_ALARM","BLOCK_SUSPEND","ALL"],"x-expected":"a Linux capability"},{"$ref":"#/definitions/function"}]},"x-expected":"a list of Linux capabilities"},{"$ref":"#/definitions/function"}]},"read_only":{"title":"Read-only root","description":"Mount the root filesystem read-only (HostConfig.ReadonlyRootfs).","anyOf":[{"$ref":"#/definitions/propertyBoolean"},{"$ref":"#/definitions/function"}]},"cpu_shares":{"title":"CPU shares","description":"Relative CPU weight (HostConfig.CpuShares).","anyOf":[{"$ref":"#/definitions/count"},{"$ref":"#/definitions/function"}]},"cpu_set":{"title":"CPU set","description":"CPUs the container may use, e.g. '0-3' or '0-8,16-24,28' (HostConfig.CpusetCpus).","anyOf":[{"type":["string","integer"],"pattern":"^[0-9]+(?:-[0-9]+)?(?:,[0-9]+(?:-[0-9]+)?)*$","x-expected":"a list of CPUs and ranges like '0-8,16-24,28'"},{"$ref":"#/definitions/function"}]},"memory":{"title":"Memory limit","description":"Memory limit in bytes (HostConfig.Memory), e.g. 536870912 for 512 MiB.","anyOf":[{"type":["integer","string"],"minimum":0,"pattern":"^\\+?[0-9]+$","x-expected":"a whole number of bytes, 0 or more"},{"$ref":"#/definitions/function"}]},"devices":{"title":"Devices","description":"Host devices to expose: [{path_on_host: /dev/sda, path_in_container: /dev/xvda, permissions: rwm}] (HostConfig.Devices).","anyOf":[{"type":"array","items":{"anyOf":[{"type":"object","additionalProperties":false,"required":["path_on_host"],"x-expected":"a {path_on_host, path_in_container, permissions} mapping","properties":{"path_on_host":{"title":"Path on host","description":"Device path on the host, e.g. /dev/sda.","anyOf":[{"$ref":"#/definitions/devicePath"},{"$ref":"#/definitions/function"}]},"path_in_container":{"title":"Path in container","description":"Device path in the container; defaults to path_on_host.","anyOf":[{"$ref":"#/definitions/devicePath"},{"$ref":"#/definitions/function"}]},"permissions":{"title":"Permissions","description":"Cgroup permissions: r, w, m or a combination in that order; default rwm.","anyOf":[{"enum":["r","w","m","rw","rm","wm","rwm"],"x-expected":"device permissions"},{"$ref":"#/definitions/function"}]}}},{"$ref":"#/definitions/function"}]},"x-expected":"a list of devices"},{"$ref":"#/definitions/function"}]}},"x-expected":"a mapping of container properties"}}};const schema7 = {"type":["string","number","boolean"],"x-expected":"a string"};function validate22(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){let vErrors = null;let errors = 0;if(((typeof data !== "string") && (!((typeof data == "number") && (isFinite(data))))) && (typeof data !== "boolean")){const err0 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: schema7.type},message:"must be string,number,boolean",schema:schema7.type,parentSchema:schema7,data};if(vErrors === null){vErrors = [err0];}else {vErrors.push(err0);}errors++;}validate22.errors = vErrors;return errors === 0;}const schema8 = {"type":["boolean","string"],"pattern":"^(?:[Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee])$","x-expected":"true or false"};const pattern0 = new RegExp("^(?:[Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee])$", "u");function validate28(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){let vErrors = null;let errors = 0;if((typeof data !== "boolean") && (typeof data !== "string")){const err0 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: schema8.type},message:"must be boolean,string",schema:schema8.type,parentSchema:schema8,data};if(vErrors === null){vErrors = [err0];}else {vErrors.push(err0);}errors++;}if(typeof data === "string"){if(!pattern0.test(data)){const err1 = {instancePath,schemaPath:"#/pattern",keyword:"pattern",params:{pattern: "^(?:[Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee])$"},message:"must match pattern \""+"^(?:[Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee])$"+"\"",schema:"^(?:[Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee])$",parentSchema:schema8,data};if(vErrors === null){vErrors = [err1];}else {vErrors.push(err1);}errors++;}}validate28.errors = vErrors;return errors === 0;}const schema9 = {"description":"An intrinsic function call: a mapping with exactly one key naming a HOT function.","type":"object","minProperties":1,"maxProperties":1,"propertyNames":{"enum":["get_param","get_resource","get_attr","get_file","str_replace","str_replace_strict","str_replace_vstrict","list_join","str_split","digest","repeat","map_merge","map_replace","list_concat","list_concat_unique","contains","if","equals","not","and","or","filter","make_url","yaql","Ref","Fn::Join","Fn::Select","Fn::Split","Fn::Replace","Fn::Base64","Fn::MemberListToMap","Fn::GetAZs","Fn::ResourceFacade"]}};function validate32(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){let vErrors = null;let errors = 0;if(data && typeof data == "object" && !Array.isArray(data)){if(Object.keys(data).length > 1){const err0 = {instancePath,schemaPath:"#/maxProperties",keyword:"maxProperties",params:{limit: 1},message:"must NOT have more than 1 properties",schema:1,parentSchema:schema9,data};if(vErrors === null){vErrors = [err0];}else {vErrors.push(err0);}errors++;}if(Object.keys(data).length < 1){const err1 = {instancePath,schemaPath:"#/minProperties",keyword:"minProperties",params:{limit: 1},message:"must NOT have fewer than 1 properties",schema:1,parentSchema:schema9,data};if(vErrors === null){vErrors = [err1];}else {vErrors.push(err1);}errors++;}for(const key0 in data){const _errs1 = errors;if(!(((((((((((((((((((((((((((((((((key0 === "get_param") || (key0 === "get_resource")) || (key0 === "get_attr")) || (key0 === "get_file")) || (key0 === "str_replace")) || (key0 === "str_replace_strict")) || (key0 === "str_replace_vstrict")) || (key0 === "list_join")) || (key0 === "str_split")) || (key0 === "digest")) || (key0 === "repeat")) || (key0 === "map_merge")) || (key0 === "map_replace")) || (key0 === "list_concat")) || (key0 === "list_concat_unique")) || (key0 === "contains")) || (key0 === "if")) || (key0 === "equals")) || (key0 === "not")) || (key0 === "and")) || (key0 === "or")) || (key0 === "filter")) || (key0 === "make_url")) || (key0 === "yaql")) || (key0 === "Ref")) || (key0 === "Fn::Join")) || (key0 === "Fn::Select")) || (key0 === "Fn::Split")) || (key0 === "Fn::Replace")) || (key0 === "Fn::Base64")) || (key0 === "Fn::MemberListToMap")) || (key0 === "Fn::GetAZs")) || (key0 === "Fn::ResourceFacade"))){const err2 = {instancePath,schemaPath:"#/propertyNames/enum",keyword:"enum",params:{allowedValues: schema9.propertyNames.enum},message:"must be equal to one of the allowed values",schema:schema9.propertyNames.enum,parentSchema:schema9.propertyNames,data:key0,propertyName:key0};if(vErrors === null){vErrors = [err2];}else {vErrors.push(err2);}errors++;}var valid0 = _errs1 === errors;if(!valid0){const err3 = {instancePath,schemaPath:"#/propertyNames",keyword:"propertyNames",params:{propertyName: key0},message:"property name must be valid",schema:schema9.propertyNames,parentSchema:schema9,data};if(vErrors === null){vErrors = [err3];}else {vErrors.push(err3);}errors++;}}}else {const err4 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema9.type,parentSchema:schema9,data};if(vErrors === null){vErrors = [err4];}else {vErrors.push(err4);}errors++;}validate32.errors = vErrors;return errors === 0;}const schema10 = {"type":"object","required":["image"],"additionalProperties":false,"properties":{"docker_endpoint":{"title":"Docker endpoint","description":"Where the container runs: unix:///path, tcp://host:port, http(s)://host:port, host:port, or the name of an entry of the action's 'endpoints' input. Defaults to the action's docker-endpoint, DOCKER_HOST, then the local socket.","anyOf":[{"$ref":"#/definitions/string"},{"$ref":"#/definitions/function"}]},"image":{"title":"Image","description":"The image to run, e.g. nginx:1.27 or registry.example.com/team/app@sha256:... Required by hotdock.","anyOf":[{"$ref":"#/definitions/string"},{"$ref":"#/definitions/function"}]},"name":{"title":"Container name","description":"Docker container name; defaults to '<stack name>-<resource name>'.","anyOf":[{"type":["string","number"],"pattern":"^/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$","x-expected":"a container name of two or more letters, digits, '_', '.' or '-', starting with a letter or digit"},{"$ref":"#/definitions/function"}]},"hostname":{"title":"Hostname","description":"Hostname inside the container (Config.Hostname).","anyOf":[{"$ref":"#/definitions/string"},{"$ref":"#/definitions/function"}]},"user":{"title":"User","description":"User the command runs as: a name or uid, optionally with :group (Config.User).","anyOf":[{"$ref":"#/definitions/string"},{"$ref":"#/definitions/function"}]},"cmd":{"title":"Command","description":"Command and arguments as a list (Config.Cmd), e.g. [nginx, -g, \"daemon off;\"]. A plain string is an error.","anyOf":[{"type":"array","items":{"anyOf":[{"$ref":"#/definitions/string"},{"$ref":"#/definitions/function"}]},"x-expected":"a list of strings"},{"$ref":"#/definitions/function"}]},"env":{"title":"Environment","description":"Environment variables as a list of KEY=VALUE strings (Config.Env).","anyOf":[{"type":"array","items":{"anyOf":[{"type":"string","pattern":"^[^=]+=","x-expected":"a KEY=VALUE string"},{"$ref":"#/definitions/function"}]},"x-expected":"a list of KEY=VALUE strings"},{"$ref":"#/definitions/function"}]},"port_specs":{"title":"Exposed ports","description":"Ports the container exposes: 80, '80/tcp', '53/udp' (no protocol means tcp).","anyOf":[{"type":"array","items":{"anyOf":[{"$ref":"#/definitions/portSpec"},{"$ref":"#/definitions/function"}]},"x-expected":"a list of ports"},{"$ref":"#/definitions/function"}]},"tty":{"title":"TTY","description":"Allocate a pseudo-TTY (Config.Tty).","anyOf":[{"$ref":"#/definitions/propertyBoolean"},{"$ref":"#/definitions/function"}]},"open_stdin":{"title":"Open stdin","description":"Keep stdin open (Config.OpenStdin).","anyOf":[{"$ref":"#/definitions/propertyBoolean"},{"$ref":"#/definitions/function"}]},"stdin_once":{"title":"Stdin once","description":"Close stdin after the first client detaches (Config.StdinOnce).","anyOf":[{"$ref":"#/definitions/propertyBoolean"},{"$ref":"#/definitions/function"}]},"volumes":{"title":"Volumes","description":"Bind mounts: {'/host/path': '/container/path'} or {'/host/path': {bind: /container/path, ro: true}} (HostConfig.Binds).","anyOf":[{"type":"object","propertyNames":{"minLength":1},"additionalProperties":{"anyOf":[{"type":["string","object"],"pattern":"^/[^:]*$","additionalProperties":false,"required":["bind"],"properties":{"bind":{"anyOf":[{"type":"string","pattern":"^/[^:]*$","x-expected":"an absolute path in the container, e.g. /data"},{"$ref":"#/definitions/function"}]},"ro":{"anyOf":[{"$ref":"#/definitions/propertyBoolean"},{"$ref":"#/definitions/function"}]},"mode":{"anyOf":[{"type":"string","pattern":"^(?:rw|ro|z|Z|shared|slave|private|rshared|rslave|rprivate|nocopy|consistent|cached|delegated)(?:,(?:rw|ro|z|Z|shared|slave|private|rshared|rslave|rprivate|nocopy|consistent|cached|delegated))*$","x-expected":"a bind mode such as 'rw', 'ro' or 'ro,Z'"},{"$ref":"#/definitions/function"}]}},"x-expected":"an absolute path in the container (e.g. /data) or a {bind, ro, mode} mapping"},{"$ref":"#/definitions/function"}]},"x-expected":"a mapping of host paths to container paths"},{"$ref":"#/definitions/function"}]},"port_bindings":{"title":"Port bindings","description":"Container port (80 or '80/tcp') to host port: 8080, null (any free port), {HostIp: 127.0.0.1, HostPort: 8080}, or a list of those.","anyOf":[{"type":"object","propertyNames":{"pattern":"^(?:[1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])(?:/(?:tcp|udp|sctp))?$","x-expected":"a container port from 1 to 65535, optionally followed by /tcp, /udp or /sctp (e.g. 80, '80/tcp')"},"additionalProperties":{"anyOf":[{"$ref":"#/definitions/portBinding"},{"$ref":"#/definitions/function"}]},"x-expected":"a mapping of container ports to host ports"},{"$ref":"#/definitions/function"}]},"links":{"title":"Links","description":"Other containers this one links to: {container name: alias} (HostConfig.Links).","anyOf":[{"type":"object","additionalProperties":{"anyOf":[{"$ref":"#/definitions/string"},{"$ref":"#/definitions/function"}]},"x-expected":"a mapping of container names to aliases"},{"$ref":"#/definitions/function"}]},"volumes_from":{"title":"Volumes from","description":"Containers (names or ids) whose volumes this one mounts (HostConfig.VolumesFrom): a list, or a comma-separated string, as the first Heat plugin took it.","anyOf":[{"type":["array","string"],"items":{"anyOf":[{"$ref":"#/definitions/string"},{"$ref":"#/definitions/function"}]},"x-expected":"a list of container names, or one comma-separated string of them"},{"$ref":"#/definitions/function"}]},"privileged":{"title":"Privileged","description":"Give the container extended privileges (HostConfig.Privileged).","anyOf":[{"$ref":"#/definitions/propertyBoolean"},{"$ref":"#/definitions/function"}]},"dns":{"title":"DNS servers","description":"DNS server addresses (HostConfig.Dns).","anyOf":[{"type":"array","items":{"anyOf":[{"$ref":"#/definitions/string"},{"$ref":"#/definitions/function"}]},"x-expected":"a list of DNS server addresses"},{"$ref":"#/definitions/function"}]},"restart_policy":{"title":"Restart policy","description":"When Docker restarts the container: {Name: no|on-failure|always, MaximumRetryCount: 0}.","anyOf":[{"type":"object","additionalProperties":false,"x-expected":"a {Name, MaximumRetryCount} mapping","properties":{"Name":{"title":"Policy","description":"no, on-failure or always.","anyOf":[{"enum":["no","on-failure","always"],"x-expected":"a restart policy"},{"$ref":"#/definitions/function"}]},"MaximumRetryCount":{"title":"Maximum retries","description":"Retries before giving up (on-failure only); 0 means no limit.","anyOf":[{"$ref":"#/definitions/count"},{"$ref":"#/definitions/function"}]}}},{"$ref":"#/definitions/function"}]},"cap_add":{"title":"Capabilities to add","description":"Linux capabilities to add (HostConfig.CapAdd), e.g. [NET_ADMIN].","anyOf":[{"type":"array","items":{"anyOf":[{"enum":["SETPCAP","SYS_MODULE","SYS_RAWIO","SYS_PACCT","SYS_ADMIN","SYS_NICE","SYS_RESOURCE","SYS_TIME","SYS_TTY_CONFIG","MKNOD","AUDIT_WRITE","AUDIT_CONTROL","MAC_OVERRIDE","MAC_ADMIN","NET_ADMIN","SYSLOG","CHOWN","NET_RAW","DAC_OVERRIDE","FOWNER","DAC_READ_SEARCH","FSETID","KILL","SETGID","SETUID","LINUX_IMMUTABLE","NET_BIND_SERVICE","NET_BROADCAST","IPC_LOCK","IPC_OWNER","SYS_CHROOT","SYS_PTRACE","SYS_BOOT","LEASE","SETFCAP","WAKE_ALARM","BLOCK_SUSPEND","ALL"],"x-expected":"a Linux capability"},{"$ref":"#/definitions/function"}]},"x-expected":"a list of Linux capabilities"},{"$ref":"#/definitions/function"}]},"cap_drop":{"title":"Capabilities to drop","description":"Linux capabilities to drop (HostConfig.CapDrop), e.g. [ALL].","anyOf":[{"type":"array","items":{"anyOf":[{"enum":["SETPCAP","SYS_MODULE","SYS_RAWIO","SYS_PACCT","SYS_ADMIN","SYS_NICE","SYS_RESOURCE","SYS_TIME","SYS_TTY_CONFIG","MKNOD","AUDIT_WRITE","AUDIT_CONTROL","MAC_OVERRIDE","MAC_ADMIN","NET_ADMIN","SYSLOG","CHOWN","NET_RAW","DAC_OVERRIDE","FOWNER","DAC_READ_SEARCH","FSETID","KILL","SETGID","SETUID","LINUX_IMMUTABLE","NET_BIND_SERVICE","NET_BROADCAST","IPC_LOCK","IPC_OWNER","SYS_CHROOT","SYS_PTRACE","SYS_BOOT","LEASE","SETFCAP","WAKE_ALARM","BLOCK_SUSPEND","ALL"],"x-expected":"a Linux capability"},{"$ref":"#/definitions/function"}]},"x-expected":"a list of Linux capabilities"},{"$ref":"#/definitions/function"}]},"read_only":{"title":"Read-only root","description":"Mount the root filesystem read-only (HostConfig.ReadonlyRootfs).","anyOf":[{"$ref":"#/definitions/propertyBoolean"},{"$ref":"#/definitions/function"}]},"cpu_shares":{"title":"CPU shares","description":"Relative CPU weight (HostConfig.CpuShares).","anyOf":[{"$ref":"#/definitions/count"},{"$ref":"#/definitions/function"}]},"cpu_set":{"title":"CPU set","description":"CPUs the container may use, e.g. '0-3' or '0-8,16-24,28' (HostConfig.CpusetCpus).","anyOf":[{"type":["string","integer"],"pattern":"^[0-9]+(?:-[0-9]+)?(?:,[0-9]+(?:-[0-9]+)?)*$","x-expected":"a list of CPUs and ranges like '0-8,16-24,28'"},{"$ref":"#/definitions/function"}]},"memory":{"title":"Memory limit","description":"Memory limit in bytes (HostConfig.Memory), e.g. 536870912 for 512 MiB.","anyOf":[{"type":["integer","string"],"minimum":0,"pattern":"^\\+?[0-9]+$","x-expected":"a whole number of bytes, 0 or more"},{"$ref":"#/definitions/function"}]},"devices":{"title":"Devices","description":"Host devices to expose: [{path_on_host: /dev/sda, path_in_container: /dev/xvda, permissions: rwm}] (HostConfig.Devices).","anyOf":[{"type":"array","items":{"anyOf":[{"type":"object","additionalProperties":false,"required":["path_on_host"],"x-expected":"a {path_on_host, path_in_container, permissions} mapping","properties":{"path_on_host":{"title":"Path on host","description":"Device path on the host, e.g. /dev/sda.","anyOf":[{"$ref":"#/definitions/devicePath"},{"$ref":"#/definitions/function"}]},"path_in_container":{"title":"Path in container","description":"Device path in the container; defaults to path_on_host.","anyOf":[{"$ref":"#/definitions/devicePath"},{"$ref":"#/definitions/function"}]},"permissions":{"title":"Permissions","description":"Cgroup permissions: r, w, m or a combination in that order; default rwm.","anyOf":[{"enum":["r","w","m","rw","rm","wm","rwm"],"x-expected":"device permissions"},{"$ref":"#/definitions/function"}]}}},{"$ref":"#/definitions/function"}]},"x-expected":"a list of devices"},{"$ref":"#/definitions/function"}]}},"x-expected":"a mapping of container properties"};const func3 = Object.prototype.hasOwnProperty;const func2 = ucs2length;const schema11 = {"type":["integer","string"],"minimum":1,"maximum":65535,"pattern":"^(?:[1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])(?:/(?:tcp|udp|sctp))?$","x-expected":"a port from 1 to 65535, optionally followed by /tcp, /udp or /sctp (e.g. 80, '80/tcp', '53/udp')"};const pattern4 = new RegExp("^(?:[1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])(?:/(?:tcp|udp|sctp))?$", "u");function validate50(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){let vErrors = null;let errors = 0;if((!(((typeof data == "number") && (!(data % 1) && !isNaN(data))) && (isFinite(data)))) && (typeof data !== "string")){const err0 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: schema11.type},message:"must be integer,string",schema:schema11.type,parentSchema:schema11,data};if(vErrors === null){vErrors = [err0];}else {vErrors.push(err0);}errors++;}if((typeof data == "number") && (isFinite(data))){if(data > 65535 || isNaN(data)){const err1 = {instancePath,schemaPath:"#/maximum",keyword:"maximum",params:{comparison: "<=", limit: 65535},message:"must be <= 65535",schema:65535,parentSchema:schema11,data};if(vErrors === null){vErrors = [err1];}else {vErrors.push(err1);}errors++;}if(data < 1 || isNaN(data)){const err2 = {instancePath,schemaPath:"#/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema11,data};if(vErrors === null){vErrors = [err2];}else {vErrors.push(err2);}errors++;}}if(typeof data === "string"){if(!pattern4.test(data)){const err3 = {instancePath,schemaPath:"#/pattern",keyword:"pattern",params:{pattern: "^(?:[1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])(?:/(?:tcp|udp|sctp))?$"},message:"must match pattern \""+"^(?:[1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])(?:/(?:tcp|udp|sctp))?$"+"\"",schema:"^(?:[1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])(?:/(?:tcp|udp|sctp))?$",parentSchema:schema11,data};if(vErrors === null){vErrors = [err3];}else {vErrors.push(err3);}errors++;}}validate50.errors = vErrors;return errors === 0;}const schema12 = {"type":["boolean","string"],"pattern":"^(?:[Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee]|yes|Yes|YES|on|On|ON|no|No|NO|off|Off|OFF)$","x-expected":"true or false (or yes/no, on/off unquoted)"};const pattern5 = new RegExp("^(?:[Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee]|yes|Yes|YES|on|On|ON|no|No|NO|off|Off|OFF)$", "u");function validate54(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){let vErrors = null;let errors = 0;if((typeof data !== "boolean") && (typeof data !== "string")){const err0 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: schema12.type},message:"must be boolean,string",schema:schema12.type,parentSchema:schema12,data};if(vErrors === null){vErrors = [err0];}else {vErrors.push(err0);}errors++;}if(typeof data === "string"){if(!pattern5.test(data)){const err1 = {instancePath,schemaPath:"#/pattern",keyword:"pattern",params:{pattern: "^(?:[Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee]|yes|Yes|YES|on|On|ON|no|No|NO|off|Off|OFF)$"},message:"must match pattern \""+"^(?:[Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee]|yes|Yes|YES|on|On|ON|no|No|NO|off|Off|OFF)$"+"\"",schema:"^(?:[Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee]|yes|Yes|YES|on|On|ON|no|No|NO|off|Off|OFF)$",parentSchema:schema12,data};if(vErrors === null){vErrors = [err1];}else {vErrors.push(err1);}errors++;}}validate54.errors = vErrors;return errors === 0;}const schema13 = {"type":["integer","string","null","object","array"],"minimum":1,"maximum":65535,"pattern":"^(?:[1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])$","additionalProperties":false,"properties":{"HostIp":{"anyOf":[{"$ref":"#/definitions/string"},{"$ref":"#/definitions/function"}]},"HostPort":{"anyOf":[{"type":["integer","string","null"],"minimum":1,"maximum":65535,"pattern":"^(?:(?:[1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5]))?$","x-expected":"a host port from 1 to 65535"},{"$ref":"#/definitions/function"}]}},"x-expected":"a host port from 1 to 65535, null (any free port), a {HostIp, HostPort} mapping, or a list of those","items":{"anyOf":[{"$ref":"#/definitions/portBindingItem"},{"$ref":"#/definitions/function"}]}};const pattern10 = new RegExp("^(?:[1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])$", "u");const pattern12 = new RegExp("^(?:(?:[1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5]))?$", "u");const schema14 = {"type":["integer","string","null","object"],"minimum":1,"maximum":65535,"pattern":"^(?:[1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])$","additionalProperties":false,"properties":{"HostIp":{"anyOf":[{"$ref":"#/definitions/string"},{"$ref":"#/definitions/function"}]},"HostPort":{"anyOf":[{"type":["integer","string","null"],"minimum":1,"maximum":65535,"pattern":"^(?:(?:[1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5]))?$","x-expected":"a host port from 1 to 65535"},{"$ref":"#/definitions/function"}]}},"x-expected":"a host port from 1 to 65535, null (any free port) or a {HostIp, HostPort} mapping"};function validate68(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){let vErrors = null;let errors = 0;if((((!(((typeof data == "number") && (!(data % 1) && !isNaN(data))) && (isFinite(data)))) && (typeof data !== "string")) && (data !== null)) && (!(data && typeof data == "object" && !Array.isArray(data)))){const err0 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: schema14.type},message:"must be integer,string,null,object",schema:schema14.type,parentSchema:schema14,data};if(vErrors === null){vErrors = [err0];}else {vErrors.push(err0);}errors++;}if((typeof data == "number") && (isFinite(data))){if(data > 65535 || isNaN(data)){const err1 = {instancePath,schemaPath:"#/maximum",keyword:"maximum",params:{comparison: "<=", limit: 65535},message:"must be <= 65535",schema:65535,parentSchema:schema14,data};if(vErrors === null){vErrors = [err1];}else {vErrors.push(err1);}errors++;}if(data < 1 || isNaN(data)){const err2 = {instancePath,schemaPath:"#/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema14,data};if(vErrors === null){vErrors = [err2];}else {vErrors.push(err2);}errors++;}}if(typeof data === "string"){if(!pattern10.test(data)){const err3 = {instancePath,schemaPath:"#/pattern",keyword:"pattern",params:{pattern: "^(?:[1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])$"},message:"must match pattern \""+"^(?:[1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])$"+"\"",schema:"^(?:[1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])$",parentSchema:schema14,data};if(vErrors === null){vErrors = [err3];}else {vErrors.push(err3);}errors++;}}if(data && typeof data == "object" && !Array.isArray(data)){for(const key0 in data){if(!((key0 === "HostIp") || (key0 === "HostPort"))){const err4 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema14,data};if(vErrors === null){vErrors = [err4];}else {vErrors.push(err4);}errors++;}}if(data.HostIp !== undefined){let data0 = data.HostIp;const _errs4 = errors;let valid1 = false;const _errs5 = errors;if(!(validate22(data0, {instancePath:instancePath+"/HostIp",parentData:data,parentDataProperty:"HostIp",rootData}))){vErrors = vErrors === null ? validate22.errors : vErrors.concat(validate22.errors);errors = vErrors.length;}var _valid0 = _errs5 === errors;valid1 = valid1 || _valid0;if(!valid1){const _errs6 = errors;if(!(validate32(data0, {instancePath:instancePath+"/HostIp",parentData:data,parentDataProperty:"HostIp",rootData}))){vErrors = vErrors === null ? validate32.errors : vErrors.concat(validate32.errors);errors = vErrors.length;}var _valid0 = _errs6 === errors;valid1 = valid1 || _valid0;}if(!valid1){const err5 = {instancePath:instancePath+"/HostIp",schemaPath:"#/properties/HostIp/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema14.properties.HostIp.anyOf,parentSchema:schema14.properties.HostIp,data:data0};if(vErrors === null){vErrors = [err5];}else {vErrors.push(err5);}errors++;}else {errors = _errs4;if(vErrors !== null){if(_errs4){vErrors.length = _errs4;}else {vErrors = null;}}}}if(data.HostPort !== undefined){let data1 = data.HostPort;const _errs8 = errors;let valid2 = false;const _errs9 = errors;if(((!(((typeof data1 == "number") && (!(data1 % 1) && !isNaN(data1))) && (isFinite(data1)))) && (typeof data1 !== "string")) && (data1 !== null)){const err6 = {instancePath:instancePath+"/HostPort",schemaPath:"#/properties/HostPort/anyOf/0/type",keyword:"type",params:{type: schema14.properties.HostPort.anyOf[0].type},message:"must be integer,string,null",schema:schema14.properties.HostPort.anyOf[0].type,parentSchema:schema14.properties.HostPort.anyOf[0],data:data1};if(vErrors === null){vErrors = [err6];}else {vErrors.push(err6);}errors++;}if((typeof data1 == "number") && (isFinite(data1))){if(data1 > 65535 || isNaN(data1)){const err7 = {instancePath:instancePath+"/HostPort",schemaPath:"#/properties/HostPort/anyOf/0/maximum",keyword:"maximum",params:{comparison: "<=", limit: 65535},message:"must be <= 65535",schema:65535,parentSchema:schema14.properties.HostPort.anyOf[0],data:data1};if(vErrors === null){vErrors = [err7];}else {vErrors.push(err7);}errors++;}if(data1 < 1 || isNaN(data1)){const err8 = {instancePath:instancePath+"/HostPort",schemaPath:"#/properties/HostPort/anyOf/0/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema14.properties.HostPort.anyOf[0],data:data1};if(vErrors === null){vErrors = [err8];}else {vErrors.push(err8);}errors++;}}if(typeof data1 === "string"){if(!pattern12.test(data1)){const err9 = {instancePath:instancePath+"/HostPort",schemaPath:"#/properties/HostPort/anyOf/0/pattern",keyword:"pattern",params:{pattern: "^(?:(?:[1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5]))?$"},message:"must match pattern \""+"^(?:(?:[1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5]))?$"+"\"",schema:"^(?:(?:[1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5]))?$",parentSchema:schema14.properties.HostPort.anyOf[0],data:data1};if(vErrors === null){vErrors = [err9];}else {vErrors.push(err9);}errors++;}}var _valid1 = _errs9 === errors;valid2 = valid2 || _valid1;if(!valid2){const _errs12 = errors;if(!(validate32(data1, {instancePath:instancePath+"/HostPort",parentData:data,parentDataProperty:"HostPort",rootData}))){vErrors = vErrors === null ? validate32.errors : vErrors.concat(validate32.errors);errors = vErrors.length;}var _valid1 = _errs12 === errors;valid2 = valid2 || _valid1;}if(!valid2){const err10 = {instancePath:instancePath+"/HostPort",schemaPath:"#/properties/HostPort/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema14.properties.HostPort.anyOf,parentSchema:schema14.properties.HostPort,data:data1};if(vErrors === null){vErrors = [err10];}else {vErrors.push(err10);}errors++;}else {errors = _errs8;if(vErrors !== null){if(_errs8){vErrors.length = _errs8;}else {vErrors = null;}}}}}validate68.errors = vErrors;return errors === 0;}function validate67(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){let vErrors = null;let errors = 0;if(((typeof data != "object") && (!(((typeof data == "number") && (!(data % 1) && !isNaN(data))) && (isFinite(data))))) && (typeof data !== "string")){const err0 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: schema13.type},message:"must be integer,string,null,object,array",schema:schema13.type,parentSchema:schema13,data};if(vErrors === null){vErrors = [err0];}else {vErrors.push(err0);}errors++;}if((typeof data == "number") && (isFinite(data))){if(data > 65535 || isNaN(data)){const err1 = {instancePath,schemaPath:"#/maximum",keyword:"maximum",params:{comparison: "<=", limit: 65535},message:"must be <= 65535",schema:65535,parentSchema:schema13,data};if(vErrors === null){vErrors = [err1];}else {vErrors.push(err1);}errors++;}if(data < 1 || isNaN(data)){const err2 = {instancePath,schemaPath:"#/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema13,data};if(vErrors === null){vErrors = [err2];}else {vErrors.push(err2);}errors++;}}if(typeof data === "string"){if(!pattern10.test(data)){const err3 = {instancePath,schemaPath:"#/pattern",keyword:"pattern",params:{pattern: "^(?:[1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])$"},message:"must match pattern \""+"^(?:[1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])$"+"\"",schema:"^(?:[1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])$",parentSchema:schema13,data};if(vErrors === null){vErrors = [err3];}else {vErrors.push(err3);}errors++;}}if(Array.isArray(data)){const len0 = data.length;for(let i0=0; i0<len0; i0++){let data0 = data[i0];const _errs3 = errors;let valid2 = false;const _errs4 = errors;if(!(validate68(data0, {instancePath:instancePath+"/" + i0,parentData:data,parentDataProperty:i0,rootData}))){vErrors = vErrors === null ? validate68.errors : vErrors.concat(validate68.errors);errors = vErrors.length;}var _valid0 = _errs4 === errors;valid2 = valid2 || _valid0;if(!valid2){const _errs5 = errors;if(!(validate32(data0, {instancePath:instancePath+"/" + i0,parentData:data,parentDataProperty:i0,rootData}))){vErrors = vErrors === null ? validate32.errors : vErrors.concat(validate32.errors);errors = vErrors.length;}var _valid0 = _errs5 === errors;valid2 = valid2 || _valid0;}if(!valid2){const err4 = {instancePath:instancePath+"/" + i0,schemaPath:"#/items/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema13.items.anyOf,parentSchema:schema13.items,data:data0};if(vErrors === null){vErrors = [err4];}else {vErrors.push(err4);}errors++;}else {errors = _errs3;if(vErrors !== null){if(_errs3){vErrors.length = _errs3;}else {vErrors = null;}}}}}if(data && typeof data == "object" && !Array.isArray(data)){for(const key0 in data){if(!((key0 === "HostIp") || (key0 === "HostPort"))){const err5 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema13,data};if(vErrors === null){vErrors = [err5];}else {vErrors.push(err5);}errors++;}}if(data.HostIp !== undefined){let data1 = data.HostIp;const _errs8 = errors;let valid4 = false;const _errs9 = errors;if(!(validate22(data1, {instancePath:instancePath+"/HostIp",parentData:data,parentDataProperty:"HostIp",rootData}))){vErrors = vErrors === null ? validate22.errors : vErrors.concat(validate22.errors);errors = vErrors.length;}var _valid1 = _errs9 === errors;valid4 = valid4 || _valid1;if(!valid4){const _errs10 = errors;if(!(validate32(data1, {instancePath:instancePath+"/HostIp",parentData:data,parentDataProperty:"HostIp",rootData}))){vErrors = vErrors === null ? validate32.errors : vErrors.concat(validate32.errors);errors = vErrors.length;}var _valid1 = _errs10 === errors;valid4 = valid4 || _valid1;}if(!valid4){const err6 = {instancePath:instancePath+"/HostIp",schemaPath:"#/properties/HostIp/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema13.properties.HostIp.anyOf,parentSchema:schema13.properties.HostIp,data:data1};if(vErrors === null){vErrors = [err6];}else {vErrors.push(err6);}errors++;}else {errors = _errs8;if(vErrors !== null){if(_errs8){vErrors.length = _errs8;}else {vErrors = null;}}}}if(data.HostPort !== undefined){let data2 = data.HostPort;const _errs12 = errors;let valid5 = false;const _errs13 = errors;if(((!(((typeof data2 == "number") && (!(data2 % 1) && !isNaN(data2))) && (isFinite(data2)))) && (typeof data2 !== "string")) && (data2 !== null)){const err7 = {instancePath:instancePath+"/HostPort",schemaPath:"#/properties/HostPort/anyOf/0/type",keyword:"type",params:{type: schema13.properties.HostPort.anyOf[0].type},message:"must be integer,string,null",schema:schema13.properties.HostPort.anyOf[0].type,parentSchema:schema13.properties.HostPort.anyOf[0],data:data2};if(vErrors === null){vErrors = [err7];}else {vErrors.push(err7);}errors++;}if((typeof data2 == "number") && (isFinite(data2))){if(data2 > 65535 || isNaN(data2)){const err8 = {instancePath:instancePath+"/HostPort",schemaPath:"#/properties/HostPort/anyOf/0/maximum",keyword:"maximum",params:{comparison: "<=", limit: 65535},message:"must be <= 65535",schema:65535,parentSchema:schema13.properties.HostPort.anyOf[0],data:data2};if(vErrors === null){vErrors = [err8];}else {vErrors.push(err8);}errors++;}if(data2 < 1 || isNaN(data2)){const err9 = {instancePath:instancePath+"/HostPort",schemaPath:"#/properties/HostPort/anyOf/0/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema13.properties.HostPort.anyOf[0],data:data2};if(vErrors === null){vErrors = [err9];}else {vErrors.push(err9);}errors++;}}if(typeof data2 === "string"){if(!pattern12.test(data2)){const err10 = {instancePath:instancePath+"/HostPort",schemaPath:"#/properties/HostPort/anyOf/0/pattern",keyword:"pattern",params:{pattern: "^(?:(?:[1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5]))?$"},message:"must match pattern \""+"^(?:(?:[1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5]))?$"+"\"",schema:"^(?:(?:[1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5]))?$",parentSchema:schema13.properties.HostPort.anyOf[0],data:data2};if(vErrors === null){vErrors = [err10];}else {vErrors.push(err10);}errors++;}}var _valid2 = _errs13 === errors;valid5 = valid5 || _valid2;if(!valid5){const _errs16 = errors;if(!(validate32(data2, {instancePath:instancePath+"/HostPort",parentData:data,parentDataProperty:"HostPort",rootData}))){vErrors = vErrors === null ? validate32.errors : vErrors.concat(validate32.errors);errors = vErrors.length;}var _valid2 = _errs16 === errors;valid5 = valid5 || _valid2;}if(!valid5){const err11 = {instancePath:instancePath+"/HostPort",schemaPath:"#/properties/HostPort/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema13.properties.HostPort.anyOf,parentSchema:schema13.properties.HostPort,data:data2};if(vErrors === null){vErrors = [err11];}else {vErrors.push(err11);}errors++;}else {errors = _errs12;if(vErrors !== null){if(_errs12){vErrors.length = _errs12;}else {vErrors = null;}}}}}validate67.errors = vErrors;return errors === 0;}const schema15 = {"type":["integer","string"],"minimum":0,"pattern":"^\\+?[0-9]+$","x-expected":"a whole number, 0 or more"};const pattern1 = new RegExp("^\\+?[0-9]+$", "u");function validate92(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){let vErrors = null;let errors = 0;if((!(((typeof data == "number") && (!(data % 1) && !isNaN(data))) && (isFinite(data)))) && (typeof data !== "string")){const err0 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: schema15.type},message:"must be integer,string",schema:schema15.type,parentSchema:schema15,data};if(vErrors === null){vErrors = [err0];}else {vErrors.push(err0);}errors++;}if((typeof data == "number") && (isFinite(data))){if(data < 0 || isNaN(data)){const err1 = {instancePath,schemaPath:"#/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema15,data};if(vErrors === null){vErrors = [err1];}else {vErrors.push(err1);}errors++;}}if(typeof data === "string"){if(!pattern1.test(data)){const err2 = {instancePath,schemaPath:"#/pattern",keyword:"pattern",params:{pattern: "^\\+?[0-9]+$"},message:"must match pattern \""+"^\\+?[0-9]+$"+"\"",schema:"^\\+?[0-9]+$",parentSchema:schema15,data};if(vErrors === null){vErrors = [err2];}else {vErrors.push(err2);}errors++;}}validate92.errors = vErrors;return errors === 0;}const schema16 = {"type":"string","pattern":"^/dev/[/_\\-a-zA-Z0-9]+$","maxLength":255,"x-expected":"a device path like /dev/sda (at most 255 characters)"};const pattern17 = new RegExp("^/dev/[/_\\-a-zA-Z0-9]+$", "u");function validate106(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){let vErrors = null;let errors = 0;if(typeof data === "string"){if(func2(data) > 255){const err0 = {instancePath,schemaPath:"#/maxLength",keyword:"maxLength",params:{limit: 255},message:"must NOT have more than 255 characters",schema:255,parentSchema:schema16,data};if(vErrors === null){vErrors = [err0];}else {vErrors.push(err0);}errors++;}if(!pattern17.test(data)){const err1 = {instancePath,schemaPath:"#/pattern",keyword:"pattern",params:{pattern: "^/dev/[/_\\-a-zA-Z0-9]+$"},message:"must match pattern \""+"^/dev/[/_\\-a-zA-Z0-9]+$"+"\"",schema:"^/dev/[/_\\-a-zA-Z0-9]+$",parentSchema:schema16,data};if(vErrors === null){vErrors = [err1];}else {vErrors.push(err1);}errors++;}}else {const err2 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema16.type,parentSchema:schema16,data};if(vErrors === null){vErrors = [err2];}else {vErrors.push(err2);}errors++;}validate106.errors = vErrors;return errors === 0;}const pattern2 = new RegExp("^/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$", "u");const pattern3 = new RegExp("^[^=]+=", "u");const pattern6 = new RegExp("^/[^:]*$", "u");const pattern8 = new RegExp("^(?:rw|ro|z|Z|shared|slave|private|rshared|rslave|rprivate|nocopy|consistent|cached|delegated)(?:,(?:rw|ro|z|Z|shared|slave|private|rshared|rslave|rprivate|nocopy|consistent|cached|delegated))*$", "u");const pattern15 = new RegExp("^[0-9]+(?:-[0-9]+)?(?:,[0-9]+(?:-[0-9]+)?)*$", "u");function validate35(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){let vErrors = null;let errors = 0;if(data && typeof data == "object" && !Array.isArray(data)){if(data.image === undefined){const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "image"},message:"must have required property '"+"image"+"'",schema:schema10.required,parentSchema:schema10,data};if(vErrors === null){vErrors = [err0];}else {vErrors.push(err0);}errors++;}for(const key0 in data){if(!(func3.call(schema10.properties, key0))){const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema10,data};if(vErrors === null){vErrors = [err1];}else {vErrors.push(err1);}errors++;}}if(data.docker_endpoint !== undefined){let data0 = data.docker_endpoint;const _errs4 = errors;let valid1 = false;const _errs5 = errors;if(!(validate22(data0, {instancePath:instancePath+"/docker_endpoint",parentData:data,parentDataProperty:"docker_endpoint",rootData}))){vErrors = vErrors === null ? validate22.errors : vErrors.concat(validate22.errors);errors = vErrors.length;}var _valid0 = _errs5 === errors;valid1 = valid1 || _valid0;if(!valid1){const _errs6 = errors;if(!(validate32(data0, {instancePath:instancePath+"/docker_endpoint",parentData:data,parentDataProperty:"docker_endpoint",rootData}))){vErrors = vErrors === null ? validate32.errors : vErrors.concat(validate32.errors);errors = vErrors.length;}var _valid0 = _errs6 === errors;valid1 = valid1 || _valid0;}if(!valid1){const err2 = {instancePath:instancePath+"/docker_endpoint",schemaPath:"#/properties/docker_endpoint/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema10.properties.docker_endpoint.anyOf,parentSchema:schema10.properties.docker_endpoint,data:data0};if(vErrors === null){vErrors = [err2];}else {vErrors.push(err2);}errors++;}else {errors = _errs4;if(vErrors !== null){if(_errs4){vErrors.length = _errs4;}else {vErrors = null;}}}}if(data.image !== undefined){let data1 = data.image;const _errs8 = errors;let valid2 = false;const _errs9 = errors;if(!(validate22(data1, {instancePath:instancePath+"/image",parentData:data,parentDataProperty:"image",rootData}))){vErrors = vErrors === null ? validate22.errors : vErrors.concat(validate22.errors);errors = vErrors.length;}var _valid1 = _errs9 === errors;valid2 = valid2 || _valid1;if(!valid2){const _errs10 = errors;if(!(validate32(data1, {instancePath:instancePath+"/image",parentData:data,parentDataProperty:"image",rootData}))){vErrors = vErrors === null ? validate32.errors : vErrors.concat(validate32.errors);errors = vErrors.length;}var _valid1 = _errs10 === errors;valid2 = valid2 || _valid1;}if(!valid2){const err3 = {instancePath:instancePath+"/image",schemaPath:"#/properties/image/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema10.properties.image.anyOf,parentSchema:schema10.properties.image,data:data1};if(vErrors === null){vErrors = [err3];}else {vErrors.push(err3);}errors++;}else {errors = _errs8;if(vErrors !== null){if(_errs8){vErrors.length = _errs8;}else {vErrors = null;}}}}if(data.name !== undefined){let data2 = data.name;const _errs12 = errors;let valid3 = false;const _errs13 = errors;if((typeof data2 !== "string") && (!((typeof data2 == "number") && (isFinite(data2))))){const err4 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/anyOf/0/type",keyword:"type",params:{type: schema10.properties.name.anyOf[0].type},message:"must be string,number",schema:schema10.properties.name.anyOf[0].type,parentSchema:schema10.properties.name.anyOf[0],data:data2};if(vErrors === null){vErrors = [err4];}else {vErrors.push(err4);}errors++;}if(typeof data2 === "string"){if(!pattern2.test(data2)){const err5 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/anyOf/0/pattern",keyword:"pattern",params:{pattern: "^/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$"},message:"must match pattern \""+"^/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$"+"\"",schema:"^/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$",parentSchema:schema10.properties.name.anyOf[0],data:data2};if(vErrors === null){vErrors = [err5];}else {vErrors.push(err5);}errors++;}}var _valid2 = _errs13 === errors;valid3 = valid3 || _valid2;if(!valid3){const _errs16 = errors;if(!(validate32(data2, {instancePath:instancePath+"/name",parentData:data,parentDataProperty:"name",rootData}))){vErrors = vErrors === null ? validate32.errors : vErrors.concat(validate32.errors);errors = vErrors.length;}var _valid2 = _errs16 === errors;valid3 = valid3 || _valid2;}if(!valid3){const err6 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema10.properties.name.anyOf,parentSchema:schema10.properties.name,data:data2};if(vErrors === null){vErrors = [err6];}else {vErrors.push(err6);}errors++;}else {errors = _errs12;if(vErrors !== null){if(_errs12){vErrors.length = _errs12;}else {vErrors = null;}}}}if(data.hostname !== undefined){let data3 = data.hostname;const _errs18 = errors;let valid4 = false;const _errs19 = errors;if(!(validate22(data3, {instancePath:instancePath+"/hostname",parentData:data,parentDataProperty:"hostname",rootData}))){vErrors = vErrors === null ? validate22.errors : vErrors.concat(validate22.errors);errors = vErrors.length;}var _valid3 = _errs19 === errors;valid4 = valid4 || _valid3;if(!valid4){const _errs20 = errors;if(!(validate32(data3, {instancePath:instancePath+"/hostname",parentData:data,parentDataProperty:"hostname",rootData}))){vErrors = vErrors === null ? validate32.errors : vErrors.concat(validate32.errors);errors = vErrors.length;}var _valid3 = _errs20 === errors;valid4 = valid4 || _valid3;}if(!valid4){const err7 = {instancePath:instancePath+"/hostname",schemaPath:"#/properties/hostname/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema10.properties.hostname.anyOf,parentSchema:schema10.properties.hostname,data:data3};if(vErrors === null){vErrors = [err7];}else {vErrors.push(err7);}errors++;}else {errors = _errs18;if(vErrors !== null){if(_errs18){vErrors.length = _errs18;}else {vErrors = null;}}}}if(data.user !== undefined){let data4 = data.user;const _errs22 = errors;let valid5 = false;const _errs23 = errors;if(!(validate22(data4, {instancePath:instancePath+"/user",parentData:data,parentDataProperty:"user",rootData}))){vErrors = vErrors === null ? validate22.errors : vErrors.concat(validate22.errors);errors = vErrors.length;}var _valid4 = _errs23 === errors;valid5 = valid5 || _valid4;if(!valid5){const _errs24 = errors;if(!(validate32(data4, {instancePath:instancePath+"/user",parentData:data,parentDataProperty:"user",rootData}))){vErrors = vErrors === null ? validate32.errors : vErrors.concat(validate32.errors);errors = vErrors.length;}var _valid4 = _errs24 === errors;valid5 = valid5 || _valid4;}if(!valid5){const err8 = {instancePath:instancePath+"/user",schemaPath:"#/properties/user/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema10.properties.user.anyOf,parentSchema:schema10.properties.user,data:data4};if(vErrors === null){vErrors = [err8];}else {vErrors.push(err8);}errors++;}else {errors = _errs22;if(vErrors !== null){if(_errs22){vErrors.length = _errs22;}else {vErrors = null;}}}}if(data.cmd !== undefined){let data5 = data.cmd;const _errs26 = errors;let valid6 = false;const _errs27 = errors;if(Array.isArray(data5)){const len0 = data5.length;for(let i0=0; i0<len0; i0++){let data6 = data5[i0];const _errs31 = errors;let valid9 = false;const _errs32 = errors;if(!(validate22(data6, {instancePath:instancePath+"/cmd/" + i0,parentData:data5,parentDataProperty:i0,rootData}))){vErrors = vErrors === null ? validate22.errors : vErrors.concat(validate22.errors);errors = vErrors.length;}var _valid6 = _errs32 === errors;valid9 = valid9 || _valid6;if(!valid9){const _errs33 = errors;if(!(validate32(data6, {instancePath:instancePath+"/cmd/" + i0,parentData:data5,parentDataProperty:i0,rootData}))){vErrors = vErrors === null ? validate32.errors : vErrors.concat(validate32.errors);errors = vErrors.length;}var _valid6 = _errs33 === errors;valid9 = valid9 || _valid6;}if(!valid9){const err9 = {instancePath:instancePath+"/cmd/" + i0,schemaPath:"#/properties/cmd/anyOf/0/items/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema10.properties.cmd.anyOf[0].items.anyOf,parentSchema:schema10.properties.cmd.anyOf[0].items,data:data6};if(vErrors === null){vErrors = [err9];}else {vErrors.push(err9);}errors++;}else {errors = _errs31;if(vErrors !== null){if(_errs31){vErrors.length = _errs31;}else {vErrors = null;}}}}}else {const err10 = {instancePath:instancePath+"/cmd",schemaPath:"#/properties/cmd/anyOf/0/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema10.properties.cmd.anyOf[0].type,parentSchema:schema10.properties.cmd.anyOf[0],data:data5};if(vErrors === null){vErrors = [err10];}else {vErrors.push(err10);}errors++;}var _valid5 = _errs27 === errors;valid6 = valid6 || _valid5;if(!valid6){const _errs34 = errors;if(!(validate32(data5, {instancePath:instancePath+"/cmd",parentData:data,parentDataProperty:"cmd",rootData}))){vErrors = vErrors === null ? validate32.errors : vErrors.concat(validate32.errors);errors = vErrors.length;}var _valid5 = _errs34 === errors;valid6 = valid6 || _valid5;}if(!valid6){const err11 = {instancePath:instancePath+"/cmd",schemaPath:"#/properties/cmd/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema10.properties.cmd.anyOf,parentSchema:schema10.properties.cmd,data:data5};if(vErrors === null){vErrors = [err11];}else {vErrors.push(err11);}errors++;}else {errors = _errs26;if(vErrors !== null){if(_errs26){vErrors.length = _errs26;}else {vErrors = null;}}}}if(data.env !== undefined){let data7 = data.env;const _errs36 = errors;let valid10 = false;const _errs37 = errors;if(Array.isArray(data7)){const len1 = data7.length;for(let i1=0; i1<len1; i1++){let data8 = data7[i1];const _errs41 = errors;let valid13 = false;const _errs42 = errors;if(typeof data8 === "string"){if(!pattern3.test(data8)){const err12 = {instancePath:instancePath+"/env/" + i1,schemaPath:"#/properties/env/anyOf/0/items/anyOf/0/pattern",keyword:"pattern",params:{pattern: "^[^=]+="},message:"must match pattern \""+"^[^=]+="+"\"",schema:"^[^=]+=",parentSchema:schema10.properties.env.anyOf[0].items.anyOf[0],data:data8};if(vErrors === null){vErrors = [err12];}else {vErrors.push(err12);}errors++;}}else {const err13 = {instancePath:instancePath+"/env/" + i1,schemaPath:"#/properties/env/anyOf/0/items/anyOf/0/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema10.properties.env.anyOf[0].items.anyOf[0].type,parentSchema:schema10.properties.env.anyOf[0].items.anyOf[0],data:data8};if(vErrors === null){vErrors = [err13];}else {vErrors.push(err13);}errors++;}var _valid8 = _errs42 === errors;valid13 = valid13 || _valid8;if(!valid13){const _errs45 = errors;if(!(validate32(data8, {instancePath:instancePath+"/env/" + i1,parentData:data7,parentDataProperty:i1,rootData}))){vErrors = vErrors === null ? validate32.errors : vErrors.concat(validate32.errors);errors = vErrors.length;}var _valid8 = _errs45 === errors;valid13 = valid13 || _valid8;}if(!valid13){const err14 = {instancePath:instancePath+"/env/" + i1,schemaPath:"#/properties/env/anyOf/0/items/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema10.properties.env.anyOf[0].items.anyOf,parentSchema:schema10.properties.env.anyOf[0].items,data:data8};if(vErrors === null){vErrors = [err14];}else {vErrors.push(err14);}errors++;}else {errors = _errs41;if(vErrors !== null){if(_errs41){vErrors.length = _errs41;}else {vErrors = null;}}}}}else {const err15 = {instancePath:instancePath+"/env",schemaPath:"#/properties/env/anyOf/0/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema10.properties.env.anyOf[0].type,parentSchema:schema10.properties.env.anyOf[0],data:data7};if(vErrors === null){vErrors = [err15];}else {vErrors.push(err15);}errors++;}var _valid7 = _errs37 === errors;valid10 = valid10 || _valid7;if(!valid10){const _errs46 = errors;if(!(validate32(data7, {instancePath:instancePath+"/env",parentData:data,parentDataProperty:"env",rootData}))){vErrors = vErrors === null ? validate32.errors : vErrors.concat(validate32.errors);errors = vErrors.length;}var _valid7 = _errs46 === errors;valid10 = valid10 || _valid7;}if(!valid10){const err16 = {instancePath:instancePath+"/env",schemaPath:"#/properties/env/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema10.properties.env.anyOf,parentSchema:schema10.properties.env,data:data7};if(vErrors === null){vErrors = [err16];}else {vErrors.push(err16);}errors++;}else {errors = _errs36;if(vErrors !== null){if(_errs36){vErrors.length = _errs36;}else {vErrors = null;}}}}if(data.port_specs !== undefined){let data9 = data.port_specs;const _errs48 = errors;let valid14 = false;const _errs49 = errors;if(Array.isArray(data9)){const len2 = data9.length;for(let i2=0; i2<len2; i2++){let data10 = data9[i2];const _errs53 = errors;let valid17 = false;const _errs54 = errors;if(!(validate50(data10, {instancePath:instancePath+"/port_specs/" + i2,parentData:data9,parentDataProperty:i2,rootData}))){vErrors = vErrors === null ? validate50.errors : vErrors.concat(validate50.errors);errors = vErrors.length;}var _valid10 = _errs54 === errors;valid17 = valid17 || _valid10;if(!valid17){const _errs55 = errors;if(!(validate32(data10, {instancePath:instancePath+"/port_specs/" + i2,parentData:data9,parentDataProperty:i2,rootData}))){vErrors = vErrors === null ? validate32.errors : vErrors.concat(validate32.errors);errors = vErrors.length;}var _valid10 = _errs55 === errors;valid17 = valid17 || _valid10;}if(!valid17){const err17 = {instancePath:instancePath+"/port_specs/" + i2,schemaPath:"#/properties/port_specs/anyOf/0/items/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema10.properties.port_specs.anyOf[0].items.anyOf,parentSchema:schema10.properties.port_specs.anyOf[0].items,data:data10};if(vErrors === null){vErrors = [err17];}else {vErrors.push(err17);}errors++;}else {errors = _errs53;if(vErrors !== null){if(_errs53){vErrors.length = _errs53;}else {vErrors = null;}}}}}else {const err18 = {instancePath:instancePath+"/port_specs",schemaPath:"#/properties/port_specs/anyOf/0/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema10.properties.port_specs.anyOf[0].type,parentSchema:schema10.properties.port_specs.anyOf[0],data:data9};if(vErrors === null){vErrors = [err18];}else {vErrors.push(err18);}errors++;}var _valid9 = _errs49 === errors;valid14 = valid14 || _valid9;if(!valid14){const _errs56 = errors;if(!(validate32(data9, {instancePath:instancePath+"/port_specs",parentData:data,parentDataProperty:"port_specs",rootData}))){vErrors = vErrors === null ? validate32.errors : vErrors.concat(validate32.errors);errors = vErrors.length;}var _valid9 = _errs56 === errors;valid14 = valid14 || _valid9;}if(!valid14){const err19 = {instancePath:instancePath+"/port_specs",schemaPath:"#/properties/port_specs/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema10.properties.port_specs.anyOf,parentSchema:schema10.properties.port_specs,data:data9};if(vErrors === null){vErrors = [err19];}else {vErrors.push(err19);}errors++;}else {errors = _errs48;if(vErrors !== null){if(_errs48){vErrors.length = _errs48;}else {vErrors = null;}}}}if(data.tty !== undefined){let data11 = data.tty;const _errs58 = errors;let valid18 = false;const _errs59 = errors;if(!(validate54(data11, {instancePath:instancePath+"/tty",parentData:data,parentDataProperty:"tty",rootData}))){vErrors = vErrors === null ? validate54.errors : vErrors.concat(validate54.errors);errors = vErrors.length;}var _valid11 = _errs59 === errors;valid18 = valid18 || _valid11;if(!valid18){const _errs60 = errors;if(!(validate32(data11, {instancePath:instancePath+"/tty",parentData:data,parentDataProperty:"tty",rootData}))){vErrors = vErrors === null ? validate32.errors : vErrors.concat(validate32.errors);errors = vErrors.length;}var _valid11 = _errs60 === errors;valid18 = valid18 || _valid11;}if(!valid18){const err20 = {instancePath:instancePath+"/tty",schemaPath:"#/properties/tty/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema10.properties.tty.anyOf,parentSchema:schema10.properties.tty,data:data11};if(vErrors === null){vErrors = [err20];}else {vErrors.push(err20);}errors++;}else {errors = _errs58;if(vErrors !== null){if(_errs58){vErrors.length = _errs58;}else {vErrors = null;}}}}if(data.open_stdin !== undefined){let data12 = data.open_stdin;const _errs62 = errors;let valid19 = false;const _errs63 = errors;if(!(validate54(data12, {instancePath:instancePath+"/open_stdin",parentData:data,parentDataProperty:"open_stdin",rootData}))){vErrors = vErrors === null ? validate54.errors : vErrors.concat(validate54.errors);errors = vErrors.length;}var _valid12 = _errs63 === errors;valid19 = valid19 || _valid12;if(!valid19){const _errs64 = errors;if(!(validate32(data12, {instancePath:instancePath+"/open_stdin",parentData:data,parentDataProperty:"open_stdin",rootData}))){vErrors = vErrors === null ? validate32.errors : vErrors.concat(validate32.errors);errors = vErrors.length;}var _valid12 = _errs64 === errors;valid19 = valid19 || _valid12;}if(!valid19){const err21 = {instancePath:instancePath+"/open_stdin",schemaPath:"#/properties/open_stdin/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema10.properties.open_stdin.anyOf,parentSchema:schema10.properties.open_stdin,data:data12};if(vErrors === null){vErrors = [err21];}else {vErrors.push(err21);}errors++;}else {errors = _errs62;if(vErrors !== null){if(_errs62){vErrors.length = _errs62;}else {vErrors = null;}}}}if(data.stdin_once !== undefined){let data13 = data.stdin_once;const _errs66 = errors;let valid20 = false;const _errs67 = errors;if(!(validate54(data13, {instancePath:instancePath+"/stdin_once",parentData:data,parentDataProperty:"stdin_once",rootData}))){vErrors = vErrors === null ? validate54.errors : vErrors.concat(validate54.errors);errors = vErrors.length;}var _valid13 = _errs67 === errors;valid20 = valid20 || _valid13;if(!valid20){const _errs68 = errors;if(!(validate32(data13, {instancePath:instancePath+"/stdin_once",parentData:data,parentDataProperty:"stdin_once",rootData}))){vErrors = vErrors === null ? validate32.errors : vErrors.concat(validate32.errors);errors = vErrors.length;}var _valid13 = _errs68 === errors;valid20 = valid20 || _valid13;}if(!valid20){const err22 = {instancePath:instancePath+"/stdin_once",schemaPath:"#/properties/stdin_once/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema10.properties.stdin_once.anyOf,parentSchema:schema10.properties.stdin_once,data:data13};if(vErrors === null){vErrors = [err22];}else {vErrors.push(err22);}errors++;}else {errors = _errs66;if(vErrors !== null){if(_errs66){vErrors.length = _errs66;}else {vErrors = null;}}}}if(data.volumes !== undefined){let data14 = data.volumes;const _errs70 = errors;let valid21 = false;const _errs71 = errors;if(data14 && typeof data14 == "object" && !Array.isArray(data14)){for(const key1 in data14){const _errs74 = errors;if(typeof key1 === "string"){if(func2(key1) < 1){const err23 = {instancePath:instancePath+"/volumes",schemaPath:"#/properties/volumes/anyOf/0/propertyNames/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema10.properties.volumes.anyOf[0].propertyNames,data:key1,propertyName:key1};if(vErrors === null){vErrors = [err23];}else {vErrors.push(err23);}errors++;}}var valid22 = _errs74 === errors;if(!valid22){const err24 = {instancePath:instancePath+"/volumes",schemaPath:"#/properties/volumes/anyOf/0/propertyNames",keyword:"propertyNames",params:{propertyName: key1},message:"property name must be valid",schema:schema10.properties.volumes.anyOf[0].propertyNames,parentSchema:schema10.properties.volumes.anyOf[0],data:data14};if(vErrors === null){vErrors = [err24];}else {vErrors.push(err24);}errors++;}}for(const key2 in data14){let data15 = data14[key2];const _errs77 = errors;let valid24 = false;const _errs78 = errors;if((typeof data15 !== "string") && (!(data15 && typeof data15 == "object" && !Array.isArray(data15)))){const err25 = {instancePath:instancePath+"/volumes/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/volumes/anyOf/0/additionalProperties/anyOf/0/type",keyword:"type",params:{type: schema10.properties.volumes.anyOf[0].additionalProperties.anyOf[0].type},message:"must be string,object",schema:schema10.properties.volumes.anyOf[0].additionalProperties.anyOf[0].type,parentSchema:schema10.properties.volumes.anyOf[0].additionalProperties.anyOf[0],data:data15};if(vErrors === null){vErrors = [err25];}else {vErrors.push(err25);}errors++;}if(typeof data15 === "string"){if(!pattern6.test(data15)){const err26 = {instancePath:instancePath+"/volumes/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/volumes/anyOf/0/additionalProperties/anyOf/0/pattern",keyword:"pattern",params:{pattern: "^/[^:]*$"},message:"must match pattern \""+"^/[^:]*$"+"\"",schema:"^/[^:]*$",parentSchema:schema10.properties.volumes.anyOf[0].additionalProperties.anyOf[0],data:data15};if(vErrors === null){vErrors = [err26];}else {vErrors.push(err26);}errors++;}}if(data15 && typeof data15 == "object" && !Array.isArray(data15)){if(data15.bind === undefined){const err27 = {instancePath:instancePath+"/volumes/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/volumes/anyOf/0/additionalProperties/anyOf/0/required",keyword:"required",params:{missingProperty: "bind"},message:"must have required property '"+"bind"+"'",schema:schema10.properties.volumes.anyOf[0].additionalProperties.anyOf[0].required,parentSchema:schema10.properties.volumes.anyOf[0].additionalProperties.anyOf[0],data:data15};if(vErrors === null){vErrors = [err27];}else {vErrors.push(err27);}errors++;}for(const key3 in data15){if(!(((key3 === "bind") || (key3 === "ro")) || (key3 === "mode"))){const err28 = {instancePath:instancePath+"/volumes/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/volumes/anyOf/0/additionalProperties/anyOf/0/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties",schema:false,parentSchema:schema10.properties.volumes.anyOf[0].additionalProperties.anyOf[0],data:data15};if(vErrors === null){vErrors = [err28];}else {vErrors.push(err28);}errors++;}}if(data15.bind !== undefined){let data16 = data15.bind;const _errs83 = errors;let valid26 = false;const _errs84 = errors;if(typeof data16 === "string"){if(!pattern6.test(data16)){const err29 = {instancePath:instancePath+"/volumes/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/bind",schemaPath:"#/properties/volumes/anyOf/0/additionalProperties/anyOf/0/properties/bind/anyOf/0/pattern",keyword:"pattern",params:{pattern: "^/[^:]*$"},message:"must match pattern \""+"^/[^:]*$"+"\"",schema:"^/[^:]*$",parentSchema:schema10.properties.volumes.anyOf[0].additionalProperties.anyOf[0].properties.bind.anyOf[0],data:data16};if(vErrors === null){vErrors = [err29];}else {vErrors.push(err29);}errors++;}}else {const err30 = {instancePath:instancePath+"/volumes/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/bind",schemaPath:"#/properties/volumes/anyOf/0/additionalProperties/anyOf/0/properties/bind/anyOf/0/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema10.properties.volumes.anyOf[0].additionalProperties.anyOf[0].properties.bind.anyOf[0].type,parentSchema:schema10.properties.volumes.anyOf[0].additionalProperties.anyOf[0].properties.bind.anyOf[0],data:data16};if(vErrors === null){vErrors = [err30];}else {vErrors.push(err30);}errors++;}var _valid16 = _errs84 === errors;valid26 = valid26 || _valid16;if(!valid26){const _errs87 = errors;if(!(validate32(data16, {instancePath:instancePath+"/volumes/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/bind",parentData:data15,parentDataProperty:"bind",rootData}))){vErrors = vErrors === null ? validate32.errors : vErrors.concat(validate32.errors);errors = vErrors.length;}var _valid16 = _errs87 === errors;valid26 = valid26 || _valid16;}if(!valid26){const err31 = {instancePath:instancePath+"/volumes/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/bind",schemaPath:"#/properties/volumes/anyOf/0/additionalProperties/anyOf/0/properties/bind/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema10.properties.volumes.anyOf[0].additionalProperties.anyOf[0].properties.bind.anyOf,parentSchema:schema10.properties.volumes.anyOf[0].additionalProperties.anyOf[0].properties.bind,data:data16};if(vErrors === null){vErrors = [err31];}else {vErrors.push(err31);}errors++;}else {errors = _errs83;if(vErrors !== null){if(_errs83){vErrors.length = _errs83;}else {vErrors = null;}}}}if(data15.ro !== undefined){let data17 = data15.ro;const _errs89 = errors;let valid27 = false;const _errs90 = errors;if(!(validate54(data17, {instancePath:instancePath+"/volumes/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/ro",parentData:data15,parentDataProperty:"ro",rootData}))){vErrors = vErrors === null ? validate54.errors : vErrors.concat(validate54.errors);errors = vErrors.length;}var _valid17 = _errs90 === errors;valid27 = valid27 || _valid17;if(!valid27){const _errs91 = errors;if(!(validate32(data17, {instancePath:instancePath+"/volumes/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/ro",parentData:data15,parentDataProperty:"ro",rootData}))){vErrors = vErrors === null ? validate32.errors : vErrors.concat(validate32.errors);errors = vErrors.length;}var _valid17 = _errs91 === errors;valid27 = valid27 || _valid17;}if(!valid27){const err32 = {instancePath:instancePath+"/volumes/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/ro",schemaPath:"#/properties/volumes/anyOf/0/additionalProperties/anyOf/0/properties/ro/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema10.properties.volumes.anyOf[0].additionalProperties.anyOf[0].properties.ro.anyOf,parentSchema:schema10.properties.volumes.anyOf[0].additionalProperties.anyOf[0].properties.ro,data:data17};if(vErrors === null){vErrors = [err32];}else {vErrors.push(err32);}errors++;}else {errors = _errs89;if(vErrors !== null){if(_errs89){vErrors.length = _errs89;}else {vErrors = null;}}}}if(data15.mode !== undefined){let data18 = data15.mode;const _errs93 = errors;let valid28 = false;const _errs94 = errors;if(typeof data18 === "string"){if(!pattern8.test(data18)){const err33 = {instancePath:instancePath+"/volumes/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/mode",schemaPath:"#/properties/volumes/anyOf/0/additionalProperties/anyOf/0/properties/mode/anyOf/0/pattern",keyword:"pattern",params:{pattern: "^(?:rw|ro|z|Z|shared|slave|private|rshared|rslave|rprivate|nocopy|consistent|cached|delegated)(?:,(?:rw|ro|z|Z|shared|slave|private|rshared|rslave|rprivate|nocopy|consistent|cached|delegated))*$"},message:"must match pattern \""+"^(?:rw|ro|z|Z|shared|slave|private|rshared|rslave|rprivate|nocopy|consistent|cached|delegated)(?:,(?:rw|ro|z|Z|shared|slave|private|rshared|rslave|rprivate|nocopy|consistent|cached|delegated))*$"+"\"",schema:"^(?:rw|ro|z|Z|shared|slave|private|rshared|rslave|rprivate|nocopy|consistent|cached|delegated)(?:,(?:rw|ro|z|Z|shared|slave|private|rshared|rslave|rprivate|nocopy|consistent|cached|delegated))*$",parentSchema:schema10.properties.volumes.anyOf[0].additionalProperties.anyOf[0].properties.mode.anyOf[0],data:data18};if(vErrors === null){vErrors = [err33];}else {vErrors.push(err33);}errors++;}}else {const err34 = {instancePath:instancePath+"/volumes/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/mode",schemaPath:"#/properties/volumes/anyOf/0/additionalProperties/anyOf/0/properties/mode/anyOf/0/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema10.properties.volumes.anyOf[0].additionalProperties.anyOf[0].properties.mode.anyOf[0].type,parentSchema:schema10.properties.volumes.anyOf[0].additionalProperties.anyOf[0].properties.mode.anyOf[0],data:data18};if(vErrors === null){vErrors = [err34];}else {vErrors.push(err34);}errors++;}var _valid18 = _errs94 === errors;valid28 = valid28 || _valid18;if(!valid28){const _errs97 = errors;if(!(validate32(data18, {instancePath:instancePath+"/volumes/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/mode",parentData:data15,parentDataProperty:"mode",rootData}))){vErrors = vErrors === null ? validate32.errors : vErrors.concat(validate32.errors);errors = vErrors.length;}var _valid18 = _errs97 === errors;valid28 = valid28 || _valid18;}if(!valid28){const err35 = {instancePath:instancePath+"/volumes/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/mode",schemaPath:"#/properties/volumes/anyOf/0/additionalProperties/anyOf/0/properties/mode/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema10.properties.volumes.anyOf[0].additionalProperties.anyOf[0].properties.mode.anyOf,parentSchema:schema10.properties.volumes.anyOf[0].additionalProperties.anyOf[0].properties.mode,data:data18};if(vErrors === null){vErrors = [err35];}else {vErrors.push(err35);}errors++;}else {errors = _errs93;if(vErrors !== null){if(_errs93){vErrors.length = _errs93;}else {vErrors = null;}}}}}var _valid15 = _errs78 === errors;valid24 = valid24 || _valid15;if(!valid24){const _errs98 = errors;if(!(validate32(data15, {instancePath:instancePath+"/volumes/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"),parentData:data14,parentDataProperty:key2,rootData}))){vErrors = vErrors === null ? validate32.errors : vErrors.concat(validate32.errors);errors = vErrors.length;}var _valid15 = _errs98 === errors;valid24 = valid24 || _valid15;}if(!valid24){const err36 = {instancePath:instancePath+"/volumes/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/volumes/anyOf/0/additionalProperties/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema10.properties.volumes.anyOf[0].additionalProperties.anyOf,parentSchema:schema10.properties.volumes.anyOf[0].additionalProperties,data:data15};if(vErrors === null){vErrors = [err36];}else {vErrors.push(err36);}errors++;}else {errors = _errs77;if(vErrors !== null){if(_errs77){vErrors.length = _errs77;}else {vErrors = null;}}}}}else {const err37 = {instancePath:instancePath+"/volumes",schemaPath:"#/properties/volumes/anyOf/0/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema10.properties.volumes.anyOf[0].type,parentSchema:schema10.properties.volumes.anyOf[0],data:data14};if(vErrors === null){vErrors = [err37];}else {vErrors.push(err37);}errors++;}var _valid14 = _errs71 === errors;valid21 = valid21 || _valid14;if(!valid21){const _errs99 = errors;if(!(validate32(data14, {instancePath:instancePath+"/volumes",parentData:data,parentDataProperty:"volumes",rootData}))){vErrors = vErrors === null ? validate32.errors : vErrors.concat(validate32.errors);errors = vErrors.length;}var _valid14 = _errs99 === errors;valid21 = valid21 || _valid14;}if(!valid21){const err38 = {instancePath:instancePath+"/volumes",schemaPath:"#/properties/volumes/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema10.properties.volumes.anyOf,parentSchema:schema10.properties.volumes,data:data14};if(vErrors === null){vErrors = [err38];}else {vErrors.push(err38);}errors++;}else {errors = _errs70;if(vErrors !== null){if(_errs70){vErrors.length = _errs70;}else {vErrors = null;}}}}if(data.port_bindings !== undefined){let data19 = data.port_bindings;const _errs101 = errors;let valid29 = false;const _errs102 = errors;if(data19 && typeof data19 == "object" && !Array.isArray(data19)){for(const key4 in data19){const _errs105 = errors;if(typeof key4 === "string"){if(!pattern4.test(key4)){const err39 = {instancePath:instancePath+"/port_bindings",schemaPath:"#/properties/port_bindings/anyOf/0/propertyNames/pattern",keyword:"pattern",params:{pattern: "^(?:[1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])(?:/(?:tcp|udp|sctp))?$"},message:"must match pattern \""+"^(?:[1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])(?:/(?:tcp|udp|sctp))?$"+"\"",schema:"^(?:[1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])(?:/(?:tcp|udp|sctp))?$",parentSchema:schema10.properties.port_bindings.anyOf[0].propertyNames,data:key4,propertyName:key4};if(vErrors === null){vErrors = [err39];}else {vErrors.push(err39);}errors++;}}var valid30 = _errs105 === errors;if(!valid30){const err40 = {instancePath:instancePath+"/port_bindings",schemaPath:"#/properties/port_bindings/anyOf/0/propertyNames",keyword:"propertyNames",params:{propertyName: key4},message:"property name must be valid",schema:schema10.properties.port_bindings.anyOf[0].propertyNames,parentSchema:schema10.properties.port_bindings.anyOf[0],data:data19};if(vErrors === null){vErrors = [err40];}else {vErrors.push(err40);}errors++;}}for(const key5 in data19){let data20 = data19[key5];const _errs109 = errors;let valid32 = false;const _errs110 = errors;if(!(validate67(data20, {instancePath:instancePath+"/port_bindings/" + key5.replace(/~/g, "~0").replace(/\//g, "~1"),parentData:data19,parentDataProperty:key5,rootData}))){vErrors = vErrors === null ? validate67.errors : vErrors.concat(validate67.errors);errors = vErrors.length;}var _valid20 = _errs110 === errors;valid32 = valid32 || _valid20;if(!valid32){const _errs111 = errors;if(!(validate32(data20, {instancePath:instancePath+"/port_bindings/" + key5.replace(/~/g, "~0").replace(/\//g, "~1"),parentData:data19,parentDataProperty:key5,rootData}))){vErrors = vErrors === null ? validate32.errors : vErrors.concat(validate32.errors);errors = vErrors.length;}var _valid20 = _errs111 === errors;valid32 = valid32 || _valid20;}if(!valid32){const err41 = {instancePath:instancePath+"/port_bindings/" + key5.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/port_bindings/anyOf/0/additionalProperties/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema10.properties.port_bindings.anyOf[0].additionalProperties.anyOf,parentSchema:schema10.properties.port_bindings.anyOf[0].additionalProperties,data:data20};if(vErrors === null){vErrors = [err41];}else {vErrors.push(err41);}errors++;}else {errors = _errs109;if(vErrors !== null){if(_errs109){vErrors.length = _errs109;}else {vErrors = null;}}}}}else {const err42 = {instancePath:instancePath+"/port_bindings",schemaPath:"#/properties/port_bindings/anyOf/0/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema10.properties.port_bindings.anyOf[0].type,parentSchema:schema10.properties.port_bindings.anyOf[0],data:data19};if(vErrors === null){vErrors = [err42];}else {vErrors.push(err42);}errors++;}var _valid19 = _errs102 === errors;valid29 = valid29 || _valid19;if(!valid29){const _errs112 = errors;if(!(validate32(data19, {instancePath:instancePath+"/port_bindings",parentData:data,parentDataProperty:"port_bindings",rootData}))){vErrors = vErrors === null ? validate32.errors : vErrors.concat(validate32.errors);errors = vErrors.length;}var _valid19 = _errs112 === errors;valid29 = valid29 || _valid19;}if(!valid29){const err43 = {instancePath:instancePath+"/port_bindings",schemaPath:"#/properties/port_bindings/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema10.properties.port_bindings.anyOf,parentSchema:schema10.properties.port_bindings,data:data19};if(vErrors === null){vErrors = [err43];}else {vErrors.push(err43);}errors++;}else {errors = _errs101;if(vErrors !== null){if(_errs101){vErrors.length = _errs101;}else {vErrors = null;}}}}if(data.links !== undefined){let data21 = data.links;const _errs114 = errors;let valid33 = false;const _errs115 = errors;if(data21 && typeof data21 == "object" && !Array.isArray(data21)){for(const key6 in data21){let data22 = data21[key6];const _errs120 = errors;let valid35 = false;const _errs121 = errors;if(!(validate22(data22, {instancePath:instancePath+"/links/" + key6.replace(/~/g, "~0").replace(/\//g, "~1"),parentData:data21,parentDataProperty:key6,rootData}))){vErrors = vErrors === null ? validate22.errors : vErrors.concat(validate22.errors);errors = vErrors.length;}var _valid22 = _errs121 === errors;valid35 = valid35 || _valid22;if(!valid35){const _errs122 = errors;if(!(validate32(data22, {instancePath:instancePath+"/links/" + key6.replace(/~/g, "~0").replace(/\//g, "~1"),parentData:data21,parentDataProperty:key6,rootData}))){vErrors = vErrors === null ? validate32.errors : vErrors.concat(validate32.errors);errors = vErrors.length;}var _valid22 = _errs122 === errors;valid35 = valid35 || _valid22;}if(!valid35){const err44 = {instancePath:instancePath+"/links/" + key6.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/links/anyOf/0/additionalProperties/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema10.properties.links.anyOf[0].additionalProperties.anyOf,parentSchema:schema10.properties.links.anyOf[0].additionalProperties,data:data22};if(vErrors === null){vErrors = [err44];}else {vErrors.push(err44);}errors++;}else {errors = _errs120;if(vErrors !== null){if(_errs120){vErrors.length = _errs120;}else {vErrors = null;}}}}}else {const err45 = {instancePath:instancePath+"/links",schemaPath:"#/properties/links/anyOf/0/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema10.properties.links.anyOf[0].type,parentSchema:schema10.properties.links.anyOf[0],data:data21};if(vErrors === null){vErrors = [err45];}else {vErrors.push(err45);}errors++;}var _valid21 = _errs115 === errors;valid33 = valid33 || _valid21;if(!valid33){const _errs123 = errors;if(!(validate32(data21, {instancePath:instancePath+"/links",parentData:data,parentDataProperty:"links",rootData}))){vErrors = vErrors === null ? validate32.errors : vErrors.concat(validate32.errors);errors = vErrors.length;}var _valid21 = _errs123 === errors;valid33 = valid33 || _valid21;}if(!valid33){const err46 = {instancePath:instancePath+"/links",schemaPath:"#/properties/links/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema10.properties.links.anyOf,parentSchema:schema10.properties.links,data:data21};if(vErrors === null){vErrors = [err46];}else {vErrors.push(err46);}errors++;}else {errors = _errs114;if(vErrors !== null){if(_errs114){vErrors.length = _errs114;}else {vErrors = null;}}}}if(data.volumes_from !== undefined){let data23 = data.volumes_from;const _errs125 = errors;let valid36 = false;const _errs126 = errors;if((!(Array.isArray(data23))) && (typeof data23 !== "string")){const err47 = {instancePath:instancePath+"/volumes_from",schemaPath:"#/properties/volumes_from/anyOf/0/type",keyword:"type",params:{type: schema10.properties.volumes_from.anyOf[0].type},message:"must be array,string",schema:schema10.properties.volumes_from.anyOf[0].type,parentSchema:schema10.properties.volumes_from.anyOf[0],data:data23};if(vErrors === null){vErrors = [err47];}else {vErrors.push(err47);}errors++;}if(Array.isArray(data23)){const len3 = data23.length;for(let i3=0; i3<len3; i3++){let data24 = data23[i3];const _errs130 = errors;let valid39 = false;const _errs131 = errors;if(!(validate22(data24, {instancePath:instancePath+"/volumes_from/" + i3,parentData:data23,parentDataProperty:i3,rootData}))){vErrors = vErrors === null ? validate22.errors : vErrors.concat(validate22.errors);errors = vErrors.length;}var _valid24 = _errs131 === errors;valid39 = valid39 || _valid24;if(!valid39){const _errs132 = errors;if(!(validate32(data24, {instancePath:instancePath+"/volumes_from/" + i3,parentData:data23,parentDataProperty:i3,rootData}))){vErrors = vErrors === null ? validate32.errors : vErrors.concat(validate32.errors);errors = vErrors.length;}var _valid24 = _errs132 === errors;valid39 = valid39 || _valid24;}if(!valid39){const err48 = {instancePath:instancePath+"/volumes_from/" + i3,schemaPath:"#/properties/volumes_from/anyOf/0/items/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema10.properties.volumes_from.anyOf[0].items.anyOf,parentSchema:schema10.properties.volumes_from.anyOf[0].items,data:data24};if(vErrors === null){vErrors = [err48];}else {vErrors.push(err48);}errors++;}else {errors = _errs130;if(vErrors !== null){if(_errs130){vErrors.length = _errs130;}else {vErrors = null;}}}}}var _valid23 = _errs126 === errors;valid36 = valid36 || _valid23;if(!valid36){const _errs133 = errors;if(!(validate32(data23, {instancePath:instancePath+"/volumes_from",parentData:data,parentDataProperty:"volumes_from",rootData}))){vErrors = vErrors === null ? validate32.errors : vErrors.concat(validate32.errors);errors = vErrors.length;}var _valid23 = _errs133 === errors;valid36 = valid36 || _valid23;}if(!valid36){const err49 = {instancePath:instancePath+"/volumes_from",schemaPath:"#/properties/volumes_from/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema10.properties.volumes_from.anyOf,parentSchema:schema10.properties.volumes_from,data:data23};if(vErrors === null){vErrors = [err49];}else {vErrors.push(err49);}errors++;}else {errors = _errs125;if(vErrors !== null){if(_errs125){vErrors.length = _errs125;}else {vErrors = null;}}}}if(data.privileged !== undefined){let data25 = data.privileged;const _errs135 = errors;let valid40 = false;const _errs136 = errors;if(!(validate54(data25, {instancePath:instancePath+"/privileged",parentData:data,parentDataProperty:"privileged",rootData}))){vErrors = vErrors === null ? validate54.errors : vErrors.concat(validate54.errors);errors = vErrors.length;}var _valid25 = _errs136 === errors;valid40 = valid40 || _valid25;if(!valid40){const _errs137 = errors;if(!(validate32(data25, {instancePath:instancePath+"/privileged",parentData:data,parentDataProperty:"privileged",rootData}))){vErrors = vErrors === null ? validate32.errors : vErrors.concat(validate32.errors);errors = vErrors.length;}var _valid25 = _errs137 === errors;valid40 = valid40 || _valid25;}if(!valid40){const err50 = {instancePath:instancePath+"/privileged",schemaPath:"#/properties/privileged/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema10.properties.privileged.anyOf,parentSchema:schema10.properties.privileged,data:data25};if(vErrors === null){vErrors = [err50];}else {vErrors.push(err50);}errors++;}else {errors = _errs135;if(vErrors !== null){if(_errs135){vErrors.length = _errs135;}else {vErrors = null;}}}}if(data.dns !== undefined){let data26 = data.dns;const _errs139 = errors;let valid41 = false;const _errs140 = errors;if(Array.isArray(data26)){const len4 = data26.length;for(let i4=0; i4<len4; i4++){let data27 = data26[i4];const _errs144 = errors;let valid44 = false;const _errs145 = errors;if(!(validate22(data27, {instancePath:instancePath+"/dns/" + i4,parentData:data26,parentDataProperty:i4,rootData}))){vErrors = vErrors === null ? validate22.errors : vErrors.concat(validate22.errors);errors = vErrors.length;}var _valid27 = _errs145 === errors;valid44 = valid44 || _valid27;if(!valid44){const _errs146 = errors;if(!(validate32(data27, {instancePath:instancePath+"/dns/" + i4,parentData:data26,parentDataProperty:i4,rootData}))){vErrors = vErrors === null ? validate32.errors : vErrors.concat(validate32.errors);errors = vErrors.length;}var _valid27 = _errs146 === errors;valid44 = valid44 || _valid27;}if(!valid44){const err51 = {instancePath:instancePath+"/dns/" + i4,schemaPath:"#/properties/dns/anyOf/0/items/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema10.properties.dns.anyOf[0].items.anyOf,parentSchema:schema10.properties.dns.anyOf[0].items,data:data27};if(vErrors === null){vErrors = [err51];}else {vErrors.push(err51);}errors++;}else {errors = _errs144;if(vErrors !== null){if(_errs144){vErrors.length = _errs144;}else {vErrors = null;}}}}}else {const err52 = {instancePath:instancePath+"/dns",schemaPath:"#/properties/dns/anyOf/0/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema10.properties.dns.anyOf[0].type,parentSchema:schema10.properties.dns.anyOf[0],data:data26};if(vErrors === null){vErrors = [err52];}else {vErrors.push(err52);}errors++;}var _valid26 = _errs140 === errors;valid41 = valid41 || _valid26;if(!valid41){const _errs147 = errors;if(!(validate32(data26, {instancePath:instancePath+"/dns",parentData:data,parentDataProperty:"dns",rootData}))){vErrors = vErrors === null ? validate32.errors : vErrors.concat(validate32.errors);errors = vErrors.length;}var _valid26 = _errs147 === errors;valid41 = valid41 || _valid26;}if(!valid41){const err53 = {instancePath:instancePath+"/dns",schemaPath:"#/properties/dns/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema10.properties.dns.anyOf,parentSchema:schema10.properties.dns,data:data26};if(vErrors === null){vErrors = [err53];}else {vErrors.push(err53);}errors++;}else {errors = _errs139;if(vErrors !== null){if(_errs139){vErrors.length = _errs139;}else {vErrors = null;}}}}if(data.restart_policy !== undefined){let data28 = data.restart_policy;const _errs149 = errors;let valid45 = false;const _errs150 = errors;if(data28 && typeof data28 == "object" && !Array.isArray(data28)){for(const key7 in data28){if(!((key7 === "Name") || (key7 === "MaximumRetryCount"))){const err54 = {instancePath:instancePath+"/restart_policy",schemaPath:"#/properties/restart_policy/anyOf/0/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key7},message:"must NOT have additional properties",schema:false,parentSchema:schema10.properties.restart_policy.anyOf[0],data:data28};if(vErrors === null){vErrors = [err54];}else {vErrors.push(err54);}errors++;}}if(data28.Name !== undefined){let data29 = data28.Name;const _errs155 = errors;let valid47 = false;const _errs156 = errors;if(!(((data29 === "no") || (data29 === "on-failure")) || (data29 === "always"))){const err55 = {instancePath:instancePath+"/restart_policy/Name",schemaPath:"#/properties/restart_policy/anyOf/0/properties/Name/anyOf/0/enum",keyword:"enum",params:{allowedValues: schema10.properties.restart_policy.anyOf[0].properties.Name.anyOf[0].enum},message:"must be equal to one of the allowed values",schema:schema10.properties.restart_policy.anyOf[0].properties.Name.anyOf[0].enum,parentSchema:schema10.properties.restart_policy.anyOf[0].properties.Name.anyOf[0],data:data29};if(vErrors === null){vErrors = [err55];}else {vErrors.push(err55);}errors++;}var _valid29 = _errs156 === errors;valid47 = valid47 || _valid29;if(!valid47){const _errs158 = errors;if(!(validate32(data29, {instancePath:instancePath+"/restart_policy/Name",parentData:data28,parentDataProperty:"Name",rootData}))){vErrors = vErrors === null ? validate32.errors : vErrors.concat(validate32.errors);errors = vErrors.length;}var _valid29 = _errs158 === errors;valid47 = valid47 || _valid29;}if(!valid47){const err56 = {instancePath:instancePath+"/restart_policy/Name",schemaPath:"#/properties/restart_policy/anyOf/0/properties/Name/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema10.properties.restart_policy.anyOf[0].properties.Name.anyOf,parentSchema:schema10.properties.restart_policy.anyOf[0].properties.Name,data:data29};if(vErrors === null){vErrors = [err56];}else {vErrors.push(err56);}errors++;}else {errors = _errs155;if(vErrors !== null){if(_errs155){vErrors.length = _errs155;}else {vErrors = null;}}}}if(data28.MaximumRetryCount !== undefined){let data30 = data28.MaximumRetryCount;const _errs160 = errors;let valid48 = false;const _errs161 = errors;if(!(validate92(data30, {instancePath:instancePath+"/restart_policy/MaximumRetryCount",parentData:data28,parentDataProperty:"MaximumRetryCount",rootData}))){vErrors = vErrors === null ? validate92.errors : vErrors.concat(validate92.errors);errors = vErrors.length;}var _valid30 = _errs161 === errors;valid48 = valid48 || _valid30;if(!valid48){const _errs162 = errors;if(!(validate32(data30, {instancePath:instancePath+"/restart_policy/MaximumRetryCount",parentData:data28,parentDataProperty:"MaximumRetryCount",rootData}))){vErrors = vErrors === null ? validate32.errors : vErrors.concat(validate32.errors);errors = vErrors.length;}var _valid30 = _errs162 === errors;valid48 = valid48 || _valid30;}if(!valid48){const err57 = {instancePath:instancePath+"/restart_policy/MaximumRetryCount",schemaPath:"#/properties/restart_policy/anyOf/0/properties/MaximumRetryCount/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema10.properties.restart_policy.anyOf[0].properties.MaximumRetryCount.anyOf,parentSchema:schema10.properties.restart_policy.anyOf[0].properties.MaximumRetryCount,data:data30};if(vErrors === null){vErrors = [err57];}else {vErrors.push(err57);}errors++;}else {errors = _errs160;if(vErrors !== null){if(_errs160){vErrors.length = _errs160;}else {vErrors = null;}}}}}else {const err58 = {instancePath:instancePath+"/restart_policy",schemaPath:"#/properties/restart_policy/anyOf/0/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema10.properties.restart_policy.anyOf[0].type,parentSchema:schema10.properties.restart_policy.anyOf[0],data:data28};if(vErrors === null){vErrors = [err58];}else {vErrors.push(err58);}errors++;}var _valid28 = _errs150 === errors;valid45 = valid45 || _valid28;if(!valid45){const _errs163 = errors;if(!(validate32(data28, {instancePath:instancePath+"/restart_policy",parentData:data,parentDataProperty:"restart_policy",rootData}))){vErrors = vErrors === null ? validate32.errors : vErrors.concat(validate32.errors);errors = vErrors.length;}var _valid28 = _errs163 === errors;valid45 = valid45 || _valid28;}if(!valid45){const err59 = {instancePath:instancePath+"/restart_policy",schemaPath:"#/properties/restart_policy/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema10.properties.restart_policy.anyOf,parentSchema:schema10.properties.restart_policy,data:data28};if(vErrors === null){vErrors = [err59];}else {vErrors.push(err59);}errors++;}else {errors = _errs149;if(vErrors !== null){if(_errs149){vErrors.length = _errs149;}else {vErrors = null;}}}}if(data.cap_add !== undefined){let data31 = data.cap_add;const _errs165 = errors;let valid49 = false;const _errs166 = errors;if(Array.isArray(data31)){const len5 = data31.length;for(let i5=0; i5<len5; i5++){let data32 = data31[i5];const _errs170 = errors;let valid52 = false;const _errs171 = errors;if(!((((((((((((((((((((((((((((((((((((((data32 === "SETPCAP") || (data32 === "SYS_MODULE")) || (data32 === "SYS_RAWIO")) || (data32 === "SYS_PACCT")) || (data32 === "SYS_ADMIN")) || (data32 === "SYS_NICE")) || (data32 === "SYS_RESOURCE")) || (data32 === "SYS_TIME")) || (data32 === "SYS_TTY_CONFIG")) || (data32 === "MKNOD")) || (data32 === "AUDIT_WRITE")) || (data32 === "AUDIT_CONTROL")) || (data32 === "MAC_OVERRIDE")) || (data32 === "MAC_ADMIN")) || (data32 === "NET_ADMIN")) || (data32 === "SYSLOG")) || (data32 === "CHOWN")) || (data32 === "NET_RAW")) || (data32 === "DAC_OVERRIDE")) || (data32 === "FOWNER")) || (data32 === "DAC_READ_SEARCH")) || (data32 === "FSETID")) || (data32 === "KILL")) || (data32 === "SETGID")) || (data32 === "SETUID")) || (data32 === "LINUX_IMMUTABLE")) || (data32 === "NET_BIND_SERVICE")) || (data32 === "NET_BROADCAST")) || (data32 === "IPC_LOCK")) || (data32 === "IPC_OWNER")) || (data32 === "SYS_CHROOT")) || (data32 === "SYS_PTRACE")) || (data32 === "SYS_BOOT")) || (data32 === "LEASE")) || (data32 === "SETFCAP")) || (data32 === "WAKE_ALARM")) || (data32 === "BLOCK_SUSPEND")) || (data32 === "ALL"))){const err60 = {instancePath:instancePath+"/cap_add/" + i5,schemaPath:"#/properties/cap_add/anyOf/0/items/anyOf/0/enum",keyword:"enum",params:{allowedValues: schema10.properties.cap_add.anyOf[0].items.anyOf[0].enum},message:"must be equal to one of the allowed values",schema:schema10.properties.cap_add.anyOf[0].items.anyOf[0].enum,parentSchema:schema10.properties.cap_add.anyOf[0].items.anyOf[0],data:data32};if(vErrors === null){vErrors = [err60];}else {vErrors.push(err60);}errors++;}var _valid32 = _errs171 === errors;valid52 = valid52 || _valid32;if(!valid52){const _errs173 = errors;if(!(validate32(data32, {instancePath:instancePath+"/cap_add/" + i5,parentData:data31,parentDataProperty:i5,rootData}))){vErrors = vErrors === null ? validate32.errors : vErrors.concat(validate32.errors);errors = vErrors.length;}var _valid32 = _errs173 === errors;valid52 = valid52 || _valid32;}if(!valid52){const err61 = {instancePath:instancePath+"/cap_add/" + i5,schemaPath:"#/properties/cap_add/anyOf/0/items/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema10.properties.cap_add.anyOf[0].items.anyOf,parentSchema:schema10.properties.cap_add.anyOf[0].items,data:data32};if(vErrors === null){vErrors = [err61];}else {vErrors.push(err61);}errors++;}else {errors = _errs170;if(vErrors !== null){if(_errs170){vErrors.length = _errs170;}else {vErrors = null;}}}}}else {const err62 = {instancePath:instancePath+"/cap_add",schemaPath:"#/properties/cap_add/anyOf/0/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema10.properties.cap_add.anyOf[0].type,parentSchema:schema10.properties.cap_add.anyOf[0],data:data31};if(vErrors === null){vErrors = [err62];}else {vErrors.push(err62);}errors++;}var _valid31 = _errs166 === errors;valid49 = valid49 || _valid31;if(!valid49){const _errs174 = errors;if(!(validate32(data31, {instancePath:instancePath+"/cap_add",parentData:data,parentDataProperty:"cap_add",rootData}))){vErrors = vErrors === null ? validate32.errors : vErrors.concat(validate32.errors);errors = vErrors.length;}var _valid31 = _errs174 === errors;valid49 = valid49 || _valid31;}if(!valid49){const err63 = {instancePath:instancePath+"/cap_add",schemaPath:"#/properties/cap_add/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema10.properties.cap_add.anyOf,parentSchema:schema10.properties.cap_add,data:data31};if(vErrors === null){vErrors = [err63];}else {vErrors.push(err63);}errors++;}else {errors = _errs165;if(vErrors !== null){if(_errs165){vErrors.length = _errs165;}else {vErrors = null;}}}}if(data.cap_drop !== undefined){let data33 = data.cap_drop;const _errs176 = errors;let valid53 = false;const _errs177 = errors;if(Array.isArray(data33)){const len6 = data33.length;for(let i6=0; i6<len6; i6++){let data34 = data33[i6];const _errs181 = errors;let valid56 = false;const _errs182 = errors;if(!((((((((((((((((((((((((((((((((((((((data34 === "SETPCAP") || (data34 === "SYS_MODULE")) || (data34 === "SYS_RAWIO")) || (data34 === "SYS_PACCT")) || (data34 === "SYS_ADMIN")) || (data34 === "SYS_NICE")) || (data34 === "SYS_RESOURCE")) || (data34 === "SYS_TIME")) || (data34 === "SYS_TTY_CONFIG")) || (data34 === "MKNOD")) || (data34 === "AUDIT_WRITE")) || (data34 === "AUDIT_CONTROL")) || (data34 === "MAC_OVERRIDE")) || (data34 === "MAC_ADMIN")) || (data34 === "NET_ADMIN")) || (data34 === "SYSLOG")) || (data34 === "CHOWN")) || (data34 === "NET_RAW")) || (data34 === "DAC_OVERRIDE")) || (data34 === "FOWNER")) || (data34 === "DAC_READ_SEARCH")) || (data34 === "FSETID")) || (data34 === "KILL")) || (data34 === "SETGID")) || (data34 === "SETUID")) || (data34 === "LINUX_IMMUTABLE")) || (data34 === "NET_BIND_SERVICE")) || (data34 === "NET_BROADCAST")) || (data34 === "IPC_LOCK")) || (data34 === "IPC_OWNER")) || (data34 === "SYS_CHROOT")) || (data34 === "SYS_PTRACE")) || (data34 === "SYS_BOOT")) || (data34 === "LEASE")) || (data34 === "SETFCAP")) || (data34 === "WAKE_ALARM")) || (data34 === "BLOCK_SUSPEND")) || (data34 === "ALL"))){const err64 = {instancePath:instancePath+"/cap_drop/" + i6,schemaPath:"#/properties/cap_drop/anyOf/0/items/anyOf/0/enum",keyword:"enum",params:{allowedValues: schema10.properties.cap_drop.anyOf[0].items.anyOf[0].enum},message:"must be equal to one of the allowed values",schema:schema10.properties.cap_drop.anyOf[0].items.anyOf[0].enum,parentSchema:schema10.properties.cap_drop.anyOf[0].items.anyOf[0],data:data34};if(vErrors === null){vErrors = [err64];}else {vErrors.push(err64);}errors++;}var _valid34 = _errs182 === errors;valid56 = valid56 || _valid34;if(!valid56){const _errs184 = errors;if(!(validate32(data34, {instancePath:instancePath+"/cap_drop/" + i6,parentData:data33,parentDataProperty:i6,rootData}))){vErrors = vErrors === null ? validate32.errors : vErrors.concat(validate32.errors);errors = vErrors.length;}var _valid34 = _errs184 === errors;valid56 = valid56 || _valid34;}if(!valid56){const err65 = {instancePath:instancePath+"/cap_drop/" + i6,schemaPath:"#/properties/cap_drop/anyOf/0/items/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema10.properties.cap_drop.anyOf[0].items.anyOf,parentSchema:schema10.properties.cap_drop.anyOf[0].items,data:data34};if(vErrors === null){vErrors = [err65];}else {vErrors.push(err65);}errors++;}else {errors = _errs181;if(vErrors !== null){if(_errs181){vErrors.length = _errs181;}else {vErrors = null;}}}}}else {const err66 = {instancePath:instancePath+"/cap_drop",schemaPath:"#/properties/cap_drop/anyOf/0/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema10.properties.cap_drop.anyOf[0].type,parentSchema:schema10.properties.cap_drop.anyOf[0],data:data33};if(vErrors === null){vErrors = [err66];}else {vErrors.push(err66);}errors++;}var _valid33 = _errs177 === errors;valid53 = valid53 || _valid33;if(!valid53){const _errs185 = errors;if(!(validate32(data33, {instancePath:instancePath+"/cap_drop",parentData:data,parentDataProperty:"cap_drop",rootData}))){vErrors = vErrors === null ? validate32.errors : vErrors.concat(validate32.errors);errors = vErrors.length;}var _valid33 = _errs185 === errors;valid53 = valid53 || _valid33;}if(!valid53){const err67 = {instancePath:instancePath+"/cap_drop",schemaPath:"#/properties/cap_drop/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema10.properties.cap_drop.anyOf,parentSchema:schema10.properties.cap_drop,data:data33};if(vErrors === null){vErrors = [err67];}else {vErrors.push(err67);}errors++;}else {errors = _errs176;if(vErrors !== null){if(_errs176){vErrors.length = _errs176;}else {vErrors = null;}}}}if(data.read_only !== undefined){let data35 = data.read_only;const _errs187 = errors;let valid57 = false;const _errs188 = errors;if(!(validate54(data35, {instancePath:instancePath+"/read_only",parentData:data,parentDataProperty:"read_only",rootData}))){vErrors = vErrors === null ? validate54.errors : vErrors.concat(validate54.errors);errors = vErrors.length;}var _valid35 = _errs188 === errors;valid57 = valid57 || _valid35;if(!valid57){const _errs189 = errors;if(!(validate32(data35, {instancePath:instancePath+"/read_only",parentData:data,parentDataProperty:"read_only",rootData}))){vErrors = vErrors === null ? validate32.errors : vErrors.concat(validate32.errors);errors = vErrors.length;}var _valid35 = _errs189 === errors;valid57 = valid57 || _valid35;}if(!valid57){const err68 = {instancePath:instancePath+"/read_only",schemaPath:"#/properties/read_only/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema10.properties.read_only.anyOf,parentSchema:schema10.properties.read_only,data:data35};if(vErrors === null){vErrors = [err68];}else {vErrors.push(err68);}errors++;}else {errors = _errs187;if(vErrors !== null){if(_errs187){vErrors.length = _errs187;}else {vErrors = null;}}}}if(data.cpu_shares !== undefined){let data36 = data.cpu_shares;const _errs191 = errors;let valid58 = false;const _errs192 = errors;if(!(validate92(data36, {instancePath:instancePath+"/cpu_shares",parentData:data,parentDataProperty:"cpu_shares",rootData}))){vErrors = vErrors === null ? validate92.errors : vErrors.concat(validate92.errors);errors = vErrors.length;}var _valid36 = _errs192 === errors;valid58 = valid58 || _valid36;if(!valid58){const _errs193 = errors;if(!(validate32(data36, {instancePath:instancePath+"/cpu_shares",parentData:data,parentDataProperty:"cpu_shares",rootData}))){vErrors = vErrors === null ? validate32.errors : vErrors.concat(validate32.errors);errors = vErrors.length;}var _valid36 = _errs193 === errors;valid58 = valid58 || _valid36;}if(!valid58){const err69 = {instancePath:instancePath+"/cpu_shares",schemaPath:"#/properties/cpu_shares/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema10.properties.cpu_shares.anyOf,parentSchema:schema10.properties.cpu_shares,data:data36};if(vErrors === null){vErrors = [err69];}else {vErrors.push(err69);}errors++;}else {errors = _errs191;if(vErrors !== null){if(_errs191){vErrors.length = _errs191;}else {vErrors = null;}}}}if(data.cpu_set !== undefined){let data37 = data.cpu_set;const _errs195 = errors;let valid59 = false;const _errs196 = errors;if((typeof data37 !== "string") && (!(((typeof data37 == "number") && (!(data37 % 1) && !isNaN(data37))) && (isFinite(data37))))){const err70 = {instancePath:instancePath+"/cpu_set",schemaPath:"#/properties/cpu_set/anyOf/0/type",keyword:"type",params:{type: schema10.properties.cpu_set.anyOf[0].type},message:"must be string,integer",schema:schema10.properties.cpu_set.anyOf[0].type,parentSchema:schema10.properties.cpu_set.anyOf[0],data:data37};if(vErrors === null){vErrors = [err70];}else {vErrors.push(err70);}errors++;}if(typeof data37 === "string"){if(!pattern15.test(data37)){const err71 = {instancePath:instancePath+"/cpu_set",schemaPath:"#/properties/cpu_set/anyOf/0/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(?:-[0-9]+)?(?:,[0-9]+(?:-[0-9]+)?)*$"},message:"must match pattern \""+"^[0-9]+(?:-[0-9]+)?(?:,[0-9]+(?:-[0-9]+)?)*$"+"\"",schema:"^[0-9]+(?:-[0-9]+)?(?:,[0-9]+(?:-[0-9]+)?)*$",parentSchema:schema10.properties.cpu_set.anyOf[0],data:data37};if(vErrors === null){vErrors = [err71];}else {vErrors.push(err71);}errors++;}}var _valid37 = _errs196 === errors;valid59 = valid59 || _valid37;if(!valid59){const _errs199 = errors;if(!(validate32(data37, {instancePath:instancePath+"/cpu_set",parentData:data,parentDataProperty:"cpu_set",rootData}))){vErrors = vErrors === null ? validate32.errors : vErrors.concat(validate32.errors);errors = vErrors.length;}var _valid37 = _errs199 === errors;valid59 = valid59 || _valid37;}if(!valid59){const err72 = {instancePath:instancePath+"/cpu_set",schemaPath:"#/properties/cpu_set/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema10.properties.cpu_set.anyOf,parentSchema:schema10.properties.cpu_set,data:data37};if(vErrors === null){vErrors = [err72];}else {vErrors.push(err72);}errors++;}else {errors = _errs195;if(vErrors !== null){if(_errs195){vErrors.length = _errs195;}else {vErrors = null;}}}}if(data.memory !== undefined){let data38 = data.memory;const _errs201 = errors;let valid60 = false;const _errs202 = errors;if((!(((typeof data38 == "number") && (!(data38 % 1) && !isNaN(data38))) && (isFinite(data38)))) && (typeof data38 !== "string")){const err73 = {instancePath:instancePath+"/memory",schemaPath:"#/properties/memory/anyOf/0/type",keyword:"type",params:{type: schema10.properties.memory.anyOf[0].type},message:"must be integer,string",schema:schema10.properties.memory.anyOf[0].type,parentSchema:schema10.properties.memory.anyOf[0],data:data38};if(vErrors === null){vErrors = [err73];}else {vErrors.push(err73);}errors++;}if((typeof data38 == "number") && (isFinite(data38))){if(data38 < 0 || isNaN(data38)){const err74 = {instancePath:instancePath+"/memory",schemaPath:"#/properties/memory/anyOf/0/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema10.properties.memory.anyOf[0],data:data38};if(vErrors === null){vErrors = [err74];}else {vErrors.push(err74);}errors++;}}if(typeof data38 === "string"){if(!pattern1.test(data38)){const err75 = {instancePath:instancePath+"/memory",schemaPath:"#/properties/memory/anyOf/0/pattern",keyword:"pattern",params:{pattern: "^\\+?[0-9]+$"},message:"must match pattern \""+"^\\+?[0-9]+$"+"\"",schema:"^\\+?[0-9]+$",parentSchema:schema10.properties.memory.anyOf[0],data:data38};if(vErrors === null){vErrors = [err75];}else {vErrors.push(err75);}errors++;}}var _valid38 = _errs202 === errors;valid60 = valid60 || _valid38;if(!valid60){const _errs205 = errors;if(!(validate32(data38, {instancePath:instancePath+"/memory",parentData:data,parentDataProperty:"memory",rootData}))){vErrors = vErrors === null ? validate32.errors : vErrors.concat(validate32.errors);errors = vErrors.length;}var _valid38 = _errs205 === errors;valid60 = valid60 || _valid38;}if(!valid60){const err76 = {instancePath:instancePath+"/memory",schemaPath:"#/properties/memory/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema10.properties.memory.anyOf,parentSchema:schema10.properties.memory,data:data38};if(vErrors === null){vErrors = [err76];}else {vErrors.push(err76);}errors++;}else {errors = _errs201;if(vErrors !== null){if(_errs201){vErrors.length = _errs201;}else {vErrors = null;}}}}if(data.devices !== undefined){let data39 = data.devices;const _errs207 = errors;let valid61 = false;const _errs208 = errors;if(Array.isArray(data39)){const len7 = data39.length;for(let i7=0; i7<len7; i7++){let data40 = data39[i7];const _errs212 = errors;let valid64 = false;const _errs213 = errors;if(data40 && typeof data40 == "object" && !Array.isArray(data40)){if(data40.path_on_host === undefined){const err77 = {instancePath:instancePath+"/devices/" + i7,schemaPath:"#/properties/devices/anyOf/0/items/anyOf/0/required",keyword:"required",params:{missingProperty: "path_on_host"},message:"must have required property '"+"path_on_host"+"'",schema:schema10.properties.devices.anyOf[0].items.anyOf[0].required,parentSchema:schema10.properties.devices.anyOf[0].items.anyOf[0],data:data40};if(vErrors === null){vErrors = [err77];}else {vErrors.push(err77);}errors++;}for(const key8 in data40){if(!(((key8 === "path_on_host") || (key8 === "path_in_container")) || (key8 === "permissions"))){const err78 = {instancePath:instancePath+"/devices/" + i7,schemaPath:"#/properties/devices/anyOf/0/items/anyOf/0/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key8},message:"must NOT have additional properties",schema:false,parentSchema:schema10.properties.devices.anyOf[0].items.anyOf[0],data:data40};if(vErrors === null){vErrors = [err78];}else {vErrors.push(err78);}errors++;}}if(data40.path_on_host !== undefined){let data41 = data40.path_on_host;const _errs218 = errors;let valid66 = false;const _errs219 = errors;if(!(validate106(data41, {instancePath:instancePath+"/devices/" + i7+"/path_on_host",parentData:data40,parentDataProperty:"path_on_host",rootData}))){vErrors = vErrors === null ? validate106.errors : vErrors.concat(validate106.errors);errors = vErrors.length;}var _valid41 = _errs219 === errors;valid66 = valid66 || _valid41;if(!valid66){const _errs220 = errors;if(!(validate32(data41, {instancePath:instancePath+"/devices/" + i7+"/path_on_host",parentData:data40,parentDataProperty:"path_on_host",rootData}))){vErrors = vErrors === null ? validate32.errors : vErrors.concat(validate32.errors);errors = vErrors.length;}var _valid41 = _errs220 === errors;valid66 = valid66 || _valid41;}if(!valid66){const err79 = {instancePath:instancePath+"/devices/" + i7+"/path_on_host",schemaPath:"#/properties/devices/anyOf/0/items/anyOf/0/properties/path_on_host/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema10.properties.devices.anyOf[0].items.anyOf[0].properties.path_on_host.anyOf,parentSchema:schema10.properties.devices.anyOf[0].items.anyOf[0].properties.path_on_host,data:data41};if(vErrors === null){vErrors = [err79];}else {vErrors.push(err79);}errors++;}else {errors = _errs218;if(vErrors !== null){if(_errs218){vErrors.length = _errs218;}else {vErrors = null;}}}}if(data40.path_in_container !== undefined){let data42 = data40.path_in_container;const _errs222 = errors;let valid67 = false;const _errs223 = errors;if(!(validate106(data42, {instancePath:instancePath+"/devices/" + i7+"/path_in_container",parentData:data40,parentDataProperty:"path_in_container",rootData}))){vErrors = vErrors === null ? validate106.errors : vErrors.concat(validate106.errors);errors = vErrors.length;}var _valid42 = _errs223 === errors;valid67 = valid67 || _valid42;if(!valid67){const _errs224 = errors;if(!(validate32(data42, {instancePath:instancePath+"/devices/" + i7+"/path_in_container",parentData:data40,parentDataProperty:"path_in_container",rootData}))){vErrors = vErrors === null ? validate32.errors : vErrors.concat(validate32.errors);errors = vErrors.length;}var _valid42 = _errs224 === errors;valid67 = valid67 || _valid42;}if(!valid67){const err80 = {instancePath:instancePath+"/devices/" + i7+"/path_in_container",schemaPath:"#/properties/devices/anyOf/0/items/anyOf/0/properties/path_in_container/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema10.properties.devices.anyOf[0].items.anyOf[0].properties.path_in_container.anyOf,parentSchema:schema10.properties.devices.anyOf[0].items.anyOf[0].properties.path_in_container,data:data42};if(vErrors === null){vErrors = [err80];}else {vErrors.push(err80);}errors++;}else {errors = _errs222;if(vErrors !== null){if(_errs222){vErrors.length = _errs222;}else {vErrors = null;}}}}if(data40.permissions !== undefined){let data43 = data40.permissions;const _errs226 = errors;let valid68 = false;const _errs227 = errors;if(!(((((((data43 === "r") || (data43 === "w")) || (data43 === "m")) || (data43 === "rw")) || (data43 === "rm")) || (data43 === "wm")) || (data43 === "rwm"))){const err81 = {instancePath:instancePath+"/devices/" + i7+"/permissions",schemaPath:"#/properties/devices/anyOf/0/items/anyOf/0/properties/permissions/anyOf/0/enum",keyword:"enum",params:{allowedValues: schema10.properties.devices.anyOf[0].items.anyOf[0].properties.permissions.anyOf[0].enum},message:"must be equal to one of the allowed values",schema:schema10.properties.devices.anyOf[0].items.anyOf[0].properties.permissions.anyOf[0].enum,parentSchema:schema10.properties.devices.anyOf[0].items.anyOf[0].properties.permissions.anyOf[0],data:data43};if(vErrors === null){vErrors = [err81];}else {vErrors.push(err81);}errors++;}var _valid43 = _errs227 === errors;valid68 = valid68 || _valid43;if(!valid68){const _errs229 = errors;if(!(validate32(data43, {instancePath:instancePath+"/devices/" + i7+"/permissions",parentData:data40,parentDataProperty:"permissions",rootData}))){vErrors = vErrors === null ? validate32.errors : vErrors.concat(validate32.errors);errors = vErrors.length;}var _valid43 = _errs229 === errors;valid68 = valid68 || _valid43;}if(!valid68){const err82 = {instancePath:instancePath+"/devices/" + i7+"/permissions",schemaPath:"#/properties/devices/anyOf/0/items/anyOf/0/properties/permissions/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema10.properties.devices.anyOf[0].items.anyOf[0].properties.permissions.anyOf,parentSchema:schema10.properties.devices.anyOf[0].items.anyOf[0].properties.permissions,data:data43};if(vErrors === null){vErrors = [err82];}else {vErrors.push(err82);}errors++;}else {errors = _errs226;if(vErrors !== null){if(_errs226){vErrors.length = _errs226;}else {vErrors = null;}}}}}else {const err83 = {instancePath:instancePath+"/devices/" + i7,schemaPath:"#/properties/devices/anyOf/0/items/anyOf/0/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema10.properties.devices.anyOf[0].items.anyOf[0].type,parentSchema:schema10.properties.devices.anyOf[0].items.anyOf[0],data:data40};if(vErrors === null){vErrors = [err83];}else {vErrors.push(err83);}errors++;}var _valid40 = _errs213 === errors;valid64 = valid64 || _valid40;if(!valid64){const _errs230 = errors;if(!(validate32(data40, {instancePath:instancePath+"/devices/" + i7,parentData:data39,parentDataProperty:i7,rootData}))){vErrors = vErrors === null ? validate32.errors : vErrors.concat(validate32.errors);errors = vErrors.length;}var _valid40 = _errs230 === errors;valid64 = valid64 || _valid40;}if(!valid64){const err84 = {instancePath:instancePath+"/devices/" + i7,schemaPath:"#/properties/devices/anyOf/0/items/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema10.properties.devices.anyOf[0].items.anyOf,parentSchema:schema10.properties.devices.anyOf[0].items,data:data40};if(vErrors === null){vErrors = [err84];}else {vErrors.push(err84);}errors++;}else {errors = _errs212;if(vErrors !== null){if(_errs212){vErrors.length = _errs212;}else {vErrors = null;}}}}}else {const err85 = {instancePath:instancePath+"/devices",schemaPath:"#/properties/devices/anyOf/0/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema10.properties.devices.anyOf[0].type,parentSchema:schema10.properties.devices.anyOf[0],data:data39};if(vErrors === null){vErrors = [err85];}else {vErrors.push(err85);}errors++;}var _valid39 = _errs208 === errors;valid61 = valid61 || _valid39;if(!valid61){const _errs231 = errors;if(!(validate32(data39, {instancePath:instancePath+"/devices",parentData:data,parentDataProperty:"devices",rootData}))){vErrors = vErrors === null ? validate32.errors : vErrors.concat(validate32.errors);errors = vErrors.length;}var _valid39 = _errs231 === errors;valid61 = valid61 || _valid39;}if(!valid61){const err86 = {instancePath:instancePath+"/devices",schemaPath:"#/properties/devices/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema10.properties.devices.anyOf,parentSchema:schema10.properties.devices,data:data39};if(vErrors === null){vErrors = [err86];}else {vErrors.push(err86);}errors++;}else {errors = _errs207;if(vErrors !== null){if(_errs207){vErrors.length = _errs207;}else {vErrors = null;}}}}}else {const err87 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema10.type,parentSchema:schema10,data};if(vErrors === null){vErrors = [err87];}else {vErrors.push(err87);}errors++;}validate35.errors = vErrors;return errors === 0;}const schema17 = {"anyOf":[{"type":["string","boolean"]},{"$ref":"#/definitions/function"}],"x-expected":"the name of a condition, true or false, or a condition function such as {equals: [...]}"};function validate131(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){let vErrors = null;let errors = 0;const _errs0 = errors;let valid0 = false;const _errs1 = errors;if((typeof data !== "string") && (typeof data !== "boolean")){const err0 = {instancePath,schemaPath:"#/anyOf/0/type",keyword:"type",params:{type: schema17.anyOf[0].type},message:"must be string,boolean",schema:schema17.anyOf[0].type,parentSchema:schema17.anyOf[0],data};if(vErrors === null){vErrors = [err0];}else {vErrors.push(err0);}errors++;}var _valid0 = _errs1 === errors;valid0 = valid0 || _valid0;if(!valid0){const _errs3 = errors;if(!(validate32(data, {instancePath,parentData,parentDataProperty,rootData}))){vErrors = vErrors === null ? validate32.errors : vErrors.concat(validate32.errors);errors = vErrors.length;}var _valid0 = _errs3 === errors;valid0 = valid0 || _valid0;}if(!valid0){const err1 = {instancePath,schemaPath:"#/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema17.anyOf,parentSchema:schema17,data};if(vErrors === null){vErrors = [err1];}else {vErrors.push(err1);}errors++;}else {errors = _errs0;if(vErrors !== null){if(_errs0){vErrors.length = _errs0;}else {vErrors = null;}}}validate131.errors = vErrors;return errors === 0;}function validate21(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){/*# sourceURL="https://github.com/hotdock/hotdock/raw/main/schema/hot.schema.json" */;let vErrors = null;let errors = 0;if(data && typeof data == "object" && !Array.isArray(data)){if(data.heat_template_version === undefined){const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "heat_template_version"},message:"must have required property '"+"heat_template_version"+"'",schema:schema6.required,parentSchema:schema6,data};if(vErrors === null){vErrors = [err0];}else {vErrors.push(err0);}errors++;}for(const key0 in data){if(!(((((((key0 === "heat_template_version") || (key0 === "description")) || (key0 === "parameter_groups")) || (key0 === "parameters")) || (key0 === "resources")) || (key0 === "outputs")) || (key0 === "conditions"))){const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema6,data};if(vErrors === null){vErrors = [err1];}else {vErrors.push(err1);}errors++;}}if(data.heat_template_version !== undefined){let data0 = data.heat_template_version;if(typeof data0 !== "string"){const err2 = {instancePath:instancePath+"/heat_template_version",schemaPath:"#/properties/heat_template_version/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema6.properties.heat_template_version.type,parentSchema:schema6.properties.heat_template_version,data:data0};if(vErrors === null){vErrors = [err2];}else {vErrors.push(err2);}errors++;}if(!(((((((((((((((((data0 === "2013-05-23") || (data0 === "2014-10-16")) || (data0 === "2015-04-30")) || (data0 === "2015-10-15")) || (data0 === "2016-04-08")) || (data0 === "2016-10-14")) || (data0 === "2017-02-24")) || (data0 === "2017-09-01")) || (data0 === "2018-03-02")) || (data0 === "2018-08-31")) || (data0 === "2021-04-16")) || (data0 === "newton")) || (data0 === "ocata")) || (data0 === "pike")) || (data0 === "queens")) || (data0 === "rocky")) || (data0 === "wallaby"))){const err3 = {instancePath:instancePath+"/heat_template_version",schemaPath:"#/properties/heat_template_version/enum",keyword:"enum",params:{allowedValues: schema6.properties.heat_template_version.enum},message:"must be equal to one of the allowed values",schema:schema6.properties.heat_template_version.enum,parentSchema:schema6.properties.heat_template_version,data:data0};if(vErrors === null){vErrors = [err3];}else {vErrors.push(err3);}errors++;}}if(data.description !== undefined){if(!(validate22(data.description, {instancePath:instancePath+"/description",parentData:data,parentDataProperty:"description",rootData}))){vErrors = vErrors === null ? validate22.errors : vErrors.concat(validate22.errors);errors = vErrors.length;}}if(data.parameter_groups !== undefined){let data2 = data.parameter_groups;if((!(Array.isArray(data2))) && (data2 !== null)){const err4 = {instancePath:instancePath+"/parameter_groups",schemaPath:"#/properties/parameter_groups/type",keyword:"type",params:{type: schema6.properties.parameter_groups.type},message:"must be array,null",schema:schema6.properties.parameter_groups.type,parentSchema:schema6.properties.parameter_groups,data:data2};if(vErrors === null){vErrors = [err4];}else {vErrors.push(err4);}errors++;}if(Array.isArray(data2)){const len0 = data2.length;for(let i0=0; i0<len0; i0++){let data3 = data2[i0];if(data3 && typeof data3 == "object" && !Array.isArray(data3)){for(const key1 in data3){if(!(((key1 === "label") || (key1 === "description")) || (key1 === "parameters"))){const err5 = {instancePath:instancePath+"/parameter_groups/" + i0,schemaPath:"#/properties/parameter_groups/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema6.properties.parameter_groups.items,data:data3};if(vErrors === null){vErrors = [err5];}else {vErrors.push(err5);}errors++;}}if(data3.label !== undefined){if(!(validate22(data3.label, {instancePath:instancePath+"/parameter_groups/" + i0+"/label",parentData:data3,parentDataProperty:"label",rootData}))){vErrors = vErrors === null ? validate22.errors : vErrors.concat(validate22.errors);errors = vErrors.length;}}if(data3.description !== undefined){if(!(validate22(data3.description, {instancePath:instancePath+"/parameter_groups/" + i0+"/description",parentData:data3,parentDataProperty:"description",rootData}))){vErrors = vErrors === null ? validate22.errors : vErrors.concat(validate22.errors);errors = vErrors.length;}}if(data3.parameters !== undefined){let data6 = data3.parameters;if(Array.isArray(data6)){const len1 = data6.length;for(let i1=0; i1<len1; i1++){let data7 = data6[i1];if(typeof data7 !== "string"){const err6 = {instancePath:instancePath+"/parameter_groups/" + i0+"/parameters/" + i1,schemaPath:"#/properties/parameter_groups/items/properties/parameters/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema6.properties.parameter_groups.items.properties.parameters.items.type,parentSchema:schema6.properties.parameter_groups.items.properties.parameters.items,data:data7};if(vErrors === null){vErrors = [err6];}else {vErrors.push(err6);}errors++;}}}else {const err7 = {instancePath:instancePath+"/parameter_groups/" + i0+"/parameters",schemaPath:"#/properties/parameter_groups/items/properties/parameters/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema6.properties.parameter_groups.items.properties.parameters.type,parentSchema:schema6.properties.parameter_groups.items.properties.parameters,data:data6};if(vErrors === null){vErrors = [err7];}else {vErrors.push(err7);}errors++;}}}else {const err8 = {instancePath:instancePath+"/parameter_groups/" + i0,schemaPath:"#/properties/parameter_groups/items/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema6.properties.parameter_groups.items.type,parentSchema:schema6.properties.parameter_groups.items,data:data3};if(vErrors === null){vErrors = [err8];}else {vErrors.push(err8);}errors++;}}}}if(data.parameters !== undefined){let data8 = data.parameters;if((!(data8 && typeof data8 == "object" && !Array.isArray(data8))) && (data8 !== null)){const err9 = {instancePath:instancePath+"/parameters",schemaPath:"#/properties/parameters/type",keyword:"type",params:{type: schema6.properties.parameters.type},message:"must be object,null",schema:schema6.properties.parameters.type,parentSchema:schema6.properties.parameters,data:data8};if(vErrors === null){vErrors = [err9];}else {vErrors.push(err9);}errors++;}if(data8 && typeof data8 == "object" && !Array.isArray(data8)){for(const key2 in data8){let data9 = data8[key2];if(data9 && typeof data9 == "object" && !Array.isArray(data9)){if(data9.type === undefined){const err10 = {instancePath:instancePath+"/parameters/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/parameters/additionalProperties/required",keyword:"required",params:{missingProperty: "type"},message:"must have required property '"+"type"+"'",schema:schema6.properties.parameters.additionalProperties.required,parentSchema:schema6.properties.parameters.additionalProperties,data:data9};if(vErrors === null){vErrors = [err10];}else {vErrors.push(err10);}errors++;}for(const key3 in data9){if(!((((((((key3 === "type") || (key3 === "label")) || (key3 === "description")) || (key3 === "default")) || (key3 === "hidden")) || (key3 === "constraints")) || (key3 === "immutable")) || (key3 === "tags"))){const err11 = {instancePath:instancePath+"/parameters/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/parameters/additionalProperties/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties",schema:false,parentSchema:schema6.properties.parameters.additionalProperties,data:data9};if(vErrors === null){vErrors = [err11];}else {vErrors.push(err11);}errors++;}}if(data9.type !== undefined){let data10 = data9.type;if(!(((((data10 === "string") || (data10 === "number")) || (data10 === "comma_delimited_list")) || (data10 === "json")) || (data10 === "boolean"))){const err12 = {instancePath:instancePath+"/parameters/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/type",schemaPath:"#/properties/parameters/additionalProperties/properties/type/enum",keyword:"enum",params:{allowedValues: schema6.properties.parameters.additionalProperties.properties.type.enum},message:"must be equal to one of the allowed values",schema:schema6.properties.parameters.additionalProperties.properties.type.enum,parentSchema:schema6.properties.parameters.additionalProperties.properties.type,data:data10};if(vErrors === null){vErrors = [err12];}else {vErrors.push(err12);}errors++;}}if(data9.label !== undefined){if(!(validate22(data9.label, {instancePath:instancePath+"/parameters/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/label",parentData:data9,parentDataProperty:"label",rootData}))){vErrors = vErrors === null ? validate22.errors : vErrors.concat(validate22.errors);errors = vErrors.length;}}if(data9.description !== undefined){if(!(validate22(data9.description, {instancePath:instancePath+"/parameters/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/description",parentData:data9,parentDataProperty:"description",rootData}))){vErrors = vErrors === null ? validate22.errors : vErrors.concat(validate22.errors);errors = vErrors.length;}}if(data9.hidden !== undefined){if(!(validate28(data9.hidden, {instancePath:instancePath+"/parameters/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/hidden",parentData:data9,parentDataProperty:"hidden",rootData}))){vErrors = vErrors === null ? validate28.errors : vErrors.concat(validate28.errors);errors = vErrors.length;}}if(data9.constraints !== undefined){let data14 = data9.constraints;if(Array.isArray(data14)){const len2 = data14.length;for(let i2=0; i2<len2; i2++){let data15 = data14[i2];const _errs38 = errors;let valid10 = false;let passing0 = null;const _errs39 = errors;if(data15 && typeof data15 == "object" && !Array.isArray(data15)){if(data15.length === undefined){const err13 = {instancePath:instancePath+"/parameters/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/constraints/" + i2,schemaPath:"#/properties/parameters/additionalProperties/properties/constraints/items/oneOf/0/required",keyword:"required",params:{missingProperty: "length"},message:"must have required property '"+"length"+"'",schema:schema6.properties.parameters.additionalProperties.properties.constraints.items.oneOf[0].required,parentSchema:schema6.properties.parameters.additionalProperties.properties.constraints.items.oneOf[0],data:data15};if(vErrors === null){vErrors = [err13];}else {vErrors.push(err13);}errors++;}}var _valid0 = _errs39 === errors;if(_valid0){valid10 = true;passing0 = 0;}const _errs40 = errors;if(data15 && typeof data15 == "object" && !Array.isArray(data15)){if(data15.range === undefined){const err14 = {instancePath:instancePath+"/parameters/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/constraints/" + i2,schemaPath:"#/properties/parameters/additionalProperties/properties/constraints/items/oneOf/1/required",keyword:"required",params:{missingProperty: "range"},message:"must have required property '"+"range"+"'",schema:schema6.properties.parameters.additionalProperties.properties.constraints.items.oneOf[1].required,parentSchema:schema6.properties.parameters.additionalProperties.properties.constraints.items.oneOf[1],data:data15};if(vErrors === null){vErrors = [err14];}else {vErrors.push(err14);}errors++;}}var _valid0 = _errs40 === errors;if(_valid0 && valid10){valid10 = false;passing0 = [passing0, 1];}else {if(_valid0){valid10 = true;passing0 = 1;}const _errs41 = errors;if(data15 && typeof data15 == "object" && !Array.isArray(data15)){if(data15.modulo === undefined){const err15 = {instancePath:instancePath+"/parameters/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/constraints/" + i2,schemaPath:"#/properties/parameters/additionalProperties/properties/constraints/items/oneOf/2/required",keyword:"required",params:{missingProperty: "modulo"},message:"must have required property '"+"modulo"+"'",schema:schema6.properties.parameters.additionalProperties.properties.constraints.items.oneOf[2].required,parentSchema:schema6.properties.parameters.additionalProperties.properties.constraints.items.oneOf[2],data:data15};if(vErrors === null){vErrors = [err15];}else {vErrors.push(err15);}errors++;}}var _valid0 = _errs41 === errors;if(_valid0 && valid10){valid10 = false;passing0 = [passing0, 2];}else {if(_valid0){valid10 = true;passing0 = 2;}const _errs42 = errors;if(data15 && typeof data15 == "object" && !Array.isArray(data15)){if(data15.allowed_values === undefined){const err16 = {instancePath:instancePath+"/parameters/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/constraints/" + i2,schemaPath:"#/properties/parameters/additionalProperties/properties/constraints/items/oneOf/3/required",keyword:"required",params:{missingProperty: "allowed_values"},message:"must have required property '"+"allowed_values"+"'",schema:schema6.properties.parameters.additionalProperties.properties.constraints.items.oneOf[3].required,parentSchema:schema6.properties.parameters.additionalProperties.properties.constraints.items.oneOf[3],data:data15};if(vErrors === null){vErrors = [err16];}else {vErrors.push(err16);}errors++;}}var _valid0 = _errs42 === errors;if(_valid0 && valid10){valid10 = false;passing0 = [passing0, 3];}else {if(_valid0){valid10 = true;passing0 = 3;}const _errs43 = errors;if(data15 && typeof data15 == "object" && !Array.isArray(data15)){if(data15.allowed_pattern === undefined){const err17 = {instancePath:instancePath+"/parameters/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/constraints/" + i2,schemaPath:"#/properties/parameters/additionalProperties/properties/constraints/items/oneOf/4/required",keyword:"required",params:{missingProperty: "allowed_pattern"},message:"must have required property '"+"allowed_pattern"+"'",schema:schema6.properties.parameters.additionalProperties.properties.constraints.items.oneOf[4].required,parentSchema:schema6.properties.parameters.additionalProperties.properties.constraints.items.oneOf[4],data:data15};if(vErrors === null){vErrors = [err17];}else {vErrors.push(err17);}errors++;}}var _valid0 = _errs43 === errors;if(_valid0 && valid10){valid10 = false;passing0 = [passing0, 4];}else {if(_valid0){valid10 = true;passing0 = 4;}const _errs44 = errors;if(data15 && typeof data15 == "object" && !Array.isArray(data15)){if(data15.custom_constraint === undefined){const err18 = {instancePath:instancePath+"/parameters/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/constraints/" + i2,schemaPath:"#/properties/parameters/additionalProperties/properties/constraints/items/oneOf/5/required",keyword:"required",params:{missingProperty: "custom_constraint"},message:"must have required property '"+"custom_constraint"+"'",schema:schema6.properties.parameters.additionalProperties.properties.constraints.items.oneOf[5].required,parentSchema:schema6.properties.parameters.additionalProperties.properties.constraints.items.oneOf[5],data:data15};if(vErrors === null){vErrors = [err18];}else {vErrors.push(err18);}errors++;}}var _valid0 = _errs44 === errors;if(_valid0 && valid10){valid10 = false;passing0 = [passing0, 5];}else {if(_valid0){valid10 = true;passing0 = 5;}}}}}}if(!valid10){const err19 = {instancePath:instancePath+"/parameters/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/constraints/" + i2,schemaPath:"#/properties/parameters/additionalProperties/properties/constraints/items/oneOf",keyword:"oneOf",params:{passingSchemas: passing0},message:"must match exactly one schema in oneOf",schema:schema6.properties.parameters.additionalProperties.properties.constraints.items.oneOf,parentSchema:schema6.properties.parameters.additionalProperties.properties.constraints.items,data:data15};if(vErrors === null){vErrors = [err19];}else {vErrors.push(err19);}errors++;}else {errors = _errs38;if(vErrors !== null){if(_errs38){vErrors.length = _errs38;}else {vErrors = null;}}}if(data15 && typeof data15 == "object" && !Array.isArray(data15)){for(const key4 in data15){if(!(((((((key4 === "length") || (key4 === "range")) || (key4 === "modulo")) || (key4 === "allowed_values")) || (key4 === "allowed_pattern")) || (key4 === "custom_constraint")) || (key4 === "description"))){const err20 = {instancePath:instancePath+"/parameters/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/constraints/" + i2,schemaPath:"#/properties/parameters/additionalProperties/properties/constraints/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key4},message:"must NOT have additional properties",schema:false,parentSchema:schema6.properties.parameters.additionalProperties.properties.constraints.items,data:data15};if(vErrors === null){vErrors = [err20];}else {vErrors.push(err20);}errors++;}}if(data15.length !== undefined){let data16 = data15.length;if(data16 && typeof data16 == "object" && !Array.isArray(data16)){for(const key5 in data16){if(!((key5 === "min") || (key5 === "max"))){const err21 = {instancePath:instancePath+"/parameters/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/constraints/" + i2+"/length",schemaPath:"#/properties/parameters/additionalProperties/properties/constraints/items/properties/length/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key5},message:"must NOT have additional properties",schema:false,parentSchema:schema6.properties.parameters.additionalProperties.properties.constraints.items.properties.length,data:data16};if(vErrors === null){vErrors = [err21];}else {vErrors.push(err21);}errors++;}}if(data16.min !== undefined){let data17 = data16.min;if(!((typeof data17 == "number") && (isFinite(data17)))){const err22 = {instancePath:instancePath+"/parameters/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/constraints/" + i2+"/length/min",schemaPath:"#/properties/parameters/additionalProperties/properties/constraints/items/properties/length/properties/min/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema6.properties.parameters.additionalProperties.properties.constraints.items.properties.length.properties.min.type,parentSchema:schema6.properties.parameters.additionalProperties.properties.constraints.items.properties.length.properties.min,data:data17};if(vErrors === null){vErrors = [err22];}else {vErrors.push(err22);}errors++;}}if(data16.max !== undefined){let data18 = data16.max;if(!((typeof data18 == "number") && (isFinite(data18)))){const err23 = {instancePath:instancePath+"/parameters/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/constraints/" + i2+"/length/max",schemaPath:"#/properties/parameters/additionalProperties/properties/constraints/items/properties/length/properties/max/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema6.properties.parameters.additionalProperties.properties.constraints.items.properties.length.properties.max.type,parentSchema:schema6.properties.parameters.additionalProperties.properties.constraints.items.properties.length.properties.max,data:data18};if(vErrors === null){vErrors = [err23];}else {vErrors.push(err23);}errors++;}}}else {const err24 = {instancePath:instancePath+"/parameters/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/constraints/" + i2+"/length",schemaPath:"#/properties/parameters/additionalProperties/properties/constraints/items/properties/length/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema6.properties.parameters.additionalProperties.properties.constraints.items.properties.length.type,parentSchema:schema6.properties.parameters.additionalProperties.properties.constraints.items.properties.length,data:data16};if(vErrors === null){vErrors = [err24];}else {vErrors.push(err24);}errors++;}}if(data15.range !== undefined){let data19 = data15.range;if(data19 && typeof data19 == "object" && !Array.isArray(data19)){for(const key6 in data19){if(!((key6 === "min") || (key6 === "max"))){const err25 = {instancePath:instancePath+"/parameters/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/constraints/" + i2+"/range",schemaPath:"#/properties/parameters/additionalProperties/properties/constraints/items/properties/range/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key6},message:"must NOT have additional properties",schema:false,parentSchema:schema6.properties.parameters.additionalProperties.properties.constraints.items.properties.range,data:data19};if(vErrors === null){vErrors = [err25];}else {vErrors.push(err25);}errors++;}}if(data19.min !== undefined){let data20 = data19.min;if(!((typeof data20 == "number") && (isFinite(data20)))){const err26 = {instancePath:instancePath+"/parameters/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/constraints/" + i2+"/range/min",schemaPath:"#/properties/parameters/additionalProperties/properties/constraints/items/properties/range/properties/min/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema6.properties.parameters.additionalProperties.properties.constraints.items.properties.range.properties.min.type,parentSchema:schema6.properties.parameters.additionalProperties.properties.constraints.items.properties.range.properties.min,data:data20};if(vErrors === null){vErrors = [err26];}else {vErrors.push(err26);}errors++;}}if(data19.max !== undefined){let data21 = data19.max;if(!((typeof data21 == "number") && (isFinite(data21)))){const err27 = {instancePath:instancePath+"/parameters/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/constraints/" + i2+"/range/max",schemaPath:"#/properties/parameters/additionalProperties/properties/constraints/items/properties/range/properties/max/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema6.properties.parameters.additionalProperties.properties.constraints.items.properties.range.properties.max.type,parentSchema:schema6.properties.parameters.additionalProperties.properties.constraints.items.properties.range.properties.max,data:data21};if(vErrors === null){vErrors = [err27];}else {vErrors.push(err27);}errors++;}}}else {const err28 = {instancePath:instancePath+"/parameters/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/constraints/" + i2+"/range",schemaPath:"#/properties/parameters/additionalProperties/properties/constraints/items/properties/range/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema6.properties.parameters.additionalProperties.properties.constraints.items.properties.range.type,parentSchema:schema6.properties.parameters.additionalProperties.properties.constraints.items.properties.range,data:data19};if(vErrors === null){vErrors = [err28];}else {vErrors.push(err28);}errors++;}}if(data15.modulo !== undefined){let data22 = data15.modulo;if(data22 && typeof data22 == "object" && !Array.isArray(data22)){if(data22.step === undefined){const err29 = {instancePath:instancePath+"/parameters/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/constraints/" + i2+"/modulo",schemaPath:"#/properties/parameters/additionalProperties/properties/constraints/items/properties/modulo/required",keyword:"required",params:{missingProperty: "step"},message:"must have required property '"+"step"+"'",schema:schema6.properties.parameters.additionalProperties.properties.constraints.items.properties.modulo.required,parentSchema:schema6.properties.parameters.additionalProperties.properties.constraints.items.properties.modulo,data:data22};if(vErrors === null){vErrors = [err29];}else {vErrors.push(err29);}errors++;}if(data22.offset === undefined){const err30 = {instancePath:instancePath+"/parameters/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/constraints/" + i2+"/modulo",schemaPath:"#/properties/parameters/additionalProperties/properties/constraints/items/properties/modulo/required",keyword:"required",params:{missingProperty: "offset"},message:"must have required property '"+"offset"+"'",schema:schema6.properties.parameters.additionalProperties.properties.constraints.items.properties.modulo.required,parentSchema:schema6.properties.parameters.additionalProperties.properties.constraints.items.properties.modulo,data:data22};if(vErrors === null){vErrors = [err30];}else {vErrors.push(err30);}errors++;}for(const key7 in data22){if(!((key7 === "step") || (key7 === "offset"))){const err31 = {instancePath:instancePath+"/parameters/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/constraints/" + i2+"/modulo",schemaPath:"#/properties/parameters/additionalProperties/properties/constraints/items/properties/modulo/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key7},message:"must NOT have additional properties",schema:false,parentSchema:schema6.properties.parameters.additionalProperties.properties.constraints.items.properties.modulo,data:data22};if(vErrors === null){vErrors = [err31];}else {vErrors.push(err31);}errors++;}}if(data22.step !== undefined){let data23 = data22.step;if(!((typeof data23 == "number") && (isFinite(data23)))){const err32 = {instancePath:instancePath+"/parameters/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/constraints/" + i2+"/modulo/step",schemaPath:"#/properties/parameters/additionalProperties/properties/constraints/items/properties/modulo/properties/step/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema6.properties.parameters.additionalProperties.properties.constraints.items.properties.modulo.properties.step.type,parentSchema:schema6.properties.parameters.additionalProperties.properties.constraints.items.properties.modulo.properties.step,data:data23};if(vErrors === null){vErrors = [err32];}else {vErrors.push(err32);}errors++;}}if(data22.offset !== undefined){let data24 = data22.offset;if(!((typeof data24 == "number") && (isFinite(data24)))){const err33 = {instancePath:instancePath+"/parameters/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/constraints/" + i2+"/modulo/offset",schemaPath:"#/properties/parameters/additionalProperties/properties/constraints/items/properties/modulo/properties/offset/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema6.properties.parameters.additionalProperties.properties.constraints.items.properties.modulo.properties.offset.type,parentSchema:schema6.properties.parameters.additionalProperties.properties.constraints.items.properties.modulo.properties.offset,data:data24};if(vErrors === null){vErrors = [err33];}else {vErrors.push(err33);}errors++;}}}else {const err34 = {instancePath:instancePath+"/parameters/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/constraints/" + i2+"/modulo",schemaPath:"#/properties/parameters/additionalProperties/properties/constraints/items/properties/modulo/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema6.properties.parameters.additionalProperties.properties.constraints.items.properties.modulo.type,parentSchema:schema6.properties.parameters.additionalProperties.properties.constraints.items.properties.modulo,data:data22};if(vErrors === null){vErrors = [err34];}else {vErrors.push(err34);}errors++;}}if(data15.allowed_values !== undefined){let data25 = data15.allowed_values;if(!(Array.isArray(data25))){const err35 = {instancePath:instancePath+"/parameters/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/constraints/" + i2+"/allowed_values",schemaPath:"#/properties/parameters/additionalProperties/properties/constraints/items/properties/allowed_values/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema6.properties.parameters.additionalProperties.properties.constraints.items.properties.allowed_values.type,parentSchema:schema6.properties.parameters.additionalProperties.properties.constraints.items.properties.allowed_values,data:data25};if(vErrors === null){vErrors = [err35];}else {vErrors.push(err35);}errors++;}}if(data15.allowed_pattern !== undefined){let data26 = data15.allowed_pattern;if(typeof data26 !== "string"){const err36 = {instancePath:instancePath+"/parameters/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/constraints/" + i2+"/allowed_pattern",schemaPath:"#/properties/parameters/additionalProperties/properties/constraints/items/properties/allowed_pattern/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema6.properties.parameters.additionalProperties.properties.constraints.items.properties.allowed_pattern.type,parentSchema:schema6.properties.parameters.additionalProperties.properties.constraints.items.properties.allowed_pattern,data:data26};if(vErrors === null){vErrors = [err36];}else {vErrors.push(err36);}errors++;}}if(data15.custom_constraint !== undefined){let data27 = data15.custom_constraint;if(typeof data27 !== "string"){const err37 = {instancePath:instancePath+"/parameters/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/constraints/" + i2+"/custom_constraint",schemaPath:"#/properties/parameters/additionalProperties/properties/constraints/items/properties/custom_constraint/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema6.properties.parameters.additionalProperties.properties.constraints.items.properties.custom_constraint.type,parentSchema:schema6.properties.parameters.additionalProperties.properties.constraints.items.properties.custom_constraint,data:data27};if(vErrors === null){vErrors = [err37];}else {vErrors.push(err37);}errors++;}}if(data15.description !== undefined){let data28 = data15.description;if(typeof data28 !== "string"){const err38 = {instancePath:instancePath+"/parameters/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/constraints/" + i2+"/description",schemaPath:"#/properties/parameters/additionalProperties/properties/constraints/items/properties/description/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema6.properties.parameters.additionalProperties.properties.constraints.items.properties.description.type,parentSchema:schema6.properties.parameters.additionalProperties.properties.constraints.items.properties.description,data:data28};if(vErrors === null){vErrors = [err38];}else {vErrors.push(err38);}errors++;}}}else {const err39 = {instancePath:instancePath+"/parameters/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/constraints/" + i2,schemaPath:"#/properties/parameters/additionalProperties/properties/constraints/items/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema6.properties.parameters.additionalProperties.properties.constraints.items.type,parentSchema:schema6.properties.parameters.additionalProperties.properties.constraints.items,data:data15};if(vErrors === null){vErrors = [err39];}else {vErrors.push(err39);}errors++;}}}else {const err40 = {instancePath:instancePath+"/parameters/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/constraints",schemaPath:"#/properties/parameters/additionalProperties/properties/constraints/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema6.properties.parameters.additionalProperties.properties.constraints.type,parentSchema:schema6.properties.parameters.additionalProperties.properties.constraints,data:data14};if(vErrors === null){vErrors = [err40];}else {vErrors.push(err40);}errors++;}}if(data9.immutable !== undefined){if(!(validate28(data9.immutable, {instancePath:instancePath+"/parameters/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/immutable",parentData:data9,parentDataProperty:"immutable",rootData}))){vErrors = vErrors === null ? validate28.errors : vErrors.concat(validate28.errors);errors = vErrors.length;}}if(data9.tags !== undefined){let data30 = data9.tags;if(Array.isArray(data30)){const len3 = data30.length;for(let i3=0; i3<len3; i3++){if(!(validate22(data30[i3], {instancePath:instancePath+"/parameters/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/tags/" + i3,parentData:data30,parentDataProperty:i3,rootData}))){vErrors = vErrors === null ? validate22.errors : vErrors.concat(validate22.errors);errors = vErrors.length;}}}else {const err41 = {instancePath:instancePath+"/parameters/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/tags",schemaPath:"#/properties/parameters/additionalProperties/properties/tags/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema6.properties.parameters.additionalProperties.properties.tags.type,parentSchema:schema6.properties.parameters.additionalProperties.properties.tags,data:data30};if(vErrors === null){vErrors = [err41];}else {vErrors.push(err41);}errors++;}}}else {const err42 = {instancePath:instancePath+"/parameters/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/parameters/additionalProperties/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema6.properties.parameters.additionalProperties.type,parentSchema:schema6.properties.parameters.additionalProperties,data:data9};if(vErrors === null){vErrors = [err42];}else {vErrors.push(err42);}errors++;}}}}if(data.resources !== undefined){let data32 = data.resources;if((!(data32 && typeof data32 == "object" && !Array.isArray(data32))) && (data32 !== null)){const err43 = {instancePath:instancePath+"/resources",schemaPath:"#/properties/resources/type",keyword:"type",params:{type: schema6.properties.resources.type},message:"must be object,null",schema:schema6.properties.resources.type,parentSchema:schema6.properties.resources,data:data32};if(vErrors === null){vErrors = [err43];}else {vErrors.push(err43);}errors++;}if(data32 && typeof data32 == "object" && !Array.isArray(data32)){for(const key8 in data32){let data33 = data32[key8];const _errs88 = errors;let valid19 = true;const _errs89 = errors;if(data33 && typeof data33 == "object" && !Array.isArray(data33)){let missing0;if((data33.type === undefined) && (missing0 = "type")){const err44 = {};if(vErrors === null){vErrors = [err44];}else {vErrors.push(err44);}errors++;}else {if(data33.type !== undefined){if("OS::Heat::ResourceGroup" !== data33.type){const err45 = {};if(vErrors === null){vErrors = [err45];}else {vErrors.push(err45);}errors++;}}}}var _valid1 = _errs89 === errors;errors = _errs88;if(vErrors !== null){if(_errs88){vErrors.length = _errs88;}else {vErrors = null;}}if(_valid1){const _errs91 = errors;if(data33 && typeof data33 == "object" && !Array.isArray(data33)){if(data33.properties === undefined){const err46 = {instancePath:instancePath+"/resources/" + key8.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/resources/additionalProperties/allOf/0/then/required",keyword:"required",params:{missingProperty: "properties"},message:"must have required property '"+"properties"+"'",schema:schema6.properties.resources.additionalProperties.allOf[0].then.required,parentSchema:schema6.properties.resources.additionalProperties.allOf[0].then,data:data33};if(vErrors === null){vErrors = [err46];}else {vErrors.push(err46);}errors++;}if(data33.properties !== undefined){let data35 = data33.properties;const _errs93 = errors;let valid22 = false;const _errs94 = errors;if(data35 && typeof data35 == "object" && !Array.isArray(data35)){if(data35.resource_def === undefined){const err47 = {instancePath:instancePath+"/resources/" + key8.replace(/~/g, "~0").replace(/\//g, "~1")+"/properties",schemaPath:"#/properties/resources/additionalProperties/allOf/0/then/properties/properties/anyOf/0/required",keyword:"required",params:{missingProperty: "resource_def"},message:"must have required property '"+"resource_def"+"'",schema:schema6.properties.resources.additionalProperties.allOf[0].then.properties.properties.anyOf[0].required,parentSchema:schema6.properties.resources.additionalProperties.allOf[0].then.properties.properties.anyOf[0],data:data35};if(vErrors === null){vErrors = [err47];}else {vErrors.push(err47);}errors++;}for(const key9 in data35){if(!(((((key9 === "count") || (key9 === "index_var")) || (key9 === "resource_def")) || (key9 === "removal_policies")) || (key9 === "removal_policies_mode"))){const err48 = {instancePath:instancePath+"/resources/" + key8.replace(/~/g, "~0").replace(/\//g, "~1")+"/properties",schemaPath:"#/properties/resources/additionalProperties/allOf/0/then/properties/properties/anyOf/0/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key9},message:"must NOT have additional properties",schema:false,parentSchema:schema6.properties.resources.additionalProperties.allOf[0].then.properties.properties.anyOf[0],data:data35};if(vErrors === null){vErrors = [err48];}else {vErrors.push(err48);}errors++;}}if(data35.count !== undefined){let data36 = data35.count;const _errs99 = errors;let valid24 = false;const _errs100 = errors;if((!(((typeof data36 == "number") && (!(data36 % 1) && !isNaN(data36))) && (isFinite(data36)))) && (typeof data36 !== "string")){const err49 = {instancePath:instancePath+"/resources/" + key8.replace(/~/g, "~0").replace(/\//g, "~1")+"/properties/count",schemaPath:"#/properties/resources/additionalProperties/allOf/0/then/properties/properties/anyOf/0/properties/count/anyOf/0/type",keyword:"type",params:{type: schema6.properties.resources.additionalProperties.allOf[0].then.properties.properties.anyOf[0].properties.count.anyOf[0].type},message:"must be integer,string",schema:schema6.properties.resources.additionalProperties.allOf[0].then.properties.properties.anyOf[0].properties.count.anyOf[0].type,parentSchema:schema6.properties.resources.additionalProperties.allOf[0].then.properties.properties.anyOf[0].properties.count.anyOf[0],data:data36};if(vErrors === null){vErrors = [err49];}else {vErrors.push(err49);}errors++;}if((typeof data36 == "number") && (isFinite(data36))){if(data36 < 0 || isNaN(data36)){const err50 = {instancePath:instancePath+"/resources/" + key8.replace(/~/g, "~0").replace(/\//g, "~1")+"/properties/count",schemaPath:"#/properties/resources/additionalProperties/allOf/0/then/properties/properties/anyOf/0/properties/count/anyOf/0/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema6.properties.resources.additionalProperties.allOf[0].then.properties.properties.anyOf[0].properties.count.anyOf[0],data:data36};if(vErrors === null){vErrors = [err50];}else {vErrors.push(err50);}errors++;}}if(typeof data36 === "string"){if(!pattern1.test(data36)){const err51 = {instancePath:instancePath+"/resources/" + key8.replace(/~/g, "~0").replace(/\//g, "~1")+"/properties/count",schemaPath:"#/properties/resources/additionalProperties/allOf/0/then/properties/properties/anyOf/0/properties/count/anyOf/0/pattern",keyword:"pattern",params:{pattern: "^\\+?[0-9]+$"},message:"must match pattern \""+"^\\+?[0-9]+$"+"\"",schema:"^\\+?[0-9]+$",parentSchema:schema6.properties.resources.additionalProperties.allOf[0].then.properties.properties.anyOf[0].properties.count.anyOf[0],data:data36};if(vErrors === null){vErrors = [err51];}else {vErrors.push(err51);}errors++;}}var _valid3 = _errs100 === errors;valid24 = valid24 || _valid3;if(!valid24){const _errs103 = errors;if(!(validate32(data36, {instancePath:instancePath+"/resources/" + key8.replace(/~/g, "~0").replace(/\//g, "~1")+"/properties/count",parentData:data35,parentDataProperty:"count",rootData}))){vErrors = vErrors === null ? validate32.errors : vErrors.concat(validate32.errors);errors = vErrors.length;}var _valid3 = _errs103 === errors;valid24 = valid24 || _valid3;}if(!valid24){const err52 = {instancePath:instancePath+"/resources/" + key8.replace(/~/g, "~0").replace(/\//g, "~1")+"/properties/count",schemaPath:"#/properties/resources/additionalProperties/allOf/0/then/properties/properties/anyOf/0/properties/count/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema6.properties.resources.additionalProperties.allOf[0].then.properties.properties.anyOf[0].properties.count.anyOf,parentSchema:schema6.properties.resources.additionalProperties.allOf[0].then.properties.properties.anyOf[0].properties.count,data:data36};if(vErrors === null){vErrors = [err52];}else {vErrors.push(err52);}errors++;}else {errors = _errs99;if(vErrors !== null){if(_errs99){vErrors.length = _errs99;}else {vErrors = null;}}}}if(data35.index_var !== undefined){let data37 = data35.index_var;const _errs105 = errors;let valid25 = false;const _errs106 = errors;if(typeof data37 === "string"){if(func2(data37) < 1){const err53 = {instancePath:instancePath+"/resources/" + key8.replace(/~/g, "~0").replace(/\//g, "~1")+"/properties/index_var",schemaPath:"#/properties/resources/additionalProperties/allOf/0/then/properties/properties/anyOf/0/properties/index_var/anyOf/0/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema6.properties.resources.additionalProperties.allOf[0].then.properties.properties.anyOf[0].properties.index_var.anyOf[0],data:data37};if(vErrors === null){vErrors = [err53];}else {vErrors.push(err53);}errors++;}}else {const err54 = {instancePath:instancePath+"/resources/" + key8.replace(/~/g, "~0").replace(/\//g, "~1")+"/properties/index_var",schemaPath:"#/properties/resources/additionalProperties/allOf/0/then/properties/properties/anyOf/0/properties/index_var/anyOf/0/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema6.properties.resources.additionalProperties.allOf[0].then.properties.properties.anyOf[0].properties.index_var.anyOf[0].type,parentSchema:schema6.properties.resources.additionalProperties.allOf[0].then.properties.properties.anyOf[0].properties.index_var.anyOf[0],data:data37};if(vErrors === null){vErrors = [err54];}else {vErrors.push(err54);}errors++;}var _valid4 = _errs106 === errors;valid25 = valid25 || _valid4;if(!valid25){const _errs109 = errors;if(!(validate32(data37, {instancePath:instancePath+"/resources/" + key8.replace(/~/g, "~0").replace(/\//g, "~1")+"/properties/index_var",parentData:data35,parentDataProperty:"index_var",rootData}))){vErrors = vErrors === null ? validate32.errors : vErrors.concat(validate32.errors);errors = vErrors.length;}var _valid4 = _errs109 === errors;valid25 = valid25 || _valid4;}if(!valid25){const err55 = {instancePath:instancePath+"/resources/" + key8.replace(/~/g, "~0").replace(/\//g, "~1")+"/properties/index_var",schemaPath:"#/properties/resources/additionalProperties/allOf/0/then/properties/properties/anyOf/0/properties/index_var/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema6.properties.resources.additionalProperties.allOf[0].then.properties.properties.anyOf[0].properties.index_var.anyOf,parentSchema:schema6.properties.resources.additionalProperties.allOf[0].then.properties.properties.anyOf[0].properties.index_var,data:data37};if(vErrors === null){vErrors = [err55];}else {vErrors.push(err55);}errors++;}else {errors = _errs105;if(vErrors !== null){if(_errs105){vErrors.length = _errs105;}else {vErrors = null;}}}}if(data35.resource_def !== undefined){let data38 = data35.resource_def;const _errs111 = errors;let valid26 = false;const _errs112 = errors;if(data38 && typeof data38 == "object" && !Array.isArray(data38)){if(data38.type === undefined){const err56 = {instancePath:instancePath+"/resources/" + key8.replace(/~/g, "~0").replace(/\//g, "~1")+"/properties/resource_def",schemaPath:"#/properties/resources/additionalProperties/allOf/0/then/properties/properties/anyOf/0/properties/resource_def/anyOf/0/required",keyword:"required",params:{missingProperty: "type"},message:"must have required property '"+"type"+"'",schema:schema6.properties.resources.additionalProperties.allOf[0].then.properties.properties.anyOf[0].properties.resource_def.anyOf[0].required,parentSchema:schema6.properties.resources.additionalProperties.allOf[0].then.properties.properties.anyOf[0].properties.resource_def.anyOf[0],data:data38};if(vErrors === null){vErrors = [err56];}else {vErrors.push(err56);}errors++;}if(data38.properties === undefined){const err57 = {instancePath:instancePath+"/resources/" + key8.replace(/~/g, "~0").replace(/\//g, "~1")+"/properties/resource_def",schemaPath:"#/properties/resources/additionalProperties/allOf/0/then/properties/properties/anyOf/0/properties/resource_def/anyOf/0/required",keyword:"required",params:{missingProperty: "properties"},message:"must have required property '"+"properties"+"'",schema:schema6.properties.resources.additionalProperties.allOf[0].then.properties.properties.anyOf[0].properties.resource_def.anyOf[0].required,parentSchema:schema6.properties.resources.additionalProperties.allOf[0].then.properties.properties.anyOf[0].properties.resource_def.anyOf[0],data:data38};if(vErrors === null){vErrors = [err57];}else {vErrors.push(err57);}errors++;}for(const key10 in data38){if(!(((key10 === "type") || (key10 === "properties")) || (key10 === "metadata"))){const err58 = {instancePath:instancePath+"/resources/" + key8.replace(/~/g, "~0").replace(/\//g, "~1")+"/properties/resource_def",schemaPath:"#/properties/resources/additionalProperties/allOf/0/then/properties/properties/anyOf/0/properties/resource_def/anyOf/0/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key10},message:"must NOT have additional properties",schema:false,parentSchema:schema6.properties.resources.additionalProperties.allOf[0].then.properties.properties.anyOf[0].properties.resource_def.anyOf[0],data:data38};if(vErrors === null){vErrors = [err58];}else {vErrors.push(err58);}errors++;}}if(data38.type !== undefined){let data39 = data38.type;if("DockerInc::Docker::Container" !== data39){const err59 = {instancePath:instancePath+"/resources/" + key8.replace(/~/g, "~0").replace(/\//g, "~1")+"/properties/resource_def/type",schemaPath:"#/properties/resources/additionalProperties/allOf/0/then/properties/properties/anyOf/0/properties/resource_def/anyOf/0/properties/type/const",keyword:"const",params:{allowedValue: "DockerInc::Docker::Container"},message:"must be equal to constant",schema:"DockerInc::Docker::Container",parentSchema:schema6.properties.resources.additionalProperties.allOf[0].then.properties.properties.anyOf[0].properties.resource_def.anyOf[0].properties.type,data:data39};if(vErrors === null){vErrors = [err59];}else {vErrors.push(err59);}errors++;}}if(data38.properties !== undefined){let data40 = data38.properties;const _errs118 = errors;let valid28 = false;const _errs119 = errors;if(!(validate35(data40, {instancePath:instancePath+"/resources/" + key8.replace(/~/g, "~0").replace(/\//g, "~1")+"/properties/resource_def/properties",parentData:data38,parentDataProperty:"properties",rootData}))){vErrors = vErrors === null ? validate35.errors : vErrors.concat(validate35.errors);errors = vErrors.length;}var _valid6 = _errs119 === errors;valid28 = valid28 || _valid6;if(!valid28){const _errs120 = errors;if(!(validate32(data40, {instancePath:instancePath+"/resources/" + key8.replace(/~/g, "~0").replace(/\//g, "~1")+"/properties/resource_def/properties",parentData:data38,parentDataProperty:"properties",rootData}))){vErrors = vErrors === null ? validate32.errors : vErrors.concat(validate32.errors);errors = vErrors.length;}var _valid6 = _errs120 === errors;valid28 = valid28 || _valid6;}if(!valid28){const err60 = {instancePath:instancePath+"/resources/" + key8.replace(/~/g, "~0").replace(/\//g, "~1")+"/properties/resource_def/properties",schemaPath:"#/properties/resources/additionalProperties/allOf/0/then/properties/properties/anyOf/0/properties/resource_def/anyOf/0/properties/properties/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema6.properties.resources.additionalProperties.allOf[0].then.properties.properties.anyOf[0].properties.resource_def.anyOf[0].properties.properties.anyOf,parentSchema:schema6.properties.resources.additionalProperties.allOf[0].then.properties.properties.anyOf[0].properties.resource_def.anyOf[0].properties.properties,data:data40};if(vErrors === null){vErrors = [err60];}else {vErrors.push(err60);}errors++;}else {errors = _errs118;if(vErrors !== null){if(_errs118){vErrors.length = _errs118;}else {vErrors = null;}}}}}else {const err61 = {instancePath:instancePath+"/resources/" + key8.replace(/~/g, "~0").replace(/\//g, "~1")+"/properties/resource_def",schemaPath:"#/properties/resources/additionalProperties/allOf/0/then/properties/properties/anyOf/0/properties/resource_def/anyOf/0/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema6.properties.resources.additionalProperties.allOf[0].then.properties.properties.anyOf[0].properties.resource_def.anyOf[0].type,parentSchema:schema6.properties.resources.additionalProperties.allOf[0].then.properties.properties.anyOf[0].properties.resource_def.anyOf[0],data:data38};if(vErrors === null){vErrors = [err61];}else {vErrors.push(err61);}errors++;}var _valid5 = _errs112 === errors;valid26 = valid26 || _valid5;if(!valid26){const _errs121 = errors;if(!(validate32(data38, {instancePath:instancePath+"/resources/" + key8.replace(/~/g, "~0").replace(/\//g, "~1")+"/properties/resource_def",parentData:data35,parentDataProperty:"resource_def",rootData}))){vErrors = vErrors === null ? validate32.errors : vErrors.concat(validate32.errors);errors = vErrors.length;}var _valid5 = _errs121 === errors;valid26 = valid26 || _valid5;}if(!valid26){const err62 = {instancePath:instancePath+"/resources/" + key8.replace(/~/g, "~0").replace(/\//g, "~1")+"/properties/resource_def",schemaPath:"#/properties/resources/additionalProperties/allOf/0/then/properties/properties/anyOf/0/properties/resource_def/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema6.properties.resources.additionalProperties.allOf[0].then.properties.properties.anyOf[0].properties.resource_def.anyOf,parentSchema:schema6.properties.resources.additionalProperties.allOf[0].then.properties.properties.anyOf[0].properties.resource_def,data:data38};if(vErrors === null){vErrors = [err62];}else {vErrors.push(err62);}errors++;}else {errors = _errs111;if(vErrors !== null){if(_errs111){vErrors.length = _errs111;}else {vErrors = null;}}}}if(data35.removal_policies !== undefined){let data41 = data35.removal_policies;const _errs123 = errors;let valid29 = false;const _errs124 = errors;if(Array.isArray(data41)){const len4 = data41.length;for(let i4=0; i4<len4; i4++){let data42 = data41[i4];const _errs128 = errors;let valid32 = false;const _errs129 = errors;if(data42 && typeof data42 == "object" && !Array.isArray(data42)){for(const key11 in data42){if(!(key11 === "resource_list")){const err63 = {instancePath:instancePath+"/resources/" + key8.replace(/~/g, "~0").replace(/\//g, "~1")+"/properties/removal_policies/" + i4,schemaPath:"#/properties/resources/additionalProperties/allOf/0/then/properties/properties/anyOf/0/properties/removal_policies/anyOf/0/items/anyOf/0/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key11},message:"must NOT have additional properties",schema:false,parentSchema:schema6.properties.resources.additionalProperties.allOf[0].then.properties.properties.anyOf[0].properties.removal_policies.anyOf[0].items.anyOf[0],data:data42};if(vErrors === null){vErrors = [err63];}else {vErrors.push(err63);}errors++;}}if(data42.resource_list !== undefined){let data43 = data42.resource_list;const _errs134 = errors;let valid34 = false;const _errs135 = errors;if(Array.isArray(data43)){const len5 = data43.length;for(let i5=0; i5<len5; i5++){let data44 = data43[i5];const _errs139 = errors;let valid37 = false;const _errs140 = errors;if((typeof data44 !== "string") && (!(((typeof data44 == "number") && (!(data44 % 1) && !isNaN(data44))) && (isFinite(data44))))){const err64 = {instancePath:instancePath+"/resources/" + key8.replace(/~/g, "~0").replace(/\//g, "~1")+"/properties/removal_policies/" + i4+"/resource_list/" + i5,schemaPath:"#/properties/resources/additionalProperties/allOf/0/then/properties/properties/anyOf/0/properties/removal_policies/anyOf/0/items/anyOf/0/properties/resource_list/anyOf/0/items/anyOf/0/type",keyword:"type",params:{type: schema6.properties.resources.additionalProperties.allOf[0].then.properties.properties.anyOf[0].properties.removal_policies.anyOf[0].items.anyOf[0].properties.resource_list.anyOf[0].items.anyOf[0].type},message:"must be string,integer",schema:schema6.properties.resources.additionalProperties.allOf[0].then.properties.properties.anyOf[0].properties.removal_policies.anyOf[0].items.anyOf[0].properties.resource_list.anyOf[0].items.anyOf[0].type,parentSchema:schema6.properties.resources.additionalProperties.allOf[0].then.properties.properties.anyOf[0].properties.removal_policies.anyOf[0].items.anyOf[0].properties.resource_list.anyOf[0].items.anyOf[0],data:data44};if(vErrors === null){vErrors = [err64];}else {vErrors.push(err64);}errors++;}var _valid10 = _errs140 === errors;valid37 = valid37 || _valid10;if(!valid37){const _errs143 = errors;if(!(validate32(data44, {instancePath:instancePath+"/resources/" + key8.replace(/~/g, "~0").replace(/\//g, "~1")+"/properties/removal_policies/" + i4+"/resource_list/" + i5,parentData:data43,parentDataProperty:i5,rootData}))){vErrors = vErrors === null ? validate32.errors : vErrors.concat(validate32.errors);errors = vErrors.length;}var _valid10 = _errs143 === errors;valid37 = valid37 || _valid10;}if(!valid37){const err65 = {instancePath:instancePath+"/resources/" + key8.replace(/~/g, "~0").replace(/\//g, "~1")+"/properties/removal_policies/" + i4+"/resource_list/" + i5,schemaPath:"#/properties/resources/additionalProperties/allOf/0/then/properties/properties/anyOf/0/properties/removal_policies/anyOf/0/items/anyOf/0/properties/resource_list/anyOf/0/items/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema6.properties.resources.additionalProperties.allOf[0].then.properties.properties.anyOf[0].properties.removal_policies.anyOf[0].items.anyOf[0].properties.resource_list.anyOf[0].items.anyOf,parentSchema:schema6.properties.resources.additionalProperties.allOf[0].then.properties.properties.anyOf[0].properties.removal_policies.anyOf[0].items.anyOf[0].properties.resource_list.anyOf[0].items,data:data44};if(vErrors === null){vErrors = [err65];}else {vErrors.push(err65);}errors++;}else {errors = _errs139;if(vErrors !== null){if(_errs139){vErrors.length = _errs139;}else {vErrors = null;}}}}}else {const err66 = {instancePath:instancePath+"/resources/" + key8.replace(/~/g, "~0").replace(/\//g, "~1")+"/properties/removal_policies/" + i4+"/resource_list",schemaPath:"#/properties/resources/additionalProperties/allOf/0/then/properties/properties/anyOf/0/properties/removal_policies/anyOf/0/items/anyOf/0/properties/resource_list/anyOf/0/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema6.properties.resources.additionalProperties.allOf[0].then.properties.properties.anyOf[0].properties.removal_policies.anyOf[0].items.anyOf[0].properties.resource_list.anyOf[0].type,parentSchema:schema6.properties.resources.additionalProperties.allOf[0].then.properties.properties.anyOf[0].properties.removal_policies.anyOf[0].items.anyOf[0].properties.resource_list.anyOf[0],data:data43};if(vErrors === null){vErrors = [err66];}else {vErrors.push(err66);}errors++;}var _valid9 = _errs135 === errors;valid34 = valid34 || _valid9;if(!valid34){const _errs144 = errors;if(!(validate32(data43, {instancePath:instancePath+"/resources/" + key8.replace(/~/g, "~0").replace(/\//g, "~1")+"/properties/removal_policies/" + i4+"/resource_list",parentData:data42,parentDataProperty:"resource_list",rootData}))){vErrors = vErrors === null ? validate32.errors : vErrors.concat(validate32.errors);errors = vErrors.length;}var _valid9 = _errs144 === errors;valid34 = valid34 || _valid9;}if(!valid34){const err67 = {instancePath:instancePath+"/resources/" + key8.replace(/~/g, "~0").replace(/\//g, "~1")+"/properties/removal_policies/" + i4+"/resource_list",schemaPath:"#/properties/resources/additionalProperties/allOf/0/then/properties/properties/anyOf/0/properties/removal_policies/anyOf/0/items/anyOf/0/properties/resource_list/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema6.properties.resources.additionalProperties.allOf[0].then.properties.properties.anyOf[0].properties.removal_policies.anyOf[0].items.anyOf[0].properties.resource_list.anyOf,parentSchema:schema6.properties.resources.additionalProperties.allOf[0].then.properties.properties.anyOf[0].properties.removal_policies.anyOf[0].items.anyOf[0].properties.resource_list,data:data43};if(vErrors === null){vErrors = [err67];}else {vErrors.push(err67);}errors++;}else {errors = _errs134;if(vErrors !== null){if(_errs134){vErrors.length = _errs134;}else {vErrors = null;}}}}}else {const err68 = {instancePath:instancePath+"/resources/" + key8.replace(/~/g, "~0").replace(/\//g, "~1")+"/properties/removal_policies/" + i4,schemaPath:"#/properties/resources/additionalProperties/allOf/0/then/properties/properties/anyOf/0/properties/removal_policies/anyOf/0/items/anyOf/0/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema6.properties.resources.additionalProperties.allOf[0].then.properties.properties.anyOf[0].properties.removal_policies.anyOf[0].items.anyOf[0].type,parentSchema:schema6.properties.resources.additionalProperties.allOf[0].then.properties.properties.anyOf[0].properties.removal_policies.anyOf[0].items.anyOf[0],data:data42};if(vErrors === null){vErrors = [err68];}else {vErrors.push(err68);}errors++;}var _valid8 = _errs129 === errors;valid32 = valid32 || _valid8;if(!valid32){const _errs145 = errors;if(!(validate32(data42, {instancePath:instancePath+"/resources/" + key8.replace(/~/g, "~0").replace(/\//g, "~1")+"/properties/removal_policies/" + i4,parentData:data41,parentDataProperty:i4,rootData}))){vErrors = vErrors === null ? validate32.errors : vErrors.concat(validate32.errors);errors = vErrors.length;}var _valid8 = _errs145 === errors;valid32 = valid32 || _valid8;}if(!valid32){const err69 = {instancePath:instancePath+"/resources/" + key8.replace(/~/g, "~0").replace(/\//g, "~1")+"/properties/removal_policies/" + i4,schemaPath:"#/properties/resources/additionalProperties/allOf/0/then/properties/properties/anyOf/0/properties/removal_policies/anyOf/0/items/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema6.properties.resources.additionalProperties.allOf[0].then.properties.properties.anyOf[0].properties.removal_policies.anyOf[0].items.anyOf,parentSchema:schema6.properties.resources.additionalProperties.allOf[0].then.properties.properties.anyOf[0].properties.removal_policies.anyOf[0].items,data:data42};if(vErrors === null){vErrors = [err69];}else {vErrors.push(err69);}errors++;}else {errors = _errs128;if(vErrors !== null){if(_errs128){vErrors.length = _errs128;}else {vErrors = null;}}}}}else {const err70 = {instancePath:instancePath+"/resources/" + key8.replace(/~/g, "~0").replace(/\//g, "~1")+"/properties/removal_policies",schemaPath:"#/properties/resources/additionalProperties/allOf/0/then/properties/properties/anyOf/0/properties/removal_policies/anyOf/0/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema6.properties.resources.additionalProperties.allOf[0].then.properties.properties.anyOf[0].properties.removal_policies.anyOf[0].type,parentSchema:schema6.properties.resources.additionalProperties.allOf[0].then.properties.properties.anyOf[0].properties.removal_policies.anyOf[0],data:data41};if(vErrors === null){vErrors = [err70];}else {vErrors.push(err70);}errors++;}var _valid7 = _errs124 === errors;valid29 = valid29 || _valid7;if(!valid29){const _errs146 = errors;if(!(validate32(data41, {instancePath:instancePath+"/resources/" + key8.replace(/~/g, "~0").replace(/\//g, "~1")+"/properties/removal_policies",parentData:data35,parentDataProperty:"removal_policies",rootData}))){vErrors = vErrors === null ? validate32.errors : vErrors.concat(validate32.errors);errors = vErrors.length;}var _valid7 = _errs146 === errors;valid29 = valid29 || _valid7;}if(!valid29){const err71 = {instancePath:instancePath+"/resources/" + key8.replace(/~/g, "~0").replace(/\//g, "~1")+"/properties/removal_policies",schemaPath:"#/properties/resources/additionalProperties/allOf/0/then/properties/properties/anyOf/0/properties/removal_policies/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema6.properties.resources.additionalProperties.allOf[0].then.properties.properties.anyOf[0].properties.removal_policies.anyOf,parentSchema:schema6.properties.resources.additionalProperties.allOf[0].then.properties.properties.anyOf[0].properties.removal_policies,data:data41};if(vErrors === null){vErrors = [err71];}else {vErrors.push(err71);}errors++;}else {errors = _errs123;if(vErrors !== null){if(_errs123){vErrors.length = _errs123;}else {vErrors = null;}}}}if(data35.removal_policies_mode !== undefined){let data45 = data35.removal_policies_mode;const _errs148 = errors;let valid38 = false;const _errs149 = errors;if(!((data45 === "append") || (data45 === "update"))){const err72 = {instancePath:instancePath+"/resources/" + key8.replace(/~/g, "~0").replace(/\//g, "~1")+"/properties/removal_policies_mode",schemaPath:"#/properties/resources/additionalProperties/allOf/0/then/properties/properties/anyOf/0/properties/removal_policies_mode/anyOf/0/enum",keyword:"enum",params:{allowedValues: schema6.properties.resources.additionalProperties.allOf[0].then.properties.properties.anyOf[0].properties.removal_policies_mode.anyOf[0].enum},message:"must be equal to one of the allowed values",schema:schema6.properties.resources.additionalProperties.allOf[0].then.properties.properties.anyOf[0].properties.removal_policies_mode.anyOf[0].enum,parentSchema:schema6.properties.resources.additionalProperties.allOf[0].then.properties.properties.anyOf[0].properties.removal_policies_mode.anyOf[0],data:data45};if(vErrors === null){vErrors = [err72];}else {vErrors.push(err72);}errors++;}var _valid11 = _errs149 === errors;valid38 = valid38 || _valid11;if(!valid38){const _errs151 = errors;if(!(validate32(data45, {instancePath:instancePath+"/resources/" + key8.replace(/~/g, "~0").replace(/\//g, "~1")+"/properties/removal_policies_mode",parentData:data35,parentDataProperty:"removal_policies_mode",rootData}))){vErrors = vErrors === null ? validate32.errors : vErrors.concat(validate32.errors);errors = vErrors.length;}var _valid11 = _errs151 === errors;valid38 = valid38 || _valid11;}if(!valid38){const err73 = {instancePath:instancePath+"/resources/" + key8.replace(/~/g, "~0").replace(/\//g, "~1")+"/properties/removal_policies_mode",schemaPath:"#/properties/resources/additionalProperties/allOf/0/then/properties/properties/anyOf/0/properties/removal_policies_mode/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema6.properties.resources.additionalProperties.allOf[0].then.properties.properties.anyOf[0].properties.removal_policies_mode.anyOf,parentSchema:schema6.properties.resources.additionalProperties.allOf[0].then.properties.properties.anyOf[0].properties.removal_policies_mode,data:data45};if(vErrors === null){vErrors = [err73];}else {vErrors.push(err73);}errors++;}else {errors = _errs148;if(vErrors !== null){if(_errs148){vErrors.length = _errs148;}else {vErrors = null;}}}}}else {const err74 = {instancePath:instancePath+"/resources/" + key8.replace(/~/g, "~0").replace(/\//g, "~1")+"/properties",schemaPath:"#/properties/resources/additionalProperties/allOf/0/then/properties/properties/anyOf/0/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema6.properties.resources.additionalProperties.allOf[0].then.properties.properties.anyOf[0].type,parentSchema:schema6.properties.resources.additionalProperties.allOf[0].then.properties.properties.anyOf[0],data:data35};if(vErrors === null){vErrors = [err74];}else {vErrors.push(err74);}errors++;}var _valid2 = _errs94 === errors;valid22 = valid22 || _valid2;if(!valid22){const _errs152 = errors;if(!(validate32(data35, {instancePath:instancePath+"/resources/" + key8.replace(/~/g, "~0").replace(/\//g, "~1")+"/properties",parentData:data33,parentDataProperty:"properties",rootData}))){vErrors = vErrors === null ? validate32.errors : vErrors.concat(validate32.errors);errors = vErrors.length;}var _valid2 = _errs152 === errors;valid22 = valid22 || _valid2;}if(!valid22){const err75 = {instancePath:instancePath+"/resources/" + key8.replace(/~/g, "~0").replace(/\//g, "~1")+"/properties",schemaPath:"#/properties/resources/additionalProperties/allOf/0/then/properties/properties/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema6.properties.resources.additionalProperties.allOf[0].then.properties.properties.anyOf,parentSchema:schema6.properties.resources.additionalProperties.allOf[0].then.properties.properties,data:data35};if(vErrors === null){vErrors = [err75];}else {vErrors.push(err75);}errors++;}else {errors = _errs93;if(vErrors !== null){if(_errs93){vErrors.length = _errs93;}else {vErrors = null;}}}}}var _valid1 = _errs91 === errors;valid19 = _valid1;}if(!valid19){const err76 = {instancePath:instancePath+"/resources/" + key8.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/resources/additionalProperties/allOf/0/if",keyword:"if",params:{failingKeyword: "then"},message:"must match \"then\" schema",schema:schema6.properties.resources.additionalProperties.allOf[0].if,parentSchema:schema6.properties.resources.additionalProperties.allOf[0],data:data33};if(vErrors === null){vErrors = [err76];}else {vErrors.push(err76);}errors++;}const _errs154 = errors;let valid39 = true;const _errs155 = errors;if(data33 && typeof data33 == "object" && !Array.isArray(data33)){let missing1;if((data33.type === undefined) && (missing1 = "type")){const err77 = {};if(vErrors === null){vErrors = [err77];}else {vErrors.push(err77);}errors++;}else {if(data33.type !== undefined){if("OS::Heat::Value" !== data33.type){const err78 = {};if(vErrors === null){vErrors = [err78];}else {vErrors.push(err78);}errors++;}}}}var _valid12 = _errs155 === errors;errors = _errs154;if(vErrors !== null){if(_errs154){vErrors.length = _errs154;}else {vErrors = null;}}if(_valid12){const _errs157 = errors;if(data33 && typeof data33 == "object" && !Array.isArray(data33)){if(data33.properties === undefined){const err79 = {instancePath:instancePath+"/resources/" + key8.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/resources/additionalProperties/allOf/1/then/required",keyword:"required",params:{missingProperty: "properties"},message:"must have required property '"+"properties"+"'",schema:schema6.properties.resources.additionalProperties.allOf[1].then.required,parentSchema:schema6.properties.resources.additionalProperties.allOf[1].then,data:data33};if(vErrors === null){vErrors = [err79];}else {vErrors.push(err79);}errors++;}if(data33.properties !== undefined){let data47 = data33.properties;const _errs159 = errors;let valid42 = false;const _errs160 = errors;if(data47 && typeof data47 == "object" && !Array.isArray(data47)){if(data47.value === undefined){const err80 = {instancePath:instancePath+"/resources/" + key8.replace(/~/g, "~0").replace(/\//g, "~1")+"/properties",schemaPath:"#/properties/resources/additionalProperties/allOf/1/then/properties/properties/anyOf/0/required",keyword:"required",params:{missingProperty: "value"},message:"must have required property '"+"value"+"'",schema:schema6.properties.resources.additionalProperties.allOf[1].then.properties.properties.anyOf[0].required,parentSchema:schema6.properties.resources.additionalProperties.allOf[1].then.properties.properties.anyOf[0],data:data47};if(vErrors === null){vErrors = [err80];}else {vErrors.push(err80);}errors++;}for(const key12 in data47){if(!((key12 === "value") || (key12 === "type"))){const err81 = {instancePath:instancePath+"/resources/" + key8.replace(/~/g, "~0").replace(/\//g, "~1")+"/properties",schemaPath:"#/properties/resources/additionalProperties/allOf/1/then/properties/properties/anyOf/0/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key12},message:"must NOT have additional properties",schema:false,parentSchema:schema6.properties.resources.additionalProperties.allOf[1].then.properties.properties.anyOf[0],data:data47};if(vErrors === null){vErrors = [err81];}else {vErrors.push(err81);}errors++;}}if(data47.type !== undefined){let data48 = data47.type;const _errs165 = errors;let valid44 = false;const _errs166 = errors;if(!(((((data48 === "string") || (data48 === "number")) || (data48 === "comma_delimited_list")) || (data48 === "json")) || (data48 === "boolean"))){const err82 = {instancePath:instancePath+"/resources/" + key8.replace(/~/g, "~0").replace(/\//g, "~1")+"/properties/type",schemaPath:"#/properties/resources/additionalProperties/allOf/1/then/properties/properties/anyOf/0/properties/type/anyOf/0/enum",keyword:"enum",params:{allowedValues: schema6.properties.resources.additionalProperties.allOf[1].then.properties.properties.anyOf[0].properties.type.anyOf[0].enum},message:"must be equal to one of the allowed values",schema:schema6.properties.resources.additionalProperties.allOf[1].then.properties.properties.anyOf[0].properties.type.anyOf[0].enum,parentSchema:schema6.properties.resources.additionalProperties.allOf[1].then.properties.properties.anyOf[0].properties.type.anyOf[0],data:data48};if(vErrors === null){vErrors = [err82];}else {vErrors.push(err82);}errors++;}var _valid14 = _errs166 === errors;valid44 = valid44 || _valid14;if(!valid44){const _errs168 = errors;if(!(validate32(data48, {instancePath:instancePath+"/resources/" + key8.replace(/~/g, "~0").replace(/\//g, "~1")+"/properties/type",parentData:data47,parentDataProperty:"type",rootData}))){vErrors = vErrors === null ? validate32.errors : vErrors.concat(validate32.errors);errors = vErrors.length;}var _valid14 = _errs168 === errors;valid44 = valid44 || _valid14;}if(!valid44){const err83 = {instancePath:instancePath+"/resources/" + key8.replace(/~/g, "~0").replace(/\//g, "~1")+"/properties/type",schemaPath:"#/properties/resources/additionalProperties/allOf/1/then/properties/properties/anyOf/0/properties/type/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema6.properties.resources.additionalProperties.allOf[1].then.properties.properties.anyOf[0].properties.type.anyOf,parentSchema:schema6.properties.resources.additionalProperties.allOf[1].then.properties.properties.anyOf[0].properties.type,data:data48};if(vErrors === null){vErrors = [err83];}else {vErrors.push(err83);}errors++;}else {errors = _errs165;if(vErrors !== null){if(_errs165){vErrors.length = _errs165;}else {vErrors = null;}}}}}else {const err84 = {instancePath:instancePath+"/resources/" + key8.replace(/~/g, "~0").replace(/\//g, "~1")+"/properties",schemaPath:"#/properties/resources/additionalProperties/allOf/1/then/properties/properties/anyOf/0/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema6.properties.resources.additionalProperties.allOf[1].then.properties.properties.anyOf[0].type,parentSchema:schema6.properties.resources.additionalProperties.allOf[1].then.properties.properties.anyOf[0],data:data47};if(vErrors === null){vErrors = [err84];}else {vErrors.push(err84);}errors++;}var _valid13 = _errs160 === errors;valid42 = valid42 || _valid13;if(!valid42){const _errs169 = errors;if(!(validate32(data47, {instancePath:instancePath+"/resources/" + key8.replace(/~/g, "~0").replace(/\//g, "~1")+"/properties",parentData:data33,parentDataProperty:"properties",rootData}))){vErrors = vErrors === null ? validate32.errors : vErrors.concat(validate32.errors);errors = vErrors.length;}var _valid13 = _errs169 === errors;valid42 = valid42 || _valid13;}if(!valid42){const err85 = {instancePath:instancePath+"/resources/" + key8.replace(/~/g, "~0").replace(/\//g, "~1")+"/properties",schemaPath:"#/properties/resources/additionalProperties/allOf/1/then/properties/properties/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema6.properties.resources.additionalProperties.allOf[1].then.properties.properties.anyOf,parentSchema:schema6.properties.resources.additionalProperties.allOf[1].then.properties.properties,data:data47};if(vErrors === null){vErrors = [err85];}else {vErrors.push(err85);}errors++;}else {errors = _errs159;if(vErrors !== null){if(_errs159){vErrors.length = _errs159;}else {vErrors = null;}}}}}var _valid12 = _errs157 === errors;valid39 = _valid12;}if(!valid39){const err86 = {instancePath:instancePath+"/resources/" + key8.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/resources/additionalProperties/allOf/1/if",keyword:"if",params:{failingKeyword: "then"},message:"must match \"then\" schema",schema:schema6.properties.resources.additionalProperties.allOf[1].if,parentSchema:schema6.properties.resources.additionalProperties.allOf[1],data:data33};if(vErrors === null){vErrors = [err86];}else {vErrors.push(err86);}errors++;}const _errs170 = errors;let valid45 = true;const _errs171 = errors;if(data33 && typeof data33 == "object" && !Array.isArray(data33)){if(data33.type !== undefined){if("DockerInc::Docker::Container" !== data33.type){const err87 = {};if(vErrors === null){vErrors = [err87];}else {vErrors.push(err87);}errors++;}}}var _valid15 = _errs171 === errors;errors = _errs170;if(vErrors !== null){if(_errs170){vErrors.length = _errs170;}else {vErrors = null;}}if(_valid15){const _errs173 = errors;if(data33 && typeof data33 == "object" && !Array.isArray(data33)){if(data33.properties === undefined){const err88 = {instancePath:instancePath+"/resources/" + key8.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/resources/additionalProperties/then/required",keyword:"required",params:{missingProperty: "properties"},message:"must have required property '"+"properties"+"'",schema:schema6.properties.resources.additionalProperties.then.required,parentSchema:schema6.properties.resources.additionalProperties.then,data:data33};if(vErrors === null){vErrors = [err88];}else {vErrors.push(err88);}errors++;}if(data33.properties !== undefined){let data50 = data33.properties;const _errs175 = errors;let valid48 = false;const _errs176 = errors;if(!(validate35(data50, {instancePath:instancePath+"/resources/" + key8.replace(/~/g, "~0").replace(/\//g, "~1")+"/properties",parentData:data33,parentDataProperty:"properties",rootData}))){vErrors = vErrors === null ? validate35.errors : vErrors.concat(validate35.errors);errors = vErrors.length;}var _valid16 = _errs176 === errors;valid48 = valid48 || _valid16;if(!valid48){const _errs177 = errors;if(!(validate32(data50, {instancePath:instancePath+"/resources/" + key8.replace(/~/g, "~0").replace(/\//g, "~1")+"/properties",parentData:data33,parentDataProperty:"properties",rootData}))){vErrors = vErrors === null ? validate32.errors : vErrors.concat(validate32.errors);errors = vErrors.length;}var _valid16 = _errs177 === errors;valid48 = valid48 || _valid16;}if(!valid48){const err89 = {instancePath:instancePath+"/resources/" + key8.replace(/~/g, "~0").replace(/\//g, "~1")+"/properties",schemaPath:"#/properties/resources/additionalProperties/then/properties/properties/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema6.properties.resources.additionalProperties.then.properties.properties.anyOf,parentSchema:schema6.properties.resources.additionalProperties.then.properties.properties,data:data50};if(vErrors === null){vErrors = [err89];}else {vErrors.push(err89);}errors++;}else {errors = _errs175;if(vErrors !== null){if(_errs175){vErrors.length = _errs175;}else {vErrors = null;}}}}}var _valid15 = _errs173 === errors;valid45 = _valid15;}if(!valid45){const err90 = {instancePath:instancePath+"/resources/" + key8.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/resources/additionalProperties/if",keyword:"if",params:{failingKeyword: "then"},message:"must match \"then\" schema",schema:schema6.properties.resources.additionalProperties.if,parentSchema:schema6.properties.resources.additionalProperties,data:data33};if(vErrors === null){vErrors = [err90];}else {vErrors.push(err90);}errors++;}if(data33 && typeof data33 == "object" && !Array.isArray(data33)){if(data33.type === undefined){const err91 = {instancePath:instancePath+"/resources/" + key8.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/resources/additionalProperties/required",keyword:"required",params:{missingProperty: "type"},message:"must have required property '"+"type"+"'",schema:schema6.properties.resources.additionalProperties.required,parentSchema:schema6.properties.resources.additionalProperties,data:data33};if(vErrors === null){vErrors = [err91];}else {vErrors.push(err91);}errors++;}for(const key13 in data33){if(!(func3.call(schema6.properties.resources.additionalProperties.properties, key13))){const err92 = {instancePath:instancePath+"/resources/" + key8.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/resources/additionalProperties/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key13},message:"must NOT have additional properties",schema:false,parentSchema:schema6.properties.resources.additionalProperties,data:data33};if(vErrors === null){vErrors = [err92];}else {vErrors.push(err92);}errors++;}}if(data33.type !== undefined){let data51 = data33.type;if(!((((data51 === "DockerInc::Docker::Container") || (data51 === "OS::Heat::ResourceGroup")) || (data51 === "OS::Heat::Value")) || (data51 === "OS::Heat::None"))){const err93 = {instancePath:instancePath+"/resources/" + key8.replace(/~/g, "~0").replace(/\//g, "~1")+"/type",schemaPath:"#/properties/resources/additionalProperties/properties/type/enum",keyword:"enum",params:{allowedValues: schema6.properties.resources.additionalProperties.properties.type.enum},message:"must be equal to one of the allowed values",schema:schema6.properties.resources.additionalProperties.properties.type.enum,parentSchema:schema6.properties.resources.additionalProperties.properties.type,data:data51};if(vErrors === null){vErrors = [err93];}else {vErrors.push(err93);}errors++;}}if(data33.depends_on !== undefined){let data52 = data33.depends_on;if((typeof data52 !== "string") && (!(Array.isArray(data52)))){const err94 = {instancePath:instancePath+"/resources/" + key8.replace(/~/g, "~0").replace(/\//g, "~1")+"/depends_on",schemaPath:"#/properties/resources/additionalProperties/properties/depends_on/type",keyword:"type",params:{type: schema6.properties.resources.additionalProperties.properties.depends_on.type},message:"must be string,array",schema:schema6.properties.resources.additionalProperties.properties.depends_on.type,parentSchema:schema6.properties.resources.additionalProperties.properties.depends_on,data:data52};if(vErrors === null){vErrors = [err94];}else {vErrors.push(err94);}errors++;}if(Array.isArray(data52)){const len6 = data52.length;for(let i6=0; i6<len6; i6++){let data53 = data52[i6];if(typeof data53 !== "string"){const err95 = {instancePath:instancePath+"/resources/" + key8.replace(/~/g, "~0").replace(/\//g, "~1")+"/depends_on/" + i6,schemaPath:"#/properties/resources/additionalProperties/properties/depends_on/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema6.properties.resources.additionalProperties.properties.depends_on.items.type,parentSchema:schema6.properties.resources.additionalProperties.properties.depends_on.items,data:data53};if(vErrors === null){vErrors = [err95];}else {vErrors.push(err95);}errors++;}}}}if(data33.deletion_policy !== undefined){let data54 = data33.deletion_policy;const _errs188 = errors;let valid52 = false;const _errs189 = errors;if(!((((data54 === "Delete") || (data54 === "Retain")) || (data54 === "delete")) || (data54 === "retain"))){const err96 = {instancePath:instancePath+"/resources/" + key8.replace(/~/g, "~0").replace(/\//g, "~1")+"/deletion_policy",schemaPath:"#/properties/resources/additionalProperties/properties/deletion_policy/anyOf/0/enum",keyword:"enum",params:{allowedValues: schema6.properties.resources.additionalProperties.properties.deletion_policy.anyOf[0].enum},message:"must be equal to one of the allowed values",schema:schema6.properties.resources.additionalProperties.properties.deletion_policy.anyOf[0].enum,parentSchema:schema6.properties.resources.additionalProperties.properties.deletion_policy.anyOf[0],data:data54};if(vErrors === null){vErrors = [err96];}else {vErrors.push(err96);}errors++;}var _valid17 = _errs189 === errors;valid52 = valid52 || _valid17;if(!valid52){const _errs191 = errors;if(!(validate32(data54, {instancePath:instancePath+"/resources/" + key8.replace(/~/g, "~0").replace(/\//g, "~1")+"/deletion_policy",parentData:data33,parentDataProperty:"deletion_policy",rootData}))){vErrors = vErrors === null ? validate32.errors : vErrors.concat(validate32.errors);errors = vErrors.length;}var _valid17 = _errs191 === errors;valid52 = valid52 || _valid17;}if(!valid52){const err97 = {instancePath:instancePath+"/resources/" + key8.replace(/~/g, "~0").replace(/\//g, "~1")+"/deletion_policy",schemaPath:"#/properties/resources/additionalProperties/properties/deletion_policy/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema6.properties.resources.additionalProperties.properties.deletion_policy.anyOf,parentSchema:schema6.properties.resources.additionalProperties.properties.deletion_policy,data:data54};if(vErrors === null){vErrors = [err97];}else {vErrors.push(err97);}errors++;}else {errors = _errs188;if(vErrors !== null){if(_errs188){vErrors.length = _errs188;}else {vErrors = null;}}}}if(data33.update_policy !== undefined){let data55 = data33.update_policy;const _errs193 = errors;let valid53 = false;const _errs194 = errors;if(!(data55 && typeof data55 == "object" && !Array.isArray(data55))){const err98 = {instancePath:instancePath+"/resources/" + key8.replace(/~/g, "~0").replace(/\//g, "~1")+"/update_policy",schemaPath:"#/properties/resources/additionalProperties/properties/update_policy/anyOf/0/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema6.properties.resources.additionalProperties.properties.update_policy.anyOf[0].type,parentSchema:schema6.properties.resources.additionalProperties.properties.update_policy.anyOf[0],data:data55};if(vErrors === null){vErrors = [err98];}else {vErrors.push(err98);}errors++;}var _valid18 = _errs194 === errors;valid53 = valid53 || _valid18;if(!valid53){const _errs197 = errors;if(!(validate32(data55, {instancePath:instancePath+"/resources/" + key8.replace(/~/g, "~0").replace(/\//g, "~1")+"/update_policy",parentData:data33,parentDataProperty:"update_policy",rootData}))){vErrors = vErrors === null ? validate32.errors : vErrors.concat(validate32.errors);errors = vErrors.length;}var _valid18 = _errs197 === errors;valid53 = valid53 || _valid18;}if(!valid53){const err99 = {instancePath:instancePath+"/resources/" + key8.replace(/~/g, "~0").replace(/\//g, "~1")+"/update_policy",schemaPath:"#/properties/resources/additionalProperties/properties/update_policy/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema6.properties.resources.additionalProperties.properties.update_policy.anyOf,parentSchema:schema6.properties.resources.additionalProperties.properties.update_policy,data:data55};if(vErrors === null){vErrors = [err99];}else {vErrors.push(err99);}errors++;}else {errors = _errs193;if(vErrors !== null){if(_errs193){vErrors.length = _errs193;}else {vErrors = null;}}}}if(data33.description !== undefined){let data56 = data33.description;const _errs199 = errors;let valid54 = false;const _errs200 = errors;if(!(validate22(data56, {instancePath:instancePath+"/resources/" + key8.replace(/~/g, "~0").replace(/\//g, "~1")+"/description",parentData:data33,parentDataProperty:"description",rootData}))){vErrors = vErrors === null ? validate22.errors : vErrors.concat(validate22.errors);errors = vErrors.length;}var _valid19 = _errs200 === errors;valid54 = valid54 || _valid19;if(!valid54){const _errs201 = errors;if(!(validate32(data56, {instancePath:instancePath+"/resources/" + key8.replace(/~/g, "~0").replace(/\//g, "~1")+"/description",parentData:data33,parentDataProperty:"description",rootData}))){vErrors = vErrors === null ? validate32.errors : vErrors.concat(validate32.errors);errors = vErrors.length;}var _valid19 = _errs201 === errors;valid54 = valid54 || _valid19;}if(!valid54){const err100 = {instancePath:instancePath+"/resources/" + key8.replace(/~/g, "~0").replace(/\//g, "~1")+"/description",schemaPath:"#/properties/resources/additionalProperties/properties/description/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema6.properties.resources.additionalProperties.properties.description.anyOf,parentSchema:schema6.properties.resources.additionalProperties.properties.description,data:data56};if(vErrors === null){vErrors = [err100];}else {vErrors.push(err100);}errors++;}else {errors = _errs199;if(vErrors !== null){if(_errs199){vErrors.length = _errs199;}else {vErrors = null;}}}}if(data33.condition !== undefined){if(!(validate131(data33.condition, {instancePath:instancePath+"/resources/" + key8.replace(/~/g, "~0").replace(/\//g, "~1")+"/condition",parentData:data33,parentDataProperty:"condition",rootData}))){vErrors = vErrors === null ? validate131.errors : vErrors.concat(validate131.errors);errors = vErrors.length;}}if(data33.external_id !== undefined){let data58 = data33.external_id;const _errs204 = errors;let valid55 = false;const _errs205 = errors;if(!(validate22(data58, {instancePath:instancePath+"/resources/" + key8.replace(/~/g, "~0").replace(/\//g, "~1")+"/external_id",parentData:data33,parentDataProperty:"external_id",rootData}))){vErrors = vErrors === null ? validate22.errors : vErrors.concat(validate22.errors);errors = vErrors.length;}var _valid20 = _errs205 === errors;valid55 = valid55 || _valid20;if(!valid55){const _errs206 = errors;if(!(validate32(data58, {instancePath:instancePath+"/resources/" + key8.replace(/~/g, "~0").replace(/\//g, "~1")+"/external_id",parentData:data33,parentDataProperty:"external_id",rootData}))){vErrors = vErrors === null ? validate32.errors : vErrors.concat(validate32.errors);errors = vErrors.length;}var _valid20 = _errs206 === errors;valid55 = valid55 || _valid20;}if(!valid55){const err101 = {instancePath:instancePath+"/resources/" + key8.replace(/~/g, "~0").replace(/\//g, "~1")+"/external_id",schemaPath:"#/properties/resources/additionalProperties/properties/external_id/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema6.properties.resources.additionalProperties.properties.external_id.anyOf,parentSchema:schema6.properties.resources.additionalProperties.properties.external_id,data:data58};if(vErrors === null){vErrors = [err101];}else {vErrors.push(err101);}errors++;}else {errors = _errs204;if(vErrors !== null){if(_errs204){vErrors.length = _errs204;}else {vErrors = null;}}}}}else {const err102 = {instancePath:instancePath+"/resources/" + key8.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/resources/additionalProperties/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema6.properties.resources.additionalProperties.type,parentSchema:schema6.properties.resources.additionalProperties,data:data33};if(vErrors === null){vErrors = [err102];}else {vErrors.push(err102);}errors++;}}}}if(data.outputs !== undefined){let data59 = data.outputs;if((!(data59 && typeof data59 == "object" && !Array.isArray(data59))) && (data59 !== null)){const err103 = {instancePath:instancePath+"/outputs",schemaPath:"#/properties/outputs/type",keyword:"type",params:{type: schema6.properties.outputs.type},message:"must be object,null",schema:schema6.properties.outputs.type,parentSchema:schema6.properties.outputs,data:data59};if(vErrors === null){vErrors = [err103];}else {vErrors.push(err103);}errors++;}if(data59 && typeof data59 == "object" && !Array.isArray(data59)){for(const key14 in data59){let data60 = data59[key14];if(data60 && typeof data60 == "object" && !Array.isArray(data60)){if(data60.value === undefined){const err104 = {instancePath:instancePath+"/outputs/" + key14.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/outputs/additionalProperties/required",keyword:"required",params:{missingProperty: "value"},message:"must have required property '"+"value"+"'",schema:schema6.properties.outputs.additionalProperties.required,parentSchema:schema6.properties.outputs.additionalProperties,data:data60};if(vErrors === null){vErrors = [err104];}else {vErrors.push(err104);}errors++;}for(const key15 in data60){if(!(((key15 === "value") || (key15 === "description")) || (key15 === "condition"))){const err105 = {instancePath:instancePath+"/outputs/" + key14.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/outputs/additionalProperties/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key15},message:"must NOT have additional properties",schema:false,parentSchema:schema6.properties.outputs.additionalProperties,data:data60};if(vErrors === null){vErrors = [err105];}else {vErrors.push(err105);}errors++;}}if(data60.description !== undefined){if(!(validate22(data60.description, {instancePath:instancePath+"/outputs/" + key14.replace(/~/g, "~0").replace(/\//g, "~1")+"/description",parentData:data60,parentDataProperty:"description",rootData}))){vErrors = vErrors === null ? validate22.errors : vErrors.concat(validate22.errors);errors = vErrors.length;}}if(data60.condition !== undefined){if(!(validate131(data60.condition, {instancePath:instancePath+"/outputs/" + key14.replace(/~/g, "~0").replace(/\//g, "~1")+"/condition",parentData:data60,parentDataProperty:"condition",rootData}))){vErrors = vErrors === null ? validate131.errors : vErrors.concat(validate131.errors);errors = vErrors.length;}}}else {const err106 = {instancePath:instancePath+"/outputs/" + key14.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/outputs/additionalProperties/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema6.properties.outputs.additionalProperties.type,parentSchema:schema6.properties.outputs.additionalProperties,data:data60};if(vErrors === null){vErrors = [err106];}else {vErrors.push(err106);}errors++;}}}}if(data.conditions !== undefined){let data63 = data.conditions;if((!(data63 && typeof data63 == "object" && !Array.isArray(data63))) && (data63 !== null)){const err107 = {instancePath:instancePath+"/conditions",schemaPath:"#/properties/conditions/type",keyword:"type",params:{type: schema6.properties.conditions.type},message:"must be object,null",schema:schema6.properties.conditions.type,parentSchema:schema6.properties.conditions,data:data63};if(vErrors === null){vErrors = [err107];}else {vErrors.push(err107);}errors++;}}}else {const err108 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema6.type,parentSchema:schema6,data};if(vErrors === null){vErrors = [err108];}else {vErrors.push(err108);}errors++;}validate21.errors = vErrors;return errors === 0;}

/** The HOT schema's validator, compiled ahead of time. */
const hotSchemaValidator = validate21;

;// CONCATENATED MODULE: ./src/template/suggest.ts
/** "Did you mean \u2026?" for misspelled names: property keys, sections, capabilities, functions. */
/**
 * Optimal string alignment distance (Levenshtein plus adjacent transpositions), so the common
 * slip of swapped letters ('imgae') costs one edit like a wrong letter does.
 */
function editDistance(a, b) {
    const rows = a.length + 1;
    const cols = b.length + 1;
    const d = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
    for (let i = 1; i < rows; i++) {
        for (let j = 1; j < cols; j++) {
            const cost = a[i - 1] === b[j - 1] ? 0 : 1;
            d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
            if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
                d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
    }
    return d[rows - 1][cols - 1];
}
// Words this short are within two edits of almost anything; a suggestion there is noise.
const MIN_PREFIX = 3;
/**
 * The candidate closest to `word`, compared case-insensitively: within two edits (and fewer
 * edits than the word has letters), else the shortest candidate that the word starts or is the
 * start of (`port` \u2192 `port_specs`). Undefined when nothing is close, or when `word` is itself a
 * candidate as written.
 */
function suggest(word, candidates) {
    if (candidates.includes(word))
        return undefined;
    const w = word.toLowerCase();
    let best;
    let bestDistance = Infinity;
    for (const c of candidates) {
        const dist = editDistance(w, c.toLowerCase());
        if (dist <= 2 && dist < w.length && dist < bestDistance) {
            best = c;
            bestDistance = dist;
        }
    }
    if (best !== undefined)
        return best;
    if (w.length < MIN_PREFIX)
        return undefined;
    const prefixed = candidates.filter((c) => {
        const l = c.toLowerCase();
        return l.length >= MIN_PREFIX && (l.startsWith(w) || w.startsWith(l));
    });
    return prefixed.sort((x, y) => x.length - y.length)[0];
}

;// CONCATENATED MODULE: ./src/template/schema-messages.ts
/**
 * Turns one schema violation into a code and a sentence a user can act on: names the thing by
 * its place in the template ("property 'cmd' of resource 'web'"), says what it must be, and
 * suggests the closest valid name when there is one.
 */



const keyOf = (s) => (s && 'key' in s ? s.key : undefined);
function quote(s) {
    return `'${s.length > 60 ? s.slice(0, 57) + '...' : s}'`;
}
/** The value as a message shows it: strings quoted, scalars as written, containers by kind. */
function showValue(v) {
    if (typeof v === 'string')
        return quote(v);
    if (typeof v === 'number' || typeof v === 'boolean')
        return String(v);
    return kindOf(v);
}
/** "a string", "a mapping", ...: the kind of a value. */
function kindOf(v) {
    if (v === null || v === undefined)
        return 'an empty value';
    if (Array.isArray(v))
        return 'a list';
    if (v instanceof Date)
        return 'a date';
    if (typeof v === 'object')
        return 'a mapping';
    if (typeof v === 'boolean')
        return 'a boolean';
    return `a ${typeof v}`;
}
/** Names the node at `segments` the way a user thinks of it. */
function subjectOf(segments) {
    const [section, name, ...rest] = segments;
    const sec = keyOf(section);
    if (sec === undefined)
        return 'the template';
    if (name === undefined)
        return `the '${sec}' section`;
    const nameText = 'key' in name ? name.key : String(name.index + 1);
    let base;
    let tail = rest;
    if (sec === 'resources') {
        base = `resource '${nameText}'`;
        if (keyOf(rest[0]) === 'properties') {
            if (rest.length === 1)
                return `the properties of ${base}`;
            base = `property '${keyOf(rest[1])}' of ${base}`;
            tail = rest.slice(2);
        }
    }
    else if (sec === 'parameters') {
        base = `parameter '${nameText}'`;
        if (keyOf(rest[0]) === 'constraints' && rest[1] && 'index' in rest[1]) {
            base = `constraint ${rest[1].index + 1} of ${base}`;
            tail = rest.slice(2);
        }
    }
    else if (sec === 'outputs')
        base = `output '${nameText}'`;
    else if (sec === 'conditions')
        base = `condition '${nameText}'`;
    else if (sec === 'parameter_groups')
        base = `parameter group ${nameText}`;
    else
        base = `the '${sec}' section`;
    const words = tail.map((s) => ('key' in s ? `'${s.key}'` : `item ${s.index + 1}`)).reverse();
    return [...words, base].join(' of ');
}
/** "(did you mean 'x'?)" or ''. */
function didYouMean(word, candidates) {
    if (typeof word !== 'string')
        return '';
    const s = suggest(word, candidates);
    return s ? ` (did you mean '${s}'?)` : '';
}
/** For a one-key mapping whose key is a near miss of a function name: the hint that says so. */
function functionTypoHint(v) {
    if (typeof v !== 'object' || v === null || Array.isArray(v))
        return '';
    const keys = Object.keys(v);
    if (keys.length !== 1)
        return '';
    const s = suggest(keys[0], INTRINSIC_FUNCTIONS);
    return s ? ` ('${keys[0]}' is not a function; did you mean '${s}'?)` : '';
}
function expected(schema) {
    const x = schema['x-expected'];
    if (typeof x === 'string')
        return x;
    const t = Array.isArray(schema.type) ? schema.type[0] : schema.type;
    return { string: 'a string', number: 'a number', integer: 'a whole number', object: 'a mapping', array: 'a list', boolean: 'true or false' }[String(t)] ?? 'something else';
}
/** Where in the template the violation sits, for picking a code. */
function place(segments) {
    if (keyOf(segments[0]) !== 'resources' || keyOf(segments[2]) !== 'properties' || segments.length < 4)
        return { depth: 0 };
    return { property: keyOf(segments[3]), depth: segments.length - 4, field: keyOf(segments[segments.length - 1]) };
}
function portWording(v) {
    const p = place(v.segments);
    const owner = subjectOf(v.segments.slice(0, 4));
    const parent = keyOf(v.segments[4]);
    let where;
    if (p.property === 'port_specs')
        where = `${showValue(v.data)} in ${owner}`;
    else if (v.isKey)
        where = `container port ${showValue(v.data)} in ${owner}`;
    else
        where = `host port ${showValue(v.data)} for container port '${parent}' in ${owner}`;
    return { code: 'invalid-port', message: `${where} is not a valid port; use ${expected(v.schema)}`, at: v.isKey ? 'key' : 'value' };
}
const VALUE_KEYWORDS = new Set(['type', 'pattern', 'minimum', 'maximum', 'minLength', 'maxLength', 'enum', 'const', 'anyOf']);
function unknownKey(v) {
    const key = String(v.params.additionalProperty);
    const segs = v.segments;
    if (segs.length === 0) {
        return { code: 'unknown-section', at: 'key', message: `unknown section '${key}'${didYouMean(key, HOT_SECTIONS)}; a HOT template has only the sections ${HOT_SECTIONS.join(', ')}` };
    }
    const known = Object.keys(v.schema.properties ?? {});
    const fnHint = Object.keys(v.data).length === 1 ? functionTypoHint(v.data) : '';
    const dym = fnHint || didYouMean(key, known);
    if (segs.length === 3 && keyOf(segs[0]) === 'resources' && keyOf(segs[2]) === 'properties') {
        const owner = known.includes('resource_def') ? `an ${resource_group_schema/* GROUP_TYPE */.t} has only ${known.join(', ')}` : `${CONTAINER_TYPE} has no such property`;
        const why = dym || `; ${owner}`;
        return { code: 'unknown-property', at: 'key', message: `unknown property '${key}' in resource '${keyOf(segs[1])}'${why}` };
    }
    let why = dym;
    if (!why && segs.length === 2 && keyOf(segs[0]) === 'resources') {
        const misplaced = CONTAINER_PROPERTIES.includes(key) ? ` ('${key}' goes under 'properties')` : '';
        why = `; a resource has only the keys ${known.join(', ')}${misplaced}`;
    }
    else if (!why && known.length > 0 && known.length <= 10)
        why = `; expected one of ${known.join(', ')}`;
    return { code: 'unknown-key', at: 'key', message: `unknown key '${key}' in ${subjectOf(segs)}${why}` };
}
function missing(v) {
    const m = String(v.params.missingProperty);
    const segs = v.segments;
    const sec = keyOf(segs[0]);
    const subject = subjectOf(segs);
    let message = `${subject} has no '${m}'`;
    if (sec === 'resources' && segs.length === 3 && m === 'image')
        message = `resource '${keyOf(segs[1])}' has no 'image': hotdock needs an image to run`;
    else if (sec === 'resources' && segs.length === 2 && m === 'properties')
        message = `${subject} has no 'properties': hotdock needs at least an 'image' to run`;
    else if (sec === 'resources' && segs.length === 2 && m === 'type')
        message = `${subject} has no 'type'; add 'type: ${CONTAINER_TYPE}'`;
    else if (sec === 'parameters' && segs.length === 2 && m === 'type')
        message = `${subject} has no 'type'; use one of string, number, comma_delimited_list, json or boolean`;
    else if (sec === 'outputs' && segs.length === 2 && m === 'value')
        message = `${subject} has no 'value'; e.g. value: {get_attr: [web, network_ip]}`;
    return { code: 'missing-required', at: 'key', message };
}
function badEnum(v) {
    const allowed = v.schema.enum?.map(String) ?? [];
    const segs = v.segments;
    const dym = didYouMean(v.data, allowed);
    const field = keyOf(segs[segs.length - 1]);
    if (field === 'deletion_policy' && (v.data === 'Snapshot' || v.data === 'snapshot')) {
        return { code: 'unsupported-deletion-policy', at: 'value', message: `deletion_policy '${String(v.data)}' of resource '${keyOf(segs[1])}' is not supported: a container has no snapshot; use Delete or Retain` };
    }
    if (allowed.length > 8) {
        // A long list (capabilities) helps nobody in a sentence: name what it is and the closest match.
        const last = segs[segs.length - 1];
        const owner = last && 'index' in last ? subjectOf(segs.slice(0, -1)) : subjectOf(segs);
        return { code: 'invalid-value', at: 'value', message: `${showValue(v.data)} in ${owner} is not ${expected(v.schema)}${dym}` };
    }
    const list = allowed.length > 1 ? `${allowed.slice(0, -1).join(', ')} or ${allowed[allowed.length - 1]}` : allowed.join('');
    const choice = allowed.length > 2 ? `one of ${list}` : list;
    return { code: 'invalid-value', at: 'value', message: `${subjectOf(segs)} must be ${choice}, not ${showValue(v.data)}${dym}` };
}
/** The code and sentence for one violation. */
function wordingFor(v) {
    const p = place(v.segments);
    const subject = subjectOf(v.segments);
    if (v.keyword === 'additionalProperties')
        return unknownKey(v);
    if (v.keyword === 'required')
        return missing(v);
    if (VALUE_KEYWORDS.has(v.keyword)) {
        const isPort = (p.property === 'port_specs' && p.depth >= 1) || (p.property === 'port_bindings' && (v.isKey || p.depth >= 1));
        if (isPort)
            return portWording(v);
        if (p.property === 'devices' && (p.field === 'path_on_host' || p.field === 'path_in_container')) {
            return { code: 'invalid-device-path', at: 'value', message: `${subject} must be ${expected(v.schema)}, not ${showValue(v.data)}` };
        }
    }
    switch (v.keyword) {
        case 'const':
            if (v.segments.length === 3 && keyOf(v.segments[2]) === 'type') {
                return { code: 'unsupported-resource-type', at: 'value', message: `unsupported resource type ${showValue(v.data)}: hotdock deploys ${CONTAINER_TYPE}${didYouMean(v.data, [CONTAINER_TYPE])}` };
            }
            return { code: 'invalid-value', at: 'value', message: `${subject} must be ${JSON.stringify(v.schema.const)}, not ${showValue(v.data)}` };
        case 'enum':
            if (v.segments.length === 3 && keyOf(v.segments[2]) === 'type' && keyOf(v.segments[0]) === 'resources') {
                const types = [CONTAINER_TYPE, resource_group_schema/* GROUP_TYPE */.t, ...STATIC_RESOURCE_TYPES];
                return { code: 'unsupported-resource-type', at: 'value', message: `unsupported resource type ${showValue(v.data)}: hotdock deploys ${CONTAINER_TYPE}${didYouMean(v.data, types)}` };
            }
            return badEnum(v);
        case 'type':
        case 'anyOf': {
            const what = v.segments.length === 0 ? 'the template' : subject;
            let hint = functionTypoHint(v.data);
            if (!hint && p.property === 'env' && p.depth === 0 && kindOf(v.data) === 'a mapping')
                hint = '; write each variable as a list item, e.g. - KEY=VALUE';
            return { code: 'wrong-type', at: 'value', message: `${what} must be ${expected(v.schema)}, not ${kindOf(v.data)}${hint}` };
        }
        case 'pattern': {
            const coercion = COERCION_PATTERNS.includes(String(v.schema.pattern));
            return { code: coercion ? 'wrong-type' : 'invalid-value', at: v.isKey ? 'key' : 'value', message: `${v.isKey ? `key ${showValue(v.data)} of ${subject}` : subject} must be ${expected(v.schema)}, not ${showValue(v.data)}` };
        }
        case 'oneOf': {
            // Only constraint items use oneOf: exactly one kind per item.
            const present = CONSTRAINT_KINDS.filter((k) => typeof v.data === 'object' && v.data !== null && k in v.data);
            const message = present.length === 0
                ? `${subject} names no kind of constraint; use one of ${CONSTRAINT_KINDS.join(', ')}`
                : `${subject} has ${present.map((k) => `'${k}'`).join(' and ')}; write each constraint as its own list item`;
            return { code: 'invalid-constraint', at: 'value', message };
        }
        case 'minimum':
        case 'maximum':
            return { code: 'invalid-value', at: 'value', message: `${subject} must be ${expected(v.schema)}, not ${showValue(v.data)}` };
        case 'minLength':
            return { code: 'invalid-value', at: v.isKey ? 'key' : 'value', message: `${v.isKey ? `a key of ${subject}` : subject} must not be empty` };
        case 'maxLength':
            return { code: 'invalid-value', at: 'value', message: `${subject} must be at most ${String(v.schema.maxLength)} characters long` };
        default:
            return { code: 'invalid-value', at: 'value', message: `${subject} is not valid here: it ${v.keyword === 'not' ? 'has a form that is not allowed' : `fails the '${v.keyword}' rule`}` };
    }
}

;// CONCATENATED MODULE: ./src/template/schema-check.ts






/**
 * The HOT schema's validator. It is compiled ahead of time (scripts/generate-schema-validator.mjs,
 * kept current by a test) with ajv's options allErrors, verbose (errors carry the failing schema,
 * for its x-expected phrase, and the data) and inlineRefs off: compiling at start-up cost more
 * than a whole validation.
 */
function schemaValidator() {
    return hotSchemaValidator;
}
/** Pointers whose checks belong to other modules, so a problem is reported once. */
function delegated(e) {
    const p = e.instancePath;
    // The version check words these better (valid versions, Date values of unquoted dates).
    if (p.startsWith('/heat_template_version'))
        return true;
    if (p === '' && e.keyword === 'required' && e.params.missingProperty === 'heat_template_version')
        return true;
    // The body of each constraint kind is checked, with its own messages, by constraints.ts.
    return /^\/parameters\/[^/]+\/constraints\/\d+\/(?:length|range|modulo|allowed_values|allowed_pattern|custom_constraint)(?:\/|$)/.test(p);
}
// Refs are compiled as separate functions, so errors inside the function schema carry paths
// relative to it: match the schema itself. The compiled validator holds its own copy of the
// schema, so subschemas are compared by content (each distinct object is written out once).
const FUNCTION_SCHEMA_TEXTS = new Set([JSON.stringify(FUNCTION_SCHEMA), JSON.stringify(FUNCTION_SCHEMA.propertyNames)]);
const schemaTexts = new WeakMap();
const isFunctionBranch = (e) => {
    const s = e.parentSchema;
    if (s === FUNCTION_SCHEMA || s === FUNCTION_SCHEMA.propertyNames)
        return true;
    if (typeof s !== 'object' || s === null)
        return false;
    let text = schemaTexts.get(s);
    if (text === undefined)
        schemaTexts.set(s, (text = JSON.stringify(s)));
    return FUNCTION_SCHEMA_TEXTS.has(text);
};
const isUnder = (p, root) => p === root || p.startsWith(root + '/');
/**
 * Removes ajv's noise. Errors inside the "function call" alternative never help (the literal
 * form is what users mean); an anyOf that has an `x-expected` phrase stands for all its
 * alternatives, so everything at or below it goes; other anyOf wrappers add nothing to their
 * literal branch's own errors; an unknown key that is a misspelling of a missing one is one
 * problem, not two.
 */
function prune(errors) {
    let kept = errors.filter((e) => !isFunctionBranch(e) && !delegated(e) && e.keyword !== 'if' && e.keyword !== 'propertyNames');
    kept = kept.filter((e) => !(e.keyword === 'required' && e.schemaPath.includes('/oneOf/')));
    const collapsed = kept
        .filter((e) => e.keyword === 'anyOf' && typeof e.parentSchema?.['x-expected'] === 'string')
        .sort((a, b) => a.instancePath.length - b.instancePath.length);
    const roots = [];
    for (const c of collapsed)
        if (!roots.some((r) => isUnder(c.instancePath, r.instancePath)))
            roots.push(c);
    kept = kept.filter((e) => {
        const root = roots.find((r) => isUnder(e.instancePath, r.instancePath));
        return root ? e === root : e.keyword !== 'anyOf';
    });
    const unknownKeys = (path) => kept.filter((o) => o.keyword === 'additionalProperties' && o.instancePath === path).map((o) => String(o.params.additionalProperty));
    return kept.filter((e) => {
        if (e.keyword === 'oneOf')
            return unknownKeys(e.instancePath).length === 0;
        if (e.keyword !== 'required')
            return true;
        // A misspelled key ('valu', 'propertes') or a property written outside 'properties' is
        // the one problem; its unknown-key message already names the fix.
        const m = String(e.params.missingProperty);
        return !unknownKeys(e.instancePath).some((k) => suggest(k, [m]) === m || (m === 'properties' && CONTAINER_PROPERTIES.includes(k)));
    });
}
/** Path segments of `pointer`, telling list indexes from mapping keys by walking the document. */
function segmentsOf(doc, pointer) {
    const out = [];
    let node = doc;
    for (const raw of pointer === '' ? [] : pointer.slice(1).split('/')) {
        const key = (0,types/* unescapePointer */._B)(raw);
        if (Array.isArray(node)) {
            out.push({ index: Number(key) });
            node = node[Number(key)];
        }
        else {
            out.push({ key });
            node = typeof node === 'object' && node !== null ? node[key] : undefined;
        }
    }
    return out;
}
/** Turns a pruned ajv error into the violation the wording works on. */
function violationOf(doc, e) {
    let pointer = e.instancePath;
    let data = e.data;
    let isKey = false;
    // A key that breaks `propertyNames` (a bad container port): the problem is the key itself.
    if (e.propertyName !== undefined) {
        pointer = `${pointer}/${(0,types/* escapePointer */.lZ)(e.propertyName)}`;
        data = e.propertyName;
        isKey = true;
    }
    const segments = segmentsOf(doc, pointer);
    const violation = {
        keyword: e.keyword,
        segments,
        data,
        schema: (e.parentSchema ?? {}),
        params: e.params,
        isKey,
    };
    // Unknown keys and missing ones are reported at the key they concern.
    if (e.keyword === 'additionalProperties')
        pointer = `${pointer}/${(0,types/* escapePointer */.lZ)(String(e.params.additionalProperty))}`;
    return { pointer, violation };
}
/**
 * Checks the template's structure against the HOT schema: sections, parameter and output
 * definitions, resource keys, and every DockerInc::Docker::Container property with its format.
 * Intrinsic function calls are accepted wherever a value may be; their arguments are not looked into.
 */
function checkSchema(tpl) {
    const validate = schemaValidator();
    if (validate(tpl.doc))
        return [];
    const out = [];
    const seen = new Set();
    for (const e of prune(validate.errors ?? [])) {
        const { pointer, violation } = violationOf(tpl.doc, e);
        const w = wordingFor(violation);
        const id = `${pointer}\u0000${w.code}`;
        if (seen.has(id))
            continue;
        seen.add(id);
        out.push((0,diagnostic_factory/* diagnosticAt */.R)(tpl, pointer, w.code, w.message, 'error', w.at));
    }
    return out;
}

// EXTERNAL MODULE: ./src/template/versions.ts
var versions = __nccwpck_require__(9481);
// EXTERNAL MODULE: ./src/template/parameters.ts + 1 modules
var parameters = __nccwpck_require__(1778);
;// CONCATENATED MODULE: ./src/template/environment.ts



/** Sections Heat accepts in an environment file. */
const ENVIRONMENT_SECTIONS = [
    'parameters',
    'parameter_defaults',
    'resource_registry',
    'encrypted_param_names',
    'parameter_merge_strategies',
    'event_sinks',
];
/** True when the text holds no YAML content: whitespace, comments and document markers only. */
function isBlank(text) {
    return text.split(/\r?\n/).every((line) => /^\s*(?:---|\.\.\.)?\s*(?:#.*)?$/.test(line));
}
/** Positions for an empty file: everything is at 1:1. */
function emptyPositions() {
    const start = () => ({ line: 1, column: 1 });
    return { value: () => undefined, key: () => undefined, locate: start };
}
function isMapping(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}
/**
 * Parses an environment file. Unknown sections and a `parameters`/`parameter_defaults` that is
 * not a mapping are errors; `resource_registry` is accepted but ignored (with a warning), since
 * hotdock deploys one resource type and has no nested stacks.
 */
function parseEnvironmentFile(text, file) {
    // An empty file (or only comments) is a valid, empty environment in Heat; the loader,
    // made for templates, would refuse it.
    if (isBlank(text)) {
        return { env: { file, parameters: {}, parameterDefaults: {}, positions: emptyPositions() }, diagnostics: [] };
    }
    const loaded = loadTemplate(text, file);
    if (!loaded.ok) {
        // The loader's "not a mapping" speaks of templates: say what an environment file must be.
        return {
            diagnostics: loaded.diagnostics.map((d) => d.code === 'not-a-mapping'
                ? { ...d, code: 'invalid-environment', message: `environment file '${file}' must be a mapping of sections (parameters, parameter_defaults, ...)` }
                : d),
        };
    }
    const { doc, positions } = loaded.template;
    const at = { file, positions };
    const diagnostics = [];
    if (!isMapping(doc)) {
        diagnostics.push((0,diagnostic_factory/* diagnosticAt */.R)(at, '', 'invalid-environment', `environment file '${file}' must be a mapping of sections (parameters, parameter_defaults, ...)`));
        return { diagnostics };
    }
    const sections = { parameters: {}, parameter_defaults: {} };
    for (const [key, value] of Object.entries(doc)) {
        const ptr = (0,types/* pointer */.Wn)(key);
        if (!ENVIRONMENT_SECTIONS.includes(key)) {
            diagnostics.push((0,diagnostic_factory/* diagnosticAt */.R)(at, ptr, 'unknown-environment-section', `environment file '${file}' has an unknown section '${key}'; valid sections are ${ENVIRONMENT_SECTIONS.join(', ')}`, 'error', 'key'));
            continue;
        }
        if (key === 'parameters' || key === 'parameter_defaults') {
            if (value === null || value === undefined)
                continue;
            if (!isMapping(value)) {
                diagnostics.push((0,diagnostic_factory/* diagnosticAt */.R)(at, ptr, 'invalid-environment-section', `the '${key}' section of environment file '${file}' must be a mapping of parameter names to values`));
                continue;
            }
            sections[key] = value;
        }
        else if (key === 'resource_registry') {
            diagnostics.push((0,diagnostic_factory/* diagnosticAt */.R)(at, ptr, 'ignored-environment-section', `the resource_registry section of environment file '${file}' is ignored: hotdock deploys DockerInc::Docker::Container resources only`, 'warning', 'key'));
        }
    }
    return {
        env: { file, parameters: sections.parameters, parameterDefaults: sections.parameter_defaults, positions },
        diagnostics,
    };
}

// EXTERNAL MODULE: ./src/template/resolve.ts + 4 modules
var resolve = __nccwpck_require__(1115);
// EXTERNAL MODULE: ./src/spec/create-options.ts
var create_options = __nccwpck_require__(492);
// EXTERNAL MODULE: ./src/spec/endpoint-url.ts
var endpoint_url = __nccwpck_require__(1434);
// EXTERNAL MODULE: ./src/spec/ports.ts
var spec_ports = __nccwpck_require__(6855);
// EXTERNAL MODULE: ./src/template/functions/spec.ts
var functions_spec = __nccwpck_require__(577);
;// CONCATENATED MODULE: ./src/template/docker-check-context.ts




const FUNCTION_NAMES = new Set(INTRINSIC_FUNCTIONS);
function isFunctionNode(v) {
    const key = (0,functions_spec/* soleKey */.ze)(v);
    return key !== undefined && FUNCTION_NAMES.has(key);
}
/**
 * True when the value at `ptr` came from a function: the template node there, or an ancestor
 * from `properties` down, is a function call, or the node does not exist in the source at all
 * (a function built the list or map around it).
 */
function fromFunction(doc, ptr) {
    // resources/<name>/properties is depth 3: only property values can be function results.
    return fromFunctionBelow(doc, ptr.split('/').slice(1).map(unescapePointer), 3);
}
/** fromFunction from `node` down `segments`, calls counting from the `checkFrom`-th step on. */
function fromFunctionBelow(doc, segments, checkFrom) {
    let node = doc;
    for (let i = 0; i < segments.length; i++) {
        if (i >= checkFrom && isFunctionNode(node))
            return true;
        if (Array.isArray(node))
            node = node[Number(segments[i])];
        else if ((0,functions_spec/* isMap */.jh)(node) && Object.prototype.hasOwnProperty.call(node, segments[i]))
            node = node[segments[i]];
        else
            return true;
    }
    return isFunctionNode(node);
}
/** The template's `properties` node of resource `name`, or undefined when the source has none. */
function propertiesNode(doc, name) {
    const resources = (0,functions_spec/* isMap */.jh)(doc) ? doc.resources : undefined;
    if (!(0,functions_spec/* isMap */.jh)(resources) || !Object.prototype.hasOwnProperty.call(resources, name))
        return undefined;
    const def = resources[name];
    return (0,functions_spec/* isMap */.jh)(def) && Object.prototype.hasOwnProperty.call(def, 'properties') ? { node: def.properties } : undefined;
}
/** Collects diagnostics for one resource, remembering which properties already have one. */
class ResourceChecker {
    tpl;
    res;
    out;
    base;
    flagged = new Set();
    /** The template's `properties` node of the resource, once looked up (null: the source has none). */
    properties;
    constructor(tpl, res, out) {
        this.tpl = tpl;
        this.res = res;
        this.out = out;
        this.base = `${res.pointer}/properties`;
    }
    ptr(...segments) {
        let out = this.base;
        for (const s of segments)
            out += '/' + (0,types/* escapePointer */.lZ)(s);
        return out;
    }
    /**
     * Whether a per-value check should look at the value `segments` below `properties` (function
     * results only). Segments, not a pointer: the pointer is built only for a problem reported.
     */
    computed(...segments) {
        // The walk down to `properties` is the same for every value of the resource: done once.
        if (this.properties === undefined)
            this.properties = propertiesNode(this.tpl.doc, this.res.name) ?? null;
        if (this.properties === null)
            return true;
        return fromFunctionBelow(this.properties.node, segments, 0);
    }
    report(property, ptr, code, message, at = 'value') {
        this.flagged.add(property);
        this.out.push((0,diagnostic_factory/* diagnosticAt */.R)(this.tpl, ptr, code, `resource '${this.res.name}': ${message}`, 'error', at));
    }
}

;// CONCATENATED MODULE: ./src/template/docker-literal-checks.ts
/**
 * Docker checks that hold Heat's reading of a template to the letter where hotdock's own loader
 * reads differently, and that catch at validate time what Docker would refuse halfway through a
 * deploy. Split from docker-checks.ts, which runs them per resource.
 */





const BOOLEAN_PROPERTIES = (0,container_properties/* propertiesOfKind */.t1)('boolean');
const VOLUME_PROPERTIES = (0,container_properties/* propertiesOfFormat */.OP)('volumes');
const QUOTES = new Set(["'", '"']);
/** Line starts per template, built on the first quoted-word question (a template of many `yes`). */
const LINE_INDEXES = new WeakMap();
/** True when the scalar at `ptr` is written in quotes in the source. */
function isQuoted(tpl, ptr) {
    const pos = tpl.positions.value(ptr);
    if (!pos)
        return false;
    let index = LINE_INDEXES.get(tpl);
    if (!index)
        LINE_INDEXES.set(tpl, (index = new LineIndex(tpl.text)));
    // Columns on the first line do not count a byte order mark: the text does.
    const bom = pos.line === 1 && tpl.text.charCodeAt(0) === 0xfeff ? 1 : 0;
    return QUOTES.has(tpl.text.charAt((index.lineStarts[pos.line - 1] ?? tpl.text.length) + pos.column - 1 + bom));
}
/** A yes/no/on/off word at `segments` that Heat would have read as text (see checkBooleanWords). */
function checkWord(c, prop, value, ...segments) {
    if (typeof value !== 'string' || !Object.prototype.hasOwnProperty.call(coerce/* YAML11_BOOLEAN_WORDS */.$p, value))
        return;
    const ptr = c.ptr(prop, ...segments);
    const what = [prop, ...segments].join('/');
    const instead = coerce/* YAML11_BOOLEAN_WORDS */.$p[value] ? 'true' : 'false';
    if (c.computed(prop, ...segments)) {
        c.report(prop, ptr, 'invalid-property-value', `${what}: a function gave the text '${value}', and Heat's booleans take only true or false as text; use ${instead}`);
    }
    else if (isQuoted(c.tpl, ptr)) {
        c.report(prop, ptr, 'invalid-property-value', `${what}: '${value}' in quotes is text, and Heat's booleans take only true or false as text; write ${value} without quotes, or ${instead}`);
    }
}
/**
 * A boolean written yes/no/on/off (a boolean property, or `ro` of a volume): Heat's YAML 1.1
 * loader read the plain word as a boolean, so it is coerced (toBoolean). Heat refused the same
 * word as text, which it was when quoted or when a function produced it (heat/engine/
 * properties.py _get_bool takes only true/false strings): those stay errors here, at the value.
 */
function checkBooleanWords(c) {
    for (const prop of BOOLEAN_PROPERTIES)
        checkWord(c, prop, c.res.properties[prop]);
    for (const prop of VOLUME_PROPERTIES) {
        const volumes = c.res.properties[prop];
        if (!(0,functions_spec/* isMap */.jh)(volumes))
            continue;
        for (const host of Object.keys(volumes)) {
            const target = volumes[host];
            if ((0,functions_spec/* isMap */.jh)(target))
                checkWord(c, prop, target.ro, host, 'ro');
        }
    }
}
/**
 * Two `port_bindings` keys naming one container port (`80` and `"80/tcp"`): one would silently
 * win, so the create body refuses them; reported here, at the second key, before any deploy.
 */
function checkDuplicateContainerPorts(c) {
    for (const prop of (0,container_properties/* propertiesOfFormat */.OP)('port-bindings')) {
        const bindings = c.res.properties[prop];
        if (!(0,functions_spec/* isMap */.jh)(bindings) || (0,functions_spec/* containsRuntime */.yk)(bindings))
            continue;
        const seen = new Map();
        for (const key of Object.keys(bindings)) {
            const spec = (0,spec_ports/* parsePortSpec */.qy)(key);
            if (!spec.ok)
                continue;
            const first = seen.get(spec.key);
            if (first === undefined) {
                seen.set(spec.key, key);
                continue;
            }
            c.report(prop, c.ptr(prop, key), 'duplicate-container-port', `${prop}: container port "${key}" is the same as "${first}" (${spec.key}); Docker would keep only one of them`, 'key');
        }
    }
}

;// CONCATENATED MODULE: ./src/template/docker-checks.ts














const DEVICE_PATH = new RegExp(DEVICE_PATH_PATTERN);
const CONTAINER_NAME = new RegExp(CONTAINER_NAME_PATTERN);
/** Every property of DockerInc::Docker::Container (a function can build the properties map). */
const KNOWN_PROPERTIES = container_properties/* CONTAINER_PROPERTY_NAMES */.VL;
function checkEndpoint(c, settings) {
    const raw = c.res.properties.docker_endpoint;
    if (raw === undefined || raw === null || (0,functions_spec/* containsRuntime */.yk)(raw))
        return;
    const ptr = c.ptr('docker_endpoint');
    if (typeof raw !== 'string') {
        c.report('docker_endpoint', ptr, 'invalid-endpoint', `docker_endpoint must be a URL or an endpoint name, got ${JSON.stringify(raw)}`);
        return;
    }
    if (settings.endpointNames.includes(raw))
        return;
    const parsed = (0,endpoint_url/* parseEndpointUrl */.yN)(raw);
    if (parsed.ok)
        return;
    const names = settings.endpointNames.length > 0 ? ` or one of the endpoint names (${settings.endpointNames.join(', ')})` : '';
    c.report('docker_endpoint', ptr, 'invalid-endpoint', `${parsed.message}${names}`);
}
function checkPorts(c) {
    for (const prop of (0,container_properties/* propertiesOfFormat */.OP)('port-specs')) {
        const specs = c.res.properties[prop];
        if (!Array.isArray(specs))
            continue;
        specs.forEach((spec, i) => {
            if ((0,functions_spec/* containsRuntime */.yk)(spec) || !c.computed(prop, i))
                return;
            const r = (0,spec_ports/* parsePortSpec */.qy)(spec);
            if (!r.ok)
                c.report(prop, c.ptr(prop, i), 'invalid-port', `${prop}: ${r.message}`);
        });
    }
    for (const prop of (0,container_properties/* propertiesOfFormat */.OP)('port-bindings')) {
        const bindings = c.res.properties[prop];
        if (!(0,functions_spec/* isMap */.jh)(bindings))
            continue;
        for (const key of Object.keys(bindings)) {
            if ((0,functions_spec/* containsRuntime */.yk)(bindings[key]) || !c.computed(prop, key))
                continue;
            const r = (0,spec_ports/* parsePortBindings */.Zi)({ [key]: bindings[key] });
            if (!r.ok)
                c.report(prop, c.ptr(prop, key), 'invalid-port', `${prop}: ${r.message}`);
        }
    }
}
function checkCapabilities(c) {
    for (const prop of (0,container_properties/* propertiesOfFormat */.OP)('capability-list')) {
        const list = c.res.properties[prop];
        if (!Array.isArray(list))
            continue;
        list.forEach((cap, i) => {
            if (typeof cap !== 'string' || !c.computed(prop, i))
                return;
            if (LINUX_CAPABILITIES.includes(cap))
                return;
            const ptr = c.ptr(prop, i);
            const hint = suggest(cap.toUpperCase().replace(/^CAP_/, ''), LINUX_CAPABILITIES);
            c.report(prop, ptr, 'invalid-capability', `${prop}: unknown capability '${cap}'${hint ? `; did you mean '${hint}'?` : ''}`);
        });
    }
}
function checkDevices(c) {
    for (const prop of (0,container_properties/* propertiesOfFormat */.OP)('devices')) {
        const list = c.res.properties[prop];
        if (!Array.isArray(list))
            continue;
        list.forEach((dev, i) => {
            if (!(0,functions_spec/* isMap */.jh)(dev))
                return;
            for (const field of ['path_on_host', 'path_in_container']) {
                const value = dev[field];
                if (value === undefined || typeof value !== 'string' || !c.computed(prop, i, field))
                    continue;
                if (!DEVICE_PATH.test(value) || value.length > DEVICE_PATH_MAX_LENGTH) {
                    c.report(prop, c.ptr(prop, i, field), 'invalid-device-path', `${prop}: ${field} '${value}' is not a device path like /dev/sda (letters, digits, '/', '_', '-'; at most ${DEVICE_PATH_MAX_LENGTH} characters)`);
                }
            }
            const perms = dev.permissions;
            if (typeof perms === 'string' && c.computed(prop, i, 'permissions') && !DEVICE_PERMISSIONS.includes(perms)) {
                c.report(prop, c.ptr(prop, i, 'permissions'), 'invalid-device-permissions', `${prop}: permissions '${perms}' must be one of ${DEVICE_PERMISSIONS.join(', ')}`);
            }
        });
    }
}
function checkRestartPolicy(c) {
    for (const prop of (0,container_properties/* propertiesOfFormat */.OP)('restart-policy')) {
        const policy = c.res.properties[prop];
        // A deploy-time value (a reference, or a call kept for deploy time) cannot be judged now.
        if (!(0,functions_spec/* isMap */.jh)(policy) || (0,functions_spec/* containsRuntime */.yk)(policy))
            continue;
        const name = policy.Name;
        if (typeof name === 'string' && c.computed(prop, 'Name') && !RESTART_POLICIES.includes(name)) {
            c.report(prop, c.ptr(prop, 'Name'), 'invalid-restart-policy', `${prop}: Name '${name}' must be one of ${RESTART_POLICIES.join(', ')}`);
            continue;
        }
        // Docker refuses retries with any policy but on-failure; the schema cannot relate the two fields.
        const count = policy.MaximumRetryCount;
        const retries = typeof count === 'number' ? count : typeof count === 'string' && /^\s*\+?\d+\s*$/.test(count) ? Number(count) : 0;
        if (retries > 0 && name !== 'on-failure') {
            c.report(prop, c.ptr(prop, 'MaximumRetryCount'), 'invalid-restart-policy', `${prop}: MaximumRetryCount only applies to Name 'on-failure' (got '${String(name ?? 'no')}'); Docker refuses it otherwise`);
        }
    }
}
/** Docker's smallest memory limit (20.10: "Minimum memory limit allowed is 6MB"). */
const MIN_MEMORY = 6 * 1024 * 1024;
/**
 * `memory` is in bytes; a value under Docker's minimum is almost always megabytes written as bytes.
 * The schema cannot know the engine's minimum, so this runs on literal values too.
 */
function checkMemory(c) {
    for (const prop of (0,container_properties/* propertiesOfFormat */.OP)('bytes')) {
        const raw = c.res.properties[prop];
        const bytes = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\s*\+?\d+\s*$/.test(raw) ? Number(raw) : undefined;
        if (bytes === undefined || bytes === 0 || bytes >= MIN_MEMORY)
            continue;
        c.report(prop, c.ptr(prop), 'invalid-memory', `${prop} is in bytes and Docker's minimum is 6 MiB (6291456); ${bytes} bytes is less (for ${bytes} MiB write ${bytes * 1024 * 1024})`);
    }
}
/**
 * Function results of every other property: the same coercion the create body applies, so a
 * parameter that yields a mapping for a list fails here instead of in the middle of a deploy.
 */
function checkCoercion(c) {
    const properties = c.res.properties;
    for (const prop of Object.keys(properties)) {
        if (c.flagged.has(prop) || (0,container_properties/* containerProperty */.DP)(prop)?.format === 'endpoint')
            continue;
        // Literal values are the common case: ask that first, and walk a value only when computed.
        if (!c.computed(prop))
            continue;
        const value = properties[prop];
        if ((0,functions_spec/* containsRuntime */.yk)(value))
            continue;
        const ptr = c.ptr(prop);
        if (!KNOWN_PROPERTIES.includes(prop)) {
            const hint = suggest(prop, KNOWN_PROPERTIES);
            c.report(prop, ptr, 'invalid-property-value', `unknown property '${prop}'${hint ? `; did you mean '${hint}'?` : ''}`);
            continue;
        }
        if ((0,container_properties/* containerProperty */.DP)(prop)?.format === 'container-name') {
            if ((typeof value !== 'string' && typeof value !== 'number') || !CONTAINER_NAME.test(String(value))) {
                c.report(prop, ptr, 'invalid-property-value', `name ${JSON.stringify(value) ?? String(value)} is not a container name (two or more letters, digits, '_', '.' or '-', starting with a letter or digit)`);
            }
            continue;
        }
        // Unset, as the create body treats an optional property; a required one must convert.
        if ((value === undefined || value === null) && (0,container_properties/* containerProperty */.DP)(prop)?.required !== true)
            continue;
        try {
            (0,create_options/* convertProperty */.dG)(prop, value);
        }
        catch (e) {
            if (!(e instanceof coerce/* PropertyError */.er))
                throw e;
            c.report(prop, ptr, 'invalid-property-value', e.message);
        }
    }
}
/** Where a resource runs, as a comparable key; undefined when placement decides. */
function endpointKey(res, settings, known) {
    const raw = res.properties.docker_endpoint;
    let text;
    if (raw === undefined || raw === null || raw === '') {
        // With several named endpoints, placement spreads unnamed resources: their host is unknown here.
        if (settings.endpointNames.length >= 2)
            return undefined;
        text = settings.defaultEndpoint;
    }
    else if (typeof raw === 'string') {
        text = raw;
    }
    else {
        return undefined;
    }
    // Most resources share one endpoint: each text is parsed once per check.
    let found = known.get(text);
    if (found === undefined) {
        if (settings.endpointNames.includes(text))
            found = { key: `name:${text}`, shown: text };
        else {
            const parsed = (0,endpoint_url/* parseEndpointUrl */.yN)(text);
            found = { key: parsed.ok ? JSON.stringify(parsed.endpoint) : text, shown: text };
        }
        known.set(text, found);
    }
    return found;
}
const WILDCARD_IPS = ['', '0.0.0.0', '::'];
const ipsOverlap = (a, b) => a === b || WILDCARD_IPS.includes(a) || WILDCARD_IPS.includes(b);
function checkCrossResource(tpl, stack, settings, out) {
    const names = new Map();
    const ports = new Map();
    const endpoints = new Map();
    for (const res of stack.resources) {
        if (res.type !== CONTAINER_TYPE)
            continue;
        const endpoint = endpointKey(res, settings, endpoints);
        if (!endpoint)
            continue;
        const base = `${res.pointer}/properties`;
        const name = typeof res.properties.name === 'string' || typeof res.properties.name === 'number' || res.properties.name === undefined
            ? (0,create_options/* containerNameFor */.e5)(res, stack.stackName) : undefined;
        if (name !== undefined) {
            const nameKey = `${endpoint.key}\n${name}`;
            const first = names.get(nameKey);
            if (first !== undefined) {
                const hasName = res.properties.name !== undefined;
                out.push((0,diagnostic_factory/* diagnosticAt */.R)(tpl, hasName ? `${base}/name` : res.pointer, 'duplicate-container-name', `resource '${res.name}': container name '${name}' is already used by resource '${first}' on endpoint '${endpoint.shown}'`, 'error', hasName ? 'value' : 'key'));
            }
            else {
                names.set(nameKey, res.name);
            }
        }
        const bindings = res.properties.port_bindings;
        if (!(0,functions_spec/* isMap */.jh)(bindings))
            continue;
        const claims = ports.get(endpoint.key) ?? [];
        ports.set(endpoint.key, claims);
        for (const rawKey of Object.keys(bindings)) {
            if ((0,functions_spec/* containsRuntime */.yk)(bindings[rawKey]))
                continue;
            const parsed = (0,spec_ports/* parsePortBindings */.Zi)({ [rawKey]: bindings[rawKey] });
            if (!parsed.ok)
                continue;
            const [containerPort, list] = Object.entries(parsed.bindings)[0];
            const protocol = containerPort.split('/')[1];
            list.forEach((b, i) => {
                if (b.HostPort === '')
                    return;
                const clash = claims.find((cl) => cl.hostPort === b.HostPort && cl.protocol === protocol && ipsOverlap(cl.hostIp, b.HostIp));
                if (clash) {
                    const at = `${base}/port_bindings/${(0,types/* escapePointer */.lZ)(rawKey)}${Array.isArray(bindings[rawKey]) ? `/${i}` : ''}`;
                    const where = b.HostIp === '' ? 'all addresses' : b.HostIp;
                    out.push((0,diagnostic_factory/* diagnosticAt */.R)(tpl, at, 'duplicate-host-port', `resource '${res.name}': host port ${b.HostPort}/${protocol} on ${where} is already bound by resource '${clash.resource}' on endpoint '${endpoint.shown}'`));
                }
                else {
                    claims.push({ resource: res.name, hostIp: b.HostIp, hostPort: b.HostPort, protocol });
                }
            });
        }
    }
}
/**
 * Docker-level checks of a resolved stack: endpoint syntax, ports, capabilities, device paths,
 * restart policies, the memory minimum and coercible values (mostly function results only; see
 * the module comment), then duplicate container names and host ports per endpoint, reported at
 * the second occurrence.
 */
function checkDockerResources(tpl, stack, settings) {
    const out = [];
    for (const res of stack.resources) {
        if (res.type !== CONTAINER_TYPE)
            continue;
        const c = new ResourceChecker(tpl, res, out);
        checkEndpoint(c, settings);
        checkPorts(c);
        checkCapabilities(c);
        checkDevices(c);
        checkRestartPolicy(c);
        checkMemory(c);
        checkBooleanWords(c);
        checkDuplicateContainerPorts(c);
        checkCoercion(c);
    }
    checkCrossResource(tpl, stack, settings, out);
    return out;
}

// EXTERNAL MODULE: ./src/template/resource-group.ts
var resource_group = __nccwpck_require__(1230);
;// CONCATENATED MODULE: ./src/template/resource-group-diagnostics.ts



/**
 * The template as the schema should judge it: in every group's resource_def properties, index_var
 * replaced by 0, as a member would have it ('web-%index%' is a valid container name once it is
 * 'web-0'), or by the index `indexOf` gives for the group. Pointers are unchanged, so the positions
 * still give each problem its line. The template itself when it has no group.
 */
function schemaView(tpl, indexOf = () => 0) {
    const doc = tpl.doc;
    if (!(0,functions_spec/* isMap */.jh)(doc) || !(0,functions_spec/* isMap */.jh)(doc.resources))
        return tpl;
    let resources;
    for (const name of Object.keys(doc.resources)) {
        const def = doc.resources[name];
        if (!(0,functions_spec/* isMap */.jh)(def) || !(0,resource_group/* isGroupDefinition */.Fi)(def) || !(0,functions_spec/* isMap */.jh)(def.properties) || !(0,functions_spec/* isMap */.jh)(def.properties.resource_def))
            continue;
        const rdef = def.properties.resource_def;
        const indexVar = typeof def.properties.index_var === 'string' && def.properties.index_var !== '' ? def.properties.index_var : resource_group/* DEFAULT_INDEX_VAR */.fm;
        resources ??= { ...doc.resources };
        resources[name] = { ...def, properties: { ...def.properties, resource_def: { ...rdef, properties: (0,resource_group/* substituteIndex */.nm)(rdef.properties, indexVar, indexOf(name)) } } };
    }
    return resources ? { ...tpl, doc: { ...doc, resources } } : tpl;
}
/**
 * The schema's problems with each group's last member: a literal that holds index_var was judged
 * for index 0 (schemaView) but may be wrong for a higher one ('6553%index%' is a port for member 0,
 * not for member 9). Each problem names that member. Empty when no group has more than one member.
 */
function lastMemberSchemaProblems(tpl, members, check) {
    const last = new Map();
    for (const m of members)
        if (m.group && m.group.index > (last.get(m.group.name) ?? 0))
            last.set(m.group.name, m.group.index);
    if (last.size === 0)
        return [];
    const out = [];
    for (const d of check(schemaView(tpl, (g) => last.get(g) ?? 0))) {
        const group = [...last.keys()].find((g) => d.path.startsWith((0,types/* childPointer */.Y2)('/resources', g, 'properties', 'resource_def')));
        if (group !== undefined)
            out.push({ ...d, message: `resource '${(0,resource_group/* memberName */.eg)(group, last.get(group) ?? 0)}': ${d.message}` });
    }
    return out;
}
/**
 * One diagnostic per place in a resource_def, not one per member: every member is checked (a
 * value may differ by index), and the members with a problem at the same place are reported once,
 * by the first, naming the others ("also web-2, web-3").
 */
function collapseMemberDiagnostics(doc, diagnostics) {
    const resources = (0,functions_spec/* isMap */.jh)(doc) && (0,functions_spec/* isMap */.jh)(doc.resources) ? doc.resources : {};
    const groups = Object.keys(resources).filter((n) => (0,functions_spec/* isMap */.jh)(resources[n]) && (0,resource_group/* isGroupDefinition */.Fi)(resources[n]));
    if (groups.length === 0)
        return diagnostics;
    const out = [];
    // Per place: every member's diagnostic there, reported by the lowest index.
    const places = new Map();
    for (const d of diagnostics) {
        const group = groups.find((g) => d.path.startsWith((0,types/* childPointer */.Y2)('/resources', g, 'properties', 'resource_def')));
        const member = group === undefined ? undefined : new RegExp(`'${escapeRegExp(group)}-(\\d+)'`).exec(d.message);
        if (group === undefined || !member) {
            out.push(d);
            continue;
        }
        // One place of a resource_def is one problem, whatever each member's value there and whichever
        // check saw it (the schema for the last member, the Docker checks for the others).
        const key = `${d.line}:${d.column}`;
        let place = places.get(key);
        if (!place) {
            places.set(key, (place = { slot: out.length, group, found: [] }));
            out.push(d);
        }
        place.found.push({ d, index: Number(member[1]) });
    }
    for (const { slot, group, found } of places.values()) {
        found.sort((a, b) => a.index - b.index);
        const others = [...new Set(found.slice(1).map((f) => f.index).filter((i) => i !== found[0].index))];
        const message = others.length === 0 ? found[0].d.message : `${found[0].d.message} (also ${others.map((i) => (0,resource_group/* memberName */.eg)(group, i)).join(', ')})`;
        out[slot] = { ...found[0].d, message };
    }
    return out;
}
function escapeRegExp(s) {
    return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// EXTERNAL MODULE: ./src/template/references.ts
var references = __nccwpck_require__(4398);
;// CONCATENATED MODULE: ./src/template/placement-checks.ts





/** The template keys and the constraint each becomes. */
const KEYS = { allow: 'allow', avoid: 'avoid', apart_from: 'apartFrom', together_with: 'togetherWith' };
const KEY_NAMES = Object.keys(KEYS);
/** The node at a JSON Pointer of the document, or undefined. */
function nodeAt(doc, ptr) {
    let node = doc;
    for (const seg of ptr.split('/').slice(1).map(types/* unescapePointer */._B)) {
        if (Array.isArray(node))
            node = node[Number(seg)];
        else if ((0,functions_spec/* isMap */.jh)(node) && Object.prototype.hasOwnProperty.call(node, seg))
            node = node[seg];
        else
            return undefined;
    }
    return node;
}
/** Checks of one resource's placement mapping; collects its constraints. */
class Reader {
    tpl;
    res;
    out;
    constraints = {};
    constructor(tpl, res, out) {
        this.tpl = tpl;
        this.res = res;
        this.out = out;
    }
    problem(ptr, message, severity = 'error', at = 'value') {
        this.out.push((0,diagnostic_factory/* diagnosticAt */.R)(this.tpl, ptr, 'invalid-placement', `resource '${this.res.name}': metadata.hotdock.placement: ${message}`, severity, at));
    }
    /** The names under `key`, each with its pointer; problems for anything but literal names. */
    names(node, ptr, key) {
        const value = node[key];
        const at = (0,types/* childPointer */.Y2)(ptr, key);
        const items = Array.isArray(value) ? value.map((v, i) => ({ v, ptr: (0,types/* childPointer */.Y2)(at, i) })) : [{ v: value, ptr: at }];
        const out = [];
        for (const item of items) {
            if (typeof item.v === 'string' && item.v.trim() !== '')
                out.push({ name: item.v.trim(), ptr: item.ptr });
            else
                this.problem(item.ptr, `${key} takes a name or a list of names, written literally; got ${JSON.stringify(item.v) ?? String(item.v)}`);
        }
        return out;
    }
}
/**
 * Reads and checks `metadata.hotdock.placement` of every resource. Endpoint names must be entries
 * of the `endpoints` input (without any, a warning: the rules only apply to a pool); resource
 * names must be resources of the template, other than itself; a name both allowed and avoided, or
 * both kept apart and together, is an error, and so is a docker_endpoint its own rules refuse.
 */
function checkPlacement(tpl, stack, settings) {
    const out = [];
    const constraints = new Map();
    const resourceNames = [...new Set([...(0,references/* resourceEntries */.V3)(tpl.doc).map(([n]) => n), ...stack.resources.map((r) => r.name)])];
    // A rule naming an OS::Heat::ResourceGroup holds for each of its members (the resource itself left out).
    const members = new Map();
    for (const r of stack.resources)
        if (r.group)
            members.set(r.group.name, [...(members.get(r.group.name) ?? []), r.name]);
    const membersOf = (name, self) => (members.get(name) ?? [name]).filter((n) => n !== self);
    for (const res of stack.resources) {
        const hotdockPtr = (0,types/* childPointer */.Y2)(res.pointer, 'metadata', 'hotdock');
        const hotdock = nodeAt(tpl.doc, hotdockPtr);
        if (hotdock === undefined || hotdock === null)
            continue;
        const reader = new Reader(tpl, res, out);
        if (!(0,functions_spec/* isMap */.jh)(hotdock)) {
            out.push((0,diagnostic_factory/* diagnosticAt */.R)(tpl, hotdockPtr, 'invalid-placement', `resource '${res.name}': metadata.hotdock must be a mapping`));
            continue;
        }
        if (!Object.prototype.hasOwnProperty.call(hotdock, 'placement') || hotdock.placement === null)
            continue;
        const ptr = (0,types/* childPointer */.Y2)(hotdockPtr, 'placement');
        const node = hotdock.placement;
        if (!(0,functions_spec/* isMap */.jh)(node)) {
            reader.problem(ptr, `expected a mapping with ${KEY_NAMES.join(', ')}`);
            continue;
        }
        for (const key of Object.keys(node)) {
            if (KEY_NAMES.includes(key))
                continue;
            const hint = suggest(key, KEY_NAMES);
            reader.problem((0,types/* childPointer */.Y2)(ptr, key), `unknown key '${key}'${hint ? `; did you mean '${hint}'?` : ''} (expected ${KEY_NAMES.join(', ')})`, 'error', 'key');
        }
        const read = (key) => (key in node ? reader.names(node, ptr, key) : []);
        const endpoints = { allow: read('allow'), avoid: read('avoid') };
        const resources = { apart_from: read('apart_from'), together_with: read('together_with') };
        checkEndpointNames(reader, endpoints, settings.endpointNames);
        checkResourceNames(reader, res.name, resources, resourceNames);
        checkOwnEndpoint(reader, res, endpoints);
        const c = {};
        for (const key of KEY_NAMES) {
            const named = key === 'allow' || key === 'avoid' ? endpoints[key].map((n) => n.name) : resources[key].flatMap((n) => membersOf(n.name, res.name));
            const list = [...new Set(named)];
            if (list.length > 0)
                c[KEYS[key]] = list;
        }
        if (Object.keys(c).length > 0)
            constraints.set(res.name, c);
    }
    return { diagnostics: out, constraints };
}
function checkEndpointNames(reader, lists, known) {
    const all = [...lists.allow, ...lists.avoid];
    if (all.length > 0 && known.length === 0) {
        reader.problem(all[0].ptr, 'names endpoints, but the endpoints input has no entries: allow and avoid only apply to a pool of endpoints entries', 'warning');
        return;
    }
    for (const n of all) {
        if (known.includes(n.name))
            continue;
        const hint = suggest(n.name, known);
        reader.problem(n.ptr, `unknown endpoint '${n.name}'${hint ? `; did you mean '${hint}'?` : ''} (the endpoints input has ${known.join(', ')})`);
    }
    for (const n of lists.avoid) {
        if (lists.allow.some((a) => a.name === n.name))
            reader.problem(n.ptr, `endpoint '${n.name}' is both allowed and avoided`);
    }
}
function checkResourceNames(reader, self, lists, known) {
    for (const [key, list] of Object.entries(lists)) {
        for (const n of list) {
            if (n.name === self)
                reader.problem(n.ptr, `${key} names the resource itself`);
            else if (!known.includes(n.name)) {
                const hint = suggest(n.name, known);
                reader.problem(n.ptr, `unknown resource '${n.name}'${hint ? `; did you mean '${hint}'?` : ''}`);
            }
        }
    }
    for (const n of lists.together_with) {
        if (lists.apart_from.some((a) => a.name === n.name))
            reader.problem(n.ptr, `resource '${n.name}' is both kept apart and together`);
    }
}
/** A literal docker_endpoint that the resource's own allow or avoid refuses. */
function checkOwnEndpoint(reader, res, lists) {
    const ep = res.properties.docker_endpoint;
    if (typeof ep !== 'string' || ep.trim() === '')
        return;
    const avoided = lists.avoid.find((n) => n.name === ep.trim());
    if (avoided)
        reader.problem(avoided.ptr, `docker_endpoint '${ep}' is an endpoint it avoids`);
    else if (lists.allow.length > 0 && !lists.allow.some((n) => n.name === ep.trim())) {
        reader.problem(lists.allow[0].ptr, `docker_endpoint '${ep}' is not among the endpoints it allows`);
    }
}
/**
 * The stack with each resource's constraints from checkPlacement joined to what the template
 * stage set already (a group's members kept apart): lists are merged, never replaced.
 */
function withPlacement(stack, constraints) {
    if (constraints.size === 0)
        return stack;
    const merge = (a = {}, b = {}) => {
        const out = {};
        for (const key of [...Object.values(KEYS), 'preferApartFrom']) {
            const list = [...new Set([...(a[key] ?? []), ...(b[key] ?? [])])];
            if (list.length > 0)
                out[key] = list;
        }
        return out;
    };
    return { ...stack, resources: stack.resources.map((r) => (constraints.has(r.name) ? { ...r, placement: merge(r.placement, constraints.get(r.name)) } : r)) };
}

// EXTERNAL MODULE: ./src/spec/service-options.ts
var service_options = __nccwpck_require__(6367);
;// CONCATENATED MODULE: ./src/template/service-metadata-checks.ts



/** Diagnostics of every resource's `metadata.hotdock` service knobs. */
function checkServiceMetadata(tpl, stack, target = 'containers') {
    const out = [];
    for (const res of stack.resources) {
        // hotdock that is no mapping at all is placement-checks.ts's error.
        const h = res.metadata?.hotdock;
        if (h === undefined || h === null || typeof h !== 'object' || Array.isArray(h))
            continue;
        try {
            // The monitor window's default plays no part in what is valid.
            (0,service_options/* serviceOptionsOf */.f)(res.metadata, 0);
        }
        catch (err) {
            if (!(err instanceof service_options/* MetadataError */.w))
                throw err;
            const ptr = (0,types/* childPointer */.Y2)(res.pointer, 'metadata', 'hotdock', ...(err.key ? err.key.split('.') : []));
            const unused = target === 'swarm' ? '' : ' (used with target swarm)';
            out.push((0,diagnostic_factory/* diagnosticAt */.R)(tpl, ptr, 'invalid-service-metadata', `resource '${res.name}': ${err.message}${unused}`, target === 'swarm' ? 'error' : 'warning', /unknown key/.test(err.message) ? 'key' : 'value'));
        }
    }
    return out;
}

// EXTERNAL MODULE: ./src/template/functions/registry.ts + 4 modules
var registry = __nccwpck_require__(8062);
;// CONCATENATED MODULE: ./src/template/heat-compat.ts






/**
 * update_policy: Heat validates it against the resource type's update_policy_schema
 * (heat/engine/resource.py Resource.validate_template), which is empty for
 * DockerInc::Docker::Container, so every key is an "Unknown Property" there. An empty map, or
 * a function computing one, is accepted.
 */
function updatePolicyProblems(tpl, name, policy, type) {
    // A function call computes the policy: its arguments are not policy keys.
    if (!(0,functions_spec/* isMap */.jh)(policy) || (0,registry/* isFunctionCall */.Ny)(policy))
        return [];
    // A group's rolling_update and batch_create are Heat's, but hotdock does not batch: each changed member is replaced safely.
    const group = type === resource_group_schema/* GROUP_TYPE */.t;
    return Object.keys(policy).map((key) => (0,diagnostic_factory/* diagnosticAt */.R)(tpl, (0,types/* childPointer */.Y2)((0,types/* pointer */.Wn)('resources', name, 'update_policy'), key), 'unknown-update-policy', group && (key === 'rolling_update' || key === 'batch_create')
        ? `update_policy of group '${name}': '${key}' is not supported: hotdock replaces each changed member safely, without batches or pauses; remove it`
        : `update_policy of resource '${name}': '${key}' is not an update policy of a ${group ? 'group (Heat knows rolling_update and batch_create)' : 'container (Heat refuses it as an unknown property: a container has no update policies)'}; remove it`, 'error', 'key'));
}
/**
 * external_id: Heat adopts the existing resource with that id and creates nothing. hotdock
 * converges containers it labels itself and does not adopt one it did not create, so the key
 * is refused rather than silently creating a second container.
 */
function externalIdProblem(tpl, name) {
    return (0,diagnostic_factory/* diagnosticAt */.R)(tpl, (0,types/* pointer */.Wn)('resources', name, 'external_id'), 'external-id-not-supported', `resource '${name}': hotdock does not adopt existing containers (Heat's external_id adopts the one with that id and creates nothing); remove external_id and let hotdock create and own the container, or leave the existing container out of the template`, 'error', 'key');
}
/** update_policy and external_id problems of every resource. */
function checkHeatResourceKeys(tpl) {
    const out = [];
    for (const [name, def] of (0,references/* resourceEntries */.V3)(tpl.doc)) {
        if ('update_policy' in def)
            out.push(...updatePolicyProblems(tpl, name, def.update_policy, def.type));
        if ('external_id' in def)
            out.push(externalIdProblem(tpl, name));
    }
    return out;
}

;// CONCATENATED MODULE: ./src/template/validate.ts
/**
 * The template half of the pipeline: load \u2192 schema \u2192 version \u2192 parameters \u2192 semantics \u2192
 * resolve \u2192 Docker-level checks. Pure but for reading files through `io`.
 */













/** A problem with a file as a whole (not found, outside the workspace), at 1:1. */
function fileProblem(file, code, message) {
    return { file, line: 1, column: 1, path: '', code, message, severity: 'error' };
}
/** Resolves a workspace-relative path, refusing anything that leaves the workspace. */
function insideWorkspace(workspace, path) {
    const abs = (0,external_node_path_.resolve)(workspace, path);
    const rel = (0,external_node_path_.relative)(workspace, abs);
    return rel.startsWith('..') || (0,external_node_path_.isAbsolute)(rel) ? undefined : abs;
}
function readEnvironments(settings, io, out) {
    const envs = [];
    for (const file of settings.environmentFiles) {
        const abs = insideWorkspace(settings.workspace, file);
        if (!abs) {
            out.push(fileProblem(file, 'file-outside-workspace', `environment file '${file}' is outside the workspace`));
            continue;
        }
        let text;
        try {
            text = io.readFile(abs);
        }
        catch {
            out.push(fileProblem(file, 'file-not-found', `environment file '${file}' cannot be read`));
            continue;
        }
        const parsed = parseEnvironmentFile(text, file);
        out.push(...parsed.diagnostics);
        if (parsed.env)
            envs.push(parsed.env);
    }
    return envs;
}
/** Validates and resolves the template named by `settings.template`. Never throws for template problems. */
function validateTemplateFile(settings, io) {
    const file = settings.template;
    const abs = insideWorkspace(settings.workspace, file);
    if (!abs) {
        return { diagnostics: [fileProblem(file, 'file-outside-workspace', `template '${file}' is outside the workspace`)], secrets: [] };
    }
    let text;
    try {
        text = io.readFile(abs);
    }
    catch {
        return { diagnostics: [fileProblem(file, 'file-not-found', `template '${file}' cannot be read (is the path relative to the workspace?)`)], secrets: [] };
    }
    return validateTemplateText(text, settings, io);
}
/** Same as validateTemplateFile, for text already read (benches, editors). */
function validateTemplateText(text, settings, io) {
    const loaded = loadTemplate(text, settings.template);
    if (!loaded.ok)
        return { diagnostics: (0,src_diagnostics/* sortDiagnostics */.D)(loaded.diagnostics), secrets: [] };
    const tpl = loaded.template;
    // Group members are judged as they will be: index_var replaced (resource-group.ts).
    const diagnostics = [...checkSchema(schemaView(tpl))];
    const { version, diagnostics: versionProblems } = (0,versions/* checkVersion */.ps)(tpl);
    diagnostics.push(...versionProblems);
    if (!version)
        return { diagnostics: (0,src_diagnostics/* sortDiagnostics */.D)(diagnostics), secrets: [] };
    diagnostics.push(...(0,versions/* checkVersionFeatures */.gk)(tpl, version));
    diagnostics.push(...checkHeatResourceKeys(tpl));
    const environments = readEnvironments(settings, io, diagnostics);
    const params = (0,parameters/* resolveParameters */.O)(tpl, version, { values: settings.parameters, source: "the 'parameters' input" }, environments, { stackName: settings.stackName });
    diagnostics.push(...params.diagnostics);
    const secrets = params.secrets;
    const doc = tpl.doc;
    const definitions = (doc.parameters && typeof doc.parameters === 'object' ? doc.parameters : {});
    const templateDir = { workspace: settings.workspace, readFile: (p) => io.readFile(p) };
    diagnostics.push(...(0,resolve/* checkTemplateSemantics */.SP)(tpl, version, { values: params.values, definitions }, templateDir));
    if ((0,src_diagnostics/* hasErrors */.C)(diagnostics))
        return { diagnostics: (0,src_diagnostics/* sortDiagnostics */.D)(diagnostics), secrets };
    const resolved = (0,resolve/* resolveStack */.b9)(tpl, version, { values: params.values, hidden: params.hidden }, {
        ...templateDir,
        stackName: settings.stackName,
    });
    diagnostics.push(...resolved.diagnostics);
    let stack = resolved.stack;
    if (stack) {
        diagnostics.push(...lastMemberSchemaProblems(tpl, stack.resources, checkSchema));
        diagnostics.push(...checkDockerResources(tpl, stack, {
            defaultEndpoint: settings.dockerEndpoint,
            endpointNames: Object.keys(settings.endpoints),
        }));
        const placement = checkPlacement(tpl, stack, { endpointNames: Object.keys(settings.endpoints) });
        diagnostics.push(...placement.diagnostics);
        stack = withPlacement(stack, placement.constraints);
        diagnostics.push(...checkServiceMetadata(tpl, stack, settings.target));
    }
    const ok = !(0,src_diagnostics/* hasErrors */.C)(diagnostics);
    return { diagnostics: (0,src_diagnostics/* sortDiagnostics */.D)(collapseMemberDiagnostics(doc, diagnostics)), stack: ok ? stack : undefined, secrets };
}

// EXTERNAL MODULE: ./src/engine/attributes.ts
var attributes = __nccwpck_require__(8837);
;// CONCATENATED MODULE: ./src/pipeline.ts
/**
 * One pass through the engine, shared by the action (main.ts) and the CLI (cli.ts): validate,
 * then plan/deploy/destroy. Free of @actions/core (and its HTTP client), which the CLI never
 * needs, and of the Docker modules until a mode needs them: `hotdock validate` starts fast.
 */




/** Template files come from the local disk, for the action and the CLI alike. */
const nodeIO = { readFile: (absPath) => (0,external_node_fs_.readFileSync)(absPath, 'utf8') };
/**
 * Names of the outputs whose value reads a container's logs (`get_attr` of logs, logs_head or
 * logs_tail anywhere in it): such values can be any size, so the report caps them first.
 */
function logOutputsOf(stack) {
    const readsLogs = (v) => {
        if (Array.isArray(v))
            return v.some(readsLogs);
        if (!v || typeof v !== 'object')
            return false;
        const attr = v.get_attr;
        if (Array.isArray(attr) && typeof attr[1] === 'string' && (0,attributes/* needsLogs */.TD)(attr[1]))
            return true;
        return Object.values(v).some(readsLogs);
    };
    return Object.entries(stack.outputs).filter(([, o]) => readsLogs(o.value)).map(([name]) => name);
}
/**
 * Loads the deploy stages on first use: dockerode and ssh2 are most of the bundle, and
 * `validate` needs neither. The bundler puts them in a chunk beside dist/index.js (each chunk
 * defines the `__dirname` ssh2 reads while loading: scripts/bundle.mjs).
 */
async function loadRunStack() {
    return (await Promise.all(/* import() */[__nccwpck_require__.e(40), __nccwpck_require__.e(823), __nccwpck_require__.e(985), __nccwpck_require__.e(333), __nccwpck_require__.e(984), __nccwpck_require__.e(259)]).then(__nccwpck_require__.bind(__nccwpck_require__, 4259))).runStack;
}
/** The real stages. */
const realStages = {
    validate: validateTemplateFile,
    runStack: async (settings, stack, log, options) => (await loadRunStack())(settings, stack, log, options),
};
/**
 * Validates, then (unless mode is validate) runs the stack. A template with any error deploys
 * nothing. `onValidated` runs between the two, so annotations appear before deploy progress.
 * Docker failures inside runStack come back in the report; anything thrown propagates.
 */
async function runPipeline(settings, log, hooks = {}) {
    const stages = hooks.stages ?? realStages;
    const validation = stages.validate(settings, nodeIO);
    const { diagnostics, secrets } = validation;
    hooks.onValidated?.(diagnostics, secrets);
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    if ((0,src_diagnostics/* hasErrors */.C)(diagnostics) || !validation.stack) {
        const what = settings.mode === 'validate' ? '' : settings.mode === 'destroy' ? ': nothing was removed' : ': nothing was deployed';
        return { diagnostics, secrets, failureReason: 'template-invalid', error: `The template ${settings.template} has ${errors} error${errors === 1 ? '' : 's'}${what}` };
    }
    if (settings.mode === 'validate')
        return { diagnostics, secrets };
    const signal = hooks.run?.signal;
    if (signal?.aborted) {
        return { diagnostics, secrets, failureReason: 'cancelled', error: `${signal.reason?.message ?? 'cancelled'} before the ${settings.mode} started: nothing was changed` };
    }
    const report = await stages.runStack(settings, validation.stack, log, hooks.run ?? {});
    return {
        diagnostics,
        secrets,
        logOutputs: logOutputsOf(validation.stack),
        report,
        ...(report.result === 'failure' ? { error: report.error ?? `${settings.mode} failed` } : {}),
    };
}


/***/ }),

/***/ 4031:
/***/ (function(__unused_webpack_module, __webpack_exports__, __nccwpck_require__) {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   AL: () => (/* binding */ safeLogLine),
/* harmony export */   DV: () => (/* binding */ codeBlock),
/* harmony export */   Hl: () => (/* binding */ safeJsonText),
/* harmony export */   Ht: () => (/* binding */ safeLogText),
/* harmony export */   VV: () => (/* binding */ escapeInline),
/* harmony export */   ti: () => (/* binding */ inlineCode),
/* harmony export */   xR: () => (/* binding */ tableCell),
/* harmony export */   xr: () => (/* binding */ annotationText)
/* harmony export */ });
/* unused harmony exports escapeControls, escapeHtml */
/**
 * Escaping for every sink hotdock writes template-derived text to. Template text is untrusted:
 * validate and plan run on fork pull requests, and a resource name, a value or a container's log
 * may hold anything. The sinks and what makes text dangerous in each:
 *
 * - The workflow log (core.info, CLI lines that may run in a runner step). The runner splits
 *   output at \n, \r and \r\n and reads a line as a workflow command when, after its leading
 *   whitespace, it starts with `::` \u2014 or, in the legacy form, when `##[name]` appears ANYWHERE in
 *   it (actions/runner ActionCommand.TryParse). `##[stop-commands]x` would switch off every later
 *   command of the step, `add-mask` among them. @actions/core writes core.info text as is.
 * - Annotations (core.error/warning/setFailed): @actions/core escapes %, \r and \n in the data
 *   and also : and , in properties, so a message cannot end its command line; only terminal
 *   control characters remain to neutralise.
 * - The job summary (markdown with HTML): table syntax, HTML, and code fences.
 *
 * Escapes stay visible (`\n`, `:\:`, `##\[`) so a reader sees what the template really holds.
 */
/**
 * Characters that change how text is shown rather than what it says: C0 controls other than tab,
 * DEL, C1 controls, the Unicode line/paragraph separators and the bidirectional overrides that
 * can reorder what a reader sees ("Trojan Source").
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
/** Same set without \n: for texts whose line breaks are meant (warnings, a plan). */
// eslint-disable-next-line no-control-regex
const CONTROL_BUT_LF = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const SHORT = { '\n': '\\n', '\r': '\\r' };
function visible(ch) {
    return SHORT[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
}
/** One line: every line break and control character as a visible escape (`\n`, `\u001b`). */
function escapeInline(text) {
    return text.replace(CONTROL, visible);
}
/** Keeps \n (and turns \r\n into \n) but escapes every other control character, a lone \r too. */
function escapeControls(text) {
    return text.replace(/\r\n/g, '\n').replace(CONTROL_BUT_LF, visible);
}
/**
 * Makes one log line inert for the runner: a leading `::` (after blanks) becomes `:\:`, and every
 * `##[` becomes `##\[`. The line must hold no line break (see safeLogText).
 */
function inertLine(line) {
    const lead = /^(\s*):/.exec(line);
    let out = lead && line[lead[0].length] === ':' ? `${lead[1]}:\\${line.slice(lead[0].length)}` : line;
    if (out.includes('##['))
        out = out.split('##[').join('##\\[');
    return out;
}
/** A single log line from any text: line breaks and controls escaped, no command possible. */
function safeLogLine(text) {
    return inertLine(escapeInline(text));
}
/**
 * A block of log lines (the plan, the CLI's result): its own line breaks kept, every other control
 * character escaped, each line made inert. \r counts as a line break, as it does for the runner.
 */
function safeLogText(text) {
    return text
        .split(/\r\n|\r|\n/)
        .map((line) => inertLine(line.replace(CONTROL, visible)))
        .join('\n');
}
/** An annotation's message: @actions/core escapes line breaks in it; the rest of the controls go here. */
function annotationText(text) {
    return escapeControls(text);
}
/**
 * JSON text for a log (the CLI's --json): JSON.stringify already escapes every control character,
 * and no line of it can start with `::` outside a string; `##[` can only occur inside a string,
 * where `\u0023` is the same '#'.
 */
function safeJsonText(json) {
    return json.includes('##[') ? json.split('##[').join('#\\u0023[') : json;
}
/** Text for HTML element content: & < > as entities (hotdock never puts text in attributes). */
function escapeHtml(text) {
    return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
/**
 * One markdown table cell: HTML escaped, `|` kept out of the table syntax, every line break
 * (\r\n, \r, \n) as <br> so the row stays one line, other controls escaped visibly.
 */
function tableCell(text) {
    return escapeHtml(text.replace(/\r\n|\r|\n/g, '\n').replace(CONTROL_BUT_LF, visible))
        .replace(/\|/g, '&#124;')
        .replace(/\n/g, '<br>');
}
/** Inline code in markdown that survives any content: `<code>` with the text HTML-escaped on one line. */
function inlineCode(text) {
    return `<code>${escapeHtml(escapeInline(text))}</code>`;
}
/**
 * A fenced code block whose fence is longer than any backtick run inside, so no line of the text
 * can close it (CommonMark: a closing fence needs at least as many backticks as the opening).
 */
function codeBlock(text, info = 'text') {
    const body = text.replace(/\r\n|\r/g, '\n').replace(CONTROL_BUT_LF, visible);
    let longest = 0;
    for (const run of body.match(/`+/g) ?? [])
        longest = Math.max(longest, run.length);
    const fence = '`'.repeat(Math.max(3, longest + 1));
    return `${fence}${info}\n${body}\n${fence}`;
}


/***/ }),

/***/ 2011:
/***/ (function(__unused_webpack_module, __webpack_exports__, __nccwpck_require__) {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   $D: () => (/* binding */ renderPlanText),
/* harmony export */   Xo: () => (/* binding */ formatSeconds),
/* harmony export */   ii: () => (/* binding */ countDiagnostics),
/* harmony export */   xy: () => (/* binding */ formatDiagnostic)
/* harmony export */ });
/* harmony import */ var _deploy_plan_text_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(1450);
/* harmony import */ var _escape_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(4031);


/**
 * `file:line:column: error: message`, the form compilers use (and editors jump to). One line:
 * a message quoting template text with line breaks shows them escaped.
 */
function formatDiagnostic(d) {
    return (0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeInline */ .VV)(`${d.file}:${d.line}:${d.column}: ${d.severity}: ${d.message}`);
}
/**
 * The plan as text: the deploy stage's format (one aligned line per step, then the counts), so
 * the log, the summary and the CLI show the same lines. Golden tests pin that format. Names and
 * reasons come from the template: one step stays one line whatever they hold.
 */
function renderPlanText(plan, graph) {
    if (graph) {
        return (0,_deploy_plan_text_js__WEBPACK_IMPORTED_MODULE_0__/* .formatPlan */ .n)(graph.map((n) => ({
            ...n,
            resource: (0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeInline */ .VV)(n.resource),
            endpoint: (0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeInline */ .VV)(n.endpoint),
            reasons: n.reasons.map(_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeInline */ .VV),
            ...(n.changes ? { changes: n.changes.map((c) => ({ field: (0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeInline */ .VV)(c.field), ...(c.old !== undefined ? { old: (0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeInline */ .VV)(c.old) } : {}), ...(c.new !== undefined ? { new: (0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeInline */ .VV)(c.new) } : {}) })) } : {}),
        })));
    }
    return (0,_deploy_plan_text_js__WEBPACK_IMPORTED_MODULE_0__/* .formatPlan */ .n)(plan.map((e) => ({
        ...e,
        resource: (0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeInline */ .VV)(e.resource),
        endpoint: (0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeInline */ .VV)(e.endpoint),
        reasons: e.reasons.map(_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeInline */ .VV),
        dependsOn: [],
    })));
}
/** `0.4 s`, `12 s`: precise where it matters, short where it does not. */
function formatSeconds(seconds) {
    if (seconds === undefined || !Number.isFinite(seconds))
        return '';
    return seconds < 10 ? `${seconds.toFixed(1)} s` : `${Math.round(seconds)} s`;
}
/** `N error(s), M warning(s)` with proper plurals. */
function countDiagnostics(diagnostics) {
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    const warnings = diagnostics.length - errors;
    const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;
    return `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
}


/***/ }),

/***/ 5333:
/***/ (function(__unused_webpack_module, __webpack_exports__, __nccwpck_require__) {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   D1: () => (/* binding */ capJson),
/* harmony export */   G$: () => (/* binding */ cutMarkdown),
/* harmony export */   G9: () => (/* binding */ keepTail),
/* harmony export */   kD: () => (/* binding */ cellCost),
/* harmony export */   mz: () => (/* binding */ byteSize),
/* harmony export */   uE: () => (/* binding */ SIZE_LIMIT),
/* harmony export */   z: () => (/* binding */ utf8Cost)
/* harmony export */ });
/* unused harmony exports truncationNote, jsonCost */
/**
 * Size caps for what GitHub keeps: a step output and a job summary of more than 1 MiB are dropped
 * (the summary with an error, the whole summary, not its tail). hotdock keeps each under
 * SIZE_LIMIT by shortening the largest values first \u2014 container logs before anything else \u2014 and
 * says what it cut: `\u2026 N bytes truncated`. Logs are read from the end, so the tail is kept.
 */
/** 1 MiB less a 64 KiB margin (markdown framing, the runner's own bookkeeping). */
const SIZE_LIMIT = 1024 * 1024 - 64 * 1024;
/** The note put where text was cut. */
function truncationNote(bytes) {
    return `\u2026 ${bytes} bytes truncated`;
}
/** Room kept for the note and its line break: the longest note a 2^53-byte cut could need. */
const NOTE_ROOM = Buffer.byteLength(truncationNote(Number.MAX_SAFE_INTEGER)) + 1;
/** UTF-8 size of a string. */
function byteSize(text) {
    return Buffer.byteLength(text, 'utf8');
}
/** Plain UTF-8. */
const utf8Cost = (cp) => (cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4);
/** Inside a JSON string (JSON.stringify's escapes). */
const jsonCost = (cp) => {
    if (cp === 0x22 || cp === 0x5c || cp === 0x08 || cp === 0x0c || cp === 0x0a || cp === 0x0d || cp === 0x09)
        return 2;
    if (cp < 0x20 || (cp >= 0xd800 && cp <= 0xdfff))
        return 6;
    return utf8Cost(cp);
};
/** Inside a summary table cell (escape.ts tableCell: entities, <br>, visible control escapes). */
const cellCost = (cp) => {
    if (cp === 0x7c)
        return 6;
    if (cp === 0x26)
        return 5;
    if (cp === 0x3c || cp === 0x3e || cp === 0x0a || cp === 0x0d)
        return 4;
    if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp === 0x2028 || cp === 0x2029)
        return 6;
    return utf8Cost(cp);
};
/**
 * `text` whose encoding (by `cost`) fits `budget` bytes: unchanged when it fits, else its tail
 * behind a first line `\u2026 N bytes truncated` (N: UTF-8 bytes cut). The tail starts at a line when
 * one begins soon after the cut, and never splits a surrogate pair. Walks only the kept part.
 */
function keepTail(text, budget, cost = utf8Cost) {
    // Cheap exit: no character costs more than 6.
    if (text.length * 6 <= budget)
        return { text, cut: 0 };
    let used = 0;
    let i = text.length;
    let fits = true;
    while (i > 0) {
        const lo = text.charCodeAt(i - 1);
        const pair = lo >= 0xdc00 && lo <= 0xdfff && i > 1 && text.charCodeAt(i - 2) >= 0xd800 && text.charCodeAt(i - 2) <= 0xdbff;
        const cp = pair ? text.codePointAt(i - 2) : lo;
        const c = cost(cp);
        if (used + c > budget) {
            fits = false;
            break;
        }
        used += c;
        i -= pair ? 2 : 1;
    }
    if (fits)
        return { text, cut: 0 };
    // Now shrink for the note, then start at a line break if one is near.
    const room = Math.max(0, budget - NOTE_ROOM - cost(0x0a));
    while (used > room && i < text.length) {
        const cp = text.codePointAt(i);
        used -= cost(cp);
        i += cp > 0xffff ? 2 : 1;
    }
    let kept = text.slice(i);
    const nl = kept.indexOf('\n');
    if (nl >= 0 && nl < Math.min(4096, kept.length / 10))
        kept = kept.slice(nl + 1);
    const cut = byteSize(text) - byteSize(kept);
    return { text: `${truncationNote(cut)}\n${kept}`, cut };
}
function collectLeaves(value, isPriority) {
    const leaves = [];
    const visit = (v, path) => {
        if (Array.isArray(v)) {
            v.forEach((x, i) => {
                if (typeof x === 'string')
                    push(v, i, x, path);
                else
                    visit(x, [...path, i]);
            });
        }
        else if (v && typeof v === 'object') {
            const o = v;
            for (const k of Object.keys(o)) {
                if (typeof o[k] === 'string')
                    push(o, k, o[k], path);
                else
                    visit(o[k], [...path, k]);
            }
        }
    };
    const push = (holder, key, text, path) => leaves.push({ holder, key, text, priority: isPriority([...path, key]) });
    visit(value, []);
    return leaves;
}
/**
 * `value` as JSON text of at most `limit` bytes, still valid JSON of the same shape where it can
 * be: the largest strings lose their head first, those under a priority path (container logs)
 * before any other; if the structure alone is too big, the largest top-level members become
 * notes, and at last the whole value does.
 */
function capJson(value, limit = SIZE_LIMIT, isPriority = () => false) {
    const json = JSON.stringify(value) ?? 'null';
    let size = byteSize(json);
    if (size <= limit)
        return { json, truncated: false };
    const copy = JSON.parse(json);
    const leaves = collectLeaves(copy, isPriority).sort((a, b) => Number(b.priority) - Number(a.priority) || b.text.length - a.text.length);
    for (const leaf of leaves) {
        if (size <= limit)
            break;
        const before = byteSize(JSON.stringify(leaf.text));
        const next = keepTail(leaf.text, Math.max(0, before - 2 - (size - limit)), jsonCost).text;
        leaf.holder[leaf.key] = next;
        size += byteSize(JSON.stringify(next)) - before;
    }
    let out = JSON.stringify(copy);
    if (byteSize(out) <= limit)
        return { json: out, truncated: true };
    if (copy && typeof copy === 'object') {
        const holder = copy;
        const members = Object.keys(holder)
            .map((k) => ({ k, bytes: byteSize(JSON.stringify(holder[k]) ?? '') }))
            .sort((a, b) => b.bytes - a.bytes);
        size = byteSize(out);
        for (const m of members) {
            if (size <= limit)
                break;
            const note = truncationNote(m.bytes);
            holder[m.k] = note;
            size += byteSize(JSON.stringify(note)) - m.bytes;
        }
        out = JSON.stringify(copy);
        if (byteSize(out) <= limit)
            return { json: out, truncated: true };
    }
    return { json: JSON.stringify(truncationNote(byteSize(json))), truncated: true };
}
/**
 * Markdown cut to `limit` bytes at a line break, keeping the head (the verdict comes first) and
 * saying how much of it is gone. Callers shorten values first; this is the last resort.
 */
function cutMarkdown(markdown, limit = SIZE_LIMIT) {
    const total = byteSize(markdown);
    if (total <= limit)
        return markdown;
    const room = limit - 200;
    // Bytes to characters: cut by bytes, then back off to a whole character and a line.
    let head = Buffer.from(markdown, 'utf8').subarray(0, room).toString('utf8').replace(/\uFFFD$/, '');
    const nl = head.lastIndexOf('\n');
    if (nl > 0)
        head = head.slice(0, nl);
    // A cut inside a code block would swallow the note: close the block first.
    let fence;
    for (const line of head.split('\n')) {
        const run = /^(`{3,})/.exec(line)?.[1];
        if (!fence && run)
            fence = run;
        else if (fence && run && run.length >= fence.length && line.trim() === run)
            fence = undefined;
    }
    if (fence)
        head += `\n${fence}`;
    return `${head}\n\n> [!NOTE]\n> ${truncationNote(total - byteSize(head))} from the end of this summary (GitHub keeps at most 1 MiB).\n`;
}


/***/ }),

/***/ 9488:
/***/ (function(__unused_webpack_module, __webpack_exports__, __nccwpck_require__) {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   E$: () => (/* binding */ redact),
/* harmony export */   FI: () => (/* binding */ redactValue),
/* harmony export */   Fo: () => (/* binding */ hiddenTest),
/* harmony export */   US: () => (/* binding */ redactOutputs),
/* harmony export */   YH: () => (/* binding */ registryCredentialSecrets),
/* harmony export */   cl: () => (/* binding */ registerSecret),
/* harmony export */   rL: () => (/* binding */ maskPem)
/* harmony export */ });
/* unused harmony exports MASK, MIN_SECRET_LENGTH, maskableEverywhere */
/* harmony import */ var _spec_registry_auth_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(8823);

/** Shown in place of a secret, as Heat shows hidden parameters. */
const MASK = '******';
/** Shorter values are masked only as whole values (see the module comment). */
const MIN_SECRET_LENGTH = 4;
/** Words with one bit of information: masking them everywhere hides nothing and mangles much. */
const WORDS = new Set(['true', 'false', 'null']);
/** True when `text` is masked wherever it occurs (long enough, not a bare boolean word). */
function maskableEverywhere(text) {
    const t = text.trim();
    return t.length >= MIN_SECRET_LENGTH && !WORDS.has(t.toLowerCase());
}
/** PEM armour lines are public; masking them would blank every certificate in the log too. */
const PEM_ARMOUR = /^-----(BEGIN|END) [A-Z0-9 ]+-----$/;
/**
 * The lines of a multi-line secret, each also trimmed: what the runner can find in one log line.
 * PEM armour lines are left out.
 */
function linesOf(text) {
    if (!/[\r\n]/.test(text))
        return [];
    return text.split(/\r\n|\r|\n/).flatMap((l) => (PEM_ARMOUR.test(l.trim()) ? [] : [l, l.trim()]));
}
/**
 * Registers a secret with the runner: the value and each of its lines, when maskable everywhere.
 * Values too short to mask (see the module comment) are not registered; `register` is
 * core.setSecret in the action.
 */
function registerSecret(value, register) {
    for (const s of new Set([value, ...linesOf(value)]))
        if (maskableEverywhere(s))
            register(s);
}
/**
 * Registers a PEM (or OpenSSH) key: the whole text, and each body line, because the runner
 * matches line by line and a multi-line value is otherwise never found in a one-line log entry.
 */
function maskPem(text, mask) {
    mask(text);
    for (const line of text.split(/\r?\n/)) {
        const l = line.trim();
        if (l.length >= 8 && !PEM_ARMOUR.test(l))
            mask(l);
    }
}
/**
 * Every form a registry password travels in: itself, base64 of it, `user:password` in base64
 * (the `auth` field of a Docker config), and the base64url JSON of the X-Registry-Auth header.
 */
function registryCredentialSecrets(cred, host) {
    const b64 = (s) => Buffer.from(s, 'utf8').toString('base64');
    const b64url = (s) => Buffer.from(s, 'utf8').toString('base64url');
    const header = JSON.stringify({ username: cred.username, password: cred.password, serveraddress: host });
    const own = [cred.password, b64(cred.password), b64(`${cred.username}:${cred.password}`), b64(header), b64url(header)];
    // Plus the exact forms the image module sends, whatever its JSON field order.
    return [...new Set([...own, ...(0,_spec_registry_auth_js__WEBPACK_IMPORTED_MODULE_0__/* .registryAuthSecrets */ .hQ)({ [host]: cred })])].filter((s) => s !== '');
}
/** The substrings to replace, longest first so a secret that contains another is hidden whole. */
function everywhereList(secrets) {
    const all = new Set();
    for (const s of secrets)
        for (const part of [s, ...linesOf(s)])
            if (maskableEverywhere(part))
                all.add(part);
    return [...all].sort((a, b) => b.length - a.length);
}
/** Replaces every occurrence of each maskable secret (and each line of one) with MASK. */
function redact(text, secrets) {
    let out = text;
    for (const s of everywhereList(secrets))
        if (out.includes(s))
            out = out.split(s).join(MASK);
    return out;
}
/**
 * Deep copy of a JSON-like value with secrets masked: a string equal to any secret (however
 * short) becomes MASK, longer secrets are masked inside strings and keys. Numbers and booleans
 * are hotdock's own data here (counts, flags) and stay; template outputs use redactOutputs.
 */
function redactValue(value, secrets) {
    if (secrets.length === 0)
        return value;
    return walk(value, new Set(secrets.filter((s) => s.trim() !== '')), everywhereList(secrets), false);
}
/**
 * Template outputs: as redactValue, and a number or boolean whose text is a secret, or holds a
 * maskable one, becomes MASK too (a hidden number read back by get_param).
 */
function redactOutputs(outputs, secrets) {
    if (secrets.length === 0)
        return outputs;
    return walk(outputs, new Set(secrets.filter((s) => s.trim() !== '')), everywhereList(secrets), true);
}
function walk(value, whole, everywhere, scalars) {
    const inside = (s) => {
        let out = s;
        for (const e of everywhere)
            if (out.includes(e))
                out = out.split(e).join(MASK);
        return out;
    };
    const text = (s) => (whole.has(s) ? MASK : inside(s));
    const go = (v) => {
        if (typeof v === 'string')
            return text(v);
        if (scalars && (typeof v === 'number' || typeof v === 'boolean'))
            return text(String(v)) === String(v) ? v : MASK;
        if (Array.isArray(v))
            return v.map(go);
        // Keys name things (outputs, resources): masked only where a maskable secret occurs in them.
        if (v && typeof v === 'object')
            return Object.fromEntries(Object.entries(v).map(([k, x]) => [inside(k), go(x)]));
        return v;
    };
    return go(value);
}
/**
 * Tells whether a text is a secret or holds one, by the rule `redact` applies: equal to any secret,
 * or holding one long enough to mask everywhere. The field-level plan asks it per value.
 */
function hiddenTest(secrets) {
    const whole = new Set(secrets.filter((s) => s.trim() !== ''));
    const everywhere = everywhereList(secrets);
    return (text) => whole.has(text) || everywhere.some((s) => text.includes(s));
}


/***/ }),

/***/ 5468:
/***/ (function(__unused_webpack_module, __webpack_exports__, __nccwpck_require__) {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   M: () => (/* binding */ failureReasonOf),
/* harmony export */   u: () => (/* binding */ outputValues)
/* harmony export */ });
/* harmony import */ var _limit_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(5333);
/* harmony import */ var _mask_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(9488);


/**
 * The `failure-reason` of a run: '' when it succeeded; else the reason given for a failure outside
 * the report, else the report's own, else `internal` (a failure nobody classified is hotdock's).
 */
function failureReasonOf(report, failed, given) {
    if (!failed && report?.result !== 'failure')
        return '';
    return given ?? report?.failureReason ?? 'internal';
}
/**
 * Pure: outputs for a run. Without a report (validate mode, template errors) nothing changed;
 * `failed` marks a failure that happened outside the report. Hidden values are masked in every
 * output (a container name or a port can come from one): the runner drops an output that holds a
 * registered secret from a job's outputs, and GITHUB_OUTPUT itself is never masked.
 */
function outputValues(report, failed, options = {}) {
    const secrets = [...(options.secrets ?? [])];
    const limit = options.limit ?? Infinity;
    const logs = new Set(options.logOutputs ?? []);
    // The contract's fields only: the time and health are the summary's.
    const strip = ({ seconds: _seconds, health: _health, ...rest }) => rest;
    const resources = report ? Object.fromEntries(Object.entries(report.resources).map(([k, v]) => [k, strip({ ...v })])) : {};
    // Masked first, cut second: a cut through a secret would leave the rest of it in clear.
    const json = (name, value, isLog) => {
        if (limit === Infinity)
            return JSON.stringify(value);
        const capped = (0,_limit_js__WEBPACK_IMPORTED_MODULE_0__/* .capJson */ .D1)(value, limit, isLog);
        if (capped.truncated)
            options.onTruncated?.(name);
        return capped.json;
    };
    return {
        result: failed || report?.result === 'failure' ? 'failure' : 'success',
        changed: report?.changed ? 'true' : 'false',
        resources: json('resources', (0,_mask_js__WEBPACK_IMPORTED_MODULE_1__/* .redactValue */ .FI)(resources, secrets)),
        outputs: json('outputs', (0,_mask_js__WEBPACK_IMPORTED_MODULE_1__/* .redactOutputs */ .US)(report?.outputs ?? {}, secrets), (path) => logs.has(String(path[0]))),
        plan: json('plan', (0,_mask_js__WEBPACK_IMPORTED_MODULE_1__/* .redactValue */ .FI)(report?.plan ?? [], secrets)),
        'failure-reason': failureReasonOf(report, failed, options.failureReason),
    };
}


/***/ }),

/***/ 4902:
/***/ (function(__unused_webpack_module, __webpack_exports__, __nccwpck_require__) {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   BT: () => (/* binding */ parsePull),
/* harmony export */   EJ: () => (/* binding */ parsePositiveInt),
/* harmony export */   Gn: () => (/* binding */ parseCommentOnPr),
/* harmony export */   LE: () => (/* binding */ checkEndpointUrl),
/* harmony export */   Lz: () => (/* binding */ parseNonNegativeInt),
/* harmony export */   Qk: () => (/* binding */ checkStackName),
/* harmony export */   TJ: () => (/* binding */ DEFAULT_DOCKER_ENDPOINT),
/* harmony export */   Zo: () => (/* binding */ defaultStackName),
/* harmony export */   Zx: () => (/* binding */ parseMode),
/* harmony export */   dz: () => (/* binding */ InputError),
/* harmony export */   hu: () => (/* binding */ parseTarget),
/* harmony export */   vc: () => (/* binding */ parsePlacement),
/* harmony export */   yG: () => (/* binding */ parseBoolean),
/* harmony export */   yL: () => (/* binding */ oneOf),
/* harmony export */   zY: () => (/* binding */ DEFAULTS)
/* harmony export */ });
/* unused harmony export parseChoice */
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _spec_endpoint_url_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(1434);
/**
 * Checks and defaults shared by the action's inputs (inputs.ts) and the CLI's flags (cli.ts).
 * Free of @actions/core on purpose: the CLI loads this, and its start-up time is measured.
 */


/** The socket every Docker client falls back to. */
const DEFAULT_DOCKER_ENDPOINT = 'unix:///var/run/docker.sock';
/** Defaults of the inputs that the CLI has no flag for; action.yml declares the same. */
const DEFAULTS = {
    mode: 'deploy',
    pull: 'missing',
    prune: true,
    rollback: true,
    waitTimeout: 60,
    stableSeconds: 5,
    maxParallel: 8,
    lockTimeout: 300,
    placement: 'spread',
    target: 'containers',
    requireReviewedPlan: false,
    commentOnPr: 'true',
};
const MODES = ['validate', 'plan', 'deploy', 'destroy'];
const PULL_POLICIES = ['missing', 'always', 'never'];
const PLACEMENTS = ['spread', 'binpack'];
const TARGETS = ['containers', 'swarm'];
const COMMENT_ON_PR = ['true', 'changes-only', 'false'];
/** An input or flag a user got wrong: the message says which, the value, and what is expected. */
class InputError extends Error {
    name = 'InputError';
}
/** "a, b or c" for error messages. */
function oneOf(values) {
    return values.length < 2 ? values.join('') : `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`;
}
/** Checks a value against a closed list. */
function parseChoice(what, value, allowed) {
    if (allowed.includes(value))
        return value;
    throw new InputError(`Invalid ${what}: '${value}'. Expected ${oneOf(allowed)}`);
}
/** validate | plan | deploy | destroy. */
function parseMode(value, what = "input 'mode'") {
    return parseChoice(what, value, MODES);
}
/** missing | always | never. */
function parsePull(value, what = "input 'pull'") {
    return parseChoice(what, value, PULL_POLICIES);
}
/** spread | binpack. */
function parsePlacement(value, what = "input 'placement'") {
    return parseChoice(what, value, PLACEMENTS);
}
/** containers | swarm. */
function parseTarget(value, what = "input 'target'") {
    return parseChoice(what, value, TARGETS);
}
/** true | changes-only | false (true/false in any case, as booleans are). */
function parseCommentOnPr(value, what = "input 'comment-on-pr'") {
    const v = /^(true|false)$/i.test(value) ? value.toLowerCase() : value;
    return parseChoice(what, v, COMMENT_ON_PR);
}
/** true/false in any case, as core.getBooleanInput accepts (YAML 1.2 core schema). */
function parseBoolean(name, value) {
    if (/^true$/i.test(value))
        return true;
    if (/^false$/i.test(value))
        return false;
    throw new InputError(`Invalid input '${name}': '${value}'. Expected true or false`);
}
/** A whole number \u2265 1 (seconds, counts). */
function parsePositiveInt(name, value) {
    if (!/^\d+$/.test(value) || Number(value) < 1 || !Number.isSafeInteger(Number(value))) {
        throw new InputError(`Invalid input '${name}': '${value}'. Expected a positive integer`);
    }
    return Number(value);
}
/** A whole number of seconds that may be 0 (e.g. `stable-seconds: 0` turns the stability window off). */
function parseNonNegativeInt(name, value) {
    if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value))) {
        throw new InputError(`Invalid input '${name}': '${value}'. Expected a whole number of seconds (0 or more)`);
    }
    return Number(value);
}
/**
 * `<prefix>-<template name without extension>`, lower-cased, anything other than [a-z0-9_.-]
 * turned into '-'. Leading separators go too: Docker refuses container names that start with one.
 */
function defaultStackName(prefix, template) {
    const name = (0,node_path__WEBPACK_IMPORTED_MODULE_0__.basename)(template, (0,node_path__WEBPACK_IMPORTED_MODULE_0__.extname)(template));
    const raw = prefix ? `${prefix}-${name}` : name;
    return raw.toLowerCase().replace(/[^a-z0-9_.-]/g, '-').replace(/^[_.-]+/, '') || 'stack';
}
/** A given stack name must make valid container names (`<stack>-<resource>`). */
function checkStackName(name, what = "input 'stack-name'") {
    if (/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(name))
        return name;
    throw new InputError(`Invalid ${what}: '${name}'. Expected letters, digits, '_', '.' or '-', starting with a letter or digit`);
}
/** Syntax check with the Docker modules' one endpoint parser, so a typo fails early, naming its source. */
function checkEndpointUrl(url, what) {
    const parsed = (0,_spec_endpoint_url_js__WEBPACK_IMPORTED_MODULE_1__/* .parseEndpointUrl */ .yN)(url);
    if (parsed.ok)
        return url;
    throw new InputError(`${parsed.message} (in ${what})`);
}


/***/ }),

/***/ 634:
/***/ (function(__unused_webpack_module, __webpack_exports__, __nccwpck_require__) {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   $p: () => (/* binding */ YAML11_BOOLEAN_WORDS),
/* harmony export */   G4: () => (/* binding */ toBoolean),
/* harmony export */   av: () => (/* binding */ toMap),
/* harmony export */   er: () => (/* binding */ PropertyError),
/* harmony export */   fE: () => (/* binding */ toText),
/* harmony export */   jh: () => (/* binding */ isMap),
/* harmony export */   st: () => (/* binding */ toList),
/* harmony export */   vA: () => (/* binding */ toTextList),
/* harmony export */   yJ: () => (/* binding */ toInteger)
/* harmony export */ });
/**
 * Heat's property value coercion, as its plugin applied it: booleans accept "true"/"false" in any
 * case, integers accept numeric strings, strings accept numbers and booleans, lists and maps must
 * be lists and maps. Values normally reach here validated; a value that still cannot be coerced
 * (a deploy-time reference that produced the wrong shape) raises PropertyError naming the property.
 */
/** A resolved property value that cannot become what the Engine API needs. */
class PropertyError extends Error {
    /** Property path inside the resource's properties, e.g. `devices/0/path_on_host`. */
    property;
    constructor(property, message) {
        super(`property '${property}': ${message}`);
        this.name = 'PropertyError';
        this.property = property;
    }
}
/** True for a non-null, non-array object. */
function isMap(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
function shown(value) {
    return JSON.stringify(value) ?? String(value);
}
/**
 * The plain scalars Heat's template loader (PyYAML's SafeLoader, YAML 1.1: heat/common/
 * template_format.py) read as booleans besides true/false, in exactly these spellings (PyYAML's
 * bool resolver). hotdock's loader reads YAML 1.2, where they stay text; boolean properties
 * take them so templates written for Heat keep working. `y`, `n`, `1` and `0` are not among
 * them: Heat read those as text, which its boolean property refused.
 */
const YAML11_BOOLEAN_WORDS = {
    yes: true, Yes: true, YES: true, on: true, On: true, ON: true,
    no: false, No: false, NO: false, off: false, Off: false, OFF: false,
};
/**
 * Heat boolean: true/false or the strings "true"/"false" in any case (heat/engine/properties.py
 * _get_bool), and the YAML 1.1 words above (whether they may appear is the validator's call).
 */
function toBoolean(property, value) {
    if (typeof value === 'boolean')
        return value;
    if (typeof value === 'string') {
        const v = value.trim().toLowerCase();
        if (v === 'true')
            return true;
        if (v === 'false')
            return false;
        if (Object.prototype.hasOwnProperty.call(YAML11_BOOLEAN_WORDS, value))
            return YAML11_BOOLEAN_WORDS[value];
    }
    throw new PropertyError(property, `expected true or false, got ${shown(value)}`);
}
/** Heat integer: a whole number or a string of one (`"512"`, `"+3"`). */
function toInteger(property, value) {
    if (typeof value === 'number' && Number.isSafeInteger(value))
        return value;
    if (typeof value === 'string' && /^[-+]?\d+$/.test(value.trim())) {
        const n = Number(value.trim());
        if (Number.isSafeInteger(n))
            return n;
    }
    throw new PropertyError(property, `expected a whole number, got ${shown(value)}`);
}
/** Heat string: strings as is, numbers and booleans as their text. */
function toText(property, value) {
    if (typeof value === 'string')
        return value;
    if (typeof value === 'number' || typeof value === 'boolean')
        return String(value);
    throw new PropertyError(property, `expected a string, got ${shown(value)}`);
}
/** Heat list: must already be a list. */
function toList(property, value) {
    if (Array.isArray(value))
        return value;
    throw new PropertyError(property, `expected a list, got ${shown(value)}`);
}
/** A list of Heat strings. */
function toTextList(property, value) {
    return toList(property, value).map((item, i) => toText(`${property}/${i}`, item));
}
/** Heat map: must already be a map. */
function toMap(property, value) {
    if (isMap(value))
        return value;
    throw new PropertyError(property, `expected a mapping, got ${shown(value)}`);
}


/***/ }),

/***/ 7452:
/***/ (function(__unused_webpack_module, __webpack_exports__, __nccwpck_require__) {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   DP: () => (/* binding */ containerProperty),
/* harmony export */   MB: () => (/* binding */ BODY_FIELD_REASONS),
/* harmony export */   OP: () => (/* binding */ propertiesOfFormat),
/* harmony export */   VL: () => (/* binding */ CONTAINER_PROPERTY_NAMES),
/* harmony export */   pn: () => (/* binding */ CONTAINER_PROPERTY_TABLE),
/* harmony export */   t1: () => (/* binding */ propertiesOfKind)
/* harmony export */ });
/**
 * The one table of DockerInc::Docker::Container properties. Everything hotdock knows about a
 * property lives in its row, and every consumer reads the row instead of keeping a list of its own:
 * the JSON Schema (src/template/hot-schema.ts builds each property's schema from `format`), the
 * Docker checks (kinds and formats), the create body (src/spec/create-options.ts: `engine`), the
 * replace reasons (src/deploy/hash.ts: `reason`) and the property table of
 * docs/template-reference.md (generated from `docs`; a test fails when the two differ).
 *
 * Row order matters: it is the order of the schema, of the docs, of the create body's fields
 * (Config fields, then HostConfig fields) and of the reasons a replace lists.
 */
const HOST = 'HostConfig.';
/** Every property, in body order (see the module comment). */
const CONTAINER_PROPERTY_TABLE = [
    {
        name: 'docker_endpoint', kind: 'string', format: 'endpoint', title: 'Docker endpoint',
        description: "Where the container runs: unix:///path, tcp://host:port, http(s)://host:port, host:port, or the name of an entry of the action's 'endpoints' input. Defaults to the action's docker-endpoint, DOCKER_HOST, then the local socket.",
        engine: { notSent: 'chooses the engine the create call goes to' }, reason: null, secretBearing: false,
        docs: { type: 'string', example: 'docker-endpoint.yaml' }, since: 'heat-plugin',
    },
    {
        name: 'image', kind: 'string', format: 'text', title: 'Image', required: true,
        description: 'The image to run, e.g. nginx:1.27 or registry.example.com/team/app@sha256:... Required by hotdock.',
        engine: { fields: ['Image'] }, reason: 'image', secretBearing: false,
        docs: { type: 'string, required', example: 'process.yaml' }, since: 'heat-plugin',
    },
    {
        name: 'name', kind: 'string', format: 'container-name', title: 'Container name',
        description: "Docker container name; defaults to '<stack name>-<resource name>'.",
        engine: { notSent: "the create call's name query; a new name is a new container" }, reason: null, secretBearing: false,
        docs: { type: 'string', example: 'process.yaml' }, since: 'heat-plugin',
    },
    {
        name: 'hostname', kind: 'string', format: 'text', title: 'Hostname', heatDefault: "''",
        description: 'Hostname inside the container (Config.Hostname).',
        engine: { fields: ['Hostname'] }, reason: 'hostname', secretBearing: false,
        docs: { type: 'string', example: 'process.yaml' }, since: 'heat-plugin',
    },
    {
        name: 'user', kind: 'string', format: 'text', title: 'User', heatDefault: "''",
        description: 'User the command runs as: a name or uid, optionally with :group (Config.User).',
        engine: { fields: ['User'] }, reason: 'user', secretBearing: false,
        docs: { type: 'string (name or uid)', example: 'process.yaml' }, since: 'heat-plugin',
    },
    {
        name: 'cmd', kind: 'list', format: 'text-list', title: 'Command', heatDefault: '[]',
        description: 'Command and arguments as a list (Config.Cmd), e.g. [nginx, -g, "daemon off;"]. A plain string is an error.',
        engine: { fields: ['Cmd'] }, reason: 'cmd', secretBearing: false,
        docs: { type: 'list', example: 'process.yaml' }, since: 'heat-plugin',
    },
    {
        name: 'env', kind: 'list', format: 'env-list', title: 'Environment',
        description: 'Environment variables as a list of KEY=VALUE strings (Config.Env).',
        engine: { fields: ['Env'] }, reason: 'env', secretBearing: true,
        docs: { type: 'list of `KEY=VALUE`', example: 'process.yaml' }, since: 'heat-plugin',
    },
    {
        name: 'port_specs', kind: 'list', format: 'port-specs', title: 'Exposed ports',
        description: "Ports the container exposes: 80, '80/tcp', '53/udp' (no protocol means tcp).",
        engine: { fields: ['ExposedPorts'] }, reason: 'ports', secretBearing: false,
        docs: { type: 'list', example: 'port-specs.yaml' }, since: 'heat-plugin',
    },
    {
        name: 'tty', kind: 'boolean', format: 'boolean', title: 'TTY', heatDefault: 'false',
        description: 'Allocate a pseudo-TTY (Config.Tty).',
        engine: { fields: ['Tty'] }, reason: 'tty', secretBearing: false,
        docs: { type: 'boolean', example: 'process.yaml' }, since: 'heat-plugin',
    },
    {
        name: 'open_stdin', kind: 'boolean', format: 'boolean', title: 'Open stdin', heatDefault: 'false',
        description: 'Keep stdin open (Config.OpenStdin).',
        engine: { fields: ['OpenStdin'] }, reason: 'open_stdin', secretBearing: false,
        docs: { type: 'boolean', example: 'process.yaml' }, since: 'heat-plugin',
    },
    {
        name: 'stdin_once', kind: 'boolean', format: 'boolean', title: 'Stdin once', heatDefault: 'false',
        description: 'Close stdin after the first client detaches (Config.StdinOnce).',
        engine: { fields: ['StdinOnce'] }, reason: 'stdin_once', secretBearing: false,
        docs: { type: 'boolean', example: 'process.yaml' }, since: 'heat-plugin',
    },
    {
        name: 'volumes', kind: 'map', format: 'volumes', title: 'Volumes', heatDefault: '{}',
        description: "Bind mounts: {'/host/path': '/container/path'} or {'/host/path': {bind: /container/path, ro: true}} (HostConfig.Binds).",
        engine: { fields: [`${HOST}Binds`] }, reason: 'volumes', secretBearing: false,
        docs: { type: 'map', example: 'volumes.yaml' }, since: 'heat-plugin',
    },
    {
        name: 'port_bindings', kind: 'map', format: 'port-bindings', title: 'Port bindings',
        description: "Container port (80 or '80/tcp') to host port: 8080, null (any free port), {HostIp: 127.0.0.1, HostPort: 8080}, or a list of those.",
        // Its container ports are exposed too: ExposedPorts is shared with port_specs.
        engine: { fields: [`${HOST}PortBindings`, 'ExposedPorts'] }, reason: 'ports', secretBearing: false,
        docs: { type: 'map', example: 'port-bindings.yaml' }, since: 'heat-plugin',
    },
    {
        name: 'links', kind: 'map', format: 'links', title: 'Links',
        description: 'Other containers this one links to: {container name: alias} (HostConfig.Links).',
        engine: { fields: [`${HOST}Links`] }, reason: 'links', secretBearing: false,
        docs: { type: 'map', example: 'links.yaml' }, since: 'heat-plugin',
    },
    {
        name: 'volumes_from', kind: 'list', format: 'volumes-from', title: 'Volumes from', heatDefault: "''",
        description: 'Containers (names or ids) whose volumes this one mounts (HostConfig.VolumesFrom): a list, or a comma-separated string, as the first Heat plugin took it.',
        engine: { fields: [`${HOST}VolumesFrom`] }, reason: 'volumes_from', secretBearing: false,
        docs: { type: 'list or comma-separated string', example: 'volumes.yaml' }, since: 'heat-plugin',
    },
    {
        name: 'privileged', kind: 'boolean', format: 'boolean', title: 'Privileged', heatDefault: 'false',
        description: 'Give the container extended privileges (HostConfig.Privileged).',
        engine: { fields: [`${HOST}Privileged`] }, reason: 'privileged', secretBearing: false,
        docs: { type: 'boolean', example: 'capabilities.yaml' }, since: 'heat-plugin',
    },
    {
        name: 'dns', kind: 'list', format: 'dns-list', title: 'DNS servers',
        description: 'DNS server addresses (HostConfig.Dns).',
        engine: { fields: [`${HOST}Dns`] }, reason: 'dns', secretBearing: false,
        docs: { type: 'list', example: 'process.yaml' }, since: 'heat-plugin',
    },
    {
        name: 'restart_policy', kind: 'map', format: 'restart-policy', title: 'Restart policy', heatDefault: '{}',
        description: 'When Docker restarts the container: {Name: no|on-failure|always, MaximumRetryCount: 0}.',
        engine: { fields: [`${HOST}RestartPolicy`] }, reason: 'restart_policy', secretBearing: false,
        docs: { type: 'map', example: 'restart-policy.yaml' }, since: 'heat-later',
    },
    {
        name: 'cap_add', kind: 'list', format: 'capability-list', title: 'Capabilities to add', heatDefault: '[]',
        description: 'Linux capabilities to add (HostConfig.CapAdd), e.g. [NET_ADMIN].',
        engine: { fields: [`${HOST}CapAdd`] }, reason: 'cap_add', secretBearing: false,
        docs: { type: 'list', example: 'capabilities.yaml' }, since: 'heat-later',
    },
    {
        name: 'cap_drop', kind: 'list', format: 'capability-list', title: 'Capabilities to drop', heatDefault: '[]',
        description: 'Linux capabilities to drop (HostConfig.CapDrop), e.g. [ALL].',
        engine: { fields: [`${HOST}CapDrop`] }, reason: 'cap_drop', secretBearing: false,
        docs: { type: 'list', example: 'capabilities.yaml' }, since: 'heat-later',
    },
    {
        name: 'read_only', kind: 'boolean', format: 'boolean', title: 'Read-only root', heatDefault: 'false',
        description: 'Mount the root filesystem read-only (HostConfig.ReadonlyRootfs).',
        engine: { fields: [`${HOST}ReadonlyRootfs`] }, reason: 'read_only', secretBearing: false,
        docs: { type: 'boolean', example: 'capabilities.yaml' }, since: 'heat-later',
    },
    {
        name: 'cpu_shares', kind: 'integer', format: 'count', title: 'CPU shares', heatDefault: '0',
        description: 'Relative CPU weight (HostConfig.CpuShares).',
        engine: { fields: [`${HOST}CpuShares`] }, reason: 'cpu_shares', secretBearing: false,
        docs: { type: 'integer', example: 'limits.yaml' }, since: 'heat-later',
    },
    {
        name: 'cpu_set', kind: 'string', format: 'cpu-set', title: 'CPU set',
        description: "CPUs the container may use, e.g. '0-3' or '0-8,16-24,28' (HostConfig.CpusetCpus).",
        engine: { fields: [`${HOST}CpusetCpus`] }, reason: 'cpu_set', secretBearing: false,
        docs: { type: 'string', example: 'limits.yaml' }, since: 'heat-later',
    },
    {
        name: 'memory', kind: 'integer', format: 'bytes', title: 'Memory limit', heatDefault: '0',
        description: 'Memory limit in bytes (HostConfig.Memory), e.g. 536870912 for 512 MiB.',
        engine: { fields: [`${HOST}Memory`] }, reason: 'memory', secretBearing: false,
        docs: { type: 'integer, bytes', example: 'limits.yaml' }, since: 'heat-plugin',
    },
    {
        name: 'devices', kind: 'list', format: 'devices', title: 'Devices', heatDefault: '[]',
        description: 'Host devices to expose: [{path_on_host: /dev/sda, path_in_container: /dev/xvda, permissions: rwm}] (HostConfig.Devices).',
        // Left out when privileged is true: a privileged container sees every device already.
        engine: { fields: [`${HOST}Devices`] }, reason: 'devices', secretBearing: false,
        docs: { type: 'list of maps', example: 'devices.yaml' }, since: 'heat-later',
    },
];
/** Every property name, in table order. */
const CONTAINER_PROPERTY_NAMES = CONTAINER_PROPERTY_TABLE.map((p) => p.name);
const BY_NAME = new Map(CONTAINER_PROPERTY_TABLE.map((p) => [p.name, p]));
/** The row of a property, or undefined for a name that is not one. */
function containerProperty(name) {
    return BY_NAME.get(name);
}
/** Names by a key of the rows, grouped once: the checks ask for each resource. */
function groupBy(key) {
    const out = new Map();
    for (const p of CONTAINER_PROPERTY_TABLE)
        out.set(key(p), [...(out.get(key(p)) ?? []), p.name]);
    return out;
}
const BY_KIND = groupBy((p) => p.kind);
const BY_FORMAT = groupBy((p) => p.format);
/** Names of the properties of one kind (e.g. every boolean), in table order. */
function propertiesOfKind(kind) {
    return BY_KIND.get(kind) ?? [];
}
/** Names of the properties of one format (e.g. both capability lists), in table order. */
function propertiesOfFormat(format) {
    return BY_FORMAT.get(format) ?? [];
}
/**
 * Create-body fields with the reason word a change to each gives, in body order: each field
 * where the first row naming it puts it. `Labels` (hotdock's own, no property) comes last.
 */
const BODY_FIELD_REASONS = (() => {
    const out = new Map();
    for (const p of CONTAINER_PROPERTY_TABLE) {
        if (!('fields' in p.engine) || p.reason === null)
            continue;
        for (const field of p.engine.fields)
            if (!out.has(field))
                out.set(field, p.reason);
    }
    out.set('Labels', 'labels');
    return [...out];
})();


/***/ }),

/***/ 492:
/***/ (function(__unused_webpack_module, __webpack_exports__, __nccwpck_require__) {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   ct: () => (/* binding */ toCreateBody),
/* harmony export */   dG: () => (/* binding */ convertProperty),
/* harmony export */   e5: () => (/* binding */ containerNameFor)
/* harmony export */ });
/* harmony import */ var _coerce_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(634);
/* harmony import */ var _container_properties_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(7452);
/* harmony import */ var _ports_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(6855);



/** Characters Docker allows in a container name. */
const NAME_CHAR = /[^a-zA-Z0-9_.-]/g;
/**
 * The container name: the `name` property (a leading '/' dropped), else `<stack>-<resource>`
 * with characters Docker refuses in names turned into '-' (resource names may hold any but '/').
 */
function containerNameFor(resource, stackName) {
    const name = resource.properties.name;
    if (name !== undefined && name !== null && name !== '')
        return (0,_coerce_js__WEBPACK_IMPORTED_MODULE_0__/* .toText */ .fE)('name', name).replace(/^\//, '');
    return `${stackName}-${resource.name}`.replace(NAME_CHAR, '-');
}
/** `port_specs` plus the container ports of `port_bindings`: both must be exposed. */
function exposedPorts(props, bindings) {
    const keys = new Set();
    if (props.port_specs !== undefined && props.port_specs !== null) {
        (0,_coerce_js__WEBPACK_IMPORTED_MODULE_0__/* .toList */ .st)('port_specs', props.port_specs).forEach((spec, i) => {
            const parsed = (0,_ports_js__WEBPACK_IMPORTED_MODULE_2__/* .parsePortSpec */ .qy)(spec);
            if (!parsed.ok)
                throw new _coerce_js__WEBPACK_IMPORTED_MODULE_0__/* .PropertyError */ .er(`port_specs/${i}`, parsed.message);
            keys.add(parsed.key);
        });
    }
    for (const key of Object.keys(bindings ?? {}))
        keys.add(key);
    if (keys.size === 0)
        return undefined;
    const out = {};
    for (const key of [...keys].sort(_ports_js__WEBPACK_IMPORTED_MODULE_2__/* .comparePortKeys */ .VT))
        out[key] = {};
    return out;
}
function portBindings(props) {
    if (props.port_bindings === undefined || props.port_bindings === null)
        return undefined;
    const parsed = (0,_ports_js__WEBPACK_IMPORTED_MODULE_2__/* .parsePortBindings */ .Zi)(props.port_bindings);
    if (!parsed.ok)
        throw new _coerce_js__WEBPACK_IMPORTED_MODULE_0__/* .PropertyError */ .er(parsed.key === undefined ? 'port_bindings' : `port_bindings/${parsed.key}`, parsed.message);
    return parsed.bindings;
}
/** `{name: alias}` \u2192 sorted `["name:alias"]` (Docker's legacy link form). */
function links(value) {
    const map = (0,_coerce_js__WEBPACK_IMPORTED_MODULE_0__/* .toMap */ .av)('links', value);
    return Object.keys(map)
        .map((name) => `${name}:${(0,_coerce_js__WEBPACK_IMPORTED_MODULE_0__/* .toText */ .fE)(`links/${name}`, map[name])}`)
        .sort();
}
/**
 * `{"/h": "/c"}` \u2192 `/h:/c:rw`; `{"/h": {bind: "/c", ro: true}}` \u2192 `/h:/c:ro`; an explicit `mode`
 * wins over `ro`, as in docker-py, which Heat used. Sorted: map order carries no meaning.
 */
function binds(value) {
    const map = (0,_coerce_js__WEBPACK_IMPORTED_MODULE_0__/* .toMap */ .av)('volumes', value);
    return Object.keys(map)
        .map((host) => {
        const target = map[host];
        const where = `volumes/${host}`;
        if (!(0,_coerce_js__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(target))
            return `${host}:${(0,_coerce_js__WEBPACK_IMPORTED_MODULE_0__/* .toText */ .fE)(where, target)}:rw`;
        if (target.bind === undefined)
            throw new _coerce_js__WEBPACK_IMPORTED_MODULE_0__/* .PropertyError */ .er(where, "a volume mapping needs 'bind' (the path in the container)");
        const bind = (0,_coerce_js__WEBPACK_IMPORTED_MODULE_0__/* .toText */ .fE)(`${where}/bind`, target.bind);
        const mode = target.mode !== undefined && target.mode !== null
            ? (0,_coerce_js__WEBPACK_IMPORTED_MODULE_0__/* .toText */ .fE)(`${where}/mode`, target.mode)
            : target.ro !== undefined && (0,_coerce_js__WEBPACK_IMPORTED_MODULE_0__/* .toBoolean */ .G4)(`${where}/ro`, target.ro) ? 'ro' : 'rw';
        return `${host}:${bind}:${mode}`;
    })
        .sort();
}
/**
 * A list, or a comma-separated string: Heat's first plugin typed volumes_from as a string and
 * docker-py split it at ','; later Heat made it a list. Names are trimmed, empty ones dropped.
 */
function volumesFrom(value) {
    if (typeof value === 'string')
        return value.split(',').map((s) => s.trim()).filter((s) => s !== '');
    return (0,_coerce_js__WEBPACK_IMPORTED_MODULE_0__/* .toTextList */ .vA)('volumes_from', value);
}
function restartPolicy(value) {
    const map = (0,_coerce_js__WEBPACK_IMPORTED_MODULE_0__/* .toMap */ .av)('restart_policy', value);
    const name = map.Name === undefined || map.Name === null ? 'no' : (0,_coerce_js__WEBPACK_IMPORTED_MODULE_0__/* .toText */ .fE)('restart_policy/Name', map.Name);
    const retries = map.MaximumRetryCount === undefined || map.MaximumRetryCount === null
        ? 0 : (0,_coerce_js__WEBPACK_IMPORTED_MODULE_0__/* .toInteger */ .yJ)('restart_policy/MaximumRetryCount', map.MaximumRetryCount);
    return { Name: name, MaximumRetryCount: retries };
}
/** Devices with Heat's defaults: path_in_container = path_on_host, permissions rwm. */
function devices(value) {
    return (0,_coerce_js__WEBPACK_IMPORTED_MODULE_0__/* .toList */ .st)('devices', value).map((item, i) => {
        const dev = (0,_coerce_js__WEBPACK_IMPORTED_MODULE_0__/* .toMap */ .av)(`devices/${i}`, item);
        if (dev.path_on_host === undefined)
            throw new _coerce_js__WEBPACK_IMPORTED_MODULE_0__/* .PropertyError */ .er(`devices/${i}`, "a device needs 'path_on_host'");
        const onHost = (0,_coerce_js__WEBPACK_IMPORTED_MODULE_0__/* .toText */ .fE)(`devices/${i}/path_on_host`, dev.path_on_host);
        const inContainer = dev.path_in_container === undefined || dev.path_in_container === null
            ? onHost : (0,_coerce_js__WEBPACK_IMPORTED_MODULE_0__/* .toText */ .fE)(`devices/${i}/path_in_container`, dev.path_in_container);
        const perms = dev.permissions === undefined || dev.permissions === null ? 'rwm' : (0,_coerce_js__WEBPACK_IMPORTED_MODULE_0__/* .toText */ .fE)(`devices/${i}/permissions`, dev.permissions);
        return { PathOnHost: onHost, PathInContainer: inContainer, CgroupPermissions: perms };
    });
}
const given = (v) => v !== undefined && v !== null;
/** One converter per format; null for the formats whose properties are not in the body. */
const CONVERTERS = {
    endpoint: null,
    'container-name': null,
    text: _coerce_js__WEBPACK_IMPORTED_MODULE_0__/* .toText */ .fE,
    bytes: _coerce_js__WEBPACK_IMPORTED_MODULE_0__/* .toInteger */ .yJ,
    count: _coerce_js__WEBPACK_IMPORTED_MODULE_0__/* .toInteger */ .yJ,
    boolean: _coerce_js__WEBPACK_IMPORTED_MODULE_0__/* .toBoolean */ .G4,
    'text-list': _coerce_js__WEBPACK_IMPORTED_MODULE_0__/* .toTextList */ .vA,
    'env-list': _coerce_js__WEBPACK_IMPORTED_MODULE_0__/* .toTextList */ .vA,
    'dns-list': _coerce_js__WEBPACK_IMPORTED_MODULE_0__/* .toTextList */ .vA,
    'capability-list': _coerce_js__WEBPACK_IMPORTED_MODULE_0__/* .toTextList */ .vA,
    // Alone, each port property gives its own exposed ports; the body takes both together.
    'port-specs': (_, v) => exposedPorts({ port_specs: v }),
    'port-bindings': (_, v) => portBindings({ port_bindings: v }),
    links: (_, v) => links(v),
    volumes: (_, v) => binds(v),
    'volumes-from': (_, v) => volumesFrom(v),
    'restart-policy': (_, v) => restartPolicy(v),
    'cpu-set': _coerce_js__WEBPACK_IMPORTED_MODULE_0__/* .toText */ .fE,
    devices: (_, v) => devices(v),
};
/**
 * One property's value as the create body would carry it (undefined for a property the body
 * does not carry, or an unknown one). Throws PropertyError, as toCreateBody does, when the value
 * cannot be coerced: the checks judge a function's result with it, without building a body.
 */
function convertProperty(name, value) {
    const row = (0,_container_properties_js__WEBPACK_IMPORTED_MODULE_1__/* .containerProperty */ .DP)(name);
    const convert = row && CONVERTERS[row.format];
    return convert ? convert(name, value) : undefined;
}
/**
 * The Engine API create body (Config fields plus HostConfig) for a resolved resource.
 * Assumes properties are fully resolved (no function nodes); throws PropertyError when a value
 * cannot be coerced. The container name is not part of the body: it goes in the `name` query.
 * Fields come in the table's order, so equal resources give byte-equal bodies.
 */
function toCreateBody(resource, ctx) {
    const p = resource.properties;
    const fields = new Map();
    for (const prop of _container_properties_js__WEBPACK_IMPORTED_MODULE_1__/* .CONTAINER_PROPERTY_TABLE */ .pn) {
        const convert = CONVERTERS[prop.format];
        if (convert === null || !('fields' in prop.engine))
            continue;
        // `image` is required: toText reports a missing one.
        if (given(p[prop.name]) || prop.required)
            fields.set(prop.engine.fields[0], convert(prop.name, p[prop.name]));
    }
    // Both port properties feed ExposedPorts: the container ports of bindings are exposed too.
    const exposed = exposedPorts(p, fields.get('HostConfig.PortBindings'));
    if (exposed)
        fields.set('ExposedPorts', exposed);
    else
        fields.delete('ExposedPorts');
    // A privileged container sees every host device already; Heat dropped the list in that case.
    if (fields.get('HostConfig.Privileged') === true)
        fields.delete('HostConfig.Devices');
    const body = {};
    const host = {};
    for (const [path] of _container_properties_js__WEBPACK_IMPORTED_MODULE_1__/* .BODY_FIELD_REASONS */ .MB) {
        if (path === 'Labels')
            body.Labels = Object.fromEntries(Object.keys(ctx.labels).sort().map((k) => [k, ctx.labels[k]]));
        else if (!fields.has(path))
            continue;
        else if (path.startsWith('HostConfig.'))
            host[path.slice('HostConfig.'.length)] = fields.get(path);
        else
            body[path] = fields.get(path);
    }
    body.HostConfig = host;
    return body;
}


/***/ }),

/***/ 1434:
/***/ (function(__unused_webpack_module, __webpack_exports__, __nccwpck_require__) {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   TB: () => (/* binding */ EXPECTED_FORMS),
/* harmony export */   cW: () => (/* binding */ isLoopbackHost),
/* harmony export */   md: () => (/* binding */ redactEndpointUrl),
/* harmony export */   yN: () => (/* binding */ parseEndpointUrl),
/* harmony export */   zc: () => (/* binding */ formatHostPort)
/* harmony export */ });
/* harmony import */ var _ip_address_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(2135);
/**
 * The one parser of endpoint URLs (a template's `docker_endpoint`, the `docker-endpoint` input,
 * `DOCKER_HOST`, `endpoints` entries). Pure: syntax only, no I/O, no credentials.
 */

/** The forms we accept, quoted in every "what did you mean" message. */
const EXPECTED_FORMS = 'unix:///path, tcp://host:port, http(s)://host:port, host:port or ssh://user@host[:port]';
const DEFAULT_SSH_PORT = 22;
const HOSTNAME = /^[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?(\.[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?)*\.?$/;
/**
 * Hides a password written into the URL (`ssh://user:secret@host`) before the URL is quoted in a
 * message: error text ends up in logs and PR comments.
 */
function redactEndpointUrl(raw) {
    return raw.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/@:]*):[^/@]*@/i, '$1:***@');
}
/**
 * Parses an endpoint URL. Accepts `unix:///path`, `tcp://host:port`, `http://host:port[/]`,
 * `https://host:port[/]`, bare `host:port`, `ssh://user@host[:port]` (port 22 by default); IPv6
 * hosts in brackets (`tcp://[::1]:2376`), returned without them.
 */
function parseEndpointUrl(raw) {
    const shown = redactEndpointUrl(raw);
    const fail = (why) => ({
        ok: false,
        message: why
            ? `Invalid endpoint '${shown}': ${why}`
            : `Invalid endpoint '${shown}'. Expected ${EXPECTED_FORMS}`,
    });
    const text = raw.trim();
    if (text === '')
        return { ok: false, message: `Invalid endpoint: empty. Expected ${EXPECTED_FORMS}` };
    const schemeMatch = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/(.*)$/s.exec(text);
    if (!schemeMatch) {
        // Bare host:port, as Heat's docker_endpoint allowed (treated as plain tcp://).
        return hostPort(text, 'tcp', fail, undefined);
    }
    const scheme = schemeMatch[1].toLowerCase();
    const rest = schemeMatch[2];
    switch (scheme) {
        case 'unix': {
            if (!rest.startsWith('/'))
                return fail('a unix socket needs an absolute path, as in unix:///var/run/docker.sock');
            const socketPath = rest.length > 1 ? rest.replace(/\/+$/, '') : rest;
            if (socketPath === '/' || socketPath === '')
                return fail('a unix socket needs a path, as in unix:///var/run/docker.sock');
            return { ok: true, endpoint: { kind: 'unix', socketPath } };
        }
        case 'tcp':
        case 'http':
        case 'https':
            return hostPort(rest, scheme, fail, undefined);
        case 'ssh': {
            const at = rest.lastIndexOf('@');
            if (at < 0)
                return fail('ssh endpoints need a user, as in ssh://user@host[:port]');
            const userInfo = rest.slice(0, at);
            if (userInfo.includes(':')) {
                return fail('passwords in ssh endpoint URLs are not supported; give the key in ssh-private-key');
            }
            if (userInfo === '')
                return fail('ssh endpoints need a user, as in ssh://user@host[:port]');
            if (!/^[A-Za-z0-9._][A-Za-z0-9._-]*$/.test(userInfo))
                return fail(`'${userInfo}' is not a valid user name`);
            return hostPort(rest.slice(at + 1), 'ssh', fail, userInfo);
        }
        default:
            return fail(`unsupported scheme '${scheme}://'. Expected ${EXPECTED_FORMS}`);
    }
}
/** Parses `host:port[/]` (or `[v6]:port`) after the scheme. `user` is set for ssh only. */
function hostPort(rest, kind, fail, user) {
    // A trailing '/' is tolerated (Heat users wrote http://host:2375/); any other path is not.
    const authority = rest.replace(/\/+$/, '');
    if (authority.includes('/') || authority.includes('?') || authority.includes('#')) {
        return fail('an endpoint URL has no path; write only host:port');
    }
    if (authority === '')
        return fail();
    let host;
    let portText;
    if (authority.startsWith('[')) {
        const close = authority.indexOf(']');
        if (close < 0)
            return fail('unclosed \'[\' around an IPv6 address');
        host = authority.slice(1, close);
        if ((0,_ip_address_js__WEBPACK_IMPORTED_MODULE_0__/* .ipVersion */ .U)(host) !== 6)
            return fail(`'${host}' in brackets is not an IPv6 address`);
        const after = authority.slice(close + 1);
        if (after !== '' && !after.startsWith(':'))
            return fail();
        portText = after === '' ? undefined : after.slice(1);
    }
    else {
        const colons = authority.split(':').length - 1;
        if (colons > 1)
            return fail('write IPv6 addresses in brackets, as in tcp://[::1]:2376');
        const colon = authority.indexOf(':');
        host = colon < 0 ? authority : authority.slice(0, colon);
        portText = colon < 0 ? undefined : authority.slice(colon + 1);
        if (host === '')
            return fail('missing host');
        if ((0,_ip_address_js__WEBPACK_IMPORTED_MODULE_0__/* .ipVersion */ .U)(host) === 0 && !HOSTNAME.test(host))
            return fail(`'${host}' is not a valid host name or address`);
    }
    let port;
    if (portText === undefined || portText === '') {
        if (kind !== 'ssh') {
            const example = kind === 'tcp' ? 'tcp://HOST:2376' : `${kind}://HOST:2375`;
            return fail(`missing port (write it as in ${example})`);
        }
        port = DEFAULT_SSH_PORT;
    }
    else {
        if (!/^\d+$/.test(portText))
            return fail(`port '${portText}' is not a number`);
        port = Number(portText);
        if (port < 1 || port > 65535)
            return fail(`port ${portText} is out of range (1-65535)`);
    }
    if (kind === 'ssh')
        return { ok: true, endpoint: { kind: 'ssh', user: user ?? '', host, port } };
    return { ok: true, endpoint: { kind, host, port } };
}
/**
 * True for hosts that never leave this machine: `localhost` (and `*.localhost`), 127.0.0.0/8,
 * `::1` and IPv4-mapped loopback. Plain TCP to these is not a network exposure.
 */
function isLoopbackHost(host) {
    let h = host.trim().toLowerCase();
    if (h.startsWith('[') && h.endsWith(']'))
        h = h.slice(1, -1);
    if (h.endsWith('.'))
        h = h.slice(0, -1);
    if (h === 'localhost' || h.endsWith('.localhost'))
        return true;
    if ((0,_ip_address_js__WEBPACK_IMPORTED_MODULE_0__/* .ipVersion */ .U)(h) === 4)
        return h.startsWith('127.');
    if ((0,_ip_address_js__WEBPACK_IMPORTED_MODULE_0__/* .ipVersion */ .U)(h) === 6) {
        if (h === '::1' || /^0{0,4}(:0{0,4}){6}:0{0,3}1$/.test(h))
            return true;
        const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(h);
        return mapped !== null && mapped[1].startsWith('127.');
    }
    return false;
}
/** `host:port`, with brackets around IPv6 hosts: for messages and URLs. */
function formatHostPort(host, port) {
    return (0,_ip_address_js__WEBPACK_IMPORTED_MODULE_0__/* .ipVersion */ .U)(host) === 6 ? `[${host}]:${port}` : `${host}:${port}`;
}


/***/ }),

/***/ 2135:
/***/ (function(__unused_webpack_module, __webpack_exports__, __nccwpck_require__) {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   U: () => (/* binding */ ipVersion)
/* harmony export */ });
/**
 * IP address syntax, as node:net's isIP judges it, without node:net: importing that module
 * loads node's whole stream stack, which `hotdock validate` otherwise never needs (a test
 * compares the two on generated addresses).
 */
/** 0 to 255 in decimal, without leading zeros. */
const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]\\d|\\d)';
const IPV4 = new RegExp(`^(?:${OCTET}\\.){3}${OCTET}$`);
/** A zone index after '%', as node accepts it (`fe80::1%eth0`). */
const ZONE = /^[0-9a-zA-Z\-.:]+$/;
/** Only these characters can make an IPv6 address (an embedded IPv4 brings the dots). */
const IPV6_CHARS = /^[0-9a-fA-F:.]+$/;
/** 4 for an IPv4 address, 6 for an IPv6 one, 0 for anything else (like node:net's isIP). */
function ipVersion(text) {
    if (IPV4.test(text))
        return 4;
    return isIPv6(text) ? 6 : 0;
}
function isIPv6(text) {
    const percent = text.indexOf('%');
    const address = percent < 0 ? text : text.slice(0, percent);
    if (percent >= 0 && !ZONE.test(text.slice(percent + 1)))
        return false;
    if (!address.includes(':') || !IPV6_CHARS.test(address))
        return false;
    // The WHATWG URL parser is a complete IPv6 parser (RFC 4291 forms, '::', an embedded IPv4
    // address without leading zeros): a bracketed host it accepts is an IPv6 address.
    return URL.canParse(`http://[${address}]/`);
}


/***/ }),

/***/ 6364:
/***/ (function(__unused_webpack_module, __webpack_exports__, __nccwpck_require__) {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   $H: () => (/* binding */ LABEL_CONFIG_HASH),
/* harmony export */   Bt: () => (/* binding */ LABEL_RUN),
/* harmony export */   G$: () => (/* binding */ LABEL_RESOURCE),
/* harmony export */   JN: () => (/* binding */ LABEL_REVISION),
/* harmony export */   Si: () => (/* binding */ LABEL_CONFIG_FIELDS),
/* harmony export */   St: () => (/* binding */ LABEL_LOCK_EXPIRES),
/* harmony export */   Vz: () => (/* binding */ LABEL_DELETION_POLICY),
/* harmony export */   Y7: () => (/* binding */ LABEL_LOCK_SINCE),
/* harmony export */   bA: () => (/* binding */ LABEL_LOCK_TOKEN),
/* harmony export */   fv: () => (/* binding */ LABEL_LOCK),
/* harmony export */   n_: () => (/* binding */ LABEL_LOCK_RUN),
/* harmony export */   oM: () => (/* binding */ LABEL_STACK),
/* harmony export */   qm: () => (/* binding */ LABEL_TEMPLATE),
/* harmony export */   rU: () => (/* binding */ LABEL_LOCK_RENEW),
/* harmony export */   yv: () => (/* binding */ LABEL_LOCK_TTL)
/* harmony export */ });
/**
 * Every label hotdock writes on an endpoint, in one place: ownership, identity, the hashed spec,
 * the roles of intermediate states that an interrupted run can leave, and the deploy lock.
 * Ownership is the rule: nothing without LABEL_STACK is ever touched.
 */
/** The stack a container belongs to. */
const LABEL_STACK = 'io.hotdock.stack';
/** The template resource a container is. */
const LABEL_RESOURCE = 'io.hotdock.resource';
/** `v1:<sha256>` of the normalised desired spec. */
const LABEL_CONFIG_HASH = 'io.hotdock.config-hash';
/** The hashed fields' own digests, so a plan can say which field changed. */
const LABEL_CONFIG_FIELDS = 'io.hotdock.config-fields';
/** `Delete` or `Retain`: a Retain container is never pruned or destroyed. */
const LABEL_DELETION_POLICY = 'io.hotdock.deletion-policy';
/** Informational, never hashed: the commit and the template path that made the container. */
const LABEL_REVISION = 'io.hotdock.revision';
const LABEL_TEMPLATE = 'io.hotdock.template';
/**
 * The run that created a container (informational on a live container; on an unproven one, it names
 * the run that must prove or remove it).
 */
const LABEL_RUN = 'io.hotdock.run';
/** The deploy lock: a never-started container per stack and endpoint (see engine/lock.ts). */
const LABEL_LOCK = 'io.hotdock.lock';
/** Renewal containers of a lock (a different key, so they are never mistaken for the lock). */
const LABEL_LOCK_RENEW = 'io.hotdock.lock-renew';
const LABEL_LOCK_RUN = 'io.hotdock.lock.run';
const LABEL_LOCK_TOKEN = 'io.hotdock.lock.token';
const LABEL_LOCK_SINCE = 'io.hotdock.lock.since';
const LABEL_LOCK_TTL = 'io.hotdock.lock.ttl';
const LABEL_LOCK_EXPIRES = 'io.hotdock.lock.expires-at';


/***/ }),

/***/ 6855:
/***/ (function(__unused_webpack_module, __webpack_exports__, __nccwpck_require__) {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   VT: () => (/* binding */ comparePortKeys),
/* harmony export */   Zi: () => (/* binding */ parsePortBindings),
/* harmony export */   qy: () => (/* binding */ parsePortSpec)
/* harmony export */ });
/* harmony import */ var _ip_address_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(2135);
/**
 * Port formats of `port_specs` and `port_bindings`, parsed into the Engine API's shapes.
 * Pure: the validator, the create-body builder and the duplicate-host-port check share it,
 * so a port that validates is exactly the port that gets published.
 */

const PROTOCOLS = ['tcp', 'udp', 'sctp'];
const FORMS = 'Expected a port number 1-65535, optionally with /tcp, /udp or /sctp (e.g. 80, "80/tcp", "53/udp")';
/** Parses a port number given as an integer or a string of digits; undefined when it is not one. */
function portNumber(value) {
    if (typeof value === 'number')
        return Number.isInteger(value) && value >= 1 && value <= 65535 ? value : undefined;
    if (typeof value !== 'string' || !/^\d{1,5}$/.test(value.trim()))
        return undefined;
    const n = Number(value.trim());
    return n >= 1 && n <= 65535 ? n : undefined;
}
/**
 * Parses a container port: `80`, `"80"`, `"80/tcp"`, `"53/udp"`, `"132/sctp"`.
 * A protocol already present is kept as is; only a bare number gets `/tcp`
 * (Heat appended `/tcp` blindly and produced `53/udp/tcp`).
 */
function parsePortSpec(spec) {
    if (typeof spec === 'number') {
        const port = portNumber(spec);
        if (port === undefined)
            return { ok: false, message: `Invalid port ${String(spec)}. ${FORMS}` };
        return { ok: true, port, protocol: 'tcp', key: `${port}/tcp` };
    }
    if (typeof spec !== 'string') {
        return { ok: false, message: `Invalid port ${JSON.stringify(spec) ?? String(spec)}: not a number or string. ${FORMS}` };
    }
    const parts = spec.trim().split('/');
    if (parts.length > 2)
        return { ok: false, message: `Invalid port "${spec}": more than one protocol. ${FORMS}` };
    const port = portNumber(parts[0]);
    if (port === undefined)
        return { ok: false, message: `Invalid port "${spec}". ${FORMS}` };
    const protocol = parts.length === 2 ? parts[1].toLowerCase() : 'tcp';
    if (!PROTOCOLS.includes(protocol)) {
        return { ok: false, message: `Invalid protocol "${parts[1]}" in port "${spec}". ${FORMS}` };
    }
    return { ok: true, port, protocol: protocol, key: `${port}/${protocol}` };
}
/** Parses a host port: a number, a digit string, or null/'' for "any free port". */
function hostPort(value) {
    if (value === null || value === undefined || value === '')
        return { ok: true, port: '' };
    const n = portNumber(value);
    if (n === undefined) {
        return { ok: false, message: `Invalid host port ${JSON.stringify(value) ?? String(value)}: expected a number 1-65535, or null for a random port` };
    }
    return { ok: true, port: String(n) };
}
function isPlainMap(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
/** Parses one binding: a host port scalar, null, or a `{HostIp, HostPort}` map. */
function parseBinding(value) {
    if (!isPlainMap(value)) {
        const hp = hostPort(value);
        return hp.ok ? { ok: true, binding: { HostIp: '', HostPort: hp.port } } : hp;
    }
    const unknownKeys = Object.keys(value).filter((k) => k !== 'HostIp' && k !== 'HostPort');
    if (unknownKeys.length > 0) {
        return { ok: false, message: `Unknown key "${unknownKeys[0]}" in a port binding: expected HostIp and HostPort` };
    }
    const ip = value.HostIp ?? '';
    if (typeof ip !== 'string' || (ip !== '' && (0,_ip_address_js__WEBPACK_IMPORTED_MODULE_0__/* .ipVersion */ .U)(ip) === 0)) {
        return { ok: false, message: `Invalid HostIp ${JSON.stringify(ip)}: expected an IPv4 or IPv6 address, or "" for all` };
    }
    const hp = hostPort(value.HostPort);
    return hp.ok ? { ok: true, binding: { HostIp: ip, HostPort: hp.port } } : hp;
}
/**
 * Parses `port_bindings` into HostConfig.PortBindings. Keys are container ports (`80` \u2192 `80/tcp`);
 * values are a host port (`8080`), null (random), `{HostIp, HostPort}`, or a list of those.
 * Two keys naming the same container port (`80` and `"80/tcp"`) are refused, since one would
 * silently win. Output keys are sorted so the body (and its hash) is deterministic.
 */
function parsePortBindings(value) {
    if (!isPlainMap(value))
        return { ok: false, message: 'port_bindings must be a map of container port to host port' };
    const out = {};
    const origin = {};
    for (const rawKey of Object.keys(value)) {
        const spec = parsePortSpec(rawKey);
        if (!spec.ok)
            return { ok: false, message: spec.message, key: rawKey };
        if (spec.key in out) {
            return { ok: false, message: `Container port "${rawKey}" is the same as "${origin[spec.key]}" (${spec.key})`, key: rawKey };
        }
        const raw = value[rawKey];
        const items = Array.isArray(raw) ? raw : [raw];
        if (items.length === 0)
            return { ok: false, message: `No host port for container port "${rawKey}"`, key: rawKey };
        const bindings = [];
        for (const item of items) {
            const b = parseBinding(item);
            if (!b.ok)
                return { ok: false, message: `${b.message} (container port "${rawKey}")`, key: rawKey };
            bindings.push(b.binding);
        }
        out[spec.key] = bindings;
        origin[spec.key] = rawKey;
    }
    const sorted = {};
    for (const k of Object.keys(out).sort(comparePortKeys))
        sorted[k] = out[k];
    return { ok: true, bindings: sorted };
}
/** Orders `80/tcp` keys by number, then protocol (stable, human order). */
function comparePortKeys(a, b) {
    const [pa, qa = ''] = a.split('/');
    const [pb, qb = ''] = b.split('/');
    return Number(pa) - Number(pb) || qa.localeCompare(qb);
}


/***/ }),

/***/ 8823:
/***/ (function(__unused_webpack_module, __webpack_exports__, __nccwpck_require__) {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Og: () => (/* binding */ credentialsFor),
/* harmony export */   U$: () => (/* binding */ registryHost),
/* harmony export */   Zg: () => (/* binding */ scrubSecrets),
/* harmony export */   bJ: () => (/* binding */ registryAuthHeader),
/* harmony export */   hQ: () => (/* binding */ registryAuthSecrets),
/* harmony export */   l5: () => (/* binding */ normalizeRegistry)
/* harmony export */ });
/* unused harmony export DOCKER_HUB */
/** Docker Hub's canonical host: references without a registry part live there. */
const DOCKER_HUB = 'docker.io';
/** Spellings of Docker Hub that users (and `docker login`) put in auth files. */
const HUB_ALIASES = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com']);
/**
 * The registry host of an image reference, as the docker CLI decides it: the part before the first
 * '/' is a host only when it has a '.' or a ':' or is `localhost`; otherwise the image is on Docker Hub.
 * `127.0.0.1:5000/app:1` \u2192 `127.0.0.1:5000`, `nginx:1` and `library/nginx` \u2192 `docker.io`.
 */
function registryHost(image) {
    const slash = image.indexOf('/');
    if (slash < 0)
        return DOCKER_HUB;
    const first = image.slice(0, slash);
    if (first.includes('.') || first.includes(':') || first === 'localhost')
        return normalizeRegistry(first);
    return DOCKER_HUB;
}
/** Lower-cased host[:port] without scheme or path; Docker Hub aliases become `docker.io`. */
function normalizeRegistry(key) {
    let host = key.trim().toLowerCase().replace(/^[a-z]+:\/\//, '');
    const slash = host.indexOf('/');
    if (slash >= 0)
        host = host.slice(0, slash);
    return HUB_ALIASES.has(host) ? DOCKER_HUB : host;
}
/** The credentials configured for a registry host, matched after normalisation; undefined when none. */
function credentialsFor(host, auth) {
    const wanted = normalizeRegistry(host);
    for (const [key, creds] of Object.entries(auth)) {
        if (normalizeRegistry(key) === wanted)
            return { ...creds, key };
    }
    return undefined;
}
/** Docker Hub's auth server address as the engine expects it in the header. */
function serverAddress(host) {
    return normalizeRegistry(host) === DOCKER_HUB ? 'https://index.docker.io/v1/' : normalizeRegistry(host);
}
/** The JSON the Engine API wants in X-Registry-Auth, before encoding. */
function authJson(creds, host) {
    return JSON.stringify({ username: creds.username, password: creds.password, serveraddress: serverAddress(host) });
}
/**
 * X-Registry-Auth value for a registry: URL-safe, padded base64 of `{username, password,
 * serveraddress}`, as the docker CLI sends it.
 */
function registryAuthHeader(creds, host) {
    // Padded: the engine decodes with Go's base64.URLEncoding, which rejects unpadded input.
    return urlSafe(Buffer.from(authJson(creds, host)).toString('base64'));
}
function urlSafe(b64) {
    return b64.replace(/\+/g, '-').replace(/\//g, '_');
}
/**
 * Every secret form derived from `registry-auth`: each password, the header in both base64
 * alphabets (padded and not), and the `user:password` base64 of docker's config.json. The action
 * passes each to core.setSecret; errors are scrubbed with the same list.
 */
function registryAuthSecrets(auth) {
    const out = new Set();
    for (const [key, creds] of Object.entries(auth)) {
        if (!creds || typeof creds.password !== 'string' || creds.password === '')
            continue;
        out.add(creds.password);
        const json = Buffer.from(authJson(creds, key));
        out.add(json.toString('base64'));
        out.add(json.toString('base64url'));
        out.add(urlSafe(json.toString('base64')));
        out.add(json.toString('base64').replace(/=+$/, ''));
        out.add(Buffer.from(`${creds.username}:${creds.password}`).toString('base64'));
    }
    return [...out];
}
/** Replaces every secret occurrence in a message with `***` (longest first, so no fragment survives). */
function scrubSecrets(message, secrets) {
    let out = message;
    for (const s of [...secrets].sort((a, b) => b.length - a.length)) {
        if (s.length >= 3)
            out = out.split(s).join('***');
    }
    return out;
}


/***/ }),

/***/ 6367:
/***/ (function(__unused_webpack_module, __webpack_exports__, __nccwpck_require__) {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   f: () => (/* binding */ serviceOptionsOf),
/* harmony export */   w: () => (/* binding */ MetadataError)
/* harmony export */ });
/* harmony import */ var _coerce_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(634);
/**
 * `metadata.hotdock` of a resource deployed as a Swarm service: replicas, the rolling-update
 * policy and the publish mode. Heat keeps `metadata` free-form; these keys are hotdock's, checked
 * here with errors that name the key.
 */

/** A `metadata.hotdock` value that hotdock cannot use. */
class MetadataError extends Error {
    key;
    constructor(key, message) {
        super(`metadata '${key ? `hotdock.${key}` : 'hotdock'}': ${message}`);
        this.key = key;
        this.name = 'MetadataError';
    }
}
function wholeNumber(key, v) {
    const n = typeof v === 'string' && /^\d+$/.test(v.trim()) ? Number(v) : v;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0)
        throw new MetadataError(key, `expected a whole number \u2265 0, got ${JSON.stringify(v)}`);
    return n;
}
function secondsOf(key, v) {
    const n = typeof v === 'string' && /^\d+(\.\d+)?$/.test(v.trim()) ? Number(v) : v;
    if (typeof n !== 'number' || !Number.isFinite(n) || n < 0)
        throw new MetadataError(key, `expected seconds \u2265 0, got ${JSON.stringify(v)}`);
    return n;
}
function oneOf(key, v, allowed) {
    if (typeof v !== 'string' || !allowed.includes(v))
        throw new MetadataError(key, `expected one of ${allowed.join(', ')}, got ${JSON.stringify(v)}`);
    return v;
}
const UPDATE_KEYS = ['parallelism', 'delay', 'order', 'failure_action', 'monitor', 'max_failure_ratio'];
// `placement` is the pool placement's (template/placement-checks.ts): Swarm places the tasks itself.
const KEYS = ['replicas', 'publish', 'update', 'placement'];
function unknownKeys(map, known, prefix) {
    for (const k of Object.keys(map)) {
        if (!known.includes(k))
            throw new MetadataError(`${prefix}${k}`, `unknown key (known: ${known.join(', ')})`);
    }
}
function updatePolicy(v, stableSeconds) {
    const u = v === undefined || v === null ? {} : v;
    if (!(0,_coerce_js__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(u))
        throw new MetadataError('update', 'expected a mapping');
    unknownKeys(u, UPDATE_KEYS, 'update.');
    const given = (k) => u[k] !== undefined && u[k] !== null;
    const ratio = given('max_failure_ratio') ? secondsOf('update.max_failure_ratio', u.max_failure_ratio) : 0;
    if (ratio > 1)
        throw new MetadataError('update.max_failure_ratio', `expected a fraction between 0 and 1, got ${ratio}`);
    return {
        parallelism: given('parallelism') ? wholeNumber('update.parallelism', u.parallelism) : 1,
        delay: given('delay') ? secondsOf('update.delay', u.delay) : 0,
        ...(given('order') ? { order: oneOf('update.order', u.order, ['start-first', 'stop-first']) } : {}),
        failureAction: given('failure_action') ? oneOf('update.failure_action', u.failure_action, ['rollback', 'pause', 'continue']) : 'rollback',
        monitor: given('monitor') ? secondsOf('update.monitor', u.monitor) : stableSeconds,
        maxFailureRatio: ratio,
    };
}
/** The service knobs of a resource's metadata (`stableSeconds`: the default monitor window). */
function serviceOptionsOf(metadata, stableSeconds) {
    const h = metadata?.hotdock ?? {};
    if (!(0,_coerce_js__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(h))
        throw new MetadataError('', 'expected a mapping');
    unknownKeys(h, KEYS, '');
    return {
        replicas: h.replicas === undefined || h.replicas === null ? 1 : wholeNumber('replicas', h.replicas),
        publish: h.publish === undefined || h.publish === null ? 'ingress' : oneOf('publish', h.publish, ['ingress', 'host']),
        update: updatePolicy(h.update, stableSeconds),
    };
}


/***/ }),

/***/ 3113:
/***/ (function(__unused_webpack_module, __webpack_exports__, __nccwpck_require__) {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   U: () => (/* binding */ CONTAINER_ATTRIBUTES),
/* harmony export */   o: () => (/* binding */ isContainerAttribute)
/* harmony export */ });
/** The attributes a DockerInc::Docker::Container offers to get_attr. */
/** Attribute name \u2192 one-line description (used by validation messages and the docs). */
const CONTAINER_ATTRIBUTES = {
    info: 'The whole container inspect document (docker inspect).',
    network_info: "The container's NetworkSettings, plus TcpPorts and UdpPorts.",
    network_ip: "The container's IP address on the default network (NetworkSettings.IPAddress).",
    network_gateway: 'The gateway of the default network (NetworkSettings.Gateway).',
    network_tcp_ports: 'Comma-joined host ports bound to TCP container ports.',
    network_udp_ports: 'Comma-joined host ports bound to UDP container ports.',
    logs: "The container's logs.",
    logs_head: 'The first line of the logs.',
    logs_tail: 'The last non-empty line of the logs.',
    show: 'The whole container inspect document (same as info).',
};
/** True when `name` is an attribute get_attr may ask a container for. */
function isContainerAttribute(name) {
    return Object.prototype.hasOwnProperty.call(CONTAINER_ATTRIBUTES, name);
}


/***/ }),

/***/ 7884:
/***/ (function(__unused_webpack_module, __webpack_exports__, __nccwpck_require__) {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   R: () => (/* binding */ diagnosticAt)
/* harmony export */ });
/**
 * A diagnostic at `ptr`. With `at: 'key'` it points at the mapping key (for unknown or
 * misplaced keys), otherwise at the value.
 */
function diagnosticAt(tpl, ptr, code, message, severity = 'error', at = 'value') {
    const pos = (at === 'key' ? tpl.positions.key(ptr) : undefined) ?? tpl.positions.locate(ptr);
    return { file: tpl.file, line: pos.line, column: pos.column, path: ptr, code, message, severity };
}


/***/ }),

/***/ 9136:
/***/ (function(__unused_webpack_module, __webpack_exports__, __nccwpck_require__) {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Qj: () => (/* binding */ checkCondition),
/* harmony export */   Su: () => (/* binding */ checkValue),
/* harmony export */   au: () => (/* binding */ didYouMean)
/* harmony export */ });
/* harmony import */ var _attributes_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3113);
/* harmony import */ var _resource_group_attrs_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(1475);
/* harmony import */ var _resource_group_schema_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(6656);
/* harmony import */ var _diagnostic_factory_js__WEBPACK_IMPORTED_MODULE_9__ = __nccwpck_require__(7884);
/* harmony import */ var _static_resources_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(1270);
/* harmony import */ var _types_js__WEBPACK_IMPORTED_MODULE_8__ = __nccwpck_require__(5415);
/* harmony import */ var _get_file_js__WEBPACK_IMPORTED_MODULE_4__ = __nccwpck_require__(9819);
/* harmony import */ var _registry_js__WEBPACK_IMPORTED_MODULE_5__ = __nccwpck_require__(8062);
/* harmony import */ var _reference_functions_js__WEBPACK_IMPORTED_MODULE_6__ = __nccwpck_require__(7769);
/* harmony import */ var _spec_js__WEBPACK_IMPORTED_MODULE_7__ = __nccwpck_require__(577);










/** Deeper than this is not a template a person wrote: stop rather than overflow the stack. */
const MAX_DEPTH = 200;
/** "; did you mean 'x'?" when a close name exists. */
function didYouMean(name, candidates) {
    const near = (0,_registry_js__WEBPACK_IMPORTED_MODULE_5__/* .closest */ .kp)(name, candidates);
    return near ? ` (did you mean '${near}'?)` : '';
}
/** Checks a property or output value (or, with context 'condition', a value inside a condition). */
function checkValue(node, ptr, scope, context = 'value', depth = 0) {
    if (depth > MAX_DEPTH)
        return;
    if (Array.isArray(node)) {
        for (let i = 0; i < node.length; i++) {
            const item = node[i];
            // Scalars hold no call: no pointer, no call.
            if (typeof item === 'object' && item !== null)
                checkValue(item, (0,_types_js__WEBPACK_IMPORTED_MODULE_8__/* .childPointer */ .Y2)(ptr, i), scope, context, depth + 1);
        }
        return;
    }
    if (!(0,_spec_js__WEBPACK_IMPORTED_MODULE_7__/* .isMap */ .jh)(node))
        return;
    if ((0,_registry_js__WEBPACK_IMPORTED_MODULE_5__/* .isFunctionCall */ .Ny)(node)) {
        checkFunction(node, ptr, scope, context, depth);
        return;
    }
    const key = (0,_spec_js__WEBPACK_IMPORTED_MODULE_7__/* .soleKey */ .ze)(node);
    if (key !== undefined) {
        const hint = (0,_registry_js__WEBPACK_IMPORTED_MODULE_5__/* .looksLikeFunction */ .G6)(key, scope.version);
        if (hint) {
            const also = hint.suggestion ? ` (did you mean '${hint.suggestion}'?)` : '';
            scope.out.push((0,_diagnostic_factory_js__WEBPACK_IMPORTED_MODULE_9__/* .diagnosticAt */ .R)(scope.tpl, (0,_types_js__WEBPACK_IMPORTED_MODULE_8__/* .childPointer */ .Y2)(ptr, key), 'not-a-function', `one-key map '${key}' looks like a function call but HOT has no '${key}' function; it is kept as plain data${also}`, 'warning', 'key'));
        }
    }
    const keys = Object.keys(node);
    for (let i = 0; i < keys.length; i++) {
        const v = node[keys[i]];
        if (typeof v === 'object' && v !== null)
            checkValue(v, (0,_types_js__WEBPACK_IMPORTED_MODULE_8__/* .childPointer */ .Y2)(ptr, keys[i]), scope, context, depth + 1);
    }
}
/** Checks a condition: a boolean, a condition name, or a condition function call. */
function checkCondition(node, ptr, scope, depth = 0) {
    if (depth > MAX_DEPTH || typeof node === 'boolean')
        return;
    if (typeof node === 'string') {
        if (!scope.conditions.has(node)) {
            scope.out.push((0,_diagnostic_factory_js__WEBPACK_IMPORTED_MODULE_9__/* .diagnosticAt */ .R)(scope.tpl, ptr, 'unknown-condition', `condition '${node}' is not defined in the conditions section${didYouMean(node, scope.conditions)}`));
        }
        return;
    }
    if ((0,_registry_js__WEBPACK_IMPORTED_MODULE_5__/* .isFunctionCall */ .Ny)(node)) {
        checkFunction(node, ptr, scope, 'condition', depth);
        return;
    }
    scope.out.push((0,_diagnostic_factory_js__WEBPACK_IMPORTED_MODULE_9__/* .diagnosticAt */ .R)(scope.tpl, ptr, 'invalid-condition', 'a condition must be true, false, the name of a condition, or a call to equals, not, and, or, contains or get_param'));
}
function placementMessage(name, context) {
    if (context === 'condition') {
        return name === 'if'
            ? "'if' cannot be used inside a condition; combine conditions with and, or and not"
            : `'${name}' cannot be used in a condition: conditions are decided before any resource exists`;
    }
    return `'${name}' can only be used in conditions (the conditions section, a 'condition' key, or the first item of 'if')`;
}
function checkFunction(node, ptr, scope, context, depth) {
    const name = Object.keys(node)[0];
    const spec = (0,_registry_js__WEBPACK_IMPORTED_MODULE_5__/* .functionSpec */ .K$)(name);
    const args = node[name];
    const argsPtr = (0,_types_js__WEBPACK_IMPORTED_MODULE_8__/* .childPointer */ .Y2)(ptr, name);
    const fail = (code, message, at = 'key', atKey = false) => {
        scope.out.push(at === 'key'
            ? (0,_diagnostic_factory_js__WEBPACK_IMPORTED_MODULE_9__/* .diagnosticAt */ .R)(scope.tpl, argsPtr, code, message, 'error', 'key')
            : (0,_diagnostic_factory_js__WEBPACK_IMPORTED_MODULE_9__/* .diagnosticAt */ .R)(scope.tpl, (0,_types_js__WEBPACK_IMPORTED_MODULE_8__/* .childPointer */ .Y2)(argsPtr, ...at), code, message, 'error', atKey ? 'key' : 'value'));
    };
    if (!spec)
        return;
    const tooNewOrRemoved = (0,_spec_js__WEBPACK_IMPORTED_MODULE_7__/* .versionProblem */ .Ec)(spec, scope.version, context);
    if (tooNewOrRemoved !== undefined) {
        fail('function-not-in-version', tooNewOrRemoved);
        checkValue(args, argsPtr, scope, context, depth + 1);
        return;
    }
    if (!spec.contexts.includes(context)) {
        fail('function-not-allowed-here', placementMessage(name, context));
        return;
    }
    const problem = spec.check(args, scope.version, _registry_js__WEBPACK_IMPORTED_MODULE_5__/* .isFunctionCall */ .Ny);
    if (problem) {
        fail(problem.code ?? 'invalid-function-args', problem.message, problem.at ?? 'key', problem.atKey);
        if (problem.code === undefined)
            return;
    }
    else {
        checkNames(name, args, argsPtr, scope, fail);
    }
    walkArguments(name, args, argsPtr, scope, context, depth);
}
/** Checks the names a call gives literally (names computed by functions are checked on evaluation). */
function checkNames(name, args, argsPtr, scope, fail) {
    const list = Array.isArray(args) ? args : [args];
    const at = Array.isArray(args) ? [0] : [];
    if (name === 'get_param' && typeof list[0] === 'string' && !scope.parameters.has(list[0])) {
        fail('unknown-parameter', `get_param: parameter '${list[0]}' is not defined${didYouMean(list[0], scope.parameters)}`, at);
    }
    if ((name === 'get_resource' || name === 'get_attr') && typeof list[0] === 'string' && !scope.resources.has(list[0])) {
        fail('unknown-resource', `${name}: there is no resource '${list[0]}'${didYouMean(list[0], scope.resources)}`, at);
    }
    if (name === 'get_attr' && typeof list[1] === 'string') {
        const type = scope.resourceTypes?.get(String(list[0]));
        if ((0,_static_resources_js__WEBPACK_IMPORTED_MODULE_3__/* .isStaticResourceType */ .Vf)(type)) {
            if (!(0,_static_resources_js__WEBPACK_IMPORTED_MODULE_3__/* .staticAttributes */ .Yq)(type).includes(list[1]))
                fail('unknown-attribute', `get_attr: resource '${String(list[0])}' (${String(type)}) has no attribute '${list[1]}'`, [1]);
        }
        else if (type === _resource_group_schema_js__WEBPACK_IMPORTED_MODULE_2__/* .GROUP_TYPE */ .t) {
            // A group's attributes differ from a container's (resource-group-attrs.ts).
            if (!(0,_resource_group_attrs_js__WEBPACK_IMPORTED_MODULE_1__/* .isGroupAttribute */ .g9)(list[1]))
                fail('unknown-attribute', (0,_resource_group_attrs_js__WEBPACK_IMPORTED_MODULE_1__/* .unknownGroupAttributeMessage */ .rM)(String(list[0]), list[1]), [1]);
        }
        else if (!(0,_attributes_js__WEBPACK_IMPORTED_MODULE_0__/* .isContainerAttribute */ .o)(list[1])) {
            fail('unknown-attribute', (0,_reference_functions_js__WEBPACK_IMPORTED_MODULE_6__/* .unknownAttributeMessage */ .w)(String(list[0]), list[1]), [1]);
        }
    }
    if (name === 'Ref' && typeof args === 'string' && !scope.parameters.has(args) && !scope.resources.has(args)) {
        fail('unknown-reference', `Ref: '${args}' is neither a parameter nor a resource${didYouMean(args, [...scope.parameters, ...scope.resources])}`, []);
    }
    if (name === 'get_file' && typeof args === 'string') {
        const read = (0,_get_file_js__WEBPACK_IMPORTED_MODULE_4__/* .readTemplateFile */ .P)(args, scope.files.baseDir, scope.files);
        if (!read.ok)
            fail(read.code, read.message, []);
    }
}
function walkArguments(name, args, argsPtr, scope, context, depth) {
    if (name === 'if' && Array.isArray(args)) {
        checkCondition(args[0], (0,_types_js__WEBPACK_IMPORTED_MODULE_8__/* .childPointer */ .Y2)(argsPtr, 0), scope, depth + 1);
        args.slice(1).forEach((a, i) => checkValue(a, (0,_types_js__WEBPACK_IMPORTED_MODULE_8__/* .childPointer */ .Y2)(argsPtr, i + 1), scope, context, depth + 1));
    }
    else if (name === 'not') {
        checkCondition(args, argsPtr, scope, depth + 1);
    }
    else if ((name === 'and' || name === 'or') && Array.isArray(args)) {
        args.forEach((a, i) => checkCondition(a, (0,_types_js__WEBPACK_IMPORTED_MODULE_8__/* .childPointer */ .Y2)(argsPtr, i), scope, depth + 1));
    }
    else {
        checkValue(args, argsPtr, scope, context, depth + 1);
    }
}


/***/ }),

/***/ 9819:
/***/ (function(__unused_webpack_module, __webpack_exports__, __nccwpck_require__) {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   G: () => (/* binding */ templateDir),
/* harmony export */   P: () => (/* binding */ readTemplateFile)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/** get_file: which file a path names, and whether hotdock may read it. */


function inside(root, abs) {
    const rel = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.relative)(root, abs);
    return rel === '' || (!rel.startsWith('..') && !(0,node_path__WEBPACK_IMPORTED_MODULE_1__.isAbsolute)(rel));
}
function defaultRealPath(p) {
    return node_fs__WEBPACK_IMPORTED_MODULE_0__.realpathSync.native(p);
}
/** The directory get_file paths are relative to: the template's own. */
function templateDir(workspace, templateFile) {
    return (0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(workspace, templateFile));
}
/**
 * Reads `path` (relative to `baseDir`) if it stays inside the workspace, symlinks included:
 * a template must not be able to publish /etc/passwd or a runner secret into a container.
 */
function readTemplateFile(path, baseDir, access) {
    const outside = (why) => ({ ok: false, code: 'get-file-outside-workspace', message: `get_file '${path}' ${why}` });
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path)) {
        return outside('is a URL; hotdock only reads files of the workspace, relative to the template');
    }
    if ((0,node_path__WEBPACK_IMPORTED_MODULE_1__.isAbsolute)(path))
        return outside('is an absolute path; get_file paths are relative to the template and stay inside the workspace');
    const workspace = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(access.workspace);
    const abs = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(baseDir, path);
    if (!inside(workspace, abs))
        return outside(`resolves to ${abs}, outside the workspace ${workspace}`);
    const realPath = access.realPath ?? defaultRealPath;
    let real;
    try {
        real = realPath(abs);
    }
    catch {
        // Not on disk (or a reader without a file system behind it): readFile decides below.
    }
    if (real !== undefined) {
        let realWorkspace = workspace;
        try {
            realWorkspace = realPath(workspace);
        }
        catch {
            // Keep the lexical root.
        }
        if (!inside(realWorkspace, real))
            return outside(`is a symbolic link to ${real}, outside the workspace`);
    }
    try {
        return { ok: true, content: access.readFile(real ?? abs), absPath: abs };
    }
    catch {
        return { ok: false, code: 'get-file-not-found', message: `get_file '${path}': no readable file at ${(0,node_path__WEBPACK_IMPORTED_MODULE_1__.relative)(workspace, abs) || abs} (paths are relative to the template's directory)` };
    }
}


/***/ }),

/***/ 7769:
/***/ (function(__unused_webpack_module, __webpack_exports__, __nccwpck_require__) {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Q: () => (/* binding */ REFERENCE_FUNCTIONS),
/* harmony export */   w: () => (/* binding */ unknownAttributeMessage)
/* harmony export */ });
/* harmony import */ var _attributes_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3113);
/* harmony import */ var _resource_group_attrs_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(1475);
/* harmony import */ var _versions_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(9481);
/* harmony import */ var _static_resources_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(1270);
/* harmony import */ var _spec_js__WEBPACK_IMPORTED_MODULE_4__ = __nccwpck_require__(577);
/** get_param, get_resource, get_attr and get_file: the functions that name something. */





const getParam = {
    name: 'get_param',
    since: '2013-05-23',
    contexts: ['value', 'condition'],
    usage: 'a parameter name or [name, key or index...]',
    staticOnly: 'parameter values are picked before deploy',
    check(args, _v, later) {
        if ((0,_spec_js__WEBPACK_IMPORTED_MODULE_4__/* .stringish */ .Yr)(args, later))
            return undefined;
        if (!Array.isArray(args) || args.length === 0 || !(0,_spec_js__WEBPACK_IMPORTED_MODULE_4__/* .stringish */ .Yr)(args[0], later))
            return (0,_spec_js__WEBPACK_IMPORTED_MODULE_4__/* .expected */ .p6)(this, args);
        const bad = args.findIndex((x, i) => i > 0 && typeof x !== 'string' && typeof x !== 'number' && !later(x));
        return bad > 0 ? { message: `get_param path items must be map keys or list indexes, got ${(0,_spec_js__WEBPACK_IMPORTED_MODULE_4__/* .describe */ .q0)(args[bad])}`, at: [bad] } : undefined;
    },
    evaluate(args, ctx, site) {
        // Indexes, not destructuring: cold code runs the iterator protocol for `[name, ...path]`.
        const list = (Array.isArray(args) ? args : [args]);
        const name = list[0];
        let value = ctx.param(name, site);
        if (value === _spec_js__WEBPACK_IMPORTED_MODULE_4__/* .INVALID */ .uY)
            return _spec_js__WEBPACK_IMPORTED_MODULE_4__/* .INVALID */ .uY;
        for (let i = 0; i < list.length - 1; i++) {
            const key = list[i + 1];
            const next = pathStep(value, key);
            if (next === undefined) {
                // Heat (GetParam.result) answers a path that leads nowhere with '' rather than failing.
                ctx.warn?.(site, 'param-path-not-found', `get_param: parameter '${name}' has no ${typeof key === 'number' || (0,_spec_js__WEBPACK_IMPORTED_MODULE_4__/* .toInteger */ .yJ)(key) !== undefined ? 'index' : 'key'} '${String(key)}' (it is ${kindOf(value)}); as in Heat, the value is ''`, [i + 1]);
                return '';
            }
            value = next;
        }
        return value;
    },
};
/** What a value is, without any of its content: a parameter may be hidden. */
function kindOf(v) {
    if (Array.isArray(v))
        return `a list of ${v.length} item${v.length === 1 ? '' : 's'}`;
    if ((0,_spec_js__WEBPACK_IMPORTED_MODULE_4__/* .isMap */ .jh)(v))
        return 'a map';
    if (v === null || v === undefined)
        return 'empty';
    return `a ${typeof v}`;
}
/**
 * One step of a get_param path as Heat's get_path_component takes it: a map by its (string)
 * key, a list or a string by an integer index (a numeric string too; negative counts from the
 * end, as in Python). undefined where Heat's lookup fails.
 */
function pathStep(value, key) {
    if (Array.isArray(value) || typeof value === 'string') {
        const index = (0,_spec_js__WEBPACK_IMPORTED_MODULE_4__/* .toInteger */ .yJ)(key);
        if (index === undefined)
            return undefined;
        const at = index < 0 ? value.length + index : index;
        if (at < 0 || at >= value.length)
            return undefined;
        return value[at];
    }
    if ((0,_spec_js__WEBPACK_IMPORTED_MODULE_4__/* .isMap */ .jh)(value) && typeof key === 'string' && Object.prototype.hasOwnProperty.call(value, key))
        return value[key];
    return undefined;
}
const getResource = {
    name: 'get_resource',
    since: '2013-05-23',
    contexts: ['value'],
    usage: 'a resource name',
    staticOnly: 'the resource a reference names decides the deploy order, so it must be known before deploy',
    check(args, _v, later) {
        return (0,_spec_js__WEBPACK_IMPORTED_MODULE_4__/* .stringish */ .Yr)(args, later) ? undefined : (0,_spec_js__WEBPACK_IMPORTED_MODULE_4__/* .expected */ .p6)(this, args);
    },
    evaluate(args, ctx, site) {
        const glue = ctx.staticResource?.(args);
        if (glue)
            return ctx.resource(args, site) ? glue.id : _spec_js__WEBPACK_IMPORTED_MODULE_4__/* .INVALID */ .uY;
        if (ctx.group?.(args) !== undefined)
            return (0,_resource_group_attrs_js__WEBPACK_IMPORTED_MODULE_1__/* .groupReferenceProblem */ .kj)('get_resource', args, ctx, site);
        // The container id only exists once deployed: keep the reference for evaluateRuntime.
        return ctx.resource(args, site) ? { get_resource: args } : _spec_js__WEBPACK_IMPORTED_MODULE_4__/* .INVALID */ .uY;
    },
};
const getAttr = {
    name: 'get_attr',
    since: '2013-05-23',
    contexts: ['value'],
    usage: '[resource, attribute, ...path]',
    staticOnly: 'the resource, attribute and path of get_attr must be known before deploy (they decide the deploy order and what to read)',
    check(args, version, later) {
        // [resource] alone (every attribute, as a map) came with 2015-10-15 (Heat's GetAttAllAttributes).
        if (Array.isArray(args) && args.length === 1 && (0,_spec_js__WEBPACK_IMPORTED_MODULE_4__/* .stringish */ .Yr)(args[0], later)) {
            return (0,_versions_js__WEBPACK_IMPORTED_MODULE_2__/* .versionAtLeast */ .zy)(version, '2015-10-15') ? undefined : {
                code: 'function-not-in-version',
                message: `get_attr with only a resource name (all attributes) needs heat_template_version 2015-10-15 or later; this template is ${version}`,
            };
        }
        if (!Array.isArray(args) || args.length < 2)
            return (0,_spec_js__WEBPACK_IMPORTED_MODULE_4__/* .expected */ .p6)(this, args);
        if (!(0,_spec_js__WEBPACK_IMPORTED_MODULE_4__/* .stringish */ .Yr)(args[0], later))
            return (0,_spec_js__WEBPACK_IMPORTED_MODULE_4__/* .expected */ .p6)(this, args[0], [0]);
        if (!(0,_spec_js__WEBPACK_IMPORTED_MODULE_4__/* .stringish */ .Yr)(args[1], later))
            return (0,_spec_js__WEBPACK_IMPORTED_MODULE_4__/* .expected */ .p6)(this, args[1], [1]);
        const bad = args.findIndex((x, i) => i > 1 && typeof x !== 'string' && typeof x !== 'number' && !later(x));
        return bad > 1 ? { message: `get_attr path items must be map keys or list indexes, got ${(0,_spec_js__WEBPACK_IMPORTED_MODULE_4__/* .describe */ .q0)(args[bad])}`, at: [bad] } : undefined;
    },
    evaluate(args, ctx, site) {
        const [name, attr] = args;
        const glue = ctx.staticResource?.(name);
        if (glue)
            return ctx.resource(name, site) ? staticAttribute(glue, args, ctx, site) : _spec_js__WEBPACK_IMPORTED_MODULE_4__/* .INVALID */ .uY;
        const members = ctx.group?.(name);
        if (members !== undefined) {
            // Members are references to containers, like any get_attr (resource-group-attrs.ts).
            if (!ctx.resource(name, site) || members === _spec_js__WEBPACK_IMPORTED_MODULE_4__/* .INVALID */ .uY)
                return _spec_js__WEBPACK_IMPORTED_MODULE_4__/* .INVALID */ .uY;
            return (0,_resource_group_attrs_js__WEBPACK_IMPORTED_MODULE_1__/* .groupAttribute */ .A3)(args, members, ctx, site);
        }
        if (attr !== undefined && !(0,_attributes_js__WEBPACK_IMPORTED_MODULE_0__/* .isContainerAttribute */ .o)(attr)) {
            return ctx.fail(site, 'unknown-attribute', unknownAttributeMessage(name, attr), [1]);
        }
        return ctx.resource(name, site) ? { get_attr: args } : _spec_js__WEBPACK_IMPORTED_MODULE_4__/* .INVALID */ .uY;
    },
};
/**
 * get_attr of a static resource, read now: its attributes (all of them without a name), then
 * the path as Heat's select_from_attribute walks it (a key or index not there gives null).
 */
function staticAttribute(glue, args, ctx, site) {
    const [name, attr, ...path] = args;
    const known = (0,_static_resources_js__WEBPACK_IMPORTED_MODULE_3__/* .staticAttributes */ .Yq)(glue.type);
    if (attr !== undefined && !known.includes(String(attr))) {
        return ctx.fail(site, 'unknown-attribute', `get_attr: resource '${name}' (${glue.type}) has no attribute '${attr}'; ${known.length > 0 ? `it has ${known.join(', ')}` : 'it has no attributes'}`, [1]);
    }
    const attrs = glue.attributes();
    if (attrs === _spec_js__WEBPACK_IMPORTED_MODULE_4__/* .INVALID */ .uY)
        return _spec_js__WEBPACK_IMPORTED_MODULE_4__/* .INVALID */ .uY;
    let value = attr === undefined ? attrs : attrs[String(attr)];
    for (let i = 0; i < path.length; i++) {
        // A deploy-time reference, or a call kept around one: its value is not there yet.
        if ((0,_spec_js__WEBPACK_IMPORTED_MODULE_4__/* .isRuntimeNode */ .$I)(value) || ((0,_spec_js__WEBPACK_IMPORTED_MODULE_4__/* .soleKey */ .ze)(value) !== undefined && (0,_spec_js__WEBPACK_IMPORTED_MODULE_4__/* .containsRuntime */ .yk)(value))) {
            return ctx.fail(site, 'value-unknown-before-deploy', `get_attr: the value of '${name}' is only known at deploy time; a path into it is not supported`, [i + 2]);
        }
        if (!Array.isArray(value) && !(0,_spec_js__WEBPACK_IMPORTED_MODULE_4__/* .isMap */ .jh)(value))
            return ctx.fail(site, 'invalid-function-args', `get_attr: cannot follow the path into ${kindOf(value)}`, [i + 2]);
        const key = path[i];
        const index = Array.isArray(value) ? (0,_spec_js__WEBPACK_IMPORTED_MODULE_4__/* .toInteger */ .yJ)(key) : undefined;
        value = Array.isArray(value)
            ? (index !== undefined && index >= -value.length && index < value.length ? value[index < 0 ? value.length + index : index] : null)
            : (Object.prototype.hasOwnProperty.call(value, String(key)) ? value[String(key)] : null);
    }
    return value;
}
/** The message for get_attr of an attribute containers do not have. */
function unknownAttributeMessage(resource, attr) {
    return `get_attr: resource '${resource}' has no attribute '${attr}'; a container has ${Object.keys(_attributes_js__WEBPACK_IMPORTED_MODULE_0__/* .CONTAINER_ATTRIBUTES */ .U).join(', ')}`;
}
const getFile = {
    name: 'get_file',
    since: '2013-05-23',
    contexts: ['value'],
    usage: 'a file path relative to the template',
    staticOnly: 'files are read when the template is validated',
    check(args, _v, later) {
        return (0,_spec_js__WEBPACK_IMPORTED_MODULE_4__/* .stringish */ .Yr)(args, later) ? undefined : (0,_spec_js__WEBPACK_IMPORTED_MODULE_4__/* .expected */ .p6)(this, args);
    },
    evaluate(args, ctx, site) {
        return ctx.file(args, site);
    },
};
const FACADE_FIELDS = ['metadata', 'deletion_policy', 'update_policy'];
const resourceFacade = {
    name: 'resource_facade',
    since: '2013-05-23',
    contexts: ['value'],
    usage: `one of ${FACADE_FIELDS.join(', ')}`,
    // Unsupported whatever its argument: say so now rather than at deploy time.
    acceptsRuntime: true,
    check(args, _v, later) {
        return later(args) || (typeof args === 'string' && FACADE_FIELDS.includes(args)) ? undefined : (0,_spec_js__WEBPACK_IMPORTED_MODULE_4__/* .expected */ .p6)(this, args);
    },
    evaluate(_args, ctx, site) {
        // It reads the parent resource of a nested stack; hotdock deploys one flat stack.
        return ctx.fail(site, 'unsupported-function', 'resource_facade only has a meaning inside a nested stack, which hotdock does not deploy');
    },
};
/** The reference functions, in registry order. */
const REFERENCE_FUNCTIONS = [getParam, getResource, getAttr, getFile, resourceFacade];


/***/ }),

/***/ 8062:
/***/ (function(__unused_webpack_module, __webpack_exports__, __nccwpck_require__) {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  kp: () => (/* binding */ closest),
  K$: () => (/* binding */ functionSpec),
  Ny: () => (/* binding */ isFunctionCall),
  G6: () => (/* binding */ looksLikeFunction)
});

// UNUSED EXPORTS: FUNCTIONS, isFunctionIn

// EXTERNAL MODULE: ./src/template/versions.ts
var versions = __nccwpck_require__(9481);
// EXTERNAL MODULE: ./src/template/resource-group-attrs.ts
var resource_group_attrs = __nccwpck_require__(1475);
// EXTERNAL MODULE: ./src/template/functions/spec.ts
var functions_spec = __nccwpck_require__(577);
;// CONCATENATED MODULE: ./src/template/functions/cfn-functions.ts
/**
 * The CloudFormation-style functions HOT kept from CloudFormation: every one in 2013-05-23,
 * and Fn::Select up to 2015-04-30 (heat/engine/hot/template.py). In later versions Heat maps
 * them to `Removed` and refuses the template; `until` carries that last version. They follow
 * heat/engine/cfn/functions.py: Ref, Fn::Join, Fn::Select, Fn::Split, Fn::Replace, Fn::Base64
 * and Fn::MemberListToMap are evaluated; Fn::GetAZs and Fn::ResourceFacade have nothing to
 * read on a Docker engine and are refused.
 */


/** Ref: a resource (as get_resource) when the name is one, else a parameter (as get_param). */
const ref = {
    name: 'Ref',
    since: '2013-05-23',
    until: '2013-05-23',
    contexts: ['value'],
    usage: 'a parameter or resource name',
    staticOnly: 'the name Ref gives decides the deploy order, so it must be known before deploy',
    check(args, _v, later) {
        return (0,functions_spec/* stringish */.Yr)(args, later) ? undefined : (0,functions_spec/* expected */.p6)(this, args);
    },
    evaluate(args, ctx, site) {
        const name = args;
        // Heat's Ref: `if args in stack` (a resource) wins over a parameter of the same name.
        if (ctx.group?.(name) !== undefined)
            return (0,resource_group_attrs/* groupReferenceProblem */.kj)('Ref', name, ctx, site);
        if (ctx.hasResource?.(name))
            return ctx.resource(name, site) ? { get_resource: name } : functions_spec/* INVALID */.uY;
        return ctx.param(name, site);
    },
};
/** Fn::Join: [delimiter, [strings]]; Heat joins strings only (null counts as ''). */
const join = {
    name: 'Fn::Join',
    since: '2013-05-23',
    until: '2013-05-23',
    contexts: ['value'],
    usage: '[delimiter, [string, ...]]',
    check(args, _v, later) {
        if (later(args))
            return undefined;
        if (!Array.isArray(args) || args.length !== 2)
            return (0,functions_spec/* expected */.p6)(this, args);
        if (!(0,functions_spec/* stringish */.Yr)(args[0], later))
            return { message: `Fn::Join: the delimiter must be a string, got ${(0,functions_spec/* describe */.q0)(args[0])}`, at: [0] };
        if (!Array.isArray(args[1]) && !later(args[1]))
            return { message: `Fn::Join must operate on a list, got ${(0,functions_spec/* describe */.q0)(args[1])}`, at: [1] };
        if (Array.isArray(args[1])) {
            const bad = args[1].findIndex((s) => s !== null && !(0,functions_spec/* stringish */.Yr)(s, later));
            if (bad >= 0)
                return { message: `Fn::Join: items to join must be strings (as in Heat), got ${(0,functions_spec/* describe */.q0)(args[1][bad])}`, at: [1, bad] };
        }
        return undefined;
    },
    evaluate(args) {
        const [delim, items] = args;
        return items.map((s) => s ?? '').join(delim);
    },
};
/** Fn::Select: [index, list or map]; what is not found is '' (as in Heat). */
const cfn_functions_select = {
    name: 'Fn::Select',
    since: '2013-05-23',
    until: '2015-04-30',
    contexts: ['value'],
    usage: '[index, list or map]',
    check(args, _v, later) {
        if (later(args))
            return undefined;
        return Array.isArray(args) && args.length === 2 ? undefined : (0,functions_spec/* expected */.p6)(this, args);
    },
    evaluate(args, ctx, site) {
        const [lookup, raw] = args;
        let collection = raw;
        // '' is what other functions give for a value not yet there; null is absent.
        if (collection === '' || collection === null || collection === undefined)
            return '';
        if (typeof collection === 'string') {
            try {
                collection = JSON.parse(collection);
            }
            catch {
                return ctx.fail(site, 'invalid-function-args', 'Fn::Select: the text to select from is not JSON', [1]);
            }
        }
        const index = (0,functions_spec/* toInteger */.yJ)(lookup);
        if ((0,functions_spec/* isMap */.jh)(collection)) {
            if (typeof lookup !== 'string')
                return ctx.fail(site, 'invalid-function-args', `Fn::Select: the index into a map must be a string, got ${(0,functions_spec/* describe */.q0)(lookup)}`, [0]);
            return Object.prototype.hasOwnProperty.call(collection, lookup) ? collection[lookup] : '';
        }
        if (Array.isArray(collection)) {
            if (index === undefined)
                return ctx.fail(site, 'invalid-function-args', `Fn::Select: the index into a list must be an integer, got ${(0,functions_spec/* describe */.q0)(lookup)}`, [0]);
            // Python indexing: a negative index counts from the end.
            const at = index < 0 ? collection.length + index : index;
            return at >= 0 && at < collection.length ? collection[at] : '';
        }
        return ctx.fail(site, 'invalid-function-args', `Fn::Select selects from a list or a map, got ${(0,functions_spec/* describe */.q0)(collection)}`, [1]);
    },
};
/** Fn::Split: [delimiter, string]. */
const split = {
    name: 'Fn::Split',
    since: '2013-05-23',
    until: '2013-05-23',
    contexts: ['value'],
    usage: '[delimiter, string]',
    check(args, _v, later) {
        if (later(args))
            return undefined;
        if (!Array.isArray(args) || args.length !== 2)
            return (0,functions_spec/* expected */.p6)(this, args);
        if (typeof args[0] !== 'string' || args[0] === '')
            return { message: `Fn::Split: the delimiter must be a non-empty string, got ${(0,functions_spec/* describe */.q0)(args[0])}`, at: [0] };
        if (!(0,functions_spec/* stringish */.Yr)(args[1], later))
            return { message: `Fn::Split: the value to split must be a string, got ${(0,functions_spec/* describe */.q0)(args[1])}`, at: [1] };
        return undefined;
    },
    evaluate(args) {
        const [delim, text] = args;
        return text.split(delim);
    },
};
/** Fn::Replace: [{placeholder: value}, template]; each placeholder replaced in turn, in map order. */
const replace = {
    name: 'Fn::Replace',
    since: '2013-05-23',
    until: '2013-05-23',
    contexts: ['value'],
    usage: '[{placeholder: value, ...}, template]',
    check(args, _v, later) {
        if (later(args))
            return undefined;
        if (!Array.isArray(args) || args.length !== 2)
            return (0,functions_spec/* expected */.p6)(this, args);
        if (!(0,functions_spec/* isMap */.jh)(args[0]) && !later(args[0]))
            return { message: `Fn::Replace: the first item must map placeholders to values, got ${(0,functions_spec/* describe */.q0)(args[0])}`, at: [0] };
        if (!(0,functions_spec/* stringish */.Yr)(args[1], later))
            return { message: `Fn::Replace: the template must be a string, got ${(0,functions_spec/* describe */.q0)(args[1])}`, at: [1] };
        if ((0,functions_spec/* isMap */.jh)(args[0])) {
            const bad = Object.keys(args[0]).find((k) => {
                const v = args[0][k];
                return v !== null && typeof v === 'object' && !later(v);
            });
            if (bad !== undefined)
                return { message: `Fn::Replace: values must be strings or numbers (as in Heat), got ${(0,functions_spec/* describe */.q0)(args[0][bad])}`, at: [0, bad] };
        }
        return undefined;
    },
    evaluate(args) {
        const [mapping, template] = args;
        // Heat: reduce(str.replace) over the items, so a later placeholder sees earlier results.
        return Object.entries(mapping).reduce((text, [k, v]) => text.split(k).join((0,functions_spec/* toText */.fE)(v)), template);
    },
};
/** Fn::Base64: Heat performs no conversion ("Heat accepts UserData in plain text"). */
const base64 = {
    name: 'Fn::Base64',
    since: '2013-05-23',
    until: '2013-05-23',
    contexts: ['value'],
    usage: 'a string',
    check(args, _v, later) {
        return (0,functions_spec/* stringish */.Yr)(args, later) ? undefined : (0,functions_spec/* expected */.p6)(this, args);
    },
    evaluate(args) {
        return args;
    },
};
const MEMBER = /^\.member\.([0-9]+)\.(.*)$/s;
/** Fn::MemberListToMap: [key name, value name, ['.member.0.Name=k', '.member.0.Value=v', ...]]. */
const memberListToMap = {
    name: 'Fn::MemberListToMap',
    since: '2013-05-23',
    until: '2013-05-23',
    contexts: ['value'],
    usage: "[key name, value name, ['.member.N.<key name>=key', '.member.N.<value name>=value', ...]]",
    check(args, _v, later) {
        if (later(args))
            return undefined;
        if (!Array.isArray(args) || args.length !== 3)
            return (0,functions_spec/* expected */.p6)(this, args);
        if (typeof args[0] !== 'string')
            return { message: 'Fn::MemberListToMap: the key name must be a string', at: [0] };
        if (typeof args[1] !== 'string')
            return { message: 'Fn::MemberListToMap: the value name must be a string', at: [1] };
        if (!Array.isArray(args[2]) && !later(args[2]))
            return { message: `Fn::MemberListToMap: the member list must be a list, got ${(0,functions_spec/* describe */.q0)(args[2])}`, at: [2] };
        if (Array.isArray(args[2])) {
            const bad = args[2].findIndex((s) => !(0,functions_spec/* stringish */.Yr)(s, later));
            if (bad >= 0)
                return { message: `Fn::MemberListToMap: member list items must be strings, got ${(0,functions_spec/* describe */.q0)(args[2][bad])}`, at: [2, bad] };
        }
        return undefined;
    },
    evaluate(args) {
        const [keyName, valueName, list] = args;
        // Heat's aws_utils.extract_param_pairs: group '.member.N.field=value' items by N, in N order.
        const partials = new Map();
        for (const s of list) {
            const eq = s.indexOf('=');
            if (eq >= 0)
                partials.set(s.slice(0, eq), s.slice(eq + 1));
        }
        const members = new Map();
        for (const [name, value] of partials) {
            const m = MEMBER.exec(name);
            if (!m)
                continue;
            const n = Number(m[1]);
            if (!members.has(n))
                members.set(n, new Map());
            members.get(n)?.set(m[2], value);
        }
        const out = {};
        for (const n of [...members.keys()].sort((a, b) => a - b)) {
            const fields = members.get(n);
            if (fields.has(keyName) && fields.has(valueName))
                out[fields.get(keyName)] = fields.get(valueName);
        }
        return out;
    },
};
/** A CloudFormation function with nothing to read on a Docker engine. */
function refused(name, usage, why) {
    return {
        name,
        since: '2013-05-23',
        until: '2013-05-23',
        contexts: ['value'],
        usage,
        acceptsRuntime: true,
        check: () => undefined,
        evaluate: (_args, ctx, site) => ctx.fail(site, 'unsupported-function', `${name} is not supported by hotdock: ${why}`),
    };
}
/** The CloudFormation-style functions, in registry order. */
const CFN_FUNCTIONS = [
    ref,
    join,
    cfn_functions_select,
    split,
    replace,
    base64,
    memberListToMap,
    refused('Fn::GetAZs', 'a region', 'a Docker engine has no availability zones; pass the value as a parameter'),
    refused('Fn::ResourceFacade', 'one of Metadata, DeletionPolicy, UpdatePolicy', 'it only has a meaning inside a nested stack, which hotdock does not deploy'),
];

;// CONCATENATED MODULE: ./src/template/functions/collection-functions.ts
/**
 * map_merge, map_replace, list_concat(_unique), repeat, filter and contains. The first five
 * are evaluated at resolve time even when deploy-time values appear in their arguments, as
 * long as they only carry those values along (a list item of list_concat, a value of
 * map_merge): the result keeps its shape for the Docker checks. Where a value must be known
 * (a whole list to concatenate, an item to compare), they return DEFER and run at deploy time.
 */


const mapMerge = {
    name: 'map_merge',
    since: '2016-04-08',
    contexts: ['value'],
    usage: 'a list of maps',
    acceptsRuntime: true,
    check(args, _v, later) {
        if (later(args))
            return undefined;
        if (!Array.isArray(args))
            return (0,functions_spec/* expected */.p6)(this, args);
        const bad = args.findIndex((m) => !(0,functions_spec/* isMap */.jh)(m) && m !== null && !later(m));
        return bad >= 0 ? { message: `map_merge: item ${bad} must be a map, got ${(0,functions_spec/* describe */.q0)(args[bad])}`, at: [bad] } : undefined;
    },
    evaluate(args, ctx) {
        const maps = args;
        if (maps.some(ctx.later))
            return functions_spec/* DEFER */.bO;
        // Later maps win, key by key (not deep), as in Heat; null (an unset value) adds nothing.
        return Object.assign({}, ...maps.map((m) => m ?? {}));
    },
};
const mapReplace = {
    name: 'map_replace',
    since: '2016-10-14',
    contexts: ['value'],
    usage: '[map, {keys: {old: new}, values: {old: new}}]',
    acceptsRuntime: true,
    check(args, _v, later) {
        if (later(args))
            return undefined;
        if (!Array.isArray(args) || args.length !== 2)
            return (0,functions_spec/* expected */.p6)(this, args);
        if (!(0,functions_spec/* isMap */.jh)(args[0]) && args[0] !== null && !later(args[0]))
            return { message: `map_replace: the first item must be the map to change, got ${(0,functions_spec/* describe */.q0)(args[0])}`, at: [0] };
        const spec = args[1];
        if (later(spec) || spec === null)
            return undefined;
        if (!(0,functions_spec/* isMap */.jh)(spec))
            return { message: `map_replace: the second item must be {keys, values}, got ${(0,functions_spec/* describe */.q0)(spec)}`, at: [1] };
        const extra = Object.keys(spec).find((k) => k !== 'keys' && k !== 'values');
        if (extra)
            return { message: `map_replace: '${extra}' is not allowed; use 'keys' and 'values'`, at: [1, extra], atKey: true };
        for (const k of ['keys', 'values']) {
            const m = spec[k];
            if (m !== undefined && m !== null && !(0,functions_spec/* isMap */.jh)(m) && !later(m))
                return { message: `map_replace: '${k}' must be a map of old \u2192 new, got ${(0,functions_spec/* describe */.q0)(m)}`, at: [1, k] };
        }
        return undefined;
    },
    evaluate(args, ctx, site) {
        const [rawMap, rawSpec] = args;
        if (ctx.later(rawMap) || ctx.later(rawSpec) || ctx.later(rawSpec?.keys) || ctx.later(rawSpec?.values))
            return functions_spec/* DEFER */.bO;
        const map = rawMap ?? {};
        const spec = rawSpec ?? {};
        const keys = ((0,functions_spec/* isMap */.jh)(spec.keys) ? spec.keys : {});
        const values = ((0,functions_spec/* isMap */.jh)(spec.values) ? spec.values : {});
        // A new key is text, and a deploy-time value may turn out to be one of the values to replace.
        const valuesKnown = Object.keys(values).length === 0 || !Object.values(map).some(ctx.later);
        if (Object.values(keys).some((k) => (0,functions_spec/* containsLater */.W5)(k, ctx.later)) || !valuesKnown)
            return functions_spec/* DEFER */.bO;
        const out = {};
        const has = (m, k) => Object.prototype.hasOwnProperty.call(m, k);
        for (const [k, v] of Object.entries(map)) {
            const replaced = has(keys, k) && keys[k] !== null ? keyText(keys[k]) : undefined;
            const key = replaced ?? k;
            // As Heat: a new key may not collide with another key of the input or of the output.
            if ((replaced !== undefined && replaced !== k && has(map, replaced)) || has(out, key)) {
                return ctx.fail(site, 'invalid-function-args', `map_replace: replacing the keys makes '${key}' appear twice`, [1, 'keys']);
            }
            // Heat looks each value up in 'values' (a hashable one: not a list or map). YAML keys are
            // text here, so a number or boolean value matches the key written the same way.
            const scalar = typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
            out[key] = scalar && Object.prototype.hasOwnProperty.call(values, String(v)) ? values[String(v)] : v;
        }
        return out;
    },
};
/**
 * A new map_replace key as its JSON key reads under Heat: a number or boolean key is written
 * by the JSON encoder (`true`, `80`), not by str() (`True`).
 */
function keyText(v) {
    return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : (0,functions_spec/* toText */.fE)(v);
}
function listConcat(name, unique) {
    return {
        name,
        since: '2017-09-01',
        contexts: ['value'],
        usage: 'a list of lists',
        acceptsRuntime: true,
        check(args, _v, later) {
            if (later(args))
                return undefined;
            if (!Array.isArray(args))
                return (0,functions_spec/* expected */.p6)(this, args);
            const bad = args.findIndex((m) => !Array.isArray(m) && m !== null && !later(m));
            return bad >= 0 ? { message: `${name}: item ${bad} must be a list, got ${(0,functions_spec/* describe */.q0)(args[bad])}`, at: [bad] } : undefined;
        },
        evaluate(args, ctx) {
            const lists = args;
            if (lists.some(ctx.later))
                return functions_spec/* DEFER */.bO;
            const all = lists.flatMap((l) => l ?? []);
            if (!unique)
                return all;
            // Which items are equal is only known with their values.
            if (all.some((item) => (0,functions_spec/* containsLater */.W5)(item, ctx.later)))
                return functions_spec/* DEFER */.bO;
            // Heat (ListConcat.result) keeps the first occurrence of each item, where it appears
            // first. Equal data has equal sorted-key JSON, which makes this linear.
            const seen = new Set();
            return all.filter((item) => {
                const key = (0,functions_spec/* heatJson */.Ht)(item);
                if (seen.has(key))
                    return false;
                seen.add(key);
                return true;
            });
        },
    };
}
/**
 * Replaces every variable name inside strings (keys and values alike), as Heat's repeat does.
 * `later` spots calls kept for deploy time: their arguments are templates, their name is not.
 */
function substitute(template, vars, later) {
    if (typeof template === 'string')
        return vars.reduce((s, [name, value]) => s.split(name).join(value), template);
    if (Array.isArray(template))
        return template.map((t) => substitute(t, vars, later));
    // References are already checked: their names are not templates.
    if (!(0,functions_spec/* isMap */.jh)(template) || (0,functions_spec/* isRuntimeNode */.$I)(template))
        return template;
    if (later(template)) {
        const key = (0,functions_spec/* soleKey */.ze)(template);
        return { [key]: substitute(template[key], vars, later) };
    }
    return Object.fromEntries(Object.entries(template).map(([k, v]) => [substitute(k, vars, later), substitute(v, vars, later)]));
}
/** Every combination of a few long lists is astronomically many: refuse rather than hang. */
const MAX_REPEAT = 10000;
/** Nor may repeats nested in repeats multiply into millions of values. */
const MAX_NODES = 1000000;
/** Values in `v` (maps, lists and scalars), counting no further than `limit`. */
function nodeCount(v, limit) {
    let n = 0;
    const stack = [v];
    while (stack.length > 0 && n <= limit) {
        const x = stack.pop();
        n++;
        // Pushed one by one: spreading a huge list into push() overflows the call stack.
        if (Array.isArray(x))
            for (const item of x)
                stack.push(item);
        else if ((0,functions_spec/* isMap */.jh)(x))
            for (const [k, item] of Object.entries(x))
                stack.push(k, item);
    }
    return n;
}
const repeat = {
    name: 'repeat',
    since: '2015-04-30',
    contexts: ['value'],
    usage: '{for_each: {variable: list}, template, permutations?}',
    acceptsRuntime: true,
    check(args, version, later) {
        if (later(args))
            return undefined;
        if (!(0,functions_spec/* isMap */.jh)(args))
            return (0,functions_spec/* expected */.p6)(this, args);
        const extra = Object.keys(args).find((k) => !['for_each', 'template', 'permutations'].includes(k));
        if (extra)
            return { message: `repeat takes ${this.usage}; '${extra}' is not one of them`, at: [extra], atKey: true };
        if (!('for_each' in args) || !('template' in args))
            return { message: `repeat needs both 'for_each' and 'template'` };
        const fe = args.for_each;
        if (!later(fe)) {
            if (!(0,functions_spec/* isMap */.jh)(fe) || Object.keys(fe).length === 0)
                return { message: `repeat: 'for_each' must map variable names to lists, got ${(0,functions_spec/* describe */.q0)(fe)}`, at: ['for_each'] };
            // Maps (iterated by key) came with 2016-10-14, and only for permutations.
            const mapsOk = (0,versions/* versionAtLeast */.zy)(version, '2016-10-14') && args.permutations !== false;
            const bad = Object.keys(fe).find((k) => !Array.isArray(fe[k]) && fe[k] !== null && !later(fe[k]) && !(mapsOk && (0,functions_spec/* isMap */.jh)(fe[k])));
            if (bad !== undefined) {
                return { message: `repeat: the values of variable '${bad}' must be ${mapsOk ? 'lists or maps' : 'lists'}, got ${(0,functions_spec/* describe */.q0)(fe[bad])}`, at: ['for_each', bad] };
            }
        }
        if ('permutations' in args) {
            // Heat's RepeatWithNestedLoop (the one that reads 'permutations') came with 2017-09-01.
            if (!(0,versions/* versionAtLeast */.zy)(version, '2017-09-01')) {
                return { code: 'function-not-in-version', message: `repeat's 'permutations' needs heat_template_version 2017-09-01 or later; this template is ${version}`, at: ['permutations'], atKey: true };
            }
            if (typeof args.permutations !== 'boolean' && !later(args.permutations))
                return { message: `repeat: 'permutations' must be true or false`, at: ['permutations'] };
        }
        return undefined;
    },
    evaluate(args, ctx, site) {
        const { for_each: forEach, template, permutations } = args;
        // The values to repeat over become text: they must be known. The template may wait.
        if ((0,functions_spec/* containsLater */.W5)(forEach, ctx.later))
            return functions_spec/* DEFER */.bO;
        const names = Object.keys(forEach);
        const items = (v) => (Array.isArray(v) ? v : (0,functions_spec/* isMap */.jh)(v) ? Object.keys(v) : []);
        // Heat's Repeat._do_replacement calls str.replace with each value: one that is not text fails there.
        const notText = names.find((n) => items(forEach[n]).some((v) => typeof v === 'number' || typeof v === 'boolean'));
        if (notText !== undefined) {
            ctx.warn?.(site, 'not-text-in-heat', `repeat: the values of '${notText}' include a number or boolean; Heat refuses to substitute a value that is not text, hotdock uses its text. Quote them to keep the template valid for Heat`, ['for_each', notText]);
        }
        const lists = names.map((n) => items(forEach[n]).map(functions_spec/* toText */.fE));
        const count = permutations === false ? (lists[0]?.length ?? 0) : lists.reduce((n, l) => n * l.length, 1);
        if (count > MAX_REPEAT || count * nodeCount(template, MAX_NODES) > MAX_NODES) {
            return ctx.fail(site, 'invalid-function-args', `repeat would produce ${count} copies of its template; that is more than hotdock evaluates (${MAX_REPEAT} items, ${MAX_NODES} values in all)`, ['for_each']);
        }
        let rows;
        if (permutations === false) {
            if (lists.some((l) => l.length !== lists[0].length)) {
                return ctx.fail(site, 'invalid-function-args', 'repeat: with permutations false, every for_each list must have the same length', ['for_each']);
            }
            rows = lists[0].map((_, i) => lists.map((l) => l[i]));
        }
        else {
            // Every combination, the first variable varying slowest (as Heat's itertools.product).
            rows = lists.reduce((acc, list) => acc.flatMap((row) => list.map((v) => [...row, v])), [[]]);
        }
        return rows.map((row) => substitute(template, names.map((n, i) => [n, row[i]]), ctx.later));
    },
};
const filter = {
    name: 'filter',
    since: '2017-02-24',
    contexts: ['value'],
    usage: '[values to remove, list]',
    acceptsRuntime: true,
    check(args, _v, later) {
        if (later(args))
            return undefined;
        if (!Array.isArray(args) || args.length !== 2)
            return (0,functions_spec/* expected */.p6)(this, args);
        if (args[0] !== null && !Array.isArray(args[0]) && !later(args[0]))
            return { message: `filter: the values to remove must be a list, got ${(0,functions_spec/* describe */.q0)(args[0])}`, at: [0] };
        if (!Array.isArray(args[1]) && args[1] !== null && !later(args[1]))
            return { message: `filter: the second item must be the list to filter, got ${(0,functions_spec/* describe */.q0)(args[1])}`, at: [1] };
        return undefined;
    },
    evaluate(args, ctx) {
        const [remove, list] = args;
        // What to remove is decided by comparing values.
        if ((0,functions_spec/* containsLater */.W5)(args, ctx.later))
            return functions_spec/* DEFER */.bO;
        if (list === null)
            return null;
        return list.filter((item) => !(remove ?? []).some((r) => (0,functions_spec/* deepEqual */.bD)(r, item)));
    },
};
const contains = {
    name: 'contains',
    since: '2017-09-01',
    contexts: ['value', 'condition'],
    usage: '[value, list]',
    check(args, _v, later) {
        if (later(args))
            return undefined;
        if (!Array.isArray(args) || args.length !== 2)
            return (0,functions_spec/* expected */.p6)(this, args);
        if (!Array.isArray(args[1]) && typeof args[1] !== 'string' && !later(args[1])) {
            return { message: `contains: the second item must be a list (or a string), got ${(0,functions_spec/* describe */.q0)(args[1])}`, at: [1] };
        }
        return undefined;
    },
    evaluate(args) {
        const [value, seq] = args;
        if (typeof seq === 'string')
            return typeof value === 'string' && seq.includes(value);
        return seq.some((item) => (0,functions_spec/* deepEqual */.bD)(item, value));
    },
};
/** The collection functions, in registry order. */
const COLLECTION_FUNCTIONS = [
    mapMerge,
    mapReplace,
    listConcat('list_concat', false),
    listConcat('list_concat_unique', true),
    repeat,
    filter,
    contains,
];

;// CONCATENATED MODULE: ./src/template/functions/condition-functions.ts
/** if, equals, not, and, or and yaql. not/and/or/if are evaluated lazily by evaluate.ts. */


const ifFn = {
    name: 'if',
    since: '2016-10-14',
    contexts: ['value'],
    usage: '[condition, value if true, value if false]',
    // The branches are chosen before anything is evaluated: the list must be written out.
    check(args, version) {
        if (Array.isArray(args) && args.length === 2) {
            return (0,versions/* versionAtLeast */.zy)(version, '2021-04-16')
                ? undefined
                : { code: 'function-not-in-version', message: `'if' without a value for false needs heat_template_version 2021-04-16 or later; this template is ${version}` };
        }
        return Array.isArray(args) && args.length === 3 ? undefined : (0,functions_spec/* expected */.p6)(this, args);
    },
};
const equals = {
    name: 'equals',
    since: '2016-10-14',
    contexts: ['condition'],
    usage: '[value, value]',
    check(args, _v, later) {
        if (later(args))
            return undefined;
        return Array.isArray(args) && args.length === 2 ? undefined : (0,functions_spec/* expected */.p6)(this, args);
    },
    evaluate(args) {
        const [a, b] = args;
        return (0,functions_spec/* deepEqual */.bD)(a, b);
    },
};
const not = {
    name: 'not',
    since: '2016-10-14',
    contexts: ['condition'],
    usage: 'a condition',
    check(args) {
        return Array.isArray(args) ? (0,functions_spec/* expected */.p6)(this, args) : undefined;
    },
};
function junction(name) {
    return {
        name,
        since: '2016-10-14',
        contexts: ['condition'],
        usage: 'a list of at least two conditions',
        check(args) {
            return Array.isArray(args) && args.length >= 2 ? undefined : (0,functions_spec/* expected */.p6)(this, args);
        },
    };
}
const yaql = {
    name: 'yaql',
    since: '2016-10-14',
    conditionSince: '2017-09-01',
    contexts: ['value', 'condition'],
    usage: '{expression, data?}',
    // Unsupported whatever its data: say so now rather than at deploy time.
    acceptsRuntime: true,
    check(args, _v, later) {
        if (later(args))
            return undefined;
        if (!(0,functions_spec/* isMap */.jh)(args))
            return (0,functions_spec/* expected */.p6)(this, args);
        const extra = Object.keys(args).find((k) => k !== 'expression' && k !== 'data');
        if (extra)
            return { message: `yaql takes ${this.usage}; '${extra}' is not one of them`, at: [extra], atKey: true };
        if (!(0,functions_spec/* stringish */.Yr)(args.expression, later))
            return { message: `yaql: 'expression' must be a string, got ${(0,functions_spec/* describe */.q0)(args.expression)}`, at: ['expression'] };
        return undefined;
    },
    evaluate(_args, ctx, site) {
        // Evaluating YAQL needs a YAQL engine; hotdock does not embed one.
        return ctx.fail(site, 'unsupported-function', 'yaql expressions are not supported by hotdock; compute the value with the other HOT functions or pass it as a parameter');
    },
};
/** The condition functions (and if), in registry order. */
const CONDITION_FUNCTIONS = [ifFn, equals, not, junction('and'), junction('or'), yaql];

// EXTERNAL MODULE: ./src/template/functions/reference-functions.ts
var reference_functions = __nccwpck_require__(7769);
// EXTERNAL MODULE: external "node:module"
var external_node_module_ = __nccwpck_require__(8995);
;// CONCATENATED MODULE: ./src/template/functions/string-functions.ts
/** str_replace (and its strict forms), str_split, list_join, digest and make_url. */



/**
 * node:crypto, loaded when a template first computes a digest: loading it brings node's stream
 * stack, a cost every `hotdock validate` paid for a function few templates use.
 */
const nodeCrypto = () => (0,external_node_module_.createRequire)(__hotdockImportMetaUrl)('node:crypto');
function checkReplace(spec, args, later) {
    if (later(args))
        return undefined;
    if (!(0,functions_spec/* isMap */.jh)(args))
        return (0,functions_spec/* expected */.p6)(spec, args);
    const extra = Object.keys(args).filter((k) => k !== 'template' && k !== 'params');
    if (extra.length > 0)
        return { message: `${spec.name} takes ${spec.usage}; '${extra[0]}' is not one of them`, at: [extra[0]], atKey: true };
    if (!('template' in args))
        return { message: `${spec.name} needs a 'template'` };
    if (!('params' in args))
        return { message: `${spec.name} needs 'params'` };
    const t = args.template;
    if (!(0,functions_spec/* stringish */.Yr)(t, later) && typeof t !== 'number')
        return { message: `${spec.name}: 'template' must be a string, got ${(0,functions_spec/* describe */.q0)(t)}`, at: ['template'] };
    if (!(0,functions_spec/* isMap */.jh)(args.params) && !later(args.params))
        return { message: `${spec.name}: 'params' must be a map of text to replace \u2192 replacement, got ${(0,functions_spec/* describe */.q0)(args.params)}`, at: ['params'] };
    return undefined;
}
/**
 * Heat's str_replace: keys are taken longest first (ties in code-point order); each key splits
 * what earlier keys left unreplaced, so a replacement is never replaced again and `$a` does not
 * eat the start of `$ab`. Returns the text and the keys that occurred.
 */
function replaceAll(template, params) {
    const keys = Object.keys(params).filter((k) => k !== '').sort().sort((a, b) => b.length - a.length);
    const found = new Set();
    // Segments still open to replacement alternate with replacements already made.
    let parts = [{ text: template, done: false }];
    for (const key of keys) {
        parts = parts.flatMap((part) => {
            if (part.done)
                return [part];
            const pieces = part.text.split(key);
            if (pieces.length === 1)
                return [part];
            found.add(key);
            return pieces.flatMap((piece, i) => (i === 0 ? [{ text: piece, done: false }] : [{ text: params[key], done: true }, { text: piece, done: false }]));
        });
    }
    return { text: parts.map((p) => p.text).join(''), found };
}
function isEmpty(v) {
    return v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0) || ((0,functions_spec/* isMap */.jh)(v) && Object.keys(v).length === 0);
}
function replaceSpec(name, since, strictness) {
    const spec = {
        name,
        since,
        contexts: ['value'],
        usage: '{template, params}',
        check: (args, _v, later) => checkReplace(spec, args, later),
        evaluate(args, ctx, site) {
            const { template, params } = args;
            // Heat's Replace.result: '"str_replace" template must be a string'.
            if (typeof template === 'number') {
                ctx.warn?.(site, 'not-text-in-heat', `${name}: the template is the number ${template}; Heat refuses a template that is not text, hotdock uses '${template}'. Quote it to keep the template valid for Heat`, ['template']);
            }
            const values = {};
            for (const [key, value] of Object.entries(params)) {
                if (strictness >= 2 && isEmpty(value)) {
                    return ctx.fail(site, 'empty-replacement', `${name}: the replacement for '${key}' is empty`, ['params', key], true);
                }
                values[key] = (0,functions_spec/* toText */.fE)(value);
            }
            const { text, found } = replaceAll((0,functions_spec/* toText */.fE)(template), values);
            const missing = strictness >= 1 ? Object.keys(params).find((k) => !found.has(k)) : undefined;
            if (missing !== undefined) {
                return ctx.fail(site, 'replacement-not-found', `${name}: '${missing}' does not occur in the template`, ['params', missing], true);
            }
            return text;
        },
    };
    return spec;
}
const strSplit = {
    name: 'str_split',
    since: '2015-10-15',
    contexts: ['value'],
    usage: '[delimiter, string, index?]',
    check(args, _v, later) {
        if (later(args))
            return undefined;
        if (!Array.isArray(args) || args.length < 2 || args.length > 3)
            return (0,functions_spec/* expected */.p6)(this, args);
        if (!(0,functions_spec/* stringish */.Yr)(args[0], later))
            return { message: `str_split: the delimiter must be a string, got ${(0,functions_spec/* describe */.q0)(args[0])}`, at: [0] };
        if (!(0,functions_spec/* stringish */.Yr)(args[1], later) && args[1] !== null)
            return { message: `str_split: the value to split must be a string, got ${(0,functions_spec/* describe */.q0)(args[1])}`, at: [1] };
        if (args.length === 3 && (0,functions_spec/* toInteger */.yJ)(args[2]) === undefined && !later(args[2])) {
            return { message: `str_split: the index must be an integer, got ${(0,functions_spec/* describe */.q0)(args[2])}`, at: [2] };
        }
        return undefined;
    },
    evaluate(args, ctx, site) {
        const [delim, text, index] = args;
        // Heat: splitting nothing gives nothing (an absent optional value stays absent).
        if (text === null)
            return null;
        if (delim === '')
            return ctx.fail(site, 'invalid-function-args', 'str_split: the delimiter must not be empty', [0]);
        const parts = text.split(delim);
        if (index === undefined)
            return parts;
        const i = (0,functions_spec/* toInteger */.yJ)(index);
        if (i < 0 || i >= parts.length) {
            return ctx.fail(site, 'index-out-of-range', `str_split: index ${i} is out of range; '${text}' splits into ${parts.length} part${parts.length === 1 ? '' : 's'}`, [2]);
        }
        return parts[i];
    },
};
const listJoin = {
    name: 'list_join',
    since: '2013-05-23',
    contexts: ['value'],
    usage: '[delimiter, list, ...more lists]',
    check(args, version, later) {
        if (later(args))
            return undefined;
        if (!Array.isArray(args) || args.length < 2)
            return (0,functions_spec/* expected */.p6)(this, args);
        if (!(0,functions_spec/* stringish */.Yr)(args[0], later))
            return { message: `list_join: the delimiter must be a string, got ${(0,functions_spec/* describe */.q0)(args[0])}`, at: [0] };
        const bad = args.findIndex((x, i) => i > 0 && !Array.isArray(x) && x !== null && !later(x));
        if (bad > 0)
            return { message: `list_join: item ${bad} must be a list to join, got ${(0,functions_spec/* describe */.q0)(args[bad])}`, at: [bad] };
        if (args.length > 2 && !(0,versions/* versionAtLeast */.zy)(version, '2015-10-15')) {
            return {
                code: 'function-not-in-version',
                message: `list_join of several lists needs heat_template_version 2015-10-15 or later; this template is ${version}`,
                at: [2],
            };
        }
        return undefined;
    },
    evaluate(args, ctx, site) {
        const list = args;
        warnNonText(list, ctx, site);
        const texts = [];
        // One level flattened, as flatMap would (loops: cold code allocates less).
        for (let i = 1; i < list.length; i++) {
            const items = list[i] ?? [];
            if (!Array.isArray(items))
                texts.push((0,functions_spec/* toText */.fE)(items));
            else
                for (let j = 0; j < items.length; j++)
                    texts.push((0,functions_spec/* toText */.fE)(items[j]));
        }
        return texts.join(list[0]);
    },
};
/**
 * Heat's list_join joins text, maps and lists only (JoinMultiple.ensure_string): a number or
 * boolean item fails the stack there. hotdock joins its text; the first such item is pointed at.
 */
function warnNonText(list, ctx, site) {
    if (!ctx.warn)
        return;
    for (let i = 1; i < list.length; i++) {
        const items = list[i];
        if (!Array.isArray(items))
            continue;
        const j = items.findIndex((x) => typeof x === 'number' || typeof x === 'boolean');
        if (j < 0)
            continue;
        ctx.warn(site, 'not-text-in-heat', `list_join: item ${(0,functions_spec/* describe */.q0)(items[j])} is not text; Heat refuses to join it ("Items to join must be string, map or list"), hotdock joins '${(0,functions_spec/* toText */.fE)(items[j])}'. Quote it to keep the template valid for Heat`, [i, j]);
        return;
    }
}
const DIGEST_ALGORITHMS = ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512'];
const digest = {
    name: 'digest',
    since: '2015-04-30',
    contexts: ['value'],
    usage: `[algorithm (${DIGEST_ALGORITHMS.join(', ')}), value]`,
    check(args, _v, later) {
        if (later(args))
            return undefined;
        if (!Array.isArray(args) || args.length !== 2)
            return (0,functions_spec/* expected */.p6)(this, args);
        if (!later(args[0]) && !(typeof args[0] === 'string' && DIGEST_ALGORITHMS.includes(args[0].toLowerCase()))) {
            return { message: `digest: unknown algorithm ${(0,functions_spec/* describe */.q0)(args[0])}; use one of ${DIGEST_ALGORITHMS.join(', ')}`, at: [0] };
        }
        if (!(0,functions_spec/* stringish */.Yr)(args[1], later) && typeof args[1] !== 'number')
            return { message: `digest: the value must be a string, got ${(0,functions_spec/* describe */.q0)(args[1])}`, at: [1] };
        return undefined;
    },
    evaluate(args, ctx, site) {
        const [alg, value] = args;
        // Heat's Digest.validate_usage: 'Argument to function "digest" must be a list of strings'.
        if (typeof value === 'number') {
            ctx.warn?.(site, 'not-text-in-heat', `digest: the value is the number ${value}; Heat refuses a value that is not text, hotdock hashes '${value}'. Quote it to keep the template valid for Heat`, [1]);
        }
        const text = (0,functions_spec/* toText */.fE)(value);
        // Heat hashes the Latin-1 bytes of the text (Digest.digest: six.b), not its UTF-8 bytes;
        // a character beyond Latin-1 fails there, so it is refused here too.
        const beyond = [...text].find((ch) => (ch.codePointAt(0) ?? 0) > 0xff);
        if (beyond !== undefined) {
            return ctx.fail(site, 'invalid-function-args', `digest: Heat hashes the text as Latin-1 bytes and cannot hash '${beyond}' (U+${(beyond.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}); hash text without it`, [1]);
        }
        return nodeCrypto().createHash(alg.toLowerCase()).update(text, 'latin1').digest('hex');
    },
};
const URL_PARTS = ['scheme', 'username', 'password', 'host', 'port', 'path', 'query', 'fragment'];
const makeUrl = {
    name: 'make_url',
    since: '2017-09-01',
    contexts: ['value'],
    usage: `a map of ${URL_PARTS.join(', ')}`,
    check(args, _v, later) {
        if (later(args))
            return undefined;
        if (!(0,functions_spec/* isMap */.jh)(args))
            return (0,functions_spec/* expected */.p6)(this, args);
        const extra = Object.keys(args).find((k) => !URL_PARTS.includes(k));
        if (extra)
            return { message: `make_url: '${extra}' is not a URL part; use ${URL_PARTS.join(', ')}`, at: [extra], atKey: true };
        const port = args.port;
        if (port !== undefined && port !== null && !later(port)) {
            const n = (0,functions_spec/* toInteger */.yJ)(port);
            if (n === undefined || n < 1 || n > 65535)
                return { message: `make_url: the port must be an integer from 1 to 65535, got ${(0,functions_spec/* describe */.q0)(port)}`, at: ['port'] };
        }
        if (typeof args.scheme === 'string' && args.scheme.includes(':'))
            return { message: "make_url: the scheme is written without ':' (e.g. 'https')", at: ['scheme'] };
        if (args.query !== undefined && args.query !== null && !(0,functions_spec/* isMap */.jh)(args.query) && !later(args.query)) {
            return { message: `make_url: 'query' must be a map of names to values, got ${(0,functions_spec/* describe */.q0)(args.query)}`, at: ['query'] };
        }
        return undefined;
    },
    evaluate(args) {
        return buildUrl(args);
    },
};
/** Python's urllib quote: everything but unreserved characters and `safe` is percent-encoded. */
function pyQuote(text, safe, plus = false) {
    let out = '';
    for (const ch of text) {
        if (/[A-Za-z0-9_.~-]/.test(ch) || safe.includes(ch))
            out += ch;
        else if (plus && ch === ' ')
            out += '+';
        else
            out += [...Buffer.from(ch, 'utf8')].map((b) => '%' + b.toString(16).toUpperCase().padStart(2, '0')).join('');
    }
    return out;
}
/** Heat's make_url (urlunsplit of quoted parts): IPv6 hosts get brackets, the query is form-encoded. */
function buildUrl(parts) {
    const text = (k) => (0,functions_spec/* toText */.fE)(parts[k]);
    let netloc = '';
    const user = pyQuote(text('username'), '');
    const password = pyQuote(text('password'), '');
    if (user !== '' || password !== '')
        netloc += user + (password !== '' ? ':' + password : '') + '@';
    let host = text('host');
    if (host.startsWith('[') && host.endsWith(']'))
        host = host.slice(1, -1);
    host = pyQuote(host, ':');
    netloc += host.includes(':') ? `[${host}]` : host;
    if (text('port') !== '')
        netloc += ':' + String((0,functions_spec/* toInteger */.yJ)(parts.port) ?? text('port'));
    let path = pyQuote(text('path'), '/');
    if (netloc !== '' && path !== '' && !path.startsWith('/'))
        path = '/' + path;
    const query = (0,functions_spec/* isMap */.jh)(parts.query)
        ? Object.entries(parts.query).map(([k, v]) => `${pyQuote(k, '', true)}=${pyQuote((0,functions_spec/* toText */.fE)(v), '', true)}`).join('&').replace(/%2F/g, '/')
        : '';
    const fragment = pyQuote(text('fragment'), '/');
    const scheme = text('scheme');
    return (scheme !== '' ? `${scheme}:` : '') + (netloc !== '' || scheme !== '' ? `//${netloc}` : '') + path +
        (query !== '' ? `?${query}` : '') + (fragment !== '' ? `#${fragment}` : '');
}
/** The string functions, in registry order. */
const STRING_FUNCTIONS = [
    replaceSpec('str_replace', '2013-05-23', 0),
    replaceSpec('str_replace_strict', '2017-02-24', 1),
    replaceSpec('str_replace_vstrict', '2017-09-01', 2),
    strSplit,
    listJoin,
    digest,
    makeUrl,
];

;// CONCATENATED MODULE: ./src/template/functions/registry.ts







/** Function name \u2192 spec. */
const FUNCTIONS = new Map([...reference_functions/* REFERENCE_FUNCTIONS */.Q, ...STRING_FUNCTIONS, ...COLLECTION_FUNCTIONS, ...CONDITION_FUNCTIONS, ...CFN_FUNCTIONS].map((s) => [s.name, s]));
/** The spec of a function name (whatever the version), else undefined. */
function functionSpec(name) {
    return FUNCTIONS.get(name);
}
/** True when `name` is a function of `version`. */
function isFunctionIn(name, version) {
    const spec = FUNCTIONS.get(name);
    return spec !== undefined && (0,versions/* versionAtLeast */.zy)(version, spec.since) && (spec.until === undefined || version <= spec.until);
}
/** True for a one-key map whose key is a HOT function name (of any version): a call. */
function isFunctionCall(v) {
    const key = (0,functions_spec/* soleKey */.ze)(v);
    return key !== undefined && FUNCTIONS.has(key);
}
/** Names people write for HOT functions, from CloudFormation and other tools. */
const ALIASES = {
    'join': 'list_join',
    'concat': 'list_concat',
    'split': 'str_split',
    'replace': 'str_replace',
    'merge': 'map_merge',
    'ref': ['get_resource', 'get_param'],
    'fn::join': 'list_join',
    'fn::split': 'str_split',
    'fn::sub': 'str_replace',
    'fn::getatt': 'get_attr',
    'fn::if': 'if',
    'fn::equals': 'equals',
    'fn::not': 'not',
    'fn::and': 'and',
    'fn::or': 'or',
    'fn::select': undefined,
    'fn::base64': undefined,
    'fn::findinmap': undefined,
    'fn::getazs': undefined,
    'fn::importvalue': undefined,
    'fn::transform': undefined,
    'fn::cidr': undefined,
    'fn::length': undefined,
    'fn::tojsonstring': undefined,
    'get_params': 'get_param',
    'getparam': 'get_param',
    'get_attribute': 'get_attr',
    'getattr': 'get_attr',
    'get_resources': 'get_resource',
    'getresource': 'get_resource',
    'resource_id': 'get_resource',
    'get_input': 'get_param',
};
function editDistance(a, b) {
    const row = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
        let prev = row[0];
        row[0] = i;
        for (let j = 1; j <= b.length; j++) {
            const tmp = row[j];
            row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
            prev = tmp;
        }
    }
    return row[b.length];
}
/** The closest of `candidates` to `word` within `max` edits, else undefined. */
function closest(word, candidates, max = 2) {
    let best;
    let bestDistance = max + 1;
    for (const c of candidates) {
        const d = editDistance(word.toLowerCase(), c.toLowerCase());
        if (d < bestDistance)
            [best, bestDistance] = [c, d];
    }
    return best;
}
/**
 * For a one-key map key that is not a function of `version`, the verdict "looks like a
 * function": `{suggestion}` (possibly without one), else undefined. Keys of ordinary data
 * (volume paths, link names, ports) must not trip it, so a key needs a strong hint: a known
 * alias, CloudFormation's `Fn::`/`Ref`, a HOT-like prefix, or a near miss of a snake_case name.
 */
function looksLikeFunction(key, version) {
    const lower = key.toLowerCase();
    const inVersion = () => [...FUNCTIONS.values()].filter((s) => isFunctionIn(s.name, version)).map((s) => s.name);
    if (Object.prototype.hasOwnProperty.call(ALIASES, lower)) {
        const available = inVersion();
        const names = [ALIASES[lower] ?? []].flat().filter((n) => available.includes(n));
        return { suggestion: names.length > 0 ? names.join("' or '") : undefined };
    }
    if (lower.startsWith('fn::'))
        return { suggestion: undefined };
    if (!/^[a-z][a-z0-9]*(_[a-z0-9]+)+$/i.test(key))
        return undefined;
    const available = inVersion();
    const near = closest(key, available.filter((n) => n.includes('_')), 2);
    if (near)
        return { suggestion: near };
    if (/^(get|str|list|map)_/i.test(key))
        return { suggestion: closest(key, available, 6) };
    return undefined;
}


/***/ }),

/***/ 577:
/***/ (function(__unused_webpack_module, __webpack_exports__, __nccwpck_require__) {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   $I: () => (/* binding */ isRuntimeNode),
/* harmony export */   Ec: () => (/* binding */ versionProblem),
/* harmony export */   Ht: () => (/* binding */ heatJson),
/* harmony export */   W5: () => (/* binding */ containsLater),
/* harmony export */   Xm: () => (/* binding */ containsInvalid),
/* harmony export */   Yr: () => (/* binding */ stringish),
/* harmony export */   bD: () => (/* binding */ deepEqual),
/* harmony export */   bO: () => (/* binding */ DEFER),
/* harmony export */   fE: () => (/* binding */ toText),
/* harmony export */   gD: () => (/* binding */ OMIT),
/* harmony export */   jh: () => (/* binding */ isMap),
/* harmony export */   jr: () => (/* binding */ RUNTIME_FUNCTIONS),
/* harmony export */   oQ: () => (/* binding */ firstReference),
/* harmony export */   p6: () => (/* binding */ expected),
/* harmony export */   q0: () => (/* binding */ describe),
/* harmony export */   uY: () => (/* binding */ INVALID),
/* harmony export */   yJ: () => (/* binding */ toInteger),
/* harmony export */   yk: () => (/* binding */ containsRuntime),
/* harmony export */   ze: () => (/* binding */ soleKey)
/* harmony export */ });
/* unused harmony export sinceFor */
/** Marks a value whose evaluation failed; a diagnostic was already recorded for it. */
const INVALID = Symbol('invalid');
/**
 * What `if` without a false value gives when its condition is false (2021-04-16): the
 * enclosing list item, map entry or property is left out, as if it were not written.
 */
const OMIT = Symbol('omit');
/**
 * What a spec's evaluate returns when it needs the value of a deploy-time reference: the call
 * is then kept, arguments evaluated, for evaluateRuntime to complete once containers exist.
 */
const DEFER = Symbol('defer');
/** The version a function needs in a context: `conditionSince` applies inside conditions. */
function sinceFor(spec, context) {
    return context === 'condition' && spec.conditionSince !== undefined ? spec.conditionSince : spec.since;
}
/**
 * Why a function may not be used in `version` (too new, or a CloudFormation function Heat
 * removed after `until`), else undefined.
 */
function versionProblem(spec, version, context) {
    const since = sinceFor(spec, context);
    if (version < since) {
        const where = since === spec.since ? '' : ' in a condition';
        return `'${spec.name}'${where} needs heat_template_version ${since} or later; this template is ${version}`;
    }
    if (spec.until !== undefined && version > spec.until) {
        return `'${spec.name}' is not supported in heat_template_version ${version}: Heat removed it after ${spec.until} and refuses the template; use the HOT function instead${CFN_REPLACEMENTS[spec.name] ? ` (${CFN_REPLACEMENTS[spec.name]})` : ''}`;
    }
    return undefined;
}
/** The HOT function that does what a CloudFormation one did. */
const CFN_REPLACEMENTS = {
    'Ref': 'get_param or get_resource',
    'Fn::Join': 'list_join',
    'Fn::Select': "get_param or get_attr with a path, or str_split's index",
    'Fn::Split': 'str_split',
    'Fn::Replace': 'str_replace',
    'Fn::Base64': 'the plain string: Heat never converted it',
    'Fn::ResourceFacade': 'resource_facade',
};
/** True for a plain mapping (not a list, not null). */
function isMap(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}
/** The only key of a one-key mapping, else undefined. */
function soleKey(v) {
    if (!isMap(v))
        return undefined;
    // Object.keys without the array: every mapping of the template comes through here.
    let only;
    for (const k in v) {
        if (!Object.prototype.hasOwnProperty.call(v, k))
            continue;
        if (only !== undefined)
            return undefined;
        only = k;
    }
    return only;
}
/** "a string", "a list of 2 items"...: what a value is, for messages. */
function describe(v) {
    if (v === null || v === undefined)
        return 'nothing (null)';
    if (Array.isArray(v))
        return `a list of ${v.length} item${v.length === 1 ? '' : 's'}`;
    if (isMap(v)) {
        const key = soleKey(v);
        return key ? `a map with the key '${key}'` : `a map with ${Object.keys(v).length} keys`;
    }
    if (typeof v === 'string')
        return `the string '${v.length > 40 ? v.slice(0, 40) + '\u2026' : v}'`;
    return `the ${typeof v} ${String(v)}`;
}
/** The standard "takes X, got Y" problem. */
function expected(spec, got, at) {
    return { message: `${spec.name} takes ${spec.usage}, got ${describe(got)}`, at };
}
/** A string, or something known later. */
function stringish(v, later) {
    return typeof v === 'string' || later(v);
}
/**
 * JSON as Heat writes it (Python's json.dumps with sort_keys): keys sorted, `", "` and
 * `": "` separators, so joined or substituted maps read the same as under Heat.
 */
function heatJson(v) {
    if (Array.isArray(v))
        return `[${v.map(heatJson).join(', ')}]`;
    if (isMap(v))
        return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}: ${heatJson(v[k])}`).join(', ')}}`;
    return JSON.stringify(v ?? null) ?? 'null';
}
/**
 * Heat coerces numbers and booleans where a string is needed (Python's str: a boolean is
 * `True`/`False`, as in Heat's str_replace); maps and lists become JSON.
 */
function toText(v) {
    if (v === null || v === undefined)
        return '';
    if (typeof v === 'string')
        return v;
    if (typeof v === 'boolean')
        return v ? 'True' : 'False';
    if (typeof v === 'number')
        return String(v);
    return heatJson(v);
}
/** Deep equality of plain data (what equals, contains, filter and list_concat_unique compare). */
function deepEqual(a, b) {
    if (a === b)
        return true;
    if (Array.isArray(a) && Array.isArray(b))
        return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
    if (isMap(a) && isMap(b)) {
        const ka = Object.keys(a);
        return ka.length === Object.keys(b).length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual(a[k], b[k]));
    }
    return false;
}
/** An integer given as a number or a numeric string (Heat's int coercion), else undefined. */
function toInteger(v) {
    if (typeof v === 'number' && Number.isInteger(v))
        return v;
    if (typeof v === 'string' && /^\s*-?\d+\s*$/.test(v))
        return Number(v);
    return undefined;
}
/** Function names whose call is only completed at deploy time. */
const RUNTIME_FUNCTIONS = ['get_resource', 'get_attr'];
/** True for a deploy-time reference node: `{get_resource: name}` or `{get_attr: [...]}`. */
function isRuntimeNode(v) {
    const key = soleKey(v);
    return key !== undefined && RUNTIME_FUNCTIONS.includes(key);
}
/**
 * True when a deploy-time reference appears anywhere inside `v`, including inside a call kept
 * for deploy time: such a value cannot be known before deploy.
 */
function containsRuntime(v) {
    if (isRuntimeNode(v))
        return true;
    if (Array.isArray(v))
        return v.some(containsRuntime);
    if (isMap(v))
        return Object.values(v).some(containsRuntime);
    return false;
}
/** True when `later` holds for `v` or for anything inside it. */
function containsLater(v, later) {
    if (later(v))
        return true;
    if (Array.isArray(v))
        return v.some((x) => containsLater(x, later));
    if (isMap(v))
        return Object.values(v).some((x) => containsLater(x, later));
    return false;
}
/** The first deploy-time reference inside `v`, for messages: "get_attr [db, network_ip]". */
function firstReference(v) {
    if (isRuntimeNode(v)) {
        const key = soleKey(v);
        const args = v[key];
        return `${key} ${Array.isArray(args) ? `[${args.map((a) => (typeof a === 'object' && a !== null ? heatJson(a) : String(a))).join(', ')}]` : String(args)}`;
    }
    const items = Array.isArray(v) ? v : isMap(v) ? Object.values(v) : [];
    for (const item of items) {
        const found = firstReference(item);
        if (found !== undefined)
            return found;
    }
    return undefined;
}
/** True when an INVALID marker appears anywhere inside `v`. */
function containsInvalid(v) {
    if (v === INVALID)
        return true;
    if (Array.isArray(v))
        return v.some(containsInvalid);
    if (isMap(v))
        return Object.values(v).some(containsInvalid);
    return false;
}


/***/ }),

/***/ 1191:
/***/ (function(__unused_webpack_module, __webpack_exports__, __nccwpck_require__) {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   w: () => (/* binding */ hiddenValueTexts)
/* harmony export */ });
/* harmony import */ var _functions_spec_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(577);
/** The text forms of a hidden parameter's value: what has to be masked wherever hotdock prints. */

/**
 * Every text form in which a hidden value, or a part of one, can reach a log or an output: a
 * string, the text of a number or boolean, a list's JSON and comma-joined text, a json value's
 * JSON text (compact, and as Heat writes it when a function turns it into text), and recursively
 * every element and every string or number leaf (list_join, get_param with a path or str_replace
 * take them apart). Keys of a json map are names, not values. Which of
 * these are masked where (short values only as whole values) is report/mask.ts's decision.
 */
function hiddenValueTexts(value) {
    const out = new Set();
    const add = (s) => {
        if (s !== '')
            out.add(s);
        // Heat keeps the blanks around a comma_delimited_list element (' b' of 'a, b'); a template may
        // trim them, or join the list again without them: the bare text is a secret as much.
        const bare = s.trim();
        if (bare !== '' && bare !== s)
            out.add(bare);
    };
    const visit = (v) => {
        if (v === undefined || v === null)
            return;
        if (typeof v === 'string')
            return add(v);
        if (typeof v === 'number' || typeof v === 'boolean')
            return add(String(v));
        if (Array.isArray(v)) {
            add(JSON.stringify(v));
            add((0,_functions_spec_js__WEBPACK_IMPORTED_MODULE_0__/* .heatJson */ .Ht)(v));
            if (v.every((x) => typeof x === 'string' || typeof x === 'number')) {
                add(v.join(','));
                add(v.map((x) => String(x).trim()).join(','));
            }
            v.forEach(visit);
            return;
        }
        if (typeof v === 'object') {
            add(JSON.stringify(v));
            add((0,_functions_spec_js__WEBPACK_IMPORTED_MODULE_0__/* .heatJson */ .Ht)(v));
            Object.values(v).forEach(visit);
        }
    };
    visit(value);
    return [...out];
}


/***/ }),

/***/ 8945:
/***/ (function(__unused_webpack_module, __webpack_exports__, __nccwpck_require__) {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   $J: () => (/* binding */ parseNumber),
/* harmony export */   am: () => (/* binding */ isParameterType),
/* harmony export */   vP: () => (/* binding */ coerceValue),
/* harmony export */   vp: () => (/* binding */ showValue),
/* harmony export */   yG: () => (/* binding */ parseBoolean)
/* harmony export */ });
/* unused harmony export PARAMETER_TYPES */
/** HOT parameter types and how a given value is turned into a value of that type (Heat's rules). */
/** Every parameter type, in the order the reference lists them. */
const PARAMETER_TYPES = ['string', 'number', 'comma_delimited_list', 'json', 'boolean'];
/** True for one of the five type names. */
function isParameterType(t) {
    return typeof t === 'string' && PARAMETER_TYPES.includes(t);
}
const TRUE_WORDS = new Set(['t', 'true', 'on', 'y', 'yes', '1']);
const FALSE_WORDS = new Set(['f', 'false', 'off', 'n', 'no', '0']);
/** Heat's boolean spellings (case-insensitive) and real booleans; undefined when neither. */
function parseBoolean(v) {
    if (typeof v === 'boolean')
        return v;
    if (typeof v === 'number')
        return v === 1 ? true : v === 0 ? false : undefined;
    if (typeof v !== 'string')
        return undefined;
    const w = v.trim().toLowerCase();
    if (TRUE_WORDS.has(w))
        return true;
    if (FALSE_WORDS.has(w))
        return false;
    return undefined;
}
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
/** A finite number from a number or a numeric string; undefined otherwise. */
function parseNumber(v) {
    if (typeof v === 'number')
        return Number.isFinite(v) ? v : undefined;
    // Decimal notation only, as Heat's int()/float() read it: JS's Number() would also take 0x10.
    if (typeof v !== 'string' || !DECIMAL.test(v.trim()))
        return undefined;
    const n = Number(v.trim());
    return Number.isFinite(n) ? n : undefined;
}
function isMapping(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}
/**
 * An item of a comma_delimited_list given as a list, as Heat's str() writes it: True/False,
 * None. A map or list item becomes JSON (Heat writes Python's repr; JSON is what every other
 * place of hotdock writes).
 */
function listItemText(item) {
    if (typeof item === 'string')
        return item;
    if (typeof item === 'boolean')
        return item ? 'True' : 'False';
    if (item === null || item === undefined)
        return 'None';
    if (typeof item === 'number')
        return String(item);
    return JSON.stringify(item);
}
/** Coerces `value` to `type`. `value` is never null/undefined here: absent values are handled by the caller. */
function coerceValue(type, value) {
    switch (type) {
        case 'number': {
            const n = parseNumber(value);
            return n === undefined ? { ok: false, reason: 'is not a number' } : { ok: true, value: n };
        }
        case 'string':
            if (typeof value === 'string')
                return { ok: true, value };
            // YAML turns `port: 8080` or `debug: yes` into a number/boolean; Heat takes them as text.
            if (typeof value === 'number' || typeof value === 'boolean')
                return { ok: true, value: String(value) };
            return { ok: false, reason: 'is not a string' };
        case 'boolean': {
            const b = parseBoolean(value);
            return b === undefined
                ? { ok: false, reason: 'is not a boolean (use true/false, yes/no, on/off, t/f, y/n or 1/0)' }
                : { ok: true, value: b };
        }
        case 'comma_delimited_list':
            // Heat (CommaDelimitedListParam.parse): a list's items become text (Python's str), a
            // string is split on commas as it is (no trimming), and '' is the empty list.
            if (Array.isArray(value))
                return { ok: true, value: value.map(listItemText) };
            if (typeof value === 'string')
                return { ok: true, value: value === '' ? [] : value.split(',') };
            return { ok: false, reason: 'is not a list or a comma-separated string' };
        case 'json':
            if (Array.isArray(value) || isMapping(value))
                return { ok: true, value };
            if (typeof value === 'string') {
                if (value.trim() === '')
                    return { ok: true, value: {} };
                try {
                    const parsed = JSON.parse(value);
                    if (Array.isArray(parsed) || isMapping(parsed))
                        return { ok: true, value: parsed };
                    return { ok: false, reason: 'is not a JSON map or list' };
                }
                catch {
                    // The parser's own message quotes the text: it would leak a hidden value.
                    return { ok: false, reason: 'is not valid JSON' };
                }
            }
            return { ok: false, reason: 'is not a JSON map or list' };
    }
}
/** The value as a user would write it, for messages (callers mask hidden values before this). */
function showValue(v) {
    if (typeof v === 'string')
        return `'${v}'`;
    try {
        return JSON.stringify(v) ?? String(v);
    }
    catch {
        return String(v);
    }
}


/***/ }),

/***/ 1778:
/***/ (function(__unused_webpack_module, __webpack_exports__, __nccwpck_require__) {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  v: () => (/* binding */ MASK),
  O: () => (/* binding */ resolveParameters)
});

// EXTERNAL MODULE: external "node:module"
var external_node_module_ = __nccwpck_require__(8995);
// EXTERNAL MODULE: ./src/template/diagnostic-factory.ts
var diagnostic_factory = __nccwpck_require__(7884);
// EXTERNAL MODULE: ./src/template/parameter-types.ts
var parameter_types = __nccwpck_require__(8945);
// EXTERNAL MODULE: ./src/template/types.ts
var types = __nccwpck_require__(5415);
;// CONCATENATED MODULE: ./src/template/constraints.ts



const KINDS = ['length', 'range', 'modulo', 'allowed_values', 'allowed_pattern', 'custom_constraint'];
/** Which types each kind applies to (custom_constraint is accepted on any type, then ignored). */
const KIND_TYPES = {
    length: ['string', 'comma_delimited_list', 'json'],
    range: ['number'],
    modulo: ['number'],
    allowed_values: ['string', 'number', 'boolean', 'comma_delimited_list'],
    allowed_pattern: ['string'],
};
function isMapping(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}
/** Python's modulo (sign of the divisor), which Heat's modulo constraint uses. */
function pyMod(a, b) {
    return a - b * Math.floor(a / b);
}
/** Compiles a HOT allowed_pattern (Python syntax) so that it must match the whole value. */
function compilePattern(pattern) {
    // Python spells named groups (?P<n>...) and back-references (?P=n); JS has (?<n>...) and \k<n>.
    const js = pattern.replace(/\(\?P</g, '(?<').replace(/\(\?P=(\w+)\)/g, '\\k<$1>');
    try {
        return new RegExp(`^(?:${js})$`);
    }
    catch (e) {
        // The engine's message quotes our anchored rewrite (/^(?:...)$/: ...); keep only the reason.
        const message = e.message;
        const cut = message.lastIndexOf('/: ');
        return cut >= 0 ? message.slice(cut + 3) : message.replace(/^Invalid regular expression: /, '');
    }
}
/** Number of characters, list items or JSON keys/items: what `length` measures. */
function measure(value) {
    if (typeof value === 'string')
        return Array.from(value).length;
    if (Array.isArray(value))
        return value.length;
    if (isMapping(value))
        return Object.keys(value).length;
    return undefined;
}
function bounds(min, max, unit) {
    const u = unit ? ` ${unit}` : '';
    if (min !== undefined && max !== undefined)
        return min === max ? `exactly ${min}${u}` : `between ${min} and ${max}${u}`;
    if (min !== undefined)
        return `at least ${min}${u}`;
    return `at most ${max}${u}`;
}
const LENGTH_UNITS = {
    string: 'characters long',
    comma_delimited_list: 'items long',
    json: 'entries long',
};
/** Allowed values in the form the type compares them, or undefined for one that cannot be of the type. */
function allowedOfType(type, v) {
    if (type === 'number')
        return (0,parameter_types/* parseNumber */.$J)(v);
    if (type === 'boolean')
        return (0,parameter_types/* parseBoolean */.yG)(v);
    return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
}
/** Builds one kind of one constraint item, reporting a definition problem instead when there is one. */
function build(ctx, kind, body, at) {
    // Shapes a JSON Schema can check (not a mapping, missing step, a min that is not a number...)
    // are reported by the schema: such a constraint is skipped here without a second message.
    const bad = (message, ptr = at) => {
        ctx.out.push((0,diagnostic_factory/* diagnosticAt */.R)(ctx.tpl, ptr, 'invalid-constraint', `the ${kind} constraint of parameter '${ctx.name}' ${message}`));
        return undefined;
    };
    switch (kind) {
        case 'length':
        case 'range': {
            if (!isMapping(body))
                return undefined;
            if (!('min' in body) && !('max' in body))
                return bad('needs min or max');
            const min = body.min === undefined ? undefined : (0,parameter_types/* parseNumber */.$J)(body.min);
            const max = body.max === undefined ? undefined : (0,parameter_types/* parseNumber */.$J)(body.max);
            if ((body.min !== undefined && min === undefined) || (body.max !== undefined && max === undefined))
                return undefined;
            if (min !== undefined && max !== undefined && min > max)
                return bad(`has min ${min} greater than max ${max}`);
            if (kind === 'range') {
                return {
                    kind,
                    requirement: `must be ${bounds(min, max, '')}`,
                    test: (v) => typeof v === 'number' && (min === undefined || v >= min) && (max === undefined || v <= max),
                };
            }
            return {
                kind,
                requirement: `must be ${bounds(min, max, LENGTH_UNITS[ctx.type] ?? '')}`,
                test: (v) => {
                    const n = measure(v);
                    return n !== undefined && (min === undefined || n >= min) && (max === undefined || n <= max);
                },
            };
        }
        case 'modulo': {
            if (!isMapping(body))
                return undefined;
            const step = (0,parameter_types/* parseNumber */.$J)(body.step);
            const offset = (0,parameter_types/* parseNumber */.$J)(body.offset);
            if (step === undefined || offset === undefined)
                return undefined;
            if (step === 0)
                return bad('has step 0', (0,types/* childPointer */.Y2)(at, 'step'));
            if (Math.abs(offset) >= Math.abs(step))
                return bad(`has offset ${offset} not smaller than step ${step}`);
            if (offset !== 0 && Math.sign(offset) !== Math.sign(step))
                return bad('has step and offset of different signs');
            return {
                kind,
                requirement: `must leave ${offset} when divided by ${step}`,
                test: (v) => typeof v === 'number' && pyMod(v, step) === offset,
            };
        }
        case 'allowed_values': {
            if (!Array.isArray(body))
                return undefined;
            if (body.length === 0)
                return bad('lists no value: nothing could ever pass');
            const allowed = [];
            for (let i = 0; i < body.length; i++) {
                const a = allowedOfType(ctx.type, body[i]);
                if (a === undefined)
                    return bad(`lists ${(0,parameter_types/* showValue */.vp)(body[i])}, which is not a ${ctx.type === 'comma_delimited_list' ? 'string' : ctx.type}`, (0,types/* childPointer */.Y2)(at, i));
                allowed.push(a);
            }
            const has = (v) => allowed.includes(v);
            return {
                kind,
                requirement: `must be one of ${allowed.map(parameter_types/* showValue */.vp).join(', ')}`,
                test: (v) => (ctx.type === 'comma_delimited_list' ? Array.isArray(v) && v.every((item) => has(String(item))) : has(v)),
            };
        }
        case 'allowed_pattern': {
            if (typeof body !== 'string')
                return undefined;
            const re = compilePattern(body);
            if (typeof re === 'string')
                return bad(`is not a valid regular expression: ${re}`);
            return { kind, requirement: `must match the pattern '${body}'`, test: (v) => typeof v === 'string' && re.test(v) };
        }
    }
}
/**
 * Reads `constraints` of parameter `name` (definition `def`, already-known `type`). Returns the
 * usable constraints; problems in their definitions go to the diagnostics and drop that constraint.
 * Anything of the wrong shape is left to the schema and skipped.
 */
function parseConstraints(tpl, name, def, type) {
    const ctx = { tpl, name, type, out: [] };
    const constraints = [];
    if (!Array.isArray(def.constraints))
        return { constraints, diagnostics: ctx.out };
    def.constraints.forEach((item, i) => {
        if (!isMapping(item))
            return;
        const base = (0,types/* pointer */.Wn)('parameters', name, 'constraints', i);
        const description = typeof item.description === 'string' ? item.description : undefined;
        for (const kind of KINDS) {
            if (!(kind in item))
                continue;
            const at = (0,types/* childPointer */.Y2)(base, kind);
            if (kind === 'custom_constraint') {
                ctx.out.push((0,diagnostic_factory/* diagnosticAt */.R)(tpl, at, 'unsupported-constraint', `the custom_constraint ${(0,parameter_types/* showValue */.vp)(item[kind])} of parameter '${name}' is an OpenStack service check; hotdock does not check it`, 'warning', 'key'));
                continue;
            }
            if (!KIND_TYPES[kind].includes(type)) {
                ctx.out.push((0,diagnostic_factory/* diagnosticAt */.R)(tpl, at, 'constraint-not-for-type', `the ${kind} constraint does not apply to parameter '${name}' of type ${type}; it applies to ${KIND_TYPES[kind].join(', ')}`, 'error', 'key'));
                continue;
            }
            const built = build(ctx, kind, item[kind], at);
            if (built)
                constraints.push({ ...built, pointer: base, description });
        }
    });
    return { constraints, diagnostics: ctx.out };
}

// EXTERNAL MODULE: ./src/template/hidden-values.ts
var hidden_values = __nccwpck_require__(1191);
;// CONCATENATED MODULE: ./src/template/parameters.ts
/**
 * Parameter resolution: checks parameter definitions (defaults, constraints, groups), then
 * computes every parameter's value from defaults, environment files and the supplied input.
 */






/** What hidden values are shown as. */
const MASK = '******';
function parameters_isMapping(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function present(v) {
    // A YAML key with nothing after it (`image:`) means "no value", as in Heat.
    return v !== undefined && v !== null;
}
function originText(o) {
    if (o.kind === 'supplied')
        return o.source;
    if (o.kind === 'env')
        return `environment file '${o.env.file}' (${o.section})`;
    return 'its default';
}
/** A UUID-shaped id derived from the stack name: stable across runs, so config hashes are too. */
function derivedStackId(stackName) {
    // node:crypto only now: see lazyValue.
    const { createHash } = (0,external_node_module_.createRequire)(__hotdockImportMetaUrl)('node:crypto');
    const h = createHash('sha256').update(`hotdock-stack:${stackName}`).digest('hex');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
/**
 * `obj[key]` computed on first read, then kept; writing it replaces it. The derived stack id is a
 * hash, and hashing loads node:crypto (and node's stream stack with it): a cost every validate
 * paid, for a value only templates that ask for OS::stack_id read. Copies of the values must
 * keep the accessor (Object.getOwnPropertyDescriptors), not spread it.
 */
function lazyValue(obj, key, compute) {
    let done = false;
    let value;
    Object.defineProperty(obj, key, {
        enumerable: true,
        configurable: true,
        get() {
            if (!done) {
                value = compute();
                done = true;
            }
            return value;
        },
        set(v) {
            Object.defineProperty(this, key, { value: v, enumerable: true, configurable: true, writable: true });
        },
    });
}
/**
 * Checks `parameter_groups` as Heat does (heat/engine/parameter_groups.py validate): every group
 * lists its parameters, each names a defined parameter, and no parameter is in two groups.
 */
function checkGroups(tpl, doc, defs) {
    const out = [];
    if (!Array.isArray(doc.parameter_groups))
        return out;
    const groupOf = new Map();
    doc.parameter_groups.forEach((group, i) => {
        if (!parameters_isMapping(group))
            return;
        const label = typeof group.label === 'string' ? ` '${group.label}'` : '';
        if (!('parameters' in group) || group.parameters === null) {
            out.push((0,diagnostic_factory/* diagnosticAt */.R)(tpl, (0,types/* pointer */.Wn)('parameter_groups', i), 'group-without-parameters', `parameter group${label} has no 'parameters' list; Heat requires one in every group`));
            return;
        }
        if (!Array.isArray(group.parameters))
            return;
        group.parameters.forEach((ref, j) => {
            if (typeof ref !== 'string')
                return;
            const at = (0,types/* pointer */.Wn)('parameter_groups', i, 'parameters', j);
            if (!Object.prototype.hasOwnProperty.call(defs, ref)) {
                out.push((0,diagnostic_factory/* diagnosticAt */.R)(tpl, at, 'unknown-parameter', `parameter group${label} lists parameter '${ref}', which the template does not define`));
            }
            const earlier = groupOf.get(ref);
            if (earlier !== undefined) {
                out.push((0,diagnostic_factory/* diagnosticAt */.R)(tpl, at, 'parameter-in-two-groups', `parameter '${ref}' is already in parameter group ${earlier}; Heat requires each parameter to be in one group only`));
            }
            else {
                groupOf.set(ref, label === '' ? `#${i + 1}` : label.trim());
            }
        });
    });
    return out;
}
/**
 * Resolves every parameter of the template. Precedence (lowest first): the definition's default,
 * environment files' parameter_defaults, environment files' parameters (later files win), then
 * `supplied`. Never throws: definitions it cannot interpret are skipped (the schema reports them).
 */
function resolveParameters(tpl, _version, supplied, environments, pseudo) {
    const diagnostics = [];
    const values = {};
    const hidden = [];
    const secrets = new Set();
    const doc = parameters_isMapping(tpl.doc) ? tpl.doc : {};
    const defs = parameters_isMapping(doc.parameters) ? doc.parameters : {};
    const given = parameters_isMapping(supplied.values) ? supplied.values : {};
    diagnostics.push(...checkGroups(tpl, doc, defs));
    // Later layers overwrite earlier ones, so one pass in precedence order leaves the winner.
    const layered = new Map();
    for (const section of ['parameter_defaults', 'parameters']) {
        for (const env of environments) {
            const vals = section === 'parameters' ? env.parameters : env.parameterDefaults;
            if (!parameters_isMapping(vals))
                continue;
            for (const [k, v] of Object.entries(vals))
                if (present(v))
                    layered.set(k, { value: v, origin: { kind: 'env', env, section } });
        }
    }
    for (const [k, v] of Object.entries(given))
        if (present(v))
            layered.set(k, { value: v, origin: { kind: 'supplied', source: supplied.source } });
    for (const [name, def] of Object.entries(defs)) {
        if (!parameters_isMapping(def))
            continue;
        const isHidden = (0,parameter_types/* parseBoolean */.yG)(def.hidden) === true;
        if (isHidden)
            hidden.push(name);
        const show = (v) => (isHidden ? MASK : (0,parameter_types/* showValue */.vp)(v));
        const defPtr = (0,types/* pointer */.Wn)('parameters', name);
        const chosen = layered.get(name);
        // The value as given too: it is secret even when it fails to coerce, and its text may differ.
        if (isHidden && chosen)
            (0,hidden_values/* hiddenValueTexts */.w)(chosen.value).forEach((t) => secrets.add(t));
        const type = def.type;
        if (!(0,parameter_types/* isParameterType */.am)(type)) {
            // Unknown type: reported by the schema. Keep the raw value so later stages don't cascade.
            const raw = chosen ? chosen.value : def.default;
            if (present(raw))
                values[name] = raw;
            continue;
        }
        const parsed = parseConstraints(tpl, name, def, type);
        diagnostics.push(...parsed.diagnostics);
        let defaultValue;
        if (present(def.default)) {
            const c = (0,parameter_types/* coerceValue */.vP)(type, def.default);
            const at = (0,types/* pointer */.Wn)('parameters', name, 'default');
            if (!c.ok) {
                diagnostics.push((0,diagnostic_factory/* diagnosticAt */.R)(tpl, at, 'invalid-default', `the default ${show(def.default)} of parameter '${name}' ${c.reason}`));
            }
            else {
                defaultValue = c.value;
                for (const con of parsed.constraints.filter((k) => !k.test(c.value))) {
                    diagnostics.push((0,diagnostic_factory/* diagnosticAt */.R)(tpl, at, 'default-violates-constraint', `the default ${show(def.default)} of parameter '${name}' breaks its ${describe(con)}`));
                }
            }
        }
        if (!chosen) {
            if (defaultValue !== undefined)
                values[name] = defaultValue;
            else if (!present(def.default)) {
                diagnostics.push((0,diagnostic_factory/* diagnosticAt */.R)(tpl, defPtr, 'missing-parameter-value', `parameter '${name}' has no default and no value was given: pass it in ${supplied.source} or an environment file`, 'error', 'key'));
            }
            continue;
        }
        const where = locateValue(tpl, chosen.origin, name);
        const c = (0,parameter_types/* coerceValue */.vP)(type, chosen.value);
        if (!c.ok) {
            diagnostics.push((0,diagnostic_factory/* diagnosticAt */.R)(where.tpl, where.ptr, 'invalid-parameter-value', `the value ${show(chosen.value)} given for parameter '${name}' in ${originText(chosen.origin)} ${c.reason}`, 'error', where.at));
            continue;
        }
        values[name] = c.value;
        for (const con of parsed.constraints.filter((k) => !k.test(c.value))) {
            const loc = chosen.origin.kind === 'env' ? where : { tpl: tpl, ptr: con.pointer, at: 'value' };
            diagnostics.push((0,diagnostic_factory/* diagnosticAt */.R)(loc.tpl, loc.ptr, 'parameter-constraint-violated', `the value ${show(chosen.value)} given for parameter '${name}' in ${originText(chosen.origin)} breaks its ${describe(con)}`, 'error', loc.at));
        }
    }
    diagnostics.push(...unknownValues(tpl, defs, given, supplied.source, environments));
    for (const name of hidden)
        (0,hidden_values/* hiddenValueTexts */.w)(values[name]).forEach((t) => secrets.add(t));
    values['OS::stack_name'] = pseudo.stackName;
    if (pseudo.stackId !== undefined)
        values['OS::stack_id'] = pseudo.stackId;
    else
        lazyValue(values, 'OS::stack_id', () => derivedStackId(pseudo.stackName));
    values['OS::project_id'] = pseudo.projectId ?? '';
    return { values, hidden, secrets: [...secrets], diagnostics };
}
/** "range constraint: <description>" or "range constraint: it must be \u2026". */
function describe(con) {
    return `${con.kind} constraint: ${con.description ?? `it ${con.requirement}`}`;
}
/** Where a problem with a given value is reported: in its environment file, else at the definition. */
function locateValue(tpl, origin, name) {
    if (origin.kind === 'env') {
        return { tpl: { file: origin.env.file, positions: origin.env.positions }, ptr: (0,types/* pointer */.Wn)(origin.section, name), at: 'value' };
    }
    return { tpl, ptr: (0,types/* pointer */.Wn)('parameters', name), at: 'key' };
}
const PSEUDO = new Set(['OS::stack_name', 'OS::stack_id', 'OS::project_id']);
/** Values for parameters the template does not define. Heat refuses them; hotdock only warns. */
function unknownValues(tpl, defs, given, source, environments) {
    const out = [];
    const why = (name) => PSEUDO.has(name)
        ? `'${name}' is a pseudo parameter set by hotdock; the value given is ignored`
        : `the template defines no parameter '${name}'; the value is ignored (Heat would refuse the stack)`;
    for (const name of Object.keys(given)) {
        if (Object.prototype.hasOwnProperty.call(defs, name))
            continue;
        out.push((0,diagnostic_factory/* diagnosticAt */.R)(tpl, (0,types/* pointer */.Wn)('parameters'), 'unknown-parameter-value', `${source} gives a value for parameter '${name}', but ${why(name)}`, 'warning', 'key'));
    }
    // parameter_defaults may target nested stacks in Heat, so only `parameters` entries are checked.
    for (const env of environments) {
        if (!parameters_isMapping(env.parameters))
            continue;
        for (const name of Object.keys(env.parameters)) {
            if (Object.prototype.hasOwnProperty.call(defs, name))
                continue;
            out.push((0,diagnostic_factory/* diagnosticAt */.R)({ file: env.file, positions: env.positions }, (0,types/* pointer */.Wn)('parameters', name), 'unknown-parameter-value', `environment file '${env.file}' gives a value for parameter '${name}', but ${why(name)}`, 'warning', 'key'));
        }
    }
    return out;
}


/***/ }),

/***/ 4398:
/***/ (function(__unused_webpack_module, __webpack_exports__, __nccwpck_require__) {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   $x: () => (/* binding */ checkReferences),
/* harmony export */   OJ: () => (/* binding */ dependencyEdges),
/* harmony export */   V3: () => (/* binding */ resourceEntries),
/* harmony export */   rc: () => (/* binding */ dependsOnEntries)
/* harmony export */ });
/* unused harmony export literalReferences */
/* harmony import */ var _diagnostic_factory_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(7884);
/* harmony import */ var _functions_check_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(9136);
/* harmony import */ var _functions_spec_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(577);
/* harmony import */ var _types_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(5415);




/** Entries by loaded document: every stage asks, and a document is never changed. */
const entriesByDoc = new WeakMap();
/** The resources section's entries, in template order (non-map definitions skipped: the schema reports them). */
function resourceEntries(doc) {
    if (!(0,_functions_spec_js__WEBPACK_IMPORTED_MODULE_1__/* .isMap */ .jh)(doc) || !(0,_functions_spec_js__WEBPACK_IMPORTED_MODULE_1__/* .isMap */ .jh)(doc.resources))
        return [];
    let entries = entriesByDoc.get(doc);
    if (entries === undefined) {
        const found = [];
        for (const name of Object.keys(doc.resources)) {
            const def = doc.resources[name];
            if ((0,_functions_spec_js__WEBPACK_IMPORTED_MODULE_1__/* .isMap */ .jh)(def))
                found.push([name, def]);
        }
        entriesByDoc.set(doc, (entries = found));
    }
    return entries;
}
/** Names and pointers of depends_on: a name or a list of names. */
function dependsOnEntries(def, resourcePtr) {
    const value = def.depends_on;
    const ptr = (0,_types_js__WEBPACK_IMPORTED_MODULE_2__/* .childPointer */ .Y2)(resourcePtr, 'depends_on');
    if (typeof value === 'string')
        return [{ name: value, ptr }];
    if (!Array.isArray(value))
        return [];
    return value.flatMap((v, i) => (typeof v === 'string' ? [{ name: v, ptr: (0,_types_js__WEBPACK_IMPORTED_MODULE_2__/* .childPointer */ .Y2)(ptr, i) }] : []));
}
/** get_resource / get_attr calls naming a resource literally, anywhere below `node`. */
function literalReferences(node, ptr, depth = 0) {
    const out = [];
    collectReferences(node, ptr, [], depth, out);
    return out;
}
/** `base` followed by the segments of `path` and then `tail`. */
function pointerAt(base, path, ...tail) {
    return (0,_types_js__WEBPACK_IMPORTED_MODULE_2__/* .childPointer */ .Y2)((0,_types_js__WEBPACK_IMPORTED_MODULE_2__/* .childPointer */ .Y2)(base, ...path), ...tail);
}
/**
 * literalReferences into `out`, in template order (one list for the whole walk). The way down
 * is kept as segments in `path` and turned into a pointer only for a reference found.
 */
function collectReferences(node, base, path, depth, out) {
    if (depth > 200)
        return;
    if (Array.isArray(node)) {
        for (let i = 0; i < node.length; i++) {
            // Scalars hold no reference: no step down for them.
            if (typeof node[i] !== 'object' || node[i] === null)
                continue;
            path.push(i);
            collectReferences(node[i], base, path, depth + 1, out);
            path.pop();
        }
        return;
    }
    if (!(0,_functions_spec_js__WEBPACK_IMPORTED_MODULE_1__/* .isMap */ .jh)(node))
        return;
    const key = (0,_functions_spec_js__WEBPACK_IMPORTED_MODULE_1__/* .soleKey */ .ze)(node);
    // Ref (2013-05-23) naming a resource is a get_resource; edges to other names (parameters) are dropped by their users.
    if ((key === 'get_resource' || key === 'Ref') && typeof node[key] === 'string') {
        out.push({ name: node[key], ptr: pointerAt(base, path, key) });
        return;
    }
    if (key === 'get_attr' && Array.isArray(node[key])) {
        const args = node[key];
        if (typeof args[0] === 'string')
            out.push({ name: args[0], ptr: pointerAt(base, path, key, 0) });
        path.push(key);
        for (let i = 1; i < args.length; i++) {
            path.push(i);
            collectReferences(args[i], base, path, depth + 1, out);
            path.pop();
        }
        path.pop();
        return;
    }
    for (const k in node) {
        if (!Object.prototype.hasOwnProperty.call(node, k))
            continue;
        if (typeof node[k] !== 'object' || node[k] === null)
            continue;
        path.push(k);
        collectReferences(node[k], base, path, depth + 1, out);
        path.pop();
    }
}
/** Edges by loaded document: the checks and the resolver both ask, and a document is never changed. */
const edgesByDoc = new WeakMap();
/** Every literal dependency edge of the template, in template order (edges to unknown names included). */
function dependencyEdges(doc) {
    if (typeof doc !== 'object' || doc === null)
        return collectEdges(doc);
    let edges = edgesByDoc.get(doc);
    if (edges === undefined)
        edgesByDoc.set(doc, (edges = collectEdges(doc)));
    return [...edges];
}
function collectEdges(doc) {
    const edges = [];
    const entries = resourceEntries(doc);
    for (let i = 0; i < entries.length; i++) {
        const name = entries[i][0];
        const def = entries[i][1];
        const rp = (0,_types_js__WEBPACK_IMPORTED_MODULE_2__/* .pointer */ .Wn)('resources', name);
        const deps = dependsOnEntries(def, rp);
        for (let j = 0; j < deps.length; j++)
            edges.push({ from: name, to: deps[j].name, ptr: deps[j].ptr });
        const refs = literalReferences(def.properties, (0,_types_js__WEBPACK_IMPORTED_MODULE_2__/* .childPointer */ .Y2)(rp, 'properties'));
        for (let j = 0; j < refs.length; j++)
            edges.push({ from: name, to: refs[j].name, ptr: refs[j].ptr });
    }
    return edges;
}
/**
 * Resource names with '/', depends_on naming no resource, and resources that depend on
 * themselves. (get_resource/get_attr naming no resource are reported by the function checks.)
 */
function checkReferences(tpl) {
    const out = [];
    const entries = resourceEntries(tpl.doc);
    const names = new Set((0,_functions_spec_js__WEBPACK_IMPORTED_MODULE_1__/* .isMap */ .jh)(tpl.doc) && (0,_functions_spec_js__WEBPACK_IMPORTED_MODULE_1__/* .isMap */ .jh)(tpl.doc.resources) ? Object.keys(tpl.doc.resources) : []);
    for (const name of names) {
        if (name.includes('/')) {
            out.push((0,_diagnostic_factory_js__WEBPACK_IMPORTED_MODULE_3__/* .diagnosticAt */ .R)(tpl, (0,_types_js__WEBPACK_IMPORTED_MODULE_2__/* .pointer */ .Wn)('resources', name), 'invalid-resource-name', `resource name '${name}' must not contain '/'`, 'error', 'key'));
        }
    }
    for (let i = 0; i < entries.length; i++) {
        const name = entries[i][0];
        const def = entries[i][1];
        if (def.depends_on === undefined)
            continue;
        for (const d of dependsOnEntries(def, (0,_types_js__WEBPACK_IMPORTED_MODULE_2__/* .pointer */ .Wn)('resources', name))) {
            if (!names.has(d.name)) {
                out.push((0,_diagnostic_factory_js__WEBPACK_IMPORTED_MODULE_3__/* .diagnosticAt */ .R)(tpl, d.ptr, 'unknown-resource', `resource '${name}' depends on '${d.name}', which is not a resource of this template${(0,_functions_check_js__WEBPACK_IMPORTED_MODULE_0__/* .didYouMean */ .au)(d.name, names)}`));
            }
        }
    }
    const edges = dependencyEdges(tpl.doc);
    for (let i = 0; i < edges.length; i++) {
        const e = edges[i];
        if (e.from === e.to)
            out.push((0,_diagnostic_factory_js__WEBPACK_IMPORTED_MODULE_3__/* .diagnosticAt */ .R)(tpl, e.ptr, 'self-dependency', `resource '${e.from}' depends on itself`));
    }
    return out;
}


/***/ }),

/***/ 1115:
/***/ (function(__unused_webpack_module, __webpack_exports__, __nccwpck_require__) {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  SP: () => (/* binding */ checkTemplateSemantics),
  O1: () => (/* reexport */ evaluateRuntime),
  b9: () => (/* binding */ resolveStack)
});

// UNUSED EXPORTS: PSEUDO_PARAMETERS, STATIC_PROPERTIES

// EXTERNAL MODULE: ./src/diagnostics.ts
var diagnostics = __nccwpck_require__(4851);
// EXTERNAL MODULE: ./src/template/diagnostic-factory.ts
var diagnostic_factory = __nccwpck_require__(7884);
// EXTERNAL MODULE: ./src/template/functions/check.ts
var check = __nccwpck_require__(9136);
// EXTERNAL MODULE: ./src/template/types.ts
var types = __nccwpck_require__(5415);
// EXTERNAL MODULE: ./src/template/functions/get-file.ts
var get_file = __nccwpck_require__(9819);
// EXTERNAL MODULE: ./src/template/functions/registry.ts + 4 modules
var registry = __nccwpck_require__(8062);
// EXTERNAL MODULE: ./src/template/functions/spec.ts
var functions_spec = __nccwpck_require__(577);
;// CONCATENATED MODULE: ./src/template/functions/evaluate.ts





const MAX_DEPTH = 200;
/**
 * Evaluates a value; the result may contain INVALID where an error was reported. It is OMIT
 * only for a lone `if` without a false value (list items and map entries that are OMIT are
 * left out here).
 */
function evaluateValue(node, ptr, scope, context = 'value', depth = 0) {
    if (depth > MAX_DEPTH)
        return node;
    if (Array.isArray(node)) {
        const items = [];
        for (let i = 0; i < node.length; i++) {
            const item = node[i];
            // A scalar is its own value: no pointer, no call.
            if ((typeof item !== 'object' || item === null) && item !== functions_spec/* OMIT */.gD) {
                items.push(item);
                continue;
            }
            const value = evaluateValue(item, (0,types/* childPointer */.Y2)(ptr, i), scope, context, depth + 1);
            if (value !== functions_spec/* OMIT */.gD)
                items.push(value);
        }
        return items;
    }
    if (!(0,functions_spec/* isMap */.jh)(node))
        return node;
    if ((0,registry/* isFunctionCall */.Ny)(node))
        return evaluateCall(node, ptr, scope, context, depth);
    const out = {};
    const keys = Object.keys(node);
    for (let i = 0; i < keys.length; i++) {
        const k = keys[i];
        const item = node[k];
        if ((typeof item !== 'object' || item === null) && item !== functions_spec/* OMIT */.gD) {
            out[k] = item;
            continue;
        }
        const value = evaluateValue(item, (0,types/* childPointer */.Y2)(ptr, k), scope, context, depth + 1);
        if (value !== functions_spec/* OMIT */.gD)
            out[k] = value;
    }
    return out;
}
/** Evaluates a condition to true or false (INVALID after an error). */
function evaluateCondition(node, ptr, scope, depth = 0) {
    if (typeof node === 'boolean')
        return node;
    if (typeof node === 'string')
        return scope.condition(node, ptr);
    if (depth <= MAX_DEPTH && (0,registry/* isFunctionCall */.Ny)(node)) {
        const value = evaluateCall(node, ptr, scope, 'condition', depth);
        if (value === functions_spec/* INVALID */.uY || typeof value === 'boolean')
            return value;
        scope.out.push((0,diagnostic_factory/* diagnosticAt */.R)(scope.tpl, ptr, 'invalid-condition', `this condition evaluates to ${(0,functions_spec/* describe */.q0)(value)}, not to true or false`));
        return functions_spec/* INVALID */.uY;
    }
    scope.out.push((0,diagnostic_factory/* diagnosticAt */.R)(scope.tpl, ptr, 'invalid-condition', 'a condition must be true, false, the name of a condition, or a call to equals, not, and, or, contains or get_param'));
    return functions_spec/* INVALID */.uY;
}
/** Contexts by scope: their closures only read the scope, so one serves every call. */
const contexts = new WeakMap();
function contextFor(scope) {
    let ctx = contexts.get(scope);
    if (ctx === undefined)
        contexts.set(scope, (ctx = newContext(scope)));
    return ctx;
}
function newContext(scope) {
    const fail = (site, code, message, at, atKey = false) => {
        scope.out.push(at
            ? (0,diagnostic_factory/* diagnosticAt */.R)(scope.tpl, (0,types/* childPointer */.Y2)(site.argsPtr, ...at), code, message, 'error', atKey ? 'key' : 'value')
            : (0,diagnostic_factory/* diagnosticAt */.R)(scope.tpl, site.argsPtr, code, message, 'error', 'key'));
        return functions_spec/* INVALID */.uY;
    };
    const warn = (site, code, message, at) => {
        scope.out.push((0,diagnostic_factory/* diagnosticAt */.R)(scope.tpl, at ? (0,types/* childPointer */.Y2)(site.argsPtr, ...at) : site.argsPtr, code, message, 'warning', at ? 'value' : 'key'));
    };
    return {
        version: scope.version,
        fail,
        warn,
        param(name, site) {
            if (Object.prototype.hasOwnProperty.call(scope.params, name))
                return scope.params[name];
            return fail(site, 'unknown-parameter', `get_param: parameter '${name}' has no value`, site.name === 'get_param' ? [] : undefined);
        },
        hasResource: (name) => scope.resourceState(name) !== 'unknown',
        staticResource: (name) => scope.staticResource?.(name),
        resource(name, site) {
            const state = scope.resourceState(name);
            if (state === 'enabled')
                return true;
            if (state === 'unknown')
                fail(site, 'unknown-resource', `${site.name}: there is no resource '${name}'`);
            else
                fail(site, 'resource-condition-false', `${site.name}: resource '${name}' is not created because its condition is false; give this value the same condition (or wrap it in 'if')`);
            return false;
        },
        file(path, site) {
            const read = (0,get_file/* readTemplateFile */.P)(path, scope.files.baseDir, scope.files);
            return read.ok ? read.content : fail(site, read.code, read.message, []);
        },
        later: isDeferred,
        group: (name) => scope.group?.(name),
    };
}
/**
 * True for a value known only at deploy time: a reference node, or a call kept because its
 * arguments hold one (a reference node is itself such a call).
 */
function isDeferred(v) {
    return (0,registry/* isFunctionCall */.Ny)(v) && (0,functions_spec/* containsRuntime */.yk)(v);
}
/**
 * The second half of a call, once its arguments are evaluated: checks them, then evaluates,
 * keeps the call for deploy time, or refuses it (staticOnly). Shared with deploy-time
 * evaluation, whose context never sees a deferred value, so the same rules apply there.
 */
function applyFunction(spec, args, ctx, site) {
    const problem = spec.check(args, ctx.version, ctx.later);
    if (problem)
        return ctx.fail(site, problem.code ?? 'invalid-function-args', problem.message, problem.at, problem.atKey);
    const deferred = (0,functions_spec/* containsLater */.W5)(args, ctx.later);
    if (deferred && spec.staticOnly !== undefined) {
        return ctx.fail(site, 'value-unknown-before-deploy', `${site.name} needs the value of ${(0,functions_spec/* firstReference */.oQ)(args) ?? 'a deploy-time value'}, which is only known once that resource is deployed; ${spec.staticOnly}`);
    }
    if (deferred && !spec.acceptsRuntime)
        return { [site.name]: args };
    const result = spec.evaluate ? spec.evaluate(args, ctx, site) : functions_spec/* INVALID */.uY;
    return result === functions_spec/* DEFER */.bO ? { [site.name]: args } : result;
}
function evaluateCall(node, ptr, scope, context, depth) {
    const name = Object.keys(node)[0];
    const spec = (0,registry/* functionSpec */.K$)(name);
    const args = node[name];
    const site = { name, ptr, argsPtr: (0,types/* childPointer */.Y2)(ptr, name) };
    const ctx = contextFor(scope);
    if (!spec)
        return functions_spec/* INVALID */.uY;
    const tooNewOrRemoved = (0,functions_spec/* versionProblem */.Ec)(spec, scope.version, context);
    if (tooNewOrRemoved !== undefined)
        return ctx.fail(site, 'function-not-in-version', tooNewOrRemoved);
    if (!spec.contexts.includes(context))
        return ctx.fail(site, 'function-not-allowed-here', `'${name}' cannot be used here`);
    // if, not, and, or take conditions, evaluated lazily: the branch not taken is never evaluated.
    const lazy = name === 'if' || name === 'not' || name === 'and' || name === 'or';
    const raw = lazy ? spec.check(args, scope.version, registry/* isFunctionCall */.Ny) : undefined;
    if (raw)
        return ctx.fail(site, raw.code ?? 'invalid-function-args', raw.message, raw.at, raw.atKey);
    if (name === 'if') {
        const list = args;
        const cond = evaluateCondition(list[0], (0,types/* childPointer */.Y2)(site.argsPtr, 0), scope, depth + 1);
        if (cond === functions_spec/* INVALID */.uY)
            return functions_spec/* INVALID */.uY;
        const branch = cond ? 1 : 2;
        if (branch >= list.length)
            return functions_spec/* OMIT */.gD;
        return evaluateValue(list[branch], (0,types/* childPointer */.Y2)(site.argsPtr, branch), scope, context, depth + 1);
    }
    if (name === 'not') {
        const cond = evaluateCondition(args, site.argsPtr, scope, depth + 1);
        return cond === functions_spec/* INVALID */.uY ? functions_spec/* INVALID */.uY : !cond;
    }
    if (name === 'and' || name === 'or') {
        const values = args.map((a, i) => evaluateCondition(a, (0,types/* childPointer */.Y2)(site.argsPtr, i), scope, depth + 1));
        if (values.includes(functions_spec/* INVALID */.uY))
            return functions_spec/* INVALID */.uY;
        return name === 'and' ? values.every(Boolean) : values.some(Boolean);
    }
    const value = evaluateValue(args, site.argsPtr, scope, context, depth + 1);
    // An argument left out by `if` is an absent (null) argument.
    const evaluated = value === functions_spec/* OMIT */.gD ? null : value;
    if ((0,functions_spec/* containsInvalid */.Xm)(evaluated))
        return functions_spec/* INVALID */.uY;
    return applyFunction(spec, evaluated, ctx, site);
}

;// CONCATENATED MODULE: ./src/template/conditions.ts
/**
 * The conditions section: checking every definition, spotting conditions that refer to each
 * other in a circle, and evaluating them (each once) for the resolver.
 */





/** The conditions section as a map (empty when absent or malformed: the schema reports that). */
function conditionDefinitions(doc) {
    return (0,functions_spec/* isMap */.jh)(doc) && (0,functions_spec/* isMap */.jh)(doc.conditions) ? doc.conditions : {};
}
/** Names a condition refers to directly: bare strings in condition positions. */
function conditionReferences(node) {
    if (typeof node === 'string')
        return [node];
    if (!(0,functions_spec/* isMap */.jh)(node) || Object.keys(node).length !== 1)
        return [];
    const [name, args] = Object.entries(node)[0];
    if (name === 'not')
        return conditionReferences(args);
    if ((name === 'and' || name === 'or') && Array.isArray(args))
        return args.flatMap(conditionReferences);
    return [];
}
/** Checks every condition definition, then reports circles such as `a: b` / `b: {not: a}`. */
function checkConditions(doc, scope) {
    const defs = conditionDefinitions(doc);
    for (const [name, def] of Object.entries(defs))
        (0,check/* checkCondition */.Qj)(def, (0,types/* pointer */.Wn)('conditions', name), scope);
    const reported = new Set();
    for (const start of Object.keys(defs)) {
        const chain = findConditionLoop(start, defs);
        if (!chain)
            continue;
        const key = [...new Set(chain)].sort().join('\u0000');
        if (reported.has(key))
            continue;
        reported.add(key);
        scope.out.push((0,diagnostic_factory/* diagnosticAt */.R)(scope.tpl, (0,types/* pointer */.Wn)('conditions', start), 'condition-cycle', `conditions refer to each other in a circle: ${chain.join(' -> ')}`, 'error', 'key'));
    }
}
/** The loop back to `start` through condition names, if there is one. */
function findConditionLoop(start, defs) {
    const seen = new Set();
    const stack = [[start]];
    while (stack.length > 0) {
        const path = stack.pop();
        const last = path[path.length - 1];
        for (const next of conditionReferences(defs[last])) {
            if (next === start)
                return [...path, start];
            if (!Object.prototype.hasOwnProperty.call(defs, next) || seen.has(next))
                continue;
            seen.add(next);
            stack.push([...path, next]);
        }
    }
    return undefined;
}
/**
 * A `condition(name, ptr)` function for EvalScope: evaluates each named condition once,
 * reporting unknown names where they are used and circles where they close.
 */
function conditionEvaluator(doc, scope) {
    const defs = conditionDefinitions(doc);
    const values = new Map();
    const inProgress = new Set();
    const evalScope = { ...scope, condition: (name, ptr) => lookup(name, ptr) };
    function lookup(name, ptr) {
        const known = values.get(name);
        if (known !== undefined)
            return known;
        if (!Object.prototype.hasOwnProperty.call(defs, name)) {
            scope.out.push((0,diagnostic_factory/* diagnosticAt */.R)(scope.tpl, ptr, 'unknown-condition', `condition '${name}' is not defined in the conditions section${(0,check/* didYouMean */.au)(name, Object.keys(defs))}`));
            return functions_spec/* INVALID */.uY;
        }
        if (inProgress.has(name)) {
            scope.out.push((0,diagnostic_factory/* diagnosticAt */.R)(scope.tpl, ptr, 'condition-cycle', `condition '${name}' depends on itself`));
            return functions_spec/* INVALID */.uY;
        }
        inProgress.add(name);
        const value = evaluateCondition(defs[name], (0,types/* childPointer */.Y2)('/conditions', name), evalScope);
        inProgress.delete(name);
        values.set(name, value);
        return value;
    }
    return lookup;
}

// EXTERNAL MODULE: ./src/template/parameters.ts + 1 modules
var parameters = __nccwpck_require__(1778);
;// CONCATENATED MODULE: ./src/template/graph.ts

function adjacency(nodes, edges) {
    const adj = new Map(nodes.map((n) => [n, []]));
    for (const e of edges)
        if (e.from !== e.to && adj.has(e.from) && adj.has(e.to))
            adj.get(e.from)?.push(e);
    return adj;
}
/**
 * Every cycle found by a depth-first walk in template order, each set of resources once.
 * Self-dependencies are not cycles here (references.ts reports them on their own).
 */
function findCycles(nodes, edges) {
    const adj = adjacency(nodes, edges);
    const order = new Map(nodes.map((n, i) => [n, i]));
    const state = new Map();
    const cycles = [];
    const seen = new Set();
    for (const root of nodes) {
        if (state.has(root))
            continue;
        // Iterative, so a long chain of resources cannot overflow the stack.
        const stack = [{ node: root, next: 0 }];
        state.set(root, 'open');
        while (stack.length > 0) {
            const top = stack[stack.length - 1];
            const out = adj.get(top.node) ?? [];
            if (top.next >= out.length) {
                state.set(top.node, 'done');
                stack.pop();
                continue;
            }
            const edge = out[top.next++];
            const s = state.get(edge.to);
            if (s === undefined) {
                state.set(edge.to, 'open');
                stack.push({ node: edge.to, next: 0, via: edge });
            }
            else if (s === 'open') {
                const from = stack.findIndex((f) => f.node === edge.to);
                const loopEdges = [...stack.slice(from + 1).map((f) => f.via), edge];
                const key = loopEdges.map((e) => e.from).sort().join('\u0000');
                if (seen.has(key))
                    continue;
                seen.add(key);
                // Start the chain at the resource that comes first in the template.
                let first = 0;
                loopEdges.forEach((e, i) => { if ((order.get(e.from) ?? 0) < (order.get(loopEdges[first].from) ?? 0))
                    first = i; });
                const rotated = [...loopEdges.slice(first), ...loopEdges.slice(0, first)];
                cycles.push({ chain: [...rotated.map((e) => e.from), rotated[0].from], edge: rotated[0] });
            }
        }
    }
    return cycles;
}
/** One `dependency-cycle` error per cycle, at the reference that leaves its first resource. */
function cycleDiagnostics(tpl, nodes, edges) {
    return findCycles(nodes, edges).map((c) => (0,diagnostic_factory/* diagnosticAt */.R)(tpl, c.edge.ptr, 'dependency-cycle', `dependency cycle: ${c.chain.join(' -> ')}`));
}
/**
 * Resources in an order that puts every dependency first, template order otherwise
 * (Kahn's algorithm). Resources on a cycle come last, in template order.
 */
function dependencyOrder(nodes, edges) {
    const adj = adjacency(nodes, edges);
    const waiting = new Map(nodes.map((n) => [n, new Set((adj.get(n) ?? []).map((e) => e.to)).size]));
    const dependents = new Map(nodes.map((n) => [n, []]));
    for (const n of nodes)
        for (const to of new Set((adj.get(n) ?? []).map((e) => e.to)))
            dependents.get(to)?.push(n);
    const done = [];
    const placed = new Set();
    let progress = true;
    while (progress) {
        progress = false;
        for (const n of nodes) {
            if (placed.has(n) || (waiting.get(n) ?? 0) > 0)
                continue;
            placed.add(n);
            done.push(n);
            progress = true;
            for (const d of dependents.get(n) ?? [])
                waiting.set(d, (waiting.get(d) ?? 1) - 1);
        }
    }
    return [...done, ...nodes.filter((n) => !placed.has(n))];
}

// EXTERNAL MODULE: ./src/template/references.ts
var references = __nccwpck_require__(4398);
// EXTERNAL MODULE: ./src/template/resource-group.ts
var resource_group = __nccwpck_require__(1230);
// EXTERNAL MODULE: ./src/template/static-resources.ts
var static_resources = __nccwpck_require__(1270);
// EXTERNAL MODULE: ./src/template/attributes.ts
var attributes = __nccwpck_require__(3113);
// EXTERNAL MODULE: ./src/template/versions.ts
var versions = __nccwpck_require__(9481);
;// CONCATENATED MODULE: ./src/template/functions/deploy-time.ts
/**
 * Deploy-time evaluation: completes what resolveStack left in a resolved value once the
 * containers exist. Reference nodes (`get_resource`, `get_attr`) become their values, then the
 * calls kept around them (str_replace over a get_attr, say) are evaluated, innermost first,
 * by the same specs and checks as at resolve time.
 */





/**
 * Every version rule was applied to what the template wrote when it was resolved; what is
 * left to judge here are values a container produced, so the newest rules apply.
 */
const DEPLOY_VERSION = versions/* HOT_VERSIONS */.KU[versions/* HOT_VERSIONS */.KU.length - 1];
/** The message of a deploy-time failure, naming the function once. */
function failureMessage(name, message) {
    const detail = message.startsWith(`${name}: `) ? message.slice(name.length + 2) : message;
    return `${name} could not be evaluated at deploy time: ${detail}`;
}
/** A context whose failures throw: at deploy time there is no diagnostics list to add to. */
function deployContext() {
    const refuse = (site, what) => {
        throw new Error(failureMessage(site.name, `${what} cannot be looked up at deploy time`));
    };
    return {
        version: DEPLOY_VERSION,
        fail: (site, _code, message) => {
            throw new Error(failureMessage(site.name, message));
        },
        // Calls that need these are staticOnly: resolveStack never leaves them for deploy time.
        param: (name, site) => refuse(site, `parameter '${name}'`),
        resource: (name, site) => refuse(site, `resource '${name}'`),
        file: (path, site) => refuse(site, `file '${path}'`),
        // Arguments are values now, even those that look like a reference: container data is data.
        later: () => false,
    };
}
/** Evaluates one kept call whose arguments are complete. */
function deploy_time_evaluateCall(name, args) {
    const spec = (0,registry/* functionSpec */.K$)(name);
    const site = { name, ptr: '', argsPtr: '' };
    if (!spec?.evaluate)
        throw new Error(failureMessage(name, 'this function is not evaluated at deploy time'));
    const result = applyFunction(spec, args, deployContext(), site);
    // Neither can happen with a throwing context that sees no deferred value; never pass them on.
    if (result === functions_spec/* DEFER */.bO || result === functions_spec/* INVALID */.uY)
        throw new Error(failureMessage(name, 'no value'));
    return result;
}
/**
 * Completes the deploy-time nodes left by resolveStack: references are substituted, then every
 * call kept around them is evaluated, innermost first. Values a reference yields are never
 * walked again, so container data that looks like a function call stays data. A one-key map
 * naming a function but holding no reference is data too (resolveStack evaluated every such call).
 *
 * Throws an Error when the runtime cannot answer a reference, or when a kept call fails on
 * the real values (str_split index out of range, list_join of something not a list...); the
 * message names the function, and the deploy stage reports it as the resource's failure.
 */
function evaluateRuntime(value, runtime) {
    if (Array.isArray(value))
        return value.map((v) => evaluateRuntime(v, runtime));
    if (!(0,functions_spec/* isMap */.jh)(value))
        return value;
    const key = (0,functions_spec/* soleKey */.ze)(value);
    if (key === 'get_resource' && typeof value[key] === 'string')
        return runtime.resourceId(value[key]);
    if (key === 'get_attr' && Array.isArray(value[key])) {
        const [name, attr, ...path] = value[key];
        // get_attr [resource]: every attribute, as a map (Heat's GetAttAllAttributes).
        if (attr === undefined) {
            return Object.fromEntries(Object.keys(attributes/* CONTAINER_ATTRIBUTES */.U).map((a) => [a, runtime.attribute(String(name), a, [])]));
        }
        return runtime.attribute(String(name), String(attr), path);
    }
    if (key !== undefined && !functions_spec/* RUNTIME_FUNCTIONS */.jr.includes(key) && (0,registry/* functionSpec */.K$)(key) && (0,functions_spec/* containsRuntime */.yk)(value[key])) {
        return deploy_time_evaluateCall(key, evaluateRuntime(value[key], runtime));
    }
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, evaluateRuntime(v, runtime)]));
}

;// CONCATENATED MODULE: ./src/template/resolve.ts













/** Deploy-time completion of resolved values (see deploy-time.ts); the deploy stage imports it from here. */

/** Parameters every stack has without declaring them. */
const PSEUDO_PARAMETERS = ['OS::stack_name', 'OS::stack_id', 'OS::project_id'];
function outputEntries(doc) {
    if (!(0,functions_spec/* isMap */.jh)(doc) || !(0,functions_spec/* isMap */.jh)(doc.outputs))
        return [];
    return Object.entries(doc.outputs).filter((e) => (0,functions_spec/* isMap */.jh)(e[1]));
}
function sectionNames(doc, section) {
    return (0,functions_spec/* isMap */.jh)(doc) && (0,functions_spec/* isMap */.jh)(doc[section]) ? Object.keys(doc[section]) : [];
}
/**
 * Every semantic check of a template that does not need evaluation: functions (version,
 * placement, arguments), names of parameters/resources/attributes/conditions, get_file
 * paths, conditions, resource names, depends_on and dependency cycles. Never throws.
 */
function checkTemplateSemantics(tpl, version, params, options) {
    const out = [];
    const doc = tpl.doc;
    const defs = (0,functions_spec/* isMap */.jh)(params.definitions) ? Object.keys(params.definitions) : [];
    const scope = {
        tpl,
        version,
        parameters: new Set([...defs, ...PSEUDO_PARAMETERS]),
        resources: new Set(sectionNames(doc, 'resources')),
        resourceTypes: new Map((0,references/* resourceEntries */.V3)(doc).map(([name, def]) => [name, def.type])),
        conditions: new Set(Object.keys(conditionDefinitions(doc))),
        files: { ...options, baseDir: (0,get_file/* templateDir */.G)(options.workspace, tpl.file) },
        out,
    };
    checkConditions(doc, scope);
    const entries = (0,references/* resourceEntries */.V3)(doc);
    for (let i = 0; i < entries.length; i++) {
        const name = entries[i][0];
        const def = entries[i][1];
        const rp = (0,types/* pointer */.Wn)('resources', name);
        if ('properties' in def)
            (0,check/* checkValue */.Su)(def.properties, (0,types/* childPointer */.Y2)(rp, 'properties'), scope);
        if ('condition' in def)
            (0,check/* checkCondition */.Qj)(def.condition, (0,types/* childPointer */.Y2)(rp, 'condition'), scope);
        if ('deletion_policy' in def)
            (0,check/* checkValue */.Su)(def.deletion_policy, (0,types/* childPointer */.Y2)(rp, 'deletion_policy'), scope);
    }
    for (const [name, def] of outputEntries(doc)) {
        const op = (0,types/* pointer */.Wn)('outputs', name);
        if ('value' in def)
            (0,check/* checkValue */.Su)(def.value, (0,types/* childPointer */.Y2)(op, 'value'), scope);
        if ('condition' in def)
            (0,check/* checkCondition */.Qj)(def.condition, (0,types/* childPointer */.Y2)(op, 'condition'), scope);
    }
    out.push(...(0,references/* checkReferences */.$x)(tpl));
    const known = scope.resources;
    out.push(...cycleDiagnostics(tpl, [...known], (0,references/* dependencyEdges */.OJ)(doc).filter((e) => known.has(e.to))));
    return out;
}
/** Names of the resources referenced by deploy-time nodes inside a resolved value. */
function runtimeTargets(value, into) {
    if ((0,functions_spec/* isRuntimeNode */.$I)(value)) {
        const key = (0,functions_spec/* soleKey */.ze)(value);
        const args = value[key];
        const name = Array.isArray(args) ? args[0] : args;
        if (typeof name === 'string')
            into.push(name);
    }
    else if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) {
            const v = value[i];
            if (typeof v === 'object' && v !== null)
                runtimeTargets(v, into);
        }
    }
    else if ((0,functions_spec/* isMap */.jh)(value)) {
        const keys = Object.keys(value);
        for (let i = 0; i < keys.length; i++) {
            const v = value[keys[i]];
            if (typeof v === 'object' && v !== null)
                runtimeTargets(v, into);
        }
    }
    return into;
}
/**
 * Container properties hotdock needs before any container of the stack exists, and why: a
 * deploy-time reference there is `value-unknown-before-deploy`.
 */
const STATIC_PROPERTIES = {
    image: 'images are pulled before any container is created',
    docker_endpoint: 'it decides where the container runs, before any container exists',
    name: 'the container name is decided before the container is created (and compared across the stack)',
};
const STATIC_PROPERTY_ENTRIES = Object.entries(STATIC_PROPERTIES);
/** Deploy-time values where a resource needs its value before deploy: the properties map itself, and STATIC_PROPERTIES. */
function staticPropertyProblems(tpl, name, propsPtr, properties) {
    const fail = (at, message) => (0,diagnostic_factory/* diagnosticAt */.R)(tpl, at, 'value-unknown-before-deploy', `resource '${name}': ${message}`);
    if (isDeferred(properties)) {
        return [fail(propsPtr, `the properties map must be known before deploy (image, name and docker_endpoint are needed first), but it needs ${(0,functions_spec/* firstReference */.oQ)(properties)}; use deploy-time references in property values only`)];
    }
    if (!(0,functions_spec/* isMap */.jh)(properties))
        return [];
    const out = [];
    for (let i = 0; i < STATIC_PROPERTY_ENTRIES.length; i++) {
        const prop = STATIC_PROPERTY_ENTRIES[i][0];
        const why = STATIC_PROPERTY_ENTRIES[i][1];
        if (!(0,functions_spec/* containsRuntime */.yk)(properties[prop]))
            continue;
        out.push(fail((0,types/* childPointer */.Y2)(propsPtr, prop), `${prop} must be known before deploy (${why}), but it needs ${(0,functions_spec/* firstReference */.oQ)(properties[prop])}, which is only known once that resource is deployed`));
    }
    return out;
}
/**
 * Evaluates conditions and every static function, drops what a false condition excludes,
 * and collects each resource's dependencies. Returns the stack only when there is no error.
 * Runs after checkTemplateSemantics found no error: cycles of literal references are reported
 * there, and only those closed by computed references here.
 */
function resolveStack(tpl, version, params, options) {
    const out = [];
    const doc = tpl.doc;
    // Descriptors, not a spread: the derived OS::stack_id stays computed on first read (parameters.ts).
    const values = Object.defineProperties({ 'OS::stack_name': options.stackName }, Object.getOwnPropertyDescriptors(params.values));
    const entries = (0,references/* resourceEntries */.V3)(doc);
    const allNames = sectionNames(doc, 'resources');
    const enabled = new Map();
    const known = new Set(allNames);
    const base = {
        tpl,
        version,
        params: values,
        resourceState: (name) => (!known.has(name) ? 'unknown' : enabled.get(name) ? 'enabled' : 'disabled'),
        files: { workspace: options.workspace, readFile: options.readFile, realPath: options.realPath, baseDir: (0,get_file/* templateDir */.G)(options.workspace, tpl.file) },
        out,
    };
    const statics = new Map();
    const scope = {
        ...base,
        condition: conditionEvaluator(doc, base),
        // Whether its condition holds is asked of resource(), which says so when it does not.
        staticResource: (name) => statics.get(name),
    };
    const staticScope = { tpl, stackName: options.stackName, out, evaluate: (node, ptr) => evaluateValue(node, ptr, scope) };
    for (const [name, def] of entries)
        if ((0,static_resources/* isStaticResourceType */.Vf)(def.type))
            statics.set(name, (0,static_resources/* staticResource */.r_)(name, def, staticScope));
    const groups = new resource_group/* GroupTable */.gp(entries, staticScope);
    scope.group = (name) => groups.members(name);
    const holds = (def, ptr) => !('condition' in def) || evaluateCondition(def.condition, (0,types/* childPointer */.Y2)(ptr, 'condition'), scope) === true;
    for (const [name, def] of entries)
        enabled.set(name, holds(def, (0,types/* pointer */.Wn)('resources', name)));
    // Conditions nobody uses are still evaluated: a broken one is a broken template.
    for (const name of Object.keys(conditionDefinitions(doc)))
        scope.condition(name, (0,types/* pointer */.Wn)('conditions', name));
    const order = new Map(allNames.map((n, i) => [n, i]));
    // A group stands for its members: they take its place in the order, and depends_on on the
    // group waits for all of them (every member is known before any resource is resolved).
    const membersOf = new Map();
    for (const g of groups.names()) {
        const m = enabled.get(g) ? groups.members(g) : undefined;
        if (m === undefined || m === functions_spec/* INVALID */.uY)
            continue;
        membersOf.set(g, m.names);
        for (const n of m.names)
            order.set(n, order.get(g) ?? 0);
    }
    const resources = [];
    const edges = [];
    /** One resource (a template's, or a group member) with its properties evaluated. */
    const add = (name, def, rp, item) => {
        const { pointer: itemPtr, properties, policy, metadata, group } = item;
        if ((0,functions_spec/* containsInvalid */.Xm)(properties) || policy === functions_spec/* INVALID */.uY)
            return;
        const early = staticPropertyProblems(tpl, name, (0,types/* childPointer */.Y2)(itemPtr, 'properties'), properties);
        out.push(...early);
        if (early.length > 0)
            return;
        const explicit = (0,references/* dependsOnEntries */.rc)(def, rp).filter((d) => enabled.get(d.name) && !statics.has(d.name))
            .flatMap((d) => (membersOf.get(d.name) ?? [d.name]).map((n) => ({ name: n, ptr: d.ptr })));
        const implicit = runtimeTargets(properties, []);
        for (let j = 0; j < explicit.length; j++)
            edges.push({ from: name, to: explicit[j].name, ptr: explicit[j].ptr });
        for (let j = 0; j < implicit.length; j++)
            edges.push({ from: name, to: implicit[j], ptr: (0,types/* childPointer */.Y2)(itemPtr, 'properties') });
        const dependsOn = explicit.length + implicit.length === 0
            ? []
            : [...new Set([...explicit.map((d) => d.name), ...implicit])]
                .filter((d) => d !== name && order.has(d))
                .sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
        resources.push({
            name,
            type: group ? resource_group/* MEMBER_TYPE */.k3 : typeof def.type === 'string' ? def.type : String(def.type),
            properties: properties,
            dependsOn,
            deletionPolicy: typeof policy === 'string' && policy.toLowerCase() === 'retain' ? 'Retain' : 'Delete',
            pointer: itemPtr,
            ...((0,functions_spec/* isMap */.jh)(metadata) && !(0,functions_spec/* containsInvalid */.Xm)(metadata) ? { metadata } : {}),
            // A group's members would rather run apart: a soft rule that gives way when out of room (placement.ts).
            ...(group ? { group: { name: group.name, index: group.index }, placement: { preferApartFrom: group.siblings } } : {}),
        });
    };
    for (let i = 0; i < entries.length; i++) {
        const name = entries[i][0];
        const def = entries[i][1];
        if (!enabled.get(name))
            continue;
        // Nothing is deployed for OS::Heat::Value/None: resolving a Value reports its problems.
        const glue = statics.get(name);
        if (glue) {
            glue.attributes();
            continue;
        }
        const rp = (0,types/* pointer */.Wn)('resources', name);
        const policy = 'deletion_policy' in def ? evaluateValue(def.deletion_policy, (0,types/* childPointer */.Y2)(rp, 'deletion_policy'), scope) : 'Delete';
        if ((0,resource_group/* isGroupDefinition */.Fi)(def)) {
            const members = groups.expand(name, def, known) ?? [];
            for (const m of members) {
                const siblings = members.filter((o) => o !== m).map((o) => o.name);
                add(m.name, def, rp, { pointer: m.pointer, properties: m.properties, policy, metadata: m.metadata, group: { name, index: m.index, siblings } });
            }
            continue;
        }
        const props = (0,functions_spec/* isMap */.jh)(def.properties) ? evaluateValue(def.properties, (0,types/* childPointer */.Y2)(rp, 'properties'), scope) : {};
        const metadata = (0,functions_spec/* isMap */.jh)(def.metadata) ? evaluateValue(def.metadata, (0,types/* childPointer */.Y2)(rp, 'metadata'), scope) : undefined;
        // Properties left out whole by `if` (2021-04-16) mean no properties.
        add(name, def, rp, { pointer: rp, properties: props === functions_spec/* OMIT */.gD ? {} : props, policy, metadata });
    }
    // Only references computed by functions can form a cycle the checks could not see: cycles of
    // literal references are checkTemplateSemantics's, which runs first (validate.ts), so the walk
    // is needed only when some edge is not one of those.
    const literal = new Set((0,references/* dependencyEdges */.OJ)(doc).map((e) => `${e.from}\u0000${e.to}`));
    if (edges.some((e) => !literal.has(`${e.from}\u0000${e.to}`))) {
        out.push(...cycleDiagnostics(tpl, resources.map((r) => r.name), edges));
    }
    const outputs = {};
    for (const [name, def] of outputEntries(doc)) {
        const op = (0,types/* pointer */.Wn)('outputs', name);
        // Heat (Output.get_value) reports an output whose condition is false, with no value.
        if (!holds(def, op)) {
            outputs[name] = typeof def.description === 'string' ? { value: null, description: def.description } : { value: null };
            continue;
        }
        const evaluated = evaluateValue(def.value, (0,types/* childPointer */.Y2)(op, 'value'), scope);
        const value = evaluated === functions_spec/* OMIT */.gD ? null : evaluated;
        if ((0,functions_spec/* containsInvalid */.Xm)(value))
            continue;
        outputs[name] = typeof def.description === 'string' ? { value, description: def.description } : { value };
    }
    redactSecrets(out, params.hidden.map((name) => values[name]));
    if ((0,diagnostics/* hasErrors */.C)(out))
        return { diagnostics: out };
    return {
        stack: { version, stackName: options.stackName, parameters: values, hiddenParameters: [...params.hidden], resources, outputs },
        diagnostics: out,
    };
}
/** Messages quote evaluated values: a hidden parameter's value must not reach a log or a PR comment. */
function redactSecrets(diagnostics, secrets) {
    const texts = secrets.map(functions_spec/* toText */.fE).filter((t) => t !== '').sort((a, b) => b.length - a.length);
    for (const d of diagnostics)
        for (const t of texts)
            d.message = d.message.split(t).join(parameters/* MASK */.v);
}


/***/ }),

/***/ 1475:
/***/ (function(__unused_webpack_module, __webpack_exports__, __nccwpck_require__) {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   A3: () => (/* binding */ groupAttribute),
/* harmony export */   g9: () => (/* binding */ isGroupAttribute),
/* harmony export */   kj: () => (/* binding */ groupReferenceProblem),
/* harmony export */   rM: () => (/* binding */ unknownGroupAttributeMessage)
/* harmony export */ });
/* unused harmony export GROUP_ATTRIBUTES */
/* harmony import */ var _attributes_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3113);
/* harmony import */ var _functions_spec_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(577);
/**
 * get_attr on an OS::Heat::ResourceGroup, as Heat answers it (resource_group.py, FnGetAtt),
 * turned into deploy-time references to the members so the deploy stage needs no notion of groups:
 * - `[group, attr, path...]`: the list of every member's attr (path applied to each), index order;
 * - `[group, refs]`: the list of the members' ids (`[group, refs, N]` picks one);
 * - `[group, refs_map]`: member index ("0", "1", ...) \u2192 id, Heat's nested resource names as keys;
 * - `[group, attributes, attr, path...]`: member index \u2192 that member's attr;
 * - `[group, resource.N]`: member N's id; `[group, resource.N, attr, path...]` or
 *   `[group, resource.N.attr, path...]`: member N's attr.
 */


/** Attribute names only a group has (besides `resource.N[.attr]`). */
const GROUP_ATTRIBUTES = ['refs', 'refs_map', 'attributes'];
/** True when get_attr may ask a group for `attr`: a container attribute, a group one, or `resource.N...`. */
function isGroupAttribute(attr) {
    return (0,_attributes_js__WEBPACK_IMPORTED_MODULE_0__/* .isContainerAttribute */ .o)(attr) || GROUP_ATTRIBUTES.includes(attr) || attr.startsWith('resource.');
}
/** The message for an attribute a group does not have. */
function unknownGroupAttributeMessage(group, attr) {
    return `get_attr: group '${group}' has no attribute '${attr}'; a group has refs, refs_map, attributes, resource.<index>[.<attribute>] and its members' attributes (${Object.keys(_attributes_js__WEBPACK_IMPORTED_MODULE_0__/* .CONTAINER_ATTRIBUTES */ .U).join(', ')})`;
}
/**
 * The refusal of `get_resource` (or `Ref`) naming a group: Heat's id of the nested stack has no
 * counterpart here, a group being many containers.
 */
function groupReferenceProblem(fn, group, ctx, site) {
    return ctx.fail(site, 'group-reference', `${fn}: '${group}' is a group of containers; use {get_attr: [${group}, refs]} for the ids of its members, or [${group}, resource.0] for one`);
}
/**
 * The value of `{get_attr: args}` where args[0] is a group: deploy-time references to members,
 * or INVALID after reporting through `ctx` (argument indexes point at the offending item).
 */
function groupAttribute(args, members, ctx, site) {
    const group = String(args[0]);
    if (args[1] === undefined) {
        // Heat would give every group attribute as one map; name the one wanted instead.
        return ctx.fail(site, 'invalid-function-args', `get_attr: group '${group}' needs an attribute: refs, refs_map, attributes, resource.<index> or a member attribute`);
    }
    const attr = String(args[1]);
    const path = args.slice(2);
    const ref = (name) => ({ get_resource: name });
    const read = (name, at, rest) => {
        const a = String(rest[0]);
        if (!(0,_attributes_js__WEBPACK_IMPORTED_MODULE_0__/* .isContainerAttribute */ .o)(a))
            return ctx.fail(site, 'unknown-attribute', `get_attr: member '${name}' of group '${group}' has no attribute '${a}'; a container has ${Object.keys(_attributes_js__WEBPACK_IMPORTED_MODULE_0__/* .CONTAINER_ATTRIBUTES */ .U).join(', ')}`, [at]);
        return { get_attr: [name, a, ...rest.slice(1)] };
    };
    if (attr.startsWith('resource.')) {
        // Heat splits 'resource.N.attr' at the first two dots only: the attribute may hold dots of its own.
        const [, n, inline] = splitTwice(attr);
        const index = (0,_functions_spec_js__WEBPACK_IMPORTED_MODULE_1__/* .toInteger */ .yJ)(n);
        const at = index === undefined ? -1 : members.indexes.indexOf(index);
        if (at < 0)
            return ctx.fail(site, 'unknown-member', `get_attr: group '${group}' has no member '${n}'; its members are ${describeIndexes(members)}`, [1]);
        const name = members.names[at];
        const rest = inline === undefined ? path : [inline, ...path];
        if (rest.length === 0)
            return ref(name);
        return read(name, inline === undefined ? 2 : 1, rest);
    }
    if (attr === 'refs') {
        const refs = members.names.map(ref);
        if (path.length === 0)
            return refs;
        const i = (0,_functions_spec_js__WEBPACK_IMPORTED_MODULE_1__/* .toInteger */ .yJ)(path[0]);
        if (path.length > 1 || i === undefined || i < 0 || i >= refs.length) {
            return ctx.fail(site, 'index-out-of-range', `get_attr: refs of group '${group}' is a list of ${refs.length} ids; ${String(path[0])} is not an index into it`, [2]);
        }
        return refs[i];
    }
    if (attr === 'refs_map')
        return Object.fromEntries(members.indexes.map((index, i) => [String(index), ref(members.names[i])]));
    if (attr === 'attributes') {
        if (path.length === 0)
            return ctx.fail(site, 'invalid-function-args', `get_attr: 'attributes' of group '${group}' needs the member attribute to collect, e.g. [${group}, attributes, network_ip]`, [1]);
        const out = {};
        for (let i = 0; i < members.names.length; i++) {
            const v = read(members.names[i], 2, path);
            if (v === _functions_spec_js__WEBPACK_IMPORTED_MODULE_1__/* .INVALID */ .uY)
                return _functions_spec_js__WEBPACK_IMPORTED_MODULE_1__/* .INVALID */ .uY;
            out[String(members.indexes[i])] = v;
        }
        // Checked even for an empty group: a wrong attribute name is wrong whatever the count.
        return members.names.length === 0 && !(0,_attributes_js__WEBPACK_IMPORTED_MODULE_0__/* .isContainerAttribute */ .o)(String(path[0])) ? read(group, 2, path) : out;
    }
    if (!(0,_attributes_js__WEBPACK_IMPORTED_MODULE_0__/* .isContainerAttribute */ .o)(attr))
        return ctx.fail(site, 'unknown-attribute', unknownGroupAttributeMessage(group, attr), [1]);
    return members.names.map((name) => ({ get_attr: [name, attr, ...path] }));
}
function splitTwice(s) {
    const a = s.indexOf('.');
    const b = s.indexOf('.', a + 1);
    return b < 0 ? [s.slice(0, a), s.slice(a + 1), undefined] : [s.slice(0, a), s.slice(a + 1, b), s.slice(b + 1)];
}
function describeIndexes(m) {
    return m.indexes.length === 0 ? 'none (count is 0)' : m.indexes.join(', ');
}


/***/ }),

/***/ 6656:
/***/ (function(__unused_webpack_module, __webpack_exports__, __nccwpck_require__) {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   j: () => (/* binding */ GROUP_RESOURCE_SCHEMA),
/* harmony export */   t: () => (/* binding */ GROUP_TYPE)
/* harmony export */ });
/**
 * The JSON Schema of an OS::Heat::ResourceGroup resource's properties, kept apart from the
 * container property table in hot-schema.ts, which only adds it to a resource's `type` and applies
 * it when the type is the group's. Plain JSON: no import, so the schema stays one object.
 */
/** The resource type of a group (Heat's resource_group.py). */
const GROUP_TYPE = 'OS::Heat::ResourceGroup';
const fn = { $ref: '#/definitions/function' };
const orFn = (literal) => ({ anyOf: [literal, fn] });
const doc = (title, description, schema) => ({ title, description, ...schema });
const groupProperties = {
    type: 'object', required: ['resource_def'], additionalProperties: false, 'x-expected': 'a mapping of group properties',
    properties: {
        count: doc('Count', 'How many members the group has (default 1); changing it adds or removes the highest indexes only.', orFn({ type: ['integer', 'string'], minimum: 0, pattern: '^\\+?[0-9]+$', 'x-expected': 'a whole number, 0 or more' })),
        index_var: doc('Index variable', 'Replaced by the member index in every string of resource_def (default %index%).', orFn({ type: 'string', minLength: 1, 'x-expected': 'a non-empty string' })),
        resource_def: doc('Resource definition', 'The container every member runs; members are named <group>-<index>.', orFn({
            type: 'object', required: ['type', 'properties'], additionalProperties: false, 'x-expected': 'a mapping with type DockerInc::Docker::Container and properties',
            properties: {
                type: { const: 'DockerInc::Docker::Container' },
                properties: { anyOf: [{ $ref: '#/definitions/containerProperties' }, fn] },
                metadata: {},
            },
        })),
        removal_policies: doc('Removal policies', 'Members to remove first, never to be used again: [{resource_list: [index or <group>-<index>, ...]}].', orFn({
            type: 'array', 'x-expected': 'a list of {resource_list: [...]} mappings',
            items: orFn({
                type: 'object', additionalProperties: false, 'x-expected': 'a {resource_list: [...]} mapping',
                properties: { resource_list: orFn({ type: 'array', items: orFn({ type: ['string', 'integer'], 'x-expected': 'a member index or name' }), 'x-expected': 'a list of member indexes or names' }) },
            }),
        })),
        removal_policies_mode: doc('Removal policies mode', 'append (default) or update: hotdock keeps no state beside the template, so both mean the list as written.', orFn({ enum: ['append', 'update'], 'x-expected': 'append or update' })),
    },
};
/** Applied to every resource: when its type is the group's, its properties are a group's. */
const GROUP_RESOURCE_SCHEMA = {
    // `required`: without it a resource with no type would be judged as a group too.
    if: { required: ['type'], properties: { type: { const: GROUP_TYPE } } },
    then: { required: ['properties'], properties: { properties: orFn(groupProperties) } },
};


/***/ }),

/***/ 1230:
/***/ (function(__unused_webpack_module, __webpack_exports__, __nccwpck_require__) {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Fi: () => (/* binding */ isGroupDefinition),
/* harmony export */   eg: () => (/* binding */ memberName),
/* harmony export */   fm: () => (/* binding */ DEFAULT_INDEX_VAR),
/* harmony export */   gp: () => (/* binding */ GroupTable),
/* harmony export */   k3: () => (/* binding */ MEMBER_TYPE),
/* harmony export */   nm: () => (/* binding */ substituteIndex)
/* harmony export */ });
/* unused harmony exports MAX_GROUP_COUNT, GROUP_PROPERTIES, memberIndexes */
/* harmony import */ var _diagnostic_factory_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(7884);
/* harmony import */ var _functions_spec_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(577);
/* harmony import */ var _resource_group_schema_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(6656);
/* harmony import */ var _types_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(5415);




/** The resource type of a group. */

/** The type every member has: hotdock groups containers only. */
const MEMBER_TYPE = 'DockerInc::Docker::Container';
/** Heat's default `index_var`. */
const DEFAULT_INDEX_VAR = '%index%';
/**
 * Most members one group may have. Heat sets no bound; a typo of a few digits would have hotdock
 * plan a million containers, so a count above it is refused before any member is built.
 */
const MAX_GROUP_COUNT = 1000;
/** The properties of a group, in Heat's order (schema and docs). */
const GROUP_PROPERTIES = (/* unused pure expression or super */ null && (['count', 'index_var', 'resource_def', 'removal_policies', 'removal_policies_mode']));
/** The member of `group` at `index`. */
function memberName(group, index) {
    return `${group}-${index}`;
}
/** True for a resource definition of type OS::Heat::ResourceGroup. */
function isGroupDefinition(def) {
    return def.type === _resource_group_schema_js__WEBPACK_IMPORTED_MODULE_1__/* .GROUP_TYPE */ .t;
}
/** The first `count` indexes not in `removed` (Heat: `_resource_names` skips the blacklist). */
function memberIndexes(count, removed) {
    const out = [];
    for (let i = 0; out.length < count; i++)
        if (!removed.has(i))
            out.push(i);
    return out;
}
/** Replaces `indexVar` by `index` in every string of `value`; deploy-time references are left alone. */
function substituteIndex(value, indexVar, index) {
    if (typeof value === 'string')
        return indexVar === '' ? value : value.split(indexVar).join(String(index));
    // A reference names a resource and an attribute: Heat replaces in resolved values, never in those.
    if ((0,_functions_spec_js__WEBPACK_IMPORTED_MODULE_0__/* .isRuntimeNode */ .$I)(value))
        return value;
    if (Array.isArray(value))
        return value.map((v) => substituteIndex(v, indexVar, index));
    if ((0,_functions_spec_js__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(value)) {
        const out = {};
        for (const k of Object.keys(value))
            out[k] = substituteIndex(value[k], indexVar, index);
        return out;
    }
    return value;
}
/**
 * The groups of one template: members by group name, computed once (count and removal_policies
 * are evaluated at most once, so their problems are reported once), and expansion into members.
 */
class GroupTable {
    scope;
    defs = new Map();
    memo = new Map();
    constructor(entries, scope) {
        this.scope = scope;
        for (const [name, def] of entries)
            if (isGroupDefinition(def))
                this.defs.set(name, def);
    }
    /** Names of the groups, in template order. */
    names() {
        return [...this.defs.keys()];
    }
    /** The members of group `name`; undefined when `name` is no group, INVALID when count or removal_policies is wrong. */
    members(name) {
        const def = this.defs.get(name);
        if (!def)
            return undefined;
        let found = this.memo.get(name);
        if (found === undefined)
            this.memo.set(name, (found = this.computeMembers(name, def)));
        return found;
    }
    fail(ptr, code, message, at = 'value') {
        this.scope.out.push((0,_diagnostic_factory_js__WEBPACK_IMPORTED_MODULE_2__/* .diagnosticAt */ .R)(this.scope.tpl, ptr, code, message, 'error', at));
        return _functions_spec_js__WEBPACK_IMPORTED_MODULE_0__/* .INVALID */ .uY;
    }
    computeMembers(name, def) {
        const propsPtr = (0,_types_js__WEBPACK_IMPORTED_MODULE_3__/* .childPointer */ .Y2)('/resources', name, 'properties');
        const props = def.properties;
        if (!(0,_functions_spec_js__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(props))
            return this.fail(propsPtr, 'invalid-group', `group '${name}': properties must be a mapping with at least resource_def`);
        const count = this.count(name, props, (0,_types_js__WEBPACK_IMPORTED_MODULE_3__/* .childPointer */ .Y2)(propsPtr, 'count'));
        const removed = this.removed(name, props, (0,_types_js__WEBPACK_IMPORTED_MODULE_3__/* .childPointer */ .Y2)(propsPtr, 'removal_policies'));
        if (count === _functions_spec_js__WEBPACK_IMPORTED_MODULE_0__/* .INVALID */ .uY || removed === _functions_spec_js__WEBPACK_IMPORTED_MODULE_0__/* .INVALID */ .uY)
            return _functions_spec_js__WEBPACK_IMPORTED_MODULE_0__/* .INVALID */ .uY;
        const indexes = memberIndexes(count, removed);
        return { indexes, names: indexes.map((i) => memberName(name, i)) };
    }
    count(name, props, ptr) {
        if (!('count' in props))
            return 1;
        const v = this.scope.evaluate(props.count, ptr);
        if (v === _functions_spec_js__WEBPACK_IMPORTED_MODULE_0__/* .INVALID */ .uY)
            return _functions_spec_js__WEBPACK_IMPORTED_MODULE_0__/* .INVALID */ .uY;
        if ((0,_functions_spec_js__WEBPACK_IMPORTED_MODULE_0__/* .containsRuntime */ .yk)(v)) {
            return this.fail(ptr, 'value-unknown-before-deploy', `group '${name}': count must be known before deploy (it decides which containers exist), but it needs ${(0,_functions_spec_js__WEBPACK_IMPORTED_MODULE_0__/* .firstReference */ .oQ)(v)}`);
        }
        const n = v === _functions_spec_js__WEBPACK_IMPORTED_MODULE_0__/* .OMIT */ .gD || v === null ? 1 : (0,_functions_spec_js__WEBPACK_IMPORTED_MODULE_0__/* .toInteger */ .yJ)(v);
        if (n === undefined || n < 0)
            return this.fail(ptr, 'invalid-value', `group '${name}': count must be a whole number, 0 or more, not ${(0,_functions_spec_js__WEBPACK_IMPORTED_MODULE_0__/* .describe */ .q0)(v)}`);
        if (n > MAX_GROUP_COUNT)
            return this.fail(ptr, 'group-too-large', `group '${name}': count ${n} is more than the ${MAX_GROUP_COUNT} members hotdock deploys in one group`);
        return n;
    }
    /** Indexes removal_policies lists: indexes, or member names `<group>-<index>`. */
    removed(name, props, ptr) {
        const out = new Set();
        if (!('removal_policies' in props))
            return out;
        const v = this.scope.evaluate(props.removal_policies, ptr);
        if (v === _functions_spec_js__WEBPACK_IMPORTED_MODULE_0__/* .INVALID */ .uY)
            return _functions_spec_js__WEBPACK_IMPORTED_MODULE_0__/* .INVALID */ .uY;
        if (v === _functions_spec_js__WEBPACK_IMPORTED_MODULE_0__/* .OMIT */ .gD || v === null)
            return out;
        const shape = `group '${name}': removal_policies must be a list of {resource_list: [index or member name, ...]}`;
        if (!Array.isArray(v) || (0,_functions_spec_js__WEBPACK_IMPORTED_MODULE_0__/* .containsRuntime */ .yk)(v))
            return this.fail(ptr, 'invalid-value', shape);
        let bad = false;
        v.forEach((policy, i) => {
            const pp = (0,_types_js__WEBPACK_IMPORTED_MODULE_3__/* .childPointer */ .Y2)(ptr, i);
            const list = (0,_functions_spec_js__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(policy) ? policy.resource_list : undefined;
            if (!Array.isArray(list)) {
                bad = this.fail(pp, 'invalid-value', shape) === _functions_spec_js__WEBPACK_IMPORTED_MODULE_0__/* .INVALID */ .uY;
                return;
            }
            list.forEach((item, j) => {
                const index = indexOf(name, item);
                if (index === undefined) {
                    bad = this.fail((0,_types_js__WEBPACK_IMPORTED_MODULE_3__/* .childPointer */ .Y2)(pp, 'resource_list', j), 'invalid-value', `group '${name}': removal_policies names ${(0,_functions_spec_js__WEBPACK_IMPORTED_MODULE_0__/* .describe */ .q0)(item)}, which is neither a member index (0, 1, ...) nor a member name (${memberName(name, 0)}, ...)`) === _functions_spec_js__WEBPACK_IMPORTED_MODULE_0__/* .INVALID */ .uY;
                }
                else
                    out.add(index);
            });
        });
        return bad ? _functions_spec_js__WEBPACK_IMPORTED_MODULE_0__/* .INVALID */ .uY : out;
    }
    /**
     * The members of group `name` as resources, or undefined when the group is invalid (reported).
     * `taken` holds the other resources' names: a member may not collide with one.
     */
    expand(name, def, taken) {
        const members = this.members(name);
        if (members === undefined || members === _functions_spec_js__WEBPACK_IMPORTED_MODULE_0__/* .INVALID */ .uY)
            return undefined;
        const propsPtr = (0,_types_js__WEBPACK_IMPORTED_MODULE_3__/* .childPointer */ .Y2)('/resources', name, 'properties');
        const props = def.properties;
        const defPtr = (0,_types_js__WEBPACK_IMPORTED_MODULE_3__/* .childPointer */ .Y2)(propsPtr, 'resource_def');
        const indexVar = this.indexVar(name, props, (0,_types_js__WEBPACK_IMPORTED_MODULE_3__/* .childPointer */ .Y2)(propsPtr, 'index_var'));
        const rdef = (0,_functions_spec_js__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(props.resource_def) ? props.resource_def : undefined;
        if (!rdef)
            return void this.fail(defPtr, 'invalid-group', `group '${name}': resource_def must be a mapping with type ${MEMBER_TYPE} and properties`);
        const body = (0,_functions_spec_js__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(rdef.properties) ? this.scope.evaluate(rdef.properties, (0,_types_js__WEBPACK_IMPORTED_MODULE_3__/* .childPointer */ .Y2)(defPtr, 'properties')) : {};
        // Evaluated once for all members, like the properties: `metadata.hotdock` works on members too.
        const metadata = (0,_functions_spec_js__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(rdef.metadata) ? this.scope.evaluate(rdef.metadata, (0,_types_js__WEBPACK_IMPORTED_MODULE_3__/* .childPointer */ .Y2)(defPtr, 'metadata')) : undefined;
        if (indexVar === _functions_spec_js__WEBPACK_IMPORTED_MODULE_0__/* .INVALID */ .uY || body === _functions_spec_js__WEBPACK_IMPORTED_MODULE_0__/* .INVALID */ .uY)
            return undefined;
        const properties = body === _functions_spec_js__WEBPACK_IMPORTED_MODULE_0__/* .OMIT */ .gD || !(0,_functions_spec_js__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(body) ? {} : body;
        const clash = members.names.find((m) => taken.has(m));
        if (clash !== undefined) {
            return void this.fail(propsPtr.slice(0, propsPtr.lastIndexOf('/')), 'duplicate-resource', `group '${name}': its member '${clash}' has the name of another resource of this template; rename one of them`, 'key');
        }
        const fixedName = properties.name;
        if (typeof fixedName === 'string' && members.indexes.length > 1 && (indexVar === '' || !fixedName.includes(indexVar))) {
            return void this.fail((0,_types_js__WEBPACK_IMPORTED_MODULE_3__/* .childPointer */ .Y2)(defPtr, 'properties', 'name'), 'group-name-not-indexed', `group '${name}': name '${fixedName}' would be the same for all ${members.indexes.length} members; put ${indexVar || DEFAULT_INDEX_VAR} in it (e.g. '${fixedName}-${indexVar || DEFAULT_INDEX_VAR}'), or leave name out`);
        }
        return members.indexes.map((index, i) => ({
            name: members.names[i],
            index,
            properties: substituteIndex(properties, indexVar, index),
            ...((0,_functions_spec_js__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(metadata) ? { metadata: substituteIndex(metadata, indexVar, index) } : {}),
            pointer: defPtr,
        }));
    }
    indexVar(name, props, ptr) {
        if (!('index_var' in props))
            return DEFAULT_INDEX_VAR;
        const v = this.scope.evaluate(props.index_var, ptr);
        if (v === _functions_spec_js__WEBPACK_IMPORTED_MODULE_0__/* .INVALID */ .uY)
            return _functions_spec_js__WEBPACK_IMPORTED_MODULE_0__/* .INVALID */ .uY;
        if (typeof v !== 'string' || v === '')
            return this.fail(ptr, 'invalid-value', `group '${name}': index_var must be a non-empty string, not ${(0,_functions_spec_js__WEBPACK_IMPORTED_MODULE_0__/* .describe */ .q0)(v)}`);
        return v;
    }
}
/** The index a removal_policies item names: an index, or `<group>-<index>`. */
function indexOf(group, item) {
    const direct = (0,_functions_spec_js__WEBPACK_IMPORTED_MODULE_0__/* .toInteger */ .yJ)(item);
    if (direct !== undefined)
        return direct >= 0 ? direct : undefined;
    if (typeof item !== 'string' || !item.startsWith(`${group}-`))
        return undefined;
    const n = (0,_functions_spec_js__WEBPACK_IMPORTED_MODULE_0__/* .toInteger */ .yJ)(item.slice(group.length + 1));
    return n !== undefined && n >= 0 ? n : undefined;
}


/***/ }),

/***/ 1270:
/***/ (function(__unused_webpack_module, __webpack_exports__, __nccwpck_require__) {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Vf: () => (/* binding */ isStaticResourceType),
/* harmony export */   Yq: () => (/* binding */ staticAttributes),
/* harmony export */   r_: () => (/* binding */ staticResource)
/* harmony export */ });
/* unused harmony export VALUE_ATTRIBUTE */
/* harmony import */ var _diagnostic_factory_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(7884);
/* harmony import */ var _functions_spec_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(577);
/* harmony import */ var _parameter_types_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(8945);
/* harmony import */ var _types_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(5415);




/** OS::Heat::Value's one attribute. */
const VALUE_ATTRIBUTE = 'value';
/** True for the types resolved here rather than deployed. */
function isStaticResourceType(type) {
    return type === 'OS::Heat::Value' || type === 'OS::Heat::None';
}
/** The attributes get_attr may ask a static resource for, by type. */
function staticAttributes(type) {
    return type === 'OS::Heat::Value' ? [VALUE_ATTRIBUTE] : [];
}
/**
 * A lazily resolved static resource: a Value's value is evaluated the first time something
 * asks for it (another resource may come later in the template), once, and a Value whose value
 * asks for itself is an error rather than a loop.
 */
function staticResource(name, def, scope) {
    const rp = (0,_types_js__WEBPACK_IMPORTED_MODULE_2__/* .pointer */ .Wn)('resources', name);
    let state = 'new';
    let value;
    const resolveValue = () => {
        if (state === 'done')
            return value;
        if (state === 'busy') {
            scope.out.push((0,_diagnostic_factory_js__WEBPACK_IMPORTED_MODULE_3__/* .diagnosticAt */ .R)(scope.tpl, (0,_types_js__WEBPACK_IMPORTED_MODULE_2__/* .childPointer */ .Y2)(rp, 'properties', 'value'), 'dependency-cycle', `OS::Heat::Value '${name}': its value needs its own value`));
            return _functions_spec_js__WEBPACK_IMPORTED_MODULE_0__/* .INVALID */ .uY;
        }
        state = 'busy';
        value = evaluateValueProperty(name, def, scope);
        state = 'done';
        return value;
    };
    return {
        type: String(def.type),
        id: `${scope.stackName}-${name}`,
        attributes() {
            if (def.type !== 'OS::Heat::Value')
                return {};
            const v = resolveValue();
            return v === _functions_spec_js__WEBPACK_IMPORTED_MODULE_0__/* .INVALID */ .uY ? _functions_spec_js__WEBPACK_IMPORTED_MODULE_0__/* .INVALID */ .uY : { [VALUE_ATTRIBUTE]: v };
        },
    };
}
function evaluateValueProperty(name, def, scope) {
    const propsPtr = (0,_types_js__WEBPACK_IMPORTED_MODULE_2__/* .childPointer */ .Y2)((0,_types_js__WEBPACK_IMPORTED_MODULE_2__/* .pointer */ .Wn)('resources', name), 'properties');
    if (!(0,_functions_spec_js__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(def.properties))
        return null;
    const raw = scope.evaluate(def.properties.value, (0,_types_js__WEBPACK_IMPORTED_MODULE_2__/* .childPointer */ .Y2)(propsPtr, 'value'));
    const type = scope.evaluate(def.properties.type, (0,_types_js__WEBPACK_IMPORTED_MODULE_2__/* .childPointer */ .Y2)(propsPtr, 'type'));
    const value = raw === _functions_spec_js__WEBPACK_IMPORTED_MODULE_0__/* .OMIT */ .gD ? null : raw;
    if ((0,_functions_spec_js__WEBPACK_IMPORTED_MODULE_0__/* .containsInvalid */ .Xm)(value) || type === _functions_spec_js__WEBPACK_IMPORTED_MODULE_0__/* .INVALID */ .uY)
        return _functions_spec_js__WEBPACK_IMPORTED_MODULE_0__/* .INVALID */ .uY;
    // A value known only at deploy time is passed on as it is: its type cannot be checked now.
    if (type === undefined || type === null || value === null || (0,_functions_spec_js__WEBPACK_IMPORTED_MODULE_0__/* .containsRuntime */ .yk)(value))
        return value;
    if (!(0,_parameter_types_js__WEBPACK_IMPORTED_MODULE_1__/* .isParameterType */ .am)(type)) {
        scope.out.push((0,_diagnostic_factory_js__WEBPACK_IMPORTED_MODULE_3__/* .diagnosticAt */ .R)(scope.tpl, (0,_types_js__WEBPACK_IMPORTED_MODULE_2__/* .childPointer */ .Y2)(propsPtr, 'type'), 'invalid-value', `OS::Heat::Value '${name}': type must be string, number, comma_delimited_list, json or boolean`));
        return _functions_spec_js__WEBPACK_IMPORTED_MODULE_0__/* .INVALID */ .uY;
    }
    // Heat gives the value property the schema of that type: the value is converted to it.
    const coerced = (0,_parameter_types_js__WEBPACK_IMPORTED_MODULE_1__/* .coerceValue */ .vP)(type, value);
    if (!coerced.ok) {
        scope.out.push((0,_diagnostic_factory_js__WEBPACK_IMPORTED_MODULE_3__/* .diagnosticAt */ .R)(scope.tpl, (0,_types_js__WEBPACK_IMPORTED_MODULE_2__/* .childPointer */ .Y2)(propsPtr, 'value'), 'wrong-type', `OS::Heat::Value '${name}': the value ${coerced.reason} (its type is ${type})`));
        return _functions_spec_js__WEBPACK_IMPORTED_MODULE_0__/* .INVALID */ .uY;
    }
    return coerced.value;
}


/***/ }),

/***/ 5415:
/***/ (function(__unused_webpack_module, __webpack_exports__, __nccwpck_require__) {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Wn: () => (/* binding */ pointer),
/* harmony export */   Y2: () => (/* binding */ childPointer),
/* harmony export */   _B: () => (/* binding */ unescapePointer),
/* harmony export */   lZ: () => (/* binding */ escapePointer)
/* harmony export */ });
/** Escapes one JSON Pointer segment. */
function escapePointer(segment) {
    const s = String(segment);
    // Most segments need no escaping: skip the two replaces (pointers are built for every node).
    return s.includes('~') || s.includes('/') ? s.replace(/~/g, '~0').replace(/\//g, '~1') : s;
}
/** The key or index one escaped JSON Pointer segment names (the inverse of escapePointer). */
function unescapePointer(segment) {
    return segment.includes('~') ? segment.replace(/~1/g, '/').replace(/~0/g, '~') : segment;
}
/** Joins segments into a JSON Pointer: pointer('resources', 'web') \u2192 '/resources/web'. */
function pointer(...segments) {
    let out = '';
    // Indexed loops here and in the walkers below: cold code allocates an iterator result per step.
    for (let i = 0; i < segments.length; i++)
        out += '/' + escapePointer(segments[i]);
    return out;
}
/** Appends segments to an existing pointer. */
function childPointer(parent, ...segments) {
    let out = parent;
    for (let i = 0; i < segments.length; i++)
        out += '/' + escapePointer(segments[i]);
    return out;
}


/***/ }),

/***/ 9481:
/***/ (function(__unused_webpack_module, __webpack_exports__, __nccwpck_require__) {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   KU: () => (/* binding */ HOT_VERSIONS),
/* harmony export */   gk: () => (/* binding */ checkVersionFeatures),
/* harmony export */   ps: () => (/* binding */ checkVersion),
/* harmony export */   zy: () => (/* binding */ versionAtLeast)
/* harmony export */ });
/* unused harmony exports HOT_VERSION_ALIASES, normalizeVersion, FEATURE_VERSIONS */
/* harmony import */ var _diagnostic_factory_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(7884);
/* harmony import */ var _types_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(5415);


/** Every HOT version Heat knows, oldest first (canonical date form). */
const HOT_VERSIONS = [
    '2013-05-23',
    '2014-10-16',
    '2015-04-30',
    '2015-10-15',
    '2016-04-08',
    '2016-10-14',
    '2017-02-24',
    '2017-09-01',
    '2018-03-02',
    '2018-08-31',
    '2021-04-16',
];
/** Release names Heat accepts in place of a date. */
const HOT_VERSION_ALIASES = {
    newton: '2016-10-14',
    ocata: '2017-02-24',
    pike: '2017-09-01',
    queens: '2018-03-02',
    rocky: '2018-08-31',
    wallaby: '2021-04-16',
};
const VERSION_KEY = '/heat_template_version';
function isMapping(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}
/** Canonical form of a version as written, or undefined when it is not a known version. */
function normalizeVersion(raw) {
    let text;
    if (typeof raw === 'string')
        text = raw.trim();
    // A YAML 1.1 loader turns an unquoted date into a Date: take its calendar date back.
    else if (raw instanceof Date && !Number.isNaN(raw.getTime()))
        text = raw.toISOString().slice(0, 10);
    if (text === undefined)
        return undefined;
    if (HOT_VERSIONS.includes(text))
        return text;
    return HOT_VERSION_ALIASES[text];
}
/** Lists the accepted spellings, for messages. */
function validVersionsText() {
    const aliasOf = new Map(Object.entries(HOT_VERSION_ALIASES).map(([alias, v]) => [v, alias]));
    return HOT_VERSIONS.map((v) => (aliasOf.has(v) ? `${v} (${aliasOf.get(v)})` : v)).join(', ');
}
/**
 * Reads `heat_template_version`. Missing \u2192 `missing-version` at 1:1; not a string or not a
 * known version \u2192 `unknown-version` at the value, listing the valid ones.
 */
function checkVersion(tpl) {
    const doc = tpl.doc;
    // A document that is not a mapping at all is a structure error reported elsewhere.
    if (doc !== null && doc !== undefined && !isMapping(doc))
        return { diagnostics: [] };
    if (!isMapping(doc) || !('heat_template_version' in doc)) {
        return {
            diagnostics: [
                {
                    file: tpl.file,
                    line: 1,
                    column: 1,
                    path: VERSION_KEY,
                    code: 'missing-version',
                    message: `the template has no heat_template_version; add one, e.g. 'heat_template_version: 2021-04-16' (valid versions: ${validVersionsText()})`,
                    severity: 'error',
                },
            ],
        };
    }
    const raw = doc.heat_template_version;
    const version = normalizeVersion(raw);
    if (version)
        return { version, diagnostics: [] };
    const shown = typeof raw === 'string' ? `'${raw}'` : raw === null ? 'an empty value' : JSON.stringify(raw) ?? String(raw);
    return {
        diagnostics: [
            (0,_diagnostic_factory_js__WEBPACK_IMPORTED_MODULE_0__/* .diagnosticAt */ .R)(tpl, VERSION_KEY, 'unknown-version', `heat_template_version ${shown} is not a known HOT version; valid versions are ${validVersionsText()}`),
        ],
    };
}
/** True when `v` is `min` or newer. Canonical versions are ISO dates, so text order is time order. */
function versionAtLeast(v, min) {
    return v >= min;
}
/** The version that brought each gated template feature. */
const FEATURE_VERSIONS = {
    conditions: '2016-10-14',
    resourceCondition: '2016-10-14',
    externalId: '2016-10-14',
    outputCondition: '2016-10-14',
    parameterTags: '2018-03-02',
    modulo: '2017-02-24',
    // Heat's HOTemplate20161014.deletion_policies added 'delete', 'retain' and 'snapshot'.
    lowercaseDeletionPolicy: '2016-10-14',
};
function tooNew(what, min, version) {
    return `${what} needs heat_template_version ${min} or later; this template is ${version}`;
}
/**
 * Template features (not functions) used in a template older than the version that brought
 * them: the `conditions` section, resource `condition`/`external_id`, output `condition`,
 * parameter `tags` and the `modulo` constraint. Each one \u2192 `feature-not-in-version` at its key.
 */
function checkVersionFeatures(tpl, version) {
    const doc = tpl.doc;
    if (!isMapping(doc))
        return [];
    const out = [];
    const gate = (ptr, what, min) => {
        if (!versionAtLeast(version, min)) {
            out.push((0,_diagnostic_factory_js__WEBPACK_IMPORTED_MODULE_0__/* .diagnosticAt */ .R)(tpl, ptr, 'feature-not-in-version', tooNew(what, min, version), 'error', 'key'));
        }
    };
    if ('conditions' in doc)
        gate((0,_types_js__WEBPACK_IMPORTED_MODULE_1__/* .pointer */ .Wn)('conditions'), "the 'conditions' section", FEATURE_VERSIONS.conditions);
    if (isMapping(doc.parameters)) {
        for (const [name, def] of Object.entries(doc.parameters)) {
            if (!isMapping(def))
                continue;
            const base = (0,_types_js__WEBPACK_IMPORTED_MODULE_1__/* .pointer */ .Wn)('parameters', name);
            if ('tags' in def)
                gate((0,_types_js__WEBPACK_IMPORTED_MODULE_1__/* .childPointer */ .Y2)(base, 'tags'), `the 'tags' key of parameter '${name}'`, FEATURE_VERSIONS.parameterTags);
            if (!Array.isArray(def.constraints))
                continue;
            def.constraints.forEach((c, i) => {
                if (isMapping(c) && 'modulo' in c) {
                    gate((0,_types_js__WEBPACK_IMPORTED_MODULE_1__/* .childPointer */ .Y2)(base, 'constraints', i, 'modulo'), `the 'modulo' constraint of parameter '${name}'`, FEATURE_VERSIONS.modulo);
                }
            });
        }
    }
    if (isMapping(doc.resources)) {
        for (const name of Object.keys(doc.resources)) {
            const res = doc.resources[name];
            if (!isMapping(res))
                continue;
            if ('condition' in res)
                gate((0,_types_js__WEBPACK_IMPORTED_MODULE_1__/* .pointer */ .Wn)('resources', name, 'condition'), `the 'condition' key of resource '${name}'`, FEATURE_VERSIONS.resourceCondition);
            if ('external_id' in res)
                gate((0,_types_js__WEBPACK_IMPORTED_MODULE_1__/* .pointer */ .Wn)('resources', name, 'external_id'), `the 'external_id' key of resource '${name}'`, FEATURE_VERSIONS.externalId);
            const policy = res.deletion_policy;
            if (policy === 'delete' || policy === 'retain') {
                gate((0,_types_js__WEBPACK_IMPORTED_MODULE_1__/* .pointer */ .Wn)('resources', name, 'deletion_policy'), `the lowercase deletion_policy '${policy}' of resource '${name}'`, FEATURE_VERSIONS.lowercaseDeletionPolicy);
            }
        }
    }
    if (isMapping(doc.outputs)) {
        for (const [name, out_] of Object.entries(doc.outputs)) {
            if (isMapping(out_) && 'condition' in out_) {
                gate((0,_types_js__WEBPACK_IMPORTED_MODULE_1__/* .childPointer */ .Y2)((0,_types_js__WEBPACK_IMPORTED_MODULE_1__/* .pointer */ .Wn)('outputs', name), 'condition'), `the 'condition' key of output '${name}'`, FEATURE_VERSIONS.outputCondition);
            }
        }
    }
    return out;
}


/***/ }),

/***/ 2613:
/***/ (function(module) {

module.exports = __WEBPACK_EXTERNAL_createRequire(__hotdockImportMetaUrl)("assert");

/***/ }),

/***/ 181:
/***/ (function(module) {

module.exports = __WEBPACK_EXTERNAL_createRequire(__hotdockImportMetaUrl)("buffer");

/***/ }),

/***/ 5317:
/***/ (function(module) {

module.exports = __WEBPACK_EXTERNAL_createRequire(__hotdockImportMetaUrl)("child_process");

/***/ }),

/***/ 9140:
/***/ (function(module) {

module.exports = __WEBPACK_EXTERNAL_createRequire(__hotdockImportMetaUrl)("constants");

/***/ }),

/***/ 6982:
/***/ (function(module) {

module.exports = __WEBPACK_EXTERNAL_createRequire(__hotdockImportMetaUrl)("crypto");

/***/ }),

/***/ 2250:
/***/ (function(module) {

module.exports = __WEBPACK_EXTERNAL_createRequire(__hotdockImportMetaUrl)("dns");

/***/ }),

/***/ 4434:
/***/ (function(module) {

module.exports = __WEBPACK_EXTERNAL_createRequire(__hotdockImportMetaUrl)("events");

/***/ }),

/***/ 9896:
/***/ (function(module) {

module.exports = __WEBPACK_EXTERNAL_createRequire(__hotdockImportMetaUrl)("fs");

/***/ }),

/***/ 8611:
/***/ (function(module) {

module.exports = __WEBPACK_EXTERNAL_createRequire(__hotdockImportMetaUrl)("http");

/***/ }),

/***/ 8056:
/***/ (function(module) {

module.exports = __WEBPACK_EXTERNAL_createRequire(__hotdockImportMetaUrl)("http2");

/***/ }),

/***/ 5692:
/***/ (function(module) {

module.exports = __WEBPACK_EXTERNAL_createRequire(__hotdockImportMetaUrl)("https");

/***/ }),

/***/ 9278:
/***/ (function(module) {

module.exports = __WEBPACK_EXTERNAL_createRequire(__hotdockImportMetaUrl)("net");

/***/ }),

/***/ 4589:
/***/ (function(module) {

module.exports = __WEBPACK_EXTERNAL_createRequire(__hotdockImportMetaUrl)("node:assert");

/***/ }),

/***/ 6698:
/***/ (function(module) {

module.exports = __WEBPACK_EXTERNAL_createRequire(__hotdockImportMetaUrl)("node:async_hooks");

/***/ }),

/***/ 4573:
/***/ (function(module) {

module.exports = __WEBPACK_EXTERNAL_createRequire(__hotdockImportMetaUrl)("node:buffer");

/***/ }),

/***/ 7540:
/***/ (function(module) {

module.exports = __WEBPACK_EXTERNAL_createRequire(__hotdockImportMetaUrl)("node:console");

/***/ }),

/***/ 7598:
/***/ (function(module) {

module.exports = __WEBPACK_EXTERNAL_createRequire(__hotdockImportMetaUrl)("node:crypto");

/***/ }),

/***/ 3053:
/***/ (function(module) {

module.exports = __WEBPACK_EXTERNAL_createRequire(__hotdockImportMetaUrl)("node:diagnostics_channel");

/***/ }),

/***/ 610:
/***/ (function(module) {

module.exports = __WEBPACK_EXTERNAL_createRequire(__hotdockImportMetaUrl)("node:dns");

/***/ }),

/***/ 8474:
/***/ (function(module) {

module.exports = __WEBPACK_EXTERNAL_createRequire(__hotdockImportMetaUrl)("node:events");

/***/ }),

/***/ 3024:
/***/ (function(module) {

module.exports = __WEBPACK_EXTERNAL_createRequire(__hotdockImportMetaUrl)("node:fs");

/***/ }),

/***/ 7067:
/***/ (function(module) {

module.exports = __WEBPACK_EXTERNAL_createRequire(__hotdockImportMetaUrl)("node:http");

/***/ }),

/***/ 2467:
/***/ (function(module) {

module.exports = __WEBPACK_EXTERNAL_createRequire(__hotdockImportMetaUrl)("node:http2");

/***/ }),

/***/ 4708:
/***/ (function(module) {

module.exports = __WEBPACK_EXTERNAL_createRequire(__hotdockImportMetaUrl)("node:https");

/***/ }),

/***/ 8995:
/***/ (function(module) {

module.exports = __WEBPACK_EXTERNAL_createRequire(__hotdockImportMetaUrl)("node:module");

/***/ }),

/***/ 7030:
/***/ (function(module) {

module.exports = __WEBPACK_EXTERNAL_createRequire(__hotdockImportMetaUrl)("node:net");

/***/ }),

/***/ 8161:
/***/ (function(module) {

module.exports = __WEBPACK_EXTERNAL_createRequire(__hotdockImportMetaUrl)("node:os");

/***/ }),

/***/ 6760:
/***/ (function(module) {

module.exports = __WEBPACK_EXTERNAL_createRequire(__hotdockImportMetaUrl)("node:path");

/***/ }),

/***/ 643:
/***/ (function(module) {

module.exports = __WEBPACK_EXTERNAL_createRequire(__hotdockImportMetaUrl)("node:perf_hooks");

/***/ }),

/***/ 1792:
/***/ (function(module) {

module.exports = __WEBPACK_EXTERNAL_createRequire(__hotdockImportMetaUrl)("node:querystring");

/***/ }),

/***/ 7075:
/***/ (function(module) {

module.exports = __WEBPACK_EXTERNAL_createRequire(__hotdockImportMetaUrl)("node:stream");

/***/ }),

/***/ 1692:
/***/ (function(module) {

module.exports = __WEBPACK_EXTERNAL_createRequire(__hotdockImportMetaUrl)("node:tls");

/***/ }),

/***/ 3136:
/***/ (function(module) {

module.exports = __WEBPACK_EXTERNAL_createRequire(__hotdockImportMetaUrl)("node:url");

/***/ }),

/***/ 7975:
/***/ (function(module) {

module.exports = __WEBPACK_EXTERNAL_createRequire(__hotdockImportMetaUrl)("node:util");

/***/ }),

/***/ 3429:
/***/ (function(module) {

module.exports = __WEBPACK_EXTERNAL_createRequire(__hotdockImportMetaUrl)("node:util/types");

/***/ }),

/***/ 5919:
/***/ (function(module) {

module.exports = __WEBPACK_EXTERNAL_createRequire(__hotdockImportMetaUrl)("node:worker_threads");

/***/ }),

/***/ 8522:
/***/ (function(module) {

module.exports = __WEBPACK_EXTERNAL_createRequire(__hotdockImportMetaUrl)("node:zlib");

/***/ }),

/***/ 857:
/***/ (function(module) {

module.exports = __WEBPACK_EXTERNAL_createRequire(__hotdockImportMetaUrl)("os");

/***/ }),

/***/ 6928:
/***/ (function(module) {

module.exports = __WEBPACK_EXTERNAL_createRequire(__hotdockImportMetaUrl)("path");

/***/ }),

/***/ 932:
/***/ (function(module) {

module.exports = __WEBPACK_EXTERNAL_createRequire(__hotdockImportMetaUrl)("process");

/***/ }),

/***/ 3480:
/***/ (function(module) {

module.exports = __WEBPACK_EXTERNAL_createRequire(__hotdockImportMetaUrl)("querystring");

/***/ }),

/***/ 2203:
/***/ (function(module) {

module.exports = __WEBPACK_EXTERNAL_createRequire(__hotdockImportMetaUrl)("stream");

/***/ }),

/***/ 3193:
/***/ (function(module) {

module.exports = __WEBPACK_EXTERNAL_createRequire(__hotdockImportMetaUrl)("string_decoder");

/***/ }),

/***/ 3557:
/***/ (function(module) {

module.exports = __WEBPACK_EXTERNAL_createRequire(__hotdockImportMetaUrl)("timers");

/***/ }),

/***/ 4756:
/***/ (function(module) {

module.exports = __WEBPACK_EXTERNAL_createRequire(__hotdockImportMetaUrl)("tls");

/***/ }),

/***/ 2018:
/***/ (function(module) {

module.exports = __WEBPACK_EXTERNAL_createRequire(__hotdockImportMetaUrl)("tty");

/***/ }),

/***/ 7016:
/***/ (function(module) {

module.exports = __WEBPACK_EXTERNAL_createRequire(__hotdockImportMetaUrl)("url");

/***/ }),

/***/ 9023:
/***/ (function(module) {

module.exports = __WEBPACK_EXTERNAL_createRequire(__hotdockImportMetaUrl)("util");

/***/ }),

/***/ 3106:
/***/ (function(module) {

module.exports = __WEBPACK_EXTERNAL_createRequire(__hotdockImportMetaUrl)("zlib");

/***/ }),

/***/ 3243:
/***/ (function(__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) {

__nccwpck_require__.r(__webpack_exports__);
/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   CHOMPING_CLIP: () => (/* binding */ CHOMPING_CLIP),
/* harmony export */   CHOMPING_KEEP: () => (/* binding */ CHOMPING_KEEP),
/* harmony export */   CHOMPING_MODE: () => (/* binding */ CHOMPING_MODE),
/* harmony export */   CHOMPING_STRIP: () => (/* binding */ CHOMPING_STRIP),
/* harmony export */   COLLECTION_STYLE: () => (/* binding */ COLLECTION_STYLE),
/* harmony export */   COLLECTION_STYLE_BLOCK: () => (/* binding */ COLLECTION_STYLE_BLOCK),
/* harmony export */   COLLECTION_STYLE_FLOW: () => (/* binding */ COLLECTION_STYLE_FLOW),
/* harmony export */   CORE_SCHEMA: () => (/* binding */ CORE_SCHEMA),
/* harmony export */   DEFAULT_SCALAR_STYLE_RULES: () => (/* binding */ DEFAULT_SCALAR_STYLE_RULES),
/* harmony export */   DUMP_SCHEMA: () => (/* binding */ DUMP_SCHEMA),
/* harmony export */   EVENT_ALIAS: () => (/* binding */ EVENT_ALIAS),
/* harmony export */   EVENT_DOCUMENT: () => (/* binding */ EVENT_DOCUMENT),
/* harmony export */   EVENT_ID: () => (/* binding */ EVENT_ID),
/* harmony export */   EVENT_MAPPING: () => (/* binding */ EVENT_MAPPING),
/* harmony export */   EVENT_POP: () => (/* binding */ EVENT_POP),
/* harmony export */   EVENT_SCALAR: () => (/* binding */ EVENT_SCALAR),
/* harmony export */   EVENT_SEQUENCE: () => (/* binding */ EVENT_SEQUENCE),
/* harmony export */   FAILSAFE_SCHEMA: () => (/* binding */ FAILSAFE_SCHEMA),
/* harmony export */   JSON_SCHEMA: () => (/* binding */ JSON_SCHEMA),
/* harmony export */   NOT_RESOLVED: () => (/* binding */ NOT_RESOLVED),
/* harmony export */   SCALAR_STYLE: () => (/* binding */ SCALAR_STYLE),
/* harmony export */   SCALAR_STYLE_DOUBLE_QUOTED: () => (/* binding */ SCALAR_STYLE_DOUBLE_QUOTED),
/* harmony export */   SCALAR_STYLE_FOLDED_BLOCK: () => (/* binding */ SCALAR_STYLE_FOLDED_BLOCK),
/* harmony export */   SCALAR_STYLE_LITERAL_BLOCK: () => (/* binding */ SCALAR_STYLE_LITERAL_BLOCK),
/* harmony export */   SCALAR_STYLE_PLAIN: () => (/* binding */ SCALAR_STYLE_PLAIN),
/* harmony export */   SCALAR_STYLE_SINGLE_QUOTED: () => (/* binding */ SCALAR_STYLE_SINGLE_QUOTED),
/* harmony export */   Schema: () => (/* binding */ Schema),
/* harmony export */   VISIT_BREAK: () => (/* binding */ VISIT_BREAK),
/* harmony export */   VISIT_SKIP: () => (/* binding */ VISIT_SKIP),
/* harmony export */   YAML11_SCHEMA: () => (/* binding */ YAML11_SCHEMA),
/* harmony export */   YAMLException: () => (/* binding */ YAMLException),
/* harmony export */   binaryTag: () => (/* binding */ binaryTag),
/* harmony export */   boolCoreTag: () => (/* binding */ boolCoreTag),
/* harmony export */   boolJsonTag: () => (/* binding */ boolJsonTag),
/* harmony export */   boolYaml11Tag: () => (/* binding */ boolYaml11Tag),
/* harmony export */   constructFromEvents: () => (/* binding */ constructFromEvents),
/* harmony export */   defineMappingTag: () => (/* binding */ defineMappingTag),
/* harmony export */   defineScalarTag: () => (/* binding */ defineScalarTag),
/* harmony export */   defineSequenceTag: () => (/* binding */ defineSequenceTag),
/* harmony export */   dump: () => (/* binding */ dump),
/* harmony export */   eventsToAst: () => (/* binding */ eventsToAst),
/* harmony export */   floatCoreTag: () => (/* binding */ floatCoreTag),
/* harmony export */   floatJsonTag: () => (/* binding */ floatJsonTag),
/* harmony export */   floatYaml11Tag: () => (/* binding */ floatYaml11Tag),
/* harmony export */   getScalarValue: () => (/* binding */ getScalarValue),
/* harmony export */   intCoreTag: () => (/* binding */ intCoreTag),
/* harmony export */   intJsonTag: () => (/* binding */ intJsonTag),
/* harmony export */   intYaml11Tag: () => (/* binding */ intYaml11Tag),
/* harmony export */   jsToAst: () => (/* binding */ jsToAst),
/* harmony export */   legacyMapTag: () => (/* binding */ legacyMapTag),
/* harmony export */   load: () => (/* binding */ load),
/* harmony export */   loadAll: () => (/* binding */ loadAll),
/* harmony export */   mapTag: () => (/* binding */ mapTag),
/* harmony export */   mergeTag: () => (/* binding */ mergeTag),
/* harmony export */   nullCoreTag: () => (/* binding */ nullCoreTag),
/* harmony export */   nullJsonTag: () => (/* binding */ nullJsonTag),
/* harmony export */   nullYaml11Tag: () => (/* binding */ nullYaml11Tag),
/* harmony export */   omapTag: () => (/* binding */ omapTag),
/* harmony export */   pairsTag: () => (/* binding */ pairsTag),
/* harmony export */   parseEvents: () => (/* binding */ parseEvents),
/* harmony export */   present: () => (/* binding */ present),
/* harmony export */   realMapTag: () => (/* binding */ realMapTag),
/* harmony export */   seqTag: () => (/* binding */ seqTag),
/* harmony export */   setTag: () => (/* binding */ setTag),
/* harmony export */   strTag: () => (/* binding */ strTag),
/* harmony export */   timestampTag: () => (/* binding */ timestampTag),
/* harmony export */   visit: () => (/* binding */ visit)
/* harmony export */ });
/*! js-yaml 5.5.0 https://github.com/nodeca/js-yaml @license MIT */
//#region src/tag.ts
/**
* Returned by a scalar resolver when the source does not match its tag.
*
* @category Tags
*/
var NOT_RESOLVED = Symbol("NOT_RESOLVED");
/**
* Create a normalized scalar tag definition.
*
* @category Tags
*/
function defineScalarTag(tagName, options) {
	return {
		tagName,
		nodeKind: "scalar",
		implicit: options.implicit ?? false,
		matchByTagPrefix: options.matchByTagPrefix ?? false,
		implicitFirstChars: options.implicitFirstChars ?? null,
		resolve: options.resolve,
		identify: options.identify,
		represent: options.represent ?? ((data) => String(data)),
		representTagName: options.representTagName ?? (() => tagName)
	};
}
/**
* Create a normalized sequence tag definition.
*
* @category Tags
*/
function defineSequenceTag(tagName, options) {
	const carrierIsResult = options.finalize === void 0;
	return {
		tagName,
		nodeKind: "sequence",
		implicit: false,
		matchByTagPrefix: options.matchByTagPrefix ?? false,
		create: options.create,
		addItem: options.addItem,
		finalize: options.finalize ?? ((carrier) => carrier),
		carrierIsResult,
		identify: options.identify,
		represent: options.represent ?? ((data) => data),
		representTagName: options.representTagName ?? (() => tagName)
	};
}
/**
* Create a normalized mapping tag definition.
*
* @category Tags
*/
function defineMappingTag(tagName, options) {
	const carrierIsResult = options.finalize === void 0;
	return {
		tagName,
		nodeKind: "mapping",
		implicit: false,
		matchByTagPrefix: options.matchByTagPrefix ?? false,
		create: options.create,
		addPair: options.addPair,
		has: options.has,
		keys: options.keys,
		get: options.get,
		finalize: options.finalize ?? ((carrier) => carrier),
		carrierIsResult,
		identify: options.identify,
		represent: options.represent ?? ((data) => data),
		representTagName: options.representTagName ?? (() => tagName)
	};
}
//#endregion
//#region src/tag/scalar/str.ts
/** @category Tags */
var strTag = defineScalarTag("tag:yaml.org,2002:str", {
	resolve: (source) => source,
	identify: (data) => typeof data === "string"
});
//#endregion
//#region src/tag/scalar/null_core.ts
var NULL_VALUES$1 = [
	"",
	"~",
	"null",
	"Null",
	"NULL"
];
/** @category Tags */
var nullCoreTag = defineScalarTag("tag:yaml.org,2002:null", {
	implicit: true,
	implicitFirstChars: [
		"",
		"~",
		"n",
		"N"
	],
	resolve: (source) => {
		if (NULL_VALUES$1.indexOf(source) !== -1) return null;
		return NOT_RESOLVED;
	},
	identify: (object) => object === null,
	represent: () => "null"
});
//#endregion
//#region src/tag/scalar/null_json.ts
/** @category Tags */
var nullJsonTag = defineScalarTag("tag:yaml.org,2002:null", {
	implicit: true,
	implicitFirstChars: ["n"],
	resolve: (source, isExplicit) => {
		if (source === "null" || isExplicit && source === "") return null;
		return NOT_RESOLVED;
	},
	identify: (object) => object === null,
	represent: () => "null"
});
//#endregion
//#region src/tag/scalar/null_yaml11.ts
var NULL_VALUES = [
	"",
	"~",
	"null",
	"Null",
	"NULL"
];
/** @category Tags */
var nullYaml11Tag = defineScalarTag("tag:yaml.org,2002:null", {
	implicit: true,
	implicitFirstChars: [
		"",
		"~",
		"n",
		"N"
	],
	resolve: (source) => {
		if (NULL_VALUES.indexOf(source) !== -1) return null;
		return NOT_RESOLVED;
	},
	identify: (object) => object === null,
	represent: () => "null"
});
//#endregion
//#region src/tag/scalar/bool_core.ts
var TRUE_VALUES$2 = [
	"true",
	"True",
	"TRUE"
];
var FALSE_VALUES$2 = [
	"false",
	"False",
	"FALSE"
];
/** @category Tags */
var boolCoreTag = defineScalarTag("tag:yaml.org,2002:bool", {
	implicit: true,
	implicitFirstChars: [
		"t",
		"T",
		"f",
		"F"
	],
	resolve: (source) => {
		if (TRUE_VALUES$2.indexOf(source) !== -1) return true;
		if (FALSE_VALUES$2.indexOf(source) !== -1) return false;
		return NOT_RESOLVED;
	},
	identify: (object) => Object.prototype.toString.call(object) === "[object Boolean]",
	represent: (object) => object ? "true" : "false"
});
//#endregion
//#region src/tag/scalar/bool_json.ts
var TRUE_VALUES$1 = ["true"];
var FALSE_VALUES$1 = ["false"];
/** @category Tags */
var boolJsonTag = defineScalarTag("tag:yaml.org,2002:bool", {
	implicit: true,
	implicitFirstChars: ["t", "f"],
	resolve: (source) => {
		if (TRUE_VALUES$1.indexOf(source) !== -1) return true;
		if (FALSE_VALUES$1.indexOf(source) !== -1) return false;
		return NOT_RESOLVED;
	},
	identify: (object) => Object.prototype.toString.call(object) === "[object Boolean]",
	represent: (object) => object ? "true" : "false"
});
//#endregion
//#region src/tag/scalar/bool_yaml11.ts
var TRUE_VALUES = [
	"true",
	"True",
	"TRUE",
	"y",
	"Y",
	"yes",
	"Yes",
	"YES",
	"on",
	"On",
	"ON"
];
var FALSE_VALUES = [
	"false",
	"False",
	"FALSE",
	"n",
	"N",
	"no",
	"No",
	"NO",
	"off",
	"Off",
	"OFF"
];
/** @category Tags */
var boolYaml11Tag = defineScalarTag("tag:yaml.org,2002:bool", {
	implicit: true,
	implicitFirstChars: [
		"y",
		"Y",
		"n",
		"N",
		"t",
		"T",
		"f",
		"F",
		"o",
		"O"
	],
	resolve: (source) => {
		if (TRUE_VALUES.indexOf(source) !== -1) return true;
		if (FALSE_VALUES.indexOf(source) !== -1) return false;
		return NOT_RESOLVED;
	},
	identify: (object) => Object.prototype.toString.call(object) === "[object Boolean]",
	represent: (object) => object ? "true" : "false"
});
//#endregion
//#region src/tag/scalar/int_core.ts
var YAML_INTEGER_IMPLICIT_PATTERN$1 = /* @__PURE__ */ new RegExp("^(?:0o[0-7]+|0x[0-9a-fA-F]+|[-+]?[0-9]+)$");
var YAML_INTEGER_EXPLICIT_PATTERN$1 = /* @__PURE__ */ new RegExp("^(?:[-+]?0b[0-1]+|[-+]?0o[0-7]+|[-+]?0x[0-9a-fA-F]+|[-+]?[0-9]+)$");
function parseYamlInteger$2(source) {
	let value = source;
	let sign = 1;
	if (value[0] === "-" || value[0] === "+") {
		if (value[0] === "-") sign = -1;
		value = value.slice(1);
	}
	if (value.startsWith("0b")) return sign * parseInt(value.slice(2), 2);
	if (value.startsWith("0o")) return sign * parseInt(value.slice(2), 8);
	if (value.startsWith("0x")) return sign * parseInt(value.slice(2), 16);
	return sign * parseInt(value, 10);
}
function resolveYamlInteger$2(source, isExplicit) {
	if (isExplicit) {
		if (!YAML_INTEGER_EXPLICIT_PATTERN$1.test(source)) return NOT_RESOLVED;
	} else if (!YAML_INTEGER_IMPLICIT_PATTERN$1.test(source)) return NOT_RESOLVED;
	const result = parseYamlInteger$2(source);
	return Number.isFinite(result) ? result : NOT_RESOLVED;
}
/** @category Tags */
var intCoreTag = defineScalarTag("tag:yaml.org,2002:int", {
	implicit: true,
	implicitFirstChars: [
		"-",
		"+",
		..."0123456789"
	],
	resolve: resolveYamlInteger$2,
	identify: (object) => Number.isInteger(object) && !Object.is(object, -0) && object.toString(10).indexOf("e") < 0,
	represent: (object) => object.toString(10)
});
//#endregion
//#region src/tag/scalar/int_json.ts
var YAML_INTEGER_IMPLICIT_PATTERN = /* @__PURE__ */ new RegExp("^-?(?:0|[1-9][0-9]*)$");
var YAML_INTEGER_EXPLICIT_PATTERN = /* @__PURE__ */ new RegExp("^(?:[-+]?0b[0-1]+|[-+]?0o[0-7]+|[-+]?0x[0-9a-fA-F]+|[-+]?[0-9]+)$");
function parseYamlInteger$1(source) {
	let value = source;
	let sign = 1;
	if (value[0] === "-" || value[0] === "+") {
		if (value[0] === "-") sign = -1;
		value = value.slice(1);
	}
	if (value.startsWith("0b")) return sign * parseInt(value.slice(2), 2);
	if (value.startsWith("0o")) return sign * parseInt(value.slice(2), 8);
	if (value.startsWith("0x")) return sign * parseInt(value.slice(2), 16);
	return sign * parseInt(value, 10);
}
function resolveYamlInteger$1(source, isExplicit) {
	if (isExplicit) {
		if (!YAML_INTEGER_EXPLICIT_PATTERN.test(source)) return NOT_RESOLVED;
	} else if (!YAML_INTEGER_IMPLICIT_PATTERN.test(source)) return NOT_RESOLVED;
	const result = parseYamlInteger$1(source);
	return Number.isFinite(result) ? result : NOT_RESOLVED;
}
/** @category Tags */
var intJsonTag = defineScalarTag("tag:yaml.org,2002:int", {
	implicit: true,
	implicitFirstChars: ["-", ..."0123456789"],
	resolve: resolveYamlInteger$1,
	identify: (object) => Number.isInteger(object) && !Object.is(object, -0) && object.toString(10).indexOf("e") < 0,
	represent: (object) => object.toString(10)
});
//#endregion
//#region src/tag/scalar/int_yaml11.ts
var YAML_INTEGER_PATTERN = /* @__PURE__ */ new RegExp("^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?0x[0-9a-fA-F_]+|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+|[-+]?(?:0|[1-9][0-9_]*))$");
function parseYamlInteger(source) {
	let value = source.replace(/_/g, "");
	let sign = 1;
	if (value[0] === "-" || value[0] === "+") {
		if (value[0] === "-") sign = -1;
		value = value.slice(1);
	}
	if (value.startsWith("0b")) return sign * parseInt(value.slice(2), 2);
	if (value.startsWith("0x")) return sign * parseInt(value.slice(2), 16);
	if (value.includes(":")) {
		let result = 0;
		for (const part of value.split(":")) result = result * 60 + Number(part);
		return sign * result;
	}
	if (value !== "0" && value[0] === "0") return sign * parseInt(value, 8);
	return sign * parseInt(value, 10);
}
function resolveYamlInteger(source) {
	if (!YAML_INTEGER_PATTERN.test(source)) return NOT_RESOLVED;
	const result = parseYamlInteger(source);
	return Number.isFinite(result) ? result : NOT_RESOLVED;
}
/** @category Tags */
var intYaml11Tag = defineScalarTag("tag:yaml.org,2002:int", {
	implicit: true,
	implicitFirstChars: [
		"-",
		"+",
		..."0123456789"
	],
	resolve: resolveYamlInteger,
	identify: (object) => Number.isInteger(object) && !Object.is(object, -0) && object.toString(10).indexOf("e") < 0,
	represent: (object) => object.toString(10)
});
//#endregion
//#region src/tag/scalar/float_core.ts
var YAML_FLOAT_PATTERN$1 = /* @__PURE__ */ new RegExp("^(?:[-+]?[0-9]+(?:\\.[0-9]*)?(?:[eE][-+]?[0-9]+)?|[-+]?\\.[0-9]+(?:[eE][-+]?[0-9]+)?|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$");
var YAML_FLOAT_SPECIAL_PATTERN$1 = /* @__PURE__ */ new RegExp("^(?:[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$");
function resolveYamlFloat$2(source) {
	if (!YAML_FLOAT_PATTERN$1.test(source)) return NOT_RESOLVED;
	let value = source.toLowerCase();
	const sign = value[0] === "-" ? -1 : 1;
	if ("+-".includes(value[0])) value = value.slice(1);
	if (value === ".inf") return sign === 1 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
	if (value === ".nan") return NaN;
	const result = sign * parseFloat(value);
	if (Number.isFinite(result) || YAML_FLOAT_SPECIAL_PATTERN$1.test(source)) return result;
	return NOT_RESOLVED;
}
function representYamlFloat$2(object) {
	if (isNaN(object)) return ".nan";
	if (object === Number.POSITIVE_INFINITY) return ".inf";
	if (object === Number.NEGATIVE_INFINITY) return "-.inf";
	if (Object.is(object, -0)) return "-0.0";
	const result = object.toString(10);
	return /^[-+]?[0-9]+e/.test(result) ? result.replace("e", ".e") : result;
}
/** @category Tags */
var floatCoreTag = defineScalarTag("tag:yaml.org,2002:float", {
	implicit: true,
	implicitFirstChars: [
		"-",
		"+",
		".",
		..."0123456789"
	],
	resolve: resolveYamlFloat$2,
	identify: (object) => typeof object === "number" && (!Number.isInteger(object) || Object.is(object, -0) || object.toString(10).indexOf("e") >= 0),
	represent: representYamlFloat$2
});
//#endregion
//#region src/tag/scalar/float_json.ts
var YAML_FLOAT_IMPLICIT_PATTERN = /* @__PURE__ */ new RegExp("^-?(?:0|[1-9][0-9]*)(?:\\.[0-9]*)?(?:[eE][-+]?[0-9]+)?$");
var YAML_FLOAT_EXPLICIT_PATTERN = /* @__PURE__ */ new RegExp("^(?:[-+]?[0-9]+(?:\\.[0-9]*)?(?:[eE][-+]?[0-9]+)?|[-+]?\\.[0-9]+(?:[eE][-+]?[0-9]+)?|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$");
function resolveYamlFloat$1(source, isExplicit) {
	if (isExplicit) {
		if (!YAML_FLOAT_EXPLICIT_PATTERN.test(source)) return NOT_RESOLVED;
		let value = source.toLowerCase();
		const sign = value[0] === "-" ? -1 : 1;
		if ("+-".includes(value[0])) value = value.slice(1);
		if (value === ".inf") return sign === 1 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
		if (value === ".nan") return NaN;
		const result = sign * parseFloat(value);
		return Number.isFinite(result) ? result : NOT_RESOLVED;
	}
	if (!YAML_FLOAT_IMPLICIT_PATTERN.test(source)) return NOT_RESOLVED;
	const result = Number(source);
	if (Number.isFinite(result)) return result;
	return NOT_RESOLVED;
}
function representYamlFloat$1(object) {
	if (isNaN(object)) return ".nan";
	if (object === Number.POSITIVE_INFINITY) return ".inf";
	if (object === Number.NEGATIVE_INFINITY) return "-.inf";
	if (Object.is(object, -0)) return "-0.0";
	const result = object.toString(10);
	return /^[-+]?[0-9]+e/.test(result) ? result.replace("e", ".e") : result;
}
/** @category Tags */
var floatJsonTag = defineScalarTag("tag:yaml.org,2002:float", {
	implicit: true,
	implicitFirstChars: ["-", ..."0123456789"],
	resolve: resolveYamlFloat$1,
	identify: (object) => typeof object === "number" && (!Number.isInteger(object) || Object.is(object, -0) || object.toString(10).indexOf("e") >= 0),
	represent: representYamlFloat$1
});
//#endregion
//#region src/tag/scalar/float_yaml11.ts
var YAML_FLOAT_PATTERN = /* @__PURE__ */ new RegExp("^(?:[-+]?(?:(?:[0-9][0-9_]*)?\\.[0-9_]*)(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$");
var YAML_FLOAT_SPECIAL_PATTERN = /* @__PURE__ */ new RegExp("^(?:[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$");
function resolveYamlFloat(source) {
	if (!YAML_FLOAT_PATTERN.test(source)) return NOT_RESOLVED;
	let value = source.toLowerCase().replace(/_/g, "");
	const sign = value[0] === "-" ? -1 : 1;
	if ("+-".includes(value[0])) value = value.slice(1);
	if (value === ".inf") return sign === 1 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
	if (value === ".nan") return NaN;
	let result = 0;
	if (value.includes(":")) {
		for (const part of value.split(":")) result = result * 60 + Number(part);
		result *= sign;
	} else result = sign * parseFloat(value);
	if (Number.isFinite(result) || YAML_FLOAT_SPECIAL_PATTERN.test(source)) return result;
	return NOT_RESOLVED;
}
function representYamlFloat(object) {
	if (isNaN(object)) return ".nan";
	if (object === Number.POSITIVE_INFINITY) return ".inf";
	if (object === Number.NEGATIVE_INFINITY) return "-.inf";
	if (Object.is(object, -0)) return "-0.0";
	const result = object.toString(10);
	return /^[-+]?[0-9]+e/.test(result) ? result.replace("e", ".e") : result;
}
/** @category Tags */
var floatYaml11Tag = defineScalarTag("tag:yaml.org,2002:float", {
	implicit: true,
	implicitFirstChars: [
		"-",
		"+",
		".",
		..."0123456789"
	],
	resolve: resolveYamlFloat,
	identify: (object) => typeof object === "number" && (!Number.isInteger(object) || Object.is(object, -0) || object.toString(10).indexOf("e") >= 0),
	represent: representYamlFloat
});
//#endregion
//#region src/tag/scalar/merge.ts
/**
* Enables merge keys in {@link CORE_SCHEMA} when added with
* {@link Schema.withTags}.
*
* @category Tags
*/
var mergeTag = defineScalarTag("tag:yaml.org,2002:merge", {
	implicit: true,
	implicitFirstChars: ["<"],
	resolve: (source, isExplicit) => {
		if (source === "<<" || isExplicit && source === "") return "<<";
		return NOT_RESOLVED;
	},
	identify: () => false
});
//#endregion
//#region src/tag/scalar/binary.ts
var BASE64_PATTERN = /^[A-Za-z0-9+/]*={0,2}$/;
function resolveYamlBinary(source) {
	const input = source.replace(/\s/g, "");
	if (input.length % 4 !== 0 || !BASE64_PATTERN.test(input)) return NOT_RESOLVED;
	const binary = atob(input);
	const result = new Uint8Array(binary.length);
	for (let index = 0; index < binary.length; index++) result[index] = binary.charCodeAt(index);
	return result;
}
function representYamlBinary(object) {
	let binary = "";
	for (let index = 0; index < object.length; index++) binary += String.fromCharCode(object[index]);
	return btoa(binary);
}
/**
* The `!!binary` tag, represented as a `Uint8Array`.
*
* @category Tags
*/
var binaryTag = defineScalarTag("tag:yaml.org,2002:binary", {
	resolve: resolveYamlBinary,
	identify: (object) => Object.prototype.toString.call(object) === "[object Uint8Array]",
	represent: representYamlBinary
});
//#endregion
//#region src/tag/scalar/timestamp.ts
var YAML_DATE_REGEXP = /* @__PURE__ */ new RegExp("^([0-9][0-9][0-9][0-9])-([0-9][0-9])-([0-9][0-9])$");
var YAML_TIMESTAMP_REGEXP = /* @__PURE__ */ new RegExp("^([0-9][0-9][0-9][0-9])-([0-9][0-9]?)-([0-9][0-9]?)(?:[Tt]|[ \\t]+)([0-9][0-9]?):([0-9][0-9]):([0-9][0-9])(?:\\.([0-9]*))?(?:[ \\t]*(Z|([-+])([0-9][0-9]?)(?::([0-9][0-9]))?))?$");
function makeUtcDate(year, month, day, hour = 0, minute = 0, second = 0, fraction = 0) {
	const date = new Date(Date.UTC(year, month, day, hour, minute, second, fraction));
	date.setUTCFullYear(year, month, day);
	return date;
}
function resolveYamlTimestamp(source) {
	let match = YAML_DATE_REGEXP.exec(source);
	if (match === null) match = YAML_TIMESTAMP_REGEXP.exec(source);
	if (match === null) return NOT_RESOLVED;
	const year = +match[1];
	const month = +match[2] - 1;
	const day = +match[3];
	if (!match[4]) {
		const date = makeUtcDate(year, month, day);
		if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month || date.getUTCDate() !== day) return NOT_RESOLVED;
		return date;
	}
	const hour = +match[4];
	const minute = +match[5];
	const second = +match[6];
	let fraction = 0;
	if (hour > 23 || minute > 59 || second > 59) return NOT_RESOLVED;
	if (match[7]) {
		let value = match[7].slice(0, 3);
		while (value.length < 3) value += "0";
		fraction = +value;
	}
	const date = makeUtcDate(year, month, day, hour, minute, second, fraction);
	if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month || date.getUTCDate() !== day) return NOT_RESOLVED;
	if (match[9]) {
		const offsetHour = +match[10];
		const offsetMinute = +(match[11] || 0);
		if (offsetHour > 23 || offsetMinute > 59) return NOT_RESOLVED;
		const offset = (offsetHour * 60 + offsetMinute) * 6e4;
		date.setTime(date.getTime() - (match[9] === "-" ? -offset : offset));
	}
	return date;
}
/**
* The YAML 1.1 `!!timestamp` tag, represented as a JavaScript `Date`.
*
* @category Tags
*/
var timestampTag = defineScalarTag("tag:yaml.org,2002:timestamp", {
	implicit: true,
	implicitFirstChars: [..."0123456789"],
	resolve: resolveYamlTimestamp,
	identify: (object) => object instanceof Date,
	represent: (object) => object.toISOString()
});
//#endregion
//#region src/tag/sequence/seq.ts
/** @category Tags */
var seqTag = defineSequenceTag("tag:yaml.org,2002:seq", {
	create: () => [],
	addItem: (container, item) => {
		container.push(item);
	},
	identify: Array.isArray
});
//#endregion
//#region src/common/object.ts
function isPlainObject(data) {
	if (data === null || typeof data !== "object" || Array.isArray(data)) return false;
	const prototype = Object.getPrototypeOf(data);
	return prototype === null || prototype === Object.prototype;
}
function pick(object, keys) {
	const result = {};
	for (const key of keys) if (object[key] !== void 0) result[key] = object[key];
	return result;
}
//#endregion
//#region src/tag/sequence/omap.ts
/**
* Provided only for YAML 1.1 compatibility and supported by the loader only.
* JavaScript has no dedicated class to represent this type, so it cannot be
* identified and dumped.
*
* ```yaml
* !!omap
*   - one: 1
*   - two: 2
* ```
*
* is loaded as
*
* ```javascript
* [
*   { one: 1 },
*   { two: 2 }
* ]
* ```
*
* @category Tags
*/
var omapTag = defineSequenceTag("tag:yaml.org,2002:omap", {
	create: () => ({
		list: [],
		seen: /* @__PURE__ */ new Set()
	}),
	addItem: (carrier, item) => {
		let key;
		if (item instanceof Map) {
			if (item.size !== 1) return "cannot resolve an ordered map item";
			key = item.keys().next().value;
		} else if (isPlainObject(item)) {
			const itemKeys = Object.keys(item);
			if (itemKeys.length !== 1) return "cannot resolve an ordered map item";
			key = itemKeys[0];
		} else return "cannot resolve an ordered map item";
		if (carrier.seen.has(key)) return "duplicate key in ordered map";
		carrier.seen.add(key);
		carrier.list.push(item);
		return "";
	},
	finalize: (carrier) => carrier.list,
	identify: () => false
});
//#endregion
//#region src/tag/sequence/pairs.ts
/**
* Provided only for YAML 1.1 compatibility and supported by the loader only.
* JavaScript has no dedicated class to represent this type, so it cannot be
* identified and dumped.
*
* ```yaml
* !!pairs
*   - one: 1
*   - two: 2
* ```
*
* is loaded as
*
* ```javascript
* [
*   ['one', 1],
*   ['two', 2]
* ]
* ```
*
* @category Tags
*/
var pairsTag = defineSequenceTag("tag:yaml.org,2002:pairs", {
	create: () => [],
	addItem: (container, item) => {
		if (item instanceof Map) {
			if (item.size !== 1) return "cannot resolve a pairs item";
			container.push(item.entries().next().value);
			return "";
		}
		if (Object.prototype.toString.call(item) !== "[object Object]") return "cannot resolve a pairs item";
		const object = item;
		const keys = Object.keys(object);
		if (keys.length !== 1) return "cannot resolve a pairs item";
		container.push([keys[0], object[keys[0]]]);
		return "";
	},
	identify: () => false
});
//#endregion
//#region src/tag/mapping/map.ts
/**
* This is the default mapping implementation. It uses `{}` objects and has only
* partial functionality due to language limitations. This choice was made
* because users expect to get JavaScript objects, and it was left unchanged to
* avoid too many breaking changes in the v5 release.
*
* Side effects:
*
* - `Object.hasOwn()` checks or `for...of` loops are required for safe use (to
*   avoid falling through to prototypes).
* - Only scalar string keys are supported properly.
* - Other scalar keys, such as `null` and numbers, are converted to strings.
*   This is historical behaviour, and it can cause side effects such as
*   problems with `!!merge`.
*
* Note that non-string scalar keys may be deprecated in future versions.
*
* Ideally, use {@link realMapTag} instead.
*
* @category Tags
*/
var mapTag = defineMappingTag("tag:yaml.org,2002:map", {
	create: () => ({}),
	identify: isPlainObject,
	represent: (o) => {
		const map = /* @__PURE__ */ new Map();
		for (const key of Object.keys(o)) map.set(key, o[key]);
		return map;
	},
	addPair: (container, key, value) => {
		if (key !== null && typeof key === "object") return "object-based map does not support complex keys";
		const normalizedKey = String(key);
		if (normalizedKey === "__proto__") Object.defineProperty(container, normalizedKey, {
			value,
			enumerable: true,
			configurable: true,
			writable: true
		});
		else container[normalizedKey] = value;
		return "";
	},
	has: (container, key) => {
		if (key !== null && typeof key === "object") return false;
		return Object.prototype.hasOwnProperty.call(container, String(key));
	},
	keys: (container) => Object.keys(container),
	get: (container, key) => {
		const normalizedKey = String(key);
		if (!Object.prototype.hasOwnProperty.call(container, normalizedKey)) return null;
		return container[normalizedKey];
	}
});
//#endregion
//#region src/tag/mapping/set.ts
/**
* The YAML 1.1 `!!set` tag, represented as a JavaScript `Set`.
*
* @category Tags
*/
var setTag = defineMappingTag("tag:yaml.org,2002:set", {
	create: () => /* @__PURE__ */ new Set(),
	identify: (data) => data instanceof Set,
	represent: (data) => {
		const map = /* @__PURE__ */ new Map();
		for (const key of data) map.set(key, null);
		return map;
	},
	addPair: (container, key, value) => {
		if (value !== null) return "cannot resolve a set item";
		container.add(key);
		return "";
	},
	has: (container, key) => container.has(key),
	keys: (container) => container.keys(),
	get: () => null
});
//#endregion
//#region src/schema.ts
function createTagDefinitionMap() {
	return {
		scalar: Object.create(null),
		sequence: Object.create(null),
		mapping: Object.create(null)
	};
}
function createTagDefinitionListMap() {
	return {
		scalar: [],
		sequence: [],
		mapping: []
	};
}
function compileTags(tags) {
	const result = [];
	for (const tag of tags) {
		let index = result.length;
		for (let previousIndex = 0; previousIndex < result.length; previousIndex++) {
			const previous = result[previousIndex];
			if (previous.nodeKind === tag.nodeKind && previous.tagName === tag.tagName && previous.matchByTagPrefix === tag.matchByTagPrefix) {
				index = previousIndex;
				break;
			}
		}
		result[index] = tag;
	}
	return result;
}
/**
* Controls tag resolution when loading and type selection when dumping.
*
* @category Schemas
*/
var Schema = class Schema {
	tags;
	/** @internal */
	implicitScalarTags;
	/**
	* Dispatch implicit scalar resolvers by `source.charAt(0)`. Each bucket holds
	* the resolvers that may match that key, in schema order; a key absent from
	* the map uses
	* {@link Schema.implicitScalarAnyFirstChar}
	* (resolvers that declared no first-char constraint, so they apply to any
	* first character).
	*/
	implicitScalarByFirstChar;
	implicitScalarAnyFirstChar;
	/**
	* The default scalar tag (`!!str`), resolved once so the composer's fallback
	* for unresolved plain scalars avoids a keyed lookup per scalar.
	*
	* @internal
	*/
	defaultScalarTag;
	/**
	* The default container tags (`!!seq` / `!!map`), used by the dumper: when a
	* value is identified by its default tag, the tag is implicit and not
	* printed. Undefined if the schema does not define them (then such values
	* can't be dumped).
	*
	* @internal
	*/
	defaultSequenceTag;
	/** @internal */
	defaultMappingTag;
	exact;
	prefix;
	constructor(tags) {
		const compiledTags = compileTags(tags);
		const implicitScalarTags = [];
		const exact = createTagDefinitionMap();
		const prefix = createTagDefinitionListMap();
		for (const tag of compiledTags) {
			if (tag.nodeKind === "scalar" && tag.implicit) {
				if (tag.matchByTagPrefix) throw new Error("Implicit scalar tags cannot match by tag prefix");
				implicitScalarTags.push(tag);
			}
			switch (tag.nodeKind) {
				case "scalar":
					if (tag.matchByTagPrefix) prefix.scalar.push(tag);
					else exact.scalar[tag.tagName] = tag;
					break;
				case "sequence":
					if (tag.matchByTagPrefix) prefix.sequence.push(tag);
					else exact.sequence[tag.tagName] = tag;
					break;
				case "mapping": if (tag.matchByTagPrefix) prefix.mapping.push(tag);
				else exact.mapping[tag.tagName] = tag;
			}
		}
		const implicitScalarAnyFirstChar = implicitScalarTags.filter((tag) => tag.implicitFirstChars === null);
		const keys = /* @__PURE__ */ new Set();
		for (const tag of implicitScalarTags) if (tag.implicitFirstChars !== null) for (const key of tag.implicitFirstChars) keys.add(key);
		const implicitScalarByFirstChar = /* @__PURE__ */ new Map();
		for (const key of keys) implicitScalarByFirstChar.set(key, implicitScalarTags.filter((tag) => tag.implicitFirstChars === null || tag.implicitFirstChars.indexOf(key) !== -1));
		const defaultScalarTag = exact.scalar["tag:yaml.org,2002:str"];
		if (!defaultScalarTag) throw new Error("schema does not define the default scalar tag (tag:yaml.org,2002:str)");
		this.tags = compiledTags;
		this.implicitScalarTags = implicitScalarTags;
		this.implicitScalarByFirstChar = implicitScalarByFirstChar;
		this.implicitScalarAnyFirstChar = implicitScalarAnyFirstChar;
		this.defaultScalarTag = defaultScalarTag;
		this.defaultSequenceTag = exact.sequence["tag:yaml.org,2002:seq"];
		this.defaultMappingTag = exact.mapping["tag:yaml.org,2002:map"];
		this.exact = exact;
		this.prefix = prefix;
	}
	/** @internal */
	lookupScalarTag(tagName) {
		const exactTag = this.exact.scalar[tagName];
		if (exactTag) return exactTag;
		for (const tag of this.prefix.scalar) if (tagName.startsWith(tag.tagName)) return tag;
	}
	/** @internal */
	lookupSequenceTag(tagName) {
		const exactTag = this.exact.sequence[tagName];
		if (exactTag) return exactTag;
		for (const tag of this.prefix.sequence) if (tagName.startsWith(tag.tagName)) return tag;
	}
	/** @internal */
	lookupMappingTag(tagName) {
		const exactTag = this.exact.mapping[tagName];
		if (exactTag) return exactTag;
		for (const tag of this.prefix.mapping) if (tagName.startsWith(tag.tagName)) return tag;
	}
	/** @internal */
	resolveImplicitScalarTag(source) {
		const candidates = this.implicitScalarByFirstChar.get(source.charAt(0)) ?? this.implicitScalarAnyFirstChar;
		for (const tag of candidates) {
			const value = tag.resolve(source, false, tag.tagName);
			if (value !== NOT_RESOLVED) return {
				value,
				tag
			};
		}
		const tag = this.defaultScalarTag;
		return {
			value: tag.resolve(source, false, tag.tagName),
			tag
		};
	}
	/**
	* Creates a new schema with the specified tags added. If a tag already
	* exists, it is replaced by the specified tag.
	*
	* @example
	*
	* ```javascript
	* import { CORE_SCHEMA, mergeTag, realMapTag } from 'js-yaml'
	*
	* const schema = CORE_SCHEMA.withTags(mergeTag, realMapTag)
	* ```
	*/
	withTags(...tags) {
		let flatTags = [];
		for (const tag of tags) flatTags = flatTags.concat(tag);
		return new Schema([...this.tags, ...flatTags]);
	}
};
/**
* The YAML 1.2 Failsafe Schema: strings, sequences, and mappings.
*
* @category Schemas
*/
var FAILSAFE_SCHEMA = new Schema([
	strTag,
	seqTag,
	mapTag
]);
/**
* The YAML 1.2 JSON Schema. It uses JSON scalar forms while retaining YAML
* collection syntax.
*
* @category Schemas
*/
var JSON_SCHEMA = new Schema([
	...FAILSAFE_SCHEMA.tags,
	nullJsonTag,
	boolJsonTag,
	intJsonTag,
	floatJsonTag
]);
/**
* The default schema for the loaders. Note, {@link CORE_SCHEMA} comes
* without the `!!merge` tag. You can easily enable it if needed.
*
* @example
* Enable {@link mergeTag}:
*
* ```javascript
* import { load, CORE_SCHEMA, mergeTag } from 'js-yaml'
*
* try {
*   load(data, { schema: CORE_SCHEMA.withTags(mergeTag) })
* } catch (e) {
*   console.error(e)
* }
* ```
*
* @category Schemas
*/
var CORE_SCHEMA = new Schema([
	...FAILSAFE_SCHEMA.tags,
	nullCoreTag,
	boolCoreTag,
	intCoreTag,
	floatCoreTag
]);
/**
* YAML 1.1-compatible schema.
*
* @category Schemas
*/
var YAML11_SCHEMA = new Schema([
	...FAILSAFE_SCHEMA.tags,
	nullYaml11Tag,
	boolYaml11Tag,
	intYaml11Tag,
	floatYaml11Tag,
	timestampTag,
	mergeTag,
	binaryTag,
	omapTag,
	pairsTag,
	setTag
]);
/**
* The dumper schema for maximum compatibility. It combines all supported type
* variants from YAML 1.1 and YAML 1.2 so strings matching any of them are
* quoted. This makes the generated YAML more compatible with other parsers.
*
* The schema is based on YAML 1.1, but extends `!!int` and `!!float` to accept
* both YAML 1.1 and Core Schema forms, since Core Schema supports some forms
* that YAML 1.1 does not.
*
* @category Schemas
*/
var DUMP_SCHEMA = YAML11_SCHEMA.withTags({
	...intYaml11Tag,
	resolve: (source, isExplicit, tagName) => {
		const result = intYaml11Tag.resolve(source, isExplicit, tagName);
		return result === NOT_RESOLVED ? intCoreTag.resolve(source, isExplicit, tagName) : result;
	}
}, {
	...floatYaml11Tag,
	resolve: (source, isExplicit, tagName) => {
		const result = floatYaml11Tag.resolve(source, isExplicit, tagName);
		return result === NOT_RESOLVED ? floatCoreTag.resolve(source, isExplicit, tagName) : result;
	}
});
//#endregion
//#region src/tag/mapping/real_map.ts
/**
* Recommended when non-string keys are actually needed. It uses native
* JavaScript `Map` objects, so keys keep their constructed types instead of
* being converted to strings.
*
* It is not the default to avoid widespread breaking changes in existing
* projects. `Map` has a different access API and does not pass deep equality
* checks against `{}`-based fixtures. Alongside the other changes in v5,
* making it the default was considered too disruptive.
*
* If these differences are acceptable for your project, we recommend using
* {@link realMapTag} to guarantee the absence of problems and side effects.
*
* @example
* Enable {@link realMapTag}:
*
* ```javascript
* import { load, CORE_SCHEMA, realMapTag } from 'js-yaml'
*
* try {
*   load(data, { schema: CORE_SCHEMA.withTags(realMapTag) })
* } catch (e) {
*   console.error(e)
* }
* ```
*
* @category Tags
*/
var realMapTag = defineMappingTag("tag:yaml.org,2002:map", {
	create: () => /* @__PURE__ */ new Map(),
	addPair: (container, key, value) => {
		container.set(key, value);
		return "";
	},
	has: (container, key) => container.has(key),
	keys: (container) => container.keys(),
	get: (container, key) => container.get(key),
	identify: (data) => data instanceof Map || isPlainObject(data),
	represent: (data) => {
		if (data instanceof Map) return data;
		const map = /* @__PURE__ */ new Map();
		const obj = data;
		for (const key of Object.keys(obj)) map.set(key, obj[key]);
		return map;
	}
});
//#endregion
//#region src/tag/mapping/legacy_map.ts
function normalizeKey(key) {
	if (Array.isArray(key)) {
		const array = Array.prototype.slice.call(key);
		for (let index = 0; index < array.length; index++) {
			if (Array.isArray(array[index])) return null;
			if (typeof array[index] === "object" && Object.prototype.toString.call(array[index]) === "[object Object]") array[index] = "[object Object]";
		}
		return String(array);
	}
	if (typeof key === "object" && Object.prototype.toString.call(key) === "[object Object]") return "[object Object]";
	return String(key);
}
/**
* This implementation exists solely to reproduce v4 behavior exactly. Its use
* is strongly discouraged. If complex or non-string keys are needed, use
* {@link realMapTag} instead.
*
* @category Tags
*/
var legacyMapTag = defineMappingTag("tag:yaml.org,2002:map", {
	create: () => ({}),
	identify: isPlainObject,
	represent: (o) => {
		const map = /* @__PURE__ */ new Map();
		for (const key of Object.keys(o)) map.set(key, o[key]);
		return map;
	},
	addPair: (container, key, value) => {
		const normalizedKey = normalizeKey(key);
		if (normalizedKey === null) return "nested arrays are not supported inside keys";
		if (normalizedKey === "__proto__") Object.defineProperty(container, normalizedKey, {
			value,
			enumerable: true,
			configurable: true,
			writable: true
		});
		else container[normalizedKey] = value;
		return "";
	},
	has: (container, key) => {
		const normalizedKey = normalizeKey(key);
		return normalizedKey !== null && Object.prototype.hasOwnProperty.call(container, normalizedKey);
	},
	keys: (container) => Object.keys(container),
	get: (container, key) => {
		const normalizedKey = String(key);
		if (!Object.prototype.hasOwnProperty.call(container, normalizedKey)) return null;
		return container[normalizedKey];
	}
});
//#endregion
//#region src/common/snippet.ts
var DEFAULT_SNIPPET_OPTIONS = {
	maxLength: 79,
	indent: 1,
	linesBefore: 3,
	linesAfter: 2
};
function getLine(buffer, lineStart, lineEnd, position, maxLineLength) {
	let head = "";
	let tail = "";
	const maxHalfLength = Math.floor(maxLineLength / 2) - 1;
	if (position - lineStart > maxHalfLength) {
		head = " ... ";
		lineStart = position - maxHalfLength + head.length;
	}
	if (lineEnd - position > maxHalfLength) {
		tail = " ...";
		lineEnd = position + maxHalfLength - tail.length;
	}
	return {
		str: head + buffer.slice(lineStart, lineEnd).replace(/\t/g, "\u2192") + tail,
		pos: position - lineStart + head.length
	};
}
function padStart(string, max) {
	return " ".repeat(Math.max(max - string.length, 0)) + string;
}
function makeSnippet(mark, options) {
	if (!mark.buffer) return null;
	const opts = {
		...DEFAULT_SNIPPET_OPTIONS,
		...options
	};
	const re = /\r?\n|\r|\0/g;
	const lineStarts = [0];
	const lineEnds = [];
	let match;
	let foundLineNo = -1;
	while (match = re.exec(mark.buffer)) {
		lineEnds.push(match.index);
		lineStarts.push(match.index + match[0].length);
		if (mark.position <= match.index && foundLineNo < 0) foundLineNo = lineStarts.length - 2;
	}
	if (foundLineNo < 0) foundLineNo = lineStarts.length - 1;
	let result = "";
	const lineNoLength = Math.min(mark.line + opts.linesAfter, lineEnds.length).toString().length;
	const maxLineLength = opts.maxLength - (opts.indent + lineNoLength + 3);
	for (let i = 1; i <= opts.linesBefore; i++) {
		if (foundLineNo - i < 0) break;
		const line = getLine(mark.buffer, lineStarts[foundLineNo - i], lineEnds[foundLineNo - i], mark.position - (lineStarts[foundLineNo] - lineStarts[foundLineNo - i]), maxLineLength);
		result = `${" ".repeat(opts.indent)}${padStart((mark.line - i + 1).toString(), lineNoLength)} | ${line.str}\n${result}`;
	}
	const line = getLine(mark.buffer, lineStarts[foundLineNo], lineEnds[foundLineNo], mark.position, maxLineLength);
	result += `${" ".repeat(opts.indent)}${padStart((mark.line + 1).toString(), lineNoLength)} | ${line.str}\n`;
	result += `${"-".repeat(opts.indent + lineNoLength + 3 + line.pos)}^\n`;
	for (let i = 1; i <= opts.linesAfter; i++) {
		if (foundLineNo + i >= lineEnds.length) break;
		const line = getLine(mark.buffer, lineStarts[foundLineNo + i], lineEnds[foundLineNo + i], mark.position - (lineStarts[foundLineNo] - lineStarts[foundLineNo + i]), maxLineLength);
		result += `${" ".repeat(opts.indent)}${padStart((mark.line + i + 1).toString(), lineNoLength)} | ${line.str}\n`;
	}
	return result.replace(/\n$/, "");
}
//#endregion
//#region src/common/exception.ts
function formatError(exception, compact) {
	let where = "";
	if (!exception.mark) return exception.reason;
	if (exception.mark.name) where += `in "${exception.mark.name}" `;
	where += `(${exception.mark.line + 1}:${exception.mark.column + 1})`;
	if (!compact && exception.mark.snippet) where += `\n\n${exception.mark.snippet}`;
	return `${exception.reason} ${where}`;
}
/**
* A YAML error. Unlike an ordinary `Error`, it adds a source snippet showing
* the location of the problem to the error message, when available.
*
* @category Main
*/
var YAMLException = class YAMLException extends Error {
	reason;
	mark;
	/**
	* Optional `mark` contains source snippet data. Usually, use
	* {@link YAMLException.throwAt} instead of passing it directly.
	*/
	constructor(reason, mark) {
		super();
		this.name = "YAMLException";
		this.reason = reason;
		this.mark = mark;
		this.message = formatError(this, false);
		if (Error.captureStackTrace) Error.captureStackTrace(this, this.constructor);
	}
	/**
	* Returns the formatted error, omitting the source snippet in compact mode.
	*/
	toString(compact) {
		return `${this.name}: ${formatError(this, compact)}`;
	}
	/**
	* Builds a YAMLException with a source snippet and throws it. `source` is
	* the raw input text; `position` is an offset into it.
	*/
	static throwAt(source, position, message, filename = "") {
		let line = 0;
		let lineStart = 0;
		for (let index = 0; index < position; index++) {
			const ch = source.charCodeAt(index);
			if (ch === 10) {
				line++;
				lineStart = index + 1;
			} else if (ch === 13) {
				line++;
				if (source.charCodeAt(index + 1) === 10) index++;
				lineStart = index + 1;
			}
		}
		const mark = {
			name: filename,
			buffer: source,
			position,
			line,
			column: position - lineStart
		};
		mark.snippet = makeSnippet(mark);
		throw new YAMLException(message, mark);
	}
};
//#endregion
//#region src/parser/events.ts
/** @category Events */
var EVENT_ID = {
	DOCUMENT: 1,
	SEQUENCE: 2,
	MAPPING: 3,
	SCALAR: 4,
	ALIAS: 5,
	POP: 6
};
/** @category Nodes */
var SCALAR_STYLE = {
	PLAIN: 1,
	SINGLE_QUOTED: 2,
	DOUBLE_QUOTED: 3,
	LITERAL_BLOCK: 4,
	FOLDED_BLOCK: 5
};
/** @category Nodes */
var COLLECTION_STYLE = {
	BLOCK: 1,
	FLOW: 2
};
/** @category Nodes */
var CHOMPING_MODE = {
	CLIP: 1,
	STRIP: 2,
	KEEP: 3
};
//#endregion
//#region src/parser/parser_scalar.ts
var NO_RANGE$3 = -1;
function simpleEscapeSequence(c) {
	switch (c) {
		case 48: return "\0";
		case 97: return "\x07";
		case 98: return "\b";
		case 116: return "	";
		case 9: return "	";
		case 110: return "\n";
		case 118: return "\v";
		case 102: return "\f";
		case 114: return "\r";
		case 101: return "\x1B";
		case 32: return " ";
		case 34: return "\"";
		case 47: return "/";
		case 92: return "\\";
		case 78: return "\u0085";
		case 95: return "\xA0";
		case 76: return "\u2028";
		case 80: return "\u2029";
		default: return "";
	}
}
var simpleEscapeCheck = new Array(256);
var simpleEscapeMap = new Array(256);
for (let i = 0; i < 256; i++) {
	simpleEscapeCheck[i] = simpleEscapeSequence(i) ? 1 : 0;
	simpleEscapeMap[i] = simpleEscapeSequence(i);
}
function charFromCodepoint(c) {
	if (c <= 65535) return String.fromCharCode(c);
	return String.fromCharCode((c - 65536 >> 10) + 55296, (c - 65536 & 1023) + 56320);
}
function fromHexCode$1(c) {
	if (c >= 48 && c <= 57) return c - 48;
	return (c | 32) - 97 + 10;
}
function escapedHexLen$1(c) {
	if (c === 120) return 2;
	if (c === 117) return 4;
	return 8;
}
function skipFoldedBreaks(input, position, end) {
	let breaks = 0;
	while (position < end) {
		const ch = input.charCodeAt(position);
		if (ch === 10) {
			breaks++;
			position++;
		} else if (ch === 13) {
			breaks++;
			position++;
			if (input.charCodeAt(position) === 10) position++;
		} else if (ch === 32 || ch === 9) position++;
		else break;
	}
	return {
		position,
		breaks
	};
}
function foldedBreaks(count) {
	if (count === 1) return " ";
	return "\n".repeat(count - 1);
}
function getPlainValue(input, start, end) {
	let result = "";
	let position = start;
	let captureStart = start;
	let captureEnd = start;
	while (position < end) {
		const ch = input.charCodeAt(position);
		if (ch === 10 || ch === 13) {
			result += input.slice(captureStart, captureEnd);
			const fold = skipFoldedBreaks(input, position, end);
			result += foldedBreaks(fold.breaks);
			position = captureStart = captureEnd = fold.position;
		} else {
			position++;
			if (ch !== 32 && ch !== 9) captureEnd = position;
		}
	}
	return result + input.slice(captureStart, captureEnd);
}
function getSingleQuotedValue(input, start, end) {
	let result = "";
	let position = start;
	let captureStart = start;
	let captureEnd = start;
	while (position < end) {
		const ch = input.charCodeAt(position);
		if (ch === 39) {
			result += input.slice(captureStart, position) + "'";
			position += 2;
			captureStart = captureEnd = position;
		} else if (ch === 10 || ch === 13) {
			result += input.slice(captureStart, captureEnd);
			const fold = skipFoldedBreaks(input, position, end);
			result += foldedBreaks(fold.breaks);
			position = captureStart = captureEnd = fold.position;
		} else {
			position++;
			if (ch !== 32 && ch !== 9) captureEnd = position;
		}
	}
	return result + input.slice(captureStart, end);
}
function getDoubleQuotedValue(input, start, end) {
	let result = "";
	let position = start;
	let captureStart = start;
	let captureEnd = start;
	while (position < end) {
		const ch = input.charCodeAt(position);
		if (ch === 92) {
			result += input.slice(captureStart, position);
			position++;
			const escaped = input.charCodeAt(position);
			if (escaped === 10 || escaped === 13) position = skipFoldedBreaks(input, position, end).position;
			else if (escaped < 256 && simpleEscapeCheck[escaped]) {
				result += simpleEscapeMap[escaped];
				position++;
			} else {
				let hexLength = escapedHexLen$1(escaped);
				let hexResult = 0;
				for (; hexLength > 0; hexLength--) {
					position++;
					const digit = fromHexCode$1(input.charCodeAt(position));
					hexResult = (hexResult << 4) + digit;
				}
				result += charFromCodepoint(hexResult);
				position++;
			}
			captureStart = captureEnd = position;
		} else if (ch === 10 || ch === 13) {
			result += input.slice(captureStart, captureEnd);
			const fold = skipFoldedBreaks(input, position, end);
			result += foldedBreaks(fold.breaks);
			position = captureStart = captureEnd = fold.position;
		} else {
			position++;
			if (ch !== 32 && ch !== 9) captureEnd = position;
		}
	}
	return result + input.slice(captureStart, end);
}
function getBlockValue(input, start, end, indent, chomping, folded) {
	const textIndent = indent < 0 ? 0 : indent;
	const region = input.slice(start, end).replace(/\r\n?/g, "\n");
	const lines = region === "" ? [] : (region.endsWith("\n") ? region.slice(0, -1) : region).split("\n");
	let result = "";
	let didReadContent = false;
	let emptyLines = 0;
	let atMoreIndented = false;
	for (const line of lines) {
		let column = 0;
		while (column < textIndent && line.charCodeAt(column) === 32) column++;
		if (indent < 0 || column >= line.length) {
			emptyLines++;
			continue;
		}
		const content = line.slice(textIndent);
		const first = content.charCodeAt(0);
		if (folded) {
			if (first === 32 || first === 9) {
				atMoreIndented = true;
				result += "\n".repeat(didReadContent ? 1 + emptyLines : emptyLines);
			} else if (atMoreIndented) {
				atMoreIndented = false;
				result += "\n".repeat(emptyLines + 1);
			} else if (emptyLines === 0) {
				if (didReadContent) result += " ";
			} else result += "\n".repeat(emptyLines);
		} else result += "\n".repeat(didReadContent ? 1 + emptyLines : emptyLines);
		result += content;
		didReadContent = true;
		emptyLines = 0;
	}
	if (chomping === CHOMPING_MODE.KEEP) result += "\n".repeat(didReadContent ? 1 + emptyLines : emptyLines);
	else if (chomping !== CHOMPING_MODE.STRIP) {
		if (didReadContent) result += "\n";
	}
	return result;
}
/**
* Decodes the scalar referenced by event offsets in `input`.
*
* @category Events
*/
function getScalarValue(input, scalar) {
	if (scalar.valueStart === NO_RANGE$3) return "";
	const { valueStart, valueEnd } = scalar;
	if (scalar.fast) return input.slice(valueStart, valueEnd);
	switch (scalar.style) {
		case SCALAR_STYLE.SINGLE_QUOTED: return getSingleQuotedValue(input, valueStart, valueEnd);
		case SCALAR_STYLE.DOUBLE_QUOTED: return getDoubleQuotedValue(input, valueStart, valueEnd);
		case SCALAR_STYLE.LITERAL_BLOCK: return getBlockValue(input, valueStart, valueEnd, scalar.indent, scalar.chomping, false);
		case SCALAR_STYLE.FOLDED_BLOCK: return getBlockValue(input, valueStart, valueEnd, scalar.indent, scalar.chomping, true);
		default: return getPlainValue(input, valueStart, valueEnd);
	}
}
//#endregion
//#region src/common/tagname.ts
var DEFAULT_TAG_HANDLERS = Object.assign(Object.create(null), {
	"!": "!",
	"!!": "tag:yaml.org,2002:"
});
var TAG_SUFFIX_CHARS = "-#;/?:@&=+$_.~*'()";
var TAG_URI_CHARS = TAG_SUFFIX_CHARS + "!,[]";
var HEX = "0123456789ABCDEF";
function percentByte(byte) {
	return "%" + HEX[byte >> 4] + HEX[byte & 15];
}
function tagPercentEncode(source, isSuffix) {
	const allowed = isSuffix ? TAG_SUFFIX_CHARS : TAG_URI_CHARS;
	let result = "";
	for (let index = 0; index < source.length; index++) {
		let ch = source.charCodeAt(index);
		if (ch >= 48 && ch <= 57 || ch >= 65 && ch <= 90 || ch >= 97 && ch <= 122 || allowed.includes(source[index])) {
			result += source[index];
			continue;
		}
		if (ch >= 55296 && ch <= 56319) ch = 65536 + ((ch & 1023) << 10) + (source.charCodeAt(++index) & 1023);
		if (ch < 128) result += percentByte(ch);
		else if (ch < 2048) result += percentByte(192 | ch >> 6) + percentByte(128 | ch & 63);
		else if (ch < 65536) result += percentByte(224 | ch >> 12) + percentByte(128 | ch >> 6 & 63) + percentByte(128 | ch & 63);
		else result += percentByte(240 | ch >> 18) + percentByte(128 | ch >> 12 & 63) + percentByte(128 | ch >> 6 & 63) + percentByte(128 | ch & 63);
	}
	return result;
}
function tagPercentDecode(source) {
	let result = "";
	let index = 0;
	while (index < source.length) {
		if (source.charCodeAt(index) !== 37) {
			result += source[index++];
			continue;
		}
		let ch = parseInt(source.slice(index + 1, index + 3), 16);
		index += 3;
		if (ch >= 192) {
			let remaining = ch < 224 ? 1 : ch < 240 ? 2 : 3;
			ch &= (1 << 6 - remaining) - 1;
			while (remaining-- > 0) {
				ch = ch << 6 | parseInt(source.slice(index + 1, index + 3), 16) & 63;
				index += 3;
			}
		}
		if (ch < 65536) result += String.fromCharCode(ch);
		else {
			ch -= 65536;
			result += String.fromCharCode(55296 | ch >> 10, 56320 | ch & 1023);
		}
	}
	return result;
}
function tagNameFull(rawTag, tagHandlers) {
	if (rawTag.startsWith("!<") && rawTag.endsWith(">")) return tagPercentDecode(rawTag.slice(2, -1));
	const handleEnd = rawTag.indexOf("!", 1);
	const handle = handleEnd === -1 ? "!" : rawTag.slice(0, handleEnd + 1);
	return tagPercentDecode(tagHandlers?.[handle] ?? DEFAULT_TAG_HANDLERS[handle] ?? handle) + tagPercentDecode(rawTag.slice(handle.length));
}
function tagNameShort(fullTag) {
	let tag = fullTag;
	if (tag.charCodeAt(0) === 33) {
		tag = tag.slice(1);
		return `!${tagPercentEncode(tag, true)}`;
	}
	if (tag.slice(0, 18) === "tag:yaml.org,2002:") return `!!${tagPercentEncode(tag.slice(18), true)}`;
	return `!<${tagPercentEncode(tag, false)}>`;
}
//#endregion
//#region src/parser/constructor.ts
var NO_RANGE$2 = -1;
var MERGE_TAG_NAME = "tag:yaml.org,2002:merge";
var DEFAULT_CONSTRUCTOR_OPTIONS = {
	filename: "",
	schema: CORE_SCHEMA,
	json: false,
	maxTotalMergeKeys: 1e4,
	maxAliases: -1
};
function eventPosition$1(event) {
	if ("tagStart" in event && event.tagStart !== NO_RANGE$2) return event.tagStart;
	if ("anchorStart" in event && event.anchorStart !== NO_RANGE$2) return event.anchorStart;
	if ("valueStart" in event && event.valueStart !== NO_RANGE$2) return event.valueStart;
	if ("start" in event) return event.start;
	return 0;
}
function throwError$1(state, message) {
	YAMLException.throwAt(state.source, state.position, message, state.filename);
}
function finalizeCollection(state, position, tag, carrier) {
	try {
		return tag.finalize(carrier);
	} catch (error) {
		if (error instanceof YAMLException) throw error;
		YAMLException.throwAt(state.source, position, error instanceof Error ? error.message : String(error), state.filename);
	}
}
function constructScalar(state, event) {
	const source = getScalarValue(state.source, event);
	const rawTag = event.tagStart === NO_RANGE$2 ? "" : state.source.slice(event.tagStart, event.tagEnd);
	const strTag = state.schema.defaultScalarTag;
	if (rawTag !== "") {
		if (rawTag === "!") return {
			value: source,
			tag: strTag
		};
		const tagName = tagNameFull(rawTag, state.tagHandlers);
		const scalarTag = state.schema.lookupScalarTag(tagName);
		if (scalarTag) {
			const result = scalarTag.resolve(source, true, tagName);
			if (result === NOT_RESOLVED) throwError$1(state, `cannot resolve a node with !<${tagName}> explicit tag`);
			return {
				value: result,
				tag: scalarTag
			};
		}
		const collectionTagDef = state.schema.lookupMappingTag(tagName) ?? state.schema.lookupSequenceTag(tagName);
		if (collectionTagDef) {
			if (source !== "") throwError$1(state, `cannot resolve a node with !<${tagName}> explicit tag`);
			const carrier = collectionTagDef.create(tagName);
			return {
				value: collectionTagDef.carrierIsResult ? carrier : finalizeCollection(state, state.position, collectionTagDef, carrier),
				tag: collectionTagDef
			};
		}
		throwError$1(state, `unknown scalar tag !<${tagName}>`);
	}
	if (event.style === SCALAR_STYLE.PLAIN) return state.schema.resolveImplicitScalarTag(source);
	return {
		value: strTag.resolve(source, false, strTag.tagName),
		tag: strTag
	};
}
function collectionTagName(state, event, defaultTagName) {
	const rawTag = event.tagStart === NO_RANGE$2 ? "" : state.source.slice(event.tagStart, event.tagEnd);
	return rawTag === "" || rawTag === "!" ? defaultTagName : tagNameFull(rawTag, state.tagHandlers);
}
function isMappingTag(tag) {
	return tag.nodeKind === "mapping";
}
function chargeMergeWork(state) {
	state.totalMergeKeys++;
	if (state.maxTotalMergeKeys !== -1 && state.totalMergeKeys > state.maxTotalMergeKeys) throwError$1(state, `merge keys exceeded maxTotalMergeKeys (${state.maxTotalMergeKeys})`);
}
function mergeKeys(state, frame, source, sourceTag) {
	chargeMergeWork(state);
	for (const sourceKey of sourceTag.keys(source)) {
		chargeMergeWork(state);
		if (frame.tag.has(frame.value, sourceKey)) continue;
		const err = frame.tag.addPair(frame.value, sourceKey, sourceTag.get(source, sourceKey));
		if (err) throwError$1(state, err);
		frame.overridable ??= /* @__PURE__ */ new Set();
		frame.overridable.add(sourceKey);
	}
}
function mergeSource(state, frame, source, sourceTag) {
	state.position = frame.keyPosition;
	if (isMappingTag(sourceTag)) mergeKeys(state, frame, source, sourceTag);
	else if (sourceTag.nodeKind === "sequence" && Array.isArray(source)) {
		if (source.length > 100) throwError$1(state, "abnormal merge sequence size");
		for (const element of source) {
			const elementTag = state.nodeTags.get(element);
			if (!elementTag) throwError$1(state, "cannot merge mappings; the provided source object is unacceptable");
			mergeKeys(state, frame, element, elementTag);
		}
	} else throwError$1(state, "cannot merge mappings; the provided source object is unacceptable");
}
function addMappingValue(state, frame, key, value, tag) {
	state.position = frame.keyPosition;
	if (frame.keyIsMerge) {
		mergeSource(state, frame, value, tag);
		return;
	}
	if (!state.json && frame.tag.has(frame.value, key) && !frame.overridable?.has(key)) throwError$1(state, "duplicated mapping key");
	const err = frame.tag.addPair(frame.value, key, value);
	if (err) throwError$1(state, err);
	frame.overridable?.delete(key);
}
function addValue(state, value, tag) {
	const frame = state.frames[state.frames.length - 1];
	if (frame.kind === "document") {
		frame.value = value;
		frame.hasValue = true;
	} else if (frame.kind === "sequence") {
		if (isMappingTag(tag)) state.nodeTags.set(value, tag);
		const err = frame.tag.addItem(frame.value, value, frame.index++);
		if (err) throwError$1(state, err);
	} else if (frame.hasKey) {
		const key = frame.key;
		frame.key = void 0;
		frame.hasKey = false;
		addMappingValue(state, frame, key, value, tag);
	} else {
		frame.key = value;
		frame.keyPosition = state.position;
		frame.hasKey = true;
		frame.keyIsMerge = tag.tagName === MERGE_TAG_NAME;
	}
}
function storeAnchor(state, event, value, tag, isValueFinal) {
	if (event.anchorStart !== NO_RANGE$2) {
		const anchor = {
			value,
			tag,
			isValueFinal
		};
		state.anchors.set(state.source.slice(event.anchorStart, event.anchorEnd), anchor);
		return anchor;
	}
	return null;
}
/**
* Constructs JavaScript documents directly from parser events, without an
* intermediate AST.
*
* @category Events
*/
function constructFromEvents(events, options) {
	const state = {
		...DEFAULT_CONSTRUCTOR_OPTIONS,
		...options,
		events,
		documents: [],
		eventIndex: 0,
		position: 0,
		frames: [],
		anchors: /* @__PURE__ */ new Map(),
		nodeTags: /* @__PURE__ */ new Map(),
		tagHandlers: Object.create(null),
		totalMergeKeys: 0,
		aliasCount: 0
	};
	while (state.eventIndex < state.events.length) {
		const event = state.events[state.eventIndex++];
		state.position = eventPosition$1(event);
		switch (event.type) {
			case EVENT_ID.DOCUMENT:
				state.anchors = /* @__PURE__ */ new Map();
				state.nodeTags = /* @__PURE__ */ new Map();
				state.aliasCount = 0;
				state.tagHandlers = Object.create(null);
				for (const directive of event.directives) if (directive.kind === "tag") state.tagHandlers[directive.handle] = directive.prefix;
				state.frames.push({
					kind: "document",
					position: state.position,
					value: void 0,
					hasValue: false
				});
				break;
			case EVENT_ID.SCALAR: {
				const { value, tag } = constructScalar(state, event);
				storeAnchor(state, event, value, tag, true);
				addValue(state, value, tag);
				break;
			}
			case EVENT_ID.SEQUENCE: {
				const tagName = collectionTagName(state, event, "tag:yaml.org,2002:seq");
				const tag = state.schema.lookupSequenceTag(tagName);
				if (!tag) throwError$1(state, `unknown sequence tag !<${tagName}>`);
				const value = tag.create(tagName);
				const anchor = storeAnchor(state, event, value, tag, tag.carrierIsResult);
				state.frames.push({
					kind: "sequence",
					position: state.position,
					value,
					tag,
					anchor,
					index: 0
				});
				break;
			}
			case EVENT_ID.MAPPING: {
				const tagName = collectionTagName(state, event, "tag:yaml.org,2002:map");
				const tag = state.schema.lookupMappingTag(tagName);
				if (!tag) throwError$1(state, `unknown mapping tag !<${tagName}>`);
				const value = tag.create(tagName);
				const anchor = storeAnchor(state, event, value, tag, tag.carrierIsResult);
				state.frames.push({
					kind: "mapping",
					position: state.position,
					value,
					tag,
					anchor,
					key: void 0,
					keyPosition: state.position,
					hasKey: false,
					keyIsMerge: false,
					overridable: null
				});
				break;
			}
			case EVENT_ID.ALIAS: {
				if (state.maxAliases !== -1 && ++state.aliasCount > state.maxAliases) throwError$1(state, `aliases exceeded maxAliases (${state.maxAliases})`);
				const name = state.source.slice(event.anchorStart, event.anchorEnd);
				const anchor = state.anchors.get(name);
				if (!anchor) throwError$1(state, `unidentified alias "${name}"`);
				if (!anchor.isValueFinal) throwError$1(state, `recursive alias "${name}" is not supported for tag ${anchor.tag.tagName} because it uses finalize()`);
				addValue(state, anchor.value, anchor.tag);
				break;
			}
			case EVENT_ID.POP: {
				const frame = state.frames.pop();
				if (frame.kind === "mapping" && frame.hasKey) {
					state.position = frame.keyPosition;
					throwError$1(state, "incomplete mapping pair in event stream");
				}
				if (frame.kind === "document") state.documents.push(frame.value);
				else {
					const value = frame.tag.carrierIsResult ? frame.value : finalizeCollection(state, frame.position, frame.tag, frame.value);
					if (frame.anchor) {
						frame.anchor.value = value;
						frame.anchor.isValueFinal = true;
					}
					addValue(state, value, frame.tag);
				}
				break;
			}
		}
	}
	return state.documents;
}
//#endregion
//#region src/parser/parser.ts
var NO_RANGE$1 = -1;
var HAS_OWN = Object.prototype.hasOwnProperty;
var CONTEXT_FLOW_IN = 1;
var CONTEXT_FLOW_OUT = 2;
var CONTEXT_BLOCK_IN = 3;
var CONTEXT_BLOCK_OUT = 4;
var PATTERN_NON_PRINTABLE = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:[^\uD800-\uDBFF]|^)[\uDC00-\uDFFF]/;
var PATTERN_FLOW_INDICATORS = /[,\[\]{}]/;
var PATTERN_TAG_HANDLE = /^(?:!|!!|![0-9A-Za-z-]+!)$/;
var NS_URI_CHAR = String.raw`(?:%[0-9A-Fa-f]{2}|[0-9A-Za-z\-#;/?:@&=+$,_.!~*'()\[\]])`;
var NS_TAG_CHAR = String.raw`(?:%[0-9A-Fa-f]{2}|[0-9A-Za-z\-#;/?:@&=+$.~*'()_])`;
var PATTERN_TAG_URI = new RegExp(`^(?:${NS_URI_CHAR})*$`);
var PATTERN_TAG_SUFFIX = new RegExp(`^(?:${NS_TAG_CHAR})+$`);
var PATTERN_TAG_PREFIX = new RegExp(`^(?:!(?:${NS_URI_CHAR})*|${NS_TAG_CHAR}(?:${NS_URI_CHAR})*)$`);
var DEFAULT_PARSER_OPTIONS = {
	filename: "",
	maxDepth: 100
};
function addDocumentEvent(state, explicitStart, explicitEnd) {
	state.events.push({
		type: EVENT_ID.DOCUMENT,
		explicitStart,
		explicitEnd,
		directives: state.directives
	});
}
function addSequenceEvent(state, start, anchorStart, anchorEnd, tagStart, tagEnd, style) {
	state.events.push({
		type: EVENT_ID.SEQUENCE,
		start,
		anchorStart,
		anchorEnd,
		tagStart,
		tagEnd,
		style
	});
}
function addMappingEvent(state, start, anchorStart, anchorEnd, tagStart, tagEnd, style) {
	state.events.push({
		type: EVENT_ID.MAPPING,
		start,
		anchorStart,
		anchorEnd,
		tagStart,
		tagEnd,
		style
	});
}
function insertFlowPairMappingEvent(state, snapshot) {
	state.events.splice(snapshot.eventsLength, 0, {
		type: EVENT_ID.MAPPING,
		start: snapshot.position,
		anchorStart: NO_RANGE$1,
		anchorEnd: NO_RANGE$1,
		tagStart: NO_RANGE$1,
		tagEnd: NO_RANGE$1,
		style: COLLECTION_STYLE.FLOW
	});
}
function addScalarEvent(state, valueStart, valueEnd, anchorStart, anchorEnd, tagStart, tagEnd, style, chomping = CHOMPING_MODE.CLIP, indent = -1, fast = false) {
	state.events.push({
		type: EVENT_ID.SCALAR,
		valueStart,
		valueEnd,
		anchorStart,
		anchorEnd,
		tagStart,
		tagEnd,
		style,
		chomping,
		indent,
		fast
	});
}
function addAliasEvent(state, anchorStart, anchorEnd) {
	state.events.push({
		type: EVENT_ID.ALIAS,
		anchorStart,
		anchorEnd
	});
}
function addPopEvent(state) {
	state.events.push({ type: EVENT_ID.POP });
}
function addEmptyScalarEvent(state) {
	addScalarEvent(state, NO_RANGE$1, NO_RANGE$1, NO_RANGE$1, NO_RANGE$1, NO_RANGE$1, NO_RANGE$1, SCALAR_STYLE.PLAIN);
}
function emptyProperties() {
	return {
		anchorStart: NO_RANGE$1,
		anchorEnd: NO_RANGE$1,
		tagStart: NO_RANGE$1,
		tagEnd: NO_RANGE$1
	};
}
function snapshotState(state) {
	return {
		position: state.position,
		line: state.line,
		lineStart: state.lineStart,
		lineIndent: state.lineIndent,
		firstTabInLine: state.firstTabInLine,
		eventsLength: state.events.length
	};
}
function restoreState(state, snapshot) {
	state.position = snapshot.position;
	state.line = snapshot.line;
	state.lineStart = snapshot.lineStart;
	state.lineIndent = snapshot.lineIndent;
	state.firstTabInLine = snapshot.firstTabInLine;
	state.events.length = snapshot.eventsLength;
}
function throwError(state, message) {
	YAMLException.throwAt(state.input.slice(0, state.length), state.position, message, state.filename);
}
function isEol(c) {
	return c === 10 || c === 13;
}
function isWhiteSpace(c) {
	return c === 9 || c === 32;
}
function isWsOrEol(c) {
	return isWhiteSpace(c) || isEol(c);
}
function isWsOrEolOrEnd(c) {
	return c === 0 || isWsOrEol(c);
}
function isFlowIndicator(c) {
	return c === 44 || c === 91 || c === 93 || c === 123 || c === 125;
}
function fromDecimalCode(c) {
	return c >= 48 && c <= 57 ? c - 48 : -1;
}
function fromHexCode(c) {
	if (c >= 48 && c <= 57) return c - 48;
	const lc = c | 32;
	if (lc >= 97 && lc <= 102) return lc - 97 + 10;
	return -1;
}
function escapedHexLen(c) {
	if (c === 120) return 2;
	if (c === 117) return 4;
	if (c === 85) return 8;
	return 0;
}
function isSimpleEscape(c) {
	return c === 48 || c === 97 || c === 98 || c === 116 || c === 9 || c === 110 || c === 118 || c === 102 || c === 114 || c === 101 || c === 32 || c === 34 || c === 47 || c === 92 || c === 78 || c === 95 || c === 76 || c === 80;
}
function consumeLineBreak(state) {
	if (state.input.charCodeAt(state.position) === 10) state.position++;
	else {
		state.position++;
		if (state.input.charCodeAt(state.position) === 10) state.position++;
	}
	state.line++;
	state.lineStart = state.position;
	state.lineIndent = 0;
	state.firstTabInLine = -1;
}
function skipSeparationSpace(state, allowComments) {
	let lineBreaks = 0;
	let ch = state.input.charCodeAt(state.position);
	let hasSeparation = state.position === state.lineStart || isWsOrEol(state.input.charCodeAt(state.position - 1));
	while (ch !== 0) {
		while (isWhiteSpace(ch)) {
			hasSeparation = true;
			if (ch === 9 && state.firstTabInLine === -1) state.firstTabInLine = state.position;
			ch = state.input.charCodeAt(++state.position);
		}
		if (allowComments && hasSeparation && ch === 35) do
			ch = state.input.charCodeAt(++state.position);
		while (!isEol(ch) && ch !== 0);
		if (!isEol(ch)) break;
		consumeLineBreak(state);
		lineBreaks++;
		hasSeparation = true;
		ch = state.input.charCodeAt(state.position);
		while (ch === 32) {
			state.lineIndent++;
			ch = state.input.charCodeAt(++state.position);
		}
	}
	return lineBreaks;
}
function testDocumentSeparator(state, position = state.position) {
	const ch = state.input.charCodeAt(position);
	if ((ch === 45 || ch === 46) && ch === state.input.charCodeAt(position + 1) && ch === state.input.charCodeAt(position + 2)) {
		const following = state.input.charCodeAt(position + 3);
		return following === 0 || isWsOrEol(following);
	}
	return false;
}
function skipByteOrderMark(state) {
	if (state.position === state.lineStart && state.input.charCodeAt(state.position) === 65279) {
		state.position++;
		state.lineStart = state.position;
	}
}
function testDocumentBoundary(state) {
	if (state.position !== state.lineStart) return false;
	if (testDocumentSeparator(state)) return true;
	if (state.input.charCodeAt(state.position) !== 65279) return false;
	const snapshot = snapshotState(state);
	skipByteOrderMark(state);
	skipSeparationSpace(state, true);
	const ch = state.input.charCodeAt(state.position);
	const result = state.position === state.lineStart && (ch === 37 || ch === 45 && testDocumentSeparator(state));
	restoreState(state, snapshot);
	return result;
}
function skipUntilLineEnd(state) {
	let ch = state.input.charCodeAt(state.position);
	while (ch !== 0 && !isEol(ch)) ch = state.input.charCodeAt(++state.position);
}
function checkPrintable(state, start, end) {
	const match = PATTERN_NON_PRINTABLE.exec(state.input.slice(start, end));
	if (match !== null) {
		state.position = start + match.index + match[0].length - 1;
		throwError(state, "the stream contains non-printable characters");
	}
}
function readTagProperty(state, props, inFlow) {
	if (state.input.charCodeAt(state.position) !== 33) return false;
	if (props.tagStart !== NO_RANGE$1) throwError(state, "duplication of a tag property");
	const start = state.position;
	let isVerbatim = false;
	let isNamed = false;
	let tagHandle = "!";
	let ch = state.input.charCodeAt(++state.position);
	if (ch === 60) {
		isVerbatim = true;
		ch = state.input.charCodeAt(++state.position);
	} else if (ch === 33) {
		isNamed = true;
		tagHandle = "!!";
		ch = state.input.charCodeAt(++state.position);
	}
	let suffixStart = state.position;
	let tagName;
	if (isVerbatim) {
		while (ch !== 0 && ch !== 62) ch = state.input.charCodeAt(++state.position);
		if (ch !== 62) throwError(state, "unexpected end of the stream within a verbatim tag");
		tagName = state.input.slice(suffixStart, state.position);
		state.position++;
	} else {
		while (ch !== 0 && !isWsOrEol(ch) && !(inFlow && isFlowIndicator(ch))) {
			if (ch === 33) {
				if (!isNamed) {
					tagHandle = state.input.slice(suffixStart - 1, state.position + 1);
					if (!PATTERN_TAG_HANDLE.test(tagHandle)) throwError(state, "named tag handle cannot contain such characters");
					isNamed = true;
					suffixStart = state.position + 1;
				} else throwError(state, "tag suffix cannot contain exclamation marks");
			}
			ch = state.input.charCodeAt(++state.position);
		}
		tagName = state.input.slice(suffixStart, state.position);
		if (PATTERN_FLOW_INDICATORS.test(tagName)) throwError(state, "tag suffix cannot contain flow indicator characters");
	}
	if (tagName && !(isVerbatim ? PATTERN_TAG_URI.test(tagName) : PATTERN_TAG_SUFFIX.test(tagName))) throwError(state, `tag name cannot contain such characters: ${tagName}`);
	if (!isVerbatim && tagHandle !== "!" && tagHandle !== "!!" && !HAS_OWN.call(state.tagHandlers, tagHandle)) throwError(state, `undeclared tag handle "${tagHandle}"`);
	props.tagStart = start;
	props.tagEnd = state.position;
	return true;
}
function readAnchorProperty(state, props) {
	if (state.input.charCodeAt(state.position) !== 38) return false;
	if (props.anchorStart !== NO_RANGE$1) throwError(state, "duplication of an anchor property");
	state.position++;
	const start = state.position;
	while (state.input.charCodeAt(state.position) !== 0 && !isWsOrEol(state.input.charCodeAt(state.position)) && !isFlowIndicator(state.input.charCodeAt(state.position))) state.position++;
	if (state.position === start) throwError(state, "name of an anchor node must contain at least one character");
	props.anchorStart = start;
	props.anchorEnd = state.position;
	return true;
}
function readAlias(state, props) {
	if (state.input.charCodeAt(state.position) !== 42) return false;
	if (props.anchorStart !== NO_RANGE$1 || props.tagStart !== NO_RANGE$1) throwError(state, "alias node should not have any properties");
	state.position++;
	const start = state.position;
	while (state.input.charCodeAt(state.position) !== 0 && !isWsOrEol(state.input.charCodeAt(state.position)) && !isFlowIndicator(state.input.charCodeAt(state.position))) state.position++;
	if (state.position === start) throwError(state, "name of an alias node must contain at least one character");
	addAliasEvent(state, start, state.position);
	return true;
}
function readFlowScalarBreak(state, nodeIndent) {
	skipSeparationSpace(state, false);
	if (state.lineIndent < nodeIndent) throwError(state, "deficient indentation");
}
function readSingleQuotedScalar(state, nodeIndent, props) {
	if (state.input.charCodeAt(state.position) !== 39) return false;
	state.position++;
	const start = state.position;
	let simple = true;
	while (state.input.charCodeAt(state.position) !== 0) {
		const ch = state.input.charCodeAt(state.position);
		if (ch === 39) {
			if (state.input.charCodeAt(state.position + 1) === 39) {
				simple = false;
				state.position += 2;
				continue;
			}
			const end = state.position;
			state.position++;
			addScalarEvent(state, start, end, props.anchorStart, props.anchorEnd, props.tagStart, props.tagEnd, SCALAR_STYLE.SINGLE_QUOTED, CHOMPING_MODE.CLIP, -1, simple);
			return true;
		}
		if (isEol(ch)) {
			simple = false;
			readFlowScalarBreak(state, nodeIndent);
		} else if (state.position === state.lineStart && testDocumentSeparator(state)) throwError(state, "unexpected end of the document within a single quoted scalar");
		else if (ch !== 9 && ch < 32) throwError(state, "expected valid JSON character");
		else state.position++;
	}
	throwError(state, "unexpected end of the stream within a single quoted scalar");
}
function readDoubleQuotedScalar(state, nodeIndent, props) {
	if (state.input.charCodeAt(state.position) !== 34) return false;
	state.position++;
	const start = state.position;
	let simple = true;
	while (state.input.charCodeAt(state.position) !== 0) {
		const ch = state.input.charCodeAt(state.position);
		if (ch === 34) {
			const end = state.position;
			state.position++;
			addScalarEvent(state, start, end, props.anchorStart, props.anchorEnd, props.tagStart, props.tagEnd, SCALAR_STYLE.DOUBLE_QUOTED, CHOMPING_MODE.CLIP, -1, simple);
			return true;
		}
		if (ch === 92) {
			simple = false;
			const escaped = state.input.charCodeAt(++state.position);
			if (isEol(escaped)) readFlowScalarBreak(state, nodeIndent);
			else if (isSimpleEscape(escaped)) state.position++;
			else {
				let hexLength = escapedHexLen(escaped);
				if (hexLength === 0) throwError(state, "unknown escape sequence");
				while (hexLength-- > 0) {
					state.position++;
					if (fromHexCode(state.input.charCodeAt(state.position)) < 0) throwError(state, "expected hexadecimal character");
				}
				state.position++;
			}
		} else if (isEol(ch)) {
			simple = false;
			readFlowScalarBreak(state, nodeIndent);
		} else if (state.position === state.lineStart && testDocumentSeparator(state)) throwError(state, "unexpected end of the document within a double quoted scalar");
		else if (ch !== 9 && ch < 32) throwError(state, "expected valid JSON character");
		else state.position++;
	}
	throwError(state, "unexpected end of the stream within a double quoted scalar");
}
function readBlockScalar(state, parentIndent, props) {
	const ch = state.input.charCodeAt(state.position);
	let chomping = CHOMPING_MODE.CLIP;
	let indent = -1;
	let detectedIndent = false;
	if (ch !== 124 && ch !== 62) return false;
	const style = ch === 124 ? SCALAR_STYLE.LITERAL_BLOCK : SCALAR_STYLE.FOLDED_BLOCK;
	state.position++;
	while (state.input.charCodeAt(state.position) !== 0) {
		const current = state.input.charCodeAt(state.position);
		const digit = fromDecimalCode(current);
		if (current === 43 || current === 45) {
			if (chomping !== CHOMPING_MODE.CLIP) throwError(state, "repeat of a chomping mode identifier");
			chomping = current === 43 ? CHOMPING_MODE.KEEP : CHOMPING_MODE.STRIP;
			state.position++;
		} else if (digit >= 0) {
			if (digit === 0) throwError(state, "bad explicit indentation width of a block scalar; it cannot be less than one");
			if (detectedIndent) throwError(state, "repeat of an indentation width identifier");
			indent = parentIndent + digit - 1;
			detectedIndent = true;
			state.position++;
		} else break;
	}
	let hadWhitespace = false;
	while (isWhiteSpace(state.input.charCodeAt(state.position))) {
		hadWhitespace = true;
		state.position++;
	}
	if (hadWhitespace && state.input.charCodeAt(state.position) === 35) skipUntilLineEnd(state);
	if (isEol(state.input.charCodeAt(state.position))) consumeLineBreak(state);
	else if (state.input.charCodeAt(state.position) !== 0) throwError(state, "a line break is expected");
	let contentIndent = detectedIndent ? indent : -1;
	let maxLeadingIndent = 0;
	const valueStart = state.position;
	let valueEnd = state.position;
	while (state.input.charCodeAt(state.position) !== 0) {
		const linePosition = state.position;
		let column = 0;
		while (state.input.charCodeAt(linePosition + column) === 32) column++;
		const first = state.input.charCodeAt(linePosition + column);
		if (first === 0) {
			if (contentIndent >= 0) {
				if (column > contentIndent) valueEnd = linePosition + column;
			} else if (column > 0) valueEnd = linePosition + column;
			break;
		}
		if (testDocumentBoundary(state)) break;
		if (!detectedIndent && contentIndent === -1 && isEol(first)) maxLeadingIndent = Math.max(maxLeadingIndent, column);
		if (!detectedIndent && contentIndent === -1 && !isEol(first)) {
			if (first === 9 && column < parentIndent) {
				state.position = linePosition + column;
				throwError(state, "tab characters must not be used in indentation");
			}
			if (column >= parentIndent && column < maxLeadingIndent) {
				state.position = linePosition + column;
				throwError(state, "bad indentation of a mapping entry");
			}
		}
		if (contentIndent === -1 && first !== 0 && !isEol(first) && column < parentIndent) {
			state.lineIndent = column;
			state.position = linePosition + column;
			break;
		}
		if (!detectedIndent && first !== 0 && !isEol(first) && contentIndent === -1) contentIndent = column;
		const requiredIndent = contentIndent === -1 ? parentIndent + 1 : contentIndent;
		if (first !== 0 && !isEol(first) && column < requiredIndent) {
			state.lineIndent = column;
			state.position = linePosition + column;
			break;
		}
		skipUntilLineEnd(state);
		valueEnd = state.position;
		if (isEol(state.input.charCodeAt(state.position))) {
			consumeLineBreak(state);
			valueEnd = state.position;
		}
	}
	checkPrintable(state, valueStart, valueEnd);
	addScalarEvent(state, valueStart, valueEnd, props.anchorStart, props.anchorEnd, props.tagStart, props.tagEnd, style, chomping, contentIndent);
	return true;
}
function canStartPlainScalar(state, nodeContext) {
	const ch = state.input.charCodeAt(state.position);
	const inFlow = nodeContext === CONTEXT_FLOW_IN;
	if (ch === 0 || isWsOrEol(ch) || ch === 35 || ch === 38 || ch === 42 || ch === 33 || ch === 124 || ch === 62 || ch === 39 || ch === 34 || ch === 37 || ch === 64 || ch === 96 || isFlowIndicator(ch)) return false;
	if (ch === 63 || ch === 45) {
		const following = state.input.charCodeAt(state.position + 1);
		if (isWsOrEolOrEnd(following) || inFlow && isFlowIndicator(following)) return false;
	}
	return true;
}
function readPlainScalar(state, nodeIndent, nodeContext, props) {
	if (!canStartPlainScalar(state, nodeContext)) return false;
	const start = state.position;
	let end = state.position;
	let ch = state.input.charCodeAt(state.position);
	const inFlow = nodeContext === CONTEXT_FLOW_IN;
	let multiline = false;
	while (ch !== 0) {
		if (testDocumentBoundary(state)) break;
		if (ch === 58) {
			const following = state.input.charCodeAt(state.position + 1);
			if (isWsOrEolOrEnd(following) || inFlow && isFlowIndicator(following)) break;
		} else if (ch === 35) {
			if (isWsOrEol(state.input.charCodeAt(state.position - 1))) break;
		} else if (inFlow && isFlowIndicator(ch)) break;
		else if (isEol(ch)) {
			const savedPosition = state.position;
			const savedLine = state.line;
			const savedLineStart = state.lineStart;
			const savedLineIndent = state.lineIndent;
			skipSeparationSpace(state, false);
			if (state.lineIndent >= nodeIndent) {
				multiline = true;
				ch = state.input.charCodeAt(state.position);
				continue;
			}
			state.position = savedPosition;
			state.line = savedLine;
			state.lineStart = savedLineStart;
			state.lineIndent = savedLineIndent;
			break;
		}
		if (!isWhiteSpace(ch)) end = state.position + 1;
		ch = state.input.charCodeAt(++state.position);
	}
	if (end === start) return false;
	checkPrintable(state, start, end);
	addScalarEvent(state, start, end, props.anchorStart, props.anchorEnd, props.tagStart, props.tagEnd, SCALAR_STYLE.PLAIN, CHOMPING_MODE.CLIP, -1, !multiline);
	return true;
}
function skipFlowSeparationSpace(state, nodeIndent) {
	const startLine = state.line;
	skipSeparationSpace(state, true);
	if (state.line > startLine && state.lineIndent < nodeIndent || state.firstTabInLine !== -1 && state.lineIndent < nodeIndent) throwError(state, "deficient indentation");
}
function readFlowCollection(state, nodeIndent, props) {
	const ch = state.input.charCodeAt(state.position);
	const isMapping = ch === 123;
	const start = state.position;
	let readNext = true;
	if (ch !== 91 && ch !== 123) return false;
	const terminator = isMapping ? 125 : 93;
	if (isMapping) addMappingEvent(state, start, props.anchorStart, props.anchorEnd, props.tagStart, props.tagEnd, COLLECTION_STYLE.FLOW);
	else addSequenceEvent(state, start, props.anchorStart, props.anchorEnd, props.tagStart, props.tagEnd, COLLECTION_STYLE.FLOW);
	state.position++;
	while (state.input.charCodeAt(state.position) !== 0) {
		skipFlowSeparationSpace(state, nodeIndent);
		let ch = state.input.charCodeAt(state.position);
		if (ch === terminator) {
			state.position++;
			addPopEvent(state);
			return true;
		} else if (!readNext) throwError(state, "missed comma between flow collection entries");
		else if (ch === 44) throwError(state, "expected the node content, but found ','");
		let isPair = false;
		let isExplicitPair = false;
		if (ch === 63 && isWsOrEol(state.input.charCodeAt(state.position + 1))) {
			isPair = isExplicitPair = true;
			state.position += 1;
			skipFlowSeparationSpace(state, nodeIndent);
		}
		const entryLine = state.line;
		const entryStart = snapshotState(state);
		const keyWasRead = parseNode(state, nodeIndent, CONTEXT_FLOW_IN, false, true);
		skipFlowSeparationSpace(state, nodeIndent);
		ch = state.input.charCodeAt(state.position);
		if ((isMapping || isExplicitPair || state.line === entryLine) && ch === 58) {
			isPair = true;
			state.position++;
			skipFlowSeparationSpace(state, nodeIndent);
			if (!isMapping) {
				insertFlowPairMappingEvent(state, entryStart);
				if (!keyWasRead) addEmptyScalarEvent(state);
			} else if (!keyWasRead) addEmptyScalarEvent(state);
			if (!parseNode(state, nodeIndent, CONTEXT_FLOW_IN, false, true)) addEmptyScalarEvent(state);
			skipFlowSeparationSpace(state, nodeIndent);
			if (!isMapping) addPopEvent(state);
		} else if (isMapping && isPair) {
			if (!keyWasRead) addEmptyScalarEvent(state);
			addEmptyScalarEvent(state);
		} else if (isMapping) addEmptyScalarEvent(state);
		else if (isPair) {
			insertFlowPairMappingEvent(state, entryStart);
			if (!keyWasRead) addEmptyScalarEvent(state);
			addEmptyScalarEvent(state);
			addPopEvent(state);
		}
		ch = state.input.charCodeAt(state.position);
		if (ch === 44) {
			readNext = true;
			state.position++;
		} else readNext = false;
	}
	throwError(state, "unexpected end of the stream within a flow collection");
}
function readBlockSequence(state, nodeIndent, props) {
	if (state.firstTabInLine !== -1 || state.input.charCodeAt(state.position) !== 45 || !isWsOrEolOrEnd(state.input.charCodeAt(state.position + 1))) return false;
	addSequenceEvent(state, state.position, props.anchorStart, props.anchorEnd, props.tagStart, props.tagEnd, COLLECTION_STYLE.BLOCK);
	while (state.input.charCodeAt(state.position) === 45 && isWsOrEolOrEnd(state.input.charCodeAt(state.position + 1))) {
		if (state.firstTabInLine !== -1) {
			state.position = state.firstTabInLine;
			throwError(state, "tab characters must not be used in indentation");
		}
		const entryLine = state.line;
		state.position++;
		const hadBreak = skipSeparationSpace(state, true) > 0;
		if (state.firstTabInLine !== -1 && state.input.charCodeAt(state.position) === 45 && isWsOrEolOrEnd(state.input.charCodeAt(state.position + 1))) throwError(state, "bad indentation of a sequence entry");
		if (hadBreak && state.lineIndent <= nodeIndent) addEmptyScalarEvent(state);
		else parseNode(state, nodeIndent, CONTEXT_BLOCK_IN, false, true);
		skipSeparationSpace(state, true);
		if (state.lineIndent < nodeIndent || state.position >= state.length) break;
		if (state.lineIndent > nodeIndent) throwError(state, "bad indentation of a sequence entry");
		if (state.line === entryLine && state.input.charCodeAt(state.position) === 45 && isWsOrEolOrEnd(state.input.charCodeAt(state.position + 1))) throwError(state, "bad indentation of a sequence entry");
	}
	addPopEvent(state);
	return true;
}
function readBlockMapping(state, nodeIndent, flowIndent, props) {
	let atExplicitKey = false;
	let detected = false;
	let mappingOpened = false;
	let pendingExplicitKey = false;
	if (state.firstTabInLine !== -1) return false;
	let ch = state.input.charCodeAt(state.position);
	while (ch !== 0) {
		if (!atExplicitKey && state.firstTabInLine !== -1) {
			state.position = state.firstTabInLine;
			throwError(state, "tab characters must not be used in indentation");
		}
		const following = state.input.charCodeAt(state.position + 1);
		const entryLine = state.line;
		if ((ch === 63 || ch === 58) && isWsOrEolOrEnd(following)) {
			if (!mappingOpened) {
				addMappingEvent(state, state.position, props.anchorStart, props.anchorEnd, props.tagStart, props.tagEnd, COLLECTION_STYLE.BLOCK);
				mappingOpened = true;
			}
			if (ch === 63) {
				if (atExplicitKey) addEmptyScalarEvent(state);
				detected = true;
				atExplicitKey = true;
			} else if (atExplicitKey) atExplicitKey = false;
			else {
				addEmptyScalarEvent(state);
				detected = true;
				atExplicitKey = false;
			}
			state.position += 1;
			pendingExplicitKey = true;
		} else {
			if (atExplicitKey) {
				addEmptyScalarEvent(state);
				atExplicitKey = false;
			}
			const beforeKey = snapshotState(state);
			if (!parseNode(state, flowIndent, CONTEXT_FLOW_OUT, false, true)) break;
			if (state.line === entryLine) {
				ch = state.input.charCodeAt(state.position);
				while (isWhiteSpace(ch)) ch = state.input.charCodeAt(++state.position);
				if (ch === 58) {
					ch = state.input.charCodeAt(++state.position);
					if (!isWsOrEolOrEnd(ch)) throwError(state, "a whitespace character is expected after the key-value separator within a block mapping");
					if (!mappingOpened) {
						state.events.splice(beforeKey.eventsLength, 0, {
							type: EVENT_ID.MAPPING,
							start: beforeKey.position,
							anchorStart: props.anchorStart,
							anchorEnd: props.anchorEnd,
							tagStart: props.tagStart,
							tagEnd: props.tagEnd,
							style: COLLECTION_STYLE.BLOCK
						});
						mappingOpened = true;
					}
					detected = true;
					atExplicitKey = false;
					pendingExplicitKey = false;
				} else if (detected) throwError(state, "expected ':' after a mapping key");
				else {
					if (props.anchorStart !== NO_RANGE$1 || props.tagStart !== NO_RANGE$1) {
						restoreState(state, beforeKey);
						return false;
					}
					return true;
				}
			} else if (detected) throwError(state, "can not read a block mapping entry; a multiline key may not be an implicit key");
			else {
				if (props.anchorStart !== NO_RANGE$1 || props.tagStart !== NO_RANGE$1) {
					restoreState(state, beforeKey);
					return false;
				}
				return true;
			}
		}
		if (parseNode(state, nodeIndent, CONTEXT_BLOCK_OUT, true, pendingExplicitKey)) pendingExplicitKey = false;
		if (!atExplicitKey) {
			if (pendingExplicitKey) {
				addEmptyScalarEvent(state);
				pendingExplicitKey = false;
			}
		}
		skipSeparationSpace(state, true);
		ch = state.input.charCodeAt(state.position);
		if ((state.line === entryLine || state.lineIndent > nodeIndent) && ch !== 0) throwError(state, "bad indentation of a mapping entry");
		else if (state.lineIndent < nodeIndent) break;
	}
	if (!detected) return false;
	if (atExplicitKey) addEmptyScalarEvent(state);
	if (mappingOpened) addPopEvent(state);
	return true;
}
function parseNode(state, parentIndent, nodeContext, allowToSeek, allowCompact, allowPropertyMapping = true) {
	if (state.depth >= state.maxDepth) throwError(state, `nesting exceeded maxDepth (${state.maxDepth})`);
	state.depth++;
	let indentStatus = 1;
	let atNewLine = false;
	let hasContent = false;
	let propertyStart = null;
	const props = emptyProperties();
	let allowBlockScalars = nodeContext === CONTEXT_BLOCK_OUT || nodeContext === CONTEXT_BLOCK_IN;
	let allowBlockCollections = allowBlockScalars;
	const allowBlockStyles = allowBlockScalars;
	if (allowToSeek && skipSeparationSpace(state, true)) {
		atNewLine = true;
		if (state.lineIndent > parentIndent) indentStatus = 1;
		else if (state.lineIndent === parentIndent) indentStatus = 0;
		else indentStatus = -1;
	}
	if (indentStatus === 1) while (true) {
		const ch = state.input.charCodeAt(state.position);
		const propertyState = snapshotState(state);
		if (atNewLine && indentStatus !== 1 && (ch === 33 || ch === 38)) break;
		if (atNewLine && allowBlockStyles && (props.tagStart !== NO_RANGE$1 || props.anchorStart !== NO_RANGE$1) && (ch === 33 || ch === 38)) {
			const fallbackState = snapshotState(state);
			const flowIndent = parentIndent + 1;
			if (readBlockMapping(state, state.position - state.lineStart, flowIndent, props) && state.events[fallbackState.eventsLength]?.type === EVENT_ID.MAPPING) {
				state.depth--;
				return true;
			}
			restoreState(state, fallbackState);
		}
		if (atNewLine && (ch === 33 && props.tagStart !== NO_RANGE$1 || ch === 38 && props.anchorStart !== NO_RANGE$1)) break;
		if (!readTagProperty(state, props, nodeContext === CONTEXT_FLOW_IN) && !readAnchorProperty(state, props)) break;
		if (propertyStart === null) propertyStart = propertyState;
		if (skipSeparationSpace(state, true)) {
			atNewLine = true;
			allowBlockCollections = allowBlockStyles;
			if (state.lineIndent > parentIndent) indentStatus = 1;
			else if (state.lineIndent === parentIndent) indentStatus = 0;
			else indentStatus = -1;
		} else allowBlockCollections = false;
	}
	if (allowBlockCollections) allowBlockCollections = atNewLine || allowCompact;
	if (indentStatus === 1 || nodeContext === CONTEXT_BLOCK_OUT) {
		const flowIndent = nodeContext === CONTEXT_FLOW_IN || nodeContext === CONTEXT_FLOW_OUT ? parentIndent : parentIndent + 1;
		const blockIndent = state.position - state.lineStart;
		if (indentStatus === 1) {
			if (allowBlockCollections && (readBlockSequence(state, blockIndent, props) || readBlockMapping(state, blockIndent, flowIndent, props)) || readFlowCollection(state, flowIndent, props)) hasContent = true;
			else {
				const ch = state.input.charCodeAt(state.position);
				if (propertyStart !== null && allowPropertyMapping && allowBlockStyles && !allowBlockCollections && ch !== 124 && ch !== 62) {
					const fallbackState = snapshotState(state);
					const propertyIndent = propertyStart.position - propertyStart.lineStart;
					restoreState(state, propertyStart);
					if (readBlockMapping(state, propertyIndent, flowIndent, emptyProperties()) && state.events[fallbackState.eventsLength]?.type === EVENT_ID.MAPPING) hasContent = true;
					else restoreState(state, fallbackState);
				}
				if (!hasContent && (allowBlockScalars && readBlockScalar(state, flowIndent, props) || readSingleQuotedScalar(state, flowIndent, props) || readDoubleQuotedScalar(state, flowIndent, props) || readAlias(state, props) || readPlainScalar(state, flowIndent, nodeContext, props))) hasContent = true;
			}
		} else if (indentStatus === 0) hasContent = allowBlockCollections && readBlockSequence(state, blockIndent, props);
	}
	allowBlockScalars = allowBlockScalars && !hasContent;
	if (!hasContent && (props.anchorStart !== NO_RANGE$1 || props.tagStart !== NO_RANGE$1 || allowBlockScalars)) {
		addScalarEvent(state, NO_RANGE$1, NO_RANGE$1, props.anchorStart, props.anchorEnd, props.tagStart, props.tagEnd, SCALAR_STYLE.PLAIN);
		hasContent = true;
	}
	state.depth--;
	return hasContent || props.anchorStart !== NO_RANGE$1 || props.tagStart !== NO_RANGE$1;
}
function readDirective(state) {
	if (state.lineIndent > 0 || state.input.charCodeAt(state.position) !== 37) return false;
	state.position++;
	const nameStart = state.position;
	while (state.input.charCodeAt(state.position) !== 0 && !isWsOrEol(state.input.charCodeAt(state.position))) state.position++;
	const name = state.input.slice(nameStart, state.position);
	const args = [];
	if (name.length === 0) throwError(state, "directive name must not be less than one character in length");
	while (state.input.charCodeAt(state.position) !== 0 && !isEol(state.input.charCodeAt(state.position))) {
		while (isWhiteSpace(state.input.charCodeAt(state.position))) state.position++;
		if (state.input.charCodeAt(state.position) === 35 || isEol(state.input.charCodeAt(state.position)) || state.input.charCodeAt(state.position) === 0) break;
		const start = state.position;
		while (state.input.charCodeAt(state.position) !== 0 && !isWsOrEol(state.input.charCodeAt(state.position))) state.position++;
		args.push(state.input.slice(start, state.position));
	}
	if (isEol(state.input.charCodeAt(state.position))) consumeLineBreak(state);
	if (name === "YAML") {
		if (state.directives.some((directive) => directive.kind === "yaml")) throwError(state, "duplication of %YAML directive");
		if (args.length !== 1) throwError(state, "YAML directive accepts exactly one argument");
		const match = /^([0-9]+)\.([0-9]+)$/.exec(args[0]);
		if (match === null) throwError(state, "ill-formed argument of the YAML directive");
		if (parseInt(match[1], 10) !== 1) throwError(state, "unacceptable YAML version of the document");
		state.directives.push({
			kind: "yaml",
			version: args[0]
		});
	} else if (name === "TAG") {
		if (args.length !== 2) throwError(state, "TAG directive accepts exactly two arguments");
		const [handle, prefix] = args;
		if (!PATTERN_TAG_HANDLE.test(handle)) throwError(state, "ill-formed tag handle (first argument) of the TAG directive");
		if (HAS_OWN.call(state.tagHandlers, handle)) throwError(state, `there is a previously declared suffix for "${handle}" tag handle`);
		if (!PATTERN_TAG_PREFIX.test(prefix)) throwError(state, "ill-formed tag prefix (second argument) of the TAG directive");
		state.tagHandlers[handle] = prefix;
		state.directives.push({
			kind: "tag",
			handle,
			prefix
		});
	}
	return true;
}
function readDocument(state) {
	state.directives = [];
	state.tagHandlers = Object.create(null);
	let hasDirectives = false;
	skipSeparationSpace(state, true);
	while (readDirective(state)) {
		hasDirectives = true;
		skipSeparationSpace(state, true);
	}
	let explicitStart = false;
	let explicitEnd = false;
	let allowCompact = true;
	if (state.lineIndent === 0 && state.input.charCodeAt(state.position) === 45 && state.input.charCodeAt(state.position + 1) === 45 && state.input.charCodeAt(state.position + 2) === 45 && isWsOrEolOrEnd(state.input.charCodeAt(state.position + 3))) {
		explicitStart = true;
		const markerLine = state.line;
		state.position += 3;
		skipSeparationSpace(state, true);
		allowCompact = state.line > markerLine;
	} else if (hasDirectives) throwError(state, "directives end mark is expected");
	const documentEventIndex = state.events.length;
	if (!explicitStart && state.position === state.lineStart && state.input.charCodeAt(state.position) === 46 && testDocumentSeparator(state)) {
		state.position += 3;
		skipSeparationSpace(state, true);
		return;
	}
	addDocumentEvent(state, explicitStart, false);
	if (!parseNode(state, state.lineIndent - 1, CONTEXT_BLOCK_OUT, false, allowCompact, allowCompact)) addEmptyScalarEvent(state);
	skipSeparationSpace(state, true);
	if (state.position === state.lineStart && testDocumentSeparator(state)) {
		explicitEnd = state.input.charCodeAt(state.position) === 46;
		if (explicitEnd) {
			const markerLine = state.line;
			state.position += 3;
			skipSeparationSpace(state, true);
			if (state.line === markerLine && state.position < state.length) throwError(state, "end of the stream or a document separator is expected");
		}
	}
	const documentEvent = state.events[documentEventIndex];
	if (documentEvent?.type === EVENT_ID.DOCUMENT) documentEvent.explicitEnd = explicitEnd;
	addPopEvent(state);
	if (!explicitEnd && state.position < state.length && !testDocumentBoundary(state)) throwError(state, "end of the stream or a document separator is expected");
}
/**
* Parses YAML into a flat event stream referencing source text by offsets.
*
* @category Events
*/
function parseEvents(input, options) {
	const length = input.length;
	const state = {
		...DEFAULT_PARSER_OPTIONS,
		...options,
		input: `${input}\0`,
		length,
		position: 0,
		line: 0,
		lineStart: 0,
		lineIndent: 0,
		firstTabInLine: -1,
		depth: 0,
		directives: [],
		tagHandlers: Object.create(null),
		events: []
	};
	const nullpos = input.indexOf("\0");
	if (nullpos !== -1) YAMLException.throwAt(input, nullpos, "null byte is not allowed in input", state.filename);
	while (state.position < state.length) {
		skipByteOrderMark(state);
		skipSeparationSpace(state, true);
		if (state.position >= state.length) break;
		const documentStart = state.position;
		readDocument(state);
		if (state.position === documentStart)
 /* c8 ignore next */
		throwError(state, "can not read a document");
	}
	return state.events;
}
//#endregion
//#region src/load.ts
var DEFAULT_LOAD_OPTIONS = {
	...DEFAULT_PARSER_OPTIONS,
	...DEFAULT_CONSTRUCTOR_OPTIONS
};
function loadDocuments(input, options = {}) {
	const opts = {
		...DEFAULT_LOAD_OPTIONS,
		...options
	};
	const source = String(input);
	const PARSER_OPT_KEYS = Object.keys(DEFAULT_PARSER_OPTIONS);
	const CONSTRUCTOR_OPT_KEYS = Object.keys(DEFAULT_CONSTRUCTOR_OPTIONS);
	return constructFromEvents(parseEvents(source, pick(opts, PARSER_OPT_KEYS)), {
		...pick(opts, CONSTRUCTOR_OPT_KEYS),
		source
	});
}
function loadAll(input, iteratorOrOptions, options) {
	let iterator = null;
	if (typeof iteratorOrOptions === "function") iterator = iteratorOrOptions;
	else if (iteratorOrOptions !== null && typeof iteratorOrOptions === "object") options = iteratorOrOptions;
	const documents = loadDocuments(input, options);
	if (iterator === null) return documents;
	for (const document of documents) iterator(document);
}
/**
* Parses `string` as a single YAML document. Throws {@link YAMLException} on
* error. This function does not understand multi-document or empty sources; it
* throws an exception on those.
*
* > [!NOTE]
* > 1. When processing untrusted input, see the
* >    [security considerations](../docs/safety.md).
* > 2. All exceptions MUST be caught, not just {@link YAMLException}.
* > 3. The default {@link CORE_SCHEMA} comes without the `!!merge` tag. You can
* >    easily enable it if needed.
* > 4. The default {@link mapTag} is `{}`-object based, with known limitations
* >    (see description). For full compatibility use {@link realMapTag}
* >    instead (it uses native JS `Map`).
*
* @example
* Enable {@link mergeTag} and {@link realMapTag}:
*
* ```javascript
* import { load, CORE_SCHEMA, mergeTag, realMapTag } from 'js-yaml'
*
* try {
*   load(data, { schema: CORE_SCHEMA.withTags(mergeTag, realMapTag) })
* } catch (e) {
*   console.error(e)
* }
* ```
*
* @category Main
*/
function load(input, options) {
	const documents = loadDocuments(input, options);
	if (documents.length === 0) throw new YAMLException("expected a document, but the input is empty");
	if (documents.length === 1) return documents[0];
	throw new YAMLException("expected a single document in the stream, but found more");
}
//#endregion
//#region src/ast/from_js.ts
var INVALID = Symbol("INVALID");
function buildRepresentTypes(schema) {
	const defaultTags = new Set([
		schema.defaultScalarTag,
		schema.defaultSequenceTag,
		schema.defaultMappingTag
	].filter((t) => t !== void 0));
	const implicitScalars = schema.implicitScalarTags;
	const explicitTags = schema.tags.filter((t) => !(t.nodeKind === "scalar" && t.implicit) && !defaultTags.has(t));
	const defaultTagsLast = schema.tags.filter((t) => defaultTags.has(t));
	return [
		...implicitScalars.map((tag) => ({
			tag,
			implicitTag: true
		})),
		...explicitTags.map((tag) => ({
			tag,
			implicitTag: false
		})),
		...defaultTagsLast.map((tag) => ({
			tag,
			implicitTag: true
		}))
	];
}
function matchTag(state, object) {
	for (let index = 0, length = state.representTypes.length; index < length; index += 1) {
		const { tag, implicitTag } = state.representTypes[index];
		if (tag.identify(object)) {
			let tagName;
			if (tag.matchByTagPrefix) tagName = tag.representTagName(object);
			else tagName = tag.tagName;
			return {
				tag,
				tagName,
				implicitTag
			};
		}
	}
	return null;
}
function build(state, object) {
	if (!state.noRefs && object !== null && typeof object === "object") {
		const existing = state.refs.get(object);
		if (existing) {
			if (existing.anchor === void 0) existing.anchor = `ref_${state.refCounter++}`;
			return {
				kind: "alias",
				anchor: existing.anchor
			};
		}
	}
	const matched = matchTag(state, object);
	if (!matched) {
		if (object === void 0) return INVALID;
		if (state.skipInvalid) return INVALID;
		throw new YAMLException(`unacceptable kind of an object to dump ${Object.prototype.toString.call(object)}`);
	}
	const { tag, tagName, implicitTag } = matched;
	const nodeTagName = implicitTag ? tagName : tagNameShort(tagName);
	if (tag.nodeKind === "scalar") return {
		kind: "scalar",
		tag: nodeTagName,
		tagged: !implicitTag,
		style: SCALAR_STYLE.PLAIN,
		value: tag.represent(object)
	};
	if (tag.nodeKind === "sequence") {
		const container = tag.represent(object);
		const node = {
			kind: "sequence",
			tag: nodeTagName,
			tagged: !implicitTag,
			style: COLLECTION_STYLE.BLOCK,
			items: []
		};
		if (!state.noRefs) state.refs.set(object, node);
		for (let index = 0, length = container.length; index < length; index += 1) {
			let item = build(state, container[index]);
			if (item === INVALID && container[index] === void 0) item = build(state, null);
			if (item === INVALID) continue;
			node.items.push(item);
		}
		return node;
	}
	const map = tag.represent(object);
	const node = {
		kind: "mapping",
		tag: nodeTagName,
		tagged: !implicitTag,
		style: COLLECTION_STYLE.BLOCK,
		items: []
	};
	if (!state.noRefs) state.refs.set(object, node);
	for (const [objectKey, objectValue] of map) {
		const key = build(state, objectKey);
		if (key === INVALID) continue;
		const value = build(state, objectValue);
		if (value === INVALID) continue;
		node.items.push({
			key,
			value
		});
	}
	return node;
}
/**
* Convert JS object to AST. A JS value is one YAML document. An unrepresentable
* root becomes an empty document, which the presenter renders as an empty
* string.
*
* @category AST
*/
function jsToAst(input, schema, options = {}) {
	const root = build({
		representTypes: buildRepresentTypes(schema),
		noRefs: options.noRefs ?? false,
		skipInvalid: options.skipInvalid ?? false,
		refs: /* @__PURE__ */ new Map(),
		refCounter: 0
	}, input);
	return [{
		contents: root === INVALID ? null : root,
		directives: []
	}];
}
//#endregion
//#region src/ast/visit.ts
/**
* Return from a visitor to stop the whole traversal.
*
* @category AST
*/
var VISIT_BREAK = Symbol("visit:break");
/**
* Return from a visitor to skip the current node's children.
*
* @category AST
*/
var VISIT_SKIP = Symbol("visit:skip");
function visitNode(node, visitor, ctx) {
	const control = visitor(node, ctx);
	if (control === VISIT_BREAK) return true;
	if (control === VISIT_SKIP) return false;
	const depth = ctx.depth + 1;
	switch (node.kind) {
		case "sequence":
			for (const item of node.items) if (visitNode(item, visitor, {
				depth,
				parent: node,
				isKey: false
			})) return true;
			break;
		case "mapping": for (const { key, value } of node.items) {
			if (visitNode(key, visitor, {
				depth,
				parent: node,
				isKey: true
			})) return true;
			if (visitNode(value, visitor, {
				depth,
				parent: node,
				isKey: false
			})) return true;
		}
	}
	return false;
}
/**
* Walk every node in the documents, calling {@link Visitor} once per
* node (pre-order).
*
* @category AST
*/
function visit(documents, visitor) {
	for (const doc of documents) if (doc.contents && visitNode(doc.contents, visitor, {
		depth: 0,
		parent: null,
		isKey: false
	})) return;
}
//#endregion
//#region src/ast/styler_defaults.ts
function hasBit(mask, bit) {
	return (mask & 1 << bit) !== 0;
}
/**
* Default scalar styling rules in application order.
* See [Scalar styling](../../docs/scalar_styling.md) for usage details.
*
* @category AST
*/
var DEFAULT_SCALAR_STYLE_RULES = {
	applyQuoteFlowKeysOption,
	doubleQuoteForInvisibles,
	doubleQuoteWhitespaceOnly,
	applyForceQuotesOption,
	tryLongOrMultilineAsBlock,
	quoteInvalidPlain,
	fallbackToDoubleQuoted
};
function _preferredQuotedStyle(layout) {
	if (layout.presenterOptions.quoteStyle === "single" && hasBit(layout.allowedStylesMask, SCALAR_STYLE.SINGLE_QUOTED)) return SCALAR_STYLE.SINGLE_QUOTED;
	return SCALAR_STYLE.DOUBLE_QUOTED;
}
function applyQuoteFlowKeysOption(layout) {
	if (!layout.presenterOptions.quoteFlowKeys) return;
	if (!layout.isKey || !layout.flowOnly || layout.style !== SCALAR_STYLE.PLAIN) return;
	layout.style = SCALAR_STYLE.DOUBLE_QUOTED;
}
function doubleQuoteForInvisibles(layout) {
	if (layout.style === SCALAR_STYLE.PLAIN && /[\t\x7F-\xA0\u2028\u2029\uFEFF\uFFFE\uFFFF]/.test(layout.node.value)) layout.style = SCALAR_STYLE.DOUBLE_QUOTED;
}
function doubleQuoteWhitespaceOnly(layout) {
	if (layout.style === SCALAR_STYLE.PLAIN && /^\s+$/.test(layout.node.value)) layout.style = SCALAR_STYLE.DOUBLE_QUOTED;
}
function applyForceQuotesOption(layout) {
	if (!layout.presenterOptions.forceQuotes) return;
	if (layout.isKey || layout.style !== SCALAR_STYLE.PLAIN) return;
	if (layout.node.tag !== layout.presenterOptions.schema.defaultScalarTag.tagName) return;
	layout.style = layout.node.value.includes("\n") ? SCALAR_STYLE.DOUBLE_QUOTED : _preferredQuotedStyle(layout);
}
function tryLongOrMultilineAsBlock(layout) {
	if (layout.style !== SCALAR_STYLE.PLAIN || layout.isKey) return;
	const value = layout.node.value;
	const multiline = value.indexOf("\n") !== -1;
	if (!hasBit(layout.allowedStylesMask, SCALAR_STYLE.LITERAL_BLOCK)) {
		if (multiline) layout.style = SCALAR_STYLE.DOUBLE_QUOTED;
		return;
	}
	const w = layout.presenterOptions.lineWidth;
	if (w === -1) {
		if (multiline) layout.style = SCALAR_STYLE.LITERAL_BLOCK;
		return;
	}
	const availableWidth = Math.max(Math.min(w, 40), w - layout.shiftOfContent);
	let position = 0;
	let shouldFold = false;
	while (position <= value.length) {
		let lineEnd = value.length;
		const nextLineBreak = value.indexOf("\n", position);
		if (nextLineBreak !== -1) lineEnd = nextLineBreak;
		const line = value.slice(position, lineEnd);
		if (line.length > availableWidth && line[0] !== " " && / [^ \t]/.test(line)) shouldFold = true;
		if (nextLineBreak === -1) break;
		position = nextLineBreak + 1;
	}
	if (shouldFold) layout.style = SCALAR_STYLE.FOLDED_BLOCK;
	else if (multiline) layout.style = SCALAR_STYLE.LITERAL_BLOCK;
}
function quoteInvalidPlain(layout) {
	if (layout.style === SCALAR_STYLE.PLAIN && !hasBit(layout.allowedStylesMask, SCALAR_STYLE.PLAIN)) layout.style = _preferredQuotedStyle(layout);
}
function fallbackToDoubleQuoted(layout) {
	if (!hasBit(layout.allowedStylesMask, layout.style)) layout.style = SCALAR_STYLE.DOUBLE_QUOTED;
}
//#endregion
//#region src/ast/scalar_styler.ts
function setBit(mask, bit) {
	return mask | 1 << bit;
}
var SRC_C_PRINTABLE = "[\\x09\\x0A\\x0D\\x20-\\x7E\\x85\\xA0-\\uD7FF\\uE000-\\uFFFD\\u{10000}-\\u{10FFFF}]";
var SRC_B_CHAR = "[\\n\\r]";
var SRC_C_BYTE_ORDER_MARK = "\\uFEFF";
var SRC_S_WHITE = "[ \\t]";
var SRC_NB_CHAR = `(?:(?!(?:${SRC_B_CHAR}|${SRC_C_BYTE_ORDER_MARK}))${SRC_C_PRINTABLE})`;
var SRC_NS_CHAR = `(?:(?!${SRC_S_WHITE})${SRC_NB_CHAR})`;
var SRC_NB_JSON = "[\\x09\\x20-\\uD7FF\\uE000-\\uFFFF\\u{10000}-\\u{10FFFF}]";
var SRC_C_INDICATOR = "[-?:,\\[\\]{}#&*!|>'\"%@`]";
var SRC_C_FLOW_INDICATOR = "[,\\[\\]{}]";
var SRC_NS_PLAIN_SAFE_FLOW_OUT = SRC_NS_CHAR;
var SRC_NS_PLAIN_SAFE_FLOW_IN = `(?:(?!${SRC_C_FLOW_INDICATOR})${SRC_NS_CHAR})`;
var SRC_NS_PLAIN_FIRST_FLOW_OUT = `(?:(?:(?!${SRC_C_INDICATOR})${SRC_NS_CHAR})|[?:-](?=${SRC_NS_PLAIN_SAFE_FLOW_OUT}))`;
var SRC_NS_PLAIN_FIRST_FLOW_IN = `(?:(?:(?!${SRC_C_INDICATOR})${SRC_NS_CHAR})|[?:-](?=${SRC_NS_PLAIN_SAFE_FLOW_IN}))`;
var SRC_NS_PLAIN_CHAR_FLOW_OUT = `(?:(?:(?![:#])${SRC_NS_PLAIN_SAFE_FLOW_OUT})|:(?=${SRC_NS_PLAIN_SAFE_FLOW_OUT}))#*`;
var SRC_NS_PLAIN_CHAR_FLOW_IN = `(?:(?:(?![:#])${SRC_NS_PLAIN_SAFE_FLOW_IN})|:(?=${SRC_NS_PLAIN_SAFE_FLOW_IN}))#*`;
var SRC_NB_NS_PLAIN_IN_LINE_FLOW_OUT = `(?:${SRC_S_WHITE}*${SRC_NS_PLAIN_CHAR_FLOW_OUT})*`;
var SRC_NB_NS_PLAIN_IN_LINE_FLOW_IN = `(?:${SRC_S_WHITE}*${SRC_NS_PLAIN_CHAR_FLOW_IN})*`;
var SRC_NS_PLAIN_ONE_LINE_FLOW_OUT = `${SRC_NS_PLAIN_FIRST_FLOW_OUT}#*${SRC_NB_NS_PLAIN_IN_LINE_FLOW_OUT}`;
var SRC_NS_PLAIN_ONE_LINE_FLOW_IN = `${SRC_NS_PLAIN_FIRST_FLOW_IN}#*${SRC_NB_NS_PLAIN_IN_LINE_FLOW_IN}`;
var SRC_NS_PLAIN_ONE_LINE_BLOCK_KEY = SRC_NS_PLAIN_ONE_LINE_FLOW_OUT;
var SRC_NS_PLAIN_ONE_LINE_FLOW_KEY = SRC_NS_PLAIN_ONE_LINE_FLOW_IN;
var SRC_S_NS_PLAIN_NEXT_LINE_FLOW_OUT = `\\n+${SRC_NS_PLAIN_CHAR_FLOW_OUT}${SRC_NB_NS_PLAIN_IN_LINE_FLOW_OUT}`;
var SRC_S_NS_PLAIN_NEXT_LINE_FLOW_IN = `\\n+${SRC_NS_PLAIN_CHAR_FLOW_IN}${SRC_NB_NS_PLAIN_IN_LINE_FLOW_IN}`;
var SRC_NS_PLAIN_MULTI_LINE_FLOW_OUT = `${SRC_NS_PLAIN_ONE_LINE_FLOW_OUT}(?:${SRC_S_NS_PLAIN_NEXT_LINE_FLOW_OUT})*`;
var SRC_NS_PLAIN_MULTI_LINE_FLOW_IN = `${SRC_NS_PLAIN_ONE_LINE_FLOW_IN}(?:${SRC_S_NS_PLAIN_NEXT_LINE_FLOW_IN})*`;
var NS_PLAIN_FLOW_OUT = new RegExp(`^(?:${SRC_NS_PLAIN_MULTI_LINE_FLOW_OUT})$`, "u");
var NS_PLAIN_FLOW_IN = new RegExp(`^(?:${SRC_NS_PLAIN_MULTI_LINE_FLOW_IN})$`, "u");
var NS_PLAIN_BLOCK_KEY = new RegExp(`^(?:${SRC_NS_PLAIN_ONE_LINE_BLOCK_KEY})$`, "u");
var NS_PLAIN_FLOW_KEY = new RegExp(`^(?:${SRC_NS_PLAIN_ONE_LINE_FLOW_KEY})$`, "u");
var NB_SINGLE_ONE_LINE = new RegExp(`^(?:${SRC_NB_JSON})*$`, "u");
var NB_SINGLE_MULTI_LINE = new RegExp(`^(?:${SRC_NB_JSON}|\\n)*$`, "u");
var BLOCK_SCALAR_CONTENT = new RegExp(`^(?:${SRC_NB_CHAR}|\\n)*$`, "u");
var C_FORBIDDEN_FIRST_LINE = /^(?:---|\.\.\.)(?=$|[ \t\n\r])/;
var C_FORBIDDEN_CONTENT = /^(?:---|\.\.\.)(?=$|[ \t\n\r])/m;
function canUsePlain(layout) {
	const str = layout.node.value;
	if (str !== "") {
		if (!(layout.isKey ? layout.flowOnly ? NS_PLAIN_FLOW_KEY : NS_PLAIN_BLOCK_KEY : layout.flowOnly ? NS_PLAIN_FLOW_IN : NS_PLAIN_FLOW_OUT).test(str)) return false;
		if (layout.shiftOfFirstLine === 0 && C_FORBIDDEN_FIRST_LINE.test(str)) return false;
		if (layout.shiftOfContent === 0) {
			const firstLineBreak = str.indexOf("\n");
			if (firstLineBreak !== -1) {
				const content = str.slice(firstLineBreak + 1);
				if (C_FORBIDDEN_CONTENT.test(content)) return false;
			}
		}
	}
	const resolvedTag = layout.presenterOptions.schema.resolveImplicitScalarTag(str).tag.tagName;
	if (!layout.node.tagged && resolvedTag !== layout.node.tag) return false;
	if (!layout.node.tagged && str === "=" && resolvedTag === layout.presenterOptions.schema.defaultScalarTag.tagName) return false;
	return true;
}
function canUseSingleQuoted(layout) {
	const str = layout.node.value;
	if (!(layout.isKey ? NB_SINGLE_ONE_LINE : NB_SINGLE_MULTI_LINE).test(str)) return false;
	if (/[ \t]\n|\n[ \t]/.test(str)) return false;
	if (!layout.isKey && layout.shiftOfContent === 0) {
		const firstLineBreak = str.indexOf("\n");
		if (firstLineBreak !== -1 && C_FORBIDDEN_CONTENT.test(str.slice(firstLineBreak + 1))) return false;
	}
	return true;
}
function canUseBlock(layout) {
	if (layout.flowOnly || !BLOCK_SCALAR_CONTENT.test(layout.node.value)) return false;
	const contentIndent = layout.shiftOfContent - layout.shiftOfParent;
	if (contentIndent < 1) return false;
	if (contentIndent > 9 && /^\n* /.test(layout.node.value)) return false;
	if (layout.shiftOfContent === 0 && C_FORBIDDEN_CONTENT.test(layout.node.value)) return false;
	return true;
}
function detectAllowedStyles(layout) {
	let mask = setBit(0, SCALAR_STYLE.DOUBLE_QUOTED);
	if (canUsePlain(layout)) mask = setBit(mask, SCALAR_STYLE.PLAIN);
	if (canUseSingleQuoted(layout)) mask = setBit(mask, SCALAR_STYLE.SINGLE_QUOTED);
	if (canUseBlock(layout)) mask = setBit(setBit(mask, SCALAR_STYLE.LITERAL_BLOCK), SCALAR_STYLE.FOLDED_BLOCK);
	layout.allowedStylesMask = mask;
}
function renderScalar(layout) {
	switch (layout.style) {
		case SCALAR_STYLE.PLAIN: return renderPlain(layout);
		case SCALAR_STYLE.SINGLE_QUOTED: return renderSingleQuoted(layout);
		case SCALAR_STYLE.LITERAL_BLOCK: return renderLiteralBlock(layout);
		case SCALAR_STYLE.FOLDED_BLOCK: return renderFoldedBlock(layout);
		case SCALAR_STYLE.DOUBLE_QUOTED: return renderDoubleQuoted(layout);
	}
}
function renderPlain(layout) {
	return encodeFlowBreaks(layout.node.value, layout.shiftOfContent);
}
function renderSingleQuoted(layout) {
	return `'${encodeFlowBreaks(layout.node.value, layout.shiftOfContent).replace(/'/g, "''")}'`;
}
function renderLiteralBlock(layout) {
	const value = layout.node.value;
	return "|" + blockHeader(value, layout.shiftOfParent, layout.shiftOfContent) + dropEndingNewline(indentString(value, layout.shiftOfContent));
}
function renderFoldedBlock(layout) {
	const value = layout.node.value;
	const w = layout.presenterOptions.lineWidth;
	let availableWidth = Infinity;
	if (w !== -1) availableWidth = Math.max(Math.min(w, 40), w - layout.shiftOfContent);
	return ">" + blockHeader(value, layout.shiftOfParent, layout.shiftOfContent) + dropEndingNewline(indentString(foldBlockScalar(value, availableWidth), layout.shiftOfContent));
}
function renderDoubleQuoted(layout) {
	return `"${escapeString(layout.node.value)}"`;
}
function encodeFlowBreaks(string, shiftOfContent) {
	let nextLF = string.indexOf("\n");
	if (nextLF === -1) return string;
	const pad = " ".repeat(shiftOfContent);
	let result = string.slice(0, nextLF);
	const lineRe = /(\n+)([^\n]*)/g;
	lineRe.lastIndex = nextLF;
	let match;
	while (match = lineRe.exec(string)) {
		const breaks = match[1].length;
		const line = match[2];
		result += "\n".repeat(breaks + 1) + pad + line;
	}
	return result;
}
function indentString(string, spaces) {
	const indent = " ".repeat(spaces);
	let position = 0;
	let result = "";
	const length = string.length;
	while (position < length) {
		let line;
		const next = string.indexOf("\n", position);
		if (next === -1) {
			line = string.slice(position);
			position = length;
		} else {
			line = string.slice(position, next + 1);
			position = next + 1;
		}
		if (line.length && line !== "\n") result += indent;
		result += line;
	}
	return result;
}
function needIndentIndicator(string) {
	return /^\n* /.test(string);
}
function blockHeader(string, shiftOfParent, shiftOfContent) {
	const indentIndicator = needIndentIndicator(string) ? String(shiftOfContent - shiftOfParent) : "";
	const clip = string[string.length - 1] === "\n";
	return `${indentIndicator}${clip && (string[string.length - 2] === "\n" || string === "\n") ? "+" : clip ? "" : "-"}\n`;
}
function dropEndingNewline(string) {
	return string[string.length - 1] === "\n" ? string.slice(0, -1) : string;
}
function isMoreIndented(char) {
	return char === " " || char === "	";
}
function foldLine(line, width) {
	if (line === "" || isMoreIndented(line[0])) return line;
	const breakRe = / [^ \t]/g;
	let match;
	let start = 0;
	let end;
	let curr = 0;
	let next = 0;
	let result = "";
	while (match = breakRe.exec(line)) {
		next = match.index;
		if (next - start > width) {
			end = curr > start ? curr : next;
			result += `\n${line.slice(start, end)}`;
			start = end + 1;
		}
		curr = next;
	}
	result += "\n";
	if (line.length - start > width && curr > start) result += `${line.slice(start, curr)}\n${line.slice(curr + 1)}`;
	else result += line.slice(start);
	return result.slice(1);
}
function foldBlockScalar(string, width) {
	const lineRe = /(\n+)([^\n]*)/g;
	let nextLF = string.indexOf("\n");
	if (nextLF === -1) nextLF = string.length;
	lineRe.lastIndex = nextLF;
	let result = foldLine(string.slice(0, nextLF), width);
	let prevMoreIndented = string[0] === "\n" || isMoreIndented(string[0]);
	let moreIndented;
	let match;
	while (match = lineRe.exec(string)) {
		const prefix = match[1];
		const line = match[2];
		moreIndented = line !== "" && isMoreIndented(line[0]);
		result += prefix + (!prevMoreIndented && !moreIndented && line !== "" ? "\n" : "") + foldLine(line, width);
		prevMoreIndented = moreIndented;
	}
	return result;
}
var CHARACTERS_TO_ESCAPE = /["\\\x00-\x1F\x7F-\xA0\u2028\u2029\uD800-\uDFFF\uFEFF\uFFFE\uFFFF]/gu;
function escapeCharacter(character) {
	switch (character) {
		case "\0": return "\\0";
		case "\x07": return "\\a";
		case "\b": return "\\b";
		case "	": return "\\t";
		case "\n": return "\\n";
		case "\v": return "\\v";
		case "\f": return "\\f";
		case "\r": return "\\r";
		case "\x1B": return "\\e";
		case "\"": return "\\\"";
		case "\\": return "\\\\";
		case "\u0085": return "\\N";
		case "\xA0": return "\\_";
		case "\u2028": return "\\L";
		case "\u2029": return "\\P";
	}
	const code = character.charCodeAt(0);
	const hex = code.toString(16).toUpperCase();
	if (code <= 255) return `\\x${"0".repeat(2 - hex.length)}${hex}`;
	return `\\u${"0".repeat(4 - hex.length)}${hex}`;
}
function escapeString(string) {
	return string.replace(CHARACTERS_TO_ESCAPE, escapeCharacter);
}
//#endregion
//#region src/ast/presenter.ts
var CHAR_LINE_FEED = 10;
var DEFAULT_PRESENTER_OPTIONS = {
	indent: 2,
	seqNoIndent: false,
	seqInlineFirst: true,
	lineWidth: 80,
	flowBracketPadding: false,
	flowSkipCommaSpace: false,
	flowSkipColonSpace: false,
	quoteFlowKeys: false,
	quoteStyle: "single",
	forceQuotes: false,
	scalarStyleRules: Object.keys(DEFAULT_SCALAR_STYLE_RULES).map((name) => Reflect.get(DEFAULT_SCALAR_STYLE_RULES, name)),
	tagBeforeAnchor: false
};
function nodeTagShort(node) {
	return node.tagged ? node.tag : tagNameShort(node.tag);
}
function createPresenterState(options) {
	const opts = {
		...DEFAULT_PRESENTER_OPTIONS,
		...options
	};
	if (opts.flowSkipColonSpace) opts.quoteFlowKeys = true;
	return {
		...opts,
		defaultScalarTagName: opts.schema.defaultScalarTag.tagName,
		openEnded: false
	};
}
function generateNextLine(state, level) {
	return `\n${" ".repeat(state.indent * level)}`;
}
function scalarLayout(state, node, parent, level, isKey, flowOnly) {
	return {
		node,
		parent,
		level,
		isKey,
		flowOnly,
		shiftOfParent: level === 0 ? -1 : state.indent * (level - 1),
		shiftOfContent: state.indent * Math.max(1, level),
		shiftOfFirstLine: level === 0 ? 0 : state.indent * level,
		presenterOptions: state,
		allowedStylesMask: 0,
		style: node.style
	};
}
function writeFlowSequence(state, level, node) {
	let result = "";
	for (let index = 0, length = node.items.length; index < length; index += 1) {
		const item = writeNode(state, level, node.items[index], node, {}).text;
		if (index > 0) result += `,${!state.flowSkipCommaSpace ? " " : ""}`;
		result += item;
	}
	const pad = state.flowBracketPadding && node.items.length > 0 ? " " : "";
	return `[${pad}${result}${pad}]`;
}
function writeBlockSequence(state, level, node, compact) {
	let result = "";
	for (let index = 0, length = node.items.length; index < length; index += 1) {
		const item = writeNode(state, level + 1, node.items[index], node, {
			block: true,
			compact: state.seqInlineFirst,
			isblockseq: true
		}).text;
		if (!compact || result !== "") result += generateNextLine(state, level);
		if (item === "" || CHAR_LINE_FEED === item.charCodeAt(0)) result += "-";
		else result += "- ";
		result += item;
	}
	return result;
}
function writeFlowMapping(state, level, node) {
	let result = "";
	for (const { key, value } of node.items) {
		let pairBuffer = "";
		if (result !== "") pairBuffer += `,${!state.flowSkipCommaSpace ? " " : ""}`;
		const keyRender = writeNode(state, level, key, node, { iskey: true });
		const keyText = keyRender.text;
		const valueText = writeNode(state, level, value, node, {}).text;
		const sep = state.flowSkipColonSpace || valueText === "" ? "" : " ";
		const keyIsBareProps = key.kind === "scalar" && keyRender.noBody && (key.tagged || key.anchor !== void 0);
		const keyColonSep = key.kind === "alias" || keyIsBareProps ? " " : "";
		pairBuffer += `${keyText}${keyColonSep}:${sep}${valueText}`;
		result += pairBuffer;
	}
	const pad = state.flowBracketPadding && result !== "" ? " " : "";
	return `{${pad}${result}${pad}}`;
}
function writeBlockMapping(state, level, node, compact) {
	let result = "";
	for (let index = 0, length = node.items.length; index < length; index += 1) {
		let pairBuffer = "";
		if (!compact || result !== "") pairBuffer += generateNextLine(state, level);
		const { key, value } = node.items[index];
		const keyIsBlock = (key.kind === "mapping" || key.kind === "sequence") && key.style === COLLECTION_STYLE.BLOCK && key.items.length !== 0 || key.kind === "scalar" && (key.style === SCALAR_STYLE.LITERAL_BLOCK || key.style === SCALAR_STYLE.FOLDED_BLOCK);
		const keyRender = keyIsBlock ? writeNode(state, level + 1, key, node, {
			block: true,
			compact: true,
			isblockseq: !cannotBeCompact(state, key, level + 1)
		}) : writeNode(state, level + 1, key, node, {
			block: true,
			compact: true,
			iskey: true
		});
		const keyText = keyRender.text;
		const keyHasLineBreak = key.kind === "scalar" && key.value.indexOf("\n") !== -1;
		const keyIsTooLong = keyText.length > 1024 && /^[\s\S]{1025}/u.test(keyText);
		const explicitPair = keyIsBlock || keyHasLineBreak || keyIsTooLong;
		if (explicitPair) {
			if (keyText && CHAR_LINE_FEED === keyText.charCodeAt(0)) pairBuffer += "?";
			else pairBuffer += "? ";
		}
		pairBuffer += keyText;
		if (explicitPair) pairBuffer += generateNextLine(state, level);
		const valueText = writeNode(state, level + 1, value, node, {
			block: true,
			compact: explicitPair,
			isblockseq: explicitPair && !cannotBeCompact(state, value, level + 1)
		}).text;
		const keyIsBareProps = key.kind === "scalar" && keyRender.noBody && (key.tagged || key.anchor !== void 0);
		const keyColonSep = !explicitPair && (key.kind === "alias" || keyIsBareProps) ? " " : "";
		if (valueText === "" || CHAR_LINE_FEED === valueText.charCodeAt(0)) pairBuffer += `${keyColonSep}:`;
		else pairBuffer += `${keyColonSep}: `;
		pairBuffer += valueText;
		result += pairBuffer;
	}
	return result;
}
function cannotBeCompact(state, node, level) {
	if (node.kind === "alias") return true;
	return node.tagged || node.anchor !== void 0 || state.indent < 2 && level > 0;
}
function writeNode(state, level, node, parent, ctx) {
	if (node.kind === "alias") {
		state.openEnded = false;
		return {
			text: `*${node.anchor}`,
			noBody: false
		};
	}
	const { block = false, iskey = false, isblockseq = false } = ctx;
	let compact = ctx.compact ?? false;
	const hasAnchor = node.anchor !== void 0;
	if (cannotBeCompact(state, node, level)) compact = false;
	let body;
	let shouldPrintTag = node.tagged;
	const useBlockCollection = block && (node.kind === "mapping" || node.kind === "sequence") && node.style === COLLECTION_STYLE.BLOCK && node.items.length !== 0;
	if (node.kind === "mapping") {
		if (useBlockCollection) body = writeBlockMapping(state, level, node, compact);
		else body = writeFlowMapping(state, level, node);
	} else if (node.kind === "sequence") {
		if (useBlockCollection) {
			if (state.seqNoIndent && !isblockseq && level > 0) body = writeBlockSequence(state, level - 1, node, compact);
			else body = writeBlockSequence(state, level, node, compact);
		} else body = writeFlowSequence(state, level, node);
	} else {
		const layout = scalarLayout(state, node, parent, level, iskey, !block);
		detectAllowedStyles(layout);
		for (const rule of state.scalarStyleRules) rule(layout);
		body = renderScalar(layout);
		state.openEnded = (layout.style === SCALAR_STYLE.LITERAL_BLOCK || layout.style === SCALAR_STYLE.FOLDED_BLOCK) && (node.value === "\n" || node.value.endsWith("\n\n"));
		shouldPrintTag = node.tagged || body === "" && layout.flowOnly && parent?.kind === "sequence" && !hasAnchor || layout.style !== SCALAR_STYLE.PLAIN && node.tag !== state.defaultScalarTagName;
	}
	if ((node.kind === "mapping" || node.kind === "sequence") && !useBlockCollection) state.openEnded = false;
	if (useBlockCollection && compact && level > 0 && state.indent > 2) body = `${" ".repeat(state.indent - 2)}${body}`;
	const noBody = body === "";
	let text = body;
	if (shouldPrintTag || hasAnchor) {
		const props = [];
		const tag = shouldPrintTag ? nodeTagShort(node) : null;
		const anchor = hasAnchor ? `&${node.anchor}` : null;
		if (state.tagBeforeAnchor) {
			if (tag !== null) props.push(tag);
			if (anchor !== null) props.push(anchor);
		} else {
			if (anchor !== null) props.push(anchor);
			if (tag !== null) props.push(tag);
		}
		const sep = body === "" || body.charCodeAt(0) === CHAR_LINE_FEED ? "" : " ";
		text = `${props.join(" ")}${sep}${body}`;
	}
	return {
		text,
		noBody
	};
}
function rootStartsOwnLine(node) {
	return (node.kind === "sequence" || node.kind === "mapping") && node.style === COLLECTION_STYLE.BLOCK && node.items.length !== 0 && !node.tagged && node.anchor === void 0;
}
function writeDocumentDirectives(doc) {
	let result = "";
	for (const directive of doc.directives) {
		if (directive.kind === "yaml") {
			result += `%YAML ${directive.version}\n`;
			continue;
		}
		const { handle, prefix } = directive;
		result += `%TAG ${handle} ${prefix}\n`;
	}
	return result;
}
/**
* Build YAML from AST.
*
* @category AST
*/
function present(documents, options) {
	const state = createPresenterState(options);
	let result = "";
	let previousEnded = false;
	for (let index = 0; index < documents.length; index += 1) {
		const doc = documents[index];
		state.openEnded = false;
		const directives = writeDocumentDirectives(doc);
		const hasDirectives = directives !== "";
		const marker = doc.explicitStart || hasDirectives || index > 0 && !previousEnded;
		result += directives;
		if (doc.contents === null) {
			if (marker) result += "---\n";
		} else if (marker) {
			const body = writeNode(state, 0, doc.contents, null, {
				block: true,
				compact: true
			}).text;
			const sep = body === "" ? "" : hasDirectives || rootStartsOwnLine(doc.contents) ? "\n" : " ";
			result += `---${sep}${body}\n`;
		} else result += writeNode(state, 0, doc.contents, null, {
			block: true,
			compact: true
		}).text + "\n";
		previousEnded = doc.explicitEnd || state.openEnded;
		if (previousEnded) result += "...\n";
	}
	return result;
}
//#endregion
//#region src/dump.ts
var DEFAULT_DUMP_OPTIONS = {
	...DEFAULT_PRESENTER_OPTIONS,
	schema: DUMP_SCHEMA,
	skipInvalid: false,
	noRefs: false,
	flowLevel: -1,
	sortKeys: false,
	transform: () => {}
};
function defaultCompareFn(a, b) {
	const x = String(a);
	const y = String(b);
	if (x < y) return -1;
	if (x > y) return 1;
	return 0;
}
/**
* Serializes JS object as a YAML document. By default it can dump every
* supported YAML type, so it throws an exception if you try to dump regexps or
* functions. However, you can disable exceptions by setting the
* {@link DumpOptions.skipInvalid} option to `true`.
*
* @category Main
*/
function dump(input, options = {}) {
	const opts = {
		...DEFAULT_DUMP_OPTIONS,
		...options
	};
	const documents = jsToAst(input, opts.schema, {
		noRefs: opts.noRefs,
		skipInvalid: opts.skipInvalid
	});
	if (opts.flowLevel >= 0) visit(documents, (node, ctx) => {
		if (ctx.depth < opts.flowLevel) return;
		if (node.kind === "sequence" || node.kind === "mapping") node.style = COLLECTION_STYLE.FLOW;
		return VISIT_SKIP;
	});
	if (opts.sortKeys) {
		const compareFn = opts.sortKeys === true ? defaultCompareFn : opts.sortKeys;
		visit(documents, (node) => {
			if (node.kind !== "mapping") return;
			node.items.sort((a, b) => compareFn(a.key.kind === "scalar" ? a.key.value : "", b.key.kind === "scalar" ? b.key.value : ""));
		});
	}
	opts.transform(documents);
	return present(documents, {
		...pick(opts, Object.keys(DEFAULT_PRESENTER_OPTIONS)),
		schema: opts.schema
	});
}
//#endregion
//#region src/ast/from_events.ts
var NO_RANGE = -1;
function eventPosition(event) {
	if ("tagStart" in event && event.tagStart !== NO_RANGE) return event.tagStart;
	if ("anchorStart" in event && event.anchorStart !== NO_RANGE) return event.anchorStart;
	if ("valueStart" in event && event.valueStart !== NO_RANGE) return event.valueStart;
	if ("start" in event) return event.start;
	return 0;
}
function rawTag(state, event) {
	return event.tagStart === NO_RANGE ? "" : state.source.slice(event.tagStart, event.tagEnd);
}
function anchorName(state, event) {
	return event.anchorStart === NO_RANGE ? void 0 : state.source.slice(event.anchorStart, event.anchorEnd);
}
function buildScalar(state, event) {
	const value = getScalarValue(state.source, event);
	const raw = rawTag(state, event);
	let tag;
	let tagged = false;
	if (raw !== "") {
		tagged = true;
		tag = raw;
	} else if (event.style === SCALAR_STYLE.PLAIN) tag = state.schema.resolveImplicitScalarTag(value).tag.tagName;
	else tag = state.schema.defaultScalarTag.tagName;
	return {
		kind: "scalar",
		tag,
		tagged,
		style: event.style,
		anchor: anchorName(state, event),
		value
	};
}
function buildCollection(state, event, defaultTagName) {
	const raw = rawTag(state, event);
	let tag;
	let tagged = false;
	if (raw === "") tag = defaultTagName;
	else {
		tag = raw;
		tagged = true;
	}
	return {
		tag,
		tagged,
		style: event.style,
		anchor: anchorName(state, event)
	};
}
function addNode(state, node) {
	const frame = state.frames[state.frames.length - 1];
	if (frame.kind === "document") frame.doc.contents = node;
	else if (frame.kind === "sequence") frame.node.items.push(node);
	else if (frame.key) {
		frame.node.items.push({
			key: frame.key,
			value: node
		});
		frame.key = null;
	} else frame.key = node;
}
/**
* Builds an AST from parser events
*
* @category AST
*/
function eventsToAst(events, options) {
	const state = {
		source: options.source,
		schema: options.schema,
		eventIndex: 0,
		position: 0,
		frames: [],
		documents: []
	};
	while (state.eventIndex < events.length) {
		const event = events[state.eventIndex++];
		state.position = eventPosition(event);
		switch (event.type) {
			case EVENT_ID.DOCUMENT: {
				const doc = {
					contents: null,
					explicitStart: event.explicitStart,
					explicitEnd: event.explicitEnd,
					directives: event.directives
				};
				state.frames.push({
					kind: "document",
					doc
				});
				break;
			}
			case EVENT_ID.SCALAR:
				addNode(state, buildScalar(state, event));
				break;
			case EVENT_ID.SEQUENCE: {
				const { tag, tagged, style, anchor } = buildCollection(state, event, "tag:yaml.org,2002:seq");
				const node = {
					kind: "sequence",
					tag,
					tagged,
					style,
					anchor,
					items: []
				};
				state.frames.push({
					kind: "sequence",
					node
				});
				break;
			}
			case EVENT_ID.MAPPING: {
				const { tag, tagged, style, anchor } = buildCollection(state, event, "tag:yaml.org,2002:map");
				const node = {
					kind: "mapping",
					tag,
					tagged,
					style,
					anchor,
					items: []
				};
				state.frames.push({
					kind: "mapping",
					node,
					key: null
				});
				break;
			}
			case EVENT_ID.ALIAS:
				addNode(state, {
					kind: "alias",
					anchor: state.source.slice(event.anchorStart, event.anchorEnd)
				});
				break;
			case EVENT_ID.POP: {
				const frame = state.frames.pop();
				if (frame.kind === "mapping" && frame.key) throw new Error("incomplete mapping pair in event stream");
				if (frame.kind === "document") state.documents.push(frame.doc);
				else addNode(state, frame.node);
				break;
			}
		}
	}
	return state.documents;
}
//#endregion
//#region src/index.ts
/** @deprecated Use `EVENT_ID.DOCUMENT` instead. @internal */
var EVENT_DOCUMENT = EVENT_ID.DOCUMENT;
/** @deprecated Use `EVENT_ID.SEQUENCE` instead. @internal */
var EVENT_SEQUENCE = EVENT_ID.SEQUENCE;
/** @deprecated Use `EVENT_ID.MAPPING` instead. @internal */
var EVENT_MAPPING = EVENT_ID.MAPPING;
/** @deprecated Use `EVENT_ID.SCALAR` instead. @internal */
var EVENT_SCALAR = EVENT_ID.SCALAR;
/** @deprecated Use `EVENT_ID.ALIAS` instead. @internal */
var EVENT_ALIAS = EVENT_ID.ALIAS;
/** @deprecated Use `EVENT_ID.POP` instead. @internal */
var EVENT_POP = EVENT_ID.POP;
/** @deprecated Use `SCALAR_STYLE.PLAIN` instead. @internal */
var SCALAR_STYLE_PLAIN = SCALAR_STYLE.PLAIN;
/** @deprecated Use `SCALAR_STYLE.SINGLE_QUOTED` instead. @internal */
var SCALAR_STYLE_SINGLE_QUOTED = SCALAR_STYLE.SINGLE_QUOTED;
/** @deprecated Use `SCALAR_STYLE.DOUBLE_QUOTED` instead. @internal */
var SCALAR_STYLE_DOUBLE_QUOTED = SCALAR_STYLE.DOUBLE_QUOTED;
/** @deprecated Use `SCALAR_STYLE.LITERAL_BLOCK` instead. @internal */
var SCALAR_STYLE_LITERAL_BLOCK = SCALAR_STYLE.LITERAL_BLOCK;
/** @deprecated Use `SCALAR_STYLE.FOLDED_BLOCK` instead. @internal */
var SCALAR_STYLE_FOLDED_BLOCK = SCALAR_STYLE.FOLDED_BLOCK;
/** @deprecated Use `COLLECTION_STYLE.BLOCK` instead. @internal */
var COLLECTION_STYLE_BLOCK = COLLECTION_STYLE.BLOCK;
/** @deprecated Use `COLLECTION_STYLE.FLOW` instead. @internal */
var COLLECTION_STYLE_FLOW = COLLECTION_STYLE.FLOW;
/** @deprecated Use `CHOMPING_MODE.CLIP` instead. @internal */
var CHOMPING_CLIP = CHOMPING_MODE.CLIP;
/** @deprecated Use `CHOMPING_MODE.STRIP` instead. @internal */
var CHOMPING_STRIP = CHOMPING_MODE.STRIP;
/** @deprecated Use `CHOMPING_MODE.KEEP` instead. @internal */
var CHOMPING_KEEP = CHOMPING_MODE.KEEP;
//#endregion


//# sourceMappingURL=js-yaml.mjs.map

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId].call(module.exports, module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', __hotdockImportMetaUrl).pathname).slice(__hotdockImportMetaUrl.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".index.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = __hotdockImport("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(9407);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ var __webpack_exports__cliMain = __webpack_exports__.m;
/******/ return { cliMain: __webpack_exports__cliMain };
/******/ 

})
