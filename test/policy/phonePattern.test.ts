import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parsePhone } from "../../provider/rules/phone";
import {
  malformedPatterns,
  parsePhonePattern,
  phoneFitsPattern,
  phoneIsApproved,
} from "../../policy/rules/phonePattern";

/** The approved-number rule: one `*` a digit, same lengths, same country code. Properties over generated numbers. */
const digits = (min: number, max: number) =>
  fc.array(fc.constantFrom(..."0123456789"), { minLength: min, maxLength: max }).map((d) => d.join(""));
const phones = fc
  .tuple(fc.constantFrom("1", "44", "86", "852"), digits(7, 11))
  .map(([countryCode, number]) => `${countryCode}-${number}`)
  .filter((phone) => parsePhone(phone) !== undefined);
/** A number and a pattern made from it by starring some of its digits. */
const starred = phones.chain((phone) =>
  fc.array(fc.boolean(), { minLength: phone.length, maxLength: phone.length }).map((stars) => ({
    phone,
    pattern: [...phone].map((char, i) => (char !== "-" && stars[i] ? "*" : char)).join(""),
  })),
);

describe("phone patterns", () => {
  it("takes the issue's example and refuses what is not a masked number", () => {
    expect(parsePhonePattern("44-77111000**")).toEqual({ countryCode: "44", subscriberNumber: "77111000**" });
    for (const bad of [
      "",
      "44 77111000**",
      "+44-77111000**",
      "44-7711100?**",
      "044-77111000",
      "44-***",
      "4444-77111000",
      "44-7711100011223344",
    ]) {
      expect(parsePhonePattern(bad)).toBeUndefined();
    }
  });

  it("fits a number to every pattern made by starring any of its digits", () => {
    fc.assert(fc.property(starred, ({ phone, pattern }) => phoneFitsPattern(phone, parsePhonePattern(pattern)!)));
  });

  it("does not fit a number whose unstarred digit differs", () => {
    fc.assert(
      fc.property(starred, fc.nat(), fc.integer({ min: 1, max: 9 }), ({ phone, pattern }, at, shift) => {
        const places = [...pattern].flatMap((char, i) => (/[0-9]/.test(char) ? [i] : []));
        fc.pre(places.length > 0);
        const i = places[at % places.length]!;
        const changed = `${phone.slice(0, i)}${(Number(phone[i]) + shift) % 10}${phone.slice(i + 1)}`;
        fc.pre(parsePhone(changed) !== undefined);
        return !phoneFitsPattern(changed, parsePhonePattern(pattern)!);
      }),
    );
  });

  it("does not fit a number one digit longer or shorter than the pattern, stars or not", () => {
    fc.assert(
      fc.property(starred, fc.constantFrom("0", "*"), ({ phone, pattern }, extra) => {
        const parsed = parsePhonePattern(`${pattern}${extra}`);
        fc.pre(parsed !== undefined);
        return !phoneFitsPattern(phone, parsed!) && !phoneFitsPattern(`${phone}1`, parsePhonePattern(pattern)!);
      }),
    );
  });

  it("approves a number when one pattern fits, and never with malformed patterns or malformed numbers", () => {
    fc.assert(
      fc.property(
        starred,
        ({ phone, pattern }) => phoneIsApproved(phone, ["1-555****", pattern]) && !phoneIsApproved(phone, ["junk"]),
      ),
    );
    expect(phoneIsApproved("86-139 0000 1234", ["**-***********"])).toBe(false);
    expect(phoneIsApproved("86-13900001234", [])).toBe(false);
  });

  it("names malformed patterns by their place only", () => {
    expect(malformedPatterns(["44-77111000**", "86 13900001234", 7, "1-650555****"])).toEqual([
      "allowedPhones[1]",
      "allowedPhones[2]",
    ]);
  });
});
