/**
 * The pull request flow for real, on the local engine, with GitHub played by a local server that
 * checks every request against GitHub's OpenAPI description: plan runs on a pull request keep one
 * comment (created, then edited); the merge's push with require-reviewed-plan applies exactly the
 * reviewed plan, and refuses — touching nothing — when the template changed or a tag moved since
 * review, or when nothing was reviewed. Writes docs/github-pr-comment.md from a real plan run.
 */
import { jest } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseMarker } from '../../src/github/comment-body.js';
import { cleanupStack, localDocker, TEST_IMAGE, uniqueStack } from '../helpers/stack.js';
import { lab } from '../helpers/lab.js';
import { ROOT } from '../runner/harness.js';
import { actionRun, MERGE_SHA, PR_SHA, workspaceWith, type StepEvent } from './action-run.js';
import { FakeGithub } from './fake-github.js';

jest.setTimeout(180_000);

const docker = localDocker();
const template = (greeting: string, image = TEST_IMAGE) => `heat_template_version: 2021-04-16
resources:
  web:
    type: DockerInc::Docker::Container
    properties:
      image: ${image}
      env: [GREETING=${greeting}]
`;

let gh: FakeGithub;
const stacks: string[] = [];
beforeAll(() => lab());
beforeEach(async () => {
  gh = await new FakeGithub().start();
  gh.pulls.set(MERGE_SHA, [{ number: 7, merged: true, mergeSha: MERGE_SHA }]);
});
afterEach(async () => {
  await gh.stop();
});
afterAll(async () => {
  for (const s of stacks) await cleanupStack(docker, s);
});

function newStack(): string {
  const s = uniqueStack('gh');
  stacks.push(s);
  return s;
}

const pr = (runId: string): StepEvent => ({ name: 'pull_request', sha: PR_SHA, runId, api: gh.url });
const push = (runId: string, sha = MERGE_SHA): StepEvent => ({ name: 'push', sha, runId, api: gh.url });
const base = (stack: string) => ({ template: 'stack.yaml', 'stack-name': stack, 'github-token': 't0ken', 'stable-seconds': '1', 'wait-timeout': '20' });

/** The stack's web container: id, image id and GREETING. */
async function web(stack: string): Promise<{ id: string; image: string; env: string[] } | undefined> {
  const [c] = await docker.listContainers({ all: true, filters: { label: [`io.hotdock.stack=${stack}`, 'io.hotdock.resource=web'] } });
  if (!c) return undefined;
  const info = await docker.getContainer(c.Id).inspect();
  return { id: info.Id, image: info.Image, env: info.Config.Env.filter((e) => e.startsWith('GREETING=')) };
}

/** Deploys `greeting` directly (no review): the state a pull request then plans against. */
async function deployed(stack: string, greeting: string, image?: string): Promise<void> {
  const r = await actionRun(workspaceWith(template(greeting, image)), { ...base(stack), mode: 'deploy' }, push('100', 'f'.repeat(40)));
  expect([r.outputs.result, r.failed]).toEqual(['success', false]);
}

/** Pushes `source` to the lab registry as `target` (the tag there moves to it). */
async function pushAs(source: string, target: string): Promise<void> {
  const L = lab();
  const at = target.lastIndexOf(':');
  await docker.getImage(source).tag({ repo: target.slice(0, at), tag: target.slice(at + 1) });
  const stream = await docker.getImage(target).push({ authconfig: { username: L.registryUser, password: L.registryPassword, serveraddress: L.registry } });
  const events = await new Promise<{ error?: string }[]>((resolve, reject) =>
    docker.modem.followProgress(stream, (err: Error | null, out: { error?: string }[]) => (err ? reject(err) : resolve(out))),
  );
  const failed = events.find((e) => e.error);
  if (failed) throw new Error(`push of ${target} failed: ${failed.error}`);
}

/** Removes `image` from the local engine: its tag and every digest reference a push left. */
async function forgetImage(image: string): Promise<void> {
  const repo = image.slice(0, image.lastIndexOf(':'));
  await docker.getImage(image).remove({ noprune: true }).catch(() => undefined);
  for (const i of await docker.listImages({ filters: { reference: [repo] } })) {
    for (const ref of i.RepoDigests ?? []) if (ref.startsWith(`${repo}@`)) await docker.getImage(ref).remove({ noprune: true }).catch(() => undefined);
  }
}

const COMMENTS = 'GET /repos/{owner}/{repo}/issues/{issue_number}/comments';
const CREATE = 'POST /repos/{owner}/{repo}/issues/{issue_number}/comments';
const EDIT = 'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}';

describe('plan comment and reviewed plan', () => {
  it('two plan runs keep one comment; the merge applies exactly that plan and marks it applied', async () => {
    const stack = newStack();
    await deployed(stack, 'hello');
    const before = await web(stack);
    const ws = workspaceWith(template('hola'));

    const first = await actionRun(ws, { ...base(stack), mode: 'plan' }, pr('101'));
    const second = await actionRun(ws, { ...base(stack), mode: 'plan' }, pr('102'));
    expect([first.outputs.result, second.outputs.result]).toEqual(['success', 'success']);
    expect(first.outputs['plan-hash']).toMatch(/^p1:[0-9a-f]{64}$/);
    expect(second.outputs['plan-hash']).toBe(first.outputs['plan-hash']);
    expect(gh.calls(CREATE)).toHaveLength(1);
    expect(gh.calls(EDIT).map((r) => r.path)).toEqual([`/repos/acme/shop/issues/comments/${gh.comments[0].id}`]);
    expect(gh.comments).toHaveLength(1);
    const comment = gh.comments[0].body;
    expect(parseMarker(comment)).toEqual({ stack, template: 'stack.yaml', planHash: first.outputs['plan-hash'] });
    expect(comment.split('\n')[1]).toBe('**Status:** 🟢 current: planned for <code>1111111</code> in [run 102](https://github.com/acme/shop/actions/runs/102); a merge applies exactly this plan.');
    expect(comment).toMatch(/replace\s+web.*env changed/);
    // The summary's footer links the comment it wrote.
    expect(second.summary).toContain(`[PR comment](https://github.com/acme/shop/pull/7#issuecomment-${gh.comments[0].id})`);
    expect(await web(stack)).toEqual(before);
    writeExample(comment, stack);

    const merged = await actionRun(ws, { ...base(stack), mode: 'deploy', 'require-reviewed-plan': 'true' }, push('103'));
    expect([merged.outputs.result, merged.failed, merged.outputs['failure-reason'] ?? '']).toEqual(['success', false, '']);
    expect(merged.outputs['plan-hash']).toBe(first.outputs['plan-hash']);
    expect((await web(stack))?.env).toEqual(['GREETING=hola']);
    expect(gh.comments[0].body.split('\n')[1]).toBe('**Status:** ✅ applied in [run 103](https://github.com/acme/shop/actions/runs/103).');
    expect(gh.calls('GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls').map((r) => r.path)).toEqual([`/repos/acme/shop/commits/${MERGE_SHA}/pulls`]);
    expect(gh.violations).toEqual([]);
  });

  it('refuses, touching nothing, when the template changed since review', async () => {
    const stack = newStack();
    await deployed(stack, 'hello');
    const before = await web(stack);
    const planned = await actionRun(workspaceWith(template('hola')), { ...base(stack), mode: 'plan' }, pr('201'));
    expect(planned.outputs.result).toBe('success');

    const r = await actionRun(workspaceWith(template('bonjour')), { ...base(stack), mode: 'deploy', 'require-reviewed-plan': 'true' }, push('202'));
    expect([r.outputs.result, r.failed, r.outputs['failure-reason'], r.outputs.changed]).toEqual(['failure', true, 'plan-changed', 'false']);
    expect(r.outputs['plan-hash']).not.toBe(planned.outputs['plan-hash']);
    expect(await web(stack)).toEqual(before);
    // Both plans: the one now (the summary's plan) and the one reviewed.
    expect(r.summary).toContain('is not the one reviewed on pull request #7');
    expect(r.summary).toContain('### Reviewed plan (pull request #7)');
    expect(r.summary.split('### Reviewed plan')[0]).toMatch(/### Plan/);
    expect(gh.comments[0].body.split('\n')[1]).toContain('⚠️ outdated: [run 202]');
    expect(gh.violations).toEqual([]);
  });

  it('refuses, touching nothing, when an image tag moved since review', async () => {
    const stack = newStack();
    const image = `hotdock-test/${stack}:1`;
    const tag = (source: string) => docker.getImage(source).tag({ repo: `hotdock-test/${stack}`, tag: '1' });
    await tag(TEST_IMAGE);
    try {
      await deployed(stack, 'hello', image);
      const before = await web(stack);
      const ws = workspaceWith(template('hola', image));
      expect((await actionRun(ws, { ...base(stack), mode: 'plan' }, pr('301'))).outputs.result).toBe('success');
      await tag('hotdock-test/busybox:2');

      const r = await actionRun(ws, { ...base(stack), mode: 'deploy', 'require-reviewed-plan': 'true' }, push('302'));
      expect([r.outputs.result, r.outputs['failure-reason']]).toEqual(['failure', 'plan-changed']);
      expect(await web(stack)).toEqual(before);
      expect(gh.violations).toEqual([]);
    } finally {
      await forgetImage(image);
    }
  });

  it('refuses, touching nothing, when a tag moved in the registry after the check (pull: always)', async () => {
    // The check plans without pulling, so it sees the reviewed plan; the deploy's own plan, after
    // its pull, has another image: refused between plan and the first change.
    const stack = newStack();
    const L = lab();
    const image = `${L.registry}/${stack}/web:1`;
    const auth = { 'registry-auth': `${L.registry}: {username: ${L.registryUser}, password: ${L.registryPassword}}`, pull: 'always' };
    await pushAs('hotdock-test/busybox:1', image);
    try {
      const first = await actionRun(workspaceWith(template('hello', image)), { ...base(stack), ...auth, mode: 'deploy' }, push('310', 'f'.repeat(40)));
      expect(first.outputs.result).toBe('success');
      const before = await web(stack);
      const ws = workspaceWith(template('hola', image));
      expect((await actionRun(ws, { ...base(stack), ...auth, mode: 'plan' }, pr('311'))).outputs.result).toBe('success');
      await pushAs('hotdock-test/busybox:2', image);
      // Only the registry's tag moved: the engine's still names the reviewed image.
      await docker.getImage('hotdock-test/busybox:1').tag({ repo: image.slice(0, image.lastIndexOf(':')), tag: '1' });

      const r = await actionRun(ws, { ...base(stack), ...auth, mode: 'deploy', 'require-reviewed-plan': 'true' }, push('312'));
      expect([r.outputs.result, r.outputs['failure-reason']]).toEqual(['failure', 'plan-changed']);
      expect(r.stdout).toContain('require-reviewed-plan: the plan is the reviewed one');
      expect(await web(stack)).toEqual(before);
      expect(gh.comments[0].body.split('\n')[1]).toContain('⚠️ outdated: [run 312]');
      expect(gh.violations).toEqual([]);
    } finally {
      await forgetImage(image);
    }
  });

  it('applies a first deploy whose image the engine did not have at review (the deploy pulls it)', async () => {
    const stack = newStack();
    const L = lab();
    const image = `${L.registry}/${stack}/web:1`;
    const auth = { 'registry-auth': `${L.registry}: {username: ${L.registryUser}, password: ${L.registryPassword}}` };
    await pushAs('hotdock-test/busybox:1', image);
    await docker.getImage(image).remove({ noprune: true });
    try {
      const ws = workspaceWith(template('hola', image));
      const planned = await actionRun(ws, { ...base(stack), ...auth, mode: 'plan' }, pr('320'));
      expect(planned.outputs.result).toBe('success');
      const r = await actionRun(ws, { ...base(stack), ...auth, mode: 'deploy', 'require-reviewed-plan': 'true' }, push('321'));
      expect([r.outputs.result, r.outputs['failure-reason'] ?? '']).toEqual(['success', '']);
      expect((await web(stack))?.env).toEqual(['GREETING=hola']);
      expect(gh.comments[0].body.split('\n')[1]).toContain('✅ applied in [run 321]');
      expect(gh.violations).toEqual([]);
    } finally {
      await forgetImage(image);
    }
  });

  it('refuses when no plan was reviewed for the commit', async () => {
    const stack = newStack();
    const r = await actionRun(workspaceWith(template('hola')), { ...base(stack), mode: 'deploy', 'require-reviewed-plan': 'true' }, push('401', 'e'.repeat(40)));
    expect([r.outputs.result, r.outputs['failure-reason']]).toEqual(['failure', 'plan-not-reviewed']);
    expect(r.summary).toContain('no pull request produced commit eeeeeee');
    expect(await web(stack)).toBeUndefined();
    expect(gh.violations).toEqual([]);
  });
});

describe('a comment GitHub does not take is a warning', () => {
  it("a fork's read-only token: the plan succeeds and says why there is no comment", async () => {
    const stack = newStack();
    gh.readOnly = true;
    const r = await actionRun(workspaceWith(template('hola')), { ...base(stack), mode: 'plan' }, pr('501'));
    expect([r.outputs.result, r.failed]).toEqual(['success', false]);
    expect(r.stdout).toMatch(/::warning::The pull request comment could not be written: HTTP 403: Resource not accessible by integration/);
    expect(r.summary).toContain('HTTP 403');
    expect(gh.calls(CREATE)).toHaveLength(1);
    expect(gh.comments).toHaveLength(0);
  });

  it('no token: no API call, a warning, and the plan succeeds', async () => {
    const stack = newStack();
    const inputs: Record<string, string> = base(stack);
    delete inputs['github-token'];
    const r = await actionRun(workspaceWith(template('hola')), { ...inputs, mode: 'plan' }, pr('601'));
    expect([r.outputs.result, r.failed]).toEqual(['success', false]);
    expect(r.stdout).toContain('::warning::No pull request comment: the github-token input is empty');
    expect(gh.requests).toEqual([]);
  });

  it('validate keeps the same comment: a validation (no plan hash), then the plan in its place', async () => {
    const stack = newStack();
    const ws = workspaceWith(template('hola'));
    const checked = await actionRun(ws, { ...base(stack), mode: 'validate' }, pr('801'));
    expect([checked.outputs.result, checked.outputs['plan-hash']]).toEqual(['success', '']);
    expect(parseMarker(gh.comments[0].body)).toEqual({ stack, template: 'stack.yaml', planHash: '' });
    expect(gh.comments[0].body.split('\n')[1]).toContain('🟢 current: validated for <code>1111111</code> in [run 801]');
    const planned = await actionRun(ws, { ...base(stack), mode: 'plan' }, pr('802'));
    expect(gh.comments).toHaveLength(1);
    expect(parseMarker(gh.comments[0].body)?.planHash).toBe(planned.outputs['plan-hash']);
    expect(gh.violations).toEqual([]);
  });

  it('comment-on-pr changes-only writes no comment for a plan that changes nothing; false writes none at all', async () => {
    const stack = newStack();
    await deployed(stack, 'hello');
    const ws = workspaceWith(template('hello'));
    const same = await actionRun(ws, { ...base(stack), mode: 'plan', 'comment-on-pr': 'changes-only' }, pr('701'));
    expect([same.outputs.result, same.outputs.changed]).toEqual(['success', 'false']);
    expect(gh.calls(COMMENTS)).toHaveLength(1);
    expect(gh.calls(CREATE)).toHaveLength(0);
    const off = await actionRun(workspaceWith(template('hola')), { ...base(stack), mode: 'plan', 'comment-on-pr': 'false' }, pr('702'));
    expect(off.outputs.changed).toBe('true');
    expect(gh.requests).toHaveLength(1);
  });
});

/** docs/github-pr-comment.md: the comment of a real run, with the random stack name and ids made stable. */
function writeExample(body: string, stack: string): void {
  const stable = body
    .split(stack).join('shop-web')
    .replace(/p1%3A[0-9a-f]{64}|p1:[0-9a-f]{64}/g, (h) => h.replace(/[0-9a-f]{64}/, '3f2a'.padEnd(64, '0')))
    .replace(/\b[0-9a-f]{12}\b/g, '5d3c0ffee123')
    // Times differ from run to run: the committed example keeps one.
    .replace(/ in \d+(\.\d+)? s\b/g, ' in 0.3 s')
    .replace(/\| \d+(\.\d+)? s \|/g, '| 0.3 s |');
  const doc = [
    '# Example: the pull request comment',
    '',
    'What a `plan` run on a pull request writes (see [github.md](github.md)). Generated by',
    '`__tests__/github/reviewed-plan.integration.test.ts` from a real run against a Docker engine: the',
    'stack changes one environment variable of a running container. The first line is the hidden marker',
    '(stack, template, plan hash) that finds the comment again; the second, the status line.',
    '',
    '---',
    '',
    stable,
  ].join('\n');
  writeFileSync(join(ROOT, 'docs/github-pr-comment.md'), doc);
}
