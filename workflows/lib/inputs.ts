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
