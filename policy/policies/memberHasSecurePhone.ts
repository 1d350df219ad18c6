/**
 * member-has-secure-phone (mandatory): every Resource Directory member the stack declares has a
 * SecureMobilePhoneBinding (either type token) whose `accountId` depends on it. A member vended without
 * one has no second factor for recovery, and the resource itself cannot see a binding that was never
 * declared: only a stack-wide check can.
 */
import type { StackValidationPolicy } from "@pulumi/policy";
import { DEFAULT_MEMBER_TYPES, membersWithoutBinding, type StackResource } from "../rules/members";

export const MEMBER_HAS_SECURE_PHONE = "member-has-secure-phone";

export interface MemberHasSecurePhoneConfig {
  memberTypes?: string[];
}

export const memberHasSecurePhone: StackValidationPolicy = {
  name: MEMBER_HAS_SECURE_PHONE,
  description:
    "Every Resource Directory member the stack creates has a SecureMobilePhoneBinding whose accountId depends on it.",
  enforcementLevel: "mandatory",
  configSchema: {
    properties: {
      memberTypes: {
        type: "array",
        items: { type: "string" },
        default: [...DEFAULT_MEMBER_TYPES],
        description: "The type tokens of member resources (e.g. alicloud:resourcemanager/account:Account).",
      },
    },
  },
  validateStack: (args, reportViolation) => {
    const memberTypes = args.getConfig<MemberHasSecurePhoneConfig>().memberTypes ?? DEFAULT_MEMBER_TYPES;
    // Reads types, names, URNs and dependencies only: never a property value, which may be unknown.
    for (const member of membersWithoutBinding(args.resources as StackResource[], memberTypes)) {
      reportViolation(
        `member '${member.name}' (${member.type}) has no SecureMobilePhoneBinding whose accountId depends on it: ` +
          "a member without a secure phone has no second factor for recovery. Declare a binding with " +
          `accountId set from this member's id (e.g. accountId: ${member.name}.id).`,
        member.urn,
      );
    }
  },
};
