import { fileURLToPath as __hotdockFileURLToPath } from 'node:url';
import { dirname as __hotdockDirname } from 'node:path';
const __filename = __hotdockFileURLToPath(import.meta.url);
const __dirname = __hotdockDirname(__filename);
export const id = 259;
export const ids = [259];
export const modules = {

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

/***/ 4259:
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
var endpoints = __webpack_require__(7969);
// EXTERNAL MODULE: ./src/spec/placement-pool.ts + 1 modules
var placement_pool = __webpack_require__(3199);
// EXTERNAL MODULE: ./src/spec/labels.ts
var spec_labels = __webpack_require__(6364);
;// CONCATENATED MODULE: ./src/engine/placement-facts.ts

/** Inspections in flight per engine while summing memory limits. */
const INSPECT_PARALLEL = 8;
/**
 * Sum of the memory limits (HostConfig.Memory) of the running containers that are not this stack's.
 * The list does not carry limits: each is inspected; one gone meanwhile counts nothing.
 */
async function reservedMemory(docker, stackName) {
    const others = (await docker.listContainers({ all: false })).filter((c) => c.Labels?.[spec_labels/* LABEL_STACK */.oM] !== stackName);
    let total = 0;
    for (let i = 0; i < others.length; i += INSPECT_PARALLEL) {
        const limits = await Promise.all(others.slice(i, i + INSPECT_PARALLEL).map((c) => docker.inspectContainer(c.Id).then((d) => d.HostConfig?.Memory ?? 0, () => 0)));
        total += limits.reduce((s, n) => s + n, 0);
    }
    return total;
}
/** The facts of every named engine, by endpoint name. An engine whose /info fails has none (counts only). */
async function poolFacts(engines, names, options) {
    const facts = new Map();
    await Promise.all(names.map(async (name) => {
        const docker = engines.get(name);
        if (!docker)
            return;
        const stackContainers = options.observed.filter((o) => o.endpoint === name).length;
        const info = await docker.info().catch(() => undefined);
        const reserved = options.memory && info?.MemTotal ? await reservedMemory(docker, options.stackName) : undefined;
        facts.set(name, {
            stackContainers,
            ...(info?.MemTotal ? { memTotal: info.MemTotal } : {}),
            ...(typeof info?.Containers === 'number' ? { containers: info.Containers } : {}),
            ...(reserved !== undefined ? { reservedMemory: reserved } : {}),
        });
    }));
    return facts;
}

// EXTERNAL MODULE: ./src/spec/create-options.ts
var create_options = __webpack_require__(492);
// EXTERNAL MODULE: ./src/template/resolve.ts + 4 modules
var resolve = __webpack_require__(1115);
// EXTERNAL MODULE: ./src/deploy/hash.ts
var deploy_hash = __webpack_require__(3687);
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
            // get_attr [resource] (every attribute, 2015-10-15) reads the inspect result and the logs.
            if (attr === undefined)
                out.push({ resource: String(name), attr: 'info' }, { resource: String(name), attr: 'logs' });
            else
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
        name = (0,create_options/* containerNameFor */.e5)(evaluated, ctx.stackName);
        body = (0,create_options/* toCreateBody */.ct)(evaluated, {
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

;// CONCATENATED MODULE: ./src/engine/place-stack.ts




/** Placement input of the stack's resources: endpoint, memory limit (a literal one), constraints. */
function placementInput(stack) {
    return stack.resources.map((r) => {
        const m = r.properties.memory;
        const memory = typeof m === 'number' ? m : typeof m === 'string' && /^\s*\+?\d+\s*$/.test(m) ? Number(m) : undefined;
        return { name: r.name, endpointRef: endpointRefOf(r), ...(memory ? { memory } : {}), ...(r.placement ? { constraints: r.placement } : {}) };
    });
}
/** Places the stack on what the engines report now; throws the placement problems as one Error. */
async function placeStack(settings, stack, ctx) {
    const strategy = settings.placement;
    const current = {};
    for (const o of ctx.observed)
        if (o.role !== 'aside' && o.resource !== '')
            current[o.resource] ??= o.endpoint;
    const facts = await poolFacts(ctx.engines, ctx.names, { stackName: settings.stackName, observed: ctx.observed, memory: strategy === 'binpack' });
    const placed = (0,placement_pool/* placeWithReasons */.l)(placementInput(stack), settings, { strategy, current, aliases: ctx.aliases, facts });
    if ('error' in placed)
        throw new Error(placed.error);
    const pooled = new Map();
    if ((0,endpoints/* poolMode */.YJ)(settings)) {
        for (const r of stack.resources)
            if (endpointRefOf(r) === undefined)
                pooled.set(r.name, placed.decisions.get(r.name));
    }
    for (const [name, d] of pooled) {
        ctx.log.info(`placement: ${name} → ${d.endpoint} (${[d.moved && `moved from ${d.moved.from}: ${d.moved.why}`, d.reason, d.detail].filter(Boolean).join('; ')})`);
    }
    return { targets: placed.targets, pooled };
}
/** The desired container with the reason its pool placement gave (the plan shows it). */
function withPlacementReason(d, decision) {
    if (!decision)
        return d;
    return { ...d, placement: { reason: decision.reason, ...(decision.moved ? { movedBecause: decision.moved.why } : {}) } };
}

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
const RANK = { create: 3, move: 3, replace: 3, start: 3, unchanged: 3, remove: 2, retain: 2 };
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
        // The operation's time, on its last log line: a slow one stands out in the log.
        const took = () => `in ${Math.round((Date.now() - started) / 100) / 10} s`;
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
            // A move is a create here: its old container elsewhere has its own remove node after this one.
            case 'move':
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
                ctx.log.progress(n.resource, `created, running (${made.id.slice(0, 12)}) ${took()}`);
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
                ctx.log.progress(n.resource, `replaced, running (${id.slice(0, 12)}) ${took()}`);
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
                ctx.log.progress(n.resource, `started, running ${took()}`);
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
                ctx.log.progress(n.resource, `removed ${took()}`);
                return;
            }
            case 'prove': {
                const observed = mustObserved(n, ctx.stackName);
                ctx.log.progress(n.resource, `proving '${observed.name}'${why}`);
                await abortable((0,wait/* waitUntilRunning */.RF)(docker, observed.id, waitOpts(n)), ctx.signal);
                done(observed.id);
                ctx.log.progress(n.resource, `proven ${took()}`);
                return;
            }
            case 'discard-aside': {
                const observed = mustObserved(n, ctx.stackName);
                ctx.log.progress(n.resource, `discarding '${observed.name}'${why}`);
                guard();
                await gate(() => (0,safe_replace/* removeQuietly */.S2)(docker, observed.id));
                changedForGood = true;
                done(undefined);
                ctx.log.progress(n.resource, `discarded ${took()}`);
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
                ctx.log.progress(n.resource, `restored ${took()}`);
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
        const failures = walk.failed.map((f) => {
            const n = plan.find((p) => String(p.id) === f.id);
            return { resource: n?.resource ?? '', endpoint: n?.endpoint ?? '', error: f.error };
        });
        return { outcomes: plain, error, rolledBack: [...rolledBack], changed, cancelled, done: walk.done.map(Number), failures };
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

// EXTERNAL MODULE: ./src/deploy/plan-text.ts
var plan_text = __webpack_require__(1450);
// EXTERNAL MODULE: ./src/deploy/plan-hash.ts
var plan_hash = __webpack_require__(5717);
;// CONCATENATED MODULE: ./src/engine/run-report.ts




/** Which node speaks for a resource in the report: its own operation, else its removal, else a repair. */
const run_report_RANK = { create: 3, move: 3, replace: 3, start: 3, unchanged: 3, remove: 2, retain: 2, 'restore-aside': 1 };
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
            ...(info.State.Health?.Status ? { health: info.State.Health.Status } : {}),
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

// EXTERNAL MODULE: ./src/cancel.ts
var cancel = __webpack_require__(833);
;// CONCATENATED MODULE: ./src/engine/failure-reason.ts




/** An error and every `cause` under it. */
function chain(err) {
    const out = [];
    for (let e = err; e !== undefined && e !== null && !out.includes(e); e = e.cause)
        out.push(e);
    return out;
}
const messageOf = (e) => (e instanceof Error ? e.message : String(e));
/** No answer from the engine: refused, reset, timed out, unreachable. */
function unreachable(e) {
    if (e instanceof errors/* EndpointError */.cY)
        return true;
    if (e instanceof errors/* EngineCallError */.hR)
        return e.timedOut || e.statusCode === undefined;
    return /cannot reach Docker endpoint/.test(messageOf(e));
}
/**
 * The reason of a failed run. Cancelled wins (whatever else broke, the run was stopped); then a
 * container that did not prove itself; then an endpoint that did not answer; then what the phase
 * says: connect → an endpoint (or the placement, a template matter), lock → held by another run,
 * images → image unavailable, execute → rolled back when anything was; else internal.
 */
function classifyFailure(facts) {
    const all = facts.errors.flatMap(chain);
    const cancelled = facts.cancelled || all.some((e) => e instanceof cancel/* CancelledError */.cc || e instanceof wait/* WaitCancelledError */.$Q || messageOf(e) === CANCELLED);
    if (cancelled)
        return 'cancelled';
    if (all.some((e) => e instanceof wait/* ContainerStartError */.c2))
        return 'health-failed';
    if (all.some(unreachable))
        return 'endpoint-unreachable';
    switch (facts.phase) {
        case 'connect':
            return 'template-invalid';
        case 'lock':
            return all.some((e) => /is locked by run/.test(messageOf(e))) ? 'lock-held' : 'internal';
        case 'images':
            return 'image-unavailable';
        case 'execute':
        case 'report':
            return facts.rolledBack.length > 0 ? 'rolled-back' : 'internal';
        default:
            return 'internal';
    }
}

;// CONCATENATED MODULE: ./src/engine/run-failures.ts
/** How wait.ts appends a container's log tail to its error. */
const TAIL = '; last log lines:\n';
/** One entry per failed operation; the log tail split off its message, without wait.ts's `  | ` gutter. */
function runFailures(failures) {
    return failures.map((f) => {
        // The summary names the resource and the endpoint already: the message need not start with them.
        const text = (f.error instanceof Error ? f.error.message : String(f.error)).replace(`resource '${f.resource}' on endpoint '${f.endpoint}': `, '');
        const at = text.indexOf(TAIL);
        if (at < 0)
            return { resource: f.resource, endpoint: f.endpoint, message: text };
        // A message can carry more after the tail (a restore that failed too): the tail is the gutter lines.
        const rest = text.slice(at + TAIL.length).split('\n');
        const tail = rest.filter((l) => l.startsWith('  | ')).map((l) => l.slice(4));
        const after = rest.filter((l) => !l.startsWith('  | '));
        const message = [text.slice(0, at), ...after].join('\n');
        return { resource: f.resource, endpoint: f.endpoint, message, ...(tail.length ? { logTail: tail.join('\n') } : {}) };
    });
}

// EXTERNAL MODULE: ./src/spec/coerce.ts
var coerce = __webpack_require__(634);
// EXTERNAL MODULE: ./src/spec/service-options.ts
var service_options = __webpack_require__(6367);
;// CONCATENATED MODULE: ./src/spec/service-spec.ts




/** Characters Swarm refuses in service names (it allows letters, digits, '-' and '_'). */
const SERVICE_NAME_CHAR = /[^a-zA-Z0-9_-]/g;
/** `<stack>_<resource>`, as `docker stack deploy` names services; other characters become '-'. */
function serviceNameFor(stackName, resource) {
    return `${stackName}_${resource}`.replace(SERVICE_NAME_CHAR, '-');
}
/** Create-body fields with no Swarm task equivalent, by the property that sets them. */
const UNSUPPORTED = [
    ['HostConfig.Links', 'links', 'Swarm services find each other by service name on a shared network'],
    ['HostConfig.VolumesFrom', 'volumes_from', 'tasks may run on different nodes'],
    ['HostConfig.Privileged', 'privileged', 'Swarm does not run privileged tasks'],
    ['HostConfig.Devices', 'devices', 'Swarm tasks take no device mappings'],
    ['HostConfig.CpuShares', 'cpu_shares', 'Swarm limits CPUs in NanoCPUs, not shares'],
    ['HostConfig.CpusetCpus', 'cpu_set', 'Swarm does not pin tasks to CPUs'],
    ['StdinOnce', 'stdin_once', 'Swarm tasks have no attached stdin'],
];
function at(body, path) {
    let node = body;
    for (const part of path.split('.'))
        node = (0,coerce/* isMap */.jh)(node) ? node[part] : undefined;
    return node;
}
const set = (v) => v !== undefined && v !== null && v !== false && !(Array.isArray(v) && v.length === 0);
/** `host:/ctr:mode` binds as Swarm mounts: a host path is a bind, a bare name a named volume. */
function mounts(binds) {
    return binds.map((bind) => {
        const [source, target, mode = 'rw'] = bind.split(':');
        const flags = mode.split(',');
        const unknown = flags.filter((f) => f !== 'ro' && f !== 'rw');
        if (unknown.length)
            throw new coerce/* PropertyError */.er(`volumes/${source}`, `mode '${unknown.join(',')}' is not supported with target swarm (use ro or rw)`);
        const mount = { Type: source.startsWith('/') ? 'bind' : 'volume', Source: source, Target: target };
        if (flags.includes('ro'))
            mount.ReadOnly = true;
        return mount;
    });
}
/** Docker's restart policy names as a Swarm task restart condition. */
function restartPolicy(policy) {
    const condition = policy.Name === 'no' ? 'none' : policy.Name === 'on-failure' ? 'on-failure' : 'any';
    return policy.MaximumRetryCount > 0 ? { Condition: condition, MaxAttempts: policy.MaximumRetryCount } : { Condition: condition };
}
/** PortBindings as published service ports, in the key order the create body has. */
function servicePorts(bindings, mode) {
    const ports = [];
    for (const [key, list] of Object.entries(bindings)) {
        const [port, protocol] = key.split('/');
        for (const b of list) {
            if (b.HostIp !== '' && b.HostIp !== '0.0.0.0') {
                throw new coerce/* PropertyError */.er(`port_bindings/${key}`, `a host address (${b.HostIp}) is not supported with target swarm: Swarm publishes on every address`);
            }
            const published = b.HostPort === '' ? undefined : Number(b.HostPort);
            ports.push({ Protocol: protocol, TargetPort: Number(port), ...(published ? { PublishedPort: published } : {}), PublishMode: mode });
        }
    }
    return ports;
}
/** ContainerSpec and task-level fields from the container create body. */
function taskTemplate(body) {
    const host = (body.HostConfig ?? {});
    const c = { Image: body.Image };
    // Heat's `cmd` overrides the image's CMD and keeps its ENTRYPOINT: Swarm calls that Args.
    if (body.Cmd !== undefined)
        c.Args = body.Cmd;
    if (body.Env !== undefined)
        c.Env = body.Env;
    if (body.Hostname !== undefined)
        c.Hostname = body.Hostname;
    if (body.User !== undefined)
        c.User = body.User;
    if (body.Tty !== undefined)
        c.TTY = body.Tty;
    if (body.OpenStdin !== undefined)
        c.OpenStdin = body.OpenStdin;
    if (host.ReadonlyRootfs !== undefined)
        c.ReadOnly = host.ReadonlyRootfs;
    if (host.CapAdd !== undefined)
        c.CapabilityAdd = host.CapAdd;
    if (host.CapDrop !== undefined)
        c.CapabilityDrop = host.CapDrop;
    if (host.Dns !== undefined)
        c.DNSConfig = { Nameservers: host.Dns };
    if (host.Binds !== undefined)
        c.Mounts = mounts(host.Binds);
    const task = { ContainerSpec: c };
    if (host.Memory !== undefined)
        task.Resources = { Limits: { MemoryBytes: host.Memory } };
    if (host.RestartPolicy !== undefined)
        task.RestartPolicy = restartPolicy(host.RestartPolicy);
    return task;
}
const ns = (s) => Math.round(s * 1e9);
/**
 * The ServiceSpec of one resource, with `replicas` tasks (default: `metadata.hotdock.replicas`,
 * else 1), hotdock's identity labels on the service. Hashes and informational labels are the
 * caller's (deploy/service-plan.ts): they are not part of what is hashed.
 * Throws PropertyError naming the property, or an Error naming the metadata key.
 */
function toServiceSpec(resource, ctx, replicas) {
    const name = serviceNameFor(ctx.stackName, resource.name);
    const labels = { [spec_labels/* LABEL_STACK */.oM]: ctx.stackName, [spec_labels/* LABEL_RESOURCE */.G$]: resource.name };
    const body = (0,create_options/* toCreateBody */.ct)(resource, { stackName: ctx.stackName, containerName: name, labels });
    for (const [path, property, why] of UNSUPPORTED) {
        if (set(at(body, path)))
            throw new coerce/* PropertyError */.er(property, `not supported with target swarm: ${why}`);
    }
    const options = (0,service_options/* serviceOptionsOf */.f)(resource.metadata, ctx.stableSeconds);
    const count = replicas ?? options.replicas;
    const bindings = (at(body, 'HostConfig.PortBindings') ?? {});
    const ports = servicePorts(bindings, options.publish);
    const task = taskTemplate(body);
    const endpoint = ports.length ? { Ports: ports } : undefined;
    // Two tasks of one service cannot hold the same host port on one node: start-first would deadlock.
    const hostPortHeld = ports.some((p) => p.PublishMode === 'host' && p.PublishedPort !== undefined);
    const order = options.update.order ?? (hostPortHeld ? 'stop-first' : 'start-first');
    const update = {
        Parallelism: options.update.parallelism,
        Delay: ns(options.update.delay),
        FailureAction: options.update.failureAction,
        Monitor: ns(options.update.monitor),
        MaxFailureRatio: options.update.maxFailureRatio,
        Order: order,
    };
    const spec = {
        Name: name,
        Labels: labels,
        TaskTemplate: task,
        Mode: { Replicated: { Replicas: count } },
        UpdateConfig: update,
        // Rolling back a failed rollback would loop: pause and say so instead.
        RollbackConfig: { ...update, FailureAction: 'pause' },
        ...(endpoint ? { EndpointSpec: endpoint } : {}),
    };
    return { name, spec, replicas: count, options: { ...options, replicas: count } };
}
/**
 * Hook for `OS::Heat::ResourceGroup`: the service of a group whose members are `member` (the
 * group's resource_def as a resource named like the group), with `count` replicas. One service per
 * group; Swarm keeps the count.
 */
function groupServiceSpec(member, count, ctx) {
    return toServiceSpec(member, ctx, count);
}

;// CONCATENATED MODULE: ./src/deploy/service-plan.ts
/**
 * The Swarm side of planning, pure: desired services (spec, hashes, labels) and the plan that
 * turns the services found into them — create, update, unchanged or remove, each with its
 * reasons. A service's `io.hotdock.config-hash` decides "update or keep", as a container's does;
 * per-field digests beside it say which property changed.
 */




/** Task label: digest of what the tasks run (task template and ports); tells new tasks from old. */
const LABEL_TASK_HASH = 'io.hotdock.task-hash';
const VERSION = 'v1';
const sha256 = (text) => (0,external_node_crypto_.createHash)('sha256').update(text).digest('hex');
/** Spec paths → the names users know (template property or metadata key), in reason order. */
const FIELDS = [
    ['TaskTemplate.ContainerSpec.Image', 'image'], ['TaskTemplate.ContainerSpec.Args', 'cmd'], ['TaskTemplate.ContainerSpec.Env', 'env'],
    ['EndpointSpec', 'ports'], ['TaskTemplate.ContainerSpec.Mounts', 'volumes'], ['TaskTemplate.ContainerSpec.Hostname', 'hostname'],
    ['TaskTemplate.ContainerSpec.User', 'user'], ['TaskTemplate.ContainerSpec.TTY', 'tty'], ['TaskTemplate.ContainerSpec.OpenStdin', 'open_stdin'],
    ['TaskTemplate.ContainerSpec.DNSConfig', 'dns'], ['TaskTemplate.RestartPolicy', 'restart_policy'],
    ['TaskTemplate.ContainerSpec.CapabilityAdd', 'cap_add'], ['TaskTemplate.ContainerSpec.CapabilityDrop', 'cap_drop'],
    ['TaskTemplate.ContainerSpec.ReadOnly', 'read_only'], ['TaskTemplate.Resources', 'memory'],
    ['Mode', 'replicas'], ['UpdateConfig', 'update'], ['RollbackConfig', 'update'], ['Labels', 'labels'],
];
const FIELD_ORDER = [...new Set(FIELDS.map(([, f]) => f))];
function service_plan_at(spec, path) {
    let node = spec;
    for (const part of path.split('.'))
        node = typeof node === 'object' && node !== null ? node[part] : undefined;
    return node;
}
/** Short digest per field of a spec (fields not set are left out). */
function fieldDigests(spec) {
    const grouped = new Map();
    for (const [path, field] of FIELDS) {
        const value = service_plan_at(spec, path);
        if (value !== undefined)
            grouped.set(field, { ...grouped.get(field), [path]: value });
    }
    return Object.fromEntries([...grouped].sort(([a], [b]) => (a < b ? -1 : 1)).map(([f, v]) => [f, sha256((0,deploy_hash/* canonicalJson */.dj)(v)).slice(0, 8)]));
}
/**
 * The desired service of one resource (`replicas` overrides `metadata.hotdock.replicas`: the
 * ResourceGroup hook). The config hash covers the spec with identity labels only; the tasks get
 * the task hash, so a replicas-only change leaves them running.
 */
function buildDesiredService(resource, ctx, replicas) {
    let built;
    try {
        built = toServiceSpec(resource, ctx, replicas);
    }
    catch (err) {
        throw new Error(`resource '${resource.name}': ${err.message}`, { cause: err });
    }
    const spec = built.spec;
    const task = spec.TaskTemplate;
    const taskHash = `${VERSION}:${sha256((0,deploy_hash/* canonicalJson */.dj)({ task, ports: spec.EndpointSpec ?? null }))}`;
    task.ContainerSpec = { ...task.ContainerSpec, Labels: { [LABEL_TASK_HASH]: taskHash } };
    const configHash = `${VERSION}:${sha256((0,deploy_hash/* canonicalJson */.dj)(spec))}`;
    const digests = fieldDigests(spec);
    const labels = { ...spec.Labels };
    labels[spec_labels/* LABEL_CONFIG_HASH */.$H] = configHash;
    labels[spec_labels/* LABEL_CONFIG_FIELDS */.Si] = Object.entries(digests).map(([f, d]) => `${f}=${d}`).join(',');
    labels[spec_labels/* LABEL_DELETION_POLICY */.Vz] = resource.deletionPolicy;
    if (ctx.revision)
        labels[spec_labels/* LABEL_REVISION */.JN] = ctx.revision;
    if (ctx.template)
        labels[spec_labels/* LABEL_TEMPLATE */.qm] = ctx.template;
    return {
        resource: resource.name,
        name: built.name,
        spec: { ...spec, Labels: labels },
        replicas: built.replicas,
        configHash,
        taskHash,
        failureAction: built.options.update.failureAction,
        dependsOn: resource.dependsOn,
    };
}
/**
 * The ResourceGroup hook: the members of one `OS::Heat::ResourceGroup` whose properties are equal
 * (no `%index%` in them) become one service named after the group, with one replica per member;
 * members that differ stay one service each. References to a member become references to its group.
 */
function collapseGroups(resources) {
    const groups = new Map();
    for (const r of resources)
        if (r.group)
            groups.set(r.group.name, [...(groups.get(r.group.name) ?? []), r]);
    const alias = new Map();
    for (const [name, members] of groups) {
        const first = (0,deploy_hash/* canonicalJson */.dj)(members[0].properties);
        if (members.every((m) => (0,deploy_hash/* canonicalJson */.dj)(m.properties) === first && (0,deploy_hash/* canonicalJson */.dj)(m.metadata ?? null) === (0,deploy_hash/* canonicalJson */.dj)(members[0].metadata ?? null))) {
            for (const m of members)
                alias.set(m.name, name);
        }
    }
    const renamed = (names, self) => [...new Set(names.map((d) => alias.get(d) ?? d))].filter((d) => d !== self);
    const out = [];
    const seen = new Set();
    for (const r of resources) {
        const group = alias.get(r.name);
        if (group === undefined) {
            out.push({ resource: { ...r, dependsOn: renamed(r.dependsOn, r.name) } });
        }
        else if (!seen.has(group)) {
            seen.add(group);
            const members = groups.get(group);
            const { group: _member, ...rest } = r;
            void _member;
            out.push({ resource: { ...rest, name: group, dependsOn: renamed(members.flatMap((m) => m.dependsOn), group) }, replicas: members.length });
        }
    }
    return out;
}
/** Why a service found differs from the one wanted; [] when it does not. */
function updateReasons(want, have) {
    const reasons = [];
    if (have.labels[spec_labels/* LABEL_CONFIG_HASH */.$H] !== want.configHash) {
        const before = (0,deploy_hash/* parseConfigFields */.tt)(have.labels[spec_labels/* LABEL_CONFIG_FIELDS */.Si]);
        const now = (0,deploy_hash/* parseConfigFields */.tt)(want.spec.Labels[spec_labels/* LABEL_CONFIG_FIELDS */.Si]) ?? {};
        const fields = before ? FIELD_ORDER.filter((f) => before[f] !== now[f]) : [];
        const wantImage = service_plan_at(want.spec, 'TaskTemplate.ContainerSpec.Image');
        for (const f of fields) {
            if (f === 'image' && have.image)
                reasons.push(`image changed (${have.image} → ${String(wantImage)})`);
            else if (f === 'replicas' && have.replicas !== undefined)
                reasons.push(`replicas changed (${have.replicas} → ${want.replicas})`);
            else
                reasons.push(`${f} changed`);
        }
        if (reasons.length === 0)
            reasons.push('configuration changed');
    }
    else if (have.replicas !== want.replicas) {
        // Scaled by hand since the last run: the template's count wins.
        reasons.push(`replicas drifted (${have.replicas ?? '?'} → ${want.replicas})`);
    }
    return reasons;
}
/**
 * The service plan: every desired service created, updated or kept (in template order), then
 * every stack service whose resource left the template removed (prune) — or kept when its
 * deletion_policy is Retain. Two services of one resource: all but the first are removed.
 */
function planServices(desired, observed, options) {
    const plan = [];
    const byName = new Map(observed.map((o) => [o.name, o]));
    const used = new Set();
    for (const want of desired) {
        const have = byName.get(want.name);
        if (!have) {
            plan.push({ action: 'create', resource: want.resource, service: want.name, reasons: ['new'], desired: want });
            continue;
        }
        used.add(have.id);
        const reasons = updateReasons(want, have);
        plan.push({ action: reasons.length ? 'update' : 'unchanged', resource: want.resource, service: want.name, reasons, desired: want, observed: have });
    }
    const wanted = new Set(desired.map((d) => d.resource));
    for (const have of observed) {
        if (used.has(have.id))
            continue;
        const why = wanted.has(have.resource) ? `not named ${desired.find((d) => d.resource === have.resource).name}` : 'left the template';
        if (!wanted.has(have.resource) && !options.prune)
            continue;
        const retain = have.labels[spec_labels/* LABEL_DELETION_POLICY */.Vz] === 'Retain';
        plan.push({ action: retain ? 'retain' : 'remove', resource: have.resource || have.labels[spec_labels/* LABEL_RESOURCE */.G$] || have.name, service: have.name, reasons: [retain ? `${why}; deletion_policy Retain keeps it` : why], observed: have });
    }
    return plan;
}
/** The plan action a service operation shows as: an update is a `replace` (Swarm replaces the tasks). */
const AS_NODE = { create: 'create', update: 'replace', unchanged: 'unchanged', remove: 'remove', retain: 'retain' };
/**
 * The service plan as plan lines, so the log, the summary and the `plan` output print it as they
 * print a container plan; an entry waits for the entries of the resources it depends on.
 */
function servicePlanLines(plan, endpoint) {
    const ids = new Map(plan.map((e, i) => [e.resource, i + 1]));
    return plan.map((e, i) => ({
        id: i + 1,
        type: AS_NODE[e.action],
        resource: e.resource,
        endpoint,
        reasons: [...e.reasons],
        dependsOn: (e.desired?.dependsOn ?? []).map((d) => ids.get(d)).filter((n) => n !== undefined && n !== i + 1),
    }));
}

;// CONCATENATED MODULE: ./src/engine/swarm/observe.ts

/** A service as the planner sees it. */
function observedService(s) {
    const spec = s.Spec ?? {};
    const labels = spec.Labels ?? {};
    const mode = spec.Mode;
    const task = spec.TaskTemplate;
    return {
        id: s.ID,
        name: spec.Name ?? s.ID,
        version: s.Version?.Index ?? 0,
        resource: labels[spec_labels/* LABEL_RESOURCE */.G$] ?? '',
        labels,
        ...(mode?.Replicated?.Replicas !== undefined ? { replicas: mode.Replicated.Replicas } : {}),
        ...(task?.ContainerSpec?.Image ? { image: task.ContainerSpec.Image } : {}),
        ...(s.UpdateStatus?.State ? { updateState: s.UpdateStatus.State } : {}),
        ...(s.UpdateStatus?.StartedAt ? { updateStartedAt: s.UpdateStatus.StartedAt } : {}),
    };
}
/** Every service labelled with the stack, by name order. */
async function observeServices(docker, stackName) {
    const found = await docker.listServices({ labels: [`${spec_labels/* LABEL_STACK */.oM}=${stackName}`] });
    // The filter is the engine's: check the label again, ownership is the rule.
    return found.filter((s) => s.Spec?.Labels?.[spec_labels/* LABEL_STACK */.oM] === stackName).map(observedService).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

;// CONCATENATED MODULE: ./src/engine/swarm/errors.ts
/**
 * How a Swarm deploy fails: Swarm rolled an update back (the `rolled-back` failure reason), or a
 * service's tasks did not come up in time.
 */
/** The words every SwarmRolledBackError message holds: the report's error is text, this finds it there. */
const ROLLED_BACK = 'failed and Swarm rolled it back';
/**
 * True when a run's error (DeployReport.error) says Swarm rolled an update back: the failure
 * classifier maps it to the `failure-reason` `rolled-back`.
 */
function isSwarmRollback(error) {
    return error !== undefined && error.includes(ROLLED_BACK);
}
/** A rolling update failed and Swarm brought the previous spec back (failure action rollback). */
class SwarmRolledBackError extends Error {
    resource;
    service;
    /** The action's `failure-reason` for this failure. */
    reason = 'rolled-back';
    constructor(resource, service, detail) {
        super(`resource '${resource}': the update of service '${service}' ${ROLLED_BACK}${detail ? `: ${detail}` : ''}`);
        this.resource = resource;
        this.service = service;
        this.name = 'SwarmRolledBackError';
    }
}
/** A service whose tasks did not all run (or kept failing) within the wait. */
class SwarmConvergeError extends Error {
    resource;
    service;
    constructor(resource, service, detail) {
        super(`resource '${resource}': service '${service}' did not converge: ${detail}`);
        this.resource = resource;
        this.service = service;
        this.name = 'SwarmConvergeError';
    }
}

;// CONCATENATED MODULE: ./src/engine/swarm/converge.ts


const converge_sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** The newest task error, for the message. */
function lastError(tasks) {
    const failed = tasks
        .filter((t) => t.Status?.Err)
        .sort((a, b) => ((a.Status?.Timestamp ?? '') < (b.Status?.Timestamp ?? '') ? 1 : -1));
    return failed[0]?.Status?.Err ?? '';
}
/** How many tasks run the spec Swarm restored, and what the message says about it. */
async function restored(docker, target, service, deadline, pollMs, signal) {
    const spec = service.Spec;
    const hash = spec?.TaskTemplate?.ContainerSpec?.Labels?.[LABEL_TASK_HASH];
    const replicas = spec?.Mode?.Replicated?.Replicas ?? target.replicas;
    let running;
    for (;;) {
        const tasks = await docker.listTasks({ service: target.id });
        running = tasks.filter((t) => t.DesiredState === 'running' && t.Status?.State === 'running' && t.Spec?.ContainerSpec?.Labels?.[LABEL_TASK_HASH] === hash).length;
        if (running >= replicas || Date.now() >= deadline || signal?.aborted)
            break;
        await converge_sleep(pollMs);
    }
    return running >= replicas ? `the previous spec runs again (${running}/${replicas})` : `the previous spec is not running yet (${running}/${replicas})`;
}
/** Resolves once the service converged; throws SwarmRolledBackError, SwarmConvergeError or on cancel. */
async function waitConverged(docker, target, options) {
    const deadline = Date.now() + options.timeoutMs;
    const pollMs = options.pollMs ?? 500;
    let stable;
    for (;;) {
        if (options.signal?.aborted)
            throw new Error('the run was cancelled');
        const service = await docker.inspectService(target.id);
        const status = service.UpdateStatus;
        const fresh = status?.StartedAt !== undefined && status.StartedAt !== target.updateStartedBefore;
        if (fresh && status.State === 'rollback_completed') {
            // The run fails either way; first the restored spec's tasks get their time to run again.
            const back = await restored(docker, target, service, deadline, pollMs, options.signal);
            throw new SwarmRolledBackError(target.resource, target.name, [status.Message, back].filter(Boolean).join('; '));
        }
        if (fresh && (status.State === 'paused' || status.State === 'rollback_paused')) {
            throw new SwarmConvergeError(target.resource, target.name, `Swarm paused the update: ${status.Message ?? status.State}`);
        }
        const tasks = await docker.listTasks({ service: target.id });
        const ours = tasks.filter((t) => t.Spec?.ContainerSpec?.Labels?.[LABEL_TASK_HASH] === target.taskHash);
        const running = ours.filter((t) => t.DesiredState === 'running' && t.Status?.State === 'running');
        const stale = tasks.filter((t) => t.DesiredState === 'running' && !running.includes(t));
        const failures = ours.filter((t) => t.Status?.State === 'failed' || t.Status?.State === 'rejected').length;
        // A rolling update of our spec still going (or rolling back): Swarm has not decided yet.
        const rolling = fresh && status.State !== 'completed';
        if (!fresh && failures >= (options.maxFailures ?? 3)) {
            throw new SwarmConvergeError(target.resource, target.name, `${failures} tasks failed: ${lastError(ours) || 'no error given'}`);
        }
        if (!rolling && running.length === target.replicas && stale.length === 0) {
            // Swarm's own monitor window proved an update; a new or scaled service proves itself here.
            if (fresh)
                return;
            const ids = running.map((t) => t.ID).sort().join(',');
            if (stable?.ids !== ids)
                stable = { ids, since: Date.now() };
            if (Date.now() - stable.since >= options.stableMs)
                return;
        }
        else {
            stable = undefined;
        }
        if (Date.now() >= deadline) {
            const why = lastError(ours);
            throw new SwarmConvergeError(target.resource, target.name, `${running.length}/${target.replicas} tasks running after ${Math.round(options.timeoutMs / 1000)}s${rolling ? ` (update ${status.State})` : ''}${why ? `; last task error: ${why}` : ''}`);
        }
        await converge_sleep(Math.min(pollMs, Math.max(0, deadline - Date.now())));
    }
}

;// CONCATENATED MODULE: ./src/engine/swarm/run-swarm.ts









/** Fails unless the engine is an active swarm manager. */
async function assertManager(m) {
    const info = await m.docker.info();
    const state = info.Swarm?.LocalNodeState ?? 'inactive';
    if (state !== 'active' || info.Swarm?.ControlAvailable !== true) {
        throw new Error(`endpoint '${m.endpoint}' is not a swarm manager (swarm state: ${state}${state === 'active' ? ', a worker' : ''}): ` +
            "target 'swarm' needs a manager's endpoint (docker swarm init there), or use target 'containers'");
    }
}
/** get_resource of another resource is its service name (its DNS name on a shared network); get_attr has no service meaning. */
function serviceRuntime(stackName, stack) {
    // A member of a group that became one service answers with the group's service.
    const services = new Set(collapseGroups(stack.resources).map((c) => c.resource.name));
    const groupOf = (name) => services.has(name) ? name : (stack.resources.find((r) => r.name === name)?.group?.name ?? name);
    return {
        resourceId: (name) => serviceNameFor(stackName, groupOf(name)),
        attribute: (name, attr) => {
            throw new Error(`get_attr ${name}.${attr} is not available with target swarm (get_resource gives the service name)`);
        },
    };
}
/** The desired services of the stack, deploy-time references completed. */
function desiredServices(settings, stack) {
    const runtime = serviceRuntime(settings.stackName, stack);
    const ctx = { stackName: settings.stackName, stableSeconds: settings.stableSeconds, revision: settings.revision, template: settings.template };
    return collapseGroups(stack.resources).map(({ resource: r, replicas }) => {
        let resolved;
        try {
            resolved = { ...r, properties: (0,resolve/* evaluateRuntime */.O1)(r.properties, runtime) };
        }
        catch (err) {
            throw new Error(`resource '${r.name}': ${err.message}`, { cause: err });
        }
        return buildDesiredService(resolved, ctx, replicas);
    });
}
/** The pre-encoded X-Registry-Auth for a service's image: the nodes pull with it. */
function authFor(settings, image) {
    const registry = (0,registry_auth/* registryHost */.U$)(image);
    const creds = (0,registry_auth/* credentialsFor */.Og)(registry, settings.registryAuth);
    return creds ? (0,registry_auth/* registryAuthHeader */.bJ)(creds, registry) : undefined;
}
/** Seconds a service may take: the wait, plus Swarm's monitor window and delay for each batch. */
function timeoutMs(settings, d) {
    const update = d.spec.UpdateConfig;
    const batches = update.Parallelism > 0 ? Math.ceil(d.replicas / update.Parallelism) : 1;
    return (settings.waitTimeout + settings.stableSeconds) * 1000 + batches * (update.Monitor + update.Delay) / 1e6;
}
/** Carries out one create or update and waits until the service converged. */
async function apply(m, e, settings, log, onCreated, signal) {
    const d = e.desired;
    const auth = authFor(settings, String(d.spec.TaskTemplate.ContainerSpec.Image));
    let id;
    let before;
    if (e.action === 'create') {
        log.progress(e.resource, `creating service '${d.name}' (${d.replicas} replicas)`);
        id = (await m.docker.createService(d.spec, auth)).id;
        onCreated(id);
    }
    else {
        // The version and update status now, not as observed: the update names the spec it replaces.
        const now = await m.docker.inspectService(e.observed.id);
        id = now.ID;
        before = now.UpdateStatus?.StartedAt;
        log.progress(e.resource, `updating service '${d.name}': ${e.reasons.join(', ')}`);
        await m.docker.updateService(id, now.Version?.Index ?? e.observed.version, d.spec, auth);
    }
    await waitConverged(m.docker, { id, name: d.name, resource: d.resource, replicas: d.replicas, taskHash: d.taskHash, updateStartedBefore: before }, { timeoutMs: timeoutMs(settings, d), stableMs: settings.stableSeconds * 1000, signal });
    log.progress(e.resource, `service '${d.name}' converged: ${d.replicas}/${d.replicas} running`);
}
/** Asks Swarm to roll a service back to its previous spec and waits until it says it did. */
async function run_swarm_rollBack(m, u, settings) {
    const now = await m.docker.inspectService(u.id);
    const before = now.UpdateStatus?.StartedAt;
    await m.docker.rollbackService(u.id, now.Version?.Index ?? 0, now.Spec ?? {});
    const deadline = Date.now() + (settings.waitTimeout + settings.stableSeconds) * 1000;
    for (;;) {
        const status = (await m.docker.inspectService(u.id)).UpdateStatus;
        if (status?.StartedAt !== before && status?.State === 'rollback_completed')
            return;
        if (status?.StartedAt !== before && status?.State === 'rollback_paused')
            throw new Error(`Swarm paused the rollback: ${status.Message ?? ''}`);
        if (Date.now() >= deadline)
            throw new Error(`the rollback did not complete within ${settings.waitTimeout + settings.stableSeconds}s`);
        await new Promise((r) => setTimeout(r, 500));
    }
}
/** Creates and updates in dependency order, then prunes; returns the errors (none: success). */
async function execute(m, plan, settings, log, report, signal) {
    const done = new Map();
    const errors = [];
    const created = [];
    const updated = [];
    const run = async (e) => {
        const deps = await Promise.all((e.desired?.dependsOn ?? []).map((d) => done.get(d) ?? Promise.resolve(true)));
        if (deps.some((ok) => !ok))
            return false;
        if (e.action !== 'create' && e.action !== 'update')
            return true;
        // A cancelled run starts nothing new.
        if (signal?.aborted)
            return false;
        try {
            await apply(m, e, settings, log, (id) => created.push({ resource: e.resource, id }), signal);
            if (e.action === 'update')
                updated.push({ resource: e.resource, id: e.observed.id });
            report.changed = true;
            return true;
        }
        catch (err) {
            if (e.action === 'create')
                report.changed = true;
            if (err instanceof SwarmRolledBackError) {
                report.rolledBack.push(e.resource);
                report.changed = true;
            }
            errors.push(err.message);
            return false;
        }
    };
    // Every entry's promise exists before any awaits one: dependencies may come later in the plan.
    let release;
    const gate = new Promise((r) => (release = r));
    for (const e of plan)
        done.set(e.resource, gate.then(() => run(e)));
    release();
    await Promise.all(done.values());
    if (errors.length) {
        // The services this run created go again, as new containers of a failed deploy do.
        if (settings.rollback) {
            for (const c of created) {
                log.progress(c.resource, 'removing the service this run created (rollback)');
                await m.docker.removeService(c.id).catch((err) => log.warning(`resource '${c.resource}': removing its new service failed: ${err.message}`));
            }
            // The services this run updated go back to the spec they had, as replaced containers come back.
            for (const u of updated) {
                try {
                    await run_swarm_rollBack(m, u, settings);
                    report.rolledBack.push(u.resource);
                }
                catch (err) {
                    log.warning(`resource '${u.resource}': rolling its service back failed: ${err.message}`);
                }
            }
        }
        return errors;
    }
    for (const e of plan.filter((x) => x.action === 'remove')) {
        log.progress(e.resource, `removing service '${e.service}': ${e.reasons.join(', ')}`);
        try {
            await m.docker.removeService(e.observed.id);
            report.changed = true;
        }
        catch (err) {
            errors.push(`resource '${e.resource}': removing service '${e.service}' failed: ${err.message}`);
        }
    }
    return errors;
}
/** The `resources` output entry of a service, as it is now. */
async function run_swarm_resourceReport(m, e, planOnly) {
    const id = e.observed?.id;
    // By name: Swarm resolves it, and a removed service answers 404.
    const found = await m.docker.inspectService(e.service).catch(() => undefined);
    const ports = (found?.Endpoint?.Ports ?? []).map((p) => `0.0.0.0:${p.PublishedPort ?? ''}->${p.TargetPort}/${p.Protocol ?? 'tcp'}`);
    const image = found?.Spec?.TaskTemplate?.ContainerSpec?.Image;
    return {
        endpoint: m.endpoint,
        container_id: found?.ID ?? (planOnly ? (id ?? '') : ''),
        container_name: e.service,
        image: image ?? e.observed?.image ?? String(e.desired?.spec.TaskTemplate?.ContainerSpec?.Image ?? ''),
        image_id: '',
        action: (0,deploy_plan/* actionOf */.qj)(servicePlanLines([e], m.endpoint)[0].type) ?? 'unchanged',
        state: found ? 'running' : e.observed && planOnly ? 'running' : 'absent',
        ports,
    };
}
/** The template's outputs: get_resource gives service names; values that need get_attr are left out with a warning. */
function outputsOf(stack, settings, report, log) {
    const runtime = serviceRuntime(settings.stackName, stack);
    for (const [name, o] of Object.entries(stack.outputs)) {
        try {
            report.outputs[name] = (0,resolve/* evaluateRuntime */.O1)(o.value, runtime);
        }
        catch (err) {
            const w = `output '${name}': ${err.message}`;
            report.warnings.push(w);
            log.warning(w);
            report.outputs[name] = null;
        }
    }
}
/** Runs settings.mode on the manager, filling `report`; failures become report.error (joined). */
async function runSwarm(m, settings, stack, log, report, signal) {
    await assertManager(m);
    for (const r of stack.resources) {
        if (r.properties.docker_endpoint !== undefined && r.properties.docker_endpoint !== null) {
            const w = `resource '${r.name}': docker_endpoint is ignored with target swarm (Swarm places the tasks)`;
            report.warnings.push(w);
            log.warning(w);
        }
    }
    const observed = await observeServices(m.docker, settings.stackName);
    const desired = settings.mode === 'destroy' ? [] : desiredServices(settings, stack);
    // Destroy: every service of the stack goes (prune of everything), Retain kept.
    const plan = planServices(desired, observed, { prune: settings.prune || settings.mode === 'destroy' });
    const lines = servicePlanLines(plan, m.endpoint);
    report.planGraph = lines;
    report.plan = lines.flatMap((l) => {
        const action = (0,deploy_plan/* actionOf */.qj)(l.type);
        return action ? [{ resource: l.resource, endpoint: l.endpoint, action, reasons: [...l.reasons] }] : [];
    });
    log.info((0,plan_text/* formatPlan */.n)(lines));
    if (settings.mode === 'plan') {
        report.changed = plan.some((e) => e.action !== 'unchanged' && e.action !== 'retain');
    }
    else {
        const errors = await execute(m, plan, settings, log, report, signal);
        // Thrown, so the run reports it as cancelled (run.ts), with what failed on the way.
        if (signal?.aborted)
            throw new Error(['the run was cancelled', ...errors.filter((e) => !e.includes('the run was cancelled'))].join('\n'));
        if (errors.length)
            report.error = errors.join('\n');
    }
    for (const e of plan) {
        if (settings.mode === 'destroy' && e.action === 'remove')
            continue;
        report.resources[e.resource] = await run_swarm_resourceReport(m, e, settings.mode === 'plan');
    }
    if (!report.error && settings.mode !== 'destroy')
        outputsOf(stack, settings, report, log);
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

;// CONCATENATED MODULE: ./src/engine/observe-spec.ts
/** Sets `spec` on the observed containers that differ from their desired one; a failed read leaves it unset. */
async function readObservedSpecs(engines, desired, observed) {
    const wanted = new Map(desired.map((d) => [d.resource, d]));
    const differs = (o) => {
        const d = wanted.get(o.resource);
        return Boolean(d) && o.role !== 'aside' && (o.configHash !== d.configHash || Boolean(d.imageId && o.imageId && d.imageId !== o.imageId));
    };
    await Promise.all(observed.filter(differs).map(async (o) => {
        const docker = engines.get(o.endpoint);
        if (!docker)
            return;
        try {
            const info = await docker.inspectContainer(o.id);
            const body = { ...info.Config, HostConfig: info.HostConfig };
            const image = await docker.inspectImage(info.Image).then((i) => i.Config, () => undefined);
            o.spec = { body, ...(image ? { image } : {}) };
        }
        catch {
            // Gone or unreadable: the plan still says which fields changed, only not their values.
        }
    }));
}

// EXTERNAL MODULE: ./src/report/mask.ts
var mask = __webpack_require__(9488);
// EXTERNAL MODULE: ./src/template/hidden-values.ts
var hidden_values = __webpack_require__(1191);
;// CONCATENATED MODULE: ./src/engine/run-plan.ts











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
async function deployPlan(endpoints, settings, stack, log, observed, at) {
    const { targets: placed, pooled } = await placeStack(settings, stack, { ...endpoints, observed, log });
    for (const t of placed.values())
        if (!endpoints.engines.has(t.name))
            throw new Error(`endpoint '${t.name}' was not connected`);
    // Deploy-time references against the containers that exist now; missing ones get a placeholder.
    const live = liveByResource(observed);
    const sources = await sourcesFor(stack.resources.flatMap((r) => runtimeRefs(r.properties)), endpoints.engines, live, new Map());
    const runtime = (0,attributes/* runtimeFor */.C9)(sources, (name, attr) => (attr ? `<${name}.${attr}>` : `<${name}>`));
    at.phase = 'images';
    const imageIds = await imagesPhase(endpoints, settings, stack, log, placed, runtime);
    at.phase = 'plan';
    const ctx = { stackName: settings.stackName, placement: placed, runtime, imageIds, revision: settings.revision, template: settings.template };
    const pending = new Set(stack.resources.filter((r) => !live.has(r.name)).map((r) => r.name));
    const desired = stack.resources.map((r) => withPlacementReason(buildPlannedDesired(r, ctx, pending), pooled.get(r.name)));
    addContainerReferences(desired);
    await readObservedSpecs(endpoints.engines, desired, observed);
    const hidden = (0,mask/* hiddenTest */.Fo)(stack.hiddenParameters.flatMap((p) => (0,hidden_values/* hiddenValueTexts */.w)(stack.parameters[p])));
    const nodes = (0,deploy_plan/* planStack */.qz)(desired, observed, { prune: settings.prune, rollback: settings.rollback, hidden });
    const resources = new Map(stack.resources.map((r) => [r.name, r]));
    const bind = (node, late) => ({
        ...buildDesired(resources.get(node.resource), { ...ctx, runtime: (0,attributes/* runtimeFor */.C9)(late) }),
        dependsOn: node.desired?.dependsOn ?? [],
    });
    return { nodes, bind, observed: live, ...(pooled.size > 0 ? { placement: Object.fromEntries(pooled) } : {}) };
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
    const started = Date.now();
    // Where the run is, and what failed there: failure-reason.ts classifies from both.
    const at = { phase: 'connect', errors: [] };
    try {
        const mode = settings.mode;
        if (mode !== 'plan' && mode !== 'deploy' && mode !== 'destroy')
            throw new Error(`mode '${mode}' does not talk to Docker`);
        const live = () => {
            if (options.signal?.aborted)
                throw new Error('the run was cancelled');
        };
        log.phase?.('Connect');
        const endpoints = await connectPhase(settings, stack, log, report, options, held);
        live();
        at.phase = 'lock';
        if (mode !== 'plan') {
            log.phase?.('Lock');
            await lockPhase(endpoints, settings, stack, log, options, held);
        }
        if (held.locks.length)
            report.lockHolder = `run ${settings.runId}`;
        live();
        if (settings.target === 'swarm') {
            at.phase = 'execute';
            await runSwarm(swarmManager(endpoints), settings, stack, log, report, options.signal);
        }
        else {
            at.phase = 'observe';
            log.phase?.(mode === 'destroy' ? 'Observe and plan' : 'Observe, images and plan');
            const observed = await observePhase(endpoints, settings.stackName);
            const planned = mode === 'destroy' ? destroyPlan(stack, observed) : await deployPlan(endpoints, settings, stack, log, observed, at);
            report.plan = (0,deploy_plan/* planToOutput */.uh)(planned.nodes);
            if (planned.placement)
                report.placement = planned.placement;
            report.planGraph = (0,deploy_plan/* planLines */.HN)(planned.nodes);
            report.planEntries = (0,plan_hash/* normalisePlan */.mP)(planned.nodes);
            log.info((0,plan_text/* formatPlan */.n)(planned.nodes));
            live();
            if (mode !== 'plan' && options.confirm && (0,deploy_plan/* planChanges */.XA)(planned.nodes) && !(await options.confirm(planned.nodes))) {
                throw new Error(`${mode} not confirmed: nothing was changed`);
            }
            if (mode !== 'plan')
                await options.beforeExecute?.(report.planEntries);
            at.phase = 'execute';
            if (mode !== 'plan')
                log.phase?.(mode === 'destroy' ? 'Destroy' : 'Deploy');
            const exec = mode === 'plan' ? undefined : await executePhase(endpoints, planned, settings, log, options, held);
            at.errors.push(...(exec?.failures ?? []).map((f) => f.error));
            report.failures = runFailures(exec?.failures ?? []);
            at.phase = 'report';
            log.phase?.('Report');
            await reportPhase(report, endpoints, planned, exec, stack, log);
            // Any rollback fails the run: what was asked for is not what runs.
            if (report.rolledBack.length && !report.error)
                report.error = `rolled back: ${report.rolledBack.join(', ')}`;
        }
        const refused = [...held.refused].filter((m) => !report.error?.includes(m));
        if (refused.length)
            report.error = [report.error, ...refused].filter(Boolean).join('\n');
    }
    catch (err) {
        report.error = err instanceof Error ? err.message : String(err);
        at.errors.push(err);
        if (options.signal?.aborted)
            report.cancelled = true;
        const holder = /is locked by run (\S+)/.exec(report.error)?.[1];
        if (holder)
            report.lockHolder = `run ${holder}`;
    }
    finally {
        log.phase?.('Release');
        const hadLocks = held.locks.length > 0;
        const kept = await release(held, log, (m) => (0,registry_auth/* scrubSecrets */.Zg)(m, secretsOf(settings, stack)));
        // A lock whose release failed is still held: a post step may yet release it.
        if (hadLocks)
            options.onLocks?.(kept);
    }
    if (report.error) {
        report.result = 'failure';
        report.error = (0,registry_auth/* scrubSecrets */.Zg)(report.error, secretsOf(settings, stack));
        const scrub = (t) => (0,registry_auth/* scrubSecrets */.Zg)(t, secretsOf(settings, stack));
        report.failures = report.failures?.map((f) => ({ ...f, message: scrub(f.message), ...(f.logTail ? { logTail: scrub(f.logTail) } : {}) }));
        report.failureReason = classifyFailure({ ...at, cancelled: Boolean(report.cancelled || options.signal?.aborted), rolledBack: report.rolledBack });
        // Swarm rolls a failed update back itself: its error text is the only trace of it.
        if (report.failureReason !== 'cancelled' && isSwarmRollback(report.error))
            report.failureReason = 'rolled-back';
    }
    log.phase?.(undefined);
    report.seconds = Math.round((Date.now() - started) / 100) / 10;
    return report;
}
function secretsOf(settings, stack) {
    const hidden = stack.hiddenParameters.map((p) => stack.parameters[p]).filter((v) => typeof v === 'string');
    return [...(0,registry_auth/* registryAuthSecrets */.hQ)(settings.registryAuth), ...hidden];
}
/** Connect: every endpoint in play (every placed one, plus the default pool where prune finds leftovers). */
async function connectPhase(settings, stack, log, report, options, held) {
    const strategy = settings.placement;
    // Only which endpoints are in play: the rules are judged once the engines are seen (destroy needs none).
    const first = (0,placement_pool/* placeResources */.f)(placementInput(stack).map(({ name, endpointRef }) => ({ name, endpointRef })), settings, { strategy });
    if ('error' in first)
        throw new Error(first.error);
    const targets = new Map();
    // The pool's members and the entries taken out of it: the stack's containers there must be seen.
    for (const t of [...first.values(), ...(0,endpoints/* watchedEndpoints */.LH)(settings)])
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
/** Target swarm: the one endpoint of the run is the manager (resources naming others are refused). */
function swarmManager(endpoints) {
    if (endpoints.names.length !== 1) {
        throw new Error(`target 'swarm' deploys to one swarm manager, but the run names ${endpoints.names.length} endpoints (${endpoints.names.join(', ')}): give the manager as docker-endpoint`);
    }
    return { endpoint: endpoints.names[0], docker: endpoints.engines.get(endpoints.names[0]) };
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


/***/ })

};
