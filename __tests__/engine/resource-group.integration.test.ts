/**
 * OS::Heat::ResourceGroup on the lab's two engines (the local socket and the second host over TLS):
 * a group of 4 placed across the pool runs 2 + 2, kept apart; `count: 6` creates two members and
 * touches nothing else; `count: 3` removes exactly the highest indexes. The template goes through
 * the whole validator, as the action runs it; the group's get_attr output is read back. Two other
 * containers pinned to the local engine make plain spread put 3 members on the remote one: the
 * members keep apart from each other, not merely balance the engines.
 */
import Docker from 'dockerode';
import { runStack } from '../../src/engine/run.js';
import type { Settings } from '../../src/settings.js';
import { validateTemplateText } from '../../src/template/validate.js';
import type { ResolvedStack } from '../../src/template/types.js';
import { lab } from '../helpers/lab.js';
import { cleanupStack, localDocker, recordingLog, stackOf, testSettings, TEST_IMAGE, uniqueStack } from '../helpers/stack.js';

const L = lab();
const h1 = localDocker();
const h2 = new Docker({ socketPath: L.h2Sock.replace('unix://', '') });
const name = uniqueStack('grp');
// sleep ignores SIGTERM as PID 1: stop kills at once instead of waiting out a timeout.
const options = { stopTimeoutSeconds: 0 };

afterAll(async () => {
  await Promise.all([cleanupStack(h1, name), cleanupStack(h2, name)]);
}, 60000);

/** Both engines as a pool: resources that name no endpoint are placed across them. */
const settings: Settings = testSettings(name, {
  endpoints: { local: { url: L.h1 }, remote: { url: L.h2Tls, tls: { ca: L.ca, cert: L.cert, key: L.key } } },
});

function template(count: number, removal = ''): string {
  return `heat_template_version: 2021-04-16
resources:
  web:
    type: OS::Heat::ResourceGroup
    properties:
      count: ${count}
${removal}      resource_def:
        type: DockerInc::Docker::Container
        properties:
          image: ${TEST_IMAGE}
          cmd: [sleep, '3600']
          env: [MEMBER=%index%]
  side-a:
    type: DockerInc::Docker::Container
    properties: {image: ${TEST_IMAGE}, cmd: [sleep, '3600'], docker_endpoint: local}
  side-b:
    type: DockerInc::Docker::Container
    properties: {image: ${TEST_IMAGE}, cmd: [sleep, '3600'], docker_endpoint: local}
outputs:
  ids:
    value: {get_attr: [web, refs]}
  envs:
    value: {get_attr: [web, info, Config, Env]}
`;
}

function resolved(count: number, removal = ''): ResolvedStack {
  const r = validateTemplateText(template(count, removal), settings, { readFile: () => '' });
  expect(r.diagnostics).toEqual([]);
  if (!r.stack) throw new Error('not resolved');
  return stackOf(name, r.stack.resources, r.stack.outputs);
}

/** Member → container id, per engine (the pinned side-* containers left out). */
async function membersOn(docker: Docker): Promise<Record<string, string>> {
  const list = await docker.listContainers({ all: true, filters: { label: [`io.hotdock.stack=${name}`] } });
  return Object.fromEntries(list.filter((c) => c.Labels['io.hotdock.resource'].startsWith('web-')).map((c) => [c.Labels['io.hotdock.resource'], c.Id]));
}

async function everywhere(): Promise<{ local: Record<string, string>; remote: Record<string, string>; all: Record<string, string> }> {
  const [local, remote] = await Promise.all([membersOn(h1), membersOn(h2)]);
  return { local, remote, all: { ...local, ...remote } };
}

const sorted = (o: Record<string, string>): string[] => Object.keys(o).sort();

test('a group of 4 across the pool: 2 + 2, members named <stack>-web-<index>, outputs as Heat lists', async () => {
  const t0 = Date.now();
  const report = await runStack(settings, resolved(4), recordingLog(), options);
  expect(report.error).toBeUndefined();
  expect(report.result).toBe('success');
  const { local, remote, all } = await everywhere();
  expect(sorted(all)).toEqual(['web-0', 'web-1', 'web-2', 'web-3']);
  expect(Object.keys(local)).toHaveLength(2);
  expect(Object.keys(remote)).toHaveLength(2);
  expect(report.resources['web-2'].container_name).toBe(`${name}-web-2`);
  // [web, refs]: the ids in index order; [web, info, Config, Env]: each member's env, index substituted.
  expect(report.outputs.ids).toEqual(['web-0', 'web-1', 'web-2', 'web-3'].map((m) => all[m]));
  const envs = report.outputs.envs as string[][];
  expect(envs.map((e) => e.find((v) => v.startsWith('MEMBER=')))).toEqual(['MEMBER=0', 'MEMBER=1', 'MEMBER=2', 'MEMBER=3']);
  console.log(`group of 4 deployed in ${Date.now() - t0} ms`);
}, 120000);

test('count 6 adds web-4 and web-5, one on each engine, and touches nothing else', async () => {
  const before = await everywhere();
  const report = await runStack(settings, resolved(6), recordingLog(), options);
  expect(report.error).toBeUndefined();
  expect(report.plan.map((p) => `${p.action} ${p.resource}`).sort()).toEqual([
    'create web-4', 'create web-5', 'unchanged side-a', 'unchanged side-b', 'unchanged web-0', 'unchanged web-1', 'unchanged web-2', 'unchanged web-3',
  ]);
  const after = await everywhere();
  for (const m of sorted(before.all)) expect(after.all[m]).toBe(before.all[m]);
  expect(Object.keys(after.local)).toHaveLength(3);
  expect(Object.keys(after.remote)).toHaveLength(3);
  expect(sorted(after.all)).toEqual(['web-0', 'web-1', 'web-2', 'web-3', 'web-4', 'web-5']);
}, 120000);

test('count 3 removes exactly the highest indexes; the others keep their containers', async () => {
  const before = await everywhere();
  const report = await runStack(settings, resolved(3), recordingLog(), options);
  expect(report.error).toBeUndefined();
  expect(report.plan.map((p) => `${p.action} ${p.resource}`).sort()).toEqual([
    'remove web-3', 'remove web-4', 'remove web-5', 'unchanged side-a', 'unchanged side-b', 'unchanged web-0', 'unchanged web-1', 'unchanged web-2',
  ]);
  const after = await everywhere();
  expect(sorted(after.all)).toEqual(['web-0', 'web-1', 'web-2']);
  for (const m of sorted(after.all)) expect(after.all[m]).toBe(before.all[m]);
  // A no-op redeploy changes nothing.
  const again = await runStack(settings, resolved(3), recordingLog(), options);
  expect(again.error).toBeUndefined();
  expect(again.changed).toBe(false);
}, 120000);

test('removal_policies removes the listed member first; the next free index takes its place', async () => {
  const before = await everywhere();
  const removal = "      removal_policies: [{resource_list: ['1']}]\n";
  const report = await runStack(settings, resolved(3, removal), recordingLog(), options);
  expect(report.error).toBeUndefined();
  expect(report.plan.map((p) => `${p.action} ${p.resource}`).sort()).toEqual([
    'create web-3', 'remove web-1', 'unchanged side-a', 'unchanged side-b', 'unchanged web-0', 'unchanged web-2',
  ]);
  const after = await everywhere();
  expect(sorted(after.all)).toEqual(['web-0', 'web-2', 'web-3']);
  expect(after.all['web-0']).toBe(before.all['web-0']);
  expect(after.all['web-2']).toBe(before.all['web-2']);
  // web-1 left one engine: the new member goes there, so the group stays apart (2 + 1).
  expect(Object.keys(after.local).length + Object.keys(after.remote).length).toBe(3);
  expect(Math.abs(Object.keys(after.local).length - Object.keys(after.remote).length)).toBe(1);
  expect(report.outputs.ids).toEqual(['web-0', 'web-2', 'web-3'].map((m) => after.all[m]));
}, 120000);
