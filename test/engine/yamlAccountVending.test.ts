import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { fixtureAccounts, fixtureKeys, fixturePhones, startEmulator, type RunningEmulator } from "../emulator";
import { sendCode } from "../support/emulator";
import { createPulumiProject, type PulumiProject } from "./pulumiProject";
import { engineDescribe, leakedSecrets, outputOf } from "./support";

const BINDING_TYPE = "alicloud-secure-phone:resourcemanager:SecureMobilePhoneBinding";

/**
 * The YAML account-vending example through the real pulumi CLI, the YAML language host and the provider
 * plugin run from the installed package, against the emulator (China site). Steps build on each other.
 */
engineDescribe("engine: examples/yaml-account-vending (provider plugin)", (cli) => {
  const phone = fixturePhones.china.valid; // 86-13900001234
  const otherPhone = "86-13900009999";
  let emulator: RunningEmulator;
  let project: PulumiProject;
  let members: { appDev: string; appProd: string; security: string };
  let code: string;
  const secrets = () => ({
    phone,
    otherPhone,
    managementPhone: fixturePhones.china.management,
    boundPhone: fixturePhones.china.bound,
    code,
    newCode: "805316",
    accessKeyId: fixtureKeys.management.accessKeyId,
    accessKeySecret: fixtureKeys.management.accessKeySecret,
  });
  // As a user sets it. Pulumi hands YAML programs digit-only config values as numbers; the provider takes
  // exact ones as their digits (a code with a leading zero stays text on the way).
  const setCode = (value: string) => project.stack.setConfig("verificationCode", { value, secret: true });
  const calls = () => emulator.calls.entries.map((c) => `${c.action}@${c.version}`);
  const bindings = async () =>
    (JSON.parse(await project.exportStackText()).deployment.resources as { type: string; id: string; urn: string; inputs: any; outputs: any }[]).filter(
      (r) => r.type === BINDING_TYPE,
    );

  beforeAll(async () => {
    emulator = await startEmulator({ site: "china" });
    // IDs below 2^53: Pulumi hands them to a YAML program as numbers, which are exact only that far.
    const appDev = emulator.directory.addResourceAccount({ accountId: "1510000000000301", displayName: "app-dev" }).AccountId;
    const appProd = emulator.directory.addResourceAccount({ accountId: "1510000000000302", displayName: "app-prod" }).AccountId;
    const security = emulator.directory.addResourceAccount({ accountId: "1510000000000303", displayName: "security" }).AccountId;
    code = await sendCode(emulator, "china", security, phone);
    members = { appDev, appProd, security };
    project = await createPulumiProject("yaml-account-vending", cli);
    // As the README tells a plugin user: the provider's own config keys, secrets as secrets.
    await project.stack.setAllConfig({
      "alicloud-secure-phone:site": { value: "china" },
      "alicloud-secure-phone:endpoint": { value: emulator.url },
      "alicloud-secure-phone:directoryEndpoint": { value: emulator.url },
      "alicloud-secure-phone:accessKey": { value: fixtureKeys.management.accessKeyId, secret: true },
      "alicloud-secure-phone:secretKey": { value: fixtureKeys.management.accessKeySecret, secret: true },
      appDevAccountId: { value: appDev },
      appProdAccountId: { value: appProd },
      securityAccountId: { value: security },
      securityTeamPhone: { value: phone, secret: true },
    });
    await setCode(code);
  }, 120_000);

  beforeEach(() => emulator.calls.reset());

  afterAll(async () => {
    project?.dispose();
    await emulator?.close();
  });

  it("fails preview on a bad provider setting, naming it, before any API call", async () => {
    await project.stack.setConfig("alicloud-secure-phone:site", { value: "mars" });
    const { error, output } = await outputOf((onOutput) => project.stack.preview({ onOutput }));
    await project.stack.setConfig("alicloud-secure-phone:site", { value: "china" });
    expect(error).toBeDefined();
    expect(output).toContain('stack config alicloud-secure-phone:site is "mars"');
    expect(leakedSecrets(output, secrets())).toEqual([]);
    expect(calls()).toEqual([]);
  }, 60_000);

  it("previews three new bindings with zero API calls, showing the masked number", async () => {
    const { result, output } = await outputOf((onOutput) => project.stack.preview({ onOutput, diff: true }));
    expect(result?.changeSummary).toEqual({ create: 4 });
    expect(output).toContain("86-139****1234");
    // YAML passes digit-only config values as numbers; check hands them on as the account ID's digits.
    expect(output).toContain(`"${members.appDev}"`);
    expect(leakedSecrets(output, secrets())).toEqual([]);
    expect(calls()).toEqual([]);
  }, 60_000);

  it("binds on up with one GetAccount and one BindSecureMobilePhone per member", async () => {
    const { result, output } = await outputOf((onOutput) => project.stack.up({ onOutput }));
    expect(result?.summary.resourceChanges).toEqual({ create: 4 });
    expect(calls().sort()).toEqual([
      ...Array(3).fill("BindSecureMobilePhone@2020-03-31"),
      ...Array(3).fill("GetAccount@2022-04-19"),
    ]);
    expect(emulator.directory.phoneOf(members.security)).toBe(phone);
    expect(emulator.directory.phoneOf(members.appDev)).toBe(fixturePhones.china.management);
    expect(result?.outputs.securityPhone).toEqual({ value: "86-139****1234", secret: false });
    expect(leakedSecrets(output, secrets())).toEqual([]);
  }, 90_000);

  it("does nothing on a second up", async () => {
    const { result } = await outputOf((onOutput) => project.stack.up({ onOutput }));
    expect(result?.summary.resourceChanges).toEqual({ same: 4 });
    expect(calls()).toEqual([]);
  }, 60_000);

  it("shows no change for a new verification code alone", async () => {
    await setCode("805316");
    const { result } = await outputOf((onOutput) => project.stack.preview({ onOutput }));
    expect(result?.changeSummary).toEqual({ same: 4 });
    expect(calls()).toEqual([]);
  }, 60_000);

  it("refuses a new number at preview, with every number masked and no API call", async () => {
    await project.stack.setConfig("securityTeamPhone", { value: otherPhone, secret: true });
    const { error, output } = await outputOf((onOutput) => project.stack.preview({ onOutput, diff: true }));
    await project.stack.setConfig("securityTeamPhone", { value: phone, secret: true });
    expect(error).toBeDefined();
    expect(output).toContain("the service cannot change a bound phone");
    expect(output).toContain("Bound: 86-139****1234; declared now: 86-139****9999");
    expect(leakedSecrets(output, secrets())).toEqual([]);
    expect(calls()).toEqual([]);
  }, 60_000);

  it("keeps phone, code and keys out of plain text in `pulumi stack export` and the state folder", async () => {
    const exported = await project.exportStackText();
    const security = (await bindings()).find((b) => b.id === members.security)!;
    expect(security.inputs.secureMobilePhone).toMatchObject({ ciphertext: expect.any(String) });
    expect(security.inputs.verificationCode).toMatchObject({ ciphertext: expect.any(String) });
    expect(security.outputs.secureMobilePhone).toMatchObject({ ciphertext: expect.any(String) });
    expect(security.outputs).not.toHaveProperty("verificationCode");
    expect(security.outputs.maskedSecureMobilePhone).toBe("86-139****1234");
    expect(leakedSecrets(exported, secrets())).toEqual([]);
    expect(leakedSecrets(project.storedText(), secrets())).toEqual([]);
  }, 60_000);

  it("converges on refresh with one GetAccount per binding, keeping the stored secret inputs", async () => {
    const { result } = await outputOf((onOutput) => project.stack.refresh({ onOutput }));
    expect(result?.summary.resourceChanges).toEqual({ same: 4 });
    expect(calls()).toEqual(Array(3).fill("GetAccount@2022-04-19"));
    const security = (await bindings()).find((b) => b.id === members.security)!;
    expect(security.inputs.secureMobilePhone).toMatchObject({ ciphertext: expect.any(String) });
    emulator.calls.reset();
    const after = await outputOf((onOutput) => project.stack.preview({ onOutput }));
    expect(after.result?.changeSummary).toEqual({ same: 4 });
    expect(calls()).toEqual([]);
  }, 60_000);

  it("imports a member bound outside the stack with `pulumi import`: one read per pass and no bind", async () => {
    const imported = await project.cli(
      ["import", BINDING_TYPE, "log-archive-phone", fixtureAccounts.bound, "--yes", "--protect=false", "--non-interactive"],
    );
    expect(imported.code).toBe(0);
    // `pulumi import` previews, then imports: each pass reads the member once.
    expect(calls()).toEqual(Array(2).fill("GetAccount@2022-04-19"));
    // The YAML host writes the program to add: the member's ID, adopted as it is (the number stays unrevealed).
    expect(imported.stdout).toContain(`accountId: '${fixtureAccounts.bound}'`);
    expect(imported.stdout).toContain("adoptExisting: true");
    const binding = (await bindings()).find((b) => b.id === fixtureAccounts.bound)!;
    expect(binding.outputs).toEqual({ accountId: fixtureAccounts.bound, adopted: true });
    expect(leakedSecrets(imported.stdout + imported.stderr, secrets())).toEqual([]);
  }, 60_000);

  it("refuses to import a member without a phone, or one that does not exist, naming it", async () => {
    for (const [accountId, expected] of [
      [fixtureAccounts.unbound, "has no secure mobile phone"],
      [fixtureAccounts.unknown, "no member with this account ID exists"],
    ]) {
      const refused = await project.cli(["import", BINDING_TYPE, `phone-${accountId}`, accountId, "--yes", "--non-interactive"]);
      expect(refused.code).not.toBe(0);
      expect(refused.stdout + refused.stderr).toContain(`import of account ${accountId}`);
      expect(refused.stdout + refused.stderr).toContain(expected);
    }
    expect(calls()).toEqual(Array(2).fill("GetAccount@2022-04-19"));
    expect((await bindings()).map((b) => b.id)).not.toContain(fixtureAccounts.unbound);
  }, 60_000);

  it("takes a binding in with the `import` option, recording the declared number after one read", async () => {
    // The program declares the imported member the way `pulumi import` suggested, plus its known number.
    const programFile = join(project.dir, "Pulumi.yaml");
    const program = readFileSync(programFile, "utf8");
    writeFileSync(
      programFile,
      program.replace(
        "outputs:",
        [
          "  log-archive-phone:",
          `    type: ${BINDING_TYPE}`,
          "    properties:",
          `      accountId: "${fixtureAccounts.bound}"`,
          "      adoptExisting: true",
          "  archive-2-phone:",
          `    type: ${BINDING_TYPE}`,
          "    properties:",
          `      accountId: "${members.appDev}"`,
          "      inheritSecureMobilePhoneFrom: ManagementAccount",
          "    options:",
          `      import: "${members.appDev}"`,
          "outputs:",
        ].join("\n"),
      ),
    );
    // app-dev is bound by app-dev-phone already; a second resource importing it stands for a stack taking over
    // a binding: the read finds the phone, the declared inheritance is recorded without a call.
    const { result, output } = await outputOf((onOutput) => project.stack.up({ onOutput }));
    expect(result?.summary.resourceChanges).toMatchObject({ import: 1, same: 5 });
    expect(calls()).toEqual(["GetAccount@2022-04-19"]);
    const taken = (await bindings()).find((b) => b.urn.endsWith("::archive-2-phone"))!;
    expect(taken.outputs).toMatchObject({ accountId: members.appDev, adopted: true, inheritSecureMobilePhoneFrom: "ManagementAccount" });
    expect(leakedSecrets(output, secrets())).toEqual([]);
    emulator.calls.reset();
    const again = await outputOf((onOutput) => project.stack.preview({ onOutput }));
    expect(again.result?.changeSummary).toEqual({ same: 6 });
    expect(calls()).toEqual([]);
  }, 90_000);

  it("destroys without any API call and warns per binding that the number stays bound", async () => {
    const { result, output } = await outputOf((onOutput) => project.stack.destroy({ onOutput }));
    expect(result?.summary.resourceChanges).toMatchObject({ delete: 6 });
    expect(output).toContain(`SecureMobilePhoneBinding for account ${members.security} was removed from the stack only`);
    expect(output).toContain("keeps its secure mobile phone (86-139****1234)");
    expect(calls()).toEqual([]);
    expect(emulator.directory.phoneOf(members.security)).toBe(phone);
    expect(leakedSecrets(output, secrets())).toEqual([]);
  }, 60_000);
});
