/**
 * Parameter resolution: checks parameter definitions (defaults, constraints, groups), then
 * computes every parameter's value from defaults, environment files and the supplied input.
 */
import { createRequire } from 'node:module';
import type { Diagnostic } from '../diagnostics.js';
import { diagnosticAt } from './diagnostic-factory.js';
import { parseConstraints, type ParsedConstraint } from './constraints.js';
import type { EnvironmentFile } from './environment.js';
import { coerceValue, isParameterType, parseBoolean, showValue } from './parameter-types.js';
import { hiddenValueTexts } from './hidden-values.js';
import { pointer, type HotVersion, type LoadedTemplate, type PositionMap } from './types.js';

/** Parameter values given to the run (the `parameters` input or `--param` flags). */
export interface SuppliedParameters {
  values: Record<string, unknown>;
  /** Where these came from, for messages: e.g. "the 'parameters' input" or "--param". */
  source: string;
}

/** Values Heat provides to every template without a definition. */
export interface PseudoParameters {
  stackName: string;
  stackId?: string;
  projectId?: string;
}

/** What resolveParameters produces. */
export interface ParameterResolution {
  /** Final values by name, pseudo parameters included; absent for a parameter with no usable value. */
  values: Record<string, unknown>;
  /** Names of `hidden: true` parameters. */
  hidden: string[];
  /** Every text form of every hidden parameter's value (hiddenValueTexts): to be masked everywhere. */
  secrets: string[];
  diagnostics: Diagnostic[];
}

/** What hidden values are shown as. */
export const MASK = '******';

/** Where a value came from: decides where its problems are reported and how they name the source. */
type Origin =
  | { kind: 'default' }
  | { kind: 'supplied'; source: string }
  | { kind: 'env'; env: EnvironmentFile; section: 'parameters' | 'parameter_defaults' };

interface Candidate {
  value: unknown;
  origin: Origin;
}

type Locatable = { file: string; positions: PositionMap };

function isMapping(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function present(v: unknown): boolean {
  // A YAML key with nothing after it (`image:`) means "no value", as in Heat.
  return v !== undefined && v !== null;
}

function originText(o: Origin): string {
  if (o.kind === 'supplied') return o.source;
  if (o.kind === 'env') return `environment file '${o.env.file}' (${o.section})`;
  return 'its default';
}

/** A UUID-shaped id derived from the stack name: stable across runs, so config hashes are too. */
function derivedStackId(stackName: string): string {
  // node:crypto only now: see lazyValue.
  const { createHash } = createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto');
  const h = createHash('sha256').update(`hotdock-stack:${stackName}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * `obj[key]` computed on first read, then kept; writing it replaces it. The derived stack id is a
 * hash, and hashing loads node:crypto (and node's stream stack with it): a cost every validate
 * paid, for a value only templates that ask for OS::stack_id read. Copies of the values must
 * keep the accessor (Object.getOwnPropertyDescriptors), not spread it.
 */
function lazyValue(obj: Record<string, unknown>, key: string, compute: () => unknown): void {
  let done = false;
  let value: unknown;
  Object.defineProperty(obj, key, {
    enumerable: true,
    configurable: true,
    get() {
      if (!done) {
        value = compute();
        done = true;
      }
      return value;
    },
    set(this: Record<string, unknown>, v: unknown) {
      Object.defineProperty(this, key, { value: v, enumerable: true, configurable: true, writable: true });
    },
  });
}

/**
 * Checks `parameter_groups` as Heat does (heat/engine/parameter_groups.py validate): every group
 * lists its parameters, each names a defined parameter, and no parameter is in two groups.
 */
function checkGroups(tpl: LoadedTemplate, doc: Record<string, unknown>, defs: Record<string, unknown>): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (!Array.isArray(doc.parameter_groups)) return out;
  const groupOf = new Map<string, string>();
  doc.parameter_groups.forEach((group, i) => {
    if (!isMapping(group)) return;
    const label = typeof group.label === 'string' ? ` '${group.label}'` : '';
    if (!('parameters' in group) || group.parameters === null) {
      out.push(diagnosticAt(tpl, pointer('parameter_groups', i), 'group-without-parameters',
        `parameter group${label} has no 'parameters' list; Heat requires one in every group`));
      return;
    }
    if (!Array.isArray(group.parameters)) return;
    group.parameters.forEach((ref, j) => {
      if (typeof ref !== 'string') return;
      const at = pointer('parameter_groups', i, 'parameters', j);
      if (!Object.prototype.hasOwnProperty.call(defs, ref)) {
        out.push(diagnosticAt(tpl, at, 'unknown-parameter', `parameter group${label} lists parameter '${ref}', which the template does not define`));
      }
      const earlier = groupOf.get(ref);
      if (earlier !== undefined) {
        out.push(diagnosticAt(tpl, at, 'parameter-in-two-groups',
          `parameter '${ref}' is already in parameter group ${earlier}; Heat requires each parameter to be in one group only`));
      } else {
        groupOf.set(ref, label === '' ? `#${i + 1}` : label.trim());
      }
    });
  });
  return out;
}

/**
 * Resolves every parameter of the template. Precedence (lowest first): the definition's default,
 * environment files' parameter_defaults, environment files' parameters (later files win), then
 * `supplied`. Never throws: definitions it cannot interpret are skipped (the schema reports them).
 */
export function resolveParameters(
  tpl: LoadedTemplate,
  _version: HotVersion,
  supplied: SuppliedParameters,
  environments: EnvironmentFile[],
  pseudo: PseudoParameters,
): ParameterResolution {
  const diagnostics: Diagnostic[] = [];
  const values: Record<string, unknown> = {};
  const hidden: string[] = [];
  const secrets = new Set<string>();
  const doc = isMapping(tpl.doc) ? tpl.doc : {};
  const defs = isMapping(doc.parameters) ? doc.parameters : {};
  const given = isMapping(supplied.values) ? supplied.values : {};

  diagnostics.push(...checkGroups(tpl, doc, defs));

  // Later layers overwrite earlier ones, so one pass in precedence order leaves the winner.
  const layered = new Map<string, Candidate>();
  for (const section of ['parameter_defaults', 'parameters'] as const) {
    for (const env of environments) {
      const vals = section === 'parameters' ? env.parameters : env.parameterDefaults;
      if (!isMapping(vals)) continue;
      for (const [k, v] of Object.entries(vals)) if (present(v)) layered.set(k, { value: v, origin: { kind: 'env', env, section } });
    }
  }
  for (const [k, v] of Object.entries(given)) if (present(v)) layered.set(k, { value: v, origin: { kind: 'supplied', source: supplied.source } });

  for (const [name, def] of Object.entries(defs)) {
    if (!isMapping(def)) continue;
    const isHidden = parseBoolean(def.hidden) === true;
    if (isHidden) hidden.push(name);
    const show = (v: unknown): string => (isHidden ? MASK : showValue(v));
    const defPtr = pointer('parameters', name);
    const chosen = layered.get(name);
    // The value as given too: it is secret even when it fails to coerce, and its text may differ.
    if (isHidden && chosen) hiddenValueTexts(chosen.value).forEach((t) => secrets.add(t));
    const type = def.type;
    if (!isParameterType(type)) {
      // Unknown type: reported by the schema. Keep the raw value so later stages don't cascade.
      const raw = chosen ? chosen.value : def.default;
      if (present(raw)) values[name] = raw;
      continue;
    }
    const parsed = parseConstraints(tpl, name, def, type);
    diagnostics.push(...parsed.diagnostics);

    let defaultValue: unknown;
    if (present(def.default)) {
      const c = coerceValue(type, def.default);
      const at = pointer('parameters', name, 'default');
      if (!c.ok) {
        diagnostics.push(diagnosticAt(tpl, at, 'invalid-default', `the default ${show(def.default)} of parameter '${name}' ${c.reason}`));
      } else {
        defaultValue = c.value;
        for (const con of parsed.constraints.filter((k) => !k.test(c.value))) {
          diagnostics.push(diagnosticAt(tpl, at, 'default-violates-constraint', `the default ${show(def.default)} of parameter '${name}' breaks its ${describe(con)}`));
        }
      }
    }

    if (!chosen) {
      if (defaultValue !== undefined) values[name] = defaultValue;
      else if (!present(def.default)) {
        diagnostics.push(
          diagnosticAt(tpl, defPtr, 'missing-parameter-value',
            `parameter '${name}' has no default and no value was given: pass it in ${supplied.source} or an environment file`,
            'error', 'key'),
        );
      }
      continue;
    }

    const where = locateValue(tpl, chosen.origin, name);
    const c = coerceValue(type, chosen.value);
    if (!c.ok) {
      diagnostics.push(diagnosticAt(where.tpl, where.ptr, 'invalid-parameter-value',
        `the value ${show(chosen.value)} given for parameter '${name}' in ${originText(chosen.origin)} ${c.reason}`, 'error', where.at));
      continue;
    }
    values[name] = c.value;
    for (const con of parsed.constraints.filter((k) => !k.test(c.value))) {
      const loc = chosen.origin.kind === 'env' ? where : { tpl: tpl as Locatable, ptr: con.pointer, at: 'value' as const };
      diagnostics.push(diagnosticAt(loc.tpl, loc.ptr, 'parameter-constraint-violated',
        `the value ${show(chosen.value)} given for parameter '${name}' in ${originText(chosen.origin)} breaks its ${describe(con)}`, 'error', loc.at));
    }
  }

  diagnostics.push(...unknownValues(tpl, defs, given, supplied.source, environments));

  for (const name of hidden) hiddenValueTexts(values[name]).forEach((t) => secrets.add(t));

  values['OS::stack_name'] = pseudo.stackName;
  if (pseudo.stackId !== undefined) values['OS::stack_id'] = pseudo.stackId;
  else lazyValue(values, 'OS::stack_id', () => derivedStackId(pseudo.stackName));
  values['OS::project_id'] = pseudo.projectId ?? '';
  return { values, hidden, secrets: [...secrets], diagnostics };
}

/** "range constraint: <description>" or "range constraint: it must be …". */
function describe(con: ParsedConstraint): string {
  return `${con.kind} constraint: ${con.description ?? `it ${con.requirement}`}`;
}

/** Where a problem with a given value is reported: in its environment file, else at the definition. */
function locateValue(tpl: LoadedTemplate, origin: Origin, name: string): { tpl: Locatable; ptr: string; at: 'key' | 'value' } {
  if (origin.kind === 'env') {
    return { tpl: { file: origin.env.file, positions: origin.env.positions }, ptr: pointer(origin.section, name), at: 'value' };
  }
  return { tpl, ptr: pointer('parameters', name), at: 'key' };
}

const PSEUDO = new Set(['OS::stack_name', 'OS::stack_id', 'OS::project_id']);

/** Values for parameters the template does not define. Heat refuses them; hotdock only warns. */
function unknownValues(
  tpl: LoadedTemplate,
  defs: Record<string, unknown>,
  given: Record<string, unknown>,
  source: string,
  environments: EnvironmentFile[],
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const why = (name: string): string =>
    PSEUDO.has(name)
      ? `'${name}' is a pseudo parameter set by hotdock; the value given is ignored`
      : `the template defines no parameter '${name}'; the value is ignored (Heat would refuse the stack)`;
  for (const name of Object.keys(given)) {
    if (Object.prototype.hasOwnProperty.call(defs, name)) continue;
    out.push(diagnosticAt(tpl, pointer('parameters'), 'unknown-parameter-value', `${source} gives a value for parameter '${name}', but ${why(name)}`, 'warning', 'key'));
  }
  // parameter_defaults may target nested stacks in Heat, so only `parameters` entries are checked.
  for (const env of environments) {
    if (!isMapping(env.parameters)) continue;
    for (const name of Object.keys(env.parameters)) {
      if (Object.prototype.hasOwnProperty.call(defs, name)) continue;
      out.push(diagnosticAt({ file: env.file, positions: env.positions }, pointer('parameters', name), 'unknown-parameter-value',
        `environment file '${env.file}' gives a value for parameter '${name}', but ${why(name)}`, 'warning', 'key'));
    }
  }
  return out;
}
