/** Heat environment files: parameter values and defaults for a stack, with their source positions. */
import type { Diagnostic } from '../diagnostics.js';
import { diagnosticAt } from './diagnostic-factory.js';
import { loadTemplate } from './load.js';
import { pointer, type PositionMap } from './types.js';

/** One parsed environment file. */
export interface EnvironmentFile {
  /** The path as the user gave it: diagnostics about its values name it. */
  file: string;
  parameters: Record<string, unknown>;
  parameterDefaults: Record<string, unknown>;
  positions: PositionMap;
}

/** Sections Heat accepts in an environment file. */
export const ENVIRONMENT_SECTIONS = [
  'parameters',
  'parameter_defaults',
  'resource_registry',
  'encrypted_param_names',
  'parameter_merge_strategies',
  'event_sinks',
] as const;

/** True when the text holds no YAML content: whitespace, comments and document markers only. */
function isBlank(text: string): boolean {
  return text.split(/\r?\n/).every((line) => /^\s*(?:---|\.\.\.)?\s*(?:#.*)?$/.test(line));
}

/** Positions for an empty file: everything is at 1:1. */
function emptyPositions(): PositionMap {
  const start = () => ({ line: 1, column: 1 });
  return { value: () => undefined, key: () => undefined, locate: start };
}

function isMapping(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Parses an environment file. Unknown sections and a `parameters`/`parameter_defaults` that is
 * not a mapping are errors; `resource_registry` is accepted but ignored (with a warning), since
 * hotdock deploys one resource type and has no nested stacks.
 */
export function parseEnvironmentFile(text: string, file: string): { env?: EnvironmentFile; diagnostics: Diagnostic[] } {
  // An empty file (or only comments) is a valid, empty environment in Heat; the loader,
  // made for templates, would refuse it.
  if (isBlank(text)) {
    return { env: { file, parameters: {}, parameterDefaults: {}, positions: emptyPositions() }, diagnostics: [] };
  }
  const loaded = loadTemplate(text, file);
  if (!loaded.ok) {
    // The loader's "not a mapping" speaks of templates: say what an environment file must be.
    return {
      diagnostics: loaded.diagnostics.map((d) =>
        d.code === 'not-a-mapping'
          ? { ...d, code: 'invalid-environment', message: `environment file '${file}' must be a mapping of sections (parameters, parameter_defaults, ...)` }
          : d,
      ),
    };
  }
  const { doc, positions } = loaded.template;
  const at = { file, positions };
  const diagnostics: Diagnostic[] = [];
  if (!isMapping(doc)) {
    diagnostics.push(diagnosticAt(at, '', 'invalid-environment', `environment file '${file}' must be a mapping of sections (parameters, parameter_defaults, ...)`));
    return { diagnostics };
  }
  const sections: Record<string, Record<string, unknown>> = { parameters: {}, parameter_defaults: {} };
  for (const [key, value] of Object.entries(doc)) {
    const ptr = pointer(key);
    if (!(ENVIRONMENT_SECTIONS as readonly string[]).includes(key)) {
      diagnostics.push(diagnosticAt(at, ptr, 'unknown-environment-section',
        `environment file '${file}' has an unknown section '${key}'; valid sections are ${ENVIRONMENT_SECTIONS.join(', ')}`, 'error', 'key'));
      continue;
    }
    if (key === 'parameters' || key === 'parameter_defaults') {
      if (value === null || value === undefined) continue;
      if (!isMapping(value)) {
        diagnostics.push(diagnosticAt(at, ptr, 'invalid-environment-section', `the '${key}' section of environment file '${file}' must be a mapping of parameter names to values`));
        continue;
      }
      sections[key] = value;
    } else if (key === 'resource_registry') {
      diagnostics.push(diagnosticAt(at, ptr, 'ignored-environment-section',
        `the resource_registry section of environment file '${file}' is ignored: hotdock deploys DockerInc::Docker::Container resources only`, 'warning', 'key'));
    }
  }
  return {
    env: { file, parameters: sections.parameters, parameterDefaults: sections.parameter_defaults, positions },
    diagnostics,
  };
}
