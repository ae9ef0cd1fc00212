/**
 * The destroy plan: every container of the stack goes, dependents before what they depend on,
 * except those whose deletion policy is Retain (a `retain` node: kept, and said so). Containers
 * put aside by an interrupted run are discarded (a Retain resource's is restored instead, when
 * nothing holds its name). Pure.
 */
import { PlanGraph } from './plan-graph.js';
import type { ObservedContainer, PlanNode } from './types.js';
import { leftBy } from './verdict.js';
import { LABEL_DELETION_POLICY } from '../spec/labels.js';

/** What destroy needs of a template resource. */
export interface DestroyResource {
  name: string;
  dependsOn: readonly string[];
  deletionPolicy: 'Delete' | 'Retain';
}

/** The destroy plan for what observe found. */
export function planDestroy(observed: readonly ObservedContainer[], resources: readonly DestroyResource[]): PlanNode[] {
  const graph = new PlanGraph();
  const policy = new Map(resources.map((r) => [r.name, r.deletionPolicy]));
  const policyOf = (o: ObservedContainer): string => policy.get(o.resource) ?? o.labels[LABEL_DELETION_POLICY] ?? 'Delete';
  const live = observed.filter((o) => o.role !== 'aside');
  const keysOf = new Map<string, string[]>();
  for (const o of observed) {
    const retain = policyOf(o) === 'Retain';
    let key: string;
    if (o.role === 'aside') {
      const holder = live.some((l) => l.endpoint === o.endpoint && l.name === o.asideOf);
      if (retain && !holder && o.asideOf) {
        key = `restore:${o.id}`;
        graph.add(key, 'restore-aside', o.resource, o.endpoint, [`repair: restore '${o.name}' as '${o.asideOf}', put aside by ${leftBy(o)}`], { observed: o });
      } else {
        key = `discard:${o.id}`;
        graph.add(key, 'discard-aside', o.resource, o.endpoint, [`repair: discard '${o.name}', put aside by ${leftBy(o)}`], { observed: o });
      }
    } else if (retain) {
      key = `retain:${o.id}`;
      graph.add(key, 'retain', o.resource, o.endpoint, ['destroy: kept (deletion_policy Retain)'], { observed: o });
    } else {
      key = `remove:${o.id}`;
      graph.add(key, 'remove', o.resource, o.endpoint, ['destroy'], { observed: o, keepAside: false });
    }
    keysOf.set(o.resource, [...(keysOf.get(o.resource) ?? []), key]);
  }
  // A container goes only after every container that depends on it.
  for (const r of resources) {
    for (const dep of r.dependsOn) {
      for (const mine of keysOf.get(dep) ?? []) for (const theirs of keysOf.get(r.name) ?? []) graph.edge(mine, theirs);
    }
  }
  return graph.finish();
}
