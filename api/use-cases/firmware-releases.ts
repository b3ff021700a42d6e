import { createHash } from 'node:crypto';
import { and, arrayContains, desc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { canOnAny } from '../../contracts/permissions';
import type { firmwareReleaseQuery, firmwareReleaseRequest, FirmwareReleaseView } from '../../contracts/upgrades';
import { attachments, firmwareReleases, vendors } from '../../db/schema';
import type { SessionUser } from '../auth/session';
import type { ApiContext } from '../context';
import { conflict, forbidden, notFound, unprocessable } from '../http/problem';

type ReleaseRow = typeof firmwareReleases.$inferSelect;

const viewOf = (row: ReleaseRow, vendorName: string): FirmwareReleaseView => ({
  id: row.id,
  vendorId: row.vendorId,
  vendorName,
  version: row.version,
  models: row.models,
  releasedOn: row.releasedOn,
  notes: row.notes,
  fileName: row.fileName,
  sha256: row.sha256,
  sizeBytes: row.sizeBytes,
  registeredBy: row.registeredBy,
  registeredAt: row.registeredAt.toISOString(),
});

/** Staff register for any supplier they name; a supplier's staff for their own company only. */
function vendorOf(user: SessionUser, requested: string | undefined): string {
  if (canOnAny(user, 'firmware.register')) {
    if (!requested) throw unprocessable('firmware.vendor-required', [{ field: 'vendorId', message: 'required' }]);
    return requested;
  }
  if (!user.vendorId || (requested && requested !== user.vendorId)) throw forbidden('firmware.own-vendor-only');
  return user.vendorId;
}

/** A supplier's staff see their own company's releases; staff all of them. */
function requireReadable(user: SessionUser, row: { vendorId: string }, releaseId: string) {
  if (!canOnAny(user, 'firmware.read') && row.vendorId !== user.vendorId) throw notFound('firmware.unknown', { releaseId });
}

/**
 * P3.3a: a supplier's firmware release, stored with its file (an attachment of kind `firmware`) once the file is
 * proven to be the one the supplier published (its SHA-256). Idempotent on the release id: the same release sent
 * again answers the stored one, whatever else comes with the same id is refused. Nothing is written on a refusal.
 */
export async function registerRelease(ctx: ApiContext, user: SessionUser, request: z.output<typeof firmwareReleaseRequest>): Promise<FirmwareReleaseView> {
  const vendorId = vendorOf(user, request.vendorId);
  const vendor = await ctx.db.query.vendors.findFirst({ where: eq(vendors.id, vendorId) });
  if (!vendor) throw unprocessable('request.body-invalid', [{ field: 'vendorId', message: 'no-such-supplier' }]);
  const bytes = Buffer.from(request.file, 'base64');
  const actual = createHash('sha256').update(bytes).digest('hex');
  if (actual !== request.sha256) throw unprocessable('firmware.checksum-mismatch', [{ field: 'sha256', message: 'checksum-mismatch', params: { actual } }]);

  const same = (row: ReleaseRow) => row.vendorId === vendorId && row.version === request.version && row.sha256 === request.sha256;
  const existing = await ctx.db.query.firmwareReleases.findFirst({ where: eq(firmwareReleases.id, request.releaseId) });
  if (existing) {
    if (!same(existing)) throw conflict('firmware.id-taken', [{ field: 'releaseId', message: 'taken' }]);
    return viewOf(existing, vendor.name);
  }
  const sameVersion = await ctx.db.query.firmwareReleases.findFirst({ where: and(eq(firmwareReleases.vendorId, vendorId), eq(firmwareReleases.version, request.version)) });
  if (sameVersion) throw conflict('firmware.version-taken', { vendor: vendor.name, version: request.version }, [{ field: 'version', message: 'taken' }]);

  const fileId = `firmware-${request.releaseId}`;
  await ctx.db.transaction(async (tx) => {
    await tx
      .insert(attachments)
      .values({ id: fileId, kind: 'firmware', recordId: request.releaseId, contentType: 'application/octet-stream', content: request.file, uploadedBy: user.id })
      .onConflictDoNothing();
    await tx
      .insert(firmwareReleases)
      .values({
        id: request.releaseId,
        vendorId,
        version: request.version,
        models: request.models,
        releasedOn: request.releasedOn,
        notes: request.notes,
        fileId,
        fileName: request.fileName,
        sha256: request.sha256,
        sizeBytes: bytes.length,
        registeredBy: user.id,
      })
      .onConflictDoNothing();
  });
  const [stored] = await ctx.db.select().from(firmwareReleases).where(eq(firmwareReleases.id, request.releaseId));
  // The same id sent twice at once: the other request stored it.
  if (!same(stored)) throw conflict('firmware.id-taken', [{ field: 'releaseId', message: 'taken' }]);
  return viewOf(stored, vendor.name);
}

export async function listReleases(ctx: ApiContext, user: SessionUser, query: z.output<typeof firmwareReleaseQuery>) {
  const own = canOnAny(user, 'firmware.read') ? undefined : eq(firmwareReleases.vendorId, user.vendorId ?? '');
  const rows = await ctx.db
    .select({ release: firmwareReleases, vendorName: vendors.name })
    .from(firmwareReleases)
    .innerJoin(vendors, eq(vendors.id, firmwareReleases.vendorId))
    .where(and(own, query.model ? arrayContains(firmwareReleases.models, [query.model]) : undefined))
    .orderBy(desc(firmwareReleases.releasedOn), desc(firmwareReleases.registeredAt))
    .limit(500);
  return { items: rows.map(({ release, vendorName }) => viewOf(release, vendorName)) };
}

export async function getRelease(ctx: ApiContext, user: SessionUser, releaseId: string): Promise<FirmwareReleaseView> {
  const [row] = await ctx.db
    .select({ release: firmwareReleases, vendorName: vendors.name })
    .from(firmwareReleases)
    .innerJoin(vendors, eq(vendors.id, firmwareReleases.vendorId))
    .where(eq(firmwareReleases.id, releaseId));
  if (!row) throw notFound('firmware.unknown', { releaseId });
  requireReadable(user, row.release, releaseId);
  return viewOf(row.release, row.vendorName);
}

/** The release's file, byte for byte as registered: only the `firmware` attachment the release names. */
export async function releaseFile(ctx: ApiContext, user: SessionUser, releaseId: string) {
  const release = await getRelease(ctx, user, releaseId);
  const [row] = await ctx.db
    .select({ content: attachments.content })
    .from(firmwareReleases)
    .innerJoin(attachments, and(eq(attachments.id, firmwareReleases.fileId), eq(attachments.kind, 'firmware')))
    .where(eq(firmwareReleases.id, releaseId));
  if (!row) throw notFound('firmware.unknown', { releaseId });
  return { fileName: release.fileName, bytes: Buffer.from(row.content, 'base64') };
}
