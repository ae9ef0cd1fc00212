// Builds dist/index.js with ncc, then makes the ESM bundle self-sufficient:
// ssh2 (via dockerode) reads __dirname at load time, which ESM does not define,
// and ncc copies ssh2's optional native addons, which the bundle works without.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

const dist = 'dist';
rmSync(dist, { recursive: true, force: true });
execFileSync(
  process.execPath,
  ['node_modules/@vercel/ncc/dist/ncc/cli.js', 'build', 'src/index.ts', '-o', dist, '--target', 'es2022', '--quiet', '--no-source-map-register'],
  { stdio: 'inherit' },
);
const banner =
  "import { fileURLToPath as __hotdockFileURLToPath } from 'node:url';\n" +
  "import { dirname as __hotdockDirname } from 'node:path';\n" +
  'const __filename = __hotdockFileURLToPath(import.meta.url);\n' +
  'const __dirname = __hotdockDirname(__filename);\n';
const entry = join(dist, 'index.js');
writeFileSync(entry, banner + readFileSync(entry, 'utf8'));
// Windows' Pageant helper and native addons: optional, never used on a Linux runner.
for (const name of readdirSync(dist, { recursive: true }).map(String)) {
  if (name.endsWith('.node') || name.endsWith('pagent.exe')) rmSync(join(dist, name));
}
// Folders left empty by the removals above.
for (const name of readdirSync(dist, { recursive: true }).map(String).sort().reverse()) {
  const path = join(dist, name);
  if (statSync(path).isDirectory() && readdirSync(path).length === 0) rmSync(path, { recursive: true });
}
