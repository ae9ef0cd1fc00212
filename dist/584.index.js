import { fileURLToPath as __hotdockFileURLToPath } from 'node:url';
import { dirname as __hotdockDirname } from 'node:path';
const __filename = __hotdockFileURLToPath(import.meta.url);
const __dirname = __hotdockDirname(__filename);
export const id = 584;
export const ids = [584];
export const modules = {

/***/ 6584:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   githubClient: () => (/* binding */ githubClient)
/* harmony export */ });
/* harmony import */ var _actions_github__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2413);
/**
 * The GitHub API client: @actions/github's octokit (the only importer of it), pointed at the run's
 * GITHUB_API_URL, with a deadline on every request so a slow API never holds a deploy.
 */

/** Milliseconds one API request may take. */
const REQUEST_TIMEOUT_MS = 20_000;
/** A client for `apiUrl` authenticated with `token`. */
function githubClient(token, apiUrl) {
    const client = (0,_actions_github__WEBPACK_IMPORTED_MODULE_0__/* .getOctokit */ .Q)(token, { baseUrl: apiUrl, userAgent: 'hotdock' });
    client.hook.wrap('request', (request, options) => request({ ...options, request: { ...options.request, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) } }));
    return client;
}


/***/ })

};
