import { and, inArray, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { STAFF_ROLES } from '../../contracts/permissions';
import { trainingRecords, users } from '../schema';

/** How long the demo's security course stays valid from the day it is loaded. */
const DEMO_VALIDITY_MS = 2 * 365 * 86_400_000;

/**
 * P5.3a: every demo staff member (of `userIds`) has passed the security course, so the personal-data pages stay
 * open to them. Safe to run on every start: a member who has their demo course keeps it.
 */
export async function seedDemoSecurityTraining(db: Pick<Database, 'select' | 'insert'>, userIds: readonly string[]): Promise<void> {
  const staff = await db
    .select({ id: users.id })
    .from(users)
    .where(and(inArray(users.id, [...userIds]), sql`${users.roles} && ${sql.param([...STAFF_ROLES])}::text[]`));
  if (!staff.length) return;
  const now = new Date();
  await db
    .insert(trainingRecords)
    .values(
      staff.map(({ id }) => ({
        id: `demo-security-course.${id}`,
        userId: id,
        courseId: 'demo-security',
        courseTitle: '信息安全与个人信息保护 Security and personal data',
        topic: 'security' as const,
        method: 'lecture',
        kind: 'completion' as const,
        completedAt: now,
        expiresAt: new Date(now.getTime() + DEMO_VALIDITY_MS),
        recordedBy: 'demo',
      })),
    )
    .onConflictDoNothing();
}
