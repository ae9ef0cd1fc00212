import { renderSummary, renderDiagnosticsTable, renderInputFailure, cell, type SummaryData } from '../../src/report/summary.js';
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
    expect(md).toContain('## ❌ hotdock deploy of stack <code>shop-web</code>');
    expect(md).toContain('result <b>failure</b>');
    expect(md).toContain('1 error, 1 warning');
    expect(md).toContain('Nothing was deployed: the template has 1 error.');
    expect(md).toContain('| warning | stacks/web.yaml:9:5 | w | odd |');
    expect(md).not.toContain('### Resources');
  });

  it('a clean validation: success, no tables', () => {
    const md = renderSummary(data({ mode: 'validate' }));
    expect(md).toContain('## ✅ hotdock validation of stack <code>shop-web</code>');
    expect(md).toContain('0 errors, 0 warnings');
    expect(md).not.toContain('|');
  });

  it('a deploy: resources with action and why, container, ports, time; the plan; outputs masked; warnings', () => {
    const md = renderSummary(data({ report: deployReport(), secrets: ['hunter22'] }));
    expect(md).toContain('| resource | endpoint | image | action | container | ports | time |');
    expect(md).toContain(
      '| web | local | hotdock-test/busybox:1 | replace: env changed, image changed | shop-web (0123456789ab) | 127.0.0.1:8080-&gt;80/tcp | 1.2 s |',
    );
    expect(md).toContain('| old | local |  | remove: left the template |  |  |  |');
    expect(md).toContain('```text\n[] -> #1 replace web @local: env changed, image changed\n');
    expect(md).toContain('Plan: 0 to create, 1 to replace, 0 to start, 1 to remove, 0 unchanged.\n```');
    expect(md).toContain('| url | http://127.0.0.1:8080 |');
    expect(md).toContain('| password | ****** |');
    expect(md).toContain('| list | [1,2] |');
    expect(md).toContain('- plain TCP to 10.0.0.1:2375');
    expect(md).toContain('changed <b>yes</b>');
    expect(md).not.toContain('hunter22');
    expect(md).not.toContain('### Rollback');
  });

  it('a plan says what a deploy would change', () => {
    expect(renderSummary(data({ mode: 'plan', report: deployReport() }))).toContain('would change <b>yes</b>');
  });

  it('a failed deploy says what was rolled back', () => {
    const md = renderSummary(data({ report: deployReport({ result: 'failure', error: 'web: not running after 60 s', rolledBack: ['web'] }) }));
    expect(md).toContain('## ❌');
    expect(md).toContain('> [!CAUTION]\n> web: not running after 60 s');
    expect(md).toContain('### Rollback');
    expect(md).toContain('<code>web</code>');
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
