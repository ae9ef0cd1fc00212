import { fileURLToPath as __hotdockFileURLToPath } from 'node:url';
import { dirname as __hotdockDirname } from 'node:path';
const __filename = __hotdockFileURLToPath(import.meta.url);
const __dirname = __hotdockDirname(__filename);
export const id = 661;
export const ids = [661];
export const modules = {

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


/***/ })

};
