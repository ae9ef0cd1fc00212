/**
 * How a Swarm deploy fails: Swarm rolled an update back (the `rolled-back` failure reason), or a
 * service's tasks did not come up in time.
 */

/** The words every SwarmRolledBackError message holds: the report's error is text, this finds it there. */
const ROLLED_BACK = 'failed and Swarm rolled it back';

/**
 * True when a run's error (DeployReport.error) says Swarm rolled an update back: the failure
 * classifier maps it to the `failure-reason` `rolled-back`.
 */
export function isSwarmRollback(error: string | undefined): boolean {
  return error !== undefined && error.includes(ROLLED_BACK);
}

/** A rolling update failed and Swarm brought the previous spec back (failure action rollback). */
export class SwarmRolledBackError extends Error {
  /** The action's `failure-reason` for this failure. */
  readonly reason = 'rolled-back';

  constructor(
    readonly resource: string,
    readonly service: string,
    detail: string,
  ) {
    super(`resource '${resource}': the update of service '${service}' ${ROLLED_BACK}${detail ? `: ${detail}` : ''}`);
    this.name = 'SwarmRolledBackError';
  }
}

/** A service whose tasks did not all run (or kept failing) within the wait. */
export class SwarmConvergeError extends Error {
  constructor(
    readonly resource: string,
    readonly service: string,
    detail: string,
  ) {
    super(`resource '${resource}': service '${service}' did not converge: ${detail}`);
    this.name = 'SwarmConvergeError';
  }
}
