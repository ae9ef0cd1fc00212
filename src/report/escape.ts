/**
 * Escaping for every sink hotdock writes template-derived text to. Template text is untrusted:
 * validate and plan run on fork pull requests, and a resource name, a value or a container's log
 * may hold anything. The sinks and what makes text dangerous in each:
 *
 * - The workflow log (core.info, CLI lines that may run in a runner step). The runner splits
 *   output at \n, \r and \r\n and reads a line as a workflow command when, after its leading
 *   whitespace, it starts with `::` — or, in the legacy form, when `##[name]` appears ANYWHERE in
 *   it (actions/runner ActionCommand.TryParse). `##[stop-commands]x` would switch off every later
 *   command of the step, `add-mask` among them. @actions/core writes core.info text as is.
 * - Annotations (core.error/warning/setFailed): @actions/core escapes %, \r and \n in the data
 *   and also : and , in properties, so a message cannot end its command line; only terminal
 *   control characters remain to neutralise.
 * - The job summary (markdown with HTML): table syntax, HTML, and code fences.
 *
 * Escapes stay visible (`\n`, `:\:`, `##\[`) so a reader sees what the template really holds.
 */

/**
 * Characters that change how text is shown rather than what it says: C0 controls other than tab,
 * DEL, C1 controls, the Unicode line/paragraph separators and the bidirectional overrides that
 * can reorder what a reader sees ("Trojan Source").
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** Same set without \n: for texts whose line breaks are meant (warnings, a plan). */
// eslint-disable-next-line no-control-regex
const CONTROL_BUT_LF = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const SHORT: Record<string, string> = { '\n': '\\n', '\r': '\\r' };

function visible(ch: string): string {
  return SHORT[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** One line: every line break and control character as a visible escape (`\n`, `\u001b`). */
export function escapeInline(text: string): string {
  return text.replace(CONTROL, visible);
}

/** Keeps \n (and turns \r\n into \n) but escapes every other control character, a lone \r too. */
export function escapeControls(text: string): string {
  return text.replace(/\r\n/g, '\n').replace(CONTROL_BUT_LF, visible);
}

/**
 * Makes one log line inert for the runner: a leading `::` (after blanks) becomes `:\:`, and every
 * `##[` becomes `##\[`. The line must hold no line break (see safeLogText).
 */
function inertLine(line: string): string {
  const lead = /^(\s*):/.exec(line);
  let out = lead && line[lead[0].length] === ':' ? `${lead[1]}:\\${line.slice(lead[0].length)}` : line;
  if (out.includes('##[')) out = out.split('##[').join('##\\[');
  return out;
}

/** A single log line from any text: line breaks and controls escaped, no command possible. */
export function safeLogLine(text: string): string {
  return inertLine(escapeInline(text));
}

/**
 * A block of log lines (the plan, the CLI's result): its own line breaks kept, every other control
 * character escaped, each line made inert. \r counts as a line break, as it does for the runner.
 */
export function safeLogText(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => inertLine(line.replace(CONTROL, visible)))
    .join('\n');
}

/** An annotation's message: @actions/core escapes line breaks in it; the rest of the controls go here. */
export function annotationText(text: string): string {
  return escapeControls(text);
}

/**
 * JSON text for a log (the CLI's --json): JSON.stringify already escapes every control character,
 * and no line of it can start with `::` outside a string; `##[` can only occur inside a string,
 * where `\u0023` is the same '#'.
 */
export function safeJsonText(json: string): string {
  return json.includes('##[') ? json.split('##[').join('#\\u0023[') : json;
}

/** Text for HTML element content: & < > as entities (hotdock never puts text in attributes). */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * One markdown table cell: HTML escaped, `|` kept out of the table syntax, every line break
 * (\r\n, \r, \n) as <br> so the row stays one line, other controls escaped visibly.
 */
export function tableCell(text: string): string {
  return escapeHtml(text.replace(/\r\n|\r|\n/g, '\n').replace(CONTROL_BUT_LF, visible))
    .replace(/\|/g, '&#124;')
    .replace(/\n/g, '<br>');
}

/** Inline code in markdown that survives any content: `<code>` with the text HTML-escaped on one line. */
export function inlineCode(text: string): string {
  return `<code>${escapeHtml(escapeInline(text))}</code>`;
}

/**
 * A fenced code block whose fence is longer than any backtick run inside, so no line of the text
 * can close it (CommonMark: a closing fence needs at least as many backticks as the opening).
 */
export function codeBlock(text: string, info = 'text'): string {
  const body = text.replace(/\r\n|\r/g, '\n').replace(CONTROL_BUT_LF, visible);
  let longest = 0;
  for (const run of body.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${info}\n${body}\n${fence}`;
}
