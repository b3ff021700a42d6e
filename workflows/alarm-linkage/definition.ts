import { z } from 'zod';
import { faultRepairTimings } from '../fault-repair/definition';
import { durationMs } from '../lib/inputs';
import { defineProcess } from '../lib/process-definition';
import { ALARM_LINKAGE_STEPS } from './steps';

/** One or more events of the zone's alarm, batched by the listener: a detector repeats about once a second. */
export const alarmEvents = z.lazy(() =>
  z.object({
    deviceId: z.string(),
    /** Active reports in this batch: each is one repeat of the alarm. */
    activeCount: z.number().int().nonnegative(),
    firstSequence: z.number().int().nullable(),
    lastSequence: z.number().int().nullable(),
    lastOccurredAt: z.string(),
    /** The detector's state after this batch; inactive does not close the incident (it stays latched). */
    lastState: z.enum(['active', 'inactive']),
    /** The stored events behind `activeCount`: a batch signalled again (the outbox after a crash) is counted once. Absent in older histories. */
    activeEventIds: z.array(z.number().int()).optional(),
  }),
);
export type AlarmEvents = z.infer<typeof alarmEvents>;

/** Every duration is an input, so tests run a 60-second acknowledgement timer in 2 seconds. */
export const alarmLinkageTimings = z.lazy(() =>
  z.object({
    /** P4.2c: time for the dispatched guard to acknowledge before being notified again, then escalated. */
    acknowledgeMs: durationMs(),
    arriveOnSiteDueMs: durationMs(),
    findingsDueMs: durationMs(),
  }),
);
export type AlarmLinkageTimings = z.infer<typeof alarmLinkageTimings>;

export const alarmLinkageInput = z.lazy(() =>
  z.object({
    zoneId: z.string(),
    alarmType: z.string(),
    /** The system the alarm belongs to (for a fault repair the findings may open). */
    system: z.string(),
    firstEvent: alarmEvents,
    timings: alarmLinkageTimings,
    /** Fault-repair durations for the repair a real incident may open. */
    faultRepairTimings,
  }),
);
export type AlarmLinkageInput = z.infer<typeof alarmLinkageInput>;

export const alarmLinkageProcess = defineProcess({
  name: 'alarm-linkage',
  workflowType: 'alarmLinkage',
  title: { 'zh-CN': '报警联动', en: 'Alarm linkage' },
  clauses: ['P4.2c', 'P3.1b'],
  input: alarmLinkageInput,
  /** A zone's n-th incident of one alarm type: the gateway correlates a zone's alarms on it. */
  workflowId: (prefix: string, zoneId: string, alarmType: string, incidentNo: number) => `${prefix}alarm-${zoneId}-${alarmType}-${incidentNo}`,
  steps: ALARM_LINKAGE_STEPS,
  load: () => import(/* webpackMode: "eager" */ './workflow'),
});
