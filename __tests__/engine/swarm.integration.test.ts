/**
 * target swarm on a real single-node swarm: an engine of its own in its own network namespace
 * (netns-engine.ts), `swarm init` there and nowhere else. The template deploys as services
 * (`<stack>_<resource>`, hotdock's labels, host-mode port answering), a second run changes nothing,
 * a change rolls out, an update whose tasks fail is rolled back by Swarm and the step fails saying
 * so, plan shows service diffs and changes nothing, a resource that left the template is pruned,
 * destroy removes the services. An engine that is no swarm manager is refused by name.
 */
import { runStack } from '../../src/engine/run.js';
import { LABEL_CONFIG_HASH, LABEL_RESOURCE, LABEL_STACK } from '../../src/spec/labels.js';
import type { ResolvedResource } from '../../src/template/types.js';
import type { NetnsEngine } from '../helpers/netns-engine.js';
import { startSwarmManager, stopSwarmManager } from '../helpers/swarm-engine.js';
import { lab } from '../helpers/lab.js';
import { container, recordingLog, stackOf, TEST_IMAGE, testSettings, uniqueStack } from '../helpers/stack.js';

const IMAGE_2 = 'hotdock-test/busybox:2';
const PORT = 18080;
// Ends at once on SIGTERM (sleep as PID 1 ignores it: every task stop would take 10 s).
const IDLE = ['sh', '-c', "trap 'exit 0' TERM; while :; do sleep 1; done"];
const SERVE = ['sh', '-c', "trap 'exit 0' TERM; httpd -p 80 -h /www; while :; do sleep 1; done"];

let engine: NetnsEngine;
beforeAll(async () => {
  // No registry is reachable from the namespace: tasks use the images loaded, without a pull try.
  engine = await startSwarmManager({ name: 'hotdock-swarm', subnet: '10.202.60', images: [TEST_IMAGE, IMAGE_2] });
}, 120_000);
afterAll(() => stopSwarmManager(engine), 120_000);

const stack = uniqueStack('sw');
const settings = (overrides: Parameters<typeof testSettings>[1] = {}) =>
  testSettings(stack, { dockerEndpoint: engine.url, dockerEndpointExplicit: true, target: 'swarm', stableSeconds: 1, waitTimeout: 30, ...overrides });

const web = (image = TEST_IMAGE): ResolvedResource =>
  container('web', { image, cmd: SERVE, port_bindings: { '80': PORT } }, { metadata: { hotdock: { publish: 'host' } } });
const worker = (env: string[] = ['MODE=a'], replicas = 2, cmd = IDLE): ResolvedResource =>
  container('worker', { cmd, env }, { metadata: { hotdock: { replicas } }, dependsOn: [] });

/** The parts of a ServiceSpec the assertions read. */
interface SpecSeen {
  Mode: { Replicated: { Replicas: number } };
  UpdateConfig: { Order: string; FailureAction: string; Monitor: number };
  TaskTemplate: { ContainerSpec: { Env?: string[] } };
}
/** The parts of a task the assertions read. */
interface TaskSeen {
  Status?: { State?: string };
  Spec: { ContainerSpec: { Image: string; Env?: string[] } };
}

async function services(): Promise<{ name: string; version: number; labels: Record<string, string>; spec: SpecSeen }[]> {
  const list = await engine.docker.listServices({ filters: { label: [`${LABEL_STACK}=${stack}`] } });
  return list
    .map((s) => ({ name: s.Spec!.Name!, version: s.Version!.Index!, labels: s.Spec!.Labels ?? {}, spec: s.Spec as unknown as SpecSeen }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

async function runningTasks(service: string): Promise<TaskSeen[]> {
  const tasks = (await engine.docker.listTasks({ filters: { service: [service], 'desired-state': ['running'] } })) as TaskSeen[];
  return tasks.filter((t) => t.Status?.State === 'running');
}

async function serve(): Promise<number> {
  for (let i = 0; i < 20; i++) {
    const status = await fetch(`http://${engine.address}:${PORT}/`, { signal: AbortSignal.timeout(2000) }).then((r) => r.status, () => 0);
    if (status) return status;
    await new Promise((r) => setTimeout(r, 250));
  }
  return 0;
}

test('the template deploys as services: names, labels, replicas, a host-mode port that answers', async () => {
  const log = recordingLog();
  const t0 = Date.now();
  const report = await runStack(settings(), stackOf(stack, [web(), worker()]), log);
  expect(report.error).toBeUndefined();
  expect(report.result).toBe('success');
  expect(report.changed).toBe(true);
  expect(report.plan.map((p) => [p.resource, p.action])).toEqual([['web', 'create'], ['worker', 'create']]);
  const found = await services();
  expect(found.map((s) => s.name)).toEqual([`${stack}_web`, `${stack}_worker`]);
  expect(found[1].labels).toMatchObject({ [LABEL_STACK]: stack, [LABEL_RESOURCE]: 'worker' });
  expect(found[1].labels[LABEL_CONFIG_HASH]).toMatch(/^v1:[0-9a-f]{64}$/);
  expect(found[1].spec.Mode.Replicated.Replicas).toBe(2);
  expect(found[1].spec.UpdateConfig).toMatchObject({ FailureAction: 'rollback', Order: 'start-first', Monitor: 1e9 });
  // Two tasks cannot hold one host port on one node: the default order is stop-first there.
  expect(found[0].spec.UpdateConfig.Order).toBe('stop-first');
  expect(await runningTasks(`${stack}_worker`)).toHaveLength(2);
  expect(await serve()).toBe(200);
  expect(report.resources.web).toMatchObject({ container_name: `${stack}_web`, state: 'running', ports: [`0.0.0.0:${PORT}->80/tcp`] });
  console.log(`swarm deploy of 2 services (3 tasks): ${Date.now() - t0} ms`);
}, 120_000);

test('a second run is a no-op: nothing updated, the plan says unchanged', async () => {
  const before = await services();
  const t0 = Date.now();
  const report = await runStack(settings(), stackOf(stack, [web(), worker()]), recordingLog());
  expect(report.error).toBeUndefined();
  expect(report.changed).toBe(false);
  expect(report.plan.map((p) => p.action)).toEqual(['unchanged', 'unchanged']);
  expect((await services()).map((s) => s.version)).toEqual(before.map((s) => s.version));
  console.log(`swarm no-op run: ${Date.now() - t0} ms`);
}, 60_000);

test('plan shows the service diffs and changes nothing', async () => {
  const before = await services();
  const report = await runStack(settings({ mode: 'plan' }), stackOf(stack, [web(IMAGE_2), worker(['MODE=a'], 3)]), recordingLog());
  expect(report.error).toBeUndefined();
  expect(report.changed).toBe(true);
  expect(report.plan).toEqual([
    expect.objectContaining({ resource: 'web', action: 'replace', reasons: [`image changed (${TEST_IMAGE} → ${IMAGE_2})`] }),
    expect.objectContaining({ resource: 'worker', action: 'replace', reasons: ['replicas changed (2 → 3)'] }),
  ]);
  expect((await services()).map((s) => s.version)).toEqual(before.map((s) => s.version));
}, 60_000);

test('a change rolls out: new image and env run, the port answers again', async () => {
  const log = recordingLog();
  const t0 = Date.now();
  const report = await runStack(settings(), stackOf(stack, [web(IMAGE_2), worker(['MODE=b'])]), log);
  expect(report.error).toBeUndefined();
  expect(report.changed).toBe(true);
  expect(report.plan.map((p) => [p.action, p.reasons])).toEqual([['replace', [`image changed (${TEST_IMAGE} → ${IMAGE_2})`]], ['replace', ['env changed']]]);
  const webTasks = await runningTasks(`${stack}_web`);
  expect(webTasks.map((t) => t.Spec.ContainerSpec.Image)).toEqual([IMAGE_2]);
  const workerTasks = await runningTasks(`${stack}_worker`);
  expect(workerTasks).toHaveLength(2);
  for (const t of workerTasks) expect(t.Spec.ContainerSpec.Env).toEqual(['MODE=b']);
  expect(await serve()).toBe(200);
  console.log(`swarm rolling update of 2 services: ${Date.now() - t0} ms`);
}, 120_000);

test('an update whose tasks fail is rolled back by Swarm, the run fails saying so, and rolls back what it updated', async () => {
  const log = recordingLog();
  const failing = worker(['MODE=c'], 2, ['sh', '-c', 'exit 3']);
  const t0 = Date.now();
  // web's update succeeds, worker's fails: Swarm rolls worker back, hotdock then web (rollback input).
  const report = await runStack(settings(), stackOf(stack, [web(TEST_IMAGE), failing]), log);
  expect(report.result).toBe('failure');
  expect(report.rolledBack).toEqual(['worker', 'web']);
  expect((await runningTasks(`${stack}_web`)).map((t) => t.Spec.ContainerSpec.Image)).toEqual([IMAGE_2]);
  expect(await serve()).toBe(200);
  expect(report.error).toMatch(new RegExp(`resource 'worker': the update of service '${stack}_worker' failed and Swarm rolled it back: .*the previous spec runs again \\(2/2\\)`));
  // Swarm restored the previous spec: the env of the last good run, two tasks running it.
  const after = (await services()).find((s) => s.name === `${stack}_worker`)!;
  expect(after.spec.TaskTemplate.ContainerSpec.Env).toEqual(['MODE=b']);
  const tasks = await runningTasks(`${stack}_worker`);
  expect(tasks).toHaveLength(2);
  for (const t of tasks) expect(t.Spec.ContainerSpec.Env).toEqual(['MODE=b']);
  console.log(`swarm failed update rolled back: ${Date.now() - t0} ms`);
}, 120_000);

test('a resource that left the template is pruned; destroy removes the rest', async () => {
  const report = await runStack(settings(), stackOf(stack, [web(IMAGE_2)]), recordingLog());
  expect(report.error).toBeUndefined();
  expect(report.plan.map((p) => [p.resource, p.action, p.reasons])).toEqual([['web', 'unchanged', []], ['worker', 'remove', ['left the template']]]);
  expect((await services()).map((s) => s.name)).toEqual([`${stack}_web`]);

  const destroyed = await runStack(settings({ mode: 'destroy' }), stackOf(stack, [web(IMAGE_2)]), recordingLog());
  expect(destroyed.error).toBeUndefined();
  expect(destroyed.changed).toBe(true);
  expect(await services()).toEqual([]);
}, 60_000);

test('an engine that is no swarm manager is refused by name, and nothing changes', async () => {
  const h1 = lab().h1;
  const report = await runStack(testSettings(uniqueStack('sw'), { mode: 'plan', dockerEndpoint: h1, dockerEndpointExplicit: true, target: 'swarm' }), stackOf('x', [worker()]), recordingLog());
  expect(report.result).toBe('failure');
  expect(report.error).toContain(`endpoint '${h1}' is not a swarm manager (swarm state: inactive)`);
}, 30_000);

test('a run that names two endpoints is refused: one manager per run', async () => {
  const h1 = lab().h1;
  const report = await runStack(
    testSettings(uniqueStack('sw'), { mode: 'plan', target: 'swarm', endpoints: { a: { url: h1 }, b: { url: engine.url } } }),
    stackOf('x', [worker()]),
    recordingLog(),
  );
  expect(report.result).toBe('failure');
  expect(report.error).toContain("target 'swarm' deploys to one swarm manager, but the run names 2 endpoints (a, b)");
}, 30_000);
