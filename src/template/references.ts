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

/** Entries by loaded document: every stage asks, and a document is never changed. */
const entriesByDoc = new WeakMap<object, readonly (readonly [string, Record<string, unknown>])[]>();

/** The resources section's entries, in template order (non-map definitions skipped: the schema reports them). */
export function resourceEntries(doc: unknown): readonly (readonly [string, Record<string, unknown>])[] {
  if (!isMap(doc) || !isMap(doc.resources)) return [];
  let entries = entriesByDoc.get(doc);
  if (entries === undefined) {
    const found: [string, Record<string, unknown>][] = [];
    for (const name of Object.keys(doc.resources)) {
      const def = doc.resources[name];
      if (isMap(def)) found.push([name, def]);
    }
    entriesByDoc.set(doc, (entries = found));
  }
  return entries;
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
  const out: { name: string; ptr: string }[] = [];
  collectReferences(node, ptr, [], depth, out);
  return out;
}

/** `base` followed by the segments of `path` and then `tail`. */
function pointerAt(base: string, path: readonly (string | number)[], ...tail: (string | number)[]): string {
  return childPointer(childPointer(base, ...path), ...tail);
}

/**
 * literalReferences into `out`, in template order (one list for the whole walk). The way down
 * is kept as segments in `path` and turned into a pointer only for a reference found.
 */
function collectReferences(node: unknown, base: string, path: (string | number)[], depth: number, out: { name: string; ptr: string }[]): void {
  if (depth > 200) return;
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) {
      // Scalars hold no reference: no step down for them.
      if (typeof node[i] !== 'object' || node[i] === null) continue;
      path.push(i);
      collectReferences(node[i], base, path, depth + 1, out);
      path.pop();
    }
    return;
  }
  if (!isMap(node)) return;
  const key = soleKey(node);
  // Ref (2013-05-23) naming a resource is a get_resource; edges to other names (parameters) are dropped by their users.
  if ((key === 'get_resource' || key === 'Ref') && typeof node[key] === 'string') {
    out.push({ name: node[key] as string, ptr: pointerAt(base, path, key) });
    return;
  }
  if (key === 'get_attr' && Array.isArray(node[key])) {
    const args = node[key] as unknown[];
    if (typeof args[0] === 'string') out.push({ name: args[0], ptr: pointerAt(base, path, key, 0) });
    path.push(key);
    for (let i = 1; i < args.length; i++) {
      path.push(i);
      collectReferences(args[i], base, path, depth + 1, out);
      path.pop();
    }
    path.pop();
    return;
  }
  for (const k in node) {
    if (!Object.prototype.hasOwnProperty.call(node, k)) continue;
    if (typeof node[k] !== 'object' || node[k] === null) continue;
    path.push(k);
    collectReferences(node[k], base, path, depth + 1, out);
    path.pop();
  }
}

/** Edges by loaded document: the checks and the resolver both ask, and a document is never changed. */
const edgesByDoc = new WeakMap<object, readonly DependencyEdge[]>();

/** Every literal dependency edge of the template, in template order (edges to unknown names included). */
export function dependencyEdges(doc: unknown): DependencyEdge[] {
  if (typeof doc !== 'object' || doc === null) return collectEdges(doc);
  let edges = edgesByDoc.get(doc);
  if (edges === undefined) edgesByDoc.set(doc, (edges = collectEdges(doc)));
  return [...edges];
}

function collectEdges(doc: unknown): DependencyEdge[] {
  const edges: DependencyEdge[] = [];
  const entries = resourceEntries(doc);
  for (let i = 0; i < entries.length; i++) {
    const name = entries[i][0];
    const def = entries[i][1];
    const rp = pointer('resources', name);
    const deps = dependsOnEntries(def, rp);
    for (let j = 0; j < deps.length; j++) edges.push({ from: name, to: deps[j].name, ptr: deps[j].ptr });
    const refs = literalReferences(def.properties, childPointer(rp, 'properties'));
    for (let j = 0; j < refs.length; j++) edges.push({ from: name, to: refs[j].name, ptr: refs[j].ptr });
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
  for (let i = 0; i < entries.length; i++) {
    const name = entries[i][0];
    const def = entries[i][1];
    if (def.depends_on === undefined) continue;
    for (const d of dependsOnEntries(def, pointer('resources', name))) {
      if (!names.has(d.name)) {
        out.push(diagnosticAt(tpl, d.ptr, 'unknown-resource', `resource '${name}' depends on '${d.name}', which is not a resource of this template${didYouMean(d.name, names)}`));
      }
    }
  }
  const edges = dependencyEdges(tpl.doc);
  for (let i = 0; i < edges.length; i++) {
    const e = edges[i];
    if (e.from === e.to) out.push(diagnosticAt(tpl, e.ptr, 'self-dependency', `resource '${e.from}' depends on itself`));
  }
  return out;
}
