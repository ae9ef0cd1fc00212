import { validateTemplateText } from '../../src/template/validate.js';
import type { Diagnostic } from '../../src/diagnostics.js';

const TYPE = 'DockerInc::Docker::Container';
const io = { readFile: (): string => { throw new Error('no files here'); } };

function settings(endpointNames: string[]) {
  return {
    template: 't.yaml', workspace: '/w', stackName: 'shop', parameters: {}, environmentFiles: [],
    dockerEndpoint: 'unix:///var/run/docker.sock', endpoints: Object.fromEntries(endpointNames.map((n) => [n, { url: `tcp://${n}:2376` }])),
  };
}

/** Resources a, b, c; `placement` (YAML lines, indented under `placement:`) goes on a. */
function template(placement: string[], aProps = '{image: app:1}'): string {
  return [
    'heat_template_version: 2021-04-16',
    'resources:',
    '  a:',
    `    type: ${TYPE}`,
    `    properties: ${aProps}`,
    '    metadata:',
    '      hotdock:',
    '        placement:',
    ...placement.map((l) => `          ${l}`),
    '  b:',
    `    type: ${TYPE}`,
    '    properties: {image: app:1}',
    '  c:',
    `    type: ${TYPE}`,
    '    properties: {image: app:1}',
    '',
  ].join('\n');
}

/** The plain properties of a. */
const P = '{image: app:1}';
const shown = (d: Diagnostic): string => `${d.severity} ${d.line}:${d.column} ${d.message}`;

function run(text: string, endpoints = ['h1', 'h2']) {
  return validateTemplateText(text, settings(endpoints), io);
}

test('valid rules reach the resolved resource, names or lists alike', () => {
  const r = run(template(['allow: [h1, h2]', 'avoid: []', 'apart_from: b', 'together_with: [c]']));
  expect(r.diagnostics).toEqual([]);
  expect(r.stack?.resources.find((x) => x.name === 'a')?.placement).toEqual({ allow: ['h1', 'h2'], apartFrom: ['b'], togetherWith: ['c'] });
  expect(r.stack?.resources.find((x) => x.name === 'b')?.placement).toBeUndefined();
});

test.each<[string, string[], string[], string]>([
  ['an unknown key, at the key, with a suggestion', ['apart-from: b'], ["error 9:11 resource 'a': metadata.hotdock.placement: unknown key 'apart-from'; did you mean 'apart_from'? (expected allow, avoid, apart_from, together_with)"], P],
  ['an unknown endpoint, at the list item', ['allow: [h1, h3]'], ["error 9:23 resource 'a': metadata.hotdock.placement: unknown endpoint 'h3'; did you mean 'h1'? (the endpoints input has h1, h2)"], P],
  ['an unknown resource', ['apart_from: [bb]'], ["error 9:24 resource 'a': metadata.hotdock.placement: unknown resource 'bb'; did you mean 'b'?"], P],
  ['the resource itself', ['together_with: a'], ["error 9:26 resource 'a': metadata.hotdock.placement: together_with names the resource itself"], P],
  ['allowed and avoided', ['allow: h1', 'avoid: [h2, h1]'], ["error 10:23 resource 'a': metadata.hotdock.placement: endpoint 'h1' is both allowed and avoided"], P],
  ['apart and together', ['apart_from: b', 'together_with: b'], ["error 10:26 resource 'a': metadata.hotdock.placement: resource 'b' is both kept apart and together"], P],
  // (A pseudo parameter: metadata is evaluated elsewhere, and a missing parameter would be its own error.)
  ['a function is not evaluated here', ['avoid: {get_param: OS::stack_name}'], ["error 9:18 resource 'a': metadata.hotdock.placement: avoid takes a name or a list of names, written literally; got {\"get_param\":\"OS::stack_name\"}"], P],
  ['a list of something else', ['allow: [1, {x: y}]'], [
    "error 9:19 resource 'a': metadata.hotdock.placement: allow takes a name or a list of names, written literally; got 1",
    "error 9:22 resource 'a': metadata.hotdock.placement: allow takes a name or a list of names, written literally; got {\"x\":\"y\"}",
  ], P],
  ['a docker_endpoint its own rules refuse', ['avoid: h1'], ["error 9:18 resource 'a': metadata.hotdock.placement: docker_endpoint 'h1' is an endpoint it avoids"], '{image: app:1, docker_endpoint: h1}'],
  ['a docker_endpoint outside its allow list', ['allow: [h2]'], ["error 9:19 resource 'a': metadata.hotdock.placement: docker_endpoint 'h1' is not among the endpoints it allows"], '{image: app:1, docker_endpoint: h1}'],
])('%s', (_about, placement, expected, props) => {
  const r = run(template(placement, props));
  expect(r.diagnostics.map(shown)).toEqual(expected);
  expect(r.diagnostics.every((d) => d.code === 'invalid-placement' && d.file === 't.yaml')).toBe(true);
  expect(r.stack).toBeUndefined();
});

test('without endpoints entries, endpoint names are a warning (the rules apply to a pool only), and the stack still validates', () => {
  const r = run(template(['avoid: [h1]', 'apart_from: b']), []);
  expect(r.diagnostics.map(shown)).toEqual(["warning 9:19 resource 'a': metadata.hotdock.placement: names endpoints, but the endpoints input has no entries: allow and avoid only apply to a pool of endpoints entries"]);
  expect(r.stack?.resources[0].placement).toEqual({ avoid: ['h1'], apartFrom: ['b'] });
});

test('placement that is not a mapping, and hotdock that is not one', () => {
  expect(run(template([]).replace('        placement:\n', '        placement: [h1]\n')).diagnostics.map(shown))
    .toEqual(["error 8:20 resource 'a': metadata.hotdock.placement: expected a mapping with allow, avoid, apart_from, together_with"]);
  expect(run(template([]).replace('      hotdock:\n        placement:\n', '      hotdock: yes\n')).diagnostics.map(shown))
    .toEqual(["error 7:16 resource 'a': metadata.hotdock must be a mapping"]);
});

test('other metadata is left alone', () => {
  // (An unknown hotdock key is service-metadata-checks.ts's to warn of.)
  const text = template([]).replace('      hotdock:\n        placement:\n', '      team: shop\n      hotdock: {replicas: 1}\n');
  expect(run(text).diagnostics).toEqual([]);
});

test("withPlacement joins the template's rules to those set before (a group's), never replacing them", async () => {
  const { withPlacement } = await import('../../src/template/placement-checks.js');
  const r = run(template(['apart_from: b']));
  const stack = { ...r.stack!, resources: r.stack!.resources.map((x) => ({ ...x, placement: { preferApartFrom: ['c'], apartFrom: ['c'] } })) };
  const joined = withPlacement(stack, new Map([['a', { apartFrom: ['b'] }]]));
  expect(joined.resources[0].placement).toEqual({ apartFrom: ['c', 'b'], preferApartFrom: ['c'] });
  expect(joined.resources[1].placement).toEqual({ preferApartFrom: ['c'], apartFrom: ['c'] });
});
