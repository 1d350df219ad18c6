/**
 * What the policy pack's engine tests share: the pack run as a user runs it, from the installed package
 * (`pulumi preview --policy-pack node_modules/pulumi-alicloud-secure-phone-policy`, its own package), with a policy config
 * file (`--policy-pack-config`) the test writes, and the stand-in alicloud plugin for member resources.
 */

import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { automation } from "@pulumi/pulumi";
import { policyPackDir, writePolicyConfig } from "../../devkit/policyPack";
import { REPO_ROOT, type PulumiProject } from "./pulumiProject";
import { auditText } from "../support/audit";

export { policyPackDir, writePolicyConfig };

export const MEMBER_TYPE = "alicloud:resourcemanager/account:Account";

/**
 * A preview with the pack, optionally with a config file: the text the CLI printed (audited) and the error
 * if it failed. Free of vitest (./support's outputOf is not).
 */
export async function previewWithPack(
  project: PulumiProject,
  config?: Record<string, unknown>,
  options: automation.PreviewOptions = {},
) {
  let output = "";
  const onOutput = (text: string) => (output += text);
  try {
    const result = await project.stack.preview({
      ...options,
      onOutput,
      policyPacks: [policyPackDir(project)],
      ...(config ? { policyPackConfigs: [writePolicyConfig(project, config)] } : {}),
    });
    auditText("engine output", output);
    return { result, error: undefined, output };
  } catch (error) {
    output = `${output}\n${(error as Error).message}`;
    auditText("engine output", output);
    return { result: undefined, error: error as Error, output };
  }
}

/** Points the project at the stand-in alicloud plugin (test/engine/programs/fake-alicloud) as a plugin path. */
export function useFakeAlicloudPlugin(dir: string): void {
  const projectFile = join(dir, "Pulumi.yaml");
  const path = join(REPO_ROOT, "test", "engine", "programs", "fake-alicloud");
  const text = readFileSync(projectFile, "utf8");
  const entry = `    - name: alicloud\n      path: ${path}\n`;
  writeFileSync(
    projectFile,
    text.includes("plugins:\n")
      ? text.replace("  providers:\n", `  providers:\n${entry}`)
      : `${text}plugins:\n  providers:\n${entry}`,
  );
}

export interface PrintedViolation {
  level: "mandatory" | "advisory";
  policy: string;
  /** The resource's name (the CLI prints `(type: name)`), or undefined for the stack. */
  resource?: string;
}

/**
 * The policy violations the CLI printed, each once (an error's text repeats the output): in its "Policies:"
 * summary (`- [level]  policy  (type: name)`), or with --diff inline (`pack@vX [level]  policy  (type: name)`).
 */
export function printedViolations(output: string): PrintedViolation[] {
  const seen = new Map<string, PrintedViolation>();
  for (const match of output.matchAll(
    /(?:- |@v[0-9.]+ )\[(mandatory|advisory)\]\s+([a-z-]+)\s+(?:\([^:()]+(?::[^:()]+)*: ([^()\s]+)\))?/g,
  )) {
    seen.set(match[0], { level: match[1] as PrintedViolation["level"], policy: match[2]!, resource: match[3] });
  }
  return [...seen.values()];
}

/** The resources a policy reported, sorted, each with the level it was reported at. */
export function reported(output: string, policy: string): string[] {
  return printedViolations(output)
    .filter((violation) => violation.policy === policy)
    .map((violation) => `${violation.level} ${violation.resource}`)
    .sort();
}
