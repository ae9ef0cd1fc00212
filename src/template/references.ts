/**
 * References between resources written literally in the template: depends_on, get_resource
 * and get_attr. They give the dependency graph its edges and are checked here.
 */
import type { Diagnostic } from '../diagnostics.js';
import { diagnosticAt } from './diagnostic-factory.js';
import { didYouMean } from './functions/check.js';
import { isMap, soleKey } from './functions/spec.js';
import type { DependencyEdge } from './graph.js';
import { childPointer, pointer, type LoadedTemplate } from './types.js';

/** The resources section's entries, in template order (non-map definitions skipped: the schema reports them). */
export function resourceEntries(doc: unknown): [string, Record<string, unknown>][] {
  if (!isMap(doc) || !isMap(doc.resources)) return [];
  return Object.entries(doc.resources).filter((e): e is [string, Record<string, unknown>] => isMap(e[1]));
}

/** Names and pointers of depends_on: a name or a list of names. */
export function dependsOnEntries(def: Record<string, unknown>, resourcePtr: string): { name: string; ptr: string }[] {
  const value = def.depends_on;
  const ptr = childPointer(resourcePtr, 'depends_on');
  if (typeof value === 'string') return [{ name: value, ptr }];
  if (!Array.isArray(value)) return [];
  return value.flatMap((v, i) => (typeof v === 'string' ? [{ name: v, ptr: childPointer(ptr, i) }] : []));
}

/** get_resource / get_attr calls naming a resource literally, anywhere below `node`. */
export function literalReferences(node: unknown, ptr: string, depth = 0): { name: string; ptr: string }[] {
  if (depth > 200) return [];
  if (Array.isArray(node)) return node.flatMap((v, i) => literalReferences(v, childPointer(ptr, i), depth + 1));
  if (!isMap(node)) return [];
  const key = soleKey(node);
  if (key === 'get_resource' && typeof node[key] === 'string') return [{ name: node[key] as string, ptr: childPointer(ptr, key) }];
  if (key === 'get_attr' && Array.isArray(node[key])) {
    const args = node[key] as unknown[];
    const own = typeof args[0] === 'string' ? [{ name: args[0], ptr: childPointer(ptr, key, 0) }] : [];
    return [...own, ...args.slice(1).flatMap((v, i) => literalReferences(v, childPointer(ptr, key, i + 1), depth + 1))];
  }
  return Object.entries(node).flatMap(([k, v]) => literalReferences(v, childPointer(ptr, k), depth + 1));
}

/** Every literal dependency edge of the template, in template order (edges to unknown names included). */
export function dependencyEdges(doc: unknown): DependencyEdge[] {
  const edges: DependencyEdge[] = [];
  for (const [name, def] of resourceEntries(doc)) {
    const rp = pointer('resources', name);
    for (const d of dependsOnEntries(def, rp)) edges.push({ from: name, to: d.name, ptr: d.ptr });
    for (const r of literalReferences(def.properties, childPointer(rp, 'properties'))) edges.push({ from: name, to: r.name, ptr: r.ptr });
  }
  return edges;
}

/**
 * Resource names with '/', depends_on naming no resource, and resources that depend on
 * themselves. (get_resource/get_attr naming no resource are reported by the function checks.)
 */
export function checkReferences(tpl: Pick<LoadedTemplate, 'file' | 'positions' | 'doc'>): Diagnostic[] {
  const out: Diagnostic[] = [];
  const entries = resourceEntries(tpl.doc);
  const names = new Set(isMap(tpl.doc) && isMap(tpl.doc.resources) ? Object.keys(tpl.doc.resources) : []);
  for (const name of names) {
    if (name.includes('/')) {
      out.push(diagnosticAt(tpl, pointer('resources', name), 'invalid-resource-name', `resource name '${name}' must not contain '/'`, 'error', 'key'));
    }
  }
  for (const [name, def] of entries) {
    for (const d of dependsOnEntries(def, pointer('resources', name))) {
      if (!names.has(d.name)) {
        out.push(diagnosticAt(tpl, d.ptr, 'unknown-resource', `resource '${name}' depends on '${d.name}', which is not a resource of this template${didYouMean(d.name, names)}`));
      }
    }
  }
  for (const e of dependencyEdges(tpl.doc)) {
    if (e.from === e.to) out.push(diagnosticAt(tpl, e.ptr, 'self-dependency', `resource '${e.from}' depends on itself`));
  }
  return out;
}
