/**
 * The plugin taken the way users add packages now, from the npm package installed in the project: no
 * tarball, no `plugins.providers` path. A YAML program names the plugin folder under `packages:`; a Python
 * and a Go program run `pulumi package add <that folder>`, which generates a local SDK in sdks/ and links it
 * (requirements.txt, go.mod's replace) in place of the repository's sdk/python and sdk/go. Each: preview with
 * no API call, up binding each member once, destroy with no API call, no secret in the output or the state.
 */

import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { fixtureKeys, fixturePhones, startEmulator, type RunningEmulator } from "../../emulator";
import { sendCode } from "../support/emulator";
import { hostsMatchCli, matchingHostsRequired } from "../../devkit/languageHosts";
import { BINDING_TYPE } from "./pluginProgramSuite";
import {
  INSTALLED_PLUGIN_FOLDER,
  addVendingMembers,
  createPulumiProject,
  findPulumiCli,
  pluginStackConfig,
  vendingProgramConfig,
  type PulumiCli,
  type PulumiProject,
  type VendingMembers,
} from "./pulumiProject";
import { engineDescribe, leakedSecrets, outputOf } from "./support";

const PROGRAMS = [
  { example: "yaml-account-vending", hosts: ["pulumi-language-yaml"], added: "Pulumi.yaml" },
  {
    example: "python-account-vending",
    hosts: ["pulumi-language-python", "pulumi-language-python-exec"],
    added: "sdks",
  },
  // Setup builds the Go program once (warmGoBuild): minutes with a cold Go build cache, maybe beside
  // goAccountVending's own first build on the other core.
  { example: "go-account-vending", hosts: ["pulumi-language-go"], added: "sdks", setupTimeoutMs: 600_000 },
] as const;

for (const program of PROGRAMS) {
  const { example, hosts, added } = program;
  // `pulumi package add` needs the Node host's RunPlugin and the language host's Link: the hosts at the
  // CLI's version. YAML's `packages:` works on either route. Where matching hosts are not required (no
  // PULUMI_HOST_SOURCES, not CI), older hosts skip the package-add programs with the reason.
  const found = findPulumiCli(process.env.PATH, hosts);
  const hostsTooOld = () => "binDir" in found && !hostsMatchCli(found, ["pulumi-language-nodejs", hosts[0]]);
  if (added === "sdks" && !matchingHostsRequired() && hostsTooOld()) {
    console.warn(`skipping ${example} with \`pulumi package add\`: the language hosts found are older than the CLI`);
    describe.skip(`engine: examples/${example} with the plugin added as a package`, () => {});
    continue;
  }
  engineDescribe(
    `engine: examples/${example} with the plugin added as a package`,
    (cli: PulumiCli) => {
      const phone = fixturePhones.china.valid;
      let emulator: RunningEmulator;
      let project: PulumiProject;
      let members: VendingMembers;
      let code = "";
      const secrets = () => ({
        phone,
        code,
        managementPhone: fixturePhones.china.management,
        accessKeyId: fixtureKeys.management.accessKeyId,
        accessKeySecret: fixtureKeys.management.accessKeySecret,
      });
      const calls = () => emulator.calls.entries.map((c) => c.action);

      beforeAll(
        async () => {
          emulator = await startEmulator({ site: "china" });
          members = addVendingMembers(emulator, 1510000000000321n);
          code = await sendCode(emulator, "china", members.security, phone);
          project = await createPulumiProject(example, cli, { plugin: "packages" });
          await project.stack.setAllConfig({
            ...pluginStackConfig(emulator, "china"),
            ...vendingProgramConfig(members, phone),
            verificationCode: { value: code, secret: true },
          });
        },
        "setupTimeoutMs" in program ? program.setupTimeoutMs : 300_000,
      );

      beforeEach(() => emulator.calls.reset());

      afterAll(async () => {
        project?.dispose();
        await emulator?.close();
      });

      it("names the installed package's plugin folder under `packages:`, with no plugins path", () => {
        const projectFile = readFileSync(join(project.dir, "Pulumi.yaml"), "utf8");
        const entry = `^packages:\\n  alicloud-secure-phone: ${INSTALLED_PLUGIN_FOLDER}$`;
        expect(projectFile).toMatch(new RegExp(entry, "m"));
        expect(projectFile).not.toContain("plugins:");
        // `pulumi package add` generated the SDK the program imports, from the plugin's schema.
        if (added === "sdks") expect(existsSync(join(project.dir, "sdks", "alicloud-secure-phone"))).toBe(true);
      });

      it("previews with no API call", async () => {
        const { result, output } = await outputOf((onOutput) => project.stack.preview({ onOutput }));
        expect(result?.changeSummary).toEqual({ create: 4 });
        expect(calls()).toEqual([]);
        expect(leakedSecrets(output, secrets())).toEqual([]);
      }, 120_000);

      it("binds on up, once per member", async () => {
        const { result, output } = await outputOf((onOutput) => project.stack.up({ onOutput }));
        expect(result?.summary.resourceChanges).toEqual({ create: 4 });
        expect(calls().filter((action) => action === "BindSecureMobilePhone")).toHaveLength(3);
        for (const id of [members.appDev, members.appProd, members.security]) {
          expect(emulator.calls.count("BindSecureMobilePhone", id)).toBe(1);
        }
        expect(emulator.directory.phoneOf(members.security)).toBe(phone);
        expect(result?.outputs.securityPhone).toEqual({ value: "86-139****1234", secret: false });
        expect(leakedSecrets(output, secrets())).toEqual([]);
      }, 120_000);

      it("keeps phone, code and keys out of plain text in `pulumi stack export` and every stored file", async () => {
        const exported = await project.exportStackText();
        const resources = JSON.parse(exported).deployment.resources as { type: string; id: string; inputs: any }[];
        const bindings = resources.filter((r) => r.type === BINDING_TYPE);
        expect(bindings).toHaveLength(3);
        const security = bindings.find((b) => b.id === members.security)!;
        expect(security.inputs.secureMobilePhone).toMatchObject({ ciphertext: expect.any(String) });
        expect(security.inputs.verificationCode).toMatchObject({ ciphertext: expect.any(String) });
        expect(leakedSecrets(exported, secrets())).toEqual([]);
        expect(leakedSecrets(project.storedText(), secrets())).toEqual([]);
      }, 60_000);

      it("destroys with no API call", async () => {
        const { result, output } = await outputOf((onOutput) => project.stack.destroy({ onOutput }));
        expect(result?.summary.resourceChanges).toEqual({ delete: 4 });
        expect(calls()).toEqual([]);
        expect(emulator.directory.phoneOf(members.security)).toBe(phone);
        expect(leakedSecrets(output, secrets())).toEqual([]);
      }, 120_000);
    },
    { languageHosts: hosts },
  );
}
