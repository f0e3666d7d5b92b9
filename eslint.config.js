// Lint rules, including the layering: src/ is plain Node (no electron, react or DOM), and
// the renderer reaches the core only through the contract's types.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { layeringPlugin } from './scripts/lint/layering.mjs';

const DOM_GLOBALS = ['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'HTMLElement', 'location'];

export default tseslint.config(
  { ignores: ['node_modules', 'out', 'dist', 'test-results', 'playwright-report', '.gpu', '.cache', 'resources'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      'no-empty': ['error', { allowEmptyCatch: false }],
    },
  },
  {
    files: ['**/*.{js,mjs,cjs,ts}'],
    ignores: ['renderer/**'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['src/**/*.ts'],
    plugins: { local: layeringPlugin },
    rules: {
      'local/layering': 'error',
      'no-restricted-imports': [
        'error',
        {
          paths: ['electron', 'react', 'react-dom'].map((name) => ({ name, message: 'src/ is plain Node: no electron, react or DOM.' })),
          patterns: [{ group: ['react-dom/*', 'electron/*'], message: 'src/ is plain Node: no electron, react or DOM.' }],
        },
      ],
      'no-restricted-globals': ['error', ...DOM_GLOBALS.map((name) => ({ name, message: 'src/ must not use DOM globals.' }))],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '(^|/)src/(?!api/)', message: 'The renderer sees the core only through src/api.' },
            {
              // call-names.ts, setting-effects.ts, limits.ts, error-keys.ts, index-footprint.ts
              // and relevance.ts are dependency-free by design (the sandboxed preload imports
              // call-names.ts too; the i18n test walks error-keys.ts; relevance.ts holds the
              // cut-off the core and the UI must agree on).
              regex: '(^|/)src/api/(?!(call-names|setting-effects|limits|error-keys|index-footprint|relevance)\\.js$)',
              allowTypeImports: true,
              message: 'Import the contract with `import type` only.',
            },
          ],
        },
      ],
    },
  },
);
