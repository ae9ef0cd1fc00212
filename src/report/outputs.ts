/**
 * The step's outputs (result, changed, resources, outputs, plan), and the CLI's --json document.
 * Always all five, so a later step's `fromJSON(steps.x.outputs.plan)` works even when validation
 * failed. Pure: main.ts hands them to core.setOutput.
 */
import type { DeployReport } from '../deploy/types.js';
import { redactValue } from './mask.js';

/** The five outputs as the strings GITHUB_OUTPUT receives. */
export interface OutputValues {
  result: 'success' | 'failure';
  changed: 'true' | 'false';
  resources: string;
  outputs: string;
  plan: string;
}

/**
 * Pure: outputs for a run. Without a report (validate mode, template errors) nothing changed;
 * `failed` marks a failure that happened outside the report. Hidden values are masked in `outputs`:
 * the runner drops an output that contains a registered secret, which would lose the whole JSON.
 */
export function outputValues(report: DeployReport | undefined, failed: boolean, secrets: readonly string[] = []): OutputValues {
  const strip = ({ seconds: _seconds, ...rest }: { seconds?: number } & Record<string, unknown>) => rest;
  const resources = report ? Object.fromEntries(Object.entries(report.resources).map(([k, v]) => [k, strip({ ...v })])) : {};
  return {
    result: failed || report?.result === 'failure' ? 'failure' : 'success',
    changed: report?.changed ? 'true' : 'false',
    resources: JSON.stringify(resources),
    outputs: JSON.stringify(redactValue(report?.outputs ?? {}, [...secrets])),
    plan: JSON.stringify(report?.plan ?? []),
  };
}
