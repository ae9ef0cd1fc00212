/**
 * The Swarm side of planning, pure: desired services (spec, hashes, labels) and the plan that
 * turns the services found into them — create, update, unchanged or remove, each with its
 * reasons. A service's `io.hotdock.config-hash` decides "update or keep", as a container's does;
 * per-field digests beside it say which property changed.
 */
import { createHash } from 'node:crypto';
import type { ResolvedResource } from '../template/types.js';
import { toServiceSpec, type ServiceContext } from '../spec/service-spec.js';
import { LABEL_CONFIG_FIELDS, LABEL_CONFIG_HASH, LABEL_DELETION_POLICY, LABEL_RESOURCE, LABEL_REVISION, LABEL_TEMPLATE } from '../spec/labels.js';
import { canonicalJson, parseConfigFields } from './hash.js';
import type { PlanLine, PlanNodeType } from './types.js';

/** Task label: digest of what the tasks run (task template and ports); tells new tasks from old. */
export const LABEL_TASK_HASH = 'io.hotdock.task-hash';

/** A service the template wants. */
export interface DesiredService {
  resource: string;
  name: string;
  /** The ServiceSpec to send, labels included. */
  spec: Record<string, unknown>;
  replicas: number;
  configHash: string;
  /** Digest of the task template and ports: the tasks of this spec carry it (LABEL_TASK_HASH). */
  taskHash: string;
  /** The update policy's failure action (`rollback`: Swarm may roll the update back). */
  failureAction: string;
  dependsOn: string[];
}

/** A service found on the manager with the stack's label. */
export interface ObservedService {
  id: string;
  name: string;
  /** Spec version: an update must name it. */
  version: number;
  resource: string;
  labels: Record<string, string>;
  replicas?: number;
  image?: string;
  /** UpdateStatus of the last rolling update, as the manager reports it. */
  updateState?: string;
  updateStartedAt?: string;
}

/** What the desired services need besides the resources. */
export interface ServiceDesiredContext extends ServiceContext {
  revision?: string;
  template?: string;
}

/** The kind of one service operation. */
export type ServiceAction = 'create' | 'update' | 'unchanged' | 'remove' | 'retain';

/** One operation of a service plan. */
export interface ServicePlanEntry {
  action: ServiceAction;
  resource: string;
  service: string;
  reasons: string[];
  desired?: DesiredService;
  observed?: ObservedService;
}

const VERSION = 'v1';
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** Spec paths → the names users know (template property or metadata key), in reason order. */
const FIELDS: readonly [path: string, field: string][] = [
  ['TaskTemplate.ContainerSpec.Image', 'image'], ['TaskTemplate.ContainerSpec.Args', 'cmd'], ['TaskTemplate.ContainerSpec.Env', 'env'],
  ['EndpointSpec', 'ports'], ['TaskTemplate.ContainerSpec.Mounts', 'volumes'], ['TaskTemplate.ContainerSpec.Hostname', 'hostname'],
  ['TaskTemplate.ContainerSpec.User', 'user'], ['TaskTemplate.ContainerSpec.TTY', 'tty'], ['TaskTemplate.ContainerSpec.OpenStdin', 'open_stdin'],
  ['TaskTemplate.ContainerSpec.DNSConfig', 'dns'], ['TaskTemplate.RestartPolicy', 'restart_policy'],
  ['TaskTemplate.ContainerSpec.CapabilityAdd', 'cap_add'], ['TaskTemplate.ContainerSpec.CapabilityDrop', 'cap_drop'],
  ['TaskTemplate.ContainerSpec.ReadOnly', 'read_only'], ['TaskTemplate.Resources', 'memory'],
  ['Mode', 'replicas'], ['UpdateConfig', 'update'], ['RollbackConfig', 'update'], ['Labels', 'labels'],
];
const FIELD_ORDER = [...new Set(FIELDS.map(([, f]) => f))];

function at(spec: Record<string, unknown>, path: string): unknown {
  let node: unknown = spec;
  for (const part of path.split('.')) node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined;
  return node;
}

/** Short digest per field of a spec (fields not set are left out). */
function fieldDigests(spec: Record<string, unknown>): Record<string, string> {
  const grouped = new Map<string, Record<string, unknown>>();
  for (const [path, field] of FIELDS) {
    const value = at(spec, path);
    if (value !== undefined) grouped.set(field, { ...grouped.get(field), [path]: value });
  }
  return Object.fromEntries([...grouped].sort(([a], [b]) => (a < b ? -1 : 1)).map(([f, v]) => [f, sha256(canonicalJson(v)).slice(0, 8)]));
}

/**
 * The desired service of one resource (`replicas` overrides `metadata.hotdock.replicas`: the
 * ResourceGroup hook). The config hash covers the spec with identity labels only; the tasks get
 * the task hash, so a replicas-only change leaves them running.
 */
export function buildDesiredService(resource: ResolvedResource, ctx: ServiceDesiredContext, replicas?: number): DesiredService {
  let built: ReturnType<typeof toServiceSpec>;
  try {
    built = toServiceSpec(resource, ctx, replicas);
  } catch (err) {
    throw new Error(`resource '${resource.name}': ${(err as Error).message}`, { cause: err });
  }
  const spec = built.spec;
  const task = spec.TaskTemplate as Record<string, unknown>;
  const taskHash = `${VERSION}:${sha256(canonicalJson({ task, ports: spec.EndpointSpec ?? null }))}`;
  task.ContainerSpec = { ...(task.ContainerSpec as object), Labels: { [LABEL_TASK_HASH]: taskHash } };
  const configHash = `${VERSION}:${sha256(canonicalJson(spec))}`;
  const digests = fieldDigests(spec);
  const labels: Record<string, string> = { ...(spec.Labels as Record<string, string>) };
  labels[LABEL_CONFIG_HASH] = configHash;
  labels[LABEL_CONFIG_FIELDS] = Object.entries(digests).map(([f, d]) => `${f}=${d}`).join(',');
  labels[LABEL_DELETION_POLICY] = resource.deletionPolicy;
  if (ctx.revision) labels[LABEL_REVISION] = ctx.revision;
  if (ctx.template) labels[LABEL_TEMPLATE] = ctx.template;
  return {
    resource: resource.name,
    name: built.name,
    spec: { ...spec, Labels: labels },
    replicas: built.replicas,
    configHash,
    taskHash,
    failureAction: built.options.update.failureAction,
    dependsOn: resource.dependsOn,
  };
}

/** A ResourceGroup member as the template stages mark it (`group` set on each member). */
type MaybeMember = ResolvedResource & { group?: { name: string; index: number } };

/**
 * The ResourceGroup hook: the members of one `OS::Heat::ResourceGroup` whose properties are equal
 * (no `%index%` in them) become one service named after the group, with one replica per member;
 * members that differ stay one service each. References to a member become references to its group.
 */
export function collapseGroups(resources: readonly ResolvedResource[]): { resource: ResolvedResource; replicas?: number }[] {
  const groups = new Map<string, MaybeMember[]>();
  for (const r of resources as readonly MaybeMember[]) if (r.group) groups.set(r.group.name, [...(groups.get(r.group.name) ?? []), r]);
  const alias = new Map<string, string>();
  for (const [name, members] of groups) {
    const first = canonicalJson(members[0].properties);
    if (members.every((m) => canonicalJson(m.properties) === first && canonicalJson(m.metadata ?? null) === canonicalJson(members[0].metadata ?? null))) {
      for (const m of members) alias.set(m.name, name);
    }
  }
  const renamed = (names: string[], self: string): string[] => [...new Set(names.map((d) => alias.get(d) ?? d))].filter((d) => d !== self);
  const out: { resource: ResolvedResource; replicas?: number }[] = [];
  const seen = new Set<string>();
  for (const r of resources as readonly MaybeMember[]) {
    const group = alias.get(r.name);
    if (group === undefined) {
      out.push({ resource: { ...r, dependsOn: renamed(r.dependsOn, r.name) } });
    } else if (!seen.has(group)) {
      seen.add(group);
      const members = groups.get(group)!;
      const { group: _member, ...rest } = r;
      void _member;
      out.push({ resource: { ...rest, name: group, dependsOn: renamed(members.flatMap((m) => m.dependsOn), group) }, replicas: members.length });
    }
  }
  return out;
}

/** Why a service found differs from the one wanted; [] when it does not. */
function updateReasons(want: DesiredService, have: ObservedService): string[] {
  const reasons: string[] = [];
  if (have.labels[LABEL_CONFIG_HASH] !== want.configHash) {
    const before = parseConfigFields(have.labels[LABEL_CONFIG_FIELDS]);
    const now = parseConfigFields((want.spec.Labels as Record<string, string>)[LABEL_CONFIG_FIELDS]) ?? {};
    const fields = before ? FIELD_ORDER.filter((f) => before[f] !== now[f]) : [];
    const wantImage = at(want.spec, 'TaskTemplate.ContainerSpec.Image');
    for (const f of fields) {
      if (f === 'image' && have.image) reasons.push(`image changed (${have.image} → ${String(wantImage)})`);
      else if (f === 'replicas' && have.replicas !== undefined) reasons.push(`replicas changed (${have.replicas} → ${want.replicas})`);
      else reasons.push(`${f} changed`);
    }
    if (reasons.length === 0) reasons.push('configuration changed');
  } else if (have.replicas !== want.replicas) {
    // Scaled by hand since the last run: the template's count wins.
    reasons.push(`replicas drifted (${have.replicas ?? '?'} → ${want.replicas})`);
  }
  return reasons;
}

/**
 * The service plan: every desired service created, updated or kept (in template order), then
 * every stack service whose resource left the template removed (prune) — or kept when its
 * deletion_policy is Retain. Two services of one resource: all but the first are removed.
 */
export function planServices(desired: readonly DesiredService[], observed: readonly ObservedService[], options: { prune: boolean }): ServicePlanEntry[] {
  const plan: ServicePlanEntry[] = [];
  const byName = new Map(observed.map((o) => [o.name, o]));
  const used = new Set<string>();
  for (const want of desired) {
    const have = byName.get(want.name);
    if (!have) {
      plan.push({ action: 'create', resource: want.resource, service: want.name, reasons: ['new'], desired: want });
      continue;
    }
    used.add(have.id);
    const reasons = updateReasons(want, have);
    plan.push({ action: reasons.length ? 'update' : 'unchanged', resource: want.resource, service: want.name, reasons, desired: want, observed: have });
  }
  const wanted = new Set(desired.map((d) => d.resource));
  for (const have of observed) {
    if (used.has(have.id)) continue;
    const why = wanted.has(have.resource) ? `not named ${desired.find((d) => d.resource === have.resource)!.name}` : 'left the template';
    if (!wanted.has(have.resource) && !options.prune) continue;
    const retain = have.labels[LABEL_DELETION_POLICY] === 'Retain';
    plan.push({ action: retain ? 'retain' : 'remove', resource: have.resource || have.labels[LABEL_RESOURCE] || have.name, service: have.name, reasons: [retain ? `${why}; deletion_policy Retain keeps it` : why], observed: have });
  }
  return plan;
}

/** The plan action a service operation shows as: an update is a `replace` (Swarm replaces the tasks). */
const AS_NODE: Record<ServiceAction, PlanNodeType> = { create: 'create', update: 'replace', unchanged: 'unchanged', remove: 'remove', retain: 'retain' };

/**
 * The service plan as plan lines, so the log, the summary and the `plan` output print it as they
 * print a container plan; an entry waits for the entries of the resources it depends on.
 */
export function servicePlanLines(plan: readonly ServicePlanEntry[], endpoint: string): PlanLine[] {
  const ids = new Map(plan.map((e, i) => [e.resource, i + 1]));
  return plan.map((e, i) => ({
    id: i + 1,
    type: AS_NODE[e.action],
    resource: e.resource,
    endpoint,
    reasons: [...e.reasons],
    dependsOn: (e.desired?.dependsOn ?? []).map((d) => ids.get(d)).filter((n): n is number => n !== undefined && n !== i + 1),
  }));
}
