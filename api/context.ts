import type { AdmissionLimits } from './http/admission';
import type { Client } from '@temporalio/client';
import type { Database } from '../db/client';
import type { FaultRepairTimings } from '../workflows/fault-repair/messages';
import type { DeliveryTimings } from '../workflows/project-delivery/messages';
import type { EvaluationPolicy, SupplierEvaluationTimings } from '../workflows/supplier-evaluation/messages';
import type { DeviceRetry } from '../workflows/lib/device-commands';
import type { DoorOutage } from '../workflows/lib/inputs';
import type { PdfFontSettings } from '../integrations/documents/pdf-typeface';
import type { SupplierRequalificationInput } from '../workflows/supplier-requalification/messages';
import type { AccessLogSettings } from './access-log-settings';
import type { DeviceSettings } from './devices/settings';
import type { GovernanceSettings } from './governance-settings';
import type { DataReviewTimings } from '../workflows/data-review/definition';
import type { AnnouncementTimings } from '../workflows/announcement/definition';
import type { OwnerFeedbackTimings } from '../workflows/owner-feedback/definition';
import type { Department, FeedbackCategory } from '../contracts/vocabulary';
import type { DeviceUpgradeTimings } from '../workflows/device-upgrade/definition';
import type { NotificationSettings } from './notifications/relay';
import type { TrainingCycleTimings } from '../workflows/training-cycle/definition';

/** P6, P5.3a: the training cycle's Schedule and due times, the security course's gate and reminders. */
export interface TrainingSettings {
  cycleCron: string;
  timings: TrainingCycleTimings;
  /** Staff without a valid security course are refused personal data (SECURITY_TRAINING_GATE). */
  securityGate: boolean;
  reminderWarnMs: number;
  reminderIntervalMs: number;
}

/** P5.2b: the backup Schedules and runs on request (config's BACKUP_*). */
export interface BackupScheduleSettings {
  crons: { full: string; incremental: string; drill: string };
  attempts: number;
  /** The queue of the workers with the backup tools. */
  toolsTaskQueue: string;
  retentionFull: number;
  /** The off-site target as shown (no password), or null when none is configured. */
  offsite: string | null;
}

export interface ApiSettings {
  faultRepair: FaultRepairTimings;
  backups: BackupScheduleSettings;
  governance: GovernanceSettings;
  /** P4.1b: the department of each feedback category, the escalation's supervisors, the due times. */
  ownerFeedback: { departments: Record<FeedbackCategory, Department>; supervisorRoles: string[]; timings: OwnerFeedbackTimings };
  training: TrainingSettings;
  /** P4.1a: when an announcement's approval and a returned one's correction are due. */
  announcements: AnnouncementTimings;
  /** P5.1b: when a change's review, second approval and correction are due. */
  dataReview: DataReviewTimings;
  /** P3.3a–b: an upgrade's due times, and how long and how often its devices are waited for. */
  upgrades: DeviceUpgradeTimings;
  /** P3.3a: how often every device's firmware is assessed, and the age that makes an upgrade due. */
  upgradeAssessment: { intervalMs: number; maxAgeMs: number };
  /** P4.1: the outbox relay's channels and tries; quiet hours are read in the community's time zone. */
  notifications: NotificationSettings;
  /** P3.3b, P5.2b: a plan backs up Steward's data before its devices and runs a restore drill after it (UPGRADE_BACKS_UP_STEWARD). */
  upgradeBacksUpSteward: boolean;
  /** A session ends this long after sign-in, whatever happens (SESSION_TTL_MINUTES). */
  sessionTtlMs: number;
  secureCookies: boolean;
  /** Web-side protection (M1, H6): idle sessions, sign-in throttling, the origins allowed to write. */
  security: SecuritySettings;
  /** Overload: the connections kept at most, and each route's concurrency and bounded queue (503 past them). */
  admission: AdmissionLimits & { maxConnections: number; deviceEventConcurrency: number };
  /** Express's `trust proxy` (TRUST_PROXY: a hop count, or addresses such as `loopback`); unset: none. */
  trustProxy?: string | number;
  /** Overrides of the worker's configured delivery durations (tests, demos); unset: the worker's. */
  delivery?: Partial<DeliveryTimings>;
  /** P2.2c: the durations, poor-score threshold and weights every evaluation starts with. */
  supplierEvaluation: { timings: SupplierEvaluationTimings; policy: EvaluationPolicy };
  /** P2.2a: what a qualification starts with, when documents count as expiring, how often the registry is swept. */
  suppliers: { qualification: SupplierRequalificationInput; documentWarnMs: number; sweepIntervalMs: number };
  /** P4.2b: how device commands are retried, and how long a resident's or staff credential is valid. */
  accessControl: {
    deviceRetry: DeviceRetry;
    /** How a door that does not answer a revocation or face deletion is waited out, and when the security supervisor is told. */
    doorOutage: DoorOutage;
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
  /** The device gateway's listener, health sweeper and alarm durations. */
  devices: DeviceSettings;
  /** The community's time zone (TZ_COMMUNITY): calendar Schedules run in it. */
  communityTimeZone: string;
  /** The CJK font generated documents print with. */
  pdfFont: PdfFontSettings;
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
