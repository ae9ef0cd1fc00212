/** Shared shapes of the template pipeline: load → validate → resolve. */
import type { Diagnostic } from '../diagnostics.js';
import type { PlacementConstraints } from '../spec/placement-types.js';

/** 1-based position in a source file. */
export interface SourcePos {
  line: number;
  column: number;
}

/**
 * Where each node of a loaded document came from. Keys are JSON Pointers (RFC 6901):
 * `''` is the document, `/resources/web/properties/image` a value.
 */
export interface PositionMap {
  /** Position of the value node at `pointer` (for an alias: the alias itself). */
  value(pointer: string): SourcePos | undefined;
  /** Position of the mapping key naming `pointer` (undefined for list items and the root). */
  key(pointer: string): SourcePos | undefined;
  /** Best position for a problem at `pointer`: its value, else the closest ancestor's, else 1:1. */
  locate(pointer: string): SourcePos;
}

/** A parsed template with its source positions. */
export interface LoadedTemplate {
  /** The path as the user gave it; diagnostics name it as is. */
  file: string;
  text: string;
  doc: unknown;
  positions: PositionMap;
}

export type LoadResult = { ok: true; template: LoadedTemplate } | { ok: false; diagnostics: Diagnostic[] };

/** Heat template versions, canonical (date) form. */
export type HotVersion =
  | '2013-05-23' | '2014-10-16' | '2015-04-30' | '2015-10-15' | '2016-04-08' | '2016-10-14'
  | '2017-02-24' | '2017-09-01' | '2018-03-02' | '2018-08-31' | '2021-04-16';

/** A resource after parameters, conditions and static functions are evaluated. */
export interface ResolvedResource {
  name: string;
  type: string;
  /**
   * Properties with every static function evaluated. References that only exist at deploy
   * time stay as their function node: `{get_resource: name}` and `{get_attr: [name, attr, ...]}`
   * (arguments already evaluated), and so do functions that compute with them (their static
   * arguments evaluated); `evaluateRuntime` in resolve.ts completes them.
   */
  properties: Record<string, unknown>;
  /** Every resource this one needs first: depends_on, get_resource, get_attr. */
  dependsOn: string[];
  deletionPolicy: 'Delete' | 'Retain';
  /** The resource's `metadata` (functions evaluated), when it is a mapping: e.g. `hotdock.replicas`. */
  metadata?: Record<string, unknown>;
  /** `/resources/<escaped name>`: for diagnostics (a group member's: its group's resource_def). */
  pointer: string;
  /**
   * Where it may run on a pool of endpoints: `metadata.hotdock.placement` (placement-checks.ts),
   * joined with what the template stage sets itself (a group's members: `preferApartFrom` their siblings).
   */
  placement?: PlacementConstraints;
  /** Set on the members of an OS::Heat::ResourceGroup (resource-group.ts); the Swarm plan reads it by shape. */
  group?: { name: string; index: number };
}

/** What the deploy stages get from the template stages. */
export interface ResolvedStack {
  version: HotVersion;
  stackName: string;
  /** Final parameter values (after defaults, environment files and inputs). */
  parameters: Record<string, unknown>;
  /** Names of `hidden: true` parameters: their values are secrets. */
  hiddenParameters: string[];
  /** Resources whose condition holds, in template order. */
  resources: ResolvedResource[];
  /** Outputs whose condition holds, value evaluated like properties (runtime refs left in place). */
  outputs: Record<string, { value: unknown; description?: string }>;
}

/** Escapes one JSON Pointer segment. */
export function escapePointer(segment: string | number): string {
  const s = String(segment);
  // Most segments need no escaping: skip the two replaces (pointers are built for every node).
  return s.includes('~') || s.includes('/') ? s.replace(/~/g, '~0').replace(/\//g, '~1') : s;
}

/** The key or index one escaped JSON Pointer segment names (the inverse of escapePointer). */
export function unescapePointer(segment: string): string {
  return segment.includes('~') ? segment.replace(/~1/g, '/').replace(/~0/g, '~') : segment;
}

/** Joins segments into a JSON Pointer: pointer('resources', 'web') → '/resources/web'. */
export function pointer(...segments: (string | number)[]): string {
  let out = '';
  // Indexed loops here and in the walkers below: cold code allocates an iterator result per step.
  for (let i = 0; i < segments.length; i++) out += '/' + escapePointer(segments[i]);
  return out;
}

/** Appends segments to an existing pointer. */
export function childPointer(parent: string, ...segments: (string | number)[]): string {
  let out = parent;
  for (let i = 0; i < segments.length; i++) out += '/' + escapePointer(segments[i]);
  return out;
}
