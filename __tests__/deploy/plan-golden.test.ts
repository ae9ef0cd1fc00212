/**
 * Golden plans: each testdata/plans/<case>.json holds the desired and observed containers as data,
 * <case>.txt the plan text it must print (nodes, edges, causes). UPDATE_GOLDEN=1 rewrites the text.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { planDestroy, type DestroyResource } from '../../src/deploy/destroy-plan.js';
import { planStack } from '../../src/deploy/plan.js';
import { formatPlan } from '../../src/deploy/plan-text.js';
import type { ObservedContainer, PlanNode } from '../../src/deploy/types.js';
import { desired, observedFrom, type DesiredSpec } from './plan-fixtures.js';

const dir = resolve(import.meta.dirname ?? '.', '../../testdata/plans');

interface GoldenCase {
  about: string;
  mode?: 'deploy' | 'destroy';
  prune?: boolean;
  /** Hidden parameter values: the field-level plan masks them. */
  hidden?: string[];
  desired?: DesiredSpec[];
  resources?: DestroyResource[];
  /** `of`: a desired resource's container; `spec`: another container; the rest overrides. */
  observed: ({ of?: string; spec?: DesiredSpec } & Partial<ObservedContainer>)[];
}

/** The plan a golden case's data gives. */
export function planOfCase(c: GoldenCase): PlanNode[] {
  const wanted = (c.desired ?? []).map(desired);
  const observed = c.observed.map(({ of, spec, ...over }) => {
    const from = of !== undefined ? wanted.find((d) => d.resource === of) : spec ? desired(spec) : undefined;
    if (!from) throw new Error(`golden case: observed entry names neither a desired resource nor a spec`);
    return observedFrom(from, over);
  });
  return c.mode === 'destroy' ? planDestroy(observed, c.resources ?? []) : planStack(wanted, observed, { prune: c.prune ?? true, hidden: (t) => (c.hidden ?? []).some((h) => t.includes(h)) });
}

const cases = readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).sort();

test('every kind of plan has a golden case', () => {
  expect(cases).toEqual(expect.arrayContaining(['destroy', 'fields', 'fresh', 'late-binding', 'mixed', 'move', 'noop', 'pool-move', 'renamed', 'repair']));
});

test.each(cases)('%s', (name) => {
  const c = JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')) as GoldenCase;
  const text = formatPlan(planOfCase(c)) + '\n';
  const file = join(dir, `${name}.txt`);
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(file, text);
  expect(text).toBe(readFileSync(file, 'utf8'));
});
