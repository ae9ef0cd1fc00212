/**
 * The adapter's deadlines and error naming, on the lab's second engine behind a TCP proxy this
 * file owns (freeze = a partition: silence both ways, sockets open).
 */
import { connect, type DockerConnection } from '../../src/engine/client.js';
import { EngineCallError } from '../../src/engine/errors.js';
import { statusOf } from '../../src/engine/docker-api.js';
import { parseEndpointUrl } from '../../src/spec/endpoint-url.js';
import type { EndpointTarget } from '../../src/spec/types.js';
import { startFreezeProxy, type FreezeProxy } from '../helpers/freeze-proxy.js';
import { lab } from '../helpers/lab.js';
import { TEST_IMAGE, uniqueStack } from '../helpers/stack.js';

const L = lab();
let proxy: FreezeProxy;
let conn: DockerConnection;
const made: string[] = [];

function target(url: string): EndpointTarget {
  const p = parseEndpointUrl(url);
  if (!p.ok) throw new Error(p.message);
  return { name: url, url, parsed: p.endpoint };
}

/** The rejection of `work`, and how long it took. */
async function failure(work: Promise<unknown>): Promise<{ err: EngineCallError; ms: number }> {
  const t0 = Date.now();
  try {
    await work;
  } catch (err) {
    expect(err).toBeInstanceOf(EngineCallError);
    return { err: err as EngineCallError, ms: Date.now() - t0 };
  }
  throw new Error('the call succeeded but should have failed');
}

beforeAll(async () => {
  proxy = await startFreezeProxy({ socketPath: L.h2Sock.replace(/^unix:\/\//, '') });
  conn = await connect(target(proxy.url), { deadlines: { requestMs: 2000, suspectMs: 700, pullIdleMs: 1500 } });
});

afterAll(async () => {
  proxy.thaw();
  for (const id of made) await conn.docker.removeContainer(id, { force: true }).catch(() => undefined);
  await conn.close();
  await proxy.close();
});

test('a missing container: named endpoint, operation and container, statusCode 404 kept', async () => {
  const { err } = await failure(conn.docker.inspectContainer('hotdock-no-such-container'));
  expect(statusOf(err)).toBe(404);
  expect(err.message).toBe(
    `endpoint '${proxy.url}': container 'hotdock-no-such-container' not found (inspecting container 'hotdock-no-such-container')`,
  );
  expect(err.message).not.toMatch(/HTTP code/);
});

test('a conflict keeps 409 and says what the engine said', async () => {
  const name = `${uniqueStack('api')}-c`;
  const c = await conn.docker.createContainer({ name, Image: TEST_IMAGE, Cmd: ['true'] });
  made.push(c.id);
  const { err } = await failure(conn.docker.createContainer({ name, Image: TEST_IMAGE, Cmd: ['true'] }));
  expect(statusOf(err)).toBe(409);
  expect(err.message).toMatch(new RegExp(`^endpoint '${proxy.url}': creating container '${name}' failed: .*already in use.* \\(HTTP 409\\)$`));
});

test('a frozen endpoint: the request is aborted at its deadline; later calls fail fast until one answers', async () => {
  const c = await conn.docker.createContainer({ name: `${uniqueStack('api')}-f`, Image: TEST_IMAGE, Cmd: ['true'] });
  made.push(c.id);
  proxy.freeze();
  try {
    const first = await failure(conn.docker.inspectContainer(c.id));
    expect(first.err.timedOut).toBe(true);
    expect(first.err.statusCode).toBeUndefined();
    expect(first.err.message).toBe(`endpoint '${proxy.url}': inspecting container '${c.id.slice(0, 12)}' timed out after 2 s`);
    expect(first.ms).toBeLessThan(2000 + 3000);
    // The endpoint missed a deadline: the next call gets the short one.
    const second = await failure(conn.docker.listContainers({ all: true }));
    expect(second.err.message).toBe(`endpoint '${proxy.url}': listing containers timed out after 0.7 s`);
    expect(second.ms).toBeLessThan(700 + 2000);
    const pull = await failure(conn.docker.pullImage({ fromImage: 'hotdock-test/busybox', tag: '1' }, undefined, () => undefined));
    expect(pull.err.message).toMatch(new RegExp(`^endpoint '${proxy.url}': pulling image 'hotdock-test/busybox:1' timed out after`));
  } finally {
    proxy.thaw();
  }
  // Answers again, with the ordinary deadline.
  await expect(conn.docker.inspectContainer(c.id)).resolves.toMatchObject({ Id: c.id });
}, 20000);

test('stop gets its grace period on top of the deadline', async () => {
  // sleep as PID 1 ignores SIGTERM: the engine waits the whole grace, then kills.
  const c = await conn.docker.createContainer({ name: `${uniqueStack('api')}-s`, Image: TEST_IMAGE, Cmd: ['sleep', '300'] });
  made.push(c.id);
  await conn.docker.startContainer(c.id);
  const t0 = Date.now();
  await conn.docker.stopContainer(c.id, 3);
  // Longer than the 2 s request deadline, and it still succeeded.
  expect(Date.now() - t0).toBeGreaterThanOrEqual(2500);
  expect((await conn.docker.inspectContainer(c.id)).State.Running).toBe(false);
}, 20000);

test('a cut endpoint: connection refused, named', async () => {
  const other = await startFreezeProxy({ socketPath: L.h2Sock.replace(/^unix:\/\//, '') });
  const c2 = await connect(target(other.url), { deadlines: { requestMs: 2000 } });
  other.cut();
  const { err } = await failure(c2.docker.info());
  expect(err.message).toMatch(new RegExp(`^endpoint '${other.url}': reading the engine info failed: (connection refused|the connection was reset|the connection was closed before an answer)$`));
  await c2.close();
  await other.close();
});
