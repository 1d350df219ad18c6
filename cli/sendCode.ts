/**
 * The two one-shot commands, `send-code` and `status`: one call each, made with the provider's own rules and client.
 * They read flags and the environment only, so what fails is said in those words: each error is rendered for the
 * command line from its own structure (provider/surface.ts), naming only what these commands read.
 */

import { ClientOptions, ResourceManagerClient } from "../provider/client/resourceManager";
import { checkAccountId, phoneProblem } from "../provider/rules/check";
import { maskPhone } from "../provider/rules/phone";
import { Environment, resolveSettings } from "../provider/settings";
import { COMMAND_LINE, renderedFor } from "../provider/surface";
import { UsageError } from "./args";
import { whyNotBindable } from "./bindable";

/** `status`'s exit status for an account that is not a member: a script can tell it from a failed call (1). */
export const STATUS_NOT_A_MEMBER = 3;

/** What the two commands are handed: where to print, the environment, and (for tests) the client's options. */
export interface OneShotIo {
  out: (line: string) => void;
  env: Environment;
  client?: ClientOptions;
}

/** `send-code`: one code for one member, for a program that declares verificationCode itself. */
export async function sendCodeCommand(
  options: { accountId?: string; phone?: string; configKey: string },
  io: OneShotIo,
): Promise<number> {
  const { out, env } = io;
  const accountId = requireAccountId(options.accountId, "send-code");
  const phone = options.phone;
  if (!phone) throw new UsageError("--phone is required: the number to bind, <country code>-<number>.", "send-code");
  const settings = await onCommandLine(async () => resolveSettings(() => undefined, env));
  // The same rules as preview, before any call: a code sent to a number we would refuse is wasted.
  const problem = phoneProblem(phone, settings.site, COMMAND_LINE.phone, COMMAND_LINE, settings.sources?.site);
  if (problem) throw new UsageError(problem, "send-code");

  const client = new ResourceManagerClient(settings, io.client);
  // Look the member up first: a code for a member that cannot be bound is an SMS of the daily quota wasted.
  const unbindable = whyNotBindable(await onCommandLine(() => client.getMemberPhoneStatus(accountId)));
  if (unbindable) {
    const check = unbindable.kind === "not a member" ? " Check --account-id." : "";
    throw new Error(`no code was sent: account ${accountId} ${unbindable.reason}.${check}`);
  }
  const sent = await onCommandLine(() => client.sendVerificationCode(accountId, phone));
  const expires = Date.parse(sent.expirationDate);
  out(`Sent a verification code to ${maskPhone(phone)} for account ${accountId} (RequestId: ${sent.requestId}).`);
  out(
    Number.isNaN(expires)
      ? "The service gave no expiry time; use the code soon."
      : `It expires at ${sent.expirationDate} (in about ${Math.max(0, Math.round((expires - Date.now()) / 60_000))} minutes).`,
  );
  out(`Next, in the stack's folder, with the code from the SMS:`);
  out(`  pulumi config set --secret ${options.configKey} <code from the SMS> && pulumi up`);
  return 0;
}

/** `status`: whether a member has a phone. */
export async function statusCommand(options: { accountId?: string }, io: OneShotIo): Promise<number> {
  const accountId = requireAccountId(options.accountId, "status");
  const settings = await onCommandLine(async () => resolveSettings(() => undefined, io.env));
  const client = new ResourceManagerClient(settings, io.client);
  const status = await onCommandLine(() => client.getMemberPhoneStatus(accountId));
  if (!status.exists) {
    io.out(`Account ${accountId} is not a member of this resource directory.`);
    return STATUS_NOT_A_MEMBER;
  }
  const phone = status.hasSecureMobilePhone ? "has a secure mobile phone" : "has no secure mobile phone";
  // The service binds a phone only for a ResourceAccount (else AccountTypeMismatch): say so before anyone tries.
  const bindable =
    status.accountType !== "CloudAccount"
      ? ""
      : `; it cannot have one bound here: only members of type ResourceAccount can, and ${await whichCloudAccount(client, accountId)} manages its own phone`;
  io.out(`Account ${accountId} (${status.accountType}): ${phone}${bindable}.`);
  return 0;
}

/** Runs a command's calls; whatever they throw is said in the command line's words, from the error's structure. */
async function onCommandLine<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw renderedFor(error, COMMAND_LINE);
  }
}

/**
 * GetAccount shows the management account as a CloudAccount too: the directory's MasterAccountId tells it from a
 * cloud account invited in (one more read, for a CloudAccount only). Unread, neither is claimed.
 */
async function whichCloudAccount(client: ResourceManagerClient, accountId: string): Promise<string> {
  const management = await client.getManagementAccountId().catch(() => undefined);
  if (management === accountId) return "the directory's management account";
  if (management) return "a cloud account invited into the directory";
  return "a cloud account (the directory's management account, or one invited into it)";
}

function requireAccountId(accountId: string | undefined, command: string): string {
  const [failure] = checkAccountId(accountId);
  if (failure) throw new UsageError(`${COMMAND_LINE.accountId} ${failure.reason}`, command);
  return accountId!;
}
