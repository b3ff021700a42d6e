/** Shapes of the Steward HTTP API (/api/v1), exactly as the contract defines them. */
import type { Role } from '../../../contracts/permissions';

export type { Role };

export interface User {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  ownerId: string | null;
  vendorId: string | null;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export type TaskStatus = 'open' | 'completed' | 'cancelled';

/** A JSON Schema (draft 2020-12) as produced by zod v4's z.toJSONSchema. */
export interface JsonSchema {
  type?: string | string[];
  title?: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  format?: string;
  default?: unknown;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  [keyword: string]: unknown;
}

/** A worklist row (GET /tasks). */
export interface TaskSummary {
  id: string;
  workflowId: string;
  process: string;
  stepId: string;
  title: string;
  status: TaskStatus;
  candidateRoles: Role[];
  candidateUsers: string[];
  assignee: string | null;
  assigneeName: string | null;
  priority: number;
  dueAt: string;
  overdue: boolean;
  createdAt: string;
  completedAt: string | null;
  completedBy: string | null;
}

/** One task with what its form needs (GET /tasks/:id). */
export interface Task extends TaskSummary {
  context: Record<string, unknown>;
  formSchema: JsonSchema;
}

export interface UserSummary {
  id: string;
  displayName: string;
  roles: Role[];
}

export interface Building {
  id: string;
  name: string;
  units: { id: string; number: string }[];
}

export interface Zone {
  id: string;
  name: string;
  buildingId: string | null;
}

export interface Device {
  id: string;
  name: string;
  zoneId: string;
  system: string;
}

export interface ReferenceLocations {
  buildings: Building[];
  zones: Zone[];
  devices: Device[];
  systems: string[];
}

export interface FaultLocation {
  buildingId: string;
  unitId?: string;
  zoneId?: string;
  deviceId?: string;
}

export interface FaultReport {
  reportId: string;
  occurredAt: string;
  location: FaultLocation;
  system: string;
  symptoms: string;
  /** Sent when reporting: a data URL. */
  photo?: string;
  /** Returned in the fault's report once stored: GET /faults/:id/photo serves it. */
  photoId?: string;
}

export type InstanceStatus = 'running' | 'completed' | 'failed' | 'cancelled' | 'terminated' | 'timed-out';

export interface FaultSummary {
  workflowId: string;
  status: InstanceStatus;
  currentSteps: string[];
  title: string;
  startedAt: string;
  endedAt: string | null;
}

export interface RepairRecord {
  cause: string;
  repairProcess: string;
  partsReplaced: string[];
  timeSpentMinutes: number;
  repairedBy: string;
  reworkCount: number;
  closedAt: string;
}

export interface FaultDetail extends FaultSummary {
  /** The report as filed; typed loosely because the contract leaves its exact shape open. */
  report: Partial<FaultReport> & Record<string, unknown>;
  record: RepairRecord | null;
  rating: number | null;
}

export interface ProcessInstance {
  workflowId: string;
  process: string;
  title: string;
  status: InstanceStatus;
  startedAt: string;
  endedAt: string | null;
  currentSteps: string[];
  startedBy: string | null;
  startedByName: string | null;
}

export type StepStatus = 'completed' | 'active' | 'failed' | 'overdue';

export type TimelineEvent =
  | 'entered'
  | 'completed'
  | 'failed'
  | 'claimed'
  | 'released'
  | 'reassigned'
  | 'reminded'
  | 'escalated';

export interface TimelineEntry {
  at: string;
  stepId: string;
  event: TimelineEvent;
  actor: string | null;
  detail: Record<string, unknown> | null;
}

export interface ProcessInstanceDetail {
  instance: ProcessInstance;
  steps: Record<string, { status: StepStatus; visits: number }>;
  stepTitles: Record<string, string>;
  timeline: TimelineEntry[];
  data: Record<string, unknown>;
  related: RelatedInstance[];
  /** Set once the instance is archived: its page and history outlive Temporal's retention. */
  archive: InstanceArchive | null;
}

export interface InstanceArchive {
  runId: string;
  closeStatus: string;
  closedAt: string;
  archivedAt: string;
  historySha256: string;
  historyEvents: number;
}

/** POST /processes/:workflowId/replay: does the current code reproduce the recorded history? */
export type ReplayVerdict = { events: number; historySource: 'temporal' | 'archive' } & (
  | { verdict: 'reproduces' }
  | { verdict: 'diverges'; eventId: number; recorded: string; now: string }
);

export interface RelatedInstance extends Pick<ProcessInstance, 'workflowId' | 'process' | 'title' | 'status'> {
  relation: string;
  via: string;
  distance: number;
}
