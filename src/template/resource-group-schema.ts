/**
 * The JSON Schema of an OS::Heat::ResourceGroup resource's properties, kept apart from the
 * container property table in hot-schema.ts, which only adds it to a resource's `type` and applies
 * it when the type is the group's. Plain JSON: no import, so the schema stays one object.
 */

/** The resource type of a group (Heat's resource_group.py). */
export const GROUP_TYPE = 'OS::Heat::ResourceGroup';

type Schema = Record<string, unknown>;

const fn: Schema = { $ref: '#/definitions/function' };
const orFn = (literal: Schema): Schema => ({ anyOf: [literal, fn] });
const doc = (title: string, description: string, schema: Schema): Schema => ({ title, description, ...schema });

const groupProperties: Schema = {
  type: 'object', required: ['resource_def'], additionalProperties: false, 'x-expected': 'a mapping of group properties',
  properties: {
    count: doc('Count', 'How many members the group has (default 1); changing it adds or removes the highest indexes only.',
      orFn({ type: ['integer', 'string'], minimum: 0, pattern: '^\\+?[0-9]+$', 'x-expected': 'a whole number, 0 or more' })),
    index_var: doc('Index variable', 'Replaced by the member index in every string of resource_def (default %index%).',
      orFn({ type: 'string', minLength: 1, 'x-expected': 'a non-empty string' })),
    resource_def: doc('Resource definition', 'The container every member runs; members are named <group>-<index>.', orFn({
      type: 'object', required: ['type', 'properties'], additionalProperties: false, 'x-expected': 'a mapping with type DockerInc::Docker::Container and properties',
      properties: {
        type: { const: 'DockerInc::Docker::Container' },
        properties: { anyOf: [{ $ref: '#/definitions/containerProperties' }, fn] },
        metadata: {},
      },
    })),
    removal_policies: doc('Removal policies', 'Members to remove first, never to be used again: [{resource_list: [index or <group>-<index>, ...]}].',
      orFn({
        type: 'array', 'x-expected': 'a list of {resource_list: [...]} mappings',
        items: orFn({
          type: 'object', additionalProperties: false, 'x-expected': 'a {resource_list: [...]} mapping',
          properties: { resource_list: orFn({ type: 'array', items: orFn({ type: ['string', 'integer'], 'x-expected': 'a member index or name' }), 'x-expected': 'a list of member indexes or names' }) },
        }),
      })),
    removal_policies_mode: doc('Removal policies mode', 'append (default) or update: hotdock keeps no state beside the template, so both mean the list as written.',
      orFn({ enum: ['append', 'update'], 'x-expected': 'append or update' })),
  },
};

/** Applied to every resource: when its type is the group's, its properties are a group's. */
export const GROUP_RESOURCE_SCHEMA: Schema = {
  // `required`: without it a resource with no type would be judged as a group too.
  if: { required: ['type'], properties: { type: { const: GROUP_TYPE } } },
  then: { required: ['properties'], properties: { properties: orFn(groupProperties) } },
};
