/**
 * Paces every call of a provider process, per action, so that a stack vending hundreds of members goes as
 * fast as the service's flow control allows without tripping it. Alibaba Cloud throttles per caller and
 * API, counting requests per second; so the pace is a rate (requests per second), learnt by additive
 * increase and multiplicative decrease (AIMD) on `Throttling*` answers, like TCP's congestion window:
 *
 * - it starts at `initialRate` (10/s) and, until the first throttling, adds `slowStartGain` (2) requests
 *   per second per success, tripling each second at full pace ("slow start", like TCP's, but faster:
 *   a refresh of 200 bindings asks for 200 GetAccounts at once, and a cold pace is what it waits for);
 * - after that it adds about `increasePerSecond` (2) each second of successes, and multiplies by
 *   `decreaseFactor` (0.5) on a throttling, at most once per `decreaseIntervalMs` (1 s: the service counts
 *   per second, so requests sent just after a decrease can still meet the same full window);
 * - it grows only while calls wait for their turn (demand above the pace): successes at a pace nobody
 *   asked for prove nothing (RFC 7661's idea);
 * - at most one second's worth of requests (ceil(rate)) is in flight per action, so a slow service
 *   slows the pace too;
 * - `maxRequestsPerSecond` (a setting) caps the rate, and is where it starts: users who know their
 *   quota lose nothing to probing.
 *
 * The arithmetic is pure (nextRateAfter*); the scheduler below holds the clock, the queue and the timers.
 */

export interface PaceParameters {
  /** Requests per second per action at the start, when no cap is set. */
  initialRate: number;
  minRate: number;
  /** Ceiling when no cap is set. */
  maxRate: number;
  /** Until the first throttling: how much each success that waited adds (1: doubling each second, 2: tripling). */
  slowStartGain: number;
  /** After the first throttling: how much the rate grows per second of successes at full pace. */
  increasePerSecond: number;
  /** On throttling: rate × this. */
  decreaseFactor: number;
  /** At most one decrease per this long. */
  decreaseIntervalMs: number;
}

export const DEFAULT_PACE: PaceParameters = {
  initialRate: 10,
  minRate: 0.5,
  maxRate: 1_000,
  slowStartGain: 2,
  increasePerSecond: 2,
  decreaseFactor: 0.5,
  decreaseIntervalMs: 1_000,
};

export interface PaceState {
  /** Requests per second. */
  rate: number;
  /** True until the first throttling. */
  slowStart: boolean;
  /** When the rate was last decreased (ms epoch); -Infinity when never. */
  lastDecreaseAt: number;
}

export function initialPace(params: PaceParameters, cap?: number): PaceState {
  return { rate: cap ?? params.initialRate, slowStart: true, lastDecreaseAt: -Infinity };
}

/** The ceiling of the rate: the user's cap when set, else the parameters' own. */
export function ceilingOf(params: PaceParameters, cap?: number): number {
  return cap ?? params.maxRate;
}

/**
 * A call answered without throttling. `waited`: it had to wait for its turn, so demand was above the pace
 * and the success is evidence the pace can grow.
 */
export function nextRateAfterSuccess(
  state: PaceState,
  params: PaceParameters,
  waited: boolean,
  cap?: number,
): PaceState {
  if (!waited) return state;
  const step = state.slowStart ? params.slowStartGain : params.increasePerSecond / state.rate;
  return { ...state, rate: Math.min(ceilingOf(params, cap), state.rate + step) };
}

/**
 * A call answered with throttling. `sentAt`: when it was sent; a call sent before the last decrease
 * speaks of the old pace, and one decrease per interval is enough for a burst of them.
 */
export function nextRateAfterThrottling(
  state: PaceState,
  params: PaceParameters,
  sentAt: number,
  now: number,
): PaceState {
  if (sentAt < state.lastDecreaseAt || now - state.lastDecreaseAt < params.decreaseIntervalMs) {
    return { ...state, slowStart: false };
  }
  // Never below the minimum, nor below a cap that is itself lower (a user's 0.2/s).
  const floor = Math.min(params.minRate, state.rate);
  return { rate: Math.max(floor, state.rate * params.decreaseFactor), slowStart: false, lastDecreaseAt: now };
}

/** How many calls of an action may be in flight at once: one second's worth. */
export function concurrencyFor(rate: number): number {
  return Math.max(1, Math.ceil(rate));
}

/** What a granted call reports back when it ends. */
export type CallOutcome = "ok" | "throttled" | "failed";

export interface Permit {
  /** Call exactly once when the attempt has ended. */
  release(outcome: CallOutcome): void;
}

/** Thrown by acquire when the turn would come after the caller's deadline (its retry time bound). */
export class PaceDeadlineError extends Error {
  constructor(readonly key: string) {
    super(`no turn for ${key} before the call's time bound`);
    this.name = "PaceDeadlineError";
  }
}

export interface AcquireOptions {
  /** Requests per second this action must not exceed (the maxRequestsPerSecond setting). */
  cap?: number;
  /** ms epoch: refuse (PaceDeadlineError) rather than grant a turn later than this. */
  deadline?: number;
}

interface Waiter {
  enqueuedAt: number;
  deadline?: number;
  grant(permit: Permit): void;
  refuse(error: Error): void;
}

/** One action's pace, queue and calls in flight. */
class ActionPace {
  state: PaceState;
  cap: number | undefined;
  nextSlotAt = -Infinity;
  inFlight = 0;
  readonly queue: Waiter[] = [];
  timer: NodeJS.Timeout | undefined;

  constructor(params: PaceParameters, cap: number | undefined) {
    this.state = initialPace(params, cap);
    this.cap = cap;
  }

  rate(params: PaceParameters): number {
    return Math.min(this.state.rate, ceilingOf(params, this.cap));
  }
}

export interface PaceStats {
  rate: number;
  inFlight: number;
  waiting: number;
  throttled: number;
  granted: number;
}

export class AdaptiveLimiter {
  private readonly actions = new Map<string, ActionPace>();
  private readonly counts = new Map<string, { throttled: number; granted: number }>();

  constructor(
    private readonly params: PaceParameters = DEFAULT_PACE,
    private readonly now: () => number = Date.now,
  ) {}

  /** Waits for this action's turn. `key` names the action (and the endpoint, so two services never share a pace). */
  acquire(key: string, options: AcquireOptions = {}): Promise<Permit> {
    const pace = this.paceOf(key, options.cap);
    return new Promise<Permit>((grant, refuse) => {
      pace.queue.push({ enqueuedAt: this.now(), deadline: options.deadline, grant, refuse });
      this.pump(key, pace);
    });
  }

  stats(key: string): PaceStats | undefined {
    const pace = this.actions.get(key);
    if (!pace) return undefined;
    const counts = this.counts.get(key) ?? { throttled: 0, granted: 0 };
    return { rate: pace.rate(this.params), inFlight: pace.inFlight, waiting: pace.queue.length, ...counts };
  }

  /** Forgets every pace (tests; a new stack run starts afresh anyway, in a new process). */
  reset(): void {
    for (const pace of this.actions.values()) if (pace.timer) clearTimeout(pace.timer);
    this.actions.clear();
    this.counts.clear();
  }

  private paceOf(key: string, cap: number | undefined): ActionPace {
    let pace = this.actions.get(key);
    if (!pace) {
      pace = new ActionPace(this.params, cap);
      this.actions.set(key, pace);
    }
    pace.cap = cap;
    return pace;
  }

  /** Grants turns in order while the pace and the in-flight bound allow; otherwise sets a timer for the next. */
  private pump(key: string, pace: ActionPace): void {
    if (pace.timer) return; // a timer is due to pump already
    while (pace.queue.length > 0 && pace.inFlight < concurrencyFor(pace.rate(this.params))) {
      const now = this.now();
      const head = pace.queue[0]!;
      const slot = Math.max(now, pace.nextSlotAt);
      if (head.deadline !== undefined && slot > head.deadline) {
        pace.queue.shift();
        head.refuse(new PaceDeadlineError(key));
        continue;
      }
      if (slot > now) {
        pace.timer = setTimeout(
          () => {
            pace.timer = undefined;
            this.pump(key, pace);
          },
          Math.ceil(slot - now),
        );
        // A paced call must not keep a finished process alive on its own.
        pace.timer.unref?.();
        return;
      }
      pace.queue.shift();
      pace.inFlight += 1;
      pace.nextSlotAt = now + 1_000 / pace.rate(this.params);
      // Demand above the pace: this call waited, or others wait behind it.
      const waited = now > head.enqueuedAt || pace.queue.length > 0;
      head.grant(this.permit(key, pace, now, waited));
    }
  }

  private permit(key: string, pace: ActionPace, sentAt: number, waited: boolean): Permit {
    let released = false;
    const counts = this.counts.get(key) ?? { throttled: 0, granted: 0 };
    this.counts.set(key, counts);
    counts.granted += 1;
    return {
      release: (outcome) => {
        if (released) return;
        released = true;
        pace.inFlight -= 1;
        if (outcome === "ok") pace.state = nextRateAfterSuccess(pace.state, this.params, waited, pace.cap);
        if (outcome === "throttled") {
          counts.throttled += 1;
          pace.state = nextRateAfterThrottling(pace.state, this.params, sentAt, this.now());
        }
        this.pump(key, pace);
      },
    };
  }
}

/**
 * The one limiter of this process. The dynamic-provider host loads the provider once per process and
 * calls it for every binding of the stack, so a module-level instance is shared by all of them.
 */
export const processLimiter = new AdaptiveLimiter();
