/**
 * Resource limits of the loader. They are checked on the source and on the parser's event
 * stream, before any code walks a value tree in which aliases are expanded: a small file with
 * nested aliases ("billion laughs") describes ~10^9 nodes and must be refused, not walked.
 */

/** Limits on what the loader accepts. */
export interface LoadLimits {
  /** Size of the template in bytes, measured as UTF-8. */
  maxBytes: number;
  /** Nesting depth of mappings and sequences (the root mapping is depth 1). */
  maxDepth: number;
  /** Number of alias nodes (`*name`) in the document. */
  maxAliases: number;
  /** Number of nodes (keys, values, items) once every alias is expanded. */
  maxNodes: number;
}

/** Defaults: far above any real template of containers, far below what hurts the runner. */
export const DEFAULT_LOAD_LIMITS: Readonly<LoadLimits> = Object.freeze({
  maxBytes: 512 * 1024,
  maxDepth: 64,
  maxAliases: 100,
  maxNodes: 200_000,
});

/** Defaults overridden by the given fields (invalid numbers keep the default). */
export function resolveLimits(partial?: Partial<LoadLimits>): LoadLimits {
  const out: LoadLimits = { ...DEFAULT_LOAD_LIMITS };
  for (const key of Object.keys(out) as (keyof LoadLimits)[]) {
    const v = partial?.[key];
    if (typeof v === 'number' && Number.isFinite(v) && v >= 0) out[key] = Math.floor(v);
  }
  return out;
}

/** "600.0 KiB (614400 bytes)": sizes in messages, exact and readable. */
export function formatBytes(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB (${bytes} bytes)`;
}

/** What went over a limit, and where (a source offset). */
export interface LimitBreach {
  code: 'nesting-too-deep' | 'too-many-aliases' | 'alias-expansion-too-large' | 'too-many-nodes';
  message: string;
  offset: number;
}

/** An anchored node as far as sizes go. */
interface AnchorInfo {
  /** Nodes the anchored node stands for, its aliases expanded. */
  size: number;
  /** False while the anchored collection is still open: an alias to it would be a cycle. */
  complete: boolean;
}

/**
 * Counts nodes as the event stream goes by. Every node counts 1; an alias counts the expanded
 * size of the node it names. Sizes are known when an anchored node closes, so the total after
 * expansion is known without building anything, and the count stops at the first breach.
 */
export class NodeBudget {
  private readonly anchors = new Map<string, AnchorInfo>();
  /** Open collections. */
  private depth = 0;
  /**
   * The open collections that carry an anchor, innermost last, with the node count when each
   * opened: at its close, the count since is its expanded size (aliases inside included).
   */
  private readonly anchored: { anchor: string; depth: number; start: number }[] = [];
  private total = 0;
  private aliases = 0;

  constructor(private readonly limits: LoadLimits) {}

  /** A scalar (maybe anchored). */
  scalar(offset: number, anchor?: string): LimitBreach | undefined {
    if (anchor !== undefined) this.anchors.set(anchor, { size: 1, complete: true });
    return this.add(1, offset, false);
  }

  /** A mapping or sequence opens (maybe anchored). */
  openCollection(offset: number, anchor?: string): LimitBreach | undefined {
    if (this.depth + 1 > this.limits.maxDepth) {
      return {
        code: 'nesting-too-deep',
        offset,
        message: `Mappings and lists are nested more than ${this.limits.maxDepth} levels deep; flatten the template.`,
      };
    }
    this.depth++;
    if (anchor !== undefined) {
      this.anchors.set(anchor, { size: 0, complete: false });
      this.anchored.push({ anchor, depth: this.depth, start: this.total });
    }
    return this.add(1, offset, false);
  }

  /** The innermost collection closes: its size is now known for its anchor. */
  closeCollection(): void {
    if (this.depth === 0) return;
    const top = this.anchored[this.anchored.length - 1];
    if (top !== undefined && top.depth === this.depth) {
      this.anchored.pop();
      this.anchors.set(top.anchor, { size: this.total - top.start, complete: true });
    }
    this.depth--;
  }

  /**
   * An alias. Returns a breach, or 'unknown' / 'recursive' when it names no anchor yet or one
   * that is still open (a cycle, which no later stage could walk).
   */
  alias(name: string, offset: number): LimitBreach | 'unknown' | 'recursive' | undefined {
    this.aliases++;
    if (this.aliases > this.limits.maxAliases) {
      return {
        code: 'too-many-aliases',
        offset,
        message: `The template uses more than ${this.limits.maxAliases} aliases (*name); write the values out or use fewer aliases.`,
      };
    }
    const info = this.anchors.get(name);
    if (info === undefined) return 'unknown';
    if (!info.complete) return 'recursive';
    return this.add(info.size, offset, true);
  }

  private add(size: number, offset: number, viaAlias: boolean): LimitBreach | undefined {
    this.total += size;
    if (this.total <= this.limits.maxNodes) return undefined;
    return viaAlias || this.aliases > 0
      ? {
          code: 'alias-expansion-too-large',
          offset,
          message: `With its aliases expanded the template has more than ${this.limits.maxNodes} nodes; aliases that repeat aliases multiply, so write the values out or use fewer of them.`,
        }
      : {
          code: 'too-many-nodes',
          offset,
          message: `The template has more than ${this.limits.maxNodes} nodes; split it into smaller templates.`,
        };
  }
}
