/**
 * The CloudFormation-style functions HOT kept from CloudFormation: every one in 2013-05-23,
 * and Fn::Select up to 2015-04-30 (heat/engine/hot/template.py). In later versions Heat maps
 * them to `Removed` and refuses the template; `until` carries that last version. They follow
 * heat/engine/cfn/functions.py: Ref, Fn::Join, Fn::Select, Fn::Split, Fn::Replace, Fn::Base64
 * and Fn::MemberListToMap are evaluated; Fn::GetAZs and Fn::ResourceFacade have nothing to
 * read on a Docker engine and are refused.
 */
import { groupReferenceProblem } from '../resource-group-attrs.js';
import { describe, expected, isMap, stringish, toInteger, toText, INVALID, type FunctionSpec } from './spec.js';

/** Ref: a resource (as get_resource) when the name is one, else a parameter (as get_param). */
const ref: FunctionSpec = {
  name: 'Ref',
  since: '2013-05-23',
  until: '2013-05-23',
  contexts: ['value'],
  usage: 'a parameter or resource name',
  staticOnly: 'the name Ref gives decides the deploy order, so it must be known before deploy',
  check(args, _v, later) {
    return stringish(args, later) ? undefined : expected(this, args);
  },
  evaluate(args, ctx, site) {
    const name = args as string;
    // Heat's Ref: `if args in stack` (a resource) wins over a parameter of the same name.
    if (ctx.group?.(name) !== undefined) return groupReferenceProblem('Ref', name, ctx, site);
    if (ctx.hasResource?.(name)) return ctx.resource(name, site) ? { get_resource: name } : INVALID;
    return ctx.param(name, site);
  },
};

/** Fn::Join: [delimiter, [strings]]; Heat joins strings only (null counts as ''). */
const join: FunctionSpec = {
  name: 'Fn::Join',
  since: '2013-05-23',
  until: '2013-05-23',
  contexts: ['value'],
  usage: '[delimiter, [string, ...]]',
  check(args, _v, later) {
    if (later(args)) return undefined;
    if (!Array.isArray(args) || args.length !== 2) return expected(this, args);
    if (!stringish(args[0], later)) return { message: `Fn::Join: the delimiter must be a string, got ${describe(args[0])}`, at: [0] };
    if (!Array.isArray(args[1]) && !later(args[1])) return { message: `Fn::Join must operate on a list, got ${describe(args[1])}`, at: [1] };
    if (Array.isArray(args[1])) {
      const bad = args[1].findIndex((s) => s !== null && !stringish(s, later));
      if (bad >= 0) return { message: `Fn::Join: items to join must be strings (as in Heat), got ${describe(args[1][bad])}`, at: [1, bad] };
    }
    return undefined;
  },
  evaluate(args) {
    const [delim, items] = args as [string, (string | null)[]];
    return items.map((s) => s ?? '').join(delim);
  },
};

/** Fn::Select: [index, list or map]; what is not found is '' (as in Heat). */
const select: FunctionSpec = {
  name: 'Fn::Select',
  since: '2013-05-23',
  until: '2015-04-30',
  contexts: ['value'],
  usage: '[index, list or map]',
  check(args, _v, later) {
    if (later(args)) return undefined;
    return Array.isArray(args) && args.length === 2 ? undefined : expected(this, args);
  },
  evaluate(args, ctx, site) {
    const [lookup, raw] = args as [unknown, unknown];
    let collection = raw;
    // '' is what other functions give for a value not yet there; null is absent.
    if (collection === '' || collection === null || collection === undefined) return '';
    if (typeof collection === 'string') {
      try {
        collection = JSON.parse(collection) as unknown;
      } catch {
        return ctx.fail(site, 'invalid-function-args', 'Fn::Select: the text to select from is not JSON', [1]);
      }
    }
    const index = toInteger(lookup);
    if (isMap(collection)) {
      if (typeof lookup !== 'string') return ctx.fail(site, 'invalid-function-args', `Fn::Select: the index into a map must be a string, got ${describe(lookup)}`, [0]);
      return Object.prototype.hasOwnProperty.call(collection, lookup) ? collection[lookup] : '';
    }
    if (Array.isArray(collection)) {
      if (index === undefined) return ctx.fail(site, 'invalid-function-args', `Fn::Select: the index into a list must be an integer, got ${describe(lookup)}`, [0]);
      // Python indexing: a negative index counts from the end.
      const at = index < 0 ? collection.length + index : index;
      return at >= 0 && at < collection.length ? collection[at] : '';
    }
    return ctx.fail(site, 'invalid-function-args', `Fn::Select selects from a list or a map, got ${describe(collection)}`, [1]);
  },
};

/** Fn::Split: [delimiter, string]. */
const split: FunctionSpec = {
  name: 'Fn::Split',
  since: '2013-05-23',
  until: '2013-05-23',
  contexts: ['value'],
  usage: '[delimiter, string]',
  check(args, _v, later) {
    if (later(args)) return undefined;
    if (!Array.isArray(args) || args.length !== 2) return expected(this, args);
    if (typeof args[0] !== 'string' || args[0] === '') return { message: `Fn::Split: the delimiter must be a non-empty string, got ${describe(args[0])}`, at: [0] };
    if (!stringish(args[1], later)) return { message: `Fn::Split: the value to split must be a string, got ${describe(args[1])}`, at: [1] };
    return undefined;
  },
  evaluate(args) {
    const [delim, text] = args as [string, string];
    return text.split(delim);
  },
};

/** Fn::Replace: [{placeholder: value}, template]; each placeholder replaced in turn, in map order. */
const replace: FunctionSpec = {
  name: 'Fn::Replace',
  since: '2013-05-23',
  until: '2013-05-23',
  contexts: ['value'],
  usage: '[{placeholder: value, ...}, template]',
  check(args, _v, later) {
    if (later(args)) return undefined;
    if (!Array.isArray(args) || args.length !== 2) return expected(this, args);
    if (!isMap(args[0]) && !later(args[0])) return { message: `Fn::Replace: the first item must map placeholders to values, got ${describe(args[0])}`, at: [0] };
    if (!stringish(args[1], later)) return { message: `Fn::Replace: the template must be a string, got ${describe(args[1])}`, at: [1] };
    if (isMap(args[0])) {
      const bad = Object.keys(args[0]).find((k) => {
        const v = (args[0] as Record<string, unknown>)[k];
        return v !== null && typeof v === 'object' && !later(v);
      });
      if (bad !== undefined) return { message: `Fn::Replace: values must be strings or numbers (as in Heat), got ${describe((args[0] as Record<string, unknown>)[bad])}`, at: [0, bad] };
    }
    return undefined;
  },
  evaluate(args) {
    const [mapping, template] = args as [Record<string, unknown>, string];
    // Heat: reduce(str.replace) over the items, so a later placeholder sees earlier results.
    return Object.entries(mapping).reduce((text, [k, v]) => text.split(k).join(toText(v)), template);
  },
};

/** Fn::Base64: Heat performs no conversion ("Heat accepts UserData in plain text"). */
const base64: FunctionSpec = {
  name: 'Fn::Base64',
  since: '2013-05-23',
  until: '2013-05-23',
  contexts: ['value'],
  usage: 'a string',
  check(args, _v, later) {
    return stringish(args, later) ? undefined : expected(this, args);
  },
  evaluate(args) {
    return args;
  },
};

const MEMBER = /^\.member\.([0-9]+)\.(.*)$/s;

/** Fn::MemberListToMap: [key name, value name, ['.member.0.Name=k', '.member.0.Value=v', ...]]. */
const memberListToMap: FunctionSpec = {
  name: 'Fn::MemberListToMap',
  since: '2013-05-23',
  until: '2013-05-23',
  contexts: ['value'],
  usage: "[key name, value name, ['.member.N.<key name>=key', '.member.N.<value name>=value', ...]]",
  check(args, _v, later) {
    if (later(args)) return undefined;
    if (!Array.isArray(args) || args.length !== 3) return expected(this, args);
    if (typeof args[0] !== 'string') return { message: 'Fn::MemberListToMap: the key name must be a string', at: [0] };
    if (typeof args[1] !== 'string') return { message: 'Fn::MemberListToMap: the value name must be a string', at: [1] };
    if (!Array.isArray(args[2]) && !later(args[2])) return { message: `Fn::MemberListToMap: the member list must be a list, got ${describe(args[2])}`, at: [2] };
    if (Array.isArray(args[2])) {
      const bad = args[2].findIndex((s) => !stringish(s, later));
      if (bad >= 0) return { message: `Fn::MemberListToMap: member list items must be strings, got ${describe(args[2][bad])}`, at: [2, bad] };
    }
    return undefined;
  },
  evaluate(args) {
    const [keyName, valueName, list] = args as [string, string, string[]];
    // Heat's aws_utils.extract_param_pairs: group '.member.N.field=value' items by N, in N order.
    const partials = new Map<string, string>();
    for (const s of list) {
      const eq = s.indexOf('=');
      if (eq >= 0) partials.set(s.slice(0, eq), s.slice(eq + 1));
    }
    const members = new Map<number, Map<string, string>>();
    for (const [name, value] of partials) {
      const m = MEMBER.exec(name);
      if (!m) continue;
      const n = Number(m[1]);
      if (!members.has(n)) members.set(n, new Map());
      members.get(n)?.set(m[2], value);
    }
    const out: Record<string, unknown> = {};
    for (const n of [...members.keys()].sort((a, b) => a - b)) {
      const fields = members.get(n) as Map<string, string>;
      if (fields.has(keyName) && fields.has(valueName)) out[fields.get(keyName) as string] = fields.get(valueName);
    }
    return out;
  },
};

/** A CloudFormation function with nothing to read on a Docker engine. */
function refused(name: string, usage: string, why: string): FunctionSpec {
  return {
    name,
    since: '2013-05-23',
    until: '2013-05-23',
    contexts: ['value'],
    usage,
    acceptsRuntime: true,
    check: () => undefined,
    evaluate: (_args, ctx, site) => ctx.fail(site, 'unsupported-function', `${name} is not supported by hotdock: ${why}`),
  };
}

/** The CloudFormation-style functions, in registry order. */
export const CFN_FUNCTIONS: readonly FunctionSpec[] = [
  ref,
  join,
  select,
  split,
  replace,
  base64,
  memberListToMap,
  refused('Fn::GetAZs', 'a region', 'a Docker engine has no availability zones; pass the value as a parameter'),
  refused('Fn::ResourceFacade', 'one of Metadata, DeletionPolicy, UpdatePolicy', 'it only has a meaning inside a nested stack, which hotdock does not deploy'),
];
