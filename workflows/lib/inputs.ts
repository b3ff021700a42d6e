import { z } from 'zod';

/** Shapes several processes' inputs share. */

/** A duration in milliseconds: every timer of a process is an input, so tests run hours in seconds. */
export const durationMs = () => z.number().int().nonnegative();

/** A signed-in user who asked for something, as the process shows them. */
export const requester = z.lazy(() => z.object({ userId: z.string(), displayName: z.string() }));

/** How hard a device command is retried before the process records the device as failed. */
export const deviceRetry = z.lazy(() => z.object({ maximumAttempts: z.number().int().positive(), initialIntervalMs: durationMs() }));
export type DeviceRetry = z.infer<typeof deviceRetry>;

/**
 * P4.2b: how a door that does not answer is waited out when a credential must leave it (a revocation, a face
 * deletion): retried with backoff up to `maximumIntervalMs` between tries until it answers or the credential's
 * validity ends, and the security supervisor told when it still has not answered after `alertAfterMs`.
 */
export const doorOutage = z.lazy(() => z.object({ maximumIntervalMs: durationMs().positive(), alertAfterMs: durationMs() }));
export type DoorOutage = z.infer<typeof doorOutage>;

/**
 * What a process's tracker carries into the next run of its workflow (continue-as-new): the instance page's
 * step marks, visit counts and numbering go on where the run before left them.
 */
export const processTrackerState = z.lazy(() =>
  z.object({
    status: z.enum(['running', 'completed', 'failed']),
    seq: z.number().int().nonnegative(),
    startedAt: z.string(),
    steps: z.record(
      z.string(),
      z.object({ status: z.enum(['active', 'completed', 'failed']), visits: z.number().int().nonnegative(), lastAt: z.string(), lastActor: z.string().nullable() }),
    ),
    data: z.record(z.string(), z.unknown()),
  }),
);
export type ProcessTrackerState = z.infer<typeof processTrackerState>;

/**
 * The open human tasks a run hands to the next (continue-as-new): the next run adopts them (same task id, same
 * worklist row). Their forms are not carried: the workflow builds them again from the step id. The escalation
 * ladder's times are absolute, so a reminder sent is not sent again and the escalation keeps its time.
 */
export const humanTasksState = z.lazy(() =>
  z.object({
    /** Visits per step so far: the next task of a step gets the next number in its id. */
    visits: z.record(z.string(), z.number().int().positive()),
    open: z.array(
      z.object({
        taskId: z.string(),
        stepId: z.string(),
        candidateRoles: z.array(z.string()),
        candidateUsers: z.array(z.string()),
        ladder: z
          .object({
            /** Epoch milliseconds. */
            deadlineAt: z.number(),
            reminders: z.number().int().nonnegative(),
            /** When the wait in progress ends (the next reminder or the deadline); null between waits. */
            waitUntil: z.number().nullable(),
            escalated: z.boolean(),
          })
          .optional(),
      }),
    ),
  }),
);
export type HumanTasksState = z.infer<typeof humanTasksState>;
