/**
 * Reads, for the field-level plan, the own spec of each container the plan may replace: its
 * Config and HostConfig (inspect) and its image's defaults. Only containers whose config hash or
 * image differs from the desired one are read: an unchanged stack costs no extra call.
 */
import type { DockerApi } from './docker-api.js';
import type { DesiredContainer, ObservedContainer } from '../deploy/types.js';

/** Sets `spec` on the observed containers that differ from their desired one; a failed read leaves it unset. */
export async function readObservedSpecs(engines: ReadonlyMap<string, DockerApi>, desired: readonly DesiredContainer[], observed: ObservedContainer[]): Promise<void> {
  const wanted = new Map(desired.map((d) => [d.resource, d]));
  const differs = (o: ObservedContainer): boolean => {
    const d = wanted.get(o.resource);
    return Boolean(d) && o.role !== 'aside' && (o.configHash !== d!.configHash || Boolean(d!.imageId && o.imageId && d!.imageId !== o.imageId));
  };
  await Promise.all(
    observed.filter(differs).map(async (o) => {
      const docker = engines.get(o.endpoint);
      if (!docker) return;
      try {
        const info = await docker.inspectContainer(o.id);
        const body: Record<string, unknown> = { ...(info.Config as unknown as Record<string, unknown>), HostConfig: info.HostConfig };
        const image = await docker.inspectImage(info.Image).then((i) => i.Config as unknown as Record<string, unknown>, () => undefined);
        o.spec = { body, ...(image ? { image } : {}) };
      } catch {
        // Gone or unreadable: the plan still says which fields changed, only not their values.
      }
    }),
  );
}
