/**
 * observeEndpoint on the real engine: only containers with the stack's label come back, in every
 * state, with their resource, hash, image and image id, and their role (live or aside).
 */
import Docker from 'dockerode';
import { observeEndpoint } from '../../src/engine/observe.js';
import { dockerApiOf } from '../../src/engine/docker-api.js';
import { asideName } from '../../src/spec/aside-name.js';
import { LABEL_RUN } from '../../src/spec/labels.js';

const docker = new Docker({ socketPath: '/var/run/docker.sock' });
const dockerApi = dockerApiOf(docker);
const IMAGE = 'hotdock-test/busybox:1';
const run = Math.random().toString(36).slice(2, 10);
const stack = `t-${run}`;
const otherStack = `t-${run}-other`;
/** Label of this run on every container it makes, for cleanup (also those without a stack label). */
const RUN_LABEL = 'io.hotdock.test-run';

async function make(name: string, labels: Record<string, string>, start: boolean): Promise<string> {
  const c = await docker.createContainer({
    Image: IMAGE, Cmd: ['sleep', '300'], name: `${stack}-${name}`, Labels: { [RUN_LABEL]: run, ...labels },
  });
  if (start) await c.start();
  return c.id;
}

const ids: Record<string, string> = {};

beforeAll(async () => {
  const [running, created, stranger, other, exited] = await Promise.all([
    make('web', { 'io.hotdock.stack': stack, 'io.hotdock.resource': 'web', 'io.hotdock.config-hash': 'v1:abc' }, true),
    make('db', { 'io.hotdock.stack': stack, 'io.hotdock.resource': 'db' }, false),
    // Same name prefix and resource label, but no stack label: never ours.
    make('stranger', { 'io.hotdock.resource': 'web' }, true),
    make('other', { 'io.hotdock.stack': otherStack, 'io.hotdock.resource': 'web' }, false),
    make('job', { 'io.hotdock.stack': stack, 'io.hotdock.resource': 'job' }, true),
  ]);
  Object.assign(ids, { running, created, stranger, other, exited });
  await docker.getContainer(exited).stop({ t: 0 });
}, 60_000);

afterAll(async () => {
  const mine = await docker.listContainers({ all: true, filters: { label: [`${RUN_LABEL}=${run}`] } });
  await Promise.all(mine.map((c) => docker.getContainer(c.Id).remove({ force: true })));
}, 60_000);

test('returns the stack containers in every state, and nothing else', async () => {
  const seen = await observeEndpoint(dockerApi, 'local', stack);
  expect(seen.map((o) => `${o.resource} ${o.name} ${o.state}`)).toEqual([
    `db ${stack}-db created`,
    `job ${stack}-job exited`,
    `web ${stack}-web running`,
  ]);
  const ids_ = seen.map((o) => o.id);
  expect(ids_).not.toContain(ids.stranger);
  expect(ids_).not.toContain(ids.other);
});

test('fills the contract fields from the engine', async () => {
  const imageId = (await docker.getImage(IMAGE).inspect()).Id;
  const web = (await observeEndpoint(dockerApi, 'edge-1', stack)).find((o) => o.resource === 'web');
  expect(web).toEqual({
    role: 'live',
    endpoint: 'edge-1', id: ids.running, name: `${stack}-web`, resource: 'web', configHash: 'v1:abc', state: 'running',
    image: IMAGE, imageId, hostPorts: [],
    labels: { [RUN_LABEL]: run, 'io.hotdock.stack': stack, 'io.hotdock.resource': 'web', 'io.hotdock.config-hash': 'v1:abc' },
  });
});

test('a container whose tag moved still reports its reference, and its old image id', async () => {
  const repo = `hotdock-test/observe-${run}`;
  const moved = `t-${run}-moved`;
  const oldId = (await docker.getImage(IMAGE).inspect()).Id;
  await docker.getImage(IMAGE).tag({ repo, tag: 'v1' });
  try {
    const c = await docker.createContainer({
      Image: `${repo}:v1`, Cmd: ['true'], name: `${moved}-app`, Labels: { [RUN_LABEL]: run, 'io.hotdock.stack': moved, 'io.hotdock.resource': 'app' },
    });
    // Committing makes a new image under the same tag: the list now shows an id for the old one.
    await c.commit({ repo, tag: 'v1', changes: ['LABEL moved=yes'] });
    const [app] = await observeEndpoint(dockerApi, 'local', moved);
    expect(app.image).toBe(`${repo}:v1`);
    expect(app.imageId).toBe(oldId);
  } finally {
    const mine = await docker.listContainers({ all: true, filters: { label: [`io.hotdock.stack=${moved}`] } });
    await Promise.all(mine.map((c) => docker.getContainer(c.Id).remove({ force: true })));
    await docker.getImage(`${repo}:v1`).remove({ force: true });
  }
});

test('recognises aside containers (run-tagged and legacy names) and the run of live ones', async () => {
  const roles = `t-${run}-roles`;
  const labels = (resource: string, extra: Record<string, string> = {}): Record<string, string> => ({
    [RUN_LABEL]: run, 'io.hotdock.stack': roles, 'io.hotdock.resource': resource, ...extra,
  });
  const make2 = async (name: string, l: Record<string, string>): Promise<string> =>
    (await docker.createContainer({ Image: IMAGE, Cmd: ['true'], name, Labels: l })).id;
  try {
    const live = await make2(`${roles}-web`, labels('web', { [LABEL_RUN]: 'gh-42' }));
    const old = await make2(`${roles}-web-tmp`, labels('web', { [LABEL_RUN]: 'gh-41' }));
    await docker.getContainer(old).rename({ name: asideName(`${roles}-web`, 'gh-42/2', old) });
    const legacy = await make2(`${roles}-db-tmp`, labels('db'));
    await docker.getContainer(legacy).rename({ name: `${roles}-db-hotdock-old-${legacy.slice(0, 12)}` });
    // Looks like an aside name, but the id part is not its own: a live container.
    const lookalike = await make2(`${roles}-api-hotdock-aside-1-000000000000`, labels('api'));
    const seen = await observeEndpoint(dockerApi, 'local', roles);
    const view = Object.fromEntries(seen.map((o) => [o.id, { role: o.role, asideOf: o.asideOf, run: o.run }]));
    expect(view).toEqual({
      [live]: { role: 'live', asideOf: undefined, run: 'gh-42' },
      [old]: { role: 'aside', asideOf: `${roles}-web`, run: 'gh-42-2' },
      [legacy]: { role: 'aside', asideOf: `${roles}-db`, run: undefined },
      [lookalike]: { role: 'live', asideOf: undefined, run: undefined },
    });
    // Absent, not undefined-valued, where unknown: plans and goldens compare whole objects.
    expect(Object.keys(seen.find((o) => o.id === legacy)!)).not.toContain('run');
  } finally {
    const mine = await docker.listContainers({ all: true, filters: { label: [`io.hotdock.stack=${roles}`] } });
    await Promise.all(mine.map((c) => docker.getContainer(c.Id).remove({ force: true })));
  }
});

test('a stack with no containers is empty', async () => {
  expect(await observeEndpoint(dockerApi, 'local', `t-${run}-none`)).toEqual([]);
});
