/** The dependency graph between resources: cycles and a deploy order. */
import type { Diagnostic } from '../diagnostics.js';
import { diagnosticAt } from './diagnostic-factory.js';
import type { LoadedTemplate } from './types.js';

/** `from` needs `to` first; `ptr` is where the template says so (a depends_on item, a get_attr...). */
export interface DependencyEdge {
  from: string;
  to: string;
  ptr: string;
}

/** One cycle: `chain` starts and ends with the same resource, the earliest one in the template. */
export interface DependencyCycle {
  chain: string[];
  /** The edge leaving chain[0]: where the cycle is reported. */
  edge: DependencyEdge;
}

function adjacency(nodes: readonly string[], edges: readonly DependencyEdge[]): Map<string, DependencyEdge[]> {
  const adj = new Map<string, DependencyEdge[]>(nodes.map((n) => [n, []]));
  for (const e of edges) if (e.from !== e.to && adj.has(e.from) && adj.has(e.to)) adj.get(e.from)?.push(e);
  return adj;
}

/**
 * Every cycle found by a depth-first walk in template order, each set of resources once.
 * Self-dependencies are not cycles here (references.ts reports them on their own).
 */
export function findCycles(nodes: readonly string[], edges: readonly DependencyEdge[]): DependencyCycle[] {
  const adj = adjacency(nodes, edges);
  const order = new Map(nodes.map((n, i) => [n, i]));
  const state = new Map<string, 'open' | 'done'>();
  const cycles: DependencyCycle[] = [];
  const seen = new Set<string>();
  for (const root of nodes) {
    if (state.has(root)) continue;
    // Iterative, so a long chain of resources cannot overflow the stack.
    const stack: { node: string; next: number; via?: DependencyEdge }[] = [{ node: root, next: 0 }];
    state.set(root, 'open');
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      const out = adj.get(top.node) ?? [];
      if (top.next >= out.length) {
        state.set(top.node, 'done');
        stack.pop();
        continue;
      }
      const edge = out[top.next++];
      const s = state.get(edge.to);
      if (s === undefined) {
        state.set(edge.to, 'open');
        stack.push({ node: edge.to, next: 0, via: edge });
      } else if (s === 'open') {
        const from = stack.findIndex((f) => f.node === edge.to);
        const loopEdges = [...stack.slice(from + 1).map((f) => f.via as DependencyEdge), edge];
        const key = loopEdges.map((e) => e.from).sort().join('\u0000');
        if (seen.has(key)) continue;
        seen.add(key);
        // Start the chain at the resource that comes first in the template.
        let first = 0;
        loopEdges.forEach((e, i) => { if ((order.get(e.from) ?? 0) < (order.get(loopEdges[first].from) ?? 0)) first = i; });
        const rotated = [...loopEdges.slice(first), ...loopEdges.slice(0, first)];
        cycles.push({ chain: [...rotated.map((e) => e.from), rotated[0].from], edge: rotated[0] });
      }
    }
  }
  return cycles;
}

/** One `dependency-cycle` error per cycle, at the reference that leaves its first resource. */
export function cycleDiagnostics(tpl: Pick<LoadedTemplate, 'file' | 'positions'>, nodes: readonly string[], edges: readonly DependencyEdge[]): Diagnostic[] {
  return findCycles(nodes, edges).map((c) =>
    diagnosticAt(tpl, c.edge.ptr, 'dependency-cycle', `dependency cycle: ${c.chain.join(' -> ')}`),
  );
}

/**
 * Resources in an order that puts every dependency first, template order otherwise
 * (Kahn's algorithm). Resources on a cycle come last, in template order.
 */
export function dependencyOrder(nodes: readonly string[], edges: readonly DependencyEdge[]): string[] {
  const adj = adjacency(nodes, edges);
  const waiting = new Map(nodes.map((n) => [n, new Set((adj.get(n) ?? []).map((e) => e.to)).size]));
  const dependents = new Map<string, string[]>(nodes.map((n) => [n, []]));
  for (const n of nodes) for (const to of new Set((adj.get(n) ?? []).map((e) => e.to))) dependents.get(to)?.push(n);
  const done: string[] = [];
  const placed = new Set<string>();
  let progress = true;
  while (progress) {
    progress = false;
    for (const n of nodes) {
      if (placed.has(n) || (waiting.get(n) ?? 0) > 0) continue;
      placed.add(n);
      done.push(n);
      progress = true;
      for (const d of dependents.get(n) ?? []) waiting.set(d, (waiting.get(d) ?? 1) - 1);
    }
  }
  return [...done, ...nodes.filter((n) => !placed.has(n))];
}
