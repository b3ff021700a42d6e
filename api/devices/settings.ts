import type { AlarmLinkageTimings } from '../../workflows/alarm-linkage/messages';

export interface DeviceSettings {
  alarm: AlarmLinkageTimings;
  /** An incident continues as new past this many history events (its `continueAfterEvents`). */
  incidentHistoryEvents: number;
  /** No heartbeat or event for this long: stale (shown as stale, never as off). */
  staleAfterMs: number;
  /** No heartbeat or event for this long: down, and a fault repair opens. */
  downAfterMs: number;
  /** How often the health sweeper looks. */
  sweepEveryMs: number;
  /** How often the outbox looks for stored alarms not yet signalled. */
  outboxEveryMs: number;
  /** A stored alarm taken by a gateway and not signalled within this time is signalled again (the gateway may have died). */
  outboxLeaseMs: number;
  /** How long a gap in a device's serial numbers may stay open before the missing events are fetched (they arrive out of order). */
  gapGraceMs: number;
  /** The shortest time between two signals of repeats to one incident; the repeats in between go together. */
  repeatBatchMs: number;
  /** Put before incident and device-repair workflow ids, so several Steward deployments (or tests) can share one Temporal namespace. */
  workflowIdPrefix: string;
  /** MQTT topics are `<prefix>/devices/<id>/events`. */
  mqttTopicPrefix: string;
}
