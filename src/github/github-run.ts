/**
 * The GitHub side of one action run: the reviewed-plan check and the deployment's start around the
 * deploy stage (wrapStages), then the PR comment, the deployment's end and the plan hash (finish).
 * A missing token or an API error is a warning, never a failure — except where a reviewed plan is
 * required and cannot be read: then nothing is deployed.
 */
import type { Settings } from '../settings.js';
import type { DeployLog, DeployReport } from '../deploy/types.js';
import type { PipelineResult, Stages } from '../pipeline.js';
import { planHash, sameAsChecked, type PlanHashEntry } from '../deploy/plan-hash.js';
import { apiErrorText } from './api-error.js';
import { readGithubContext, type GithubContext } from './context.js';
import type { GithubClient } from './client.js';
import { commentBody, commentContent, withStatus, type CommentStatus } from './comment-body.js';
import { renderCommentMarkdown } from './plan-markdown.js';
import { summaryDataOf } from '../report/summary.js';
import { findPlanComment, writePlanComment } from './pr-comment.js';
import { findReviewedPlan, notReviewedError, planChangedError, PLAN_CHANGED, PLAN_NOT_REVIEWED, type ReviewedPlan, type ReviewFailure } from './reviewed-plan.js';
import { createDeployment, environmentUrlOf, setDeploymentStatus } from './deployments.js';

/** What the run's report gets from the GitHub side. */
export interface GithubOutcome {
  /** The `plan-hash` output ('' without a plan). */
  planHash: string;
  /** Set when the reviewed-plan check refused the deploy. */
  failureReason?: ReviewFailure;
  /** Markdown to append to the job summary (both plans, when they differ). */
  summary?: string;
  /** The PR comment this run wrote or marked, and the environment's deployments page: footer links. */
  commentUrl?: string;
  deploymentUrl?: string;
}

/** A report for a deploy refused before anything was looked at. */
function refused(error: string): DeployReport {
  return { result: 'failure', changed: false, resources: {}, outputs: {}, plan: [], warnings: [], rolledBack: [], error };
}

/** One run's GitHub side. */
export class GithubRun {
  private readonly ctx: GithubContext | undefined;
  private client?: GithubClient;
  private review?: ReviewedPlan;
  private failureReason?: ReviewFailure;
  private deploymentId?: number;
  /** The deployment was asked for once already (created or not): never twice in a run. */
  private deploymentTried = false;
  private commentUrl?: string;
  private readonly warnings: string[] = [];

  constructor(
    private readonly settings: Settings,
    env: NodeJS.ProcessEnv,
    private readonly log: DeployLog,
    private readonly secrets: () => readonly string[],
  ) {
    this.ctx = readGithubContext(env);
  }

  /** The plan hash's salt: the pull request's URL (of the event, or the one reviewed). */
  private get salt(): string {
    return this.ctx?.pullRequest?.url ?? this.review?.pr.url ?? '';
  }

  private get repo() {
    return { owner: this.ctx!.owner, repo: this.ctx!.repo };
  }

  /** The API client, loaded on first use (validate runs without comments never load octokit). */
  private async api(): Promise<GithubClient | undefined> {
    if (!this.ctx || !this.settings.githubToken) return undefined;
    this.client ??= (await import('./client.js')).githubClient(this.settings.githubToken, this.ctx.apiUrl);
    return this.client;
  }

  /** Why there is no API client: no repository run, or no token. */
  private get noApi(): string {
    return this.ctx ? 'the github-token input is empty' : 'not a GitHub repository run (GITHUB_REPOSITORY is not set)';
  }

  private warn(what: string, why: string): void {
    const text = `${what}: ${why}`;
    this.warnings.push(text);
    this.log.warning(text);
  }

  private get deploying(): boolean {
    return this.settings.mode === 'deploy';
  }

  /** The stages with the reviewed-plan check and the deployment's start around the deploy stage. */
  wrapStages(stages: Stages): Stages {
    return {
      validate: stages.validate,
      runStack: async (settings, stack, log, options = {}) => {
        let checked: readonly PlanHashEntry[] | undefined;
        if (this.deploying && settings.requireReviewedPlan) {
          const check = await this.checkReviewedPlan(stages, settings, stack, log, options.signal);
          if ('report' in check) return check.report;
          checked = check.plan;
        }
        return stages.runStack(settings, stack, log, {
          ...options,
          beforeExecute: async (plan) => {
            await options.beforeExecute?.(plan);
            // The deploy's own plan, after its pulls: a tag that moved since the check is a change too.
            if (checked && !sameAsChecked(checked, plan)) {
              this.failureReason = PLAN_CHANGED;
              throw new Error(planChangedError(this.review!.pr, this.review!.hash, planHash(plan, this.salt)));
            }
            await this.startDeployment(plan);
          },
        });
      },
    };
  }

  /** Finds the reviewed plan and plans afresh (plan mode: nothing changes); a report when they differ. */
  private async checkReviewedPlan(
    stages: Stages,
    settings: Settings,
    stack: Parameters<Stages['runStack']>[1],
    log: DeployLog,
    signal: AbortSignal | undefined,
  ): Promise<{ plan: readonly PlanHashEntry[] } | { report: DeployReport }> {
    const notReviewed = (why: string) => {
      this.failureReason = PLAN_NOT_REVIEWED;
      return { report: refused(notReviewedError(why)) };
    };
    const client = await this.api();
    if (!client) return notReviewed('it needs the github-token input and a repository run (GITHUB_REPOSITORY) to read the pull request');
    let found: Awaited<ReturnType<typeof findReviewedPlan>>;
    try {
      found = await findReviewedPlan(client, this.repo, this.ctx!.sha, settings.stackName);
    } catch (err) {
      return notReviewed(`the reviewed plan could not be read (${apiErrorText(err)})`);
    }
    if ('missing' in found) return notReviewed(found.missing);
    this.review = found;
    log.info(`require-reviewed-plan: pull request #${found.pr.number} reviewed plan ${found.hash}`);
    const check = await stages.runStack({ ...settings, mode: 'plan' }, stack, log, signal ? { signal } : {});
    if (check.result === 'failure' || !check.planEntries) return { report: check };
    const now = planHash(check.planEntries, found.pr.url);
    if (now !== found.hash) {
      this.failureReason = PLAN_CHANGED;
      return { report: { ...check, result: 'failure', changed: false, error: planChangedError(found.pr, found.hash, now) } };
    }
    log.info(`require-reviewed-plan: the plan is the reviewed one (${now})`);
    return { plan: check.planEntries };
  }

  /** Creates the deployment (plan hash in its payload) and marks it in progress (unless it failed before it began). */
  private async startDeployment(plan: readonly PlanHashEntry[] | undefined, inProgress = true): Promise<void> {
    const environment = this.settings.deploymentEnvironment;
    if (!environment || !this.deploying || this.deploymentTried) return;
    this.deploymentTried = true;
    const client = await this.api();
    if (!client) {
      this.warn('No deployment recorded', this.noApi);
      return;
    }
    try {
      const hash = plan ? planHash(plan, this.salt) : '';
      this.deploymentId = await createDeployment(client, this.repo, {
        environment,
        sha: this.ctx!.sha,
        stack: this.settings.stackName,
        planHash: hash,
        ...(this.settings.deploymentTransient !== undefined ? { transient: this.settings.deploymentTransient } : {}),
        ...(this.settings.deploymentProduction !== undefined ? { production: this.settings.deploymentProduction } : {}),
      });
      const environmentUrl = environmentUrlOf(this.settings.environmentUrl, {});
      if (inProgress) await setDeploymentStatus(client, this.repo, this.deploymentId, 'in_progress', { logUrl: this.ctx!.runUrl, environmentUrl });
    } catch (err) {
      this.warn(`The deployment to '${environment}' could not be recorded`, apiErrorText(err));
    }
  }

  /** After the run: the deployment's end, the PR comment, the plan hash; warnings go into the report. */
  async finish(result: PipelineResult): Promise<GithubOutcome> {
    const report = result.report;
    const hash = report?.planEntries ? planHash(report.planEntries, this.salt) : '';
    const failed = Boolean(result.error) || report?.result === 'failure';
    if (this.deploying && this.settings.deploymentEnvironment) await this.endDeployment(failed, report);
    if (this.ctx?.pullRequest && (this.settings.mode === 'plan' || this.settings.mode === 'validate')) await this.comment(result, hash, failed);
    if (this.review) await this.markReviewed(failed);
    report?.warnings.push(...this.warnings);
    const summary = this.failureReason === PLAN_CHANGED && this.review
      ? `### Reviewed plan (pull request #${this.review.pr.number})\n\nThe plan above is the plan now; this is the one reviewed:\n\n<details open><summary>reviewed ${this.review.hash}</summary>\n\n${commentContent(this.review.comment.body)}\n\n</details>\n`
      : undefined;
    const deploymentUrl = this.deploymentId !== undefined && this.ctx ? `${this.ctx.repoUrl}/deployments/${encodeURIComponent(this.settings.deploymentEnvironment ?? '')}` : undefined;
    return {
      planHash: hash,
      ...(this.failureReason ? { failureReason: this.failureReason } : {}),
      ...(summary ? { summary } : {}),
      ...(this.commentUrl ? { commentUrl: this.commentUrl } : {}),
      ...(deploymentUrl ? { deploymentUrl } : {}),
    };
  }

  /** success only for a deploy that succeeded; a deploy that failed before its plan still records its failure. */
  private async endDeployment(failed: boolean, report: DeployReport | undefined): Promise<void> {
    if (this.deploymentId === undefined) await this.startDeployment(report?.planEntries, !failed);
    const client = await this.api();
    if (this.deploymentId === undefined || !client) return;
    const environmentUrl = failed ? undefined : environmentUrlOf(this.settings.environmentUrl, report?.outputs ?? {});
    const description = failed ? `deploy failed${this.failureReason ? `: ${this.failureReason}` : ''}` : `deployed stack ${this.settings.stackName}`;
    try {
      await setDeploymentStatus(client, this.repo, this.deploymentId, failed ? 'failure' : 'success', { logUrl: this.ctx!.runUrl, environmentUrl, description });
    } catch (err) {
      this.warn(`The deployment status (${failed ? 'failure' : 'success'}) could not be recorded`, apiErrorText(err));
    }
  }

  /** The pull request's comment for this stack: created once, edited by every later run. */
  private async comment(result: PipelineResult, hash: string, failed: boolean): Promise<void> {
    const { settings, ctx } = this;
    if (settings.commentOnPr === 'false' || !ctx?.pullRequest) return;
    const client = await this.api();
    if (!client) {
      this.warn('No pull request comment', this.noApi);
      return;
    }
    const mode = settings.mode === 'plan' ? 'plan' : 'validate';
    const status: CommentStatus = { kind: failed ? 'failed' : 'current', mode, sha: ctx.sha, run: ctx.runId, runUrl: ctx.runUrl };
    const content = renderCommentMarkdown(summaryDataOf(settings, result, this.secrets()));
    const body = commentBody({ stack: settings.stackName, template: settings.template, planHash: failed ? '' : hash }, status, content);
    try {
      const existing = await findPlanComment(client, this.repo, ctx.pullRequest.number, settings.stackName);
      // changes-only: no new comment for a plan that changes nothing; one already there stays current.
      if (!existing && settings.commentOnPr === 'changes-only' && !failed && !result.report?.changed) return;
      const { done, url } = await writePlanComment(client, this.repo, ctx.pullRequest.number, body, existing);
      this.commentUrl = url;
      this.log.info(`pull request #${ctx.pullRequest.number}: hotdock comment ${done}`);
    } catch (err) {
      this.warn(`The pull request comment could not be written`, apiErrorText(err));
    }
  }

  /** The reviewed comment's status line: applied, or outdated when the plan changed. */
  private async markReviewed(failed: boolean): Promise<void> {
    const client = await this.api();
    const review = this.review!;
    const kind = !failed ? 'applied' : this.failureReason === PLAN_CHANGED ? 'outdated' : undefined;
    if (!client || !kind) return;
    const body = withStatus(review.comment.body, { kind, run: this.ctx!.runId, runUrl: this.ctx!.runUrl });
    if (!body) return;
    try {
      this.commentUrl = (await writePlanComment(client, this.repo, review.pr.number, body, review.comment)).url;
    } catch (err) {
      this.warn(`The status of the comment on pull request #${review.pr.number} could not be updated`, apiErrorText(err));
    }
  }
}
