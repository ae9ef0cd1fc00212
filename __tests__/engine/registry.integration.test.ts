/**
 * The lab's registry with basic auth: no credentials and wrong ones fail clearly (and without the
 * secret in the message); right ones deploy; a tag moved in the registry with pull=always replaces
 * exactly the containers that use it.
 */
import { runStack } from '../../src/engine/run.js';
import { registryAuthSecrets } from '../../src/spec/registry-auth.js';
import { ensureImage } from '../../src/engine/images.js';
import type { Settings } from '../../src/settings.js';
import { lab } from '../helpers/lab.js';
import { cleanupStack, container, localDocker, recordingLog, stackOf, testSettings, uniqueStack } from '../helpers/stack.js';
import { dockerApiOf } from '../../src/engine/docker-api.js';

const L = lab();
const docker = localDocker();
const dockerApi = dockerApiOf(docker);
const name = uniqueStack();
const repo = `${L.registry}/${name}`;
const mover = `${repo}/mover:1`;
const fixed = `${repo}/fixed:1`;
const auth = { [L.registry]: { username: L.registryUser, password: L.registryPassword } };
// sleep and busybox httpd ignore SIGTERM as PID 1: stop kills at once instead of waiting out a timeout.
const options = { stopTimeoutSeconds: 0 };

/** Tags a local image as `target`, pushes it with credentials, and drops the local tag. */
async function push(source: string, target: string): Promise<void> {
  const [repoName, tag] = [target.slice(0, target.lastIndexOf(':')), target.slice(target.lastIndexOf(':') + 1)];
  await docker.getImage(source).tag({ repo: repoName, tag });
  const stream = await docker.getImage(target).push({ authconfig: { username: L.registryUser, password: L.registryPassword, serveraddress: L.registry } });
  const events = await new Promise<{ error?: string }[]>((resolve, reject) =>
    docker.modem.followProgress(stream, (err: Error | null, out: { error?: string }[]) => (err ? reject(err) : resolve(out))),
  );
  const failed = events.find((e) => e.error);
  if (failed) throw new Error(`push of ${target} failed: ${failed.error}`);
}

async function untag(image: string): Promise<void> {
  await docker.getImage(image).remove({ noprune: true }).catch(() => undefined);
}

beforeAll(async () => {
  await push('hotdock-test/busybox:1', mover);
  await push('hotdock-test/busybox:1', fixed);
  await untag(mover);
  await untag(fixed);
}, 60000);

afterAll(async () => {
  await cleanupStack(docker, name);
  await untag(mover);
  await untag(fixed);
});

const stack = () =>
  stackOf(name, [container('m', { image: mover, cmd: ['sleep', '300'] }), container('f', { image: fixed, cmd: ['sleep', '300'] })]);
const settings = (over: Partial<Settings>): Settings => testSettings(name, over);

test('no credentials: a clear failure, nothing created', async () => {
  const report = await runStack(settings({}), stack(), recordingLog(), options);
  expect(report.result).toBe('failure');
  expect(report.error).toMatch(new RegExp(`no credentials for registry '${L.registry.replace(/\./g, '\\.')}'.*\\(set registry-auth\\)`));
  expect(report.changed).toBe(false);
}, 60000);

test('wrong credentials: refused, the password never shows', async () => {
  const wrong = { [L.registry]: { username: L.registryUser, password: 'not-the-password-123' } };
  const log = recordingLog();
  const report = await runStack(settings({ registryAuth: wrong }), stack(), log, options);
  expect(report.result).toBe('failure');
  expect(report.error).toContain(`registry '${L.registry}' refused the credentials for user '${L.registryUser}'`);
  for (const secret of registryAuthSecrets(wrong)) {
    expect(report.error).not.toContain(secret);
    expect(log.lines.join('\n')).not.toContain(secret);
  }
}, 60000);

test('credentials deploy; a moved tag with pull=always replaces only its containers', async () => {
  const log = recordingLog();
  const first = await runStack(settings({ registryAuth: auth }), stack(), log, options);
  expect(first.error).toBeUndefined();
  expect(log.lines.some((l) => /pulled image/.test(l))).toBe(true);
  for (const secret of registryAuthSecrets(auth)) expect(log.lines.join('\n')).not.toContain(secret);
  const before = { m: first.resources.m.container_id, f: first.resources.f.container_id };

  // Same tag, different image: what a scheduled redeploy must pick up.
  await push('hotdock-test/busybox:2', mover);
  await docker.getImage('hotdock-test/busybox:1').tag({ repo: mover.slice(0, mover.lastIndexOf(':')), tag: '1' });
  // The endpoint still has the old image under the tag: only pull=always may see the move.
  const unchanged = await runStack(settings({ registryAuth: auth, pull: 'missing' }), stack(), recordingLog(), options);
  expect(unchanged.changed).toBe(false);

  const moved = await runStack(settings({ registryAuth: auth, pull: 'always' }), stack(), recordingLog(), options);
  expect(moved.error).toBeUndefined();
  const plan = Object.fromEntries(moved.plan.map((p) => [p.resource, p]));
  expect(plan.m.action).toBe('replace');
  expect(plan.f.action).toBe('unchanged');
  expect(moved.resources.m.container_id).not.toBe(before.m);
  expect(moved.resources.f.container_id).toBe(before.f);
  const v2 = await docker.getImage('hotdock-test/busybox:2').inspect();
  expect(moved.resources.m.image_id).toBe(v2.Id);

  const again = await runStack(settings({ registryAuth: auth, pull: 'always' }), stack(), recordingLog(), options);
  expect(again.changed).toBe(false);
}, 120000);

test('an image the registry does not have: not found, named with its registry', async () => {
  await expect(ensureImage(dockerApi, `${repo}/absent:1`, 'missing', auth, recordingLog(), { endpoint: 'local', resource: 'web' })).rejects.toThrow(
    `resource 'web': image '${repo}/absent:1' not found in registry '${L.registry}'`,
  );
}, 30000);
