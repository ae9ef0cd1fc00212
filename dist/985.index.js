import { fileURLToPath as __hotdockFileURLToPath } from 'node:url';
import { dirname as __hotdockDirname } from 'node:path';
const __filename = __hotdockFileURLToPath(import.meta.url);
const __dirname = __hotdockDirname(__filename);
export const id = 985;
export const ids = [985];
export const modules = {

/***/ 9985:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E8: () => (/* binding */ dockerApiOf),
/* harmony export */   c2: () => (/* binding */ statusOf),
/* harmony export */   g4: () => (/* binding */ fencedApi)
/* harmony export */ });
/* unused harmony export DEFAULT_DEADLINES */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7679);

/** The deadlines dockerApiOf uses when given none. */
const DEFAULT_DEADLINES = { requestMs: 15_000, suspectMs: 5_000, pullIdleMs: 30_000, pullMs: 900_000 };
/** Docker's own stop grace when a container sets none (hotdock never sets StopTimeout). */
const DEFAULT_STOP_GRACE_SECONDS = 10;
/** The endpoint name a dockerode client talks to, when the caller gave none. */
function endpointOfClient(docker) {
    const m = docker.modem;
    if (typeof m.socketPath === 'string')
        return `unix://${m.socketPath}`;
    return `${m.protocol ?? 'http'}://${m.host ?? 'localhost'}${m.port ? `:${m.port}` : ''}`;
}
/**
 * Runs `fn` with a deadline: on expiry its request is aborted (the socket destroyed) and the call
 * rejects with an EngineCallError naming the endpoint and the operation. Every failure is named
 * the same way, keeping the engine's statusCode.
 */
function deadlineRunner(endpoint, d) {
    // Set by a missed deadline, cleared by any answer: see Deadlines.suspectMs.
    let suspect = false;
    const requestMs = () => (suspect ? d.suspectMs : d.requestMs);
    const run = async (op, subject, ms, fn) => {
        const ctl = new AbortController();
        let timer;
        const expired = new Promise((_, reject) => {
            timer = setTimeout(() => {
                const err = (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .engineTimeout */ .s4)(endpoint, op, ms);
                reject(err);
                ctl.abort(err);
            }, ms);
        });
        try {
            // The race settles even when a request ignores its abort signal.
            const result = await Promise.race([fn(ctl.signal), expired]);
            suspect = false;
            return result;
        }
        catch (err) {
            const named = (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .engineCallError */ .P4)(endpoint, op, err, subject);
            if (named.timedOut)
                suspect = true;
            else if (named.statusCode !== undefined)
                suspect = false;
            throw named;
        }
        finally {
            clearTimeout(timer);
        }
    };
    return { run, requestMs };
}
const container = (ref) => ({ kind: 'container', ref });
/** One Engine API request through the modem, with its own status table (the service calls). */
function dial(docker, request, abortSignal) {
    return new Promise((resolve, reject) => {
        docker.modem.dial({
            path: request.path,
            method: request.method,
            options: request.options ?? {},
            abortSignal,
            statusCodes: request.statusCodes,
            // Pre-encoded, as for pulls: the modem never builds a header from a password.
            ...(request.authHeader ? { authconfig: { key: request.authHeader } } : {}),
        }, (err, data) => (err ? reject(err) : resolve(data)));
    });
}
const SERVICE_CODES = { 200: true, 201: true, 404: 'no such service', 409: 'name conflicts with an existing object', 500: 'server error', 503: 'node is not part of a swarm' };
const quoted = (ref) => `'${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .shortRef */ .m3)(ref)}'`;
/**
 * The DockerApi of a dockerode instance. Every request has a deadline (`deadlines`) enforced by
 * aborting it, and every error names the endpoint and the operation.
 */
function dockerApiOf(docker, options = {}) {
    const endpoint = options.endpoint ?? endpointOfClient(docker);
    const d = { ...DEFAULT_DEADLINES, ...options.deadlines };
    const { run, requestMs } = deadlineRunner(endpoint, d);
    const c = (id) => docker.getContainer(id);
    const call = (op, subject, fn) => run(op, subject, requestMs(), fn);
    return {
        ping: async () => {
            await call('pinging the engine', undefined, (abortSignal) => docker.ping({ abortSignal }));
        },
        version: () => call('reading the engine version', undefined, (abortSignal) => docker.version({ abortSignal })),
        info: () => call('reading the engine info', undefined, (abortSignal) => docker.info({ abortSignal })),
        listContainers: (o) => {
            const filters = {};
            if (o.labels?.length)
                filters.label = o.labels;
            if (o.names?.length)
                filters.name = o.names;
            return call('listing containers', undefined, (abortSignal) => docker.listContainers({ all: o.all ?? false, filters, abortSignal }));
        },
        inspectContainer: (id) => call(`inspecting container ${quoted(id)}`, container(id), (abortSignal) => c(id).inspect({ abortSignal })),
        createContainer: (body) => call(`creating container ${body.name ? quoted(body.name) : '(unnamed)'}`, undefined, async (abortSignal) => ({
            // A copy: the modem deletes abortSignal from the object it is given.
            id: (await docker.createContainer({ ...body, abortSignal })).id,
        })),
        startContainer: async (id) => {
            await call(`starting container ${quoted(id)}`, container(id), (abortSignal) => c(id).start({ abortSignal }));
        },
        stopContainer: async (id, t) => {
            // The engine waits up to the grace period before it kills: that time is on top of the deadline.
            const ms = requestMs() + (t ?? DEFAULT_STOP_GRACE_SECONDS) * 1000;
            await run(`stopping container ${quoted(id)}`, container(id), ms, (abortSignal) => c(id).stop(t === undefined ? { abortSignal } : { t, abortSignal }));
        },
        removeContainer: async (id, o) => {
            await call(`removing container ${quoted(id)}`, container(id), (abortSignal) => c(id).remove({ force: o?.force ?? false, abortSignal }));
        },
        renameContainer: async (id, name) => {
            await call(`renaming container ${quoted(id)} to '${name}'`, container(id), (abortSignal) => c(id).rename({ name, abortSignal }));
        },
        updateContainer: async (id, body) => {
            await call(`updating container ${quoted(id)}`, container(id), (abortSignal) => c(id).update({ ...body, abortSignal }));
        },
        containerLogs: (id, o) => call(`reading the logs of container ${quoted(id)}`, container(id), async (abortSignal) => (await c(id).logs({ stdout: true, stderr: true, follow: false, abortSignal, ...(o.tail !== undefined ? { tail: o.tail } : {}) }))),
        inspectImage: (ref) => 
        // dockerode's image inspect passes no abort signal: the modem's dial does.
        call(`inspecting image '${ref}'`, { kind: 'image', ref }, (abortSignal) => new Promise((resolve, reject) => {
            docker.modem.dial({ path: `/images/${ref}/json`, method: 'GET', abortSignal, statusCodes: { 200: true, 404: 'no such image', 500: 'server error' } }, (err, data) => (err ? reject(err) : resolve(data)));
        })),
        listImages: () => call('listing images', undefined, (abortSignal) => docker.listImages({ abortSignal })),
        listServices: (o) => call('listing services', undefined, (signal) => dial(docker, { path: '/services?', method: 'GET', options: { filters: JSON.stringify(o.labels?.length ? { label: o.labels } : {}) }, statusCodes: SERVICE_CODES }, signal)),
        inspectService: (id) => call(`inspecting service ${quoted(id)}`, undefined, (signal) => dial(docker, { path: `/services/${id}`, method: 'GET', statusCodes: SERVICE_CODES }, signal)),
        createService: (spec, authHeader) => call(`creating service '${String(spec.Name)}'`, undefined, async (signal) => {
            const made = await dial(docker, { path: '/services/create', method: 'POST', options: { _body: spec }, authHeader, statusCodes: SERVICE_CODES }, signal);
            return { id: made.ID };
        }),
        updateService: async (id, version, spec, authHeader) => {
            await call(`updating service ${quoted(id)}`, undefined, (signal) => dial(docker, { path: `/services/${id}/update?`, method: 'POST', options: { _query: { version }, _body: spec }, authHeader, statusCodes: SERVICE_CODES }, signal));
        },
        rollbackService: async (id, version, spec) => {
            await call(`rolling back service ${quoted(id)}`, undefined, (signal) => dial(docker, { path: `/services/${id}/update?`, method: 'POST', options: { _query: { version, rollback: 'previous' }, _body: spec }, statusCodes: SERVICE_CODES }, signal));
        },
        removeService: async (id) => {
            await call(`removing service ${quoted(id)}`, undefined, (signal) => dial(docker, { path: `/services/${id}`, method: 'DELETE', statusCodes: SERVICE_CODES }, signal));
        },
        listTasks: (o) => call(`listing the tasks of service ${quoted(o.service)}`, undefined, (signal) => dial(docker, { path: '/tasks?', method: 'GET', options: { filters: JSON.stringify({ service: [o.service] }) }, statusCodes: SERVICE_CODES }, signal)),
        pullImage: (ref, authHeader, onEvent) => {
            const shown = /^sha256:/.test(ref.tag) ? `${ref.fromImage}@${ref.tag}` : `${ref.fromImage}:${ref.tag}`;
            const op = `pulling image '${shown}'`;
            return run(op, { kind: 'image', ref: shown }, d.pullMs, async (abortSignal) => {
                const headers = Math.min(requestMs(), d.pullMs);
                // The header goes pre-encoded (`key`) so the modem never builds its own from a password.
                const stream = (await run(op, undefined, headers, (signal) => authHeader ? docker.createImage({ key: authHeader }, { ...ref, abortSignal: signal }) : docker.createImage({ ...ref, abortSignal: signal })));
                abortSignal.addEventListener('abort', () => stream.destroy?.(), { once: true });
                return new Promise((resolve, reject) => {
                    let idle;
                    const arm = () => {
                        clearTimeout(idle);
                        idle = setTimeout(() => {
                            // Reject first: destroying the stream makes followProgress report a normal end.
                            reject(new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .EngineCallError */ .hR(endpoint, op, `${op} stalled: no progress for ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .seconds */ .YA)(d.pullIdleMs)}`, { timedOut: true }));
                            stream.destroy?.();
                        }, d.pullIdleMs);
                    };
                    arm();
                    docker.modem.followProgress(stream, (err, output) => {
                        clearTimeout(idle);
                        if (err)
                            reject(err);
                        else
                            resolve(output ?? []);
                    }, (e) => {
                        arm();
                        onEvent(e);
                    });
                });
            });
        },
    };
}
/**
 * The same DockerApi with `fence` called before every call that changes a container (create,
 * start, stop, remove, rename, update) or a service (create, update, rollback, remove): when the run cannot prove it still holds its lock, the
 * fence throws and nothing is sent. Reads and pulls pass (they take nothing from another run).
 */
function fencedApi(api, fence) {
    // Every method delegated by name: `api` may be a class instance (the fake), so no spread.
    const fenced = async (call) => {
        fence();
        return call();
    };
    return {
        ping: () => api.ping(),
        version: () => api.version(),
        info: () => api.info(),
        listContainers: (o) => api.listContainers(o),
        inspectContainer: (id) => api.inspectContainer(id),
        createContainer: (body) => fenced(() => api.createContainer(body)),
        startContainer: (id) => fenced(() => api.startContainer(id)),
        stopContainer: (id, t) => fenced(() => api.stopContainer(id, t)),
        removeContainer: (id, o) => fenced(() => api.removeContainer(id, o)),
        renameContainer: (id, name) => fenced(() => api.renameContainer(id, name)),
        updateContainer: (id, body) => fenced(() => api.updateContainer(id, body)),
        containerLogs: (id, o) => api.containerLogs(id, o),
        inspectImage: (ref) => api.inspectImage(ref),
        listImages: () => api.listImages(),
        pullImage: (ref, auth, onEvent) => api.pullImage(ref, auth, onEvent),
        listServices: (o) => api.listServices(o),
        inspectService: (id) => api.inspectService(id),
        createService: (spec, auth) => fenced(() => api.createService(spec, auth)),
        updateService: (id, version, spec, auth) => fenced(() => api.updateService(id, version, spec, auth)),
        rollbackService: (id, version, spec) => fenced(() => api.rollbackService(id, version, spec)),
        removeService: (id) => fenced(() => api.removeService(id)),
        listTasks: (o) => api.listTasks(o),
    };
}
/** The engine's HTTP status on an error from DockerApi, when it has one. */
function statusOf(err) {
    return err?.statusCode;
}


/***/ }),

/***/ 7679:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Au: () => (/* binding */ codedError),
/* harmony export */   P4: () => (/* binding */ engineCallError),
/* harmony export */   U: () => (/* binding */ endpointError),
/* harmony export */   YA: () => (/* binding */ seconds),
/* harmony export */   cY: () => (/* binding */ EndpointError),
/* harmony export */   eY: () => (/* binding */ SSH_DIAL_CODE),
/* harmony export */   hR: () => (/* binding */ EngineCallError),
/* harmony export */   iG: () => (/* binding */ SSH_CONFIG_CODE),
/* harmony export */   m3: () => (/* binding */ shortRef),
/* harmony export */   of: () => (/* binding */ TIMEOUT_CODE),
/* harmony export */   on: () => (/* binding */ SSH_HOST_KEY_CODE),
/* harmony export */   s4: () => (/* binding */ engineTimeout),
/* harmony export */   yx: () => (/* binding */ LockLostError)
/* harmony export */ });
/* unused harmony exports endpointLabel, describeCause, engineMessage, transportCause */
/* harmony import */ var _spec_endpoint_url_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1434);
/**
 * The wording of endpoint failures: "cannot reach Docker endpoint 'tcp://10.201.0.2:2376': connection
 * refused". One place turns Node, OpenSSL, ssh2 and Engine API errors into a cause a user can act
 * on, naming the input to fix. Never quotes TLS or ssh key material (only error codes and our words).
 */

/** Codes of the errors our own transports raise (their message is already the plain cause). */
const TIMEOUT_CODE = 'HOTDOCK_TIMEOUT';
const SSH_HOST_KEY_CODE = 'HOTDOCK_SSH_HOST_KEY';
const SSH_DIAL_CODE = 'HOTDOCK_SSH_DIAL';
const SSH_CONFIG_CODE = 'HOTDOCK_SSH_CONFIG';
/** A failure to reach or use an endpoint; `message` is the full sentence, `reason` the cause alone. */
class EndpointError extends Error {
    /** Display name of the endpoint. */
    endpoint;
    reason;
    constructor(target, reason) {
        super(`cannot reach Docker endpoint ${endpointLabel(target)}: ${reason}`);
        this.name = 'EndpointError';
        this.endpoint = target.name;
        this.reason = reason;
    }
}
/** `'tcp://h:2376'`, or `'prod' (tcp://h:2376)` for a named endpoint. */
function endpointLabel(target) {
    return target.name === target.url ? `'${target.url}'` : `'${target.name}' (${target.url})`;
}
/** "10 s", "2.5 s". */
function seconds(ms) {
    return `${Number((ms / 1000).toFixed(1))} s`;
}
/** An error carrying one of our codes, whose message is the cause in plain words. */
function codedError(code, message) {
    return Object.assign(new Error(message), { code });
}
const NOT_SIGNED = new Set([
    'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
    'SELF_SIGNED_CERT_IN_CHAIN', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'CERT_SIGNATURE_FAILURE', 'CERT_UNTRUSTED',
]);
const CLIENT_CERT_REFUSED = /ALERT_(CERTIFICATE_REQUIRED|BAD_CERTIFICATE|UNKNOWN_CA|CERTIFICATE_UNKNOWN|HANDSHAKE_FAILURE|ACCESS_DENIED)/;
/** The cause of `err` in plain words, for `target`. */
function describeCause(err, target, timeoutMs) {
    const e = (err ?? {});
    const code = e.code ?? '';
    const msg = typeof e.message === 'string' ? e.message : String(err);
    const p = target.parsed;
    const tls = p.kind === 'https' || (p.kind === 'tcp' && target.tls !== undefined);
    if (code.startsWith('HOTDOCK_'))
        return msg;
    if (code === 'ETIMEDOUT' || e.level === 'client-timeout' || /timed out/i.test(msg)) {
        return `timed out after ${seconds(timeoutMs)}`;
    }
    if (code === 'ECONNREFUSED')
        return 'connection refused';
    if (code === 'EHOSTUNREACH')
        return 'host unreachable';
    if (code === 'ENETUNREACH')
        return 'network unreachable';
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
        return `host name '${p.kind === 'unix' ? '' : p.host}' not found`;
    }
    if (p.kind === 'unix') {
        if (code === 'ENOENT')
            return `no socket at ${p.socketPath} (is the Docker daemon running?)`;
        if (code === 'EACCES')
            return `permission denied on ${p.socketPath} (the user needs to be in the docker group)`;
    }
    // TLS, as OpenSSL and Node report it.
    if (NOT_SIGNED.has(code)) {
        return target.tls?.ca
            ? 'TLS: the server certificate is not signed by the given CA (tls-ca-cert)'
            : 'TLS: the server certificate is not signed by a CA this machine trusts; give tls-ca-cert';
    }
    if (code === 'ERR_TLS_CERT_ALTNAME_INVALID' && p.kind !== 'unix') {
        return `TLS: the server certificate is not valid for ${p.host} (its subjectAltName does not list it)`;
    }
    if (code === 'CERT_HAS_EXPIRED')
        return 'TLS: the server certificate has expired';
    if (code === 'CERT_NOT_YET_VALID')
        return 'TLS: the server certificate is not valid yet (check the clocks)';
    if (code === 'ERR_OSSL_X509_KEY_VALUES_MISMATCH' || /key values mismatch/i.test(msg)) {
        return 'TLS: tls-client-key does not belong to tls-client-cert';
    }
    if (CLIENT_CERT_REFUSED.test(code) || CLIENT_CERT_REFUSED.test(msg.toUpperCase().replace(/ /g, '_'))) {
        return target.tls?.cert
            ? 'TLS: the server refused the client certificate (tls-client-cert is not signed by a CA the server trusts)'
            : 'TLS: the server requires a client certificate: set tls-client-cert and tls-client-key';
    }
    if (/WRONG_VERSION_NUMBER|PACKET_LENGTH_TOO_LONG|HTTP_REQUEST/.test(code) || /wrong version number/i.test(msg)) {
        return 'TLS: the endpoint does not speak TLS (use http://, or tcp:// without TLS material)';
    }
    if (tls && (/^ERR_OSSL_(PEM|ASN1|X509)|^ERR_OSSL_UNSUPPORTED$/.test(code) || /PEM|asn1|DECODER routines/i.test(msg))) {
        return 'TLS: the TLS material is not valid PEM (tls-ca-cert, tls-client-cert, tls-client-key)';
    }
    // ssh, as ssh2 reports it.
    if (p.kind === 'ssh') {
        if (e.level === 'client-authentication') {
            return `ssh: ${(0,_spec_endpoint_url_js__WEBPACK_IMPORTED_MODULE_0__/* .formatHostPort */ .zc)(p.host, p.port)} refused the key for user '${p.user}' (is its public key in that user's ~/.ssh/authorized_keys?)`;
        }
        if (/Cannot parse privateKey|privateKey/i.test(msg)) {
            return 'ssh: ssh-private-key cannot be read (an OpenSSH or PEM private key without a passphrase is expected)';
        }
        if (e.level === 'client-socket' || e.level === 'protocol' || e.level === 'handshake') {
            return `ssh: ${msg}`;
        }
    }
    // Engine API answers.
    if (typeof e.statusCode === 'number') {
        const body = typeof e.json === 'object' && e.json?.message ? e.json.message : typeof e.json === 'string' ? e.json : e.reason ?? '';
        if (e.statusCode === 400 && /HTTP request to an HTTPS server/i.test(String(body) + msg)) {
            return 'the endpoint speaks TLS but no TLS material was given: set tls-ca-cert, tls-client-cert and tls-client-key';
        }
        return `the endpoint answered HTTP ${e.statusCode}${body ? `: ${String(body).trim()}` : ''}`;
    }
    if (code === 'ECONNRESET' || /socket hang up/i.test(msg)) {
        return tls
            ? 'the endpoint closed the connection during the TLS handshake (does it expect a client certificate, or plain HTTP?)'
            : 'the endpoint closed the connection (is it a TLS port? then give tls-ca-cert, tls-client-cert and tls-client-key)';
    }
    return redactPem(msg) || 'unknown error';
}
/** Belt and braces: nothing that looks like PEM ever reaches a message. */
function redactPem(text) {
    return text.replace(/-----BEGIN [^-]+-----[\s\S]*?(-----END [^-]+-----|$)/g, '[PEM redacted]');
}
/** The EndpointError for a failure of `target`. */
function endpointError(target, err, timeoutMs) {
    if (err instanceof EndpointError)
        return err;
    return new EndpointError(target, describeCause(err, target, timeoutMs));
}
/** A 64-hex container or image id shortened to docker's 12; names and references unchanged. */
function shortRef(ref) {
    return /^(sha256:)?[0-9a-f]{64}$/.test(ref) ? ref.replace(/^sha256:/, '').slice(0, 12) : ref;
}
/** What the engine said in an HTTP error answer, without dockerode's "(HTTP code N) reason -" prefix. */
function engineMessage(err) {
    const e = (err ?? {});
    if (e.json && typeof e.json === 'object' && !Buffer.isBuffer(e.json) && typeof e.json.message === 'string')
        return e.json.message.trim();
    if (typeof e.json === 'string' && e.json.trim())
        return e.json.trim();
    const msg = typeof e.message === 'string' ? e.message : String(err);
    return msg.replace(/^\(HTTP code \d+\)\s*[^-]*-\s*/, '').trim();
}
/** A transport failure (no HTTP answer) in plain words: "connection refused", "connection reset". */
function transportCause(err) {
    const e = (err ?? {});
    const msg = typeof e.message === 'string' ? e.message : String(err);
    switch (e.code) {
        case 'ECONNREFUSED':
            return 'connection refused';
        case 'ECONNRESET':
        case 'EPIPE':
            return 'the connection was reset';
        case 'ETIMEDOUT':
            return 'the connection timed out';
        case 'EHOSTUNREACH':
            return 'host unreachable';
        case 'ENETUNREACH':
            return 'network unreachable';
        case 'ENOENT':
            return 'no socket there (is the Docker daemon running?)';
        case 'EACCES':
            return 'permission denied on the socket';
    }
    if (/socket hang up/i.test(msg))
        return 'the connection was closed before an answer';
    return redactPem(msg) || 'unknown error';
}
/**
 * A failed Engine API call, named: "endpoint 'tcp://h:2376': inspecting container 'web' timed out
 * after 15 s". Keeps the engine's `statusCode` (and `json`) so callers still test 404/409/304.
 */
class EngineCallError extends Error {
    /** Endpoint display name. */
    endpoint;
    /** "inspecting container 'web'". */
    operation;
    /** The cause alone: "timed out after 15 s", "container 'web' not found". */
    detail;
    /** The engine's HTTP status, when it answered. */
    statusCode;
    /** The engine's answer body, when it answered. */
    json;
    /** True when the call ran out of its deadline (the endpoint may be partitioned or frozen). */
    timedOut;
    constructor(endpoint, operation, detail, extra = {}) {
        super(`endpoint '${endpoint}': ${detail}`, { cause: extra.cause });
        this.name = 'EngineCallError';
        this.endpoint = endpoint;
        this.operation = operation;
        this.detail = detail;
        this.statusCode = extra.statusCode;
        this.json = extra.json;
        this.timedOut = extra.timedOut ?? false;
    }
}
/** The EngineCallError for `err` raised by `operation` on `endpoint`. */
function engineCallError(endpoint, operation, err, subject) {
    if (err instanceof EngineCallError)
        return err;
    const e = (err ?? {});
    const status = e.statusCode;
    if (typeof status !== 'number') {
        return new EngineCallError(endpoint, operation, `${operation} failed: ${transportCause(err)}`, { cause: err });
    }
    const said = engineMessage(err);
    let detail;
    if (status === 404 && subject && !/^pulling/.test(operation))
        detail = `${subject.kind} '${shortRef(subject.ref)}' not found (${operation})`;
    else if (status === 304)
        detail = `${operation}: already done (HTTP 304)`;
    else
        detail = `${operation} failed: ${said || 'no message'} (HTTP ${status})`;
    return new EngineCallError(endpoint, operation, detail, { statusCode: status, json: e.json, cause: err });
}
/** The EngineCallError of a call that ran out of its deadline. */
function engineTimeout(endpoint, operation, ms) {
    return new EngineCallError(endpoint, operation, `${operation} timed out after ${seconds(ms)}`, { timedOut: true });
}
/**
 * Thrown by a lock's `assertHeld` (and every fenced mutation) once the run cannot prove it still
 * holds the stack's lock on an endpoint: from then on it changes nothing there.
 */
class LockLostError extends Error {
    stackName;
    endpoint;
    /** Why: "no renewal confirmed for 14 s (TTL 20 s)", "run 42 took it over". */
    reason;
    constructor(stackName, endpoint, reason) {
        super(`stack '${stackName}' on endpoint '${endpoint}': this run lost the deploy lock (${reason}); it changes nothing more there`);
        this.name = 'LockLostError';
        this.stackName = stackName;
        this.endpoint = endpoint;
        this.reason = reason;
    }
}


/***/ })

};
