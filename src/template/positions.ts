/**
 * Source positions for the loader: offsets → 1-based line/column, and the PositionMap later
 * stages use. The offsets come from js-yaml's event stream (event-walk.ts records them).
 */
import { EVENT_ID, SCALAR_STYLE } from 'js-yaml';
import type { Event, ScalarEvent } from 'js-yaml';
import { unescapePointer, type PositionMap, type SourcePos } from './types.js';

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
    const child = children.get(unescapePointer(segment));
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

/**
 * A PositionMap built on first use. A template without problems is never asked where a node
 * is, so the loader skips recording offsets and records them only when a diagnostic needs one.
 */
export class LazyPositionMap implements PositionMap {
  private map: OffsetPositionMap | undefined;

  constructor(private readonly build: () => OffsetPositionMap) {}

  private get positions(): OffsetPositionMap {
    return (this.map ??= this.build());
  }

  value(ptr: string): SourcePos | undefined {
    return this.positions.value(ptr);
  }

  key(ptr: string): SourcePos | undefined {
    return this.positions.key(ptr);
  }

  locate(ptr: string): SourcePos {
    return this.positions.locate(ptr);
  }

  /** Every pointer with a recorded value position, in document order. */
  pointers(): IterableIterator<string> {
    return this.positions.pointers();
  }
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
