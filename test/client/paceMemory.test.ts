/**
 * The pace's memory between runs (paceMemory.ts and the limiter's use of it): a pace starts where the last
 * run left it for the same account, endpoint and action, bounded by what that run proved; a record holds no
 * secret, survives writers racing each other whole, and counts as none when malformed or old; throttling
 * still halves a remembered pace.
 */

import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  AdaptiveLimiter,
  DEFAULT_PACE,
  PEAK_SHARE,
  paceToRemember,
  recalledPace,
  worthRemembering,
  type PaceParameters,
} from "../../provider/client/limiter";
import {
  PACE_MEMORY_MAX_AGE_MS,
  filePaceMemory,
  paceMemoryFromEnvironment,
  paceMemoryKey,
  type PaceMemory,
  type RememberedPace,
} from "../../provider/client/paceMemory";

const params = DEFAULT_PACE;
const scratch = () => mkdtempSync(join(tmpdir(), "pace-memory-"));

function mapMemory(): PaceMemory & { records: Map<string, RememberedPace>; writes: number } {
  const records = new Map<string, RememberedPace>();
  const memory = {
    records,
    writes: 0,
    recall: (key: string) => records.get(key),
    remember: (key: string, pace: RememberedPace) => {
      memory.writes += 1;
      records.set(key, pace);
    },
  };
  return memory;
}

describe("where a pace starts, and what is kept of it", () => {
  it("starts cold without a memory, where the last run left it with one, within [minRate, ceiling]", () => {
    expect(recalledPace(params, undefined)).toEqual({ rate: 10, slowStart: true, lastDecreaseAt: -Infinity });
    expect(recalledPace(params, { rate: 240, slowStart: true })).toEqual({
      rate: 240,
      slowStart: true,
      lastDecreaseAt: -Infinity,
    });
    expect(recalledPace(params, { rate: 7.5, slowStart: false }).slowStart).toBe(false);
    expect(recalledPace(params, { rate: 1e9, slowStart: true }).rate).toBe(params.maxRate);
    expect(recalledPace(params, { rate: 0.01, slowStart: false }).rate).toBe(params.minRate);
  });

  it("keeps the user's cap as the start unless the memory learnt throttling below it", () => {
    expect(recalledPace(params, { rate: 240, slowStart: true }, 50).rate).toBe(50);
    expect(recalledPace(params, { rate: 8, slowStart: false }, 50).rate).toBe(8);
    expect(recalledPace(params, { rate: 80, slowStart: false }, 50).rate).toBe(50);
  });

  it("remembers the rate, at most twice the most calls granted in one second, not below the initial rate", () => {
    const state = { rate: 410, slowStart: true, lastDecreaseAt: -Infinity };
    expect(paceToRemember(state, params, 130)).toEqual({ rate: 260, slowStart: true });
    expect(paceToRemember(state, params, 1)).toEqual({ rate: params.initialRate, slowStart: true });
    // Throttling taught a rate below the initial one: that is kept.
    expect(paceToRemember({ ...state, rate: 2, slowStart: false }, params, 3)).toEqual({ rate: 2, slowStart: false });
    // A throttled pace left halved starts near the rate it was throttled at, not at the half.
    expect(paceToRemember({ ...state, rate: 6, slowStart: false }, params, 10, 12)).toEqual({
      rate: 12 * PEAK_SHARE,
      slowStart: false,
    });
    expect(paceToRemember({ ...state, rate: 11, slowStart: false }, params, 10, 12).rate).toBe(11);
  });

  it("remembers the burst the service took in one second, when more than one call", () => {
    const state = { rate: 410, slowStart: true, lastDecreaseAt: -Infinity };
    expect(paceToRemember(state, params, 130, 0, 120)).toEqual({ rate: 260, slowStart: true, burst: 120 });
    expect(paceToRemember(state, params, 130, 0, 1)).toEqual({ rate: 260, slowStart: true });
  });

  it("writes again only when the pace moved by half or left slow start, or its burst doubled", () => {
    expect(worthRemembering({ rate: 10, slowStart: true, burst: 39 }, { rate: 10, slowStart: true, burst: 20 })).toBe(
      false,
    );
    expect(worthRemembering({ rate: 10, slowStart: true, burst: 40 }, { rate: 10, slowStart: true, burst: 20 })).toBe(
      true,
    );
    expect(worthRemembering({ rate: 10, slowStart: true, burst: 2 }, { rate: 10, slowStart: true })).toBe(true);
  });

  it("writes again only when the pace moved by half or left slow start", () => {
    expect(worthRemembering({ rate: 10, slowStart: true }, undefined)).toBe(true);
    expect(worthRemembering({ rate: 14.9, slowStart: true }, { rate: 10, slowStart: true })).toBe(false);
    expect(worthRemembering({ rate: 15, slowStart: true }, { rate: 10, slowStart: true })).toBe(true);
    expect(worthRemembering({ rate: 5, slowStart: false }, { rate: 10, slowStart: false })).toBe(true);
    expect(worthRemembering({ rate: 10, slowStart: false }, { rate: 10, slowStart: true })).toBe(true);
  });
});

describe("the limiter with a memory", () => {
  // A quick pace, so that a second's worth of calls takes a fraction of one.
  const quick: PaceParameters = { ...params, initialRate: 50, slowStartGain: 10 };
  const drive = async (limiter: AdaptiveLimiter, calls: number, outcome: "ok" | "throttled" = "ok") =>
    Promise.all(
      Array.from({ length: calls }, async () =>
        (await limiter.acquire("GetAccount", { memoryKey: "k" })).release(outcome),
      ),
    );

  it("a new process starts where the last left the same key, bounded by what it proved, in a few writes", async () => {
    const memory = mapMemory();
    const first = new AdaptiveLimiter(quick, Date.now, memory);
    await drive(first, 60);
    const learnt = first.stats("GetAccount")!.rate;
    const kept = memory.records.get("k")!;
    expect(learnt).toBeGreaterThan(500); // slow start on 60 calls that waited
    expect(kept.slowStart).toBe(true);
    expect(kept.rate).toBeGreaterThanOrEqual(quick.initialRate * 1.5);
    expect(kept.rate).toBeLessThanOrEqual(2 * 60);
    expect(memory.writes).toBeLessThan(8);

    const second = new AdaptiveLimiter(quick, Date.now, memory);
    (await second.acquire("GetAccount", { memoryKey: "k" })).release("ok");
    expect(second.stats("GetAccount")!.rate).toBeCloseTo(kept.rate);
    // Another key, or none: cold.
    (await second.acquire("BindSecureMobilePhone", { memoryKey: "other" })).release("ok");
    expect(second.stats("BindSecureMobilePhone")!.rate).toBe(quick.initialRate);
  });

  it("halves a remembered pace on throttling and remembers that it met throttling", async () => {
    const memory = mapMemory();
    memory.records.set("k", { rate: 200, slowStart: true });
    const limiter = new AdaptiveLimiter(quick, Date.now, memory);
    await drive(limiter, 1, "throttled");
    expect(limiter.stats("GetAccount")).toMatchObject({ rate: 100, throttled: 1 });
    // Kept: near the rate it was throttled at (200), bounded by what it proved (one call: the initial rate).
    expect(memory.records.get("k")).toEqual({ rate: quick.initialRate, slowStart: false });
  });

  it("keeps the burst a run proved, and the remembered one when a run proves less without throttling", async () => {
    const memory = mapMemory();
    const first = new AdaptiveLimiter(quick, Date.now, memory);
    await drive(first, 60);
    const burst = memory.records.get("k")!.burst!;
    expect(burst).toBeGreaterThanOrEqual(30); // 60 calls answered within a second, remembered up to half short
    expect(burst).toBeLessThanOrEqual(60);
    await drive(new AdaptiveLimiter(quick, Date.now, memory), 3);
    expect(memory.records.get("k")!.burst).toBe(burst);
  });

  it("forgets a remembered burst once throttling shows the service takes less", async () => {
    const memory = mapMemory();
    memory.records.set("k", { rate: 200, slowStart: true, burst: 150 });
    const limiter = new AdaptiveLimiter(quick, Date.now, memory);
    await drive(limiter, 4);
    await drive(limiter, 1, "throttled");
    expect(memory.records.get("k")!.burst).toBe(4);
  });

  it("a limiter without a memory starts cold whatever was remembered (the tests' and a user's cap)", async () => {
    const limiter = new AdaptiveLimiter(quick);
    await drive(limiter, 1);
    expect(limiter.stats("GetAccount")!.rate).toBe(quick.initialRate);
  });
});

describe("the memory's files", () => {
  it("are named by a hash and hold only the rate, whether it met throttling, the burst, and when", () => {
    const dir = scratch();
    const key = paceMemoryKey("LTAI-fixture-access-key", "http://127.0.0.1:4000", "GetAccount");
    expect(key).toMatch(/^[0-9a-f]{32}$/);
    expect(key).not.toBe(paceMemoryKey("LTAI-other-key", "http://127.0.0.1:4000", "GetAccount"));
    filePaceMemory(dir, () => 1_000).remember(key, { rate: 42, slowStart: false });
    expect(readdirSync(dir)).toEqual([`${key}.json`]);
    const text = readFileSync(join(dir, `${key}.json`), "utf8");
    expect(JSON.parse(text)).toEqual({ rate: 42, slowStart: false, savedAt: 1_000 });
    expect(text).not.toMatch(/LTAI|127\.0\.0\.1|GetAccount/);
    expect(filePaceMemory(dir, () => 2_000).recall(key)).toEqual({ rate: 42, slowStart: false });
    filePaceMemory(dir, () => 3_000).remember(key, { rate: 42, slowStart: false, burst: 30 });
    expect(filePaceMemory(dir, () => 4_000).recall(key)).toEqual({ rate: 42, slowStart: false, burst: 30 });
  });

  it("count as none when missing, malformed or a week old", () => {
    const dir = scratch();
    const memory = filePaceMemory(dir, () => PACE_MEMORY_MAX_AGE_MS + 10);
    expect(memory.recall("missing")).toBeUndefined();
    writeFileSync(join(dir, "torn.json"), '{"rate": 4');
    expect(memory.recall("torn")).toBeUndefined();
    writeFileSync(join(dir, "negative.json"), JSON.stringify({ rate: -1, slowStart: true, savedAt: 20 }));
    expect(memory.recall("negative")).toBeUndefined();
    writeFileSync(join(dir, "old.json"), JSON.stringify({ rate: 5, slowStart: true, savedAt: 5 }));
    expect(memory.recall("old")).toBeUndefined();
    writeFileSync(join(dir, "fresh.json"), JSON.stringify({ rate: 5, slowStart: true, savedAt: 20 }));
    expect(memory.recall("fresh")).toEqual({ rate: 5, slowStart: true });
  });

  it("never fails a run: a folder it cannot write costs only the head start", () => {
    const dir = scratch();
    writeFileSync(join(dir, "file"), "");
    const memory = filePaceMemory(join(dir, "file", "pace"));
    expect(() => memory.remember("k", { rate: 5, slowStart: true })).not.toThrow();
    expect(memory.recall("k")).toBeUndefined();
  });

  it("is read whole while other processes write the same record (write, then rename)", async () => {
    const dir = scratch();
    const module = join(__dirname, "../../provider/client/paceMemory.ts");
    const writer = `const { filePaceMemory } = require(${JSON.stringify(module)});
      const memory = filePaceMemory(${JSON.stringify(dir)});
      for (let i = 1; i <= 300; i++) memory.remember("k", { rate: i, slowStart: i % 2 === 0 });`;
    const writers = Array.from({ length: 3 }, () =>
      spawn(process.execPath, ["--require", require.resolve("tsx/cjs"), "-e", writer], { stdio: "inherit" }),
    );
    const done = Promise.all(writers.map((child) => new Promise((resolve) => child.once("exit", resolve))));
    let finished = false;
    void done.then(() => (finished = true));
    const memory = filePaceMemory(dir);
    let reads = 0;
    while (!finished) {
      const text = (() => {
        try {
          return readFileSync(join(dir, "k.json"), "utf8");
        } catch {
          return undefined; // not written yet
        }
      })();
      if (text !== undefined) {
        const record = JSON.parse(text); // a torn record would throw here
        expect(record.rate).toBeGreaterThan(0);
        reads += 1;
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(await done).toEqual([0, 0, 0]);
    expect(reads).toBeGreaterThan(0);
    expect(memory.recall("k")?.rate).toBe(300);
    expect(readdirSync(dir)).toEqual(["k.json"]); // no temporary file left behind
  }, 30_000);

  it("lives in the cache folder, another folder named by ALICLOUD_SECURE_PHONE_PACE_DIR, or is off", () => {
    expect(paceMemoryFromEnvironment({ ALICLOUD_SECURE_PHONE_PACE_DIR: "off" })).toBeUndefined();
    const dir = scratch();
    paceMemoryFromEnvironment({ ALICLOUD_SECURE_PHONE_PACE_DIR: dir })!.remember("k", { rate: 3, slowStart: true });
    expect(readdirSync(dir)).toEqual(["k.json"]);
    const cache = scratch();
    paceMemoryFromEnvironment({ XDG_CACHE_HOME: cache })!.remember("k", { rate: 3, slowStart: true });
    expect(readdirSync(join(cache, "pulumi-alicloud-secure-phone", "pace"))).toEqual(["k.json"]);
  });
});
