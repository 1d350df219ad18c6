/**
 * Where the provider finds credentials (stack config, environment, aliyun CLI profile, default chain); refused or
 * missing keys reported by where they came from, never by value; an http:// endpoint that is not loopback refused
 * before any key is read.
 */

import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createDynamicProvider } from "../provider/adapters/dynamic";
import { fixtureAccounts, fixtureKeys } from "../emulator";
import { leakedSecrets } from "./support/audit";
import { FAST_RETRIES, useEmulator } from "./support/emulator";

const emulator = useEmulator("international");
const endpoints = () => ({
  ALICLOUD_SECURE_PHONE_ENDPOINT: emulator.current.url,
  ALICLOUD_SECURE_PHONE_DIRECTORY_ENDPOINT: emulator.current.url,
});

/** Credentials are where users keep them; each test proves which key reached the service. */
function providerWith(env: Record<string, string>, config: Record<string, string> = {}) {
  const dynamic = createDynamicProvider({
    env: () => ({ ...endpoints(), ...env }),
    client: { retryPolicy: FAST_RETRIES },
  });
  void dynamic.configure({ config: { get: (key: string) => config[key] } });
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
    Object.assign(process.env, {
      HOME: home,
      ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true",
      ALIBABA_CLOUD_CREDENTIALS_FILE: join(home, "none"),
    });
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
      {
        "alicloud:accessKey": fixtureKeys.management.accessKeyId,
        "alicloud:secretKey": fixtureKeys.management.accessKeySecret,
      },
    );
    await expect(dynamic.read(fixtureAccounts.bound, {})).resolves.toMatchObject({ id: fixtureAccounts.bound });
    expect(keyUsed()).toEqual([fixtureKeys.management.accessKeyId]);
  });

  it("uses STS keys with their token from ALICLOUD_* variables", async () => {
    const sts = fixtureKeys.managementSts;
    const dynamic = providerWith({
      ALICLOUD_ACCESS_KEY: sts.accessKeyId,
      ALICLOUD_SECRET_KEY: sts.accessKeySecret,
      ALICLOUD_SECURITY_TOKEN: sts.securityToken,
    });
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
            {
              name: "default",
              mode: "AK",
              access_key_id: "LTAI5tNotThisOne0000000",
              access_key_secret: "nope",
              region_id: "cn-hangzhou",
            },
            {
              name: "landing-zone",
              mode: "AK",
              access_key_id: key.accessKeyId,
              access_key_secret: key.accessKeySecret,
              region_id: "cn-hangzhou",
            },
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
      writeFileSync(
        file,
        `[default]\ntype = access_key\naccess_key_id = ${key.accessKeyId}\naccess_key_secret = ${key.accessKeySecret}\n`,
      );
      process.env.ALIBABA_CLOUD_CREDENTIALS_FILE = file;
      const dynamic = providerWith({});
      await expect(dynamic.read(fixtureAccounts.bound, {})).resolves.toMatchObject({ id: fixtureAccounts.bound });
      expect(keyUsed()).toEqual([key.accessKeyId]);
    });
  });

  it("says where credentials can be set when none are found, without calling the service", async () => {
    await withScratchHome(async () => {
      const error = await providerWith({})
        .read(fixtureAccounts.bound, {})
        .catch((e: Error) => e);
      expect((error as Error).message).toContain("No Alibaba Cloud credentials from the default credential chain");
      expect((error as Error).message).toContain("alicloud:accessKey");
      expect(emulator.current.calls.count()).toBe(0);
    });
  });
});

/**
 * Every way the keys can be wrong ends in one message that names the cause, the source the keys came from
 * and where keys are looked up, after at most one call (a refusal of the keys is never retried), and holds
 * no secret: no AccessKeyId, secret or token, not even the one that was refused.
 */
describe("credentials and trust failures", () => {
  const mgmt = fixtureKeys.management;
  const envKeys = (key: { accessKeyId: string; accessKeySecret: string; securityToken?: string }) => ({
    ALIBABA_CLOUD_ACCESS_KEY_ID: key.accessKeyId,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: key.accessKeySecret,
    ...(key.securityToken ? { ALIBABA_CLOUD_SECURITY_TOKEN: key.securityToken } : {}),
  });
  const allSecrets = (extra: Record<string, string> = {}) => ({
    ...Object.fromEntries(
      Object.entries(fixtureKeys).flatMap(([name, key]) => [
        [`${name} id`, key.accessKeyId],
        [`${name} secret`, key.accessKeySecret],
        ...("securityToken" in key ? [[`${name} token`, key.securityToken]] : []),
      ]),
    ),
    ...extra,
  });
  const failureOf = async (dynamic: ReturnType<typeof providerWith>) => {
    // A refresh: one GetAccount, the first call any operation makes.
    const error = await dynamic.read(fixtureAccounts.bound, {}).then(
      () => undefined,
      (e: Error) => e,
    );
    if (!error) throw new Error("expected the read to fail");
    return error.message;
  };
  const LOOKUP = "Credentials are looked up in this order: stack config alicloud-secure-phone:accessKey";

  it.each([
    [
      "a wrong secret",
      envKeys({ ...mgmt, accessKeySecret: "emuWrongSecretNotReal0001" }),
      "SignatureDoesNotMatch",
      "the AccessKeySecret does not belong to the AccessKeyId",
    ],
    [
      "an unknown AccessKeyId",
      envKeys({ ...mgmt, accessKeyId: "LTAI5tEmuUnknownKey00001" }),
      "InvalidAccessKeyId.NotFound",
      "the AccessKeyId is unknown to the service",
    ],
    [
      "an expired STS token",
      envKeys(fixtureKeys.expiredSts),
      "InvalidSecurityToken.Expired",
      "the STS security token has expired",
    ],
    [
      "a caller that is not the management account",
      envKeys(fixtureKeys.member),
      "CallerIdentityError",
      "the credentials are not of the management account",
    ],
  ])(
    "%s: names the cause, the source and the lookup order, leaks nothing, calls once",
    async (_case, env, code, cause) => {
      const message = await failureOf(providerWith(env));
      expect(message).toContain(`failed with ${code}: `);
      expect(message).toContain(cause);
      expect(message).toContain(
        "Credentials used: environment ALIBABA_CLOUD_ACCESS_KEY_ID/ALIBABA_CLOUD_ACCESS_KEY_SECRET.",
      );
      expect(message).toContain(LOOKUP);
      expect(message.split(code)).toHaveLength(2); // one message, the code named once
      expect(
        leakedSecrets(
          message,
          allSecrets({ wrongSecret: "emuWrongSecretNotReal0001", unknownId: "LTAI5tEmuUnknownKey00001" }),
        ),
      ).toEqual([]);
      expect(emulator.current.calls.count()).toBe(1);
    },
  );

  it("names the stack config keys when those gave the refused keys", async () => {
    const message = await failureOf(
      providerWith({}, { "alicloud:accessKey": mgmt.accessKeyId, "alicloud:secretKey": "emuWrongSecretNotReal0002" }),
    );
    expect(message).toContain("Credentials used: stack config alicloud:accessKey/alicloud:secretKey.");
    expect(leakedSecrets(message, allSecrets({ wrongSecret: "emuWrongSecretNotReal0002" }))).toEqual([]);
  });

  it("no credentials at all (empty HOME and environment): names the cause and the lookup order, calls nothing", async () => {
    await withScratchHome(async () => {
      const message = await failureOf(providerWith({}));
      expect(message).toContain("No Alibaba Cloud credentials from the default credential chain");
      expect(message).toContain(LOOKUP);
      expect(leakedSecrets(message, allSecrets())).toEqual([]);
      expect(emulator.current.calls.count()).toBe(0);
    });
  });

  it("an http:// endpoint on a host that is not loopback: refused before credentials are read or anything is sent", async () => {
    const dynamic = createDynamicProvider({
      env: () => ({
        ...endpoints(),
        ALICLOUD_SECURE_PHONE_DIRECTORY_ENDPOINT: "http://resourcedirectory.example.com",
        ...envKeys(mgmt),
      }),
      client: { retryPolicy: FAST_RETRIES },
    });
    void dynamic.configure({ config: { get: () => undefined } });
    const message = await failureOf(dynamic);
    expect(message).toBe(
      "environment variable ALICLOUD_SECURE_PHONE_DIRECTORY_ENDPOINT is http://resourcedirectory.example.com: expected an https:// URL; plain http:// is allowed only for loopback hosts (127.0.0.1, ::1, localhost).",
    );
    expect(leakedSecrets(message, allSecrets())).toEqual([]);
    expect(emulator.current.calls.count()).toBe(0);
  });
});
