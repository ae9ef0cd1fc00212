/**
 * A resolved container resource as a Docker Swarm service: the Engine API ServiceSpec. The
 * property mapping is the container one (toCreateBody), translated field by field into the
 * service's TaskTemplate, so a property means the same thing whatever the target. What only a
 * service has (replicas, rolling-update policy, publish mode) comes from `metadata.hotdock`.
 * Properties a Swarm task cannot honour are refused by name, never dropped.
 */
import type { ResolvedResource } from '../template/types.js';
import { toCreateBody } from './create-options.js';
import { isMap, PropertyError } from './coerce.js';
import type { PortBinding } from './ports.js';
import { LABEL_RESOURCE, LABEL_STACK } from './labels.js';
import { serviceOptionsOf, type ServiceOptions } from './service-options.js';

/** A Swarm service port (EndpointSpec.Ports item). */
export interface ServicePort {
  Protocol: string;
  TargetPort: number;
  PublishedPort?: number;
  PublishMode: 'ingress' | 'host';
}

/** What toServiceSpec needs besides the resource. */
export interface ServiceContext {
  stackName: string;
  /** `stable-seconds`: the default update monitor window. */
  stableSeconds: number;
}

/** The Engine API ServiceSpec of a resource, and the knobs the engine side reads back. */
export interface ServiceSpecResult {
  name: string;
  spec: Record<string, unknown>;
  replicas: number;
  options: ServiceOptions;
}

/** Characters Swarm refuses in service names (it allows letters, digits, '-' and '_'). */
const SERVICE_NAME_CHAR = /[^a-zA-Z0-9_-]/g;

/** `<stack>_<resource>`, as `docker stack deploy` names services; other characters become '-'. */
export function serviceNameFor(stackName: string, resource: string): string {
  return `${stackName}_${resource}`.replace(SERVICE_NAME_CHAR, '-');
}

/** Create-body fields with no Swarm task equivalent, by the property that sets them. */
const UNSUPPORTED: readonly [path: string, property: string, why: string][] = [
  ['HostConfig.Links', 'links', 'Swarm services find each other by service name on a shared network'],
  ['HostConfig.VolumesFrom', 'volumes_from', 'tasks may run on different nodes'],
  ['HostConfig.Privileged', 'privileged', 'Swarm does not run privileged tasks'],
  ['HostConfig.Devices', 'devices', 'Swarm tasks take no device mappings'],
  ['HostConfig.CpuShares', 'cpu_shares', 'Swarm limits CPUs in NanoCPUs, not shares'],
  ['HostConfig.CpusetCpus', 'cpu_set', 'Swarm does not pin tasks to CPUs'],
  ['StdinOnce', 'stdin_once', 'Swarm tasks have no attached stdin'],
];

function at(body: Record<string, unknown>, path: string): unknown {
  let node: unknown = body;
  for (const part of path.split('.')) node = isMap(node) ? node[part] : undefined;
  return node;
}

const set = (v: unknown): boolean => v !== undefined && v !== null && v !== false && !(Array.isArray(v) && v.length === 0);

/** `host:/ctr:mode` binds as Swarm mounts: a host path is a bind, a bare name a named volume. */
function mounts(binds: string[]): Record<string, unknown>[] {
  return binds.map((bind) => {
    const [source, target, mode = 'rw'] = bind.split(':');
    const flags = mode.split(',');
    const unknown = flags.filter((f) => f !== 'ro' && f !== 'rw');
    if (unknown.length) throw new PropertyError(`volumes/${source}`, `mode '${unknown.join(',')}' is not supported with target swarm (use ro or rw)`);
    const mount: Record<string, unknown> = { Type: source.startsWith('/') ? 'bind' : 'volume', Source: source, Target: target };
    if (flags.includes('ro')) mount.ReadOnly = true;
    return mount;
  });
}

/** Docker's restart policy names as a Swarm task restart condition. */
function restartPolicy(policy: { Name: string; MaximumRetryCount: number }): Record<string, unknown> {
  const condition = policy.Name === 'no' ? 'none' : policy.Name === 'on-failure' ? 'on-failure' : 'any';
  return policy.MaximumRetryCount > 0 ? { Condition: condition, MaxAttempts: policy.MaximumRetryCount } : { Condition: condition };
}

/** PortBindings as published service ports, in the key order the create body has. */
function servicePorts(bindings: Record<string, PortBinding[]>, mode: 'ingress' | 'host'): ServicePort[] {
  const ports: ServicePort[] = [];
  for (const [key, list] of Object.entries(bindings)) {
    const [port, protocol] = key.split('/');
    for (const b of list) {
      if (b.HostIp !== '' && b.HostIp !== '0.0.0.0') {
        throw new PropertyError(`port_bindings/${key}`, `a host address (${b.HostIp}) is not supported with target swarm: Swarm publishes on every address`);
      }
      const published = b.HostPort === '' ? undefined : Number(b.HostPort);
      ports.push({ Protocol: protocol, TargetPort: Number(port), ...(published ? { PublishedPort: published } : {}), PublishMode: mode });
    }
  }
  return ports;
}

/** ContainerSpec and task-level fields from the container create body. */
function taskTemplate(body: Record<string, unknown>): Record<string, unknown> {
  const host = (body.HostConfig ?? {}) as Record<string, unknown>;
  const c: Record<string, unknown> = { Image: body.Image };
  // Heat's `cmd` overrides the image's CMD and keeps its ENTRYPOINT: Swarm calls that Args.
  if (body.Cmd !== undefined) c.Args = body.Cmd;
  if (body.Env !== undefined) c.Env = body.Env;
  if (body.Hostname !== undefined) c.Hostname = body.Hostname;
  if (body.User !== undefined) c.User = body.User;
  if (body.Tty !== undefined) c.TTY = body.Tty;
  if (body.OpenStdin !== undefined) c.OpenStdin = body.OpenStdin;
  if (host.ReadonlyRootfs !== undefined) c.ReadOnly = host.ReadonlyRootfs;
  if (host.CapAdd !== undefined) c.CapabilityAdd = host.CapAdd;
  if (host.CapDrop !== undefined) c.CapabilityDrop = host.CapDrop;
  if (host.Dns !== undefined) c.DNSConfig = { Nameservers: host.Dns };
  if (host.Binds !== undefined) c.Mounts = mounts(host.Binds as string[]);
  const task: Record<string, unknown> = { ContainerSpec: c };
  if (host.Memory !== undefined) task.Resources = { Limits: { MemoryBytes: host.Memory } };
  if (host.RestartPolicy !== undefined) task.RestartPolicy = restartPolicy(host.RestartPolicy as { Name: string; MaximumRetryCount: number });
  return task;
}

const ns = (s: number): number => Math.round(s * 1e9);

/**
 * The ServiceSpec of one resource, with `replicas` tasks (default: `metadata.hotdock.replicas`,
 * else 1), hotdock's identity labels on the service. Hashes and informational labels are the
 * caller's (deploy/service-plan.ts): they are not part of what is hashed.
 * Throws PropertyError naming the property, or an Error naming the metadata key.
 */
export function toServiceSpec(resource: ResolvedResource, ctx: ServiceContext, replicas?: number): ServiceSpecResult {
  const name = serviceNameFor(ctx.stackName, resource.name);
  const labels = { [LABEL_STACK]: ctx.stackName, [LABEL_RESOURCE]: resource.name };
  const body = toCreateBody(resource, { stackName: ctx.stackName, containerName: name, labels });
  for (const [path, property, why] of UNSUPPORTED) {
    if (set(at(body, path))) throw new PropertyError(property, `not supported with target swarm: ${why}`);
  }
  const options = serviceOptionsOf(resource.metadata, ctx.stableSeconds);
  const count = replicas ?? options.replicas;
  const bindings = (at(body, 'HostConfig.PortBindings') ?? {}) as Record<string, PortBinding[]>;
  const ports = servicePorts(bindings, options.publish);
  const task = taskTemplate(body);
  const endpoint = ports.length ? { Ports: ports } : undefined;
  // Two tasks of one service cannot hold the same host port on one node: start-first would deadlock.
  const hostPortHeld = ports.some((p) => p.PublishMode === 'host' && p.PublishedPort !== undefined);
  const order = options.update.order ?? (hostPortHeld ? 'stop-first' : 'start-first');
  const update = {
    Parallelism: options.update.parallelism,
    Delay: ns(options.update.delay),
    FailureAction: options.update.failureAction,
    Monitor: ns(options.update.monitor),
    MaxFailureRatio: options.update.maxFailureRatio,
    Order: order,
  };
  const spec: Record<string, unknown> = {
    Name: name,
    Labels: labels,
    TaskTemplate: task,
    Mode: { Replicated: { Replicas: count } },
    UpdateConfig: update,
    // Rolling back a failed rollback would loop: pause and say so instead.
    RollbackConfig: { ...update, FailureAction: 'pause' },
    ...(endpoint ? { EndpointSpec: endpoint } : {}),
  };
  return { name, spec, replicas: count, options: { ...options, replicas: count } };
}

/**
 * Hook for `OS::Heat::ResourceGroup`: the service of a group whose members are `member` (the
 * group's resource_def as a resource named like the group), with `count` replicas. One service per
 * group; Swarm keeps the count.
 */
export function groupServiceSpec(member: ResolvedResource, count: number, ctx: ServiceContext): ServiceSpecResult {
  return toServiceSpec(member, ctx, count);
}
