/**
 * The adapter's deadlines on a stub dockerode (only what each case calls): a call that never
 * answers is aborted at its deadline even when it ignores the abort; a pull whose stream goes
 * silent fails after the idle limit. The real-engine side is docker-api.integration.test.ts.
 */
import { PassThrough } from 'node:stream';
import type Dockerode from 'dockerode';
import Modem from 'docker-modem';
import { dockerApiOf } from '../../src/engine/docker-api.js';
import { EngineCallError } from '../../src/engine/errors.js';

const never = <T>(): Promise<T> => new Promise<T>(() => undefined);

test('a call that never answers (and ignores its abort) rejects at its deadline, with the signal aborted', async () => {
  let seen: AbortSignal | undefined;
  const stub = {
    modem: {},
    getContainer: () => ({
      inspect: (o: { abortSignal: AbortSignal }) => {
        seen = o.abortSignal;
        return never();
      },
    }),
  } as unknown as Dockerode;
  const api = dockerApiOf(stub, { endpoint: 'ssh://deploy@h', deadlines: { requestMs: 200 } });
  const err = await api.inspectContainer('web').catch((e: unknown) => e);
  expect(err).toBeInstanceOf(EngineCallError);
  expect((err as Error).message).toBe("endpoint 'ssh://deploy@h': inspecting container 'web' timed out after 0.2 s");
  expect(seen?.aborted).toBe(true);
});

test('a pull whose progress stream goes silent fails after the idle limit, and its stream is destroyed', async () => {
  const stream = new PassThrough();
  const stub = {
    modem: new Modem({ socketPath: '/nonexistent' }),
    createImage: async () => stream,
  } as unknown as Dockerode;
  const api = dockerApiOf(stub, { endpoint: 'unix:///x.sock', deadlines: { pullIdleMs: 300 } });
  const events: unknown[] = [];
  const pulling = api.pullImage({ fromImage: 'reg:5000/app', tag: '1' }, undefined, (e) => events.push(e));
  stream.write(`${JSON.stringify({ id: 'l1', status: 'Downloading' })}\n`);
  const err = await pulling.catch((e: unknown) => e);
  expect((err as Error).message).toBe("endpoint 'unix:///x.sock': pulling image 'reg:5000/app:1' stalled: no progress for 0.3 s");
  expect((err as EngineCallError).timedOut).toBe(true);
  expect(events).toHaveLength(1);
  expect(stream.destroyed).toBe(true);
});

test('the default endpoint name comes from the client', async () => {
  const stub = { modem: { socketPath: '/run/x.sock' }, info: () => Promise.reject(Object.assign(new Error('connect ENOENT /run/x.sock'), { code: 'ENOENT' })) };
  const err = await dockerApiOf(stub as unknown as Dockerode).info().catch((e: unknown) => e);
  expect((err as Error).message).toBe("endpoint 'unix:///run/x.sock': reading the engine info failed: no socket there (is the Docker daemon running?)");
});
