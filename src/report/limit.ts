/**
 * Size caps for what GitHub keeps: a step output and a job summary of more than 1 MiB are dropped
 * (the summary with an error, the whole summary, not its tail). hotdock keeps each under
 * SIZE_LIMIT by shortening the largest values first — container logs before anything else — and
 * says what it cut: `… N bytes truncated`. Logs are read from the end, so the tail is kept.
 */

/** 1 MiB less a 64 KiB margin (markdown framing, the runner's own bookkeeping). */
export const SIZE_LIMIT = 1024 * 1024 - 64 * 1024;

/** The note put where text was cut. */
export function truncationNote(bytes: number): string {
  return `… ${bytes} bytes truncated`;
}

/** Room kept for the note and its line break: the longest note a 2^53-byte cut could need. */
const NOTE_ROOM = Buffer.byteLength(truncationNote(Number.MAX_SAFE_INTEGER)) + 1;

/** UTF-8 size of a string. */
export function byteSize(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** What one code point costs in some encoding of the text (bytes). */
export type CharCost = (codePoint: number) => number;

/** Plain UTF-8. */
export const utf8Cost: CharCost = (cp) => (cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4);

/** Inside a JSON string (JSON.stringify's escapes). */
export const jsonCost: CharCost = (cp) => {
  if (cp === 0x22 || cp === 0x5c || cp === 0x08 || cp === 0x0c || cp === 0x0a || cp === 0x0d || cp === 0x09) return 2;
  if (cp < 0x20 || (cp >= 0xd800 && cp <= 0xdfff)) return 6;
  return utf8Cost(cp);
};

/** Inside a summary table cell (escape.ts tableCell: entities, <br>, visible control escapes). */
export const cellCost: CharCost = (cp) => {
  if (cp === 0x7c) return 6;
  if (cp === 0x26) return 5;
  if (cp === 0x3c || cp === 0x3e || cp === 0x0a || cp === 0x0d) return 4;
  if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp === 0x2028 || cp === 0x2029) return 6;
  return utf8Cost(cp);
};

/**
 * `text` whose encoding (by `cost`) fits `budget` bytes: unchanged when it fits, else its tail
 * behind a first line `… N bytes truncated` (N: UTF-8 bytes cut). The tail starts at a line when
 * one begins soon after the cut, and never splits a surrogate pair. Walks only the kept part.
 */
export function keepTail(text: string, budget: number, cost: CharCost = utf8Cost): { text: string; cut: number } {
  // Cheap exit: no character costs more than 6.
  if (text.length * 6 <= budget) return { text, cut: 0 };
  let used = 0;
  let i = text.length;
  let fits = true;
  while (i > 0) {
    const lo = text.charCodeAt(i - 1);
    const pair = lo >= 0xdc00 && lo <= 0xdfff && i > 1 && text.charCodeAt(i - 2) >= 0xd800 && text.charCodeAt(i - 2) <= 0xdbff;
    const cp = pair ? text.codePointAt(i - 2)! : lo;
    const c = cost(cp);
    if (used + c > budget) {
      fits = false;
      break;
    }
    used += c;
    i -= pair ? 2 : 1;
  }
  if (fits) return { text, cut: 0 };
  // Now shrink for the note, then start at a line break if one is near.
  const room = Math.max(0, budget - NOTE_ROOM - cost(0x0a));
  while (used > room && i < text.length) {
    const cp = text.codePointAt(i)!;
    used -= cost(cp);
    i += cp > 0xffff ? 2 : 1;
  }
  let kept = text.slice(i);
  const nl = kept.indexOf('\n');
  if (nl >= 0 && nl < Math.min(4096, kept.length / 10)) kept = kept.slice(nl + 1);
  const cut = byteSize(text) - byteSize(kept);
  return { text: `${truncationNote(cut)}\n${kept}`, cut };
}

/** Where a string sits in a JSON value, so it can be replaced. */
interface Leaf {
  holder: Record<string, unknown> | unknown[];
  key: string | number;
  text: string;
  priority: boolean;
}

function collectLeaves(value: unknown, isPriority: (path: readonly (string | number)[]) => boolean): Leaf[] {
  const leaves: Leaf[] = [];
  const visit = (v: unknown, path: (string | number)[]): void => {
    if (Array.isArray(v)) {
      v.forEach((x, i) => {
        if (typeof x === 'string') push(v, i, x, path);
        else visit(x, [...path, i]);
      });
    }
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      for (const k of Object.keys(o)) {
        if (typeof o[k] === 'string') push(o, k, o[k] as string, path);
        else visit(o[k], [...path, k]);
      }
    }
  };
  const push = (holder: Leaf['holder'], key: string | number, text: string, path: (string | number)[]) =>
    leaves.push({ holder, key, text, priority: isPriority([...path, key]) });
  visit(value, []);
  return leaves;
}

/**
 * `value` as JSON text of at most `limit` bytes, still valid JSON of the same shape where it can
 * be: the largest strings lose their head first, those under a priority path (container logs)
 * before any other; if the structure alone is too big, the largest top-level members become
 * notes, and at last the whole value does.
 */
export function capJson(
  value: unknown,
  limit: number = SIZE_LIMIT,
  isPriority: (path: readonly (string | number)[]) => boolean = () => false,
): { json: string; truncated: boolean } {
  const json = JSON.stringify(value) ?? 'null';
  let size = byteSize(json);
  if (size <= limit) return { json, truncated: false };
  const copy = JSON.parse(json) as unknown;
  const leaves = collectLeaves(copy, isPriority).sort(
    (a, b) => Number(b.priority) - Number(a.priority) || b.text.length - a.text.length,
  );
  for (const leaf of leaves) {
    if (size <= limit) break;
    const before = byteSize(JSON.stringify(leaf.text));
    const next = keepTail(leaf.text, Math.max(0, before - 2 - (size - limit)), jsonCost).text;
    (leaf.holder as Record<string | number, unknown>)[leaf.key] = next;
    size += byteSize(JSON.stringify(next)) - before;
  }
  let out = JSON.stringify(copy);
  if (byteSize(out) <= limit) return { json: out, truncated: true };
  if (copy && typeof copy === 'object') {
    const holder = copy as Record<string | number, unknown>;
    const members = Object.keys(holder)
      .map((k) => ({ k, bytes: byteSize(JSON.stringify(holder[k]) ?? '') }))
      .sort((a, b) => b.bytes - a.bytes);
    size = byteSize(out);
    for (const m of members) {
      if (size <= limit) break;
      const note = truncationNote(m.bytes);
      holder[m.k] = note;
      size += byteSize(JSON.stringify(note)) - m.bytes;
    }
    out = JSON.stringify(copy);
    if (byteSize(out) <= limit) return { json: out, truncated: true };
  }
  return { json: JSON.stringify(truncationNote(byteSize(json))), truncated: true };
}

/**
 * Markdown cut to `limit` bytes at a line break, keeping the head (the verdict comes first) and
 * saying how much of it is gone. Callers shorten values first; this is the last resort.
 */
export function cutMarkdown(markdown: string, limit: number = SIZE_LIMIT): string {
  const total = byteSize(markdown);
  if (total <= limit) return markdown;
  const room = limit - 200;
  // Bytes to characters: cut by bytes, then back off to a whole character and a line.
  let head = Buffer.from(markdown, 'utf8').subarray(0, room).toString('utf8').replace(/\uFFFD$/, '');
  const nl = head.lastIndexOf('\n');
  if (nl > 0) head = head.slice(0, nl);
  // A cut inside a code block would swallow the note: close the block first.
  let fence: string | undefined;
  for (const line of head.split('\n')) {
    const run = /^(`{3,})/.exec(line)?.[1];
    if (!fence && run) fence = run;
    else if (fence && run && run.length >= fence.length && line.trim() === run) fence = undefined;
  }
  if (fence) head += `\n${fence}`;
  return `${head}\n\n> [!NOTE]\n> ${truncationNote(total - byteSize(head))} from the end of this summary (GitHub keeps at most 1 MiB).\n`;
}
