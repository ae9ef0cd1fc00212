import type { DockerApi } from '../../src/engine/docker-api.js';
import { poolFacts } from '../../src/engine/placement-facts.js';
import type { ObservedContainer } from '../../src/deploy/types.js';
import { FakeDocker } from '../helpers/fake-docker.js';

const IMAGE = 'busybox:1';
const MiB = 2 ** 20;

/** A fake engine reporting `memTotal` and its container count in /info, as dockerd does. */
function engine(memTotal: number): { fake: FakeDocker; api: DockerApi } {
  const fake = new FakeDocker({ images: [IMAGE] });
  const api: DockerApi = { ...fake.api, info: async () => ({ ...(await fake.api.info()), MemTotal: memTotal, Containers: fake.containers.size }) };
  return { fake, api };
}

async function run(api: DockerApi, name: string, labels: Record<string, string>, memory?: number, start = true): Promise<void> {
  const { id } = await api.createContainer({ name, Image: IMAGE, Labels: labels, HostConfig: memory ? { Memory: memory } : {} });
  if (start) await api.startContainer(id);
}

test("facts: MemTotal and the container count from /info, this stack's containers from observe, others' running memory limits", async () => {
  const { fake, api } = engine(4096 * MiB);
  await run(api, 'other-1', { 'io.hotdock.stack': 'other' }, 512 * MiB);
  await run(api, 'plain', {}, 256 * MiB);
  await run(api, 'stopped', {}, 1024 * MiB, false);
  await run(api, 'mine', { 'io.hotdock.stack': 'shop' }, 2048 * MiB);
  const observed = [{ endpoint: 'h1', resource: 'a' }, { endpoint: 'h2', resource: 'b' }] as ObservedContainer[];
  const engines = new Map([['h1', api]]);
  const facts = await poolFacts(engines, ['h1', 'gone'], { stackName: 'shop', observed, memory: true });
  // A stopped container and this stack's own take no room; an endpoint not connected has no facts.
  expect(Object.fromEntries(facts)).toEqual({ h1: { memTotal: 4096 * MiB, containers: 4, stackContainers: 1, reservedMemory: 768 * MiB } });
  // spread needs no memory: no inspection at all.
  fake.calls.length = 0;
  expect((await poolFacts(engines, ['h1'], { stackName: 'shop', observed, memory: false })).get('h1')).toEqual({ memTotal: 4096 * MiB, containers: 4, stackContainers: 1 });
  expect(fake.calls.map((c) => c.op)).toEqual(['info']);
});

test('an engine whose /info fails still counts its stack containers: placement falls back to counts', async () => {
  const { fake, api } = engine(1024 * MiB);
  fake.failOn('info');
  const facts = await poolFacts(new Map([['h1', api]]), ['h1'], { stackName: 'shop', observed: [], memory: true });
  expect(facts.get('h1')).toEqual({ stackContainers: 0 });
});
