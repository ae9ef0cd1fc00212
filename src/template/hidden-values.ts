/** The text forms of a hidden parameter's value: what has to be masked wherever hotdock prints. */
import { heatJson } from './functions/spec.js';

/**
 * Every text form in which a hidden value, or a part of one, can reach a log or an output: a
 * string, the text of a number or boolean, a list's JSON and comma-joined text, a json value's
 * JSON text (compact, and as Heat writes it when a function turns it into text), and recursively
 * every element and every string or number leaf (list_join, get_param with a path or str_replace
 * take them apart). Keys of a json map are names, not values. Which of
 * these are masked where (short values only as whole values) is report/mask.ts's decision.
 */
export function hiddenValueTexts(value: unknown): string[] {
  const out = new Set<string>();
  const add = (s: string) => {
    if (s !== '') out.add(s);
    // Heat keeps the blanks around a comma_delimited_list element (' b' of 'a, b'); a template may
    // trim them, or join the list again without them: the bare text is a secret as much.
    const bare = s.trim();
    if (bare !== '' && bare !== s) out.add(bare);
  };
  const visit = (v: unknown): void => {
    if (v === undefined || v === null) return;
    if (typeof v === 'string') return add(v);
    if (typeof v === 'number' || typeof v === 'boolean') return add(String(v));
    if (Array.isArray(v)) {
      add(JSON.stringify(v));
      add(heatJson(v));
      if (v.every((x) => typeof x === 'string' || typeof x === 'number')) {
        add(v.join(','));
        add(v.map((x) => String(x).trim()).join(','));
      }
      v.forEach(visit);
      return;
    }
    if (typeof v === 'object') {
      add(JSON.stringify(v));
      add(heatJson(v));
      Object.values(v).forEach(visit);
    }
  };
  visit(value);
  return [...out];
}
