/** Types of scripts/generate-schema-validator.mjs, for the test that keeps its output current. */
export declare const SCHEMA_FILE: string;
export declare const VALIDATOR_FILE: string;
export declare function validatorSource(schema: unknown): string;
