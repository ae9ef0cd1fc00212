import { parseCliArgs } from '../src/cli-args.js';

describe('parseCliArgs', () => {
  it('reads a command, a template and every option', () => {
    expect(
      parseCliArgs([
        'deploy', 'stacks/web.yaml', '--stack', 'shop', '--param', 'port=8080', '--param=greeting=a=b',
        '--env-file', 'env/prod.yaml', '--env-file=env/more.yaml', '--endpoint', 'tcp://10.0.0.2:2376', '--pull', 'always', '--json',
      ]),
    ).toEqual({
      kind: 'run',
      args: {
        command: 'deploy',
        template: 'stacks/web.yaml',
        stack: 'shop',
        params: { port: '8080', greeting: 'a=b' },
        envFiles: ['env/prod.yaml', 'env/more.yaml'],
        endpoint: 'tcp://10.0.0.2:2376',
        pull: 'always',
        json: true,
      },
    });
  });

  it('options may come before the command', () => {
    expect(parseCliArgs(['--json', 'validate', 'a.yaml'])).toEqual({
      kind: 'run',
      args: { command: 'validate', template: 'a.yaml', params: {}, envFiles: [], json: true },
    });
  });

  it.each([['--help'], ['-h'], ['deploy', '--help']])('%s asks for help', (...argv) => {
    expect(parseCliArgs(argv)).toEqual({ kind: 'help' });
  });

  it.each<[string[], string]>([
    [[], 'missing command: validate, plan, deploy or destroy'],
    [['deploi', 'a.yaml'], "Invalid command: 'deploi'. Expected validate, plan, deploy or destroy"],
    [['plan'], 'missing TEMPLATE: hotdock plan TEMPLATE'],
    [['plan', 'a.yaml', 'b.yaml'], "unexpected argument 'b.yaml'"],
    [['plan', 'a.yaml', '--force'], "unknown option '--force'"],
    [['plan', 'a.yaml', '--stack'], "option '--stack' needs a value"],
    [['plan', 'a.yaml', '--param', 'novalue'], "--param expects KEY=VALUE, got 'novalue'"],
    [['plan', 'a.yaml', '--pull', 'often'], "Invalid option --pull: 'often'. Expected missing, always or never"],
    [['plan', 'a.yaml', '--placement', 'random'], "Invalid option --placement: 'random'. Expected spread or binpack"],
    [['plan', 'a.yaml', '--target', 'k8s'], "Invalid option --target: 'k8s'. Expected containers or swarm"],
    [['plan', 'a.yaml', '--prune=maybe'], "Invalid option --prune: 'maybe'. Expected true or false"],
    [['plan', 'a.yaml', '--wait-timeout', '0'], "Invalid option --wait-timeout: '0'. Expected a positive integer"],
    [['plan', 'a.yaml', '--max-parallel', 'x'], "Invalid option --max-parallel: 'x'. Expected a positive integer"],
    [['plan', 'a.yaml', '--lock-timeout', '-1'], "Invalid option --lock-timeout: '-1'. Expected a positive integer"],
    [['plan', 'a.yaml', '--stable-seconds', '1.5'], "Invalid option --stable-seconds: '1.5'. Expected a whole number of seconds (0 or more)"],
    [['plan', 'a.yaml', '--endpoint', 'tcp://h:1', '--context', 'lab'], 'give --endpoint or --context, not both'],
  ])('%j → %s', (argv, message) => {
    expect(parseCliArgs(argv)).toEqual({ kind: 'error', message });
  });

  it('reads the flags for what the action has', () => {
    const parsed = parseCliArgs([
      'deploy', 't.yaml', '--prune', 'false', '--rollback=false', '--wait-timeout', '90', '--stable-seconds', '0',
      '--max-parallel', '3', '--lock-timeout', '20', '--placement', 'binpack', '--target', 'swarm', '--yes',
      '--context', 'lab', '--endpoints', 'e.yaml', '--registry-auth', 'r.yaml',
    ]);
    expect(parsed).toEqual({
      kind: 'run',
      args: {
        command: 'deploy', template: 't.yaml', params: {}, envFiles: [], json: false, yes: true,
        prune: false, rollback: false, waitTimeout: 90, stableSeconds: 0, maxParallel: 3, lockTimeout: 20,
        placement: 'binpack', target: 'swarm', context: 'lab', endpointsFile: 'e.yaml', registryAuthFile: 'r.yaml',
      },
    });
  });

  it('a boolean flag alone means true; -y is --yes', () => {
    const parsed = parseCliArgs(['deploy', '--prune', 't.yaml', '--rollback', '-y']);
    expect(parsed).toMatchObject({ kind: 'run', args: { template: 't.yaml', prune: true, rollback: true, yes: true } });
  });

  it.each([['--version'], ['-V'], ['plan', 'x.yaml', '--version']])('%s asks for the version', (...argv) => {
    expect(parseCliArgs(argv)).toEqual({ kind: 'version' });
  });
});
