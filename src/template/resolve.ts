/**
 * The semantic half of "validate" (checkTemplateSemantics) and the "resolve" stage
 * (resolveStack): conditions, intrinsic functions, references and the dependency graph.
 *
 * Deploy-time references: `get_resource` and `get_attr` cannot be known before the
 * containers exist, so resolveStack leaves them as nodes (`{get_resource: name}`,
 * `{get_attr: [name, attr, ...path]}`, arguments evaluated). Every other function is
 * evaluated here; one that needs the value of such a reference (str_replace over a get_attr,
 * say) is an error, so the only nodes evaluateRuntime ever completes are those two.
 */
import type { Diagnostic } from '../diagnostics.js';
import { hasErrors } from '../diagnostics.js';
import { checkConditions, conditionDefinitions, conditionEvaluator } from './conditions.js';
import { checkCondition, checkValue, type CheckScope } from './functions/check.js';
import { evaluateCondition, evaluateValue, type EvalScope } from './functions/evaluate.js';
import { templateDir, type FileAccess } from './functions/get-file.js';
import { containsInvalid, isMap, isRuntimeNode, soleKey, toText, INVALID, OMIT } from './functions/spec.js';
import { MASK } from './parameters.js';
import { cycleDiagnostics, type DependencyEdge } from './graph.js';
import { checkReferences, dependencyEdges, dependsOnEntries, resourceEntries } from './references.js';
import { childPointer, pointer, type HotVersion, type LoadedTemplate, type ResolvedResource, type ResolvedStack } from './types.js';

/** Parameters every stack has without declaring them. */
export const PSEUDO_PARAMETERS: readonly string[] = ['OS::stack_name', 'OS::stack_id', 'OS::project_id'];

/** Options of the semantic checks: where get_file may read, and how. */
export type SemanticOptions = FileAccess;

function outputEntries(doc: unknown): [string, Record<string, unknown>][] {
  if (!isMap(doc) || !isMap(doc.outputs)) return [];
  return Object.entries(doc.outputs).filter((e): e is [string, Record<string, unknown>] => isMap(e[1]));
}

function sectionNames(doc: unknown, section: string): string[] {
  return isMap(doc) && isMap(doc[section]) ? Object.keys(doc[section] as object) : [];
}

/**
 * Every semantic check of a template that does not need evaluation: functions (version,
 * placement, arguments), names of parameters/resources/attributes/conditions, get_file
 * paths, conditions, resource names, depends_on and dependency cycles. Never throws.
 */
export function checkTemplateSemantics(
  tpl: LoadedTemplate,
  version: HotVersion,
  params: { values: Record<string, unknown>; definitions: Record<string, unknown> },
  options: SemanticOptions,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const doc = tpl.doc;
  const defs = isMap(params.definitions) ? Object.keys(params.definitions) : [];
  const scope: CheckScope = {
    tpl,
    version,
    parameters: new Set([...defs, ...PSEUDO_PARAMETERS]),
    resources: new Set(sectionNames(doc, 'resources')),
    conditions: new Set(Object.keys(conditionDefinitions(doc))),
    files: { ...options, baseDir: templateDir(options.workspace, tpl.file) },
    out,
  };
  checkConditions(doc, scope);
  for (const [name, def] of resourceEntries(doc)) {
    const rp = pointer('resources', name);
    if ('properties' in def) checkValue(def.properties, childPointer(rp, 'properties'), scope);
    if ('condition' in def) checkCondition(def.condition, childPointer(rp, 'condition'), scope);
    if ('deletion_policy' in def) checkValue(def.deletion_policy, childPointer(rp, 'deletion_policy'), scope);
  }
  for (const [name, def] of outputEntries(doc)) {
    const op = pointer('outputs', name);
    if ('value' in def) checkValue(def.value, childPointer(op, 'value'), scope);
    if ('condition' in def) checkCondition(def.condition, childPointer(op, 'condition'), scope);
  }
  out.push(...checkReferences(tpl));
  const known = scope.resources;
  out.push(...cycleDiagnostics(tpl, [...known], dependencyEdges(doc).filter((e) => known.has(e.to))));
  return out;
}

/** Names of the resources referenced by deploy-time nodes inside a resolved value. */
function runtimeTargets(value: unknown, into: string[]): string[] {
  if (isRuntimeNode(value)) {
    const key = soleKey(value) as string;
    const args = (value as Record<string, unknown>)[key];
    const name = Array.isArray(args) ? args[0] : args;
    if (typeof name === 'string') into.push(name);
  } else if (Array.isArray(value)) {
    value.forEach((v) => runtimeTargets(v, into));
  } else if (isMap(value)) {
    Object.values(value).forEach((v) => runtimeTargets(v, into));
  }
  return into;
}

/**
 * Evaluates conditions and every static function, drops what a false condition excludes,
 * and collects each resource's dependencies. Returns the stack only when there is no error.
 */
export function resolveStack(
  tpl: LoadedTemplate,
  version: HotVersion,
  params: { values: Record<string, unknown>; hidden: string[] },
  options: SemanticOptions & { stackName: string },
): { stack?: ResolvedStack; diagnostics: Diagnostic[] } {
  const out: Diagnostic[] = [];
  const doc = tpl.doc;
  const values: Record<string, unknown> = { 'OS::stack_name': options.stackName, ...params.values };
  const entries = resourceEntries(doc);
  const allNames = sectionNames(doc, 'resources');
  const enabled = new Map<string, boolean>();
  const base: Omit<EvalScope, 'condition'> = {
    tpl,
    version,
    params: values,
    resourceState: (name) => (!allNames.includes(name) ? 'unknown' : enabled.get(name) ? 'enabled' : 'disabled'),
    files: { workspace: options.workspace, readFile: options.readFile, realPath: options.realPath, baseDir: templateDir(options.workspace, tpl.file) },
    out,
  };
  const scope: EvalScope = { ...base, condition: conditionEvaluator(doc, base) };
  const holds = (def: Record<string, unknown>, ptr: string): boolean =>
    !('condition' in def) || evaluateCondition(def.condition, childPointer(ptr, 'condition'), scope) === true;

  for (const [name, def] of entries) enabled.set(name, holds(def, pointer('resources', name)));
  // Conditions nobody uses are still evaluated: a broken one is a broken template.
  for (const name of Object.keys(conditionDefinitions(doc))) scope.condition(name, pointer('conditions', name));

  const order = new Map(allNames.map((n, i) => [n, i]));
  const resources: ResolvedResource[] = [];
  const edges: DependencyEdge[] = [];
  for (const [name, def] of entries) {
    if (!enabled.get(name)) continue;
    const rp = pointer('resources', name);
    const props = isMap(def.properties) ? evaluateValue(def.properties, childPointer(rp, 'properties'), scope) : {};
    const policy = 'deletion_policy' in def ? evaluateValue(def.deletion_policy, childPointer(rp, 'deletion_policy'), scope) : 'Delete';
    // Properties left out whole by `if` (2021-04-16) mean no properties.
    const properties = props === OMIT ? {} : props;
    if (containsInvalid(properties) || policy === INVALID) continue;
    const explicit = dependsOnEntries(def, rp).filter((d) => enabled.get(d.name));
    const implicit = runtimeTargets(properties, []);
    for (const d of explicit) edges.push({ from: name, to: d.name, ptr: d.ptr });
    for (const t of implicit) edges.push({ from: name, to: t, ptr: childPointer(rp, 'properties') });
    const dependsOn = [...new Set([...explicit.map((d) => d.name), ...implicit])]
      .filter((d) => d !== name && order.has(d))
      .sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
    resources.push({
      name,
      type: typeof def.type === 'string' ? def.type : String(def.type),
      properties: properties as Record<string, unknown>,
      dependsOn,
      deletionPolicy: typeof policy === 'string' && policy.toLowerCase() === 'retain' ? 'Retain' : 'Delete',
      pointer: rp,
    });
  }
  // Only references computed by functions can form a cycle the checks could not see.
  out.push(...cycleDiagnostics(tpl, resources.map((r) => r.name), edges));

  const outputs: ResolvedStack['outputs'] = {};
  for (const [name, def] of outputEntries(doc)) {
    const op = pointer('outputs', name);
    if (!holds(def, op)) continue;
    const evaluated = evaluateValue(def.value, childPointer(op, 'value'), scope);
    const value = evaluated === OMIT ? null : evaluated;
    if (containsInvalid(value)) continue;
    outputs[name] = typeof def.description === 'string' ? { value, description: def.description } : { value };
  }
  redactSecrets(out, params.hidden.map((name) => values[name]));
  if (hasErrors(out)) return { diagnostics: out };
  return {
    stack: { version, stackName: options.stackName, parameters: values, hiddenParameters: [...params.hidden], resources, outputs },
    diagnostics: out,
  };
}

/** Messages quote evaluated values: a hidden parameter's value must not reach a log or a PR comment. */
function redactSecrets(diagnostics: Diagnostic[], secrets: unknown[]): void {
  const texts = secrets.map(toText).filter((t) => t !== '').sort((a, b) => b.length - a.length);
  for (const d of diagnostics) for (const t of texts) d.message = d.message.split(t).join(MASK);
}

/** What the deploy stage knows once containers exist. */
export interface RuntimeValues {
  /** get_resource: the container id of a resource. */
  resourceId(name: string): string;
  /** get_attr: an attribute of a resource's container, `path` applied. */
  attribute(name: string, attr: string, path: (string | number)[]): unknown;
}

/**
 * Completes the deploy-time reference nodes left by resolveStack. Only get_resource and
 * get_attr nodes exist in a resolved value (every other function was evaluated), so this is
 * a plain substitution.
 */
export function evaluateRuntime(value: unknown, runtime: RuntimeValues): unknown {
  if (Array.isArray(value)) return value.map((v) => evaluateRuntime(v, runtime));
  if (!isMap(value)) return value;
  const key = soleKey(value);
  if (key === 'get_resource' && typeof value[key] === 'string') return runtime.resourceId(value[key] as string);
  if (key === 'get_attr' && Array.isArray(value[key])) {
    const [name, attr, ...path] = value[key] as [string, string, ...(string | number)[]];
    return runtime.attribute(String(name), String(attr), path);
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, evaluateRuntime(v, runtime)]));
}
