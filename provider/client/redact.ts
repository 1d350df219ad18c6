/**
 * Redaction of everything secret from text that may reach a user, a log or state: phone numbers,
 * verification codes, AccessKeyId/secret, security tokens and signatures.
 *
 * Two layers, because either alone misses something:
 * - the exact values the caller knows to be secret (the phone and code of this call, the credentials);
 * - shapes: `Name=value` pairs of secret request parameters (raw or percent-encoded, as in an echoed
 *   string to sign) and anything that looks like a `<country code>-<number>` phone.
 */

import { maskPhone, parsePhone } from "../rules/phone";

const SECRET_PARAMETERS = [
  "SecureMobilePhone",
  "VerificationCode",
  "AccessKeyId",
  "AccessKeySecret",
  "SecurityToken",
  "Signature",
];
// `Name=value` (raw, or percent-encoded once or twice as in an echoed string to sign), `Name: value`, and
// JSON's `"Name":"value"`. A quoted value runs to its closing quote (it may hold spaces: `"+1 6505550100"`).
const PARAMETER_PAIR = new RegExp(
  `(${SECRET_PARAMETERS.join("|")})("?\\s*(?:=|%3D|%253D|:)\\s*)("[^"]*|[^&\\s"',}]*)`,
  "g",
);
/**
 * A word of prose (`the`, `Invalid`), which a `Name: value` pair never holds as its value, wherever the name
 * stands: `Invalid.VerificationCode: the verification code is wrong` is an error code and its meaning, not a
 * parameter (it read `Invalid.VerificationCode: *** verification code is wrong`). A value with a digit, an
 * encoding, a second capital or quotes is secret-shaped and still hidden.
 */
const PROSE_WORD = /^[A-Z]?[a-z]+$/;
/** The service echoes the whole string to sign (every parameter) in SignatureDoesNotMatch. Drop it. */
const ECHOED_STRING_TO_SIGN = /\s*server string to sign is:.*$/is;
const PHONE_SHAPE = /(?<![\w-])(\+?[1-9][0-9]{0,2})-([0-9]{4,14})(?![\w-])/g;

export function redact(text: string, knownSecrets: readonly (string | undefined)[] = []): string {
  let result = text.replace(ECHOED_STRING_TO_SIGN, " (the string to sign the service echoed is left out)");
  for (const secret of knownSecrets.flatMap(spellings)) {
    if (!secret || secret.length < 4) continue;
    for (const form of new Set([secret, encodeURIComponent(secret), encodeURIComponent(encodeURIComponent(secret))])) {
      result = result.replace(wherever(form), "***");
    }
  }
  result = result.replace(PARAMETER_PAIR, (match, name: string, eq: string, value: string) =>
    isColonPairOfProse(eq, value) ? match : `${name}${eq}${value.startsWith('"') ? '"' : ""}***`,
  );
  return result.replace(PHONE_SHAPE, (match) => maskPhone(match.replace(/^\+/, "")));
}

/**
 * Where a known secret stands in a text: anywhere, except that digits at its edges never continue a longer run
 * of digits. A code (`000000`) or a number's digits inside an account ID (`1510000000010002`) are not that
 * secret, and hiding them there masked the ID in one message and not beside it (the secrets audit's rule too).
 */
function wherever(secret: string): RegExp {
  const escaped = secret.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const before = /^[0-9]/.test(secret) ? "(?<![0-9])" : "";
  const after = /[0-9]$/.test(secret) ? "(?![0-9])" : "";
  return new RegExp(`${before}${escaped}${after}`, "g");
}

/** `Name: word`, unquoted: prose after an error code, not a parameter's value. `Name=value` is always a pair. */
function isColonPairOfProse(separator: string, value: string): boolean {
  return separator.trim() === ":" && PROSE_WORD.test(value); // a quoted value starts with `"`: never prose
}

/** A phone number as a message might spell it back: 1-6505550100, 16505550100, +16505550100, +1 6505550100. */
function spellings(secret: string | undefined): (string | undefined)[] {
  const phone = secret ? parsePhone(secret) : undefined;
  if (!phone) return [secret];
  const { countryCode: country, subscriberNumber: subscriber } = phone;
  return [
    secret,
    `${country}${subscriber}`,
    `+${country}${subscriber}`,
    `+${country} ${subscriber}`,
    `+${country}-${subscriber}`,
    subscriber.length >= 7 ? subscriber : undefined,
  ];
}
