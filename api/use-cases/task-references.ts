import { eq, inArray } from 'drizzle-orm';
import type { ApiContext } from '../context';
import { nameTitle, REFERENCE_KINDS, titleReferences, type Label, type ReferenceKind, type Vocabulary } from '../../contracts/labels';
import type { TaskReferences } from '../../contracts/tasks';
import { buildings, devices, processInstances, units, users, vendors, zones } from '../../db/schema';
import { processLabels } from '../../workflows/lib/labels';
import { processNamed } from '../../workflows/processes';
import { instanceTitle, titleData } from './instance-titles';

/** The ids wanted, by kind. */
export type WantedReferences = Map<ReferenceKind, Set<string>>;

const want = (wanted: WantedReferences, kind: ReferenceKind, id: unknown) => {
  if (typeof id !== 'string' || id === '') return;
  wanted.set(kind, (wanted.get(kind) ?? new Set()).add(id));
};

const isReference = (format: string | undefined): format is ReferenceKind => (REFERENCE_KINDS as readonly (string | undefined)[]).includes(format);

/** Every id a value holds under a key its process words as a reference (`zoneId`, `projectLead`), at any depth. */
function collect(value: unknown, vocabulary: Vocabulary, wanted: WantedReferences, kind?: ReferenceKind): void {
  if (Array.isArray(value)) {
    for (const item of value) collect(item, vocabulary, wanted, kind);
    return;
  }
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const format = vocabulary[key]?.format;
      collect(item, vocabulary, wanted, isReference(format) ? format : undefined);
    }
    return;
  }
  if (kind) want(wanted, kind, value);
}

/** The ids in a task's context (by its process's wording) and in its title (`{zone:z-car-park}`). */
export function referencesOf(task: { process: string; title: string; context?: unknown }, wanted: WantedReferences = new Map()): WantedReferences {
  const definition = processNamed(task.process);
  if (definition && task.context) collect(task.context, processLabels(definition), wanted);
  for (const { kind, id } of titleReferences(task.title)) want(wanted, kind, id);
  return wanted;
}

/** What a unit is called: its building's name and its number. */
const unitName = (building: string | null, number: string) => (building ? `${building} ${number}` : number);

/** Names the ids, one query per kind; an id nothing names is left out (the UI shows it as it is). */
export async function nameReferences(ctx: ApiContext, wanted: WantedReferences): Promise<TaskReferences> {
  const ids = (kind: ReferenceKind) => [...(wanted.get(kind) ?? [])];
  const lookups: Record<ReferenceKind, (list: string[]) => Promise<Array<{ id: string; name: string }>>> = {
    user: (list) => ctx.db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, list)),
    building: (list) => ctx.db.select({ id: buildings.id, name: buildings.name }).from(buildings).where(inArray(buildings.id, list)),
    unit: async (list) =>
      (
        await ctx.db
          .select({ id: units.id, number: units.number, building: buildings.name })
          .from(units)
          .leftJoin(buildings, eq(buildings.id, units.buildingId))
          .where(inArray(units.id, list))
      ).map((unit) => ({ id: unit.id, name: unitName(unit.building, unit.number) })),
    zone: (list) => ctx.db.select({ id: zones.id, name: zones.name }).from(zones).where(inArray(zones.id, list)),
    device: (list) => ctx.db.select({ id: devices.id, name: devices.name }).from(devices).where(inArray(devices.id, list)),
    supplier: (list) => ctx.db.select({ id: vendors.id, name: vendors.name }).from(vendors).where(inArray(vendors.id, list)),
    // A process is named by its title in zh-CN as its readers see it (see nameInstanceTitles).
    process: async (list) => {
      const rows = await ctx.db
        .select({ id: processInstances.workflowId, process: processInstances.process, title: processInstances.title, data: titleData })
        .from(processInstances)
        .where(inArray(processInstances.workflowId, list));
      const titles = await nameInstanceTitles(ctx, rows);
      return rows.map((row, index) => ({ id: row.id, name: titles[index]['zh-CN'] }));
    },
  };
  const named = await Promise.all(
    [...wanted.keys()].map(async (kind) => [kind, Object.fromEntries((await lookups[kind](ids(kind))).map((row) => [row.id, row.name]))] as const),
  );
  return Object.fromEntries(named.filter(([, names]) => Object.keys(names).length > 0));
}

/** Instances' titles as their readers see them (`instanceTitle`), in each language, with the ids in them named. */
export async function nameInstanceTitles(ctx: ApiContext, instances: Array<{ process: string; title: string; data?: unknown }>): Promise<Label[]> {
  const titles = instances.map(instanceTitle);
  const wanted: WantedReferences = new Map();
  // A title names places, people and suppliers, never another process: naming them ends here.
  for (const title of titles) for (const text of Object.values(title)) for (const { kind, id } of titleReferences(text)) if (kind !== 'process') want(wanted, kind, id);
  const names = wanted.size > 0 ? await nameReferences(ctx, wanted) : {};
  return titles.map((title) => ({ 'zh-CN': nameTitle(title['zh-CN'], names), en: nameTitle(title.en, names) }));
}
