/**
 * OS::Heat::Value and OS::Heat::None: Heat's glue resources, common in real templates. Nothing
 * is deployed for them, so hotdock resolves them with the template and leaves them out of the
 * stack's containers:
 * - OS::Heat::Value (heat/engine/resources/openstack/heat/value.py): its `value` property,
 *   converted to `type` when one is given, is its attribute `value`.
 * - OS::Heat::None (heat/engine/resources/openstack/heat/none_resource.py): takes any
 *   properties and offers no attribute.
 * get_resource of either gives `<stack name>-<resource name>` (Heat gives a generated id).
 */
import type { Diagnostic } from '../diagnostics.js';
import { diagnosticAt } from './diagnostic-factory.js';
import { containsInvalid, containsRuntime, isMap, INVALID, OMIT, type Invalid, type StaticResource } from './functions/spec.js';
import { coerceValue, isParameterType } from './parameter-types.js';
import { childPointer, pointer, type LoadedTemplate } from './types.js';

/** OS::Heat::Value's one attribute. */
export const VALUE_ATTRIBUTE = 'value';

/** True for the types resolved here rather than deployed. */
export function isStaticResourceType(type: unknown): boolean {
  return type === 'OS::Heat::Value' || type === 'OS::Heat::None';
}

/** The attributes get_attr may ask a static resource for, by type. */
export function staticAttributes(type: unknown): readonly string[] {
  return type === 'OS::Heat::Value' ? [VALUE_ATTRIBUTE] : [];
}

/** What resolving a static resource needs from the resolver. */
export interface StaticResourceScope {
  tpl: Pick<LoadedTemplate, 'file' | 'positions'>;
  stackName: string;
  out: Diagnostic[];
  /** Evaluates a value of the template at `ptr` (functions and all). */
  evaluate(node: unknown, ptr: string): unknown;
}

/**
 * A lazily resolved static resource: a Value's value is evaluated the first time something
 * asks for it (another resource may come later in the template), once, and a Value whose value
 * asks for itself is an error rather than a loop.
 */
export function staticResource(name: string, def: Record<string, unknown>, scope: StaticResourceScope): StaticResource {
  const rp = pointer('resources', name);
  let state: 'new' | 'busy' | 'done' = 'new';
  let value: unknown;
  const resolveValue = (): unknown => {
    if (state === 'done') return value;
    if (state === 'busy') {
      scope.out.push(diagnosticAt(scope.tpl, childPointer(rp, 'properties', 'value'), 'dependency-cycle', `OS::Heat::Value '${name}': its value needs its own value`));
      return INVALID;
    }
    state = 'busy';
    value = evaluateValueProperty(name, def, scope);
    state = 'done';
    return value;
  };
  return {
    type: String(def.type),
    id: `${scope.stackName}-${name}`,
    attributes(): Record<string, unknown> | Invalid {
      if (def.type !== 'OS::Heat::Value') return {};
      const v = resolveValue();
      return v === INVALID ? INVALID : { [VALUE_ATTRIBUTE]: v };
    },
  };
}

function evaluateValueProperty(name: string, def: Record<string, unknown>, scope: StaticResourceScope): unknown {
  const propsPtr = childPointer(pointer('resources', name), 'properties');
  if (!isMap(def.properties)) return null;
  const raw = scope.evaluate(def.properties.value, childPointer(propsPtr, 'value'));
  const type = scope.evaluate(def.properties.type, childPointer(propsPtr, 'type'));
  const value = raw === OMIT ? null : raw;
  if (containsInvalid(value) || type === INVALID) return INVALID;
  // A value known only at deploy time is passed on as it is: its type cannot be checked now.
  if (type === undefined || type === null || value === null || containsRuntime(value)) return value;
  if (!isParameterType(type)) {
    scope.out.push(diagnosticAt(scope.tpl, childPointer(propsPtr, 'type'), 'invalid-value', `OS::Heat::Value '${name}': type must be string, number, comma_delimited_list, json or boolean`));
    return INVALID;
  }
  // Heat gives the value property the schema of that type: the value is converted to it.
  const coerced = coerceValue(type, value);
  if (!coerced.ok) {
    scope.out.push(diagnosticAt(scope.tpl, childPointer(propsPtr, 'value'), 'wrong-type', `OS::Heat::Value '${name}': the value ${coerced.reason} (its type is ${type})`));
    return INVALID;
  }
  return coerced.value;
}
