/**
 * Members of a group placed across a pool keep apart: a member goes where the fewest members of
 * its group are, whatever else runs there; changing count moves no member that stays.
 */
import { placeResources } from '../../src/spec/endpoints.js';
import { testSettings } from '../helpers/stack.js';

const settings = testSettings('st', { endpoints: { a: { url: 'tcp://10.0.0.1:2375' }, b: { url: 'tcp://10.0.0.2:2375' }, c: { url: 'tcp://10.0.0.3:2375' } } });

function where(resources: { name: string; group?: string; endpointRef?: string }[], options = {}): Record<string, string> {
  const placed = placeResources(resources, settings, options);
  if ('error' in placed) throw new Error(placed.error);
  return Object.fromEntries([...placed].map(([k, v]) => [k, v.name]));
}

const members = (n: number, group = 'web') => Array.from({ length: n }, (_, i) => ({ name: `${group}-${i}`, group }));

test('three members over three endpoints: one each, even when other resources fill one endpoint first', () => {
  // alpha and beta sort before web-*: by plain spread, web-0 would go to c, web-1 to a...; apart, each gets its own.
  const got = where([{ name: 'alpha', endpointRef: 'a' }, { name: 'beta', endpointRef: 'a' }, ...members(3)]);
  expect(new Set([got['web-0'], got['web-1'], got['web-2']]).size).toBe(3);
});

test('binpack still keeps members apart', () => {
  const got = where(members(3), { strategy: 'binpack' });
  expect(new Set(Object.values(got)).size).toBe(3);
  // ...while resources without a group are packed together.
  const packed = where([{ name: 'x' }, { name: 'y' }], { strategy: 'binpack' });
  expect(packed.x).toBe(packed.y);
});

test('six members on three endpoints: two each; two groups each spread on their own', () => {
  const got = where([...members(6), ...members(3, 'db')]);
  const per = (g: string) => Object.entries(got).filter(([k]) => k.startsWith(`${g}-`)).map(([, v]) => v).sort();
  expect(per('web')).toEqual(['a', 'a', 'b', 'b', 'c', 'c']);
  expect(per('db')).toEqual(['a', 'b', 'c']);
});

test('count grows: members that exist stay where they run; new ones go where the group has fewest', () => {
  const current = { 'web-0': 'a', 'web-1': 'a', 'web-2': 'b' };
  const got = where(members(5), { current });
  expect(got['web-0']).toBe('a');
  expect(got['web-1']).toBe('a');
  expect(got['web-2']).toBe('b');
  expect([got['web-3'], got['web-4']].sort()).toEqual(['b', 'c']);
});
