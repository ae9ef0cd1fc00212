/**
 * The files that make the repository adoptable say what they must and agree with each other: the
 * licence with package.json, .node-version with action.yml's runtime, the CI workflow with the
 * README's test command, the release workflow with the v1 tag users pin.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as yaml from 'js-yaml';

const ROOT = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');
const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8');
interface Workflow {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  jobs: Record<string, { steps: { run?: string; uses?: string }[]; container?: { options?: string } }>;
}
const workflow = (name: string): Workflow => yaml.load(read(`.github/workflows/${name}`)) as Workflow;
const runs = (w: Workflow, job: string): string => w.jobs[job].steps.map((s) => s.run ?? '').join('\n');

test('LICENSE is the Apache License 2.0 that package.json declares', () => {
  expect(JSON.parse(read('package.json')).license).toBe('Apache-2.0');
  const licence = read('LICENSE');
  expect(licence).toContain('Apache License\n                           Version 2.0, January 2004');
  expect(licence).toContain('END OF TERMS AND CONDITIONS');
  expect(licence).not.toContain('{yyyy}');
});

test('.node-version is the runtime action.yml declares', () => {
  const action = yaml.load(read('action.yml')) as { runs: { using: string } };
  expect(`node${read('.node-version').trim()}`).toBe(action.runs.using);
});

test('SECURITY.md says how to report and what is guaranteed about secrets', () => {
  const text = read('SECURITY.md');
  expect(text).toMatch(/## Reporting a vulnerability/);
  expect(text).toMatch(/privately/);
  expect(text).toMatch(/hidden: true/);
  expect(text).toMatch(/\*\*\*\*\*\*/);
});

test('CONTRIBUTING.md explains the lab, the tests and the bundle rule', () => {
  const text = read('CONTRIBUTING.md');
  for (const must of ['scripts/lab.sh up', 'bash scripts/test.sh', 'npm run bundle', 'lab.sh down']) expect(text).toContain(must);
});

test('CHANGELOG.md keeps an Unreleased section', () => {
  expect(read('CHANGELOG.md')).toMatch(/^## Unreleased$/m);
});

test('CI lints, checks dist/ and runs the README test command with the lab', () => {
  const ci = workflow('ci.yml');
  expect(Object.keys(ci.on).sort()).toEqual(['pull_request', 'push']);
  expect(ci.permissions).toEqual({ contents: 'read' });
  expect(runs(ci, 'lint')).toContain('npm run lint');
  expect(runs(ci, 'check-dist')).toMatch(/npm run bundle[\s\S]*git status --porcelain -- dist/);
  expect(runs(ci, 'test')).toContain('bash scripts/test.sh');
  // The lab makes network namespaces and starts daemons.
  expect(ci.jobs.test.container?.options).toContain('--privileged');
  expect(read('README.md')).toContain('bash scripts/test.sh');
});

test('the release workflow checks the bundle and moves the major tag', () => {
  const release = workflow('release.yml');
  expect(Object.keys(release.on)).toEqual(['push']);
  expect(release.permissions).toEqual({ contents: 'write' });
  const script = runs(release, 'release');
  expect(script).toContain('npm run bundle');
  expect(script).toMatch(/major="\$\{TAG%%\.\*\}"/);
  expect(script).toContain('git push -f origin "refs/tags/$major"');
});

test('dependabot watches npm and the workflow actions', () => {
  const config = yaml.load(read('.github/dependabot.yml')) as { updates: { 'package-ecosystem': string }[] };
  expect(config.updates.map((u) => u['package-ecosystem']).sort()).toEqual(['github-actions', 'npm']);
});

test('.gitattributes marks the bundle as generated', () => {
  expect(read('.gitattributes')).toMatch(/^dist\/\*\* linguist-generated=true$/m);
  expect(existsSync(join(ROOT, 'dist', 'licenses.txt'))).toBe(true);
});
