/**
 * The shown-number rule (provider/rules/shownPhone.ts): does the number GetAccount shows, full or masked, match
 * the declared one? Equal forms match, a shown digit that differs never does, anything else cannot tell.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { shownPhone } from "../../emulator/phone-display";
import { maskPhone } from "../../provider/rules/phone";
import { MIN_SHOWN_SUBSCRIBER_DIGITS, displayShownPhone, matchShownPhone } from "../../provider/rules/shownPhone";

const declared = "1-6505550123";

describe("matchShownPhone", () => {
  it.each([
    ["1-6505550123", "the same number"],
    ["16505550123", "without the dash"],
    ["+16505550123", "with a plus"],
    ["+1-6505550123", "with a plus and the dash"],
    ["+1 650 555 0123", "with spaces"],
    ["6505550123", "without the country code"],
  ])("matches a full %j (%s)", (shown) => {
    expect(matchShownPhone(shown, declared)).toBe("match");
  });

  it.each([
    ["1650*****23", "the emulator's console style"],
    ["1-650***0123", "a dash, one star per digit"],
    ["650*****23", "without the country code"],
    ["+1-******0123", "a plus, stars first"],
    ["1******0123", "stars from the country code on"],
    ["*-6505****23", "the country code hidden"],
    ["65**55**23", "two runs of stars"],
  ])("matches a masked %j (%s)", (shown) => {
    expect(matchShownPhone(shown, declared)).toBe("match");
  });

  it.each([
    ["1-6505550124", "a full number, one digit off"],
    ["44-6505550123", "another country code"],
    ["165055501234", "a full number one digit longer"],
    ["1650*****24", "a masked one whose last shown digit differs"],
    ["2650*****23", "a masked one whose country code differs"],
  ])("refuses %j (%s)", (shown) => {
    expect(matchShownPhone(shown, declared)).toBe("mismatch");
  });

  it.each([
    ["", "nothing"],
    ["hidden", "a word"],
    ["1650****2", "a masked one of another length (the stars may stand for any number of digits)"],
    ["1650****23", "a masked one as long as the number without its country code, which would differ"],
    ["1-650****0123", "maskPhone's own layout (always four stars: another length)"],
    ["1-**********", "every subscriber digit hidden"],
    ["1-650*******", "too few subscriber digits shown"],
    ["1-650-555-0123", "two dashes"],
    ["165055501x3", "a letter"],
  ])("cannot tell from %j (%s)", (shown) => {
    expect(matchShownPhone(shown, declared)).toBe("cannot tell");
  });

  it("cannot tell anything about a declared number that is not one", () => {
    expect(matchShownPhone("1-6505550123", "not a number")).toBe("cannot tell");
  });

  it("matches every number the emulator shows, in both of its showing modes, against its own number", () => {
    for (const phone of ["1-6505550123", "86-13912341234", "44-7700900123", "852-91234567", "1-1234567"]) {
      expect(matchShownPhone(shownPhone(phone, "full")!, phone)).toBe("match");
      expect(matchShownPhone(shownPhone(phone, "masked")!, phone)).not.toBe("mismatch");
    }
    expect(matchShownPhone(shownPhone("86-13912341234", "masked")!, "86-13912341234")).toBe("match");
    expect(matchShownPhone(shownPhone("86-13912341234", "masked")!, "86-13912341299")).toBe("mismatch");
  });
});

const phoneArbitrary = fc
  .tuple(fc.stringMatching(/^[1-9][0-9]{0,2}$/), fc.stringMatching(/^[0-9]{4,12}$/))
  .map(([country, subscriber]) => `${country}-${subscriber}`);

/** A masking of a number: some places starred, spelled with or without the dash, plus and country code. */
const maskingOf = (phone: string) =>
  fc
    .tuple(
      fc.array(fc.boolean(), { minLength: phone.length, maxLength: phone.length }),
      fc.constantFrom("dash", "no dash", "plus", "subscriber only"),
    )
    .map(([hide, spelling]) => {
      const [country, subscriber] = phone.split("-");
      const star = (text: string, offset: number) => [...text].map((c, i) => (hide[offset + i] ? "*" : c)).join("");
      const [c, s] = [star(country, 0), star(subscriber, country.length)];
      const text = spelling === "subscriber only" ? s : spelling === "dash" ? `${c}-${s}` : `${c}${s}`;
      return {
        text: spelling === "plus" ? `+${text}` : text,
        shownSubscriberDigits: [...s].filter((x) => x !== "*").length,
      };
    });

describe("matchShownPhone: properties", () => {
  it("always matches a number against any masking of itself that shows enough digits, and never refuses it", () => {
    fc.assert(
      fc.property(
        phoneArbitrary.chain((phone) => fc.tuple(fc.constant(phone), maskingOf(phone))),
        ([phone, masking]) => {
          const result = matchShownPhone(masking.text, phone);
          expect(result).not.toBe("mismatch");
          const subscriberLength = phone.split("-")[1].length;
          if (masking.shownSubscriberDigits >= Math.min(MIN_SHOWN_SUBSCRIBER_DIGITS, subscriberLength)) {
            expect(result).toBe("match");
          }
        },
      ),
    );
  });

  it("never matches two numbers of one shape that differ in a shown digit", () => {
    fc.assert(
      fc.property(
        phoneArbitrary.chain((phone) =>
          fc.tuple(fc.constant(phone), maskingOf(phone), fc.nat(), fc.integer({ min: 1, max: 9 })),
        ),
        ([phone, masking, at, shift]) => {
          // Change one digit that the masking shows (in the other number, which has the same shape).
          const shownPlaces = [...masking.text].map((c, i) => (/[0-9]/.test(c) ? i : -1)).filter((i) => i >= 0);
          fc.pre(shownPlaces.length > 0);
          const place = shownPlaces[at % shownPlaces.length];
          const changed = String((Number(masking.text[place]) + shift) % 10);
          const otherShown = masking.text.slice(0, place) + changed + masking.text.slice(place + 1);
          // `otherShown` is a masking of another number; the declared `phone` differs from it in a shown digit.
          expect(matchShownPhone(otherShown, phone)).not.toBe("match");
        },
      ),
    );
  });
});

describe("displayShownPhone", () => {
  it.each([
    ["1650*****23", "1-650******23"],
    ["1-6505550123", "1-650****0123"],
    ["6505550123", "650****0123"],
    ["+1 650 555 0199", "1-650****0199"],
  ])("shows %j in maskPhone's layout, no digit more than the service showed: %j", (shown, expected) => {
    expect(displayShownPhone(shown, declared)).toBe(expected);
  });

  it("never shows a full number", () => {
    fc.assert(
      fc.property(
        phoneArbitrary.chain((phone) => fc.tuple(fc.constant(phone), maskingOf(phone), phoneArbitrary)),
        ([phone, masking, other]) => {
          for (const [shown, number] of [
            [phone, phone],
            [masking.text, phone],
            [other, other],
          ]) {
            const text = displayShownPhone(shown, phone);
            const subscriber = number.split("-")[1];
            if (subscriber.length >= 7) expect(text).not.toContain(subscriber);
          }
          expect(displayShownPhone(phone, phone)).toBe(maskPhone(phone));
        },
      ),
    );
  });

  it("never repeats the emulator's own masked text (the secrets audit looks for it)", () => {
    for (const phone of ["1-6505550123", "86-13912341234", "852-91234567", "1-1234567", "1-123456"]) {
      const shown = shownPhone(phone, "masked")!;
      expect(displayShownPhone(shown, phone)).not.toContain(shown);
    }
  });
});
