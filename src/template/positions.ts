/**
 * Source positions for the loader: offsets → 1-based line/column, the PositionMap later stages
 * use, and the pass over js-yaml's event stream that records them (and checks limits, duplicate
 * keys and aliases on the way, so nothing walks a value tree with aliases expanded).
 */
import { constructFromEvents, CORE_SCHEMA, EVENT_ID, getScalarValue, SCALAR_STYLE } from 'js-yaml';
import type { DocumentDirective, Event, ScalarEvent, Schema } from 'js-yaml';
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
  private starts: number[] | undefined;

  constructor(readonly text: string) {}

  /** Offset of the first character of each line; lineStarts[0] is 0. Computed on first use. */
  get lineStarts(): number[] {
    if (this.starts !== undefined) return this.starts;
    const text = this.text;
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 10) starts.push(i + 1);
      else if (ch === 13 && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
    }
    this.starts = starts;
    return starts;
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
 * The recorded offsets of one node of the document, and its children's: a tree shaped like the
 * document, so no pointer string is built while loading (most nodes are never asked about).
 */
export class PosNode {
  /** Offset of the value node, -1 when the source holds none (inside an alias, say). */
  value = -1;
  /** Offset of the mapping key naming this node, -1 when none. */
  key = -1;
  /** Mapping entries by key (as the document has it), or list items by index. */
  children: Map<string, PosNode> | PosNode[] | undefined;

  constructor(
    readonly parent: PosNode | undefined,
    /** This node's pointer segment (escaped) below its parent. */
    readonly segment: string,
  ) {}

  /** The child at an escaped pointer segment. */
  child(segment: string): PosNode | undefined {
    const children = this.children;
    if (children === undefined) return undefined;
    if (Array.isArray(children)) {
      const i = Number(segment);
      return String(i) === segment ? children[i] : undefined;
    }
    const child = children.get(segment.includes('~') ? unescapeSegment(segment) : segment);
    // Only the exact escaping names the entry (`a~2b` is not `a~02b`).
    return child !== undefined && child.segment === segment ? child : undefined;
  }

  /** JSON Pointer of this node below `root`; null when it does not hang below `root`. */
  pointer(root: PosNode): string | null {
    if (this === root) return '';
    const above = this.parent?.pointer(root) ?? null;
    return above === null ? null : `${above}/${this.segment}`;
  }
}

function unescapeSegment(s: string): string {
  return s.replace(/~1/g, '/').replace(/~0/g, '~');
}

/**
 * PositionMap over recorded offsets. Offsets are kept as numbers and turned into line/column
 * only when asked: most nodes are never the subject of a diagnostic.
 */
export class OffsetPositionMap implements PositionMap {
  constructor(
    private readonly index: LineIndex,
    private readonly root: PosNode,
  ) {}

  /** The node at `ptr`, if the source has one there. */
  private find(ptr: string): PosNode | undefined {
    if (ptr === '') return this.root;
    if (ptr.charCodeAt(0) !== 47) return undefined;
    let node: PosNode | undefined = this.root;
    let start = 1;
    while (node !== undefined) {
      const slash = ptr.indexOf('/', start);
      if (slash < 0) return node.child(ptr.slice(start));
      node = node.child(ptr.slice(start, slash));
      start = slash + 1;
    }
    return undefined;
  }

  /** Position of the value node at `ptr`, when the source holds it (not inside an alias). */
  value(ptr: string): SourcePos | undefined {
    const offset = this.find(ptr)?.value ?? -1;
    return offset < 0 ? undefined : this.index.position(offset);
  }

  /** Position of the mapping key naming `ptr`. */
  key(ptr: string): SourcePos | undefined {
    const offset = this.find(ptr)?.key ?? -1;
    return offset < 0 ? undefined : this.index.position(offset);
  }

  /** The value's position, else the closest positioned ancestor's, else 1:1. */
  locate(ptr: string): SourcePos {
    let current: string | undefined = ptr;
    while (current !== undefined) {
      const node = this.find(current);
      if (node !== undefined) {
        const offset = node.value >= 0 ? node.value : node.key;
        if (offset >= 0) return this.index.position(offset);
      }
      current = parentPointer(current);
    }
    return { line: 1, column: 1 };
  }

  /** Every pointer with a recorded value position, in document order (tests and tools enumerate them). */
  *pointers(): IterableIterator<string> {
    const stack: [PosNode, string][] = [[this.root, '']];
    while (stack.length > 0) {
      const [node, ptr] = stack.pop() as [PosNode, string];
      if (node.value >= 0) yield ptr;
      const children = node.children === undefined ? [] : Array.isArray(node.children) ? node.children : [...node.children.values()];
      for (let i = children.length - 1; i >= 0; i--) {
        const c = children[i];
        if (c !== undefined) stack.push([c, `${ptr}/${c.segment}`]);
      }
    }
  }
}

/** A problem found by the event pass, at a source offset (-1: unknown). */
export interface WalkError {
  code: string;
  message: string;
  offset: number;
  path: string;
}

/** Offsets of every value and mapping key (a tree under `root`), or the problems found. */
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

/**
 * One pass over the events of a single-document stream. Aliases are not followed: a pointer
 * below an alias has no position of its own, and locate() answers with the alias. Given the
 * schema, the pass also builds the document's value (an alias shares its anchor's value).
 */
export function walkEvents(events: readonly Event[], text: string, index: LineIndex, limits: LoadLimits, schema?: Schema): WalkResult {
  const root = new PosNode(undefined, '');
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
    // This event's node: undefined for a mapping key (keys are recorded on the entry's node).
    let node: PosNode | undefined;
    let keyOf: MapFrame | undefined;
    let emptyAt = -1;
    if (top === undefined) {
      node = root;
    } else if (top.kind === 'seq') {
      node = new PosNode(top.node, String(top.items.length));
      top.items.push(node);
    } else if (top.expectKey) {
      top.expectKey = false;
      keyOf = top;
      node = undefined;
    } else {
      top.expectKey = true;
      // A complex key's entry has no node of its own: a detached one stands in.
      node = top.child ?? new PosNode(undefined, '');
      // An empty value (`image:`) has no text of its own: its key stands for it.
      emptyAt = top.keyOffset;
    }
    const anchor = ev.type !== EVENT_ID.ALIAS && ev.anchorStart >= 0 ? text.slice(ev.anchorStart, ev.anchorEnd) : undefined;
    if (building && ev.type !== EVENT_ID.ALIAS && ev.tagStart >= 0) building = false;

    if (ev.type === EVENT_ID.ALIAS) {
      const name = text.slice(ev.anchorStart, ev.anchorEnd);
      const r = budget.alias(name, offset);
      if (r === 'unknown') return stop({ code: 'yaml-syntax', offset, path: pathOf(node), message: `Unidentified alias "${name}": no anchor &${name} comes before it.` });
      if (r === 'recursive') {
        return stop({ code: 'recursive-alias', offset, path: pathOf(node), message: `The alias *${name} refers to a node that contains it; recursive structures are not allowed.` });
      }
      if (r !== undefined) return stop({ code: r.code, offset: r.offset, path: pathOf(node), message: r.message });
      const value = building ? anchorValues.get(name) : undefined;
      if (building) place(top, keyOf, value);
      if (keyOf) {
        const target = anchoredScalars.get(name);
        if (target) setKey(keyOf, building ? String(value) : keyText.of(target, directives), offset);
        else complexKey(keyOf, offset);
      }
    } else if (ev.type === EVENT_ID.SCALAR) {
      const r = budget.scalar(offset, anchor);
      if (r) return stop({ code: r.code, offset: r.offset, path: pathOf(node), message: r.message });
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
      if (r) return stop({ code: r.code, offset: r.offset, path: pathOf(node), message: r.message });
      if (anchor !== undefined) anchoredScalars.set(anchor, null);
      if (keyOf) complexKey(keyOf, offset);
      // A collection used as a key: nothing inside it has a pointer.
      const own = node ?? new PosNode(undefined, '');
      if (ev.type === EVENT_ID.MAPPING) {
        const entries = new Map<string, PosNode>();
        own.children = entries;
        const obj = building ? {} : undefined;
        if (building) {
          if (anchor !== undefined) anchorValues.set(anchor, obj);
          place(top, keyOf, obj);
        }
        stack.push({ kind: 'map', node: own, entries, child: undefined, keyOffset: -1, expectKey: true, obj, key: '' });
      } else {
        const items: PosNode[] = [];
        own.children = items;
        const arr: unknown[] | undefined = building ? [] : undefined;
        if (building) {
          if (anchor !== undefined) anchorValues.set(anchor, arr);
          place(top, keyOf, arr);
        }
        stack.push({ kind: 'seq', node: own, items, arr });
      }
    }
    if (node !== undefined) {
      const at = offset >= 0 ? offset : emptyAt;
      if (at >= 0) node.value = at;
    }
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
    frame.keyOffset = offset;
    const first = frame.entries.get(key);
    if (first !== undefined) {
      frame.child = first;
      const where = first.key >= 0 ? ` (first at line ${index.position(first.key).line}, column ${index.position(first.key).column})` : '';
      errors.push({ code: 'duplicate-key', offset, path: pathOf(first), message: `The key "${key}" appears more than once in this mapping${where}.` });
      return;
    }
    const child = new PosNode(frame.node, segment(key));
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
