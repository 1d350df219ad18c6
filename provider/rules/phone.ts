/**
 * The secure-phone format of Resource Manager: `<country code>-<number>`, e.g. `1-6505550100` or
 * `86-13800138000`. Pure functions only: they run during `pulumi preview` on every pull request.
 */

/** Country codes are 1–3 digits (ITU E.164); the subscriber number 4–14 digits, 15 digits at most in all. */
const PHONE_PATTERN = /^([1-9][0-9]{0,2})-([0-9]{4,14})$/;

/** What a user is told when a number is malformed. Shows the form, never the user's value. */
export const PHONE_FORMAT_HINT =
  "a number in the form <country code>-<number>, digits only, e.g. 1-6505550100 or 86-13800138000";

export interface ParsedPhone {
  countryCode: string;
  subscriberNumber: string;
}

export function parsePhone(text: string): ParsedPhone | undefined {
  const match = PHONE_PATTERN.exec(text);
  if (!match || match[1].length + match[2].length > 15) return undefined;
  return { countryCode: match[1], subscriberNumber: match[2] };
}

/** Numbers of the Chinese mainland: the only ones the China site accepts, and refused by the international site. */
export function isChinaMainlandPhone(phone: ParsedPhone): boolean {
  return phone.countryCode === "86";
}

/**
 * A form safe to print in a pull request: the country code, the first three and the last four digits,
 * and always four `*` between them, whatever the length (`1-6505550100` → `1-650****0100`), so the mask
 * does not tell the length either. Shorter numbers keep less, at most half of
 * their digits: one and two under ten digits, the last two under seven. Anything that does not parse is hidden whole: it may still be
 * a real number, mistyped.
 */
export function maskPhone(text: string): string {
  const phone = parsePhone(text);
  if (!phone) return "<hidden: not a valid number>";
  const digits = phone.subscriberNumber;
  const [head, tail] = digits.length >= 10 ? [3, 4] : digits.length >= 7 ? [1, 2] : [0, 2];
  return `${phone.countryCode}-${digits.slice(0, head)}****${digits.slice(digits.length - tail)}`;
}
