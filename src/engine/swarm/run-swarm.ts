/**
 * The Swarm target of a run (`target: swarm`): after connect and lock, the stack's resources are
 * services on one swarm manager. observe → plan → execute → report, as for containers: services
 * created or updated in dependency order (each waits until its dependencies converged), Swarm
 * doing the rolling update and, when an update fails, the rollback; then the services whose
 * resource left the template are removed. Plan mode changes nothing; destroy removes the services.
 */
import type { DockerApi } from '../docker-api.js';
import type { Settings } from '../../settings.js';
import type { ResolvedResource, ResolvedStack } from '../../template/types.js';
import type { DeployLog, DeployReport, ResourceReport } from '../../deploy/types.js';
import { buildDesiredService, collapseGroups, planServices, servicePlanLines, type DesiredService, type ServicePlanEntry } from '../../deploy/service-plan.js';
import { actionOf } from '../../deploy/plan.js';
import { formatPlan } from '../../deploy/plan-text.js';
import { evaluateRuntime, type RuntimeValues } from '../../template/resolve.js';
import { serviceNameFor } from '../../spec/service-spec.js';
import { credentialsFor, registryAuthHeader, registryHost } from '../../spec/registry-auth.js';
import { observeServices } from './observe.js';
import { waitConverged } from './converge.js';
import { SwarmRolledBackError } from './errors.js';

/** The manager a Swarm run talks to. */
export interface SwarmManager {
  /** Endpoint display name. */
  endpoint: string;
  docker: DockerApi;
}

/** Fails unless the engine is an active swarm manager. */
async function assertManager(m: SwarmManager): Promise<void> {
  const info = await m.docker.info();
  const state = info.Swarm?.LocalNodeState ?? 'inactive';
  if (state !== 'active' || info.Swarm?.ControlAvailable !== true) {
    throw new Error(
      `endpoint '${m.endpoint}' is not a swarm manager (swarm state: ${state}${state === 'active' ? ', a worker' : ''}): ` +
        "target 'swarm' needs a manager's endpoint (docker swarm init there), or use target 'containers'",
    );
  }
}

/** get_resource of another resource is its service name (its DNS name on a shared network); get_attr has no service meaning. */
function serviceRuntime(stackName: string, stack: ResolvedStack): RuntimeValues {
  // A member of a group that became one service answers with the group's service.
  const services = new Set(collapseGroups(stack.resources).map((c) => c.resource.name));
  const groupOf = (name: string): string =>
    services.has(name) ? name : ((stack.resources.find((r) => r.name === name) as { group?: { name: string } } | undefined)?.group?.name ?? name);
  return {
    resourceId: (name) => serviceNameFor(stackName, groupOf(name)),
    attribute: (name, attr) => {
      throw new Error(`get_attr ${name}.${attr} is not available with target swarm (get_resource gives the service name)`);
    },
  };
}

/** The desired services of the stack, deploy-time references completed. */
function desiredServices(settings: Settings, stack: ResolvedStack): DesiredService[] {
  const runtime = serviceRuntime(settings.stackName, stack);
  const ctx = { stackName: settings.stackName, stableSeconds: settings.stableSeconds, revision: settings.revision, template: settings.template };
  return collapseGroups(stack.resources).map(({ resource: r, replicas }) => {
    let resolved: ResolvedResource;
    try {
      resolved = { ...r, properties: evaluateRuntime(r.properties, runtime) as Record<string, unknown> };
    } catch (err) {
      throw new Error(`resource '${r.name}': ${(err as Error).message}`, { cause: err });
    }
    return buildDesiredService(resolved, ctx, replicas);
  });
}

/** The pre-encoded X-Registry-Auth for a service's image: the nodes pull with it. */
function authFor(settings: Settings, image: string): string | undefined {
  const registry = registryHost(image);
  const creds = credentialsFor(registry, settings.registryAuth);
  return creds ? registryAuthHeader(creds, registry) : undefined;
}

/** Seconds a service may take: the wait, plus Swarm's monitor window and delay for each batch. */
function timeoutMs(settings: Settings, d: DesiredService): number {
  const update = d.spec.UpdateConfig as { Parallelism: number; Delay: number; Monitor: number };
  const batches = update.Parallelism > 0 ? Math.ceil(d.replicas / update.Parallelism) : 1;
  return (settings.waitTimeout + settings.stableSeconds) * 1000 + batches * (update.Monitor + update.Delay) / 1e6;
}

/** Carries out one create or update and waits until the service converged. */
async function apply(m: SwarmManager, e: ServicePlanEntry, settings: Settings, log: DeployLog, onCreated: (id: string) => void, signal?: AbortSignal): Promise<void> {
  const d = e.desired!;
  const auth = authFor(settings, String((d.spec.TaskTemplate as { ContainerSpec: { Image: string } }).ContainerSpec.Image));
  let id: string;
  let before: string | undefined;
  if (e.action === 'create') {
    log.progress(e.resource, `creating service '${d.name}' (${d.replicas} replicas)`);
    id = (await m.docker.createService(d.spec, auth)).id;
    onCreated(id);
  } else {
    // The version and update status now, not as observed: the update names the spec it replaces.
    const now = await m.docker.inspectService(e.observed!.id);
    id = now.ID;
    before = now.UpdateStatus?.StartedAt;
    log.progress(e.resource, `updating service '${d.name}': ${e.reasons.join(', ')}`);
    await m.docker.updateService(id, now.Version?.Index ?? e.observed!.version, d.spec, auth);
  }
  await waitConverged(
    m.docker,
    { id, name: d.name, resource: d.resource, replicas: d.replicas, taskHash: d.taskHash, updateStartedBefore: before },
    { timeoutMs: timeoutMs(settings, d), stableMs: settings.stableSeconds * 1000, signal },
  );
  log.progress(e.resource, `service '${d.name}' converged: ${d.replicas}/${d.replicas} running`);
}

/** Asks Swarm to roll a service back to its previous spec and waits until it says it did. */
async function rollBack(m: SwarmManager, u: { resource: string; id: string }, settings: Settings): Promise<void> {
  const now = await m.docker.inspectService(u.id);
  const before = now.UpdateStatus?.StartedAt;
  await m.docker.rollbackService(u.id, now.Version?.Index ?? 0, now.Spec ?? {});
  const deadline = Date.now() + (settings.waitTimeout + settings.stableSeconds) * 1000;
  for (;;) {
    const status = (await m.docker.inspectService(u.id)).UpdateStatus;
    if (status?.StartedAt !== before && status?.State === 'rollback_completed') return;
    if (status?.StartedAt !== before && status?.State === 'rollback_paused') throw new Error(`Swarm paused the rollback: ${status.Message ?? ''}`);
    if (Date.now() >= deadline) throw new Error(`the rollback did not complete within ${settings.waitTimeout + settings.stableSeconds}s`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Creates and updates in dependency order, then prunes; returns the errors (none: success). */
async function execute(m: SwarmManager, plan: ServicePlanEntry[], settings: Settings, log: DeployLog, report: DeployReport, signal?: AbortSignal): Promise<string[]> {
  const done = new Map<string, Promise<boolean>>();
  const errors: string[] = [];
  const created: { resource: string; id: string }[] = [];
  const updated: { resource: string; id: string }[] = [];
  const run = async (e: ServicePlanEntry): Promise<boolean> => {
    const deps = await Promise.all((e.desired?.dependsOn ?? []).map((d) => done.get(d) ?? Promise.resolve(true)));
    if (deps.some((ok) => !ok)) return false;
    if (e.action !== 'create' && e.action !== 'update') return true;
    // A cancelled run starts nothing new.
    if (signal?.aborted) return false;
    try {
      await apply(m, e, settings, log, (id) => created.push({ resource: e.resource, id }), signal);
      if (e.action === 'update') updated.push({ resource: e.resource, id: e.observed!.id });
      report.changed = true;
      return true;
    } catch (err) {
      if (e.action === 'create') report.changed = true;
      if (err instanceof SwarmRolledBackError) {
        report.rolledBack.push(e.resource);
        report.changed = true;
      }
      errors.push((err as Error).message);
      return false;
    }
  };
  // Every entry's promise exists before any awaits one: dependencies may come later in the plan.
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  for (const e of plan) done.set(e.resource, gate.then(() => run(e)));
  release();
  await Promise.all(done.values());
  if (errors.length) {
    // The services this run created go again, as new containers of a failed deploy do.
    if (settings.rollback) {
      for (const c of created) {
        log.progress(c.resource, 'removing the service this run created (rollback)');
        await m.docker.removeService(c.id).catch((err: Error) => log.warning(`resource '${c.resource}': removing its new service failed: ${err.message}`));
      }
      // The services this run updated go back to the spec they had, as replaced containers come back.
      for (const u of updated) {
        try {
          await rollBack(m, u, settings);
          report.rolledBack.push(u.resource);
        } catch (err) {
          log.warning(`resource '${u.resource}': rolling its service back failed: ${(err as Error).message}`);
        }
      }
    }
    return errors;
  }
  for (const e of plan.filter((x) => x.action === 'remove')) {
    log.progress(e.resource, `removing service '${e.service}': ${e.reasons.join(', ')}`);
    try {
      await m.docker.removeService(e.observed!.id);
      report.changed = true;
    } catch (err) {
      errors.push(`resource '${e.resource}': removing service '${e.service}' failed: ${(err as Error).message}`);
    }
  }
  return errors;
}

/** The `resources` output entry of a service, as it is now. */
async function resourceReport(m: SwarmManager, e: ServicePlanEntry, planOnly: boolean): Promise<ResourceReport> {
  const id = e.observed?.id;
  // By name: Swarm resolves it, and a removed service answers 404.
  const found = await m.docker.inspectService(e.service).catch(() => undefined);
  const ports = (found?.Endpoint?.Ports ?? []).map((p) => `0.0.0.0:${p.PublishedPort ?? ''}->${p.TargetPort}/${p.Protocol ?? 'tcp'}`);
  const image = (found?.Spec?.TaskTemplate as { ContainerSpec?: { Image?: string } } | undefined)?.ContainerSpec?.Image;
  return {
    endpoint: m.endpoint,
    container_id: found?.ID ?? (planOnly ? (id ?? '') : ''),
    container_name: e.service,
    image: image ?? e.observed?.image ?? String((e.desired?.spec.TaskTemplate as { ContainerSpec?: { Image?: string } } | undefined)?.ContainerSpec?.Image ?? ''),
    image_id: '',
    action: actionOf(servicePlanLines([e], m.endpoint)[0].type) ?? 'unchanged',
    state: found ? 'running' : e.observed && planOnly ? 'running' : 'absent',
    ports,
  };
}

/** The template's outputs: get_resource gives service names; values that need get_attr are left out with a warning. */
function outputsOf(stack: ResolvedStack, settings: Settings, report: DeployReport, log: DeployLog): void {
  const runtime = serviceRuntime(settings.stackName, stack);
  for (const [name, o] of Object.entries(stack.outputs)) {
    try {
      report.outputs[name] = evaluateRuntime(o.value, runtime);
    } catch (err) {
      const w = `output '${name}': ${(err as Error).message}`;
      report.warnings.push(w);
      log.warning(w);
      report.outputs[name] = null;
    }
  }
}

/** Runs settings.mode on the manager, filling `report`; failures become report.error (joined). */
export async function runSwarm(m: SwarmManager, settings: Settings, stack: ResolvedStack, log: DeployLog, report: DeployReport, signal?: AbortSignal): Promise<void> {
  await assertManager(m);
  for (const r of stack.resources) {
    if (r.properties.docker_endpoint !== undefined && r.properties.docker_endpoint !== null) {
      const w = `resource '${r.name}': docker_endpoint is ignored with target swarm (Swarm places the tasks)`;
      report.warnings.push(w);
      log.warning(w);
    }
  }
  const observed = await observeServices(m.docker, settings.stackName);
  const desired = settings.mode === 'destroy' ? [] : desiredServices(settings, stack);
  // Destroy: every service of the stack goes (prune of everything), Retain kept.
  const plan = planServices(desired, observed, { prune: settings.prune || settings.mode === 'destroy' });
  const lines = servicePlanLines(plan, m.endpoint);
  report.planGraph = lines;
  report.plan = lines.flatMap((l) => {
    const action = actionOf(l.type);
    return action ? [{ resource: l.resource, endpoint: l.endpoint, action, reasons: [...l.reasons] }] : [];
  });
  log.info(formatPlan(lines));
  if (settings.mode === 'plan') {
    report.changed = plan.some((e) => e.action !== 'unchanged' && e.action !== 'retain');
  } else {
    const errors = await execute(m, plan, settings, log, report, signal);
    // Thrown, so the run reports it as cancelled (run.ts), with what failed on the way.
    if (signal?.aborted) throw new Error(['the run was cancelled', ...errors.filter((e) => !e.includes('the run was cancelled'))].join('\n'));
    if (errors.length) report.error = errors.join('\n');
  }
  for (const e of plan) {
    if (settings.mode === 'destroy' && e.action === 'remove') continue;
    report.resources[e.resource] = await resourceReport(m, e, settings.mode === 'plan');
  }
  if (!report.error && settings.mode !== 'destroy') outputsOf(stack, settings, report, log);
}
