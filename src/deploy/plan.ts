/**
 * The plan: desired containers against observed ones, as steps with causes. Pure. Each resource
 * is judged on its own spec: a dependency being created or replaced does not cascade, because a
 * dependent whose resolved body is unchanged needs nothing (and one whose body did change, say
 * through a get_attr of the new container, shows it in its own hash).
 */
import { changedFields } from './hash.js';
import type { DesiredContainer, ObservedContainer, PlanAction, PlanOutputEntry, PlanStep } from './types.js';
import { LABEL_CONFIG_FIELDS, LABEL_DELETION_POLICY } from '../spec/labels.js';

/** Options of planStack. */
export interface PlanOptions {
  /** Remove the stack's containers whose resource left the template. */
  prune: boolean;
}

/** States in which a container needs nothing to be "up". */
const UP_STATES = ['running', 'restarting'];

/** The observed container a desired one is matched to: its name first, then a running one. */
function pickPrimary(d: DesiredContainer, here: ObservedContainer[]): ObservedContainer {
  return here.find((o) => o.name === d.name) ?? here.find((o) => UP_STATES.includes(o.state)) ?? here[0];
}

/** Why an existing container must be replaced; empty when it matches. */
function replaceReasons(d: DesiredContainer, o: ObservedContainer): string[] {
  const reasons: string[] = [];
  if (o.configHash !== d.configHash) {
    const fields = changedFields(d.body, o.labels[LABEL_CONFIG_FIELDS]);
    if (fields && fields.length > 0) reasons.push(...fields.map((f) => `${f} changed`));
    else reasons.push('configuration changed');
  }
  if (o.name !== d.name) reasons.push('name changed');
  // Same reference, different image: a moved tag (pull: always) or a rebuilt local image.
  if (d.imageId && o.imageId && d.imageId !== o.imageId && !reasons.includes('image changed')) reasons.push('image updated');
  if (o.state === 'dead') reasons.push('container dead');
  return reasons;
}

/** Start reason for a container whose spec matches but that is not up; undefined when it is. */
function startReason(o: ObservedContainer): string | undefined {
  if (UP_STATES.includes(o.state)) return undefined;
  if (o.state === 'exited') return 'container exited';
  if (o.state === 'paused') return 'container paused';
  return 'container not running';
}

function step(action: PlanAction, resource: string, endpoint: string, reasons: string[], extra: Partial<PlanStep> = {}): PlanStep {
  return { resource, endpoint, action, reasons, dependsOn: [], ...extra };
}

/**
 * Steps for every desired resource (template order) and, after them, removals. A resource found
 * on another endpoint than its desired one is created here and removed there (the removal listed
 * after the creation, so it is only done once the new one stands). Extra containers of the same
 * resource on its endpoint (left by an interrupted run) are removed. Containers of resources that
 * left the template are removed only with `prune`, and never when their deletion policy is Retain.
 */
export function planStack(desired: DesiredContainer[], observed: ObservedContainer[], options: PlanOptions): PlanStep[] {
  const steps: PlanStep[] = [];
  const removals: PlanStep[] = [];
  const byResource = new Map<string, ObservedContainer[]>();
  for (const o of observed) {
    if (o.resource === '') continue;
    byResource.set(o.resource, [...(byResource.get(o.resource) ?? []), o]);
  }

  for (const d of desired) {
    const endpoint = d.endpoint.name;
    const mine = byResource.get(d.resource) ?? [];
    const here = mine.filter((o) => o.endpoint === endpoint);
    const elsewhere = mine.filter((o) => o.endpoint !== endpoint);
    const base = { desired: d, dependsOn: [...d.dependsOn] };
    for (const o of elsewhere) {
      removals.push(step('remove', d.resource, o.endpoint, [`moved to ${endpoint}`], { observed: o }));
    }
    if (here.length === 0) {
      const from = [...new Set(elsewhere.map((o) => o.endpoint))];
      steps.push(step('create', d.resource, endpoint, from.length > 0 ? [`moved from ${from.join(', ')}`] : ['new'], base));
      continue;
    }
    const primary = pickPrimary(d, here);
    for (const o of here) {
      if (o !== primary) removals.push(step('remove', d.resource, endpoint, [`duplicate container ${o.name}`], { observed: o }));
    }
    const reasons = replaceReasons(d, primary);
    const started = startReason(primary);
    const withObserved = { ...base, observed: primary };
    if (reasons.length > 0) steps.push(step('replace', d.resource, endpoint, reasons, withObserved));
    else if (started) steps.push(step('start', d.resource, endpoint, [started], withObserved));
    else steps.push(step('unchanged', d.resource, endpoint, [], withObserved));
  }

  const wanted = new Set(desired.map((d) => d.resource));
  const gone = observed
    .filter((o) => o.resource !== '' && !wanted.has(o.resource))
    .sort((a, b) => a.resource.localeCompare(b.resource) || a.endpoint.localeCompare(b.endpoint) || a.name.localeCompare(b.name));
  if (options.prune) {
    for (const o of gone) {
      if (o.labels[LABEL_DELETION_POLICY] === 'Retain') continue;
      removals.push(step('remove', o.resource, o.endpoint, ['left the template'], { observed: o }));
    }
  }
  return [...steps, ...removals];
}

/** The `plan` output: one entry per step, without the containers' details. */
export function planToOutput(steps: PlanStep[]): PlanOutputEntry[] {
  return steps.map((s) => ({ resource: s.resource, endpoint: s.endpoint, action: s.action, reasons: [...s.reasons] }));
}

/** True when carrying out the plan would change anything on an endpoint. */
export function planChanges(steps: PlanStep[]): boolean {
  return steps.some((s) => s.action !== 'unchanged');
}
