/**
 * Where the development kit finds the repository and the package inside it: the root, the package's name,
 * and the folders of the plugin and the policy pack as an installed copy of the package holds them.
 */

import { join, resolve } from "node:path";

export const REPO_ROOT = resolve(__dirname, "..");
export const PACKAGE_NAME = "pulumi-alicloud-secure-phone";

/** The folder, in an installed copy of the package, that holds the provider plugin's executable. */
export const PLUGIN_FOLDER = join("provider", "cmd", "pulumi-resource-alicloud-secure-phone");
/** That folder as a user names it from the project folder, under `packages:` or to `pulumi package add`. */
export const INSTALLED_PLUGIN_FOLDER = join("node_modules", PACKAGE_NAME, PLUGIN_FOLDER);

/**
 * The policy pack is a package of its own (policy/package.json), installed beside the main one; the files of
 * policy/ it ships (its package.json's files, and the manifest).
 */
export const POLICY_PACKAGE_NAME = "pulumi-alicloud-secure-phone-policy";
export const POLICY_PACK_FILES = ["PulumiPolicy.yaml", "package.json", "bin"];
