/**
 * How a binding that needs a code is shown to the operator, at the prompts and in the summary. Which
 * bindings those are is the preview join of provider/handshake.ts.
 */

import type { PendingBinding } from "../../provider/handshake";
import { maskPhone } from "../../provider/rules/phone";

export type { NotVendable, PendingBinding } from "../../provider/handshake";

/** Never the full number. */
export function describePending(binding: PendingBinding): string {
  return `${binding.name} (account ${binding.accountId}, ${maskPhone(binding.secureMobilePhone)})`;
}
