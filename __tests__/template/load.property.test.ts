/**
 * Property tests of the loader: on any text it returns a template or located diagnostics, never
 * throws and never takes long; on YAML dumped from a value it returns that value with every
 * node positioned.
 */
import fc from 'fast-check';
import { dump } from 'js-yaml';
import { loadTemplate } from '../../src/template/load.js';
import type { LoadResult } from '../../src/template/types.js';
import { childPointer } from '../../src/template/types.js';

const RUNS = 250;

/** Loads and checks what holds for every input; returns the result for further checks. */
function loadChecked(text: string): LoadResult {
  const started = performance.now();
  let r: LoadResult | undefined;
  expect(() => {
    r = loadTemplate(text, 'p.yaml');
  }).not.toThrow();
  expect(performance.now() - started).toBeLessThan(1000);
  const result = r as LoadResult;
  const lines = text.split(/\r\n|\r|\n/).length;
  if (result.ok) {
    const doc = result.template.doc;
    expect(doc !== null && typeof doc === 'object' && !Array.isArray(doc)).toBe(true);
  } else {
    expect(result.diagnostics.length).toBeGreaterThan(0);
    for (const d of result.diagnostics) {
      expect(d.file).toBe('p.yaml');
      expect(d.code).toMatch(/^[a-z]+(?:-[a-z]+)*$/);
      expect(d.message.length).toBeGreaterThan(0);
      expect(d.message).not.toContain('\n');
      expect(d.severity).toBe('error');
      expect(Number.isInteger(d.line) && d.line >= 1 && d.line <= lines + 1).toBe(true);
      expect(Number.isInteger(d.column) && d.column >= 1).toBe(true);
    }
  }
  return result;
}

/** Every JSON Pointer of a value, with whether it names a mapping entry. */
function pointers(value: unknown, ptr = '', out: { ptr: string; isKey: boolean }[] = [], isKey = false) {
  out.push({ ptr, isKey });
  if (Array.isArray(value)) value.forEach((v, i) => pointers(v, childPointer(ptr, i), out));
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) pointers(v, childPointer(ptr, k), out, true);
  }
  return out;
}

const yamlBits = fc.constantFrom(
  ':', ': ', '-', '- ', ' ', '  ', '\n', '\r\n', '\t', '&a ', '*a', '"', "'", '[', ']', '{', '}', ',', '#', '|',
  '>', '?', '!', '!!str ', '%YAML 1.2', '---', '...', 'key', 'x', '1', '~', '\\', '\u00e9', '\uFEFF', '\u0000',
);

test('random text never throws and gives located diagnostics', () => {
  fc.assert(
    fc.property(
      fc.oneof(
        fc.string({ unit: 'binary-ascii', maxLength: 200 }),
        fc.string({ unit: 'grapheme', maxLength: 100 }),
        fc.string({ unit: yamlBits, maxLength: 80 }),
      ),
      (text) => {
        loadChecked(text);
      },
    ),
    { numRuns: RUNS },
  );
});

test('dumped mappings load back equal, with a position for every node and key', () => {
  const value = fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 4 }), { maxKeys: 8 });
  fc.assert(
    fc.property(value, fc.integer({ min: -1, max: 3 }), (v, flowLevel) => {
      const text = dump(v, { flowLevel });
      const r = loadChecked(text);
      if (!r.ok) throw new Error(`dumped value did not load: ${JSON.stringify(r.diagnostics)}\n${text}`);
      // JSON text compares -0 and 0 alike (the dumper writes -0 as -0.0, which is fine).
      expect(JSON.stringify(r.template.doc)).toBe(JSON.stringify(v));
      const lines = text.split('\n').length;
      for (const { ptr, isKey } of pointers(v)) {
        // Plain checks, not expect(): this loop runs for thousands of nodes.
        const at = r.template.positions.value(ptr);
        if (at === undefined || at.line > lines) throw new Error(`bad position ${JSON.stringify(at)} for ${JSON.stringify(ptr)} in\n${text}`);
        if (isKey && r.template.positions.key(ptr) === undefined) throw new Error(`no key position for ${JSON.stringify(ptr)} in\n${text}`);
      }
    }),
    { numRuns: RUNS },
  );
});

const VALID = `heat_template_version: 2018-08-31
description: >
  A web server.
parameters:
  image:
    type: string
    default: "nginx:1.25"
resources:
  web:
    type: DockerInc::Docker::Container
    properties:
      image: {get_param: image}
      env: [A=1, 'B=two']
      cmd:
        - nginx
        - -g
        - daemon off;
      port_bindings: &ports
        80/tcp: [{HostPort: "8080"}]
  other:
    type: DockerInc::Docker::Container
    properties:
      image: busybox
      port_bindings: *ports
outputs:
  id: {value: {get_resource: web}}
`;

type Mutation =
  | { kind: 'delete'; at: number }
  | { kind: 'insert'; at: number; token: string }
  | { kind: 'duplicate-line'; line: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    token: fc.constantFrom(':', '-', '- ', '&a ', '*a', '*ports', '\t', '"', "'", '[', '{', '}', '#', '|', '? ', '\n', '  ', '---\n', '!x '),
  }),
  fc.record({ kind: fc.constant('duplicate-line' as const), line: fc.nat() }),
);

function mutate(text: string, m: Mutation): string {
  if (m.kind === 'delete') {
    const at = m.at % Math.max(1, text.length);
    return text.slice(0, at) + text.slice(at + 1);
  }
  if (m.kind === 'insert') {
    const at = m.at % (text.length + 1);
    return text.slice(0, at) + m.token + text.slice(at);
  }
  const lines = text.split('\n');
  const i = m.line % lines.length;
  lines.splice(i, 0, lines[i]);
  return lines.join('\n');
}

test('the unmutated template loads', () => {
  const r = loadChecked(VALID);
  expect(r.ok).toBe(true);
});

test('mutations of a valid template never throw and give located diagnostics', () => {
  fc.assert(
    fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (ms) => {
      const text = ms.reduce(mutate, VALID);
      const r = loadChecked(text);
      if (r.ok) {
        // Whatever still loads has positions that point inside the text.
        const lines = text.split(/\r\n|\r|\n/).length;
        for (const { ptr } of pointers(r.template.doc)) {
          const at = r.template.positions.locate(ptr);
          if (!(at.line >= 1 && at.line <= lines && at.column >= 1)) throw new Error(`bad position ${JSON.stringify(at)} for ${ptr}`);
        }
      }
    }),
    { numRuns: RUNS },
  );
});
