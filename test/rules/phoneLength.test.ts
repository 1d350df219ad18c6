/**
 * The mobile number lengths: the length a tabled country code requires, the E.164 bounds, and phoneProblem judging the
 * length of a number about to be bound only.
 */

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { phoneProblem } from "../../provider/rules/check";
import { parsePhone } from "../../provider/rules/phone";
import { MOBILE_NUMBER_LENGTHS, phoneLengthProblem } from "../../provider/rules/phoneLength";

const problemOf = (phone: string) => phoneLengthProblem(parsePhone(phone)!);

describe("phoneLengthProblem", () => {
  it.each([
    "1-6505550100",
    "86-13800138000",
    "852-91234567",
    "44-7700900123",
    "886-912345678",
    "65-81234567",
    "61-412345678",
    "81-9012345678",
  ])("accepts %s", (phone) => expect(problemOf(phone)).toBeUndefined());

  it("refuses the issue's 1-650555, saying what a NANP number has and not the number", () => {
    const problem = problemOf("1-650555")!;
    expect(problem).toBe(
      'has too few digits for country code 1: a mobile number there has exactly 10 digits after "1-" (ITU-T E.164 national numbering plan), without a leading 0.',
    );
    expect(problem).not.toContain("650555");
  });

  it("refuses a number written with its trunk 0", () => {
    expect(problemOf("44-07700900123")).toContain("has too many digits for country code 44");
  });

  it("keeps every entry within E.164: a 1-3 digit country code, 15 digits in all", () => {
    for (const [code, length] of Object.entries(MOBILE_NUMBER_LENGTHS)) {
      expect(code).toMatch(/^[1-9][0-9]{0,2}$/);
      expect(code.length + length).toBeLessThanOrEqual(15);
      expect(parsePhone(`${code}-${"9".repeat(length)}`), code).toBeDefined();
    }
  });

  const tabled = fc.constantFrom(...Object.keys(MOBILE_NUMBER_LENGTHS));
  const digits = (min: number, max: number) => fc.stringMatching(new RegExp(`^[0-9]{${min},${max}}$`));

  it("accepts exactly the table's length for a tabled code, and refuses any other without repeating the digits", () => {
    fc.assert(
      fc.property(tabled, digits(4, 14), (code, number) => {
        fc.pre(code.length + number.length <= 15);
        const problem = problemOf(`${code}-${number}`);
        if (number.length === MOBILE_NUMBER_LENGTHS[code]) {
          expect(problem).toBeUndefined();
          return;
        }
        expect(problem).toContain(`exactly ${MOBILE_NUMBER_LENGTHS[code]} digits after "${code}-"`);
        expect(problem).not.toContain(number);
      }),
      { numRuns: 2_000 },
    );
  });

  it("leaves every other country code to the general 4-14 digit rule", () => {
    const untabled = fc
      .integer({ min: 1, max: 999 })
      .map(String)
      .filter((code) => !(code in MOBILE_NUMBER_LENGTHS));
    fc.assert(
      fc.property(untabled, digits(4, 12), (code, number) => {
        expect(problemOf(`${code}-${number}`)).toBeUndefined();
      }),
    );
  });
});

describe("phoneProblem with the lengths", () => {
  it("names the field and judges the length of a number about to be bound only", () => {
    expect(phoneProblem("1-650555", "international", "--phone")).toMatch(
      /^--phone has too few digits for country code 1/,
    );
    expect(phoneProblem("86-1390000123", "china", "secureMobilePhone")).toContain("exactly 11 digits");
    // A number already bound (no site given) was taken by the service: not judged again.
    expect(phoneProblem("1-650555", undefined, "secureMobilePhone")).toBeUndefined();
  });
});
