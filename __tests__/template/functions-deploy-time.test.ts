/** Calls over deploy-time references: kept by resolveStack, completed by evaluateRuntime. */
import { createHash } from 'node:crypto';
import { evaluateRuntime, resolveStack, type RuntimeValues } from '../../src/template/resolve.js';
import type { LoadedTemplate } from '../../src/template/types.js';
import type { Diagnostic } from '../../src/diagnostics.js';

const positions = { value: () => undefined, key: () => undefined, locate: () => ({ line: 1, column: 1 }) };
const files = { workspace: process.cwd(), readFile: (): string => { throw new Error('no file'); } };
const IP = '172.17.0.9';

/** Resolves `expr` as the property `v` of resource `r` (db and cache exist): its value, dependencies and diagnostics. */
function resolve(expr: unknown): { value?: unknown; dependsOn?: string[]; diagnostics: Diagnostic[] } {
  const doc = {
    heat_template_version: '2021-04-16',
    parameters: { port: { type: 'number', default: 5432 } },
    resources: {
      db: { type: 'DockerInc::Docker::Container', properties: { image: 'postgres' } },
      cache: { type: 'DockerInc::Docker::Container', properties: { image: 'redis' } },
      r: { type: 'DockerInc::Docker::Container', properties: { image: 'app', v: expr } },
    },
  };
  const tpl: LoadedTemplate = { file: 't.yaml', text: '', doc, positions };
  const res = resolveStack(tpl, '2021-04-16', { values: { port: 5432 }, hidden: [] }, { ...files, stackName: 'st' });
  const r = res.stack?.resources.find((x) => x.name === 'r');
  return { value: r?.properties.v, dependsOn: r?.dependsOn, diagnostics: res.diagnostics };
}

const ATTRIBUTES: Record<string, unknown> = {
  network_ip: IP,
  network_tcp_ports: '5432,5433',
  logs: '',
  // Healthcheck: container data shaped like a reference (data stays data).
  info: { Name: '/st-db', Config: { Labels: { team: 'data' }, Healthcheck: { get_attr: ['cache', 'network_ip'] } } },
};

/** A runtime where db's attributes are ATTRIBUTES (path applied) and cache's IP is 172.17.0.10. */
const runtime: RuntimeValues = {
  resourceId: (name) => `id-of-${name}`,
  attribute: (name, attr, path) => {
    if (name === 'cache') return '172.17.0.10';
    return path.reduce<unknown>((v, k) => (v as Record<string, unknown>)[String(k)], ATTRIBUTES[attr]);
  },
};

const ip = { get_attr: ['db', 'network_ip'] };
const ports = { get_attr: ['db', 'network_tcp_ports'] };
const portList = { str_split: [',', ports] };

describe('a call over a deploy-time reference', () => {
  const cases: [string, unknown, unknown, unknown][] = [
    [
      'str_replace: parameters substituted now, the reference kept',
      { str_replace: { template: 'DB=$ip:$port', params: { $ip: ip, $port: { get_param: 'port' } } } },
      { str_replace: { template: 'DB=$ip:$port', params: { $ip: ip, $port: 5432 } } },
      `DB=${IP}:5432`,
    ],
    ['list_join', { list_join: [':', [ip, '5432']] }, { list_join: [':', [ip, '5432']] }, `${IP}:5432`],
    [
      'nested calls, innermost first',
      { digest: ['sha256', { list_join: [':', [ip, { get_param: 'port' }]] }] },
      { digest: ['sha256', { list_join: [':', [ip, 5432]] }] },
      createHash('sha256').update(`${IP}:5432`).digest('hex'),
    ],
    ['str_split with an index', { str_split: ['.', ip, 3] }, { str_split: ['.', ip, 3] }, '9'],
    ['make_url', { make_url: { scheme: 'postgres', host: ip, port: 5432, path: 'app' } }, { make_url: { scheme: 'postgres', host: ip, port: 5432, path: 'app' } }, `postgres://${IP}:5432/app`],
    ['contains', { contains: ['5433', portList] }, { contains: ['5433', portList] }, true],
    ['list_concat of a deploy-time list', { list_concat: [['x'], portList] }, { list_concat: [['x'], portList] }, ['x', '5432', '5433']],
    ['list_concat_unique compares the real values', { list_concat_unique: [[ip], [IP, 'b']] }, { list_concat_unique: [[ip], [IP, 'b']] }, [IP, 'b']],
    ['filter compares the real values', { filter: [[ip], [IP, 'keep']] }, { filter: [[ip], [IP, 'keep']] }, ['keep']],
    ['map_merge of a deploy-time map', { map_merge: [{ a: 1 }, { get_attr: ['db', 'info', 'Config', 'Labels'] }] }, { map_merge: [{ a: 1 }, { get_attr: ['db', 'info', 'Config', 'Labels'] }] }, { a: 1, team: 'data' }],
    ['map_replace of a value only known at deploy', { map_replace: [{ k: ip }, { values: { [IP]: 'db' } }] }, { map_replace: [{ k: ip }, { values: { [IP]: 'db' } }] }, { k: 'db' }],
    ['repeat over a deploy-time list', { repeat: { for_each: { '%p%': portList }, template: 'port-%p%' } }, { repeat: { for_each: { '%p%': portList }, template: 'port-%p%' } }, ['port-5432', 'port-5433']],
    [
      'get_resource inside str_replace',
      { str_replace: { template: 'PEER=$id', params: { $id: { get_resource: 'cache' } } } },
      { str_replace: { template: 'PEER=$id', params: { $id: { get_resource: 'cache' } } } },
      'PEER=id-of-cache',
    ],
  ];
  test.each(cases)('%s', (_name, expr, kept, value) => {
    const got = resolve(expr);
    expect(got.diagnostics).toEqual([]);
    expect(got.value).toEqual(kept);
    expect(evaluateRuntime(got.value, runtime)).toEqual(value);
  });
});

describe('calls evaluated now that carry references along', () => {
  test('list_concat and map_merge keep the references as items and values', () => {
    expect(resolve({ list_concat: [['a', ip], ['b']] }).value).toEqual(['a', ip, 'b']);
    expect(resolve({ map_merge: [{ a: ip }, { b: 1 }] }).value).toEqual({ a: ip, b: 1 });
  });

  test("repeat substitutes into a kept call's arguments, never into its name", () => {
    // The variable 'str' occurs in the function name str_replace: that must stay intact.
    const got = resolve({ repeat: { for_each: { str: ['a', 'b'] }, template: { str_replace: { template: 'str=$ip', params: { $ip: ip } } } } });
    expect(got.diagnostics).toEqual([]);
    expect(got.value).toEqual([
      { str_replace: { template: 'a=$ip', params: { $ip: ip } } },
      { str_replace: { template: 'b=$ip', params: { $ip: ip } } },
    ]);
    expect(evaluateRuntime(got.value, runtime)).toEqual([`a=${IP}`, `b=${IP}`]);
  });
});

describe('dependencies', () => {
  test('a resource named only inside a kept call is a dependency', () => {
    const got = resolve([{ list_join: ['', [{ str_replace: { template: 'x$c', params: { $c: { get_attr: ['cache', 'network_ip'] } } } }]] }]);
    expect(got.diagnostics).toEqual([]);
    expect(got.dependsOn).toEqual(['cache']);
  });
});

describe('deploy-time failures', () => {
  const cases: [string, unknown, RegExp][] = [
    ['str_split index out of range', { str_split: [',', ports, 5] }, /^str_split could not be evaluated at deploy time: index 5 is out of range; '5432,5433' splits into 2 parts$/],
    ['list_join of a value that is no list', { list_join: [',', ip] }, /^list_join could not be evaluated at deploy time: item 1 must be a list to join, got the string '172\.17\.0\.9'$/],
    ['str_replace_vstrict of an empty value', { str_replace_vstrict: { template: 'L=$l', params: { $l: { get_attr: ['db', 'logs'] } } } }, /^str_replace_vstrict could not be evaluated at deploy time: the replacement for '\$l' is empty$/],
    ['map_merge of a value that is no map', { map_merge: [{ a: 1 }, ip] }, /^map_merge could not be evaluated at deploy time: item 1 must be a map/],
  ];
  test.each(cases)('%s throws, naming the function', (_name, expr, message) => {
    const got = resolve(expr);
    expect(got.diagnostics).toEqual([]);
    expect(() => evaluateRuntime(got.value, runtime)).toThrow(message);
  });

  test('a reference the runtime cannot answer throws as before', () => {
    const kept = resolve({ list_join: [',', [ip]] }).value;
    const none: RuntimeValues = { resourceId: () => { throw new Error('no id'); }, attribute: () => { throw new Error("resource 'db' has no container yet"); } };
    expect(() => evaluateRuntime(kept, none)).toThrow("resource 'db' has no container yet");
  });
});

describe('data stays data', () => {
  test('a container value shaped like a reference is not evaluated', () => {
    const check = { get_attr: ['db', 'info', 'Config', 'Healthcheck'] };
    expect(evaluateRuntime({ list_concat: [[check]] }, runtime)).toEqual([{ get_attr: ['cache', 'network_ip'] }]);
    const text = evaluateRuntime(resolve({ str_replace: { template: 'H=$h', params: { $h: check } } }).value, runtime);
    expect(text).toBe('H={"get_attr": ["cache", "network_ip"]}');
  });

  test('a call-shaped map without a reference is left alone', () => {
    expect(evaluateRuntime({ list_join: [',', ['a', 'b']] }, runtime)).toEqual({ list_join: [',', ['a', 'b']] });
  });
});
