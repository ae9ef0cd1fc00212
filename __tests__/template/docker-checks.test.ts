import { checkDockerResources, fromFunction } from '../../src/template/docker-checks.js';
import { loadTemplate } from '../../src/template/load.js';
import { validateTemplateText } from '../../src/template/validate.js';
import type { LoadedTemplate, ResolvedResource, ResolvedStack } from '../../src/template/types.js';

const TYPE = 'DockerInc::Docker::Container';
const local = { defaultEndpoint: 'unix:///var/run/docker.sock', endpointNames: [] as string[] };

function load(text: string): LoadedTemplate {
  const r = loadTemplate(text, 't.yaml');
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  return r.template;
}

/**
 * Runs the checks on a template whose resolved properties are given by hand: what resolve would
 * produce from the parameters, without depending on it.
 */
function check(text: string, resolved: Record<string, Record<string, unknown>>, settings = local): string[] {
  const tpl = load(text);
  const resources: ResolvedResource[] = Object.entries(resolved).map(([name, properties]) => ({
    name, type: TYPE, properties, dependsOn: [], deletionPolicy: 'Delete', pointer: `/resources/${name}`,
  }));
  const stack: ResolvedStack = {
    version: '2021-04-16', stackName: 'shop', parameters: {}, hiddenParameters: [], resources, outputs: {},
  };
  return checkDockerResources(tpl, stack, settings).map((d) => `${d.code} ${d.line}:${d.column} ${d.path}`);
}

/** A template of resources whose properties are written as YAML flow maps, one per line. */
function tpl(resources: Record<string, string>): string {
  const lines = ['heat_template_version: 2021-04-16', 'resources:'];
  for (const [name, props] of Object.entries(resources)) lines.push(`  ${name}:`, `    type: ${TYPE}`, `    properties: ${props}`);
  return lines.join('\n') + '\n';
}

describe('fromFunction', () => {
  const doc = {
    resources: {
      web: {
        properties: {
          image: 'x', ports: { get_param: 'p' }, list: [80, { get_param: 'q' }], made: { list_concat: [[1], [2]] },
          data: { plain: { get_file: 'f' } }, notfn: { a: 1, b: 2 },
        },
      },
    },
  };
  test.each([
    ['/resources/web/properties/image', false],
    ['/resources/web/properties/ports', true],
    ['/resources/web/properties/ports/0', true],
    ['/resources/web/properties/list/0', false],
    ['/resources/web/properties/list/1', true],
    ['/resources/web/properties/made/1', true],
    ['/resources/web/properties/data/plain', true],
    ['/resources/web/properties/notfn/a', false],
    ['/resources/web/properties/absent', true],
  ])('%s → %s', (ptr, expected) => expect(fromFunction(doc, ptr)).toBe(expected));
});

describe('per-value checks look at function results only', () => {
  test('a literal value is left to the schema', () => {
    expect(check(tpl({ web: '{image: x, cap_add: [BOGUS], port_specs: ["80/icmp"]}' }), {
      web: { image: 'x', cap_add: ['BOGUS'], port_specs: ['80/icmp'] },
    })).toEqual([]);
  });

  test('the same values from functions are reported at the function node', () => {
    const text = tpl({ web: '{image: x, cap_add: {get_param: caps}, port_specs: [{get_param: p}]}' });
    expect(check(text, { web: { image: 'x', cap_add: ['NET_ADMIN', 'BOGUS'], port_specs: ['80/icmp'] } })).toEqual([
      'invalid-port 5:69 /resources/web/properties/port_specs/0',
      'invalid-capability 5:37 /resources/web/properties/cap_add/1',
    ]);
  });

  test('device paths, permissions and restart policy names', () => {
    const text = tpl({
      web: '{image: x, devices: [{path_on_host: {get_param: d}, permissions: {get_param: m}}], restart_policy: {Name: {get_param: r}}}',
    });
    expect(check(text, { web: { image: 'x', devices: [{ path_on_host: '/tmp/x', permissions: 'rx' }], restart_policy: { Name: 'sometimes' } } })).toEqual([
      'invalid-device-path 5:53 /resources/web/properties/devices/0/path_on_host',
      'invalid-device-permissions 5:82 /resources/web/properties/devices/0/permissions',
      'invalid-restart-policy 5:123 /resources/web/properties/restart_policy/Name',
    ]);
  });

  test('values that do not coerce', () => {
    const text = tpl({ web: '{image: x, memory: {get_param: m}, tty: {get_param: t}, name: {get_param: n}, cmd: {get_param: c}}' });
    expect(check(text, { web: { image: 'x', memory: '64m', tty: 'yes', name: 'bad name', cmd: 'sleep 1' } }).map((s) => s.split(' ')[0]))
      .toEqual(['invalid-property-value', 'invalid-property-value', 'invalid-property-value', 'invalid-property-value']);
  });

  test('a properties map built by a function: unknown keys and a name that is not a string', () => {
    const text = tpl({ web: '{map_merge: [{image: x}, {get_param: extra}]}' });
    expect(check(text, { web: { image: 'x', hostnme: 'h', name: ['a'] } })).toEqual([
      'invalid-property-value 5:17 /resources/web/properties/hostnme',
      'invalid-property-value 5:17 /resources/web/properties/name',
    ]);
  });

  test('valid function results and deploy-time references pass', () => {
    const text = tpl({ web: '{image: {get_param: i}, tty: {get_param: t}, port_bindings: {get_param: b}, env: [{get_attr: [db, x]}]}' });
    expect(check(text, {
      web: { image: 'x:1', tty: 'True', port_bindings: { '53/udp': null, 80: [8080, { HostIp: '::1', HostPort: '8081' }] }, env: [{ get_attr: ['db', 'x'] }] },
    })).toEqual([]);
  });
});

describe('endpoints', () => {
  test.each([
    ['unix:///run/other.sock', []],
    ['tcp://10.0.0.5:2376', []],
    ['prod', []],
    ['tcp://10.0.0.5', ['invalid-endpoint 5:45 /resources/web/properties/docker_endpoint']],
    ['ftp://x:1', ['invalid-endpoint 5:45 /resources/web/properties/docker_endpoint']],
  ])('%s (literal: the schema does not check URL syntax)', (url, expected) => {
    const text = tpl({ web: `{image: x, docker_endpoint: "${url}"}` });
    expect(check(text, { web: { image: 'x', docker_endpoint: url } }, { ...local, endpointNames: ['prod'] })).toEqual(expected);
  });
});

describe('restart retries', () => {
  test.each([
    [{ Name: 'on-failure', MaximumRetryCount: 5 }, []],
    [{ Name: 'always', MaximumRetryCount: 0 }, []],
    [{ Name: 'always', MaximumRetryCount: '2' }, ['invalid-restart-policy']],
    [{ MaximumRetryCount: 2 }, ['invalid-restart-policy']],
  ])('%j', (policy, expected) => {
    const text = tpl({ web: `{image: x, restart_policy: ${JSON.stringify(policy)}}` });
    expect(check(text, { web: { image: 'x', restart_policy: policy } }).map((s) => s.split(' ')[0])).toEqual(expected);
  });
});

describe('memory minimum', () => {
  test.each([
    [512, ['invalid-memory']],
    ['6291455', ['invalid-memory']],
    [6291456, []],
    [0, []],
    ['64m', []],
  ])('%j', (memory, expected) => {
    const text = tpl({ web: `{image: x, memory: ${JSON.stringify(memory)}}` });
    expect(check(text, { web: { image: 'x', memory } }).map((s) => s.split(' ')[0])).toEqual(expected);
  });
});

describe('duplicate container names', () => {
  test('same name on one endpoint: reported at the second, naming the first', () => {
    const text = tpl({ a: '{image: x, name: one}', b: '{image: x, name: one}' });
    const got = checkDockerResources(load(text), {
      version: '2021-04-16', stackName: 's', parameters: {}, hiddenParameters: [], outputs: {},
      resources: ['a', 'b'].map((n) => ({ name: n, type: TYPE, properties: { image: 'x', name: 'one' }, dependsOn: [], deletionPolicy: 'Delete' as const, pointer: `/resources/${n}` })),
    }, local);
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({ code: 'duplicate-container-name', line: 8, column: 34, path: '/resources/b/properties/name' });
    expect(got[0].message).toMatch(/'one' is already used by resource 'a'/);
  });

  test('a URL spelled two ways is one endpoint', () => {
    const text = tpl({ a: '{image: x, name: one, docker_endpoint: "tcp://h:1"}', b: '{image: x, name: one, docker_endpoint: "tcp://h:1/"}' });
    expect(check(text, { a: { image: 'x', name: 'one', docker_endpoint: 'tcp://h:1' }, b: { image: 'x', name: 'one', docker_endpoint: 'tcp://h:1/' } }))
      .toEqual(['duplicate-container-name 8:34 /resources/b/properties/name']);
  });

  test('same name on different endpoints is fine', () => {
    const text = tpl({ a: '{image: x, name: one}', b: '{image: x, name: one, docker_endpoint: "tcp://h:1"}' });
    expect(check(text, { a: { image: 'x', name: 'one' }, b: { image: 'x', name: 'one', docker_endpoint: 'tcp://h:1' } })).toEqual([]);
  });

  test('a default name clashing with an explicit one', () => {
    const text = tpl({ web: '{image: x}', other: '{image: x, name: shop-web}' });
    expect(check(text, { web: { image: 'x' }, other: { image: 'x', name: 'shop-web' } })).toEqual(['duplicate-container-name 8:34 /resources/other/properties/name']);
  });
});

describe('duplicate host ports', () => {
  const two = (a: unknown, b: unknown, settings = local, extraB: Record<string, unknown> = {}) => check(
    tpl({ a: '{image: x, port_bindings: {}}', b: '{image: x, port_bindings: {}}' }),
    { a: { image: 'x', port_bindings: a }, b: { image: 'x', port_bindings: b, ...extraB } },
    settings,
  ).map((s) => s.split(' ')[0]);

  test.each([
    ['same port, all addresses', { 80: 8080 }, { 81: 8080 }, ['duplicate-host-port']],
    ['specific address inside all addresses', { 80: 8080 }, { 81: { HostIp: '127.0.0.1', HostPort: 8080 } }, ['duplicate-host-port']],
    ['0.0.0.0 and a specific address', { 80: { HostIp: '0.0.0.0', HostPort: 8080 } }, { 81: { HostIp: '10.0.0.1', HostPort: 8080 } }, ['duplicate-host-port']],
    ['two specific addresses', { 80: { HostIp: '127.0.0.1', HostPort: 8080 } }, { 81: { HostIp: '127.0.0.2', HostPort: 8080 } }, []],
    ['tcp and udp', { 80: 8080 }, { '81/udp': 8080 }, []],
    ['random host ports', { 80: null }, { 80: null }, []],
    ['different ports', { 80: 8080 }, { 80: 8081 }, []],
  ])('%s', (_name, a, b, expected) => expect(two(a, b)).toEqual(expected));

  test('different endpoints do not clash', () => {
    expect(two({ 80: 8080 }, { 80: 8080 }, local, { docker_endpoint: 'tcp://h:1' })).toEqual([]);
  });

  test('with several named endpoints, placement decides for resources that name none', () => {
    expect(two({ 80: 8080 }, { 80: 8080 }, { ...local, endpointNames: ['a', 'b'] })).toEqual([]);
  });

  test('twice within one resource', () => {
    const text = tpl({ a: '{image: x, port_bindings: {80: 8080, 81: [9090, 8080]}}' });
    const got = check(text, { a: { image: 'x', port_bindings: { 80: 8080, 81: [9090, 8080] } } });
    expect(got).toEqual(['duplicate-host-port 5:65 /resources/a/properties/port_bindings/81/1']);
  });
});

describe('through the whole validator', () => {
  const settings = {
    template: 't.yaml', workspace: '/nonexistent', stackName: 'shop', environmentFiles: [],
    dockerEndpoint: 'unix:///var/run/docker.sock', endpoints: {},
  };
  const io = { readFile: () => { throw new Error('no files'); } };
  const text = [
    'heat_template_version: 2021-04-16',
    'parameters:',
    '  port: {type: string, default: "8080"}',
    'resources:',
    '  web:',
    `    type: ${TYPE}`,
    '    properties:',
    '      image: nginx',
    '      port_bindings: {80: {get_param: port}}',
  ].join('\n');

  test('a good parameter value passes', () => {
    expect(validateTemplateText(text, { ...settings, parameters: {} }, io).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  test('a bad one is located at the get_param', () => {
    const got = validateTemplateText(text, { ...settings, parameters: { port: '80800' } }, io).diagnostics;
    expect(got.map((d) => `${d.code} ${d.line}:${d.column}`)).toEqual(['invalid-port 9:27']);
    expect(got[0].message).toMatch(/Invalid host port "80800"/);
  });
});
