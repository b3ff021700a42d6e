import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', 'ui/dist/**', 'data/**', 'db/migrations/**', 'test/artifacts/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended.map((config) => ({ ...config, files: ['**/*.{ts,tsx}'] })),
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Workflow code must be deterministic: no Node built-ins, no clocks or randomness outside the SDK's.
    files: ['workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^node:', message: 'workflows must not use Node built-ins' },
            { group: ['fs', 'path', 'os', 'crypto', 'child_process', 'http', 'https', 'net', 'timers', 'worker_threads'], message: 'workflows must not use Node built-ins' },
            { group: ['**/db/*', '**/api/*', 'drizzle-orm*', 'postgres'], message: 'workflows reach the database only through activities' },
          ],
        },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'use the SDK: workflow code must be deterministic' },
        { object: 'crypto', property: 'randomUUID', message: 'use uuid4() from @temporalio/workflow' },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'setTimeout', message: 'use sleep() from @temporalio/workflow' },
        { name: 'setInterval', message: 'use sleep() from @temporalio/workflow' },
        { name: 'fetch', message: 'do I/O in activities' },
        { name: 'process', message: 'workflows have no process environment' },
      ],
    },
  },
  {
    // Activities may be imported by workflows only as types.
    files: ['workflows/**/*.ts'],
    rules: { '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports' }] },
  },
);
