/**
 * Deploy-time evaluation: completes what resolveStack left in a resolved value once the
 * containers exist. Reference nodes (`get_resource`, `get_attr`) become their values, then the
 * calls kept around them (str_replace over a get_attr, say) are evaluated, innermost first,
 * by the same specs and checks as at resolve time.
 */
import { CONTAINER_ATTRIBUTES } from '../attributes.js';
import { HOT_VERSIONS } from '../versions.js';
import { applyFunction } from './evaluate.js';
import { functionSpec } from './registry.js';
import { containsRuntime, isMap, soleKey, DEFER, INVALID, RUNTIME_FUNCTIONS, type EvalContext, type FunctionSite } from './spec.js';

/** What the deploy stage knows once containers exist. */
export interface RuntimeValues {
  /** get_resource: the container id of a resource. */
  resourceId(name: string): string;
  /** get_attr: an attribute of a resource's container, `path` applied. */
  attribute(name: string, attr: string, path: (string | number)[]): unknown;
}

/**
 * Every version rule was applied to what the template wrote when it was resolved; what is
 * left to judge here are values a container produced, so the newest rules apply.
 */
const DEPLOY_VERSION = HOT_VERSIONS[HOT_VERSIONS.length - 1];

/** The message of a deploy-time failure, naming the function once. */
function failureMessage(name: string, message: string): string {
  const detail = message.startsWith(`${name}: `) ? message.slice(name.length + 2) : message;
  return `${name} could not be evaluated at deploy time: ${detail}`;
}

/** A context whose failures throw: at deploy time there is no diagnostics list to add to. */
function deployContext(): EvalContext {
  const refuse = (site: FunctionSite, what: string): never => {
    throw new Error(failureMessage(site.name, `${what} cannot be looked up at deploy time`));
  };
  return {
    version: DEPLOY_VERSION,
    fail: (site, _code, message) => {
      throw new Error(failureMessage(site.name, message));
    },
    // Calls that need these are staticOnly: resolveStack never leaves them for deploy time.
    param: (name, site) => refuse(site, `parameter '${name}'`),
    resource: (name, site) => refuse(site, `resource '${name}'`),
    file: (path, site) => refuse(site, `file '${path}'`),
    // Arguments are values now, even those that look like a reference: container data is data.
    later: () => false,
  };
}

/** Evaluates one kept call whose arguments are complete. */
function evaluateCall(name: string, args: unknown): unknown {
  const spec = functionSpec(name);
  const site: FunctionSite = { name, ptr: '', argsPtr: '' };
  if (!spec?.evaluate) throw new Error(failureMessage(name, 'this function is not evaluated at deploy time'));
  const result = applyFunction(spec, args, deployContext(), site);
  // Neither can happen with a throwing context that sees no deferred value; never pass them on.
  if (result === DEFER || result === INVALID) throw new Error(failureMessage(name, 'no value'));
  return result;
}

/**
 * Completes the deploy-time nodes left by resolveStack: references are substituted, then every
 * call kept around them is evaluated, innermost first. Values a reference yields are never
 * walked again, so container data that looks like a function call stays data. A one-key map
 * naming a function but holding no reference is data too (resolveStack evaluated every such call).
 *
 * Throws an Error when the runtime cannot answer a reference, or when a kept call fails on
 * the real values (str_split index out of range, list_join of something not a list...); the
 * message names the function, and the deploy stage reports it as the resource's failure.
 */
export function evaluateRuntime(value: unknown, runtime: RuntimeValues): unknown {
  if (Array.isArray(value)) return value.map((v) => evaluateRuntime(v, runtime));
  if (!isMap(value)) return value;
  const key = soleKey(value);
  if (key === 'get_resource' && typeof value[key] === 'string') return runtime.resourceId(value[key] as string);
  if (key === 'get_attr' && Array.isArray(value[key])) {
    const [name, attr, ...path] = value[key] as [string, string | undefined, ...(string | number)[]];
    // get_attr [resource]: every attribute, as a map (Heat's GetAttAllAttributes).
    if (attr === undefined) {
      return Object.fromEntries(Object.keys(CONTAINER_ATTRIBUTES).map((a) => [a, runtime.attribute(String(name), a, [])]));
    }
    return runtime.attribute(String(name), String(attr), path);
  }
  if (key !== undefined && !RUNTIME_FUNCTIONS.includes(key) && functionSpec(key) && containsRuntime(value[key])) {
    return evaluateCall(key, evaluateRuntime(value[key], runtime));
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, evaluateRuntime(v, runtime)]));
}
