/** The field-level plan: old → new per field, against the container as inspect shows it. */
import { createChanges, fieldChanges, formatFieldChange, shortDigest } from '../../src/deploy/field-diff.js';
import { LABEL_CONFIG_FIELDS } from '../../src/spec/labels.js';
import { desired, observedFrom } from './plan-fixtures.js';

const lines = (changes: ReturnType<typeof fieldChanges>) => changes.map(formatFieldChange);

test('only the fields whose digest changed are compared: daemon-filled values never show', () => {
  const before = desired({ resource: 'web', properties: { image: 'nginx:1.27', env: ['A=1'] } });
  const after = desired({ resource: 'web', properties: { image: 'nginx:1.27', env: ['A=2'] } });
  // Inspect shows more than the template set: a hostname, the image's PATH, a daemon default.
  const body = { ...before.body, Hostname: 'a1b2c3d4e5f6', Env: ['A=1', 'PATH=/usr/bin'], HostConfig: { NetworkMode: 'default' } };
  const o = observedFrom(before, { spec: { body, image: { Env: ['PATH=/usr/bin'] } } });
  expect(lines(fieldChanges(after, o))).toEqual(['env: A=1 → A=2']);
});

test('without field digests (an older container) values are compared, image defaults left out', () => {
  const before = desired({ resource: 'web', properties: { image: 'nginx:1.27', env: ['A=1'], port_specs: ['8080'] } });
  const after = desired({ resource: 'web', properties: { image: 'nginx:1.27', env: ['A=1'], port_bindings: { 80: 9090 } } });
  const labels = { ...before.body.Labels as Record<string, string> };
  delete labels[LABEL_CONFIG_FIELDS];
  const body = { ...before.body, Env: ['A=1', 'PATH=/bin'], ExposedPorts: { '8080/tcp': {}, '80/tcp': {} }, Labels: { ...labels, maintainer: 'x' } };
  const o = observedFrom(before, { labels, configHash: 'v1:old', spec: { body, image: { Env: ['PATH=/bin'], ExposedPorts: { '80/tcp': {} }, Labels: { maintainer: 'x' } } } });
  expect(lines(fieldChanges(after, o))).toEqual(['ports: 8080/tcp → 9090->80/tcp']);
});

test('a moved tag shows both digests; a create shows the image it brings', () => {
  const d = { ...desired({ resource: 'web', properties: { image: 'nginx:1.27' } }), imageId: `sha256:${'cd'.repeat(32)}` };
  const o = observedFrom(d, { imageId: `sha256:${'ab'.repeat(32)}` });
  expect(lines(fieldChanges(d, o))).toEqual(['image: nginx:1.27 (sha256:abababababab) → nginx:1.27 (sha256:cdcdcdcdcdcd)']);
  expect(lines(createChanges(d))).toEqual(['image: nginx:1.27 (sha256:cdcdcdcdcdcd)']);
  expect(shortDigest('sha256:xyz')).toBe('sha256:xyz');
});

test('hidden values are masked on both sides, in env and in any other field', () => {
  const before = desired({ resource: 'db', properties: { image: 'pg', env: ['PW=old-value', 'X=1'], hostname: 'old-host' } });
  const after = desired({ resource: 'db', properties: { image: 'pg', env: ['PW=hunter22', 'X=2'], hostname: 'hunter22.example' } });
  const out = lines(fieldChanges(after, observedFrom(before), (t) => t.includes('hunter22')));
  // In the property table's order (hostname comes before env).
  expect(out).toEqual(['hostname: ****** → ******', 'env: PW=****** → PW=******', 'env: X=1 → X=2']);
  expect(out.join('\n')).not.toMatch(/old-value|hunter22/);
});

test('memory reads in MiB; a removed field reads (unset)', () => {
  const before = desired({ resource: 'w', properties: { image: 'busybox', memory: 268435456, cmd: ['sleep', '1'] } });
  const after = desired({ resource: 'w', properties: { image: 'busybox', memory: 536870912 } });
  expect(lines(fieldChanges(after, observedFrom(before)))).toEqual(['cmd: ["sleep","1"] → (unset)', 'memory: 256 MiB → 512 MiB']);
});
