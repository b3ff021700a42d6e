import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import { AccessRefusal, deviceSafeId, personOrNotFound } from './shared';
import type { SessionUser } from '../../auth/session';
import type { ApiContext } from '../../context';
import { forbidden, unprocessable } from '../../http/problem';
import type { PersonRequest } from '../../../contracts/access-control';
import { canOnAny } from '../../../contracts/permissions';
import { RECORD_NAMES } from '../../../contracts/problem-texts';
import { accessPeople, credentialDevices, credentials, faceConsents, faceDeletions, owners, residents, units, users } from '../../../db/schema';

/** P4.2b: registers a person who may hold credentials; idempotent on personId. */
export async function registerPerson(ctx: ApiContext, request: PersonRequest) {
  const missing = (field: string, what: 'owner' | 'user' | 'unit' | 'resident') => unprocessable('access.unknown-reference', { what: RECORD_NAMES[what] }, [{ field, message: `no-such-${what}` }]);
  if (request.ownerId && !(await ctx.db.query.owners.findFirst({ where: eq(owners.id, request.ownerId) }))) throw missing('ownerId', 'owner');
  if (request.userId && !(await ctx.db.query.users.findFirst({ where: eq(users.id, request.userId) }))) throw missing('userId', 'user');
  if (request.unitId && !(await ctx.db.query.units.findFirst({ where: eq(units.id, request.unitId) }))) throw missing('unitId', 'unit');
  const [resident] = request.residentId ? await ctx.db.select({ unitId: residents.unitId }).from(residents).where(and(eq(residents.id, request.residentId), isNull(residents.moveOutDate))) : [];
  if (request.residentId && !resident) throw missing('residentId', 'resident');
  if (request.kind === 'owner' && !request.ownerId) throw unprocessable('access.owner-needs-register', [{ field: 'ownerId', message: 'required-for-owner' }]);
  if (request.kind === 'resident' && !request.unitId && !resident) throw unprocessable('access.resident-needs-unit', [{ field: 'unitId', message: 'required-for-resident' }]);
  const row = { id: deviceSafeId('p', request.personId), kind: request.kind, name: request.name, ownerId: request.ownerId ?? null, userId: request.userId ?? null, unitId: request.unitId ?? resident?.unitId ?? null, residentId: request.residentId ?? null };
  await ctx.db.insert(accessPeople).values(row).onConflictDoNothing();
  const stored = await personOrNotFound(ctx, row.id);
  if (stored.kind !== row.kind || stored.name !== row.name) throw new AccessRefusal('IdTaken', 'personId', 'access.person-taken');
  return summaries(ctx, [stored]).then((list) => list[0]);
}

async function summaries(ctx: ApiContext, people: Array<typeof accessPeople.$inferSelect>) {
  const ids = people.map((person) => person.id);
  const [live, consents] = ids.length
    ? await Promise.all([
        ctx.db
          .select({ personId: credentials.personId, kind: credentials.kind })
          .from(credentials)
          .where(and(inArray(credentials.personId, ids), inArray(credentials.status, ['enrolling', 'active', 'revoking']))),
        ctx.db.select({ personId: faceConsents.personId }).from(faceConsents).where(and(inArray(faceConsents.personId, ids), isNull(faceConsents.withdrawnAt))),
      ])
    : [[], []];
  return people.map((person) => ({
    id: person.id,
    kind: person.kind,
    name: person.name,
    ownerId: person.ownerId,
    userId: person.userId,
    unitId: person.unitId,
    status: person.status,
    faceConsent: consents.some((consent) => consent.personId === person.id),
    credentialKinds: [...new Set(live.filter((row) => row.personId === person.id).map((row) => row.kind))].sort(),
  }));
}

/** Staff see everyone; an owner sees the people linked to their own sign-in (themselves). */
export async function listPeople(ctx: ApiContext, user: SessionUser) {
  const people = canOnAny(user, 'access.people.read')
    ? await ctx.db.select().from(accessPeople).orderBy(asc(accessPeople.kind), asc(accessPeople.name), asc(accessPeople.id))
    : await ctx.db.select().from(accessPeople).where(eq(accessPeople.userId, user.id));
  return { items: await summaries(ctx, people) };
}

export async function getPerson(ctx: ApiContext, user: SessionUser, personId: string) {
  const person = await personOrNotFound(ctx, personId);
  if (!canOnAny(user, 'access.people.read') && person.userId !== user.id) throw forbidden('access.own-record-only');
  const [summary] = await summaries(ctx, [person]);
  const credentialRows = await ctx.db.select().from(credentials).where(eq(credentials.personId, personId)).orderBy(desc(credentials.createdAt));
  const placed = credentialRows.length
    ? await ctx.db.select().from(credentialDevices).where(inArray(credentialDevices.credentialId, credentialRows.map((row) => row.id)))
    : [];
  const consentRows = await ctx.db.select().from(faceConsents).where(eq(faceConsents.personId, personId)).orderBy(desc(faceConsents.consentedAt));
  const deletionRows = await ctx.db.select().from(faceDeletions).where(eq(faceDeletions.personId, personId)).orderBy(desc(faceDeletions.requestedAt));
  return {
    ...summary,
    credentials: credentialRows.map((row) => ({
      id: row.id,
      kind: row.kind,
      cardHint: row.cardLast4 ? `…${row.cardLast4}` : null,
      status: row.status,
      validFrom: row.validFrom.toISOString(),
      validUntil: row.validUntil.toISOString(),
      workflowId: row.workflowId,
      revokedReason: row.revokedReason,
      devices: placed
        .filter((entry) => entry.credentialId === row.id)
        .map((entry) => ({
          deviceId: entry.deviceId,
          state: entry.state,
          lastError: entry.lastError,
          attempts: entry.attempts,
          pendingSince: entry.pendingSince?.toISOString() ?? null,
          updatedAt: entry.updatedAt.toISOString(),
        }))
        .sort((a, b) => a.deviceId.localeCompare(b.deviceId)),
    })),
    consents: consentRows.map((row) => ({
      id: row.id,
      scope: row.scope,
      method: row.method,
      recordedBy: row.recordedBy,
      consentedAt: row.consentedAt.toISOString(),
      withdrawnAt: row.withdrawnAt?.toISOString() ?? null,
    })),
    deletions: deletionRows.map((row) => ({ id: row.id, status: row.status, requestedAt: row.requestedAt.toISOString(), workflowId: row.workflowId })),
  };
}

