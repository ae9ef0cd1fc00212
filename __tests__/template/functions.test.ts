import { createHash } from 'node:crypto';
import { checkTemplateSemantics, resolveStack } from '../../src/template/resolve.js';
import type { HotVersion, LoadedTemplate, PositionMap } from '../../src/template/types.js';
import type { Diagnostic } from '../../src/diagnostics.js';

// Positions are the loader's business; these tests look at codes, pointers and values.
const positions: PositionMap = { value: () => undefined, key: () => undefined, locate: () => ({ line: 1, column: 1 }) };
const workspace = process.cwd();
const files = { workspace, readFile: (): string => { throw new Error('no file'); } };

function template(doc: Record<string, unknown>): LoadedTemplate {
  return { file: 'testdata/templates/t.yaml', text: '', doc, positions };
}

const PARAMS: Record<string, unknown> = {
  name: 'web',
  port: 8080,
  list: ['a', 'b', 'c'],
  cfg: { db: { host: 'db.local', ports: [5432, 5433] } },
  empty: '',
  flag: true,
  attr: 'network_ip',
};

function docWith(expr: unknown, version: HotVersion): Record<string, unknown> {
  return {
    heat_template_version: version,
    parameters: Object.fromEntries(Object.keys(PARAMS).map((k) => [k, { type: 'string' }])),
    resources: {
      db: { type: 'DockerInc::Docker::Container', properties: { image: 'postgres' } },
      r: { type: 'DockerInc::Docker::Container', properties: { v: expr } },
    },
  };
}

/** Resolves `expr` as a property value: its value, or the diagnostics. */
function evaluate(expr: unknown, version: HotVersion = '2021-04-16'): { value?: unknown; diagnostics: Diagnostic[] } {
  const res = resolveStack(template(docWith(expr, version)), version, { values: PARAMS, hidden: [] }, { ...files, stackName: 'st' });
  const r = res.stack?.resources.find((x) => x.name === 'r');
  return { value: r?.properties.v, diagnostics: res.diagnostics };
}

/** Static checks of `expr` as a property value. */
function check(expr: unknown, version: HotVersion = '2021-04-16'): Diagnostic[] {
  const doc = docWith(expr, version);
  return checkTemplateSemantics(template(doc), version, { values: PARAMS, definitions: doc.parameters as Record<string, unknown> }, files);
}

const codes = (ds: Diagnostic[]): string[] => ds.map((d) => d.code);

describe('evaluation', () => {
  const cases: [string, unknown, unknown][] = [
    ['get_param string', { get_param: 'name' }, 'web'],
    ['get_param path into json', { get_param: ['cfg', 'db', 'host'] }, 'db.local'],
    ['get_param path with index', { get_param: ['cfg', 'db', 'ports', 1] }, 5433],
    ['get_param list index as string', { get_param: ['list', '2'] }, 'c'],
    ['get_param pseudo stack name', { get_param: 'OS::stack_name' }, 'st'],
    ['get_resource stays a node', { get_resource: 'db' }, { get_resource: 'db' }],
    ['get_attr stays a node with evaluated args', { get_attr: ['db', { get_param: 'attr' }, 'x'] }, { get_attr: ['db', 'network_ip', 'x'] }],
    ['str_replace longest key first', { str_replace: { template: '$a $ab', params: { $a: 'A', $ab: 'AB' } } }, 'A AB'],
    ['str_replace does not re-replace', { str_replace: { template: 'x y', params: { x: 'y', y: 'z' } } }, 'y z'],
    ['str_replace numbers', { str_replace: { template: 'port=P', params: { P: { get_param: 'port' } } } }, 'port=8080'],
    ['str_replace_strict', { str_replace_strict: { template: 'hi N', params: { N: 'you' } } }, 'hi you'],
    ['str_replace_vstrict', { str_replace_vstrict: { template: 'hi N', params: { N: 'you' } } }, 'hi you'],
    ['list_join', { list_join: [',', ['a', 'b']] }, 'a,b'],
    ['list_join several lists', { list_join: ['-', ['a'], { get_param: 'list' }] }, 'a-a-b-c'],
    ['list_join maps become JSON as Heat writes it', { list_join: [' ', ['x', { k: 1, a: [1, 2] }]] }, 'x {"a": [1, 2], "k": 1}'],
    ['list_join skips null lists', { list_join: [',', ['a'], null] }, 'a'],
    ['str_split', { str_split: [',', 'a,b,c'] }, ['a', 'b', 'c']],
    ['str_split index', { str_split: [',', 'a,b,c', 1] }, 'b'],
    ['digest sha256', { digest: ['sha256', 'abc'] }, createHash('sha256').update('abc').digest('hex')],
    ['digest md5', { digest: ['md5', 'abc'] }, createHash('md5').update('abc').digest('hex')],
    ['repeat permutations', { repeat: { for_each: { '%a%': ['1', '2'], '%b%': ['x', 'y'] }, template: '%a%%b%' } }, ['1x', '1y', '2x', '2y']],
    ['repeat without permutations', { repeat: { for_each: { '%a%': ['1', '2'], '%b%': ['x', 'y'] }, template: '%a%%b%', permutations: false } }, ['1x', '2y']],
    ['repeat in keys and values', { repeat: { for_each: { '<p>': { get_param: 'list' } }, template: { 'k<p>': 'v<p>' } } }, [{ ka: 'va' }, { kb: 'vb' }, { kc: 'vc' }]],
    ['map_merge later wins', { map_merge: [{ a: 1, b: 1 }, { b: 2 }] }, { a: 1, b: 2 }],
    ['map_replace', { map_replace: [{ k1: 'v1', k2: 'v2' }, { keys: { k1: 'K1' }, values: { v2: 'V2' } }] }, { K1: 'v1', k2: 'V2' }],
    ['list_concat', { list_concat: [['a'], ['b', 'a']] }, ['a', 'b', 'a']],
    ['list_concat_unique keeps first occurrences', { list_concat_unique: [['a', { x: 1 }], ['b', 'a', { x: 1 }]] }, ['a', { x: 1 }, 'b']],
    ['list_concat skips null', { list_concat: [null, ['a']] }, ['a']],
    ['map_merge skips null', { map_merge: [{ a: 1 }, null] }, { a: 1 }],
    ['repeat over map keys', { repeat: { for_each: { '%k%': { x: 1, y: 2 } }, template: 'k=%k%' } }, ['k=x', 'k=y']],
    ['repeat over an empty list', { repeat: { for_each: { '%k%': [] }, template: 'k=%k%' } }, []],
    ['str_split of null', { str_split: [',', null] }, null],
    ['filter of null', { filter: [['a'], null] }, null],
    ['str_replace prefers the longest key wherever it is', { str_replace: { template: 'xabcd', params: { abcd: '1', xab: '2' } } }, 'x1'],
    ['str_replace equal lengths in code-point order', { str_replace: { template: 'abc', params: { bc: 'X', ab: 'Y' } } }, 'Yc'],
    ['str_replace of a list value is JSON', { str_replace: { template: 'v=V', params: { V: ['a', 1] } } }, 'v=["a", 1]'],
    ['digest algorithm in capitals', { digest: ['SHA256', 'abc'] }, createHash('sha256').update('abc').digest('hex')],
    ['make_url form-encodes the query', { make_url: { scheme: 'http', host: 'h', path: '/a/b c', query: { 'a b': 'x/y z' } } }, 'http://h/a/b%20c?a+b=x/y+z'],
    ['make_url without scheme', { make_url: { host: 'h', port: '80' } }, '//h:80'],
    ['contains list', { contains: ['b', { get_param: 'list' }] }, true],
    ['contains absent', { contains: ['z', ['a']] }, false],
    ['filter', { filter: [['b'], ['a', 'b', 'c', 'b']] }, ['a', 'c']],
    ['filter with null', { filter: [null, ['a']] }, ['a']],
    ['make_url', { make_url: { scheme: 'https', host: 'h', port: 8443, path: 'a b', query: { q: 'x&y' }, fragment: 'f' } }, 'https://h:8443/a%20b?q=x%26y#f'],
    ['make_url ipv6 and credentials', { make_url: { scheme: 'http', username: 'u', password: 'p@', host: '::1' } }, 'http://u:p%40@[::1]'],
    ['if true', { if: [true, 'yes', 'no'] }, 'yes'],
    ['if with inline condition', { if: [{ equals: [{ get_param: 'name' }, 'db'] }, 'yes', 'no'] }, 'no'],
    ['if without a false value leaves list items out', ['a', { if: [false, 'b'] }, { if: [true, 'c'] }], ['a', 'c']],
    ['if without a false value leaves map entries out', { k: { if: [false, 1] }, j: 2 }, { j: 2 }],
    ['if without a false value as an argument is null', { list_join: [',', ['a'], { if: [false, ['b']] }] }, 'a'],
    ['if does not evaluate the branch not taken', { if: [false, { str_split: [',', 'a', 9] }, 'safe'] }, 'safe'],
    ['nested functions', { list_join: ['', [{ get_param: 'name' }, '-', { str_split: [',', 'x,y', 1] }]] }, 'web-y'],
    ['one-key map that is not a function is data', { join: ['a'] }, { join: ['a'] }],
  ];
  test.each(cases)('%s', (_name, expr, want) => {
    const got = evaluate(expr);
    expect(codes(got.diagnostics)).toEqual([]);
    expect(got.value).toEqual(want);
  });
});

describe('evaluation errors', () => {
  const cases: [string, unknown, string, string][] = [
    ['str_split index out of range', { str_split: [',', 'a,b', 5] }, 'index-out-of-range', '/resources/r/properties/v/str_split/2'],
    ['str_replace_strict key eaten by a longer key', { str_replace_strict: { template: '$ab', params: { $ab: 'x', $a: 'y' } } }, 'replacement-not-found', '/resources/r/properties/v/str_replace_strict/params/$a'],
    ['str_replace_vstrict empty list', { str_replace_vstrict: { template: 'a', params: { a: [] } } }, 'empty-replacement', ''],
    ['str_replace_strict missing key', { str_replace_strict: { template: 'abc', params: { z: '1' } } }, 'replacement-not-found', '/resources/r/properties/v/str_replace_strict/params/z'],
    ['str_replace_vstrict empty value', { str_replace_vstrict: { template: 'abc', params: { a: { get_param: 'empty' } } } }, 'empty-replacement', ''],
    ['list_join of a string from a parameter', { list_join: [',', { get_param: 'name' }] }, 'invalid-function-args', '/resources/r/properties/v/list_join/1'],
    ['get_param path from a deploy-time value', { get_param: ['cfg', { get_attr: ['db', 'network_ip'] }] }, 'value-unknown-before-deploy', '/resources/r/properties/v/get_param'],
    ['get_resource of a deploy-time name', { get_resource: { get_attr: ['db', 'info', 'Name'] } }, 'value-unknown-before-deploy', '/resources/r/properties/v/get_resource'],
    ['get_attr path from a deploy-time value', { get_attr: ['db', 'info', { get_attr: ['db', 'network_ip'] }] }, 'value-unknown-before-deploy', ''],
    ['get_file of a deploy-time path', { get_file: { str_replace: { template: 'f', params: { f: { get_attr: ['db', 'logs'] } } } } }, 'value-unknown-before-deploy', ''],
    ['yaql over a deploy-time value is unsupported now', { yaql: { expression: '$.data', data: { get_attr: ['db', 'info'] } } }, 'unsupported-function', ''],
    ['a call kept for deploy time still has its arguments checked', { list_join: [',', 'abc', [{ get_attr: ['db', 'network_ip'] }]] }, 'invalid-function-args', '/resources/r/properties/v/list_join/1'],
    ['digest of a deploy-time value with an unknown algorithm', { digest: ['sha3', { get_attr: ['db', 'network_ip'] }] }, 'invalid-function-args', '/resources/r/properties/v/digest/0'],
    ['get_attr attribute from a parameter', { get_attr: ['db', { get_param: 'name' }] }, 'unknown-attribute', ''],
    ['get_resource of a parameter naming nothing', { get_resource: { get_param: 'name' } }, 'unknown-resource', ''],
    ['yaql is unsupported', { yaql: { expression: '$.data', data: {} } }, 'unsupported-function', ''],
    ['resource_facade is unsupported', { resource_facade: 'metadata' }, 'unsupported-function', '/resources/r/properties/v/resource_facade'],
    ['repeat zip of unequal lists', { repeat: { for_each: { a: ['1'], b: ['1', '2'] }, template: 'ab', permutations: false } }, 'invalid-function-args', ''],
    ['repeat that would never end', { repeat: { for_each: { a: Array(100).fill('x'), b: Array(100).fill('y'), c: Array(100).fill('z') }, template: 'abc' } }, 'invalid-function-args', '/resources/r/properties/v/repeat/for_each'],
    ['repeats nested in repeats', { repeat: { for_each: { a: Array(5000).fill('x') }, template: { repeat: { for_each: { b: Array(5000).fill('y') }, template: 'ab' } } } }, 'invalid-function-args', '/resources/r/properties/v/repeat/for_each'],
    ['map_replace duplicate keys', { map_replace: [{ a: 1, b: 2 }, { keys: { a: 'b' } }] }, 'invalid-function-args', ''],
    ['digest of a map from a parameter', { digest: ['sha1', { get_param: 'cfg' }] }, 'invalid-function-args', ''],
  ];
  test.each(cases)('%s', (_name, expr, code, path) => {
    const got = evaluate(expr);
    expect(got.value).toBeUndefined();
    expect(codes(got.diagnostics)).toEqual([code]);
    if (path) expect(got.diagnostics[0].path).toBe(path);
  });
});

describe('argument checks', () => {
  const cases: [string, unknown, string][] = [
    ['get_attr with a string', { get_attr: 'db' }, 'get_attr takes [resource, attribute, ...path], got the string'],
    ['get_attr with an empty list', { get_attr: [] }, 'get_attr takes'],
    ['get_param with a map', { get_param: { a: 1 } }, 'get_param takes'],
    ['get_resource with a list', { get_resource: ['db'] }, 'get_resource takes a resource name'],
    ['str_replace without params', { str_replace: { template: 'x' } }, "str_replace needs 'params'"],
    ['str_replace extra key', { str_replace: { template: 'x', params: {}, other: 1 } }, "'other' is not one of them"],
    ['str_replace params list', { str_replace: { template: 'x', params: ['a'] } }, "'params' must be a map"],
    ['list_join non-list', { list_join: [',', 'abc'] }, 'item 1 must be a list'],
    ['list_join too short', { list_join: [','] }, 'list_join takes [delimiter, list'],
    ['digest unknown algorithm', { digest: ['sha3', 'x'] }, 'unknown algorithm'],
    ['digest arity', { digest: ['sha256'] }, 'digest takes'],
    ['str_split too many', { str_split: [',', 'a', 1, 2] }, 'str_split takes [delimiter, string, index?]'],
    ['str_split index not integer', { str_split: [',', 'a', 'x'] }, 'index must be an integer'],
    ['repeat without template', { repeat: { for_each: { a: ['1'] } } }, "repeat needs both 'for_each' and 'template'"],
    ['repeat for_each not lists', { repeat: { for_each: { a: 'x' }, template: 'a' } }, "variable 'a' must be lists or maps"],
    ['if arity', { if: [true] }, 'if takes [condition'],
    ['map_merge of a string', { map_merge: ['x'] }, 'item 0 must be a map'],
    ['map_replace bad spec key', { map_replace: [{}, { key: {} }] }, "'key' is not allowed"],
    ['list_concat non-list', { list_concat: [['a'], 'b'] }, 'item 1 must be a list'],
    ['filter non-list', { filter: [['a'], 'abc'] }, 'list to filter'],
    ['contains arity', { contains: ['a'] }, 'contains takes [value, list]'],
    ['make_url unknown part', { make_url: { host: 'h', server: 'x' } }, "'server' is not a URL part"],
    ['make_url bad port', { make_url: { host: 'h', port: 70000 } }, 'port must be an integer from 1 to 65535'],
    ['make_url scheme with colon', { make_url: { scheme: 'http:', host: 'h' } }, "written without ':'"],
    ['repeat over a map without permutations', { repeat: { for_each: { k: { a: 1 } }, template: 'k', permutations: false } }, "variable 'k' must be lists"],
    ['yaql without expression', { yaql: { data: {} } }, "'expression' must be a string"],
    ['resource_facade of something else', { resource_facade: 'properties' }, 'resource_facade takes one of metadata, deletion_policy, update_policy'],
  ];
  test.each(cases)('%s', (_name, expr, message) => {
    const ds = check(expr);
    expect(codes(ds)).toEqual(['invalid-function-args']);
    expect(ds[0].message).toContain(message);
  });

  test('arguments computed by a nested function are accepted statically', () => {
    expect(check({ list_join: [',', { get_param: 'list' }] })).toEqual([]);
    expect(check({ str_split: [{ get_param: 'name' }, { get_param: 'name' }, { get_param: 'port' }] })).toEqual([]);
  });
});

describe('version gating', () => {
  const cases: [string, HotVersion, HotVersion][] = [
    ['repeat', '2015-04-30', '2014-10-16'],
    ['digest', '2015-04-30', '2014-10-16'],
    ['str_split', '2015-10-15', '2015-04-30'],
    ['map_merge', '2016-04-08', '2015-10-15'],
    ['map_replace', '2016-10-14', '2016-04-08'],
    ['yaql', '2016-10-14', '2016-04-08'],
    ['if', '2016-10-14', '2016-04-08'],
    ['filter', '2017-02-24', '2016-10-14'],
    ['str_replace_strict', '2017-02-24', '2016-10-14'],
    ['make_url', '2017-09-01', '2017-02-24'],
    ['list_concat', '2017-09-01', '2017-02-24'],
    ['list_concat_unique', '2017-09-01', '2017-02-24'],
    ['contains', '2017-09-01', '2017-02-24'],
    ['str_replace_vstrict', '2017-09-01', '2017-02-24'],
  ];
  test.each(cases)('%s needs %s', (name, since, before) => {
    const expr = { [name]: [] };
    const ds = check(expr, before);
    expect(codes(ds)).toEqual(['function-not-in-version']);
    expect(ds[0].message).toBe(`'${name}' needs heat_template_version ${since} or later; this template is ${before}`);
    expect(ds[0].path).toBe(`/resources/r/properties/v/${name}`);
    expect(codes(check(expr, since))).not.toContain('function-not-in-version');
    expect(codes(evaluate(expr, before).diagnostics)).toEqual(['function-not-in-version']);
  });

  test('list_join of several lists needs 2015-10-15', () => {
    const expr = { list_join: [',', ['a'], ['b']] };
    expect(codes(check(expr, '2015-04-30'))).toEqual(['function-not-in-version']);
    expect(check(expr, '2015-10-15')).toEqual([]);
  });

  test('if without a value for false needs 2021-04-16', () => {
    const expr = { if: [true, 'a'] };
    expect(codes(check(expr, '2018-08-31'))).toEqual(['function-not-in-version']);
    expect(check(expr, '2021-04-16')).toEqual([]);
  });

  test('a property left out by if is absent', () => {
    const got = evaluate({ if: [false, 'x'] });
    expect(got.diagnostics).toEqual([]);
    expect(got.value).toBeUndefined();
  });

  test("repeat's permutations needs 2017-09-01", () => {
    const expr = { repeat: { for_each: { x: ['1'] }, template: 'x', permutations: false } };
    expect(codes(check(expr, '2017-02-24'))).toEqual(['function-not-in-version']);
    expect(check(expr, '2017-09-01')).toEqual([]);
  });
});

describe('names and placement', () => {
  test('unknown parameter suggests a close name', () => {
    const ds = check({ get_param: 'nmae' });
    expect(codes(ds)).toEqual(['unknown-parameter']);
    expect(ds[0].message).toContain("did you mean 'name'?");
  });
  test('unknown resource and attribute', () => {
    expect(codes(check({ get_resource: 'dbb' }))).toEqual(['unknown-resource']);
    const ds = check({ get_attr: ['db', 'ip_address'] });
    expect(codes(ds)).toEqual(['unknown-attribute']);
    expect(ds[0].path).toBe('/resources/r/properties/v/get_attr/1');
  });
  test('every container attribute is accepted', () => {
    for (const attr of ['info', 'network_info', 'network_ip', 'network_gateway', 'network_tcp_ports', 'network_udp_ports', 'logs', 'logs_head', 'logs_tail', 'show']) {
      expect(check({ get_attr: ['db', attr] })).toEqual([]);
    }
  });
  test('condition functions are not values', () => {
    expect(codes(check({ equals: ['a', 'b'] }))).toEqual(['function-not-allowed-here']);
  });
});

describe('not-a-function warnings', () => {
  const warned: [string, string | undefined][] = [
    ['join', 'list_join'],
    ['Fn::Sub', 'str_replace'],
    ['ref', "get_resource' or 'get_param"],
    ['get_params', 'get_param'],
    ['str_replace2', 'str_replace'],
    ['get_atr', 'get_attr'],
    ['Fn::FindInMap', undefined],
  ];
  test.each(warned)('%s', (key, suggestion) => {
    const ds = check({ [key]: ['x'] });
    expect(codes(ds)).toEqual(['not-a-function']);
    expect(ds[0].severity).toBe('warning');
    expect(ds[0].message).toContain(`'${key}' looks like a function call`);
    if (suggestion) expect(ds[0].message).toContain(`did you mean '${suggestion}'?`);
    else expect(ds[0].message).not.toContain('did you mean');
  });
  test.each(['/data', 'db', 'report', '80/tcp', 'my_db', 'restart_policy'])('plain data key %s is not warned about', (key) => {
    expect(check({ [key]: 'x' })).toEqual([]);
  });
  test.each(['Ref', 'Fn::Join', 'Fn::Base64', 'Fn::Select'])('%s of a later version is refused, as Heat does', (key) => {
    const ds = check({ [key]: ['x'] });
    expect(codes(ds)).toEqual(['function-not-in-version']);
    expect(ds[0].message).toContain('Heat removed it');
  });
  test('a suggestion respects the version', () => {
    const ds = check({ concat: [['a']] }, '2016-10-14');
    expect(ds[0].message).not.toContain('list_concat');
  });
});
