/**
 * Every property's translation, checked on the real engine: create a container with the body
 * toCreateBody builds and read it back with inspect. Create-only where that shows the setting;
 * started where only a running container proves it (published port, links).
 */
import Docker from 'dockerode';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toCreateBody } from '../../src/spec/create-options.js';
import type { ResolvedResource } from '../../src/template/types.js';

const docker = new Docker({ socketPath: '/var/run/docker.sock' });
const IMAGE = 'hotdock-test/busybox:1';
const stack = `t-${Math.random().toString(36).slice(2, 10)}`;
const hostDir = mkdtempSync(join(tmpdir(), 'hotdock-vol-'));

type Info = Docker.ContainerInspectInfo;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => resolve(typeof addr === 'object' && addr ? addr.port : 0));
    });
  });
}

/** Creates (and optionally starts) the container for one case; returns its inspect data. */
async function make(resourceName: string, props: Record<string, unknown>, start = false): Promise<Info> {
  const res: ResolvedResource = {
    name: resourceName, type: 'DockerInc::Docker::Container', properties: { image: IMAGE, ...props },
    dependsOn: [], deletionPolicy: 'Delete', pointer: `/resources/${resourceName}`,
  };
  const name = `${stack}-${resourceName}`;
  const body = toCreateBody(res, {
    stackName: stack, containerName: name, labels: { 'io.hotdock.stack': stack, 'io.hotdock.resource': resourceName },
  });
  const container = await docker.createContainer({ ...body, name });
  if (start) await container.start();
  return container.inspect();
}

const keep = ['sleep', '300'];
let webPort = 0;
const cases: Record<string, { props: Record<string, unknown>; start?: boolean }> = {};
const infos: Record<string, Info> = {};

beforeAll(async () => {
  webPort = await freePort();
  Object.assign(cases, {
    hostname: { props: { hostname: 'web-one' } },
    user: { props: { user: 'nobody' } },
    memory: { props: { memory: '67108864' } },
    cmd: { props: { cmd: ['sleep', 60] } },
    env: { props: { env: ['GREETING=hello', 'EMPTY='] } },
    ports: { props: { port_specs: [8080, '53/udp', '9000/tcp'] } },
    bindings: {
      start: true,
      props: {
        cmd: ['sh', '-c', 'mkdir -p /tmp/w && echo hello > /tmp/w/index.html && exec httpd -f -p 80 -h /tmp/w'],
        port_bindings: { 80: { HostIp: '127.0.0.1', HostPort: webPort }, '53/udp': null },
      },
    },
    volumes: { props: { volumes: { [join(hostDir, 'a')]: '/rw', [join(hostDir, 'b')]: { bind: '/ro', ro: 'true' } } } },
    privileged: { props: { privileged: 'true', devices: [{ path_on_host: '/dev/null' }] } },
    tty: { props: { tty: true, open_stdin: 'true', stdin_once: true } },
    dns: { props: { dns: ['192.0.2.53', '192.0.2.54'] } },
    restart: { props: { restart_policy: { Name: 'on-failure', MaximumRetryCount: '3' } } },
    caps: { props: { cap_add: ['NET_ADMIN', 'SYS_TIME'], cap_drop: ['MKNOD'] } },
    readonly: { props: { read_only: true } },
    cpu: { props: { cpu_shares: '512', cpu_set: 0 } },
    devices: { props: { devices: [{ path_on_host: '/dev/null', path_in_container: '/dev/xnull' }] } },
  });
  const entries = Object.entries(cases);
  // Four at a time: enough to keep the file quick without crowding the engine other suites use.
  for (let i = 0; i < entries.length; i += 4) {
    await Promise.all(entries.slice(i, i + 4).map(async ([k, c]) => {
      infos[k] = await make(k, c.props, c.start);
    }));
  }
  // links and volumes_from need their targets to exist (links: running) first.
  infos.db = await make('db', { cmd: keep }, true);
  infos.data = await make('data', { volumes: { [join(hostDir, 'c')]: '/data' } });
  const [linked, from] = await Promise.all([
    make('app', { cmd: keep, links: { [`${stack}-db`]: 'database' } }, true),
    make('consumer', { volumes_from: [`${stack}-data`] }),
  ]);
  infos.app = linked;
  infos.consumer = from;
}, 120_000);

afterAll(async () => {
  const mine = await docker.listContainers({ all: true, filters: { label: [`io.hotdock.stack=${stack}`] } });
  await Promise.all(mine.map((c) => docker.getContainer(c.Id).remove({ force: true, v: true })));
  rmSync(hostDir, { recursive: true, force: true });
}, 60_000);

test('hostname → Config.Hostname', () => expect(infos.hostname.Config.Hostname).toBe('web-one'));
test('user → Config.User', () => expect(infos.user.Config.User).toBe('nobody'));
test('memory → HostConfig.Memory', () => expect(infos.memory.HostConfig.Memory).toBe(67108864));
test('cmd → Config.Cmd', () => expect(infos.cmd.Config.Cmd).toEqual(['sleep', '60']));
test('env → Config.Env', () => expect(infos.env.Config.Env).toEqual(expect.arrayContaining(['GREETING=hello', 'EMPTY='])));

test('port_specs → Config.ExposedPorts, 53/udp as udp', () => {
  expect(Object.keys(infos.ports.Config.ExposedPorts ?? {}).sort()).toEqual(['53/udp', '80/tcp', '8080/tcp', '9000/tcp']);
});

test('port_bindings → HostConfig.PortBindings; the started container answers on 127.0.0.1', async () => {
  expect(infos.bindings.HostConfig.PortBindings).toEqual({
    '80/tcp': [{ HostIp: '127.0.0.1', HostPort: String(webPort) }],
    '53/udp': [{ HostIp: '', HostPort: '' }],
  });
  expect(Object.keys(infos.bindings.Config.ExposedPorts ?? {})).toEqual(expect.arrayContaining(['80/tcp', '53/udp']));
  let text = '';
  for (let attempt = 0; attempt < 20 && text === ''; attempt++) {
    try {
      text = await (await fetch(`http://127.0.0.1:${webPort}/`)).text();
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  expect(text.trim()).toBe('hello');
});

test('links → HostConfig.Links', () => {
  expect(infos.app.HostConfig.Links).toEqual([`/${stack}-db:/${stack}-app/database`]);
  expect(infos.app.State.Running).toBe(true);
});

test('volumes → HostConfig.Binds, rw and ro', () => {
  expect([...(infos.volumes.HostConfig.Binds ?? [])].sort()).toEqual([`${join(hostDir, 'a')}:/rw:rw`, `${join(hostDir, 'b')}:/ro:ro`]);
  const rw = Object.fromEntries(infos.volumes.Mounts.map((m) => [m.Destination, m.RW]));
  expect(rw).toEqual({ '/rw': true, '/ro': false });
});

test('volumes_from → HostConfig.VolumesFrom', () => {
  expect(infos.consumer.HostConfig.VolumesFrom).toEqual([`${stack}-data`]);
  expect(infos.consumer.Mounts.map((m) => m.Destination)).toContain('/data');
});

test('privileged → HostConfig.Privileged (devices dropped)', () => {
  expect(infos.privileged.HostConfig.Privileged).toBe(true);
  expect(infos.privileged.HostConfig.Devices ?? []).toEqual([]);
});

test('tty, open_stdin, stdin_once → Config', () => {
  expect(infos.tty.Config).toMatchObject({ Tty: true, OpenStdin: true, StdinOnce: true });
  expect(infos.hostname.Config).toMatchObject({ Tty: false, OpenStdin: false, StdinOnce: false });
});

test('dns → HostConfig.Dns', () => expect(infos.dns.HostConfig.Dns).toEqual(['192.0.2.53', '192.0.2.54']));

test('restart_policy → HostConfig.RestartPolicy', () => {
  expect(infos.restart.HostConfig.RestartPolicy).toEqual({ Name: 'on-failure', MaximumRetryCount: 3 });
});

test('cap_add / cap_drop → HostConfig.CapAdd / CapDrop', () => {
  expect(infos.caps.HostConfig.CapAdd).toEqual(['NET_ADMIN', 'SYS_TIME']);
  expect(infos.caps.HostConfig.CapDrop).toEqual(['MKNOD']);
});

test('read_only → HostConfig.ReadonlyRootfs', () => expect(infos.readonly.HostConfig.ReadonlyRootfs).toBe(true));

test('cpu_shares / cpu_set → HostConfig.CpuShares / CpusetCpus', () => {
  expect(infos.cpu.HostConfig.CpuShares).toBe(512);
  expect(infos.cpu.HostConfig.CpusetCpus).toBe('0');
});

test('devices → HostConfig.Devices with rwm by default', () => {
  expect(infos.devices.HostConfig.Devices).toEqual([{ PathOnHost: '/dev/null', PathInContainer: '/dev/xnull', CgroupPermissions: 'rwm' }]);
});

test('labels carry the stack and resource', () => {
  expect(infos.hostname.Config.Labels).toMatchObject({ 'io.hotdock.stack': stack, 'io.hotdock.resource': 'hostname' });
});
