import * as pulumi from "@pulumi/pulumi";
import { SecureMobilePhoneBinding, plugin } from "pulumi-alicloud-secure-phone";

/**
 * One binding per member, each declaring a number of its own, on the route the stack's `route` config names
 * (`dynamic` or `plugin`): what the shown-number engine tests run. The numbers and codes are one secret
 * object ({ accountId: { phone, code? } }); a member with no code is one the service should already show
 * bound to its number, taken in by a plain `pulumi up`. No adoptExisting on any resource.
 */
const config = new pulumi.Config();
const route = config.require("route");
const accountIds = config.requireObject<string[]>("accountIds");
const phones = config.requireSecretObject<Record<string, { phone: string; code?: string }>>("phones");
const Binding = route === "plugin" ? plugin.SecureMobilePhoneBinding : SecureMobilePhoneBinding;

export const masked = accountIds.map((accountId) => {
  const own = phones.apply((all) => all[accountId]);
  const binding = new Binding(`phone-${accountId}`, {
    accountId,
    secureMobilePhone: own.apply((entry) => entry.phone),
    verificationCode: own.apply((entry) => entry.code ?? ""),
  });
  return binding.maskedSecureMobilePhone;
}).length;
