/**
 * A resource's placement rules, `metadata.hotdock.placement`, read and checked with the line of
 * every problem:
 *
 *     metadata:
 *       hotdock:
 *         placement:
 *           allow: [edge-1, edge-2]     # endpoints entries it may run on
 *           avoid: edge-3               # ... and may not
 *           apart_from: [web-b]         # never on the engine of these resources
 *           together_with: cache        # always on the engine of these
 *
 * A resource name may be an OS::Heat::ResourceGroup's: the rule then holds for every member
 * (`apart_from: web` in the group's own resource_def keeps its members strictly apart).
 *
 * Each value is a name or a list of names, written literally (Heat leaves metadata to the
 * consumer; a function here would only be evaluated by hotdock, so it is refused rather than
 * half-supported). Pure.
 */
import type { Diagnostic } from '../diagnostics.js';
import type { PlacementConstraints } from '../spec/placement-types.js';
import { diagnosticAt } from './diagnostic-factory.js';
import { isMap } from './functions/spec.js';
import { resourceEntries } from './references.js';
import { suggest } from './suggest.js';
import { childPointer, unescapePointer, type LoadedTemplate, type ResolvedResource, type ResolvedStack } from './types.js';

/** What the checks need to know about endpoints. */
export interface PlacementCheckSettings {
  /** Names of the `endpoints` input's entries: the names allow and avoid may use. */
  endpointNames: string[];
}

/** The template keys and the constraint each becomes. */
const KEYS = { allow: 'allow', avoid: 'avoid', apart_from: 'apartFrom', together_with: 'togetherWith' } as const;
type Key = keyof typeof KEYS;
const KEY_NAMES = Object.keys(KEYS) as Key[];

/** The node at a JSON Pointer of the document, or undefined. */
function nodeAt(doc: unknown, ptr: string): unknown {
  let node = doc;
  for (const seg of ptr.split('/').slice(1).map(unescapePointer)) {
    if (Array.isArray(node)) node = node[Number(seg)];
    else if (isMap(node) && Object.prototype.hasOwnProperty.call(node, seg)) node = node[seg];
    else return undefined;
  }
  return node;
}

/** Checks of one resource's placement mapping; collects its constraints. */
class Reader {
  readonly constraints: PlacementConstraints = {};

  constructor(
    private readonly tpl: LoadedTemplate,
    private readonly res: ResolvedResource,
    private readonly out: Diagnostic[],
  ) {}

  problem(ptr: string, message: string, severity: 'error' | 'warning' = 'error', at: 'key' | 'value' = 'value'): void {
    this.out.push(diagnosticAt(this.tpl, ptr, 'invalid-placement', `resource '${this.res.name}': metadata.hotdock.placement: ${message}`, severity, at));
  }

  /** The names under `key`, each with its pointer; problems for anything but literal names. */
  names(node: Record<string, unknown>, ptr: string, key: Key): { name: string; ptr: string }[] {
    const value = node[key];
    const at = childPointer(ptr, key);
    const items = Array.isArray(value) ? value.map((v, i) => ({ v, ptr: childPointer(at, i) })) : [{ v: value, ptr: at }];
    const out: { name: string; ptr: string }[] = [];
    for (const item of items) {
      if (typeof item.v === 'string' && item.v.trim() !== '') out.push({ name: item.v.trim(), ptr: item.ptr });
      else this.problem(item.ptr, `${key} takes a name or a list of names, written literally; got ${JSON.stringify(item.v) ?? String(item.v)}`);
    }
    return out;
  }
}

/**
 * Reads and checks `metadata.hotdock.placement` of every resource. Endpoint names must be entries
 * of the `endpoints` input (without any, a warning: the rules only apply to a pool); resource
 * names must be resources of the template, other than itself; a name both allowed and avoided, or
 * both kept apart and together, is an error, and so is a docker_endpoint its own rules refuse.
 */
export function checkPlacement(tpl: LoadedTemplate, stack: ResolvedStack, settings: PlacementCheckSettings): { diagnostics: Diagnostic[]; constraints: Map<string, PlacementConstraints> } {
  const out: Diagnostic[] = [];
  const constraints = new Map<string, PlacementConstraints>();
  const resourceNames = [...new Set([...resourceEntries(tpl.doc).map(([n]) => n), ...stack.resources.map((r) => r.name)])];
  // A rule naming an OS::Heat::ResourceGroup holds for each of its members (the resource itself left out).
  const members = new Map<string, string[]>();
  for (const r of stack.resources) if (r.group) members.set(r.group.name, [...(members.get(r.group.name) ?? []), r.name]);
  const membersOf = (name: string, self: string): string[] => (members.get(name) ?? [name]).filter((n) => n !== self);
  for (const res of stack.resources) {
    const hotdockPtr = childPointer(res.pointer, 'metadata', 'hotdock');
    const hotdock = nodeAt(tpl.doc, hotdockPtr);
    if (hotdock === undefined || hotdock === null) continue;
    const reader = new Reader(tpl, res, out);
    if (!isMap(hotdock)) {
      out.push(diagnosticAt(tpl, hotdockPtr, 'invalid-placement', `resource '${res.name}': metadata.hotdock must be a mapping`));
      continue;
    }
    if (!Object.prototype.hasOwnProperty.call(hotdock, 'placement') || hotdock.placement === null) continue;
    const ptr = childPointer(hotdockPtr, 'placement');
    const node = hotdock.placement;
    if (!isMap(node)) {
      reader.problem(ptr, `expected a mapping with ${KEY_NAMES.join(', ')}`);
      continue;
    }
    for (const key of Object.keys(node)) {
      if ((KEY_NAMES as string[]).includes(key)) continue;
      const hint = suggest(key, KEY_NAMES);
      reader.problem(childPointer(ptr, key), `unknown key '${key}'${hint ? `; did you mean '${hint}'?` : ''} (expected ${KEY_NAMES.join(', ')})`, 'error', 'key');
    }
    const read = (key: Key) => (key in node ? reader.names(node, ptr, key) : []);
    const endpoints = { allow: read('allow'), avoid: read('avoid') };
    const resources = { apart_from: read('apart_from'), together_with: read('together_with') };
    checkEndpointNames(reader, endpoints, settings.endpointNames);
    checkResourceNames(reader, res.name, resources, resourceNames);
    checkOwnEndpoint(reader, res, endpoints);
    const c: PlacementConstraints = {};
    for (const key of KEY_NAMES) {
      const named = key === 'allow' || key === 'avoid' ? endpoints[key].map((n) => n.name) : resources[key].flatMap((n) => membersOf(n.name, res.name));
      const list = [...new Set(named)];
      if (list.length > 0) c[KEYS[key]] = list;
    }
    if (Object.keys(c).length > 0) constraints.set(res.name, c);
  }
  return { diagnostics: out, constraints };
}

type Named = { name: string; ptr: string }[];

function checkEndpointNames(reader: Reader, lists: { allow: Named; avoid: Named }, known: readonly string[]): void {
  const all = [...lists.allow, ...lists.avoid];
  if (all.length > 0 && known.length === 0) {
    reader.problem(all[0].ptr, 'names endpoints, but the endpoints input has no entries: allow and avoid only apply to a pool of endpoints entries', 'warning');
    return;
  }
  for (const n of all) {
    if (known.includes(n.name)) continue;
    const hint = suggest(n.name, known);
    reader.problem(n.ptr, `unknown endpoint '${n.name}'${hint ? `; did you mean '${hint}'?` : ''} (the endpoints input has ${known.join(', ')})`);
  }
  for (const n of lists.avoid) {
    if (lists.allow.some((a) => a.name === n.name)) reader.problem(n.ptr, `endpoint '${n.name}' is both allowed and avoided`);
  }
}

function checkResourceNames(reader: Reader, self: string, lists: { apart_from: Named; together_with: Named }, known: readonly string[]): void {
  for (const [key, list] of Object.entries(lists)) {
    for (const n of list) {
      if (n.name === self) reader.problem(n.ptr, `${key} names the resource itself`);
      else if (!known.includes(n.name)) {
        const hint = suggest(n.name, known);
        reader.problem(n.ptr, `unknown resource '${n.name}'${hint ? `; did you mean '${hint}'?` : ''}`);
      }
    }
  }
  for (const n of lists.together_with) {
    if (lists.apart_from.some((a) => a.name === n.name)) reader.problem(n.ptr, `resource '${n.name}' is both kept apart and together`);
  }
}

/** A literal docker_endpoint that the resource's own allow or avoid refuses. */
function checkOwnEndpoint(reader: Reader, res: ResolvedResource, lists: { allow: Named; avoid: Named }): void {
  const ep = res.properties.docker_endpoint;
  if (typeof ep !== 'string' || ep.trim() === '') return;
  const avoided = lists.avoid.find((n) => n.name === ep.trim());
  if (avoided) reader.problem(avoided.ptr, `docker_endpoint '${ep}' is an endpoint it avoids`);
  else if (lists.allow.length > 0 && !lists.allow.some((n) => n.name === ep.trim())) {
    reader.problem(lists.allow[0].ptr, `docker_endpoint '${ep}' is not among the endpoints it allows`);
  }
}

/**
 * The stack with each resource's constraints from checkPlacement joined to what the template
 * stage set already (a group's members kept apart): lists are merged, never replaced.
 */
export function withPlacement(stack: ResolvedStack, constraints: ReadonlyMap<string, PlacementConstraints>): ResolvedStack {
  if (constraints.size === 0) return stack;
  const merge = (a: PlacementConstraints = {}, b: PlacementConstraints = {}): PlacementConstraints => {
    const out: PlacementConstraints = {};
    for (const key of [...Object.values(KEYS), 'preferApartFrom'] as const) {
      const list = [...new Set([...(a[key] ?? []), ...(b[key] ?? [])])];
      if (list.length > 0) out[key] = list;
    }
    return out;
  };
  return { ...stack, resources: stack.resources.map((r) => (constraints.has(r.name) ? { ...r, placement: merge(r.placement, constraints.get(r.name)) } : r)) };
}
