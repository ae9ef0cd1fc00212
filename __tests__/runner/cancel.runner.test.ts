/**
 * Cancellation as the runner does it, on the bundle (dist/index.js) and the local engine: a deploy
 * of v2 over a serving v1 is interrupted while v2's new container is proving itself.
 * - SIGINT: the step exits non-zero within 7 s, with result=failure, the failure named 'cancelled'
 *   and the summary written; v1 serves again, nothing aside or new is left, the lock is released.
 * - SIGKILL (the runner's last resort): the post step, given the state main saved, brings v1 back
 *   and releases the lock.
 * - After a clean run, the post step does nothing and says so.
 */
import { afterAll, expect, jest, test } from '@jest/globals';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { lab } from '../helpers/lab.js';
import { cleanupStack, fetchLocal, freePort, localDocker, uniqueStack } from '../helpers/stack.js';
import { ROOT, workspace } from './harness.js';
import { runPost, runStep, startStep, until, type Step } from './steps.js';
import { LABEL_LOCK, LABEL_LOCK_RENEW, LABEL_STACK } from '../../src/spec/labels.js';

jest.setTimeout(120_000);

const TEMPLATE = `heat_template_version: 2021-04-16
parameters:
  port:
    type: number
  greeting:
    type: string
resources:
  web:
    type: DockerInc::Docker::Container
    properties:
      image: hotdock-test/busybox:1
      env: [{list_join: ["=", [GREETING, {get_param: greeting}]]}]
      port_bindings:
        80: {HostIp: 127.0.0.1, HostPort: {get_param: port}}
`;

const docker = localDocker();
const stacks: string[] = [];
afterAll(async () => {
  for (const s of stacks) {
    await cleanupStack(docker, s);
    const renewals = await docker.listContainers({ all: true, filters: { label: [`${LABEL_LOCK_RENEW}=${s}`] } });
    for (const r of renewals) await docker.getContainer(r.Id).remove({ force: true }).catch(() => undefined);
  }
});

const runId = (): string => `run-${randomBytes(4).toString('hex')}`;

/** v1 deployed and serving on a free port; the inputs of a v2 deploy that proves itself slowly. */
async function servingV1() {
  lab();
  const stack = uniqueStack('cancel');
  stacks.push(stack);
  const port = await freePort();
  const ws = workspace({ 'stack.yaml': TEMPLATE });
  const base = { template: 'stack.yaml', 'stack-name': stack, mode: 'deploy' };
  const v1Inputs = { ...base, parameters: `port: ${port}\ngreeting: v1`, 'stable-seconds': '1' };
  const v1 = await runStep(ws, v1Inputs, { GITHUB_RUN_ID: runId() });
  expect([v1.code, v1.outputs.result]).toEqual([0, 'success']);
  expect(await fetchLocal(port)).toBe('hello');
  const v1Id = (JSON.parse(v1.outputs.resources) as Record<string, { container_id: string }>).web.container_id;
  // 30 s of proof: the signal arrives while the new container is proving itself, v1 aside.
  const v2 = { ...base, parameters: `port: ${port}\ngreeting: v2`, 'stable-seconds': '30', 'wait-timeout': '60' };
  return { stack, port, ws, v1Id, v1Inputs, v2 };
}

async function stackContainers(stack: string) {
  return docker.listContainers({ all: true, filters: { label: [`${LABEL_STACK}=${stack}`] } });
}

async function lockContainers(stack: string) {
  const held = await docker.listContainers({ all: true, filters: { label: [`${LABEL_LOCK}=${stack}`] } });
  const renewals = await docker.listContainers({ all: true, filters: { label: [`${LABEL_LOCK_RENEW}=${stack}`] } });
  return [...held, ...renewals];
}

/** Resolves once v1 is aside and v2's new container runs: the middle of the replace. */
async function midReplace(step: Step, stack: string, v1Id: string): Promise<void> {
  await until('v1 aside and the new container running', async () => {
    if (step.child.exitCode !== null) throw new Error(`the step ended before the replace:\n${step.stdout()}`);
    const all = await stackContainers(stack);
    const old = all.find((c) => c.Id === v1Id);
    const aside = old !== undefined && /-hotdock-(aside|old)-/.test(old.Names[0] ?? '');
    return aside && all.some((c) => c.Id !== v1Id && c.State === 'running');
  });
}

/** v1 serves (the image answers "hello" on its port), alone: no aside container, no new one, no lock. */
async function v1Alone(stack: string, port: number, v1Id: string): Promise<void> {
  expect(await fetchLocal(port)).toBe('hello');
  const left = await stackContainers(stack);
  expect(left.map((c) => [c.Id, c.Names[0], c.State])).toEqual([[v1Id, `/${stack}-web`, 'running']]);
  expect(await lockContainers(stack)).toEqual([]);
}

test('SIGINT mid-replace: exit non-zero within 7 s, result=failure named cancelled, summary written, v1 serves, nothing left', async () => {
  const { stack, port, ws, v1Id, v2 } = await servingV1();
  const step = startStep(ws, v2, { GITHUB_RUN_ID: runId() });
  await midReplace(step, stack, v1Id);

  const signalled = Date.now();
  step.child.kill('SIGINT');
  const end = await step.exited;

  expect(end.at - signalled).toBeLessThan(7000);
  expect(end.code).not.toBe(0);
  expect(end.code).not.toBeNull();
  expect(end.outputs.result).toBe('failure');
  expect(end.stdout).toMatch(/^::error::.*cancelled/m);
  expect(end.stdout).toMatch(/SIGINT received: cancelling/);
  expect(end.summary).toContain('[!CAUTION]');
  expect(end.summary).toMatch(/cancelled/);
  await v1Alone(stack, port, v1Id);
  // A cancelled run that settled leaves its post step nothing to do.
  expect(end.state.settled).toBe('true');
});

test('SIGKILL mid-replace: the post step, given the state main saved, brings v1 back and releases the lock', async () => {
  const { stack, port, ws, v1Id, v2 } = await servingV1();
  const run = runId();
  const step = startStep(ws, v2, { GITHUB_RUN_ID: run });
  await midReplace(step, stack, v1Id);
  step.child.kill('SIGKILL');
  const killed = await step.exited;
  expect(killed.signal).toBe('SIGKILL');
  expect(killed.state.isPost).toBe('true');
  expect(killed.state.settled).toBeUndefined();
  expect(JSON.parse(killed.state.locks ?? '[]')).toHaveLength(1);

  const post = await runPost(ws, v2, killed, run);
  expect([post.code, post.stderr]).toEqual([0, '']);
  expect(post.stdout).toMatch(/did not settle: undoing \d+ change\(s\) and releasing 1 lock\(s\)/);
  expect(post.stdout).toMatch(/resource 'web' on endpoint '.*': brought back '.*-web'/);
  expect(post.stdout).not.toMatch(/^::warning::/m);
  await v1Alone(stack, port, v1Id);
});

test('after a clean run the post step does nothing, in one line', async () => {
  const { stack, port, ws, v1Id, v1Inputs } = await servingV1();
  const run = runId();
  const again = await runStep(ws, v1Inputs, { GITHUB_RUN_ID: run });
  expect(again.outputs).toMatchObject({ result: 'success', changed: 'false' });
  expect(again.state).toMatchObject({ isPost: 'true', settled: 'true' });

  const post = await runPost(ws, v1Inputs, again, run);
  expect([post.code, post.stderr]).toEqual([0, '']);
  expect(post.stdout.trim().split('\n')).toEqual(['hotdock post: the main step settled; nothing to repair']);
  await v1Alone(stack, port, v1Id);
});

/** A lock on the stack held by another, live run (just taken, so far from its TTL). */
async function lockedByAnother(stack: string): Promise<string> {
  const c = await docker.createContainer({
    name: `hotdock-lock.${stack}`,
    Image: 'hotdock-test/busybox:1',
    Labels: { [LABEL_LOCK]: stack, 'io.hotdock.lock.run': 'another-run', 'io.hotdock.lock.token': randomBytes(8).toString('hex'), 'io.hotdock.lock.ttl': '120' },
  });
  return c.id;
}

test('SIGINT while waiting for another run\'s lock: the step still ends within 7 s with outputs and summary, the other lock untouched', async () => {
  lab();
  const stack = uniqueStack('cancel');
  stacks.push(stack);
  const theirs = await lockedByAnother(stack);
  const ws = workspace({ 'stack.yaml': TEMPLATE });
  const port = await freePort();
  const step = startStep(ws, { template: 'stack.yaml', 'stack-name': stack, mode: 'deploy', parameters: `port: ${port}\ngreeting: v1` }, { GITHUB_RUN_ID: runId() });
  await until('the step waiting for the lock', () => /is locked by run another-run/.test(step.stdout()));
  const signalled = Date.now();
  step.child.kill('SIGINT');
  const end = await step.exited;

  // The lock wait watches the cancel: the step ends at once, not at the 5.5 s safety exit.
  expect(end.at - signalled).toBeLessThan(7000);
  expect([end.code === 0, end.code === null]).toEqual([false, false]);
  expect(end.outputs.result).toBe('failure');
  expect(end.stdout).toMatch(/^::error::.*cancelled by SIGINT while waiting for the lock/m);
  expect(end.summary).toMatch(/cancelled by SIGINT/);
  expect(await stackContainers(stack)).toEqual([]);
  expect((await lockContainers(stack)).map((c) => c.Id)).toEqual([theirs]);
});

test('the CLI: SIGINT while waiting for a lock ends it within 7 s, exit 1, saying it was cancelled', async () => {
  lab();
  const stack = uniqueStack('cancel');
  stacks.push(stack);
  const theirs = await lockedByAnother(stack);
  const ws = workspace({ 'stack.yaml': TEMPLATE });
  const port = await freePort();
  const cli = spawn(process.execPath, [join(ROOT, 'bin/hotdock.js'), 'deploy', 'stack.yaml', '--stack', stack, '--param', `port=${port}`, '--param', 'greeting=v1'], {
    cwd: ws,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, HOTDOCK_COMPILE_CACHE: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  cli.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<{ code: number | null; at: number }>((resolve) => cli.on('close', (code) => resolve({ code, at: Date.now() })));
  await until('the CLI waiting for the lock', () => /is locked by run another-run/.test(stderr));
  const signalled = Date.now();
  cli.kill('SIGINT');
  const end = await exited;
  expect(end.at - signalled).toBeLessThan(7000);
  expect(end.code).toBe(1);
  expect(stderr).toMatch(/SIGINT received: cancelling/);
  expect(stderr).toMatch(/cancelled by SIGINT/);
  expect((await lockContainers(stack)).map((c) => c.Id)).toEqual([theirs]);
});
