import { z } from 'zod';
import { listOf } from './common';
import { INSPECTOR_ROLES, SYSTEMS } from './vocabulary';
import { fieldText } from './problem-texts';

const slug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, fieldText('slug-format'));

export const checklistItemRequest = z.object({
  id: slug.max(40),
  text: z.string().trim().min(3).max(500),
  system: z.enum(SYSTEMS),
  deviceId: z.string().min(1).optional(),
  zoneId: z.string().min(1).optional(),
  buildingId: z.string().min(1).optional(),
});

export const planFields = z.object({
  title: z.string().trim().min(3).max(200),
  checklist: z.array(checklistItemRequest).min(1).max(50),
  /** P3.1a: the cycle, in seconds (a week is 604800). */
  cycleSeconds: z.number().int().min(1).max(366 * 86_400),
  /** How long after a run starts it is due. */
  dueWithinSeconds: z.number().int().min(1).max(366 * 86_400),
  responsibleRole: z.enum(INSPECTOR_ROLES),
  buildingId: z.string().min(1).optional(),
  zoneId: z.string().min(1).optional(),
});
/** A plan as a client writes it (create adds the id, update may add `active`). */
export type PlanFields = z.input<typeof planFields>;

/** Chosen by the client, so a retried create makes one plan and one schedule. */
export const createPlanRequest = planFields.extend({ id: slug });
export const updatePlanRequest = planFields.extend({ active: z.boolean().optional() });
export type CreatePlanRequest = z.input<typeof createPlanRequest>;
export type UpdatePlanRequest = z.input<typeof updatePlanRequest>;

export const planView = z.object({
  id: z.string(),
  title: z.string(),
  checklist: z.array(checklistItemRequest.extend({ system: z.string() })),
  cycleSeconds: z.number().int(),
  dueWithinSeconds: z.number().int(),
  responsibleRole: z.string(),
  buildingId: z.string().nullable(),
  zoneId: z.string().nullable(),
  active: z.boolean(),
  scheduleId: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type InspectionPlan = z.infer<typeof planView>;

/** A plan run now, besides its cycle: the schedule that ran it. */
export const planRun = z.object({ scheduleId: z.string() });
export type PlanRun = z.infer<typeof planRun>;

export const recordSummary = z.object({
  workflowId: z.string(),
  planId: z.string(),
  planTitle: z.string(),
  responsibleRole: z.string(),
  status: z.enum(['open', 'completed']),
  startedAt: z.string(),
  dueAt: z.string(),
  overdue: z.boolean(),
  overdueAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  inspectorName: z.string().nullable(),
  failedItems: z.number().int(),
  faultRepairWorkflowIds: z.array(z.string()),
});
export type InspectionRecordSummary = z.infer<typeof recordSummary>;

export const recordDetail = recordSummary.extend({
  results: z.array(
    z.object({
      itemId: z.string(),
      text: z.string(),
      system: z.string(),
      result: z.enum(['pass', 'fail']),
      note: z.string().nullable(),
      photoId: z.string().nullable(),
      faultRepairWorkflowId: z.string().nullable(),
    }),
  ),
  faultRepairs: z.array(z.object({ workflowId: z.string(), status: z.string(), currentSteps: z.array(z.string()), title: z.string() })),
  taskId: z.string().nullable(),
});
export type InspectionRecordDetail = z.infer<typeof recordDetail>;

export const recordListQuery = z.object({
  planId: z.string().optional(),
  status: z.enum(['open', 'completed']).optional(),
  cursor: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type RecordListQuery = z.output<typeof recordListQuery>;

/** An open run past its due time, for the monitoring console. */
export const overdueInspection = z.object({
  workflowId: z.string(),
  planId: z.string(),
  planTitle: z.string(),
  responsibleRole: z.string(),
  startedAt: z.string(),
  dueAt: z.string(),
  overdueSeconds: z.number().int(),
  taskId: z.string().nullable(),
});
export type OverdueInspection = z.infer<typeof overdueInspection>;

export const overdueView = listOf(overdueInspection);

export const photoRequest = z.object({
  /** Chosen by the client, so a retried upload stores one photo. */
  photoId: z.uuid(),
  photo: z
    .string()
    .regex(/^data:image\/(png|jpeg|webp);base64,[A-Za-z0-9+/=]+$/, fieldText('image-data-url'))
    .max(2_800_000, fieldText('photo-too-large')),
});
export type PhotoRequest = z.input<typeof photoRequest>;

export const photoUploaded = z.object({ photoId: z.string() });
export type PhotoUploaded = z.infer<typeof photoUploaded>;
