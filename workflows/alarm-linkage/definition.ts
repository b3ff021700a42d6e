import { z } from 'zod';
import { ALARM_TYPE_LABELS, label, titleReference, type Vocabulary } from '../../contracts/labels';
import { faultRepairTimings } from '../fault-repair/definition';
import { durationMs, humanTasksState, processTrackerState } from '../lib/inputs';
import { defineProcess } from '../lib/process-definition';
import { ALARM_LINKAGE_STEPS } from './steps';
import { optionLabel, textField } from '../lib/labels';

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

/** The fewest history events after which an incident may continue as new: fewer, and a run would spend itself starting. */
export const MIN_INCIDENT_HISTORY_EVENTS = 100;

const actor = () => z.object({ userId: z.string(), displayName: z.string(), roles: z.array(z.string()) });

/**
 * An incident handed from one run of its workflow to the next (continue-as-new): where it stands (`phase`: the
 * human step it waits for), the console's row, the event ids it counted, the open task and the step marks.
 */
export const alarmIncidentResume = z.lazy(() =>
  z.object({
    phase: z.enum(['dispatch', 'arrival', 'findings']),
    openedAt: z.string(),
    /** The console projection's version: the next run's writes still overtake this run's. */
    version: z.number().int().nonnegative(),
    incident: z.object({
      status: z.enum(['open', 'dispatched', 'acknowledged', 'on-site', 'closed']),
      repeatCount: z.number().int().nonnegative(),
      detectorState: z.enum(['active', 'inactive']),
      lastEventAt: z.string(),
      assignedGuard: z.string().nullable(),
      dispatchTaskId: z.string().nullable(),
      cameras: z.array(
        z.object({ deviceId: z.string(), name: z.string(), streamUrl: z.string(), snapshotUrl: z.string(), calledUpAt: z.string().nullable(), error: z.string().optional() }),
      ),
      timeline: z.array(
        z.object({
          at: z.string(),
          what: z.enum(['detected', 'cameras-shown', 'dispatched', 're-notified', 'escalated', 'assigned', 'acknowledged', 'on-site', 'findings', 'repair-opened', 'closed']),
          actor: z.string().nullable().optional(),
          detail: z.record(z.string(), z.unknown()).optional(),
        }),
      ),
    }),
    /** The most recent active event ids counted, oldest first. */
    counted: z.array(z.number().int()),
    /** The zone's guards in dispatch order, as read when the incident opened. */
    roster: z.array(z.string()),
    /** Who acknowledged (from the arrival on) and who confirmed arrival (at the findings). */
    acknowledgedBy: actor().nullable(),
    onSiteBy: actor().nullable(),
    tasks: humanTasksState,
    progress: processTrackerState,
  }),
);
export type AlarmIncidentResume = z.infer<typeof alarmIncidentResume>;

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
    /**
     * A detector repeating for hours would outgrow Temporal's history limit: past this many events (or when
     * Temporal suggests it) the incident continues in a new run of its workflow. Absent: 10,000.
     */
    continueAfterEvents: z.number().int().min(MIN_INCIDENT_HISTORY_EVENTS).optional(),
    /** Set only by the incident itself when it continues as new; a new incident has none. */
    resume: alarmIncidentResume.optional(),
  }),
);
export type AlarmLinkageInput = z.infer<typeof alarmLinkageInput>;

/** The wording of the guard's tasks (P4.2c). */
export const ALARM_LINKAGE_LABELS = {
  alarmType: { title: label('报警类型', 'Alarm type'), options: ALARM_TYPE_LABELS },
  openedAt: { title: label('报警时间', 'Alarm raised'), format: 'date-time' },
  guard: { title: label('出警保安', 'Guard') },
  cameras: { title: label('摄像机', 'Cameras') },
  // A camera's row names it; its id says nothing more.
  deviceId: { title: label('设备', 'Device'), format: 'hidden' },
  streamUrl: { title: label('实时视频', 'Live video'), format: 'link', linkText: label('打开视频流', 'Open the stream') },
  snapshotUrl: { title: label('抓拍', 'Snapshot'), format: 'image' },
  calledUpAt: { title: label('调取时间', 'Called up'), format: 'date-time' },
  error: { title: label('调取失败', 'Call-up failed') },
  acknowledged: { title: label('确认出警', 'Acknowledge'), options: { true: label('收到，正在前往', 'On my way') } },
  onSite: { title: label('到达现场', 'On site'), options: { true: label('已到达报警位置', 'I am at the alarm location') } },
  verdict: { title: label('结论', 'Verdict'), options: { real: label('真实警情', 'A real incident'), 'false-alarm': label('误报，未发现异常', 'False alarm: nothing found') } },
  actionsTaken: { title: label('处置措施', 'Actions taken') },
  openFaultRepair: { title: label('发起报修', 'Open a fault repair'), help: label('有设施损坏，需要维修', 'Something is broken and must be repaired') },
  repairSymptoms: { title: label('故障现象', 'What is broken'), help: label('发起报修时必填', 'Required when a repair is opened') },
  repeatCount: { title: label('重复报警次数', 'Repeats') },
  detectorState: { title: label('探测器状态', 'Detector'), options: { active: label('报警中', 'Alarming'), inactive: label('已恢复', 'Quiet') } },
} satisfies Vocabulary;

export const alarmLinkageProcess = defineProcess({
  name: 'alarm-linkage',
  workflowType: 'alarmLinkage',
  title: { 'zh-CN': '报警联动', en: 'Alarm linkage' },
  clauses: ['P4.2c', 'P3.1b'],
  input: alarmLinkageInput,
  /** A zone's n-th incident of one alarm type: the gateway correlates a zone's alarms on it. */
  workflowId: (prefix: string, zoneId: string, alarmType: string, incidentNo: number) => `${prefix}alarm-${zoneId}-${alarmType}-${incidentNo}`,
  steps: ALARM_LINKAGE_STEPS,
  instanceTitle: {
    keys: ['zoneId', 'alarmType'],
    // Recorded as `fielddetection @ z-b1-lobby` before; the first transition records both fields.
    of: ({ title, data }) => {
      const [recordedType, recordedZone] = title.split(' @ ');
      const type = textField(data, 'alarmType') ?? recordedType;
      const zone = titleReference('zone', textField(data, 'zoneId') ?? recordedZone ?? '');
      const named = optionLabel(ALARM_TYPE_LABELS, type);
      return label(`${named['zh-CN']} · ${zone}`, `${named.en} · ${zone}`);
    },
  },
  labels: ALARM_LINKAGE_LABELS,
  load: () => import(/* webpackMode: "eager" */ './workflow'),
});
