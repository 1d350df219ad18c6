/**
 * One retry policy for every call (throttling, unavailability, lost answers), capped exponential backoff
 * with jitter inside an overall time bound, after the mature alicloud provider's habits.
 */

import { ResourceManagerError, isThrottlingCode } from "./errors";
import { CallOutcome, PaceDeadlineError, Permit } from "./limiter";

export interface RetryPolicy {
  /** Attempts in all, first included; a bound even when time does not pass (a test's sleep). */
  maxAttempts: number;
  /** Delay before the first retry; doubles each time up to maxDelayMs. */
  initialDelayMs: number;
  maxDelayMs: number;
  /** No retry starts once this much time has passed since the first attempt. */
  totalTimeoutMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 12,
  initialDelayMs: 1_000,
  maxDelayMs: 10_000,
  totalTimeoutMs: 120_000,
};

/** Whether a failure is worth another attempt, and whether the failed attempt may have taken effect. */
export interface FailureClass {
  retryable: boolean;
  /** The request may have been executed although we saw a failure (a write must be reconciled, not assumed). */
  ambiguous: boolean;
}

export function classifyFailure(error: unknown): FailureClass {
  if (!(error instanceof ResourceManagerError)) return { retryable: false, ambiguous: false };
  switch (error.kind) {
    case "transport":
      return { retryable: true, ambiguous: false };
    case "local":
      return { retryable: false, ambiguous: false };
    case "lost":
    case "malformed":
      return { retryable: true, ambiguous: true };
    case "service": {
      const code = error.code ?? "";
      // Flow control rejects before executing: safe to retry, nothing happened.
      if (isThrottlingCode(code)) return { retryable: true, ambiguous: false };
      const serverSide = code === "ServiceUnavailable" || (error.httpStatus ?? 0) >= 500;
      return { retryable: serverSide, ambiguous: serverSide };
    }
  }
}

/** Capped exponential backoff with "equal jitter": half the step is fixed, half random, so retries spread out. */
export function backoffDelay(retryNumber: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const step = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** (retryNumber - 1));
  return Math.round(step / 2 + random() * (step / 2));
}

export type Sleep = (ms: number) => Promise<void>;
export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export interface RetryOptions {
  sleep?: Sleep;
  now?: () => number;
  /**
   * False for calls that must not run twice (an SMS, a new member): a failure that may have taken effect
   * ends the call instead of being retried. Default true.
   */
  retryAmbiguous?: boolean;
  /**
   * Waits for the call's turn in the process's pace (limiter.ts) before each attempt. Retries pass the
   * deadline of the time bound, so waiting for a turn never stretches a call past it. The wait before
   * the first attempt is not counted: the bound starts when the call is first sent, because with hundreds
   * of bindings queued that wait says nothing about this call.
   */
  admit?: (deadline: number | undefined) => Promise<Permit>;
}

/** What the pace learns from a failed attempt: throttled (flow control), or failed for another reason. */
function outcomeOf(error: unknown): CallOutcome {
  const throttled =
    error instanceof ResourceManagerError && error.kind === "service" && isThrottlingCode(error.code ?? "");
  return throttled ? "throttled" : "failed";
}

/**
 * Runs `attempt` until it answers, a failure is not retryable, or the attempt or time bound would be
 * passed. The final error carries the failures before it (previousFailures): the ambiguous bind needs them.
 */
export async function withRetries<T>(
  attempt: () => Promise<T>,
  policy: RetryPolicy,
  options: RetryOptions = {},
): Promise<T> {
  const sleep = options.sleep ?? realSleep;
  const now = options.now ?? Date.now;
  let started: number | undefined;
  const failures: ResourceManagerError[] = [];
  for (let retryNumber = 1; ; retryNumber++) {
    let permit: Permit | undefined;
    if (options.admit) {
      try {
        permit = await options.admit(started === undefined ? undefined : started + policy.totalTimeoutMs);
      } catch (refusal) {
        // No turn before the time bound: the call ends with the failure that asked for the retry.
        const last = failures.pop();
        if (refusal instanceof PaceDeadlineError && last) throw withHistory(last, failures);
        throw refusal;
      }
    }
    started ??= now();
    try {
      const result = await attempt();
      permit?.release("ok");
      return result;
    } catch (error) {
      permit?.release(outcomeOf(error));
      const verdict = classifyFailure(error);
      const retryable = verdict.retryable && (options.retryAmbiguous !== false || !verdict.ambiguous);
      const delay = backoffDelay(retryNumber, policy);
      if (!retryable || retryNumber >= policy.maxAttempts || now() - started + delay > policy.totalTimeoutMs) {
        throw withHistory(error, failures);
      }
      failures.push(error as ResourceManagerError);
      await sleep(delay);
    }
  }
}

/** Keeps what happened before the final failure on the error itself. */
function withHistory(error: unknown, failures: ResourceManagerError[]): unknown {
  if (error instanceof ResourceManagerError)
    (error as ResourceManagerError & { history?: ResourceManagerError[] }).history = [...failures];
  return error;
}

export function previousFailures(error: unknown): ResourceManagerError[] {
  return (error as { history?: ResourceManagerError[] }).history ?? [];
}
