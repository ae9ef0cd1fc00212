/**
 * The one table of DockerInc::Docker::Container properties. Everything hotdock knows about a
 * property lives in its row, and every consumer reads the row instead of keeping a list of its own:
 * the JSON Schema (src/template/hot-schema.ts builds each property's schema from `format`), the
 * Docker checks (kinds and formats), the create body (src/spec/create-options.ts: `engine`), the
 * replace reasons (src/deploy/hash.ts: `reason`) and the property table of
 * docs/template-reference.md (generated from `docs`; a test fails when the two differ).
 *
 * Row order matters: it is the order of the schema, of the docs, of the create body's fields
 * (Config fields, then HostConfig fields) and of the reasons a replace lists.
 */

/** Heat's property type (heat/engine/properties.py): how a value is coerced. */
export type PropertyKind = 'string' | 'integer' | 'boolean' | 'list' | 'map';

/**
 * What a property's value looks like beyond its kind. The schema has one fragment per format
 * and the create body one converter per format, each a record keyed by this type, so a new
 * format cannot be added without both.
 */
export type PropertyFormat =
  | 'endpoint' | 'container-name' | 'text' | 'bytes' | 'count' | 'boolean' | 'text-list' | 'env-list'
  | 'dns-list' | 'capability-list' | 'port-specs' | 'port-bindings' | 'links' | 'volumes' | 'volumes-from'
  | 'restart-policy' | 'cpu-set' | 'devices';

/** Where a property goes in the Engine API create call. */
export type EngineMapping =
  /** Create-body fields it feeds, `HostConfig.` prefixed for host settings, in body order. */
  | { fields: readonly string[] }
  /** Why the property is not part of the body. */
  | { notSent: string };

/** One row of the table. */
export interface ContainerProperty {
  name: string;
  kind: PropertyKind;
  format: PropertyFormat;
  /** Short title for editors. */
  title: string;
  /** One or two sentences for editors (the schema's description). */
  description: string;
  /** hotdock refuses a resource without it (Heat's schema made every property optional). */
  required?: true;
  /** Heat's default, as the docs show it; undefined when Heat had none. */
  heatDefault?: string;
  engine: EngineMapping;
  /**
   * The word a replace reason uses when the property's part of the create body changed
   * (`replace web: ports changed`); null for a property that is not in the body.
   */
  reason: string | null;
  /** Values may carry secrets (passwords in KEY=VALUE): never print them. */
  secretBearing: boolean;
  /** The docs' table: the type as users read it, and the example file that shows it. */
  docs: { type: string; example: string };
  /** Where it came from: Heat's original plugin, or later Heat releases. */
  since: 'heat-plugin' | 'heat-later';
}

const HOST = 'HostConfig.';

/** Every property, in body order (see the module comment). */
export const CONTAINER_PROPERTY_TABLE: readonly ContainerProperty[] = [
  {
    name: 'docker_endpoint', kind: 'string', format: 'endpoint', title: 'Docker endpoint',
    description: "Where the container runs: unix:///path, tcp://host:port, http(s)://host:port, host:port, or the name of an entry of the action's 'endpoints' input. Defaults to the action's docker-endpoint, DOCKER_HOST, then the local socket.",
    engine: { notSent: 'chooses the engine the create call goes to' }, reason: null, secretBearing: false,
    docs: { type: 'string', example: 'docker-endpoint.yaml' }, since: 'heat-plugin',
  },
  {
    name: 'image', kind: 'string', format: 'text', title: 'Image', required: true,
    description: 'The image to run, e.g. nginx:1.27 or registry.example.com/team/app@sha256:... Required by hotdock.',
    engine: { fields: ['Image'] }, reason: 'image', secretBearing: false,
    docs: { type: 'string, required', example: 'process.yaml' }, since: 'heat-plugin',
  },
  {
    name: 'name', kind: 'string', format: 'container-name', title: 'Container name',
    description: "Docker container name; defaults to '<stack name>-<resource name>'.",
    engine: { notSent: "the create call's name query; a new name is a new container" }, reason: null, secretBearing: false,
    docs: { type: 'string', example: 'process.yaml' }, since: 'heat-plugin',
  },
  {
    name: 'hostname', kind: 'string', format: 'text', title: 'Hostname', heatDefault: "''",
    description: 'Hostname inside the container (Config.Hostname).',
    engine: { fields: ['Hostname'] }, reason: 'hostname', secretBearing: false,
    docs: { type: 'string', example: 'process.yaml' }, since: 'heat-plugin',
  },
  {
    name: 'user', kind: 'string', format: 'text', title: 'User', heatDefault: "''",
    description: 'User the command runs as: a name or uid, optionally with :group (Config.User).',
    engine: { fields: ['User'] }, reason: 'user', secretBearing: false,
    docs: { type: 'string (name or uid)', example: 'process.yaml' }, since: 'heat-plugin',
  },
  {
    name: 'cmd', kind: 'list', format: 'text-list', title: 'Command', heatDefault: '[]',
    description: 'Command and arguments as a list (Config.Cmd), e.g. [nginx, -g, "daemon off;"]. A plain string is an error.',
    engine: { fields: ['Cmd'] }, reason: 'cmd', secretBearing: false,
    docs: { type: 'list', example: 'process.yaml' }, since: 'heat-plugin',
  },
  {
    name: 'env', kind: 'list', format: 'env-list', title: 'Environment',
    description: 'Environment variables as a list of KEY=VALUE strings (Config.Env).',
    engine: { fields: ['Env'] }, reason: 'env', secretBearing: true,
    docs: { type: 'list of `KEY=VALUE`', example: 'process.yaml' }, since: 'heat-plugin',
  },
  {
    name: 'port_specs', kind: 'list', format: 'port-specs', title: 'Exposed ports',
    description: "Ports the container exposes: 80, '80/tcp', '53/udp' (no protocol means tcp).",
    engine: { fields: ['ExposedPorts'] }, reason: 'ports', secretBearing: false,
    docs: { type: 'list', example: 'port-specs.yaml' }, since: 'heat-plugin',
  },
  {
    name: 'tty', kind: 'boolean', format: 'boolean', title: 'TTY', heatDefault: 'false',
    description: 'Allocate a pseudo-TTY (Config.Tty).',
    engine: { fields: ['Tty'] }, reason: 'tty', secretBearing: false,
    docs: { type: 'boolean', example: 'process.yaml' }, since: 'heat-plugin',
  },
  {
    name: 'open_stdin', kind: 'boolean', format: 'boolean', title: 'Open stdin', heatDefault: 'false',
    description: 'Keep stdin open (Config.OpenStdin).',
    engine: { fields: ['OpenStdin'] }, reason: 'open_stdin', secretBearing: false,
    docs: { type: 'boolean', example: 'process.yaml' }, since: 'heat-plugin',
  },
  {
    name: 'stdin_once', kind: 'boolean', format: 'boolean', title: 'Stdin once', heatDefault: 'false',
    description: 'Close stdin after the first client detaches (Config.StdinOnce).',
    engine: { fields: ['StdinOnce'] }, reason: 'stdin_once', secretBearing: false,
    docs: { type: 'boolean', example: 'process.yaml' }, since: 'heat-plugin',
  },
  {
    name: 'volumes', kind: 'map', format: 'volumes', title: 'Volumes', heatDefault: '{}',
    description: "Bind mounts: {'/host/path': '/container/path'} or {'/host/path': {bind: /container/path, ro: true}} (HostConfig.Binds).",
    engine: { fields: [`${HOST}Binds`] }, reason: 'volumes', secretBearing: false,
    docs: { type: 'map', example: 'volumes.yaml' }, since: 'heat-plugin',
  },
  {
    name: 'port_bindings', kind: 'map', format: 'port-bindings', title: 'Port bindings',
    description: "Container port (80 or '80/tcp') to host port: 8080, null (any free port), {HostIp: 127.0.0.1, HostPort: 8080}, or a list of those.",
    // Its container ports are exposed too: ExposedPorts is shared with port_specs.
    engine: { fields: [`${HOST}PortBindings`, 'ExposedPorts'] }, reason: 'ports', secretBearing: false,
    docs: { type: 'map', example: 'port-bindings.yaml' }, since: 'heat-plugin',
  },
  {
    name: 'links', kind: 'map', format: 'links', title: 'Links',
    description: 'Other containers this one links to: {container name: alias} (HostConfig.Links).',
    engine: { fields: [`${HOST}Links`] }, reason: 'links', secretBearing: false,
    docs: { type: 'map', example: 'links.yaml' }, since: 'heat-plugin',
  },
  {
    name: 'volumes_from', kind: 'list', format: 'volumes-from', title: 'Volumes from', heatDefault: "''",
    description: 'Containers (names or ids) whose volumes this one mounts (HostConfig.VolumesFrom): a list, or a comma-separated string, as the first Heat plugin took it.',
    engine: { fields: [`${HOST}VolumesFrom`] }, reason: 'volumes_from', secretBearing: false,
    docs: { type: 'list or comma-separated string', example: 'volumes.yaml' }, since: 'heat-plugin',
  },
  {
    name: 'privileged', kind: 'boolean', format: 'boolean', title: 'Privileged', heatDefault: 'false',
    description: 'Give the container extended privileges (HostConfig.Privileged).',
    engine: { fields: [`${HOST}Privileged`] }, reason: 'privileged', secretBearing: false,
    docs: { type: 'boolean', example: 'capabilities.yaml' }, since: 'heat-plugin',
  },
  {
    name: 'dns', kind: 'list', format: 'dns-list', title: 'DNS servers',
    description: 'DNS server addresses (HostConfig.Dns).',
    engine: { fields: [`${HOST}Dns`] }, reason: 'dns', secretBearing: false,
    docs: { type: 'list', example: 'process.yaml' }, since: 'heat-plugin',
  },
  {
    name: 'restart_policy', kind: 'map', format: 'restart-policy', title: 'Restart policy', heatDefault: '{}',
    description: 'When Docker restarts the container: {Name: no|on-failure|always, MaximumRetryCount: 0}.',
    engine: { fields: [`${HOST}RestartPolicy`] }, reason: 'restart_policy', secretBearing: false,
    docs: { type: 'map', example: 'restart-policy.yaml' }, since: 'heat-later',
  },
  {
    name: 'cap_add', kind: 'list', format: 'capability-list', title: 'Capabilities to add', heatDefault: '[]',
    description: 'Linux capabilities to add (HostConfig.CapAdd), e.g. [NET_ADMIN].',
    engine: { fields: [`${HOST}CapAdd`] }, reason: 'cap_add', secretBearing: false,
    docs: { type: 'list', example: 'capabilities.yaml' }, since: 'heat-later',
  },
  {
    name: 'cap_drop', kind: 'list', format: 'capability-list', title: 'Capabilities to drop', heatDefault: '[]',
    description: 'Linux capabilities to drop (HostConfig.CapDrop), e.g. [ALL].',
    engine: { fields: [`${HOST}CapDrop`] }, reason: 'cap_drop', secretBearing: false,
    docs: { type: 'list', example: 'capabilities.yaml' }, since: 'heat-later',
  },
  {
    name: 'read_only', kind: 'boolean', format: 'boolean', title: 'Read-only root', heatDefault: 'false',
    description: 'Mount the root filesystem read-only (HostConfig.ReadonlyRootfs).',
    engine: { fields: [`${HOST}ReadonlyRootfs`] }, reason: 'read_only', secretBearing: false,
    docs: { type: 'boolean', example: 'capabilities.yaml' }, since: 'heat-later',
  },
  {
    name: 'cpu_shares', kind: 'integer', format: 'count', title: 'CPU shares', heatDefault: '0',
    description: 'Relative CPU weight (HostConfig.CpuShares).',
    engine: { fields: [`${HOST}CpuShares`] }, reason: 'cpu_shares', secretBearing: false,
    docs: { type: 'integer', example: 'limits.yaml' }, since: 'heat-later',
  },
  {
    name: 'cpu_set', kind: 'string', format: 'cpu-set', title: 'CPU set',
    description: "CPUs the container may use, e.g. '0-3' or '0-8,16-24,28' (HostConfig.CpusetCpus).",
    engine: { fields: [`${HOST}CpusetCpus`] }, reason: 'cpu_set', secretBearing: false,
    docs: { type: 'string', example: 'limits.yaml' }, since: 'heat-later',
  },
  {
    name: 'memory', kind: 'integer', format: 'bytes', title: 'Memory limit', heatDefault: '0',
    description: 'Memory limit in bytes (HostConfig.Memory), e.g. 536870912 for 512 MiB.',
    engine: { fields: [`${HOST}Memory`] }, reason: 'memory', secretBearing: false,
    docs: { type: 'integer, bytes', example: 'limits.yaml' }, since: 'heat-plugin',
  },
  {
    name: 'devices', kind: 'list', format: 'devices', title: 'Devices', heatDefault: '[]',
    description: 'Host devices to expose: [{path_on_host: /dev/sda, path_in_container: /dev/xvda, permissions: rwm}] (HostConfig.Devices).',
    // Left out when privileged is true: a privileged container sees every device already.
    engine: { fields: [`${HOST}Devices`] }, reason: 'devices', secretBearing: false,
    docs: { type: 'list of maps', example: 'devices.yaml' }, since: 'heat-later',
  },
];

/** Every property name, in table order. */
export const CONTAINER_PROPERTY_NAMES: readonly string[] = CONTAINER_PROPERTY_TABLE.map((p) => p.name);

const BY_NAME: ReadonlyMap<string, ContainerProperty> = new Map(CONTAINER_PROPERTY_TABLE.map((p) => [p.name, p]));

/** The row of a property, or undefined for a name that is not one. */
export function containerProperty(name: string): ContainerProperty | undefined {
  return BY_NAME.get(name);
}

/** Names by a key of the rows, grouped once: the checks ask for each resource. */
function groupBy(key: (p: ContainerProperty) => string): ReadonlyMap<string, readonly string[]> {
  const out = new Map<string, string[]>();
  for (const p of CONTAINER_PROPERTY_TABLE) out.set(key(p), [...(out.get(key(p)) ?? []), p.name]);
  return out;
}
const BY_KIND = groupBy((p) => p.kind);
const BY_FORMAT = groupBy((p) => p.format);

/** Names of the properties of one kind (e.g. every boolean), in table order. */
export function propertiesOfKind(kind: PropertyKind): readonly string[] {
  return BY_KIND.get(kind) ?? [];
}

/** Names of the properties of one format (e.g. both capability lists), in table order. */
export function propertiesOfFormat(format: PropertyFormat): readonly string[] {
  return BY_FORMAT.get(format) ?? [];
}

/**
 * Create-body fields with the reason word a change to each gives, in body order: each field
 * where the first row naming it puts it. `Labels` (hotdock's own, no property) comes last.
 */
export const BODY_FIELD_REASONS: readonly (readonly [path: string, reason: string])[] = (() => {
  const out = new Map<string, string>();
  for (const p of CONTAINER_PROPERTY_TABLE) {
    if (!('fields' in p.engine) || p.reason === null) continue;
    for (const field of p.engine.fields) if (!out.has(field)) out.set(field, p.reason);
  }
  out.set('Labels', 'labels');
  return [...out];
})();
