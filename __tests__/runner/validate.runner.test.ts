/**
 * The committed bundle, run as the runner runs it, in validate mode: a stale or broken dist/
 * fails here. Needs no Docker.
 */
import { BAD_TEMPLATE as BAD, runAction, workspace } from './harness.js';

const GOOD = `heat_template_version: 2018-08-31
description: one web container
parameters:
  port:
    type: number
    default: 8080
resources:
  web:
    type: DockerInc::Docker::Container
    properties:
      image: hotdock-test/busybox:1
      port_bindings:
        80: {HostIp: 127.0.0.1, HostPort: {get_param: port}}
outputs:
  port:
    value: {get_param: port}
`;

describe('action bundle, validate mode', () => {
  it('an invalid template: annotation at the line, summary table, result=failure, exit 1', () => {
    const ws = workspace({ 'stacks/bad.yaml': BAD });
    const r = runAction(ws, { template: 'stacks/bad.yaml', mode: 'validate' });
    expect(r.stdout).toMatch(/^::error title=[a-z0-9-]+,file=stacks\/bad\.yaml,line=7,col=7::.*imag/m);
    expect(r.summary).toContain('| severity | location | code | message |');
    expect(r.summary).toMatch(/\| error \| stacks\/bad\.yaml:7:7 \| [a-z0-9-]+ \| .*imag/);
    expect(r.summary).toContain('result <b>failure</b>');
    expect(r.outputs).toMatchObject({ result: 'failure', changed: 'false', plan: '[]', resources: '{}', outputs: '{}' });
    expect(r.stdout).toMatch(/^::error::The template stacks\/bad\.yaml has 1 error/m);
    expect(r.status).toBe(1);
  });

  it('a valid template: result=success, exit 0, nothing deployed', () => {
    const ws = workspace({ 'web.yaml': GOOD });
    const r = runAction(ws, { template: 'web.yaml', mode: 'validate' });
    expect(r.stdout).not.toMatch(/^::error/m);
    expect(r.outputs).toMatchObject({ result: 'success', changed: 'false' });
    expect(r.summary).toContain('## ✅ <code>shop-web</code>: template valid');
    expect(r.status).toBe(0);
  });

  it('a bad input fails the step before any template is read', () => {
    const ws = workspace({ 'web.yaml': GOOD });
    const r = runAction(ws, { template: 'web.yaml', mode: 'deploi' });
    expect(r.stdout).toContain("::error::Invalid input 'mode': 'deploi'. Expected validate, plan, deploy or destroy");
    expect(r.outputs.result).toBe('failure');
    expect(r.summary).toContain("## ❌ hotdock: the step's inputs are invalid");
    expect(r.status).toBe(1);
  });

  it('annotates the first ten errors, logs the rest, and lists all of them in the summary', () => {
    const props = Array.from({ length: 12 }, (_, i) => `      bogus_${i}: x`).join('\n');
    const ws = workspace({ 'many.yaml': BAD.replace('      imag: typo', props) });
    const r = runAction(ws, { template: 'many.yaml', mode: 'validate' });
    expect(r.stdout.match(/^::error title=[^:]*file=many\.yaml,line=\d+,col=7::/gm)).toHaveLength(10);
    expect(r.stdout).toContain('2 more error(s) and 0 more warning(s), also in the job summary:');
    expect(r.stdout).toMatch(/^many\.yaml:18:7: error: .*bogus_11/m);
    expect(r.summary.match(/^\| error \| many\.yaml:\d+:7 \|/gm)).toHaveLength(12);
    expect(r.status).toBe(1);
  });

  it('a missing template is one error at 1:1 naming the path', () => {
    const ws = workspace({});
    const r = runAction(ws, { template: 'nope.yaml', mode: 'validate' });
    expect(r.stdout).toMatch(/^::error title=[a-z-]+,file=nope\.yaml,line=1,col=1::/m);
    expect(r.status).toBe(1);
  });
});
