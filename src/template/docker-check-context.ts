/**
 * The per-resource side of the Docker checks: which values a function produced (the checks of
 * docker-checks.ts judge only those where the schema already judged literals), and a collector
 * of one resource's diagnostics.
 */
import type { Diagnostic } from '../diagnostics.js';
import { diagnosticAt } from './diagnostic-factory.js';
import type { PropertyChecker } from './docker-literal-checks.js';
import { isMap, soleKey } from './functions/spec.js';
import { INTRINSIC_FUNCTIONS } from './hot-schema.js';
import { escapePointer, unescapePointer, type LoadedTemplate, type ResolvedResource } from './types.js';

const FUNCTION_NAMES: ReadonlySet<string> = new Set(INTRINSIC_FUNCTIONS);

function isFunctionNode(v: unknown): boolean {
  const key = soleKey(v);
  return key !== undefined && FUNCTION_NAMES.has(key);
}

/**
 * True when the value at `ptr` came from a function: the template node there, or an ancestor
 * from `properties` down, is a function call, or the node does not exist in the source at all
 * (a function built the list or map around it).
 */
export function fromFunction(doc: unknown, ptr: string): boolean {
  // resources/<name>/properties is depth 3: only property values can be function results.
  return fromFunctionBelow(doc, ptr.split('/').slice(1).map(unescapePointer), 3);
}

/** fromFunction from `node` down `segments`, calls counting from the `checkFrom`-th step on. */
function fromFunctionBelow(doc: unknown, segments: readonly (string | number)[], checkFrom: number): boolean {
  let node: unknown = doc;
  for (let i = 0; i < segments.length; i++) {
    if (i >= checkFrom && isFunctionNode(node)) return true;
    if (Array.isArray(node)) node = node[Number(segments[i])];
    else if (isMap(node) && Object.prototype.hasOwnProperty.call(node, segments[i])) node = node[segments[i]];
    else return true;
  }
  return isFunctionNode(node);
}

/** The template's `properties` node of resource `name`, or undefined when the source has none. */
function propertiesNode(doc: unknown, name: string): { node: unknown } | undefined {
  const resources = isMap(doc) ? doc.resources : undefined;
  if (!isMap(resources) || !Object.prototype.hasOwnProperty.call(resources, name)) return undefined;
  const def = resources[name];
  return isMap(def) && Object.prototype.hasOwnProperty.call(def, 'properties') ? { node: def.properties } : undefined;
}

/** Collects diagnostics for one resource, remembering which properties already have one. */
export class ResourceChecker implements PropertyChecker {
  readonly base: string;
  readonly flagged = new Set<string>();
  /** The template's `properties` node of the resource, once looked up (null: the source has none). */
  private properties: { node: unknown } | null | undefined;

  constructor(
    readonly tpl: LoadedTemplate,
    readonly res: ResolvedResource,
    private readonly out: Diagnostic[],
  ) {
    this.base = `${res.pointer}/properties`;
  }

  ptr(...segments: (string | number)[]): string {
    let out = this.base;
    for (const s of segments) out += '/' + escapePointer(s);
    return out;
  }

  /**
   * Whether a per-value check should look at the value `segments` below `properties` (function
   * results only). Segments, not a pointer: the pointer is built only for a problem reported.
   */
  computed(...segments: (string | number)[]): boolean {
    // The walk down to `properties` is the same for every value of the resource: done once.
    if (this.properties === undefined) this.properties = propertiesNode(this.tpl.doc, this.res.name) ?? null;
    if (this.properties === null) return true;
    return fromFunctionBelow(this.properties.node, segments, 0);
  }

  report(property: string, ptr: string, code: string, message: string, at: 'key' | 'value' = 'value'): void {
    this.flagged.add(property);
    this.out.push(diagnosticAt(this.tpl, ptr, code, `resource '${this.res.name}': ${message}`, 'error', at));
  }
}
