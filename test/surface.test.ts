/**
 * Errors carry their structure, and each surface renders it in its own words (issue 20, item 2): a program names
 * stack config keys and properties, the command line flags and variables; a setting that was given is named the
 * way it was given, on both.
 */

import { describe, expect, it } from "vitest";
import { ResourceManagerError, WireProblem, wireProblemText } from "../provider/client/errors";
import { CredentialsUnavailableError } from "../provider/client/credentials";
import { checkBinding, phoneProblem } from "../provider/rules/check";
import { SettingsError, resolveSettings } from "../provider/settings";
import { COMMAND_LINE, PROGRAM, renderedFor, settingName } from "../provider/surface";

const config = (values: Record<string, string>) => (key: string) => values[key];
const none = config({});
const PROGRAM_WORDS =
  /alicloud-secure-phone:|alicloud:|stack config [a-z]|pulumi config|\baccountId\b|\bsecureMobilePhone\b/;

function settingsErrorOf(call: () => unknown): SettingsError {
  try {
    call();
  } catch (error) {
    if (error instanceof SettingsError) return error;
    throw error;
  }
  throw new Error("expected a SettingsError");
}

describe("settings resolution records where each given value came from", () => {
  it("stack config, the environment, or nothing (the default)", () => {
    const settings = resolveSettings(config({ "alicloud-secure-phone:site": "china" }), {
      ALICLOUD_SECURE_PHONE_DIRECTORY_ENDPOINT: "https://rd.example.com",
    });
    expect(settings.sources).toEqual({
      site: { from: "config", name: "alicloud-secure-phone:site" },
      directoryEndpoint: { from: "env", name: "ALICLOUD_SECURE_PHONE_DIRECTORY_ENDPOINT" },
    });
    expect(resolveSettings(none, {})).not.toHaveProperty("sources");
  });

  it("a bad value's error carries the setting, its source and the value, not only a sentence", () => {
    const error = settingsErrorOf(() => resolveSettings(none, { ALICLOUD_SECURE_PHONE_SITE: "mars" }));
    expect(error.problem).toEqual({
      kind: "value",
      setting: "site",
      source: { from: "env", name: "ALICLOUD_SECURE_PHONE_SITE" },
      value: "mars",
    });
  });
});

describe("each surface says a setting's problem in its own words", () => {
  it("half a key pair: pulumi config advice only where stack config is read", () => {
    const error = settingsErrorOf(() => resolveSettings(none, { ALICLOUD_ACCESS_KEY: "LTAI5tHalfKeyNotReal0020" }));
    expect(error.message).toBe(error.render(PROGRAM));
    expect(error.render(PROGRAM)).toContain("Set both, the secret as a secret (pulumi config set --secret ...).");
    expect(error.render(COMMAND_LINE)).toBe(
      "environment ALICLOUD_ACCESS_KEY/ALICLOUD_SECRET_KEY: only one half of the key pair is set; ALICLOUD_SECRET_KEY is missing. Set both.",
    );
  });

  it("no credentials: the command line names no stack config key and only the places it reads", () => {
    const error = new CredentialsUnavailableError("the default credential chain");
    expect(error.message).toContain("Set alicloud:accessKey and alicloud:secretKey (as a secret) in stack config");
    const said = error.render(COMMAND_LINE);
    expect(said).toContain(
      "Set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET, or a profile (ALICLOUD_PROFILE,",
    );
    expect(said).not.toMatch(PROGRAM_WORDS);
  });
});

describe("an endpoint is named the way it was given, else as the surface reads it", () => {
  const refused = (given?: { from: "config" | "env"; name: string }): WireProblem => ({
    kind: "notSent",
    action: "GetAccount",
    endpoint: "http://127.0.0.1:9",
    setting: { id: "directoryEndpoint", given },
    networkCode: "ECONNREFUSED",
  });

  it("given in the environment: the variable, on a program too", () => {
    const problem = refused({ from: "env", name: "ALICLOUD_SECURE_PHONE_DIRECTORY_ENDPOINT" });
    for (const surface of [PROGRAM, COMMAND_LINE]) {
      expect(wireProblemText(problem, surface)).toBe(
        "GetAccount could not reach http://127.0.0.1:9 (ALICLOUD_SECURE_PHONE_DIRECTORY_ENDPOINT): ECONNREFUSED; nothing was sent.",
      );
    }
  });

  it("given in stack config: the key; not given: the program's key, or the command line's variable", () => {
    const fromConfig = refused({ from: "config", name: "alicloud-secure-phone:directoryEndpoint" });
    expect(wireProblemText(fromConfig, PROGRAM)).toContain("(alicloud-secure-phone:directoryEndpoint)");
    expect(wireProblemText(refused(), PROGRAM)).toContain("(alicloud-secure-phone:directoryEndpoint)");
    expect(wireProblemText(refused(), COMMAND_LINE)).toContain("(ALICLOUD_SECURE_PHONE_DIRECTORY_ENDPOINT)");
  });

  it("renderedFor says a structured error again for a surface, keeping its class and fields", () => {
    const problem = refused();
    const error = new ResourceManagerError(
      wireProblemText(problem),
      "GetAccount",
      "transport",
      "ECONNREFUSED",
      undefined,
      undefined,
      problem,
    );
    const said = renderedFor(error, COMMAND_LINE);
    expect(said).toBe(error);
    expect(said).toBeInstanceOf(ResourceManagerError);
    expect(said.kind).toBe("transport");
    expect(said.message).toContain("(ALICLOUD_SECURE_PHONE_DIRECTORY_ENDPOINT)");
    const plain = new Error("a bug, said as it is");
    expect(renderedFor(plain, COMMAND_LINE).message).toBe("a bug, said as it is");
  });
});

describe("the site's rule names the site's setting", () => {
  it("as given, else as the surface reads it", () => {
    expect(settingName(PROGRAM, "site")).toBe("alicloud-secure-phone:site");
    expect(settingName(COMMAND_LINE, "site")).toBe("ALICLOUD_SECURE_PHONE_SITE");
    expect(phoneProblem("86-13900001234", "international", "secureMobilePhone")).toContain(
      "or set alicloud-secure-phone:site to china",
    );
    const fromEnv = { from: "env", name: "ALICLOUD_SECURE_PHONE_SITE" } as const;
    const [failure] = checkBinding(
      {},
      { accountId: "1510000000000101", inheritSecureMobilePhoneFrom: "ManagementAccount" },
      "international",
      fromEnv,
    );
    expect(failure.reason).toContain("or set ALICLOUD_SECURE_PHONE_SITE to china.");
  });
});
