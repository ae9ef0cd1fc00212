/**
 * The JSON Schema (draft-07) of a HOT template of DockerInc::Docker::Container resources.
 * schema-check.ts validates with it; schema/hot.schema.json is this object written out verbatim
 * for editors (a test keeps the two identical). `x-expected` is an annotation of ours: the
 * phrase messages use for "must be …"; validators and editors ignore it.
 */

import { GROUP_RESOURCE_SCHEMA, GROUP_TYPE } from './resource-group-schema.js';
import { YAML11_BOOLEAN_WORDS } from '../spec/coerce.js';
import {
  CONTAINER_NAME_PATTERN, CPU_SET_PATTERN, DEVICE_PATH_MAX_LENGTH, DEVICE_PATH_PATTERN, DEVICE_PERMISSIONS, LINUX_CAPABILITIES,
  RESTART_POLICIES,
} from '../spec/container-property-formats.js';
import { CONTAINER_PROPERTY_NAMES, CONTAINER_PROPERTY_TABLE, type PropertyFormat } from '../spec/container-properties.js';

/** The only resource type hotdock deploys (OS::Heat::ResourceGroup expands into it: resource-group.ts). */
export const CONTAINER_TYPE = 'DockerInc::Docker::Container';

/** Heat's glue resources: resolved with the template, nothing is deployed for them (static-resources.ts). */
export const STATIC_RESOURCE_TYPES = ['OS::Heat::Value', 'OS::Heat::None'] as const;

/** The top-level sections a HOT template may have. */
export const HOT_SECTIONS = [
  'heat_template_version', 'description', 'parameter_groups', 'parameters', 'resources', 'outputs', 'conditions',
] as const;

/** Every HOT intrinsic function, whatever version brought it (versions are checked elsewhere). */
export const INTRINSIC_FUNCTIONS = [
  'get_param', 'get_resource', 'get_attr', 'get_file', 'str_replace', 'str_replace_strict', 'str_replace_vstrict',
  'list_join', 'str_split', 'digest', 'repeat', 'map_merge', 'map_replace', 'list_concat', 'list_concat_unique',
  'contains', 'if', 'equals', 'not', 'and', 'or', 'filter', 'make_url', 'yaql',
  // CloudFormation-style functions of the early HOT versions (cfn-functions.ts).
  'Ref', 'Fn::Join', 'Fn::Select', 'Fn::Split', 'Fn::Replace', 'Fn::Base64', 'Fn::MemberListToMap', 'Fn::GetAZs', 'Fn::ResourceFacade',
] as const;

/** Capabilities Heat's plugin accepted in cap_add / cap_drop (re-exported: tests and checks name it here). */
export { LINUX_CAPABILITIES };

/** The HOT versions as written (dates and release names); the version check lists them for users. */
const VERSION_SPELLINGS = [
  '2013-05-23', '2014-10-16', '2015-04-30', '2015-10-15', '2016-04-08', '2016-10-14', '2017-02-24', '2017-09-01',
  '2018-03-02', '2018-08-31', '2021-04-16', 'newton', 'ocata', 'pike', 'queens', 'rocky', 'wallaby',
];

// 1-65535 as a regular expression, so numeric strings get the same range check as numbers.
const PORT_RE = '(?:[1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])';
const BIND_MODE_RE = '(?:rw|ro|z|Z|shared|slave|private|rshared|rslave|rprivate|nocopy|consistent|cached|delegated)';

// Heat's coercion of strings: whole numbers, non-negative ones, and true/false in any case.
const INTEGER_RE = '^[-+]?[0-9]+$';
const COUNT_RE = '^\\+?[0-9]+$';
const BOOLEAN_RE = '^(?:[Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee])$';
// A boolean property also takes the words Heat's YAML 1.1 loader read as booleans (yes, on, ...).
const PROPERTY_BOOLEAN_RE = `^(?:[Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee]|${Object.keys(YAML11_BOOLEAN_WORDS).join('|')})$`;

/** Patterns that only express that coercion: a string failing one is of the wrong type, not a wrong value. */
export const COERCION_PATTERNS: readonly string[] = [INTEGER_RE, COUNT_RE, BOOLEAN_RE, PROPERTY_BOOLEAN_RE];

type Schema = Record<string, unknown>;

const ref = (name: string): Schema => ({ $ref: `#/definitions/${name}` });
/** Help text for editors. */
const doc = (title: string, description: string, schema: Schema): Schema => ({ title, description, ...schema });
/** The literal form, or any intrinsic function call in its place (whose arguments are checked elsewhere). */
const orFn = (literal: Schema): Schema => ({ anyOf: [literal, ref('function')] });
const listOf = (item: Schema, expected: string): Schema => ({ type: 'array', items: orFn(item), 'x-expected': expected });
const mapOf = (value: Schema, expected: string): Schema => ({ type: 'object', additionalProperties: orFn(value), 'x-expected': expected });

// One schema with several types rather than anyOf: each keyword applies to its own type only,
// so a failure is reported at the exact node instead of as a list of alternatives.
const bindingItem: Schema = {
  type: ['integer', 'string', 'null', 'object'], minimum: 1, maximum: 65535, pattern: `^${PORT_RE}$`,
  additionalProperties: false,
  properties: {
    HostIp: orFn(ref('string')),
    HostPort: orFn({
      type: ['integer', 'string', 'null'], minimum: 1, maximum: 65535, pattern: `^(?:${PORT_RE})?$`,
      'x-expected': 'a host port from 1 to 65535',
    }),
  },
  'x-expected': 'a host port from 1 to 65535, null (any free port) or a {HostIp, HostPort} mapping',
};

/** A call of an intrinsic function; schema-check.ts recognises its errors by this schema. */
export const FUNCTION_SCHEMA = {
  description: 'An intrinsic function call: a mapping with exactly one key naming a HOT function.',
  type: 'object', minProperties: 1, maxProperties: 1, propertyNames: { enum: [...INTRINSIC_FUNCTIONS] },
} as const;

const definitions: Record<string, Schema> = {
  function: FUNCTION_SCHEMA,
  // Heat's coercion: strings accept numbers and booleans; integers numeric strings; booleans "true"/"false".
  string: { type: ['string', 'number', 'boolean'], 'x-expected': 'a string' },
  integer: { type: ['integer', 'string'], pattern: INTEGER_RE, 'x-expected': 'a whole number' },
  count: { type: ['integer', 'string'], minimum: 0, pattern: COUNT_RE, 'x-expected': 'a whole number, 0 or more' },
  boolean: { type: ['boolean', 'string'], pattern: BOOLEAN_RE, 'x-expected': 'true or false' },
  propertyBoolean: {
    type: ['boolean', 'string'], pattern: PROPERTY_BOOLEAN_RE, 'x-expected': 'true or false (or yes/no, on/off unquoted)',
  },
  port: {
    type: ['integer', 'string'], minimum: 1, maximum: 65535, pattern: `^${PORT_RE}$`,
    'x-expected': 'a port number from 1 to 65535',
  },
  portSpec: {
    type: ['integer', 'string'], minimum: 1, maximum: 65535, pattern: `^${PORT_RE}(?:/(?:tcp|udp|sctp))?$`,
    'x-expected': "a port from 1 to 65535, optionally followed by /tcp, /udp or /sctp (e.g. 80, '80/tcp', '53/udp')",
  },
  portBindingItem: bindingItem,
  portBinding: {
    ...bindingItem,
    type: ['integer', 'string', 'null', 'object', 'array'],
    items: orFn(ref('portBindingItem')),
    'x-expected': 'a host port from 1 to 65535, null (any free port), a {HostIp, HostPort} mapping, or a list of those',
  },
  devicePath: { type: 'string', pattern: DEVICE_PATH_PATTERN, maxLength: DEVICE_PATH_MAX_LENGTH, 'x-expected': 'a device path like /dev/sda (at most 255 characters)' },
  condition: {
    anyOf: [{ type: ['string', 'boolean'] }, ref('function')],
    'x-expected': "the name of a condition, true or false, or a condition function such as {equals: [...]}",
  },
};

const str = (title: string, description: string): Schema => doc(title, description, orFn(ref('string')));

const capabilityList = listOf({ enum: [...LINUX_CAPABILITIES], 'x-expected': 'a Linux capability' }, 'a list of Linux capabilities');

/**
 * The literal form of each property format of the property table (src/spec/container-properties.ts);
 * every property also takes a function call in its place.
 */
const FORMAT_SCHEMAS: Record<PropertyFormat, Schema> = {
  endpoint: ref('string'),
  'container-name': {
    type: ['string', 'number'], pattern: CONTAINER_NAME_PATTERN,
    'x-expected': "a container name of two or more letters, digits, '_', '.' or '-', starting with a letter or digit",
  },
  text: ref('string'),
  bytes: { ...definitions.count, 'x-expected': 'a whole number of bytes, 0 or more' },
  count: ref('count'),
  boolean: ref('propertyBoolean'),
  'text-list': listOf(ref('string'), 'a list of strings'),
  'env-list': listOf({ type: 'string', pattern: '^[^=]+=', 'x-expected': 'a KEY=VALUE string' }, 'a list of KEY=VALUE strings'),
  'dns-list': listOf(ref('string'), 'a list of DNS server addresses'),
  'capability-list': capabilityList,
  'port-specs': listOf(ref('portSpec'), 'a list of ports'),
  'port-bindings': {
    type: 'object', propertyNames: { pattern: `^${PORT_RE}(?:/(?:tcp|udp|sctp))?$`, 'x-expected': "a container port from 1 to 65535, optionally followed by /tcp, /udp or /sctp (e.g. 80, '80/tcp')" }, additionalProperties: orFn(ref('portBinding')),
    'x-expected': 'a mapping of container ports to host ports',
  },
  links: mapOf(ref('string'), 'a mapping of container names to aliases'),
  volumes: {
    type: 'object', propertyNames: { minLength: 1 },
    additionalProperties: orFn({
      type: ['string', 'object'], pattern: '^/[^:]*$', additionalProperties: false, required: ['bind'],
      properties: {
        bind: orFn({ type: 'string', pattern: '^/[^:]*$', 'x-expected': 'an absolute path in the container, e.g. /data' }),
        // Heat kept the volumes map as written: a plain yes/no here was a YAML 1.1 boolean too.
        ro: orFn(ref('propertyBoolean')),
        mode: orFn({
          type: 'string', pattern: `^${BIND_MODE_RE}(?:,${BIND_MODE_RE})*$`, 'x-expected': "a bind mode such as 'rw', 'ro' or 'ro,Z'",
        }),
      },
      'x-expected': 'an absolute path in the container (e.g. /data) or a {bind, ro, mode} mapping',
    }),
    'x-expected': 'a mapping of host paths to container paths',
  },
  // Heat's first plugin took a comma-separated string (docker-py split it); later Heat a list.
  'volumes-from': {
    type: ['array', 'string'], items: orFn(ref('string')),
    'x-expected': 'a list of container names, or one comma-separated string of them',
  },
  'restart-policy': {
    type: 'object', additionalProperties: false, 'x-expected': 'a {Name, MaximumRetryCount} mapping',
    properties: {
      Name: doc('Policy', 'no, on-failure or always.', orFn({ enum: [...RESTART_POLICIES], 'x-expected': 'a restart policy' })),
      MaximumRetryCount: doc('Maximum retries', 'Retries before giving up (on-failure only); 0 means no limit.', orFn(ref('count'))),
    },
  },
  'cpu-set': {
    type: ['string', 'integer'], pattern: CPU_SET_PATTERN,
    'x-expected': "a list of CPUs and ranges like '0-8,16-24,28'",
  },
  devices: listOf({
    type: 'object', additionalProperties: false, required: ['path_on_host'], 'x-expected': 'a {path_on_host, path_in_container, permissions} mapping',
    properties: {
      path_on_host: doc('Path on host', 'Device path on the host, e.g. /dev/sda.', orFn(ref('devicePath'))),
      path_in_container: doc('Path in container', 'Device path in the container; defaults to path_on_host.', orFn(ref('devicePath'))),
      permissions: doc('Permissions', 'Cgroup permissions: r, w, m or a combination in that order; default rwm.',
        orFn({ enum: [...DEVICE_PERMISSIONS], 'x-expected': 'device permissions' })),
    },
  }, 'a list of devices'),
};

const containerProperties: Record<string, Schema> = Object.fromEntries(CONTAINER_PROPERTY_TABLE.map((p) =>
  [p.name, doc(p.title, p.description, orFn(FORMAT_SCHEMAS[p.format]))]));

/** Every property of a container resource, in the property table's order. */
export const CONTAINER_PROPERTIES: readonly string[] = CONTAINER_PROPERTY_NAMES;

// A definition of its own, so the compiled validator checks each resource's properties in a
// function of their own: called once a resource, V8 optimises it within the first few dozen,
// where inline in the whole-document function it stayed in the interpreter (a 1,000-resource
// template validated in 28 ms, now 16 ms).
definitions.containerProperties = {
  type: 'object', required: CONTAINER_PROPERTY_TABLE.filter((p) => p.required).map((p) => p.name),
  additionalProperties: false, properties: containerProperties,
  'x-expected': 'a mapping of container properties',
};
const containerPropertiesSchema: Schema = orFn(ref('containerProperties'));

const resource: Schema = {
  type: 'object', required: ['type'], additionalProperties: false, 'x-expected': 'a mapping with a type and properties',
  properties: {
    type: doc('Resource type', `hotdock deploys ${CONTAINER_TYPE} resources, alone or as ${GROUP_TYPE} members; OS::Heat::Value and OS::Heat::None are resolved with the template.`, { enum: [CONTAINER_TYPE, GROUP_TYPE, ...STATIC_RESOURCE_TYPES] }),
    properties: doc('Properties', 'The container to run.', {}),
    metadata: doc('Metadata', 'Free-form data kept with the resource.', {}),
    depends_on: doc('Depends on', 'Resources created before this one: a name or a list of names.', {
      type: ['string', 'array'], items: { type: 'string', 'x-expected': 'a resource name' }, 'x-expected': 'a resource name or a list of resource names',
    }),
    deletion_policy: doc('Deletion policy', 'Delete (default) removes the container with the resource; Retain leaves it running.',
      // The lowercase spellings are Heat's aliases since 2016-10-14 (versions.ts gates them).
      orFn({ enum: ['Delete', 'Retain', 'delete', 'retain'], 'x-expected': 'a deletion policy' })),
    update_policy: doc('Update policy', 'A container has no update policies (as in Heat, any key is an error); hotdock replaces a container whose desired state changed.', orFn({ type: 'object', 'x-expected': 'a mapping' })),
    description: str('Description', 'What this resource is for.'),
    condition: doc('Condition', 'Create the resource only when this condition holds.', ref('condition')),
    external_id: str('External id', 'Refused: Heat adopts the existing resource, hotdock does not adopt containers it did not create.'),
  },
  // Only container resources have a known property set; the type error covers the others.
  if: { properties: { type: { const: CONTAINER_TYPE } } },
  then: { required: ['properties'], properties: { properties: containerPropertiesSchema } },
  // A group's properties (resource-group-schema.ts); OS::Heat::Value's: a value and, optionally, the type to give it.
  allOf: [GROUP_RESOURCE_SCHEMA, {
    if: { required: ['type'], properties: { type: { const: 'OS::Heat::Value' } } },
    then: {
      required: ['properties'],
      properties: {
        properties: orFn({
          type: 'object', required: ['value'], additionalProperties: false, 'x-expected': 'a mapping with a value (and a type)',
          properties: { value: {}, type: orFn({ enum: ['string', 'number', 'comma_delimited_list', 'json', 'boolean'], 'x-expected': 'a parameter type' }) },
        }),
      },
    },
  }],
};

/** The kinds of parameter constraint; each constraint item has exactly one. */
export const CONSTRAINT_KINDS = ['length', 'range', 'modulo', 'allowed_values', 'allowed_pattern', 'custom_constraint'] as const;
const bounds = (what: string): Schema => ({ type: 'object', additionalProperties: false, properties: { min: { type: 'number' }, max: { type: 'number' } }, description: what });
const constraint: Schema = {
  type: 'object', additionalProperties: false, 'x-expected': 'a constraint mapping such as {range: {min: 1, max: 10}}',
  properties: {
    length: bounds('Length of a string, list or json value: {min, max}.'),
    range: bounds('Inclusive range of a number: {min, max}.'),
    modulo: { type: 'object', additionalProperties: false, required: ['step', 'offset'], properties: { step: { type: 'number' }, offset: { type: 'number' } }, description: 'value % step == offset.' },
    allowed_values: { type: 'array', description: 'The values allowed.' },
    allowed_pattern: { type: 'string', description: 'A regular expression the whole value must match.' },
    custom_constraint: { type: 'string', description: 'An OpenStack service check; hotdock does not run it.' },
    description: { type: 'string', description: 'Shown instead of the default message when the constraint fails.' },
  },
  oneOf: CONSTRAINT_KINDS.map((k) => ({ required: [k] })),
};

const parameter: Schema = {
  type: 'object', required: ['type'], additionalProperties: false, 'x-expected': 'a mapping with at least a type',
  properties: {
    type: doc('Type', 'string, number, comma_delimited_list, json or boolean.', { enum: ['string', 'number', 'comma_delimited_list', 'json', 'boolean'], 'x-expected': 'a parameter type' }),
    label: doc('Label', 'Short name shown to users.', ref('string')),
    description: doc('Description', 'What the parameter is for.', ref('string')),
    default: doc('Default', 'Value used when none is given; without one the parameter is required.', {}),
    hidden: doc('Hidden', 'A secret: its value is masked in logs and summaries.', ref('boolean')),
    constraints: doc('Constraints', 'Checks on the value.', { type: 'array', items: constraint, 'x-expected': 'a list of constraints' }),
    immutable: doc('Immutable', 'The value may not change on update.', ref('boolean')),
    tags: doc('Tags', 'Free-form tags.', { type: 'array', items: ref('string'), 'x-expected': 'a list of strings' }),
  },
};

const section = (title: string, description: string, schema: Schema): Schema =>
  doc(title, description, { ...schema, type: ['object', 'null'] });

/** The schema of a whole HOT template: see the module comment. */
export const hotSchema: Schema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://github.com/hotdock/hotdock/raw/main/schema/hot.schema.json',
  title: 'HOT template for hotdock',
  description: `An OpenStack Heat (HOT) template of ${CONTAINER_TYPE} resources, as hotdock validates and deploys it.`,
  type: 'object',
  required: ['heat_template_version'],
  additionalProperties: false,
  'x-expected': 'a mapping of template sections',
  properties: {
    heat_template_version: doc('HOT version', 'Template format version, e.g. 2021-04-16 or wallaby.', { type: 'string', enum: VERSION_SPELLINGS }),
    description: doc('Description', 'What the template deploys.', ref('string')),
    parameter_groups: doc('Parameter groups', 'How user interfaces group parameters.', {
      type: ['array', 'null'], 'x-expected': 'a list of parameter groups',
      items: {
        type: 'object', additionalProperties: false, 'x-expected': 'a {label, description, parameters} mapping',
        properties: { label: ref('string'), description: ref('string'), parameters: { type: 'array', items: { type: 'string' }, 'x-expected': 'a list of parameter names' } },
      },
    }),
    parameters: section('Parameters', 'Inputs of the template, by name.', { additionalProperties: parameter, 'x-expected': 'a mapping of parameters' }),
    resources: section('Resources', 'The containers to run, by resource name.', { additionalProperties: resource, 'x-expected': 'a mapping of resources' }),
    outputs: section('Outputs', 'Values the run reports, by name.', {
      'x-expected': 'a mapping of outputs',
      additionalProperties: {
        type: 'object', required: ['value'], additionalProperties: false, 'x-expected': 'a mapping with a value',
        properties: {
          value: doc('Value', 'The value, usually a function such as {get_attr: [web, network_ip]}.', {}),
          description: doc('Description', 'What the output is.', ref('string')),
          condition: doc('Condition', 'Report the output only when this condition holds.', ref('condition')),
        },
      },
    }),
    conditions: section('Conditions', 'Named conditions, e.g. prod: {equals: [{get_param: env}, prod]}.', { 'x-expected': 'a mapping of conditions' }),
  },
  definitions,
};
