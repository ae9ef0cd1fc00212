/**
 * Resource-level rules Heat applies and the schema cannot express: update_policy keys a
 * container does not have, and external_id, which hotdock deliberately does not honour.
 */
import type { Diagnostic } from '../diagnostics.js';
import { diagnosticAt } from './diagnostic-factory.js';
import { isFunctionCall } from './functions/registry.js';
import { isMap } from './functions/spec.js';
import { resourceEntries } from './references.js';
import { GROUP_TYPE } from './resource-group-schema.js';
import { childPointer, pointer, type LoadedTemplate } from './types.js';

/**
 * update_policy: Heat validates it against the resource type's update_policy_schema
 * (heat/engine/resource.py Resource.validate_template), which is empty for
 * DockerInc::Docker::Container, so every key is an "Unknown Property" there. An empty map, or
 * a function computing one, is accepted.
 */
function updatePolicyProblems(tpl: Pick<LoadedTemplate, 'file' | 'positions'>, name: string, policy: unknown, type: unknown): Diagnostic[] {
  // A function call computes the policy: its arguments are not policy keys.
  if (!isMap(policy) || isFunctionCall(policy)) return [];
  // A group's rolling_update and batch_create are Heat's, but hotdock does not batch: each changed member is replaced safely.
  const group = type === GROUP_TYPE;
  return Object.keys(policy).map((key) =>
    diagnosticAt(tpl, childPointer(pointer('resources', name, 'update_policy'), key), 'unknown-update-policy',
      group && (key === 'rolling_update' || key === 'batch_create')
        ? `update_policy of group '${name}': '${key}' is not supported: hotdock replaces each changed member safely, without batches or pauses; remove it`
        : `update_policy of resource '${name}': '${key}' is not an update policy of a ${group ? 'group (Heat knows rolling_update and batch_create)' : 'container (Heat refuses it as an unknown property: a container has no update policies)'}; remove it`,
      'error', 'key'));
}

/**
 * external_id: Heat adopts the existing resource with that id and creates nothing. hotdock
 * converges containers it labels itself and does not adopt one it did not create, so the key
 * is refused rather than silently creating a second container.
 */
function externalIdProblem(tpl: Pick<LoadedTemplate, 'file' | 'positions'>, name: string): Diagnostic {
  return diagnosticAt(tpl, pointer('resources', name, 'external_id'), 'external-id-not-supported',
    `resource '${name}': hotdock does not adopt existing containers (Heat's external_id adopts the one with that id and creates nothing); remove external_id and let hotdock create and own the container, or leave the existing container out of the template`,
    'error', 'key');
}

/** update_policy and external_id problems of every resource. */
export function checkHeatResourceKeys(tpl: Pick<LoadedTemplate, 'file' | 'positions' | 'doc'>): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [name, def] of resourceEntries(tpl.doc)) {
    if ('update_policy' in def) out.push(...updatePolicyProblems(tpl, name, def.update_policy, def.type));
    if ('external_id' in def) out.push(externalIdProblem(tpl, name));
  }
  return out;
}
