/**
 * The plan hash: what a reviewed-plan check compares. A plan is normalised to one entry per
 * operation (resource, endpoint, action, the desired config hash — which covers every field — and
 * the image with its local id), sorted, and hashed with a salt: the pull request's URL, so a hash
 * reviewed on one pull request never vouches for another's. Pure.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from './hash.js';
import type { PlanNode, PlanNodeType } from './types.js';

/** Version prefix: bump when the normalisation changes, so old hashes never falsely match. */
const VERSION = 'p1';

/** One operation of the normalised plan. */
export interface PlanHashEntry {
  resource: string;
  endpoint: string;
  action: PlanNodeType;
  /** The desired container's config hash (every field), else the found container's. */
  config: string;
  /** Image reference the operation runs (desired), else the found container's. */
  image: string;
  /** Local image id (digest) when known: a moved tag changes it. Empty when the engine has no such image yet. */
  imageId: string;
}

/** The normalised plan of a run: one entry per node, in a fixed order (independent of node ids). */
export function normalisePlan(nodes: readonly PlanNode[]): PlanHashEntry[] {
  const entries = nodes.map((n) => ({
    resource: n.resource,
    endpoint: n.endpoint,
    action: n.type,
    config: n.desired?.configHash ?? n.observed?.configHash ?? '',
    image: n.desired?.image ?? n.observed?.image ?? '',
    imageId: (n.desired ? n.desired.imageId : n.observed?.imageId) ?? '',
  }));
  return inOrder(entries);
}

/** Entries in one fixed order (by their canonical text), whatever order they came in. */
function inOrder(entries: readonly PlanHashEntry[]): PlanHashEntry[] {
  const keyed = entries.map((e) => [canonicalJson(e), e] as const);
  return keyed.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, e]) => e);
}

/** `p1:<sha256 hex>` of the normalised plan, salted (the pull request's URL; '' when none). */
export function planHash(entries: readonly PlanHashEntry[], salt: string): string {
  const text = canonicalJson({ salt, plan: inOrder(entries) });
  return `${VERSION}:${createHash('sha256').update(text).digest('hex')}`;
}

/**
 * True when a deploy's plan is the plan checked just before it, image ids aside where the check
 * knew none: a plan run only looks, so an image the engine did not have yet has no id there, and
 * the deploy pulls it. Any other difference — an operation, a field, a tag that moved — is a
 * different plan.
 */
export function sameAsChecked(checked: readonly PlanHashEntry[], now: readonly PlanHashEntry[]): boolean {
  if (checked.length !== now.length) return false;
  const forget = (e: PlanHashEntry, keepId: boolean) => canonicalJson({ ...e, imageId: keepId ? e.imageId : '' });
  const want = checked.map((e) => forget(e, e.imageId !== '')).sort();
  const have = now.map((e) => {
    const twin = checked.find((c) => c.resource === e.resource && c.endpoint === e.endpoint && c.action === e.action);
    return forget(e, twin?.imageId !== '' && twin !== undefined);
  }).sort();
  return want.every((w, i) => w === have[i]);
}
