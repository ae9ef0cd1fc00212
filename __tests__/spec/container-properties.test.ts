/**
 * The property table is the one list of container properties: these tests hold every consumer
 * to it (schema, create body, replace reasons) and every row to its own rules.
 */
import {
  BODY_FIELD_REASONS, CONTAINER_PROPERTY_NAMES, CONTAINER_PROPERTY_TABLE, containerProperty, propertiesOfFormat, propertiesOfKind,
} from '../../src/spec/container-properties.js';
import { toCreateBody } from '../../src/spec/create-options.js';
import { CONFIG_FIELD_ORDER } from '../../src/deploy/hash.js';
import { CONTAINER_PROPERTIES, hotSchema } from '../../src/template/hot-schema.js';
import type { ResolvedResource } from '../../src/template/types.js';

const resource = (properties: Record<string, unknown>): ResolvedResource => ({
  name: 'web', type: 'DockerInc::Docker::Container', properties, dependsOn: [], deletionPolicy: 'Delete', pointer: '/resources/web',
});

/** A value that is not Docker's default for every property the create body carries. */
const SAMPLES: Record<string, unknown> = {
  image: 'busybox:1', hostname: 'h', user: 'u', cmd: ['true'], env: ['A=1'], port_specs: [80], tty: true, open_stdin: true,
  stdin_once: true, volumes: { '/h': '/c' }, port_bindings: { 81: 8081 }, links: { db: 'database' }, volumes_from: ['data'],
  privileged: true, dns: ['9.9.9.9'], restart_policy: { Name: 'always' }, cap_add: ['NET_ADMIN'], cap_drop: ['MKNOD'],
  read_only: true, cpu_shares: 512, cpu_set: '0', memory: 8388608, devices: [{ path_on_host: '/dev/null' }],
};

const sent = CONTAINER_PROPERTY_TABLE.filter((p) => 'fields' in p.engine);
const fieldsOf = (name: string): readonly string[] => {
  const engine = containerProperty(name)?.engine;
  return engine && 'fields' in engine ? engine.fields : [];
};

function fieldOf(body: Record<string, unknown>, path: string): unknown {
  return path.startsWith('HostConfig.') ? (body.HostConfig as Record<string, unknown>)[path.slice('HostConfig.'.length)] : body[path];
}

describe('every row', () => {
  test('names are unique and snake_case', () => {
    expect(new Set(CONTAINER_PROPERTY_NAMES).size).toBe(CONTAINER_PROPERTY_NAMES.length);
    for (const name of CONTAINER_PROPERTY_NAMES) expect(name).toMatch(/^[a-z]+(?:_[a-z]+)*$/);
  });

  test.each(CONTAINER_PROPERTY_TABLE.map((p) => [p.name, p]))('%s has a create mapping or says why it is not sent', (_, p) => {
    if ('fields' in p.engine) {
      expect(p.engine.fields.length).toBeGreaterThan(0);
      expect(p.reason).toMatch(/^[a-z_]+$/);
    } else {
      expect(p.engine.notSent.length).toBeGreaterThan(10);
      expect(p.reason).toBeNull();
    }
    expect(p.title.length).toBeGreaterThan(0);
    expect(p.description).toMatch(/\.$/);
  });

  test('docker_endpoint and name are the properties that are not in the body', () => {
    expect(CONTAINER_PROPERTY_TABLE.filter((p) => 'notSent' in p.engine).map((p) => p.name)).toEqual(['docker_endpoint', 'name']);
  });

  test('only image is required; only env may carry secrets', () => {
    expect(CONTAINER_PROPERTY_TABLE.filter((p) => p.required).map((p) => p.name)).toEqual(['image']);
    expect(CONTAINER_PROPERTY_TABLE.filter((p) => p.secretBearing).map((p) => p.name)).toEqual(['env']);
  });

  test('kinds and formats select rows', () => {
    expect(propertiesOfKind('boolean')).toEqual(['tty', 'open_stdin', 'stdin_once', 'privileged', 'read_only']);
    expect(propertiesOfFormat('capability-list')).toEqual(['cap_add', 'cap_drop']);
    expect(containerProperty('nope')).toBeUndefined();
  });
});

describe('the schema reads the table', () => {
  const definitions = hotSchema.definitions as Record<string, { properties: Record<string, { title: string; description: string }>; required: string[] }>;
  const schemaProps = definitions.containerProperties;

  test('every schema property is in the table and every row in the schema, in table order', () => {
    expect(Object.keys(schemaProps.properties)).toEqual([...CONTAINER_PROPERTY_NAMES]);
    expect(CONTAINER_PROPERTIES).toEqual(CONTAINER_PROPERTY_NAMES);
  });

  test('titles, descriptions and required come from the rows', () => {
    for (const p of CONTAINER_PROPERTY_TABLE) {
      expect([p.name, schemaProps.properties[p.name].title, schemaProps.properties[p.name].description]).toEqual([p.name, p.title, p.description]);
    }
    expect(schemaProps.required).toEqual(['image']);
  });
});

describe('the create body reads the table', () => {
  test('the samples cover exactly the properties the body carries', () => {
    expect(Object.keys(SAMPLES).sort()).toEqual(sent.map((p) => p.name).sort());
  });

  test.each(sent.map((p) => [p.name]))('%s fills the fields its row names, and only those', (name) => {
    const base = toCreateBody(resource({ image: 'busybox:1' }), { stackName: 's', containerName: 'c', labels: {} });
    const withIt = toCreateBody(resource({ image: 'busybox:1', [name]: SAMPLES[name] }), { stackName: 's', containerName: 'c', labels: {} });
    const changed = BODY_FIELD_REASONS.map(([path]) => path)
      .filter((path) => JSON.stringify(fieldOf(base, path)) !== JSON.stringify(fieldOf(withIt, path)));
    // image is in both bodies: its row's field is the one a different image changes.
    const expected = name === 'image' ? [] : [...fieldsOf(name)].sort();
    expect(changed.sort()).toEqual(expected);
  });

  test('body fields come in the table order, Config fields then HostConfig', () => {
    const props = Object.fromEntries(Object.entries(SAMPLES).reverse());
    const b = toCreateBody(resource({ ...props, privileged: false }), { stackName: 's', containerName: 'c', labels: { a: 'b' } });
    const paths = BODY_FIELD_REASONS.map(([path]) => path);
    expect(Object.keys(b)).toEqual([...paths.filter((p) => !p.startsWith('HostConfig.')), 'HostConfig']);
    expect(Object.keys(b.HostConfig as object).map((k) => `HostConfig.${k}`)).toEqual(paths.filter((p) => p.startsWith('HostConfig.')));
  });
});

describe('replace reasons read the table', () => {
  test('each body field says its row reason; labels is the one that has no row', () => {
    const paths = BODY_FIELD_REASONS.map(([path]) => path);
    expect(new Set(paths).size).toBe(paths.length);
    for (const [path, reason] of BODY_FIELD_REASONS) {
      const row = sent.find((p) => fieldsOf(p.name).includes(path));
      expect([path, reason]).toEqual([path, row?.reason ?? 'labels']);
    }
    expect(BODY_FIELD_REASONS.find(([path]) => path === 'ExposedPorts')?.[1]).toBe('ports');
  });

  test('the hash lists reasons in the table order, each once', () => {
    expect(CONFIG_FIELD_ORDER).toEqual([...new Set(BODY_FIELD_REASONS.map(([, reason]) => reason))]);
    expect(CONFIG_FIELD_ORDER.slice(0, 6)).toEqual(['image', 'hostname', 'user', 'cmd', 'env', 'ports']);
  });
});
