/**
 * GitHub deployments for real deploys on the local engine, GitHub played by a local server that
 * checks every request against GitHub's OpenAPI description: one deployment per run, statuses
 * in_progress then success (with the environment URL from a template output) or failure; API
 * errors are warnings that never fail a deploy that succeeded.
 */
import { jest } from '@jest/globals';
import { cleanupStack, freePort, localDocker, TEST_IMAGE, uniqueStack } from '../helpers/stack.js';
import { lab } from '../helpers/lab.js';
import { actionRun, MERGE_SHA, workspaceWith, type StepEvent } from './action-run.js';
import { FakeGithub } from './fake-github.js';

jest.setTimeout(120_000);

const docker = localDocker();
const template = (cmd?: string) => `heat_template_version: 2021-04-16
parameters:
  port: {type: number}
resources:
  web:
    type: DockerInc::Docker::Container
    properties:
      image: ${TEST_IMAGE}
${cmd ? `      cmd: ${cmd}\n` : ''}      port_bindings:
        80: {HostIp: 127.0.0.1, HostPort: {get_param: port}}
outputs:
  url:
    value: {str_replace: {template: "http://127.0.0.1:P/", params: {P: {get_param: port}}}}
`;

let gh: FakeGithub;
const stacks: string[] = [];
beforeAll(() => lab());
beforeEach(async () => {
  gh = await new FakeGithub().start();
});
afterEach(() => gh.stop());
afterAll(async () => {
  for (const s of stacks) await cleanupStack(docker, s);
});

const push = (runId: string): StepEvent => ({ name: 'push', sha: MERGE_SHA, runId, api: gh.url });

async function inputs(extra: Record<string, string> = {}): Promise<Record<string, string>> {
  const stack = uniqueStack('gh-dep');
  stacks.push(stack);
  return {
    template: 'stack.yaml', 'stack-name': stack, mode: 'deploy', parameters: `port: ${await freePort()}`, 'github-token': 't0ken',
    'stable-seconds': '1', 'wait-timeout': '5', 'deployment-environment': 'staging', 'environment-url': 'url', ...extra,
  };
}

describe('deployments', () => {
  it('a deploy records one deployment whose statuses end in success, with the environment URL', async () => {
    const r = await actionRun(workspaceWith(template()), await inputs(), push('801'));
    expect([r.outputs.result, r.failed]).toEqual(['success', false]);
    expect(gh.deployments).toHaveLength(1);
    const [d] = gh.deployments;
    expect(d.body).toEqual({
      ref: MERGE_SHA, environment: 'staging', auto_merge: false, required_contexts: [],
      payload: { 'plan-hash': r.outputs['plan-hash'], stack: expect.any(String) }, description: expect.stringContaining('hotdock deploy of stack'),
    });
    expect(r.outputs['plan-hash']).toMatch(/^p1:/);
    expect(d.statuses.map((s) => s.state)).toEqual(['in_progress', 'success']);
    expect(d.statuses[1]).toMatchObject({ log_url: 'https://github.com/acme/shop/actions/runs/801', environment_url: JSON.parse(r.outputs.outputs).url });
    // The summary's footer: the plan hash and the environment's deployments page.
    expect(r.summary).toContain(`plan hash <code>${r.outputs['plan-hash']}</code>`);
    expect(r.summary).toContain('[deployment](https://github.com/acme/shop/deployments/staging)');
    expect(gh.violations).toEqual([]);
  });

  it('transient and production environment flags reach the deployment as given', async () => {
    const r = await actionRun(workspaceWith(template()), await inputs({ 'deployment-transient': 'true', 'deployment-production': 'false' }), push('804'));
    expect(r.outputs.result).toBe('success');
    expect(gh.deployments).toHaveLength(1);
    expect(gh.deployments[0].body).toMatchObject({ transient_environment: true, production_environment: false });
    expect(gh.violations).toEqual([]);
  });

  it('a failing deploy ends in failure, never success', async () => {
    const r = await actionRun(workspaceWith(template('[sh, -c, "exit 3"]')), await inputs(), push('802'));
    expect([r.outputs.result, r.failed]).toEqual(['failure', true]);
    expect(gh.deployments).toHaveLength(1);
    expect(gh.deployments[0].statuses.map((s) => s.state)).toEqual(['in_progress', 'failure']);
    expect(gh.deployments[0].statuses[1].environment_url).toBeUndefined();
    expect(gh.violations).toEqual([]);
  });

  it('a deploy that fails before its plan still records its failure', async () => {
    const r = await actionRun(workspaceWith(template()), await inputs({ 'docker-endpoint': 'tcp://127.0.0.1:1' }), push('803'));
    expect(r.outputs.result).toBe('failure');
    expect(gh.deployments).toHaveLength(1);
    expect(gh.deployments[0].body.payload).toEqual({ 'plan-hash': '', stack: expect.any(String) });
    expect(gh.deployments[0].statuses.map((s) => s.state)).toEqual(['failure']);
    expect(gh.violations).toEqual([]);
  });

  it('API errors are warnings in the summary and do not fail a deploy that succeeded', async () => {
    gh.readOnly = true;
    const r = await actionRun(workspaceWith(template()), await inputs(), push('804'));
    expect([r.outputs.result, r.failed]).toEqual(['success', false]);
    expect(r.summary).toMatch(/### Warnings[\s\S]*The deployment to &#39;staging&#39; could not be recorded: HTTP 403|### Warnings[\s\S]*The deployment to 'staging' could not be recorded: HTTP 403/);
    expect(r.stdout).toContain('::warning::');
    // Asked once: no second attempt when the run ends.
    expect(gh.calls('POST /repos/{owner}/{repo}/deployments')).toHaveLength(1);
  });
});
