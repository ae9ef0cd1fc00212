/** Builds located diagnostics for a loaded template. */
import type { Diagnostic, Severity } from '../diagnostics.js';
import type { LoadedTemplate } from './types.js';

/**
 * A diagnostic at `ptr`. With `at: 'key'` it points at the mapping key (for unknown or
 * misplaced keys), otherwise at the value.
 */
export function diagnosticAt(
  tpl: Pick<LoadedTemplate, 'file' | 'positions'>,
  ptr: string,
  code: string,
  message: string,
  severity: Severity = 'error',
  at: 'key' | 'value' = 'value',
): Diagnostic {
  const pos = (at === 'key' ? tpl.positions.key(ptr) : undefined) ?? tpl.positions.locate(ptr);
  return { file: tpl.file, line: pos.line, column: pos.column, path: ptr, code, message, severity };
}
