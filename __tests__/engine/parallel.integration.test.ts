/** max-parallel bounds the Docker operations in flight per endpoint, on a real engine. */
import { runStack } from '../../src/engine/run.js';
import { cleanupStack, container, localDocker, recordingLog, stackOf, testSettings, uniqueStack } from '../helpers/stack.js';

const docker = localDocker();
const stacks: string[] = [];
afterAll(async () => {
  await Promise.all(stacks.map((s) => cleanupStack(docker, s)));
}, 60000);

/** Peak number of resources between their "creating" and "started, waiting" lines: Docker operations in flight. */
function peakInFlight(lines: string[]): number {
  let live = 0;
  let peak = 0;
  for (const l of lines) {
    if (/^r\d+: creating /.test(l)) peak = Math.max(peak, ++live);
    if (/^r\d+: started '.*', waiting/.test(l)) live--;
  }
  return peak;
}

async function deployMany(count: number, maxParallel: number): Promise<{ ms: number; peak: number; noopMs: number }> {
  const name = uniqueStack();
  stacks.push(name);
  const resources = Array.from({ length: count }, (_, i) => container(`r${i}`, { cmd: ['sleep', '300'] }));
  const log = recordingLog();
  const started = Date.now();
  const report = await runStack(testSettings(name, { maxParallel }), stackOf(name, resources), log, { stopTimeoutSeconds: 0 });
  const ms = Date.now() - started;
  expect(report.error).toBeUndefined();
  expect(Object.values(report.resources).every((r) => r.state === 'running')).toBe(true);
  const again = Date.now();
  const noop = await runStack(testSettings(name, { maxParallel }), stackOf(name, resources), recordingLog(), {});
  expect(noop.changed).toBe(false);
  return { ms, peak: peakInFlight(log.lines), noopMs: Date.now() - again };
}

test('max-parallel 1 creates one container at a time', async () => {
  const { peak } = await deployMany(4, 1);
  expect(peak).toBe(1);
}, 120000);

test('max-parallel 2 keeps at most two creations in flight (waiting containers hold no slot)', async () => {
  const { peak } = await deployMany(6, 2);
  expect(peak).toBe(2);
}, 120000);

// How long deploys take (50 containers at max-parallel 8, a no-op redeploy, destroy) is measured
// by `npm run bench` (scripts/bench.mjs); this file only checks how many operations are in flight.
test('max-parallel 8 runs creations side by side', async () => {
  const { ms, peak, noopMs } = await deployMany(8, 8);
  expect(peak).toBeGreaterThan(2);
  console.log(`8 containers at max-parallel 8: ${ms} ms; no-op redeploy ${noopMs} ms`);
}, 120000);
