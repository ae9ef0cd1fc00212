/**
 * Docker-level checks on RESOLVED properties. The JSON Schema already judges every literal value,
 * so the per-value checks here only look at values a function produced (get_param and friends),
 * where the schema saw a function call and could not know the result. Three checks have no schema
 * counterpart and run on every value: endpoint syntax, restart retries with a policy that
 * refuses them, and memory under Docker's minimum. The cross-resource checks (same container name, same host port on one endpoint)
 * always run: Docker would refuse the second container halfway through a deploy. A value holding a
 * deploy-time reference, bare or inside a call kept for deploy time (containsRuntime), is skipped:
 * it only exists once the referenced container does.
 */
import type { Diagnostic } from '../diagnostics.js';
import { PropertyError } from '../spec/coerce.js';
import { containerNameFor, convertProperty } from '../spec/create-options.js';
import { parseEndpointUrl } from '../spec/endpoint-url.js';
import {
  CONTAINER_NAME_PATTERN, DEVICE_PATH_MAX_LENGTH, DEVICE_PATH_PATTERN, DEVICE_PERMISSIONS, LINUX_CAPABILITIES, RESTART_POLICIES,
} from '../spec/container-property-formats.js';
import { CONTAINER_PROPERTY_NAMES, containerProperty, propertiesOfFormat } from '../spec/container-properties.js';
import { parsePortBindings, parsePortSpec, type PortBinding } from '../spec/ports.js';
import { diagnosticAt } from './diagnostic-factory.js';
import { ResourceChecker } from './docker-check-context.js';
import { checkBooleanWords, checkDuplicateContainerPorts } from './docker-literal-checks.js';
import { containsRuntime, isMap } from './functions/spec.js';
import { CONTAINER_TYPE } from './hot-schema.js';
import { suggest } from './suggest.js';
import { escapePointer, type LoadedTemplate, type ResolvedResource, type ResolvedStack } from './types.js';

export { fromFunction } from './docker-check-context.js';

/** What the checks need to know about endpoints. */
export interface DockerCheckSettings {
  defaultEndpoint: string;
  /** Names of the `endpoints` input's entries: a template may name one instead of a URL. */
  endpointNames: string[];
}

const DEVICE_PATH = new RegExp(DEVICE_PATH_PATTERN);
const CONTAINER_NAME = new RegExp(CONTAINER_NAME_PATTERN);
/** Every property of DockerInc::Docker::Container (a function can build the properties map). */
const KNOWN_PROPERTIES = CONTAINER_PROPERTY_NAMES;

function checkEndpoint(c: ResourceChecker, settings: DockerCheckSettings): void {
  const raw = c.res.properties.docker_endpoint;
  if (raw === undefined || raw === null || containsRuntime(raw)) return;
  const ptr = c.ptr('docker_endpoint');
  if (typeof raw !== 'string') {
    c.report('docker_endpoint', ptr, 'invalid-endpoint', `docker_endpoint must be a URL or an endpoint name, got ${JSON.stringify(raw)}`);
    return;
  }
  if (settings.endpointNames.includes(raw)) return;
  const parsed = parseEndpointUrl(raw);
  if (parsed.ok) return;
  const names = settings.endpointNames.length > 0 ? ` or one of the endpoint names (${settings.endpointNames.join(', ')})` : '';
  c.report('docker_endpoint', ptr, 'invalid-endpoint', `${parsed.message}${names}`);
}

function checkPorts(c: ResourceChecker): void {
  for (const prop of propertiesOfFormat('port-specs')) {
    const specs = c.res.properties[prop];
    if (!Array.isArray(specs)) continue;
    specs.forEach((spec, i) => {
      if (containsRuntime(spec) || !c.computed(prop, i)) return;
      const r = parsePortSpec(spec);
      if (!r.ok) c.report(prop, c.ptr(prop, i), 'invalid-port', `${prop}: ${r.message}`);
    });
  }
  for (const prop of propertiesOfFormat('port-bindings')) {
    const bindings = c.res.properties[prop];
    if (!isMap(bindings)) continue;
    for (const key of Object.keys(bindings)) {
      if (containsRuntime(bindings[key]) || !c.computed(prop, key)) continue;
      const r = parsePortBindings({ [key]: bindings[key] });
      if (!r.ok) c.report(prop, c.ptr(prop, key), 'invalid-port', `${prop}: ${r.message}`);
    }
  }
}

function checkCapabilities(c: ResourceChecker): void {
  for (const prop of propertiesOfFormat('capability-list')) {
    const list = c.res.properties[prop];
    if (!Array.isArray(list)) continue;
    list.forEach((cap, i) => {
      if (typeof cap !== 'string' || !c.computed(prop, i)) return;
      if ((LINUX_CAPABILITIES as readonly string[]).includes(cap)) return;
      const ptr = c.ptr(prop, i);
      const hint = suggest(cap.toUpperCase().replace(/^CAP_/, ''), LINUX_CAPABILITIES);
      c.report(prop, ptr, 'invalid-capability', `${prop}: unknown capability '${cap}'${hint ? `; did you mean '${hint}'?` : ''}`);
    });
  }
}

function checkDevices(c: ResourceChecker): void {
  for (const prop of propertiesOfFormat('devices')) {
    const list = c.res.properties[prop];
    if (!Array.isArray(list)) continue;
    list.forEach((dev, i) => {
      if (!isMap(dev)) return;
      for (const field of ['path_on_host', 'path_in_container']) {
        const value = dev[field];
        if (value === undefined || typeof value !== 'string' || !c.computed(prop, i, field)) continue;
        if (!DEVICE_PATH.test(value) || value.length > DEVICE_PATH_MAX_LENGTH) {
          c.report(prop, c.ptr(prop, i, field), 'invalid-device-path', `${prop}: ${field} '${value}' is not a device path like /dev/sda (letters, digits, '/', '_', '-'; at most ${DEVICE_PATH_MAX_LENGTH} characters)`);
        }
      }
      const perms = dev.permissions;
      if (typeof perms === 'string' && c.computed(prop, i, 'permissions') && !DEVICE_PERMISSIONS.includes(perms)) {
        c.report(prop, c.ptr(prop, i, 'permissions'), 'invalid-device-permissions', `${prop}: permissions '${perms}' must be one of ${DEVICE_PERMISSIONS.join(', ')}`);
      }
    });
  }
}

function checkRestartPolicy(c: ResourceChecker): void {
  for (const prop of propertiesOfFormat('restart-policy')) {
    const policy = c.res.properties[prop];
    // A deploy-time value (a reference, or a call kept for deploy time) cannot be judged now.
    if (!isMap(policy) || containsRuntime(policy)) continue;
    const name = policy.Name;
    if (typeof name === 'string' && c.computed(prop, 'Name') && !RESTART_POLICIES.includes(name)) {
      c.report(prop, c.ptr(prop, 'Name'), 'invalid-restart-policy', `${prop}: Name '${name}' must be one of ${RESTART_POLICIES.join(', ')}`);
      continue;
    }
    // Docker refuses retries with any policy but on-failure; the schema cannot relate the two fields.
    const count = policy.MaximumRetryCount;
    const retries = typeof count === 'number' ? count : typeof count === 'string' && /^\s*\+?\d+\s*$/.test(count) ? Number(count) : 0;
    if (retries > 0 && name !== 'on-failure') {
      c.report(prop, c.ptr(prop, 'MaximumRetryCount'), 'invalid-restart-policy',
        `${prop}: MaximumRetryCount only applies to Name 'on-failure' (got '${String(name ?? 'no')}'); Docker refuses it otherwise`);
    }
  }
}

/** Docker's smallest memory limit (20.10: "Minimum memory limit allowed is 6MB"). */
const MIN_MEMORY = 6 * 1024 * 1024;

/**
 * `memory` is in bytes; a value under Docker's minimum is almost always megabytes written as bytes.
 * The schema cannot know the engine's minimum, so this runs on literal values too.
 */
function checkMemory(c: ResourceChecker): void {
  for (const prop of propertiesOfFormat('bytes')) {
    const raw = c.res.properties[prop];
    const bytes = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\s*\+?\d+\s*$/.test(raw) ? Number(raw) : undefined;
    if (bytes === undefined || bytes === 0 || bytes >= MIN_MEMORY) continue;
    c.report(prop, c.ptr(prop), 'invalid-memory',
      `${prop} is in bytes and Docker's minimum is 6 MiB (6291456); ${bytes} bytes is less (for ${bytes} MiB write ${bytes * 1024 * 1024})`);
  }
}

/**
 * Function results of every other property: the same coercion the create body applies, so a
 * parameter that yields a mapping for a list fails here instead of in the middle of a deploy.
 */
function checkCoercion(c: ResourceChecker): void {
  const properties = c.res.properties;
  for (const prop of Object.keys(properties)) {
    if (c.flagged.has(prop) || containerProperty(prop)?.format === 'endpoint') continue;
    // Literal values are the common case: ask that first, and walk a value only when computed.
    if (!c.computed(prop)) continue;
    const value = properties[prop];
    if (containsRuntime(value)) continue;
    const ptr = c.ptr(prop);
    if (!KNOWN_PROPERTIES.includes(prop)) {
      const hint = suggest(prop, KNOWN_PROPERTIES);
      c.report(prop, ptr, 'invalid-property-value', `unknown property '${prop}'${hint ? `; did you mean '${hint}'?` : ''}`);
      continue;
    }
    if (containerProperty(prop)?.format === 'container-name') {
      if ((typeof value !== 'string' && typeof value !== 'number') || !CONTAINER_NAME.test(String(value))) {
        c.report(prop, ptr, 'invalid-property-value', `name ${JSON.stringify(value) ?? String(value)} is not a container name (two or more letters, digits, '_', '.' or '-', starting with a letter or digit)`);
      }
      continue;
    }
    // Unset, as the create body treats an optional property; a required one must convert.
    if ((value === undefined || value === null) && containerProperty(prop)?.required !== true) continue;
    try {
      convertProperty(prop, value);
    } catch (e) {
      if (!(e instanceof PropertyError)) throw e;
      c.report(prop, ptr, 'invalid-property-value', e.message);
    }
  }
}

/** Where a resource runs, as a comparable key; undefined when placement decides. */
function endpointKey(
  res: ResolvedResource,
  settings: DockerCheckSettings,
  known: Map<string, { key: string; shown: string }>,
): { key: string; shown: string } | undefined {
  const raw = res.properties.docker_endpoint;
  let text: string;
  if (raw === undefined || raw === null || raw === '') {
    // With several named endpoints, placement spreads unnamed resources: their host is unknown here.
    if (settings.endpointNames.length >= 2) return undefined;
    text = settings.defaultEndpoint;
  } else if (typeof raw === 'string') {
    text = raw;
  } else {
    return undefined;
  }
  // Most resources share one endpoint: each text is parsed once per check.
  let found = known.get(text);
  if (found === undefined) {
    if (settings.endpointNames.includes(text)) found = { key: `name:${text}`, shown: text };
    else {
      const parsed = parseEndpointUrl(text);
      found = { key: parsed.ok ? JSON.stringify(parsed.endpoint) : text, shown: text };
    }
    known.set(text, found);
  }
  return found;
}

const WILDCARD_IPS = ['', '0.0.0.0', '::'];
const ipsOverlap = (a: string, b: string): boolean => a === b || WILDCARD_IPS.includes(a) || WILDCARD_IPS.includes(b);

interface Claim {
  resource: string;
  hostIp: string;
  hostPort: string;
  protocol: string;
}

function checkCrossResource(tpl: LoadedTemplate, stack: ResolvedStack, settings: DockerCheckSettings, out: Diagnostic[]): void {
  const names = new Map<string, string>();
  const ports = new Map<string, Claim[]>();
  const endpoints = new Map<string, { key: string; shown: string }>();
  for (const res of stack.resources) {
    if (res.type !== CONTAINER_TYPE) continue;
    const endpoint = endpointKey(res, settings, endpoints);
    if (!endpoint) continue;
    const base = `${res.pointer}/properties`;
    const name = typeof res.properties.name === 'string' || typeof res.properties.name === 'number' || res.properties.name === undefined
      ? containerNameFor(res, stack.stackName) : undefined;
    if (name !== undefined) {
      const nameKey = `${endpoint.key}\n${name}`;
      const first = names.get(nameKey);
      if (first !== undefined) {
        const hasName = res.properties.name !== undefined;
        out.push(diagnosticAt(tpl, hasName ? `${base}/name` : res.pointer, 'duplicate-container-name',
          `resource '${res.name}': container name '${name}' is already used by resource '${first}' on endpoint '${endpoint.shown}'`,
          'error', hasName ? 'value' : 'key'));
      } else {
        names.set(nameKey, res.name);
      }
    }
    const bindings = res.properties.port_bindings;
    if (!isMap(bindings)) continue;
    const claims = ports.get(endpoint.key) ?? [];
    ports.set(endpoint.key, claims);
    for (const rawKey of Object.keys(bindings)) {
      if (containsRuntime(bindings[rawKey])) continue;
      const parsed = parsePortBindings({ [rawKey]: bindings[rawKey] });
      if (!parsed.ok) continue;
      const [containerPort, list] = Object.entries(parsed.bindings)[0] as [string, PortBinding[]];
      const protocol = containerPort.split('/')[1];
      list.forEach((b, i) => {
        if (b.HostPort === '') return;
        const clash = claims.find((cl) => cl.hostPort === b.HostPort && cl.protocol === protocol && ipsOverlap(cl.hostIp, b.HostIp));
        if (clash) {
          const at = `${base}/port_bindings/${escapePointer(rawKey)}${Array.isArray(bindings[rawKey]) ? `/${i}` : ''}`;
          const where = b.HostIp === '' ? 'all addresses' : b.HostIp;
          out.push(diagnosticAt(tpl, at, 'duplicate-host-port',
            `resource '${res.name}': host port ${b.HostPort}/${protocol} on ${where} is already bound by resource '${clash.resource}' on endpoint '${endpoint.shown}'`));
        } else {
          claims.push({ resource: res.name, hostIp: b.HostIp, hostPort: b.HostPort, protocol });
        }
      });
    }
  }
}

/**
 * Docker-level checks of a resolved stack: endpoint syntax, ports, capabilities, device paths,
 * restart policies, the memory minimum and coercible values (mostly function results only; see
 * the module comment), then duplicate container names and host ports per endpoint, reported at
 * the second occurrence.
 */
export function checkDockerResources(tpl: LoadedTemplate, stack: ResolvedStack, settings: DockerCheckSettings): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const res of stack.resources) {
    if (res.type !== CONTAINER_TYPE) continue;
    const c = new ResourceChecker(tpl, res, out);
    checkEndpoint(c, settings);
    checkPorts(c);
    checkCapabilities(c);
    checkDevices(c);
    checkRestartPolicy(c);
    checkMemory(c);
    checkBooleanWords(c);
    checkDuplicateContainerPorts(c);
    checkCoercion(c);
  }
  checkCrossResource(tpl, stack, settings, out);
  return out;
}
