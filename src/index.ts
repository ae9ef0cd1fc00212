/**
 * The bundle's entry. The runner executes this file: then it runs the action. bin/hotdock.js
 * imports it for `cliMain` instead, so one bundle serves both and the action's run stays put.
 */
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

export { cliMain } from './cli.js';

/** True when this module is the process's main script (not imported by the CLI or a test). */
function isMainModule(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return pathToFileURL(realpathSync(script)).href === import.meta.url;
  } catch {
    return false;
  }
}

// The action's module (and @actions/core with it) loads only when the runner runs this file.
if (isMainModule()) await (await import('./main.js')).run();
