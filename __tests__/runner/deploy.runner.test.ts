/**
 * The committed bundle deploying for real, as the runner runs it: deploy, a no-op redeploy that
 * says changed=false, plan after an edit (changes nothing), destroy; then the same over TLS with
 * PEM inputs, and the CLI with the docker CLI's TLS variables. Needs the lab (scripts/lab.sh).
 */
import { jest } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lab } from '../helpers/lab.js';
import { cleanupStack, fetchLocal, freePort, localDocker, uniqueStack } from '../helpers/stack.js';
import { ROOT, runAction, workspace } from './harness.js';

jest.setTimeout(180_000);

const TEMPLATE = `heat_template_version: 2021-04-16
parameters:
  port:
    type: number
  greeting:
    type: string
    default: hello
resources:
  web:
    type: DockerInc::Docker::Container
    properties:
      image: hotdock-test/busybox:1
      env: [{list_join: ["=", [GREETING, {get_param: greeting}]]}]
      port_bindings:
        80: {HostIp: 127.0.0.1, HostPort: {get_param: port}}
outputs:
  url:
    value: {str_replace: {template: "http://127.0.0.1:P/", params: {P: {get_param: port}}}}
`;

const PLAIN = `heat_template_version: 2021-04-16
resources:
  web:
    type: DockerInc::Docker::Container
    properties:
      image: hotdock-test/busybox:1
`;

describe('action bundle, deploy on the local engine', () => {
  const stack = uniqueStack('runner');
  const docker = localDocker();
  afterAll(() => cleanupStack(docker, stack));

  it('deploys, redeploys as a no-op, plans an edit without touching anything, destroys', async () => {
    lab();
    const port = await freePort();
    const ws = workspace({ 'stack.yaml': TEMPLATE });
    const inputs = { template: 'stack.yaml', 'stack-name': stack, parameters: `port: ${port}` };

    const first = runAction(ws, { ...inputs, mode: 'deploy' });
    expect([first.status, first.stderr]).toEqual([0, '']);
    expect(first.outputs).toMatchObject({ result: 'success', changed: 'true' });
    const resources = JSON.parse(first.outputs.resources);
    expect(resources.web).toMatchObject({ container_name: `${stack}-web`, state: 'running', action: 'create', ports: [`127.0.0.1:${port}->80/tcp`] });
    expect(JSON.parse(first.outputs.outputs)).toEqual({ url: `http://127.0.0.1:${port}/` });
    expect(JSON.parse(first.outputs.plan)).toEqual([{ resource: 'web', endpoint: expect.any(String), action: 'create', reasons: expect.any(Array) }]);
    expect(first.stdout).toMatch(/^web: /m);
    expect(first.summary).toContain('| resource | image | action | container | ports | health | time |');
    expect(first.summary).toContain(`${stack}-web`);
    expect(await fetchLocal(port)).toBe('hello');

    const again = runAction(ws, { ...inputs, mode: 'deploy' });
    expect(again.outputs).toMatchObject({ result: 'success', changed: 'false' });
    expect(JSON.parse(again.outputs.plan).map((e: { action: string }) => e.action)).toEqual(['unchanged']);
    expect(JSON.parse(again.outputs.resources).web.container_id).toBe(resources.web.container_id);
    expect(again.summary).toContain('changed <b>no</b>');

    const plan = runAction(ws, { ...inputs, mode: 'plan', parameters: `port: ${port}\ngreeting: bye` });
    expect(plan.outputs).toMatchObject({ result: 'success', changed: 'true' });
    expect(JSON.parse(plan.outputs.plan)[0]).toMatchObject({ resource: 'web', action: 'replace' });
    const still = await docker.getContainer(resources.web.container_id).inspect();
    expect(still.State.Running).toBe(true);

    const destroy = runAction(ws, { ...inputs, mode: 'destroy' });
    expect(destroy.outputs).toMatchObject({ result: 'success', changed: 'true' });
    expect(destroy.status).toBe(0);
    const left = await docker.listContainers({ all: true, filters: { label: [`io.hotdock.stack=${stack}`] } });
    expect(left).toEqual([]);
  });

  it('a container that cannot start fails the step with result=failure and the error', () => {
    lab();
    const ws = workspace({ 'stack.yaml': PLAIN.replace('hotdock-test/busybox:1', 'hotdock-test/absent:0') });
    const r = runAction(ws, { template: 'stack.yaml', 'stack-name': uniqueStack('runner'), mode: 'deploy', pull: 'never' });
    expect(r.outputs.result).toBe('failure');
    expect(r.stdout).toMatch(/^::error::.*hotdock-test\/absent:0/m);
    expect(r.summary).toContain('[!CAUTION]');
    expect(r.status).toBe(1);
  });
});

describe('the second host, over TLS and ssh', () => {
  it('the action takes PEM inputs, masks the key, and deploys over verified TLS', () => {
    const l = lab();
    const stack = uniqueStack('runner-tls');
    const ws = workspace({ 'stack.yaml': PLAIN });
    const inputs = {
      template: 'stack.yaml',
      'stack-name': stack,
      'docker-endpoint': l.h2Tls,
      'tls-ca-cert': l.ca,
      'tls-client-cert': l.cert,
      'tls-client-key': l.key,
    };
    const r = runAction(ws, { ...inputs, mode: 'deploy' });
    expect(r.outputs).toMatchObject({ result: 'success', changed: 'true' });
    expect(JSON.parse(r.outputs.resources).web.state).toBe('running');
    expect(r.stdout).toContain('::add-mask::');
    const destroy = runAction(ws, { ...inputs, mode: 'destroy' });
    expect(destroy.outputs).toMatchObject({ result: 'success', changed: 'true' });
  });

  it('the CLI honours DOCKER_HOST, DOCKER_TLS_VERIFY and DOCKER_CERT_PATH', () => {
    const l = lab();
    const certs = mkdtempSync(join(tmpdir(), 'hotdock-certs-'));
    copyFileSync(join(l.tlsDir, 'ca.pem'), join(certs, 'ca.pem'));
    copyFileSync(join(l.tlsDir, 'client-cert.pem'), join(certs, 'cert.pem'));
    copyFileSync(join(l.tlsDir, 'client-key.pem'), join(certs, 'key.pem'));
    const ws = workspace({ 'stack.yaml': PLAIN });
    const cli = (env: Record<string, string>) =>
      spawnSync(process.execPath, [join(ROOT, 'bin/hotdock.js'), 'plan', 'stack.yaml', '--json'], {
        cwd: ws,
        encoding: 'utf8',
        env: { PATH: process.env.PATH, HOME: process.env.HOME, DOCKER_HOST: l.h2Tls, ...env },
        timeout: 60_000,
      });
    const ok = cli({ DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certs });
    expect(JSON.parse(ok.stdout)).toMatchObject({ result: 'success', plan: [{ resource: 'web', action: 'create' }] });
    expect(ok.status).toBe(0);
    const missing = cli({ DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: join(certs, 'nowhere') });
    expect(missing.stderr).toContain('ca.pem not found');
    expect(missing.status).toBe(2);
  });

  it('the CLI reaches an ssh:// endpoint with ~/.ssh/known_hosts and the default key, and refuses an unknown host key', () => {
    const l = lab();
    const home = mkdtempSync(join(tmpdir(), 'hotdock-home-'));
    mkdirSync(join(home, '.ssh'));
    writeFileSync(join(home, '.ssh', 'id_ed25519'), l.sshKey, { mode: 0o600 });
    const ws = workspace({ 'stack.yaml': PLAIN });
    const cli = () =>
      spawnSync(process.execPath, [join(ROOT, 'bin/hotdock.js'), 'plan', 'stack.yaml', '--json', '--endpoint', l.h2Ssh], {
        cwd: ws,
        encoding: 'utf8',
        env: { PATH: process.env.PATH, HOME: home },
        timeout: 60_000,
      });
    writeFileSync(join(home, '.ssh', 'known_hosts'), l.otherKnownHosts);
    const refused = cli();
    expect(JSON.parse(refused.stdout).result).toBe('failure');
    expect(refused.status).toBe(1);
    writeFileSync(join(home, '.ssh', 'known_hosts'), l.knownHosts);
    const ok = cli();
    expect(JSON.parse(ok.stdout)).toMatchObject({ result: 'success', plan: [{ resource: 'web', action: 'create' }] });
    expect(ok.status).toBe(0);
  });
});
