/**
 * The command's orchestration with a stand-in for the pulumi CLI (its preview reports numbers over the
 * socket as the provider's check does), and the emulator for the sends. The real CLI is in test/engine/vend.test.ts.
 */

import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { upCommand } from "../../../cli/up/command";
import type { PulumiRunner } from "../../../cli/up/pulumi";
import {
  HANDED_OVER_CODES_VARIABLE,
  PENDING_REPORT_VARIABLE,
  parseHandedOverCodes,
  sendPendingReport,
} from "../../../provider/handshake";
import { UNKNOWN } from "../../../provider/rules/inputs";
import { DYNAMIC_BINDING_TYPE } from "../../../provider/typeTokens";
import { startEmulator, type RunningEmulator } from "../../../emulator";
import { bindingUrn as urn, previewEvents, upEnd } from "./engineEvents";
import { emulatorStackConfig, waitFor } from "./standIn";

const PHONE = "1-6505550123";
let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ site: "international" });
});
afterAll(async () => emulator?.close());

const step = (name: string, accountId: string) => ({
  op: "create",
  urn: urn(name),
  newState: {
    type: DYNAMIC_BINDING_TYPE,
    inputs: {
      accountId,
      secureMobilePhone: "[secret]",
      ...(accountId === UNKNOWN ? {} : { maskedSecureMobilePhone: "1-650****0123" }),
    },
  },
});

describe("upCommand", () => {
  it("asks in two rounds when accounts are created by the first up, hands the codes over in up's environment only, and never asks again for a skipped member", async () => {
    const id = (name: string) => emulator.directory.addResourceAccount({ displayName: `command-${name}` }).AccountId;
    const [a, s, b] = [id("a"), id("s"), id("b")];
    const ups: { args: string[]; env: NodeJS.ProcessEnv }[] = [];
    const previews: NodeJS.ProcessEnv[] = [];
    const pulumi: PulumiRunner = {
      async preview(env) {
        previews.push(env);
        const socket = env[PENDING_REPORT_VARIABLE]!;
        const first = previews.length === 1;
        for (const accountId of first ? [a, s] : [s, b])
          await sendPendingReport(socket, { accountId, secureMobilePhone: PHONE });
        const steps = first
          ? [step("a-phone", a), step("s-phone", s), step("b-phone", UNKNOWN)]
          : [step("s-phone", s), step("b-phone", b)];
        return { events: previewEvents(steps), exitCode: 0, stderr: "" };
      },
      async config() {
        return emulatorStackConfig(emulator);
      },
      async up(args, env) {
        ups.push({ args, env });
        return { exitCode: 0, events: upEnd("updated") };
      },
      async resources() {
        return [a, b].map((accountId, i) => ({
          urn: urn(i === 0 ? "a-phone" : "b-phone"),
          type: DYNAMIC_BINDING_TYPE,
          outputs: { requestId: `BIND-${accountId}` },
        }));
      },
    };
    const stdin = new PassThrough();
    const lines: string[] = [];
    const answered = upCommand(
      { codesFrom: "-", pulumiArgs: ["--yes"] },
      {
        out: (line) => lines.push(line),
        env: { HOME: "/nonexistent" },
        cwd: "/nonexistent",
        stdin,
        stdout: new PassThrough(),
        pulumi,
      },
    );
    // Answers typed ahead, one per line, in the order asked: send a and its code, send s then skip it, then
    // send b and its code in the second round.
    stdin.write("\n");
    const codeA = await waitFor(() => emulator.codes.latest(a, PHONE));
    stdin.write(`${codeA}\n\ns\n\n`);
    const codeB = await waitFor(() => emulator.codes.latest(b, PHONE));
    stdin.end(`${codeB}\n`);
    expect(await answered).toBe(0);

    expect(previews.every((env) => env[HANDED_OVER_CODES_VARIABLE] === undefined)).toBe(true);
    expect(ups.map((u) => u.args)).toEqual([
      ["--exclude", urn("s-phone"), "--exclude", urn("b-phone"), "--exclude-dependents", "--yes"],
      ["--exclude", urn("s-phone"), "--exclude-dependents", "--yes"],
    ]);
    expect(ups.every((u) => u.env[PENDING_REPORT_VARIABLE] === undefined)).toBe(true);
    const handedOver = parseHandedOverCodes(ups[1].env[HANDED_OVER_CODES_VARIABLE]);
    expect(Object.fromEntries(handedOver)).toEqual({ [`${a}/${PHONE}`]: codeA, [`${b}/${PHONE}`]: codeB });
    expect(emulator.calls.count("SendVerificationCodeForBindSecureMobilePhone", s)).toBe(1);
    const output = lines.join("\n");
    expect(output).toContain("Summary: 2 bound, 1 skipped, 0 failed.");
    expect(output).toContain(`bound    b-phone (account ${b}, 1-650****0123)`);
    expect(output).toContain(`BindSecureMobilePhone RequestId BIND-${b}`);
    for (const secret of [PHONE, codeA, codeB]) expect(output).not.toContain(secret);
  });

  it("stops before any send when the preview fails, showing its errors with numbers masked", async () => {
    const pulumi = {
      preview: async () => ({
        events: [{ diagnosticEvent: { severity: "error", message: `bad thing about ${PHONE}` } }],
        exitCode: 255,
        stderr: "",
      }),
    } as unknown as PulumiRunner;
    const lines: string[] = [];
    const before = emulator.calls.count();
    const code = await upCommand(
      { codesFrom: "-", pulumiArgs: ["--yes"] },
      {
        out: (line) => lines.push(line),
        env: {},
        cwd: "/nonexistent",
        stdin: new PassThrough(),
        stdout: new PassThrough(),
        pulumi,
      },
    );
    expect(code).toBe(1);
    expect(lines.join("\n")).toContain("The preview failed; nothing was sent.");
    expect(lines.join("\n")).toContain("bad thing about 1-650****0123");
    expect(emulator.calls.count()).toBe(before);
  });
});
