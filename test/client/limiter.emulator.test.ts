/**
 * Vending under the service's flow control: many members bound at once through one process's limiter,
 * against an emulator that answers Throttling.User beyond R requests per second per action. The real
 * retry policy (seconds of backoff), so this is what a stack of many bindings meets.
 */

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ResourceManagerClient } from "../../provider/client/resourceManager";
import { AdaptiveLimiter, processLimiter } from "../../provider/client/limiter";
import { DEFAULT_RETRY_POLICY } from "../../provider/client/retry";
import { ResourceManagerError } from "../../provider/client/errors";
import { fixtureAccounts, startEmulator, type RunningEmulator } from "../../emulator";
import { emulatorSettings } from "../support/emulator";

const N = Number(process.env.LIMITER_TEST_MEMBERS ?? 100);
/** R: requests per second the emulator accepts per action (the target scenario). */
const R = 10;

describe("the process limiter under the emulator's rate limit", () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator({ site: "china" });
  });
  afterAll(async () => {
    processLimiter.reset();
    await emulator?.close();
  });

  /**
   * What create does per member: a client of its own (as BindingLifecycle makes one per call), GetAccount,
   * then one bind (by inheritance: no code needed). With no limiter given, the clients share the process's.
   */
  async function vend(prefix: string) {
    const client = () =>
      new ResourceManagerClient(emulatorSettings(emulator, "china"), { retryPolicy: DEFAULT_RETRY_POLICY });
    const ids = Array.from(
      { length: N },
      (_, i) => emulator.directory.addResourceAccount({ displayName: `${prefix}-${i}` }).AccountId,
    );
    emulator.calls.reset();
    const started = Date.now();
    const results = await Promise.allSettled(
      ids.map(async (accountId) => {
        await client().getMemberPhoneStatus(accountId);
        await client().bindSecureMobilePhone({ accountId, inheritSecureMobilePhoneFrom: "ManagementAccount" });
      }),
    );
    const seconds = (Date.now() - started) / 1000;
    const calls = emulator.calls.entries;
    const throttled = calls.filter((c) => c.code.includes("Throttling")).length;
    const failures = results.filter((r) => r.status === "rejected");
    console.log(
      `limiter: N=${N} in ${seconds.toFixed(1)} s, ${calls.length} calls, ${throttled} throttled (${((100 * throttled) / calls.length).toFixed(1)}%), ${failures.length} failures`,
    );
    return { ids, seconds, calls: calls.length, throttled, failures };
  }

  it(`binds ${N} members through one pace per process, with no failure and at most 10% throttled answers`, async () => {
    emulator.rateLimit.set({ "*": R });
    const run = await vend("paced");
    emulator.rateLimit.set({});
    expect(run.failures).toEqual([]);
    for (const id of run.ids) expect(emulator.directory.phoneOf(id)).toBeDefined();
    expect(run.throttled / run.calls).toBeLessThanOrEqual(0.1);
    // Every client counted its throttled answers into the one pace of the action.
    const bindPace = processLimiter.stats(`${emulator.url} BindSecureMobilePhone`);
    const getPace = processLimiter.stats(`${emulator.url} GetAccount`);
    expect((bindPace?.throttled ?? 0) + (getPace?.throttled ?? 0)).toBe(run.throttled);
    expect(bindPace?.granted).toBe(emulator.calls.count("BindSecureMobilePhone"));
  }, 120_000);

  it("keeps the time bound of a call whose retries wait for turns, ending with the service's answer", async () => {
    emulator.calls.reset();
    emulator.faults.inject({ action: "GetAccount", kind: "throttling", times: 1_000 });
    // One turn per second (the user's cap), halved to one per 2 s by the first throttled answer, and a 3 s
    // bound: the first retry gets its turn at 2 s, the second would get it at 4 s, past the bound, so the
    // call ends there.
    const policy = { maxAttempts: 100, initialDelayMs: 5, maxDelayMs: 5, totalTimeoutMs: 3_000 };
    const settings = { ...emulatorSettings(emulator, "china"), maxRequestsPerSecond: 1 };
    const client = new ResourceManagerClient(settings, { limiter: new AdaptiveLimiter(), retryPolicy: policy });
    const started = Date.now();
    const error = await client.getMemberPhoneStatus(fixtureAccounts.unbound).catch((e: unknown) => e);
    emulator.faults.clear();
    expect(error).toBeInstanceOf(ResourceManagerError);
    expect((error as ResourceManagerError).code).toBe("Throttling.User");
    expect(emulator.calls.count("GetAccount")).toBe(2);
    expect(Date.now() - started).toBeLessThan(policy.totalTimeoutMs);
  });
});
