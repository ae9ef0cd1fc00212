import { load } from 'js-yaml';
import {
  HOT_VERSIONS,
  checkVersion,
  checkVersionFeatures,
  normalizeVersion,
  versionAtLeast,
} from '../../src/template/versions.js';
import { loadTemplate } from '../../src/template/load.js';
import type { HotVersion, LoadedTemplate, PositionMap } from '../../src/template/types.js';

/** The real loader's template; documents it refuses (empty, not a mapping) get fixed positions. */
function tpl(text: string): LoadedTemplate {
  const loaded = loadTemplate(text, 't.yaml');
  if (loaded.ok) return loaded.template;
  const positions: PositionMap = {
    value: () => ({ line: 2, column: 3 }),
    key: () => ({ line: 2, column: 1 }),
    locate: () => ({ line: 2, column: 3 }),
  };
  return { file: 't.yaml', text, doc: text.trim() === '' ? null : load(text), positions };
}

describe('checkVersion', () => {
  it.each([
    ['2013-05-23', '2013-05-23'],
    ["'2015-04-30'", '2015-04-30'],
    ['2021-04-16', '2021-04-16'],
    ['newton', '2016-10-14'],
    ['ocata', '2017-02-24'],
    ['pike', '2017-09-01'],
    ['queens', '2018-03-02'],
    ['rocky', '2018-08-31'],
    ['wallaby', '2021-04-16'],
  ])('accepts %s as %s', (written, canonical) => {
    const r = checkVersion(tpl(`heat_template_version: ${written}\nresources: {}\n`));
    expect(r.diagnostics).toEqual([]);
    expect(r.version).toBe(canonical);
  });

  it('reports a missing version at 1:1', () => {
    const r = checkVersion(tpl('resources: {}\n'));
    expect(r.version).toBeUndefined();
    expect(r.diagnostics).toMatchObject([{ code: 'missing-version', line: 1, column: 1, severity: 'error' }]);
  });

  it('reports an empty document as missing a version', () => {
    expect(checkVersion(tpl('')).diagnostics.map((d) => d.code)).toEqual(['missing-version']);
  });

  it.each(['2013-05-24', 'mitaka', '2013', '[2013-05-23]', "''", '~'])('rejects %s listing the valid ones', (written) => {
    const r = checkVersion(tpl(`heat_template_version: ${written}\n`));
    expect(r.version).toBeUndefined();
    expect(r.diagnostics).toHaveLength(1);
    const d = r.diagnostics[0];
    expect(d).toMatchObject({ code: 'unknown-version', path: '/heat_template_version', line: 1, column: 24 });
    for (const v of HOT_VERSIONS) expect(d.message).toContain(v);
    expect(d.message).toContain('wallaby');
  });

  it('does not throw on a non-mapping document and leaves it to the structure check', () => {
    expect(checkVersion(tpl('- a\n- b\n'))).toEqual({ diagnostics: [] });
    expect(checkVersion(tpl('just text'))).toEqual({ diagnostics: [] });
  });

  it('takes a Date (YAML 1.1 timestamp) back to its calendar date', () => {
    expect(normalizeVersion(new Date('2014-10-16T00:00:00Z'))).toBe('2014-10-16');
    expect(normalizeVersion(new Date('nonsense'))).toBeUndefined();
  });
});

describe('versionAtLeast', () => {
  it('orders every pair of versions by time', () => {
    HOT_VERSIONS.forEach((a, i) =>
      HOT_VERSIONS.forEach((b, j) => expect(versionAtLeast(a, b)).toBe(i >= j)),
    );
  });
});

describe('checkVersionFeatures', () => {
  const body = `
parameters:
  p:
    type: number
    tags: [a]
    constraints:
      - modulo: {step: 2, offset: 0}
conditions:
  c: true
resources:
  r:
    type: DockerInc::Docker::Container
    condition: c
    external_id: abc
outputs:
  o:
    value: 1
    condition: c
`;
  const features = (v: HotVersion) => checkVersionFeatures(tpl(body), v).map((d) => d.path).sort();

  it('reports every feature in a 2015 template at its key', () => {
    const ds = checkVersionFeatures(tpl(body), '2015-04-30');
    expect(ds.every((d) => d.code === 'feature-not-in-version' && d.severity === 'error')).toBe(true);
    expect(ds.map((d) => `${d.path} ${d.line}:${d.column}`).sort()).toEqual(
      [
        '/conditions 8:1',
        '/outputs/o/condition 18:5',
        '/parameters/p/constraints/0/modulo 7:9',
        '/parameters/p/tags 5:5',
        '/resources/r/condition 13:5',
        '/resources/r/external_id 14:5',
      ].sort(),
    );
    const cond = ds.find((d) => d.path === '/conditions');
    expect(cond?.message).toBe(
      "the 'conditions' section needs heat_template_version 2016-10-14 or later; this template is 2015-04-30",
    );
  });

  it('lets each feature in from its own version on', () => {
    expect(features('2016-10-14')).toEqual(['/parameters/p/constraints/0/modulo', '/parameters/p/tags']);
    expect(features('2017-02-24')).toEqual(['/parameters/p/tags']);
    expect(features('2018-03-02')).toEqual([]);
  });

  it('ignores sections of the wrong shape', () => {
    const odd = 'parameters: [1]\nresources: {r: 3}\noutputs: x\n';
    expect(checkVersionFeatures(tpl(odd), '2013-05-23')).toEqual([]);
  });
});
