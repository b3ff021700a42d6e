import { defineSignal, defineUpdate } from '@temporalio/workflow';
import { z } from 'zod';
import { fieldMeta } from '../lib/labels';

export { completeTaskUpdate, progressQuery } from '../lib/messages';
import { ALARM_LINKAGE_LABELS as LABELS, type AlarmEvents } from './definition';
import { fieldText } from '../../contracts/problem-texts';

export { alarmEvents, type AlarmEvents, type AlarmIncidentResume, type AlarmLinkageInput, type AlarmLinkageTimings } from './definition';

export const alarmEventsSignal = defineSignal<[AlarmEvents]>('alarmEvents');

/** The control room assigns a guard of its choice (in addition to the roster's). */
export const assignGuardUpdate = defineUpdate<{ guardUserId: string }, [{ guardUserId: string; actor: { userId: string; displayName: string } }]>('assignGuard');

export interface AlarmLinkageOutcome {
  verdict: 'real' | 'false-alarm';
  repeatCount: number;
  faultRepairWorkflowId: string | null;
}

/** A camera shown on the console for the incident. */
export interface IncidentCamera {
  deviceId: string;
  name: string;
  streamUrl: string;
  snapshotUrl: string;
  calledUpAt: string | null;
  error?: string;
}

export interface IncidentTimelineEntry {
  at: string;
  what: 'detected' | 'cameras-shown' | 'dispatched' | 're-notified' | 'escalated' | 'assigned' | 'acknowledged' | 'on-site' | 'findings' | 'repair-opened' | 'closed';
  actor?: string | null;
  detail?: Record<string, unknown>;
}

// ---- the forms of the human steps ----

export const acknowledgeForm = z.object({
  acknowledged: z.literal(true).meta(fieldMeta(LABELS.acknowledged)),
});

// The later steps' forms are built when the incident reaches them: every workflow builds its own schemas, and
// most of an incident's life (and every start) needs only the acknowledgement.
export const arrivalForm = () =>
  z.object({
    onSite: z.literal(true).meta(fieldMeta(LABELS.onSite)),
  });

export const findingsForm = () =>
  z
    .object({
      verdict: z.enum(['real', 'false-alarm']).meta(fieldMeta(LABELS.verdict)),
      actionsTaken: z.string().trim().min(3).max(4000).meta(fieldMeta(LABELS.actionsTaken)),
      openFaultRepair: z.boolean().default(false).meta(fieldMeta(LABELS.openFaultRepair)),
      repairSymptoms: z.string().trim().max(4000).optional().meta(fieldMeta(LABELS.repairSymptoms)),
    })
    .refine((findings) => !findings.openFaultRepair || (findings.repairSymptoms ?? '').length >= 3, {
      message: fieldText('say-what-is-broken'),
      path: ['repairSymptoms'],
    })
    .refine((findings) => !findings.openFaultRepair || findings.verdict === 'real', {
      message: fieldText('real-incident-only'),
      path: ['openFaultRepair'],
    });
