import type Dockerode from 'dockerode';
import { attributeValue, boundPorts, demuxLogs, formatPorts, indexPath, runtimeFor, type AttributeSource } from '../../src/engine/attributes.js';
import { evaluateRuntime } from '../../src/template/resolve.js';

const ports = {
  '53/udp': [{ HostIp: '0.0.0.0', HostPort: '5353' }],
  '443/tcp': [{ HostIp: '127.0.0.1', HostPort: '8443' }],
  '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '8080' }, { HostIp: '::1', HostPort: '8080' }],
  '9000/tcp': null,
};

const info = {
  Id: 'abc123',
  Name: '/s-web',
  NetworkSettings: { IPAddress: '172.17.0.5', Gateway: '172.17.0.1', Ports: ports, Networks: {} },
} as unknown as Dockerode.ContainerInspectInfo;

const src = (logs?: string): AttributeSource => ({ id: 'abc123', info, logs });

describe('container attributes', () => {
  test.each([
    ['network_ip', '172.17.0.5'],
    ['network_gateway', '172.17.0.1'],
    ['network_tcp_ports', '8080,8443'],
    ['network_udp_ports', '5353'],
  ])('%s', (attr, want) => {
    expect(attributeValue(src(), attr)).toBe(want);
  });

  test('info and show are the whole inspect; network_info adds TcpPorts/UdpPorts', () => {
    expect(attributeValue(src(), 'info')).toBe(info);
    expect(attributeValue(src(), 'show')).toBe(info);
    expect(attributeValue(src(), 'network_info')).toMatchObject({ IPAddress: '172.17.0.5', TcpPorts: '8080,8443', UdpPorts: '5353' });
  });

  test('logs, logs_head and logs_tail (last non-empty line, unlike Heat)', () => {
    const logs = 'first line\r\nsecond\nlast one\n\n';
    expect(attributeValue(src(logs), 'logs')).toBe(logs);
    expect(attributeValue(src(logs), 'logs_head')).toBe('first line');
    expect(attributeValue(src(logs), 'logs_tail')).toBe('last one');
    expect(attributeValue(src(''), 'logs_tail')).toBe('');
  });

  test('a user network address when the default bridge has none', () => {
    const onNet = { ...info, NetworkSettings: { IPAddress: '', Gateway: '', Ports: {}, Networks: { app: { IPAddress: '10.0.0.3', Gateway: '10.0.0.1' } } } };
    expect(attributeValue({ id: 'x', info: onNet as unknown as Dockerode.ContainerInspectInfo }, 'network_ip')).toBe('10.0.0.3');
    expect(attributeValue({ id: 'x', info: onNet as unknown as Dockerode.ContainerInspectInfo }, 'network_gateway')).toBe('10.0.0.1');
  });

  test('unknown attribute names the known ones', () => {
    expect(() => attributeValue(src(), 'ip')).toThrow(/unknown attribute 'ip' \(known: info, network_info/);
  });

  test('path indexing into maps and lists; absent → null', () => {
    const v = { a: [{ b: 1 }, { b: 2 }] };
    expect(indexPath(v, ['a', 1, 'b'])).toBe(2);
    expect(indexPath(v, ['a', '0', 'b'])).toBe(1);
    expect(indexPath(v, ['a', 5])).toBeNull();
    expect(indexPath(v, ['x', 'y'])).toBeNull();
    expect(indexPath('text', ['x'])).toBeNull();
  });

  test('ports as docker ps shows them, in port order', () => {
    expect(boundPorts(ports)).toEqual({ tcp: '8080,8443', udp: '5353' });
    expect(formatPorts(ports)).toEqual(['0.0.0.0:5353->53/udp', '127.0.0.1:8080->80/tcp', '[::1]:8080->80/tcp', '127.0.0.1:8443->443/tcp']);
  });
});

describe('log streams', () => {
  const frame = (kind: number, text: string): Buffer => {
    const body = Buffer.from(text);
    const head = Buffer.alloc(8);
    head[0] = kind;
    head.writeUInt32BE(body.length, 4);
    return Buffer.concat([head, body]);
  };
  test('multiplexed frames are joined', () => {
    expect(demuxLogs(Buffer.concat([frame(1, 'out\n'), frame(2, 'err\n'), frame(1, 'more')]))).toBe('out\nerr\nmore');
  });
  test('raw (tty) logs pass through', () => {
    expect(demuxLogs(Buffer.from('plain text\n'))).toBe('plain text\n');
    expect(demuxLogs(Buffer.alloc(0))).toBe('');
  });
});

describe('runtime for evaluateRuntime', () => {
  const sources = new Map([['web', src('hello\n')]]);
  test('get_resource and get_attr with a path', () => {
    const value = { id: { get_resource: 'web' }, ip: { get_attr: ['web', 'network_info', 'IPAddress'] }, tail: { get_attr: ['web', 'logs_tail'] } };
    expect(evaluateRuntime(value, runtimeFor(sources))).toEqual({ id: 'abc123', ip: '172.17.0.5', tail: 'hello' });
  });
  test('a container that does not exist yet: placeholder, else an error', () => {
    expect(evaluateRuntime({ get_attr: ['db', 'network_ip'] }, runtimeFor(sources, (n, a) => `<${n}.${a}>`))).toBe('<db.network_ip>');
    expect(() => evaluateRuntime({ get_resource: 'db' }, runtimeFor(sources))).toThrow(/resource 'db' has no container yet/);
  });
});
