/**
 * The engine suite every account-vending example on the provider plugin (YAML, Python, Go) runs, so each language is
 * held to the same steps.
 */

import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { PLUGIN_BINDING_TYPE } from "../../provider/typeTokens";
import { fixtureKeys, fixturePhones, startEmulator, type RunningEmulator } from "../../emulator";
import { sendCode } from "../support/emulator";
import {
  addVendingMembers,
  createPulumiProject,
  pluginStackConfig,
  vendingProgramConfig,
  type PulumiCli,
  type PulumiProject,
  type VendingMembers,
} from "./pulumiProject";
import { engineDescribe, leakedSecrets, outputOf } from "./support";

export const BINDING_TYPE = PLUGIN_BINDING_TYPE;

/** What the steps of a plugin program's suite share; an example's own steps get it too. */
export interface PluginProgram {
  emulator: RunningEmulator;
  project: PulumiProject;
  members: VendingMembers;
  phone: string;
  secrets(): Record<string, string>;
  calls(): string[];
  bindings(): Promise<{ type: string; id: string; urn: string; inputs: any; outputs: any }[]>;
}

/**
 * One account-vending program on the provider plugin, in any language (YAML, Python, Go), through the
 * real pulumi CLI, that language's host and the plugin run from the installed package, against the
 * emulator (China site). Every example declares the same config: three members, the security team's
 * number and its code. Steps build on each other; `extraSteps` run after refresh, before destroy.
 */
export function describePluginProgram(
  example: string,
  options: { languageHosts: string[]; extraSteps?: (program: PluginProgram) => void; setupTimeoutMs?: number },
): void {
  engineDescribe(
    `engine: examples/${example} (provider plugin)`,
    (cli: PulumiCli) => {
      const phone = fixturePhones.china.valid; // 86-13900001234
      const otherPhone = "86-13900009999";
      let code = "";
      const program = {
        phone,
        secrets: () => ({
          phone,
          otherPhone,
          managementPhone: fixturePhones.china.management,
          boundPhone: fixturePhones.china.bound,
          code,
          newCode: "805316",
          accessKeyId: fixtureKeys.management.accessKeyId,
          accessKeySecret: fixtureKeys.management.accessKeySecret,
        }),
        calls: () => program.emulator.calls.entries.map((c) => `${c.action}@${c.version}`),
        bindings: async () =>
          (
            JSON.parse(await program.project.exportStackText()).deployment.resources as Awaited<
              ReturnType<PluginProgram["bindings"]>
            >
          ).filter((r) => r.type === BINDING_TYPE),
        // The emulator, the project and the members arrive in beforeAll.
      } as Omit<PluginProgram, "emulator" | "project" | "members"> as PluginProgram;
      const { secrets, calls, bindings } = program;
      // As a user sets it. Pulumi hands YAML programs digit-only config values as numbers; the provider takes
      // exact ones as their digits (a code with a leading zero stays text on the way).
      const setCode = (value: string) => program.project.stack.setConfig("verificationCode", { value, secret: true });

      beforeAll(async () => {
        // The service shows no number (an older deployment): the steps pin that behaviour (shownPhone.test.ts covers the rest).
        const emulator = (program.emulator = await startEmulator({ site: "china", showPhone: "absent" }));
        program.members = addVendingMembers(emulator, 1510000000000301n);
        code = await sendCode(emulator, "china", program.members.security, phone);
        program.project = await createPulumiProject(example, cli);
        await program.project.stack.setAllConfig({
          ...pluginStackConfig(emulator, "china"),
          ...vendingProgramConfig(program.members, phone),
        });
        await setCode(code);
      }, options.setupTimeoutMs ?? 120_000);

      beforeEach(() => program.emulator.calls.reset());

      afterAll(async () => {
        program.project?.dispose();
        await program.emulator?.close();
      });

      it("fails preview on a bad provider setting, naming it, before any API call", async () => {
        await program.project.stack.setConfig("alicloud-secure-phone:site", { value: "mars" });
        const { error, output } = await outputOf((onOutput) => program.project.stack.preview({ onOutput }));
        await program.project.stack.setConfig("alicloud-secure-phone:site", { value: "china" });
        expect(error).toBeDefined();
        expect(output).toContain('stack config alicloud-secure-phone:site is "mars"');
        expect(leakedSecrets(output, secrets())).toEqual([]);
        expect(calls()).toEqual([]);
      }, 60_000);

      it("previews three new bindings with zero API calls, showing the masked number", async () => {
        const { result, output } = await outputOf((onOutput) =>
          program.project.stack.preview({ onOutput, diff: true }),
        );
        expect(result?.changeSummary).toEqual({ create: 4 });
        expect(output).toContain("86-139****1234");
        // YAML passes digit-only config values as numbers; check hands them on as the account ID's digits.
        expect(output).toContain(`"${program.members.appDev}"`);
        expect(leakedSecrets(output, secrets())).toEqual([]);
        expect(calls()).toEqual([]);
      }, 60_000);

      it("binds on up with one GetAccount and one BindSecureMobilePhone per member", async () => {
        const { result, output } = await outputOf((onOutput) => program.project.stack.up({ onOutput }));
        expect(result?.summary.resourceChanges).toEqual({ create: 4 });
        expect(calls().sort()).toEqual([
          ...Array(3).fill("BindSecureMobilePhone@2020-03-31"),
          ...Array(3).fill("GetAccount@2022-04-19"),
        ]);
        expect(program.emulator.directory.phoneOf(program.members.security)).toBe(phone);
        expect(program.emulator.directory.phoneOf(program.members.appDev)).toBe(fixturePhones.china.management);
        expect(result?.outputs.securityPhone).toEqual({ value: "86-139****1234", secret: false });
        expect(leakedSecrets(output, secrets())).toEqual([]);
      }, 90_000);

      it("does nothing on a second up", async () => {
        const { result } = await outputOf((onOutput) => program.project.stack.up({ onOutput }));
        expect(result?.summary.resourceChanges).toEqual({ same: 4 });
        expect(calls()).toEqual([]);
      }, 60_000);

      it("shows no change for a new verification code alone", async () => {
        await setCode("805316");
        const { result } = await outputOf((onOutput) => program.project.stack.preview({ onOutput }));
        expect(result?.changeSummary).toEqual({ same: 4 });
        expect(calls()).toEqual([]);
      }, 60_000);

      it("refuses a new number at preview, with every number masked and no API call", async () => {
        await program.project.stack.setConfig("securityTeamPhone", { value: otherPhone, secret: true });
        const { error, output } = await outputOf((onOutput) => program.project.stack.preview({ onOutput, diff: true }));
        await program.project.stack.setConfig("securityTeamPhone", { value: phone, secret: true });
        expect(error).toBeDefined();
        expect(output).toContain("the service cannot change a bound phone");
        expect(output).toContain("Bound: 86-139****1234; declared now: 86-139****9999");
        expect(leakedSecrets(output, secrets())).toEqual([]);
        expect(calls()).toEqual([]);
      }, 60_000);

      it("keeps phone, code and keys out of plain text in `pulumi stack export` and the state folder", async () => {
        const exported = await program.project.exportStackText();
        const security = (await bindings()).find((b) => b.id === program.members.security)!;
        expect(security.inputs.secureMobilePhone).toMatchObject({ ciphertext: expect.any(String) });
        expect(security.inputs.verificationCode).toMatchObject({ ciphertext: expect.any(String) });
        expect(security.outputs.secureMobilePhone).toMatchObject({ ciphertext: expect.any(String) });
        expect(security.outputs).not.toHaveProperty("verificationCode");
        expect(security.outputs.maskedSecureMobilePhone).toBe("86-139****1234");
        expect(leakedSecrets(exported, secrets())).toEqual([]);
        expect(leakedSecrets(program.project.storedText(), secrets())).toEqual([]);
      }, 60_000);

      it("converges on refresh with one GetAccount per binding, keeping the stored secret inputs", async () => {
        const { result } = await outputOf((onOutput) => program.project.stack.refresh({ onOutput }));
        expect(result?.summary.resourceChanges).toEqual({ same: 4 });
        expect(calls()).toEqual(Array(3).fill("GetAccount@2022-04-19"));
        const security = (await bindings()).find((b) => b.id === program.members.security)!;
        expect(security.inputs.secureMobilePhone).toMatchObject({ ciphertext: expect.any(String) });
        program.emulator.calls.reset();
        const after = await outputOf((onOutput) => program.project.stack.preview({ onOutput }));
        expect(after.result?.changeSummary).toEqual({ same: 4 });
        expect(calls()).toEqual([]);
      }, 60_000);

      options.extraSteps?.(program);

      it("destroys without any API call and warns per binding that the number stays bound", async () => {
        // Every resource in state but the default providers: the stack, the bindings, what extra steps added.
        const state = JSON.parse(await program.project.exportStackText()).deployment.resources as { urn: string }[];
        const deletable = state.filter((r) => !/::pulumi:providers:[^:]+::default/.test(r.urn)).length;
        program.emulator.calls.reset();
        const warnedFor = await bindings();
        const { result, output } = await outputOf((onOutput) => program.project.stack.destroy({ onOutput }));
        expect(result?.summary.resourceChanges).toMatchObject({ delete: deletable });
        // One warning per binding, none lost when the plugin stops right after its last delete.
        for (const binding of warnedFor)
          expect(output).toContain(
            `SecureMobilePhoneBinding for account ${binding.id} was removed from the stack only`,
          );
        expect(output).toContain("keeps its secure mobile phone (86-139****1234)");
        expect(calls()).toEqual([]);
        expect(program.emulator.directory.phoneOf(program.members.security)).toBe(phone);
        expect(leakedSecrets(output, secrets())).toEqual([]);
      }, 60_000);
    },
    { languageHosts: options.languageHosts },
  );
}
