/**
 * The plugin as a release ships it: `npm run package:plugin` builds the tarball from the packed npm package
 * (here without rebuilding lib/, which npm test built and other test files read)
 * (npm pack, then npm install of the .tgz), `pulumi plugin install --file` installs it, and a YAML program
 * that names no path runs it.
 */

import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, it } from "vitest";
import { fixtureKeys, fixturePhones, startEmulator, type RunningEmulator } from "../../emulator";
import { sendCode } from "../support/emulator";
import {
  REPO_ROOT,
  addVendingMembers,
  createPulumiProject,
  pluginStackConfig,
  vendingProgramConfig,
  type PulumiProject,
} from "./pulumiProject";
import { engineDescribe, leakedSecrets, outputOf } from "./support";

engineDescribe(
  "engine: the plugin tarball installed with `pulumi plugin install --file`",
  (cli) => {
    const phone = fixturePhones.china.valid;
    let emulator: RunningEmulator;
    let project: PulumiProject;
    let outDir: string;
    let tarball: string;
    let version: string;

    beforeAll(async () => {
      outDir = mkdtempSync(join(tmpdir(), "secure-phone-dist-"));
      const built = await promisify(execFile)("bash", [join(REPO_ROOT, "scripts/package-plugin.sh"), outDir], {
        cwd: REPO_ROOT,
        maxBuffer: 16 * 1024 * 1024,
      });
      tarball = built.stdout.trim().split("\n").pop()!;
      version = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")).version;
      emulator = await startEmulator({ site: "china" });
      project = await createPulumiProject("yaml-account-vending", cli, { plugin: "installed" });
    }, 300_000);

    afterAll(async () => {
      project?.dispose();
      rmSync(outDir, { recursive: true, force: true });
      await emulator?.close();
    });

    it("installs as resource plugin alicloud-secure-phone at the package's version", async () => {
      expect(tarball).toBe(join(outDir, `pulumi-resource-alicloud-secure-phone-v${version}.tar.gz`));
      const installed = await project.cli(
        ["plugin", "install", "resource", "alicloud-secure-phone", version, "--file", tarball],
        undefined,
        false,
      );
      expect(installed.code).toBe(0);
      const listed = await project.cli(["plugin", "ls", "--json"], undefined, false);
      expect(JSON.parse(listed.stdout)).toContainEqual(
        expect.objectContaining({ name: "alicloud-secure-phone", kind: "resource", version }),
      );
    }, 60_000);

    it("runs a YAML program's preview and up from the installed plugin", async () => {
      const members = addVendingMembers(emulator, 1510000000000311n);
      const code = await sendCode(emulator, "china", members.security, phone);
      await project.stack.setAllConfig({
        ...pluginStackConfig(emulator, "china"),
        ...vendingProgramConfig(members, phone),
        verificationCode: { value: code, secret: true },
      });
      emulator.calls.reset();
      const preview = await outputOf((onOutput) => project.stack.preview({ onOutput }));
      expect(preview.result?.changeSummary).toEqual({ create: 4 });
      expect(emulator.calls.count()).toBe(0);
      const up = await outputOf((onOutput) => project.stack.up({ onOutput }));
      expect(up.result?.summary.resourceChanges).toEqual({ create: 4 });
      expect(emulator.calls.count("BindSecureMobilePhone")).toBe(3);
      expect(emulator.directory.phoneOf(members.security)).toBe(phone);
      // No warning about a plugin found on PATH: the installed one ran.
      expect(up.output).not.toContain("from $PATH");
      expect(
        leakedSecrets(preview.output + up.output, { phone, code, secret: fixtureKeys.management.accessKeySecret }),
      ).toEqual([]);
    }, 120_000);
  },
  { languageHosts: ["pulumi-language-yaml"] },
);
