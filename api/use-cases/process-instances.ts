import { and, desc, eq, exists, getTableColumns, gte, ilike, inArray, lt, notInArray, or, sql, type SQL } from 'drizzle-orm';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { decodeCursor, page } from './cursor';
import type { SessionUser } from '../auth/session';
import type { ApiContext } from '../context';
import { badRequest, notFound } from '../http/problem';
import { label, type Label } from '../../contracts/labels';
import { hiddenProcesses } from '../../contracts/permissions';
import { STEP_COUNTS_KEY, type InstanceListQuery, type ProcessCatalogueEntry, type StepMark } from '../../contracts/processes';
import { owners, processArchives, processInstances, tasks, unitOwners, units, users } from '../../db/schema';
import { loadInstanceHistory, projectionSnapshot, type ProjectionSnapshot } from '../../domain/process-archive';
import { processLabels } from '../../workflows/lib/labels';
import { PROCESSES, processNamed } from '../../workflows/processes';
import { titleData } from './instance-titles';
import { nameInstanceTitles, nameReferences, referencesOf } from './task-references';
import { containing } from '../../db/like-pattern';

type InstanceRow = Omit<typeof processInstances.$inferSelect, 'data' | 'lastSeq' | 'unitId'>;

const summary = ({ row, startedByName }: { row: InstanceRow; startedByName: string | null }, shownTitle: Label) => ({
  workflowId: row.workflowId,
  process: row.process,
  title: row.title,
  shownTitle,
  status: row.status,
  startedAt: row.startedAt.toISOString(),
  endedAt: row.endedAt?.toISOString() ?? null,
  currentSteps: row.currentSteps,
  startedBy: row.startedBy,
  startedByName,
});

// A list carries of each instance's data only what its title reads.
const { data: _data, lastSeq: _lastSeq, unitId: _unitId, ...listed } = getTableColumns(processInstances);

const selectInstances = (ctx: ApiContext) =>
  ctx.db
    .select({ row: listed, titleData, startedByName: users.displayName })
    .from(processInstances)
    .leftJoin(users, eq(users.id, processInstances.startedBy))
    .$dynamic();

const refused = (field: string, name: string) => badRequest('search.no-match', { what: field, name }, [{ field: `query.${field}`, message: 'no-match' }]);

/** The processes a name stands for: its code, or every process whose title (zh-CN or English) contains it. */
function processesNamed(name: string): string[] {
  if (processNamed(name)) return [name];
  const wanted = name.toLocaleLowerCase();
  const codes = PROCESSES.filter(({ title }) => Object.values(title).some((text) => text.toLocaleLowerCase().includes(wanted))).map(({ name: code }) => code);
  if (codes.length === 0) throw refused('process', name);
  return codes;
}

/** The users a reporter or actor filter stands for: a user id, a username, or display names containing the text. */
async function usersNamed(ctx: ApiContext, filter: 'reporter' | 'actor', text: string) {
  const rows = await ctx.db
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .where(or(eq(users.id, text), eq(users.username, text), ilike(users.displayName, containing(text))))
    .orderBy(users.id);
  if (rows.length === 0) throw refused(filter, text);
  return rows.map((row) => ({ filter, ...row }));
}

/** An owner's instances: those about one of their units, and those they reported or started themselves. */
async function ownerScope(ctx: ApiContext, text: string) {
  const found = await ctx.db
    .select({ id: owners.id, name: owners.name })
    .from(owners)
    .where(or(eq(owners.id, text), ilike(owners.name, containing(text))))
    .orderBy(owners.id);
  if (found.length === 0) throw refused('owner', text);
  const ownerIds = found.map((row) => row.id);
  const [unitRows, userRows] = await Promise.all([
    ctx.db.selectDistinct({ unitId: unitOwners.unitId }).from(unitOwners).where(inArray(unitOwners.ownerId, ownerIds)),
    ctx.db.select({ id: users.id }).from(users).where(inArray(users.ownerId, ownerIds)),
  ]);
  const conditions = [
    unitRows.length ? inArray(processInstances.unitId, unitRows.map((row) => row.unitId)) : undefined,
    userRows.length ? inArray(processInstances.startedBy, userRows.map((row) => row.id)) : undefined,
  ].filter((condition) => condition !== undefined);
  const condition: SQL = conditions.length ? or(...conditions)! : sql`false`;
  return { matched: found.map((row) => ({ filter: 'owner' as const, ...row })), condition };
}

/**
 * The instance search: each filter narrows (see `instanceListQuery`), newest first, in keyset pages that stay
 * stable while instances start. Names are resolved first, against the small master tables, so the search over the
 * instances is plain column conditions the indexes serve. `matched` names the people the names stood for.
 */
export async function listInstances(ctx: ApiContext, user: SessionUser, query: InstanceListQuery) {
  const cursor = decodeCursor(query.cursor);
  const hidden = hiddenProcesses(user);
  const zone = ctx.settings.communityTimeZone;
  if (query.unit && !(await ctx.db.query.units.findFirst({ where: eq(units.id, query.unit) }))) throw refused('unit', query.unit);
  const [owner, reporters, actors] = await Promise.all([
    query.owner ? ownerScope(ctx, query.owner) : undefined,
    query.reporter ? usersNamed(ctx, 'reporter', query.reporter) : undefined,
    query.actor ? usersNamed(ctx, 'actor', query.actor) : undefined,
  ]);
  const acted = actors
    ? ctx.db
        .select({ one: sql`1` })
        .from(tasks)
        .where(and(eq(tasks.workflowId, processInstances.workflowId), inArray(tasks.completedBy, actors.map((actor) => actor.id))))
    : undefined;
  const rows = await selectInstances(ctx)
    .where(
      and(
        query.process ? inArray(processInstances.process, processesNamed(query.process)) : undefined,
        hidden.length ? notInArray(processInstances.process, [...hidden]) : undefined,
        query.status === 'all' ? undefined : eq(processInstances.status, query.status),
        owner?.condition,
        query.unit ? eq(processInstances.unitId, query.unit) : undefined,
        reporters ? inArray(processInstances.startedBy, reporters.map((reporter) => reporter.id)) : undefined,
        acted ? exists(acted) : undefined,
        // Whole days in the community's time zone; `to` includes its day.
        query.from ? gte(processInstances.startedAt, sql`(${query.from}::timestamp at time zone ${zone})`) : undefined,
        query.to ? lt(processInstances.startedAt, sql`((${query.to}::date + 1)::timestamp at time zone ${zone})`) : undefined,
        // A row comparison, so the index starts at the cursor: a deep page costs what the first one does.
        cursor ? sql`(${processInstances.startedAt}, ${processInstances.workflowId}) < (${cursor[0].toISOString()}::timestamptz, ${cursor[1]})` : undefined,
      ),
    )
    .orderBy(desc(processInstances.startedAt), desc(processInstances.workflowId))
    .limit(query.limit + 1);
  const matched = [...(owner?.matched ?? []), ...(reporters ?? []), ...(actors ?? [])];
  const shown = rows.slice(0, query.limit);
  const titles = await nameInstanceTitles(ctx, shown.map(({ row, titleData: data }) => ({ process: row.process, title: row.title, data })));
  const items = rows.map((row, index) => summary(row, titles[index] ?? label(row.row.title, row.row.title)));
  return { ...page(items, query.limit, (instance) => [instance.startedAt, instance.workflowId]), matched };
}

/**
 * The instance page: step marks and visit counts for the diagram, the timeline and the data. A closed
 * instance's page is drawn from its archived projection, the live projection's copy taken at archival.
 */
export async function getInstance(ctx: ApiContext, user: SessionUser, workflowId: string) {
  const [archived] = await ctx.db
    .select({
      runId: processArchives.runId,
      closeStatus: processArchives.closeStatus,
      closedAt: processArchives.closedAt,
      archivedAt: processArchives.archivedAt,
      historySha256: processArchives.historySha256,
      historyEvents: processArchives.historyEvents,
      projection: processArchives.projection,
    })
    .from(processArchives)
    .where(eq(processArchives.workflowId, workflowId));
  const snapshot = (archived?.projection as ProjectionSnapshot | undefined) ?? (await projectionSnapshot(ctx.db, workflowId));
  const hidden = hiddenProcesses(user);
  if (!snapshot || hidden.includes(snapshot.instance.process)) throw notFound('process.unknown', { workflowId });
  const { instance } = snapshot;
  const [[starter], chain] = await Promise.all([
    instance.startedBy ? ctx.db.select({ displayName: users.displayName }).from(users).where(eq(users.id, instance.startedBy)) : [],
    relatedInstances(ctx, workflowId),
  ]);
  const related = chain.filter((linked) => !hidden.includes(linked.process));
  const definition = processNamed(instance.process);
  const { [STEP_COUNTS_KEY]: stepCounts, ...data } = instance.data as Record<string, unknown>;
  const [[shownTitle, ...relatedTitles], references] = await Promise.all([
    nameInstanceTitles(ctx, [instance, ...related]),
    nameReferences(ctx, definition ? referencesOf({ process: instance.process, title: '', context: { data, details: snapshot.stepEvents.map((event) => event.detail) } }) : new Map()),
  ]);
  const steps: Record<string, StepMark> = {};
  for (const event of snapshot.stepEvents) {
    const status = event.event === 'entered' ? 'active' : (event.event as 'completed' | 'failed');
    steps[event.stepId] = { status, visits: Math.max(event.visit, steps[event.stepId]?.visits ?? 0) };
  }
  for (const [stepId, counts] of Object.entries((stepCounts ?? {}) as Record<string, Record<string, number>>)) {
    if (steps[stepId]) steps[stepId].counts = counts;
  }
  const now = Date.now();
  for (const task of snapshot.tasks) {
    if (task.status === 'open' && Date.parse(task.dueAt) < now && steps[task.stepId]?.status === 'active') steps[task.stepId].status = 'overdue';
  }
  const stepIdOf = new Map(snapshot.tasks.map((task) => [task.id, task.stepId]));
  const timeline = [
    ...snapshot.stepEvents.map((event) => ({ at: event.at, stepId: event.stepId, event: event.event, actor: event.actor, detail: event.detail })),
    ...snapshot.taskActions.map((action) => ({ at: action.at, stepId: stepIdOf.get(action.taskId) ?? '', event: action.action, actor: action.actor, detail: action.detail })),
  ].sort((a, b) => a.at.localeCompare(b.at));
  return {
    // The snapshot's instance is already the summary's shape; its data is answered on its own below.
    instance: { ...instance, data: undefined, shownTitle, startedByName: starter?.displayName ?? null },
    steps,
    stepTitles: Object.fromEntries(Object.values(definition?.steps ?? {}).map((step) => [step.id, `${step.title} [${step.clause}]`])),
    stepClauses: Object.fromEntries(Object.values(definition?.steps ?? {}).map((step) => [step.id, step.clause])),
    timeline,
    data,
    /** The names of the ids the data and the timeline hold (a zone, a device, a linked process), as a task's references. */
    references,
    related: related.map(({ data: _titleData, ...linked }, index) => ({ ...linked, shownTitle: relatedTitles[index] })),
    archive: archived
      ? {
          runId: archived.runId,
          closeStatus: archived.closeStatus,
          closedAt: archived.closedAt.toISOString(),
          archivedAt: archived.archivedAt.toISOString(),
          historySha256: archived.historySha256,
          historyEvents: archived.historyEvents,
        }
      : null,
  };
}

const MAX_CHAIN = 200;

/**
 * The instance's whole chain (P2.1c → P2.2b → P2.3 → P3.2): every instance reachable through links
 * in either direction, nearest first, so each is one click away from any other.
 */
async function relatedInstances(ctx: ApiContext, workflowId: string) {
  const rows = await ctx.db.execute<{ workflow_id: string; relation: string; via: string; distance: number }>(sql`
    with recursive chain(workflow_id, relation, via, distance, path) as (
      select ${workflowId}::text, ''::text, ''::text, 0, array[${workflowId}::text]
      union all
      select next.workflow_id, next.relation, chain.workflow_id, chain.distance + 1, chain.path || next.workflow_id
      from chain
      cross join lateral (
        select to_workflow_id as workflow_id, relation from process_links where from_workflow_id = chain.workflow_id
        union all
        select from_workflow_id, relation from process_links where to_workflow_id = chain.workflow_id
      ) next
      where not next.workflow_id = any(chain.path) and chain.distance < 10
    )
    select distinct on (workflow_id) workflow_id, relation, via, distance from chain
    where distance > 0
    order by workflow_id, distance
    limit ${MAX_CHAIN}`);
  if (rows.length === 0) return [];
  const instances = await ctx.db
    .select({ workflowId: processInstances.workflowId, process: processInstances.process, title: processInstances.title, status: processInstances.status, data: titleData })
    .from(processInstances)
    .where(inArray(processInstances.workflowId, rows.map((row) => row.workflow_id)));
  const byId = new Map(instances.map((instance) => [instance.workflowId, instance]));
  return rows
    .filter((row) => byId.has(row.workflow_id))
    .map((row) => ({ ...byId.get(row.workflow_id)!, relation: row.relation, via: row.via, distance: row.distance }))
    .sort((a, b) => a.distance - b.distance || a.workflowId.localeCompare(b.workflowId));
}

const workflowsDir = fileURLToPath(new URL('../../workflows/', import.meta.url));

/** Every process: its name, title in each language and clauses (the UI's labels come from here). */
export const processCatalogue = (): ProcessCatalogueEntry[] =>
  PROCESSES.map((definition) => ({
    name: definition.name,
    title: definition.title,
    clauses: [...definition.clauses],
    steps: Object.fromEntries(Object.values(definition.steps).map((step) => [step.id, step.label])),
    labels: processLabels(definition),
  }));

export async function processDiagram(process: string): Promise<string> {
  const definition = processNamed(process);
  if (!definition) throw notFound('process.unknown-definition', { process });
  return readFile(`${workflowsDir}${definition.name}/diagram.bpmn`, 'utf8');
}

/** The full history, for auditors and the replay: from Temporal, or from the archive once Temporal has dropped it. */
export async function processHistory(ctx: ApiContext, user: SessionUser, workflowId: string): Promise<string> {
  // Only instances the user may open: indexed ones, not of a process hidden from their roles (M6).
  const [indexed] = await ctx.db.select({ process: processInstances.process }).from(processInstances).where(eq(processInstances.workflowId, workflowId));
  if (!indexed || hiddenProcesses(user).includes(indexed.process)) throw notFound('process.no-history', { workflowId });
  const history = await loadInstanceHistory(ctx.db, ctx.temporal, workflowId);
  if (!history) throw notFound('process.no-history', { workflowId });
  return history.json;
}
