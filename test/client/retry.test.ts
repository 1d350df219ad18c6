/**
 * The retry policy: which failures are retried (and which may have run in the service), the capped backoff, and the
 * bounds on attempts and time.
 */

import { describe, expect, it } from "vitest";
import { ResourceManagerError } from "../../provider/client/errors";
import { DEFAULT_RETRY_POLICY, backoffDelay, classifyFailure, withRetries } from "../../provider/client/retry";

const serviceError = (code: string, status: number) =>
  new ResourceManagerError(code, "GetAccount", "service", code, "R", status);

describe("classifyFailure", () => {
  it.each([
    ["Throttling", 503, true, false],
    ["Throttling.User", 400, true, false],
    ["Throttling.Api", 400, true, false],
    ["ServiceUnavailable", 503, true, true],
    ["InternalError", 500, true, true],
    ["AccountSecureMobileAlreadyExists", 409, false, false],
    ["SignatureDoesNotMatch", 400, false, false],
  ])("%s (HTTP %i): retryable %s, ambiguous %s", (code, status, retryable, ambiguous) => {
    expect(classifyFailure(serviceError(code, status))).toEqual({ retryable, ambiguous });
  });

  it("treats a lost answer and a non-JSON page as retryable but ambiguous, a refused connection as plain retryable", () => {
    expect(classifyFailure(new ResourceManagerError("", "A", "lost", "ECONNRESET", undefined, undefined))).toEqual({
      retryable: true,
      ambiguous: true,
    });
    expect(classifyFailure(new ResourceManagerError("", "A", "malformed", undefined, undefined, undefined))).toEqual({
      retryable: true,
      ambiguous: true,
    });
    expect(
      classifyFailure(new ResourceManagerError("", "A", "transport", "ECONNREFUSED", undefined, undefined)),
    ).toEqual({ retryable: true, ambiguous: false });
    expect(classifyFailure(new Error("anything else"))).toEqual({ retryable: false, ambiguous: false });
  });
});

describe("backoffDelay", () => {
  it("doubles from the initial delay, is capped, and keeps half of each step fixed", () => {
    const lowest = (n: number) => backoffDelay(n, DEFAULT_RETRY_POLICY, () => 0);
    const highest = (n: number) => backoffDelay(n, DEFAULT_RETRY_POLICY, () => 1);
    expect([1, 2, 3, 4, 5, 6].map(highest)).toEqual([1_000, 2_000, 4_000, 8_000, 10_000, 10_000]);
    expect([1, 2, 3].map(lowest)).toEqual([500, 1_000, 2_000]);
  });
});

describe("withRetries", () => {
  it("stops before the time bound would be passed", async () => {
    let clock = 0;
    let attempts = 0;
    const sleeps: number[] = [];
    const policy = { maxAttempts: 1_000, initialDelayMs: 1_000, maxDelayMs: 4_000, totalTimeoutMs: 10_000 };
    await expect(
      withRetries(
        async () => {
          attempts++;
          throw serviceError("Throttling.User", 400);
        },
        policy,
        { now: () => clock, sleep: async (ms) => void ((clock += ms), sleeps.push(ms)) },
      ),
    ).rejects.toMatchObject({ code: "Throttling.User" });
    expect(sleeps.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(policy.totalTimeoutMs);
    expect(attempts).toBe(sleeps.length + 1);
    expect(attempts).toBeGreaterThan(2);
  });

  it("stops after maxAttempts even when no time passes", async () => {
    let attempts = 0;
    const policy = { maxAttempts: 4, initialDelayMs: 1, maxDelayMs: 1, totalTimeoutMs: 60_000 };
    await expect(
      withRetries(
        async () => {
          attempts++;
          throw serviceError("ServiceUnavailable", 503);
        },
        policy,
        { now: () => 0, sleep: async () => undefined },
      ),
    ).rejects.toMatchObject({ code: "ServiceUnavailable" });
    expect(attempts).toBe(4);
  });

  it("does not retry a local failure (wrong host name, bad certificate, a bug)", async () => {
    let attempts = 0;
    await expect(
      withRetries(async () => {
        attempts++;
        throw new ResourceManagerError("", "GetAccount", "local", "ENOTFOUND", undefined, undefined);
      }, DEFAULT_RETRY_POLICY),
    ).rejects.toMatchObject({ code: "ENOTFOUND" });
    expect(attempts).toBe(1);
  });
});
