/**
 * Engine tests run whenever a pulumi CLI is found, skip with a printed reason otherwise, and fail
 * instead of skipping when SECURE_PHONE_ENGINE_TESTS=required (as .ci/run sets after building the CLI).
 */

import { describe } from "vitest";
import { auditText } from "../support/audit";
import { findPulumiCli, type PulumiCli } from "./pulumiProject";

export function engineDescribe(
  name: string,
  body: (cli: PulumiCli) => void,
  options: { languageHosts?: readonly string[] } = {},
): void {
  const found = findPulumiCli(process.env.PATH, options.languageHosts);
  if ("binDir" in found) {
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
