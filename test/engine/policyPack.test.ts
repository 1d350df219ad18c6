import { copyFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { fixtureKeys, fixturePhones, startEmulator, type RunningEmulator } from "../emulator";
import { REPO_ROOT, createPulumiProject, emulatorStackConfig, usePluginFromInstalledPackage, type PulumiProject } from "./pulumiProject";
import { engineDescribe, leakedSecrets } from "./support";
import { policyLines, previewWithPack, useFakeAlicloudPlugin } from "./policyPackSupport";

/**
 * The policy pack (policy/) through the real CLI, run from the installed package, on a TypeScript program
 * (test/engine/programs/policy-vending) that vends members of both member types and binds them with
 * either binding type, as config says; one project, the program varied by config between steps.
 */
engineDescribe("engine: policy pack on a TypeScript program", (cli) => {
  let emulator: RunningEmulator;
  let project: PulumiProject;
  const teamPhone = fixturePhones.china.valid; // 86-13900001234
  const ownPhone = "86-13512345678";
  const secrets = { teamPhone, ownPhone, managementPhone: fixturePhones.china.management, accessKeySecret: fixtureKeys.management.accessKeySecret };
  const approved = { "approved-secure-phone": { allowedPhones: ["86-139000012**"] } };
  const setMembers = (members: object[]) => project.stack.setConfig("members", { value: JSON.stringify(members) });
  const bound = (name: string, member: string, binding: string, phone = "inherit") => ({ name, member, binding, phone, protect: true });

  beforeAll(async () => {
    emulator = await startEmulator({ site: "china" });
    project = await createPulumiProject("policy-vending", cli);
    copyFileSync(join(REPO_ROOT, "examples", "account-vending", "resourceAccount.ts"), join(project.dir, "resourceAccount.ts"));
    usePluginFromInstalledPackage(project.dir);
    useFakeAlicloudPlugin(project.dir);
    await project.stack.setAllConfig({
      ...emulatorStackConfig(emulator, "china"),
      team: { value: teamPhone, secret: true },
      own: { value: ownPhone, secret: true },
    });
  }, 120_000);
  beforeEach(() => emulator.calls.reset());
  afterAll(async () => {
    project?.dispose();
    await emulator?.close();
  });

  it("passes members of both types bound by either binding type, account IDs unknown, no API call", async () => {
    await setMembers([bound("app-dev", "standIn", "dynamic"), bound("app-prod", "alicloud", "plugin"), bound("security", "alicloud", "dynamic", "team")]);
    const { result, error, output } = await previewWithPack(project, approved);
    console.log(output);
    expect(error).toBeUndefined();
    expect(result?.changeSummary).toEqual({ create: 7 });
    expect(policyLines(output)).toEqual([]);
    expect(leakedSecrets(output, secrets)).toEqual([]);
    expect(emulator.calls.entries).toEqual([]);
  }, 120_000);
});
