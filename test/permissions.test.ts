import { inArray } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { USER_OF_ROLE } from './support/demo-users';
import { createTestDatabase, type TestDatabase } from './support/stack';
import { API_BASE, apiRoutes } from '../api/app';
import type { SessionUser } from '../api/auth/session';
import type { ApiContext } from '../api/context';
import { openApiDocument } from '../api/http/route';
import { getTask, listWorklist } from '../api/use-cases/worklist';
import { worklistFilters } from '../contracts/tasks';
import { canOnAny, isTaskCandidate, PERMISSIONS, rolesFor } from '../contracts/permissions';
import { tasks, users } from '../db/schema';
import { PERMISSIONS_DOC, permissionsMarkdown } from '../scripts/permissions-doc';

const root = fileURLToPath(new URL('..', import.meta.url));
const actions = Object.keys(PERMISSIONS);

describe('the permission table', () => {
  it('docs/permissions.md is what npm run docs:permissions generates from it', () => {
    expect(readFileSync(PERMISSIONS_DOC, 'utf8'), 'run npm run docs:permissions').toBe(permissionsMarkdown());
  });

  it("every route's access is public, signed-in, or an action of the table", () => {
    const routes = apiRoutes({} as ApiContext);
    const strays = routes.filter((route) => route.access !== 'public' && route.access !== 'signed-in' && !actions.includes(route.access));
    expect(strays.map((route) => `${route.method} ${route.path}: ${JSON.stringify(route.access)}`)).toEqual([]);
    expect(routes.filter((route) => actions.includes(route.access)).length).toBeGreaterThan(80);
  });

  it('the OpenAPI document names each route\'s action and the roles it admits', () => {
    const operation = openApiDocument(apiRoutes({} as ApiContext), API_BASE).paths[`${API_BASE}/faults`].post as Record<string, unknown>;
    expect(operation['x-action']).toBe('fault-repair.start');
    expect(operation['x-access']).toEqual(rolesFor('fault-repair.start'));
    expect(operation['x-access']).toEqual(expect.arrayContaining(['owner', 'technician', 'admin']));
    expect(operation.description).toMatch(/^access: fault-repair\.start \(.*owner on their own: a unit the user owns/);
  });

  it('every action is asked somewhere: by a route, a use case, a workflow or the UI', () => {
    const sources = ['api', 'contracts', 'ui/src', 'workflows'].flatMap((dir) =>
      (readdirSync(path.join(root, dir), { recursive: true }) as string[])
        .filter((file) => /\.tsx?$/.test(file))
        .map((file) => readFileSync(path.join(root, dir, file), 'utf8')),
    );
    // The table's own keys are followed by a colon; an action asked for is not.
    const unused = actions.filter((action) => !sources.some((source) => new RegExp(`'${action.replace(/\./g, '\\.')}'(?!:)`).test(source)));
    expect(unused).toEqual([]);
  });
});

describe('the task-candidate rule', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('the worklist query, the task lookup and isTaskCandidate admit the same people to the same tasks', async () => {
    const ctx = { db: database.db } as ApiContext;
    const people: SessionUser[] = await database.db
      .select({ id: users.id, username: users.username, displayName: users.displayName, roles: users.roles, ownerId: users.ownerId, vendorId: users.vendorId })
      .from(users)
      .where(inArray(users.username, [...Object.values(USER_OF_ROLE), 'owner-li']));
    const [tech, owner, vendor] = ['tech1', 'owner-li', 'vendor-cctv'].map((username) => people.find((person) => person.username === username)!.id);
    const process = `permissions-test-${randomUUID()}`;
    const now = new Date();
    const rows = [[], ['technician'], ['guard', 'owner'], ['vendor'], ['auditor']].flatMap((candidateRoles) =>
      [[], [tech], [owner]].flatMap((candidateUsers) =>
        [null, tech, vendor].map((assignee) => ({
          id: `${process}.${randomUUID()}`,
          workflowId: process,
          process,
          stepId: 'step',
          title: 'candidate rule',
          status: 'open' as const,
          candidateRoles,
          candidateUsers,
          assignee,
          priority: 50,
          dueAt: now,
          createdAt: now,
          formSchema: {},
          context: {},
        })),
      ),
    );
    await database.db.insert(tasks).values(rows);
    const filters = worklistFilters.parse({ process, status: 'all', limit: 200 });
    const partlyVisible: string[] = [];
    for (const person of people) {
      const expected = rows
        .filter((task) => canOnAny(person, 'task.read') || isTaskCandidate({ userId: person.id, roles: person.roles }, task) || task.assignee === person.id)
        .map((task) => task.id)
        .sort();
      const listed = (await listWorklist(ctx, person, filters)).items.map((task) => task.id).sort();
      const found = (await Promise.all(rows.map((task) => getTask(ctx, person, task.id).then(() => task.id, () => null)))).filter((id) => id !== null).sort();
      expect(listed, person.username).toEqual(expected);
      expect(found, person.username).toEqual(expected);
      if (expected.length > 0 && expected.length < rows.length) partlyVisible.push(person.username);
    }
    // The rule sorts people: some see part of the tasks, auditors and admins all of them.
    expect(partlyVisible).toEqual(expect.arrayContaining(['tech1', 'owner-li', 'vendor-cctv', 'guard1']));
  });
});
