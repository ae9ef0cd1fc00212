/**
 * Heat's property value coercion, as its plugin applied it: booleans accept "true"/"false" in any
 * case, integers accept numeric strings, strings accept numbers and booleans, lists and maps must
 * be lists and maps. Values normally reach here validated; a value that still cannot be coerced
 * (a deploy-time reference that produced the wrong shape) raises PropertyError naming the property.
 */

/** A resolved property value that cannot become what the Engine API needs. */
export class PropertyError extends Error {
  /** Property path inside the resource's properties, e.g. `devices/0/path_on_host`. */
  readonly property: string;

  constructor(property: string, message: string) {
    super(`property '${property}': ${message}`);
    this.name = 'PropertyError';
    this.property = property;
  }
}

/** True for a non-null, non-array object. */
export function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function shown(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

/**
 * The plain scalars Heat's template loader (PyYAML's SafeLoader, YAML 1.1: heat/common/
 * template_format.py) read as booleans besides true/false, in exactly these spellings (PyYAML's
 * bool resolver). hotdock's loader reads YAML 1.2, where they stay text; boolean properties
 * take them so templates written for Heat keep working. `y`, `n`, `1` and `0` are not among
 * them: Heat read those as text, which its boolean property refused.
 */
export const YAML11_BOOLEAN_WORDS: Readonly<Record<string, boolean>> = {
  yes: true, Yes: true, YES: true, on: true, On: true, ON: true,
  no: false, No: false, NO: false, off: false, Off: false, OFF: false,
};

/**
 * Heat boolean: true/false or the strings "true"/"false" in any case (heat/engine/properties.py
 * _get_bool), and the YAML 1.1 words above (whether they may appear is the validator's call).
 */
export function toBoolean(property: string, value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const v = value.trim().toLowerCase();
    if (v === 'true') return true;
    if (v === 'false') return false;
    if (Object.prototype.hasOwnProperty.call(YAML11_BOOLEAN_WORDS, value)) return YAML11_BOOLEAN_WORDS[value];
  }
  throw new PropertyError(property, `expected true or false, got ${shown(value)}`);
}

/** Heat integer: a whole number or a string of one (`"512"`, `"+3"`). */
export function toInteger(property: string, value: unknown): number {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
  if (typeof value === 'string' && /^[-+]?\d+$/.test(value.trim())) {
    const n = Number(value.trim());
    if (Number.isSafeInteger(n)) return n;
  }
  throw new PropertyError(property, `expected a whole number, got ${shown(value)}`);
}

/** Heat string: strings as is, numbers and booleans as their text. */
export function toText(property: string, value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new PropertyError(property, `expected a string, got ${shown(value)}`);
}

/** Heat list: must already be a list. */
export function toList(property: string, value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  throw new PropertyError(property, `expected a list, got ${shown(value)}`);
}

/** A list of Heat strings. */
export function toTextList(property: string, value: unknown): string[] {
  return toList(property, value).map((item, i) => toText(`${property}/${i}`, item));
}

/** Heat map: must already be a map. */
export function toMap(property: string, value: unknown): Record<string, unknown> {
  if (isMap(value)) return value;
  throw new PropertyError(property, `expected a mapping, got ${shown(value)}`);
}
