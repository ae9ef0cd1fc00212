/**
 * Pipeline stage "load": template text → document value + source positions, or diagnostics.
 *
 * The text is parsed once into js-yaml's event stream (every node with its source offsets).
 * One pass over the events checks limits, duplicate keys and aliases, and builds the value (core
 * schema: `2013-05-23` stays text). Positions are recorded by a second pass over the same events,
 * run only when something needs them: a problem found here or by a later stage. A template with
 * explicit tags or merge keys has its value built by js-yaml's constructor from the events.
 */
import { constructFromEvents, CORE_SCHEMA, EVENT_ID, mergeTag, parseEvents } from 'js-yaml';
import type { Event } from 'js-yaml';
import type { Diagnostic } from '../diagnostics.js';
import { DEFAULT_LOAD_LIMITS, formatBytes, resolveLimits } from './load-limits.js';
import type { LoadLimits } from './load-limits.js';
import { valueOfEvents, walkEvents, type WalkResult } from './event-walk.js';
import { LazyPositionMap, LineIndex, nodeOffset, OffsetPositionMap } from './positions.js';
import type { LoadedTemplate, LoadResult } from './types.js';

type LoadedPositions = LoadedTemplate['positions'];

export { DEFAULT_LOAD_LIMITS };
export type { LoadLimits };

/**
 * YAML 1.2 core schema (no timestamps: `2013-05-23` stays text, as Heat's loader keeps it) plus
 * merge keys (`<<: *defaults`), which Heat's loader accepts too.
 */
const SCHEMA = CORE_SCHEMA.withTags(mergeTag);

const NOT_A_MAPPING = 'The template must be a YAML mapping with heat_template_version, resources, ...';

/**
 * Loads a HOT template. Never throws: every problem (size, YAML syntax, limits, duplicate keys,
 * a document that is not one mapping) comes back as diagnostics, and then nothing else runs.
 */
export function loadTemplate(text: string, file: string, limits?: Partial<LoadLimits>): LoadResult {
  try {
    return load(text, file, resolveLimits(limits));
  } catch (err) {
    // Last resort: a loader bug or an exotic input must still end as a diagnostic.
    return failure([
      { file, line: 1, column: 1, path: '', code: 'yaml-syntax', severity: 'error', message: `The template could not be read: ${errorText(err)}` },
    ]);
  }
}

function load(text: string, file: string, limits: LoadLimits): LoadResult {
  const at = (offset: number, code: string, message: string, path = ''): Diagnostic => {
    const pos = offset >= 0 ? index.position(offset) : { line: 1, column: 1 };
    return { file, line: pos.line, column: pos.column, path, code, message, severity: 'error' };
  };

  // Size first: nothing is parsed or indexed for a file over the limit.
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > limits.maxBytes) {
    return failure([
      { file, line: 1, column: 1, path: '', code: 'template-too-large', severity: 'error',
        message: `The template is ${formatBytes(bytes)}; the limit is ${formatBytes(limits.maxBytes)}.` },
    ]);
  }
  const index = new LineIndex(text);

  let events: Event[];
  try {
    // The parser's own depth guard sits a little above ours (it also counts scalars), so our
    // event pass reports depth in our terms; beyond it, the parser stops before recursing on.
    events = parseEvents(text, { filename: file, maxDepth: limits.maxDepth + 3 });
  } catch (err) {
    return failure([yamlError(err, file, index, limits)]);
  }

  const docStarts: number[] = [];
  for (let i = 0; i < events.length; i++) if (events[i].type === EVENT_ID.DOCUMENT) docStarts.push(i);
  if (docStarts.length === 0) return failure([at(-1, 'not-a-mapping', `${NOT_A_MAPPING}; this file is empty.`)]);
  if (docStarts.length > 1) {
    return failure([at(secondDocumentOffset(events, docStarts[1], text), 'multiple-documents',
      'The file holds more than one YAML document (---); a template is exactly one document.')]);
  }
  const root = events[1];
  if (root === undefined || root.type !== EVENT_ID.MAPPING) {
    const what = describeRoot(root, text);
    return failure([at(root === undefined ? -1 : nodeOffset(root, text, index), 'not-a-mapping', `${NOT_A_MAPPING}; this document is ${what}.`)]);
  }

  // The quick pass: the value without positions. Anything it cannot judge alone goes to the
  // recording pass, which words the problem at its position or leaves the value to js-yaml.
  let doc: unknown = valueOfEvents(events, text, index, limits, SCHEMA);
  let walked: WalkResult | undefined;
  if (doc === undefined) {
    walked = walkEvents(events, text, index, limits, SCHEMA);
    if (walked.errors.length > 0) {
      return failure(walked.errors.map((e) => at(e.offset, e.code, e.message, e.path)));
    }
    doc = walked.value;
  }
  if (doc === undefined) {
    try {
      doc = constructFromEvents(events, { source: text, filename: file, schema: SCHEMA, maxAliases: limits.maxAliases })[0];
    } catch (err) {
      return failure([yamlError(err, file, index, limits)]);
    }
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    return failure([at(nodeOffset(root, text, index), 'not-a-mapping', `${NOT_A_MAPPING}.`)]);
  }
  const positions = walked
    ? new OffsetPositionMap(index, walked.root)
    : new LazyPositionMap(() => new OffsetPositionMap(index, walkEvents(events, text, index, limits, SCHEMA).root));
  const cfn = cfnFormatProblem(doc as Record<string, unknown>, file, positions);
  if (cfn) return failure([cfn]);
  return { ok: true, template: { file, text, doc, positions } };
}

/** The keys by which Heat (heat/engine/template.py get_version) knows a CloudFormation-format template. */
const CFN_VERSION_KEYS = ['AWSTemplateFormatVersion', 'HeatTemplateFormatVersion'];

/**
 * A CloudFormation-format template (Heat reads it with its cfn template class) gets one clear
 * diagnostic instead of a schema error for each of its sections: hotdock reads HOT only.
 */
function cfnFormatProblem(doc: Record<string, unknown>, file: string, positions: LoadedPositions): Diagnostic | undefined {
  if ('heat_template_version' in doc) return undefined;
  const key = CFN_VERSION_KEYS.find((k) => k in doc);
  if (key === undefined) return undefined;
  const ptr = `/${key}`;
  const pos = positions.key(ptr) ?? positions.locate(ptr);
  return {
    file, line: pos.line, column: pos.column, path: ptr, code: 'cfn-template-not-supported', severity: 'error',
    message: `this is a CloudFormation-format template (${key}); hotdock reads HOT templates only. Rewrite it as HOT: 'heat_template_version: 2013-05-23' (which still has Ref, Fn::Join, Fn::Select...), lowercase sections (parameters, resources, outputs) and keys (type, properties, depends_on)`,
  };
}

function failure(diagnostics: Diagnostic[]): LoadResult {
  return { ok: false, diagnostics };
}

/** A js-yaml exception as one diagnostic at its mark: the reason only, not the snippet. */
function yamlError(err: unknown, file: string, index: LineIndex, limits: LoadLimits): Diagnostic {
  const e = err as { reason?: unknown; mark?: { line?: unknown; column?: unknown; position?: unknown } };
  const reason = typeof e?.reason === 'string' ? e.reason : errorText(err);
  let line = 1;
  let column = 1;
  // The mark's offset through our index, so errors and nodes agree on columns (a BOM is not
  // one); its line/column when it has no offset.
  if (typeof e?.mark?.position === 'number') {
    ({ line, column } = index.position(e.mark.position));
  } else if (typeof e?.mark?.line === 'number' && typeof e.mark.column === 'number') {
    line = e.mark.line + 1;
    column = e.mark.column + 1;
  }
  const base = { file, line, column, path: '', severity: 'error' as const };
  if (reason.startsWith('nesting exceeded')) {
    return { ...base, code: 'nesting-too-deep', message: `Mappings and lists are nested more than ${limits.maxDepth} levels deep; flatten the template.` };
  }
  if (reason.startsWith('aliases exceeded')) {
    return { ...base, code: 'too-many-aliases', message: `The template uses more than ${limits.maxAliases} aliases (*name).` };
  }
  const tag = /^unknown (?:scalar |sequence |mapping )?tag !<?([^>]*)>?/.exec(reason);
  if (tag) {
    return { ...base, code: 'unknown-tag',
      message: `Unknown YAML tag !${tag[1].replace(/^!/, '')}; HOT templates use intrinsic functions such as {get_param: name}, not tags.` };
  }
  let message = sentence(reason);
  if (/\btab/i.test(reason)) message += ' Indent with spaces.';
  return { ...base, code: 'yaml-syntax', message };
}

/** "bad indentation of a mapping entry" → "Bad indentation of a mapping entry." */
function sentence(reason: string): string {
  const trimmed = reason.trim() || 'invalid YAML';
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

function errorText(err: unknown): string {
  if (err instanceof Error) return err.message.split('\n')[0];
  return String(err);
}

/** What the root is, for the not-a-mapping message. */
function describeRoot(root: Event | undefined, text: string): string {
  if (root === undefined) return 'empty';
  if (root.type === EVENT_ID.SEQUENCE) return 'a list';
  if (root.type === EVENT_ID.SCALAR) return root.valueStart < 0 || text.slice(root.valueStart, root.valueEnd).trim() === '' ? 'empty' : 'a single value';
  return 'not a mapping';
}

/**
 * Where the second document starts: its `---` marker when there is one after the end of the
 * first document's last node, else its first node, else the end of the first document.
 */
function secondDocumentOffset(events: Event[], docIndex: number, text: string): number {
  let lastEnd = 0;
  for (let i = 0; i < docIndex; i++) lastEnd = Math.max(lastEnd, eventEnd(events[i]));
  let next = -1;
  for (let i = docIndex + 1; i < events.length && next < 0; i++) {
    const e = events[i];
    if (e.type === EVENT_ID.DOCUMENT) break;
    next = eventStart(e);
  }
  const marker = /^---(?=[\s]|$)/gm;
  marker.lastIndex = lastEnd;
  const m = marker.exec(text);
  if (m && (next < 0 || m.index <= next)) return m.index;
  return next >= 0 ? next : lastEnd;
}

function eventStart(e: Event): number {
  switch (e.type) {
    case EVENT_ID.SCALAR: return e.valueStart;
    case EVENT_ID.MAPPING:
    case EVENT_ID.SEQUENCE: return e.start;
    case EVENT_ID.ALIAS: return e.anchorStart - 1;
    default: return -1;
  }
}

function eventEnd(e: Event): number {
  switch (e.type) {
    case EVENT_ID.SCALAR: return Math.max(e.valueEnd, e.tagEnd, e.anchorEnd);
    case EVENT_ID.MAPPING:
    case EVENT_ID.SEQUENCE: return Math.max(e.start, e.tagEnd, e.anchorEnd);
    case EVENT_ID.ALIAS: return e.anchorEnd;
    default: return 0;
  }
}
