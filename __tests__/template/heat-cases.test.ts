/**
 * Heat-compatibility cases: every file under testdata/heat/{functions,hot,parameters} is a
 * template whose expected result is taken from Heat's own source, named in its `# source:`
 * line. It states the outputs it must resolve to (`# output <name>: <json>`) and/or the exact
 * diagnostics it must produce (`# expect: <code> <line>:<column>`, errors and warnings alike);
 * `# params: {json}` gives the parameters input.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { validateTemplateFile } from '../../src/template/validate.js';

const root = resolve(import.meta.dirname ?? '.', '../..');
const io = { readFile: (p: string) => readFileSync(p, 'utf8') };

interface HeatCase {
  file: string;
  source: string | undefined;
  expected: string[];
  outputs: [string, unknown][];
  params: Record<string, unknown>;
}

function readCases(group: string): HeatCase[] {
  const dir = join('testdata', 'heat', group);
  return readdirSync(join(root, dir))
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => {
      const file = join(dir, f);
      const text = readFileSync(join(root, file), 'utf8');
      const params = /^# params: (.*)$/m.exec(text);
      return {
        file,
        source: /^# source: (heat\/\S+ .+)$/m.exec(text)?.[1],
        expected: [...text.matchAll(/^# expect: ([a-z0-9-]+ \d+:\d+)\s*$/gm)].map((m) => m[1]),
        outputs: [...text.matchAll(/^# output ([\w-]+): (.*)$/gm)].map((m) => [m[1], JSON.parse(m[2]) as unknown]),
        params: params ? (JSON.parse(params[1]) as Record<string, unknown>) : {},
      };
    });
}

const groups = ['functions', 'hot', 'parameters'];
const cases = groups.flatMap(readCases);

test('every group holds cases', () => {
  for (const g of groups) expect(readCases(g).length).toBeGreaterThanOrEqual(5);
});

describe.each(cases)('$file', (c) => {
  test('names the Heat source it follows and states a result', () => {
    expect(c.source).toBeDefined();
    expect(c.expected.length + c.outputs.length).toBeGreaterThan(0);
  });
  test('behaves as stated', () => {
    const result = validateTemplateFile(
      {
        template: c.file,
        workspace: root,
        stackName: 'heat',
        parameters: c.params,
        environmentFiles: [],
        dockerEndpoint: 'unix:///var/run/docker.sock',
        endpoints: {},
      },
      io,
    );
    const seen = result.diagnostics.map((d) => `${d.code} ${d.line}:${d.column}`);
    expect({ file: c.file, seen: seen.sort(), messages: result.diagnostics.map((d) => d.message) })
      .toMatchObject({ file: c.file, seen: [...c.expected].sort() });
    for (const d of result.diagnostics) expect(d.message.length).toBeGreaterThan(10);
    if (c.outputs.length > 0) {
      expect(result.stack).toBeDefined();
      for (const [name, value] of c.outputs) expect([name, result.stack?.outputs[name]?.value]).toEqual([name, value]);
    }
  });
});
