/**
 * `send-code` and `status` read flags and the environment only, so a bad setting given there is named as the
 * environment variable it came from, never as stack config (issue 20, item 2): a bad site, half a key pair and an
 * unreachable endpoint, each set in the environment as a new user sets them, and no call made when none can help.
 */

import { spawnSync } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../cli/main";
import { fixtureAccounts, fixturePhones } from "../../emulator";
import { FAST_RETRIES, emulatorEnv, useEmulator } from "../support/emulator";

const emulator = useEmulator("international");
const phone = fixturePhones.international.valid;
const member = fixtureAccounts.unbound;
/** Nothing a program reads: a stack config key, a resource property, pulumi config advice. */
const PROGRAM_WORDS =
  /alicloud-secure-phone:|alicloud:|stack config [a-z]|pulumi config|\baccountId\b|\bsecureMobilePhone\b/;

/** Each command with the arguments that reach its call. */
const COMMANDS: [string, string[]][] = [
  ["send-code", ["send-code", "--account-id", member, "--phone", phone]],
  ["status", ["status", "--account-id", member]],
];

async function failureOf(env: Record<string, string | undefined>, argv: string[]): Promise<string> {
  const outcome = await main(argv, {
    out: () => undefined,
    env,
    // A refused connection is retried; a few quick attempts show the same message as the real policy's end.
    client: { retryPolicy: { ...FAST_RETRIES, maxAttempts: 2 } },
  }).then(
    () => undefined,
    (error: Error) => error,
  );
  if (!outcome) throw new Error(`expected ${argv[0]} to fail`);
  return outcome.message;
}

/** A loopback port with nothing listening: connections to it are refused. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe.each(COMMANDS)("%s with a setting from the environment", (_command, argv) => {
  const env = () => emulatorEnv(emulator.current, "international");

  it("a bad site: names ALICLOUD_SECURE_PHONE_SITE and the values expected, calls nothing", async () => {
    const message = await failureOf({ ...env(), ALICLOUD_SECURE_PHONE_SITE: "mars" }, argv);
    expect(message).toBe(
      'environment variable ALICLOUD_SECURE_PHONE_SITE is "mars": expected "international" (alibabacloud.com) or "china" (aliyun.com).',
    );
    expect(emulator.current.calls.count()).toBe(0);
  });

  it("half a key pair: names the variable that is missing, advises no stack config, never shows the half given", async () => {
    const { ALIBABA_CLOUD_ACCESS_KEY_SECRET: _secret, ...half } = env();
    const message = await failureOf(half, argv);
    expect(message).toBe(
      "environment ALIBABA_CLOUD_ACCESS_KEY_ID/ALIBABA_CLOUD_ACCESS_KEY_SECRET: only one half of the key pair is set; " +
        "ALIBABA_CLOUD_ACCESS_KEY_SECRET is missing. Set both.",
    );
    expect(message).not.toContain(half.ALIBABA_CLOUD_ACCESS_KEY_ID);
    expect(emulator.current.calls.count()).toBe(0);
  });

  it("an STS token without its key pair: names the three variables", async () => {
    const message = await failureOf(
      {
        ALICLOUD_SECURE_PHONE_ENDPOINT: emulator.current.url,
        ALICLOUD_SECURE_PHONE_DIRECTORY_ENDPOINT: emulator.current.url,
        ALIBABA_CLOUD_SECURITY_TOKEN: "emuLoneTokenNotReal0020",
      },
      argv,
    );
    expect(message).toBe(
      "ALIBABA_CLOUD_SECURITY_TOKEN is set without ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET; an STS token needs its key pair.",
    );
    expect(message).not.toContain("emuLoneTokenNotReal0020");
  });

  it("an endpoint that is not https: names the variable it came from", async () => {
    const message = await failureOf(
      { ...env(), ALICLOUD_SECURE_PHONE_DIRECTORY_ENDPOINT: "http://resourcedirectory.example.com" },
      argv,
    );
    expect(message).toContain(
      "environment variable ALICLOUD_SECURE_PHONE_DIRECTORY_ENDPOINT is http://resourcedirectory.example.com: expected an https:// URL",
    );
    expect(message).not.toMatch(PROGRAM_WORDS);
    expect(emulator.current.calls.count()).toBe(0);
  });
});

describe("send-code and status with an unreachable endpoint from the environment", () => {
  it("status: names ALICLOUD_SECURE_PHONE_DIRECTORY_ENDPOINT, where GetAccount goes", async () => {
    const unreachable = `http://127.0.0.1:${await closedPort()}`;
    const message = await failureOf(
      { ...emulatorEnv(emulator.current, "international"), ALICLOUD_SECURE_PHONE_DIRECTORY_ENDPOINT: unreachable },
      ["status", "--account-id", member],
    );
    expect(message).toBe(
      `GetAccount could not reach ${unreachable} (ALICLOUD_SECURE_PHONE_DIRECTORY_ENDPOINT): ECONNREFUSED; nothing was sent.`,
    );
  });

  it("send-code: names ALICLOUD_SECURE_PHONE_ENDPOINT, where the code is sent from", async () => {
    const unreachable = `http://127.0.0.1:${await closedPort()}`;
    const message = await failureOf(
      { ...emulatorEnv(emulator.current, "international"), ALICLOUD_SECURE_PHONE_ENDPOINT: unreachable },
      ["send-code", "--account-id", member, "--phone", phone],
    );
    expect(message).toBe(
      `SendVerificationCodeForBindSecureMobilePhone could not reach ${unreachable} (ALICLOUD_SECURE_PHONE_ENDPOINT): ECONNREFUSED; nothing was sent.`,
    );
    expect(message).not.toMatch(PROGRAM_WORDS);
  });
});

describe("send-code names the site's variable in the site's rule", () => {
  it("given in the environment, or not given at all: ALICLOUD_SECURE_PHONE_SITE, never the stack config key", async () => {
    const chinese = fixturePhones.china.valid;
    const given = emulatorEnv(emulator.current, "international");
    const { ALICLOUD_SECURE_PHONE_SITE: _site, ...notGiven } = given;
    for (const env of [given, notGiven]) {
      const message = await failureOf(env, ["send-code", "--account-id", member, "--phone", chinese]);
      expect(message).toContain("--phone is a Chinese mainland number");
      expect(message).toContain("or set ALICLOUD_SECURE_PHONE_SITE to china");
      expect(message).not.toMatch(PROGRAM_WORDS);
    }
    expect(emulator.current.calls.count()).toBe(0);
  });

  it("on the China site: no resource property (send-code cannot inherit a phone)", async () => {
    const message = await failureOf({ ...emulatorEnv(emulator.current, "china") }, [
      "send-code",
      "--account-id",
      member,
      "--phone",
      phone,
    ]);
    expect(message).toContain(
      "--phone must be a Chinese mainland number (86-<number>) on the China site (aliyun.com). Use an 86- number, or set ALICLOUD_SECURE_PHONE_SITE to international",
    );
    expect(message).not.toMatch(/inheritSecureMobilePhoneFrom/);
    expect(message).not.toMatch(PROGRAM_WORDS);
  });
});

describe("as a new user runs it", () => {
  it("prints the variable's name on standard error and exits 1", () => {
    const cli = join(__dirname, "..", "..", "lib", "cli", "main.js");
    const result = spawnSync(process.execPath, [cli, "status", "--account-id", member], {
      encoding: "utf8",
      env: {
        PATH: process.env.PATH,
        ...emulatorEnv(emulator.current, "international"),
        ALICLOUD_SECURE_PHONE_SITE: "mars",
      },
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('alicloud-secure-phone: environment variable ALICLOUD_SECURE_PHONE_SITE is "mars"');
    // The command's own name opens the line; after it, nothing a program reads.
    expect(result.stderr.replace(/^alicloud-secure-phone: /, "")).not.toMatch(PROGRAM_WORDS);
  });
});
