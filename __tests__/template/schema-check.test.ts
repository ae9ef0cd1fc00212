/**
 * The schema check on its own: every diagnostic code with its position and sentence, the
 * collapsing of ajv's alternatives into one sentence, functions accepted in place of any value,
 * and the testdata cases named schema-* (checked here without the later stages).
 */
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Diagnostic } from '../../src/diagnostics.js';
import { CONTAINER_PROPERTIES, INTRINSIC_FUNCTIONS } from '../../src/template/hot-schema.js';
import { loadTemplate } from '../../src/template/load.js';
import { checkSchema, schemaValidator } from '../../src/template/schema-check.js';

const root = resolve(import.meta.dirname ?? '.', '../..');

function check(text: string): Diagnostic[] {
  const r = loadTemplate(text, 'stack.yaml');
  if (!r.ok) throw new Error(`test template does not load: ${r.diagnostics.map((d) => d.message).join('; ')}`);
  return checkSchema(r.template);
}

/** A container resource `web` whose properties are the given YAML lines (indented by the caller's 6 spaces). */
function container(...propertyLines: string[]): string {
  return ['heat_template_version: 2021-04-16', 'resources:', '  web:', '    type: DockerInc::Docker::Container', '    properties:', ...propertyLines.map((l) => '      ' + l), ''].join('\n');
}

const brief = (d: Diagnostic): string => `${d.code} ${d.line}:${d.column}`;

test('the schema compiles and accepts the write-up template, unquoted date and all', () => {
  expect(() => schemaValidator()).not.toThrow();
  const text = [
    'heat_template_version: 2013-05-23',
    'description: >',
    '  Heat template to deploy Docker containers to an existing host',
    'resources:',
    '  nginx-01:',
    '    type: DockerInc::Docker::Container',
    '    properties:',
    '      image: nginx',
    "      docker_endpoint: 'tcp://192.168.1.207:2345'",
    '',
  ].join('\n');
  expect(check(text)).toEqual([]);
});

describe('one code per kind of problem, at the node, in a plain sentence', () => {
  test('unknown-section, at the key, with a suggestion', () => {
    const [d, ...rest] = check('heat_template_version: 2021-04-16\nresource:\n  web: {type: DockerInc::Docker::Container, properties: {image: x}}\n');
    expect(rest).toEqual([]);
    expect(brief(d)).toBe('unknown-section 2:1');
    expect(d.path).toBe('/resource');
    expect(d.message).toMatch(/^unknown section 'resource' \(did you mean 'resources'\?\)/);
  });

  test('unknown-property, at the key, with a suggestion', () => {
    const ds = check(container('image: nginx', 'port_spec: [80]'));
    expect(ds.map(brief)).toEqual(['unknown-property 7:7']);
    expect(ds[0].message).toBe("unknown property 'port_spec' in resource 'web' (did you mean 'port_specs'?)");
  });

  test('unknown-property without a near name says the type has no such property', () => {
    expect(check(container('image: nginx', 'healthcheck: {}'))[0].message).toBe(
      "unknown property 'healthcheck' in resource 'web'; DockerInc::Docker::Container has no such property",
    );
  });

  test('missing-required image, at the properties key', () => {
    const ds = check(container('name: web-1'));
    expect(ds.map(brief)).toEqual(['missing-required 5:5']);
    expect(ds[0].message).toBe("resource 'web' has no 'image': hotdock needs an image to run");
  });

  test('wrong-type for a string where a list belongs', () => {
    const ds = check(container('image: nginx', 'cmd: nginx -g x'));
    expect(ds.map(brief)).toEqual(['wrong-type 7:12']);
    expect(ds[0].message).toBe("property 'cmd' of resource 'web' must be a list of strings, not a string");
  });

  test('wrong-type for a list item names the item', () => {
    const ds = check(container('image: nginx', 'cmd: [sleep, {a: 1, b: 2}]'));
    expect(ds.map(brief)).toEqual(['wrong-type 7:20']);
    expect(ds[0].message).toBe("item 2 of property 'cmd' of resource 'web' must be a string, not a mapping");
  });

  test('invalid-value for a capability, with the closest one', () => {
    const ds = check(container('image: nginx', 'cap_add: [NET_ADMIN, SYS_ADMN]'));
    expect(ds.map(brief)).toEqual(['invalid-value 7:28']);
    expect(ds[0].message).toBe("'SYS_ADMN' in property 'cap_add' of resource 'web' is not a Linux capability (did you mean 'SYS_ADMIN'?)");
  });

  test('invalid-port for specs, binding keys and binding values', () => {
    const ds = check(container('image: nginx', 'port_specs: ["80/tcpp"]', 'port_bindings: {"8o": 8080, "443": 70000}'));
    expect(ds.map(brief)).toEqual(['invalid-port 7:20', 'invalid-port 8:23', 'invalid-port 8:42']);
    expect(ds[0].message).toMatch(/^'80\/tcpp' in property 'port_specs' of resource 'web' is not a valid port; use a port from 1 to 65535/);
    expect(ds[1].message).toMatch(/^container port '8o' in property 'port_bindings'/);
    expect(ds[2].message).toMatch(/^host port 70000 for container port '443' in property 'port_bindings'/);
  });

  test('invalid-device-path', () => {
    const ds = check(container('image: nginx', 'devices: [{path_on_host: /tmp/x}]'));
    expect(ds.map(brief)).toEqual(['invalid-device-path 7:32']);
    expect(ds[0].message).toBe(
      "'path_on_host' of item 1 of property 'devices' of resource 'web' must be a device path like /dev/sda (at most 255 characters), not '/tmp/x'",
    );
  });

  test('unsupported-resource-type, without checking that resource\'s properties', () => {
    const ds = check('heat_template_version: 2021-04-16\nresources:\n  vm:\n    type: OS::Nova::Server\n    properties: {flavor: m1.small}\n');
    expect(ds.map(brief)).toEqual(['unsupported-resource-type 4:11']);
    expect(ds[0].message).toBe("unsupported resource type 'OS::Nova::Server': hotdock deploys DockerInc::Docker::Container");
  });

  test('unknown-key in a resource points at the key and suggests', () => {
    const ds = check('heat_template_version: 2021-04-16\nresources:\n  web:\n    type: DockerInc::Docker::Container\n    propertes: {image: x}\n');
    expect(ds.map(brief)).toEqual(['unknown-key 5:5']);
    expect(ds[0].message).toBe("unknown key 'propertes' in resource 'web' (did you mean 'properties'?)");
  });

  test('a container property outside properties is one problem, with the fix', () => {
    const ds = check('heat_template_version: 2021-04-16\nresources:\n  web:\n    type: DockerInc::Docker::Container\n    image: nginx\n');
    expect(ds.map(brief)).toEqual(['unknown-key 5:5']);
    expect(ds[0].message).toMatch(/^unknown key 'image' in resource 'web'; a resource has only the keys type, properties, .* \('image' goes under 'properties'\)$/);
  });

  test('a missing key still counts when the unknown key is something else', () => {
    const ds = check('heat_template_version: 2021-04-16\noutputs:\n  ip:\n    description: x\n    vlaue: 1\n    extra: 2\n');
    expect(ds.map(brief).sort()).toEqual(['unknown-key 5:5', 'unknown-key 6:5']);
    const other = check('heat_template_version: 2021-04-16\noutputs:\n  ip:\n    extra: 2\n');
    expect(other.map(brief).sort()).toEqual(['missing-required 3:3', 'unknown-key 4:5']);
  });

  test('invalid-constraint when an item has no kind, but not on top of an unknown key', () => {
    const text = 'heat_template_version: 2021-04-16\nparameters:\n  p:\n    type: string\n    constraints:\n      - description: x\n      - lenght: {min: 1}\n';
    const ds = check(text);
    expect(ds.map(brief).sort()).toEqual(['invalid-constraint 6:9', 'unknown-key 7:9']);
  });

  test('unsupported-deletion-policy for Snapshot', () => {
    const text = 'heat_template_version: 2021-04-16\nresources:\n  web:\n    type: DockerInc::Docker::Container\n    deletion_policy: Snapshot\n    properties: {image: x}\n';
    expect(check(text).map(brief)).toEqual(['unsupported-deletion-policy 5:22']);
  });

  test('a misspelled function names the function', () => {
    expect(check(container('image: {get_parma: img}'))[0].message).toBe(
      "property 'image' of resource 'web' must be a string, not a mapping ('get_parma' is not a function; did you mean 'get_param'?)",
    );
  });

  test('a document that is not a mapping (the loader refuses one; the check still words it)', () => {
    const positions = { value: () => undefined, key: () => undefined, locate: () => ({ line: 1, column: 1 }) };
    const ds = checkSchema({ file: 'stack.yaml', text: '- a\n', doc: ['a'], positions });
    expect(ds.map(brief)).toEqual(['wrong-type 1:1']);
    expect(ds[0].message).toBe('the template must be a mapping of template sections, not a list');
  });
});

describe('left to other checks', () => {
  test('heat_template_version, missing or unknown, is the version check\'s', () => {
    expect(check('resources: {}\n')).toEqual([]);
    expect(check('heat_template_version: 2099-01-01\n')).toEqual([]);
  });

  test('the body of a constraint kind is the constraint check\'s', () => {
    expect(check('heat_template_version: 2021-04-16\nparameters:\n  p: {type: string, constraints: [{length: 5}, {modulo: {step: 2}}]}\n')).toEqual([]);
  });
});

describe('intrinsic functions', () => {
  test.each(CONTAINER_PROPERTIES.filter((p) => p !== 'image'))('may stand for the whole of %s', (prop) => {
    expect(check(container('image: nginx', `${prop}: {get_param: x}`))).toEqual([]);
  });

  test('may stand for list items, map values, nested values and the whole properties map', () => {
    const props = [
      'image: {get_param: image}',
      'env: [{get_param: e}, A=1]',
      'port_bindings: {80: {get_param: p}, 81: [{get_param: q}]}',
      'volumes: {/a: {get_param: v}, /b: {bind: {get_param: b}, ro: {get_param: r}}}',
      'restart_policy: {Name: {get_param: n}, MaximumRetryCount: {get_param: m}}',
      'devices: [{get_param: d}, {path_on_host: {get_param: h}}]',
    ];
    expect(check(container(...props))).toEqual([]);
    const whole = 'heat_template_version: 2021-04-16\nresources:\n  web:\n    type: DockerInc::Docker::Container\n    properties: {if: [c, {image: a}, {image: b}]}\n';
    expect(check(whole)).toEqual([]);
  });
});

test('one diagnostic per problem: alternatives collapse into one sentence', () => {
  // Each of these fails both the literal form and every function form.
  const ds = check(container('image: nginx', 'depends: 1', 'port_bindings: {80: true}', 'restart_policy: [always]'));
  const ids = ds.map((d) => `${d.path} ${d.code}`);
  expect(new Set(ids).size).toBe(ids.length);
  expect(ds.map(brief)).toEqual(['unknown-property 7:7', 'invalid-port 8:27', 'wrong-type 9:23']);
});

describe.each(['invalid', 'valid'])('schema-* cases in testdata/templates/%s', (kind) => {
  const dir = join(root, 'testdata/templates', kind);
  const files = readdirSync(dir).filter((f) => f.startsWith('schema-') && f.endsWith('.yaml'));

  test('there are cases', () => expect(files.length).toBeGreaterThanOrEqual(kind === 'invalid' ? 20 : 6));

  test.each(files)('%s: the schema check finds exactly what it states', (f) => {
    const text = readFileSync(join(dir, f), 'utf8');
    const stated = [...text.matchAll(/^# expect: ([a-z0-9-]+) (\d+):(\d+)\s*$/gm)].map((m) => `${m[1]} ${m[2]}:${m[3]}`);
    expect(check(text).map(brief).sort()).toEqual(stated.sort());
  });
});

test('no message anywhere in the invalid cases speaks ajv', () => {
  const dir = join(root, 'testdata/templates/invalid');
  for (const f of readdirSync(dir).filter((x) => /\.ya?ml$/.test(x))) {
    const r = loadTemplate(readFileSync(join(dir, f), 'utf8'), f);
    if (!r.ok) continue;
    for (const d of checkSchema(r.template)) {
      expect([f, d.message]).not.toEqual([f, expect.stringMatching(/must NOT|additional properties|must match|must be equal to|schema/)]);
    }
  }
});

describe('whatever the document', () => {
  const positions = { value: () => undefined, key: () => undefined, locate: () => ({ line: 1, column: 1 }) };
  const codes = [
    'unknown-section', 'unknown-property', 'unknown-key', 'missing-required', 'wrong-type', 'invalid-value', 'invalid-port',
    'invalid-device-path', 'unsupported-resource-type', 'unsupported-deletion-policy', 'invalid-constraint',
  ];
  const value = fc.oneof(
    fc.anything({ maxDepth: 3 }),
    fc.constantFrom(...INTRINSIC_FUNCTIONS).map((f) => ({ [f]: 'x' })),
    fc.constantFrom('80/tcp', '70000', 'SYS_ADMIN', '/dev/sda', 'A=1', 'true', '-1'),
  );
  const resource = fc.record(
    {
      type: fc.oneof(fc.constant('DockerInc::Docker::Container'), fc.string()),
      properties: fc.dictionary(fc.oneof(fc.constantFrom(...CONTAINER_PROPERTIES), fc.string()), value, { maxKeys: 6 }),
      deletion_policy: fc.constantFrom('Delete', 'Retain', 'Snapshot', 'x'),
    },
    { requiredKeys: [] },
  );
  const doc = fc.oneof(
    fc.anything({ maxDepth: 4 }),
    fc.record({ heat_template_version: fc.constant('2021-04-16'), resources: fc.dictionary(fc.string(), resource, { maxKeys: 3 }) }),
  );

  test('answers with known codes, one per node and code, in words that are not ajv\'s', () => {
    fc.assert(
      fc.property(doc, (d) => {
        const ds = checkSchema({ file: 'f.yaml', text: '', doc: d, positions });
        const ids = ds.map((x) => `${x.path} ${x.code}`);
        expect(new Set(ids).size).toBe(ids.length);
        for (const x of ds) {
          expect(codes).toContain(x.code);
          expect(x.message).not.toMatch(/must NOT|additional properties|must match|must be equal to/);
        }
      }),
      { numRuns: 300 },
    );
  });
});
