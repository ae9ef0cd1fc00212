/**
 * What hotdock needs to know about the workflow run, read from the runner's environment and the
 * event payload (GITHUB_EVENT_PATH) at call time — not at module load, as @actions/github's
 * `context` does, so a test (or a second run in one process) sees its own environment.
 */
import { readFileSync } from 'node:fs';

/** The pull request a run is about. */
export interface PullRequestRef {
  number: number;
  /** Its web address: the plan hash's salt. */
  url: string;
}

/** The run as the GitHub side of hotdock sees it. */
export interface GithubContext {
  eventName: string;
  owner: string;
  repo: string;
  /** The commit the run is for (GITHUB_SHA). */
  sha: string;
  runId: string;
  apiUrl: string;
  /** Link to this workflow run (deployment statuses' log_url, the PR comment's status line). */
  runUrl: string;
  /** The repository's web page (`https://github.com/owner/repo`): the deployments page hangs off it. */
  repoUrl: string;
  /** On pull_request / pull_request_target events: the pull request of the payload. */
  pullRequest?: PullRequestRef;
}

function payloadOf(path: string | undefined): Record<string, unknown> {
  if (!path) return {};
  try {
    const value: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** True for the events whose runs comment on their pull request. */
export function isPullRequestEvent(eventName: string): boolean {
  return eventName === 'pull_request' || eventName === 'pull_request_target';
}

/** Reads the context from the environment; undefined outside a repository run (no GITHUB_REPOSITORY). */
export function readGithubContext(env: NodeJS.ProcessEnv): GithubContext | undefined {
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
  if (!owner || !repo) return undefined;
  const eventName = env.GITHUB_EVENT_NAME ?? '';
  const serverUrl = (env.GITHUB_SERVER_URL ?? 'https://github.com').replace(/\/+$/, '');
  const runId = env.GITHUB_RUN_ID ?? '';
  const ctx: GithubContext = {
    eventName,
    owner,
    repo,
    sha: env.GITHUB_SHA ?? '',
    runId,
    apiUrl: (env.GITHUB_API_URL ?? 'https://api.github.com').replace(/\/+$/, ''),
    runUrl: `${serverUrl}/${owner}/${repo}/actions/runs/${runId}`,
    repoUrl: `${serverUrl}/${owner}/${repo}`,
  };
  if (isPullRequestEvent(eventName)) {
    const pr = payloadOf(env.GITHUB_EVENT_PATH).pull_request as { number?: unknown; html_url?: unknown } | undefined;
    if (pr && typeof pr.number === 'number' && typeof pr.html_url === 'string') ctx.pullRequest = { number: pr.number, url: pr.html_url };
  }
  return ctx;
}
