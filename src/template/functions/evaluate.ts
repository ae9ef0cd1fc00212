/**
 * The evaluator: computes property, output and condition values. Static functions are
 * evaluated; `get_resource` and `get_attr` become deploy-time reference nodes (their
 * arguments evaluated), and a call that needs the value of such a reference (str_replace over
 * a get_attr) is kept as a call node, its static arguments evaluated: evaluateRuntime
 * (deploy-time.ts) completes both once containers exist. Errors are diagnostics and the
 * INVALID marker, never exceptions.
 */
import type { Diagnostic } from '../../diagnostics.js';
import type { GroupMembers } from '../resource-group.js';
import { diagnosticAt } from '../diagnostic-factory.js';
import { childPointer, type HotVersion, type LoadedTemplate } from '../types.js';
import { readTemplateFile, type FileAccess } from './get-file.js';
import { functionSpec, isFunctionCall } from './registry.js';
import {
  containsInvalid, containsLater, containsRuntime, describe, firstReference, isMap, DEFER, INVALID, OMIT, versionProblem,
  type EvalContext, type FunctionContext, type FunctionSite, type FunctionSpec, type Invalid, type StaticResource,
} from './spec.js';

/** What the evaluator needs from the resolver. */
export interface EvalScope {
  tpl: Pick<LoadedTemplate, 'file' | 'positions'>;
  version: HotVersion;
  /** Final parameter values, pseudo parameters included. */
  params: Record<string, unknown>;
  /** Value of a named condition (reports unknown names and cycles itself). */
  condition(name: string, ptr: string): boolean | Invalid;
  /** The static resource (OS::Heat::Value, OS::Heat::None) `name` names, whatever its condition. */
  staticResource?(name: string): StaticResource | undefined;
  /** Whether a resource exists and is kept by its condition. */
  resourceState(name: string): 'enabled' | 'disabled' | 'unknown';
  files: FileAccess & { baseDir: string };
  out: Diagnostic[];
  /** The members of a group (resource-group.ts); undefined for any other name. */
  group?(name: string): GroupMembers | Invalid | undefined;
}

const MAX_DEPTH = 200;

/**
 * Evaluates a value; the result may contain INVALID where an error was reported. It is OMIT
 * only for a lone `if` without a false value (list items and map entries that are OMIT are
 * left out here).
 */
export function evaluateValue(node: unknown, ptr: string, scope: EvalScope, context: FunctionContext = 'value', depth = 0): unknown {
  if (depth > MAX_DEPTH) return node;
  if (Array.isArray(node)) {
    const items: unknown[] = [];
    for (let i = 0; i < node.length; i++) {
      const item: unknown = node[i];
      // A scalar is its own value: no pointer, no call.
      if ((typeof item !== 'object' || item === null) && item !== OMIT) {
        items.push(item);
        continue;
      }
      const value = evaluateValue(item, childPointer(ptr, i), scope, context, depth + 1);
      if (value !== OMIT) items.push(value);
    }
    return items;
  }
  if (!isMap(node)) return node;
  if (isFunctionCall(node)) return evaluateCall(node, ptr, scope, context, depth);
  const out: Record<string, unknown> = {};
  const keys = Object.keys(node);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    const item = node[k];
    if ((typeof item !== 'object' || item === null) && item !== OMIT) {
      out[k] = item;
      continue;
    }
    const value = evaluateValue(item, childPointer(ptr, k), scope, context, depth + 1);
    if (value !== OMIT) out[k] = value;
  }
  return out;
}

/** Evaluates a condition to true or false (INVALID after an error). */
export function evaluateCondition(node: unknown, ptr: string, scope: EvalScope, depth = 0): boolean | Invalid {
  if (typeof node === 'boolean') return node;
  if (typeof node === 'string') return scope.condition(node, ptr);
  if (depth <= MAX_DEPTH && isFunctionCall(node)) {
    const value = evaluateCall(node as Record<string, unknown>, ptr, scope, 'condition', depth);
    if (value === INVALID || typeof value === 'boolean') return value;
    scope.out.push(diagnosticAt(scope.tpl, ptr, 'invalid-condition', `this condition evaluates to ${describe(value)}, not to true or false`));
    return INVALID;
  }
  scope.out.push(diagnosticAt(scope.tpl, ptr, 'invalid-condition', 'a condition must be true, false, the name of a condition, or a call to equals, not, and, or, contains or get_param'));
  return INVALID;
}

/** Contexts by scope: their closures only read the scope, so one serves every call. */
const contexts = new WeakMap<EvalScope, EvalContext>();

function contextFor(scope: EvalScope): EvalContext {
  let ctx = contexts.get(scope);
  if (ctx === undefined) contexts.set(scope, (ctx = newContext(scope)));
  return ctx;
}

function newContext(scope: EvalScope): EvalContext {
  const fail = (site: FunctionSite, code: string, message: string, at?: (string | number)[], atKey = false): Invalid => {
    scope.out.push(at
      ? diagnosticAt(scope.tpl, childPointer(site.argsPtr, ...at), code, message, 'error', atKey ? 'key' : 'value')
      : diagnosticAt(scope.tpl, site.argsPtr, code, message, 'error', 'key'));
    return INVALID;
  };
  const warn = (site: FunctionSite, code: string, message: string, at?: (string | number)[]): void => {
    scope.out.push(diagnosticAt(scope.tpl, at ? childPointer(site.argsPtr, ...at) : site.argsPtr, code, message, 'warning', at ? 'value' : 'key'));
  };
  return {
    version: scope.version,
    fail,
    warn,
    param(name, site) {
      if (Object.prototype.hasOwnProperty.call(scope.params, name)) return scope.params[name];
      return fail(site, 'unknown-parameter', `get_param: parameter '${name}' has no value`, site.name === 'get_param' ? [] : undefined);
    },
    hasResource: (name) => scope.resourceState(name) !== 'unknown',
    staticResource: (name) => scope.staticResource?.(name),
    resource(name, site) {
      const state = scope.resourceState(name);
      if (state === 'enabled') return true;
      if (state === 'unknown') fail(site, 'unknown-resource', `${site.name}: there is no resource '${name}'`);
      else fail(site, 'resource-condition-false', `${site.name}: resource '${name}' is not created because its condition is false; give this value the same condition (or wrap it in 'if')`);
      return false;
    },
    file(path, site) {
      const read = readTemplateFile(path, scope.files.baseDir, scope.files);
      return read.ok ? read.content : fail(site, read.code, read.message, []);
    },
    later: isDeferred,
    group: (name) => scope.group?.(name),
  };
}

/**
 * True for a value known only at deploy time: a reference node, or a call kept because its
 * arguments hold one (a reference node is itself such a call).
 */
export function isDeferred(v: unknown): boolean {
  return isFunctionCall(v) && containsRuntime(v);
}

/**
 * The second half of a call, once its arguments are evaluated: checks them, then evaluates,
 * keeps the call for deploy time, or refuses it (staticOnly). Shared with deploy-time
 * evaluation, whose context never sees a deferred value, so the same rules apply there.
 */
export function applyFunction(spec: FunctionSpec, args: unknown, ctx: EvalContext, site: FunctionSite): unknown {
  const problem = spec.check(args, ctx.version, ctx.later);
  if (problem) return ctx.fail(site, problem.code ?? 'invalid-function-args', problem.message, problem.at, problem.atKey);
  const deferred = containsLater(args, ctx.later);
  if (deferred && spec.staticOnly !== undefined) {
    return ctx.fail(site, 'value-unknown-before-deploy',
      `${site.name} needs the value of ${firstReference(args) ?? 'a deploy-time value'}, which is only known once that resource is deployed; ${spec.staticOnly}`);
  }
  if (deferred && !spec.acceptsRuntime) return { [site.name]: args };
  const result = spec.evaluate ? spec.evaluate(args, ctx, site) : INVALID;
  return result === DEFER ? { [site.name]: args } : result;
}

function evaluateCall(node: Record<string, unknown>, ptr: string, scope: EvalScope, context: FunctionContext, depth: number): unknown {
  const name = Object.keys(node)[0];
  const spec = functionSpec(name);
  const args = node[name];
  const site: FunctionSite = { name, ptr, argsPtr: childPointer(ptr, name) };
  const ctx = contextFor(scope);
  if (!spec) return INVALID;
  const tooNewOrRemoved = versionProblem(spec, scope.version, context);
  if (tooNewOrRemoved !== undefined) return ctx.fail(site, 'function-not-in-version', tooNewOrRemoved);
  if (!spec.contexts.includes(context)) return ctx.fail(site, 'function-not-allowed-here', `'${name}' cannot be used here`);
  // if, not, and, or take conditions, evaluated lazily: the branch not taken is never evaluated.
  const lazy = name === 'if' || name === 'not' || name === 'and' || name === 'or';
  const raw = lazy ? spec.check(args, scope.version, isFunctionCall) : undefined;
  if (raw) return ctx.fail(site, raw.code ?? 'invalid-function-args', raw.message, raw.at, raw.atKey);
  if (name === 'if') {
    const list = args as unknown[];
    const cond = evaluateCondition(list[0], childPointer(site.argsPtr, 0), scope, depth + 1);
    if (cond === INVALID) return INVALID;
    const branch = cond ? 1 : 2;
    if (branch >= list.length) return OMIT;
    return evaluateValue(list[branch], childPointer(site.argsPtr, branch), scope, context, depth + 1);
  }
  if (name === 'not') {
    const cond = evaluateCondition(args, site.argsPtr, scope, depth + 1);
    return cond === INVALID ? INVALID : !cond;
  }
  if (name === 'and' || name === 'or') {
    const values = (args as unknown[]).map((a, i) => evaluateCondition(a, childPointer(site.argsPtr, i), scope, depth + 1));
    if (values.includes(INVALID)) return INVALID;
    return name === 'and' ? values.every(Boolean) : values.some(Boolean);
  }
  const value = evaluateValue(args, site.argsPtr, scope, context, depth + 1);
  // An argument left out by `if` is an absent (null) argument.
  const evaluated = value === OMIT ? null : value;
  if (containsInvalid(evaluated)) return INVALID;
  return applyFunction(spec, evaluated, ctx, site);
}
