#!/usr/bin/env node
/**
 * `alicloud-secure-phone`: the steps around a binding that are not resources.
 *
 *   alicloud-secure-phone send-code --account-id <id> --phone <cc-number> [--config-key <key>]
 *   alicloud-secure-phone status --account-id <id>
 *
 * Settings and credentials come from the same places as the provider's (environment variables, profiles,
 * the default chain; stack config is not readable outside a Pulumi run).
 */
import { parseArgs } from "node:util";
import { ResourceManagerClient } from "../provider/client/resourceManager";
import { checkBinding } from "../provider/rules/check";
import { maskPhone } from "../provider/rules/phone";
import { resolveSettings } from "../provider/settings";

const USAGE = `usage:
  alicloud-secure-phone send-code --account-id <member account id> --phone <country code>-<number> [--config-key verificationCode]
  alicloud-secure-phone status --account-id <member account id>

Credentials: ALIBABA_CLOUD_ACCESS_KEY_ID/SECRET (or ALICLOUD_ACCESS_KEY/SECRET_KEY, ALICLOUD_PROFILE, the
@alicloud/credentials chain). Settings: ALICLOUD_SECURE_PHONE_SITE, ALICLOUD_SECURE_PHONE_ENDPOINT,
ALICLOUD_SECURE_PHONE_DIRECTORY_ENDPOINT.`;

export interface CliIo {
  out: (line: string) => void;
  env: Readonly<Record<string, string | undefined>>;
}

export async function main(argv: string[], io: CliIo = { out: console.log, env: process.env }): Promise<number> {
  const { out, env } = io;
  const [command, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      "account-id": { type: "string" },
      phone: { type: "string" },
      "config-key": { type: "string", default: "verificationCode" },
    },
    strict: true,
  });
  const accountId = values["account-id"];
  const settings = resolveSettings(() => undefined, env);

  if (command === "send-code") {
    const phone = values.phone;
    // The same rules as preview, before any call: a code sent to a number we would refuse is wasted.
    const failures = checkBinding({}, { accountId, secureMobilePhone: phone, verificationCode: "000000" }, settings.site);
    if (failures.length > 0) {
      const lines = failures.map((f) => (f.property ? `${f.property.replace("accountId", "--account-id")}: ${f.reason}` : f.reason));
      throw new UsageError(lines.map((line) => line.replace(/secureMobilePhone/g, "--phone")).join("\n"));
    }
    const client = new ResourceManagerClient(settings);
    const sent = await client.sendVerificationCode(accountId as string, phone as string);
    const minutes = Math.max(0, Math.round((Date.parse(sent.expirationDate) - Date.now()) / 60_000));
    out(`Sent a verification code to ${maskPhone(phone as string)} for account ${accountId} (RequestId: ${sent.requestId}).`);
    out(`It expires at ${sent.expirationDate} (in about ${minutes} minutes).`);
    out(`Next, in the stack's folder, with the code from the SMS:`);
    out(`  pulumi config set --secret ${values["config-key"]} <code from the SMS> && pulumi up`);
    return 0;
  }
  if (command === "status") {
    if (!accountId) throw new UsageError("--account-id is required.");
    const status = await new ResourceManagerClient(settings).getMemberPhoneStatus(accountId);
    if (!status.exists) out(`Account ${accountId} is not a member of this resource directory.`);
    else out(`Account ${accountId} (${status.accountType}): ${status.hasSecureMobilePhone ? "has a secure mobile phone" : "has no secure mobile phone"}.`);
    return 0;
  }
  throw new UsageError(command ? `unknown command "${command}".` : "a command is required.");
}

export class UsageError extends Error {}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: Error) => {
      console.error(`alicloud-secure-phone: ${error.message}`);
      if (error instanceof UsageError) console.error(`\n${USAGE}`);
      process.exit(error instanceof UsageError ? 2 : 1);
    },
  );
}
