/**
 * Phone numbers: the `<country code>-<number>` form parsePhone accepts, and maskPhone, which never shows the whole
 * number.
 */

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isChinaMainlandPhone, maskPhone, parsePhone } from "../../provider/rules/phone";

describe("parsePhone", () => {
  it.each(["1-6505550100", "86-13800138000", "852-91234567", "44-7700900123"])("accepts %s", (phone) => {
    expect(parsePhone(phone)).toBeDefined();
  });

  it.each([
    ["+1-6505550100", "a plus sign"],
    ["16505550100", "no dash"],
    ["1 6505550100", "a space"],
    ["1-650-555-0100", "dashes inside the number"],
    ["0-6505550100", "a country code starting with 0"],
    ["1234-6505550100", "a four-digit country code"],
    ["1-650555010a", "a letter"],
    ["1-123", "too few digits"],
    ["86-1380013800012345", "more than 15 digits in all"],
    ["", "nothing"],
  ])("rejects %j (%s)", (phone) => {
    expect(parsePhone(phone)).toBeUndefined();
  });

  it("tells Chinese mainland numbers by their 86 country code", () => {
    expect(isChinaMainlandPhone(parsePhone("86-13800138000")!)).toBe(true);
    expect(isChinaMainlandPhone(parsePhone("852-91234567")!)).toBe(false);
  });
});

describe("maskPhone", () => {
  it("keeps the country code, three leading and four trailing digits, with four stars between", () => {
    expect(maskPhone("1-6505550100")).toBe("1-650****0100");
    expect(maskPhone("86-13800138000")).toBe("86-138****8000");
  });

  it("keeps less of short numbers, so at least half stays hidden", () => {
    expect(maskPhone("852-91234567")).toBe("852-9****67");
    expect(maskPhone("1-123456")).toBe("1-****56");
    expect(maskPhone("1-1234")).toBe("1-****34");
  });

  it("hides a value that is not a number entirely", () => {
    expect(maskPhone("86 138 0013 8000")).not.toMatch(/\d{3}/);
  });

  const validPhone = fc
    .tuple(fc.integer({ min: 1, max: 999 }), fc.stringMatching(/^[0-9]{4,12}$/))
    .map(([cc, digits]) => `${cc}-${digits}`);

  it("never shows more than seven digits, at most half of a short number, and never the whole", () => {
    fc.assert(
      fc.property(validPhone, (phone) => {
        const masked = maskPhone(phone);
        const subscriber = phone.split("-")[1];
        const shownDigits = masked.split("-")[1].replace(/\*/g, "");
        // The issue's own form for a full number (1-650****0100) shows seven; shorter ones at most half.
        expect(shownDigits.length).toBeLessThanOrEqual(subscriber.length >= 10 ? 7 : Math.floor(subscriber.length / 2));
        expect(masked).not.toContain(subscriber);
      }),
    );
  });
});
