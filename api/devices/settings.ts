import type { AlarmLinkageTimings } from '../../workflows/alarm-linkage/messages';

export interface DeviceSettings {
  alarm: AlarmLinkageTimings;
  /** No heartbeat or event for this long: stale (shown as stale, never as off). */
  staleAfterMs: number;
  /** No heartbeat or event for this long: down, and a fault repair opens. */
  downAfterMs: number;
  /** How often the health sweeper looks. */
  sweepEveryMs: number;
  /** Put before incident and device-repair workflow ids, so several Steward deployments (or tests) can share one Temporal namespace. */
  workflowIdPrefix: string;
  /** MQTT topics are `<prefix>/devices/<id>/events`. */
  mqttTopicPrefix: string;
}

const seconds = (env: NodeJS.ProcessEnv, name: string, fallback: number) => {
  const value = Number(env[name] ?? fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number of seconds`);
  return Math.round(value * 1000);
};

/** Device and alarm durations from the environment; the demo acknowledgement timer is 60 s (P4.2c). */
export function deviceSettings(env: NodeJS.ProcessEnv = process.env): DeviceSettings {
  return {
    alarm: {
      acknowledgeMs: seconds(env, 'ALARM_ACK_SECONDS', 60),
      arriveOnSiteDueMs: seconds(env, 'ALARM_ON_SITE_SECONDS', 5 * 60),
      findingsDueMs: seconds(env, 'ALARM_FINDINGS_SECONDS', 30 * 60),
    },
    staleAfterMs: seconds(env, 'DEVICE_STALE_SECONDS', 15),
    downAfterMs: seconds(env, 'DEVICE_DOWN_SECONDS', 60),
    sweepEveryMs: seconds(env, 'DEVICE_SWEEP_SECONDS', 1),
    workflowIdPrefix: env.STEWARD_WORKFLOW_PREFIX ?? '',
    mqttTopicPrefix: env.MQTT_TOPIC_PREFIX ?? 'steward',
  };
}
