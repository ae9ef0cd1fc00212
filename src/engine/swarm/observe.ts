/** Observe, for Swarm: the stack's services on the manager, as the service planner reads them. */
import type { DockerApi, ServiceDetails } from '../docker-api.js';
import type { ObservedService } from '../../deploy/service-plan.js';
import { LABEL_RESOURCE, LABEL_STACK } from '../../spec/labels.js';

/** A service as the planner sees it. */
export function observedService(s: ServiceDetails): ObservedService {
  const spec = s.Spec ?? {};
  const labels = spec.Labels ?? {};
  const mode = spec.Mode as { Replicated?: { Replicas?: number } } | undefined;
  const task = spec.TaskTemplate as { ContainerSpec?: { Image?: string } } | undefined;
  return {
    id: s.ID,
    name: spec.Name ?? s.ID,
    version: s.Version?.Index ?? 0,
    resource: labels[LABEL_RESOURCE] ?? '',
    labels,
    ...(mode?.Replicated?.Replicas !== undefined ? { replicas: mode.Replicated.Replicas } : {}),
    ...(task?.ContainerSpec?.Image ? { image: task.ContainerSpec.Image } : {}),
    ...(s.UpdateStatus?.State ? { updateState: s.UpdateStatus.State } : {}),
    ...(s.UpdateStatus?.StartedAt ? { updateStartedAt: s.UpdateStatus.StartedAt } : {}),
  };
}

/** Every service labelled with the stack, by name order. */
export async function observeServices(docker: DockerApi, stackName: string): Promise<ObservedService[]> {
  const found = await docker.listServices({ labels: [`${LABEL_STACK}=${stackName}`] });
  // The filter is the engine's: check the label again, ownership is the rule.
  return found.filter((s) => s.Spec?.Labels?.[LABEL_STACK] === stackName).map(observedService).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
