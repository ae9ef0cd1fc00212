/**
 * The example job summaries in docs/examples/ come from real runs of the action (src/main.ts, in
 * process) on the lab's two engines: a plan of an edit, its deploy, and a deploy whose new
 * container exits, rolled back. Each test fails when the committed file differs from what the run
 * renders, once the volatile parts are normalised (stack name, ids, host ports, times), so the
 * documentation cannot drift from the code. UPDATE_EXAMPLES=1 rewrites the files.
 */
import { jest } from '@jest/globals';
import Docker from 'dockerode';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { run } from '../../src/main.js';
import { lab } from '../helpers/lab.js';
import { cleanupStack, freePort, localDocker, uniqueStack } from '../helpers/stack.js';
import { parseOutputFile } from '../runner/harness.js';

jest.setTimeout(180_000);

const EXAMPLES = resolve(import.meta.dirname ?? '.', '../../docs/examples');

/** The shop: a web front on the local engine, a worker on the edge engine. `web` differs per step. */
function template(web: { greeting: string; port: string; cmd?: string[] }): string {
  const cmd = web.cmd ? `\n      cmd: ${JSON.stringify(web.cmd)}` : '';
  return `heat_template_version: 2021-04-16
description: The shop's web front and its worker.
parameters:
  db_password:
    type: string
    hidden: true
resources:
  web:
    type: DockerInc::Docker::Container
    properties:
      image: hotdock-test/busybox:1
      docker_endpoint: local${cmd}
      env:
        - GREETING=${web.greeting}
        - {list_join: ["=", [DB_PASSWORD, {get_param: db_password}]]}
      port_bindings:
        80: {HostIp: 127.0.0.1, HostPort: ${web.port}}
  worker:
    type: DockerInc::Docker::Container
    properties:
      image: hotdock-test/busybox:1
      docker_endpoint: edge
      cmd: [sleep, "3600"]
outputs:
  url:
    description: Where the shop answers.
    value: http://127.0.0.1:${web.port}/
`;
}

describe('example summaries from real runs (docs/examples)', () => {
  const stack = uniqueStack('docs');
  const local = localDocker();
  let edge: Docker;
  let ports: [number, number];
  const dir = mkdtempSync(join(tmpdir(), 'hotdock-examples-'));
  const summary = join(dir, 'summary.md');
  const output = join(dir, 'output');
  const saved = { ...process.env };

  beforeAll(async () => {
    edge = new Docker({ socketPath: lab().h2Sock.replace('unix://', '') });
    ports = [await freePort(), await freePort()];
  });
  afterEach(() => {
    process.env = { ...saved };
    process.exitCode = undefined;
    jest.restoreAllMocks();
  });
  afterAll(async () => {
    await cleanupStack(local, stack);
    await cleanupStack(edge, stack);
  });

  /** One step of the action: its summary (normalised) and outputs. */
  async function step(mode: string, web: Parameters<typeof template>[0], password: string): Promise<{ md: string; outputs: Record<string, string>; log: string }> {
    const L = lab();
    writeFileSync(join(dir, 'shop.yaml'), template(web));
    writeFileSync(summary, '');
    writeFileSync(output, '');
    const endpoints = JSON.stringify({
      local: 'unix:///var/run/docker.sock',
      edge: { url: L.h2Tls, 'tls-ca-cert': L.ca, 'tls-client-cert': L.cert, 'tls-client-key': L.key },
    });
    const env = {
      ...saved,
      GITHUB_WORKSPACE: dir, GITHUB_STEP_SUMMARY: summary, GITHUB_OUTPUT: output,
      GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'acme/shop', GITHUB_RUN_ID: '4242',
      INPUT_TEMPLATE: 'shop.yaml', INPUT_MODE: mode, 'INPUT_STACK-NAME': stack, INPUT_ENDPOINTS: endpoints,
      INPUT_PARAMETERS: `db_password: ${password}`, 'INPUT_WAIT-TIMEOUT': '20', 'INPUT_STABLE-SECONDS': '1',
    };
    Object.assign(process.env, env);
    const log: string[] = [];
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      log.push(String(chunk));
      return true;
    });
    await run(env);
    jest.restoreAllMocks();
    const md = readFileSync(summary, 'utf8');
    expect(md).not.toContain(password);
    // Registering it with the runner's masker is the one place it may be written.
    expect(log.join('').split('\n').filter((l) => !l.startsWith('::add-mask::')).join('\n')).not.toContain(password);
    return { md: normalise(md), outputs: parseOutputFile(readFileSync(output, 'utf8')), log: log.join('') };
  }

  /**
   * The run's volatile parts made stable: stack name, ids and digests (in order of appearance),
   * host ports, times. The committed examples hold this form.
   */
  function normalise(md: string): string {
    const ids = new Map<string, string>();
    return md
      // The plan hash covers the stack's labels, so it differs with the stack name.
      .replace(/p1:[0-9a-f]{64}/g, 'p1:0123abcd…')
      .split(stack).join('shop')
      .split(`:${ports[0]}`).join(':8080')
      .split(`:${ports[1]}`).join(':8081')
      .replace(/(?<![0-9a-f])[0-9a-f]{12}(?![0-9a-f])/g, (id) => {
        if (!ids.has(id)) ids.set(id, `${'c0ffee'}${String(ids.size + 1).padStart(6, '0')}`);
        return ids.get(id)!;
      })
      // Whether the poll saw the failing container up before it exited is a matter of timing.
      .replace(/ after \d+(\.\d+)? s of the \d+ s stability window/g, '')
      .replace(/\| \d+(\.\d)? s \|/g, '| 1.0 s |')
      .replace(/ in \d+(\.\d)? s\b/g, ' in 5.0 s');
  }

  /** Compares with (or, with UPDATE_EXAMPLES=1, writes) docs/examples/<name>. */
  function matchExample(name: string, md: string): void {
    const file = join(EXAMPLES, name);
    if (process.env.UPDATE_EXAMPLES === '1') writeFileSync(file, md);
    expect(md).toBe(readFileSync(file, 'utf8'));
  }

  it('a plan of an edit, its deploy, and a deploy whose new container exits, rolled back', async () => {
    const [p1, p2] = ports.map(String);
    const first = await step('deploy', { greeting: 'hello', port: p1 }, 'first-s3cret');
    expect(first.outputs).toMatchObject({ result: 'success', changed: 'true', 'failure-reason': '' });

    const edit = { greeting: 'bonjour', port: p2 };
    const plan = await step('plan', edit, 'second-s3cret');
    expect(plan.outputs).toMatchObject({ result: 'success', changed: 'true', 'failure-reason': '' });
    expect(plan.md).toContain('env: GREETING=hello → GREETING=bonjour');
    expect(plan.md).toContain('env: DB_PASSWORD=****** → DB_PASSWORD=******');
    expect(plan.md).toContain('ports: 127.0.0.1:8080->80/tcp → 127.0.0.1:8081->80/tcp');
    matchExample('summary-plan.md', plan.md);

    const deploy = await step('deploy', edit, 'second-s3cret');
    expect(deploy.outputs).toMatchObject({ result: 'success', changed: 'true', 'failure-reason': '' });
    expect(deploy.md.split('\n')[0]).toBe('## ✅ <code>shop</code>: 1 replaced, 1 unchanged on 2 endpoints in 5.0 s');
    matchExample('summary-deploy.md', deploy.md);
    // The log: one group per phase, in order, each closed; the replace's last line with its time.
    const groups = [...deploy.log.matchAll(/^::group::(.*)$/gm)].map((m) => m[1]);
    expect(groups).toEqual(['Validate', 'Connect', 'Lock', 'Observe, images and plan', 'Deploy', 'Report', 'Release']);
    expect(deploy.log.match(/^::endgroup::$/gm)).toHaveLength(groups.length);
    expect(deploy.log).toMatch(/^web: replaced, running \([0-9a-f]{12}\) in \d+(\.\d)? s$/m);
    expect(deploy.log).toContain('    env: GREETING=hello → GREETING=bonjour');

    const broken = { ...edit, cmd: ['sh', '-c', "echo starting the shop; echo 'fatal: cannot read /etc/shop/config.yaml'; exit 3"] };
    const failed = await step('deploy', broken, 'second-s3cret');
    expect(failed.outputs).toMatchObject({ result: 'failure', 'failure-reason': 'health-failed' });
    expect(failed.md).toContain('rolled back <code>web</code>');
    expect(failed.md).toContain('fatal: cannot read /etc/shop/config.yaml');
    matchExample('summary-failed-deploy.md', failed.md);
    // The rollback is real: the previous web still answers.
    const inspect = await local.getContainer('shop-web'.replace('shop', stack)).inspect();
    expect(inspect.State.Running).toBe(true);
    expect(inspect.Config.Env).toContain('GREETING=bonjour');
  });
});
