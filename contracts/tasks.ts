import { z } from 'zod';
import { REFERENCE_KINDS } from './labels';
import { MAX_WORKFLOW_IDS, TASK_STATUSES } from './vocabulary';
import { ROLES } from './permissions';

export const worklistFilters = z.object({
  status: z.enum([...TASK_STATUSES, 'all']).default('open'),
  process: z.string().min(1).optional(),
  step: z.string().min(1).optional(),
  due: z.enum(['overdue', 'today', 'week']).optional(),
  assignee: z.enum(['me', 'unassigned']).optional(),
  /** Only the tasks of these process instances, comma-separated: a record's page asks for its own tasks. */
  workflowId: z
    .string()
    .min(1)
    .max(4000)
    .transform((ids) => ids.split(',').filter(Boolean))
    .pipe(z.array(z.string()).min(1, 'give at least one workflow id').max(MAX_WORKFLOW_IDS, `at most ${MAX_WORKFLOW_IDS} workflow ids`))
    .optional(),
  cursor: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type WorklistFilters = z.output<typeof worklistFilters>;

/** A worklist row: what a list shows (its title with the ids in it named). The form and context come with the task itself. */
export const taskSummary = z.object({
  id: z.string(),
  workflowId: z.string(),
  process: z.string(),
  stepId: z.string(),
  title: z.string(),
  status: z.enum(TASK_STATUSES),
  candidateRoles: z.array(z.string()),
  candidateUsers: z.array(z.string()),
  assignee: z.string().nullable(),
  assigneeName: z.string().nullable(),
  priority: z.number().int(),
  dueAt: z.string(),
  overdue: z.boolean(),
  createdAt: z.string(),
  completedAt: z.string().nullable(),
  completedBy: z.string().nullable(),
});
export type TaskSummary = z.infer<typeof taskSummary>;

/** The names of the ids a task's context holds, by kind (`{ zone: { 'z-car-park': '车库B区' } }`): shown instead of the ids. */
export const taskReferences = z.partialRecord(z.enum(REFERENCE_KINDS), z.record(z.string(), z.string()));
export type TaskReferences = z.infer<typeof taskReferences>;

/** One task with what its form needs: `formSchema` is the step's JSON Schema (zod's z.toJSONSchema). */
export const taskView = taskSummary.extend({
  context: z.record(z.string(), z.unknown()),
  formSchema: z.record(z.string(), z.unknown()),
  references: taskReferences,
});
export type TaskView = z.infer<typeof taskView>;

export const reassignRequest = z.object({ assignee: z.string().min(1) });
export type ReassignRequest = z.input<typeof reassignRequest>;

export const completeRequest = z.object({ payload: z.record(z.string(), z.unknown()) });
export type CompleteRequest = z.input<typeof completeRequest>;

export const taskCompleted = z.object({ task: taskView });
export type TaskCompleted = z.infer<typeof taskCompleted>;

export const candidateQuery = z.object({ role: z.enum(ROLES) });

/** An active user who may take a task over (GET /users). */
export const candidateUser = z.object({ id: z.string(), displayName: z.string(), roles: z.array(z.string()) });
export type CandidateUser = z.infer<typeof candidateUser>;
