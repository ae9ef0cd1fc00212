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
//
// This file is CommonJS (bin/package.json): node then starts without its ES module loader, which
// only a deploy (whose chunks are ES modules) loads, through import().
'use strict';
const { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, readdirSync } = require('node:fs');
const { createRequire } = require('node:module');
const { homedir } = require('node:os');
const { basename, dirname, join } = require('node:path');
const { pathToFileURL } = require('node:url');
const { Script } = require('node:vm');

const DIST = pathToFileURL(join(__dirname, '..', 'dist') + '/');
const SCRIPT = join(__dirname, '..', 'dist', 'index.script.js');

/**
 * A 32-bit FNV-1a hash of `text`, in hex: it names a checkout's cache (node:crypto would load
 * node's stream stack, which a validate does not otherwise need).
 */
function fnv1a(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** Where this bundle's code cache is kept, or undefined when caching is off or has no home. */
function cacheFile() {
  if (process.env.HOTDOCK_COMPILE_CACHE === '0') return undefined;
  const base = process.env.XDG_CACHE_HOME || (homedir() ? join(homedir(), '.cache') : '');
  if (!base) return undefined;
  // V8 checks the source and its own version and flags; the name only keeps bundles apart: one
  // cache per checkout (the hash of its path), replaced when its bundle or node changes.
  const { size, mtimeMs } = statSync(SCRIPT);
  const checkout = fnv1a(SCRIPT);
  return join(base, 'hotdock', `${checkout}-${process.version}-${process.arch}-${size}-${Math.trunc(mtimeMs)}.v8`);
}

function readCache(file) {
  try {
    return file ? readFileSync(file) : undefined;
  } catch {
    return undefined;
  }
}

/** Writes the cache, replacing this checkout's older ones: atomically, private to the user. */
function writeCache(file, data) {
  try {
    const dir = dirname(file);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, data, { mode: 0o600 });
    renameSync(tmp, file);
    const checkout = `${basename(file).split('-')[0]}-`;
    for (const name of readdirSync(dir)) {
      if (name.startsWith(checkout) && name.endsWith('.v8') && join(dir, name) !== file) rmSync(join(dir, name), { force: true });
    }
  } catch {
    // A read-only home or a full disk only costs the next run its cache.
  }
}

/** cliMain from the script form with its code cache, and a function saving the cache after the run. */
async function loadCached() {
  const file = cacheFile();
  const cachedData = readCache(file);
  // The bundle is ASCII (scripts/bundle.mjs): read as latin1, it skips UTF-8 decoding.
  const script = new Script(readFileSync(SCRIPT, 'latin1'), { filename: SCRIPT, cachedData });
  const start = script.runInThisContext();
  const { cliMain } = await start(createRequire(SCRIPT), new URL('index.js', DIST).href, (spec) => import(new URL(spec, DIST).href));
  const save = file && (!cachedData || script.cachedDataRejected) ? () => writeCache(file, script.createCachedData()) : () => {};
  return { cliMain, save };
}

async function main() {
  let entry;
  try {
    entry = await loadCached();
  } catch {
    entry = { cliMain: (await import(new URL('index.js', DIST).href)).cliMain, save: () => {} };
  }
  process.exitCode = await entry.cliMain(process.argv.slice(2));
  // After the run: the cache then holds every function the run compiled, not only the top level.
  entry.save();
}

main();
