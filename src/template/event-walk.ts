/**
 * The loader's pass over js-yaml's event stream: it checks limits, duplicate keys and aliases
 * (so nothing walks a value tree with aliases expanded), builds the document's value, and, when
 * asked, records the source offset of every value and key.
 *
 * Recording is what costs: a node object per value and a map per mapping. A template without
 * problems never needs it, so load.ts walks first without recording and walks again, recording,
 * when the first pass finds a problem or a node only js-yaml's constructor builds, or when a
 * later stage asks where a node is.
 */
import { constructFromEvents, CORE_SCHEMA, EVENT_ID, getScalarValue, SCALAR_STYLE } from 'js-yaml';
import type { DocumentDirective, Event, ScalarEvent, Schema } from 'js-yaml';
import { NodeBudget } from './load-limits.js';
import type { LoadLimits } from './load-limits.js';
import { nodeOffset, PosNode } from './positions.js';
import type { LineIndex } from './positions.js';
import { escapePointer } from './types.js';

/** A problem found by the event pass, at a source offset (-1: unknown). */
export interface WalkError {
  code: string;
  message: string;
  offset: number;
  path: string;
}

/** What a recording pass found: offsets of every value and mapping key under `root`, or problems. */
export interface WalkResult {
  root: PosNode;
  errors: WalkError[];
  /**
   * The document's value, built on the way when every node is untagged and no mapping has a
   * merge key (`<<`); undefined otherwise, and then js-yaml's constructor builds it.
   */
  value?: Record<string, unknown>;
}

interface MapFrame {
  kind: 'map';
  /** The mapping's node; inside a complex key it hangs below no document root. */
  node: PosNode;
  /** The entries: keys seen so far, for duplicates. */
  entries: Map<string, PosNode>;
  /** The current entry's node. */
  child: PosNode | undefined;
  keyOffset: number;
  expectKey: boolean;
  /** The mapping's value while building; the current entry's key as the value has it. */
  obj: Record<string, unknown> | undefined;
  key: string;
}

interface SeqFrame {
  kind: 'seq';
  node: PosNode;
  items: PosNode[];
  arr: unknown[] | undefined;
}

/** Stands for every node in a pass that records nothing. */
const UNRECORDED = new PosNode(undefined, '');
const NO_ENTRIES = new Map<string, PosNode>();
const NO_ITEMS: PosNode[] = [];

/**
 * The value of a single-document stream, from a pass that records no offsets; undefined when
 * that pass cannot give it (a problem to report at its position, a tag, a merge key): then
 * walkEvents, recording, reports or builds it.
 */
export function valueOfEvents(events: readonly Event[], text: string, index: LineIndex, limits: LoadLimits, schema: Schema): Record<string, unknown> | undefined {
  const walked = walk(events, text, index, limits, schema, false);
  return walked.errors.length === 0 ? walked.value : undefined;
}

/**
 * One pass over the events of a single-document stream, recording offsets. Aliases are not
 * followed: a pointer below an alias has no position of its own, and locate() answers with the
 * alias. Given the schema, the pass also builds the document's value (an alias shares its
 * anchor's value).
 */
export function walkEvents(events: readonly Event[], text: string, index: LineIndex, limits: LoadLimits, schema?: Schema): WalkResult {
  return walk(events, text, index, limits, schema, true);
}

function walk(events: readonly Event[], text: string, index: LineIndex, limits: LoadLimits, schema: Schema | undefined, record: boolean): WalkResult {
  const root = record ? new PosNode(undefined, '') : UNRECORDED;
  // Building the value: until a node needs what only js-yaml's constructor does (a tag, a merge key).
  let building = schema !== undefined;
  let rootValue: Record<string, unknown> | undefined;
  const anchorValues = new Map<string, unknown>();
  const errors: WalkError[] = [];
  const budget = new NodeBudget(limits);
  const stack: (MapFrame | SeqFrame)[] = [];
  const anchoredScalars = new Map<string, ScalarEvent | null>();
  const keyText = new KeyText(text);
  let directives: DocumentDirective[] = [];
  const pathOf = (node: PosNode | undefined): string => node?.pointer(root) ?? '';
  const stop = (e: WalkError): WalkResult => ({ root, errors: [e] });
  // Without recording, a problem ends the pass at once: the recording pass words it.
  const unrecorded: WalkResult = { root, errors: [{ code: 'unrecorded', message: '', offset: -1, path: '' }] };

  for (let i = 0; i < events.length; i++) {
    const ev = events[i];
    if (ev.type === EVENT_ID.DOCUMENT) {
      directives = ev.directives;
      continue;
    }
    if (ev.type === EVENT_ID.POP) {
      // The document's own POP arrives with an empty stack.
      if (stack.pop() !== undefined) budget.closeCollection();
      continue;
    }
    // Offsets matter only to a pass that records them or reports a problem, which only one that
    // records does.
    const offset = record ? nodeOffset(ev, text, index) : -1;
    const top = stack[stack.length - 1];
    // This event's node: undefined for a mapping key (keys are recorded on the entry's node).
    let node: PosNode | undefined;
    let keyOf: MapFrame | undefined;
    let emptyAt = -1;
    if (top === undefined) {
      node = root;
    } else if (top.kind === 'seq') {
      if (record) {
        node = new PosNode(top.node, String(top.items.length));
        top.items.push(node);
      } else {
        node = UNRECORDED;
      }
    } else if (top.expectKey) {
      top.expectKey = false;
      keyOf = top;
      node = undefined;
    } else {
      top.expectKey = true;
      // A complex key's entry has no node of its own: a detached one stands in.
      node = top.child ?? (record ? new PosNode(undefined, '') : UNRECORDED);
      // An empty value (`image:`) has no text of its own: its key stands for it.
      emptyAt = top.keyOffset;
    }
    const anchor = ev.type !== EVENT_ID.ALIAS && ev.anchorStart >= 0 ? text.slice(ev.anchorStart, ev.anchorEnd) : undefined;
    if (building && ev.type !== EVENT_ID.ALIAS && ev.tagStart >= 0) {
      if (!record) return unrecorded;
      building = false;
    }

    if (ev.type === EVENT_ID.ALIAS) {
      const name = text.slice(ev.anchorStart, ev.anchorEnd);
      const r = budget.alias(name, offset);
      if (r !== undefined && !record) return unrecorded;
      if (r === 'unknown') return stop({ code: 'yaml-syntax', offset, path: pathOf(node), message: `Unidentified alias "${name}": no anchor &${name} comes before it.` });
      if (r === 'recursive') {
        return stop({ code: 'recursive-alias', offset, path: pathOf(node), message: `The alias *${name} refers to a node that contains it; recursive structures are not allowed.` });
      }
      if (r !== undefined) return stop({ code: r.code, offset: r.offset, path: pathOf(node), message: r.message });
      const value = building ? anchorValues.get(name) : undefined;
      if (building) place(top, keyOf, value);
      if (keyOf) {
        const target = anchoredScalars.get(name);
        if (!record && !target) return unrecorded;
        if (target) setKey(keyOf, building ? String(value) : keyText.of(target, directives), offset);
        else complexKey(keyOf, offset);
      }
    } else if (ev.type === EVENT_ID.SCALAR) {
      const r = budget.scalar(offset, anchor);
      if (r) return record ? stop({ code: r.code, offset: r.offset, path: pathOf(node), message: r.message }) : unrecorded;
      if (anchor !== undefined) anchoredScalars.set(anchor, ev);
      if (building) {
        const value = scalarValue(ev, text, schema as Schema);
        if (anchor !== undefined) anchorValues.set(anchor, value);
        place(top, keyOf, value);
        if (keyOf) setKey(keyOf, String(value), offset);
      } else if (keyOf) {
        setKey(keyOf, keyText.of(ev, directives), offset);
      }
    } else {
      const r = budget.openCollection(offset, anchor);
      if (r) return record ? stop({ code: r.code, offset: r.offset, path: pathOf(node), message: r.message }) : unrecorded;
      if (anchor !== undefined) anchoredScalars.set(anchor, null);
      if (keyOf) {
        if (!record) return unrecorded;
        complexKey(keyOf, offset);
      }
      // A collection used as a key: nothing inside it has a pointer.
      const own = node ?? new PosNode(undefined, '');
      if (ev.type === EVENT_ID.MAPPING) {
        const entries = record ? new Map<string, PosNode>() : NO_ENTRIES;
        if (record) own.children = entries;
        const obj = building ? {} : undefined;
        if (building) {
          if (anchor !== undefined) anchorValues.set(anchor, obj);
          place(top, keyOf, obj);
        }
        stack.push({ kind: 'map', node: own, entries, child: undefined, keyOffset: -1, expectKey: true, obj, key: '' });
      } else {
        const items: PosNode[] = record ? [] : NO_ITEMS;
        if (record) own.children = items;
        const arr: unknown[] | undefined = building ? [] : undefined;
        if (building) {
          if (anchor !== undefined) anchorValues.set(anchor, arr);
          place(top, keyOf, arr);
        }
        stack.push({ kind: 'seq', node: own, items, arr });
      }
    }
    if (record && node !== undefined) {
      const at = offset >= 0 ? offset : emptyAt;
      if (at >= 0) node.value = at;
    }
    if (!record && (errors.length > 0 || !building)) return unrecorded;
  }
  return building && rootValue !== undefined ? { root, errors, value: rootValue } : { root, errors };

  /** A node's value into its parent (a mapping's key when the mapping expects one). */
  function place(top: MapFrame | SeqFrame | undefined, keyOf: MapFrame | undefined, value: unknown): void {
    if (top === undefined) {
      rootValue = value as Record<string, unknown>;
    } else if (top.kind === 'seq') {
      top.arr?.push(value);
    } else if (keyOf !== undefined) {
      // Object maps key by String(value); a collection as key fails the load (complex-key), and
      // String() of one may even throw (a mapping whose `toString` is data).
      top.key = value !== null && typeof value === 'object' ? '' : String(value);
      if (top.key === '<<') building = false;
    } else if (top.obj !== undefined) {
      if (top.key === '__proto__') Object.defineProperty(top.obj, top.key, { value, enumerable: true, configurable: true, writable: true });
      else top.obj[top.key] = value;
    }
  }

  function setKey(frame: MapFrame, key: string, offset: number): void {
    if (!record) {
      // The value under construction holds the keys seen so far (building is on here).
      if (frame.obj !== undefined && Object.prototype.hasOwnProperty.call(frame.obj, key)) errors.push(unrecorded.errors[0]);
      return;
    }
    frame.keyOffset = offset;
    const first = frame.entries.get(key);
    if (first !== undefined) {
      frame.child = first;
      const where = first.key >= 0 ? ` (first at line ${index.position(first.key).line}, column ${index.position(first.key).column})` : '';
      errors.push({ code: 'duplicate-key', offset, path: pathOf(first), message: `The key "${key}" appears more than once in this mapping${where}.` });
      return;
    }
    const child = new PosNode(frame.node, escapePointer(key));
    child.key = offset;
    frame.entries.set(key, child);
    frame.child = child;
  }

  function complexKey(frame: MapFrame, offset: number): void {
    frame.child = undefined;
    frame.keyOffset = offset;
    errors.push({ code: 'complex-key', offset, path: pathOf(frame.node), message: 'A mapping key must be a single value, not a list, a mapping or an alias to one.' });
  }
}

/**
 * An untagged scalar's value as js-yaml's constructor makes it: quoted and block scalars are
 * strings; plain ones resolve through the schema's implicit tags (null, bool, int, float, merge),
 * tried only when one of them can start with the scalar's first character.
 */
function scalarValue(ev: ScalarEvent, text: string, schema: Schema): unknown {
  const source = ev.valueStart < 0 ? '' : getScalarValue(text, ev);
  if (ev.style !== SCALAR_STYLE.PLAIN) return source;
  const first = source.length === 0 ? -1 : source.charCodeAt(0);
  if (first >= 0 && first < 128 && !implicitFirst(schema)[first]) return source;
  return schema.resolveImplicitScalarTag(source).value;
}

const implicitFirstCache = new WeakMap<Schema, boolean[]>();

/** For each ASCII code: whether some implicit scalar tag of the schema may resolve a scalar starting with it. */
function implicitFirst(schema: Schema): boolean[] {
  let table = implicitFirstCache.get(schema);
  if (table !== undefined) return table;
  const internals = schema as unknown as { implicitScalarByFirstChar: Map<string, unknown[]>; implicitScalarAnyFirstChar: unknown[] };
  const any = internals.implicitScalarAnyFirstChar.length > 0;
  table = [];
  for (let c = 0; c < 128; c++) table.push(any || (internals.implicitScalarByFirstChar.get(String.fromCharCode(c))?.length ?? 0) > 0);
  implicitFirstCache.set(schema, table);
  return table;
}

/**
 * The string a scalar key becomes in the document: js-yaml's object maps use String(value), so
 * `1.0` and `1` are the same key and `null` is "null". Plain keys resolve through the schema;
 * results are cached because templates repeat the same few keys.
 */
const CORE_WORDS = /^(?:null|Null|NULL|true|True|TRUE|false|False|FALSE)$/;

class KeyText {
  private readonly cache = new Map<string, string>();

  constructor(private readonly text: string) {}

  of(ev: ScalarEvent, directives: DocumentDirective[]): string {
    if (ev.tagStart < 0 && ev.valueStart < 0) return 'null';
    const decoded = ev.valueStart < 0 ? '' : getScalarValue(this.text, ev);
    if (ev.tagStart < 0 && ev.style !== SCALAR_STYLE.PLAIN) return decoded;
    // The core schema's implicit null/bool/int/float never start with a letter other than these
    // words, so most plain keys are strings as written (and resolving each one costs a construct).
    if (ev.tagStart < 0 && /^[A-Za-z_]/.test(decoded) && !CORE_WORDS.test(decoded)) return decoded;
    const cacheable = ev.tagStart < 0;
    const hit = cacheable ? this.cache.get(decoded) : undefined;
    if (hit !== undefined) return hit;
    let key = decoded;
    try {
      const [value] = constructFromEvents(
        [{ type: EVENT_ID.DOCUMENT, explicitStart: false, explicitEnd: false, directives }, { ...ev, anchorStart: -1, anchorEnd: -1 }, { type: EVENT_ID.POP }],
        { source: this.text, schema: CORE_SCHEMA },
      );
      key = String(value);
    } catch {
      // An unknown tag: the full construction reports it; the decoded text will do meanwhile.
    }
    if (cacheable) this.cache.set(decoded, key);
    return key;
  }
}
