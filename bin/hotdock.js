#!/usr/bin/env node
// The CLI: the same committed bundle the action runs, entered through cliMain.
import { cliMain } from '../dist/index.js';

process.exitCode = await cliMain(process.argv.slice(2));
