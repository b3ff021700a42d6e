import { ActivityFailure, proxyActivities, TimeoutFailure } from '@temporalio/workflow';
import { z } from 'zod';
import type { createAccessControlActivities } from '../../activities/access-control';
import { ACCESS_RULE_FAILURES, accessControlActivities, failureOf } from './device-commands';
import type { HumanTask, HumanTasks } from './human-task';
import type { DeviceRetry, DoorOutage } from './inputs';
import { DOOR_CHECK_LABELS, fieldMeta } from './labels';
import type { ProcessTracker } from './progress';

type AccessActivities = ReturnType<typeof accessControlActivities>;

/**
 * How one door ended: done; refused (a failure no retry mends: wrong password, a rejected command); or
 * `lapsed`, still silent when the credential's validity ended (the door refuses it from then on by itself).
 */
export type DoorSettlement = { deviceId: string; done: true } | { deviceId: string; done: false; lapsed: boolean; type: string; error: string };

/** The security supervisor's acknowledgement: informational, the retrying goes on regardless. */
export const doorCheckForm = z.object({
  acknowledged: z.literal(true).meta(fieldMeta(DOOR_CHECK_LABELS.acknowledged)),
  note: z.string().trim().max(2000).optional().meta(fieldMeta(DOOR_CHECK_LABELS.note)),
});

/**
 * The device commands retried with no limit on attempts (the backoff capped at `maximumIntervalMs`) for
 * `timeoutMs`. Retries happen in Temporal's server, so a door silent for months adds no history events.
 */
function persistentActivities(retry: DeviceRetry, outage: DoorOutage, timeoutMs: number): AccessActivities {
  return proxyActivities<ReturnType<typeof createAccessControlActivities>>({
    startToCloseTimeout: '30 seconds',
    scheduleToCloseTimeout: timeoutMs,
    retry: {
      initialInterval: retry.initialIntervalMs,
      backoffCoefficient: 2,
      maximumInterval: outage.maximumIntervalMs,
      nonRetryableErrorTypes: ACCESS_RULE_FAILURES,
    },
  });
}

/**
 * P4.2b: a command that must reach the door, such as a revocation. Tried as every device command is
 * (`retry`); a door that still does not answer is tried again until it does, or until `validUntilMs` (the
 * credential's validity end, past which the door refuses it anyway; null: nothing known to be valid there).
 */
export async function untilDoorAnswers(
  deviceId: string,
  command: (access: AccessActivities) => Promise<unknown>,
  { retry, outage, validUntilMs }: { retry: DeviceRetry; outage: DoorOutage; validUntilMs: number | null },
): Promise<DoorSettlement> {
  let silence: { type: string; error: string };
  try {
    await command(accessControlActivities(retry));
    return { deviceId, done: true };
  } catch (error) {
    if (!(error instanceof ActivityFailure)) throw error;
    if (error.retryState !== 'MAXIMUM_ATTEMPTS_REACHED') return { deviceId, done: false, lapsed: false, ...failureOf(error) };
    silence = failureOf(error);
  }
  const lapsed = (last: string): DoorSettlement => ({ deviceId, done: false, lapsed: true, type: 'ValidityEnded', error: `no longer valid before the door answered (${last})` });
  if (validUntilMs === null || validUntilMs <= Date.now()) return lapsed(silence.error);
  try {
    await command(persistentActivities(retry, outage, validUntilMs - Date.now()));
    return { deviceId, done: true };
  } catch (error) {
    if (!(error instanceof ActivityFailure)) throw error;
    // Out of time: the validity ends before the next try would be due.
    if (error.retryState === 'TIMEOUT' || error.cause instanceof TimeoutFailure) return lapsed(error.cause?.message ?? silence.error);
    return { deviceId, done: false, lapsed: false, ...failureOf(error) };
  }
}

export interface DoorAlertSpec {
  /** The boundary event passed when a door's task opens, the supervisor's task, and the end after acknowledging. */
  steps: { raised: string; task: string; acknowledged: string };
  title(deviceId: string): string;
  context(deviceId: string, what: string[]): Record<string, unknown>;
  dueInMs: number;
}

interface Door {
  running: number;
  what: Set<string>;
  /** Some command on the door ended not done: refused or lapsed. */
  undone: boolean;
  /** The door's task being opened (once): set the moment the door is told. */
  opening?: Promise<void>;
  task?: HumanTask<z.output<typeof doorCheckForm>>;
  withdrawn: boolean;
  acknowledgement?: Promise<void>;
}

/**
 * Tells the security supervisor, one task per door, of a door that still holds what should have left it:
 * after the limit (`passLimit`) for a door still being retried, at once for a door that refused. The task
 * is informational: retries go on. When the door answers, the task, if nobody has acknowledged it yet, is
 * withdrawn from the worklist (nothing is left to check); a door that refused or lapsed keeps its task.
 */
export class DoorAlerts {
  private readonly doors = new Map<string, Door>();

  constructor(
    private readonly tasks: HumanTasks,
    private readonly tracker: ProcessTracker,
    private readonly spec: DoorAlertSpec,
  ) {}

  /** Runs one command on a door (`what`: what it takes off, shown in the task) and settles the door's task. */
  async track(deviceId: string, what: string, settle: () => Promise<DoorSettlement>): Promise<DoorSettlement> {
    const door = this.doors.get(deviceId) ?? { running: 0, what: new Set<string>(), undone: false, withdrawn: false };
    this.doors.set(deviceId, door);
    door.running += 1;
    door.what.add(what);
    const settlement = await settle();
    door.running -= 1;
    if (!settlement.done) {
      door.undone = true;
      // A lapsed door refuses the credential by itself: nobody needs to be told now who was not told before.
      if (!settlement.lapsed) await this.tell(deviceId, door);
    } else if (door.running === 0 && !door.undone && door.opening) {
      await door.opening;
      door.withdrawn = await door.task!.cancel('the door answered: done there', 'completed');
    }
    return settlement;
  }

  /** The limit passed: every door still being retried gets its task. */
  async passLimit(): Promise<void> {
    for (const [deviceId, door] of this.doors) if (door.running > 0) await this.tell(deviceId, door);
  }

  /** Waits for the acknowledgement of every task not withdrawn: the process ends only once each was read. */
  async acknowledged(): Promise<void> {
    await Promise.all([...this.doors.values()].flatMap((door) => (door.acknowledgement && !door.withdrawn ? [door.acknowledgement] : [])));
  }

  private tell(deviceId: string, door: Door): Promise<void> {
    door.opening ??= this.open(deviceId, door);
    return door.opening;
  }

  private async open(deviceId: string, door: Door): Promise<void> {
    await this.tracker.pass(this.spec.steps.raised, null, { deviceId });
    const task = await this.tasks.open({
      stepId: this.spec.steps.task,
      title: this.spec.title(deviceId),
      form: doorCheckForm,
      candidateRoles: ['security-supervisor'],
      dueInMs: this.spec.dueInMs,
      priority: 70,
      context: this.spec.context(deviceId, [...door.what].sort()),
    });
    door.task = task;
    door.acknowledgement = task.completion().then(async (completion) => {
      if (completion) await this.tracker.pass(this.spec.steps.acknowledged, completion.actor.displayName, { deviceId, note: completion.payload.note ?? null });
    });
  }
}
