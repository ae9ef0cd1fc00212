import { ensureImage, splitReference } from '../../src/engine/images.js';
import { registryAuthSecrets, registryHost, registryAuthHeader, scrubSecrets } from '../../src/spec/registry-auth.js';
import { localDocker, recordingLog, TEST_IMAGE } from '../helpers/stack.js';
import { dockerApiOf } from '../../src/engine/docker-api.js';

const docker = localDocker();
const dockerApi = dockerApiOf(docker);

describe('registry auth', () => {
  test('registry host of references', () => {
    expect(registryHost('nginx:1')).toBe('docker.io');
    expect(registryHost('library/nginx')).toBe('docker.io');
    expect(registryHost('hotdock-test/busybox:1')).toBe('docker.io');
    expect(registryHost('127.0.0.1:5000/x:tag')).toBe('127.0.0.1:5000');
    expect(registryHost('localhost/x')).toBe('localhost');
    expect(registryHost('ghcr.io/o/x@sha256:abc')).toBe('ghcr.io');
  });

  test('every secret form is listed and scrubbed', () => {
    const auth = { '127.0.0.1:5000': { username: 'u', password: 's3cret-pw' } };
    const secrets = registryAuthSecrets(auth);
    expect(secrets).toContain('s3cret-pw');
    expect(secrets).toContain(registryAuthHeader(auth['127.0.0.1:5000'], '127.0.0.1:5000'));
    const msg = `failed with header ${registryAuthHeader(auth['127.0.0.1:5000'], '127.0.0.1:5000')} and s3cret-pw`;
    expect(scrubSecrets(msg, secrets)).not.toMatch(/s3cret|eyJ/);
  });

  test('splits references', () => {
    expect(splitReference('127.0.0.1:5000/x')).toEqual({ fromImage: '127.0.0.1:5000/x', tag: 'latest' });
    expect(splitReference('127.0.0.1:5000/x:2')).toEqual({ fromImage: '127.0.0.1:5000/x', tag: '2' });
    expect(splitReference('x@sha256:ab')).toEqual({ fromImage: 'x', tag: 'sha256:ab' });
  });
});

describe('ensureImage on the local engine', () => {
  test('present image with missing/never: no pull, id returned', async () => {
    const log = recordingLog();
    const a = await ensureImage(dockerApi, TEST_IMAGE, 'missing', {}, log, { endpoint: 'local' });
    expect(a.pulled).toBe(false);
    expect(a.imageId).toMatch(/^sha256:/);
    const b = await ensureImage(dockerApi, TEST_IMAGE, 'never', {}, log, { endpoint: 'local' });
    expect(b.imageId).toBe(a.imageId);
  });

  test('absent image with never names the endpoint', async () => {
    await expect(
      ensureImage(dockerApi, 'hotdock-test/absent:9', 'never', {}, recordingLog(), { endpoint: 'local', resource: 'web' }),
    ).rejects.toThrow("resource 'web': image 'hotdock-test/absent:9' is not on endpoint 'local' and pull is 'never'");
  });

  test('a pull that cannot reach its registry fails clearly', async () => {
    await expect(
      ensureImage(dockerApi, '127.0.0.1:1/absent:9', 'missing', {}, recordingLog(), { endpoint: 'local', resource: 'web' }),
    ).rejects.toThrow(/resource 'web': .*'127\.0\.0\.1:1\/absent:9'.*'127\.0\.0\.1:1'/);
  });
});
