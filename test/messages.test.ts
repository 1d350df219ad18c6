/**
 * The message texts are pure functions of their parameters; what they must never do is show a number in
 * full. Their wording is asserted where each is met (lifecycle, plugin and engine tests).
 */

import { describe, expect, it } from "vitest";
import * as messages from "../provider/messages";

const PHONE = "1-6505550123";

describe("messages", () => {
  it("show a number only masked", () => {
    const texts = [
      messages.pendingCodeWarning("1510000000000101", PHONE),
      messages.noVerificationCodeMessage("1510000000000101", PHONE, false),
      messages.noVerificationCodeMessage("1510000000000101", PHONE, true),
      messages.pendingCodeWarning("1510000000000101", PHONE, true),
    ];
    for (const text of texts) {
      expect(text).toContain("1-650****0123");
      expect(text).not.toContain(PHONE);
    }
  });

  it("say so when an imported binding never declared its number", () => {
    expect(messages.deleteWarning("1510000000000101", undefined, { shown: false, inherited: false })).toContain(
      "a number this stack never declared",
    );
  });

  it("name adoption only to a user who asked for it (issue 17: no 'nothing to adopt' on a plain up)", () => {
    expect(messages.noVerificationCodeMessage("1510000000000101", PHONE, false)).not.toContain("adopt");
    expect(messages.noVerificationCodeMessage("1510000000000101", PHONE, true)).toContain("nothing to adopt");
  });

  it("name this stack's own destroy among the causes of an already-bound member", () => {
    expect(messages.alreadyBoundMessage("151", "1-650****0123", "R-1", false)).toContain("before a `pulumi destroy`");
  });

  it("name the way back in the destroy warning: a plain up when the number is shown, else the switch or import", () => {
    const shown = messages.deleteWarning("151", "1-650****0123", { shown: true, inherited: false });
    expect(shown).toContain("run a plain `pulumi up`");
    expect(shown).not.toContain("ADOPT_EXISTING");
    for (const wayBack of [
      { shown: false, inherited: false },
      { shown: true, inherited: true },
    ]) {
      const text = messages.deleteWarning("151", "1-650****0123", wayBack);
      expect(text).toContain("`ALICLOUD_SECURE_PHONE_ADOPT_EXISTING=true pulumi up`");
      expect(text).toContain("`pulumi import`");
    }
  });

  it("under adoption, warn of a code only as one of two outcomes a preview cannot tell apart", () => {
    const text = messages.pendingCodeWarning("151", PHONE, true);
    expect(text).toContain("without a bind call if it has one already");
    expect(text).toContain("if it has none, pulumi up will need the SMS code");
  });

  it("name the nested resource's parent in the import command", () => {
    const type = "alicloud-secure-phone:resourcemanager:SecureMobilePhoneBinding";
    expect(messages.importCommandHint(type, "p", "151", false)).toContain(
      `\`pulumi import ${type} p 151 --protect=false --generate-code=false --yes\`, then \`pulumi up\`.`,
    );
    expect(messages.importCommandHint(type, "p", "151", true)).toContain("(with --parent <URN of its parent>");
  });
});
