import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { fixtureKeys, fixturePhones, startEmulator, type RunningEmulator } from "../../emulator";
import { createPulumiProject, pluginStackConfig, type PulumiProject } from "./pulumiProject";
import { engineDescribe, leakedSecrets } from "./support";
import { printedViolations, previewWithPack, reported, useFakeAlicloudPlugin } from "./policyPackSupport";

/**
 * The policy pack on a Python program (the plugin's generated SDK): the policies see what the Python host
 * registers, the secret number and the dependencies alike. One violating and one passing program, by config.
 */
engineDescribe(
  "engine: policy pack on a Python program",
  (cli) => {
    let emulator: RunningEmulator;
    let project: PulumiProject;
    const teamPhone = fixturePhones.china.valid;
    const ownPhone = "86-13512345678";
    const secrets = { teamPhone, ownPhone, accessKeySecret: fixtureKeys.management.accessKeySecret };
    const approved = { "approved-secure-phone": { allowedPhones: ["86-139000012**"] } };
    const setMembers = (members: object[]) => project.stack.setConfig("members", { value: JSON.stringify(members) });

    beforeAll(async () => {
      emulator = await startEmulator({ site: "china" });
      project = await createPulumiProject("policy-vending-python", cli);
      useFakeAlicloudPlugin(project.dir);
      await project.stack.setAllConfig({
        ...pluginStackConfig(emulator, "china"),
        team: { value: teamPhone, secret: true },
        own: { value: ownPhone, secret: true },
      });
    }, 300_000);
    beforeEach(() => emulator.calls.reset());
    afterAll(async () => {
      project?.dispose();
      await emulator?.close();
    });

    it("fails for a member without a binding; warns for an unapproved number (masked), an unprotected binding", async () => {
      await setMembers([
        { name: "app-dev", binding: "plugin", phone: "inherit", protect: true },
        { name: "app-prod", binding: "none" },
        { name: "dev-own", binding: "plugin", phone: "own" },
      ]);
      const { error, output } = await previewWithPack(project, approved);
      expect(error).toBeDefined();
      expect(reported(output, "member-has-secure-phone")).toEqual(["mandatory app-prod"]);
      expect(reported(output, "approved-secure-phone")).toEqual(["advisory dev-own-phone"]);
      expect(reported(output, "binding-is-protected")).toEqual(["advisory dev-own-phone"]);
      expect(output).toContain("binding 'dev-own-phone' declares secureMobilePhone 86-135****5678");
      expect(leakedSecrets(output, secrets)).toEqual([]);
      expect(emulator.calls.entries).toEqual([]);
    }, 180_000);

    it("passes members bound, protected, with approved numbers", async () => {
      await setMembers([
        { name: "app-dev", binding: "plugin", phone: "inherit", protect: true },
        { name: "security", binding: "plugin", phone: "team", protect: true },
      ]);
      const { result, error, output } = await previewWithPack(project, approved);
      expect(error).toBeUndefined();
      expect(result?.changeSummary).toEqual({ create: 5 });
      expect(printedViolations(output)).toEqual([]);
      expect(leakedSecrets(output, secrets)).toEqual([]);
      expect(emulator.calls.entries).toEqual([]);
    }, 180_000);
  },
  { languageHosts: ["pulumi-language-python"] },
);
