/**
 * examples/pr-preview: the preview its GitHub Actions workflow posts on a pull request, run as the
 * official Pulumi action runs it (the options read from the workflow file), against the emulator.
 */

import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { fixtureKeys, startEmulator, type RunningEmulator } from "../../emulator";
import { newMemberWithCode } from "../support/emulator";
import { REPO_ROOT, createPulumiProject, emulatorStackConfig, type PulumiProject } from "./pulumiProject";
import { engineDescribe, leakedSecrets, outputOf } from "./support";
import { printedViolations } from "./policyPackSupport";
import { pulumiActionStep } from "./workflow";

const WORKFLOW = join(REPO_ROOT, "examples", "pr-preview", ".github", "workflows", "pulumi-preview.yml");

engineDescribe(
  "engine: examples/pr-preview",
  (cli) => {
    const step = pulumiActionStep(WORKFLOW);
    const phoneA = "1-6505550123";
    const phoneB = "1-6505550124";
    const otherPhone = "1-6505550199";
    /** A number outside the example's approved ones (policy-config.json: 1-65055501**). */
    const unapprovedPhone = "1-6505550288";
    let emulator: RunningEmulator;
    let project: PulumiProject;
    let memberA: { accountId: string; code: string };
    let memberB: { accountId: string; code: string };
    let memberC: { accountId: string; code: string };
    const secrets = () => ({
      phoneA,
      phoneB,
      otherPhone,
      codeA: memberA.code,
      codeB: memberB.code,
      unapprovedPhone,
      codeC: memberC.code,
      accessKeySecret: fixtureKeys.management.accessKeySecret,
    });
    /** The preview the workflow posts: its text (what the action comments or logs) and whether it failed. */
    const workflowPreview = () =>
      outputOf(async (onOutput) => {
        const result = await project.stack.preview(step.previewOptions);
        onOutput(result.stdout + result.stderr);
        return result;
      });
    /** A reviewer sees numbers masked only: no line shows a whole `<country code>-<number>`. */
    const unmaskedNumbers = (text: string) => text.split("\n").filter((line) => /\b\d{1,3}-\d{7,}\b/.test(line));

    beforeAll(async () => {
      emulator = await startEmulator({ site: "international" });
      memberA = await newMemberWithCode(emulator, "international", "pr-member-a", phoneA);
      memberB = await newMemberWithCode(emulator, "international", "pr-member-b", phoneB);
      memberC = await newMemberWithCode(emulator, "international", "pr-member-c", unapprovedPhone);
      project = await createPulumiProject("pr-preview", cli);
      // The stack as merged on main: member A bound.
      await project.stack.setAllConfig({
        ...emulatorStackConfig(emulator, "international"),
        members: { value: JSON.stringify([memberA.accountId]) },
        [`phone-${memberA.accountId}`]: { value: phoneA, secret: true },
        [`code-${memberA.accountId}`]: { value: memberA.code, secret: true },
      });
      const merged = await outputOf((onOutput) => project.stack.up({ onOutput }));
      if (merged.error) throw merged.error;
    }, 120_000);
    beforeEach(() => emulator.calls.reset());
    afterAll(async () => {
      project?.dispose();
      await emulator?.close();
    });

    it("is a preview with --diff through pulumi/actions, posted on the pull request, that calls no API", () => {
      expect(step.command).toBe("preview");
      expect(step.previewOptions.diff).toBe(true);
      expect(step.inputs["comment-on-pr"]).toBe("true");
      expect(step.refresh).toBe(false);
      // With the package's policy pack, run from node_modules, and the example's policy config.
      expect(step.previewOptions.policyPacks).toEqual(["node_modules/pulumi-alicloud-secure-phone-policy"]);
      expect(step.previewOptions.policyPackConfigs).toEqual(["policy-config.json"]);
    });

    it("shows a reviewer a new binding with its number masked, and makes no API call", async () => {
      await project.stack.setAllConfig({
        members: { value: JSON.stringify([memberA.accountId, memberB.accountId]) },
        [`phone-${memberB.accountId}`]: { value: phoneB, secret: true },
        [`code-${memberB.accountId}`]: { value: memberB.code, secret: true },
      });
      const { result, error, output } = await workflowPreview();
      expect(error).toBeUndefined();
      expect(result?.changeSummary).toMatchObject({ create: 1, same: 2 });
      expect(output).toContain(`+ pulumi-nodejs:dynamic/resourcemanager:SecureMobilePhoneBinding: (create)`);
      expect(output).toContain(`maskedSecureMobilePhone: "1-650****0124"`);
      expect(output).toContain("secureMobilePhone      : [secret]");
      // The pack ran and found nothing: the new number is approved, the binding protected.
      expect(output).toContain("Policy Packs run:");
      expect(output).toContain("alicloud-secure-phone|local|node_modules/pulumi-alicloud-secure-phone-policy");
      expect(printedViolations(output)).toEqual([]);
      expect(unmaskedNumbers(output)).toEqual([]);
      expect(leakedSecrets(output, secrets())).toEqual([]);
      expect(emulator.calls.entries).toEqual([]);
    }, 60_000);

    it("fails the check for a rebind, showing both numbers masked, and makes no API call", async () => {
      await project.stack.setConfig(`phone-${memberA.accountId}`, { value: otherPhone, secret: true });
      const { error, output } = await workflowPreview();
      await project.stack.setConfig(`phone-${memberA.accountId}`, { value: phoneA, secret: true });
      expect(error).toBeDefined();
      expect(output).toContain(`resource 'phone-${memberA.accountId}'`);
      expect(output).toContain("Bound: 1-650****0123; declared now: 1-650****0199");
      expect(unmaskedNumbers(output)).toEqual([]);
      expect(leakedSecrets(output, secrets())).toEqual([]);
      expect(emulator.calls.entries).toEqual([]);
    }, 60_000);

    it("warns a reviewer of a number outside the approved ones, masked, without failing the check", async () => {
      const members = [memberA.accountId, memberB.accountId];
      await project.stack.setAllConfig({
        members: { value: JSON.stringify([...members, memberC.accountId]) },
        [`phone-${memberC.accountId}`]: { value: unapprovedPhone, secret: true },
        [`code-${memberC.accountId}`]: { value: memberC.code, secret: true },
      });
      const { error, output } = await workflowPreview();
      await project.stack.setConfig("members", { value: JSON.stringify(members) });
      expect(error).toBeUndefined();
      expect(printedViolations(output)).toEqual([
        { level: "advisory", policy: "approved-secure-phone", resource: `phone-${memberC.accountId}` },
      ]);
      expect(output).toContain(
        `binding 'phone-${memberC.accountId}' declares secureMobilePhone 1-650****0288, which fits none of the 1`,
      );
      expect(unmaskedNumbers(output)).toEqual([]);
      expect(leakedSecrets(output, secrets())).toEqual([]);
      expect(emulator.calls.entries).toEqual([]);
    }, 60_000);
  },
  { hostsAtCliVersion: ["pulumi-language-nodejs"] },
);
