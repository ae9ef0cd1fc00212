/**
 * The CLI through bin/hotdock.js and the committed bundle, as a user runs it. Validate only:
 * needs no Docker.
 */
import { spawnSync } from 'node:child_process';
import { basename, join } from 'node:path';
import { defaultStackName } from '../../src/inputs.js';
import { BAD_TEMPLATE as BAD, ROOT, workspace } from './harness.js';

function hotdock(cwd: string, ...args: string[]) {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME };
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

  it('usage errors exit 2 with the usage; --help exits 0', () => {
    const bad = hotdock(ROOT, 'deploi', 'x.yaml');
    expect(bad.stderr).toContain("hotdock: Invalid command: 'deploi'. Expected validate, plan, deploy or destroy");
    expect(bad.stderr).toContain('Usage: hotdock');
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
