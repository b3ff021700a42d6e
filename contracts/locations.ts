import { z } from 'zod';
import { fieldText } from './problem-texts';

/** P3.2a: where the fault is. At least a building, a zone or a device. */
export const faultLocation = z.lazy(() =>
  z
    .object({
      buildingId: z.string().min(1).optional(),
      unitId: z.string().min(1).optional(),
      zoneId: z.string().min(1).optional(),
      deviceId: z.string().min(1).optional(),
    })
    .refine((location) => location.buildingId || location.zoneId || location.deviceId, {
      message: fieldText('give-a-place'),
      path: ['buildingId'],
    }),
);
export type FaultLocation = z.infer<typeof faultLocation>;
