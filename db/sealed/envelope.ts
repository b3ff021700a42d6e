import { createCipheriv, createDecipheriv, randomBytes, randomUUID } from 'node:crypto';
import { inArray } from 'drizzle-orm';
import type { Database } from '../client';
import { dataKeys } from '../schema/sealed';
import { keyring, type Keyring } from './keyring';

type Reader = Pick<Database, 'select'>;
type Writer = Pick<Database, 'insert'>;

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export type SealFailure = 'DataKeyErased' | 'UnknownKeyEncryptionKey' | 'SealBroken';

/** A sealed value that cannot be opened: its data key was erased, its KEK is not configured, or it was altered. */
export class SealedDataError extends Error {
  constructor(
    readonly type: SealFailure,
    message: string,
  ) {
    super(message);
    this.name = 'SealedDataError';
  }
}

/** AES-256-GCM; the additional data binds a ciphertext to its place, so it cannot be moved to another row. */
function encrypt(key: Buffer, plaintext: Buffer, aad: string): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(Buffer.from(aad));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]);
}

function decrypt(key: Buffer, sealed: Buffer, aad: string): Buffer {
  if (sealed.length < 1 + IV_BYTES + TAG_BYTES || sealed[0] !== VERSION) throw new SealedDataError('SealBroken', `not a sealed value (${aad})`);
  const iv = sealed.subarray(1, 1 + IV_BYTES);
  const tag = sealed.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key, iv).setAAD(Buffer.from(aad)).setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(sealed.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]);
  } catch {
    throw new SealedDataError('SealBroken', `the sealed value does not open with its key (${aad})`);
  }
}

const wrapAad = (dataKeyId: string) => `data-key/${dataKeyId}`;

/** Wraps a data key under a KEK: version, IV, tag and the wrapped key, base64. */
export function wrapDataKey(kek: Buffer, dataKeyId: string, key: Buffer): string {
  return encrypt(kek, key, wrapAad(dataKeyId)).toString('base64');
}

export function unwrapDataKey(ring: Keyring, row: { id: string; kekId: string; wrappedKey: string }): Buffer {
  const kek = ring.key(row.kekId);
  if (!kek) throw new SealedDataError('UnknownKeyEncryptionKey', `data key ${row.id} is wrapped under key "${row.kekId}", which is not configured`);
  return decrypt(kek, Buffer.from(row.wrappedKey, 'base64'), wrapAad(row.id));
}

/** Where a sealed record lives; its fields are sealed with additional data `<table>/<id>/<field>`. */
export interface SealedPlace {
  table: string;
  id: string;
}

const fieldAad = (place: SealedPlace, field: string) => `${place.table}/${place.id}/${field}`;

/**
 * Seals a record's fields under a fresh data key, wrapped under the current KEK and written to
 * `data_keys` with the same writer (so in the record's own transaction). Returns the key's id, to
 * store with the record, and each field's ciphertext (base64).
 */
export async function sealRecord<F extends string>(
  db: Writer,
  place: SealedPlace,
  fields: Record<F, string>,
  ring: Keyring = keyring(),
): Promise<{ dataKeyId: string; sealed: Record<F, string> }> {
  return (await sealRecords(db, [{ place, fields }], ring))[0];
}

/** Data keys written per statement when many records are sealed at once (an imported sheet's owners). */
const KEYS_PER_INSERT = 1000;

/** Seals many records as `sealRecord` does one, each under its own data key, the keys written a thousand at a time. */
export async function sealRecords<F extends string>(
  db: Writer,
  records: ReadonlyArray<{ place: SealedPlace; fields: Record<F, string> }>,
  ring: Keyring = keyring(),
): Promise<Array<{ dataKeyId: string; sealed: Record<F, string> }>> {
  const keyRows: Array<typeof dataKeys.$inferInsert> = [];
  const results = records.map(({ place, fields }) => {
    const dataKeyId = randomUUID();
    const key = randomBytes(32);
    keyRows.push({ id: dataKeyId, kekId: ring.current.id, wrappedKey: wrapDataKey(ring.current.key, dataKeyId, key), protects: place.table });
    const sealed = {} as Record<F, string>;
    for (const field of Object.keys(fields) as F[]) sealed[field] = encrypt(key, Buffer.from(fields[field], 'utf8'), fieldAad(place, field)).toString('base64');
    return { dataKeyId, sealed };
  });
  for (let start = 0; start < keyRows.length; start += KEYS_PER_INSERT) await db.insert(dataKeys).values(keyRows.slice(start, start + KEYS_PER_INSERT));
  return results;
}

/** Opens a record's sealed fields; a data key that was erased (crypto-shredded) opens nothing. */
export async function unsealRecord<F extends string>(
  db: Reader,
  dataKeyId: string,
  place: SealedPlace,
  sealed: Record<F, string>,
  ring: Keyring = keyring(),
): Promise<Record<F, string>> {
  return (await unsealRecords(db, [{ dataKeyId, place, sealed }], ring))[0];
}

/** Opens many records as `unsealRecord` does one, their data keys read in one query. */
export async function unsealRecords<F extends string>(
  db: Reader,
  records: ReadonlyArray<{ dataKeyId: string; place: SealedPlace; sealed: Record<F, string> }>,
  ring: Keyring = keyring(),
): Promise<Array<Record<F, string>>> {
  const rows = records.length ? await db.select().from(dataKeys).where(inArray(dataKeys.id, [...new Set(records.map((record) => record.dataKeyId))])) : [];
  const byId = new Map(rows.map((row) => [row.id, row]));
  return records.map(({ dataKeyId, place, sealed }) => {
    const row = byId.get(dataKeyId);
    if (!row) throw new SealedDataError('DataKeyErased', `data key ${dataKeyId} of ${place.table}/${place.id} is erased`);
    const key = unwrapDataKey(ring, row);
    const opened = {} as Record<F, string>;
    for (const field of Object.keys(sealed) as F[]) opened[field] = decrypt(key, Buffer.from(sealed[field], 'base64'), fieldAad(place, field)).toString('utf8');
    return opened;
  });
}

/**
 * Crypto-shredding: erases data keys, run with the record's delete. A copy of the ciphertext (a dead
 * tuple, WAL, a backup) then opens only with an old copy of the wrapped key and the KEK it was wrapped
 * under; once that KEK is rotated away and retired, nothing opens it.
 */
export async function eraseDataKeys(db: Pick<Database, 'delete'>, dataKeyIds: Array<string | null>): Promise<number> {
  const ids = dataKeyIds.filter((id): id is string => id !== null);
  if (!ids.length) return 0;
  const erased = await db.delete(dataKeys).where(inArray(dataKeys.id, ids)).returning({ id: dataKeys.id });
  return erased.length;
}
