/**
 * What integration tests need to know about the lab started by `bash scripts/lab.sh up`: endpoint
 * URLs and credentials, from .lab/env (or the same variables already in the environment).
 * Without the lab, tests FAIL with a clear message: a skipped integration test proves nothing.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Lab endpoints and credentials; PEM and key files already read into strings. */
export interface LabInfo {
  /** The main engine, `unix:///var/run/docker.sock`. */
  h1: string;
  /** The second engine's local socket, `unix:///run/hotdock-h2.sock` (no TLS, for setup). */
  h2Sock: string;
  /** `tcp://10.201.0.2:2376`: TLS with client certificates. */
  h2Tls: string;
  /** `ssh://hotdock-ssh@10.201.0.2:2222`. */
  h2Ssh: string;
  /** Host-side veth of the second host: `ip link set <it> down` partitions it. */
  h2Veth: string;
  tlsDir: string;
  /** CA, client certificate and client key (PEM) for h2Tls. */
  ca: string;
  cert: string;
  key: string;
  /** A CA that did not sign the server certificate. */
  badCa: string;
  /** `127.0.0.1:5000` (main engine) and `10.201.0.1:5000` (reachable from the second engine). */
  registry: string;
  registryH2: string;
  registryUser: string;
  registryPassword: string;
  /** OpenSSH private key (PEM text) authorized for the ssh endpoint. */
  sshKey: string;
  /** A second authorized key, only for tests that count their own ssh logins. */
  sshProbeKey: string;
  /** Its fingerprint as sshd logs it (`SHA256:...`). */
  sshProbeFingerprint: string;
  /** known_hosts text listing the sshd's real host key. */
  knownHosts: string;
  /** known_hosts text listing another key for the same host: must be refused. */
  otherKnownHosts: string;
  /** sshd's log file: one "Accepted publickey" line per ssh connection. */
  sshdLog: string;
  /** Podman's Docker-compatible API, `unix://…/.lab/podman/podman.sock`. */
  podman: string;
  /** The Node 24 binary (the runtime action.yml declares), from the npm registry. */
  node24: string;
}

const NOT_UP = 'lab not up: run bash scripts/lab.sh up';

function repoRoot(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
}

/** `export NAME=value` lines of .lab/env. */
function readEnvFile(file: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = /^export ([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (m) vars[m[1]] = m[2].replace(/^["']|["']$/g, '');
  }
  return vars;
}

/** OpenSSH's SHA256 fingerprint of a public key line (`type base64 comment`). */
function fingerprint(pubLine: string): string {
  const blob = Buffer.from(pubLine.trim().split(/\s+/)[1] ?? '', 'base64');
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

let cached: LabInfo | undefined;

/** The lab's endpoints and credentials; throws "lab not up: run bash scripts/lab.sh up" without it. */
export function lab(): LabInfo {
  if (cached) return cached;
  const envFile = join(repoRoot(), '.lab', 'env');
  const vars: Record<string, string | undefined> = existsSync(envFile) ? readEnvFile(envFile) : { ...process.env };
  const get = (name: string): string => {
    const v = vars[name] ?? process.env[name];
    if (!v) throw new Error(`${NOT_UP} (${name} is not set)`);
    return v;
  };
  const file = (path: string): string => {
    if (!existsSync(path)) throw new Error(`${NOT_UP} (${path} is missing)`);
    return readFileSync(path, 'utf8');
  };
  if (get('HOTDOCK_LAB') !== '1') throw new Error(NOT_UP);
  const tlsDir = get('HOTDOCK_LAB_TLS_DIR');
  cached = {
    h1: vars.HOTDOCK_LAB_H1 ?? 'unix:///var/run/docker.sock',
    h2Sock: get('HOTDOCK_LAB_H2_SOCK'),
    h2Tls: get('HOTDOCK_LAB_H2_TLS'),
    h2Ssh: get('HOTDOCK_LAB_H2_SSH'),
    h2Veth: get('HOTDOCK_LAB_H2_VETH'),
    tlsDir,
    ca: file(join(tlsDir, 'ca.pem')),
    cert: file(join(tlsDir, 'client-cert.pem')),
    key: file(join(tlsDir, 'client-key.pem')),
    badCa: file(join(tlsDir, 'bad-ca.pem')),
    registry: get('HOTDOCK_LAB_REGISTRY'),
    registryH2: get('HOTDOCK_LAB_REGISTRY_H2'),
    registryUser: get('HOTDOCK_LAB_REGISTRY_USER'),
    registryPassword: file(get('HOTDOCK_LAB_REGISTRY_PASSWORD_FILE')).trim(),
    sshKey: file(get('HOTDOCK_LAB_SSH_KEY')),
    sshProbeKey: file(get('HOTDOCK_LAB_SSH_PROBE_KEY')),
    sshProbeFingerprint: fingerprint(file(`${get('HOTDOCK_LAB_SSH_PROBE_KEY')}.pub`)),
    knownHosts: file(get('HOTDOCK_LAB_SSH_KNOWN_HOSTS')),
    otherKnownHosts: file(get('HOTDOCK_LAB_SSH_OTHER_KNOWN_HOSTS')),
    sshdLog: get('HOTDOCK_LAB_SSHD_LOG'),
    podman: get('HOTDOCK_LAB_PODMAN'),
    node24: get('HOTDOCK_LAB_NODE24'),
  };
  return cached;
}
