import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { automation } from "@pulumi/pulumi";
import { POLICY_PACK_FOLDER, REPO_ROOT, type PulumiProject } from "./pulumiProject";
import { outputOf } from "./support";

/**
 * What the policy pack's engine tests share: the pack run as a user runs it, from the installed package
 * (`pulumi preview --policy-pack node_modules/pulumi-alicloud-secure-phone/policy`), with a policy config
 * file (`--policy-pack-config`) the test writes, and the stand-in alicloud plugin for member resources.
 */
export const MEMBER_TYPE = "alicloud:resourcemanager/account:Account";

/** The pack's folder in the project's installed package. */
export function policyPackDir(project: PulumiProject): string {
  return join(project.dir, "node_modules", "pulumi-alicloud-secure-phone", POLICY_PACK_FOLDER);
}

/** Writes the policy config file beside the project (not in it: a program's folder holds no policy config). */
export function writePolicyConfig(project: PulumiProject, config: Record<string, unknown>): string {
  const file = join(dirname(project.dir), "policy-config.json");
  writeFileSync(file, JSON.stringify(config, null, 2));
  return file;
}

/** A preview with the pack, optionally with a config file; the text the CLI printed, and the error if it failed. */
export function previewWithPack(project: PulumiProject, config?: Record<string, unknown>, options: automation.PreviewOptions = {}) {
  return outputOf(async (onOutput) => {
    const result = await project.stack.preview({
      ...options,
      onOutput,
      policyPacks: [policyPackDir(project)],
      ...(config ? { policyPackConfigs: [writePolicyConfig(project, config)] } : {}),
    });
    return result;
  });
}

/** Points the project at the stand-in alicloud plugin (test/engine/programs/fake-alicloud) as a plugin path. */
export function useFakeAlicloudPlugin(dir: string): void {
  const projectFile = join(dir, "Pulumi.yaml");
  const path = join(REPO_ROOT, "test", "engine", "programs", "fake-alicloud");
  const text = readFileSync(projectFile, "utf8");
  const entry = `    - name: alicloud\n      path: ${path}\n`;
  writeFileSync(projectFile, text.includes("plugins:\n") ? text.replace("  providers:\n", `  providers:\n${entry}`) : `${text}plugins:\n  providers:\n${entry}`);
}

/**
 * The policy violations the CLI printed, one entry per violation: `[level] policy: resource` with the
 * message, read from the "Policies:" summary (the lines the CLI prints at the end of a preview).
 */
export function policyLines(output: string): string[] {
  return output.split("\n").filter((line) => /\[(mandatory|advisory)\]/.test(line));
}
