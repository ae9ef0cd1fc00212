// Builds dist/ with ncc: ESM, dist/index.js (the action, and the CLI through its export) plus the
// chunks of its dynamic imports. ncc's output is then made self-sufficient and lean:
// - ssh2 (via dockerode) reads __dirname at load time, which ESM does not define: every chunk
//   gets __filename/__dirname from import.meta.url;
// - assets only lazily used by features hotdock never calls (buildkit and grpc .proto files with
//   their licences, ssh2's Windows Pageant helper, optional native addons) are dropped;
// - in index.js, each module's wrapper becomes a parenthesised `function` expression instead of an
//   arrow. V8 compiles such a function as it parses the file ("PIFE" heuristic), where an arrow
//   is pre-parsed first and parsed again when webpack calls it: every module of index.js runs at
//   load, so the second parse was pure cost (its import: 69 → 44 ms on a 2-core runner). The
//   chunks keep arrows: they hold modules that may never run, which eager compiling would waste.
//   Its few non-ASCII characters (arrows and ellipses in messages and comments) are written as
//   \u escapes: one of them makes V8 hold the whole source two bytes a character.
//   webpack calls each wrapper with `.call(module.exports, …)` and ESM code has no top-level
//   `this`, so the change is behaviour-neutral.
// - dist/index.script.js is index.js again as a classic script: one async function taking
//   `require`, the module URL and `import`. The CLI (bin/hotdock.js) compiles it with vm.Script
//   and keeps V8's code cache of it in the user's cache folder, which ES modules cannot do
//   before node 22. The action runs index.js itself.
// It builds into a temporary folder first, so a failed build leaves dist/ as it was.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, rmSync, renameSync, mkdtempSync, readdirSync, statSync, chmodSync } from 'node:fs';
import { join } from 'node:path';

const dist = 'dist';
const out = mkdtempSync(join('node_modules', '.hotdock-bundle-'));
const banner =
  "import { fileURLToPath as __hotdockFileURLToPath } from 'node:url';\n" +
  "import { dirname as __hotdockDirname } from 'node:path';\n" +
  'const __filename = __hotdockFileURLToPath(import.meta.url);\n' +
  'const __dirname = __hotdockDirname(__filename);\n';
// licenses.txt: the licence of every package bundled into dist/ (ncc --license), shipped with it.
const kept = (name) => name === 'package.json' || name === 'licenses.txt' || name.endsWith('.js');
const MODULE_WRAPPER = /^\/\*\*\*\/ \(\(([A-Za-z_$][\w$]*(?:, [A-Za-z_$][\w$]*)*)\) => \{$/gm;
const eagerWrappers = (code) => code.replace(MODULE_WRAPPER, '/***/ (function($1) {');
// Outside identifiers (which here are ASCII), \uXXXX means the same character: in strings,
// template literals, regular expressions and comments alike.
const asciiOnly = (code) => code.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** `from` → `to` in `code`, which must hold `from` exactly `times` times (ncc's output changed otherwise). */
function swap(code, from, to, times = 1) {
  const parts = code.split(from);
  if (parts.length - 1 !== times) throw new Error(`bundle: expected ${times} of ${JSON.stringify(from)} in index.js, found ${parts.length - 1}`);
  return parts.join(to);
}

/** index.js (as ncc wrote it, without the banner) as the body of an async function: see above. */
function scriptOf(code) {
  let body = swap(code, 'import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";',
    'const __WEBPACK_EXTERNAL_createRequire = require("module").createRequire;');
  body = swap(body, 'var promise = import("./" + __nccwpck_require__.u(chunkId))', 'var promise = __hotdockImport("./" + __nccwpck_require__.u(chunkId))');
  body = swap(body, '/******/ export { __webpack_exports__cliMain as cliMain };', '/******/ return { cliMain: __webpack_exports__cliMain };');
  body = body.split('import.meta.url').join('__hotdockImportMetaUrl');
  // (`import()` inside the comments webpack writes is no call.)
  const left = /^\s*(?:import|export)\b.*$|(?<!\/\* |\/\/ )\bimport\(/m.exec(body);
  if (left) throw new Error(`bundle: index.js has module syntax the script form does not handle: ${left[0]}`);
  return [
    '// index.js as a classic script, for the CLI\'s code cache (scripts/bundle.mjs, bin/hotdock.js).',
    '(async function (require, __hotdockImportMetaUrl, __hotdockImport) {',
    "'use strict';",
    "const __filename = require('node:url').fileURLToPath(__hotdockImportMetaUrl);",
    "const __dirname = require('node:path').dirname(__filename);",
    body,
    '})',
    '',
  ].join('\n');
}

/**
 * ncc's licence list misses some packages it bundles (seen: js-yaml 5, an ES module): every
 * runtime dependency of package.json not in it is added, with its own LICENSE file, in ncc's form
 * (name, licence id, text, blank line).
 */
function completeLicences(file) {
  let text = readFileSync(file, 'utf8');
  const listed = new Set(text.split('\n'));
  const { dependencies } = JSON.parse(readFileSync('package.json', 'utf8'));
  for (const name of Object.keys(dependencies).sort()) {
    if (listed.has(name)) continue;
    const dir = join('node_modules', name);
    const licence = readdirSync(dir).find((f) => /^licen[cs]e(\.md|\.txt)?$/i.test(f));
    if (!licence) throw new Error(`bundle: ${name} has no LICENSE file to ship in dist/licenses.txt`);
    const id = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).license;
    text += `\n${name}\n${id}\n${readFileSync(join(dir, licence), 'utf8').trim()}\n`;
  }
  writeFileSync(file, text);
}

try {
  execFileSync(
    process.execPath,
    ['node_modules/@vercel/ncc/dist/ncc/cli.js', 'build', 'src/index.ts', '-o', out, '--target', 'es2022', '--quiet', '--no-source-map-register', '--license', 'licenses.txt'],
    { stdio: 'inherit' },
  );
  completeLicences(join(out, 'licenses.txt'));
  for (const name of readdirSync(out)) {
    const path = join(out, name);
    if (statSync(path).isDirectory() || !kept(name)) rmSync(path, { recursive: true, force: true });
    else if (name.endsWith('.js')) {
      const code = readFileSync(path, 'utf8');
      if (name !== 'index.js') {
        writeFileSync(path, banner + code);
        continue;
      }
      const main = asciiOnly(eagerWrappers(code));
      writeFileSync(path, banner + main);
      writeFileSync(join(out, 'index.script.js'), scriptOf(main));
    }
  }
  rmSync(dist, { recursive: true, force: true });
  renameSync(out, dist);
  chmodSync(dist, 0o755);
} finally {
  rmSync(out, { recursive: true, force: true });
}
