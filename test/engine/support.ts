/**
 * Engine tests run whenever a pulumi CLI is found, skip with a printed reason otherwise, and fail
 * instead of skipping when SECURE_PHONE_ENGINE_TESTS=required (as .ci/run sets after building the CLI).
 * The same holds for tests that need language hosts at the CLI's own version (a policy pack needs the Node
 * host's RunPlugin): on the older hosts a machine without PULUMI_HOST_SOURCES builds, they skip, saying why.
 */

import { describe } from "vitest";
import { auditText } from "../support/audit";
import { hostsMatchCli, matchingHostsRequired } from "../../devkit/languageHosts";
import { findPulumiCli, type PulumiCli } from "./pulumiProject";
import { DYNAMIC_BINDING_TYPE, PLUGIN_BINDING_TYPE } from "../../provider/typeTokens";

/** The two ways a program declares a binding: the dynamic resource and the provider plugin's, with the class to write. */
export const BINDING_ROUTES = [
  { route: "dynamic", type: DYNAMIC_BINDING_TYPE, className: "SecureMobilePhoneBinding" },
  { route: "plugin", type: PLUGIN_BINDING_TYPE, className: "plugin.SecureMobilePhoneBinding" },
] as const;

export function engineDescribe(
  name: string,
  body: (cli: PulumiCli) => void,
  options: { languageHosts?: readonly string[]; hostsAtCliVersion?: readonly string[] } = {},
): void {
  const found = findPulumiCli(process.env.PATH, options.languageHosts);
  if ("binDir" in found) {
    const needed = options.hostsAtCliVersion ?? [];
    if (needed.length > 0 && !matchingHostsRequired() && !hostsMatchCli(found, needed)) {
      console.warn(
        `skipping engine tests "${name}": ${needed.join(", ")} older than the pulumi CLI ` +
          "(build the hosts at its version: PULUMI_HOST_SOURCES, see CONTRIBUTING.md)",
      );
      describe.skip(name, () => body(found));
      return;
    }
    describe(name, () => body(found));
    return;
  }
  if (process.env.SECURE_PHONE_ENGINE_TESTS === "required") {
    describe(name, () => {
      throw new Error(`engine tests are required (SECURE_PHONE_ENGINE_TESTS=required) but ${found.missing}`);
    });
    return;
  }
  console.warn(`skipping engine tests "${name}": ${found.missing}`);
  describe.skip(name, () => body({ binDir: "" }));
}

/** Text a user saw: what the CLI printed, and an error's text when the command failed. */
export async function outputOf<T>(
  run: (onOutput: (text: string) => void) => Promise<T>,
): Promise<{ result?: T; error?: Error; output: string }> {
  let output = "";
  try {
    const result = await run((text) => (output += text));
    auditText("engine output", output);
    return { result, output };
  } catch (error) {
    const seen = `${output}\n${(error as Error).message}`;
    auditText("engine output", seen);
    return { error: error as Error, output: seen };
  }
}

export { leakedSecrets } from "../support/audit";
