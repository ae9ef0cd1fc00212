import { outputValues } from '../../src/report/outputs.js';
import { deployReport } from './fixtures.js';

describe('outputValues', () => {
  it('reports a failed validation as failure with empty JSON values', () => {
    expect(outputValues(undefined, true, { failureReason: 'template-invalid' })).toEqual({
      result: 'failure', changed: 'false', resources: '{}', outputs: '{}', plan: '[]', 'failure-reason': 'template-invalid',
    });
  });
  it('reports a clean validate run as success, with an empty failure-reason', () => {
    expect(outputValues(undefined, false).result).toBe('success');
    expect(outputValues(undefined, false)['failure-reason']).toBe('');
  });
  it('failure-reason: the reason given wins, then the report\'s, then internal', () => {
    const failed = { ...deployReport(), result: 'failure' as const, failureReason: 'health-failed' as const };
    expect(outputValues(failed, true)['failure-reason']).toBe('health-failed');
    expect(outputValues(failed, true, { failureReason: 'cancelled' })['failure-reason']).toBe('cancelled');
    expect(outputValues({ ...failed, failureReason: undefined }, true)['failure-reason']).toBe('internal');
    expect(outputValues(deployReport(), false)['failure-reason']).toBe('');
  });
  it('serialises the report: resources without timings, plan, outputs with hidden values masked', () => {
    const v = outputValues(deployReport(), false, { secrets: ['hunter22'] });
    expect(v.result).toBe('success');
    expect(v.changed).toBe('true');
    expect(JSON.parse(v.resources)).toEqual({
      web: {
        endpoint: 'local',
        container_id: '0123456789abcdef0123',
        container_name: 'shop-web',
        image: 'hotdock-test/busybox:1',
        image_id: 'sha256:aaa',
        action: 'replace',
        state: 'running',
        ports: ['127.0.0.1:8080->80/tcp'],
      },
    });
    expect(JSON.parse(v.plan)[0]).toEqual({ resource: 'web', endpoint: 'local', action: 'replace', reasons: ['env changed', 'image changed'] });
    expect(JSON.parse(v.outputs)).toEqual({ url: 'http://127.0.0.1:8080', password: '******', list: [1, 2] });
  });
  it('a report that failed is a failure; unchanged is false', () => {
    expect(outputValues(deployReport({ result: 'failure', changed: false }), false)).toMatchObject({ result: 'failure', changed: 'false' });
  });
});
