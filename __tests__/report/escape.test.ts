/**
 * escape.ts, sink by sink: what the runner would read as a command, what markdown would read as
 * structure. The property tests use the runner's own parsing rules (runner-commands.ts).
 */
import fc from 'fast-check';
import {
  annotationText,
  codeBlock,
  escapeInline,
  inlineCode,
  safeJsonText,
  safeLogLine,
  safeLogText,
  tableCell,
} from '../../src/report/escape.js';
import { runnerCommands } from '../runner/runner-commands.js';

/** Strings rich in what matters here: colons, hashes, brackets, backticks, line breaks, controls. */
const nasty = fc.string({
  unit: fc.constantFrom(':', ':', '#', '#', '[', ']', '`', '|', '<', '&', '\n', '\r', ' ', '\t', '\u00a0', '\u0085', '\u2028', '\u001b', 'a', 'e'),
  maxLength: 40,
});

describe('escapeInline: one line, controls visible', () => {
  it.each([
    ['plain text', 'plain text'],
    ['a\nb', 'a\\nb'],
    ['a\r\nb', 'a\\r\\nb'],
    ['tab\tstays', 'tab\tstays'],
    ['\u001b[31mred', '\\u001b[31mred'],
    ['nel\u0085', 'nel\\u0085'],
    ['ls\u2028ps\u2029', 'ls\\u2028ps\\u2029'],
    ['bidi\u202eevil\u2066', 'bidi\\u202eevil\\u2066'],
    ['del\u007f', 'del\\u007f'],
    ['ünïcödé ✓', 'ünïcödé ✓'],
  ])('%j → %j', (input, expected) => {
    expect(escapeInline(input)).toBe(expected);
  });
});

describe('safeLogLine: never a workflow command', () => {
  it.each([
    ['web: creating', 'web: creating'],
    ['::error::x', ':\\:error::x'],
    ['  ::warning title=t::x', '  :\\:warning title=t::x'],
    ['\t::add-mask::s', '\t:\\:add-mask::s'],
    ['\u00a0::add-mask::s', '\u00a0:\\:add-mask::s'],
    [':one colon', ':one colon'],
    ['web\n::error::x', 'web\\n::error::x'],
    ['web\r::error::x', 'web\\r::error::x'],
    ['a ##[add-mask]b', 'a ##\\[add-mask]b'],
    ['###[stop-commands]t ##[x]', '###\\[stop-commands]t ##\\[x]'],
  ])('%j → %j', (input, expected) => {
    expect(safeLogLine(input)).toBe(expected);
    expect(runnerCommands(safeLogLine(input))).toEqual([]);
  });

  it('holds for any text (property)', () => {
    fc.assert(
      fc.property(nasty, (s) => {
        const line = safeLogLine(s);
        expect(line).not.toMatch(/[\r\n]/);
        expect(runnerCommands(line)).toEqual([]);
      }),
    );
  });
});

describe('safeLogText: a block keeps its lines, none is a command', () => {
  it.each([
    ['Plan: 1 to create\n+ create web', 'Plan: 1 to create\n+ create web'],
    ['a\n::error::x\n  ::add-mask::y', 'a\n:\\:error::x\n  :\\:add-mask::y'],
    ['a\r::error::x', 'a\n:\\:error::x'],
    ['a\r\nb', 'a\nb'],
    ['x\u001b]0;title\u0007', 'x\\u001b]0;title\\u0007'],
  ])('%j → %j', (input, expected) => {
    expect(safeLogText(input)).toBe(expected);
  });

  it('holds for any text (property)', () => {
    fc.assert(fc.property(nasty, (s) => expect(runnerCommands(safeLogText(s))).toEqual([])));
  });
});

describe('annotationText: line breaks left to @actions/core, other controls escaped', () => {
  it.each([
    ['two\nlines', 'two\nlines'],
    ['crlf\r\nline', 'crlf\nline'],
    ['lone\rcr', 'lone\\rcr'],
    ['\u001b[2J', '\\u001b[2J'],
  ])('%j → %j', (input, expected) => {
    expect(annotationText(input)).toBe(expected);
  });
});

describe('safeJsonText', () => {
  it('keeps JSON equal and leaves no legacy command', () => {
    fc.assert(
      fc.property(fc.dictionary(nasty, nasty), (value) => {
        const text = safeJsonText(JSON.stringify(value, null, 2));
        expect(JSON.parse(text)).toEqual(value);
        expect(runnerCommands(text)).toEqual([]);
      }),
    );
  });
});

describe('markdown', () => {
  it.each([
    ['a|b', 'a&#124;b'],
    ['<img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert(1)&gt;'],
    ['&amp;', '&amp;amp;'],
    ['a\r\nb\rc\nd', 'a<br>b<br>c<br>d'],
    ['ansi\u001b[0m', 'ansi\\u001b[0m'],
    ['| --- |', '&#124; --- &#124;'],
  ])('tableCell(%j) → %j', (input, expected) => {
    expect(tableCell(input)).toBe(expected);
  });

  it('a table cell is one line without a bare pipe (property)', () => {
    fc.assert(fc.property(nasty, (s) => expect(tableCell(s)).not.toMatch(/[|\r\n\u2028\u2029]/)));
  });

  it.each([
    ['web', '<code>web</code>'],
    ['<b>\n`x`', '<code>&lt;b&gt;\\n`x`</code>'],
  ])('inlineCode(%j) → %j', (input, expected) => {
    expect(inlineCode(input)).toBe(expected);
  });

  it.each([
    ['plain', '```text\nplain\n```'],
    ['a ``` b', '````text\na ``` b\n````'],
    ['x\n```\n## heading', '````text\nx\n```\n## heading\n````'],
    ['``````` seven', '````````text\n``````` seven\n````````'],
    ['cr\rline', '```text\ncr\nline\n```'],
  ])('codeBlock(%j)', (input, expected) => {
    expect(codeBlock(input)).toBe(expected);
  });

  it('no line inside a code block can close it (property)', () => {
    fc.assert(
      fc.property(nasty, (s) => {
        const lines = codeBlock(s).split('\n');
        const fence = /^`+/.exec(lines[0])![0].length;
        const closes = (l: string) => new RegExp(`^ {0,3}\`{${fence},}\\s*$`).test(l);
        expect(lines.slice(1, -1).filter(closes)).toEqual([]);
        expect(closes(lines[lines.length - 1])).toBe(true);
      }),
    );
  });
});
