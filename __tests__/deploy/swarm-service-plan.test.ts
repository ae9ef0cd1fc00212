/**
 * The pure service plan: hashes decide create / update / unchanged, reasons name the fields that
 * changed (image and replicas with their values), hand-scaled services are brought back, services
 * that left the template are removed (prune) or kept (Retain), and the lines print like a plan.
 */
import { buildDesiredService, collapseGroups, LABEL_TASK_HASH, planServices, servicePlanLines, type ObservedService } from '../../src/deploy/service-plan.js';
import { LABEL_CONFIG_HASH, LABEL_DELETION_POLICY, LABEL_REVISION } from '../../src/spec/labels.js';
import { formatPlan } from '../../src/deploy/plan-text.js';
import type { ResolvedResource } from '../../src/template/types.js';
import { container } from '../helpers/stack.js';

const ctx = { stackName: 'shop', stableSeconds: 5 };

/** The service as the manager would report it after it was created from `r`. */
function deployed(r: ResolvedResource, id = `id-${r.name}`): ObservedService {
  const d = buildDesiredService(r, ctx);
  const task = d.spec.TaskTemplate as { ContainerSpec: { Image: string } };
  return { id, name: d.name, version: 7, resource: r.name, labels: { ...(d.spec.Labels as Record<string, string>) }, replicas: d.replicas, image: task.ContainerSpec.Image };
}

test('the hash covers the spec, not informational labels; tasks carry the task hash', () => {
  const r = container('web', { env: ['A=1'] });
  const a = buildDesiredService(r, ctx);
  const b = buildDesiredService(r, { ...ctx, revision: 'abc123', template: 'x.yaml' });
  expect(a.configHash).toMatch(/^v1:[0-9a-f]{64}$/);
  expect(b.configHash).toBe(a.configHash);
  expect((b.spec.Labels as Record<string, string>)[LABEL_REVISION]).toBe('abc123');
  expect((a.spec.Labels as Record<string, string>)[LABEL_CONFIG_HASH]).toBe(a.configHash);
  expect((a.spec.TaskTemplate as { ContainerSpec: { Labels: Record<string, string> } }).ContainerSpec.Labels).toEqual({ [LABEL_TASK_HASH]: a.taskHash });
  // Replicas are not what a task runs: scaling keeps the task hash.
  const scaled = buildDesiredService(container('web', { env: ['A=1'] }, { metadata: { hotdock: { replicas: 3 } } }), ctx);
  expect(scaled.taskHash).toBe(a.taskHash);
  expect(scaled.configHash).not.toBe(a.configHash);
  expect(buildDesiredService(container('web', { env: ['A=2'] }), ctx).taskHash).not.toBe(a.taskHash);
});

test('a resource error names the resource and the property', () => {
  expect(() => buildDesiredService(container('db', { links: { a: 'b' } }), ctx)).toThrow("resource 'db': property 'links': not supported with target swarm");
});

test('create, update with reasons, unchanged', () => {
  const web = container('web', { env: ['A=1'] });
  const api = container('api', { image: 'api:1' });
  const worker = container('worker');
  const observed = [deployed(web), deployed(api), deployed(worker)];
  const desired = [
    buildDesiredService(container('web', { env: ['A=2'] }), ctx),
    buildDesiredService(container('api', { image: 'api:2' }, { metadata: { hotdock: { replicas: 4 } } }), ctx),
    buildDesiredService(worker, ctx),
    buildDesiredService(container('cache'), ctx),
  ];
  const plan = planServices(desired, observed, { prune: true });
  expect(plan.map((e) => [e.resource, e.action, e.reasons])).toEqual([
    ['web', 'update', ['env changed']],
    ['api', 'update', ['image changed (api:1 → api:2)', 'replicas changed (1 → 4)']],
    ['worker', 'unchanged', []],
    ['cache', 'create', ['new']],
  ]);
});

test('a service scaled by hand is scaled back; an unreadable fields label still says what', () => {
  const worker = container('worker');
  const scaled = { ...deployed(worker), replicas: 5 };
  expect(planServices([buildDesiredService(worker, ctx)], [scaled], { prune: true })[0]).toMatchObject({ action: 'update', reasons: ['replicas drifted (5 → 1)'] });
  const old = deployed(worker);
  old.labels = { ...old.labels, [LABEL_CONFIG_HASH]: 'v0:x', 'io.hotdock.config-fields': 'garbage!' };
  expect(planServices([buildDesiredService(worker, ctx)], [old], { prune: true })[0].reasons).toEqual(['configuration changed']);
});

test('prune removes services that left the template, Retain keeps them, prune false leaves them', () => {
  const gone = deployed(container('old'));
  const kept = deployed(container('keep', {}, { deletionPolicy: 'Retain' }));
  expect(kept.labels[LABEL_DELETION_POLICY]).toBe('Retain');
  const plan = planServices([], [gone, kept], { prune: true });
  expect(plan.map((e) => [e.resource, e.action, e.reasons])).toEqual([
    ['old', 'remove', ['left the template']],
    ['keep', 'retain', ['left the template; deletion_policy Retain keeps it']],
  ]);
  expect(planServices([], [gone], { prune: false })).toEqual([]);
});

test('plan lines: update prints as replace, edges follow depends_on', () => {
  const db = container('db');
  const web = container('web', {}, { dependsOn: ['db'] });
  const plan = planServices([buildDesiredService(db, ctx), buildDesiredService(web, ctx)], [deployed(container('old'))], { prune: true });
  const lines = servicePlanLines(plan, 'unix:///m.sock');
  expect(lines.map((l) => [l.id, l.type, l.resource, l.dependsOn])).toEqual([[1, 'create', 'db', []], [2, 'create', 'web', [1]], [3, 'remove', 'old', []]]);
  expect(formatPlan(lines)).toContain('Plan: 2 to create, 0 to replace, 0 to start, 1 to remove, 0 unchanged.');
});

describe('ResourceGroup members (the group hook)', () => {
  const member = (group: string, index: number, props: Record<string, unknown> = {}, dependsOn: string[] = []): ResolvedResource =>
    ({ ...container(`${group}-${index}`, props, { dependsOn }), group: { name: group, index } }) as ResolvedResource;

  test('equal members become one service of the group, one replica each; references follow', () => {
    const db = container('db');
    const resources = [db, member('web', 0, {}, ['db']), member('web', 1, {}, ['db']), member('web', 2, {}, ['db']), container('lb', {}, { dependsOn: ['web-0', 'web-1', 'web-2'] })];
    const collapsed = collapseGroups(resources);
    expect(collapsed.map((c) => [c.resource.name, c.replicas, c.resource.dependsOn])).toEqual([
      ['db', undefined, []],
      ['web', 3, ['db']],
      ['lb', undefined, ['web']],
    ]);
    const service = buildDesiredService(collapsed[1].resource, ctx, collapsed[1].replicas);
    expect(service.name).toBe('shop_web');
    expect(service.spec.Mode).toEqual({ Replicated: { Replicas: 3 } });
  });

  test('members that differ (an %index% in a property) stay one service each', () => {
    const collapsed = collapseGroups([member('w', 0, { env: ['N=0'] }), member('w', 1, { env: ['N=1'] })]);
    expect(collapsed.map((c) => [c.resource.name, c.replicas])).toEqual([['w-0', undefined], ['w-1', undefined]]);
  });
});
