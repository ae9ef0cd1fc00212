/** `ssh -G` output and ssh:// URLs, parsed: what an ssh alias resolves to. */
import { parseSshG, splitSshUrl } from '../../src/cli/ssh-config.js';

describe('ssh -G output', () => {
  test('host name, user, port, every identity file and known-hosts file, ~ expanded', () => {
    const text = [
      'host labh2',
      'user hotdock-ssh',
      'hostname 10.201.0.2',
      'port 2222',
      'identityfile ~/.ssh/lab_key',
      'identityfile /keys/other',
      'userknownhostsfile ~/.ssh/known_hosts ~/.ssh/known_hosts2',
      'stricthostkeychecking ask',
    ].join('\n');
    expect(parseSshG(text, '/home/ann')).toEqual({
      hostname: '10.201.0.2',
      user: 'hotdock-ssh',
      port: 2222,
      identityFiles: ['/home/ann/.ssh/lab_key', '/keys/other'],
      knownHostsFiles: ['/home/ann/.ssh/known_hosts', '/home/ann/.ssh/known_hosts2'],
    });
  });

  test('port 22 when ssh names none', () => {
    expect(parseSshG('hostname h\nuser u\n', '/h').port).toBe(22);
  });
});

describe('ssh:// URLs', () => {
  test.each<[string, ReturnType<typeof splitSshUrl>]>([
    ['ssh://labh2', { host: 'labh2' }],
    ['ssh://deploy@labh2', { user: 'deploy', host: 'labh2' }],
    ['ssh://deploy@10.0.0.2:2222', { user: 'deploy', host: '10.0.0.2', port: 2222 }],
    ['ssh://[::1]:22', { host: '::1', port: 22 }],
    ['tcp://h:2376', undefined],
    ['ssh://u@h/path', undefined],
  ])('%s', (url, expected) => {
    expect(splitSshUrl(url)).toEqual(expected);
  });
});
