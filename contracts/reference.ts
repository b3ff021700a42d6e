import { z } from 'zod';

/** Buildings (with units), zones, devices and systems a fault can be reported at. */
export const locationsView = z.object({
  buildings: z.array(z.object({ id: z.string(), name: z.string(), units: z.array(z.object({ id: z.string(), number: z.string() })) })),
  zones: z.array(z.object({ id: z.string(), name: z.string(), buildingId: z.string().nullable() })),
  devices: z.array(z.object({ id: z.string(), name: z.string(), zoneId: z.string(), system: z.string() })),
  systems: z.array(z.string()),
});
export type ReferenceLocations = z.infer<typeof locationsView>;
