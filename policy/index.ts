/**
 * The policy pack of pulumi-alicloud-secure-phone (docs/policy-pack.md): what a landing zone's pull
 * request must not merge. Its three policies read only the resources the engine hands them: the pack makes
 * no API call and prints numbers masked only.
 */
import { PolicyPack } from "@pulumi/policy";
import { approvedSecurePhone } from "./policies/approvedSecurePhone";
import { bindingIsProtected } from "./policies/bindingIsProtected";
import { memberHasSecurePhone } from "./policies/memberHasSecurePhone";

export const POLICY_PACK_NAME = "alicloud-secure-phone";

new PolicyPack(POLICY_PACK_NAME, { policies: [memberHasSecurePhone, approvedSecurePhone, bindingIsProtected] });
