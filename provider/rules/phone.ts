/**
 * The secure-phone format of Resource Manager: `<country code>-<number>`, e.g. `1-6505550100` or
 * `86-13800138000`. Pure functions only: they run during `pulumi preview` on every pull request.
 */

/** Country codes are 1–3 digits (ITU E.164); the subscriber number 4–14 digits, 15 digits at most in all. */
const PHONE_PATTERN = /^([1-9][0-9]{0,2})-([0-9]{4,14})$/;

/**
 * What a user is told when a number is malformed. Shows the form, never the user's value. Its examples are
 * numbers no page tells a user to type (the docs use 1-6505550100): Pulumi replaces every occurrence of a
 * secret's plaintext in its output, so an example equal to the user's own secret number would print as
 * [secret]. 1-2025550100 is in the North American range kept for fiction (555-0100 to 555-0199);
 * 86-13800138000 is the usual example of a Chinese mainland mobile number. A test keeps them out of the docs.
 */
export const PHONE_FORMAT_HINT =
  "a number in the form <country code>-<number>, digits only, e.g. 1-2025550100 or 86-13800138000";

export interface ParsedPhone {
  countryCode: string;
  subscriberNumber: string;
}

export function parsePhone(text: string): ParsedPhone | undefined {
  const match = PHONE_PATTERN.exec(text);
  if (!match || match[1].length + match[2].length > 15) return undefined;
  return { countryCode: match[1], subscriberNumber: match[2] };
}

/**
 * What is wrong with a value that does not parse, as short phrases to follow "the value given": a leading
 * `+`, blanks, other separators, a missing or extra dash, letters, lengths. Fixed texts only, chosen by the
 * value's form: a phrase never holds any part of the value (a mistyped number may still be a real one), not
 * even its length. Empty for a value that parses.
 */
export function phoneFormatProblems(value: unknown): string[] {
  if (typeof value === "number") return [PHONE_FORMAT_PROBLEMS.number];
  if (typeof value !== "string") return [PHONE_FORMAT_PROBLEMS.notText];
  if (parsePhone(value)) return [];
  if (value.trim() === "") return [PHONE_FORMAT_PROBLEMS.empty];
  const found = (Object.keys(CHARACTER_PROBLEMS) as (keyof typeof CHARACTER_PROBLEMS)[]).filter((kind) =>
    CHARACTER_PROBLEMS[kind].test(value),
  );
  if (found.length > 0) return found.map((kind) => PHONE_FORMAT_PROBLEMS[kind]);
  // Only ASCII digits and dashes are left.
  const parts = value.split("-");
  if (parts.length === 1) return [PHONE_FORMAT_PROBLEMS.noDash];
  if (parts.length > 2) return [PHONE_FORMAT_PROBLEMS.extraDash];
  const [countryCode, subscriber] = parts;
  const problems: string[] = [];
  if (countryCode === "") problems.push(PHONE_FORMAT_PROBLEMS.noCountryCode);
  else if (countryCode.startsWith("0")) problems.push(PHONE_FORMAT_PROBLEMS.countryCodeZero);
  else if (countryCode.length > 3) problems.push(PHONE_FORMAT_PROBLEMS.countryCodeTooLong);
  if (subscriber.length < 4) problems.push(PHONE_FORMAT_PROBLEMS.tooShort);
  else if (countryCode.length + subscriber.length > 15) problems.push(PHONE_FORMAT_PROBLEMS.tooLong);
  return problems;
}

/** Every phrase phoneFormatProblems can say: fixed texts, so none can repeat a value. */
export const PHONE_FORMAT_PROBLEMS = {
  number: "is a number, not text: write it in quotes, with the dash after the country code",
  notText: "is not text",
  empty: "is blank",
  plus: "starts with a + (leave it out: the country code, a dash, the number)",
  blank: "has spaces or other blank characters",
  invisible: "has invisible or control characters",
  otherDigits: "has digits other than 0-9 (e.g. full-width ones)",
  letters: "has letters",
  lookAlikeDash: "has a dash other than the plain - (hyphen-minus)",
  otherSeparators: "has characters other than digits and the one dash (e.g. parentheses, dots, slashes)",
  noDash: "has no dash between the country code and the number",
  extraDash: "has more than one dash: only one, right after the country code",
  noCountryCode: "has no country code before the dash",
  countryCodeZero: "has a country code that starts with 0",
  countryCodeTooLong: "has a country code of more than 3 digits",
  tooShort: "has too few digits after the dash (4 at least)",
  tooLong: "has too many digits (15 at most, the country code included)",
} as const;

/** Characters that make a value unparseable, each named by the phrase of the same key. */
const CHARACTER_PROBLEMS = {
  plus: /^\s*\+/,
  blank: /\s/u,
  invisible: /(?!\s)[\p{Cc}\p{Cf}]/u,
  otherDigits: /(?![0-9])\p{Nd}/u,
  letters: /\p{L}/u,
  lookAlikeDash: /[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]/u,
  // Anything else but ASCII digits and `-`, a `+` after the leading ones included.
  otherSeparators: /[^0-9+\-\s\p{Cc}\p{Cf}\p{Nd}\p{L}\u2010-\u2015\u2212\ufe58\ufe63\uff0d]|(?<!^\s*\+*)\+/u,
};

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
