/**
 * DOCKER_HOST, DOCKER_TLS_VERIFY and DOCKER_CERT_PATH: read once, by readDockerEnvironment, the
 * same way in the action (readSettings) and the CLI (cliSettings), and only where the user gave no
 * endpoint. Every environment here is a plain object: nothing of this process's env is read.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readDockerEnvironment } from '../src/docker-env.js';
import { readSettings } from '../src/inputs.js';
import { cliSettings } from '../src/cli.js';
import type { Settings } from '../src/settings.js';

const PEM = { ca: 'CA-PEM\n', cert: 'CERT-PEM\n', key: '-----BEGIN PRIVATE KEY-----\nKEYBODY\n-----END PRIVATE KEY-----\n' };

/** A directory holding the given certificate files (ca.pem, cert.pem, key.pem by default). */
function certDir(files: string[] = ['ca.pem', 'cert.pem', 'key.pem']): string {
  const dir = mkdtempSync(join(tmpdir(), 'hotdock-env-certs-'));
  const text: Record<string, string> = { 'ca.pem': PEM.ca, 'cert.pem': PEM.cert, 'key.pem': PEM.key };
  for (const f of files) writeFileSync(join(dir, f), text[f]);
  return dir;
}

/** A HOME without ~/.docker, so the default certificate place is empty. */
const EMPTY_HOME = mkdtempSync(join(tmpdir(), 'hotdock-env-home-'));

describe('readDockerEnvironment', () => {
  test('nothing set → undefined (the caller uses the local socket)', () => {
    expect(readDockerEnvironment({}, EMPTY_HOME)).toBeUndefined();
    expect(readDockerEnvironment({ DOCKER_HOST: '  ', DOCKER_TLS_VERIFY: '' }, EMPTY_HOME)).toBeUndefined();
  });

  test('DOCKER_HOST alone: the endpoint, no TLS', () => {
    expect(readDockerEnvironment({ DOCKER_HOST: 'tcp://10.0.0.1:2375' }, EMPTY_HOME)).toEqual({ endpoint: 'tcp://10.0.0.1:2375' });
    expect(readDockerEnvironment({ DOCKER_HOST: 'ssh://u@10.0.0.1' }, EMPTY_HOME)).toEqual({ endpoint: 'ssh://u@10.0.0.1' });
  });

  test('DOCKER_TLS_VERIFY with DOCKER_CERT_PATH: the three PEM files', () => {
    const dir = certDir();
    expect(readDockerEnvironment({ DOCKER_HOST: 'tcp://10.0.0.1:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: dir }, EMPTY_HOME)).toEqual({
      endpoint: 'tcp://10.0.0.1:2376',
      tls: PEM,
    });
    // https:// and bare host:port are TLS-capable too; DOCKER_CERT_PATH alone asks for TLS as well.
    expect(readDockerEnvironment({ DOCKER_HOST: 'https://h:2376', DOCKER_CERT_PATH: dir }, EMPTY_HOME)?.tls).toEqual(PEM);
    expect(readDockerEnvironment({ DOCKER_HOST: 'h:2376', DOCKER_TLS_VERIFY: 'yes', DOCKER_CERT_PATH: dir }, EMPTY_HOME)?.tls).toEqual(PEM);
  });

  test('without DOCKER_CERT_PATH the certificates come from ~/.docker, as the docker CLI finds them', () => {
    const home = mkdtempSync(join(tmpdir(), 'hotdock-env-home-'));
    const dir = join(home, '.docker');
    mkdirSync(dir);
    for (const [f, t] of [['ca.pem', PEM.ca], ['cert.pem', PEM.cert], ['key.pem', PEM.key]]) writeFileSync(join(dir, f), t);
    expect(readDockerEnvironment({ DOCKER_HOST: 'tcp://h:2376', DOCKER_TLS_VERIFY: '1' }, home)?.tls).toEqual(PEM);
  });

  test.each(['ca.pem', 'cert.pem', 'key.pem'])('a missing %s is a precise error, never plain HTTP', (missing) => {
    const dir = certDir(['ca.pem', 'cert.pem', 'key.pem'].filter((f) => f !== missing));
    expect(() => readDockerEnvironment({ DOCKER_HOST: 'tcp://h:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: dir }, EMPTY_HOME)).toThrow(
      `DOCKER_TLS_VERIFY and DOCKER_CERT_PATH: ${join(dir, missing)} not found (TLS needs ca.pem, cert.pem and key.pem in ${dir})`,
    );
  });

  test.each([
    ['unix:///var/run/docker.sock', 'a unix:// endpoint does not use TLS'],
    ['ssh://u@h', 'a ssh:// endpoint does not use TLS'],
    ['http://h:2375', 'http:// is plain HTTP'],
  ])('TLS asked for with DOCKER_HOST=%s is refused', (host, why) => {
    expect(() => readDockerEnvironment({ DOCKER_HOST: host, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certDir() }, EMPTY_HOME)).toThrow(
      `DOCKER_TLS_VERIFY and DOCKER_CERT_PATH ask for TLS, but DOCKER_HOST '${host}' cannot use it (${why}). Write DOCKER_HOST as tcp://host:port for TLS, or unset DOCKER_TLS_VERIFY and DOCKER_CERT_PATH`,
    );
  });

  test('TLS asked for without DOCKER_HOST is refused (the local socket cannot use it)', () => {
    expect(() => readDockerEnvironment({ DOCKER_TLS_VERIFY: '1' }, EMPTY_HOME)).toThrow(
      'DOCKER_TLS_VERIFY is set but DOCKER_HOST is not: TLS needs a tcp://host:port endpoint. Set DOCKER_HOST (or docker-endpoint / --endpoint), or unset DOCKER_TLS_VERIFY',
    );
  });

  test('a malformed DOCKER_HOST names the variable', () => {
    expect(() => readDockerEnvironment({ DOCKER_HOST: 'tcp://h' }, EMPTY_HOME)).toThrow(/^Invalid endpoint 'tcp:\/\/h': missing port .*\(in DOCKER_HOST\)$/);
  });
});

/** The endpoint part of Settings from both entry points, for one environment and no endpoint given. */
function both(env: Record<string, string>, masked: string[] = []): [Partial<Settings>, Partial<Settings>] {
  const pick = (s: Settings): Partial<Settings> => ({
    dockerEndpoint: s.dockerEndpoint,
    dockerEndpointExplicit: s.dockerEndpointExplicit,
    ...(s.dockerEndpointTls ? { dockerEndpointTls: s.dockerEndpointTls } : {}),
  });
  const action = readSettings({ INPUT_TEMPLATE: 't.yaml', GITHUB_WORKSPACE: '/ws', HOME: EMPTY_HOME, ...env }, (s) => masked.push(s));
  const cli = cliSettings({ command: 'plan', template: 't.yaml', params: {}, envFiles: [], json: false }, { HOME: EMPTY_HOME, ...env }, '/ws');
  return [pick(action), pick(cli)];
}

describe('the action and the CLI read the environment alike', () => {
  test.each<[string, Record<string, string>, Partial<Settings>]>([
    ['nothing', {}, { dockerEndpoint: 'unix:///var/run/docker.sock', dockerEndpointExplicit: false }],
    ['DOCKER_HOST', { DOCKER_HOST: 'tcp://10.0.0.1:2375' }, { dockerEndpoint: 'tcp://10.0.0.1:2375', dockerEndpointExplicit: true }],
    [
      'DOCKER_HOST with TLS',
      { DOCKER_HOST: 'tcp://10.0.0.1:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certDir() },
      { dockerEndpoint: 'tcp://10.0.0.1:2376', dockerEndpointExplicit: true, dockerEndpointTls: PEM },
    ],
  ])('%s', (_name, env, expected) => {
    const [action, cli] = both(env);
    expect(action).toEqual(expected);
    expect(cli).toEqual(expected);
  });

  test('the action masks the client key read from DOCKER_CERT_PATH', () => {
    const masked: string[] = [];
    both({ DOCKER_HOST: 'tcp://10.0.0.1:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certDir() }, masked);
    expect(masked.join('\n')).toContain('KEYBODY');
  });

  test.each<[string, Record<string, string>, string]>([
    ['missing certificates', { DOCKER_HOST: 'tcp://h:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/nowhere' }, '/nowhere/ca.pem not found'],
    ['TLS on a unix socket', { DOCKER_HOST: 'unix:///run/x.sock', DOCKER_TLS_VERIFY: '1' }, "DOCKER_HOST 'unix:///run/x.sock' cannot use it"],
  ])('both refuse %s with the same message', (_name, env, message) => {
    expect(() => both(env)).toThrow(message);
    expect(() =>
      cliSettings({ command: 'plan', template: 't.yaml', params: {}, envFiles: [], json: false }, { HOME: EMPTY_HOME, ...env }, '/ws'),
    ).toThrow(message);
  });

  test('an endpoint given by the user: the environment is not read at all (not even broken TLS settings)', () => {
    const env = { DOCKER_HOST: 'tcp://10.0.0.9:2375', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/nowhere', HOME: EMPTY_HOME };
    const action = readSettings({ INPUT_TEMPLATE: 't.yaml', 'INPUT_DOCKER-ENDPOINT': 'unix:///var/run/docker.sock', ...env }, () => undefined);
    expect(action.dockerEndpoint).toBe('unix:///var/run/docker.sock');
    expect(action.dockerEndpointTls).toBeUndefined();
    const cli = cliSettings(
      { command: 'plan', template: 't.yaml', params: {}, envFiles: [], json: false, endpoint: 'unix:///var/run/docker.sock' },
      env,
      '/ws',
    );
    expect(cli.dockerEndpoint).toBe('unix:///var/run/docker.sock');
    expect(cli.dockerEndpointTls).toBeUndefined();
  });

  test('an endpoints pool is an endpoint given: DOCKER_HOST does not override it', () => {
    const s = readSettings(
      { INPUT_TEMPLATE: 't.yaml', INPUT_ENDPOINTS: 'a: tcp://10.0.0.1:2376\nb: tcp://10.0.0.2:2376', DOCKER_HOST: 'tcp://10.0.0.9:2375' },
      () => undefined,
    );
    expect(s).toMatchObject({ dockerEndpoint: 'unix:///var/run/docker.sock', dockerEndpointExplicit: false });
  });
});

describe('TLS material that cannot apply is refused in the inputs', () => {
  const read = (inputs: Record<string, string>) => {
    const env: NodeJS.ProcessEnv = { INPUT_TEMPLATE: 't.yaml' };
    for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v;
    return () => readSettings(env, () => undefined);
  };
  test('docker-endpoint http:// with the tls-* inputs', () => {
    expect(read({ 'docker-endpoint': 'http://10.0.0.1:2376', 'tls-ca-cert': 'CA' })).toThrow(
      "input 'docker-endpoint': TLS material (tls-ca-cert, tls-client-cert, tls-client-key) is given, but 'http://10.0.0.1:2376' is plain HTTP (http:// never uses TLS): write tcp://10.0.0.1:2376 or https://10.0.0.1:2376 to use TLS",
    );
    // tcp:// with the same inputs is TLS.
    expect(read({ 'docker-endpoint': 'tcp://10.0.0.1:2376', 'tls-ca-cert': 'CA' })().tls).toEqual({ ca: 'CA' });
  });
  test.each(['http://h:2375', 'unix:///run/x.sock', 'ssh://u@h'])('an endpoints entry %s with its own TLS material', (url) => {
    expect(read({ endpoints: `e:\n  url: ${url}\n  tls-ca-cert: CA` })).toThrow(new RegExp(`^Invalid input 'endpoints': entry 'e': TLS material .* is given, but '${url.replace(/[/.]/g, '\\$&')}'`));
  });
});
