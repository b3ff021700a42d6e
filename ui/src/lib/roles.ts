import { ROLES, SUPERVISOR_ROLES, type Role } from '../../../workflows/lib/roles';
import type { User } from '../types/api';

export { ROLES, SUPERVISOR_ROLES, type Role };

/** Staff: everyone who works for the estate (not owners, vendors or auditors). */
export const STAFF_ROLES: readonly Role[] = ROLES.filter(
  (role) => role !== 'owner' && role !== 'vendor' && role !== 'auditor',
);

export const WORKLIST_ROLES: readonly Role[] = [...STAFF_ROLES, 'vendor'];
export const PROCESS_VIEWER_ROLES: readonly Role[] = [...STAFF_ROLES, 'auditor'];
/** Who may download an instance's Temporal history (GET /processes/:workflowId/history). */
export const HISTORY_DOWNLOAD_ROLES: readonly Role[] = ['auditor', 'admin', 'tech-supervisor', 'management'];

export function hasAnyRole(user: Pick<User, 'roles'> | null | undefined, roles: readonly Role[]): boolean {
  return !!user && user.roles.some((role) => roles.includes(role));
}
