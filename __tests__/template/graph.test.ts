import fc from 'fast-check';
import { loadTemplate } from '../../src/template/load.js';
import { dependencyOrder, findCycles, type DependencyEdge } from '../../src/template/graph.js';
import { checkTemplateSemantics } from '../../src/template/resolve.js';
import type { Diagnostic } from '../../src/diagnostics.js';

const files = { workspace: process.cwd(), readFile: (): string => { throw new Error('no file'); } };
const e = (from: string, to: string): DependencyEdge => ({ from, to, ptr: `/resources/${from}` });

function check(text: string): Diagnostic[] {
  const res = loadTemplate(text, 'testdata/templates/t.yaml');
  if (!res.ok) throw new Error(JSON.stringify(res.diagnostics));
  return checkTemplateSemantics(res.template, '2021-04-16', { values: {}, definitions: {} }, files);
}

describe('findCycles', () => {
  test('a two-node cycle', () => {
    const cycles = findCycles(['a', 'b'], [e('a', 'b'), e('b', 'a')]);
    expect(cycles.map((c) => c.chain)).toEqual([['a', 'b', 'a']]);
  });
  test('a three-node cycle starts at the first resource of the template', () => {
    const cycles = findCycles(['x', 'a', 'b', 'c'], [e('b', 'c'), e('c', 'a'), e('a', 'b'), e('x', 'b')]);
    expect(cycles.map((c) => c.chain)).toEqual([['a', 'b', 'c', 'a']]);
    expect(cycles[0].edge).toEqual(e('a', 'b'));
  });
  test('two separate cycles are both found', () => {
    const cycles = findCycles(['a', 'b', 'c', 'd'], [e('a', 'b'), e('b', 'a'), e('c', 'd'), e('d', 'c')]);
    expect(cycles.map((c) => c.chain.join(' -> '))).toEqual(['a -> b -> a', 'c -> d -> c']);
  });
  test('a diamond is not a cycle', () => {
    expect(findCycles(['a', 'b', 'c', 'd'], [e('a', 'b'), e('a', 'c'), e('b', 'd'), e('c', 'd')])).toEqual([]);
  });
  test('a long chain does not overflow the stack', () => {
    const names = Array.from({ length: 20000 }, (_, i) => `r${i}`);
    const edges = names.slice(1).map((n, i) => e(n, names[i]));
    expect(findCycles(names, [...edges, e('r0', 'r19999')])).toHaveLength(1);
  });
});

describe('dependencyOrder', () => {
  test('dependencies first, template order otherwise', () => {
    expect(dependencyOrder(['web', 'db', 'cache'], [e('web', 'db'), e('web', 'cache')])).toEqual(['db', 'cache', 'web']);
    expect(dependencyOrder(['a', 'b', 'c'], [])).toEqual(['a', 'b', 'c']);
  });
  test('property: every acyclic edge is respected and every node appears once', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.array(fc.tuple(fc.nat(11), fc.nat(11))), (n, pairs) => {
        const names = Array.from({ length: n }, (_, i) => `n${i}`);
        // Edges only from a later index to an earlier one: always acyclic.
        const edges = pairs.filter(([a, b]) => a < n && b < a).map(([a, b]) => e(names[a], names[b]));
        const order = dependencyOrder(names, edges);
        expect([...order].sort()).toEqual([...names].sort());
        for (const edge of edges) expect(order.indexOf(edge.to)).toBeLessThan(order.indexOf(edge.from));
        expect(findCycles(names, edges)).toEqual([]);
      }),
    );
  });
});

const C = 'DockerInc::Docker::Container';

describe('references in templates', () => {
  test('a cycle through depends_on and get_attr, reported once with its chain', () => {
    const ds = check(`heat_template_version: 2021-04-16
resources:
  a:
    type: ${C}
    depends_on: c
    properties: {image: x}
  b:
    type: ${C}
    properties: {image: x, hostname: {get_attr: [a, network_ip]}}
  c:
    type: ${C}
    properties: {image: {get_resource: b}}
`);
    expect(ds.map((d) => [d.code, d.line, d.column, d.message])).toEqual([
      ['dependency-cycle', 5, 17, 'dependency cycle: a -> c -> b -> a'],
    ]);
  });

  test('depends_on naming no resource, self-dependency, names with a slash', () => {
    const ds = check(`heat_template_version: 2021-04-16
resources:
  web:
    type: ${C}
    depends_on: [dbb, web]
    properties: {image: x}
  db:
    type: ${C}
    properties: {image: x, name: {get_resource: db}}
  a/b:
    type: ${C}
    properties: {image: x}
`);
    expect(ds.map((d) => [d.code, d.line, d.column])).toEqual([
      ['invalid-resource-name', 10, 3],
      ['unknown-resource', 5, 18],
      ['self-dependency', 5, 23],
      ['self-dependency', 9, 49],
    ]);
    expect(ds[1].message).toBe("resource 'web' depends on 'dbb', which is not a resource of this template (did you mean 'db'?)");
  });
});
