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

/** Who may ask whether the current code reproduces an instance's history (POST /processes/:workflowId/replay). */
export const REPLAY_ROLES: readonly Role[] = ['auditor', 'admin', 'tech-supervisor'];
