import { z } from 'zod';

/** One alarm incident: a zone and an alarm type, however often the detector repeats (P4.2c). */
export const incidentView = z.object({
  workflowId: z.string(),
  zoneId: z.string(),
  zoneName: z.string(),
  alarmType: z.string(),
  status: z.enum(['open', 'dispatched', 'acknowledged', 'on-site', 'closed']),
  repeatCount: z.number().int(),
  detectorState: z.enum(['active', 'inactive']),
  openedAt: z.string(),
  lastEventAt: z.string(),
  assignedGuard: z.object({ id: z.string(), name: z.string() }).nullable(),
  dispatchTaskId: z.string().nullable(),
  cameras: z.array(z.object({ deviceId: z.string(), name: z.string(), streamUrl: z.string(), snapshotUrl: z.string(), calledUpAt: z.string().nullable(), error: z.string().optional() })),
  timeline: z.array(z.object({ at: z.string(), what: z.string(), actor: z.string().nullable().optional(), detail: z.record(z.string(), z.unknown()).optional() })),
  outcome: z.unknown(),
  closedAt: z.string().nullable(),
});
export type IncidentView = z.infer<typeof incidentView>;

export const deviceHealthView = z.object({
  deviceId: z.string(),
  name: z.string(),
  zoneId: z.string(),
  zoneName: z.string(),
  system: z.string(),
  status: z.enum(['streaming', 'stale', 'down', 'unknown']),
  lastSeenAt: z.string().nullable(),
  statusSince: z.string(),
  faultWorkflowId: z.string().nullable(),
  /** How often the device's event numbering has started again (reboot, reset, replacement), and the last time. */
  restarts: z.number().int(),
  restartedAt: z.string().nullable(),
});
export type DeviceHealthView = z.infer<typeof deviceHealthView>;

/** The live stream's first event, and each reconnection's. */
export type ConsoleSnapshot = { incidents: IncidentView[]; devices: DeviceHealthView[] };

export const incidentListQuery = z.object({
  /** open: not yet closed; recent: open plus those closed in the last hour. */
  scope: z.enum(['open', 'recent']).default('recent'),
});

export const assignGuardRequest = z.object({ guardUserId: z.string().min(1) });
export type AssignGuardRequest = z.input<typeof assignGuardRequest>;

export const guardView = z.object({ id: z.string(), displayName: z.string() });
export type GuardView = z.infer<typeof guardView>;
