import { fileURLToPath as __hotdockFileURLToPath } from 'node:url';
import { dirname as __hotdockDirname } from 'node:path';
const __filename = __hotdockFileURLToPath(import.meta.url);
const __dirname = __hotdockDirname(__filename);
export const id = 333;
export const ids = [333];
export const modules = {

/***/ 7333:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  connect: () => (/* binding */ connect),
  ux: () => (/* binding */ within)
});

// UNUSED EXPORTS: dockerodeFor, modemOptions

// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(7067);
var external_node_http_default = /*#__PURE__*/__webpack_require__.n(external_node_http_);
// EXTERNAL MODULE: external "node:https"
var external_node_https_ = __webpack_require__(4708);
var external_node_https_default = /*#__PURE__*/__webpack_require__.n(external_node_https_);
// EXTERNAL MODULE: ./node_modules/dockerode/lib/docker.js
var lib_docker = __webpack_require__(9040);
var docker_default = /*#__PURE__*/__webpack_require__.n(lib_docker);
// EXTERNAL MODULE: ./src/engine/docker-api.ts
var docker_api = __webpack_require__(9985);
// EXTERNAL MODULE: ./src/engine/errors.ts
var errors = __webpack_require__(7679);
// EXTERNAL MODULE: ./node_modules/ssh2/lib/index.js
var lib = __webpack_require__(5472);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(7075);
;// CONCATENATED MODULE: ./src/engine/channel-socket.ts
/**
 * A net.Socket stand-in over an ssh channel, for Node's http client (see ssh-agent.ts).
 */

/**
 * A socket for Node's http client whose bytes travel over an ssh channel opened later. It exists at
 * once, so the Agent counts it against maxSockets immediately: requests beyond the limit queue in
 * the Agent and take over freed channels, instead of each opening its own channel and running
 * into sshd's MaxSessions. Has the net.Socket methods the http client calls.
 */
class ChannelSocket extends external_node_stream_.Duplex {
    ch;
    idleMs = 0;
    idleTimer;
    opened;
    constructor(open) {
        super();
        this.opened = open.then((ch) => {
            if (this.destroyed) {
                ch.close();
                return ch;
            }
            this.ch = ch;
            ch.on('data', (d) => {
                this.touch();
                if (!this.push(d))
                    ch.pause();
            });
            ch.on('end', () => this.push(null));
            ch.on('error', (err) => this.destroy(err));
            ch.on('close', () => this.destroy());
            this.emit('connect');
            return ch;
        });
        this.opened.catch((err) => this.destroy(err));
    }
    touch() {
        if (this.idleTimer)
            clearTimeout(this.idleTimer);
        this.idleTimer = this.idleMs > 0 ? setTimeout(() => this.emit('timeout'), this.idleMs) : undefined;
        this.idleTimer?.unref();
    }
    _write(chunk, encoding, cb) {
        this.touch();
        this.opened.then((ch) => ch.write(chunk, encoding, cb), cb);
    }
    _final(cb) {
        this.opened.then((ch) => ch.end(() => cb()), cb);
    }
    _read() {
        this.ch?.resume();
    }
    _destroy(err, cb) {
        if (this.idleTimer)
            clearTimeout(this.idleTimer);
        this.ch?.close();
        cb(err);
    }
    /** net.Socket semantics: an idle timer; setTimeout(0, cb) removes cb (the http client relies on it). */
    setTimeout(ms, cb) {
        this.idleMs = ms;
        if (cb) {
            if (ms === 0)
                this.removeListener('timeout', cb);
            else
                this.once('timeout', cb);
        }
        this.touch();
        return this;
    }
    setNoDelay() {
        return this;
    }
    setKeepAlive() {
        return this;
    }
    ref() {
        return this;
    }
    unref() {
        return this;
    }
}

// EXTERNAL MODULE: ./src/spec/endpoint-url.ts
var endpoint_url = __webpack_require__(1434);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./src/spec/known-hosts.ts
/**
 * OpenSSH known_hosts matching for ssh:// endpoints (the `ssh-known-hosts` input). Pure: the ssh
 * connection asks hostKeyVerdict whether the key the server showed is pinned for host:port.
 * Understands plain, `[host]:port`, comma lists, wildcards (`*`, `?`), negation (`!`), hashed
 * (`|1|salt|hash`, from `ssh-keyscan -H`) and `@revoked` lines; `@cert-authority` lines are ignored
 * (host certificates are not supported, so they can never vouch for a key).
 */

/** Parses known_hosts text; malformed lines are skipped, as ssh does. */
function parseKnownHosts(text) {
    const lines = [];
    for (const raw of text.split(/\r?\n/)) {
        const line = raw.trim();
        if (line === '' || line.startsWith('#'))
            continue;
        const fields = line.split(/\s+/);
        let marker;
        if (fields[0] === '@revoked' || fields[0] === '@cert-authority') {
            marker = fields[0] === '@revoked' ? 'revoked' : 'cert-authority';
            fields.shift();
        }
        if (fields.length < 3)
            continue;
        const [hosts, keyType, b64] = fields;
        if (!/^[A-Za-z0-9+/]+={0,2}$/.test(b64))
            continue;
        lines.push({ marker, patterns: hosts.split(','), keyType, key: Buffer.from(b64, 'base64') });
    }
    return lines;
}
/** The name ssh looks up: `host` on port 22, `[host]:port` otherwise. */
function knownHostsName(host, port) {
    return port === 22 ? host : `[${host}]:${port}`;
}
function globMatch(pattern, name) {
    const re = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
    return new RegExp(`^${re}$`, 'i').test(name);
}
function hashedMatch(pattern, name) {
    const parts = pattern.split('|');
    if (parts.length !== 4 || parts[1] !== '1')
        return false;
    const mac = (0,external_node_crypto_.createHmac)('sha1', Buffer.from(parts[2], 'base64')).update(name).digest('base64');
    return mac === parts[3];
}
/** True when the line's host patterns select host:port (a negated match excludes the line). */
function lineMatchesHost(patterns, host, port) {
    const names = [knownHostsName(host, port)];
    // Lenient: `host:port` without brackets is what people write by hand for other ports.
    if (port !== 22 && !host.includes(':'))
        names.push(`${host}:${port}`);
    let matched = false;
    for (const p of patterns) {
        const negated = p.startsWith('!');
        const pat = negated ? p.slice(1) : p;
        const hit = names.some((n) => (pat.startsWith('|') ? hashedMatch(pat, n) : globMatch(pat, n)));
        if (hit && negated)
            return false;
        if (hit)
            matched = true;
    }
    return matched;
}
/**
 * The verdict on `key` (the raw public key blob the server sent) for host:port: `match` only when a
 * non-revoked line for this host holds exactly this key; `mismatch` when lines for this host hold
 * other keys; `revoked` when the key is listed as @revoked; `unknown` when no line names the host.
 */
function hostKeyVerdict(knownHosts, host, port, key) {
    const lines = parseKnownHosts(knownHosts);
    if (lines.some((l) => l.marker === 'revoked' && l.key.equals(key)))
        return 'revoked';
    const forHost = lines.filter((l) => l.marker === undefined && lineMatchesHost(l.patterns, host, port));
    if (forHost.length === 0)
        return 'unknown';
    return forHost.some((l) => l.key.equals(key)) ? 'match' : 'mismatch';
}
/**
 * Host key algorithms to offer for host:port: only the types pinned for it, so that a server with
 * several keys shows the one we can check (ssh2 would otherwise pick its own favourite type).
 */
function pinnedKeyTypes(knownHosts, host, port) {
    const types = new Set();
    for (const l of parseKnownHosts(knownHosts)) {
        if (l.marker !== undefined || !lineMatchesHost(l.patterns, host, port))
            continue;
        if (l.keyType === 'ssh-rsa')
            ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'].forEach((t) => types.add(t));
        else
            types.add(l.keyType);
    }
    return [...types];
}

;// CONCATENATED MODULE: ./src/engine/ssh-agent.ts
/**
 * One ssh connection per endpoint, carrying every Engine API call. docker-modem's own ssh transport
 * opens a new ssh connection (TCP, key exchange, host-key check, auth) for EVERY request; here an
 * http.Agent hands each request a new channel (`docker system dial-stdio`) on one shared ssh2
 * client, and keeps idle channels for the next request.
 */






/** OpenSSH's default MaxSessions: a channel more would be refused by a stock sshd. */
const SSH_MAX_CHANNELS = 10;
/** An http.Agent whose connections are channels of one ssh connection. */
class SshChannelAgent extends (external_node_http_default()).Agent {
    /** Counters since creation. */
    stats = { connections: 0, channels: 0 };
    opts;
    client;
    /** A connection still in its handshake: close() must end it too, or it would keep the process alive. */
    connecting;
    ready;
    closed = false;
    constructor(opts) {
        const reuse = opts.reuseChannels ?? true;
        const max = Math.min(opts.maxChannels ?? 8, SSH_MAX_CHANNELS);
        super({ keepAlive: reuse, maxSockets: max, maxFreeSockets: max });
        this.opts = opts;
    }
    /** Called by Node's http client for each new connection: open a channel instead of a socket. */
    createConnection(_options, _callback) {
        return new ChannelSocket(this.channel());
    }
    /** The shared ssh connection, made (or re-made after a drop) on first use. */
    connection() {
        if (this.closed)
            return Promise.reject((0,errors/* codedError */.Au)(errors/* SSH_CONFIG_CODE */.iG, 'ssh: the connection was closed'));
        if (this.ready)
            return this.ready;
        const o = this.opts;
        const where = (0,endpoint_url/* formatHostPort */.zc)(o.host, o.port);
        this.ready = new Promise((resolve, reject) => {
            if (!o.knownHosts || o.knownHosts.trim() === '') {
                reject((0,errors/* codedError */.Au)(errors/* SSH_CONFIG_CODE */.iG, `ssh: no ssh-known-hosts given; a host key not listed is refused (get it with: ssh-keyscan -p ${o.port} ${o.host})`));
                return;
            }
            const agentSocket = process.env.SSH_AUTH_SOCK;
            if (!o.privateKey && !agentSocket) {
                reject((0,errors/* codedError */.Au)(errors/* SSH_CONFIG_CODE */.iG, 'ssh: no ssh-private-key given (and no ssh-agent at SSH_AUTH_SOCK)'));
                return;
            }
            const knownHosts = o.knownHosts;
            let hostKeyProblem;
            const c = new lib.Client();
            const config = {
                host: o.host,
                port: o.port,
                username: o.username,
                readyTimeout: o.timeoutMs,
                // Finds a dead peer in ~45 s instead of never, on a connection that may idle between runs.
                keepaliveInterval: 15000,
                keepaliveCountMax: 3,
                hostVerifier: (key) => {
                    const verdict = hostKeyVerdict(knownHosts, o.host, o.port, key);
                    if (verdict === 'match')
                        return true;
                    hostKeyProblem =
                        verdict === 'mismatch'
                            ? `ssh: host key of ${where} is not in ssh-known-hosts (it lists another key for this host: the host was reinstalled, or the connection is intercepted)`
                            : verdict === 'revoked'
                                ? `ssh: host key of ${where} is revoked in ssh-known-hosts`
                                : `ssh: host key of ${where} is not in ssh-known-hosts (get it with: ssh-keyscan -p ${o.port} ${o.host})`;
                    return false;
                },
            };
            const types = pinnedKeyTypes(knownHosts, o.host, o.port);
            if (types.length > 0)
                config.algorithms = { serverHostKey: types };
            if (o.privateKey)
                config.privateKey = o.privateKey;
            else
                config.agent = agentSocket;
            this.connecting = c;
            c.once('ready', () => {
                this.connecting = undefined;
                if (this.closed) {
                    c.end();
                    reject((0,errors/* codedError */.Au)(errors/* SSH_CONFIG_CODE */.iG, 'ssh: the connection was closed'));
                    return;
                }
                this.stats.connections++;
                this.client = c;
                resolve(c);
            });
            c.on('error', (err) => {
                if (this.client !== c) {
                    if (this.connecting === c)
                        this.connecting = undefined;
                    this.ready = undefined;
                    c.end();
                    reject(hostKeyProblem ? (0,errors/* codedError */.Au)(errors/* SSH_HOST_KEY_CODE */.on, hostKeyProblem) : err);
                }
            });
            c.on('close', () => {
                // Closed before 'ready' without an 'error' (close() during the handshake): settle, never hang.
                // A no-op when the promise already settled.
                if (this.connecting === c)
                    this.connecting = undefined;
                reject(hostKeyProblem ? (0,errors/* codedError */.Au)(errors/* SSH_HOST_KEY_CODE */.on, hostKeyProblem) : (0,errors/* codedError */.Au)(errors/* SSH_DIAL_CODE */.eY, `ssh: ${where} closed the connection during the handshake`));
                // A dropped connection is made again by the next request.
                if (this.client === c) {
                    this.client = undefined;
                    this.ready = undefined;
                }
            });
            try {
                c.connect(config);
            }
            catch (err) {
                this.ready = undefined;
                reject(err);
            }
        });
        return this.ready;
    }
    /** A new `docker system dial-stdio` channel on the shared connection. */
    async channel() {
        const c = await this.connection();
        const where = (0,endpoint_url/* formatHostPort */.zc)(this.opts.host, this.opts.port);
        return new Promise((resolve, reject) => {
            let late = false;
            const timer = setTimeout(() => {
                late = true;
                reject((0,errors/* codedError */.Au)(errors/* TIMEOUT_CODE */.of, `ssh: opening a channel on ${where} timed out after ${(0,errors/* seconds */.YA)(this.opts.timeoutMs)}`));
            }, this.opts.timeoutMs);
            const opened = (err, ch) => {
                clearTimeout(timer);
                if (err) {
                    if (!late)
                        reject((0,errors/* codedError */.Au)(errors/* SSH_DIAL_CODE */.eY, `ssh: ${where} refused a channel: ${err.message}`));
                    return;
                }
                this.stats.channels++;
                if (late) {
                    // Nobody waits for it any more.
                    ch.close();
                    return;
                }
                // dial-stdio prints why it cannot reach the engine on stderr, then exits: surface that.
                let stderr = '';
                ch.stderr.on('data', (d) => {
                    if (stderr.length < 2000)
                        stderr += d.toString('utf8');
                });
                ch.on('exit', (code) => {
                    if (code && code !== 0) {
                        const why = stderr.trim().split('\n')[0] || `exit code ${code}`;
                        ch.destroy((0,errors/* codedError */.Au)(errors/* SSH_DIAL_CODE */.eY, `ssh: 'docker system dial-stdio' failed on ${where}: ${why}`));
                    }
                });
                resolve(ch);
            };
            try {
                c.exec('docker system dial-stdio', opened);
            }
            catch (err) {
                // ssh2 throws when the connection dropped between connection() and here.
                clearTimeout(timer);
                reject((0,errors/* codedError */.Au)(errors/* SSH_DIAL_CODE */.eY, `ssh: the connection to ${where} dropped: ${err.message}`));
            }
        });
    }
    /** Closes every channel and the ssh connection. */
    close() {
        this.closed = true;
        this.destroy();
        this.client?.end();
        this.connecting?.end();
        this.client = undefined;
        this.connecting = undefined;
        this.ready = undefined;
    }
}

;// CONCATENATED MODULE: ./src/engine/client.ts
/**
 * Opens a Docker connection to an endpoint target and proves it works (`/_ping` + `/version`)
 * before anything else runs, so that an unreachable or misconfigured endpoint fails in seconds
 * with its name and the cause in plain words.
 *
 * Transport rules: TLS always verifies the server certificate and never falls back to plain HTTP;
 * ssh pins the host key against ssh-known-hosts and carries every call over ONE ssh connection.
 */






const DEFAULT_TIMEOUT_MS = 10_000;
/** Destroys a socket that is not connected (and, for TLS, through the handshake) in time. */
function armConnectTimeout(socket, ms, secure) {
    const s = socket;
    if (!secure && !s.connecting)
        return;
    const timer = setTimeout(() => {
        s.destroy((0,errors/* codedError */.Au)(errors/* TIMEOUT_CODE */.of, `timed out after ${(0,errors/* seconds */.YA)(ms)}`));
    }, ms);
    s.once(secure ? 'secureConnect' : 'connect', () => clearTimeout(timer));
    s.once('close', () => clearTimeout(timer));
}
/** Keep-alive HTTP agent with a connect timeout: a dead host fails in seconds, not minutes. */
class TimedHttpAgent extends (external_node_http_default()).Agent {
    connectMs;
    constructor(connectMs, maxSockets) {
        super({ keepAlive: true, maxSockets });
        this.connectMs = connectMs;
    }
    createConnection(options, cb) {
        const s = super.createConnection(options, cb);
        if (s)
            armConnectTimeout(s, this.connectMs, false);
        return s;
    }
}
/** Keep-alive HTTPS agent (one TLS handshake for many calls) with a connect+handshake timeout. */
class TimedHttpsAgent extends (external_node_https_default()).Agent {
    connectMs;
    constructor(connectMs, maxSockets) {
        super({ keepAlive: true, maxSockets, rejectUnauthorized: true });
        this.connectMs = connectMs;
    }
    createConnection(options, cb) {
        // The server certificate is always verified, whatever a caller put in the request options.
        const s = super.createConnection({ ...options, rejectUnauthorized: true }, cb);
        if (s)
            armConnectTimeout(s, this.connectMs, true);
        return s;
    }
}
/**
 * The complete docker-modem options for a target, from the target alone. Pure. For ssh, the host
 * and port only fill the Host header: the agent carries the requests.
 */
function modemOptions(target, agent, requestTimeoutMs) {
    const p = target.parsed;
    const none = {
        socketPath: undefined, host: undefined, port: undefined, username: undefined, password: undefined,
        pathPrefix: undefined, ca: undefined, cert: undefined, key: undefined, connectionTimeout: undefined,
        checkServerIdentity: undefined, version: undefined, sshOptions: {}, timeout: requestTimeoutMs, agent,
    };
    if (p.kind === 'unix')
        return { ...none, protocol: 'http', socketPath: p.socketPath };
    // protocol 'http' for ssh on purpose: with 'ssh', docker-modem replaces any agent by its own,
    // which opens a new ssh connection per request (and reads SSH_AUTH_SOCK).
    const secure = p.kind === 'https' || (p.kind === 'tcp' && target.tls !== undefined);
    const tls = secure ? (target.tls ?? {}) : {};
    return { ...none, protocol: secure ? 'https' : 'http', host: p.host, port: p.port, pathPrefix: '/', ca: tls.ca, cert: tls.cert, key: tls.key };
}
/** What docker-modem reads from the environment when it is constructed. */
const MODEM_ENV = ['DOCKER_HOST', 'DOCKER_TLS_VERIFY', 'DOCKER_CERT_PATH', 'DOCKER_PATH_PREFIX', 'DOCKER_CLIENT_TIMEOUT'];
/**
 * A dockerode instance whose connection is exactly `opts`. docker-modem computes its environment
 * defaults in its constructor even when every field is given, and that computation can throw (a
 * DOCKER_HOST it cannot parse, a DOCKER_CERT_PATH without certificates) or pick an ssh transport:
 * so the constructor runs with those variables hidden (synchronously: nothing else runs meanwhile),
 * and the result is checked field by field.
 */
function dockerodeFor(opts) {
    const saved = MODEM_ENV.map((k) => [k, process.env[k]]);
    for (const [k] of saved)
        delete process.env[k];
    let docker;
    try {
        docker = new (docker_default())(opts);
    }
    finally {
        for (const [k, v] of saved)
            if (v !== undefined)
                process.env[k] = v;
    }
    const modem = docker.modem;
    for (const field of ['socketPath', 'host', 'port', 'protocol', 'ca', 'cert', 'key', 'pathPrefix', 'agent']) {
        if (modem[field] !== opts[field]) {
            throw new Error(`internal: the Docker client's ${field} is not the one hotdock set (a docker-modem change?)`);
        }
    }
    return docker;
}
/** The dockerode instance (and its agent) for a target; no I/O yet. */
function build(target, o) {
    const p = target.parsed;
    let agent;
    if (p.kind === 'ssh') {
        agent = new SshChannelAgent({
            host: p.host, port: p.port, username: p.user,
            privateKey: target.sshPrivateKey, knownHosts: target.sshKnownHosts,
            timeoutMs: o.timeoutMs, maxChannels: o.maxConnections, reuseChannels: o.reuseSshChannels,
        });
    }
    else if (p.kind !== 'unix') {
        const secure = p.kind === 'https' || (p.kind === 'tcp' && target.tls !== undefined);
        agent = secure ? new TimedHttpsAgent(o.timeoutMs, o.maxConnections) : new TimedHttpAgent(o.timeoutMs, o.maxConnections);
    }
    // Idle timeout 0 (none): every request carries its own deadline instead (dockerApiOf).
    return { docker: dockerodeFor(modemOptions(target, agent, 0)), agent };
}
/** Rejects with a timeout error after `ms`, unless `work` settles first. */
async function within(work, ms) {
    let timer;
    const limit = new Promise((_, reject) => {
        timer = setTimeout(() => reject((0,errors/* codedError */.Au)(errors/* TIMEOUT_CODE */.of, `timed out after ${(0,errors/* seconds */.YA)(ms)}`)), ms);
    });
    try {
        return await Promise.race([work, limit]);
    }
    finally {
        clearTimeout(timer);
    }
}
/**
 * Connects to `target` and checks it answers (`/_ping`, then `/version` for the API version).
 * Throws an EndpointError: "cannot reach Docker endpoint 'tcp://10.201.0.2:2376': connection refused".
 */
async function connect(target, options = {}) {
    const o = {
        timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        deadlines: options.deadlines ?? {},
        maxConnections: options.maxConnections ?? 8,
        reuseSshChannels: options.reuseSshChannels ?? true,
    };
    let built;
    try {
        built = build(target, o);
    }
    catch (err) {
        throw (0,errors/* endpointError */.U)(target, err, o.timeoutMs);
    }
    const { docker, agent } = built;
    let closed = false;
    const close = async () => {
        if (closed)
            return;
        closed = true;
        if (agent instanceof SshChannelAgent)
            agent.close();
        else
            agent?.destroy();
    };
    try {
        const version = await within((async () => {
            await docker.ping();
            return docker.version();
        })(), o.timeoutMs);
        if (!version.ApiVersion)
            throw new errors/* EndpointError */.cY(target, 'the endpoint did not report an API version: is it a Docker engine?');
        return {
            target,
            docker: (0,docker_api/* dockerApiOf */.E8)(docker, { endpoint: target.name, deadlines: o.deadlines }),
            apiVersion: version.ApiVersion,
            engineVersion: version.Version,
            sshStats: agent instanceof SshChannelAgent ? agent.stats : undefined,
            sshAgent: agent instanceof SshChannelAgent ? agent : undefined,
            close,
        };
    }
    catch (err) {
        await close();
        throw (0,errors/* endpointError */.U)(target, err, o.timeoutMs);
    }
}


/***/ })

};
