/**
 * The plan: desired containers against observed ones, as a DAG of typed operations with causes.
 * Pure. Repairs of leftovers come first (repair-plan.ts); then each resource is judged on its own
 * spec: a dependency being created or replaced does not cascade, except through a value the
 * resource reads from that dependency's container at deploy time, which the plan binds late (a
 * `bind` node after the dependency's node, and a replace of the resource).
 */
import { desiredHostPorts, holdsHostPorts, portsClash } from './host-ports.js';
import { PlanGraph } from './plan-graph.js';
import { planRepairs, waitKey } from './repair-plan.js';
import { createChanges, fieldChanges, type HiddenTest } from './field-diff.js';
import type { DesiredContainer, ObservedContainer, PlanAction, PlanLine, PlanNode, PlanNodeType, PlanOutputEntry } from './types.js';
import { replaceReasons, startReason } from './verdict.js';
import { LABEL_DELETION_POLICY } from '../spec/labels.js';

/** Options of planStack. */
export interface PlanOptions {
  /** Remove the stack's containers whose resource left the template. */
  prune: boolean;
  /** Keep removed containers aside until the run succeeded (the `rollback` input; default true). */
  rollback?: boolean;
  /** Tells hidden values (parameters marked hidden): the field-level plan shows them as `******`. */
  hidden?: HiddenTest;
}

const mainKey = (resource: string): string => `main:${resource}`;

/**
 * The deploy plan. Per desired resource (template order) one node: create, move, replace, start
 * or unchanged. A resource found on another endpoint moves: created here and removed there once
 * the new one stands, with the reason placement gave. Extra containers of a resource on its endpoint are removed: before its node when they
 * hold host ports (the port must be free), after it otherwise. A container holding a resource's
 * fixed name whose own resource left the template is that resource renamed: a replace. Containers
 * of resources that left the template are removed only with `prune`, never when Retain.
 */
export function planStack(desired: readonly DesiredContainer[], observed: readonly ObservedContainer[], options: PlanOptions): PlanNode[] {
  const graph = new PlanGraph();
  const keepAside = options.rollback ?? true;
  const { live, waits } = planRepairs(graph, desired, observed.filter((o) => o.resource !== ''));
  const waitFor = (key: string, o: { resource: string; endpoint: string }): void => {
    for (const w of waits.get(waitKey(o.resource, o.endpoint)) ?? []) graph.edge(key, w);
  };
  const wanted = new Set(desired.map((d) => d.resource));
  const byResource = new Map<string, ObservedContainer[]>();
  for (const o of live) byResource.set(o.resource, [...(byResource.get(o.resource) ?? []), o]);

  // A resource renamed in the template that kept its fixed `name:`: the holder of the name is its.
  const renamed = new Map<string, ObservedContainer>();
  for (const d of desired) {
    if ((byResource.get(d.resource) ?? []).some((o) => o.endpoint === d.endpoint.name)) continue;
    const holder = live.find((o) => o.endpoint === d.endpoint.name && o.name === d.name && !wanted.has(o.resource));
    if (holder && ![...renamed.values()].includes(holder)) renamed.set(d.resource, holder);
  }
  const consumed = new Set(renamed.values());

  const removal = (o: ObservedContainer, reasons: string[]): string => {
    const key = `remove:${o.id}`;
    graph.add(key, 'remove', o.resource, o.endpoint, reasons, { observed: o, keepAside });
    waitFor(key, o);
    return key;
  };

  for (const d of desired) {
    const endpoint = d.endpoint.name;
    const main = mainKey(d.resource);
    const mine = byResource.get(d.resource) ?? [];
    const here = mine.filter((o) => o.endpoint === endpoint);
    const elsewhere = mine.filter((o) => o.endpoint !== endpoint);
    const from = renamed.get(d.resource);
    if (from) {
      graph.add(main, 'replace', d.resource, endpoint, [`renamed from ${from.resource}`], { desired: d, observed: from, changes: fieldChanges(d, from, options.hidden) });
      waitFor(main, from);
    } else if (here.length === 0) {
      const moved = [...new Set(elsewhere.map((o) => o.endpoint))];
      // A move replaces the container elsewhere: made here first, the old one removed once it stands.
      const why = d.placement?.movedBecause ? `: ${d.placement.movedBecause}` : '';
      if (moved.length > 0) graph.add(main, 'move', d.resource, endpoint, [`moved from ${moved.join(', ')}${why}`], { desired: d, changes: createChanges(d) });
      else graph.add(main, 'create', d.resource, endpoint, d.placement ? ['new', d.placement.reason] : ['new'], { desired: d, changes: createChanges(d) });
    } else {
      const primary = here.find((o) => o.name === d.name) ?? here.find((o) => o.state === 'running' || o.state === 'restarting') ?? here[0];
      const reasons = replaceReasons(d, primary);
      const started = startReason(primary);
      const type: PlanNodeType = reasons.length > 0 ? 'replace' : started ? 'start' : 'unchanged';
      const changes = type === 'replace' ? { changes: fieldChanges(d, primary, options.hidden) } : {};
      graph.add(main, type, d.resource, endpoint, reasons.length > 0 ? reasons : started ? [started] : [], { desired: d, observed: primary, ...changes });
      for (const o of here) {
        if (o === primary) continue;
        const key = removal(o, [`duplicate container ${o.name}`]);
        // A duplicate holding a host port must go first, or the new container cannot bind it.
        if (holdsHostPorts(o)) graph.edge(main, key);
        else graph.edge(key, main);
      }
    }
    waitFor(main, { resource: d.resource, endpoint });
    for (const o of elsewhere) graph.edge(removal(o, [`moved to ${endpoint}`]), main);
  }
  for (const d of desired) for (const dep of d.dependsOn) if (graph.get(mainKey(dep))) graph.edge(mainKey(d.resource), mainKey(dep));

  const gone = live
    .filter((o) => !wanted.has(o.resource) && !consumed.has(o))
    .sort((a, b) => a.resource.localeCompare(b.resource) || a.endpoint.localeCompare(b.endpoint) || a.name.localeCompare(b.name));
  if (options.prune) {
    for (const o of gone) {
      if (o.labels[LABEL_DELETION_POLICY] === 'Retain') continue;
      const key = removal(o, ['left the template']);
      // It goes before any container here that needs one of its host ports.
      for (const d of desired) {
        if (d.endpoint.name === o.endpoint && holdsHostPorts(o) && portsClash(o.hostPorts ?? [], desiredHostPorts(d))) graph.edge(mainKey(d.resource), key);
      }
    }
  }
  bindLate(graph, desired);
  return graph.finish();
}

/**
 * Late binding: a resource reading (get_attr, get_resource) the container of a resource this run
 * creates or replaces gets a `bind` node after that resource's node, and is itself replaced (or
 * created) after the bind. Repeated until stable: a replace made this way may in turn be read.
 */
function bindLate(graph: PlanGraph, desired: readonly DesiredContainer[]): void {
  const changing = (resource: string): 'created' | 'replaced' | 'started' | undefined => {
    const t = graph.get(mainKey(resource))?.type;
    return t === 'create' ? 'created' : t === 'replace' || t === 'move' ? 'replaced' : t === 'start' ? 'started' : undefined;
  };
  for (let progressed = true; progressed; ) {
    progressed = false;
    for (const d of desired) {
      const bind = `bind:${d.resource}`;
      const main = graph.get(mainKey(d.resource));
      if (!main || graph.get(bind)) continue;
      const makes = main.type === 'create' || main.type === 'replace' || main.type === 'move';
      // A started container keeps its id but may get a new address: read again only by a resource
      // this run makes anyway; a new container (create, replace) is read again by every reader.
      const late = (d.reads ?? []).filter((r) => {
        const how = r.resource !== d.resource ? changing(r.resource) : undefined;
        return how === 'created' || how === 'replaced' || (how === 'started' && makes);
      });
      if (late.length === 0) continue;
      const what = [...new Set(late.map((r) => (r.attr ? `${r.resource}.${r.attr}` : r.resource)))];
      graph.add(bind, 'bind', d.resource, d.endpoint.name, [`reads ${what.join(', ')}`], { desired: d, reads: [...(d.reads ?? [])] });
      for (const r of late) graph.edge(bind, mainKey(r.resource));
      graph.edge(main.key, bind);
      if (!makes) {
        main.type = 'replace';
        main.reasons = [...new Set(late.map((r) => `${r.resource} ${changing(r.resource)} in this run`))];
      }
      progressed = true;
    }
  }
}

/** The contract's action of each node type (bind is part of its resource's own operation). */
const ACTIONS: Record<PlanNodeType, PlanAction | undefined> = {
  create: 'create',
  move: 'replace',
  replace: 'replace',
  start: 'start',
  unchanged: 'unchanged',
  remove: 'remove',
  retain: 'unchanged',
  'restore-aside': 'start',
  'discard-aside': 'remove',
  prove: 'unchanged',
  bind: undefined,
};

/** The contract action a node shows as (undefined: not shown on its own). */
export function actionOf(type: PlanNodeType): PlanAction | undefined {
  return ACTIONS[type];
}

/** The `plan` output: one entry per node (bind nodes are part of their resource's entry). */
export function planToOutput(nodes: readonly PlanNode[]): PlanOutputEntry[] {
  return nodes.flatMap((n) => {
    const action = ACTIONS[n.type];
    return action ? [{ resource: n.resource, endpoint: n.endpoint, action, reasons: [...n.reasons] }] : [];
  });
}

/** The nodes as the report prints them (edges kept, container data left out). */
export function planLines(nodes: readonly PlanNode[]): PlanLine[] {
  return nodes.map((n) => ({
    id: n.id, type: n.type, resource: n.resource, endpoint: n.endpoint, reasons: [...n.reasons], dependsOn: [...n.dependsOn],
    ...(n.changes?.length ? { changes: n.changes.map((c) => ({ ...c })) } : {}),
  }));
}

/** True when carrying out the plan would change anything on an endpoint. */
export function planChanges(nodes: readonly PlanNode[]): boolean {
  return nodes.some((n) => n.type !== 'unchanged' && n.type !== 'retain' && n.type !== 'prove' && n.type !== 'bind');
}
