/**
 * The YAML account-vending example on the provider plugin (the shared suite), and what YAML adds here:
 * `pulumi import`, whose code the YAML host writes, and the `import` resource option.
 */

import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { fixtureAccounts, fixtureKeys } from "../../emulator";
import { leakedSecrets, outputOf } from "./support";
import { BINDING_TYPE, describePluginProgram, type PluginProgram } from "./pluginProgramSuite";

describePluginProgram("yaml-account-vending", {
  languageHosts: ["pulumi-language-yaml"],
  extraSteps: (program: PluginProgram) => {
    it("imports a member bound outside the stack with `pulumi import`: one read per pass and no bind", async () => {
      const imported = await program.project.cli([
        "import",
        BINDING_TYPE,
        "log-archive-phone",
        fixtureAccounts.bound,
        "--yes",
        "--protect=false",
        "--non-interactive",
      ]);
      expect(imported.code).toBe(0);
      // `pulumi import` previews, then imports: each pass reads the member once.
      expect(program.calls()).toEqual(Array(2).fill("GetAccount@2022-04-19"));
      // The YAML host writes the program to add: the member's ID, adopted as it is (the number stays unrevealed).
      expect(imported.stdout).toContain(`accountId: '${fixtureAccounts.bound}'`);
      expect(imported.stdout).toContain("adoptExisting: true");
      const binding = (await program.bindings()).find((b) => b.id === fixtureAccounts.bound)!;
      expect(binding.outputs).toEqual({ accountId: fixtureAccounts.bound, adopted: true });
      expect(leakedSecrets(imported.stdout + imported.stderr, program.secrets())).toEqual([]);
    }, 60_000);

    it("refuses to import a member without a phone, or one that does not exist, naming it", async () => {
      for (const [accountId, expected] of [
        [fixtureAccounts.unbound, "has no secure mobile phone"],
        [fixtureAccounts.unknown, "no member with this account ID exists"],
      ]) {
        const refused = await program.project.cli([
          "import",
          BINDING_TYPE,
          `phone-${accountId}`,
          accountId,
          "--yes",
          "--non-interactive",
        ]);
        expect(refused.code).not.toBe(0);
        expect(refused.stdout + refused.stderr).toContain(`import of account ${accountId}`);
        expect(refused.stdout + refused.stderr).toContain(expected);
      }
      expect(program.calls()).toEqual(Array(2).fill("GetAccount@2022-04-19"));
      expect((await program.bindings()).map((b) => b.id)).not.toContain(fixtureAccounts.unbound);
    }, 60_000);

    it("takes a binding in with the `import` option, recording the declared number after one read", async () => {
      // The program declares the imported member the way `pulumi import` suggested, plus its known number.
      const programFile = join(program.project.dir, "Pulumi.yaml");
      const declared = readFileSync(programFile, "utf8");
      writeFileSync(
        programFile,
        declared.replace(
          "outputs:",
          [
            "  log-archive-phone:",
            `    type: ${BINDING_TYPE}`,
            "    properties:",
            `      accountId: "${fixtureAccounts.bound}"`,
            "      adoptExisting: true",
            "  archive-2-phone:",
            `    type: ${BINDING_TYPE}`,
            "    properties:",
            `      accountId: "${program.members.appDev}"`,
            "      inheritSecureMobilePhoneFrom: ManagementAccount",
            "    options:",
            `      import: "${program.members.appDev}"`,
            "outputs:",
          ].join("\n"),
        ),
      );
      // app-dev is bound by app-dev-phone already; a second resource importing it stands for a stack taking over
      // a binding: the read finds the phone, the declared inheritance is recorded without a call.
      const { result, output } = await outputOf((onOutput) => program.project.stack.up({ onOutput }));
      expect(result?.summary.resourceChanges).toMatchObject({ import: 1, same: 5 });
      expect(program.calls()).toEqual(["GetAccount@2022-04-19"]);
      const taken = (await program.bindings()).find((b) => b.urn.endsWith("::archive-2-phone"))!;
      expect(taken.outputs).toMatchObject({
        accountId: program.members.appDev,
        adopted: true,
        inheritSecureMobilePhoneFrom: "ManagementAccount",
      });
      expect(leakedSecrets(output, program.secrets())).toEqual([]);
      program.emulator.calls.reset();
      const again = await outputOf((onOutput) => program.project.stack.preview({ onOutput }));
      expect(again.result?.changeSummary).toEqual({ same: 6 });
      expect(program.calls()).toEqual([]);
    }, 90_000);

    it("runs a binding through an explicit provider with the same arguments (here a role's STS key)", async () => {
      const sts = fixtureKeys.managementSts;
      program.emulator.directory.addResourceAccount({ accountId: "1510000000000304", displayName: "explicit" });
      await program.project.stack.setAllConfig({
        stsAccessKey: { value: sts.accessKeyId, secret: true },
        stsSecretKey: { value: sts.accessKeySecret, secret: true },
        stsToken: { value: sts.securityToken, secret: true },
      });
      const programFile = join(program.project.dir, "Pulumi.yaml");
      writeFileSync(
        programFile,
        readFileSync(programFile, "utf8").replace(
          "outputs:",
          [
            "  role-provider:",
            "    type: pulumi:providers:alicloud-secure-phone",
            "    properties:",
            "      site: china",
            `      endpoint: ${program.emulator.url}`,
            `      directoryEndpoint: ${program.emulator.url}`,
            "      accessKey: ${stsAccessKey}",
            "      secretKey: ${stsSecretKey}",
            "      securityToken: ${stsToken}",
            "  explicit-phone:",
            `    type: ${BINDING_TYPE}`,
            "    properties:",
            '      accountId: "1510000000000304"',
            "      inheritSecureMobilePhoneFrom: ManagementAccount",
            "    options:",
            "      provider: ${role-provider}",
            "outputs:",
          ].join("\n"),
        ),
      );
      const { result, output } = await outputOf((onOutput) => program.project.stack.up({ onOutput }));
      expect(result?.summary.resourceChanges).toMatchObject({ create: 2 });
      // Every call of the explicit provider is signed with the role's key, not the stack's default keys.
      expect(program.emulator.calls.entries.map((c) => `${c.action}:${c.accessKeyId}`)).toEqual([
        `GetAccount:${sts.accessKeyId}`,
        `BindSecureMobilePhone:${sts.accessKeyId}`,
      ]);
      const exported = await program.project.exportStackText();
      const provider = JSON.parse(exported).deployment.resources.find((r: { urn: string }) =>
        r.urn.endsWith("::role-provider"),
      );
      expect(provider.inputs.secretKey).toMatchObject({ ciphertext: expect.any(String) });
      const secrets = { ...program.secrets(), stsSecret: sts.accessKeySecret, stsToken: sts.securityToken };
      expect(leakedSecrets(output + exported + program.project.storedText(), secrets)).toEqual([]);
    }, 90_000);

    it("names an explicit provider's bad argument as its argument, not as stack config, before any call", async () => {
      const programFile = join(program.project.dir, "Pulumi.yaml");
      const good = readFileSync(programFile, "utf8");
      expect(good).toContain("      site: china\n      endpoint:");
      writeFileSync(
        programFile,
        good.replace("      site: china\n      endpoint:", "      site: mars\n      endpoint:"),
      );
      try {
        program.emulator.calls.reset();
        const { error, output } = await outputOf((onOutput) => program.project.stack.preview({ onOutput }));
        expect(error).toBeDefined();
        expect(output).toContain('provider argument site is "mars"');
        expect(output).not.toContain('stack config alicloud-secure-phone:site is "mars"');
        expect(program.calls()).toEqual([]);
      } finally {
        writeFileSync(programFile, good);
      }
    }, 90_000);
  },
});
