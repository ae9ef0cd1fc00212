/**
 * The CLI as a process against the lab's local engine, on a pseudo-terminal and through pipes:
 * deploy shows the plan and asks first (no → nothing changed, yes → deployed), destroy names what
 * it removes and asks the same way, --yes skips the question, a pipe is never asked; colour and
 * the live line only on a terminal, and no colour with NO_COLOR.
 */
import { jest } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lab } from '../helpers/lab.js';
import { cleanupStack, localDocker, uniqueStack } from '../helpers/stack.js';
import { buildCli, onTerminal, withPipes } from './cli-process.js';

jest.setTimeout(120_000);

lab();
const h1 = localDocker();
const stacks: string[] = [];
let built: ReturnType<typeof buildCli>;
const ESC = '\u001b[';
/** Terminal output without colour and line-editing codes. */
const plainText = (s: string): string => s.split(/\u001b\[[\d;]*[A-Za-z]/).join(''); // eslint-disable-line no-control-regex

beforeAll(() => {
  built = buildCli();
}, 300_000);

afterAll(async () => {
  built?.cleanup();
  await Promise.all(stacks.map((s) => cleanupStack(h1, s)));
}, 60_000);

/** A folder with stack.yaml (one container on the local engine) and a fresh stack name. */
function setup(): { cwd: string; stack: string; env: NodeJS.ProcessEnv } {
  const stack = uniqueStack('tty');
  stacks.push(stack);
  const cwd = mkdtempSync(join(tmpdir(), 'hotdock-tty-'));
  writeFileSync(
    join(cwd, 'stack.yaml'),
    'heat_template_version: 2021-04-16\nresources:\n  web:\n    type: DockerInc::Docker::Container\n    properties:\n      image: hotdock-test/busybox:1\n      cmd: [sleep, "300"]\n',
  );
  const env = { PATH: process.env.PATH, HOME: mkdtempSync(join(tmpdir(), 'hotdock-home-')), TERM: 'xterm', LANG: 'C.UTF-8' };
  return { cwd, stack, env };
}

const containers = async (stack: string): Promise<string[]> =>
  (await h1.listContainers({ all: true, filters: { label: [`io.hotdock.stack=${stack}`] } })).map((c) => c.Labels['io.hotdock.resource']);

const deploy = (stack: string, ...more: string[]) => ['deploy', 'stack.yaml', '--stack', stack, '--stable-seconds', '1', ...more];

test('on a terminal, deploy shows the plan, asks, and "n" changes nothing', () => {
  const { cwd, stack, env } = setup();
  const r = onTerminal(built.script, cwd, deploy(stack), env, 'n\n');
  const plain = plainText(r.output);
  const planAt = plain.indexOf('create web @unix:///var/run/docker.sock');
  const askAt = plain.indexOf(`Apply this plan to stack ${stack}? [y/N]`);
  expect(planAt).toBeGreaterThanOrEqual(0);
  expect(askAt).toBeGreaterThan(planAt);
  expect(plain).toContain('deploy not confirmed: nothing was changed');
  expect(r.status).toBe(1);
  return containers(stack).then((names) => expect(names).toEqual([]));
});

test('on a terminal, "y" deploys, in colour, with a live line; then destroy names what it removes and asks', async () => {
  const { cwd, stack, env } = setup();
  const r = onTerminal(built.script, cwd, deploy(stack), env, 'y\n');
  expect(plainText(r.output)).toContain(`Apply this plan to stack ${stack}? [y/N]`);
  expect(r.output).toContain(`${ESC}32mcreate${ESC}0m`); // the plan step, green
  expect(r.output).toContain(`${ESC}32mdeploy of stack ${stack}: success, changed`);
  expect(r.output).toContain('\r\u001b[2K'); // the live line, rewritten in place
  expect(r.status).toBe(0);
  expect(await containers(stack)).toEqual(['web']);

  const d = onTerminal(built.script, cwd, ['destroy', 'stack.yaml', '--stack', stack], env, 'y\n');
  expect(plainText(d.output)).toContain(`Remove 1 resource of stack ${stack} (web)? [y/N]`);
  // The live line ended with the removal: "removing" is not drawn again after "removed".
  expect(plainText(d.output.slice(d.output.lastIndexOf('web: removed')))).not.toContain('removing');
  expect(d.status).toBe(0);
  expect(await containers(stack)).toEqual([]);
});

test('--yes skips the question; NO_COLOR turns colour off on a terminal', async () => {
  const { cwd, stack, env } = setup();
  const r = onTerminal(built.script, cwd, deploy(stack, '--yes'), { ...env, NO_COLOR: '1' });
  expect(r.output).not.toContain('[y/N]');
  expect(r.output).not.toMatch(/\u001b\[\d+m/); // eslint-disable-line no-control-regex
  expect(r.output).toContain(`deploy of stack ${stack}: success, changed`);
  expect(r.status).toBe(0);
  expect(await containers(stack)).toEqual(['web']);
  // A plan that changes nothing asks nothing, even on a terminal without --yes.
  const again = onTerminal(built.script, cwd, deploy(stack), env);
  expect(again.output).not.toContain('[y/N]');
  expect(plainText(again.output)).toContain(`deploy of stack ${stack}: success, nothing changed`);
  expect(again.status).toBe(0);
});

test('through pipes: never asked, plain text, the plan on stderr before the changes, the result on stdout', async () => {
  const { cwd, stack, env } = setup();
  const r = withPipes(built.script, cwd, deploy(stack), env, 'n\n');
  expect(r.output).not.toContain('[y/N]');
  expect(r.output).not.toContain('\u001b');
  expect(r.stderr.indexOf('create web @')).toBeGreaterThanOrEqual(0);
  expect(r.stderr.indexOf('create web @')).toBeLessThan(r.stderr.indexOf('web: created'));
  expect(r.stdout).toContain(`deploy of stack ${stack}: success, changed`);
  expect(r.status).toBe(0);
  expect(await containers(stack)).toEqual(['web']);
  const plan = withPipes(built.script, cwd, ['plan', 'stack.yaml', '--stack', stack], env);
  expect(plan.stdout).toContain(`plan of stack ${stack}: success, would change nothing`);
});
