/**
 * The codes `up` hands over to the provider through the environment: encoded and parsed back, given only for exactly
 * the same account and number, bad text refused without any value.
 */

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  HANDED_OVER_CODES_VARIABLE,
  encodeHandedOverCodes,
  handOverKey,
  handedOverCode,
  parseHandedOverCodes,
} from "../provider/handshake";

const ACCOUNT = "1510000000000101";
const PHONE = "1-6505550123";

describe("handed-over codes", () => {
  it("round-trips what the CLI encodes, keyed by account and number", () => {
    const codes = fc.array(
      fc.record({
        accountId: fc.stringMatching(/^[0-9]{16}$/),
        secureMobilePhone: fc.stringMatching(/^[1-9][0-9]{0,2}-[0-9]{4,12}$/),
        verificationCode: fc.stringMatching(/^[0-9]{4,8}$/),
      }),
    );
    fc.assert(
      fc.property(codes, (list) => {
        const parsed = parseHandedOverCodes(encodeHandedOverCodes(list));
        for (const entry of list) {
          const last = list
            .filter(
              (e) =>
                handOverKey(e.accountId, e.secureMobilePhone) === handOverKey(entry.accountId, entry.secureMobilePhone),
            )
            .pop()!;
          expect(parsed.get(handOverKey(entry.accountId, entry.secureMobilePhone))).toBe(last.verificationCode);
        }
      }),
    );
  });

  it("gives the code only for exactly the same account and number", () => {
    const env = {
      [HANDED_OVER_CODES_VARIABLE]: encodeHandedOverCodes([
        { accountId: ACCOUNT, secureMobilePhone: PHONE, verificationCode: "482913" },
      ]),
    };
    expect(handedOverCode(env, ACCOUNT, PHONE)).toBe("482913");
    expect(handedOverCode(env, ACCOUNT, "1-6505550999")).toBeUndefined();
    expect(handedOverCode(env, "1510000000000102", PHONE)).toBeUndefined();
    expect(handedOverCode({}, ACCOUNT, PHONE)).toBeUndefined();
    expect(handedOverCode({ [HANDED_OVER_CODES_VARIABLE]: "" }, ACCOUNT, PHONE)).toBeUndefined();
  });

  it.each([
    ["not JSON", `{"${ACCOUNT}/${PHONE}": 482913`, "it is not JSON"],
    ["an array", `[["${ACCOUNT}/${PHONE}", "482913"]]`, "it is not a JSON object"],
    ["a key without the number", `{"${ACCOUNT}": "482913"}`, "a key is not <account id>/<country code>-<number>"],
    [
      "a malformed number",
      `{"${ACCOUNT}/+1 650 555 0123": "482913"}`,
      "a key is not <account id>/<country code>-<number>",
    ],
    ["a code of letters", `{"${ACCOUNT}/${PHONE}": "48a913"}`, `the code for account ${ACCOUNT} is not 4 to 8 digits`],
    ["a code as a number", `{"${ACCOUNT}/${PHONE}": 482913}`, `the code for account ${ACCOUNT} is not 4 to 8 digits`],
  ])("refuses %s, naming the variable and the problem without any value", (_what, text, problem) => {
    let message = "";
    try {
      parseHandedOverCodes(text);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain(`environment variable ${HANDED_OVER_CODES_VARIABLE} is malformed: ${problem}`);
    for (const value of ["482913", "48a913", "6505550123", "650 555"]) expect(message).not.toContain(value);
  });
});
