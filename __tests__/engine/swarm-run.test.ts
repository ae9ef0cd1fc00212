/**
 * The Swarm run on the in-memory manager: dependency order, the no-op rerun, Swarm's rollback
 * failing the run (rolled-back), a new service that never runs removed again, plan and destroy,
 * an engine that is no manager, and the lock's fence on service changes. Real Swarm:
 * swarm.integration.test.ts.
 */
import { fencedApi } from '../../src/engine/docker-api.js';
import { runSwarm } from '../../src/engine/swarm/run-swarm.js';
import { isSwarmRollback, SwarmRolledBackError } from '../../src/engine/swarm/errors.js';
import { waitConverged } from '../../src/engine/swarm/converge.js';
import type { DeployReport } from '../../src/deploy/types.js';
import type { ResolvedResource } from '../../src/template/types.js';
import { FakeDocker } from '../helpers/fake-docker.js';
import { container, recordingLog, stackOf, testSettings } from '../helpers/stack.js';

const emptyReport = (): DeployReport => ({ result: 'success', changed: false, resources: {}, outputs: {}, plan: [], warnings: [], rolledBack: [] });
const settings = (overrides: Parameters<typeof testSettings>[1] = {}) => testSettings('shop', { target: 'swarm', stableSeconds: 0, waitTimeout: 1, ...overrides });

let fake: FakeDocker;
beforeEach(() => {
  fake = new FakeDocker();
  fake.swarm.active = true;
});

async function run(resources: ResolvedResource[], overrides: Parameters<typeof testSettings>[1] = {}, outputs = {}): Promise<DeployReport> {
  const report = emptyReport();
  await runSwarm({ endpoint: 'unix:///m.sock', docker: fake.api }, settings(overrides), stackOf('shop', resources, outputs), recordingLog(), report);
  return report;
}

const db = (env = ['A=1']) => container('db', { env });
const web = () => container('web', { env: [{ get_resource: 'db' }] as unknown as string[] }, { dependsOn: ['db'] });

test('services are created in dependency order, get_resource giving the service name; a rerun is a no-op', async () => {
  const report = await run([web(), db()], {}, { db_host: { value: { get_resource: 'db' } } });
  expect(report.error).toBeUndefined();
  expect(report.changed).toBe(true);
  const created = fake.calls.filter((c) => c.op === 'createService').map((c) => (c.args[0] as { Name: string }).Name);
  expect(created).toEqual(['shop_db', 'shop_web']);
  expect(fake.swarm.byName('shop_web')!.Spec.TaskTemplate).toMatchObject({ ContainerSpec: { Env: ['shop_db'] } });
  expect(report.outputs).toEqual({ db_host: 'shop_db' });
  expect(report.resources.db).toMatchObject({ container_name: 'shop_db', state: 'running', action: 'create' });

  fake.calls.length = 0;
  const again = await run([web(), db()]);
  expect(again.error).toBeUndefined();
  expect(again.changed).toBe(false);
  expect(again.plan.map((p) => p.action)).toEqual(['unchanged', 'unchanged']);
  expect(fake.mutations()).toEqual([]);
});

test('an update Swarm rolls back fails the run as rolled back, and its dependents wait', async () => {
  await run([db(), web()]);
  fake.swarm.failing = (spec) => JSON.stringify(spec).includes('A=2');
  fake.calls.length = 0;
  const report = await run([db(['A=2']), container('web', { env: ['changed'] }, { dependsOn: ['db'] })]);
  expect(report.error).toBe("resource 'db': the update of service 'shop_db' failed and Swarm rolled it back: rollback completed; the previous spec runs again (1/1)");
  expect(report.rolledBack).toEqual(['db']);
  expect(isSwarmRollback(report.error)).toBe(true);
  expect(report.changed).toBe(true);
  // web depends on db: its update never started.
  expect(fake.mutations().map((c) => c.op)).toEqual(['updateService']);
});

test('a new service whose tasks never run fails the run and is removed again (rollback)', async () => {
  fake.swarm.failing = () => true;
  const report = await run([db()]);
  expect(isSwarmRollback(report.error)).toBe(false);
  expect(report.error).toMatch(/^resource 'db': service 'shop_db' did not converge: 0\/1 tasks running after 1s; last task error: task: non-zero exit \(1\)$/);
  expect(fake.swarm.byName('shop_db')).toBeUndefined();
  const kept = await run([db()], { rollback: false });
  expect(kept.error).toContain('did not converge');
  expect(fake.swarm.byName('shop_db')).toBeDefined();
});

test('plan changes nothing; destroy removes every service but a Retain one', async () => {
  await run([db(), container('keep', {}, { deletionPolicy: 'Retain' })]);
  fake.calls.length = 0;
  const plan = await run([db(['A=9'])], { mode: 'plan' });
  expect(plan.plan.map((p) => [p.resource, p.action, p.reasons])).toEqual([['db', 'replace', ['env changed']], ['keep', 'unchanged', ['left the template; deletion_policy Retain keeps it']]]);
  expect(plan.changed).toBe(true);
  expect(fake.mutations()).toEqual([]);
  const destroyed = await run([], { mode: 'destroy' });
  expect(destroyed.error).toBeUndefined();
  expect([...fake.swarm.services.values()].map((s) => s.Spec.Name)).toEqual(['shop_keep']);
});

test('an engine that is no swarm manager is refused before anything is read', async () => {
  fake.swarm.active = false;
  await expect(run([db()])).rejects.toThrow("endpoint 'unix:///m.sock' is not a swarm manager (swarm state: inactive)");
  expect(fake.calls.map((c) => c.op)).toEqual(['info']);
});

test('bad metadata fails the run naming resource and key, before any change', async () => {
  await expect(run([container('db', {}, { metadata: { hotdock: { replicas: 'many' } } })])).rejects.toThrow(
    "resource 'db': metadata 'hotdock.replicas': expected a whole number ≥ 0, got \"many\"",
  );
  expect(fake.mutations()).toEqual([]);
});

test('the lock fence guards service changes', async () => {
  const fenced = fencedApi(fake.api, () => {
    throw new Error('lock lost');
  });
  await expect(fenced.createService({ Name: 'x' })).rejects.toThrow('lock lost');
  await expect(fenced.removeService('x')).rejects.toThrow('lock lost');
  expect(fake.mutations()).toEqual([]);
  await expect(fenced.listServices({})).resolves.toEqual([]);
});

test('convergence ignores an update status older than the call, and a cancelled wait stops', async () => {
  const { id } = await fake.api.createService({ Name: 's', TaskTemplate: { ContainerSpec: { Labels: { 'io.hotdock.task-hash': 'h1' } } }, Mode: { Replicated: { Replicas: 1 } } });
  const svc = fake.swarm.services.get(id)!;
  svc.UpdateStatus = { State: 'rollback_completed', StartedAt: 'earlier' };
  // The rollback of an earlier update is not this run's: the tasks decide.
  await expect(waitConverged(fake.api, { id, name: 's', resource: 's', replicas: 1, taskHash: 'h1', updateStartedBefore: 'earlier' }, { timeoutMs: 1000, stableMs: 0 })).resolves.toBeUndefined();
  await expect(waitConverged(fake.api, { id, name: 's', resource: 's', replicas: 1, taskHash: 'h1' }, { timeoutMs: 1000, stableMs: 0 })).rejects.toBeInstanceOf(SwarmRolledBackError);
  const ctl = new AbortController();
  ctl.abort();
  await expect(waitConverged(fake.api, { id, name: 's', resource: 's', replicas: 2, taskHash: 'h1' }, { timeoutMs: 5000, stableMs: 0, signal: ctl.signal })).rejects.toThrow('the run was cancelled');
});

test('registry credentials go with the service (nodes pull with them), never into the spec', async () => {
  const registryAuth = { 'registry.example.com': { username: 'ci', password: 's3cret-pw' } };
  await run([container('db', { image: 'registry.example.com/shop/db:1' }), container('pub', { image: 'busybox:1.36' })], { registryAuth });
  const calls = fake.calls.filter((c) => c.op === 'createService');
  const header = calls[0].args[1] as string;
  expect(JSON.parse(Buffer.from(header, 'base64').toString())).toMatchObject({ username: 'ci', password: 's3cret-pw', serveraddress: 'registry.example.com' });
  expect(calls[1].args[1]).toBeUndefined();
  expect(JSON.stringify(calls.map((c) => c.args[0]))).not.toContain('s3cret-pw');
});

test('a cancelled run starts nothing new and throws (reported as cancelled)', async () => {
  const ctl = new AbortController();
  ctl.abort();
  const report = emptyReport();
  await expect(runSwarm({ endpoint: 'unix:///m.sock', docker: fake.api }, settings(), stackOf('shop', [db()]), recordingLog(), report, ctl.signal)).rejects.toThrow('the run was cancelled');
  expect(fake.mutations()).toEqual([]);
});

test('a ResourceGroup of equal members is one service; get_resource of a member names it', async () => {
  const member = (index: number) => ({ ...container(`web-${index}`), group: { name: 'web', index } }) as ResolvedResource;
  const report = await run([member(0), member(1), container('lb', { env: [{ get_resource: 'web-1' }] as unknown as string[] }, { dependsOn: ['web-0', 'web-1'] })]);
  expect(report.error).toBeUndefined();
  expect(report.plan.map((p) => [p.resource, p.action])).toEqual([['web', 'create'], ['lb', 'create']]);
  expect(fake.swarm.byName('shop_web')!.Spec.Mode).toEqual({ Replicated: { Replicas: 2 } });
  expect(fake.swarm.byName('shop_lb')!.Spec.TaskTemplate).toMatchObject({ ContainerSpec: { Env: ['shop_web'] } });
});

test('when one update fails, the services this run updated go back too (rollback), else they stay', async () => {
  await run([db(), container('cache', { env: ['C=1'] })]);
  fake.swarm.failing = (spec) => JSON.stringify(spec).includes('A=2');
  const report = await run([db(['A=2']), container('cache', { env: ['C=2'] })]);
  expect(report.rolledBack.sort()).toEqual(['cache', 'db']);
  expect(report.error).toContain("resource 'db': the update of service 'shop_db' failed and Swarm rolled it back");
  expect(fake.swarm.byName('shop_cache')!.Spec.TaskTemplate).toMatchObject({ ContainerSpec: { Env: ['C=1'] } });
  expect(fake.calls.filter((c) => c.op === 'rollbackService')).toHaveLength(1);

  const kept = await run([db(['A=2']), container('cache', { env: ['C=2'] })], { rollback: false });
  expect(kept.rolledBack).toEqual(['db']);
  expect(fake.swarm.byName('shop_cache')!.Spec.TaskTemplate).toMatchObject({ ContainerSpec: { Env: ['C=2'] } });
});
