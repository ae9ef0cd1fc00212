/**
 * What a stack looks like on one endpoint: its containers, found by the stack label only, each with
 * its role: `aside` for an old container a replace or removal renamed aside (only an interrupted run
 * leaves one; its name says whose name it had and which run put it aside), `live` for the rest (with
 * the run that created it, from its label).
 * One list call (all states): the list carries state, image id and labels. Inspect runs only for a
 * container whose list entry shows an image id instead of its reference (the tag moved since it
 * was created). A container without the stack's label is never returned, hence never touched.
 */
import type { DockerApi } from './docker-api.js';
import { type ObservedContainer } from '../deploy/types.js';
import { LABEL_CONFIG_HASH, LABEL_RESOURCE, LABEL_RUN, LABEL_STACK } from '../spec/labels.js';
import { parseAsideName } from '../spec/aside-name.js';

/** What the list shows in place of a reference whose tag no longer points at the container's image. */
const IMAGE_ID = /^(sha256:)?[0-9a-f]{12,64}$/;

/** The reference the container was created from (Config.Image); the id itself if it is gone. */
async function imageReference(docker: DockerApi, id: string, fallback: string): Promise<string> {
  try {
    return (await docker.inspectContainer(id)).Config.Image || fallback;
  } catch {
    // Removed between list and inspect: the plan still sees it by its list entry.
    return fallback;
  }
}

/**
 * The containers of `stackName` on an endpoint, sorted by resource then name. Containers that
 * carry the stack label but no resource label are reported with resource '' so a plan can
 * ignore them rather than guess.
 */
export async function observeEndpoint(docker: DockerApi, endpointName: string, stackName: string): Promise<ObservedContainer[]> {
  const list = await docker.listContainers({ all: true, labels: [`${LABEL_STACK}=${stackName}`] });
  const observed = await Promise.all(list
    // The daemon filtered already; checking again costs nothing and keeps the promise if a proxy does not.
    .filter((c) => c.Labels?.[LABEL_STACK] === stackName)
    .map(async (c): Promise<ObservedContainer> => {
      const labels = { ...(c.Labels ?? {}) };
      const name = (c.Names?.[0] ?? c.Id).replace(/^\//, '');
      const aside = parseAsideName(name, c.Id);
      const role = aside
        ? { role: 'aside' as const, asideOf: aside.asideOf, ...(aside.run !== undefined ? { run: aside.run } : {}) }
        : { role: 'live' as const, ...(labels[LABEL_RUN] !== undefined ? { run: labels[LABEL_RUN] } : {}) };
      return {
        ...role,
        endpoint: endpointName,
        id: c.Id,
        name,
        resource: labels[LABEL_RESOURCE] ?? '',
        configHash: labels[LABEL_CONFIG_HASH] ?? '',
        state: c.State,
        image: IMAGE_ID.test(c.Image) ? await imageReference(docker, c.Id, c.Image) : c.Image,
        imageId: c.ImageID,
        labels,
        hostPorts: (c.Ports ?? []).filter((p) => p.PublicPort).map((p) => `${p.IP || '0.0.0.0'}:${p.PublicPort}/${p.Type}`),
      };
    }));
  return observed.sort((a, b) => a.resource.localeCompare(b.resource) || a.name.localeCompare(b.name));
}
