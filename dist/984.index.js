import { fileURLToPath as __hotdockFileURLToPath } from 'node:url';
import { dirname as __hotdockDirname } from 'node:path';
const __filename = __hotdockFileURLToPath(import.meta.url);
const __dirname = __hotdockDirname(__filename);
export const id = 984;
export const ids = [984];
export const modules = {

/***/ 9984:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ew: () => (/* binding */ putAside),
/* harmony export */   Mo: () => (/* binding */ createAndStart),
/* harmony export */   NF: () => (/* binding */ restoreAside),
/* harmony export */   S2: () => (/* binding */ removeQuietly),
/* harmony export */   fA: () => (/* binding */ restorePolicy),
/* harmony export */   iW: () => (/* binding */ stopQuietly)
/* harmony export */ });
/* unused harmony exports OldContainerError, safeReplace */
/* harmony import */ var _docker_api_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9985);
/* harmony import */ var _wait_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(641);
/* harmony import */ var _spec_aside_name_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4547);
/* harmony import */ var _spec_labels_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6364);





const ungated = (fn) => fn();
/**
 * A replace or removal failed while an old container was in play. `restored` says whether the old
 * container is back as it was (its name, restart policy, and running when it ran), so a report can
 * say so truthfully. When it is not, `aside` is what restoreAside needs to finish the job later
 * (e.g. a rollback on an unfenced connection, when the fence refused the undo here).
 */
class OldContainerError extends Error {
    restored;
    aside;
    constructor(message, restored, options) {
        super(message, options);
        this.restored = restored;
        this.name = 'OldContainerError';
        if (options?.aside)
            this.aside = options.aside;
    }
}
const errText = (err) => (err instanceof Error ? err.message : String(err));
/** The update body that sets `policy` (MaximumRetryCount only where the engine accepts one). */
function policyBody(policy) {
    return { RestartPolicy: policy.Name === 'on-failure' ? { Name: policy.Name, MaximumRetryCount: policy.MaximumRetryCount ?? 0 } : { Name: policy.Name } };
}
/**
 * Creates the desired container (labelled with this run) and starts it, then waits for its proof.
 * A 409 (name in use) is "already there" when the holder of the name carries this stack's labels and
 * the same config hash; a name held by anything else is an error, since hotdock never touches
 * containers that are not its own. A container that does not prove itself is removed before the
 * error is thrown.
 */
async function createAndStart(docker, desired, opts) {
    const ep = desired.endpoint.name;
    const gate = opts.gate ?? ungated;
    const { id, adopted } = await gate(async () => {
        opts.log.progress(desired.resource, `creating '${desired.name}' on '${ep}'`);
        const made = await createOrAdopt(docker, desired, opts);
        if (!made.adopted)
            opts.onCreated?.(made.id);
        try {
            await docker.startContainer(made.id);
        }
        catch (err) {
            if ((0,_docker_api_js__WEBPACK_IMPORTED_MODULE_0__/* .statusOf */ .c2)(err) !== 304) {
                // 304: already running
                await removeQuietly(docker, made.id).catch(() => undefined);
                throw new Error(`resource '${desired.resource}' on endpoint '${ep}': starting '${desired.name}' failed: ${errText(err)}`, { cause: err });
            }
        }
        opts.log.progress(desired.resource, `started '${desired.name}', waiting until it proves stable (${opts.stableSeconds} s)`);
        return made;
    });
    try {
        const info = await (0,_wait_js__WEBPACK_IMPORTED_MODULE_1__/* .waitUntilRunning */ .RF)(docker, id, {
            resource: desired.resource,
            endpoint: ep,
            timeoutSeconds: opts.waitTimeout,
            stableSeconds: opts.stableSeconds,
            signal: opts.signal,
        });
        return { id, info, adopted };
    }
    catch (err) {
        await gate(() => removeQuietly(docker, id)).catch(() => undefined);
        if (err instanceof Error && err.message.startsWith(`resource '${desired.resource}'`))
            throw err;
        throw new Error(`resource '${desired.resource}' on endpoint '${ep}': waiting for '${desired.name}' failed: ${errText(err)}`, { cause: err });
    }
}
/** Creates the container; a 409 from a container with the same stack, resource and hash is adopted. */
async function createOrAdopt(docker, desired, opts) {
    const ep = desired.endpoint.name;
    const labels = { ...(desired.body.Labels ?? {}), [_spec_labels_js__WEBPACK_IMPORTED_MODULE_2__/* .LABEL_RUN */ .Bt]: opts.runId };
    try {
        return { id: (await docker.createContainer({ ...desired.body, Labels: labels, name: desired.name })).id, adopted: false };
    }
    catch (err) {
        if ((0,_docker_api_js__WEBPACK_IMPORTED_MODULE_0__/* .statusOf */ .c2)(err) !== 409) {
            throw new Error(`resource '${desired.resource}' on endpoint '${ep}': creating container '${desired.name}' failed: ${errText(err)}`, { cause: err });
        }
        const existing = await docker.inspectContainer(desired.name);
        const theirs = existing.Config.Labels ?? {};
        const ours = theirs[_spec_labels_js__WEBPACK_IMPORTED_MODULE_2__/* .LABEL_STACK */ .oM] === opts.stackName && theirs[_spec_labels_js__WEBPACK_IMPORTED_MODULE_2__/* .LABEL_RESOURCE */ .G$] === desired.resource;
        if (!ours || theirs[_spec_labels_js__WEBPACK_IMPORTED_MODULE_2__/* .LABEL_CONFIG_HASH */ .$H] !== desired.configHash) {
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
        if ((0,_docker_api_js__WEBPACK_IMPORTED_MODULE_0__/* .statusOf */ .c2)(err) !== 304 && (0,_docker_api_js__WEBPACK_IMPORTED_MODULE_0__/* .statusOf */ .c2)(err) !== 404)
            throw err;
    }
}
/** Removes a container, tolerating one already gone. */
async function removeQuietly(docker, id) {
    try {
        await docker.removeContainer(id, { force: true });
    }
    catch (err) {
        if ((0,_docker_api_js__WEBPACK_IMPORTED_MODULE_0__/* .statusOf */ .c2)(err) !== 404)
            throw err;
    }
}
/** Starts a container, tolerating one already running (304). */
async function startQuietly(docker, id) {
    try {
        await docker.startContainer(id);
    }
    catch (err) {
        if ((0,_docker_api_js__WEBPACK_IMPORTED_MODULE_0__/* .statusOf */ .c2)(err) !== 304)
            throw err;
    }
}
/**
 * Puts the old container aside, freeing its name and host ports: stops it, disables its restart
 * policy (so an engine restart cannot revive it and take the ports back), renames it to its aside
 * name. The record says how to undo all three. When a step fails, whatever was done is undone — the
 * container gets its policy back and, if it was running, is started again — and an OldContainerError
 * says what failed and whether the old container is running again.
 *
 * Stop comes before the policy change: a run that dies between the two leaves a stopped container
 * under its own name with its own policy (an engine restart reviving it there is harmless, it is
 * the one serving), never a running container whose policy was silently turned off. A run that
 * dies after the policy change leaves it stopped, which the next plan starts (`start` restores the
 * desired policy first: restorePolicy).
 */
async function putAside(docker, observed, opts) {
    const where = `resource '${observed.resource}' on endpoint '${observed.endpoint}'`;
    const what = `putting the old container '${observed.name}' aside failed`;
    let info;
    try {
        info = await docker.inspectContainer(observed.id);
    }
    catch (err) {
        throw new OldContainerError(`${where}: ${what}: inspecting it failed: ${errText(err)}; nothing was changed`, true, { cause: err });
    }
    const st = info.State;
    const policy = info.HostConfig?.RestartPolicy;
    const record = {
        id: observed.id,
        endpoint: observed.endpoint,
        resource: observed.resource,
        originalName: observed.name,
        asideName: (0,_spec_aside_name_js__WEBPACK_IMPORTED_MODULE_3__/* .asideName */ .o1)(observed.name, opts.runId, observed.id),
        wasRunning: st.Running || st.Restarting || st.Paused,
        ...(policy?.Name && policy.Name !== 'no' ? { restartPolicy: { Name: policy.Name, MaximumRetryCount: policy.MaximumRetryCount ?? 0 } } : {}),
    };
    opts.log.progress(observed.resource, `stopping old '${observed.name}'`);
    let doing = 'stopping it';
    try {
        await stopQuietly(docker, observed.id, opts.stopTimeoutSeconds);
        if (record.restartPolicy) {
            doing = 'disabling its restart policy';
            await docker.updateContainer(observed.id, { RestartPolicy: { Name: 'no' } });
        }
        doing = `renaming it to '${record.asideName}'`;
        await docker.renameContainer(observed.id, record.asideName);
    }
    catch (err) {
        const failed = `${where}: ${what}: ${doing} failed: ${errText(err)}`;
        const back = await bringBack(docker, record);
        throw new OldContainerError(`${failed}; ${back.said}`, back.ok, { cause: err, ...(back.ok ? {} : { aside: record }) });
    }
    return record;
}
/**
 * Gives a stopped container the restart policy its desired spec has, before it is started again:
 * a run interrupted while putting it aside may have left it stopped with its policy turned off.
 * Reads first, so an engine whose policy already matches (or one without container update) gets no
 * update call.
 */
async function restorePolicy(docker, id, desired) {
    const want = desired?.Name || 'no';
    const info = await docker.inspectContainer(id);
    const have = info.HostConfig?.RestartPolicy;
    if ((have?.Name || 'no') === want && (want !== 'on-failure' || (have?.MaximumRetryCount ?? 0) === (desired?.MaximumRetryCount ?? 0)))
        return false;
    await docker.updateContainer(id, policyBody({ Name: want, MaximumRetryCount: desired?.MaximumRetryCount ?? 0 }));
    return true;
}
/**
 * Undoes a put-aside that failed at its stop or rename: name back (a rename whose answer was lost may
 * have happened), policy back, started again when it was running. Says in words what the old
 * container's state is now.
 */
async function bringBack(docker, record) {
    const policy = record.restartPolicy ? ` (restart policy '${record.restartPolicy.Name}' restored)` : '';
    try {
        const before = await docker.inspectContainer(record.id);
        if (before.Name.replace(/^\//, '') !== record.originalName)
            await docker.renameContainer(record.id, record.originalName);
        if (record.restartPolicy)
            await docker.updateContainer(record.id, policyBody(record.restartPolicy));
        if (!record.wasRunning)
            return { ok: true, said: `the old container was left stopped, as it was${policy}` };
        await startQuietly(docker, record.id);
        const now = await docker.inspectContainer(record.id);
        if (!now.State.Running)
            return { ok: false, said: `starting the old container again left it ${now.State.Status}${policy}` };
        return { ok: true, said: `the old container was started again${policy} and runs under its own name` };
    }
    catch (err) {
        return { ok: false, said: `bringing the old container back also failed: ${errText(err)}; it may be stopped` };
    }
}
/**
 * Brings an aside container back: removes the container that replaced it (when given), renames it
 * to its name, restores its restart policy and starts it if it was running. Safe to repeat (a post
 * step may replay it): a container already under its name is not renamed again.
 */
async function restoreAside(docker, aside, replacementId) {
    const where = `resource '${aside.resource}' on endpoint '${aside.endpoint}'`;
    const what = `restoring the old container '${aside.originalName}' (aside as '${aside.asideName}')`;
    let doing = 'removing its replacement';
    try {
        if (replacementId && replacementId !== aside.id)
            await removeQuietly(docker, replacementId);
        doing = 'inspecting it';
        const info = await docker.inspectContainer(aside.id);
        if (info.Name.replace(/^\//, '') !== aside.originalName) {
            doing = 'renaming it back';
            await docker.renameContainer(aside.id, aside.originalName);
        }
        if (aside.restartPolicy) {
            doing = `restoring its restart policy '${aside.restartPolicy.Name}'`;
            await docker.updateContainer(aside.id, policyBody(aside.restartPolicy));
        }
        if (aside.wasRunning) {
            doing = 'starting it';
            await startQuietly(docker, aside.id);
        }
    }
    catch (err) {
        const gone = (0,_docker_api_js__WEBPACK_IMPORTED_MODULE_0__/* .statusOf */ .c2)(err) === 404 && doing === 'inspecting it' ? ' (it is gone)' : '';
        throw new Error(`${where}: ${what} failed: ${doing} failed${gone}: ${errText(err)}`, { cause: err });
    }
}
/**
 * Replaces `observed` by `desired`: put the old one aside, create + start + prove the new one. When
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
            throw new OldContainerError(`${errText(err)}\n${errText(restoreErr)}`, false, { cause: restoreErr, aside });
        }
        throw err;
    }
    if (opts.keepAside)
        return { ...started, aside };
    await gate(() => removeQuietly(docker, aside.id));
    return started;
}


/***/ }),

/***/ 641:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $Q: () => (/* binding */ WaitCancelledError),
/* harmony export */   RF: () => (/* binding */ waitUntilRunning),
/* harmony export */   c2: () => (/* binding */ ContainerStartError)
/* harmony export */ });
/* unused harmony export logTail */
/* harmony import */ var _docker_api_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9985);
/* harmony import */ var _attributes_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8837);


/** A container that did not prove itself: the message has the exit code and the log tail. */
class ContainerStartError extends Error {
    exitCode;
    constructor(message, exitCode) {
        super(message);
        this.exitCode = exitCode;
        this.name = 'ContainerStartError';
    }
}
/** The wait was ended by its AbortSignal: nothing is known about the container's fate. */
class WaitCancelledError extends Error {
    constructor(message, options) {
        super(message, options);
        this.name = 'WaitCancelledError';
    }
}
/** Longest log line quoted: a container that logs megabytes in one line must not flood the report. */
const MAX_LINE = 400;
/** The last `lines` log lines of a container, indented for an error message ('' when none). */
async function logTail(docker, id, lines = 20) {
    try {
        const text = await (0,_attributes_js__WEBPACK_IMPORTED_MODULE_1__/* .containerLogs */ .BX)(docker, id, { tail: lines });
        const kept = text.replace(/\s+$/, '').split('\n').slice(-lines);
        if (kept.length === 0 || kept[0] === '')
            return '';
        return kept.map((l) => `  | ${l.length > MAX_LINE ? `${l.slice(0, MAX_LINE)}… (${l.length} chars)` : l}`).join('\n');
    }
    catch {
        return '';
    }
}
/** "4.2 s". */
const secs = (ms) => `${(ms / 1000).toFixed(1)} s`;
/** Docker's zero time: the container never started. */
const NEVER = /^0001-01-01/;
/**
 * Resolves after `ms`, or rejects with the signal's abort at once. The timer is cleared either way,
 * so a cancelled run leaves nothing that keeps node alive.
 */
function sleep(ms, signal, cancelled) {
    return new Promise((resolve, reject) => {
        if (signal?.aborted)
            return reject(cancelled());
        const onAbort = () => {
            clearTimeout(timer);
            reject(cancelled());
        };
        const timer = setTimeout(() => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
        }, ms);
        signal?.addEventListener('abort', onAbort, { once: true });
    });
}
/** `work`, or the signal's abort if that comes first (the request itself cannot be taken back). */
function raceAbort(work, signal, cancelled) {
    if (!signal)
        return work;
    if (signal.aborted)
        return Promise.reject(cancelled());
    return new Promise((resolve, reject) => {
        const onAbort = () => reject(cancelled());
        signal.addEventListener('abort', onAbort, { once: true });
        work.then((v) => {
            signal.removeEventListener('abort', onAbort);
            resolve(v);
        }, (e) => {
            signal.removeEventListener('abort', onAbort);
            reject(e instanceof Error ? e : new Error(String(e)));
        });
    });
}
/**
 * Waits until the container is proven (see the module comment) and returns its last inspection.
 * Rejects with ContainerStartError when it exits, restarts, turns unhealthy, disappears or is not
 * proven within the timeout, and with WaitCancelledError as soon as `signal` aborts.
 */
async function waitUntilRunning(docker, id, opts) {
    const t0 = performance.now();
    const deadline = t0 + opts.timeoutSeconds * 1000;
    const stableMs = opts.stableSeconds * 1000;
    const pollMs = opts.pollMs ?? 250;
    const where = `resource '${opts.resource}' on endpoint '${opts.endpoint}'`;
    let name = id.slice(0, 12);
    const cancelled = () => new WaitCancelledError(`${where}: stopped waiting for container '${name}': the run was cancelled`, { cause: opts.signal?.reason });
    const fail = async (what, exitCode) => {
        const tail = await logTail(docker, id, opts.tailLines ?? 20);
        const logs = tail ? `; last log lines:\n${tail}` : '; it wrote no logs';
        throw new ContainerStartError(`${where}: container '${name}' ${what}${logs}`, exitCode);
    };
    // The first start seen: any later restart changes one of these two.
    let baseline;
    // When the current unbroken window of "running (and healthy)" began.
    let upSince;
    for (;;) {
        let info;
        try {
            info = await raceAbort(docker.inspectContainer(id), opts.signal, cancelled);
        }
        catch (err) {
            if (err instanceof WaitCancelledError)
                throw err;
            if ((0,_docker_api_js__WEBPACK_IMPORTED_MODULE_0__/* .statusOf */ .c2)(err) === 404)
                return fail('disappeared (removed by someone else, or auto-removed after it exited)');
            throw new ContainerStartError(`${where}: inspecting container '${name}' failed: ${err.message}`);
        }
        const now = performance.now();
        const st = info.State;
        name = info.Name.replace(/^\//, '');
        const running = st.Running && !st.Paused && !st.Restarting;
        const up = upSince === undefined ? '' : ` after ${secs(now - upSince)} of the ${opts.stableSeconds} s stability window`;
        if (!baseline && !NEVER.test(st.StartedAt ?? ''))
            baseline = { restarts: info.RestartCount, startedAt: st.StartedAt };
        if (baseline && (st.Restarting || info.RestartCount !== baseline.restarts || st.StartedAt !== baseline.startedAt)) {
            return fail(`restarted${up} (restart count ${baseline.restarts} → ${info.RestartCount}, last exit code ${st.ExitCode})`, st.ExitCode);
        }
        if (st.Status === 'exited' || st.Status === 'dead') {
            const why = [st.OOMKilled ? 'out of memory' : '', st.Error ?? ''].filter(Boolean).join(', ');
            return fail(`exited with code ${st.ExitCode}${why ? ` (${why})` : ''}${up}`, st.ExitCode);
        }
        // Podman reports a container without a health check as Health.Status '' (Docker: no Health).
        const health = st.Health?.Status || undefined;
        if (health === 'unhealthy') {
            const last = st.Health?.Log?.at(-1)?.Output?.trim();
            return fail(`is unhealthy${last ? ` (check said: ${last})` : ''}${up}`);
        }
        if (running && (health === undefined || health === 'none' || health === 'healthy')) {
            upSince ??= now;
            if (now - upSince >= stableMs)
                return info;
        }
        else {
            upSince = undefined;
        }
        if (now >= deadline) {
            const state = health && health !== 'healthy' && health !== 'none' ? `${st.Status}, health ${health}` : st.Status;
            const progress = upSince === undefined ? '' : `; it had been up for ${secs(now - upSince)} of ${opts.stableSeconds} s`;
            return fail(`was not proven within ${opts.timeoutSeconds} s: running${health ? ' and healthy' : ''} with no restart for ${opts.stableSeconds} s (state: ${state}${progress})`);
        }
        // Never sleep past the moment the window completes or the deadline falls.
        const until = Math.min(upSince === undefined ? Infinity : upSince + stableMs, deadline);
        await sleep(Math.max(1, Math.min(pollMs, until - now)), opts.signal, cancelled);
    }
}


/***/ }),

/***/ 4547:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   o1: () => (/* binding */ asideName),
/* harmony export */   tJ: () => (/* binding */ parseAsideName)
/* harmony export */ });
/* unused harmony export runTag */
/**
 * The name of an old container kept aside during a replace or removal. It carries the resource's
 * container name, the run that put it aside and the container's own id, so that whatever an
 * interrupted run leaves can be recognised by the next one (observe) without any other record.
 * Pure: no I/O.
 */
/** A run id as it can appear in a container name: chars outside [a-zA-Z0-9_.-] become '-'. */
function runTag(runId) {
    return runId.replace(/[^a-zA-Z0-9_.-]/g, '-') || '-';
}
/** `<name>-hotdock-aside-<run tag>-<first 12 of id>`. */
function asideName(name, runId, id) {
    return `${name}-hotdock-aside-${runTag(runId)}-${id.slice(0, 12)}`;
}
const ASIDE = /^(.+)-hotdock-aside-(.+)-([0-9a-f]{12})$/;
/** What releases before run-tagged names wrote. */
const LEGACY = /^(.+)-hotdock-old-([0-9a-f]{12})$/;
/**
 * Reads an aside name. It counts only when its id part is the container's own id (`id`): a
 * container a user happened to name like that is not mistaken for one.
 */
function parseAsideName(name, id) {
    const m = ASIDE.exec(name);
    if (m && id.startsWith(m[3]))
        return { asideOf: m[1], run: m[2] };
    const old = LEGACY.exec(name);
    if (old && id.startsWith(old[2]))
        return { asideOf: old[1] };
    return undefined;
}


/***/ })

};
