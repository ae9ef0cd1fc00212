/**
 * The GitHub side's decisions, on a stand-in deploy stage (no Docker): which events and modes
 * comment or record deployments, `changes-only` keeping an existing comment current, and API
 * failures staying warnings. The GitHub API is the local OpenAPI-checked server.
 */
import { realStages, type Stages } from '../../src/pipeline.js';
import type { DeployReport } from '../../src/deploy/types.js';
import type { PlanHashEntry } from '../../src/deploy/plan-hash.js';
import { actionRun, MERGE_SHA, PR_SHA, workspaceWith, type StepEvent } from './action-run.js';
import { FakeGithub } from './fake-github.js';

const TEMPLATE = `heat_template_version: 2021-04-16
resources:
  web:
    type: DockerInc::Docker::Container
    properties:
      image: hotdock-test/busybox:1
`;
const entry: PlanHashEntry = { resource: 'web', endpoint: 'local', action: 'create', config: 'v1:1', image: 'hotdock-test/busybox:1', imageId: 'sha256:1' };

/** Stages whose deploy stage returns a fixed report after calling beforeExecute like runStack does. */
function stagesWith(changed: boolean, calls: string[] = []): Stages {
  return {
    validate: realStages.validate,
    runStack: async (settings, _stack, _log, options = {}) => {
      calls.push(settings.mode);
      const plan = [{ ...entry, action: changed ? 'create' : 'unchanged' } as PlanHashEntry];
      if (settings.mode !== 'plan') await options.beforeExecute?.(plan);
      const report: DeployReport = {
        result: 'success', changed, resources: {}, outputs: {}, warnings: [], rolledBack: [], planEntries: plan,
        plan: [{ resource: 'web', endpoint: 'local', action: changed ? 'create' : 'unchanged', reasons: [] }],
      };
      return report;
    },
  };
}

let gh: FakeGithub;
beforeEach(async () => {
  gh = await new FakeGithub().start();
});
afterEach(() => gh.stop());

const pr = (runId: string): StepEvent => ({ name: 'pull_request', sha: PR_SHA, runId, api: gh.url });
const inputs = { template: 'stack.yaml', 'stack-name': 'shop-web', 'github-token': 't0ken' };

describe('when hotdock talks to GitHub', () => {
  it('changes-only still keeps an existing comment current when the plan no longer changes anything', async () => {
    const ws = workspaceWith(TEMPLATE);
    await actionRun(ws, { ...inputs, mode: 'plan', 'comment-on-pr': 'changes-only' }, pr('1'), stagesWith(true));
    const r = await actionRun(ws, { ...inputs, mode: 'plan', 'comment-on-pr': 'changes-only' }, pr('2'), stagesWith(false));
    expect(r.outputs.result).toBe('success');
    expect(gh.comments).toHaveLength(1);
    expect(gh.comments[0].body).toContain('[run 2]');
    expect(gh.violations).toEqual([]);
  });

  it('a deploy on a pull request event writes no comment; destroy records no deployment', async () => {
    const ws = workspaceWith(TEMPLATE);
    await actionRun(ws, { ...inputs, mode: 'deploy' }, pr('3'), stagesWith(true));
    await actionRun(ws, { ...inputs, mode: 'destroy', 'deployment-environment': 'staging' }, { ...pr('4'), name: 'push' }, stagesWith(true));
    expect(gh.requests).toEqual([]);
  });

  it('the plan hash is salted with the pull request: the same plan elsewhere has another hash', async () => {
    const ws = workspaceWith(TEMPLATE);
    const onPr = await actionRun(ws, { ...inputs, mode: 'plan' }, pr('5'), stagesWith(true));
    const onPush = await actionRun(ws, { ...inputs, mode: 'plan' }, { ...pr('6'), name: 'push', sha: MERGE_SHA }, stagesWith(true));
    expect(onPr.outputs['plan-hash']).toMatch(/^p1:/);
    expect(onPush.outputs['plan-hash']).toMatch(/^p1:/);
    expect(onPush.outputs['plan-hash']).not.toBe(onPr.outputs['plan-hash']);
  });

  it('a GitHub outage is a warning for comments and deployments, and fails a required review without deploying', async () => {
    gh.broken = true;
    const ws = workspaceWith(TEMPLATE);
    const planned = await actionRun(ws, { ...inputs, mode: 'plan' }, pr('7'), stagesWith(true));
    expect([planned.outputs.result, planned.failed]).toEqual(['success', false]);
    expect(planned.stdout).toContain('::warning::The pull request comment could not be written: HTTP 500');
    const deployed = await actionRun(ws, { ...inputs, mode: 'deploy', 'deployment-environment': 'staging' }, { ...pr('8'), name: 'push' }, stagesWith(true));
    expect([deployed.outputs.result, deployed.failed]).toEqual(['success', false]);
    expect(deployed.summary).toMatch(/### Warnings[\s\S]*could not be recorded: HTTP 500/);
    const calls: string[] = [];
    const gated = await actionRun(ws, { ...inputs, mode: 'deploy', 'require-reviewed-plan': 'true' }, { ...pr('9'), name: 'push' }, stagesWith(true, calls));
    expect([gated.outputs.result, gated.outputs['failure-reason']]).toEqual(['failure', 'plan-not-reviewed']);
    expect(gated.summary).toContain('the reviewed plan could not be read (HTTP 500');
    expect(calls).toEqual([]);
  });
});
