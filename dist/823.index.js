import { fileURLToPath as __hotdockFileURLToPath } from 'node:url';
import { dirname as __hotdockDirname } from 'node:path';
const __filename = __hotdockFileURLToPath(import.meta.url);
const __dirname = __hotdockDirname(__filename);
export const id = 823;
export const ids = [823];
export const modules = {

/***/ 7969:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   GR: () => (/* binding */ plainTcpWarning),
/* harmony export */   LH: () => (/* binding */ watchedEndpoints),
/* harmony export */   YJ: () => (/* binding */ poolMode),
/* harmony export */   cT: () => (/* binding */ endpointTargetFor),
/* harmony export */   iA: () => (/* binding */ tlsMisfit),
/* harmony export */   qQ: () => (/* binding */ defaultPool)
/* harmony export */ });
/* harmony import */ var _endpoint_url_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1434);
/* harmony import */ var _placement_pool_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3199);

// Placement lives in placement-pool.ts and placement.ts; these names stay importable from here.

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
 * True when resources that name no endpoint are placed across the `endpoints` entries: two or
 * more entries and no explicit docker-endpoint (input or DOCKER_HOST).
 */
function poolMode(settings) {
    return Object.keys(settings.endpoints).length >= 2 && !settings.dockerEndpointExplicit;
}
/**
 * Where resources that name no endpoint go. In pool mode (poolMode): every entry but those marked
 * `pool: false`, in name order (possibly none). Otherwise the one default endpoint. Throws an
 * Error with an actionable message when an endpoint is invalid.
 */
function defaultPool(settings) {
    return targetsOf(poolMode(settings) ? entryNames(settings).filter((n) => settings.endpoints[n].pool !== false) : [settings.dockerEndpoint], settings);
}
/**
 * The endpoints a run must see besides the ones resources name: the pool, and in pool mode also the
 * entries taken out of it (`pool: false`), where the stack's containers may still run and must move
 * from. Throws like defaultPool.
 */
function watchedEndpoints(settings) {
    return targetsOf(poolMode(settings) ? entryNames(settings) : [settings.dockerEndpoint], settings);
}
function entryNames(settings) {
    return Object.keys(settings.endpoints).sort(byName);
}
function targetsOf(refs, settings) {
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


/***/ }),

/***/ 3199:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  f: () => (/* binding */ placeResources),
  l: () => (/* binding */ placeWithReasons)
});

// EXTERNAL MODULE: ./src/spec/endpoints.ts
var endpoints = __webpack_require__(7969);
;// CONCATENATED MODULE: ./src/spec/placement.ts
/** Code-point order: the same in every locale, so placement never depends on the runner. */
function byName(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
}
/** `7.8 GiB`, `512 MiB`: what a reader compares at a glance. */
function formatBytes(bytes) {
    for (const [unit, size] of [['GiB', 2 ** 30], ['MiB', 2 ** 20], ['KiB', 2 ** 10]]) {
        if (Math.abs(bytes) >= size)
            return `${(bytes / size).toFixed(1).replace(/\.0$/, '')} ${unit}`;
    }
    return `${bytes} B`;
}
const quoteList = (names) => names.map((n) => `'${n}'`).join(', ');
/** The units of kept-together resources, and the apart relation made symmetric. */
function unitsOf(resources, problems) {
    const known = new Map(resources.map((r) => [r.name, r]));
    const parent = new Map(resources.map((r) => [r.name, r.name]));
    const root = (n) => {
        let r = n;
        while (parent.get(r) !== r)
            r = parent.get(r);
        return r;
    };
    const apart = new Map(resources.map((r) => [r.name, new Set()]));
    for (const r of resources) {
        for (const other of r.constraints?.togetherWith ?? []) {
            if (known.has(other))
                parent.set(root(r.name), root(other));
        }
        for (const other of r.constraints?.apartFrom ?? []) {
            if (!known.has(other) || other === r.name)
                continue;
            apart.get(r.name).add(other);
            apart.get(other).add(r.name);
        }
    }
    const groups = new Map();
    for (const r of [...resources].sort((a, b) => byName(a.name, b.name))) {
        const g = groups.get(root(r.name)) ?? [];
        g.push(r);
        groups.set(root(r.name), g);
    }
    const units = [];
    for (const members of groups.values()) {
        const names = members.map((m) => m.name);
        const clash = members.find((m) => names.some((n) => apart.get(m.name).has(n)));
        if (clash) {
            const other = names.find((n) => apart.get(clash.name).has(n));
            problems.push({ resource: clash.name, message: `resource '${clash.name}' is kept apart from '${other}' and together with it (through ${quoteList(names)}): no engine can satisfy both` });
            continue;
        }
        const fixed = members.filter((m) => m.fixed !== undefined);
        const where = [...new Set(fixed.map((m) => m.fixed))];
        if (where.length > 1) {
            problems.push({ resource: fixed[1].name, message: `resources ${quoteList(names)} are kept together, but docker_endpoint puts ${quoteList(fixed.map((m) => m.name))} on ${where.join(' and ')}` });
            continue;
        }
        units.push({ name: names[0], members, memory: members.reduce((s, m) => s + (m.memory ?? 0), 0), fixed: fixed[0] });
    }
    return { units, apart };
}
/** Places every resource; see the module comment. Never throws. */
function placePool(input) {
    const problems = [];
    const { units, apart } = unitsOf(input.resources, problems);
    const pool = [...input.pool].sort((a, b) => byName(a.name, b.name));
    const inPool = new Set(pool.map((e) => e.name));
    const current = input.current ?? {};
    const where = new Map();
    const stackCount = new Map();
    const memUsed = new Map();
    const decisions = new Map();
    /** Why `unit` may not go to `endpoint` (undefined: it may). */
    const refusal = (unit, endpoint) => {
        for (const m of unit.members) {
            const c = m.constraints;
            if (c?.allow?.length && !c.allow.includes(endpoint))
                return `'${m.name}' allows only ${c.allow.join(', ')}`;
            if (c?.avoid?.includes(endpoint))
                return `'${m.name}' avoids ${endpoint}`;
            for (const other of apart.get(m.name) ?? []) {
                if (where.get(other) === endpoint)
                    return `'${m.name}' is kept apart from '${other}', placed on ${endpoint}`;
            }
        }
        return undefined;
    };
    /** Why a member running elsewhere moves, when its unit went to `endpoint`. */
    const moveWhy = (m, from, unit, stuck, anchor) => {
        if (m === unit.fixed)
            return `docker_endpoint names ${where.get(m.name)}`;
        if (unit.fixed)
            return `kept together with '${unit.fixed.name}'`;
        if (!inPool.has(from))
            return `endpoint ${from} left the pool`;
        if (stuck)
            return `constraints changed: ${stuck}`;
        return `kept together with '${anchor}'`;
    };
    const assign = (unit, endpoint, reason, detail, stuck) => {
        const anchor = unit.fixed?.name ?? unit.members.find((m) => current[m.name] === endpoint)?.name ?? unit.name;
        for (const m of unit.members) {
            where.set(m.name, endpoint);
            stackCount.set(endpoint, (stackCount.get(endpoint) ?? 0) + 1);
            memUsed.set(endpoint, (memUsed.get(endpoint) ?? 0) + (m.memory ?? 0));
            const own = m === unit.fixed ? 'docker_endpoint names it' : m.name === anchor || unit.fixed ? reason : `kept together with '${anchor}'`;
            const from = current[m.name];
            const moved = from !== undefined && from !== endpoint ? { from, why: moveWhy(m, from, unit, stuck, anchor) } : undefined;
            decisions.set(m.name, { endpoint, reason: own, ...(detail && own === reason ? { detail } : {}), ...(moved ? { moved } : {}) });
        }
    };
    // 1. Resources whose docker_endpoint names their engine, with whatever is kept together with them.
    for (const unit of units.filter((u) => u.fixed)) {
        const endpoint = unit.fixed.fixed;
        const why = refusal(unit, endpoint);
        if (why)
            problems.push({ resource: unit.fixed.name, message: `resource '${unit.fixed.name}': docker_endpoint puts it on ${endpoint}, but ${why}` });
        else
            assign(unit, endpoint, `kept together with '${unit.fixed.name}'`);
    }
    // 2. Sticky: a unit stays where (most of) its members run, while that is in the pool and allowed.
    const open = [];
    for (const unit of units.filter((u) => !u.fixed)) {
        const tally = new Map();
        for (const m of unit.members)
            if (inPool.has(current[m.name]))
                tally.set(current[m.name], (tally.get(current[m.name]) ?? 0) + 1);
        const home = [...tally].sort((a, b) => b[1] - a[1] || byName(a[0], b[0]))[0]?.[0];
        const stuck = home === undefined ? undefined : refusal(unit, home);
        if (home !== undefined && stuck === undefined)
            assign(unit, home, 'runs there');
        else
            open.push({ unit, stuck });
    }
    // 3. The rest, by the strategy: binpack takes the biggest first (first fit decreasing).
    if (input.strategy === 'binpack')
        open.sort((a, b) => b.unit.memory - a.unit.memory || byName(a.unit.name, b.unit.name));
    for (const { unit, stuck } of open) {
        const permitted = pool.filter((e) => refusal(unit, e.name) === undefined);
        if (permitted.length === 0) {
            const whyNot = pool.map((e) => `${e.name}: ${refusal(unit, e.name)}`).join('; ');
            problems.push({ resource: unit.name, message: `${subject(unit)}: no endpoint of the pool satisfies its placement (${whyNot || 'the pool is empty'})` });
            continue;
        }
        const choose = (candidates) => input.strategy === 'binpack'
            ? binpack(unit, candidates, { stackCount, memUsed }, pool.length)
            : spread(candidates, stackCount, pool.length);
        // A preference narrows the candidates; when nothing it leaves has room, it gives way.
        const preferred = fewestShunned(unit, permitted, where);
        let chosen = choose(preferred.list);
        if ('problem' in chosen && preferred.list.length < permitted.length)
            chosen = choose(permitted);
        else if (!('problem' in chosen) && preferred.list.length === 1 && permitted.length > 1)
            chosen = { ...chosen, reason: preferred.reason };
        if ('problem' in chosen)
            problems.push({ resource: unit.name, message: chosen.problem });
        else
            assign(unit, chosen.endpoint, chosen.reason, chosen.detail, stuck);
    }
    return problems.length > 0 ? { ok: false, problems } : { ok: true, decisions };
}
/** The endpoints holding the fewest of the resources the unit would rather be apart from, and that reason. */
function fewestShunned(unit, endpoints, where) {
    const shunned = [...new Set(unit.members.flatMap((m) => m.constraints?.preferApartFrom ?? []))].filter((s) => where.has(s));
    if (shunned.length === 0)
        return { list: [...endpoints], reason: '' };
    const count = (e) => shunned.filter((s) => where.get(s) === e.name).length;
    const least = Math.min(...endpoints.map(count));
    return { list: endpoints.filter((e) => count(e) === least), reason: `fewest of ${quoteList(shunned)}, which it would rather be apart from` };
}
/** How a problem names a unit: one resource, or the ones kept together. */
function subject(unit) {
    return unit.members.length === 1 ? `resource '${unit.name}'` : `resources ${quoteList(unit.members.map((m) => m.name))} (kept together)`;
}
/** Containers of every stack on the engine once this placement is done. */
function overall(e, stackCount) {
    return Math.max(0, (e.containers ?? 0) - (e.stackContainers ?? 0)) + (stackCount.get(e.name) ?? 0);
}
/** Why the only candidate: the pool has one, or the rules left one. */
function onlyOne(poolSize) {
    return poolSize === 1 ? 'the only endpoint of the pool' : 'the only endpoint its placement allows';
}
/** spread: fewest of this stack's containers, then fewest containers in all, then name order. */
function spread(allowed, stackCount, poolSize) {
    const key = (e) => [stackCount.get(e.name) ?? 0, overall(e, stackCount)];
    const ranked = [...allowed].sort((a, b) => key(a)[0] - key(b)[0] || key(a)[1] - key(b)[1] || byName(a.name, b.name));
    const [best, next] = ranked;
    const detail = ranked.map((e) => `${e.name}: ${key(e)[0]} of this stack, ${key(e)[1]} in all`).join('; ');
    const reason = !next
        ? onlyOne(poolSize)
        : key(best)[0] < key(next)[0]
            ? "spread: fewest of this stack's containers"
            : key(best)[1] < key(next)[1]
                ? 'spread: fewest containers in all'
                : 'spread: first by name among equals';
    return { endpoint: best.name, reason, detail };
}
/**
 * binpack: the fullest engine the unit fits on (least memory left after it), so one engine fills
 * before the next is used; free memory is MemTotal less the limits of what runs there and of what
 * this placement put there. Without a known MemTotal: the engine with most of this stack.
 */
function binpack(unit, allowed, used, poolSize) {
    const free = (e) => (e.memTotal === undefined ? Infinity : e.memTotal - (e.reservedMemory ?? 0) - (used.memUsed.get(e.name) ?? 0));
    const fits = allowed.filter((e) => free(e) >= unit.memory);
    const describe = (e) => e.memTotal === undefined ? `${e.name}: memory unknown` : `${e.name}: ${formatBytes(Math.max(0, free(e)))} free of ${formatBytes(e.memTotal)}`;
    if (fits.length === 0) {
        const most = [...allowed].sort((a, b) => free(b) - free(a) || byName(a.name, b.name))[0];
        const where = allowed.length < poolSize ? 'no endpoint its placement allows' : 'no endpoint of the pool';
        return {
            problem: `${subject(unit)}: memory ${formatBytes(unit.memory)} fits on ${where}: the most free is ${formatBytes(Math.max(0, free(most)))} on ${most.name}, ` +
                `${formatBytes(unit.memory - Math.max(0, free(most)))} short (${allowed.map(describe).join('; ')})`,
        };
    }
    const ranked = [...fits].sort((a, b) => free(a) - free(b) || (used.stackCount.get(b.name) ?? 0) - (used.stackCount.get(a.name) ?? 0) || byName(a.name, b.name));
    const reason = fits.length === 1 && allowed.length === 1 ? onlyOne(poolSize) : 'binpack: the fullest endpoint it fits on';
    return { endpoint: ranked[0].name, reason, detail: allowed.map(describe).join('; ') };
}

;// CONCATENATED MODULE: ./src/spec/placement-pool.ts


/** Two spellings of the same engine (a name and its URL) count as one for placement. */
function engineKey(p) {
    if (p.kind === 'unix')
        return `unix:${p.socketPath}`;
    if (p.kind === 'ssh')
        return `ssh:${p.user}@${p.host.toLowerCase()}:${p.port}`;
    return `tcp:${p.host.toLowerCase()}:${p.port}`;
}
/**
 * Assigns every resource its endpoint and the reason: its own `endpointRef` when given, else one
 * of defaultPool chosen by placePool (spread or binpack, sticky, the resource's constraints).
 * Returns every invalid endpoint and every resource that cannot be placed in one error message.
 */
function placeWithReasons(resources, settings, options = {}) {
    const targets = new Map();
    const errors = [];
    const canonical = (t) => options.aliases?.get(t.name) ?? t;
    const pooled = resources.filter((r) => r.endpointRef === undefined || r.endpointRef.trim() === '');
    let pool = [];
    if (pooled.length > 0) {
        try {
            // One engine under two names is one member of the pool, under its canonical name.
            const seen = new Set();
            pool = (0,endpoints/* defaultPool */.qQ)(settings).map(canonical).filter((t) => !seen.has(t.name) && seen.add(t.name));
            if (pool.length === 0)
                errors.push(`every endpoints entry has 'pool: false': resources ${pooled.map((r) => `'${r.name}'`).join(', ')} name no endpoint and have nowhere to go`);
        }
        catch (err) {
            errors.push(err.message);
        }
    }
    const byKey = new Map(pool.map((t) => [engineKey(t.parsed), t.name]));
    const requests = [];
    for (const r of resources) {
        const request = { name: r.name, ...(r.memory ? { memory: r.memory } : {}), ...(r.constraints ? { constraints: r.constraints } : {}) };
        if (!pooled.includes(r)) {
            const t = (0,endpoints/* endpointTargetFor */.cT)(r.endpointRef, settings);
            if (!t.ok) {
                errors.push(`resource '${r.name}': ${t.message}`);
                continue;
            }
            const at = canonical(t.target);
            targets.set(r.name, at);
            // The URL of a pool member is that member: it counts there.
            request.fixed = byKey.get(engineKey(at.parsed)) ?? at.name;
        }
        requests.push(request);
    }
    if (errors.length > 0)
        return { error: errors.join('\n') };
    const facts = pool.map((t) => ({ ...options.facts?.get(t.name), name: t.name }));
    const placed = placePool({ strategy: options.strategy ?? 'spread', resources: requests, pool: facts, current: options.current });
    if (!placed.ok)
        return { error: placed.problems.map((p) => p.message).join('\n') };
    const byName = new Map(pool.map((t) => [t.name, t]));
    for (const r of pooled) {
        const d = placed.decisions.get(r.name);
        // Kept together with a resource whose docker_endpoint names an engine outside the pool: that one's target.
        const fixedPeer = [...targets.entries()].find(([name]) => placed.decisions.get(name)?.endpoint === d.endpoint)?.[1];
        targets.set(r.name, byName.get(d.endpoint) ?? fixedPeer);
    }
    return { targets, decisions: placed.decisions };
}
/** placeWithReasons without the reasons: resource name → endpoint target, or the error. */
function placeResources(resources, settings, options = {}) {
    const r = placeWithReasons(resources, settings, options);
    return 'error' in r ? r : r.targets;
}


/***/ })

};
