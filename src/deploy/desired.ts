/**
 * Turns resolved resources into desired containers: placement, runtime references completed
 * against the containers known so far, the Engine API body, labels and the config hash.
 */
import type { EndpointTarget } from '../spec/types.js';
import type { ResolvedResource } from '../template/types.js';
import { containerNameFor, toCreateBody } from '../spec/create-options.js';
import { evaluateRuntime, type RuntimeValues } from '../template/resolve.js';
import { configFieldsLabel, configHash } from './hash.js';
import type { DesiredContainer, RuntimeRef as DesiredRef } from './types.js';
import { LABEL_CONFIG_FIELDS, LABEL_CONFIG_HASH, LABEL_DELETION_POLICY, LABEL_RESOURCE, LABEL_REVISION, LABEL_STACK, LABEL_TEMPLATE } from '../spec/labels.js';

/**
 * Informational label carrying the resource's deletion_policy, so a prune can honour `Retain`
 * after the resource left the template. Not hashed: changing the policy alone replaces nothing.
 */

/** What buildDesired needs besides the resource. */
export interface DesiredContext {
  stackName: string;
  /** Where each resource goes (placeResources). */
  placement: ReadonlyMap<string, EndpointTarget>;
  /** Completes get_resource / get_attr against known containers. */
  runtime: RuntimeValues;
  /** `<endpoint>\0<image>` → local image id after the pull policy ran. */
  imageIds?: ReadonlyMap<string, string>;
  /** Informational labels. */
  revision?: string;
  template?: string;
}

/** A reference a value makes to another resource at deploy time. */
export type RuntimeRef = DesiredRef;

/** Key of the imageIds map. */
export function imageKey(endpoint: string, image: string): string {
  return `${endpoint}\u0000${image}`;
}

/** Every get_resource / get_attr node left in a resolved value. */
export function runtimeRefs(value: unknown, out: RuntimeRef[] = []): RuntimeRef[] {
  if (Array.isArray(value)) {
    for (const v of value) runtimeRefs(v, out);
  } else if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 1 && entries[0][0] === 'get_resource' && typeof entries[0][1] === 'string') {
      out.push({ resource: entries[0][1] });
    } else if (entries.length === 1 && entries[0][0] === 'get_attr' && Array.isArray(entries[0][1])) {
      const [name, attr] = entries[0][1] as unknown[];
      // get_attr [resource] (every attribute, 2015-10-15) reads the inspect result and the logs.
      if (attr === undefined) out.push({ resource: String(name), attr: 'info' }, { resource: String(name), attr: 'logs' });
      else out.push({ resource: String(name), attr: String(attr) });
    } else {
      for (const [, v] of entries) runtimeRefs(v, out);
    }
  }
  return out;
}

/** The other resources' containers a resource reads at deploy time, each reference once. */
function readsOf(resource: ResolvedResource): RuntimeRef[] {
  const seen = new Set<string>();
  return runtimeRefs(resource.properties).filter((r) => {
    const key = `${r.resource}\u0000${r.attr ?? ''}`;
    if (r.resource === resource.name || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The `docker_endpoint` property as placement input (a runtime reference there is not supported). */
export function endpointRefOf(resource: ResolvedResource): string | undefined {
  const v = resource.properties.docker_endpoint;
  return typeof v === 'string' && v.trim() !== '' ? v : undefined;
}

/** The image reference of a resource, with runtime references completed. */
export function imageOf(resource: ResolvedResource, runtime: RuntimeValues): string {
  const v = evaluateRuntime(resource.properties.image, runtime);
  if (typeof v !== 'string' || v.trim() === '') throw new Error(`resource '${resource.name}': property 'image' is required`);
  return v.trim();
}

/**
 * The desired container of one resource. The hash covers the body with hotdock's identity labels
 * only (stack, resource): informational labels are added after hashing, so a new revision or a
 * moved template file replaces nothing.
 */
export function buildDesired(resource: ResolvedResource, ctx: DesiredContext): DesiredContainer {
  const endpoint = ctx.placement.get(resource.name);
  if (!endpoint) throw new Error(`resource '${resource.name}' has no endpoint`);
  let name: string;
  let body: Record<string, unknown>;
  try {
    // Functions kept for deploy time run here and may throw: the failure is this resource's.
    const properties = evaluateRuntime(resource.properties, ctx.runtime) as Record<string, unknown>;
    const evaluated: ResolvedResource = { ...resource, properties };
    name = containerNameFor(evaluated, ctx.stackName);
    body = toCreateBody(evaluated, {
      stackName: ctx.stackName,
      containerName: name,
      labels: { [LABEL_STACK]: ctx.stackName, [LABEL_RESOURCE]: resource.name },
    });
  } catch (err) {
    throw new Error(`resource '${resource.name}': ${(err as Error).message}`, { cause: err });
  }
  const hash = configHash(body);
  const labels: Record<string, string> = { ...((body.Labels as Record<string, string>) ?? {}) };
  labels[LABEL_CONFIG_HASH] = hash;
  // Per-field digests: lets the next plan say which property changed.
  labels[LABEL_CONFIG_FIELDS] = configFieldsLabel(body);
  labels[LABEL_DELETION_POLICY] = resource.deletionPolicy;
  if (ctx.revision) labels[LABEL_REVISION] = ctx.revision;
  if (ctx.template) labels[LABEL_TEMPLATE] = ctx.template;
  const image = String(body.Image);
  return {
    resource: resource.name,
    endpoint,
    name,
    body: { ...body, Labels: labels },
    configHash: hash,
    image,
    imageId: ctx.imageIds?.get(imageKey(endpoint.name, image)),
    dependsOn: [...resource.dependsOn],
    deletionPolicy: resource.deletionPolicy,
    reads: readsOf(resource),
  };
}

/**
 * The desired container as far as a plan can know it. A property computed (by a function kept for
 * deploy time) from a container this run has yet to create cannot be evaluated now: it is left out
 * here, so the step shows a change, and the executor rebuilds the whole resource once that
 * container exists. Any other failure is the resource's own and is thrown.
 */
export function buildPlannedDesired(
  resource: ResolvedResource,
  ctx: DesiredContext,
  pending: ReadonlySet<string>,
): DesiredContainer {
  try {
    return buildDesired(resource, ctx);
  } catch (err) {
    if (!runtimeRefs(resource.properties).some((r) => pending.has(r.resource))) throw err;
    const known: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(resource.properties)) {
      try {
        evaluateRuntime(value, ctx.runtime);
        known[key] = value;
      } catch {
        // Known at deploy time only.
      }
    }
    // Reads of the whole resource, deferred properties included: they are what a bind completes.
    return { ...buildDesired({ ...resource, properties: known }, ctx), reads: readsOf(resource) };
  }
}

/** Container names a body refers to through HostConfig.Links and HostConfig.VolumesFrom. */
function containerReferences(body: Record<string, unknown>): string[] {
  const host = (body.HostConfig ?? {}) as { Links?: unknown; VolumesFrom?: unknown };
  const links = Array.isArray(host.Links) ? host.Links.map((l) => String(l).split(':')[0].replace(/^\//, '')) : [];
  const from = Array.isArray(host.VolumesFrom) ? host.VolumesFrom.map((v) => String(v).split(':')[0]) : [];
  return [...links, ...from];
}

/**
 * Adds the order that `links` and `volumes_from` imply: a container can only link to, or take
 * volumes from, one that exists. A name matches a resource by its container name (or by the
 * resource's own name). An edge that would close a cycle is left out: Docker reports that case.
 */
export function addContainerReferences(desired: DesiredContainer[]): void {
  const byName = new Map<string, string>();
  for (const d of desired) byName.set(d.resource, d.resource);
  for (const d of desired) byName.set(d.name, d.resource);
  const deps = new Map(desired.map((d) => [d.resource, d.dependsOn]));
  const reaches = (from: string, target: string): boolean => {
    const seen = new Set<string>();
    const todo = [from];
    while (todo.length > 0) {
      const cur = todo.pop() as string;
      if (cur === target) return true;
      if (seen.has(cur)) continue;
      seen.add(cur);
      todo.push(...(deps.get(cur) ?? []));
    }
    return false;
  };
  for (const d of desired) {
    for (const ref of containerReferences(d.body)) {
      const target = byName.get(ref);
      if (!target || target === d.resource || d.dependsOn.includes(target) || reaches(target, d.resource)) continue;
      d.dependsOn.push(target);
    }
  }
}
