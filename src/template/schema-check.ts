/**
 * The structural half of "validate": runs the HOT JSON Schema over the loaded document and turns
 * ajv's errors into one located, plain-sentence diagnostic per problem.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { Diagnostic } from '../diagnostics.js';
import { diagnosticAt } from './diagnostic-factory.js';
import { CONTAINER_PROPERTIES, FUNCTION_SCHEMA } from './hot-schema.js';
import { hotSchemaValidator } from './hot-schema-validator.generated.js';
import { suggest } from './suggest.js';
import { wordingFor, type Segment, type Violation } from './schema-messages.js';
import { escapePointer, unescapePointer, type LoadedTemplate } from './types.js';

/**
 * The HOT schema's validator. It is compiled ahead of time (scripts/generate-schema-validator.mjs,
 * kept current by a test) with ajv's options allErrors, verbose (errors carry the failing schema,
 * for its x-expected phrase, and the data) and inlineRefs off: compiling at start-up cost more
 * than a whole validation.
 */
export function schemaValidator(): ValidateFunction {
  return hotSchemaValidator;
}

/** Pointers whose checks belong to other modules, so a problem is reported once. */
function delegated(e: ErrorObject): boolean {
  const p = e.instancePath;
  // The version check words these better (valid versions, Date values of unquoted dates).
  if (p.startsWith('/heat_template_version')) return true;
  if (p === '' && e.keyword === 'required' && e.params.missingProperty === 'heat_template_version') return true;
  // The body of each constraint kind is checked, with its own messages, by constraints.ts.
  return /^\/parameters\/[^/]+\/constraints\/\d+\/(?:length|range|modulo|allowed_values|allowed_pattern|custom_constraint)(?:\/|$)/.test(p);
}

// Refs are compiled as separate functions, so errors inside the function schema carry paths
// relative to it: match the schema itself. The compiled validator holds its own copy of the
// schema, so subschemas are compared by content (each distinct object is written out once).
const FUNCTION_SCHEMA_TEXTS = new Set([JSON.stringify(FUNCTION_SCHEMA), JSON.stringify(FUNCTION_SCHEMA.propertyNames)]);
const schemaTexts = new WeakMap<object, string>();
const isFunctionBranch = (e: ErrorObject): boolean => {
  const s: unknown = e.parentSchema;
  if (s === FUNCTION_SCHEMA || s === FUNCTION_SCHEMA.propertyNames) return true;
  if (typeof s !== 'object' || s === null) return false;
  let text = schemaTexts.get(s);
  if (text === undefined) schemaTexts.set(s, (text = JSON.stringify(s)));
  return FUNCTION_SCHEMA_TEXTS.has(text);
};
const isUnder = (p: string, root: string): boolean => p === root || p.startsWith(root + '/');

/**
 * Removes ajv's noise. Errors inside the "function call" alternative never help (the literal
 * form is what users mean); an anyOf that has an `x-expected` phrase stands for all its
 * alternatives, so everything at or below it goes; other anyOf wrappers add nothing to their
 * literal branch's own errors; an unknown key that is a misspelling of a missing one is one
 * problem, not two.
 */
function prune(errors: ErrorObject[]): ErrorObject[] {
  let kept = errors.filter((e) => !isFunctionBranch(e) && !delegated(e) && e.keyword !== 'if' && e.keyword !== 'propertyNames');
  kept = kept.filter((e) => !(e.keyword === 'required' && e.schemaPath.includes('/oneOf/')));
  const collapsed = kept
    .filter((e) => e.keyword === 'anyOf' && typeof e.parentSchema?.['x-expected'] === 'string')
    .sort((a, b) => a.instancePath.length - b.instancePath.length);
  const roots: ErrorObject[] = [];
  for (const c of collapsed) if (!roots.some((r) => isUnder(c.instancePath, r.instancePath))) roots.push(c);
  kept = kept.filter((e) => {
    const root = roots.find((r) => isUnder(e.instancePath, r.instancePath));
    return root ? e === root : e.keyword !== 'anyOf';
  });
  const unknownKeys = (path: string): string[] =>
    kept.filter((o) => o.keyword === 'additionalProperties' && o.instancePath === path).map((o) => String(o.params.additionalProperty));
  return kept.filter((e) => {
    if (e.keyword === 'oneOf') return unknownKeys(e.instancePath).length === 0;
    if (e.keyword !== 'required') return true;
    // A misspelled key ('valu', 'propertes') or a property written outside 'properties' is
    // the one problem; its unknown-key message already names the fix.
    const m = String(e.params.missingProperty);
    return !unknownKeys(e.instancePath).some((k) => suggest(k, [m]) === m || (m === 'properties' && CONTAINER_PROPERTIES.includes(k)));
  });
}

/** Path segments of `pointer`, telling list indexes from mapping keys by walking the document. */
function segmentsOf(doc: unknown, pointer: string): Segment[] {
  const out: Segment[] = [];
  let node = doc;
  for (const raw of pointer === '' ? [] : pointer.slice(1).split('/')) {
    const key = unescapePointer(raw);
    if (Array.isArray(node)) {
      out.push({ index: Number(key) });
      node = node[Number(key)];
    } else {
      out.push({ key });
      node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined;
    }
  }
  return out;
}

/** Turns a pruned ajv error into the violation the wording works on. */
function violationOf(doc: unknown, e: ErrorObject): { pointer: string; violation: Violation } {
  let pointer = e.instancePath;
  let data = e.data;
  let isKey = false;
  // A key that breaks `propertyNames` (a bad container port): the problem is the key itself.
  if (e.propertyName !== undefined) {
    pointer = `${pointer}/${escapePointer(e.propertyName)}`;
    data = e.propertyName;
    isKey = true;
  }
  const segments = segmentsOf(doc, pointer);
  const violation: Violation = {
    keyword: e.keyword,
    segments,
    data,
    schema: (e.parentSchema ?? {}) as Record<string, unknown>,
    params: e.params as Record<string, unknown>,
    isKey,
  };
  // Unknown keys and missing ones are reported at the key they concern.
  if (e.keyword === 'additionalProperties') pointer = `${pointer}/${escapePointer(String(e.params.additionalProperty))}`;
  return { pointer, violation };
}

/**
 * Checks the template's structure against the HOT schema: sections, parameter and output
 * definitions, resource keys, and every DockerInc::Docker::Container property with its format.
 * Intrinsic function calls are accepted wherever a value may be; their arguments are not looked into.
 */
export function checkSchema(tpl: LoadedTemplate): Diagnostic[] {
  const validate = schemaValidator();
  if (validate(tpl.doc)) return [];
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const e of prune(validate.errors ?? [])) {
    const { pointer, violation } = violationOf(tpl.doc, e);
    const w = wordingFor(violation);
    const id = `${pointer}\u0000${w.code}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(diagnosticAt(tpl, pointer, w.code, w.message, 'error', w.at));
  }
  return out;
}
