/**
 * The PR comment's text, pure: a hidden marker (stack, template, plan hash) that finds the comment
 * again, a status line (current, applied, outdated, failed), and the plan as the report renders it.
 */
import { inlineCode } from '../report/escape.js';

/** The marker's first characters: how hotdock recognises its own comments. */
export const MARKER_PREFIX = '<!-- hotdock:plan ';

/** What the hidden marker carries. */
export interface CommentMarker {
  stack: string;
  template: string;
  /** Empty when the run had no plan (validate mode, a failed plan). */
  planHash: string;
}

/** The marker line: values URI-encoded, so no template path can end the HTML comment. */
export function formatMarker(m: CommentMarker): string {
  const enc = encodeURIComponent;
  return `${MARKER_PREFIX}stack=${enc(m.stack)} template=${enc(m.template)} plan-hash=${enc(m.planHash)} -->`;
}

/** The marker of a comment body (its first line), or undefined when it is not a hotdock comment. */
export function parseMarker(body: string): CommentMarker | undefined {
  const first = body.split('\n', 1)[0];
  const m = /^<!-- hotdock:plan stack=(\S*) template=(\S*) plan-hash=(\S*) -->$/.exec(first);
  if (!m) return undefined;
  try {
    return { stack: decodeURIComponent(m[1]), template: decodeURIComponent(m[2]), planHash: decodeURIComponent(m[3]) };
  } catch {
    return undefined;
  }
}

/** Where the plan stands, as the status line says. */
export type CommentStatus =
  | { kind: 'current'; mode: 'plan' | 'validate'; sha: string; run: string; runUrl: string }
  | { kind: 'failed'; mode: 'plan' | 'validate'; sha: string; run: string; runUrl: string }
  | { kind: 'applied'; run: string; runUrl: string }
  | { kind: 'outdated'; run: string; runUrl: string };

/** The status line's first characters: the line withStatus replaces. */
const STATUS_PREFIX = '**Status:** ';

/** The status line. */
export function statusLine(s: CommentStatus): string {
  const run = `[run ${s.run}](${s.runUrl})`;
  switch (s.kind) {
    case 'current':
      return s.mode === 'plan'
        ? `${STATUS_PREFIX}🟢 current: planned for ${inlineCode(s.sha.slice(0, 7))} in ${run}; a merge applies exactly this plan.`
        : `${STATUS_PREFIX}🟢 current: validated for ${inlineCode(s.sha.slice(0, 7))} in ${run}.`;
    case 'failed':
      return `${STATUS_PREFIX}❌ failed: the ${s.mode === 'plan' ? 'plan' : 'validation'} of ${inlineCode(s.sha.slice(0, 7))} failed in ${run}.`;
    case 'applied':
      return `${STATUS_PREFIX}✅ applied in ${run}.`;
    case 'outdated':
      return `${STATUS_PREFIX}⚠️ outdated: ${run} found a different plan than the one reviewed here, and applied nothing.`;
  }
}

/** The whole comment: marker, status line, then the report's markdown. */
export function commentBody(marker: CommentMarker, status: CommentStatus, content: string): string {
  return `${formatMarker(marker)}\n${statusLine(status)}\n\n${content.trimEnd()}\n`;
}

/** The same comment with another status line (marker and plan kept). Undefined when it is not a hotdock comment. */
export function withStatus(body: string, status: CommentStatus): string | undefined {
  const lines = body.split('\n');
  if (!parseMarker(body) || !lines[1]?.startsWith(STATUS_PREFIX)) return undefined;
  lines[1] = statusLine(status);
  return lines.join('\n');
}

/** The comment's content without marker and status line: the reviewed plan, shown beside a changed one. */
export function commentContent(body: string): string {
  return body.split('\n').slice(2).join('\n').trim();
}
