/**
 * The deploy lifecycle on the local engine: deploy → no-op redeploy → one changed property →
 * prune → destroy, with a foreign container that must survive all of it.
 */
import { runStack } from '../../src/engine/run.js';
import type { Settings } from '../../src/settings.js';
import type { ResolvedResource } from '../../src/template/types.js';
import { cleanupStack, container, fetchLocal, freePort, localDocker, recordingLog, stackOf, testSettings, TEST_IMAGE, uniqueStack } from '../helpers/stack.js';

const docker = localDocker();
const name = uniqueStack();
// sleep and busybox httpd ignore SIGTERM as PID 1: stop kills at once instead of waiting out a timeout.
const options = { stopTimeoutSeconds: 0 };
let port = 0;
let foreignId = '';

beforeAll(async () => {
  port = await freePort();
  // Same name prefix, no stack label: hotdock must never touch it.
  const foreign = await docker.createContainer({ Image: TEST_IMAGE, name: `${name}-foreign`, Cmd: ['sleep', '300'] });
  foreignId = foreign.id;
  await foreign.start();
});

afterAll(async () => {
  await cleanupStack(docker, name);
  await docker.getContainer(foreignId).remove({ force: true }).catch(() => undefined);
});

function resources(greeting: string, withWorker = true): ResolvedResource[] {
  const list = [
    container('web', { port_bindings: { 80: { HostIp: '127.0.0.1', HostPort: port } } }),
    container('keeper', { cmd: ['sleep', '300'] }, { deletionPolicy: 'Retain' }),
  ];
  if (withWorker) {
    list.push(
      container(
        'worker',
        {
          cmd: ['sh', '-c', 'echo "$GREETING"; echo "web is $0"; exec sleep 300', { get_attr: ['web', 'network_ip'] }],
          env: [`GREETING=${greeting}`],
        },
        { dependsOn: ['web'] },
      ),
    );
  }
  return list;
}

const outputs = {
  web_ports: { value: { get_attr: ['web', 'network_tcp_ports'] } },
  web_id: { value: { get_resource: 'web' } },
  worker_head: { value: { get_attr: ['worker', 'logs_head'] } },
  worker_tail: { value: { get_attr: ['worker', 'logs_tail'] } },
  web_ip: { value: { get_attr: ['web', 'network_info', 'IPAddress'] } },
};

const settings = (over: Partial<Settings> = {}): Settings => testSettings(name, over);
const idsOf = async (): Promise<Record<string, string>> => {
  const list = await docker.listContainers({ all: true, filters: { label: [`io.hotdock.stack=${name}`] } });
  return Object.fromEntries(list.map((c) => [c.Labels['io.hotdock.resource'], c.Id]));
};

let firstIds: Record<string, string> = {};

test('deploy creates every container, reports ports and outputs', async () => {
  const log = recordingLog();
  const stack = stackOf(name, resources('hello-1'), outputs);
  const report = await runStack(settings(), stack, log, options);
  expect(report.error).toBeUndefined();
  expect(report).toMatchObject({ result: 'success', changed: true, rolledBack: [] });
  expect(report.plan.map((p) => `${p.action} ${p.resource}`).sort()).toEqual(['create keeper', 'create web', 'create worker']);
  expect(report.resources.web).toMatchObject({ endpoint: 'unix:///var/run/docker.sock', container_name: `${name}-web`, state: 'running', action: 'create', ports: [`127.0.0.1:${port}->80/tcp`] });
  expect(report.resources.web.image_id).toMatch(/^sha256:/);
  expect(await fetchLocal(port)).toBe('hello');
  firstIds = await idsOf();
  expect(report.outputs).toMatchObject({ web_ports: String(port), web_id: firstIds.web, worker_head: 'hello-1' });
  expect(report.outputs.web_ip).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
  // The worker got web's address at create time (a runtime reference to a container made in this run).
  expect(report.outputs.worker_tail).toBe(`web is ${report.outputs.web_ip}`);
  expect(log.lines.some((l) => l.startsWith('worker: '))).toBe(true);
}, 60000);

test('redeploy of the same stack changes nothing', async () => {
  const stack = stackOf(name, resources('hello-1'), outputs);
  const started = Date.now();
  const report = await runStack(settings(), stack, recordingLog(), options);
  const ms = Date.now() - started;
  expect(report.error).toBeUndefined();
  expect(report.changed).toBe(false);
  expect(report.plan.every((p) => p.action === 'unchanged')).toBe(true);
  expect(await idsOf()).toEqual(firstIds);
  expect(report.outputs.worker_head).toBe('hello-1');
  console.log(`no-op redeploy of 3 containers: ${ms} ms`);
}, 60000);

test('one changed parameter replaces only the container using it', async () => {
  const stack = stackOf(name, resources('hello-2'), outputs);
  const report = await runStack(settings(), stack, recordingLog(), options);
  expect(report.error).toBeUndefined();
  expect(report.changed).toBe(true);
  const actions = Object.fromEntries(report.plan.map((p) => [p.resource, p.action]));
  expect(actions).toEqual({ web: 'unchanged', keeper: 'unchanged', worker: 'replace' });
  const ids = await idsOf();
  expect(ids.web).toBe(firstIds.web);
  expect(ids.worker).not.toBe(firstIds.worker);
  expect(report.outputs.worker_head).toBe('hello-2');
  // No container is left aside.
  const all = await docker.listContainers({ all: true, filters: { label: [`io.hotdock.stack=${name}`] } });
  expect(all).toHaveLength(3);
}, 60000);

test('a resource that left the template is pruned', async () => {
  const report = await runStack(settings(), stackOf(name, resources('hello-2', false)), recordingLog(), options);
  expect(report.error).toBeUndefined();
  expect(report.plan.find((p) => p.resource === 'worker')?.action).toBe('remove');
  expect(report.resources.worker.state).toBe('removed');
  expect(Object.keys(await idsOf()).sort()).toEqual(['keeper', 'web']);
}, 60000);

test('plan mode reports without changing anything', async () => {
  const before = await idsOf();
  const report = await runStack(settings({ mode: 'plan' }), stackOf(name, resources('hello-3', true)), recordingLog(), options);
  expect(report.error).toBeUndefined();
  expect(report.changed).toBe(true);
  expect(report.plan.find((p) => p.resource === 'worker')?.action).toBe('create');
  expect(await idsOf()).toEqual(before);
  const locks = await docker.listContainers({ all: true, filters: { label: [`io.hotdock.lock=${name}`] } });
  expect(locks).toHaveLength(0);
}, 60000);

test('destroy removes the stack but keeps Retain resources and foreign containers', async () => {
  const report = await runStack(settings({ mode: 'destroy' }), stackOf(name, resources('x', false)), recordingLog(), options);
  expect(report.error).toBeUndefined();
  expect(report.changed).toBe(true);
  expect(Object.keys(await idsOf())).toEqual(['keeper']);
  expect((await docker.getContainer(foreignId).inspect()).State.Running).toBe(true);
  expect(await fetchLocal(port, 2)).toBe('');
}, 60000);

test('a dependency replaced in the run replaces the containers that reference it (get_resource)', async () => {
  const s = uniqueStack();
  const db = (v: string): ResolvedResource => container('db', { cmd: ['sleep', '300'], env: [`V=${v}`] });
  const app = container('app', { cmd: ['sh', '-c', 'echo "db is $0"; exec sleep 300', { get_resource: 'db' }] }, { dependsOn: ['db'] });
  const other = container('other', { cmd: ['sleep', '300'] });
  const outs = { said: { value: { get_attr: ['app', 'logs_tail'] } }, db: { value: { get_resource: 'db' } } };
  try {
    const first = await runStack(testSettings(s), stackOf(s, [db('1'), app, other], outs), recordingLog(), options);
    expect(first.error).toBeUndefined();
    expect(first.outputs.said).toBe(`db is ${first.outputs.db}`);
    const noop = await runStack(testSettings(s), stackOf(s, [db('1'), app, other], outs), recordingLog(), options);
    expect(noop.changed).toBe(false);
    const second = await runStack(testSettings(s), stackOf(s, [db('2'), app, other], outs), recordingLog(), options);
    expect(second.error).toBeUndefined();
    const actions = Object.fromEntries(second.plan.map((p) => [p.resource, p.action]));
    expect(actions).toEqual({ db: 'replace', app: 'replace', other: 'unchanged' });
    expect(second.resources.app.action).toBe('replace');
    expect(second.outputs.said).toBe(`db is ${second.outputs.db}`);
    expect(second.outputs.db).not.toBe(first.outputs.db);
  } finally {
    await cleanupStack(docker, s);
  }
}, 90000);
