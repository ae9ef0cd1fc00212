/** The plan hash: what changes it (an action, a field, an image id, the pull request) and what does not (order, node ids). */
import { planStack } from '../../src/deploy/plan.js';
import { normalisePlan, planHash, sameAsChecked, type PlanHashEntry } from '../../src/deploy/plan-hash.js';
import { desired, observedFrom } from '../deploy/plan-fixtures.js';

const PR = 'https://github.com/acme/shop/pull/7';
const opts = { prune: true, rollback: true };

function plan(env: string[], imageId = 'sha256:aaa', observedImage = 'sha256:aaa') {
  const web = desired({ resource: 'web', properties: { image: 'hotdock-test/busybox:1', env }, imageId });
  const db = desired({ resource: 'db', properties: { image: 'hotdock-test/busybox:1' }, imageId });
  const before = [observedFrom(desired({ resource: 'web', properties: { image: 'hotdock-test/busybox:1', env: ['A=1'] } }), { imageId: observedImage })];
  return normalisePlan(planStack([web, db], before, opts));
}

describe('planHash', () => {
  it('is stable for the same plan and salt, and versioned', () => {
    expect(planHash(plan(['A=2']), PR)).toBe(planHash(plan(['A=2']), PR));
    expect(planHash(plan(['A=2']), PR)).toMatch(/^p1:[0-9a-f]{64}$/);
  });

  it('changes with a field, an action, the image id or the pull request', () => {
    const base = planHash(plan(['A=2']), PR);
    expect(planHash(plan(['A=3']), PR)).not.toBe(base);
    expect(planHash(plan(['A=1']), PR)).not.toBe(base); // web unchanged instead of replaced
    expect(planHash(plan(['A=2'], 'sha256:bbb'), PR)).not.toBe(base);
    expect(planHash(plan(['A=2']), 'https://github.com/acme/shop/pull/8')).not.toBe(base);
  });

  it('does not depend on the order of operations', () => {
    const entries = plan(['A=2']);
    expect(planHash([...entries].reverse(), PR)).toBe(planHash(entries, PR));
    expect(normalisePlan([])).toEqual([]);
  });

  it('normalises a plan to resource, endpoint, action, config hash and image', () => {
    const entries = plan(['A=2']);
    expect(entries.map((e) => `${e.resource}:${e.action}`)).toEqual(['db:create', 'web:replace']);
    expect(entries[0]).toEqual({ resource: 'db', endpoint: 'local', action: 'create', config: expect.stringMatching(/^v1:/), image: 'hotdock-test/busybox:1', imageId: 'sha256:aaa' });
  });
});

describe('sameAsChecked', () => {
  const entry = (over: Partial<PlanHashEntry> = {}): PlanHashEntry => ({ resource: 'web', endpoint: 'local', action: 'create', config: 'v1:x', image: 'i:1', imageId: 'sha256:a', ...over });

  it('accepts the same plan, and an image id the check could not know yet', () => {
    expect(sameAsChecked([entry()], [entry()])).toBe(true);
    expect(sameAsChecked([entry({ imageId: '' })], [entry({ imageId: 'sha256:pulled' })])).toBe(true);
  });

  it('refuses a moved tag, another field, another action, an extra operation', () => {
    expect(sameAsChecked([entry()], [entry({ imageId: 'sha256:b' })])).toBe(false);
    expect(sameAsChecked([entry()], [entry({ config: 'v1:y' })])).toBe(false);
    expect(sameAsChecked([entry()], [entry({ action: 'replace' })])).toBe(false);
    expect(sameAsChecked([entry()], [entry(), entry({ resource: 'db' })])).toBe(false);
  });
});
