/**
 * package.json says what the product is made of: `dependencies` are exactly the packages the
 * sources import at run time (what dist/ bundles), and everything else — build tools, the schema
 * generator's ajv, test helpers — is a devDependency.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : /\.(ts|js)$/.test(e.name) && !e.name.endsWith('.d.ts') ? [join(dir, e.name)] : [],
  );
}

/** Packages imported for their code (not `import type`, which leaves nothing in the bundle). */
function runtimeImports(): Set<string> {
  const found = new Set<string>();
  const statement = /^\s*(import|export)\s+(?!type\s)[^;]*?from\s+'([^'.][^']*)'|import\(\s*'([^'.][^']*)'\s*\)/gm;
  for (const file of sources(join(ROOT, 'src'))) {
    for (const m of readFileSync(file, 'utf8').matchAll(statement)) {
      const spec = m[2] ?? m[3];
      if (spec.startsWith('node:')) continue;
      found.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);
    }
  }
  return found;
}

test('dependencies are exactly what the sources import at run time', () => {
  expect(Object.keys(pkg.dependencies).sort()).toEqual([...runtimeImports()].sort());
});

test('no package is both a dependency and a devDependency, and versions are pinned', () => {
  for (const name of Object.keys(pkg.dependencies)) expect([name, pkg.devDependencies[name]]).toEqual([name, undefined]);
  for (const [name, version] of Object.entries({ ...pkg.dependencies, ...pkg.devDependencies })) {
    expect([name, version]).toEqual([name, expect.stringMatching(/^\d+\.\d+\.\d+$/)]);
  }
});

test('dist/licenses.txt carries the licence of every bundled dependency', () => {
  const licences = readFileSync(join(ROOT, 'dist', 'licenses.txt'), 'utf8');
  const listed = new Set(licences.split('\n').filter((l) => /^(@[a-z0-9-]+\/)?[a-z0-9][a-z0-9._-]*$/.test(l)));
  for (const name of Object.keys(pkg.dependencies).filter((n) => runtimeImports().has(n))) expect([name, listed.has(name)]).toEqual([name, true]);
  // Build-only packages stay out of what ships.
  for (const name of ['typescript', 'jest', '@vercel/ncc', 'ajv']) expect([name, listed.has(name)]).toEqual([name, false]);
});

test('boundaries: only src/engine imports dockerode or ssh2, only src/github imports @actions/github', () => {
  const owners: Record<string, string> = { dockerode: 'engine', ssh2: 'engine', 'docker-modem': 'engine', '@actions/github': 'github' };
  const strays: string[] = [];
  for (const file of sources(join(ROOT, 'src'))) {
    const rel = file.slice(join(ROOT, 'src').length + 1);
    for (const m of readFileSync(file, 'utf8').matchAll(/(?:from\s+|import\(\s*)'([^'.][^']*)'/g)) {
      const pkg = m[1].startsWith('@') ? m[1].split('/').slice(0, 2).join('/') : m[1].split('/')[0];
      const owner = owners[pkg];
      if (owner && !rel.startsWith(`${owner}/`)) strays.push(`${rel} imports ${pkg}`);
    }
  }
  expect(strays).toEqual([]);
});
