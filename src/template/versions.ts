/** HOT template versions: which ones exist, their aliases, and the template features each brought. */
import type { Diagnostic } from '../diagnostics.js';
import { diagnosticAt } from './diagnostic-factory.js';
import { childPointer, pointer, type HotVersion, type LoadedTemplate } from './types.js';

/** Every HOT version Heat knows, oldest first (canonical date form). */
export const HOT_VERSIONS: readonly HotVersion[] = [
  '2013-05-23',
  '2014-10-16',
  '2015-04-30',
  '2015-10-15',
  '2016-04-08',
  '2016-10-14',
  '2017-02-24',
  '2017-09-01',
  '2018-03-02',
  '2018-08-31',
  '2021-04-16',
];

/** Release names Heat accepts in place of a date. */
export const HOT_VERSION_ALIASES: Readonly<Record<string, HotVersion>> = {
  newton: '2016-10-14',
  ocata: '2017-02-24',
  pike: '2017-09-01',
  queens: '2018-03-02',
  rocky: '2018-08-31',
  wallaby: '2021-04-16',
};

const VERSION_KEY = '/heat_template_version';

function isMapping(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Canonical form of a version as written, or undefined when it is not a known version. */
export function normalizeVersion(raw: unknown): HotVersion | undefined {
  let text: string | undefined;
  if (typeof raw === 'string') text = raw.trim();
  // A YAML 1.1 loader turns an unquoted date into a Date: take its calendar date back.
  else if (raw instanceof Date && !Number.isNaN(raw.getTime())) text = raw.toISOString().slice(0, 10);
  if (text === undefined) return undefined;
  if ((HOT_VERSIONS as readonly string[]).includes(text)) return text as HotVersion;
  return HOT_VERSION_ALIASES[text];
}

/** Lists the accepted spellings, for messages. */
function validVersionsText(): string {
  const aliasOf = new Map(Object.entries(HOT_VERSION_ALIASES).map(([alias, v]) => [v, alias]));
  return HOT_VERSIONS.map((v) => (aliasOf.has(v) ? `${v} (${aliasOf.get(v)})` : v)).join(', ');
}

/**
 * Reads `heat_template_version`. Missing → `missing-version` at 1:1; not a string or not a
 * known version → `unknown-version` at the value, listing the valid ones.
 */
export function checkVersion(tpl: LoadedTemplate): { version?: HotVersion; diagnostics: Diagnostic[] } {
  const doc = tpl.doc;
  // A document that is not a mapping at all is a structure error reported elsewhere.
  if (doc !== null && doc !== undefined && !isMapping(doc)) return { diagnostics: [] };
  if (!isMapping(doc) || !('heat_template_version' in doc)) {
    return {
      diagnostics: [
        {
          file: tpl.file,
          line: 1,
          column: 1,
          path: VERSION_KEY,
          code: 'missing-version',
          message: `the template has no heat_template_version; add one, e.g. 'heat_template_version: 2021-04-16' (valid versions: ${validVersionsText()})`,
          severity: 'error',
        },
      ],
    };
  }
  const raw = doc.heat_template_version;
  const version = normalizeVersion(raw);
  if (version) return { version, diagnostics: [] };
  const shown = typeof raw === 'string' ? `'${raw}'` : raw === null ? 'an empty value' : JSON.stringify(raw) ?? String(raw);
  return {
    diagnostics: [
      diagnosticAt(
        tpl,
        VERSION_KEY,
        'unknown-version',
        `heat_template_version ${shown} is not a known HOT version; valid versions are ${validVersionsText()}`,
      ),
    ],
  };
}

/** True when `v` is `min` or newer. Canonical versions are ISO dates, so text order is time order. */
export function versionAtLeast(v: HotVersion, min: HotVersion): boolean {
  return v >= min;
}

/** The version that brought each gated template feature. */
export const FEATURE_VERSIONS = {
  conditions: '2016-10-14',
  resourceCondition: '2016-10-14',
  externalId: '2016-10-14',
  outputCondition: '2016-10-14',
  parameterTags: '2018-03-02',
  modulo: '2017-02-24',
  // Heat's HOTemplate20161014.deletion_policies added 'delete', 'retain' and 'snapshot'.
  lowercaseDeletionPolicy: '2016-10-14',
} as const satisfies Record<string, HotVersion>;

function tooNew(what: string, min: HotVersion, version: HotVersion): string {
  return `${what} needs heat_template_version ${min} or later; this template is ${version}`;
}

/**
 * Template features (not functions) used in a template older than the version that brought
 * them: the `conditions` section, resource `condition`/`external_id`, output `condition`,
 * parameter `tags` and the `modulo` constraint. Each one → `feature-not-in-version` at its key.
 */
export function checkVersionFeatures(tpl: LoadedTemplate, version: HotVersion): Diagnostic[] {
  const doc = tpl.doc;
  if (!isMapping(doc)) return [];
  const out: Diagnostic[] = [];
  const gate = (ptr: string, what: string, min: HotVersion): void => {
    if (!versionAtLeast(version, min)) {
      out.push(diagnosticAt(tpl, ptr, 'feature-not-in-version', tooNew(what, min, version), 'error', 'key'));
    }
  };

  if ('conditions' in doc) gate(pointer('conditions'), "the 'conditions' section", FEATURE_VERSIONS.conditions);

  if (isMapping(doc.parameters)) {
    for (const [name, def] of Object.entries(doc.parameters)) {
      if (!isMapping(def)) continue;
      const base = pointer('parameters', name);
      if ('tags' in def) gate(childPointer(base, 'tags'), `the 'tags' key of parameter '${name}'`, FEATURE_VERSIONS.parameterTags);
      if (!Array.isArray(def.constraints)) continue;
      def.constraints.forEach((c, i) => {
        if (isMapping(c) && 'modulo' in c) {
          gate(childPointer(base, 'constraints', i, 'modulo'), `the 'modulo' constraint of parameter '${name}'`, FEATURE_VERSIONS.modulo);
        }
      });
    }
  }

  if (isMapping(doc.resources)) {
    for (const name of Object.keys(doc.resources)) {
      const res = doc.resources[name];
      if (!isMapping(res)) continue;
      if ('condition' in res) gate(pointer('resources', name, 'condition'), `the 'condition' key of resource '${name}'`, FEATURE_VERSIONS.resourceCondition);
      if ('external_id' in res) gate(pointer('resources', name, 'external_id'), `the 'external_id' key of resource '${name}'`, FEATURE_VERSIONS.externalId);
      const policy = res.deletion_policy;
      if (policy === 'delete' || policy === 'retain') {
        gate(pointer('resources', name, 'deletion_policy'), `the lowercase deletion_policy '${policy}' of resource '${name}'`, FEATURE_VERSIONS.lowercaseDeletionPolicy);
      }
    }
  }

  if (isMapping(doc.outputs)) {
    for (const [name, out_] of Object.entries(doc.outputs)) {
      if (isMapping(out_) && 'condition' in out_) {
        gate(childPointer(pointer('outputs', name), 'condition'), `the 'condition' key of output '${name}'`, FEATURE_VERSIONS.outputCondition);
      }
    }
  }
  return out;
}
