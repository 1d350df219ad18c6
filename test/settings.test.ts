/**
 * Settings resolution: site and endpoints, the order of credential settings, the adoptExisting switch and the lookup
 * text; stack config before the environment.
 */

import { describe, expect, it } from "vitest";
import { CREDENTIALS_LOOKUP, credentialsLookupText, resolveCredentialSettings } from "../provider/client/credentials";
import { resolveAdoptExisting, resolveSettings, resolveSite } from "../provider/settings";

const config = (values: Record<string, string>) => (key: string) => values[key];
const none = config({});

describe("resolveSettings", () => {
  it("defaults to the international site and the public endpoints", () => {
    expect(resolveSettings(none, {})).toEqual({
      site: "international",
      endpoint: "https://resourcemanager.aliyuncs.com",
      directoryEndpoint: "https://resourcedirectory-intl.aliyuncs.com",
      credentials: { kind: "default-chain" },
    });
  });

  it("picks the directory endpoint by site", () => {
    expect(resolveSettings(none, { ALICLOUD_SECURE_PHONE_SITE: "china" }).directoryEndpoint).toBe(
      "https://resourcedirectory.aliyuncs.com",
    );
  });

  it("prefers stack config to the environment", () => {
    const settings = resolveSettings(
      config({ "alicloud-secure-phone:site": "china", "alicloud-secure-phone:endpoint": "https://rm.example.com" }),
      { ALICLOUD_SECURE_PHONE_SITE: "international", ALICLOUD_SECURE_PHONE_ENDPOINT: "https://other.example.com" },
    );
    expect(settings.site).toBe("china");
    expect(settings.endpoint).toBe("https://rm.example.com");
  });

  it("names the setting and the expected values for an unknown site", () => {
    expect(() => resolveSite(none, { ALICLOUD_SECURE_PHONE_SITE: "eu" })).toThrow(
      'environment variable ALICLOUD_SECURE_PHONE_SITE is "eu": expected "international" (alibabacloud.com) or "china" (aliyun.com).',
    );
  });

  it.each([
    ["http://127.0.0.1:8787", "http://127.0.0.1:8787"],
    ["http://localhost:9000/", "http://localhost:9000"],
    ["http://[::1]:9000", "http://[::1]:9000"],
    ["https://resourcemanager.vpc-proxy.aliyuncs.com", "https://resourcemanager.vpc-proxy.aliyuncs.com"],
  ])("accepts %s", (endpoint, origin) => {
    expect(resolveSettings(config({ "alicloud-secure-phone:endpoint": endpoint }), {}).endpoint).toBe(origin);
  });

  it.each([
    ["http://resourcemanager.aliyuncs.com", "only for loopback hosts"],
    ["ftp://127.0.0.1", "expected an https:// URL"],
    ["resourcemanager.aliyuncs.com", "is not a URL"],
    ["https://resourcemanager.aliyuncs.com/v1?x=1", "bare origin"],
  ])("refuses %s", (endpoint, message) => {
    expect(() => resolveSettings(none, { ALICLOUD_SECURE_PHONE_DIRECTORY_ENDPOINT: endpoint })).toThrow(message);
  });
});

describe("resolveCredentialSettings", () => {
  const env = {
    ALIBABA_CLOUD_ACCESS_KEY_ID: "env-id",
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: "env-secret",
    ALICLOUD_ACCESS_KEY: "legacy-id",
    ALICLOUD_SECRET_KEY: "legacy-secret",
    ALICLOUD_PROFILE: "from-env",
  };

  it("takes the alicloud provider's stack config first, with its token", () => {
    expect(
      resolveCredentialSettings(
        config({
          "alicloud:accessKey": "cfg-id",
          "alicloud:secretKey": "cfg-secret",
          "alicloud:securityToken": "cfg-token",
        }),
        env,
      ),
    ).toMatchObject({
      kind: "static",
      accessKeyId: "cfg-id",
      accessKeySecret: "cfg-secret",
      securityToken: "cfg-token",
    });
  });

  it("takes a profile from stack config before keys from the environment", () => {
    expect(resolveCredentialSettings(config({ "alicloud:profile": "prod" }), env)).toEqual({
      kind: "profile",
      profile: "prod",
      source: "stack config alicloud:profile",
    });
  });

  it("then ALIBABA_CLOUD_*, then ALICLOUD_*, then ALICLOUD_PROFILE, then the default chain", () => {
    expect(resolveCredentialSettings(none, env)).toMatchObject({ accessKeyId: "env-id" });
    const { ALIBABA_CLOUD_ACCESS_KEY_ID: _a, ALIBABA_CLOUD_ACCESS_KEY_SECRET: _b, ...legacy } = env;
    expect(resolveCredentialSettings(none, legacy)).toMatchObject({ accessKeyId: "legacy-id" });
    expect(resolveCredentialSettings(none, { ALICLOUD_PROFILE: "from-env" })).toEqual({
      kind: "profile",
      profile: "from-env",
      source: "environment variable ALICLOUD_PROFILE",
    });
    expect(resolveCredentialSettings(none, {})).toEqual({ kind: "default-chain" });
  });

  it("refuses an STS token without its key pair", () => {
    expect(() => resolveCredentialSettings(config({ "alicloud:securityToken": "cfg-token" }), {})).toThrow(
      "alicloud:securityToken is set without alicloud:accessKey and alicloud:secretKey",
    );
  });

  it("refuses half a key pair, naming the missing half and never the value", () => {
    let message = "";
    try {
      resolveCredentialSettings(config({ "alicloud:accessKey": "cfg-id" }), {});
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain("alicloud:secretKey is missing");
    expect(message).not.toContain("cfg-id");
  });
});

describe("resolveAdoptExisting (the run-wide recovery switch)", () => {
  it("is off unless set", () => {
    expect(resolveAdoptExisting(none, {})).toBe(false);
    expect(resolveAdoptExisting(none, { ALICLOUD_SECURE_PHONE_ADOPT_EXISTING: "" })).toBe(false);
  });

  it("reads stack config first, then the environment, true or false in any case", () => {
    expect(resolveAdoptExisting(none, { ALICLOUD_SECURE_PHONE_ADOPT_EXISTING: "True" })).toBe(true);
    expect(
      resolveAdoptExisting(config({ "alicloud-secure-phone:adoptExisting": "false" }), {
        ALICLOUD_SECURE_PHONE_ADOPT_EXISTING: "true",
      }),
    ).toBe(false);
    expect(resolveAdoptExisting(config({ "alicloud-secure-phone:adoptExisting": " true " }), {})).toBe(true);
  });

  it("refuses anything else, naming the setting", () => {
    expect(() => resolveAdoptExisting(config({ "alicloud-secure-phone:adoptExisting": "1" }), {})).toThrow(
      'stack config alicloud-secure-phone:adoptExisting is "1": expected true or false.',
    );
  });
});

describe("the credential lookup text", () => {
  // Every place a credential may be, each set; the text must name them in the order the code picks them.
  const config: Record<string, string> = {
    "alicloud-secure-phone:accessKey": "LTAI5tLookupOrderKey0001",
    "alicloud-secure-phone:secretKey": "lookupOrderSecret0001",
    "alicloud-secure-phone:profile": "provider-profile",
    "alicloud:accessKey": "LTAI5tLookupOrderKey0002",
    "alicloud:secretKey": "lookupOrderSecret0002",
    "alicloud:profile": "alicloud-profile",
  };
  const env: Record<string, string> = {
    ALIBABA_CLOUD_ACCESS_KEY_ID: "LTAI5tLookupOrderKey0003",
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: "lookupOrderSecret0003",
    ALICLOUD_ACCESS_KEY: "LTAI5tLookupOrderKey0004",
    ALICLOUD_SECRET_KEY: "lookupOrderSecret0004",
    ALICLOUD_PROFILE: "env-profile",
  };

  it("names every place, in the order resolveCredentialSettings picks them, ending with the default chain", () => {
    const text = credentialsLookupText();
    expect(CREDENTIALS_LOOKUP).toBe(text);
    const [cfg, environment] = [{ ...config }, { ...env }];
    let position = -1;
    const picked: string[] = [];
    for (;;) {
      const winner = resolveCredentialSettings((key) => cfg[key], environment);
      if (winner.kind === "default-chain") break;
      // The source names the key (or variable) that won: the first of a pair, or the profile's.
      const name = winner.source.replace(/^(stack config|environment variable|environment) /, "").split("/")[0];
      picked.push(name);
      const at = text.indexOf(name, position + 1);
      expect(at, `${name} is named after what wins before it`).toBeGreaterThan(position);
      position = at;
      // Unset the winner (both halves of a pair) so the next place can win.
      const removed = Object.keys(cfg).filter(
        (k) => k === name || (name.endsWith(":accessKey") && k === name.replace("accessKey", "secretKey")),
      );
      for (const key of removed) delete cfg[key];
      for (const key of Object.keys(environment)) {
        if (key === name || (winner.kind === "static" && winner.source.includes(`/${key}`))) delete environment[key];
      }
    }
    expect(picked).toEqual([
      "alicloud-secure-phone:accessKey",
      "alicloud-secure-phone:profile",
      "alicloud:accessKey",
      "alicloud:profile",
      "ALIBABA_CLOUD_ACCESS_KEY_ID",
      "ALICLOUD_ACCESS_KEY",
      "ALICLOUD_PROFILE",
    ]);
    expect(text.indexOf("the default chain")).toBeGreaterThan(position);
    expect(text).toMatch(/^Credentials are looked up in this order: stack config alicloud-secure-phone:accessKey/);
  });
});
