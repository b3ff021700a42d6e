import { hostname } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ActivitySettings } from '../activities';
import { shiftsByRole } from '../api/access-log-settings';
import type { ApiSettings } from '../api/context';
import type { KeySettings } from '../db/sealed/keyring';
import type { TemporalCliSettings } from '../scripts/dev-services/temporal-cli';
import type { OffsiteTarget } from '../integrations/backups/offsite';
import { environmentSchema, type Environment } from './schema';

export { AREAS, environmentSchema, type AreaId, type Environment } from './schema';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

export interface TemporalSettings {
  address: string;
  namespace: string;
  taskQueue: string;
}

/** The device simulator's own process (`npm run simulator`). */
export interface SimulatorSettings {
  port: number;
  listenerUrl: string;
  mqttUrl: string | null;
  mqttTopicPrefix: string;
  heartbeatMs: number;
}

/** How backups are taken (P5.2b): what the backup worker and the Schedules read; see integrations/backups/resolve.ts. */
export interface BackupConfig {
  dir: string;
  passphrase: string | null;
  /** Where a development passphrase is kept when none is given (outside production). */
  developmentPassphraseFile: string;
  production: boolean;
  offsite: OffsiteTarget | null;
  retentionFull: number;
  crons: { full: string; incremental: string; drill: string };
  attempts: number;
  taskQueue: string;
  databaseUrl: string | null;
  pgData: string | null;
  socketDirectory: string;
  pgBin: string | null;
  temporalSqlite: string | null;
  /** The backup tools' CPU priority (nice). */
  nice: number;
}

/** Everything Steward reads from its environment, in the slices its parts are given. */
export interface Config {
  database: { url: string | null; migrate: boolean; seedDemo: boolean };
  temporal: TemporalSettings;
  temporalCli: TemporalCliSettings;
  worker: { logLevel: Environment['LOG_LEVEL']; activities: ActivitySettings };
  http: { port: number; host: string };
  api: ApiSettings;
  keys: KeySettings;
  backups: BackupConfig;
  /** `npm start`: what it runs itself when the environment names no server. */
  start: { dataDir: string; buildUi: boolean; temporalAddress: string | null; simulator: { enabled: boolean; port: number } };
  /** The MQTT broker devices publish to; unset, `npm start` embeds one and the production API takes no MQTT events. */
  mqtt: { url: string | null; clientId: string; sharedGroup: string | null; connections: number };
  simulator: SimulatorSettings;
  scripts: { recordOutDir: string | null; keysRotateBatch: number };
  test: { databaseUrl: string | null; mqttUrl: string; chromiumPath: string; workerKillSeed: number | null };
}

export class ConfigurationError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((problem) => `  ${problem}`).join('\n')}`);
    this.name = 'ConfigurationError';
  }
}

/**
 * Reads and checks every variable at once (see config/schema.ts); a process calls this once at start and hands
 * each part its slice. Throws a ConfigurationError naming each wrong variable and what it expected.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = environmentSchema.safeParse(env);
  if (!parsed.success) throw new ConfigurationError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  return configFrom(parsed.data);
}

const seconds = (ms: number) => ms / 1000;

function configFrom(env: Environment): Config {
  const dataDir = path.resolve(repoRoot, env.STEWARD_DATA_DIR);
  const vote = { noticeMs: env.VOTE_NOTICE_DAYS, votingMs: env.VOTE_VOTING_DAYS, objectionMs: env.VOTE_OBJECTION_DAYS };
  const deviceRetry = { maximumAttempts: env.DEVICE_COMMAND_ATTEMPTS, initialIntervalMs: env.DEVICE_RETRY_INTERVAL_MINUTES };
  const pdfFont = { file: env.PDF_FONT_FILE ?? null, postscriptName: env.PDF_FONT_NAME ?? null };
  const activities: ActivitySettings = {
    delivery: {
      planDueMs: env.DELIVERY_PLAN_DUE_MINUTES,
      reportEveryMs: env.DELIVERY_REPORT_EVERY_MINUTES,
      reportReminderMs: env.DELIVERY_REPORT_REMINDER_MINUTES,
      reportDueMs: env.DELIVERY_REPORT_DUE_MINUTES,
      milestoneGraceMs: env.DELIVERY_MILESTONE_GRACE_MINUTES,
      overdueReviewDueMs: env.DELIVERY_OVERDUE_REVIEW_DUE_MINUTES,
      acceptance: {
        teamDueMs: env.ACCEPTANCE_TEAM_DUE_MINUTES,
        inspectionDueMs: env.ACCEPTANCE_INSPECTION_DUE_MINUTES,
        signatureDueMs: env.ACCEPTANCE_SIGNATURE_DUE_MINUTES,
        rectificationDueMs: env.ACCEPTANCE_RECTIFICATION_DUE_MINUTES,
        rectificationReminderMs: env.ACCEPTANCE_RECTIFICATION_REMINDER_MINUTES,
        settlementDueMs: env.ACCEPTANCE_SETTLEMENT_DUE_MINUTES,
        warrantyMs: env.WARRANTY_MINUTES,
      },
    },
    // The procurement workflow's settings have always carried seconds: its recorded histories do.
    procurement: {
      inquiryMaxYuan: env.PROCUREMENT_INQUIRY_MAX_YUAN,
      approvalThresholdYuan: env.PROCUREMENT_APPROVAL_THRESHOLD_YUAN,
      weights: env.PROCUREMENT_WEIGHTS,
      minimumBids: env.PROCUREMENT_MINIMUM_BIDS,
      minimumPanel: env.PROCUREMENT_MINIMUM_PANEL,
      bidWindowSeconds: seconds(env.PROCUREMENT_BID_WINDOW_MINUTES),
      taskDueSeconds: seconds(env.PROCUREMENT_TASK_DUE_MINUTES),
      startDelivery: env.PROCUREMENT_START_DELIVERY,
      deliveryWorkflowType: env.PROCUREMENT_DELIVERY_WORKFLOW_TYPE,
    },
    supplierDocumentWarnMs: env.SUPPLIER_DOCUMENT_WARN_DAYS,
    deviceTimeZone: env.DEVICE_TIME_ZONE,
    pdfFont,
    // The worker's entry resolves the tools' settings (integrations/backups/resolve.ts); a worker without them refuses.
    backups: null,
    backupFaultZone: env.BACKUP_FAULT_ZONE ?? null,
  };
  return {
    database: { url: env.DATABASE_URL ?? null, migrate: env.STEWARD_MIGRATE, seedDemo: env.STEWARD_SEED_DEMO },
    temporal: { address: env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233', namespace: env.TEMPORAL_NAMESPACE, taskQueue: env.TEMPORAL_TASK_QUEUE },
    temporalCli: { path: env.TEMPORAL_CLI_PATH ?? null, searchPath: env.PATH ?? '', cacheHome: env.XDG_CACHE_HOME ?? null },
    worker: { logLevel: env.LOG_LEVEL, activities },
    http: { port: env.PORT, host: env.HOST },
    api: {
      faultRepair: {
        diagnosisDueMs: env.FAULT_DIAGNOSIS_DUE_MINUTES,
        repairSlaMs: env.FAULT_REPAIR_SLA_MINUTES,
        vendorReminderMs: env.VENDOR_REMINDER_MINUTES,
        verificationDueMs: env.FAULT_VERIFICATION_DUE_MINUTES,
      },
      governance: {
        vote,
        plan: {
          contributionDueMs: env.PLAN_CONTRIBUTION_DAYS,
          draftDueMs: env.PLAN_DRAFT_DAYS,
          budgetDueMs: env.PLAN_BUDGET_DAYS,
          approvalDueMs: env.PLAN_APPROVAL_DAYS,
          filing: { acknowledgementDueMs: env.FILING_ACKNOWLEDGEMENT_DAYS },
          vote,
        },
        departments: env.PLAN_DEPARTMENTS,
        annualPlanCron: env.ANNUAL_PLAN_CRON,
        procurementWorkflowType: env.PROCUREMENT_WORKFLOW_TYPE,
      },
      ownerFeedback: {
        departments: env.FEEDBACK_DEPARTMENTS,
        supervisorRoles: env.FEEDBACK_SUPERVISOR_ROLES,
        timings: {
          firstReplyDueMs: env.FEEDBACK_FIRST_REPLY_MINUTES,
          managementAfterMs: env.FEEDBACK_MANAGEMENT_AFTER_MINUTES,
          followUpDueMs: env.FEEDBACK_FOLLOW_UP_DUE_MINUTES,
          confirmationDueMs: env.FEEDBACK_CONFIRMATION_DUE_MINUTES,
        },
      },
      training: {
        cycleCron: env.TRAINING_CYCLE_CRON,
        timings: {
          needsDueMs: env.TRAINING_NEEDS_DUE_DAYS,
          planDueMs: env.TRAINING_PLAN_DUE_DAYS,
          approvalDueMs: env.TRAINING_APPROVAL_DUE_DAYS,
          sessionDueMs: env.TRAINING_SESSION_DUE_DAYS,
          examDueMs: env.TRAINING_EXAM_DUE_DAYS,
          practicalDueMs: env.TRAINING_PRACTICAL_DUE_DAYS,
        },
        securityGate: env.SECURITY_TRAINING_GATE,
        reminderWarnMs: env.SECURITY_TRAINING_WARN_DAYS,
        reminderIntervalMs: env.SECURITY_TRAINING_REMINDER_INTERVAL_HOURS,
      },
      announcements: { approvalDueMs: env.ANNOUNCEMENT_APPROVAL_DUE_MINUTES, correctionDueMs: env.ANNOUNCEMENT_CORRECTION_DUE_MINUTES },
      dataReview: {
        checkDueMs: env.DATA_REVIEW_CHECK_DUE_MINUTES,
        approvalDueMs: env.DATA_REVIEW_APPROVAL_DUE_MINUTES,
        correctionDueMs: env.DATA_REVIEW_CORRECTION_DUE_MINUTES,
      },
      upgrades: {
        reviewDueMs: env.UPGRADE_REVIEW_DUE_MINUTES,
        approvalDueMs: env.UPGRADE_APPROVAL_DUE_MINUTES,
        decisionDueMs: env.UPGRADE_DECISION_DUE_MINUTES,
        rebootTimeoutMs: env.UPGRADE_REBOOT_TIMEOUT_SECONDS,
        heartbeatWaitMs: env.UPGRADE_HEARTBEAT_WAIT_SECONDS,
        pollIntervalMs: env.UPGRADE_POLL_SECONDS,
        heartbeatTimeoutMs: env.UPGRADE_ACTIVITY_HEARTBEAT_SECONDS,
      },
      upgradeAssessment: { intervalMs: env.FIRMWARE_ASSESSMENT_INTERVAL_HOURS, maxAgeMs: env.FIRMWARE_MAX_AGE_DAYS },
      notifications: {
        smtpUrl: env.SMTP_URL ?? null,
        sms: env.SMS_URL ?? null,
        weCom: env.WECOM_URL ?? null,
        publicUrl: env.STEWARD_PUBLIC_URL ?? null,
        emailFrom: env.NOTIFY_EMAIL_FROM,
        everyMs: env.NOTIFY_RELAY_EVERY,
        sendTimeoutMs: env.NOTIFY_SEND_TIMEOUT,
        retryMaxMs: env.NOTIFY_RETRY_MAX,
        maxAttempts: env.NOTIFY_MAX_ATTEMPTS,
        timeZone: env.TZ_COMMUNITY,
      },
      upgradeBacksUpSteward: env.UPGRADE_BACKS_UP_STEWARD,
      sessionTtlMs: env.SESSION_TTL_MINUTES,
      secureCookies: env.SECURE_COOKIES,
      trustProxy: env.TRUST_PROXY,
      admission: { maxConnections: env.API_MAX_CONNECTIONS, concurrency: env.API_ROUTE_CONCURRENCY, deviceEventConcurrency: env.API_DEVICE_EVENT_CONCURRENCY, queue: env.API_ROUTE_QUEUE, maxWaitMs: env.API_ROUTE_QUEUE_WAIT },
      security: {
        sessionIdleMs: env.SESSION_IDLE_MINUTES,
        loginFailuresPerUser: env.LOGIN_FAILURES_PER_USER,
        loginFailuresPerAddress: env.LOGIN_FAILURES_PER_ADDRESS,
        loginWindowMs: env.LOGIN_WINDOW_MINUTES,
        allowedOrigins: env.ALLOWED_ORIGINS,
        deviceAuthFailures: env.DEVICE_AUTH_FAILURES,
        deviceAuthWindowMs: env.DEVICE_AUTH_WINDOW_MINUTES,
      },
      accessControl: {
        deviceRetry,
        doorOutage: { maximumIntervalMs: env.DEVICE_RETRY_MAX_INTERVAL_MINUTES, alertAfterMs: env.DOOR_OFFLINE_ALERT_MINUTES },
        credentialValidityMs: env.CREDENTIAL_VALIDITY_MINUTES,
        visitorPassMaxValidityMs: env.VISITOR_PASS_MAX_DAYS,
        activePassesPerOwner: env.VISITOR_PASSES_PER_OWNER,
      },
      archive: { sweepIntervalMs: env.ARCHIVE_SWEEP_SECONDS, lookbackMs: env.ARCHIVE_LOOKBACK_HOURS },
      replay: {
        workflowBundlePath: env.WORKFLOW_BUNDLE_PATH ?? null,
        nightlyCron: env.REPLAY_NIGHTLY_CRON,
        lookbackMs: env.REPLAY_LOOKBACK_HOURS,
        reviewDueMs: env.REPLAY_REVIEW_DUE_HOURS,
      },
      accessLog: {
        manyPeople: { limit: env.ACCESS_ANOMALY_PEOPLE_LIMIT, windowMs: env.ACCESS_ANOMALY_PEOPLE_WINDOW_MINUTES },
        bulkExport: { limit: env.ACCESS_ANOMALY_EXPORT_LIMIT, windowMs: env.ACCESS_ANOMALY_EXPORT_WINDOW_MINUTES },
        offShift: { shifts: shiftsByRole(env.ACCESS_STAFF_HOURS, env.ACCESS_ROLE_HOURS), timeZone: env.TZ_COMMUNITY, windowMs: env.ACCESS_ANOMALY_OFF_SHIFT_WINDOW_MINUTES },
        reviewDueMs: env.ACCESS_ANOMALY_REVIEW_DUE_MINUTES,
        synchronousCommit: env.ACCESS_LOG_SYNCHRONOUS_COMMIT,
      },
      devices: {
        alarm: { acknowledgeMs: env.ALARM_ACK_SECONDS, arriveOnSiteDueMs: env.ALARM_ON_SITE_SECONDS, findingsDueMs: env.ALARM_FINDINGS_SECONDS },
        incidentHistoryEvents: env.ALARM_INCIDENT_HISTORY_EVENTS,
        staleAfterMs: env.DEVICE_STALE_SECONDS,
        downAfterMs: env.DEVICE_DOWN_SECONDS,
        sweepEveryMs: env.DEVICE_SWEEP_SECONDS,
        outboxEveryMs: env.DEVICE_OUTBOX_SECONDS,
        outboxLeaseMs: env.DEVICE_OUTBOX_LEASE_SECONDS,
        gapGraceMs: env.DEVICE_GAP_GRACE_SECONDS,
        repeatBatchMs: env.DEVICE_REPEAT_BATCH_SECONDS,
        workflowIdPrefix: env.STEWARD_WORKFLOW_PREFIX,
        mqttTopicPrefix: env.MQTT_TOPIC_PREFIX,
      },
      // The qualification workflows' inputs have always carried seconds: their recorded histories do.
      suppliers: {
        qualification: { reviewDueSeconds: seconds(env.SUPPLIER_REVIEW_DUE_DAYS), requalifyAfterSeconds: seconds(env.SUPPLIER_REQUALIFY_AFTER_DAYS), passMark: env.SUPPLIER_PASS_MARK },
        documentWarnMs: env.SUPPLIER_DOCUMENT_WARN_DAYS,
        sweepIntervalMs: env.SUPPLIER_SWEEP_INTERVAL_HOURS,
      },
      supplierEvaluation: {
        timings: {
          evaluationDueMs: env.SUPPLIER_EVALUATION_DUE_MINUTES,
          rectificationDueMs: env.SUPPLIER_RECTIFICATION_DUE_MINUTES,
          rectificationReminderMs: env.SUPPLIER_RECTIFICATION_REMINDER_MINUTES,
          penaltyDueMs: env.SUPPLIER_PENALTY_DUE_MINUTES,
          terminationDecisionDueMs: env.SUPPLIER_TERMINATION_DECISION_DUE_MINUTES,
        },
        policy: {
          poorBelow: env.SUPPLIER_POOR_SCORE_BELOW,
          weights: { technology: env.SUPPLIER_WEIGHT_TECHNOLOGY, user: env.SUPPLIER_WEIGHT_USER, sla: env.SUPPLIER_WEIGHT_SLA, rating: env.SUPPLIER_WEIGHT_RATING },
        },
      },
      communityTimeZone: env.TZ_COMMUNITY,
      pdfFont,
      backups: {
        crons: { full: env.BACKUP_FULL_CRON, incremental: env.BACKUP_INCREMENTAL_CRON, drill: env.BACKUP_DRILL_CRON },
        attempts: env.BACKUP_ATTEMPTS,
        toolsTaskQueue: env.BACKUP_TASK_QUEUE ?? env.TEMPORAL_TASK_QUEUE,
        retentionFull: env.BACKUP_RETENTION_FULL,
        offsite: env.BACKUP_OFFSITE_URL?.display ?? null,
      },
    },
    keys: {
      kek: env.STEWARD_KEK ?? null,
      kekId: env.STEWARD_KEK_ID ?? null,
      kekPrevious: env.STEWARD_KEK_PREVIOUS ?? null,
      kekFile: env.STEWARD_KEK_FILE ?? null,
      production: env.NODE_ENV === 'production',
      developmentKeyFile: path.join(dataDir, 'keys', 'steward-kek'),
    },
    backups: {
      dir: env.BACKUP_DIR ? path.resolve(repoRoot, env.BACKUP_DIR) : path.join(dataDir, 'backups'),
      passphrase: env.BACKUP_PASSPHRASE ?? null,
      developmentPassphraseFile: path.join(dataDir, 'keys', 'backup-passphrase'),
      production: env.NODE_ENV === 'production',
      offsite: env.BACKUP_OFFSITE_URL ?? null,
      retentionFull: env.BACKUP_RETENTION_FULL,
      crons: { full: env.BACKUP_FULL_CRON, incremental: env.BACKUP_INCREMENTAL_CRON, drill: env.BACKUP_DRILL_CRON },
      attempts: env.BACKUP_ATTEMPTS,
      taskQueue: env.BACKUP_TASK_QUEUE ?? env.TEMPORAL_TASK_QUEUE,
      databaseUrl: env.BACKUP_DATABASE_URL ?? env.DATABASE_URL ?? null,
      pgData: env.BACKUP_PG_DATA ?? null,
      socketDirectory: env.BACKUP_PG_SOCKET_DIR,
      pgBin: env.BACKUP_PG_BIN ?? null,
      temporalSqlite: env.BACKUP_TEMPORAL_SQLITE ?? null,
      nice: Math.min(env.BACKUP_NICE, 19),
    },
    start: {
      dataDir,
      buildUi: env.STEWARD_BUILD_UI,
      temporalAddress: env.TEMPORAL_ADDRESS ?? null,
      simulator: { enabled: env.STEWARD_SIMULATOR, port: env.SIMULATOR_PORT },
    },
    mqtt: { url: env.MQTT_URL ?? null, clientId: env.MQTT_CLIENT_ID ?? `steward-${hostname()}-${env.PORT}`, sharedGroup: env.MQTT_SHARED_GROUP || null, connections: env.MQTT_CONNECTIONS },
    simulator: {
      port: env.SIMULATOR_PORT,
      listenerUrl: env.STEWARD_EVENTS_URL,
      mqttUrl: env.MQTT_URL ?? null,
      mqttTopicPrefix: env.MQTT_TOPIC_PREFIX,
      heartbeatMs: env.HEARTBEAT_SECONDS,
    },
    scripts: { recordOutDir: env.RECORD_OUT_DIR ? path.resolve(env.RECORD_OUT_DIR) : null, keysRotateBatch: env.KEYS_ROTATE_BATCH },
    test: { databaseUrl: env.TEST_DATABASE_URL ?? null, mqttUrl: env.TEST_MQTT_URL, chromiumPath: env.CHROMIUM_PATH, workerKillSeed: env.TEST_WORKER_KILL_SEED ?? null },
  };
}
