import { and, desc, eq, gt, sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { startProcess } from './start-process';
import { offShift } from '../access-log-settings';
import type { SessionUser } from '../auth/session';
import type { ApiContext } from '../context';
import type { PersonalDataRead } from '../http/route';
import type { AccessLogQuery, Verification } from '../../contracts/access-log';
import type { AnomalyRule } from '../../contracts/vocabulary';
import type { Database } from '../../db/client';
import { accessAlerts, accessLog, users } from '../../db/schema';
import { accessAnomalyProcess } from '../../workflows/access-anomaly/definition';
import { type AccessAnomalyInput, RULE_TITLES } from '../../workflows/access-anomaly/messages';

/** Whom a process's data or a task's context is about: its person (access control) or its user (an anomaly's reader). */
export function subjectsOf(data: Record<string, unknown>): string[] {
  return [data.personId, data.actorId, data.userId].filter((id): id is string => typeof id === 'string').slice(0, 1);
}

const ms = (value: number) => sql`(${value}::bigint * interval '1 millisecond')`;

/**
 * Appends one personal-data read to the access log, then applies the anomaly rules (P5.3c). The row is
 * written before the response is sent and a failure fails the request; the database's trigger chains it.
 * A rule that cannot start its alert process does not fail the read: the alert stays unstarted and the
 * next read that trips the rule starts it.
 */
export function accessLogWriter(ctx: ApiContext) {
  const client = ctx.db.$client;
  return async (read: PersonalDataRead): Promise<void> => {
    const { user } = read;
    const rules = ctx.settings.accessLog;
    // One short statement (a prepared one: this runs on every read), holding the chain's lock to its commit; the
    // rules count afterwards. set_config(…, true) holds for the statement's own transaction only.
    const [logged] = await client<Array<{ id: string }>>`
      with settings as (select set_config('synchronous_commit', ${rules.synchronousCommit ? 'on' : 'off'}, true)),
      logged as (
        insert into access_log (actor_id, actor_roles, kind, scope, record_ids, subject_ids, route, ip, prev_hash, hash)
        values (${user.id}, ${user.roles}::text[], ${read.kind}, ${read.scope}, ${read.recordIds}::text[], ${read.subjectIds}::text[], ${read.route}, ${read.ip}, '', '')
        returning id)
      select logged.id from logged, settings`;
    const since = (windowMs: number) => new Date(Date.now() - windowMs).toISOString();
    try {
      if (read.scope === 'record' && read.subjectIds.length) {
        const people = await distinctPeople(ctx, user.id, logged.id, read.subjectIds, since(rules.manyPeople.windowMs));
        if (people > rules.manyPeople.limit) await raise(ctx, user, 'many-people', people, rules.manyPeople.limit, rules.manyPeople.windowMs);
      }
      if (read.scope === 'export') {
        const [{ exports }] = await client<Array<{ exports: number }>>`
          select count(*)::int as exports from access_log where actor_id = ${user.id} and scope = 'export' and at > ${since(rules.bulkExport.windowMs)}::timestamptz`;
        if (exports > rules.bulkExport.limit) await raise(ctx, user, 'bulk-export', exports, rules.bulkExport.limit, rules.bulkExport.windowMs);
      }
      if (!read.self && offShift(rules.offShift, user.roles, new Date())) await raise(ctx, user, 'off-shift', 1, 0, rules.offShift.windowMs);
    } catch (error) {
      console.error('[access-log] an anomaly alert could not be raised; the next read that trips the rule retries it', error);
    }
  };
}

/**
 * How many distinct people the user's record reads since `since` name, this read included. 0 when this read
 * names nobody new in the window (the count cannot have grown) or the user's alert for the rule is already
 * open: so the full count runs at most about `limit` times per window, however much one user reads.
 */
async function distinctPeople(ctx: ApiContext, actorId: string, readId: string, subjectIds: string[], since: string): Promise<number> {
  const [{ people }] = await ctx.db.$client<Array<{ people: number }>>`
    select case
      when exists (select 1 from access_alerts where actor_id = ${actorId} and rule = 'many-people' and window_end > now() and started) then 0
      when not exists (
        select 1 from unnest(${subjectIds}::text[]) s
        where not exists (
          select 1 from access_log
          where actor_id = ${actorId} and scope = 'record' and at > ${since}::timestamptz and id <> ${readId}::bigint and subject_ids @> array[s]))
      then 0
      else (
        select count(*) from (
          select unnest(subject_ids) from access_log
          where actor_id = ${actorId} and scope = 'record' and at > ${since}::timestamptz and id <> ${readId}::bigint
          union select unnest(${subjectIds}::text[])) seen)
    end::int as people`;
  return people;
}

/** One alert per (user, rule, window): the window opens when the rule first fires and lasts the rule's length. */
async function raise(ctx: ApiContext, user: SessionUser, rule: AnomalyRule, observed: number, threshold: number, windowMs: number): Promise<void> {
  const alert = await ctx.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`steward.access_alerts:${user.id}:${rule}`}))`);
    const [open] = await tx
      .select()
      .from(accessAlerts)
      .where(and(eq(accessAlerts.actorId, user.id), eq(accessAlerts.rule, rule), gt(accessAlerts.windowEnd, sql`now()`)))
      .orderBy(desc(accessAlerts.windowEnd))
      .limit(1);
    if (open) return open;
    const id = randomUUID();
    const [created] = await tx
      .insert(accessAlerts)
      .values({ id, rule, actorId: user.id, windowStart: sql`now()`, windowEnd: sql`now() + ${ms(windowMs)}`, observed, threshold, workflowId: accessAnomalyProcess.workflowId(id) })
      .returning();
    return created;
  });
  if (alert.started) return;
  const input: AccessAnomalyInput = {
    alertId: alert.id,
    rule,
    actor: { userId: user.id, displayName: user.displayName, roles: user.roles },
    windowStart: alert.windowStart.toISOString(),
    windowEnd: alert.windowEnd.toISOString(),
    observed: alert.observed,
    threshold: alert.threshold,
    timings: { reviewDueMs: ctx.settings.accessLog.reviewDueMs },
  };
  await startProcess(ctx, accessAnomalyProcess, { workflowId: alert.workflowId, input, title: `${RULE_TITLES[rule]}: ${user.displayName}`, startedBy: null });
  await ctx.db.update(accessAlerts).set({ started: true }).where(eq(accessAlerts.id, alert.id));
}

// ---- the auditor's view ----

/** Newest first, keyset pages on the row id (the chain's order). */
export async function listAccessLog(ctx: ApiContext, query: AccessLogQuery) {
  const rows = await ctx.db
    .select({ row: accessLog, actorName: users.displayName })
    .from(accessLog)
    .leftJoin(users, eq(users.id, accessLog.actorId))
    .where(
      and(
        query.subject ? sql`${accessLog.subjectIds} @> array[${query.subject}]::text[]` : undefined,
        query.record ? sql`${accessLog.recordIds} @> array[${query.record}]::text[]` : undefined,
        query.actor ? eq(accessLog.actorId, query.actor) : undefined,
        query.kind ? eq(accessLog.kind, query.kind) : undefined,
        query.from ? sql`${accessLog.at} >= ${query.from}::timestamptz` : undefined,
        query.to ? sql`${accessLog.at} < ${query.to}::timestamptz` : undefined,
        query.cursor ? sql`${accessLog.id} < ${query.cursor}::bigint` : undefined,
      ),
    )
    .orderBy(desc(accessLog.id))
    .limit(query.limit + 1);
  const items = rows.slice(0, query.limit).map(({ row, actorName }) => ({
    id: row.id,
    at: row.at.toISOString(),
    actorId: row.actorId,
    actorName,
    actorRoles: row.actorRoles,
    kind: row.kind,
    scope: row.scope,
    recordIds: row.recordIds,
    subjectIds: row.subjectIds,
    route: row.route,
    ip: row.ip,
    hash: row.hash.toString('hex'),
  }));
  return { items, nextCursor: rows.length > query.limit ? String(items[items.length - 1].id) : null };
}

/**
 * Recomputes the chain in the database, with the same SQL function the trigger hashed with: each row's
 * hash from its content (one scan), then each link to the row before (one ordered pass). A row
 * changed, inserted or deleted behind the trigger's back breaks one or the other at that row.
 */
export async function verifyAccessLog(db: Database): Promise<Verification> {
  const started = Date.now();
  const [content] = (await db.execute(sql`
    select count(*)::bigint as rows,
      min(id) filter (where sha256(prev_hash || access_log_content(id, at, actor_id, actor_roles, kind, scope, record_ids, subject_ids, route, ip)) <> hash) as broken
    from ${accessLog}`)) as unknown as Array<{ rows: string; broken: string | null }>;
  const [link] = (await db.execute(sql`
    select min(id) as broken from (select id, prev_hash, lag(hash) over (order by id) as prior from ${accessLog}) chain
    where prev_hash <> coalesce(prior, access_log_genesis())`)) as unknown as Array<{ broken: string | null }>;
  const candidates = [
    ...(content.broken === null ? [] : [{ id: Number(content.broken), reason: 'content' as const }]),
    ...(link.broken === null ? [] : [{ id: Number(link.broken), reason: 'link' as const }]),
  ].sort((a, b) => a.id - b.id);
  return { intact: candidates.length === 0, rows: Number(content.rows), firstBroken: candidates[0] ?? null, checkedAt: new Date().toISOString(), durationMs: Date.now() - started };
}

/** The latest alerts, newest first. */
export async function listAccessAlerts(ctx: ApiContext) {
  const rows = await ctx.db
    .select({ alert: accessAlerts, actorName: users.displayName })
    .from(accessAlerts)
    .leftJoin(users, eq(users.id, accessAlerts.actorId))
    .orderBy(desc(accessAlerts.windowStart), desc(accessAlerts.id))
    .limit(100);
  return {
    items: rows.map(({ alert, actorName }) => ({
      id: alert.id,
      rule: alert.rule,
      actorId: alert.actorId,
      actorName,
      windowStart: alert.windowStart.toISOString(),
      windowEnd: alert.windowEnd.toISOString(),
      observed: alert.observed,
      threshold: alert.threshold,
      workflowId: alert.workflowId,
      finding: alert.finding,
      note: alert.note,
      reviewedAt: alert.reviewedAt?.toISOString() ?? null,
    })),
  };
}
