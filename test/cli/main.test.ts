/**
 * The `alicloud-secure-phone` command line against the emulator: send-code, status, up's early refusals, usage and
 * exit codes; options named as typed, checks before any call, no number or code echoed.
 */

import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { UsageError, main } from "../../cli/main";
import { SERVICE_ERRORS, describeServiceError, remedyFor } from "../../provider/client/errors";
import { credentialsLookupFor } from "../../provider/client/credentials";
import { COMMAND_LINE } from "../../provider/surface";
import { fixtureAccounts, fixtureKeys, fixturePhones } from "../../emulator";
import { emulatorEnv, useEmulator } from "../support/emulator";

const emulator = useEmulator("international");
const phone = fixturePhones.international.valid;

async function run(...argv: string[]) {
  return (await runWithCode(...argv)).output;
}

async function runWithCode(...argv: string[]) {
  return runIn(emulatorEnv(emulator.current, "international"), ...argv);
}

async function runIn(env: NodeJS.ProcessEnv, ...argv: string[]) {
  const lines: string[] = [];
  const code = await main(argv, { out: (line) => lines.push(line), env });
  return { code, output: lines.join("\n") };
}

describe("alicloud-secure-phone send-code", () => {
  it("sends the code with one POST call and prints the masked number, the expiry and the exact next command", async () => {
    const output = await run("send-code", "--account-id", fixtureAccounts.unbound, "--phone", phone);
    expect(output).toContain("Sent a verification code to 1-650****0123 for account 1510000000000101");
    expect(output).toMatch(/expires at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z \(in about 15 minutes\)/);
    expect(output).toContain("pulumi config set --secret verificationCode <code from the SMS> && pulumi up");
    expect(output).not.toContain(phone);
    expect(output).not.toContain(emulator.current.codes.latest(fixtureAccounts.unbound, phone));
    // The member is looked up first (issue 24, point 2); then one POST sends the code.
    expect(emulator.current.calls.entries.map((c) => `${c.method} ${c.action}`)).toEqual([
      "POST GetAccount",
      "POST SendVerificationCodeForBindSecureMobilePhone",
    ]);
  });

  it("uses the stack's config key in the next command when given", async () => {
    expect(
      await run(
        "send-code",
        "--account-id",
        fixtureAccounts.unbound,
        "--phone",
        phone,
        "--config-key",
        "bind-with-code:verificationCode",
      ),
    ).toContain("pulumi config set --secret bind-with-code:verificationCode");
  });

  it("refuses a number the site would refuse, naming the flag, before any call", async () => {
    const error = await run("send-code", "--account-id", fixtureAccounts.unbound, "--phone", "86-13900001234").catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toContain("--phone is a Chinese mainland number");
    expect(error.message).not.toContain("13900001234");
    expect(emulator.current.calls.count()).toBe(0);
  });
});

describe("alicloud-secure-phone send-code looks the member up first (issue 24, point 2)", () => {
  it("spends no SMS on a member that has a phone, is a CloudAccount or is not a member, and says why", async () => {
    const cases = [
      [fixtureAccounts.bound, "has a secure mobile phone already, and a member's phone is bound once"],
      [
        fixtureAccounts.invited,
        "is a CloudAccount, and only members of type ResourceAccount can have a secure mobile phone bound",
      ],
      [fixtureAccounts.unknown, "is not a member of this resource directory"],
    ];
    for (const [accountId, why] of cases) {
      const error = await run("send-code", "--account-id", accountId, "--phone", phone).catch((e) => e);
      expect(error).toBeInstanceOf(Error);
      expect(error.message).toContain(`no code was sent: account ${accountId} ${why}`);
      expect(error.message).toMatch(/RequestId: [0-9A-F-]{36}/);
      expect(error.message).not.toContain(phone);
    }
    expect(emulator.current.calls.count("SendVerificationCodeForBindSecureMobilePhone")).toBe(0);
    expect(emulator.current.calls.count("GetAccount")).toBe(3);
  });

  it("exits non-zero from the command line, with the reason", async () => {
    const cli = join(__dirname, "..", "..", "lib", "cli", "main.js");
    const env = { PATH: process.env.PATH, ...emulatorEnv(emulator.current, "international") };
    // Not spawnSync: the emulator answering the lookup runs in this process.
    const result = await new Promise<{ status: number | null; stderr: string }>((resolve) => {
      const child = spawn(
        process.execPath,
        [cli, "send-code", "--account-id", fixtureAccounts.bound, "--phone", phone],
        {
          env,
        },
      );
      let stderr = "";
      child.stderr.on("data", (chunk) => (stderr += chunk));
      child.on("close", (status) => resolve({ status, stderr }));
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      `alicloud-secure-phone: no code was sent: account ${fixtureAccounts.bound} has a secure mobile phone already`,
    );
    expect(emulator.current.calls.count("SendVerificationCodeForBindSecureMobilePhone")).toBe(0);
  });
});

describe("alicloud-secure-phone send-code: the length of a number (issue 17, point 4)", () => {
  it("refuses a number too short for its country code before any call, naming --phone and not the number", async () => {
    const error = await run("send-code", "--account-id", fixtureAccounts.unbound, "--phone", "1-650555").catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toContain(
      "--phone has too few digits for country code 1: a mobile number there has exactly 10 digits",
    );
    expect(error.message).not.toContain("650555");
    expect(emulator.current.calls.count()).toBe(0);
  });

  it("exits 2 with the usage from the command line", () => {
    const cli = join(__dirname, "..", "..", "lib", "cli", "main.js");
    const env = { PATH: process.env.PATH, ...emulatorEnv(emulator.current, "international") };
    const result = spawnSync(
      process.execPath,
      [cli, "send-code", "--account-id", fixtureAccounts.unbound, "--phone", "44-07700900123"],
      {
        encoding: "utf8",
        env,
      },
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("--phone has too many digits for country code 44");
    expect(result.stderr).not.toContain("7700900123");
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
    expect(await run("status", "--account-id", fixtureAccounts.bound)).toBe(
      "Account 1510000000000102 (ResourceAccount): has a secure mobile phone.",
    );
    expect(await run("status", "--account-id", fixtureAccounts.unknown)).toBe(
      "Account 1599999999999999 is not a member of this resource directory.",
    );
  });
});

describe("alicloud-secure-phone conventions", () => {
  const cli = join(__dirname, "..", "..", "lib", "cli", "main.js");
  const exec = (...argv: string[]) =>
    spawnSync(process.execPath, [cli, ...argv], { encoding: "utf8", env: { PATH: process.env.PATH } });

  it("prints the usage and exits 0 for --help, -h and help, and a command's own usage for <command> --help", () => {
    for (const flag of ["--help", "-h", "help"]) {
      const result = exec(flag);
      expect(result.status).toBe(0);
      expect(result.stdout).toContain("usage: alicloud-secure-phone <command> [options]");
      expect(result.stdout).toContain(
        "alicloud-secure-phone up [--codes-from -] [--stack <name>] [-- <pulumi up arguments>]",
      );
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
    expect(result.stdout.trim()).toBe(
      JSON.parse(readFileSync(join(__dirname, "..", "..", "package.json"), "utf8")).version,
    );
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
    await expect(run("status", "--account-id")).rejects.toThrow(
      "option --account-id needs a value, e.g. --account-id <value>.",
    );
    await expect(run("status", "--help=yes")).rejects.toThrow("option --help takes no value.");
  });
});

describe("alicloud-secure-phone up: refused before any preview or call", () => {
  const up = (argv: string[], stdin = new PassThrough()) =>
    main(["up", ...argv], {
      out: () => undefined,
      env: emulatorEnv(emulator.current, "international"),
      stdin,
      stdout: new PassThrough(),
      cwd: "/nonexistent",
    });

  it("needs a terminal, or --codes-from -", async () => {
    await expect(up([])).rejects.toThrow(
      "standard input is not a terminal, so the codes cannot be asked for: use --codes-from -",
    );
  });

  it("reads codes from standard input only, never from a file", async () => {
    await expect(up(["--codes-from", "codes.txt", "--", "--yes"])).rejects.toThrow(
      "--codes-from takes only - (standard input)",
    );
  });

  it("needs pulumi up's --yes with --codes-from -, since its confirmation cannot be asked", async () => {
    await expect(up(["--codes-from", "-"])).rejects.toThrow("add `-- --yes`");
  });

  it("takes no stray value before --", async () => {
    await expect(up(["dev", "--codes-from", "-", "--", "--yes"])).rejects.toThrow("a value without an option name");
    expect(emulator.current.calls.count()).toBe(0);
  });
});

describe("alicloud-secure-phone status, for scripts (issue 17, point 3)", () => {
  it("exits 3 for an account that is not a member, 0 for a member, and says so in --help", async () => {
    expect(await runWithCode("status", "--account-id", fixtureAccounts.unknown)).toEqual({
      code: 3,
      output: "Account 1599999999999999 is not a member of this resource directory.",
    });
    expect((await runWithCode("status", "--account-id", fixtureAccounts.unbound)).code).toBe(0);
    expect(await run("status", "--help")).toContain(
      "Exit status: 0 for a member of the directory, 3 when the account is not a member",
    );
  });

  it("says that a CloudAccount cannot have a phone bound, and a ResourceAccount is not told so", async () => {
    expect(await run("status", "--account-id", fixtureAccounts.invited)).toContain(
      "(CloudAccount): has no secure mobile phone; it cannot have one bound here: only members of type ResourceAccount can",
    );
    expect(await run("status", "--account-id", fixtureAccounts.unbound)).toBe(
      "Account 1510000000000101 (ResourceAccount): has no secure mobile phone.",
    );
  });

  it("calls the management account by its name, not an invited cloud account (issue 24, point 11)", async () => {
    expect(await run("status", "--account-id", fixtureAccounts.management)).toBe(
      `Account ${fixtureAccounts.management} (CloudAccount): has a secure mobile phone; it cannot have one bound here: ` +
        "only members of type ResourceAccount can, and the directory's management account manages its own phone.",
    );
    expect(await run("status", "--account-id", fixtureAccounts.invited)).toContain(
      "and a cloud account invited into the directory manages its own phone.",
    );
    // GetResourceDirectory tells them apart, read for a CloudAccount only.
    emulator.current.calls.reset();
    await run("status", "--account-id", fixtureAccounts.unbound);
    expect(emulator.current.calls.entries.map((c) => c.action)).toEqual(["GetAccount"]);
  });

  it("names only the environment when there are no credentials at all, never stack config", async () => {
    const home = mkdtempSync(join(tmpdir(), "secure-phone-home-"));
    const saved = { ...process.env };
    try {
      for (const name of Object.keys(process.env))
        if (/^(ALIBABA_CLOUD|ALICLOUD)_/.test(name)) delete process.env[name];
      Object.assign(process.env, {
        HOME: home,
        ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true",
        ALIBABA_CLOUD_CREDENTIALS_FILE: join(home, "none"),
      });
      const {
        ALIBABA_CLOUD_ACCESS_KEY_ID: _id,
        ALIBABA_CLOUD_ACCESS_KEY_SECRET: _secret,
        ...noKeys
      } = emulatorEnv(emulator.current, "international");
      const error = await runIn(noKeys, "status", "--account-id", fixtureAccounts.unbound).catch((e) => e);
      expect(error.message).toContain("No Alibaba Cloud credentials from the default credential chain");
      expect(error.message).toContain("ALIBABA_CLOUD_ACCESS_KEY_ID");
      expect(error.message).not.toContain("alicloud:");
      expect(error.message).not.toContain("stack config,");
      expect(emulator.current.calls.count()).toBe(0);
    } finally {
      process.env = saved;
      rmSync(home, { recursive: true, force: true });
    }
  });

  it("names only the environment when the service refuses the keys", async () => {
    const wrong = { ...fixtureKeys.management, accessKeySecret: "emuWrongSecretNotReal0017" };
    const error = await runIn(
      emulatorEnv(emulator.current, "international", wrong),
      "status",
      "--account-id",
      fixtureAccounts.unbound,
    ).catch((e) => e);
    expect(error.message).toContain("SignatureDoesNotMatch");
    expect(error.message).toContain("ALIBABA_CLOUD_ACCESS_KEY_SECRET");
    expect(error.message).toContain(
      "Credentials are looked up in this order (send-code and status read no stack config): environment",
    );
    expect(error.message).not.toContain("alicloud:");
    expect(error.message).not.toContain("emuWrongSecretNotReal0017");
  });
});

describe("send-code and status name the option the user typed (issue 17, point 5)", () => {
  it("says --account-id, not the resource's accountId, when the service refuses the member", async () => {
    // Since the lookup comes first (issue 24, point 2), GetAccount answers for both: it tells an account of
    // another directory from no account no better than EntityNotExists.Account, and no send is made.
    for (const [accountId, code] of [
      [fixtureAccounts.foreign, "EntityNotExists.Account"],
      [fixtureAccounts.unknown, "EntityNotExists.Account"],
    ]) {
      const error = await run("send-code", "--account-id", accountId, "--phone", phone).catch((e) => e);
      expect(error.message).toContain(code);
      expect(error.message).toContain("Check --account-id");
      expect(error.message).not.toMatch(/\baccountId\b/);
    }
  });

  it("words every remedy of the service's errors, and the lookup order, without a property or a stack config key", () => {
    for (const [code, guidance] of Object.entries(SERVICE_ERRORS)) {
      const worded = remedyFor(guidance, COMMAND_LINE);
      expect(worded, code).not.toMatch(/\baccountId\b|\bsecureMobilePhone\b|alicloud:|alicloud-secure-phone:/);
    }
    expect(credentialsLookupFor(COMMAND_LINE)).not.toMatch(/alicloud:|stack config [a-z]/);
    // The service's own names are not the resource's.
    expect(describeServiceError("GetAccount", undefined, "MissingParameter.AccountId", "", "R-1", COMMAND_LINE)).toBe(
      "GetAccount failed with MissingParameter.AccountId: the account ID is missing. Set --account-id. (RequestId: R-1)",
    );
  });
});

describe("alicloud-secure-phone nits (issue 17, point 10)", () => {
  const cli = join(__dirname, "..", "..", "lib", "cli", "main.js");
  const exec = (...argv: string[]) =>
    spawnSync(process.execPath, [cli, ...argv], { encoding: "utf8", env: { PATH: process.env.PATH } });

  it("refuses --version with arguments as a usage error (exit 2)", () => {
    const result = exec("--version", "extra");
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("alicloud-secure-phone: --version takes no arguments.");
    expect(result.stdout).toBe("");
  });

  it("gives each command's --help a one-line pointer to the settings; the top-level --help keeps the paragraph", () => {
    const paragraph = "ALIBABA_CLOUD_ACCESS_KEY_ID/SECRET (or ALICLOUD_ACCESS_KEY/SECRET_KEY";
    expect(exec("--help").stdout).toContain(paragraph);
    for (const command of ["up", "send-code", "status"]) {
      const help = exec(command, "--help").stdout;
      expect(help, command).not.toContain(paragraph);
      expect(help, command).toContain("see `alicloud-secure-phone --help` or docs/settings-and-credentials.md.");
    }
    expect(exec("status", "--help").stdout).toContain("Settings and credentials: from the environment only;");
    expect(exec("up", "--help").stdout).toContain(
      "Settings and credentials: as the provider reads them (stack config, then the environment);",
    );
  });

  it("packs a package.json without install-time scripts (npm 11 warns about prepare on install)", () => {
    const { scripts } = JSON.parse(readFileSync(join(__dirname, "..", "..", "package.json"), "utf8")) as {
      scripts: Record<string, string>;
    };
    for (const name of ["preinstall", "install", "postinstall", "prepare"])
      expect(scripts, name).not.toHaveProperty(name);
    // Publishing still builds first; `npm test` builds in its pretest.
    expect(scripts.prepack).toBe("npm run build");
    expect(scripts.pretest).toContain("npm run build");
  });
});
