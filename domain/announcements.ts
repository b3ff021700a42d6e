/** P4.1a: who an announcement reaches, and where its notification leads. */
import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { unitOwners, units, users } from '../db/schema';
import type { AnnouncementDraft } from '../workflows/announcement/definition';

/** The owners' page of an announcement: where its notification leads them. */
export const announcementPage = (workflowId: string) => `/announcements/${encodeURIComponent(workflowId)}`;

/** The active owner accounts an announcement's audience holds: every owner, or those owning a unit in the building or among the units. */
export async function audienceUserIds(db: Pick<Database, 'select'>, draft: Pick<AnnouncementDraft, 'audience' | 'buildingId' | 'unitIds'>): Promise<string[]> {
  const owning =
    draft.audience === 'all'
      ? undefined
      : draft.audience === 'building'
        ? sql`${users.ownerId} in (select ${unitOwners.ownerId} from ${unitOwners} join ${units} on ${units.id} = ${unitOwners.unitId} where ${units.buildingId} = ${draft.buildingId})`
        : draft.unitIds.length > 0
          ? sql`${users.ownerId} in (select ${unitOwners.ownerId} from ${unitOwners} where ${inArray(unitOwners.unitId, draft.unitIds)})`
          : sql`false`;
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.active, true), isNotNull(users.ownerId), owning))
    .orderBy(users.id);
  return rows.map((row) => row.id);
}

