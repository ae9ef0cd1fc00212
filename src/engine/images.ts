/**
 * Makes an image present on an endpoint according to the pull policy, and reports its local id:
 * the id is what lets the plan see a moved tag (`image updated`) after pull=always.
 */
import type { DockerApi, PullEvent } from './docker-api.js';
import type { PullPolicy, RegistryCredentials } from '../settings.js';
import type { DeployLog } from '../deploy/types.js';
import { credentialsFor, registryAuthHeader, registryHost } from '../spec/registry-auth.js';

/** Who needs the image: named in errors and progress lines. */
export interface ImageContext {
  /** Endpoint display name. */
  endpoint: string;
  /** First resource using the image, for messages (`resource 'web': ...`). */
  resource?: string;
  /** Minimum milliseconds between two progress lines of one pull (default 2000). */
  progressIntervalMs?: number;
}

/** Result of ensureImage. */
export interface EnsuredImage {
  imageId: string;
  pulled: boolean;
}

/** Local image id, or undefined when the endpoint does not have the image. */
export async function localImageId(docker: DockerApi, image: string): Promise<string | undefined> {
  try {
    const info = await docker.inspectImage(image);
    return info.Id;
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode === 404) return undefined;
    throw err;
  }
}

/**
 * Applies the pull policy to one image on one endpoint: `missing` pulls only when absent, `always`
 * pulls every time (a moved tag arrives), `never` only checks. Throws an actionable error naming the
 * resource, image, registry and endpoint; never one containing a credential.
 */
export async function ensureImage(
  docker: DockerApi,
  image: string,
  policy: PullPolicy,
  auth: Record<string, RegistryCredentials>,
  log: DeployLog,
  ctx: ImageContext = { endpoint: 'local' },
): Promise<EnsuredImage> {
  if (policy !== 'always') {
    const id = await localImageId(docker, image);
    if (id) return { imageId: id, pulled: false };
    if (policy === 'never') {
      throw new Error(`${prefix(ctx)}image '${image}' is not on endpoint '${ctx.endpoint}' and pull is 'never'`);
    }
  }
  await pullImage(docker, image, auth, log, ctx);
  const id = await localImageId(docker, image);
  if (!id) throw new Error(`${prefix(ctx)}image '${image}' is still missing on endpoint '${ctx.endpoint}' after its pull`);
  return { imageId: id, pulled: true };
}

function prefix(ctx: ImageContext): string {
  return ctx.resource ? `resource '${ctx.resource}': ` : '';
}

/** Splits `repo[:tag][@digest]` the way the engine's create-image endpoint wants it. */
export function splitReference(image: string): { fromImage: string; tag: string } {
  const at = image.indexOf('@');
  if (at >= 0) return { fromImage: image.slice(0, at), tag: image.slice(at + 1) };
  const lastSlash = image.lastIndexOf('/');
  const colon = image.lastIndexOf(':');
  if (colon > lastSlash) return { fromImage: image.slice(0, colon), tag: image.slice(colon + 1) };
  return { fromImage: image, tag: 'latest' };
}

async function pullImage(
  docker: DockerApi,
  image: string,
  auth: Record<string, RegistryCredentials>,
  log: DeployLog,
  ctx: ImageContext,
): Promise<void> {
  const registry = registryHost(image);
  const creds = credentialsFor(registry, auth);
  const who = ctx.resource ?? image;
  const started = Date.now();
  log.progress(who, `pulling image '${image}' on '${ctx.endpoint}'`);
  const opts = splitReference(image);
  let events: PullEvent[];
  try {
    // The header is passed pre-encoded so the engine client never builds its own from the password.
    events = await docker.pullImage(opts, creds ? registryAuthHeader(creds, registry) : undefined, throttledProgress(log, who, ctx.progressIntervalMs ?? 2000));
  } catch (err) {
    throw pullError(image, registry, creds?.username, ctx, errorText(err));
  }
  const failed = events.find((e) => e.error || e.errorDetail?.message);
  if (failed) throw pullError(image, registry, creds?.username, ctx, failed.error ?? failed.errorDetail?.message ?? '');
  const layers = new Set(events.filter((e) => e.id && e.status === 'Pull complete').map((e) => e.id));
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  log.progress(who, `pulled image '${image}' (${layers.size} new layer(s), ${secs} s)`);
}

function errorText(err: unknown): string {
  const e = err as { json?: { message?: string }; reason?: string; message?: string };
  return e?.json?.message ?? e?.message ?? String(err);
}

/** Maps the engine's pull failures to messages a user can act on. */
function pullError(image: string, registry: string, user: string | undefined, ctx: ImageContext, raw: string): Error {
  const p = prefix(ctx);
  const text = raw.trim();
  const authProblem = /no basic auth credentials|authentication required|unauthorized|incorrect username or password/i;
  if (authProblem.test(text)) {
    return user === undefined
      ? new Error(`${p}no credentials for registry '${registry}' to pull image '${image}' (set registry-auth)`)
      : new Error(`${p}registry '${registry}' refused the credentials for user '${user}' (pulling image '${image}')`);
  }
  if (/pull access denied/i.test(text) && user === undefined) {
    // Docker Hub answers this both for a missing repository and for a private one.
    return new Error(`${p}image '${image}' not found in registry '${registry}', or it needs credentials (set registry-auth)`);
  }
  if (/manifest unknown|not found|does not exist|no such image|pull access denied/i.test(text)) {
    return new Error(`${p}image '${image}' not found in registry '${registry}'`);
  }
  return new Error(`${p}pulling image '${image}' from registry '${registry}' on endpoint '${ctx.endpoint}' failed: ${text}`);
}

/**
 * A pull progress callback that logs a throttled summary: percent of bytes known so far and layers
 * done out of layers seen (per-layer lines would flood a CI log).
 */
function throttledProgress(log: DeployLog, who: string, intervalMs: number): (event: PullEvent) => void {
  const layers = new Map<string, { current: number; total: number; done: boolean }>();
  let last = Date.now();
  return (event) => {
    if (!event.id || !event.status) return;
    const layer = layers.get(event.id) ?? { current: 0, total: 0, done: false };
    if (event.progressDetail?.total) {
      layer.total = event.progressDetail.total;
      layer.current = event.progressDetail.current ?? layer.current;
    }
    if (/complete|already exists/i.test(event.status)) layer.done = true;
    layers.set(event.id, layer);
    const now = Date.now();
    if (now - last < intervalMs) return;
    last = now;
    const all = [...layers.values()];
    const total = all.reduce((s, l) => s + l.total, 0);
    const current = all.reduce((s, l) => s + (l.done ? l.total : l.current), 0);
    const pct = total > 0 ? `${Math.floor((100 * current) / total)}%, ` : '';
    log.progress(who, `pulling ${pct}${all.filter((l) => l.done).length}/${all.length} layers`);
  };
}
