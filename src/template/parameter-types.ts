/** HOT parameter types and how a given value is turned into a value of that type (Heat's rules). */

/** The five HOT parameter types. */
export type ParameterType = 'string' | 'number' | 'boolean' | 'comma_delimited_list' | 'json';

/** Every parameter type, in the order the reference lists them. */
export const PARAMETER_TYPES: readonly ParameterType[] = ['string', 'number', 'comma_delimited_list', 'json', 'boolean'];

/** True for one of the five type names. */
export function isParameterType(t: unknown): t is ParameterType {
  return typeof t === 'string' && (PARAMETER_TYPES as readonly string[]).includes(t);
}

/** Result of a coercion: the typed value, or why the value does not fit (a sentence fragment). */
export type Coerced = { ok: true; value: unknown } | { ok: false; reason: string };

const TRUE_WORDS = new Set(['t', 'true', 'on', 'y', 'yes', '1']);
const FALSE_WORDS = new Set(['f', 'false', 'off', 'n', 'no', '0']);

/** Heat's boolean spellings (case-insensitive) and real booleans; undefined when neither. */
export function parseBoolean(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v === 1 ? true : v === 0 ? false : undefined;
  if (typeof v !== 'string') return undefined;
  const w = v.trim().toLowerCase();
  if (TRUE_WORDS.has(w)) return true;
  if (FALSE_WORDS.has(w)) return false;
  return undefined;
}

const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A finite number from a number or a numeric string; undefined otherwise. */
export function parseNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  // Decimal notation only, as Heat's int()/float() read it: JS's Number() would also take 0x10.
  if (typeof v !== 'string' || !DECIMAL.test(v.trim())) return undefined;
  const n = Number(v.trim());
  return Number.isFinite(n) ? n : undefined;
}

function isMapping(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * An item of a comma_delimited_list given as a list, as Heat's str() writes it: True/False,
 * None. A map or list item becomes JSON (Heat writes Python's repr; JSON is what every other
 * place of hotdock writes).
 */
function listItemText(item: unknown): string {
  if (typeof item === 'string') return item;
  if (typeof item === 'boolean') return item ? 'True' : 'False';
  if (item === null || item === undefined) return 'None';
  if (typeof item === 'number') return String(item);
  return JSON.stringify(item);
}

/** Coerces `value` to `type`. `value` is never null/undefined here: absent values are handled by the caller. */
export function coerceValue(type: ParameterType, value: unknown): Coerced {
  switch (type) {
    case 'number': {
      const n = parseNumber(value);
      return n === undefined ? { ok: false, reason: 'is not a number' } : { ok: true, value: n };
    }
    case 'string':
      if (typeof value === 'string') return { ok: true, value };
      // YAML turns `port: 8080` or `debug: yes` into a number/boolean; Heat takes them as text.
      if (typeof value === 'number' || typeof value === 'boolean') return { ok: true, value: String(value) };
      return { ok: false, reason: 'is not a string' };
    case 'boolean': {
      const b = parseBoolean(value);
      return b === undefined
        ? { ok: false, reason: 'is not a boolean (use true/false, yes/no, on/off, t/f, y/n or 1/0)' }
        : { ok: true, value: b };
    }
    case 'comma_delimited_list':
      // Heat (CommaDelimitedListParam.parse): a list's items become text (Python's str), a
      // string is split on commas as it is (no trimming), and '' is the empty list.
      if (Array.isArray(value)) return { ok: true, value: value.map(listItemText) };
      if (typeof value === 'string') return { ok: true, value: value === '' ? [] : value.split(',') };
      return { ok: false, reason: 'is not a list or a comma-separated string' };
    case 'json':
      if (Array.isArray(value) || isMapping(value)) return { ok: true, value };
      if (typeof value === 'string') {
        if (value.trim() === '') return { ok: true, value: {} };
        try {
          const parsed: unknown = JSON.parse(value);
          if (Array.isArray(parsed) || isMapping(parsed)) return { ok: true, value: parsed };
          return { ok: false, reason: 'is not a JSON map or list' };
        } catch {
          // The parser's own message quotes the text: it would leak a hidden value.
          return { ok: false, reason: 'is not valid JSON' };
        }
      }
      return { ok: false, reason: 'is not a JSON map or list' };
  }
}

/** The value as a user would write it, for messages (callers mask hidden values before this). */
export function showValue(v: unknown): string {
  if (typeof v === 'string') return `'${v}'`;
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}
