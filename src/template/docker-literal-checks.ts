/**
 * Docker checks that hold Heat's reading of a template to the letter where hotdock's own loader
 * reads differently, and that catch at validate time what Docker would refuse halfway through a
 * deploy. Split from docker-checks.ts, which runs them per resource.
 */
import { YAML11_BOOLEAN_WORDS } from '../spec/coerce.js';
import { propertiesOfFormat, propertiesOfKind } from '../spec/container-properties.js';
import { parsePortSpec } from '../spec/ports.js';
import { containsRuntime, isMap } from './functions/spec.js';
import { LineIndex } from './positions.js';
import type { LoadedTemplate, ResolvedResource } from './types.js';

/** What these checks need of docker-checks.ts's per-resource checker. */
export interface PropertyChecker {
  readonly tpl: LoadedTemplate;
  readonly res: ResolvedResource;
  ptr(...segments: (string | number)[]): string;
  computed(...segments: (string | number)[]): boolean;
  report(property: string, ptr: string, code: string, message: string, at?: 'key' | 'value'): void;
}

const BOOLEAN_PROPERTIES = propertiesOfKind('boolean');
const VOLUME_PROPERTIES = propertiesOfFormat('volumes');
const QUOTES = new Set(["'", '"']);

/** Line starts per template, built on the first quoted-word question (a template of many `yes`). */
const LINE_INDEXES = new WeakMap<LoadedTemplate, LineIndex>();

/** True when the scalar at `ptr` is written in quotes in the source. */
function isQuoted(tpl: LoadedTemplate, ptr: string): boolean {
  const pos = tpl.positions.value(ptr);
  if (!pos) return false;
  let index = LINE_INDEXES.get(tpl);
  if (!index) LINE_INDEXES.set(tpl, (index = new LineIndex(tpl.text)));
  // Columns on the first line do not count a byte order mark: the text does.
  const bom = pos.line === 1 && tpl.text.charCodeAt(0) === 0xfeff ? 1 : 0;
  return QUOTES.has(tpl.text.charAt((index.lineStarts[pos.line - 1] ?? tpl.text.length) + pos.column - 1 + bom));
}

/** A yes/no/on/off word at `segments` that Heat would have read as text (see checkBooleanWords). */
function checkWord(c: PropertyChecker, prop: string, value: unknown, ...segments: (string | number)[]): void {
  if (typeof value !== 'string' || !Object.prototype.hasOwnProperty.call(YAML11_BOOLEAN_WORDS, value)) return;
  const ptr = c.ptr(prop, ...segments);
  const what = [prop, ...segments].join('/');
  const instead = YAML11_BOOLEAN_WORDS[value] ? 'true' : 'false';
  if (c.computed(prop, ...segments)) {
    c.report(prop, ptr, 'invalid-property-value',
      `${what}: a function gave the text '${value}', and Heat's booleans take only true or false as text; use ${instead}`);
  } else if (isQuoted(c.tpl, ptr)) {
    c.report(prop, ptr, 'invalid-property-value',
      `${what}: '${value}' in quotes is text, and Heat's booleans take only true or false as text; write ${value} without quotes, or ${instead}`);
  }
}

/**
 * A boolean written yes/no/on/off (a boolean property, or `ro` of a volume): Heat's YAML 1.1
 * loader read the plain word as a boolean, so it is coerced (toBoolean). Heat refused the same
 * word as text, which it was when quoted or when a function produced it (heat/engine/
 * properties.py _get_bool takes only true/false strings): those stay errors here, at the value.
 */
export function checkBooleanWords(c: PropertyChecker): void {
  for (const prop of BOOLEAN_PROPERTIES) checkWord(c, prop, c.res.properties[prop]);
  for (const prop of VOLUME_PROPERTIES) {
    const volumes = c.res.properties[prop];
    if (!isMap(volumes)) continue;
    for (const host of Object.keys(volumes)) {
      const target = volumes[host];
      if (isMap(target)) checkWord(c, prop, target.ro, host, 'ro');
    }
  }
}

/**
 * Two `port_bindings` keys naming one container port (`80` and `"80/tcp"`): one would silently
 * win, so the create body refuses them; reported here, at the second key, before any deploy.
 */
export function checkDuplicateContainerPorts(c: PropertyChecker): void {
  for (const prop of propertiesOfFormat('port-bindings')) {
    const bindings = c.res.properties[prop];
    if (!isMap(bindings) || containsRuntime(bindings)) continue;
    const seen = new Map<string, string>();
    for (const key of Object.keys(bindings)) {
      const spec = parsePortSpec(key);
      if (!spec.ok) continue;
      const first = seen.get(spec.key);
      if (first === undefined) {
        seen.set(spec.key, key);
        continue;
      }
      c.report(prop, c.ptr(prop, key), 'duplicate-container-port',
        `${prop}: container port "${key}" is the same as "${first}" (${spec.key}); Docker would keep only one of them`, 'key');
    }
  }
}
