/**
 * The engine tests' projects: the kit's (devkit/project.ts) with the tests' secrets audit handed in, so that
 * every text a project reads back (CLI output, stored state, stack export) is scanned for leaks, and with the
 * tests' own programs (test/engine/programs/<name>) found by name beside the examples.
 */

import { join } from "node:path";
import { createPulumiProject as createKitProject, type ProjectOptions, type PulumiProject } from "../../devkit/project";
import type { PulumiCli } from "../../devkit/pulumiCli";
import { REPO_ROOT } from "../../devkit/repository";
import { testAudit } from "../support/audit";

export { findPulumiCli, type PulumiCli } from "../../devkit/pulumiCli";
export {
  offlineEnvironment,
  pulumiCommandFor,
  usePluginFromInstalledPackage,
  type PulumiProject,
} from "../../devkit/project";
export { INSTALLED_PLUGIN_FOLDER, PLUGIN_FOLDER, POLICY_PACKAGE_NAME, REPO_ROOT } from "../../devkit/repository";
export {
  addVendingMembers,
  emulatorStackConfig,
  pluginStackConfig,
  vendingProgramConfig,
  type VendingMembers,
} from "../../devkit/stackConfig";

/** The engine tests' own programs, in test/engine/programs/<name>; every other name is the kit's or an example. */
const TEST_PROGRAMS: readonly string[] = [
  "shown-bindings",
  // What `pulumi new typescript` writes, without index.ts: quickStart.test.ts puts the README's example there.
  "quickstart",
  "policy-vending",
  "policy-vending-yaml",
  "policy-vending-python",
];

export function createPulumiProject(
  example: string,
  cli: PulumiCli,
  options: Omit<ProjectOptions, "audit" | "programDir"> = {},
): Promise<PulumiProject> {
  return createKitProject(example, cli, {
    ...options,
    audit: testAudit,
    programDir: TEST_PROGRAMS.includes(example) ? join(REPO_ROOT, "test", "engine", "programs", example) : undefined,
  });
}
