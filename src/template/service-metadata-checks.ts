/**
 * A resource's Swarm service knobs, `metadata.hotdock` `replicas`, `publish` and `update`, checked
 * when the template is validated, with the line of the problem: the same reader the Swarm run uses
 * (spec/service-options.ts), so validate and deploy never disagree. Under `target: swarm` a problem
 * is an error; under `target: containers` the knobs are unused, and a problem is a warning (a typo
 * there would otherwise only surface on the day the stack moves to Swarm). Pure.
 */
import type { Diagnostic } from '../diagnostics.js';
import type { Target } from '../settings.js';
import { MetadataError, serviceOptionsOf } from '../spec/service-options.js';
import { diagnosticAt } from './diagnostic-factory.js';
import { childPointer, type LoadedTemplate, type ResolvedStack } from './types.js';

/** Diagnostics of every resource's `metadata.hotdock` service knobs. */
export function checkServiceMetadata(tpl: LoadedTemplate, stack: ResolvedStack, target: Target = 'containers'): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const res of stack.resources) {
    // hotdock that is no mapping at all is placement-checks.ts's error.
    const h = res.metadata?.hotdock;
    if (h === undefined || h === null || typeof h !== 'object' || Array.isArray(h)) continue;
    try {
      // The monitor window's default plays no part in what is valid.
      serviceOptionsOf(res.metadata!, 0);
    } catch (err) {
      if (!(err instanceof MetadataError)) throw err;
      const ptr = childPointer(res.pointer, 'metadata', 'hotdock', ...(err.key ? err.key.split('.') : []));
      const unused = target === 'swarm' ? '' : ' (used with target swarm)';
      out.push(
        diagnosticAt(tpl, ptr, 'invalid-service-metadata', `resource '${res.name}': ${err.message}${unused}`, target === 'swarm' ? 'error' : 'warning', /unknown key/.test(err.message) ? 'key' : 'value'),
      );
    }
  }
  return out;
}
