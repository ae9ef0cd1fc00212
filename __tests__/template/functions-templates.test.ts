/** The valid fn-* templates resolved through the whole validator: the values they produce. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { validateTemplateFile } from '../../src/template/validate.js';
import { evaluateRuntime } from '../../src/template/resolve.js';
import type { ResolvedStack } from '../../src/template/types.js';

const io = { readFile: (p: string): string => readFileSync(p, 'utf8') };

function resolveFile(name: string, parameters: Record<string, unknown>): ResolvedStack {
  const result = validateTemplateFile(
    {
      template: `testdata/templates/valid/${name}`,
      workspace: process.cwd(),
      stackName: 'cases',
      parameters,
      environmentFiles: [],
      dockerEndpoint: 'unix:///var/run/docker.sock',
      endpoints: {},
    },
    io,
  );
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  if (!result.stack) throw new Error('no stack');
  return result.stack;
}

const props = (stack: ResolvedStack, name: string): Record<string, unknown> | undefined =>
  stack.resources.find((r) => r.name === name)?.properties;

test('every function of pike', () => {
  const stack = resolveFile('fn-every-function.yaml', { env: 'prod', tags: 'blue,green' });
  const conf = readFileSync('testdata/files/nginx.conf', 'utf8');
  expect(props(stack, 'web')).toEqual({
    image: 'nginx:1.25',
    name: 'cases-web-prod',
    hostname: 'web',
    env: [
      'PORT=8080',
      'LOG_LEVEL=info',
      `CONFIG_SHA=${createHash('sha256').update(conf).digest('hex')}`,
      'http://db.internal:5432/app',
      'TAGS=ok',
      'TAG_blue=1',
      'TAG_green=1',
    ],
    port_specs: ['80', '443'],
    volumes: { '/srv/data': '/data', '/srv/logs': '/var/log/nginx' },
    privileged: false,
    cmd: ['nginx', '-g', 'daemon off;'],
  });
});

test('the same template outside prod takes the other branches', () => {
  const web = props(resolveFile('fn-every-function.yaml', { env: 'dev', tags: 'green' }), 'web');
  expect(web?.image).toBe('nginx:latest');
  expect(web?.name).toBe('cases-web-dev');
  expect(web?.cmd).toEqual(['nginx', '-g', 'daemon off;']);
});

test.each([
  [{ env: 'staging', debug: true }, ['app', 'debugger'], 'myapp:edge', 'LOG_LEVEL=debug', true],
  [{ env: 'staging', debug: false }, ['app'], 'myapp:edge', 'LOG_LEVEL=info', false],
  [{ env: 'prod', debug: true }, ['app', 'replica'], 'myapp:stable', 'LOG_LEVEL=info', false],
])('conditions %j', (params, resources, image, env, debuggerOutput) => {
  const stack = resolveFile('fn-conditions.yaml', params);
  expect(stack.resources.map((r) => r.name)).toEqual(resources);
  expect(props(stack, 'app')).toEqual({ image, env: [env] });
  // As in Heat, an output whose condition is false is still there, with no value.
  expect(Object.keys(stack.outputs)).toEqual(['app_id', 'debugger_ip']);
  if (debuggerOutput) expect(stack.outputs.debugger_ip.value).not.toBeNull();
  else expect(stack.outputs.debugger_ip.value).toBeNull();
  if (resources.includes('debugger')) expect(stack.resources[1].dependsOn).toEqual(['app']);
});

test('2013 functions', () => {
  const stack = resolveFile('fn-legacy-2013.yaml', {});
  expect(props(stack, 'proxy')).toEqual({
    image: 'nginx:1.25',
    env: ['UPSTREAMS=app1 app2'],
    cmd: ['sh', '-c', readFileSync('testdata/files/hello.sh', 'utf8')],
  });
  expect(stack.resources.map((r) => [r.name, r.dependsOn])).toEqual([['proxy', ['app']], ['app', []]]);
  expect(stack.outputs.app_logs.value).toEqual({ get_attr: ['app', 'logs_tail'] });
});

test('runtime references become dependencies', () => {
  const stack = resolveFile('fn-runtime-references.yaml', {});
  expect(stack.resources.map((r) => [r.name, r.dependsOn])).toEqual([['db', []], ['app', ['db']], ['sidecar', ['app']]]);
  expect(props(stack, 'sidecar')?.hostname).toEqual({ get_attr: ['app', 'info', 'Config', 'Hostname'] });
  expect(stack.outputs.ports.value).toEqual([{ get_attr: ['app', 'network_tcp_ports'] }, { get_attr: ['app', 'network_udp_ports'] }]);
});

test('functions over runtime references are kept, parameters substituted, and completed at deploy', () => {
  const stack = resolveFile('fn-runtime-wrapped.yaml', {});
  const ip = { get_attr: ['db', 'network_ip'] };
  expect(stack.resources.map((r) => [r.name, r.dependsOn])).toEqual([['db', []], ['app', ['db']]]);
  const app = props(stack, 'app');
  expect(app?.cmd).toEqual(['sh', '-c', { str_replace: { template: 'exec app --db $host:$port', params: { $host: ip, $port: 5432 } } }]);
  const runtime = {
    resourceId: (name: string): string => `id-${name}`,
    attribute: (_name: string, attr: string): unknown => (attr === 'network_ip' ? '10.0.0.5' : '10.0.0.1'),
  };
  expect(evaluateRuntime(app, runtime)).toEqual({
    image: 'myapp:1',
    env: ['DB=10.0.0.5', 'DB_URL=10.0.0.5:5432'],
    cmd: ['sh', '-c', 'exec app --db 10.0.0.5:5432'],
    dns: ['10.0.0.1'],
  });
  expect(evaluateRuntime(stack.outputs.db_url.value, runtime)).toBe('postgres://10.0.0.5:5432/app');
});

test('repeat with and without permutations; the yaql branch is not taken', () => {
  const web = props(resolveFile('fn-repeat-and-yaql-unused.yaml', {}), 'web');
  expect(web).toEqual({ image: 'nginx', env: ['A=1', 'B=2'], port_bindings: { 80: '180', 443: '1443' }, hostname: 'web' });
});

test('taking the yaql branch is an error', () => {
  const result = validateTemplateFile(
    {
      template: 'testdata/templates/valid/fn-repeat-and-yaql-unused.yaml',
      workspace: process.cwd(),
      stackName: 'cases',
      parameters: { fancy: true },
      environmentFiles: [],
      dockerEndpoint: 'unix:///var/run/docker.sock',
      endpoints: {},
    },
    io,
  );
  expect(result.diagnostics.map((d) => `${d.code} ${d.line}:${d.column}`)).toEqual(['unsupported-function 26:34']);
});
