/**
 * target swarm across two nodes: two engines, each in its own network namespace, joined by a
 * direct link (a veth pair between the namespaces: no host routing or firewall involved). One is
 * the manager hotdock talks to, the other a worker. A service of two replicas publishing a host
 * port runs one task per node, both answer; a rolling update (stop-first: the port) reaches both.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { runStack } from '../../src/engine/run.js';
import { startNetnsEngine, type NetnsEngine } from '../helpers/netns-engine.js';
import { container, recordingLog, stackOf, TEST_IMAGE, testSettings, uniqueStack } from '../helpers/stack.js';

const run = promisify(execFile);
const IMAGE_2 = 'hotdock-test/busybox:2';
const PORT = 18081;
const SERVE = ['sh', '-c', "trap 'exit 0' TERM; httpd -p 80 -h /www; while :; do sleep 1; done"];
const LINK = { manager: '10.202.65.1', worker: '10.202.65.2' };

let manager: NetnsEngine;
let worker: NetnsEngine;
beforeAll(async () => {
  process.env.DOCKER_SERVICE_PREFER_OFFLINE_IMAGE = '1';
  manager = await startNetnsEngine({ name: 'hotdock-swarmm', subnet: '10.202.63', images: [TEST_IMAGE, IMAGE_2] });
  worker = await startNetnsEngine({ name: 'hotdock-swarmw', subnet: '10.202.64', images: [TEST_IMAGE, IMAGE_2] });
  // The nodes' own link; it goes with the namespaces when the engines stop.
  await run('ip', ['link', 'add', 'hd-swl-m', 'type', 'veth', 'peer', 'name', 'hd-swl-w']);
  await run('ip', ['link', 'set', 'hd-swl-m', 'netns', manager.name]);
  await run('ip', ['link', 'set', 'hd-swl-w', 'netns', worker.name]);
  await run('ip', ['-n', manager.name, 'addr', 'add', `${LINK.manager}/24`, 'dev', 'hd-swl-m']);
  await run('ip', ['-n', worker.name, 'addr', 'add', `${LINK.worker}/24`, 'dev', 'hd-swl-w']);
  await run('ip', ['-n', manager.name, 'link', 'set', 'hd-swl-m', 'up']);
  await run('ip', ['-n', worker.name, 'link', 'set', 'hd-swl-w', 'up']);
  await manager.docker.swarmInit({ ListenAddr: `${LINK.manager}:2377`, AdvertiseAddr: `${LINK.manager}:2377` });
  const swarm = (await manager.docker.swarmInspect()) as { JoinTokens: { Worker: string } };
  await worker.docker.swarmJoin({ ListenAddr: `${LINK.worker}:2377`, AdvertiseAddr: `${LINK.worker}:2377`, RemoteAddrs: [`${LINK.manager}:2377`], JoinToken: swarm.JoinTokens.Worker });
}, 180_000);
afterAll(async () => {
  await worker?.docker.swarmLeave({ force: true }).catch(() => undefined);
  await manager?.docker.swarmLeave({ force: true }).catch(() => undefined);
  await worker?.stop();
  await manager?.stop();
  await run('ip', ['link', 'del', 'hd-swl-m']).catch(() => undefined);
}, 180_000);

const stack = uniqueStack('swm');
const settings = (overrides: Parameters<typeof testSettings>[1] = {}) =>
  testSettings(stack, { dockerEndpoint: manager.url, dockerEndpointExplicit: true, target: 'swarm', stableSeconds: 1, waitTimeout: 60, ...overrides });
const web = (image: string) => container('web', { image, cmd: SERVE, port_bindings: { '80': PORT } }, { metadata: { hotdock: { replicas: 2, publish: 'host' } } });

async function status(address: string): Promise<number> {
  for (let i = 0; i < 20; i++) {
    const s = await fetch(`http://${address}:${PORT}/`, { signal: AbortSignal.timeout(2000) }).then((r) => r.status, () => 0);
    if (s) return s;
    await new Promise((r) => setTimeout(r, 250));
  }
  return 0;
}

/** Node id → images of the running tasks of the stack's web service. */
async function placement(): Promise<Record<string, string[]>> {
  const tasks = (await manager.docker.listTasks({ filters: { service: [`${stack}_web`], 'desired-state': ['running'] } })) as {
    NodeID: string;
    Status: { State: string };
    Spec: { ContainerSpec: { Image: string } };
  }[];
  const out: Record<string, string[]> = {};
  for (const t of tasks.filter((x) => x.Status.State === 'running')) (out[t.NodeID] ??= []).push(t.Spec.ContainerSpec.Image);
  return out;
}

test('two replicas with a host port run one per node, both answer; an update reaches both nodes', async () => {
  const nodes = (await manager.docker.listNodes()) as { Status: { State: string } }[];
  expect(nodes.map((n) => n.Status.State)).toEqual(['ready', 'ready']);

  const t0 = Date.now();
  const first = await runStack(settings(), stackOf(stack, [web(TEST_IMAGE)]), recordingLog());
  expect(first.error).toBeUndefined();
  const placed = await placement();
  expect(Object.values(placed)).toEqual([[TEST_IMAGE], [TEST_IMAGE]]);
  expect(await status(manager.address)).toBe(200);
  expect(await status(worker.address)).toBe(200);
  console.log(`multi-node swarm deploy: ${Date.now() - t0} ms`);

  const t1 = Date.now();
  const update = await runStack(settings(), stackOf(stack, [web(IMAGE_2)]), recordingLog());
  expect(update.error).toBeUndefined();
  expect(update.plan.map((p) => p.action)).toEqual(['replace']);
  expect(Object.values(await placement())).toEqual([[IMAGE_2], [IMAGE_2]]);
  expect(await status(manager.address)).toBe(200);
  expect(await status(worker.address)).toBe(200);
  console.log(`multi-node swarm rolling update: ${Date.now() - t1} ms`);

  const destroyed = await runStack(settings({ mode: 'destroy' }), stackOf(stack, []), recordingLog());
  expect(destroyed.error).toBeUndefined();
  expect(await manager.docker.listServices({ filters: { label: [`io.hotdock.stack=${stack}`] } })).toEqual([]);
}, 240_000);
