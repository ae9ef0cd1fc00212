/**
 * The Swarm half of the in-memory engine (FakeDocker.swarm): services with versions, their tasks,
 * and rolling updates that finish at once — `completed`, or `rollback_completed` for a spec the
 * test marks as failing (its tasks "crash" within the monitor window and Swarm restores the
 * previous spec, as a real manager with failure action rollback does). Unit tests only.
 */
import type { ServiceDetails, TaskDetails } from '../../src/engine/docker-api.js';

/** An engine error as dockerode makes it: message plus statusCode. */
class SwarmError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(`(HTTP code ${statusCode}) ${message}`);
  }
}

interface FakeService {
  ID: string;
  Version: { Index: number };
  Spec: Record<string, unknown> & { Name: string; Labels?: Record<string, string> };
  PreviousSpec?: FakeService['Spec'];
  UpdateStatus?: ServiceDetails['UpdateStatus'];
}

let counter = 0;
let clock = Date.parse('2026-01-01T00:00:00Z');
const stamp = (): string => new Date((clock += 1000)).toISOString();

/** Services and tasks of one fake manager. */
export class FakeSwarm {
  /** False (the default): the engine is no swarm manager (service calls answer 503). */
  active = false;
  readonly services = new Map<string, FakeService>();
  readonly tasks: TaskDetails[] = [];
  /** Specs whose tasks fail: an update to one is rolled back; a created one never runs. */
  failing: (spec: Record<string, unknown>) => boolean = () => false;

  /** The service named `name`, if any. */
  byName(name: string): FakeService | undefined {
    for (const s of this.services.values()) if (s.Spec.Name === name) return s;
    return undefined;
  }

  private need(id: string): FakeService {
    if (!this.active) throw new SwarmError(503, 'This node is not a swarm manager.');
    const s = this.services.get(id) ?? this.byName(id);
    if (!s) throw new SwarmError(404, `service ${id} not found`);
    return s;
  }

  /** Replaces the service's running tasks with tasks of its current spec. */
  private schedule(s: FakeService): void {
    for (const t of this.tasks) if (t.ServiceID === s.ID && t.DesiredState === 'running') t.DesiredState = 'shutdown';
    const replicas = (s.Spec.Mode as { Replicated?: { Replicas?: number } } | undefined)?.Replicated?.Replicas ?? 1;
    const task = s.Spec.TaskTemplate as { ContainerSpec?: { Image?: string; Labels?: Record<string, string> } };
    const failed = this.failing(s.Spec);
    for (let slot = 1; slot <= replicas; slot++) {
      this.tasks.push({
        ID: `task${++counter}`,
        ServiceID: s.ID,
        Slot: slot,
        DesiredState: 'running',
        Status: failed ? { State: 'failed', Err: 'task: non-zero exit (1)', Timestamp: stamp() } : { State: 'running', Timestamp: stamp() },
        Spec: { ContainerSpec: structuredClone(task.ContainerSpec ?? {}) },
      });
    }
  }

  /** The DockerApi service methods; `enter` records the call (and injects faults). */
  methods(enter: (op: 'listServices' | 'inspectService' | 'createService' | 'updateService' | 'rollbackService' | 'removeService' | 'listTasks', args: unknown[]) => Promise<void>) {
    const view = (s: FakeService): ServiceDetails => structuredClone({ ID: s.ID, Version: s.Version, Spec: s.Spec, UpdateStatus: s.UpdateStatus });
    return {
      listServices: async (o: { labels?: string[] }): Promise<ServiceDetails[]> => {
        await enter('listServices', [o]);
        if (!this.active) throw new SwarmError(503, 'This node is not a swarm manager.');
        return [...this.services.values()]
          .filter((s) => (o.labels ?? []).every((f) => {
            const [k, v] = f.split('=');
            return v === undefined ? k in (s.Spec.Labels ?? {}) : s.Spec.Labels?.[k] === v;
          }))
          .map(view);
      },
      inspectService: async (id: string): Promise<ServiceDetails> => {
        await enter('inspectService', [id]);
        return view(this.need(id));
      },
      createService: async (spec: Record<string, unknown>, authHeader?: string): Promise<{ id: string }> => {
        await enter('createService', [spec, authHeader]);
        if (!this.active) throw new SwarmError(503, 'This node is not a swarm manager.');
        if (this.byName(String(spec.Name))) throw new SwarmError(409, `rpc error: code = AlreadyExists desc = name conflicts with an existing object`);
        const s: FakeService = { ID: `svc${++counter}`, Version: { Index: counter }, Spec: structuredClone(spec) as FakeService['Spec'] };
        this.services.set(s.ID, s);
        this.schedule(s);
        return { id: s.ID };
      },
      updateService: async (id: string, version: number, spec: Record<string, unknown>, authHeader?: string): Promise<void> => {
        await enter('updateService', [id, version, spec, authHeader]);
        const s = this.need(id);
        if (version !== s.Version.Index) throw new SwarmError(500, 'rpc error: code = Unknown desc = update out of sequence');
        s.PreviousSpec = s.Spec;
        s.Spec = structuredClone(spec) as FakeService['Spec'];
        s.Version.Index = ++counter;
        const rollsBack = this.failing(s.Spec) && (s.Spec.UpdateConfig as { FailureAction?: string } | undefined)?.FailureAction === 'rollback';
        if (rollsBack) {
          s.Spec = s.PreviousSpec;
          s.UpdateStatus = { State: 'rollback_completed', StartedAt: stamp(), Message: 'rollback completed' };
          return;
        }
        s.UpdateStatus = { State: 'completed', StartedAt: stamp(), Message: 'update completed' };
        this.schedule(s);
      },
      rollbackService: async (id: string, version: number): Promise<void> => {
        await enter('rollbackService', [id, version]);
        const s = this.need(id);
        if (!s.PreviousSpec) throw new SwarmError(500, 'rpc error: code = FailedPrecondition desc = service has no previous spec');
        if (version !== s.Version.Index) throw new SwarmError(500, 'rpc error: code = Unknown desc = update out of sequence');
        [s.Spec, s.PreviousSpec] = [s.PreviousSpec, undefined];
        s.Version.Index = ++counter;
        s.UpdateStatus = { State: 'rollback_completed', StartedAt: stamp(), Message: 'rollback completed' };
        this.schedule(s);
      },
      removeService: async (id: string): Promise<void> => {
        await enter('removeService', [id]);
        const s = this.need(id);
        this.services.delete(s.ID);
        for (let i = this.tasks.length - 1; i >= 0; i--) if (this.tasks[i].ServiceID === s.ID) this.tasks.splice(i, 1);
      },
      listTasks: async (o: { service: string }): Promise<TaskDetails[]> => {
        await enter('listTasks', [o]);
        const s = this.need(o.service);
        return structuredClone(this.tasks.filter((t) => t.ServiceID === s.ID));
      },
    };
  }
}
