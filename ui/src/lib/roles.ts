import type { User } from '../../../contracts/auth';
import { PROCESS_VIEWER_ROLES, REPLAY_ROLES, ROLES, SUPERVISOR_ROLES, type Role } from '../../../workflows/lib/roles';

export { PROCESS_VIEWER_ROLES, REPLAY_ROLES, ROLES, SUPERVISOR_ROLES, type Role };

/** Staff: everyone who works for the estate (not owners, vendors or auditors). */
export const STAFF_ROLES: readonly Role[] = ROLES.filter(
  (role) => role !== 'owner' && role !== 'vendor' && role !== 'auditor',
);

export const WORKLIST_ROLES: readonly Role[] = [...STAFF_ROLES, 'vendor'];
/** Who sees the control-room console (live alarms, device health). */
export const CONSOLE_ROLES: readonly Role[] = ['monitoring-operator', 'security-supervisor', 'guard', 'management', 'admin'];
/** Who sees overdue inspections (GET /inspections/overdue), on the console among other places. */
export const OVERDUE_INSPECTION_ROLES: readonly Role[] = ['monitoring-operator', 'technician', 'tech-supervisor', 'management', 'admin'];
/** Who may download an instance's Temporal history (GET /processes/:workflowId/history). */
export const HISTORY_DOWNLOAD_ROLES: readonly Role[] = ['auditor', 'admin', 'tech-supervisor', 'management'];

/** Deliveries, acceptances and supplier evaluations (P2.2c, P2.3): who sees, starts, evaluates. */
export const DELIVERY_VIEWER_ROLES: readonly Role[] = ['technician', 'tech-supervisor', 'procurement', 'management', 'finance', 'committee-member', 'auditor', 'admin'];
export const DELIVERY_STARTER_ROLES: readonly Role[] = ['procurement', 'tech-supervisor', 'management', 'admin'];
export const EVALUATION_STARTER_ROLES: readonly Role[] = ['tech-supervisor', 'procurement', 'management', 'admin'];

export function hasAnyRole(user: Pick<User, 'roles'> | null | undefined, roles: readonly Role[]): boolean {
  return !!user && user.roles.some((role) => (roles as readonly string[]).includes(role));
}
