import { ACCOUNT_ID_PATTERN, VERIFICATION_CODE_PATTERN } from "./rules/check";
import { parsePhone } from "./rules/phone";
import { Environment, SettingsError } from "./settings";

/**
 * Verification codes handed to the provider by `alicloud-secure-phone up` through the environment of the
 * `pulumi up` it starts: in memory only, never in the program, the stack config or the state. A binding
 * that declares no verificationCode takes the code handed over for exactly its account and number.
 *
 * The variable holds a JSON object `{ "<accountId>/<country code>-<number>": "<code>" }`. Keyed by the
 * number as well as the account, so a code sent to one number can never be used to bind another. Pure:
 * the environment is passed in. Messages name the variable and the problem, never a value in it.
 */
export const HANDED_OVER_CODES_VARIABLE = "ALICLOUD_SECURE_PHONE_VERIFICATION_CODES";

export interface HandedOverCode {
  accountId: string;
  secureMobilePhone: string;
  verificationCode: string;
}

export function handOverKey(accountId: string, secureMobilePhone: string): string {
  return `${accountId}/${secureMobilePhone}`;
}

/** The variable's value for a set of codes (what the CLI puts in the child's environment). */
export function encodeHandedOverCodes(codes: readonly HandedOverCode[]): string {
  return JSON.stringify(Object.fromEntries(codes.map((c) => [handOverKey(c.accountId, c.secureMobilePhone), c.verificationCode])));
}

/** Codes by handOverKey; empty when the variable is unset. Throws a SettingsError, without values, when malformed. */
export function parseHandedOverCodes(text: string | undefined): ReadonlyMap<string, string> {
  if (text === undefined || text.trim() === "") return new Map();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw malformed("it is not JSON");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw malformed("it is not a JSON object");
  const codes = new Map<string, string>();
  for (const [key, code] of Object.entries(parsed)) {
    const slash = key.indexOf("/");
    const accountId = key.slice(0, slash);
    if (slash < 0 || !ACCOUNT_ID_PATTERN.test(accountId) || !parsePhone(key.slice(slash + 1))) {
      throw malformed("a key is not <account id>/<country code>-<number>");
    }
    if (typeof code !== "string" || !VERIFICATION_CODE_PATTERN.test(code)) {
      throw malformed(`the code for account ${accountId} is not 4 to 8 digits`);
    }
    codes.set(key, code);
  }
  return codes;
}

/** The code handed over for exactly this account and number, if any. */
export function handedOverCode(env: Environment, accountId: string, secureMobilePhone: string): string | undefined {
  return parseHandedOverCodes(env[HANDED_OVER_CODES_VARIABLE]).get(handOverKey(accountId, secureMobilePhone));
}

function malformed(problem: string): SettingsError {
  return new SettingsError(
    `environment variable ${HANDED_OVER_CODES_VARIABLE} is malformed: ${problem}. It is set by \`alicloud-secure-phone up\` ` +
      `and expected to be a JSON object {"<account id>/<country code>-<number>": "<code of 4 to 8 digits>"}; unset it to declare verificationCode instead.`,
  );
}
