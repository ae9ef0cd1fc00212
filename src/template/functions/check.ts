/**
 * Static checks of function calls, before anything is evaluated: version, placement, argument
 * shapes, and names (parameters, resources, attributes, conditions, files). Every branch is
 * checked, including the ones a condition will drop: a typo must not wait for the day the
 * condition flips.
 */
import type { Diagnostic } from '../../diagnostics.js';
import { isContainerAttribute } from '../attributes.js';
import { isGroupAttribute, unknownGroupAttributeMessage } from '../resource-group-attrs.js';
import { GROUP_TYPE } from '../resource-group-schema.js';
import { diagnosticAt } from '../diagnostic-factory.js';
import { isStaticResourceType, staticAttributes } from '../static-resources.js';
import { childPointer, type HotVersion, type LoadedTemplate } from '../types.js';
import { readTemplateFile, type FileAccess } from './get-file.js';
import { closest, functionSpec, isFunctionCall, looksLikeFunction } from './registry.js';
import { unknownAttributeMessage } from './reference-functions.js';
import { isMap, soleKey, versionProblem, type FunctionContext } from './spec.js';

/** What the checker knows about the template around a value. */
export interface CheckScope {
  tpl: Pick<LoadedTemplate, 'file' | 'positions'>;
  version: HotVersion;
  /** Defined parameters, pseudo parameters included. */
  parameters: ReadonlySet<string>;
  resources: ReadonlySet<string>;
  /** Each resource's type as written, where attribute names depend on it. */
  resourceTypes?: ReadonlyMap<string, unknown>;
  conditions: ReadonlySet<string>;
  /** get_file access; `baseDir` is the template's directory. */
  files: FileAccess & { baseDir: string };
  out: Diagnostic[];
}

/** Deeper than this is not a template a person wrote: stop rather than overflow the stack. */
const MAX_DEPTH = 200;

/** "; did you mean 'x'?" when a close name exists. */
export function didYouMean(name: string, candidates: Iterable<string>): string {
  const near = closest(name, candidates);
  return near ? ` (did you mean '${near}'?)` : '';
}

/** Checks a property or output value (or, with context 'condition', a value inside a condition). */
export function checkValue(node: unknown, ptr: string, scope: CheckScope, context: FunctionContext = 'value', depth = 0): void {
  if (depth > MAX_DEPTH) return;
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) {
      const item: unknown = node[i];
      // Scalars hold no call: no pointer, no call.
      if (typeof item === 'object' && item !== null) checkValue(item, childPointer(ptr, i), scope, context, depth + 1);
    }
    return;
  }
  if (!isMap(node)) return;
  if (isFunctionCall(node)) {
    checkFunction(node, ptr, scope, context, depth);
    return;
  }
  const key = soleKey(node);
  if (key !== undefined) {
    const hint = looksLikeFunction(key, scope.version);
    if (hint) {
      const also = hint.suggestion ? ` (did you mean '${hint.suggestion}'?)` : '';
      scope.out.push(
        diagnosticAt(scope.tpl, childPointer(ptr, key), 'not-a-function',
          `one-key map '${key}' looks like a function call but HOT has no '${key}' function; it is kept as plain data${also}`,
          'warning', 'key'),
      );
    }
  }
  const keys = Object.keys(node);
  for (let i = 0; i < keys.length; i++) {
    const v = node[keys[i]];
    if (typeof v === 'object' && v !== null) checkValue(v, childPointer(ptr, keys[i]), scope, context, depth + 1);
  }
}

/** Checks a condition: a boolean, a condition name, or a condition function call. */
export function checkCondition(node: unknown, ptr: string, scope: CheckScope, depth = 0): void {
  if (depth > MAX_DEPTH || typeof node === 'boolean') return;
  if (typeof node === 'string') {
    if (!scope.conditions.has(node)) {
      scope.out.push(diagnosticAt(scope.tpl, ptr, 'unknown-condition', `condition '${node}' is not defined in the conditions section${didYouMean(node, scope.conditions)}`));
    }
    return;
  }
  if (isFunctionCall(node)) {
    checkFunction(node as Record<string, unknown>, ptr, scope, 'condition', depth);
    return;
  }
  scope.out.push(
    diagnosticAt(scope.tpl, ptr, 'invalid-condition',
      'a condition must be true, false, the name of a condition, or a call to equals, not, and, or, contains or get_param'),
  );
}

function placementMessage(name: string, context: FunctionContext): string {
  if (context === 'condition') {
    return name === 'if'
      ? "'if' cannot be used inside a condition; combine conditions with and, or and not"
      : `'${name}' cannot be used in a condition: conditions are decided before any resource exists`;
  }
  return `'${name}' can only be used in conditions (the conditions section, a 'condition' key, or the first item of 'if')`;
}

function checkFunction(node: Record<string, unknown>, ptr: string, scope: CheckScope, context: FunctionContext, depth: number): void {
  const name = Object.keys(node)[0];
  const spec = functionSpec(name);
  const args = node[name];
  const argsPtr = childPointer(ptr, name);
  const fail = (code: string, message: string, at: 'key' | (string | number)[] = 'key', atKey = false): void => {
    scope.out.push(at === 'key'
      ? diagnosticAt(scope.tpl, argsPtr, code, message, 'error', 'key')
      : diagnosticAt(scope.tpl, childPointer(argsPtr, ...at), code, message, 'error', atKey ? 'key' : 'value'));
  };
  if (!spec) return;
  const tooNewOrRemoved = versionProblem(spec, scope.version, context);
  if (tooNewOrRemoved !== undefined) {
    fail('function-not-in-version', tooNewOrRemoved);
    checkValue(args, argsPtr, scope, context, depth + 1);
    return;
  }
  if (!spec.contexts.includes(context)) {
    fail('function-not-allowed-here', placementMessage(name, context));
    return;
  }
  const problem = spec.check(args, scope.version, isFunctionCall);
  if (problem) {
    fail(problem.code ?? 'invalid-function-args', problem.message, problem.at ?? 'key', problem.atKey);
    if (problem.code === undefined) return;
  } else {
    checkNames(name, args, argsPtr, scope, fail);
  }
  walkArguments(name, args, argsPtr, scope, context, depth);
}

/** Checks the names a call gives literally (names computed by functions are checked on evaluation). */
function checkNames(name: string, args: unknown, argsPtr: string, scope: CheckScope, fail: (code: string, message: string, at?: 'key' | (string | number)[]) => void): void {
  const list = Array.isArray(args) ? args : [args];
  const at = Array.isArray(args) ? [0] : [];
  if (name === 'get_param' && typeof list[0] === 'string' && !scope.parameters.has(list[0])) {
    fail('unknown-parameter', `get_param: parameter '${list[0]}' is not defined${didYouMean(list[0], scope.parameters)}`, at);
  }
  if ((name === 'get_resource' || name === 'get_attr') && typeof list[0] === 'string' && !scope.resources.has(list[0])) {
    fail('unknown-resource', `${name}: there is no resource '${list[0]}'${didYouMean(list[0], scope.resources)}`, at);
  }
  if (name === 'get_attr' && typeof list[1] === 'string') {
    const type = scope.resourceTypes?.get(String(list[0]));
    if (isStaticResourceType(type)) {
      if (!staticAttributes(type).includes(list[1])) fail('unknown-attribute', `get_attr: resource '${String(list[0])}' (${String(type)}) has no attribute '${list[1]}'`, [1]);
    } else if (type === GROUP_TYPE) {
      // A group's attributes differ from a container's (resource-group-attrs.ts).
      if (!isGroupAttribute(list[1])) fail('unknown-attribute', unknownGroupAttributeMessage(String(list[0]), list[1]), [1]);
    } else if (!isContainerAttribute(list[1])) {
      fail('unknown-attribute', unknownAttributeMessage(String(list[0]), list[1]), [1]);
    }
  }
  if (name === 'Ref' && typeof args === 'string' && !scope.parameters.has(args) && !scope.resources.has(args)) {
    fail('unknown-reference', `Ref: '${args}' is neither a parameter nor a resource${didYouMean(args, [...scope.parameters, ...scope.resources])}`, []);
  }
  if (name === 'get_file' && typeof args === 'string') {
    const read = readTemplateFile(args, scope.files.baseDir, scope.files);
    if (!read.ok) fail(read.code, read.message, []);
  }
}

function walkArguments(name: string, args: unknown, argsPtr: string, scope: CheckScope, context: FunctionContext, depth: number): void {
  if (name === 'if' && Array.isArray(args)) {
    checkCondition(args[0], childPointer(argsPtr, 0), scope, depth + 1);
    args.slice(1).forEach((a, i) => checkValue(a, childPointer(argsPtr, i + 1), scope, context, depth + 1));
  } else if (name === 'not') {
    checkCondition(args, argsPtr, scope, depth + 1);
  } else if ((name === 'and' || name === 'or') && Array.isArray(args)) {
    args.forEach((a, i) => checkCondition(a, childPointer(argsPtr, i), scope, depth + 1));
  } else {
    checkValue(args, argsPtr, scope, context, depth + 1);
  }
}
