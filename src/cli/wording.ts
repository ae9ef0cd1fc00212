/**
 * The engine's messages name the action's inputs (`set registry-auth`, `ssh-known-hosts`); on the
 * command line the user's words are flags and the docker CLI's files. One table turns the first
 * into the second, so every message the CLI prints says what to change there. Pure.
 */

/** Action input → what a CLI user sets instead. */
const INPUT_WORDS: Record<string, string> = {
  'docker-endpoint': '--endpoint',
  'stack-name': '--stack',
  parameters: '--param',
  'environment-files': '--env-file',
  endpoints: '--endpoints',
  'registry-auth': '--registry-auth',
  pull: '--pull',
  prune: '--prune',
  rollback: '--rollback',
  'wait-timeout': '--wait-timeout',
  'stable-seconds': '--stable-seconds',
  'max-parallel': '--max-parallel',
  'lock-timeout': '--lock-timeout',
  placement: '--placement',
  target: '--target',
};

/** Phrases of engine messages, longest first, and their CLI wording. */
const PHRASES: [RegExp, string][] = [
  [/the 'parameters' input/g, '--param'],
  [/the endpoints input is empty/g, 'no --endpoints FILE was given'],
  [/a name from the endpoints input/g, 'a name from --endpoints FILE'],
  [/\(set registry-auth\)/g, '(run docker login for it, or give --registry-auth FILE)'],
  [/set tls-ca-cert, tls-client-cert and tls-client-key/g, 'give ca.pem, cert.pem and key.pem (DOCKER_CERT_PATH, a docker context, or an --endpoints entry)'],
  [/then give tls-ca-cert, tls-client-cert and tls-client-key/g, 'then give its TLS material (DOCKER_CERT_PATH, a docker context, or an --endpoints entry)'],
  [/TLS material \(tls-ca-cert, tls-client-cert, tls-client-key\)/g, 'TLS material (ca.pem, cert.pem, key.pem)'],
  [/give tls-ca-cert\b/g, "give the engine's CA (ca.pem)"],
  [/\(tls-ca-cert\)/g, '(ca.pem)'],
  [/no ssh-known-hosts given/g, 'the host is not in ~/.ssh/known_hosts (nor an --endpoints entry\'s ssh-known-hosts)'],
  [/is not in ssh-known-hosts/g, 'is not in ~/.ssh/known_hosts'],
  [/is revoked in ssh-known-hosts/g, 'is revoked in ~/.ssh/known_hosts'],
  [/no ssh-private-key given/g, 'no ssh key found (IdentityFile in ~/.ssh/config, ~/.ssh/id_*)'],
  [/give the key in ssh-private-key/g, 'use a key (ssh-agent, or IdentityFile in ~/.ssh/config)'],
];

/** Rewrites a message for the command line: `input 'pull'` → `option --pull`, and the phrases above. */
export function cliWording(message: string): string {
  let out = message.replace(/\binput '([a-z-]+)'/g, (whole, name: string) => (INPUT_WORDS[name] ? `option ${INPUT_WORDS[name]}` : whole));
  out = out.replace(/\b(docker-endpoint|registry-auth) input\b/g, (_w, name: string) => `option ${INPUT_WORDS[name]}`);
  for (const [re, text] of PHRASES) out = out.replace(re, text);
  return out;
}
