/**
 * The emulator's flow control: R requests per second per action, `*` for every other action, none when the set is
 * empty.
 */

import { describe, expect, it } from "vitest";
import { RateLimiter } from "../../emulator/internal";

describe("the emulator's flow control", () => {
  it("accepts R requests of an action in any second and refuses the rest, per action", () => {
    const limiter = new RateLimiter({ BindSecureMobilePhone: 3 });
    const at = (ms: number) => limiter.refuses("BindSecureMobilePhone", ms);
    expect([at(0), at(100), at(200), at(300), at(999)]).toEqual([false, false, false, true, true]);
    expect(limiter.refuses("GetAccount", 300)).toBe(false); // not limited
    // A sliding window: the request at 0 leaves it at 1000, the one at 100 at 1100.
    expect([at(1000), at(1001), at(1100)]).toEqual([false, true, false]);
  });

  it("applies `*` to every action without a limit of its own, each counted apart", () => {
    const limiter = new RateLimiter({ "*": 1, GetAccount: 2 });
    expect([limiter.refuses("BindSecureMobilePhone", 0), limiter.refuses("BindSecureMobilePhone", 1)]).toEqual([
      false,
      true,
    ]);
    expect([
      limiter.refuses("CreateResourceAccount", 1),
      limiter.refuses("GetAccount", 1),
      limiter.refuses("GetAccount", 2),
      limiter.refuses("GetAccount", 3),
    ]).toEqual([false, false, false, true]);
  });

  it("turns off with an empty set, and refuses nonsense limits", () => {
    const limiter = new RateLimiter({ "*": 1 });
    limiter.set({});
    expect([0, 1, 2].map((ms) => limiter.refuses("GetAccount", ms))).toEqual([false, false, false]);
    expect(() => limiter.set({ GetAccount: 0 })).toThrow(/positive/);
  });
});
