/**
 * The Heat behaviours completed at deploy time: get_attr of a resource alone gives every
 * attribute as a map (heat/engine/hot/functions.py GetAttAllAttributes.result → FnGetAtts),
 * and a get_attr [resource] asks the deploy stage for the logs as well as the inspect result.
 */
import { evaluateRuntime, type RuntimeValues } from '../../src/template/resolve.js';
import { CONTAINER_ATTRIBUTES } from '../../src/template/attributes.js';
import { runtimeRefs } from '../../src/deploy/desired.js';

const runtime: RuntimeValues = {
  resourceId: (name) => `id-of-${name}`,
  attribute: (name, attr, path) => `${name}.${attr}${path.length > 0 ? `/${path.join('/')}` : ''}`,
};

test('get_attr [resource] gives every attribute by name', () => {
  const all = evaluateRuntime({ get_attr: ['db'] }, runtime) as Record<string, unknown>;
  expect(Object.keys(all).sort()).toEqual(Object.keys(CONTAINER_ATTRIBUTES).sort());
  expect(all.network_ip).toBe('db.network_ip');
  expect(all.logs_tail).toBe('db.logs_tail');
});

test('a function over get_attr [resource] sees the map', () => {
  const joined = evaluateRuntime({ str_replace: { template: 'ip=X', params: { X: { get_attr: ['db'] } } } }, runtime) as string;
  expect(joined.startsWith('ip={')).toBe(true);
  expect(JSON.parse(joined.slice(3))).toMatchObject({ network_ip: 'db.network_ip' });
});

test('get_attr [resource] reads the inspect result and the logs', () => {
  expect(runtimeRefs({ env: [{ get_attr: ['db'] }] })).toEqual([{ resource: 'db', attr: 'info' }, { resource: 'db', attr: 'logs' }]);
  expect(runtimeRefs({ get_attr: ['db', 'network_ip'] })).toEqual([{ resource: 'db', attr: 'network_ip' }]);
});
