import { describe, expect, it } from "vitest";
import type { Outcome } from "../../../cli/up/collect";
import { summarize } from "../../../cli/up/summary";

const binding = (name: string, accountId: string) => ({ urn: `urn:${name}`, name, accountId, secureMobilePhone: "1-6505550123" });

describe("summarize", () => {
  it("counts bound, skipped and failed from the prompts and the state after up, with every RequestId and no number", () => {
    const outcomes: Outcome[] = [
      { kind: "code", binding: binding("a", "1"), sendRequestIds: ["S-1"], verificationCode: "482913", expiresAt: 0 },
      { kind: "code", binding: binding("b", "2"), sendRequestIds: ["S-2", "S-3"], verificationCode: "111111", expiresAt: 0 },
      { kind: "skipped", binding: binding("c", "3"), sendRequestIds: ["S-4"], why: "skipped at the prompt" },
      { kind: "failed", binding: binding("d", "4"), sendRequestIds: [], why: "SendVerificationCodeForBindSecureMobilePhone for account 4 failed with X" },
    ];
    const summary = summarize(outcomes, new Map([["urn:a", { requestId: "B-1" }]]), [{ urn: "urn:e", name: "e", reason: "not known yet", waitsForUp: true }], true);
    expect(summary).toMatchObject({ bound: 1, skipped: 2, failed: 2 });
    expect(summary.lines).toEqual([
      "Summary: 1 bound, 2 skipped, 2 failed.",
      "  bound    a (account 1, 1-650****0123): SendVerificationCode RequestId S-1; BindSecureMobilePhone RequestId B-1",
      "  failed   b (account 2, 1-650****0123): pulumi up did not bind it (its error is in the output above); SendVerificationCode RequestId S-2, S-3",
      "  skipped  c (account 3, 1-650****0123): skipped at the prompt, left unbound; SendVerificationCode RequestId S-4",
      "  failed   d (account 4, 1-650****0123): SendVerificationCodeForBindSecureMobilePhone for account 4 failed with X",
      "  not asked  e: not known yet",
      "Run `npx alicloud-secure-phone up` again to bind the others: it asks only for bindings still pending.",
    ]);
    expect(summary.lines.join("\n")).not.toContain("482913");
  });
});
