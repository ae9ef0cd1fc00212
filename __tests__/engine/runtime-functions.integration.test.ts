/**
 * Functions over deploy-time references, end to end on the local engine: a template whose
 * `app` gets db's address through str_replace and list_join over get_attr is resolved, deployed,
 * and the created container's environment is read back.
 */
import { runStack } from '../../src/engine/run.js';
import { loadTemplate } from '../../src/template/load.js';
import { resolveStack } from '../../src/template/resolve.js';
import type { ResolvedStack } from '../../src/template/types.js';
import { cleanupStack, localDocker, recordingLog, stackOf, testSettings, TEST_IMAGE, uniqueStack } from '../helpers/stack.js';

const docker = localDocker();
const name = uniqueStack();
const options = { stopTimeoutSeconds: 0 };

afterAll(async () => {
  await cleanupStack(docker, name);
});

/** The two-resource stack, resolved the way the action resolves it; `extraEnv` is one more env item of app. */
function resolved(extraEnv = ''): ResolvedStack {
  const text = `heat_template_version: 2021-04-16
resources:
  db:
    type: DockerInc::Docker::Container
    properties:
      image: ${TEST_IMAGE}
      cmd: [sleep, '3600']
  app:
    type: DockerInc::Docker::Container
    properties:
      image: ${TEST_IMAGE}
      cmd: [sleep, '3600']
      env:
        - str_replace:
            template: DB=$ip
            params:
              $ip: {get_attr: [db, network_ip]}
        - list_join: [':', ['DB_ADDR', {get_attr: [db, network_ip]}, '5432']]
${extraEnv}`;
  const loaded = loadTemplate(text, 'stack.yaml');
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics));
  const files = { workspace: process.cwd(), readFile: (): string => '' };
  const { stack, diagnostics } = resolveStack(loaded.template, '2021-04-16', { values: {}, hidden: [] }, { ...files, stackName: name });
  expect(diagnostics).toEqual([]);
  if (!stack) throw new Error('not resolved');
  return stackOf(name, stack.resources, stack.outputs);
}

async function containerOf(resource: string) {
  const [c] = await docker.listContainers({ all: true, filters: { label: [`io.hotdock.stack=${name}`, `io.hotdock.resource=${resource}`] } });
  return docker.getContainer(c.Id).inspect();
}

test("app's environment holds db's real address, computed at deploy time", async () => {
  const stack = resolved();
  expect(stack.resources.find((r) => r.name === 'app')?.dependsOn).toEqual(['db']);
  const report = await runStack(testSettings(name), stack, recordingLog(), options);
  expect(report.error).toBeUndefined();
  expect(report.result).toBe('success');
  // Read from the engine directly, not through hotdock's attributes.
  const ip = Object.values((await containerOf('db')).NetworkSettings.Networks)[0]?.IPAddress;
  expect(ip).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
  const env = (await containerOf('app')).Config.Env;
  expect(env).toContain(`DB=${ip}`);
  expect(env).toContain(`DB_ADDR:${ip}:5432`);
}, 60000);

test('a redeploy computes the same config hash: nothing is replaced', async () => {
  const before = (await containerOf('app')).Id;
  const report = await runStack(testSettings(name), resolved(), recordingLog(), options);
  expect(report.error).toBeUndefined();
  expect(report.plan.map((p) => `${p.action} ${p.resource}`).sort()).toEqual(['unchanged app', 'unchanged db']);
  expect((await containerOf('app')).Id).toBe(before);
}, 60000);

test('a function failing on the real value fails the deploy, naming the resource and the function', async () => {
  const before = (await containerOf('app')).Id;
  const broken = resolved("        - str_split: ['.', {get_attr: [db, network_ip]}, 9]\n");
  const report = await runStack(testSettings(name), broken, recordingLog(), options);
  expect(report.result).toBe('failure');
  expect(report.error).toMatch(/^resource 'app': str_split could not be evaluated at deploy time: index 9 is out of range/);
  expect((await containerOf('app')).Id).toBe(before);
}, 60000);

test('a first deploy plans a function that needs a container not created yet, then computes it', async () => {
  const fresh = uniqueStack();
  try {
    // The last octet of db's address: the plan cannot know it (db does not exist yet), the deploy can.
    const base = resolved("        - str_split: ['.', {get_attr: [db, network_ip]}, 3]\n");
    const stack = stackOf(fresh, base.resources, base.outputs);
    const report = await runStack(testSettings(fresh), stack, recordingLog(), options);
    expect(report.error).toBeUndefined();
    expect(report.plan.map((p) => `${p.action} ${p.resource}`).sort()).toEqual(['create app', 'create db']);
    const [c] = await docker.listContainers({ all: true, filters: { label: [`io.hotdock.stack=${fresh}`, 'io.hotdock.resource=app'] } });
    const [d] = await docker.listContainers({ all: true, filters: { label: [`io.hotdock.stack=${fresh}`, 'io.hotdock.resource=db'] } });
    const ip = Object.values((await docker.getContainer(d.Id).inspect()).NetworkSettings.Networks)[0]?.IPAddress ?? '';
    expect((await docker.getContainer(c.Id).inspect()).Config.Env).toContain(ip.split('.')[3]);
  } finally {
    await cleanupStack(docker, fresh);
  }
}, 60000);
