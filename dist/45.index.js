import { fileURLToPath as __hotdockFileURLToPath } from 'node:url';
import { dirname as __hotdockDirname } from 'node:path';
const __filename = __hotdockFileURLToPath(import.meta.url);
const __dirname = __hotdockDirname(__filename);
export const id = 45;
export const ids = [45];
export const modules = {

/***/ 1045:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   repairRun: () => (/* binding */ repairRun)
/* harmony export */ });
/* harmony import */ var _docker_api_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9985);
/* harmony import */ var _safe_replace_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9984);
/* harmony import */ var _spec_labels_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6364);



/** Inspects a container: its labels and name, or undefined when it is gone (404). */
async function look(docker, idOrName) {
    try {
        const c = await docker.inspectContainer(idOrName);
        return { id: c.Id, name: c.Name.replace(/^\//, ''), labels: c.Config.Labels ?? {}, running: c.State.Running };
    }
    catch (err) {
        if ((0,_docker_api_js__WEBPACK_IMPORTED_MODULE_0__/* .statusOf */ .c2)(err) === 404)
            return undefined;
        throw err;
    }
}
const short = (id) => id.slice(0, 12);
const messageOf = (err) => (err instanceof Error ? err.message : String(err));
/** Repairs what a killed main step left. Never throws. */
async function repairRun(journal, locks, ctx) {
    const result = { done: [], problems: [] };
    const fenced = await fencedEndpoints(locks, ctx, result);
    for (const entry of [...journal].reverse()) {
        const where = `resource '${entry.resource}' on endpoint '${entry.endpoint}'`;
        const docker = ctx.engines.get(entry.endpoint);
        if (docker === undefined || docker instanceof Error) {
            result.problems.push(`${where}: could not ${undoWord(entry)}: ${docker ? docker.message : 'endpoint not connected'}`);
            continue;
        }
        if (fenced.has(entry.endpoint)) {
            result.problems.push(`${where}: not repaired: ${fenced.get(entry.endpoint)}`);
            continue;
        }
        try {
            const line = await undo(docker, entry, ctx);
            result.done.push(`${where}: ${line}`);
        }
        catch (err) {
            result.problems.push(`${where}: could not ${undoWord(entry)}: ${messageOf(err)}`);
        }
    }
    for (const lock of locks) {
        const docker = ctx.engines.get(lock.endpoint);
        const where = `the lock of stack '${ctx.stack}' on endpoint '${lock.endpoint}'`;
        if (docker === undefined || docker instanceof Error || fenced.has(lock.endpoint))
            continue;
        try {
            result.done.push(`${where}: ${await releaseLock(docker, lock, ctx)}`);
        }
        catch (err) {
            result.problems.push(`${where}: could not release it: ${messageOf(err)}`);
        }
    }
    return result;
}
function undoWord(entry) {
    return entry.kind === 'created' ? 'remove what this run created' : entry.kind === 'aside' ? 'bring back the old container' : 'stop what this run started';
}
/**
 * Endpoints whose lock is no longer this run's (taken over after its TTL ran out): another run owns
 * the stack there now, and undoing this run's journal under its feet could remove its containers.
 */
async function fencedEndpoints(locks, ctx, result) {
    const fenced = new Map();
    for (const lock of locks) {
        const docker = ctx.engines.get(lock.endpoint);
        if (docker === undefined || docker instanceof Error) {
            result.problems.push(`the lock of stack '${ctx.stack}' on endpoint '${lock.endpoint}': could not release it: ${docker ? docker.message : 'endpoint not connected'}`);
            continue;
        }
        try {
            const c = await look(docker, lock.id);
            if (!c || c.labels[_spec_labels_js__WEBPACK_IMPORTED_MODULE_2__/* .LABEL_LOCK */ .fv] !== ctx.stack || c.labels[_spec_labels_js__WEBPACK_IMPORTED_MODULE_2__/* .LABEL_LOCK_RUN */ .n_] !== ctx.run) {
                fenced.set(lock.endpoint, `the lock of stack '${ctx.stack}' is no longer held by run ${ctx.run} (another run took it over); that run repairs what is left`);
            }
        }
        catch (err) {
            fenced.set(lock.endpoint, `could not check the lock: ${messageOf(err)}`);
        }
    }
    return fenced;
}
/** Undoes one journal entry; resolves to what it did, throws what it could not. */
async function undo(docker, entry, ctx) {
    switch (entry.kind) {
        case 'created': {
            const c = await look(docker, entry.id);
            if (!c)
                return `container ${short(entry.id)} this run created is already gone`;
            if (!madeByThisRun(c.labels, ctx))
                throw new Error(`container '${c.name}' (${short(c.id)}) does not carry run ${ctx.run}'s labels; left alone`);
            await removeIfThere(docker, c.id);
            return `removed '${c.name}' (${short(c.id)}), which this run created`;
        }
        case 'started': {
            const c = await look(docker, entry.id);
            if (!c)
                return `container ${short(entry.id)} this run started is gone`;
            if (c.labels[_spec_labels_js__WEBPACK_IMPORTED_MODULE_2__/* .LABEL_STACK */ .oM] !== ctx.stack)
                throw new Error(`container '${c.name}' (${short(c.id)}) is not part of stack '${ctx.stack}'; left alone`);
            if (!c.running)
                return `'${c.name}' (${short(c.id)}), which this run started, is already stopped`;
            await (0,_safe_replace_js__WEBPACK_IMPORTED_MODULE_1__/* .stopQuietly */ .iW)(docker, c.id, ctx.stopTimeoutSeconds);
            return `stopped '${c.name}' (${short(c.id)}) again, as it was before this run`;
        }
        case 'aside':
            return bringBack(docker, entry.aside, entry.resource, entry.replacementId, ctx);
    }
}
function madeByThisRun(labels, ctx) {
    return labels[_spec_labels_js__WEBPACK_IMPORTED_MODULE_2__/* .LABEL_STACK */ .oM] === ctx.stack && labels[_spec_labels_js__WEBPACK_IMPORTED_MODULE_2__/* .LABEL_RUN */ .Bt] === ctx.run;
}
async function removeIfThere(docker, id) {
    try {
        await docker.removeContainer(id, { force: true });
    }
    catch (err) {
        if ((0,_docker_api_js__WEBPACK_IMPORTED_MODULE_0__/* .statusOf */ .c2)(err) !== 404)
            throw err;
    }
}
/**
 * Brings an aside container back under its name. The container holding that name meanwhile (the
 * recorded replacement, or one this run made but had no time to record) goes first, when it is
 * this run's; a name held by anything else stops the repair of this resource.
 */
async function bringBack(docker, aside, resource, replacementId, ctx) {
    const old = await look(docker, aside.id);
    if (!old)
        throw new Error(`the old container ${short(aside.id)} ('${aside.originalName}') is gone`);
    if (old.labels[_spec_labels_js__WEBPACK_IMPORTED_MODULE_2__/* .LABEL_STACK */ .oM] !== ctx.stack)
        throw new Error(`container '${old.name}' (${short(old.id)}) is not part of stack '${ctx.stack}'; left alone`);
    const ours = (c) => madeByThisRun(c.labels, ctx) && c.labels[_spec_labels_js__WEBPACK_IMPORTED_MODULE_2__/* .LABEL_RESOURCE */ .G$] === resource;
    const doomed = new Map();
    const recorded = replacementId ? await look(docker, replacementId) : undefined;
    if (recorded && recorded.id !== old.id && ours(recorded))
        doomed.set(recorded.id, recorded.name);
    if (old.name !== aside.originalName) {
        const holder = await look(docker, aside.originalName);
        if (holder && holder.id !== old.id && !doomed.has(holder.id)) {
            if (!ours(holder)) {
                throw new Error(`the name '${aside.originalName}' is held by container ${short(holder.id)}, which run ${ctx.run} did not create; the old container stays '${old.name}'`);
            }
            doomed.set(holder.id, holder.name);
        }
    }
    for (const id of doomed.keys())
        await removeIfThere(docker, id);
    if (old.name === aside.originalName) {
        // Renamed back already: what is left is the restart policy and the start.
        if (aside.restartPolicy)
            await docker.updateContainer(old.id, { RestartPolicy: aside.restartPolicy });
        if (aside.wasRunning && !old.running)
            await docker.startContainer(old.id);
    }
    else {
        await (0,_safe_replace_js__WEBPACK_IMPORTED_MODULE_1__/* .restoreAside */ .NF)(docker, aside);
    }
    const gone = [...doomed].map(([id, name]) => `, removed the unproven '${name}' (${short(id)})`).join('');
    return `brought back '${aside.originalName}' (${short(old.id)})${aside.wasRunning ? ', running' : ''}${gone}`;
}
/** Removes this run's lock container and its renewals; says what it did. */
async function releaseLock(docker, lock, ctx) {
    const c = await look(docker, lock.id);
    if (!c)
        return 'already released';
    const token = c.labels[_spec_labels_js__WEBPACK_IMPORTED_MODULE_2__/* .LABEL_LOCK_TOKEN */ .bA];
    await removeIfThere(docker, c.id);
    if (token) {
        const renewals = await docker.listContainers({
            all: true,
            labels: [`${_spec_labels_js__WEBPACK_IMPORTED_MODULE_2__/* .LABEL_LOCK_RENEW */ .rU}=${ctx.stack}`, `${_spec_labels_js__WEBPACK_IMPORTED_MODULE_2__/* .LABEL_LOCK_TOKEN */ .bA}=${token}`, `${_spec_labels_js__WEBPACK_IMPORTED_MODULE_2__/* .LABEL_LOCK_RUN */ .n_}=${ctx.run}`],
        });
        for (const r of renewals)
            await removeIfThere(docker, r.Id);
    }
    return `released (${short(c.id)})`;
}


/***/ })

};
