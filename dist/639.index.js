import { fileURLToPath as __hotdockFileURLToPath } from 'node:url';
import { dirname as __hotdockDirname } from 'node:path';
const __filename = __hotdockFileURLToPath(import.meta.url);
const __dirname = __hotdockDirname(__filename);
export const id = 639;
export const ids = [639];
export const modules = {

/***/ 9639:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runStack: () => (/* binding */ runStack)
});

// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(7067);
var external_node_http_default = /*#__PURE__*/__webpack_require__.n(external_node_http_);
// EXTERNAL MODULE: external "node:https"
var external_node_https_ = __webpack_require__(4708);
var external_node_https_default = /*#__PURE__*/__webpack_require__.n(external_node_https_);
// EXTERNAL MODULE: ./node_modules/dockerode/lib/docker.js
var lib_docker = __webpack_require__(9040);
var docker_default = /*#__PURE__*/__webpack_require__.n(lib_docker);
;// CONCATENATED MODULE: ./src/engine/docker-api.ts
/** The DockerApi of a dockerode instance. */
function dockerApiOf(docker) {
    const c = (id) => docker.getContainer(id);
    return {
        ping: async () => {
            await docker.ping();
        },
        version: () => docker.version(),
        info: () => docker.info(),
        listContainers: (o) => {
            const filters = {};
            if (o.labels?.length)
                filters.label = o.labels;
            if (o.names?.length)
                filters.name = o.names;
            return docker.listContainers({ all: o.all ?? false, filters });
        },
        inspectContainer: (id) => c(id).inspect(),
        createContainer: async (body) => ({ id: (await docker.createContainer(body)).id }),
        startContainer: async (id) => {
            await c(id).start();
        },
        stopContainer: async (id, t) => {
            await c(id).stop(t === undefined ? {} : { t });
        },
        removeContainer: async (id, o) => {
            await c(id).remove({ force: o?.force ?? false });
        },
        renameContainer: async (id, name) => {
            await c(id).rename({ name });
        },
        updateContainer: async (id, body) => {
            await c(id).update(body);
        },
        containerLogs: async (id, o) => (await c(id).logs({ stdout: true, stderr: true, follow: false, ...(o.tail !== undefined ? { tail: o.tail } : {}) })),
        inspectImage: (ref) => docker.getImage(ref).inspect(),
        listImages: () => docker.listImages(),
        pullImage: async (ref, authHeader, onEvent) => {
            // The header goes pre-encoded (`key`) so the modem never builds its own from a password.
            const stream = (authHeader ? await docker.createImage({ key: authHeader }, ref) : await docker.createImage(ref));
            return new Promise((resolve, reject) => {
                docker.modem.followProgress(stream, (err, output) => (err ? reject(err) : resolve(output ?? [])), onEvent);
            });
        },
    };
}
/** The engine's HTTP status on an error from DockerApi, when it has one. */
function statusOf(err) {
    return err?.statusCode;
}

// EXTERNAL MODULE: ./src/spec/endpoint-url.ts
var endpoint_url = __webpack_require__(1434);
;// CONCATENATED MODULE: ./src/engine/errors.ts
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
            return `ssh: ${(0,endpoint_url/* formatHostPort */.zc)(p.host, p.port)} refused the key for user '${p.user}' (is its public key in that user's ~/.ssh/authorized_keys?)`;
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
            return Promise.reject(codedError(SSH_CONFIG_CODE, 'ssh: the connection was closed'));
        if (this.ready)
            return this.ready;
        const o = this.opts;
        const where = (0,endpoint_url/* formatHostPort */.zc)(o.host, o.port);
        this.ready = new Promise((resolve, reject) => {
            if (!o.knownHosts || o.knownHosts.trim() === '') {
                reject(codedError(SSH_CONFIG_CODE, `ssh: no ssh-known-hosts given; a host key not listed is refused (get it with: ssh-keyscan -p ${o.port} ${o.host})`));
                return;
            }
            const agentSocket = process.env.SSH_AUTH_SOCK;
            if (!o.privateKey && !agentSocket) {
                reject(codedError(SSH_CONFIG_CODE, 'ssh: no ssh-private-key given (and no ssh-agent at SSH_AUTH_SOCK)'));
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
                    reject(codedError(SSH_CONFIG_CODE, 'ssh: the connection was closed'));
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
                    reject(hostKeyProblem ? codedError(SSH_HOST_KEY_CODE, hostKeyProblem) : err);
                }
            });
            c.on('close', () => {
                // Closed before 'ready' without an 'error' (close() during the handshake): settle, never hang.
                // A no-op when the promise already settled.
                if (this.connecting === c)
                    this.connecting = undefined;
                reject(hostKeyProblem ? codedError(SSH_HOST_KEY_CODE, hostKeyProblem) : codedError(SSH_DIAL_CODE, `ssh: ${where} closed the connection during the handshake`));
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
                reject(codedError(TIMEOUT_CODE, `ssh: opening a channel on ${where} timed out after ${seconds(this.opts.timeoutMs)}`));
            }, this.opts.timeoutMs);
            const opened = (err, ch) => {
                clearTimeout(timer);
                if (err) {
                    if (!late)
                        reject(codedError(SSH_DIAL_CODE, `ssh: ${where} refused a channel: ${err.message}`));
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
                        ch.destroy(codedError(SSH_DIAL_CODE, `ssh: 'docker system dial-stdio' failed on ${where}: ${why}`));
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
                reject(codedError(SSH_DIAL_CODE, `ssh: the connection to ${where} dropped: ${err.message}`));
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
const DEFAULT_REQUEST_TIMEOUT_MS = 300_000;
/** Destroys a socket that is not connected (and, for TLS, through the handshake) in time. */
function armConnectTimeout(socket, ms, secure) {
    const s = socket;
    if (!secure && !s.connecting)
        return;
    const timer = setTimeout(() => {
        s.destroy(codedError(TIMEOUT_CODE, `timed out after ${seconds(ms)}`));
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
    return { docker: dockerodeFor(modemOptions(target, agent, o.requestTimeoutMs)), agent };
}
/** Rejects with a timeout error after `ms`, unless `work` settles first. */
async function within(work, ms) {
    let timer;
    const limit = new Promise((_, reject) => {
        timer = setTimeout(() => reject(codedError(TIMEOUT_CODE, `timed out after ${seconds(ms)}`)), ms);
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
        requestTimeoutMs: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
        maxConnections: options.maxConnections ?? 8,
        reuseSshChannels: options.reuseSshChannels ?? true,
    };
    let built;
    try {
        built = build(target, o);
    }
    catch (err) {
        throw endpointError(target, err, o.timeoutMs);
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
            throw new EndpointError(target, 'the endpoint did not report an API version: is it a Docker engine?');
        return {
            target,
            docker: dockerApiOf(docker),
            apiVersion: version.ApiVersion,
            engineVersion: version.Version,
            sshStats: agent instanceof SshChannelAgent ? agent.stats : undefined,
            sshAgent: agent instanceof SshChannelAgent ? agent : undefined,
            close,
        };
    }
    catch (err) {
        await close();
        throw endpointError(target, err, o.timeoutMs);
    }
}

;// CONCATENATED MODULE: ./src/engine/connect.ts
/**
 * Connects every endpoint of a run and tells engines apart by what they are, not by how they are
 * named: two targets that reach one engine (an `endpoints` name and its URL, a unix socket and the
 * TLS port of the same daemon) become ONE endpoint, so placement, observe and the lock see it once.
 * Without this the run locks the engine under its first name and then waits on its own lock under
 * the second, and observe reports every container twice.
 */

/** Code-point order: the same on every runner, so the canonical name never depends on the locale. */
function byName(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
}
const DEFAULT_IDENTIFY_MS = 10_000;
/**
 * The engine's /info identity, or undefined when it cannot tell (no merge then: two names stay two
 * endpoints, as before). The ID alone is not enough: a daemon of Docker 20.10 takes it from
 * /etc/docker/key.json, which every daemon of one host (and every clone of a VM image) shares, so
 * the host name and the data root (which two running daemons can never share) join it.
 */
async function identify(docker, ms) {
    let info;
    try {
        info = await within(docker.info(), ms);
    }
    catch {
        return undefined;
    }
    if (!info.ID)
        return undefined;
    return { key: JSON.stringify([info.ID, info.Name ?? '', info.DockerRootDir ?? '']), id: info.ID };
}
/** Reads the container IDs of an engine whose /info collides with another's; false when it cannot. */
async function listIds(docker, identity, ms) {
    try {
        const list = await within(docker.listContainers({ all: true }), ms);
        identity.containers = new Set(list.map((c) => c.Id));
        return true;
    }
    catch {
        return false;
    }
}
/**
 * Two candidates with equal /info identity are one engine when they list a common container (a
 * container ID is 256 random bits) or when neither lists any. Two different engines with equal
 * /info (cloned hosts) are told apart by the first container either of them holds.
 */
function sameEngine(a, b) {
    if (a.key !== b.key || !a.containers || !b.containers)
        return false;
    if (a.containers.size === 0 && b.containers.size === 0)
        return true;
    for (const id of a.containers)
        if (b.containers.has(id))
            return true;
    return false;
}
/**
 * Connects every target (all at once), reads each engine's identity, and merges the targets that
 * reach one engine into one endpoint: the first by name order is canonical, the others become its
 * aliases. Throws one Error listing every endpoint that could not be reached (after closing the
 * connections that did open). Connections of aliases are closed: only the canonical one is used.
 */
async function connectEndpoints(targets, options = {}) {
    const { connect: connectOne = connect, ...connectOptions } = options;
    const sorted = [...new Map(targets.map((t) => [t.name, t])).values()].sort((a, b) => byName(a.name, b.name));
    const settled = await Promise.allSettled(sorted.map((t) => connectOne(t, connectOptions)));
    const opened = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    const failures = settled.flatMap((s) => (s.status === 'rejected' ? [s.reason.message] : []));
    if (failures.length > 0) {
        await Promise.all(opened.map((c) => c.close().catch(() => undefined)));
        throw new Error(failures.join('\n'));
    }
    // /info for every engine; the container lists only where two /info identities collide.
    const ms = connectOptions.timeoutMs ?? DEFAULT_IDENTIFY_MS;
    const identities = opened.length < 2 ? [] : await Promise.all(opened.map((c) => identify(c.docker, ms)));
    const keyCount = new Map();
    for (const i of identities)
        if (i)
            keyCount.set(i.key, (keyCount.get(i.key) ?? 0) + 1);
    await Promise.all(identities.map((i, n) => (i && keyCount.get(i.key) > 1 ? listIds(opened[n].docker, i, ms) : false)));
    const connections = new Map();
    const aliases = new Map();
    const groups = new Map();
    const canonicals = [];
    for (const [i, conn] of opened.entries()) {
        const identity = identities[i];
        const same = identity && canonicals.find((c) => c.identity && sameEngine(c.identity, identity));
        if (same) {
            aliases.set(conn.target.name, same.conn.target);
            groups.get(same.conn).push(conn.target.name);
            await conn.close().catch(() => undefined);
            continue;
        }
        canonicals.push({ conn, identity });
        connections.set(conn.target.name, conn);
        groups.set(conn, [conn.target.name]);
    }
    const notes = [];
    for (const { conn, identity } of canonicals) {
        const names = groups.get(conn);
        if (names.length < 2)
            continue;
        const quoted = names.map((n) => `'${n}'`);
        const list = quoted.length === 2 ? quoted.join(' and ') : `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}`;
        notes.push(`endpoints ${list} are one engine (ID ${identity.id}): treated as one, as '${names[0]}'`);
    }
    return { connections, aliases, notes };
}

// EXTERNAL MODULE: ./src/spec/endpoints.ts
var endpoints = __webpack_require__(7969);
// EXTERNAL MODULE: ./src/spec/registry-auth.ts
var registry_auth = __webpack_require__(8823);
;// CONCATENATED MODULE: ./src/engine/images.ts

/** Local image id, or undefined when the endpoint does not have the image. */
async function localImageId(docker, image) {
    try {
        const info = await docker.inspectImage(image);
        return info.Id;
    }
    catch (err) {
        if (err.statusCode === 404)
            return undefined;
        throw err;
    }
}
/**
 * Applies the pull policy to one image on one endpoint: `missing` pulls only when absent, `always`
 * pulls every time (a moved tag arrives), `never` only checks. Throws an actionable error naming the
 * resource, image, registry and endpoint; never one containing a credential.
 */
async function ensureImage(docker, image, policy, auth, log, ctx = { endpoint: 'local' }) {
    if (policy !== 'always') {
        const id = await localImageId(docker, image);
        if (id)
            return { imageId: id, pulled: false };
        if (policy === 'never') {
            throw new Error(`${prefix(ctx)}image '${image}' is not on endpoint '${ctx.endpoint}' and pull is 'never'`);
        }
    }
    await pullImage(docker, image, auth, log, ctx);
    const id = await localImageId(docker, image);
    if (!id)
        throw new Error(`${prefix(ctx)}image '${image}' is still missing on endpoint '${ctx.endpoint}' after its pull`);
    return { imageId: id, pulled: true };
}
function prefix(ctx) {
    return ctx.resource ? `resource '${ctx.resource}': ` : '';
}
/** Splits `repo[:tag][@digest]` the way the engine's create-image endpoint wants it. */
function splitReference(image) {
    const at = image.indexOf('@');
    if (at >= 0)
        return { fromImage: image.slice(0, at), tag: image.slice(at + 1) };
    const lastSlash = image.lastIndexOf('/');
    const colon = image.lastIndexOf(':');
    if (colon > lastSlash)
        return { fromImage: image.slice(0, colon), tag: image.slice(colon + 1) };
    return { fromImage: image, tag: 'latest' };
}
async function pullImage(docker, image, auth, log, ctx) {
    const registry = (0,registry_auth/* registryHost */.U$)(image);
    const creds = (0,registry_auth/* credentialsFor */.Og)(registry, auth);
    const who = ctx.resource ?? image;
    const started = Date.now();
    log.progress(who, `pulling image '${image}' on '${ctx.endpoint}'`);
    const opts = splitReference(image);
    let events;
    try {
        // The header is passed pre-encoded so the engine client never builds its own from the password.
        events = await docker.pullImage(opts, creds ? (0,registry_auth/* registryAuthHeader */.bJ)(creds, registry) : undefined, throttledProgress(log, who, ctx.progressIntervalMs ?? 2000));
    }
    catch (err) {
        throw pullError(image, registry, creds?.username, ctx, errorText(err));
    }
    const failed = events.find((e) => e.error || e.errorDetail?.message);
    if (failed)
        throw pullError(image, registry, creds?.username, ctx, failed.error ?? failed.errorDetail?.message ?? '');
    const layers = new Set(events.filter((e) => e.id && e.status === 'Pull complete').map((e) => e.id));
    const secs = ((Date.now() - started) / 1000).toFixed(1);
    log.progress(who, `pulled image '${image}' (${layers.size} new layer(s), ${secs} s)`);
}
function errorText(err) {
    const e = err;
    return e?.json?.message ?? e?.message ?? String(err);
}
/** Maps the engine's pull failures to messages a user can act on. */
function pullError(image, registry, user, ctx, raw) {
    const p = prefix(ctx);
    const text = raw.trim();
    const authProblem = /no basic auth credentials|authentication required|unauthorized|incorrect username or password/i;
    if (authProblem.test(text)) {
        return user === undefined
            ? new Error(`${p}no credentials for registry '${registry}' to pull image '${image}' (set registry-auth)`)
            : new Error(`${p}registry '${registry}' refused the credentials for user '${user}' (pulling image '${image}')`);
    }
    if (/pull access denied/i.test(text) && user === undefined) {
        // Docker Hub answers this both for a missing repository and for a private one.
        return new Error(`${p}image '${image}' not found in registry '${registry}', or it needs credentials (set registry-auth)`);
    }
    if (/manifest unknown|not found|does not exist|no such image|pull access denied/i.test(text)) {
        return new Error(`${p}image '${image}' not found in registry '${registry}'`);
    }
    return new Error(`${p}pulling image '${image}' from registry '${registry}' on endpoint '${ctx.endpoint}' failed: ${text}`);
}
/**
 * A pull progress callback that logs a throttled summary: percent of bytes known so far and layers
 * done out of layers seen (per-layer lines would flood a CI log).
 */
function throttledProgress(log, who, intervalMs) {
    const layers = new Map();
    let last = Date.now();
    return (event) => {
        if (!event.id || !event.status)
            return;
        const layer = layers.get(event.id) ?? { current: 0, total: 0, done: false };
        if (event.progressDetail?.total) {
            layer.total = event.progressDetail.total;
            layer.current = event.progressDetail.current ?? layer.current;
        }
        if (/complete|already exists/i.test(event.status))
            layer.done = true;
        layers.set(event.id, layer);
        const now = Date.now();
        if (now - last < intervalMs)
            return;
        last = now;
        const all = [...layers.values()];
        const total = all.reduce((s, l) => s + l.total, 0);
        const current = all.reduce((s, l) => s + (l.done ? l.total : l.current), 0);
        const pct = total > 0 ? `${Math.floor((100 * current) / total)}%, ` : '';
        log.progress(who, `pulling ${pct}${all.filter((l) => l.done).length}/${all.length} layers`);
    };
}

// EXTERNAL MODULE: ./src/template/resolve.ts + 13 modules
var resolve = __webpack_require__(7175);
// EXTERNAL MODULE: ./src/engine/attributes.ts
var attributes = __webpack_require__(8837);
// EXTERNAL MODULE: ./src/spec/create-options.ts
var create_options = __webpack_require__(492);
;// CONCATENATED MODULE: ./src/spec/labels.ts
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

;// CONCATENATED MODULE: ./src/deploy/hash.ts
/**
 * The config hash: `v1:<sha256 hex>` of a canonical JSON of the normalised desired spec (the create
 * body). It decides "replace or keep", so it covers only what the template asks for: never values
 * the daemon fills in, never informational labels (revision, template path, and the hash itself).
 * A per-field digest beside it (LABEL_CONFIG_FIELDS) lets a plan say WHAT changed.
 */


/** Informational label: short digests per field of the spec, `cmd=1a2b3c4d,env=...`. Not hashed. */
/** Version prefix: bump when normalisation changes, so old hashes never falsely match. */
const VERSION = 'v1';
/** hotdock labels that identify a container; every other `io.hotdock.*` label is informational. */
const IDENTITY_LABELS = new Set([LABEL_STACK, LABEL_RESOURCE]);
/**
 * Body paths → the names users know from the template. Order is the order reasons are listed in.
 * Exposed ports and bindings are one field: the template's ports, however they were written.
 */
const FIELDS = [
    ['Image', 'image'], ['Cmd', 'cmd'], ['Env', 'env'], ['ExposedPorts', 'ports'], ['HostConfig.PortBindings', 'ports'],
    ['HostConfig.Binds', 'volumes'], ['HostConfig.VolumesFrom', 'volumes_from'], ['HostConfig.Links', 'links'],
    ['Hostname', 'hostname'], ['User', 'user'], ['Tty', 'tty'], ['OpenStdin', 'open_stdin'], ['StdinOnce', 'stdin_once'],
    ['HostConfig.Privileged', 'privileged'], ['HostConfig.Dns', 'dns'], ['HostConfig.RestartPolicy', 'restart_policy'],
    ['HostConfig.CapAdd', 'cap_add'], ['HostConfig.CapDrop', 'cap_drop'], ['HostConfig.ReadonlyRootfs', 'read_only'],
    ['HostConfig.CpuShares', 'cpu_shares'], ['HostConfig.CpusetCpus', 'cpu_set'], ['HostConfig.Memory', 'memory'],
    ['HostConfig.Devices', 'devices'], ['Labels', 'labels'],
];
/** Field names in reason order, each once. */
const CONFIG_FIELD_ORDER = [...new Set(FIELDS.map(([, f]) => f))];
function isMap(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}
/** Unset, false, 0, '' and empty collections mean "Docker's default": equal to leaving them out. */
function isDefault(v) {
    return v === undefined || v === null || v === false || v === 0 || v === ''
        || (Array.isArray(v) && v.length === 0) || (isMap(v) && Object.keys(v).length === 0);
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
    if (isMap(body.Labels)) {
        spec.Labels = Object.fromEntries(Object.entries(body.Labels).filter(([k]) => !k.startsWith('io.hotdock.') || IDENTITY_LABELS.has(k)));
    }
    if (isMap(body.HostConfig))
        spec.HostConfig = withoutDefaults(body.HostConfig);
    return withoutDefaults(spec);
}
/** JSON with keys sorted at every level: equal specs give equal text whatever their key order. */
function canonicalJson(value) {
    if (Array.isArray(value))
        return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
    if (isMap(value)) {
        const keys = Object.keys(value).filter((k) => value[k] !== undefined).sort();
        return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(',')}}`;
    }
    return JSON.stringify(value) ?? 'null';
}
const sha256 = (text) => (0,external_node_crypto_.createHash)('sha256').update(text).digest('hex');
/** `v1:<sha256 hex>` of the normalised desired spec (see normaliseSpec). */
function configHash(body) {
    return `${VERSION}:${sha256(canonicalJson(normaliseSpec(body)))}`;
}
function at(spec, path) {
    let node = spec;
    for (const part of path.split('.'))
        node = isMap(node) ? node[part] : undefined;
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

;// CONCATENATED MODULE: ./src/deploy/desired.ts




/** Key of the imageIds map. */
function imageKey(endpoint, image) {
    return `${endpoint}\u0000${image}`;
}
/** Every get_resource / get_attr node left in a resolved value. */
function runtimeRefs(value, out = []) {
    if (Array.isArray(value)) {
        for (const v of value)
            runtimeRefs(v, out);
    }
    else if (value !== null && typeof value === 'object') {
        const entries = Object.entries(value);
        if (entries.length === 1 && entries[0][0] === 'get_resource' && typeof entries[0][1] === 'string') {
            out.push({ resource: entries[0][1] });
        }
        else if (entries.length === 1 && entries[0][0] === 'get_attr' && Array.isArray(entries[0][1])) {
            const [name, attr] = entries[0][1];
            out.push({ resource: String(name), attr: String(attr) });
        }
        else {
            for (const [, v] of entries)
                runtimeRefs(v, out);
        }
    }
    return out;
}
/** The `docker_endpoint` property as placement input (a runtime reference there is not supported). */
function endpointRefOf(resource) {
    const v = resource.properties.docker_endpoint;
    return typeof v === 'string' && v.trim() !== '' ? v : undefined;
}
/** The image reference of a resource, with runtime references completed. */
function imageOf(resource, runtime) {
    const v = (0,resolve/* evaluateRuntime */.O1)(resource.properties.image, runtime);
    if (typeof v !== 'string' || v.trim() === '')
        throw new Error(`resource '${resource.name}': property 'image' is required`);
    return v.trim();
}
/**
 * The desired container of one resource. The hash covers the body with hotdock's identity labels
 * only (stack, resource): informational labels are added after hashing, so a new revision or a
 * moved template file replaces nothing.
 */
function buildDesired(resource, ctx) {
    const endpoint = ctx.placement.get(resource.name);
    if (!endpoint)
        throw new Error(`resource '${resource.name}' has no endpoint`);
    let name;
    let body;
    try {
        // Functions kept for deploy time run here and may throw: the failure is this resource's.
        const properties = (0,resolve/* evaluateRuntime */.O1)(resource.properties, ctx.runtime);
        const evaluated = { ...resource, properties };
        name = (0,create_options/* containerNameFor */.e)(evaluated, ctx.stackName);
        body = (0,create_options/* toCreateBody */.c)(evaluated, {
            stackName: ctx.stackName,
            containerName: name,
            labels: { [LABEL_STACK]: ctx.stackName, [LABEL_RESOURCE]: resource.name },
        });
    }
    catch (err) {
        throw new Error(`resource '${resource.name}': ${err.message}`, { cause: err });
    }
    const hash = configHash(body);
    const labels = { ...(body.Labels ?? {}) };
    labels[LABEL_CONFIG_HASH] = hash;
    // Per-field digests: lets the next plan say which property changed.
    labels[LABEL_CONFIG_FIELDS] = configFieldsLabel(body);
    labels[LABEL_DELETION_POLICY] = resource.deletionPolicy;
    if (ctx.revision)
        labels[LABEL_REVISION] = ctx.revision;
    if (ctx.template)
        labels[LABEL_TEMPLATE] = ctx.template;
    const image = String(body.Image);
    return {
        resource: resource.name,
        endpoint,
        name,
        body: { ...body, Labels: labels },
        configHash: hash,
        image,
        imageId: ctx.imageIds?.get(imageKey(endpoint.name, image)),
        dependsOn: [...resource.dependsOn],
        deletionPolicy: resource.deletionPolicy,
    };
}
/**
 * The desired container as far as a plan can know it. A property computed (by a function kept for
 * deploy time) from a container this run has yet to create cannot be evaluated now: it is left out
 * here, so the step shows a change, and the executor rebuilds the whole resource once that
 * container exists. Any other failure is the resource's own and is thrown.
 */
function buildPlannedDesired(resource, ctx, pending) {
    try {
        return buildDesired(resource, ctx);
    }
    catch (err) {
        if (!runtimeRefs(resource.properties).some((r) => pending.has(r.resource)))
            throw err;
        const known = {};
        for (const [key, value] of Object.entries(resource.properties)) {
            try {
                (0,resolve/* evaluateRuntime */.O1)(value, ctx.runtime);
                known[key] = value;
            }
            catch {
                // Known at deploy time only.
            }
        }
        return buildDesired({ ...resource, properties: known }, ctx);
    }
}
/** Container names a body refers to through HostConfig.Links and HostConfig.VolumesFrom. */
function containerReferences(body) {
    const host = (body.HostConfig ?? {});
    const links = Array.isArray(host.Links) ? host.Links.map((l) => String(l).split(':')[0].replace(/^\//, '')) : [];
    const from = Array.isArray(host.VolumesFrom) ? host.VolumesFrom.map((v) => String(v).split(':')[0]) : [];
    return [...links, ...from];
}
/**
 * Adds the order that `links` and `volumes_from` imply: a container can only link to, or take
 * volumes from, one that exists. A name matches a resource by its container name (or by the
 * resource's own name). An edge that would close a cycle is left out: Docker reports that case.
 */
function addContainerReferences(desired) {
    const byName = new Map();
    for (const d of desired)
        byName.set(d.resource, d.resource);
    for (const d of desired)
        byName.set(d.name, d.resource);
    const deps = new Map(desired.map((d) => [d.resource, d.dependsOn]));
    const reaches = (from, target) => {
        const seen = new Set();
        const todo = [from];
        while (todo.length > 0) {
            const cur = todo.pop();
            if (cur === target)
                return true;
            if (seen.has(cur))
                continue;
            seen.add(cur);
            todo.push(...(deps.get(cur) ?? []));
        }
        return false;
    };
    for (const d of desired) {
        for (const ref of containerReferences(d.body)) {
            const target = byName.get(ref);
            if (!target || target === d.resource || d.dependsOn.includes(target) || reaches(target, d.resource))
                continue;
            d.dependsOn.push(target);
        }
    }
}

;// CONCATENATED MODULE: ./src/engine/parallel.ts
/**
 * Walks a DAG of operations with bounded parallelism per lane (one lane per endpoint): a node starts
 * once every node it depends on is done and its lane has a free slot. No decisions live here.
 */
/**
 * Runs `run` for every node in dependency order, at most `limitPerLane` at a time per lane, and
 * resolves when nothing is in flight. Never rejects: failures are in the result.
 */
async function walkDag(nodes, run, opts) {
    const limit = Math.max(1, Math.floor(opts.limitPerLane));
    const stopOnError = opts.stopOnError ?? true;
    const keys = new Map();
    for (const n of nodes)
        keys.set(n.key, [...(keys.get(n.key) ?? []), n]);
    const state = new Map(nodes.map((n) => [n.id, 'waiting']));
    const inFlight = new Map();
    const result = { done: [], failed: [], skipped: [] };
    let stopped = false;
    const depState = (n) => {
        let blocked = false;
        for (const key of n.dependsOn) {
            if (key === n.key)
                continue;
            for (const dep of keys.get(key) ?? []) {
                const s = state.get(dep.id);
                if (s === 'failed' || s === 'skipped')
                    return 'doomed';
                if (s !== 'done')
                    blocked = true;
            }
        }
        return blocked ? 'blocked' : 'ready';
    };
    return new Promise((resolve) => {
        const pump = () => {
            let progressed = true;
            // Skipping can cascade (a skipped node dooms its dependents): repeat until stable.
            while (progressed) {
                progressed = false;
                for (const n of nodes) {
                    if (state.get(n.id) !== 'waiting')
                        continue;
                    const deps = depState(n);
                    if (deps === 'doomed') {
                        state.set(n.id, 'skipped');
                        result.skipped.push(n.id);
                        progressed = true;
                        continue;
                    }
                    if (stopped)
                        continue; // left waiting; reported as skipped once nothing runs
                    if (deps !== 'ready')
                        continue;
                    const busy = inFlight.get(n.lane) ?? 0;
                    if (busy >= limit)
                        continue;
                    inFlight.set(n.lane, busy + 1);
                    state.set(n.id, 'running');
                    void run(n).then(() => finish(n, 'done'), (error) => finish(n, 'failed', error));
                }
            }
            const running = [...state.values()].some((s) => s === 'running');
            if (!running) {
                // Whatever still waits can never start (a cycle, or stopped): report it as skipped.
                for (const n of nodes) {
                    if (state.get(n.id) === 'waiting') {
                        state.set(n.id, 'skipped');
                        result.skipped.push(n.id);
                    }
                }
                resolve(result);
            }
        };
        const finish = (n, how, error) => {
            inFlight.set(n.lane, (inFlight.get(n.lane) ?? 1) - 1);
            state.set(n.id, how);
            if (how === 'done')
                result.done.push(n.id);
            else {
                result.failed.push({ id: n.id, error });
                if (stopOnError)
                    stopped = true;
            }
            pump();
        };
        pump();
    });
}
/**
 * A slot limiter: at most `n` calls of the returned function run at once; the others queue in
 * call order. The executor keeps one per endpoint for Docker operations (`max-parallel`).
 */
function createLimiter(n) {
    const limit = Math.max(1, Math.floor(n));
    let active = 0;
    const queue = [];
    const release = () => {
        active--;
        queue.shift()?.();
    };
    return async (fn) => {
        if (active >= limit)
            await new Promise((resolve) => queue.push(resolve));
        active++;
        try {
            return await fn();
        }
        finally {
            release();
        }
    };
}

;// CONCATENATED MODULE: ./src/engine/wait.ts

/** A container that did not come up: the message has the exit code and the log tail. */
class ContainerStartError extends Error {
    exitCode;
    constructor(message, exitCode) {
        super(message);
        this.exitCode = exitCode;
        this.name = 'ContainerStartError';
    }
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** The last `lines` log lines of a container, indented for an error message ('' when none). */
async function logTail(docker, id, lines = 20) {
    try {
        const text = await (0,attributes/* containerLogs */.BX)(docker, id, { tail: lines });
        const kept = text.replace(/\s+$/, '').split('\n').slice(-lines);
        return kept.length && kept[0] !== '' ? kept.map((l) => `  | ${l}`).join('\n') : '';
    }
    catch {
        return '';
    }
}
async function failure(docker, id, what, opts, exitCode) {
    const tail = await logTail(docker, id, opts.tailLines ?? 20);
    const logs = tail ? `; last log lines:\n${tail}` : '; it wrote no logs';
    return new ContainerStartError(`resource '${opts.resource}' on endpoint '${opts.endpoint}': ${what}${logs}`, exitCode);
}
/**
 * Waits until the container has been running for the stable period (and is healthy when it has a
 * health check). Throws ContainerStartError when it exits, restarts, turns unhealthy or times out.
 */
async function waitUntilRunning(docker, id, opts) {
    const started = Date.now();
    const deadline = started + opts.timeoutSeconds * 1000;
    const stableMs = Math.min(opts.stableMs ?? 2000, opts.timeoutSeconds * 1000 / 2);
    const pollMs = opts.pollMs ?? 250;
    let upSince;
    let firstRestartCount;
    for (;;) {
        const info = await docker.inspectContainer(id);
        const st = info.State;
        const name = info.Name.replace(/^\//, '');
        firstRestartCount ??= info.RestartCount;
        if (st.Status === 'exited' || st.Status === 'dead') {
            return Promise.reject(await failure(docker, id, `container '${name}' exited with code ${st.ExitCode}${st.Error ? ` (${st.Error})` : ''}`, opts, st.ExitCode));
        }
        if (st.Restarting || info.RestartCount > firstRestartCount) {
            return Promise.reject(await failure(docker, id, `container '${name}' keeps restarting (last exit code ${st.ExitCode})`, opts, st.ExitCode));
        }
        const health = st.Health?.Status;
        if (health === 'unhealthy') {
            const last = st.Health?.Log?.at(-1)?.Output?.trim();
            return Promise.reject(await failure(docker, id, `container '${name}' is unhealthy${last ? ` (check said: ${last})` : ''}`, opts));
        }
        if (st.Running && !st.Paused) {
            upSince ??= Date.now();
            const healthy = health === undefined || health === 'healthy' || health === 'none';
            if (healthy && Date.now() - upSince >= stableMs)
                return info;
        }
        else {
            upSince = undefined;
        }
        if (Date.now() >= deadline) {
            const state = health && health !== 'healthy' ? `${st.Status}, health ${health}` : st.Status;
            return Promise.reject(await failure(docker, id, `container '${name}' was not running${health ? ' and healthy' : ''} within ${opts.timeoutSeconds} s (state: ${state})`, opts));
        }
        await sleep(pollMs);
    }
}

;// CONCATENATED MODULE: ./src/engine/safe-replace.ts


const ungated = (fn) => fn();
function safe_replace_statusOf(err) {
    return err?.statusCode;
}
/** The aside name of an old container. */
function asideName(name, id) {
    return `${name}-hotdock-old-${id.slice(0, 12)}`;
}
/**
 * Creates the desired container and starts it, then waits for it. A 409 (name in use) is "already
 * there" when the holder of the name carries this stack's labels and the same config hash; a name
 * held by anything else is an error, since hotdock never touches containers that are not its own.
 * A container that fails to come up is removed before the error is thrown.
 */
async function createAndStart(docker, desired, opts) {
    const ep = desired.endpoint.name;
    const gate = opts.gate ?? ungated;
    const { id, adopted } = await gate(async () => {
        opts.log.progress(desired.resource, `creating '${desired.name}' on '${ep}'`);
        const made = await createOrAdopt(docker, desired, opts);
        try {
            await docker.startContainer(made.id);
        }
        catch (err) {
            if (safe_replace_statusOf(err) !== 304) {
                // 304: already running
                await removeQuietly(docker, made.id).catch(() => undefined);
                throw new Error(`resource '${desired.resource}' on endpoint '${ep}': starting '${desired.name}' failed: ${err.message}`, { cause: err });
            }
        }
        opts.log.progress(desired.resource, `started '${desired.name}', waiting until it runs`);
        return made;
    });
    try {
        const info = await waitUntilRunning(docker, id, {
            resource: desired.resource,
            endpoint: ep,
            timeoutSeconds: opts.waitTimeout,
            stableMs: opts.stableMs,
        });
        return { id, info, adopted };
    }
    catch (err) {
        await gate(() => removeQuietly(docker, id)).catch(() => undefined);
        if (err instanceof Error && err.message.startsWith(`resource '${desired.resource}'`))
            throw err;
        throw new Error(`resource '${desired.resource}' on endpoint '${ep}': waiting for '${desired.name}' failed: ${err.message}`, { cause: err });
    }
}
/** Creates the container; a 409 from a container with the same stack, resource and hash is adopted. */
async function createOrAdopt(docker, desired, opts) {
    const ep = desired.endpoint.name;
    try {
        return { id: (await docker.createContainer({ ...desired.body, name: desired.name })).id, adopted: false };
    }
    catch (err) {
        if (safe_replace_statusOf(err) !== 409) {
            throw new Error(`resource '${desired.resource}' on endpoint '${ep}': creating container '${desired.name}' failed: ${err.message}`, { cause: err });
        }
        const existing = await docker.inspectContainer(desired.name);
        const labels = existing.Config.Labels ?? {};
        const ours = labels[LABEL_STACK] === opts.stackName && labels[LABEL_RESOURCE] === desired.resource;
        if (!ours || labels[LABEL_CONFIG_HASH] !== desired.configHash) {
            throw new Error(ours
                ? `resource '${desired.resource}' on endpoint '${ep}': container name '${desired.name}' is taken by another version of this resource (${existing.Id.slice(0, 12)})`
                : `resource '${desired.resource}' on endpoint '${ep}': container name '${desired.name}' is taken by a container that is not part of stack '${opts.stackName}'; hotdock leaves it alone`, { cause: err });
        }
        return { id: existing.Id, adopted: true };
    }
}
/** Stops a container, tolerating one that is already stopped (304) or gone (404). */
async function stopQuietly(docker, id, timeoutSeconds) {
    try {
        await docker.stopContainer(id, timeoutSeconds);
    }
    catch (err) {
        if (safe_replace_statusOf(err) !== 304 && safe_replace_statusOf(err) !== 404)
            throw err;
    }
}
/** Removes a container, tolerating one already gone. */
async function removeQuietly(docker, id) {
    try {
        await docker.removeContainer(id, { force: true });
    }
    catch (err) {
        if (safe_replace_statusOf(err) !== 404)
            throw err;
    }
}
/** Stops the old container and renames it aside, freeing its name and host ports. */
async function putAside(docker, observed, opts) {
    const aside = {
        id: observed.id,
        originalName: observed.name,
        asideName: asideName(observed.name, observed.id),
        wasRunning: observed.state === 'running' || observed.state === 'restarting',
        endpoint: observed.endpoint,
        resource: observed.resource,
    };
    opts.log.progress(observed.resource, `stopping old '${observed.name}'`);
    await stopQuietly(docker, observed.id, opts.stopTimeoutSeconds);
    await docker.renameContainer(observed.id, aside.asideName);
    return aside;
}
/**
 * Brings an aside container back: removes the container that replaced it (when given), renames it
 * to its name and starts it if it was running.
 */
async function restoreAside(docker, aside, replacementId) {
    if (replacementId)
        await removeQuietly(docker, replacementId);
    await docker.renameContainer(aside.id, aside.originalName);
    if (aside.wasRunning) {
        await docker.startContainer(aside.id).catch((err) => {
            if (safe_replace_statusOf(err) !== 304)
                throw err;
        });
    }
}
/**
 * Replaces `observed` by `desired`: put the old one aside, create + start + wait the new one. When
 * the new one fails, the old one is restored and the error rethrown. On success the old one is
 * removed, unless `keepAside` (rollback: the whole run must succeed first) — then it is returned.
 */
async function safeReplace(docker, observed, desired, opts) {
    const gate = opts.gate ?? ungated;
    const aside = await gate(() => putAside(docker, observed, opts));
    let started;
    try {
        started = await createAndStart(docker, desired, opts);
    }
    catch (err) {
        opts.log.progress(desired.resource, `new container failed: restoring '${aside.originalName}'`);
        try {
            await gate(() => restoreAside(docker, aside));
        }
        catch (restoreErr) {
            throw new Error(`${err.message}\nrestoring the old container '${aside.originalName}' (now '${aside.asideName}') also failed: ${restoreErr.message}`, { cause: restoreErr });
        }
        throw err;
    }
    if (opts.keepAside)
        return { ...started, aside };
    await gate(() => removeQuietly(docker, aside.id));
    return started;
}

;// CONCATENATED MODULE: ./src/engine/execute.ts





/** Walks the plan. Never throws for a failed step: the result carries the error. */
async function executePlan(steps, ctx) {
    const outcomes = new Map();
    const undo = [];
    let changed = false;
    let failedReplaceRestored;
    const building = new Set(steps.filter((s) => s.action !== 'remove').map((s) => s.resource));
    const nodes = steps.map((step, i) => {
        const isRemove = step.action === 'remove';
        return {
            id: `${i}:${step.endpoint}:${step.resource}:${step.action}`,
            // A removal of a resource that is also being built elsewhere (moved, duplicate) waits for it:
            // the old container goes only once the new one stands.
            key: isRemove ? `remove:${step.resource}` : step.resource,
            dependsOn: isRemove ? removeDeps(step, building) : step.dependsOn,
            lane: step.endpoint,
            step,
        };
    });
    const engine = (name) => {
        const e = ctx.engines.get(name);
        if (!e)
            throw new Error(`no connection to endpoint '${name}'`);
        return e;
    };
    // max-parallel bounds Docker operations per endpoint; a container proving itself holds no slot.
    const gates = new Map();
    const gateOf = (endpoint) => {
        let g = gates.get(endpoint);
        if (!g)
            gates.set(endpoint, (g = createLimiter(ctx.maxParallel)));
        return g;
    };
    const optsFor = (endpoint) => ({
        stackName: ctx.stackName,
        waitTimeout: ctx.waitTimeout,
        stopTimeoutSeconds: ctx.stopTimeoutSeconds,
        stableMs: ctx.stableMs,
        log: ctx.log,
        gate: gateOf(endpoint),
    });
    const finalSteps = nodes.map((n) => n.step);
    const runStep = async (node) => {
        let step = node.step;
        if (step.action !== 'remove' && ctx.finalize) {
            step = await ctx.finalize(step, outcomes);
            if (step.action !== node.step.action)
                ctx.log.progress(step.resource, `now ${step.action}: ${step.reasons.join(', ')}`);
            finalSteps[nodes.indexOf(node)] = step;
        }
        const started = Date.now();
        const docker = engine(step.endpoint);
        const opts = optsFor(step.endpoint);
        const gate = opts.gate;
        const done = (extra) => {
            // The removal of a moved or duplicate container must not hide the resource's new container.
            if (step.action === 'remove' && building.has(step.resource))
                return;
            outcomes.set(step.resource, {
                resource: step.resource,
                endpoint: step.endpoint,
                action: step.action,
                seconds: Math.round((Date.now() - started) / 100) / 10,
                ...extra,
            });
        };
        const why = step.reasons.length ? ` (${step.reasons.join(', ')})` : '';
        switch (step.action) {
            case 'unchanged':
                done({ containerId: step.observed?.id });
                return;
            case 'create': {
                const desired = desiredOf(step);
                await gate(() => ensureImage(docker, desired.image, ctx.pull === 'never' ? 'never' : 'missing', ctx.registryAuth, ctx.log, {
                    endpoint: step.endpoint,
                    resource: step.resource,
                }));
                const made = await createAndStart(docker, desired, opts);
                if (!made.adopted) {
                    changed = true;
                    undo.push({ kind: 'created', resource: step.resource, endpoint: step.endpoint, id: made.id });
                }
                done({ containerId: made.id });
                ctx.log.progress(step.resource, `created, running (${made.id.slice(0, 12)})`);
                return;
            }
            case 'replace': {
                const observed = mustObserved(step, ctx.stackName);
                const desired = desiredOf(step);
                ctx.log.progress(step.resource, `replacing '${observed.name}'${why}`);
                await gate(() => ensureImage(docker, desired.image, ctx.pull === 'never' ? 'never' : 'missing', ctx.registryAuth, ctx.log, {
                    endpoint: step.endpoint,
                    resource: step.resource,
                }));
                try {
                    const made = await safeReplace(docker, observed, desired, { ...opts, keepAside: ctx.rollback });
                    changed = true;
                    if (made.aside)
                        undo.push({ kind: 'aside', resource: step.resource, endpoint: step.endpoint, aside: made.aside, replacementId: made.id });
                    done({ containerId: made.id });
                    ctx.log.progress(step.resource, `replaced, running (${made.id.slice(0, 12)})`);
                }
                catch (err) {
                    failedReplaceRestored = step.resource;
                    throw err;
                }
                return;
            }
            case 'start': {
                const observed = mustObserved(step, ctx.stackName);
                ctx.log.progress(step.resource, `starting '${observed.name}'${why}`);
                await gate(async () => {
                    try {
                        await docker.startContainer(observed.id);
                    }
                    catch (err) {
                        if (err.statusCode !== 304)
                            throw err;
                    }
                });
                changed = true;
                undo.push({ kind: 'started', resource: step.resource, endpoint: step.endpoint, id: observed.id });
                await waitUntilRunning(docker, observed.id, {
                    resource: step.resource,
                    endpoint: step.endpoint,
                    timeoutSeconds: ctx.waitTimeout,
                    stableMs: ctx.stableMs,
                });
                done({ containerId: observed.id });
                ctx.log.progress(step.resource, 'started, running');
                return;
            }
            case 'remove': {
                const observed = mustObserved(step, ctx.stackName);
                const policy = step.desired?.deletionPolicy ?? observed.labels[LABEL_DELETION_POLICY];
                if (policy === 'Retain') {
                    ctx.log.progress(step.resource, `kept '${observed.name}' (deletion_policy Retain)`);
                    done({ containerId: observed.id, retained: true });
                    return;
                }
                ctx.log.progress(step.resource, `removing '${observed.name}'${why}`);
                if (ctx.rollback) {
                    // Kept aside (stopped, renamed) until the run succeeds: a rollback can bring it back.
                    const aside = await gate(() => putAside(docker, observed, opts));
                    undo.push({ kind: 'aside', resource: step.resource, endpoint: step.endpoint, aside });
                }
                else {
                    await gate(async () => {
                        await stopQuietly(docker, observed.id, ctx.stopTimeoutSeconds);
                        await removeQuietly(docker, observed.id);
                    });
                }
                changed = true;
                done({});
                ctx.log.progress(step.resource, 'removed');
                return;
            }
        }
    };
    // Steps in flight may exceed max-parallel (most of them waiting); bounded all the same, so the
    // polling of many waiting containers cannot swamp an endpoint.
    const walk = await walkDag(nodes, runStep, { limitPerLane: ctx.maxParallel * 4, stopOnError: true });
    const rolledBack = [];
    if (walk.failed.length === 0) {
        // Success: the containers kept aside are no longer needed.
        for (const u of undo)
            if (u.kind === 'aside')
                await removeQuietly(engine(u.endpoint), u.aside.id).catch(() => undefined);
        return { outcomes, rolledBack, changed, steps: finalSteps };
    }
    const errors = walk.failed.map((f) => (f.error instanceof Error ? f.error.message : String(f.error)));
    let error = errors.join('\n');
    if (failedReplaceRestored)
        rolledBack.push(failedReplaceRestored);
    if (ctx.rollback && undo.length > 0) {
        ctx.log.warning(`deploy failed: rolling back ${undo.length} change(s)`);
        const problems = [];
        for (const u of [...undo].reverse()) {
            try {
                await undoOne(engine(u.endpoint), u, ctx);
                if (!rolledBack.includes(u.resource))
                    rolledBack.push(u.resource);
                ctx.log.progress(u.resource, 'rolled back');
                outcomes.delete(u.resource);
            }
            catch (err) {
                problems.push(`rolling back '${u.resource}' failed: ${err.message}`);
            }
        }
        if (problems.length)
            error += '\n' + problems.join('\n');
        changed = problems.length > 0;
    }
    return { outcomes, error, rolledBack, changed, steps: finalSteps };
}
/** A removal's dependencies: resources being built wait as such, others as their own removals (destroy order). */
function removeDeps(step, building) {
    const deps = step.dependsOn.map((d) => (building.has(d) ? d : `remove:${d}`));
    return building.has(step.resource) ? [...deps, step.resource] : deps;
}
async function undoOne(docker, u, ctx) {
    if (u.kind === 'created')
        await removeQuietly(docker, u.id);
    else if (u.kind === 'started')
        await stopQuietly(docker, u.id, ctx.stopTimeoutSeconds);
    else
        await restoreAside(docker, u.aside, u.replacementId);
}
function desiredOf(step) {
    if (!step.desired)
        throw new Error(`plan step ${step.action} '${step.resource}' has no desired container`);
    return step.desired;
}
/** The observed container of a step, refusing one without this stack's label. */
function mustObserved(step, stackName) {
    const o = step.observed;
    if (!o)
        throw new Error(`plan step ${step.action} '${step.resource}' has no observed container`);
    if (o.labels[LABEL_STACK] !== stackName) {
        throw new Error(`container '${o.name}' on endpoint '${o.endpoint}' does not carry the label ${LABEL_STACK}=${stackName}; hotdock leaves it alone`);
    }
    return o;
}

;// CONCATENATED MODULE: ./src/engine/lock.ts
/**
 * A lock per stack ON each endpoint, so two runs (even from two machines) never interleave their
 * changes. The lock is a never-started container named `hotdock-lock.<stack>`: the engine makes
 * container names unique atomically, so a create that answers 409 means "held".
 *
 * Labels cannot change after create, so the holder proves it is alive with renewal containers
 * (`hotdock-lock.<stack>.renew-...`, one at a time). Expiry is judged on the DAEMON's clock
 * (container creation times against the daemon's SystemTime): two machines with skewed clocks still
 * agree on who holds the lock.
 */


/** The lock container's name for a stack. */
function lockName(stackName) {
    return `hotdock-lock.${stackName}`;
}
function lock_statusOf(err) {
    return err?.statusCode;
}
const lock_sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** Picks an image present on the endpoint: a preferred one if there, else any local image. */
async function lockImage(docker, preferred, endpoint) {
    for (const image of preferred) {
        try {
            return (await docker.inspectImage(image)).Id;
        }
        catch {
            // not on this endpoint: try the next
        }
    }
    const all = await docker.listImages();
    if (all.length > 0)
        return all[0].Id;
    throw new Error(`endpoint '${endpoint}' has no image to hold the deploy lock with`);
}
/** The daemon's current time in ms (its clock judges expiry, not ours). */
async function daemonNow(docker) {
    const info = (await docker.info());
    const t = info.SystemTime ? Date.parse(info.SystemTime) : NaN;
    return Number.isNaN(t) ? Date.now() : t;
}
async function currentHolder(docker, stackName) {
    const locks = await docker.listContainers({ all: true, labels: [`${LABEL_LOCK}=${stackName}`] });
    const lock = locks.find((c) => c.Names.some((n) => n.replace(/^\//, '') === lockName(stackName)));
    if (!lock)
        return undefined;
    const token = lock.Labels[LABEL_LOCK_TOKEN] ?? '';
    const renewals = await docker.listContainers({
        all: true,
        labels: [`${LABEL_LOCK_RENEW}=${stackName}`, `${LABEL_LOCK_TOKEN}=${token}`],
    });
    const lastBeat = Math.max(lock.Created, ...renewals.map((r) => r.Created));
    return {
        id: lock.Id,
        run: lock.Labels[LABEL_LOCK_RUN] ?? 'unknown',
        token,
        since: lock.Labels[LABEL_LOCK_SINCE] ?? new Date(lock.Created * 1000).toISOString(),
        ttlSeconds: Number(lock.Labels[LABEL_LOCK_TTL] ?? 120) || 120,
        // Created has one-second resolution: count the whole second, never expire early.
        lastBeatMs: (lastBeat + 1) * 1000,
    };
}
async function lock_removeQuietly(docker, id) {
    try {
        await docker.removeContainer(id, { force: true });
    }
    catch (err) {
        if (lock_statusOf(err) !== 404 && lock_statusOf(err) !== 409)
            throw err;
    }
}
async function removeRenewals(docker, stackName, token, keep) {
    const list = await docker.listContainers({
        all: true,
        labels: [`${LABEL_LOCK_RENEW}=${stackName}`, `${LABEL_LOCK_TOKEN}=${token}`],
    });
    for (const c of list)
        if (c.Id !== keep)
            await lock_removeQuietly(docker, c.Id);
}
/**
 * Takes the stack's lock on one endpoint, waiting up to `timeoutSeconds` for another holder, and
 * taking over a lock whose holder stopped renewing it for `ttlSeconds`. Fails naming the holder.
 */
async function acquireLock(docker, opts) {
    const ttl = opts.ttlSeconds ?? 120;
    const refreshMs = (opts.refreshSeconds ?? Math.max(1, ttl / 4)) * 1000;
    const pollMs = opts.pollMs ?? 1000;
    const token = (0,external_node_crypto_.randomBytes)(8).toString('hex');
    const image = await lockImage(docker, opts.images ?? [], opts.endpoint);
    const started = Date.now();
    const deadline = started + opts.timeoutSeconds * 1000;
    const labelsFor = () => {
        const now = new Date();
        return {
            [LABEL_LOCK]: opts.stackName,
            [LABEL_LOCK_RUN]: opts.runId,
            [LABEL_LOCK_TOKEN]: token,
            [LABEL_LOCK_SINCE]: now.toISOString(),
            [LABEL_LOCK_TTL]: String(ttl),
            [LABEL_LOCK_EXPIRES]: new Date(now.getTime() + ttl * 1000).toISOString(),
        };
    };
    let announced = false;
    for (;;) {
        try {
            const created = await docker.createContainer({
                name: lockName(opts.stackName),
                Image: image,
                Cmd: ['hotdock-lock'],
                Labels: labelsFor(),
                NetworkDisabled: true,
            });
            return holdLock(docker, opts, created.id, token, image, refreshMs);
        }
        catch (err) {
            if (lock_statusOf(err) !== 409)
                throw new Error(`taking the lock of stack '${opts.stackName}' on endpoint '${opts.endpoint}' failed: ${err.message}`, { cause: err });
        }
        const holder = await currentHolder(docker, opts.stackName);
        if (!holder)
            continue; // released between our create and our look: try again at once
        if ((await daemonNow(docker)) > holder.lastBeatMs + holder.ttlSeconds * 1000) {
            opts.log?.warning(`stack '${opts.stackName}' on endpoint '${opts.endpoint}': taking over the lock of run ${holder.run} (no renewal for ${holder.ttlSeconds} s)`);
            // Removal by id: if another waiter took it over first, this removes nothing of theirs.
            await lock_removeQuietly(docker, holder.id);
            await removeRenewals(docker, opts.stackName, holder.token);
            continue;
        }
        if (Date.now() >= deadline) {
            const waited = Math.round((Date.now() - started) / 1000);
            throw new Error(`stack '${opts.stackName}' on endpoint '${opts.endpoint}' is locked by run ${holder.run} since ${holder.since}; waited ${waited} s`);
        }
        if (!announced) {
            announced = true;
            opts.log?.info(`stack '${opts.stackName}' on endpoint '${opts.endpoint}' is locked by run ${holder.run} since ${holder.since}; waiting`);
        }
        await lock_sleep(Math.min(pollMs, Math.max(0, deadline - Date.now()) + 10));
    }
}
function holdLock(docker, opts, id, token, image, refreshMs) {
    let seq = 0;
    let lastRenewal;
    let stopped = false;
    let renewing = Promise.resolve();
    const renew = async () => {
        try {
            const c = await docker.createContainer({
                name: `${lockName(opts.stackName)}.renew-${token}-${++seq}`,
                Image: image,
                Cmd: ['hotdock-lock'],
                Labels: { [LABEL_LOCK_RENEW]: opts.stackName, [LABEL_LOCK_TOKEN]: token, [LABEL_LOCK_RUN]: opts.runId },
                NetworkDisabled: true,
            });
            if (lastRenewal)
                await lock_removeQuietly(docker, lastRenewal);
            lastRenewal = c.id;
        }
        catch (err) {
            opts.log?.warning(`renewing the lock of stack '${opts.stackName}' on endpoint '${opts.endpoint}' failed: ${err.message}`);
        }
    };
    const timer = setInterval(() => {
        if (!stopped)
            renewing = renewing.then(renew);
    }, refreshMs);
    timer.unref();
    return {
        id,
        abandon() {
            stopped = true;
            clearInterval(timer);
        },
        async release() {
            stopped = true;
            clearInterval(timer);
            await renewing;
            await lock_removeQuietly(docker, id);
            await removeRenewals(docker, opts.stackName, token);
        },
    };
}

;// CONCATENATED MODULE: ./src/engine/observe.ts

/** What the list shows in place of a reference whose tag no longer points at the container's image. */
const IMAGE_ID = /^(sha256:)?[0-9a-f]{12,64}$/;
/** The reference the container was created from (Config.Image); the id itself if it is gone. */
async function imageReference(docker, id, fallback) {
    try {
        return (await docker.inspectContainer(id)).Config.Image || fallback;
    }
    catch {
        // Removed between list and inspect: the plan still sees it by its list entry.
        return fallback;
    }
}
/**
 * The containers of `stackName` on an endpoint, sorted by resource then name. Containers that
 * carry the stack label but no resource label are reported with resource '' so a plan can
 * ignore them rather than guess.
 */
async function observeEndpoint(docker, endpointName, stackName) {
    const list = await docker.listContainers({ all: true, labels: [`${LABEL_STACK}=${stackName}`] });
    const observed = await Promise.all(list
        // The daemon filtered already; checking again costs nothing and keeps the promise if a proxy does not.
        .filter((c) => c.Labels?.[LABEL_STACK] === stackName)
        .map(async (c) => {
        const labels = { ...(c.Labels ?? {}) };
        return {
            endpoint: endpointName,
            id: c.Id,
            name: (c.Names?.[0] ?? c.Id).replace(/^\//, ''),
            resource: labels[LABEL_RESOURCE] ?? '',
            configHash: labels[LABEL_CONFIG_HASH] ?? '',
            state: c.State,
            image: IMAGE_ID.test(c.Image) ? await imageReference(docker, c.Id, c.Image) : c.Image,
            imageId: c.ImageID,
            labels,
        };
    }));
    return observed.sort((a, b) => a.resource.localeCompare(b.resource) || a.name.localeCompare(b.name));
}

;// CONCATENATED MODULE: ./src/deploy/plan.ts
/**
 * The plan: desired containers against observed ones, as steps with causes. Pure. Each resource
 * is judged on its own spec: a dependency being created or replaced does not cascade, because a
 * dependent whose resolved body is unchanged needs nothing (and one whose body did change, say
 * through a get_attr of the new container, shows it in its own hash).
 */


/** States in which a container needs nothing to be "up". */
const UP_STATES = ['running', 'restarting'];
/** The observed container a desired one is matched to: its name first, then a running one. */
function pickPrimary(d, here) {
    return here.find((o) => o.name === d.name) ?? here.find((o) => UP_STATES.includes(o.state)) ?? here[0];
}
/** Why an existing container must be replaced; empty when it matches. */
function replaceReasons(d, o) {
    const reasons = [];
    if (o.configHash !== d.configHash) {
        const fields = changedFields(d.body, o.labels[LABEL_CONFIG_FIELDS]);
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
function step(action, resource, endpoint, reasons, extra = {}) {
    return { resource, endpoint, action, reasons, dependsOn: [], ...extra };
}
/**
 * Steps for every desired resource (template order) and, after them, removals. A resource found
 * on another endpoint than its desired one is created here and removed there (the removal listed
 * after the creation, so it is only done once the new one stands). Extra containers of the same
 * resource on its endpoint (left by an interrupted run) are removed. Containers of resources that
 * left the template are removed only with `prune`, and never when their deletion policy is Retain.
 */
function planStack(desired, observed, options) {
    const steps = [];
    const removals = [];
    const byResource = new Map();
    for (const o of observed) {
        if (o.resource === '')
            continue;
        byResource.set(o.resource, [...(byResource.get(o.resource) ?? []), o]);
    }
    for (const d of desired) {
        const endpoint = d.endpoint.name;
        const mine = byResource.get(d.resource) ?? [];
        const here = mine.filter((o) => o.endpoint === endpoint);
        const elsewhere = mine.filter((o) => o.endpoint !== endpoint);
        const base = { desired: d, dependsOn: [...d.dependsOn] };
        for (const o of elsewhere) {
            removals.push(step('remove', d.resource, o.endpoint, [`moved to ${endpoint}`], { observed: o }));
        }
        if (here.length === 0) {
            const from = [...new Set(elsewhere.map((o) => o.endpoint))];
            steps.push(step('create', d.resource, endpoint, from.length > 0 ? [`moved from ${from.join(', ')}`] : ['new'], base));
            continue;
        }
        const primary = pickPrimary(d, here);
        for (const o of here) {
            if (o !== primary)
                removals.push(step('remove', d.resource, endpoint, [`duplicate container ${o.name}`], { observed: o }));
        }
        const reasons = replaceReasons(d, primary);
        const started = startReason(primary);
        const withObserved = { ...base, observed: primary };
        if (reasons.length > 0)
            steps.push(step('replace', d.resource, endpoint, reasons, withObserved));
        else if (started)
            steps.push(step('start', d.resource, endpoint, [started], withObserved));
        else
            steps.push(step('unchanged', d.resource, endpoint, [], withObserved));
    }
    const wanted = new Set(desired.map((d) => d.resource));
    const gone = observed
        .filter((o) => o.resource !== '' && !wanted.has(o.resource))
        .sort((a, b) => a.resource.localeCompare(b.resource) || a.endpoint.localeCompare(b.endpoint) || a.name.localeCompare(b.name));
    if (options.prune) {
        for (const o of gone) {
            if (o.labels[LABEL_DELETION_POLICY] === 'Retain')
                continue;
            removals.push(step('remove', o.resource, o.endpoint, ['left the template'], { observed: o }));
        }
    }
    return [...steps, ...removals];
}
/** The `plan` output: one entry per step, without the containers' details. */
function planToOutput(steps) {
    return steps.map((s) => ({ resource: s.resource, endpoint: s.endpoint, action: s.action, reasons: [...s.reasons] }));
}
/** True when carrying out the plan would change anything on an endpoint. */
function planChanges(steps) {
    return steps.some((s) => s.action !== 'unchanged');
}

// EXTERNAL MODULE: ./src/deploy/plan-text.ts
var plan_text = __webpack_require__(1450);
;// CONCATENATED MODULE: ./src/engine/run.ts













/** Runs settings.mode (`plan`, `deploy` or `destroy`) for a resolved stack. Never throws. */
async function runStack(settings, stack, log, options = {}) {
    const report = { result: 'success', changed: false, resources: {}, outputs: {}, plan: [], warnings: [], rolledBack: [] };
    const connections = new Map();
    const locks = [];
    const secrets = secretsOf(settings, stack);
    try {
        await runInner(settings, stack, log, options, report, connections, locks);
    }
    catch (err) {
        report.result = 'failure';
        report.error = (0,registry_auth/* scrubSecrets */.Zg)(err instanceof Error ? err.message : String(err), secrets);
    }
    finally {
        for (const l of locks.reverse())
            await l.release().catch((e) => log.warning(`releasing a lock failed: ${(0,registry_auth/* scrubSecrets */.Zg)(e.message, secrets)}`));
        for (const c of connections.values())
            await c.close().catch(() => undefined);
    }
    if (report.error)
        report.result = 'failure';
    return report;
}
function secretsOf(settings, stack) {
    const hidden = stack.hiddenParameters.map((p) => stack.parameters[p]).filter((v) => typeof v === 'string');
    return [...(0,registry_auth/* registryAuthSecrets */.hQ)(settings.registryAuth), ...hidden];
}
async function runInner(settings, stack, log, options, report, connections, locks) {
    const mode = settings.mode;
    if (mode !== 'plan' && mode !== 'deploy' && mode !== 'destroy')
        throw new Error(`mode '${mode}' does not talk to Docker`);
    const strategy = settings.placement ?? 'spread';
    const refs = stack.resources.map((r) => ({ name: r.name, endpointRef: endpointRefOf(r) }));
    // Endpoints in play: every placed one, plus the whole default pool (prune finds leftovers there).
    const first = (0,endpoints/* placeResources */.fb)(refs, settings, { strategy });
    if ('error' in first)
        throw new Error(first.error);
    const targets = new Map();
    for (const t of first.values())
        targets.set(t.name, t);
    for (const t of (0,endpoints/* defaultPool */.qQ)(settings))
        targets.set(t.name, t);
    for (const t of targets.values()) {
        const w = (0,endpoints/* plainTcpWarning */.GR)(t);
        if (w) {
            report.warnings.push(w);
            log.warning(w);
        }
    }
    // One endpoint per engine (by its /info identity): two names of one engine share one lock.
    // Room beyond max-parallel for lock renewals and report reads.
    const joined = await connectEndpoints([...targets.values()], { timeoutMs: options.connectTimeoutMs, maxConnections: settings.maxParallel + 2 });
    for (const [n, c] of joined.connections)
        connections.set(n, c);
    for (const note of joined.notes)
        log.info(note);
    const names = [...joined.connections.keys()];
    const engines = new Map([...connections].map(([n, c]) => [n, c.docker]));
    const images = stack.resources.map((r) => r.properties.image).filter((i) => typeof i === 'string');
    if (mode !== 'plan') {
        // Fixed order: two runs locking several endpoints cannot deadlock each other.
        for (const name of names)
            locks.push(await lockEndpoint(engines.get(name), name, settings, images, log, options));
    }
    const observed = [];
    for (const name of names)
        observed.push(...(await observeEndpoint(engines.get(name), name, settings.stackName)));
    if (mode === 'destroy') {
        const steps = destroySteps(stack, observed);
        report.plan = planToOutput(steps);
        const exec = await executePlan(steps, { ...execBase(settings, engines, log, options), rollback: false });
        report.changed = exec.changed;
        report.error = exec.error;
        for (const s of steps)
            report.resources[s.resource] = await resourceReport(engines, s, exec.outcomes.get(s.resource));
        return;
    }
    const current = {};
    for (const o of observed)
        current[o.resource] ??= o.endpoint;
    const placed = (0,endpoints/* placeResources */.fb)(refs, settings, { strategy, current, aliases: joined.aliases });
    if ('error' in placed)
        throw new Error(placed.error);
    for (const t of placed.values()) {
        if (!engines.has(t.name))
            throw new Error(`endpoint '${t.name}' was not connected`);
    }
    // Runtime references: against the containers that exist now; pending ones get a placeholder.
    const byResource = new Map(observed.map((o) => [o.resource, o]));
    const planSources = await sourcesFor(stack.resources.flatMap((r) => runtimeRefs(r.properties)), engines, byResource, new Map());
    const planRuntime = (0,attributes/* runtimeFor */.C9)(planSources, (name, attr) => (attr ? `<${name}.${attr}>` : `<${name}>`));
    // Each image once per endpoint, all endpoints at once (pulls are the slow part of a first deploy).
    const imageIds = new Map();
    const wanted = new Map();
    for (const r of stack.resources) {
        const ep = placed.get(r.name).name;
        const image = imageOf(r, planRuntime);
        if (!wanted.has(imageKey(ep, image)))
            wanted.set(imageKey(ep, image), { ep, image, resource: r.name });
    }
    const pulled = await Promise.allSettled([...wanted].map(async ([key, { ep, image, resource }]) => {
        const docker = engines.get(ep);
        const id = mode === 'plan'
            ? await localImageId(docker, image)
            : (await ensureImage(docker, image, settings.pull, settings.registryAuth, log, { endpoint: ep, resource })).imageId;
        if (id)
            imageIds.set(key, id);
    }));
    const imageErrors = pulled.flatMap((p) => (p.status === 'rejected' ? [p.reason.message] : []));
    if (imageErrors.length)
        throw new Error(imageErrors.join('\n'));
    const ctx = { stackName: settings.stackName, placement: placed, imageIds, revision: settings.revision, template: settings.template };
    const pending = new Set(stack.resources.filter((r) => !byResource.has(r.name)).map((r) => r.name));
    const desired = stack.resources.map((r) => buildPlannedDesired(r, { ...ctx, runtime: planRuntime }, pending));
    addContainerReferences(desired);
    const steps = planStack(desired, observed, { prune: settings.prune });
    report.plan = planToOutput(steps);
    log.info((0,plan_text/* formatPlan */.n)(steps));
    let outcomes = new Map();
    if (mode === 'plan') {
        report.changed = steps.some((s) => s.action !== 'unchanged');
    }
    else {
        const resources = new Map(stack.resources.map((r) => [r.name, r]));
        const exec = await executePlan(steps, {
            ...execBase(settings, engines, log, options),
            finalize: async (step, done) => {
                const res = resources.get(step.resource);
                const refsOf = res ? runtimeRefs(res.properties) : [];
                if (!res || refsOf.length === 0)
                    return step;
                // The referenced containers as they are now: a dependency replaced in this run has a new id
                // and maybe a new address, which only the planner may turn into a replace of this one.
                const sources = await sourcesFor(refsOf, engines, byResource, done);
                const d = buildDesired(res, { ...ctx, runtime: (0,attributes/* runtimeFor */.C9)(sources) });
                if (d.configHash === step.desired?.configHash)
                    return { ...step, desired: d };
                const again = planStack([d], step.observed ? [step.observed] : [], { prune: false }).find((s) => s.action !== 'remove');
                return again ? { ...again, dependsOn: step.dependsOn } : step;
            },
        });
        steps.splice(0, steps.length, ...exec.steps);
        report.plan = planToOutput(steps);
        outcomes = exec.outcomes;
        report.changed = exec.changed;
        report.rolledBack = exec.rolledBack;
        report.error = exec.error;
    }
    for (const s of steps) {
        // A moved resource has a create here and a remove there: the report shows where it runs.
        if (s.action === 'remove' && report.resources[s.resource])
            continue;
        report.resources[s.resource] = await resourceReport(engines, s, outcomes.get(s.resource), mode === 'plan');
    }
    if (report.error)
        return;
    // Outputs against the real containers (plan: the ones that exist now).
    const finalIds = new Map();
    for (const [name, r] of Object.entries(report.resources)) {
        if (r.container_id && r.state !== 'removed')
            finalIds.set(name, { ...byResource.get(name), id: r.container_id, endpoint: r.endpoint });
    }
    const outRefs = Object.values(stack.outputs).flatMap((o) => runtimeRefs(o.value));
    const outSources = await sourcesFor(outRefs, engines, finalIds, new Map());
    const outRuntime = (0,attributes/* runtimeFor */.C9)(outSources, () => null);
    for (const [name, out] of Object.entries(stack.outputs)) {
        try {
            report.outputs[name] = (0,resolve/* evaluateRuntime */.O1)(out.value, outRuntime);
        }
        catch (err) {
            report.outputs[name] = null;
            const w = `output '${name}': ${err.message}`;
            report.warnings.push(w);
            log.warning(w);
        }
    }
}
function execBase(settings, engines, log, options) {
    return {
        stackName: settings.stackName,
        engines,
        waitTimeout: settings.waitTimeout,
        maxParallel: settings.maxParallel,
        rollback: settings.rollback,
        pull: settings.pull,
        registryAuth: settings.registryAuth,
        log,
        stopTimeoutSeconds: options.stopTimeoutSeconds,
        stableMs: options.stableMs,
    };
}
async function lockEndpoint(docker, endpoint, settings, images, log, options) {
    const opts = {
        stackName: settings.stackName,
        endpoint,
        runId: settings.runId,
        timeoutSeconds: settings.lockTimeout,
        ttlSeconds: options.lockTtlSeconds,
        images,
        log,
    };
    try {
        return await acquireLock(docker, opts);
    }
    catch (err) {
        // A brand-new engine has no image to make the lock container from: bring the first one.
        if (!/has no image to hold/.test(err.message) || images.length === 0 || settings.mode !== 'deploy')
            throw err;
        await ensureImage(docker, images[0], settings.pull, settings.registryAuth, log, { endpoint });
        return acquireLock(docker, opts);
    }
}
/** Remove steps for destroy: a resource goes after every resource that depends on it. */
function destroySteps(stack, observed) {
    const policy = new Map(stack.resources.map((r) => [r.name, r.deletionPolicy]));
    const dependents = (name) => stack.resources.filter((r) => r.dependsOn.includes(name)).map((r) => r.name);
    return observed.map((o) => ({
        resource: o.resource,
        endpoint: o.endpoint,
        action: 'remove',
        reasons: [(policy.get(o.resource) ?? o.labels[LABEL_DELETION_POLICY]) === 'Retain' ? 'destroy (deletion_policy Retain: kept)' : 'destroy'],
        observed: { ...o, labels: { ...o.labels, [LABEL_DELETION_POLICY]: policy.get(o.resource) ?? o.labels[LABEL_DELETION_POLICY] ?? 'Delete' } },
        dependsOn: dependents(o.resource),
    }));
}
/** Runtime reference sources: a container this run made wins over the one observed before it. */
function sourcesFor(refs, engines, known, outcomes) {
    return (0,attributes/* loadSources */.Dl)(refs, (name) => {
        const out = outcomes.get(name);
        const id = out ? out.containerId : known.get(name)?.id;
        const docker = engines.get(out?.endpoint ?? known.get(name)?.endpoint ?? '');
        return id && docker ? { docker, id } : undefined;
    });
}
/** The `resources` output entry of one step, from the container as it is now. */
async function resourceReport(engines, step, outcome, planOnly = false) {
    const id = outcome ? outcome.containerId : step.observed?.id;
    const base = {
        endpoint: step.endpoint,
        container_id: id ?? '',
        container_name: step.desired?.name ?? step.observed?.name ?? '',
        image: step.desired?.image ?? step.observed?.image ?? '',
        image_id: step.desired?.imageId ?? step.observed?.imageId ?? '',
        action: step.action,
        state: planOnly ? (step.observed?.state ?? 'absent') : outcome ? 'removed' : (step.observed?.state ?? 'absent'),
        ports: [],
        ...(outcome ? { seconds: outcome.seconds } : {}),
    };
    if (!id)
        return base;
    try {
        const info = await engines.get(step.endpoint).inspectContainer(id);
        return {
            ...base,
            container_name: info.Name.replace(/^\//, ''),
            image: info.Config.Image,
            image_id: info.Image,
            state: info.State.Status,
            ports: (0,attributes/* formatPorts */._3)(info.NetworkSettings?.Ports),
        };
    }
    catch {
        return { ...base, state: 'removed' };
    }
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
