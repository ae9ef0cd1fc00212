/**
 * schema/hot.schema.json is the schema of hot-schema.ts written out for editors. The two must not
 * drift: this test compares them, and with UPDATE_SCHEMA=1 rewrites the file instead.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { hotSchema } from '../../src/template/hot-schema.js';

const file = resolve(import.meta.dirname ?? '.', '../../schema/hot.schema.json');
const expected = JSON.stringify(hotSchema, null, 2) + '\n';

test('schema/hot.schema.json is hot-schema.ts written out (UPDATE_SCHEMA=1 rewrites it)', () => {
  if (process.env.UPDATE_SCHEMA === '1') writeFileSync(file, expected);
  let actual = '';
  try {
    actual = readFileSync(file, 'utf8');
  } catch {
    // Missing file: fall through to the comparison, which says how to create it.
  }
  if (actual !== expected) {
    throw new Error('schema/hot.schema.json is out of date; run: UPDATE_SCHEMA=1 npm test -- __tests__/template/hot-schema-file.test.ts');
  }
});

test('the written schema names its draft and identity, and documents every container property', () => {
  const parsed = JSON.parse(expected) as Record<string, unknown>;
  expect(parsed.$schema).toBe('http://json-schema.org/draft-07/schema#');
  expect(typeof parsed.$id).toBe('string');
  const resources = (parsed.properties as Record<string, Record<string, unknown>>).resources;
  const anyOf = ((resources.additionalProperties as Record<string, unknown>).then as Record<string, Record<string, Record<string, unknown>>>)
    .properties.properties.anyOf as unknown as { $ref: string }[];
  // The literal form is a definition of its own (the compiled validator checks it in its own function).
  expect(anyOf[0].$ref).toBe('#/definitions/containerProperties');
  const definitions = parsed.definitions as Record<string, { properties: Record<string, { title?: string; description?: string }> }>;
  const props = [definitions.containerProperties];
  const documented = Object.entries(props[0].properties);
  expect(documented.length).toBe(25);
  for (const [name, s] of documented) {
    expect([name, typeof s.title, typeof s.description]).toEqual([name, 'string', 'string']);
  }
});
