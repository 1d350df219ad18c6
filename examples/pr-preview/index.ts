import * as pulumi from "@pulumi/pulumi";
import { SecureMobilePhoneBinding } from "pulumi-alicloud-secure-phone";

const config = new pulumi.Config();

// One binding per member. A pull request adds a member (its id, and its number and SMS code as secrets:
// `pulumi config set --secret phone-<id> ...`), and the preview posted on it shows the masked number.
// Protected: removing a binding from the stack never unbinds the phone (the policy pack's binding-is-protected).
for (const accountId of config.requireObject<string[]>("members")) {
  new SecureMobilePhoneBinding(
    `phone-${accountId}`,
    {
      accountId,
      secureMobilePhone: config.requireSecret(`phone-${accountId}`),
      verificationCode: config.getSecret(`code-${accountId}`),
    },
    { protect: true },
  );
}
