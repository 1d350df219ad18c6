/**
 * Issue 17 item 8: the quick start against a STANDALONE emulator process, as a new user runs it with no
 * file of the repository open: `alicloud-secure-phone-emulator --members 2` (the built lib/emulator/main.js),
 * its printed member IDs and `source` file, then the package's own CLI (status, send-code) with that
 * environment, the code read off the emulator's terminal (the phone's inbox), and the bind through the
 * client. Off the pulumi engine on purpose: the engine half is covered by the engine suite.
 *
 * Secrets audit: the emulator's terminal shows codes by design (SMS lines) and the key ID it asks to export;
 * those lines are the point of the program and are kept out of the audit. Everything else it printed, and
 * every CLI output, goes to the audit with the phone and the code registered as secrets.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixtureKeys, readEnvFile } from "../../emulator/internal";
import { ResourceManagerClient } from "../../provider/client/resourceManager";
import { maskPhone } from "../../provider/rules/phone";
import { resolveSettings } from "../../provider/settings";
import { auditSecrets, auditText, leakedSecrets } from "../support/audit";
import { withoutAlibabaCloudSettings } from "../support/emulator";

const ROOT = join(__dirname, "..", "..");
const EMULATOR = join(ROOT, "lib", "emulator", "main.js");
const CLI = join(ROOT, "lib", "cli", "main.js");
/** Not a fixture number: this test's own, registered with the audit. */
const PHONE = "1-6505550142";
const SMS = /^\[SMS to (\S+) for account (\d{16})\] Your Alibaba Cloud verification code is (\d{6}) /;

/** Runs the package's CLI as `npx alicloud-secure-phone …` would; its output goes to the audit. */
function cli(args: string[], env: Record<string, string>): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [CLI, ...args], {
    env: { ...withoutAlibabaCloudSettings(process.env), ...env },
    encoding: "utf8",
    timeout: 30_000,
  });
  auditText(`alicloud-secure-phone ${args[0]} output`, `${run.stdout}\n${run.stderr}`);
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** The emulator's terminal without what it shows on purpose: the SMS inbox and the key ID to export. */
function withoutDeliberateLines(text: string): string {
  return text
    .split("\n")
    .filter((line) => !SMS.test(line) && !line.includes("export ALIBABA_CLOUD_ACCESS_KEY_ID="))
    .join("\n");
}

/** One emulator run until it exits (or is stopped after timeoutMs); its output goes to the audit. */
function runEmulator(args: string[], timeoutMs = 30_000): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [EMULATOR, ...args], { encoding: "utf8", timeout: timeoutMs });
  auditText("emulator command-line output", withoutDeliberateLines(`${run.stdout}\n${run.stderr}`));
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

beforeAll(() => {
  if (!existsSync(EMULATOR) || !existsSync(CLI)) throw new Error("run `npm run build` first: this test runs lib/");
});

describe("a standalone emulator completes the quick start by itself", () => {
  let scratch: string;
  let child: ChildProcessWithoutNullStreams;
  let output = "";

  /** Resolves once the emulator has printed `pattern`, with the match. */
  function printed(pattern: RegExp, timeoutMs = 15_000): Promise<RegExpMatchArray> {
    return new Promise((resolve, reject) => {
      const started = Date.now();
      const poll = setInterval(() => {
        const found = output.match(pattern);
        if (found) {
          clearInterval(poll);
          resolve(found);
        } else if (Date.now() - started > timeoutMs || child.exitCode !== null) {
          clearInterval(poll);
          reject(new Error(`the emulator did not print ${pattern.source} (it printed ${output.length} characters)`));
        }
      }, 20);
    });
  }

  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), "emulator-standalone-"));
    const args = ["--members", "2", "--port", "0", "--env-out", join(scratch, "emulator.env")];
    child = spawn(process.execPath, [EMULATOR, ...args]);
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  });

  afterAll(async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    }
    auditText("standalone emulator output (SMS lines and key ID left out)", withoutDeliberateLines(output));
    rmSync(scratch, { recursive: true, force: true });
  });

  it("prints its members and the env file, binds one through status, send-code and the client", async () => {
    await printed(/Ctrl-C to stop\./);
    // The members: two seeded ResourceAccounts without a phone, beside the fixtures.
    const row = /^ {2}(\d{16}) {2}(ResourceAccount|CloudAccount) +(no phone|has a phone) +(.+)$/gm;
    const rows = [...output.matchAll(row)];
    const seeded = rows.filter((row) => !row[4].includes("(fixture"));
    expect(seeded.map((row) => [row[2], row[3], row[4]])).toEqual([
      ["ResourceAccount", "no phone", "member-1"],
      ["ResourceAccount", "no phone", "member-2"],
    ]);
    expect(rows.some((row) => row[4].includes("(fixture: bound already)") && row[3] === "has a phone")).toBe(true);
    const accountId = seeded[0][1];

    // The environment: four variables shown, the secret only in the 0600 file that `source` names.
    const url = output.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/)![1];
    expect(output).toContain("export ALICLOUD_SECURE_PHONE_SITE=international");
    expect(output).toContain(`export ALICLOUD_SECURE_PHONE_ENDPOINT=${url}`);
    expect(output).toContain(`export ALICLOUD_SECURE_PHONE_DIRECTORY_ENDPOINT=${url}`);
    expect(output).toContain(`export ALIBABA_CLOUD_ACCESS_KEY_ID=${fixtureKeys.management.accessKeyId}`);
    const envFile = output.match(/^ {2}source (\S+)$/m)![1];
    expect(envFile).toBe(join(scratch, "emulator.env"));
    expect(statSync(envFile).mode & 0o777).toBe(0o600);
    const env = readEnvFile(envFile);
    expect(Object.keys(env).sort()).toEqual([
      "ALIBABA_CLOUD_ACCESS_KEY_ID",
      "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
      "ALICLOUD_SECURE_PHONE_DIRECTORY_ENDPOINT",
      "ALICLOUD_SECURE_PHONE_ENDPOINT",
      "ALICLOUD_SECURE_PHONE_SITE",
    ]);
    expect(env.ALIBABA_CLOUD_ACCESS_KEY_SECRET === fixtureKeys.management.accessKeySecret).toBe(true);
    expect(leakedSecrets(output, { secret: fixtureKeys.management.accessKeySecret }, { audit: false })).toEqual([]);

    // status, as the quick start runs it.
    const before = cli(["status", "--account-id", accountId], env);
    expect(before.status).toBe(0);
    expect(before.stdout).toContain(`Account ${accountId} (ResourceAccount): has no secure mobile phone.`);

    // send-code: the emulator's terminal shows the SMS, the number masked as the CLI masks it.
    auditSecrets({ "standalone phone": PHONE });
    const sent = cli(["send-code", "--account-id", accountId, "--phone", PHONE], env);
    expect(sent.status).toBe(0);
    expect(sent.stdout).toContain(`Sent a verification code to ${maskPhone(PHONE)} for account ${accountId}`);
    const sms = await printed(new RegExp(SMS.source, "m"));
    expect(sms[1]).toBe(maskPhone(PHONE));
    expect(sms[2]).toBe(accountId);
    const code = sms[3];
    auditSecrets({ "standalone verification code": code });
    expect(leakedSecrets(output, { phone: PHONE }, { audit: false })).toEqual([]);

    // The bind, through the package's client, with the sourced environment only.
    const client = new ResourceManagerClient(resolveSettings(() => undefined, env));
    await client.bindSecureMobilePhone({ accountId, secureMobilePhone: PHONE, verificationCode: code });
    const status = await client.getMemberPhoneStatus(accountId);
    expect(status).toMatchObject({ exists: true, hasSecureMobilePhone: true, accountType: "ResourceAccount" });
    const after = cli(["status", "--account-id", accountId], env);
    expect(after.stdout).toContain(`Account ${accountId} (ResourceAccount): has a secure mobile phone.`);
    // The other seeded member is untouched.
    expect(await client.getMemberPhoneStatus(seeded[1][1])).toMatchObject({ hasSecureMobilePhone: false });
  });
});

describe("its command line", () => {
  it("--help exits 0 with the usage on standard output", () => {
    const run = runEmulator(["--help"]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^usage: alicloud-secure-phone-emulator \[options\]/);
    for (const option of ["--port", "--site", "--members", "--members-file", "--show-phone", "--env-out"]) {
      expect(run.stdout).toContain(option);
    }
    expect(run.stdout).toContain("default international");
    expect(run.stderr).toBe("");
  });

  it.each([
    [["--prot", "8787"], "unknown option --prot"],
    [["--port", "http"], "--port must be a whole number from 0 to 65535"],
    [["--site", "moon"], "--site must be china or international"],
    [["--members=-1"], "--members must be a whole number from 0 to 1000"],
    [["--port"], "option --port needs a value"],
    [["--members", "many"], "--members must be a whole number from 0 to 1000"],
    [["--show-phone", "loud"], "--show-phone must be one of absent, masked, full"],
    [["--members", "2", "--members-file", "m.json"], "--members and --members-file exclude each other"],
    [["--members-file", "/nonexistent/members.json"], "--members-file could not be read (ENOENT)"],
  ])("%j exits 2 naming the option", (args, message) => {
    const run = runEmulator(args);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stdout).toBe("");
  });

  it("on a busy port it names the port and the ways out, --port 0 among them, not Node's bare EADDRINUSE", async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = busy.address() as AddressInfo;
      const run = runEmulator(["--port", String(port)]);
      expect(run.status).toBe(1);
      expect(run.stderr).toContain(`alicloud-secure-phone-emulator: port ${port} on 127.0.0.1 is in use`);
      expect(run.stderr).toContain("--port 0 for any free one");
      expect(run.stderr).not.toContain("EADDRINUSE");
      expect(run.stdout).toBe("");
    } finally {
      busy.close();
    }
  });

  it.each([
    ["SIGINT", "Ctrl-C"],
    ["SIGTERM", "SIGTERM"],
  ] as const)("%s stops it with a line saying so, and removes the env file", async (signal, said) => {
    const dir = mkdtempSync(join(tmpdir(), "emulator-stop-"));
    const envFile = join(dir, "emulator.env");
    const child = spawn(process.execPath, [EMULATOR, "--port", "0", "--env-out", envFile]);
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error("the emulator did not start")), 15_000);
        child.stdout.on("data", () => {
          if (stdout.includes("Ctrl-C to stop.")) {
            clearTimeout(timer);
            resolve();
          }
        });
      });
      expect(existsSync(envFile)).toBe(true);
      const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
      child.kill(signal);
      expect(await exited).toBe(0);
      auditText(`emulator output until ${signal}`, withoutDeliberateLines(stdout));
      expect(stdout.trimEnd().split("\n").at(-1)).toBe(
        `Emulator stopped (${said}); its directory and codes are gone, and ${envFile} was removed.`,
      );
      expect(existsSync(envFile)).toBe(false);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("--members-file: names and objects; a bad entry is named by position, its number not repeated", () => {
    const dir = mkdtempSync(join(tmpdir(), "emulator-members-"));
    try {
      const good = join(dir, "members.json");
      const bad = join(dir, "bad.json");
      auditSecrets({ "members-file phone": "1-6505550143", "members-file china phone": "86-13900009876" });
      const prod = { displayName: "app-prod", accountId: "1510000000077777", secureMobilePhone: "1-6505550143" };
      writeFileSync(good, JSON.stringify(["app-dev", prod]));
      writeFileSync(bad, JSON.stringify(["ok", { displayName: "china-number", secureMobilePhone: "86-13900009876" }]));
      // It runs until stopped: spawnSync's timeout stops it (SIGTERM) once it has printed its banner.
      const started = runEmulator(["--members-file", good, "--port", "0", "--env-out", join(dir, "e.env")], 2_000);
      expect(started.stdout).toContain("Ctrl-C to stop.");
      expect(started.stdout).toMatch(/^ {2}\d{16} {2}ResourceAccount +no phone +app-dev$/m);
      expect(started.stdout).toMatch(/^ {2}1510000000077777 {2}ResourceAccount +has a phone +app-prod$/m);

      const refused = runEmulator(["--members-file", bad]);
      expect(refused.status).toBe(2);
      expect(refused.stderr).toContain(
        "--members-file entry 2: secureMobilePhone must be <country code>-<number> that the international site accepts",
      );
      expect(leakedSecrets(refused.stderr, { phone: "86-13900009876" })).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
