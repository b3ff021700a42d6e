import type { List } from '../../../../../contracts/common';
import type { SupplierSummary } from '../../../../../contracts/suppliers';
import type {
  DeviceFirmwareView,
  FirmwareReleaseRequest,
  FirmwareReleaseView,
  UpgradePlanDetail,
  UpgradePlanRequest,
  UpgradePlanSummary,
  UpgradeProposalView,
} from '../../../../../contracts/upgrades';
import { apiRequest } from '../../../lib/api-client';

export const listReleases = (signal?: AbortSignal) => apiRequest<List<FirmwareReleaseView>>('/firmware-releases', { signal });

/** P3.3a: a supplier's release with its file; the client's releaseId makes a retried request the same release. */
export const registerRelease = (request: FirmwareReleaseRequest) => apiRequest<FirmwareReleaseView>('/firmware-releases', { method: 'POST', body: request });

export const listProposals = (signal?: AbortSignal) => apiRequest<List<UpgradeProposalView>>('/upgrade-proposals', { signal });

/** The assessment run now, besides its Schedule. */
export const assessNow = () => apiRequest<{ scheduleId: string }>('/upgrade-assessments', { method: 'POST' });

export const listDeviceFirmware = (signal?: AbortSignal) => apiRequest<List<DeviceFirmwareView>>('/device-firmware', { signal });

export const listPlans = (signal?: AbortSignal) => apiRequest<List<UpgradePlanSummary>>('/upgrade-plans', { signal });

export const getPlan = (planId: string, signal?: AbortSignal) => apiRequest<UpgradePlanDetail>(`/upgrade-plans/${encodeURIComponent(planId)}`, { signal });

/** P3.3a: the draft; the client's planId makes a retried request the same plan. */
export const draftPlan = (request: UpgradePlanRequest) => apiRequest<{ planId: string; workflowId: string }>('/upgrade-plans', { method: 'POST', body: request });

/** The tech supervisor's decision after a failure is the plan's open task, done from its page. */
export const completeDecision = (taskId: string, decision: 'continue' | 'retry' | 'abort') =>
  apiRequest<unknown>(`/tasks/${encodeURIComponent(taskId)}/complete`, { method: 'POST', body: { payload: { decision } } });

/** The suppliers a release may be registered for (a supplier's staff see only their own). */
export const listSuppliers = (signal?: AbortSignal) => apiRequest<List<SupplierSummary>>('/suppliers', { signal });
