/**
 * Docker contexts and config.json, pure parts: which context is in use (docker's precedence), its
 * folder name, its endpoint and TLS; the credentials of `docker login`, helpers first. The files
 * the docker CLI itself writes are read in cli.integration.test.ts.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chooseContext, contextEndpoint, contextId, readDockerContext } from '../../src/docker-context.js';
import { parseDockerConfig, registryCredentials, type CredentialHelpers, type DockerConfig } from '../../src/docker-config.js';
import { cliSettings } from '../../src/cli.js';

const config = (over: Partial<DockerConfig> = {}): DockerConfig => ({ auths: {}, credHelpers: {}, ...over });

describe('the context in use', () => {
  test.each<[string, string | undefined, Record<string, string>, Partial<DockerConfig>, string | undefined]>([
    ['none anywhere', undefined, {}, {}, undefined],
    ['the current context of config.json', undefined, {}, { currentContext: 'prod' }, 'prod'],
    ['DOCKER_CONTEXT over the current one', undefined, { DOCKER_CONTEXT: 'lab' }, { currentContext: 'prod' }, 'lab'],
    ['DOCKER_HOST over both', undefined, { DOCKER_HOST: 'tcp://h:2376', DOCKER_CONTEXT: 'lab' }, { currentContext: 'prod' }, undefined],
    ['--context over everything', 'ci', { DOCKER_HOST: 'tcp://h:2376', DOCKER_CONTEXT: 'lab' }, { currentContext: 'prod' }, 'ci'],
    ['"default" is DOCKER_HOST or the socket', undefined, { DOCKER_CONTEXT: 'default' }, { currentContext: 'prod' }, undefined],
  ])('%s', (_name, flag, env, cfg, expected) => {
    expect(chooseContext(flag, env, config(cfg))?.name).toBe(expected);
  });

  test('a context lives under the sha256 of its name (as docker context create writes it)', () => {
    expect(contextId('labctx')).toBe('4b014f7d2b5b9620560c54994c77544f58f2a7d8439b2ce6ad20e603d2ac9b1b');
  });

  test('meta.json gives the endpoint; the PEM files found go with it', () => {
    const meta = JSON.stringify({ Name: 'lab', Metadata: {}, Endpoints: { docker: { Host: 'tcp://10.0.0.2:2376', SkipTLSVerify: false } } });
    expect(contextEndpoint('ctx', meta, { ca: 'CA', cert: 'C', key: 'K' })).toEqual({ endpoint: 'tcp://10.0.0.2:2376', tls: { ca: 'CA', cert: 'C', key: 'K' } });
    expect(contextEndpoint('ctx', meta, {})).toEqual({ endpoint: 'tcp://10.0.0.2:2376' });
    expect(() => contextEndpoint("docker context 'x'", '{"Endpoints":{}}', {})).toThrow("docker context 'x' has no docker endpoint (Endpoints.docker.Host)");
    expect(() => contextEndpoint("docker context 'x'", '{', {})).toThrow("docker context 'x': meta.json is not valid JSON");
  });

  test('a context that does not exist is named, with where it was asked for', () => {
    const home = mkdtempSync(join(tmpdir(), 'hotdock-home-'));
    expect(() => readDockerContext({ name: 'gone', source: 'DOCKER_CONTEXT' }, { HOME: home })).toThrow(
      /^docker context 'gone' \(from DOCKER_CONTEXT\) not found \(no .*meta\.json\); see docker context ls$/,
    );
  });

  test('the CLI takes the current context of DOCKER_CONFIG/config.json, unless --endpoint or DOCKER_HOST is given', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hotdock-dockercfg-'));
    const meta = join(dir, 'contexts', 'meta', contextId('far'));
    mkdirSync(meta, { recursive: true });
    writeFileSync(join(meta, 'meta.json'), JSON.stringify({ Name: 'far', Endpoints: { docker: { Host: 'tcp://10.9.9.9:2375' } } }));
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ currentContext: 'far' }));
    const args = { command: 'plan' as const, template: 't.yaml', params: {}, envFiles: [], json: false };
    const env = { HOME: '/nonexistent', DOCKER_CONFIG: dir };
    expect(cliSettings(args, env, '/ws')).toMatchObject({ dockerEndpoint: 'tcp://10.9.9.9:2375', dockerEndpointExplicit: true });
    expect(cliSettings({ ...args, endpoint: 'unix:///run/x.sock' }, env, '/ws').dockerEndpoint).toBe('unix:///run/x.sock');
    expect(cliSettings(args, { ...env, DOCKER_HOST: 'tcp://10.1.1.1:2375' }, '/ws').dockerEndpoint).toBe('tcp://10.1.1.1:2375');
    expect(() => cliSettings({ ...args, context: 'nope' }, env, '/ws')).toThrow("docker context 'nope' (from option --context) not found");
  });
});

describe('credentials of docker login', () => {
  const b64 = (s: string) => Buffer.from(s).toString('base64');

  test('config.json: auths (auth or username/password), credsStore, credHelpers, currentContext', () => {
    const text = JSON.stringify({
      auths: { 'reg.example:5000': { auth: b64('ann:s3cret:with:colons') }, 'https://index.docker.io/v1/': {} },
      credsStore: 'desktop',
      credHelpers: { 'gcr.io': 'gcloud' },
      currentContext: 'lab',
    });
    expect(parseDockerConfig(text, 'config.json')).toEqual({
      auths: { 'reg.example:5000': { auth: b64('ann:s3cret:with:colons') }, 'https://index.docker.io/v1/': {} },
      credsStore: 'desktop',
      credHelpers: { 'gcr.io': 'gcloud' },
      currentContext: 'lab',
    });
    expect(() => parseDockerConfig('{ nope', '/h/.docker/config.json')).toThrow(/^\/h\/\.docker\/config\.json: not valid JSON/);
  });

  test('a registry\'s helper wins over the store, the store over the file; identity tokens are left out', () => {
    const asked: string[] = [];
    const helpers: CredentialHelpers = {
      get: (helper, server) => {
        asked.push(`${helper} ${server}`);
        if (helper === 'gcloud') return { username: 'oauth2', password: 'tok' };
        if (server === 'https://index.docker.io/v1/') return { username: 'hubby', password: 'hubpass' };
        return undefined;
      },
      list: (helper) => (helper === 'desktop' ? ['https://index.docker.io/v1/', 'gcr.io', 'empty.example'] : []),
    };
    const creds = registryCredentials(
      config({
        auths: { 'reg.example:5000': { auth: b64('ann:pw') }, 'docker.io': { username: 'file', password: 'filepw' }, 'token.example': { identitytoken: 'x' } },
        credsStore: 'desktop',
        credHelpers: { 'gcr.io': 'gcloud' },
      }),
      helpers,
    );
    expect(creds).toEqual({
      'gcr.io': { username: 'oauth2', password: 'tok' },
      'docker.io': { username: 'hubby', password: 'hubpass' },
      'reg.example:5000': { username: 'ann', password: 'pw' },
    });
    expect(asked).toContain('gcloud gcr.io');
  });

  test('a helper that fails costs only its registries their credentials, with a warning naming it', () => {
    const warnings: string[] = [];
    const broken: CredentialHelpers = {
      get: () => {
        throw new Error('credential helper docker-credential-gone (from config.json) cannot run: spawnSync docker-credential-gone ENOENT');
      },
      list: () => {
        throw new Error('credential helper docker-credential-gone list failed (exit 1): locked');
      },
    };
    const creds = registryCredentials(
      config({ auths: { 'reg.example': { auth: b64('ann:pw') } }, credsStore: 'gone', credHelpers: { 'gcr.io': 'gone' } }),
      broken,
      (m) => warnings.push(m),
    );
    expect(creds).toEqual({ 'reg.example': { username: 'ann', password: 'pw' } });
    expect(warnings).toEqual([
      'credential helper docker-credential-gone (from config.json) cannot run: spawnSync docker-credential-gone ENOENT; its registries get no credentials',
      'credential helper docker-credential-gone list failed (exit 1): locked; its registries get no credentials',
    ]);
  });
});
