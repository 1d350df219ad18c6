/**
 * The adaptive limiter: its AIMD arithmetic (slow start, additive growth, halving on throttling, within bounds), and
 * the turns it grants each action within a caller's deadline.
 */

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  AdaptiveLimiter,
  DEFAULT_PACE,
  PaceDeadlineError,
  bucketCapacity,
  concurrencyFor,
  initialPace,
  nextRateAfterSuccess,
  nextRateAfterThrottling,
  refilled,
  type PaceState,
} from "../../provider/client/limiter";
import type { PaceMemory, RememberedPace } from "../../provider/client/paceMemory";

const params = DEFAULT_PACE;
const after = (state: Partial<PaceState>): PaceState => ({ ...initialPace(params), ...state });

describe("the AIMD arithmetic", () => {
  it("starts at the initial rate, or at the user's cap when one is set", () => {
    expect(initialPace(params).rate).toBe(params.initialRate);
    expect(initialPace(params, 3).rate).toBe(3);
  });

  it("in slow start, adds slowStartGain requests per second per success that waited for its turn", () => {
    expect(nextRateAfterSuccess(after({ rate: 20 }), params, true).rate).toBe(20 + params.slowStartGain);
  });

  it("after the first throttling, grows additively: about increasePerSecond per second of successes", () => {
    let state = after({ rate: 10, slowStart: false });
    for (let i = 0; i < 10; i++) state = nextRateAfterSuccess(state, params, true); // one second's worth at 10/s
    expect(state.rate).toBeGreaterThan(10 + params.increasePerSecond * 0.8);
    expect(state.rate).toBeLessThan(10 + params.increasePerSecond * 1.01);
  });

  it("does not grow on successes that did not wait: a pace nobody asked for proves nothing", () => {
    const state = after({ rate: 20 });
    expect(nextRateAfterSuccess(state, params, false)).toEqual(state);
  });

  it("never grows past the cap", () => {
    expect(nextRateAfterSuccess(after({ rate: 9.9 }), params, true, 10).rate).toBe(10);
    expect(nextRateAfterSuccess(after({ rate: params.maxRate }), params, true).rate).toBe(params.maxRate);
  });

  it("halves on throttling, ends slow start, and never goes below the minimum", () => {
    expect(nextRateAfterThrottling(after({ rate: 20 }), params, 5_000, 5_000)).toEqual({
      rate: 10,
      slowStart: false,
      lastDecreaseAt: 5_000,
    });
    expect(nextRateAfterThrottling(after({ rate: params.minRate }), params, 0, 0).rate).toBe(params.minRate);
  });

  it("decreases once for a burst of throttled answers: not again within the interval, nor for calls sent before the decrease", () => {
    const decreased = nextRateAfterThrottling(after({ rate: 20 }), params, 1_000, 1_000);
    expect(nextRateAfterThrottling(decreased, params, 1_100, 1_200).rate).toBe(10); // within the interval
    expect(nextRateAfterThrottling(decreased, params, 900, 2_500).rate).toBe(10); // sent at the old pace
    expect(nextRateAfterThrottling(decreased, params, 2_100, 2_200).rate).toBe(5);
  });

  it("keeps the rate within [minRate, ceiling] whatever the answers", () => {
    const event = fc.record({ throttled: fc.boolean(), waited: fc.boolean(), dt: fc.integer({ min: 0, max: 3_000 }) });
    fc.assert(
      fc.property(
        fc.array(event, { maxLength: 300 }),
        fc.option(fc.double({ min: 0.1, max: 500, noNaN: true }), { nil: undefined }),
        (events, cap) => {
          let state = initialPace(params, cap);
          let now = 0;
          for (const e of events) {
            now += e.dt;
            state = e.throttled
              ? nextRateAfterThrottling(state, params, now, now)
              : nextRateAfterSuccess(state, params, e.waited, cap);
            expect(state.rate).toBeGreaterThanOrEqual(Math.min(params.minRate, cap ?? Infinity));
            expect(state.rate).toBeLessThanOrEqual(cap ?? params.maxRate);
          }
        },
      ),
    );
  });

  it("allows one second's worth of calls in flight", () => {
    expect([0.5, 1, 9.2, 20].map(concurrencyFor)).toEqual([1, 1, 10, 20]);
  });

  it("holds in its bucket the burst the service took, at most one second's worth at the rate, at least one", () => {
    expect(bucketCapacity(400, 200)).toBe(200);
    expect(bucketCapacity(150, 200)).toBe(150);
    expect(bucketCapacity(400, 1)).toBe(1); // no evidence: turns spaced 1/rate apart
    expect(bucketCapacity(0.5, 200)).toBe(1);
  });

  it("fills the bucket at the rate, up to its capacity", () => {
    expect(refilled(0, 50, 100, 10)).toBe(5);
    expect(refilled(3, 1_000, 100, 10)).toBe(10);
    expect(refilled(0.5, -5, 100, 10)).toBe(0.5); // a clock that went back adds nothing
  });
});

/** A memory that recalls `pace` for every key. */
const remembering = (pace: RememberedPace): PaceMemory => ({ recall: () => pace, remember: () => {} });

/** Acquires `calls` turns of one action at once, answering each as soon as it is granted; when each was granted (ms from the start). */
async function grantTimes(limiter: AdaptiveLimiter, calls: number, options = {}): Promise<number[]> {
  const started = Date.now();
  return Promise.all(
    Array.from({ length: calls }, async () => {
      const permit = await limiter.acquire("GetAccount", { memoryKey: "k", ...options });
      const at = Date.now() - started;
      setImmediate(() => permit.release("ok"));
      return at;
    }),
  );
}

describe("AdaptiveLimiter", () => {
  it("spaces the turns of one action at its pace, and does not hold up another action", async () => {
    const limiter = new AdaptiveLimiter();
    const started = Date.now();
    const granted: number[] = [];
    await Promise.all(
      Array.from({ length: 6 }, async () => {
        const permit = await limiter.acquire("GetAccount", { cap: 50 });
        granted.push(Date.now() - started);
        permit.release("ok");
      }),
    );
    // 6 turns at 50/s: the last one 5 × 20 ms after the first.
    expect(granted[5]! - granted[0]!).toBeGreaterThanOrEqual(95);
    const other = Date.now();
    (await limiter.acquire("BindSecureMobilePhone", { cap: 50 })).release("ok");
    expect(Date.now() - other).toBeLessThan(15);
  });

  it("refuses a turn that would come after the caller's deadline, and grants the next caller", async () => {
    const limiter = new AdaptiveLimiter();
    const first = await limiter.acquire("GetAccount", { cap: 1 });
    first.release("ok");
    await expect(limiter.acquire("GetAccount", { cap: 1, deadline: Date.now() + 100 })).rejects.toBeInstanceOf(
      PaceDeadlineError,
    );
    expect(limiter.stats("GetAccount")).toMatchObject({ waiting: 0, inFlight: 0, granted: 1 });
  });

  it("sends at once the burst a remembered run proved, where a pace without one spaces the same calls", async () => {
    const withBurst = await grantTimes(
      new AdaptiveLimiter(params, Date.now, remembering({ rate: 200, slowStart: true, burst: 100 })),
      100,
    );
    const without = await grantTimes(
      new AdaptiveLimiter(params, Date.now, remembering({ rate: 200, slowStart: true })),
      100,
    );
    // Without: 99 gaps of at least 1/200 s (the rate grows on the way, so a bit less in all).
    expect(Math.max(...without)).toBeGreaterThan(250);
    // With: the window opens by one per answer from initialRate, a few round trips of this process.
    expect(Math.max(...withBurst)).toBeLessThan(150);
  });

  it("opens a burst from initialRate calls in flight, one more per call answered", async () => {
    const limiter = new AdaptiveLimiter(params, Date.now, remembering({ rate: 200, slowStart: true, burst: 100 }));
    const permits: { release(outcome: "ok"): void }[] = [];
    for (let i = 0; i < 50; i++) void limiter.acquire("GetAccount", { memoryKey: "k" }).then((p) => permits.push(p));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(limiter.stats("GetAccount")).toMatchObject({
      inFlight: params.initialRate,
      waiting: 50 - params.initialRate,
    });
    permits[0]!.release("ok");
    await new Promise((resolve) => setTimeout(resolve, 20));
    // The answered call's place and one more.
    expect(limiter.stats("GetAccount")).toMatchObject({ inFlight: params.initialRate + 1 });
    limiter.reset();
  });

  it("once throttling taught the quota, never grants more than one second's worth in any second, whatever the burst", async () => {
    const rate = 20;
    const limiter = new AdaptiveLimiter(params, Date.now, remembering({ rate, slowStart: false, burst: rate }));
    const times = await grantTimes(limiter, 2 * rate + 5, { cap: rate });
    for (const start of times)
      expect(times.filter((t) => t >= start && t < start + 1_000).length).toBeLessThanOrEqual(rate);
    expect(times.filter((t) => t < 100).length).toBe(rate); // the first second's worth at once
  });

  it("grows on a success while other calls wait for their turn, even if that call did not wait", async () => {
    const limiter = new AdaptiveLimiter();
    const first = await limiter.acquire("A"); // granted at once: it did not wait
    const second = limiter.acquire("A"); // waits 1/10 s for its turn
    first.release("ok");
    expect(limiter.stats("A")!.rate).toBe(params.initialRate + params.slowStartGain);
    (await second).release("ok");
  });

  it("counts throttled answers and slows down on them", async () => {
    const limiter = new AdaptiveLimiter();
    (await limiter.acquire("A")).release("throttled");
    expect(limiter.stats("A")).toMatchObject({
      rate: params.initialRate * params.decreaseFactor,
      throttled: 1,
      granted: 1,
    });
  });
});
