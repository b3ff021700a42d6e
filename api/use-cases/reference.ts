import { asc, eq, inArray } from 'drizzle-orm';
import { canOnAny } from '../../contracts/permissions';
import { SYSTEMS } from '../../contracts/vocabulary';
import { buildings, devices, unitOwners, units, zones } from '../../db/schema';
import type { SessionUser } from '../auth/session';
import type { ApiContext } from '../context';

/** The places a fault can be reported at; an owner's unit list holds only their own units. */
export async function listLocations(ctx: ApiContext, user: SessionUser) {
  const staff = canOnAny(user, 'location.read');
  const ownUnitIds = staff || !user.ownerId
    ? null
    : (await ctx.db.select({ unitId: unitOwners.unitId }).from(unitOwners).where(eq(unitOwners.ownerId, user.ownerId))).map((row) => row.unitId);
  const [buildingRows, unitRows, zoneRows, deviceRows] = await Promise.all([
    ctx.db.select().from(buildings).orderBy(asc(buildings.id)),
    ownUnitIds === null
      ? ctx.db.select().from(units).orderBy(asc(units.number))
      : ownUnitIds.length
        ? ctx.db.select().from(units).where(inArray(units.id, ownUnitIds)).orderBy(asc(units.number))
        : Promise.resolve([]),
    // A disabled zone is no place to report at any more.
    ctx.db.select().from(zones).where(eq(zones.active, true)).orderBy(asc(zones.id)),
    ctx.db.select().from(devices).orderBy(asc(devices.id)),
  ]);
  return {
    buildings: buildingRows.map((building) => ({
      id: building.id,
      name: building.name,
      units: unitRows.filter((unit) => unit.buildingId === building.id).map((unit) => ({ id: unit.id, number: unit.number })),
    })),
    zones: zoneRows,
    devices: deviceRows,
    systems: [...SYSTEMS],
  };
}
