/** The conversation of `up`, against the emulator over HTTP, with scripted answers and a clock the test moves. */

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ResourceManagerClient } from "../../../provider/client/resourceManager";
import type { Answers } from "../../../cli/up/answers";
import { collectCodes, type CollectDeps } from "../../../cli/up/collect";
import type { PendingBinding } from "../../../cli/up/pending";
import { startEmulator, type RunningEmulator } from "../../../emulator";
import { emulatorSettings } from "../../support/emulator";

const PHONE = "1-6505550123";
let emulator: RunningEmulator;
let now = Date.now();

beforeAll(async () => {
  emulator = await startEmulator({ site: "international", clock: () => now, sendLimitPerAccount: 3 });
});
afterAll(async () => emulator?.close());
beforeEach(() => {
  now = Date.now();
  emulator.calls.reset();
});

function member(name: string): PendingBinding {
  const accountId = emulator.directory.addResourceAccount({ displayName: `collect-${name}` }).AccountId;
  return { urn: `urn:pulumi:test::p::t::${name}`, name, accountId, secureMobilePhone: PHONE };
}

/** Answers from a script: each entry is called at its prompt, so it can read the code sent just before. */
function scripted(script: (() => string | undefined)[]): Answers & { prompts: string[] } {
  const prompts: string[] = [];
  return {
    prompts,
    async ask(prompt) {
      prompts.push(prompt);
      return script.shift()?.();
    },
    close: () => undefined,
  };
}

function deps(answers: Answers, lines: string[]): CollectDeps {
  const client = new ResourceManagerClient(emulatorSettings(emulator, "international"));
  return {
    send: (id, phone) => client.sendVerificationCode(id, phone),
    answers,
    out: (line) => lines.push(line),
    now: () => now,
  };
}

const latest = (binding: PendingBinding) => () => emulator.codes.latest(binding.accountId, PHONE);
/** Enter at the prompt that asks before a member's first send. */
const send = () => "";
const sends = (binding?: PendingBinding) =>
  emulator.calls.count("SendVerificationCodeForBindSecureMobilePhone", binding?.accountId);

describe("collectCodes", () => {
  it("sends one code per member and takes the answer as its code, showing only the masked number", async () => {
    const [a, b] = [member("a"), member("b")];
    const lines: string[] = [];
    const answers = scripted([send, latest(a), send, latest(b)]);
    const outcomes = await collectCodes([a, b], deps(answers, lines));
    expect(outcomes.map((o) => o.kind === "code" && o.verificationCode)).toEqual([latest(a)(), latest(b)()]);
    expect(outcomes.every((o) => o.sendRequestIds.length === 1)).toBe(true);
    expect(sends()).toBe(2);
    expect(answers.prompts[0]).toBe("  Send a code to 1-650****0123? (Enter: send it, s: skip this member): ");
    expect(answers.prompts[1]).toBe("  Code from the SMS to 1-650****0123 (r: send again, s: skip this member): ");
    expect(lines.join("\n")).toContain(`[1/2] a (account ${a.accountId}, 1-650****0123)`);
    expect(lines.join("\n")).not.toContain(PHONE);
  });

  it("asks before the first send: a member skipped there costs no SMS, and the skip is printed (issue 24, point 3)", async () => {
    const [a, b] = [member("skip-before"), member("after-skip")];
    const lines: string[] = [];
    const outcomes = await collectCodes([a, b], deps(scripted([() => "s", () => "maybe", send, latest(b)]), lines));
    expect(outcomes.map((o) => o.kind)).toEqual(["skipped", "code"]);
    expect(outcomes[0]).toMatchObject({ why: "skipped at the prompt", sendRequestIds: [] });
    expect([sends(a), sends(b)]).toEqual([0, 1]);
    expect(lines).toContain("  Skipped skip-before: no code sent.");
    expect(lines).toContain("  Press Enter to send the code, or type s to skip this member.");
  });

  it("asks again after an answer that is not a code, without repeating it and without a call", async () => {
    const a = member("malformed");
    const lines: string[] = [];
    const outcomes = await collectCodes([a], deps(scripted([send, () => "12ab5", () => "123", latest(a)]), lines));
    expect(outcomes[0]).toMatchObject({ kind: "code", verificationCode: latest(a)() });
    expect(lines.filter((l) => l.includes("That is not a code"))).toHaveLength(2);
    expect(lines.join("\n")).not.toContain("12ab5");
    expect(sends(a)).toBe(1);
  });

  it("sends again on r and takes the new code; skips on s; skips the rest at the end of input", async () => {
    const [a, b, c] = [member("resend"), member("skip"), member("eof")];
    const outcomes = await collectCodes(
      [a, b, c],
      deps(scripted([send, () => "r", latest(a), send, () => "s", send]), []),
    );
    expect(outcomes.map((o) => o.kind)).toEqual(["code", "skipped", "skipped"]);
    expect(outcomes[0].sendRequestIds).toHaveLength(2);
    expect(outcomes[0]).toMatchObject({ verificationCode: latest(a)() });
    expect(outcomes[1]).toMatchObject({ why: "skipped at the prompt" });
    expect(outcomes[2]).toMatchObject({ why: "no answer (end of input)" });
    expect([sends(a), sends(b), sends(c)]).toEqual([2, 1, 1]);
  });

  it("tells a failed send with the provider's message and goes on with the next member", async () => {
    const [a, b] = [member("limit"), member("after-limit")];
    for (let i = 0; i < 3; i += 1) emulator.codes.issue(a.accountId, PHONE, now, 60_000); // the day's limit is spent
    const lines: string[] = [];
    const outcomes = await collectCodes([a, b], deps(scripted([send, send, latest(b)]), lines));
    expect(outcomes.map((o) => o.kind)).toEqual(["failed", "code"]);
    const message = lines.find((l) => l.includes("Could not send a code"))!;
    expect(message).toContain(
      `SendVerificationCodeForBindSecureMobilePhone for account ${a.accountId} failed with SendValidateCodeExceedsLimitForAccount`,
    );
    expect(message).toContain("too many verification codes were sent for this account");
    expect(message).toMatch(/RequestId: [0-9A-F-]{36}/);
    expect(message).not.toContain(PHONE);
  });

  it("sends again, and asks again, for a code that would expire before up", async () => {
    const [a, b] = [member("slow-a"), member("slow-b")];
    const lines: string[] = [];
    const firstCode = () => {
      const code = latest(a)();
      now += 14 * 60_000; // the operator takes 14 of the 15 minutes over the next member
      return code;
    };
    const outcomes = await collectCodes([a, b], deps(scripted([send, firstCode, send, latest(b), latest(a)]), lines));
    expect(lines.join("\n")).toContain(
      `a (account ${a.accountId}, 1-650****0123): its code expires before \`pulumi up\` could use it; sending a new one.`,
    );
    expect(outcomes.map((o) => o.kind)).toEqual(["code", "code"]);
    expect(outcomes[0].sendRequestIds).toHaveLength(2);
    expect(outcomes[0]).toMatchObject({ verificationCode: latest(a)() });
    expect([sends(a), sends(b)]).toEqual([2, 1]);
  });
});
