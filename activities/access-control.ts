import { ApplicationFailure } from '@temporalio/activity';
import { and, eq, inArray, isNull, max, ne, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../db/client';
import {
  accessPeople,
  accessPoints,
  accessRevocations,
  attachments,
  credentialDevices,
  credentials,
  faceConsents,
  faceDeletionDevices,
  faceDeletions,
  vehiclePlates,
  visitorPasses,
} from '../db/schema';
import { eraseDataKeys } from '../db/sealed/envelope';
import { openAttachmentContent, openCardNo } from '../db/sealed/records';
import { asActivity, loadDeviceConnection } from '../integrations/devices/connections';
import type { CredentialEnrolment, CredentialRevocation, DeviceAdapter, DeviceConnection } from '../integrations/devices/device-adapter';
import { adapterFor } from '../integrations/devices/isapi-adapter';
import { hasNonFaceCredential, liveFaceConsent } from '../domain/access-rules';

/**
 * One command on one device through the device adapter. The activity builds the command itself from
 * ids (opening the sealed face image or PIN here), so no biometric or secret ever enters process history.
 */
async function onDevice<T>(db: Database, deviceId: string, command: (adapter: DeviceAdapter, connection: DeviceConnection) => Promise<T>): Promise<T> {
  const connection = await loadDeviceConnection(db, deviceId);
  return asActivity(() => command(adapterFor(connection), connection));
}

const ruleFailure = (type: string, message: string) => ApplicationFailure.create({ type, message, nonRetryable: true });

/** A device that did not answer (or answered garbage): retried, and meanwhile recorded as pending. */
const isDeviceSilence = (error: unknown): error is ApplicationFailure => error instanceof ApplicationFailure && !error.nonRetryable && (error.type === 'DeviceUnreachable' || error.type === 'DeviceBadResponse');

/** ISAPI validity windows are device-local date-times without an offset, in the estate's time zone. */
function deviceClock(timeZone: string) {
  const format = new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
  return (date: Date) => format.format(date).replace(' ', 'T');
}

/** `deviceTimeZone`: the time zone the door controllers' clocks run in (the estate's, DEVICE_TIME_ZONE). */
export function createAccessControlActivities({ db, deviceTimeZone }: { db: Database; deviceTimeZone: string }) {
  const deviceTime = deviceClock(deviceTimeZone);

  /** One device's line in the deletion log; `count`: one more try made. */
  const logFaceDeletion = async (deletionId: string, deviceId: string, result: 'deleted' | 'failed', error: string | null, count = true) => {
    const row = { deletionId, deviceId, result, error, at: new Date() };
    await db
      .insert(faceDeletionDevices)
      .values({ ...row, attempts: count ? 1 : 0 })
      .onConflictDoUpdate({ target: [faceDeletionDevices.deletionId, faceDeletionDevices.deviceId], set: { ...row, ...(count && { attempts: sql`${faceDeletionDevices.attempts} + 1` }) } });
  };
  async function credentialOf(credentialId: string) {
    const credential = await db.query.credentials.findFirst({ where: eq(credentials.id, credentialId) });
    if (!credential) throw ruleFailure('UnknownCredential', `no credential ${credentialId}`);
    const person = await db.query.accessPeople.findFirst({ where: eq(accessPeople.id, credential.personId) });
    return { credential, person: person! };
  }

  async function secretOf(secretId: string | null): Promise<string> {
    if (!secretId) throw ruleFailure('UnknownCredential', 'the credential has no stored secret');
    const row = await db.query.attachments.findFirst({ where: eq(attachments.id, secretId) });
    if (!row) throw ruleFailure('UnknownCredential', 'the stored secret is gone');
    return openAttachmentContent(db, row);
  }

  async function cardNoOf(credential: typeof credentials.$inferSelect): Promise<string> {
    const cardNo = await openCardNo(db, credential);
    if (!cardNo) throw ruleFailure('UnknownCredential', `card credential ${credential.id} has no card number`);
    return cardNo;
  }

  /**
   * Erases stored secrets with their data keys (crypto-shredding, PIPL art. 47): the row goes, and so
   * does the only key to any copy of it left in dead tuples, WAL or backups.
   */
  async function eraseSecrets(tx: Pick<Database, 'delete'>, secretIds: string[]): Promise<number> {
    if (!secretIds.length) return 0;
    const erased = await tx.delete(attachments).where(inArray(attachments.id, secretIds)).returning({ dataKeyId: attachments.dataKeyId });
    await eraseDataKeys(tx, erased.map((row) => row.dataKeyId));
    return erased.length;
  }

  const setDeviceState = (credentialId: string, deviceId: string, state: typeof credentialDevices.$inferInsert.state, lastError: string | null = null) =>
    db
      .insert(credentialDevices)
      .values({ credentialId, deviceId, state, lastError })
      .onConflictDoUpdate({ target: [credentialDevices.credentialId, credentialDevices.deviceId], set: { state, lastError, pendingSince: null, updatedAt: new Date() } });

  /** A try that the door did not answer: the person's record shows the credential still pending there, with why and how often. */
  const markRevokePending = (where: SQL | undefined, lastError: string) =>
    db
      .update(credentialDevices)
      .set({ state: 'revoke-pending', lastError, attempts: sql`${credentialDevices.attempts} + 1`, pendingSince: sql`coalesce(${credentialDevices.pendingSince}, now())`, updatedAt: new Date() })
      .where(where);

  /** The face credentials of a person on one device (or on all of them). */
  const faceRowsOf = (personId: string, deviceId?: string) =>
    and(
      inArray(credentialDevices.credentialId, db.select({ id: credentials.id }).from(credentials).where(and(eq(credentials.personId, personId), eq(credentials.kind, 'face')))),
      deviceId ? eq(credentialDevices.deviceId, deviceId) : undefined,
    );

  return {
    /**
     * P4.2b, PIPL art. 26/29: a face is enrolled only on the person's own recorded consent, and never
     * as their only way in. Checked again here, at enrolment time, because consent can be withdrawn.
     */
    async checkFaceConsent({ credentialId }: { credentialId: string }): Promise<{ consentId: string }> {
      const { credential } = await credentialOf(credentialId);
      // A refused face is not kept: the image and its key are erased with the refusal (PIPL art. 19, 47).
      const refuse = async (type: string, message: string) => {
        await db.transaction(async (tx) => {
          await tx.update(credentials).set({ status: 'refused', secretId: null }).where(eq(credentials.id, credentialId));
          if (credential.secretId) await eraseSecrets(tx, [credential.secretId]);
        });
        return ruleFailure(type, message);
      };
      const consent = await liveFaceConsent(db, credential.personId);
      if (!consent) throw await refuse('FaceConsentMissing', 'the person has not consented to face recognition');
      if (!(await hasNonFaceCredential(db, credential.personId))) throw await refuse('NoOtherWayIn', 'the person needs a card, fingerprint or PIN besides the face');
      return { consentId: consent.id };
    },

    /** Enrols one credential on one door controller (idempotent on the device: set-up overwrites). */
    async enrolOnDevice({ credentialId, deviceId }: { credentialId: string; deviceId: string }): Promise<void> {
      const { credential, person } = await credentialOf(credentialId);
      // A move-out recorded while this enrolment waited wins: nothing new reaches the doors.
      if (person.status === 'left') throw ruleFailure('PersonLeft', `${person.name} has moved out or left`);
      const holder = {
        personId: person.id,
        name: person.name,
        validity: { from: deviceTime(credential.validFrom), until: deviceTime(credential.validUntil) },
      };
      let enrolment: CredentialEnrolment;
      switch (credential.kind) {
        case 'card':
          enrolment = { kind: 'card', holder, cardNo: await cardNoOf(credential) };
          break;
        case 'face':
          enrolment = { kind: 'face', holder, faceImage: await secretOf(credential.secretId) };
          break;
        case 'fingerprint':
          enrolment = { kind: 'fingerprint', holder, fingerIndex: credential.fingerIndex ?? 1, template: await secretOf(credential.secretId) };
          break;
        case 'pin':
          enrolment = { kind: 'pin', holder, pin: await secretOf(credential.secretId) };
          break;
      }
      await setDeviceState(credentialId, deviceId, 'pending');
      await onDevice(db, deviceId, (adapter, connection) => adapter.enrolCredential(connection, enrolment));
      await setDeviceState(credentialId, deviceId, 'enrolled');
    },

    /** Deletes the person's entry (name, validity, anything left with it) from one device; an entry already gone succeeds. */
    async removePersonFromDevice({ personId, deviceId }: { personId: string; deviceId: string }): Promise<void> {
      await onDevice(db, deviceId, (adapter, connection) => adapter.deletePerson(connection, personId));
    },

    /** Revokes one credential on one device; revoking what the device no longer holds succeeds. */
    async revokeOnDevice({ credentialId, deviceId }: { credentialId: string; deviceId: string }): Promise<void> {
      const { credential, person } = await credentialOf(credentialId);
      const revocation: CredentialRevocation =
        credential.kind === 'card'
          ? { kind: 'card', personId: person.id, cardNo: await cardNoOf(credential) }
          : credential.kind === 'fingerprint'
            ? { kind: 'fingerprint', personId: person.id, fingerIndex: credential.fingerIndex ?? undefined }
            : { kind: credential.kind, personId: person.id };
      try {
        await onDevice(db, deviceId, (adapter, connection) => adapter.revokeCredential(connection, revocation));
      } catch (error) {
        if (isDeviceSilence(error)) await markRevokePending(and(eq(credentialDevices.credentialId, credentialId), eq(credentialDevices.deviceId, deviceId)), error.message);
        throw error;
      }
      await setDeviceState(credentialId, deviceId, 'revoked');
    },

    /**
     * A device that kept failing after every retry (or refused), or, `lapsed`, that stayed silent until the
     * credential's validity ended: recorded so staff see which door still holds what.
     */
    async recordDeviceFailure({ credentialId, deviceId, state, error }: { credentialId: string; deviceId: string; state: 'enrol-failed' | 'revoke-failed' | 'lapsed'; error: string }): Promise<void> {
      await setDeviceState(credentialId, deviceId, state, error);
    },

    async setCredentialStatus({ credentialId, status, reason }: { credentialId: string; status: 'active' | 'failed' | 'revoking' | 'revoked' | 'expired'; reason?: string }): Promise<void> {
      const ended = status === 'revoked' || status === 'expired' ? { revokedAt: new Date(), revokedReason: reason ?? null } : {};
      await db
        .update(credentials)
        .set({ status, ...ended })
        .where(and(eq(credentials.id, credentialId), ne(credentials.status, 'revoked')));
    },

    /** Every live credential of a person and the devices it is (or may be) on. */
    async credentialsOnDevices({ personId, credentialIds }: { personId: string; credentialIds?: string[] }): Promise<Array<{ credentialId: string; kind: string; deviceIds: string[]; validUntil: string }>> {
      const rows = await db
        .select()
        .from(credentials)
        .where(
          and(
            eq(credentials.personId, personId),
            inArray(credentials.status, ['enrolling', 'active', 'revoking', 'failed']),
            credentialIds ? inArray(credentials.id, credentialIds) : undefined,
          ),
        )
        .orderBy(credentials.createdAt, credentials.id);
      if (!rows.length) return [];
      const placed = await db
        .select()
        .from(credentialDevices)
        .where(and(inArray(credentialDevices.credentialId, rows.map((row) => row.id)), ne(credentialDevices.state, 'revoked')));
      return rows.map((row) => ({
        credentialId: row.id,
        kind: row.kind,
        deviceIds: placed.filter((entry) => entry.credentialId === row.id).map((entry) => entry.deviceId).sort(),
        validUntil: row.validUntil.toISOString(),
      }));
    },

    /** P4.2b: the person has left; nothing new may be enrolled for them. */
    async markPersonLeft({ personId }: { personId: string }): Promise<void> {
      await db.update(accessPeople).set({ status: 'left', leftAt: new Date() }).where(and(eq(accessPeople.id, personId), eq(accessPeople.status, 'active')));
    },

    /** The visitor passes a person issued that are still running: they end with the person's own access. */
    async visitorPassesIssuedBy({ personId }: { personId: string }): Promise<Array<{ passId: string; workflowId: string }>> {
      return db
        .select({ passId: visitorPasses.id, workflowId: visitorPasses.workflowId })
        .from(visitorPasses)
        .innerJoin(accessPeople, eq(accessPeople.userId, visitorPasses.issuedBy))
        .where(and(eq(accessPeople.id, personId), eq(visitorPasses.status, 'active')))
        .orderBy(visitorPasses.id);
    },

    async storeRevocationRecord(record: { workflowId: string; personId: string; reason: 'moved-out' | 'left' | 'credential'; requestedBy: string; credentialsRevoked: number; devicesFailed: string[] }): Promise<void> {
      const row = { ...record, completedAt: new Date() };
      await db.insert(accessRevocations).values(row).onConflictDoUpdate({ target: accessRevocations.workflowId, set: row });
    },

    /** Every door controller: a face is deleted from all of them, not only where Steward believes it was. */
    async faceDevices(): Promise<string[]> {
      const doors = await db.select({ deviceId: accessPoints.deviceId }).from(accessPoints).where(eq(accessPoints.kind, 'door')).orderBy(accessPoints.deviceId);
      return doors.map((door) => door.deviceId);
    },

    /**
     * PIPL art. 47: the face leaves this device; the deletion log records each try's real result (failed with
     * the reason while the device does not answer, then deleted), and the person's face credentials show it.
     */
    async deleteFaceOnDevice({ deletionId, personId, deviceId }: { deletionId: string; personId: string; deviceId: string }): Promise<void> {
      try {
        await onDevice(db, deviceId, (adapter, connection) => adapter.deleteFace(connection, personId));
      } catch (error) {
        if (error instanceof Error) await logFaceDeletion(deletionId, deviceId, 'failed', error.message);
        if (isDeviceSilence(error)) await markRevokePending(faceRowsOf(personId, deviceId), error.message);
        throw error;
      }
      await logFaceDeletion(deletionId, deviceId, 'deleted', null);
      await db.update(credentialDevices).set({ state: 'revoked', lastError: null, pendingSince: null, updatedAt: new Date() }).where(faceRowsOf(personId, deviceId));
    },

    /** The device's final failure; with `personId`, the person's face credentials record it on that device too. */
    async recordFaceDeletionFailure({ deletionId, deviceId, error, personId, state }: { deletionId: string; deviceId: string; error: string; personId?: string; state?: 'revoke-failed' | 'lapsed' }): Promise<void> {
      await logFaceDeletion(deletionId, deviceId, 'failed', error, false);
      if (personId && state) await db.update(credentialDevices).set({ state, lastError: error, updatedAt: new Date() }).where(faceRowsOf(personId, deviceId));
    },

    /** How long the person's face may still open a door: the latest validity end of their live face credentials. */
    async faceValidUntil({ personId }: { personId: string }): Promise<string | null> {
      const [row] = await db
        .select({ until: max(credentials.validUntil) })
        .from(credentials)
        .where(and(eq(credentials.personId, personId), eq(credentials.kind, 'face'), inArray(credentials.status, ['enrolling', 'active', 'revoking', 'failed'])));
      return row?.until ? new Date(row.until).toISOString() : null;
    },

    /** The face deletion is over on the devices: the face credentials left `revoking` end revoked, or expired where a door let the validity run out. */
    async closeFaceCredentials({ personId, status }: { personId: string; status: 'revoked' | 'expired' }): Promise<void> {
      await db
        .update(credentials)
        .set({ status, revokedAt: new Date(), revokedReason: 'face deletion request' })
        .where(and(eq(credentials.personId, personId), eq(credentials.kind, 'face'), eq(credentials.status, 'revoking')));
    },

    /**
     * Erases the face images Steward stores itself with their data keys, revokes the face credentials
     * and withdraws the consent: the person's face is nowhere left once the process closes. With
     * `devicesPending` the doors are still being told: the credentials stay `revoking` until they are.
     */
    async eraseStoredFace({ personId, requestedBy, devicesPending }: { personId: string; requestedBy: string; devicesPending?: boolean }): Promise<{ imagesErased: number }> {
      return db.transaction(async (tx) => {
        const faces = await tx.select().from(credentials).where(and(eq(credentials.personId, personId), eq(credentials.kind, 'face')));
        const secretIds = faces.map((face) => face.secretId).filter((id): id is string => id !== null);
        if (faces.length && devicesPending) {
          // The doors are still being told, each on its own (deleteFaceOnDevice): the face is revoked once they all are.
          await tx.update(credentials).set({ secretId: null }).where(and(eq(credentials.personId, personId), eq(credentials.kind, 'face')));
          await tx
            .update(credentials)
            .set({ status: 'revoking' })
            .where(and(eq(credentials.personId, personId), eq(credentials.kind, 'face'), inArray(credentials.status, ['enrolling', 'active', 'failed'])));
        } else if (faces.length) {
          await tx
            .update(credentials)
            .set({ status: 'revoked', revokedAt: new Date(), revokedReason: 'face deletion request', secretId: null })
            .where(and(eq(credentials.personId, personId), eq(credentials.kind, 'face')));
          await tx
            .update(credentialDevices)
            .set({ state: 'revoked', updatedAt: new Date() })
            .where(inArray(credentialDevices.credentialId, faces.map((face) => face.id)));
        }
        await eraseSecrets(tx, secretIds);
        await tx
          .update(faceConsents)
          .set({ withdrawnAt: new Date(), withdrawnBy: requestedBy })
          .where(and(eq(faceConsents.personId, personId), isNull(faceConsents.withdrawnAt)));
        return { imagesErased: secretIds.length };
      });
    },

    async closeFaceDeletion({ deletionId, status, imagesErased }: { deletionId: string; status: 'completed' | 'incomplete'; imagesErased: number }): Promise<void> {
      await db.update(faceDeletions).set({ status, imagesErased, completedAt: new Date() }).where(eq(faceDeletions.id, deletionId));
    },

    async closeVisitorPass({ passId, status }: { passId: string; status: 'expired' | 'revoked' }): Promise<void> {
      await db
        .update(visitorPasses)
        .set({ status, endedAt: new Date() })
        .where(and(eq(visitorPasses.id, passId), eq(visitorPasses.status, 'active')));
    },

    async barrierDevices(): Promise<string[]> {
      const barriers = await db.select({ deviceId: accessPoints.deviceId }).from(accessPoints).where(eq(accessPoints.kind, 'barrier')).orderBy(accessPoints.deviceId);
      return barriers.map((barrier) => barrier.deviceId);
    },

    /** P4.2b vehicles: puts the plate's current list entry (or its removal) on one barrier. */
    async pushPlateToBarrier({ plate, deviceId }: { plate: string; deviceId: string }): Promise<void> {
      const entry = await db.query.vehiclePlates.findFirst({ where: eq(vehiclePlates.plate, plate) });
      await onDevice(db, deviceId, (adapter, connection) =>
        entry ? adapter.setPlate(connection, { plate, list: entry.list }) : adapter.removePlate(connection, plate),
      );
    },

    async setPlateSyncState({ plate, workflowId, syncState }: { plate: string; workflowId: string; syncState: 'synced' | 'failed' }): Promise<void> {
      // Only the latest change of the plate reports its state: an older push finishing late says nothing.
      await db.update(vehiclePlates).set({ syncState }).where(and(eq(vehiclePlates.plate, plate), eq(vehiclePlates.workflowId, workflowId)));
    },
  };
}
