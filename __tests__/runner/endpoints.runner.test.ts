/**
 * The committed bundle with the docker CLI's variables in the runner's environment (common on CI
 * runners): they never redirect a deploy to another engine, and a DOCKER_HOST hotdock cannot reach
 * ends in outputs and a summary, not a crash. Needs the lab (scripts/lab.sh).
 */
import { jest } from '@jest/globals';
import Docker from 'dockerode';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lab } from '../helpers/lab.js';
import { cleanupStack, localDocker, uniqueStack } from '../helpers/stack.js';
import { runAction, workspace } from './harness.js';

jest.setTimeout(120_000);

const PLAIN = `heat_template_version: 2021-04-16
resources:
  web:
    type: DockerInc::Docker::Container
    properties:
      image: hotdock-test/busybox:1
      cmd: [sleep, "300"]
`;

const L = lab();
const h1 = localDocker();
const h2 = new Docker({ socketPath: L.h2Sock.replace('unix://', '') });
const stacks: string[] = [];
afterAll(async () => {
  await Promise.all(stacks.flatMap((s) => [cleanupStack(h1, s), cleanupStack(h2, s)]));
}, 60_000);

const idsOn = async (docker: Docker, stack: string): Promise<string[]> =>
  (await docker.listContainers({ all: true, filters: { label: [`io.hotdock.stack=${stack}`] } })).map((c) => c.Labels['io.hotdock.resource']);

/** The lab's client certificates as the docker CLI wants them: ca.pem, cert.pem, key.pem in one folder. */
function certDir(): string {
  const certs = mkdtempSync(join(tmpdir(), 'hotdock-certs-'));
  copyFileSync(join(L.tlsDir, 'ca.pem'), join(certs, 'ca.pem'));
  copyFileSync(join(L.tlsDir, 'client-cert.pem'), join(certs, 'cert.pem'));
  copyFileSync(join(L.tlsDir, 'client-key.pem'), join(certs, 'key.pem'));
  return certs;
}

test.each<[string, () => Record<string, string>]>([
  ['DOCKER_HOST/TLS variables on the second engine', () => ({ DOCKER_HOST: L.h2Tls, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certDir() })],
  ['DOCKER_HOST=ssh://… (nothing listens)', () => ({ DOCKER_HOST: 'ssh://user@127.0.0.1:1' })],
])('%s, docker-endpoint the local socket: deployed on the local engine, and said so', async (_name, envOf) => {
  const stack = uniqueStack('runner-env');
  stacks.push(stack);
  const r = runAction(workspace({ 'stack.yaml': PLAIN }), { template: 'stack.yaml', 'stack-name': stack, 'docker-endpoint': L.h1 }, envOf());
  expect(r.outputs.result).toBe('success');
  expect(JSON.parse(r.outputs.resources).web).toMatchObject({ endpoint: 'unix:///var/run/docker.sock', state: 'running' });
  expect(r.status).toBe(0);
  expect(await idsOn(h1, stack)).toEqual(['web']);
  expect(await idsOn(h2, stack)).toEqual([]);
});

test('DOCKER_HOST=ssh://… with no endpoint given: result=failure naming it, a summary, no crash', () => {
  const stack = uniqueStack('runner-env');
  stacks.push(stack);
  const r = runAction(workspace({ 'stack.yaml': PLAIN }), { template: 'stack.yaml', 'stack-name': stack }, { DOCKER_HOST: 'ssh://user@127.0.0.1:1' });
  expect(r.outputs.result).toBe('failure');
  expect(r.stdout).toMatch(/^::error::.*cannot reach Docker endpoint 'ssh:\/\/user@127\.0\.0\.1:1'/m);
  expect(r.summary).toContain('ssh://user@127.0.0.1:1');
  expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
  expect(r.status).toBe(1);
});
