import type { Client } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import type { AcceptanceTimings, ProjectAcceptanceInput } from '../../workflows/project-acceptance/messages';
import type { DeliveryTimings, ProjectDeliveryInput } from '../../workflows/project-delivery/messages';
import type { SupplierEvaluationInput, SupplierEvaluationTimings } from '../../workflows/supplier-evaluation/messages';

/** Durations long enough not to fire unless a test shortens the one it exercises. */
export const ACCEPTANCE_TEST_TIMINGS: AcceptanceTimings = {
  teamDueMs: 60_000,
  inspectionDueMs: 60_000,
  signatureDueMs: 60_000,
  rectificationDueMs: 60_000,
  rectificationReminderMs: 60_000,
  settlementDueMs: 60_000,
  warrantyMs: 365 * 24 * 3600_000,
};

export const DELIVERY_TEST_TIMINGS: DeliveryTimings = {
  planDueMs: 60_000,
  reportEveryMs: 60_000,
  reportReminderMs: 60_000,
  reportDueMs: 60_000,
  milestoneGraceMs: 60_000,
  overdueReviewDueMs: 60_000,
  acceptance: ACCEPTANCE_TEST_TIMINGS,
};

export const EVALUATION_TEST_TIMINGS: SupplierEvaluationTimings = {
  evaluationDueMs: 60_000,
  rectificationDueMs: 60_000,
  rectificationReminderMs: 60_000,
  penaltyDueMs: 60_000,
  terminationDecisionDueMs: 60_000,
};

export function deliveryInput(overrides: Partial<ProjectDeliveryInput> = {}, timings: Partial<DeliveryTimings> = {}): ProjectDeliveryInput {
  const id = randomUUID().slice(0, 8);
  return {
    contractId: `contract-${id}`,
    procurementWorkflowId: `procurement-test-${id}`,
    projectId: `project-${id}`,
    vendorId: 'v-access-control',
    title: `Face-recognition gates ${id}`,
    deliveryDate: new Date(Date.now() + 30 * 24 * 3600_000).toISOString(),
    timings: { ...DELIVERY_TEST_TIMINGS, ...timings },
    ...overrides,
  };
}

export function acceptanceInput(overrides: Partial<ProjectAcceptanceInput> = {}): ProjectAcceptanceInput {
  const id = randomUUID().slice(0, 8);
  return {
    contractId: `contract-${id}`,
    projectId: `project-${id}`,
    vendorId: 'v-access-control',
    title: `Face-recognition gates ${id}`,
    system: 'access-control',
    biometric: true,
    timings: ACCEPTANCE_TEST_TIMINGS,
    ...overrides,
  };
}

export function evaluationInput(vendorId: string, overrides: Partial<SupplierEvaluationInput> = {}): SupplierEvaluationInput {
  return {
    vendorId,
    trigger: 'on-demand',
    periodFrom: new Date(Date.now() - 90 * 24 * 3600_000).toISOString(),
    periodTo: new Date(Date.now() + 3600_000).toISOString(),
    requestedBy: 'u-manager',
    timings: EVALUATION_TEST_TIMINGS,
    policy: { poorBelow: 60, weights: { technology: 0.3, user: 0.3, sla: 0.25, rating: 0.15 } },
    ...overrides,
  };
}

export const startDelivery = (client: Client, taskQueue: string, input: ProjectDeliveryInput) =>
  client.workflow.start('projectDelivery', { taskQueue, workflowId: `project-delivery-test-${randomUUID()}`, args: [input] });

export const startAcceptance = (client: Client, taskQueue: string, input: ProjectAcceptanceInput) =>
  client.workflow.start('projectAcceptance', { taskQueue, workflowId: `project-acceptance-test-${randomUUID()}`, args: [input] });

export const startEvaluation = (client: Client, taskQueue: string, input: SupplierEvaluationInput) =>
  client.workflow.start('supplierEvaluation', { taskQueue, workflowId: `supplier-evaluation-test-${randomUUID()}`, args: [input] });

/** A plan with the tech1 as project lead and milestones due in the given seconds. */
export function plan(milestoneDueInSeconds: number[], overrides: Record<string, unknown> = {}) {
  return {
    system: 'access-control',
    biometric: true,
    projectLead: 'u-tech1',
    phases: [{ name: 'Install' }, { name: 'Commission' }],
    milestones: milestoneDueInSeconds.map((seconds, index) => ({ name: `Milestone ${index + 1}`, dueAt: new Date(Date.now() + seconds * 1000).toISOString() })),
    qualityRequirements: 'Recognition rate at least 99% at the gates',
    ...overrides,
  };
}

export const TEAM = { technologyMembers: ['u-techsup'], businessMembers: ['u-guard1'], ownerRepresentatives: ['u-committee'] };
export const TEAM_USERNAMES = ['techsup', 'guard1', 'committee'];

const passed = { passed: true };
export const CHECKLIST_PASS = {
  function: passed,
  performance: passed,
  dataSecurity: passed,
  afterSales: passed,
  biometric: { signage: passed, separateConsent: passed, nonFaceAlternative: passed },
};
export const CHECKLIST_FAIL = {
  ...CHECKLIST_PASS,
  biometric: { ...CHECKLIST_PASS.biometric, separateConsent: { passed: false, note: 'No separate consent form at enrolment' } },
};

export const EVALUATION = { good: { serviceQuality: 90, productPerformance: 86 }, poor: { serviceQuality: 30, productPerformance: 40, comment: 'Slow and sloppy' } };
