/**
 * The one translation of a resolved DockerInc::Docker::Container resource into the Engine API's
 * create body. Everything host-related goes into HostConfig at create time: Docker stopped taking
 * configuration at start (API 1.24), which is what broke Heat's plugin. Only properties that are
 * set appear, in a fixed key order, so equal templates give byte-equal bodies (and hashes).
 */
import type { ResolvedResource } from '../template/types.js';
import {
  PropertyError, isMap, toBoolean, toInteger, toList, toMap, toText, toTextList,
} from './coerce.js';
import { comparePortKeys, parsePortBindings, parsePortSpec, type PortBinding } from './ports.js';

/** What toCreateBody needs besides the resource. */
export interface CreateContext {
  stackName: string;
  containerName: string;
  /** Labels to put on the container (hotdock's own; HOT has no labels property). */
  labels: Record<string, string>;
}

/** An Engine API device mapping. */
export interface DeviceMapping {
  PathOnHost: string;
  PathInContainer: string;
  CgroupPermissions: string;
}

/** Characters Docker allows in a container name. */
const NAME_CHAR = /[^a-zA-Z0-9_.-]/g;

/**
 * The container name: the `name` property (a leading '/' dropped), else `<stack>-<resource>`
 * with characters Docker refuses in names turned into '-' (resource names may hold any but '/').
 */
export function containerNameFor(resource: ResolvedResource, stackName: string): string {
  const name = resource.properties.name;
  if (name !== undefined && name !== null && name !== '') return toText('name', name).replace(/^\//, '');
  return `${stackName}-${resource.name}`.replace(NAME_CHAR, '-');
}

/** `port_specs` plus the container ports of `port_bindings`: both must be exposed. */
function exposedPorts(props: Record<string, unknown>, bindings?: Record<string, PortBinding[]>): Record<string, object> | undefined {
  const keys = new Set<string>();
  if (props.port_specs !== undefined && props.port_specs !== null) {
    toList('port_specs', props.port_specs).forEach((spec, i) => {
      const parsed = parsePortSpec(spec);
      if (!parsed.ok) throw new PropertyError(`port_specs/${i}`, parsed.message);
      keys.add(parsed.key);
    });
  }
  for (const key of Object.keys(bindings ?? {})) keys.add(key);
  if (keys.size === 0) return undefined;
  const out: Record<string, object> = {};
  for (const key of [...keys].sort(comparePortKeys)) out[key] = {};
  return out;
}

function portBindings(props: Record<string, unknown>): Record<string, PortBinding[]> | undefined {
  if (props.port_bindings === undefined || props.port_bindings === null) return undefined;
  const parsed = parsePortBindings(props.port_bindings);
  if (!parsed.ok) throw new PropertyError(parsed.key === undefined ? 'port_bindings' : `port_bindings/${parsed.key}`, parsed.message);
  return parsed.bindings;
}

/** `{name: alias}` → sorted `["name:alias"]` (Docker's legacy link form). */
function links(value: unknown): string[] {
  const map = toMap('links', value);
  return Object.keys(map)
    .map((name) => `${name}:${toText(`links/${name}`, map[name])}`)
    .sort();
}

/**
 * `{"/h": "/c"}` → `/h:/c:rw`; `{"/h": {bind: "/c", ro: true}}` → `/h:/c:ro`; an explicit `mode`
 * wins over `ro`, as in docker-py, which Heat used. Sorted: map order carries no meaning.
 */
function binds(value: unknown): string[] {
  const map = toMap('volumes', value);
  return Object.keys(map)
    .map((host) => {
      const target = map[host];
      const where = `volumes/${host}`;
      if (!isMap(target)) return `${host}:${toText(where, target)}:rw`;
      if (target.bind === undefined) throw new PropertyError(where, "a volume mapping needs 'bind' (the path in the container)");
      const bind = toText(`${where}/bind`, target.bind);
      const mode = target.mode !== undefined && target.mode !== null
        ? toText(`${where}/mode`, target.mode)
        : target.ro !== undefined && toBoolean(`${where}/ro`, target.ro) ? 'ro' : 'rw';
      return `${host}:${bind}:${mode}`;
    })
    .sort();
}

/** Older Heat took volumes_from as a comma-separated string; keep accepting it. */
function volumesFrom(value: unknown): string[] {
  if (typeof value === 'string') return value.split(',').map((s) => s.trim()).filter((s) => s !== '');
  return toTextList('volumes_from', value);
}

function restartPolicy(value: unknown): { Name: string; MaximumRetryCount: number } {
  const map = toMap('restart_policy', value);
  const name = map.Name === undefined || map.Name === null ? 'no' : toText('restart_policy/Name', map.Name);
  const retries = map.MaximumRetryCount === undefined || map.MaximumRetryCount === null
    ? 0 : toInteger('restart_policy/MaximumRetryCount', map.MaximumRetryCount);
  return { Name: name, MaximumRetryCount: retries };
}

/** Devices with Heat's defaults: path_in_container = path_on_host, permissions rwm. */
function devices(value: unknown): DeviceMapping[] {
  return toList('devices', value).map((item, i) => {
    const dev = toMap(`devices/${i}`, item);
    if (dev.path_on_host === undefined) throw new PropertyError(`devices/${i}`, "a device needs 'path_on_host'");
    const onHost = toText(`devices/${i}/path_on_host`, dev.path_on_host);
    const inContainer = dev.path_in_container === undefined || dev.path_in_container === null
      ? onHost : toText(`devices/${i}/path_in_container`, dev.path_in_container);
    const perms = dev.permissions === undefined || dev.permissions === null ? 'rwm' : toText(`devices/${i}/permissions`, dev.permissions);
    return { PathOnHost: onHost, PathInContainer: inContainer, CgroupPermissions: perms };
  });
}

const given = (v: unknown): boolean => v !== undefined && v !== null;

/**
 * The Engine API create body (Config fields plus HostConfig) for a resolved resource.
 * Assumes properties are fully resolved (no function nodes); throws PropertyError when a value
 * cannot be coerced. The container name is not part of the body: it goes in the `name` query.
 */
export function toCreateBody(resource: ResolvedResource, ctx: CreateContext): Record<string, unknown> {
  const p = resource.properties;
  const body: Record<string, unknown> = {};
  const host: Record<string, unknown> = {};

  body.Image = toText('image', p.image);
  if (given(p.hostname)) body.Hostname = toText('hostname', p.hostname);
  if (given(p.user)) body.User = toText('user', p.user);
  if (given(p.cmd)) body.Cmd = toTextList('cmd', p.cmd);
  if (given(p.env)) body.Env = toTextList('env', p.env);
  const bindings = portBindings(p);
  const exposed = exposedPorts(p, bindings);
  if (exposed) body.ExposedPorts = exposed;
  if (given(p.tty)) body.Tty = toBoolean('tty', p.tty);
  if (given(p.open_stdin)) body.OpenStdin = toBoolean('open_stdin', p.open_stdin);
  if (given(p.stdin_once)) body.StdinOnce = toBoolean('stdin_once', p.stdin_once);
  body.Labels = Object.fromEntries(Object.keys(ctx.labels).sort().map((k) => [k, ctx.labels[k]]));

  if (given(p.volumes)) host.Binds = binds(p.volumes);
  if (bindings) host.PortBindings = bindings;
  if (given(p.links)) host.Links = links(p.links);
  if (given(p.volumes_from)) host.VolumesFrom = volumesFrom(p.volumes_from);
  const privileged = given(p.privileged) ? toBoolean('privileged', p.privileged) : undefined;
  if (privileged !== undefined) host.Privileged = privileged;
  if (given(p.dns)) host.Dns = toTextList('dns', p.dns);
  if (given(p.restart_policy)) host.RestartPolicy = restartPolicy(p.restart_policy);
  if (given(p.cap_add)) host.CapAdd = toTextList('cap_add', p.cap_add);
  if (given(p.cap_drop)) host.CapDrop = toTextList('cap_drop', p.cap_drop);
  if (given(p.read_only)) host.ReadonlyRootfs = toBoolean('read_only', p.read_only);
  if (given(p.cpu_shares)) host.CpuShares = toInteger('cpu_shares', p.cpu_shares);
  if (given(p.cpu_set)) host.CpusetCpus = toText('cpu_set', p.cpu_set);
  if (given(p.memory)) host.Memory = toInteger('memory', p.memory);
  // A privileged container sees every host device already; Heat dropped the list in that case.
  if (given(p.devices) && privileged !== true) host.Devices = devices(p.devices);

  body.HostConfig = host;
  return body;
}
