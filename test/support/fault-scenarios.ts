import type { Client } from '@temporalio/client';
import { and, eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import type { Database } from '../../db/client';
import { tasks } from '../../db/schema';
import { DEMO_USERS } from '../../db/seed/demo-community';
import { completeTaskUpdate, type FaultRepairInput, type FaultRepairTimings } from '../../workflows/fault-repair/messages';
import type { Actor } from '../../workflows/lib/messages';
import { eventually } from './poll';

/** Durations long enough not to fire unless a test shortens the one it exercises. */
export const TEST_TIMINGS: FaultRepairTimings = {
  diagnosisDueMs: 60_000,
  repairSlaMs: 60_000,
  vendorReminderMs: 60_000,
  verificationDueMs: 60_000,
};

export function actor(username: string): Actor {
  const user = DEMO_USERS.find((candidate) => candidate.username === username);
  if (!user) throw new Error(`no demo user ${username}`);
  return { userId: user.id, displayName: user.displayName, roles: [...user.roles] };
}

export function faultInput(timings: Partial<FaultRepairTimings> = {}, system = 'cctv'): FaultRepairInput {
  const reporter = actor('owner-zhang');
  return {
    report: {
      occurredAt: new Date().toISOString(),
      location: { buildingId: 'b1', unitId: 'b1-101' },
      system,
      symptoms: 'Lobby camera shows a black image',
      source: 'owner',
      reporter: { userId: reporter.userId, displayName: reporter.displayName },
    },
    timings: { ...TEST_TIMINGS, ...timings },
    priority: 50,
  };
}

export async function startFault(client: Client, taskQueue: string, input: FaultRepairInput) {
  return client.workflow.start('faultRepair', { taskQueue, workflowId: `fault-repair-test-${randomUUID()}`, args: [input] });
}

/** The open worklist row of a step, once the process has written it. */
export function openTask(db: Database, workflowId: string, stepId: string) {
  return eventually(async () => {
    const [task] = await db
      .select()
      .from(tasks)
      .where(and(eq(tasks.workflowId, workflowId), eq(tasks.stepId, stepId), eq(tasks.status, 'open')));
    return task;
  });
}

export async function complete(client: Client, workflowId: string, taskId: string, by: Actor, payload: unknown) {
  return client.workflow.getHandle(workflowId).executeUpdate(completeTaskUpdate, { args: [{ taskId, actor: by, payload }] });
}

export const DIAGNOSIS = { general: { cause: 'Loose video cable', repairPlan: 'Reseat the cable', faultClass: 'general' }, complex: { cause: 'Failed encoder board', repairPlan: 'Vendor replaces the board', faultClass: 'complex' } } as const;
export const REPAIR = { repairProcess: 'Reseated the cable and tested the picture', partsReplaced: ['BNC connector'], timeSpentMinutes: 30 };
