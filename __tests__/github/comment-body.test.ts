/** The PR comment's pure parts: the marker that finds it again, the status line, the body. */
import { commentBody, commentContent, formatMarker, parseMarker, statusLine, withStatus, type CommentStatus } from '../../src/github/comment-body.js';

const run = { run: '42', runUrl: 'https://github.com/acme/shop/actions/runs/42' };
const current: CommentStatus = { kind: 'current', mode: 'plan', sha: '0123456789abcdef', ...run };

describe('marker', () => {
  it('round-trips stack, template and plan hash, whatever the template path holds', () => {
    const m = { stack: 'shop-web', template: 'deploy/a --> b c.yaml', planHash: 'p1:abc' };
    const line = formatMarker(m);
    expect(line).toBe('<!-- hotdock:plan stack=shop-web template=deploy%2Fa%20--%3E%20b%20c.yaml plan-hash=p1%3Aabc -->');
    expect(line.indexOf('-->')).toBe(line.length - 3);
    expect(parseMarker(`${line}\nrest`)).toEqual(m);
  });

  it('recognises only a hotdock marker on the first line', () => {
    expect(parseMarker('LGTM')).toBeUndefined();
    expect(parseMarker(`text\n${formatMarker({ stack: 's', template: 't', planHash: '' })}`)).toBeUndefined();
    expect(parseMarker('<!-- hotdock:plan stack=%E0 template=t plan-hash= -->')).toBeUndefined();
  });
});

describe('status line', () => {
  it('says current, failed, applied or outdated, with the run', () => {
    expect(statusLine(current)).toBe('**Status:** 🟢 current: planned for <code>0123456</code> in [run 42](https://github.com/acme/shop/actions/runs/42); a merge applies exactly this plan.');
    expect(statusLine({ ...current, mode: 'validate' })).toContain('validated for');
    expect(statusLine({ ...current, kind: 'failed' })).toContain('❌ failed: the plan of');
    expect(statusLine({ kind: 'applied', ...run })).toBe('**Status:** ✅ applied in [run 42](https://github.com/acme/shop/actions/runs/42).');
    expect(statusLine({ kind: 'outdated', ...run })).toContain('⚠️ outdated');
  });

  it('withStatus replaces the status line alone', () => {
    const body = commentBody({ stack: 's', template: 't.yaml', planHash: 'p1:1' }, current, '## plan\n\ncreate web\n');
    const applied = withStatus(body, { kind: 'applied', ...run })!;
    expect(applied.split('\n')[0]).toBe(body.split('\n')[0]);
    expect(applied.split('\n')[1]).toBe(statusLine({ kind: 'applied', ...run }));
    expect(applied.split('\n').slice(2)).toEqual(body.split('\n').slice(2));
    expect(commentContent(applied)).toBe('## plan\n\ncreate web');
    expect(withStatus('not ours', { kind: 'applied', ...run })).toBeUndefined();
  });
});
