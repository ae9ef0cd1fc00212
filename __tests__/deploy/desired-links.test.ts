import { addContainerReferences } from '../../src/deploy/desired.js';
import type { DesiredContainer } from '../../src/deploy/types.js';

function desired(resource: string, name: string, hostConfig: Record<string, unknown> = {}, dependsOn: string[] = []): DesiredContainer {
  return {
    resource,
    name,
    endpoint: { name: 'local', url: 'unix:///var/run/docker.sock', parsed: { kind: 'unix', socketPath: '/var/run/docker.sock' } },
    body: { Image: 'x', HostConfig: hostConfig },
    configHash: 'v1:x',
    image: 'x',
    dependsOn,
    deletionPolicy: 'Delete',
  };
}

test('links and volumes_from add the containers they name as dependencies', () => {
  const all = [
    desired('web', 's-web', { Links: ['s-db:database'], VolumesFrom: ['data:ro'] }),
    desired('db', 's-db'),
    desired('data', 'data-container'),
    desired('other', 's-other', { Links: ['somewhere-else:x'] }),
  ];
  addContainerReferences(all);
  expect(all[0].dependsOn).toEqual(['db', 'data']);
  expect(all[3].dependsOn).toEqual([]);
});

test('an edge that would close a cycle is left out', () => {
  const all = [desired('a', 's-a', { Links: ['s-b:b'] }), desired('b', 's-b', {}, ['a'])];
  addContainerReferences(all);
  expect(all[0].dependsOn).toEqual([]);
  expect(all[1].dependsOn).toEqual(['a']);
});
