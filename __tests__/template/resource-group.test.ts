/**
 * OS::Heat::ResourceGroup through the whole template validator: expansion into `<group>-<index>`
 * members, index_var, removal_policies, depends_on, get_attr on the group (Heat's lists and maps
 * as deploy-time references to members), and line-accurate diagnostics naming the member.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { validateTemplateText } from '../../src/template/validate.js';
import fc from 'fast-check';
import { memberIndexes, substituteIndex, MAX_GROUP_COUNT } from '../../src/template/resource-group.js';

const root = resolve(import.meta.dirname ?? '.', '../..');
const io = { readFile: (p: string) => readFileSync(p, 'utf8') };

function run(text: string, parameters: Record<string, unknown> = {}) {
  return validateTemplateText(text, {
    template: 'group.yaml', workspace: root, stackName: 'st', parameters, environmentFiles: [],
    dockerEndpoint: 'unix:///var/run/docker.sock', endpoints: {},
  }, io);
}

const webGroup = readFileSync(resolve(root, 'testdata/heat/groups/web-group.yaml'), 'utf8');

/** A template with one group; `props` are the group's extra property lines, `def` resource_def's. */
function group(props: string, def = '', extra = ''): string {
  return `heat_template_version: 2021-04-16
resources:
  web:
    type: OS::Heat::ResourceGroup
    properties:
${props}
      resource_def:
        type: DockerInc::Docker::Container
        properties:
          image: busybox:1
${def}${extra}`;
}

describe('expansion', () => {
  test('count 4: members web-0..web-3 of type container, index_var replaced in every string, depends_on carried', () => {
    const r = run(webGroup);
    expect(r.diagnostics).toEqual([]);
    const res = r.stack?.resources ?? [];
    expect(res.map((x) => x.name)).toEqual(['db', 'web-0', 'web-1', 'web-2', 'web-3', 'proxy']);
    const web2 = res.find((x) => x.name === 'web-2');
    expect(web2?.type).toBe('DockerInc::Docker::Container');
    expect(web2?.group).toEqual({ name: 'web', index: 2 });
    expect(web2?.properties.name).toBe('web-2');
    expect(web2?.properties.hostname).toBe('web2');
    expect((web2?.properties.env as unknown[])[0]).toBe('INDEX=2');
    // The reference inside is left for deploy time, untouched by the substitution.
    expect((web2?.properties.env as unknown[])[1]).toEqual({ str_replace: { template: 'DB=$ip', params: { $ip: { get_attr: ['db', 'network_ip'] } } } });
    expect(web2?.dependsOn).toEqual(['db']);
    expect(web2?.pointer).toBe('/resources/web/properties/resource_def');
  });

  test('count from a parameter, and count 0 gives no member', () => {
    expect(run(webGroup, { replicas: 2 }).stack?.resources.map((x) => x.name)).toEqual(['db', 'web-0', 'web-1', 'proxy']);
    const none = run(webGroup.replace(/\n {2}first_ip:[^]*$/, '\n'), { replicas: 0 });
    expect(none.diagnostics).toEqual([]);
    expect(none.stack?.resources.map((x) => x.name)).toEqual(['db', 'proxy']);
    expect(none.stack?.outputs.ips.value).toEqual([]);
  });

  test('a custom index_var; a name property without it is fine for one member', () => {
    const r = run(group('      count: 2\n      index_var: "@n@"', '          hostname: h@n@-%index%\n'));
    expect(r.diagnostics).toEqual([]);
    expect(r.stack?.resources.map((x) => x.properties.hostname)).toEqual(['h0-%index%', 'h1-%index%']);
    expect(run(group('      count: 1', '          name: only\n')).diagnostics).toEqual([]);
  });

  test('removal_policies: listed members are removed first and their indexes never reused', () => {
    const r = run(group('      count: 3\n      removal_policies: [{resource_list: ["1", web-3]}]'));
    expect(r.diagnostics).toEqual([]);
    expect(r.stack?.resources.map((x) => x.name)).toEqual(['web-0', 'web-2', 'web-4']);
    expect(memberIndexes(3, new Set([1, 3]))).toEqual([0, 2, 4]);
  });

  test('depends_on a group waits for every member; get_attr on the group depends on every member', () => {
    const r = run(webGroup, { replicas: 2 });
    const proxy = r.stack?.resources.find((x) => x.name === 'proxy');
    expect(proxy?.dependsOn).toEqual(['web-0', 'web-1']);
    const t = group('      count: 2', '', `  after:
    type: DockerInc::Docker::Container
    depends_on: [web]
    properties: {image: busybox:1}
`);
    expect(run(t).stack?.resources.find((x) => x.name === 'after')?.dependsOn).toEqual(['web-0', 'web-1']);
  });

  test('substituteIndex leaves keys and references alone', () => {
    expect(substituteIndex({ 'k%index%': ['a%index%', { get_attr: ['x%index%', 'y'] }, 3] }, '%index%', 7))
      .toEqual({ 'k%index%': ['a7', { get_attr: ['x%index%', 'y'] }, 3] });
  });
});

describe('get_attr on a group, as Heat answers it', () => {
  const outputs = run(webGroup, { replicas: 2 }).stack?.outputs ?? {};
  test('[group, attr]: the list of members\' attr, index order', () => {
    expect(outputs.ips.value).toEqual([{ get_attr: ['web-0', 'network_ip'] }, { get_attr: ['web-1', 'network_ip'] }]);
  });
  test('refs, refs_map, attributes', () => {
    expect(outputs.ids.value).toEqual([{ get_resource: 'web-0' }, { get_resource: 'web-1' }]);
    expect(outputs.by_index.value).toEqual({ 0: { get_resource: 'web-0' }, 1: { get_resource: 'web-1' } });
    expect(outputs.ip_map.value).toEqual({ 0: { get_attr: ['web-0', 'network_ip'] }, 1: { get_attr: ['web-1', 'network_ip'] } });
  });
  test('resource.N, resource.N.attr and [group, resource.N, attr]', () => {
    expect(outputs.first_ip.value).toEqual({ get_attr: ['web-0', 'network_ip'] });
    expect(outputs.second_ip.value).toEqual({ get_attr: ['web-1', 'network_ip'] });
    expect(outputs.first_id.value).toEqual({ get_resource: 'web-0' });
  });
  test('a function over the list is kept for deploy time with the member references inside', () => {
    const proxy = run(webGroup, { replicas: 2 }).stack?.resources.find((x) => x.name === 'proxy');
    expect(proxy?.properties.env).toEqual([{ list_join: [',', [{ get_attr: ['web-0', 'network_ip'] }, { get_attr: ['web-1', 'network_ip'] }]] }]);
  });
});

describe('diagnostics point at the group\'s lines', () => {
  const at = (text: string) => run(text).diagnostics.map((d) => `${d.code} ${d.line}:${d.column}`);

  test('a name without %index% for several members', () => {
    const r = run(group('      count: 2', '          name: fixed\n'));
    expect(r.diagnostics.map((d) => `${d.code} ${d.line}:${d.column}`)).toEqual(['group-name-not-indexed 11:17']);
    expect(r.diagnostics[0].message).toMatch(/'fixed' would be the same for all 2 members; put %index% in it/);
    expect(r.stack).toBeUndefined();
  });

  test('a member problem names the member and points into resource_def', () => {
    const r = run(group('      count: 2', '          port_bindings: {80: 8080}\n'));
    expect(r.diagnostics.map((d) => `${d.code} ${d.line}:${d.column}`)).toEqual(['duplicate-host-port 11:31']);
    expect(r.diagnostics[0].message).toMatch(/resource 'web-1': host port 8080\/tcp .* already bound by resource 'web-0'/);
  });

  test('a literal with %index% valid for member 0 but not for the last member is an error naming it', () => {
    const r = run(group('      count: 10', "          port_bindings: {80: '6553%index%'}\n"));
    expect(r.diagnostics.map((d) => `${d.line}:${d.column}`)).toEqual(['11:31']);
    expect(r.diagnostics[0].message).toMatch(/^resource 'web-6': .*65536.*\(also web-7, web-8, web-9\)$/);
    expect(run(group('      count: 6', "          port_bindings: {80: '6553%index%'}\n")).diagnostics).toEqual([]);
  });

  test('the same problem in every member is reported once, naming the others', () => {
    const t = `heat_template_version: 2021-04-16
parameters:
  mem: {type: string, default: lots}
resources:
  web:
    type: OS::Heat::ResourceGroup
    properties:
      count: 3
      resource_def:
        type: DockerInc::Docker::Container
        properties:
          image: busybox:1
          memory: {get_param: mem}
          port_bindings: {80: 8080}
`;
    const r = run(t);
    expect(r.diagnostics.map((d) => `${d.code} ${d.line}:${d.column}`)).toEqual(['invalid-property-value 13:19', 'duplicate-host-port 14:31']);
    expect(r.diagnostics[0].message).toMatch(/^resource 'web-0': .*\(also web-1, web-2\)$/);
    expect(r.diagnostics[1].message).toMatch(/^resource 'web-1': .*'web-0'.*\(also web-2\)$/);
  });

  test('schema: an unknown property in resource_def, a wrong count, a wrong type of member', () => {
    expect(at(group('      count: 2', '          imagee: x\n'))).toContain('unknown-key 11:11');
    expect(at(group('      count: -1'))).toEqual(['invalid-value 6:14']);
    expect(at(group('      count: two'))).toEqual(['wrong-type 6:14']);
    expect(at(group('      count: 1').replace('type: DockerInc::Docker::Container', 'type: OS::Nova::Server'))).toEqual(['invalid-value 8:15']);
    expect(at(group('      count: 1\n      countt: 2'))[0]).toBe('unknown-property 7:7');
  });

  test('unsupported resource types name both types hotdock knows', () => {
    const r = run('heat_template_version: 2021-04-16\nresources:\n  x:\n    type: OS::Heat::ResourceGroupp\n    properties: {}\n');
    expect(r.diagnostics.map((d) => d.code)).toEqual(['unsupported-resource-type']);
    expect(r.diagnostics[0].message).toMatch(/did you mean 'OS::Heat::ResourceGroup'/);
  });

  test('count known only at deploy time, removal_policies naming no member', () => {
    const dyn = group('      count: {get_attr: [db, network_ip]}', '', '  db:\n    type: DockerInc::Docker::Container\n    properties: {image: busybox:1}\n');
    expect(at(dyn)).toEqual(['value-unknown-before-deploy 6:14']);
    expect(at(group('      count: 2\n      removal_policies: [{resource_list: [other-1]}]'))).toEqual(['invalid-value 7:43']);
  });

  test('get_attr on a group: unknown attribute, member out of range, attributes without a name, get_resource', () => {
    const out = (value: string) => group('      count: 2', '', `outputs:\n  o:\n    value: ${value}\n`);
    expect(at(out('{get_attr: [web, nope]}'))).toEqual(['unknown-attribute 13:29']);
    expect(run(out('{get_attr: [web, nope]}')).diagnostics[0].message).toMatch(/group 'web' has no attribute 'nope'; a group has refs, refs_map/);
    expect(at(out('{get_attr: [web, resource.5.network_ip]}'))).toEqual(['unknown-member 13:29']);
    expect(at(out('{get_attr: [web, resource.1.nope]}'))).toEqual(['unknown-attribute 13:29']);
    expect(at(out('{get_attr: [web, resource.1, nope]}'))).toEqual(['unknown-attribute 13:41']);
    expect(at(out('{get_attr: [web, attributes]}'))).toEqual(['invalid-function-args 13:29']);
    expect(at(out('{get_attr: [web, refs, 9]}'))).toEqual(['index-out-of-range 13:35']);
    expect(at(out('{get_resource: web}'))).toEqual(['group-reference 13:13']);
    // [group] alone (every attribute, 2015-10-15 on) names no attribute to collect.
    expect(at(out('{get_attr: [web]}'))).toEqual(['invalid-function-args 13:13']);
  });

  test('beside Heat glue and CloudFormation functions: Ref of a group is refused like get_resource; OS::Heat::Value reads a group', () => {
    const legacy = group('      count: 2', '', 'outputs:\n  o:\n    value: {Ref: web}\n').replace('2021-04-16', '2013-05-23');
    expect(at(legacy)).toEqual(['group-reference 13:13']);
    const value = group('      count: 2', '', '  ips:\n    type: OS::Heat::Value\n    properties: {value: {get_attr: [web, refs]}}\noutputs:\n  o:\n    value: {get_attr: [ips, value]}\n');
    const r = run(value);
    expect(r.diagnostics).toEqual([]);
    expect(r.stack?.resources.map((x) => x.name)).toEqual(['web-0', 'web-1']);
    expect(r.stack?.outputs.o.value).toEqual([{ get_resource: 'web-0' }, { get_resource: 'web-1' }]);
    expect(run(group('', '').replace('OS::Heat::ResourceGroup', 'OS::Heat::ResourceGrup')).diagnostics[0].message)
      .toBe("unsupported resource type 'OS::Heat::ResourceGrup': hotdock deploys DockerInc::Docker::Container (did you mean 'OS::Heat::ResourceGroup'?)");
  });

  test("update_policy of a group: Heat's rolling_update is refused by name, not as a container's", () => {
    const t = group('      count: 2').replace('    type: OS::Heat::ResourceGroup\n', '    type: OS::Heat::ResourceGroup\n    update_policy: {rolling_update: {max_batch_size: 1}}\n');
    expect(at(t)).toEqual(['unknown-update-policy 5:21']);
    expect(run(t).diagnostics[0].message).toBe("update_policy of group 'web': 'rolling_update' is not supported: hotdock replaces each changed member safely, without batches or pauses; remove it");
  });

  test('a member name taken by another resource', () => {
    const t = group('      count: 2', '', '  web-1:\n    type: DockerInc::Docker::Container\n    properties: {image: busybox:1}\n');
    expect(at(t)).toEqual(['duplicate-resource 3:3']);
  });
});

describe('properties', () => {
  test('memberIndexes: count distinct ascending indexes, none of them removed, the lowest free ones', () => {
    fc.assert(fc.property(fc.nat(60), fc.uniqueArray(fc.nat(80), { maxLength: 30 }), (count, removed) => {
      const got = memberIndexes(count, new Set(removed));
      expect(got).toHaveLength(count);
      expect(got.some((i) => removed.includes(i))).toBe(false);
      expect([...got].sort((a, b) => a - b)).toEqual(got);
      const top = got.length > 0 ? got[got.length - 1] : -1;
      // Every free index below the highest member is a member: removed ones are skipped, never others.
      for (let i = 0; i < top; i++) expect(got.includes(i) || removed.includes(i)).toBe(true);
    }));
  });

  test('any count and removal list validates without throwing, into exactly count members', () => {
    fc.assert(fc.property(fc.integer({ min: -3, max: 40 }), fc.array(fc.oneof(fc.nat(50), fc.constantFrom('web-2', 'x', '3', '-1')), { maxLength: 6 }), (count, list) => {
      const r = run(group(`      count: ${count}\n      removal_policies: [{resource_list: ${JSON.stringify(list)}}]`));
      const ok = count >= 0 && list.every((x) => typeof x === 'number' || x === 'web-2' || x === '3');
      expect(r.stack !== undefined).toBe(ok);
      if (r.stack) expect(r.stack.resources).toHaveLength(count);
    }), { numRuns: 60 });
  });

  test(`a count above ${MAX_GROUP_COUNT} is refused at its line`, () => {
    const r = run(group(`      count: ${MAX_GROUP_COUNT + 1}`));
    expect(r.diagnostics.map((d) => `${d.code} ${d.line}:${d.column}`)).toEqual(['group-too-large 6:14']);
  });
});
