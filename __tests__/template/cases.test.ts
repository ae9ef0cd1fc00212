/**
 * Table-driven template cases: every file under testdata/templates/{valid,invalid} states the
 * diagnostics it must produce in `# expect: <code> <line>:<column>` comment lines (and the
 * parameters input in an optional `# params: {json}` line). The whole validator runs on each.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { validateTemplateFile } from '../../src/template/validate.js';

const root = resolve(import.meta.dirname ?? '.', '../..');
const io = { readFile: (p: string) => readFileSync(p, 'utf8') };

interface Case {
  file: string;
  expected: { code: string; line: number; column: number }[];
  params: Record<string, unknown>;
}

function readCases(kind: 'valid' | 'invalid'): Case[] {
  const dir = join('testdata', 'templates', kind);
  return readdirSync(join(root, dir))
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => {
      const file = join(dir, f);
      const text = readFileSync(join(root, file), 'utf8');
      const expected = [...text.matchAll(/^# expect: ([a-z0-9-]+) (\d+):(\d+)\s*$/gm)].map((m) => ({
        code: m[1],
        line: Number(m[2]),
        column: Number(m[3]),
      }));
      const paramsLine = /^# params: (.*)$/m.exec(text);
      return { file, expected, params: paramsLine ? JSON.parse(paramsLine[1]) : {} };
    });
}

function validate(c: Case) {
  return validateTemplateFile(
    {
      template: c.file,
      workspace: root,
      stackName: 'cases',
      parameters: c.params,
      environmentFiles: [],
      dockerEndpoint: 'unix:///var/run/docker.sock',
      endpoints: {},
    },
    io,
  ).diagnostics;
}

const invalid = readCases('invalid');
const valid = readCases('valid');

test('the table holds at least 60 invalid and 20 valid templates', () => {
  expect(invalid.length).toBeGreaterThanOrEqual(60);
  expect(valid.length).toBeGreaterThanOrEqual(20);
});

describe.each(invalid)('invalid $file', (c) => {
  test('states what it expects', () => expect(c.expected.length).toBeGreaterThan(0));
  test('produces exactly the stated errors', () => {
    const got = validate(c);
    const seen = got.map((d) => `${d.code} ${d.line}:${d.column}`);
    for (const e of c.expected) expect(seen).toContain(`${e.code} ${e.line}:${e.column}`);
    const stated = new Set(c.expected.map((e) => `${e.code} ${e.line}:${e.column}`));
    const extraErrors = got.filter((d) => d.severity === 'error' && !stated.has(`${d.code} ${d.line}:${d.column}`));
    expect(extraErrors.map((d) => `${d.code} ${d.line}:${d.column} ${d.message}`)).toEqual([]);
    for (const d of got) {
      expect(d.file).toBe(c.file);
      expect(d.message.length).toBeGreaterThan(10);
    }
  });
});

describe.each(valid)('valid $file', (c) => {
  test('produces no error and only the stated warnings', () => {
    const got = validate(c);
    expect(got.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.line}:${d.column} ${d.message}`)).toEqual([]);
    const seen = got.map((d) => `${d.code} ${d.line}:${d.column}`);
    expect(seen.sort()).toEqual(c.expected.map((e) => `${e.code} ${e.line}:${e.column}`).sort());
  });
});
