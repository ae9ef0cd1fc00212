/**
 * Pool placement: which engine of the pool each resource without an endpoint runs on, and why.
 * Pure: every fact about the engines (memory, container counts, where each resource runs now)
 * comes in as data, so the same facts always give the same answer.
 *
 * Sticky first: a resource stays on the engine it runs on while that engine is in the pool and
 * its rules still hold there; a redeploy must not move containers because the counts changed.
 * Resources kept together (`togetherWith`, both ways, transitively) are placed as one unit.
 */
import type {
  EngineFacts, PlacementDecision, PlacementInput, PlacementOutcome, PlacementProblem, PlacementRequest,
} from './placement-types.js';

export type * from './placement-types.js';

/** Code-point order: the same in every locale, so placement never depends on the runner. */
function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `7.8 GiB`, `512 MiB`: what a reader compares at a glance. */
export function formatBytes(bytes: number): string {
  for (const [unit, size] of [['GiB', 2 ** 30], ['MiB', 2 ** 20], ['KiB', 2 ** 10]] as const) {
    if (Math.abs(bytes) >= size) return `${(bytes / size).toFixed(1).replace(/\.0$/, '')} ${unit}`;
  }
  return `${bytes} B`;
}

/** Resources that must share an engine: placed as one. */
interface Unit {
  /** Its first member's name (units are taken in this order). */
  name: string;
  members: PlacementRequest[];
  memory: number;
  fixed?: PlacementRequest;
}

const quoteList = (names: readonly string[]): string => names.map((n) => `'${n}'`).join(', ');

/** The units of kept-together resources, and the apart relation made symmetric. */
function unitsOf(resources: readonly PlacementRequest[], problems: PlacementProblem[]): { units: Unit[]; apart: Map<string, Set<string>> } {
  const known = new Map(resources.map((r) => [r.name, r]));
  const parent = new Map(resources.map((r) => [r.name, r.name]));
  const root = (n: string): string => {
    let r = n;
    while (parent.get(r) !== r) r = parent.get(r)!;
    return r;
  };
  const apart = new Map<string, Set<string>>(resources.map((r) => [r.name, new Set<string>()]));
  for (const r of resources) {
    for (const other of r.constraints?.togetherWith ?? []) {
      if (known.has(other)) parent.set(root(r.name), root(other));
    }
    for (const other of r.constraints?.apartFrom ?? []) {
      if (!known.has(other) || other === r.name) continue;
      apart.get(r.name)!.add(other);
      apart.get(other)!.add(r.name);
    }
  }
  const groups = new Map<string, PlacementRequest[]>();
  for (const r of [...resources].sort((a, b) => byName(a.name, b.name))) {
    const g = groups.get(root(r.name)) ?? [];
    g.push(r);
    groups.set(root(r.name), g);
  }
  const units: Unit[] = [];
  for (const members of groups.values()) {
    const names = members.map((m) => m.name);
    const clash = members.find((m) => names.some((n) => apart.get(m.name)!.has(n)));
    if (clash) {
      const other = names.find((n) => apart.get(clash.name)!.has(n))!;
      problems.push({ resource: clash.name, message: `resource '${clash.name}' is kept apart from '${other}' and together with it (through ${quoteList(names)}): no engine can satisfy both` });
      continue;
    }
    const fixed = members.filter((m) => m.fixed !== undefined);
    const where = [...new Set(fixed.map((m) => m.fixed!))];
    if (where.length > 1) {
      problems.push({ resource: fixed[1].name, message: `resources ${quoteList(names)} are kept together, but docker_endpoint puts ${quoteList(fixed.map((m) => m.name))} on ${where.join(' and ')}` });
      continue;
    }
    units.push({ name: names[0], members, memory: members.reduce((s, m) => s + (m.memory ?? 0), 0), fixed: fixed[0] });
  }
  return { units, apart };
}

/** Places every resource; see the module comment. Never throws. */
export function placePool(input: PlacementInput): PlacementOutcome {
  const problems: PlacementProblem[] = [];
  const { units, apart } = unitsOf(input.resources, problems);
  const pool = [...input.pool].sort((a, b) => byName(a.name, b.name));
  const inPool = new Set(pool.map((e) => e.name));
  const current = input.current ?? {};
  const where = new Map<string, string>();
  const stackCount = new Map<string, number>();
  const memUsed = new Map<string, number>();
  const decisions = new Map<string, PlacementDecision>();

  /** Why `unit` may not go to `endpoint` (undefined: it may). */
  const refusal = (unit: Unit, endpoint: string): string | undefined => {
    for (const m of unit.members) {
      const c = m.constraints;
      if (c?.allow?.length && !c.allow.includes(endpoint)) return `'${m.name}' allows only ${c.allow.join(', ')}`;
      if (c?.avoid?.includes(endpoint)) return `'${m.name}' avoids ${endpoint}`;
      for (const other of apart.get(m.name) ?? []) {
        if (where.get(other) === endpoint) return `'${m.name}' is kept apart from '${other}', placed on ${endpoint}`;
      }
    }
    return undefined;
  };
  /** Why a member running elsewhere moves, when its unit went to `endpoint`. */
  const moveWhy = (m: PlacementRequest, from: string, unit: Unit, stuck: string | undefined, anchor: string): string => {
    if (m === unit.fixed) return `docker_endpoint names ${where.get(m.name)}`;
    if (unit.fixed) return `kept together with '${unit.fixed.name}'`;
    if (!inPool.has(from)) return `endpoint ${from} left the pool`;
    if (stuck) return `constraints changed: ${stuck}`;
    return `kept together with '${anchor}'`;
  };
  const assign = (unit: Unit, endpoint: string, reason: string, detail?: string, stuck?: string): void => {
    const anchor = unit.fixed?.name ?? unit.members.find((m) => current[m.name] === endpoint)?.name ?? unit.name;
    for (const m of unit.members) {
      where.set(m.name, endpoint);
      stackCount.set(endpoint, (stackCount.get(endpoint) ?? 0) + 1);
      memUsed.set(endpoint, (memUsed.get(endpoint) ?? 0) + (m.memory ?? 0));
      const own = m === unit.fixed ? 'docker_endpoint names it' : m.name === anchor || unit.fixed ? reason : `kept together with '${anchor}'`;
      const from = current[m.name];
      const moved = from !== undefined && from !== endpoint ? { from, why: moveWhy(m, from, unit, stuck, anchor) } : undefined;
      decisions.set(m.name, { endpoint, reason: own, ...(detail && own === reason ? { detail } : {}), ...(moved ? { moved } : {}) });
    }
  };

  // 1. Resources whose docker_endpoint names their engine, with whatever is kept together with them.
  for (const unit of units.filter((u) => u.fixed)) {
    const endpoint = unit.fixed!.fixed!;
    const why = refusal(unit, endpoint);
    if (why) problems.push({ resource: unit.fixed!.name, message: `resource '${unit.fixed!.name}': docker_endpoint puts it on ${endpoint}, but ${why}` });
    else assign(unit, endpoint, `kept together with '${unit.fixed!.name}'`);
  }
  // 2. Sticky: a unit stays where (most of) its members run, while that is in the pool and allowed.
  const open: { unit: Unit; stuck?: string }[] = [];
  for (const unit of units.filter((u) => !u.fixed)) {
    const tally = new Map<string, number>();
    for (const m of unit.members) if (inPool.has(current[m.name])) tally.set(current[m.name], (tally.get(current[m.name]) ?? 0) + 1);
    const home = [...tally].sort((a, b) => b[1] - a[1] || byName(a[0], b[0]))[0]?.[0];
    const stuck = home === undefined ? undefined : refusal(unit, home);
    if (home !== undefined && stuck === undefined) assign(unit, home, 'runs there');
    else open.push({ unit, stuck });
  }
  // 3. The rest, by the strategy: binpack takes the biggest first (first fit decreasing).
  if (input.strategy === 'binpack') open.sort((a, b) => b.unit.memory - a.unit.memory || byName(a.unit.name, b.unit.name));
  for (const { unit, stuck } of open) {
    const permitted = pool.filter((e) => refusal(unit, e.name) === undefined);
    if (permitted.length === 0) {
      const whyNot = pool.map((e) => `${e.name}: ${refusal(unit, e.name)}`).join('; ');
      problems.push({ resource: unit.name, message: `${subject(unit)}: no endpoint of the pool satisfies its placement (${whyNot || 'the pool is empty'})` });
      continue;
    }
    const choose = (candidates: readonly EngineFacts[]): Choice => input.strategy === 'binpack'
      ? binpack(unit, candidates, { stackCount, memUsed }, pool.length)
      : spread(candidates, stackCount, pool.length);
    // A preference narrows the candidates; when nothing it leaves has room, it gives way.
    const preferred = fewestShunned(unit, permitted, where);
    let chosen = choose(preferred.list);
    if ('problem' in chosen && preferred.list.length < permitted.length) chosen = choose(permitted);
    else if (!('problem' in chosen) && preferred.list.length === 1 && permitted.length > 1) chosen = { ...chosen, reason: preferred.reason };
    if ('problem' in chosen) problems.push({ resource: unit.name, message: chosen.problem });
    else assign(unit, chosen.endpoint, chosen.reason, chosen.detail, stuck);
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, decisions };
}

/** The endpoints holding the fewest of the resources the unit would rather be apart from, and that reason. */
function fewestShunned(unit: Unit, endpoints: readonly EngineFacts[], where: ReadonlyMap<string, string>): { list: EngineFacts[]; reason: string } {
  const shunned = [...new Set(unit.members.flatMap((m) => m.constraints?.preferApartFrom ?? []))].filter((s) => where.has(s));
  if (shunned.length === 0) return { list: [...endpoints], reason: '' };
  const count = (e: EngineFacts): number => shunned.filter((s) => where.get(s) === e.name).length;
  const least = Math.min(...endpoints.map(count));
  return { list: endpoints.filter((e) => count(e) === least), reason: `fewest of ${quoteList(shunned)}, which it would rather be apart from` };
}

/** How a problem names a unit: one resource, or the ones kept together. */
function subject(unit: Unit): string {
  return unit.members.length === 1 ? `resource '${unit.name}'` : `resources ${quoteList(unit.members.map((m) => m.name))} (kept together)`;
}

type Choice = { endpoint: string; reason: string; detail: string } | { problem: string };

/** Containers of every stack on the engine once this placement is done. */
function overall(e: EngineFacts, stackCount: ReadonlyMap<string, number>): number {
  return Math.max(0, (e.containers ?? 0) - (e.stackContainers ?? 0)) + (stackCount.get(e.name) ?? 0);
}

/** Why the only candidate: the pool has one, or the rules left one. */
function onlyOne(poolSize: number): string {
  return poolSize === 1 ? 'the only endpoint of the pool' : 'the only endpoint its placement allows';
}

/** spread: fewest of this stack's containers, then fewest containers in all, then name order. */
function spread(allowed: readonly EngineFacts[], stackCount: ReadonlyMap<string, number>, poolSize: number): Choice {
  const key = (e: EngineFacts): [number, number] => [stackCount.get(e.name) ?? 0, overall(e, stackCount)];
  const ranked = [...allowed].sort((a, b) => key(a)[0] - key(b)[0] || key(a)[1] - key(b)[1] || byName(a.name, b.name));
  const [best, next] = ranked;
  const detail = ranked.map((e) => `${e.name}: ${key(e)[0]} of this stack, ${key(e)[1]} in all`).join('; ');
  const reason = !next
    ? onlyOne(poolSize)
    : key(best)[0] < key(next)[0]
      ? "spread: fewest of this stack's containers"
      : key(best)[1] < key(next)[1]
        ? 'spread: fewest containers in all'
        : 'spread: first by name among equals';
  return { endpoint: best.name, reason, detail };
}

/**
 * binpack: the fullest engine the unit fits on (least memory left after it), so one engine fills
 * before the next is used; free memory is MemTotal less the limits of what runs there and of what
 * this placement put there. Without a known MemTotal: the engine with most of this stack.
 */
function binpack(unit: Unit, allowed: readonly EngineFacts[], used: { stackCount: ReadonlyMap<string, number>; memUsed: ReadonlyMap<string, number> }, poolSize: number): Choice {
  const free = (e: EngineFacts): number => (e.memTotal === undefined ? Infinity : e.memTotal - (e.reservedMemory ?? 0) - (used.memUsed.get(e.name) ?? 0));
  const fits = allowed.filter((e) => free(e) >= unit.memory);
  const describe = (e: EngineFacts): string =>
    e.memTotal === undefined ? `${e.name}: memory unknown` : `${e.name}: ${formatBytes(Math.max(0, free(e)))} free of ${formatBytes(e.memTotal)}`;
  if (fits.length === 0) {
    const most = [...allowed].sort((a, b) => free(b) - free(a) || byName(a.name, b.name))[0];
    const where = allowed.length < poolSize ? 'no endpoint its placement allows' : 'no endpoint of the pool';
    return {
      problem:
        `${subject(unit)}: memory ${formatBytes(unit.memory)} fits on ${where}: the most free is ${formatBytes(Math.max(0, free(most)))} on ${most.name}, ` +
        `${formatBytes(unit.memory - Math.max(0, free(most)))} short (${allowed.map(describe).join('; ')})`,
    };
  }
  const ranked = [...fits].sort((a, b) => free(a) - free(b) || (used.stackCount.get(b.name) ?? 0) - (used.stackCount.get(a.name) ?? 0) || byName(a.name, b.name));
  const reason = fits.length === 1 && allowed.length === 1 ? onlyOne(poolSize) : 'binpack: the fullest endpoint it fits on';
  return { endpoint: ranked[0].name, reason, detail: allowed.map(describe).join('; ') };
}
