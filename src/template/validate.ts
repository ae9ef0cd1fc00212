/**
 * The template half of the pipeline: load → schema → version → parameters → semantics →
 * resolve → Docker-level checks. Pure but for reading files through `io`.
 */
import { isAbsolute, relative, resolve } from 'node:path';
import { sortDiagnostics, hasErrors, type Diagnostic } from '../diagnostics.js';
import type { Settings } from '../settings.js';
import { loadTemplate } from './load.js';
import { checkSchema } from './schema-check.js';
import { checkVersion, checkVersionFeatures } from './versions.js';
import { resolveParameters } from './parameters.js';
import { parseEnvironmentFile, type EnvironmentFile } from './environment.js';
import { checkTemplateSemantics, resolveStack } from './resolve.js';
import { checkDockerResources } from './docker-checks.js';
import { collapseMemberDiagnostics, lastMemberSchemaProblems, schemaView } from './resource-group-diagnostics.js';
import { checkPlacement, withPlacement } from './placement-checks.js';
import { checkServiceMetadata } from './service-metadata-checks.js';
import { checkHeatResourceKeys } from './heat-compat.js';
import type { ResolvedStack } from './types.js';

/** File access for the template stages (the CLI and the action pass node:fs). */
export interface TemplateIO {
  readFile(absPath: string): string;
}

export interface ValidationResult {
  diagnostics: Diagnostic[];
  /** Present when there is no error: what the deploy stages work on. */
  stack?: ResolvedStack;
  /** Every text form of every hidden parameter value (and part of one): to be masked everywhere. */
  secrets: string[];
}

/** Settings the template stages read; a subset so tests and benches can pass less. */
export type ValidationSettings = Pick<
  Settings,
  'template' | 'workspace' | 'stackName' | 'parameters' | 'environmentFiles' | 'dockerEndpoint' | 'endpoints'
> &
  Partial<Pick<Settings, 'target'>>;

/** A problem with a file as a whole (not found, outside the workspace), at 1:1. */
function fileProblem(file: string, code: string, message: string): Diagnostic {
  return { file, line: 1, column: 1, path: '', code, message, severity: 'error' };
}

/** Resolves a workspace-relative path, refusing anything that leaves the workspace. */
function insideWorkspace(workspace: string, path: string): string | undefined {
  const abs = resolve(workspace, path);
  const rel = relative(workspace, abs);
  return rel.startsWith('..') || isAbsolute(rel) ? undefined : abs;
}

function readEnvironments(settings: ValidationSettings, io: TemplateIO, out: Diagnostic[]): EnvironmentFile[] {
  const envs: EnvironmentFile[] = [];
  for (const file of settings.environmentFiles) {
    const abs = insideWorkspace(settings.workspace, file);
    if (!abs) {
      out.push(fileProblem(file, 'file-outside-workspace', `environment file '${file}' is outside the workspace`));
      continue;
    }
    let text: string;
    try {
      text = io.readFile(abs);
    } catch {
      out.push(fileProblem(file, 'file-not-found', `environment file '${file}' cannot be read`));
      continue;
    }
    const parsed = parseEnvironmentFile(text, file);
    out.push(...parsed.diagnostics);
    if (parsed.env) envs.push(parsed.env);
  }
  return envs;
}

/** Validates and resolves the template named by `settings.template`. Never throws for template problems. */
export function validateTemplateFile(settings: ValidationSettings, io: TemplateIO): ValidationResult {
  const file = settings.template;
  const abs = insideWorkspace(settings.workspace, file);
  if (!abs) {
    return { diagnostics: [fileProblem(file, 'file-outside-workspace', `template '${file}' is outside the workspace`)], secrets: [] };
  }
  let text: string;
  try {
    text = io.readFile(abs);
  } catch {
    return { diagnostics: [fileProblem(file, 'file-not-found', `template '${file}' cannot be read (is the path relative to the workspace?)`)], secrets: [] };
  }
  return validateTemplateText(text, settings, io);
}

/** Same as validateTemplateFile, for text already read (benches, editors). */
export function validateTemplateText(text: string, settings: ValidationSettings, io: TemplateIO): ValidationResult {
  const loaded = loadTemplate(text, settings.template);
  if (!loaded.ok) return { diagnostics: sortDiagnostics(loaded.diagnostics), secrets: [] };
  const tpl = loaded.template;
  // Group members are judged as they will be: index_var replaced (resource-group.ts).
  const diagnostics: Diagnostic[] = [...checkSchema(schemaView(tpl))];
  const { version, diagnostics: versionProblems } = checkVersion(tpl);
  diagnostics.push(...versionProblems);
  if (!version) return { diagnostics: sortDiagnostics(diagnostics), secrets: [] };
  diagnostics.push(...checkVersionFeatures(tpl, version));
  diagnostics.push(...checkHeatResourceKeys(tpl));

  const environments = readEnvironments(settings, io, diagnostics);
  const params = resolveParameters(
    tpl,
    version,
    { values: settings.parameters, source: "the 'parameters' input" },
    environments,
    { stackName: settings.stackName },
  );
  diagnostics.push(...params.diagnostics);
  const secrets = params.secrets;

  const doc = tpl.doc as Record<string, unknown>;
  const definitions = (doc.parameters && typeof doc.parameters === 'object' ? doc.parameters : {}) as Record<string, unknown>;
  const templateDir = { workspace: settings.workspace, readFile: (p: string) => io.readFile(p) };
  diagnostics.push(...checkTemplateSemantics(tpl, version, { values: params.values, definitions }, templateDir));
  if (hasErrors(diagnostics)) return { diagnostics: sortDiagnostics(diagnostics), secrets };

  const resolved = resolveStack(tpl, version, { values: params.values, hidden: params.hidden }, {
    ...templateDir,
    stackName: settings.stackName,
  });
  diagnostics.push(...resolved.diagnostics);
  let stack = resolved.stack;
  if (stack) {
    diagnostics.push(...lastMemberSchemaProblems(tpl, stack.resources, checkSchema));
    diagnostics.push(
      ...checkDockerResources(tpl, stack, {
        defaultEndpoint: settings.dockerEndpoint,
        endpointNames: Object.keys(settings.endpoints),
      }),
    );
    const placement = checkPlacement(tpl, stack, { endpointNames: Object.keys(settings.endpoints) });
    diagnostics.push(...placement.diagnostics);
    stack = withPlacement(stack, placement.constraints);
    diagnostics.push(...checkServiceMetadata(tpl, stack, settings.target));
  }
  const ok = !hasErrors(diagnostics);
  return { diagnostics: sortDiagnostics(collapseMemberDiagnostics(doc, diagnostics)), stack: ok ? stack : undefined, secrets };
}
