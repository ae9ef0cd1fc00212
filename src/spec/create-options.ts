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
import { BODY_FIELD_REASONS, CONTAINER_PROPERTY_TABLE, containerProperty, type PropertyFormat } from './container-properties.js';
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

/**
 * A list, or a comma-separated string: Heat's first plugin typed volumes_from as a string and
 * docker-py split it at ','; later Heat made it a list. Names are trimmed, empty ones dropped.
 */
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

/** Turns one property's value into its create-body field (the first the table names). */
type Converter = (name: string, value: unknown) => unknown;

/** One converter per format; null for the formats whose properties are not in the body. */
const CONVERTERS: Record<PropertyFormat, Converter | null> = {
  endpoint: null,
  'container-name': null,
  text: toText,
  bytes: toInteger,
  count: toInteger,
  boolean: toBoolean,
  'text-list': toTextList,
  'env-list': toTextList,
  'dns-list': toTextList,
  'capability-list': toTextList,
  // Alone, each port property gives its own exposed ports; the body takes both together.
  'port-specs': (_, v) => exposedPorts({ port_specs: v }),
  'port-bindings': (_, v) => portBindings({ port_bindings: v }),
  links: (_, v) => links(v),
  volumes: (_, v) => binds(v),
  'volumes-from': (_, v) => volumesFrom(v),
  'restart-policy': (_, v) => restartPolicy(v),
  'cpu-set': toText,
  devices: (_, v) => devices(v),
};

/**
 * One property's value as the create body would carry it (undefined for a property the body
 * does not carry, or an unknown one). Throws PropertyError, as toCreateBody does, when the value
 * cannot be coerced: the checks judge a function's result with it, without building a body.
 */
export function convertProperty(name: string, value: unknown): unknown {
  const row = containerProperty(name);
  const convert = row && CONVERTERS[row.format];
  return convert ? convert(name, value) : undefined;
}

/**
 * The Engine API create body (Config fields plus HostConfig) for a resolved resource.
 * Assumes properties are fully resolved (no function nodes); throws PropertyError when a value
 * cannot be coerced. The container name is not part of the body: it goes in the `name` query.
 * Fields come in the table's order, so equal resources give byte-equal bodies.
 */
export function toCreateBody(resource: ResolvedResource, ctx: CreateContext): Record<string, unknown> {
  const p = resource.properties;
  const fields = new Map<string, unknown>();
  for (const prop of CONTAINER_PROPERTY_TABLE) {
    const convert = CONVERTERS[prop.format];
    if (convert === null || !('fields' in prop.engine)) continue;
    // `image` is required: toText reports a missing one.
    if (given(p[prop.name]) || prop.required) fields.set(prop.engine.fields[0], convert(prop.name, p[prop.name]));
  }
  // Both port properties feed ExposedPorts: the container ports of bindings are exposed too.
  const exposed = exposedPorts(p, fields.get('HostConfig.PortBindings') as Record<string, PortBinding[]> | undefined);
  if (exposed) fields.set('ExposedPorts', exposed);
  else fields.delete('ExposedPorts');
  // A privileged container sees every host device already; Heat dropped the list in that case.
  if (fields.get('HostConfig.Privileged') === true) fields.delete('HostConfig.Devices');

  const body: Record<string, unknown> = {};
  const host: Record<string, unknown> = {};
  for (const [path] of BODY_FIELD_REASONS) {
    if (path === 'Labels') body.Labels = Object.fromEntries(Object.keys(ctx.labels).sort().map((k) => [k, ctx.labels[k]]));
    else if (!fields.has(path)) continue;
    else if (path.startsWith('HostConfig.')) host[path.slice('HostConfig.'.length)] = fields.get(path);
    else body[path] = fields.get(path);
  }
  body.HostConfig = host;
  return body;
}
