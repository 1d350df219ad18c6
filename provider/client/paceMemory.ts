/**
 * Where the process's pace (limiter.ts) starts: where the last run left it for the same account, endpoint
 * and action, so that a refresh of 200 bindings does not spend seconds relearning a quota the previous run
 * learnt. The service's flow control is a per-caller, per-API quota that changes rarely; the pace learnt
 * against it is the best guess for the next run, as Linux's TCP metrics cache keeps a route's ssthresh for
 * the next connection. A run that meets less than it remembered backs off as before (one halving per second).
 *
 * One small JSON file per account, endpoint and action, in the user's cache folder
 * (`~/.cache/pulumi-alicloud-secure-phone/pace/`, or `$XDG_CACHE_HOME/...`; ALICLOUD_SECURE_PHONE_PACE_DIR
 * names another folder, `off` turns the memory off). The file name is a hash of the three; the file holds
 * only the rate, whether it met throttling, the burst it proved, and when: no key, no account ID, no endpoint. Runs at the same
 * time are safe: each write goes to a file of its own and is renamed over the old one (atomic on POSIX), so
 * a reader sees a whole record, the old or the new, and the last writer wins. An unreadable, malformed or
 * week-old record counts as none (the pace then starts cold, as without the memory).
 */

import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

export const PACE_DIR_ENV = "ALICLOUD_SECURE_PHONE_PACE_DIR";
/** A record older than this counts as none: quotas change, if rarely. */
export const PACE_MEMORY_MAX_AGE_MS = 7 * 24 * 3600 * 1000;

/** What is remembered of a pace: requests per second, and whether it was learnt from throttling. */
export interface RememberedPace {
  rate: number;
  slowStart: boolean;
  /** The most calls the service answered without throttling within one second, when more than one. */
  burst?: number;
}

export interface PaceMemory {
  recall(key: string): RememberedPace | undefined;
  remember(key: string, pace: RememberedPace): void;
}

/** The key of one pace: a hash, so that neither the account nor the endpoint is written anywhere. */
export function paceMemoryKey(account: string, endpoint: string, action: string): string {
  return createHash("sha256").update(`${account}\n${endpoint}\n${action}`).digest("hex").slice(0, 32);
}

/** The memory the environment asks for: the folder ALICLOUD_SECURE_PHONE_PACE_DIR names, `off`, or the cache folder. */
export function paceMemoryFromEnvironment(env: NodeJS.ProcessEnv = process.env): PaceMemory | undefined {
  const named = env[PACE_DIR_ENV];
  if (named === "off") return undefined;
  const cache = env.XDG_CACHE_HOME || join(homedir(), ".cache");
  return filePaceMemory(named || join(cache, "pulumi-alicloud-secure-phone", "pace"));
}

export function filePaceMemory(dir: string, now: () => number = Date.now): PaceMemory {
  const fileOf = (key: string) => join(dir, `${key}.json`);
  return {
    recall(key) {
      try {
        const record = JSON.parse(readFileSync(fileOf(key), "utf8")) as Record<string, unknown>;
        const { rate, slowStart, savedAt, burst } = record;
        if (typeof rate !== "number" || !(rate > 0) || typeof slowStart !== "boolean") return undefined;
        if (typeof savedAt !== "number" || !(now() - savedAt < PACE_MEMORY_MAX_AGE_MS)) return undefined;
        // A record of an earlier version has no burst: the pace then starts without one.
        return typeof burst === "number" && burst > 1 ? { rate, slowStart, burst } : { rate, slowStart };
      } catch {
        return undefined; // none yet, or unreadable: start cold
      }
    },
    remember(key, pace) {
      const temporary = join(dir, `.${key}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
      try {
        mkdirSync(dir, { recursive: true, mode: 0o700 });
        const record = { rate: pace.rate, slowStart: pace.slowStart, burst: pace.burst, savedAt: now() };
        writeFileSync(temporary, JSON.stringify(record), {
          mode: 0o600,
        });
        renameSync(temporary, fileOf(key));
      } catch {
        // A read-only home or a full disk costs the next run its head start, never this run its calls.
        try {
          rmSync(temporary, { force: true });
        } catch {
          // no folder, so no temporary file either
        }
      }
    },
  };
}
