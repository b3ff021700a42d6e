import { eq } from 'drizzle-orm';
import type { Database } from '../db/client';
import type { AnomalyRule } from '../contracts/vocabulary';
import { accessAlerts } from '../db/schema';
import { recordNotification } from '../domain/notifications';

export interface AnomalyFinding {
  alertId: string;
  finding: 'legitimate' | 'misuse';
  note: string;
  reviewedBy: string;
  reviewedAt: string;
}

/** P5.3c: the alert keeps the security supervisor's finding. Each write is safe to repeat. */
export function createAccessAnomalyActivities({ db }: { db: Database }) {
  return {
    async recordAnomalyFinding({ alertId, finding, note, reviewedBy, reviewedAt }: AnomalyFinding): Promise<void> {
      await db.update(accessAlerts).set({ finding, note, reviewedBy, reviewedAt: new Date(reviewedAt) }).where(eq(accessAlerts.id, alertId));
    },

    async reportMisuse({ workflowId, actorName, rule, note }: { workflowId: string; actorName: string; rule: AnomalyRule; note: string }): Promise<void> {
      await recordNotification(db, {
        dedupeKey: `${workflowId}.misuse`,
        workflowId,
        recipientRoles: ['management', 'admin'],
        recipientUsers: [],
        message: `个人数据滥用 Misuse of personal data by ${actorName} (${rule}): ${note}`,
      });
    },
  };
}
