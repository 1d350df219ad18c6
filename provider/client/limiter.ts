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
 * - it grows only while calls wait for their turn (demand above the pace: the call answered waited, or
 *   others wait when it is answered): successes at a pace nobody asked for prove nothing (RFC 7661's idea);
 * - once throttled, no more than the rate's worth of calls is granted in any one second;
 * - at most one second's worth of requests (ceil(rate)) is in flight per action, so a slow service
 *   slows the pace too;
 * - turns come from a token bucket filled at the rate, which holds at most `burst` of them: the most calls
 *   the service answered without throttling within one second (this run's, or a remembered run's). With
 *   no such evidence it holds one, and turns are spaced 1/rate apart; with it, a refresh of 200 bindings
 *   that the service took in one second before is sent at once instead of spread over 200/rate seconds
 *   (the service counts requests per second, so a burst it accepted costs it nothing more). A burst is
 *   opened like TCP's congestion window, not all at once: `initialRate` calls in flight, one more per
 *   call answered, halved on throttling, so a quota lowered since the remembered run is met after the
 *   first few calls, not after the whole burst;
 * - `maxRequestsPerSecond` (a setting) caps the rate, and is where it starts: users who know their
 *   quota lose nothing to probing;
 * - with a memory (paceMemory.ts; the process's limiter has one), a pace starts where the last run left it
 *   for the same account, endpoint and action instead of at `initialRate`: the rate it reached, at most
 *   twice the most calls it actually granted in one second (so a rate grown on a short burst is not taken
 *   for proven), and still in slow start unless it met throttling; and the burst it proved. It backs off on
 *   throttling as ever.
 *
 * The arithmetic is pure (nextRateAfter*, recalledPace, paceToRemember, bucketCapacity, refilled); the
 * scheduler below holds the clock, the queue, the timers and the memory.
 */

import { paceMemoryFromEnvironment, type PaceMemory, type RememberedPace } from "./paceMemory";

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

/**
 * Where a pace starts given what the last run left (none: initialPace). The user's cap is their quota: a
 * remembered pace lowers the start below it only when it was learnt from throttling.
 */
export function recalledPace(params: PaceParameters, recalled: RememberedPace | undefined, cap?: number): PaceState {
  if (!recalled || (cap !== undefined && recalled.slowStart)) return initialPace(params, cap);
  const ceiling = ceilingOf(params, cap);
  // Unthrottled, the burst the service took in one second is a rate it proved.
  const proved = recalled.slowStart ? Math.max(recalled.rate, recalled.burst ?? 0) : recalled.rate;
  const rate = Math.min(ceiling, Math.max(Math.min(params.minRate, ceiling), proved));
  return { rate, slowStart: recalled.slowStart, lastDecreaseAt: -Infinity };
}

/**
 * What to remember of a pace: its rate, but at most twice the most calls granted in one second (`proven`),
 * and never less than initialRate on that account (slow start from there is what a cold start does anyway),
 * unless throttling taught a lower rate. A throttled pace saws between half the quota and the quota; the
 * next run starts at the larger of its rate and `PEAK_SHARE` of the rate it had when last throttled (`peak`,
 * about the quota), as TCP keeps ssthresh: near the quota, not wherever the last halving left it. And
 * `burst`, the most calls the service answered without throttling in one second, when more than one.
 */
export function paceToRemember(
  state: PaceState,
  params: PaceParameters,
  proven: number,
  peak = 0,
  burst = 0,
): RememberedPace {
  const bound = Math.max(params.initialRate, 2 * proven);
  const rate = state.slowStart ? state.rate : Math.max(state.rate, PEAK_SHARE * peak);
  const remembered: RememberedPace = { rate: Math.min(rate, bound), slowStart: state.slowStart };
  if (burst > 1) remembered.burst = burst;
  return remembered;
}

/**
 * The burst a pace may take at once: what the service was seen to answer without throttling within one
 * second, never more than one second's worth at the rate, at least one call.
 */
export function bucketCapacity(rate: number, burst: number): number {
  return Math.max(1, Math.min(Math.floor(rate), Math.floor(burst)));
}

/** The bucket's tokens `elapsedMs` after it held `tokens`, filled at `rate` per second up to `capacity`. */
export function refilled(tokens: number, elapsedMs: number, rate: number, capacity: number): number {
  return Math.min(capacity, tokens + (Math.max(0, elapsedMs) * rate) / 1_000);
}

/** Drops from `times` (ascending, ms epoch) those a second or more before `now`. */
function keepLastSecond(times: number[], now: number): void {
  while (times.length > 0 && times[0]! <= now - 1_000) times.shift();
}

/** Of the rate a pace had when it was last throttled, the share the next run starts at. */
export const PEAK_SHARE = 0.8;

/**
 * Whether a pace moved enough since it was last written (by half, out of slow start, or its burst doubled)
 * to write it again:
 * about ten writes for a pace that grows from 10 to 1000 requests/s (a write by a fifth cost 30 ms of a
 * loaded machine's up of 200 bindings), one per halving.
 */
export function worthRemembering(next: RememberedPace, last: RememberedPace | undefined): boolean {
  if (!last) return true;
  // The burst is a lower bound of what the service takes: remembering it up to half short is safe.
  const burstGrew = (next.burst ?? 1) >= 2 * (last.burst ?? 1);
  return next.slowStart !== last.slowStart || Math.abs(next.rate - last.rate) >= 0.5 * last.rate || burstGrew;
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
  /** Where the limiter's memory keeps this pace between runs (paceMemoryKey: account, endpoint, action). */
  memoryKey?: string;
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
  inFlight = 0;
  readonly queue: Waiter[] = [];
  timer: NodeJS.Timeout | undefined;
  /** When the calls of the last second were granted, and the most granted in any one second. */
  readonly recentGrants: number[] = [];
  proven = 0;
  /** The rate this pace had when a throttling last decreased it (about the quota). */
  peak = 0;
  /** What was last written to the memory for this pace. */
  remembered: RememberedPace | undefined;
  /** The turns in the bucket, as of `tokensAt`. */
  tokens: number;
  tokensAt: number;
  /** Calls in flight allowed now: opened by one per call answered, halved on throttling. */
  window: number;
  /** When the calls answered without throttling in the last second were sent, and the most in one second. */
  readonly recentSuccesses: number[] = [];
  provenBurst = 0;
  metThrottling = false;
  /** The burst the run this pace started from proved. */
  readonly recalledBurst: number;

  constructor(
    readonly params: PaceParameters,
    cap: number | undefined,
    readonly memoryKey: string | undefined,
    recalled: RememberedPace | undefined,
    now: number,
  ) {
    this.state = recalledPace(params, recalled, cap);
    this.cap = cap;
    this.remembered = recalled;
    this.recalledBurst = recalled?.burst ?? 0;
    // A new process comes after a pause: the bucket starts full.
    this.tokens = this.capacity();
    this.tokensAt = now;
    this.window = params.initialRate;
  }

  /** Counts a grant at `now` into the calls of the last second. */
  granted(now: number): void {
    this.recentGrants.push(now);
    keepLastSecond(this.recentGrants, now);
    this.proven = Math.max(this.proven, this.recentGrants.length);
  }

  /** Counts a call sent at `sentAt` and answered without throttling at `now`: evidence of the burst the service takes. */
  succeeded(sentAt: number, now: number): void {
    // Answers come back about in the order the calls were sent: insert from the end.
    let at = this.recentSuccesses.length;
    while (at > 0 && this.recentSuccesses[at - 1]! > sentAt) at -= 1;
    this.recentSuccesses.splice(at, 0, sentAt);
    keepLastSecond(this.recentSuccesses, now);
    this.provenBurst = Math.max(this.provenBurst, this.recentSuccesses.length);
    // Before any throttling, the service taking this many in one second is a rate it has proved.
    if (this.state.slowStart && this.state.rate < this.provenBurst) {
      this.state = { ...this.state, rate: Math.min(ceilingOf(this.params, this.cap), this.provenBurst) };
    }
    this.window = Math.min(this.window + 1, concurrencyFor(this.params.maxRate));
  }

  /** A throttling that decreased the rate. */
  throttled(): void {
    this.metThrottling = true;
    this.window = Math.max(1, Math.floor(this.window * this.params.decreaseFactor));
  }

  rate(): number {
    return Math.min(this.state.rate, ceilingOf(this.params, this.cap));
  }

  /**
   * The burst the service has shown it takes in one second: the larger of this run's and the remembered
   * run's, or only this run's once it met throttling (the quota may have been lowered since).
   */
  burst(): number {
    return this.metThrottling ? this.provenBurst : Math.max(this.provenBurst, this.recalledBurst);
  }

  capacity(): number {
    return bucketCapacity(this.rate(), this.burst());
  }

  /** Calls that may be in flight now. */
  concurrency(): number {
    return Math.min(concurrencyFor(this.rate()), this.window);
  }

  /**
   * The earliest time a turn may be granted: when the bucket holds one; and, once throttling has taught the
   * quota, when no more than the rate's worth were granted in the last second (a full bucket after a pause
   * must not add a second's worth to a rate that is about the quota). In slow start the rate is a lower
   * bound still being raised: the bucket and the rate alone pace it, as they probe.
   */
  nextTurnAt(now: number): number {
    this.tokens = refilled(this.tokens, now - this.tokensAt, this.rate(), this.capacity());
    this.tokensAt = now;
    const byBucket = this.tokens >= 1 ? now : now + ((1 - this.tokens) * 1_000) / this.rate();
    if (this.state.slowStart) return byBucket;
    // ceil, as spacing at a fractional rate lets that many into some seconds: the bound takes nothing from it.
    const perSecond = concurrencyFor(this.rate());
    const recent = this.recentGrants;
    keepLastSecond(recent, now);
    const bySecond = recent.length < perSecond ? now : recent[recent.length - perSecond]! + 1_000;
    return Math.max(byBucket, bySecond);
  }

  toRemember(): RememberedPace {
    return paceToRemember(this.state, this.params, this.proven, this.peak, this.burst());
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
    /** Where paces start and are kept between runs; none: every pace starts cold. */
    private readonly memory?: PaceMemory,
  ) {}

  /** Waits for this action's turn. `key` names the action (and the endpoint, so two services never share a pace). */
  acquire(key: string, options: AcquireOptions = {}): Promise<Permit> {
    const pace = this.paceOf(key, options.cap, options.memoryKey);
    return new Promise<Permit>((grant, refuse) => {
      pace.queue.push({ enqueuedAt: this.now(), deadline: options.deadline, grant, refuse });
      this.pump(key, pace);
    });
  }

  stats(key: string): PaceStats | undefined {
    const pace = this.actions.get(key);
    if (!pace) return undefined;
    const counts = this.counts.get(key) ?? { throttled: 0, granted: 0 };
    return { rate: pace.rate(), inFlight: pace.inFlight, waiting: pace.queue.length, ...counts };
  }

  /** Forgets every pace (tests; a new stack run starts afresh anyway, in a new process). */
  reset(): void {
    for (const pace of this.actions.values()) if (pace.timer) clearTimeout(pace.timer);
    this.actions.clear();
    this.counts.clear();
  }

  private paceOf(key: string, cap: number | undefined, memoryKey: string | undefined): ActionPace {
    let pace = this.actions.get(key);
    if (!pace) {
      const recalled = memoryKey && this.memory ? this.memory.recall(memoryKey) : undefined;
      pace = new ActionPace(this.params, cap, memoryKey, recalled, this.now());
      this.actions.set(key, pace);
    }
    pace.cap = cap;
    return pace;
  }

  /** Grants turns in order while the pace and the in-flight bound allow; otherwise sets a timer for the next. */
  private pump(key: string, pace: ActionPace): void {
    if (pace.timer) return; // a timer is due to pump already
    while (pace.queue.length > 0 && pace.inFlight < pace.concurrency()) {
      const now = this.now();
      const head = pace.queue[0]!;
      const slot = pace.nextTurnAt(now);
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
      pace.tokens -= 1;
      pace.granted(now);
      // Demand above the pace: this call waited, or others wait behind it.
      const waited = now > head.enqueuedAt || pace.queue.length > 0;
      head.grant(this.permit(key, pace, now, waited));
    }
  }

  /** Writes the pace to the memory when it moved enough since the last write (a few writes a run). */
  private remember(pace: ActionPace): void {
    if (!this.memory || !pace.memoryKey) return;
    const next = pace.toRemember();
    if (!worthRemembering(next, pace.remembered)) return;
    pace.remembered = next;
    this.memory.remember(pace.memoryKey, next);
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
        if (outcome === "ok") {
          // Demand above the pace: this call waited for its turn, or others wait for theirs now.
          const limited = waited || pace.queue.length > 0;
          pace.state = nextRateAfterSuccess(pace.state, this.params, limited, pace.cap);
          pace.succeeded(sentAt, this.now());
        }
        if (outcome === "throttled") {
          counts.throttled += 1;
          const before = pace.state;
          pace.state = nextRateAfterThrottling(pace.state, this.params, sentAt, this.now());
          if (pace.state.lastDecreaseAt !== before.lastDecreaseAt) {
            pace.peak = before.rate;
            pace.throttled();
          }
        }
        if (outcome !== "failed") this.remember(pace);
        this.pump(key, pace);
      },
    };
  }
}

/**
 * The one limiter of this process. The dynamic-provider host loads the provider once per process and
 * calls it for every binding of the stack, so a module-level instance is shared by all of them. Its paces
 * start where the last run left them (paceMemory.ts), unless ALICLOUD_SECURE_PHONE_PACE_DIR is `off`.
 */
export const processLimiter = new AdaptiveLimiter(DEFAULT_PACE, Date.now, paceMemoryFromEnvironment());
