// The sealed columns of each table, in one place for the use cases, the activities and the start-up
// pass that seals rows written before encryption: each writes and reads them the same way.
import type { Database } from '../client';
import { sealRecord, sealRecords, unsealRecord, unsealRecords } from './envelope';

type Reader = Pick<Database, 'select'>;
type Writer = Pick<Database, 'insert'>;

/** `attachments.content` of a face, fingerprint template, PIN or consent scan. */
export async function sealAttachmentContent(db: Writer, attachmentId: string, content: string) {
  const { dataKeyId, sealed } = await sealRecord(db, { table: 'attachments', id: attachmentId }, { content });
  return { dataKeyId, content: sealed.content };
}

export async function openAttachmentContent(db: Reader, row: { id: string; content: string; dataKeyId: string | null }): Promise<string> {
  // A row without a data key predates encryption and is sealed at the next start.
  if (!row.dataKeyId) return row.content;
  return (await unsealRecord(db, row.dataKeyId, { table: 'attachments', id: row.id }, { content: row.content })).content;
}

/** A card's full number: the device needs it to enrol and revoke; people see its last 4 digits. */
export async function sealCardNo(db: Writer, credentialId: string, cardNo: string) {
  const { dataKeyId, sealed } = await sealRecord(db, { table: 'credentials', id: credentialId }, { cardNo });
  return { dataKeyId, sealedCardNo: sealed.cardNo, cardLast4: cardNo.slice(-4) };
}

export async function openCardNo(db: Reader, row: { id: string; sealedCardNo: string | null; dataKeyId: string | null }): Promise<string | null> {
  if (row.sealedCardNo === null || !row.dataKeyId) return row.sealedCardNo;
  return (await unsealRecord(db, row.dataKeyId, { table: 'credentials', id: row.id }, { cardNo: row.sealedCardNo })).cardNo;
}

/**
 * A device's admin password (Steward presents it for Digest) and its push key: the key the device
 * signs MQTT envelopes with (SHA-256 of its push secret), against which HTTP Basic is checked too.
 */
export async function sealDeviceSecrets(db: Writer, deviceId: string, secrets: { password: string; pushKey: string }) {
  const { dataKeyId, sealed } = await sealRecord(db, { table: 'device_connections', id: deviceId }, secrets);
  return { dataKeyId, sealedPassword: sealed.password, sealedPushKey: sealed.pushKey };
}

export async function openDeviceSecrets(
  db: Reader,
  row: { deviceId: string; sealedPassword: string; sealedPushKey: string; dataKeyId: string | null },
): Promise<{ password: string; pushKey: string }> {
  if (!row.dataKeyId) return { password: row.sealedPassword, pushKey: row.sealedPushKey };
  return unsealRecord(db, row.dataKeyId, { table: 'device_connections', id: row.deviceId }, { password: row.sealedPassword, pushKey: row.sealedPushKey });
}

/** A sealed bid's content (price, proposal, delivery, after-sales), as JSON. */
export async function sealBidContent(db: Writer, bidId: string, content: object) {
  const { dataKeyId, sealed } = await sealRecord(db, { table: 'bids', id: bidId }, { content: JSON.stringify(content) });
  return { dataKeyId, sealedContent: sealed.content };
}

export class BidStillSealed extends Error {
  constructor(bidId: string) {
    super(`bid ${bidId} is sealed until the opening`);
    this.name = 'BidStillSealed';
  }
}

/** P2.2b: a bid opens only once its procurement is opened; before that nobody decrypts it. */
export async function openBidContent<T>(db: Reader, row: { id: string; sealedContent: string; dataKeyId: string | null }, openedAt: Date | null): Promise<T> {
  if (!openedAt) throw new BidStillSealed(row.id);
  const json = row.dataKeyId ? (await unsealRecord(db, row.dataKeyId, { table: 'bids', id: row.id }, { content: row.sealedContent })).content : row.sealedContent;
  return JSON.parse(json) as T;
}

/** An owner's identity document number in a change under review (P5.1b): sealed from the moment it is entered. */
export async function sealChangeIdDocument(db: Writer, changeId: string, number: string) {
  const { dataKeyId, sealed } = await sealRecord(db, { table: 'data_changes', id: changeId }, { idDocument: number });
  return { dataKeyId, sealedIdDocument: sealed.idDocument };
}

export async function openChangeIdDocument(db: Reader, row: { id: string; sealedIdDocument: string; dataKeyId: string }): Promise<string> {
  return (await unsealRecord(db, row.dataKeyId, { table: 'data_changes', id: row.id }, { idDocument: row.sealedIdDocument })).idDocument;
}

/** An owner's identity document number as the register keeps it; people see its last 4 characters. */
export async function sealOwnerIdDocument(db: Writer, ownerId: string, number: string) {
  const { dataKeyId, sealed } = await sealRecord(db, { table: 'owners', id: ownerId }, { idDocument: number });
  return { dataKeyId, sealedIdDocument: sealed.idDocument, idDocumentLast4: number.slice(-4) };
}

export async function openOwnerIdDocument(db: Reader, row: { id: string; sealedIdDocument: string | null; dataKeyId: string | null }): Promise<string | null> {
  if (row.sealedIdDocument === null || !row.dataKeyId) return row.sealedIdDocument;
  return (await unsealRecord(db, row.dataKeyId, { table: 'owners', id: row.id }, { idDocument: row.sealedIdDocument })).idDocument;
}

/** Many owners' documents sealed at once (an imported sheet's new owners), each under its own data key. */
export async function sealOwnerIdDocuments(db: Writer, documents: ReadonlyArray<{ ownerId: string; number: string }>) {
  const sealed = await sealRecords(
    db,
    documents.map(({ ownerId, number }) => ({ place: { table: 'owners', id: ownerId }, fields: { idDocument: number } })),
  );
  return sealed.map(({ dataKeyId, sealed: fields }, index) => ({ dataKeyId, sealedIdDocument: fields.idDocument, idDocumentLast4: documents[index].number.slice(-4) }));
}

/** Many owners' documents opened at once (the owners of the units an imported sheet names); null where none is registered. */
export async function openOwnerIdDocuments(db: Reader, rows: ReadonlyArray<{ id: string; sealedIdDocument: string | null; dataKeyId: string | null }>): Promise<Array<string | null>> {
  const sealed = rows.filter((row): row is { id: string; sealedIdDocument: string; dataKeyId: string } => row.sealedIdDocument !== null && row.dataKeyId !== null);
  const opened = await unsealRecords(
    db,
    sealed.map((row) => ({ dataKeyId: row.dataKeyId, place: { table: 'owners', id: row.id }, sealed: { idDocument: row.sealedIdDocument } })),
  );
  const byId = new Map(sealed.map((row, index) => [row.id, opened[index].idDocument]));
  return rows.map((row) => byId.get(row.id) ?? row.sealedIdDocument);
}

/** A draft's write-only secrets (a device's password and push key), as JSON: sealed from the moment they are entered. */
export async function sealChangeSecrets(db: Writer, changeId: string, secrets: object) {
  const { dataKeyId, sealed } = await sealRecord(db, { table: 'data_changes', id: changeId }, { secrets: JSON.stringify(secrets) });
  return { dataKeyId, sealedIdDocument: sealed.secrets };
}

export async function openChangeSecrets<T>(db: Reader, row: { id: string; sealedIdDocument: string; dataKeyId: string }): Promise<T> {
  return JSON.parse((await unsealRecord(db, row.dataKeyId, { table: 'data_changes', id: row.id }, { secrets: row.sealedIdDocument })).secrets) as T;
}

/** A resident's identity document number as the register keeps it; people see its last 4 characters. */
export async function sealResidentIdDocument(db: Writer, residentId: string, number: string) {
  const { dataKeyId, sealed } = await sealRecord(db, { table: 'residents', id: residentId }, { idDocument: number });
  return { dataKeyId, sealedIdDocument: sealed.idDocument, idDocumentLast4: number.slice(-4) };
}
