/**
 * Size caps: keepTail keeps the tail within a byte budget and says what it cut; capJson keeps
 * outputs valid JSON under the limit, logs cut first; the summary and the outputs of a run with a
 * huge log stay under the limit with the rest intact.
 */
import { byteSize, capJson, cellCost, cutMarkdown, jsonCost, keepTail, SIZE_LIMIT, truncationNote } from '../../src/report/limit.js';
import { outputValues } from '../../src/report/outputs.js';
import { renderSummary } from '../../src/report/summary.js';
import { tableCell } from '../../src/report/escape.js';
import { deployReport } from './fixtures.js';

const MiB = 1024 * 1024;
const NOTE = /^… (\d+) bytes truncated\n/;

describe('keepTail', () => {
  it.each([
    ['fits', 'short text', 100],
    ['exactly fits', 'x'.repeat(50), 50],
  ])('%s: unchanged', (_what, text, budget) => {
    expect(keepTail(text, budget)).toEqual({ text, cut: 0 });
  });

  it.each([
    ['ascii', 'a'.repeat(10_000) + 'THE-END', 500],
    ['multi-byte', 'ü✓'.repeat(5_000) + 'THE-END', 500],
    ['astral, never split', '😀'.repeat(5_000) + 'THE-END', 501],
    ['lines', 'line of log\n'.repeat(2_000) + 'THE-END', 1_000],
    ['budget smaller than the note', 'y'.repeat(1_000), 5],
  ])('%s: the tail within budget, behind a note with the bytes cut', (_what, text, budget) => {
    const { text: out, cut } = keepTail(text, budget);
    const note = NOTE.exec(out);
    expect(Number(note?.[1])).toBe(cut);
    const kept = out.slice(note![0].length);
    expect(text.endsWith(kept)).toBe(true);
    expect(byteSize(kept) + cut).toBe(byteSize(text));
    if (budget > 40) expect(byteSize(out)).toBeLessThanOrEqual(budget);
    expect(kept).not.toMatch(/^[\udc00-\udfff]/);
  });

  it('starts at a line when one begins right after the cut', () => {
    const { text } = keepTail('0123456789\n'.repeat(1_000), 600);
    expect(text.split('\n')[1]).toBe('0123456789');
  });

  it('measures in the sink encoding: JSON escapes and table-cell entities', () => {
    const text = '"<&>|\n'.repeat(10_000);
    const json = keepTail(text, 1_000, jsonCost).text;
    expect(byteSize(JSON.stringify(json))).toBeLessThanOrEqual(1_002);
    const cell = keepTail(text, 1_000, cellCost).text;
    expect(byteSize(tableCell(cell))).toBeLessThanOrEqual(1_000);
  });
});

describe('capJson', () => {
  const big = (n: number, end: string) => 'x'.repeat(n) + end;

  it('leaves a value that fits alone', () => {
    expect(capJson({ a: 'b' }, 100)).toEqual({ json: '{"a":"b"}', truncated: false });
  });

  it('cuts the log first, keeping its tail, and only as much as needed', () => {
    const value = { log: big(5_000, 'LOG-END'), other: big(3_000, 'OTHER-END'), small: 'kept' };
    const { json, truncated } = capJson(value, 6_000, (path) => path[0] === 'log');
    const out = JSON.parse(json) as typeof value;
    expect(truncated).toBe(true);
    expect(byteSize(json)).toBeLessThanOrEqual(6_000);
    expect(out.other).toBe(value.other);
    expect(out.small).toBe('kept');
    expect(out.log).toMatch(NOTE);
    expect(out.log.endsWith('LOG-END')).toBe(true);
  });

  it('then the largest other values', () => {
    const value = { log: big(5_000, 'LOG-END'), other: big(3_000, 'OTHER-END'), list: [big(2_000, 'A'), 'b'] };
    const { json } = capJson(value, 1_500, (path) => path[0] === 'log');
    const out = JSON.parse(json) as typeof value;
    expect(byteSize(json)).toBeLessThanOrEqual(1_500);
    // The log, then the largest other string, then the next, each only as far as needed.
    expect(out.log).toMatch(/^… 5007 bytes truncated\n$/);
    expect(out.other).toMatch(/^… 3009 bytes truncated\n$/);
    expect(out.list[0]).toMatch(NOTE);
    expect(out.list[0].endsWith('A')).toBe(true);
    expect(out.list[1]).toBe('b');
  });

  it('a structure too big in itself: members become notes, then the whole value', () => {
    const numbers = { a: Array.from({ length: 2_000 }, (_, i) => i), b: 1 };
    const out = JSON.parse(capJson(numbers, 500).json) as Record<string, unknown>;
    expect(out.a).toMatch(/^… \d+ bytes truncated$/);
    expect(out.b).toBe(1);
    expect(JSON.parse(capJson(Array.from({ length: 2_000 }, () => 1), 10).json)).toMatch(/bytes truncated/);
  });
});

describe('cutMarkdown', () => {
  it('keeps the head at a line and says how much is gone', () => {
    const md = '## verdict\n' + 'row\n'.repeat(1_000);
    const out = cutMarkdown(md, 1_000);
    expect(byteSize(out)).toBeLessThanOrEqual(1_000);
    expect(out.startsWith('## verdict\nrow\n')).toBe(true);
    expect(out).toMatch(/… \d+ bytes truncated from the end of this summary/);
    expect(cutMarkdown('small', 1_000)).toBe('small');
    const inBlock = cutMarkdown('## verdict\n````text\n' + 'plan line\n'.repeat(500) + '````\n', 1_000);
    expect(inBlock).toMatch(/\nplan line\n````\n\n> \[!NOTE\]\n> … \d+ bytes truncated/);
  });
});

describe('a run whose output holds a 60 MiB log', () => {
  const log = 'a line of container log output, like many others\n'.repeat((60 * MiB) / 50) + 'LAST-LINE\n';
  const report = deployReport({ outputs: { log, url: 'http://127.0.0.1:8080', password: 'hunter22' } });

  it('outputs: each under the limit, the log cut to its tail, the rest intact', () => {
    const cut: string[] = [];
    const values = outputValues(report, false, { secrets: ['hunter22'], limit: SIZE_LIMIT, logOutputs: ['log'], onTruncated: (n) => cut.push(n) });
    expect(cut).toEqual(['outputs']);
    for (const v of Object.values(values)) expect(byteSize(v)).toBeLessThanOrEqual(SIZE_LIMIT);
    const outputs = JSON.parse(values.outputs) as Record<string, string>;
    expect(outputs.url).toBe('http://127.0.0.1:8080');
    expect(outputs.password).toBe('******');
    expect(outputs.log.endsWith('LAST-LINE\n')).toBe(true);
    expect(Number(NOTE.exec(outputs.log)?.[1])).toBeGreaterThan(byteSize(log) - SIZE_LIMIT);
    // Not cut more than needed: the output fills most of the room.
    expect(byteSize(values.outputs)).toBeGreaterThan(SIZE_LIMIT - 64 * 1024);
  });

  it('summary: under the limit, the log cut, the verdict and other outputs intact', () => {
    const md = renderSummary({ template: 't.yaml', mode: 'deploy', stackName: 's', diagnostics: [], report, secrets: ['hunter22'], logOutputs: ['log'] });
    expect(byteSize(md)).toBeLessThanOrEqual(SIZE_LIMIT);
    expect(md).toContain('## ✅ <code>s</code>: 1 replaced, 1 removed on 1 endpoint');
    const cut = /\| log \| … (\d+) bytes truncated<br>/.exec(md);
    // Counted from the whole log, not from an intermediate cut.
    expect(Number(cut?.[1])).toBeGreaterThan(byteSize(log) - SIZE_LIMIT);
    expect(md).toContain('LAST-LINE<br> |');
    expect(md).toContain('| url | http://127.0.0.1:8080 |');
    expect(md).toContain('| password | ****** |');
    expect(md).not.toContain('hunter22');
  });

  it('a large value that is not a log is cut when the log alone is not enough', () => {
    const both = deployReport({ outputs: { log, blob: 'b'.repeat(3 * MiB) + 'BLOB-END' } });
    const md = renderSummary({ template: 't.yaml', mode: 'deploy', stackName: 's', diagnostics: [], report: both, secrets: [], logOutputs: ['log'] });
    expect(byteSize(md)).toBeLessThanOrEqual(SIZE_LIMIT);
    expect(md).toContain('BLOB-END');
    expect(truncationNote(1)).toBe('… 1 bytes truncated');
  });
});
