/**
 * The provider's messages (provider/client/errors.ts, provider/client/credentials.ts) speak to a Pulumi program: they
 * name the resource's properties (accountId) and stack config keys (alicloud:accessKey). `send-code` and
 * `status` take options and read the environment only, so their errors are worded for that surface here,
 * instead of each message growing a parameter: the option as the user typed it, and only the settings the
 * command reads. `up` keeps the provider's wording: there the binding's accountId is in the program and the
 * stack config is read. Pure.
 */

import { CREDENTIALS_LOOKUP, CREDENTIAL_LOOKUP_ORDER, credentialsLookupText } from "../provider/client/credentials";

/** The lookup order without its stack-config places, which send-code and status never read: from the same table. */
const LOOKUP_FROM_ENVIRONMENT = credentialsLookupText(
  CREDENTIAL_LOOKUP_ORDER.filter((place) => place.from === "env"),
  "Credentials are looked up in this order (send-code and status read no stack config): ",
);

/** Whole phrases first (they name config keys beside variables), then the remaining names one by one. */
const REWORDINGS: [string | RegExp, string][] = [
  [CREDENTIALS_LOOKUP, LOOKUP_FROM_ENVIRONMENT],
  ["Set alicloud:accessKey and alicloud:secretKey (as a secret) in stack config, or ", "Set "],
  ["alicloud:profile / ALICLOUD_PROFILE", "ALICLOUD_PROFILE"],
  [
    "alicloud:accessKey/secretKey, ALIBABA_CLOUD_* variables, or a profile",
    "ALIBABA_CLOUD_* variables, or ALICLOUD_PROFILE",
  ],
  ["alicloud:accessKey, ALIBABA_CLOUD_ACCESS_KEY_ID or the profile", "ALIBABA_CLOUD_ACCESS_KEY_ID or ALICLOUD_PROFILE"],
  [
    "alicloud:secretKey, ALIBABA_CLOUD_ACCESS_KEY_SECRET or the profile",
    "ALIBABA_CLOUD_ACCESS_KEY_SECRET or ALICLOUD_PROFILE",
  ],
  ["alicloud:securityToken, ALIBABA_CLOUD_SECURITY_TOKEN", "ALIBABA_CLOUD_SECURITY_TOKEN"],
  [/\balicloud-secure-phone:site\b/g, "ALICLOUD_SECURE_PHONE_SITE"],
  // Case-sensitive: the service's own names (AccountId, MissingParameter.AccountId) stay as they are.
  [/\baccountId\b/g, "--account-id"],
  [/\bsecureMobilePhone\b/g, "--phone"],
];

/** A provider message as send-code and status must say it. */
export function forCommandLine(message: string): string {
  return REWORDINGS.reduce(
    (text, [from, to]) => (typeof from === "string" ? text.split(from).join(to) : text.replace(from, to)),
    message,
  );
}

/** Runs a command's calls, rewording the message of whatever they throw (the error keeps its class). */
export async function wordedForCommandLine<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof Error) error.message = forCommandLine(error.message);
    throw error;
  }
}
