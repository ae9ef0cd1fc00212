/**
 * Turns one schema violation into a code and a sentence a user can act on: names the thing by
 * its place in the template ("property 'cmd' of resource 'web'"), says what it must be, and
 * suggests the closest valid name when there is one.
 */
import { GROUP_TYPE } from './resource-group-schema.js';
import { COERCION_PATTERNS, CONSTRAINT_KINDS, CONTAINER_PROPERTIES, CONTAINER_TYPE, HOT_SECTIONS, INTRINSIC_FUNCTIONS, STATIC_RESOURCE_TYPES } from './hot-schema.js';
import { suggest } from './suggest.js';

/** One step of a path: a mapping key, or a list index (shown 1-based). */
export type Segment = { key: string } | { index: number };

/** A violation, reduced to what the wording needs. */
export interface Violation {
  keyword: string;
  segments: Segment[];
  data: unknown;
  /** The schema holding the failed keyword. */
  schema: Record<string, unknown>;
  params: Record<string, unknown>;
  /** Set when the offending thing is a mapping key (unknown key, bad container port). */
  isKey?: boolean;
}

/** What to report; `at: 'key'` points at the key of the node. */
export interface Wording {
  code: string;
  message: string;
  at: 'key' | 'value';
}

const keyOf = (s: Segment | undefined): string | undefined => (s && 'key' in s ? s.key : undefined);

function quote(s: string): string {
  return `'${s.length > 60 ? s.slice(0, 57) + '...' : s}'`;
}

/** The value as a message shows it: strings quoted, scalars as written, containers by kind. */
export function showValue(v: unknown): string {
  if (typeof v === 'string') return quote(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return kindOf(v);
}

/** "a string", "a mapping", ...: the kind of a value. */
export function kindOf(v: unknown): string {
  if (v === null || v === undefined) return 'an empty value';
  if (Array.isArray(v)) return 'a list';
  if (v instanceof Date) return 'a date';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'boolean') return 'a boolean';
  return `a ${typeof v}`;
}

/** Names the node at `segments` the way a user thinks of it. */
export function subjectOf(segments: readonly Segment[]): string {
  const [section, name, ...rest] = segments;
  const sec = keyOf(section);
  if (sec === undefined) return 'the template';
  if (name === undefined) return `the '${sec}' section`;
  const nameText = 'key' in name ? name.key : String(name.index + 1);
  let base: string;
  let tail = rest;
  if (sec === 'resources') {
    base = `resource '${nameText}'`;
    if (keyOf(rest[0]) === 'properties') {
      if (rest.length === 1) return `the properties of ${base}`;
      base = `property '${keyOf(rest[1])}' of ${base}`;
      tail = rest.slice(2);
    }
  } else if (sec === 'parameters') {
    base = `parameter '${nameText}'`;
    if (keyOf(rest[0]) === 'constraints' && rest[1] && 'index' in rest[1]) {
      base = `constraint ${rest[1].index + 1} of ${base}`;
      tail = rest.slice(2);
    }
  } else if (sec === 'outputs') base = `output '${nameText}'`;
  else if (sec === 'conditions') base = `condition '${nameText}'`;
  else if (sec === 'parameter_groups') base = `parameter group ${nameText}`;
  else base = `the '${sec}' section`;
  const words = tail.map((s) => ('key' in s ? `'${s.key}'` : `item ${s.index + 1}`)).reverse();
  return [...words, base].join(' of ');
}

/** "(did you mean 'x'?)" or ''. */
function didYouMean(word: unknown, candidates: readonly string[]): string {
  if (typeof word !== 'string') return '';
  const s = suggest(word, candidates);
  return s ? ` (did you mean '${s}'?)` : '';
}

/** For a one-key mapping whose key is a near miss of a function name: the hint that says so. */
function functionTypoHint(v: unknown): string {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return '';
  const keys = Object.keys(v);
  if (keys.length !== 1) return '';
  const s = suggest(keys[0], INTRINSIC_FUNCTIONS);
  return s ? ` ('${keys[0]}' is not a function; did you mean '${s}'?)` : '';
}

function expected(schema: Record<string, unknown>): string {
  const x = schema['x-expected'];
  if (typeof x === 'string') return x;
  const t = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  return ({ string: 'a string', number: 'a number', integer: 'a whole number', object: 'a mapping', array: 'a list', boolean: 'true or false' } as Record<string, string>)[String(t)] ?? 'something else';
}

/** Where in the template the violation sits, for picking a code. */
function place(segments: readonly Segment[]): { property?: string; depth: number; field?: string } {
  if (keyOf(segments[0]) !== 'resources' || keyOf(segments[2]) !== 'properties' || segments.length < 4) return { depth: 0 };
  return { property: keyOf(segments[3]), depth: segments.length - 4, field: keyOf(segments[segments.length - 1]) };
}

function portWording(v: Violation): Wording {
  const p = place(v.segments);
  const owner = subjectOf(v.segments.slice(0, 4));
  const parent = keyOf(v.segments[4]);
  let where: string;
  if (p.property === 'port_specs') where = `${showValue(v.data)} in ${owner}`;
  else if (v.isKey) where = `container port ${showValue(v.data)} in ${owner}`;
  else where = `host port ${showValue(v.data)} for container port '${parent}' in ${owner}`;
  return { code: 'invalid-port', message: `${where} is not a valid port; use ${expected(v.schema)}`, at: v.isKey ? 'key' : 'value' };
}

const VALUE_KEYWORDS = new Set(['type', 'pattern', 'minimum', 'maximum', 'minLength', 'maxLength', 'enum', 'const', 'anyOf']);

function unknownKey(v: Violation): Wording {
  const key = String(v.params.additionalProperty);
  const segs = v.segments;
  if (segs.length === 0) {
    return { code: 'unknown-section', at: 'key', message: `unknown section '${key}'${didYouMean(key, HOT_SECTIONS)}; a HOT template has only the sections ${HOT_SECTIONS.join(', ')}` };
  }
  const known = Object.keys((v.schema.properties as Record<string, unknown> | undefined) ?? {});
  const fnHint = Object.keys(v.data as object).length === 1 ? functionTypoHint(v.data) : '';
  const dym = fnHint || didYouMean(key, known);
  if (segs.length === 3 && keyOf(segs[0]) === 'resources' && keyOf(segs[2]) === 'properties') {
    const owner = known.includes('resource_def') ? `an ${GROUP_TYPE} has only ${known.join(', ')}` : `${CONTAINER_TYPE} has no such property`;
    const why = dym || `; ${owner}`;
    return { code: 'unknown-property', at: 'key', message: `unknown property '${key}' in resource '${keyOf(segs[1])}'${why}` };
  }
  let why = dym;
  if (!why && segs.length === 2 && keyOf(segs[0]) === 'resources') {
    const misplaced = CONTAINER_PROPERTIES.includes(key) ? ` ('${key}' goes under 'properties')` : '';
    why = `; a resource has only the keys ${known.join(', ')}${misplaced}`;
  } else if (!why && known.length > 0 && known.length <= 10) why = `; expected one of ${known.join(', ')}`;
  return { code: 'unknown-key', at: 'key', message: `unknown key '${key}' in ${subjectOf(segs)}${why}` };
}

function missing(v: Violation): Wording {
  const m = String(v.params.missingProperty);
  const segs = v.segments;
  const sec = keyOf(segs[0]);
  const subject = subjectOf(segs);
  let message = `${subject} has no '${m}'`;
  if (sec === 'resources' && segs.length === 3 && m === 'image') message = `resource '${keyOf(segs[1])}' has no 'image': hotdock needs an image to run`;
  else if (sec === 'resources' && segs.length === 2 && m === 'properties') message = `${subject} has no 'properties': hotdock needs at least an 'image' to run`;
  else if (sec === 'resources' && segs.length === 2 && m === 'type') message = `${subject} has no 'type'; add 'type: ${CONTAINER_TYPE}'`;
  else if (sec === 'parameters' && segs.length === 2 && m === 'type') message = `${subject} has no 'type'; use one of string, number, comma_delimited_list, json or boolean`;
  else if (sec === 'outputs' && segs.length === 2 && m === 'value') message = `${subject} has no 'value'; e.g. value: {get_attr: [web, network_ip]}`;
  return { code: 'missing-required', at: 'key', message };
}

function badEnum(v: Violation): Wording {
  const allowed = (v.schema.enum as unknown[] | undefined)?.map(String) ?? [];
  const segs = v.segments;
  const dym = didYouMean(v.data, allowed);
  const field = keyOf(segs[segs.length - 1]);
  if (field === 'deletion_policy' && (v.data === 'Snapshot' || v.data === 'snapshot')) {
    return { code: 'unsupported-deletion-policy', at: 'value', message: `deletion_policy '${String(v.data)}' of resource '${keyOf(segs[1])}' is not supported: a container has no snapshot; use Delete or Retain` };
  }
  if (allowed.length > 8) {
    // A long list (capabilities) helps nobody in a sentence: name what it is and the closest match.
    const last = segs[segs.length - 1];
    const owner = last && 'index' in last ? subjectOf(segs.slice(0, -1)) : subjectOf(segs);
    return { code: 'invalid-value', at: 'value', message: `${showValue(v.data)} in ${owner} is not ${expected(v.schema)}${dym}` };
  }
  const list = allowed.length > 1 ? `${allowed.slice(0, -1).join(', ')} or ${allowed[allowed.length - 1]}` : allowed.join('');
  const choice = allowed.length > 2 ? `one of ${list}` : list;
  return { code: 'invalid-value', at: 'value', message: `${subjectOf(segs)} must be ${choice}, not ${showValue(v.data)}${dym}` };
}

/** The code and sentence for one violation. */
export function wordingFor(v: Violation): Wording {
  const p = place(v.segments);
  const subject = subjectOf(v.segments);
  if (v.keyword === 'additionalProperties') return unknownKey(v);
  if (v.keyword === 'required') return missing(v);
  if (VALUE_KEYWORDS.has(v.keyword)) {
    const isPort = (p.property === 'port_specs' && p.depth >= 1) || (p.property === 'port_bindings' && (v.isKey || p.depth >= 1));
    if (isPort) return portWording(v);
    if (p.property === 'devices' && (p.field === 'path_on_host' || p.field === 'path_in_container')) {
      return { code: 'invalid-device-path', at: 'value', message: `${subject} must be ${expected(v.schema)}, not ${showValue(v.data)}` };
    }
  }
  switch (v.keyword) {
    case 'const':
      if (v.segments.length === 3 && keyOf(v.segments[2]) === 'type') {
        return { code: 'unsupported-resource-type', at: 'value', message: `unsupported resource type ${showValue(v.data)}: hotdock deploys ${CONTAINER_TYPE}${didYouMean(v.data, [CONTAINER_TYPE])}` };
      }
      return { code: 'invalid-value', at: 'value', message: `${subject} must be ${JSON.stringify(v.schema.const)}, not ${showValue(v.data)}` };
    case 'enum':
      if (v.segments.length === 3 && keyOf(v.segments[2]) === 'type' && keyOf(v.segments[0]) === 'resources') {
        const types = [CONTAINER_TYPE, GROUP_TYPE, ...STATIC_RESOURCE_TYPES];
        return { code: 'unsupported-resource-type', at: 'value', message: `unsupported resource type ${showValue(v.data)}: hotdock deploys ${CONTAINER_TYPE}${didYouMean(v.data, types)}` };
      }
      return badEnum(v);
    case 'type':
    case 'anyOf': {
      const what = v.segments.length === 0 ? 'the template' : subject;
      let hint = functionTypoHint(v.data);
      if (!hint && p.property === 'env' && p.depth === 0 && kindOf(v.data) === 'a mapping') hint = '; write each variable as a list item, e.g. - KEY=VALUE';
      return { code: 'wrong-type', at: 'value', message: `${what} must be ${expected(v.schema)}, not ${kindOf(v.data)}${hint}` };
    }
    case 'pattern': {
      const coercion = COERCION_PATTERNS.includes(String(v.schema.pattern));
      return { code: coercion ? 'wrong-type' : 'invalid-value', at: v.isKey ? 'key' : 'value', message: `${v.isKey ? `key ${showValue(v.data)} of ${subject}` : subject} must be ${expected(v.schema)}, not ${showValue(v.data)}` };
    }
    case 'oneOf': {
      // Only constraint items use oneOf: exactly one kind per item.
      const present = CONSTRAINT_KINDS.filter((k) => typeof v.data === 'object' && v.data !== null && k in v.data);
      const message = present.length === 0
        ? `${subject} names no kind of constraint; use one of ${CONSTRAINT_KINDS.join(', ')}`
        : `${subject} has ${present.map((k) => `'${k}'`).join(' and ')}; write each constraint as its own list item`;
      return { code: 'invalid-constraint', at: 'value', message };
    }
    case 'minimum':
    case 'maximum':
      return { code: 'invalid-value', at: 'value', message: `${subject} must be ${expected(v.schema)}, not ${showValue(v.data)}` };
    case 'minLength':
      return { code: 'invalid-value', at: v.isKey ? 'key' : 'value', message: `${v.isKey ? `a key of ${subject}` : subject} must not be empty` };
    case 'maxLength':
      return { code: 'invalid-value', at: 'value', message: `${subject} must be at most ${String(v.schema.maxLength)} characters long` };
    default:
      return { code: 'invalid-value', at: 'value', message: `${subject} is not valid here: it ${v.keyword === 'not' ? 'has a form that is not allowed' : `fails the '${v.keyword}' rule`}` };
  }
}
