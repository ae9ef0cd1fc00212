/**
 * The docker CLI's environment on the real lab: DOCKER_HOST, DOCKER_TLS_VERIFY and DOCKER_CERT_PATH
 * in process.env (where docker-modem would read them) must never redirect a deploy or downgrade it
 * to plain HTTP; where the user gave no endpoint, hotdock reads them the same way in the action
 * (readSettings) and the CLI (cliMain). process.env is restored after every test.
 */
import { jest } from '@jest/globals';
import Docker from 'dockerode';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliMain } from '../../src/cli.js';
import { runStack } from '../../src/engine/run.js';
import { readSettings } from '../../src/inputs.js';
import { twoEngines } from '../helpers/two-engines.js';
import { container, recordingLog, stackOf } from '../helpers/stack.js';

jest.setTimeout(60_000);

const { L, h1, h2, newStack } = twoEngines('env');

const VARS = ['DOCKER_HOST', 'DOCKER_TLS_VERIFY', 'DOCKER_CERT_PATH'];
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

/** Resource name → container ID of the stack on an engine. */
const idsOn = async (docker: Docker, stack: string): Promise<Record<string, string>> => {
  const list = await docker.listContainers({ all: true, filters: { label: [`io.hotdock.stack=${stack}`] } });
  return Object.fromEntries(list.map((c) => [c.Labels['io.hotdock.resource'], c.Id]));
};
const locksOn = async (docker: Docker, stack: string): Promise<number> =>
  (await docker.listContainers({ all: true, filters: { label: [`io.hotdock.lock=${stack}`] } })).length;

/** The lab's client certificates as the docker CLI wants them: ca.pem, cert.pem, key.pem in one folder. */
function certDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hotdock-certs-'));
  copyFileSync(join(L.tlsDir, 'ca.pem'), join(dir, 'ca.pem'));
  copyFileSync(join(L.tlsDir, 'client-cert.pem'), join(dir, 'cert.pem'));
  copyFileSync(join(L.tlsDir, 'client-key.pem'), join(dir, 'key.pem'));
  return dir;
}

/** The action's environment for a step (INPUT_*), plus `extra` (DOCKER_* variables). */
function actionEnv(stack: string, inputs: Record<string, string>, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { INPUT_TEMPLATE: 'stack.yaml', 'INPUT_STACK-NAME': stack, GITHUB_WORKSPACE: process.cwd(), HOME: tmpdir(), ...extra };
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v;
  return env;
}

const web = () => [container('web', { cmd: ['sleep', '300'] })];
const TEMPLATE = `heat_template_version: 2021-04-16
resources:
  web:
    type: DockerInc::Docker::Container
    properties:
      image: hotdock-test/busybox:1
      cmd: [sleep, "300"]
`;

/** Runs the CLI in this process on a fresh workspace; returns its exit status and what it printed. */
async function cli(args: string[], env: NodeJS.ProcessEnv): Promise<{ status: number; stdout: string; stderr: string }> {
  const cwd = mkdtempSync(join(tmpdir(), 'hotdock-cli-'));
  writeFileSync(join(cwd, 'stack.yaml'), TEMPLATE);
  let stdout = '';
  let stderr = '';
  const status = await cliMain(args, { HOME: tmpdir(), ...env }, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd });
  return { status, stdout, stderr };
}

describe('DOCKER_HOST cannot redirect a deploy to an endpoint the user named', () => {
  /**
   * The second engine through its socket, and through its TLS port with the docker CLI's TLS
   * variables: docker-modem alone would take the latter as a complete connection (host, https,
   * certificates) and deploy there while hotdock reports the local socket.
   */
  const elsewhere: [string, () => Record<string, string>][] = [
    ['the second engine\'s socket', () => ({ DOCKER_HOST: L.h2Sock })],
    ['the second engine over TLS', () => ({ DOCKER_HOST: L.h2Tls, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certDir() })],
  ];

  test.each(elsewhere)('action: DOCKER_HOST on %s, the endpoint is the local socket → it lands on the local engine', async (_name, envOf) => {
    const stack = newStack();
    const env = envOf();
    Object.assign(process.env, env);
    const settings = readSettings(actionEnv(stack, { 'docker-endpoint': L.h1 }, env), () => undefined);
    const report = await runStack(settings, stackOf(stack, web()), recordingLog(), { stopTimeoutSeconds: 0 });
    expect(report.error).toBeUndefined();
    expect(report.resources.web.endpoint).toBe('unix:///var/run/docker.sock');
    expect(report.plan).toEqual([expect.objectContaining({ resource: 'web', endpoint: 'unix:///var/run/docker.sock', action: 'create' })]);
    expect(await idsOn(h2, stack)).toEqual({});
    expect(await idsOn(h1, stack)).toEqual({ web: report.resources.web.container_id });
  });

  test.each(elsewhere)('CLI: DOCKER_HOST on %s, --endpoint unix:///var/run/docker.sock → the local engine', async (_name, envOf) => {
    const stack = newStack();
    const env = envOf();
    Object.assign(process.env, env);
    const r = await cli(['deploy', 'stack.yaml', '--stack', stack, '--endpoint', L.h1, '--json'], env);
    expect(JSON.parse(r.stdout)).toMatchObject({ result: 'success', resources: { web: { endpoint: 'unix:///var/run/docker.sock' } } });
    expect(r.status).toBe(0);
    expect(await idsOn(h2, stack)).toEqual({});
    expect(Object.keys(await idsOn(h1, stack))).toEqual(['web']);
  });

  test('DOCKER_HOST=ssh://… with the local socket as endpoint: no crash, the deploy works', async () => {
    const stack = newStack();
    process.env.DOCKER_HOST = 'ssh://user@127.0.0.1:1';
    const settings = readSettings(actionEnv(stack, { 'docker-endpoint': L.h1 }, { DOCKER_HOST: 'ssh://user@127.0.0.1:1' }), () => undefined);
    const report = await runStack(settings, stackOf(stack, web()), recordingLog(), { stopTimeoutSeconds: 0 });
    expect(report.error).toBeUndefined();
    expect(report.resources.web).toMatchObject({ endpoint: 'unix:///var/run/docker.sock', state: 'running' });
    expect(Object.keys(await idsOn(h1, stack))).toEqual(['web']);
  });

  test('DOCKER_HOST=ssh://… and no endpoint given: a clear error naming it, in the action and the CLI', async () => {
    const stack = newStack();
    const host = 'ssh://user@127.0.0.1:1';
    process.env.DOCKER_HOST = host;
    const settings = readSettings(actionEnv(stack, {}, { DOCKER_HOST: host }), () => undefined);
    expect(settings.dockerEndpoint).toBe(host);
    const report = await runStack(settings, stackOf(stack, web()), recordingLog(), { stopTimeoutSeconds: 0 });
    expect(report.result).toBe('failure');
    const why = 'ssh: no ssh-known-hosts given; a host key not listed is refused (get it with: ssh-keyscan -p 1 127.0.0.1)';
    expect(report.error).toBe(`cannot reach Docker endpoint '${host}': ${why}`);
    // With the host key listed, the next cause is the real one.
    const known = readSettings(
      actionEnv(stack, { 'ssh-private-key': L.sshKey, 'ssh-known-hosts': '[127.0.0.1]:1 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl' }, { DOCKER_HOST: host }),
      () => undefined,
    );
    const refused = await runStack(known, stackOf(stack, web()), recordingLog(), { stopTimeoutSeconds: 0 });
    expect(refused.error).toBe(`cannot reach Docker endpoint '${host}': connection refused`);
    const r = await cli(['plan', 'stack.yaml', '--stack', stack, '--json'], { DOCKER_HOST: host });
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ result: 'failure', error: `cannot reach Docker endpoint '${host}': ${why}` });
    expect(await idsOn(h1, stack)).toEqual({});
  });
});

describe('DOCKER_TLS_VERIFY and DOCKER_CERT_PATH: TLS in the action and the CLI alike, never plain HTTP', () => {
  test('action (readSettings): DOCKER_HOST=tcp://…:2376 with VERIFY and the certificates deploys over verified TLS', async () => {
    const stack = newStack();
    const env = { DOCKER_HOST: L.h2Tls, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certDir() };
    Object.assign(process.env, env);
    const masked: string[] = [];
    const settings = readSettings(actionEnv(stack, {}, env), (s) => masked.push(s));
    expect(settings.dockerEndpointTls?.key).toBe(L.key);
    expect(masked.length).toBeGreaterThan(0);
    const report = await runStack(settings, stackOf(stack, web()), recordingLog(), { stopTimeoutSeconds: 0 });
    expect(report.error).toBeUndefined();
    expect(report.warnings).toEqual([]);
    expect(report.resources.web.endpoint).toBe(L.h2Tls);
    // The TLS port only answers a client certificate: the container on the second engine proves it.
    expect(Object.keys(await idsOn(h2, stack))).toEqual(['web']);
    expect(await idsOn(h1, stack)).toEqual({});
  });

  test('CLI: the same variables deploy over TLS too', async () => {
    const stack = newStack();
    const env = { DOCKER_HOST: L.h2Tls, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certDir() };
    Object.assign(process.env, env);
    const r = await cli(['deploy', 'stack.yaml', '--stack', stack, '--json'], env);
    expect(JSON.parse(r.stdout)).toMatchObject({ result: 'success', resources: { web: { endpoint: L.h2Tls, state: 'running' } } });
    expect(r.status).toBe(0);
    expect(Object.keys(await idsOn(h2, stack))).toEqual(['web']);
  });

  test('without the certificates: refused in both, nothing deployed, no request sent', async () => {
    const stack = newStack();
    const env = { DOCKER_HOST: L.h2Tls, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: join(tmpdir(), `no-certs-${stack}`) };
    Object.assign(process.env, env);
    expect(() => readSettings(actionEnv(stack, {}, env), () => undefined)).toThrow(
      `DOCKER_TLS_VERIFY and DOCKER_CERT_PATH: ${join(env.DOCKER_CERT_PATH, 'ca.pem')} not found`,
    );
    const r = await cli(['deploy', 'stack.yaml', '--stack', stack], env);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('ca.pem not found');
    // VERIFY with an http:// DOCKER_HOST is refused as well, not answered with plain HTTP.
    const http = { ...env, DOCKER_HOST: L.h2Tls.replace('tcp://', 'http://'), DOCKER_CERT_PATH: certDir() };
    expect(() => readSettings(actionEnv(stack, {}, http), () => undefined)).toThrow(/cannot use it \(http:\/\/ is plain HTTP\)/);
    expect((await cli(['deploy', 'stack.yaml', '--stack', stack], http)).stderr).toMatch(/cannot use it \(http:\/\/ is plain HTTP\)/);
    expect(await idsOn(h2, stack)).toEqual({});
  });
});

describe('TLS material given to an http:// endpoint is refused, never dropped', () => {
  test('the action inputs: docker-endpoint http:// with tls-* inputs', () => {
    const stack = newStack();
    const inputs = { 'docker-endpoint': L.h2Tls.replace('tcp://', 'http://'), 'tls-ca-cert': L.ca, 'tls-client-cert': L.cert, 'tls-client-key': L.key };
    expect(() => readSettings(actionEnv(stack, inputs), () => undefined)).toThrow(
      "input 'docker-endpoint': TLS material (tls-ca-cert, tls-client-cert, tls-client-key) is given, but 'http://10.201.0.2:2376' is plain HTTP (http:// never uses TLS): write tcp://10.201.0.2:2376 or https://10.201.0.2:2376 to use TLS",
    );
    const entry = { endpoints: `h2:\n  url: http://10.201.0.2:2376\n  tls-ca-cert: |\n${L.ca.replace(/^/gm, '    ')}` };
    expect(() => readSettings(actionEnv(stack, entry), () => undefined)).toThrow(/^Invalid input 'endpoints': entry 'h2': TLS material .* 'http:\/\/10\.201\.0\.2:2376' is plain HTTP/);
  });

  test("a template's docker_endpoint http:// with the shared TLS material: precise error, nothing deployed, no lock taken", async () => {
    const stack = newStack();
    const settings = readSettings(actionEnv(stack, { 'tls-ca-cert': L.ca, 'tls-client-cert': L.cert, 'tls-client-key': L.key }), () => undefined);
    const resources = [container('web', { cmd: ['sleep', '300'], docker_endpoint: 'http://10.201.0.2:2376' })];
    const report = await runStack(settings, stackOf(stack, resources), recordingLog(), { stopTimeoutSeconds: 0 });
    expect(report.result).toBe('failure');
    expect(report.error).toBe(
      "resource 'web': endpoint 'http://10.201.0.2:2376': TLS material (tls-ca-cert, tls-client-cert, tls-client-key) is given, but 'http://10.201.0.2:2376' is plain HTTP (http:// never uses TLS): write tcp://10.201.0.2:2376 or https://10.201.0.2:2376 to use TLS",
    );
    expect(await idsOn(h2, stack)).toEqual({});
    expect(await idsOn(h1, stack)).toEqual({});
    expect(await locksOn(h2, stack)).toBe(0);
  });
});
