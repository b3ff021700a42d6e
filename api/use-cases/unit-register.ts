import { and, asc, count, eq, gt, ilike, type SQL } from 'drizzle-orm';
import type { BuildingView, UnitListQuery, UnitSummary } from '../../contracts/data-review';
import type { Page } from '../../contracts/common';
import { buildings, unitOwners, units } from '../../db/schema';
import type { ApiContext } from '../context';
import { containing } from '../../db/like-pattern';


/** The unit register for administrators, a keyset page at a time in unit-id order; no owner's name or document leaves here. */
export async function listUnits(ctx: ApiContext, query: UnitListQuery): Promise<Page<UnitSummary>> {
  const conditions: Array<SQL | undefined> = [
    query.number ? ilike(units.number, containing(query.number)) : undefined,
    query.buildingId ? eq(units.buildingId, query.buildingId) : undefined,
    query.cursor ? gt(units.id, query.cursor) : undefined,
  ];
  const ownerCounts = ctx.db.select({ unitId: unitOwners.unitId, owners: count().as('owners') }).from(unitOwners).groupBy(unitOwners.unitId).as('owner_counts');
  const rows = await ctx.db
    .select({ unit: units, buildingName: buildings.name, owners: ownerCounts.owners })
    .from(units)
    .innerJoin(buildings, eq(buildings.id, units.buildingId))
    .leftJoin(ownerCounts, eq(ownerCounts.unitId, units.id))
    .where(and(...conditions))
    .orderBy(asc(units.id))
    .limit(query.limit + 1);
  const items = rows.slice(0, query.limit).map(({ unit, buildingName, owners }) => ({
    unitId: unit.id,
    buildingId: unit.buildingId,
    buildingName,
    number: unit.number,
    exclusiveArea: Number(unit.exclusiveArea),
    use: unit.use,
    deliveryStatus: unit.deliveryStatus,
    active: unit.active,
    ownerCount: Number(owners ?? 0),
  }));
  return { items, nextCursor: rows.length > query.limit ? items[items.length - 1]!.unitId : null };
}

/** The buildings a new unit may be entered in. */
export async function listBuildings(ctx: ApiContext): Promise<{ items: BuildingView[] }> {
  const rows = await ctx.db.select().from(buildings).orderBy(asc(buildings.id));
  return { items: rows.map((row) => ({ buildingId: row.id, name: row.name })) };
}
