/**
 * `links` and `volumes_from` order the deploy: a container can only link to (or take volumes from)
 * one that exists. Here the template lists the dependent resources first and says no depends_on.
 */
import { runStack } from '../../src/engine/run.js';
import { cleanupStack, container, localDocker, recordingLog, stackOf, testSettings, uniqueStack } from '../helpers/stack.js';

const docker = localDocker();
const name = uniqueStack();
const options = { stopTimeoutSeconds: 0 };
const sleep = { cmd: ['sleep', '3600'] };

afterAll(async () => {
  await cleanupStack(docker, name);
});

test('links and volumes_from to containers listed later deploy them first', async () => {
  const stack = stackOf(name, [
    container('web', { ...sleep, links: { [`${name}-db`]: 'database' } }),
    container('sidecar', { ...sleep, volumes_from: [`${name}-data`] }),
    container('db', sleep),
    container('data', { ...sleep, volumes: { '/tmp': '/shared' } }),
  ]);
  const report = await runStack(testSettings(name, { maxParallel: 8 }), stack, recordingLog(), options);
  expect(report.error).toBeUndefined();
  expect(report.result).toBe('success');
  const web = await docker.getContainer(report.resources.web.container_id).inspect();
  expect(web.HostConfig.Links).toEqual([`/${name}-db:/${name}-web/database`]);
  const sidecar = await docker.getContainer(report.resources.sidecar.container_id).inspect();
  expect(sidecar.Mounts.map((m) => m.Destination)).toContain('/shared');
}, 60000);
