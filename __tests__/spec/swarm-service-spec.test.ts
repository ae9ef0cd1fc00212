/**
 * The service spec of a resource: the container property mapping carried into the TaskTemplate,
 * replicas and the update policy from metadata.hotdock, ports in ingress or host mode, and every
 * property a Swarm task cannot honour refused by name.
 */
import { groupServiceSpec, serviceNameFor, toServiceSpec } from '../../src/spec/service-spec.js';
import { serviceOptionsOf } from '../../src/spec/service-options.js';
import { container } from '../helpers/stack.js';

const ctx = { stackName: 'shop', stableSeconds: 5 };

test('service names are <stack>_<resource>, with characters Swarm refuses turned into -', () => {
  expect(serviceNameFor('shop', 'web')).toBe('shop_web');
  expect(serviceNameFor('my.repo-app', 'api.v2')).toBe('my-repo-app_api-v2');
});

test('container properties map onto the task template', () => {
  const r = container('web', {
    image: 'nginx:1.25',
    cmd: ['nginx', '-g', 'daemon off;'],
    env: ['A=1'],
    hostname: 'h',
    user: 'www',
    tty: true,
    volumes: { '/srv/data': { bind: '/data', ro: true }, cache: '/cache' },
    dns: ['10.0.0.2'],
    restart_policy: { Name: 'on-failure', MaximumRetryCount: 3 },
    cap_add: ['NET_ADMIN'],
    cap_drop: ['MKNOD'],
    read_only: true,
    memory: 67108864,
    port_bindings: { '80/tcp': 8080, '53/udp': 5353 },
  });
  const { name, spec, replicas } = toServiceSpec(r, ctx);
  expect(name).toBe('shop_web');
  expect(replicas).toBe(1);
  expect(spec).toEqual({
    Name: 'shop_web',
    Labels: { 'io.hotdock.stack': 'shop', 'io.hotdock.resource': 'web' },
    TaskTemplate: {
      ContainerSpec: {
        Image: 'nginx:1.25',
        Args: ['nginx', '-g', 'daemon off;'],
        Env: ['A=1'],
        Hostname: 'h',
        User: 'www',
        TTY: true,
        ReadOnly: true,
        CapabilityAdd: ['NET_ADMIN'],
        CapabilityDrop: ['MKNOD'],
        DNSConfig: { Nameservers: ['10.0.0.2'] },
        Mounts: [
          { Type: 'bind', Source: '/srv/data', Target: '/data', ReadOnly: true },
          { Type: 'volume', Source: 'cache', Target: '/cache' },
        ],
      },
      Resources: { Limits: { MemoryBytes: 67108864 } },
      RestartPolicy: { Condition: 'on-failure', MaxAttempts: 3 },
    },
    Mode: { Replicated: { Replicas: 1 } },
    UpdateConfig: { Parallelism: 1, Delay: 0, FailureAction: 'rollback', Monitor: 5e9, MaxFailureRatio: 0, Order: 'start-first' },
    RollbackConfig: { Parallelism: 1, Delay: 0, FailureAction: 'pause', Monitor: 5e9, MaxFailureRatio: 0, Order: 'start-first' },
    EndpointSpec: {
      Ports: [
        { Protocol: 'udp', TargetPort: 53, PublishedPort: 5353, PublishMode: 'ingress' },
        { Protocol: 'tcp', TargetPort: 80, PublishedPort: 8080, PublishMode: 'ingress' },
      ],
    },
  });
});

test('restart policies become task restart conditions', () => {
  const cond = (Name: string) => (toServiceSpec(container('w', { restart_policy: { Name } }), ctx).spec.TaskTemplate as { RestartPolicy: unknown }).RestartPolicy;
  expect(cond('no')).toEqual({ Condition: 'none' });
  expect(cond('always')).toEqual({ Condition: 'any' });
  expect(cond('unless-stopped')).toEqual({ Condition: 'any' });
});

test('metadata.hotdock: replicas, host publish mode (stop-first by default), an update policy', () => {
  const r = container('web', { port_bindings: { '80': 8080 } }, {
    metadata: { hotdock: { replicas: 3, publish: 'host', update: { parallelism: 2, delay: 1.5, monitor: 10, failure_action: 'pause', max_failure_ratio: 0.5 } } },
  });
  const { spec, replicas } = toServiceSpec(r, ctx);
  expect(replicas).toBe(3);
  expect(spec.Mode).toEqual({ Replicated: { Replicas: 3 } });
  expect(spec.EndpointSpec).toEqual({ Ports: [{ Protocol: 'tcp', TargetPort: 80, PublishedPort: 8080, PublishMode: 'host' }] });
  expect(spec.UpdateConfig).toEqual({ Parallelism: 2, Delay: 1.5e9, FailureAction: 'pause', Monitor: 10e9, MaxFailureRatio: 0.5, Order: 'stop-first' });
  // An explicit order wins, even where it cannot work: the template said so.
  const forced = container('web', { port_bindings: { '80': 8080 } }, { metadata: { hotdock: { publish: 'host', update: { order: 'start-first' } } } });
  expect((toServiceSpec(forced, ctx).spec.UpdateConfig as { Order: string }).Order).toBe('start-first');
  // Host mode without a fixed host port: no conflict, start-first.
  const random = container('web', { port_bindings: { '80': '' } }, { metadata: { hotdock: { publish: 'host' } } });
  expect((toServiceSpec(random, ctx).spec.UpdateConfig as { Order: string }).Order).toBe('start-first');
});

test('the ResourceGroup hook sets the count, over metadata', () => {
  const member = container('workers', {}, { metadata: { hotdock: { replicas: 2 } } });
  const built = groupServiceSpec(member, 5, ctx);
  expect(built.replicas).toBe(5);
  expect(built.spec.Mode).toEqual({ Replicated: { Replicas: 5 } });
  expect(built.name).toBe('shop_workers');
});

test.each([
  [{ links: { db: 'db' } }, "property 'links': not supported with target swarm"],
  [{ volumes_from: ['data'] }, "property 'volumes_from': not supported with target swarm"],
  [{ privileged: true }, "property 'privileged': not supported with target swarm"],
  [{ devices: [{ path_on_host: '/dev/fuse' }] }, "property 'devices': not supported with target swarm"],
  [{ cpu_shares: 512 }, "property 'cpu_shares': not supported with target swarm"],
  [{ cpu_set: '0-1' }, "property 'cpu_set': not supported with target swarm"],
  [{ stdin_once: true }, "property 'stdin_once': not supported with target swarm"],
  [{ port_bindings: { '80': [{ HostIp: '127.0.0.1', HostPort: '8080' }] } }, "property 'port_bindings/80/tcp': a host address (127.0.0.1) is not supported"],
  [{ volumes: { '/a': { bind: '/b', mode: 'z' } } }, "property 'volumes//a': mode 'z' is not supported with target swarm"],
])('refused by name: %j', (props, message) => {
  expect(() => toServiceSpec(container('web', props), ctx)).toThrow(message);
});

test('properties at their default are not refused (privileged: false, empty links)', () => {
  expect(() => toServiceSpec(container('web', { privileged: false, links: {} }), ctx)).not.toThrow();
});

test.each([
  [{ hotdock: { replicas: -1 } }, "metadata 'hotdock.replicas': expected a whole number ≥ 0, got -1"],
  [{ hotdock: { replicas: 'two' } }, "metadata 'hotdock.replicas': expected a whole number ≥ 0"],
  [{ hotdock: { publish: 'mesh' } }, "metadata 'hotdock.publish': expected one of ingress, host, got \"mesh\""],
  [{ hotdock: { replica: 2 } }, "metadata 'hotdock.replica': unknown key (known: replicas, publish, update, placement)"],
  [{ hotdock: { update: { order: 'first' } } }, "metadata 'hotdock.update.order': expected one of start-first, stop-first"],
  [{ hotdock: { update: { failure_action: 'retry' } } }, "metadata 'hotdock.update.failure_action': expected one of rollback, pause, continue"],
  [{ hotdock: { update: { max_failure_ratio: 2 } } }, "metadata 'hotdock.update.max_failure_ratio': expected a fraction between 0 and 1, got 2"],
  [{ hotdock: { update: { monitorr: 1 } } }, "metadata 'hotdock.update.monitorr': unknown key"],
  [{ hotdock: ['x'] }, "metadata 'hotdock': expected a mapping"],
])('metadata errors name the key: %j', (metadata, message) => {
  expect(() => serviceOptionsOf(metadata, 5)).toThrow(message);
});

test('metadata defaults: 1 replica, ingress, monitor = stable-seconds; other metadata is left alone', () => {
  expect(serviceOptionsOf(undefined, 7)).toEqual({
    replicas: 1,
    publish: 'ingress',
    update: { parallelism: 1, delay: 0, failureAction: 'rollback', monitor: 7, maxFailureRatio: 0 },
  });
  expect(serviceOptionsOf({ owner: 'team-a', hotdock: { replicas: '4' } }, 5).replicas).toBe(4);
});
