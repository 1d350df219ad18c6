/**
 * Whether a member can have a phone bound with an SMS code, from what GetAccount said of it. `send-code` and
 * `up` ask this before any send: a code sent to a member that cannot be bound is an SMS of the daily quota
 * spent for nothing. Pure: the caller makes the GetAccount call.
 */

import type { MemberPhoneStatus } from "../provider/client/resourceManager";

export interface Unbindable {
  /** Why no code is sent: not a member, not a ResourceAccount, or a phone bound already. */
  kind: "not a member" | "not a resource account" | "has a phone";
  /** What is wrong, after "account <id>", with GetAccount's RequestId; no number. */
  reason: string;
}

/** Undefined when a code may be sent: a ResourceAccount member of the directory with no secure mobile phone. */
export function whyNotBindable(status: MemberPhoneStatus): Unbindable | undefined {
  if (!status.exists) {
    const request = status.requestId ? `; RequestId: ${status.requestId}` : "";
    return {
      kind: "not a member",
      reason: `is not a member of this resource directory (GetAccount said EntityNotExists.Account${request})`,
    };
  }
  if (status.accountType !== "ResourceAccount") {
    return {
      kind: "not a resource account",
      reason:
        `is a ${status.accountType || "member of no stated type"}, and only members of type ResourceAccount can have a ` +
        `secure mobile phone bound; other accounts manage their own phone (GetAccount RequestId: ${status.requestId})`,
    };
  }
  if (status.hasSecureMobilePhone) {
    return {
      kind: "has a phone",
      reason:
        "has a secure mobile phone already, and a member's phone is bound once: it cannot be bound again or " +
        `changed with a code (GetAccount RequestId: ${status.requestId})`,
    };
  }
  return undefined;
}
