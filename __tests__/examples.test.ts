/**
 * The documentation's examples are real: every examples/*.yaml validates without errors, every
 * examples/ path the docs name exists, and every YAML block in the docs is a verbatim excerpt
 * of the example file named just before it.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { validateTemplateFile } from '../src/template/validate.js';
import type { Settings } from '../src/settings.js';

const ROOT = resolve(dirname(new URL(import.meta.url).pathname), '..');
const io = { readFile: (p: string) => readFileSync(p, 'utf8') };
const templates = readdirSync(join(ROOT, 'examples')).filter((f) => f.endsWith('.yaml')).sort();
const docs = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

function settings(template: string, over: Partial<Settings> = {}): Settings {
  return {
    template,
    workspace: ROOT,
    mode: 'validate',
    stackName: 'examples',
    parameters: {},
    environmentFiles: [],
    dockerEndpoint: 'unix:///var/run/docker.sock',
    dockerEndpointExplicit: false,
    // docker-endpoint.yaml names this one.
    endpoints: { staging: { url: 'tcp://10.201.0.2:2376' } },
    registryAuth: {},
    pull: 'missing',
    prune: true,
    rollback: true,
    waitTimeout: 60,
    stableSeconds: 5,
    maxParallel: 8,
    lockTimeout: 300,
    placement: 'spread',
    target: 'containers',
    requireReviewedPlan: false,
    githubToken: '',
    commentOnPr: 'true',
    runId: 'test',
    ...over,
  };
}

describe('examples/*.yaml', () => {
  it('there are examples', () => {
    expect(templates.length).toBeGreaterThan(10);
  });

  it.each(templates)('%s validates without errors', (file) => {
    const result = validateTemplateFile(settings(`examples/${file}`), io);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.stack).toBeDefined();
  });

  it('web.yaml takes its port from the production environment file', () => {
    const result = validateTemplateFile(
      settings('examples/web.yaml', { environmentFiles: ['examples/environments/production.yaml'] }),
      io,
    );
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.stack?.parameters.host_port).toBe(8090);
  });
});

describe('docs name real examples', () => {
  const mentions = [
    ...new Set(
      docs.flatMap((doc) =>
        [...readFileSync(join(ROOT, doc), 'utf8').matchAll(/examples\/[A-Za-z0-9_./-]*[A-Za-z0-9_]/g)].map((m) => `${doc}\t${m[0]}`),
      ),
    ),
  ].map((s) => s.split('\t') as [string, string]);

  it('the docs reference examples', () => {
    expect(mentions.length).toBeGreaterThan(15);
  });

  it.each(mentions)('%s → %s exists', (doc, path) => {
    // The repository's examples/, or a link relative to the doc (docs/examples/ holds rendered summaries).
    expect(existsSync(join(ROOT, path)) || existsSync(join(ROOT, dirname(doc), path))).toBe(true);
  });

  it.each(docs)('every YAML block of %s is an excerpt of the example named before it', (doc) => {
    const text = readFileSync(join(ROOT, doc), 'utf8');
    const blocks = [...text.matchAll(/```ya?ml\n([\s\S]*?)```/g)];
    for (const block of blocks) {
      const before = text.slice(0, block.index);
      const named = [...before.matchAll(/examples\/[A-Za-z0-9_./-]*\.ya?ml/g)].pop()?.[0];
      expect([doc, block[1].slice(0, 60), named !== undefined]).toEqual([doc, block[1].slice(0, 60), true]);
      const source = readFileSync(join(ROOT, named as string), 'utf8');
      expect([named, source.includes(block[1])]).toEqual([named, true]);
    }
  });
});
