/**
 * The action's run() and the CLI's cliMain() with the deploy stage replaced by a recording fake:
 * the wiring around the engine (failures, outputs, summary, progress lines, exit codes), fast and
 * without Docker. The real engine is exercised through the bundle in the *.runner tests.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../src/main.js';
import { cliMain } from '../../src/cli.js';
import { realStages, type Stages } from '../../src/pipeline.js';
import type { DeployReport } from '../../src/deploy/types.js';
import { parseOutputFile } from './harness.js';
import { actionStep } from './action-step.js';

const TEMPLATE = `heat_template_version: 2021-04-16
parameters:
  secret: {type: string, hidden: true, default: sup3rsecret}
resources:
  web:
    type: DockerInc::Docker::Container
    properties:
      image: hotdock-test/busybox:1
outputs:
  s:
    value: {get_param: secret}
`;

function report(over: Partial<DeployReport> = {}): DeployReport {
  return {
    result: 'success',
    changed: true,
    resources: {},
    outputs: { s: 'sup3rsecret' },
    plan: [{ resource: 'web', endpoint: 'local', action: 'create', reasons: ['new'] }],
    warnings: [],
    rolledBack: [],
    ...over,
  };
}

/** Stages whose deploy half answers `result` after logging progress. */
function fakeStages(result: DeployReport | Error): Stages & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    validate: realStages.validate,
    runStack: async (settings, stack, log) => {
      calls.push(`${settings.mode} ${stack.stackName}`);
      log.progress('web', 'creating');
      log.warning('plain TCP to 10.0.0.9:2375');
      if (result instanceof Error) throw result;
      return result;
    },
  };
}

describe('run() (the action)', () => {
  const step = actionStep(TEMPLATE);

  const env = (mode: string) => ({ ...process.env, INPUT_TEMPLATE: 'stack.yaml', INPUT_MODE: mode, GITHUB_REPOSITORY: 'acme/shop' });

  it('deploy: progress lines, warnings, outputs with the hidden value masked, success', async () => {
    const stages = fakeStages(report());
    await run(env('deploy'), stages);
    const log = step.stdout.join('');
    expect(stages.calls).toEqual(['deploy shop-stack']);
    expect(log).toContain('web: creating\n');
    expect(log).toContain('::warning::plain TCP to 10.0.0.9:2375');
    expect(log).toContain('::add-mask::sup3rsecret');
    const outputs = parseOutputFile(readFileSync(step.files.output, 'utf8'));
    expect(outputs).toMatchObject({ result: 'success', changed: 'true', outputs: '{"s":"******"}' });
    expect(readFileSync(step.files.summary, 'utf8')).toContain('| s | ****** |');
    expect(readFileSync(step.files.summary, 'utf8')).not.toContain('sup3rsecret');
    expect(process.exitCode).toBeUndefined();
  });

  it('validate: the deploy stage is never called', async () => {
    const stages = fakeStages(report());
    await run(env('validate'), stages);
    expect(stages.calls).toEqual([]);
    expect(parseOutputFile(readFileSync(step.files.output, 'utf8')).result).toBe('success');
  });

  it('a failed deploy: setFailed with the error, rollback in the summary, result=failure', async () => {
    await run(env('deploy'), fakeStages(report({ result: 'failure', error: 'web: exited with code 1', rolledBack: ['web'] })));
    expect(step.stdout.join('')).toContain('::error::web: exited with code 1');
    expect(readFileSync(step.files.summary, 'utf8')).toContain('**Rolled back:** <code>web</code>');
    expect(parseOutputFile(readFileSync(step.files.output, 'utf8')).result).toBe('failure');
    expect(process.exitCode).toBe(1);
  });

  it('an exception in a stage is caught here: setFailed, outputs still written', async () => {
    await run(env('plan'), fakeStages(new Error('endpoint unreachable')));
    expect(step.stdout.join('')).toContain('::error::endpoint unreachable');
    expect(parseOutputFile(readFileSync(step.files.output, 'utf8'))).toMatchObject({ result: 'failure', plan: '[]' });
    expect(process.exitCode).toBe(1);
  });
});

describe('cliMain()', () => {
  function cli(argv: string[], stages: Stages) {
    const dir = mkdtempSync(join(tmpdir(), 'hotdock-cli-'));
    writeFileSync(join(dir, 'stack.yaml'), TEMPLATE);
    const out: string[] = [];
    const err: string[] = [];
    const io = { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t), cwd: dir };
    return { io, out, err, status: cliMain(argv, { HOME: dir }, io, stages) };
  }

  it('progress on stderr, result on stdout, hidden values redacted, exit 0', async () => {
    const c = cli(['deploy', 'stack.yaml'], fakeStages(report()));
    expect(await c.status).toBe(0);
    expect(c.err.join('')).toContain('web: creating\n');
    expect(c.err.join('')).toContain('warning: plain TCP');
    expect(c.out.join('')).toContain('[] -> #1 create web @local: new');
    expect(c.out.join('')).toContain('  s: ******');
    expect(c.out.join('') + c.err.join('')).not.toContain('sup3rsecret');
  });

  it('a failed run exits 1 and says why on stderr', async () => {
    const c = cli(['deploy', 'stack.yaml'], fakeStages(report({ result: 'failure', error: 'boom' })));
    expect(await c.status).toBe(1);
    expect(c.err.join('')).toContain('hotdock: error: boom');
  });

  it('--stack and --param reach the engine; a bad --stack is a usage error', async () => {
    const stages = fakeStages(report());
    expect(await cli(['plan', 'stack.yaml', '--stack', 'shop', '--param', 'secret=x'], stages).status).toBe(0);
    expect(stages.calls).toEqual(['plan shop']);
    const bad = cli(['plan', 'stack.yaml', '--stack', 'no way'], stages);
    expect(await bad.status).toBe(2);
    expect(bad.err.join('')).toContain("Invalid option --stack: 'no way'");
  });
});
