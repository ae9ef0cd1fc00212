/**
 * Members of a group placed across a pool keep apart: the template stage gives each member
 * `preferApartFrom` its siblings, so a member goes where the fewest of them are, whatever else runs
 * there; changing count moves no member that stays. Members are resolved from real templates here,
 * so the rule tested is the one the resolver sets.
 */
import { placeResources } from '../../src/spec/endpoints.js';
import type { PlacementResource } from '../../src/spec/placement-pool.js';
import { placementInput } from '../../src/engine/place-stack.js';
import { validateTemplateText } from '../../src/template/validate.js';
import { testSettings } from '../helpers/stack.js';

const settings = testSettings('st', { endpoints: { a: { url: 'tcp://10.0.0.1:2375' }, b: { url: 'tcp://10.0.0.2:2375' }, c: { url: 'tcp://10.0.0.3:2375' } } });

type Input = { name: string; group?: string; endpointRef?: string };

/** The placement input the run builds (place-stack.ts) from a stack resolved from a template with these groups. */
function resolvedInput(resources: Input[]): PlacementResource[] {
  const groups = new Map<string, number>();
  for (const r of resources) if (r.group) groups.set(r.group, (groups.get(r.group) ?? 0) + 1);
  const lines = ['heat_template_version: 2021-04-16', 'resources:'];
  for (const [g, count] of groups) {
    lines.push(`  ${g}:`, '    type: OS::Heat::ResourceGroup', `    properties: {count: ${count}, resource_def: {type: DockerInc::Docker::Container, properties: {image: nginx}}}`);
  }
  for (const r of resources.filter((x) => !x.group)) {
    lines.push(`  ${r.name}:`, '    type: DockerInc::Docker::Container', `    properties: {image: nginx${r.endpointRef ? `, docker_endpoint: ${r.endpointRef}` : ''}}`);
  }
  const v = validateTemplateText(lines.join('\n'), settings, { readFile: () => '' });
  if (!v.stack) throw new Error(JSON.stringify(v.diagnostics));
  return placementInput(v.stack);
}

function where(resources: Input[], options = {}): Record<string, string> {
  const placed = placeResources(resolvedInput(resources), settings, options);
  if ('error' in placed) throw new Error(placed.error);
  return Object.fromEntries([...placed].map(([k, v]) => [k, v.name]));
}

const members = (n: number, group = 'web') => Array.from({ length: n }, (_, i) => ({ name: `${group}-${i}`, group }));

test('three members over three endpoints: one each, even when other resources fill one endpoint first', () => {
  // alpha and beta sort before web-*: by plain spread, web-0 would go to c, web-1 to a...; apart, each gets its own.
  const got = where([{ name: 'alpha', endpointRef: 'a' }, { name: 'beta', endpointRef: 'a' }, ...members(3)]);
  expect(new Set([got['web-0'], got['web-1'], got['web-2']]).size).toBe(3);
});

test('binpack still keeps members apart', () => {
  const got = where(members(3), { strategy: 'binpack' });
  expect(new Set(Object.values(got)).size).toBe(3);
  // ...while resources without a group are packed together.
  const packed = where([{ name: 'x' }, { name: 'y' }], { strategy: 'binpack' });
  expect(packed.x).toBe(packed.y);
});

test('six members on three endpoints: two each; two groups each spread on their own', () => {
  const got = where([...members(6), ...members(3, 'db')]);
  const per = (g: string) => Object.entries(got).filter(([k]) => k.startsWith(`${g}-`)).map(([, v]) => v).sort();
  expect(per('web')).toEqual(['a', 'a', 'b', 'b', 'c', 'c']);
  expect(per('db')).toEqual(['a', 'b', 'c']);
});

test('count grows: members that exist stay where they run; new ones go where the group has fewest', () => {
  const current = { 'web-0': 'a', 'web-1': 'a', 'web-2': 'b' };
  const got = where(members(5), { current });
  expect(got['web-0']).toBe('a');
  expect(got['web-1']).toBe('a');
  expect(got['web-2']).toBe('b');
  expect([got['web-3'], got['web-4']].sort()).toEqual(['b', 'c']);
});

test('each member would rather be apart from its siblings, and only from them', () => {
  const input = resolvedInput([...members(3), { name: 'other' }]);
  const byName = Object.fromEntries(input.map((r) => [r.name, r.constraints]));
  expect(byName['web-1']).toEqual({ preferApartFrom: ['web-0', 'web-2'] });
  expect(byName.other).toBeUndefined();
});

test('binpack: when the engine a member would rather take has no room, the preference gives way, no error', () => {
  // web-0 → a, web-1 → b (apart), web-2 would rather take c, but 512 MiB does not fit in its 256.
  const facts = new Map([['a', { memTotal: 2 ** 30 }], ['b', { memTotal: 2 ** 30 }], ['c', { memTotal: 2 ** 28 }]]);
  const input = resolvedInput(members(3)).map((r) => ({ ...r, memory: 2 ** 29 }));
  const placed = placeResources(input, settings, { strategy: 'binpack', facts });
  if ('error' in placed) throw new Error(placed.error);
  expect(Object.fromEntries([...placed].map(([k, v]) => [k, v.name]))).toEqual({ 'web-0': 'a', 'web-1': 'b', 'web-2': 'a' });
});

test("resource_def metadata reaches every member, index_var replaced; its placement rules join the siblings rule", () => {
  const text = [
    'heat_template_version: 2021-04-16',
    'resources:',
    '  db:',
    '    type: DockerInc::Docker::Container',
    '    properties: {image: postgres}',
    '  web:',
    '    type: OS::Heat::ResourceGroup',
    '    properties:',
    '      count: 2',
    '      resource_def:',
    '        type: DockerInc::Docker::Container',
    "        metadata: {role: 'web-%index%', hotdock: {placement: {apart_from: db, avoid: c}}}",
    '        properties: {image: nginx}',
  ].join('\n');
  const v = validateTemplateText(text, settings, { readFile: () => '' });
  expect(v.diagnostics).toEqual([]);
  const byName = Object.fromEntries((v.stack?.resources ?? []).map((r) => [r.name, r]));
  expect(byName['web-1'].metadata).toEqual({ role: 'web-1', hotdock: { placement: { apart_from: 'db', avoid: 'c' } } });
  expect(byName['web-1'].placement).toEqual({ avoid: ['c'], apartFrom: ['db'], preferApartFrom: ['web-0'] });
  expect(byName['web-0'].placement).toEqual({ avoid: ['c'], apartFrom: ['db'], preferApartFrom: ['web-1'] });
  const placed = placeResources(placementInput(v.stack!), settings);
  if ('error' in placed) throw new Error(placed.error);
  // db on a; the members may not join it nor use c: both on b, the soft rule giving way.
  expect(Object.fromEntries([...placed].map(([k, t]) => [k, t.name]))).toEqual({ db: 'a', 'web-0': 'b', 'web-1': 'b' });
});

test('a placement problem in resource_def metadata is reported once, naming the other members', () => {
  const text = [
    'heat_template_version: 2021-04-16',
    'resources:',
    '  web:',
    '    type: OS::Heat::ResourceGroup',
    '    properties:',
    '      count: 3',
    '      resource_def:',
    '        type: DockerInc::Docker::Container',
    '        metadata: {hotdock: {placement: {avoid: x}}}',
    '        properties: {image: nginx}',
  ].join('\n');
  const v = validateTemplateText(text, settings, { readFile: () => '' });
  expect(v.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`)).toEqual([
    "9:49 resource 'web-0': metadata.hotdock.placement: unknown endpoint 'x' (the endpoints input has a, b, c) (also web-1, web-2)",
  ]);
});

test('a rule naming a group holds for each member: apart_from the own group is a hard apart', () => {
  const text = (count: number, dbRule = '') => [
    'heat_template_version: 2021-04-16',
    'resources:',
    '  db:',
    '    type: DockerInc::Docker::Container',
    `    properties: {image: postgres}${dbRule}`,
    '  web:',
    '    type: OS::Heat::ResourceGroup',
    '    properties:',
    `      count: ${count}`,
    '      resource_def:',
    '        type: DockerInc::Docker::Container',
    '        metadata: {hotdock: {placement: {apart_from: web}}}',
    '        properties: {image: nginx}',
  ].join('\n');
  const v = validateTemplateText(text(3), settings, { readFile: () => '' });
  expect(v.diagnostics).toEqual([]);
  expect(v.stack?.resources.find((r) => r.name === 'web-1')?.placement).toEqual({ apartFrom: ['web-0', 'web-2'], preferApartFrom: ['web-0', 'web-2'] });
  // Four members kept strictly apart on three engines: the fourth has nowhere to go.
  const four = validateTemplateText(text(4), settings, { readFile: () => '' });
  const placed = placeResources(placementInput(four.stack!), settings);
  expect('error' in placed && placed.error).toMatch(/resource 'web-3': no endpoint of the pool satisfies its placement/);
  // db kept apart from the whole group: on the one engine no member uses.
  const withDb = validateTemplateText(text(2, '\n    metadata: {hotdock: {placement: {apart_from: web}}}'), settings, { readFile: () => '' });
  expect(withDb.stack?.resources.find((r) => r.name === 'db')?.placement).toEqual({ apartFrom: ['web-0', 'web-1'] });
  const got = placeResources(placementInput(withDb.stack!), settings);
  if ('error' in got) throw new Error(got.error);
  expect(new Set([...got.values()].map((t) => t.name)).size).toBe(3);
});

test('Swarm knobs in resource_def metadata are checked once for the group, at their line', () => {
  const text = [
    'heat_template_version: 2021-04-16',
    'resources:',
    '  web:',
    '    type: OS::Heat::ResourceGroup',
    '    properties:',
    '      count: 2',
    '      resource_def:',
    '        type: DockerInc::Docker::Container',
    '        metadata: {hotdock: {publish: nowhere}}',
    '        properties: {image: nginx}',
  ].join('\n');
  const v = validateTemplateText(text, settings, { readFile: () => '' });
  expect(v.diagnostics.map((d) => [d.severity, d.line, d.code, /\(also web-1\)$/.test(d.message)])).toEqual([['warning', 9, 'invalid-service-metadata', true]]);
});
