/** cliMain without Docker: messages in the CLI's words, from validate alone. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliMain } from '../../src/cli.js';

async function cli(args: string[], template: string) {
  const cwd = mkdtempSync(join(tmpdir(), 'hotdock-cli-'));
  writeFileSync(join(cwd, 'stack.yaml'), template);
  let stdout = '';
  let stderr = '';
  const status = await cliMain(args, { HOME: cwd }, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd });
  return { status, stdout, stderr };
}

const TEMPLATE = `heat_template_version: 2021-04-16
parameters:
  tag: {type: string}
resources:
  web:
    type: DockerInc::Docker::Container
    properties:
      image: {list_join: [':', [busybox, {get_param: tag}]]}
      docker_endpoint: far
`;

test('diagnostics name --param and --endpoints, not the action inputs', async () => {
  const r = await cli(['validate', 'stack.yaml', '--param', 'tga=1'], TEMPLATE);
  expect(r.stdout).toContain("parameter 'tag' has no default and no value was given: pass it in --param or an environment file");
  expect(r.stdout).toContain('--param gives a value for parameter');
  expect(r.stdout).not.toContain("'parameters' input");
  expect(r.status).toBe(1);
});

test('a stack name flag mistake names the flag', async () => {
  const r = await cli(['validate', 'stack.yaml', '--stack', 'no way'], TEMPLATE);
  expect(r.stderr).toMatch(/^hotdock: Invalid option --stack: 'no way'/);
  expect(r.status).toBe(2);
});
