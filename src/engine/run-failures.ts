/**
 * The failed operations of a run as the summary shows them: which resource, where, why, and the
 * failing container's last log lines apart from the cause (a container that did not prove itself
 * carries them in its error, wait.ts ContainerStartError).
 */
import type { RunFailure } from '../deploy/types.js';

/** How wait.ts appends a container's log tail to its error. */
const TAIL = '; last log lines:\n';

/** One entry per failed operation; the log tail split off its message, without wait.ts's `  | ` gutter. */
export function runFailures(failures: readonly { resource: string; endpoint: string; error: unknown }[]): RunFailure[] {
  return failures.map((f) => {
    // The summary names the resource and the endpoint already: the message need not start with them.
    const text = (f.error instanceof Error ? f.error.message : String(f.error)).replace(`resource '${f.resource}' on endpoint '${f.endpoint}': `, '');
    const at = text.indexOf(TAIL);
    if (at < 0) return { resource: f.resource, endpoint: f.endpoint, message: text };
    // A message can carry more after the tail (a restore that failed too): the tail is the gutter lines.
    const rest = text.slice(at + TAIL.length).split('\n');
    const tail = rest.filter((l) => l.startsWith('  | ')).map((l) => l.slice(4));
    const after = rest.filter((l) => !l.startsWith('  | '));
    const message = [text.slice(0, at), ...after].join('\n');
    return { resource: f.resource, endpoint: f.endpoint, message, ...(tail.length ? { logTail: tail.join('\n') } : {}) };
  });
}
