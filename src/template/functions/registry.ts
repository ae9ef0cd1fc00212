/**
 * Every HOT intrinsic function hotdock knows, with the version that brought it, and the
 * heuristics that spot one-key maps that look like function calls but are not.
 */
import type { HotVersion } from '../types.js';
import { versionAtLeast } from '../versions.js';
import { CFN_FUNCTIONS } from './cfn-functions.js';
import { COLLECTION_FUNCTIONS } from './collection-functions.js';
import { CONDITION_FUNCTIONS } from './condition-functions.js';
import { REFERENCE_FUNCTIONS } from './reference-functions.js';
import { STRING_FUNCTIONS } from './string-functions.js';
import { soleKey, type FunctionSpec } from './spec.js';

/** Function name → spec. */
export const FUNCTIONS: ReadonlyMap<string, FunctionSpec> = new Map(
  [...REFERENCE_FUNCTIONS, ...STRING_FUNCTIONS, ...COLLECTION_FUNCTIONS, ...CONDITION_FUNCTIONS, ...CFN_FUNCTIONS].map((s) => [s.name, s]),
);

/** The spec of a function name (whatever the version), else undefined. */
export function functionSpec(name: string): FunctionSpec | undefined {
  return FUNCTIONS.get(name);
}

/** True when `name` is a function of `version`. */
export function isFunctionIn(name: string, version: HotVersion): boolean {
  const spec = FUNCTIONS.get(name);
  return spec !== undefined && versionAtLeast(version, spec.since) && (spec.until === undefined || version <= spec.until);
}

/** True for a one-key map whose key is a HOT function name (of any version): a call. */
export function isFunctionCall(v: unknown): boolean {
  const key = soleKey(v);
  return key !== undefined && FUNCTIONS.has(key);
}

/** Names people write for HOT functions, from CloudFormation and other tools. */
const ALIASES: Readonly<Record<string, string | string[] | undefined>> = {
  'join': 'list_join',
  'concat': 'list_concat',
  'split': 'str_split',
  'replace': 'str_replace',
  'merge': 'map_merge',
  'ref': ['get_resource', 'get_param'],
  'fn::join': 'list_join',
  'fn::split': 'str_split',
  'fn::sub': 'str_replace',
  'fn::getatt': 'get_attr',
  'fn::if': 'if',
  'fn::equals': 'equals',
  'fn::not': 'not',
  'fn::and': 'and',
  'fn::or': 'or',
  'fn::select': undefined,
  'fn::base64': undefined,
  'fn::findinmap': undefined,
  'fn::getazs': undefined,
  'fn::importvalue': undefined,
  'fn::transform': undefined,
  'fn::cidr': undefined,
  'fn::length': undefined,
  'fn::tojsonstring': undefined,
  'get_params': 'get_param',
  'getparam': 'get_param',
  'get_attribute': 'get_attr',
  'getattr': 'get_attr',
  'get_resources': 'get_resource',
  'getresource': 'get_resource',
  'resource_id': 'get_resource',
  'get_input': 'get_param',
};

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length];
}

/** The closest of `candidates` to `word` within `max` edits, else undefined. */
export function closest(word: string, candidates: Iterable<string>, max = 2): string | undefined {
  let best: string | undefined;
  let bestDistance = max + 1;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  return best;
}

/**
 * For a one-key map key that is not a function of `version`, the verdict "looks like a
 * function": `{suggestion}` (possibly without one), else undefined. Keys of ordinary data
 * (volume paths, link names, ports) must not trip it, so a key needs a strong hint: a known
 * alias, CloudFormation's `Fn::`/`Ref`, a HOT-like prefix, or a near miss of a snake_case name.
 */
export function looksLikeFunction(key: string, version: HotVersion): { suggestion?: string } | undefined {
  const lower = key.toLowerCase();
  const inVersion = (): string[] => [...FUNCTIONS.values()].filter((s) => isFunctionIn(s.name, version)).map((s) => s.name);
  if (Object.prototype.hasOwnProperty.call(ALIASES, lower)) {
    const available = inVersion();
    const names = [ALIASES[lower] ?? []].flat().filter((n) => available.includes(n));
    return { suggestion: names.length > 0 ? names.join("' or '") : undefined };
  }
  if (lower.startsWith('fn::')) return { suggestion: undefined };
  if (!/^[a-z][a-z0-9]*(_[a-z0-9]+)+$/i.test(key)) return undefined;
  const available = inVersion();
  const near = closest(key, available.filter((n) => n.includes('_')), 2);
  if (near) return { suggestion: near };
  if (/^(get|str|list|map)_/i.test(key)) return { suggestion: closest(key, available, 6) };
  return undefined;
}
