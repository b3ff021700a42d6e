import type { Client } from '@temporalio/client';
import type { Database } from '../db/client';
import type { FaultRepairTimings } from '../workflows/fault-repair/messages';

export interface ApiSettings {
  faultRepair: FaultRepairTimings;
  sessionTtlMs: number;
  secureCookies: boolean;
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
    sessionTtlMs: minutes(env, 'SESSION_TTL_MINUTES', 12 * 60),
    secureCookies: env.SECURE_COOKIES === '1',
  };
}
