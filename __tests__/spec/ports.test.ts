import { comparePortKeys, parsePortBindings, parsePortSpec } from '../../src/spec/ports.js';

describe('parsePortSpec: accepted forms', () => {
  test.each([
    [80, 80, 'tcp', '80/tcp'],
    ['80', 80, 'tcp', '80/tcp'],
    ['80/tcp', 80, 'tcp', '80/tcp'],
    ['53/udp', 53, 'udp', '53/udp'],
    ['53/UDP', 53, 'udp', '53/udp'],
    ['132/sctp', 132, 'sctp', '132/sctp'],
    [1, 1, 'tcp', '1/tcp'],
    [65535, 65535, 'tcp', '65535/tcp'],
    [' 8080 ', 8080, 'tcp', '8080/tcp'],
  ])('%j', (spec, port, protocol, key) => {
    expect(parsePortSpec(spec)).toEqual({ ok: true, port, protocol, key });
  });
});

describe('parsePortSpec: refusals', () => {
  test.each([
    [0, /Invalid port 0/],
    [65536, /Invalid port 65536/],
    [-1, /Invalid port/],
    [80.5, /Invalid port/],
    ['0', /Invalid port/],
    ['65536/tcp', /Invalid port/],
    ['', /Invalid port/],
    ['http', /Invalid port/],
    ['80/', /Invalid protocol/],
    ['80/icmp', /Invalid protocol "icmp"/],
    ['53/udp/tcp', /more than one protocol/],
    ['8000-8010', /Invalid port/],
    [null, /not a number or string/],
    [true, /not a number or string/],
    [[80], /not a number or string/],
    [{ port: 80 }, /not a number or string/],
  ])('%j', (spec, message) => {
    const r = parsePortSpec(spec);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.message).toMatch(message);
      expect(r.message).toMatch(/Expected a port number 1-65535/);
    }
  });
});

describe('parsePortBindings: accepted forms', () => {
  test.each([
    ['scalar number', { 80: 8080 }, { '80/tcp': [{ HostIp: '', HostPort: '8080' }] }],
    ['scalar string', { '80/tcp': '8080' }, { '80/tcp': [{ HostIp: '', HostPort: '8080' }] }],
    ['null → random', { 80: null }, { '80/tcp': [{ HostIp: '', HostPort: '' }] }],
    ['udp kept', { '53/udp': 5353 }, { '53/udp': [{ HostIp: '', HostPort: '5353' }] }],
    ['map', { 80: { HostIp: '127.0.0.1', HostPort: 8080 } }, { '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '8080' }] }],
    ['map without HostPort', { 80: { HostIp: '127.0.0.1' } }, { '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }] }],
    ['map with IPv6', { 80: { HostIp: '::1', HostPort: '80' } }, { '80/tcp': [{ HostIp: '::1', HostPort: '80' }] }],
    [
      'list of mixed',
      { 80: [8080, { HostIp: '127.0.0.1', HostPort: '8081' }, null] },
      { '80/tcp': [{ HostIp: '', HostPort: '8080' }, { HostIp: '127.0.0.1', HostPort: '8081' }, { HostIp: '', HostPort: '' }] },
    ],
    ['empty map', {}, {}],
  ])('%s', (_name, value, bindings) => {
    expect(parsePortBindings(value)).toEqual({ ok: true, bindings });
  });

  test('keys come out sorted by port number then protocol', () => {
    const r = parsePortBindings({ '443': 8443, '53/udp': 53, '80': 8080, '53/tcp': 53 });
    expect(r.ok && Object.keys(r.bindings)).toEqual(['53/tcp', '53/udp', '80/tcp', '443/tcp']);
  });
});

describe('parsePortBindings: refusals name the key', () => {
  test.each([
    ['not a map', [80], undefined, /must be a map/],
    ['null', null, undefined, /must be a map/],
    ['bad container port', { '80/icmp': 80 }, '80/icmp', /Invalid protocol/],
    ['heat bug form', { '53/udp/tcp': 53 }, '53/udp/tcp', /more than one protocol/],
    ['host port 0', { 80: 0 }, '80', /Invalid host port 0/],
    ['host port too big', { 80: 70000 }, '80', /Invalid host port 70000/],
    ['host port word', { 80: 'http' }, '80', /Invalid host port "http"/],
    ['host port boolean', { 80: true }, '80', /Invalid host port true/],
    ['nested list', { 80: [[8080]] }, '80', /Invalid host port/],
    ['empty list', { 80: [] }, '80', /No host port/],
    ['unknown map key', { 80: { HostIP: '1.2.3.4' } }, '80', /Unknown key "HostIP"/],
    ['bad HostIp', { 80: { HostIp: 'localhost', HostPort: 1 } }, '80', /Invalid HostIp "localhost"/],
    ['HostIp not string', { 80: { HostIp: 1, HostPort: 1 } }, '80', /Invalid HostIp 1/],
    ['same port twice', { 80: 8080, '80/tcp': 8081 }, '80/tcp', /same as "80"/],
  ])('%s', (_name, value, key, message) => {
    const r = parsePortBindings(value);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.key).toBe(key);
      expect(r.message).toMatch(message);
    }
  });
});

test('comparePortKeys orders numerically', () => {
  expect(['8080/tcp', '80/udp', '80/tcp', '9/tcp'].sort(comparePortKeys)).toEqual(['9/tcp', '80/tcp', '80/udp', '8080/tcp']);
});
