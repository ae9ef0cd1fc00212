/**
 * What the CLI does differently on a terminal: colour (unless NO_COLOR is set), a live status line
 * that is rewritten in place while images pull and containers prove themselves, and a yes/no
 * question before changes. Off a terminal every one of them is off: plain lines, and no question
 * (a script or a pipe never hangs waiting for an answer).
 */
import { readline } from './lazy.js';

/** ANSI colours by role. */
const CODES = { red: 31, green: 32, yellow: 33, cyan: 36, bold: 1, dim: 2 } as const;
export type Colour = keyof typeof CODES;

/** Colours text, or leaves it as is. */
export type Paint = (colour: Colour, text: string) => string;

/** No colour. */
export const plain: Paint = (_c, text) => text;

/** Colour for a stream: only on a terminal, and only when NO_COLOR is unset or empty (no-color.org). */
export function paintFor(isTTY: boolean | undefined, env: NodeJS.ProcessEnv): Paint {
  if (!isTTY || (env.NO_COLOR ?? '') !== '' || env.TERM === 'dumb') return plain;
  return (c, text) => (text === '' ? text : `\x1b[${CODES[c]}m${text}\x1b[0m`);
}

/**
 * Colours the CLI's plain text line by line: diagnostics, plan steps by action, warnings, and the
 * verdict. The text itself is unchanged, so what a pipe sees is what a terminal shows, minus colour.
 */
export function colourText(text: string, paint: Paint): string {
  if (paint === plain) return text;
  return text
    .split('\n')
    .map((line) => {
      if (/: error: /.test(line)) return paint('red', line);
      if (/^warning: |: warning: /.test(line)) return paint('yellow', line);
      const step = /^(\[[\d,]*\] -> #\d+ )(\w+)(.*)$/.exec(line);
      if (step) {
        const colour: Colour | undefined = ({ create: 'green', replace: 'yellow', remove: 'red', start: 'cyan' } as Record<string, Colour>)[step[2]];
        return colour ? `${paint('dim', step[1])}${paint(colour, step[2])}${step[3]}` : paint('dim', line);
      }
      if (/^Plan: /.test(line)) return paint('bold', line);
      if (/^\w+ of stack .*: failure/.test(line)) return paint('red', line);
      if (/^\w+ of stack .*: success/.test(line)) return paint('green', line);
      return line;
    })
    .join('\n');
}

/** A stream the live line writes to. */
export interface LiveStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

/**
 * One status line at the bottom of a terminal, rewritten in place ("web: pulling 3/5 layers",
 * with the seconds it has taken so far), while other lines scroll above it. Off a terminal it
 * is a plain line per update.
 */
export class LiveLine {
  private current = '';
  /** Whose status it is (a resource): its next lasting line replaces it. */
  private owner: string | undefined;
  private since = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly out: LiveStream, private readonly paint: Paint) {}

  /** True when updates rewrite one line (a terminal). */
  get live(): boolean {
    return Boolean(this.out.isTTY);
  }

  /** Shows `text` as the status (of `owner`): replaces the previous status on a terminal. */
  status(text: string, owner?: string): void {
    if (!this.live) {
      this.out.write(text + '\n');
      return;
    }
    if (text !== this.current) this.since = Date.now();
    this.current = text;
    this.owner = owner;
    this.draw();
    if (!this.timer) {
      // The seconds tick on while nothing new arrives (a long pull, a health check).
      this.timer = setInterval(() => this.draw(), 1000);
      this.timer.unref();
    }
  }

  /**
   * Prints a line that stays, above the status line. A line of the status's owner says how what
   * was under way ended: the status goes.
   */
  line(text: string, owner?: string): void {
    if (!this.live) {
      this.out.write(text + '\n');
      return;
    }
    this.out.write('\r\x1b[2K' + text + '\n');
    // The line took the status's place: forget the status without drawing it again.
    if (owner !== undefined && owner === this.owner) this.forget();
    else if (this.current) this.draw();
  }

  /** Removes the status line (before the result, or a question). */
  clear(): void {
    if (this.live && this.current) this.out.write('\r\x1b[2K');
    this.forget();
  }

  private forget(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.current = '';
    this.owner = undefined;
  }

  private draw(): void {
    const secs = Math.floor((Date.now() - this.since) / 1000);
    const width = Math.max(20, (this.out.columns || 80) - 8);
    const text = this.current.length > width ? this.current.slice(0, width - 1) + '…' : this.current;
    this.out.write('\r\x1b[2K' + this.paint('cyan', '… ') + text + (secs > 0 ? this.paint('dim', ` ${secs} s`) : ''));
  }
}

/** A progress message that says what is under way (and is followed by how it ended). */
export function isTransient(message: string): boolean {
  return /^(pulling|creating|stopping|starting|removing|replacing|proving|discarding|restoring)\b|waiting/.test(message);
}

/** Where the question is asked and read. */
export interface PromptIO {
  input: NodeJS.ReadableStream & { isTTY?: boolean };
  output: NodeJS.WritableStream;
}

/**
 * Asks `question [y/N]` and resolves true only for y or yes. Asks only when input is a terminal;
 * otherwise resolves undefined without reading anything (the caller decides what that means).
 */
export async function askYesNo(question: string, io: PromptIO, signal?: AbortSignal): Promise<boolean | undefined> {
  if (!io.input.isTTY) return undefined;
  const rl = readline().createInterface({ input: io.input, output: io.output, terminal: true });
  try {
    const answer = await new Promise<string>((resolve) => {
      rl.question(`${question} [y/N] `, resolve);
      // Ctrl-D (end of input) and Ctrl-C (readline closes on it when nobody listens for SIGINT) answer no.
      rl.once('close', () => resolve(''));
      // A cancel (SIGTERM from a runner) while the question waits answers no: the run then ends.
      signal?.addEventListener('abort', () => resolve(''), { once: true });
    });
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}
