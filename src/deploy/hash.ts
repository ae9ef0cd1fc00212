/**
 * The config hash: `v1:<sha256 hex>` of a canonical JSON of the normalised desired spec (the create
 * body). It decides "replace or keep", so it covers only what the template asks for: never values
 * the daemon fills in, never informational labels (revision, template path, and the hash itself).
 * A per-field digest beside it (LABEL_CONFIG_FIELDS) lets a plan say WHAT changed.
 */
import { createHash } from 'node:crypto';
import { BODY_FIELD_REASONS } from '../spec/container-properties.js';
import { LABEL_RESOURCE, LABEL_STACK } from '../spec/labels.js';
import { isMap } from '../template/functions/spec.js';

/** Version prefix: bump when normalisation changes, so old hashes never falsely match. */
const VERSION = 'v1';

/** hotdock labels that identify a container; every other `io.hotdock.*` label is informational. */
const IDENTITY_LABELS = new Set([LABEL_STACK, LABEL_RESOURCE]);

/**
 * Body paths → the reason words users know from the template, from the property table: a
 * field's word is its property's (exposed ports and bindings both say `ports`, however the
 * template wrote them). Reasons are listed in the table's order.
 */
const FIELDS = BODY_FIELD_REASONS;

/** Field names in reason order, each once. */
export const CONFIG_FIELD_ORDER: readonly string[] = [...new Set(FIELDS.map(([, f]) => f))];

/** Unset, false, 0, '' and empty collections mean "Docker's default": equal to leaving them out (also field-diff.ts's rule). */
export function isDefault(v: unknown): boolean {
  return v === undefined || v === null || v === false || v === 0 || v === ''
    || (Array.isArray(v) && v.length === 0) || (isMap(v) && Object.keys(v).length === 0);
}

function withoutDefaults(map: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(map).filter(([, v]) => !isDefault(v)));
}

/**
 * The spec the hash covers: informational labels dropped, and at the body and HostConfig levels
 * default values dropped, so adding an explicit default (or a newer hotdock emitting one) does
 * not replace containers. Deeper values are kept whole (ExposedPorts' `{}` values mean "exposed").
 */
export function normaliseSpec(body: Record<string, unknown>): Record<string, unknown> {
  const spec: Record<string, unknown> = { ...body };
  if (isMap(body.Labels)) {
    spec.Labels = Object.fromEntries(
      Object.entries(body.Labels).filter(([k]) => !k.startsWith('io.hotdock.') || IDENTITY_LABELS.has(k)),
    );
  }
  if (isMap(body.HostConfig)) spec.HostConfig = withoutDefaults(body.HostConfig);
  return withoutDefaults(spec);
}

/** JSON with keys sorted at every level: equal specs give equal text whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
  if (isMap(value)) {
    const keys = Object.keys(value).filter((k) => value[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** `v1:<sha256 hex>` of the normalised desired spec (see normaliseSpec). */
export function configHash(body: Record<string, unknown>): string {
  return `${VERSION}:${sha256(canonicalJson(normaliseSpec(body)))}`;
}

function at(spec: Record<string, unknown>, path: string): unknown {
  let node: unknown = spec;
  for (const part of path.split('.')) node = isMap(node) ? node[part] : undefined;
  return node;
}

/** Short digest per field of the normalised spec; fields at their default are left out. */
export function configFields(body: Record<string, unknown>): Record<string, string> {
  const spec = normaliseSpec(body);
  const grouped = new Map<string, Record<string, unknown>>();
  for (const [path, field] of FIELDS) {
    const value = at(spec, path);
    if (isDefault(value)) continue;
    grouped.set(field, { ...grouped.get(field), [path]: value });
  }
  const out: Record<string, string> = {};
  for (const field of [...grouped.keys()].sort()) out[field] = sha256(canonicalJson(grouped.get(field))).slice(0, 8);
  return out;
}

/** The LABEL_CONFIG_FIELDS value for a body: `field=digest` pairs, comma-separated, sorted. */
export function configFieldsLabel(body: Record<string, unknown>): string {
  return Object.entries(configFields(body)).map(([f, d]) => `${f}=${d}`).join(',');
}

/** Parses a LABEL_CONFIG_FIELDS value; undefined when absent or not in that form. */
export function parseConfigFields(label: string | undefined): Record<string, string> | undefined {
  if (label === undefined) return undefined;
  if (label === '') return {};
  const out: Record<string, string> = {};
  for (const pair of label.split(',')) {
    const m = /^([a-z_]+)=([0-9a-f]+)$/.exec(pair);
    if (!m) return undefined;
    out[m[1]] = m[2];
  }
  return out;
}

/**
 * Fields whose digest differs between the desired body and a container's LABEL_CONFIG_FIELDS,
 * in reason order. Undefined when the container carries no readable label (made by an older
 * hotdock): the caller can only say that the configuration changed.
 */
export function changedFields(body: Record<string, unknown>, observedLabel: string | undefined): string[] | undefined {
  const before = parseConfigFields(observedLabel);
  if (!before) return undefined;
  const now = configFields(body);
  return CONFIG_FIELD_ORDER.filter((f) => before[f] !== now[f]);
}
