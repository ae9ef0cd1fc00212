/** The summary's parts: the verdict line in every mode and outcome, the counts, the footer's links. */
import { actionCounts, endpointTables, runUrlOf, verdictLine, type VerdictFacts } from '../../src/report/summary-parts.js';
import { hiddenTest } from '../../src/report/mask.js';
import { deployReport } from './fixtures.js';

const facts = (over: Partial<VerdictFacts>): VerdictFacts => ({ mode: 'deploy', stackName: 'shop', failed: false, reason: '', errorCount: 0, warningCount: 0, ...over });

test.each([
  ['deploy', facts({ report: deployReport({ seconds: 3.25 }) }), '## ✅ <code>shop</code>: 1 replaced, 1 removed on 1 endpoint in 3.3 s'],
  ['plan', facts({ mode: 'plan', report: deployReport() }), '## ✅ <code>shop</code> plan: 1 to replace, 1 to remove on 1 endpoint'],
  ['destroy', facts({ mode: 'destroy', report: deployReport({ plan: [{ resource: 'web', endpoint: 'a', action: 'remove', reasons: [] }, { resource: 'db', endpoint: 'b', action: 'remove', reasons: [] }], resources: {} }) }), '## ✅ <code>shop</code> destroyed: 2 removed on 2 endpoints'],
  ['validate', facts({ mode: 'validate', warningCount: 1 }), '## ✅ <code>shop</code>: template valid, 0 errors, 1 warning'],
  ['invalid', facts({ failed: true, reason: 'template-invalid', errorCount: 2 }), '## ❌ <code>shop</code>: deploy failed (template-invalid): 2 template errors'],
  ['rolled back', facts({ failed: true, reason: 'health-failed', report: deployReport({ result: 'failure', rolledBack: ['web', 'db'], seconds: 40 }) }), '## ❌ <code>shop</code>: deploy failed (health-failed) on 1 endpoint in 40 s, rolled back <code>web</code>, <code>db</code>'],
])('verdict: %s', (_name, f, line) => {
  expect(verdictLine(f)).toBe(line);
});

test('counts: repairs apart, nothing when empty; a stack name cannot break the heading', () => {
  const plan = [
    { resource: 'a', endpoint: 'l', action: 'create' as const, reasons: ['new'] },
    { resource: 'b', endpoint: 'l', action: 'start' as const, reasons: ['repair: restore web'] },
    { resource: 'c', endpoint: 'l', action: 'unchanged' as const, reasons: [] },
  ];
  expect(actionCounts(plan, false)).toBe('1 created, 1 unchanged, 1 repaired');
  expect(actionCounts([], true)).toBe('nothing');
  expect(verdictLine(facts({ stackName: 'x\n## <img src=y>' }))).toBe('## ✅ <code>x\\n## &lt;img src=y&gt;</code>: template valid, 0 errors, 0 warnings');
});

test('a rolled-back resource says so in its row', () => {
  expect(endpointTables(deployReport({ rolledBack: ['web'] }))).toContain('| web | hotdock-test/busybox:1 (sha256:aaa) | rolled back, was replace: env changed, image changed |');
});

test('the run link comes from the runner environment only', () => {
  expect(runUrlOf({ GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'o/r', GITHUB_RUN_ID: '9' })).toBe('https://github.com/o/r/actions/runs/9');
  expect(runUrlOf({})).toBeUndefined();
});

test('hiddenTest: a whole value however short, a long one inside text', () => {
  const hidden = hiddenTest(['7', 'hunter22']);
  expect([hidden('7'), hidden('17'), hidden('x-hunter22-y'), hidden('hunter2')]).toEqual([true, false, true, false]);
});
