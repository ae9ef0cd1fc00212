/**
 * ipVersion must judge addresses exactly as node:net's isIP does (which it replaces, so that
 * validate does not load node's stream stack): the same answer on known forms and on many
 * generated near-addresses.
 */
import { isIP } from 'node:net';
import fc from 'fast-check';
import { ipVersion } from '../../src/spec/ip-address.js';

const KNOWN = [
  '127.0.0.1', '0.0.0.0', '255.255.255.255', '256.0.0.1', '01.2.3.4', '1.2.3', '1.2.3.4.5', '1.2.3.4 ', ' 1.2.3.4',
  '::', '::1', '1::', 'fe80::1', 'fe80::1%eth0', 'fe80::1%', 'fe80::1%eth 0', '::ffff:127.0.0.1', '::ffff:127.0.0.01',
  '2001:db8::1', '2001:DB8:0:0:0:0:0:1', '2001:db8:0:0:0:0:0:0:1', '1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7::', '::2:3:4:5:6:7:8',
  '1:2:3:4:5:6:1.2.3.4', '1:2:3:4:5:6:7:1.2.3.4', '12345::1', ':::1', '1:::2', '[::1]', 'localhost', '', 'g::1', '::1.2.3',
  '1::2::3', '::ffff:1.2.3.256', '%eth0', '1.2.3.4%eth0', '::1%', '0:0:0:0:0:0:0:0', '0000:0000::', '00000::',
];

describe('ipVersion agrees with node:net isIP', () => {
  it.each(KNOWN)('%j', (text) => {
    expect(ipVersion(text)).toBe(isIP(text));
  });

  it('on generated IPv4 and IPv6 addresses', () => {
    fc.assert(fc.property(fc.oneof(fc.ipV4(), fc.ipV4Extended(), fc.ipV6()), (text) => {
      expect(ipVersion(text)).toBe(isIP(text));
    }), { numRuns: 3000 });
  });

  it('on near-addresses built from their characters', () => {
    const piece = fc.oneof(
      fc.constantFrom(':', '::', '.', '%', 'ffff', '0', '1', '255', '256', '01', 'abcd', 'g', 'eth0', ' ', '-', '1.2.3.4'),
      fc.string({ unit: fc.constantFrom(...'0123456789abcdefABCDEF'), minLength: 1, maxLength: 5 }),
      fc.integer({ min: 0, max: 300 }).map(String),
    );
    fc.assert(fc.property(fc.array(piece, { maxLength: 14 }).map((parts) => parts.join('')), (text) => {
      expect(ipVersion(text)).toBe(isIP(text));
    }), { numRuns: 20000 });
  });
});
