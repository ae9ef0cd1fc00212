/**
 * Deploys across two engines of the lab: the local socket and the second host over TLS (and over
 * ssh). A wrong CA or an unknown host key is refused before anything changes anywhere.
 */
import Docker from 'dockerode';
import { runStack } from '../../src/engine/run.js';
import type { Settings } from '../../src/settings.js';
import { twoEngines } from '../helpers/two-engines.js';
import { container, recordingLog, stackOf, testSettings } from '../helpers/stack.js';

const { L, h1, h2, newStack } = twoEngines();
// sleep and busybox httpd ignore SIGTERM as PID 1: stop kills at once instead of waiting out a timeout.
const options = { stopTimeoutSeconds: 0 };
const idsOn = async (docker: Docker, stack: string): Promise<Record<string, string>> => {
  const list = await docker.listContainers({ all: true, filters: { label: [`io.hotdock.stack=${stack}`] } });
  return Object.fromEntries(list.map((c) => [c.Labels['io.hotdock.resource'], c.Id]));
};

function twoEndpoints(name: string, ca: string): Settings {
  return testSettings(name, {
    endpoints: { local: { url: L.h1 }, remote: { url: L.h2Tls, tls: { ca, cert: L.cert, key: L.key } } },
  });
}

/** back publishes port 80 on a host port the second engine picks: no fixed port to collide on. */
function resources() {
  return [
    container('front', { docker_endpoint: 'local', cmd: ['sleep', '300'] }),
    container('back', { docker_endpoint: 'remote', port_bindings: { 80: null } }),
  ];
}

test('TLS: one stack over two endpoints, then a no-op redeploy', async () => {
  const name = newStack();
  const report = await runStack(twoEndpoints(name, L.ca), stackOf(name, resources()), recordingLog(), options);
  expect(report.error).toBeUndefined();
  expect(report.resources.front.endpoint).toBe('local');
  expect(report.resources.back.endpoint).toBe('remote');
  expect(report.warnings).toEqual([]);
  expect(Object.keys(await idsOn(h1, name))).toEqual(['front']);
  expect(Object.keys(await idsOn(h2, name))).toEqual(['back']);
  // The second host's published port, on its own address.
  const port = /:(\d+)->80\/tcp$/.exec(report.resources.back.ports?.[0] ?? '')?.[1];
  expect(port).toMatch(/^\d+$/);
  const body = await (await fetch(`http://10.201.0.2:${port}/`)).text();
  expect(body.trim()).toBe('hello');
  const again = await runStack(twoEndpoints(name, L.ca), stackOf(name, resources()), recordingLog(), options);
  expect(again.error).toBeUndefined();
  expect(again.changed).toBe(false);
}, 90000);

test('TLS with a CA that did not sign the server: refused, nothing changed anywhere', async () => {
  const name = newStack();
  const report = await runStack(twoEndpoints(name, L.badCa), stackOf(name, resources()), recordingLog(), options);
  expect(report.result).toBe('failure');
  expect(report.error).toMatch(/remote/);
  expect(report.changed).toBe(false);
  expect(await idsOn(h1, name)).toEqual({});
  expect(await idsOn(h2, name)).toEqual({});
  const locks = await h1.listContainers({ all: true, filters: { label: [`io.hotdock.lock=${name}`] } });
  expect(locks).toEqual([]);
}, 60000);

function sshSettings(name: string, knownHosts: string): Settings {
  return testSettings(name, { dockerEndpoint: L.h2Ssh, dockerEndpointExplicit: true, sshPrivateKey: L.sshKey, sshKnownHosts: knownHosts });
}

test('ssh: deploy, no-op redeploy and destroy on the second host', async () => {
  const name = newStack();
  const stack = stackOf(name, [container('a', { cmd: ['sleep', '300'] }), container('b', { cmd: ['sleep', '301'] })]);
  const started = Date.now();
  const report = await runStack(sshSettings(name, L.knownHosts), stack, recordingLog(), options);
  const ms = Date.now() - started;
  expect(report.error).toBeUndefined();
  expect(Object.keys(await idsOn(h2, name)).sort()).toEqual(['a', 'b']);
  const t2 = Date.now();
  const again = await runStack(sshSettings(name, L.knownHosts), stack, recordingLog(), options);
  expect(again.changed).toBe(false);
  console.log(`ssh: deploy of 2 containers ${ms} ms, no-op redeploy ${Date.now() - t2} ms`);
  const gone = await runStack({ ...sshSettings(name, L.knownHosts), mode: 'destroy' }, stack, recordingLog(), options);
  expect(gone.error).toBeUndefined();
  expect(await idsOn(h2, name)).toEqual({});
}, 90000);

test('ssh with a host key that is not listed: refused, nothing changed', async () => {
  const name = newStack();
  const report = await runStack(sshSettings(name, L.otherKnownHosts), stackOf(name, [container('a', { cmd: ['sleep', '300'] })]), recordingLog(), options);
  expect(report.result).toBe('failure');
  expect(report.error).toMatch(/10\.201\.0\.2/);
  expect(await idsOn(h2, name)).toEqual({});
}, 60000);

test('a resource moved to another endpoint is created there before it is removed here', async () => {
  const name = newStack();
  const at = (ep: string) => stackOf(name, [container('mover', { docker_endpoint: ep, cmd: ['sleep', '300'] })]);
  const first = await runStack(twoEndpoints(name, L.ca), at('local'), recordingLog(), options);
  expect(first.error).toBeUndefined();
  const log = recordingLog();
  const moved = await runStack(twoEndpoints(name, L.ca), at('remote'), log, options);
  expect(moved.error).toBeUndefined();
  // A move is a replace: made on the new endpoint first, the old container removed after.
  expect(moved.plan.map((p) => `${p.action} ${p.resource} ${p.endpoint}`)).toEqual(['replace mover remote', 'remove mover local']);
  expect(moved.resources.mover).toMatchObject({ endpoint: 'remote', state: 'running' });
  expect(await idsOn(h1, name)).toEqual({});
  expect(Object.keys(await idsOn(h2, name))).toEqual(['mover']);
  const lines = log.lines.join('\n');
  expect(lines.indexOf('mover: created, running')).toBeLessThan(lines.indexOf('mover: removing'));
}, 90000);
