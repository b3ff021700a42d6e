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
  /** A session ends this long after sign-in, whatever happens (SESSION_TTL_MINUTES). */
  sessionTtlMs: number;
  secureCookies: boolean;
  /** Web-side protection (M1, H6): idle sessions, sign-in throttling, the origins allowed to write. */
  security: SecuritySettings;
  /** Express's `trust proxy` (TRUST_PROXY: a hop count, or addresses such as `loopback`); unset: none. */
  trustProxy?: string | number;
  /** Overrides of the worker's configured delivery durations (tests, demos); unset: the worker's. */
  delivery?: Partial<DeliveryTimings>;
  /** Overrides of the supplier-evaluation settings read from the environment. */
  supplierEvaluation?: { timings?: Partial<SupplierEvaluationTimings>; policy?: Partial<EvaluationPolicy> };
  /** P4.2b: how device commands are retried, and how long a resident's or staff credential is valid. */
  accessControl: {
    deviceRetry: DeviceRetry;
    credentialValidityMs: number;
    /** M5: the longest a visitor pass may be valid (VISITOR_PASS_MAX_DAYS). */
    visitorPassMaxValidityMs: number;
    /** M5: active visitor passes one owner may hold at once (VISITOR_PASSES_PER_OWNER). */
    activePassesPerOwner: number;
  };
  /** How often closed processes are archived, and how far back a sweep looks (Temporal's retention). */
  archive: { sweepIntervalMs: number; lookbackMs: number };
  /**
   * Replay verdicts: the prebuilt workflow bundle they replay against (unset: `workflows/` is bundled on the
   * first request), and the nightly audit's schedule, look-back and review due time.
   */
  replay: { workflowBundlePath: string | null; nightlyCron: string; lookbackMs: number; reviewDueMs: number };
  /** P5.3c: the anomaly rules over the access log of personal data. */
  accessLog: AccessLogSettings;
}

export interface SecuritySettings {
  /** A session unused this long ends (SESSION_IDLE_MINUTES), beside the absolute lifetime. */
  sessionIdleMs: number;
  /** Wrong passwords for one username within the window before sign-in is refused unchecked. */
  loginFailuresPerUser: number;
  /** Wrong passwords from one address within the window, across usernames. */
  loginFailuresPerAddress: number;
  loginWindowMs: number;
  /** Origins besides the API's own host allowed to send state-changing requests (ALLOWED_ORIGINS). */
  allowedOrigins: string[];
  /** Failed device authentications per device id or address within the window (DEVICE_AUTH_FAILURES). */
  deviceAuthFailures: number;
  deviceAuthWindowMs: number;
}

/** What every use case may depend on. */
export interface ApiContext {
  db: Database;
  temporal: Client;
  taskQueue: string;
  settings: ApiSettings;
}

const UNIT_MS = { seconds: 1000, minutes: 60_000, hours: 3_600_000, days: 86_400_000 };

const duration = (env: NodeJS.ProcessEnv, name: string, fallback: number, unit: keyof typeof UNIT_MS) => {
  const value = Number(env[name] ?? fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number of ${unit}`);
  return Math.round(value * UNIT_MS[unit]);
};

const count = (env: NodeJS.ProcessEnv, name: string, fallback: number) => {
  const value = Number(env[name] ?? fallback);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive whole number`);
  return value;
};

const minutes = (env: NodeJS.ProcessEnv, name: string, fallback: number) => duration(env, name, fallback, 'minutes');

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
    trustProxy: env.TRUST_PROXY ? (/^\d+$/.test(env.TRUST_PROXY) ? Number(env.TRUST_PROXY) : env.TRUST_PROXY) : undefined,
    security: {
      sessionIdleMs: minutes(env, 'SESSION_IDLE_MINUTES', 30),
      loginFailuresPerUser: count(env, 'LOGIN_FAILURES_PER_USER', 10),
      loginFailuresPerAddress: count(env, 'LOGIN_FAILURES_PER_ADDRESS', 50),
      loginWindowMs: minutes(env, 'LOGIN_WINDOW_MINUTES', 15),
      allowedOrigins: (env.ALLOWED_ORIGINS ?? '').split(',').map((origin) => origin.trim()).filter(Boolean),
      deviceAuthFailures: count(env, 'DEVICE_AUTH_FAILURES', 20),
      deviceAuthWindowMs: minutes(env, 'DEVICE_AUTH_WINDOW_MINUTES', 1),
    },
    accessControl: {
      deviceRetry: {
        maximumAttempts: Math.max(1, Math.round(Number(env.DEVICE_COMMAND_ATTEMPTS ?? 5)) || 5),
        initialIntervalMs: minutes(env, 'DEVICE_RETRY_INTERVAL_MINUTES', 1 / 60), // one second by default
      },
      credentialValidityMs: minutes(env, 'CREDENTIAL_VALIDITY_MINUTES', 5 * 365 * 24 * 60),
      visitorPassMaxValidityMs: duration(env, 'VISITOR_PASS_MAX_DAYS', 7, 'days'),
      activePassesPerOwner: count(env, 'VISITOR_PASSES_PER_OWNER', 10),
    },
    archive: {
      sweepIntervalMs: duration(env, 'ARCHIVE_SWEEP_SECONDS', 60, 'seconds'),
      lookbackMs: duration(env, 'ARCHIVE_LOOKBACK_HOURS', 7 * 24, 'hours'),
    },
    replay: {
      workflowBundlePath: env.WORKFLOW_BUNDLE_PATH || null,
      nightlyCron: env.REPLAY_NIGHTLY_CRON ?? '0 3 * * *',
      lookbackMs: duration(env, 'REPLAY_LOOKBACK_HOURS', 24, 'hours'),
      reviewDueMs: duration(env, 'REPLAY_REVIEW_DUE_HOURS', 24, 'hours'),
    },
    accessLog: accessLogSettings(env),
  };
}
