import { readFileSync } from 'node:fs';
import * as yaml from 'js-yaml';
import { INPUTS, readSettings, defaultStackName } from '../src/inputs.js';

/** The runner's environment for a step: INPUT_<NAME> as @actions/core reads it (hyphens stay). */
function envOf(inputs: Record<string, string>, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { GITHUB_WORKSPACE: '/ws', GITHUB_REPOSITORY: 'acme/Shop.Front', ...extra };
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.replace(/ /g, '_').toUpperCase()}`] = v;
  return env;
}

function read(inputs: Record<string, string>, extra: Record<string, string> = {}) {
  const masked: string[] = [];
  const settings = readSettings(envOf({ template: 'stacks/web.yaml', ...inputs }, extra), (s) => masked.push(s));
  return { settings, masked };
}

const PEM_KEY = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\nBKcwggSjAgEAAoIBAQC7\n-----END PRIVATE KEY-----';

describe('action.yml and the inputs literal', () => {
  const action = yaml.load(readFileSync('action.yml', 'utf8')) as {
    inputs: Record<string, { default?: string; required?: boolean }>;
    outputs: Record<string, unknown>;
    runs: { using: string; main: string; post?: string };
  };
  it('declares exactly the inputs readSettings reads, with the same defaults', () => {
    expect(Object.keys(action.inputs).sort()).toEqual(Object.keys(INPUTS).sort());
    for (const [name, spec] of Object.entries(INPUTS) as [string, { default?: string; required?: boolean }][]) {
      // An expression default (github-token's `${{ github.token }}`) is the runner's to fill: read
      // outside a runner, the input is empty rather than the expression's text.
      const declared = action.inputs[name].default;
      expect([name, declared?.startsWith('${{') ? undefined : declared]).toEqual([name, spec.default]);
      expect([name, Boolean(action.inputs[name].required)]).toEqual([name, Boolean(spec.required)]);
    }
  });
  it('declares the contract outputs and runtime', () => {
    expect(Object.keys(action.outputs).sort()).toEqual(['changed', 'failure-reason', 'outputs', 'plan', 'plan-hash', 'resources', 'result']);
    // The post step is the same bundle: it repairs what a cancelled or killed main step left.
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js', post: 'dist/index.js', 'post-if': 'always()' });
  });
});

describe('readSettings defaults', () => {
  it('fills every default of the design', () => {
    const { settings } = read({}, { GITHUB_RUN_ID: '42', GITHUB_SHA: 'abc' });
    expect(settings).toEqual({
      template: 'stacks/web.yaml',
      workspace: '/ws',
      mode: 'deploy',
      stackName: 'shop.front-web',
      parameters: {},
      environmentFiles: [],
      dockerEndpoint: 'unix:///var/run/docker.sock',
      dockerEndpointExplicit: false,
      endpoints: {},
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
      runId: '42',
      revision: 'abc',
    });
  });
  it('takes DOCKER_HOST when docker-endpoint is not given, and the input over it', () => {
    expect(read({}, { DOCKER_HOST: 'tcp://10.0.0.1:2376' }).settings).toMatchObject({
      dockerEndpoint: 'tcp://10.0.0.1:2376',
      dockerEndpointExplicit: true,
    });
    expect(read({ 'docker-endpoint': 'unix:///run/b.sock' }, { DOCKER_HOST: 'tcp://10.0.0.1:2376' }).settings.dockerEndpoint).toBe(
      'unix:///run/b.sock',
    );
  });
  it('uses the current directory when GITHUB_WORKSPACE is unset', () => {
    const settings = readSettings({ INPUT_TEMPLATE: 'a.yaml', GITHUB_REPOSITORY: 'o/r' }, () => undefined);
    expect(settings.workspace).toBe(process.cwd());
  });
});

describe('defaultStackName', () => {
  it.each([
    ['Shop.Front', 'stacks/web.yaml', 'shop.front-web'],
    ['my repo', 'Web Stack.yml', 'my-repo-web-stack'],
    ['r', 'a/b/c.d.yaml', 'r-c.d'],
    ['.github', 'x.yaml', 'github-x'],
    ['r', 'ünï.yaml', 'r--n-'],
  ])('%s + %s → %s', (repo, template, expected) => {
    expect(defaultStackName(repo, template)).toBe(expected);
  });
});

describe('readSettings values', () => {
  it.each<[string, Record<string, string>, Record<string, unknown>]>([
    ['mode', { mode: 'plan' }, { mode: 'plan' }],
    ['stack-name', { 'stack-name': 'Prod_1.web' }, { stackName: 'Prod_1.web' }],
    ['pull', { pull: 'always' }, { pull: 'always' }],
    ['placement', { placement: 'binpack' }, { placement: 'binpack' }],
    ['target', { target: 'swarm' }, { target: 'swarm' }],
    ['github surface', { 'require-reviewed-plan': 'true', 'comment-on-pr': 'changes-only', 'deployment-environment': 'prod', 'environment-url': 'https://shop.example' },
      { requireReviewedPlan: true, commentOnPr: 'changes-only', deploymentEnvironment: 'prod', environmentUrl: 'https://shop.example' }],
    ['deployment flags', { 'deployment-transient': 'true', 'deployment-production': 'False' }, { deploymentTransient: true, deploymentProduction: false }],
    ['comment-on-pr as a boolean in any case', { 'comment-on-pr': 'FALSE' }, { commentOnPr: 'false' }],
    ['booleans in any case', { prune: 'False', rollback: 'TRUE' }, { prune: false, rollback: true }],
    ['integers', { 'wait-timeout': '5', 'max-parallel': '1', 'lock-timeout': '900' }, { waitTimeout: 5, maxParallel: 1, lockTimeout: 900 }],
    ['parameters as YAML', { parameters: 'port: 8080\ntags: [a, b]' }, { parameters: { port: 8080, tags: ['a', 'b'] } }],
    ['parameters as JSON', { parameters: '{"port": "8080"}' }, { parameters: { port: '8080' } }],
    ['environment files', { 'environment-files': ' env/a.yaml \n\n env/b.yaml\n' }, { environmentFiles: ['env/a.yaml', 'env/b.yaml'] }],
    [
      'endpoints',
      { endpoints: 'a: tcp://10.0.0.1:2376\nb:\n  url: ssh://deploy@10.0.0.2:2222\n  ssh-known-hosts: "[10.0.0.2]:2222 ssh-ed25519 AAAA"' },
      {
        endpoints: {
          a: { url: 'tcp://10.0.0.1:2376' },
          b: { url: 'ssh://deploy@10.0.0.2:2222', sshKnownHosts: '[10.0.0.2]:2222 ssh-ed25519 AAAA' },
        },
      },
    ],
    ['docker-endpoint naming an endpoints entry', { endpoints: 'blue: tcp://10.0.0.1:2376', 'docker-endpoint': 'blue' }, { dockerEndpoint: 'blue' }],
    ['tls', { 'tls-ca-cert': 'CA', 'tls-client-cert': 'CERT', 'tls-client-key': 'KEY' }, { tls: { ca: 'CA', cert: 'CERT', key: 'KEY' } }],
    ['registry-auth', { 'registry-auth': '127.0.0.1:5000: {username: ci, password: s3cret}' }, { registryAuth: { '127.0.0.1:5000': { username: 'ci', password: 's3cret' } } }],
  ])('%s', (_name, inputs, expected) => {
    expect(read(inputs).settings).toMatchObject(expected);
  });
});

describe('readSettings errors name the input, the value and what is expected', () => {
  it.each<[string, Record<string, string>, string | RegExp]>([
    ['missing template', { template: '' }, 'Input required and not supplied: template'],
    ['mode', { mode: 'deploi' }, "Invalid input 'mode': 'deploi'. Expected validate, plan, deploy or destroy"],
    ['pull', { pull: 'sometimes' }, "Invalid input 'pull': 'sometimes'. Expected missing, always or never"],
    ['boolean', { prune: 'yes' }, "Invalid input 'prune': 'yes'. Expected true or false"],
    ['placement', { placement: 'random' }, "Invalid input 'placement': 'random'. Expected spread or binpack"],
    ['target', { target: 'k8s' }, "Invalid input 'target': 'k8s'. Expected containers or swarm"],
    ['comment-on-pr', { 'comment-on-pr': 'always' }, "Invalid input 'comment-on-pr': 'always'. Expected true, changes-only or false"],
    ['require-reviewed-plan', { 'require-reviewed-plan': 'yes' }, "Invalid input 'require-reviewed-plan': 'yes'. Expected true or false"],
    ['zero', { 'wait-timeout': '0' }, "Invalid input 'wait-timeout': '0'. Expected a positive integer"],
    ['negative', { 'max-parallel': '-2' }, "Invalid input 'max-parallel': '-2'. Expected a positive integer"],
    ['fraction', { 'lock-timeout': '1.5' }, "Invalid input 'lock-timeout': '1.5'. Expected a positive integer"],
    ['stack-name', { 'stack-name': 'my stack' }, "Invalid input 'stack-name': 'my stack'"],
    ['parameters not YAML', { parameters: 'a: [1' }, /Invalid input 'parameters': not valid YAML or JSON .*line/],
    ['parameters a list', { parameters: '- a' }, "Invalid input 'parameters': expected a YAML or JSON mapping of parameter name → value, got a list"],
    ['docker-endpoint', { 'docker-endpoint': 'docker.example.com' }, /Invalid endpoint 'docker.example.com'.*\(in input 'docker-endpoint'\)/],
    ['endpoint entry url', { endpoints: 'a: ftp://x' }, /Invalid endpoint 'ftp:\/\/x'.*\(in input 'endpoints' \(entry 'a'\)\)/],
    ['endpoint entry key', { endpoints: 'a: {url: "tcp://h:1", tls-ca: x}' }, "entry 'a' has unknown key 'tls-ca'. Expected url, tls-ca-cert"],
    ['endpoint entry without url', { endpoints: 'a: {tls-ca-cert: x}' }, "entry 'a' has no 'url'"],
    ['half a client cert', { 'tls-client-cert': 'CERT' }, 'tls-client-cert and tls-client-key go together'],
    ['registry-auth no password', { 'registry-auth': 'r.io: {username: u}' }, "registry 'r.io' has no password"],
    ['registry-auth not a map', { 'registry-auth': 'r.io: u' }, "registry 'r.io' needs {username, password}"],
  ])('%s', (_name, inputs, message) => {
    expect(() => read(inputs)).toThrow(message);
  });

  it('never quotes the offending YAML, which may hold a secret', () => {
    expect(() => read({ parameters: 'password: "hunter22\nx: [' })).toThrow(/^(?!.*hunter22)/s);
  });
});

describe('masking', () => {
  it('masks keys (whole and per line), registry passwords and their base64 forms', () => {
    const { masked } = read({
      'tls-client-cert': 'CERT',
      'tls-client-key': PEM_KEY,
      'ssh-private-key': PEM_KEY,
      'registry-auth': 'r.io: {username: ci, password: s3cret}',
      endpoints: `b:\n  url: tcp://h:2376\n  tls-client-cert: C\n  tls-client-key: |\n    ${PEM_KEY.split('\n').join('\n    ')}`,
    });
    expect(masked).toContain(PEM_KEY);
    expect(masked).toContain('MIIEvQIBADANBgkqhkiG9w0BAQEFAASC');
    expect(masked).not.toContain('-----BEGIN PRIVATE KEY-----');
    expect(masked).toContain('s3cret');
    expect(masked).toContain(Buffer.from('ci:s3cret').toString('base64'));
    expect(masked).toContain(Buffer.from('s3cret').toString('base64'));
    expect(masked).not.toContain('CERT');
  });
  it('masks a password before complaining about its entry', () => {
    const masked: string[] = [];
    expect(() => readSettings(envOf({ template: 't.yaml', 'registry-auth': 'r.io: {password: pw123}' }), (s) => masked.push(s))).toThrow();
    expect(masked).toContain('pw123');
  });
});
