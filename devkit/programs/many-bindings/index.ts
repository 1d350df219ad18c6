/**
 * One binding per member, as a landing zone that binds members vended elsewhere would declare them: a
 * member with an entry in the secret `phones` ({ accountId: { phone, code } }) binds that number with its
 * SMS code, every other member inherits the management account's phone (China site). No adoptExisting
 * on any resource: recovery after an interrupted run must work without editing the program.
 */

import * as pulumi from "@pulumi/pulumi";
import { SecureMobilePhoneBinding } from "pulumi-alicloud-secure-phone";

const config = new pulumi.Config();
const accountIds = config.requireObject<string[]>("accountIds");
const phones = config.getSecretObject<Record<string, { phone: string; code: string }>>("phones");

export const bindings = accountIds.map((accountId) => {
  const own = phones?.apply((all) => all[accountId]);
  const hasOwn = config.getObject<string[]>("phoneAccountIds")?.includes(accountId) ?? false;
  const binding = new SecureMobilePhoneBinding(
    `phone-${accountId}`,
    hasOwn && own
      ? {
          accountId,
          secureMobilePhone: own.apply((entry) => entry.phone),
          verificationCode: own.apply((entry) => entry.code),
        }
      : { accountId, inheritSecureMobilePhoneFrom: "ManagementAccount" },
  );
  return binding.maskedSecureMobilePhone;
}).length;
