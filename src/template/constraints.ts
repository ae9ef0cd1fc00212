/**
 * Parameter constraints: checks each constraint's definition (what a schema cannot express)
 * and turns it into a test for values already coerced to the parameter's type.
 */
import type { Diagnostic } from '../diagnostics.js';
import { diagnosticAt } from './diagnostic-factory.js';
import { parseBoolean, parseNumber, showValue, type ParameterType } from './parameter-types.js';
import { childPointer, pointer, type LoadedTemplate } from './types.js';

/** The constraint kinds HOT defines. */
export type ConstraintKind = 'length' | 'range' | 'modulo' | 'allowed_values' | 'allowed_pattern' | 'custom_constraint';

const KINDS: readonly ConstraintKind[] = ['length', 'range', 'modulo', 'allowed_values', 'allowed_pattern', 'custom_constraint'];

/** Which types each kind applies to (custom_constraint is accepted on any type, then ignored). */
const KIND_TYPES: Record<Exclude<ConstraintKind, 'custom_constraint'>, readonly ParameterType[]> = {
  length: ['string', 'comma_delimited_list', 'json'],
  range: ['number'],
  modulo: ['number'],
  allowed_values: ['string', 'number', 'boolean', 'comma_delimited_list'],
  allowed_pattern: ['string'],
};

/** A usable constraint of one parameter. */
export interface ParsedConstraint {
  kind: Exclude<ConstraintKind, 'custom_constraint'>;
  /** Pointer of the constraint's list item, e.g. `/parameters/port/constraints/0`. */
  pointer: string;
  /** The constraint's own `description`, when it has one: Heat shows it instead of its own text. */
  description?: string;
  /** True when the value (already coerced to the parameter's type) satisfies the constraint. */
  test(value: unknown): boolean;
  /** What the constraint requires, e.g. "must be between 1 and 65535". */
  requirement: string;
}

function isMapping(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Python's modulo (sign of the divisor), which Heat's modulo constraint uses. */
export function pyMod(a: number, b: number): number {
  return a - b * Math.floor(a / b);
}

/** Compiles a HOT allowed_pattern (Python syntax) so that it must match the whole value. */
export function compilePattern(pattern: string): RegExp | string {
  // Python spells named groups (?P<n>...) and back-references (?P=n); JS has (?<n>...) and \k<n>.
  const js = pattern.replace(/\(\?P</g, '(?<').replace(/\(\?P=(\w+)\)/g, '\\k<$1>');
  try {
    return new RegExp(`^(?:${js})$`);
  } catch (e) {
    // The engine's message quotes our anchored rewrite (/^(?:...)$/: ...); keep only the reason.
    const message = (e as Error).message;
    const cut = message.lastIndexOf('/: ');
    return cut >= 0 ? message.slice(cut + 3) : message.replace(/^Invalid regular expression: /, '');
  }
}

/** Number of characters, list items or JSON keys/items: what `length` measures. */
function measure(value: unknown): number | undefined {
  if (typeof value === 'string') return Array.from(value).length;
  if (Array.isArray(value)) return value.length;
  if (isMapping(value)) return Object.keys(value).length;
  return undefined;
}

function bounds(min: number | undefined, max: number | undefined, unit: string): string {
  const u = unit ? ` ${unit}` : '';
  if (min !== undefined && max !== undefined) return min === max ? `exactly ${min}${u}` : `between ${min} and ${max}${u}`;
  if (min !== undefined) return `at least ${min}${u}`;
  return `at most ${max}${u}`;
}

const LENGTH_UNITS: Partial<Record<ParameterType, string>> = {
  string: 'characters long',
  comma_delimited_list: 'items long',
  json: 'entries long',
};

/** Allowed values in the form the type compares them, or undefined for one that cannot be of the type. */
function allowedOfType(type: ParameterType, v: unknown): unknown {
  if (type === 'number') return parseNumber(v);
  if (type === 'boolean') return parseBoolean(v);
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
}

interface Ctx {
  tpl: LoadedTemplate;
  name: string;
  type: ParameterType;
  out: Diagnostic[];
}

/** Builds one kind of one constraint item, reporting a definition problem instead when there is one. */
function build(ctx: Ctx, kind: ParsedConstraint['kind'], body: unknown, at: string): Omit<ParsedConstraint, 'pointer' | 'description'> | undefined {
  // Shapes a JSON Schema can check (not a mapping, missing step, a min that is not a number...)
  // are reported by the schema: such a constraint is skipped here without a second message.
  const bad = (message: string, ptr = at): undefined => {
    ctx.out.push(diagnosticAt(ctx.tpl, ptr, 'invalid-constraint', `the ${kind} constraint of parameter '${ctx.name}' ${message}`));
    return undefined;
  };
  switch (kind) {
    case 'length':
    case 'range': {
      if (!isMapping(body)) return undefined;
      if (!('min' in body) && !('max' in body)) return bad('needs min or max');
      const min = body.min === undefined ? undefined : parseNumber(body.min);
      const max = body.max === undefined ? undefined : parseNumber(body.max);
      if ((body.min !== undefined && min === undefined) || (body.max !== undefined && max === undefined)) return undefined;
      if (min !== undefined && max !== undefined && min > max) return bad(`has min ${min} greater than max ${max}`);
      if (kind === 'range') {
        return {
          kind,
          requirement: `must be ${bounds(min, max, '')}`,
          test: (v) => typeof v === 'number' && (min === undefined || v >= min) && (max === undefined || v <= max),
        };
      }
      return {
        kind,
        requirement: `must be ${bounds(min, max, LENGTH_UNITS[ctx.type] ?? '')}`,
        test: (v) => {
          const n = measure(v);
          return n !== undefined && (min === undefined || n >= min) && (max === undefined || n <= max);
        },
      };
    }
    case 'modulo': {
      if (!isMapping(body)) return undefined;
      const step = parseNumber(body.step);
      const offset = parseNumber(body.offset);
      if (step === undefined || offset === undefined) return undefined;
      if (step === 0) return bad('has step 0', childPointer(at, 'step'));
      if (Math.abs(offset) >= Math.abs(step)) return bad(`has offset ${offset} not smaller than step ${step}`);
      if (offset !== 0 && Math.sign(offset) !== Math.sign(step)) return bad('has step and offset of different signs');
      return {
        kind,
        requirement: `must leave ${offset} when divided by ${step}`,
        test: (v) => typeof v === 'number' && pyMod(v, step) === offset,
      };
    }
    case 'allowed_values': {
      if (!Array.isArray(body)) return undefined;
      if (body.length === 0) return bad('lists no value: nothing could ever pass');
      const allowed: unknown[] = [];
      for (let i = 0; i < body.length; i++) {
        const a = allowedOfType(ctx.type, body[i]);
        if (a === undefined) return bad(`lists ${showValue(body[i])}, which is not a ${ctx.type === 'comma_delimited_list' ? 'string' : ctx.type}`, childPointer(at, i));
        allowed.push(a);
      }
      const has = (v: unknown): boolean => allowed.includes(v);
      return {
        kind,
        requirement: `must be one of ${allowed.map(showValue).join(', ')}`,
        test: (v) => (ctx.type === 'comma_delimited_list' ? Array.isArray(v) && v.every((item) => has(String(item))) : has(v)),
      };
    }
    case 'allowed_pattern': {
      if (typeof body !== 'string') return undefined;
      const re = compilePattern(body);
      if (typeof re === 'string') return bad(`is not a valid regular expression: ${re}`);
      return { kind, requirement: `must match the pattern '${body}'`, test: (v) => typeof v === 'string' && re.test(v) };
    }
  }
}

/**
 * Reads `constraints` of parameter `name` (definition `def`, already-known `type`). Returns the
 * usable constraints; problems in their definitions go to the diagnostics and drop that constraint.
 * Anything of the wrong shape is left to the schema and skipped.
 */
export function parseConstraints(
  tpl: LoadedTemplate,
  name: string,
  def: Record<string, unknown>,
  type: ParameterType,
): { constraints: ParsedConstraint[]; diagnostics: Diagnostic[] } {
  const ctx: Ctx = { tpl, name, type, out: [] };
  const constraints: ParsedConstraint[] = [];
  if (!Array.isArray(def.constraints)) return { constraints, diagnostics: ctx.out };
  def.constraints.forEach((item, i) => {
    if (!isMapping(item)) return;
    const base = pointer('parameters', name, 'constraints', i);
    const description = typeof item.description === 'string' ? item.description : undefined;
    for (const kind of KINDS) {
      if (!(kind in item)) continue;
      const at = childPointer(base, kind);
      if (kind === 'custom_constraint') {
        ctx.out.push(
          diagnosticAt(tpl, at, 'unsupported-constraint',
            `the custom_constraint ${showValue(item[kind])} of parameter '${name}' is an OpenStack service check; hotdock does not check it`,
            'warning', 'key'),
        );
        continue;
      }
      if (!KIND_TYPES[kind].includes(type)) {
        ctx.out.push(
          diagnosticAt(tpl, at, 'constraint-not-for-type',
            `the ${kind} constraint does not apply to parameter '${name}' of type ${type}; it applies to ${KIND_TYPES[kind].join(', ')}`,
            'error', 'key'),
        );
        continue;
      }
      const built = build(ctx, kind, item[kind], at);
      if (built) constraints.push({ ...built, pointer: base, description });
    }
  });
  return { constraints, diagnostics: ctx.out };
}
