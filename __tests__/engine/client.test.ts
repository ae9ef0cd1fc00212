/**
 * The Docker client is built from hotdock's endpoint alone: docker-modem fills every connection
 * field its options leave out from DOCKER_HOST, DOCKER_TLS_VERIFY, DOCKER_CERT_PATH,
 * DOCKER_PATH_PREFIX and DOCKER_CLIENT_TIMEOUT, so these tests set all of them in process.env
 * (restored after each test) and check the client's fields are exactly ours.
 */
import http from 'node:http';
import { dockerodeFor, modemOptions } from '../../src/engine/client.js';
import { parseEndpointUrl } from '../../src/spec/endpoint-url.js';
import type { EndpointTarget } from '../../src/spec/types.js';

const VARS = ['DOCKER_HOST', 'DOCKER_TLS_VERIFY', 'DOCKER_CERT_PATH', 'DOCKER_PATH_PREFIX', 'DOCKER_CLIENT_TIMEOUT'];
let saved: [string, string | undefined][] = [];
beforeEach(() => {
  saved = VARS.map((k) => [k, process.env[k]]);
});
afterEach(() => {
  for (const [k, v] of saved) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

function target(url: string, extra: Partial<EndpointTarget> = {}): EndpointTarget {
  const p = parseEndpointUrl(url);
  if (!p.ok) throw new Error(p.message);
  return { name: url, url, parsed: p.endpoint, ...extra };
}

/** The connection fields of the modem dockerodeFor built. */
function modemOf(t: EndpointTarget, agent?: http.Agent): Record<string, unknown> {
  const docker = dockerodeFor(modemOptions(t, agent, 1234));
  const m = (docker as unknown as { modem: Record<string, unknown> }).modem;
  return { socketPath: m.socketPath, host: m.host, port: m.port, protocol: m.protocol, ca: m.ca, cert: m.cert, key: m.key, timeout: m.timeout, pathPrefix: m.pathPrefix, username: m.username };
}

const environments: [string, Record<string, string>][] = [
  ['tcp DOCKER_HOST with TLS from the environment', { DOCKER_HOST: 'tcp://10.201.0.2:2376', DOCKER_TLS_VERIFY: '1', DOCKER_PATH_PREFIX: '/evil', DOCKER_CLIENT_TIMEOUT: '1' }],
  ['ssh DOCKER_HOST', { DOCKER_HOST: 'ssh://user@127.0.0.1:1' }],
  ['unix DOCKER_HOST', { DOCKER_HOST: 'unix:///run/hotdock-h2.sock' }],
  // docker-modem itself throws while it reads these: our client must not.
  ['a DOCKER_HOST docker-modem cannot parse', { DOCKER_HOST: 'tcp://[not a host' }],
  ['DOCKER_CERT_PATH without certificates', { DOCKER_HOST: 'tcp://10.201.0.2:2376', DOCKER_CERT_PATH: '/nowhere' }],
];

describe.each(environments)('with %s in process.env', (_name, env) => {
  beforeEach(() => Object.assign(process.env, env));

  test('unix:// stays the socket, over plain HTTP on it', () => {
    expect(modemOf(target('unix:///var/run/docker.sock'))).toEqual({
      socketPath: '/var/run/docker.sock', host: undefined, port: undefined, protocol: 'http',
      ca: undefined, cert: undefined, key: undefined, timeout: 1234, pathPrefix: undefined, username: undefined,
    });
  });

  test('tcp:// without TLS material stays plain and names its own host', () => {
    const agent = new http.Agent();
    expect(modemOf(target('tcp://127.0.0.1:2375'), agent)).toEqual({
      socketPath: undefined, host: '127.0.0.1', port: 2375, protocol: 'http',
      ca: undefined, cert: undefined, key: undefined, timeout: 1234, pathPrefix: '/', username: undefined,
    });
    agent.destroy();
  });

  test('tcp:// with TLS material: https with exactly that material', () => {
    const agent = new http.Agent();
    const tls = { ca: 'CA', cert: 'CERT', key: 'KEY' };
    expect(modemOf(target('tcp://10.201.0.2:2376', { tls }), agent)).toMatchObject({ host: '10.201.0.2', port: 2376, protocol: 'https', ...tls });
    agent.destroy();
  });

  test('the environment is given back as it was', () => {
    modemOf(target('unix:///var/run/docker.sock'));
    for (const [k, v] of Object.entries(env)) expect([k, process.env[k]]).toEqual([k, v]);
  });
});

describe('modemOptions', () => {
  test('sets every connection field docker-modem would otherwise take from the environment', () => {
    const o = modemOptions(target('unix:///var/run/docker.sock'), undefined, 5);
    for (const field of ['socketPath', 'host', 'port', 'protocol', 'username', 'password', 'pathPrefix', 'ca', 'cert', 'key', 'timeout', 'sshOptions', 'version']) {
      expect([field, Object.prototype.hasOwnProperty.call(o, field)]).toEqual([field, true]);
    }
  });
  test('https:// without material is still https (system CAs verify it)', () => {
    expect(modemOptions(target('https://h:2376'), undefined, 5)).toMatchObject({ protocol: 'https', ca: undefined });
  });
  test('http:// is plain even with material on the target (endpointTargetFor refuses that earlier)', () => {
    expect(modemOptions(target('http://h:2375', { tls: { ca: 'CA' } }), undefined, 5)).toMatchObject({ protocol: 'http', ca: undefined });
  });
  test('ssh:// goes through our agent over http framing, never docker-modem ssh', () => {
    expect(modemOptions(target('ssh://u@h:2222'), undefined, 5)).toMatchObject({ protocol: 'http', host: 'h', port: 2222, username: undefined, sshOptions: {} });
  });
});
