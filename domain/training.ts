/**
 * Training (P6): the staff it is for, the security course every staff member must hold to read personal data
 * (P5.3a), and the checks of uploaded training certificates (P6.2b).
 */
import { and, eq, max, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { trainingRecords, users } from '../db/schema';
import { STAFF_ROLES } from '../contracts/permissions';
import type { StaffMember } from '../workflows/training-cycle/messages';

/** The active staff, by name. */
export async function activeStaff(db: Pick<Database, 'select'>): Promise<StaffMember[]> {
  const rows = await db
    .select({ userId: users.id, displayName: users.displayName, roles: users.roles, department: users.department })
    .from(users)
    .where(and(eq(users.active, true), sql`${users.roles} && ${sql.param([...STAFF_ROLES])}::text[]`))
    .orderBy(users.displayName);
  return rows;
}


/** The latest end of validity of the person's completed security course; null when they never completed one. */
export async function securityCourseValidUntil(db: Pick<Database, 'select'>, userId: string): Promise<Date | null> {
  const [row] = await db
    .select({ until: max(trainingRecords.expiresAt) })
    .from(trainingRecords)
    .where(and(eq(trainingRecords.userId, userId), eq(trainingRecords.topic, 'security'), eq(trainingRecords.kind, 'completion')));
  return row?.until ?? null;
}

/** The type a file's first bytes say it is, of the kinds a certificate may be; null for anything else. */
export function certificateKindOf(bytes: Uint8Array): 'application/pdf' | 'image/png' | 'image/jpeg' | null {
  const starts = (...signature: number[]) => signature.every((byte, index) => bytes[index] === byte);
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'application/pdf';
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  return null;
}
