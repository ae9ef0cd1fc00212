/** Types of hot-schema-validator.generated.js (written by scripts/generate-schema-validator.mjs). */
import type { ValidateFunction } from 'ajv';

/** The HOT schema's validator, compiled ahead of time by ajv (allErrors, verbose, inlineRefs off). */
export declare const hotSchemaValidator: ValidateFunction;
