/**
 * The bad-input corpus (bad-inputs.ts) at check level, and properties over generated inputs: check never throws, never
 * calls the service, never echoes a phone or a code.
 */

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createDynamicProvider } from "../../provider/adapters/dynamic";
import { checkBinding } from "../../provider/rules/check";
import { UNKNOWN, type BindingInputs, type Site } from "../../provider/rules/inputs";
import { maskPhone, parsePhone } from "../../provider/rules/phone";
import { leakedSecrets } from "../support/audit";
import { emulatorEnv, useEmulator } from "../support/emulator";
import { BAD_INPUTS, secretsOf } from "./bad-inputs";

const emulator = useEmulator("international");

/** check as the engine calls it: the dynamic provider, configured with the site, pointed at the emulator. */
async function check(site: Site, olds: BindingInputs, news: BindingInputs) {
  const dynamic = createDynamicProvider({
    env: () => ({ ...emulatorEnv(emulator.current, site), ALICLOUD_SECURE_PHONE_SITE: site }),
  });
  await dynamic.configure({ config: { get: () => undefined } });
  return dynamic.check(olds, news);
}

describe("the bad-input corpus at check", () => {
  it("has at least 60 inputs, most of them rejections", () => {
    expect(BAD_INPUTS.length).toBeGreaterThanOrEqual(60);
    expect(BAD_INPUTS.filter((input) => input.expected !== "pass").length).toBeGreaterThanOrEqual(60);
  });

  it.each(BAD_INPUTS.map((input) => [input.name, input] as const))("%s", async (_name, input) => {
    const { failures, inputs } = await check(input.site, input.olds ?? {}, input.news);
    expect(emulator.current.calls.count()).toBe(0);
    if (input.expected === "pass") {
      expect(failures).toEqual([]);
      return;
    }
    const { property, phrase } = input.expected;
    expect(failures.map((failure) => failure.property)).toContain(property);
    expect(failures.find((failure) => failure.property === property)!.reason).toContain(phrase);
    // Pulumi prints a named property's value: never a secret one.
    for (const failure of failures) expect(["secureMobilePhone", "verificationCode"]).not.toContain(failure.property);
    expect(leakedSecrets(JSON.stringify(failures), secretsOf(input))).toEqual([]);
    // The masked number added for the preview holds no secret either.
    expect(
      leakedSecrets(
        String((inputs as { maskedSecureMobilePhone?: unknown }).maskedSecureMobilePhone ?? ""),
        secretsOf(input),
      ),
    ).toEqual([]);
  });
});

describe("check properties", () => {
  const site = fc.constantFrom<Site>("international", "china");
  // Anything an engine could hand over, the unknown sentinel included.
  const value = fc.oneof(fc.anything(), fc.constant(UNKNOWN), fc.string({ unit: "grapheme" }), fc.integer());
  const inputs = fc.record(
    {
      accountId: value,
      secureMobilePhone: value,
      verificationCode: value,
      inheritSecureMobilePhoneFrom: value,
      adoptExisting: value,
    },
    { requiredKeys: [] },
  );

  it("never throws, whatever the inputs", () => {
    fc.assert(
      fc.property(inputs, inputs, site, (olds, news, s) => {
        expect(() => checkBinding(olds, news, s)).not.toThrow();
      }),
      { numRuns: 2_000 },
    );
  });

  it("never throws through the dynamic provider either, and never calls the service", async () => {
    await fc.assert(
      fc.asyncProperty(inputs, inputs, site, async (olds, news, s) => {
        await check(s, olds, news);
      }),
      { numRuns: 300 },
    );
    expect(emulator.current.calls.count()).toBe(0);
  });

  // Numbers and codes in the forms users get wrong: other digit systems, + prefixes, spaces, control characters.
  const digit = fc.constantFrom(..."0123456789", ..."０１２３４５６７８９", ..."٠١٢٣٤٥٦٧٨٩");
  const digits = (min: number, max: number) =>
    fc.array(digit, { minLength: min, maxLength: max }).map((d) => d.join(""));
  const noise = fc.constantFrom("", "+", " ", "\t", "\n", "\u0000", "\u200b", "\u00a0", "-", "--");
  const phoneLike = fc
    .tuple(noise, digits(1, 4), fc.constantFrom("-", "", " ", "\u2010"), digits(4, 16), noise)
    .map((parts) => parts.join(""));
  const codeLike = fc.tuple(noise, digits(3, 9), noise).map((parts) => parts.join(""));
  // The messages' own examples are not the user's secrets.
  const EXAMPLES = "1386606283480000 1-2025550100 1-6505550100 86-13800138000 4 to 8 digits 86-<number>";

  it("never echoes a phone or a code, and never names their properties", () => {
    fc.assert(
      fc.property(phoneLike, codeLike, phoneLike, site, (phone, code, oldPhone, s) => {
        fc.pre(![phone, code, oldPhone].some((secret) => secret.trim().length < 4 || EXAMPLES.includes(secret.trim())));
        const failures = [
          ...checkBinding({}, { accountId: "1510000000000101", secureMobilePhone: phone, verificationCode: code }, s),
          ...checkBinding(
            { accountId: "1510000000000101", secureMobilePhone: oldPhone },
            { accountId: "1510000000000101", secureMobilePhone: phone },
            s,
          ),
        ];
        for (const failure of failures) {
          expect(["secureMobilePhone", "verificationCode"]).not.toContain(failure.property);
          expect(leakedSecrets(failure.reason, { phone, code, oldPhone }, { audit: false })).toEqual([]);
        }
      }),
      { numRuns: 2_000 },
    );
  });

  it("every phone check accepts parses, round-trips, and masks without its full number", () => {
    const wellFormed = fc
      .tuple(fc.integer({ min: 1, max: 999 }), fc.stringMatching(/^[0-9]{4,14}$/))
      .map(([cc, n]) => `${cc}-${n}`);
    fc.assert(
      fc.property(fc.oneof(wellFormed, phoneLike), site, (phone, s) => {
        const failures = checkBinding(
          {},
          { accountId: "1510000000000101", secureMobilePhone: phone, verificationCode: "482913" },
          s,
        );
        if (failures.length > 0) return;
        const parsed = parsePhone(phone);
        expect(parsed).toBeDefined();
        expect(`${parsed!.countryCode}-${parsed!.subscriberNumber}`).toBe(phone);
        const masked = maskPhone(phone);
        expect(masked.startsWith(`${parsed!.countryCode}-`)).toBe(true);
        expect(masked).toContain("****");
        expect(masked).not.toContain(parsed!.subscriberNumber);
        expect(maskPhone(`${parsed!.countryCode}-${parsed!.subscriberNumber}`)).toBe(masked);
      }),
      { numRuns: 3_000 },
    );
  });
});
