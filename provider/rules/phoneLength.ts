/**
 * How many digits a mobile number has after its country code, for the country codes where that is one
 * fixed length. A number of another length cannot receive the SMS, so sending a code to it only spends
 * the member's daily limit (issue 17: `send-code --phone 1-650555` sent one). Pure.
 *
 * Where the lengths come from: ITU-T E.164 and the national numbering plans that the countries notify to
 * the ITU (published in the ITU Operational Bulletin, "National Numbering Plans"), which give the length of
 * the national significant number (the digits after the country code, without a trunk prefix such as 0).
 * Only mobile numbers count here, since the code goes out by SMS, and only codes where every mobile number
 * has the same length:
 *   1    NANP (US, Canada, Caribbean): 3-digit area code + 7 digits = 10
 *   7    Russia, Kazakhstan: 10 (9xx xxx xx xx mobiles)
 *   33   France: 9 (6/7 xx xx xx xx)
 *   34   Spain: 9
 *   44   United Kingdom: mobiles 7xxx xxxxxx = 10
 *   61   Australia: mobiles 4xx xxx xxx = 9
 *   65   Singapore: 8
 *   81   Japan: mobiles 70/80/90 + 8 digits = 10
 *   86   Chinese mainland: mobiles 1xx xxxx xxxx = 11
 *   91   India: 10
 *   852  Hong Kong: 8
 *   853  Macao: 8
 *   886  Taiwan: mobiles 9xx xxx xxx = 9
 * Any other country code keeps the general rule of provider/rules/phone.ts (4 to 14 digits, 15 in all):
 * their mobile lengths vary (Germany, Italy, Austria) or we cannot vouch for them.
 */
import type { ParsedPhone } from "./phone";

export const MOBILE_NUMBER_LENGTHS: Readonly<Record<string, number>> = {
  "1": 10,
  "7": 10,
  "33": 9,
  "34": 9,
  "44": 10,
  "61": 9,
  "65": 8,
  "81": 10,
  "86": 11,
  "91": 10,
  "852": 8,
  "853": 8,
  "886": 9,
};

/**
 * What is wrong with the length of a parsed number, as the end of a sentence starting with the field's name;
 * undefined when it is right or its country code has no fixed length. Never tells the number, nor its length.
 */
export function phoneLengthProblem(phone: ParsedPhone): string | undefined {
  const expected = MOBILE_NUMBER_LENGTHS[phone.countryCode];
  if (expected === undefined || phone.subscriberNumber.length === expected) return undefined;
  const side = phone.subscriberNumber.length < expected ? "too few" : "too many";
  return (
    `has ${side} digits for country code ${phone.countryCode}: a mobile number there has exactly ${expected} digits ` +
    `after "${phone.countryCode}-" (ITU-T E.164 national numbering plan), without a leading 0.`
  );
}
