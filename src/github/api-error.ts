/** GitHub API failures as one line of text, for warnings and errors (no octokit needed to read one). */

/** An API failure as one line: status and GitHub's message (octokit's errors never hold the token). */
export function apiErrorText(err: unknown): string {
  const e = err as { status?: unknown; message?: unknown };
  const status = typeof e.status === 'number' ? `HTTP ${e.status}: ` : '';
  const text = `${status}${(typeof e.message === 'string' ? e.message : String(err)).split('\n')[0]}`;
  // What a 403 means here, most of the time.
  return e.status === 403 ? `${text} (the token may not write here: a pull request from a fork gets a read-only one)` : text;
}
