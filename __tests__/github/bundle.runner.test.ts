/**
 * The committed bundle (dist/index.js) as the runner runs it, talking to GitHub: two plan runs on a
 * pull_request event keep one comment (a POST, then an edit of it), the merge's push with
 * require-reviewed-plan applies the reviewed plan, and a deployment's statuses end in success.
 * GitHub is a local server that checks every request against GitHub's OpenAPI description. The
 * bundle runs as a child process (asynchronously: the server answers from this process).
 * HOTDOCK_BUNDLE names another bundle to run instead (one built into a temporary folder).
 */
import { jest } from '@jest/globals';
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanupStack, localDocker, TEST_IMAGE, uniqueStack } from '../helpers/stack.js';
import { lab } from '../helpers/lab.js';
import { parseOutputFile, ROOT, workspace } from '../runner/harness.js';
import { MERGE_SHA, PR_SHA } from './action-run.js';
import { FakeGithub } from './fake-github.js';

jest.setTimeout(180_000);

const BUNDLE = process.env.HOTDOCK_BUNDLE ?? join(ROOT, 'dist/index.js');
const docker = localDocker();
const stack = uniqueStack('gh-bundle');
const TEMPLATE = `heat_template_version: 2021-04-16
resources:
  web:
    type: DockerInc::Docker::Container
    properties:
      image: ${TEST_IMAGE}
      env: [GREETING=hola]
`;

interface Run {
  status: number | null;
  stdout: string;
  outputs: Record<string, string>;
}

/** Runs the bundle on `event` with the runner's environment; resolves when it exits. */
function runBundle(ws: string, api: string, event: 'pull_request' | 'push', sha: string, runId: string, inputs: Record<string, string>): Promise<Run> {
  const files = mkdtempSync(join(tmpdir(), 'hotdock-gh-bundle-'));
  const output = join(files, 'output');
  writeFileSync(output, '');
  writeFileSync(join(files, 'summary'), '');
  copyFileSync(join(ROOT, 'testdata/github', `${event}.json`), join(files, 'event.json'));
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME };
  Object.assign(env, {
    GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: ws, GITHUB_REPOSITORY: 'acme/shop', GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: api, GITHUB_EVENT_NAME: event, GITHUB_EVENT_PATH: join(files, 'event.json'), GITHUB_SHA: sha,
    GITHUB_RUN_ID: runId, GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: join(files, 'summary'), RUNNER_TEMP: files,
  });
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BUNDLE], { cwd: ws, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stdout += c.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, outputs: parseOutputFile(readFileSync(output, 'utf8')) }));
  });
}

let gh: FakeGithub;
beforeAll(async () => {
  lab();
  gh = await new FakeGithub().start();
  gh.pulls.set(MERGE_SHA, [{ number: 7, merged: true, mergeSha: MERGE_SHA }]);
});
afterAll(async () => {
  await gh.stop();
  await cleanupStack(docker, stack);
});

describe('the action bundle and GitHub', () => {
  it('plans on a pull request into one comment, applies the reviewed plan on the merge, records the deployment', async () => {
    const ws = workspace({ 'stack.yaml': TEMPLATE });
    const inputs = { template: 'stack.yaml', 'stack-name': stack, 'github-token': 't0ken', 'stable-seconds': '1' };
    const first = await runBundle(ws, gh.url, 'pull_request', PR_SHA, '901', { ...inputs, mode: 'plan' });
    const second = await runBundle(ws, gh.url, 'pull_request', PR_SHA, '902', { ...inputs, mode: 'plan' });
    expect([first.status, second.status]).toEqual([0, 0]);
    expect(first.outputs['plan-hash']).toMatch(/^p1:/);
    expect(gh.calls('POST /repos/{owner}/{repo}/issues/{issue_number}/comments')).toHaveLength(1);
    expect(gh.calls('PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}')).toHaveLength(1);
    expect(gh.comments).toHaveLength(1);

    const merged = await runBundle(ws, gh.url, 'push', MERGE_SHA, '903', {
      ...inputs, mode: 'deploy', 'require-reviewed-plan': 'true', 'deployment-environment': 'staging',
    });
    expect([merged.status, merged.outputs.result, merged.outputs['plan-hash']]).toEqual([0, 'success', first.outputs['plan-hash']]);
    expect(gh.comments[0].body.split('\n')[1]).toContain('✅ applied in [run 903]');
    expect(gh.deployments.map((d) => d.statuses.map((s) => s.state))).toEqual([['in_progress', 'success']]);
    expect(gh.deployments[0].body.payload).toEqual({ 'plan-hash': first.outputs['plan-hash'], stack });
    expect(gh.violations).toEqual([]);
  });
});
