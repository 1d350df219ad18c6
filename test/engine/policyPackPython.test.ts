/**
 * The policy pack on a Python program (the plugin's generated SDK): the policies see what the Python host
 * registers, the secret number and the dependencies alike. One violating and one passing program, by config.
 */

import { expect, it } from "vitest";
import { fixtureKeys, fixturePhones } from "../../emulator";
import { useEngineStack } from "./engineStack";
import { pluginStackConfig } from "./pulumiProject";
import { engineDescribe, leakedSecrets } from "./support";
import { printedViolations, previewWithPack, reported, useFakeAlicloudPlugin } from "./policyPackSupport";

engineDescribe(
  "engine: policy pack on a Python program",
  (cli) => {
    const teamPhone = fixturePhones.china.valid;
    const ownPhone = "86-13512345678";
    const secrets = { teamPhone, ownPhone, accessKeySecret: fixtureKeys.management.accessKeySecret };
    const approved = { "approved-secure-phone": { allowedPhones: ["86-139000012**"] } };
    const setMembers = (members: object[]) =>
      engine.project.stack.setConfig("members", { value: JSON.stringify(members) });

    const engine = useEngineStack(cli, {
      example: "policy-vending-python",
      site: "china",
      prepare: (project) => {
        useFakeAlicloudPlugin(project.dir);
      },
      config: (emulator) => ({
        ...pluginStackConfig(emulator, "china"),
        team: { value: teamPhone, secret: true },
        own: { value: ownPhone, secret: true },
      }),
      setupTimeoutMs: 300_000,
    });

    it("fails for a member without a binding; warns for an unapproved number (masked), an unprotected binding", async () => {
      await setMembers([
        { name: "app-dev", binding: "plugin", phone: "inherit", protect: true },
        { name: "app-prod", binding: "none" },
        { name: "dev-own", binding: "plugin", phone: "own" },
      ]);
      const { error, output } = await previewWithPack(engine.project, approved);
      expect(error).toBeDefined();
      expect(reported(output, "member-has-secure-phone")).toEqual(["mandatory app-prod"]);
      expect(reported(output, "approved-secure-phone")).toEqual(["advisory dev-own-phone"]);
      expect(reported(output, "binding-is-protected")).toEqual(["advisory dev-own-phone"]);
      expect(output).toContain("binding 'dev-own-phone' declares secureMobilePhone 86-135****5678");
      expect(leakedSecrets(output, secrets)).toEqual([]);
      expect(engine.emulator.calls.entries).toEqual([]);
    }, 180_000);

    it("passes members bound, protected, with approved numbers", async () => {
      await setMembers([
        { name: "app-dev", binding: "plugin", phone: "inherit", protect: true },
        { name: "security", binding: "plugin", phone: "team", protect: true },
      ]);
      const { result, error, output } = await previewWithPack(engine.project, approved);
      expect(error).toBeUndefined();
      expect(result?.changeSummary).toEqual({ create: 5 });
      expect(printedViolations(output)).toEqual([]);
      expect(leakedSecrets(output, secrets)).toEqual([]);
      expect(engine.emulator.calls.entries).toEqual([]);
    }, 180_000);
  },
  { languageHosts: ["pulumi-language-python"], hostsAtCliVersion: ["pulumi-language-nodejs"] },
);
