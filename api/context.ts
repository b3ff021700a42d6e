import type { Client } from '@temporalio/client';
import type { Database } from '../db/client';
import type { FaultRepairTimings } from '../workflows/fault-repair/messages';
import type { DeliveryTimings } from '../workflows/project-delivery/messages';
import type { EvaluationPolicy, SupplierEvaluationTimings } from '../workflows/supplier-evaluation/messages';
import type { DeviceRetry } from '../workflows/lib/device-commands';
import { accessLogSettings, type AccessLogSettings } from './access-log-settings';
import { governanceSettings, type GovernanceSettings } from './governance-settings';

export interface ApiSettings {
  faultRepair: FaultRepairTimings;
  governance: GovernanceSettings;
  sessionTtlMs: number;
  secureCookies: boolean;
  /** Overrides of the worker's configured delivery durations (tests, demos); unset: the worker's. */
  delivery?: Partial<DeliveryTimings>;
  /** Overrides of the supplier-evaluation settings read from the environment. */
  supplierEvaluation?: { timings?: Partial<SupplierEvaluationTimings>; policy?: Partial<EvaluationPolicy> };
  /** P4.2b: how device commands are retried, and how long a resident's or staff credential is valid. */
  accessControl: { deviceRetry: DeviceRetry; credentialValidityMs: number };
  /** P5.3c: the anomaly rules over the access log of personal data. */
  accessLog: AccessLogSettings;
}

/** What every use case may depend on. */
export interface ApiContext {
  db: Database;
  temporal: Client;
  taskQueue: string;
  settings: ApiSettings;
}

const minutes = (env: NodeJS.ProcessEnv, name: string, fallback: number) => {
  const value = Number(env[name] ?? fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number of minutes`);
  return Math.round(value * 60_000);
};

/** Durations of the regulated steps; the demo's repair SLA is 4 hours (P3.2b). */
export function apiSettings(env: NodeJS.ProcessEnv = process.env): ApiSettings {
  return {
    faultRepair: {
      diagnosisDueMs: minutes(env, 'FAULT_DIAGNOSIS_DUE_MINUTES', 60),
      repairSlaMs: minutes(env, 'FAULT_REPAIR_SLA_MINUTES', 240),
      vendorReminderMs: minutes(env, 'VENDOR_REMINDER_MINUTES', 60),
      verificationDueMs: minutes(env, 'FAULT_VERIFICATION_DUE_MINUTES', 24 * 60),
    },
    governance: governanceSettings(env),
    sessionTtlMs: minutes(env, 'SESSION_TTL_MINUTES', 12 * 60),
    secureCookies: env.SECURE_COOKIES === '1',
    accessControl: {
      deviceRetry: {
        maximumAttempts: Math.max(1, Math.round(Number(env.DEVICE_COMMAND_ATTEMPTS ?? 5)) || 5),
        initialIntervalMs: minutes(env, 'DEVICE_RETRY_INTERVAL_MINUTES', 1 / 60), // one second by default
      },
      credentialValidityMs: minutes(env, 'CREDENTIAL_VALIDITY_MINUTES', 5 * 365 * 24 * 60),
    },
    accessLog: accessLogSettings(env),
  };
}
