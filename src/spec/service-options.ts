/**
 * `metadata.hotdock` of a resource deployed as a Swarm service: replicas, the rolling-update
 * policy and the publish mode. Heat keeps `metadata` free-form; these keys are hotdock's, checked
 * here with errors that name the key.
 */
import { isMap } from './coerce.js';

/** The rolling-update policy (`metadata.hotdock.update`); durations in seconds. */
export interface UpdatePolicy {
  /** Tasks updated at once (0: all). Default 1. */
  parallelism: number;
  /** Seconds between batches. Default 0. */
  delay: number;
  /** Undefined: start-first, unless a host-mode published port forbids two tasks at once. */
  order?: 'start-first' | 'stop-first';
  /** Default `rollback`: Swarm brings the previous spec back when the update fails. */
  failureAction: 'rollback' | 'pause' | 'continue';
  /** Seconds a new task must keep running to count as updated. Default: `stable-seconds`. */
  monitor: number;
  /** Failed tasks tolerated, as a fraction. Default 0. */
  maxFailureRatio: number;
}

/** Every service knob of one resource. */
export interface ServiceOptions {
  replicas: number;
  /** `ingress` (default: the routing mesh) or `host` (each task on its node's port). */
  publish: 'ingress' | 'host';
  update: UpdatePolicy;
}

/** A `metadata.hotdock` value that hotdock cannot use. */
export class MetadataError extends Error {
  constructor(
    readonly key: string,
    message: string,
  ) {
    super(`metadata '${key ? `hotdock.${key}` : 'hotdock'}': ${message}`);
    this.name = 'MetadataError';
  }
}

function wholeNumber(key: string, v: unknown): number {
  const n = typeof v === 'string' && /^\d+$/.test(v.trim()) ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) throw new MetadataError(key, `expected a whole number ≥ 0, got ${JSON.stringify(v)}`);
  return n;
}

function secondsOf(key: string, v: unknown): number {
  const n = typeof v === 'string' && /^\d+(\.\d+)?$/.test(v.trim()) ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isFinite(n) || n < 0) throw new MetadataError(key, `expected seconds ≥ 0, got ${JSON.stringify(v)}`);
  return n;
}

function oneOf<T extends string>(key: string, v: unknown, allowed: readonly T[]): T {
  if (typeof v !== 'string' || !allowed.includes(v as T)) throw new MetadataError(key, `expected one of ${allowed.join(', ')}, got ${JSON.stringify(v)}`);
  return v as T;
}

const UPDATE_KEYS = ['parallelism', 'delay', 'order', 'failure_action', 'monitor', 'max_failure_ratio'];
// `placement` is the pool placement's (template/placement-checks.ts): Swarm places the tasks itself.
const KEYS = ['replicas', 'publish', 'update', 'placement'];

function unknownKeys(map: Record<string, unknown>, known: string[], prefix: string): void {
  for (const k of Object.keys(map)) {
    if (!known.includes(k)) throw new MetadataError(`${prefix}${k}`, `unknown key (known: ${known.join(', ')})`);
  }
}

function updatePolicy(v: unknown, stableSeconds: number): UpdatePolicy {
  const u = v === undefined || v === null ? {} : v;
  if (!isMap(u)) throw new MetadataError('update', 'expected a mapping');
  unknownKeys(u, UPDATE_KEYS, 'update.');
  const given = (k: string): boolean => u[k] !== undefined && u[k] !== null;
  const ratio = given('max_failure_ratio') ? secondsOf('update.max_failure_ratio', u.max_failure_ratio) : 0;
  if (ratio > 1) throw new MetadataError('update.max_failure_ratio', `expected a fraction between 0 and 1, got ${ratio}`);
  return {
    parallelism: given('parallelism') ? wholeNumber('update.parallelism', u.parallelism) : 1,
    delay: given('delay') ? secondsOf('update.delay', u.delay) : 0,
    ...(given('order') ? { order: oneOf('update.order', u.order, ['start-first', 'stop-first'] as const) } : {}),
    failureAction: given('failure_action') ? oneOf('update.failure_action', u.failure_action, ['rollback', 'pause', 'continue'] as const) : 'rollback',
    monitor: given('monitor') ? secondsOf('update.monitor', u.monitor) : stableSeconds,
    maxFailureRatio: ratio,
  };
}

/** The service knobs of a resource's metadata (`stableSeconds`: the default monitor window). */
export function serviceOptionsOf(metadata: Record<string, unknown> | undefined, stableSeconds: number): ServiceOptions {
  const h = metadata?.hotdock ?? {};
  if (!isMap(h)) throw new MetadataError('', 'expected a mapping');
  unknownKeys(h, KEYS, '');
  return {
    replicas: h.replicas === undefined || h.replicas === null ? 1 : wholeNumber('replicas', h.replicas),
    publish: h.publish === undefined || h.publish === null ? 'ingress' : oneOf('publish', h.publish, ['ingress', 'host'] as const),
    update: updatePolicy(h.update, stableSeconds),
  };
}
