import fc from 'fast-check';
import { editDistance, suggest } from '../../src/template/suggest.js';
import { CONTAINER_PROPERTIES, HOT_SECTIONS, INTRINSIC_FUNCTIONS, LINUX_CAPABILITIES } from '../../src/template/hot-schema.js';

describe('editDistance', () => {
  test.each([
    ['', '', 0],
    ['image', 'image', 0],
    ['imgae', 'image', 1], // swapped letters cost one edit
    ['port_spec', 'port_specs', 1],
    ['kitten', 'sitting', 3],
    ['', 'abc', 3],
  ])('%s → %s is %d', (a, b, d) => expect(editDistance(a, b)).toBe(d));

  test('is symmetric and zero only for equal words', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), (a, b) => {
        expect(editDistance(a, b)).toBe(editDistance(b, a));
        expect(editDistance(a, b) === 0).toBe(a === b);
        expect(editDistance(a, b)).toBeLessThanOrEqual(Math.max(a.length, b.length));
      }),
    );
  });
});

describe('suggest', () => {
  test.each([
    ['port_spec', CONTAINER_PROPERTIES, 'port_specs'],
    ['imgae', CONTAINER_PROPERTIES, 'image'],
    ['Image', CONTAINER_PROPERTIES, 'image'],
    ['capadd', CONTAINER_PROPERTIES, 'cap_add'],
    ['environment', CONTAINER_PROPERTIES, 'env'], // a longer word starting with a name
    ['SYS_ADMN', LINUX_CAPABILITIES, 'SYS_ADMIN'],
    ['sys_admin', LINUX_CAPABILITIES, 'SYS_ADMIN'],
    ['get_parm', INTRINSIC_FUNCTIONS, 'get_param'],
    ['descripton', HOT_SECTIONS, 'description'],
    ['resource', HOT_SECTIONS, 'resources'],
    ['volume', CONTAINER_PROPERTIES, 'volumes'],
    ['restart', CONTAINER_PROPERTIES, 'restart_policy'], // prefix of a longer name
    ['zzzzzz', CONTAINER_PROPERTIES, undefined],
    ['ab', ['tty', 'cmd'], undefined], // two letters are two edits from anything short
    ['image', CONTAINER_PROPERTIES, undefined], // already valid: nothing to suggest
  ])('%s', (word, candidates, expected) => expect(suggest(word, candidates as readonly string[])).toBe(expected));

  test('prefers the closer of two candidates, whatever their order', () => {
    expect(suggest('tyy', ['dns', 'tty'])).toBe('tty');
    expect(suggest('cmdd', ['cmd', 'cpu_set'])).toBe('cmd');
    expect(suggest('cmdd', ['cpu_set', 'cmd'])).toBe('cmd');
  });

  test('only ever answers with a candidate', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 16 }), fc.array(fc.string({ maxLength: 16 }), { maxLength: 8 }), (w, cs) => {
        const s = suggest(w, cs);
        if (s !== undefined) expect(cs).toContain(s);
      }),
    );
  });
});
