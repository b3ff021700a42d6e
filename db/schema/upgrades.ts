import { date, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { attachments, users, vendors } from './core';

const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * P3.3a: firmware a supplier has released for device models, registered with its file (an attachment of kind
 * `firmware`) and the file's SHA-256: an upgrade sends exactly these bytes, checked again before they leave Steward.
 * The id is the client's, so a retried registration is one release.
 */
export const firmwareReleases = pgTable(
  'firmware_releases',
  {
    id: text('id').primaryKey(),
    vendorId: text('vendor_id').notNull().references(() => vendors.id),
    version: text('version').notNull(),
    /** The device models the release is for, as the devices report their model (ISAPI `deviceInfo.model`). */
    models: text('models').array().notNull(),
    releasedOn: date('released_on', { mode: 'string' }).notNull(),
    notes: text('notes').notNull(),
    fileId: text('file_id').notNull().references(() => attachments.id),
    fileName: text('file_name').notNull(),
    /** SHA-256 of the file, hex, as the supplier declared it and Steward checked it. */
    sha256: text('sha256').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    registeredBy: text('registered_by').notNull().references(() => users.id),
    registeredAt: timestamptz('registered_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('firmware_releases_vendor_version_idx').on(t.vendorId, t.version), index('firmware_releases_models_idx').using('gin', t.models)],
);
