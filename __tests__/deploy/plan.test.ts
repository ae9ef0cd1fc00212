import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { configFieldsLabel, configHash } from '../../src/deploy/hash.js';
import { planChanges, planStack, planToOutput } from '../../src/deploy/plan.js';
import { formatPlan } from '../../src/deploy/plan-text.js';
import type { DesiredContainer, ObservedContainer, PlanStep } from '../../src/deploy/types.js';
import { containerNameFor, toCreateBody } from '../../src/spec/create-options.js';
import type { EndpointTarget } from '../../src/spec/types.js';
import type { ResolvedResource } from '../../src/template/types.js';
import { LABEL_CONFIG_FIELDS } from '../../src/spec/labels.js';

const root = resolve(import.meta.dirname ?? '.', '../..');
const STACK = 'shop';

function target(name: string): EndpointTarget {
  return { name, url: 'unix:///var/run/docker.sock', parsed: { kind: 'unix', socketPath: '/var/run/docker.sock' } };
}

interface DesiredOptions {
  endpoint?: string;
  dependsOn?: string[];
  imageId?: string;
}

/** A desired container built the way the deploy stage builds it: body, hash, field digests. */
function desired(resource: string, props: Record<string, unknown>, opts: DesiredOptions = {}): DesiredContainer {
  const res: ResolvedResource = {
    name: resource, type: 'DockerInc::Docker::Container', properties: props, dependsOn: opts.dependsOn ?? [],
    deletionPolicy: 'Delete', pointer: `/resources/${resource}`,
  };
  const name = containerNameFor(res, STACK);
  const body = toCreateBody(res, { stackName: STACK, containerName: name, labels: { 'io.hotdock.stack': STACK, 'io.hotdock.resource': resource } });
  const hash = configHash(body);
  const labels = { ...(body.Labels as Record<string, string>), 'io.hotdock.config-hash': hash, [LABEL_CONFIG_FIELDS]: configFieldsLabel(body) };
  return {
    resource, endpoint: target(opts.endpoint ?? 'local'), name, body: { ...body, Labels: labels }, configHash: hash,
    image: String(props.image), imageId: opts.imageId, dependsOn: opts.dependsOn ?? [], deletionPolicy: 'Delete',
  };
}

/** What observe would report for a container made from `d` earlier. */
function observedFrom(d: DesiredContainer, over: Partial<ObservedContainer> = {}): ObservedContainer {
  return {
    endpoint: d.endpoint.name, id: `id-${d.resource}`, name: d.name, resource: d.resource, configHash: d.configHash,
    state: 'running', image: d.image, imageId: d.imageId ?? 'sha256:aaa', labels: { ...(d.body.Labels as Record<string, string>) }, ...over,
  };
}

const web = desired('web', { image: 'nginx:1.27', port_bindings: { 80: 8080 } }, { dependsOn: ['api'] });
const api = desired('api', { image: 'api:3', env: ['MODE=prod'] }, { dependsOn: ['db'] });
const db = desired('db', { image: 'postgres:16', volumes: { '/srv/pg': '/var/lib/postgresql/data' } });
const worker = desired('worker', { image: 'worker:1', cmd: ['run'] });

/** The golden text of a plan: testdata/plans/<name>.txt (UPDATE_GOLDEN=1 rewrites it). */
function expectGolden(name: string, steps: PlanStep[]): void {
  const file = join(root, 'testdata', 'plans', `${name}.txt`);
  const text = formatPlan(steps) + '\n';
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(file, text);
  expect(text).toBe(readFileSync(file, 'utf8'));
}

describe('golden plans', () => {
  test('fresh: everything is created', () => {
    const steps = planStack([db, api, web], [], { prune: true });
    expect(steps.map((s) => s.action)).toEqual(['create', 'create', 'create']);
    expectGolden('fresh', steps);
  });

  test('no-op: nothing to do, and it says so', () => {
    const steps = planStack([db, api, web], [db, api, web].map((d) => observedFrom(d)), { prune: true });
    expect(steps.map((s) => s.action)).toEqual(['unchanged', 'unchanged', 'unchanged']);
    expect(planChanges(steps)).toBe(false);
    expectGolden('noop', steps);
  });

  test('mixed: create, replace with causes, start, unchanged, remove', () => {
    const apiBefore = desired('api', { image: 'api:2', env: ['MODE=dev'] }, { dependsOn: ['db'] });
    const old = desired('old', { image: 'legacy:1' });
    const observed = [
      observedFrom(apiBefore),
      observedFrom(db),
      observedFrom(worker, { state: 'exited' }),
      observedFrom(old),
    ];
    const steps = planStack([db, api, web, worker], observed, { prune: true });
    expect(planChanges(steps)).toBe(true);
    expectGolden('mixed', steps);
  });

  test('moved and updated: another endpoint, a moved tag, a created-only container', () => {
    const movedWeb = desired('web', { image: 'nginx:1.27', port_bindings: { 80: 8080 } }, { dependsOn: ['api'], endpoint: 'edge' });
    const apiNewImage = desired('api', { image: 'api:3', env: ['MODE=prod'] }, { dependsOn: ['db'], imageId: 'sha256:new' });
    const observed = [
      observedFrom(web),
      observedFrom(api, { imageId: 'sha256:old' }),
      observedFrom(db, { state: 'created' }),
    ];
    const steps = planStack([db, apiNewImage, movedWeb], observed, { prune: false });
    expectGolden('moved-and-updated', steps);
  });
});

describe('planStack rules', () => {
  const only = (steps: PlanStep[], resource: string) => steps.filter((s) => s.resource === resource);

  test('a replaced dependency does not cascade to an unchanged dependent', () => {
    const dbBefore = desired('db', { image: 'postgres:15', volumes: { '/srv/pg': '/var/lib/postgresql/data' } });
    const steps = planStack([db, api], [observedFrom(dbBefore), observedFrom(api)], { prune: true });
    expect(only(steps, 'db')[0]).toMatchObject({ action: 'replace', reasons: ['image changed'] });
    expect(only(steps, 'api')[0]).toMatchObject({ action: 'unchanged', reasons: [], dependsOn: ['db'] });
  });

  test('steps carry the dependencies, the desired and the observed container', () => {
    const steps = planStack([api], [observedFrom(api)], { prune: true });
    expect(steps[0].dependsOn).toEqual(['db']);
    expect(steps[0].desired).toBe(api);
    expect(steps[0].observed?.id).toBe('id-api');
  });

  test('without prune, a resource that left the template stays', () => {
    const steps = planStack([db], [observedFrom(db), observedFrom(worker)], { prune: false });
    expect(steps.map((s) => `${s.resource} ${s.action}`)).toEqual(['db unchanged']);
  });

  test('prune keeps containers whose deletion policy is Retain', () => {
    const retained = observedFrom(worker);
    retained.labels['io.hotdock.deletion-policy'] = 'Retain';
    expect(planStack([], [retained], { prune: true })).toEqual([]);
  });

  test('a container without the config-fields label is replaced with a general cause', () => {
    const apiBefore = desired('api', { image: 'api:2' });
    const o = observedFrom(apiBefore);
    delete o.labels[LABEL_CONFIG_FIELDS];
    expect(planStack([api], [o], { prune: true })[0].reasons).toEqual(['configuration changed']);
  });

  test('a renamed container is replaced', () => {
    const renamed = desired('db', { image: 'postgres:16', volumes: { '/srv/pg': '/var/lib/postgresql/data' }, name: 'pg' });
    expect(planStack([renamed], [observedFrom(db)], { prune: true })[0]).toMatchObject({ action: 'replace', reasons: ['name changed'] });
  });

  test.each([
    ['exited', 'start', ['container exited']],
    ['created', 'start', ['container not running']],
    ['paused', 'start', ['container paused']],
    ['restarting', 'unchanged', []],
    ['dead', 'replace', ['container dead']],
  ])('state %s → %s', (state, action, reasons) => {
    expect(planStack([db], [observedFrom(db, { state })], { prune: true })[0]).toMatchObject({ action, reasons });
  });

  test('a changed spec wins over a stopped state', () => {
    const dbBefore = desired('db', { image: 'postgres:15', volumes: { '/srv/pg': '/var/lib/postgresql/data' } });
    expect(planStack([db], [observedFrom(dbBefore, { state: 'exited' })], { prune: true })[0].action).toBe('replace');
  });

  test('image updated only when the ids are both known and differ', () => {
    const withId = desired('db', { image: 'postgres:16', volumes: { '/srv/pg': '/var/lib/postgresql/data' } }, { imageId: 'sha256:b' });
    expect(planStack([withId], [observedFrom(db, { imageId: 'sha256:a' })], { prune: true })[0].reasons).toEqual(['image updated']);
    expect(planStack([withId], [observedFrom(db, { imageId: 'sha256:b' })], { prune: true })[0].action).toBe('unchanged');
    expect(planStack([db], [observedFrom(db, { imageId: 'sha256:a' })], { prune: true })[0].action).toBe('unchanged');
  });

  test('a second container of one resource on its endpoint is removed; the named one is kept', () => {
    const extra = observedFrom(db, { id: 'id-extra', name: 'shop-db-old', state: 'exited' });
    const steps = planStack([db], [extra, observedFrom(db)], { prune: false });
    expect(steps.map((s) => `${s.action} ${s.observed?.id} ${s.reasons.join(';')}`)).toEqual([
      'unchanged id-db ',
      'remove id-extra duplicate container shop-db-old',
    ]);
  });

  test('containers without a resource label are never planned', () => {
    expect(planStack([], [observedFrom(db, { resource: '' })], { prune: true })).toEqual([]);
  });

  test('planToOutput keeps only the contract fields', () => {
    const out = planToOutput(planStack([web], [], { prune: true }));
    expect(out).toEqual([{ resource: 'web', endpoint: 'local', action: 'create', reasons: ['new'] }]);
  });
});

test('formatPlan of an empty plan is the count line', () => {
  expect(formatPlan([])).toBe('Plan: 0 to create, 0 to replace, 0 to start, 0 to remove, 0 unchanged.');
});
