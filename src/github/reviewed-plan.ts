/**
 * Apply exactly the reviewed plan: the pull request that produced a commit, and the plan hash its
 * hotdock comment carries for the stack. The run compares it with the hash of a fresh plan.
 */
import type { GithubClient } from './client.js';
import type { PullRequestRef } from './context.js';
import { findPlanComment, type PlanComment, type RepoRef } from './pr-comment.js';

/** The failure-reason values of this check (the `failure-reason` output). */
export const PLAN_CHANGED = 'plan-changed';
export const PLAN_NOT_REVIEWED = 'plan-not-reviewed';
/** Why a reviewed-plan check refused a deploy. */
export type ReviewFailure = typeof PLAN_CHANGED | typeof PLAN_NOT_REVIEWED;

/** A plan reviewed on a pull request. */
export interface ReviewedPlan {
  pr: PullRequestRef;
  comment: PlanComment;
  /** The hash the comment carries. */
  hash: string;
}

/**
 * The reviewed plan for `stack` behind commit `sha`, or why there is none. Of the pull requests
 * GitHub associates with the commit, the one merged as this commit wins, then any merged one.
 */
export async function findReviewedPlan(client: GithubClient, repo: RepoRef, sha: string, stack: string): Promise<ReviewedPlan | { missing: string }> {
  const { data: pulls } = await client.rest.repos.listPullRequestsAssociatedWithCommit({ ...repo, commit_sha: sha });
  const pull = pulls.find((p) => p.merged_at && p.merge_commit_sha === sha) ?? pulls.find((p) => p.merged_at) ?? pulls[0];
  if (!pull) return { missing: `no pull request produced commit ${sha.slice(0, 7)}` };
  const pr = { number: pull.number, url: pull.html_url };
  const comment = await findPlanComment(client, repo, pull.number, stack);
  if (!comment) return { missing: `pull request #${pull.number} has no hotdock plan comment for stack '${stack}'` };
  if (!comment.marker.planHash) return { missing: `the hotdock comment on pull request #${pull.number} holds no plan for stack '${stack}' (its last run did not plan)` };
  return { pr, comment, hash: comment.marker.planHash };
}

/** The error of a deploy refused because no plan was reviewed. */
export function notReviewedError(why: string): string {
  return `require-reviewed-plan: ${why}: nothing was changed (failure-reason ${PLAN_NOT_REVIEWED})`;
}

/** The error of a deploy refused because its plan is not the reviewed one. */
export function planChangedError(pr: PullRequestRef, reviewed: string, now: string): string {
  return `require-reviewed-plan: the plan is not the one reviewed on pull request #${pr.number} `
    + `(reviewed ${reviewed}, now ${now}): nothing was changed (failure-reason ${PLAN_CHANGED}); both plans are in the summary`;
}
