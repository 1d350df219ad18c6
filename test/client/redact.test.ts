/**
 * Redaction of text that may reach a user: known secrets in any spelling, secret request parameters, the echoed string
 * to sign and phone-shaped text are hidden; account and request ids stay.
 */

import { describe, expect, it } from "vitest";
import { SERVICE_ERRORS, describeServiceError, guidanceSentence } from "../../provider/client/errors";
import { COMMAND_LINE, PROGRAM } from "../../provider/surface";
import { redact } from "../../provider/client/redact";
import * as messages from "../../provider/messages";

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
    const clean = redact(
      "Specified signature is not matched with our calculation. server string to sign is:POST&%2F&AccessKeyId%3D...",
    );
    expect(clean).toBe(
      "Specified signature is not matched with our calculation. (the string to sign the service echoed is left out)",
    );
  });

  it("masks anything shaped like a phone number", () => {
    expect(redact("bound 86-13800138000 and +1-6505550100")).toBe("bound 86-138****8000 and 1-650****0100");
  });

  it("never masks part of an account ID: a code or a number's digits inside one are not that secret (issue 24, point 8)", () => {
    // A wrong code typed as 000000, in the failure about account 1510000000010002: the ID showed as 151***0010002.
    const text = "SecureMobilePhoneBinding for account 1510000000010002: Invalid.VerificationCode (you typed 000000)";
    expect(redact(text, ["000000"])).toBe(
      "SecureMobilePhoneBinding for account 1510000000010002: Invalid.VerificationCode (you typed ***)",
    );
    expect(redact("account 1516505550100000; VerificationCode=000000", ["1-6505550100", "000000"])).toBe(
      "account 1516505550100000; VerificationCode=***",
    );
    // Where the secret stands alone, or beside letters and signs, it is hidden as before.
    expect(redact("code:000000, ref000000x, 6505550100.", ["000000", "1-6505550100"])).toBe("code:***, ref***x, ***.");
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
    expect(redact("Invalid.VerificationCode: x VerificationCode: 482913")).toBe(
      "Invalid.VerificationCode: x VerificationCode: ***",
    );
  });

  it("still hides a value after a dotted name: only prose is spared, not a place", () => {
    expect(redact("Request.VerificationCode=482913 Body.SecureMobilePhone: 16505550100")).toBe(
      "Request.VerificationCode=*** Body.SecureMobilePhone: ***",
    );
  });
});

describe("redact: words are not values", () => {
  it("keeps the words after an error code: `Invalid.VerificationCode: the verification code is wrong`", () => {
    const text =
      "BindSecureMobilePhone for account 1510000000000101 failed with Invalid.VerificationCode: the verification code is wrong";
    expect(redact(text)).toBe(text);
  });

  it.each([
    ["VerificationCode=123456", "123456"],
    ["VerificationCode: 123456", "123456"],
    ["VerificationCode: MTIzNDU2", "MTIzNDU2"],
    ["VerificationCode%3D123456", "123456"],
    ['VerificationCode: "the"', "the"],
    ['{"SecureMobilePhone":"1650*****23"}', "1650*****23"],
    ['{"SecureMobilePhone":"16505550123"}', "16505550123"],
    ['"SecureMobilePhone": "+1 6505550123"', "6505550123"],
    ["SecurityToken: CAISabc", "CAISabc"],
  ])("still hides a secret-shaped value: %s", (text, secret) => {
    expect(redact(text)).not.toContain(secret);
  });

  it("still drops an echoed string to sign after a message of the table", () => {
    const clean = redact(
      `SignatureDoesNotMatch: ${guidanceSentence("SignatureDoesNotMatch")} server string to sign is:POST&%2F&VerificationCode%3D482913`,
    );
    expect(clean).not.toContain("482913");
    expect(clean).toContain(guidanceSentence("SignatureDoesNotMatch"));
  });
});

describe("redact keeps every word of every message", () => {
  // As a program says them, and as the command line does (its own words for settings and options).
  const table = [...Object.keys(SERVICE_ERRORS), "Throttling.User"].flatMap((code) =>
    [PROGRAM, COMMAND_LINE].map((surface) =>
      describeServiceError(
        "BindSecureMobilePhone",
        "1510000000000101",
        code,
        "service text",
        "0217AFEB-5318-56D4-B167-1933D83EDF3F",
        surface,
      ),
    ),
  );
  const account = "1510000000000101";
  const masked = "1-650****0100";
  // Every function of messages.ts, with the arguments a run hands it (numbers only ever masked or declared).
  const calls: Record<keyof typeof messages, () => string> = {
    invalidInputMessage: () => messages.invalidInputMessage([{ property: "accountId", reason: "must be digits" }]),
    pendingCodeWarning: () =>
      messages.pendingCodeWarning(account, "1-6505550100") +
      messages.pendingCodeWarning(account, "1-6505550100", true) +
      messages.pendingCodeWarning(undefined, "1-6505550100", false, true),
    replacementWarning: () =>
      messages.replacementWarning(account, "1510000000000102", masked) +
      messages.replacementWarning(account, "1510000000000102", undefined),
    memberMissingMessage: () => messages.memberMissingMessage(account, "R-1"),
    alreadyBoundMessage: () =>
      messages.alreadyBoundMessage(account, masked, "R-1", false) +
      messages.alreadyBoundMessage(account, masked, "R-1", true),
    nothingToAdoptMessage: () => messages.nothingToAdoptMessage(account),
    noVerificationCodeMessage: () =>
      messages.noVerificationCodeMessage(account, "1-6505550100", false) +
      messages.noVerificationCodeMessage(account, "1-6505550100", true),
    importBadIdMessage: () => messages.importBadIdMessage("must be digits"),
    importMemberMissingMessage: () => messages.importMemberMissingMessage(account, "R-1"),
    importNothingBoundMessage: () => messages.importNothingBoundMessage(account, "R-1"),
    rebindingRefusedMessage: () =>
      messages.rebindingRefusedMessage(account, "the secure mobile phone of this member is already bound"),
    shownMismatchMessage: () =>
      messages.shownMismatchMessage(account, "1-650******23", masked, "create") +
      messages.shownMismatchMessage(account, "1-650******23", masked, "state"),
    adoptedShownMessage: () => messages.adoptedShownMessage(account, masked),
    deleteWarning: () =>
      messages.deleteWarning(account, masked, { shown: true, inherited: false }) +
      messages.deleteWarning(account, undefined, { shown: false, inherited: false }) +
      messages.deleteWarning(account, "inherited from ManagementAccount", { shown: true, inherited: true }),
    importCommandHint: () =>
      messages.importCommandHint("alicloud-secure-phone:resourcemanager:SecureMobilePhoneBinding", "b", account, true),
    unknownTypeMessage: () => messages.unknownTypeMessage("x:y:Z", ["a:b:C"]),
  };

  it("covers every message function", () => {
    expect(Object.keys(calls).sort()).toEqual(
      Object.keys(messages)
        .filter((k) => typeof (messages as Record<string, unknown>)[k] === "function")
        .sort(),
    );
  });

  it.each([...table, ...Object.values(calls).map((call) => call())])("%s", (text) => {
    const words = (t: string) => t.split(/\s+/).filter(Boolean);
    expect(words(redact(text))).toEqual(words(text));
  });
});
