/**
 * diffBinding: a new accountId replaces, a new phone or inheritance is an update, and a new code, adoptExisting or
 * provider text is no change.
 */

import { describe, expect, it } from "vitest";
import { diffBinding } from "../../provider/rules/diff";
import { UNKNOWN } from "../../provider/rules/inputs";

const stored = {
  accountId: "1510000000000101",
  secureMobilePhone: "1-6505550100",
  maskedSecureMobilePhone: "1-650****0100",
  requestId: "0217AFEB-5318-56D4-B167-1933D83EDF3F",
  adopted: false,
  __provider: "exports.handler = __f0; /* version 0.1.0 */",
};
const sameInputs = {
  accountId: stored.accountId,
  secureMobilePhone: stored.secureMobilePhone,
  verificationCode: "482913",
};

describe("diffBinding", () => {
  it("shows no change for the same inputs", () => {
    expect(diffBinding(stored, { ...sameInputs, __provider: stored.__provider })).toEqual({
      changes: false,
      replaces: [],
      deleteBeforeReplace: false,
    });
  });

  it("ignores a new verification code: the code is spent once bound", () => {
    expect(diffBinding(stored, { ...sameInputs, verificationCode: "999999" }).changes).toBe(false);
  });

  it("ignores the __provider text, so a package upgrade shows no update", () => {
    expect(
      diffBinding(stored, { ...sameInputs, __provider: "exports.handler = __f0; /* version 0.2.0 */" }).changes,
    ).toBe(false);
  });

  it("ignores adoptExisting and the derived masked number", () => {
    expect(
      diffBinding(stored, { ...sameInputs, adoptExisting: true, maskedSecureMobilePhone: "x" } as never).changes,
    ).toBe(false);
  });

  it("replaces for a new accountId, known or not yet known", () => {
    expect(diffBinding(stored, { ...sameInputs, accountId: "1510000000000999" })).toMatchObject({
      changes: true,
      replaces: ["accountId"],
    });
    expect(diffBinding(stored, { ...sameInputs, accountId: UNKNOWN })).toMatchObject({
      changes: true,
      replaces: ["accountId"],
    });
  });

  it("reports a new phone or inheritance as an update (which update then refuses)", () => {
    expect(diffBinding(stored, { ...sameInputs, secureMobilePhone: "1-6505550199" })).toMatchObject({
      changes: true,
      replaces: [],
    });
    expect(
      diffBinding(stored, { accountId: stored.accountId, inheritSecureMobilePhoneFrom: "ManagementAccount" }),
    ).toMatchObject({ changes: true, replaces: [] });
  });
});
