/** Shared data for the report tests. */
import type { Diagnostic } from '../../src/diagnostics.js';
import type { DeployReport } from '../../src/deploy/types.js';

export function diag(over: Partial<Diagnostic> = {}): Diagnostic {
  return {
    file: 'stacks/web.yaml',
    line: 3,
    column: 5,
    path: '/resources/web/properties/imag',
    code: 'unknown-property',
    message: "unknown property 'imag'",
    severity: 'error',
    ...over,
  };
}

export function deployReport(over: Partial<DeployReport> = {}): DeployReport {
  return {
    result: 'success',
    changed: true,
    resources: {
      web: {
        endpoint: 'local',
        container_id: '0123456789abcdef0123',
        container_name: 'shop-web',
        image: 'hotdock-test/busybox:1',
        image_id: 'sha256:aaa',
        action: 'replace',
        state: 'running',
        ports: ['127.0.0.1:8080->80/tcp'],
        seconds: 1.234,
      },
    },
    outputs: { url: 'http://127.0.0.1:8080', password: 'hunter22', list: [1, 2] },
    plan: [
      { resource: 'web', endpoint: 'local', action: 'replace', reasons: ['env changed', 'image changed'] },
      { resource: 'old', endpoint: 'local', action: 'remove', reasons: ['left the template'] },
    ],
    warnings: ['plain TCP to 10.0.0.1:2375'],
    rolledBack: [],
    ...over,
  };
}
