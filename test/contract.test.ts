/**
 * schema.json is the one source of the resource's shape (issue 20): the generated files are exactly what
 * the schema renders to (run `npm run generate:contract` after changing it), a change of the schema
 * changes them, and what the code derives from them (secrets, write-only inputs, settings) follows.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  ALWAYS_SECRET,
  BINDING_INPUTS,
  PROVIDER_CONFIG_KEYS,
  SETTING_ENVIRONMENT,
  WRITE_ONLY_INPUTS,
} from "../provider/contract";
import { ADOPT_EXISTING_ENV, DEFAULT_DIRECTORY_ENDPOINTS, DEFAULT_ENDPOINT } from "../provider/settings";
import { REPO, readSchema, renderContract, type Schema } from "../scripts/renderContract";

const schema = readSchema();

describe("the contract generated from schema.json", () => {
  it("is current: the committed files are what the schema renders to", async () => {
    const rendered = await renderContract(schema);
    expect(Object.keys(rendered).sort()).toEqual(["provider/shape.generated.ts", "sdk/nodejs/shape.generated.ts"]);
    for (const [path, text] of Object.entries(rendered)) {
      expect(readFileSync(join(REPO, path), "utf8"), `${path} is stale: run npm run generate:contract`).toBe(text);
    }
  });

  it("follows the schema: a new secret input, a setting with its variable, a narrowed property gone", async () => {
    const changed: Schema = structuredClone(schema);
    const binding = Object.values(changed.resources)[0]!;
    binding.inputProperties.nickname = { type: "string", secret: true, description: "A name." };
    changed.config.variables.region = { type: "string", description: "Environment: ALICLOUD_SECURE_PHONE_REGION." };
    changed.provider.inputProperties.region = { type: "string" };
    const rendered = await renderContract(changed);
    expect(rendered["provider/shape.generated.ts"]).toMatch(
      /BINDING_SECRET_INPUTS = \["secureMobilePhone", "verificationCode", "nickname"\]/,
    );
    expect(rendered["provider/shape.generated.ts"]).toMatch(/region: "ALICLOUD_SECURE_PHONE_REGION"/);
    expect(rendered["sdk/nodejs/shape.generated.ts"]).toMatch(/nickname\?: pulumi\.Input<string>;/);

    const withoutSite: Schema = structuredClone(schema);
    delete withoutSite.provider.inputProperties.site;
    delete withoutSite.config.variables.site;
    await expect(renderContract(withoutSite)).rejects.toThrow(/site/);
  });

  it("derives the secrets and the write-only inputs from the schema's secret flags", () => {
    expect(ALWAYS_SECRET).toEqual(["secureMobilePhone", "verificationCode", "boundSecureMobilePhone"]);
    expect(WRITE_ONLY_INPUTS).toEqual(["verificationCode"]);
    expect(BINDING_INPUTS).toEqual(Object.keys(Object.values(schema.resources)[0]!.inputProperties));
  });

  it("gives the settings their environment variables, and the schema documents the defaults in use", () => {
    expect(SETTING_ENVIRONMENT).toEqual({
      site: "ALICLOUD_SECURE_PHONE_SITE",
      endpoint: "ALICLOUD_SECURE_PHONE_ENDPOINT",
      directoryEndpoint: "ALICLOUD_SECURE_PHONE_DIRECTORY_ENDPOINT",
      maxRequestsPerSecond: "ALICLOUD_SECURE_PHONE_MAX_REQUESTS_PER_SECOND",
      adoptExisting: "ALICLOUD_SECURE_PHONE_ADOPT_EXISTING",
    });
    expect(ADOPT_EXISTING_ENV).toBe("ALICLOUD_SECURE_PHONE_ADOPT_EXISTING");
    expect(PROVIDER_CONFIG_KEYS).toEqual(Object.keys(schema.config.variables));
    const documented = (key: string) => schema.config.variables[key]!.description;
    expect(documented("endpoint")).toContain(`Default ${DEFAULT_ENDPOINT}.`);
    expect(documented("directoryEndpoint")).toContain(`${DEFAULT_DIRECTORY_ENDPOINTS.international} (international)`);
    expect(documented("directoryEndpoint")).toContain(`${DEFAULT_DIRECTORY_ENDPOINTS.china} (china)`);
  });
});
