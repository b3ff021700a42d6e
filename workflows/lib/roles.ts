/** Every role a Steward user can hold (P1.2: staff, suppliers, owners, committee, auditors). */
export const ROLES = [
  'owner',
  'technician',
  'tech-supervisor',
  'monitoring-operator',
  'guard',
  'security-supervisor',
  'finance',
  'procurement',
  'management',
  'committee-member',
  'hr',
  'auditor',
  'admin',
  'vendor',
] as const;

export type Role = (typeof ROLES)[number];

/** Roles that may reassign another person's task (the escalation ladder's last rung). */
export const SUPERVISOR_ROLES: readonly Role[] = ['tech-supervisor', 'management', 'admin'];

/** Who may open process instance lists and pages (the API's rule; the UI shows the nav item to the same roles). */
export const PROCESS_VIEWER_ROLES: readonly Role[] = ['technician', 'tech-supervisor', 'monitoring-operator', 'procurement', 'finance', 'management', 'admin', 'auditor'];

/**
 * Processes about people's door access, and reviews of who read personal data: their instances hold
 * names, units, credentials and readers (M6).
 */
export const ACCESS_PROCESSES: readonly string[] = ['credential-enrolment', 'visitor-pass', 'access-revocation', 'face-deletion', 'plate-list', 'access-anomaly'];

/** Who may list and open access processes: the access staff among process viewers, and auditors. */
export const ACCESS_PROCESS_VIEWER_ROLES: readonly Role[] = ['management', 'admin', 'security-supervisor', 'guard', 'auditor'];

/** The processes a user with these roles may not list or open, though they may open process pages. */
export const hiddenProcesses = (roles: readonly string[]): readonly string[] =>
  roles.some((role) => (ACCESS_PROCESS_VIEWER_ROLES as readonly string[]).includes(role)) ? [] : ACCESS_PROCESSES;

/** Who may ask whether the current code reproduces an instance's history (POST /processes/:workflowId/replay). */
export const REPLAY_ROLES: readonly Role[] = ['auditor', 'admin', 'tech-supervisor'];
