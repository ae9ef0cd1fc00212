/**
 * Builds the plan's DAG: nodes are added under keys (`main:web`, `bind:app`, …) with edges by key,
 * then numbered in a topological order that keeps the order they were added in where edges allow,
 * so the printed plan reads top to bottom, dependencies first.
 */
import type { PlanNode, PlanNodeType } from './types.js';

/** A node before numbering: edges by key. */
export interface DraftNode extends Omit<PlanNode, 'id' | 'dependsOn'> {
  key: string;
  after: string[];
}

/** Collects draft nodes and numbers them. */
export class PlanGraph {
  private readonly drafts = new Map<string, DraftNode>();

  /** Adds a node; the key must be new. */
  add(key: string, type: PlanNodeType, resource: string, endpoint: string, reasons: string[], extra: Partial<DraftNode> = {}): DraftNode {
    if (this.drafts.has(key)) throw new Error(`plan: duplicate node '${key}'`);
    const node: DraftNode = { key, type, resource, endpoint, reasons, after: [], ...extra };
    this.drafts.set(key, node);
    return node;
  }

  /** The node under `key`. */
  get(key: string): DraftNode | undefined {
    return this.drafts.get(key);
  }

  /** Adds the edge `from` must wait for `to` (unknown keys are dropped at numbering). */
  edge(from: string, to: string): void {
    const node = this.drafts.get(from);
    if (node && from !== to && !node.after.includes(to)) node.after.push(to);
  }

  /** Every draft node, in the order added. */
  all(): DraftNode[] {
    return [...this.drafts.values()];
  }

  /**
   * The numbered plan: Kahn's algorithm, always taking the earliest-added ready node. Nodes on a
   * cycle (the planner never makes one) are appended in the order added.
   */
  finish(): PlanNode[] {
    const drafts = this.all();
    const order: DraftNode[] = [];
    const placed = new Set<string>();
    const deps = new Map(drafts.map((d) => [d.key, d.after.filter((k) => this.drafts.has(k))]));
    while (order.length < drafts.length) {
      const next = drafts.find((d) => !placed.has(d.key) && deps.get(d.key)!.every((k) => placed.has(k)))
        ?? drafts.find((d) => !placed.has(d.key))!;
      order.push(next);
      placed.add(next.key);
    }
    const ids = new Map(order.map((d, i) => [d.key, i + 1]));
    return order.map((d) => {
      const { key: _key, after: _after, ...rest } = d;
      void _key;
      void _after;
      const dependsOn = [...new Set(deps.get(d.key)!.map((k) => ids.get(k)!))].sort((a, b) => a - b);
      return { id: ids.get(d.key)!, ...rest, dependsOn };
    });
  }
}
