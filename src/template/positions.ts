/**
 * Source positions for the loader: offsets → 1-based line/column, the PositionMap later stages
 * use, and the pass over js-yaml's event stream that records them (and checks limits, duplicate
 * keys and aliases on the way, so nothing walks a value tree with aliases expanded).
 */
import { constructFromEvents, CORE_SCHEMA, EVENT_ID, getScalarValue, SCALAR_STYLE } from 'js-yaml';
import type { DocumentDirective, Event, ScalarEvent } from 'js-yaml';
import { NodeBudget } from './load-limits.js';
import type { LoadLimits } from './load-limits.js';
import { escapePointer } from './types.js';
import type { PositionMap, SourcePos } from './types.js';

/**
 * Line starts of a text, so an offset maps to line/column by binary search instead of a scan
 * from the start (a 512 KiB template has tens of thousands of nodes to locate).
 * Line breaks are `\n`, `\r\n` and a lone `\r`, as YAML (and js-yaml's error marks) count them.
 */
export class LineIndex {
  /** Offset of the first character of each line; lineStarts[0] is 0. */
  readonly lineStarts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 10) starts.push(i + 1);
      else if (ch === 13 && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
    }
    this.lineStarts = starts;
  }

  /** 0-based index of the line holding `offset` (offsets past the end land on the last line). */
  lineOf(offset: number): number {
    const starts = this.lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /**
   * 1-based line and column of a 0-based offset (column in UTF-16 code units, like editors'
   * APIs). A byte order mark is not a column: editors do not show it.
   */
  position(offset: number): SourcePos {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const line = this.lineOf(clamped);
    const bom = line === 0 && this.text.charCodeAt(0) === 0xfeff && clamped > 0 ? 1 : 0;
    return { line: line + 1, column: clamped - this.lineStarts[line] + 1 - bom };
  }

  /** Text of a 0-based line without its line break. */
  lineText(line: number): string {
    const start = this.lineStarts[line] ?? this.text.length;
    const end = this.lineStarts[line + 1] ?? this.text.length;
    return this.text.slice(start, end).replace(/\r?\n$|\r$/, '');
  }
}

/** The pointer one level up: '/a/b' → '/a', '/a' → '', '' → undefined. */
export function parentPointer(ptr: string): string | undefined {
  if (ptr === '') return undefined;
  const slash = ptr.lastIndexOf('/');
  return slash <= 0 ? '' : ptr.slice(0, slash);
}

/**
 * PositionMap over recorded offsets. Offsets are kept as numbers and turned into line/column
 * only when asked: most nodes are never the subject of a diagnostic.
 */
export class OffsetPositionMap implements PositionMap {
  constructor(
    private readonly index: LineIndex,
    private readonly values: ReadonlyMap<string, number>,
    private readonly keys: ReadonlyMap<string, number>,
  ) {}

  /** Position of the value node at `ptr`, when the source holds it (not inside an alias). */
  value(ptr: string): SourcePos | undefined {
    const offset = this.values.get(ptr);
    return offset === undefined ? undefined : this.index.position(offset);
  }

  /** Position of the mapping key naming `ptr`. */
  key(ptr: string): SourcePos | undefined {
    const offset = this.keys.get(ptr);
    return offset === undefined ? undefined : this.index.position(offset);
  }

  /** The value's position, else the closest positioned ancestor's, else 1:1. */
  locate(ptr: string): SourcePos {
    let current: string | undefined = ptr;
    while (current !== undefined) {
      const offset = this.values.get(current) ?? this.keys.get(current);
      if (offset !== undefined) return this.index.position(offset);
      current = parentPointer(current);
    }
    return { line: 1, column: 1 };
  }

  /** Every pointer with a recorded value position (tests and tools enumerate them). */
  pointers(): IterableIterator<string> {
    return this.values.keys();
  }
}

/** A problem found by the event pass, at a source offset (-1: unknown). */
export interface WalkError {
  code: string;
  message: string;
  offset: number;
  path: string;
}

/** Offsets of every value and mapping key by JSON Pointer, or the problems found. */
export interface WalkResult {
  values: Map<string, number>;
  keys: Map<string, number>;
  errors: WalkError[];
}

interface MapFrame {
  kind: 'map';
  /** null inside a complex key: nothing there has a pointer. */
  ptr: string | null;
  /** Keys seen so far → offset, for duplicates. */
  seen: Map<string, number>;
  /** Pointer of the current entry's value (null for a complex key or inside one). */
  childPtr: string | null;
  keyOffset: number;
  expectKey: boolean;
}

interface SeqFrame {
  kind: 'seq';
  ptr: string | null;
  index: number;
}

/**
 * One pass over the events of a single-document stream. Aliases are not followed: a pointer
 * below an alias has no position of its own, and locate() answers with the alias.
 */
export function walkEvents(events: readonly Event[], text: string, index: LineIndex, limits: LoadLimits): WalkResult {
  const values = new Map<string, number>();
  const keys = new Map<string, number>();
  const errors: WalkError[] = [];
  const budget = new NodeBudget(limits);
  const stack: (MapFrame | SeqFrame)[] = [];
  const anchoredScalars = new Map<string, ScalarEvent | null>();
  const keyText = new KeyText(text);
  let directives: DocumentDirective[] = [];
  const stop = (e: WalkError): WalkResult => ({ values, keys, errors: [e] });

  for (const ev of events) {
    if (ev.type === EVENT_ID.DOCUMENT) {
      directives = ev.directives;
      continue;
    }
    if (ev.type === EVENT_ID.POP) {
      // The document's own POP arrives with an empty stack.
      if (stack.pop() !== undefined) budget.closeCollection();
      continue;
    }
    const offset = nodeOffset(ev, text, index);
    const top = stack[stack.length - 1];
    let ptr: string | null = '';
    let keyOf: MapFrame | undefined;
    let emptyAt = -1;
    if (top?.kind === 'seq') {
      ptr = top.ptr === null ? null : `${top.ptr}/${top.index}`;
      top.index++;
    } else if (top?.kind === 'map' && top.expectKey) {
      top.expectKey = false;
      keyOf = top;
      ptr = null;
    } else if (top?.kind === 'map') {
      top.expectKey = true;
      ptr = top.childPtr;
      // An empty value (`image:`) has no text of its own: its key stands for it.
      emptyAt = top.keyOffset;
    }
    const anchor = ev.type !== EVENT_ID.ALIAS && ev.anchorStart >= 0 ? text.slice(ev.anchorStart, ev.anchorEnd) : undefined;

    if (ev.type === EVENT_ID.ALIAS) {
      const name = text.slice(ev.anchorStart, ev.anchorEnd);
      const r = budget.alias(name, offset);
      if (r === 'unknown') return stop({ code: 'yaml-syntax', offset, path: ptr ?? '', message: `Unidentified alias "${name}": no anchor &${name} comes before it.` });
      if (r === 'recursive') {
        return stop({ code: 'recursive-alias', offset, path: ptr ?? '', message: `The alias *${name} refers to a node that contains it; recursive structures are not allowed.` });
      }
      if (r !== undefined) return stop({ code: r.code, offset: r.offset, path: ptr ?? '', message: r.message });
      if (keyOf) {
        const target = anchoredScalars.get(name);
        if (target) setKey(keyOf, keyText.of(target, directives), offset);
        else complexKey(keyOf, offset);
      }
    } else if (ev.type === EVENT_ID.SCALAR) {
      const r = budget.scalar(offset, anchor);
      if (r) return stop({ code: r.code, offset: r.offset, path: ptr ?? '', message: r.message });
      if (anchor !== undefined) anchoredScalars.set(anchor, ev);
      if (keyOf) setKey(keyOf, keyText.of(ev, directives), offset);
    } else {
      const r = budget.openCollection(offset, anchor);
      if (r) return stop({ code: r.code, offset: r.offset, path: ptr ?? '', message: r.message });
      if (anchor !== undefined) anchoredScalars.set(anchor, null);
      if (keyOf) complexKey(keyOf, offset);
      stack.push(ev.type === EVENT_ID.MAPPING
        ? { kind: 'map', ptr, seen: new Map(), childPtr: null, keyOffset: -1, expectKey: true }
        : { kind: 'seq', ptr, index: 0 });
    }
    if (ptr !== null) {
      const at = offset >= 0 ? offset : emptyAt;
      if (at >= 0) values.set(ptr, at);
    }
  }
  return { values, keys, errors };

  function setKey(frame: MapFrame, key: string, offset: number): void {
    frame.keyOffset = offset;
    const child = frame.ptr === null ? null : `${frame.ptr}/${segment(key)}`;
    frame.childPtr = child;
    const first = frame.seen.get(key);
    if (first !== undefined) {
      const where = first >= 0 ? ` (first at line ${index.position(first).line}, column ${index.position(first).column})` : '';
      errors.push({ code: 'duplicate-key', offset, path: child ?? '', message: `The key "${key}" appears more than once in this mapping${where}.` });
      return;
    }
    frame.seen.set(key, offset);
    if (child !== null && offset >= 0) keys.set(child, offset);
  }

  function complexKey(frame: MapFrame, offset: number): void {
    frame.childPtr = null;
    frame.keyOffset = offset;
    errors.push({ code: 'complex-key', offset, path: frame.ptr ?? '', message: 'A mapping key must be a single value, not a list, a mapping or an alias to one.' });
  }
}

/** A key as a pointer segment; most keys need no escaping, so skip the two replaces. */
function segment(key: string): string {
  return key.includes('~') || key.includes('/') ? escapePointer(key) : key;
}

/**
 * Offset where a node starts in the source: its properties (`&anchor`, `!tag`) if any, the
 * opening quote of a quoted scalar, the `|`/`>` header of a block scalar; -1 for an empty node.
 */
export function nodeOffset(ev: Event, text: string, index: LineIndex): number {
  let base: number;
  if (ev.type === EVENT_ID.ALIAS) return ev.anchorStart - 1;
  if (ev.type === EVENT_ID.SCALAR) base = scalarOffset(ev, text, index);
  else if (ev.type === EVENT_ID.MAPPING || ev.type === EVENT_ID.SEQUENCE) base = ev.start;
  else return -1;
  // anchorStart is just after '&'; tagStart is the '!' itself.
  if (ev.anchorStart > 0) base = base < 0 ? ev.anchorStart - 1 : Math.min(base, ev.anchorStart - 1);
  if (ev.tagStart >= 0) base = base < 0 ? ev.tagStart : Math.min(base, ev.tagStart);
  return base;
}

function scalarOffset(ev: ScalarEvent, text: string, index: LineIndex): number {
  if (ev.valueStart < 0) return -1;
  if (ev.style === SCALAR_STYLE.SINGLE_QUOTED || ev.style === SCALAR_STYLE.DOUBLE_QUOTED) return ev.valueStart - 1;
  if (ev.style !== SCALAR_STYLE.LITERAL_BLOCK && ev.style !== SCALAR_STYLE.FOLDED_BLOCK) return ev.valueStart;
  // A block scalar's content starts on the line after its header (`key: |-  # comment`).
  let line = index.lineOf(ev.valueStart);
  if (line > 0 && index.lineStarts[line] === ev.valueStart) line--;
  const header = /[|>][0-9+-]*[ \t]*(?:#.*)?$/.exec(index.lineText(line));
  return header ? index.lineStarts[line] + header.index : ev.valueStart;
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
