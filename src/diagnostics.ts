/** One problem found in a template (or an input that feeds it), located in the source. */
export type Severity = 'error' | 'warning';

export interface Diagnostic {
  /** The template path as the user gave it (or the environment file's path). */
  file: string;
  /** 1-based line and column of the offending node (its key when the key is the problem). */
  line: number;
  column: number;
  /** JSON Pointer (RFC 6901) of the node inside the document, e.g. `/resources/web/properties/image`. */
  path: string;
  /** Stable machine code, kebab-case, e.g. `unknown-property`. Tests and tools match on it. */
  code: string;
  message: string;
  severity: Severity;
}

/** True when any diagnostic is an error: such a run deploys nothing. */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Stable order for output: by file, line, column, then code. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.code.localeCompare(b.code),
  );
}
