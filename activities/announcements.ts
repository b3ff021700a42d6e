import { eq } from 'drizzle-orm';
import type { Database } from '../db/client';
import { announcements } from '../db/schema';
import { announcementPage, audienceUserIds } from '../domain/announcements';
import { recordNotifications } from '../domain/notifications';
import type { AnnouncementDraft } from '../workflows/announcement/messages';

export interface Publication {
  workflowId: string;
  draft: AnnouncementDraft;
  drafterId: string;
  approvedBy: string;
  publishedAt: string;
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
