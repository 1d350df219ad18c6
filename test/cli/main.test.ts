import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { UsageError, main } from "../../cli/main";
import { fixtureAccounts, fixturePhones } from "../../emulator";
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

describe("alicloud-secure-phone conventions", () => {
  const cli = join(__dirname, "..", "..", "lib", "cli", "main.js");
  const exec = (...argv: string[]) => spawnSync(process.execPath, [cli, ...argv], { encoding: "utf8", env: { PATH: process.env.PATH } });

  it("prints the usage and exits 0 for --help, -h and help, and a command's own usage for <command> --help", () => {
    for (const flag of ["--help", "-h", "help"]) {
      const result = exec(flag);
      expect(result.status).toBe(0);
      expect(result.stdout).toContain("usage: alicloud-secure-phone <command> [options]");
      expect(result.stdout).toContain("alicloud-secure-phone up [--codes-from -] [--stack <name>] [-- <pulumi up arguments>]");
    }
    const up = exec("up", "--help");
    expect(up.status).toBe(0);
    expect(up.stdout).toContain("--codes-from -   read the answers from standard input");
    expect(up.stdout).not.toContain("send-code --account-id");
    expect(exec("send-code", "-h").stdout).toContain("usage: alicloud-secure-phone send-code --account-id");
  });

  it("prints the package's version for --version", () => {
    const result = exec("--version");
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toBe(JSON.parse(readFileSync(join(__dirname, "..", "..", "package.json"), "utf8")).version);
  });

  it("names an unknown option, exits 2 with the command's usage, and never repeats a value", () => {
    const result = exec("send-code", "--acount-id", fixtureAccounts.unbound);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("alicloud-secure-phone: unknown option --acount-id; see --help for the options.");
    expect(result.stderr).toContain("usage: alicloud-secure-phone send-code");
    const inline = exec("send-code", `--phon=${phone}`);
    expect(inline.stderr).toContain("unknown option --phon;");
    expect(inline.stderr).not.toContain("6505550123");
    const valueShaped = exec("status", "-6505550123");
    expect(valueShaped.stderr).toContain("an unknown option");
    expect(valueShaped.stderr).not.toContain("6505550123");
    expect(exec("--verbose").stderr).toContain("unknown option --verbose; a command comes first.");
    expect(exec(phone).stderr).toContain("unknown command.");
    expect(exec(phone).stderr).not.toContain("6505550123");
  });

  it("names an option given without its value", async () => {
    await expect(run("status", "--account-id")).rejects.toThrow("option --account-id needs a value, e.g. --account-id <value>.");
    await expect(run("status", "--help=yes")).rejects.toThrow("option --help takes no value.");
  });
});

describe("alicloud-secure-phone up: refused before any preview or call", () => {
  const up = (argv: string[], stdin = new PassThrough()) =>
    main(["up", ...argv], { out: () => undefined, env: emulatorEnv(emulator.current, "international"), stdin, stdout: new PassThrough(), cwd: "/nonexistent" });

  it("needs a terminal, or --codes-from -", async () => {
    await expect(up([])).rejects.toThrow("standard input is not a terminal, so the codes cannot be asked for: use --codes-from -");
  });

  it("reads codes from standard input only, never from a file", async () => {
    await expect(up(["--codes-from", "codes.txt", "--", "--yes"])).rejects.toThrow("--codes-from takes only - (standard input)");
  });

  it("needs pulumi up's --yes with --codes-from -, since its confirmation cannot be asked", async () => {
    await expect(up(["--codes-from", "-"])).rejects.toThrow("add `-- --yes`");
  });

  it("takes no stray value before --", async () => {
    await expect(up(["dev", "--codes-from", "-", "--", "--yes"])).rejects.toThrow("a value without an option name");
    expect(emulator.current.calls.count()).toBe(0);
  });
});
