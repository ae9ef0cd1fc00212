/**
 * A resource's metadata reaches the deploy stages evaluated (parameters in `metadata.hotdock`):
 * the service spec reads replicas and the update policy from there.
 */
import { validateTemplateText } from '../../src/template/validate.js';
import { buildDesiredService } from '../../src/deploy/service-plan.js';

const TEMPLATE = `heat_template_version: 2018-08-31
parameters:
  workers:
    type: number
    default: 2
resources:
  worker:
    type: DockerInc::Docker::Container
    metadata:
      owner: team-a
      hotdock:
        replicas: {get_param: workers}
        update: {order: stop-first, monitor: 10}
    properties:
      image: busybox:1.36
      cmd: [sleep, '3600']
  plain:
    type: DockerInc::Docker::Container
    properties:
      image: busybox:1.36
`;

const settings = (parameters: Record<string, unknown> = {}) => ({
  template: 'stack.yaml', workspace: process.cwd(), stackName: 'demo', parameters, environmentFiles: [], dockerEndpoint: 'unix:///var/run/docker.sock', endpoints: {},
});

test('metadata is resolved with the resource, parameters evaluated', () => {
  const res = validateTemplateText(TEMPLATE, settings({ workers: 4 }), { readFile: () => '' });
  expect(res.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const [worker, plain] = res.stack!.resources;
  expect(worker.metadata).toEqual({ owner: 'team-a', hotdock: { replicas: 4, update: { order: 'stop-first', monitor: 10 } } });
  expect(plain.metadata).toBeUndefined();
  const service = buildDesiredService(worker, { stackName: 'demo', stableSeconds: 5 });
  expect(service.replicas).toBe(4);
  expect(service.spec.UpdateConfig).toMatchObject({ Order: 'stop-first', Monitor: 10e9 });
});
