/**
 * Account vending on the China site: every member this stack creates inherits the management account's secure phone,
 * or binds the number set in config with its SMS code.
 */

import * as pulumi from "@pulumi/pulumi";
import { SecureMobilePhoneBinding, SecureMobilePhoneBindingArgs } from "pulumi-alicloud-secure-phone";
import { ResourceAccount } from "./resourceAccount";

const config = new pulumi.Config();

// The members this landing zone vends, by display name.
const members = config.getObject<string[]>("members") ?? ["app-dev", "app-staging", "app-prod"];

// Every member inherits the management account's secure phone (China site). Setting secureMobilePhone
// instead, after the members are bound, is the rebinding the service cannot do: preview refuses it.
const ownPhone = config.getSecret("secureMobilePhone");
const phoneArgs: Omit<SecureMobilePhoneBindingArgs, "accountId"> = ownPhone
  ? { secureMobilePhone: ownPhone, verificationCode: config.getSecret("verificationCode") }
  : { inheritSecureMobilePhoneFrom: "ManagementAccount" };

export const vended = members.map((displayName) => {
  const account = new ResourceAccount(displayName, { displayName });
  const phone = new SecureMobilePhoneBinding(`${displayName}-phone`, { accountId: account.accountId, ...phoneArgs });
  return { displayName, accountId: account.accountId, inheritsFrom: phone.inheritSecureMobilePhoneFrom };
});
