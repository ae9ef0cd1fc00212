/**
 * The CLI from the sources as a process of its own (compiled by tsc into a scratch folder), run
 * with a pipe or on a pseudo-terminal (python3's pty module): what a user at a terminal sees,
 * the question included, without the committed bundle (which the coordinator rebuilds).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../runner/harness.js';

/** Compiles src/ and returns the script that runs cliMain; `cleanup` removes the folder. */
export function buildCli(): { script: string; cleanup: () => void } {
  // Inside node_modules so the compiled modules find the project's dependencies.
  const out = join(ROOT, 'node_modules', '.cache', `hotdock-cli-${process.pid}`);
  const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(ROOT, 'tsconfig.json'), '--outDir', out], {
    encoding: 'utf8',
    timeout: 240_000,
  });
  if (tsc.status !== 0) throw new Error(`tsc failed: ${tsc.stdout}${tsc.stderr}`);
  // tsc leaves the generated (plain JavaScript) validator behind.
  cpSync(join(ROOT, 'src', 'template', 'hot-schema-validator.generated.js'), join(out, 'template', 'hot-schema-validator.generated.js'));
  writeFileSync(join(out, 'package.json'), '{"type":"module"}\n');
  writeFileSync(join(out, 'run.js'), "import { cliMain } from './cli.js';\nprocess.exitCode = await cliMain(process.argv.slice(2));\n");
  return { script: join(out, 'run.js'), cleanup: () => rmSync(out, { recursive: true, force: true }) };
}

/** Runs the program on a pseudo-terminal; types `answer` once the question `[y/N]` shows. */
const PTY_RUNNER = `
import os, pty, select, sys
answer = sys.argv[1]
pid, fd = pty.fork()
if pid == 0:
    os.execvp(sys.argv[2], sys.argv[2:])
out = b''
sent = False
while True:
    ready, _, _ = select.select([fd], [], [], 90)
    if not ready:
        break
    try:
        data = os.read(fd, 4096)
    except OSError:
        break
    if not data:
        break
    out += data
    if answer and not sent and b'[y/N]' in out:
        os.write(fd, answer.encode())
        sent = True
_, status = os.waitpid(pid, 0)
sys.stdout.buffer.write(out)
sys.exit(os.waitstatus_to_exitcode(status))
`;

let pythonPath: string | undefined;

/** python3 itself, not a version manager's shim (which may need the HOME a test replaces). */
function python(): string {
  pythonPath ??= spawnSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).stdout.trim() || 'python3';
  return pythonPath;
}

/** What a run printed (stdout and stderr share the terminal) and its exit status. */
export interface ProcessRun {
  status: number | null;
  output: string;
  stderr: string;
}

/** Runs the CLI on a pseudo-terminal in `cwd`; `answer` is typed at the question (e.g. "y\\n"). */
export function onTerminal(script: string, cwd: string, args: string[], env: NodeJS.ProcessEnv, answer = ''): ProcessRun {
  const runner = join(mkdtempSync(join(tmpdir(), 'hotdock-pty-')), 'on-terminal.py');
  writeFileSync(runner, PTY_RUNNER);
  const r = spawnSync(python(), [runner, answer, process.execPath, script, ...args], { cwd, env, encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, output: r.stdout, stderr: r.stderr };
}

/** Runs the CLI with pipes for stdin, stdout and stderr (as in a script or CI). */
export function withPipes(script: string, cwd: string, args: string[], env: NodeJS.ProcessEnv, input = ''): ProcessRun & { stdout: string } {
  const r = spawnSync(process.execPath, [script, ...args], { cwd, env, input, encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, output: r.stdout + r.stderr, stdout: r.stdout, stderr: r.stderr };
}
