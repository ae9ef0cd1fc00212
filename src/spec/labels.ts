/**
 * Every label hotdock writes on an endpoint, in one place: ownership, identity, the hashed spec,
 * the roles of intermediate states that an interrupted run can leave, and the deploy lock.
 * Ownership is the rule: nothing without LABEL_STACK is ever touched.
 */

/** The stack a container belongs to. */
export const LABEL_STACK = 'io.hotdock.stack';
/** The template resource a container is. */
export const LABEL_RESOURCE = 'io.hotdock.resource';
/** `v1:<sha256>` of the normalised desired spec. */
export const LABEL_CONFIG_HASH = 'io.hotdock.config-hash';
/** The hashed fields' own digests, so a plan can say which field changed. */
export const LABEL_CONFIG_FIELDS = 'io.hotdock.config-fields';
/** `Delete` or `Retain`: a Retain container is never pruned or destroyed. */
export const LABEL_DELETION_POLICY = 'io.hotdock.deletion-policy';
/** Informational, never hashed: the commit and the template path that made the container. */
export const LABEL_REVISION = 'io.hotdock.revision';
export const LABEL_TEMPLATE = 'io.hotdock.template';

/**
 * The run that created a container (informational on a live container; on an unproven one, it names
 * the run that must prove or remove it).
 */
export const LABEL_RUN = 'io.hotdock.run';

/** The deploy lock: a never-started container per stack and endpoint (see engine/lock.ts). */
export const LABEL_LOCK = 'io.hotdock.lock';
/** Renewal containers of a lock (a different key, so they are never mistaken for the lock). */
export const LABEL_LOCK_RENEW = 'io.hotdock.lock-renew';
export const LABEL_LOCK_RUN = 'io.hotdock.lock.run';
export const LABEL_LOCK_TOKEN = 'io.hotdock.lock.token';
export const LABEL_LOCK_SINCE = 'io.hotdock.lock.since';
export const LABEL_LOCK_TTL = 'io.hotdock.lock.ttl';
export const LABEL_LOCK_EXPIRES = 'io.hotdock.lock.expires-at';
