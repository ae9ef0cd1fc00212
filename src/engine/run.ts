/**
 * The deploy orchestration: plan, deploy or destroy one resolved stack on its endpoints.
 * connect → lock (deploy/destroy) → observe → place → images → desired → plan → execute → report.
 * Plan mode changes nothing anywhere; every failure ends in a report, never in a throw.
 */
import type { DockerApi } from './docker-api.js';
import type { Settings } from '../settings.js';
import type { ResolvedStack } from '../template/types.js';
import type { EndpointTarget } from '../spec/types.js';
import type { DockerConnection } from './client.js';
import { connectEndpoints } from './connect.js';
import { defaultPool, placeResources, plainTcpWarning, type PlacementStrategy } from '../spec/endpoints.js';
import { ensureImage, localImageId } from './images.js';
import { registryAuthSecrets, scrubSecrets } from '../spec/registry-auth.js';
import { evaluateRuntime } from '../template/resolve.js';
import { formatPorts, loadSources, runtimeFor, type AttributeSource } from './attributes.js';
import { addContainerReferences, buildDesired, buildPlannedDesired, endpointRefOf, imageKey, imageOf, runtimeRefs } from '../deploy/desired.js';
import { executePlan, type StepOutcome } from './execute.js';
import { acquireLock, type LockHandle } from './lock.js';
import { observeEndpoint } from './observe.js';
import { planStack, planToOutput } from '../deploy/plan.js';
import { formatPlan } from '../deploy/plan-text.js';
import type { DeployLog, DeployReport, JournalEntry, ObservedContainer, PlanStep, ResourceReport } from '../deploy/types.js';
import { LABEL_DELETION_POLICY } from '../spec/labels.js';

/** Knobs tests turn; the action and the CLI use the defaults. */
export interface RunOptions {
  /** Seconds `docker stop` grants (default: the container's own, else docker's 10). */
  stopTimeoutSeconds?: number;
  /** Stable period a new container must stay up, ms (default 2000). */
  stableMs?: number;
  /** Connection timeout per endpoint, ms. */
  connectTimeoutMs?: number;
  /** Lock renewal TTL, seconds. */
  lockTtlSeconds?: number;
  /** Aborted on cancel (SIGINT/SIGTERM): start nothing new, abort waits, roll back. */
  signal?: AbortSignal;
  /** Called after every change to the rollback journal, and with [] once the run settled. */
  onJournal?: (entries: readonly JournalEntry[]) => void;
  /** Called with the lock containers held whenever that set changes, so a post step can release them. */
  onLocks?: (locks: { endpoint: string; id: string }[]) => void;
}

/** Runs settings.mode (`plan`, `deploy` or `destroy`) for a resolved stack. Never throws. */
export async function runStack(settings: Settings, stack: ResolvedStack, log: DeployLog, options: RunOptions = {}): Promise<DeployReport> {
  const report: DeployReport = { result: 'success', changed: false, resources: {}, outputs: {}, plan: [], warnings: [], rolledBack: [] };
  const connections = new Map<string, DockerConnection>();
  const locks: LockHandle[] = [];
  const heldLocks = new Map<LockHandle, { endpoint: string; id: string }>();
  const secrets = secretsOf(settings, stack);
  try {
    await runInner(settings, stack, log, options, report, connections, locks, heldLocks);
  } catch (err) {
    report.result = 'failure';
    report.error = scrubSecrets(err instanceof Error ? err.message : String(err), secrets);
  } finally {
    const kept: { endpoint: string; id: string }[] = [];
    for (const l of [...locks].reverse()) {
      await l.release().catch((e: Error) => {
        kept.push(heldLocks.get(l)!);
        log.warning(`releasing a lock failed: ${scrubSecrets(e.message, secrets)}`);
      });
    }
    if (locks.length) options.onLocks?.(kept);
    for (const c of connections.values()) await c.close().catch(() => undefined);
  }
  if (report.error) report.result = 'failure';
  return report;
}

function secretsOf(settings: Settings, stack: ResolvedStack): string[] {
  const hidden = stack.hiddenParameters.map((p) => stack.parameters[p]).filter((v): v is string => typeof v === 'string');
  return [...registryAuthSecrets(settings.registryAuth), ...hidden];
}

async function runInner(
  settings: Settings,
  stack: ResolvedStack,
  log: DeployLog,
  options: RunOptions,
  report: DeployReport,
  connections: Map<string, DockerConnection>,
  locks: LockHandle[],
  heldLocks: Map<LockHandle, { endpoint: string; id: string }>,
): Promise<void> {
  const mode = settings.mode;
  if (mode !== 'plan' && mode !== 'deploy' && mode !== 'destroy') throw new Error(`mode '${mode}' does not talk to Docker`);
  const strategy = (settings as { placement?: PlacementStrategy }).placement ?? 'spread';
  const refs = stack.resources.map((r) => ({ name: r.name, endpointRef: endpointRefOf(r) }));

  // Endpoints in play: every placed one, plus the whole default pool (prune finds leftovers there).
  const first = placeResources(refs, settings, { strategy });
  if ('error' in first) throw new Error(first.error);
  const targets = new Map<string, EndpointTarget>();
  for (const t of first.values()) targets.set(t.name, t);
  for (const t of defaultPool(settings)) targets.set(t.name, t);
  for (const t of targets.values()) {
    const w = plainTcpWarning(t);
    if (w) {
      report.warnings.push(w);
      log.warning(w);
    }
  }
  // One endpoint per engine (by its /info identity): two names of one engine share one lock.
  // Room beyond max-parallel for lock renewals and report reads.
  const joined = await connectEndpoints([...targets.values()], { timeoutMs: options.connectTimeoutMs, maxConnections: settings.maxParallel + 2 });
  for (const [n, c] of joined.connections) connections.set(n, c);
  for (const note of joined.notes) log.info(note);
  const names = [...joined.connections.keys()];
  const engines = new Map([...connections].map(([n, c]) => [n, c.docker]));

  const images = stack.resources.map((r) => r.properties.image).filter((i): i is string => typeof i === 'string');
  if (mode !== 'plan') {
    // Fixed order: two runs locking several endpoints cannot deadlock each other.
    for (const name of names) {
      const lock = await lockEndpoint(engines.get(name)!, name, settings, images, log, options);
      locks.push(lock);
      heldLocks.set(lock, { endpoint: name, id: lock.id });
      options.onLocks?.([...heldLocks.values()]);
    }
  }

  const observed: ObservedContainer[] = [];
  for (const name of names) observed.push(...(await observeEndpoint(engines.get(name)!, name, settings.stackName)));

  if (mode === 'destroy') {
    const steps = destroySteps(stack, observed);
    report.plan = planToOutput(steps);
    const exec = await executePlan(steps, { ...execBase(settings, engines, log, options), rollback: false });
    report.changed = exec.changed;
    report.error = exec.error;
    for (const s of steps) report.resources[s.resource] = await resourceReport(engines, s, exec.outcomes.get(s.resource));
    return;
  }

  const current: Record<string, string> = {};
  for (const o of observed) current[o.resource] ??= o.endpoint;
  const placed = placeResources(refs, settings, { strategy, current, aliases: joined.aliases });
  if ('error' in placed) throw new Error(placed.error);
  for (const t of placed.values()) {
    if (!engines.has(t.name)) throw new Error(`endpoint '${t.name}' was not connected`);
  }

  // Runtime references: against the containers that exist now; pending ones get a placeholder.
  const byResource = new Map(observed.map((o) => [o.resource, o]));
  const planSources = await sourcesFor(stack.resources.flatMap((r) => runtimeRefs(r.properties)), engines, byResource, new Map());
  const planRuntime = runtimeFor(planSources, (name, attr) => (attr ? `<${name}.${attr}>` : `<${name}>`));

  // Each image once per endpoint, all endpoints at once (pulls are the slow part of a first deploy).
  const imageIds = new Map<string, string>();
  const wanted = new Map<string, { ep: string; image: string; resource: string }>();
  for (const r of stack.resources) {
    const ep = placed.get(r.name)!.name;
    const image = imageOf(r, planRuntime);
    if (!wanted.has(imageKey(ep, image))) wanted.set(imageKey(ep, image), { ep, image, resource: r.name });
  }
  const pulled = await Promise.allSettled(
    [...wanted].map(async ([key, { ep, image, resource }]) => {
      const docker = engines.get(ep)!;
      const id =
        mode === 'plan'
          ? await localImageId(docker, image)
          : (await ensureImage(docker, image, settings.pull, settings.registryAuth, log, { endpoint: ep, resource })).imageId;
      if (id) imageIds.set(key, id);
    }),
  );
  const imageErrors = pulled.flatMap((p) => (p.status === 'rejected' ? [(p.reason as Error).message] : []));
  if (imageErrors.length) throw new Error(imageErrors.join('\n'));
  const ctx = { stackName: settings.stackName, placement: placed, imageIds, revision: settings.revision, template: settings.template };
  const pending = new Set(stack.resources.filter((r) => !byResource.has(r.name)).map((r) => r.name));
  const desired = stack.resources.map((r) => buildPlannedDesired(r, { ...ctx, runtime: planRuntime }, pending));
  addContainerReferences(desired);
  const steps = planStack(desired, observed, { prune: settings.prune });
  report.plan = planToOutput(steps);
  log.info(formatPlan(steps));

  let outcomes = new Map<string, StepOutcome>();
  if (mode === 'plan') {
    report.changed = steps.some((s) => s.action !== 'unchanged');
  } else {
    const resources = new Map(stack.resources.map((r) => [r.name, r]));
    const exec = await executePlan(steps, {
      ...execBase(settings, engines, log, options),
      finalize: async (step, done) => {
        const res = resources.get(step.resource);
        const refsOf = res ? runtimeRefs(res.properties) : [];
        if (!res || refsOf.length === 0) return step;
        // The referenced containers as they are now: a dependency replaced in this run has a new id
        // and maybe a new address, which only the planner may turn into a replace of this one.
        const sources = await sourcesFor(refsOf, engines, byResource, done);
        const d = buildDesired(res, { ...ctx, runtime: runtimeFor(sources) });
        if (d.configHash === step.desired?.configHash) return { ...step, desired: d };
        const again = planStack([d], step.observed ? [step.observed] : [], { prune: false }).find((s) => s.action !== 'remove');
        return again ? { ...again, dependsOn: step.dependsOn } : step;
      },
    });
    steps.splice(0, steps.length, ...exec.steps);
    report.plan = planToOutput(steps);
    outcomes = exec.outcomes;
    report.changed = exec.changed;
    report.rolledBack = exec.rolledBack;
    report.error = exec.error;
  }
  for (const s of steps) {
    // A moved resource has a create here and a remove there: the report shows where it runs.
    if (s.action === 'remove' && report.resources[s.resource]) continue;
    report.resources[s.resource] = await resourceReport(engines, s, outcomes.get(s.resource), mode === 'plan');
  }
  if (report.error) return;

  // Outputs against the real containers (plan: the ones that exist now).
  const finalIds = new Map<string, ObservedContainer>();
  for (const [name, r] of Object.entries(report.resources)) {
    if (r.container_id && r.state !== 'removed') finalIds.set(name, { ...byResource.get(name)!, id: r.container_id, endpoint: r.endpoint });
  }
  const outRefs = Object.values(stack.outputs).flatMap((o) => runtimeRefs(o.value));
  const outSources = await sourcesFor(outRefs, engines, finalIds, new Map());
  const outRuntime = runtimeFor(outSources, () => null);
  for (const [name, out] of Object.entries(stack.outputs)) {
    try {
      report.outputs[name] = evaluateRuntime(out.value, outRuntime);
    } catch (err) {
      report.outputs[name] = null;
      const w = `output '${name}': ${(err as Error).message}`;
      report.warnings.push(w);
      log.warning(w);
    }
  }
}

function execBase(settings: Settings, engines: Map<string, DockerApi>, log: DeployLog, options: RunOptions) {
  return {
    stackName: settings.stackName,
    engines,
    waitTimeout: settings.waitTimeout,
    maxParallel: settings.maxParallel,
    rollback: settings.rollback,
    pull: settings.pull,
    registryAuth: settings.registryAuth,
    log,
    stopTimeoutSeconds: options.stopTimeoutSeconds,
    stableMs: options.stableMs,
    signal: options.signal,
    onJournal: options.onJournal,
  };
}

async function lockEndpoint(docker: DockerApi, endpoint: string, settings: Settings, images: string[], log: DeployLog, options: RunOptions): Promise<LockHandle> {
  const opts = {
    stackName: settings.stackName,
    endpoint,
    runId: settings.runId,
    timeoutSeconds: settings.lockTimeout,
    ttlSeconds: options.lockTtlSeconds,
    images,
    log,
  };
  try {
    return await acquireLock(docker, opts);
  } catch (err) {
    // A brand-new engine has no image to make the lock container from: bring the first one.
    if (!/has no image to hold/.test((err as Error).message) || images.length === 0 || settings.mode !== 'deploy') throw err;
    await ensureImage(docker, images[0], settings.pull, settings.registryAuth, log, { endpoint });
    return acquireLock(docker, opts);
  }
}

/** Remove steps for destroy: a resource goes after every resource that depends on it. */
function destroySteps(stack: ResolvedStack, observed: ObservedContainer[]): PlanStep[] {
  const policy = new Map(stack.resources.map((r) => [r.name, r.deletionPolicy]));
  const dependents = (name: string): string[] => stack.resources.filter((r) => r.dependsOn.includes(name)).map((r) => r.name);
  return observed.map((o) => ({
    resource: o.resource,
    endpoint: o.endpoint,
    action: 'remove' as const,
    reasons: [(policy.get(o.resource) ?? o.labels[LABEL_DELETION_POLICY]) === 'Retain' ? 'destroy (deletion_policy Retain: kept)' : 'destroy'],
    observed: { ...o, labels: { ...o.labels, [LABEL_DELETION_POLICY]: policy.get(o.resource) ?? o.labels[LABEL_DELETION_POLICY] ?? 'Delete' } },
    dependsOn: dependents(o.resource),
  }));
}

/** Runtime reference sources: a container this run made wins over the one observed before it. */
function sourcesFor(
  refs: { resource: string; attr?: string }[],
  engines: Map<string, DockerApi>,
  known: ReadonlyMap<string, ObservedContainer>,
  outcomes: ReadonlyMap<string, StepOutcome>,
): Promise<Map<string, AttributeSource>> {
  return loadSources(refs, (name) => {
    const out = outcomes.get(name);
    const id = out ? out.containerId : known.get(name)?.id;
    const docker = engines.get(out?.endpoint ?? known.get(name)?.endpoint ?? '');
    return id && docker ? { docker, id } : undefined;
  });
}

/** The `resources` output entry of one step, from the container as it is now. */
async function resourceReport(engines: Map<string, DockerApi>, step: PlanStep, outcome: StepOutcome | undefined, planOnly = false): Promise<ResourceReport> {
  const id = outcome ? outcome.containerId : step.observed?.id;
  const base: ResourceReport = {
    endpoint: step.endpoint,
    container_id: id ?? '',
    container_name: step.desired?.name ?? step.observed?.name ?? '',
    image: step.desired?.image ?? step.observed?.image ?? '',
    image_id: step.desired?.imageId ?? step.observed?.imageId ?? '',
    action: step.action,
    state: planOnly ? (step.observed?.state ?? 'absent') : outcome ? 'removed' : (step.observed?.state ?? 'absent'),
    ports: [],
    ...(outcome ? { seconds: outcome.seconds } : {}),
  };
  if (!id) return base;
  try {
    const info = await engines.get(step.endpoint)!.inspectContainer(id);
    return {
      ...base,
      container_name: info.Name.replace(/^\//, ''),
      image: info.Config.Image,
      image_id: info.Image,
      state: info.State.Status,
      ports: formatPorts(info.NetworkSettings?.Ports as Record<string, { HostIp?: string; HostPort?: string }[] | null>),
    };
  } catch {
    return { ...base, state: 'removed' };
  }
}
