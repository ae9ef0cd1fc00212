/**
 * The CLI through bin/hotdock.js and the committed bundle, as a user runs it. Validate only:
 * needs no Docker.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { defaultStackName } from '../../src/inputs.js';
import { BAD_TEMPLATE as BAD, ROOT, workspace } from './harness.js';

/** The CLI's code cache goes to a folder of this suite's, not the user's. */
const CACHE_HOME = mkdtempSync(join(tmpdir(), 'hotdock-cache-'));

function hotdock(cwd: string, ...args: string[]) {
  return hotdockWith({ XDG_CACHE_HOME: CACHE_HOME }, cwd, ...args);
}

function hotdockWith(extra: NodeJS.ProcessEnv, cwd: string, ...args: string[]) {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, ...extra };
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/hotdock.js'), ...args], { cwd, env, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('hotdock CLI (bundle)', () => {
  it('prints file:line:col: error: message and exits 1', () => {
    const ws = workspace({ 'bad.yaml': BAD });
    const r = hotdock(ws, 'validate', 'bad.yaml');
    expect(r.stdout).toMatch(/^bad\.yaml:7:7: error: .*imag/m);
    expect(r.stdout).not.toContain('::');
    expect(r.status).toBe(1);
  });

  it('--json prints {diagnostics, result, plan, resources, outputs}', () => {
    const ws = workspace({ 'bad.yaml': BAD });
    const r = hotdock(ws, 'validate', 'bad.yaml', '--json');
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ result: 'failure', plan: [], resources: {}, outputs: {} });
    expect(doc.diagnostics[0]).toMatchObject({ file: 'bad.yaml', line: 7, column: 7, severity: 'error' });
    expect(r.status).toBe(1);
  });

  it('validates every example, from the repository root', () => {
    const r = hotdock(ROOT, 'validate', 'examples/web.yaml', '--env-file', 'examples/environments/production.yaml');
    expect(r.stdout).toContain(`validate of stack ${defaultStackName(basename(ROOT), 'web.yaml')}: success`);
    expect(r.status).toBe(0);
  });

  it('takes a template outside the current directory', () => {
    const ws = workspace({ 'bad.yaml': BAD });
    const r = hotdock(ROOT, 'validate', join(ws, 'bad.yaml'));
    expect(r.stdout).toContain(`${join(ws, 'bad.yaml')}:7:7: error:`);
    expect(r.status).toBe(1);
  });

  it('usage errors exit 2 with one line and a hint; --help exits 0', () => {
    const bad = hotdock(ROOT, 'deploi', 'x.yaml');
    expect(bad.stderr).toBe("hotdock: Invalid command: 'deploi'. Expected validate, plan, deploy or destroy\nRun 'hotdock --help' for usage.\n");
    expect(bad.status).toBe(2);
    const help = hotdock(ROOT, '--help');
    expect(help.stdout).toContain('Usage: hotdock <validate|plan|deploy|destroy> TEMPLATE');
    expect(help.status).toBe(0);
  });

  it('importing the bundle does not run the action', () => {
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', `const m = await import(${JSON.stringify(join(ROOT, 'dist/index.js'))}); console.log(typeof m.cliMain)`], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH, INPUT_TEMPLATE: 'x.yaml' },
    });
    expect(r.stdout.trim()).toBe('function');
  });
});

describe('the CLI\'s code cache', () => {
  const GOOD = 'heat_template_version: 2021-04-16\nresources:\n  web:\n    type: DockerInc::Docker::Container\n    properties:\n      image: nginx\n';

  function cacheFiles(home: string): string[] {
    try {
      return readdirSync(join(home, 'hotdock')).map((f) => join(home, 'hotdock', f));
    } catch {
      return [];
    }
  }

  it('is written by the first run, private to the user, and taken as is by the next', () => {
    const home = mkdtempSync(join(tmpdir(), 'hotdock-cache-'));
    const ws = workspace({ 'ok.yaml': GOOD, 'bad.yaml': BAD });
    const first = hotdockWith({ XDG_CACHE_HOME: home }, ws, 'validate', 'bad.yaml');
    const files = cacheFiles(home);
    expect(files).toHaveLength(1);
    expect(statSync(files[0]).mode & 0o777).toBe(0o600);
    expect(statSync(join(home, 'hotdock')).mode & 0o777).toBe(0o700);
    const written = readFileSync(files[0]);
    expect(written.length).toBeGreaterThan(100_000); // the functions the run compiled, not only the top level
    // The cached run answers exactly as the first one did, and V8 took the cache: it is not rewritten.
    const mtime = statSync(files[0]).mtimeMs;
    const again = hotdockWith({ XDG_CACHE_HOME: home }, ws, 'validate', 'bad.yaml');
    expect(again).toEqual(first);
    expect(again.status).toBe(1);
    expect(statSync(files[0]).mtimeMs).toBe(mtime);
    expect(hotdockWith({ XDG_CACHE_HOME: home }, ws, 'validate', 'ok.yaml').status).toBe(0);
  });

  it('a damaged cache is refused by V8, the run goes on, and the cache is written anew', () => {
    const home = mkdtempSync(join(tmpdir(), 'hotdock-cache-'));
    const ws = workspace({ 'bad.yaml': BAD });
    const clean = hotdockWith({ XDG_CACHE_HOME: home }, ws, 'validate', 'bad.yaml');
    const [file] = cacheFiles(home);
    writeFileSync(file, Buffer.alloc(4096, 7));
    const r = hotdockWith({ XDG_CACHE_HOME: home }, ws, 'validate', 'bad.yaml');
    expect(r).toEqual(clean);
    expect(readFileSync(file).equals(Buffer.alloc(4096, 7))).toBe(false);
    expect(readFileSync(file).length).toBeGreaterThan(100_000);
  });

  it('HOTDOCK_COMPILE_CACHE=0 writes nothing', () => {
    const home = mkdtempSync(join(tmpdir(), 'hotdock-cache-'));
    const ws = workspace({ 'bad.yaml': BAD });
    const r = hotdockWith({ XDG_CACHE_HOME: home, HOTDOCK_COMPILE_CACHE: '0' }, ws, 'validate', 'bad.yaml');
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^bad\.yaml:7:7: error:/m);
    expect(cacheFiles(home)).toEqual([]);
  });
});

