/** str_replace (and its strict forms), str_split, list_join, digest and make_url. */
import { createRequire } from 'node:module';
import { versionAtLeast } from '../versions.js';
import type { HotVersion } from '../types.js';
import { describe, expected, isMap, stringish, toInteger, toText, type ArgProblem, type EvalContext, type FunctionSite, type FunctionSpec } from './spec.js';

/**
 * node:crypto, loaded when a template first computes a digest: loading it brings node's stream
 * stack, a cost every `hotdock validate` paid for a function few templates use.
 */
const nodeCrypto = (): typeof import('node:crypto') => createRequire(import.meta.url)('node:crypto');

function checkReplace(spec: FunctionSpec, args: unknown, later: (v: unknown) => boolean): ArgProblem | undefined {
  if (later(args)) return undefined;
  if (!isMap(args)) return expected(spec, args);
  const extra = Object.keys(args).filter((k) => k !== 'template' && k !== 'params');
  if (extra.length > 0) return { message: `${spec.name} takes ${spec.usage}; '${extra[0]}' is not one of them`, at: [extra[0]], atKey: true };
  if (!('template' in args)) return { message: `${spec.name} needs a 'template'` };
  if (!('params' in args)) return { message: `${spec.name} needs 'params'` };
  const t = args.template;
  if (!stringish(t, later) && typeof t !== 'number') return { message: `${spec.name}: 'template' must be a string, got ${describe(t)}`, at: ['template'] };
  if (!isMap(args.params) && !later(args.params)) return { message: `${spec.name}: 'params' must be a map of text to replace → replacement, got ${describe(args.params)}`, at: ['params'] };
  return undefined;
}

/**
 * Heat's str_replace: keys are taken longest first (ties in code-point order); each key splits
 * what earlier keys left unreplaced, so a replacement is never replaced again and `$a` does not
 * eat the start of `$ab`. Returns the text and the keys that occurred.
 */
export function replaceAll(template: string, params: Record<string, string>): { text: string; found: Set<string> } {
  const keys = Object.keys(params).filter((k) => k !== '').sort().sort((a, b) => b.length - a.length);
  const found = new Set<string>();
  // Segments still open to replacement alternate with replacements already made.
  let parts: { text: string; done: boolean }[] = [{ text: template, done: false }];
  for (const key of keys) {
    parts = parts.flatMap((part) => {
      if (part.done) return [part];
      const pieces = part.text.split(key);
      if (pieces.length === 1) return [part];
      found.add(key);
      return pieces.flatMap((piece, i) => (i === 0 ? [{ text: piece, done: false }] : [{ text: params[key], done: true }, { text: piece, done: false }]));
    });
  }
  return { text: parts.map((p) => p.text).join(''), found };
}

function isEmpty(v: unknown): boolean {
  return v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0) || (isMap(v) && Object.keys(v).length === 0);
}

function replaceSpec(name: string, since: HotVersion, strictness: 0 | 1 | 2): FunctionSpec {
  const spec: FunctionSpec = {
    name,
    since,
    contexts: ['value'],
    usage: '{template, params}',
    check: (args, _v, later) => checkReplace(spec, args, later),
    evaluate(args, ctx, site) {
      const { template, params } = args as { template: unknown; params: Record<string, unknown> };
      // Heat's Replace.result: '"str_replace" template must be a string'.
      if (typeof template === 'number') {
        ctx.warn?.(site, 'not-text-in-heat', `${name}: the template is the number ${template}; Heat refuses a template that is not text, hotdock uses '${template}'. Quote it to keep the template valid for Heat`, ['template']);
      }
      const values: Record<string, string> = {};
      for (const [key, value] of Object.entries(params)) {
        if (strictness >= 2 && isEmpty(value)) {
          return ctx.fail(site, 'empty-replacement', `${name}: the replacement for '${key}' is empty`, ['params', key], true);
        }
        values[key] = toText(value);
      }
      const { text, found } = replaceAll(toText(template), values);
      const missing = strictness >= 1 ? Object.keys(params).find((k) => !found.has(k)) : undefined;
      if (missing !== undefined) {
        return ctx.fail(site, 'replacement-not-found', `${name}: '${missing}' does not occur in the template`, ['params', missing], true);
      }
      return text;
    },
  };
  return spec;
}

const strSplit: FunctionSpec = {
  name: 'str_split',
  since: '2015-10-15',
  contexts: ['value'],
  usage: '[delimiter, string, index?]',
  check(args, _v, later) {
    if (later(args)) return undefined;
    if (!Array.isArray(args) || args.length < 2 || args.length > 3) return expected(this, args);
    if (!stringish(args[0], later)) return { message: `str_split: the delimiter must be a string, got ${describe(args[0])}`, at: [0] };
    if (!stringish(args[1], later) && args[1] !== null) return { message: `str_split: the value to split must be a string, got ${describe(args[1])}`, at: [1] };
    if (args.length === 3 && toInteger(args[2]) === undefined && !later(args[2])) {
      return { message: `str_split: the index must be an integer, got ${describe(args[2])}`, at: [2] };
    }
    return undefined;
  },
  evaluate(args, ctx, site) {
    const [delim, text, index] = args as [string, string | null, unknown];
    // Heat: splitting nothing gives nothing (an absent optional value stays absent).
    if (text === null) return null;
    if (delim === '') return ctx.fail(site, 'invalid-function-args', 'str_split: the delimiter must not be empty', [0]);
    const parts = text.split(delim);
    if (index === undefined) return parts;
    const i = toInteger(index) as number;
    if (i < 0 || i >= parts.length) {
      return ctx.fail(site, 'index-out-of-range', `str_split: index ${i} is out of range; '${text}' splits into ${parts.length} part${parts.length === 1 ? '' : 's'}`, [2]);
    }
    return parts[i];
  },
};

const listJoin: FunctionSpec = {
  name: 'list_join',
  since: '2013-05-23',
  contexts: ['value'],
  usage: '[delimiter, list, ...more lists]',
  check(args, version, later) {
    if (later(args)) return undefined;
    if (!Array.isArray(args) || args.length < 2) return expected(this, args);
    if (!stringish(args[0], later)) return { message: `list_join: the delimiter must be a string, got ${describe(args[0])}`, at: [0] };
    const bad = args.findIndex((x, i) => i > 0 && !Array.isArray(x) && x !== null && !later(x));
    if (bad > 0) return { message: `list_join: item ${bad} must be a list to join, got ${describe(args[bad])}`, at: [bad] };
    if (args.length > 2 && !versionAtLeast(version, '2015-10-15')) {
      return {
        code: 'function-not-in-version',
        message: `list_join of several lists needs heat_template_version 2015-10-15 or later; this template is ${version}`,
        at: [2],
      };
    }
    return undefined;
  },
  evaluate(args, ctx, site) {
    const list = args as [string, ...(unknown[] | null)[]];
    warnNonText(list, ctx, site);
    const texts: string[] = [];
    // One level flattened, as flatMap would (loops: cold code allocates less).
    for (let i = 1; i < list.length; i++) {
      const items: unknown = list[i] ?? [];
      if (!Array.isArray(items)) texts.push(toText(items));
      else for (let j = 0; j < items.length; j++) texts.push(toText(items[j]));
    }
    return texts.join(list[0]);
  },
};

/**
 * Heat's list_join joins text, maps and lists only (JoinMultiple.ensure_string): a number or
 * boolean item fails the stack there. hotdock joins its text; the first such item is pointed at.
 */
function warnNonText(list: unknown[], ctx: EvalContext, site: FunctionSite): void {
  if (!ctx.warn) return;
  for (let i = 1; i < list.length; i++) {
    const items = list[i];
    if (!Array.isArray(items)) continue;
    const j = items.findIndex((x) => typeof x === 'number' || typeof x === 'boolean');
    if (j < 0) continue;
    ctx.warn(site, 'not-text-in-heat',
      `list_join: item ${describe(items[j])} is not text; Heat refuses to join it ("Items to join must be string, map or list"), hotdock joins '${toText(items[j])}'. Quote it to keep the template valid for Heat`, [i, j]);
    return;
  }
}

const DIGEST_ALGORITHMS = ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512'];

const digest: FunctionSpec = {
  name: 'digest',
  since: '2015-04-30',
  contexts: ['value'],
  usage: `[algorithm (${DIGEST_ALGORITHMS.join(', ')}), value]`,
  check(args, _v, later) {
    if (later(args)) return undefined;
    if (!Array.isArray(args) || args.length !== 2) return expected(this, args);
    if (!later(args[0]) && !(typeof args[0] === 'string' && DIGEST_ALGORITHMS.includes(args[0].toLowerCase()))) {
      return { message: `digest: unknown algorithm ${describe(args[0])}; use one of ${DIGEST_ALGORITHMS.join(', ')}`, at: [0] };
    }
    if (!stringish(args[1], later) && typeof args[1] !== 'number') return { message: `digest: the value must be a string, got ${describe(args[1])}`, at: [1] };
    return undefined;
  },
  evaluate(args, ctx, site) {
    const [alg, value] = args as [string, unknown];
    // Heat's Digest.validate_usage: 'Argument to function "digest" must be a list of strings'.
    if (typeof value === 'number') {
      ctx.warn?.(site, 'not-text-in-heat', `digest: the value is the number ${value}; Heat refuses a value that is not text, hotdock hashes '${value}'. Quote it to keep the template valid for Heat`, [1]);
    }
    const text = toText(value);
    // Heat hashes the Latin-1 bytes of the text (Digest.digest: six.b), not its UTF-8 bytes;
    // a character beyond Latin-1 fails there, so it is refused here too.
    const beyond = [...text].find((ch) => (ch.codePointAt(0) ?? 0) > 0xff);
    if (beyond !== undefined) {
      return ctx.fail(site, 'invalid-function-args', `digest: Heat hashes the text as Latin-1 bytes and cannot hash '${beyond}' (U+${(beyond.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}); hash text without it`, [1]);
    }
    return nodeCrypto().createHash(alg.toLowerCase()).update(text, 'latin1').digest('hex');
  },
};

const URL_PARTS = ['scheme', 'username', 'password', 'host', 'port', 'path', 'query', 'fragment'];

const makeUrl: FunctionSpec = {
  name: 'make_url',
  since: '2017-09-01',
  contexts: ['value'],
  usage: `a map of ${URL_PARTS.join(', ')}`,
  check(args, _v, later) {
    if (later(args)) return undefined;
    if (!isMap(args)) return expected(this, args);
    const extra = Object.keys(args).find((k) => !URL_PARTS.includes(k));
    if (extra) return { message: `make_url: '${extra}' is not a URL part; use ${URL_PARTS.join(', ')}`, at: [extra], atKey: true };
    const port = args.port;
    if (port !== undefined && port !== null && !later(port)) {
      const n = toInteger(port);
      if (n === undefined || n < 1 || n > 65535) return { message: `make_url: the port must be an integer from 1 to 65535, got ${describe(port)}`, at: ['port'] };
    }
    if (typeof args.scheme === 'string' && args.scheme.includes(':')) return { message: "make_url: the scheme is written without ':' (e.g. 'https')", at: ['scheme'] };
    if (args.query !== undefined && args.query !== null && !isMap(args.query) && !later(args.query)) {
      return { message: `make_url: 'query' must be a map of names to values, got ${describe(args.query)}`, at: ['query'] };
    }
    return undefined;
  },
  evaluate(args) {
    return buildUrl(args as Record<string, unknown>);
  },
};

/** Python's urllib quote: everything but unreserved characters and `safe` is percent-encoded. */
function pyQuote(text: string, safe: string, plus = false): string {
  let out = '';
  for (const ch of text) {
    if (/[A-Za-z0-9_.~-]/.test(ch) || safe.includes(ch)) out += ch;
    else if (plus && ch === ' ') out += '+';
    else out += [...Buffer.from(ch, 'utf8')].map((b) => '%' + b.toString(16).toUpperCase().padStart(2, '0')).join('');
  }
  return out;
}

/** Heat's make_url (urlunsplit of quoted parts): IPv6 hosts get brackets, the query is form-encoded. */
export function buildUrl(parts: Record<string, unknown>): string {
  const text = (k: string): string => toText(parts[k]);
  let netloc = '';
  const user = pyQuote(text('username'), '');
  const password = pyQuote(text('password'), '');
  if (user !== '' || password !== '') netloc += user + (password !== '' ? ':' + password : '') + '@';
  let host = text('host');
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  host = pyQuote(host, ':');
  netloc += host.includes(':') ? `[${host}]` : host;
  if (text('port') !== '') netloc += ':' + String(toInteger(parts.port) ?? text('port'));
  let path = pyQuote(text('path'), '/');
  if (netloc !== '' && path !== '' && !path.startsWith('/')) path = '/' + path;
  const query = isMap(parts.query)
    ? Object.entries(parts.query).map(([k, v]) => `${pyQuote(k, '', true)}=${pyQuote(toText(v), '', true)}`).join('&').replace(/%2F/g, '/')
    : '';
  const fragment = pyQuote(text('fragment'), '/');
  const scheme = text('scheme');
  return (scheme !== '' ? `${scheme}:` : '') + (netloc !== '' || scheme !== '' ? `//${netloc}` : '') + path +
    (query !== '' ? `?${query}` : '') + (fragment !== '' ? `#${fragment}` : '');
}

/** The string functions, in registry order. */
export const STRING_FUNCTIONS: readonly FunctionSpec[] = [
  replaceSpec('str_replace', '2013-05-23', 0),
  replaceSpec('str_replace_strict', '2017-02-24', 1),
  replaceSpec('str_replace_vstrict', '2017-09-01', 2),
  strSplit,
  listJoin,
  digest,
  makeUrl,
];
