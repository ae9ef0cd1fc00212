/**
 * Secrets through the committed bundle: a registry password (inside the registry-auth YAML input)
 * and a hidden parameter are registered with the runner's masker in every form, and appear
 * nowhere else: not in the log, the summary, or the outputs. Needs the lab's registry.
 */
import { jest } from '@jest/globals';
import { lab } from '../helpers/lab.js';
import { cleanupStack, localDocker, uniqueStack } from '../helpers/stack.js';
import { runAction, workspace } from './harness.js';

jest.setTimeout(180_000);

const L = lab();
const docker = localDocker();
const stack = uniqueStack('runner-secrets');
const image = `${L.registry}/${stack}/web:1`;
const HIDDEN = 'hidden-token-4711';

async function push(source: string, target: string): Promise<void> {
  const at = target.lastIndexOf(':');
  await docker.getImage(source).tag({ repo: target.slice(0, at), tag: target.slice(at + 1) });
  const stream = await docker.getImage(target).push({ authconfig: { username: L.registryUser, password: L.registryPassword, serveraddress: L.registry } });
  const events = await new Promise<{ error?: string }[]>((resolve, reject) =>
    docker.modem.followProgress(stream, (err: Error | null, out: { error?: string }[]) => (err ? reject(err) : resolve(out))),
  );
  const failed = events.find((e) => e.error);
  if (failed) throw new Error(`push of ${target} failed: ${failed.error}`);
  // Gone locally, so the deploy has to pull it with the credentials.
  await docker.getImage(target).remove({ noprune: true });
}

beforeAll(() => push('hotdock-test/busybox:1', image), 60_000);
afterAll(async () => {
  await cleanupStack(docker, stack);
  await docker.getImage(image).remove({ noprune: true }).catch(() => undefined);
});

const TEMPLATE = `heat_template_version: 2021-04-16
parameters:
  token:
    type: string
    hidden: true
resources:
  web:
    type: DockerInc::Docker::Container
    properties:
      image: ${image}
      env: [{list_join: ["=", [TOKEN, {get_param: token}]]}]
outputs:
  token:
    value: {get_param: token}
  image:
    value: ${image}
`;

test('registry password and hidden values are masked, never written', () => {
  const ws = workspace({ 'stack.yaml': TEMPLATE });
  const inputs = {
    template: 'stack.yaml',
    'stack-name': stack,
    pull: 'always',
    parameters: `token: ${HIDDEN}`,
    'registry-auth': `${L.registry}:\n  username: ${L.registryUser}\n  password: ${L.registryPassword}\n`,
  };
  const r = runAction(ws, { ...inputs, mode: 'deploy' });
  expect(r.outputs.result).toBe('success');

  const userPass = Buffer.from(`${L.registryUser}:${L.registryPassword}`).toString('base64');
  const masks = r.stdout.split('\n').filter((l) => l.startsWith('::add-mask::')).map((l) => l.slice('::add-mask::'.length));
  expect(masks).toEqual(expect.arrayContaining([L.registryPassword, userPass, HIDDEN]));

  const unmasked = r.stdout.split('\n').filter((l) => !l.startsWith('::add-mask::')).join('\n');
  for (const secret of [L.registryPassword, userPass, HIDDEN]) {
    expect([secret, unmasked.includes(secret)]).toEqual([secret, false]);
    expect([secret, r.stderr.includes(secret)]).toEqual([secret, false]);
    expect([secret, r.summary.includes(secret)]).toEqual([secret, false]);
    expect([secret, JSON.stringify(r.outputs).includes(secret)]).toEqual([secret, false]);
  }
  expect(JSON.parse(r.outputs.outputs)).toEqual({ token: '******', image });
  expect(r.summary).toContain('| token | ****** |');

  const destroy = runAction(ws, { ...inputs, mode: 'destroy' });
  expect(destroy.outputs.result).toBe('success');
});
