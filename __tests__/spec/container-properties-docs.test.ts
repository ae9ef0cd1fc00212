/**
 * docs/template-reference.md's property table is generated from the property table: this test
 * fails when the two differ, and with UPDATE_DOCS=1 (`npm run docs:properties`) rewrites it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CONTAINER_PROPERTY_TABLE } from '../../src/spec/container-properties.js';
import { DOCS_BEGIN, DOCS_END, propertyDocsSection, withPropertyDocs } from '../../src/spec/container-properties-docs.js';

const file = resolve(import.meta.dirname ?? '.', '../../docs/template-reference.md');

test('the property table of docs/template-reference.md is the generated one (npm run docs:properties rewrites it)', () => {
  const docs = readFileSync(file, 'utf8');
  const expected = withPropertyDocs(docs, propertyDocsSection());
  if (expected === undefined) throw new Error(`docs/template-reference.md lost the markers of its property table:\n${DOCS_BEGIN}\n${DOCS_END}`);
  if (process.env.UPDATE_DOCS === '1') writeFileSync(file, expected);
  else if (docs !== expected) throw new Error('docs/template-reference.md: the property table is out of date; run: npm run docs:properties');
});

test('the generated table has one row per property, with its Engine API fields and reason', () => {
  const section = propertyDocsSection();
  const rows = section.split('\n').filter((l) => l.startsWith('| `'));
  expect(rows.map((r) => /^\| `([a-z_]+)`/.exec(r)?.[1])).toEqual(CONTAINER_PROPERTY_TABLE.map((p) => p.name));
  expect(rows.find((r) => r.startsWith('| `port_bindings`'))).toContain('`HostConfig.PortBindings`, `ExposedPorts` | `ports changed`');
  expect(rows.find((r) => r.startsWith('| `name`'))).toContain('not in the body');
});

test('the section is replaced between its markers only', () => {
  const md = `before\n${DOCS_BEGIN}\nold\n${DOCS_END}\nafter\n`;
  expect(withPropertyDocs(md, `${DOCS_BEGIN}\nnew\n${DOCS_END}\n`)).toBe(`before\n${DOCS_BEGIN}\nnew\n${DOCS_END}\nafter\n`);
  expect(withPropertyDocs('no markers', 'x')).toBeUndefined();
});
