import { fileURLToPath as __hotdockFileURLToPath } from 'node:url';
import { dirname as __hotdockDirname } from 'node:path';
const __filename = __hotdockFileURLToPath(import.meta.url);
const __dirname = __hotdockDirname(__filename);
export const id = 661;
export const ids = [661,422];
export const modules = {

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

/***/ 6661:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   nothingToDo: () => (/* binding */ nothingToDo),
/* harmony export */   post: () => (/* binding */ post)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6421);
/* harmony import */ var _inputs_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8422);
/* harmony import */ var _step_state_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2649);
/* harmony import */ var _spec_endpoints_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7969);
/* harmony import */ var _report_mask_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(9488);
/* harmony import */ var _report_escape_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(4031);
/**
 * The action's post step (`runs.post`, the same bundle): repairs whatever a cancelled or killed main
 * step left, as actions/checkout cleans up after itself. It reads the state main saved (journal,
 * held locks, settled), and when main did not settle, connects to the endpoints named there with
 * the same inputs main read, undoes the journal and releases the run's locks (engine/repair.ts).
 *
 * The post step never fails the job: a problem it cannot fix is a warning naming resource and
 * endpoint, and the next run's observe repairs the rest.
 */






/**
 * Resource names and messages in the repair lines come from the template (through the saved state):
 * each line is made inert before it reaches the runner, so none can become a workflow command.
 */
const coreLog = { info: (l) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq((0,_report_escape_js__WEBPACK_IMPORTED_MODULE_5__/* .safeLogLine */ .AL)(l)), warning: (l) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e((0,_report_escape_js__WEBPACK_IMPORTED_MODULE_5__/* .annotationText */ .xr)(l)) };
/** Limit to reach each endpoint, ms. */
const CONNECT_MS = 10_000;
/** The post step's one-line verdict when there is nothing to do, else undefined. */
function nothingToDo(state) {
    if (state.settled)
        return 'hotdock post: the main step settled; nothing to repair';
    if (state.journal.length === 0 && state.locks.length === 0)
        return 'hotdock post: the main step left no changes or locks; nothing to repair';
    return undefined;
}
/** Runs the post step. Never throws, never fails the job. */
async function post(env = process.env, getState = _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .getState */ .Gu, log = coreLog) {
    const secrets = [];
    const say = (line) => (0,_report_mask_js__WEBPACK_IMPORTED_MODULE_4__/* .redact */ .E$)(line, secrets);
    try {
        const state = (0,_step_state_js__WEBPACK_IMPORTED_MODULE_2__/* .readStepState */ .C_)(getState);
        for (const p of state.problems)
            log.warning(`hotdock post: ${p}`);
        const idle = nothingToDo(state);
        if (idle) {
            log.info(idle);
            return;
        }
        if (!state.stack || !state.run) {
            log.warning('hotdock post: the main step left changes but not its stack and run; nothing can be repaired safely');
            return;
        }
        const settings = (0,_inputs_js__WEBPACK_IMPORTED_MODULE_1__/* .readSettings */ .sb)(env, (s) => {
            (0,_report_mask_js__WEBPACK_IMPORTED_MODULE_4__/* .registerSecret */ .cl)(s, _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setSecret */ .Pq);
            secrets.push(s);
        });
        log.info(`hotdock post: the main step of run ${state.run} did not settle: undoing ${state.journal.length} change(s) and releasing ${state.locks.length} lock(s) of stack '${state.stack}'`);
        const names = [...new Set([...state.journal.map((e) => e.endpoint), ...state.locks.map((l) => l.endpoint)])];
        // Docker modules load only when there is something to repair: a settled post step stays quick.
        const { connect } = await Promise.all(/* import() */[__webpack_require__.e(40), __webpack_require__.e(985), __webpack_require__.e(333)]).then(__webpack_require__.bind(__webpack_require__, 7333));
        const { repairRun } = await Promise.all(/* import() */[__webpack_require__.e(985), __webpack_require__.e(984), __webpack_require__.e(45)]).then(__webpack_require__.bind(__webpack_require__, 1045));
        const engines = new Map();
        const closers = [];
        await Promise.all(names.map(async (name) => {
            const target = (0,_spec_endpoints_js__WEBPACK_IMPORTED_MODULE_3__/* .endpointTargetFor */ .cT)(name, settings);
            if (!target.ok) {
                engines.set(name, new Error(target.message));
                return;
            }
            try {
                const conn = await connect(target.target, { timeoutMs: CONNECT_MS } /* each Engine call then has the adapter's own deadline */);
                closers.push(conn.close);
                engines.set(name, conn.docker);
            }
            catch (err) {
                engines.set(name, err instanceof Error ? err : new Error(String(err)));
            }
        }));
        try {
            const result = await repairRun(state.journal, state.locks, { stack: state.stack, run: state.run, engines });
            for (const line of result.done)
                log.info(say(`hotdock post: ${line}`));
            for (const line of result.problems)
                log.warning(say(`hotdock post: ${line}`));
            log.info(`hotdock post: done: ${result.done.length} repaired, ${result.problems.length} left to the next run`);
        }
        finally {
            await Promise.all(closers.map((close) => close().catch(() => undefined)));
        }
    }
    catch (err) {
        log.warning(say(`hotdock post: could not repair what the main step left: ${err instanceof Error ? err.message : String(err)}`));
    }
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
