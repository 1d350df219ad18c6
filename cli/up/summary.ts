/**
 * What the operator is told at the end, from what happened at the prompts, what the preview said `pulumi up`
 * creates, and what the state holds after `pulumi up` (a binding in state is bound; its requestId output is
 * the bind's RequestId), and what pulumi up's engine events said of it (its error; whether the update ran
 * at all). Every binding up created or failed to create is counted and listed, not only the ones it asked
 * for; a failure that another run would repeat is told apart from one it may get past; and an update that
 * the operator did not confirm at pulumi's own prompt is told as that, not as a failure. Pure.
 */

import { guidanceFor } from "../../provider/client/errors";
import type { Outcome } from "./collect";
import { describePending } from "./pending";
import type { CreatedBinding, NotVendable } from "./preview";

export interface Summary {
  bound: number;
  skipped: number;
  failed: number;
  lines: string[];
}

export interface SummaryExtras {
  /** Every binding the preview(s) said up creates (cli/up/preview.ts), those asked for included. */
  created?: readonly CreatedBinding[];
  /** pulumi up's error for a binding, by URN, numbers masked, from its engine events. */
  failures?: ReadonlyMap<string, string>;
  /** Whether pulumi up's update ran, from its events: "not confirmed" when it stopped at its own prompt. */
  upRan?: "updated" | "not confirmed" | "not run";
}

/** The state after up of a binding: its bind's RequestId, and whether it was taken in without a bind. */
export interface InState {
  requestId?: unknown;
  adopted?: unknown;
}

/** Whether running `up` again may bind it: "retry" (yes), "fix" (not before its cause is fixed), "unknown". */
type Next = "retry" | "fix" | "unknown";

const SEE_ABOVE = "pulumi up did not bind it (its error is in the output above)";
const NOT_CONFIRMED = "pulumi up was not confirmed (declined or cancelled at its prompt), left unbound";
const FIX_FIRST = " [fix first: running up again would fail the same way]";

const HOW: Record<CreatedBinding["source"], string> = {
  code: "its code declared in the program",
  inherit: "inherited",
  adopt: "adopted: its phone was bound already",
};

function failedWhy(error: string | undefined, upRan: boolean): string {
  if (error !== undefined) return `pulumi up did not bind it: ${error}`;
  return upRan ? SEE_ABOVE : "pulumi up did not run";
}

/** Codes that a later run may get past unchanged: the service's state of the moment, not the request. */
const TRANSIENT = /Throttling|^ServiceUnavailable$|^SignatureNonceUsed$/;

/** The service's error code in a message of provider/client/errors.ts (`... failed with <Code>: ...`). */
function errorCode(message: string): string | undefined {
  return /failed with ([A-Za-z][A-Za-z0-9.]*)/.exec(message)?.[1];
}

/** What another run does with a failure; `asked`: its code came from up's prompt (a new one is sent next time). */
function nextFor(message: string | undefined, asked: boolean): Next {
  const code = message === undefined ? undefined : errorCode(message);
  if (code === undefined) return "unknown";
  if (TRANSIENT.test(code)) return "retry";
  if (code === "Invalid.VerificationCode") return asked ? "retry" : "fix";
  return guidanceFor(code) ? "fix" : "unknown";
}

export function summarize(
  outcomes: readonly Outcome[],
  inState: ReadonlyMap<string, InState>,
  notVendable: readonly NotVendable[],
  upRan: boolean,
  extras: SummaryExtras = {},
): Summary {
  const failures = extras.failures ?? new Map<string, string>();
  const notConfirmed = extras.upRan === "not confirmed";
  const lines: string[] = [];
  const nexts: Next[] = [];
  let bound = 0;
  let skipped = 0;
  let failed = 0;
  const bindRequest = ({ requestId }: { requestId?: unknown }) =>
    typeof requestId === "string" ? `BindSecureMobilePhone RequestId ${requestId}` : "no bind RequestId recorded";
  for (const outcome of outcomes) {
    const who = describePending(outcome.binding);
    const sends =
      outcome.sendRequestIds.length > 0
        ? `SendVerificationCode RequestId ${outcome.sendRequestIds.join(", ")}`
        : "no code sent";
    const state = inState.get(outcome.binding.urn);
    const error = failures.get(outcome.binding.urn);
    if (outcome.kind === "code" && state && error === undefined) {
      bound += 1;
      lines.push(`  bound    ${who}: ${sends}; ${bindRequest(state)}`);
    } else if (outcome.kind === "code" && notConfirmed && !state) {
      skipped += 1;
      nexts.push("retry");
      lines.push(`  skipped  ${who}: ${NOT_CONFIRMED}; ${sends}`);
    } else if (outcome.kind === "code") {
      failed += 1;
      const next = nextFor(error, true);
      nexts.push(next);
      lines.push(`  failed   ${who}: ${failedWhy(error, upRan)}; ${sends}${next === "fix" ? FIX_FIRST : ""}`);
    } else if (outcome.kind === "skipped") {
      skipped += 1;
      nexts.push("retry");
      lines.push(`  skipped  ${who}: ${outcome.why}, left unbound; ${sends}`);
    } else {
      failed += 1;
      const next = nextFor(outcome.why, true);
      nexts.push(next);
      lines.push(`  failed   ${who}: ${outcome.why}${next === "fix" ? FIX_FIRST : ""}`);
    }
  }
  // Bindings up did not ask for: a code declared in the program, inheritance, adoption.
  const listed = new Set([...outcomes.map((o) => o.binding.urn), ...notVendable.map((b) => b.urn)]);
  for (const binding of extras.created ?? []) {
    if (listed.has(binding.urn)) continue;
    listed.add(binding.urn);
    const masked = binding.maskedSecureMobilePhone ? `, ${binding.maskedSecureMobilePhone}` : "";
    const who = `${binding.name} (account ${binding.accountId ?? "not known yet"}${masked})`;
    const state = inState.get(binding.urn);
    // Taken in by up (a member whose phone was bound already), whatever the program declared.
    const source = state?.adopted === true ? "adopt" : binding.source;
    const error = failures.get(binding.urn);
    if (state && error === undefined) {
      bound += 1;
      lines.push(`  bound    ${who}: ${HOW[source]}; ${source === "adopt" ? "no bind call" : bindRequest(state)}`);
      continue;
    }
    if (notConfirmed) {
      skipped += 1;
      nexts.push("retry");
      lines.push(`  skipped  ${who}: ${NOT_CONFIRMED}`);
      continue;
    }
    failed += 1;
    const next = nextFor(error, false);
    nexts.push(next);
    const declaredCode =
      binding.source === "code" && (next === "fix" || error === undefined) && upRan
        ? "; its verificationCode is declared in the program, so up never asks for it: if the code was refused, " +
          "send a new one with `npx alicloud-secure-phone send-code " +
          `--account-id ${binding.accountId ?? "<account id>"} --phone <number>\` ` +
          "and set the secret config value it prints"
        : "";
    lines.push(`  failed   ${who}: ${failedWhy(error, upRan)}${declaredCode}${next === "fix" ? FIX_FIRST : ""}`);
  }
  for (const binding of notVendable) {
    skipped += 1;
    nexts.push(binding.waitsForUp ? "retry" : "fix");
    lines.push(`  not asked  ${binding.name}: ${binding.reason}${binding.waitsForUp ? "" : FIX_FIRST}`);
  }
  const heading = `Summary: ${bound} bound, ${skipped} skipped, ${failed} failed.`;
  const fix = nexts.filter((next) => next === "fix").length;
  const others = nexts.length - fix;
  const closing: string[] = [];
  if (others > 0) {
    closing.push(
      fix === 0
        ? "Run `npx alicloud-secure-phone up` again to bind the others: it asks only for bindings still pending."
        : "Run `npx alicloud-secure-phone up` again to bind the ones not marked [fix first]: " +
            "it asks only for bindings still pending.",
    );
  }
  if (fix > 0) {
    closing.push("Those marked [fix first] fail the same way on every run until what their error says is done.");
  }
  return { bound, skipped, failed, lines: [heading, ...lines, ...closing] };
}
