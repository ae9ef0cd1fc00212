import fc from 'fast-check';
import {
  canonicalJson, changedFields, configFields, configFieldsLabel, configHash, normaliseSpec, parseConfigFields,
} from '../../src/deploy/hash.js';
import { toCreateBody } from '../../src/spec/create-options.js';
import type { ResolvedResource } from '../../src/template/types.js';

const labels = { 'io.hotdock.stack': 'shop', 'io.hotdock.resource': 'web' };

function body(props: Record<string, unknown>, extraLabels: Record<string, string> = {}): Record<string, unknown> {
  const res: ResolvedResource = {
    name: 'web', type: 'DockerInc::Docker::Container', properties: { image: 'nginx:1.27', ...props },
    dependsOn: [], deletionPolicy: 'Delete', pointer: '/resources/web',
  };
  return toCreateBody(res, { stackName: 'shop', containerName: 'shop-web', labels: { ...labels, ...extraLabels } });
}

const base = {
  cmd: ['nginx', '-g', 'daemon off;'], env: ['A=1'], port_specs: [80], port_bindings: { 80: 8080 },
  volumes: { '/srv': '/usr/share/nginx/html' }, restart_policy: { Name: 'always' }, memory: 67108864,
};

test('the form is v1:<sha256 hex>', () => {
  expect(configHash(body(base))).toMatch(/^v1:[0-9a-f]{64}$/);
});

test('key order does not matter, at any level', () => {
  const a = { Image: 'x', HostConfig: { Memory: 1, Binds: ['/a:/b:rw'] }, Labels: { b: '2', a: '1' } };
  const b = { Labels: { a: '1', b: '2' }, HostConfig: { Binds: ['/a:/b:rw'], Memory: 1 }, Image: 'x' };
  expect(configHash(a)).toBe(configHash(b));
  fc.assert(fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (d) => {
    const reversed = Object.fromEntries(Object.entries(d).reverse());
    return canonicalJson(d) === canonicalJson(reversed);
  }));
});

test('properties written in another order hash the same', () => {
  const reversed = Object.fromEntries(Object.entries(base).reverse());
  expect(configHash(body(reversed))).toBe(configHash(body(base)));
});

test('informational labels and the hash labels themselves do not change it', () => {
  const h = configHash(body(base));
  expect(configHash(body(base, {
    'io.hotdock.revision': 'abc123', 'io.hotdock.template': 'deploy/web.yaml', 'io.hotdock.config-hash': 'v1:00',
    'io.hotdock.config-fields': 'image=00', 'io.hotdock.deletion-policy': 'Retain',
  }))).toBe(h);
});

test('identity labels do change it', () => {
  expect(configHash(body(base, { 'io.hotdock.resource': 'api' }))).not.toBe(configHash(body(base)));
});

test('explicit defaults equal leaving them out', () => {
  expect(configHash(body({ ...base, tty: false, privileged: 'false', cpu_shares: 0, dns: [], links: {} }))).toBe(configHash(body(base)));
});

test.each([
  ['image', { image: 'nginx:1.28' }],
  ['cmd', { cmd: ['nginx'] }],
  ['cmd order', { cmd: ['-g', 'nginx', 'daemon off;'] }],
  ['env', { env: ['A=2'] }],
  ['port_specs', { port_specs: [80, 443] }],
  ['port_bindings', { port_bindings: { 80: 8081 } }],
  ['port protocol', { port_bindings: { '80/udp': 8080 } }],
  ['volumes', { volumes: { '/srv': { bind: '/usr/share/nginx/html', ro: true } } }],
  ['restart_policy', { restart_policy: { Name: 'on-failure' } }],
  ['memory', { memory: 67108865 }],
  ['hostname', { hostname: 'h' }],
  ['user', { user: 'nobody' }],
  ['tty', { tty: true }],
  ['privileged', { privileged: true }],
  ['cap_add', { cap_add: ['NET_ADMIN'] }],
  ['cpu_set', { cpu_set: '0' }],
  ['devices', { devices: [{ path_on_host: '/dev/null' }] }],
  ['links', { links: { db: 'db' } }],
  ['volumes_from', { volumes_from: ['data'] }],
  ['dns', { dns: ['1.1.1.1'] }],
  ['read_only', { read_only: true }],
])('a change of %s changes it', (_name, change) => {
  expect(configHash(body({ ...base, ...change }))).not.toBe(configHash(body(base)));
});

test('normaliseSpec keeps exposed ports whose values are empty maps', () => {
  expect(normaliseSpec({ Image: 'x', ExposedPorts: { '80/tcp': {} }, Tty: false, HostConfig: { Memory: 0 } }))
    .toEqual({ Image: 'x', ExposedPorts: { '80/tcp': {} } });
});

describe('per-field digests', () => {
  test('name the fields that are set, with short digests', () => {
    const fields = configFields(body(base));
    expect(Object.keys(fields)).toEqual(['cmd', 'env', 'image', 'labels', 'memory', 'ports', 'restart_policy', 'volumes']);
    for (const d of Object.values(fields)) expect(d).toMatch(/^[0-9a-f]{8}$/);
  });

  test('the label round-trips', () => {
    const label = configFieldsLabel(body(base));
    expect(label).toMatch(/^cmd=[0-9a-f]{8},env=/);
    expect(parseConfigFields(label)).toEqual(configFields(body(base)));
  });

  test.each([
    [{ env: ['A=2'] }, ['env changed']],
    [{ image: 'nginx:2', env: ['B=1'] }, ['image changed', 'env changed']],
    [{ port_bindings: { 80: 9090 } }, ['ports changed']],
    [{ port_specs: [80, 53] }, ['ports changed']],
    [{ memory: undefined }, ['memory changed']],
    [{ tty: true }, ['tty changed']],
    [{}, []],
  ])('changedFields %j', (change, reasons) => {
    const before = configFieldsLabel(body(base));
    expect(changedFields(body({ ...base, ...change }), before)?.map((f) => `${f} changed`)).toEqual(reasons);
  });

  test('an unreadable or missing label gives undefined', () => {
    expect(changedFields(body(base), undefined)).toBeUndefined();
    expect(changedFields(body(base), 'garbage')).toBeUndefined();
    expect(parseConfigFields('')).toEqual({});
  });
});
