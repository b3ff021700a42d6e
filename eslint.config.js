import js from '@eslint/js';
import path from 'node:path';
import tseslint from 'typescript-eslint';

const root = import.meta.dirname;
const inside = (target, folder) => !path.relative(path.join(root, folder), target).startsWith('..');
const featureOf = (file) => /^ui\/src\/features\/([^/]+)\//.exec(path.relative(root, file).split(path.sep).join('/'))?.[1];

/**
 * Which folder may import which (relative imports, resolved): the UI takes from outside ui/ only contracts/,
 * and no UI feature imports another; workflows take values only from workflows/ and contracts/ (activities
 * as types); contracts/ imports nothing of Steward's but itself (and the types of processes a response embeds).
 */
function boundaryProblem(file, target, typeOnly) {
  if (inside(file, 'ui')) {
    if (!inside(target, 'ui') && !inside(target, 'contracts')) return 'the UI imports from outside ui/ only contracts/';
    const feature = featureOf(file);
    const other = featureOf(target);
    if (feature && other && other !== feature) return `UI features do not import each other (${feature} → ${other}): share through ui/src/components or ui/src/lib`;
  }
  if (inside(file, 'workflows') && !inside(target, 'workflows') && !inside(target, 'contracts') && !(typeOnly && inside(target, 'activities'))) {
    return 'workflows import only workflow-safe modules: workflows/, contracts/, and activities as types';
  }
  if (inside(file, 'contracts') && !inside(target, 'contracts') && !(typeOnly && inside(target, 'workflows'))) {
    return "contracts/ imports nothing from the rest of Steward (a response may embed a process's types)";
  }
  return null;
}

const boundaries = {
  rules: {
    imports: {
      meta: { type: 'problem', schema: [] },
      create(context) {
        const check = (node, typeOnly) => {
          const specifier = node.source?.value;
          if (typeof specifier !== 'string' || !specifier.startsWith('.')) return;
          const problem = boundaryProblem(context.filename, path.resolve(path.dirname(context.filename), specifier), typeOnly);
          if (problem) context.report({ node: node.source, message: problem });
        };
        return {
          ImportDeclaration: (node) => check(node, node.importKind === 'type' || (node.specifiers.length > 0 && node.specifiers.every((specifier) => specifier.importKind === 'type'))),
          ExportNamedDeclaration: (node) => check(node, node.exportKind === 'type'),
          ExportAllDeclaration: (node) => check(node, node.exportKind === 'type'),
          ImportExpression: (node) => check(node, false),
        };
      },
    },
  },
};

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
    files: ['ui/src/**/*.{ts,tsx}', 'workflows/**/*.ts', 'contracts/**/*.ts'],
    plugins: { boundaries },
    rules: { 'boundaries/imports': 'error' },
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
