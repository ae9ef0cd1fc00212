import { annotationsFor, ANNOTATION_LIMIT } from '../../src/report/annotations.js';
import { diag } from './fixtures.js';

describe('annotationsFor', () => {
  it('maps a diagnostic to file, startLine, startColumn and the code as title', () => {
    expect(annotationsFor([diag()]).annotations).toEqual([
      {
        kind: 'error',
        message: "unknown property 'imag'",
        properties: { title: 'unknown-property', file: 'stacks/web.yaml', startLine: 3, startColumn: 5 },
      },
    ]);
  });

  it('keeps the first ten errors and the first ten warnings, in source order, and counts the rest', () => {
    const errors = Array.from({ length: 13 }, (_, i) => diag({ line: 20 - i }));
    const warnings = Array.from({ length: 11 }, (_, i) => diag({ line: 100 + i, severity: 'warning', code: 'w' }));
    const { annotations, omitted, rest } = annotationsFor([...warnings, ...errors]);
    const lines = (kind: string) => annotations.filter((a) => a.kind === kind).map((a) => a.properties.startLine);
    expect(lines('error')).toEqual([8, 9, 10, 11, 12, 13, 14, 15, 16, 17]);
    expect(lines('warning')).toHaveLength(ANNOTATION_LIMIT);
    expect(omitted).toEqual({ error: 3, warning: 1 });
    expect(rest.map((d) => d.line)).toEqual([18, 19, 20, 110]);
  });

  it('has nothing to say about a clean template', () => {
    expect(annotationsFor([])).toEqual({ annotations: [], omitted: { error: 0, warning: 0 }, rest: [] });
  });
  it('escapes terminal controls in messages; line breaks are left to @actions/core, which escapes them', () => {
    const [a] = annotationsFor([diag({ message: 'bad\u001b[2J name\nsecond line' })]).annotations;
    expect(a.message).toBe('bad\\u001b[2J name\nsecond line');
  });
});
