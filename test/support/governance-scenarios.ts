import type { TaskView } from '../../contracts/tasks';
import type { GovernanceSettings } from '../../api/governance-settings';
import type { HttpClient } from './http-client';
import { eventually } from './poll';

export const API = '/api/v1';

/** Governance durations in seconds: a 15-day notice runs in 1 s (the dev server's timers fire at ~1 s). */
export function testGovernanceSettings(votingSeconds = 8): GovernanceSettings {
  const vote = { noticeMs: 1_000, votingMs: votingSeconds * 1_000, objectionMs: 2_000 };
  return {
    vote,
    plan: { contributionDueMs: 60_000, draftDueMs: 60_000, budgetDueMs: 60_000, approvalDueMs: 60_000, filing: { acknowledgementDueMs: 60_000 }, vote },
    departments: [
      { department: 'security', role: 'guard' },
      { department: 'monitoring', role: 'monitoring-operator' },
    ],
    annualPlanCron: '0 9 1 12 *',
    procurementWorkflowType: 'procurement',
  };
}

export const CONTRIBUTION = { needs: 'Lobby cameras are blurry at night', proposedProjects: ['Replace lobby cameras'] };

export const PLAN = {
  goals: ['Clear CCTV coverage of every entrance', 'Train operators on the new platform'],
  projects: [
    { title: 'Replace lobby cameras', priority: 1, estimateYuan: 86000.5, schedule: '2027 Q2', system: 'cctv', major: true, art278Item: 9 },
    { title: 'Convert the bicycle shed into shops', priority: 3, estimateYuan: 120000, schedule: '2027 Q3', major: true, art278Item: 8 },
    { title: 'Operator training', priority: 2, estimateYuan: 12000, schedule: '2027 Q1', major: false },
  ],
  schedule: 'Q1 training, Q2 cameras, Q3 shed',
};

export const BUDGET = {
  lineItems: [
    { category: 'hardware', description: '12 IP cameras', amountYuan: 60000.5, marketPriceReference: 'Three supplier quotes, Nov 2026' },
    { category: 'installation-commissioning', description: 'Cabling and commissioning', amountYuan: 26000, marketPriceReference: '2026 maintenance contract rates' },
    { category: 'training', description: 'Operator course', amountYuan: 12000, marketPriceReference: 'Vendor catalogue 2026' },
  ],
};

/** The open task of a step for a workflow, from the user's worklist once the process opened it, with its context. */
export async function openTaskOf(http: HttpClient, workflowId: string, stepId: string, process: string, exclude: string[] = []): Promise<TaskView> {
  const listed = await eventually(async () => {
    const response = await http.get(`${API}/tasks?process=${process}&step=${stepId}&limit=200`);
    if (response.status !== 200) throw new Error(`worklist: ${response.status} ${JSON.stringify(response.body)}`);
    return (response.body.items as TaskView[]).find((task) => task.workflowId === workflowId && !exclude.includes(task.id));
  });
  return (await http.get(`${API}/tasks/${encodeURIComponent(listed.id)}`)).body as TaskView;
}

export async function completeTask(http: HttpClient, taskId: string, payload: unknown): Promise<void> {
  const response = await http.post(`${API}/tasks/${encodeURIComponent(taskId)}/complete`, { payload });
  if (response.status !== 200) throw new Error(`complete ${taskId}: ${response.status} ${JSON.stringify(response.body)}`);
}

/** Waits until the vote has the status (the workflow moved it on). */
export function voteInStatus(http: HttpClient, voteId: string, status: string, timeoutMs = 30_000) {
  return eventually(async () => {
    const response = await http.get(`${API}/votes/${encodeURIComponent(voteId)}`);
    return response.status === 200 && response.body.status === status ? response.body : undefined;
  }, timeoutMs);
}
