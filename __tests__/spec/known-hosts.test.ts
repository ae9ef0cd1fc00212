import { createHmac } from 'node:crypto';
import { hostKeyVerdict, knownHostsName, parseKnownHosts, pinnedKeyTypes } from '../../src/spec/known-hosts.js';

const KEY_A = Buffer.from('key-a-blob');
const KEY_B = Buffer.from('key-b-blob');
const b64 = (b: Buffer): string => b.toString('base64');

function hashed(name: string): string {
  const salt = Buffer.from('0123456789abcdef0123');
  return `|1|${salt.toString('base64')}|${createHmac('sha1', salt).update(name).digest('base64')}`;
}

describe('known_hosts', () => {
  test('the name looked up: bare on port 22, [host]:port otherwise', () => {
    expect(knownHostsName('h', 22)).toBe('h');
    expect(knownHostsName('10.201.0.2', 2222)).toBe('[10.201.0.2]:2222');
  });

  test('parses markers, comments, lists; skips malformed lines', () => {
    const lines = parseKnownHosts(`# comment\n\nh1,h2 ssh-ed25519 ${b64(KEY_A)} user@x\n@revoked * ssh-rsa ${b64(KEY_B)}\nbroken line\nh3 ssh-ed25519 not*base64\n`);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ patterns: ['h1', 'h2'], keyType: 'ssh-ed25519', marker: undefined });
    expect(lines[0].key.equals(KEY_A)).toBe(true);
    expect(lines[1].marker).toBe('revoked');
  });

  test.each([
    ['[10.201.0.2]:2222', '10.201.0.2', 2222, KEY_A, 'match'],
    ['[10.201.0.2]:2222', '10.201.0.2', 2222, KEY_B, 'mismatch'],
    ['[10.201.0.2]:2222', '10.201.0.2', 22, KEY_A, 'unknown'],
    ['10.201.0.2', '10.201.0.2', 2222, KEY_A, 'unknown'],
    ['10.201.0.2', '10.201.0.2', 22, KEY_A, 'match'],
    ['10.201.0.2:2222', '10.201.0.2', 2222, KEY_A, 'match'],
    ['other,[10.201.0.2]:2222', '10.201.0.2', 2222, KEY_A, 'match'],
    ['*.example.com', 'build.example.com', 22, KEY_A, 'match'],
    ['*.example.com,!bad.example.com', 'bad.example.com', 22, KEY_A, 'unknown'],
    ['host?', 'host1', 22, KEY_A, 'match'],
    ['HOST', 'host', 22, KEY_A, 'match'],
    [hashed('[10.201.0.2]:2222'), '10.201.0.2', 2222, KEY_A, 'match'],
    [hashed('[10.201.0.2]:2222'), '10.201.0.3', 2222, KEY_A, 'unknown'],
    ['[::1]:2222', '::1', 2222, KEY_A, 'match'],
  ])('%s vs %s:%d', (pattern, host, port, key, verdict) => {
    expect(hostKeyVerdict(`${pattern} ssh-ed25519 ${b64(KEY_A)}`, host, port, key)).toBe(verdict);
  });

  test('any listed key of the host matches; revoked wins; cert-authority lines vouch for nothing', () => {
    const text = `h ssh-ed25519 ${b64(KEY_A)}\nh ssh-rsa ${b64(KEY_B)}\n`;
    expect(hostKeyVerdict(text, 'h', 22, KEY_B)).toBe('match');
    expect(hostKeyVerdict(`${text}@revoked * ssh-rsa ${b64(KEY_B)}`, 'h', 22, KEY_B)).toBe('revoked');
    expect(hostKeyVerdict(`@cert-authority h ssh-ed25519 ${b64(KEY_A)}`, 'h', 22, KEY_A)).toBe('unknown');
    expect(hostKeyVerdict('', 'h', 22, KEY_A)).toBe('unknown');
  });

  test('pinned key types steer the negotiation to a key we can check', () => {
    const text = `h ssh-rsa ${b64(KEY_B)}\nh ecdsa-sha2-nistp256 ${b64(KEY_A)}\nother ssh-ed25519 ${b64(KEY_A)}`;
    expect(pinnedKeyTypes(text, 'h', 22)).toEqual(['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa', 'ecdsa-sha2-nistp256']);
    expect(pinnedKeyTypes(text, 'nobody', 22)).toEqual([]);
  });
});
