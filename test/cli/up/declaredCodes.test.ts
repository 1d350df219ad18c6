/**
 * Issue 17, point 1: the summary of `up` counts and lists every binding the up creates, those with a code
 * declared in the program included, and after a failure tells whether running up again helps. A stand-in
 * for the pulumi CLI (as in command.test.ts), the emulator for the sends.
 */

import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { upCommand } from "../../../cli/up/command";
import type { PulumiRunner } from "../../../cli/up/pulumi";
import { guidanceSentence } from "../../../provider/client/errors";
import { PENDING_REPORT_VARIABLE, sendPendingReport } from "../../../provider/handshake";
import { DYNAMIC_BINDING_TYPE } from "../../../provider/typeTokens";
import { startEmulator, type RunningEmulator } from "../../../emulator";
import type { EngineEvent } from "../../../cli/up/events";
import { bindingUrn as urn, previewEvents, upEnd, type Step } from "./engineEvents";
import { emulatorStackConfig, waitFor } from "./standIn";

const PHONE = "1-6505550123";
let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ site: "international" });
});
afterAll(async () => emulator?.close());

const step = (name: string, accountId: string, declaredCode: boolean): Step => ({
  op: "create",
  urn: urn(name),
  newState: {
    type: DYNAMIC_BINDING_TYPE,
    inputs: {
      accountId,
      secureMobilePhone: "[secret]",
      maskedSecureMobilePhone: "1-650****0123",
      ...(declaredCode ? { verificationCode: "[secret]" } : {}),
    },
  },
});

/** A pulumi stand-in: the preview reports `asked` over the socket; up's engine events are `events`, it exits `exitCode`, leaves `bound` in state. */
function stack(options: {
  steps: Step[];
  asked: string[];
  events?: EngineEvent[];
  exitCode?: number;
  bound: string[];
}): PulumiRunner {
  return {
    async preview(env) {
      for (const accountId of options.asked)
        await sendPendingReport(env[PENDING_REPORT_VARIABLE]!, { accountId, secureMobilePhone: PHONE });
      return { events: previewEvents(options.steps), exitCode: 0, stderr: "" };
    },
    async config() {
      return emulatorStackConfig(emulator);
    },
    async up() {
      return { exitCode: options.exitCode ?? 0, events: options.events ?? upEnd("updated") };
    },
    async resources() {
      return options.bound.map((name) => ({
        urn: urn(name),
        type: DYNAMIC_BINDING_TYPE,
        outputs: { requestId: `BIND-${name}` },
      }));
    },
  };
}

async function up(
  pulumi: PulumiRunner,
  answer: () => Promise<string | undefined> = async () => undefined,
  pulumiArgs = ["--yes"],
) {
  const stdin = new PassThrough();
  const lines: string[] = [];
  const done = upCommand(
    { codesFrom: "-", pulumiArgs },
    {
      out: (line) => lines.push(line),
      env: { HOME: "/nonexistent" },
      cwd: "/nonexistent",
      stdin,
      stdout: new PassThrough(),
      pulumi,
    },
  );
  // Enter at the send prompt of the member asked for (if any), then its code.
  stdin.write("\n");
  const code = await answer();
  stdin.end(code === undefined ? "" : `${code}\n`);
  return { exitCode: await done, output: lines.join("\n") };
}

describe("up's summary, with codes declared in the program", () => {
  it("counts a binding with a declared code as bound beside the one it asked for: 2 bound, not 1", async () => {
    const asked = emulator.directory.addResourceAccount({ displayName: "declared-asked" }).AccountId;
    const declared = emulator.directory.addResourceAccount({ displayName: "declared-code" }).AccountId;
    const pulumi = stack({
      steps: [step("asked-phone", asked, false), step("declared-phone", declared, true)],
      asked: [asked],
      bound: ["asked-phone", "declared-phone"],
    });
    const { exitCode, output } = await up(pulumi, () => waitFor(() => emulator.codes.latest(asked, PHONE)));
    expect(exitCode).toBe(0);
    expect(output).toContain("Summary: 2 bound, 0 skipped, 0 failed.");
    expect(output).toContain(`bound    asked-phone (account ${asked}, 1-650****0123)`);
    expect(output).toContain(
      `bound    declared-phone (account ${declared}, 1-650****0123): its code declared in the program; BindSecureMobilePhone RequestId BIND-declared-phone`,
    );
    expect(output).not.toContain(PHONE);
  });

  it("lists a binding whose declared code was refused, with its member, masked number and error, and says running up again will not do", async () => {
    const declared = emulator.directory.addResourceAccount({ displayName: "declared-stale" }).AccountId;
    const error = `BindSecureMobilePhone for account ${declared} failed with Invalid.VerificationCode: ${guidanceSentence("Invalid.VerificationCode")} (RequestId: R-1)`;
    // The engine's events of that up: the binding's error (in colour, as on a terminal), the stack's, the end.
    const events: EngineEvent[] = [
      {
        diagnosticEvent: { urn: urn("declared-phone"), message: `<{%reset%}>${error}<{%reset%}>\n`, severity: "error" },
      },
      { diagnosticEvent: { message: "update failed\n", severity: "error" } },
      ...upEnd("updated", "failed"),
    ];
    const { exitCode, output } = await up(
      stack({ steps: [step("declared-phone", declared, true)], asked: [], events, exitCode: 255, bound: [] }),
    );
    expect(exitCode).toBe(1);
    expect(output).toContain("Summary: 0 bound, 0 skipped, 1 failed.");
    expect(output).toContain(
      `failed   declared-phone (account ${declared}, 1-650****0123): pulumi up did not bind it: ${error}`,
    );
    expect(output).toContain(
      `send a new one with \`npx alicloud-secure-phone send-code --account-id ${declared} --phone <number>\` and set the secret config value it prints`,
    );
    expect(output).toContain("[fix first: running up again would fail the same way]");
    expect(output).toContain("Those marked [fix first] fail the same way on every run");
    expect(output).not.toContain("again to bind the others");
  });
});

describe("up's summary with --target", () => {
  it("tells nothing of a binding that pulumi up was not asked to touch", async () => {
    const declared = emulator.directory.addResourceAccount({ displayName: "declared-untargeted" }).AccountId;
    const pulumi = stack({ steps: [step("declared-phone", declared, true)], asked: [], bound: [] });
    const { exitCode, output } = await up(pulumi, undefined, ["--yes", "--target", urn("other")]);
    expect(exitCode).toBe(0);
    expect(output).toContain("Summary: 0 bound, 0 skipped, 0 failed.");
    expect(output).not.toContain("declared-phone (account");
  });
});

describe("the Invalid.VerificationCode advice", () => {
  it("tells a declared code from one typed at up's prompt", () => {
    const advice = guidanceSentence("Invalid.VerificationCode");
    expect(advice).toContain(
      "If the program declares verificationCode, send a new code with `npx alicloud-secure-phone send-code",
    );
    expect(advice).toContain("if the code was typed at `npx alicloud-secure-phone up`, run it again");
  });
});
