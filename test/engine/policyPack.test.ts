/**
 * The policy pack (policy/) through the real CLI, run from the installed package, on a TypeScript program
 * (test/engine/programs/policy-vending) that vends members of both member types and binds them with
 * either binding type, as config says; one project, the program varied by config between steps.
 */

import { copyFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { fixtureKeys, fixturePhones } from "../../emulator";
import { useEngineStack } from "./engineStack";
import { REPO_ROOT, emulatorStackConfig, pluginStackConfig, usePluginFromInstalledPackage } from "./pulumiProject";
import { engineDescribe, leakedSecrets, outputOf } from "./support";
import {
  policyPackDir,
  printedViolations,
  previewWithPack,
  reported,
  useFakeAlicloudPlugin,
  writePolicyConfig,
} from "./policyPackSupport";

engineDescribe(
  "engine: policy pack on a TypeScript program",
  (cli) => {
    const teamPhone = fixturePhones.china.valid; // 86-13900001234
    const ownPhone = "86-13512345678";
    const secrets = {
      teamPhone,
      ownPhone,
      managementPhone: fixturePhones.china.management,
      accessKeySecret: fixtureKeys.management.accessKeySecret,
    };
    const approved = { "approved-secure-phone": { allowedPhones: ["86-139000012**"] } };
    const setMembers = (members: object[]) =>
      engine.project.stack.setConfig("members", { value: JSON.stringify(members) });
    const bound = (name: string, member: string, binding: string, phone = "inherit") => ({
      name,
      member,
      binding,
      phone,
      protect: true,
    });

    const engine = useEngineStack(cli, {
      example: "policy-vending",
      site: "china",
      prepare: (project) => {
        copyFileSync(
          join(REPO_ROOT, "examples", "account-vending", "resourceAccount.ts"),
          join(project.dir, "resourceAccount.ts"),
        );
        usePluginFromInstalledPackage(project.dir);
        useFakeAlicloudPlugin(project.dir);
      },
      config: (emulator) => ({
        // The dynamic resources read alicloud:* keys, the plugin its own.
        ...emulatorStackConfig(emulator, "china"),
        ...pluginStackConfig(emulator, "china"),
        team: { value: teamPhone, secret: true },
        own: { value: ownPhone, secret: true },
      }),
    });

    it("passes members of both types bound by either binding type, account IDs unknown, no API call", async () => {
      await setMembers([
        bound("app-dev", "standIn", "dynamic"),
        bound("app-prod", "alicloud", "plugin"),
        bound("security", "alicloud", "dynamic", "team"),
      ]);
      const { result, error, output } = await previewWithPack(engine.project, approved);
      expect(error).toBeUndefined();
      expect(result?.changeSummary).toEqual({ create: 7 });
      expect(printedViolations(output)).toEqual([]);
      expect(leakedSecrets(output, secrets)).toEqual([]);
      expect(engine.emulator.calls.entries).toEqual([]);
    }, 120_000);

    it("fails the preview for members without a binding, naming each, while their IDs are unknown", async () => {
      await setMembers([
        { name: "app-dev", member: "standIn", binding: "none" },
        { name: "app-prod", member: "alicloud", binding: "none" },
        bound("security", "alicloud", "plugin", "team"),
      ]);
      const { error, output } = await previewWithPack(engine.project, approved);
      expect(error).toBeDefined();
      expect(reported(output, "member-has-secure-phone")).toEqual(["mandatory app-dev", "mandatory app-prod"]);
      expect(output).toContain(
        "member 'app-dev' (pulumi-nodejs:dynamic/resourcemanager:ResourceAccount) has no SecureMobilePhoneBinding",
      );
      expect(output).toContain(
        "member 'app-prod' (alicloud:resourcemanager/account:Account) has no SecureMobilePhoneBinding",
      );
      expect(output).not.toContain("member 'security'");
      // Matched on dependencies: no "can't run during preview" for the unknown account IDs.
      expect(output).not.toContain("can't run policy");
      expect(leakedSecrets(output, secrets)).toEqual([]);
      expect(engine.emulator.calls.entries).toEqual([]);
    }, 120_000);

    it("warns for an unapproved number (masked) and for inheritance when not allowed", async () => {
      await setMembers([
        bound("app-dev", "standIn", "dynamic"),
        bound("dev-own", "alicloud", "dynamic", "own"),
        bound("security", "alicloud", "plugin", "team"),
      ]);
      const strict = {
        "approved-secure-phone": { allowedPhones: ["86-139000012**", "44-77111000**"], allowInheritance: false },
      };
      const { error, output } = await previewWithPack(engine.project, strict);
      expect(error).toBeUndefined();
      expect(reported(output, "approved-secure-phone")).toEqual(["advisory app-dev-phone", "advisory dev-own-phone"]);
      expect(output).toContain(
        "binding 'dev-own-phone' declares secureMobilePhone 86-135****5678, which fits none of the 2",
      );
      expect(output).toContain("binding 'app-dev-phone' inherits the management account's phone");
      expect(output).not.toContain("binding 'security-phone' declares");
      expect(leakedSecrets(output, secrets)).toEqual([]);
      expect(engine.emulator.calls.entries).toEqual([]);
    }, 120_000);

    it("warns for a binding without protect, retainOnDelete counting once it is named in retainedBindings", async () => {
      const members = [
        { ...bound("app-dev", "standIn", "dynamic"), protect: false },
        { ...bound("app-prod", "alicloud", "plugin"), protect: false, retainOnDelete: true },
        bound("security", "alicloud", "plugin", "team"),
      ];
      await setMembers(members);
      const first = await previewWithPack(engine.project, approved);
      expect(first.error).toBeUndefined();
      // The engine does not pass retainOnDelete to policy packs: the retained binding is reported too.
      expect(reported(first.output, "binding-is-protected")).toEqual([
        "advisory app-dev-phone",
        "advisory app-prod-phone",
      ]);
      const named = await previewWithPack(engine.project, {
        ...approved,
        "binding-is-protected": { retainedBindings: ["app-prod-phone"] },
      });
      expect(named.error).toBeUndefined();
      expect(reported(named.output, "binding-is-protected")).toEqual(["advisory app-dev-phone"]);
      expect(leakedSecrets(first.output + named.output, secrets)).toEqual([]);
    }, 120_000);

    it("takes enforcement levels from the config file: a missing binding advisory, a bad number mandatory", async () => {
      await setMembers([
        { name: "app-dev", member: "standIn", binding: "none" },
        bound("dev-own", "alicloud", "dynamic", "own"),
      ]);
      const levels = {
        "member-has-secure-phone": { enforcementLevel: "advisory" },
        "approved-secure-phone": { enforcementLevel: "mandatory", allowedPhones: ["86-139000012**"] },
        "binding-is-protected": "disabled",
      };
      const { error, output } = await previewWithPack(engine.project, levels);
      expect(error).toBeDefined();
      expect(reported(output, "member-has-secure-phone")).toEqual(["advisory app-dev"]);
      expect(reported(output, "approved-secure-phone")).toEqual(["mandatory dev-own-phone"]);
      expect(reported(output, "binding-is-protected")).toEqual([]);
      expect(leakedSecrets(output, secrets)).toEqual([]);
    }, 120_000);

    it("refuses a malformed pattern in the config file by its place, never echoing it", async () => {
      const { error, output } = await previewWithPack(engine.project, {
        "approved-secure-phone": { allowedPhones: ["86-139000012**", ownPhone.replace("-", " ")] },
      });
      expect(error).toBeDefined();
      expect(output).toContain("approved-secure-phone: allowedPhones.1: Does not match pattern");
      expect(leakedSecrets(output, secrets)).toEqual([]);
      expect(output).not.toContain("13512345678");
    }, 120_000);

    it("passes again on up, account IDs known, and nothing of the numbers reaches the state", async () => {
      // Stand-in members only: they exist in the emulator once created, so the bindings can bind (by inheritance).
      await setMembers([bound("app-dev", "standIn", "dynamic"), bound("app-prod", "standIn", "plugin")]);
      const { result, error, output } = await outputOf((onOutput) =>
        engine.project.stack.up({
          onOutput,
          policyPacks: [policyPackDir(engine.project)],
          policyPackConfigs: [writePolicyConfig(engine.project, approved)],
        }),
      );
      expect(error).toBeUndefined();
      expect(result?.summary.resourceChanges).toEqual({ create: 5 });
      expect(printedViolations(output)).toEqual([]);
      expect(output).toContain("alicloud-secure-phone@v0.2.0");
      expect(
        leakedSecrets(output + engine.project.storedText() + (await engine.project.exportStackText()), secrets),
      ).toEqual([]);
    }, 180_000);
  },
  { hostsAtCliVersion: ["pulumi-language-nodejs"] },
);
