import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '.scratch/',
      'dist/',
      'node_modules/',
      'data/',
      'schema/',
      'coverage/',
      '.carbon-gate/',
      'test/fixtures/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        URL: 'readonly',
        Buffer: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The pure core must not reach GitHub, octokit or the network: adapters live at the edge.
    files: ['src/**/*.ts'],
    ignores: ['src/github/**', 'src/action/**', 'src/**/io/**', 'src/io/**', 'src/cli/**', 'src/cli.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            '@actions/*',
            'octokit',
            '@octokit/*',
            'node:http',
            'node:https',
            'node:net',
            'node:fs',
            'node:child_process',
            // The engine and the core serve both adapters: they import neither.
            '**/action/*',
            '**/cli/*',
          ],
        },
      ],
    },
  },
  {
    // I/O at the edge serves both adapters too: it imports neither.
    files: ['src/**/io/**/*.ts', 'src/io/**/*.ts'],
    ignores: ['src/github/**', 'src/action/**', 'src/cli/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['**/action/*', '**/cli/*'] }] },
  },
  {
    // One engine, two thin adapters: the CLI and the Action reach each other only through src/engine/.
    files: ['src/cli/**/*.ts', 'src/cli.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['**/action/*'] }] },
  },
  {
    files: ['src/action/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['**/cli/*'] }] },
  },
  {
    // src/github/ is GitHub's adapter: the Action uses it, never the reverse.
    files: ['src/github/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['**/action/*', '**/cli/*'] }] },
  },
);
