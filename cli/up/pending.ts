/**
 * How a binding that needs a code is shown to the operator, at the prompts and in the summary. Which
 * bindings those are is the preview join of cli/up/preview.ts.
 */

import { maskPhone } from "../../provider/rules/phone";
import type { PendingBinding } from "./preview";

export type { NotVendable, PendingBinding } from "./preview";

/** Never the full number. */
export function describePending(binding: PendingBinding): string {
  return `${binding.name} (account ${binding.accountId}, ${maskPhone(binding.secureMobilePhone)})`;
}
