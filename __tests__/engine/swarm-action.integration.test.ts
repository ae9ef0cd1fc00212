/**
 * The action end to end with `target: swarm`: inputs read, the template file validated and
 * resolved (metadata.hotdock with a parameter), services deployed on a real single-node swarm of
 * the test's own (its own network namespace), outputs and summary written; a second step with the
 * same inputs changes nothing; an update Swarm rolls back fails the step.
 */
import { readFileSync } from 'node:fs';
import { run } from '../../src/main.js';
import { realStages } from '../../src/pipeline.js';
import { parseOutputFile } from '../runner/harness.js';
import { actionStep } from '../runner/action-step.js';
import type { NetnsEngine } from '../helpers/netns-engine.js';
import { startSwarmManager, stopSwarmManager } from '../helpers/swarm-engine.js';
import { TEST_IMAGE } from '../helpers/stack.js';

const TEMPLATE = `heat_template_version: 2018-08-31
parameters:
  workers: {type: number, default: 2}
  exit_code: {type: number, default: 0}
resources:
  worker:
    type: DockerInc::Docker::Container
    metadata:
      hotdock:
        replicas: {get_param: workers}
        update: {monitor: 2}
    properties:
      image: ${TEST_IMAGE}
      cmd:
        - sh
        - -c
        - str_replace:
            template: "trap 'exit 0' TERM; test CODE = 0 || exit CODE; while :; do sleep 1; done"
            params: {CODE: {get_param: exit_code}}
outputs:
  service:
    value: {get_resource: worker}
`;

let engine: NetnsEngine;
beforeAll(async () => {
  engine = await startSwarmManager({ name: 'hotdock-swarma', subnet: '10.202.66', images: [TEST_IMAGE] });
}, 120_000);
afterAll(() => stopSwarmManager(engine), 120_000);

const step = actionStep(TEMPLATE);
const stackName = `swa-${process.pid}`;
const env = (parameters = '{}') => ({
  ...process.env,
  INPUT_TEMPLATE: 'stack.yaml',
  INPUT_MODE: 'deploy',
  INPUT_TARGET: 'swarm',
  'INPUT_STACK-NAME': stackName,
  'INPUT_DOCKER-ENDPOINT': engine.url,
  INPUT_PARAMETERS: parameters,
  'INPUT_STABLE-SECONDS': '1',
  'INPUT_WAIT-TIMEOUT': '30',
  GITHUB_REPOSITORY: 'acme/shop',
});
const outputs = () => parseOutputFile(readFileSync(step.files.output, 'utf8'));

test('deploy: services from the template file, outputs written', async () => {
  await run(env('{"workers": 3}'), realStages);
  const out = outputs();
  expect(out.result).toBe('success');
  expect(out.changed).toBe('true');
  expect(JSON.parse(out.plan)).toEqual([{ resource: 'worker', endpoint: engine.url, action: 'create', reasons: ['new'] }]);
  expect(JSON.parse(out.outputs)).toEqual({ service: `${stackName}_worker` });
  expect(JSON.parse(out.resources).worker).toMatchObject({ container_name: `${stackName}_worker`, state: 'running' });
  const svc = await engine.docker.getService(`${stackName}_worker`).inspect();
  expect(svc.Spec.Mode.Replicated.Replicas).toBe(3);
  expect(process.exitCode).toBeUndefined();
}, 90_000);

test('the same step again changes nothing', async () => {
  await run(env('{"workers": 3}'), realStages);
  expect(outputs()).toMatchObject({ result: 'success', changed: 'false' });
  expect(JSON.parse(outputs().plan)[0].action).toBe('unchanged');
}, 60_000);

test('an update whose tasks fail: Swarm rolls it back and the step fails saying so', async () => {
  await run(env('{"workers": 3, "exit_code": 4}'), realStages);
  const out = outputs();
  expect(out.result).toBe('failure');
  expect(out['failure-reason']).toBe('rolled-back');
  expect(step.stdout.join('')).toContain(`::error::resource 'worker': the update of service '${stackName}_worker' failed and Swarm rolled it back`);
  expect(readFileSync(step.files.summary, 'utf8')).toContain('worker');
  expect(process.exitCode).toBe(1);
  const svc = await engine.docker.getService(`${stackName}_worker`).inspect();
  expect(JSON.stringify(svc.Spec.TaskTemplate.ContainerSpec.Args)).toContain('test 0 = 0');
}, 90_000);
