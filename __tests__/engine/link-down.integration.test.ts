/**
 * A partition by taking the link down: the endpoint is an engine in its own network namespace,
 * reached over plain TCP through the veth pair; the test takes the host side of the veth down
 * right after the old container was put aside, and up again after the run ended. The run must end
 * within wait-timeout + 30 s, name resource and endpoint, and the next run converge with the
 * service answering.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { runStack } from '../../src/engine/run.js';
import { startNetnsEngine, type NetnsEngine } from '../helpers/netns-engine.js';
import { container, freePort, recordingLog, stackOf, TEST_IMAGE, testSettings, uniqueStack } from '../helpers/stack.js';

const run = promisify(execFile);
const WAIT_TIMEOUT = 10;
const SERVE = ['sh', '-c', "trap 'exit 0' TERM; httpd -p 80 -h /www; while :; do sleep 1; done"];
const options = { stopTimeoutSeconds: 0, lockTtlSeconds: 8 };
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

let engine: NetnsEngine;
beforeAll(async () => {
  engine = await startNetnsEngine({ name: 'hotdock-link', subnet: '10.202.3', images: [TEST_IMAGE], tcpPort: 2375 });
}, 90_000);
afterAll(async () => {
  await run('ip', ['link', 'set', engine.hostVeth, 'up']).catch(() => undefined);
  await engine?.stop();
}, 90_000);

async function answers(port: number): Promise<boolean> {
  for (let i = 0; i < 20; i++) {
    try {
      const r = await fetch(`http://${engine.address}:${port}/`, { signal: AbortSignal.timeout(2000) });
      if (r.status < 500) return true;
    } catch {
      await sleep(250);
    }
  }
  return false;
}

test('the link goes down right after the put-aside: bounded, named, and the next run converges', async () => {
  const stack = uniqueStack('link');
  const port = await freePort();
  const web = (v: string) =>
    container('web', { cmd: SERVE, env: [`V=${v}`], port_specs: [80], port_bindings: { 80: { HostIp: engine.address, HostPort: String(port) } } });
  const settings = (runId: string) =>
    testSettings(stack, { dockerEndpoint: engine.tcpUrl!, dockerEndpointExplicit: true, waitTimeout: WAIT_TIMEOUT, runId, stableSeconds: 3 });

  const first = await runStack(settings('link-1'), stackOf(stack, [web('1')]), recordingLog(), options);
  expect(first.error).toBeUndefined();
  expect(await answers(port)).toBe(true);
  const { container_id: oldId, container_name: oldName } = first.resources.web;

  const running = runStack(settings('link-2'), stackOf(stack, [web('2')]), recordingLog(), options);
  // Down once the old container is renamed aside (read through the namespace's own socket).
  let downAt: number | undefined;
  for (const until = Date.now() + 20_000; Date.now() < until && downAt === undefined; await sleep(10)) {
    const old = await engine.docker.getContainer(oldId).inspect().catch(() => undefined);
    if (old && old.Name !== `/${oldName}`) {
      await run('ip', ['link', 'set', engine.hostVeth, 'down']);
      downAt = Date.now();
    }
  }
  expect(downAt).toBeDefined();
  const report = await running;
  const endedAt = Date.now();
  await run('ip', ['link', 'set', engine.hostVeth, 'up']);

  expect(endedAt - downAt!).toBeLessThan((WAIT_TIMEOUT + 30) * 1000);
  expect(report.result).toBe('failure');
  expect(report.error).toMatch(new RegExp(`resource 'web' on endpoint '${engine.tcpUrl!.replace(/[.]/g, '\\.')}'`));
  expect(report.error).not.toMatch(/ETIMEDOUT|EHOSTUNREACH|HTTP code|^\(HTTP/m);

  // Link up: the next run (the same deploy again) converges, one container under the name, serving.
  const next = await runStack(settings('link-3'), stackOf(stack, [web('2')]), recordingLog(), options);
  expect(next.error).toBeUndefined();
  const list = await engine.docker.listContainers({ all: true, filters: { label: [`io.hotdock.stack=${stack}`] } });
  expect(list.map((c) => [c.Names[0], c.State])).toEqual([[`/${oldName}`, 'running']]);
  expect(await answers(port)).toBe(true);
  const again = await runStack(settings('link-4'), stackOf(stack, [web('2')]), recordingLog(), options);
  expect(again.changed).toBe(false);
}, 150_000);
