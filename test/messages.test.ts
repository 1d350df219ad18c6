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
      messages.noVerificationCodeMessage("1510000000000101", PHONE),
    ];
    for (const text of texts) {
      expect(text).toContain("1-650****0123");
      expect(text).not.toContain(PHONE);
    }
  });

  it("say so when an imported binding never declared its number", () => {
    expect(messages.deleteWarning("1510000000000101", undefined)).toContain("a number this stack never declared");
  });

  it("name the nested resource's parent in the import command", () => {
    const type = "alicloud-secure-phone:resourcemanager:SecureMobilePhoneBinding";
    expect(messages.importCommandHint(type, "p", "151", false)).toContain(
      `\`pulumi import ${type} p 151 --protect=false --generate-code=false --yes\`, then \`pulumi up\`.`,
    );
    expect(messages.importCommandHint(type, "p", "151", true)).toContain("(with --parent <URN of its parent>");
  });
});
