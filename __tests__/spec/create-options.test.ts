import { containerNameFor, toCreateBody } from '../../src/spec/create-options.js';
import { PropertyError } from '../../src/spec/coerce.js';
import type { ResolvedResource } from '../../src/template/types.js';

function resource(properties: Record<string, unknown>, name = 'web'): ResolvedResource {
  return {
    name, type: 'DockerInc::Docker::Container', properties, dependsOn: [], deletionPolicy: 'Delete',
    pointer: `/resources/${name}`,
  };
}

const ctx = { stackName: 'shop', containerName: 'shop-web', labels: { 'io.hotdock.stack': 'shop', 'io.hotdock.resource': 'web' } };
const body = (props: Record<string, unknown>) => toCreateBody(resource({ image: 'busybox:1', ...props }), ctx);
const hostConfig = (props: Record<string, unknown>) => body(props).HostConfig as Record<string, unknown>;

describe('toCreateBody: Config fields', () => {
  test.each([
    ['hostname', { hostname: 'web1' }, { Hostname: 'web1' }],
    ['hostname from number', { hostname: 42 }, { Hostname: '42' }],
    ['user', { user: 'nobody' }, { User: 'nobody' }],
    ['user uid as number', { user: 1000 }, { User: '1000' }],
    ['cmd', { cmd: ['sleep', '60'] }, { Cmd: ['sleep', '60'] }],
    ['cmd number item', { cmd: ['sleep', 60] }, { Cmd: ['sleep', '60'] }],
    ['env', { env: ['A=1', 'B=two'] }, { Env: ['A=1', 'B=two'] }],
    ['tty', { tty: true }, { Tty: true }],
    ['tty from string', { tty: 'TRUE' }, { Tty: true }],
    ['open_stdin from string', { open_stdin: 'false' }, { OpenStdin: false }],
    ['stdin_once', { stdin_once: true }, { StdinOnce: true }],
    ['port_specs', { port_specs: [80, '53/udp', '443/tcp'] }, { ExposedPorts: { '53/udp': {}, '80/tcp': {}, '443/tcp': {} } }],
    ['port_specs udp is never 53/udp/tcp', { port_specs: ['53/udp'] }, { ExposedPorts: { '53/udp': {} } }],
    ['port_bindings keys are exposed too', { port_specs: [80], port_bindings: { '8443': 443 } }, { ExposedPorts: { '80/tcp': {}, '8443/tcp': {} } }],
  ])('%s', (_name, props, expected) => {
    expect(body(props)).toMatchObject(expected);
  });

  test('only set properties appear; image and labels always do', () => {
    expect(body({})).toEqual({
      Image: 'busybox:1',
      Labels: { 'io.hotdock.resource': 'web', 'io.hotdock.stack': 'shop' },
      HostConfig: {},
    });
  });

  test('labels are sorted', () => {
    const b = toCreateBody(resource({ image: 'x' }), { ...ctx, labels: { b: '2', a: '1' } });
    expect(Object.keys(b.Labels as object)).toEqual(['a', 'b']);
  });
});

describe('toCreateBody: HostConfig fields', () => {
  test.each([
    ['memory', { memory: 67108864 }, { Memory: 67108864 }],
    ['memory from string', { memory: '67108864' }, { Memory: 67108864 }],
    ['port_bindings scalar', { port_bindings: { 80: 8080 } }, { PortBindings: { '80/tcp': [{ HostIp: '', HostPort: '8080' }] } }],
    ['port_bindings null', { port_bindings: { '53/udp': null } }, { PortBindings: { '53/udp': [{ HostIp: '', HostPort: '' }] } }],
    ['port_bindings map', { port_bindings: { 80: { HostIp: '127.0.0.1', HostPort: 8080 } } }, { PortBindings: { '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '8080' }] } }],
    ['links sorted', { links: { db: 'database', cache: 'redis' } }, { Links: ['cache:redis', 'db:database'] }],
    ['volumes plain', { volumes: { '/srv/www': '/www' } }, { Binds: ['/srv/www:/www:rw'] }],
    ['volumes ro', { volumes: { '/srv/www': { bind: '/www', ro: true } } }, { Binds: ['/srv/www:/www:ro'] }],
    ['volumes ro string', { volumes: { '/srv/www': { bind: '/www', ro: 'True' } } }, { Binds: ['/srv/www:/www:ro'] }],
    ['volumes ro false', { volumes: { '/a': { bind: '/b', ro: false } } }, { Binds: ['/a:/b:rw'] }],
    ['volumes mode wins', { volumes: { '/a': { bind: '/b', ro: true, mode: 'rw,Z' } } }, { Binds: ['/a:/b:rw,Z'] }],
    ['volumes sorted', { volumes: { '/z': '/z', '/a': '/a' } }, { Binds: ['/a:/a:rw', '/z:/z:rw'] }],
    ['volumes_from', { volumes_from: ['data', 'logs'] }, { VolumesFrom: ['data', 'logs'] }],
    ['volumes_from comma string', { volumes_from: 'data, logs' }, { VolumesFrom: ['data', 'logs'] }],
    ['privileged', { privileged: 'true' }, { Privileged: true }],
    ['dns', { dns: ['8.8.8.8', '1.1.1.1'] }, { Dns: ['8.8.8.8', '1.1.1.1'] }],
    ['restart_policy', { restart_policy: { Name: 'on-failure', MaximumRetryCount: '3' } }, { RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 3 } }],
    ['restart_policy default count', { restart_policy: { Name: 'always' } }, { RestartPolicy: { Name: 'always', MaximumRetryCount: 0 } }],
    ['restart_policy empty map', { restart_policy: {} }, { RestartPolicy: { Name: 'no', MaximumRetryCount: 0 } }],
    ['cap_add', { cap_add: ['NET_ADMIN'] }, { CapAdd: ['NET_ADMIN'] }],
    ['cap_drop', { cap_drop: ['ALL'] }, { CapDrop: ['ALL'] }],
    ['read_only', { read_only: true }, { ReadonlyRootfs: true }],
    ['cpu_shares from string', { cpu_shares: '512' }, { CpuShares: 512 }],
    ['cpu_set', { cpu_set: '0-8,16-24,28' }, { CpusetCpus: '0-8,16-24,28' }],
    ['cpu_set integer', { cpu_set: 0 }, { CpusetCpus: '0' }],
    [
      'devices defaults',
      { devices: [{ path_on_host: '/dev/null' }] },
      { Devices: [{ PathOnHost: '/dev/null', PathInContainer: '/dev/null', CgroupPermissions: 'rwm' }] },
    ],
    [
      'devices full',
      { devices: [{ path_on_host: '/dev/null', path_in_container: '/dev/xnull', permissions: 'r' }] },
      { Devices: [{ PathOnHost: '/dev/null', PathInContainer: '/dev/xnull', CgroupPermissions: 'r' }] },
    ],
  ])('%s', (_name, props, expected) => {
    expect(hostConfig(props)).toEqual(expected);
  });

  test('devices are ignored when privileged', () => {
    expect(hostConfig({ privileged: true, devices: [{ path_on_host: '/dev/null' }] })).toEqual({ Privileged: true });
  });

  test('devices kept when privileged is false', () => {
    expect(hostConfig({ privileged: false, devices: [{ path_on_host: '/dev/null' }] }).Devices).toHaveLength(1);
  });

  test('every property at once: deterministic key order', () => {
    const props = {
      devices: [{ path_on_host: '/dev/null' }], memory: 8388608, cpu_set: '0', cpu_shares: 2, read_only: false,
      cap_drop: ['MKNOD'], cap_add: ['NET_ADMIN'], restart_policy: { Name: 'always' }, dns: ['9.9.9.9'],
      privileged: false, volumes_from: ['x'], links: { a: 'b' }, port_bindings: { 80: 8080 }, volumes: { '/h': '/c' },
      stdin_once: false, open_stdin: false, tty: false, port_specs: [80], env: ['A=1'], cmd: ['true'], user: 'u', hostname: 'h',
    };
    const b = body(props);
    expect(Object.keys(b)).toEqual(['Image', 'Hostname', 'User', 'Cmd', 'Env', 'ExposedPorts', 'Tty', 'OpenStdin', 'StdinOnce', 'Labels', 'HostConfig']);
    expect(Object.keys(b.HostConfig as object)).toEqual([
      'Binds', 'PortBindings', 'Links', 'VolumesFrom', 'Privileged', 'Dns', 'RestartPolicy', 'CapAdd', 'CapDrop',
      'ReadonlyRootfs', 'CpuShares', 'CpusetCpus', 'Memory', 'Devices',
    ]);
    expect(JSON.stringify(body(Object.fromEntries(Object.entries(props).reverse())))).toBe(JSON.stringify(b));
  });
});

describe('toCreateBody: values that cannot be coerced name the property', () => {
  test.each([
    ['cmd string', { cmd: 'sleep 60' }, 'cmd', /expected a list/],
    ['tty y', { tty: 'y' }, 'tty', /expected true or false/],
    ['memory word', { memory: '64m' }, 'memory', /expected a whole number/],
    ['env item map', { env: [{ A: 1 }] }, 'env/0', /expected a string/],
    ['bad port spec', { port_specs: ['53/udp/tcp'] }, 'port_specs/0', /more than one protocol/],
    ['bad host port', { port_bindings: { 80: 0 } }, 'port_bindings/80', /Invalid host port 0/],
    ['volume without bind', { volumes: { '/h': { ro: true } } }, 'volumes//h', /needs 'bind'/],
    ['device without path', { devices: [{ permissions: 'r' }] }, 'devices/0', /path_on_host/],
    ['links list', { links: ['db'] }, 'links', /expected a mapping/],
    ['no image', { image: undefined }, 'image', /expected a string/],
  ])('%s', (_name, props, property, message) => {
    let error: unknown;
    try {
      body(props);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PropertyError);
    expect((error as PropertyError).property).toBe(property);
    expect((error as PropertyError).message).toMatch(message);
  });
});

describe('containerNameFor', () => {
  test.each([
    [{ image: 'x', name: 'my-web' }, 'web', 'my-web'],
    [{ image: 'x', name: '/my-web' }, 'web', 'my-web'],
    [{ image: 'x' }, 'web', 'shop-web'],
    [{ image: 'x', name: '' }, 'web', 'shop-web'],
    [{ image: 'x' }, 'web server', 'shop-web-server'],
  ])('%j %s', (props, resName, expected) => {
    expect(containerNameFor(resource(props, resName), 'shop')).toBe(expected);
  });
});
