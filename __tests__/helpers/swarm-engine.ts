/**
 * A single-node swarm for tests: an engine in its own network namespace (netns-engine.ts), made a
 * swarm manager on its namespace address, and taken down again (leave, then stop) by `stop`.
 * Never the shared lab engines: `swarm init` would change them for every other test.
 */
import { startNetnsEngine, type NetnsEngine, type NetnsEngineOptions } from './netns-engine.js';

/** Starts the engine and inits the swarm. Tasks use the images the engine was given (no registry). */
export async function startSwarmManager(options: NetnsEngineOptions): Promise<NetnsEngine> {
  // Services would otherwise ask a registry for every image, which the namespace cannot reach.
  process.env.DOCKER_SERVICE_PREFER_OFFLINE_IMAGE = '1';
  const engine = await startNetnsEngine(options);
  await engine.docker.swarmInit({ ListenAddr: `${engine.address}:2377`, AdvertiseAddr: `${engine.address}:2377` });
  return engine;
}

/** Leaves the swarm and stops the engine (for afterAll; a missing engine is nothing to do). */
export async function stopSwarmManager(engine: NetnsEngine | undefined): Promise<void> {
  if (!engine) return;
  await engine.docker.swarmLeave({ force: true }).catch(() => undefined);
  await engine.stop();
}
