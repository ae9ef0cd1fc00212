/**
 * Diagnostics as workflow annotations. GitHub shows at most 10 errors and 10 warnings per step,
 * so we pick the first ten of each (in source order) and point at the job summary for the rest.
 */
import * as core from '@actions/core';
import { sortDiagnostics, type Diagnostic } from '../diagnostics.js';
import { formatDiagnostic } from './format.js';
import { annotationText, safeLogLine } from './escape.js';

/** GitHub's per-step display limit for each annotation kind. */
export const ANNOTATION_LIMIT = 10;

/** One annotation, ready for core.error / core.warning. */
export interface Annotation {
  kind: 'error' | 'warning';
  message: string;
  properties: { title: string; file: string; startLine: number; startColumn: number };
}

/** Pure: the annotations to emit, how many of each kind did not fit, and those diagnostics. */
export function annotationsFor(diagnostics: readonly Diagnostic[]): {
  annotations: Annotation[];
  omitted: { error: number; warning: number };
  rest: Diagnostic[];
} {
  const sorted = sortDiagnostics(diagnostics);
  const annotations: Annotation[] = [];
  const omitted = { error: 0, warning: 0 };
  const shown = { error: 0, warning: 0 };
  const rest: Diagnostic[] = [];
  for (const d of sorted) {
    if (shown[d.severity] >= ANNOTATION_LIMIT) {
      omitted[d.severity]++;
      rest.push(d);
      continue;
    }
    shown[d.severity]++;
    annotations.push({
      kind: d.severity,
      // @actions/core escapes line breaks in data and properties; controls are ours to escape.
      message: annotationText(d.message),
      properties: { title: d.code, file: d.file, startLine: d.line, startColumn: d.column },
    });
  }
  return { annotations, omitted, rest };
}

/**
 * Emits the annotations through @actions/core; the rest go to the log as plain lines, made inert
 * (core.info writes text as is, and a line that starts with `::` would be a command).
 */
export function emitAnnotations(diagnostics: readonly Diagnostic[]): void {
  const { annotations, omitted, rest } = annotationsFor(diagnostics);
  for (const a of annotations) {
    if (a.kind === 'error') core.error(a.message, a.properties);
    else core.warning(a.message, a.properties);
  }
  if (rest.length) {
    core.info(`${omitted.error} more error(s) and ${omitted.warning} more warning(s), also in the job summary:`);
    for (const d of rest) core.info(safeLogLine(formatDiagnostic(d)));
  }
}
