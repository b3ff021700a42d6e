import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import { actorOf, dataUrl, personForActor } from './shared';
import { startProcess } from '../start-process';
import type { SessionUser } from '../../auth/session';
import type { ApiContext } from '../../context';
import { forbidden, unprocessable } from '../../http/problem';
import type { ConsentRequest, DeletionRequest } from '../../../contracts/access-control';
import { canOnAny } from '../../../contracts/permissions';
import { isUniqueViolation } from '../../../db/client';
import { accessPeople, attachments, credentials, faceConsents, faceDeletionDevices, faceDeletions } from '../../../db/schema';
import { sealAttachmentContent } from '../../../db/sealed/records';
import { faceDeletionProcess } from '../../../workflows/face-deletion/definition';
import type { FaceDeletionInput } from '../../../workflows/face-deletion/messages';

/**
 * PIPL art. 14, 29: consent to face recognition is the person's own. Signed in as that person they
 * consent themselves; staff may only record a form the person signed, kept as evidence.
 */
export async function recordConsent(ctx: ApiContext, user: SessionUser, personId: string, request: ConsentRequest) {
  const person = await personForActor(ctx, user, personId, 'face-consent.record', { 'zh-CN': '登记人脸识别同意', en: 'record consent' });
  if (request.method === 'self' && person.userId !== user.id) {
    throw forbidden('access.consent-self-only', [{ field: 'method', message: 'not-the-person' }]);
  }
  if (request.method === 'signed-form' && !request.evidence) throw unprocessable('access.signed-form-needs-scan', [{ field: 'evidence', message: 'required-for-signed-form' }]);
  if (request.method === 'signed-form' && !canOnAny(user, 'face-consent.record')) throw forbidden('access.staff-record-forms', [{ field: 'method', message: 'staff-only' }]);
  const id = `consent-${personId}-${Date.now()}`;
  try {
    return await storeConsent(ctx, user, personId, id, request);
  } catch (error) {
    // Two consents at once: the partial unique index keeps one; the other request returns it.
    if (!isUniqueViolation(error)) throw error;
    const live = await ctx.db.query.faceConsents.findFirst({ where: and(eq(faceConsents.personId, personId), isNull(faceConsents.withdrawnAt)) });
    return { consentId: live!.id, consentedAt: live!.consentedAt.toISOString() };
  }
}

function storeConsent(ctx: ApiContext, user: SessionUser, personId: string, id: string, request: ConsentRequest) {
  return ctx.db.transaction(async (tx) => {
    const live = await tx.query.faceConsents.findFirst({ where: and(eq(faceConsents.personId, personId), isNull(faceConsents.withdrawnAt)) });
    // Consenting twice keeps the first consent: the record of when it was given stays true.
    if (live) return { consentId: live.id, consentedAt: live.consentedAt.toISOString() };
    let evidenceId: string | null = null;
    if (request.evidence) {
      evidenceId = `evidence-${id}`;
      const { contentType, content } = dataUrl(request.evidence);
      const sealed = await sealAttachmentContent(tx, evidenceId, content);
      await tx.insert(attachments).values({ id: evidenceId, kind: 'consent-scan', recordId: personId, contentType, ...sealed, uploadedBy: user.id });
    }
    const [row] = await tx.insert(faceConsents).values({ id, personId, scope: 'door-access', method: request.method, evidenceId, recordedBy: user.id }).returning();
    return { consentId: row.id, consentedAt: row.consentedAt.toISOString() };
  });
}

/** PIPL art. 47: the person's face is deleted from every device and from Steward; the deletion is logged. */
export async function requestFaceDeletion(ctx: ApiContext, user: SessionUser, personId: string, request: DeletionRequest) {
  const person = await personForActor(ctx, user, personId, 'face-deletion.start', { 'zh-CN': '申请删除人脸', en: 'request face deletion' });
  const workflowId = faceDeletionProcess.workflowId(request.deletionId);
  const existing = await ctx.db.query.faceDeletions.findFirst({ where: eq(faceDeletions.id, request.deletionId) });
  if (existing && existing.personId !== personId) throw unprocessable('access.deletion-taken', [{ field: 'deletionId', message: 'taken' }]);
  await ctx.db.insert(faceDeletions).values({ id: request.deletionId, personId, requestedBy: user.id, workflowId, status: 'running' }).onConflictDoNothing();
  const input: FaceDeletionInput = {
    deletionId: request.deletionId,
    personId,
    personName: person.name,
    requestedBy: actorOf(user),
    retry: ctx.settings.accessControl.deviceRetry,
    outage: ctx.settings.accessControl.doorOutage,
  };
  return startProcess(ctx, faceDeletionProcess, { workflowId, input, title: `Delete face: ${person.name}`, startedBy: user.id });
}

/** Withdrawing consent stops face recognition for the person: their face is deleted everywhere. */
export async function withdrawConsent(ctx: ApiContext, user: SessionUser, personId: string, request: DeletionRequest) {
  await personForActor(ctx, user, personId, 'face-consent.withdraw', { 'zh-CN': '撤回人脸识别同意', en: 'withdraw consent' });
  await ctx.db
    .update(faceConsents)
    .set({ withdrawnAt: new Date(), withdrawnBy: user.id })
    .where(and(eq(faceConsents.personId, personId), isNull(faceConsents.withdrawnAt)));
  const faces = await ctx.db.query.credentials.findFirst({
    where: and(eq(credentials.personId, personId), eq(credentials.kind, 'face'), inArray(credentials.status, ['enrolling', 'active', 'revoking', 'failed'])),
  });
  const deletion = faces ? await requestFaceDeletion(ctx, user, personId, request) : null;
  return { withdrawn: true, deletionWorkflowId: deletion?.workflowId ?? null };
}

/** The face-deletion log: which devices, when, by whom, with what result. */
export async function listFaceDeletions(ctx: ApiContext) {
  const rows = await ctx.db
    .select({ deletion: faceDeletions, personName: accessPeople.name })
    .from(faceDeletions)
    .innerJoin(accessPeople, eq(accessPeople.id, faceDeletions.personId))
    .orderBy(desc(faceDeletions.requestedAt))
    .limit(200);
  const devices = rows.length
    ? await ctx.db.select().from(faceDeletionDevices).where(inArray(faceDeletionDevices.deletionId, rows.map((row) => row.deletion.id)))
    : [];
  return {
    items: rows.map(({ deletion, personName }) => ({
      id: deletion.id,
      personId: deletion.personId,
      personName,
      requestedBy: deletion.requestedBy,
      requestedAt: deletion.requestedAt.toISOString(),
      status: deletion.status,
      imagesErased: deletion.imagesErased,
      completedAt: deletion.completedAt?.toISOString() ?? null,
      workflowId: deletion.workflowId,
      devices: devices
        .filter((device) => device.deletionId === deletion.id)
        .map((device) => ({ deviceId: device.deviceId, result: device.result, at: device.at.toISOString(), error: device.error, attempts: device.attempts }))
        .sort((a, b) => a.deviceId.localeCompare(b.deviceId)),
    })),
  };
}
