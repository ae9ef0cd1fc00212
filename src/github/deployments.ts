/**
 * A GitHub deployment per deploy run: created for the commit once the plan is known (its hash in
 * the payload), then statuses in_progress → success or failure, with the run's log and the
 * environment's address.
 */
import type { GithubClient } from './client.js';
import type { RepoRef } from './pr-comment.js';

/** What a deployment records. */
export interface DeploymentRequest {
  environment: string;
  sha: string;
  stack: string;
  planHash: string;
  /** transient_environment / production_environment, sent only when given. */
  transient?: boolean;
  production?: boolean;
}

/** Creates the deployment; returns its id. */
export async function createDeployment(client: GithubClient, repo: RepoRef, d: DeploymentRequest): Promise<number> {
  const res = await client.rest.repos.createDeployment({
    ...repo,
    ref: d.sha,
    environment: d.environment,
    // The commit is deployed as it is: no merge of the default branch, no wait on status checks.
    auto_merge: false,
    required_contexts: [],
    payload: { 'plan-hash': d.planHash, stack: d.stack },
    ...(d.transient !== undefined ? { transient_environment: d.transient } : {}),
    ...(d.production !== undefined ? { production_environment: d.production } : {}),
    description: `hotdock deploy of stack ${d.stack}`.slice(0, 140),
  });
  if (res.status !== 201 || !('id' in res.data)) throw new Error(`GitHub created no deployment: ${JSON.stringify(res.data).slice(0, 200)}`);
  return res.data.id;
}

/** The states hotdock reports. */
export type DeploymentState = 'in_progress' | 'success' | 'failure';

/** Adds a status to the deployment. */
export async function setDeploymentStatus(
  client: GithubClient,
  repo: RepoRef,
  id: number,
  state: DeploymentState,
  links: { logUrl: string; environmentUrl?: string; description?: string },
): Promise<void> {
  await client.rest.repos.createDeploymentStatus({
    ...repo,
    deployment_id: id,
    state,
    log_url: links.logUrl,
    ...(links.environmentUrl ? { environment_url: links.environmentUrl } : {}),
    ...(links.description ? { description: links.description.slice(0, 140) } : {}),
  });
}

/**
 * The deployment's environment URL: the `environment-url` input as a URL, or the value of the
 * template output it names (a string URL). Undefined otherwise.
 */
export function environmentUrlOf(setting: string | undefined, outputs: Record<string, unknown>): string | undefined {
  if (!setting) return undefined;
  const value = Object.hasOwn(outputs, setting) ? outputs[setting] : setting;
  return typeof value === 'string' && /^https?:\/\/\S+$/.test(value) ? value : undefined;
}
