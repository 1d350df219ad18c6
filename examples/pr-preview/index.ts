import * as pulumi from "@pulumi/pulumi";
import { SecureMobilePhoneBinding } from "pulumi-alicloud-secure-phone";

const config = new pulumi.Config();

// One binding per member. A pull request adds a member (its id, and its number and SMS code as secrets:
// `pulumi config set --secret phone-<id> ...`), and the preview posted on it shows the masked number.
for (const accountId of config.requireObject<string[]>("members")) {
  new SecureMobilePhoneBinding(`phone-${accountId}`, {
    accountId,
    secureMobilePhone: config.requireSecret(`phone-${accountId}`),
    verificationCode: config.getSecret(`code-${accountId}`),
  });
}
