import { renderSummary, renderDiagnosticsTable, renderInputFailure, cell, type SummaryData } from '../../src/report/summary.js';
import { renderPlanMarkdown } from '../../src/report/plan-markdown.js';
import { diag, deployReport } from './fixtures.js';

function data(over: Partial<SummaryData> = {}): SummaryData {
  return { template: 'stacks/web.yaml', mode: 'deploy', stackName: 'shop-web', diagnostics: [], secrets: [], ...over };
}

describe('renderDiagnosticsTable', () => {
  it('lists every diagnostic: severity, file:line:col, code, message', () => {
    const many = Array.from({ length: 25 }, (_, i) => diag({ line: i + 1 }));
    const md = renderDiagnosticsTable(many);
    expect(md.split('\n')[0]).toBe('| severity | location | code | message |');
    expect(md).toContain("| error | stacks/web.yaml:25:5 | unknown-property | unknown property 'imag' |");
    expect(md.split('\n')).toHaveLength(27);
  });
  it('keeps table syntax and HTML out of cells', () => {
    expect(cell('a|b <x>\nc')).toBe('a&#124;b &lt;x&gt;<br>c');
  });
});

describe('renderSummary', () => {
  it('a template with errors: failure, nothing deployed, every diagnostic listed', () => {
    const md = renderSummary(
      data({ diagnostics: [diag(), diag({ line: 9, severity: 'warning', code: 'w', message: 'odd' })], error: 'The template has 1 error' }),
    );
    expect(md.split('\n')[0]).toBe('## ❌ <code>shop-web</code>: deploy failed (template-invalid): 1 template error');
    expect(md).toContain('result <b>failure</b>');
    expect(md).toContain('1 error, 1 warning');
    expect(md).toContain('Nothing was deployed: the template has 1 error.');
    expect(md).toContain('| warning | stacks/web.yaml:9:5 | w | odd |');
    expect(md).not.toContain('### Resources');
  });

  it('a clean validation: success, no tables', () => {
    const md = renderSummary(data({ mode: 'validate' }));
    expect(md.split('\n')[0]).toBe('## ✅ <code>shop-web</code>: template valid, 0 errors, 0 warnings');
    expect(md).toContain('0 errors, 0 warnings');
    expect(md).not.toContain('| ');
  });

  it('a deploy: resources with action and why, container, ports, time; the plan; outputs masked; warnings', () => {
    const md = renderSummary(data({ report: deployReport({ seconds: 14.2 }), secrets: ['hunter22'] }));
    expect(md.split('\n')[0]).toBe('## ✅ <code>shop-web</code>: 1 replaced, 1 removed on 1 endpoint in 14 s');
    expect(md).toContain('### Endpoint <code>local</code>\n\n| resource | image | action | container | ports | health | time |');
    expect(md).toContain(
      '| web | hotdock-test/busybox:1 (sha256:aaa) | replace: env changed, image changed | shop-web (0123456789ab) | 127.0.0.1:8080-&gt;80/tcp | running | 1.2 s |',
    );
    expect(md).toContain('| old |  | remove: left the template |  |  |  |  |');
    expect(md).toContain('```text\n[] -> #1 replace web @local: env changed, image changed\n');
    expect(md).toContain('Plan: 0 to create, 1 to replace, 0 to start, 1 to remove, 0 unchanged.\n```');
    expect(md).toContain('| url | http://127.0.0.1:8080 |');
    expect(md).toContain('| password | ****** |');
    expect(md).toContain('| list | [1,2] |');
    expect(md).toContain('- plain TCP to 10.0.0.1:2375');
    expect(md).toContain('changed <b>yes</b>');
    expect(md).not.toContain('hunter22');
    expect(md).not.toContain('### What failed');
  });

  it('a plan says what a deploy would change', () => {
    const md = renderSummary(data({ mode: 'plan', report: deployReport() }));
    expect(md).toContain('would change <b>yes</b>');
    expect(md.split('\n')[0]).toBe('## ✅ <code>shop-web</code> plan: 1 to replace, 1 to remove on 1 endpoint');
  });

  it('a failed deploy says what was rolled back', () => {
    const failures = [{ resource: 'web', endpoint: 'local', message: "container 'x' exited with code 3", logTail: 'booting\nfatal: hunter22 rejected' }];
    const report = deployReport({ result: 'failure', error: 'web: not running after 60 s', rolledBack: ['web'], failureReason: 'health-failed', seconds: 40, failures });
    const md = renderSummary(data({ report, secrets: ['hunter22'] }));
    expect(md.split('\n')[0]).toBe('## ❌ <code>shop-web</code>: deploy failed (health-failed) on 1 endpoint in 40 s, rolled back <code>web</code>');
    expect(md).toContain('> [!CAUTION]\n> web: not running after 60 s');
    expect(md).toContain("### What failed\n\n- <code>web</code> on <code>local</code>: container 'x' exited with code 3");
    expect(md).toContain('Last log lines of <code>web</code>:\n\n```text\nbooting\nfatal: ****** rejected\n```');
    expect(md).toContain('**Rolled back:** <code>web</code>');
    expect(md).toContain('reason <b>health-failed</b>');
  });

  it('never prints a secret, wherever it hides', () => {
    const md = renderSummary(
      data({ diagnostics: [diag({ message: 'value hunter22 is too long' })], report: deployReport({ warnings: ['hunter22'] }), secrets: ['hunter22'] }),
    );
    expect(md).not.toContain('hunter22');
  });
});

describe('renderInputFailure', () => {
  it('says the inputs were wrong, and never shows a secret', () => {
    const md = renderInputFailure("Invalid input 'pull': 'often'. Expected missing, always or never (pw s3cret)", ['s3cret']);
    expect(md).toContain("## ❌ hotdock: the step's inputs are invalid");
    expect(md).toContain("Invalid input 'pull': 'often'");
    expect(md).not.toContain('s3cret');
  });
});

describe('the plan part and the footer', () => {
  const graph = [
    { id: 1, type: 'replace' as const, resource: 'web', endpoint: 'local', reasons: ['env changed'], dependsOn: [], changes: [{ field: 'env', old: 'A=1', new: 'A=<b>2' }] },
    { id: 2, type: 'remove' as const, resource: 'old', endpoint: 'local', reasons: ['left the template'], dependsOn: [1] },
  ];
  it('each change in a <details> block, its lines the plan text\'s, escaped; the same markdown for a PR comment', () => {
    const report = deployReport({ planGraph: graph });
    const md = renderSummary(data({ report }));
    const part = renderPlanMarkdown(report);
    expect(md).toContain(part);
    expect(part).toContain('### Changes\n\n<details open><summary>replace <code>web</code> @ <code>local</code> — env changed</summary>\n\n```text\nenv: A=1 → A=<b>2\n```');
    expect(part).toContain('[] -> #1 replace web @local: env changed\n    env: A=1 → A=<b>2\n[1] -> #2 remove old @local');
    expect(part.replace(/```text\n[\s\S]*?```/g, '')).not.toContain('<b>2');
  });
  it('a long list of changes starts closed, unless the run failed', () => {
    const many = Array.from({ length: 30 }, (_, i) => ({ field: 'env', old: `V${i}=1`, new: `V${i}=2` }));
    const report = deployReport({ planGraph: [{ ...graph[0], changes: many }] });
    expect(renderPlanMarkdown(report)).toContain('<details><summary>replace');
    expect(renderPlanMarkdown(report, { open: true })).toContain('<details open><summary>replace');
  });
  it('the footer: plan hash, lock holder, links (web links only)', () => {
    const md = renderSummary(data({ report: deployReport({ lockHolder: 'run 42' }), footer: { planHash: 'sha256:abc', runUrl: 'https://github.com/o/r/actions/runs/1', commentUrl: 'javascript:alert(1)' } }));
    expect(md).toContain('---\n<sub>plan hash <code>sha256:abc</code> · lock held by run 42 · [workflow run](https://github.com/o/r/actions/runs/1)</sub>');
    expect(md).not.toContain('javascript');
  });
  it('log tails give way first when the summary is too big, saying so', () => {
    const tail = 'x'.repeat(50_000) + '\nLAST';
    const report = deployReport({ result: 'failure', failures: [{ resource: 'web', endpoint: 'local', message: 'boom', logTail: tail }], outputs: { big: 'y'.repeat(20_000) } });
    const md = renderSummary(data({ report }), 40_000);
    expect(Buffer.byteLength(md)).toBeLessThanOrEqual(40_000);
    expect(md).toMatch(/… \d+ bytes truncated\n[x\n]*LAST/);
    expect(md).toContain('y'.repeat(20_000));
  });
});
