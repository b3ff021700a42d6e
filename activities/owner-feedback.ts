import { and, eq, isNull, not, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { improvementItems, ownerFeedback, ownerFeedbackMessages, processLinks, users } from '../db/schema';
import { recordNotification, type NewNotification } from '../domain/notifications';
import type { Department, FeedbackResolution } from '../contracts/vocabulary';
import type { ThreadMessage } from '../workflows/owner-feedback/messages';

export type FeedbackNotification = Pick<NewNotification, 'workflowId' | 'dedupeKey' | 'recipientRoles' | 'recipientUsers' | 'message'> & { link: string | null };

export interface ImprovementInput {
  workflowId: string;
  title: string;
  description: string;
  department: Department;
  adoptedBy: string;
  adoptedAt: string;
}

/** The improvement item an adopted suggestion becomes: one per feedback. */
const improvementIdOf = (workflowId: string) => `improvement-${workflowId}`;

export function createOwnerFeedbackActivities({ db }: { db: Database }) {
  return {
    /** P4.1b: the staff of the department responsible for the category, as they are now; recorded on the feedback. */
    async routeFeedback({ workflowId, department }: { workflowId: string; department: Department }): Promise<{ staffUserIds: string[] }> {
      await db.update(ownerFeedback).set({ department }).where(eq(ownerFeedback.workflowId, workflowId));
      const staff = await db
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.department, department), eq(users.active, true), isNull(users.ownerId), isNull(users.vendorId), not(sql`'owner' = any(${users.roles})`)))
        .orderBy(users.id);
      return { staffUserIds: staff.map((user) => user.id) };
    },

    /** A reply, a follow-up or the owner's answer joins the thread; a retry writes it once. */
    async postFeedbackMessage(message: ThreadMessage): Promise<void> {
      await db
        .insert(ownerFeedbackMessages)
        .values({ id: message.id, workflowId: message.workflowId, authorId: message.author.userId, authorName: message.author.displayName, side: message.side, kind: message.kind, text: message.text, at: new Date(message.at) })
        .onConflictDoNothing();
    },

    /** A reply told to the owner, a late one to the supervisors or management (P4.1 notifications, once per key). */
    async notifyFeedback(notification: FeedbackNotification): Promise<void> {
      await recordNotification(db, notification);
    },

    /** An adopted suggestion as an improvement item, linked to its feedback; a retry writes nothing twice. */
    async recordImprovement(input: ImprovementInput): Promise<string> {
      const id = improvementIdOf(input.workflowId);
      await db.transaction(async (tx) => {
        await tx
          .insert(improvementItems)
          .values({ id, sourceWorkflowId: input.workflowId, title: input.title, description: input.description, department: input.department, adoptedBy: input.adoptedBy, adoptedAt: new Date(input.adoptedAt) })
          .onConflictDoNothing();
        await tx.insert(processLinks).values({ fromWorkflowId: input.workflowId, toWorkflowId: id, relation: 'improvement' }).onConflictDoNothing();
      });
      return id;
    },

    /** How the feedback ended, and the owner's rating. */
    async closeFeedbackRecord({ workflowId, resolution, rating, closedAt }: { workflowId: string; resolution: FeedbackResolution; rating: number | null; closedAt: string }): Promise<void> {
      await db.update(ownerFeedback).set({ resolution, rating, closedAt: new Date(closedAt) }).where(eq(ownerFeedback.workflowId, workflowId));
    },
  };
}
