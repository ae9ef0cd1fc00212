/**
 * The PR comment's content: the report's markdown for a run. The one place that picks the
 * renderer, so a dedicated plan view can replace the job summary here alone.
 */
import { renderSummary, type SummaryData } from '../report/summary.js';

/** GitHub refuses a comment over 65536 characters: stay well under. */
const COMMENT_LIMIT = 60_000;

/** The comment's markdown for a run (secrets masked by the renderer). */
export function renderCommentMarkdown(data: SummaryData): string {
  return renderSummary(data, COMMENT_LIMIT);
}
