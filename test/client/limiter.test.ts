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
  concurrencyFor,
  initialPace,
  nextRateAfterSuccess,
  nextRateAfterThrottling,
  type PaceState,
} from "../../provider/client/limiter";

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
});

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
