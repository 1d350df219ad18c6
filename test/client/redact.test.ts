/**
 * Redaction of text that may reach a user: known secrets in any spelling, secret request parameters, the echoed string
 * to sign and phone-shaped text are hidden; account and request ids stay.
 */

import { describe, expect, it } from "vitest";
import { redact } from "../../provider/client/redact";

describe("redact", () => {
  it("hides the given secrets in raw and percent-encoded form", () => {
    const text = "code 735921 and key emuSecret/Value+1 (encoded emuSecret%2FValue%2B1)";
    const clean = redact(text, ["735921", "emuSecret/Value+1"]);
    expect(clean).not.toContain("735921");
    expect(clean).not.toContain("emuSecret");
  });

  it("hides the values of secret request parameters, raw or encoded", () => {
    const clean = redact(
      "POST&%2F&AccessKeyId%3DLTAI5tX%26SecureMobilePhone%3D1-6505550100%26Signature%3Dabc%253D%26VerificationCode%3D735921 url ?SecurityToken=CAIS1&x=1",
    );
    for (const secret of ["LTAI5tX", "6505550100", "abc", "735921", "CAIS1"]) expect(clean).not.toContain(secret);
    expect(clean).toContain("x=1");
  });

  it("drops the string to sign that SignatureDoesNotMatch echoes", () => {
    const clean = redact("Specified signature is not matched with our calculation. server string to sign is:POST&%2F&AccessKeyId%3D...");
    expect(clean).toBe("Specified signature is not matched with our calculation. (the string to sign the service echoed is left out)");
  });

  it("masks anything shaped like a phone number", () => {
    expect(redact("bound 86-13800138000 and +1-6505550100")).toBe("bound 86-138****8000 and 1-650****0100");
  });

  it("leaves account ids and request ids alone", () => {
    const text = "account 1510000000000101 (RequestId: 0217AFEB-5318-56D4-B167-1933D83EDF3F)";
    expect(redact(text)).toBe(text);
  });
});

describe("redact: other spellings", () => {
  it("hides a known phone however the message spells it", () => {
    const clean = redact("got 16505550100, +16505550100, +1 6505550100 and 6505550100", ["1-6505550100"]);
    expect(clean).not.toMatch(/6505550100/);
  });

  it("hides secret parameters written as JSON or as `Name: value`", () => {
    const clean = redact('{"VerificationCode":"482913","SecureMobilePhone": "1-6505550100"} SecurityToken: CAISabc');
    for (const secret of ["482913", "6505550100", "CAISabc"]) expect(clean).not.toContain(secret);
  });

  it("leaves an error code's meaning alone: Invalid.VerificationCode is no parameter", () => {
    expect(redact("failed with Invalid.VerificationCode: the verification code is wrong")).toBe(
      "failed with Invalid.VerificationCode: the verification code is wrong",
    );
    expect(redact("Invalid.VerificationCode: x VerificationCode: 482913")).toBe("Invalid.VerificationCode: x VerificationCode: ***");
  });
});
