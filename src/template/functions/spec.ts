/**
 * The shape every intrinsic function family implements, and the small value helpers they
 * share. The registry (registry.ts) maps names to specs; check.ts walks raw templates with
 * them and evaluate.ts computes values.
 */
import type { HotVersion } from '../types.js';
import type { GroupMembers } from '../resource-group.js';

/** Marks a value whose evaluation failed; a diagnostic was already recorded for it. */
export const INVALID: unique symbol = Symbol('invalid');
export type Invalid = typeof INVALID;

/**
 * What `if` without a false value gives when its condition is false (2021-04-16): the
 * enclosing list item, map entry or property is left out, as if it were not written.
 */
export const OMIT: unique symbol = Symbol('omit');

/**
 * What a spec's evaluate returns when it needs the value of a deploy-time reference: the call
 * is then kept, arguments evaluated, for evaluateRuntime to complete once containers exist.
 */
export const DEFER: unique symbol = Symbol('defer');

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

/**
 * A resource resolved with the template rather than deployed (OS::Heat::Value, OS::Heat::None):
 * get_resource gives its id, get_attr reads its attributes now.
 */
export interface StaticResource {
  type: string;
  id: string;
  /** Its attributes by name (INVALID when computing them failed; reported already). */
  attributes(): Record<string, unknown> | Invalid;
}

/** What an evaluator may ask of the resolver. */
export interface EvalContext {
  version: HotVersion;
  /**
   * Records an error at `argsPtr` + `at` (the function key when `at` is absent; the key of
   * `at` with `atKey`); returns INVALID.
   */
  fail(site: FunctionSite, code: string, message: string, at?: (string | number)[], atKey?: boolean): Invalid;
  /** Records a warning the same way (absent at deploy time, where nothing is reported). */
  warn?(site: FunctionSite, code: string, message: string, at?: (string | number)[]): void;
  /** Value of a parameter (reports `unknown-parameter` itself when there is none). */
  param(name: string, site: FunctionSite): unknown;
  /** The static resource `name` names, when it is one (whatever its condition). */
  staticResource?(name: string): StaticResource | undefined;
  /** True when `name` is a resource of the template (whatever its condition); reports nothing. */
  hasResource?(name: string): boolean;
  /** Checks a reference to a resource that will exist (reports problems itself). */
  resource(name: string, site: FunctionSite): boolean;
  /** Content of a file named by get_file (reports problems itself). */
  file(path: string, site: FunctionSite): string | Invalid;
  /** The members of an OS::Heat::ResourceGroup (resource-group.ts); undefined for any other name. */
  group?(name: string): GroupMembers | Invalid | undefined;
  /**
   * True for a value only known at deploy time: a reference, or a call kept for deploy time.
   * Always false during deploy-time evaluation, where every argument is plain data.
   */
  later: (v: unknown) => boolean;
}

/** One intrinsic function. */
export interface FunctionSpec {
  name: string;
  /** heat_template_version that brought it. */
  since: HotVersion;
  /**
   * The last version that has it, for the CloudFormation-style functions: later versions of
   * Heat map them to `Removed` and refuse the template.
   */
  until?: HotVersion;
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
   * What happens when the evaluated arguments hold deploy-time references. By default the call
   * is kept for deploy time. With `acceptsRuntime` it is evaluated now: the spec leaves the
   * references where it does not need their values (list items of list_concat) and returns
   * DEFER where it does. With `staticOnly` (the reason) it is refused.
   */
  acceptsRuntime?: boolean;
  /** Why this function cannot wait for deploy time: references in its arguments are an error. */
  staticOnly?: string;
  /**
   * Computes the result from evaluated arguments, or DEFER. Absent for lazily evaluated
   * functions (if, not, and, or).
   */
  evaluate?(args: unknown, ctx: EvalContext, site: FunctionSite): unknown;
}

/** The version a function needs in a context: `conditionSince` applies inside conditions. */
export function sinceFor(spec: Pick<FunctionSpec, 'since' | 'conditionSince'>, context: FunctionContext): HotVersion {
  return context === 'condition' && spec.conditionSince !== undefined ? spec.conditionSince : spec.since;
}

/**
 * Why a function may not be used in `version` (too new, or a CloudFormation function Heat
 * removed after `until`), else undefined.
 */
export function versionProblem(spec: Pick<FunctionSpec, 'name' | 'since' | 'until' | 'conditionSince'>, version: HotVersion, context: FunctionContext): string | undefined {
  const since = sinceFor(spec, context);
  if (version < since) {
    const where = since === spec.since ? '' : ' in a condition';
    return `'${spec.name}'${where} needs heat_template_version ${since} or later; this template is ${version}`;
  }
  if (spec.until !== undefined && version > spec.until) {
    return `'${spec.name}' is not supported in heat_template_version ${version}: Heat removed it after ${spec.until} and refuses the template; use the HOT function instead${CFN_REPLACEMENTS[spec.name] ? ` (${CFN_REPLACEMENTS[spec.name]})` : ''}`;
  }
  return undefined;
}

/** The HOT function that does what a CloudFormation one did. */
const CFN_REPLACEMENTS: Readonly<Record<string, string>> = {
  'Ref': 'get_param or get_resource',
  'Fn::Join': 'list_join',
  'Fn::Select': "get_param or get_attr with a path, or str_split's index",
  'Fn::Split': 'str_split',
  'Fn::Replace': 'str_replace',
  'Fn::Base64': 'the plain string: Heat never converted it',
  'Fn::ResourceFacade': 'resource_facade',
};

/** True for a plain mapping (not a list, not null). */
export function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The only key of a one-key mapping, else undefined. */
export function soleKey(v: unknown): string | undefined {
  if (!isMap(v)) return undefined;
  // Object.keys without the array: every mapping of the template comes through here.
  let only: string | undefined;
  for (const k in v) {
    if (!Object.prototype.hasOwnProperty.call(v, k)) continue;
    if (only !== undefined) return undefined;
    only = k;
  }
  return only;
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

/**
 * Heat coerces numbers and booleans where a string is needed (Python's str: a boolean is
 * `True`/`False`, as in Heat's str_replace); maps and lists become JSON.
 */
export function toText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') return String(v);
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

/**
 * True when a deploy-time reference appears anywhere inside `v`, including inside a call kept
 * for deploy time: such a value cannot be known before deploy.
 */
export function containsRuntime(v: unknown): boolean {
  if (isRuntimeNode(v)) return true;
  if (Array.isArray(v)) return v.some(containsRuntime);
  if (isMap(v)) return Object.values(v).some(containsRuntime);
  return false;
}

/** True when `later` holds for `v` or for anything inside it. */
export function containsLater(v: unknown, later: (v: unknown) => boolean): boolean {
  if (later(v)) return true;
  if (Array.isArray(v)) return v.some((x) => containsLater(x, later));
  if (isMap(v)) return Object.values(v).some((x) => containsLater(x, later));
  return false;
}

/** The first deploy-time reference inside `v`, for messages: "get_attr [db, network_ip]". */
export function firstReference(v: unknown): string | undefined {
  if (isRuntimeNode(v)) {
    const key = soleKey(v) as string;
    const args = (v as Record<string, unknown>)[key];
    return `${key} ${Array.isArray(args) ? `[${args.map((a) => (typeof a === 'object' && a !== null ? heatJson(a) : String(a))).join(', ')}]` : String(args)}`;
  }
  const items = Array.isArray(v) ? v : isMap(v) ? Object.values(v) : [];
  for (const item of items) {
    const found = firstReference(item);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** True when an INVALID marker appears anywhere inside `v`. */
export function containsInvalid(v: unknown): boolean {
  if (v === INVALID) return true;
  if (Array.isArray(v)) return v.some(containsInvalid);
  if (isMap(v)) return Object.values(v).some(containsInvalid);
  return false;
}
