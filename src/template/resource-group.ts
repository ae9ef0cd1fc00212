/**
 * OS::Heat::ResourceGroup, expanded into its member containers: a pure stage of resolve.
 *
 * Heat (resource_group.py) builds a nested stack whose resources are named "0", "1", ...; hotdock
 * deploys one flat stack, so each member becomes a resource of its own named `<group>-<index>`
 * (container `<stack>-<group>-<index>` unless resource_def names it), of type
 * DockerInc::Docker::Container, with the resource_def's properties after `index_var` was replaced
 * by the index in every string. Diagnostics about a member point at the resource_def's lines and
 * name the member.
 *
 * Which indexes exist follows Heat's `_resource_names`: the first `count` indexes that
 * removal_policies do not list. A listed index is removed first and never used again, for as long
 * as the policy stays in the template (the template is hotdock's only state). Lowering `count`
 * drops the highest indexes; prune then removes their containers and touches nothing else.
 */
import type { Diagnostic } from '../diagnostics.js';
import { diagnosticAt } from './diagnostic-factory.js';
import { containsRuntime, describe, firstReference, isMap, isRuntimeNode, toInteger, INVALID, OMIT, type Invalid } from './functions/spec.js';
import { GROUP_TYPE } from './resource-group-schema.js';
import { childPointer, type LoadedTemplate } from './types.js';

/** The resource type of a group. */
export { GROUP_TYPE };

/** The type every member has: hotdock groups containers only. */
export const MEMBER_TYPE = 'DockerInc::Docker::Container';

/** Heat's default `index_var`. */
export const DEFAULT_INDEX_VAR = '%index%';

/**
 * Most members one group may have. Heat sets no bound; a typo of a few digits would have hotdock
 * plan a million containers, so a count above it is refused before any member is built.
 */
export const MAX_GROUP_COUNT = 1000;

/** The properties of a group, in Heat's order (schema and docs). */
export const GROUP_PROPERTIES = ['count', 'index_var', 'resource_def', 'removal_policies', 'removal_policies_mode'] as const;

/** The members a group has, once count and removal_policies are known. */
export interface GroupMembers {
  /** Member indexes, ascending. */
  indexes: number[];
  /** `<group>-<index>`, in the same order. */
  names: string[];
}

/** A member as the resolver adds it. */
export interface GroupMember {
  name: string;
  index: number;
  /** resource_def's properties, index_var replaced. */
  properties: Record<string, unknown>;
  /** resource_def's metadata (functions evaluated, index_var replaced), when it has any. */
  metadata?: unknown;
  /** `/resources/<group>/properties/resource_def`: the member's diagnostics point there. */
  pointer: string;
}

/** The member of `group` at `index`. */
export function memberName(group: string, index: number): string {
  return `${group}-${index}`;
}

/** True for a resource definition of type OS::Heat::ResourceGroup. */
export function isGroupDefinition(def: Record<string, unknown>): boolean {
  return def.type === GROUP_TYPE;
}

/** The first `count` indexes not in `removed` (Heat: `_resource_names` skips the blacklist). */
export function memberIndexes(count: number, removed: ReadonlySet<number>): number[] {
  const out: number[] = [];
  for (let i = 0; out.length < count; i++) if (!removed.has(i)) out.push(i);
  return out;
}

/** Replaces `indexVar` by `index` in every string of `value`; deploy-time references are left alone. */
export function substituteIndex(value: unknown, indexVar: string, index: number): unknown {
  if (typeof value === 'string') return indexVar === '' ? value : value.split(indexVar).join(String(index));
  // A reference names a resource and an attribute: Heat replaces in resolved values, never in those.
  if (isRuntimeNode(value)) return value;
  if (Array.isArray(value)) return value.map((v) => substituteIndex(v, indexVar, index));
  if (isMap(value)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value)) out[k] = substituteIndex(value[k], indexVar, index);
    return out;
  }
  return value;
}

/** What a group table needs from the resolver. */
export interface GroupScope {
  tpl: Pick<LoadedTemplate, 'file' | 'positions'>;
  /** evaluateValue with the resolver's scope. */
  evaluate(node: unknown, ptr: string): unknown;
  out: Diagnostic[];
}

/**
 * The groups of one template: members by group name, computed once (count and removal_policies
 * are evaluated at most once, so their problems are reported once), and expansion into members.
 */
export class GroupTable {
  private readonly defs = new Map<string, Record<string, unknown>>();
  private readonly memo = new Map<string, GroupMembers | Invalid>();

  constructor(
    entries: readonly (readonly [string, Record<string, unknown>])[],
    private readonly scope: GroupScope,
  ) {
    for (const [name, def] of entries) if (isGroupDefinition(def)) this.defs.set(name, def);
  }

  /** Names of the groups, in template order. */
  names(): string[] {
    return [...this.defs.keys()];
  }

  /** The members of group `name`; undefined when `name` is no group, INVALID when count or removal_policies is wrong. */
  members(name: string): GroupMembers | Invalid | undefined {
    const def = this.defs.get(name);
    if (!def) return undefined;
    let found = this.memo.get(name);
    if (found === undefined) this.memo.set(name, (found = this.computeMembers(name, def)));
    return found;
  }

  private fail(ptr: string, code: string, message: string, at: 'key' | 'value' = 'value'): Invalid {
    this.scope.out.push(diagnosticAt(this.scope.tpl, ptr, code, message, 'error', at));
    return INVALID;
  }

  private computeMembers(name: string, def: Record<string, unknown>): GroupMembers | Invalid {
    const propsPtr = childPointer('/resources', name, 'properties');
    const props = def.properties;
    if (!isMap(props)) return this.fail(propsPtr, 'invalid-group', `group '${name}': properties must be a mapping with at least resource_def`);
    const count = this.count(name, props, childPointer(propsPtr, 'count'));
    const removed = this.removed(name, props, childPointer(propsPtr, 'removal_policies'));
    if (count === INVALID || removed === INVALID) return INVALID;
    const indexes = memberIndexes(count, removed);
    return { indexes, names: indexes.map((i) => memberName(name, i)) };
  }

  private count(name: string, props: Record<string, unknown>, ptr: string): number | Invalid {
    if (!('count' in props)) return 1;
    const v = this.scope.evaluate(props.count, ptr);
    if (v === INVALID) return INVALID;
    if (containsRuntime(v)) {
      return this.fail(ptr, 'value-unknown-before-deploy', `group '${name}': count must be known before deploy (it decides which containers exist), but it needs ${firstReference(v)}`);
    }
    const n = v === OMIT || v === null ? 1 : toInteger(v);
    if (n === undefined || n < 0) return this.fail(ptr, 'invalid-value', `group '${name}': count must be a whole number, 0 or more, not ${describe(v)}`);
    if (n > MAX_GROUP_COUNT) return this.fail(ptr, 'group-too-large', `group '${name}': count ${n} is more than the ${MAX_GROUP_COUNT} members hotdock deploys in one group`);
    return n;
  }

  /** Indexes removal_policies lists: indexes, or member names `<group>-<index>`. */
  private removed(name: string, props: Record<string, unknown>, ptr: string): Set<number> | Invalid {
    const out = new Set<number>();
    if (!('removal_policies' in props)) return out;
    const v = this.scope.evaluate(props.removal_policies, ptr);
    if (v === INVALID) return INVALID;
    if (v === OMIT || v === null) return out;
    const shape = `group '${name}': removal_policies must be a list of {resource_list: [index or member name, ...]}`;
    if (!Array.isArray(v) || containsRuntime(v)) return this.fail(ptr, 'invalid-value', shape);
    let bad = false;
    v.forEach((policy, i) => {
      const pp = childPointer(ptr, i);
      const list = isMap(policy) ? policy.resource_list : undefined;
      if (!Array.isArray(list)) {
        bad = this.fail(pp, 'invalid-value', shape) === INVALID;
        return;
      }
      list.forEach((item, j) => {
        const index = indexOf(name, item);
        if (index === undefined) {
          bad = this.fail(childPointer(pp, 'resource_list', j), 'invalid-value',
            `group '${name}': removal_policies names ${describe(item)}, which is neither a member index (0, 1, ...) nor a member name (${memberName(name, 0)}, ...)`) === INVALID;
        } else out.add(index);
      });
    });
    return bad ? INVALID : out;
  }

  /**
   * The members of group `name` as resources, or undefined when the group is invalid (reported).
   * `taken` holds the other resources' names: a member may not collide with one.
   */
  expand(name: string, def: Record<string, unknown>, taken: ReadonlySet<string>): GroupMember[] | undefined {
    const members = this.members(name);
    if (members === undefined || members === INVALID) return undefined;
    const propsPtr = childPointer('/resources', name, 'properties');
    const props = def.properties as Record<string, unknown>;
    const defPtr = childPointer(propsPtr, 'resource_def');
    const indexVar = this.indexVar(name, props, childPointer(propsPtr, 'index_var'));
    const rdef = isMap(props.resource_def) ? props.resource_def : undefined;
    if (!rdef) return void this.fail(defPtr, 'invalid-group', `group '${name}': resource_def must be a mapping with type ${MEMBER_TYPE} and properties`);
    const body = isMap(rdef.properties) ? this.scope.evaluate(rdef.properties, childPointer(defPtr, 'properties')) : {};
    // Evaluated once for all members, like the properties: `metadata.hotdock` works on members too.
    const metadata = isMap(rdef.metadata) ? this.scope.evaluate(rdef.metadata, childPointer(defPtr, 'metadata')) : undefined;
    if (indexVar === INVALID || body === INVALID) return undefined;
    const properties = body === OMIT || !isMap(body) ? {} : body;
    const clash = members.names.find((m) => taken.has(m));
    if (clash !== undefined) {
      return void this.fail(propsPtr.slice(0, propsPtr.lastIndexOf('/')), 'duplicate-resource',
        `group '${name}': its member '${clash}' has the name of another resource of this template; rename one of them`, 'key');
    }
    const fixedName = properties.name;
    if (typeof fixedName === 'string' && members.indexes.length > 1 && (indexVar === '' || !fixedName.includes(indexVar))) {
      return void this.fail(childPointer(defPtr, 'properties', 'name'), 'group-name-not-indexed',
        `group '${name}': name '${fixedName}' would be the same for all ${members.indexes.length} members; put ${indexVar || DEFAULT_INDEX_VAR} in it (e.g. '${fixedName}-${indexVar || DEFAULT_INDEX_VAR}'), or leave name out`);
    }
    return members.indexes.map((index, i) => ({
      name: members.names[i],
      index,
      properties: substituteIndex(properties, indexVar, index) as Record<string, unknown>,
      ...(isMap(metadata) ? { metadata: substituteIndex(metadata, indexVar, index) } : {}),
      pointer: defPtr,
    }));
  }

  private indexVar(name: string, props: Record<string, unknown>, ptr: string): string | Invalid {
    if (!('index_var' in props)) return DEFAULT_INDEX_VAR;
    const v = this.scope.evaluate(props.index_var, ptr);
    if (v === INVALID) return INVALID;
    if (typeof v !== 'string' || v === '') return this.fail(ptr, 'invalid-value', `group '${name}': index_var must be a non-empty string, not ${describe(v)}`);
    return v;
  }
}

/** The index a removal_policies item names: an index, or `<group>-<index>`. */
function indexOf(group: string, item: unknown): number | undefined {
  const direct = toInteger(item);
  if (direct !== undefined) return direct >= 0 ? direct : undefined;
  if (typeof item !== 'string' || !item.startsWith(`${group}-`)) return undefined;
  const n = toInteger(item.slice(group.length + 1));
  return n !== undefined && n >= 0 ? n : undefined;
}
