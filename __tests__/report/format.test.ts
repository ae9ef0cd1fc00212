import { formatDiagnostic, formatSeconds, renderPlanText, countDiagnostics } from '../../src/report/format.js';
import { redact, redactValue, maskPem, registryCredentialSecrets, MASK } from '../../src/report/mask.js';
import { diag, deployReport } from './fixtures.js';

describe('text formats', () => {
  it('prints diagnostics the way compilers do', () => {
    expect(formatDiagnostic(diag())).toBe("stacks/web.yaml:3:5: error: unknown property 'imag'");
    expect(formatDiagnostic(diag({ severity: 'warning', message: 'm' }))).toBe('stacks/web.yaml:3:5: warning: m');
  });
  it('prints the plan one node a line, with causes, then the counts', () => {
    expect(renderPlanText(deployReport().plan)).toBe(
      [
        '[] -> #1 replace web @local: env changed, image changed',
        '[] -> #2 remove old @local: left the template',
        'Plan: 0 to create, 1 to replace, 0 to start, 1 to remove, 0 unchanged.',
      ].join('\n'),
    );
  });
  it('prints the graph with its edges when the report has it, names escaped', () => {
    const graph = [
      { id: 1, type: 'replace' as const, resource: 'db', endpoint: 'local', reasons: ['image changed'], dependsOn: [] },
      { id: 2, type: 'bind' as const, resource: 'w\neb', endpoint: 'local', reasons: ['reads db.network_ip'], dependsOn: [1] },
      { id: 3, type: 'replace' as const, resource: 'w\neb', endpoint: 'local', reasons: ['db replaced in this run'], dependsOn: [1, 2] },
    ];
    expect(renderPlanText(deployReport().plan, graph)).toBe(
      [
        '[] -> #1 replace db @local: image changed',
        '[1] -> #2 bind w\\neb @local: reads db.network_ip',
        '[1,2] -> #3 replace w\\neb @local: db replaced in this run',
        'Plan: 0 to create, 2 to replace, 0 to start, 0 to remove, 0 unchanged.',
      ].join('\n'),
    );
  });
  it.each<[number | undefined, string]>([
    [undefined, ''],
    [0.04, '0.0 s'],
    [1.25, '1.3 s'],
    [12.6, '13 s'],
  ])('formatSeconds(%p) = %p', (s, text) => expect(formatSeconds(s)).toBe(text));
  it('counts with plurals', () => {
    expect(countDiagnostics([diag(), diag({ severity: 'warning' }), diag({ severity: 'warning' })])).toBe('1 error, 2 warnings');
  });
});

describe('masking', () => {
  it('redacts longest secrets first and skips very short ones', () => {
    expect(redact('pw=abcdef and abcd and abc and x', ['abcd', 'abcdef', 'abc', 'x'])).toBe(`pw=${MASK} and ${MASK} and abc and x`);
    expect(redactValue({ a: ['abcdef', 1], b: { c: 'zabcdefz' } }, ['abcdef'])).toEqual({ a: [MASK, 1], b: { c: `z${MASK}z` } });
  });
  it('registers a PEM key whole and line by line, but not its armour', () => {
    const seen: string[] = [];
    maskPem('-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n', (s) => seen.push(s));
    expect(seen).toHaveLength(2);
    expect(seen[1]).toBe('b3BlbnNzaC1rZXktdjEAAAAA');
  });
  it('knows the encodings a registry password travels in', () => {
    const forms = registryCredentialSecrets({ username: 'ci', password: 's3cret' }, '127.0.0.1:5000');
    expect(forms).toEqual(expect.arrayContaining(['s3cret', Buffer.from('ci:s3cret').toString('base64'), Buffer.from('s3cret').toString('base64')]));
  });
});
