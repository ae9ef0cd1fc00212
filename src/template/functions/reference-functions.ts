/** get_param, get_resource, get_attr and get_file: the functions that name something. */
import { isContainerAttribute, CONTAINER_ATTRIBUTES } from '../attributes.js';
import { groupAttribute } from '../resource-group-attrs.js';
import { expected, isMap, stringish, toInteger, describe, INVALID, type FunctionSpec } from './spec.js';

const getParam: FunctionSpec = {
  name: 'get_param',
  since: '2013-05-23',
  contexts: ['value', 'condition'],
  usage: 'a parameter name or [name, key or index...]',
  staticOnly: 'parameter values are picked before deploy',
  check(args, _v, later) {
    if (stringish(args, later)) return undefined;
    if (!Array.isArray(args) || args.length === 0 || !stringish(args[0], later)) return expected(this, args);
    const bad = args.findIndex((x, i) => i > 0 && typeof x !== 'string' && typeof x !== 'number' && !later(x));
    return bad > 0 ? { message: `get_param path items must be map keys or list indexes, got ${describe(args[bad])}`, at: [bad] } : undefined;
  },
  evaluate(args, ctx, site) {
    // Indexes, not destructuring: cold code runs the iterator protocol for `[name, ...path]`.
    const list = (Array.isArray(args) ? args : [args]) as [string, ...(string | number)[]];
    const name = list[0];
    let value = ctx.param(name, site);
    if (value === INVALID) return INVALID;
    for (let i = 0; i < list.length - 1; i++) {
      const key = list[i + 1];
      if (Array.isArray(value)) {
        const index = toInteger(key);
        if (index === undefined || index < 0 || index >= value.length) {
          return ctx.fail(site, 'index-out-of-range', `get_param: index ${String(key)} is not within parameter '${name}' (a list of ${value.length} items)`, [i + 1]);
        }
        value = value[index];
      } else if (isMap(value) && Object.prototype.hasOwnProperty.call(value, String(key))) {
        value = value[String(key)];
      } else {
        return ctx.fail(site, 'param-path-not-found', `get_param: parameter '${name}' has no key '${String(key)}' (it is ${describe(value)})`, [i + 1]);
      }
    }
    return value;
  },
};

const getResource: FunctionSpec = {
  name: 'get_resource',
  since: '2013-05-23',
  contexts: ['value'],
  usage: 'a resource name',
  staticOnly: 'the resource a reference names decides the deploy order, so it must be known before deploy',
  check(args, _v, later) {
    return stringish(args, later) ? undefined : expected(this, args);
  },
  evaluate(args, ctx, site) {
    // A group is many containers: Heat's id of the nested stack has no counterpart here.
    if (ctx.group?.(args as string) !== undefined) {
      return ctx.fail(site, 'group-reference', `get_resource: '${String(args)}' is a group of containers; use {get_attr: [${String(args)}, refs]} for the ids of its members, or [${String(args)}, resource.0] for one`);
    }
    // The container id only exists once deployed: keep the reference for evaluateRuntime.
    return ctx.resource(args as string, site) ? { get_resource: args } : INVALID;
  },
};

const getAttr: FunctionSpec = {
  name: 'get_attr',
  since: '2013-05-23',
  contexts: ['value'],
  usage: '[resource, attribute, ...path]',
  staticOnly: 'the resource, attribute and path of get_attr must be known before deploy (they decide the deploy order and what to read)',
  check(args, _v, later) {
    if (!Array.isArray(args) || args.length < 2) return expected(this, args);
    if (!stringish(args[0], later)) return expected(this, args[0], [0]);
    if (!stringish(args[1], later)) return expected(this, args[1], [1]);
    const bad = args.findIndex((x, i) => i > 1 && typeof x !== 'string' && typeof x !== 'number' && !later(x));
    return bad > 1 ? { message: `get_attr path items must be map keys or list indexes, got ${describe(args[bad])}`, at: [bad] } : undefined;
  },
  evaluate(args, ctx, site) {
    const [name, attr] = args as [string, string];
    const members = ctx.group?.(name);
    if (members !== undefined) {
      // Members are references to containers, like any get_attr (resource-group-attrs.ts).
      if (!ctx.resource(name, site) || members === INVALID) return INVALID;
      return groupAttribute(args as unknown[], members, ctx, site);
    }
    if (!isContainerAttribute(attr)) {
      return ctx.fail(site, 'unknown-attribute', unknownAttributeMessage(name, attr), [1]);
    }
    return ctx.resource(name, site) ? { get_attr: args } : INVALID;
  },
};

/** The message for get_attr of an attribute containers do not have. */
export function unknownAttributeMessage(resource: string, attr: string): string {
  return `get_attr: resource '${resource}' has no attribute '${attr}'; a container has ${Object.keys(CONTAINER_ATTRIBUTES).join(', ')}`;
}

const getFile: FunctionSpec = {
  name: 'get_file',
  since: '2013-05-23',
  contexts: ['value'],
  usage: 'a file path relative to the template',
  staticOnly: 'files are read when the template is validated',
  check(args, _v, later) {
    return stringish(args, later) ? undefined : expected(this, args);
  },
  evaluate(args, ctx, site) {
    return ctx.file(args as string, site);
  },
};

const FACADE_FIELDS = ['metadata', 'deletion_policy', 'update_policy'];

const resourceFacade: FunctionSpec = {
  name: 'resource_facade',
  since: '2013-05-23',
  contexts: ['value'],
  usage: `one of ${FACADE_FIELDS.join(', ')}`,
  // Unsupported whatever its argument: say so now rather than at deploy time.
  acceptsRuntime: true,
  check(args, _v, later) {
    return later(args) || (typeof args === 'string' && FACADE_FIELDS.includes(args)) ? undefined : expected(this, args);
  },
  evaluate(_args, ctx, site) {
    // It reads the parent resource of a nested stack; hotdock deploys one flat stack.
    return ctx.fail(site, 'unsupported-function', 'resource_facade only has a meaning inside a nested stack, which hotdock does not deploy');
  },
};

/** The reference functions, in registry order. */
export const REFERENCE_FUNCTIONS: readonly FunctionSpec[] = [getParam, getResource, getAttr, getFile, resourceFacade];
