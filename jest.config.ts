import type { Config } from 'jest';

const transform: Config['transform'] = {
  '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
};

/**
 * The SDK's sources import their siblings as `./x.js` (Node ESM); jest loads the `.ts`.
 * The web client's modules import the SDK by its package name, as the web build does.
 */
const sdkModuleNameMapper: Config['moduleNameMapper'] = {
  '^(\\.{1,2}/.*)\\.js$': '$1',
  '^@careguide/chat-sdk$': '<rootDir>/sdk/src/index.ts',
};

/**
 * `npm test` runs every project: unit specs beside the code, e2e specs against the real
 * app, the SDK against the real app, and the web client in headless Chromium.
 */
const config: Config = {
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      rootDir: '.',
      testMatch: [
        '<rootDir>/src/**/*.spec.ts',
        '<rootDir>/tools/**/*.spec.ts',
        '<rootDir>/test/web/**/*.spec.ts',
        '<rootDir>/test/support/**/*.spec.ts',
        '<rootDir>/bench/**/*.spec.ts',
      ],
      moduleFileExtensions: ['ts', 'js', 'json'],
      moduleNameMapper: sdkModuleNameMapper,
      transform,
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      rootDir: '.',
      testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
      moduleFileExtensions: ['ts', 'js', 'json'],
      transform,
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
      slowTestThreshold: 30,
    },
    {
      displayName: 'sdk',
      testEnvironment: 'node',
      rootDir: '.',
      testMatch: ['<rootDir>/test/sdk/**/*.sdk-spec.ts'],
      moduleFileExtensions: ['ts', 'js', 'json'],
      moduleNameMapper: sdkModuleNameMapper,
      transform,
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
    {
      displayName: 'browser',
      testEnvironment: 'node',
      rootDir: '.',
      testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'],
      moduleFileExtensions: ['ts', 'js', 'json'],
      moduleNameMapper: sdkModuleNameMapper,
      transform,
      globalSetup: '<rootDir>/test/browser/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
      slowTestThreshold: 30,
    },
  ],
  testTimeout: 60_000,
  // The OpenAPI conformance check: fails the run when an answer the suites received is not in openapi.json.
  reporters: ['default', '<rootDir>/test/support/openapi-conformance.ts'],
};

export default config;
