import { index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * Envelope encryption (P4.3c, P5.2c; PIPL art. 51): one data key per sealed record, stored only
 * wrapped (AES-256-GCM) under a key-encryption key that lives in configuration, never here. The
 * record's ciphertext names its data key; erasing the key erases the record (crypto-shredding), and
 * rotation re-wraps these rows without touching the ciphertext.
 */
export const dataKeys = pgTable(
  'data_keys',
  {
    id: text('id').primaryKey(),
    /** The key-encryption key this data key is wrapped under (`STEWARD_KEK_ID` or the key file's id). */
    kekId: text('kek_id').notNull(),
    /** Version byte, IV, GCM tag and the wrapped 32-byte key, base64. */
    wrappedKey: text('wrapped_key').notNull(),
    /** The table of the record it seals, for rotation reports and audits. */
    protects: text('protects').notNull(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    rewrappedAt: timestamptz('rewrapped_at'),
  },
  (t) => [index('data_keys_kek_idx').on(t.kekId)],
);
