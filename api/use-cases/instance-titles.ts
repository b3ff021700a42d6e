import { sql, type SQL } from 'drizzle-orm';
import { label, type Label } from '../../contracts/labels';
import { processInstances } from '../../db/schema';
import { PROCESSES, processNamed } from '../../workflows/processes';

/** The data keys any process's title is made from (`instanceTitle.keys`). */
const TITLE_KEYS = [...new Set(PROCESSES.flatMap((definition) => definition.instanceTitle?.keys ?? []))];

/** Only the part of an instance's data its title reads: a list does not carry every instance's whole data. */
export const titleData: SQL<Record<string, unknown>> = sql<Record<string, unknown>>`jsonb_build_object(${sql.join(
  TITLE_KEYS.map((key) => sql`${key}::text, ${processInstances.data} -> ${key}::text`),
  sql`, `,
)})`;

/**
 * An instance's title for its readers, in each language, from what it recorded (its process's `instanceTitle`);
 * ids in it stay title references (`{zone:z-b1-lobby}`) for `nameInstanceTitles` to name. A process without one
 * is titled as recorded: a person typed it.
 */
export function instanceTitle(instance: { process: string; title: string; data?: unknown }): Label {
  const data = instance.data && typeof instance.data === 'object' ? (instance.data as Record<string, unknown>) : {};
  return processNamed(instance.process)?.instanceTitle?.of({ title: instance.title, data }) ?? label(instance.title, instance.title);
}
