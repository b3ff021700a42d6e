import { writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { API_BASE, apiRoutes } from '../api/app';
import type { ApiContext } from '../api/context';
import { ACCESS_PROCESSES, INSPECTOR_ROLES, OWN_RULES, PERMISSIONS, permissionOf, ROLES, type Action } from '../contracts/permissions';

/**
 * docs/permissions.md, generated from the permission table (contracts/permissions.ts) and the routes
 * that declare its actions. `npm run docs:permissions` writes it; test/permissions.test.ts fails when
 * the file differs from what this generates.
 */
export const PERMISSIONS_DOC = fileURLToPath(new URL('../docs/permissions.md', import.meta.url));

const cell = (text: string) => text.replace(/\|/g, '\\|');

export function permissionsMarkdown(): string {
  // The route factories only keep the context for their handlers, which never run here.
  const routes = apiRoutes({} as ApiContext);
  const routesOf = (action: Action) =>
    routes.filter((route) => route.access === action).map((route) => `\`${route.method.toUpperCase()} ${API_BASE}${route.path}\``);
  const open = routes.filter((route) => route.access === 'public' || route.access === 'signed-in');

  const rows = (Object.keys(PERMISSIONS) as Action[]).map((action) => {
    const { description, roles, own, clauses } = permissionOf(action);
    const marks = ROLES.map((role) => {
      if (roles.includes(role)) return '✓';
      return own && (own.roles === 'signed-in' || own.roles.includes(role)) ? 'own' : '';
    });
    const rule = own ? `${own.rule}${own.roles === 'signed-in' ? ' (any signed-in user)' : ''}` : '';
    return `| \`${action}\` | ${cell(description)} | ${rule} | ${(clauses ?? []).join(', ')} | ${marks.join(' | ')} | ${routesOf(action).join('<br>')} |`;
  });

  return [
    '# Permissions',
    '',
    'Generated from [`contracts/permissions.ts`](../contracts/permissions.ts) by `npm run docs:permissions`: edit the table, not this',
    'file (`test/permissions.test.ts` fails when they differ). Routes declare one action as their access (or are',
    'public, or open to any signed-in user); use cases, the worklist and the UI navigation ask the same actions.',
    '',
    '✓: the role may do it on any record. own: only on its own records, by the rule named. A user holding',
    'several roles may do what any of them may.',
    '',
    `| action | what | rule | clauses | ${ROLES.join(' | ')} | routes |`,
    `|---|---|---|---|${ROLES.map(() => ':-:|').join('')}---|`,
    ...rows,
    '',
    '## Own-record rules',
    '',
    '| rule | a record is the user\'s own when it is |',
    '|---|---|',
    ...Object.entries(OWN_RULES).map(([rule, meaning]) => `| \`${rule}\` | ${cell(meaning)} |`),
    '',
    'The `task-candidate` rule is one function, `isTaskCandidate`, used by the `completeTask` update\'s validator',
    '(`workflows/lib/human-task.ts`) and by the worklist (`api/use-cases/worklist.ts`); the worklist\'s SQL',
    'condition sits beside it and `test/permissions.test.ts` checks the two agree.',
    '',
    '## Also in the table',
    '',
    `- Access processes (\`access-process.read\`): ${ACCESS_PROCESSES.map((process) => `\`${process}\``).join(', ')}.`,
    `- Roles an inspection plan can make responsible (its task's candidates): ${INSPECTOR_ROLES.map((role) => `\`${role}\``).join(', ')}.`,
    '',
    '## Routes open to everyone or to any signed-in user',
    '',
    ...open.map((route) => `- \`${route.method.toUpperCase()} ${API_BASE}${route.path}\`: ${route.access}`),
    '',
  ].join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  writeFileSync(PERMISSIONS_DOC, permissionsMarkdown());
  console.log(`wrote ${PERMISSIONS_DOC}`);
}
