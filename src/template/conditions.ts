/**
 * The conditions section: checking every definition, spotting conditions that refer to each
 * other in a circle, and evaluating them (each once) for the resolver.
 */
import { diagnosticAt } from './diagnostic-factory.js';
import { checkCondition, didYouMean, type CheckScope } from './functions/check.js';
import { evaluateCondition, type EvalScope } from './functions/evaluate.js';
import { INVALID, isMap, type Invalid } from './functions/spec.js';
import { childPointer, pointer } from './types.js';

/** The conditions section as a map (empty when absent or malformed: the schema reports that). */
export function conditionDefinitions(doc: unknown): Record<string, unknown> {
  return isMap(doc) && isMap(doc.conditions) ? doc.conditions : {};
}

/** Names a condition refers to directly: bare strings in condition positions. */
export function conditionReferences(node: unknown): string[] {
  if (typeof node === 'string') return [node];
  if (!isMap(node) || Object.keys(node).length !== 1) return [];
  const [name, args] = Object.entries(node)[0];
  if (name === 'not') return conditionReferences(args);
  if ((name === 'and' || name === 'or') && Array.isArray(args)) return args.flatMap(conditionReferences);
  return [];
}

/** Checks every condition definition, then reports circles such as `a: b` / `b: {not: a}`. */
export function checkConditions(doc: unknown, scope: CheckScope): void {
  const defs = conditionDefinitions(doc);
  for (const [name, def] of Object.entries(defs)) checkCondition(def, pointer('conditions', name), scope);
  const reported = new Set<string>();
  for (const start of Object.keys(defs)) {
    const chain = findConditionLoop(start, defs);
    if (!chain) continue;
    const key = [...new Set(chain)].sort().join('\u0000');
    if (reported.has(key)) continue;
    reported.add(key);
    scope.out.push(diagnosticAt(scope.tpl, pointer('conditions', start), 'condition-cycle', `conditions refer to each other in a circle: ${chain.join(' -> ')}`, 'error', 'key'));
  }
}

/** The loop back to `start` through condition names, if there is one. */
function findConditionLoop(start: string, defs: Record<string, unknown>): string[] | undefined {
  const seen = new Set<string>();
  const stack: string[][] = [[start]];
  while (stack.length > 0) {
    const path = stack.pop() as string[];
    const last = path[path.length - 1];
    for (const next of conditionReferences(defs[last])) {
      if (next === start) return [...path, start];
      if (!Object.prototype.hasOwnProperty.call(defs, next) || seen.has(next)) continue;
      seen.add(next);
      stack.push([...path, next]);
    }
  }
  return undefined;
}

/**
 * A `condition(name, ptr)` function for EvalScope: evaluates each named condition once,
 * reporting unknown names where they are used and circles where they close.
 */
export function conditionEvaluator(doc: unknown, scope: Omit<EvalScope, 'condition'>): (name: string, ptr: string) => boolean | Invalid {
  const defs = conditionDefinitions(doc);
  const values = new Map<string, boolean | Invalid>();
  const inProgress = new Set<string>();
  const evalScope: EvalScope = { ...scope, condition: (name, ptr) => lookup(name, ptr) };
  function lookup(name: string, ptr: string): boolean | Invalid {
    const known = values.get(name);
    if (known !== undefined) return known;
    if (!Object.prototype.hasOwnProperty.call(defs, name)) {
      scope.out.push(diagnosticAt(scope.tpl, ptr, 'unknown-condition', `condition '${name}' is not defined in the conditions section${didYouMean(name, Object.keys(defs))}`));
      return INVALID;
    }
    if (inProgress.has(name)) {
      scope.out.push(diagnosticAt(scope.tpl, ptr, 'condition-cycle', `condition '${name}' depends on itself`));
      return INVALID;
    }
    inProgress.add(name);
    const value = evaluateCondition(defs[name], childPointer('/conditions', name), evalScope);
    inProgress.delete(name);
    values.set(name, value);
    return value;
  }
  return lookup;
}
