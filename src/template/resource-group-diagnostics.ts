/**
 * How groups meet the template's diagnostics: the schema judges a resource_def as its members
 * will be (index_var replaced), and a problem every member shares is reported once.
 */
import type { Diagnostic } from '../diagnostics.js';
import { isMap } from './functions/spec.js';
import { DEFAULT_INDEX_VAR, isGroupDefinition, memberName, substituteIndex } from './resource-group.js';
import { childPointer } from './types.js';

/**
 * The template as the schema should judge it: in every group's resource_def properties, index_var
 * replaced by 0, as a member would have it ('web-%index%' is a valid container name once it is
 * 'web-0'), or by the index `indexOf` gives for the group. Pointers are unchanged, so the positions
 * still give each problem its line. The template itself when it has no group.
 */
export function schemaView<T extends { doc: unknown }>(tpl: T, indexOf: (group: string) => number = () => 0): T {
  const doc = tpl.doc;
  if (!isMap(doc) || !isMap(doc.resources)) return tpl;
  let resources: Record<string, unknown> | undefined;
  for (const name of Object.keys(doc.resources)) {
    const def = doc.resources[name];
    if (!isMap(def) || !isGroupDefinition(def) || !isMap(def.properties) || !isMap(def.properties.resource_def)) continue;
    const rdef = def.properties.resource_def;
    const indexVar = typeof def.properties.index_var === 'string' && def.properties.index_var !== '' ? def.properties.index_var : DEFAULT_INDEX_VAR;
    resources ??= { ...doc.resources };
    resources[name] = { ...def, properties: { ...def.properties, resource_def: { ...rdef, properties: substituteIndex(rdef.properties, indexVar, indexOf(name)) } } };
  }
  return resources ? { ...tpl, doc: { ...doc, resources } } : tpl;
}

/**
 * The schema's problems with each group's last member: a literal that holds index_var was judged
 * for index 0 (schemaView) but may be wrong for a higher one ('6553%index%' is a port for member 0,
 * not for member 9). Each problem names that member. Empty when no group has more than one member.
 */
export function lastMemberSchemaProblems<T extends { doc: unknown }>(
  tpl: T,
  members: readonly { group?: { name: string; index: number } }[],
  check: (view: T) => Diagnostic[],
): Diagnostic[] {
  const last = new Map<string, number>();
  for (const m of members) if (m.group && m.group.index > (last.get(m.group.name) ?? 0)) last.set(m.group.name, m.group.index);
  if (last.size === 0) return [];
  const out: Diagnostic[] = [];
  for (const d of check(schemaView(tpl, (g) => last.get(g) ?? 0))) {
    const group = [...last.keys()].find((g) => d.path.startsWith(childPointer('/resources', g, 'properties', 'resource_def')));
    if (group !== undefined) out.push({ ...d, message: `resource '${memberName(group, last.get(group) ?? 0)}': ${d.message}` });
  }
  return out;
}

/**
 * One diagnostic per place in a resource_def, not one per member: every member is checked (a
 * value may differ by index), and the members with a problem at the same place are reported once,
 * by the first, naming the others ("also web-2, web-3").
 */
export function collapseMemberDiagnostics(doc: unknown, diagnostics: Diagnostic[]): Diagnostic[] {
  const resources = isMap(doc) && isMap(doc.resources) ? doc.resources : {};
  const groups = Object.keys(resources).filter((n) => isMap(resources[n]) && isGroupDefinition(resources[n] as Record<string, unknown>));
  if (groups.length === 0) return diagnostics;
  const out: Diagnostic[] = [];
  // Per place: every member's diagnostic there, reported by the lowest index.
  const places = new Map<string, { slot: number; group: string; found: { d: Diagnostic; index: number }[] }>();
  for (const d of diagnostics) {
    const group = groups.find((g) => d.path.startsWith(childPointer('/resources', g, 'properties', 'resource_def')));
    const member = group === undefined ? undefined : new RegExp(`'${escapeRegExp(group)}-(\\d+)'`).exec(d.message);
    if (group === undefined || !member) {
      out.push(d);
      continue;
    }
    // One place of a resource_def is one problem, whatever each member's value there and whichever
    // check saw it (the schema for the last member, the Docker checks for the others).
    const key = `${d.line}:${d.column}`;
    let place = places.get(key);
    if (!place) {
      places.set(key, (place = { slot: out.length, group, found: [] }));
      out.push(d);
    }
    place.found.push({ d, index: Number(member[1]) });
  }
  for (const { slot, group, found } of places.values()) {
    found.sort((a, b) => a.index - b.index);
    const others = [...new Set(found.slice(1).map((f) => f.index).filter((i) => i !== found[0].index))];
    const message = others.length === 0 ? found[0].d.message : `${found[0].d.message} (also ${others.map((i) => memberName(group, i)).join(', ')})`;
    out[slot] = { ...found[0].d, message };
  }
  return out;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
