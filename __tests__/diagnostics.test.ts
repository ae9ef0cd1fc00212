import { hasErrors, sortDiagnostics, type Diagnostic } from '../src/diagnostics.js';

const d = (line: number, severity: Diagnostic['severity']): Diagnostic => ({
  file: 't.yaml', line, column: 1, path: '', code: 'x', message: 'm', severity,
});

test('hasErrors ignores warnings', () => {
  expect(hasErrors([d(1, 'warning')])).toBe(false);
  expect(hasErrors([d(1, 'warning'), d(2, 'error')])).toBe(true);
});

test('sortDiagnostics orders by line', () => {
  expect(sortDiagnostics([d(3, 'error'), d(1, 'error')]).map((x) => x.line)).toEqual([1, 3]);
});
