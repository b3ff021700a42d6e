import type { User } from '../../../contracts/auth';
import { can } from '../../../contracts/permissions';

/** Every route path of the UI, in one place. */
export const routes = {
  home: '/',
  login: '/login',
  worklist: '/worklist',
  task: '/tasks/:taskId',
  reportFault: '/faults/new',
  myFaults: '/my-faults',
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
  accessControl: '/access',
  ownerVotes: '/owner/votes',
  governance: '/governance',
  filing: '/governance/filings/:workflowId',
  accessLog: '/access-log',
} as const;

/** Builders for the parameterised routes above. */
export const links = {
  task: (taskId: string) => `/tasks/${encodeURIComponent(taskId)}`,
  fault: (workflowId: string) => `/faults/${encodeURIComponent(workflowId)}`,
  processInstance: (workflowId: string) => `/processes/${encodeURIComponent(workflowId)}`,
  delivery: (workflowId: string) => `/deliveries/${encodeURIComponent(workflowId)}`,
  inspectionRecord: (workflowId: string) => `/inspections/records/${encodeURIComponent(workflowId)}`,
  supplier: (vendorId: string) => `/suppliers/${encodeURIComponent(vendorId)}`,
  procurement: (workflowId: string) => `/procurements/${encodeURIComponent(workflowId)}`,
  filing: (workflowId: string) => `/governance/filings/${encodeURIComponent(workflowId)}`,
};

/** Staff and vendors start at the worklist, auditors at the processes, owners at their faults. */
export function homePathFor(user: User): string {
  if (can(user, 'worklist.open')) return routes.worklist;
  if (can(user, 'process.read')) return routes.processes;
  return routes.myFaults;
}
