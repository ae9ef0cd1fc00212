/**
 * The `failure-reason` output: one word for why a run failed, from where it stopped (its phase)
 * and the errors it met. Pure: the errors' classes and causes decide, the phase breaks ties, so a
 * workflow can branch on the reason instead of parsing messages.
 */
import type { FailureReason } from '../deploy/types.js';
import { EndpointError, EngineCallError } from './errors.js';
import { ContainerStartError, WaitCancelledError } from './wait.js';
import { CancelledError } from '../cancel.js';
import { CANCELLED } from './operation-parts.js';

/** The phases of a run, in order (run.ts). */
export type RunPhase = 'connect' | 'lock' | 'observe' | 'images' | 'plan' | 'execute' | 'report';

/** What classifyFailure looks at. */
export interface FailureFacts {
  /** The phase the run stopped in. */
  phase: RunPhase;
  /** The errors met (the first cause first); their `cause` chains are followed. */
  errors: readonly unknown[];
  /** The run's signal aborted. */
  cancelled: boolean;
  /** Resources a rollback brought back. */
  rolledBack: readonly string[];
}

/** An error and every `cause` under it. */
function chain(err: unknown): unknown[] {
  const out: unknown[] = [];
  for (let e = err; e !== undefined && e !== null && !out.includes(e); e = (e as { cause?: unknown }).cause) out.push(e);
  return out;
}

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** No answer from the engine: refused, reset, timed out, unreachable. */
function unreachable(e: unknown): boolean {
  if (e instanceof EndpointError) return true;
  if (e instanceof EngineCallError) return e.timedOut || e.statusCode === undefined;
  return /cannot reach Docker endpoint/.test(messageOf(e));
}

/**
 * The reason of a failed run. Cancelled wins (whatever else broke, the run was stopped); then a
 * container that did not prove itself; then an endpoint that did not answer; then what the phase
 * says: connect → an endpoint (or the placement, a template matter), lock → held by another run,
 * images → image unavailable, execute → rolled back when anything was; else internal.
 */
export function classifyFailure(facts: FailureFacts): FailureReason {
  const all = facts.errors.flatMap(chain);
  const cancelled = facts.cancelled || all.some((e) => e instanceof CancelledError || e instanceof WaitCancelledError || messageOf(e) === CANCELLED);
  if (cancelled) return 'cancelled';
  if (all.some((e) => e instanceof ContainerStartError)) return 'health-failed';
  if (all.some(unreachable)) return 'endpoint-unreachable';
  switch (facts.phase) {
    case 'connect':
      return 'template-invalid';
    case 'lock':
      return all.some((e) => /is locked by run/.test(messageOf(e))) ? 'lock-held' : 'internal';
    case 'images':
      return 'image-unavailable';
    case 'execute':
    case 'report':
      return facts.rolledBack.length > 0 ? 'rolled-back' : 'internal';
    default:
      return 'internal';
  }
}
