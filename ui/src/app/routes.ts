import type { User } from '../../../contracts/auth';
import { can } from '../../../contracts/permissions';
import type { TaskLink } from '../components/record-tasks';

/** Every route path of the UI, in one place. */
export const routes = {
  home: '/',
  login: '/login',
  worklist: '/worklist',
  myTasks: '/my-tasks',
  task: '/tasks/:taskId',
  reportFault: '/faults/new',
  myFaults: '/my-faults',
  newFeedback: '/feedback/new',
  myFeedback: '/my-feedback',
  feedback: '/feedback/:workflowId',
  fault: '/faults/:workflowId',
  processes: '/processes',
  processInstance: '/processes/:workflowId',
  deliveries: '/deliveries',
  delivery: '/deliveries/:workflowId',
  supplierEvaluations: '/supplier-evaluations',
  inspections: '/inspections',
  inspectionRecord: '/inspections/records/:workflowId',
  suppliers: '/suppliers',
  supplier: '/suppliers/:vendorId',
  procurements: '/procurements',
  procurement: '/procurements/:workflowId',
  console: '/console',
  alarm: '/alarms/:workflowId',
  accessControl: '/access',
  ownerVotes: '/owner/votes',
  governance: '/governance',
  filing: '/governance/filings/:workflowId',
  accessLog: '/access-log',
  units: '/admin/units',
  unit: '/admin/units/:unitId',
  dataChange: '/admin/changes/:changeId',
  staffUsers: '/admin/users',
  staffUser: '/admin/users/:userId',
  devices: '/admin/devices',
  device: '/admin/devices/:deviceId',
  residents: '/admin/residents',
  resident: '/admin/residents/:residentId',
  zones: '/admin/zones',
  zone: '/admin/zones/:zoneId',
  roster: '/admin/roster',
  shift: '/admin/roster/:shiftId',
  backups: '/backups',
  notifications: '/notifications',
  upgrades: '/upgrades',
  draftUpgradePlan: '/upgrades/plans/new',
  upgradePlan: '/upgrades/plans/:planId',
  kpis: '/kpis',
  trainingFiles: '/training/files',
  trainingFile: '/training/files/:userId',
  changePassword: '/account/password',
  /** A new owner's one-time link (domain/owner-invitations.ts writes it into their notification). */
  invitation: '/invitation/:token',
} as const;

/** Builders for the parameterised routes above. */
export const links = {
  task: (taskId: string) => `/tasks/${encodeURIComponent(taskId)}`,
  fault: (workflowId: string) => `/faults/${encodeURIComponent(workflowId)}`,
  feedback: (workflowId: string) => `/feedback/${encodeURIComponent(workflowId)}`,
  processInstance: (workflowId: string) => `/processes/${encodeURIComponent(workflowId)}`,
  delivery: (workflowId: string) => `/deliveries/${encodeURIComponent(workflowId)}`,
  inspectionRecord: (workflowId: string) => `/inspections/records/${encodeURIComponent(workflowId)}`,
  supplier: (vendorId: string) => `/suppliers/${encodeURIComponent(vendorId)}`,
  procurement: (workflowId: string) => `/procurements/${encodeURIComponent(workflowId)}`,
  filing: (workflowId: string) => `/governance/filings/${encodeURIComponent(workflowId)}`,
  alarm: (workflowId: string) => `/alarms/${encodeURIComponent(workflowId)}`,
  unit: (unitId: string) => `/admin/units/${encodeURIComponent(unitId)}`,
  dataChange: (changeId: string) => `/admin/changes/${encodeURIComponent(changeId)}`,
  staffUser: (userId: string) => `/admin/users/${encodeURIComponent(userId)}`,
  upgradePlan: (planId: string) => `/upgrades/plans/${encodeURIComponent(planId)}`,
  device: (deviceId: string) => `/admin/devices/${encodeURIComponent(deviceId)}`,
  resident: (residentId: string) => `/admin/residents/${encodeURIComponent(residentId)}`,
  zone: (zoneId: string) => `/admin/zones/${encodeURIComponent(zoneId)}`,
  shift: (shiftId: string) => `/admin/roster/${encodeURIComponent(shiftId)}`,
  trainingFile: (userId: string) => `/training/files/${encodeURIComponent(userId)}`,
};

/**
 * Where a task is done: an alarm's steps on its one-screen handling page (for those who may see the console),
 * every other task on its task page.
 */
export function taskLinkFor(user: User): TaskLink {
  const alarmsOnOneScreen = can(user, 'console.read');
  return (task) => (alarmsOnOneScreen && task.process === 'alarm-linkage' ? links.alarm(task.workflowId) : links.task(task.id));
}

/** Staff work from the worklist; anyone else (an owner) from the short list of their own tasks. */
export const myTasksPathFor = (user: User): string => (can(user, 'worklist.open') ? routes.worklist : routes.myTasks);

/** Staff and vendors start at the worklist, auditors at the processes, owners at their faults. */
export function homePathFor(user: User): string {
  if (can(user, 'worklist.open')) return routes.worklist;
  if (can(user, 'process.read')) return routes.processes;
  return routes.myFaults;
}
