/**
 * Issue 24, points 2, 3 and 10, and issue 20, item 4, on `up`'s side, with a stand-in for the pulumi CLI that
 * answers with engine events (as in command.test.ts) and the emulator for the lookups and sends:
 * - each member is looked up before any SMS, and none is spent on one that cannot be bound;
 * - a member skipped at the prompt costs no SMS, and the skip is printed;
 * - a terminal is needed only when a code must be typed; a cancel at pulumi's own prompt is told as one;
 * - a binding that fails in a terminal `up` has its reason in the summary, from the engine's events.
 */

import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { upCommand, type UpIo } from "../../../cli/up/command";
import type { PulumiRunner } from "../../../cli/up/pulumi";
import { PENDING_REPORT_VARIABLE, sendPendingReport } from "../../../provider/handshake";
import { DYNAMIC_BINDING_TYPE } from "../../../provider/typeTokens";
import { fixtureAccounts, startEmulator, type RunningEmulator } from "../../../emulator";
import { bindingUrn as urn, errorEvent, previewEvents, upEnd, type Step } from "./engineEvents";
import { emulatorStackConfig, waitFor } from "./standIn";

const PHONE = "1-6505550123";
let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ site: "international" });
});
afterAll(async () => emulator?.close());

const step = (name: string, accountId: string): Step => ({
  urn: urn(name),
  newState: {
    type: DYNAMIC_BINDING_TYPE,
    inputs: { accountId, secureMobilePhone: "[secret]", maskedSecureMobilePhone: "1-650****0123" },
  },
});
const sends = (accountId?: string) => emulator.calls.count("SendVerificationCodeForBindSecureMobilePhone", accountId);

/** A pulumi stand-in: every member in `members` needs a code; up answers with `upEvents` and `exitCode`. */
function stack(
  members: Record<string, string>,
  up: { events?: (args: string[]) => object[]; exitCode?: number; bound?: string[]; adopted?: string[] } = {},
) {
  const calls = { previews: 0, ups: [] as { args: string[]; interactive: boolean }[] };
  const pulumi: PulumiRunner = {
    async preview(env) {
      calls.previews += 1;
      for (const accountId of Object.values(members))
        await sendPendingReport(env[PENDING_REPORT_VARIABLE]!, { accountId, secureMobilePhone: PHONE });
      return {
        events: previewEvents(Object.entries(members).map(([name, id]) => step(name, id))),
        exitCode: 0,
        stderr: "",
      };
    },
    async config() {
      return emulatorStackConfig(emulator);
    },
    async up(args, _env, interactive) {
      calls.ups.push({ args, interactive });
      return { exitCode: up.exitCode ?? 0, events: (up.events?.(args) ?? upEnd("updated")) as never };
    },
    async resources() {
      const bound = (up.bound ?? []).map((name) => ({
        urn: urn(name),
        type: DYNAMIC_BINDING_TYPE,
        outputs: { requestId: `BIND-${name}` } as Record<string, unknown>,
      }));
      const adopted = (up.adopted ?? []).map((name) => ({
        urn: urn(name),
        type: DYNAMIC_BINDING_TYPE,
        outputs: { adopted: true } as Record<string, unknown>,
      }));
      return [...bound, ...adopted];
    },
  };
  return { pulumi, calls };
}

/** Runs `up` with answers on standard input (--codes-from -), or at a stand-in terminal. */
async function up(
  pulumi: PulumiRunner,
  options: { stdin?: "lines" | "terminal" | "none"; pulumiArgs?: string[] } = {},
  answer: (stdin: PassThrough) => Promise<void> = async (stdin) => void stdin.end(),
) {
  const mode = options.stdin ?? "lines";
  const stdin = new PassThrough() as PassThrough & { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown };
  if (mode === "terminal") {
    stdin.isTTY = true;
    stdin.setRawMode = () => stdin;
  }
  const lines: string[] = [];
  const io: UpIo = {
    out: (line) => lines.push(line),
    env: { HOME: "/nonexistent" },
    cwd: "/nonexistent",
    stdin,
    stdout: new PassThrough(),
    pulumi,
  };
  const done = upCommand(
    { codesFrom: mode === "lines" ? "-" : undefined, pulumiArgs: options.pulumiArgs ?? ["--yes"] },
    io,
  ).catch((error: Error) => error);
  await answer(stdin);
  const result = await done;
  return { result, output: lines.join("\n") };
}

describe("up looks each member up before it sends (issue 24, point 2)", () => {
  it("spends no SMS on a member with a phone, a CloudAccount or an account that is not a member, and says why", async () => {
    const asked = emulator.directory.addResourceAccount({ displayName: "lookup-asked" }).AccountId;
    const members = {
      "asked-phone": asked,
      "bound-phone": fixtureAccounts.bound,
      "invited-phone": fixtureAccounts.invited,
      "unknown-phone": fixtureAccounts.unknown,
    };
    const { pulumi, calls } = stack(members, { bound: ["asked-phone"], adopted: ["bound-phone"] });
    const before = sends();
    const { result, output } = await up(pulumi, {}, async (stdin) => {
      stdin.write("\n");
      stdin.end(`${await waitFor(() => emulator.codes.latest(asked, PHONE))}\n`);
    });
    expect(result).toBe(0);
    expect(sends() - before).toBe(1);
    expect(sends(asked)).toBe(1);
    expect(output).toContain(
      `Not asked: bound-phone: account ${fixtureAccounts.bound} has a secure mobile phone already, and a member's phone is bound once`,
    );
    expect(output).toContain("no code was sent: pulumi up takes it in if it is this number, or says why not.");
    expect(output).toContain(
      `Not asked: invited-phone: account ${fixtureAccounts.invited} is a CloudAccount, and only members of type ResourceAccount can have a secure mobile phone bound`,
    );
    expect(output).toContain(
      `Not asked: unknown-phone: account ${fixtureAccounts.unknown} is not a member of this resource directory (GetAccount said EntityNotExists.Account`,
    );
    expect(output).toContain("[1/1] asked-phone");
    // The two that cannot be bound are left out of up; the member with a phone goes through (adopt or refuse).
    expect(calls.ups[0].args).toEqual([
      "--exclude",
      urn("invited-phone"),
      "--exclude",
      urn("unknown-phone"),
      "--exclude-dependents",
      "--yes",
    ]);
    expect(output).toContain(
      `bound    bound-phone (account ${fixtureAccounts.bound}, 1-650****0123): adopted: its phone was bound already; no bind call`,
    );
    expect(output).toMatch(/not asked {2}invited-phone: account \d+ is a CloudAccount.*\[fix first/);
    expect(output).not.toContain(PHONE);
  });
});

describe("up asks before it sends (issue 24, point 3)", () => {
  it("sends no code to a member skipped at its first prompt, and prints the skip", async () => {
    const skipped = emulator.directory.addResourceAccount({ displayName: "skip-first" }).AccountId;
    const kept = emulator.directory.addResourceAccount({ displayName: "skip-kept" }).AccountId;
    const { pulumi, calls } = stack({ "a-phone": kept, "b-phone": skipped }, { bound: ["a-phone"] });
    const { result, output } = await up(pulumi, {}, async (stdin) => {
      stdin.write("\n");
      stdin.end(`${await waitFor(() => emulator.codes.latest(kept, PHONE))}\ns\n`);
    });
    expect(result).toBe(0);
    expect(sends(skipped)).toBe(0);
    expect(sends(kept)).toBe(1);
    expect(output).toContain("Skipped b-phone: no code sent.");
    expect(output).toContain(
      `skipped  b-phone (account ${skipped}, 1-650****0123): skipped at the prompt, left unbound; no code sent`,
    );
    expect(calls.ups[0].args).toEqual(["--exclude", urn("b-phone"), "--exclude-dependents", "--yes"]);
  });
});

describe("up needs a terminal only for a code, and tells a cancel (issue 24, point 10)", () => {
  it("without a terminal, with -- --yes, runs pulumi up when no binding needs a code", async () => {
    const { pulumi, calls } = stack({});
    const { result, output } = await up(pulumi, { stdin: "none" });
    expect(result).toBe(0);
    expect(calls.ups).toEqual([{ args: ["--yes"], interactive: false }]);
    expect(output).toContain("No binding needs a code now.");
  });

  it("without a terminal, with -- --yes, refuses (exit 2) after the preview when a code must be typed, and sends none", async () => {
    const member = emulator.directory.addResourceAccount({ displayName: "no-terminal" }).AccountId;
    const { pulumi, calls } = stack({ "member-phone": member });
    const { result } = await up(pulumi, { stdin: "none" });
    expect(result).toBeInstanceOf(Error);
    expect((result as Error).name).toBe("UsageError");
    expect((result as Error).message).toContain(
      "1 binding(s) need an SMS code, and standard input is not a terminal, so the codes cannot be asked for: use --codes-from -",
    );
    expect(calls.previews).toBe(1);
    expect(calls.ups).toEqual([]);
    expect(sends(member)).toBe(0);
  });

  it("tells a cancel at pulumi's own confirmation prompt as one, not as a failure", async () => {
    const member = emulator.directory.addResourceAccount({ displayName: "cancelled" }).AccountId;
    const { pulumi, calls } = stack(
      { "member-phone": member },
      { events: () => upEnd("not confirmed"), exitCode: 255 },
    );
    const { result, output } = await up(pulumi, { stdin: "terminal", pulumiArgs: [] }, async (stdin) => {
      stdin.write("\r");
      stdin.write(`${await waitFor(() => emulator.codes.latest(member, PHONE))}\r`);
    });
    expect(calls.ups.map((u) => u.interactive)).toEqual([true]);
    expect(result).toBe(1);
    expect(output).toContain("Summary: 0 bound, 1 skipped, 0 failed.");
    expect(output).toContain(
      `skipped  member-phone (account ${member}, 1-650****0123): pulumi up was not confirmed (declined or cancelled at its prompt), left unbound`,
    );
    expect(output).not.toContain("pulumi up did not bind it");
  });
});

describe("a binding that fails in a terminal up (issue 20, item 4)", () => {
  it("has its reason in the summary, read from pulumi up's engine events", async () => {
    const member = emulator.directory.addResourceAccount({ displayName: "terminal-failed" }).AccountId;
    const error = `BindSecureMobilePhone for account ${member} failed with Invalid.VerificationCode: the verification code is wrong (RequestId: R-1)`;
    const { pulumi } = stack(
      { "member-phone": member },
      { events: () => [errorEvent(urn("member-phone"), error), ...upEnd("updated", "failed")], exitCode: 255 },
    );
    const { result, output } = await up(pulumi, { stdin: "terminal", pulumiArgs: [] }, async (stdin) => {
      stdin.write("\r");
      stdin.write(`${await waitFor(() => emulator.codes.latest(member, PHONE))}\r`);
    });
    expect(result).toBe(1);
    expect(output).toContain(
      `failed   member-phone (account ${member}, 1-650****0123): pulumi up did not bind it: ${error}; SendVerificationCode RequestId`,
    );
  });
});
