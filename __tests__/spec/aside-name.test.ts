import { asideName, parseAsideName, runTag } from '../../src/spec/aside-name.js';

const ID = '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';

test('an aside name carries the name, the run tag and 12 characters of the id', () => {
  expect(asideName('shop-web', '4711', ID)).toBe('shop-web-hotdock-aside-4711-0123456789ab');
  expect(asideName('shop-web', 'cli-123/attempt 2', ID)).toBe('shop-web-hotdock-aside-cli-123-attempt-2-0123456789ab');
  expect(runTag('')).toBe('-');
});

test.each([
  ['shop-web-hotdock-aside-4711-0123456789ab', { asideOf: 'shop-web', run: '4711' }],
  ['shop-web-hotdock-aside-cli-123-attempt-2-0123456789ab', { asideOf: 'shop-web', run: 'cli-123-attempt-2' }],
  // A name that itself contains the marker: the last one counts.
  ['a-hotdock-aside-b-hotdock-aside-9-0123456789ab', { asideOf: 'a-hotdock-aside-b', run: '9' }],
  ['shop-web-hotdock-old-0123456789ab', { asideOf: 'shop-web' }],
])('reads %s', (name, expected) => {
  expect(parseAsideName(name, ID)).toEqual(expected);
});

test.each([
  'shop-web',
  // Not this container's id: a name that only looks like one.
  'shop-web-hotdock-aside-4711-ffffffffffff',
  'shop-web-hotdock-old-ffffffffffff',
  'shop-web-hotdock-aside-0123456789ab',
])('%s is not an aside name of this container', (name) => {
  expect(parseAsideName(name, ID)).toBeUndefined();
});

test('round trip', () => {
  for (const run of ['1', 'a.b_c-d', 'x y/z']) {
    expect(parseAsideName(asideName('n', run, ID), ID)).toEqual({ asideOf: 'n', run: runTag(run) });
  }
});
