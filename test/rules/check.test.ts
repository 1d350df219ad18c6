/** checkBinding: the rules a binding's inputs meet at preview, no rebinding, and failures that never show a secret. */

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkBinding, codeNeededAtUp } from "../../provider/rules/check";
import { UNKNOWN } from "../../provider/rules/inputs";

const ACCOUNT = "1510000000000101";
const US_PHONE = "1-6505550100";
const CN_PHONE = "86-13900001234";
const CODE = "482913";

const reasons = (failures: { reason: string }[]) => failures.map((f) => f.reason).join("\n");

describe("checkBinding: a new binding", () => {
  it("accepts a phone with a code on the international site", () => {
    expect(
      checkBinding({}, { accountId: ACCOUNT, secureMobilePhone: US_PHONE, verificationCode: CODE }, "international"),
    ).toEqual([]);
  });

  it("accepts inheritance on the China site without a code", () => {
    expect(
      checkBinding({}, { accountId: ACCOUNT, inheritSecureMobilePhoneFrom: "ManagementAccount" }, "china"),
    ).toEqual([]);
  });

  it.each([
    [undefined, "accountId", "is required"],
    ["", "accountId", "is required"],
    // A value that is set is named in words only: Pulumi prints a named property's value, and it may be a phone.
    ["15100000abc", "", "accountId must be the member's Alibaba Cloud account ID, digits only"],
    ["1-6505550123", "", "accountId must be the member's Alibaba Cloud account ID, digits only"],
    [2 ** 53 + 2, "", "cannot stand for one exactly"],
    [-1510000000000101, "", "cannot stand for one exactly"],
  ])("names accountId when it is %j", (accountId, property, expected) => {
    const failures = checkBinding({}, { accountId, inheritSecureMobilePhoneFrom: "ManagementAccount" }, "china");
    expect(failures).toHaveLength(1);
    expect(failures[0].property).toBe(property);
    expect(failures[0].reason).toContain(expected);
  });

  it("takes an account ID of exactly 16 digits, and names the count of any other (issue 24, point 9)", () => {
    const failuresFor = (accountId: string) =>
      checkBinding({}, { accountId, inheritSecureMobilePhoneFrom: "ManagementAccount" }, "china");
    expect(failuresFor("1510000000000101")).toEqual([]);
    expect(failuresFor("0123456789012345")).toEqual([]);
    for (const accountId of ["151000000000010", "15100000000001011", "1"]) {
      expect(failuresFor(accountId)).toEqual([
        {
          property: "",
          reason:
            "accountId must be the member's Alibaba Cloud account ID, digits only: 16 of them (e.g. 1386606283480000); " +
            `the value given has ${accountId.length}.`,
        },
      ]);
    }
    expect(failuresFor("15100000abc")[0].reason).not.toContain("the value given has");
  });

  it("requires exactly one of phone and inheritance", () => {
    expect(reasons(checkBinding({}, { accountId: ACCOUNT }, "china"))).toContain("neither is set");
    expect(
      reasons(
        checkBinding(
          {},
          {
            accountId: ACCOUNT,
            secureMobilePhone: CN_PHONE,
            verificationCode: CODE,
            inheritSecureMobilePhoneFrom: "ManagementAccount",
          },
          "china",
        ),
      ),
    ).toContain("both are set");
  });

  it("shows the right phone form, not the value, for a malformed number", () => {
    const failures = checkBinding(
      {},
      { accountId: ACCOUNT, secureMobilePhone: "+1 650 555 0100", verificationCode: CODE },
      "international",
    );
    expect(reasons(failures)).toContain("<country code>-<number>");
    expect(reasons(failures)).not.toContain("650 555");
  });

  it("accepts a phone without a code (it is handed over at up), and needs it then", () => {
    const noCode = { accountId: ACCOUNT, secureMobilePhone: US_PHONE };
    expect(checkBinding({}, noCode, "international")).toEqual([]);
    expect(codeNeededAtUp({}, noCode)).toBe(true);
    expect(codeNeededAtUp({}, { ...noCode, verificationCode: CODE })).toBe(false);
    expect(codeNeededAtUp({}, { ...noCode, adoptExisting: true })).toBe(false);
    expect(codeNeededAtUp({}, { ...noCode, adoptExisting: UNKNOWN })).toBe(false);
    expect(codeNeededAtUp({}, { ...noCode, secureMobilePhone: UNKNOWN })).toBe(false);
    expect(codeNeededAtUp({}, { accountId: ACCOUNT, inheritSecureMobilePhoneFrom: "ManagementAccount" })).toBe(false);
    // An account created in the same run: a new binding all the same.
    expect(codeNeededAtUp({}, { ...noCode, accountId: UNKNOWN })).toBe(true);
  });

  it("requires a code, when one is given, to be digits", () => {
    const badCode = checkBinding(
      {},
      { accountId: ACCOUNT, secureMobilePhone: US_PHONE, verificationCode: "12ab56" },
      "international",
    );
    expect(reasons(badCode)).toContain("digits of the SMS code");
    expect(reasons(badCode)).not.toContain("12ab56");
  });

  it("takes an account ID or a code that arrives as an exact number (Pulumi YAML config) as its digits", () => {
    expect(
      checkBinding(
        {},
        { accountId: 1510000000000101, secureMobilePhone: US_PHONE, verificationCode: 482913 },
        "international",
      ),
    ).toEqual([]);
    // A code that is not 4 to 8 digits is still refused, whatever its type.
    expect(
      reasons(
        checkBinding({}, { accountId: ACCOUNT, secureMobilePhone: US_PHONE, verificationCode: 12 }, "international"),
      ),
    ).toContain("digits of the SMS code");
  });

  it("accepts adoptExisting with neither a number nor inheritance: an existing binding whose number is not declared", () => {
    expect(checkBinding({}, { accountId: ACCOUNT, adoptExisting: true }, "international")).toEqual([]);
    expect(reasons(checkBinding({}, { accountId: ACCOUNT }, "international"))).toContain("set adoptExisting: true");
  });

  it("does not require a code when adopting an existing binding", () => {
    expect(
      checkBinding({}, { accountId: ACCOUNT, secureMobilePhone: US_PHONE, adoptExisting: true }, "international"),
    ).toEqual([]);
  });

  it("applies the site rules", () => {
    expect(
      reasons(
        checkBinding({}, { accountId: ACCOUNT, secureMobilePhone: CN_PHONE, verificationCode: CODE }, "international"),
      ),
    ).toContain("international site");
    expect(
      reasons(checkBinding({}, { accountId: ACCOUNT, secureMobilePhone: US_PHONE, verificationCode: CODE }, "china")),
    ).toContain("Chinese mainland number (86-<number>)");
    const inherit = checkBinding(
      {},
      { accountId: ACCOUNT, inheritSecureMobilePhoneFrom: "ManagementAccount" },
      "international",
    );
    expect(inherit.map((f) => f.property)).toEqual(["inheritSecureMobilePhoneFrom"]);
    expect(inherit[0].reason).toContain("only on the China site");
  });

  it("accepts only ManagementAccount as the source of inheritance", () => {
    const failures = checkBinding({}, { accountId: ACCOUNT, inheritSecureMobilePhoneFrom: "Parent" }, "china");
    expect(failures).toEqual([
      { property: "inheritSecureMobilePhoneFrom", reason: expect.stringContaining('"ManagementAccount"') },
    ]);
  });

  it("never fails on values that are unknown during preview", () => {
    expect(
      checkBinding({}, { accountId: UNKNOWN, secureMobilePhone: UNKNOWN, verificationCode: UNKNOWN }, "international"),
    ).toEqual([]);
    expect(checkBinding({}, { accountId: UNKNOWN, inheritSecureMobilePhoneFrom: UNKNOWN }, "international")).toEqual(
      [],
    );
    // Which of phone and inheritance is set is not known yet.
    expect(
      checkBinding(
        {},
        { accountId: ACCOUNT, secureMobilePhone: UNKNOWN, inheritSecureMobilePhoneFrom: "ManagementAccount" },
        "china",
      ),
    ).toEqual([]);
    expect(
      checkBinding(
        {},
        {
          accountId: ACCOUNT,
          secureMobilePhone: CN_PHONE,
          verificationCode: CODE,
          inheritSecureMobilePhoneFrom: UNKNOWN,
        },
        "china",
      ),
    ).toEqual([]);
    // adoptExisting may turn out true: no code may be needed.
    expect(
      checkBinding({}, { accountId: ACCOUNT, secureMobilePhone: US_PHONE, adoptExisting: UNKNOWN }, "international"),
    ).toEqual([]);
  });
});

describe("checkBinding: no rebinding", () => {
  const bound = { accountId: ACCOUNT, secureMobilePhone: US_PHONE, verificationCode: CODE };

  it("refuses another number for the same member, showing both masked and the way out", () => {
    const failures = checkBinding(bound, { ...bound, secureMobilePhone: "1-6505550199" }, "international");
    expect(failures).toHaveLength(1);
    const [failure] = failures;
    expect(failure.property).toBe("");
    expect(failure.reason).toContain("cannot change a bound phone");
    expect(failure.reason).toContain("1-650****0100");
    expect(failure.reason).toContain("1-650****0199");
    expect(failure.reason).toContain("ignoreChanges");
    expect(failure.reason).not.toContain(US_PHONE);
    expect(failure.reason).not.toContain("1-6505550199");
  });

  it("refuses switching from a number to inheritance, and from inheritance to a number", () => {
    const inherited = { accountId: ACCOUNT, inheritSecureMobilePhoneFrom: "ManagementAccount" };
    expect(reasons(checkBinding(bound, inherited, "china"))).toContain("cannot change a bound phone");
    expect(
      reasons(
        checkBinding(inherited, { accountId: ACCOUNT, secureMobilePhone: CN_PHONE, verificationCode: CODE }, "china"),
      ),
    ).toContain("inherited from ManagementAccount");
  });

  it("refuses removing the number (removing does not unbind)", () => {
    expect(reasons(checkBinding(bound, { accountId: ACCOUNT }, "international"))).toContain("declared now: no number");
  });

  it("does not apply the site's rules to a number already bound (only to new bindings)", () => {
    expect(checkBinding(bound, { accountId: ACCOUNT, secureMobilePhone: US_PHONE }, "china")).toEqual([]);
    const inherited = { accountId: ACCOUNT, inheritSecureMobilePhoneFrom: "ManagementAccount" };
    expect(checkBinding(inherited, inherited, "international")).toEqual([]);
  });

  it("allows the same number with a new code, or with the code removed", () => {
    expect(checkBinding(bound, { ...bound, verificationCode: "111111" }, "international")).toEqual([]);
    expect(checkBinding(bound, { accountId: ACCOUNT, secureMobilePhone: US_PHONE }, "international")).toEqual([]);
  });

  it("allows any number for another member (a replacement), which then needs its own code", () => {
    const other = { accountId: "1510000000000999", secureMobilePhone: "1-6505550199" };
    expect(checkBinding(bound, other, "international")).toEqual([]);
    expect(codeNeededAtUp(bound, other)).toBe(true);
    expect(codeNeededAtUp(bound, { accountId: ACCOUNT, secureMobilePhone: US_PHONE })).toBe(false);
    expect(codeNeededAtUp(bound, { ...bound, accountId: UNKNOWN })).toBe(false);
    expect(checkBinding(bound, { ...other, verificationCode: "222222" }, "international")).toEqual([]);
  });

  it("lets an imported binding (in state without a number) declare its number with no code and no site rule", () => {
    const imported = { accountId: ACCOUNT, adoptExisting: true };
    expect(checkBinding(imported, { accountId: ACCOUNT, secureMobilePhone: CN_PHONE }, "international")).toEqual([]);
    expect(
      checkBinding(
        imported,
        { accountId: ACCOUNT, inheritSecureMobilePhoneFrom: "ManagementAccount" },
        "international",
      ),
    ).toEqual([]);
  });

  it("waits for unknown values instead of failing", () => {
    expect(checkBinding(bound, { ...bound, secureMobilePhone: UNKNOWN }, "international")).toEqual([]);
    // The member may be the same one, whose code was rightly removed after binding.
    expect(checkBinding(bound, { accountId: UNKNOWN, secureMobilePhone: US_PHONE }, "international")).toEqual([]);
    expect(
      checkBinding(bound, { ...bound, accountId: UNKNOWN, secureMobilePhone: "1-6505550199" }, "international"),
    ).toEqual([]);
  });
});

describe("checkBinding: secrets", () => {
  // Numbers and codes as users mistype them: digits with or without a country code, plus, spaces.
  const phoneLike = fc
    .tuple(fc.constantFrom("", "+", "1-", "86-", "852 "), fc.stringMatching(/^[0-9]{6,14}$/))
    .map(([prefix, digits]) => prefix + digits);
  const codeLike = fc.stringMatching(/^[0-9a-z]{6,9}$/);
  // The messages' own examples (1386606283480000, 1-6505550100, 86-13800138000) are not the user's secrets.
  const EXAMPLES = "1386606283480000 1-2025550100 1-6505550100 86-13800138000 verificationCode secureMobilePhone";

  it("never puts a phone or a code into a failure, and never names their properties", () => {
    fc.assert(
      fc.property(
        phoneLike,
        codeLike,
        phoneLike,
        fc.constantFrom("international" as const, "china" as const),
        (phone, code, oldPhone, site) => {
          fc.pre(![phone, code, oldPhone].some((secret) => EXAMPLES.includes(secret)));
          const failures = [
            ...checkBinding({}, { accountId: ACCOUNT, secureMobilePhone: phone, verificationCode: code }, site),
            ...checkBinding(
              { accountId: ACCOUNT, secureMobilePhone: oldPhone },
              { accountId: ACCOUNT, secureMobilePhone: phone },
              site,
            ),
          ];
          for (const failure of failures) {
            expect(["secureMobilePhone", "verificationCode"]).not.toContain(failure.property);
            for (const secret of [phone, code, oldPhone]) expect(failure.reason).not.toContain(secret);
          }
        },
      ),
    );
  });
});
