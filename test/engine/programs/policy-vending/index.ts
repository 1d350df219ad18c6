import * as pulumi from "@pulumi/pulumi";
import { plugin, SecureMobilePhoneBinding } from "pulumi-alicloud-secure-phone";
import { ResourceAccount } from "./resourceAccount";

/**
 * Members vended in this stack (account IDs unknown at preview), each declared by config `members`:
 * - member: "standIn" (the examples' ResourceAccount) or "alicloud" (alicloud:resourcemanager/account:Account);
 * - binding: "dynamic" (this package's SecureMobilePhoneBinding), "plugin" (the plugin's), or "none";
 * - phone: "inherit", or the name of a secret config value holding the number;
 * - protect, retainOnDelete: the binding's resource options.
 */
interface Member {
  name: string;
  member: "standIn" | "alicloud";
  binding: "dynamic" | "plugin" | "none";
  phone: string;
  protect?: boolean;
  retainOnDelete?: boolean;
}

/** @pulumi/alicloud's member, served by the stand-in plugin (test/engine/programs/fake-alicloud). */
class Account extends pulumi.CustomResource {
  constructor(name: string, args: { displayName: string }) {
    super("alicloud:resourcemanager/account:Account", name, args);
  }
}

const config = new pulumi.Config();

for (const entry of config.requireObject<Member[]>("members")) {
  const account =
    entry.member === "standIn"
      ? new ResourceAccount(entry.name, { displayName: entry.name })
      : new Account(entry.name, { displayName: entry.name });
  if (entry.binding === "none") continue;
  const args = {
    accountId: account.id,
    ...(entry.phone === "inherit"
      ? { inheritSecureMobilePhoneFrom: "ManagementAccount" as const }
      : {
          secureMobilePhone: config.requireSecret(entry.phone),
          verificationCode: config.getSecret(`${entry.phone}-code`),
        }),
  };
  const opts = { protect: entry.protect, retainOnDelete: entry.retainOnDelete };
  if (entry.binding === "dynamic") new SecureMobilePhoneBinding(`${entry.name}-phone`, args, opts);
  else new plugin.SecureMobilePhoneBinding(`${entry.name}-phone`, args, opts);
}
