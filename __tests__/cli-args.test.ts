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
  ])('%j → %s', (argv, message) => {
    expect(parseCliArgs(argv)).toEqual({ kind: 'error', message });
  });
});
