/**
 * The summary at the end of `up`: bound, skipped and failed counted from the prompts and the state, every RequestId
 * listed, no number shown, and whether running up again helps.
 */

import { describe, expect, it } from "vitest";
import type { Outcome } from "../../../cli/up/collect";
import { summarize } from "../../../cli/up/summary";

const binding = (name: string, accountId: string) => ({
  urn: `urn:${name}`,
  name,
  accountId,
  secureMobilePhone: "1-6505550123",
});

describe("summarize", () => {
  it("counts bound, skipped and failed from the prompts and the state after up, with every RequestId and no number", () => {
    const outcomes: Outcome[] = [
      { kind: "code", binding: binding("a", "1"), sendRequestIds: ["S-1"], verificationCode: "482913", expiresAt: 0 },
      {
        kind: "code",
        binding: binding("b", "2"),
        sendRequestIds: ["S-2", "S-3"],
        verificationCode: "111111",
        expiresAt: 0,
      },
      { kind: "skipped", binding: binding("c", "3"), sendRequestIds: ["S-4"], why: "skipped at the prompt" },
      {
        kind: "failed",
        binding: binding("d", "4"),
        sendRequestIds: [],
        why: "SendVerificationCodeForBindSecureMobilePhone for account 4 failed with X",
      },
    ];
    const summary = summarize(
      outcomes,
      new Map([["urn:a", { requestId: "B-1" }]]),
      [{ urn: "urn:e", name: "e", reason: "not known yet", waitsForUp: true }],
      true,
    );
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

  it("after a permanent failure, does not say that running up again binds the others; a refused code typed at the prompt may be retried", () => {
    const refused =
      "BindSecureMobilePhone for account 1 failed with Invalid.VerificationCode: the code is wrong (RequestId: B-1)";
    const mismatch =
      "BindSecureMobilePhone for account 2 failed with AccountTypeMismatch: only ResourceAccount (RequestId: B-2)";
    const outcomes: Outcome[] = [
      { kind: "code", binding: binding("a", "1"), sendRequestIds: ["S-1"], verificationCode: "482913", expiresAt: 0 },
      { kind: "code", binding: binding("b", "2"), sendRequestIds: ["S-2"], verificationCode: "111111", expiresAt: 0 },
    ];
    const both = summarize(outcomes, new Map(), [], true, {
      failures: new Map([
        ["urn:a", refused],
        ["urn:b", mismatch],
      ]),
    });
    expect(both.lines).toEqual([
      "Summary: 0 bound, 0 skipped, 2 failed.",
      `  failed   a (account 1, 1-650****0123): pulumi up did not bind it: ${refused}; SendVerificationCode RequestId S-1`,
      `  failed   b (account 2, 1-650****0123): pulumi up did not bind it: ${mismatch}; SendVerificationCode RequestId S-2 [fix first: running up again would fail the same way]`,
      "Run `npx alicloud-secure-phone up` again to bind the ones not marked [fix first]: it asks only for bindings still pending.",
      "Those marked [fix first] fail the same way on every run until what their error says is done.",
    ]);
    const permanent = summarize([outcomes[1]], new Map(), [], true, { failures: new Map([["urn:b", mismatch]]) });
    expect(permanent.lines.join("\n")).not.toContain("again to bind");
    expect(permanent.lines.at(-1)).toBe(
      "Those marked [fix first] fail the same way on every run until what their error says is done.",
    );
  });

  it("counts the bindings up did not ask for: a declared code, inheritance, adoption", () => {
    const created = [
      { urn: "urn:a", name: "a", accountId: "1", maskedSecureMobilePhone: "1-650****0123", source: "code" as const },
      { urn: "urn:d", name: "d", accountId: "4", maskedSecureMobilePhone: "1-650****0123", source: "code" as const },
      { urn: "urn:i", name: "i", accountId: "5", source: "inherit" as const },
      { urn: "urn:o", name: "o", accountId: "6", source: "adopt" as const },
    ];
    const outcomes: Outcome[] = [
      { kind: "code", binding: binding("a", "1"), sendRequestIds: ["S-1"], verificationCode: "482913", expiresAt: 0 },
    ];
    const state = new Map(["urn:a", "urn:d", "urn:i", "urn:o"].map((urn) => [urn, { requestId: `B-${urn.slice(4)}` }]));
    const summary = summarize(outcomes, state, [], true, { created });
    expect(summary).toMatchObject({ bound: 4, skipped: 0, failed: 0 });
    expect(summary.lines).toEqual([
      "Summary: 4 bound, 0 skipped, 0 failed.",
      "  bound    a (account 1, 1-650****0123): SendVerificationCode RequestId S-1; BindSecureMobilePhone RequestId B-a",
      "  bound    d (account 4, 1-650****0123): its code declared in the program; BindSecureMobilePhone RequestId B-d",
      "  bound    i (account 5): inherited; BindSecureMobilePhone RequestId B-i",
      "  bound    o (account 6): adopted: its phone was bound already; no bind call",
    ]);
  });
});
