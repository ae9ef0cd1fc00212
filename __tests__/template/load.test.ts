import { DEFAULT_LOAD_LIMITS, loadTemplate } from '../../src/template/load.js';
import type { LoadedTemplate, LoadResult, SourcePos } from '../../src/template/types.js';
import type { Diagnostic } from '../../src/diagnostics.js';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORE_SCHEMA, mergeTag, parseEvents } from 'js-yaml';
import { LineIndex } from '../../src/template/positions.js';
import { valueOfEvents, walkEvents } from '../../src/template/event-walk.js';
import { resolveLimits } from '../../src/template/load-limits.js';

function ok(text: string): LoadedTemplate {
  const r = loadTemplate(text, 't.yaml');
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.diagnostics)}`);
  return r.template;
}

function errors(r: LoadResult): Diagnostic[] {
  if (r.ok) throw new Error('expected diagnostics, got a template');
  return r.diagnostics;
}

function one(text: string, limits?: Parameters<typeof loadTemplate>[2]): Diagnostic {
  const d = errors(loadTemplate(text, 'dir/t.yaml', limits));
  expect(d).toHaveLength(1);
  expect(d[0].file).toBe('dir/t.yaml');
  expect(d[0].severity).toBe('error');
  return d[0];
}

/** 1-based position of the n-th occurrence of `needle` in `text`: tests state where a node is by its text. */
function posOf(text: string, needle: string, nth = 1): SourcePos {
  let at = -1;
  for (let i = 0; i < nth; i++) at = text.indexOf(needle, at + 1);
  if (at < 0) throw new Error(`${needle} not in text`);
  const before = text.slice(0, at).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

describe('positions', () => {
  const text = [
    'heat_template_version: 2018-08-31', //
    'description: >-',
    '  folded',
    '  text',
    'resources:',
    '  web:',
    '    type: DockerInc::Docker::Container',
    '    properties:',
    '      image: "nginx:1.25"',
    "      'quoted/key~x': qk",
    '      cmd:',
    '        - nginx',
    '        - |',
    '          literal',
    '      env: [A=1, {B: 2}]',
    '      labels: {x: y, "a/b": c}',
    '      empty:',
    '',
  ].join('\n');
  const t = ok(text);
  const p = t.positions;

  test('root and top-level keys and values', () => {
    expect(p.value('')).toEqual({ line: 1, column: 1 });
    expect(p.key('')).toBeUndefined();
    expect(p.key('/heat_template_version')).toEqual(posOf(text, 'heat_template_version'));
    expect(p.value('/heat_template_version')).toEqual(posOf(text, '2018-08-31'));
    expect(p.value('/resources')).toEqual(posOf(text, 'web:'));
  });

  test('a block scalar is at its | or > header', () => {
    expect(p.value('/description')).toEqual(posOf(text, '>-'));
    expect(p.value('/resources/web/properties/cmd/1')).toEqual(posOf(text, '|'));
  });

  test('nested mappings and block lists', () => {
    expect(p.key('/resources/web/properties/image')).toEqual(posOf(text, 'image'));
    expect(p.value('/resources/web/properties/image')).toEqual(posOf(text, '"nginx'));
    expect(p.value('/resources/web/properties/cmd')).toEqual(posOf(text, '- nginx'));
    expect(p.value('/resources/web/properties/cmd/0')).toEqual(posOf(text, 'nginx', 2));
    expect(p.key('/resources/web/properties/cmd/0')).toBeUndefined();
  });

  test('flow style lists and mappings', () => {
    expect(p.value('/resources/web/properties/env')).toEqual(posOf(text, '[A=1'));
    expect(p.value('/resources/web/properties/env/0')).toEqual(posOf(text, 'A=1'));
    expect(p.value('/resources/web/properties/env/1')).toEqual(posOf(text, '{B'));
    expect(p.key('/resources/web/properties/env/1/B')).toEqual(posOf(text, 'B:'));
    expect(p.value('/resources/web/properties/env/1/B')).toEqual(posOf(text, '2}'));
  });

  test("quoted keys, and '/' and '~' escaped in pointers", () => {
    expect(t.doc).toMatchObject({ resources: { web: { properties: { 'quoted/key~x': 'qk', labels: { 'a/b': 'c' } } } } });
    expect(p.key('/resources/web/properties/quoted~1key~0x')).toEqual(posOf(text, "'quoted"));
    expect(p.value('/resources/web/properties/quoted~1key~0x')).toEqual(posOf(text, 'qk'));
    expect(p.key('/resources/web/properties/labels/a~1b')).toEqual(posOf(text, '"a/b"'));
    expect(p.value('/resources/web/properties/labels/a~1b')).toEqual(posOf(text, 'c}'));
  });

  test('an empty value is located at its key', () => {
    expect(p.value('/resources/web/properties/empty')).toEqual(posOf(text, 'empty:'));
  });

  test('locate falls back to the closest positioned ancestor, else 1:1', () => {
    expect(p.locate('/resources/web/properties/image')).toEqual(posOf(text, '"nginx'));
    expect(p.locate('/resources/web/properties/missing/deeper')).toEqual(posOf(text, 'image:'));
    expect(p.locate('/nope')).toEqual({ line: 1, column: 1 });
  });

  test('anchored values start at the anchor; pointers below an alias locate at the alias', () => {
    const src = 'base: &b\n  image: nginx\nother: *b\n';
    const a = ok(src);
    expect(a.positions.value('/base')).toEqual(posOf(src, '&b'));
    expect(a.positions.value('/other')).toEqual(posOf(src, '*b'));
    expect(a.positions.value('/other/image')).toBeUndefined();
    expect(a.positions.locate('/other/image')).toEqual(posOf(src, '*b'));
    expect(a.doc).toEqual({ base: { image: 'nginx' }, other: { image: 'nginx' } });
  });

  test('merge keys merge (Heat accepts them); explicit keys win; merged keys locate at their mapping', () => {
    const src = 'base: &b\n  image: nginx\n  tty: true\nweb:\n  <<: *b\n  tty: false\n';
    const m = ok(src);
    expect(m.doc).toEqual({ base: { image: 'nginx', tty: true }, web: { image: 'nginx', tty: false } });
    expect(m.positions.value('/web/tty')).toEqual(posOf(src, 'false'));
    expect(m.positions.locate('/web/image')).toEqual(posOf(src, '<<'));
  });

  test('CRLF and lone CR line breaks count as one line each', () => {
    expect(ok('a: 1\r\nb: 2\r\n').positions.value('/b')).toEqual({ line: 2, column: 4 });
    expect(ok('a: 1\rb: 2\r').positions.value('/b')).toEqual({ line: 2, column: 4 });
  });

  test('a byte order mark is not a column, for nodes and for syntax errors', () => {
    expect(ok('\uFEFFa: 1\n').positions.value('/a')).toEqual({ line: 1, column: 4 });
    expect(one('\uFEFFa: b: c\n')).toMatchObject({ code: 'yaml-syntax', line: 1, column: 5 });
  });

  test('LineIndex maps offsets by binary search, including the ends', () => {
    const idx = new LineIndex('ab\ncd\n\nef');
    expect(idx.position(0)).toEqual({ line: 1, column: 1 });
    expect(idx.position(3)).toEqual({ line: 2, column: 1 });
    expect(idx.position(6)).toEqual({ line: 3, column: 1 });
    expect(idx.position(8)).toEqual({ line: 4, column: 2 });
    expect(idx.position(999)).toEqual({ line: 4, column: 3 });
  });
});

describe('values follow the YAML 1.2 core schema', () => {
  test('dates and versions stay strings', () => {
    const doc = ok('heat_template_version: 2013-05-23\nv: 1.10.0\nt: 2001-12-14t21:59:43.10-05:00\n').doc;
    expect(doc).toEqual({ heat_template_version: '2013-05-23', v: '1.10.0', t: '2001-12-14t21:59:43.10-05:00' });
  });

  test('numbers, booleans and nulls are typed; YAML 1.1 words are not', () => {
    const doc = ok('i: 42\nh: 0x1F\no: 0o17\nf: 1.5\ne: 1e3\ninf: .inf\nt: true\nF: False\nn: null\nt2: ~\nyes: yes\noff: off\ns: "42"\n').doc;
    expect(doc).toEqual({ i: 42, h: 31, o: 15, f: 1.5, e: 1000, inf: Infinity, t: true, F: false, n: null, t2: null, yes: 'yes', off: 'off', s: '42' });
  });

  test('scalar keys become strings as the document has them', () => {
    const t = ok('1: a\nnull: b\ntrue: c\n0x10: d\n');
    expect(t.doc).toEqual({ '1': 'a', null: 'b', true: 'c', '16': 'd' });
    expect(t.positions.key('/16')).toEqual({ line: 4, column: 1 });
  });
});

describe('errors', () => {
  test('a syntax error is one yaml-syntax diagnostic at js-yaml\'s mark, without the snippet', () => {
    const d = one('resources:\n  web: [a, b\n  other: 1\n');
    expect(d.code).toBe('yaml-syntax');
    expect(d.line).toBeGreaterThanOrEqual(2);
    expect(d.message).not.toContain('\n');
    expect(d.message).toMatch(/^[A-Z].*\.$/);
  });

  test('bad indentation is reported on its line and column', () => {
    expect(one('a: 1\n b: 2\n')).toMatchObject({ code: 'yaml-syntax', line: 2, column: 3 });
  });

  test('an unterminated quote', () => {
    expect(one('a: "x\n')).toMatchObject({ code: 'yaml-syntax', line: 2, column: 1 });
  });

  test('tab indentation', () => {
    const d = one('resources:\n\tweb: 1\n');
    expect(d).toMatchObject({ code: 'yaml-syntax', line: 2, column: 1 });
    expect(d.message).toMatch(/tab/i);
  });

  test('duplicate keys: one diagnostic per duplicate, at the duplicate key', () => {
    const text = 'a: 1\nb:\n  c: 1\n  "c": 2\na: 3\n';
    const d = errors(loadTemplate(text, 't.yaml'));
    expect(d.map((x) => [x.code, x.line, x.column, x.path])).toEqual([
      ['duplicate-key', 4, 3, '/b/c'],
      ['duplicate-key', 5, 1, '/a'],
    ]);
    expect(d[1].message).toContain('line 1');
  });

  test('keys that differ in text but not in value are duplicates (1 and 1.0)', () => {
    expect(one('1: a\n1.0: b\n')).toMatchObject({ code: 'duplicate-key', line: 2, column: 1 });
  });

  test.each([
    ['', 1, 1],
    ['# only a comment\n', 1, 1],
    ['---\n', 1, 1],
    ['- a\n- b\n', 1, 1],
    ['\n\njust text\n', 3, 1],
  ])('not a mapping: %j', (text, line, column) => {
    const d = one(text);
    expect(d).toMatchObject({ code: 'not-a-mapping', line, column });
    expect(d.message).toContain('heat_template_version');
  });

  test('multiple documents are reported at the second ---', () => {
    expect(one('a: 1\n---\nb: 2\n')).toMatchObject({ code: 'multiple-documents', line: 2, column: 1 });
    expect(one('---\na: 1\n---\n')).toMatchObject({ code: 'multiple-documents', line: 3, column: 1 });
  });

  test('a leading --- alone is one document', () => {
    expect(ok('---\na: 1\n').doc).toEqual({ a: 1 });
  });

  test('a YAML tag (CloudFormation habit) is an unknown-tag diagnostic', () => {
    const d = one('a: !Ref x\n');
    expect(d).toMatchObject({ code: 'unknown-tag', line: 1, column: 4 });
    expect(d.message).toContain('!Ref');
  });

  test('complex and recursive structures are refused', () => {
    expect(one('? [a]\n: 1\n')).toMatchObject({ code: 'complex-key', line: 1, column: 3 });
    expect(one('a: &x [1, *x]\n')).toMatchObject({ code: 'recursive-alias', line: 1, column: 11 });
    expect(one('a: *nope\n')).toMatchObject({ code: 'yaml-syntax', line: 1, column: 4 });
  });

  test.each(['\u0000', '\uFEFF', 'a: \uD800', ':', '- - -', '&a', '*a', '!!', '? ', '{', '"\\x"', 'a: b: c', '%YAML 9\n---\na: 1'])(
    'odd input %j gives diagnostics or a template, never a throw',
    (text) => {
      const r = loadTemplate(text, 't.yaml');
      if (!r.ok) for (const d of r.diagnostics) expect(d.line >= 1 && d.column >= 1).toBe(true);
    },
  );
});

describe('limits', () => {
  test('defaults', () => {
    expect(DEFAULT_LOAD_LIMITS).toEqual({ maxBytes: 512 * 1024, maxDepth: 64, maxAliases: 100, maxNodes: 200000 });
  });

  test('size is measured in UTF-8 bytes and checked first', () => {
    const text = `a: "${'é'.repeat(300)}"\n`; // 306 characters, 606 bytes
    expect(loadTemplate(text, 't.yaml', { maxBytes: 606 }).ok).toBe(true);
    expect(one(text, { maxBytes: 605 }).code).toBe('template-too-large');
    const d = one(text, { maxBytes: 500 });
    expect(d).toMatchObject({ code: 'template-too-large', line: 1, column: 1 });
    expect(d.message).toContain('606 bytes');
    expect(d.message).toContain('500 bytes');
    // Checked before parsing: an invalid file over the limit is still "too large".
    expect(one('a: [\n'.repeat(200), { maxBytes: 100 }).code).toBe('template-too-large');
  });

  test('nesting depth: the root mapping is level 1', () => {
    const nest = (n: number) => 'a: ' + '['.repeat(n) + ']'.repeat(n) + '\n';
    expect(loadTemplate(nest(63), 't.yaml').ok).toBe(true);
    expect(one(nest(64))).toMatchObject({ code: 'nesting-too-deep', line: 1, column: 67 });
    expect(one(nest(5000)).code).toBe('nesting-too-deep');
    expect(one(nest(3), { maxDepth: 3 })).toMatchObject({ code: 'nesting-too-deep', line: 1, column: 6 });
  });

  test('alias count', () => {
    const text = 'a: &a 1\nb: [' + Array(5).fill('*a').join(', ') + ']\n';
    expect(loadTemplate(text, 't.yaml', { maxAliases: 5 }).ok).toBe(true);
    expect(one(text, { maxAliases: 4 })).toMatchObject({ code: 'too-many-aliases', line: 2, column: 21 });
  });

  test('expanded size counts every node an alias stands for', () => {
    // root 1 + key a 1 + [1,2,3] 4 + key b 1 + two aliases 2*4 = 15 nodes
    const text = 'a: &a [1, 2, 3]\nb: [*a, *a]\n';
    expect(loadTemplate(text, 't.yaml', { maxNodes: 16 }).ok).toBe(true);
    expect(one(text, { maxNodes: 14 })).toMatchObject({ code: 'alias-expansion-too-large', line: 2, column: 9 });
  });

  test('too many plain nodes', () => {
    expect(one('a: [' + Array(50).fill('1').join(', ') + ']\n', { maxNodes: 20 }).code).toBe('too-many-nodes');
  });

  test.each([9, 10])('a billion-laughs alias bomb (9 levels of %i aliases) is refused fast', (width) => {
    let text = 'l0: &l0 "lol"\n';
    for (let i = 1; i <= 9; i++) text += `l${i}: &l${i} [${Array(width).fill(`*l${i - 1}`).join(', ')}]\n`;
    const started = performance.now();
    const d = one(text);
    expect(performance.now() - started).toBeLessThan(300);
    expect(d.code).toBe('alias-expansion-too-large');
  });

  test('a 256 KiB template loads, its last node positioned', () => {
    let text = 'heat_template_version: 2018-08-31\nresources:\n';
    let n = 0;
    while (text.length < 256 * 1024) {
      text += `  web${n}:\n    type: DockerInc::Docker::Container\n    properties:\n      image: "nginx:1.${n}"\n      env: [A=1]\n`;
      n++;
    }
    // How fast large templates load is measured by `npm run bench` (scripts/bench.mjs validates a
    // generated 1,000-resource template against a limit), not here: a busy machine would fail it.
    const t = ok(text);
    const last = `/resources/web${n - 1}/properties/env/0`;
    expect(t.positions.value(last)).toEqual(posOf(text, 'A=1', n));
  });
});

describe('the quick pass (no positions) and the recording pass agree', () => {
  const schema = CORE_SCHEMA.withTags(mergeTag);
  const dirs = ['testdata/templates/valid', 'testdata/templates/invalid', 'examples'];
  const files = dirs.flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.yaml')).map((f) => join(d, f)));

  it.each(files)('%s', (file) => {
    const text = readFileSync(file, 'utf8');
    let events;
    try {
      events = parseEvents(text, { maxDepth: 70 });
    } catch {
      return; // a syntax error: neither pass runs
    }
    const index = new LineIndex(text);
    const limits = resolveLimits({});
    const quick = valueOfEvents(events, text, index, limits, schema);
    const recorded = walkEvents(events, text, index, limits, schema);
    if (quick !== undefined) {
      // Whatever the quick pass accepts, the recording pass builds the same way, without problems.
      expect(recorded.errors).toEqual([]);
      expect(quick).toEqual(recorded.value);
    } else {
      // The quick pass declines only what the recording pass reports or leaves to js-yaml.
      expect(recorded.errors.length > 0 || recorded.value === undefined).toBe(true);
    }
  });

  it('declines a duplicate key, and the recording pass reports it', () => {
    const text = 'a: 1\nb: 2\na: 3\n';
    const events = parseEvents(text, {});
    const index = new LineIndex(text);
    expect(valueOfEvents(events, text, index, resolveLimits({}), schema)).toBeUndefined();
    expect(walkEvents(events, text, index, resolveLimits({}), schema).errors.map((e) => e.code)).toEqual(['duplicate-key']);
  });

  it('locates nodes of a template loaded without problems on demand', () => {
    const text = 'heat_template_version: 2021-04-16\nresources:\n  web:\n    type: DockerInc::Docker::Container\n';
    const tpl = ok(text);
    expect(tpl.positions.value('/resources/web/type')).toEqual(posOf(text, 'DockerInc'));
    expect(tpl.positions.key('/resources/web')).toEqual(posOf(text, 'web'));
  });
});
