import { formatHostPort, isLoopbackHost, parseEndpointUrl, redactEndpointUrl } from '../../src/spec/endpoint-url.js';

describe('parseEndpointUrl: accepted forms', () => {
  test.each([
    ['unix:///var/run/docker.sock', { kind: 'unix', socketPath: '/var/run/docker.sock' }],
    ['unix:///run/hotdock-h2.sock/', { kind: 'unix', socketPath: '/run/hotdock-h2.sock' }],
    ['tcp://10.201.0.2:2376', { kind: 'tcp', host: '10.201.0.2', port: 2376 }],
    ['TCP://docker.example.com:2376', { kind: 'tcp', host: 'docker.example.com', port: 2376 }],
    ['tcp://192.168.1.207:2345', { kind: 'tcp', host: '192.168.1.207', port: 2345 }],
    ['http://myhost:2375/', { kind: 'http', host: 'myhost', port: 2375 }],
    ['http://myhost:2375', { kind: 'http', host: 'myhost', port: 2375 }],
    ['https://docker.example.com:2376/', { kind: 'https', host: 'docker.example.com', port: 2376 }],
    ['127.0.0.1:2375', { kind: 'tcp', host: '127.0.0.1', port: 2375 }],
    ['build-host:2375', { kind: 'tcp', host: 'build-host', port: 2375 }],
    ['  tcp://h:1  ', { kind: 'tcp', host: 'h', port: 1 }],
    ['tcp://h:65535', { kind: 'tcp', host: 'h', port: 65535 }],
    ['tcp://[::1]:2376', { kind: 'tcp', host: '::1', port: 2376 }],
    ['[fe80::1]:2375', { kind: 'tcp', host: 'fe80::1', port: 2375 }],
    ['https://[2001:db8::5]:2376/', { kind: 'https', host: '2001:db8::5', port: 2376 }],
    ['ssh://deploy@10.201.0.2:2222', { kind: 'ssh', user: 'deploy', host: '10.201.0.2', port: 2222 }],
    ['ssh://deploy@host', { kind: 'ssh', user: 'deploy', host: 'host', port: 22 }],
    ['ssh://deploy@host/', { kind: 'ssh', user: 'deploy', host: 'host', port: 22 }],
    ['ssh://hotdock-ssh@[::1]:2222', { kind: 'ssh', user: 'hotdock-ssh', host: '::1', port: 2222 }],
  ])('%s', (raw, expected) => {
    expect(parseEndpointUrl(raw)).toEqual({ ok: true, endpoint: expected });
  });
});

describe('parseEndpointUrl: refusals say what to write', () => {
  const generic =
    "Expected unix:///path, tcp://host:port, http(s)://host:port, host:port or ssh://user@host[:port]";
  test.each([
    ['', 'Invalid endpoint: empty. ' + generic],
    ['docker', "Invalid endpoint 'docker': missing port"],
    ['tcp://10.0.0.1', "Invalid endpoint 'tcp://10.0.0.1': missing port (write it as in tcp://HOST:2376)"],
    ['http://host/', "Invalid endpoint 'http://host/': missing port"],
    ['https://host', "Invalid endpoint 'https://host': missing port"],
    ['tcp://h:0', 'port 0 is out of range (1-65535)'],
    ['tcp://h:65536', 'port 65536 is out of range (1-65535)'],
    ['h:99999', 'port 99999 is out of range'],
    ['tcp://h:abc', "port 'abc' is not a number"],
    ['ssh://host', "Invalid endpoint 'ssh://host': ssh endpoints need a user, as in ssh://user@host[:port]"],
    ['ssh://@host', 'ssh endpoints need a user'],
    ['ssh://u@host:0', 'out of range'],
    ['ftp://h:21', "unsupported scheme 'ftp://'"],
    ['unix://var/run/docker.sock', 'absolute path'],
    ['unix://', 'absolute path'],
    ['unix:///', 'needs a path'],
    ['tcp://h:2375/v1.41', 'no path'],
    ['tcp://::1:2375', 'IPv6 addresses in brackets'],
    ['tcp://[::1:2375', "unclosed '['"],
    ['tcp://[nothost]:2375', 'is not an IPv6 address'],
    ['tcp://bad host:2375', 'is not a valid host name'],
    ['tcp://:2375', 'missing host'],
    ['tcp://', generic],
  ])('%j', (raw, fragment) => {
    const r = parseEndpointUrl(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain(fragment);
  });

  test('a password in an ssh URL is refused and never echoed', () => {
    const r = parseEndpointUrl('ssh://deploy:s3cret-pw@host:22');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.message).not.toContain('s3cret-pw');
      expect(r.message).toContain("'ssh://deploy:***@host:22'");
      expect(r.message).toContain('ssh-private-key');
    }
  });

  test('a password in an unsupported URL is not echoed either', () => {
    const r = parseEndpointUrl('ftp://u:topsecret@h:21');
    expect(!r.ok && !r.message.includes('topsecret')).toBe(true);
  });
});

describe('redactEndpointUrl', () => {
  test('keeps URLs without credentials as they are', () => {
    expect(redactEndpointUrl('ssh://u@h:22')).toBe('ssh://u@h:22');
    expect(redactEndpointUrl('tcp://[::1]:2376')).toBe('tcp://[::1]:2376');
  });
});

describe('isLoopbackHost', () => {
  test.each([
    ['localhost', true], ['LOCALHOST', true], ['api.localhost', true], ['127.0.0.1', true],
    ['127.8.9.10', true], ['::1', true], ['[::1]', true], ['0:0:0:0:0:0:0:1', true],
    ['::ffff:127.0.0.1', true], ['10.201.0.2', false], ['128.0.0.1', false], ['0.0.0.0', false],
    ['::', false], ['example.com', false], ['localhost.example.com', false], ['fe80::1', false],
  ])('%s → %s', (host, expected) => {
    expect(isLoopbackHost(host)).toBe(expected);
  });
});

describe('formatHostPort', () => {
  test('brackets IPv6 only', () => {
    expect(formatHostPort('::1', 2376)).toBe('[::1]:2376');
    expect(formatHostPort('10.201.0.2', 2376)).toBe('10.201.0.2:2376');
  });
});
