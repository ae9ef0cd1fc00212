/**
 * Every GitHub API call hotdock makes, one module at a time, against a local server that checks
 * each request with GitHub's OpenAPI description (method, path, required fields, enums).
 */
import { githubClient } from '../../src/github/client.js';
import { apiErrorText } from '../../src/github/api-error.js';
import { commentBody } from '../../src/github/comment-body.js';
import { findPlanComment, writePlanComment } from '../../src/github/pr-comment.js';
import { findReviewedPlan } from '../../src/github/reviewed-plan.js';
import { createDeployment, environmentUrlOf, setDeploymentStatus } from '../../src/github/deployments.js';
import { checkRequest } from './openapi-contract.js';
import { FakeGithub } from './fake-github.js';

const repo = { owner: 'acme', repo: 'shop' };
const SHA = 'c0ffee0000000000000000000000000000000000';
const status = { kind: 'current', mode: 'plan', sha: SHA, run: '1', runUrl: 'https://github.com/acme/shop/actions/runs/1' } as const;
let gh: FakeGithub;

beforeEach(async () => {
  gh = await new FakeGithub().start();
});
afterEach(() => gh.stop());

describe('the contract checker', () => {
  it('accepts well-formed requests and flags what GitHub would refuse', () => {
    expect(checkRequest('POST', '/repos/a/b/deployments', { ref: 'main', required_contexts: [] }).problems).toEqual([]);
    expect(checkRequest('POST', '/repos/a/b/deployments', { auto_merge: 'no' }).problems).toEqual([
      "body: required field 'ref' missing",
      'body.auto_merge: string, expected boolean',
    ]);
    expect(checkRequest('POST', '/repos/a/b/deployments/1/statuses', { state: 'done' }).problems[0]).toMatch(/"done" not one of/);
    expect(checkRequest('PUT', '/repos/a/b/issues/comments/1', { body: 'x' }).problems).toEqual(['PUT /repos/{owner}/{repo}/issues/comments/{comment_id}: no such operation']);
    expect(checkRequest('GET', '/repos/a/b/nothing-here', undefined).problems[0]).toMatch(/no such path/);
    expect(checkRequest('PATCH', '/repos/a/b/issues/comments/x', { body: 'x' }).problems).toEqual(["path parameter 'comment_id': 'x' is not an integer"]);
  });
});

describe('PR comment calls', () => {
  it('creates the comment once, then finds it by its marker and edits it', async () => {
    const client = githubClient('t0ken', gh.url);
    gh.comments.push({ id: 1, issue: 7, body: 'LGTM' });
    expect(await findPlanComment(client, repo, 7, 'shop-web')).toBeUndefined();
    const body = commentBody({ stack: 'shop-web', template: 'stack.yaml', planHash: 'p1:1' }, status, 'plan one');
    expect(await writePlanComment(client, repo, 7, body, undefined)).toEqual({ done: 'created', url: expect.stringMatching(/\/pull\/7#issuecomment-\d+$/) });
    const found = await findPlanComment(client, repo, 7, 'shop-web');
    expect(found).toMatchObject({ marker: { stack: 'shop-web', planHash: 'p1:1' } });
    expect(await findPlanComment(client, repo, 7, 'other-stack')).toBeUndefined();
    expect(await writePlanComment(client, repo, 7, body.replace('plan one', 'plan two'), found)).toMatchObject({ done: 'updated' });
    expect(gh.comments.map((c) => c.body.includes('plan two'))).toEqual([false, true]);
    expect(gh.requests.map((r) => `${r.method} ${r.route}`)).toEqual([
      'GET /repos/{owner}/{repo}/issues/{issue_number}/comments',
      'POST /repos/{owner}/{repo}/issues/{issue_number}/comments',
      'GET /repos/{owner}/{repo}/issues/{issue_number}/comments',
      'GET /repos/{owner}/{repo}/issues/{issue_number}/comments',
      'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}',
    ]);
    expect(gh.requests.every((r) => r.authorization === 'token t0ken')).toBe(true);
    expect(gh.violations).toEqual([]);
  });

  it('a read-only token fails with a message that says so', async () => {
    gh.readOnly = true;
    const err = await writePlanComment(githubClient('t', gh.url), repo, 7, 'x', undefined).catch((e: unknown) => e);
    expect(apiErrorText(err)).toMatch(/^HTTP 403: Resource not accessible by integration .*fork/);
  });
});

describe('reviewed plan lookup', () => {
  it('reads the hash from the merged pull request of the commit', async () => {
    const client = githubClient('t', gh.url);
    gh.pulls.set(SHA, [{ number: 3, merged: false, mergeSha: 'x' }, { number: 7, merged: true, mergeSha: SHA }]);
    gh.comments.push({ id: 9, issue: 7, body: commentBody({ stack: 'shop-web', template: 'stack.yaml', planHash: 'p1:abc' }, status, 'plan') });
    const found = await findReviewedPlan(client, repo, SHA, 'shop-web');
    expect(found).toMatchObject({ hash: 'p1:abc', pr: { number: 7, url: 'https://github.com/acme/shop/pull/7' }, comment: { id: 9 } });
    expect(gh.violations).toEqual([]);
  });

  it('says why there is none', async () => {
    const client = githubClient('t', gh.url);
    expect(await findReviewedPlan(client, repo, SHA, 's')).toEqual({ missing: 'no pull request produced commit c0ffee0' });
    gh.pulls.set(SHA, [{ number: 7, merged: true, mergeSha: SHA }]);
    expect(await findReviewedPlan(client, repo, SHA, 's')).toEqual({ missing: "pull request #7 has no hotdock plan comment for stack 's'" });
    gh.comments.push({ id: 9, issue: 7, body: commentBody({ stack: 's', template: 't', planHash: '' }, status, 'validation') });
    expect(await findReviewedPlan(client, repo, SHA, 's')).toEqual({ missing: "the hotdock comment on pull request #7 holds no plan for stack 's' (its last run did not plan)" });
    expect(gh.violations).toEqual([]);
  });
});

describe('deployment calls', () => {
  it('creates one deployment for the commit and adds statuses', async () => {
    const client = githubClient('t', gh.url);
    const id = await createDeployment(client, repo, { environment: 'staging', sha: SHA, stack: 'shop-web', planHash: 'p1:abc' });
    await setDeploymentStatus(client, repo, id, 'in_progress', { logUrl: 'https://github.com/acme/shop/actions/runs/1' });
    await setDeploymentStatus(client, repo, id, 'success', { logUrl: 'https://github.com/acme/shop/actions/runs/1', environmentUrl: 'http://127.0.0.1:8080/', description: 'deployed' });
    expect(gh.deployments).toHaveLength(1);
    expect(gh.deployments[0].body).toMatchObject({ ref: SHA, environment: 'staging', auto_merge: false, required_contexts: [], payload: { 'plan-hash': 'p1:abc', stack: 'shop-web' } });
    expect(gh.deployments[0].statuses.map((s) => s.state)).toEqual(['in_progress', 'success']);
    expect(gh.deployments[0].statuses[1]).toMatchObject({ environment_url: 'http://127.0.0.1:8080/', log_url: 'https://github.com/acme/shop/actions/runs/1' });
    expect(gh.violations).toEqual([]);
  });

  it('takes the environment URL from the input or the template output it names', () => {
    expect(environmentUrlOf('https://shop.example.com', {})).toBe('https://shop.example.com');
    expect(environmentUrlOf('url', { url: 'http://127.0.0.1:81/' })).toBe('http://127.0.0.1:81/');
    expect(environmentUrlOf('url', { url: 42 })).toBeUndefined();
    expect(environmentUrlOf('not a url', {})).toBeUndefined();
    expect(environmentUrlOf(undefined, {})).toBeUndefined();
  });
});
