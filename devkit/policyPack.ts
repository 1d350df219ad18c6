/**
 * The policy pack as a user runs it, from a kit project's installed package
 * (`--policy-pack node_modules/pulumi-alicloud-secure-phone-policy`, its own package), with a policy config file written beside
 * the project: for measure:policy and the policy pack's engine tests.
 */

import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { PulumiProject } from "./project";
import { POLICY_PACKAGE_NAME } from "./repository";

/** The pack's folder: its package, installed in the project. */
export function policyPackDir(project: PulumiProject): string {
  return join(project.dir, "node_modules", POLICY_PACKAGE_NAME);
}

/** Writes the policy config file beside the project (not in it: a program's folder holds no policy config). */
export function writePolicyConfig(project: PulumiProject, config: Record<string, unknown>): string {
  const file = join(dirname(project.dir), "policy-config.json");
  writeFileSync(file, JSON.stringify(config, null, 2));
  return file;
}
