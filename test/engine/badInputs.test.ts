/**
 * A few cases of the bad-input corpus through the real CLI (the rest run at check level in
 * test/rules/corpus.test.ts): `pulumi preview` of examples/bind-with-code refuses each, names what the
 * corpus says, calls nothing, and prints no number or code.
 */

import { afterAll, beforeAll, expect, it } from "vitest";
import { fixtureKeys, startEmulator, type RunningEmulator } from "../../emulator";
import { BAD_INPUTS, secretsOf } from "../rules/bad-inputs";
import { createPulumiProject, emulatorStackConfig, type PulumiProject } from "./pulumiProject";
import { engineDescribe, leakedSecrets, outputOf } from "./support";

const THROUGH_THE_CLI = [
  "phone: full-width digits",
  "phone: + prefix",
  "phone: 300 characters of digits",
  "site: China number on the international site",
  "code: letters in it",
  "accountId: a parameter smuggled in",
  "accountId: a phone number in the wrong key",
];

engineDescribe("engine: bad inputs refused at preview", (cli) => {
  let emulator: RunningEmulator;
  let project: PulumiProject;

  beforeAll(async () => {
    emulator = await startEmulator({ site: "international" });
    project = await createPulumiProject("bind-with-code", cli);
    await project.stack.setAllConfig(emulatorStackConfig(emulator, "international"));
  }, 120_000);
  afterAll(async () => {
    project?.dispose();
    await emulator?.close();
  });

  const cases = BAD_INPUTS.filter((input) => THROUGH_THE_CLI.includes(input.name));

  it("picks string-valued international cases from the corpus", () => {
    expect(cases.map((input) => input.name)).toEqual(THROUGH_THE_CLI);
  });

  it.each(cases.map((input) => [input.name, input] as const))(
    "%s",
    async (_name, input) => {
      if (input.expected === "pass") throw new Error("only rejections here");
      const { accountId, secureMobilePhone, verificationCode } = input.news as Record<string, string>;
      await project.stack.setAllConfig({
        accountId: { value: accountId },
        secureMobilePhone: { value: secureMobilePhone, secret: true },
        verificationCode: { value: verificationCode, secret: true },
      });
      emulator.calls.reset();
      const { error, output } = await outputOf((onOutput) => project.stack.preview({ onOutput }));
      expect(error).toBeDefined();
      expect(output).toContain(input.expected.phrase);
      if (input.expected.property) expect(output).toContain(`property ${input.expected.property} value`);
      expect(output).not.toContain("property secureMobilePhone");
      expect(output).not.toContain("property verificationCode");
      expect(
        leakedSecrets(output, { ...secretsOf(input), accessKeySecret: fixtureKeys.management.accessKeySecret }),
      ).toEqual([]);
      expect(emulator.calls.count()).toBe(0);
    },
    60_000,
  );
});
