/** Unit specs sit beside the code (`*.spec.ts`); end-to-end specs live in test/ (`*.e2e-spec.ts`). */
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testRegex: '\\.(e2e-)?spec\\.ts$',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: {
    // @fastify/static (CommonJS, used by the OpenAPI UI) requires content-disposition 3, which is
    // ESM-only. Node 20.19+ loads it through require(esm); jest's runtime cannot on Node 20, so
    // tests get the API-compatible CommonJS 1.x build instead.
    '^content-disposition$': 'content-disposition-cjs',
    '^#src/(.*)\\.js$': '<rootDir>/src/$1',
    '^#migrations/(.*)\\.js$': '<rootDir>/migrations/$1',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }],
  },
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  testTimeout: 60000,
  maxWorkers: 2,
};
