/**
 * Repairs come first: what an interrupted run left on an endpoint (old containers put aside, a new
 * one never proven) is settled before the resource is planned. For each resource with aside
 * containers on an endpoint: when its live container already matches the desired spec and runs, it
 * is proven (`prove`) and the aside ones discarded; otherwise the unproven live one goes and the old
 * one comes back under its name (`restore-aside`), and the resource is then planned against it.
 */
import type { PlanGraph } from './plan-graph.js';
import type { DesiredContainer, ObservedContainer } from './types.js';
import { leftBy, replaceReasons } from './verdict.js';

/** What the rest of the planner works with after the repairs. */
export interface Repaired {
  /** The live containers as they will be once the repairs ran (restored ones in, removed ones out). */
  live: ObservedContainer[];
  /** `resource\0endpoint` → keys of repair nodes the resource's own node there must wait for. */
  waits: Map<string, string[]>;
}

/** Key of Repaired.waits. */
export function waitKey(resource: string, endpoint: string): string {
  return `${resource}\u0000${endpoint}`;
}

/** Adds the repair nodes of every aside leftover to `graph`. */
export function planRepairs(graph: PlanGraph, desired: readonly DesiredContainer[], observed: readonly ObservedContainer[]): Repaired {
  const asides = observed.filter((o) => o.role === 'aside' && o.resource !== '');
  let live = observed.filter((o) => o.role !== 'aside');
  const waits = new Map<string, string[]>();
  const groups = new Map<string, ObservedContainer[]>();
  for (const a of asides) groups.set(waitKey(a.resource, a.endpoint), [...(groups.get(waitKey(a.resource, a.endpoint)) ?? []), a]);

  for (const [key, group] of groups) {
    const { resource, endpoint } = group[0];
    const d = desired.find((x) => x.resource === resource && x.endpoint.name === endpoint);
    const name = group.find((a) => a.asideOf)?.asideOf ?? d?.name;
    const holder = name === undefined ? undefined : live.find((o) => o.endpoint === endpoint && o.name === name);
    const keys: string[] = [];
    const proven = d && holder && holder.resource === resource && holder.state === 'running' && replaceReasons(d, holder).length === 0;
    if (proven) {
      const prove = `prove:${holder.id}`;
      graph.add(prove, 'prove', resource, endpoint, [`repair: prove '${holder.name}', left unproven by ${leftBy(holder)}`], { observed: holder, desired: d });
      keys.push(prove);
      for (const a of group) {
        const k = `discard:${a.id}`;
        graph.add(k, 'discard-aside', resource, endpoint, [`repair: discard '${a.name}', put aside by ${leftBy(a)}`], { observed: a });
        graph.edge(k, prove);
      }
      waits.set(key, keys);
      continue;
    }
    // Bring back the old container: the one that matches the desired spec if any, else the first.
    const restore = (d && group.find((a) => a.configHash === d.configHash)) ?? group.find((a) => a.asideOf) ?? (name ? group[0] : undefined);
    let removed: string | undefined;
    if (holder && restore) {
      removed = `repair-remove:${holder.id}`;
      graph.add(removed, 'remove', holder.resource, endpoint, [`repair: unproven '${holder.name}' left by ${leftBy(holder)}`], { observed: holder, keepAside: false });
      keys.push(removed);
      live = live.filter((o) => o !== holder);
    }
    for (const a of group) {
      if (a === restore) continue;
      const k = `discard:${a.id}`;
      graph.add(k, 'discard-aside', resource, endpoint, [`repair: discard '${a.name}', put aside by ${leftBy(a)}`], { observed: a });
      keys.push(k);
    }
    if (restore && name) {
      const k = `restore:${restore.id}`;
      const matches = d && restore.configHash === d.configHash;
      graph.add(k, 'restore-aside', resource, endpoint, [`repair: restore '${restore.name}' as '${name}', put aside by ${leftBy(restore)}`], {
        observed: { ...restore, asideOf: name },
        ...(matches ? { desired: d } : {}),
      });
      if (removed) graph.edge(k, removed);
      keys.push(k);
      // Planned from here on as the live container it will be: back under its name, running.
      live = [...live, { ...restore, role: 'live', name, state: 'running' }];
    }
    waits.set(key, keys);
  }
  return { live, waits };
}
