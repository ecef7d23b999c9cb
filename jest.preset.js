const nxPreset = require('@nx/jest/preset').default;

module.exports = {
  ...nxPreset,
  reporters: ['default', '<rootDir>/../../tools/scripts/jest-summary-reporter.cjs'],
};
