import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { announcements, unitOwners, units, users } from '../db/schema';
import { recordNotifications } from '../domain/notifications';
import type { AnnouncementDraft } from '../workflows/announcement/messages';

export interface Publication {
  workflowId: string;
  draft: AnnouncementDraft;
  drafterId: string;
  approvedBy: string;
  publishedAt: string;
}

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

export function createAnnouncementActivities({ db }: { db: Database }) {
  return {
    /**
     * P4.1a: the approved announcement stored and its audience told, in one transaction: one notification addressed to
     * the owner accounts of the audience, which the relay sends on each one's channels. A retry writes nothing twice.
     */
    async publishAnnouncement({ workflowId, draft, drafterId, approvedBy, publishedAt }: Publication): Promise<{ audienceSize: number }> {
      return db.transaction(async (tx) => {
        const recipients = await audienceUserIds(tx, draft);
        await tx
          .insert(announcements)
          .values({
            workflowId,
            title: draft.title,
            body: draft.body,
            audience: draft.audience,
            buildingId: draft.audience === 'building' ? draft.buildingId : null,
            unitIds: draft.audience === 'units' ? draft.unitIds : [],
            pinned: draft.pinned,
            expiresAt: draft.expiresAt ? new Date(draft.expiresAt) : null,
            drafterId,
            approvedBy,
            publishedAt: new Date(publishedAt),
            audienceSize: recipients.length,
          })
          .onConflictDoNothing();
        await recordNotifications(tx, [{ dedupeKey: `${workflowId}.published`, workflowId, recipientRoles: [], recipientUsers: recipients, message: `社区公告：${draft.title}`, link: announcementPage(workflowId) }]);
        const [stored] = await tx.select({ audienceSize: announcements.audienceSize }).from(announcements).where(eq(announcements.workflowId, workflowId));
        return { audienceSize: stored.audienceSize };
      });
    },
  };
}
