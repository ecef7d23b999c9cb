const nxPreset = require('@nx/jest/preset').default;

// SWC compiles specs (and ESM-only dependencies such as aedes) to CommonJS for Jest.
const swc = {
  swcrc: false,
  jsc: {
    target: 'es2022',
    parser: { syntax: 'typescript', decorators: true, dynamicImport: true },
    transform: { decoratorMetadata: true, legacyDecorator: true },
    keepClassNames: true,
    externalHelpers: true,
    loose: true,
  },
  module: { type: 'es6' },
  sourceMaps: true,
};

/** Shared Jest settings; each project's jest.config.cjs adds its `displayName`. */
module.exports = {
  ...nxPreset,
  testEnvironment: 'node',
  transform: { '^.+\\.[tj]s$': ['@swc/jest', swc] },
  // aedes ships ESM only.
  transformIgnorePatterns: ['/node_modules/(?!(aedes)/)'],
  moduleFileExtensions: ['ts', 'js'],
  coverageDirectory: 'test-output/jest/coverage',
  reporters: ['default', '<rootDir>/../../tools/scripts/jest-summary-reporter.cjs'],
};
