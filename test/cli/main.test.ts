import { describe, expect, it } from "vitest";
import { UsageError, main } from "../../cli/main";
import { fixtureAccounts, fixturePhones } from "../emulator";
import { emulatorEnv, useEmulator } from "../support/emulator";

const emulator = useEmulator("international");
const phone = fixturePhones.international.valid;

async function run(...argv: string[]) {
  const lines: string[] = [];
  await main(argv, { out: (line) => lines.push(line), env: emulatorEnv(emulator.current, "international") });
  return lines.join("\n");
}

describe("alicloud-secure-phone send-code", () => {
  it("sends the code with one POST call and prints the masked number, the expiry and the exact next command", async () => {
    const output = await run("send-code", "--account-id", fixtureAccounts.unbound, "--phone", phone);
    expect(output).toContain("Sent a verification code to 1-650****0123 for account 1510000000000101");
    expect(output).toMatch(/expires at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z \(in about 15 minutes\)/);
    expect(output).toContain("pulumi config set --secret verificationCode <code from the SMS> && pulumi up");
    expect(output).not.toContain(phone);
    expect(output).not.toContain(emulator.current.codes.latest(fixtureAccounts.unbound, phone));
    expect(emulator.current.calls.entries.map((c) => `${c.method} ${c.action}`)).toEqual(["POST SendVerificationCodeForBindSecureMobilePhone"]);
  });

  it("uses the stack's config key in the next command when given", async () => {
    expect(await run("send-code", "--account-id", fixtureAccounts.unbound, "--phone", phone, "--config-key", "bind-with-code:verificationCode")).toContain(
      "pulumi config set --secret bind-with-code:verificationCode",
    );
  });

  it("refuses a number the site would refuse, naming the flag, before any call", async () => {
    const error = await run("send-code", "--account-id", fixtureAccounts.unbound, "--phone", "86-13900001234").catch((e) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toContain("--phone is a Chinese mainland number");
    expect(error.message).not.toContain("13900001234");
    expect(emulator.current.calls.count()).toBe(0);
  });
});

describe("alicloud-secure-phone command line", () => {
  it("says what is wrong with the command line without echoing a stray value", async () => {
    const error = await run("send-code", "--account-id", fixtureAccounts.unbound, phone).catch((e) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toContain("a value without an option name");
    expect(error.message).not.toContain(phone);
  });

  it("checks the account id before any call", async () => {
    const error = await run("status", "--account-id", "15-abc").catch((e) => e);
    expect(error.message).toContain("--account-id must be the member's Alibaba Cloud account ID, digits only");
    expect(emulator.current.calls.count()).toBe(0);
  });

  it("requires --phone for send-code", async () => {
    await expect(run("send-code", "--account-id", fixtureAccounts.unbound)).rejects.toThrow("--phone is required");
  });
});

describe("alicloud-secure-phone status", () => {
  it("tells whether a member has a phone", async () => {
    expect(await run("status", "--account-id", fixtureAccounts.bound)).toBe("Account 1510000000000102 (ResourceAccount): has a secure mobile phone.");
    expect(await run("status", "--account-id", fixtureAccounts.unknown)).toBe("Account 1599999999999999 is not a member of this resource directory.");
  });
});
