import { fileURLToPath as __hotdockFileURLToPath } from 'node:url';
import { dirname as __hotdockDirname } from 'node:path';
const __filename = __hotdockFileURLToPath(import.meta.url);
const __dirname = __hotdockDirname(__filename);
export const id = 541;
export const ids = [541];
export const modules = {

/***/ 4541:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runStack: () => (/* binding */ runStack)
});

// EXTERNAL MODULE: ./src/engine/docker-api.ts
var docker_api = __webpack_require__(9985);
// EXTERNAL MODULE: ./src/engine/client.ts + 3 modules
var client = __webpack_require__(7333);
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
        info = await (0,client/* within */.ux)(docker.info(), ms);
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
        const list = await (0,client/* within */.ux)(docker.listContainers({ all: true }), ms);
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
    const { connect: connectOne = client.connect, ...connectOptions } = options;
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
var spec_endpoints = __webpack_require__(7969);
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

// EXTERNAL MODULE: ./src/engine/attributes.ts
var attributes = __webpack_require__(8837);
// EXTERNAL MODULE: ./src/spec/create-options.ts
var create_options = __webpack_require__(492);
// EXTERNAL MODULE: ./src/template/resolve.ts + 13 modules
var resolve = __webpack_require__(7175);
// EXTERNAL MODULE: ./src/deploy/hash.ts
var deploy_hash = __webpack_require__(3687);
// EXTERNAL MODULE: ./src/spec/labels.ts
var spec_labels = __webpack_require__(6364);
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
/** The other resources' containers a resource reads at deploy time, each reference once. */
function readsOf(resource) {
    const seen = new Set();
    return runtimeRefs(resource.properties).filter((r) => {
        const key = `${r.resource}\u0000${r.attr ?? ''}`;
        if (r.resource === resource.name || seen.has(key))
            return false;
        seen.add(key);
        return true;
    });
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
            labels: { [spec_labels/* LABEL_STACK */.oM]: ctx.stackName, [spec_labels/* LABEL_RESOURCE */.G$]: resource.name },
        });
    }
    catch (err) {
        throw new Error(`resource '${resource.name}': ${err.message}`, { cause: err });
    }
    const hash = (0,deploy_hash/* configHash */.r_)(body);
    const labels = { ...(body.Labels ?? {}) };
    labels[spec_labels/* LABEL_CONFIG_HASH */.$H] = hash;
    // Per-field digests: lets the next plan say which property changed.
    labels[spec_labels/* LABEL_CONFIG_FIELDS */.Si] = (0,deploy_hash/* configFieldsLabel */.W6)(body);
    labels[spec_labels/* LABEL_DELETION_POLICY */.Vz] = resource.deletionPolicy;
    if (ctx.revision)
        labels[spec_labels/* LABEL_REVISION */.JN] = ctx.revision;
    if (ctx.template)
        labels[spec_labels/* LABEL_TEMPLATE */.qm] = ctx.template;
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
        reads: readsOf(resource),
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
        // Reads of the whole resource, deferred properties included: they are what a bind completes.
        return { ...buildDesired({ ...resource, properties: known }, ctx), reads: readsOf(resource) };
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

// EXTERNAL MODULE: ./src/engine/safe-replace.ts
var safe_replace = __webpack_require__(9984);
;// CONCATENATED MODULE: ./src/engine/journal.ts

/** An append-mostly list of entries that tells its listener every change. */
class Journal {
    listener;
    list = [];
    constructor(listener) {
        this.listener = listener;
    }
    /** The entries, oldest first. */
    get entries() {
        return this.list;
    }
    /** Appends an entry and returns it. */
    add(entry) {
        this.list = [...this.list, entry];
        this.publish();
        return entry;
    }
    /** Replaces `old` by `next` (e.g. an aside entry learning its replacement's id). */
    update(old, next) {
        this.list = this.list.map((e) => (e === old ? next : e));
        this.publish();
        return next;
    }
    /** Drops an entry (its change was undone or made permanent on the spot). */
    drop(entry) {
        this.list = this.list.filter((e) => e !== entry);
        this.publish();
    }
    /** The run settled (committed or rolled back): nothing is left to undo. */
    settle() {
        this.list = [];
        this.publish();
    }
    publish() {
        try {
            this.listener?.(this.list);
        }
        catch {
            // A listener (state saving) must never break a deploy.
        }
    }
}
/** Undoes one entry. A `started` entry is skipped (resolves false) when fenced. */
async function undoEntry(docker, entry, opts) {
    switch (entry.kind) {
        case 'created':
            await (0,safe_replace/* removeQuietly */.S2)(docker, entry.id);
            return true;
        case 'aside':
            await (0,safe_replace/* restoreAside */.NF)(docker, entry.aside, entry.replacementId);
            return true;
        case 'started':
            if (opts.fenced)
                return false;
            await (0,safe_replace/* stopQuietly */.iW)(docker, entry.id, opts.stopTimeoutSeconds);
            return true;
    }
}
/** Undoes the journal newest first; an entry that cannot be undone stays in it and is reported. */
async function rollBack(journal, engine, log, opts) {
    const result = { resources: [], problems: [] };
    for (const e of [...journal.entries].reverse()) {
        try {
            if (await undoEntry(engine(e.endpoint), e, opts)) {
                if (!result.resources.includes(e.resource))
                    result.resources.push(e.resource);
                log.progress(e.resource, 'rolled back');
            }
            journal.drop(e);
        }
        catch (err) {
            result.problems.push(`rolling back '${e.resource}' on endpoint '${e.endpoint}' failed: ${err.message}`);
        }
    }
    return result;
}
/**
 * The run succeeded: the old containers kept aside are no longer needed. `guard` runs before each
 * removal; when it throws (the lock is lost) the rest stay aside for the next run to discard once
 * it proved their replacements, and the error says so.
 */
async function commit(journal, engine, guard) {
    for (const e of journal.entries) {
        if (e.kind !== 'aside')
            continue;
        try {
            guard();
        }
        catch (err) {
            return `the deploy succeeded, but old containers were left aside: ${err.message}`;
        }
        await (0,safe_replace/* removeQuietly */.S2)(engine(e.endpoint), e.aside.id).catch(() => undefined);
    }
    return undefined;
}

;// CONCATENATED MODULE: ./src/engine/operation-parts.ts

/** The aside record a restore-aside node stands for: back under its name, running, with its policy. */
function asideRecordOf(n, o) {
    if (!o.asideOf)
        throw new Error(`plan node #${n.id} restore-aside '${n.resource}': the aside container '${o.name}' has no original name`);
    const policy = n.desired?.body.HostConfig?.RestartPolicy;
    return { id: o.id, endpoint: n.endpoint, resource: n.resource, originalName: o.asideOf, asideName: o.name, wasRunning: true, ...(policy ? { restartPolicy: policy } : {}) };
}
/** The desired container of a node. */
function mustDesired(n) {
    if (!n.desired)
        throw new Error(`plan node #${n.id} ${n.type} '${n.resource}' has no desired container`);
    return n.desired;
}
/** The observed container of a node, refusing one without this stack's label. */
function mustObserved(n, stackName) {
    const o = n.observed;
    if (!o)
        throw new Error(`plan node #${n.id} ${n.type} '${n.resource}' has no observed container`);
    if (o.labels[spec_labels/* LABEL_STACK */.oM] !== stackName) {
        throw new Error(`container '${o.name}' on endpoint '${o.endpoint}' does not carry the label ${spec_labels/* LABEL_STACK */.oM}=${stackName}; hotdock leaves it alone`);
    }
    return o;
}
/** The error of an operation that did not start, or a wait that ended, because the run was cancelled. */
const CANCELLED = 'the run was cancelled';
/** Starts a container; one already running (304) is fine. */
async function startOrAlready(docker, id) {
    try {
        await docker.startContainer(id);
    }
    catch (err) {
        if (err.statusCode !== 304)
            throw err;
    }
}
/** Rejects as soon as `signal` aborts (the wait itself may poll on until its own end: it only reads). */
function abortable(p, signal) {
    if (!signal)
        return p;
    if (signal.aborted)
        return Promise.reject(new Error(CANCELLED));
    return new Promise((resolve, reject) => {
        const onAbort = () => reject(new Error(CANCELLED));
        signal.addEventListener('abort', onAbort, { once: true });
        p.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
    });
}
/**
 * Start options with `onCreated`: safe-replace calls it with the new container's id right after its
 * create (not on adoption), so the journal knows the container before it proved itself.
 */
function withCreated(opts, onCreated) {
    return { ...opts, onCreated };
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
                    if (stopped || opts.signal?.aborted)
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
        // An abort while nothing finishes (all waiting on a slot) must still end the walk.
        opts.signal?.addEventListener('abort', () => pump(), { once: true });
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

// EXTERNAL MODULE: ./src/engine/wait.ts
var wait = __webpack_require__(641);
// EXTERNAL MODULE: ./src/deploy/plan.ts + 2 modules
var deploy_plan = __webpack_require__(6822);
;// CONCATENATED MODULE: ./src/engine/execute.ts








/** Outcome precedence: a resource's own node wins over a removal, a removal over a repair. */
const RANK = { create: 3, replace: 3, start: 3, unchanged: 3, remove: 2, retain: 2 };
/** Walks the plan. Never throws: the result carries the error. */
async function executePlan(plan, ctx) {
    const journal = new Journal(ctx.onJournal);
    const outcomes = new Map();
    const rolledBack = new Set();
    /** Where each resource's container is now (bind reads it). */
    const located = new Map();
    const bound = new Map();
    let changedForGood = false;
    let fenced = false;
    for (const n of plan)
        if (n.observed && RANK[n.type] === 3)
            located.set(n.resource, { endpoint: n.endpoint, id: n.observed.id });
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
    /** The lock's fence; once it threw, the run is fenced for good (rollback then narrows). */
    const fence = () => {
        try {
            ctx.fence?.();
        }
        catch (err) {
            fenced = true;
            throw err;
        }
    };
    // Forward operations go through the fence call by call (inside the primitives too); undo goes
    // straight to the engine: it only touches what this run made or put aside.
    const forward = new Map();
    const fencedEngine = (name) => {
        let f = forward.get(name);
        if (!f)
            forward.set(name, (f = (0,docker_api/* fencedApi */.g4)(engine(name), fence)));
        return f;
    };
    /** Before every operation's first mutating call: not cancelled, still holding the lock. */
    const guard = () => {
        if (ctx.signal?.aborted)
            throw new Error(CANCELLED);
        fence();
    };
    const startOpts = (endpoint) => ({
        stackName: ctx.stackName,
        waitTimeout: ctx.waitTimeout,
        stopTimeoutSeconds: ctx.stopTimeoutSeconds,
        stableSeconds: ctx.stableSeconds,
        runId: ctx.runId,
        signal: ctx.signal,
        log: ctx.log,
        gate: gateOf(endpoint),
    });
    const waitOpts = (n) => ({
        resource: n.resource,
        endpoint: n.endpoint,
        timeoutSeconds: ctx.waitTimeout,
        stableSeconds: ctx.stableSeconds,
        signal: ctx.signal,
    });
    const runNode = async (n) => {
        if (ctx.signal?.aborted)
            throw new Error(CANCELLED);
        const started = Date.now();
        const docker = fencedEngine(n.endpoint);
        const opts = startOpts(n.endpoint);
        const gate = opts.gate;
        const done = (containerId, extra = {}) => {
            const rank = RANK[n.type] ?? 1;
            const prev = outcomes.get(n.resource);
            if (containerId && rank === 3)
                located.set(n.resource, { endpoint: n.endpoint, id: containerId });
            if (prev && prev.rank > rank)
                return;
            const seconds = Math.round((Date.now() - started) / 100) / 10;
            outcomes.set(n.resource, { resource: n.resource, endpoint: n.endpoint, action: (0,deploy_plan/* actionOf */.qj)(n.type) ?? 'unchanged', containerId, seconds, rank, ...extra });
        };
        const why = n.reasons.length ? ` (${n.reasons.join(', ')})` : '';
        switch (n.type) {
            case 'unchanged':
                done(n.observed?.id);
                return;
            case 'retain': {
                const o = mustObserved(n, ctx.stackName);
                ctx.log.progress(n.resource, `kept '${o.name}' (deletion_policy Retain)`);
                done(o.id, { retained: true });
                return;
            }
            case 'bind': {
                const reads = n.reads ?? [];
                if (!ctx.bind)
                    throw new Error(`resource '${n.resource}': the plan binds values late, but the executor was given no binder`);
                const sources = await (0,attributes/* loadSources */.Dl)(reads, (name) => {
                    const at = located.get(name);
                    const d = at && ctx.engines.get(at.endpoint);
                    return at && d ? { docker: d, id: at.id } : undefined;
                });
                bound.set(n.resource, ctx.bind(n, sources));
                return;
            }
            case 'create': {
                const desired = bound.get(n.resource) ?? mustDesired(n);
                guard();
                // Journaled as soon as it exists (onCreated), not only once proven: a killed run's post step must see it.
                let entry;
                const onCreated = (id) => {
                    entry ??= journal.add({ kind: 'created', resource: n.resource, endpoint: n.endpoint, id });
                };
                const made = await (0,safe_replace/* createAndStart */.Mo)(docker, desired, withCreated(opts, onCreated));
                if (!made.adopted)
                    onCreated(made.id);
                done(made.id);
                ctx.log.progress(n.resource, `created, running (${made.id.slice(0, 12)})`);
                return;
            }
            case 'replace': {
                const observed = mustObserved(n, ctx.stackName);
                const desired = bound.get(n.resource) ?? mustDesired(n);
                ctx.log.progress(n.resource, `replacing '${observed.name}'${why}`);
                guard();
                const aside = await gate(() => (0,safe_replace/* putAside */.Ew)(docker, observed, opts));
                let entry = journal.add({ kind: 'aside', resource: n.resource, endpoint: n.endpoint, aside });
                const onCreated = (replacementId) => {
                    entry = journal.update(entry, { kind: 'aside', resource: n.resource, endpoint: n.endpoint, aside, replacementId });
                };
                let id;
                try {
                    guard();
                    id = (await (0,safe_replace/* createAndStart */.Mo)(docker, desired, withCreated(opts, onCreated))).id;
                }
                catch (err) {
                    // The new one failed: the old one serves again at once, whatever the rest of the run does.
                    ctx.log.progress(n.resource, `new container failed: restoring '${aside.originalName}'`);
                    try {
                        await gate(() => (0,safe_replace/* restoreAside */.NF)(engine(n.endpoint), aside));
                        journal.drop(entry);
                        rolledBack.add(n.resource);
                    }
                    catch (restoreErr) {
                        throw new Error(`${err.message}\nrestoring the old container '${aside.originalName}' (now '${aside.asideName}') also failed: ${restoreErr.message}`, { cause: restoreErr });
                    }
                    throw err;
                }
                onCreated(id);
                if (!ctx.rollback) {
                    // No rollback: the old one is not kept for it.
                    guard();
                    await gate(() => (0,safe_replace/* removeQuietly */.S2)(docker, aside.id));
                    // Nothing left to bring back: the change is for good (a cancel must not remove the new one).
                    journal.drop(entry);
                    changedForGood = true;
                }
                done(id);
                ctx.log.progress(n.resource, `replaced, running (${id.slice(0, 12)})`);
                return;
            }
            case 'start': {
                const observed = mustObserved(n, ctx.stackName);
                ctx.log.progress(n.resource, `starting '${observed.name}'${why}`);
                guard();
                const policy = n.desired?.body.HostConfig?.RestartPolicy;
                if (await gate(() => (0,safe_replace/* restorePolicy */.fA)(docker, observed.id, policy)))
                    ctx.log.progress(n.resource, `restart policy '${policy?.Name || 'no'}' restored`);
                await gate(() => startOrAlready(docker, observed.id));
                journal.add({ kind: 'started', resource: n.resource, endpoint: n.endpoint, id: observed.id });
                await abortable((0,wait/* waitUntilRunning */.RF)(docker, observed.id, waitOpts(n)), ctx.signal);
                done(observed.id);
                ctx.log.progress(n.resource, 'started, running');
                return;
            }
            case 'remove': {
                const observed = mustObserved(n, ctx.stackName);
                ctx.log.progress(n.resource, `removing '${observed.name}'${why}`);
                guard();
                if (n.keepAside) {
                    // Kept aside (stopped, renamed) until the run succeeds: a rollback can bring it back.
                    const aside = await gate(() => (0,safe_replace/* putAside */.Ew)(docker, observed, opts));
                    journal.add({ kind: 'aside', resource: n.resource, endpoint: n.endpoint, aside });
                }
                else {
                    await gate(async () => {
                        await (0,safe_replace/* stopQuietly */.iW)(docker, observed.id, ctx.stopTimeoutSeconds);
                        guard();
                        await (0,safe_replace/* removeQuietly */.S2)(docker, observed.id);
                    });
                    changedForGood = true;
                }
                done(undefined);
                ctx.log.progress(n.resource, 'removed');
                return;
            }
            case 'prove': {
                const observed = mustObserved(n, ctx.stackName);
                ctx.log.progress(n.resource, `proving '${observed.name}'${why}`);
                await abortable((0,wait/* waitUntilRunning */.RF)(docker, observed.id, waitOpts(n)), ctx.signal);
                done(observed.id);
                return;
            }
            case 'discard-aside': {
                const observed = mustObserved(n, ctx.stackName);
                ctx.log.progress(n.resource, `discarding '${observed.name}'${why}`);
                guard();
                await gate(() => (0,safe_replace/* removeQuietly */.S2)(docker, observed.id));
                changedForGood = true;
                done(undefined);
                return;
            }
            case 'restore-aside': {
                const observed = mustObserved(n, ctx.stackName);
                ctx.log.progress(n.resource, `restoring '${observed.name}'${why}`);
                guard();
                await gate(() => (0,safe_replace/* restoreAside */.NF)(docker, asideRecordOf(n, observed)));
                changedForGood = true;
                done(observed.id);
                located.set(n.resource, { endpoint: n.endpoint, id: observed.id });
                return;
            }
        }
    };
    const nodes = plan.map((node) => ({
        id: String(node.id),
        key: String(node.id),
        dependsOn: node.dependsOn.map(String),
        lane: node.endpoint,
        node,
    }));
    // Operations in flight may exceed max-parallel (most of them waiting); bounded all the same, so the
    // polling of many waiting containers cannot swamp an endpoint.
    const walk = await walkDag(nodes, (w) => runNode(w.node), { limitPerLane: ctx.maxParallel * 4, stopOnError: true, signal: ctx.signal });
    const cancelled = ctx.signal?.aborted ?? false;
    const result = (error, changed, settled = true) => {
        // Entries a rollback could not undo stay published: a post step may yet undo them.
        if (settled)
            journal.settle();
        const plain = new Map([...outcomes].map(([k, { rank: _rank, ...o }]) => (void _rank, [k, o])));
        return { outcomes: plain, error, rolledBack: [...rolledBack], changed, cancelled, done: walk.done.map(Number) };
    };
    if (walk.failed.length === 0 && !cancelled)
        return result(await commit(journal, engine, guard), journal.entries.length > 0 || changedForGood);
    const errors = walk.failed.map((f) => (f.error instanceof Error ? f.error.message : String(f.error)));
    if (cancelled && !errors.includes(CANCELLED))
        errors.unshift(CANCELLED);
    const error = [...new Set(errors)].join('\n');
    if (!ctx.rollback && !cancelled)
        return result(error, journal.entries.length > 0 || changedForGood);
    if (journal.entries.length > 0)
        ctx.log.warning(`${cancelled ? 'cancelled' : 'deploy failed'}: rolling back ${journal.entries.length} change(s)`);
    const undone = await rollBack(journal, engine, ctx.log, { stopTimeoutSeconds: ctx.stopTimeoutSeconds, fenced });
    for (const r of undone.resources) {
        rolledBack.add(r);
        outcomes.delete(r);
    }
    const failed = undone.problems.length > 0;
    return result(failed ? `${error}\n${undone.problems.join('\n')}` : error, changedForGood || failed, !failed);
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./src/engine/errors.ts
var errors = __webpack_require__(7679);
;// CONCATENATED MODULE: ./src/engine/lock-lease.ts
/**
 * The holder's side of the deploy lock (lock.ts takes it): renewals and the lease that fences.
 *
 * The holder keeps a lease on its own monotonic clock. A renewal counts only when it was sent while
 * the lease still ran and came back (renewal created, lock container still ours) within the safety
 * margin; the lease then ends `ttl - margin` after the renewal was SENT. Any waiter judges expiry on
 * a renewal's creation time, which is never earlier than that send, so a lease the holder believes
 * in has not expired for anyone else. `assertHeld` throws once the lease ran out or the lock
 * container is gone or not ours, and from then on for good.
 */



/** The default TTL of a lock, seconds. */
const DEFAULT_LOCK_TTL_SECONDS = 20;
/** The lock container's name for a stack. */
function lockName(stackName) {
    return `hotdock-lock.${stackName}`;
}
/** Removes a lock or renewal container; gone already (404) or going (409) is fine. */
async function removeQuietly(docker, id) {
    try {
        await docker.removeContainer(id, { force: true });
    }
    catch (err) {
        if ((0,docker_api/* statusOf */.c2)(err) !== 404 && (0,docker_api/* statusOf */.c2)(err) !== 409)
            throw err;
    }
}
/** Removes the stack's renewal containers whose token `whose` accepts. */
async function removeRenewals(docker, stackName, whose) {
    const list = await docker.listContainers({ all: true, labels: [spec_labels/* LABEL_LOCK_RENEW */.rU + '=' + stackName] });
    for (const c of list)
        if (whose(c.Labels?.[spec_labels/* LABEL_LOCK_TOKEN */.bA] ?? ''))
            await removeQuietly(docker, c.Id);
}
/** Rejects after `ms` unless `work` settles first (the work itself goes on, bounded by the adapter). */
function within(work, ms, what) {
    let timer;
    const limit = new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what} timed out after ${(0,errors/* seconds */.YA)(ms)}`)), ms);
    });
    return Promise.race([work, limit]).finally(() => clearTimeout(timer));
}
/** Starts renewing a lock just taken; the handle fences, renews and releases it. */
function holdLock(docker, opts, held) {
    const { id, token, image, ttl, now } = held;
    const ttlMs = ttl * 1000;
    const marginMs = (opts.safetySeconds ?? ttl * 0.35) * 1000;
    const refreshMs = (opts.refreshSeconds ?? Math.max(0.25, ttl / 4)) * 1000;
    const renewalMs = Math.max(1, Math.min(refreshMs, marginMs));
    let lastConfirmed = held.sent;
    let leaseEnd = held.sent + ttlMs - marginMs;
    let lostReason;
    let seq = 0;
    let lastRenewal;
    let stopped = false;
    let renewing = Promise.resolve();
    const where = `the lock of stack '${opts.stackName}' on endpoint '${opts.endpoint}'`;
    const stop = () => {
        stopped = true;
        clearInterval(timer);
    };
    const lose = (reason) => {
        if (lostReason !== undefined)
            return;
        lostReason = reason;
        stop();
        opts.log?.warning(`${where} is lost: ${reason}`);
    };
    const expired = () => {
        if (lostReason === undefined && now() >= leaseEnd) {
            lose(`no renewal confirmed for ${(0,errors/* seconds */.YA)(now() - lastConfirmed)}; another run may take it over ${ttl} s after the last one`);
        }
        return lostReason !== undefined;
    };
    const renew = async () => {
        if (stopped || expired())
            return;
        const sent = now();
        let current;
        let looking = false;
        try {
            current = await within((async () => {
                const c = await docker.createContainer({
                    name: `${lockName(opts.stackName)}.renew-${token}-${++seq}`,
                    Image: image,
                    Cmd: ['hotdock-lock'],
                    Labels: { [spec_labels/* LABEL_LOCK_RENEW */.rU]: opts.stackName, [spec_labels/* LABEL_LOCK_TOKEN */.bA]: token, [spec_labels/* LABEL_LOCK_RUN */.n_]: opts.runId },
                    NetworkDisabled: true,
                });
                if (lastRenewal)
                    await removeQuietly(docker, lastRenewal);
                lastRenewal = c.id;
                looking = true;
                // Looked at AFTER the renewal exists: still ours here means nobody took it before it.
                return docker.inspectContainer(lockName(opts.stackName));
            })(), renewalMs, 'renewing');
        }
        catch (err) {
            if (looking && (0,docker_api/* statusOf */.c2)(err) === 404)
                lose('its lock container is gone');
            else
                opts.log?.warning(`renewing ${where} failed: ${err.message}`);
            return;
        }
        if (current.Id !== id || current.Config.Labels?.[spec_labels/* LABEL_LOCK_TOKEN */.bA] !== token) {
            lose(`run ${current.Config.Labels?.[spec_labels/* LABEL_LOCK_RUN */.n_] ?? 'unknown'} took it over`);
            return;
        }
        const took = now() - sent;
        if (took > marginMs) {
            // Too slow to prove anything: a waiter may have judged the lock expired meanwhile.
            opts.log?.warning(`renewing ${where} took ${(0,errors/* seconds */.YA)(took)}, longer than its ${(0,errors/* seconds */.YA)(marginMs)} safety margin: not counted`);
            return;
        }
        // A renewal sent after the lease ended proves nothing: the lock may have been taken meanwhile.
        if (sent < leaseEnd) {
            lastConfirmed = sent;
            leaseEnd = sent + ttlMs - marginMs;
        }
    };
    const timer = setInterval(() => {
        if (!stopped)
            renewing = renewing.then(renew);
    }, refreshMs);
    timer.unref();
    return {
        id,
        abandon: stop,
        assertHeld() {
            if (expired())
                throw new errors/* LockLostError */.yx(opts.stackName, opts.endpoint, lostReason ?? 'lost');
        },
        async release() {
            stop();
            await renewing;
            await removeQuietly(docker, id);
            await removeRenewals(docker, opts.stackName, (t) => t === token);
        },
    };
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
 *
 * Fencing (lock-lease.ts): the holder keeps a lease it can prove; `assertHeld` throws once it
 * cannot, and every container change of the run is refused from then on.
 */






/** Waits `ms`, or less when `signal` aborts (the loop then sees the abort and stops). */
function sleep(ms, signal) {
    return new Promise((resolve) => {
        const timer = setTimeout(done, ms);
        function done() {
            clearTimeout(timer);
            signal?.removeEventListener('abort', done);
            resolve();
        }
        signal?.addEventListener('abort', done, { once: true });
    });
}
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
    const locks = await docker.listContainers({ all: true, labels: [`${spec_labels/* LABEL_LOCK */.fv}=${stackName}`] });
    const lock = locks.find((c) => c.Names.some((n) => n.replace(/^\//, '') === lockName(stackName)));
    if (!lock)
        return undefined;
    const token = lock.Labels[spec_labels/* LABEL_LOCK_TOKEN */.bA] ?? '';
    const renewals = await docker.listContainers({
        all: true,
        labels: [`${spec_labels/* LABEL_LOCK_RENEW */.rU}=${stackName}`, `${spec_labels/* LABEL_LOCK_TOKEN */.bA}=${token}`],
    });
    const lastBeat = Math.max(lock.Created, ...renewals.map((r) => r.Created));
    return {
        id: lock.Id,
        run: lock.Labels[spec_labels/* LABEL_LOCK_RUN */.n_] ?? 'unknown',
        token,
        since: lock.Labels[spec_labels/* LABEL_LOCK_SINCE */.Y7] ?? new Date(lock.Created * 1000).toISOString(),
        ttlSeconds: Number(lock.Labels[spec_labels/* LABEL_LOCK_TTL */.yv] ?? 120) || 120,
        // Created has one-second resolution: count the whole second, never expire early.
        lastBeatMs: (lastBeat + 1) * 1000,
    };
}
/**
 * Takes the stack's lock on one endpoint, waiting up to `timeoutSeconds` for another holder, and
 * taking over a lock whose holder stopped renewing it for its TTL. Fails naming the holder, or
 * saying which stack's lock could not be taken and why.
 */
async function acquireLock(docker, opts) {
    try {
        return await takeLock(docker, opts);
    }
    catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        if (message.startsWith(`stack '${opts.stackName}'`))
            throw err;
        throw new Error(`taking the lock of stack '${opts.stackName}' on endpoint '${opts.endpoint}' failed: ${message}`, { cause: err });
    }
}
async function takeLock(docker, opts) {
    const ttl = opts.ttlSeconds ?? DEFAULT_LOCK_TTL_SECONDS;
    const pollMs = opts.pollMs ?? 1000;
    const now = opts.now ?? (() => performance.now());
    const token = (0,external_node_crypto_.randomBytes)(8).toString('hex');
    const image = await lockImage(docker, opts.images ?? [], opts.endpoint);
    const started = Date.now();
    const deadline = started + opts.timeoutSeconds * 1000;
    const labelsFor = () => {
        const at = new Date();
        return {
            [spec_labels/* LABEL_LOCK */.fv]: opts.stackName,
            [spec_labels/* LABEL_LOCK_RUN */.n_]: opts.runId,
            [spec_labels/* LABEL_LOCK_TOKEN */.bA]: token,
            [spec_labels/* LABEL_LOCK_SINCE */.Y7]: at.toISOString(),
            [spec_labels/* LABEL_LOCK_TTL */.yv]: String(ttl),
            [spec_labels/* LABEL_LOCK_EXPIRES */.St]: new Date(at.getTime() + ttl * 1000).toISOString(),
        };
    };
    let announced = false;
    for (;;) {
        if (opts.signal?.aborted) {
            // The cancel's own words first ("cancelled by SIGINT"), as every other cancelled phase says it.
            const why = opts.signal.reason instanceof Error ? opts.signal.reason.message : 'the run was cancelled';
            throw new Error(`${why} while waiting for the lock of stack '${opts.stackName}' on endpoint '${opts.endpoint}'`);
        }
        const sent = now();
        try {
            const created = await docker.createContainer({
                name: lockName(opts.stackName),
                Image: image,
                Cmd: ['hotdock-lock'],
                Labels: labelsFor(),
                NetworkDisabled: true,
            });
            // Renewals of holders that are gone (taken over, killed mid-release) are litter now.
            await removeRenewals(docker, opts.stackName, (t) => t !== token).catch(() => undefined);
            return holdLock(docker, opts, { id: created.id, token, image, ttl, sent, now });
        }
        catch (err) {
            if ((0,docker_api/* statusOf */.c2)(err) !== 409)
                throw err;
        }
        // The daemon's time BEFORE the look: a renewal the look misses was made after it, so an
        // expiry judged on this time never takes a lock from a holder whose lease still runs.
        const daemonTime = await daemonNow(docker);
        const holder = await currentHolder(docker, opts.stackName);
        if (!holder)
            continue; // released between our create and our look: try again at once
        if (daemonTime > holder.lastBeatMs + holder.ttlSeconds * 1000) {
            opts.log?.warning(`stack '${opts.stackName}' on endpoint '${opts.endpoint}': taking over the lock of run ${holder.run} (no renewal for ${holder.ttlSeconds} s)`);
            // Removal by id: if another waiter took it over first, this removes nothing of theirs.
            await removeQuietly(docker, holder.id);
            await removeRenewals(docker, opts.stackName, (t) => t === holder.token);
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
        await sleep(Math.min(pollMs, Math.max(0, deadline - Date.now()) + 10), opts.signal);
    }
}

// EXTERNAL MODULE: ./src/spec/aside-name.ts
var aside_name = __webpack_require__(4547);
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
    const list = await docker.listContainers({ all: true, labels: [`${spec_labels/* LABEL_STACK */.oM}=${stackName}`] });
    const observed = await Promise.all(list
        // The daemon filtered already; checking again costs nothing and keeps the promise if a proxy does not.
        .filter((c) => c.Labels?.[spec_labels/* LABEL_STACK */.oM] === stackName)
        .map(async (c) => {
        const labels = { ...(c.Labels ?? {}) };
        const name = (c.Names?.[0] ?? c.Id).replace(/^\//, '');
        const aside = (0,aside_name/* parseAsideName */.tJ)(name, c.Id);
        const role = aside
            ? { role: 'aside', asideOf: aside.asideOf, ...(aside.run !== undefined ? { run: aside.run } : {}) }
            : { role: 'live', ...(labels[spec_labels/* LABEL_RUN */.Bt] !== undefined ? { run: labels[spec_labels/* LABEL_RUN */.Bt] } : {}) };
        return {
            ...role,
            endpoint: endpointName,
            id: c.Id,
            name,
            resource: labels[spec_labels/* LABEL_RESOURCE */.G$] ?? '',
            configHash: labels[spec_labels/* LABEL_CONFIG_HASH */.$H] ?? '',
            state: c.State,
            image: IMAGE_ID.test(c.Image) ? await imageReference(docker, c.Id, c.Image) : c.Image,
            imageId: c.ImageID,
            labels,
            hostPorts: (c.Ports ?? []).filter((p) => p.PublicPort).map((p) => `${p.IP || '0.0.0.0'}:${p.PublicPort}/${p.Type}`),
        };
    }));
    return observed.sort((a, b) => a.resource.localeCompare(b.resource) || a.name.localeCompare(b.name));
}

// EXTERNAL MODULE: ./src/deploy/plan-graph.ts
var plan_graph = __webpack_require__(4329);
// EXTERNAL MODULE: ./src/deploy/verdict.ts
var verdict = __webpack_require__(4010);
;// CONCATENATED MODULE: ./src/deploy/destroy-plan.ts
/**
 * The destroy plan: every container of the stack goes, dependents before what they depend on,
 * except those whose deletion policy is Retain (a `retain` node: kept, and said so). Containers
 * put aside by an interrupted run are discarded (a Retain resource's is restored instead, when
 * nothing holds its name). Pure.
 */



/** The destroy plan for what observe found. */
function planDestroy(observed, resources) {
    const graph = new plan_graph/* PlanGraph */.K();
    const policy = new Map(resources.map((r) => [r.name, r.deletionPolicy]));
    const policyOf = (o) => policy.get(o.resource) ?? o.labels[spec_labels/* LABEL_DELETION_POLICY */.Vz] ?? 'Delete';
    const live = observed.filter((o) => o.role !== 'aside');
    const keysOf = new Map();
    for (const o of observed) {
        const retain = policyOf(o) === 'Retain';
        let key;
        if (o.role === 'aside') {
            const holder = live.some((l) => l.endpoint === o.endpoint && l.name === o.asideOf);
            if (retain && !holder && o.asideOf) {
                key = `restore:${o.id}`;
                graph.add(key, 'restore-aside', o.resource, o.endpoint, [`repair: restore '${o.name}' as '${o.asideOf}', put aside by ${(0,verdict/* leftBy */.jf)(o)}`], { observed: o });
            }
            else {
                key = `discard:${o.id}`;
                graph.add(key, 'discard-aside', o.resource, o.endpoint, [`repair: discard '${o.name}', put aside by ${(0,verdict/* leftBy */.jf)(o)}`], { observed: o });
            }
        }
        else if (retain) {
            key = `retain:${o.id}`;
            graph.add(key, 'retain', o.resource, o.endpoint, ['destroy: kept (deletion_policy Retain)'], { observed: o });
        }
        else {
            key = `remove:${o.id}`;
            graph.add(key, 'remove', o.resource, o.endpoint, ['destroy'], { observed: o, keepAside: false });
        }
        keysOf.set(o.resource, [...(keysOf.get(o.resource) ?? []), key]);
    }
    // A container goes only after every container that depends on it.
    for (const r of resources) {
        for (const dep of r.dependsOn) {
            for (const mine of keysOf.get(dep) ?? [])
                for (const theirs of keysOf.get(r.name) ?? [])
                    graph.edge(mine, theirs);
        }
    }
    return graph.finish();
}

// EXTERNAL MODULE: ./src/deploy/plan-text.ts
var plan_text = __webpack_require__(1450);
;// CONCATENATED MODULE: ./src/engine/run-report.ts




/** Which node speaks for a resource in the report: its own operation, else its removal, else a repair. */
const run_report_RANK = { create: 3, replace: 3, start: 3, unchanged: 3, remove: 2, retain: 2, 'restore-aside': 1 };
/** Deploy-time reference sources: a container this run made wins over the one observed before it. */
function sourcesFor(refs, engines, known, outcomes) {
    return (0,attributes/* loadSources */.Dl)(refs, (name) => {
        const out = outcomes.get(name);
        const id = out ? out.containerId : known.get(name)?.id;
        const docker = engines.get(out?.endpoint ?? known.get(name)?.endpoint ?? '');
        return id && docker ? { docker, id } : undefined;
    });
}
/** The `resources` output: one entry per resource, from the node that speaks for it. */
async function reportResources(engines, nodes, outcomes, planOnly) {
    const speaker = new Map();
    for (const n of nodes) {
        const rank = run_report_RANK[n.type];
        if (rank === undefined)
            continue;
        const prev = speaker.get(n.resource);
        if (!prev || (run_report_RANK[prev.type] ?? 0) < rank)
            speaker.set(n.resource, n);
    }
    const out = {};
    for (const [resource, n] of speaker)
        out[resource] = await resourceReport(engines, n, outcomes?.get(resource), planOnly);
    return out;
}
/** The `resources` output entry of one node, from the container as it is now. */
async function resourceReport(engines, n, outcome, planOnly) {
    const endpoint = outcome?.endpoint ?? n.endpoint;
    const id = outcome ? outcome.containerId : n.observed?.id;
    const base = {
        endpoint,
        container_id: id ?? '',
        container_name: n.desired?.name ?? n.observed?.asideOf ?? n.observed?.name ?? '',
        image: n.desired?.image ?? n.observed?.image ?? '',
        image_id: n.desired?.imageId ?? n.observed?.imageId ?? '',
        action: outcome?.action ?? (0,deploy_plan/* actionOf */.qj)(n.type) ?? 'unchanged',
        state: planOnly ? (n.observed?.state ?? 'absent') : outcome ? 'removed' : (n.observed?.state ?? 'absent'),
        ports: [],
        ...(outcome ? { seconds: outcome.seconds } : {}),
    };
    if (!id)
        return base;
    try {
        const info = await engines.get(endpoint).inspectContainer(id);
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
/** The template's outputs against the real containers (plan mode: the ones that exist now). */
async function reportOutputs(stack, resources, observed, engines) {
    const final = new Map();
    for (const [name, r] of Object.entries(resources)) {
        if (r.container_id && r.state !== 'removed')
            final.set(name, { ...observed.get(name), id: r.container_id, endpoint: r.endpoint });
    }
    const refs = Object.values(stack.outputs).flatMap((o) => runtimeRefs(o.value));
    const runtime = (0,attributes/* runtimeFor */.C9)(await sourcesFor(refs, engines, final, new Map()), () => null);
    const values = {};
    const warnings = [];
    for (const [name, out] of Object.entries(stack.outputs)) {
        try {
            values[name] = (0,resolve/* evaluateRuntime */.O1)(out.value, runtime);
        }
        catch (err) {
            values[name] = null;
            warnings.push(`output '${name}': ${err.message}`);
        }
    }
    return { values, warnings };
}

;// CONCATENATED MODULE: ./src/engine/run.ts
/**
 * The deploy orchestration of one resolved stack: connect → lock → observe → plan → execute →
 * report, each phase a short function. Plan mode changes nothing anywhere (no lock, no pull);
 * every failure ends in a report, never in a throw.
 */














/** Runs settings.mode (`plan`, `deploy` or `destroy`) for a resolved stack. Never throws. */
async function runStack(settings, stack, log, options = {}) {
    const report = { result: 'success', changed: false, resources: {}, outputs: {}, plan: [], warnings: [], rolledBack: [] };
    const held = { connections: [], locks: [], refused: new Set() };
    try {
        const mode = settings.mode;
        if (mode !== 'plan' && mode !== 'deploy' && mode !== 'destroy')
            throw new Error(`mode '${mode}' does not talk to Docker`);
        const live = () => {
            if (options.signal?.aborted)
                throw new Error('the run was cancelled');
        };
        const endpoints = await connectPhase(settings, stack, log, report, options, held);
        live();
        if (mode !== 'plan')
            await lockPhase(endpoints, settings, stack, log, options, held);
        live();
        const observed = await observePhase(endpoints, settings.stackName);
        const planned = mode === 'destroy' ? destroyPlan(stack, observed) : await deployPlan(endpoints, settings, stack, log, observed);
        report.plan = (0,deploy_plan/* planToOutput */.uh)(planned.nodes);
        report.planGraph = (0,deploy_plan/* planLines */.HN)(planned.nodes);
        log.info((0,plan_text/* formatPlan */.n)(planned.nodes));
        live();
        const exec = mode === 'plan' ? undefined : await executePhase(endpoints, planned, settings, log, options, held);
        await reportPhase(report, endpoints, planned, exec, stack, log);
        const refused = [...held.refused].filter((m) => !report.error?.includes(m));
        if (refused.length)
            report.error = [report.error, ...refused].filter(Boolean).join('\n');
    }
    catch (err) {
        report.error = err instanceof Error ? err.message : String(err);
        if (options.signal?.aborted)
            report.cancelled = true;
    }
    finally {
        const hadLocks = held.locks.length > 0;
        const kept = await release(held, log, (m) => (0,registry_auth/* scrubSecrets */.Zg)(m, secretsOf(settings, stack)));
        // A lock whose release failed is still held: a post step may yet release it.
        if (hadLocks)
            options.onLocks?.(kept);
    }
    if (report.error) {
        report.result = 'failure';
        report.error = (0,registry_auth/* scrubSecrets */.Zg)(report.error, secretsOf(settings, stack));
    }
    return report;
}
function secretsOf(settings, stack) {
    const hidden = stack.hiddenParameters.map((p) => stack.parameters[p]).filter((v) => typeof v === 'string');
    return [...(0,registry_auth/* registryAuthSecrets */.hQ)(settings.registryAuth), ...hidden];
}
/** Placement input of the stack's resources. */
function refsOf(stack) {
    return stack.resources.map((r) => ({ name: r.name, endpointRef: endpointRefOf(r) }));
}
/** Connect: every endpoint in play (every placed one, plus the default pool where prune finds leftovers). */
async function connectPhase(settings, stack, log, report, options, held) {
    const strategy = settings.placement;
    const first = (0,spec_endpoints/* placeResources */.fb)(refsOf(stack), settings, { strategy });
    if ('error' in first)
        throw new Error(first.error);
    const targets = new Map();
    for (const t of [...first.values(), ...(0,spec_endpoints/* defaultPool */.qQ)(settings)])
        targets.set(t.name, t);
    for (const t of targets.values()) {
        const w = (0,spec_endpoints/* plainTcpWarning */.GR)(t);
        if (w) {
            report.warnings.push(w);
            log.warning(w);
        }
    }
    // One endpoint per engine (by its /info identity): two names of one engine share one lock.
    // Room beyond max-parallel for lock renewals and report reads.
    const joined = await connectEndpoints([...targets.values()], {
        timeoutMs: options.connectTimeoutMs,
        maxConnections: settings.maxParallel + 2,
        ...(options.connect ? { connect: options.connect } : {}),
    });
    held.connections.push(...joined.connections.values());
    for (const note of joined.notes)
        log.info(note);
    const names = [...joined.connections.keys()].sort();
    return { names, engines: new Map([...joined.connections].map(([n, c]) => [n, c.docker])), aliases: joined.aliases };
}
/** Lock: one lock per endpoint, in name order (two runs locking several endpoints cannot deadlock). */
async function lockPhase(endpoints, settings, stack, log, options, held) {
    const images = stack.resources.map((r) => r.properties.image).filter((i) => typeof i === 'string');
    for (const endpoint of endpoints.names) {
        const docker = endpoints.engines.get(endpoint);
        const opts = { stackName: settings.stackName, endpoint, runId: settings.runId, timeoutSeconds: settings.lockTimeout, ttlSeconds: options.lockTtlSeconds, images, log, signal: options.signal };
        let lock;
        try {
            lock = await acquireLock(docker, opts);
        }
        catch (err) {
            // A brand-new engine has no image to make the lock container from: bring the first one.
            if (!/has no image to hold/.test(err.message) || images.length === 0 || settings.mode !== 'deploy')
                throw err;
            await ensureImage(docker, images[0], settings.pull, settings.registryAuth, log, { endpoint });
            lock = await acquireLock(docker, opts);
        }
        held.locks.push({ endpoint, lock });
        // Fencing: no container change on an endpoint whose lock this run cannot prove it holds.
        endpoints.engines.set(endpoint, (0,docker_api/* fencedApi */.g4)(docker, () => fenceOf(lock, held.refused)));
        options.onLocks?.(held.locks.map((l) => ({ endpoint: l.endpoint, id: l.lock.id })));
    }
}
/** Observe: the stack's containers on every endpoint. */
async function observePhase(endpoints, stackName) {
    const found = await Promise.all(endpoints.names.map((n) => observeEndpoint(endpoints.engines.get(n), n, stackName)));
    return found.flat();
}
/** Live containers by resource: a running one first. */
function liveByResource(observed) {
    const map = new Map();
    for (const o of observed) {
        if (o.role === 'aside' || o.resource === '')
            continue;
        const prev = map.get(o.resource);
        if (!prev || (prev.state !== 'running' && o.state === 'running'))
            map.set(o.resource, o);
    }
    return map;
}
/** Plan (destroy): every container goes, dependents first, Retain kept. */
function destroyPlan(stack, observed) {
    return { nodes: planDestroy(observed, stack.resources), observed: liveByResource(observed) };
}
/**
 * Plan (plan, deploy): placement, the images made present once (plan mode only looks), desired
 * containers with deploy-time values read from the containers there now, then the planner.
 */
async function deployPlan(endpoints, settings, stack, log, observed) {
    const strategy = settings.placement;
    const current = {};
    for (const o of observed)
        if (o.role !== 'aside')
            current[o.resource] ??= o.endpoint;
    const placed = (0,spec_endpoints/* placeResources */.fb)(refsOf(stack), settings, { strategy, current, aliases: endpoints.aliases });
    if ('error' in placed)
        throw new Error(placed.error);
    for (const t of placed.values())
        if (!endpoints.engines.has(t.name))
            throw new Error(`endpoint '${t.name}' was not connected`);
    // Deploy-time references against the containers that exist now; missing ones get a placeholder.
    const live = liveByResource(observed);
    const sources = await sourcesFor(stack.resources.flatMap((r) => runtimeRefs(r.properties)), endpoints.engines, live, new Map());
    const runtime = (0,attributes/* runtimeFor */.C9)(sources, (name, attr) => (attr ? `<${name}.${attr}>` : `<${name}>`));
    const imageIds = await imagesPhase(endpoints, settings, stack, log, placed, runtime);
    const ctx = { stackName: settings.stackName, placement: placed, runtime, imageIds, revision: settings.revision, template: settings.template };
    const pending = new Set(stack.resources.filter((r) => !live.has(r.name)).map((r) => r.name));
    const desired = stack.resources.map((r) => buildPlannedDesired(r, ctx, pending));
    addContainerReferences(desired);
    const nodes = (0,deploy_plan/* planStack */.qz)(desired, observed, { prune: settings.prune, rollback: settings.rollback });
    const resources = new Map(stack.resources.map((r) => [r.name, r]));
    const bind = (node, late) => ({
        ...buildDesired(resources.get(node.resource), { ...ctx, runtime: (0,attributes/* runtimeFor */.C9)(late) }),
        dependsOn: node.desired?.dependsOn ?? [],
    });
    return { nodes, bind, observed: live };
}
/** Each image once per endpoint, all endpoints at once (pulls are the slow part of a first deploy). */
async function imagesPhase(endpoints, settings, stack, log, placed, runtime) {
    const wanted = new Map();
    for (const r of stack.resources) {
        const ep = placed.get(r.name).name;
        const image = imageOf(r, runtime);
        if (!wanted.has(imageKey(ep, image)))
            wanted.set(imageKey(ep, image), { ep, image, resource: r.name });
    }
    const imageIds = new Map();
    const pulled = await Promise.allSettled([...wanted].map(async ([key, { ep, image, resource }]) => {
        const docker = endpoints.engines.get(ep);
        const id = settings.mode === 'plan'
            ? await localImageId(docker, image)
            : (await ensureImage(docker, image, settings.pull, settings.registryAuth, log, { endpoint: ep, resource })).imageId;
        if (id)
            imageIds.set(key, id);
    }));
    const errors = pulled.flatMap((p) => (p.status === 'rejected' ? [p.reason.message] : []));
    if (errors.length)
        throw new Error(errors.join('\n'));
    return imageIds;
}
/** Execute: the plan's operations, fenced by every lock this run holds. */
function executePhase(endpoints, planned, settings, log, options, held) {
    return executePlan(planned.nodes, {
        stackName: settings.stackName,
        engines: endpoints.engines,
        waitTimeout: settings.waitTimeout,
        maxParallel: settings.maxParallel,
        // Destroy removes for good: there is nothing to bring back.
        rollback: settings.mode === 'deploy' && settings.rollback,
        log,
        runId: settings.runId,
        stableSeconds: settings.stableSeconds,
        stopTimeoutSeconds: options.stopTimeoutSeconds,
        signal: options.signal,
        onJournal: options.onJournal,
        fence: () => {
            for (const { lock } of held.locks)
                lock.assertHeld();
        },
        bind: planned.bind,
    });
}
/** Report: the plan's verdict (plan mode) or the run's, the resources as they are now, the outputs. */
async function reportPhase(report, endpoints, planned, exec, stack, log) {
    if (exec) {
        report.changed = exec.changed;
        report.rolledBack = exec.rolledBack;
        report.error = exec.error;
        if (exec.cancelled)
            report.cancelled = true;
    }
    else {
        report.changed = (0,deploy_plan/* planChanges */.XA)(planned.nodes);
    }
    report.resources = await reportResources(endpoints.engines, planned.nodes, exec?.outcomes, !exec);
    if (report.error || stack.outputs === undefined)
        return;
    const outputs = await reportOutputs(stack, report.resources, planned.observed, endpoints.engines);
    report.outputs = outputs.values;
    for (const w of outputs.warnings) {
        report.warnings.push(w);
        log.warning(w);
    }
}
/** A lock's fence that also notes why it refused. */
function fenceOf(lock, refused) {
    try {
        lock.assertHeld();
    }
    catch (err) {
        refused.add(err.message);
        throw err;
    }
}
/** Gives back the locks (reverse order) and closes the connections; returns the locks it could not release. */
async function release(held, log, scrub) {
    const kept = [];
    for (const { endpoint, lock } of [...held.locks].reverse()) {
        await lock.release().catch((e) => {
            kept.push({ endpoint, id: lock.id });
            log.warning(`releasing a lock failed: ${scrub(e.message)}`);
        });
    }
    held.locks = [];
    for (const c of held.connections)
        await c.close().catch(() => undefined);
    return kept;
}


/***/ }),

/***/ 7969:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   GR: () => (/* binding */ plainTcpWarning),
/* harmony export */   cT: () => (/* binding */ endpointTargetFor),
/* harmony export */   fb: () => (/* binding */ placeResources),
/* harmony export */   iA: () => (/* binding */ tlsMisfit),
/* harmony export */   qQ: () => (/* binding */ defaultPool)
/* harmony export */ });
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
