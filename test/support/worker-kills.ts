import type { StewardProcess } from './processes';
import { eventually } from './poll';

/** A small seeded generator (mulberry32): the same seed chooses the same kill steps and delays again. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A scenario's steps in order, each `<process> <what it does>`: the process a step acts on comes first. */
export interface ScenarioPlan {
  name: string;
  steps: readonly string[];
}

export const processOfStep = (step: string) => step.slice(0, step.indexOf(' '));

/**
 * Chooses, for every process, one of the steps that act on it (any scenario's, uniformly) and the kill that lands
 * in it. A scenario's chosen steps get strictly increasing kills, early steps early kills, so no scenario waits for a
 * kill that needs it further on. Returns each scenario's chosen steps (step index → kill) and the number of kills.
 */
export function chooseKillSteps(plans: readonly ScenarioPlan[], random: () => number, maxKills: number) {
  const candidates = new Map<string, Array<{ plan: number; step: number }>>();
  plans.forEach((plan, planIndex) =>
    plan.steps.forEach((step, stepIndex) => candidates.set(processOfStep(step), [...(candidates.get(processOfStep(step)) ?? []), { plan: planIndex, step: stepIndex }])),
  );
  const chosen = plans.map(() => [] as number[]);
  for (const options of candidates.values()) {
    const { plan, step } = options[Math.floor(random() * options.length)];
    chosen[plan].push(step);
  }
  const kills = chosen.map((steps, planIndex) => {
    const sorted = [...new Set(steps)].sort((a, b) => a - b);
    if (sorted.length > maxKills) throw new Error(`${plans[planIndex].name} needs ${sorted.length} kills, more than ${maxKills}`);
    const assigned = sorted.map((step) => Math.floor(((step + 0.5) / plans[planIndex].steps.length) * maxKills));
    for (let index = 1; index < assigned.length; index += 1) assigned[index] = Math.max(assigned[index], assigned[index - 1] + 1);
    for (let index = assigned.length - 1; index >= 0; index -= 1) assigned[index] = Math.min(assigned[index], maxKills - (assigned.length - index));
    return new Map(sorted.map((step, index) => [step, assigned[index]]));
  });
  // Kills nobody's step landed in are dropped: each kill cuts into a step chosen for it.
  const used = [...new Set(kills.flatMap((steps) => [...steps.values()]))].sort((a, b) => a - b);
  return { kills: kills.map((steps) => new Map([...steps].map(([step, kill]) => [step, used.indexOf(kill)]))), count: used.length };
}

/** How long after a kill's steps are sent the worker is killed, at most: the steps' workflow tasks are under way. */
const MAX_KILL_DELAY_MS = 300;

export interface KillRecord {
  kill: number;
  /** Milliseconds since the kills began. */
  at: number;
  steps: string[];
  delayMs: number;
  restartMs: number;
}

interface Arrival {
  label: string;
  action: () => Promise<unknown>;
  whileDown: boolean;
  settle(result: Promise<unknown>): void;
  settled: boolean;
}

/**
 * Kills the worker (SIGKILL) again and again and starts a new one each time. Kill k waits until every step chosen
 * for it has arrived, sends those steps at once, kills the worker a random moment later (a step `whileDown` is sent
 * once the worker is dead), starts the next worker, and only then lets the steps' scenarios go on. No kill happens
 * while a process is inside an activity whose timeout is too long for a test to wait out (`holdWhile`).
 */
export class WorkerKiller {
  private readonly arrivals: Arrival[][];
  private readonly wake: Array<() => void> = [];
  private readonly holds: Array<{ label: string; busy: () => Promise<boolean> }> = [];
  private aborted: unknown = null;
  readonly log: KillRecord[] = [];

  constructor(
    private worker: StewardProcess,
    private readonly startWorker: () => Promise<StewardProcess>,
    private readonly random: () => number,
    private readonly expected: number[],
  ) {
    this.arrivals = expected.map(() => []);
  }

  /** The worker running now. */
  get current(): StewardProcess {
    return this.worker;
  }

  /** A chosen step: resolves with the action's result once kill `kill` is over and the next worker runs. */
  arrive<T>(kill: number, label: string, action: () => Promise<T>, options: { whileDown?: boolean } = {}): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (this.aborted) {
        reject(this.aborted);
        return;
      }
      const arrival: Arrival = {
        label,
        action,
        whileDown: options.whileDown ?? false,
        settled: false,
        settle: (result) => {
          arrival.settled = true;
          (result as Promise<T>).then(resolve, reject);
        },
      };
      this.arrivals[kill].push(arrival);
      this.wake[kill]?.();
    });
  }

  /** No kill while `busy` answers true. */
  holdWhile(label: string, busy: () => Promise<boolean>): void {
    this.holds.push({ label, busy });
  }

  /** A scenario failed (its chosen steps will never arrive) or a kill could not happen: the kills stop, the steps waiting for one fail. */
  abort(error: unknown): void {
    this.aborted ??= error;
    for (const arrival of this.arrivals.flat()) if (!arrival.settled) arrival.settle(Promise.reject(new Error('the kills stopped', { cause: this.aborted })));
    this.wake.forEach((wake) => wake());
  }

  async run(): Promise<void> {
    try {
      await this.killAll();
    } catch (error) {
      this.abort(error);
      throw error;
    }
  }

  private async killAll(): Promise<void> {
    const began = Date.now();
    for (let kill = 0; kill < this.expected.length; kill += 1) {
      while (this.arrivals[kill].length < this.expected[kill] && !this.aborted) await new Promise<void>((resolve) => (this.wake[kill] = resolve));
      if (this.aborted) throw this.aborted;
      let holding: string[] = [];
      await eventually(
        async () => {
          holding = (await Promise.all(this.holds.map(async (hold) => ((await hold.busy()) ? [hold.label] : [])))).flat();
          return holding.length ? undefined : true;
        },
        90_000,
        100,
      ).catch(() => {
        throw new Error(`kill ${kill + 1} held for 90 s by: ${holding.join(', ')}`);
      });
      const steps = this.arrivals[kill];
      const sent = new Map(steps.filter((step) => !step.whileDown).map((step) => [step, step.action()]));
      sent.forEach((result) => result.catch(() => undefined));
      const delayMs = Math.round(this.random() * MAX_KILL_DELAY_MS);
      // The fault's timing, not a wait for state: the steps' workflow tasks are under way when the worker dies.
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      const at = Date.now() - began;
      await this.worker.kill();
      // A step sent while no worker runs (a start) returns without one; the others finish once the next worker runs.
      const whileDown = steps.filter((each) => each.whileDown).map((step) => [step, step.action()] as const);
      await Promise.allSettled(whileDown.map(([, result]) => result));
      whileDown.forEach(([step, result]) => sent.set(step, result));
      const restarting = Date.now();
      this.worker = await this.startWorker();
      this.log.push({ kill, at, steps: steps.map((step) => step.label), delayMs, restartMs: Date.now() - restarting });
      for (const step of steps) step.settle(sent.get(step)!);
    }
  }
}

/**
 * Runs one scenario's steps in their planned order: a step chosen for a kill goes through the killer, any other
 * runs at once. Whatever a step waits for (a task to open) is waited for before the step, so the step itself is
 * what reaches the process: the request the worker dies under.
 */
export class Stepper {
  private taken = 0;

  constructor(
    private readonly plan: ScenarioPlan,
    private readonly chosen: ReadonlyMap<number, number>,
    private readonly killer: WorkerKiller,
  ) {}

  step<T>(name: string, action: () => Promise<T>, options: { whileDown?: boolean } = {}): Promise<T> {
    const index = this.taken;
    if (this.plan.steps[index] !== name) throw new Error(`${this.plan.name}: step ${index + 1} is "${name}", planned "${this.plan.steps[index]}"`);
    this.taken += 1;
    const kill = this.chosen.get(index);
    return kill === undefined ? action() : this.killer.arrive(kill, `${this.plan.name}: ${name}`, action, options);
  }

  /** Every planned step was taken. */
  get finished(): boolean {
    return this.taken === this.plan.steps.length;
  }
}
