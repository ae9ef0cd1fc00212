/**
 * get_attr on an OS::Heat::ResourceGroup, as Heat answers it (resource_group.py, FnGetAtt),
 * turned into deploy-time references to the members so the deploy stage needs no notion of groups:
 * - `[group, attr, path...]`: the list of every member's attr (path applied to each), index order;
 * - `[group, refs]`: the list of the members' ids (`[group, refs, N]` picks one);
 * - `[group, refs_map]`: member index ("0", "1", ...) → id, Heat's nested resource names as keys;
 * - `[group, attributes, attr, path...]`: member index → that member's attr;
 * - `[group, resource.N]`: member N's id; `[group, resource.N, attr, path...]` or
 *   `[group, resource.N.attr, path...]`: member N's attr.
 */
import { CONTAINER_ATTRIBUTES, isContainerAttribute } from './attributes.js';
import type { GroupMembers } from './resource-group.js';
import { toInteger, INVALID, type EvalContext, type FunctionSite, type Invalid } from './functions/spec.js';

/** Attribute names only a group has (besides `resource.N[.attr]`). */
export const GROUP_ATTRIBUTES: readonly string[] = ['refs', 'refs_map', 'attributes'];

/** True when get_attr may ask a group for `attr`: a container attribute, a group one, or `resource.N...`. */
export function isGroupAttribute(attr: string): boolean {
  return isContainerAttribute(attr) || GROUP_ATTRIBUTES.includes(attr) || attr.startsWith('resource.');
}

/** The message for an attribute a group does not have. */
export function unknownGroupAttributeMessage(group: string, attr: string): string {
  return `get_attr: group '${group}' has no attribute '${attr}'; a group has refs, refs_map, attributes, resource.<index>[.<attribute>] and its members' attributes (${Object.keys(CONTAINER_ATTRIBUTES).join(', ')})`;
}

/**
 * The refusal of `get_resource` (or `Ref`) naming a group: Heat's id of the nested stack has no
 * counterpart here, a group being many containers.
 */
export function groupReferenceProblem(fn: string, group: string, ctx: EvalContext, site: FunctionSite): Invalid {
  return ctx.fail(site, 'group-reference', `${fn}: '${group}' is a group of containers; use {get_attr: [${group}, refs]} for the ids of its members, or [${group}, resource.0] for one`);
}

/**
 * The value of `{get_attr: args}` where args[0] is a group: deploy-time references to members,
 * or INVALID after reporting through `ctx` (argument indexes point at the offending item).
 */
export function groupAttribute(args: readonly unknown[], members: GroupMembers, ctx: EvalContext, site: FunctionSite): unknown {
  const group = String(args[0]);
  if (args[1] === undefined) {
    // Heat would give every group attribute as one map; name the one wanted instead.
    return ctx.fail(site, 'invalid-function-args', `get_attr: group '${group}' needs an attribute: refs, refs_map, attributes, resource.<index> or a member attribute`);
  }
  const attr = String(args[1]);
  const path = args.slice(2) as (string | number)[];
  const ref = (name: string): unknown => ({ get_resource: name });
  const read = (name: string, at: number, rest: (string | number)[]): unknown => {
    const a = String(rest[0]);
    if (!isContainerAttribute(a)) return ctx.fail(site, 'unknown-attribute', `get_attr: member '${name}' of group '${group}' has no attribute '${a}'; a container has ${Object.keys(CONTAINER_ATTRIBUTES).join(', ')}`, [at]);
    return { get_attr: [name, a, ...rest.slice(1)] };
  };
  if (attr.startsWith('resource.')) {
    // Heat splits 'resource.N.attr' at the first two dots only: the attribute may hold dots of its own.
    const [, n, inline] = splitTwice(attr);
    const index = toInteger(n);
    const at = index === undefined ? -1 : members.indexes.indexOf(index);
    if (at < 0) return ctx.fail(site, 'unknown-member', `get_attr: group '${group}' has no member '${n}'; its members are ${describeIndexes(members)}`, [1]);
    const name = members.names[at];
    const rest = inline === undefined ? path : [inline, ...path];
    if (rest.length === 0) return ref(name);
    return read(name, inline === undefined ? 2 : 1, rest);
  }
  if (attr === 'refs') {
    const refs = members.names.map(ref);
    if (path.length === 0) return refs;
    const i = toInteger(path[0]);
    if (path.length > 1 || i === undefined || i < 0 || i >= refs.length) {
      return ctx.fail(site, 'index-out-of-range', `get_attr: refs of group '${group}' is a list of ${refs.length} ids; ${String(path[0])} is not an index into it`, [2]);
    }
    return refs[i];
  }
  if (attr === 'refs_map') return Object.fromEntries(members.indexes.map((index, i) => [String(index), ref(members.names[i])]));
  if (attr === 'attributes') {
    if (path.length === 0) return ctx.fail(site, 'invalid-function-args', `get_attr: 'attributes' of group '${group}' needs the member attribute to collect, e.g. [${group}, attributes, network_ip]`, [1]);
    const out: Record<string, unknown> = {};
    for (let i = 0; i < members.names.length; i++) {
      const v = read(members.names[i], 2, path);
      if (v === INVALID) return INVALID;
      out[String(members.indexes[i])] = v;
    }
    // Checked even for an empty group: a wrong attribute name is wrong whatever the count.
    return members.names.length === 0 && !isContainerAttribute(String(path[0])) ? read(group, 2, path) : out;
  }
  if (!isContainerAttribute(attr)) return ctx.fail(site, 'unknown-attribute', unknownGroupAttributeMessage(group, attr), [1]);
  return members.names.map((name) => ({ get_attr: [name, attr, ...path] }));
}

function splitTwice(s: string): [string, string, string | undefined] {
  const a = s.indexOf('.');
  const b = s.indexOf('.', a + 1);
  return b < 0 ? [s.slice(0, a), s.slice(a + 1), undefined] : [s.slice(0, a), s.slice(a + 1, b), s.slice(b + 1)];
}

function describeIndexes(m: GroupMembers): string {
  return m.indexes.length === 0 ? 'none (count is 0)' : m.indexes.join(', ');
}
