/**
 * The GitHub API client: @actions/github's octokit (the only importer of it), pointed at the run's
 * GITHUB_API_URL, with a deadline on every request so a slow API never holds a deploy.
 */
import { getOctokit } from '@actions/github';

/** The octokit hotdock uses. */
export type GithubClient = ReturnType<typeof getOctokit>;

/** Milliseconds one API request may take. */
const REQUEST_TIMEOUT_MS = 20_000;

/** A client for `apiUrl` authenticated with `token`. */
export function githubClient(token: string, apiUrl: string): GithubClient {
  const client = getOctokit(token, { baseUrl: apiUrl, userAgent: 'hotdock' });
  client.hook.wrap('request', (request, options) =>
    request({ ...options, request: { ...options.request, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) } }),
  );
  return client;
}
