/**
 * The shape every intrinsic function family implements, and the small value helpers they
 * share. The registry (registry.ts) maps names to specs; check.ts walks raw templates with
 * them and evaluate.ts computes values.
 */
import type { HotVersion } from '../types.js';

/** Marks a value whose evaluation failed; a diagnostic was already recorded for it. */
export const INVALID: unique symbol = Symbol('invalid');
export type Invalid = typeof INVALID;

/**
 * What `if` without a false value gives when its condition is false (2021-04-16): the
 * enclosing list item, map entry or property is left out, as if it were not written.
 */
export const OMIT: unique symbol = Symbol('omit');

/** Where a function may appear: property/output values, or conditions. */
export type FunctionContext = 'value' | 'condition';

/** A problem with a function's arguments. `code` defaults to `invalid-function-args`. */
export interface ArgProblem {
  message: string;
  code?: string;
  /** Pointer segments below the arguments, to point at the offending item. */
  at?: (string | number)[];
  /** Point at the key of `at` (a misspelt or misplaced map key) rather than its value. */
  atKey?: boolean;
}

/** Where a function call sits, for diagnostics. */
export interface FunctionSite {
  name: string;
  /** Pointer of the one-key map holding the call. */
  ptr: string;
  /** Pointer of the arguments (`ptr + '/' + name`), whose key is the function name. */
  argsPtr: string;
}

/** What an evaluator may ask of the resolver. */
export interface EvalContext {
  version: HotVersion;
  /**
   * Records an error at `argsPtr` + `at` (the function key when `at` is absent; the key of
   * `at` with `atKey`); returns INVALID.
   */
  fail(site: FunctionSite, code: string, message: string, at?: (string | number)[], atKey?: boolean): Invalid;
  /** Value of a parameter (reports `unknown-parameter` itself when there is none). */
  param(name: string, site: FunctionSite): unknown;
  /** Checks a reference to a resource that will exist (reports problems itself). */
  resource(name: string, site: FunctionSite): boolean;
  /** Content of a file named by get_file (reports problems itself). */
  file(path: string, site: FunctionSite): string | Invalid;
}

/** One intrinsic function. */
export interface FunctionSpec {
  name: string;
  /** heat_template_version that brought it. */
  since: HotVersion;
  /** Version from which it may also be used in conditions, when later than `since`. */
  conditionSince?: HotVersion;
  contexts: readonly FunctionContext[];
  /** The expected arguments, for messages: `[resource, attribute, ...path]`. */
  usage: string;
  /**
   * Checks the arguments' shape. `later(v)` is true for values only known later (a nested
   * function call before evaluation, a deploy-time reference after): those are accepted.
   */
  check(args: unknown, version: HotVersion, later: (v: unknown) => boolean): ArgProblem | undefined;
  /**
   * True when deploy-time references may appear inside the evaluated arguments (e.g. as
   * list items of list_concat); the spec then checks the parts it needs itself.
   */
  acceptsRuntime?: boolean;
  /** Computes the result from evaluated arguments. Absent for lazily evaluated functions (if, not, and, or). */
  evaluate?(args: unknown, ctx: EvalContext, site: FunctionSite): unknown;
}

/** The version a function needs in a context: `conditionSince` applies inside conditions. */
export function sinceFor(spec: Pick<FunctionSpec, 'since' | 'conditionSince'>, context: FunctionContext): HotVersion {
  return context === 'condition' && spec.conditionSince !== undefined ? spec.conditionSince : spec.since;
}

/** True for a plain mapping (not a list, not null). */
export function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The only key of a one-key mapping, else undefined. */
export function soleKey(v: unknown): string | undefined {
  if (!isMap(v)) return undefined;
  const keys = Object.keys(v);
  return keys.length === 1 ? keys[0] : undefined;
}

/** "a string", "a list of 2 items"...: what a value is, for messages. */
export function describe(v: unknown): string {
  if (v === null || v === undefined) return 'nothing (null)';
  if (Array.isArray(v)) return `a list of ${v.length} item${v.length === 1 ? '' : 's'}`;
  if (isMap(v)) {
    const key = soleKey(v);
    return key ? `a map with the key '${key}'` : `a map with ${Object.keys(v).length} keys`;
  }
  if (typeof v === 'string') return `the string '${v.length > 40 ? v.slice(0, 40) + '…' : v}'`;
  return `the ${typeof v} ${String(v)}`;
}

/** The standard "takes X, got Y" problem. */
export function expected(spec: Pick<FunctionSpec, 'name' | 'usage'>, got: unknown, at?: (string | number)[]): ArgProblem {
  return { message: `${spec.name} takes ${spec.usage}, got ${describe(got)}`, at };
}

/** A string, or something known later. */
export function stringish(v: unknown, later: (v: unknown) => boolean): boolean {
  return typeof v === 'string' || later(v);
}

/**
 * JSON as Heat writes it (Python's json.dumps with sort_keys): keys sorted, `", "` and
 * `": "` separators, so joined or substituted maps read the same as under Heat.
 */
export function heatJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(heatJson).join(', ')}]`;
  if (isMap(v)) return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}: ${heatJson(v[k])}`).join(', ')}}`;
  return JSON.stringify(v ?? null) ?? 'null';
}

/** Heat coerces numbers and booleans where a string is needed; maps and lists become JSON. */
export function toText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return heatJson(v);
}

/** Deep equality of plain data (what equals, contains, filter and list_concat_unique compare). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isMap(a) && isMap(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}

/** An integer given as a number or a numeric string (Heat's int coercion), else undefined. */
export function toInteger(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (typeof v === 'string' && /^\s*-?\d+\s*$/.test(v)) return Number(v);
  return undefined;
}

/** Function names whose call is only completed at deploy time. */
export const RUNTIME_FUNCTIONS: readonly string[] = ['get_resource', 'get_attr'];

/** True for a deploy-time reference node: `{get_resource: name}` or `{get_attr: [...]}`. */
export function isRuntimeNode(v: unknown): boolean {
  const key = soleKey(v);
  return key !== undefined && RUNTIME_FUNCTIONS.includes(key);
}

/** True when a deploy-time reference appears anywhere inside `v`. */
export function containsRuntime(v: unknown): boolean {
  if (isRuntimeNode(v)) return true;
  if (Array.isArray(v)) return v.some(containsRuntime);
  if (isMap(v)) return Object.values(v).some(containsRuntime);
  return false;
}

/** True when an INVALID marker appears anywhere inside `v`. */
export function containsInvalid(v: unknown): boolean {
  if (v === INVALID) return true;
  if (Array.isArray(v)) return v.some(containsInvalid);
  if (isMap(v)) return Object.values(v).some(containsInvalid);
  return false;
}
