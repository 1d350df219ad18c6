/**
 * Issue 17, point 2, through the real CLI: Pulumi prints every occurrence of any secret config value as
 * [secret]. A stack that holds the docs' example number as a secret (as the README has a user set it) and
 * declares a mistyped number must still read the form's examples, and what is wrong, in the check message.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { PHONE_FORMAT_HINT } from "../../provider/rules/phone";
import { createPulumiProject, emulatorStackConfig, type PulumiProject } from "./pulumiProject";
import { engineDescribe, leakedSecrets, outputOf } from "./support";

engineDescribe("engine: the bad-number message beside the docs' number as a secret", (cli) => {
  const DOCS_NUMBER = "1-6505550100"; // README.md and examples/: `pulumi config set --secret ... 1-6505550100`
  const mistyped = "+1 650 555 0123";
  let emulator: RunningEmulator;
  let project: PulumiProject;

  beforeAll(async () => {
    emulator = await startEmulator({ site: "international" });
    project = await createPulumiProject("bind-with-code", cli);
    await project.stack.setAllConfig({
      ...emulatorStackConfig(emulator, "international"),
      accountId: { value: "1510000000000101" },
      secureMobilePhone: { value: mistyped, secret: true },
      securityTeamPhone: { value: DOCS_NUMBER, secret: true },
    });
  }, 120_000);

  afterAll(async () => {
    project?.dispose();
    await emulator?.close();
  });

  it("shows the hint's examples, not [secret], and names the + and the spaces", async () => {
    const { error, output } = await outputOf((onOutput) => project.stack.preview({ onOutput }));
    expect(error).toBeDefined();
    const expected = `is not a valid number: expected ${PHONE_FORMAT_HINT}; the value given starts with a +`;
    expect(output).toContain(expected);
    expect(output).toContain("and has spaces or other blank characters.");
    expect(output).not.toContain("e.g. [secret]");
    // The docs' number is no secret to keep (the docs print it): only the mistyped one is audited.
    expect(leakedSecrets(output, { mistyped })).toEqual([]);
    expect(emulator.calls.count()).toBe(0);
  }, 120_000);
});
