/**
 * The bad-input corpus: inputs as users (and their tools) get them wrong, each with what `check` must say:
 * the property it names ("" when the value is a secret: Pulumi prints a named property's value unredacted)
 * and a key phrase of the reason. Cases marked "pass" hold values still unknown at preview, which must
 * never fail, or exact numbers, which are taken as their digits. Used by corpus.test.ts (check level, all
 * cases) and by the engine test that previews a few through the real CLI.
 *
 * The numbers avoid the messages' own examples (1-2025550100, 86-13800138000) and every number in the docs
 * and examples (the audit reads example folders too), so that finding one always means it was echoed.
 */

import { UNKNOWN } from "../../provider/rules/inputs";
import type { BindingInputs, Site } from "../../provider/rules/inputs";

export interface BadInput {
  name: string;
  site: Site;
  olds?: BindingInputs;
  news: BindingInputs;
  expected: { property: string; phrase: string } | "pass";
}

const ACCOUNT = "1510000000000101";
const PHONE = "1-6505550123";
const CN_PHONE = "86-13900001234";
const CODE = "739251";
const INHERIT = "ManagementAccount";

const BAD_NUMBER = {
  property: "",
  phrase: "secureMobilePhone is not a valid number: expected a number in the form <country code>-<number>",
};
const BAD_CODE = { property: "", phrase: "verificationCode must be the digits of the SMS code (4 to 8 digits)" };
// A set accountId is named in words, not as the property: Pulumi would print its value (it may be a phone).
const BAD_ACCOUNT = { property: "", phrase: "accountId must be the member's Alibaba Cloud account ID, digits only" };
const REBIND = { property: "", phrase: "the service cannot change a bound phone" };

/** A bad number whose failure must also say what is wrong with it (phoneFormatProblems), after BAD_NUMBER's text. */
const phoneSaying = (name: string, secureMobilePhone: unknown, problem: string): BadInput => ({
  ...phone(name, secureMobilePhone),
  expected: { property: "", phrase: `; the value given ${problem}` },
});

/** A phone binding on the international site, with a good code: only the phone is wrong. */
const phone = (name: string, secureMobilePhone: unknown): BadInput => ({
  name: `phone: ${name}`,
  site: "international",
  news: { accountId: ACCOUNT, secureMobilePhone, verificationCode: CODE },
  expected: BAD_NUMBER,
});
const code = (name: string, verificationCode: unknown): BadInput => ({
  name: `code: ${name}`,
  site: "international",
  news: { accountId: ACCOUNT, secureMobilePhone: PHONE, verificationCode },
  expected: BAD_CODE,
});
const account = (name: string, accountId: unknown, expected: BadInput["expected"] = BAD_ACCOUNT): BadInput => ({
  name: `accountId: ${name}`,
  site: "china",
  news: { accountId, inheritSecureMobilePhoneFrom: INHERIT },
  expected,
});

export const BAD_INPUTS: BadInput[] = [
  // Phone formats: other digit systems, + prefixes, whitespace and control characters, look-alike dashes, lengths.
  phone("full-width digits", "１-６５０５５５０１２３"),
  phone("full-width subscriber digits", "1-６５０５５５０１２３"),
  phone("Arabic-Indic digits", "١-٦٥٠٥٥٥٠١٢٣"),
  phone("Devanagari digits", "१-६५०५५५०१२३"),
  phone("mathematical bold digits", "𝟏-𝟔𝟓𝟎𝟓𝟓𝟓𝟎𝟏𝟐𝟑"),
  phone("+ prefix", "+1-6505550123"),
  phone("+ and no dash (E.164)", "+16505550123"),
  phone("+ and a space", "+1 6505550123"),
  phone("two + signs", "++1-6505550123"),
  phone("+ prefix on a China number", "+86-13900001234"),
  phone("leading space", " 1-6505550123"),
  phone("trailing space", "1-6505550123 "),
  phone("space after the dash", "1- 6505550123"),
  phone("spaces in the number", "1-650 555 0123"),
  phone("trailing newline", "1-6505550123\n"),
  phone("tab inside", "1-650\t5550123"),
  phone("NUL at the end", "1-6505550123\u0000"),
  phone("zero-width space inside", "1-650\u200b5550123"),
  phone("right-to-left override in front", "\u202e1-6505550123"),
  phone("non-breaking space inside", "1-650\u00a05550123"),
  phone("unicode hyphen", "1\u20106505550123"),
  phone("en dash", "1\u20136505550123"),
  phone("minus sign", "1\u22126505550123"),
  phone("300 characters of digits", `1-${"6".repeat(298)}`),
  phone("300 characters of letters", "x".repeat(300)),
  phone("300 characters of a number repeated", PHONE.repeat(25)),
  phone("no country code", "6505550123"),
  phone("country code 0", "0-6505550123"),
  phone("four-digit country code", "1234-6505550123"),
  phone("subscriber number too short", "1-123"),
  phone("more than 15 digits in all", "1-650555012345678"),
  // Lengths by country code (provider/rules/phoneLength.ts): refused at preview, before an SMS is spent.
  {
    name: "length: NANP number too short (issue 17)",
    site: "international",
    news: { accountId: ACCOUNT, secureMobilePhone: "1-650555", verificationCode: CODE },
    expected: {
      property: "",
      phrase: "secureMobilePhone has too few digits for country code 1: a mobile number there has exactly 10 digits",
    },
  },
  {
    name: "length: NANP number one digit long",
    site: "international",
    news: { accountId: ACCOUNT, secureMobilePhone: "1-65055501234" },
    expected: { property: "", phrase: "has too many digits for country code 1" },
  },
  {
    name: "length: UK number with its trunk 0",
    site: "international",
    news: { accountId: ACCOUNT, secureMobilePhone: "44-07700900456", verificationCode: CODE },
    expected: { property: "", phrase: 'exactly 10 digits after "44-"' },
  },
  {
    name: "length: Hong Kong number of 7 digits",
    site: "international",
    news: { accountId: ACCOUNT, secureMobilePhone: "852-9123456", verificationCode: CODE },
    expected: { property: "", phrase: "exactly 8 digits" },
  },
  {
    name: "length: China number one digit short",
    site: "china",
    news: { accountId: ACCOUNT, secureMobilePhone: "86-1390000123", verificationCode: CODE },
    expected: { property: "", phrase: "exactly 11 digits" },
  },
  {
    name: "length: a country code without a fixed length keeps the general rule",
    site: "international",
    news: { accountId: ACCOUNT, secureMobilePhone: "49-15123456789", verificationCode: CODE },
    expected: "pass",
  },
  {
    name: "length: a number in state is not judged again",
    site: "international",
    olds: { accountId: ACCOUNT, secureMobilePhone: "1-650555" },
    news: { accountId: ACCOUNT, secureMobilePhone: "1-650555" },
    expected: "pass",
  },
  phone("North American punctuation", "(650) 555-0123"),
  phone("dashes inside the number", "1-650-555-0123"),
  phone("a JS number", 16505550123),
  phone("an object", { number: PHONE }),
  phone("a boolean", true),
  // What is wrong, named (issue 17): the README's own form with + and spaces, and each other problem.
  phoneSaying("+ and spaces, as printed on a card", "+1 650 555 0123", "starts with a + (leave it out"),
  phoneSaying(
    "+ and spaces: both named",
    "+1 650 555 0123",
    "starts with a + (leave it out: the country code, a dash, the number) and has spaces or other blank characters.",
  ),
  phoneSaying("named: no dash", "16505550123", "has no dash between the country code and the number"),
  phoneSaying("named: dots", "1.650.555.0123", "has characters other than digits and the one dash"),
  phoneSaying("named: an en dash", "1\u20136505550123", "has a dash other than the plain -"),
  phoneSaying("named: a letter", "1-650555012O", "has letters"),
  phoneSaying("named: full-width digits", "１-６５０５５５０１２３", "has digits other than 0-9"),
  phoneSaying("named: a zero-width space", "1-650\u200b5550123", "has invisible or control characters"),
  phoneSaying("named: too short", "1-123", "has too few digits after the dash"),
  phoneSaying("named: too long", "1-650555012345678", "has too many digits (15 at most"),
  phoneSaying("named: dashes inside", "1-650-555-0123", "has more than one dash"),
  phoneSaying("named: four-digit country code", "1234-6505550123", "has a country code of more than 3 digits"),
  phoneSaying("named: a JS number", 16505550123, "is a number, not text"),

  // Site rules.
  {
    name: "site: China number on the international site",
    site: "international",
    news: { accountId: ACCOUNT, secureMobilePhone: CN_PHONE, verificationCode: CODE },
    expected: { property: "", phrase: "which the international site (alibabacloud.com) does not accept" },
  },
  {
    name: "site: US number on the China site",
    site: "china",
    news: { accountId: ACCOUNT, secureMobilePhone: PHONE, verificationCode: CODE },
    expected: { property: "", phrase: "must be a Chinese mainland number (86-<number>) on the China site" },
  },
  {
    name: "site: Hong Kong number on the China site",
    site: "china",
    news: { accountId: ACCOUNT, secureMobilePhone: "852-91234567", verificationCode: CODE },
    expected: { property: "", phrase: "must be a Chinese mainland number" },
  },
  {
    name: "site: inheritance on the international site",
    site: "international",
    news: { accountId: ACCOUNT, inheritSecureMobilePhoneFrom: INHERIT },
    expected: { property: "inheritSecureMobilePhoneFrom", phrase: "available only on the China site" },
  },

  // Inheritance combined with a phone, and other inheritance mistakes.
  {
    name: "inherit: and a phone",
    site: "china",
    news: {
      accountId: ACCOUNT,
      secureMobilePhone: CN_PHONE,
      verificationCode: CODE,
      inheritSecureMobilePhoneFrom: INHERIT,
    },
    expected: { property: "", phrase: "both are set" },
  },
  {
    name: "inherit: and a phone without a code",
    site: "china",
    news: { accountId: ACCOUNT, secureMobilePhone: CN_PHONE, inheritSecureMobilePhoneFrom: INHERIT },
    expected: { property: "", phrase: "both are set" },
  },
  {
    name: "inherit: wrong case",
    site: "china",
    news: { accountId: ACCOUNT, inheritSecureMobilePhoneFrom: "managementaccount" },
    expected: { property: "inheritSecureMobilePhoneFrom", phrase: 'must be "ManagementAccount"' },
  },
  {
    name: "inherit: another source",
    site: "china",
    news: { accountId: ACCOUNT, inheritSecureMobilePhoneFrom: "ParentAccount" },
    expected: { property: "inheritSecureMobilePhoneFrom", phrase: 'must be "ManagementAccount"' },
  },
  {
    name: "inherit: trailing space",
    site: "china",
    news: { accountId: ACCOUNT, inheritSecureMobilePhoneFrom: "ManagementAccount " },
    expected: { property: "inheritSecureMobilePhoneFrom", phrase: 'must be "ManagementAccount"' },
  },
  {
    name: "inherit: neither phone nor inheritance",
    site: "china",
    news: { accountId: ACCOUNT },
    expected: { property: "", phrase: "neither is set" },
  },
  {
    name: "inherit: both empty strings",
    site: "china",
    news: { accountId: ACCOUNT, secureMobilePhone: "", inheritSecureMobilePhoneFrom: "" },
    expected: { property: "", phrase: "neither is set" },
  },

  // Codes.
  code("letters in it", "12ab56"),
  code("three digits", "123"),
  code("nine digits", "123456789"),
  code("full-width digits", "７３９２５１"),
  code("leading space", " 739251"),
  code("spaces inside", "73 92 51"),
  code("newline inside", "7392\n51"),
  code("a fractional JS number", 7392.51),
  code("a JS number with too many digits", 7392510001),
  // A missing code is no failure at preview: `alicloud-secure-phone up` hands codes over at up, and create
  // refuses to bind without one.
  {
    name: "code: missing for a new phone binding (judged at up)",
    site: "international",
    news: { accountId: ACCOUNT, secureMobilePhone: PHONE },
    expected: "pass",
  },
  {
    name: "code: empty string (judged at up)",
    site: "international",
    news: { accountId: ACCOUNT, secureMobilePhone: PHONE, verificationCode: "" },
    expected: "pass",
  },

  // Account IDs: injection-looking text, JS numbers, other digit systems, lengths.
  account("SQL injection", `${ACCOUNT}; DROP TABLE accounts`),
  account("quote injection", `${ACCOUNT}' OR '1'='1`),
  account("path traversal", "../../etc/passwd"),
  account("script tag", "<script>alert(1)</script>"),
  account("template text", "${process.env.HOME}"),
  account("a parameter smuggled in", `${ACCOUNT}&SecureMobilePhone=${PHONE}`),
  account("full-width digits", "１５１００００００００００１０１"),
  account("leading space", ` ${ACCOUNT}`),
  account("negative", `-${ACCOUNT}`),
  account("hexadecimal", "0x1510"),
  account("300 digits", "1".repeat(300)),
  account("a JS number beyond 2^53", 2 ** 53 + 2, {
    property: "",
    phrase: "accountId must be the member's account ID as a string of digits; this number cannot stand for one exactly",
  }),
  account("a negative JS number", -1510000000000101, { property: "", phrase: "cannot stand for one exactly" }),
  account("a fractional JS number", 1.5, { property: "", phrase: "cannot stand for one exactly" }),
  account("a phone number in the wrong key", PHONE),
  account("empty", "", { property: "accountId", phrase: "is required" }),
  account("null", null, { property: "accountId", phrase: "is required" }),

  // Rebinds of a bound member.
  {
    name: "rebind: another number",
    site: "international",
    olds: { accountId: ACCOUNT, secureMobilePhone: PHONE },
    news: { accountId: ACCOUNT, secureMobilePhone: "1-6505550199", verificationCode: CODE },
    expected: REBIND,
  },
  {
    name: "rebind: number to inheritance",
    site: "china",
    olds: { accountId: ACCOUNT, secureMobilePhone: CN_PHONE },
    news: { accountId: ACCOUNT, inheritSecureMobilePhoneFrom: INHERIT },
    expected: REBIND,
  },
  {
    name: "rebind: inheritance to a number",
    site: "china",
    olds: { accountId: ACCOUNT, inheritSecureMobilePhoneFrom: INHERIT },
    news: { accountId: ACCOUNT, secureMobilePhone: CN_PHONE, verificationCode: CODE },
    expected: REBIND,
  },
  {
    name: "rebind: the number removed",
    site: "international",
    olds: { accountId: ACCOUNT, secureMobilePhone: PHONE },
    news: { accountId: ACCOUNT },
    expected: { property: "", phrase: "declared now: no number" },
  },
  {
    name: "rebind: the number reformatted with +",
    site: "international",
    olds: { accountId: ACCOUNT, secureMobilePhone: PHONE },
    news: { accountId: ACCOUNT, secureMobilePhone: "+1-6505550123" },
    expected: REBIND,
  },

  // adoptExisting of the wrong type.
  {
    name: "adoptExisting: the string true",
    site: "china",
    news: { accountId: ACCOUNT, inheritSecureMobilePhoneFrom: INHERIT, adoptExisting: "true" },
    expected: { property: "adoptExisting", phrase: "must be true or false" },
  },
  {
    name: "adoptExisting: a number",
    site: "china",
    news: { accountId: ACCOUNT, inheritSecureMobilePhoneFrom: INHERIT, adoptExisting: 1 },
    expected: { property: "adoptExisting", phrase: "must be true or false" },
  },

  // Unknown values (computed in the same run): these must pass.
  // Exact numbers are taken as their digits: a YAML program gets digit-only stack config as numbers.
  {
    name: "number: an exact account ID as a JS number",
    site: "china",
    news: { accountId: 1510000000000101, inheritSecureMobilePhoneFrom: INHERIT },
    expected: "pass",
  },
  {
    name: "number: a code as a JS number",
    site: "international",
    news: { accountId: ACCOUNT, secureMobilePhone: PHONE, verificationCode: 739251 },
    expected: "pass",
  },
  {
    name: "unknown: account id",
    site: "international",
    news: { accountId: UNKNOWN, secureMobilePhone: PHONE, verificationCode: CODE },
    expected: "pass",
  },
  {
    name: "unknown: phone",
    site: "international",
    news: { accountId: ACCOUNT, secureMobilePhone: UNKNOWN, verificationCode: CODE },
    expected: "pass",
  },
  {
    name: "unknown: code",
    site: "international",
    news: { accountId: ACCOUNT, secureMobilePhone: PHONE, verificationCode: UNKNOWN },
    expected: "pass",
  },
  {
    name: "unknown: inheritance beside a phone",
    site: "china",
    news: {
      accountId: ACCOUNT,
      secureMobilePhone: CN_PHONE,
      verificationCode: CODE,
      inheritSecureMobilePhoneFrom: UNKNOWN,
    },
    expected: "pass",
  },
  {
    name: "unknown: everything",
    site: "china",
    news: {
      accountId: UNKNOWN,
      secureMobilePhone: UNKNOWN,
      verificationCode: UNKNOWN,
      inheritSecureMobilePhoneFrom: UNKNOWN,
      adoptExisting: UNKNOWN,
    },
    expected: "pass",
  },
  {
    name: "unknown: adoptExisting without a code",
    site: "international",
    news: { accountId: ACCOUNT, secureMobilePhone: PHONE, adoptExisting: UNKNOWN },
    expected: "pass",
  },
  {
    name: "unknown: account id of a bound binding, another number",
    site: "international",
    olds: { accountId: ACCOUNT, secureMobilePhone: PHONE },
    news: { accountId: UNKNOWN, secureMobilePhone: "1-6505550199" },
    expected: "pass",
  },
  {
    name: "unknown: new number for a bound member",
    site: "international",
    olds: { accountId: ACCOUNT, secureMobilePhone: PHONE },
    news: { accountId: ACCOUNT, secureMobilePhone: UNKNOWN },
    expected: "pass",
  },
];

/** The values a case must never echo: every phone and code it holds, as strings. */
export function secretsOf(input: BadInput): Record<string, string> {
  const named: Record<string, string> = {};
  for (const [bag, inputs] of [
    ["news", input.news],
    ["olds", input.olds ?? {}],
  ] as const) {
    for (const key of ["secureMobilePhone", "verificationCode"] as const) {
      const value = inputs[key];
      // Strings and numbers only: `true` or an object is no number a message could echo.
      if (
        (typeof value === "string" || typeof value === "number") &&
        value !== UNKNOWN &&
        String(value).trim().length >= 4
      )
        named[`${bag}.${key}`] = String(value);
    }
  }
  return named;
}
