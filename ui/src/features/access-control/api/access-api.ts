import { apiRequest } from '../../../lib/api-client';

export type CredentialKind = 'card' | 'face' | 'fingerprint' | 'pin';

export interface PersonSummary {
  id: string;
  kind: 'owner' | 'resident' | 'staff' | 'visitor';
  name: string;
  ownerId: string | null;
  userId: string | null;
  unitId: string | null;
  status: 'active' | 'left';
  faceConsent: boolean;
  credentialKinds: CredentialKind[];
}

export interface CredentialView {
  id: string;
  kind: CredentialKind;
  cardHint: string | null;
  status: string;
  validFrom: string;
  validUntil: string;
  workflowId: string;
  revokedReason: string | null;
  devices: { deviceId: string; state: string; lastError: string | null }[];
}

export interface PersonDetail extends PersonSummary {
  credentials: CredentialView[];
  consents: { id: string; scope: string; method: string; recordedBy: string; consentedAt: string; withdrawnAt: string | null }[];
  deletions: { id: string; status: string; requestedAt: string; workflowId: string }[];
}

export interface VisitorPass {
  id: string;
  visitorName: string;
  hostUnitId: string;
  validFrom: string;
  validUntil: string;
  status: 'active' | 'expired' | 'revoked';
  credentialId: string;
  workflowId: string;
  issuedBy: string;
  endedAt: string | null;
}

export interface DeletionLogEntry {
  id: string;
  personId: string;
  personName: string;
  requestedBy: string;
  requestedAt: string;
  status: string;
  imagesErased: number | null;
  completedAt: string | null;
  workflowId: string;
  devices: { deviceId: string; result: string; at: string; error: string | null }[];
}

export type CredentialMaterial = { kind: 'card'; cardNo: string } | { kind: 'pin'; pin: string } | { kind: 'face'; faceImage: string };

const uuid = () => crypto.randomUUID();

export const listPeople = (signal?: AbortSignal) => apiRequest<{ items: PersonSummary[] }>('/access/people', { signal });
export const getPerson = (personId: string, signal?: AbortSignal) => apiRequest<PersonDetail>(`/access/people/${encodeURIComponent(personId)}`, { signal });
export const enrol = (personId: string, credential: CredentialMaterial) =>
  apiRequest<{ workflowId: string; credentialId: string }>(`/access/people/${encodeURIComponent(personId)}/credentials`, { body: { credentialId: uuid(), credential } });
export const revoke = (credentialId: string) => apiRequest<{ workflowId: string }>(`/access/credentials/${encodeURIComponent(credentialId)}/revoke`, { body: { requestId: uuid() } });
export const recordLeaving = (personId: string, reason: 'moved-out' | 'left') =>
  apiRequest<{ workflowId: string }>(`/access/people/${encodeURIComponent(personId)}/leave`, { body: { requestId: uuid(), reason } });
export const consentSelf = (personId: string) => apiRequest<{ consentId: string }>(`/access/people/${encodeURIComponent(personId)}/consent`, { body: { method: 'self' } });
export const withdrawConsent = (personId: string) =>
  apiRequest<{ withdrawn: boolean; deletionWorkflowId: string | null }>(`/access/people/${encodeURIComponent(personId)}/consent/withdraw`, { body: { deletionId: uuid() } });
export const requestFaceDeletion = (personId: string) => apiRequest<{ workflowId: string }>(`/access/people/${encodeURIComponent(personId)}/face-deletions`, { body: { deletionId: uuid() } });
export const listPasses = (signal?: AbortSignal) => apiRequest<{ items: VisitorPass[] }>('/access/visitor-passes', { signal });
export const issuePass = (pass: { visitorName: string; hostUnitId: string; validUntil: string; credential: CredentialMaterial }) =>
  apiRequest<{ workflowId: string; passId: string }>('/access/visitor-passes', { body: { passId: uuid(), ...pass } });
export const cancelPass = (passId: string) => apiRequest<{ status: string }>(`/access/visitor-passes/${encodeURIComponent(passId)}/cancel`, { method: 'POST' });
export const listDeletions = (signal?: AbortSignal) => apiRequest<{ items: DeletionLogEntry[] }>('/access/face-deletions', { signal });

export interface PlateEntry {
  plate: string;
  list: 'allow' | 'refuse';
  ownerId: string | null;
  note: string | null;
  updatedAt: string;
  syncState: 'pending' | 'synced' | 'failed';
  workflowId: string | null;
}

export interface AnprDecision {
  id: number;
  deviceId: string;
  plate: string;
  decision: 'allowed' | 'refused';
  reason: string;
  occurredAt: string;
}

export const listPlates = (signal?: AbortSignal) => apiRequest<{ items: PlateEntry[] }>('/access/plates', { signal });
export const setPlate = (plate: string, list: 'allow' | 'refuse' | null, note?: string) => apiRequest<{ workflowId: string }>('/access/plates', { body: { plate, list, note: note || undefined } });
export const listAnpr = (signal?: AbortSignal) => apiRequest<{ items: AnprDecision[] }>('/access/anpr', { signal });
