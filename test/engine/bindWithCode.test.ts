/** The bind-with-code example through the real pulumi CLI, against the emulator; steps build on each other. */

import { expect, it } from "vitest";
import { fixtureKeys, fixturePhones } from "../../emulator";
import { PROVIDER_TEXT } from "../../sdk/nodejs/dynamicLoader";
import { newMemberWithCode } from "../support/emulator";
import { useEngineStack } from "./engineStack";
import { emulatorStackConfig } from "./pulumiProject";
import { engineDescribe, leakedSecrets, outputOf } from "./support";

engineDescribe("engine: examples/bind-with-code", (cli) => {
  const phone = fixturePhones.international.valid; // 1-6505550123
  const otherPhone = "1-6505550199";
  let accountId: string;
  let code: string;
  const secrets = () => ({
    phone,
    otherPhone,
    code,
    newCode: "805316",
    accessKeySecret: fixtureKeys.management.accessKeySecret,
    accessKeyId: fixtureKeys.management.accessKeyId,
  });
  const engine = useEngineStack(cli, {
    example: "bind-with-code",
    site: "international",
    // The service shows no number (an older deployment): these steps pin that behaviour (shownPhone.test.ts covers the rest).
    showPhone: "absent",
    config: async (emulator) => {
      ({ accountId, code } = await newMemberWithCode(emulator, "international", "engine-bind-with-code", phone));
      return {
        ...emulatorStackConfig(emulator, "international"),
        accountId: { value: accountId },
        secureMobilePhone: { value: phone, secret: true },
        verificationCode: { value: code, secret: true },
      };
    },
  });
  const calls = () => engine.emulator.calls.entries.map((c) => `${c.action}@${c.version}`);

  it("fails preview on bad input before any API call, naming the field", async () => {
    await engine.project.stack.setConfig("accountId", { value: "15100000-abc" });
    const { error, output } = await outputOf((onOutput) => engine.project.stack.preview({ onOutput }));
    await engine.project.stack.setConfig("accountId", { value: accountId });
    expect(error).toBeDefined();
    expect(output).toContain("accountId");
    expect(output).toContain("digits only");
    expect(calls()).toEqual([]);
  }, 60_000);

  it("previews a new binding with zero API calls and shows the masked number, not the number", async () => {
    const { result, output } = await outputOf((onOutput) => engine.project.stack.preview({ onOutput, diff: true }));
    expect(result?.changeSummary).toMatchObject({ create: 2 });
    expect(output).toContain("1-650****0123");
    expect(leakedSecrets(output, secrets())).toEqual([]);
    expect(calls()).toEqual([]);
  }, 60_000);

  it("binds on up with exactly one BindSecureMobilePhone call, after one GetAccount", async () => {
    const { result, output } = await outputOf((onOutput) => engine.project.stack.up({ onOutput }));
    expect(result?.summary.resourceChanges).toMatchObject({ create: 2 });
    expect(calls()).toEqual(["GetAccount@2022-04-19", "BindSecureMobilePhone@2020-03-31"]);
    expect(engine.emulator.calls.entries.every((c) => c.method === "POST")).toBe(true);
    expect(engine.emulator.directory.phoneOf(accountId)).toBe(phone);
    expect(result?.outputs.maskedSecureMobilePhone).toEqual({ value: "1-650****0123", secret: false });
    expect(leakedSecrets(output, secrets())).toEqual([]);
  }, 60_000);

  it("does nothing on a second up", async () => {
    const { result } = await outputOf((onOutput) => engine.project.stack.up({ onOutput }));
    expect(result?.summary.resourceChanges).toEqual({ same: 2 });
    expect(calls()).toEqual([]);
  }, 60_000);

  it("shows no change for a new verification code alone", async () => {
    await engine.project.stack.setConfig("verificationCode", { value: "805316", secret: true });
    const { result } = await outputOf((onOutput) => engine.project.stack.preview({ onOutput }));
    expect(result?.changeSummary).toEqual({ same: 2 });
    expect(calls()).toEqual([]);
  }, 60_000);

  it("refuses a new number at preview, with the clear message and every number masked", async () => {
    await engine.project.stack.setConfig("secureMobilePhone", { value: otherPhone, secret: true });
    const { error, output } = await outputOf((onOutput) => engine.project.stack.preview({ onOutput, diff: true }));
    await engine.project.stack.setConfig("secureMobilePhone", { value: phone, secret: true });
    expect(error).toBeDefined();
    expect(output).toContain("the service cannot change a bound phone");
    expect(output).toContain("Bound: 1-650****0123; declared now: 1-650****0199");
    expect(output).toContain("ignoreChanges");
    expect(leakedSecrets(output, secrets())).toEqual([]);
    // Every line that shows a number shows it masked.
    for (const line of output.split("\n")) expect(line).not.toMatch(/\b\d{1,3}-\d{7,}\b/);
    expect(calls()).toEqual([]);
  }, 60_000);

  it("keeps phone, code and credentials out of plain text in `pulumi stack export` and every stored file", async () => {
    const exported = await engine.project.exportStackText();
    const binding = JSON.parse(exported).deployment.resources.find((r: { type: string }) =>
      r.type.endsWith(":SecureMobilePhoneBinding"),
    );
    expect(binding.id).toBe(accountId);
    expect(binding.type).toBe("pulumi-nodejs:dynamic/resourcemanager:SecureMobilePhoneBinding");
    expect(binding.outputs.secureMobilePhone).toMatchObject({ ciphertext: expect.any(String) });
    expect(binding.inputs.verificationCode).toMatchObject({ ciphertext: expect.any(String) });
    expect(binding.outputs).not.toHaveProperty("verificationCode");
    expect(binding.outputs.maskedSecureMobilePhone).toBe("1-650****0123");
    expect(binding.inputs.__provider).toBe(PROVIDER_TEXT);
    expect(binding.outputs.__provider).toBe(PROVIDER_TEXT);
    expect(leakedSecrets(exported, secrets())).toEqual([]);
    expect(leakedSecrets(engine.project.storedText(), secrets())).toEqual([]);
  }, 60_000);

  it("shows no diff after installing a newer build of the package", async () => {
    engine.project.installPackage({ version: "0.2.0", providerComment: "built as release 0.2.0" });
    const { result, output } = await outputOf((onOutput) => engine.project.stack.preview({ onOutput, diff: true }));
    expect(result?.changeSummary).toEqual({ same: 2 });
    expect(output).not.toMatch(/~ |\+\+|\+-/);
    expect(calls()).toEqual([]);
  }, 60_000);

  it("converges on refresh, reading HasSecureMobilePhone", async () => {
    const first = await outputOf((onOutput) => engine.project.stack.refresh({ onOutput }));
    expect(first.result?.summary.resourceChanges).toEqual({ same: 2 });
    expect(calls()).toEqual(["GetAccount@2022-04-19"]);
    const after = await outputOf((onOutput) => engine.project.stack.preview({ onOutput }));
    expect(after.result?.changeSummary).toEqual({ same: 2 });
  }, 60_000);

  it("destroys without any API call and warns that the number stays bound", async () => {
    const { result, output } = await outputOf((onOutput) => engine.project.stack.destroy({ onOutput }));
    expect(result?.summary.resourceChanges).toEqual({ delete: 2 });
    expect(output).toContain(`SecureMobilePhoneBinding for account ${accountId} was removed from the stack only`);
    expect(output).toContain("keeps its secure mobile phone (1-650****0123)");
    expect(calls()).toEqual([]);
    expect(engine.emulator.directory.phoneOf(accountId)).toBe(phone);
  }, 60_000);

  it("refuses to bind again a member whose phone stayed bound, and adopts it with adoptExisting", async () => {
    // After destroy the member keeps its phone; declaring it again is the case of a phone bound outside the stack.
    const refused = await outputOf((onOutput) => engine.project.stack.up({ onOutput }));
    expect(refused.error).toBeDefined();
    expect(refused.output).toContain("AccountSecureMobileAlreadyExists");
    expect(refused.output).toContain("set adoptExisting: true");
    expect(calls()).toEqual(["GetAccount@2022-04-19"]);
    expect(leakedSecrets(refused.output, secrets())).toEqual([]);

    engine.emulator.calls.reset();
    await engine.project.stack.setConfig("adoptExisting", { value: "true" });
    const adopted = await outputOf((onOutput) => engine.project.stack.up({ onOutput }));
    expect(adopted.result?.summary.resourceChanges).toMatchObject({ create: 1 });
    expect(calls()).toEqual(["GetAccount@2022-04-19"]);
    const binding = JSON.parse(await engine.project.exportStackText()).deployment.resources.find(
      (r: { type: string }) => r.type.endsWith(":SecureMobilePhoneBinding"),
    );
    expect(binding.outputs).toMatchObject({ accountId, adopted: true, maskedSecureMobilePhone: "1-650****0123" });
    expect(binding.outputs).not.toHaveProperty("requestId");
  }, 90_000);
});
