/**
 * The plugin's settings reader: an explicit provider's arguments are named as arguments in messages, the default
 * provider's (stack config) as stack config keys (issue 20: a setting is named the way it was given).
 */

import { describe, expect, it } from "vitest";
import { configReaderFrom, isExplicitProvider } from "../../../provider/adapters/plugin/config";
import { wrapSecrets } from "../../../provider/adapters/plugin/wireSecrets";
import { resolveRunSettings } from "../../../provider/settings";

const refusal = (args: Record<string, unknown>, variables: Record<string, string>, explicit: boolean) => {
  try {
    resolveRunSettings(configReaderFrom(args, new Map(Object.entries(variables)), explicit), {});
  } catch (error) {
    return (error as Error).message;
  }
  return "accepted";
};

describe("isExplicitProvider", () => {
  it("tells a program's provider resource from the engine's default provider, by name or URN", () => {
    expect(isExplicitProvider("landing-zone", undefined)).toBe(true);
    expect(isExplicitProvider("", "urn:pulumi:dev::p::pulumi:providers:alicloud-secure-phone::role")).toBe(true);
    expect(isExplicitProvider("default_0_2_0", undefined)).toBe(false);
    expect(isExplicitProvider(undefined, "urn:pulumi:dev::p::pulumi:providers:alicloud-secure-phone::default")).toBe(
      false,
    );
    expect(isExplicitProvider(undefined, undefined)).toBe(false);
  });
});

describe("configReaderFrom names each value the way it was given", () => {
  it("an explicit provider's argument as a provider argument", () => {
    expect(refusal({ site: "mars" }, {}, true)).toBe(
      'provider argument site is "mars": expected "international" (alibabacloud.com) or "china" (aliyun.com).',
    );
    expect(refusal({ maxRequestsPerSecond: "fast" }, {}, true)).toMatch(
      /^provider argument maxRequestsPerSecond is "fast"/,
    );
    expect(refusal(wrapSecrets({ secretKey: "emuHalfSecretNotReal0020" }, ["secretKey"]), {}, true)).toBe(
      "provider arguments accessKey/secretKey: only one half of the key pair is set; accessKey is missing. " +
        "Set both, the secret as a secret.",
    );
  });

  it("the default provider's values, and any from an older engine's variables, as stack config", () => {
    expect(refusal({ site: "mars" }, {}, false)).toMatch(/^stack config alicloud-secure-phone:site is "mars"/);
    expect(refusal({}, { "alicloud-secure-phone:config:site": "mars" }, true)).toMatch(
      /^stack config alicloud-secure-phone:site is "mars"/,
    );
  });
});
