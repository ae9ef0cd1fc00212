/**
 * How the GitHub runner reads a step's stdout for workflow commands (actions/runner,
 * ActionCommand.cs and ActionCommandManager.cs): it splits the output into lines at \n, \r and
 * \r\n; a line is a command when, after its leading whitespace, it starts with `::`
 * (`::name props::data`), or — the legacy form — when it holds `##[name props]data` ANYWHERE in it.
 * Tests use this to prove that no command comes from a template.
 */

/** One command as the runner would parse it. */
export interface RunnerCommand {
  form: 'v2' | 'v1';
  name: string;
  /** The raw property text (`title=x,file=y`), still escaped. */
  props: string;
  /** The data, unescaped as the runner unescapes it. */
  data: string;
  line: string;
}

const unescapeData = (s: string): string => s.replace(/%0D/gi, '\r').replace(/%0A/gi, '\n').replace(/%25/g, '%');

/** Every command the runner would see in `stdout`. */
export function runnerCommands(stdout: string): RunnerCommand[] {
  const out: RunnerCommand[] = [];
  for (const line of stdout.split(/\r\n|\r|\n/)) {
    const trimmed = line.replace(/^\s+/, '');
    const v2 = /^::([^\s:]+)(?: ([^]*?))?::([^]*)$/.exec(trimmed);
    if (v2) {
      out.push({ form: 'v2', name: v2[1], props: v2[2] ?? '', data: unescapeData(v2[3]), line });
      continue;
    }
    const at = line.indexOf('##[');
    const end = at >= 0 ? line.indexOf(']', at) : -1;
    if (end > at && at >= 0) {
      const info = line.slice(at + 3, end);
      const space = info.indexOf(' ');
      out.push({
        form: 'v1',
        name: space < 0 ? info : info.slice(0, space),
        props: space < 0 ? '' : info.slice(space + 1),
        data: unescapeData(line.slice(end + 1)),
        line,
      });
    }
  }
  return out;
}

/**
 * Commands a template planted: any legacy-form command, any command whose properties or
 * leading data carry `marker`, and any add-mask whose data carries it. A real annotation that
 * quotes the template (its data escaped by @actions/core) carries the marker only later in its data.
 */
export function plantedCommands(stdout: string, marker: string): RunnerCommand[] {
  return runnerCommands(stdout).filter(
    (c) =>
      c.form === 'v1' ||
      c.props.includes(marker) ||
      c.data.startsWith(marker) ||
      (c.name === 'add-mask' && c.data.includes(marker)),
  );
}
