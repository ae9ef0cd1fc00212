import { availableParallelism } from 'node:os';

/**
 * jest runs the TypeScript sources as ESM through ts-jest.
 * Workers: one more than the cores, 2 to 4. The integration files mostly wait on Docker (and every
 * one of them names its containers uniquely and takes free host ports), so on a 2-core machine a
 * third worker overlaps their waits; beyond 4 the single Docker engine is the bottleneck.
 * `--maxWorkers` on the command line overrides this.
 */
export default {
  preset: 'ts-jest/presets/default-esm',
  testEnvironment: 'node',
  roots: ['<rootDir>/__tests__'],
  testMatch: ['**/*.test.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.test.json' }] },
  testTimeout: 30000,
  maxWorkers: Math.min(4, Math.max(2, availableParallelism() + 1)),
};
