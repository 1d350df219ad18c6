/** The account-vending example (China site, inheritance) through the real pulumi CLI; steps build on each other. */

import { expect, it } from "vitest";
import { fixtureKeys, fixturePhones } from "../../emulator";
import { useEngineStack } from "./engineStack";
import { emulatorStackConfig } from "./pulumiProject";
import { engineDescribe, leakedSecrets, outputOf } from "./support";

engineDescribe("engine: examples/account-vending", (cli) => {
  const engine = useEngineStack(cli, {
    example: "account-vending",
    site: "china",
    config: (emulator) => ({
      ...emulatorStackConfig(emulator, "china"),
      members: { value: JSON.stringify(["app-dev", "app-prod"]) },
    }),
  });
  const ownPhone = "86-13912345678";
  const secrets = {
    managementPhone: fixturePhones.china.management,
    ownPhone,
    accessKeySecret: fixtureKeys.management.accessKeySecret,
  };
  const calls = () => engine.emulator.calls.entries.map((c) => c.action);
  const vendedIds = () =>
    engine.emulator.directory
      .accounts()
      .filter((a) => a.DisplayName.startsWith("app-"))
      .map((a) => a.AccountId);

  it("previews vending with account ids still unknown: no failure, no API call", async () => {
    const { result, error } = await outputOf((onOutput) => engine.project.stack.preview({ onOutput }));
    expect(error).toBeUndefined();
    expect(result?.changeSummary).toEqual({ create: 5 });
    expect(calls()).toEqual([]);
  }, 60_000);

  it("vends the members and binds each by inheritance, one bind call per member", async () => {
    const { result } = await outputOf((onOutput) => engine.project.stack.up({ onOutput }));
    expect(result?.summary.resourceChanges).toEqual({ create: 5 });
    expect(calls().sort()).toEqual([
      "BindSecureMobilePhone",
      "BindSecureMobilePhone",
      "CreateResourceAccount",
      "CreateResourceAccount",
      "GetAccount",
      "GetAccount",
    ]);
    expect(vendedIds()).toHaveLength(2);
    for (const id of vendedIds())
      expect(engine.emulator.directory.phoneOf(id) === fixturePhones.china.management).toBe(true);
  }, 60_000);

  it("refuses at preview to rebind inherited members to a number of their own", async () => {
    await engine.project.stack.setAllConfig({
      secureMobilePhone: { value: ownPhone, secret: true },
      verificationCode: { value: "640213", secret: true },
    });
    const { error, output } = await outputOf((onOutput) => engine.project.stack.preview({ onOutput }));
    await engine.project.stack.removeAllConfig(["secureMobilePhone", "verificationCode"]);
    expect(error).toBeDefined();
    expect(output).toContain("Bound: inherited from ManagementAccount; declared now: 86-139****5678");
    expect(leakedSecrets(output, secrets)).toEqual([]);
    expect(calls()).toEqual([]);
  }, 60_000);

  it("reads a member deleted out of band as gone on refresh", async () => {
    const [removed] = vendedIds();
    engine.emulator.directory.removeAccount(removed);
    const { result } = await outputOf((onOutput) => engine.project.stack.refresh({ onOutput }));
    expect(result?.summary.resourceChanges).toMatchObject({ delete: 1 });
    expect(calls().filter((action) => action === "GetAccount")).toHaveLength(2);
    const state = JSON.parse(await engine.project.exportStackText());
    const bindings = state.deployment.resources.filter((r: { type: string }) =>
      r.type.endsWith(":SecureMobilePhoneBinding"),
    );
    expect(bindings.map((b: { id: string }) => b.id)).toEqual(vendedIds().filter((id) => id !== removed));
  }, 60_000);

  it("destroys without API calls, warning for the binding still in state", async () => {
    const remaining = vendedIds().filter((id) => engine.emulator.directory.account(id));
    const { result, output } = await outputOf((onOutput) => engine.project.stack.destroy({ onOutput }));
    expect(result?.summary.resourceChanges).toEqual({ delete: 4 }); // the stack, two accounts, one binding
    // The CLI prints each warning twice (progress and diagnostics); one binding was left to warn about.
    const warnedFor = new Set(
      [...output.matchAll(/SecureMobilePhoneBinding for account (\d+) was removed from the stack only/g)].map(
        (m) => m[1],
      ),
    );
    expect([...warnedFor]).toEqual(remaining);
    expect(calls()).toEqual([]);
  }, 60_000);
});
