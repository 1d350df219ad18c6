/**
 * Vending on the international site with no code in the program: one security-team number bound to every listed
 * member, each SMS code asked for by `npx alicloud-secure-phone up`.
 */

import * as pulumi from "@pulumi/pulumi";
import { SecureMobilePhoneBinding } from "pulumi-alicloud-secure-phone";

const config = new pulumi.Config();

// Members of the resource directory (type ResourceAccount), by name and account ID.
const members = config.requireObject<{ name: string; accountId: string }[]>("members");
// The security team's number, bound to every member: a secret (`pulumi config set --secret secureMobilePhone ...`).
const securityTeamPhone = config.requireSecret("secureMobilePhone");

// No verificationCode anywhere: `npx alicloud-secure-phone up` sends each member's SMS code, asks for it and
// hands it to the provider for this `up` only. Each binding appears at preview with a warning saying so.
const bindings = members.map(
  (member) =>
    new SecureMobilePhoneBinding(`${member.name}-phone`, {
      accountId: member.accountId,
      secureMobilePhone: securityTeamPhone,
    }),
);

export const boundMembers = bindings.map((binding) => ({
  accountId: binding.accountId,
  maskedSecureMobilePhone: binding.maskedSecureMobilePhone,
  bindRequestId: binding.requestId,
}));
