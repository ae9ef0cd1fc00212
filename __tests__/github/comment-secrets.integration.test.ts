/**
 * A hidden parameter's value never reaches the pull request comment: the comment is the run's
 * report with every secret masked, like the job summary. Real plan on the local engine; GitHub is
 * the local OpenAPI-checked server.
 */
import { jest } from '@jest/globals';
import { cleanupStack, localDocker, TEST_IMAGE, uniqueStack } from '../helpers/stack.js';
import { lab } from '../helpers/lab.js';
import { actionRun, PR_SHA, workspaceWith } from './action-run.js';
import { FakeGithub } from './fake-github.js';

jest.setTimeout(60_000);

const SECRET = 'pr-comment-secret-8472';
const stack = uniqueStack('gh-secret');
const TEMPLATE = `heat_template_version: 2021-04-16
parameters:
  token: {type: string, hidden: true}
resources:
  web:
    type: DockerInc::Docker::Container
    properties:
      image: ${TEST_IMAGE}
      env: [{list_join: ["=", [TOKEN, {get_param: token}]]}]
outputs:
  token:
    value: {get_param: token}
`;

let gh: FakeGithub;
beforeAll(async () => {
  lab();
  gh = await new FakeGithub().start();
});
afterAll(async () => {
  await gh.stop();
  await cleanupStack(localDocker(), stack);
});

it('the comment of a plan with a hidden parameter holds no trace of its value', async () => {
  const r = await actionRun(
    workspaceWith(TEMPLATE),
    { template: 'stack.yaml', 'stack-name': stack, mode: 'plan', parameters: `token: ${SECRET}`, 'github-token': 't0ken' },
    { name: 'pull_request', sha: PR_SHA, runId: '1001', api: gh.url },
  );
  expect(r.outputs.result).toBe('success');
  expect(gh.comments).toHaveLength(1);
  const body = gh.comments[0].body;
  expect(body).toMatch(/### Plan[\s\S]*create\s+web/);
  expect(body).toContain('******');
  expect(gh.requests.map((q) => JSON.stringify(q.body ?? '')).join('\n')).not.toContain(SECRET);
  expect(gh.violations).toEqual([]);
});
