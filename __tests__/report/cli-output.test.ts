import { renderCliJson, renderCliText } from '../../src/report/cli-output.js';
import { diag, deployReport } from './fixtures.js';
import { runnerCommands } from '../runner/runner-commands.js';

describe('CLI output', () => {
  it('text: diagnostics compiler-style, then the verdict', () => {
    const text = renderCliText({ diagnostics: [diag({ line: 7 }), diag()], secrets: [], error: 'x' }, 'validate', 's', []);
    expect(text.split('\n')).toEqual([
      "stacks/web.yaml:3:5: error: unknown property 'imag'",
      "stacks/web.yaml:7:5: error: unknown property 'imag'",
      'validate of stack s: failure, template-invalid (2 errors, 0 warnings)',
      '',
    ]);
  });
  it('text: plan, outputs (masked), warnings and verdict of a deploy', () => {
    const text = renderCliText({ diagnostics: [], secrets: [], report: deployReport() }, 'deploy', 'shop', ['hunter22']);
    expect(text).toContain('[] -> #1 replace web @local: env changed, image changed\n');
    expect(text).toContain('  password: ******\n');
    expect(text).toContain('  list: [1,2]\n');
    expect(text).toContain('warning: plain TCP');
    expect(text).toContain('deploy of stack shop: success, changed (0 errors, 0 warnings)');
  });
  it('json: {diagnostics, result, plan, resources, outputs}', () => {
    const doc = JSON.parse(renderCliJson({ diagnostics: [diag()], secrets: [], report: deployReport() }, ['hunter22']));
    expect(Object.keys(doc)).toEqual(['diagnostics', 'result', 'changed', 'plan', 'resources', 'outputs']);
    expect(doc.diagnostics[0]).toMatchObject({ file: 'stacks/web.yaml', line: 3, column: 5, code: 'unknown-property' });
    expect(doc.result).toBe('success');
    expect(doc.plan).toHaveLength(2);
    expect(doc.resources.web.container_name).toBe('shop-web');
    expect(doc.outputs.password).toBe('******');
  });
  it('json of a failed validation', () => {
    const doc = JSON.parse(renderCliJson({ diagnostics: [diag()], secrets: [], error: 'bad' }, []));
    expect(doc).toMatchObject({ result: 'failure', changed: false, plan: [], resources: {}, outputs: {}, error: 'bad' });
  });
  it('text and json: template text cannot become a workflow command when the CLI runs in a step', () => {
    const planted = 'web\n::error title=FAKE::FAKE\r::add-mask::FAKE ##[stop-commands]FAKE';
    const report = deployReport({
      plan: [{ resource: planted, endpoint: 'local', action: 'create', reasons: ['new'] }],
      outputs: { [planted]: planted, log: `line one\n${planted}\n` },
      warnings: [planted],
    });
    const result = { diagnostics: [diag({ message: planted })], secrets: [], report };
    const text = renderCliText(result, 'plan', 's', []);
    expect(runnerCommands(text)).toEqual([]);
    expect(text).toContain("stacks/web.yaml:3:5: error: web\\n::error title=FAKE::FAKE\\r::add-mask::FAKE ##\\[stop-commands]FAKE");
    const json = renderCliJson(result, []);
    expect(runnerCommands(json)).toEqual([]);
    expect(JSON.parse(json).outputs[planted]).toBe(planted);
  });
  it('text: an endpoint that was never reached prints no plan, not "Plan: 0 to create"', () => {
    const report = deployReport({ result: 'failure', plan: [], changed: false, outputs: {}, warnings: [], error: "cannot reach Docker endpoint 'tcp://h:2376'", failureReason: 'endpoint-unreachable' });
    delete report.planGraph;
    const text = renderCliText({ diagnostics: [], secrets: [], report, error: report.error }, 'plan', 's', []);
    expect(text).not.toContain('Plan:');
    expect(text).toBe('plan of stack s: failure, endpoint-unreachable (0 errors, 0 warnings)\n');
  });
  it('text: a plan says what a deploy would do', () => {
    expect(renderCliText({ diagnostics: [], secrets: [], report: deployReport() }, 'plan', 's', [])).toContain('plan of stack s: success, would change (');
    const none = deployReport({ changed: false, plan: [{ resource: 'web', endpoint: 'local', action: 'unchanged', reasons: [] }] });
    expect(renderCliText({ diagnostics: [], secrets: [], report: none }, 'plan', 's', [])).toContain('plan of stack s: success, would change nothing (');
  });
});
