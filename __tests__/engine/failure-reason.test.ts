/** failure-reason: one word per failed run, from its phase and the errors' classes and causes. */
import { CancelledError } from '../../src/cancel.js';
import { EndpointError, EngineCallError } from '../../src/engine/errors.js';
import { classifyFailure, type RunPhase } from '../../src/engine/failure-reason.js';
import { runFailures } from '../../src/engine/run-failures.js';
import { ContainerStartError } from '../../src/engine/wait.js';
import { target } from '../deploy/plan-fixtures.js';

const facts = (phase: RunPhase, errors: unknown[], more: { cancelled?: boolean; rolledBack?: string[] } = {}) =>
  ({ phase, errors, cancelled: more.cancelled ?? false, rolledBack: more.rolledBack ?? [] });

test.each([
  ['connect', new Error(new EndpointError(target('x'), 'connection refused').message), 'endpoint-unreachable'],
  ['connect', new Error("resource 'web' names endpoint 'nope', which the endpoints input does not list"), 'template-invalid'],
  ['lock', new Error("stack 's' on endpoint 'local' is locked by run 41 since 2026-01-01T00:00:00Z; waited 300 s"), 'lock-held'],
  ['lock', new EngineCallError('local', 'listing containers', 'listing containers timed out after 15 s', { timedOut: true }), 'endpoint-unreachable'],
  ['images', new Error("image 'nope:1' not found in registry 'docker.io'"), 'image-unavailable'],
  ['execute', new Error('wrapped', { cause: new ContainerStartError("container 'web' exited with code 3; it wrote no logs", 3) }), 'health-failed'],
  ['execute', new Error('starting failed: port is already allocated (HTTP 500)'), 'internal'],
  ['observe', new Error('boom'), 'internal'],
] as const)('%s: %s → %s', (phase, err, reason) => {
  expect(classifyFailure(facts(phase, [err]))).toBe(reason);
});

test('a rollback without a classified cause is rolled-back; a cancel wins over everything', () => {
  expect(classifyFailure(facts('execute', [new Error('HTTP 500')], { rolledBack: ['web'] }))).toBe('rolled-back');
  const health = new ContainerStartError('unhealthy');
  expect(classifyFailure(facts('execute', [health], { rolledBack: ['web'] }))).toBe('health-failed');
  expect(classifyFailure(facts('execute', [health], { cancelled: true }))).toBe('cancelled');
  expect(classifyFailure(facts('lock', [new Error('x', { cause: new CancelledError('SIGINT') })]))).toBe('cancelled');
});

test('a failed operation keeps its cause apart from the container log tail', () => {
  const err = new ContainerStartError("resource 'web' on endpoint 'local': container 'a1' exited with code 3; last log lines:\n  | starting\n  | fatal: no config");
  expect(runFailures([{ resource: 'web', endpoint: 'local', error: err }])).toEqual([
    { resource: 'web', endpoint: 'local', message: "container 'a1' exited with code 3", logTail: 'starting\nfatal: no config' },
  ]);
  expect(runFailures([{ resource: 'db', endpoint: 'local', error: 'plain' }])).toEqual([{ resource: 'db', endpoint: 'local', message: 'plain' }]);
});
