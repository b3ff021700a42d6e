import { and, eq, inArray, ne } from 'drizzle-orm';
import { AccessRefusal, actorOf, dataUrl, personOrNotFound } from './shared';
import { startProcess } from '../start-process';
import type { SessionUser } from '../../auth/session';
import type { ApiContext } from '../../context';
import { notFound, unprocessable } from '../../http/problem';
import { doorsOfPerson, hasNonFaceCredential, liveFaceConsent } from '../../../domain/access-rules';
import type { CredentialMaterial, EnrolRequest, LeaveRequest, RevokeRequest } from '../../../contracts/access-control';
import { attachments, credentials } from '../../../db/schema';
import { sealAttachmentContent, sealCardNo } from '../../../db/sealed/records';
import { accessRevocationProcess } from '../../../workflows/access-revocation/definition';
import type { AccessRevocationInput } from '../../../workflows/access-revocation/messages';
import { credentialEnrolmentProcess } from '../../../workflows/credential-enrolment/definition';
import type { CredentialEnrolmentInput } from '../../../workflows/credential-enrolment/messages';

/** Writes the credential and its secret, sealed; nothing is written when the request is refused. */
export async function storeCredential(
  ctx: ApiContext,
  user: SessionUser,
  input: { credentialId: string; personId: string; material: CredentialMaterial; validFrom: Date; validUntil: Date; workflowId: string },
) {
  const { material, credentialId } = input;
  await ctx.db.transaction(async (tx) => {
    const existing = await tx.query.credentials.findFirst({ where: eq(credentials.id, credentialId) });
    if (existing) {
      if (existing.personId !== input.personId || existing.kind !== material.kind) throw new AccessRefusal('IdTaken', 'credentialId', 'access.credential-taken');
      return;
    }
    let secretId: string | null = null;
    if (material.kind !== 'card') {
      const secret =
        material.kind === 'face'
          ? dataUrl(material.faceImage)
          : material.kind === 'pin'
            ? { contentType: 'text/x-pin', content: material.pin }
            : { contentType: 'application/x-fingerprint-template', content: material.template };
      secretId = `secret-${credentialId}`;
      const sealed = await sealAttachmentContent(tx, secretId, secret.content);
      await tx.insert(attachments).values({ id: secretId, kind: material.kind, recordId: credentialId, contentType: secret.contentType, ...sealed, uploadedBy: user.id });
    }
    await tx.insert(credentials).values({
      id: credentialId,
      personId: input.personId,
      kind: material.kind,
      ...(material.kind === 'card' ? await sealCardNo(tx, credentialId, material.cardNo.toUpperCase()) : {}),
      fingerIndex: material.kind === 'fingerprint' ? material.fingerIndex : null,
      secretId,
      status: 'enrolling',
      validFrom: input.validFrom,
      validUntil: input.validUntil,
      workflowId: input.workflowId,
      createdBy: user.id,
    });
  });
}

/**
 * P4.2b: enrols a credential on the doors of the person's area. A face is refused unless the person's
 * own consent is on record (PIPL art. 26, 29 → 422 on `kind`) and the person also has a non-face way
 * in (SPC face-recognition provisions art. 10 → 409 on `kind`).
 */
export async function enrolCredential(ctx: ApiContext, user: SessionUser, personId: string, request: EnrolRequest) {
  const person = await personOrNotFound(ctx, personId);
  if (person.status === 'left') throw new AccessRefusal('PersonLeft', 'personId', 'access.person-left');
  if (person.kind === 'visitor') throw unprocessable('access.visitor-uses-pass', [{ field: 'personId', message: 'a-visitor' }]);
  const already = await ctx.db.query.credentials.findFirst({ where: eq(credentials.id, request.credentialId) });
  if (!already && request.credential.kind === 'face') {
    if (!(await liveFaceConsent(ctx.db, personId))) {
      throw new AccessRefusal('FaceConsentMissing', 'credential.kind', 'access.face-consent-missing');
    }
    if (!(await hasNonFaceCredential(ctx.db, personId))) {
      throw new AccessRefusal('NoOtherWayIn', 'credential.kind', 'access.no-other-way-in');
    }
  }
  const validFrom = new Date();
  const validUntil = request.validUntil ? new Date(request.validUntil) : new Date(validFrom.getTime() + ctx.settings.accessControl.credentialValidityMs);
  if (validUntil <= validFrom) throw unprocessable('access.credential-never-valid', [{ field: 'validUntil', message: 'must-be-future' }]);
  const workflowId = credentialEnrolmentProcess.workflowId(request.credentialId);
  const { credentialId, credential: material } = request;
  await storeCredential(ctx, user, { credentialId, personId, material, validFrom, validUntil, workflowId });
  const input: CredentialEnrolmentInput = {
    credentialId,
    personId,
    personName: person.name,
    kind: material.kind,
    deviceIds: await doorsOfPerson(ctx.db, personId),
    requestedBy: actorOf(user),
    retry: ctx.settings.accessControl.deviceRetry,
  };
  await startProcess(ctx, credentialEnrolmentProcess, { workflowId, input, title: `${material.kind}: ${person.name}`, startedBy: user.id });
  return { workflowId, credentialId };
}

/** P4.2b: withdraws one credential on every device; the last non-face way in stays while a face is active. */
export async function revokeCredential(ctx: ApiContext, user: SessionUser, credentialId: string, request: RevokeRequest) {
  const credential = await ctx.db.query.credentials.findFirst({ where: eq(credentials.id, credentialId) });
  if (!credential) throw notFound('access.unknown-credential', { credentialId });
  const person = await personOrNotFound(ctx, credential.personId);
  if (credential.kind !== 'face') {
    const liveFace = await ctx.db.query.credentials.findFirst({
      where: and(eq(credentials.personId, person.id), eq(credentials.kind, 'face'), inArray(credentials.status, ['enrolling', 'active'])),
    });
    if (liveFace && !(await hasNonFaceCredential(ctx.db, person.id, credentialId))) {
      throw new AccessRefusal('LastOtherWayIn', 'credentialId', 'access.last-other-way-in');
    }
  }
  const input: AccessRevocationInput = {
    personId: person.id,
    personName: person.name,
    reason: 'credential',
    credentialIds: [credentialId],
    requestedBy: actorOf(user),
    retry: ctx.settings.accessControl.deviceRetry,
    outage: ctx.settings.accessControl.doorOutage,
  };
  const workflowId = accessRevocationProcess.workflowId(request.requestId);
  await ctx.db.update(credentials).set({ status: 'revoking' }).where(and(eq(credentials.id, credentialId), ne(credentials.status, 'revoked')));
  return startProcess(ctx, accessRevocationProcess, { workflowId, input, title: `Revoke ${credential.kind}: ${person.name}`, startedBy: user.id });
}

/** P4.2b: an owner moved out or a staff member left: every credential goes, on every device. */
export async function recordLeaving(ctx: ApiContext, user: SessionUser, personId: string, request: LeaveRequest) {
  const person = await personOrNotFound(ctx, personId);
  if (request.reason === 'left' && person.kind !== 'staff') throw unprocessable('access.left-is-staff', [{ field: 'reason', message: 'owners-move-out', params: { kind: person.kind } }]);
  if (request.reason === 'moved-out' && person.kind === 'staff') throw unprocessable('access.staff-do-not-move-out', [{ field: 'reason', message: 'staff-leave' }]);
  const input: AccessRevocationInput = {
    personId,
    personName: person.name,
    reason: request.reason,
    requestedBy: actorOf(user),
    retry: ctx.settings.accessControl.deviceRetry,
    outage: ctx.settings.accessControl.doorOutage,
  };
  return startProcess(ctx, accessRevocationProcess, {
    workflowId: accessRevocationProcess.workflowId(request.requestId),
    input,
    title: `Revoke access: ${person.name} (${request.reason})`,
    startedBy: user.id,
  });
}
