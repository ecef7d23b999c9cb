import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

/**
 * Imports a `platform:universal` lib may never make: it must run in browsers, Node and Lambda alike.
 * Exact module names go in `paths` (a `patterns` entry would also match relative folders such as
 * `./events/`); scoped families and the `node:` scheme go in `patterns`.
 */
const nodeOnlyModules = [
  'fs',
  'fs/promises',
  'path',
  'os',
  'net',
  'tls',
  'http',
  'https',
  'crypto',
  'child_process',
  'stream',
  'events',
  'buffer',
  'mqtt',
  'aedes',
  'better-sqlite3',
];
const nodeOnlyPatterns = ['node:*', '@aws-sdk/*', '@smithy/*'];
const universalMessage =
  'platform:universal code runs in browsers, Node and Lambda: no Node builtins, MQTT clients or AWS SDKs.';

/**
 * Rules for `platform:universal` projects. `@nx/enforce-module-boundaries` does not look at Node
 * builtins, so the ban is enforced here too; each universal project spreads this into its config.
 */
export const universalPlatform = [
  {
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeOnlyModules.map((name) => ({ name, message: universalMessage })),
          patterns: [{ group: nodeOnlyPatterns, message: universalMessage }],
        },
      ],
    },
  },
];

const baseConfig = [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: ['**/dist', '**/out-tsc', '**/test-output', '**/coverage', 'tmp', '.data'],
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.jsx'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allow: ['^.*/eslint(\\.base)?\\.config\\.[cm]?[jt]s$'],
          depConstraints: [
            // Layering: apps wire libs; features compose domain libs; domain libs use utils only.
            {
              sourceTag: 'type:app',
              onlyDependOnLibsWithTags: ['type:feature', 'type:domain', 'type:util'],
            },
            {
              sourceTag: 'type:feature',
              onlyDependOnLibsWithTags: ['type:feature', 'type:domain', 'type:util'],
            },
            { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain', 'type:util'] },
            { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util'] },
            {
              sourceTag: 'type:testing',
              onlyDependOnLibsWithTags: ['type:domain', 'type:util', 'type:testing'],
            },
            // Platforms: universal code runs everywhere, so it may only use universal code.
            {
              sourceTag: 'platform:universal',
              onlyDependOnLibsWithTags: ['platform:universal'],
              bannedExternalImports: [...nodeOnlyModules, ...nodeOnlyPatterns],
            },
            {
              sourceTag: 'platform:browser',
              onlyDependOnLibsWithTags: ['platform:browser', 'platform:universal'],
            },
            {
              sourceTag: 'platform:node',
              onlyDependOnLibsWithTags: ['platform:node', 'platform:universal'],
            },
          ],
        },
      ],
    },
  },
  // Type-aware rules for the TypeScript sources (not for config files).
  ...tseslint.configs.recommendedTypeChecked.map((c) => ({
    ...c,
    files: ['**/src/**/*.ts', '**/src/**/*.tsx'],
  })),
  {
    files: ['**/src/**/*.ts', '**/src/**/*.tsx'],
    languageOptions: {
      parserOptions: { projectService: true },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    // Specs may use jest's loosely typed matchers.
    files: ['**/*.spec.ts', '**/*.spec.tsx'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
];

export default baseConfig;

/**
 * A project's own config (libs/*, apps/*): the workspace rules plus `@nx/dependency-checks`, so each
 * package.json lists exactly what its project imports. Universal projects add `universalPlatform`.
 */
export const projectConfig = [
  ...baseConfig,
  {
    files: ['**/*.json'],
    rules: {
      '@nx/dependency-checks': [
        'error',
        { ignoredFiles: ['{projectRoot}/eslint.config.{js,cjs,mjs,ts,cts,mts}'] },
      ],
    },
    languageOptions: { parser: await import('jsonc-eslint-parser') },
  },
];
