import { planDestroy } from '../../src/deploy/destroy-plan.js';
import { planChanges, planStack, planToOutput } from '../../src/deploy/plan.js';
import { formatPlan } from '../../src/deploy/plan-text.js';
import type { ObservedContainer, PlanNode } from '../../src/deploy/types.js';
import { LABEL_CONFIG_FIELDS } from '../../src/spec/labels.js';
import { desired, observedFrom } from './plan-fixtures.js';

const web = desired({ resource: 'web', properties: { image: 'nginx:1.27', port_bindings: { 80: 8080 } }, dependsOn: ['api'] });
const api = desired({ resource: 'api', properties: { image: 'api:3', env: ['MODE=prod'] }, dependsOn: ['db'] });
const db = desired({ resource: 'db', properties: { image: 'postgres:16', volumes: { '/srv/pg': '/var/lib/postgresql/data' } } });
const worker = desired({ resource: 'worker', properties: { image: 'worker:1', cmd: ['run'] } });

const only = (nodes: PlanNode[], resource: string): PlanNode[] => nodes.filter((n) => n.resource === resource);
const byId = (nodes: PlanNode[], id: number): PlanNode => nodes.find((n) => n.id === id)!;
/** `type resource` of every node `n` waits for. */
const depsOf = (nodes: PlanNode[], n: PlanNode): string[] => n.dependsOn.map((id) => `${byId(nodes, id).type} ${byId(nodes, id).resource}`);

describe('planStack rules', () => {
  test('a replaced dependency does not cascade to an unchanged dependent', () => {
    const dbBefore = desired({ resource: 'db', properties: { image: 'postgres:15', volumes: { '/srv/pg': '/var/lib/postgresql/data' } } });
    const nodes = planStack([db, api], [observedFrom(dbBefore), observedFrom(api)], { prune: true });
    expect(only(nodes, 'db')[0]).toMatchObject({ type: 'replace', reasons: ['image changed'] });
    const a = only(nodes, 'api')[0];
    expect(a).toMatchObject({ type: 'unchanged', reasons: [] });
    expect(depsOf(nodes, a)).toEqual(['replace db']);
  });

  test('nodes carry ids, edges, the desired and the observed container', () => {
    const nodes = planStack([db, api], [observedFrom(api)], { prune: true });
    expect(nodes.map((n) => n.id)).toEqual([1, 2]);
    expect(nodes[1]).toMatchObject({ type: 'unchanged', resource: 'api', dependsOn: [1] });
    expect(nodes[1].desired).toBe(api);
    expect(nodes[1].observed?.id).toBe('id-api');
  });

  test('without prune, a resource that left the template stays', () => {
    const nodes = planStack([db], [observedFrom(db), observedFrom(worker)], { prune: false });
    expect(nodes.map((n) => `${n.resource} ${n.type}`)).toEqual(['db unchanged']);
  });

  test('prune keeps containers whose deletion policy is Retain', () => {
    const retained = observedFrom(worker);
    retained.labels['io.hotdock.deletion-policy'] = 'Retain';
    expect(planStack([], [retained], { prune: true })).toEqual([]);
  });

  test('a removal keeps the old container aside only with rollback', () => {
    expect(planStack([], [observedFrom(worker)], { prune: true })[0]).toMatchObject({ type: 'remove', keepAside: true });
    expect(planStack([], [observedFrom(worker)], { prune: true, rollback: false })[0]).toMatchObject({ type: 'remove', keepAside: false });
  });

  test('a container without the config-fields label is replaced with a general cause', () => {
    const apiBefore = desired({ resource: 'api', properties: { image: 'api:2' } });
    const o = observedFrom(apiBefore);
    delete o.labels[LABEL_CONFIG_FIELDS];
    expect(planStack([api], [o], { prune: true })[0].reasons).toEqual(['configuration changed']);
  });

  test('a renamed container is replaced', () => {
    const renamed = desired({ resource: 'db', properties: { image: 'postgres:16', volumes: { '/srv/pg': '/var/lib/postgresql/data' }, name: 'pg' } });
    expect(planStack([renamed], [observedFrom(db)], { prune: true })[0]).toMatchObject({ type: 'replace', reasons: ['name changed'] });
  });

  test('a resource renamed in the template, keeping its fixed name, replaces the holder of the name (no prune of it)', () => {
    const before = desired({ resource: 'web', properties: { image: 'nginx:1.27', name: 'www' } });
    const after = desired({ resource: 'frontend', properties: { image: 'nginx:1.27', name: 'www' } });
    const nodes = planStack([after], [observedFrom(before)], { prune: true });
    expect(nodes).toHaveLength(1);
    expect(nodes[0]).toMatchObject({ type: 'replace', resource: 'frontend', reasons: ['renamed from web'] });
    expect(nodes[0].observed?.id).toBe('id-web');
  });

  test.each([
    ['exited', 'start', ['container exited']],
    ['created', 'start', ['container not running']],
    ['paused', 'start', ['container paused']],
    ['restarting', 'unchanged', []],
    ['dead', 'replace', ['container dead']],
  ])('state %s → %s', (state, type, reasons) => {
    expect(planStack([db], [observedFrom(db, { state })], { prune: true })[0]).toMatchObject({ type, reasons });
  });

  test('a changed spec wins over a stopped state', () => {
    const dbBefore = desired({ resource: 'db', properties: { image: 'postgres:15', volumes: { '/srv/pg': '/var/lib/postgresql/data' } } });
    expect(planStack([db], [observedFrom(dbBefore, { state: 'exited' })], { prune: true })[0].type).toBe('replace');
  });

  test('image updated only when the ids are both known and differ', () => {
    const withId = desired({ resource: 'db', properties: { image: 'postgres:16', volumes: { '/srv/pg': '/var/lib/postgresql/data' } }, imageId: 'sha256:b' });
    expect(planStack([withId], [observedFrom(db, { imageId: 'sha256:a' })], { prune: true })[0].reasons).toEqual(['image updated']);
    expect(planStack([withId], [observedFrom(db, { imageId: 'sha256:b' })], { prune: true })[0].type).toBe('unchanged');
    expect(planStack([db], [observedFrom(db, { imageId: 'sha256:a' })], { prune: true })[0].type).toBe('unchanged');
  });

  test('a duplicate without host ports goes after the resource; the named one is kept', () => {
    const extra = observedFrom(db, { id: 'id-extra', name: 'shop-db-old', state: 'exited' });
    const nodes = planStack([db], [extra, observedFrom(db)], { prune: false });
    expect(nodes.map((n) => `${n.type} ${n.observed?.id} ${n.reasons.join(';')}`)).toEqual([
      'unchanged id-db ',
      'remove id-extra duplicate container shop-db-old',
    ]);
    expect(nodes[1].dependsOn).toEqual([1]);
  });

  test('a duplicate holding a host port goes before the resource starts', () => {
    const dup = observedFrom(web, { id: 'id-dup', name: 'shop-web-2', hostPorts: ['0.0.0.0:8080/tcp'] });
    const nodes = planStack([web], [observedFrom(web, { state: 'exited' }), dup], { prune: true });
    expect(nodes.map((n) => `#${n.id} ${n.type} ${n.observed?.id} [${n.dependsOn}]`)).toEqual(['#1 remove id-dup []', '#2 start id-web [1]']);
  });

  test('a pruned container holding a host port a new one binds goes first', () => {
    const old = desired({ resource: 'old', properties: { image: 'nginx:1', port_bindings: { 80: 8080 } } });
    const nodes = planStack([web], [observedFrom(old, { hostPorts: ['127.0.0.1:8080/tcp'] })], { prune: true });
    expect(nodes.map((n) => `${n.type} ${n.resource} [${n.dependsOn}]`)).toEqual(['remove old []', 'create web [1]']);
  });

  test('containers without a resource label are never planned', () => {
    expect(planStack([], [observedFrom(db, { resource: '' })], { prune: true })).toEqual([]);
  });
});

describe('late binding', () => {
  const app = desired({ resource: 'app', properties: { image: 'app:1', env: [{ get_attr: ['db', 'network_ip'] }] }, dependsOn: ['db'] });

  test('a resource reading a container the run creates gets a bind node between the two', () => {
    const nodes = planStack([db, app], [], { prune: true });
    expect(nodes.map((n) => `${n.type} ${n.resource} [${n.dependsOn}]`)).toEqual(['create db []', 'bind app [1]', 'create app [1,2]']);
    expect(nodes[1].reads).toEqual([{ resource: 'db', attr: 'network_ip' }]);
  });

  test('reading an unchanged container needs no bind', () => {
    const nodes = planStack([db, app], [observedFrom(db), observedFrom(app)], { prune: true });
    expect(nodes.map((n) => n.type)).toEqual(['unchanged', 'unchanged']);
  });
});

describe('repairs', () => {
  const aside = (d: typeof db, over: Partial<ObservedContainer> = {}): ObservedContainer =>
    observedFrom(d, { id: `id-${d.resource}-old`, role: 'aside', asideOf: d.name, name: `${d.name}-hotdock-aside-r1-x`, run: 'r1', state: 'exited', ...over });

  test('a proven-looking new container is proven, then the aside one discarded', () => {
    const nodes = planStack([db], [observedFrom(db, { run: 'r1' }), aside(db)], { prune: true });
    expect(nodes.map((n) => `${n.type} [${n.dependsOn}]`)).toEqual(['prove []', 'discard-aside [1]', 'unchanged [1]']);
  });

  test('with no live container, the aside one is restored and then planned as the live one', () => {
    const nodes = planStack([db], [aside(db)], { prune: true });
    expect(nodes.map((n) => `${n.type} [${n.dependsOn}]`)).toEqual(['restore-aside []', 'unchanged [1]']);
    expect(nodes[0].observed).toMatchObject({ id: 'id-db-old', asideOf: 'shop-db' });
  });

  test('a stopped new container is removed before the old one is restored', () => {
    const nodes = planStack([db], [observedFrom(db, { state: 'exited' }), aside(db)], { prune: true });
    expect(nodes.map((n) => `${n.type} ${n.observed?.id} [${n.dependsOn}]`)).toEqual(['remove id-db []', 'restore-aside id-db-old [1]', 'unchanged id-db-old [1,2]']);
    expect(nodes[0]).toMatchObject({ keepAside: false });
  });

  test('the aside container of a resource that left the template is restored, then pruned', () => {
    const nodes = planStack([], [aside(worker)], { prune: true });
    expect(nodes.map((n) => `${n.type} [${n.dependsOn}]`)).toEqual(['restore-aside []', 'remove [1]']);
  });

  test('the plan output maps repairs onto the contract actions with a repair reason', () => {
    const out = planToOutput(planStack([db], [observedFrom(db, { state: 'exited' }), aside(db)], { prune: true }));
    expect(out.map((e) => `${e.action}: ${e.reasons[0] ?? ''}`)).toEqual([
      "remove: repair: unproven 'shop-db' left by an interrupted run",
      "start: repair: restore 'shop-db-hotdock-aside-r1-x' as 'shop-db', put aside by run r1",
      'unchanged: ',
    ]);
  });
});

describe('destroy', () => {
  test('dependents go first; Retain is kept and said so', () => {
    const nodes = planDestroy([observedFrom(db), observedFrom(api), observedFrom(web)], [
      { name: 'db', dependsOn: [], deletionPolicy: 'Retain' },
      { name: 'api', dependsOn: ['db'], deletionPolicy: 'Delete' },
      { name: 'web', dependsOn: ['api'], deletionPolicy: 'Delete' },
    ]);
    expect(nodes.map((n) => `#${n.id} ${n.type} ${n.resource} [${n.dependsOn}]`)).toEqual(['#1 remove web []', '#2 remove api [1]', '#3 retain db [2]']);
    expect(planChanges(nodes)).toBe(true);
    expect(planToOutput(nodes).map((e) => e.action)).toEqual(['remove', 'remove', 'unchanged']);
  });
});

test('planChanges is false for a plan of unchanged nodes', () => {
  expect(planChanges(planStack([db], [observedFrom(db)], { prune: true }))).toBe(false);
});

test('planToOutput keeps only the contract fields', () => {
  const out = planToOutput(planStack([web], [], { prune: true }));
  expect(out).toEqual([{ resource: 'web', endpoint: 'local', action: 'create', reasons: ['new'] }]);
});

test('formatPlan of an empty plan is the count line', () => {
  expect(formatPlan([])).toBe('Plan: 0 to create, 0 to replace, 0 to start, 0 to remove, 0 unchanged.');
});

test('formatPlan prints output entries (no edges) the same way', () => {
  expect(formatPlan([{ resource: 'web', endpoint: 'local', action: 'create', reasons: ['new'] }])).toBe(
    '[] -> #1 create web @local: new\nPlan: 1 to create, 0 to replace, 0 to start, 0 to remove, 0 unchanged.',
  );
});

describe('late binding after a start', () => {
  const db = desired({ resource: 'db', properties: { image: 'postgres:16' } });
  const app = desired({ resource: 'app', properties: { image: 'app:1', env: [{ get_attr: ['db', 'network_ip'] }] }, dependsOn: ['db'] });

  test('a reader replaced anyway binds after the start of what it reads; an unchanged one stays', () => {
    const changed = planStack([db, app], [observedFrom(db, { state: 'exited' }), observedFrom(desired({ resource: 'app', properties: { image: 'app:0' } }))], { prune: true });
    expect(changed.map((n) => `${n.type} ${n.resource} [${n.dependsOn}]`)).toEqual(['start db []', 'bind app [1]', 'replace app [1,2]']);
    const same = planStack([db, app], [observedFrom(db, { state: 'exited' }), observedFrom(app)], { prune: true });
    expect(same.map((n) => `${n.type} ${n.resource}`)).toEqual(['start db', 'unchanged app']);
  });
});
