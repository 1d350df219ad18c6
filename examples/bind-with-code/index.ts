/**
 * The simplest binding: one member's secure phone, bound with the SMS code sent for it beforehand
 * (`npx alicloud-secure-phone send-code`).
 */

import * as pulumi from "@pulumi/pulumi";
import { SecureMobilePhoneBinding } from "pulumi-alicloud-secure-phone";

const config = new pulumi.Config();

// The number and the SMS code are secrets: `pulumi config set --secret ...`. Both stay encrypted in state.
const binding = new SecureMobilePhoneBinding("member-phone", {
  accountId: config.require("accountId"),
  secureMobilePhone: config.requireSecret("secureMobilePhone"),
  verificationCode: config.getSecret("verificationCode"),
  // For a member whose phone was bound outside this stack (AccountSecureMobileAlreadyExists).
  adoptExisting: config.getBoolean("adoptExisting"),
});

export const accountId = binding.accountId;
export const maskedSecureMobilePhone = binding.maskedSecureMobilePhone;
export const bindRequestId = binding.requestId;
