/** Test helpers: build Settings, ResolvedStack and a recording DeployLog quickly, and name stacks uniquely. */
import { randomBytes } from 'node:crypto';
import Docker from 'dockerode';
import type { Settings } from '../../src/settings.js';
import type { ResolvedResource, ResolvedStack } from '../../src/template/types.js';
import type { DeployLog } from '../../src/deploy/types.js';
import { LABEL_STACK } from '../../src/spec/labels.js';

/** The test image every engine of the lab has. */
export const TEST_IMAGE = 'hotdock-test/busybox:1';

/** The local engine (unix socket). */
export function localDocker(): Docker {
  return new Docker({ socketPath: '/var/run/docker.sock' });
}

/** A unique stack name: `t-<random>`. */
export function uniqueStack(prefix = 't'): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

/** A recording log: every line kept for assertions, printed when HOTDOCK_TEST_VERBOSE is set. */
export interface RecordingLog extends DeployLog {
  lines: string[];
}

/** Builds a RecordingLog. */
export function recordingLog(): RecordingLog {
  const lines: string[] = [];
  const push = (l: string): void => {
    lines.push(l);
    if (process.env.HOTDOCK_TEST_VERBOSE) console.log(l);
  };
  return {
    lines,
    info: (m) => push(`info: ${m}`),
    warning: (m) => push(`warning: ${m}`),
    progress: (r, m) => push(`${r}: ${m}`),
  };
}

/** Settings with the action's defaults, on the local engine; override what a test needs. */
export function testSettings(stackName: string, overrides: Partial<Settings> = {}): Settings {
  return {
    template: 'stack.yaml',
    workspace: process.cwd(),
    mode: 'deploy',
    stackName,
    parameters: {},
    environmentFiles: [],
    dockerEndpoint: 'unix:///var/run/docker.sock',
    dockerEndpointExplicit: false,
    endpoints: {},
    registryAuth: {},
    pull: 'missing',
    prune: true,
    rollback: true,
    waitTimeout: 20,
    // Short, so the suite stays fast; tests of the stability proof set their own.
    stableSeconds: 1,
    maxParallel: 8,
    lockTimeout: 30,
    placement: 'spread',
    target: 'containers',
    requireReviewedPlan: false,
    githubToken: '',
    commentOnPr: 'true',
    runId: `test-${process.pid}`,
    ...overrides,
  };
}

/** A container resource with the test image unless `image` is given. */
export function container(
  name: string,
  properties: Record<string, unknown> = {},
  extra: Partial<ResolvedResource> = {},
): ResolvedResource {
  return {
    name,
    type: 'DockerInc::Docker::Container',
    properties: { image: TEST_IMAGE, ...properties },
    dependsOn: [],
    deletionPolicy: 'Delete',
    pointer: `/resources/${name}`,
    ...extra,
  };
}

/** A ResolvedStack from resources (and outputs). */
export function stackOf(
  stackName: string,
  resources: ResolvedResource[],
  outputs: ResolvedStack['outputs'] = {},
): ResolvedStack {
  return { version: '2018-08-31', stackName, parameters: {}, hiddenParameters: [], resources, outputs };
}

/** Removes every container labelled with the stack, and the stack's lock and lock-renewal containers. */
export async function cleanupStack(docker: Docker, stackName: string): Promise<void> {
  const list = await docker.listContainers({ all: true, filters: { label: [`${LABEL_STACK}=${stackName}`] } });
  const locks = await docker.listContainers({ all: true, filters: { label: [`io.hotdock.lock=${stackName}`] } });
  // A run frozen or killed while renewing leaves renewal containers too.
  const renewals = await docker.listContainers({ all: true, filters: { label: [`io.hotdock.lock-renew=${stackName}`] } });
  for (const c of [...list, ...locks, ...renewals]) {
    await docker.getContainer(c.Id).remove({ force: true }).catch(() => undefined);
  }
}

/** A free TCP port on 127.0.0.1 (bound then released). */
export async function freePort(): Promise<number> {
  const net = await import('node:net');
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/** GET http://127.0.0.1:<port>/ and return the body ('' on failure), retrying briefly. */
export async function fetchLocal(port: number, tries = 10): Promise<string> {
  for (let i = 0; i < tries; i++) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/`);
      return (await res.text()).trim();
    } catch {
      await new Promise((r) => setTimeout(r, 300));
    }
  }
  return '';
}
