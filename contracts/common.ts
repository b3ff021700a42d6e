import { z } from 'zod';

/** A mainland mobile number (11 digits from 13 to 19): what SMS reaches. */
export const mobileNumber = z.string().trim().regex(/^1[3-9]\d{9}$/, 'mobile-format');

/** What a route that starts (or joins) a process answers. */
export const workflowStarted = z.object({ workflowId: z.string() });
export type WorkflowStarted = z.infer<typeof workflowStarted>;

/** A whole list, for lists short enough to answer at once. */
export const listOf = <Item extends z.ZodType>(item: Item) => z.object({ items: z.array(item) });
export type List<Item> = { items: Item[] };

/** One keyset page: `nextCursor` asks for the next one, null on the last. */
export const pageOf = <Item extends z.ZodType>(item: Item) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });
export type Page<Item> = List<Item> & { nextCursor: string | null };
