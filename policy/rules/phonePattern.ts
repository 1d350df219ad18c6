/**
 * The approved-number rule of the policy pack: patterns written like a masked number, `*` for any one
 * digit (`44-77111000**`), so that the security team's numbers never have to sit whole in policy config.
 * Pure functions: they run in `pulumi preview` on every pull request and are tested with fast-check.
 */
import { maskPhone, parsePhone } from "../../provider/rules/phone";

/** `<country code>-<number>` with `*` allowed for any digit, of the lengths a number has (phone.ts). */
const PATTERN_FORM = /^([0-9*]{1,3})-([0-9*]{4,14})$/;

/** What a user is told when a pattern is malformed. Shows the form, never the pattern (it may be a number). */
export const PATTERN_FORM_HINT =
  "a number with `*` for any digit, in the form <country code>-<number>, e.g. 44-77111000** (one `*` a digit)";

export interface PhonePattern {
  countryCode: string;
  subscriberNumber: string;
}

export function parsePhonePattern(text: string): PhonePattern | undefined {
  const match = PATTERN_FORM.exec(text);
  if (!match || match[1].length + match[2].length > 15 || match[1].startsWith("0")) return undefined;
  return { countryCode: match[1], subscriberNumber: match[2] };
}

/** The patterns that do not parse, by their place in the list (`allowedPhones[2]`), never by value. */
export function malformedPatterns(patterns: readonly unknown[], field = "allowedPhones"): string[] {
  return patterns.flatMap((pattern, i) =>
    typeof pattern === "string" && parsePhonePattern(pattern) ? [] : [`${field}[${i}]`],
  );
}

function fitsPart(digits: string, pattern: string): boolean {
  return digits.length === pattern.length && [...pattern].every((char, i) => char === "*" || char === digits[i]);
}

/** True when the number is well formed and fits the pattern digit by digit (same lengths; `*` fits any digit). */
export function phoneFitsPattern(phone: string, pattern: PhonePattern): boolean {
  const parsed = parsePhone(phone);
  return (
    parsed !== undefined &&
    fitsPart(parsed.countryCode, pattern.countryCode) &&
    fitsPart(parsed.subscriberNumber, pattern.subscriberNumber)
  );
}

/** True when the number fits one of the patterns (malformed patterns fit nothing). */
export function phoneIsApproved(phone: string, patterns: readonly string[]): boolean {
  return patterns.some((text) => {
    const pattern = parsePhonePattern(text);
    return pattern !== undefined && phoneFitsPattern(phone, pattern);
  });
}

/**
 * The patterns that are this number's mask as a preview shows it (`1-650****0100`), by place. A mask looks like a
 * pattern and parses as one, but its four `*` hide however many digits there are, so it fits the number only
 * when exactly four are hidden: a user who copied it from the preview is told so, not only that nothing fits.
 */
export function masksGivenAsPatterns(phone: string, patterns: readonly unknown[], field = "allowedPhones"): string[] {
  const mask = maskPhone(phone);
  return patterns.flatMap((pattern, i) => (pattern === mask ? [`${field}[${i}]`] : []));
}

/** How a pattern is written, told to a user who gave a mask instead. */
export const MASK_IS_NO_PATTERN =
  "a mask always shows four `*` whatever the number's length, while a pattern has one `*` for each digit it " +
  "leaves open and the number's other digits as they are, e.g. 44-77111000** (ten digits after the country " +
  "code, the last two open)";
