/**
 * Node modules the CLI needs only now and then, loaded on first use: each costs a `hotdock
 * validate` some 15 ms of its start-up otherwise. node:child_process serves credential helpers
 * and ssh endpoints; node:readline the question at a terminal.
 */
import { createRequire } from 'node:module';
import type * as ChildProcess from 'node:child_process';
import type * as Readline from 'node:readline';

let loaded: typeof ChildProcess | undefined;

/** The node:child_process module. */
export function childProcess(): typeof ChildProcess {
  loaded ??= createRequire(import.meta.url)('node:child_process') as typeof ChildProcess;
  return loaded;
}

let readlineModule: typeof Readline | undefined;

/** The node:readline module (only a question at a terminal needs it). */
export function readline(): typeof Readline {
  readlineModule ??= createRequire(import.meta.url)('node:readline') as typeof Readline;
  return readlineModule;
}
