#!/usr/bin/env node
// The CLI: the same committed bundle the action runs, entered through cliMain.
//
// It runs dist/index.script.js, the bundle written as a classic script (scripts/bundle.mjs), so
// V8 can reuse its compiled code from one run to the next: the code cache lives in the user's
// cache folder ($XDG_CACHE_HOME/hotdock or ~/.cache/hotdock, private to the user) and is written
// after a run that found none, or found one V8 refused (another node, other V8 flags). Compiling
// the bundle is a third of what `hotdock validate` costs beyond node's own start; with the cache
// it is mostly gone. Any problem with the script form or the cache falls back to importing
// dist/index.js. HOTDOCK_COMPILE_CACHE=0 turns the cache off.
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

const DIST = new URL('../dist/', import.meta.url);
const SCRIPT = fileURLToPath(new URL('index.script.js', DIST));

/** Where this bundle's code cache is kept, or undefined when caching is off or has no home. */
function cacheFile() {
  if (process.env.HOTDOCK_COMPILE_CACHE === '0') return undefined;
  const base = process.env.XDG_CACHE_HOME || (homedir() ? join(homedir(), '.cache') : '');
  if (!base) return undefined;
  // V8 checks the source and its own version and flags; the name only keeps bundles apart.
  const { size, mtimeMs } = statSync(SCRIPT);
  return join(base, 'hotdock', `bundle-${process.version}-${process.arch}-${size}-${Math.trunc(mtimeMs)}.v8`);
}

function readCache(file) {
  try {
    return file ? readFileSync(file) : undefined;
  } catch {
    return undefined;
  }
}

/** Writes the cache beside older ones, which it replaces: atomically, private to the user. */
function writeCache(file, data) {
  try {
    const dir = join(file, '..');
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, data, { mode: 0o600 });
    renameSync(tmp, file);
    for (const name of readdirSync(dir)) {
      if (name.startsWith('bundle-') && name.endsWith('.v8') && join(dir, name) !== file) rmSync(join(dir, name), { force: true });
    }
  } catch {
    // A read-only home or a full disk only costs the next run its cache.
  }
}

/** cliMain from the script form with its code cache, and a function saving the cache after the run. */
async function loadCached() {
  const file = cacheFile();
  const cachedData = readCache(file);
  const script = new Script(readFileSync(SCRIPT, 'utf8'), { filename: SCRIPT, cachedData });
  const start = script.runInThisContext();
  const { cliMain } = await start(createRequire(SCRIPT), new URL('index.js', DIST).href, (spec) => import(new URL(spec, DIST).href));
  const save = file && (!cachedData || script.cachedDataRejected) ? () => writeCache(file, script.createCachedData()) : () => {};
  return { cliMain, save };
}

let entry;
try {
  entry = await loadCached();
} catch {
  entry = { cliMain: (await import('../dist/index.js')).cliMain, save: () => {} };
}
process.exitCode = await entry.cliMain(process.argv.slice(2));
// After the run: the cache then holds every function the run compiled, not only the top level.
entry.save();
