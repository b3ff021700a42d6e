import { z } from 'zod';
import { ACCESS_PERSON_KINDS, CREDENTIAL_KINDS } from './vocabulary';
import { fieldText } from './problem-texts';

// ---- people ----

export const personRequest = z.object({
  /** Chosen by the client once, so a retried request registers one person. */
  personId: z.uuid(),
  kind: z.enum(ACCESS_PERSON_KINDS).exclude(['visitor']),
  name: z.string().trim().min(1).max(200),
  ownerId: z.string().min(1).optional(),
  userId: z.string().min(1).optional(),
  unitId: z.string().min(1).optional(),
  /** The registered resident or tenant (the resident register) this person is: their approved move-out revokes this access. */
  residentId: z.string().min(1).optional(),
});
export type PersonRequest = z.input<typeof personRequest>;

/**
 * Where a credential stands on one device. `revoke-pending`: the device has not answered the revocation yet and
 * is being retried (since `pendingSince`, `attempts` tries, the last error); `lapsed`: it never answered before
 * the credential's validity ended.
 */
const deviceState = z.object({
  deviceId: z.string(),
  state: z.enum(['pending', 'enrolled', 'enrol-failed', 'revoked', 'revoke-pending', 'revoke-failed', 'lapsed']),
  lastError: z.string().nullable(),
  attempts: z.number().int(),
  pendingSince: z.string().nullable(),
  updatedAt: z.string(),
});
export const credentialView = z.object({
  id: z.string(),
  kind: z.enum(CREDENTIAL_KINDS),
  /** Only the last digits of a card: enough to recognise it, not to clone it. */
  cardHint: z.string().nullable(),
  status: z.string(),
  validFrom: z.string(),
  validUntil: z.string(),
  workflowId: z.string(),
  revokedReason: z.string().nullable(),
  devices: z.array(deviceState),
});
export type CredentialView = z.infer<typeof credentialView>;

export const consentView = z.object({
  id: z.string(),
  scope: z.string(),
  method: z.string(),
  recordedBy: z.string(),
  consentedAt: z.string(),
  withdrawnAt: z.string().nullable(),
});

export const personSummary = z.object({
  id: z.string(),
  kind: z.enum(ACCESS_PERSON_KINDS),
  name: z.string(),
  ownerId: z.string().nullable(),
  userId: z.string().nullable(),
  unitId: z.string().nullable(),
  status: z.enum(['active', 'left']),
  faceConsent: z.boolean(),
  credentialKinds: z.array(z.enum(CREDENTIAL_KINDS)),
});
export type PersonSummary = z.infer<typeof personSummary>;

export const personDetail = personSummary.extend({
  credentials: z.array(credentialView),
  consents: z.array(consentView),
  deletions: z.array(z.object({ id: z.string(), status: z.string(), requestedAt: z.string(), workflowId: z.string() })),
});
export type PersonDetail = z.infer<typeof personDetail>;

// ---- credentials ----

const cardNo = z.string().trim().regex(/^[0-9A-Fa-f]{4,20}$/, fieldText('card-number-format'));
const pin = z.string().regex(/^\d{4,8}$/, fieldText('pin-format'));
const faceImage = z
  .string()
  .regex(/^data:image\/jpeg;base64,[A-Za-z0-9+/=]+$/, fieldText('jpeg-data-url'))
  .max(1_400_000, fieldText('face-too-large'));

/** The secret part of each kind; a face image, fingerprint template or PIN is stored as a sealed attachment. */
export const credentialMaterial = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('card'), cardNo }),
  z.object({ kind: z.literal('pin'), pin }),
  z.object({ kind: z.literal('face'), faceImage }),
  z.object({ kind: z.literal('fingerprint'), fingerIndex: z.number().int().min(1).max(10), template: z.base64().min(8).max(20_000) }),
]);
export type CredentialMaterial = z.input<typeof credentialMaterial>;

export const enrolRequest = z.object({
  /** Chosen by the client once, so a retried request enrols one credential. */
  credentialId: z.uuid(),
  validUntil: z.iso.datetime({ offset: true }).optional(),
  credential: credentialMaterial,
});
export type EnrolRequest = z.input<typeof enrolRequest>;

export const credentialEnrolment = z.object({ workflowId: z.string(), credentialId: z.string() });
export type CredentialEnrolment = z.infer<typeof credentialEnrolment>;

export const revokeRequest = z.object({ requestId: z.uuid() });
export type RevokeRequest = z.input<typeof revokeRequest>;
export const leaveRequest = z.object({ requestId: z.uuid(), reason: z.enum(['moved-out', 'left']) });
export type LeaveRequest = z.input<typeof leaveRequest>;

// ---- face consent and deletion ----

export const consentRequest = z.object({
  /** `self`: the signed-in person consents; `signed-form`: staff record the person's signed form. */
  method: z.enum(['self', 'signed-form']),
  evidence: z
    .string()
    .regex(/^data:(image\/(png|jpeg)|application\/pdf);base64,[A-Za-z0-9+/=]+$/, fieldText('scan-data-url'))
    .max(2_800_000, fieldText('photo-too-large'))
    .optional(),
});
export type ConsentRequest = z.input<typeof consentRequest>;

export const consentRecorded = z.object({ consentId: z.string(), consentedAt: z.string() });
export type ConsentRecorded = z.infer<typeof consentRecorded>;

export const deletionRequest = z.object({ deletionId: z.uuid() });
export type DeletionRequest = z.input<typeof deletionRequest>;

export const withdrawRequest = z.object({
  /** The deletion that follows the withdrawal (PIPL art. 47 item 2), chosen by the client for idempotency. */
  deletionId: z.uuid(),
});

export const consentWithdrawn = z.object({ withdrawn: z.boolean(), deletionWorkflowId: z.string().nullable() });
export type ConsentWithdrawn = z.infer<typeof consentWithdrawn>;

export const deletionLogEntry = z.object({
  id: z.string(),
  personId: z.string(),
  personName: z.string(),
  requestedBy: z.string(),
  requestedAt: z.string(),
  status: z.string(),
  imagesErased: z.number().nullable(),
  completedAt: z.string().nullable(),
  workflowId: z.string(),
  /** Each device's latest real result: `failed` with the reason while it is still retried, then `deleted`. */
  devices: z.array(z.object({ deviceId: z.string(), result: z.enum(['deleted', 'failed']), at: z.string(), error: z.string().nullable(), attempts: z.number().int() })),
});
export type DeletionLogEntry = z.infer<typeof deletionLogEntry>;

// ---- visitor passes ----

/** Visitors get a card or a PIN, never a face (PIPL art. 6: no more personal information than needed). */
const visitorCredential = z.discriminatedUnion('kind', [credentialMaterial.options[0], credentialMaterial.options[1]]);

export const passRequest = z
  .object({
    /** Chosen by the client once, so a retried request issues one pass. */
    passId: z.uuid(),
    visitorName: z.string().trim().min(1).max(200),
    hostUnitId: z.string().min(1),
    validFrom: z.iso.datetime({ offset: true }).optional(),
    validUntil: z.iso.datetime({ offset: true }),
    credential: visitorCredential,
  })
  .refine((pass) => !pass.validFrom || Date.parse(pass.validFrom) < Date.parse(pass.validUntil), { message: fieldText('after-valid-from'), path: ['validUntil'] });
export type PassRequest = z.input<typeof passRequest>;

export const passIssued = z.object({ workflowId: z.string(), passId: z.string(), credentialId: z.string() });
export type PassIssued = z.infer<typeof passIssued>;

export const passView = z.object({
  id: z.string(),
  visitorName: z.string(),
  hostUnitId: z.string(),
  validFrom: z.string(),
  validUntil: z.string(),
  status: z.enum(['active', 'expired', 'revoked']),
  credentialId: z.string(),
  workflowId: z.string(),
  issuedBy: z.string(),
  endedAt: z.string().nullable(),
});
export type VisitorPass = z.infer<typeof passView>;

export const passCancelled = z.object({ status: z.string() });
export type PassCancelled = z.infer<typeof passCancelled>;

// ---- vehicle plates ----

/** Plates as the ANPR camera reads them: no spaces or dots, upper case (粤B·D12345 → 粤BD12345). */
export const normalisePlate = (plate: string) => plate.replace(/[\s·.-]/g, '').toUpperCase();

/** A mainland plate: province character, letter, then 5 (fuel) or 6 (new energy) letters and digits. */
export const plateNumber = z
  .string()
  .transform(normalisePlate)
  .pipe(z.string().regex(/^[\u4e00-\u9fa5][A-Z][A-Z0-9]{4}[A-Z0-9\u4e00-\u9fa5]{1,2}$/, fieldText('plate-format')));

export const plateRequest = z.object({
  plate: plateNumber,
  /** `null` takes the plate off both lists. */
  list: z.enum(['allow', 'refuse']).nullable(),
  ownerId: z.string().min(1).optional(),
  note: z.string().trim().max(500).optional(),
});
export type PlateRequest = z.input<typeof plateRequest>;

export const plateView = z.object({
  plate: z.string(),
  list: z.enum(['allow', 'refuse']),
  ownerId: z.string().nullable(),
  note: z.string().nullable(),
  updatedAt: z.string(),
  syncState: z.enum(['pending', 'synced', 'failed']),
  workflowId: z.string().nullable(),
});
export type PlateEntry = z.infer<typeof plateView>;

export const anprCheckRequest = z.object({
  deviceId: z.string().min(1),
  plate: plateNumber,
  occurredAt: z.iso.datetime({ offset: true }).optional(),
  sequence: z.number().int().min(0).optional(),
});
export type AnprCheckRequest = z.input<typeof anprCheckRequest>;

/** A barrier's answer to a plate read: allowed on the allow list, refused otherwise. */
export const anprAnswer = z.object({ plate: z.string(), decision: z.enum(['allowed', 'refused']), reason: z.string() });
export type AnprAnswer = z.infer<typeof anprAnswer>;

export const anprDecision = z.object({ id: z.number(), deviceId: z.string(), plate: z.string(), decision: z.string(), reason: z.string(), occurredAt: z.string() });
export type AnprDecision = z.infer<typeof anprDecision>;
