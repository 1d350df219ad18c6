import type { Outcome } from "./collect";
import { NotVendable, describePending } from "./pending";

/**
 * What the operator is told at the end, from what happened at the prompts and what the state holds after
 * `pulumi up` (a binding in state is bound; its requestId output is the bind's RequestId). Pure.
 */
export interface Summary {
  bound: number;
  skipped: number;
  failed: number;
  lines: string[];
}

export function summarize(
  outcomes: readonly Outcome[],
  inState: ReadonlyMap<string, { requestId?: unknown }>,
  notVendable: readonly NotVendable[],
  upRan: boolean,
): Summary {
  const lines: string[] = [];
  let bound = 0;
  let skipped = 0;
  let failed = 0;
  for (const outcome of outcomes) {
    const who = describePending(outcome.binding);
    const sends = outcome.sendRequestIds.length > 0 ? `SendVerificationCode RequestId ${outcome.sendRequestIds.join(", ")}` : "no code sent";
    const state = inState.get(outcome.binding.urn);
    if (outcome.kind === "code" && state) {
      bound += 1;
      const bind = typeof state.requestId === "string" ? `BindSecureMobilePhone RequestId ${state.requestId}` : "no bind RequestId recorded";
      lines.push(`  bound    ${who}: ${sends}; ${bind}`);
    } else if (outcome.kind === "code") {
      failed += 1;
      lines.push(`  failed   ${who}: ${upRan ? "pulumi up did not bind it (its error is in the output above)" : "pulumi up did not run"}; ${sends}`);
    } else if (outcome.kind === "skipped") {
      skipped += 1;
      lines.push(`  skipped  ${who}: ${outcome.why}, left unbound; ${sends}`);
    } else {
      failed += 1;
      lines.push(`  failed   ${who}: ${outcome.why}`);
    }
  }
  for (const binding of notVendable) {
    skipped += 1;
    lines.push(`  not asked  ${binding.name}: ${binding.reason}`);
  }
  const heading = `Summary: ${bound} bound, ${skipped} skipped, ${failed} failed.`;
  const rerun = skipped + failed > 0 ? ["Run `npx alicloud-secure-phone up` again to bind the others: it asks only for bindings still pending."] : [];
  return { bound, skipped, failed, lines: [heading, ...lines, ...rerun] };
}
