/**
 * The policy pack on a Pulumi YAML program (the provider plugin's binding type): a passing program and
 * one that violates each policy, written into one project between the steps.
 */

import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { PLUGIN_BINDING_TYPE } from "../../provider/typeTokens";
import { fixtureKeys, fixturePhones } from "../../emulator";
import { useEngineStack } from "./engineStack";
import { pluginStackConfig } from "./pulumiProject";
import { engineDescribe, leakedSecrets } from "./support";
import { MEMBER_TYPE, printedViolations, previewWithPack, reported, useFakeAlicloudPlugin } from "./policyPackSupport";

engineDescribe(
  "engine: policy pack on a YAML program",
  (cli) => {
    let base = "";
    const teamPhone = fixturePhones.china.valid;
    const ownPhone = "86-13512345678";
    const secrets = { teamPhone, ownPhone, accessKeySecret: fixtureKeys.management.accessKeySecret };
    const approved = { "approved-secure-phone": { allowedPhones: ["86-139000012**"] } };

    /** The program's resources: each member, and its binding unless `phone` is absent. */
    const writeProgram = (members: { name: string; phone?: "inherit" | "team" | "own"; protect?: boolean }[]) => {
      const lines = ["resources:"];
      for (const { name, phone, protect } of members) {
        lines.push(`  ${name}:`, `    type: ${MEMBER_TYPE}`, "    properties:", `      displayName: ${name}`);
        if (!phone) continue;
        lines.push(
          `  ${name}-phone:`,
          `    type: ${PLUGIN_BINDING_TYPE}`,
          "    properties:",
          `      accountId: \${${name}.id}`,
        );
        lines.push(
          phone === "inherit"
            ? "      inheritSecureMobilePhoneFrom: ManagementAccount"
            : `      secureMobilePhone: \${${phone}}`,
        );
        if (protect) lines.push("    options:", "      protect: true");
      }
      writeFileSync(join(engine.project.dir, "Pulumi.yaml"), `${base}${lines.join("\n")}\n`);
    };

    const engine = useEngineStack(cli, {
      example: "policy-vending-yaml",
      site: "china",
      prepare: (project) => {
        useFakeAlicloudPlugin(project.dir);
        base = readFileSync(join(project.dir, "Pulumi.yaml"), "utf8");
      },
      config: (emulator) => ({
        ...pluginStackConfig(emulator, "china"),
        team: { value: teamPhone, secret: true },
        own: { value: ownPhone, secret: true },
      }),
      setupTimeoutMs: 120_000,
    });

    it("passes members bound by the plugin's binding, protected, with approved numbers; no API call", async () => {
      writeProgram([
        { name: "app-dev", phone: "inherit", protect: true },
        { name: "security", phone: "team", protect: true },
      ]);
      const { result, error, output } = await previewWithPack(engine.project, approved);
      expect(error).toBeUndefined();
      expect(result?.changeSummary).toEqual({ create: 5 });
      expect(printedViolations(output)).toEqual([]);
      expect(leakedSecrets(output, secrets)).toEqual([]);
      expect(engine.emulator.calls.entries).toEqual([]);
    }, 120_000);

    it("fails for a member without a binding; warns for an unapproved number (masked), an unprotected binding", async () => {
      writeProgram([
        { name: "app-dev", phone: "inherit", protect: true },
        { name: "app-prod" },
        { name: "dev-own", phone: "own" },
      ]);
      const { error, output } = await previewWithPack(engine.project, approved);
      expect(error).toBeDefined();
      expect(reported(output, "member-has-secure-phone")).toEqual(["mandatory app-prod"]);
      expect(reported(output, "approved-secure-phone")).toEqual(["advisory dev-own-phone"]);
      expect(reported(output, "binding-is-protected")).toEqual(["advisory dev-own-phone"]);
      expect(output).toContain("binding 'dev-own-phone' declares secureMobilePhone 86-135****5678");
      expect(leakedSecrets(output, secrets)).toEqual([]);
      expect(engine.emulator.calls.entries).toEqual([]);
    }, 120_000);
  },
  { languageHosts: ["pulumi-language-yaml"], hostsAtCliVersion: ["pulumi-language-nodejs"] },
);
