/**
 * The semantic half of "validate" (checkTemplateSemantics) and the "resolve" stage
 * (resolveStack): conditions, intrinsic functions, references and the dependency graph.
 *
 * Deploy-time references: `get_resource` and `get_attr` cannot be known before the
 * containers exist, so resolveStack leaves them as nodes (`{get_resource: name}`,
 * `{get_attr: [name, attr, ...path]}`, arguments evaluated). Every other function is
 * evaluated here, except one that needs the value of such a reference (str_replace over a
 * get_attr, say): it stays a call node, static arguments evaluated, and evaluateRuntime
 * completes it at deploy time. Conditions, and the properties decided before any container
 * exists (STATIC_PROPERTIES), must not depend on a deploy-time value.
 */
import type { Diagnostic } from '../diagnostics.js';
import { hasErrors } from '../diagnostics.js';
import { checkConditions, conditionDefinitions, conditionEvaluator } from './conditions.js';
import { checkCondition, checkValue, type CheckScope } from './functions/check.js';
import { evaluateCondition, evaluateValue, isDeferred, type EvalScope } from './functions/evaluate.js';
import { templateDir, type FileAccess } from './functions/get-file.js';
import { containsInvalid, containsRuntime, firstReference, isMap, isRuntimeNode, soleKey, toText, INVALID, OMIT, type StaticResource } from './functions/spec.js';
import { MASK } from './parameters.js';
import { cycleDiagnostics, type DependencyEdge } from './graph.js';
import { checkReferences, dependencyEdges, dependsOnEntries, resourceEntries } from './references.js';
import { childPointer, pointer, type HotVersion, type LoadedTemplate, type ResolvedResource, type ResolvedStack } from './types.js';
import { diagnosticAt } from './diagnostic-factory.js';
import { GroupTable, isGroupDefinition, MEMBER_TYPE } from './resource-group.js';
import { isStaticResourceType, staticResource } from './static-resources.js';

/** Deploy-time completion of resolved values (see deploy-time.ts); the deploy stage imports it from here. */
export { evaluateRuntime, type RuntimeValues } from './functions/deploy-time.js';

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
    resourceTypes: new Map(resourceEntries(doc).map(([name, def]) => [name, def.type])),
    conditions: new Set(Object.keys(conditionDefinitions(doc))),
    files: { ...options, baseDir: templateDir(options.workspace, tpl.file) },
    out,
  };
  checkConditions(doc, scope);
  const entries = resourceEntries(doc);
  for (let i = 0; i < entries.length; i++) {
    const name = entries[i][0];
    const def = entries[i][1];
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
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      if (typeof v === 'object' && v !== null) runtimeTargets(v, into);
    }
  } else if (isMap(value)) {
    const keys = Object.keys(value);
    for (let i = 0; i < keys.length; i++) {
      const v = value[keys[i]];
      if (typeof v === 'object' && v !== null) runtimeTargets(v, into);
    }
  }
  return into;
}

/**
 * Container properties hotdock needs before any container of the stack exists, and why: a
 * deploy-time reference there is `value-unknown-before-deploy`.
 */
export const STATIC_PROPERTIES: Readonly<Record<string, string>> = {
  image: 'images are pulled before any container is created',
  docker_endpoint: 'it decides where the container runs, before any container exists',
  name: 'the container name is decided before the container is created (and compared across the stack)',
};

const STATIC_PROPERTY_ENTRIES = Object.entries(STATIC_PROPERTIES);

/** Deploy-time values where a resource needs its value before deploy: the properties map itself, and STATIC_PROPERTIES. */
function staticPropertyProblems(tpl: LoadedTemplate, name: string, propsPtr: string, properties: unknown): Diagnostic[] {
  const fail = (at: string, message: string): Diagnostic =>
    diagnosticAt(tpl, at, 'value-unknown-before-deploy', `resource '${name}': ${message}`);
  if (isDeferred(properties)) {
    return [fail(propsPtr, `the properties map must be known before deploy (image, name and docker_endpoint are needed first), but it needs ${firstReference(properties)}; use deploy-time references in property values only`)];
  }
  if (!isMap(properties)) return [];
  const out: Diagnostic[] = [];
  for (let i = 0; i < STATIC_PROPERTY_ENTRIES.length; i++) {
    const prop = STATIC_PROPERTY_ENTRIES[i][0];
    const why = STATIC_PROPERTY_ENTRIES[i][1];
    if (!containsRuntime(properties[prop])) continue;
    out.push(fail(childPointer(propsPtr, prop), `${prop} must be known before deploy (${why}), but it needs ${firstReference(properties[prop])}, which is only known once that resource is deployed`));
  }
  return out;
}

/** One resource to add to the stack: a template's own, or a group member (with its group). */
interface Item {
  /** Where its properties are: the resource, or its group's resource_def. */
  pointer: string;
  properties: unknown;
  policy: unknown;
  metadata?: unknown;
  group?: { name: string; index: number; siblings: string[] };
}

/**
 * Evaluates conditions and every static function, drops what a false condition excludes,
 * and collects each resource's dependencies. Returns the stack only when there is no error.
 * Runs after checkTemplateSemantics found no error: cycles of literal references are reported
 * there, and only those closed by computed references here.
 */
export function resolveStack(
  tpl: LoadedTemplate,
  version: HotVersion,
  params: { values: Record<string, unknown>; hidden: string[] },
  options: SemanticOptions & { stackName: string },
): { stack?: ResolvedStack; diagnostics: Diagnostic[] } {
  const out: Diagnostic[] = [];
  const doc = tpl.doc;
  // Descriptors, not a spread: the derived OS::stack_id stays computed on first read (parameters.ts).
  const values: Record<string, unknown> = Object.defineProperties({ 'OS::stack_name': options.stackName }, Object.getOwnPropertyDescriptors(params.values));
  const entries = resourceEntries(doc);
  const allNames = sectionNames(doc, 'resources');
  const enabled = new Map<string, boolean>();
  const known = new Set(allNames);
  const base: Omit<EvalScope, 'condition'> = {
    tpl,
    version,
    params: values,
    resourceState: (name) => (!known.has(name) ? 'unknown' : enabled.get(name) ? 'enabled' : 'disabled'),
    files: { workspace: options.workspace, readFile: options.readFile, realPath: options.realPath, baseDir: templateDir(options.workspace, tpl.file) },
    out,
  };
  const statics = new Map<string, StaticResource>();
  const scope: EvalScope = {
    ...base,
    condition: conditionEvaluator(doc, base),
    // Whether its condition holds is asked of resource(), which says so when it does not.
    staticResource: (name) => statics.get(name),
  };
  const staticScope = { tpl, stackName: options.stackName, out, evaluate: (node: unknown, ptr: string) => evaluateValue(node, ptr, scope) };
  for (const [name, def] of entries) if (isStaticResourceType(def.type)) statics.set(name, staticResource(name, def, staticScope));
  const groups = new GroupTable(entries, staticScope);
  scope.group = (name) => groups.members(name);
  const holds = (def: Record<string, unknown>, ptr: string): boolean =>
    !('condition' in def) || evaluateCondition(def.condition, childPointer(ptr, 'condition'), scope) === true;

  for (const [name, def] of entries) enabled.set(name, holds(def, pointer('resources', name)));
  // Conditions nobody uses are still evaluated: a broken one is a broken template.
  for (const name of Object.keys(conditionDefinitions(doc))) scope.condition(name, pointer('conditions', name));

  const order = new Map(allNames.map((n, i) => [n, i]));
  // A group stands for its members: they take its place in the order, and depends_on on the
  // group waits for all of them (every member is known before any resource is resolved).
  const membersOf = new Map<string, string[]>();
  for (const g of groups.names()) {
    const m = enabled.get(g) ? groups.members(g) : undefined;
    if (m === undefined || m === INVALID) continue;
    membersOf.set(g, m.names);
    for (const n of m.names) order.set(n, order.get(g) ?? 0);
  }
  const resources: ResolvedResource[] = [];
  const edges: DependencyEdge[] = [];
  /** One resource (a template's, or a group member) with its properties evaluated. */
  const add = (name: string, def: Record<string, unknown>, rp: string, item: Item): void => {
    const { pointer: itemPtr, properties, policy, metadata, group } = item;
    if (containsInvalid(properties) || policy === INVALID) return;
    const early = staticPropertyProblems(tpl, name, childPointer(itemPtr, 'properties'), properties);
    out.push(...early);
    if (early.length > 0) return;
    const explicit = dependsOnEntries(def, rp).filter((d) => enabled.get(d.name) && !statics.has(d.name))
      .flatMap((d) => (membersOf.get(d.name) ?? [d.name]).map((n) => ({ name: n, ptr: d.ptr })));
    const implicit = runtimeTargets(properties, []);
    for (let j = 0; j < explicit.length; j++) edges.push({ from: name, to: explicit[j].name, ptr: explicit[j].ptr });
    for (let j = 0; j < implicit.length; j++) edges.push({ from: name, to: implicit[j], ptr: childPointer(itemPtr, 'properties') });
    const dependsOn = explicit.length + implicit.length === 0
      ? []
      : [...new Set([...explicit.map((d) => d.name), ...implicit])]
        .filter((d) => d !== name && order.has(d))
        .sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
    resources.push({
      name,
      type: group ? MEMBER_TYPE : typeof def.type === 'string' ? def.type : String(def.type),
      properties: properties as Record<string, unknown>,
      dependsOn,
      deletionPolicy: typeof policy === 'string' && policy.toLowerCase() === 'retain' ? 'Retain' : 'Delete',
      pointer: itemPtr,
      ...(isMap(metadata) && !containsInvalid(metadata) ? { metadata } : {}),
      // A group's members would rather run apart: a soft rule that gives way when out of room (placement.ts).
      ...(group ? { group: { name: group.name, index: group.index }, placement: { preferApartFrom: group.siblings } } : {}),
    });
  };
  for (let i = 0; i < entries.length; i++) {
    const name = entries[i][0];
    const def = entries[i][1];
    if (!enabled.get(name)) continue;
    // Nothing is deployed for OS::Heat::Value/None: resolving a Value reports its problems.
    const glue = statics.get(name);
    if (glue) {
      glue.attributes();
      continue;
    }
    const rp = pointer('resources', name);
    const policy = 'deletion_policy' in def ? evaluateValue(def.deletion_policy, childPointer(rp, 'deletion_policy'), scope) : 'Delete';
    if (isGroupDefinition(def)) {
      const members = groups.expand(name, def, known) ?? [];
      for (const m of members) {
        const siblings = members.filter((o) => o !== m).map((o) => o.name);
        add(m.name, def, rp, { pointer: m.pointer, properties: m.properties, policy, metadata: m.metadata, group: { name, index: m.index, siblings } });
      }
      continue;
    }
    const props = isMap(def.properties) ? evaluateValue(def.properties, childPointer(rp, 'properties'), scope) : {};
    const metadata = isMap(def.metadata) ? evaluateValue(def.metadata, childPointer(rp, 'metadata'), scope) : undefined;
    // Properties left out whole by `if` (2021-04-16) mean no properties.
    add(name, def, rp, { pointer: rp, properties: props === OMIT ? {} : props, policy, metadata });
  }
  // Only references computed by functions can form a cycle the checks could not see: cycles of
  // literal references are checkTemplateSemantics's, which runs first (validate.ts), so the walk
  // is needed only when some edge is not one of those.
  const literal = new Set(dependencyEdges(doc).map((e) => `${e.from}\u0000${e.to}`));
  if (edges.some((e) => !literal.has(`${e.from}\u0000${e.to}`))) {
    out.push(...cycleDiagnostics(tpl, resources.map((r) => r.name), edges));
  }

  const outputs: ResolvedStack['outputs'] = {};
  for (const [name, def] of outputEntries(doc)) {
    const op = pointer('outputs', name);
    // Heat (Output.get_value) reports an output whose condition is false, with no value.
    if (!holds(def, op)) {
      outputs[name] = typeof def.description === 'string' ? { value: null, description: def.description } : { value: null };
      continue;
    }
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
