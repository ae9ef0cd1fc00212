/**
 * The CLI with a real ~/.docker in a temporary HOME, on the lab: a context made by `docker context
 * create` pointing at the second engine over TLS, `docker login` against the lab's registry, a
 * credential helper on PATH, --registry-auth and --endpoints files, and an ssh alias from
 * ~/.ssh/config. The CLI runs in this process (cliMain) with only the environment given.
 */
import { spawnSync } from 'node:child_process';
import { jest } from '@jest/globals';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Docker from 'dockerode';
import { cliMain, cliVersion } from '../../src/cli.js';
import { lab } from '../helpers/lab.js';
import { cleanupStack, localDocker, uniqueStack } from '../helpers/stack.js';
import { ROOT } from '../runner/harness.js';

jest.setTimeout(90_000);

const L = lab();
const h1 = localDocker();
const h2 = new Docker({ socketPath: L.h2Sock.replace('unix://', '') });
const stacks: string[] = [];
const newStack = (): string => {
  const s = uniqueStack('cli');
  stacks.push(s);
  return s;
};
const repo = `${L.registry}/${uniqueStack('cli')}`;
const privateImage = `${repo}/app:1`;

/** A fresh HOME; `docker` runs there against the local engine. */
function home(): string {
  return mkdtempSync(join(tmpdir(), 'hotdock-home-'));
}

function docker(homeDir: string, args: string[], input?: string): string {
  const r = spawnSync('docker', args, { env: { PATH: process.env.PATH, HOME: homeDir }, input, encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) throw new Error(`docker ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

const template = (image: string) => `heat_template_version: 2021-04-16
resources:
  web:
    type: DockerInc::Docker::Container
    properties:
      image: ${image}
      cmd: [sleep, "300"]
`;

/** Runs the CLI in a fresh folder holding stack.yaml (and `files`); env is all it sees. */
async function cli(args: string[], env: NodeJS.ProcessEnv, files: Record<string, string> = {}, image = 'hotdock-test/busybox:1') {
  const cwd = mkdtempSync(join(tmpdir(), 'hotdock-cli-'));
  writeFileSync(join(cwd, 'stack.yaml'), template(image));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(cwd, name), text);
  let stdout = '';
  let stderr = '';
  const status = await cliMain(args, { PATH: process.env.PATH, ...env }, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd });
  return { status, stdout, stderr };
}

const namesOn = async (engine: Docker, stack: string): Promise<string[]> =>
  (await engine.listContainers({ all: true, filters: { label: [`io.hotdock.stack=${stack}`] } })).map((c) => c.Labels['io.hotdock.resource']);

beforeAll(() => {
  // The private image: pushed with the docker CLI logged in from its own HOME, then untagged here.
  const pusher = home();
  docker(pusher, ['login', L.registry, '-u', L.registryUser, '--password-stdin'], L.registryPassword);
  docker(pusher, ['tag', 'hotdock-test/busybox:1', privateImage]);
  docker(pusher, ['push', privateImage]);
  docker(pusher, ['rmi', privateImage]);
}, 90_000);

afterAll(async () => {
  await Promise.all(stacks.flatMap((s) => [cleanupStack(h1, s), cleanupStack(h2, s)]));
  await h1.getImage(privateImage).remove().catch(() => undefined);
}, 90_000);

describe('docker contexts', () => {
  /** A HOME whose docker CLI has context `lab` (the second engine over TLS), made by docker itself. */
  function contextHome(use: boolean): string {
    const h = home();
    const tls = `ca=${join(L.tlsDir, 'ca.pem')},cert=${join(L.tlsDir, 'client-cert.pem')},key=${join(L.tlsDir, 'client-key.pem')}`;
    docker(h, ['context', 'create', 'lab', '--docker', `host=${L.h2Tls},${tls}`]);
    if (use) docker(h, ['context', 'use', 'lab']);
    return h;
  }

  test('the current context (docker context use) takes the deploy to its engine, with its TLS material', async () => {
    const stack = newStack();
    const h = contextHome(true);
    const r = await cli(['deploy', 'stack.yaml', '--stack', stack, '--yes', '--stable-seconds', '1'], { HOME: h });
    expect(r.stderr).not.toContain('error');
    expect(r.status).toBe(0);
    expect(await namesOn(h2, stack)).toEqual(['web']);
    expect(await namesOn(h1, stack)).toEqual([]);
    // DOCKER_HOST wins over the current context, as in the docker CLI.
    const local = await cli(['plan', 'stack.yaml', '--stack', stack], { HOME: h, DOCKER_HOST: L.h1 });
    expect(local.stdout).toContain(`create web @${L.h1}`);
  });

  test('DOCKER_CONTEXT and --context choose a context; a missing one is named', async () => {
    const stack = newStack();
    const h = contextHome(false);
    const byEnv = await cli(['deploy', 'stack.yaml', '--stack', stack, '--yes', '--stable-seconds', '1'], { HOME: h, DOCKER_CONTEXT: 'lab' });
    expect(byEnv.status).toBe(0);
    expect(await namesOn(h2, stack)).toEqual(['web']);
    const byFlag = await cli(['plan', 'stack.yaml', '--stack', stack, '--context', 'lab'], { HOME: h });
    expect(byFlag.stdout).toContain(`plan of stack ${stack}: success, would change nothing`);
    expect(byFlag.status).toBe(0);
    const missing = await cli(['plan', 'stack.yaml', '--stack', stack], { HOME: h, DOCKER_CONTEXT: 'nope' });
    expect(missing.stderr).toMatch(/^hotdock: docker context 'nope' \(from DOCKER_CONTEXT\) not found/);
    expect(missing.status).toBe(2);
  });
});

describe('registry credentials', () => {
  const pull = (stack: string) => ['deploy', 'stack.yaml', '--stack', stack, '--yes', '--pull', 'always', '--stable-seconds', '1'];

  test('without any: the failure says docker login or --registry-auth, not the action input', async () => {
    const r = await cli(pull(newStack()), { HOME: home() }, {}, privateImage);
    expect(r.stderr).toContain('(run docker login for it, or give --registry-auth FILE)');
    expect(r.stderr).not.toContain('set registry-auth');
    expect(r.status).toBe(1);
  });

  test('docker login: the credentials it stored in config.json pull the image', async () => {
    const h = home();
    docker(h, ['login', L.registry, '-u', L.registryUser, '--password-stdin'], L.registryPassword);
    expect(readFileSync(join(h, '.docker', 'config.json'), 'utf8')).toContain(L.registry);
    const stack = newStack();
    const r = await cli(pull(stack), { HOME: h }, {}, privateImage);
    expect(r.stderr).not.toContain(L.registryPassword);
    expect(r.status).toBe(0);
    expect(await namesOn(h1, stack)).toEqual(['web']);
  });

  test.each([
    ['credHelpers', (helper: string) => ({ credHelpers: { [L.registry]: helper } })],
    ['credsStore', (helper: string) => ({ credsStore: helper })],
  ])('a credential helper named by %s is asked, and its answer pulls the image', async (_key, configOf) => {
    const h = home();
    const bin = join(h, 'bin');
    const calls = join(h, 'calls');
    mkdirSync(bin);
    mkdirSync(join(h, '.docker'));
    writeFileSync(join(h, '.docker', 'config.json'), JSON.stringify(configOf('hdtest')));
    const answer = JSON.stringify({ ServerURL: L.registry, Username: L.registryUser, Secret: L.registryPassword });
    writeFileSync(
      join(bin, 'docker-credential-hdtest'),
      `#!/bin/sh\nread server\necho "$1 $server" >> ${calls}\n` +
        `case "$1" in\n  list) echo '{"${L.registry}":"${L.registryUser}"}' ;;\n` +
        `  get) if [ "$server" = "${L.registry}" ]; then echo '${answer}'; else echo 'credentials not found in native keychain'; exit 1; fi ;;\nesac\n`,
    );
    chmodSync(join(bin, 'docker-credential-hdtest'), 0o755);
    const stack = newStack();
    const r = await cli(pull(stack), { HOME: h, PATH: `${bin}:${process.env.PATH}` }, {}, privateImage);
    expect(r.stderr).not.toContain('error');
    expect(r.status).toBe(0);
    expect(readFileSync(calls, 'utf8')).toContain(`get ${L.registry}`);
    expect(await namesOn(h1, stack)).toEqual(['web']);
  });

  test('a credential helper that is not installed: a warning naming it, and the deploy of a local image goes on', async () => {
    const h = home();
    mkdirSync(join(h, '.docker'));
    writeFileSync(join(h, '.docker', 'config.json'), JSON.stringify({ credsStore: 'not-installed' }));
    const stack = newStack();
    const r = await cli(['deploy', 'stack.yaml', '--stack', stack, '--yes', '--stable-seconds', '1'], { HOME: h });
    expect(r.stderr).toMatch(/^warning: credential helper docker-credential-not-installed .*cannot run: .*; its registries get no credentials$/m);
    expect(r.status).toBe(0);
    expect(await namesOn(h1, stack)).toEqual(['web']);
  });

  test('--registry-auth FILE pulls too; its mistakes name the flag and the file', async () => {
    const stack = newStack();
    const auth = `${L.registry}:\n  username: ${L.registryUser}\n  password: ${JSON.stringify(L.registryPassword)}\n`;
    const r = await cli([...pull(stack), '--registry-auth', 'auth.yaml'], { HOME: home() }, { 'auth.yaml': auth }, privateImage);
    expect(r.status).toBe(0);
    expect(await namesOn(h1, stack)).toEqual(['web']);
    const bad = await cli([...pull(stack), '--registry-auth', 'auth.yaml'], { HOME: home() }, { 'auth.yaml': `${L.registry}: {username: x}\n` });
    expect(bad.stderr).toBe(`hotdock: Invalid option --registry-auth (auth.yaml): registry '${L.registry}' has no password\n`);
    expect(bad.status).toBe(2);
  });
});

describe('named endpoints and ssh aliases', () => {
  test('--endpoints FILE makes examples/docker-endpoint.yaml valid', async () => {
    const example = join(ROOT, 'examples', 'docker-endpoint.yaml');
    const without = await cli(['validate', example], { HOME: home() });
    expect(without.stdout).toContain('staging');
    expect(without.status).toBe(1);
    const r = await cli(['validate', example, '--endpoints', 'endpoints.yaml'], { HOME: home() }, { 'endpoints.yaml': `staging: ${L.h2Tls}\n` });
    expect(r.stdout).toContain(': success');
    expect(r.status).toBe(0);
    const bad = await cli(['validate', example, '--endpoints', 'e.yaml'], { HOME: home() }, { 'e.yaml': 'staging: {tls-ca-cert: x}\n' });
    expect(bad.stderr).toBe("hotdock: Invalid option --endpoints (e.yaml): entry 'staging' has no 'url'\n");
  });

  /** A HOME whose ~/.ssh/config names the second engine's sshd `labh2`, with its key and known hosts. */
  function sshHome(): string {
    const h = home();
    mkdirSync(join(h, '.ssh'), { mode: 0o700 });
    writeFileSync(join(h, '.ssh', 'lab_key'), L.sshKey, { mode: 0o600 });
    writeFileSync(join(h, '.ssh', 'lab_known'), L.knownHosts);
    const [, user, host, port] = /^ssh:\/\/([^@]+)@([^:]+):(\d+)$/.exec(L.h2Ssh) ?? [];
    writeFileSync(
      join(h, '.ssh', 'config'),
      `Host labh2\n  HostName ${host}\n  Port ${port}\n  User ${user}\n  IdentityFile ${join(h, '.ssh', 'lab_key')}\n  UserKnownHostsFile ${join(h, '.ssh', 'lab_known')}\n`,
    );
    return h;
  }

  test('ssh://alias resolves through ~/.ssh/config (host, port, user, key, known hosts) and deploys there', async () => {
    const stack = newStack();
    const h = sshHome();
    const r = await cli(['deploy', 'stack.yaml', '--stack', stack, '--endpoint', 'ssh://labh2', '--yes'], { HOME: h });
    expect(r.stderr).not.toContain('error');
    expect(r.stdout).toContain(`create web @${L.h2Ssh}`);
    expect(r.status).toBe(0);
    expect(await namesOn(h2, stack)).toEqual(['web']);
    // The same alias in an --endpoints file.
    const named = await cli(['plan', 'stack.yaml', '--stack', stack, '--endpoints', 'e.yaml', '--endpoint', 'far'], { HOME: h }, { 'e.yaml': 'far: ssh://labh2\n' });
    expect(named.stdout).toContain('unchanged web @far');
    expect(named.status).toBe(0);
  });
});

describe('the command line itself', () => {
  test('--version prints the package version', async () => {
    const r = await cli(['--version'], { HOME: home() });
    expect(r.stdout).toBe(`hotdock ${JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version}\n`);
    expect(cliVersion()).not.toBe('unknown');
    expect(r.status).toBe(0);
  });

  test('a usage error is one line and a hint, not the whole help', async () => {
    const r = await cli(['plan', 'stack.yaml', '--frobnicate'], { HOME: home() });
    expect(r.stderr).toBe("hotdock: unknown option '--frobnicate'\nRun 'hotdock --help' for usage.\n");
    expect(r.status).toBe(2);
  });

  test('an unreachable endpoint: the error, and no "Plan: 0 to create"', async () => {
    const r = await cli(['plan', 'stack.yaml', '--stack', newStack(), '--endpoint', 'tcp://127.0.0.1:9'], { HOME: home() });
    expect(r.stdout).not.toContain('Plan:');
    expect(r.stdout).not.toContain('would change');
    expect(r.stderr).toContain("hotdock: error: cannot reach Docker endpoint 'tcp://127.0.0.1:9'");
    expect(r.status).toBe(1);
  });
});
