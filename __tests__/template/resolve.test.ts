import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { loadTemplate } from '../../src/template/load.js';
import { checkTemplateSemantics, evaluateRuntime, resolveStack } from '../../src/template/resolve.js';
import type { HotVersion, LoadedTemplate } from '../../src/template/types.js';
import type { Diagnostic } from '../../src/diagnostics.js';
import { checkDockerResources } from '../../src/template/docker-checks.js';
import { validateTemplateText } from '../../src/template/validate.js';

const workspace = process.cwd();
const files = { workspace, readFile: (p: string): string => readFileSync(p, 'utf8') };
const C = 'DockerInc::Docker::Container';

function load(text: string, file = 'testdata/templates/valid/t.yaml'): LoadedTemplate {
  const res = loadTemplate(text, file);
  if (!res.ok) throw new Error(JSON.stringify(res.diagnostics));
  return res.template;
}

function both(text: string, values: Record<string, unknown> = {}, version: HotVersion = '2021-04-16') {
  const tpl = load(text);
  const doc = tpl.doc as Record<string, Record<string, unknown> | undefined>;
  return {
    checks: checkTemplateSemantics(tpl, version, { values, definitions: doc.parameters ?? {} }, files),
    resolved: resolveStack(tpl, version, { values, hidden: ['secret'] }, { ...files, stackName: 'demo' }),
  };
}

const codes = (ds: Diagnostic[]): string[] => ds.map((d) => d.code);

describe('get_file', () => {
  const ok: [string, string][] = [
    ['../../files/nginx.conf', 'testdata/files/nginx.conf'],
    ['../../files/./hello.sh', 'testdata/files/hello.sh'],
    ['../../files/inside-link', 'testdata/files/nginx.conf'],
  ];
  test.each(ok)('%s is read relative to the template', (path, real) => {
    const { checks, resolved } = both(`heat_template_version: 2021-04-16
resources:
  web: {type: ${C}, properties: {image: x, cmd: [sh, -c, {get_file: '${path}'}]}}
`);
    expect(checks).toEqual([]);
    expect(resolved.stack?.resources[0].properties.cmd).toEqual(['sh', '-c', readFileSync(resolve(workspace, real), 'utf8')]);
  });

  const refused: [string, string][] = [
    ['../../../../../etc/passwd', 'get-file-outside-workspace'],
    ['/etc/passwd', 'get-file-outside-workspace'],
    ['file:///etc/passwd', 'get-file-outside-workspace'],
    ['https://example.com/x', 'get-file-outside-workspace'],
    ['../../files/outside-link', 'get-file-outside-workspace'],
    ['../../files/missing.conf', 'get-file-not-found'],
  ];
  test.each(refused)('%s is refused', (path, code) => {
    const { checks, resolved } = both(`heat_template_version: 2021-04-16
resources:
  web:
    type: ${C}
    properties:
      image: x
      cmd: [{get_file: '${path}'}]
`);
    expect(checks.map((d) => [d.code, d.line, d.column])).toEqual([[code, 7, 24]]);
    expect(codes(resolved.diagnostics)).toEqual([code]);
    expect(resolved.stack).toBeUndefined();
  });

  test('a path computed from a parameter is checked when evaluated', () => {
    const { checks, resolved } = both(`heat_template_version: 2021-04-16
parameters:
  f: {type: string}
resources:
  web: {type: ${C}, properties: {image: x, cmd: [{get_file: {get_param: f}}]}}
`, { f: '../../../.git/../../etc/passwd' });
    expect(checks).toEqual([]);
    expect(codes(resolved.diagnostics)).toEqual(['get-file-outside-workspace']);
  });
});

describe('resolveStack', () => {
  const TEMPLATE = `heat_template_version: 2021-04-16
parameters:
  tag: {type: string, default: latest}
  secret: {type: string, hidden: true}
resources:
  db:
    type: ${C}
    deletion_policy: Retain
    properties: {image: postgres}
  cache:
    type: ${C}
    properties: {image: redis}
  web:
    type: ${C}
    depends_on: [cache, db, cache]
    properties:
      image: {str_replace: {template: 'nginx:TAG', params: {TAG: {get_param: tag}}}}
      links: {db: db}
      env:
        - {list_join: ['=', [PASSWORD, {get_param: secret}]]}
        - {str_replace: {template: PEER=$id, params: {$id: {get_resource: web2}}}}
      hostname: {get_attr: [db, network_ip]}
  web2:
    type: ${C}
    properties: {image: nginx}
outputs:
  web_ip:
    description: where web listens
    value: {get_attr: [web, network_ip]}
  stack:
    value: {get_param: OS::stack_name}
`;
  test('evaluates, keeps runtime references and collects dependencies', () => {
    const { checks, resolved } = both(TEMPLATE, { tag: '1.25', secret: 's3' });
    expect(checks).toEqual([]);
    expect(resolved.diagnostics).toEqual([]);
    const stack = resolved.stack;
    expect(stack?.stackName).toBe('demo');
    expect(stack?.hiddenParameters).toEqual(['secret']);
    expect(stack?.resources.map((r) => [r.name, r.dependsOn, r.deletionPolicy, r.pointer])).toEqual([
      ['db', [], 'Retain', '/resources/db'],
      ['cache', [], 'Delete', '/resources/cache'],
      ['web', ['db', 'cache', 'web2'], 'Delete', '/resources/web'],
      ['web2', [], 'Delete', '/resources/web2'],
    ]);
    expect(stack?.resources[2].properties).toEqual({
      image: 'nginx:1.25',
      links: { db: 'db' },
      env: ['PASSWORD=s3', { str_replace: { template: 'PEER=$id', params: { $id: { get_resource: 'web2' } } } }],
      hostname: { get_attr: ['db', 'network_ip'] },
    });
    expect(stack?.outputs).toEqual({
      web_ip: { value: { get_attr: ['web', 'network_ip'] }, description: 'where web listens' },
      stack: { value: 'demo' },
    });
  });

  test('evaluateRuntime completes the references', () => {
    const stack = both(TEMPLATE, { tag: '1', secret: 's' }).resolved.stack;
    const web = stack?.resources.find((r) => r.name === 'web');
    const calls: unknown[] = [];
    const done = evaluateRuntime(web?.properties, {
      resourceId: (name) => `id-of-${name}`,
      attribute: (name, attr, path) => {
        calls.push([name, attr, path]);
        return '172.17.0.2';
      },
    }) as Record<string, unknown>;
    expect(done.hostname).toBe('172.17.0.2');
    expect(done.env).toEqual(['PASSWORD=s', 'PEER=id-of-web2']);
    expect(calls).toEqual([['db', 'network_ip', []]]);
    expect(evaluateRuntime({ a: [{ get_attr: ['x', 'info', 'State', 0] }] }, {
      resourceId: () => '',
      attribute: (_n, _a, path) => path,
    })).toEqual({ a: [['State', 0]] });
  });

  test('messages never show the value of a hidden parameter', () => {
    const { resolved } = both(`heat_template_version: 2021-04-16
parameters:
  secret: {type: string, hidden: true}
resources:
  web: {type: ${C}, properties: {image: x, cmd: [{list_join: [',', {get_param: secret}]}]}}
`, { secret: 'hunter2-very-secret' });
    expect(resolved.diagnostics.map((d) => d.code)).toEqual(['invalid-function-args']);
    expect(resolved.diagnostics[0].message).not.toContain('hunter2');
    expect(resolved.diagnostics[0].message).toContain('******');
  });

  test('a reference computed by a function can close a cycle', () => {
    const { checks, resolved } = both(`heat_template_version: 2021-04-16
parameters:
  other: {type: string}
resources:
  a: {type: ${C}, properties: {image: x, hostname: {get_resource: {get_param: other}}}}
  b: {type: ${C}, depends_on: a, properties: {image: x}}
`, { other: 'b' });
    expect(checks).toEqual([]);
    expect(resolved.diagnostics.map((d) => d.message)).toEqual(['dependency cycle: a -> b -> a']);
  });
});

describe('properties needed before deploy', () => {
  const ip = '{get_attr: [db, network_ip]}';
  const cases: [string, string, string, number, number][] = [
    ['image', `{str_replace: {template: 'app:$t', params: {$t: ${ip}}}}`, 'images are pulled before any container is created', 7, 14],
    ['name', `{list_join: ['-', [app, ${ip}]]}`, 'the container name is decided before the container is created', 7, 13],
    ['docker_endpoint', `{make_url: {scheme: tcp, host: ${ip}, port: 2375}}`, 'it decides where the container runs', 7, 24],
    ['name', '{get_resource: db}', 'the container name is decided', 7, 13],
  ];
  test.each(cases)('%s from a deploy-time value is refused, saying why', (prop, expr, why, line, column) => {
    const { checks, resolved } = both(`heat_template_version: 2021-04-16
resources:
  db: {type: ${C}, properties: {image: postgres}}
  app:
    type: ${C}
    properties:
      ${prop}: ${expr}
${prop === 'image' ? '' : '      image: app\n'}`);
    expect(checks).toEqual([]);
    expect(resolved.stack).toBeUndefined();
    expect(resolved.diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([['value-unknown-before-deploy', line, column]]);
    expect(resolved.diagnostics[0].message).toContain(`resource 'app': ${prop} must be known before deploy (${why}`);
    expect(resolved.diagnostics[0].message).toContain(prop === 'name' && expr.includes('get_resource') ? 'get_resource db' : 'get_attr [db, network_ip]');
  });

  test('a properties map computed from a deploy-time value is refused', () => {
    const { resolved } = both(`heat_template_version: 2021-04-16
resources:
  db: {type: ${C}, properties: {image: postgres}}
  app:
    type: ${C}
    properties: {map_merge: [{image: app}, {get_attr: [db, info, Config, Labels]}]}
`);
    expect(resolved.diagnostics.map((d) => [d.code, d.line])).toEqual([['value-unknown-before-deploy', 6]]);
    expect(resolved.diagnostics[0].message).toContain('the properties map must be known before deploy');
  });

  test('a condition cannot use a deploy-time value', () => {
    const { checks } = both(`heat_template_version: 2021-04-16
resources:
  db: {type: ${C}, properties: {image: postgres}}
  app:
    type: ${C}
    condition: {equals: [{get_attr: [db, network_ip]}, x]}
    properties: {image: app}
`);
    expect(checks.map((d) => d.code)).toEqual(['function-not-allowed-here']);
    expect(checks[0].message).toContain('conditions are decided before any resource exists');
  });
});

describe('Docker checks and calls kept for deploy time', () => {
  const docker = (text: string): Diagnostic[] => {
    const tpl = load(text);
    const { stack, diagnostics } = resolveStack(tpl, '2021-04-16', { values: { cap: 'NOPE' }, hidden: [] }, { ...files, stackName: 's' });
    expect(diagnostics).toEqual([]);
    if (!stack) throw new Error('no stack');
    return checkDockerResources(tpl, stack, { defaultEndpoint: 'unix:///var/run/docker.sock', endpointNames: [] });
  };
  const kept = (template: string): string => `{str_replace: {template: '${template}', params: {$v: {get_attr: [db, network_ip]}}}}`;

  test('skip every value that holds one, and still judge the others', () => {
    const ds = docker(`heat_template_version: 2021-04-16
parameters:
  cap: {type: string}
resources:
  db: {type: ${C}, properties: {image: postgres}}
  app:
    type: ${C}
    properties:
      image: app
      memory: ${kept('$v')}
      restart_policy: {Name: ${kept('$v')}, MaximumRetryCount: 2}
      port_specs: [${kept('$v')}]
      port_bindings: {'80': ${kept('$v')}, '81': {map_merge: [{HostPort: ${kept('$v')}}]}}
      cap_add: [${kept('$v')}, {get_param: cap}]
      devices: [{path_on_host: ${kept('/dev/$v')}, permissions: ${kept('$v')}}]
      privileged: {contains: [x, {str_split: [',', {get_attr: [db, network_tcp_ports]}]}]}
      volumes: {map_merge: [{get_attr: [db, info, Config, Volumes]}]}
      env: [${kept('DB=$v')}]
      cmd: [sh, -c, ${kept('echo $v')}]
`);
    // Only the parameter's capability is known now, and it is wrong.
    expect(ds.map((d) => d.code)).toEqual(['invalid-capability']);
  });
});

describe('robustness', () => {
  const value = fc.letrec((tie) => ({
    node: fc.oneof(
      { depthSize: 'small' },
      fc.constantFrom('a', 'db', '', '%x%', 'x,y', 1, -1, true, null),
      fc.array(tie('node'), { maxLength: 4 }),
      fc.dictionary(fc.constantFrom('template', 'params', 'for_each', 'keys', 'values', 'host', 'x'), tie('node'), { maxKeys: 3 }),
      fc.tuple(
        fc.constantFrom('get_param', 'get_resource', 'get_attr', 'get_file', 'str_replace', 'list_join', 'repeat', 'digest',
          'str_split', 'map_merge', 'if', 'map_replace', 'yaql', 'equals', 'not', 'and', 'or', 'filter', 'str_replace_strict',
          'make_url', 'list_concat', 'list_concat_unique', 'contains', 'str_replace_vstrict', 'join'),
        tie('node'),
      ).map(([k, v]) => ({ [k]: v })),
    ),
  })).node;

  test('never throws on arbitrary function soup', () => {
    fc.assert(
      fc.property(value, value, fc.constantFrom<HotVersion>('2013-05-23', '2016-10-14', '2021-04-16'), (props, cond, version) => {
        const doc = {
          heat_template_version: version,
          parameters: { a: { type: 'string' } },
          conditions: { c: cond },
          resources: { db: { type: C, properties: props, depends_on: props, condition: cond }, a: 'oops' },
          outputs: { o: { value: props, condition: 'c' } },
        };
        const tpl: LoadedTemplate = { file: 't.yaml', text: '', doc, positions: { value: () => undefined, key: () => undefined, locate: () => ({ line: 1, column: 1 }) } };
        const opts = { workspace, readFile: (): string => 'content' };
        checkTemplateSemantics(tpl, version, { values: { a: 'x' }, definitions: doc.parameters }, opts);
        resolveStack(tpl, version, { values: { a: 'x' }, hidden: [] }, { ...opts, stackName: 's' });
      }),
      { numRuns: 400 },
    );
  });

  test('structurally wrong documents are skipped, not thrown on', () => {
    for (const doc of [null, 'text', [], { resources: 'x' }, { resources: { a: [] } }, { outputs: [1] }, { conditions: 'c' }]) {
      const tpl: LoadedTemplate = { file: 't.yaml', text: '', doc, positions: { value: () => undefined, key: () => undefined, locate: () => ({ line: 1, column: 1 }) } };
      expect(checkTemplateSemantics(tpl, '2021-04-16', { values: {}, definitions: {} }, files)).toEqual([]);
      expect(resolveStack(tpl, '2021-04-16', { values: {}, hidden: [] }, { ...files, stackName: 's' }).diagnostics).toEqual([]);
    }
  });
});

describe('pseudo parameters', () => {
  it('get_param OS::stack_id gives the derived id, the same in every resource and output', () => {
    const text = `heat_template_version: 2021-04-16
resources:
  web: {type: ${C}, properties: {image: x, env: [{list_join: ['=', [ID, {get_param: 'OS::stack_id'}]]}]}}
outputs:
  id: {value: {get_param: 'OS::stack_id'}}
`;
    const settings = { template: 't.yaml', workspace, stackName: 'demo', parameters: {}, environmentFiles: [], dockerEndpoint: 'unix:///var/run/docker.sock', endpoints: {} };
    const r = validateTemplateText(text, settings, files);
    expect(r.diagnostics).toEqual([]);
    const id = r.stack?.outputs.id.value;
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(r.stack?.resources[0].properties.env).toEqual([`ID=${id}`]);
    expect(r.stack?.parameters['OS::stack_id']).toBe(id);
  });
});
