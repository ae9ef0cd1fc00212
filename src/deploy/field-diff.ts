/**
 * The field-level plan: what a replace changes, old → new, per field the template knows
 * (`env: GREETING=hello → GREETING=bonjour`, `image: api:2 (sha256:ab12…) → api:3 (sha256:cd34…)`,
 * `ports: 8080->80/tcp → 8081->80/tcp`). Pure: it compares the create body the plan wants with the
 * container's own spec as observe read it (Config and HostConfig, and its image's defaults).
 *
 * Which fields changed comes from the container's per-field digests (LABEL_CONFIG_FIELDS) when it
 * carries them: only values the template set are compared, never ones the daemon filled in. The
 * field a body path belongs to comes from hash.ts itself (configFields of a body holding only that
 * path), so there is one table of fields. Hidden values never show: an entry holding one, or whose
 * key names a secret, reads `******` on both sides.
 */
import { CONFIG_FIELD_ORDER, canonicalJson, configFields, isDefault, parseConfigFields } from './hash.js';
import { isMap } from '../template/functions/spec.js';
import type { DesiredContainer, FieldChange, ObservedContainer } from './types.js';
import { LABEL_CONFIG_FIELDS } from '../spec/labels.js';

/** Shown in place of a hidden value (the same as the report's MASK, as Heat shows hidden parameters). */
export const HIDDEN = '******';

/** Environment variable and label names that hold secrets by convention: their values never show. */
const SECRET_KEY = /passw(or)?d|(^|_)pass(_|$)|secret|token|api[_-]?key|private[_-]?key|credential|(^|_)auth(_|$)/i;

/** Tells whether a text is (or holds) a hidden value. */
export type HiddenTest = (text: string) => boolean;

type Body = Record<string, unknown>;

/** `sha256:0123456789ab`: an image id as short as docker shows it, kept recognisable as a digest. */
export function shortDigest(id: string | undefined): string | undefined {
  if (!id) return undefined;
  const m = /^(sha256:)?([0-9a-f]{12})[0-9a-f]*$/.exec(id);
  return m ? `sha256:${m[2]}` : id;
}

/** `nginx:1.27 (sha256:0123456789ab)`, or the reference alone when the id is not known. */
export function imageWithDigest(image: string, id: string | undefined): string {
  const short = shortDigest(id);
  return short ? `${image} (${short})` : image;
}

/** The template field (hash.ts's names) a body path counts for; undefined when the hash ignores it. */
function fieldOf(path: string): string | undefined {
  const [top, sub] = path.split('.');
  const probe = sub ? { [top]: { [sub]: 1 } } : { [top]: 1 };
  return Object.keys(configFields(probe))[0];
}

/** Every `Key` and `HostConfig.Key` path set in a body. */
function pathsOf(body: Body): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(body)) {
    if (k === 'HostConfig' && isMap(v)) out.push(...Object.keys(v).map((s) => `HostConfig.${s}`));
    else out.push(k);
  }
  return out;
}

function valueAt(body: Body, path: string): unknown {
  const [top, sub] = path.split('.');
  const v = body[top];
  return sub ? (isMap(v) ? v[sub] : undefined) : v;
}

/** A `K=V` list (Env) as a map. */
function envMap(list: unknown): Map<string, string> {
  const out = new Map<string, string>();
  if (Array.isArray(list)) for (const e of list) if (typeof e === 'string') out.set(e.split('=')[0], e.slice(e.split('=')[0].length + 1));
  return out;
}

/** Labels a user wrote: hotdock's own are bookkeeping, shown nowhere. */
function userLabels(v: unknown): Map<string, string> {
  const out = new Map<string, string>();
  if (isMap(v)) for (const [k, x] of Object.entries(v)) if (!k.startsWith('io.hotdock.')) out.set(k, String(x));
  return out;
}

/** The template's ports of a body: `hostIp:hostPort->port/proto` for a binding, `port/proto` when only exposed. */
function portSet(body: Body): Set<string> {
  const out = new Set<string>();
  const host = isMap(body.HostConfig) ? body.HostConfig.PortBindings : undefined;
  const bound = isMap(host) ? host : {};
  const keys = new Set([...Object.keys(isMap(body.ExposedPorts) ? body.ExposedPorts : {}), ...Object.keys(bound)]);
  for (const key of keys) {
    const bindings = Array.isArray(bound[key]) ? (bound[key] as { HostIp?: string; HostPort?: string }[]) : [];
    if (bindings.length === 0) out.add(key);
    for (const b of bindings) out.add(`${b.HostIp ? `${b.HostIp}:` : ''}${b.HostPort || '(any)'}->${key}`);
  }
  return out;
}

/** A value as one line: strings as they are, byte sizes in MiB when whole, anything else as canonical JSON. */
function shown(v: unknown, field: string): string | undefined {
  if (isDefault(v)) return undefined;
  if (field === 'memory' && typeof v === 'number' && v % (1024 * 1024) === 0) return `${v / (1024 * 1024)} MiB`;
  return typeof v === 'string' ? v : canonicalJson(v);
}

/** Per-key changes of two maps (env, labels), `K=V` on each side, hidden values masked. */
function mapChanges(field: string, before: Map<string, string>, after: Map<string, string>, hidden: HiddenTest): FieldChange[] {
  const out: FieldChange[] = [];
  for (const key of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const a = before.get(key);
    const b = after.get(key);
    if (a === b) continue;
    const secret = SECRET_KEY.test(key) || [a, b].some((v) => v !== undefined && hidden(v));
    const entry = (v: string | undefined) => (v === undefined ? undefined : `${key}=${secret ? HIDDEN : v}`);
    out.push({ field, old: entry(a), new: entry(b) });
  }
  return out;
}

/** The container's spec as observe reads it, with what its image put there left out. */
function ownSpec(o: ObservedContainer, wanted: Body): Body {
  const spec = o.spec?.body ?? {};
  const image = o.spec?.image ?? {};
  const body: Body = { ...spec };
  // An image default that the template does not also set is not the container's own setting.
  const env = envMap(spec.Env);
  const wantedEnv = envMap(wanted.Env);
  for (const [k, v] of envMap(image.Env)) if (env.get(k) === v && wantedEnv.get(k) !== v) env.delete(k);
  body.Env = [...env].map(([k, v]) => `${k}=${v}`);
  const labels = isMap(spec.Labels) ? { ...spec.Labels } : {};
  const imageLabels = isMap(image.Labels) ? image.Labels : {};
  const wantedLabels = isMap(wanted.Labels) ? wanted.Labels : {};
  for (const [k, v] of Object.entries(imageLabels)) if (labels[k] === v && wantedLabels[k] !== v) delete labels[k];
  body.Labels = labels;
  if (isMap(spec.ExposedPorts)) {
    const bound = isMap(spec.HostConfig) && isMap(spec.HostConfig.PortBindings) ? spec.HostConfig.PortBindings : {};
    const imagePorts = isMap(image.ExposedPorts) ? image.ExposedPorts : {};
    // A port only the image exposes, unbound, is the image's; a bound one is the container's own.
    body.ExposedPorts = Object.fromEntries(Object.entries(spec.ExposedPorts).filter(([k]) => !(k in imagePorts) || k in bound));
  }
  return body;
}

/**
 * What replacing `o` with `d` changes, field by field, in the order of the plan's reasons. Empty
 * when observe could not read the container's spec and the image did not move either.
 */
export function fieldChanges(d: DesiredContainer, o: ObservedContainer, hidden: HiddenTest = () => false): FieldChange[] {
  const out: FieldChange[] = [];
  const imageMoved = Boolean(d.imageId && o.imageId && d.imageId !== o.imageId);
  const before = parseConfigFields(o.labels[LABEL_CONFIG_FIELDS]);
  const now = configFields(d.body);
  const imageChanged = before ? before.image !== now.image : o.image !== d.image;
  if (imageChanged || imageMoved) out.push({ field: 'image', old: imageWithDigest(o.image, o.imageId), new: imageWithDigest(d.image, d.imageId) });
  if (!o.spec) return out;
  const mine = ownSpec(o, d.body);
  // With digests, a field changed when its digest did; without (an older container), when its value did.
  const changed = (field: string): boolean => (before ? before[field] !== now[field] : true);
  const byField = new Map<string, string[]>();
  for (const path of new Set([...pathsOf(d.body), ...pathsOf(mine)])) {
    const field = fieldOf(path);
    if (field && field !== 'image') byField.set(field, [...(byField.get(field) ?? []), path]);
  }
  for (const field of CONFIG_FIELD_ORDER.filter((f) => byField.has(f) && changed(f))) {
    if (field === 'env') out.push(...mapChanges('env', envMap(mine.Env), envMap(d.body.Env), hidden));
    else if (field === 'labels') out.push(...mapChanges('labels', userLabels(mine.Labels), userLabels(d.body.Labels), hidden));
    else if (field === 'ports') {
      const a = portSet(mine);
      const b = portSet(d.body);
      const gone = [...a].filter((p) => !b.has(p));
      const added = [...b].filter((p) => !a.has(p));
      const secret = [...gone, ...added].some((p) => hidden(p));
      const side = (list: string[]) => (list.length === 0 ? undefined : secret ? HIDDEN : list.join(', '));
      if (gone.length || added.length) out.push({ field, old: side(gone), new: side(added) });
    } else {
      // A field the template did not set before held the image's or the daemon's value: unset for the template.
      const unsetBefore = before !== undefined && before[field] === undefined;
      for (const path of byField.get(field)!) {
        const a = unsetBefore ? undefined : shown(valueAt(mine, path), field);
        const b = shown(valueAt(d.body, path), field);
        if (a === b) continue;
        const secret = [a, b].some((v) => v !== undefined && hidden(v));
        out.push({ field, old: a === undefined || !secret ? a : HIDDEN, new: b === undefined || !secret ? b : HIDDEN });
      }
    }
  }
  return out;
}

/** What a create brings: its image, with the digest the pull resolved (when it ran). */
export function createChanges(d: DesiredContainer): FieldChange[] {
  return [{ field: 'image', new: imageWithDigest(d.image, d.imageId) }];
}

/** One change as the plan prints it: `env: A=1 → A=2`, `image: nginx:1.27 (sha256:…)` for a new value alone. */
export function formatFieldChange(c: FieldChange): string {
  if (c.old === undefined && c.new !== undefined && c.field === 'image') return `${c.field}: ${c.new}`;
  return `${c.field}: ${c.old ?? '(unset)'} → ${c.new ?? '(unset)'}`;
}
