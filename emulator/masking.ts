/**
 * How the emulator's terminal shows a number in its SMS lines: `<country code>-<head>****<tail>`, the pattern
 * the alicloud-secure-phone CLI prints, so a user can match the two up. The kit keeps its own copy of the rule
 * (an emulator that shared its client's rules could not catch the client's mistakes); a test holds the two
 * patterns together.
 */

/** `1-6505550100` → `1-650****0100`; anything not `<1-3 digits>-<4-15 digits>` is not echoed at all. */
export function maskForSms(phone: string): string {
  const match = /^(\d{1,3})-(\d{4,15})$/.exec(phone);
  if (!match) return "<hidden: not a valid number>";
  const [, country, digits] = match;
  const [head, tail] = digits.length >= 10 ? [3, 4] : digits.length >= 7 ? [1, 2] : [0, 2];
  return `${country}-${digits.slice(0, head)}****${digits.slice(digits.length - tail)}`;
}
