import { and, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { accessPeople, accessPoints, credentials, faceConsents } from '../db/schema';

/** The access-control rules (P4.2b; PIPL art. 26) as queries: the activities and the API ask the same. */

/** The consent a face enrolment rests on: the person's own, live (not withdrawn) consent. */
export async function liveFaceConsent(db: Database, personId: string) {
  return db.query.faceConsents.findFirst({
    where: and(eq(faceConsents.personId, personId), eq(faceConsents.scope, 'door-access'), isNull(faceConsents.withdrawnAt)),
  });
}

/** Whether the person holds (or is being given) a way in that is not their face (SPC provisions art. 10). */
export async function hasNonFaceCredential(db: Database, personId: string, except?: string) {
  const rows = await db
    .select({ id: credentials.id })
    .from(credentials)
    .where(
      and(
        eq(credentials.personId, personId),
        ne(credentials.kind, 'face'),
        inArray(credentials.status, ['enrolling', 'active']),
        except ? ne(credentials.id, except) : undefined,
      ),
    );
  return rows.length > 0;
}

/** The doors a person may open: staff every door; everyone else estate-wide doors and their building's. */
export async function doorsOfPerson(db: Database, personId: string): Promise<string[]> {
  const person = await db.query.accessPeople.findFirst({ where: eq(accessPeople.id, personId) });
  if (!person) return [];
  const doors = await db.select().from(accessPoints).where(eq(accessPoints.kind, 'door')).orderBy(accessPoints.deviceId);
  if (person.kind === 'staff') return doors.map((door) => door.deviceId);
  const buildingRows = person.unitId
    ? await db.execute<{ building_id: string }>(sql`select building_id from units where id = ${person.unitId}`)
    : person.ownerId
      ? await db.execute<{ building_id: string }>(
          sql`select distinct u.building_id from units u join unit_owners uo on uo.unit_id = u.id where uo.owner_id = ${person.ownerId}`,
        )
      : [];
  const buildingIds = new Set([...buildingRows].map((row) => row.building_id));
  return doors.filter((door) => door.buildingId === null || buildingIds.has(door.buildingId)).map((door) => door.deviceId);
}
