import { inArray } from 'drizzle-orm';
import type { Database } from '../client';
import { supplierDocuments, users, vendors } from '../schema';

const DAY_MS = 24 * 3600 * 1000;
const day = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY_MS).toISOString().slice(0, 10);

/** Registry suppliers beyond the maintenance vendors, so an inquiry can collect three quotes; one not yet qualified. */
export const DEMO_SUPPLIERS = [
  { id: 'v-anxin', name: '安信智能 Anxin Smart Systems', username: 'vendor-anxin', qualified: true },
  { id: 'v-huaan', name: '华安科技 Huaan Technology', username: 'vendor-huaan', qualified: true },
  { id: 'v-pending', name: '新锐安防 Xinrui Security (pending)', username: 'vendor-pending', qualified: false },
] as const;

/** P2.2a demo registry: the demo vendors qualified, documents with expiry dates (one expiring soon, one expired). */
export async function seedSupplierRegistry(db: Database, passwordHash: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.insert(vendors).values(DEMO_SUPPLIERS.map((supplier) => ({ id: supplier.id, name: supplier.name })));
    await tx.insert(users).values(
      DEMO_SUPPLIERS.map((supplier) => ({
        id: `u-${supplier.username}`,
        username: supplier.username,
        displayName: `Supplier staff (${supplier.name})`,
        roles: ['vendor'],
        vendorId: supplier.id,
        passwordHash,
      })),
    );
    const all = await tx.select({ id: vendors.id }).from(vendors);
    const qualifiedIds = all.map((vendor) => vendor.id).filter((id) => id !== 'v-pending');
    await tx
      .update(vendors)
      .set({ qualificationStatus: 'qualified', qualifiedAt: new Date(), requalifyDueAt: new Date(Date.now() + 365 * DAY_MS) })
      .where(inArray(vendors.id, qualifiedIds));
    await tx.insert(supplierDocuments).values(
      all.flatMap((vendor) => [
        { id: `${vendor.id}-licence`, vendorId: vendor.id, kind: 'business-licence' as const, title: '营业执照 Business licence', issuedOn: day(-700), expiresOn: vendor.id === 'v-pending' ? day(-5) : day(1000), createdBy: 'u-admin' },
        { id: `${vendor.id}-iso9001`, vendorId: vendor.id, kind: 'certificate' as const, title: 'ISO 9001', issuedOn: day(-300), expiresOn: vendor.id === 'v-huaan' ? day(12) : day(400), createdBy: 'u-admin' },
      ]),
    );
  });
}
