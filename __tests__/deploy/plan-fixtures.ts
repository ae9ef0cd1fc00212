/** Builders for planner tests: desired and observed containers made the way the deploy stage makes them. */
import { buildDesired } from '../../src/deploy/desired.js';
import type { DesiredContainer, ObservedContainer } from '../../src/deploy/types.js';
import type { EndpointTarget } from '../../src/spec/types.js';
import type { ResolvedResource } from '../../src/template/types.js';

export const STACK = 'shop';

/** An endpoint target by name. */
export function target(name: string): EndpointTarget {
  return { name, url: 'unix:///var/run/docker.sock', parsed: { kind: 'unix', socketPath: '/var/run/docker.sock' } };
}

/** A desired container spec, as golden inputs write it. */
export interface DesiredSpec {
  resource: string;
  properties: Record<string, unknown>;
  endpoint?: string;
  dependsOn?: string[];
  imageId?: string;
  deletionPolicy?: 'Delete' | 'Retain';
  /** Why pool placement put it on its endpoint (and why it moves). */
  placement?: DesiredContainer['placement'];
}

/** Placeholders for deploy-time references, as a plan computes them before the containers exist. */
const placeholders = {
  resourceId: (name: string): string => `<${name}>`,
  attribute: (name: string, attr: string): unknown => `<${name}.${attr}>`,
};

/** A desired container built through buildDesired (body, hash, field digests, reads). */
export function desired(spec: DesiredSpec): DesiredContainer {
  const res: ResolvedResource = {
    name: spec.resource, type: 'DockerInc::Docker::Container', properties: spec.properties, dependsOn: spec.dependsOn ?? [],
    deletionPolicy: spec.deletionPolicy ?? 'Delete', pointer: `/resources/${spec.resource}`,
  };
  const ep = spec.endpoint ?? 'local';
  const d = buildDesired(res, { stackName: STACK, placement: new Map([[spec.resource, target(ep)]]), runtime: placeholders });
  return { ...d, imageId: spec.imageId, ...(spec.placement ? { placement: spec.placement } : {}) };
}

/** What observe would report for a container made from `d` earlier. */
export function observedFrom(d: DesiredContainer, over: Partial<ObservedContainer> = {}): ObservedContainer {
  return {
    role: 'live', endpoint: d.endpoint.name, id: `id-${d.resource}`, name: d.name, resource: d.resource, configHash: d.configHash,
    state: 'running', image: d.image, imageId: d.imageId ?? 'sha256:aaa', labels: { ...(d.body.Labels as Record<string, string>) },
    // What inspect shows of it: the body it was made from (the field-level plan compares against it).
    spec: { body: structuredClone(d.body) }, ...over,
  };
}
