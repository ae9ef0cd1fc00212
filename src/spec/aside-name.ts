/**
 * The name of an old container kept aside during a replace or removal. It carries the resource's
 * container name, the run that put it aside and the container's own id, so that whatever an
 * interrupted run leaves can be recognised by the next one (observe) without any other record.
 * Pure: no I/O.
 */

/** What an aside name says. */
export interface AsideName {
  /** The name the container had (and gets back on restore). */
  asideOf: string;
  /** The run tag of the run that put it aside; undefined for the legacy form. */
  run?: string;
}

/** A run id as it can appear in a container name: chars outside [a-zA-Z0-9_.-] become '-'. */
export function runTag(runId: string): string {
  return runId.replace(/[^a-zA-Z0-9_.-]/g, '-') || '-';
}

/** `<name>-hotdock-aside-<run tag>-<first 12 of id>`. */
export function asideName(name: string, runId: string, id: string): string {
  return `${name}-hotdock-aside-${runTag(runId)}-${id.slice(0, 12)}`;
}

const ASIDE = /^(.+)-hotdock-aside-(.+)-([0-9a-f]{12})$/;
/** What releases before run-tagged names wrote. */
const LEGACY = /^(.+)-hotdock-old-([0-9a-f]{12})$/;

/**
 * Reads an aside name. It counts only when its id part is the container's own id (`id`): a
 * container a user happened to name like that is not mistaken for one.
 */
export function parseAsideName(name: string, id: string): AsideName | undefined {
  const m = ASIDE.exec(name);
  if (m && id.startsWith(m[3])) return { asideOf: m[1], run: m[2] };
  const old = LEGACY.exec(name);
  if (old && id.startsWith(old[2])) return { asideOf: old[1] };
  return undefined;
}
