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
const kept = (name) => name === 'package.json' || name.endsWith('.js');
const MODULE_WRAPPER = /^\/\*\*\*\/ \(\(([A-Za-z_$][\w$]*(?:, [A-Za-z_$][\w$]*)*)\) => \{$/gm;
const eagerWrappers = (code) => code.replace(MODULE_WRAPPER, '/***/ (function($1) {');
// Outside identifiers (which here are ASCII), \uXXXX means the same character: in strings,
// template literals, regular expressions and comments alike.
const asciiOnly = (code) => code.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

try {
  execFileSync(
    process.execPath,
    ['node_modules/@vercel/ncc/dist/ncc/cli.js', 'build', 'src/index.ts', '-o', out, '--target', 'es2022', '--quiet', '--no-source-map-register'],
    { stdio: 'inherit' },
  );
  for (const name of readdirSync(out)) {
    const path = join(out, name);
    if (statSync(path).isDirectory() || !kept(name)) rmSync(path, { recursive: true, force: true });
    else if (name.endsWith('.js')) {
      const code = readFileSync(path, 'utf8');
      writeFileSync(path, banner + (name === 'index.js' ? asciiOnly(eagerWrappers(code)) : code));
    }
  }
  rmSync(dist, { recursive: true, force: true });
  renameSync(out, dist);
  chmodSync(dist, 0o755);
} finally {
  rmSync(out, { recursive: true, force: true });
}
