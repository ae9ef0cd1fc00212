/** if, equals, not, and, or and yaql. not/and/or/if are evaluated lazily by evaluate.ts. */
import { versionAtLeast } from '../versions.js';
import { deepEqual, describe, expected, isMap, stringish, type FunctionSpec } from './spec.js';

const ifFn: FunctionSpec = {
  name: 'if',
  since: '2016-10-14',
  contexts: ['value'],
  usage: '[condition, value if true, value if false]',
  // The branches are chosen before anything is evaluated: the list must be written out.
  check(args, version) {
    if (Array.isArray(args) && args.length === 2) {
      return versionAtLeast(version, '2021-04-16')
        ? undefined
        : { code: 'function-not-in-version', message: `'if' without a value for false needs heat_template_version 2021-04-16 or later; this template is ${version}` };
    }
    return Array.isArray(args) && args.length === 3 ? undefined : expected(this, args);
  },
};

const equals: FunctionSpec = {
  name: 'equals',
  since: '2016-10-14',
  contexts: ['condition'],
  usage: '[value, value]',
  check(args, _v, later) {
    if (later(args)) return undefined;
    return Array.isArray(args) && args.length === 2 ? undefined : expected(this, args);
  },
  evaluate(args) {
    const [a, b] = args as [unknown, unknown];
    return deepEqual(a, b);
  },
};

const not: FunctionSpec = {
  name: 'not',
  since: '2016-10-14',
  contexts: ['condition'],
  usage: 'a condition',
  check(args) {
    return Array.isArray(args) ? expected(this, args) : undefined;
  },
};

function junction(name: 'and' | 'or'): FunctionSpec {
  return {
    name,
    since: '2016-10-14',
    contexts: ['condition'],
    usage: 'a list of at least two conditions',
    check(args) {
      return Array.isArray(args) && args.length >= 2 ? undefined : expected(this, args);
    },
  };
}

const yaql: FunctionSpec = {
  name: 'yaql',
  since: '2016-10-14',
  conditionSince: '2017-09-01',
  contexts: ['value', 'condition'],
  usage: '{expression, data?}',
  // Unsupported whatever its data: say so now rather than at deploy time.
  acceptsRuntime: true,
  check(args, _v, later) {
    if (later(args)) return undefined;
    if (!isMap(args)) return expected(this, args);
    const extra = Object.keys(args).find((k) => k !== 'expression' && k !== 'data');
    if (extra) return { message: `yaql takes ${this.usage}; '${extra}' is not one of them`, at: [extra], atKey: true };
    if (!stringish(args.expression, later)) return { message: `yaql: 'expression' must be a string, got ${describe(args.expression)}`, at: ['expression'] };
    return undefined;
  },
  evaluate(_args, ctx, site) {
    // Evaluating YAQL needs a YAQL engine; hotdock does not embed one.
    return ctx.fail(site, 'unsupported-function', 'yaql expressions are not supported by hotdock; compute the value with the other HOT functions or pass it as a parameter');
  },
};

/** The condition functions (and if), in registry order. */
export const CONDITION_FUNCTIONS: readonly FunctionSpec[] = [ifFn, equals, not, junction('and'), junction('or'), yaql];
