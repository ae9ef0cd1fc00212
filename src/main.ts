import * as core from '@actions/core';
import Docker from 'dockerode';

/** Wires the action's inputs to the pipeline. The one place that catches. */
export async function run(): Promise<void> {
  try {
    core.info(`hotdock ${typeof Docker}`);
  } catch (err) {
    core.setFailed(err instanceof Error ? err.message : String(err));
  }
}
