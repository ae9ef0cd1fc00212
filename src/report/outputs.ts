/**
 * The step's outputs (result, changed, resources, outputs, plan, failure-reason), and the CLI's
 * --json document. Always all of them, so a later step's `fromJSON(steps.x.outputs.plan)` works even when validation
 * failed. Pure: main.ts hands them to core.setOutput.
 */
import type { DeployReport, FailureReason } from '../deploy/types.js';
import { capJson } from './limit.js';
import { redactOutputs, redactValue } from './mask.js';

/** The five outputs as the strings GITHUB_OUTPUT receives. */
export interface OutputValues {
  result: 'success' | 'failure';
  changed: 'true' | 'false';
  resources: string;
  outputs: string;
  plan: string;
  /** '' on success, else why the run failed. */
  'failure-reason': FailureReason | '';
}

/** How outputValues shapes the JSON outputs. */
export interface OutputOptions {
  /** Hidden values and other secrets: masked in every output. */
  secrets?: readonly string[];
  /**
   * Byte cap per output (the action: limit.ts SIZE_LIMIT, GitHub keeps at most 1 MiB; the CLI:
   * none). Each stays valid JSON: long strings keep their tail behind `… N bytes truncated`.
   */
  limit?: number;
  /** Template outputs that read container logs: shortened before any other value. */
  logOutputs?: readonly string[];
  /** Called with the name of each output that had to be cut to fit `limit`. */
  onTruncated?: (output: string) => void;
  /** Why the run failed when it failed outside the report (template errors, a cancel, an exception). */
  failureReason?: FailureReason;
}

/**
 * The `failure-reason` of a run: '' when it succeeded; else the reason given for a failure outside
 * the report, else the report's own, else `internal` (a failure nobody classified is hotdock's).
 */
export function failureReasonOf(report: DeployReport | undefined, failed: boolean, given?: FailureReason): FailureReason | '' {
  if (!failed && report?.result !== 'failure') return '';
  return given ?? report?.failureReason ?? 'internal';
}

/**
 * Pure: outputs for a run. Without a report (validate mode, template errors) nothing changed;
 * `failed` marks a failure that happened outside the report. Hidden values are masked in every
 * output (a container name or a port can come from one): the runner drops an output that holds a
 * registered secret from a job's outputs, and GITHUB_OUTPUT itself is never masked.
 */
export function outputValues(report: DeployReport | undefined, failed: boolean, options: OutputOptions = {}): OutputValues {
  const secrets = [...(options.secrets ?? [])];
  const limit = options.limit ?? Infinity;
  const logs = new Set(options.logOutputs ?? []);
  // The contract's fields only: the time and health are the summary's.
  const strip = ({ seconds: _seconds, health: _health, ...rest }: { seconds?: number; health?: string } & Record<string, unknown>) => rest;
  const resources = report ? Object.fromEntries(Object.entries(report.resources).map(([k, v]) => [k, strip({ ...v })])) : {};
  // Masked first, cut second: a cut through a secret would leave the rest of it in clear.
  const json = (name: string, value: unknown, isLog?: (path: readonly (string | number)[]) => boolean) => {
    if (limit === Infinity) return JSON.stringify(value);
    const capped = capJson(value, limit, isLog);
    if (capped.truncated) options.onTruncated?.(name);
    return capped.json;
  };
  return {
    result: failed || report?.result === 'failure' ? 'failure' : 'success',
    changed: report?.changed ? 'true' : 'false',
    resources: json('resources', redactValue(resources, secrets)),
    outputs: json('outputs', redactOutputs(report?.outputs ?? {}, secrets), (path) => logs.has(String(path[0]))),
    plan: json('plan', redactValue(report?.plan ?? [], secrets)),
    'failure-reason': failureReasonOf(report, failed, options.failureReason),
  };
}
