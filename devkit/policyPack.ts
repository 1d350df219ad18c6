/**
 * The policy pack as a user runs it, from a kit project's installed package
 * (`--policy-pack node_modules/pulumi-alicloud-secure-phone/policy`), with a policy config file written beside
 * the project: for measure:policy and the policy pack's engine tests.
 */

import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { PulumiProject } from "./project";
import { PACKAGE_NAME, POLICY_PACK_FOLDER } from "./repository";

/** The pack's folder in the project's installed package. */
export function policyPackDir(project: PulumiProject): string {
  return join(project.dir, "node_modules", PACKAGE_NAME, POLICY_PACK_FOLDER);
}

/** Writes the policy config file beside the project (not in it: a program's folder holds no policy config). */
export function writePolicyConfig(project: PulumiProject, config: Record<string, unknown>): string {
  const file = join(dirname(project.dir), "policy-config.json");
  writeFileSync(file, JSON.stringify(config, null, 2));
  return file;
}
