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
import { checkAccountId, phoneProblem } from "../provider/rules/check";
import { maskPhone } from "../provider/rules/phone";
import { resolveSettings } from "../provider/settings";

const USAGE = `usage:
  alicloud-secure-phone send-code --account-id <member account id> --phone <country code>-<number> [--config-key verificationCode]
  alicloud-secure-phone status --account-id <member account id>

Credentials: ALIBABA_CLOUD_ACCESS_KEY_ID/SECRET (or ALICLOUD_ACCESS_KEY/SECRET_KEY, ALICLOUD_PROFILE, the
@alicloud/credentials chain). Settings: ALICLOUD_SECURE_PHONE_SITE, ALICLOUD_SECURE_PHONE_ENDPOINT,
ALICLOUD_SECURE_PHONE_DIRECTORY_ENDPOINT.`;

export class UsageError extends Error {}

export interface CliIo {
  out: (line: string) => void;
  env: Readonly<Record<string, string | undefined>>;
}

export async function main(argv: string[], io: CliIo = { out: console.log, env: process.env }): Promise<number> {
  const { out, env } = io;
  const [command, ...rest] = argv;
  if (command !== "send-code" && command !== "status") {
    throw new UsageError(command ? `unknown command "${command}".` : "a command is required.");
  }
  const options = parseOptions(rest);
  const accountId = options["account-id"];
  const [accountFailure] = checkAccountId(accountId);
  if (accountFailure) throw new UsageError(`--account-id ${accountFailure.reason}`);
  const settings = resolveSettings(() => undefined, env);
  const client = new ResourceManagerClient(settings);

  if (command === "status") {
    const status = await client.getMemberPhoneStatus(accountId!);
    if (!status.exists) out(`Account ${accountId} is not a member of this resource directory.`);
    else out(`Account ${accountId} (${status.accountType}): ${status.hasSecureMobilePhone ? "has a secure mobile phone" : "has no secure mobile phone"}.`);
    return 0;
  }

  const phone = options.phone;
  if (!phone) throw new UsageError("--phone is required: the number to bind, <country code>-<number>.");
  // The same rules as preview, before any call: a code sent to a number we would refuse is wasted.
  const problem = phoneProblem(phone, settings.site, "--phone");
  if (problem) throw new UsageError(problem);

  const sent = await client.sendVerificationCode(accountId!, phone);
  const expires = Date.parse(sent.expirationDate);
  out(`Sent a verification code to ${maskPhone(phone)} for account ${accountId} (RequestId: ${sent.requestId}).`);
  out(
    Number.isNaN(expires)
      ? "The service gave no expiry time; use the code soon."
      : `It expires at ${sent.expirationDate} (in about ${Math.max(0, Math.round((expires - Date.now()) / 60_000))} minutes).`,
  );
  out(`Next, in the stack's folder, with the code from the SMS:`);
  out(`  pulumi config set --secret ${options["config-key"]} <code from the SMS> && pulumi up`);
  return 0;
}

/** parseArgs, with its errors told without the values: a stray argument may be a phone number or a code. */
function parseOptions(args: string[]) {
  try {
    return parseArgs({
      args,
      options: {
        "account-id": { type: "string" },
        phone: { type: "string" },
        "config-key": { type: "string", default: "verificationCode" },
      },
      strict: true,
    }).values;
  } catch (error) {
    const problem: Record<string, string> = {
      ERR_PARSE_ARGS_UNKNOWN_OPTION: "an unknown option",
      ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL: "a value without an option name",
    };
    const what = problem[(error as { code?: string }).code ?? ""] ?? "an option without its value";
    throw new UsageError(`the command line has ${what}; give each value after its option, e.g. --phone <country code>-<number>.`);
  }
}

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
