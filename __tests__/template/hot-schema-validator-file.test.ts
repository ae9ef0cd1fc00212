/**
 * src/template/hot-schema-validator.generated.js is the HOT schema compiled ahead of time by
 * scripts/generate-schema-validator.mjs. It must not drift from hot-schema.ts: this test
 * regenerates it and compares, and with UPDATE_SCHEMA=1 rewrites the file instead.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { hotSchema } from '../../src/template/hot-schema.js';
import { VALIDATOR_FILE, validatorSource } from '../../scripts/generate-schema-validator.mjs';

test('hot-schema-validator.generated.js is hot-schema.ts compiled (UPDATE_SCHEMA=1 rewrites it)', () => {
  const expected = validatorSource(hotSchema);
  if (process.env.UPDATE_SCHEMA === '1') writeFileSync(VALIDATOR_FILE, expected);
  let actual = '';
  try {
    actual = readFileSync(VALIDATOR_FILE, 'utf8');
  } catch {
    // Missing file: fall through to the comparison, which says how to create it.
  }
  if (actual !== expected) {
    throw new Error('src/template/hot-schema-validator.generated.js is out of date; run: node scripts/generate-schema-validator.mjs');
  }
});
