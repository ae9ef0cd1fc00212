/** get_param, get_resource, get_attr and get_file: the functions that name something. */
import { isContainerAttribute, CONTAINER_ATTRIBUTES } from '../attributes.js';
import { groupAttribute, groupReferenceProblem } from '../resource-group-attrs.js';
import { versionAtLeast } from '../versions.js';
import { staticAttributes } from '../static-resources.js';
import { containsRuntime as isDeployTime, isRuntimeNode, soleKey, expected, isMap, stringish, toInteger, describe, INVALID, type EvalContext, type FunctionSite, type FunctionSpec, type StaticResource } from './spec.js';

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
      const next = pathStep(value, key);
      if (next === undefined) {
        // Heat (GetParam.result) answers a path that leads nowhere with '' rather than failing.
        ctx.warn?.(site, 'param-path-not-found',
          `get_param: parameter '${name}' has no ${typeof key === 'number' || toInteger(key) !== undefined ? 'index' : 'key'} '${String(key)}' (it is ${kindOf(value)}); as in Heat, the value is ''`, [i + 1]);
        return '';
      }
      value = next;
    }
    return value;
  },
};

/** What a value is, without any of its content: a parameter may be hidden. */
function kindOf(v: unknown): string {
  if (Array.isArray(v)) return `a list of ${v.length} item${v.length === 1 ? '' : 's'}`;
  if (isMap(v)) return 'a map';
  if (v === null || v === undefined) return 'empty';
  return `a ${typeof v}`;
}

/**
 * One step of a get_param path as Heat's get_path_component takes it: a map by its (string)
 * key, a list or a string by an integer index (a numeric string too; negative counts from the
 * end, as in Python). undefined where Heat's lookup fails.
 */
function pathStep(value: unknown, key: string | number): unknown {
  if (Array.isArray(value) || typeof value === 'string') {
    const index = toInteger(key);
    if (index === undefined) return undefined;
    const at = index < 0 ? value.length + index : index;
    if (at < 0 || at >= value.length) return undefined;
    return value[at];
  }
  if (isMap(value) && typeof key === 'string' && Object.prototype.hasOwnProperty.call(value, key)) return value[key];
  return undefined;
}

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
    const glue = ctx.staticResource?.(args as string);
    if (glue) return ctx.resource(args as string, site) ? glue.id : INVALID;
    if (ctx.group?.(args as string) !== undefined) return groupReferenceProblem('get_resource', args as string, ctx, site);
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
  check(args, version, later) {
    // [resource] alone (every attribute, as a map) came with 2015-10-15 (Heat's GetAttAllAttributes).
    if (Array.isArray(args) && args.length === 1 && stringish(args[0], later)) {
      return versionAtLeast(version, '2015-10-15') ? undefined : {
        code: 'function-not-in-version',
        message: `get_attr with only a resource name (all attributes) needs heat_template_version 2015-10-15 or later; this template is ${version}`,
      };
    }
    if (!Array.isArray(args) || args.length < 2) return expected(this, args);
    if (!stringish(args[0], later)) return expected(this, args[0], [0]);
    if (!stringish(args[1], later)) return expected(this, args[1], [1]);
    const bad = args.findIndex((x, i) => i > 1 && typeof x !== 'string' && typeof x !== 'number' && !later(x));
    return bad > 1 ? { message: `get_attr path items must be map keys or list indexes, got ${describe(args[bad])}`, at: [bad] } : undefined;
  },
  evaluate(args, ctx, site) {
    const [name, attr] = args as [string, string | undefined];
    const glue = ctx.staticResource?.(name);
    if (glue) return ctx.resource(name, site) ? staticAttribute(glue, args as (string | number)[], ctx, site) : INVALID;
    const members = ctx.group?.(name);
    if (members !== undefined) {
      // Members are references to containers, like any get_attr (resource-group-attrs.ts).
      if (!ctx.resource(name, site) || members === INVALID) return INVALID;
      return groupAttribute(args as unknown[], members, ctx, site);
    }
    if (attr !== undefined && !isContainerAttribute(attr)) {
      return ctx.fail(site, 'unknown-attribute', unknownAttributeMessage(name, attr), [1]);
    }
    return ctx.resource(name, site) ? { get_attr: args } : INVALID;
  },
};

/**
 * get_attr of a static resource, read now: its attributes (all of them without a name), then
 * the path as Heat's select_from_attribute walks it (a key or index not there gives null).
 */
function staticAttribute(glue: StaticResource, args: (string | number)[], ctx: EvalContext, site: FunctionSite): unknown {
  const [name, attr, ...path] = args;
  const known = staticAttributes(glue.type);
  if (attr !== undefined && !known.includes(String(attr))) {
    return ctx.fail(site, 'unknown-attribute', `get_attr: resource '${name}' (${glue.type}) has no attribute '${attr}'; ${known.length > 0 ? `it has ${known.join(', ')}` : 'it has no attributes'}`, [1]);
  }
  const attrs = glue.attributes();
  if (attrs === INVALID) return INVALID;
  let value: unknown = attr === undefined ? attrs : attrs[String(attr)];
  for (let i = 0; i < path.length; i++) {
    // A deploy-time reference, or a call kept around one: its value is not there yet.
    if (isRuntimeNode(value) || (soleKey(value) !== undefined && isDeployTime(value))) {
      return ctx.fail(site, 'value-unknown-before-deploy', `get_attr: the value of '${name}' is only known at deploy time; a path into it is not supported`, [i + 2]);
    }
    if (!Array.isArray(value) && !isMap(value)) return ctx.fail(site, 'invalid-function-args', `get_attr: cannot follow the path into ${kindOf(value)}`, [i + 2]);
    const key = path[i];
    const index = Array.isArray(value) ? toInteger(key) : undefined;
    value = Array.isArray(value)
      ? (index !== undefined && index >= -value.length && index < value.length ? value[index < 0 ? value.length + index : index] : null)
      : (Object.prototype.hasOwnProperty.call(value, String(key)) ? value[String(key)] : null);
  }
  return value;
}

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
