import { and, count, desc, eq, inArray } from 'drizzle-orm';
import { storeCredential } from './credentials';
import { actorOf, deviceSafeId, ownsUnit } from './shared';
import { startProcess } from '../start-process';
import type { SessionUser } from '../../auth/session';
import type { ApiContext } from '../../context';
import { conflict, forbidden, notFound, unprocessable } from '../../http/problem';
import { doorsOfPerson } from '../../../domain/access-rules';
import type { PassRequest } from '../../../contracts/access-control';
import { canOnAny } from '../../../contracts/permissions';
import { accessPeople, unitOwners, units, visitorPasses } from '../../../db/schema';
import { visitorPassProcess } from '../../../workflows/visitor-pass/definition';
import { cancelPassSignal, type VisitorPassInput } from '../../../workflows/visitor-pass/messages';

/** P4.2b: an owner issues a pass for their own unit (staff for any); it expires by itself. */
export async function issueVisitorPass(ctx: ApiContext, user: SessionUser, request: PassRequest) {
  const unit = await ctx.db.query.units.findFirst({ where: eq(units.id, request.hostUnitId) });
  if (!unit) throw unprocessable('access.unknown-unit', [{ field: 'hostUnitId', message: 'no-such-unit' }]);
  if (!canOnAny(user, 'visitor-pass.start') && !(await ownsUnit(ctx, user, unit.id))) throw forbidden('access.own-units-passes', [{ field: 'hostUnitId', message: 'not-your-unit' }]);
  const validFrom = request.validFrom ? new Date(request.validFrom) : new Date();
  const validUntil = new Date(request.validUntil);
  if (validUntil.getTime() <= Date.now()) throw unprocessable('access.pass-never-valid', [{ field: 'validUntil', message: 'must-be-future' }]);
  const { visitorPassMaxValidityMs, activePassesPerOwner } = ctx.settings.accessControl;
  // M5: a visitor's card or PIN is short-lived, whoever issues it.
  if (validUntil.getTime() - validFrom.getTime() > visitorPassMaxValidityMs) {
    const days = Math.round((visitorPassMaxValidityMs / 86_400_000) * 10) / 10;
    throw unprocessable('access.pass-too-long', { days }, [{ field: 'validUntil', message: 'pass-max-days', params: { days } }]);
  }
  const workflowId = visitorPassProcess.workflowId(request.passId);
  const existing = await ctx.db.query.visitorPasses.findFirst({ where: eq(visitorPasses.id, request.passId) });
  if (existing && existing.hostUnitId !== request.hostUnitId) throw conflict('access.pass-taken', [{ field: 'passId', message: 'taken' }]);
  if (!existing && !canOnAny(user, 'visitor-pass.start')) {
    const [active] = await ctx.db.select({ passes: count() }).from(visitorPasses).where(and(eq(visitorPasses.issuedBy, user.id), eq(visitorPasses.status, 'active')));
    if (active.passes >= activePassesPerOwner) {
      throw conflict('access.too-many-passes', { count: active.passes }, [{ field: 'passId', message: 'active-passes-limit', params: { limit: activePassesPerOwner } }]);
    }
  }
  const personId = existing?.personId ?? deviceSafeId('v', request.passId);
  const credentialId = existing?.credentialId ?? `pass-${request.passId}`;
  if (!existing) {
    await ctx.db.insert(accessPeople).values({ id: personId, kind: 'visitor', name: request.visitorName, unitId: unit.id }).onConflictDoNothing();
    await storeCredential(ctx, user, { credentialId, personId, material: request.credential, validFrom, validUntil, workflowId });
    await ctx.db
      .insert(visitorPasses)
      .values({ id: request.passId, personId, credentialId, hostUnitId: unit.id, issuedBy: user.id, validFrom, validUntil, status: 'active', workflowId })
      .onConflictDoNothing();
  }
  const input: VisitorPassInput = {
    passId: request.passId,
    credentialId,
    visitorName: request.visitorName,
    hostUnitId: unit.id,
    deviceIds: await doorsOfPerson(ctx.db, personId),
    validUntil: validUntil.toISOString(),
    issuedBy: actorOf(user),
    retry: ctx.settings.accessControl.deviceRetry,
  };
  await startProcess(ctx, visitorPassProcess, { workflowId, input, title: `Visitor ${request.visitorName} → ${unit.id}`, startedBy: user.id });
  return { workflowId, passId: request.passId, credentialId };
}

const view = (row: typeof visitorPasses.$inferSelect & { visitorName: string }) => ({
  id: row.id,
  visitorName: row.visitorName,
  hostUnitId: row.hostUnitId,
  validFrom: row.validFrom.toISOString(),
  validUntil: row.validUntil.toISOString(),
  status: row.status,
  credentialId: row.credentialId,
  workflowId: row.workflowId,
  issuedBy: row.issuedBy,
  endedAt: row.endedAt?.toISOString() ?? null,
});

/** Staff see every pass; an owner the passes of their own units. */
export async function listVisitorPasses(ctx: ApiContext, user: SessionUser) {
  let unitIds: string[] | null = null;
  if (!canOnAny(user, 'visitor-pass.read')) {
    unitIds = user.ownerId ? (await ctx.db.select({ unitId: unitOwners.unitId }).from(unitOwners).where(eq(unitOwners.ownerId, user.ownerId))).map((row) => row.unitId) : [];
    if (!unitIds.length) return { items: [] };
  }
  const rows = await ctx.db
    .select({ pass: visitorPasses, visitorName: accessPeople.name })
    .from(visitorPasses)
    .innerJoin(accessPeople, eq(accessPeople.id, visitorPasses.personId))
    .where(unitIds ? inArray(visitorPasses.hostUnitId, unitIds) : undefined)
    .orderBy(desc(visitorPasses.validFrom))
    .limit(200);
  return { items: rows.map(({ pass, visitorName }) => view({ ...pass, visitorName })) };
}

/** The host or staff end a pass early; the process revokes it on every door. */
export async function cancelVisitorPass(ctx: ApiContext, user: SessionUser, passId: string) {
  const pass = await ctx.db.query.visitorPasses.findFirst({ where: eq(visitorPasses.id, passId) });
  if (!pass) throw notFound('access.unknown-pass', { passId });
  if (!canOnAny(user, 'visitor-pass.cancel') && !(await ownsUnit(ctx, user, pass.hostUnitId))) throw forbidden('access.cancel-own-units');
  if (pass.status !== 'active') return { status: pass.status };
  await ctx.temporal.workflow.getHandle(pass.workflowId).signal(cancelPassSignal, { by: user.displayName });
  return { status: 'active' as const };
}

