/**
 * The bundle's entry. The runner executes this file twice per job: as the main step, which runs
 * the action, and as the post step (`runs.post`), which repairs whatever a cancelled or killed main
 * step left. The main step saves the `isPost` state, so the runner hands the post step
 * `STATE_isPost` (as actions/checkout tells its two steps apart). bin/hotdock.js imports this file
 * for `cliMain` instead, so one bundle serves both and the action's run stays put.
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

/** True in the post step: core.getState('isPost'), read without loading @actions/core. */
function isPostStep(): boolean {
  return Boolean(process.env.STATE_isPost);
}

// The action's modules (and @actions/core with them) load only when the runner runs this file.
if (isMainModule()) {
  if (isPostStep()) await (await import('./post.js')).post();
  else await (await import('./action.js')).runMainStep();
}
