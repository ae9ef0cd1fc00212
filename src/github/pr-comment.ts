/**
 * The one hotdock comment per stack on a pull request: found again by its hidden marker, created
 * once, then edited in place by every later run.
 */
import type { GithubClient } from './client.js';
import { parseMarker, type CommentMarker } from './comment-body.js';

/** The repository a call is about. */
export interface RepoRef {
  owner: string;
  repo: string;
}

/** A hotdock comment found on a pull request. */
export interface PlanComment {
  id: number;
  body: string;
  marker: CommentMarker;
}

/** The pull request's hotdock comment for `stack`, if any (every page of comments is read). */
export async function findPlanComment(client: GithubClient, repo: RepoRef, pr: number, stack: string): Promise<PlanComment | undefined> {
  const comments = await client.paginate(client.rest.issues.listComments, { ...repo, issue_number: pr, per_page: 100 });
  for (const c of comments) {
    const marker = parseMarker(c.body ?? '');
    if (marker?.stack === stack) return { id: c.id, body: c.body ?? '', marker };
  }
  return undefined;
}

/** Writes the comment: edits `existing` in place, else creates it. Says which, and where it is (for the summary's footer). */
export async function writePlanComment(
  client: GithubClient,
  repo: RepoRef,
  pr: number,
  body: string,
  existing: PlanComment | undefined,
): Promise<{ done: 'created' | 'updated'; url?: string }> {
  const res = existing
    ? await client.rest.issues.updateComment({ ...repo, comment_id: existing.id, body })
    : await client.rest.issues.createComment({ ...repo, issue_number: pr, body });
  const url = typeof res.data?.html_url === 'string' ? res.data.html_url : undefined;
  return { done: existing ? 'updated' : 'created', ...(url ? { url } : {}) };
}
