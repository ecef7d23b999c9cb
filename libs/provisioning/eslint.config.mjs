import baseConfig, { universalPlatform } from '../../eslint.config.mjs';

export default [
  ...baseConfig,
  // platform:node only because cbor-x's types need Node; the client itself uses web globals only.
  ...universalPlatform,
  {
    files: ['**/*.json'],
    rules: {
      '@nx/dependency-checks': [
        'error',
        {
          ignoredFiles: ['{projectRoot}/eslint.config.{js,cjs,mjs,ts,cts,mts}'],
        },
      ],
    },
    languageOptions: {
      parser: await import('jsonc-eslint-parser'),
    },
  },
  {
    ignores: ['**/out-tsc'],
  },
];
