/**
 * Checks and defaults shared by the action's inputs (inputs.ts) and the CLI's flags (cli.ts).
 * Free of @actions/core on purpose: the CLI loads this, and its start-up time is measured.
 */
import { basename, extname } from 'node:path';
import type { CommentOnPr, Mode, Placement, PullPolicy, Target } from './settings.js';
import { parseEndpointUrl } from './spec/endpoint-url.js';

/** The socket every Docker client falls back to. */
export const DEFAULT_DOCKER_ENDPOINT = 'unix:///var/run/docker.sock';

/** Defaults of the inputs that the CLI has no flag for; action.yml declares the same. */
export const DEFAULTS = {
  mode: 'deploy' as Mode,
  pull: 'missing' as PullPolicy,
  prune: true,
  rollback: true,
  waitTimeout: 60,
  stableSeconds: 5,
  maxParallel: 8,
  lockTimeout: 300,
  placement: 'spread' as Placement,
  target: 'containers' as Target,
  requireReviewedPlan: false,
  commentOnPr: 'true' as CommentOnPr,
};

const MODES: readonly Mode[] = ['validate', 'plan', 'deploy', 'destroy'];
const PULL_POLICIES: readonly PullPolicy[] = ['missing', 'always', 'never'];
const PLACEMENTS: readonly Placement[] = ['spread', 'binpack'];
const TARGETS: readonly Target[] = ['containers', 'swarm'];
const COMMENT_ON_PR: readonly CommentOnPr[] = ['true', 'changes-only', 'false'];

/** An input or flag a user got wrong: the message says which, the value, and what is expected. */
export class InputError extends Error {
  override name = 'InputError';
}

/** "a, b or c" for error messages. */
export function oneOf(values: readonly string[]): string {
  return values.length < 2 ? values.join('') : `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`;
}

/** Checks a value against a closed list. */
export function parseChoice<T extends string>(what: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new InputError(`Invalid ${what}: '${value}'. Expected ${oneOf(allowed)}`);
}

/** validate | plan | deploy | destroy. */
export function parseMode(value: string, what = "input 'mode'"): Mode {
  return parseChoice(what, value, MODES);
}

/** missing | always | never. */
export function parsePull(value: string, what = "input 'pull'"): PullPolicy {
  return parseChoice(what, value, PULL_POLICIES);
}

/** spread | binpack. */
export function parsePlacement(value: string, what = "input 'placement'"): Placement {
  return parseChoice(what, value, PLACEMENTS);
}

/** containers | swarm. */
export function parseTarget(value: string, what = "input 'target'"): Target {
  return parseChoice(what, value, TARGETS);
}

/** true | changes-only | false (true/false in any case, as booleans are). */
export function parseCommentOnPr(value: string, what = "input 'comment-on-pr'"): CommentOnPr {
  const v = /^(true|false)$/i.test(value) ? value.toLowerCase() : value;
  return parseChoice(what, v, COMMENT_ON_PR);
}

/** true/false in any case, as core.getBooleanInput accepts (YAML 1.2 core schema). */
export function parseBoolean(name: string, value: string): boolean {
  if (/^true$/i.test(value)) return true;
  if (/^false$/i.test(value)) return false;
  throw new InputError(`Invalid input '${name}': '${value}'. Expected true or false`);
}

/** A whole number ≥ 1 (seconds, counts). */
export function parsePositiveInt(name: string, value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1 || !Number.isSafeInteger(Number(value))) {
    throw new InputError(`Invalid input '${name}': '${value}'. Expected a positive integer`);
  }
  return Number(value);
}

/** A whole number of seconds that may be 0 (e.g. `stable-seconds: 0` turns the stability window off). */
export function parseNonNegativeInt(name: string, value: string): number {
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value))) {
    throw new InputError(`Invalid input '${name}': '${value}'. Expected a whole number of seconds (0 or more)`);
  }
  return Number(value);
}

/**
 * `<prefix>-<template name without extension>`, lower-cased, anything other than [a-z0-9_.-]
 * turned into '-'. Leading separators go too: Docker refuses container names that start with one.
 */
export function defaultStackName(prefix: string, template: string): string {
  const name = basename(template, extname(template));
  const raw = prefix ? `${prefix}-${name}` : name;
  return raw.toLowerCase().replace(/[^a-z0-9_.-]/g, '-').replace(/^[_.-]+/, '') || 'stack';
}

/** A given stack name must make valid container names (`<stack>-<resource>`). */
export function checkStackName(name: string, what = "input 'stack-name'"): string {
  if (/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(name)) return name;
  throw new InputError(`Invalid ${what}: '${name}'. Expected letters, digits, '_', '.' or '-', starting with a letter or digit`);
}

/** Syntax check with the Docker modules' one endpoint parser, so a typo fails early, naming its source. */
export function checkEndpointUrl(url: string, what: string): string {
  const parsed = parseEndpointUrl(url);
  if (parsed.ok) return url;
  throw new InputError(`${parsed.message} (in ${what})`);
}
