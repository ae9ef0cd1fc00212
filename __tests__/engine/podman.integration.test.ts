/**
 * Podman's Docker-compatible API (`podman system service`, started by the lab) as an endpoint: the
 * whole lifecycle — deploy, no-op redeploy, replace, destroy — as on Docker's own engine. Podman
 * differs in small ways hotdock must absorb (it reports a container without a health check as
 * `Health.Status: ''`, names loaded images `localhost/…`), and this test is what keeps them absorbed.
 */
import Docker from 'dockerode';
import { runStack } from '../../src/engine/run.js';
import type { Settings } from '../../src/settings.js';
import { lab } from '../helpers/lab.js';
import { cleanupStack, container, fetchLocal, freePort, recordingLog, stackOf, testSettings, uniqueStack } from '../helpers/stack.js';

const endpoint = lab().podman;
const podman = new Docker({ socketPath: endpoint.replace(/^unix:\/\//, '') });
const name = uniqueStack('pm');
const options = { stopTimeoutSeconds: 0 };
let port = 0;

beforeAll(async () => {
  port = await freePort();
});

afterAll(async () => {
  await cleanupStack(podman, name);
});

const settings = (over: Partial<Settings> = {}): Settings =>
  testSettings(name, { dockerEndpoint: endpoint, dockerEndpointExplicit: true, ...over });
const web = (tag: string) => stackOf(name, [container('web', { image: `hotdock-test/busybox:${tag}`, port_bindings: { 80: { HostIp: '127.0.0.1', HostPort: port } } })]);
const ids = async (): Promise<string[]> =>
  (await podman.listContainers({ all: true, filters: { label: [`io.hotdock.stack=${name}`] } })).map((c) => c.Id);

test('the engine is Podman, not Docker', async () => {
  const version = await podman.version();
  expect(version.Components?.map((c) => c.Name)).toContain('Podman Engine');
});

test('deploy creates the container and it serves', async () => {
  const report = await runStack(settings(), web('1'), recordingLog(), options);
  expect(report.error).toBeUndefined();
  expect(report).toMatchObject({ result: 'success', changed: true });
  expect(report.resources.web).toMatchObject({ endpoint, state: 'running', action: 'create' });
  expect(await fetchLocal(port)).toBe('hello');
}, 90000);

test('a second deploy changes nothing', async () => {
  const before = await ids();
  const report = await runStack(settings(), web('1'), recordingLog(), options);
  expect(report.error).toBeUndefined();
  expect(report.changed).toBe(false);
  expect(report.plan.map((p) => p.action)).toEqual(['unchanged']);
  expect(await ids()).toEqual(before);
}, 90000);

test('a new image replaces the container, and the new one serves', async () => {
  const before = await ids();
  const report = await runStack(settings(), web('2'), recordingLog(), options);
  expect(report.error).toBeUndefined();
  expect(report.plan.map((p) => `${p.action}: ${p.reasons.join(', ')}`)).toEqual(['replace: image changed']);
  const after = await ids();
  expect(after).toHaveLength(1);
  expect(after[0]).not.toBe(before[0]);
  expect(await fetchLocal(port)).toBe('two');
}, 90000);

test('destroy removes the stack', async () => {
  const report = await runStack(settings({ mode: 'destroy' }), web('2'), recordingLog(), options);
  expect(report.error).toBeUndefined();
  expect(report.changed).toBe(true);
  expect(await ids()).toEqual([]);
  const locks = await podman.listContainers({ all: true, filters: { label: [`io.hotdock.lock=${name}`] } });
  expect(locks).toEqual([]);
}, 90000);
