import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createDynamicProvider } from "../provider/dynamicProvider";
import { fixtureAccounts, fixtureKeys } from "./emulator";
import { FAST_RETRIES, useEmulator } from "./support/emulator";

const emulator = useEmulator("international");
const endpoints = () => ({
  ALICLOUD_SECURE_PHONE_ENDPOINT: emulator.current.url,
  ALICLOUD_SECURE_PHONE_DIRECTORY_ENDPOINT: emulator.current.url,
});

/** Credentials are where users keep them; each test proves which key reached the service. */
function providerWith(env: Record<string, string>, config: Record<string, string> = {}) {
  const dynamic = createDynamicProvider({ env: () => ({ ...endpoints(), ...env }), client: { retryPolicy: FAST_RETRIES } });
  dynamic.configure({ config: { get: (key: string) => config[key] } });
  return dynamic;
}
const keyUsed = () => emulator.current.calls.entries.map((call) => call.accessKeyId);

// Restore in place: replacing the process.env object would cut it off from the real environment,
// which os.homedir() (used by @alicloud/credentials) reads.
const savedEnv = { ...process.env };
afterEach(() => {
  for (const name of Object.keys(process.env)) if (!(name in savedEnv)) delete process.env[name];
  Object.assign(process.env, savedEnv);
});

/**
 * Runs `body` with a scratch home folder and none of the user's Alibaba Cloud variables, so that only
 * what the test writes can provide credentials, and the metadata service is never asked.
 */
async function withScratchHome(body: (home: string) => Promise<void>): Promise<void> {
  const home = mkdtempSync(join(tmpdir(), "secure-phone-home-"));
  try {
    for (const name of Object.keys(process.env)) if (/^(ALIBABA_CLOUD|ALICLOUD)_/.test(name)) delete process.env[name];
    Object.assign(process.env, { HOME: home, ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true", ALIBABA_CLOUD_CREDENTIALS_FILE: join(home, "none") });
    await body(home);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

describe("credentials", () => {
  it("uses alicloud:accessKey/secretKey from stack config over the environment", async () => {
    const member = fixtureKeys.member;
    const dynamic = providerWith(
      { ALIBABA_CLOUD_ACCESS_KEY_ID: member.accessKeyId, ALIBABA_CLOUD_ACCESS_KEY_SECRET: member.accessKeySecret },
      { "alicloud:accessKey": fixtureKeys.management.accessKeyId, "alicloud:secretKey": fixtureKeys.management.accessKeySecret },
    );
    await expect(dynamic.read(fixtureAccounts.bound, {})).resolves.toMatchObject({ id: fixtureAccounts.bound });
    expect(keyUsed()).toEqual([fixtureKeys.management.accessKeyId]);
  });

  it("uses STS keys with their token from ALICLOUD_* variables", async () => {
    const sts = fixtureKeys.managementSts;
    const dynamic = providerWith({ ALICLOUD_ACCESS_KEY: sts.accessKeyId, ALICLOUD_SECRET_KEY: sts.accessKeySecret, ALICLOUD_SECURITY_TOKEN: sts.securityToken });
    await expect(dynamic.read(fixtureAccounts.bound, {})).resolves.toMatchObject({ id: fixtureAccounts.bound });
    expect(keyUsed()).toEqual([sts.accessKeyId]);
  });

  it("uses a named aliyun CLI profile (alicloud:profile) from ~/.aliyun/config.json", async () => {
    await withScratchHome(async (home) => {
      mkdirSync(join(home, ".aliyun"));
      const key = fixtureKeys.management;
      writeFileSync(
        join(home, ".aliyun", "config.json"),
        JSON.stringify({
          current: "default",
          profiles: [
            { name: "default", mode: "AK", access_key_id: "LTAI5tNotThisOne0000000", access_key_secret: "nope", region_id: "cn-hangzhou" },
            { name: "landing-zone", mode: "AK", access_key_id: key.accessKeyId, access_key_secret: key.accessKeySecret, region_id: "cn-hangzhou" },
          ],
        }),
      );
      const dynamic = providerWith({}, { "alicloud:profile": "landing-zone" });
      await expect(dynamic.read(fixtureAccounts.bound, {})).resolves.toMatchObject({ id: fixtureAccounts.bound });
      expect(keyUsed()).toEqual([key.accessKeyId]);
    });
  });

  it("falls back to the @alicloud/credentials default chain (here its credentials file)", async () => {
    await withScratchHome(async (home) => {
      const key = fixtureKeys.management;
      const file = join(home, "credentials");
      writeFileSync(file, `[default]\ntype = access_key\naccess_key_id = ${key.accessKeyId}\naccess_key_secret = ${key.accessKeySecret}\n`);
      process.env.ALIBABA_CLOUD_CREDENTIALS_FILE = file;
      const dynamic = providerWith({});
      await expect(dynamic.read(fixtureAccounts.bound, {})).resolves.toMatchObject({ id: fixtureAccounts.bound });
      expect(keyUsed()).toEqual([key.accessKeyId]);
    });
  });

  it("says where credentials can be set when none are found, without calling the service", async () => {
    await withScratchHome(async () => {
      const error = await providerWith({}).read(fixtureAccounts.bound, {}).catch((e: Error) => e);
      expect((error as Error).message).toContain("No Alibaba Cloud credentials from the default credential chain");
      expect((error as Error).message).toContain("alicloud:accessKey");
      expect(emulator.current.calls.count()).toBe(0);
    });
  });
});
