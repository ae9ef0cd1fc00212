/**
 * map_merge, map_replace, list_concat(_unique), repeat, filter and contains. The first five
 * are evaluated at resolve time even when deploy-time values appear in their arguments, as
 * long as they only carry those values along (a list item of list_concat, a value of
 * map_merge): the result keeps its shape for the Docker checks. Where a value must be known
 * (a whole list to concatenate, an item to compare), they return DEFER and run at deploy time.
 */
import { versionAtLeast } from '../versions.js';
import { containsLater, deepEqual, describe, expected, heatJson, isMap, isRuntimeNode, soleKey, toText, DEFER, type FunctionSpec } from './spec.js';

const mapMerge: FunctionSpec = {
  name: 'map_merge',
  since: '2016-04-08',
  contexts: ['value'],
  usage: 'a list of maps',
  acceptsRuntime: true,
  check(args, _v, later) {
    if (later(args)) return undefined;
    if (!Array.isArray(args)) return expected(this, args);
    const bad = args.findIndex((m) => !isMap(m) && m !== null && !later(m));
    return bad >= 0 ? { message: `map_merge: item ${bad} must be a map, got ${describe(args[bad])}`, at: [bad] } : undefined;
  },
  evaluate(args, ctx) {
    const maps = args as (Record<string, unknown> | null)[];
    if (maps.some(ctx.later)) return DEFER;
    // Later maps win, key by key (not deep), as in Heat; null (an unset value) adds nothing.
    return Object.assign({}, ...maps.map((m) => m ?? {})) as Record<string, unknown>;
  },
};

const mapReplace: FunctionSpec = {
  name: 'map_replace',
  since: '2016-10-14',
  contexts: ['value'],
  usage: '[map, {keys: {old: new}, values: {old: new}}]',
  acceptsRuntime: true,
  check(args, _v, later) {
    if (later(args)) return undefined;
    if (!Array.isArray(args) || args.length !== 2) return expected(this, args);
    if (!isMap(args[0]) && args[0] !== null && !later(args[0])) return { message: `map_replace: the first item must be the map to change, got ${describe(args[0])}`, at: [0] };
    const spec = args[1];
    if (later(spec) || spec === null) return undefined;
    if (!isMap(spec)) return { message: `map_replace: the second item must be {keys, values}, got ${describe(spec)}`, at: [1] };
    const extra = Object.keys(spec).find((k) => k !== 'keys' && k !== 'values');
    if (extra) return { message: `map_replace: '${extra}' is not allowed; use 'keys' and 'values'`, at: [1, extra], atKey: true };
    for (const k of ['keys', 'values']) {
      const m = spec[k];
      if (m !== undefined && m !== null && !isMap(m) && !later(m)) return { message: `map_replace: '${k}' must be a map of old → new, got ${describe(m)}`, at: [1, k] };
    }
    return undefined;
  },
  evaluate(args, ctx, site) {
    const [rawMap, rawSpec] = args as [Record<string, unknown> | null, Record<string, unknown> | null];
    if (ctx.later(rawMap) || ctx.later(rawSpec) || ctx.later(rawSpec?.keys) || ctx.later(rawSpec?.values)) return DEFER;
    const map = rawMap ?? {};
    const spec = rawSpec ?? {};
    const keys = (isMap(spec.keys) ? spec.keys : {}) as Record<string, unknown>;
    const values = (isMap(spec.values) ? spec.values : {}) as Record<string, unknown>;
    // A new key is text, and a deploy-time value may turn out to be one of the values to replace.
    const valuesKnown = Object.keys(values).length === 0 || !Object.values(map).some(ctx.later);
    if (Object.values(keys).some((k) => containsLater(k, ctx.later)) || !valuesKnown) return DEFER;
    const out: Record<string, unknown> = {};
    const has = (m: object, k: string): boolean => Object.prototype.hasOwnProperty.call(m, k);
    for (const [k, v] of Object.entries(map)) {
      const replaced = has(keys, k) && keys[k] !== null ? keyText(keys[k]) : undefined;
      const key = replaced ?? k;
      // As Heat: a new key may not collide with another key of the input or of the output.
      if ((replaced !== undefined && replaced !== k && has(map, replaced)) || has(out, key)) {
        return ctx.fail(site, 'invalid-function-args', `map_replace: replacing the keys makes '${key}' appear twice`, [1, 'keys']);
      }
      // Heat looks each value up in 'values' (a hashable one: not a list or map). YAML keys are
      // text here, so a number or boolean value matches the key written the same way.
      const scalar = typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
      out[key] = scalar && Object.prototype.hasOwnProperty.call(values, String(v)) ? values[String(v)] : v;
    }
    return out;
  },
};

/**
 * A new map_replace key as its JSON key reads under Heat: a number or boolean key is written
 * by the JSON encoder (`true`, `80`), not by str() (`True`).
 */
function keyText(v: unknown): string {
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : toText(v);
}

function listConcat(name: string, unique: boolean): FunctionSpec {
  return {
    name,
    since: '2017-09-01',
    contexts: ['value'],
    usage: 'a list of lists',
    acceptsRuntime: true,
    check(args, _v, later) {
      if (later(args)) return undefined;
      if (!Array.isArray(args)) return expected(this, args);
      const bad = args.findIndex((m) => !Array.isArray(m) && m !== null && !later(m));
      return bad >= 0 ? { message: `${name}: item ${bad} must be a list, got ${describe(args[bad])}`, at: [bad] } : undefined;
    },
    evaluate(args, ctx) {
      const lists = args as (unknown[] | null)[];
      if (lists.some(ctx.later)) return DEFER;
      const all = lists.flatMap((l) => l ?? []);
      if (!unique) return all;
      // Which items are equal is only known with their values.
      if (all.some((item) => containsLater(item, ctx.later))) return DEFER;
      // Heat (ListConcat.result) keeps the first occurrence of each item, where it appears
      // first. Equal data has equal sorted-key JSON, which makes this linear.
      const seen = new Set<string>();
      return all.filter((item) => {
        const key = heatJson(item);
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
    },
  };
}

/**
 * Replaces every variable name inside strings (keys and values alike), as Heat's repeat does.
 * `later` spots calls kept for deploy time: their arguments are templates, their name is not.
 */
function substitute(template: unknown, vars: [string, string][], later: (v: unknown) => boolean): unknown {
  if (typeof template === 'string') return vars.reduce((s, [name, value]) => s.split(name).join(value), template);
  if (Array.isArray(template)) return template.map((t) => substitute(t, vars, later));
  // References are already checked: their names are not templates.
  if (!isMap(template) || isRuntimeNode(template)) return template;
  if (later(template)) {
    const key = soleKey(template) as string;
    return { [key]: substitute(template[key], vars, later) };
  }
  return Object.fromEntries(Object.entries(template).map(([k, v]) => [substitute(k, vars, later) as string, substitute(v, vars, later)]));
}

/** Every combination of a few long lists is astronomically many: refuse rather than hang. */
const MAX_REPEAT = 10000;
/** Nor may repeats nested in repeats multiply into millions of values. */
const MAX_NODES = 1000000;

/** Values in `v` (maps, lists and scalars), counting no further than `limit`. */
function nodeCount(v: unknown, limit: number): number {
  let n = 0;
  const stack: unknown[] = [v];
  while (stack.length > 0 && n <= limit) {
    const x = stack.pop();
    n++;
    // Pushed one by one: spreading a huge list into push() overflows the call stack.
    if (Array.isArray(x)) for (const item of x) stack.push(item);
    else if (isMap(x)) for (const [k, item] of Object.entries(x)) stack.push(k, item);
  }
  return n;
}

const repeat: FunctionSpec = {
  name: 'repeat',
  since: '2015-04-30',
  contexts: ['value'],
  usage: '{for_each: {variable: list}, template, permutations?}',
  acceptsRuntime: true,
  check(args, version, later) {
    if (later(args)) return undefined;
    if (!isMap(args)) return expected(this, args);
    const extra = Object.keys(args).find((k) => !['for_each', 'template', 'permutations'].includes(k));
    if (extra) return { message: `repeat takes ${this.usage}; '${extra}' is not one of them`, at: [extra], atKey: true };
    if (!('for_each' in args) || !('template' in args)) return { message: `repeat needs both 'for_each' and 'template'` };
    const fe = args.for_each;
    if (!later(fe)) {
      if (!isMap(fe) || Object.keys(fe).length === 0) return { message: `repeat: 'for_each' must map variable names to lists, got ${describe(fe)}`, at: ['for_each'] };
      // Maps (iterated by key) came with 2016-10-14, and only for permutations.
      const mapsOk = versionAtLeast(version, '2016-10-14') && args.permutations !== false;
      const bad = Object.keys(fe).find((k) => !Array.isArray(fe[k]) && fe[k] !== null && !later(fe[k]) && !(mapsOk && isMap(fe[k])));
      if (bad !== undefined) {
        return { message: `repeat: the values of variable '${bad}' must be ${mapsOk ? 'lists or maps' : 'lists'}, got ${describe(fe[bad])}`, at: ['for_each', bad] };
      }
    }
    if ('permutations' in args) {
      // Heat's RepeatWithNestedLoop (the one that reads 'permutations') came with 2017-09-01.
      if (!versionAtLeast(version, '2017-09-01')) {
        return { code: 'function-not-in-version', message: `repeat's 'permutations' needs heat_template_version 2017-09-01 or later; this template is ${version}`, at: ['permutations'], atKey: true };
      }
      if (typeof args.permutations !== 'boolean' && !later(args.permutations)) return { message: `repeat: 'permutations' must be true or false`, at: ['permutations'] };
    }
    return undefined;
  },
  evaluate(args, ctx, site) {
    const { for_each: forEach, template, permutations } = args as { for_each: Record<string, unknown>; template: unknown; permutations?: boolean };
    // The values to repeat over become text: they must be known. The template may wait.
    if (containsLater(forEach, ctx.later)) return DEFER;
    const names = Object.keys(forEach);
    const items = (v: unknown): unknown[] => (Array.isArray(v) ? v : isMap(v) ? Object.keys(v) : []);
    // Heat's Repeat._do_replacement calls str.replace with each value: one that is not text fails there.
    const notText = names.find((n) => items(forEach[n]).some((v) => typeof v === 'number' || typeof v === 'boolean'));
    if (notText !== undefined) {
      ctx.warn?.(site, 'not-text-in-heat', `repeat: the values of '${notText}' include a number or boolean; Heat refuses to substitute a value that is not text, hotdock uses its text. Quote them to keep the template valid for Heat`, ['for_each', notText]);
    }
    const lists = names.map((n) => items(forEach[n]).map(toText));
    const count = permutations === false ? (lists[0]?.length ?? 0) : lists.reduce((n, l) => n * l.length, 1);
    if (count > MAX_REPEAT || count * nodeCount(template, MAX_NODES) > MAX_NODES) {
      return ctx.fail(site, 'invalid-function-args', `repeat would produce ${count} copies of its template; that is more than hotdock evaluates (${MAX_REPEAT} items, ${MAX_NODES} values in all)`, ['for_each']);
    }
    let rows: string[][];
    if (permutations === false) {
      if (lists.some((l) => l.length !== lists[0].length)) {
        return ctx.fail(site, 'invalid-function-args', 'repeat: with permutations false, every for_each list must have the same length', ['for_each']);
      }
      rows = lists[0].map((_, i) => lists.map((l) => l[i]));
    } else {
      // Every combination, the first variable varying slowest (as Heat's itertools.product).
      rows = lists.reduce<string[][]>((acc, list) => acc.flatMap((row) => list.map((v) => [...row, v])), [[]]);
    }
    return rows.map((row) => substitute(template, names.map((n, i) => [n, row[i]]), ctx.later));
  },
};

const filter: FunctionSpec = {
  name: 'filter',
  since: '2017-02-24',
  contexts: ['value'],
  usage: '[values to remove, list]',
  acceptsRuntime: true,
  check(args, _v, later) {
    if (later(args)) return undefined;
    if (!Array.isArray(args) || args.length !== 2) return expected(this, args);
    if (args[0] !== null && !Array.isArray(args[0]) && !later(args[0])) return { message: `filter: the values to remove must be a list, got ${describe(args[0])}`, at: [0] };
    if (!Array.isArray(args[1]) && args[1] !== null && !later(args[1])) return { message: `filter: the second item must be the list to filter, got ${describe(args[1])}`, at: [1] };
    return undefined;
  },
  evaluate(args, ctx) {
    const [remove, list] = args as [unknown[] | null, unknown[] | null];
    // What to remove is decided by comparing values.
    if (containsLater(args, ctx.later)) return DEFER;
    if (list === null) return null;
    return list.filter((item) => !(remove ?? []).some((r) => deepEqual(r, item)));
  },
};

const contains: FunctionSpec = {
  name: 'contains',
  since: '2017-09-01',
  contexts: ['value', 'condition'],
  usage: '[value, list]',
  check(args, _v, later) {
    if (later(args)) return undefined;
    if (!Array.isArray(args) || args.length !== 2) return expected(this, args);
    if (!Array.isArray(args[1]) && typeof args[1] !== 'string' && !later(args[1])) {
      return { message: `contains: the second item must be a list (or a string), got ${describe(args[1])}`, at: [1] };
    }
    return undefined;
  },
  evaluate(args) {
    const [value, seq] = args as [unknown, unknown[] | string];
    if (typeof seq === 'string') return typeof value === 'string' && seq.includes(value);
    return seq.some((item) => deepEqual(item, value));
  },
};

/** The collection functions, in registry order. */
export const COLLECTION_FUNCTIONS: readonly FunctionSpec[] = [
  mapMerge,
  mapReplace,
  listConcat('list_concat', false),
  listConcat('list_concat_unique', true),
  repeat,
  filter,
  contains,
];
