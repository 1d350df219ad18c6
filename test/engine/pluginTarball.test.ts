/**
 * The plugin as a release ships it: `npm run package:plugin` builds the tarball from the packed npm package
 * (here without rebuilding lib/, which npm test built and other test files read)
 * (npm pack, then npm install of the .tgz), `pulumi plugin install --file` installs it, and a YAML program
 * that names no path runs it. The packed package inside it, unpacked into a folder of its own, is what a user
 * gets from the registry: its CLI runs from there, it names its repository, and it brings no @pulumi/policy
 * (the policy pack is a package of its own). `npm run release` checks every artifact at length
 * (scripts/release-check.ts); this is its share that CI runs.
 */

import { execFile, execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
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

    it("holds the packed package as npm installs it: its CLI runs, it names its repository, no @pulumi/policy", () => {
      const unpacked = join(outDir, "unpacked");
      mkdirSync(unpacked);
      execFileSync("tar", ["-xzf", tarball, "-C", unpacked]);
      const installed = join(unpacked, "node_modules", "pulumi-alicloud-secure-phone");
      const shown = execFileSync(process.execPath, [join(installed, "lib", "cli", "main.js"), "--version"], {
        cwd: unpacked,
        encoding: "utf8",
      });
      expect(shown.trim()).toBe(version);
      const manifest = JSON.parse(readFileSync(join(installed, "package.json"), "utf8"));
      const source = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8"));
      expect(manifest.repository).toEqual(source.repository);
      expect(manifest.homepage).toBe(source.homepage);
      expect(existsSync(join(unpacked, "node_modules", "@pulumi", "policy"))).toBe(false);
      expect(existsSync(join(installed, "policy"))).toBe(false);
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
