import type {
  AnprDecision,
  ConsentRecorded,
  ConsentWithdrawn,
  CredentialEnrolment,
  CredentialMaterial,
  DeletionLogEntry,
  LeaveRequest,
  PassCancelled,
  PassIssued,
  PassRequest,
  PersonDetail,
  PersonSummary,
  PlateEntry,
  PlateRequest,
  VisitorPass,
} from '../../../../../contracts/access-control';
import type { List, WorkflowStarted } from '../../../../../contracts/common';
import { apiRequest } from '../../../lib/api-client';

const uuid = () => crypto.randomUUID();

export const listPeople = (signal?: AbortSignal) => apiRequest<List<PersonSummary>>('/access/people', { signal });
export const getPerson = (personId: string, signal?: AbortSignal) => apiRequest<PersonDetail>(`/access/people/${encodeURIComponent(personId)}`, { signal });
export const enrol = (personId: string, credential: CredentialMaterial) =>
  apiRequest<CredentialEnrolment>(`/access/people/${encodeURIComponent(personId)}/credentials`, { body: { credentialId: uuid(), credential } });
export const revoke = (credentialId: string) => apiRequest<WorkflowStarted>(`/access/credentials/${encodeURIComponent(credentialId)}/revoke`, { body: { requestId: uuid() } });
export const recordLeaving = (personId: string, reason: LeaveRequest['reason']) =>
  apiRequest<WorkflowStarted>(`/access/people/${encodeURIComponent(personId)}/leave`, { body: { requestId: uuid(), reason } });
export const consentSelf = (personId: string) => apiRequest<ConsentRecorded>(`/access/people/${encodeURIComponent(personId)}/consent`, { body: { method: 'self' } });
export const withdrawConsent = (personId: string) =>
  apiRequest<ConsentWithdrawn>(`/access/people/${encodeURIComponent(personId)}/consent/withdraw`, { body: { deletionId: uuid() } });
export const requestFaceDeletion = (personId: string) => apiRequest<WorkflowStarted>(`/access/people/${encodeURIComponent(personId)}/face-deletions`, { body: { deletionId: uuid() } });
export const listPasses = (signal?: AbortSignal) => apiRequest<List<VisitorPass>>('/access/visitor-passes', { signal });
export const issuePass = (pass: Omit<PassRequest, 'passId'>) => apiRequest<PassIssued>('/access/visitor-passes', { body: { passId: uuid(), ...pass } });
export const cancelPass = (passId: string) => apiRequest<PassCancelled>(`/access/visitor-passes/${encodeURIComponent(passId)}/cancel`, { method: 'POST' });
export const listDeletions = (signal?: AbortSignal) => apiRequest<List<DeletionLogEntry>>('/access/face-deletions', { signal });

export const listPlates = (signal?: AbortSignal) => apiRequest<List<PlateEntry>>('/access/plates', { signal });
export const setPlate = (plate: string, list: PlateRequest['list'], note?: string) => apiRequest<WorkflowStarted>('/access/plates', { body: { plate, list, note: note || undefined } });
export const listAnpr = (signal?: AbortSignal) => apiRequest<List<AnprDecision>>('/access/anpr', { signal });
