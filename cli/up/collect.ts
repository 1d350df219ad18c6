/**
 * The conversation with the operator, one pending binding at a time: ask whether to send its code (a skip
 * spends no SMS), send it, ask for it, check its form, re-send or skip on request; at the end, send again any
 * code that would expire before `pulumi up` can use it. I/O is passed in (the send call, the answers, the
 * clock), so tests drive it directly.
 */

import { VERIFICATION_CODE_PATTERN } from "../../provider/rules/check";
import { maskPhone } from "../../provider/rules/phone";
import type { Answers } from "./answers";
import { PendingBinding, describePending } from "./pending";

export interface SentCode {
  requestId: string;
  /** ISO-8601 as the service gives it; "" when it gave none. */
  expirationDate: string;
}

export interface CollectDeps {
  send(accountId: string, secureMobilePhone: string): Promise<SentCode>;
  answers: Answers;
  out(line: string): void;
  now(): number;
  /** A code that expires sooner than this is sent again before `up` (it needs time for its preview and binds). */
  expiryMarginMs?: number;
}

interface Base {
  binding: PendingBinding;
  /** RequestIds of every SendVerificationCode call for this binding, in order. */
  sendRequestIds: string[];
}

export type Outcome =
  | (Base & { kind: "code"; verificationCode: string; expiresAt: number | undefined })
  | (Base & { kind: "skipped"; why: string })
  | (Base & { kind: "failed"; why: string });

/** Enough for `up`'s own preview, a confirmation and the binds of a large stack. */
export const DEFAULT_EXPIRY_MARGIN_MS = 2 * 60_000;

const RESEND = new Set(["r", "resend", "re-send"]);
const SKIP = new Set(["s", "skip"]);
const SEND = new Set(["", "y", "yes", "send"]);

export async function collectCodes(bindings: readonly PendingBinding[], deps: CollectDeps): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (const [index, binding] of bindings.entries()) {
    deps.out(`\n[${index + 1}/${bindings.length}] ${describePending(binding)}`);
    outcomes.push(await askThenCode(binding, deps));
  }
  return refreshExpiring(outcomes, deps);
}

/** Asks before the first send, so that a member skipped costs no SMS; then sends and asks for the code. */
async function askThenCode(binding: PendingBinding, deps: CollectDeps): Promise<Outcome> {
  const masked = maskPhone(binding.secureMobilePhone);
  for (;;) {
    const answer = await deps.answers.ask(`  Send a code to ${masked}? (Enter: send it, s: skip this member): `);
    if (answer === undefined) {
      deps.out("  No more answers: skipped, no code sent.");
      return { kind: "skipped", binding, sendRequestIds: [], why: "no answer (end of input)" };
    }
    const word = answer.toLowerCase();
    if (SKIP.has(word)) {
      deps.out(`  Skipped ${binding.name}: no code sent.`);
      return { kind: "skipped", binding, sendRequestIds: [], why: "skipped at the prompt" };
    }
    if (SEND.has(word)) return codeFor(binding, [], deps);
    deps.out("  Press Enter to send the code, or type s to skip this member.");
  }
}

/** Sends, then asks until the answer is a code of the right form, a re-send, a skip, or the end of input. */
async function codeFor(binding: PendingBinding, sendRequestIds: string[], deps: CollectDeps): Promise<Outcome> {
  const masked = maskPhone(binding.secureMobilePhone);
  for (;;) {
    let sent: SentCode;
    try {
      sent = await deps.send(binding.accountId, binding.secureMobilePhone);
    } catch (error) {
      // The client's message: the code, what happened, what to do, the RequestId; numbers already masked.
      const why = (error as Error).message;
      deps.out(`  Could not send a code: ${why}`);
      return { kind: "failed", binding, sendRequestIds, why };
    }
    sendRequestIds.push(sent.requestId);
    const expiresAt = Date.parse(sent.expirationDate);
    deps.out(
      `  Sent a code to ${masked} (RequestId: ${sent.requestId}); ` +
        (Number.isNaN(expiresAt) ? "the service gave no expiry time." : `it expires at ${sent.expirationDate}.`),
    );
    for (;;) {
      const answer = await deps.answers.ask(`  Code from the SMS to ${masked} (r: send again, s: skip this member): `);
      if (answer === undefined) {
        deps.out("  No more answers: skipped.");
        return { kind: "skipped", binding, sendRequestIds, why: "no answer (end of input)" };
      }
      const word = answer.toLowerCase();
      if (SKIP.has(word)) {
        deps.out(`  Skipped ${binding.name}: the code sent is not used.`);
        return { kind: "skipped", binding, sendRequestIds, why: "skipped at the prompt" };
      }
      if (RESEND.has(word)) break;
      if (VERIFICATION_CODE_PATTERN.test(answer)) {
        return {
          kind: "code",
          binding,
          sendRequestIds,
          verificationCode: answer,
          expiresAt: Number.isNaN(expiresAt) ? undefined : expiresAt,
        };
      }
      // Never repeat what was typed: it may be a code with a typo.
      deps.out(
        "  That is not a code: the SMS code is 4 to 8 digits. Type it again, or r to send a new one, or s to skip.",
      );
    }
  }
}

/**
 * The operator may take a while over many members: a code that expires within the margin is sent again and
 * asked for again. Once per binding, so a validity shorter than the operator's pace cannot loop forever.
 */
async function refreshExpiring(outcomes: Outcome[], deps: CollectDeps): Promise<Outcome[]> {
  const margin = deps.expiryMarginMs ?? DEFAULT_EXPIRY_MARGIN_MS;
  const refreshed = new Set<string>();
  for (;;) {
    const index = outcomes.findIndex(
      (o) =>
        o.kind === "code" &&
        !refreshed.has(o.binding.urn) &&
        o.expiresAt !== undefined &&
        o.expiresAt - deps.now() < margin,
    );
    if (index < 0) return outcomes;
    const stale = outcomes[index];
    refreshed.add(stale.binding.urn);
    deps.out(
      `\n${describePending(stale.binding)}: its code expires before \`pulumi up\` could use it; sending a new one.`,
    );
    outcomes[index] = await codeFor(stale.binding, stale.sendRequestIds, deps);
  }
}
