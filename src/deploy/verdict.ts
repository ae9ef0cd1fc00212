/** What a resource's observed container needs, judged against its desired one. Pure. */
import { changedFields } from './hash.js';
import type { DesiredContainer, ObservedContainer } from './types.js';
import { LABEL_CONFIG_FIELDS } from '../spec/labels.js';

/** States in which a container needs nothing to be "up". */
export const UP_STATES: readonly string[] = ['running', 'restarting'];

/** Why an existing container must be replaced; empty when it matches. */
export function replaceReasons(d: DesiredContainer, o: ObservedContainer): string[] {
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
export function startReason(o: ObservedContainer): string | undefined {
  if (UP_STATES.includes(o.state)) return undefined;
  if (o.state === 'exited') return 'container exited';
  if (o.state === 'paused') return 'container paused';
  return 'container not running';
}

/** `run <id>` of a leftover, for repair reasons. */
export function leftBy(o: ObservedContainer): string {
  return o.run ? `run ${o.run}` : 'an interrupted run';
}
